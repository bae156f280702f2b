//! Small lexical helpers for the temporal scanners: the words around a
//! match, the characters next to it, and the label and unit vocabularies
//! that decide whether a number is a date, a year, an age or neither.
//!
//! Every look-around here is bounded (a fixed number of bytes or words), so
//! the scanners stay linear in the input length.

/// How far (in bytes) the word helpers look before or after a match.
const REACH: usize = 96;

/// The character just before byte `at`, if any.
pub(crate) fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// The character at byte `at`, if any.
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// The two characters just before byte `at` (nearest first).
pub(crate) fn two_before(text: &str, at: usize) -> (Option<char>, Option<char>) {
    let mut it = text[..at].chars().rev();
    (it.next(), it.next())
}

/// The two characters starting at byte `at`.
pub(crate) fn two_at(text: &str, at: usize) -> (Option<char>, Option<char>) {
    let mut it = text[at..].chars();
    (it.next(), it.next())
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// True for the characters that make up the words these helpers return.
fn is_tok(c: char) -> bool {
    c.is_alphanumeric()
}

/// Up to `n` lower-cased words (alphanumeric runs) ending before `at`,
/// nearest first. A line break stops the search when `same_line` is set.
pub(crate) fn words_before(text: &str, at: usize, n: usize, same_line: bool) -> Vec<String> {
    let lo = floor_boundary(text, at.saturating_sub(REACH));
    let mut out = Vec::with_capacity(n);
    let mut cur: Vec<char> = Vec::new();
    for c in text[lo..at].chars().rev() {
        if is_tok(c) {
            cur.push(c);
            continue;
        }
        if !cur.is_empty() {
            out.push(cur.iter().rev().flat_map(|c| c.to_lowercase()).collect());
            cur.clear();
            if out.len() == n {
                return out;
            }
        }
        if same_line && c == '\n' {
            return out;
        }
    }
    if !cur.is_empty() && out.len() < n && lo == 0 {
        out.push(cur.iter().rev().flat_map(|c| c.to_lowercase()).collect());
    }
    out
}

/// Up to `n` lower-cased words starting after `at`, nearest first, on the
/// same line.
pub(crate) fn words_after(text: &str, at: usize, n: usize) -> Vec<String> {
    let hi = ceil_boundary(text, (at + REACH).min(text.len()));
    let mut out = Vec::with_capacity(n);
    let mut cur = String::new();
    for c in text[at..hi].chars() {
        if is_tok(c) {
            cur.extend(c.to_lowercase());
            continue;
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
            if out.len() == n {
                return out;
            }
        }
        if c == '\n' {
            return out;
        }
    }
    if !cur.is_empty() && out.len() < n && hi == text.len() {
        out.push(cur);
    }
    out
}

/// The text between the previous line break (or at most `REACH` bytes) and
/// `at`, lower-cased.
pub(crate) fn line_before(text: &str, at: usize) -> String {
    let lo = floor_boundary(text, at.saturating_sub(REACH));
    let s = &text[lo..at];
    let s = match s.rfind('\n') {
        Some(i) => &s[i + 1..],
        None => s,
    };
    s.to_lowercase()
}

/// True when the number starting at `at` is glued to something before it:
/// a digit or letter, a slash, or `-`, `.`, `:`, `,` after a digit.
pub(crate) fn glued_before(text: &str, at: usize) -> bool {
    let (b1, b2) = two_before(text, at);
    match b1 {
        Some(c) if c.is_ascii_digit() || c.is_alphabetic() => true,
        Some('/') => true,
        Some('-' | '.' | ':' | ',') => b2.is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// True when the number ending at `at` is glued to something after it: a
/// digit, or `/`, `-`, `.`, `:`, `,` followed by a digit.
pub(crate) fn glued_after(text: &str, at: usize) -> bool {
    let (a1, a2) = two_at(text, at);
    match a1 {
        Some(c) if c.is_ascii_digit() => true,
        Some('/' | '-' | '.' | ':' | ',') => a2.is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// True when the match `start..end` is not glued to a longer number or
/// a numeric form on either side.
pub(crate) fn numeric_isolated(text: &str, start: usize, end: usize) -> bool {
    !glued_before(text, start) && !glued_after(text, end)
}

/// Words that, just after a number, make it a quantity (a dose, a
/// measurement, a count) rather than a date, year or day.
pub(crate) fn is_unit_word(w: &str) -> bool {
    matches!(
        w,
        "mg" | "mcg"
            | "ug"
            | "µg"
            | "g"
            | "gm"
            | "gram"
            | "grams"
            | "kg"
            | "lb"
            | "lbs"
            | "pounds"
            | "oz"
            | "ml"
            | "cc"
            | "l"
            | "dl"
            | "liter"
            | "liters"
            | "units"
            | "unit"
            | "u"
            | "iu"
            | "meq"
            | "mmol"
            | "mmhg"
            | "mm"
            | "cm"
            | "m"
            | "km"
            | "ft"
            | "feet"
            | "inches"
            | "miles"
            | "kcal"
            | "cal"
            | "calories"
            | "steps"
            | "tab"
            | "tabs"
            | "tablet"
            | "tablets"
            | "cap"
            | "caps"
            | "capsule"
            | "capsules"
            | "pill"
            | "pills"
            | "puff"
            | "puffs"
            | "dose"
            | "doses"
            | "drops"
            | "gtt"
            | "sprays"
            | "patients"
            | "people"
            | "persons"
            | "cells"
            | "copies"
            | "times"
            | "beds"
            | "dollars"
            | "usd"
            | "bpm"
            | "mph"
            | "kph"
            | "hz"
            | "ms"
            | "sec"
            | "point"
            | "points"
            | "pts"
            | "percent"
            | "mcl"
            | "ul"
            | "ng"
            | "pg"
            | "nmol"
            | "umol"
            | "iu/l"
            | "f"
            | "c"
    )
}

/// Labels that make the next number a measurement, a score or a code, not
/// a date or a year: vitals, rating scales, identifiers.
pub(crate) fn is_measure_label(w: &str) -> bool {
    matches!(
        w,
        "bp" | "blood"
            | "pressure"
            | "mood"
            | "pain"
            | "score"
            | "scores"
            | "scored"
            | "scoring"
            | "rated"
            | "rates"
            | "rating"
            | "ratio"
            | "dilution"
            | "phq"
            | "phq9"
            | "gad"
            | "gad7"
            | "moca"
            | "mmse"
            | "slums"
            | "ymrs"
            | "madrs"
            | "hamd"
            | "hama"
            | "ham"
            | "pcl"
            | "audit"
            | "dast"
            | "cssrs"
            | "bdi"
            | "bai"
            | "epds"
            | "asrs"
            | "cage"
            | "ciwa"
            | "cows"
            | "sleep"
            | "energy"
            | "anxiety"
            | "depression"
            | "appetite"
            | "concentration"
            | "motivation"
            | "stress"
            | "craving"
            | "cravings"
            | "irritability"
            | "vision"
            | "acuity"
            | "va"
            | "strength"
            | "power"
            | "reflexes"
            | "grip"
            | "out"
            | "scale"
            | "hr"
            | "rr"
            | "pulse"
            | "sbp"
            | "dbp"
            | "map"
            | "room"
            | "rm"
            | "apt"
            | "suite"
            | "ste"
            | "box"
            | "ext"
            | "extension"
            | "unit"
            | "bed"
            | "floor"
            | "station"
            | "route"
            | "highway"
            | "hwy"
            | "ward"
            | "mrn"
            | "id"
            | "code"
            | "cpt"
            | "icd"
            | "hcpcs"
            | "account"
            | "acct"
            | "claim"
            | "member"
            | "policy"
            | "group"
            | "lot"
            | "batch"
            | "serial"
            | "model"
            | "version"
            | "pager"
            | "badge"
            | "no"
            | "number"
            | "num"
            | "zip"
            | "fax"
            | "phone"
            | "tel"
            | "cell"
            | "street"
            | "st"
            | "ave"
            | "avenue"
            | "rd"
            | "road"
            | "blvd"
            | "dr"
            | "lane"
            | "ln"
            | "wbc"
            | "plt"
            | "platelets"
            | "glucose"
            | "ldl"
            | "hdl"
            | "tsh"
            | "alt"
            | "ast"
            | "inr"
            | "cd4"
            | "count"
            | "level"
            | "levels"
            | "dose"
            | "dosage"
            | "total"
            | "x"
            | "grade"
            | "gr"
            | "apgar"
            | "apgars"
            | "criteria"
            | "dsm"
            | "murmur"
            | "sem"
            | "ef"
            | "fraction"
            | "cores"
            | "p"
    )
}

/// Words before a numeric date that make a date reading likely.
pub(crate) fn is_date_cue(w: &str) -> bool {
    matches!(
        w,
        "on" | "since"
            | "from"
            | "until"
            | "till"
            | "til"
            | "thru"
            | "through"
            | "between"
            | "dated"
            | "date"
            | "dates"
            | "dos"
            | "doa"
            | "dod"
            | "dob"
            | "seen"
            | "admitted"
            | "admission"
            | "admit"
            | "discharged"
            | "discharge"
            | "visit"
            | "visits"
            | "appt"
            | "appointment"
            | "appointments"
            | "returned"
            | "scheduled"
            | "rescheduled"
            | "started"
            | "starting"
            | "start"
            | "stopped"
            | "began"
            | "begun"
            | "effective"
            | "born"
            | "died"
            | "death"
            | "expired"
            | "deceased"
            | "collected"
            | "drawn"
            | "performed"
            | "surgery"
            | "procedure"
            | "onset"
            | "diagnosed"
            | "hospitalized"
            | "hospitalization"
            | "presented"
            | "arrived"
            | "called"
            | "call"
            | "signed"
            | "updated"
            | "reviewed"
            | "completed"
            | "due"
            | "before"
            | "after"
            | "by"
            | "as"
            | "of"
            | "f"
            | "fu"
            | "followup"
            | "follow"
            | "next"
            | "last"
            | "prior"
            | "previous"
            | "rtc"
            | "return"
            | "ed"
            | "er"
            | "dc"
            | "encounter"
            | "service"
            | "injury"
            | "accident"
            | "occurred"
            | "reported"
            | "received"
            | "sent"
            | "faxed"
            | "ordered"
            | "resulted"
            | "obtained"
            | "vaccinated"
            | "vaccine"
            | "dose"
            | "given"
            | "administered"
            | "refilled"
            | "filled"
            | "consented"
            | "enrolled"
            | "reschedule"
            | "postponed"
            | "cancelled"
            | "canceled"
            | "confirmed"
            | "moved"
    ) || super::calendar::is_weekday(w)
        || super::calendar::is_weekday_abbreviation(w)
}

/// True when a birth label ("DOB:", "Date of birth", "D.O.B.", "born",
/// "b.", "YOB") ends just before `at`, with only punctuation, spaces and
/// the words "on", "in", "is" or "was" in between.
pub(crate) fn birth_label_before(text: &str, at: usize) -> bool {
    let line = line_before(text, at);
    let mut s = line.as_str();
    // Strip trailing separators and filler words.
    loop {
        let t = s.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '-' | '=' | '#' | '(' | ',' | '–' | '—' | '[')
        });
        let t2 = [
            "on",
            "in",
            "is",
            "was",
            "of",
            "year",
            "approximately",
            "approx",
            "circa",
            "ca",
        ]
        .iter()
        .find_map(|w| {
            t.strip_suffix(w)
                .filter(|r| r.chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        });
        match t2 {
            Some(r) if r.len() < t.len() => s = r,
            _ => {
                s = t;
                break;
            }
        }
    }
    const LABELS: &[&str] = &[
        "dob",
        "d.o.b.",
        "d.o.b",
        "d/o/b",
        "date of birth",
        "birth date",
        "birthdate",
        "birth",
        "born",
        "yob",
        "year of birth",
        "birth year",
        "b.",
    ];
    LABELS.iter().any(|l| {
        s.strip_suffix(l).is_some_and(|r| {
            r.chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '.')
        })
    })
}

/// Two-digit year expansion relative to the reference year: `yy` at or
/// below the reference year's last two digits is in the reference century,
/// otherwise in the century before.
pub(crate) fn expand_year(yy: i32, reference_year: i32) -> i32 {
    let century = reference_year - reference_year.rem_euclid(100);
    if yy <= reference_year.rem_euclid(100) {
        century + yy
    } else {
        century - 100 + yy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around() {
        let t = "Seen on 3/14 for f/u";
        assert_eq!(words_before(t, 8, 2, true), vec!["on", "seen"]);
        assert_eq!(words_after(t, 12, 3), vec!["for", "f", "u"]);
        assert_eq!(words_before("a\nb 1", 4, 3, true), vec!["b"]);
    }

    #[test]
    fn birth_labels() {
        assert!(birth_label_before("DOB: ", 5));
        assert!(birth_label_before("D.O.B. ", 7));
        assert!(birth_label_before("Date of Birth - ", 16));
        assert!(birth_label_before("born in ", 8));
        assert!(birth_label_before("was born on ", 12));
        assert!(birth_label_before("(b. ", 4));
        assert!(!birth_label_before("reborn ", 7));
        assert!(!birth_label_before("seen on ", 8));
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(expand_year(24, 2026), 2024);
        assert_eq!(expand_year(26, 2026), 2026);
        assert_eq!(expand_year(27, 2026), 1927);
        assert_eq!(expand_year(61, 2026), 1961);
    }

    #[test]
    fn isolation() {
        assert!(numeric_isolated("on 3/14 x", 3, 7));
        assert!(!numeric_isolated("1/3/14", 2, 6));
        assert!(!numeric_isolated("3/14/2", 0, 4));
        assert!(numeric_isolated("on 3/14.", 3, 7));
        assert!(!numeric_isolated("F33.1", 1, 3));
    }
}
