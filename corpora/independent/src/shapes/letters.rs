//! Letters (UK, Canada, Australia, New Zealand), nursing flowsheets,
//! billing correspondence and dictated reports.

use super::{
    age_phrase, clin, clinical_sentence, date, date_time, dob, name, phone, possessive, Patient,
};
use crate::doc::Doc;
use crate::people::{clinician, Person};
use crate::values::{self, Country, Date, DateStyle, Gen};

fn health_number(g: &mut Gen, d: &mut Doc, c: Country) {
    let (label, v) = match c {
        Country::Uk => (
            g.one(&["NHS No: ", "NHS number ", "NHS: "]),
            values::nhs_number(g),
        ),
        Country::Ca => (
            g.one(&["OHIP: ", "Health Card No. ", "HCN "]),
            values::ohip_number(g),
        ),
        Country::Au => (
            g.one(&["Medicare No: ", "Medicare ", "Medicare card "]),
            values::medicare_au(g),
        ),
        Country::Nz => (
            g.one(&["NHI: ", "NHI number ", "NHI "]),
            values::nhi_number(g),
        ),
        Country::Us => ("Member ID: ", values::member_id(g)),
    };
    d.t(label);
    d.phi("HEALTH_PLAN_ID", &v);
}

fn address_block(g: &mut Gen, d: &mut Doc, c: Country) {
    d.phi("STREET_ADDRESS", &values::street_line(g, c));
    d.t("\n");
    d.phi("CITY", values::city(g, c));
    match c {
        Country::Ca | Country::Au => {
            d.t(" ").t(values::region(g, c)).t(" ");
        }
        Country::Us => {
            d.t(", ");
            d.keep("US_STATE", values::region(g, c));
            d.t(" ");
        }
        _ => {
            d.t(if g.chance(0.5) { "\n" } else { " " });
        }
    }
    d.phi("ZIP_CODE", &values::postcode(g, c));
    d.t("\n");
}

/// A clinic letter in the conventions of the UK, Canada, Australia or New Zealand.
pub(crate) fn letter(g: &mut Gen, d: &mut Doc, c: Country) {
    let pt = Patient::new(g, true);
    let author = clinician(g);
    let gp = clinician(g);
    let when = Date::recent(g);
    let style = if c == Country::Ca && g.chance(0.4) {
        DateStyle::MonthDay
    } else {
        values::day_first_style(g)
    };
    let clinic = format!(
        "{} {}",
        values::city(g, c),
        g.one(&["Hospital", "Health Centre", "Medical Practice", "Clinic"])
    );
    d.phi("LOCATION", &clinic);
    d.t("\n");
    d.phi("STREET_ADDRESS", &values::street_line(g, c));
    d.t("\nTel ");
    phone(g, d, c, "PHONE_NUMBER");
    d.t("  Fax ");
    phone(g, d, c, "FAX_NUMBER");
    d.t("\n\n");
    date(d, &values::date_value(when, style, false));
    d.t("\n\n");
    d.t(&format!("{} ", gp.title));
    name(d, &gp.full());
    d.t("\n");
    address_block(g, d, c);
    d.t("\nDear Dr ");
    name(d, &gp.family_form());
    d.t(",\n\nRe: ");
    d.t(pt.p.title).t(" ");
    name(d, &pt.p.full_middle());
    if g.chance(0.3) {
        // The patient's initials after the name.
        let mut ini = pt.p.initials(g);
        ini.text = ini.text.replace('.', "").to_uppercase();
        d.t(" (");
        name(d, &ini);
        d.t(")");
    }
    d.t(", DOB ");
    dob(d, pt.dob, style);
    d.t(", ");
    health_number(g, d, c);
    d.t("\n");
    address_block(g, d, c);
    d.t("\nThank you for referring this ");
    age_phrase(g, d, pt.dob.age());
    d.t(" whom I saw in clinic on ");
    date(d, &values::date_value(when, style, false));
    d.t(". ");
    if g.chance(0.5) {
        let y = pt.dob.y.to_string();
        d.t(&format!(
            "{} was born in ",
            g.one(&["The patient", "They", "This patient"])
        ));
        if pt.dob.age() >= 90 {
            // A birth year that reveals an age of 90 or more is PHI.
            d.phi("AGE", &y);
        } else {
            d.keep("YEAR", &y);
        }
        d.t(". ");
    }
    clinical_sentence(g, d);
    clinical_sentence(g, d);
    d.t(&format!("\n\n{} ", pt.p.title));
    name(d, &pt.p.family_form());
    d.t(" lives with ");
    let rel = Person::random_latin(g, true);
    name(d, &rel.given_form(g));
    d.t(" in a ");
    d.t(g.one(&["ground-floor flat", "unit", "house"]));
    d.t(" and can be contacted on ");
    phone(g, d, c, "PHONE_NUMBER");
    d.t(". ");
    possessive(d, &pt.p.given_form(g));
    d.t(" next review is on ");
    date(
        d,
        &values::date_value(when.plus_days(g.int(20, 90)), style, false),
    );
    d.t(". ");
    clinical_sentence(g, d);
    d.t("\n\nYours sincerely,\n\n");
    d.t("Dr ");
    name(d, &author.full());
    d.t("\n");
    d.t(g.one(&[
        "Consultant Physician",
        "Registrar in Geriatric Medicine",
        "Staff Specialist",
        "Clinical Nurse Consultant",
    ]));
    d.t("\n");
    if g.chance(0.5) {
        d.t("Email: ");
        let e = format!("{}@{}", author.email_local(g), values::mail_domain(g, c));
        d.phi("EMAIL_ADDRESS", &e);
        d.t("\n");
    }
    d.t("cc: ");
    d.t(pt.p.title).t(" ");
    name(d, &pt.p.initial_family());
    d.t(" (patient)\n");
    let ai = author.initials(g);
    let ti = Person::random_latin(g, false).initials(g);
    d.t("Ref: ");
    name(d, &ai);
    d.t("/");
    name(d, &ti);
    d.t("\n");
}

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        format!("{s} ")
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// A nursing flowsheet: an aligned table with dates, vitals, pain scores
/// and nurses' initials, and a key of initials.
pub(crate) fn flowsheet(g: &mut Gen, d: &mut Doc) {
    let pt = Patient::new(g, false);
    let nurses: Vec<Person> = (0..g.int(2, 3))
        .map(|_| Person::random_latin(g, false))
        .collect();
    let inits: Vec<_> = nurses
        .iter()
        .map(|n| {
            let mut f = n.initials(g);
            f.text = f.text.replace('.', "").to_uppercase();
            f
        })
        .collect();
    let day_first = g.chance(0.4);
    let start = Date::recent(g);
    d.t("NURSING FLOWSHEET\n");
    d.t("Patient: ");
    name(d, &pt.p.last_first_caps());
    d.t("    MRN: ");
    d.phi("MEDICAL_RECORD_NUMBER", &pt.mrn);
    d.t("    Bed: 4W-");
    d.t(&g.int(1, 40).to_string());
    d.t("\nDOB: ");
    dob(
        d,
        pt.dob,
        if day_first {
            DateStyle::DaySlash
        } else {
            DateStyle::UsSlash
        },
    );
    d.t("    Attending: Dr. ");
    let att = clinician(g);
    name(d, &att.family_form());
    d.t("\n\n");
    let cols = [
        "Date", "Time", "BP", "HR", "RR", "Temp", "SpO2", "Pain", "Init",
    ];
    let w = [12, 7, 9, 5, 4, 6, 6, 6, 5];
    for (c, wi) in cols.iter().zip(w) {
        d.t(&pad(c, wi));
    }
    d.t("\n");
    d.t(&"-".repeat(w.iter().sum::<usize>())).t("\n");
    let mut day = start;
    for row in 0..g.int(4, 8) {
        if row % 3 == 0 && row > 0 {
            day = day.plus_days(1);
        }
        let style = if day_first {
            DateStyle::DaySlash
        } else {
            DateStyle::UsSlash
        };
        // The time column right after the date: it may stay or go.
        let mut dv = values::date_value(day, style, false);
        let gap = " ".repeat(12usize.saturating_sub(dv.text().chars().count()).max(1));
        let t = format!("{:02}:{:02}", g.int(0, 23), g.int(0, 3) * 15);
        dv.parts.push(crate::doc::Part::opt(format!("{gap}{t}")));
        d.phi_value("DATE_TIME", &dv, None);
        d.t(&pad("", 7 - t.len()));
        let bp = format!("{}/{}", g.int(92, 170), g.int(55, 99));
        d.keep("VITAL", &bp).t(&pad("", 9 - bp.len()));
        let hr = g.int(50, 125).to_string();
        d.keep("VITAL", &hr).t(&pad("", 5 - hr.len()));
        let rr = g.int(12, 28).to_string();
        d.keep("VITAL", &rr).t(&pad("", 4 - rr.len()));
        let tmp = format!("{}.{}", g.int(36, 39), g.int(0, 9));
        d.keep("VITAL", &tmp).t(&pad("", 6 - tmp.len()));
        let sp = format!("{}%", g.int(88, 100));
        d.keep("VITAL", &sp).t(&pad("", 6 - sp.len()));
        let pain = format!("{}/10", g.int(0, 10));
        d.keep("SCORE", &pain)
            .t(&pad("", 6usize.saturating_sub(pain.len()).max(1)));
        let who = g.below(inits.len());
        name(d, &inits[who]);
        d.t("\n");
    }
    d.t("\nLines/devices: ");
    d.keep(
        "EPONYM",
        g.one(&["Foley catheter", "Hickman line", "Swan-Ganz catheter"]),
    );
    d.t(" in situ. ");
    d.keep("EPONYM", "Braden scale");
    d.t(&format!(" {}. ", g.int(10, 22)));
    d.keep("EPONYM", "Glasgow Coma Scale");
    d.t(&format!(" {}.\n", g.int(12, 15)));
    d.t("Verified by badge ");
    d.phi("ID_NUMBER", &g.digits(5));
    d.t(".\n");
    d.t("\nInitials key: ");
    for (i, (n, ini)) in nurses.iter().zip(&inits).enumerate() {
        if i > 0 {
            d.t("; ");
        }
        name(d, ini);
        d.t(" = ");
        name(d, &n.full());
        d.t(", RN");
    }
    d.t("\n");
}

/// Billing correspondence: member ID, group number, claim numbers, dates
/// of service, CPT and ICD-10 codes.
pub(crate) fn billing(g: &mut Gen, d: &mut Doc) {
    let pt = Patient::new(g, false);
    let sub = if g.chance(0.5) {
        pt.p.clone()
    } else {
        Person::random_latin(g, false)
    };
    let when = Date::recent(g);
    let style = values::us_style(g);
    let plan = g.one(&[
        "Blue River Mutual",
        "Northstar Health Plan",
        "Cascadia Care",
        "Great Lakes Benefit Co.",
    ]);
    d.t(plan).t("\nClaims Department\n\n");
    date(
        d,
        &values::date_value(when.plus_days(g.int(10, 40)), style, false),
    );
    d.t("\n\n");
    name(d, &sub.full_middle().upper());
    d.t("\n");
    address_block(g, d, Country::Us);
    d.t("\nRE: Explanation of benefits\n");
    let labels: &[(&str, &str)] = &[
        ("Member ID: ", "HEALTH_PLAN_ID"),
        ("Group Number: ", "HEALTH_PLAN_ID"),
        ("Claim #: ", "ACCOUNT_NUMBER"),
        ("Patient Account: ", "ACCOUNT_NUMBER"),
    ];
    for (l, e) in labels {
        d.t(l);
        let v = match *l {
            "Member ID: " => values::member_id(g),
            "Group Number: " => values::group_number(g),
            "Claim #: " => values::claim_number(g),
            _ => values::account_number(g),
        };
        d.phi(e, &v);
        d.t("\n");
    }
    if g.chance(0.5) {
        d.t("ID verified: driver's license ");
        let st = g.one(&["OH", "TX", "PA", "NY", "MN"]);
        let v = crate::doc::Value {
            parts: vec![
                crate::doc::Part::opt(st),
                crate::doc::Part::req(format!("-{}{}", g.letters(1), g.digits(8))),
            ],
        };
        d.phi_value("US_DRIVER_LICENSE", &v, None);
        d.t("\n");
    }
    d.t("Patient: ");
    name(d, &pt.p.full());
    d.t("   Date of birth: ");
    dob(d, pt.dob, style);
    d.t("\nProvider: ");
    let doc = clinician(g);
    name(d, &doc.full());
    d.t(", MD  NPI ");
    d.phi("NPI", &values::npi(g));
    d.t("\n\nDate of service   CPT     Dx        Billed    Allowed\n");
    for _ in 0..g.int(1, 4) {
        let dv = values::date_value(when, DateStyle::UsSlash, false);
        date(d, &dv);
        d.t("        ");
        d.keep("CPT", clin(g, "cpt"));
        d.t("   ");
        let icd = clin(g, "icd10");
        d.keep("ICD10", icd);
        d.t(&" ".repeat(10usize.saturating_sub(icd.len()).max(1)));
        d.t(&format!(
            "${}.00   ${}.{:02}\n",
            g.int(80, 900),
            g.int(40, 500),
            g.int(0, 99)
        ));
    }
    d.t("\nDear ");
    d.t(sub.title).t(" ");
    name(d, &sub.family_form());
    d.t(",\n\nWe processed claim ");
    d.phi("ACCOUNT_NUMBER", &values::claim_number(g));
    d.t(" for services on ");
    date(d, &values::date_value(when, DateStyle::MonthDay, false));
    d.t(". If you have questions, reply to this letter or call us. A copy was sent to ");
    possessive(d, &doc.family_form());
    d.t(" office.\n\nSincerely,\n");
    let rep = Person::random_latin(g, false);
    name(d, &rep.full());
    d.t(", Member Services\n");
}

/// A dictated report with "Dictated by", "Transcribed by: ab/cd" and D:/T: dates.
pub(crate) fn dictated(g: &mut Gen, d: &mut Doc) {
    let pt = Patient::new(g, false);
    let doc = clinician(g);
    let trans = Person::random_latin(g, false);
    let when = Date::recent(g);
    let style = values::us_style(g);
    d.t(g.one(&[
        "RADIOLOGY REPORT",
        "OPERATIVE REPORT",
        "DISCHARGE SUMMARY",
        "CONSULTATION",
    ]));
    d.t("\n\nPATIENT NAME: ");
    name(d, &pt.p.last_first_caps());
    d.t("\nMEDICAL RECORD #: ");
    d.phi("MEDICAL_RECORD_NUMBER", &pt.mrn);
    d.t("\nDATE OF BIRTH: ");
    dob(d, pt.dob, style);
    d.t("\nDATE OF SERVICE: ");
    date(d, &values::date_value(when, style, false));
    d.t("\nREFERRING PHYSICIAN: ");
    let refd = clinician(g);
    name(d, &refd.full_middle());
    d.t(", M.D.\n\nHISTORY: This is a ");
    age_phrase(g, d, pt.dob.age());
    d.t(" seen ");
    d.keep(
        "RELATIVE_TIME",
        g.one(&["two days ago", "last week", "earlier today"]),
    );
    d.t(". ");
    clinical_sentence(g, d);
    clinical_sentence(g, d);
    d.t("\n\nFINDINGS: ");
    clinical_sentence(g, d);
    d.t("Discussed with ");
    possessive(d, &pt.p.given_form(g));
    d.t(" son, ");
    let son = Person::random_latin(g, false);
    name(d, &son.full());
    d.t(", by phone at ");
    phone(g, d, Country::Us, "PHONE_NUMBER");
    d.t(".\n\nIMPRESSION: ");
    clinical_sentence(g, d);
    d.t("\n\n");
    name(d, &doc.full().upper());
    d.t(", M.D.\n\nDictated by: ");
    name(d, &doc.full());
    d.t("\nTranscribed by: ");
    let a = doc.initials(g);
    let b = trans.initials(g);
    let (a, b) = if g.chance(0.6) {
        (a.lower_first(), b.lower_first())
    } else {
        (a, b)
    };
    name(d, &a);
    d.t("/");
    name(d, &b);
    d.t("\nD: ");
    date_time(g, d, when, DateStyle::UsSlash);
    d.t("\nT: ");
    date_time(g, d, when.plus_days(1), DateStyle::UsSlash);
    d.t("\nAccession #: ");
    d.phi(
        "ID_NUMBER",
        &format!(
            "{}{}-{}",
            g.one(&["RAD", "ACC", "CT", "MR"]),
            g.int(23, 25),
            g.digits(6)
        ),
    );
    d.t("\nJob #: ");
    d.phi("ID_NUMBER", &g.digits(6));
    d.t("\n");
}
