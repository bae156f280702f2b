//! Identifiers said aloud, as transcripts of visits and calls write them:
//!
//! * phone numbers read digit by digit ("five five one, two eight one, five
//!   seven nine three", "oh", "twenty-three" as two digits);
//! * e-mail addresses ("ana.lee47 at icloud dot com");
//! * dates in words ("the fifth of February", "March third, 2024");
//! * ages in words ("ninety-two years old"), with their value, so the
//!   Safe Harbor scope keeps those under 90 and masks the rest;
//! * house numbers read out before a street ("nine three one six Harbor
//!   View Terrace", "twelve Elm Street").
//!
//! The number words, month names and top-level domains are data
//! (`data/spoken/`), not code.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, Entity, Error, Facts, Recognizer, Span};
use regex::Regex;

/// The recognizer's id.
pub const SPOKEN_ID: &str = "spoken_forms";

const NUMBERS: &str = include_str!("../data/spoken/numbers.tsv");
const MONTHS: &str = include_str!("../data/spoken/months.txt");
const TLDS: &str = include_str!("../data/spoken/tlds.txt");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Digit,
    Teen,
    Tens,
    Ordinal,
    TensOrdinal,
}

/// The number words, by word.
#[derive(Debug)]
struct Words {
    numbers: HashMap<&'static str, (Kind, u32)>,
}

fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Words {
    fn get() -> &'static Words {
        static W: OnceLock<Words> = OnceLock::new();
        W.get_or_init(|| {
            let mut numbers = HashMap::new();
            for line in data_lines(NUMBERS) {
                let mut f = line.split('\t');
                let (Some(w), Some(k), Some(v)) = (f.next(), f.next(), f.next()) else {
                    continue;
                };
                let kind = match k {
                    "digit" => Kind::Digit,
                    "teen" => Kind::Teen,
                    "tens" => Kind::Tens,
                    "ordinal" => Kind::Ordinal,
                    "tens_ordinal" => Kind::TensOrdinal,
                    _ => continue,
                };
                if let Ok(v) = v.parse() {
                    numbers.insert(w, (kind, v));
                }
            }
            Words { numbers }
        })
    }

    fn of(&self, kind: Kind) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = self
            .numbers
            .iter()
            .filter(|(_, (k, _))| *k == kind)
            .map(|(w, _)| *w)
            .collect();
        // Longest first, so alternations prefer "nineteen" to "nine".
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        v
    }

    fn lookup(&self, w: &str) -> Option<(Kind, u32)> {
        self.numbers.get(w.to_ascii_lowercase().as_str()).copied()
    }

    /// How many digits a spoken run stands for, reading "twenty-three" and
    /// "fifteen" as two.
    fn digit_count(&self, run: &str) -> usize {
        run.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .fold((0, false), |(n, after_tens), w| match self.lookup(w) {
                Some((Kind::Digit, _)) if after_tens => (n, false),
                Some((Kind::Digit, _)) => (n + 1, false),
                Some((Kind::Teen, _)) => (n + 2, false),
                Some((Kind::Tens, _)) => (n + 2, true),
                _ => (n, false),
            })
            .0
    }

    /// The value of "ninety-two", "seventy", "one hundred and one".
    fn cardinal(&self, s: &str) -> Option<u32> {
        let mut total = 0;
        let mut any = false;
        for w in s
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("and"))
        {
            if w.eq_ignore_ascii_case("hundred") {
                total = total.max(1) * 100;
                continue;
            }
            let (kind, v) = self.lookup(w)?;
            if matches!(kind, Kind::Ordinal | Kind::TensOrdinal) {
                return None;
            }
            total += v;
            any = true;
        }
        any.then_some(total)
    }
}

fn alt(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

/// Finds identifiers said aloud; see the module documentation.
#[derive(Debug)]
pub struct SpokenRecognizer {
    phone: Regex,
    email: Regex,
    date: Regex,
    age: Regex,
    house: Regex,
}

impl SpokenRecognizer {
    /// Builds the recognizer from its data.
    ///
    /// # Errors
    /// When a built-in pattern fails to compile (a bug).
    pub fn new() -> Result<SpokenRecognizer, Error> {
        let w = Words::get();
        let digit = alt(&w.of(Kind::Digit));
        let teen = alt(&w.of(Kind::Teen));
        let tens = alt(&w.of(Kind::Tens));
        let mut ordinals = w.of(Kind::Ordinal);
        ordinals.extend(w.of(Kind::TensOrdinal));
        let ordinal = alt(&ordinals);
        let months: Vec<&str> = data_lines(MONTHS).collect();
        let month = alt(&months);
        let tlds: Vec<&str> = data_lines(TLDS).collect();
        let tld = alt(&tlds);
        let b = r"(?-u:\b)";
        // A group of a phone number: a digit, a teen, or tens with an
        // optional digit ("twenty-three").
        let group = format!(r"(?:(?:{tens})(?:[- ](?:{digit}))?|{teen}|{digit})");
        let phone = format!(r"(?i){b}{group}(?:[ \t]*[,\-.]?[ \t]+{group}){{3,14}}{b}");
        let email = format!(
            r"(?i){b}[a-z0-9][a-z0-9._\-]*(?:[ \t]+(?:dot|underscore|dash)[ \t]+[a-z0-9]+)*[ \t]+at[ \t]+[a-z0-9][a-z0-9\-]*(?:[ \t]+dot[ \t]+[a-z0-9\-]+)*[ \t]+dot[ \t]+(?:{tld}){b}"
        );
        let ord = format!(r"(?:(?:{tens})[- ](?:{ordinal})|{ordinal}|[0-9]{{1,2}}(?:st|nd|rd|th))");
        let year = format!(
            r"(?:[0-9]{{4}}|(?:nineteen|twenty)[ \-](?:(?:{tens})(?:[- ](?:{digit}))?|{teen}|hundred|oh[ \-](?:{digit}))|two[ \-]thousand(?:[ \-](?:and[ \-])?(?:(?:{tens})(?:[- ](?:{digit}))?|{teen}|{digit}))?)"
        );
        let date = format!(
            r"(?i){b}(?:(?:the[ \t]+)?{ord}[ \t]+of[ \t]+(?:{month})|(?:{month})[ \t]+(?:the[ \t]+)?{ord})(?:,?[ \t]+{year})?{b}"
        );
        let age = format!(
            r"(?i){b}(?P<n>(?:one[ \-]hundred(?:[ \-](?:and[ \-])?(?:(?:{tens})(?:[ \-](?:{digit}))?|{teen}|{digit}))?)|(?:{tens})(?:[ \-](?:{digit}))?|{teen}|{digit})[ \-](?:years?|yrs?)[ \-]old{b}"
        );
        // A house number in words, then a capitalised street name ending in
        // a street type.
        let suffixes = crate::locations::address::SUFFIXES;
        let house = format!(
            r"(?i:{b}(?:{group})(?:[ \t\-]+(?:{group})){{0,5}})[ \t]+(?:\p{{Lu}}[\p{{L}}'’\-]*[ \t]+){{1,4}}(?:{suffixes}){b}\.?"
        );
        let re = |s: &str| {
            regex::RegexBuilder::new(s)
                .size_limit(32 << 20)
                .build()
                .map_err(|e| Error::policy(format!("spoken pattern: {e}")))
        };
        Ok(SpokenRecognizer {
            phone: re(&phone)?,
            email: re(&email)?,
            date: re(&date)?,
            age: re(&age)?,
            house: re(&house)?,
        })
    }
}

impl Recognizer for SpokenRecognizer {
    fn id(&self) -> &str {
        SPOKEN_ID
    }

    fn entities(&self) -> &[Entity] {
        &[
            Entity::PhoneNumber,
            Entity::EmailAddress,
            Entity::DateTime,
            Entity::Age,
            Entity::StreetAddress,
        ]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        let w = Words::get();
        for m in self.phone.find_iter(text) {
            let n = w.digit_count(m.as_str());
            if (7..=15).contains(&n) {
                out.push(
                    Candidate::new(Span::new(m.start(), m.end()), Entity::PhoneNumber, 0.85)
                        .with_pattern("digits_in_words"),
                );
            }
        }
        for m in self.email.find_iter(text) {
            out.push(
                Candidate::new(Span::new(m.start(), m.end()), Entity::EmailAddress, 0.9)
                    .with_pattern("email_said_aloud"),
            );
        }
        for m in self.date.find_iter(text) {
            out.push(
                Candidate::new(Span::new(m.start(), m.end()), Entity::DateTime, 0.85)
                    .with_pattern("date_in_words"),
            );
        }
        for m in self.house.find_iter(text) {
            out.push(
                Candidate::new(Span::new(m.start(), m.end()), Entity::StreetAddress, 0.85)
                    .with_pattern("house_number_in_words"),
            );
        }
        for caps in self.age.captures_iter(text) {
            let (Some(all), Some(n)) = (caps.get(0), caps.name("n")) else {
                continue;
            };
            let Some(years) = w.cardinal(n.as_str()) else {
                continue;
            };
            let mut c = Candidate::new(Span::new(all.start(), all.end()), Entity::Age, 0.85)
                .with_pattern("age_in_words");
            c.facts = Facts::Age { years };
            out.push(c);
        }
        Ok(())
    }
}

/// The recognizers of this family.
///
/// # Errors
/// When a built-in pattern fails to compile (a bug).
pub fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    Ok(vec![Arc::new(SpokenRecognizer::new()?)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{analyzer_over, detections};

    fn found(text: &str) -> Vec<(Entity, String)> {
        let a = analyzer_over(recognizers().expect("builds"), &[]);
        detections(&a, text)
    }

    #[test]
    fn phone_numbers_digit_by_digit() {
        let got = found("my number is five five one, two eight one, five seven nine three ok");
        assert_eq!(
            got,
            [(
                Entity::PhoneNumber,
                "five five one, two eight one, five seven nine three".to_string()
            )]
        );
        let got = found("call nine one four six five six thirty-five oh five");
        assert_eq!(got.len(), 1, "{got:?}");
        // Too few digits for a phone number.
        assert!(found("one two three four five").is_empty());
    }

    #[test]
    fn emails_said_aloud() {
        let got = found("it's isubramaniam47 at icloud dot com. thanks");
        assert_eq!(
            got,
            [(
                Entity::EmailAddress,
                "isubramaniam47 at icloud dot com".to_string()
            )]
        );
        let got = found("ana dot lee at nhs dot net");
        assert_eq!(got[0].1, "ana dot lee at nhs dot net");
        // Not an address without a domain ending.
        assert!(found("meet me at home dot").is_empty());
    }

    #[test]
    fn dates_in_words() {
        for (t, want) in [
            (
                "we spoke on the fifth of February, I think",
                "the fifth of February",
            ),
            ("book for March twenty-third", "March twenty-third"),
            ("seen June 3rd, 2024 here", "June 3rd, 2024"),
            (
                "the first of may, nineteen sixty-one",
                "the first of may, nineteen sixty-one",
            ),
        ] {
            let got = found(t);
            assert_eq!(got, [(Entity::DateTime, want.to_string())], "{t}");
        }
        assert!(found("the first of many").is_empty());
    }

    #[test]
    fn ages_in_words_keep_under_ninety() {
        let got = found("she is ninety-two years old and her sister is sixty-one years old");
        assert_eq!(got, [(Entity::Age, "ninety-two years old".to_string())]);
        let got = found("he is one hundred and one years old");
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn house_numbers_in_words_before_a_street() {
        let got = found("I moved to nine three one six Harbor View Terrace in Duluth.");
        assert_eq!(
            got,
            [(
                Entity::StreetAddress,
                "nine three one six Harbor View Terrace".to_string()
            )]
        );
        let got = found("we live at twelve Elm Street now");
        assert_eq!(
            got,
            [(Entity::StreetAddress, "twelve Elm Street".to_string())]
        );
        // A count before a capitalised phrase without a street type stays.
        assert!(found("she has two Boston Terriers").is_empty());
        assert!(found("took three Tylenol").is_empty());
    }
}
