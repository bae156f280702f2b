//! Built-in recognizers: contact (Safe Harbor D, E, F, N and O).
//!
//! * [`PhoneFaxRecognizer`]: telephone numbers in North American and
//!   international forms, with extensions; a number labelled "fax", "F:" or
//!   "(fax)" is a `FAX_NUMBER`, anything else a `PHONE_NUMBER`. Bare digit
//!   runs ("2125550198") and seven-digit local numbers ("555-0198") need a
//!   label or a nearby context word.
//! * [`web::email`], [`web::url`] and [`web::ip_address`]: e-mail
//!   addresses, web URLs (with or without a scheme) and IPv4/IPv6 addresses.
//!   Abbreviations ("e.g."), file names ("notes.txt"), decimals and version
//!   numbers ("1.2.3") are not reported.

use std::sync::Arc;

use phimask_core::{Error, Recognizer};

mod phone;
pub mod web;

pub use phone::PhoneFaxRecognizer;

/// The recognizers of this family.
///
/// # Errors
/// When a built-in pattern or dictionary fails to build (a bug).
pub fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    Ok(vec![
        Arc::new(PhoneFaxRecognizer::new()?),
        Arc::new(web::email()?),
        Arc::new(web::url()?),
        Arc::new(web::ip_address()?),
    ])
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use phimask_core::{Analyzer, Entity};

    pub(super) fn analyzer() -> &'static Analyzer {
        static A: OnceLock<Analyzer> = OnceLock::new();
        A.get_or_init(|| {
            crate::testutil::analyzer_over(
                super::recognizers().expect("contact recognizers build"),
                &[],
            )
        })
    }

    /// (entity, text) of every detection.
    fn found(text: &str) -> Vec<(Entity, String)> {
        crate::testutil::detections(analyzer(), text)
    }

    fn one(entity: Entity, text: &str, expected: &str) {
        assert_eq!(
            found(text),
            vec![(entity, expected.to_string())],
            "in {text:?}"
        );
    }

    #[test]
    fn phone_forms() {
        use Entity::PhoneNumber as P;
        one(P, "call (212) 555-0198 today", "(212) 555-0198");
        one(P, "reach her at 212.555.0198.", "212.555.0198");
        one(P, "son 212-555-0198", "212-555-0198");
        one(P, "son 212 555 0198", "212 555 0198");
        one(P, "number +1 212 555 0198", "+1 212 555 0198");
        one(P, "hotline 1-800-555-0199", "1-800-555-0199");
        one(P, "Phone: 2125550198", "2125550198");
        one(P, "cell 555-0198", "555-0198");
        one(
            P,
            "212-555-0198 ext. 22 is the office",
            "212-555-0198 ext. 22",
        );
        one(P, "212-555-0198 x22", "212-555-0198 x22");
        one(P, "UK +44 20 7946 0958", "+44 20 7946 0958");
        one(P, "brother in India +91 98765 43210.", "+91 98765 43210");
        one(P, "C: 917-555-0143", "917-555-0143");
        one(P, "Pt's mobile (917)555-0143", "(917)555-0143");
        one(P, "home 212/555-0198", "212/555-0198");
        one(P, "tel:+1 (212) 555-0198", "+1 (212) 555-0198");
        // Ten digits that fit the numbering plan are masked even unlabelled.
        one(P, "husband (2125550198) visits", "2125550198");
    }

    #[test]
    fn fax_forms() {
        use Entity::{FaxNumber as F, PhoneNumber as P};
        one(F, "Fax: 212-555-0199", "212-555-0199");
        one(F, "F: (212) 555-0199", "(212) 555-0199");
        one(F, "212-555-0199 (fax)", "212-555-0199");
        one(F, "their fax number is 212 555 0199", "212 555 0199");
        assert_eq!(
            found("Phone: 212-555-0198, Fax: 212-555-0199"),
            vec![
                (P, "212-555-0198".to_string()),
                (F, "212-555-0199".to_string())
            ]
        );
        let a = analyzer().analyze("Fax: 212-555-0199").expect("analysis");
        assert_eq!(a.detections[0].explanation.context_boost, 0.0);
    }

    #[test]
    fn phone_next_to_zip_stays_separate() {
        assert_eq!(
            found("tel 212-555-0198 10027"),
            vec![(Entity::PhoneNumber, "212-555-0198".to_string())]
        );
    }

    #[test]
    fn phone_negatives() {
        for text in [
            "SSN 123-45-6789",
            "BP 128/82, HR 72",
            "seen 03/14/2024 and 2024-03-14",
            "CPT 90837",
            "Zoloft 50 mg daily",
            "PHQ-9: 14, GAD-7 11",
            "ICD-10 F33.1",
            "0125550198",
            "555-0198",
            "weight 1234567890 units",
        ] {
            assert_eq!(found(text), vec![], "in {text:?}");
        }
    }

    #[test]
    fn email_forms() {
        use Entity::EmailAddress as E;
        one(E, "email jdoe@example.com.", "jdoe@example.com");
        one(
            E,
            "<john.q.public+notes@mail.example.org>",
            "john.q.public+notes@mail.example.org",
        );
        one(
            E,
            "write to mary-ann_o@my-clinic.health",
            "mary-ann_o@my-clinic.health",
        );
        one(
            E,
            "contact: józef.núñez@correo.example.es",
            "józef.núñez@correo.example.es",
        );
    }

    #[test]
    fn url_forms() {
        use Entity::Url as U;
        one(
            U,
            "see https://portal.example.org/p?id=12.",
            "https://portal.example.org/p?id=12",
        );
        one(
            U,
            "visit www.example.org/path today",
            "www.example.org/path",
        );
        one(
            U,
            "log in to mychart.example.com for results",
            "mychart.example.com",
        );
        one(U, "(http://example.com)", "http://example.com");
        one(
            U,
            "portal at example.io/patients/88",
            "example.io/patients/88",
        );
    }

    #[test]
    fn url_negatives() {
        for text in [
            "e.g. sertraline, i.e. an SSRI",
            "see notes.txt and scan.pdf",
            "Temp 98.6, K 4.1",
            "v1.2.3 of the app",
            "Tylenol 500 mg p.o. q.i.d.",
            "a.m. and p.m. doses",
            r#""system": "http://loinc.org", "code": "8867-4""#,
            "coded in https://terminology.hl7.org/CodeSystem/v2-0203 and www.w3.org/1999/xhtml",
        ] {
            assert_eq!(found(text), vec![], "in {text:?}");
        }
    }

    #[test]
    fn ip_forms() {
        use Entity::IpAddress as I;
        one(I, "from 192.168.1.20 at login", "192.168.1.20");
        one(I, "host 10.0.0.1.", "10.0.0.1");
        one(
            I,
            "addr 2001:0db8:85a3:0000:0000:8a2e:0370:7334",
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        );
        one(
            I,
            "addr 2001:db8::8a2e:370:7334 seen",
            "2001:db8::8a2e:370:7334",
        );
        one(I, "localhost ::1 only", "::1");
        one(I, "link fe80::1%eth0 up", "fe80::1%eth0");
        assert!(super::web::is_ipv6("::ffff:192.0.2.1"));
    }

    #[test]
    fn ip_negatives() {
        for text in [
            "version 1.2.3",
            "at 10:30:00 today",
            "999.1.1.1",
            "1.2.3.4.5",
            "ratio 3:1",
            "Note:: see below",
            "bed::",
        ] {
            assert_eq!(found(text), vec![], "in {text:?}");
        }
    }

    #[test]
    fn debug_has_no_text() {
        let text = "Fax: 212-555-0199";
        let a = analyzer().analyze(text).expect("analysis");
        assert!(!format!("{a:?}").contains("555"));
    }
}

#[cfg(test)]
mod prop {
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "Fax: ",
        "tel ",
        "C: ",
        "(212) ",
        "555-0198",
        "+44 ",
        "20 7946 ",
        "0958",
        " ext. 22",
        "x",
        "é",
        "😀",
        "İ",
        "@",
        "example",
        ".com",
        "www.",
        "http://",
        "/path",
        "::",
        "fe80",
        "%eth0",
        "192.168.",
        "1.",
        "255",
        " ",
        "\n",
        "—",
        "2125550198",
        "mail",
        "ß",
        "number is ",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn never_panics_and_spans_are_on_boundaries(
            idx in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let text: String = idx.iter().map(|&i| PIECES[i]).collect();
            let a = super::tests::analyzer().analyze(&text).expect("analysis");
            for d in &a.detections {
                prop_assert!(text.is_char_boundary(d.span.start));
                prop_assert!(text.is_char_boundary(d.span.end));
            }
        }
    }
}
