//! Random values: dates, phone numbers, identifiers with check digits,
//! addresses and e-mail addresses. All are generated; none is looked up.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::data::lexicon;
use crate::doc::{Part, Value};

/// The seeded random source with the helpers the shapes use.
#[derive(Debug)]
pub(crate) struct Gen {
    rng: ChaCha8Rng,
}

impl Gen {
    pub(crate) fn new(seed: u64) -> Gen {
        Gen {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }
    /// An index below `n` (`n` > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.rng.random_range(0..n.max(1))
    }
    /// A number in `lo..=hi`.
    pub(crate) fn int(&mut self, lo: u32, hi: u32) -> u32 {
        self.rng.random_range(lo..=hi)
    }
    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }
    /// One element of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    /// One string of a non-empty list.
    pub(crate) fn one(&mut self, v: &[&'static str]) -> &'static str {
        v[self.below(v.len())]
    }
    /// `n` random decimal digits.
    pub(crate) fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.int(0, 9) as u8))
            .collect()
    }
    /// `n` random capital letters from `alphabet`.
    pub(crate) fn letters_from(&mut self, n: usize, alphabet: &str) -> String {
        let a: Vec<char> = alphabet.chars().collect();
        (0..n).map(|_| *self.pick(&a)).collect()
    }
    /// `n` random capital letters.
    pub(crate) fn letters(&mut self, n: usize) -> String {
        self.letters_from(n, "ABCDEFGHJKLMNPQRSTUVWXYZ")
    }
}

/// The date the corpus is written against (ages from birth dates).
pub const REFERENCE_DATE: (i32, u32, u32) = (2025, 9, 30);

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ORDINAL_WORDS: [&str; 31] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
    "twenty-second",
    "twenty-third",
    "twenty-fourth",
    "twenty-fifth",
    "twenty-sixth",
    "twenty-seventh",
    "twenty-eighth",
    "twenty-ninth",
    "thirtieth",
    "thirty-first",
];

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A number below 1000 in words ("ninety-two", "one hundred and four").
pub(crate) fn number_words(n: u32) -> String {
    if n >= 100 {
        let rest = n % 100;
        let h = format!("{} hundred", UNITS[(n / 100) as usize]);
        return if rest == 0 {
            h
        } else {
            format!("{h} and {}", number_words(rest))
        };
    }
    if n < 20 {
        return UNITS[n as usize].to_owned();
    }
    let t = TENS[(n / 10) as usize];
    if n.is_multiple_of(10) {
        t.to_owned()
    } else {
        format!("{t}-{}", UNITS[(n % 10) as usize])
    }
}

/// A year in words ("nineteen sixty-one", "twenty twenty-four", "two thousand and five").
pub(crate) fn year_words(y: i32) -> String {
    let y = y as u32;
    if (2000..2010).contains(&y) {
        return if y == 2000 {
            "two thousand".to_owned()
        } else {
            format!("two thousand and {}", UNITS[(y - 2000) as usize])
        };
    }
    let (hi, lo) = (y / 100, y % 100);
    let lo_w = if lo == 0 {
        "hundred".to_owned()
    } else if lo < 10 {
        format!("oh {}", UNITS[lo as usize])
    } else {
        number_words(lo)
    };
    format!("{} {lo_w}", number_words(hi))
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Date {
    pub(crate) y: i32,
    pub(crate) m: u32,
    pub(crate) d: u32,
}

fn days_in(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    pub(crate) fn random(g: &mut Gen, y_lo: i32, y_hi: i32) -> Date {
        let y = g.int(y_lo as u32, y_hi as u32) as i32;
        let m = g.int(1, 12);
        let d = g.int(1, days_in(y, m));
        Date { y, m, d }
    }
    /// A recent date (the encounter), 2023 to the reference date's year.
    pub(crate) fn recent(g: &mut Gen) -> Date {
        let mut d = Date::random(g, 2023, REFERENCE_DATE.0);
        if d.y == REFERENCE_DATE.0 && d.m > REFERENCE_DATE.1 {
            d.m = g.int(1, REFERENCE_DATE.1);
            d.d = d.d.min(days_in(d.y, d.m));
        }
        d
    }
    /// A later date, 1 to 20 days on.
    pub(crate) fn plus_days(self, n: u32) -> Date {
        let mut d = self;
        for _ in 0..n {
            d.d += 1;
            if d.d > days_in(d.y, d.m) {
                d.d = 1;
                d.m += 1;
                if d.m > 12 {
                    d.m = 1;
                    d.y += 1;
                }
            }
        }
        d
    }
    /// The age in whole years on the reference date.
    pub(crate) fn age(self) -> u32 {
        let (ry, rm, rd) = REFERENCE_DATE;
        let mut a = ry - self.y;
        if (rm, rd) < (self.m, self.d) {
            a -= 1;
        }
        a.max(0) as u32
    }
}

/// How a date is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateStyle {
    /// 03/14/2024
    UsSlash,
    /// 3/4/24
    UsShort,
    /// 2024-03-14
    Iso,
    /// 14/03/2024
    DaySlash,
    /// 14.03.2024
    DayDot,
    /// 14 March 2024
    DayMonth,
    /// 14-Mar-2024
    DayMonAbbr,
    /// March 14, 2024
    MonthDay,
    /// the 14th of March 2024
    OrdinalOf,
    /// 20240314 (HL7 DT)
    Hl7,
}

fn ordinal_suffix(d: u32) -> &'static str {
    match (d % 10, d % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    }
}

/// A date as a value; the year is an optional part unless `year_required`
/// (a birth date revealing an age of 90 or more).
pub(crate) fn date_value(d: Date, style: DateStyle, year_required: bool) -> Value {
    let yr = |s: String| {
        if year_required {
            Part::req(s)
        } else {
            Part::opt(s)
        }
    };
    let mon = MONTHS[(d.m - 1) as usize];
    let parts = match style {
        DateStyle::UsSlash => vec![
            Part::req(format!("{:02}/{:02}/", d.m, d.d)),
            yr(d.y.to_string()),
        ],
        DateStyle::UsShort => vec![
            Part::req(format!("{}/{}/", d.m, d.d)),
            yr(format!("{:02}", d.y % 100)),
        ],
        DateStyle::Iso => vec![
            yr(d.y.to_string()),
            Part::req(format!("-{:02}-{:02}", d.m, d.d)),
        ],
        DateStyle::DaySlash => vec![
            Part::req(format!("{:02}/{:02}/", d.d, d.m)),
            yr(d.y.to_string()),
        ],
        DateStyle::DayDot => vec![
            Part::req(format!("{}.{:02}.", d.d, d.m)),
            yr(d.y.to_string()),
        ],
        DateStyle::DayMonth => vec![Part::req(format!("{} {mon} ", d.d)), yr(d.y.to_string())],
        DateStyle::DayMonAbbr => vec![
            Part::req(format!("{:02}-{}-", d.d, &mon[..3])),
            yr(d.y.to_string()),
        ],
        DateStyle::MonthDay => vec![Part::req(format!("{mon} {}, ", d.d)), yr(d.y.to_string())],
        DateStyle::OrdinalOf => vec![
            Part::req(format!("the {}{} of {mon} ", d.d, ordinal_suffix(d.d))),
            yr(d.y.to_string()),
        ],
        DateStyle::Hl7 => vec![
            yr(d.y.to_string()),
            Part::req(format!("{:02}{:02}", d.m, d.d)),
        ],
    };
    Value { parts }
}

/// A date style usual in the US.
pub(crate) fn us_style(g: &mut Gen) -> DateStyle {
    *g.pick(&[
        DateStyle::UsSlash,
        DateStyle::UsShort,
        DateStyle::Iso,
        DateStyle::MonthDay,
        DateStyle::DayMonAbbr,
    ])
}

/// A day-first style (UK, Australia, New Zealand, much of Canada).
pub(crate) fn day_first_style(g: &mut Gen) -> DateStyle {
    *g.pick(&[
        DateStyle::DaySlash,
        DateStyle::DayDot,
        DateStyle::DayMonth,
        DateStyle::DayMonAbbr,
        DateStyle::OrdinalOf,
        DateStyle::Iso,
    ])
}

/// An HL7 timestamp `YYYYMMDDHHMM[SS]`: the time may stay or go.
pub(crate) fn hl7_timestamp(g: &mut Gen, d: Date) -> Value {
    let mut v = date_value(d, DateStyle::Hl7, false);
    let secs = if g.chance(0.5) {
        format!("{:02}", g.int(0, 59))
    } else {
        String::new()
    };
    v.parts.push(Part::opt(format!(
        "{:02}{:02}{secs}",
        g.int(0, 23),
        g.int(0, 59)
    )));
    v
}

/// A FHIR dateTime `2024-03-14T14:15:00-05:00`: the time may stay or go.
pub(crate) fn fhir_datetime(g: &mut Gen, d: Date) -> Value {
    let mut v = date_value(d, DateStyle::Iso, false);
    let tz = g.one(&["-05:00", "-04:00", "+00:00", "Z", "+10:00", "+13:00"]);
    v.parts.push(Part::opt(format!(
        "T{:02}:{:02}:00{tz}",
        g.int(0, 23),
        g.int(0, 59)
    )));
    v
}

/// A spoken date: "March third", "the twelfth of March", "March third,
/// twenty twenty-four" (the year may stay).
pub(crate) fn spoken_date(g: &mut Gen, d: Date, with_year: bool) -> Value {
    let mon = MONTHS[(d.m - 1) as usize];
    let ord = ORDINAL_WORDS[(d.d - 1) as usize];
    let mut parts = if g.chance(0.5) {
        vec![Part::req(format!("{mon} {ord}"))]
    } else {
        vec![Part::req(format!("the {ord} of {mon}"))]
    };
    if with_year {
        parts.push(Part::req(", "));
        parts.push(Part::opt(year_words(d.y)));
    }
    Value { parts }
}

/// A time of day ("14:15", "2:15 PM", "0830").
pub(crate) fn time_of_day(g: &mut Gen) -> String {
    let (h, m) = (g.int(0, 23), g.int(0, 11) * 5);
    match g.below(3) {
        0 => format!("{h:02}:{m:02}"),
        1 => format!(
            "{}:{m:02} {}",
            if h % 12 == 0 { 12 } else { h % 12 },
            if h < 12 { "AM" } else { "PM" }
        ),
        _ => format!("{h:02}{m:02}"),
    }
}

/// The country whose conventions a document follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Country {
    Us,
    Uk,
    Ca,
    Au,
    Nz,
}

impl Country {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Country::Us => "US",
            Country::Uk => "UK",
            Country::Ca => "CA",
            Country::Au => "AU",
            Country::Nz => "NZ",
        }
    }
    pub(crate) fn name(self) -> &'static str {
        match self {
            Country::Us => "United States",
            Country::Uk => "United Kingdom",
            Country::Ca => "Canada",
            Country::Au => "Australia",
            Country::Nz => "New Zealand",
        }
    }
}

/// A phone number: its optional international prefix and the rest.
pub(crate) fn phone(g: &mut Gen, c: Country) -> Value {
    phone_kind(g, c, true)
}

/// A fax number: a landline (never a mobile number).
pub(crate) fn fax(g: &mut Gen, c: Country) -> Value {
    phone_kind(g, c, false)
}

fn phone_kind(g: &mut Gen, c: Country, mobile_ok: bool) -> Value {
    let intl = g.chance(0.35);
    let (cc, body) = match c {
        Country::Us | Country::Ca => {
            let areas: &[&str] = if c == Country::Us {
                &[
                    "216", "614", "406", "828", "253", "218", "570", "806", "423", "541", "518",
                ]
            } else {
                &["416", "514", "780", "604", "204", "902", "613", "647"]
            };
            let a = *g.pick(areas);
            let ex = format!("{}{}", g.int(2, 9), g.digits(2));
            let n = g.digits(4);
            let body = if intl {
                format!("{a} {ex} {n}")
            } else {
                match g.below(4) {
                    0 => format!("({a}) {ex}-{n}"),
                    1 => format!("{a}-{ex}-{n}"),
                    2 => format!("{a}.{ex}.{n}"),
                    _ => format!("{a} {ex} {n}"),
                }
            };
            ("+1 ", body)
        }
        Country::Uk => {
            let body = match g.below(3) {
                0 => format!("20 7{} {}", g.digits(3), g.digits(4)),
                1 => format!("113 {} {}", g.digits(3), g.digits(4)),
                _ if !mobile_ok => format!("161 {} {}", g.digits(3), g.digits(4)),
                _ => format!("7{}{} {}", g.int(4, 9), g.digits(2), g.digits(6)),
            };
            if intl {
                (if g.chance(0.5) { "+44 " } else { "+44 (0)" }, body)
            } else {
                ("", format!("0{body}"))
            }
        }
        Country::Au => {
            let mobile = mobile_ok && g.chance(0.5);
            let body = if mobile {
                format!("4{} {} {}", g.digits(2), g.digits(3), g.digits(3))
            } else {
                format!(
                    "{} {}{} {}",
                    g.one(&["2", "3", "7", "8"]),
                    g.int(5, 9),
                    g.digits(3),
                    g.digits(4)
                )
            };
            if intl {
                ("+61 ", body)
            } else if mobile {
                ("", format!("0{body}"))
            } else {
                let (area, rest) = body.split_at(1);
                ("", format!("(0{area}){rest}"))
            }
        }
        Country::Nz => {
            let mobile = mobile_ok && g.chance(0.5);
            let body = if mobile {
                format!(
                    "2{} {} {}",
                    g.one(&["1", "2", "7"]),
                    g.digits(3),
                    g.digits(4)
                )
            } else {
                format!(
                    "{} {}{} {}",
                    g.one(&["9", "4", "3", "7"]),
                    g.int(2, 9),
                    g.digits(2),
                    g.digits(4)
                )
            };
            if intl {
                ("+64 ", body)
            } else {
                ("", format!("0{body}"))
            }
        }
    };
    let mut parts = Vec::new();
    if intl && !cc.is_empty() {
        parts.push(Part::opt(cc.trim_end().to_owned()));
        if cc.ends_with(' ') {
            parts.push(Part::req(" "));
        }
    }
    parts.push(Part::req(body));
    Value { parts }
}

/// A phone number said digit by digit ("four one two, five five five, oh one eight three").
pub(crate) fn spoken_phone(g: &mut Gen) -> String {
    let groups = [
        format!("{}{}", g.int(2, 9), g.digits(2)),
        format!("{}{}", g.int(2, 9), g.digits(2)),
        g.digits(4),
    ];
    let oh = g.chance(0.6);
    groups
        .iter()
        .map(|grp| {
            grp.chars()
                .map(|c| {
                    let d = c.to_digit(10).unwrap_or(0) as usize;
                    if d == 0 && oh {
                        "oh"
                    } else {
                        UNITS[d]
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Digits said one by one ("one four three two").
pub(crate) fn digits_in_words(s: &str) -> String {
    s.chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| UNITS[d as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A US Social Security number (never 000, 666 or 9xx in the first group).
pub(crate) fn ssn(g: &mut Gen) -> String {
    let mut a = g.int(1, 899);
    if a == 666 {
        a = 667;
    }
    let sep = g.one(&["-", "-", " ", ""]);
    format!("{a:03}{sep}{:02}{sep}{:04}", g.int(1, 99), g.int(1, 9999))
}

/// An NHS number with its modulus-11 check digit, as "943 476 5919".
pub(crate) fn nhs_number(g: &mut Gen) -> String {
    loop {
        let d: Vec<u32> = (0..9)
            .map(|i| if i == 0 { g.int(4, 9) } else { g.int(0, 9) })
            .collect();
        let sum: u32 = d.iter().enumerate().map(|(i, x)| x * (10 - i as u32)).sum();
        let c = 11 - sum % 11;
        let c = if c == 11 { 0 } else { c };
        if c == 10 {
            continue;
        }
        let s: String = d
            .iter()
            .chain(std::iter::once(&c))
            .map(|x| char::from(b'0' + *x as u8))
            .collect();
        return match g.below(3) {
            0 => s,
            1 => format!("{}-{}-{}", &s[..3], &s[3..6], &s[6..]),
            _ => format!("{} {} {}", &s[..3], &s[3..6], &s[6..]),
        };
    }
}

fn luhn_check(digits: &[u32]) -> u32 {
    // The check digit that makes `digits` + check pass Luhn.
    let mut sum = 0;
    for (i, &d) in digits.iter().rev().enumerate() {
        let v = if i % 2 == 0 { d * 2 } else { d };
        sum += if v > 9 { v - 9 } else { v };
    }
    (10 - sum % 10) % 10
}

fn digit_string(d: &[u32]) -> String {
    d.iter().map(|x| char::from(b'0' + *x as u8)).collect()
}

/// An Ontario health number (10 digits, Luhn) with an optional version code.
pub(crate) fn ohip_number(g: &mut Gen) -> String {
    let d: Vec<u32> = (0..9)
        .map(|i| if i == 0 { g.int(1, 9) } else { g.int(0, 9) })
        .collect();
    let c = luhn_check(&d);
    let s = digit_string(&d) + &c.to_string();
    let vc = if g.chance(0.6) {
        format!("{}{}", if g.chance(0.5) { "-" } else { " " }, g.letters(2))
    } else {
        String::new()
    };
    match g.below(2) {
        0 => format!("{}-{}-{}{vc}", &s[..4], &s[4..7], &s[7..]),
        _ => format!("{} {} {}{vc}", &s[..4], &s[4..7], &s[7..]),
    }
}

/// A Medicare Australia card number (check digit, issue number) as "2123 45670 1".
pub(crate) fn medicare_au(g: &mut Gen) -> String {
    let d: Vec<u32> = (0..8)
        .map(|i| if i == 0 { g.int(2, 6) } else { g.int(0, 9) })
        .collect();
    let w = [1, 3, 7, 9, 1, 3, 7, 9];
    let c: u32 = d.iter().zip(w).map(|(a, b)| a * b).sum::<u32>() % 10;
    let s = digit_string(&d);
    let issue = g.int(1, 9);
    if g.chance(0.5) {
        format!("{} {}{c} {issue}", &s[..4], &s[4..])
    } else {
        format!("{s}{c}{issue}")
    }
}

/// A New Zealand NHI number in the AAANNNC format with its check digit.
pub(crate) fn nhi_number(g: &mut Gen) -> String {
    const AL: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    loop {
        let letters = g.letters_from(3, AL);
        let nums: Vec<u32> = (0..3).map(|_| g.int(0, 9)).collect();
        let mut sum = 0;
        for (i, ch) in letters.chars().enumerate() {
            let v = AL.find(ch).unwrap_or(0) as u32 + 1;
            sum += v * (7 - i as u32);
        }
        for (i, n) in nums.iter().enumerate() {
            sum += n * (4 - i as u32);
        }
        let m = sum % 11;
        if m == 0 {
            continue;
        }
        let c = (11 - m) % 10;
        return format!("{letters}{}{c}", digit_string(&nums));
    }
}

/// An NPI: 9 digits and a Luhn check digit over the 80840 prefix.
pub(crate) fn npi(g: &mut Gen) -> String {
    let mut d: Vec<u32> = vec![8, 0, 8, 4, 0];
    d.push(g.int(1, 2));
    for _ in 0..8 {
        d.push(g.int(0, 9));
    }
    let c = luhn_check(&d);
    digit_string(&d[5..]) + &c.to_string()
}

/// A medical record number in one of several house styles.
pub(crate) fn mrn(g: &mut Gen) -> String {
    match g.below(5) {
        0 => g.digits(8),
        1 => format!("{}{}", g.letters(3), g.digits(7)),
        2 => format!("{}-{}-{}", g.digits(2), g.digits(3), g.digits(3)),
        3 => format!("E{}", g.digits(9)),
        _ => g.digits(7),
    }
}

/// A health-plan member ID.
pub(crate) fn member_id(g: &mut Gen) -> String {
    match g.below(4) {
        0 => format!("{}{}", g.letters(3), g.digits(9)),
        1 => format!("{}{} {}", g.letters(1), g.digits(4), g.digits(5)),
        2 => {
            // Medicare Beneficiary Identifier shape.
            let a = "ACDEFGHJKMNPQRTUVWXY";
            format!(
                "{}{}{}-{}{}{}-{}{}{}{}",
                g.int(1, 9),
                g.letters_from(1, a),
                g.letters_from(1, a),
                g.digits(1),
                g.letters_from(1, a),
                g.letters_from(1, a),
                g.digits(1),
                g.letters_from(1, a),
                g.letters_from(1, a),
                g.digits(2)
            )
        }
        _ => format!("{}{}", g.digits(9), g.letters(2)),
    }
}

/// A group number.
pub(crate) fn group_number(g: &mut Gen) -> String {
    match g.below(3) {
        0 => format!("GRP-{}", g.digits(6)),
        1 => format!("{}-{}", g.digits(6), g.digits(2)),
        _ => format!("{}{}", g.letters(2), g.digits(5)),
    }
}

/// A claim number.
pub(crate) fn claim_number(g: &mut Gen) -> String {
    match g.below(3) {
        0 => format!("{}-{}-{}", g.int(2023, 2025), g.digits(4), g.digits(5)),
        1 => format!("CLM{}", g.digits(9)),
        _ => format!("{}{}", g.digits(11), g.letters(1)),
    }
}

/// An account number.
pub(crate) fn account_number(g: &mut Gen) -> String {
    match g.below(3) {
        0 => g.digits(10),
        1 => format!("A{}", g.digits(8)),
        _ => format!("{}-{}", g.digits(4), g.digits(6)),
    }
}

/// A UK postcode such as "LS6 2QB" or "SW1A 1AA".
pub(crate) fn uk_postcode(g: &mut Gen) -> String {
    let inward = format!(
        "{}{}",
        g.int(0, 9),
        g.letters_from(2, "ABDEFGHJLNPQRSTUWXYZ")
    );
    let outward = match g.below(4) {
        0 => format!(
            "{}{}",
            g.one(&["LS", "BS", "NR", "CF", "AB", "EX", "BT", "M"]),
            g.int(1, 29)
        ),
        1 => format!("{}{}", g.one(&["S", "B", "L", "G"]), g.int(1, 40)),
        2 => format!(
            "{}{}{}",
            g.one(&["SW", "EC", "WC", "SE"]),
            g.int(1, 2),
            g.letters_from(1, "ABCEHMNPRVWXY")
        ),
        _ => format!("{}{}", g.one(&["N", "E", "W"]), g.int(1, 22)),
    };
    format!("{outward} {inward}")
}

/// A Canadian postal code such as "M5V 3L9".
pub(crate) fn ca_postcode(g: &mut Gen) -> String {
    let first = g.letters_from(1, "ABCEGHJKLMNPRSTVXY");
    let l = "ABCEGHJKLMNPRSTVWXYZ";
    let sep = if g.chance(0.85) { " " } else { "" };
    format!(
        "{first}{}{}{sep}{}{}{}",
        g.int(0, 9),
        g.letters_from(1, l),
        g.int(0, 9),
        g.letters_from(1, l),
        g.int(0, 9)
    )
}

/// A US ZIP code, sometimes ZIP+4.
pub(crate) fn us_zip(g: &mut Gen) -> String {
    let z = format!("{:05}", g.int(1001, 99950));
    if g.chance(0.25) {
        format!("{z}-{}", g.digits(4))
    } else {
        z
    }
}

/// A postcode for a country.
pub(crate) fn postcode(g: &mut Gen, c: Country) -> String {
    match c {
        Country::Us => us_zip(g),
        Country::Uk => uk_postcode(g),
        Country::Ca => ca_postcode(g),
        Country::Au => g.int(2000, 7999).to_string(),
        Country::Nz => format!("{:04}", g.int(110, 9893)),
    }
}

/// A street address line with a unit or flat designator before or after the number.
pub(crate) fn street_line(g: &mut Gen, c: Country) -> String {
    let lx = lexicon();
    let street = *g.pick(&lx.places[c.code()].street);
    let num = g.int(1, 4999);
    let unit = g.int(1, 40);
    match c {
        Country::Us => match g.below(4) {
            0 => format!("{num} {street}"),
            1 => format!("{num} {street} Apt {unit}{}", g.letters_from(1, "ABCD")),
            2 => format!("{num} {street}, Unit {unit}"),
            _ => format!("PO Box {}", g.int(10, 9999)),
        },
        Country::Uk => match g.below(3) {
            0 => format!("Flat {unit}, {} {street}", num % 200 + 1),
            1 => format!("{} {street}", num % 300 + 1),
            _ => format!(
                "{} {unit}, {} House, {street}",
                g.one(&["Flat", "Apartment"]),
                g.one(&["Kingsley", "Beaumont", "Harcourt", "Alder", "Wycliffe"])
            ),
        },
        Country::Ca => match g.below(3) {
            0 => format!("Apt {unit}{:02}, {num} {street}", g.int(1, 30)),
            1 => format!("{unit}{:02}-{num} {street}", g.int(1, 30)),
            _ => format!("{num} {street}"),
        },
        Country::Au => match g.below(3) {
            0 => format!("Unit {unit}/{} {street}", num % 300 + 1),
            1 => format!("{unit}/{} {street}", num % 300 + 1),
            _ => format!("{} {street}", num % 300 + 1),
        },
        Country::Nz => match g.below(3) {
            0 => format!("{unit}/{} {street}", num % 300 + 1),
            1 => format!("Flat {unit}, {} {street}", num % 300 + 1),
            _ => format!("{} {street}", num % 300 + 1),
        },
    }
}

/// A town of a country.
pub(crate) fn city(g: &mut Gen, c: Country) -> &'static str {
    g.one(&lexicon().places[c.code()].city)
}

/// A state, province or region of a country.
pub(crate) fn region(g: &mut Gen, c: Country) -> &'static str {
    let r = &lexicon().places[c.code()].region;
    if r.is_empty() {
        ""
    } else {
        g.one(r)
    }
}

/// A mail domain usual for a country.
pub(crate) fn mail_domain(g: &mut Gen, c: Country) -> &'static str {
    match c {
        Country::Us => g.one(&[
            "gmail.com",
            "yahoo.com",
            "outlook.com",
            "aol.com",
            "icloud.com",
        ]),
        Country::Uk => g.one(&["btinternet.com", "gmail.com", "yahoo.co.uk", "nhs.net"]),
        Country::Ca => g.one(&["sympatico.ca", "gmail.com", "shaw.ca", "videotron.ca"]),
        Country::Au => g.one(&["bigpond.com", "gmail.com", "optusnet.com.au"]),
        Country::Nz => g.one(&["xtra.co.nz", "gmail.com", "slingshot.co.nz"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits_of(s: &str) -> Vec<u32> {
        s.chars().filter_map(|c| c.to_digit(10)).collect()
    }

    fn luhn_ok(d: &[u32]) -> bool {
        let sum: u32 = d
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &x)| {
                let v = if i % 2 == 1 { x * 2 } else { x };
                if v > 9 {
                    v - 9
                } else {
                    v
                }
            })
            .sum();
        sum.is_multiple_of(10)
    }

    #[test]
    fn check_digits_are_valid() {
        let mut g = Gen::new(11);
        for _ in 0..500 {
            let nhs = digits_of(&nhs_number(&mut g));
            assert_eq!(nhs.len(), 10);
            let sum: u32 = nhs[..9]
                .iter()
                .enumerate()
                .map(|(i, x)| x * (10 - i as u32))
                .sum();
            assert_eq!((11 - sum % 11) % 11, nhs[9]);

            let npi = digits_of(&npi(&mut g));
            assert_eq!(npi.len(), 10);
            let mut full = vec![8, 0, 8, 4, 0];
            full.extend(&npi);
            assert!(luhn_ok(&full));

            let o = ohip_number(&mut g);
            let od = digits_of(&o);
            assert_eq!(od.len(), 10);
            assert!(luhn_ok(&od));

            let m = digits_of(&medicare_au(&mut g));
            assert_eq!(m.len(), 10);
            let w = [1, 3, 7, 9, 1, 3, 7, 9];
            let c: u32 = m[..8].iter().zip(w).map(|(a, b)| a * b).sum::<u32>() % 10;
            assert_eq!(c, m[8]);
            assert!((2..=6).contains(&m[0]));

            let nhi = nhi_number(&mut g);
            assert_eq!(nhi.len(), 7);
            let al = "ABCDEFGHJKLMNPQRSTUVWXYZ";
            let mut sum = 0;
            for (i, ch) in nhi.chars().take(3).enumerate() {
                sum += (al.find(ch).expect("NHI letter") as u32 + 1) * (7 - i as u32);
            }
            let nd = digits_of(&nhi[3..]);
            for (i, n) in nd[..3].iter().enumerate() {
                sum += n * (4 - i as u32);
            }
            assert_ne!(sum % 11, 0);
            assert_eq!((11 - sum % 11) % 10, nd[3]);
        }
    }

    #[test]
    fn known_nhi_check_digit() {
        // ZAC5361 is the NHI example used in the number's own documentation.
        let al = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        let sum: u32 = "ZAC"
            .chars()
            .enumerate()
            .map(|(i, c)| (al.find(c).unwrap_or(0) as u32 + 1) * (7 - i as u32))
            .sum::<u32>()
            + 5 * 4
            + 3 * 3
            + 6 * 2;
        assert_eq!((11 - sum % 11) % 10, 1);
    }

    #[test]
    fn postcodes_have_their_shapes() {
        let mut g = Gen::new(5);
        for _ in 0..300 {
            let uk = uk_postcode(&mut g);
            let (out, inw) = uk.split_once(' ').expect("UK postcode has a space");
            assert!((2..=4).contains(&out.len()) && inw.len() == 3, "{uk}");
            assert!(inw.as_bytes()[0].is_ascii_digit());
            let ca = ca_postcode(&mut g).replace(' ', "");
            let b = ca.as_bytes();
            assert!(
                ca.len() == 6
                    && b[0].is_ascii_uppercase()
                    && b[1].is_ascii_digit()
                    && b[5].is_ascii_digit(),
                "{ca}"
            );
            let au = postcode(&mut g, Country::Au);
            assert!(au.len() == 4 && au.chars().all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn words_for_numbers_years_and_dates() {
        assert_eq!(number_words(92), "ninety-two");
        assert_eq!(number_words(104), "one hundred and four");
        assert_eq!(number_words(40), "forty");
        assert_eq!(year_words(1961), "nineteen sixty-one");
        assert_eq!(year_words(2005), "two thousand and five");
        assert_eq!(year_words(2024), "twenty twenty-four");
        assert_eq!(year_words(1905), "nineteen oh five");
        assert_eq!(digits_in_words("1402"), "one four zero two");
        let d = Date {
            y: 2024,
            m: 3,
            d: 3,
        };
        let v = date_value(d, DateStyle::OrdinalOf, false);
        assert_eq!(v.text(), "the 3rd of March 2024");
        assert!(v
            .parts
            .last()
            .is_some_and(|p| p.optional && p.text == "2024"));
        let old = date_value(
            Date {
                y: 1929,
                m: 1,
                d: 2,
            },
            DateStyle::Iso,
            true,
        );
        assert!(old.parts.iter().all(|p| !p.optional));
        assert_eq!(
            Date {
                y: 1935,
                m: 10,
                d: 1
            }
            .age(),
            89
        );
        assert_eq!(
            Date {
                y: 1935,
                m: 9,
                d: 30
            }
            .age(),
            90
        );
        assert_eq!(
            Date {
                y: 2024,
                m: 12,
                d: 31
            }
            .plus_days(1),
            Date {
                y: 2025,
                m: 1,
                d: 1
            }
        );
    }
}
