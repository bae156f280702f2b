//! Telephone and fax numbers: one recognizer that finds phone-shaped
//! numbers and reads the label in front of (or just after) each one to
//! decide between `PHONE_NUMBER` and `FAX_NUMBER`.

use phimask_core::document::Document;
use std::sync::Arc;

use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};
use regex::Regex;

/// Words that make a nearby number a fax number.
const FAX_WORDS: &[&str] = &["fax", "facsimile", "faxed", "faxing", "telefax", "fx"];

/// Words that make a nearby number a telephone number.
const PHONE_WORDS: &[&str] = &[
    "phone",
    "phones",
    "ph",
    "tel",
    "telephone",
    "cell",
    "cellphone",
    "mobile",
    "mob",
    "home",
    "work",
    "office",
    "pager",
    "beeper",
    "contact",
    "call",
    "called",
    "calling",
    "callback",
    "text",
    "texted",
    "reach",
    "reached",
    "number",
    "no",
    "num",
    "tele",
    "telephonically",
    "voicemail",
    "vm",
    "hotline",
    "line",
    "direct",
    "dial",
    "cb",
    "daytime",
    "evening",
    "emergency",
];

/// One-letter labels ("c:", "h:", "w:", "f:") count only right before the
/// number and followed by a colon or period.
const LETTER_LABELS: &[(&str, bool)] = &[
    ("c", false),
    ("h", false),
    ("w", false),
    ("m", false),
    ("p", false),
    ("o", false),
    ("t", false),
    ("f", true),
];

/// The context words the analyzer uses to boost unlabelled candidates.
const CONTEXT: &[&str] = &[
    "phone",
    "tel",
    "telephone",
    "cell",
    "mobile",
    "pager",
    "contact",
    "call",
    "number",
    "reach",
    "home",
    "work",
    "ph",
];

/// Finds telephone and fax numbers.
#[derive(Debug)]
pub struct PhoneFaxRecognizer {
    re: Regex,
    context: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Label {
    None,
    Phone,
    Fax,
}

impl PhoneFaxRecognizer {
    /// Builds the recognizer.
    ///
    /// # Errors
    /// When the built-in pattern fails to compile (a bug).
    pub fn new() -> Result<PhoneFaxRecognizer, Error> {
        let source = r"(?x)
            (?:
              (?P<nanp>(?:\+[\ \t]?1[\ \t.\-]?|(?-u:\b)1[\ \t.\-]?)?(?:\(\d{3}\)[\ \t]?[.\-]?[\ \t]?|(?-u:\b)\d{3}[\ \t]?[.\-/]?[\ \t]?)\d{3}[\ \t]?[.\-]?[\ \t]?\d{4})
            | (?P<intl>\+\d{1,3}(?:[\ \t.\-]?\(?\d{1,5}\)?){1,6})
            | (?P<bare>(?-u:\b)1?\d{10})
            | (?P<seven>(?-u:\b)\d{3}[.\-]\d{4})
            )
            (?P<ext>[\ \t]*,?[\ \t]*(?:(?i:ext|extension|x)\.?[\ \t]*\#?|\#)[\ \t]*\d{1,6}(?-u:\b))?";
        let re = Regex::new(source).map_err(|e| Error::policy(format!("phone pattern: {e}")))?;
        Ok(PhoneFaxRecognizer {
            re,
            context: CONTEXT.iter().map(|s| s.to_string()).collect(),
        })
    }
}

fn digits(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

/// North American numbering plan: area code and exchange start with 2–9.
fn nanp_ok(s: &str) -> bool {
    let d: Vec<u8> = s.bytes().filter(u8::is_ascii_digit).collect();
    let d = match d.len() {
        11 if d[0] == b'1' => &d[1..],
        10 => &d[..],
        _ => return false,
    };
    d[0] >= b'2' && d[3] >= b'2'
}

/// The label in front of `start` (same line, up to six words), or right
/// after `end` ("(fax)").
fn label(text: &str, start: usize, end: usize) -> Label {
    let mut lo = start.saturating_sub(48);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let before = &text[lo..start];
    let before = match before.rfind('\n') {
        Some(i) => &before[i + 1..],
        None => before,
    };
    let lower = before.to_ascii_lowercase();
    let tokens: Vec<(usize, &str)> = lower
        .match_indices(|c: char| c.is_ascii_alphanumeric())
        .fold(Vec::<(usize, usize)>::new(), |mut acc, (i, _)| {
            match acc.last_mut() {
                Some(last) if last.1 == i => last.1 = i + 1,
                _ => acc.push((i, i + 1)),
            }
            acc
        })
        .into_iter()
        .map(|(a, b)| (a, &lower[a..b]))
        .collect();
    let mut weak_phone = false;
    for (k, (pos, tok)) in tokens.iter().rev().take(6).enumerate() {
        if tok.bytes().all(|b| b.is_ascii_digit()) {
            // Another number between the label and this one: the label
            // belongs to that number.
            break;
        }
        if FAX_WORDS.contains(tok) {
            return Label::Fax;
        }
        if PHONE_WORDS.contains(tok) {
            // "number" and "line" also follow "fax" ("fax number is").
            if matches!(*tok, "number" | "no" | "num" | "line" | "direct") {
                weak_phone = true;
                continue;
            }
            return Label::Phone;
        }
        if k == 0 {
            if let Some((_, fax)) = LETTER_LABELS.iter().find(|(l, _)| l == tok) {
                let rest = lower[pos + tok.len()..].trim_start();
                if rest.starts_with(':') || rest.starts_with('.') || rest.starts_with(')') {
                    return if *fax { Label::Fax } else { Label::Phone };
                }
            }
        }
    }
    let mut hi = (end + 16).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let after = text[end..hi].to_ascii_lowercase();
    let after = after.trim_start_matches([' ', '(', '[', '-', ',']);
    if after.starts_with("fax") || after.starts_with("(fax") {
        return Label::Fax;
    }
    if weak_phone {
        Label::Phone
    } else {
        Label::None
    }
}

impl Recognizer for PhoneFaxRecognizer {
    fn id(&self) -> &str {
        "phone_fax"
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::PhoneNumber, Entity::FaxNumber]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        for caps in self.re.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            let (start, end) = (whole.start(), whole.end());
            // Boundaries: not glued to other digits, words or date slashes.
            let prev = text[..start].chars().next_back();
            if prev.is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '+' | '_' | '$')
            }) {
                continue;
            }
            let mut tail = text[end..].chars();
            let next = tail.next();
            let next2 = tail.next();
            if next.is_some_and(|c| c.is_alphanumeric() || c == '_')
                || (matches!(next, Some('/' | '-' | '.' | ':'))
                    && next2.is_some_and(|c| c.is_ascii_digit()))
            {
                continue;
            }
            let number_end = caps
                .get(1)
                .or_else(|| caps.get(2))
                .or_else(|| caps.get(3))
                .or_else(|| caps.get(4))
                .map_or(end, |m| m.end());
            let lab = label(text, start, number_end);
            let (kind, base): (&str, f32) = if let Some(m) = caps.name("nanp") {
                let s = m.as_str();
                if s.bytes().all(|b| b.is_ascii_digit()) {
                    if !nanp_ok(s) && lab == Label::None {
                        continue;
                    }
                    // Ten digits that fit the numbering plan are an
                    // identifier of some kind whatever the label.
                    ("bare_digits", if nanp_ok(s) { 0.55 } else { 0.3 })
                } else if !nanp_ok(s) {
                    if lab == Label::None {
                        continue;
                    }
                    ("nanp", 0.6)
                } else if s.contains('(')
                    || s.starts_with('+')
                    || s.contains('-')
                    || s.contains('.')
                {
                    ("nanp", 0.85)
                } else {
                    ("nanp", 0.75)
                }
            } else if let Some(m) = caps.name("intl") {
                let n = digits(m.as_str());
                if !(8..=15).contains(&n) {
                    continue;
                }
                ("international", 0.8)
            } else if let Some(m) = caps.name("bare") {
                if !nanp_ok(m.as_str()) && lab == Label::None {
                    continue;
                }
                ("bare_digits", 0.3)
            } else {
                ("seven_digits", 0.3)
            };
            let span = Span::new(start, end);
            let (entity, score, applied) = match lab {
                Label::Fax => (Entity::FaxNumber, 0.95_f32.max(base), true),
                Label::Phone => (Entity::PhoneNumber, 0.95_f32.max(base), true),
                Label::None => (Entity::PhoneNumber, base, false),
            };
            let mut c = Candidate::new(span, entity, score).with_pattern(Arc::<str>::from(kind));
            c.context_applied = applied;
            out.push(c);
        }
        Ok(())
    }

    fn context_words(&self) -> &[String] {
        &self.context
    }
}
