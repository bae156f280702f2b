//! Telephone and fax numbers outside the North American plan.
//!
//! A cheap candidate finder (digit groups joined by single spaces, dots,
//! dashes or parenthesised area codes, 7–15 digits) feeds the
//! `phonenumber` crate, which validates each candidate against the
//! numbering plan of its country:
//!
//! * `+CC …` and `00CC …` numbers are parsed as international numbers and
//!   must be valid for that country (or be labelled and of a possible
//!   length);
//! * national numbers (a trunk `0`, or Spain's and Mexico's plans without
//!   one) count only with a telephone cue — a label or a nearby word
//!   such as "tel", "mobile", "contact", "fax" — and must be valid in one
//!   of the regions in [`REGIONS`].
//!
//! `+1` and NANP numbers are left to the `phone_fax` recognizer, so a US
//! number is never reported twice.

use std::sync::Arc;

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};
use phonenumber::country::Id;
use regex::Regex;

use super::label_lower;

/// Regions whose national formats are tried, in this order.
pub(crate) const REGIONS: &[Id] = &[
    Id::GB,
    Id::AU,
    Id::NZ,
    Id::IE,
    Id::IN,
    Id::DE,
    Id::FR,
    Id::ES,
    Id::MX,
    Id::BR,
    Id::NG,
    Id::ZA,
    Id::PH,
    Id::CN,
    Id::JP,
];

/// Regions whose national numbers have no trunk prefix.
const NO_TRUNK: &[Id] = &[Id::ES, Id::MX];

/// Words that make a nearby number a fax number.
const FAX_CUES: &[&str] = &["fax", "facsimile", "telefax", "fx", "f"];

/// Words that make a nearby number a telephone number.
const PHONE_CUES: &[&str] = &[
    "tel",
    "tele",
    "telephone",
    "telephoned",
    "phone",
    "phoned",
    "ph",
    "mob",
    "mobile",
    "mobil",
    "cell",
    "cellphone",
    "contact",
    "contacted",
    "call",
    "called",
    "reach",
    "reached",
    "ring",
    "rang",
    "text",
    "texted",
    "whatsapp",
    "landline",
    "number",
    "no",
    "pager",
    "bleep",
    "telecom",
    "switchboard",
    "helpline",
    "t",
    "m",
    "p",
    "h",
    "w",
];

/// Words that make the number right after them a telephone number (and
/// only that one: "at work in MA; connection from …" is no cue).
const NEAR_CUES: &[&str] = &["home", "work", "office", "direct", "daytime", "evening"];

/// How many words before a number are read for a cue.
const CUE_REACH: usize = 5;

/// Finds telephone and fax numbers in international and national formats.
#[derive(Debug)]
pub struct IntlPhoneRecognizer {
    candidates: Regex,
    date_like: Regex,
    context: Vec<String>,
}

/// What the words around a number say it is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cue {
    None,
    Phone,
    Fax,
}

impl IntlPhoneRecognizer {
    /// Builds the recognizer.
    ///
    /// # Errors
    /// When a built-in pattern fails to compile (a bug).
    pub fn new() -> Result<IntlPhoneRecognizer, Error> {
        let candidates = Regex::new(
            r"(?x)
            (?:
              \+[\ ]?(?:\(\d{1,5}\)[\ ]?)?
            | \(\d{1,5}\)[\ ]?
            | (?-u:\b)
            )
            \d{1,6}
            (?:
              (?:[\ ]?[.\-][\ ]?|[\ ]|[\ ]?\(0\)[\ ]?|[\ ]?\(\d{1,5}\)[\ ]?)
              \d{1,8}
            ){0,6}",
        )
        .map_err(|e| Error::recognizer("intl_phone", format!("pattern: {e}")))?;
        let date_like = Regex::new(
            r"^(?:\d{1,2}[./\-]\d{1,2}[./\-](?:\d{2}|\d{4})|\d{4}[./\-]\d{1,2}[./\-]\d{1,2})$",
        )
        .map_err(|e| Error::recognizer("intl_phone", format!("pattern: {e}")))?;
        // Load the numbering-plan metadata now (about 80 ms, once per
        // process) rather than during the first analysis.
        let _: &phonenumber::metadata::Database = &phonenumber::metadata::DATABASE;
        Ok(IntlPhoneRecognizer {
            candidates,
            date_like,
            context: ["tel", "phone", "mobile", "mob", "contact", "fax", "cell"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        })
    }
}

/// The cue the label or nearby words give `span`: the nearest cue word
/// wins, a label beats words, and a number between a cue and `span`
/// means the cue belongs to that number.
fn cue_for(doc: &Document<'_>, span: Span) -> Cue {
    if let Some(label) = label_lower(doc, span) {
        if has_word(&label, FAX_CUES) {
            return Cue::Fax;
        }
        if has_word(&label, PHONE_CUES) || label.contains("phone") {
            return Cue::Phone;
        }
    }
    let text = doc.text();
    let words = doc.words_before(span.start, CUE_REACH);
    for (k, w) in words.iter().rev().enumerate() {
        if w.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        let lower = w.to_lowercase();
        // One-letter labels ("T:", "M.", "F ") count only right before
        // the number.
        if lower.len() == 1 && k > 0 {
            continue;
        }
        if FAX_CUES.contains(&lower.as_str()) {
            return Cue::Fax;
        }
        if PHONE_CUES.contains(&lower.as_str()) {
            return Cue::Phone;
        }
        // "Home 020 …", "Work: …": only right before the number.
        if k == 0 && NEAR_CUES.contains(&lower.as_str()) {
            return Cue::Phone;
        }
    }
    // "(fax)", "(mobile)" right after.
    let after: String = text[span.end..]
        .chars()
        .take(12)
        .collect::<String>()
        .to_lowercase();
    let after = after.trim_start_matches([' ', '(', '[', '-', ',']);
    if after.starts_with("fax") {
        return Cue::Fax;
    }
    // An HL7 v2 XTN component: the number, then its use code (PRN, ORN,
    // WPN, VHN, ASN, EMR, NET, BPN) or equipment type (PH, CP, FX, BP).
    if let Some(rest) = after.strip_prefix('^') {
        let code: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        let next: String = rest[code.len()..]
            .strip_prefix('^')
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        if code == "fx" || next == "fx" {
            return Cue::Fax;
        }
        if [
            "prn", "orn", "wpn", "vhn", "asn", "emr", "bpn", "ph", "cp", "bp",
        ]
        .contains(&code.as_str())
        {
            return Cue::Phone;
        }
    }
    if ["mob", "tel", "cell", "home", "work", "phone"]
        .iter()
        .any(|w| after.starts_with(w))
    {
        return Cue::Phone;
    }
    Cue::None
}

/// Words that leave no doubt that the number after them is a telephone.
const STRONG_CUES: &[&str] = &[
    "tel",
    "telephone",
    "phone",
    "ph",
    "mob",
    "mobile",
    "cell",
    "fax",
    "contacted",
    "reached",
    "landline",
    "telecom",
];

/// True when the word right before `span` (or its label) is one of
/// [`STRONG_CUES`] (the preposition "on" or "at" may stand between).
fn strong_cue(doc: &Document<'_>, span: Span) -> bool {
    if label_lower(doc, span).is_some_and(|l| has_word(&l, STRONG_CUES)) {
        return true;
    }
    let words = doc.words_before(span.start, 2);
    let mut it = words.iter().rev().map(|w| w.to_lowercase());
    match it.next() {
        Some(w) if STRONG_CUES.contains(&w.as_str()) => true,
        Some(w) if w == "on" || w == "at" => {
            it.next().is_some_and(|w| STRONG_CUES.contains(&w.as_str()))
        }
        _ => false,
    }
}

/// True when `text` holds one of `words` as a whole word.
fn has_word(text: &str, words: &[&str]) -> bool {
    phimask_core::document::words(text).any(|s| words.contains(&&text[s.range()]))
}

/// True when `s` is four dot-separated groups of one to three digits (an
/// IPv4 address or a version number, never a telephone number).
fn dotted_quad(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The digits of `s`.
fn digits_of(s: &str) -> String {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(char::from)
        .collect()
}

/// Parses `s` as an international number (`+` or `00` already turned into
/// `+`); `Some(valid)` when it parses with a country code other than 1.
fn international(s: &str) -> Option<bool> {
    let n = phonenumber::parse(None, s).ok()?;
    if n.code().value() == 1 {
        return None;
    }
    Some(phonenumber::is_valid(&n))
}

/// True when `digits` is a valid North American number.
fn us_number(digits: &str) -> bool {
    [Id::US, Id::CA]
        .iter()
        .any(|&r| phonenumber::parse(Some(r), digits).is_ok_and(|n| phonenumber::is_valid(&n)))
}

/// True when a number without a trunk prefix is grouped the North
/// American way (3-3-4, `(3) 3-4`, or 1 and ten digits): `phone_fax`
/// reports it, whether or not its area code is assigned.
fn nanp_shaped(raw: &str, digits: &str) -> bool {
    let groups: Vec<usize> = raw
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(str::len)
        .collect();
    match digits.len() {
        10 => groups.len() == 1 || groups == [3, 3, 4] || groups == [6, 4] || groups == [3, 7],
        11 => digits.starts_with('1'),
        _ => false,
    }
}

/// True when `s` is a valid national number in one of [`REGIONS`]
/// (`trunk`: it starts with the trunk prefix 0).
fn national(s: &str, trunk: bool) -> bool {
    REGIONS
        .iter()
        .filter(|r| trunk != NO_TRUNK.contains(r))
        .any(|&r| {
            phonenumber::parse(Some(r), s)
                .is_ok_and(|n| n.code().value() != 1 && phonenumber::is_valid(&n))
        })
}

impl Recognizer for IntlPhoneRecognizer {
    fn id(&self) -> &str {
        "intl_phone"
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
        for m in self.candidates.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            let raw = m.as_str();
            let digits = digits_of(raw);
            if !(7..=15).contains(&digits.len()) {
                continue;
            }
            // Boundaries: not glued to words, other digits, decimals or
            // date separators.
            let prev = text[..start].chars().next_back();
            if prev.is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_' | '$' | ',' | '+')
            }) {
                continue;
            }
            let mut tail = text[end..].chars();
            let (next, next2) = (tail.next(), tail.next());
            if next.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '%')
                || (matches!(next, Some('/' | '-' | '.' | ':' | ','))
                    && next2.is_some_and(|c| c.is_ascii_digit()))
            {
                continue;
            }
            let span = Span::new(start, end);
            let plus = raw.starts_with('+');
            let idd = !plus && raw.starts_with("00");
            if !plus && (self.date_like.is_match(raw) || dotted_quad(raw)) {
                continue;
            }
            let trunk = digits.starts_with('0');
            // Cheap rejections first: a North American shape belongs to
            // `phone_fax`; a national number needs a trunk 0 or one of
            // the plans without one (ten digits at most).
            if !plus && !idd && !trunk && (digits.len() > 10 || nanp_shaped(raw, &digits)) {
                continue;
            }
            let cue = cue_for(doc, span);
            let (valid, kind) = if plus || idd {
                let s = if idd {
                    format!("+{}", &raw[2..])
                } else {
                    raw.to_string()
                };
                match international(&s) {
                    Some(true) => (true, "international"),
                    // Labelled, parses, but outside the plan's ranges:
                    // still someone's number as written.
                    Some(false) if cue != Cue::None && digits.len() >= 9 => {
                        (false, "international_labelled")
                    }
                    _ => continue,
                }
            } else {
                if cue == Cue::None {
                    continue;
                }
                if national(&text[start..end], trunk) {
                    // Without a trunk prefix a ten-digit number may be
                    // North American: that one belongs to `phone_fax`.
                    if !trunk && us_number(&digits) {
                        continue;
                    }
                    (true, "national")
                } else if trunk
                    && (9..=11).contains(&digits.len())
                    && !digits.starts_with("00")
                    && strong_cue(doc, span)
                {
                    // Written as a number under a telephone label, in a
                    // national shape, though outside the plan's ranges.
                    (false, "national_labelled")
                } else {
                    continue;
                }
            };
            let entity = if cue == Cue::Fax {
                Entity::FaxNumber
            } else {
                Entity::PhoneNumber
            };
            let score = match (valid, cue) {
                (true, Cue::None) => 0.85,
                (true, _) => 0.95,
                (false, _) => 0.7,
            };
            let mut c = Candidate::new(span, entity, score).with_pattern(Arc::<str>::from(kind));
            c.context_applied = cue != Cue::None;
            out.push(c);
        }
        Ok(())
    }

    fn context_words(&self) -> &[String] {
        &self.context
    }
}

#[cfg(test)]
mod tests {
    use phimask_core::Entity;

    use super::IntlPhoneRecognizer;
    use crate::testutil::{finds_one, found_by};

    fn found(text: &str) -> Vec<(Entity, String)> {
        found_by(IntlPhoneRecognizer::new().expect("builds"), text)
    }

    fn one(text: &str, entity: Entity, want: &str) {
        finds_one(
            IntlPhoneRecognizer::new().expect("builds"),
            text,
            entity,
            want,
        );
    }

    #[test]
    fn international_numbers_need_no_cue() {
        one(
            "Her daughter is on +44 20 7946 0958 most days.",
            Entity::PhoneNumber,
            "+44 20 7946 0958",
        );
        one(
            "Reach him at +61 2 9374 4000.",
            Entity::PhoneNumber,
            "+61 2 9374 4000",
        );
        one(
            "Tel +44 (0)20 7946 0958",
            Entity::PhoneNumber,
            "+44 (0)20 7946 0958",
        );
        one(
            "number 0049 30 901820 in Berlin",
            Entity::PhoneNumber,
            "0049 30 901820",
        );
        one("+64 4 496 4999", Entity::PhoneNumber, "+64 4 496 4999");
    }

    #[test]
    fn national_numbers_with_a_cue() {
        one("Tel: 020 7946 0958", Entity::PhoneNumber, "020 7946 0958");
        one("Mobile 07700 900123", Entity::PhoneNumber, "07700 900123");
        one(
            "can be contacted on (02) 9374 4000.",
            Entity::PhoneNumber,
            "(02) 9374 4000",
        );
        one("ph 09 379 0000", Entity::PhoneNumber, "09 379 0000");
        one("Fax 0113 496 0000", Entity::FaxNumber, "0113 496 0000");
        assert_eq!(
            found("Tel 0412 345 678  Fax (03) 9600 1234"),
            vec![
                (Entity::PhoneNumber, "0412 345 678".to_string()),
                (Entity::FaxNumber, "(03) 9600 1234".to_string())
            ]
        );
        one("phone: 01 234 5678", Entity::PhoneNumber, "01 234 5678");
    }

    #[test]
    fn national_numbers_without_a_cue_are_left() {
        assert!(found("Reference 020 7946 0958 on file.").is_empty());
    }

    #[test]
    fn invalid_numbers_are_rejected() {
        // No numbering plan has a +44 number this short or a 00 prefix.
        assert!(found("Tel: 020 0000 0").is_empty());
        assert!(found("+44 12 345").is_empty());
        assert!(found("Tel 0000 000 000").is_empty());
        // Outside the plan, only a telephone label keeps it.
        assert!(found("number 03 803 0228").is_empty());
        one("Tel 03 803 0228", Entity::PhoneNumber, "03 803 0228");
    }

    #[test]
    fn not_dates_times_labs_or_records() {
        for text in [
            "Tel clinic on 12.03.2024 at 10:30",
            "phone review 2024-03-12",
            "contact: seen 03-12-2024",
            "Hb 13.5 g/dL, WBC 7.2, call if K 5.9",
            "MRN 00123456, phone unknown",
            "Call at 10:30 or 14:45 tomorrow",
            "contact 20250212101206",
            "Patient at work in MA; connection from 66.115.79.211",
            "Tel check: host 10.115.79.211",
        ] {
            assert!(
                found(text).is_empty(),
                "fired in {text:?}: {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn us_numbers_are_left_to_phone_fax() {
        assert!(found("Tel +1 212 555 0198").is_empty());
        assert!(found("Phone (212) 555-0198").is_empty());
        assert!(found("phone 212-555-0198").is_empty());
        // Unassigned area codes are still North American in shape.
        assert!(found("can be reached at 378-914-4669.").is_empty());
        assert!(found("Home: (892)452-0812").is_empty());
        assert!(found("Fax 482 584 3026").is_empty());
    }
}
