/* Many pthreads share one analyzer (and one masker); each masks, analyses
 * and restores many notes and checks every result. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

#include "check.h"

#define THREADS 8
#define ROUNDS 25

struct shared {
  const phimask_analyzer *analyzer;
  const phimask_masker *masker;
  int failures;
};

static void *worker(void *arg) {
  struct shared *sh = arg;
  phimask_error *err = phimask_error_new(); /* one error object per thread */
  char note[256];
  int i;
  for (i = 0; i < ROUNDS; i++) {
    phimask_string *out = NULL, *restored = NULL;
    phimask_results *r = NULL;
    phimask_mapping *m = NULL;
    int len = snprintf(note, sizeof note,
                       "Seen last week. SSN 123-45-%04d, call (212) 555-%04d. John Smith.", i,
                       1000 + i);
    if (phimask_analyzer_mask(sh->analyzer, note, (size_t)len, &out, err) != PHIMASK_OK ||
        string_contains(out, "555-") || !string_contains(out, "last week")) {
      sh->failures++;
    }
    phimask_string_free(out);
    out = NULL;
    if (phimask_analyzer_analyze(sh->analyzer, note, (size_t)len, PHIMASK_ANALYZE_UTF16, &r, err) !=
            PHIMASK_OK ||
        phimask_results_len(r) < 2) {
      sh->failures++;
    }
    phimask_results_free(r);
    if (phimask_analyzer_placeholders(sh->analyzer, note, (size_t)len, &out, &m, err) != PHIMASK_OK ||
        phimask_mapping_restore(m, phimask_string_ptr(out), phimask_string_len(out), &restored, err) !=
            PHIMASK_OK ||
        phimask_string_len(restored) != (size_t)len ||
        memcmp(phimask_string_ptr(restored), note, (size_t)len) != 0) {
      sh->failures++;
    }
    phimask_string_free(out);
    phimask_string_free(restored);
    phimask_mapping_free(m);
    out = NULL;
    if (phimask_analyzer_mask_with(sh->analyzer, sh->masker, note, (size_t)len, &out, NULL, err) !=
            PHIMASK_OK ||
        !string_contains(out, "<US_SSN>")) {
      sh->failures++;
    }
    phimask_string_free(out);
  }
  phimask_error_free(err);
  return NULL;
}

int main(void) {
  phimask_analyzer *a = NULL;
  phimask_masker *m = NULL;
  pthread_t t[THREADS];
  struct shared sh[THREADS];
  int i, failures = 0;
  CHECK_STATUS(phimask_analyzer_new_named("safe_harbor", &a, NULL), PHIMASK_OK);
  CHECK_STATUS(phimask_masker_new("{\"type\":\"replace\"}", 18, NULL, 0, &m, NULL), PHIMASK_OK);
  for (i = 0; i < THREADS; i++) {
    sh[i].analyzer = a;
    sh[i].masker = m;
    sh[i].failures = 0;
    CHECK(pthread_create(&t[i], NULL, worker, &sh[i]) == 0);
  }
  for (i = 0; i < THREADS; i++) {
    CHECK(pthread_join(t[i], NULL) == 0);
    failures += sh[i].failures;
  }
  CHECK(failures == 0);
  /* The batch call's own threads, from several C threads' worth of texts. */
  {
    const char *texts[64];
    size_t lens[64];
    phimask_batch *b = NULL;
    static const char note[] = "SSN 123-45-6789 seen last week";
    for (i = 0; i < 64; i++) {
      texts[i] = note;
      lens[i] = strlen(note);
    }
    CHECK_STATUS(phimask_analyzer_mask_batch(a, texts, lens, 64, 4, &b, NULL), PHIMASK_OK);
    for (i = 0; i < 64; i++) {
      const char *p = NULL;
      size_t n = 0;
      CHECK_STATUS(phimask_batch_get(b, (size_t)i, &p, &n, NULL), PHIMASK_OK);
      CHECK(!contains(p, n, "6789") && contains(p, n, "last week"));
    }
    phimask_batch_free(b);
  }
  phimask_masker_free(m);
  phimask_analyzer_free(a);
  printf("threads: ok (%d threads x %d rounds)\n", THREADS, ROUNDS);
  return 0;
}
