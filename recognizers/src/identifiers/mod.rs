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

mod devices;
mod financial;
pub mod labelled;
mod licenses;
mod records;
mod ssn;
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
    Ok(v)
}

#[cfg(test)]
pub(crate) mod testutil {
    //! An analyzer over this family's recognizers, for tests.
    use std::sync::OnceLock;

    use phimask_core::{Analyzer, Entity};

    pub(crate) fn analyzer() -> &'static Analyzer {
        static A: OnceLock<Analyzer> = OnceLock::new();
        A.get_or_init(|| {
            let mut b = Analyzer::builder();
            for r in super::recognizers().expect("identifier recognizers build") {
                b.add_shared_recognizer(r);
            }
            b.build().expect("analyzer builds")
        })
    }

    /// The detections as (entity, text), in text order.
    pub(crate) fn found(text: &str) -> Vec<(Entity, String)> {
        analyzer()
            .analyze(text)
            .expect("analysis succeeds")
            .detections
            .iter()
            .map(|d| (d.entity.clone(), text[d.span.range()].to_string()))
            .collect()
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
