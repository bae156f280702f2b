//! Postcodes outside the US, from each postal service's published format:
//!
//! * UK (Royal Mail, BS 7666): outward code `A9`, `A99`, `AA9`, `AA99`,
//!   `A9A` or `AA9A` with the letters each position allows, a space, and
//!   the inward code `9AA` (no C, I, K, M, O or V), plus `GIR 0AA`. Written
//!   without the space only under a postcode label.
//! * Canada (Canada Post): `A9A 9A9`, no D, F, I, O, Q or U, and no W or Z
//!   first.
//! * Ireland (Eircode): a routing key (`A99` or `D6W`) and a four-character
//!   unique identifier, from the Eircode alphabet.
//! * Australia and New Zealand: four digits, only after a state or
//!   territory (AU), after a known place at the end of an address line, on
//!   the line after one, or under a postcode label.

use std::sync::Arc;

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};
use regex::Regex;

use super::has_cue;
use crate::locations::is_known_place;

/// Labels and words that name a postcode.
const POSTCODE_CUES: &[&str] = &[
    "postcode",
    "post code",
    "postal code",
    "postalcode",
    "zip",
    "zip code",
    "zipcode",
    "eircode",
    "pin code",
    "pincode",
    "code postal",
    "cp",
    "plz",
];

/// Australian states and territories, as written in addresses.
const AU_STATES: &[&str] = &[
    "NSW",
    "VIC",
    "QLD",
    "SA",
    "WA",
    "TAS",
    "NT",
    "ACT",
    "Vic",
    "Qld",
    "Tas",
    "New South Wales",
    "Victoria",
    "Queensland",
    "South Australia",
    "Western Australia",
    "Tasmania",
    "Northern Territory",
    "Australian Capital Territory",
];

/// Finds UK, Canadian, Irish, Australian and New Zealand postcodes.
#[derive(Debug)]
pub struct PostcodeRecognizer {
    uk: Regex,
    ca: Regex,
    eircode: Regex,
    four: Regex,
    loose_uk: Regex,
    context: Vec<String>,
}

impl PostcodeRecognizer {
    /// Builds the recognizer.
    ///
    /// # Errors
    /// When a built-in pattern fails to compile (a bug).
    pub fn new() -> Result<PostcodeRecognizer, Error> {
        let re = |s: &str| {
            Regex::new(s).map_err(|e| Error::recognizer("intl_postcode", format!("pattern: {e}")))
        };
        Ok(PostcodeRecognizer {
            uk: re(r"(?x)
                \b(?:
                  GIR(?P<gs>\ ?)0AA
                | (?:
                    [A-PR-UWYZ][A-HK-Y]\d[ABEHMNPRVWXY]
                  | [A-PR-UWYZ]\d[A-HJKPSTUW]
                  | [A-PR-UWYZ][A-HK-Y]\d{1,2}
                  | [A-PR-UWYZ]\d{1,2}
                  )
                  (?P<s>\ ?)
                  \d[ABD-HJLNP-UW-Z]{2}
                )\b")?,
            ca: re(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z](?P<s>[ \-]?)\d[ABCEGHJ-NPRSTV-Z]\d\b")?,
            eircode: re(r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}\b")?,
            four: re(r"\b\d{4}\b")?,
            loose_uk: re(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")?,
            context: ["postcode", "post code", "postal code", "eircode"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        })
    }
}

/// True when the text before `at` on the same line (after `^`, `,` and
/// spaces) ends with an Australian state or territory.
fn after_au_state(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '^', ',', '|']);
    AU_STATES.iter().any(|s| {
        before.ends_with(s)
            && before[..before.len() - s.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The capitalised words ending `line` (up to three), longest first: the
/// candidates for a place name before a postcode.
fn place_tails(line: &str) -> Vec<&str> {
    let line = line.trim_end_matches([' ', '\t', ',']);
    let mut out = Vec::new();
    let mut from = line.len();
    for _ in 0..3 {
        let head = line[..from].trim_end();
        let cut = head.rfind([' ', '\t', ',']).map_or(0, |i| i + 1);
        let word = &head[cut..];
        if !word.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        out.push(line[cut..].trim());
        if cut == 0 {
            break;
        }
        from = cut - 1;
    }
    out.reverse();
    out
}

/// True when four digits at `span` close an address: a known place ends
/// the line before them, or they stand alone on the line after one, and
/// nothing but an optional country follows on their line.
fn after_place(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
    let rest = text[span.end..line_end]
        .trim()
        .trim_start_matches(',')
        .trim();
    if !(rest.is_empty()
        || ["New Zealand", "NZ", "Australia", "Aotearoa"]
            .iter()
            .any(|c| rest.eq_ignore_ascii_case(c)))
    {
        return false;
    }
    let before = &text[line_start..span.start];
    let before = if before.trim().is_empty() {
        // Alone on its line: the place is the line before.
        if line_start == 0 {
            return false;
        }
        let prev_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        &text[prev_start..line_start - 1]
    } else {
        before
    };
    place_tails(before).iter().any(|p| is_known_place(p))
}

impl Recognizer for PostcodeRecognizer {
    fn id(&self) -> &str {
        "intl_postcode"
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::ZipCode]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        let mut push = |span: Span, score: f32, kind: &'static str, cued: bool| {
            let mut c = Candidate::new(span, Entity::ZipCode, score)
                .with_pattern(Arc::<str>::from(kind));
            c.context_applied = cued;
            out.push(c);
        };
        let mut uk_found = Vec::new();
        for caps in self.uk.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            let span = Span::new(m.start(), m.end());
            let spaced = caps.name("s").or_else(|| caps.name("gs")).is_some_and(|s| !s.is_empty());
            let cued = has_cue(doc, span, POSTCODE_CUES, 3);
            if spaced {
                push(span, if cued { 0.95 } else { 0.85 }, "uk", cued);
            } else if cued {
                push(span, 0.9, "uk", true);
            } else {
                continue;
            }
            uk_found.push(span);
        }
        // Under a postcode label, a UK-shaped code outside the grammar's
        // letter rules is still the postcode written there.
        if self.loose_uk.is_match(text) {
            for m in self.loose_uk.find_iter(text) {
                let span = Span::new(m.start(), m.end());
                if uk_found.iter().any(|s| s.start < span.end && span.start < s.end) {
                    continue;
                }
                if has_cue(doc, span, POSTCODE_CUES, 3) {
                    push(span, 0.8, "uk_labelled", true);
                }
            }
        }
        for caps in self.ca.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            let span = Span::new(m.start(), m.end());
            let spaced = caps.name("s").is_some_and(|s| !s.is_empty());
            let cued = has_cue(doc, span, POSTCODE_CUES, 3);
            let score = match (spaced, cued) {
                (_, true) => 0.95,
                (true, false) => 0.85,
                (false, false) => 0.6,
            };
            push(span, score, "ca", cued);
        }
        for m in self.eircode.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            let unique = &m.as_str()[4..];
            let mixed = unique.bytes().any(|b| b.is_ascii_digit())
                && unique.bytes().any(|b| b.is_ascii_uppercase());
            let cued = has_cue(doc, span, POSTCODE_CUES, 3);
            if mixed || cued {
                push(span, if cued { 0.9 } else { 0.75 }, "eircode", cued);
            }
        }
        for m in self.four.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            // Not part of a longer number, a decimal, a time or a range.
            let prev = text[..span.start].chars().next_back();
            let next = text[span.end..].chars().next();
            if prev.is_some_and(|c| matches!(c, '.' | ':' | '-' | '/' | '+' | '$' | '#'))
                || next.is_some_and(|c| matches!(c, '.' | ':' | '-' | '/' | '%'))
                    && text[span.end..].chars().nth(1).is_some_and(|c| c.is_ascii_digit())
            {
                continue;
            }
            if has_cue(doc, span, POSTCODE_CUES, 2) {
                push(span, 0.9, "four_digit_labelled", true);
            } else if after_au_state(text, span.start) {
                push(span, 0.85, "au_state", false);
            } else if after_place(text, span) {
                push(span, 0.75, "after_place", false);
            }
        }
        Ok(())
    }

    fn context_words(&self) -> &[String] {
        &self.context
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use phimask_core::Entity;

    use super::PostcodeRecognizer;
    use crate::testutil::{analyzer_over, detections};

    fn found(text: &str) -> Vec<String> {
        let r = PostcodeRecognizer::new().expect("builds");
        detections(&analyzer_over(vec![Arc::new(r)], &[]), text)
            .into_iter()
            .map(|(e, s)| {
                assert_eq!(e, Entity::ZipCode);
                s
            })
            .collect()
    }

    #[test]
    fn uk_postcodes_by_the_grammar() {
        for pc in ["SW1A 1AA", "M1 1AE", "EH12 9JE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB", "GIR 0AA"] {
            assert_eq!(found(&format!("10 Downing St\nLondon {pc}\n")), vec![pc.to_string()], "{pc}");
        }
        // Inward letters exclude C, I, K, M, O, V; Q is never first.
        assert!(found("London SW1A 1AC").is_empty());
        assert!(found("Ward QA1 1AA").is_empty());
        // Unspaced only under a label.
        assert!(found("code SW1A1AA").is_empty());
        assert_eq!(found("Postcode: SW1A1AA"), vec!["SW1A1AA"]);
    }

    #[test]
    fn canadian_postal_codes() {
        assert_eq!(found("Toronto ON M5V 3L9"), vec!["M5V 3L9"]);
        assert_eq!(found("Ottawa K1A0B1."), vec!["K1A0B1"]);
        // D, F, I, O, Q, U never appear; W and Z never first.
        assert!(found("code W1A 1A1").is_empty());
        assert!(found("code M5D 3L9").is_empty());
    }

    #[test]
    fn eircodes() {
        assert_eq!(found("Dublin 2, D02 X285"), vec!["D02 X285"]);
        assert_eq!(found("Eircode: A65 F4E2"), vec!["A65 F4E2"]);
    }

    #[test]
    fn four_digit_codes_need_a_state_place_or_label() {
        assert_eq!(found("12 George St\nSydney NSW 2000\n"), vec!["2000"]);
        assert_eq!(found("PID|||1 MAIN ST^^FITZROY^VIC^3065^AUS"), vec!["3065"]);
        assert_eq!(found("15 Queen Street\nAuckland 1010\n"), vec!["1010"]);
        assert_eq!(found("15 Queen Street\nWellington\n6011\n\nDear Dr Lee"), vec!["6011"]);
        assert_eq!(found("\"postalCode\": \"3053\""), vec!["3053"]);
        // Years, doses, counts and times stay.
        for text in [
            "Seen in Auckland 2019 and again last week.",
            "Moved to Auckland in 2019",
            "Metformin 1000 mg",
            "WBC 4500 cells",
            "at 1430 today",
            "platelets 2500/uL",
            "Since 2019\n",
        ] {
            assert!(found(text).is_empty(), "fired in {text:?}");
        }
    }
}
