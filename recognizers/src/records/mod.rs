//! Structured records inside text: HL7 v2 messages ([`hl7v2`]) and FHIR
//! JSON resources ([`fhir`]). Both read the record's structure (segments
//! and fields by position; JSON elements) and report values by what the
//! structure says they are, so a name needs no cue word and an identifier
//! no label. Malformed records yield what their well-formed parts hold and
//! never fail the analysis. Inside a record the free-text recognizers
//! decide only its free-text parts (narratives, notes, comments, segments
//! and fields of unknown meaning); see [`Region`].

use std::sync::Arc;

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, Entity, Error, Recognizer};

mod dates;
pub mod fhir;
pub mod hl7v2;
mod json;

/// A structured record inside text ([`hl7v2::regions`], [`fhir::regions`]):
/// its extent, and the parts of it that are free text. Both recognizers
/// report their records to the analyzer ([`Recognizer::record_regions`]),
/// which then keeps, in a record's structured parts, only the record
/// recognizer's candidates: codes, units, system URIs and table ids stay,
/// and every PHI value there is reported by position here. A record that
/// does not parse is no region: its text is read as free text.
pub use phimask_core::RecordRegion as Region;

/// The entities the record recognizers report.
const ENTITIES: &[Entity] = &[
    Entity::Person,
    Entity::StreetAddress,
    Entity::City,
    Entity::County,
    Entity::ZipCode,
    Entity::Location,
    Entity::DateTime,
    Entity::PhoneNumber,
    Entity::FaxNumber,
    Entity::EmailAddress,
    Entity::Url,
    Entity::UsSsn,
    Entity::MedicalRecordNumber,
    Entity::HealthPlanId,
    Entity::AccountNumber,
    Entity::UsDriverLicense,
    Entity::IdNumber,
];

/// HL7 v2 messages (see [`hl7v2::find`]).
#[derive(Debug, Default)]
pub struct Hl7v2Recognizer;

/// FHIR JSON resources (see [`fhir::find`]).
#[derive(Debug, Default)]
pub struct FhirRecognizer;

/// Appends the candidates of `found` that the caller wants.
fn extend(out: &mut Vec<Candidate>, found: Vec<Candidate>, ctx: &Context<'_>) {
    out.extend(found.into_iter().filter(|c| ctx.wants(&c.entity)));
}

impl Recognizer for Hl7v2Recognizer {
    fn id(&self) -> &str {
        "hl7v2"
    }
    fn entities(&self) -> &[Entity] {
        ENTITIES
    }
    fn recognize(
        &self,
        doc: &Document<'_>,
        ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        extend(out, hl7v2::find(text), ctx);
        Ok(())
    }
    fn record_regions(&self, doc: &Document<'_>, out: &mut Vec<Region>) {
        out.extend(hl7v2::regions(doc.text()));
    }
}

impl Recognizer for FhirRecognizer {
    fn id(&self) -> &str {
        "fhir_json"
    }
    fn entities(&self) -> &[Entity] {
        ENTITIES
    }
    fn recognize(
        &self,
        doc: &Document<'_>,
        ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        extend(out, fhir::find(text), ctx);
        Ok(())
    }
    fn record_regions(&self, doc: &Document<'_>, out: &mut Vec<Region>) {
        out.extend(fhir::regions(doc.text()));
    }
}

/// The recognizers of this family.
///
/// # Errors
/// None today; the signature matches the other families.
pub fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    Ok(vec![Arc::new(Hl7v2Recognizer), Arc::new(FhirRecognizer)])
}

#[cfg(test)]
mod tests {
    use phimask_core::Entity;

    #[test]
    fn through_the_analyzer_with_the_other_recognizers() {
        let a = crate::testutil::analyzer_over(crate::all().expect("builtins"), &[]);
        let hl7 = "Inbound:\rMSH|^~\\&|A|B|C|D|20240314||ADT^A01|1|P|2.5\rPID|1||889900^^^H^MR||QUIXLEY^ZEBEDIAH||19800101\r";
        let d = crate::testutil::detections(&a, hl7);
        for v in ["889900", "QUIXLEY", "ZEBEDIAH", "19800101"] {
            assert!(d.iter().any(|(_, t)| t == v), "{v} not in {d:?}");
        }
        let fhir = r#"{"resourceType":"Patient","name":[{"family":"Quixley","given":["Zebediah"]}],"birthDate":"1980-01-01"}"#;
        let d = crate::testutil::detections(&a, fhir);
        assert!(
            d.iter()
                .any(|(e, t)| *e == Entity::Person && t == "Quixley"),
            "{d:?}"
        );
        // invalid JSON and broken HL7 do not fail the analysis
        for t in [
            "{\"resourceType\":\"Patient\",\"name\":[{\"family\":",
            "MSH|^~\\&|A\rPID|||||",
        ] {
            assert!(a.analyze(t).is_ok());
        }
    }

    /// The detections of the built-in recognizers in `text`, as text.
    fn masked(text: &str) -> Vec<String> {
        let a = crate::testutil::analyzer_over(crate::all().expect("builtins"), &[]);
        crate::testutil::detections(&a, text)
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn inside_hl7_the_structure_is_the_record_recognizers() {
        let t = "MSH|^~\\&|LAB|MAIN|RCV|FAC|20240314||ORU^R01|MSG1|P|2.5.1\rPID|1||889900^^^H^MR||QUIXLEY^ZEBEDIAH||19800101|M|||12 ELM ST^^SPRINGFIELD^IL^62704||(217)555-0147\rERR|||0^Message Accepted^HL70357|I\rOBX|1|CWE|29308-4^Diagnosis^LN||44054006^Diabetes^SCT||||||F\rOBX|2|NM|2345-7^Glucose^LN||182|mg/dL^mg/dL^UCUM|70-99|H|||F\rNTE|1||Patient called from 217-555-0199 on 03/14/2024.\r";
        let m = masked(t);
        for phi in [
            "889900",
            "QUIXLEY",
            "ZEBEDIAH",
            "19800101",
            "12 ELM ST",
            "SPRINGFIELD",
            "62704",
            "(217)555-0147",
            "20240314",
            "217-555-0199",
            "03/14/2024",
        ] {
            assert!(m.iter().any(|v| v == phi), "{phi} not in {m:?}");
        }
        for code in [
            "44054006", "HL70357", "29308-4", "2345-7", "Diabetes", "UCUM",
        ] {
            assert!(m.iter().all(|v| !v.contains(code)), "{code} in {m:?}");
        }
    }

    #[test]
    fn inside_fhir_the_structure_is_the_record_recognizers() {
        let t = r#"{"resourceType":"Encounter","id":"enc-4471","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},"reasonCode":[{"coding":[{"system":"http://snomed.info/sct","code":"44054006","display":"Diabetes mellitus type 2"}]}],"subject":{"reference":"Patient/pt-20931","display":"Zebediah Quixley"},"participant":[{"individual":{"reference":"Practitioner/rj-031796"}}],"serviceProvider":{"reference":"Organization/org-1"},"note":[{"text":"Daughter reachable at 217-555-0199."}]}"#;
        let m = masked(t);
        for phi in [
            "enc-4471",
            "pt-20931",
            "Zebediah Quixley",
            "rj-031796",
            "217-555-0199",
        ] {
            assert!(m.iter().any(|v| v == phi), "{phi} not in {m:?}");
        }
        for code in ["44054006", "snomed", "terminology.hl7.org", "AMB", "org-1"] {
            assert!(m.iter().all(|v| !v.contains(code)), "{code} in {m:?}");
        }
    }

    #[test]
    fn a_record_that_does_not_parse_is_read_as_free_text() {
        // Cut off JSON: no resource parses, so no region; the free-text
        // recognizers read all of it, codes included.
        let t = r#"{"resourceType":"Patient","telecom":[{"system":"phone","value":"217-555-0199"}],"code":"44054006","note":[{"text":"x"#;
        let m = masked(t);
        assert!(m.iter().any(|v| v == "217-555-0199"), "{m:?}");
        assert!(m.iter().any(|v| v == "44054006"), "{m:?}");
        // HL7 segments without a header: no message, free-text behaviour
        // (a local code, which no code system names, is masked as any long
        // number in free text).
        let t = "PID|1||889900^^^H^MR||QUIXLEY^ZEBEDIAH||19800101\rOBX|1|CWE|X||44054006^Diabetes^L\rNTE|1||call 217-555-0199\r";
        let m = masked(t);
        assert!(m.iter().any(|v| v == "217-555-0199"), "{m:?}");
        assert!(m.iter().any(|v| v.contains("44054006")), "{m:?}");
    }
}
