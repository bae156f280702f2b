//! Calendar words: month, weekday, season and holiday names, as regex
//! fragments, parsers and look-ups (weekdays from
//! `data/temporal/weekdays.txt`).

use std::sync::OnceLock;

const WEEKDAYS: &str = include_str!("../../data/temporal/weekdays.txt");

/// The weekdays' full names and their abbreviations, lower case.
struct Weekdays {
    full: Vec<&'static str>,
    short: Vec<&'static str>,
}

fn weekdays() -> &'static Weekdays {
    static W: OnceLock<Weekdays> = OnceLock::new();
    W.get_or_init(|| {
        let mut w = Weekdays {
            full: Vec::new(),
            short: Vec::new(),
        };
        for line in WEEKDAYS.lines().filter(|l| !l.starts_with('#')) {
            let mut words = line.split_whitespace();
            if let Some(full) = words.next() {
                w.full.push(full);
                w.short.extend(words);
            }
        }
        w
    })
}

/// True when `word` (any case) is a weekday's full name.
pub(crate) fn is_weekday(word: &str) -> bool {
    weekdays().full.iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// True when `word` (any case) is a weekday's abbreviation ("Tue", "thurs").
pub(crate) fn is_weekday_abbreviation(word: &str) -> bool {
    weekdays()
        .short
        .iter()
        .any(|d| d.eq_ignore_ascii_case(word))
}

/// A regex fragment matching a weekday's full name (use with `(?i)`).
pub(crate) fn weekday_fragment() -> String {
    format!("(?:{})", weekdays().full.join("|"))
}

/// A regex fragment matching an English month name or abbreviation
/// ("March", "Mar", "Mar.", "Sept"), case-insensitively when the
/// surrounding pattern sets `(?i)`. The trailing dot is not included.
pub(crate) const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// A regex fragment matching a season name.
pub(crate) const SEASON: &str = r"(?:spring|summer|fall|autumn|winter)";

/// A regex fragment matching holiday names (used with `(?i)`).
pub(crate) const HOLIDAY: &str = r"(?:christmas(?:\s+eve|\s+day)?|x-?mas|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?|halloween|hanukk?ah|chanukk?ah|kwanzaa|passover|ramadan|diwali|eid(?:\s+al-(?:fitr|adha))?|rosh\s+hashanah|yom\s+kippur|new\s+year['’]?s(?:\s+day|\s+eve)?|memorial\s+day|labou?r\s+day|independence\s+day|veterans['’]?\s+day|valentine['’]?s(?:\s+day)?|mother['’]?s\s+day|father['’]?s\s+day|fourth\s+of\s+july|mlk\s+day|martin\s+luther\s+king\s+(?:jr\.?\s+)?day|presidents['’]?\s+day|(?:lunar|chinese)\s+new\s+year)";

/// The months' full names, lower case.
const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// True when `word` (any case) is a month's full name.
pub(crate) fn is_month_name(word: &str) -> bool {
    MONTH_NAMES.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// The month number (1–12) of a month name or abbreviation, with or
/// without a trailing dot; `None` when it is not one.
pub(crate) fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 || !w.is_ascii() {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    let m = match &lower[..3] {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    let full = MONTH_NAMES[m as usize - 1];
    let ok = full.starts_with(&lower) || (m == 9 && lower == "sept");
    ok.then_some(m)
}

/// True when a month word is usable as a month in this spelling. "may" in
/// lower case is the verb far more often than the month, so only "May" and
/// "MAY" count; every other name counts in any case.
pub(crate) fn month_word_ok(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.eq_ignore_ascii_case("may") {
        return w.starts_with('M');
    }
    true
}

/// The fixed month and day of a holiday, when it has one.
pub(crate) fn holiday_month_day(name: &str) -> (Option<u8>, Option<u8>) {
    let n = name.to_ascii_lowercase();
    if n.starts_with("christmas eve") {
        (Some(12), Some(24))
    } else if n.starts_with("christmas") || n.starts_with("xmas") || n.starts_with("x-mas") {
        (Some(12), Some(25))
    } else if n.starts_with("halloween") {
        (Some(10), Some(31))
    } else if n.starts_with("new year") && n.ends_with("eve") {
        (Some(12), Some(31))
    } else if n.starts_with("new year") {
        (Some(1), Some(1))
    } else if n.starts_with("independence") || n.starts_with("fourth of july") {
        (Some(7), Some(4))
    } else if n.starts_with("valentine") {
        (Some(2), Some(14))
    } else if n.starts_with("veteran") {
        (Some(11), Some(11))
    } else {
        (None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names() {
        assert_eq!(month_number("March"), Some(3));
        assert_eq!(month_number("Mar."), Some(3));
        assert_eq!(month_number("SEPT"), Some(9));
        assert_eq!(month_number("Sep"), Some(9));
        assert_eq!(month_number("Marc"), Some(3));
        assert_eq!(month_number("Mart"), None);
        assert_eq!(month_number("ma"), None);
        assert!(month_word_ok("May"));
        assert!(!month_word_ok("may"));
        assert!(month_word_ok("mar"));
    }

    #[test]
    fn holidays() {
        assert_eq!(holiday_month_day("Christmas"), (Some(12), Some(25)));
        assert_eq!(holiday_month_day("Christmas Eve"), (Some(12), Some(24)));
        assert_eq!(holiday_month_day("Thanksgiving"), (None, None));
    }
}
