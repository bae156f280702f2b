//! Spoken and written conversation: ambient-scribe transcripts, e-mail
//! threads and portal chat in lower case.

use super::{
    age, age_phrase, clin, clinical_sentence, date, date_time, dob, name, phone, possessive,
    Patient,
};
use crate::doc::{Doc, Part, Value};
use crate::people::{clinician, Person};
use crate::values::{self, Country, Date, DateStyle, Gen};

fn stamp(g: &mut Gen, d: &mut Doc, secs: &mut u32, on: bool) {
    *secs += g.int(3, 40);
    if on {
        d.t(&format!(
            "[{:02}:{:02}:{:02}] ",
            *secs / 3600,
            *secs / 60 % 60,
            *secs % 60
        ));
    }
}

/// An ambient-scribe session transcript with speaker labels, spoken dates,
/// phone numbers and e-mail addresses said aloud, and ages in words.
pub(crate) fn transcript(g: &mut Gen, d: &mut Doc) {
    let pt = Patient::new(g, false);
    let doc = clinician(g);
    let rel = Person::random_latin(g, false);
    let stamps = g.chance(0.6);
    let mut secs = 0;
    // Speaker labels: names (PHI) or roles.
    let named = g.chance(0.6);
    let upper = g.chance(0.3);
    let doc_label = if g.chance(0.5) {
        doc.family_form()
    } else {
        doc.full()
    };
    let pt_label = pt.p.given_form(g);
    let speak = |d: &mut Doc, who: u8| {
        if named {
            if who == 0 {
                d.t("Dr. ");
                let f = if upper {
                    doc_label.upper()
                } else {
                    doc_label.clone()
                };
                name(d, &f);
            } else {
                let f = if upper {
                    pt_label.upper()
                } else {
                    pt_label.clone()
                };
                name(d, &f);
            }
            d.t(": ");
        } else {
            d.t(if who == 0 { "CLINICIAN: " } else { "PATIENT: " });
        }
    };
    d.t("Session transcript (ambient capture)\n");
    d.t("Visit date: ");
    let when = Date::recent(g);
    date(d, &values::date_value(when, values::us_style(g), false));
    d.t("\n\n");
    stamp(g, d, &mut secs, stamps);
    speak(d, 0);
    d.t("Hi, come on in. Can you tell me your full name and date of birth?\n");
    stamp(g, d, &mut secs, stamps);
    speak(d, 1);
    d.t("Sure, it's ");
    name(d, &pt.p.full());
    d.t(", born ");
    let spoken = values::spoken_date(g, pt.dob, true);
    let v = if pt.dob.age() >= 90 {
        Value {
            parts: spoken
                .parts
                .into_iter()
                .map(|p| Part::req(p.text))
                .collect(),
        }
    } else {
        spoken
    };
    date(d, &v);
    d.t(".\n");
    stamp(g, d, &mut secs, stamps);
    speak(d, 0);
    d.t("Thank you. And how old does that make you?\n");
    stamp(g, d, &mut secs, stamps);
    speak(d, 1);
    let a = pt.dob.age();
    d.t("I'm ");
    age(d, a, &values::number_words(a));
    d.t(", believe it or not.\n");
    stamp(g, d, &mut secs, stamps);
    speak(d, 0);
    d.t("What brings you in? Last time we spoke was ");
    date(d, &values::spoken_date(g, when.plus_days(200), false));
    d.t(", I think.\n");
    stamp(g, d, &mut secs, stamps);
    speak(d, 1);
    d.t("The pain in my knee, it's about a ");
    let p = g.int(2, 9);
    d.keep("SCORE", &format!("{} out of ten", values::number_words(p)));
    d.t(" most days. It started ");
    d.keep(
        "RELATIVE_TIME",
        g.one(&[
            "three weeks ago",
            "last month",
            "around Christmas",
            "a couple of days ago",
        ]),
    );
    d.t(". My ");
    d.t(g.one(&["daughter", "son", "husband", "wife", "neighbour"]));
    d.t(" ");
    let rg = rel.given_form(g);
    name(d, &rg);
    d.t(" drove me today. ");
    possessive(d, &rg);
    d.t(" number is ");
    d.phi("PHONE_NUMBER", &values::spoken_phone(g));
    d.t(" if you need it.\n");
    stamp(g, d, &mut secs, stamps);
    speak(d, 0);
    d.t("Okay. And is your e-mail still the same?\n");
    stamp(g, d, &mut secs, stamps);
    speak(d, 1);
    let local =
        pt.p.email_local(g)
            .replace('.', " dot ")
            .replace('_', " underscore ");
    let dom = values::mail_domain(g, Country::Us).replace('.', " dot ");
    d.t("Yes, it's ");
    d.phi("EMAIL_ADDRESS", &format!("{local} at {dom}"));
    d.t(". I ");
    d.keep("COMMON_WORD", "hope");
    d.t(" that's right. I moved to ");
    let num = g.int(10, 9999).to_string();
    let street_name = g.one(&crate::data::lexicon().places["US"].street);
    d.phi(
        "STREET_ADDRESS",
        &format!("{} {street_name}", values::digits_in_words(&num)),
    );
    d.t(" in ");
    d.phi("CITY", values::city(g, Country::Us));
    d.t(" back in ");
    d.keep("YEAR", &values::year_words(g.int(2005, 2023) as i32));
    d.t(".\n");
    stamp(g, d, &mut secs, stamps);
    speak(d, 0);
    d.t("Good. My mother is ");
    if g.chance(0.5) {
        let old = g.int(90, 104);
        d.t("also ");
        d.phi("AGE", &values::number_words(old));
        d.t(" and still gardening. ");
    } else {
        let young = g.int(60, 88);
        d.keep("AGE", &values::number_words(young));
        d.t(". ");
    }
    d.t("Any trouble with the ");
    d.keep("MEDICATION", clin(g, "med"));
    d.t("? We will check a ");
    d.keep("EPONYM", "Babinski sign");
    d.t(" and your reflexes.\n");
    stamp(g, d, &mut secs, stamps);
    speak(d, 1);
    d.t("No trouble. Should I book with ");
    name(d, &doc.initial_family());
    d.t(" again on ");
    let (later, with_year) = (g.int(14, 60), g.chance(0.3));
    date(d, &values::spoken_date(g, when.plus_days(later), with_year));
    d.t("?\n");
    stamp(g, d, &mut secs, stamps);
    speak(d, 0);
    d.t("Yes, and bring ");
    name(d, &rg.lower_first());
    d.t(" if you can.\n");
}

/// An e-mail thread between staff, quoting an earlier message.
pub(crate) fn email_thread(g: &mut Gen, d: &mut Doc) {
    let pt = Patient::new(g, true);
    let a = Person::random_latin(g, false);
    let b = clinician(g);
    let c = *g.pick(&[Country::Us, Country::Us, Country::Uk, Country::Ca]);
    let org = g.one(&[
        "riverside-health.example.org",
        "northclinic.example.net",
        "stlukes.example.com",
    ]);
    let mail = |g: &mut Gen, p: &Person| format!("{}@{org}", p.email_local(g));
    let when = Date::recent(g);
    d.t("From: ");
    name(d, &a.full());
    d.t(" <");
    d.phi("EMAIL_ADDRESS", &mail(g, &a));
    d.t(">\nSent: ");
    let sent_style = if c == Country::Us {
        DateStyle::MonthDay
    } else {
        DateStyle::DayMonth
    };
    d.t(g.one(&["Monday", "Tuesday", "Thursday"])).t(", ");
    date_time(g, d, when, sent_style);
    d.t("\nTo: ");
    name(d, &b.full_middle());
    d.t(" <");
    d.phi("EMAIL_ADDRESS", &mail(g, &b));
    d.t(">\nSubject: RE: ");
    d.t(g.one(&["follow-up for ", "records request, ", "med rec - "]));
    name(d, &pt.p.last_first());
    d.t("\n\n");
    d.t("Hi ");
    name(d, &b.given_form(g));
    d.t(",\n\nYes, I spoke with ");
    possessive(d, &pt.p.given_form(g));
    d.t(" daughter this morning. She can be reached on ");
    phone(g, d, c, "PHONE_NUMBER");
    d.t(". DOB is ");
    dob(
        d,
        pt.dob,
        if c == Country::Us {
            values::us_style(g)
        } else {
            values::day_first_style(g)
        },
    );
    d.t(", MRN ");
    d.phi("MEDICAL_RECORD_NUMBER", &pt.mrn);
    d.t(". ");
    clinical_sentence(g, d);
    d.t("\n\nThanks,\n");
    name(d, &a.given_form(g));
    d.t("\n");
    if g.chance(0.6) {
        let ini = a.initials(g);
        d.t("(");
        name(d, &ini);
        d.t(")\n");
    }
    d.t("Patient Access | Fax ");
    phone(g, d, c, "FAX_NUMBER");
    d.t("\n\n");
    let prev = when.plus_days(0);
    d.t("On ");
    date_time(g, d, prev, sent_style);
    d.t(", ");
    name(d, &b.full());
    d.t(" wrote:\n> Can someone call Mr. ");
    name(d, &pt.p.family_form());
    d.t(" re: the ");
    d.keep("EPONYM", "Holter monitor");
    d.t(" results? ");
    age_phrase(g, d, pt.dob.age());
    d.t(", lives at ");
    d.phi("STREET_ADDRESS", &values::street_line(g, c));
    d.t(", ");
    d.phi("CITY", values::city(g, c));
    d.t(".\n> Seen ");
    d.keep(
        "RELATIVE_TIME",
        g.one(&["last week", "on Friday", "two days ago"]),
    );
    d.t(". ");
    clinical_sentence(g, d);
    d.t("\n> -- ");
    name(d, &b.initial_family());
    d.t("\n");
}

/// Portal chat written in lower case, with nicknames and initials.
pub(crate) fn portal_chat(g: &mut Gen, d: &mut Doc) {
    let pt = Patient::new(g, false);
    let nurse = Person::random_latin(g, false);
    let doc = clinician(g);
    let when = Date::recent(g);
    d.lower = g.chance(0.85);
    d.t("Secure message thread\n");
    d.t("[patient] ");
    let me = pt.p.given_form(g);
    name(d, &me);
    d.t(": hi its ");
    name(d, &me);
    d.t(" again, dr ");
    name(d, &doc.family_form());
    d.t(" said to message. my sugar was 212 this morning and ");
    d.keep("RELATIVE_TIME", "yesterday");
    d.t(" too. can u call me at ");
    phone(g, d, Country::Us, "PHONE_NUMBER");
    d.t(" or email ");
    let e = format!(
        "{}@{}",
        pt.p.email_local(g),
        values::mail_domain(g, Country::Us)
    );
    d.phi("EMAIL_ADDRESS", &e);
    d.t("\n[nurse] ");
    name(d, &nurse.given_form(g));
    d.t(" ");
    name(d, &nurse.initials(g));
    d.t(": hi ");
    name(d, &pt.p.given_form(g));
    d.t(", i will pass this on. are you still taking the ");
    d.keep("MEDICATION", clin(g, "med"));
    d.t("? your appt is ");
    date_time(g, d, when, DateStyle::UsShort);
    d.t("\n[patient] ");
    name(d, &me);
    d.t(": yes. my husband ");
    let h = Person::random_latin(g, false);
    let hg = h.given_form(g);
    name(d, &hg);
    d.t(" can bring me, i ");
    d.keep("COMMON_WORD", "hope");
    d.t(". ");
    name(d, &hg);
    d.t(" works til 5\n[nurse] ");
    name(d, &nurse.given_form(g));
    d.t(": ok. ");
    d.t("dob is ");
    dob(d, pt.dob, DateStyle::UsSlash);
    d.t(" right?\n");
}
