//! Generic personal-data text with international names, addresses, phone
//! numbers and identifiers (no clinical framing).

use super::{dob, name};
use crate::data::lexicon;
use crate::doc::{Doc, Part, Value};
use crate::people::Person;
use crate::values::{DateStyle, Gen};

struct Locale {
    country: &'static str,
    origin: &'static str,
    cities: &'static [&'static str],
    streets: &'static [&'static str],
    phone: fn(&mut Gen) -> Value,
    postcode: fn(&mut Gen) -> String,
    /// Address order: true = "street number", false = "number street".
    number_after: bool,
    mail: &'static str,
    iban: &'static str,
}

fn cc(code: &str, rest: String) -> Value {
    Value {
        parts: vec![Part::opt(code), Part::req(rest)],
    }
}

const LOCALES: &[Locale] = &[
    Locale {
        country: "Germany",
        origin: "european",
        cities: &["Leipzig", "Münster", "Freiburg im Breisgau", "Kassel"],
        streets: &["Lindenstraße", "Am Mühlbach", "Schillerweg", "Gartenstr."],
        phone: |g| cc("+49", format!(" {} {}", 30 + g.int(0, 60), g.digits(7))),
        postcode: |g| format!("{:05}", g.int(1067, 99998)),
        number_after: true,
        mail: "web.de",
        iban: "DE",
    },
    Locale {
        country: "France",
        origin: "european",
        cities: &["Nantes", "Besançon", "Clermont-Ferrand", "Rouen"],
        streets: &[
            "rue des Tilleuls",
            "avenue Jean-Jaurès",
            "boulevard Voltaire",
            "impasse du Moulin",
        ],
        phone: |g| {
            cc(
                "+33",
                format!(
                    " {} {} {} {} {}",
                    g.int(1, 7),
                    g.digits(2),
                    g.digits(2),
                    g.digits(2),
                    g.digits(2)
                ),
            )
        },
        postcode: |g| format!("{:05}", g.int(1000, 95999)),
        number_after: false,
        mail: "orange.fr",
        iban: "FR",
    },
    Locale {
        country: "Mexico",
        origin: "hispanic",
        cities: &["Guadalajara", "Puebla", "Mérida", "Querétaro"],
        streets: &[
            "Calle Hidalgo",
            "Av. Revolución",
            "Calle 5 de Mayo",
            "Privada de los Pinos",
        ],
        phone: |g| {
            cc(
                "+52",
                format!(" {} {} {}", g.int(33, 99), g.digits(4), g.digits(4)),
            )
        },
        postcode: |g| format!("{:05}", g.int(10000, 99999)),
        number_after: true,
        mail: "hotmail.com",
        iban: "",
    },
    Locale {
        country: "Nigeria",
        origin: "west_african",
        cities: &["Ibadan", "Enugu", "Port Harcourt", "Abeokuta"],
        streets: &[
            "Adeola Odeku Street",
            "Awolowo Road",
            "Okpara Avenue",
            "Bode Thomas Street",
        ],
        phone: |g| {
            cc(
                "+234",
                format!(
                    " {} {} {}",
                    g.one(&["803", "806", "813", "705"]),
                    g.digits(3),
                    g.digits(4)
                ),
            )
        },
        postcode: |g| format!("{}", g.int(100001, 950001)),
        number_after: false,
        mail: "yahoo.com",
        iban: "",
    },
    Locale {
        country: "India",
        origin: "south_asian",
        cities: &["Pune", "Coimbatore", "Lucknow", "Visakhapatnam"],
        streets: &["MG Road", "Anna Salai", "Linking Road", "Residency Road"],
        phone: |g| {
            cc(
                "+91",
                format!(" {}{} {}", g.int(7, 9), g.digits(4), g.digits(5)),
            )
        },
        postcode: |g| format!("{}", g.int(110001, 855999)),
        number_after: false,
        mail: "rediffmail.com",
        iban: "",
    },
    Locale {
        country: "Japan",
        origin: "cjk",
        cities: &["札幌市", "仙台市", "名古屋市", "福岡市"],
        streets: &["中央区北一条西", "青葉区一番町", "中区栄", "博多区住吉"],
        phone: |g| {
            cc(
                "+81",
                format!(" {}-{}-{}", g.int(3, 99), g.digits(4), g.digits(4)),
            )
        },
        postcode: |g| format!("〒{:03}-{:04}", g.int(100, 999), g.int(0, 9999)),
        number_after: true,
        mail: "docomo.ne.jp",
        iban: "",
    },
    Locale {
        country: "Ukraine",
        origin: "cyrillic",
        cities: &["Київ", "Львів", "Харків", "Одеса"],
        streets: &[
            "вул. Хрещатик",
            "вул. Шевченка",
            "просп. Перемоги",
            "вул. Грушевського",
        ],
        phone: |g| {
            cc(
                "+380",
                format!(
                    " {} {} {} {}",
                    g.one(&["44", "67", "50", "93"]),
                    g.digits(3),
                    g.digits(2),
                    g.digits(2)
                ),
            )
        },
        postcode: |g| format!("{:05}", g.int(1001, 99999)),
        number_after: true,
        mail: "ukr.net",
        iban: "UA",
    },
    Locale {
        country: "Greece",
        origin: "greek",
        cities: &["Θεσσαλονίκη", "Πάτρα", "Ηράκλειο", "Λάρισα"],
        streets: &["Οδός Ερμού", "Λεωφόρος Αλεξάνδρας", "Οδός Αιόλου"],
        phone: |g| {
            cc(
                "+30",
                format!(" 21{} {} {}", g.digits(1), g.digits(3), g.digits(4)),
            )
        },
        postcode: |g| format!("{} {}", g.int(100, 851), g.digits(2)),
        number_after: true,
        mail: "otenet.gr",
        iban: "GR",
    },
    Locale {
        country: "Jordan",
        origin: "arabic_script",
        cities: &["عمّان", "إربد", "الزرقاء"],
        streets: &["شارع الملكة رانيا", "شارع الجامعة", "شارع مكة"],
        phone: |g| {
            cc(
                "+962",
                format!(" 7{} {} {}", g.int(7, 9), g.digits(3), g.digits(4)),
            )
        },
        postcode: |g| format!("{:05}", g.int(11110, 26999)),
        number_after: true,
        mail: "gmail.com",
        iban: "JO",
    },
    Locale {
        country: "Brazil",
        origin: "hispanic",
        cities: &["Curitiba", "Recife", "Belo Horizonte", "Campinas"],
        streets: &["Rua das Flores", "Avenida Paulista", "Rua XV de Novembro"],
        phone: |g| {
            cc(
                "+55",
                format!(" {} 9{}-{}", g.int(11, 99), g.digits(4), g.digits(4)),
            )
        },
        postcode: |g| format!("{:05}-{:03}", g.int(1000, 99999), g.int(0, 999)),
        number_after: true,
        mail: "uol.com.br",
        iban: "BR",
    },
    Locale {
        country: "Poland",
        origin: "european",
        cities: &["Kraków", "Wrocław", "Gdańsk", "Łódź"],
        streets: &[
            "ul. Długa",
            "ul. Piotrkowska",
            "al. Grunwaldzka",
            "ul. Świętojańska",
        ],
        phone: |g| {
            cc(
                "+48",
                format!(" {} {} {}", g.digits(3), g.digits(3), g.digits(3)),
            )
        },
        postcode: |g| format!("{:02}-{:03}", g.int(0, 99), g.int(0, 999)),
        number_after: true,
        mail: "wp.pl",
        iban: "PL",
    },
];

fn iban(g: &mut Gen, cc: &str) -> String {
    let body = g.digits(20);
    let chunks: Vec<String> = body
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    format!("{cc}{:02} {}", g.int(2, 98), chunks.join(" "))
}

/// A short personal-data text in one of several national conventions.
pub(crate) fn pii(g: &mut Gen, d: &mut Doc) {
    let lx = lexicon();
    let loc = g.pick(LOCALES);
    let mut p = Person::random_latin(g, true);
    if g.chance(0.7) && lx.names.contains_key(loc.origin) {
        let l = &lx.names[loc.origin];
        p.given = g.pick(&l.given).to_string();
        p.family = g.pick(&l.family).to_string();
        p.given_origin = loc.origin;
        p.family_origin = loc.origin;
        p.nick = None;
        p.eastern = loc.origin == "cjk";
        if matches!(loc.origin, "cjk" | "cyrillic" | "greek" | "arabic_script") {
            p.middle = None;
        }
    }
    let street = *g.pick(loc.streets);
    let num = g.int(1, 240);
    let line = if loc.number_after {
        if g.chance(0.3) {
            format!("{street} {num}/{}", g.int(1, 60))
        } else {
            format!("{street} {num}")
        }
    } else {
        format!("{num} {street}")
    };
    let city = *g.pick(loc.cities);
    let pc = (loc.postcode)(g);
    match g.below(3) {
        0 => {
            d.t("Name: ");
            name(d, &p.full());
            d.t("\nAddress: ");
            d.phi("STREET_ADDRESS", &line);
            d.t(", ");
            d.phi("ZIP_CODE", &pc);
            d.t(" ");
            d.phi("CITY", city);
            d.t(", ");
            d.keep("COUNTRY", loc.country);
            d.t("\nPhone: ");
            d.phi_value("PHONE_NUMBER", &(loc.phone)(g), None);
            d.t("\nE-mail: ");
            let e = format!("{}@{}", p.email_local(g), loc.mail);
            d.phi("EMAIL_ADDRESS", &e);
            d.t("\nDate of birth: ");
            let b = super::birth_date(g);
            dob(
                d,
                b,
                *g.pick(&[DateStyle::DayDot, DateStyle::DaySlash, DateStyle::Iso]),
            );
            d.t("\n");
        }
        1 => {
            d.t("Please update the contact record for ");
            name(d, &p.full());
            d.t(". The new address is ");
            d.phi("STREET_ADDRESS", &line);
            d.t(", ");
            d.phi("CITY", city);
            d.t(" ");
            d.phi("ZIP_CODE", &pc);
            d.t(" (");
            d.keep("COUNTRY", loc.country);
            d.t(") and the mobile is ");
            d.phi_value("PHONE_NUMBER", &(loc.phone)(g), None);
            d.t(". ");
            name(d, &p.given_form(g));
            d.t(" prefers e-mail: ");
            let e = format!("{}@{}", p.email_local(g), loc.mail);
            d.phi("EMAIL_ADDRESS", &e);
            d.t(".\n");
        }
        _ => {
            d.t("Traveller: ");
            name(d, &p.last_first_caps());
            d.t("\nPassport no. ");
            d.phi("US_PASSPORT", &format!("{}{}", g.letters(2), g.digits(7)));
            d.t("  Nationality: ");
            d.keep("COUNTRY", loc.country);
            d.t("\nHome: ");
            d.phi("STREET_ADDRESS", &line);
            d.t(", ");
            d.phi("CITY", city);
            d.t("\nTel. ");
            d.phi_value("PHONE_NUMBER", &(loc.phone)(g), None);
            d.t("\n");
        }
    }
    if !loc.iban.is_empty() && g.chance(0.5) {
        d.t("IBAN: ");
        d.phi("IBAN_CODE", &iban(g, loc.iban));
        d.t("\n");
    }
    if g.chance(0.3) {
        d.t("Vehicle plate: ");
        d.phi(
            "VEHICLE_ID",
            &format!("{}{} {}", g.letters(2), g.int(10, 99), g.letters(3)),
        );
        d.t("\n");
    }
    if g.chance(0.3) {
        d.t("Last login from ");
        d.phi(
            "IP_ADDRESS",
            &format!(
                "{}.{}.{}.{}",
                g.int(11, 223),
                g.int(0, 255),
                g.int(0, 255),
                g.int(1, 254)
            ),
        );
        d.t(" in ");
        d.keep("RELATIVE_TIME", "the last 24 hours");
        d.t(".\n");
    }
}
