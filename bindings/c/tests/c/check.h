/* Shared helpers of the C tests: CHECK aborts the test with a message. */
#ifndef PHIMASK_TEST_CHECK_H
#define PHIMASK_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phimask.h"

#define CHECK(cond)                                                           \
  do {                                                                        \
    if (!(cond)) {                                                            \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      exit(1);                                                                \
    }                                                                         \
  } while (0)

/* Checks that `call` returns `expected`, printing both names otherwise. */
#define CHECK_STATUS(call, expected)                                          \
  do {                                                                        \
    phimask_status got_ = (call);                                             \
    if (got_ != (expected)) {                                                 \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s\n", __FILE__,      \
              __LINE__, #call, phimask_status_name((int)got_),                \
              phimask_status_name((int)(expected)));                          \
      exit(1);                                                                \
    }                                                                         \
  } while (0)

/* True when the `len` bytes at `hay` contain the NUL-terminated `needle`. */
static inline int contains(const char *hay, size_t len, const char *needle) {
  size_t n = strlen(needle);
  size_t i;
  if (n > len) return 0;
  for (i = 0; i + n <= len; i++) {
    if (memcmp(hay + i, needle, n) == 0) return 1;
  }
  return 0;
}

static inline int string_contains(const phimask_string *s, const char *needle) {
  return contains(phimask_string_ptr(s), phimask_string_len(s), needle);
}

#endif
