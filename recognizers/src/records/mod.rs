//! Structured records inside text: HL7 v2 messages ([`hl7v2`]) and FHIR
//! JSON resources ([`fhir`]). Both read the record's structure (segments
//! and fields by position; JSON elements) and report values by what the
//! structure says they are, so a name needs no cue word and an identifier
//! no label. Malformed records yield what their well-formed parts hold and
//! never fail the analysis; the free-text recognizers read the same text
//! as well.

use std::sync::Arc;

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};

mod dates;
pub mod fhir;
pub mod hl7v2;
mod json;

/// A structured record inside text ([`hl7v2::regions`], [`fhir::regions`]):
/// its extent, and the parts of it that are free text (narratives, notes,
/// comments). Outside those parts a record is structure (keys, codes,
/// system URIs, table ids), where the record recognizers already report
/// every PHI value by position and free-text recognizers mostly misfire: an
/// analyzer may drop free-text candidates in `span` but outside
/// `free_text`. Not wired into the analyzer yet (that needs core).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// The whole record (a message, a batch, a JSON document).
    pub span: Span,
    /// Its free-text parts, in order.
    pub free_text: Vec<Span>,
}

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
}
