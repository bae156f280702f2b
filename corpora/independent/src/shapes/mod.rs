//! The document shapes, one function per kind, and the clinical phrases
//! they share.

use crate::data::lexicon;
use crate::doc::{Doc, Part, Value};
use crate::people::{Form, Person};
use crate::values::{self, Country, Date, DateStyle, Gen};

mod fhir;
mod generic;
mod hl7;
mod letters;
mod talk;

/// Every kind the generator writes, in the order notes rotate through them.
pub const KINDS: &[&str] = &[
    "hl7_adt",
    "hl7_oru",
    "fhir_patient",
    "fhir_encounter",
    "fhir_observation",
    "fhir_bundle",
    "scribe_transcript",
    "email_thread",
    "letter_uk",
    "letter_ca",
    "letter_au",
    "letter_nz",
    "nursing_flowsheet",
    "billing_letter",
    "dictated_report",
    "portal_chat",
    "generic_pii",
];

/// Writes one document of `kind` into `d`.
pub(crate) fn write(kind: &str, g: &mut Gen, d: &mut Doc) {
    match kind {
        "hl7_adt" => hl7::adt(g, d),
        "hl7_oru" => hl7::oru(g, d),
        "fhir_patient" => fhir::patient(g, d),
        "fhir_encounter" => fhir::encounter(g, d),
        "fhir_observation" => fhir::observation(g, d),
        "fhir_bundle" => fhir::bundle(g, d),
        "scribe_transcript" => talk::transcript(g, d),
        "email_thread" => talk::email_thread(g, d),
        "letter_uk" => letters::letter(g, d, Country::Uk),
        "letter_ca" => letters::letter(g, d, Country::Ca),
        "letter_au" => letters::letter(g, d, Country::Au),
        "letter_nz" => letters::letter(g, d, Country::Nz),
        "nursing_flowsheet" => letters::flowsheet(g, d),
        "billing_letter" => letters::billing(g, d),
        "dictated_report" => letters::dictated(g, d),
        "portal_chat" => talk::portal_chat(g, d),
        _ => generic::pii(g, d),
    }
}

/// Writes a name form as a PERSON span.
pub(crate) fn name(d: &mut Doc, f: &Form) {
    d.person(&f.text, f.origin);
}

/// Writes the possessive of a name form: the span is the name, "'s" stays outside.
pub(crate) fn possessive(d: &mut Doc, f: &Form) {
    d.person(&f.text, f.origin);
    if f.text.ends_with('s') {
        d.t("'");
    } else {
        d.t("'s");
    }
}

/// A date as DATE_TIME.
pub(crate) fn date(d: &mut Doc, v: &Value) {
    d.phi_value("DATE_TIME", v, None);
}

/// A date followed by a time of day, the time optional (" at 2:15 PM").
pub(crate) fn date_time(g: &mut Gen, d: &mut Doc, day: Date, style: DateStyle) {
    let mut v = values::date_value(day, style, false);
    let t = values::time_of_day(g);
    let sep = g.one(&[" at ", " ", ", "]);
    v.parts.push(Part::opt(format!("{sep}{t}")));
    date(d, &v);
}

/// A date of birth: the year is required when it reveals an age of 90 or more.
pub(crate) fn dob(d: &mut Doc, day: Date, style: DateStyle) {
    let v = values::date_value(day, style, day.age() >= 90);
    date(d, &v);
}

/// A birth date: 9% of patients are 90 or older (born 1920-1933), the rest
/// born 1938-2006 (ages never sit on the 89/90 boundary).
pub(crate) fn birth_date(g: &mut Gen) -> Date {
    if g.chance(0.09) {
        Date::random(g, 1920, 1933)
    } else {
        Date::random(g, 1938, 2006)
    }
}

/// A phone number as PHONE_NUMBER (or FAX_NUMBER).
pub(crate) fn phone(g: &mut Gen, d: &mut Doc, c: Country, entity: &str) {
    let v = if entity == "FAX_NUMBER" {
        values::fax(g, c)
    } else {
        values::phone(g, c)
    };
    d.phi_value(entity, &v, None);
}

/// An age: under 90 it is a keep span, 90 or more PHI (AGE).
pub(crate) fn age(d: &mut Doc, years: u32, text: &str) {
    if years >= 90 {
        d.phi("AGE", text);
    } else {
        d.keep("AGE", text);
    }
}

/// One of the clinical keep words of a kind.
pub(crate) fn clin(g: &mut Gen, kind: &str) -> &'static str {
    g.one(&lexicon().clinical[kind])
}

/// A code with its display (`loinc`, `snomed`).
pub(crate) fn coded(g: &mut Gen, kind: &str) -> (&'static str, &'static str) {
    let v = clin(g, kind);
    v.split_once('\t').unwrap_or((v, ""))
}

/// A clinical sentence holding keep spans only (no PHI): drugs, vitals,
/// eponyms, scores, codes, ages under 90, years, relative times, states,
/// countries.
pub(crate) fn clinical_sentence(g: &mut Gen, d: &mut Doc) {
    match g.below(16) {
        0 => {
            d.t("Started ")
                .keep("MEDICATION", clin(g, "med"))
                .t(" daily; continue ");
            d.keep("MEDICATION", clin(g, "med")).t(". ");
        }
        1 => {
            let bp = format!("BP {}/{}", g.int(96, 168), g.int(58, 98));
            let hr = format!("HR {}", g.int(52, 118));
            d.t("Vitals: ")
                .keep("VITAL", &bp)
                .t(", ")
                .keep("VITAL", &hr)
                .t(", ");
            let t = format!("T {}.{} C", g.int(36, 38), g.int(0, 9));
            d.keep("VITAL", &t).t(". ");
        }
        2 => {
            let gcs = g.int(9, 15);
            d.t("Neuro: ")
                .keep("EPONYM", "Glasgow Coma Scale")
                .t(&format!(" {gcs}, "));
            d.keep("EPONYM", "Babinski sign").t(" absent. ");
        }
        3 => {
            d.keep("EPONYM", "Foley catheter")
                .t(" removed; voiding well. ");
        }
        4 => {
            let p = format!("{}/10", g.int(0, 10));
            d.t("Pain ").keep("SCORE", &p).t(" at rest. ");
        }
        5 => {
            d.t("Assessment: ").keep("ICD10", clin(g, "icd10")).t(", ");
            d.keep("ICD10", clin(g, "icd10")).t(". ");
        }
        6 => {
            d.t("Billed ").keep("CPT", clin(g, "cpt")).t(". ");
        }
        7 => {
            let (c, disp) = coded(g, "snomed");
            d.t(&format!("Problem: {disp} (SNOMED "))
                .keep("SNOMED", c)
                .t("). ");
        }
        8 => {
            let y = g.int(1995, 2024);
            d.t("Diagnosed in ").keep("YEAR", &y.to_string()).t("; ");
            let rel = g.one(&[
                "three weeks ago",
                "last Tuesday",
                "yesterday",
                "over the weekend",
                "2 months ago",
                "this morning",
            ]);
            d.t("symptoms worse since ")
                .keep("RELATIVE_TIME", rel)
                .t(". ");
        }
        9 => {
            let a = g.int(18, 88);
            d.t("Brother, ");
            d.keep("AGE", &format!("{a}")).t(", has ");
            d.keep("EPONYM", clin(g, "eponym")).t(". ");
        }
        10 => {
            let st = *g.pick(&lexicon().places["US"].region);
            let c = g.one(&[
                "Portugal", "Nigeria", "India", "Mexico", "Vietnam", "Poland", "Canada", "Ghana",
                "Greece",
            ]);
            d.t("Moved from ")
                .keep("US_STATE", st)
                .t(" after years in ")
                .keep("COUNTRY", c)
                .t(". ");
        }
        11 => {
            d.t("X-ray confirms a ")
                .keep("EPONYM", "Colles fracture")
                .t("; ");
            d.keep("EPONYM", "Apgar score").t(" history not relevant. ");
        }
        12 => {
            let (c, disp) = coded(g, "loinc");
            let v = format!("{}.{}", g.int(1, 140), g.int(0, 9));
            d.t(&format!("{disp} (LOINC "))
                .keep("LOINC", c)
                .t(&format!(") {v}. "));
        }
        13 => {
            let score = g.int(10, 23);
            d.keep("EPONYM", "Braden scale").t(&format!(" {score}; "));
            d.keep("EPONYM", "Morse Fall Scale")
                .t(&format!(" {}. ", g.int(0, 12) * 5));
        }
        14 => {
            let a1c = format!("A1c {}.{}%", g.int(5, 11), g.int(0, 9));
            d.t("Labs: ").keep("LAB", &a1c).t(". ");
        }
        _ => {
            d.t("Reviewed ")
                .keep("EPONYM", clin(g, "eponym"))
                .t(" findings; plan unchanged. ");
        }
    }
}

/// A patient with a birth date and identifiers shared across a document.
#[derive(Clone, Debug)]
pub(crate) struct Patient {
    pub(crate) p: Person,
    pub(crate) dob: Date,
    pub(crate) mrn: String,
}

impl Patient {
    pub(crate) fn new(g: &mut Gen, scripts: bool) -> Patient {
        Patient {
            p: Person::random_latin(g, scripts),
            dob: birth_date(g),
            mrn: values::mrn(g),
        }
    }
}

/// The age of a patient as text ("67-year-old"); the "-year-old" may stay
/// when the age is 90 or more.
pub(crate) fn age_phrase(g: &mut Gen, d: &mut Doc, years: u32) {
    let suffix = g.one(&["-year-old", " y/o", " yo", "-yr-old"]);
    if years >= 90 {
        let v = Value {
            parts: vec![Part::req(years.to_string()), Part::opt(suffix)],
        };
        d.phi_value("AGE", &v, None);
    } else {
        d.keep("AGE", &format!("{years}{suffix}"));
    }
}
