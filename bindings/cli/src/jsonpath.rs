//! Field paths into JSON records (`text`, `note.body`, `sections.*.text`)
//! and a scanner that finds the string values they name in a JSON line
//! without re-serialising the record, so everything else in the line (key
//! order, number spelling, whitespace) is written back byte for byte.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// One step of a [`FieldPath`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// An object key; when it is all digits it also matches that array
    /// index (0-based).
    Name(String),
    /// `*`: any key of an object, any element of an array.
    Any,
}

impl Segment {
    fn matches_key(&self, key: &str) -> bool {
        match self {
            Segment::Name(n) => n == key,
            Segment::Any => true,
        }
    }

    fn matches_index(&self, index: usize) -> bool {
        match self {
            Segment::Name(n) => n.parse::<usize>().is_ok_and(|i| i == index),
            Segment::Any => true,
        }
    }
}

/// A path to a field of a JSON record: keys separated by `.`, array
/// indices as numbers, `*` for any key or element, `\.` for a dot inside a
/// key. The value found there is scrubbed: a string directly, an object or
/// array string by string (keys stay).
///
/// # Example
/// ```
/// use phimask_cli::jsonpath::FieldPath;
/// let p: FieldPath = "notes.*.text".parse()?;
/// assert_eq!(p.to_string(), "notes.*.text");
/// # Ok::<(), phimask_cli::jsonpath::ParsePathError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPath {
    segments: Vec<Segment>,
}

/// The error for an empty path or an empty segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsePathError {
    /// What is wrong.
    pub message: &'static str,
}

impl fmt::Display for ParsePathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid field path: {}", self.message)
    }
}

impl std::error::Error for ParsePathError {}

impl FieldPath {
    /// A path of one key (taken literally: no dots or `*` are special).
    pub fn key(name: &str) -> FieldPath {
        FieldPath {
            segments: vec![Segment::Name(name.to_string())],
        }
    }

    /// The segments.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }
}

impl FromStr for FieldPath {
    type Err = ParsePathError;

    fn from_str(s: &str) -> Result<FieldPath, ParsePathError> {
        if s.is_empty() {
            return Err(ParsePathError {
                message: "the path is empty",
            });
        }
        let mut segments = Vec::new();
        let mut cur = String::new();
        let mut raw_star = true;
        let mut chars = s.chars();
        let mut push = |cur: &mut String, raw_star: &mut bool| -> Result<(), ParsePathError> {
            if cur.is_empty() {
                return Err(ParsePathError {
                    message: "a segment is empty (two dots in a row, or a dot at an end)",
                });
            }
            if cur == "*" && *raw_star {
                segments.push(Segment::Any);
            } else {
                segments.push(Segment::Name(std::mem::take(cur)));
            }
            cur.clear();
            *raw_star = true;
            Ok(())
        };
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(n) => {
                        cur.push(n);
                        raw_star = false;
                    }
                    None => cur.push('\\'),
                },
                '.' => push(&mut cur, &mut raw_star)?,
                c => cur.push(c),
            }
        }
        push(&mut cur, &mut raw_star)?;
        Ok(FieldPath { segments })
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.segments.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            match s {
                Segment::Any => f.write_str("*")?,
                Segment::Name(n) => {
                    if n == "*" {
                        f.write_str("\\")?;
                    }
                    for c in n.chars() {
                        if c == '.' || c == '\\' {
                            f.write_str("\\")?;
                        }
                        write!(f, "{c}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Why a line is not a JSON value. Never holds the line's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonSyntaxError {
    /// 1-based column (bytes) where parsing stopped.
    pub column: usize,
    /// What was expected, in serde_json's fixed wording.
    pub reason: String,
}

impl fmt::Display for JsonSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "malformed JSON at column {} ({})",
            self.column, self.reason
        )
    }
}

impl std::error::Error for JsonSyntaxError {}

/// The string values a set of paths found in a JSON document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// Byte ranges of the string tokens, quotes included, in document
    /// order, each once.
    pub strings: Vec<Range<usize>>,
    /// For each path, whether it reached any value (`null` included).
    pub matched: Vec<bool>,
    /// Numbers and booleans the paths reached (they cannot be scrubbed as
    /// strings; callers refuse the record). `null` is not counted.
    pub non_strings: usize,
    /// Elements (or keys' values) reached by a `*` of a path that is not
    /// its last segment, where the rest of the path found nothing: with
    /// `sections.*.text`, each section without `text`. Counted once per
    /// element and path.
    pub missing: usize,
}

/// Checks that `doc` is one JSON value and finds the string tokens that
/// `paths` name.
///
/// # Example
/// ```
/// use phimask_cli::jsonpath::{find_strings, FieldPath};
/// let doc = r#"{"id": 7, "note": {"text": "Seen by Dr. X", "n": 2}}"#;
/// let found = find_strings(doc, &["note.text".parse()?])?;
/// assert_eq!(&doc[found.strings[0].clone()], r#""Seen by Dr. X""#);
/// assert_eq!(found.matched, [true]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`JsonSyntaxError`] when `doc` is not valid JSON (the message names a
/// column, never content).
pub fn find_strings(doc: &str, paths: &[FieldPath]) -> Result<Found, JsonSyntaxError> {
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(doc) {
        return Err(syntax_error(&e));
    }
    let mut scanner = Scanner {
        b: doc.as_bytes(),
        i: 0,
        paths,
        found: Found {
            strings: Vec::new(),
            matched: vec![false; paths.len()],
            non_strings: 0,
            missing: 0,
        },
        hits: vec![0; paths.len()],
    };
    let states: Vec<(usize, usize)> = (0..paths.len()).map(|p| (p, 0)).collect();
    scanner.skip_ws();
    scanner
        .value(&states, false, 0)
        .map_err(|at| JsonSyntaxError {
            column: at + 1,
            reason: "unexpected token".into(),
        })?;
    Ok(scanner.found)
}

fn syntax_error(e: &serde_json::Error) -> JsonSyntaxError {
    // serde_json's syntax messages are fixed strings ("expected value",
    // "EOF while parsing a string", …) followed by " at line L column C";
    // keep only the fixed part, so no content can slip in.
    let full = e.to_string();
    let reason = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    let reason = if reason.contains('"') || reason.contains('`') {
        "invalid JSON".to_string()
    } else {
        reason
    };
    JsonSyntaxError {
        column: e.column(),
        reason,
    }
}

/// Byte-level walker over a document already validated by serde_json.
/// Every unexpected byte returns `Err(offset)` instead of panicking.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    paths: &'a [FieldPath],
    found: Found,
    /// Values each path reached so far.
    hits: Vec<usize>,
}

const MAX_DEPTH: usize = 256;

impl Scanner<'_> {
    /// The paths of `child` that got there through a `*` with more of the
    /// path left, with their hit counts before the child is scanned.
    fn wild_steps(&self, live: &[(usize, usize)], child: &[(usize, usize)]) -> Vec<(usize, usize)> {
        child
            .iter()
            .filter(|&&(p, s)| {
                s < self.paths[p].segments.len()
                    && live.contains(&(p, s - 1))
                    && self.paths[p].segments[s - 1] == Segment::Any
            })
            .map(|&(p, _)| (p, self.hits[p]))
            .collect()
    }

    fn count_missing(&mut self, wild: &[(usize, usize)]) {
        for &(p, before) in wild {
            if self.hits[p] == before {
                self.found.missing += 1;
            }
        }
    }

    fn skip_ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn expect(&mut self, c: u8) -> Result<(), usize> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.i)
        }
    }

    /// The byte range of a string token starting at `self.i`.
    fn string_token(&mut self) -> Result<Range<usize>, usize> {
        let start = self.i;
        self.expect(b'"')?;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'"' => return Ok(start..self.i),
                _ => {}
            }
        }
        Err(self.i)
    }

    fn value(
        &mut self,
        states: &[(usize, usize)],
        capture: bool,
        depth: usize,
    ) -> Result<(), usize> {
        if depth > MAX_DEPTH {
            return Err(self.i);
        }
        let mut capture = capture;
        for &(p, s) in states {
            if s == self.paths[p].segments.len() {
                self.found.matched[p] = true;
                self.hits[p] += 1;
                capture = true;
            }
        }
        let live: Vec<(usize, usize)> = states
            .iter()
            .copied()
            .filter(|&(p, s)| s < self.paths[p].segments.len())
            .collect();
        match self.peek() {
            Some(b'"') => {
                let r = self.string_token()?;
                if capture {
                    self.found.strings.push(r);
                }
            }
            Some(b'{') => {
                self.i += 1;
                self.skip_ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.skip_ws();
                    let key = self.string_token()?;
                    let child = if live.is_empty() {
                        Vec::new()
                    } else {
                        let raw = &self.b[key.start + 1..key.end - 1];
                        let decoded: String = if raw.contains(&b'\\') {
                            let tok =
                                std::str::from_utf8(&self.b[key.clone()]).map_err(|_| key.start)?;
                            serde_json::from_str(tok).map_err(|_| key.start)?
                        } else {
                            String::from_utf8_lossy(raw).into_owned()
                        };
                        live.iter()
                            .filter(|&&(p, s)| self.paths[p].segments[s].matches_key(&decoded))
                            .map(|&(p, s)| (p, s + 1))
                            .collect()
                    };
                    self.skip_ws();
                    self.expect(b':')?;
                    self.skip_ws();
                    let wild = self.wild_steps(&live, &child);
                    self.value(&child, capture, depth + 1)?;
                    self.count_missing(&wild);
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            break;
                        }
                        _ => return Err(self.i),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                self.skip_ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(());
                }
                let mut index = 0usize;
                loop {
                    self.skip_ws();
                    let child: Vec<(usize, usize)> = live
                        .iter()
                        .filter(|&&(p, s)| self.paths[p].segments[s].matches_index(index))
                        .map(|&(p, s)| (p, s + 1))
                        .collect();
                    let wild = self.wild_steps(&live, &child);
                    self.value(&child, capture, depth + 1)?;
                    self.count_missing(&wild);
                    self.skip_ws();
                    index += 1;
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        _ => return Err(self.i),
                    }
                }
            }
            Some(_) => {
                // number, true, false, null
                let start = self.i;
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.i += 1;
                }
                if self.i == start {
                    return Err(start);
                }
                if capture && &self.b[start..self.i] != b"null" {
                    self.found.non_strings += 1;
                }
            }
            None => return Err(self.i),
        }
        Ok(())
    }
}

/// Decodes a JSON string token (quotes included) found by
/// [`find_strings`].
///
/// # Errors
/// When the token is not a JSON string (cannot happen for tokens
/// [`find_strings`] returned).
pub fn decode_string(token: &str) -> Result<String, JsonSyntaxError> {
    serde_json::from_str(token).map_err(|e| syntax_error(&e))
}

/// Encodes a string as a JSON string token.
pub fn encode_string(value: &str, out: &mut String) {
    match serde_json::to_string(value) {
        Ok(s) => out.push_str(&s),
        // Serialising a &str cannot fail; fall back to a manual escape.
        Err(_) => {
            out.push('"');
            for c in value.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_count_elements_that_lack_the_rest_of_the_path() {
        let p = |s: &str| -> Vec<FieldPath> { vec![s.parse().expect("path")] };
        let doc = r#"{"s": [{"text": "a"}, {"title": "x"}, 3, {"text": null}], "o": {"k": {"text": "b"}, "j": {}}}"#;
        let f = find_strings(doc, &p("s.*.text")).expect("json");
        assert_eq!((f.strings.len(), f.missing), (1, 2));
        let f = find_strings(doc, &p("o.*.text")).expect("json");
        assert_eq!((f.strings.len(), f.missing), (1, 1));
        // A trailing `*` reaches the elements themselves: nothing missing.
        let f = find_strings(doc, &p("s.*")).expect("json");
        assert_eq!(f.missing, 0);
        let f = find_strings(doc, &p("s.0.text")).expect("json");
        assert_eq!(f.missing, 0);
    }

    fn p(s: &str) -> FieldPath {
        s.parse().expect("valid path")
    }

    fn texts(doc: &str, paths: &[&str]) -> (Vec<String>, Vec<bool>) {
        let paths: Vec<FieldPath> = paths.iter().map(|s| p(s)).collect();
        let f = find_strings(doc, &paths).expect("valid json");
        (
            f.strings
                .iter()
                .map(|r| doc[r.clone()].to_string())
                .collect(),
            f.matched,
        )
    }

    #[test]
    fn paths_parse_and_print() {
        assert_eq!(p("a.b.0.c").segments().len(), 4);
        assert_eq!(p("a\\.b").segments(), &[Segment::Name("a.b".into())]);
        assert_eq!(p("a.*").segments()[1], Segment::Any);
        assert_eq!(p("a.\\*").segments()[1], Segment::Name("*".into()));
        for s in ["a.b.0.c", "a\\.b", "a.*", "a.\\*"] {
            assert_eq!(p(s).to_string(), s);
        }
        assert!("".parse::<FieldPath>().is_err());
        assert!("a..b".parse::<FieldPath>().is_err());
        assert!("a.".parse::<FieldPath>().is_err());
    }

    #[test]
    fn finds_nested_and_wildcards() {
        let doc =
            r#" {"a": {"b": [ {"c": "x1"}, {"c": "x2", "d": "no"} ]}, "t": "top", "n": 1.50e3}"#;
        assert_eq!(texts(doc, &["a.b.0.c"]).0, ["\"x1\""]);
        assert_eq!(texts(doc, &["a.b.*.c"]).0, ["\"x1\"", "\"x2\""]);
        assert_eq!(texts(doc, &["a.b.1"]).0, ["\"x2\"", "\"no\""]);
        assert_eq!(texts(doc, &["t", "a.b.1.c"]).0, ["\"x2\"", "\"top\""]);
        assert_eq!(texts(doc, &["missing", "n"]).1, [false, true]);
        assert_eq!(texts(doc, &["t", "t"]).0, ["\"top\""]);
    }

    #[test]
    fn escaped_keys_and_values() {
        let doc = r#"{"te\u0078t": "a \"quoted\" \\ value", "x": null}"#;
        let (t, m) = texts(doc, &["text", "x"]);
        assert_eq!(t, [r#""a \"quoted\" \\ value""#]);
        assert_eq!(m, [true, true]);
        assert_eq!(decode_string(&t[0]).as_deref(), Ok("a \"quoted\" \\ value"));
    }

    #[test]
    fn syntax_errors_name_a_column_not_content() {
        let e = find_strings(r#"{"text": "SECRET" "#, &[p("text")]).unwrap_err();
        assert!(!e.to_string().contains("SECRET"), "{e}");
        assert!(e.column > 0);
        let e = find_strings(r#"{"text": SECRET}"#, &[p("text")]).unwrap_err();
        assert!(!e.to_string().contains("SECRET"), "{e}");
        assert_eq!(e.column, 10);
    }
}
