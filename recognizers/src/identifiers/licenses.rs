//! Provider and licence numbers that need no label: NPIs (Luhn with the
//! 80840 prefix, near a context word), DEA numbers (check digit), and
//! state licence, driver's licence and passport formats near a context
//! word. Labelled values come from the labelled recognizer.

use std::sync::Arc;

use phimask_core::{Entity, Error, PatternRecognizer, Recognizer};

use super::validators::{dea_valid, npi_valid};

pub(super) fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    // A ten-digit number passes the NPI check one time in ten, and phone
    // numbers are ten digits: a valid NPI still needs a context word.
    let npi = PatternRecognizer::builder("npi", Entity::Npi)
        .pattern("npi_digits", r"(?-u:\b)[12]\d{9}(?-u:\b)", 0.3)
        .context(["npi", "national provider", "npi#"])
        .validator(|s| (!npi_valid(s)).then_some(false))
        .build()?;
    let dea = PatternRecognizer::builder("dea", Entity::DeaNumber)
        .pattern(
            "dea_number",
            r"(?-u:\b)[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}(?-u:\b)",
            0.4,
        )
        .context(["dea"])
        .validator(|s| Some(dea_valid(s)))
        .build()?;
    let medical = PatternRecognizer::builder("medical_license_bare", Entity::MedicalLicense)
        .pattern("state_license", r"(?-u:\b)[A-Z]{1,3}-?\d{4,8}(?-u:\b)", 0.2)
        .context(["license", "licence", "lic", "licensed", "licensure"])
        .build()?;
    let driver = PatternRecognizer::builder("us_driver_license_bare", Entity::UsDriverLicense)
        .pattern("dl_letters", r"(?-u:\b)[A-Z]{1,2}\d{5,13}(?-u:\b)", 0.15)
        .pattern(
            "dl_grouped",
            r"(?-u:\b)[A-Z]\d{3}-\d{4}-\d{4}(?:-\d{1,3})?(?-u:\b)",
            0.3,
        )
        .context(["driver", "drivers", "driving", "driver's"])
        .build()?;
    let passport = PatternRecognizer::builder("us_passport_bare", Entity::UsPassport)
        .pattern(
            "passport_number",
            r"(?-u:\b)(?:[A-Z]\d{8}|\d{9})(?-u:\b)",
            0.1,
        )
        .context(["passport"])
        .build()?;
    Ok(vec![
        Arc::new(npi),
        Arc::new(dea),
        Arc::new(medical),
        Arc::new(driver),
        Arc::new(passport),
    ])
}

#[cfg(test)]
mod tests {
    use crate::identifiers::testutil::{assert_found, assert_none};
    use phimask_core::Entity::*;

    #[test]
    fn npi_needs_checksum_and_context() {
        assert_found("Dr. Okafor (NPI 1234567893)", &[(Npi, "1234567893")]);
        assert_found("national provider 1245319599", &[(Npi, "1245319599")]);
        assert_none("call 2125550198");
        assert_none("NPI lookup pending 1234567890");
    }

    #[test]
    fn dea_check_digit() {
        assert_found("signed AB1234563 today", &[(DeaNumber, "AB1234563")]);
        assert_none("signed AB1234564 today");
    }

    #[test]
    fn licence_formats_need_context() {
        assert_found("licensed in NY, MD12345", &[(MedicalLicense, "MD12345")]);
        assert_none("MD12345 alone");
        assert_found(
            "driver: S530-4411-2231",
            &[(UsDriverLicense, "S530-4411-2231")],
        );
        assert_found(
            "her passport C03005988 expired",
            &[(UsPassport, "C03005988")],
        );
        assert_none("ref C03005988");
    }
}
