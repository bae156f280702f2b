//! Built-in recognizers: identifiers (Safe Harbor G–M and R).
//!
//! * [`validators`]: checksums and formats (Luhn, SSN ranges, ITIN, NPI,
//!   DEA, VIN, IBAN, ABA, MBI).
//! * Pattern recognizers for identifiers whose shape alone, or with a
//!   checksum, or with a nearby context word, says what they are (SSNs,
//!   card numbers, IBANs, MBIs, VINs, UDIs, DEA numbers …).
//! * [`labelled::LabelledIdRecognizer`]: any value that follows a label
//!   such as "MRN:", "member ID", "policy #", "S/N", "voiceprint ID". The
//!   label stays, the value is masked.
//!
//! Clinical content (ICD-10 and CPT codes, doses, vitals, lab values, scale
//! scores) is never reported by these recognizers.

use std::sync::Arc;

use phimask_core::{Error, Recognizer};

pub(crate) mod codes;
mod devices;
mod financial;
pub mod labelled;
mod licenses;
mod records;
mod ssn;
mod tables;
pub mod validators;
mod vehicles;

pub use labelled::LabelledIdRecognizer;

/// The recognizers of this family.
///
/// # Errors
/// When a built-in pattern or dictionary fails to build (a bug).
pub fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    let mut v: Vec<Arc<dyn Recognizer>> = Vec::new();
    v.extend(ssn::recognizers()?);
    v.extend(records::recognizers()?);
    v.extend(financial::recognizers()?);
    v.extend(licenses::recognizers()?);
    v.extend(vehicles::recognizers()?);
    v.extend(devices::recognizers()?);
    v.push(Arc::new(LabelledIdRecognizer::new()?));
    v.push(Arc::new(tables::TableRecognizer::new()?));
    Ok(v)
}

#[cfg(test)]
pub(crate) mod testutil {
    //! An analyzer over this family's recognizers, for tests.
    use std::sync::OnceLock;

    use phimask_core::{Analyzer, Entity};

    pub(crate) fn analyzer() -> &'static Analyzer {
        static A: OnceLock<Analyzer> = OnceLock::new();
        // `bare_code` masks any long code whatever its label; the tests
        // here pin what each other recognizer does on its own, so it is
        // tested by itself (records.rs).
        A.get_or_init(|| {
            crate::testutil::analyzer_over(
                super::recognizers().expect("identifier recognizers build"),
                &["bare_code"],
            )
        })
    }

    /// The detections as (entity, text), in text order.
    pub(crate) fn found(text: &str) -> Vec<(Entity, String)> {
        crate::testutil::detections(analyzer(), text)
    }

    /// The masked text.
    pub(crate) fn masked(text: &str) -> String {
        analyzer().mask(text).expect("masking succeeds").text
    }

    /// Asserts that exactly these (entity, text) pairs are detected.
    #[track_caller]
    pub(crate) fn assert_found(text: &str, expected: &[(Entity, &str)]) {
        let got = found(text);
        let want: Vec<(Entity, String)> = expected
            .iter()
            .map(|(e, s)| (e.clone(), (*s).to_string()))
            .collect();
        assert_eq!(got, want, "in {text:?}");
    }

    /// Asserts that nothing is detected.
    #[track_caller]
    pub(crate) fn assert_none(text: &str) {
        assert_eq!(found(text), Vec::new(), "in {text:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::masked;

    /// A whole note: every identifier masked, every clinical value kept.
    #[test]
    fn clinical_note_end_to_end() {
        let note = "\
MRN: 00482913   DOB: 03/14/1961   Acct #: 7782-1193-04
Insurance: Aetna PPO, Member ID: W2849-1123, Group #: 0087231. Medicare MBI 1EG4-TE5-MK73.
Provider: Dr. Okonkwo, MD (NPI 1234567893, DEA AB1234563), NY license 281934.
34-year-old female with MDD, recurrent (F33.1), GAD (F41.1).
Vitals: BP 128/82, HR 72, RR 16, T 98.6 F, SpO2 98% on RA, Wt 68 kg.
Labs: Na 138, K 4.1, A1c 7.2%, TSH 2.31. PHQ-9: 14, GAD-7 11, YMRS 30, mood 3/10.
Meds: sertraline 50 mg daily, Trintellix 10 mg. CPT 90837, 99214; ICD-10 Z79.899, E11.9.
ID consulted; ID recs 7-10 days cephalexin 500 mg QID. Patient #2 of the day.
Her SSN is 123-45-6789; husband's SSN ends in 4471. Phone 212-555-0198.
Pacemaker serial no. PJN123456. UDI (01)00884838035261(17)231231(10)A213B1(21)1234.
Plate 7ABC123, VIN 1HGCM82633A004352. Driver's license D1234567 (CA).
Study ID: STX-0042, subject 1043. Voiceprint ID 88123. Visa ending in 4242.";
        let expected = "\
MRN: ●●●●●●●●   DOB: 03/14/1961   Acct #: ●●●●●●●●●●●●
Insurance: Aetna PPO, Member ID: ●●●●●●●●●●, Group #: ●●●●●●●. Medicare MBI ●●●●●●●●●●●●●.
Provider: Dr. Okonkwo, MD (NPI ●●●●●●●●●●, DEA ●●●●●●●●●), NY license ●●●●●●.
34-year-old female with MDD, recurrent (F33.1), GAD (F41.1).
Vitals: BP 128/82, HR 72, RR 16, T 98.6 F, SpO2 98% on RA, Wt 68 kg.
Labs: Na 138, K 4.1, A1c 7.2%, TSH 2.31. PHQ-9: 14, GAD-7 11, YMRS 30, mood 3/10.
Meds: sertraline 50 mg daily, Trintellix 10 mg. CPT 90837, 99214; ICD-10 Z79.899, E11.9.
ID consulted; ID recs 7-10 days cephalexin 500 mg QID. Patient #2 of the day.
Her SSN is ●●●●●●●●●●●; husband's SSN ends in ●●●●. Phone 212-555-0198.
Pacemaker serial no. ●●●●●●●●●. UDI ●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●.
Plate ●●●●●●●, VIN ●●●●●●●●●●●●●●●●●. Driver's license ●●●●●●●● (CA).
Study ID: ●●●●●●●●, subject ●●●●. Voiceprint ID ●●●●●. Visa ending in ●●●●.";
        assert_eq!(masked(note), expected);
    }

    #[test]
    fn debug_output_holds_no_phi() {
        let a = super::testutil::analyzer()
            .analyze("SSN 123-45-6789, MRN: 00482913")
            .expect("analysis succeeds");
        let debug = format!("{a:?}");
        assert!(!debug.contains("6789") && !debug.contains("00482913"));
        let r = super::LabelledIdRecognizer::new().expect("builds");
        assert!(!format!("{r:?}").contains("mrn|"));
    }
}
