//! A small JSON reader that keeps the byte span of every string, for the
//! FHIR recognizer (serde_json reports no offsets). Strict RFC 8259 syntax,
//! a depth limit, no panics on any input.

/// A parsed JSON value. Strings keep the span of their raw content (between
/// the quotes, escapes included) and their decoded value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    /// An object's members in document order.
    Object(Vec<(String, Json)>),
    /// An array's elements.
    Array(Vec<Json>),
    /// A string: raw content span and decoded value.
    Str {
        start: usize,
        end: usize,
        value: String,
    },
    /// A number, `true`, `false` or `null`.
    Scalar,
}

impl Json {
    /// The member `key` of an object.
    pub(crate) fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The decoded value of a string.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// Deeper nesting than this is refused (no FHIR resource comes close).
const MAX_DEPTH: usize = 128;

/// Parses the JSON value that starts at byte `at` of `text`. Returns the
/// value and the end of it, or `Err(position)` where the syntax broke.
pub(crate) fn parse_at(text: &str, at: usize) -> Result<(Json, usize), usize> {
    let mut p = Parser {
        b: text.as_bytes(),
        i: at,
    };
    let v = p.value(0)?;
    Ok((v, p.i))
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, usize> {
        if depth > MAX_DEPTH {
            return Err(self.i);
        }
        self.ws();
        match self.b.get(self.i) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string(),
            Some(b't') => self.word(b"true"),
            Some(b'f') => self.word(b"false"),
            Some(b'n') => self.word(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.i),
        }
    }

    fn word(&mut self, w: &[u8]) -> Result<Json, usize> {
        if self.b[self.i..].starts_with(w) {
            self.i += w.len();
            Ok(Json::Scalar)
        } else {
            Err(self.i)
        }
    }

    fn number(&mut self) -> Result<Json, usize> {
        let start = self.i;
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let digits = |p: &mut Self| {
            let s = p.i;
            while p.b.get(p.i).is_some_and(u8::is_ascii_digit) {
                p.i += 1;
            }
            p.i - s
        };
        match self.b.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.i),
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if digits(self) == 0 {
                return Err(self.i);
            }
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.b.get(self.i) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(self.i);
            }
        }
        debug_assert!(self.i > start);
        Ok(Json::Scalar)
    }

    fn string(&mut self) -> Result<Json, usize> {
        self.i += 1; // the opening quote
        let start = self.i;
        let mut value = String::new();
        let mut run = self.i; // start of the current unescaped run
        loop {
            match self.b.get(self.i) {
                None => return Err(self.i),
                Some(b'"') => {
                    value.push_str(self.text(run, self.i)?);
                    let end = self.i;
                    self.i += 1;
                    return Ok(Json::Str { start, end, value });
                }
                Some(b'\\') => {
                    value.push_str(self.text(run, self.i)?);
                    self.i += 1;
                    let c = match self.b.get(self.i) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            if (0xD800..0xDC00).contains(&hi)
                                && self.b[self.i + 1..].starts_with(b"\\u")
                            {
                                self.i += 2;
                                let lo = self.hex4()?;
                                let c = 0x10000
                                    + ((hi - 0xD800) << 10)
                                    + (lo.wrapping_sub(0xDC00) & 0x3FF);
                                char::from_u32(c).unwrap_or('\u{FFFD}')
                            } else {
                                char::from_u32(hi).unwrap_or('\u{FFFD}')
                            }
                        }
                        _ => return Err(self.i),
                    };
                    value.push(c);
                    self.i += 1;
                    run = self.i;
                }
                Some(&c) if c < 0x20 => return Err(self.i),
                Some(_) => self.i += 1,
            }
        }
    }

    /// Reads the four hex digits after `\u` (leaves `i` on the last one).
    fn hex4(&mut self) -> Result<u32, usize> {
        let h = self.b.get(self.i + 1..self.i + 5).ok_or(self.i)?;
        let mut n = 0u32;
        for &c in h {
            n = n * 16 + char::from(c).to_digit(16).ok_or(self.i)?;
        }
        self.i += 4;
        Ok(n)
    }

    /// The text between two byte positions (always on char boundaries:
    /// the parser only stops on ASCII bytes).
    fn text(&self, a: usize, b: usize) -> Result<&str, usize> {
        std::str::from_utf8(&self.b[a..b]).map_err(|_| a)
    }

    fn object(&mut self, depth: usize) -> Result<Json, usize> {
        self.i += 1;
        let mut members = Vec::new();
        self.ws();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.ws();
            if self.b.get(self.i) != Some(&b'"') {
                return Err(self.i);
            }
            let Json::Str { value: key, .. } = self.string()? else {
                return Err(self.i);
            };
            self.ws();
            if self.b.get(self.i) != Some(&b':') {
                return Err(self.i);
            }
            self.i += 1;
            let v = self.value(depth + 1)?;
            members.push((key, v));
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.i),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, usize> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.i),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_values() {
        let t = r#"x {"a": ["Jos\u00e9", "q\"t", 1.5e3, true, null], "b": {"c": "Zoë"}} y"#;
        let (v, end) = parse_at(t, 2).expect("parses");
        assert_eq!(&t[end..], " y");
        let Some(Json::Array(a)) = v.get("a") else {
            panic!("array")
        };
        let Json::Str { start, end, value } = &a[0] else {
            panic!("string")
        };
        assert_eq!(value, "José");
        assert_eq!(&t[*start..*end], "Jos\\u00e9");
        assert_eq!(a[1].as_str(), Some("q\"t"));
        let c = v.get("b").and_then(|b| b.get("c")).expect("c");
        let Json::Str { start, end, .. } = c else {
            panic!("string")
        };
        assert_eq!(&t[*start..*end], "Zoë");
        let (v, _) = parse_at(r#""\ud83d\ude00""#, 0).expect("pair");
        assert_eq!(v.as_str(), Some("😀"));
    }

    #[test]
    fn invalid_json_is_an_error_not_a_panic() {
        for t in [
            "",
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":1,}",
            "[1,]",
            "{'a':1}",
            "\"abc",
            "\"\\u12\"",
            "\"\\ud800\\u",
            "{\"a\":01}",
            "-",
            "1.",
            "1e",
            "tru",
            "{\"a\" 1}",
            "[1 2]",
            "\"\u{1}\"",
            "\"\\x\"",
        ] {
            assert!(parse_at(t, 0).is_err(), "{t:?}");
        }
        let deep = "[".repeat(10_000);
        assert!(parse_at(&deep, 0).is_err());
    }
}
