/* A second translation unit including the header (and twice: the include
 * guard must hold), linked with nulls.c. */
#include "phimask.h"
#include "phimask.h"

#include <string.h>

int second_unit_masks(const phimask_analyzer *a);

int second_unit_masks(const phimask_analyzer *a) {
  static const char text[] = "Call 212-555-0198 today.";
  phimask_string *out = NULL;
  int ok;
  if (phimask_analyzer_mask(a, text, strlen(text), &out, NULL) != PHIMASK_OK) return 0;
  ok = strstr(phimask_string_ptr(out), "555-0198") == NULL;
  phimask_string_free(out);
  return ok;
}
