//! FHIR R4 JSON resources (pretty and minified): Patient, Encounter,
//! Observation and Bundle, with HumanName, Address, ContactPoint,
//! Identifier, dates, references and an XHTML narrative.

use super::{coded, Patient};
use crate::doc::{Doc, Value};
use crate::people::{clinician, Person};
use crate::values::{self, Country, Date, DateStyle, Gen};

/// A piece of a JSON string: plain, PHI or keep.
enum Seg {
    T(String),
    P(&'static str, Value, Option<&'static str>),
    K(&'static str, String),
}

fn esc(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c => o.push(c),
        }
    }
    o
}

/// Writes JSON into a document, pretty or minified, keeping annotations.
struct Json<'a> {
    d: &'a mut Doc,
    pretty: bool,
    items: Vec<bool>,
}

impl<'a> Json<'a> {
    fn new(d: &'a mut Doc, pretty: bool) -> Json<'a> {
        Json {
            d,
            pretty,
            items: Vec::new(),
        }
    }
    fn lead(&mut self, key: Option<&str>) {
        if let Some(had) = self.items.last_mut() {
            if *had {
                self.d.t(",");
            }
            *had = true;
            if self.pretty {
                let ind = "  ".repeat(self.items.len());
                self.d.t("\n").t(&ind);
            }
        }
        if let Some(k) = key {
            self.d.t(&format!("\"{k}\":"));
            if self.pretty {
                self.d.t(" ");
            }
        }
    }
    fn open(&mut self, key: Option<&str>, br: &str) {
        self.lead(key);
        self.d.t(br);
        self.items.push(false);
    }
    fn close(&mut self, br: &str) {
        let had = self.items.pop().unwrap_or(false);
        if self.pretty && had {
            let ind = "  ".repeat(self.items.len());
            self.d.t("\n").t(&ind);
        }
        self.d.t(br);
    }
    fn obj(&mut self, key: Option<&str>) {
        self.open(key, "{");
    }
    fn end_obj(&mut self) {
        self.close("}");
    }
    fn arr(&mut self, key: Option<&str>) {
        self.open(key, "[");
    }
    fn end_arr(&mut self) {
        self.close("]");
    }
    fn s(&mut self, key: Option<&str>, v: &str) {
        self.lead(key);
        self.d.t(&format!("\"{}\"", esc(v)));
    }
    fn raw(&mut self, key: Option<&str>, v: &str) {
        self.lead(key);
        self.d.t(v);
    }
    fn segs(&mut self, key: Option<&str>, segs: Vec<Seg>) {
        self.lead(key);
        self.d.t("\"");
        for s in segs {
            match s {
                Seg::T(t) => {
                    self.d.t(&esc(&t));
                }
                Seg::P(e, v, o) => {
                    let v = Value {
                        parts: v
                            .parts
                            .into_iter()
                            .map(|mut p| {
                                p.text = esc(&p.text);
                                p
                            })
                            .collect(),
                    };
                    self.d.phi_value(e, &v, o);
                }
                Seg::K(e, t) => {
                    self.d.keep(e, &esc(&t));
                }
            }
        }
        self.d.t("\"");
    }
    fn p(&mut self, key: Option<&str>, entity: &'static str, v: Value) {
        self.segs(key, vec![Seg::P(entity, v, None)]);
    }
    fn pv(&mut self, key: Option<&str>, entity: &'static str, v: &str) {
        self.p(key, entity, Value::plain(v));
    }
    fn person(&mut self, key: Option<&str>, text: &str, origin: &'static str) {
        self.segs(
            key,
            vec![Seg::P("PERSON", Value::plain(text), Some(origin))],
        );
    }
    fn keep(&mut self, key: Option<&str>, entity: &'static str, v: &str) {
        self.segs(key, vec![Seg::K(entity, v.to_owned())]);
    }
}

fn country(g: &mut Gen) -> Country {
    *g.pick(&[
        Country::Us,
        Country::Us,
        Country::Ca,
        Country::Uk,
        Country::Au,
        Country::Nz,
    ])
}

fn res_id(g: &mut Gen) -> String {
    match g.below(3) {
        0 => format!("{}-{}", g.letters(2).to_lowercase(), g.digits(6)),
        1 => format!("{}{}", g.digits(5), g.letters(3).to_lowercase()),
        _ => format!(
            "{:08x}-{:04x}-4{:03x}",
            g.int(0, u32::MAX / 2),
            g.int(0, 0xffff),
            g.int(0, 0xfff)
        ),
    }
}

fn human_name(j: &mut Json<'_>, g: &mut Gen, p: &Person) {
    j.obj(None);
    j.s(Some("use"), g.one(&["official", "usual"]));
    j.person(Some("family"), &p.family, p.family_origin);
    j.arr(Some("given"));
    j.person(None, &p.given, p.given_origin);
    if let Some(m) = p.middle {
        j.person(None, &m.to_string(), "initials");
    }
    j.end_arr();
    if g.chance(0.3) {
        j.arr(Some("prefix"));
        j.s(None, p.title);
        j.end_arr();
    }
    j.end_obj();
}

fn address(j: &mut Json<'_>, g: &mut Gen, c: Country) {
    j.obj(None);
    j.s(Some("use"), "home");
    j.arr(Some("line"));
    j.pv(None, "STREET_ADDRESS", &values::street_line(g, c));
    j.end_arr();
    j.pv(Some("city"), "CITY", values::city(g, c));
    let r = values::region(g, c);
    if c == Country::Us {
        j.keep(Some("state"), "US_STATE", r);
    } else {
        j.s(Some("state"), r);
    }
    j.pv(Some("postalCode"), "ZIP_CODE", &values::postcode(g, c));
    j.keep(Some("country"), "COUNTRY", c.name());
    j.end_obj();
}

fn national_id(g: &mut Gen, c: Country) -> (&'static str, String) {
    match c {
        Country::Uk => (
            "https://fhir.nhs.uk/Id/nhs-number",
            values::nhs_number(g).replace([' ', '-'], ""),
        ),
        Country::Ca => (
            "https://fhir.infoway-inforoute.ca/NamingSystem/ca-on-patient-hcn",
            values::ohip_number(g),
        ),
        Country::Au => (
            "http://ns.electronichealth.net.au/id/medicare-number",
            values::medicare_au(g).replace(' ', ""),
        ),
        Country::Nz => (
            "https://standards.digital.health.nz/ns/nhi-id",
            values::nhi_number(g),
        ),
        Country::Us => (
            "http://hl7.org/fhir/sid/us-ssn",
            values::ssn(g).replace(' ', "-"),
        ),
    }
}

fn narrative(j: &mut Json<'_>, g: &mut Gen, pt: &Patient) {
    j.obj(Some("text"));
    j.s(Some("status"), "generated");
    let f = pt.p.full();
    let mut segs = vec![
        Seg::T("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p><b>".into()),
        Seg::P("PERSON", Value::plain(f.text), Some(f.origin)),
        Seg::T("</b>, born ".into()),
        Seg::P(
            "DATE_TIME",
            values::date_value(pt.dob, DateStyle::DayMonth, pt.dob.age() >= 90),
            None,
        ),
        Seg::T("</p><table><tr><td>MRN</td><td>".into()),
        Seg::P("MEDICAL_RECORD_NUMBER", Value::plain(pt.mrn.clone()), None),
        Seg::T("</td></tr>".into()),
    ];
    if g.chance(0.5) {
        segs.push(Seg::T("<tr><td>Age</td><td>".into()));
        let a = pt.dob.age();
        if a >= 90 {
            segs.push(Seg::P("AGE", Value::plain(a.to_string()), None));
        } else {
            segs.push(Seg::K("AGE", a.to_string()));
        }
        segs.push(Seg::T("</td></tr>".into()));
    }
    segs.push(Seg::T("</table></div>".into()));
    j.segs(Some("div"), segs);
    j.end_obj();
}

fn patient_body(j: &mut Json<'_>, g: &mut Gen, pt: &Patient, id: &str, c: Country) {
    j.s(Some("resourceType"), "Patient");
    j.pv(Some("id"), "ID_NUMBER", id);
    if g.chance(0.7) {
        narrative(j, g, pt);
    }
    j.arr(Some("identifier"));
    j.obj(None);
    j.s(Some("system"), "urn:oid:2.16.840.1.113883.19.5");
    j.pv(Some("value"), "MEDICAL_RECORD_NUMBER", &pt.mrn);
    j.end_obj();
    if g.chance(0.7) {
        let (sys, v) = national_id(g, c);
        j.obj(None);
        j.s(Some("system"), sys);
        let e = if c == Country::Us {
            "US_SSN"
        } else {
            "HEALTH_PLAN_ID"
        };
        j.pv(Some("value"), e, &v);
        j.end_obj();
    }
    j.end_arr();
    j.arr(Some("name"));
    human_name(j, g, &pt.p);
    if let Some(n) = &pt.p.nick {
        j.obj(None);
        j.s(Some("use"), "nickname");
        j.arr(Some("given"));
        j.person(None, n, "nickname");
        j.end_arr();
        j.end_obj();
    }
    j.end_arr();
    j.arr(Some("telecom"));
    j.obj(None);
    j.s(Some("system"), "phone");
    let ph = values::phone(g, c);
    j.p(Some("value"), "PHONE_NUMBER", ph);
    j.s(Some("use"), g.one(&["home", "mobile"]));
    j.end_obj();
    if g.chance(0.5) {
        j.obj(None);
        j.s(Some("system"), "email");
        let e = format!("{}@{}", pt.p.email_local(g), values::mail_domain(g, c));
        j.pv(Some("value"), "EMAIL_ADDRESS", &e);
        j.end_obj();
    }
    j.end_arr();
    j.s(
        Some("gender"),
        g.one(&["female", "male", "other", "unknown"]),
    );
    j.p(
        Some("birthDate"),
        "DATE_TIME",
        values::date_value(pt.dob, DateStyle::Iso, pt.dob.age() >= 90),
    );
    j.arr(Some("address"));
    address(j, g, c);
    j.end_arr();
    if g.chance(0.5) {
        let rel = Person::random(g);
        j.arr(Some("contact"));
        j.obj(None);
        j.obj(Some("name"));
        j.person(Some("family"), &rel.family, rel.family_origin);
        j.arr(Some("given"));
        j.person(None, &rel.given, rel.given_origin);
        j.end_arr();
        j.end_obj();
        j.arr(Some("telecom"));
        j.obj(None);
        j.s(Some("system"), "phone");
        j.p(Some("value"), "PHONE_NUMBER", values::phone(g, c));
        j.end_obj();
        j.end_arr();
        j.end_obj();
        j.end_arr();
    }
    if g.chance(0.4) {
        let gp = clinician(g);
        j.arr(Some("generalPractitioner"));
        j.obj(None);
        practitioner_ref(j, g);
        j.segs(
            Some("display"),
            vec![
                Seg::T("Dr ".into()),
                Seg::P(
                    "PERSON",
                    Value::plain(gp.full().text),
                    Some(gp.full().origin),
                ),
            ],
        );
        j.end_obj();
        j.end_arr();
    }
}

fn practitioner_ref(j: &mut Json<'_>, g: &mut Gen) {
    let id = res_id(g);
    j.segs(
        Some("reference"),
        vec![
            Seg::T("Practitioner/".into()),
            Seg::P("ID_NUMBER", Value::plain(id), None),
        ],
    );
}

fn reference(j: &mut Json<'_>, key: &str, pid: &str, pt: Option<&Patient>) {
    j.obj(Some(key));
    j.segs(
        Some("reference"),
        vec![
            Seg::T("Patient/".into()),
            Seg::P("ID_NUMBER", Value::plain(pid), None),
        ],
    );
    if let Some(pt) = pt {
        let f = pt.p.full();
        j.person(Some("display"), &f.text, f.origin);
    }
    j.end_obj();
}

fn encounter_body(j: &mut Json<'_>, g: &mut Gen, pt: &Patient, pid: &str, when: Date) {
    j.s(Some("resourceType"), "Encounter");
    j.pv(Some("id"), "ID_NUMBER", &res_id(g));
    j.s(Some("status"), "finished");
    j.obj(Some("class"));
    j.s(
        Some("system"),
        "http://terminology.hl7.org/CodeSystem/v3-ActCode",
    );
    j.s(Some("code"), g.one(&["AMB", "IMP", "EMER"]));
    j.end_obj();
    reference(j, "subject", pid, g.chance(0.6).then_some(pt));
    j.arr(Some("participant"));
    let doc = clinician(g);
    j.obj(None);
    j.obj(Some("individual"));
    practitioner_ref(j, g);
    let f = if g.chance(0.5) {
        doc.full()
    } else {
        doc.last_first()
    };
    j.segs(
        Some("display"),
        vec![
            Seg::T("Dr. ".into()),
            Seg::P("PERSON", Value::plain(f.text), Some(f.origin)),
        ],
    );
    j.end_obj();
    j.end_obj();
    j.end_arr();
    j.obj(Some("period"));
    j.p(Some("start"), "DATE_TIME", values::fhir_datetime(g, when));
    let stay = g.int(0, 5);
    j.p(
        Some("end"),
        "DATE_TIME",
        values::fhir_datetime(g, when.plus_days(stay)),
    );
    j.end_obj();
    j.arr(Some("reasonCode"));
    j.obj(None);
    j.arr(Some("coding"));
    j.obj(None);
    let (code, disp) = coded(g, "snomed");
    j.s(Some("system"), "http://snomed.info/sct");
    j.keep(Some("code"), "SNOMED", code);
    j.s(Some("display"), disp);
    j.end_obj();
    j.end_arr();
    j.end_obj();
    j.end_arr();
    j.obj(Some("serviceProvider"));
    let city = values::city(g, Country::Us);
    j.segs(
        Some("display"),
        vec![Seg::P(
            "LOCATION",
            Value::plain(format!(
                "{city} {}",
                g.one(&["General Hospital", "Community Clinic", "Medical Center"])
            )),
            None,
        )],
    );
    j.end_obj();
}

fn observation_body(j: &mut Json<'_>, g: &mut Gen, pt: &Patient, pid: &str, when: Date) {
    j.s(Some("resourceType"), "Observation");
    j.pv(Some("id"), "ID_NUMBER", &res_id(g));
    j.s(Some("status"), "final");
    j.obj(Some("code"));
    j.arr(Some("coding"));
    j.obj(None);
    let (code, disp) = coded(g, "loinc");
    j.s(Some("system"), "http://loinc.org");
    j.keep(Some("code"), "LOINC", code);
    j.s(Some("display"), disp);
    j.end_obj();
    j.end_arr();
    j.end_obj();
    reference(j, "subject", pid, g.chance(0.5).then_some(pt));
    j.p(
        Some("effectiveDateTime"),
        "DATE_TIME",
        values::fhir_datetime(g, when),
    );
    j.p(Some("issued"), "DATE_TIME", values::fhir_datetime(g, when));
    j.obj(Some("valueQuantity"));
    j.raw(Some("value"), &format!("{}.{}", g.int(1, 180), g.int(0, 9)));
    j.s(Some("unit"), "mg/dL");
    j.end_obj();
    let perf = Person::random_latin(g, false);
    j.arr(Some("performer"));
    j.obj(None);
    practitioner_ref(j, g);
    let f = perf.full();
    j.person(Some("display"), &f.text, f.origin);
    j.end_obj();
    j.end_arr();
    if g.chance(0.5) {
        j.arr(Some("note"));
        j.obj(None);
        let ini = perf.initials(g);
        j.segs(
            Some("text"),
            vec![
                Seg::T("Repeat drawn, verified by ".into()),
                Seg::P("PERSON", Value::plain(ini.text), Some(ini.origin)),
                Seg::T("; pain ".into()),
                Seg::K("SCORE", format!("{}/10", g.int(0, 10))),
                Seg::T(" during draw.".into()),
            ],
        );
        j.end_obj();
        j.end_arr();
    }
}

/// A Patient resource.
pub(crate) fn patient(g: &mut Gen, d: &mut Doc) {
    let pretty = g.chance(0.6);
    let pt = Patient::new(g, true);
    let c = country(g);
    let id = res_id(g);
    let mut j = Json::new(d, pretty);
    j.obj(None);
    patient_body(&mut j, g, &pt, &id, c);
    j.end_obj();
}

/// An Encounter resource.
pub(crate) fn encounter(g: &mut Gen, d: &mut Doc) {
    let pretty = g.chance(0.6);
    let pt = Patient::new(g, true);
    let id = res_id(g);
    let when = Date::recent(g);
    let mut j = Json::new(d, pretty);
    j.obj(None);
    encounter_body(&mut j, g, &pt, &id, when);
    j.end_obj();
}

/// An Observation resource.
pub(crate) fn observation(g: &mut Gen, d: &mut Doc) {
    let pretty = g.chance(0.6);
    let pt = Patient::new(g, true);
    let id = res_id(g);
    let when = Date::recent(g);
    let mut j = Json::new(d, pretty);
    j.obj(None);
    observation_body(&mut j, g, &pt, &id, when);
    j.end_obj();
}

/// A Bundle of a Patient and its Encounter and Observations.
pub(crate) fn bundle(g: &mut Gen, d: &mut Doc) {
    let pretty = g.chance(0.5);
    let pt = Patient::new(g, true);
    let c = country(g);
    let id = res_id(g);
    let when = Date::recent(g);
    let mut j = Json::new(d, pretty);
    j.obj(None);
    j.s(Some("resourceType"), "Bundle");
    j.s(
        Some("type"),
        g.one(&["collection", "transaction", "searchset"]),
    );
    j.p(
        Some("timestamp"),
        "DATE_TIME",
        values::fhir_datetime(g, when),
    );
    j.arr(Some("entry"));
    j.obj(None);
    j.segs(
        Some("fullUrl"),
        vec![
            Seg::T("urn:uuid:".into()),
            Seg::P("ID_NUMBER", Value::plain(id.clone()), None),
        ],
    );
    j.obj(Some("resource"));
    patient_body(&mut j, g, &pt, &id, c);
    j.end_obj();
    j.end_obj();
    j.obj(None);
    j.obj(Some("resource"));
    encounter_body(&mut j, g, &pt, &id, when);
    j.end_obj();
    j.end_obj();
    for _ in 0..g.int(1, 3) {
        j.obj(None);
        j.obj(Some("resource"));
        observation_body(&mut j, g, &pt, &id, when);
        j.end_obj();
        j.end_obj();
    }
    j.end_arr();
    j.end_obj();
}
