//! Medical record numbers and health plan numbers that need no label:
//! Medicare Beneficiary Identifiers (a distinctive layout), old Medicare
//! HICNs (an SSN plus a letter) near a context word, and bare record
//! numbers near "MRN".

use std::sync::Arc;

use phimask_core::{Entity, Error, PatternRecognizer, Recognizer};

use super::validators::{mbi_valid, ssn_valid};

pub(super) fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    const A: &str = "[AC-HJKMNP-RT-Y]";
    const AN: &str = "[AC-HJKMNP-RT-Y0-9]";
    let mbi = PatternRecognizer::builder("medicare_mbi", Entity::HealthPlanId)
        .pattern(
            "mbi",
            format!(r"\b[1-9]{A}{AN}\d-?{A}{AN}\d-?{A}{A}\d\d\b"),
            0.5,
        )
        .context(["medicare", "mbi", "beneficiary"])
        .validator(|s| Some(mbi_valid(s)))
        .build()?;
    let hicn = PatternRecognizer::builder("medicare_hicn", Entity::HealthPlanId)
        .pattern("hicn", r"\b\d{3}-?\d{2}-?\d{4}[- ]?[A-Z][0-9A-Z]?\b", 0.3)
        .context(["medicare", "hicn", "hic", "claim number", "beneficiary"])
        .validator(|s| {
            let digits: String = s.chars().filter(char::is_ascii_digit).take(9).collect();
            (!ssn_valid(&digits)).then_some(false)
        })
        .build()?;
    let mrn = PatternRecognizer::builder("mrn_bare", Entity::MedicalRecordNumber)
        .pattern("mrn_digits", r"\b\d{6,10}\b", 0.2)
        .pattern("mrn_prefixed", r"\b[A-Z]{1,3}-?\d{6,10}\b", 0.2)
        .context(["mrn", "medical record", "record number", "mr number"])
        // Ten digits shaped like a North American phone number belong to
        // the contact recognizers.
        .invalidator(|s| {
            let b = s.as_bytes();
            b.len() == 10
                && b.iter().all(u8::is_ascii_digit)
                && (b'2'..=b'9').contains(&b[0])
                && (b'2'..=b'9').contains(&b[3])
        })
        .build()?;
    Ok(vec![Arc::new(mbi), Arc::new(hicn), Arc::new(mrn)])
}

#[cfg(test)]
mod tests {
    use crate::identifiers::testutil::{assert_found, assert_none};
    use phimask_core::Entity::*;

    #[test]
    fn mbi() {
        assert_found(
            "card shows 1EG4-TE5-MK73 today",
            &[(HealthPlanId, "1EG4-TE5-MK73")],
        );
        assert_found("(1EG4TE5MK73)", &[(HealthPlanId, "1EG4TE5MK73")]);
        assert_none("lot 1EG4-TS5-MK73");
        assert_none("code 0EG4TE5MK73");
    }

    #[test]
    fn hicn_needs_context() {
        assert_found(
            "Medicare number on file 123456789A",
            &[(HealthPlanId, "123456789A")],
        );
        assert_none("batch 123456789A");
    }

    #[test]
    fn bare_mrn_needs_context() {
        assert_found(
            "MRN and DOB verified: 4456721",
            &[(MedicalRecordNumber, "4456721")],
        );
        assert_none("platelets 250000 today");
        assert_found(
            "MRN 4456721, phone 2125550198",
            &[(MedicalRecordNumber, "4456721")],
        );
    }
}
