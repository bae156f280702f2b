/* NULL in every pointer argument of every call: a status, never a crash;
 * nothing written; _free(NULL) does nothing. Compiled with tu2.c, a second
 * translation unit that includes the header too. */
#include "check.h"

int second_unit_masks(const phimask_analyzer *a); /* tu2.c */

int main(void) {
  phimask_analyzer *a = NULL, *none = NULL;
  phimask_results *r = NULL;
  phimask_string *s = NULL;
  phimask_mapping *m = NULL;
  phimask_masker *mk = NULL;
  phimask_batch *b = NULL;
  phimask_detection d;
  const char *p = NULL;
  size_t n = 0;
  const char *texts[1] = {"x"};
  size_t lens[1] = {1};
  phimask_error *err = phimask_error_new();
  CHECK(err != NULL);
  CHECK(phimask_error_status(err) == PHIMASK_OK);
  CHECK(strcmp(phimask_error_message(err), "") == 0);

  /* Constructors. */
  CHECK_STATUS(phimask_analyzer_new("", 0, NULL, err), PHIMASK_NULL_ARGUMENT);
  CHECK(strcmp(phimask_error_message(err), "`out` is NULL") == 0);
  CHECK_STATUS(phimask_analyzer_new(NULL, 5, &a, err), PHIMASK_NULL_ARGUMENT);
  CHECK(a == NULL);
  CHECK_STATUS(phimask_analyzer_new_named(NULL, &a, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_new_named("safe_harbor", NULL, NULL), PHIMASK_NULL_ARGUMENT);
  CHECK(a == NULL);
  CHECK_STATUS(phimask_masker_new(NULL, 3, NULL, 0, &mk, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_masker_new("{\"type\":\"redact\"}", 17, NULL, 4, &mk, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_masker_new("{\"type\":\"redact\"}", 17, NULL, 0, NULL, err), PHIMASK_NULL_ARGUMENT);
  CHECK(mk == NULL);

  /* Calls on a NULL analyzer. */
  CHECK_STATUS(phimask_analyzer_analyze(NULL, "x", 1, 0, &r, err), PHIMASK_NULL_ARGUMENT);
  CHECK(strcmp(phimask_error_message(err), "`analyzer` is NULL") == 0);
  CHECK_STATUS(phimask_analyzer_mask(NULL, "x", 1, &s, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_mask_with(NULL, NULL, "x", 1, &s, &m, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_placeholders(NULL, "x", 1, &s, &m, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_mask_batch(NULL, texts, lens, 1, 1, &b, err), PHIMASK_NULL_ARGUMENT);
  CHECK(r == NULL && s == NULL && m == NULL && b == NULL);

  /* A real analyzer, NULL everywhere else. */
  CHECK_STATUS(phimask_analyzer_new_named("safe_harbor", &a, err), PHIMASK_OK);
  CHECK_STATUS(phimask_masker_new("{\"type\":\"redact\"}", 17, NULL, 0, &mk, err), PHIMASK_OK);
  CHECK_STATUS(phimask_analyzer_analyze(a, "x", 1, 0, NULL, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_analyze(a, NULL, 1, 0, &r, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_mask(a, "x", 1, NULL, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_mask(a, NULL, 1, &s, NULL), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_mask_with(a, NULL, "x", 1, &s, &m, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_mask_with(a, mk, "x", 1, NULL, &m, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_mask_with(a, mk, NULL, 1, &s, &m, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_placeholders(a, "x", 1, NULL, &m, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_placeholders(a, "x", 1, &s, NULL, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_placeholders(a, NULL, 1, &s, &m, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_mask_batch(a, NULL, lens, 1, 1, &b, err), PHIMASK_NULL_ARGUMENT);
  CHECK(strcmp(phimask_error_message(err), "`texts` is NULL") == 0);
  CHECK_STATUS(phimask_analyzer_mask_batch(a, texts, NULL, 1, 1, &b, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_mask_batch(a, texts, lens, 1, 1, NULL, err), PHIMASK_NULL_ARGUMENT);
  CHECK(r == NULL && s == NULL && m == NULL && b == NULL);
  /* mapping_out is optional for mask_with. */
  CHECK_STATUS(phimask_analyzer_mask_with(a, mk, "x", 1, &s, NULL, err), PHIMASK_OK);
  phimask_string_free(s);
  s = NULL;

  /* Results, strings, mappings, batches, errors: NULL handles. */
  CHECK(phimask_results_len(NULL) == 0);
  CHECK(phimask_results_items(NULL) == NULL);
  CHECK_STATUS(phimask_results_get(NULL, 0, &d, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_results_explanation_json(NULL, 0, &s, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_analyze(a, "SSN 123-45-6789", 15, 0, &r, err), PHIMASK_OK);
  CHECK_STATUS(phimask_results_get(r, 0, NULL, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_results_explanation_json(r, 0, NULL, err), PHIMASK_NULL_ARGUMENT);
  CHECK(phimask_string_ptr(NULL) == NULL);
  CHECK(phimask_string_len(NULL) == 0);
  CHECK(phimask_mapping_len(NULL) == 0);
  CHECK_STATUS(phimask_mapping_restore(NULL, "x", 1, &s, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_placeholders(a, "SSN 123-45-6789", 15, &s, &m, err), PHIMASK_OK);
  phimask_string_free(s);
  s = NULL;
  CHECK_STATUS(phimask_mapping_restore(m, "x", 1, NULL, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_mapping_restore(m, NULL, 1, &s, err), PHIMASK_NULL_ARGUMENT);
  CHECK(s == NULL);
  CHECK(phimask_batch_len(NULL) == 0);
  CHECK_STATUS(phimask_batch_get(NULL, 0, &p, &n, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_analyzer_mask_batch(a, texts, lens, 1, 1, &b, err), PHIMASK_OK);
  CHECK_STATUS(phimask_batch_get(b, 0, NULL, &n, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_batch_get(b, 0, &p, NULL, err), PHIMASK_NULL_ARGUMENT);
  CHECK(p == NULL && n == 0);
  CHECK(phimask_error_status(NULL) == PHIMASK_NULL_ARGUMENT);
  CHECK(strcmp(phimask_error_message(NULL), "") == 0);
  /* A NULL error object is fine on failure too. */
  CHECK_STATUS(phimask_analyzer_mask(NULL, NULL, 0, NULL, NULL), PHIMASK_NULL_ARGUMENT);

  CHECK(second_unit_masks(a));

  /* _free(NULL) does nothing, for every handle. */
  phimask_analyzer_free(none);
  phimask_results_free(NULL);
  phimask_string_free(NULL);
  phimask_mapping_free(NULL);
  phimask_masker_free(NULL);
  phimask_batch_free(NULL);
  phimask_error_free(NULL);

  phimask_batch_free(b);
  phimask_mapping_free(m);
  phimask_results_free(r);
  phimask_masker_free(mk);
  phimask_analyzer_free(a);
  phimask_error_free(err);
  puts("nulls: ok");
  return 0;
}
