//! US social security and individual taxpayer identification numbers.
//!
//! A dashed `ddd-dd-dddd` is almost always an SSN in a clinical note
//! (telephone numbers are `ddd-ddd-dddd`), so it scores 0.85 once its
//! ranges are valid; spaced forms score lower and nine bare digits need a
//! context word. Last-four forms ("xxx-xx-6789", "***-**-6789") mask the
//! digits. Labelled values ("SSN: 000-12-3456") are masked whatever their
//! ranges by the labelled recognizer.

use std::sync::Arc;

use phimask_core::{Entity, Error, PatternRecognizer, Recognizer};

use super::validators::{itin_valid, ssn_valid};

/// Context words for SSNs.
const SSN_CONTEXT: &[&str] = &["ssn", "ssns", "social security", "social", "ss", "soc sec"];

/// The number of ASCII digits in `s`.
fn digit_count(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

pub(super) fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    let ssn = PatternRecognizer::builder("us_ssn", Entity::UsSsn)
        .pattern("ssn_dashed", r"(?-u:\b)\d{3}-\d{2}-\d{4}(?-u:\b)", 0.85)
        .pattern(
            "ssn_spaced",
            r"(?-u:\b)\d{3}[ .]\d{2}[ .]\d{4}(?-u:\b)",
            0.55,
        )
        .pattern("ssn_plain", r"(?-u:\b)\d{9}(?-u:\b)", 0.3)
        .pattern(
            "ssn_last_four",
            r"(?:(?-u:\b)[xX]{3}|\*{3}|#{3})[- ]?(?:[xX]{2}|\*{2}|#{2})[- ]?(?P<phi>\d{4})(?-u:\b)",
            0.85,
        )
        .context(SSN_CONTEXT.iter().copied())
        .validator(|s| {
            if digit_count(s) == 9 && !ssn_valid(s) {
                Some(false)
            } else {
                None
            }
        })
        .build()?;
    let itin = PatternRecognizer::builder("us_itin", Entity::UsItin)
        .pattern("itin_dashed", r"(?-u:\b)9\d{2}-\d{2}-\d{4}(?-u:\b)", 0.85)
        .pattern(
            "itin_other",
            r"(?-u:\b)9\d{2}[ .]?\d{2}[ .]?\d{4}(?-u:\b)",
            0.3,
        )
        .context(["itin", "taxpayer", "tax id", "tin", "tax identification"])
        .validator(|s| if itin_valid(s) { None } else { Some(false) })
        .build()?;
    Ok(vec![Arc::new(ssn), Arc::new(itin)])
}

#[cfg(test)]
mod tests {
    use crate::identifiers::testutil::{assert_found, assert_none, masked};
    use phimask_core::Entity::*;

    #[test]
    fn dashed_and_spaced() {
        assert_found("SSN 123-45-6789 on file", &[(UsSsn, "123-45-6789")]);
        assert_found("ss no is 123 45 6789.", &[(UsSsn, "123 45 6789")]);
        assert_found(
            "her number 321-54-9876 was given",
            &[(UsSsn, "321-54-9876")],
        );
    }

    #[test]
    fn nine_digits_need_context() {
        assert_found("social security 123456789", &[(UsSsn, "123456789")]);
        assert_none("order 123456789 shipped");
    }

    #[test]
    fn invalid_ranges_are_dropped_unless_labelled() {
        assert_none("code 666-12-3456 and 123-00-4567 and 123-45-0000");
        assert_found("SSN: 666-12-3456", &[(UsSsn, "666-12-3456")]);
    }

    #[test]
    fn last_four_masks_the_digits() {
        assert_eq!(masked("ssn xxx-xx-6789"), "ssn xxx-xx-●●●●");
        assert_eq!(masked("on file: ***-**-6789."), "on file: ***-**-●●●●.");
        assert_eq!(masked("XXX-XX-1234"), "XXX-XX-●●●●");
    }

    #[test]
    fn itin() {
        assert_found("ITIN 912-70-1234", &[(UsItin, "912-70-1234")]);
        assert_found("filed 912-78-1234", &[(UsItin, "912-78-1234")]);
        assert_none("value 912-45-1234");
    }

    #[test]
    fn phones_and_clinical_numbers_are_not_ssns() {
        assert_none("call 212-555-0198 or (212) 555-0199");
        assert_none("BP 128/82, HR 72, PHQ-9: 14, F33.1, CPT 90837");
        assert_none("2024-03-14");
    }
}
