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
            format!(r"(?-u:\b)[1-9]{A}{AN}\d-?{A}{AN}\d-?{A}{A}\d\d(?-u:\b)"),
            0.5,
        )
        .context(["medicare", "mbi", "beneficiary"])
        .validator(|s| Some(mbi_valid(s)))
        .build()?;
    let hicn = PatternRecognizer::builder("medicare_hicn", Entity::HealthPlanId)
        .pattern(
            "hicn",
            r"(?-u:\b)\d{3}-?\d{2}-?\d{4}[- ]?[A-Z][0-9A-Z]?(?-u:\b)",
            0.3,
        )
        .context(["medicare", "hicn", "hic", "claim number", "beneficiary"])
        .validator(|s| {
            let digits: String = s.chars().filter(char::is_ascii_digit).take(9).collect();
            (!ssn_valid(&digits)).then_some(false)
        })
        .build()?;
    let mrn = PatternRecognizer::builder("mrn_bare", Entity::MedicalRecordNumber)
        .pattern("mrn_digits", r"(?-u:\b)\d{6,10}(?-u:\b)", 0.2)
        .pattern("mrn_prefixed", r"(?-u:\b)[A-Z]{1,3}-?\d{6,10}(?-u:\b)", 0.2)
        // "MR354595", "MRN-0042317": the prefix says what it is.
        .pattern("mrn_mr_prefix", r"(?-u:\b)MRN?[-#]?\d{5,10}(?-u:\b)", 0.6)
        // "7153-8230": weak alone (a shift "0700-1900", a year range);
        // a label or the name right before it makes it an identifier.
        .pattern("mrn_digit_pair", r"(?-u:\b)\d{4}-\d{4}(?-u:\b)", 0.2)
        // "Thomas Park (44127719)", "(A-96423)": an identifier in brackets.
        .pattern(
            "mrn_in_brackets",
            r"\((?P<phi>[A-Z]{1,3}-?\d{5,10}|\d{6,10}|\d{4}-\d{4}|\d{2,3}-\d{3}-\d{2,3})\)",
            0.55,
        )
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
    // Long codes stand for someone whatever their label: seven or more
    // digits, a short letter prefix with five or more digits, or three
    // dash-separated digit groups. Clinical numbers (doses, vitals, labs,
    // ICD-10 and CPT codes) never take these shapes; dates and phone
    // numbers that do are masked by their own recognizers anyway.
    let codes = PatternRecognizer::builder("bare_code", Entity::IdNumber)
        .pattern("long_digits", r"(?-u:\b)\d{7,12}(?-u:\b)", 0.55)
        .pattern(
            "letter_prefix",
            r"(?-u:\b)[A-Z]{1,3}-?\d{5,10}(?-u:\b)",
            0.55,
        )
        .pattern(
            "digit_groups",
            r"(?-u:\b)\d{2,4}-\d{2,4}-\d{2,4}(?-u:\b)",
            0.55,
        )
        .validator(|s| {
            let digits = s.bytes().filter(u8::is_ascii_digit).count();
            (digits < 7 && s.contains('-') && !s.starts_with(|c: char| c.is_ascii_uppercase()))
                .then_some(false)
        })
        .build()?;
    Ok(vec![
        Arc::new(mbi),
        Arc::new(hicn),
        Arc::new(mrn),
        Arc::new(codes),
    ])
}

#[cfg(test)]
mod tests {
    use crate::identifiers::testutil::{assert_found, assert_none};
    use phimask_core::Entity::*;

    #[test]
    fn bare_codes_are_masked_whatever_their_label() {
        let codes = super::recognizers()
            .expect("builds")
            .into_iter()
            .find(|r| r.id() == "bare_code")
            .expect("bare_code exists");
        let analyzer = phimask_core::Analyzer::builder()
            .add_shared_recognizer(codes)
            .build()
            .expect("builds");
        let found = |text: &str| -> Vec<String> {
            analyzer
                .analyze(text)
                .expect("analysis succeeds")
                .detections
                .iter()
                .map(|d| text[d.span.range()].to_string())
                .collect()
        };
        for code in ["TW867578", "E4707545", "99-574-74", "A-94529", "0851761465"] {
            let text = format!("Med Rec\tSANDRA WILSON\t{code}\nDrug");
            assert_eq!(found(&text), [code]);
        }
        for clinical in [
            "F33.1 and E11.9",
            "CPT 90837",
            "sertraline 100 mg",
            "BP 128/82",
            "ICD-10 Z79.899",
            "12-lead ECG",
            "HbA1c 7.2%",
            "PHQ-9 14",
            "1-2-3 rule",
            "10-20 mg",
            "2019-2021",
        ] {
            assert_eq!(found(clinical), Vec::<String>::new(), "{clinical}");
        }
    }

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
            "LAB RESULTS  LEWIS, LAYLA  MR531806",
            &[(MedicalRecordNumber, "MR531806")],
        );
        assert_found(
            "> THOMAS PARK (44127719) missed; Kiri (A-96423) too",
            &[
                (MedicalRecordNumber, "44127719"),
                (MedicalRecordNumber, "A-96423"),
            ],
        );
        assert_found(
            "Park (75-230-28) needs",
            &[(MedicalRecordNumber, "75-230-28")],
        );
        assert_none("MDD (F33.1), since (2019), n (12345), (10-12-2023)");
        assert_found(
            "MRN 4456721, phone 2125550198",
            &[(MedicalRecordNumber, "4456721")],
        );
    }
}
