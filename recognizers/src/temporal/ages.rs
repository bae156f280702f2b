//! Ages: "92-year-old", "92 y/o", "age 95", "aged 101", "92M", "92/F",
//! "ninety-two-year-old", "in her 90s", "nonagenarian".
//!
//! Every age is reported as an `AGE` candidate with `Facts::Age { years }`;
//! the Safe Harbor scope keeps ages under 90, so only the others are
//! masked. The span is the number itself ("92" in "92-year-old", the words
//! "ninety-two" in "ninety-two-year-old", "90s" in "in her 90s") or the
//! whole word for "nonagenarian". Durations ("x 3 years", "for 92 days")
//! and doses ("90 mg") are not ages: every pattern needs an age marker.

use regex::Regex;

use super::lex::{glued_before, words_after, words_before};
use super::Hit;

/// Spelled-out numbers up to 199, as a regex fragment.
/// People an age is said of: kin and carers ("my mother, 93,").
const KIN: &str = "mother|father|mom|dad|husband|wife|spouse|partner|son|daughter|brother|sister|grandmother|grandfather|grandma|grandpa|aunt|uncle|cousin|friend|neighbor|neighbour|boyfriend|girlfriend|fianc[eé]e?|widow|widower|patient|pt|sibling|child|parent|stepmother|stepfather";

/// A subject and its verb before a bare age: "she is", "he was now",
/// "my mother is also", "I'm", "she's".
const SUBJECT_IS: &str = r"(?:(?:he|she|client|resident|\)|mother|father|mom|dad|husband|wife|spouse|partner|son|daughter|brother|sister|grandmother|grandfather|grandma|grandpa|aunt|uncle|cousin|friend|neighbor|neighbour|boyfriend|girlfriend|fianc[eé]e?|widow|widower|patient|pt|sibling|child|parent|stepmother|stepfather)\s+(?:is|was)|i['’]m|i\s+am|he['’]s|she['’]s)(?:\s+(?:also|now|still|only|almost|nearly|just))?";

const SPELLED: &str = r"(?:(?:one\s+|a\s+)?hundred(?:\s+and)?(?:[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine))?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)";

/// The compiled age scanners.
#[derive(Debug)]
pub(crate) struct AgePatterns {
    year_old: Regex,
    yo: Regex,
    labelled: Regex,
    sex: Regex,
    spelled: Regex,
    decade: Regex,
    genarian: Regex,
    turns: Regex,
    is_years: Regex,
    appositive: Regex,
    after_year: Regex,
    apposed_years: Regex,
}

fn re(src: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(src)
        .size_limit(32 << 20)
        .dfa_size_limit(32 << 20)
        .build()
}

impl AgePatterns {
    pub(crate) fn new() -> Result<AgePatterns, regex::Error> {
        let b = r"(?-u:\b)";
        Ok(AgePatterns {
            year_old: re(&format!(
                r"(?i){b}(?P<n>[0-9]{{1,3}})\s*[-–‑]?\s*(?P<u>years?|yrs?|y|months?|mos?|weeks?|wks?|days?)\.?\s*[-–‑]?\s*old{b}"
            ))?,
            yo: re(&format!(
                r"(?i){b}(?P<n>[0-9]{{1,3}})\s*[-–]?\s*(?:y\.\s?o\.?|y/o|yo|yoa|y\s?r?s?\.?\s+of\s+age|years?\s+of\s+age)(?:{b}|$|[^a-z0-9])"
            ))?,
            labelled: re(&format!(
                r"(?i){b}(?:age[ds]?|aged)(?:\s*[:=]\s*|\s+(?:of\s+|is\s+|was\s+|at\s+|now\s+)?)(?:about\s+|approximately\s+|approx\.?\s+|~\s*)?(?P<n>[0-9]{{1,3}})(?:\s*(?:yrs?|yo|y))?{b}"
            ))?,
            sex: re(&format!(
                r"{b}(?P<n>[0-9]{{1,3}})(?:\s?(?P<g>M|F)|\s*(?P<g3>(?i:female|male|woman|man|gentleman|lady|boy|girl))|\s+(?P<g4>f|m)|\s*/\s*(?P<g2>M|F|[Mm]ale|[Ff]emale)){b}"
            ))?,
            spelled: re(&format!(
                r"(?i){b}(?:(?P<n>{SPELLED})[\s-]+(?:years?|yrs?)[\s-]+old|(?P<n2>{SPELLED})\s+years?\s+of\s+age|aged\s+(?P<n3>{SPELLED})|(?:turn(?:s|ed|ing)?|{SUBJECT_IS}|died\s+at|passed\s+away\s+at)\s+(?P<n4>{SPELLED})){b}"
            ))?,
            decade: re(&format!(
                r"(?i){b}in\s+(?:her|his|their|the\s+patient['’]s|my|your|one['’]s)\s+(?:(?:early|mid|late)(?:\s+|-))?(?P<d>[1-9]0['’]?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|hundreds){b}"
            ))?,
            genarian: re(&format!(
                r"(?i){b}(?:super)?(?:centenarian|nonagenarian|octogenarian|septuagenarian|sexagenarian)s?{b}"
            ))?,
            turns: re(&format!(
                r"(?i){b}(?:turn(?:s|ed|ing)?|{SUBJECT_IS}|died\s+at|passed\s+away\s+at)\s+(?P<n>[0-9]{{2,3}}){b}"
            ))?,
            is_years: re(&format!(
                r"(?i){b}(?:is|was|am|are|now|patient|pt|aged?)\s+(?:a\s+|an\s+)?(?P<n>[0-9]{{1,3}})\s*-?\s*(?:years?|yrs?|yr|y)\.?(?:{b}|$)"
            ))?,
            appositive: re(&format!(
                r"(?:(?i:{b}(?:{KIN}))|{b}(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][A-Za-z'’-]+|{b}[A-Z][a-z'’-]+\s+[A-Z][A-Za-z'’-]+)\s*(?:,\s*(?P<n>[0-9]{{2,3}})\s*,|\(\s*(?P<p>[0-9]{{2,3}})\s*\))"
            ))?,
            after_year: re(&format!(
                r"(?:{b}(?:1[89]|20)[0-9]{{2}}|[0-9][/.-][0-9]{{2}}){b}\s*(?:\|\s*|\(\s*|,\s*)(?P<n>[0-9]{{1,3}})\s*(?:\||\)|,?\s*(?i:y\.\s?o\.?|y/?o|yrs?|years?|female|male|woman|man|F|M){b})"
            ))?,
            apposed_years: re(&format!(
                r"(?:,|\(|:)\s*(?P<n>[0-9]{{1,3}})\s*(?:-\s*)?(?i:yrs?|years?|y){b}\.?\s*(?:,|\)|;|(?i:old|of\s+age|female|male|woman|man|[MF]){b})"
            ))?,
        })
    }

    /// Appends the ages found in `text` to `out`.
    pub(crate) fn scan(&self, text: &str, out: &mut Vec<Hit>) {
        for c in self.year_old.captures_iter(text) {
            let (Some(n), Some(u)) = (c.name("n"), c.name("u")) else {
                continue;
            };
            if glued_before(text, n.start()) {
                continue;
            }
            let Ok(v) = n.as_str().parse::<u32>() else {
                continue;
            };
            let years = if u.as_str().to_ascii_lowercase().starts_with('y') {
                v
            } else {
                0
            };
            if years > 125 {
                continue;
            }
            out.push(Hit::age(n.start(), n.end(), years, 0.95, "age_year_old"));
        }
        for c in self.yo.captures_iter(text) {
            let Some(n) = c.name("n") else { continue };
            if glued_before(text, n.start()) {
                continue;
            }
            let Ok(years) = n.as_str().parse::<u32>() else {
                continue;
            };
            if years > 125 {
                continue;
            }
            out.push(Hit::age(n.start(), n.end(), years, 0.95, "age_yo"));
        }
        for c in self.labelled.captures_iter(text) {
            let Some(n) = c.name("n") else { continue };
            let Ok(years) = n.as_str().parse::<u32>() else {
                continue;
            };
            if years > 125 || unit_follows(text, n.end()) {
                continue;
            }
            // "age 3 weeks", "aged 6 months": an infant.
            let next = words_after(text, n.end(), 1);
            let years = match next.first().map(String::as_str) {
                Some(
                    "months" | "month" | "mos" | "mo" | "weeks" | "week" | "wks" | "days" | "day",
                ) => 0,
                _ => years,
            };
            out.push(Hit::age(n.start(), n.end(), years, 0.9, "age_labelled"));
        }
        for c in self.sex.captures_iter(text) {
            let Some(n) = c.name("n") else { continue };
            let Ok(years) = n.as_str().parse::<u32>() else {
                continue;
            };
            if !(1..=125).contains(&years) || glued_before(text, n.start()) {
                continue;
            }
            if !sex_marker_plausible(text, n.start(), c.name("g2").is_some()) {
                continue;
            }
            out.push(Hit::age(n.start(), n.end(), years, 0.8, "age_sex"));
        }
        for c in self.spelled.captures_iter(text) {
            let Some(n) = c.name("n").or(c.name("n2")).or(c.name("n3")) else {
                if let Some(n) = c.name("n4") {
                    // "she is ninety-two." but not "she is two hours late";
                    // a spelled number of 90 or more after "is" is an age
                    // wherever the clause goes on ("is ninety-one and
                    // lives alone"): recall first for ages Safe Harbor masks.
                    let ends_clause = text[n.end()..]
                        .chars()
                        .next()
                        .is_none_or(|c| matches!(c, '.' | ',' | ';' | ')' | '\n' | '!' | '?'));
                    if let Some(years) = parse_spelled(n.as_str()) {
                        if years >= 10 && (ends_clause || years >= 90) {
                            out.push(Hit::age(n.start(), n.end(), years, 0.8, "age_spelled"));
                        }
                    }
                }
                continue;
            };
            let Some(years) = parse_spelled(n.as_str()) else {
                continue;
            };
            out.push(Hit::age(n.start(), n.end(), years, 0.95, "age_spelled"));
        }
        for c in self.decade.captures_iter(text) {
            let Some(d) = c.name("d") else { continue };
            let Some(years) = decade_value(d.as_str()) else {
                continue;
            };
            out.push(Hit::age(d.start(), d.end(), years, 0.85, "age_decade"));
        }
        for c in self.turns.captures_iter(text) {
            let Some(n) = c.name("n") else { continue };
            let Ok(years) = n.as_str().parse::<u32>() else {
                continue;
            };
            let ends_clause = text[n.end()..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '.' | ',' | ';' | ')' | '\n' | '\r' | '!' | '?'));
            let next = words_after(text, n.end(), 1);
            let counted = !ends_clause
                && next.first().is_some_and(|w| {
                    !matches!(
                        w.as_str(),
                        "on" | "in"
                            | "of"
                            | "from"
                            | "after"
                            | "due"
                            | "following"
                            | "yo"
                            | "yrs"
                            | "and"
                            | "next"
                            | "this"
                            | "today"
                            | "tomorrow"
                            | "soon"
                            | "years"
                            | "when"
                            | "at"
                            | "but"
                            | "with"
                            | "so"
                            | "last"
                            | "she"
                            | "he"
                            | "now"
                            | "already"
                            | "too"
                            | "or"
                    )
                });
            if years > 125 || unit_follows(text, n.end()) || counted {
                continue;
            }
            out.push(Hit::age(n.start(), n.end(), years, 0.8, "age_turns"));
        }
        for c in self.is_years.captures_iter(text) {
            let (Some(all), Some(n)) = (c.get(0), c.name("n")) else {
                continue;
            };
            let Ok(years) = n.as_str().parse::<u32>() else {
                continue;
            };
            // "was 3 years sober", "is 2 years post-op", "was 5 yrs ago".
            let next = words_after(text, all.end(), 1);
            let duration = next.first().is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "ago"
                        | "sober"
                        | "clean"
                        | "post"
                        | "out"
                        | "since"
                        | "later"
                        | "prior"
                        | "of"
                        | "into"
                        | "after"
                        | "before"
                        | "earlier"
                        | "older"
                        | "younger"
                        | "abstinent"
                        | "status"
                        | "in"
                        | "remission"
                        | "free"
                        | "smoke"
                )
            });
            if years > 125 || duration {
                continue;
            }
            out.push(Hit::age(n.start(), n.end(), years, 0.85, "age_is_years"));
        }
        for c in self.appositive.captures_iter(text) {
            let Some(n) = c.name("n").or(c.name("p")) else {
                continue;
            };
            let Ok(years) = n.as_str().parse::<u32>() else {
                continue;
            };
            if !(18..=125).contains(&years) {
                continue;
            }
            out.push(Hit::age(n.start(), n.end(), years, 0.75, "age_appositive"));
        }
        for c in self.after_year.captures_iter(text) {
            let Some(n) = c.name("n") else { continue };
            let Ok(years) = n.as_str().parse::<u32>() else {
                continue;
            };
            if years > 125 {
                continue;
            }
            out.push(Hit::age(n.start(), n.end(), years, 0.75, "age_after_date"));
        }
        for c in self.apposed_years.captures_iter(text) {
            let Some(n) = c.name("n") else { continue };
            let Ok(years) = n.as_str().parse::<u32>() else {
                continue;
            };
            let before = words_before(text, n.start(), 2, true);
            let duration_label = before.first().is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "for"
                        | "x"
                        | "duration"
                        | "sober"
                        | "smoking"
                        | "smoked"
                        | "history"
                        | "hx"
                        | "since"
                        | "ago"
                        | "over"
                        | "past"
                        | "last"
                        | "onset"
                        | "abstinent"
                )
            });
            if years > 125 || duration_label {
                continue;
            }
            out.push(Hit::age(
                n.start(),
                n.end(),
                years,
                0.8,
                "age_apposed_years",
            ));
        }
        for m in self.genarian.find_iter(text) {
            let w = m.as_str().to_ascii_lowercase();
            let years = if w.starts_with("supercentenarian") {
                110
            } else if w.starts_with("centenarian") {
                100
            } else if w.starts_with("nonagenarian") {
                90
            } else if w.starts_with("octogenarian") {
                80
            } else if w.starts_with("septuagenarian") {
                70
            } else {
                60
            };
            out.push(Hit::age(m.start(), m.end(), years, 0.9, "age_genarian"));
        }
    }
}

/// True when a unit or a numeric continuation follows an "age N" number
/// ("age 5 mg" is nonsense, but "ages 2-5" and "age 3.5" are not ages we
/// can read).
fn unit_follows(text: &str, at: usize) -> bool {
    let mut it = text[at..].chars();
    match (it.next(), it.next()) {
        (Some('.' | ',' | '/'), Some(c)) if c.is_ascii_digit() => return true,
        (Some('%'), _) => return true,
        _ => {}
    }
    words_after(text, at, 1).first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "mg" | "mcg" | "ml" | "kg" | "g" | "units" | "percent"
        )
    })
}

/// "92M", "92 F", "92/F" are ages when they start a note, a line or a
/// clause, or follow an article or "patient", and no temperature or
/// catheter reading explains them ("T 101 F", "16 F Foley").
fn sex_marker_plausible(text: &str, at: usize, slash: bool) -> bool {
    let before = words_before(text, at, 3, true);
    if before.iter().any(|w| {
        matches!(
            w.as_str(),
            "t" | "temp"
                | "temperature"
                | "tmax"
                | "tm"
                | "fever"
                | "febrile"
                | "afebrile"
                | "oral"
                | "rectal"
                | "axillary"
                | "tympanic"
                | "degrees"
        )
    }) {
        return false;
    }
    let after = words_after(text, at, 3);
    if after.iter().take(2).any(|w| {
        matches!(
            w.as_str(),
            "foley"
                | "catheter"
                | "french"
                | "fr"
                | "sheath"
                | "cannula"
                | "ngt"
                | "tube"
                | "degrees"
        )
    }) {
        return false;
    }
    if slash {
        return true;
    }
    // What precedes the number on its line, ignoring spaces.
    let mut lo = at.saturating_sub(64);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let line_start = text[lo..at].rfind('\n').map_or(lo, |i| lo + i + 1);
    let prefix = text[line_start..at].trim_end();
    if prefix.is_empty() {
        return true;
    }
    if prefix.ends_with([':', '(', ',', ';', '-', '–', '|', '[', '.']) {
        return true;
    }
    before.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "a" | "an"
                | "is"
                | "was"
                | "pt"
                | "patient"
                | "this"
                | "hpi"
                | "cc"
                | "id"
                | "age"
                | "sex"
                | "gender"
        )
    })
}

/// The value of a spelled-out number ("ninety-two", "one hundred and one").
pub(crate) fn parse_spelled(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut seen = false;
    for w in s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
    {
        let w = w.to_ascii_lowercase();
        let v = match w.as_str() {
            "and" => continue,
            "a" => 1,
            "hundred" => {
                total = total.max(1) * 100;
                seen = true;
                continue;
            }
            "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            _ => return None,
        };
        total += v;
        seen = true;
    }
    seen.then_some(total)
}

fn decade_value(d: &str) -> Option<u32> {
    let l = d.to_ascii_lowercase();
    let digits: String = l.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    Some(match l.as_str() {
        "twenties" => 20,
        "thirties" => 30,
        "forties" => 40,
        "fifties" => 50,
        "sixties" => 60,
        "seventies" => 70,
        "eighties" => 80,
        "nineties" => 90,
        "hundreds" => 100,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelled_numbers() {
        assert_eq!(parse_spelled("ninety-two"), Some(92));
        assert_eq!(parse_spelled("ninety two"), Some(92));
        assert_eq!(parse_spelled("one hundred and one"), Some(101));
        assert_eq!(parse_spelled("a hundred"), Some(100));
        assert_eq!(parse_spelled("hundred nineteen"), Some(119));
        assert_eq!(parse_spelled("thirty-four"), Some(34));
        assert_eq!(parse_spelled("eleventy"), None);
    }

    #[test]
    fn decades() {
        assert_eq!(decade_value("90s"), Some(90));
        assert_eq!(decade_value("90's"), Some(90));
        assert_eq!(decade_value("nineties"), Some(90));
        assert_eq!(decade_value("forties"), Some(40));
    }
}
