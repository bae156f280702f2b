/* N analyze/mask calls (10,000 by default; argv[1] overrides) with every
 * result freed: LeakSanitizer or valgrind reports any leak. */
#include "check.h"

int main(int argc, char **argv) {
  long calls = argc > 1 ? strtol(argv[1], NULL, 10) : 10000;
  long i;
  phimask_analyzer *a = NULL;
  phimask_error *err = phimask_error_new();
  static const char note[] = "Pt John Smith, SSN 123-45-6789, seen last week.";
  static const char bad[] = "bad \xFF";
  CHECK(calls > 0);
  CHECK_STATUS(phimask_analyzer_new_named("safe_harbor", &a, err), PHIMASK_OK);
  for (i = 0; i < calls; i += 2) {
    phimask_string *out = NULL;
    phimask_results *r = NULL;
    CHECK_STATUS(phimask_analyzer_mask(a, note, strlen(note), &out, err), PHIMASK_OK);
    CHECK(!string_contains(out, "6789"));
    phimask_string_free(out);
    CHECK_STATUS(phimask_analyzer_analyze(a, note, strlen(note), PHIMASK_ANALYZE_UTF16, &r, err),
                 PHIMASK_OK);
    CHECK(phimask_results_len(r) >= 2);
    phimask_results_free(r);
    if (i % 100 == 0) {
      /* Failures allocate messages into the error object: no leak either. */
      CHECK_STATUS(phimask_analyzer_mask(a, bad, strlen(bad), &out, err), PHIMASK_INVALID_UTF8);
    }
  }
  phimask_analyzer_free(a);
  phimask_error_free(err);
  printf("leak: ok (%ld calls)\n", calls);
  return 0;
}
