//! National health and insurance numbers, each checked by its scheme's
//! check digit (see `checks.rs`):
//!
//! | scheme | shape | check | needs a cue |
//! |---|---|---|---|
//! | NHS number (England, Wales) | `943 476 5919`, `943-476-5919`, ten digits | mod 11 | yes ("NHS") |
//! | Ontario health number (OHIP) | `1234-567-897`, optional version code `AB` | Luhn | unless written 4-3-3 with a version code |
//! | Medicare Australia | `2123 45670 1`, optional reference number | weighted mod 10 | unless written 4-5-1 |
//! | New Zealand NHI | `ZZZ0016` (old), `ZSC21TN` (new) | mod 11 / mod 23 | yes ("NHI") |
//! | UK National Insurance number | `AB 12 34 56 C` | prefix and suffix rules | unless it has its suffix letter |
//! | Canadian SIN | `046 454 286` | Luhn | yes ("SIN", "social insurance") |
//!
//! Health numbers are reported as `HEALTH_PLAN_ID` (they identify a
//! beneficiary of a public health plan); the National Insurance number and
//! the SIN as `ID_NUMBER`. A number whose check digit fails is not one of
//! these and is left to the labelled-identifier recognizers.

use std::sync::Arc;

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};
use regex::Regex;

use super::{checks, has_cue};

const NHS_CUES: &[&str] = &["nhs", "nhs no", "nhs number", "chi", "h&c"];
const OHIP_CUES: &[&str] = &[
    "ohip",
    "hcn",
    "health card",
    "health number",
    "health card number",
    "ontario health",
    "phn",
    "health insurance number",
];
const MEDICARE_CUES: &[&str] = &[
    "medicare",
    "medicare no",
    "medicare card",
    "medicare number",
];
const NHI_CUES: &[&str] = &["nhi", "nhi no", "nhi number", "national health index"];
const NINO_CUES: &[&str] = &[
    "nino",
    "ni",
    "ni no",
    "national insurance",
    "nin",
    "ni number",
];
const SIN_CUES: &[&str] = &["sin", "social insurance", "social insurance number", "nas"];

/// How many words before a number are read for its scheme's cue.
const CUE_REACH: usize = 4;

/// Finds NHS, OHIP, Medicare Australia, NHI, National Insurance and SIN
/// numbers.
#[derive(Debug)]
pub struct NationalIdRecognizer {
    ten: Regex,
    medicare: Regex,
    nhi: Regex,
    nino: Regex,
    nine: Regex,
    context: Vec<String>,
}

impl NationalIdRecognizer {
    /// Builds the recognizer.
    ///
    /// # Errors
    /// When a built-in pattern fails to compile (a bug).
    pub fn new() -> Result<NationalIdRecognizer, Error> {
        let re = |s: &str| {
            Regex::new(s).map_err(|e| Error::recognizer("intl_health_id", format!("pattern: {e}")))
        };
        Ok(NationalIdRecognizer {
            // 3-3-4 (NHS), 4-3-3 (OHIP) or ten digits, with an optional
            // OHIP version code.
            ten: re(r"(?x)(?-u:\b)
                (?P<n>\d{3}(?P<s1>[\ \-]?)\d{3}(?P<s2>[\ \-]?)\d{4}
                 |\d{4}(?P<t1>[\ \-]?)\d{3}(?P<t2>[\ \-]?)\d{3})
                (?:(?P<vs>[\ \-]?)(?P<v>[A-Z]{2}))?(?-u:\b)")?,
            medicare: re(r"(?-u:\b)[2-6]\d{3}(?P<a>[ ]?)\d{5}(?P<b>[ ]?)\d(?:[ \-/]?\d)?(?-u:\b)")?,
            nhi: re(r"(?-u:\b)[A-HJ-NP-Z]{3}(?:\d{4}|\d{2}[A-HJ-NP-Z]{2})(?-u:\b)")?,
            nino: re(r"(?-u:\b)[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]?(?-u:\b)")?,
            nine: re(r"(?-u:\b)\d{3}(?P<s>[ \-]?)\d{3}[ \-]?\d{3}(?-u:\b)")?,
            context: [
                "nhs",
                "ohip",
                "medicare",
                "nhi",
                "health card",
                "national insurance",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        })
    }
}

/// The characters of `s` other than separators.
fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '/'))
        .collect()
}

/// True when the match is not glued to more digits, letters or decimals.
fn standalone(text: &str, span: Span) -> bool {
    let prev = text[..span.start].chars().next_back();
    let mut tail = text[span.end..].chars();
    let next = tail.next();
    let glued_before =
        prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '/' | '+'));
    let glued_after = next.is_some_and(|c| c.is_alphanumeric())
        || (matches!(next, Some('.' | '-' | '/' | ':'))
            && tail.next().is_some_and(|c| c.is_ascii_digit()));
    !(glued_before || glued_after)
}

impl Recognizer for NationalIdRecognizer {
    fn id(&self) -> &str {
        "intl_health_id"
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::HealthPlanId, Entity::IdNumber]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        let mut push = |span: Span, entity: Entity, score: f32, kind: &'static str, cued: bool| {
            let mut c = Candidate::new(span, entity, score).with_pattern(Arc::<str>::from(kind));
            c.context_applied = cued;
            out.push(c);
        };
        for caps in self.ten.captures_iter(text) {
            let (Some(m), Some(n)) = (caps.get(0), caps.name("n")) else {
                continue;
            };
            let whole = Span::new(m.start(), m.end());
            if !standalone(text, whole) {
                continue;
            }
            let num = compact(n.as_str());
            let number_span = Span::new(n.start(), n.end());
            let same = |a: &str, b: &str| {
                caps.name(a).map(|x| x.as_str()) == caps.name(b).map(|x| x.as_str())
            };
            if caps.name("s1").is_some()
                && same("s1", "s2")
                && checks::nhs(&num)
                && has_cue(doc, number_span, NHS_CUES, CUE_REACH)
            {
                push(number_span, Entity::HealthPlanId, 0.95, "nhs", true);
                continue;
            }
            if (caps.name("t1").is_some() || caps.name("s1").is_none()) && checks::ohip(&num) {
                let cued = has_cue(doc, number_span, OHIP_CUES, CUE_REACH);
                let versioned =
                    caps.name("v").is_some() && caps.name("t1").is_some_and(|s| !s.is_empty());
                if cued || versioned {
                    push(
                        whole,
                        Entity::HealthPlanId,
                        if cued { 0.95 } else { 0.8 },
                        "ohip",
                        cued,
                    );
                    continue;
                }
            }
            // Ten plain digits: an NHS number written without spaces.
            if caps.name("t1").is_none()
                && caps.name("s1").is_none()
                && checks::nhs(&num)
                && has_cue(doc, number_span, NHS_CUES, CUE_REACH)
            {
                push(number_span, Entity::HealthPlanId, 0.95, "nhs", true);
            }
        }
        for caps in self.medicare.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            let span = Span::new(m.start(), m.end());
            if !standalone(text, span) || !checks::medicare_au(&compact(m.as_str())) {
                continue;
            }
            let cued = has_cue(doc, span, MEDICARE_CUES, CUE_REACH);
            let shaped = caps.name("a").is_some_and(|s| s.as_str() == " ")
                && caps.name("b").is_some_and(|s| s.as_str() == " ");
            if cued || shaped {
                push(
                    span,
                    Entity::HealthPlanId,
                    if cued { 0.95 } else { 0.7 },
                    "medicare_au",
                    cued,
                );
            }
        }
        for m in self.nhi.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            if checks::nhi(m.as_str()) && has_cue(doc, span, NHI_CUES, CUE_REACH) {
                push(span, Entity::HealthPlanId, 0.95, "nhi", true);
            }
        }
        for m in self.nino.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            let code = compact(m.as_str());
            if !checks::nino(&code) {
                continue;
            }
            let cued = has_cue(doc, span, NINO_CUES, CUE_REACH);
            if cued || code.len() == 9 {
                push(
                    span,
                    Entity::IdNumber,
                    if cued { 0.95 } else { 0.75 },
                    "uk_nino",
                    cued,
                );
            }
        }
        for m in self.nine.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            if standalone(text, span)
                && checks::sin(&compact(m.as_str()))
                && has_cue(doc, span, SIN_CUES, CUE_REACH)
            {
                push(span, Entity::IdNumber, 0.95, "ca_sin", true);
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
    use phimask_core::Entity;

    use super::NationalIdRecognizer;
    use crate::testutil::{finds_one, found_by};

    fn found(text: &str) -> Vec<(Entity, String)> {
        found_by(NationalIdRecognizer::new().expect("builds"), text)
    }

    fn one(text: &str, entity: Entity, want: &str) {
        finds_one(
            NationalIdRecognizer::new().expect("builds"),
            text,
            entity,
            want,
        );
    }

    #[test]
    fn nhs_numbers() {
        one("NHS No: 943 476 5919", Entity::HealthPlanId, "943 476 5919");
        one(
            "NHS number 943-476-5919.",
            Entity::HealthPlanId,
            "943-476-5919",
        );
        one("NHS 9434765919", Entity::HealthPlanId, "9434765919");
        // Wrong check digit, no cue, mixed separators: left.
        assert!(found("NHS No: 943 476 5918").is_empty());
        assert!(found("ref 943 476 5919").is_empty());
        assert!(found("NHS No: 943 476-5919").is_empty());
    }

    #[test]
    fn ohip_numbers() {
        one(
            "OHIP: 1234-567-897 AB",
            Entity::HealthPlanId,
            "1234-567-897 AB",
        );
        one(
            "Health card 1234 567 897",
            Entity::HealthPlanId,
            "1234 567 897",
        );
        // The 4-3-3 shape with a version code needs no label.
        one(
            "Re: Ana Lee, 1234-567-897-XY",
            Entity::HealthPlanId,
            "1234-567-897-XY",
        );
        assert!(found("OHIP: 1234-567-890 AB").is_empty());
    }

    #[test]
    fn medicare_australia() {
        one(
            "Medicare No: 2123456701",
            Entity::HealthPlanId,
            "2123456701",
        );
        one(
            "Medicare card 2123 45670 1",
            Entity::HealthPlanId,
            "2123 45670 1",
        );
        one(
            "card 2123 45670 1-2 on file",
            Entity::HealthPlanId,
            "2123 45670 1-2",
        );
        assert!(found("Medicare No: 2123456711").is_empty());
        assert!(found("Medicare No: 7123456701").is_empty());
    }

    #[test]
    fn nhi_numbers() {
        one("NHI: ZAC5361", Entity::HealthPlanId, "ZAC5361");
        one("NHI ZSC21TN", Entity::HealthPlanId, "ZSC21TN");
        assert!(found("NHI: ZAC5362").is_empty());
        // A lot number of the same shape without the cue stays.
        assert!(found("Lot ZAC5361").is_empty());
    }

    #[test]
    fn national_insurance_and_sin() {
        one("NI number AB 12 34 56 C", Entity::IdNumber, "AB 12 34 56 C");
        one("Employer holds JG103759A", Entity::IdNumber, "JG103759A");
        one("NINO: AB123456", Entity::IdNumber, "AB123456");
        assert!(found("code GB123456A").is_empty());
        assert!(found("ref AB123456").is_empty());
        one("SIN: 130 692 544", Entity::IdNumber, "130 692 544");
        assert!(found("SIN: 130 692 545").is_empty());
        assert!(found("phone 130 692 544").is_empty());
    }

    #[test]
    fn us_numbers_dates_and_labs_stay() {
        for text in [
            "Phone (212) 555-0198",
            "SSN 123-45-6789",
            "Seen 2024-03-14, Hb 13.5",
            "MRN 4455667788",
            "Glucose 5.4 mmol/L, eGFR 90",
        ] {
            assert!(
                found(text).is_empty(),
                "fired in {text:?}: {:?}",
                found(text)
            );
        }
    }
}
