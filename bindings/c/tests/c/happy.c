/* The happy path of every call, plus invalid UTF-8, bad policies, zero and
 * huge lengths and a pathological pattern: each gets a status, never a
 * crash. */
#include "check.h"

static const char NOTE[] =
    "Patient John Smith, SSN 123-45-6789, phone (212) 555-0198.\n"
    "Seen last week for follow-up; a 45-year-old man.";

static phimask_analyzer *named(const char *name) {
  phimask_analyzer *a = NULL;
  CHECK_STATUS(phimask_analyzer_new_named(name, &a, NULL), PHIMASK_OK);
  CHECK(a != NULL);
  return a;
}

static void test_version(void) {
  const char *v = phimask_version();
  CHECK(v != NULL && strlen(v) >= 5);
  CHECK(strcmp(phimask_status_name(PHIMASK_OK), "PHIMASK_OK") == 0);
  CHECK(strcmp(phimask_status_name(PHIMASK_BACKTRACK_LIMIT), "PHIMASK_BACKTRACK_LIMIT") == 0);
  CHECK(strcmp(phimask_status_name(999), "PHIMASK_UNKNOWN_STATUS") == 0);
  CHECK(strcmp(phimask_status_name(-1), "PHIMASK_UNKNOWN_STATUS") == 0);
}

static void test_mask(void) {
  phimask_analyzer *a = named("safe_harbor");
  phimask_string *out = NULL;
  CHECK_STATUS(phimask_analyzer_mask(a, NOTE, strlen(NOTE), &out, NULL), PHIMASK_OK);
  CHECK(out != NULL);
  CHECK(!string_contains(out, "John"));
  CHECK(!string_contains(out, "Smith"));
  CHECK(!string_contains(out, "6789"));
  CHECK(!string_contains(out, "555-0198"));
  CHECK(string_contains(out, "last week"));
  CHECK(string_contains(out, "45-year-old"));
  CHECK(string_contains(out, "\xE2\x97\x8F")); /* U+25CF */
  /* NUL-terminated too, and the length excludes the NUL. */
  CHECK(strlen(phimask_string_ptr(out)) == phimask_string_len(out));
  phimask_string_free(out);
  phimask_analyzer_free(a);
}

static void test_analyze(void) {
  phimask_analyzer *a = named("safe_harbor");
  /* "Café 😀 " before the SSN: bytes and UTF-16 units differ. */
  static const char text[] = "Caf\xC3\xA9 \xF0\x9F\x98\x80 SSN 123-45-6789.";
  phimask_results *r = NULL;
  const phimask_detection *items;
  size_t n, i, found = 0;
  CHECK_STATUS(phimask_analyzer_analyze(a, text, strlen(text), PHIMASK_ANALYZE_UTF16, &r, NULL),
               PHIMASK_OK);
  n = phimask_results_len(r);
  CHECK(n >= 1);
  items = phimask_results_items(r);
  CHECK(items != NULL);
  for (i = 0; i < n; i++) {
    phimask_detection d;
    CHECK_STATUS(phimask_results_get(r, i, &d, NULL), PHIMASK_OK);
    CHECK(d.start == items[i].start && d.end == items[i].end);
    CHECK(d.start < d.end && d.end <= strlen(text));
    CHECK(d.score > 0.0f && d.score <= 1.0f);
    if (strcmp(d.entity, "US_SSN") == 0) {
      phimask_string *json = NULL;
      found = 1;
      CHECK(d.end - d.start == 11 && memcmp(text + d.start, "123-45-6789", 11) == 0);
      /* "Café 😀 SSN " is 4 + 1 + 2 + 1 + 4 = 12 UTF-16 units, 5 + 1 + 4 + 1 + 4 = 15 bytes. */
      CHECK(d.start == 15);
      CHECK(d.utf16_start == 12 && d.utf16_end == 23);
      CHECK_STATUS(phimask_results_explanation_json(r, i, &json, NULL), PHIMASK_OK);
      CHECK(string_contains(json, "\"entity\":\"US_SSN\""));
      CHECK(string_contains(json, "\"recognizer\""));
      CHECK(!string_contains(json, "6789"));
      phimask_string_free(json);
    }
  }
  CHECK(found);
  {
    phimask_detection d = {0};
    phimask_error *err = phimask_error_new();
    CHECK_STATUS(phimask_results_get(r, n, &d, err), PHIMASK_OUT_OF_RANGE);
    CHECK(d.entity == NULL); /* untouched */
    CHECK(phimask_error_status(err) == PHIMASK_OUT_OF_RANGE);
    CHECK(strlen(phimask_error_message(err)) > 0);
    phimask_error_free(err);
  }
  phimask_results_free(r);
  /* Without the flag, UTF-16 offsets are PHIMASK_NO_OFFSET. */
  CHECK_STATUS(phimask_analyzer_analyze(a, text, strlen(text), 0, &r, NULL), PHIMASK_OK);
  CHECK(phimask_results_len(r) >= 1);
  CHECK(phimask_results_items(r)[0].utf16_start == PHIMASK_NO_OFFSET);
  phimask_results_free(r);
  /* Unknown flag bits. */
  r = NULL;
  CHECK_STATUS(phimask_analyzer_analyze(a, text, strlen(text), 0x80, &r, NULL),
               PHIMASK_INVALID_ARGUMENT);
  CHECK(r == NULL);
  phimask_analyzer_free(a);
}

static void test_placeholders(void) {
  phimask_analyzer *a = named("safe_harbor");
  phimask_string *masked = NULL, *restored = NULL;
  phimask_mapping *map = NULL;
  static const char answer[] = "Summary: [US_SSN_1] is on file.";
  CHECK_STATUS(phimask_analyzer_placeholders(a, NOTE, strlen(NOTE), &masked, &map, NULL), PHIMASK_OK);
  CHECK(string_contains(masked, "[US_SSN_1]"));
  CHECK(!string_contains(masked, "6789"));
  CHECK(phimask_mapping_len(map) >= 2);
  CHECK_STATUS(phimask_mapping_restore(map, phimask_string_ptr(masked), phimask_string_len(masked),
                                       &restored, NULL),
               PHIMASK_OK);
  CHECK(phimask_string_len(restored) == strlen(NOTE));
  CHECK(memcmp(phimask_string_ptr(restored), NOTE, strlen(NOTE)) == 0);
  phimask_string_free(restored);
  CHECK_STATUS(phimask_mapping_restore(map, answer, strlen(answer), &restored, NULL), PHIMASK_OK);
  CHECK(string_contains(restored, "Summary: 123-45-6789 is on file."));
  phimask_string_free(restored);
  phimask_string_free(masked);
  phimask_mapping_free(map);
  phimask_analyzer_free(a);
}

static void test_masker_override(void) {
  phimask_analyzer *a = named("safe_harbor");
  phimask_masker *m = NULL;
  phimask_string *out = NULL;
  phimask_mapping *map = NULL;
  phimask_error *err = phimask_error_new();
  static const char toml[] =
      "default = { type = \"replace\" }\n"
      "[entities]\n"
      "US_SSN = { type = \"hash\", length = 8 }\n";
  static const char key[] = "0123456789abcdef-a-secret-key";
  static const char text[] = "SSN 123-45-6789, John Smith.";
  CHECK_STATUS(phimask_masker_new(toml, strlen(toml), (const uint8_t *)key, strlen(key), &m, err),
               PHIMASK_OK);
  CHECK_STATUS(phimask_analyzer_mask_with(a, m, text, strlen(text), &out, &map, err), PHIMASK_OK);
  CHECK(!string_contains(out, "6789"));
  CHECK(string_contains(out, "<PERSON>"));
  CHECK(phimask_mapping_len(map) == 0);
  phimask_string_free(out);
  phimask_mapping_free(map);
  phimask_masker_free(m);
  /* The hash operator without a key fails, and writes nothing. */
  m = NULL;
  CHECK_STATUS(phimask_masker_new(toml, strlen(toml), NULL, 0, &m, err), PHIMASK_INVALID_OPERATOR);
  CHECK(m == NULL);
  CHECK(phimask_error_status(err) == PHIMASK_INVALID_OPERATOR);
  /* A single placeholder operator, mapping requested. */
  CHECK_STATUS(phimask_masker_new("{\"type\":\"placeholder\"}", 22, NULL, 0, &m, err), PHIMASK_OK);
  CHECK_STATUS(phimask_analyzer_mask_with(a, m, text, strlen(text), &out, &map, err), PHIMASK_OK);
  CHECK(string_contains(out, "[US_SSN_1]"));
  CHECK(phimask_mapping_len(map) >= 1);
  phimask_string_free(out);
  phimask_mapping_free(map);
  phimask_masker_free(m);
  phimask_error_free(err);
  phimask_analyzer_free(a);
}

static void test_batch(void) {
  phimask_analyzer *a = named("safe_harbor");
  const char *texts[4] = {NOTE, "bad \xFF utf-8", NULL, "SSN 123-45-6789"};
  size_t lens[4] = {0, 0, 0, 15};
  phimask_batch *b = NULL;
  const char *p = NULL;
  size_t n = 0;
  phimask_error *err = phimask_error_new();
  lens[0] = strlen(NOTE);
  lens[1] = strlen(texts[1]);
  CHECK_STATUS(phimask_analyzer_mask_batch(a, texts, lens, 4, 2, &b, err), PHIMASK_OK);
  CHECK(phimask_batch_len(b) == 4);
  CHECK_STATUS(phimask_batch_get(b, 0, &p, &n, err), PHIMASK_OK);
  CHECK(!contains(p, n, "6789") && contains(p, n, "last week"));
  p = NULL;
  CHECK_STATUS(phimask_batch_get(b, 1, &p, &n, err), PHIMASK_INVALID_UTF8);
  CHECK(p == NULL);
  CHECK_STATUS(phimask_batch_get(b, 2, &p, &n, err), PHIMASK_OK);
  CHECK(n == 0 && p != NULL && p[0] == '\0');
  CHECK_STATUS(phimask_batch_get(b, 3, &p, &n, err), PHIMASK_OK);
  CHECK(!contains(p, n, "6789"));
  CHECK_STATUS(phimask_batch_get(b, 4, &p, &n, err), PHIMASK_OUT_OF_RANGE);
  phimask_batch_free(b);
  /* A NULL text with a length fails alone. */
  texts[2] = NULL;
  lens[2] = 3;
  CHECK_STATUS(phimask_analyzer_mask_batch(a, texts, lens, 4, 0, &b, err), PHIMASK_OK);
  CHECK_STATUS(phimask_batch_get(b, 2, &p, &n, err), PHIMASK_NULL_ARGUMENT);
  CHECK_STATUS(phimask_batch_get(b, 3, &p, &n, err), PHIMASK_OK);
  phimask_batch_free(b);
  phimask_error_free(err);
  phimask_analyzer_free(a);
}

static void test_policies(void) {
  phimask_analyzer *a = NULL;
  phimask_error *err = phimask_error_new();
  phimask_string *out = NULL;
  static const char json[] =
      "{\"recognizers\": {\"patterns\": [{\"id\": \"acme\", \"entity\": \"ID_NUMBER\","
      " \"patterns\": [{\"name\": \"acme\", \"regex\": \"\\\\bAC-\\\\d{6}\\\\b\", \"score\": 0.9}]}]}}";
  static const char text[] = "Study id AC-123456 enrolled last week.";
  static const char strict_text[] = "Seen in 2019 by the team.";
  static const char broken[] =
      "[[recognizers.patterns]]\nid = \"x\"\nentity = \"ID_NUMBER\"\n"
      "patterns = [{ name = \"p\", regex = '(unclosed', score = 0.5 }]\n";
  CHECK_STATUS(phimask_analyzer_new(json, strlen(json), &a, err), PHIMASK_OK);
  CHECK_STATUS(phimask_analyzer_mask(a, text, strlen(text), &out, err), PHIMASK_OK);
  CHECK(!string_contains(out, "123456"));
  CHECK(string_contains(out, "last week"));
  phimask_string_free(out);
  phimask_analyzer_free(a);

  /* An empty document is the default policy. */
  a = NULL;
  CHECK_STATUS(phimask_analyzer_new(NULL, 0, &a, err), PHIMASK_OK);
  phimask_analyzer_free(a);

  /* strict masks lone years; safe_harbor keeps them. */
  CHECK_STATUS(phimask_analyzer_new_named("strict", &a, err), PHIMASK_OK);
  CHECK_STATUS(phimask_analyzer_mask(a, strict_text, strlen(strict_text), &out, err), PHIMASK_OK);
  CHECK(!string_contains(out, "2019"));
  phimask_string_free(out);
  phimask_analyzer_free(a);

  /* Bad policies: a typo'd field, a bad value, a broken regex, bad UTF-8,
   * an unknown name. Nothing is written to `a`. */
  a = NULL;
  CHECK_STATUS(phimask_analyzer_new("scor_threshold = 0.5", 20, &a, err), PHIMASK_INVALID_POLICY);
  CHECK(a == NULL);
  CHECK(strstr(phimask_error_message(err), "scor_threshold") != NULL);
  CHECK_STATUS(phimask_analyzer_new("{\"score_threshold\": 7}", 22, &a, err), PHIMASK_INVALID_POLICY);
  CHECK_STATUS(phimask_analyzer_new("{{{{", 4, &a, err), PHIMASK_INVALID_POLICY);
  CHECK_STATUS(phimask_analyzer_new(broken, strlen(broken), &a, err), PHIMASK_INVALID_PATTERN);
  CHECK_STATUS(phimask_analyzer_new("name = \"\xC3\x28\"", 11, &a, err), PHIMASK_INVALID_UTF8);
  CHECK_STATUS(phimask_analyzer_new_named("no_such_policy", &a, err), PHIMASK_INVALID_POLICY);
  CHECK_STATUS(phimask_analyzer_new_named("\xFF", &a, err), PHIMASK_INVALID_UTF8);
  CHECK(a == NULL);
  phimask_error_free(err);
}

static void test_invalid_utf8_and_lengths(void) {
  phimask_analyzer *a = named("safe_harbor");
  phimask_error *err = phimask_error_new();
  phimask_string *out = NULL;
  phimask_results *r = NULL;
  static const char *bad[] = {"\xFF", "ok \xC3", "\xED\xA0\x80 surrogate", "\xC0\xAF overlong",
                              "SSN 123-45-6789 \xF8\x88\x80\x80\x80"};
  size_t i;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    CHECK_STATUS(phimask_analyzer_mask(a, bad[i], strlen(bad[i]), &out, err), PHIMASK_INVALID_UTF8);
    CHECK(out == NULL);
    CHECK(strstr(phimask_error_message(err), "6789") == NULL);
    CHECK_STATUS(phimask_analyzer_analyze(a, bad[i], strlen(bad[i]), 0, &r, err), PHIMASK_INVALID_UTF8);
    CHECK(r == NULL);
  }
  /* Zero length: NULL or not, the empty text. */
  CHECK_STATUS(phimask_analyzer_mask(a, NULL, 0, &out, err), PHIMASK_OK);
  CHECK(phimask_string_len(out) == 0 && phimask_string_ptr(out)[0] == '\0');
  phimask_string_free(out);
  CHECK_STATUS(phimask_analyzer_analyze(a, "x", 0, 0, &r, err), PHIMASK_OK);
  CHECK(phimask_results_len(r) == 0 && phimask_results_items(r) == NULL);
  phimask_results_free(r);
  /* A length with a NULL pointer. */
  out = NULL;
  CHECK_STATUS(phimask_analyzer_mask(a, NULL, 10, &out, err), PHIMASK_NULL_ARGUMENT);
  CHECK(out == NULL);
  /* Huge lengths over a one-byte buffer: refused before any read (ASan
   * would report a read past the buffer otherwise). */
  {
    static const char one[1] = {'x'};
    size_t huge[] = {((size_t)64 << 20) + 1, SIZE_MAX / 2, SIZE_MAX};
    out = NULL;
    r = NULL;
    for (i = 0; i < 3; i++) {
      CHECK_STATUS(phimask_analyzer_mask(a, one, huge[i], &out, err), PHIMASK_INPUT_TOO_LARGE);
      CHECK_STATUS(phimask_analyzer_analyze(a, one, huge[i], 0, &r, err), PHIMASK_INPUT_TOO_LARGE);
      CHECK(out == NULL && r == NULL);
    }
  }
  /* A real text just over a policy's small limit, and one at it. */
  {
    phimask_analyzer *small = NULL;
    static const char policy[] = "max_input_bytes = 16";
    CHECK_STATUS(phimask_analyzer_new(policy, strlen(policy), &small, err), PHIMASK_OK);
    CHECK_STATUS(phimask_analyzer_mask(small, "0123456789abcdefX", 17, &out, err), PHIMASK_INPUT_TOO_LARGE);
    CHECK_STATUS(phimask_analyzer_mask(small, "0123456789abcdef", 16, &out, err), PHIMASK_OK);
    phimask_string_free(out);
    phimask_analyzer_free(small);
  }
  /* A large valid text (1 MiB) masks. */
  {
    size_t big = (size_t)1 << 20, off;
    char *buf = malloc(big);
    CHECK(buf != NULL);
    for (off = 0; off + 64 <= big; off += 64) {
      memcpy(buf + off, "Follow-up last week. SSN 123-45-6789. BP 128/82, HR 72 today.  \n", 64);
    }
    CHECK_STATUS(phimask_analyzer_mask(a, buf, big, &out, err), PHIMASK_OK);
    CHECK(!string_contains(out, "6789"));
    phimask_string_free(out);
    free(buf);
  }
  phimask_error_free(err);
  phimask_analyzer_free(a);
}

static void test_pathological_pattern(void) {
  /* Look-around inside a repetition: exponential backtracking on a run of
   * `a`s. The analysis must stop with PHIMASK_BACKTRACK_LIMIT (fail closed). */
  static const char policy[] =
      "[[recognizers.patterns]]\n"
      "id = \"pathological\"\n"
      "entity = \"ID_NUMBER\"\n"
      "patterns = [{ name = \"exp\", regex = '^(?:a|(?=a)a)*b', score = 0.9 }]\n";
  static const char text[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  phimask_analyzer *a = NULL;
  phimask_string *out = NULL;
  phimask_results *r = NULL;
  phimask_error *err = phimask_error_new();
  CHECK_STATUS(phimask_analyzer_new(policy, strlen(policy), &a, err), PHIMASK_OK);
  CHECK_STATUS(phimask_analyzer_mask(a, text, strlen(text), &out, err), PHIMASK_BACKTRACK_LIMIT);
  CHECK(out == NULL);
  CHECK(phimask_error_status(err) == PHIMASK_BACKTRACK_LIMIT);
  CHECK(strstr(phimask_error_message(err), "pathological") != NULL);
  CHECK_STATUS(phimask_analyzer_analyze(a, text, strlen(text), 0, &r, err), PHIMASK_BACKTRACK_LIMIT);
  CHECK(r == NULL);
  /* The analyzer stays usable for ordinary text. */
  CHECK_STATUS(phimask_analyzer_mask(a, "SSN 123-45-6789", 15, &out, err), PHIMASK_OK);
  CHECK(!string_contains(out, "6789"));
  phimask_string_free(out);
  phimask_error_free(err);
  phimask_analyzer_free(a);
}

int main(void) {
  test_version();
  test_mask();
  test_analyze();
  test_placeholders();
  test_masker_override();
  test_batch();
  test_policies();
  test_invalid_utf8_and_lengths();
  test_pathological_pattern();
  puts("happy: ok");
  return 0;
}
