//! Relative and vague times, which Safe Harbor lets stay: "yesterday",
//! "last week", "3 months ago", "for 2 weeks", "Friday", "at 3 pm",
//! "in March", "last spring", "Christmas", "in childhood".
//!
//! They are reported as `DATE_TIME` candidates whose [`DateKind`] the
//! `relative_time` scope rule keeps, with score 0.6, so an auditor sees
//! them in `Analysis::kept` and weaker candidates inside them are
//! suppressed. The recognizer drops any of them that overlaps an absolute
//! date, so "March" in "March 14" is never kept.

use phimask_core::{DateFacts, DateKind};
use regex::Regex;

use super::calendar::{month_word_ok, weekday_fragment, HOLIDAY, MONTH, SEASON};
use super::lex::{char_at, glued_before, words_after};
use super::Hit;

/// The score of every relative candidate.
pub(crate) const SCORE: f32 = 0.6;

const NUMQ: &str = r"(?:[0-9]+(?:\.[0-9]+)?\+?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|(?:a\s+)?few|(?:a\s+)?couple(?:\s+of)?|several|many|some|multiple)";
const UNIT: &str = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|wks?|months?|mos?|years?|yrs?|decades?)";

/// The compiled relative-time scanners, each with its kind.
#[derive(Debug)]
pub(crate) struct RelativePatterns {
    scanners: Vec<(Regex, DateKind, &'static str)>,
    /// "N days", "for 2 weeks", "3 months ago": kind depends on the words.
    quantity: Regex,
    month_alone: Regex,
}

fn re(src: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(src)
        .size_limit(32 << 20)
        .dfa_size_limit(32 << 20)
        .build()
}

impl RelativePatterns {
    pub(crate) fn new() -> Result<RelativePatterns, regex::Error> {
        let b = r"(?-u:\b)";
        let weekday = weekday_fragment();
        let scanners = vec![
            (
                re(&format!(
                    r"(?i){b}(?:the\s+day\s+(?:before|after)\s+)?(?:yesterday|today|tonight|tomorrow|overnight|the\s+other\s+day|recently|lately){b}"
                ))?,
                DateKind::Relative,
                "relative_word",
            ),
            (
                re(&format!(
                    r"(?i){b}(?:this|last|next|past|previous|prior|coming|following|same|that)\s+(?:morning|afternoon|evening|night|week|weekend|month|year|spring|summer|fall|autumn|winter|season|semester|quarter|decade|{weekday}){b}"
                ))?,
                DateKind::Relative,
                "relative_this_last",
            ),
            (
                re(&format!(
                    r"(?i){b}(?:(?:over|on|during)\s+the\s+|on\s+|this\s+|last\s+|next\s+)?weekends?{b}"
                ))?,
                DateKind::Relative,
                "relative_weekend",
            ),
            (
                re(&format!(r"(?i){b}{weekday}s?{b}"))?,
                DateKind::Weekday,
                "weekday",
            ),
            (
                re(&format!(
                    r"{b}(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri)\.?\s*[-–]\s*(?:Fri|Sat|Sun)(?:day)?{b}"
                ))?,
                DateKind::Weekday,
                "weekday_range",
            ),
            (
                re(&format!(
                    r"(?i){b}(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:\s*(?:a\.m\.|p\.m\.|am|pm){b})?"
                ))?,
                DateKind::TimeOfDay,
                "time_clock",
            ),
            (
                re(&format!(
                    r"(?i){b}(?:1[0-2]|0?[1-9])\s*(?:a\.m\.|p\.m\.|(?:am|pm){b})"
                ))?,
                DateKind::TimeOfDay,
                "time_am_pm",
            ),
            (
                re(&format!(
                    r"(?i){b}(?:[01][0-9]|2[0-3])[0-5][0-9]\s*(?:hrs|hours|h){b}"
                ))?,
                DateKind::TimeOfDay,
                "time_military",
            ),
            (
                re(&format!(
                    r"(?i){b}(?:noon|midnight|midday|bedtime|(?:in|during)\s+the\s+(?:morning|afternoon|evening|night)|at\s+night|overnight){b}"
                ))?,
                DateKind::TimeOfDay,
                "time_word",
            ),
            (
                re(&format!(
                    r"(?i){b}(?:(?:last|this|next|in|during|over|since|early|late|mid)\s+(?:the\s+)?|mid-){SEASON}(?:time)?{b}"
                ))?,
                DateKind::Vague,
                "season",
            ),
            (
                re(&format!(r"(?i){b}{HOLIDAY}{b}"))?,
                DateKind::Vague,
                "holiday",
            ),
            (
                re(&format!(
                    r"(?i){b}(?:the\s+)?(?:(?:19|20)[0-9]0s|['’][0-9]0s){b}"
                ))?,
                DateKind::Vague,
                "decade",
            ),
            (
                re(&format!(
                    r"(?i){b}(?:(?:in|during|since|throughout|through)\s+(?:early\s+|late\s+|her\s+|his\s+|their\s+|my\s+|your\s+)?(?:childhood|infancy|adolescence|adulthood|youth|boyhood|girlhood|teens|teenage\s+years|high\s+school|college|grade\s+school|elementary\s+school|middle\s+school)|as\s+an?\s+(?:child|kid|teen|teenager|toddler|infant|baby|young\s+adult|adolescent|youth|young\s+(?:man|woman|boy|girl)))(?:{b}|$)"
                ))?,
                DateKind::Relative,
                "life_stage",
            ),
        ];
        Ok(RelativePatterns {
            scanners,
            quantity: re(&format!(
                r"(?i){b}(?:(?:for|x|×|over|past|last|within|lasting|about|approximately|approx\.?|in|after|during|next)\s+(?:the\s+)?(?:past\s+|last\s+|next\s+|previous\s+|prior\s+)?)?(?:{NUMQ})(?:\s*(?:-|–|to|or)\s*{NUMQ})?\s*(?:-|\s)?\s*{UNIT}(?:\s+(?P<ago>ago|prior|earlier|later|before|after|previously|back|from\s+now))?{b}"
            ))?,
            month_alone: re(&format!(
                r"(?i){b}(?:in|since|until|till|by|during|early|late|mid|of|last|next|this|through|before|after|around|from|end\s+of|beginning\s+of)\s+(?:early\s+|late\s+|mid-?\s*)?(?P<m>{MONTH})\.?{b}"
            ))?,
        })
    }

    /// Appends the relative and vague times found in `text` to `out`.
    pub(crate) fn scan(&self, text: &str, out: &mut Vec<Hit>) {
        for (regex, kind, name) in &self.scanners {
            for m in regex.find_iter(text) {
                if *kind == DateKind::TimeOfDay && name.starts_with("time_") {
                    if glued_before(text, m.start()) {
                        continue;
                    }
                    // "12:30" in a ratio or a list of numbers: the end must
                    // not run on into more digits.
                    if char_at(text, m.end()).is_some_and(|c| c.is_ascii_digit()) {
                        continue;
                    }
                }
                out.push(Hit::date(
                    m.start(),
                    m.end(),
                    DateFacts::new(*kind),
                    SCORE,
                    name,
                ));
            }
        }
        for c in self.quantity.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            if glued_before(text, m.start()) {
                continue;
            }
            // "3 years old", "92 years of age" are ages, not durations.
            let next = words_after(text, m.end(), 2);
            let aged = next.first().is_some_and(|w| {
                w == "old" || w == "of" && next.get(1).is_some_and(|w| w == "age")
            }) || text[m.end()..].starts_with("-old")
                || text[m.end()..].starts_with("- old");
            if aged {
                continue;
            }
            let lower = m.as_str().to_ascii_lowercase();
            let kind = if c.name("ago").is_some() || lower.starts_with("in ") {
                DateKind::Relative
            } else {
                DateKind::Duration
            };
            out.push(Hit::date(
                m.start(),
                m.end(),
                DateFacts::new(kind),
                SCORE,
                "relative_quantity",
            ));
        }
        for c in self.month_alone.captures_iter(text) {
            let Some(m) = c.name("m") else { continue };
            if !month_word_ok(m.as_str()) {
                continue;
            }
            // Lower-case abbreviations ("mar", "dec") are too often words.
            let w = m.as_str();
            if w.len() <= 4 && w.starts_with(|c: char| c.is_ascii_lowercase()) {
                continue;
            }
            out.push(Hit::date(
                m.start(),
                m.end(),
                DateFacts::new(DateKind::Vague),
                SCORE,
                "month_alone",
            ));
        }
    }
}
