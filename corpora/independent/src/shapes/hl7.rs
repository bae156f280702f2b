//! HL7 v2 messages: ADT and ORU, with components, repetitions and escapes.

use super::{clin, coded, date, name, Patient};
use crate::doc::{Doc, Part, Value};
use crate::people::{clinician, Person};
use crate::values::{self, Country, Date, Gen};

fn sep(g: &mut Gen) -> &'static str {
    g.one(&["\r", "\r", "\n", "\r\n"])
}

/// HL7 text escapes for a value: `&` → `\T\`, `^` → `\S\`, `|` → `\F\`.
fn esc(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        match c {
            '&' => o.push_str("\\T\\"),
            '^' => o.push_str("\\S\\"),
            '|' => o.push_str("\\F\\"),
            '~' => o.push_str("\\R\\"),
            '\\' => o.push_str("\\E\\"),
            c => o.push(c),
        }
    }
    o
}

/// `FAMILY^GIVEN^M` with each component its own PERSON span.
fn xpn(d: &mut Doc, p: &Person, upper: bool) {
    let (f, gv, m) = p.hl7_parts(upper);
    d.person(&esc(&f), p.family_origin).t("^");
    d.person(&esc(&gv), p.given_origin).t("^");
    if !m.is_empty() {
        d.person(&m, "initials");
    }
}

/// An XAD address: street^other^city^state^zip^country.
fn xad(g: &mut Gen, d: &mut Doc, c: Country) {
    let line = values::street_line(g, c).to_uppercase();
    let line = if g.chance(0.2) {
        line.replacen(' ', " & ", 1)
    } else {
        line
    };
    d.phi("STREET_ADDRESS", &esc(&line)).t("^^");
    d.phi("CITY", &values::city(g, c).to_uppercase()).t("^");
    let r = values::region(g, c);
    if c == Country::Us {
        d.keep("US_STATE", &abbrev_state(r)).t("^");
    } else {
        d.t(r).t("^");
    }
    d.phi("ZIP_CODE", &values::postcode(g, c)).t("^");
    d.keep(
        "COUNTRY",
        match c {
            Country::Us => "USA",
            Country::Uk => "GBR",
            Country::Ca => "CAN",
            Country::Au => "AUS",
            Country::Nz => "NZL",
        },
    );
}

fn abbrev_state(s: &str) -> String {
    match s {
        "Ohio" => "OH",
        "Montana" => "MT",
        "North Carolina" => "NC",
        "Washington" => "WA",
        "Minnesota" => "MN",
        "Pennsylvania" => "PA",
        "Texas" => "TX",
        "Tennessee" => "TN",
        "Oregon" => "OR",
        _ => "NY",
    }
    .to_owned()
}

/// An XTN phone: `^PRN^PH^^1^216^5550198` (country code optional) or plain.
fn xtn(g: &mut Gen, d: &mut Doc, c: Country) {
    if c == Country::Us && g.chance(0.6) {
        let area = g.one(&["216", "614", "406", "828", "253"]).to_string();
        let num = format!("{}{}", g.int(2, 9), g.digits(6));
        d.t("^PRN^PH^^");
        let v = Value {
            parts: vec![Part::opt("1"), Part::req(format!("^{area}^{num}"))],
        };
        d.phi_value("PHONE_NUMBER", &v, None);
    } else {
        let v = values::phone(g, c);
        d.phi_value("PHONE_NUMBER", &v, None);
        d.t("^PRN^PH");
    }
}

fn country(g: &mut Gen) -> Country {
    *g.pick(&[
        Country::Us,
        Country::Us,
        Country::Us,
        Country::Ca,
        Country::Uk,
        Country::Au,
        Country::Nz,
    ])
}

fn msh(g: &mut Gen, d: &mut Doc, typ: &str, when: Date, s: &str) {
    let fac = g.one(&["LAB", "ADT1", "HIS", "EPIC", "CERNER"]).to_string();
    d.t(&format!("MSH|^~\\&|{fac}|MAIN|RCV|RCVFAC|"));
    let ts = values::hl7_timestamp(g, when);
    date(d, &ts);
    d.t(&format!(
        "||{typ}|MSG{}|P|2.{}{s}",
        g.digits(8),
        g.one(&["3", "4", "5.1", "6"])
    ));
}

fn pid(g: &mut Gen, d: &mut Doc, pt: &Patient, c: Country, s: &str) {
    d.t("PID|1|");
    if g.chance(0.4) {
        d.phi("ID_NUMBER", &g.digits(9));
    }
    d.t("|");
    d.phi("MEDICAL_RECORD_NUMBER", &pt.mrn).t("^^^MAIN^MR");
    if g.chance(0.4) {
        d.t("~");
        d.phi("MEDICAL_RECORD_NUMBER", &values::mrn(g))
            .t("^^^OLDSYS^PI");
    }
    d.t("||");
    xpn(d, &pt.p, g.chance(0.7));
    if g.chance(0.3) {
        // A repetition: the alias or maiden name.
        d.t("^^L~");
        d.person(
            &esc(&crate::people::invented_name(g).to_uppercase()),
            "invented",
        )
        .t("^");
        d.person(&pt.p.given.to_uppercase(), pt.p.given_origin)
            .t("^^^^M");
    }
    d.t("|");
    let mother = Person::random(g);
    d.person(&mother.family.to_uppercase(), mother.family_origin)
        .t("|");
    let v = values::date_value(pt.dob, values::DateStyle::Hl7, pt.dob.age() >= 90);
    date(d, &v);
    d.t(&format!("|{}|||", g.one(&["F", "M", "U"])));
    xad(g, d, c);
    d.t("||");
    xtn(g, d, c);
    d.t("|||||");
    d.phi("ACCOUNT_NUMBER", &values::account_number(g)).t("|");
    if c == Country::Us {
        d.phi("US_SSN", &values::ssn(g).replace(' ', "-"));
    }
    d.t("|");
    if g.chance(0.4) {
        d.phi(
            "LICENSE_NUMBER",
            &format!("{}{}", g.letters(1), g.digits(8)),
        )
        .t("^OH");
    }
    d.t(s);
}

fn nk1(g: &mut Gen, d: &mut Doc, c: Country, s: &str) {
    let rel = Person::random(g);
    d.t("NK1|1|");
    xpn(d, &rel, true);
    d.t(&format!(
        "|{}|",
        g.one(&[
            "SPO^Spouse",
            "DAU^Daughter",
            "SON^Son",
            "FND^Friend",
            "MTH^Mother"
        ])
    ));
    xad(g, d, c);
    d.t("|");
    xtn(g, d, c);
    d.t(s);
}

fn pv1(g: &mut Gen, d: &mut Doc, when: Date, s: &str) -> Person {
    let doc = clinician(g);
    d.t(&format!(
        "PV1|1|{}|4W^{}^{}^MAIN||||",
        g.one(&["I", "O", "E"]),
        g.int(100, 499),
        g.one(&["A", "B"])
    ));
    d.phi("NPI", &values::npi(g)).t("^");
    xpn(d, &doc, true);
    d.t("^^^DR|");
    if g.chance(0.5) {
        let r = clinician(g);
        d.phi("ID_NUMBER", &g.digits(6)).t("^");
        xpn(d, &r, true);
        d.t("^^^DR");
    }
    d.t("||MED||||1|||");
    d.phi("ACCOUNT_NUMBER", &format!("V{}", g.digits(8)));
    d.t("|||||||||||||||||||||||||");
    let ts = values::hl7_timestamp(g, when);
    date(d, &ts);
    d.t(s);
    doc
}

fn in1(g: &mut Gen, d: &mut Doc, pt: &Patient, c: Country, s: &str) {
    let ins = g
        .one(&[
            "BLUE RIVER MUTUAL",
            "NORTHSTAR HEALTH PLAN",
            "CASCADIA CARE",
            "GREAT LAKES BENEFIT",
        ])
        .to_string();
    d.t(&format!(
        "IN1|1|{}^PPO|{}|{}||||",
        g.digits(4),
        g.digits(5),
        esc(&ins.replacen(' ', " & ", usize::from(g.chance(0.2))))
    ));
    d.phi("HEALTH_PLAN_ID", &values::group_number(g)).t("||||");
    let eff = Date::random(g, 2019, 2024);
    date(d, &values::date_value(eff, values::DateStyle::Hl7, false));
    d.t("||||");
    let insured = if g.chance(0.6) {
        pt.p.clone()
    } else {
        Person::random(g)
    };
    xpn(d, &insured, true);
    d.t("|SEL|");
    let idob = super::birth_date(g);
    date(
        d,
        &values::date_value(idob, values::DateStyle::Hl7, idob.age() >= 90),
    );
    d.t("|");
    xad(g, d, c);
    d.t("||||||||||||||||");
    d.phi("HEALTH_PLAN_ID", &values::member_id(g));
    d.t(s);
}

fn gt1(g: &mut Gen, d: &mut Doc, c: Country, s: &str) {
    let gu = Person::random(g);
    d.t("GT1|1|");
    d.phi("ACCOUNT_NUMBER", &g.digits(7)).t("|");
    xpn(d, &gu, true);
    d.t("||");
    xad(g, d, c);
    d.t("|");
    xtn(g, d, c);
    d.t("||");
    let gd = super::birth_date(g);
    date(
        d,
        &values::date_value(gd, values::DateStyle::Hl7, gd.age() >= 90),
    );
    d.t("|M||SPO|");
    if c == Country::Us {
        d.phi("US_SSN", &values::ssn(g).replace(' ', ""));
    }
    d.t(s);
}

/// ADT^A01/A04/A08 with PID, NK1, PV1, IN1 and GT1.
pub(crate) fn adt(g: &mut Gen, d: &mut Doc) {
    let s = sep(g);
    let c = country(g);
    let pt = Patient::new(g, false);
    let when = Date::recent(g);
    let ev = g.one(&["A01", "A04", "A08", "A03"]);
    msh(g, d, &format!("ADT^{ev}^ADT_A01"), when, s);
    d.t(&format!("EVN|{ev}|"));
    date(d, &values::hl7_timestamp(g, when));
    d.t(s);
    pid(g, d, &pt, c, s);
    for _ in 0..g.int(1, 2) {
        nk1(g, d, c, s);
    }
    pv1(g, d, when, s);
    if g.chance(0.8) {
        in1(g, d, &pt, c, s);
    }
    if g.chance(0.6) {
        gt1(g, d, c, s);
    }
    d.t("DG1|1||");
    d.keep("ICD10", clin(g, "icd10"));
    d.t(&format!("^{}^I10|||A{s}", "DIAGNOSIS"));
    d.t("AL1|1|DA|^PENICILLIN|||");
    d.t(s);
}

/// ORU^R01 with ORC/OBR providers, OBX results (LOINC keeps) and NTE notes.
pub(crate) fn oru(g: &mut Gen, d: &mut Doc) {
    let s = sep(g);
    let c = country(g);
    let pt = Patient::new(g, false);
    let when = Date::recent(g);
    msh(g, d, "ORU^R01^ORU_R01", when, s);
    pid(g, d, &pt, c, s);
    let doc = pv1(g, d, when, s);
    d.t("ORC|RE|");
    d.phi("ID_NUMBER", &format!("ORD{}", g.digits(7))).t("|");
    d.phi("ID_NUMBER", &format!("F{}", g.digits(8)));
    d.t(&format!("{s}OBR|1|||{}^{}^LN|||", "24323-8", "CMP"));
    date(d, &values::hl7_timestamp(g, when));
    d.t("||||||||");
    d.phi("NPI", &values::npi(g)).t("^");
    xpn(d, &doc, true);
    d.t(s);
    for i in 1..=g.int(2, 5) {
        let (code, disp) = coded(g, "loinc");
        d.t(&format!("OBX|{i}|NM|"));
        d.keep("LOINC", code);
        let val = format!("{}.{}", g.int(1, 200), g.int(0, 9));
        d.t(&format!(
            "^{}^LN||{val}|mg/dL^mg/dL^UCUM|70-99|{}|||F|||",
            esc(disp),
            g.one(&["N", "H", "L"])
        ));
        date(d, &values::hl7_timestamp(g, when));
        d.t(s);
    }
    d.t("NTE|1||");
    let tech = Person::random(g);
    d.t("Called to ");
    name(d, &doc.initial_family());
    d.t(" \\T\\ read back by ");
    let ini = tech.initials(g);
    name(d, &ini);
    d.t(" at ");
    d.keep("TIME", &values::time_of_day(g));
    d.t(". Pt ");
    name(d, &pt.p.family_form().upper());
    d.t(" notified\\F\\ see \\H\\critical\\N\\ list.");
    d.t(s);
}
