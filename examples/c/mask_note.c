/* Masks a clinical note with the Safe Harbor policy and prints it.
 *
 *   make -C examples/c run                 # masks examples/sample_note.txt
 *   ./mask_note path/to/note.txt [policy]  # policy: safe_harbor or strict
 */
#include <stdio.h>
#include <stdlib.h>

#include "phimask.h"

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, n = 0;
  if (f == NULL) return NULL;
  for (;;) {
    size_t got;
    if (n == cap) {
      char *grown;
      cap = cap ? cap * 2 : 4096;
      grown = realloc(buf, cap);
      if (grown == NULL) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = grown;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  *len = n;
  return buf;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "../sample_note.txt";
  const char *policy = argc > 2 ? argv[2] : "safe_harbor";
  phimask_analyzer *analyzer = NULL;
  phimask_string *masked = NULL;
  phimask_error *err = phimask_error_new();
  phimask_status status;
  size_t len = 0;
  char *note = read_file(path, &len);
  int rc = 1;

  if (note == NULL) {
    fprintf(stderr, "cannot read %s\n", path);
    goto done;
  }
  status = phimask_analyzer_new_named(policy, &analyzer, err);
  if (status != PHIMASK_OK) {
    fprintf(stderr, "analyzer: %s: %s\n", phimask_status_name((int)status), phimask_error_message(err));
    goto done;
  }
  /* The note is a pointer and a length: no NUL terminator needed. */
  status = phimask_analyzer_mask(analyzer, note, len, &masked, err);
  if (status != PHIMASK_OK) {
    /* The message never quotes the note. */
    fprintf(stderr, "mask: %s: %s\n", phimask_status_name((int)status), phimask_error_message(err));
    goto done;
  }
  fwrite(phimask_string_ptr(masked), 1, phimask_string_len(masked), stdout);
  rc = 0;

done:
  phimask_string_free(masked); /* each _free accepts NULL */
  phimask_analyzer_free(analyzer);
  phimask_error_free(err);
  free(note);
  return rc;
}
