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
    other: Regex,
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
                (?-u:\b)(?:
                  GIR(?P<gs>\ ?)0AA
                | (?:
                    [A-PR-UWYZ][A-HK-Y]\d[ABEHMNPRVWXY]
                  | [A-PR-UWYZ]\d[A-HJKPSTUW]
                  | [A-PR-UWYZ][A-HK-Y]\d{1,2}
                  | [A-PR-UWYZ]\d{1,2}
                  )
                  (?P<s>\ ?)
                  \d[ABD-HJLNP-UW-Z]{2}
                )(?-u:\b)")?,
            ca: re(
                r"(?-u:\b)[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z](?P<s>[ \-]?)\d[ABCEGHJ-NPRSTV-Z]\d(?-u:\b)",
            )?,
            eircode: re(r"(?-u:\b)(?:[AC-FHKNPRTV-Y]\d{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}(?-u:\b)")?,
            four: re(r"(?-u:\b)\d{4}(?-u:\b)")?,
            loose_uk: re(r"(?-u:\b)[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?-u:\b)")?,
            // Other countries' numeric codes: 4–6 digits (most of Europe,
            // India, Nigeria), 5-3 (Brazil), 2-3 (Poland), 3 2 (Greece,
            // Sweden, Czechia), 3-4 (Japan, after the postal mark).
            other: re(
                r"(?:〒[ ]?\d{3}-?\d{4}|(?-u:\b)(?:\d{5}-\d{3}|\d{2}-\d{3}|\d{3} \d{2}|\d{4,6}))(?-u:\b)",
            )?,
            context: ["postcode", "post code", "postal code", "eircode"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        })
    }
}

/// The locality written with the postcode at `code`: the capitalised words
/// before it on its line, after the last comma and past a state or province
/// abbreviation ("Fremantle TAS 6261", "Victoria Road, Exeter N8 7BH",
/// "Halifax NS B3H 1V7"), or, when the postcode stands alone on its line, a
/// previous line made only of such words ("Cardiff\nCF10 1AA"). A run with
/// a digit is a street line, not a locality.
fn locality_of(text: &str, code: Span) -> Option<Span> {
    let line_start = text[..code.start].rfind('\n').map_or(0, |i| i + 1);
    let mut end = code.start;
    let trim_end = |end: usize| {
        line_start
            + text[line_start..end]
                .trim_end_matches(|c: char| c.is_whitespace() || c == ',')
                .len()
    };
    end = trim_end(end);
    // One region abbreviation (two or three capitals) or state name.
    let seg = &text[line_start..end];
    let last_word = seg.rsplit(char::is_whitespace).next().unwrap_or_default();
    let is_region = (2..=3).contains(&last_word.len())
        && last_word.bytes().all(|b| b.is_ascii_uppercase())
        || AU_STATES.contains(&last_word);
    if is_region && last_word.len() < seg.len() {
        end = trim_end(end - last_word.len());
    }
    let start = text[line_start..end]
        .rfind(',')
        .map_or(line_start, |i| line_start + i + 1);
    if let Some(run) = locality_run(text, Span::new(start, end)) {
        return Some(run);
    }
    if start == line_start && text[line_start..end].trim().is_empty() && line_start > 0 {
        let prev_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        return locality_run(text, Span::new(prev_start, line_start - 1));
    }
    None
}

/// `span` trimmed, when it is one to four words that start with a capital
/// (lower-case joining words such as "upon" between them), hold no digit
/// and no sentence punctuation, and do not name a postcode.
fn locality_run(text: &str, span: Span) -> Option<Span> {
    let raw = &text[span.range()];
    let lead = raw.len() - raw.trim_start().len();
    let run = raw.trim();
    if run.is_empty() || run.len() > 40 {
        return None;
    }
    let words: Vec<&str> = run.split_whitespace().collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let ok = words.len() <= 4
        && words.first().is_some_and(|w| capitalised(w))
        && words.last().is_some_and(|w| capitalised(w))
        && words.iter().all(|w| capitalised(w) || w.len() <= 4)
        && !run.contains(|c: char| {
            c.is_ascii_digit() || matches!(c, ':' | ';' | '!' | '?' | '(' | ')' | '@' | '/')
        })
        && !words.iter().any(|w| {
            let w = w.to_lowercase();
            POSTCODE_CUES
                .iter()
                .any(|cue| cue.split(' ').any(|p| p == w))
        });
    let start = span.start + lead;
    ok.then(|| Span::new(start, start + run.len()))
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
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
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

/// True when an HL7 address component holding the country (`^AUS`,
/// `^NZL`) follows the code.
fn before_country_component(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    ["^AUS", "^NZL"]
        .iter()
        .any(|c| rest.starts_with(c) && !rest[c.len()..].starts_with(char::is_alphanumeric))
}

/// True when `code` reads as a year of the last or this century.
fn is_year(code: &str) -> bool {
    code.parse::<u32>()
        .is_ok_and(|y| (1900..=2099).contains(&y))
}

/// True when the code at `span` is not part of a longer number, a decimal,
/// a time, a range or a measurement.
fn standalone_code(text: &str, span: Span) -> bool {
    let prev = text[..span.start].chars().next_back();
    let mut tail = text[span.end..].chars();
    let next = tail.next();
    !(prev.is_some_and(|c| {
        c.is_alphanumeric() || matches!(c, '.' | ':' | '-' | '/' | '+' | '$' | '#')
    }) || next.is_some_and(|c| c.is_alphanumeric() || c == '%')
        || matches!(next, Some('.' | ':' | '-' | '/' | ','))
            && tail.next().is_some_and(|c| c.is_ascii_digit()))
}

/// True when the code at `span` sits in the postcode slot of a
/// comma-separated address: its segment is the code and a place name of
/// one to four capitalised words (before or after it, optionally with a
/// parenthesised country), and the segment before holds a house number
/// and a street word ("Schillerweg 13, 80331 München").
fn in_address_segment(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let seg_start = text[line_start..span.start]
        .rfind(',')
        .map_or(line_start, |i| line_start + i + 1);
    let seg_end = text[span.end..line_end]
        .find(',')
        .map_or(line_end, |i| span.end + i);
    if seg_start == line_start {
        return false;
    }
    let mut around = String::new();
    around.push_str(&text[seg_start..span.start]);
    around.push(' ');
    let mut after = &text[span.end..seg_end];
    let mut country_after = false;
    // "Recife 01310-100 (Brazil) and …": the bracketed country closes it.
    if let Some(i) = after.find('(') {
        if after[i..].contains(')') && after[..i].split_whitespace().count() <= 3 {
            after = &after[..i];
            country_after = true;
        }
    }
    around.push_str(after);
    let words: Vec<&str> = around.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let place_like = |w: &&str| {
        let mut cs = w.chars();
        cs.next()
            .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
    };
    if !words.iter().all(place_like) {
        return false;
    }
    let prev_start = text[line_start..seg_start - 1]
        .rfind(',')
        .map_or(line_start, |i| line_start + i + 1);
    let street = &text[prev_start..seg_start - 1];
    // A house number: 1–4 digits, maybe "13/11" or "12A", beside a word.
    let house = street.split_whitespace().any(|w| {
        let w = w.trim_end_matches(',');
        let lead = w.bytes().take_while(u8::is_ascii_digit).count();
        (1..=4).contains(&lead)
            && w[lead..]
                .chars()
                .all(|c| c == '/' || c.is_ascii_digit() || c.is_ascii_alphabetic())
            && w[lead..].chars().filter(char::is_ascii_alphabetic).count() <= 1
    }) && street.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    if !house {
        return false;
    }
    // And evidence that the words are a place: a known one, a country in
    // brackets, a known place (the country) in the next segment, or an
    // address label on the line.
    let next_segment = text[seg_end..line_end]
        .trim_start_matches(',')
        .split(',')
        .next()
        .unwrap_or("");
    let label =
        text[line_start..prev_start.max(line_start)].to_lowercase() + &street.to_lowercase();
    country_after
        || words.iter().any(|w| is_known_place(w))
        || (words.len() > 1 && is_known_place(&words.join(" ")))
        || is_known_place(next_segment.trim())
        || label.contains("address")
        || label.contains("home:")
}

/// True when a UK-shaped code outside the letter rules stands where a
/// postcode goes: after a known place on its line, or before a UK country
/// marker.
fn uk_address_context(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..span.start].trim_end_matches([' ', '^', ',', '|']);
    let after = text[span.end..].trim_start_matches([' ', '^', ',', '|']);
    [
        "GBR",
        "UK",
        "United Kingdom",
        "England",
        "Scotland",
        "Wales",
    ]
    .iter()
    .any(|c| after.starts_with(c) && !after[c.len()..].starts_with(char::is_alphanumeric))
        || (after.is_empty() || after.starts_with(['\n', '\r']))
            && place_tails(before).iter().any(|p| is_known_place(p))
}

impl Recognizer for PostcodeRecognizer {
    fn id(&self) -> &str {
        "intl_postcode"
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::ZipCode, Entity::City]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        let from = out.len();
        let mut push = |span: Span, score: f32, kind: &'static str, cued: bool| {
            let mut c =
                Candidate::new(span, Entity::ZipCode, score).with_pattern(Arc::<str>::from(kind));
            c.context_applied = cued;
            out.push(c);
        };
        let mut uk_found = Vec::new();
        for caps in self.uk.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            let span = Span::new(m.start(), m.end());
            let spaced = caps
                .name("s")
                .or_else(|| caps.name("gs"))
                .is_some_and(|s| !s.is_empty());
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
                if uk_found
                    .iter()
                    .any(|s| s.start < span.end && span.start < s.end)
                {
                    continue;
                }
                if has_cue(doc, span, POSTCODE_CUES, 3) {
                    push(span, 0.8, "uk_labelled", true);
                } else if uk_address_context(text, span) {
                    push(span, 0.7, "uk_address", false);
                }
            }
        }
        for m in self.other.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            if uk_found
                .iter()
                .any(|s| s.start < span.end && span.start < s.end)
            {
                continue;
            }
            let code = m.as_str();
            if code.starts_with('〒') {
                push(span, 0.9, "jp_mark", false);
            } else if !(code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()))
                && standalone_code(text, span)
            {
                // Four plain digits are handled below with the AU/NZ rules.
                if has_cue(doc, span, POSTCODE_CUES, 2) {
                    push(span, 0.9, "labelled", true);
                } else if in_address_segment(text, span) {
                    push(span, 0.8, "address_segment", false);
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
                    && text[span.end..]
                        .chars()
                        .nth(1)
                        .is_some_and(|c| c.is_ascii_digit())
            {
                continue;
            }
            if has_cue(doc, span, POSTCODE_CUES, 2) {
                push(span, 0.9, "four_digit_labelled", true);
            } else if !is_year(m.as_str()) && in_address_segment(text, span) {
                push(span, 0.75, "address_segment", false);
            } else if after_au_state(text, span.start) || before_country_component(text, span.end) {
                push(span, 0.85, "au_state", false);
            } else if after_place(text, span) {
                push(span, 0.75, "after_place", false);
            }
        }
        // The town or city of each address whose postcode was found.
        let codes: Vec<Span> = out[from..]
            .iter()
            .filter(|c| c.score >= 0.7)
            .map(|c| c.span)
            .collect();
        for code in codes {
            if let Some(town) = locality_of(text, code) {
                out.push(
                    Candidate::new(town, Entity::City, 0.7)
                        .with_pattern(Arc::<str>::from("locality_before_postcode")),
                );
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
            .filter(|(e, _)| *e == Entity::ZipCode)
            .map(|(_, s)| s)
            .collect()
    }

    fn towns(text: &str) -> Vec<String> {
        let r = PostcodeRecognizer::new().expect("builds");
        detections(&analyzer_over(vec![Arc::new(r)], &[]), text)
            .into_iter()
            .filter(|(e, _)| *e == Entity::City)
            .map(|(_, s)| s)
            .collect()
    }

    #[test]
    fn the_locality_written_with_a_postcode() {
        assert_eq!(
            towns("14 Brook Lane\nMarlow Bottom SL7 3QT\n"),
            ["Marlow Bottom"]
        );
        assert_eq!(
            towns("Flat 2, 9 Mill Road, Harrogate HG1 5AB"),
            ["Harrogate"]
        );
        assert_eq!(
            towns("31 Dunmore Street\nWagga Wagga NSW 2650"),
            ["Wagga Wagga"]
        );
        assert_eq!(towns("88 Pembina Hwy\nBrandon MB R7A 1K4"), ["Brandon"]);
        assert_eq!(towns("3 Quay Road\nTruro\nTR1 2HE\n"), ["Truro"]);
        assert_eq!(
            towns("Stratford-upon-Avon CV37 6BB"),
            ["Stratford-upon-Avon"]
        );
        // A street line, a label or a sentence is not a locality.
        assert!(towns("22 Kings Road SW3 4UD").is_empty());
        assert!(towns("Postcode: SW3 4UD").is_empty());
        assert!(towns("She moved to the area near SW3 4UD last year.").is_empty());
        assert!(towns("Seen 12 March.\nSW3 4UD").is_empty());
    }

    #[test]
    fn uk_postcodes_by_the_grammar() {
        for pc in [
            "SW1A 1AA", "M1 1AE", "EH12 9JE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX",
            "EC1A 1BB", "GIR 0AA",
        ] {
            assert_eq!(
                found(&format!("10 Downing St\nLondon {pc}\n")),
                vec![pc.to_string()],
                "{pc}"
            );
        }
        // Inward letters exclude C, I, K, M, O, V; Q is never first.
        assert!(found("London SW1A 1AC").is_empty());
        assert!(found("Bed QA1 1AA in ward").is_empty());
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
    fn codes_in_the_postcode_slot_of_an_address() {
        assert_eq!(
            found("Address: Schillerweg 13, 80331 München"),
            vec!["80331"]
        );
        assert_eq!(
            found("Avenida Paulista 102, Recife 01310-100 (Brazil)"),
            vec!["01310-100"]
        );
        assert_eq!(found("ul. Długa 85, 00-950 Łódź, Poland"), vec!["00-950"]);
        assert_eq!(found("33 MG Road, 226001 Lucknow"), vec!["226001"]);
        assert_eq!(found("中区栄 1-2-3 〒460-0008"), vec!["〒460-0008"]);
        assert_eq!(
            found("The new address is Οδός Αιόλου 32, Αθήνα 105 51 (Greece) and the phone"),
            vec!["105 51"]
        );
        assert_eq!(found("PID|||1 TAY ST^^DUNEDIN^^9016^NZL"), vec!["9016"]);
        assert_eq!(found("\"postalCode\": \"24605\""), vec!["24605"]);
        // Not in an address: doses, counts, vitals and years stay.
        for text in [
            "Metformin 1000 mg, Lisinopril 10 mg daily",
            "WBC 12000, Platelets 250000",
            "Seen 12 March, Follow 2024",
            "BP 120/80, HR 72, Weight 70500 Grams",
        ] {
            assert!(
                found(text).is_empty(),
                "fired in {text:?}: {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn uk_shapes_outside_the_letter_rules_need_an_address() {
        assert_eq!(
            found("12 Orchard Close\nNorwich SW2C 9AU\n"),
            vec!["SW2C 9AU"]
        );
        assert_eq!(
            found("12 ORCHARD CLOSE^^NORWICH^^SW2C 9AU^GBR"),
            vec!["SW2C 9AU"]
        );
        assert!(found("Ward SW2C 9AU today").is_empty());
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
        assert_eq!(
            found("15 Queen Street\nWellington\n6011\n\nDear Dr Lee"),
            vec!["6011"]
        );
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
