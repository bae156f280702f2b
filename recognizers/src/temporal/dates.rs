//! Absolute dates: numeric and written forms, month–year, day–month, lone
//! years, seasons and holidays with a year.
//!
//! Every scanner is a `regex` (linear time) whose matches are checked in
//! code: calendar validity, the characters around the match (so parts of
//! phone numbers, codes and decimals are not dates), and the words before it
//! (birth labels, date cues, and vital-sign or score labels that veto a date
//! reading).
//!
//! # Day–month numerals ("3/14")
//!
//! A bare `M/D` is a date only when the month is 1–12, the day fits the
//! month, it is not glued to other digits or slashes, no measurement label
//! ("BP", "mood", "pain", "PHQ", "score", "rated", "grade", "out of", …) is
//! among the three words before it in the same table cell, no count or
//! score word follows it ("5/7 days", "4/5 strength", "3/6 murmur"), and:
//! * a date cue is among the three words before it ("on", "since", "DOS",
//!   "seen", "admitted", "discharged", "visit", "appt", a weekday, …), or
//!   it fills a table cell on its own, or a time of day follows it
//!   ("3/14 10:22"), or another date ends just before it, separated only
//!   by a comma, "and", "to", "-" or "through" ("3/14, 3/20 and 4/2"):
//!   score 0.85;
//! * otherwise it is still read as a date (score 0.6), unless it looks
//!   like a small fraction or score: numerator at most the denominator and
//!   denominator 2–6 or 10 ("1/2", "3/4", "4/5", "2/6", "3/10"), or "2/2".
//!
//! A bare `M/YY` ("3/24") is read as a day–month under the same rule; when
//! the second number cannot be a day ("3/98") it is a month–year.

use phimask_core::{days_in_month, CivilDate, DateFacts, DateKind, Facts};
use regex::{Captures, Regex};

use super::calendar::{holiday_month_day, month_number, month_word_ok, HOLIDAY, MONTH, SEASON};
use super::lex::{
    birth_label_before, char_at, char_before, expand_year, glued_before, is_date_cue,
    is_measure_label, is_unit_word, numeric_isolated, words_after, words_before,
};
use super::Hit;

/// A time of day that may follow a date.
const TIME: &str = r"(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2}|\s*(?:a\.m\.|p\.m\.|am|pm))?|(?:1[0-2]|0?[1-9])\s*(?:a\.m\.|p\.m\.|am|pm)|(?:[01][0-9]|2[0-3])[0-5][0-9]\s*(?:hrs|hours|h)";

/// What joins a date to a following time.
const JOIN: &str = r"(?:T|\s*@\s*|,?\s+(?:at\s+|@\s*)?)";

/// A four-digit year 1800–2099.
const YEAR4: &str = r"(?:1[89]|20)[0-9]{2}";

/// The compiled date scanners.
#[derive(Debug)]
pub(crate) struct DatePatterns {
    numeric: Regex,
    iso: Regex,
    compact: Regex,
    month_year_num: Regex,
    day_month_num: Regex,
    month_first: Regex,
    day_first: Regex,
    month_year: Regex,
    ordinal: Regex,
    season_year: Regex,
    holiday_year: Regex,
    year: Regex,
    apos_year: Regex,
}

fn re(src: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(src)
        .size_limit(32 << 20)
        .dfa_size_limit(32 << 20)
        .build()
}

impl DatePatterns {
    pub(crate) fn new() -> Result<DatePatterns, regex::Error> {
        let b = r"(?-u:\b)";
        Ok(DatePatterns {
            numeric: re(&format!(
                r"(?i){b}(?P<a>[0-9]{{1,2}}) {{0,2}}(?P<s>[/.-]) {{0,2}}(?P<b>[0-9]{{1,2}}) {{0,2}}(?P<s2>[/.-]) {{0,2}}(?P<y>[0-9]{{4}}|[0-9]{{2}})(?:{JOIN}(?P<t>{TIME})|{b})"
            ))?,
            iso: re(&format!(
                r"(?i){b}(?P<y>{YEAR4})(?P<s>[/.-])(?P<m>[0-9]{{1,2}})(?P<s2>[/.-])(?P<d>[0-9]{{1,2}})(?:{JOIN}(?P<t>{TIME})|{b})"
            ))?,
            compact: re(&format!(r"{b}[0-9]{{8}}{b}"))?,
            month_year_num: re(&format!(
                r"{b}(?:(?P<m>[0-9]{{1,2}})(?P<s>[/-])(?P<y>(?:19|20)[0-9]{{2}})|(?P<y_iso>(?:19|20)[0-9]{{2}})(?P<s_iso>[/-])(?P<m_iso>0[1-9]|1[0-2])){b}"
            ))?,
            day_month_num: re(&format!(
                r"(?i){b}(?P<a>[0-9]{{1,2}})/(?P<b>[0-9]{{1,2}})(?:{JOIN}(?P<t>{TIME})|{b})"
            ))?,
            month_first: re(&format!(
                r"(?i){b}(?P<m>{MONTH})\.?(?:\s+|\s*[-/]\s*)?(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?{b}(?:\s*(?:-|–|to|through|thru)\s*(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?{b}(?:(?:,\s*|\s+|,?\s+of\s+)(?P<y2>{YEAR4}){b})?|\s*(?:and|&)\s*(?P<d3>[0-9]{{1,2}})(?:st|nd|rd|th)?{b}(?:,\s*|\s+|,?\s+of\s+)(?P<y3>{YEAR4}){b})?(?:(?:,\s*|\s+|,?\s+of\s+)(?P<y>{YEAR4}){b}|(?:,\s*|\s+)['’](?P<yy>[0-9]{{2}}){b}|[-/](?P<yd>[0-9]{{2}}|{YEAR4}){b})?(?:{JOIN}(?P<t>{TIME}))?"
            ))?,
            day_first: re(&format!(
                r"(?i){b}(?:[0-9]{{1,2}}(?:st|nd|rd|th)?\s*(?:-|–|to|through|thru|and|&)\s*)?(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s+of\s+|\s+|\s*[-/]\s*|\.)?(?P<m>{MONTH})\.?(?:(?:,\s*|\s*[-/.]\s*|\s*)(?P<y>{YEAR4}){b}|(?:,\s*|\s+)['’](?P<yy>[0-9]{{2}}){b}|[-/.]?(?P<yd>[0-9]{{2}}){b})?(?:{JOIN}(?P<t>{TIME}))?"
            ))?,
            month_year: re(&format!(
                r"(?i){b}(?P<m>{MONTH})\.?(?:,?\s+(?:of\s+)?|\s*[-/]\s*)?(?:(?P<y>{YEAR4})|['’](?P<yy>[0-9]{{2}})){b}"
            ))?,
            ordinal: re(&format!(
                r"(?i){b}(?:on|since|by|until|till|before|after|from|through|thru)\s+the\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th){b}"
            ))?,
            season_year: re(&format!(
                r"(?i){b}(?P<s>{SEASON})(?:\s+of)?,?\s+(?:(?P<y>{YEAR4})|['’](?P<yy>[0-9]{{2}})){b}"
            ))?,
            holiday_year: re(&format!(
                r"(?i){b}(?P<h>{HOLIDAY})(?:\s+of)?,?\s+(?P<y>{YEAR4}){b}"
            ))?,
            year: re(&format!(r"{b}(?P<y>{YEAR4}){b}"))?,
            apos_year: re(&format!(r"['’](?P<yy>[0-9]{{2}}){b}"))?,
        })
    }

    /// Appends the absolute dates found in `text` to `out`.
    pub(crate) fn scan(&self, text: &str, reference: CivilDate, out: &mut Vec<Hit>) {
        let start_len = out.len();
        self.scan_iso(text, out);
        self.scan_numeric(text, reference, out);
        self.scan_compact(text, out);
        self.scan_month_year_num(text, reference, out);
        self.scan_month_first(text, reference, out);
        self.scan_day_first(text, reference, out);
        self.scan_month_year(text, reference, out);
        self.scan_ordinal(text, out);
        self.scan_season_year(text, reference, out);
        self.scan_holiday_year(text, out);
        self.scan_years(text, reference, out);
        // Day–month numerals last: they may lean on the dates found above
        // (lists and ranges).
        self.scan_day_month_num(text, reference, out, start_len);
        for h in &mut out[start_len..] {
            if let Facts::Date(d) = &mut h.facts {
                if d.day.is_some() {
                    h.start = extend_left(text, h.start);
                }
                if !d.birth && birth_label_before(text, h.start) {
                    d.birth = true;
                    if d.kind == DateKind::Year {
                        h.score = h.score.max(0.9);
                    }
                }
            }
        }
    }

    fn scan_iso(&self, text: &str, out: &mut Vec<Hit>) {
        for c in self.iso.captures_iter(text) {
            let Some(all) = c.get(0) else { continue };
            if c.name("s").map(|m| m.as_str()) != c.name("s2").map(|m| m.as_str()) {
                continue;
            }
            let (Some(y), Some(m), Some(d)) = (num(&c, "y"), num(&c, "m"), num(&c, "d")) else {
                continue;
            };
            let end = date_end(&c, all.end());
            if !day_month_isolated(text, all.start(), end) {
                continue;
            }
            let Some(facts) = full(y as i32, m, d, c.name("t").is_some()) else {
                continue;
            };
            out.push(Hit::date(all.start(), end, facts, 0.95, "date_iso"));
        }
    }

    fn scan_numeric(&self, text: &str, reference: CivilDate, out: &mut Vec<Hit>) {
        // A rejected match may hide a date that starts inside it
        // ("1 - 3/14/2024"), so the search resumes one character later.
        let mut at = 0;
        while let Some(c) = self.numeric.captures_at(text, at) {
            let Some(all) = c.get(0) else { break };
            at = all.start() + text[all.start()..].chars().next().map_or(1, char::len_utf8);
            if let Some(hit) = numeric_hit(text, &c, reference) {
                at = at.max(hit.end);
                out.push(hit);
            }
        }
    }

    fn scan_compact(&self, text: &str, out: &mut Vec<Hit>) {
        for m in self.compact.find_iter(text) {
            if !numeric_isolated(text, m.start(), m.end()) {
                continue;
            }
            if !strict_date_cue_before(text, m.start()) && !birth_label_before(text, m.start()) {
                continue;
            }
            let s = m.as_str();
            let p = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
            let ymd = (p(0..4), p(4..6), p(6..8));
            let mdy = (p(4..8), p(0..2), p(2..4));
            let facts = [ymd, mdy].iter().find_map(|&(y, mo, d)| {
                let (y, mo, d) = (y?, mo?, d?);
                let y = y as i32;
                if !(1800..=2099).contains(&y) {
                    return None;
                }
                full(y, mo, d, false)
            });
            if let Some(facts) = facts {
                out.push(Hit::date(m.start(), m.end(), facts, 0.85, "date_compact"));
            }
        }
    }

    fn scan_month_year_num(&self, text: &str, reference: CivilDate, out: &mut Vec<Hit>) {
        for c in self.month_year_num.captures_iter(text) {
            let Some(all) = c.get(0) else { continue };
            if !numeric_isolated(text, all.start(), all.end()) {
                continue;
            }
            // "03/2024" or, ISO order, "2024-03".
            let iso = c.name("y_iso").is_some();
            let (m, y) = if iso {
                (num(&c, "m_iso"), num(&c, "y_iso"))
            } else {
                (num(&c, "m"), num(&c, "y"))
            };
            let (Some(m), Some(y)) = (m, y) else {
                continue;
            };
            let y = y as i32;
            if !(1..=12).contains(&m) || y > reference.year + 10 {
                continue;
            }
            let prev = words_before(text, all.start(), 1, true);
            if prev.first().is_some_and(|w| is_measure_label(w)) {
                continue;
            }
            if next_is_unit(text, all.end()) {
                continue;
            }
            let dash = c
                .name(if iso { "s_iso" } else { "s" })
                .is_some_and(|s| s.as_str() == "-");
            let score = if dash { 0.7 } else { 0.85 };
            out.push(Hit::date(
                all.start(),
                all.end(),
                month_year(y, m as u8),
                score,
                "date_month_year_numeric",
            ));
        }
    }

    fn scan_month_first(&self, text: &str, reference: CivilDate, out: &mut Vec<Hit>) {
        for c in self.month_first.captures_iter(text) {
            let (Some(all), Some(mw)) = (c.get(0), c.name("m")) else {
                continue;
            };
            if !month_word_ok(mw.as_str()) {
                continue;
            }
            let Some(month) = month_number(mw.as_str()) else {
                continue;
            };
            let (Some(day), Some(dm)) = (num(&c, "d"), c.name("d")) else {
                continue;
            };
            let mut year = year_of(&c, reference);
            // "Mar-14-24": with a dashed month and day, a dashed two-digit
            // number after the day is a year, not the end of a range.
            let dashed = text[mw.end()..dm.start()].contains(['-', '/']);
            if let (true, None, Some(d2)) = (dashed, year, c.name("d2")) {
                if d2.len() == 2 {
                    year = d2
                        .as_str()
                        .parse()
                        .ok()
                        .map(|v| expand_year(v, reference.year));
                }
            }
            let mut end = date_end(&c, all.end());
            // "Jun 7th to 12/28": the "range" runs into another date.
            if let (Some(d2), None) = (c.name("d2"), c.name("y2")) {
                if !dashed && text[d2.end()..].starts_with(['/', '.', '-']) {
                    let suffix = text[dm.end()..]
                        .get(..2)
                        .filter(|s| {
                            ["st", "nd", "rd", "th"]
                                .iter()
                                .any(|o| s.eq_ignore_ascii_case(o))
                        })
                        .map_or(0, str::len);
                    end = dm.end() + suffix;
                }
            }
            if char_at(text, end).is_some_and(|ch| ch.is_ascii_digit()) {
                continue;
            }
            let timed = c.name("t").is_some() && end > dm.end() + 2;
            let Some(facts) = written(year, month, day, timed) else {
                continue;
            };
            if year.is_none() && !timed && next_is_unit(text, end) {
                continue;
            }
            let score = if year.is_some() { 0.95 } else { 0.85 };
            out.push(Hit::date(all.start(), end, facts, score, "date_month_day"));
        }
    }

    fn scan_day_first(&self, text: &str, reference: CivilDate, out: &mut Vec<Hit>) {
        for c in self.day_first.captures_iter(text) {
            let (Some(all), Some(mw)) = (c.get(0), c.name("m")) else {
                continue;
            };
            if !month_word_ok(mw.as_str()) {
                continue;
            }
            // The month word must end on a word end ("14 Marchant" is not a
            // date), though digits may follow it directly ("14MAR2024").
            if char_at(text, mw.end()).is_some_and(|ch| ch.is_alphabetic()) {
                continue;
            }
            if glued_before(text, all.start()) {
                continue;
            }
            let Some(month) = month_number(mw.as_str()) else {
                continue;
            };
            let Some(day) = num(&c, "d") else { continue };
            let year = year_of(&c, reference);
            let end = date_end(&c, all.end());
            if char_at(text, end).is_some_and(|ch| ch.is_ascii_digit()) {
                continue;
            }
            let timed = c.name("t").is_some();
            let Some(facts) = written(year, month, day, timed) else {
                continue;
            };
            if year.is_none() && measure_label_before(text, all.start()) {
                continue;
            }
            let score = if year.is_some() { 0.95 } else { 0.85 };
            out.push(Hit::date(all.start(), end, facts, score, "date_day_month"));
        }
    }

    fn scan_month_year(&self, text: &str, reference: CivilDate, out: &mut Vec<Hit>) {
        for c in self.month_year.captures_iter(text) {
            let (Some(all), Some(mw)) = (c.get(0), c.name("m")) else {
                continue;
            };
            if !month_word_ok(mw.as_str()) {
                continue;
            }
            let Some(month) = month_number(mw.as_str()) else {
                continue;
            };
            let Some(year) = year_of(&c, reference) else {
                continue;
            };
            if next_is_unit(text, all.end()) {
                continue;
            }
            out.push(Hit::date(
                all.start(),
                all.end(),
                month_year(year, month),
                0.9,
                "date_month_year",
            ));
        }
    }

    fn scan_ordinal(&self, text: &str, out: &mut Vec<Hit>) {
        for c in self.ordinal.captures_iter(text) {
            let (Some(all), Some(d)) = (c.get(0), c.name("d")) else {
                continue;
            };
            let Some(day) = num(&c, "d") else { continue };
            if !(1..=31).contains(&day) {
                continue;
            }
            let next = words_after(text, all.end(), 1);
            let vetoed = next.first().is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "of" | "percentile"
                        | "century"
                        | "grade"
                        | "floor"
                        | "birthday"
                        | "week"
                        | "weeks"
                        | "day"
                        | "time"
                        | "cycle"
                        | "dose"
                        | "visit"
                        | "session"
                        | "treatment"
                        | "round"
                        | "attempt"
                        | "hour"
                        | "minute"
                        | "year"
                        | "month"
                        | "trimester"
                        | "street"
                        | "st"
                        | "ave"
                        | "avenue"
                )
            });
            if vetoed {
                continue;
            }
            let mut f = DateFacts::new(DateKind::DayMonth);
            f.day = Some(day as u8);
            out.push(Hit::date(d.start(), all.end(), f, 0.75, "date_ordinal_day"));
        }
    }

    fn scan_season_year(&self, text: &str, reference: CivilDate, out: &mut Vec<Hit>) {
        for c in self.season_year.captures_iter(text) {
            let Some(all) = c.get(0) else { continue };
            let Some(year) = year_of(&c, reference) else {
                continue;
            };
            if next_is_unit(text, all.end()) {
                continue;
            }
            let mut f = DateFacts::new(DateKind::MonthYear);
            f.year = Some(year);
            out.push(Hit::date(
                all.start(),
                all.end(),
                f,
                0.85,
                "date_season_year",
            ));
        }
    }

    fn scan_holiday_year(&self, text: &str, out: &mut Vec<Hit>) {
        for c in self.holiday_year.captures_iter(text) {
            let (Some(all), Some(h)) = (c.get(0), c.name("h")) else {
                continue;
            };
            let Some(year) = num(&c, "y") else { continue };
            let (month, day) = holiday_month_day(h.as_str());
            let mut f = DateFacts::new(DateKind::Full);
            f.year = Some(year as i32);
            f.month = month;
            f.day = day;
            out.push(Hit::date(
                all.start(),
                all.end(),
                f,
                0.85,
                "date_holiday_year",
            ));
        }
    }

    fn scan_years(&self, text: &str, reference: CivilDate, out: &mut Vec<Hit>) {
        for c in self.year.captures_iter(text) {
            let Some(m) = c.name("y") else { continue };
            let Ok(year) = m.as_str().parse::<i32>() else {
                continue;
            };
            if let Some(score) = lone_year_score(text, m.start(), m.end(), year, reference) {
                let mut f = DateFacts::new(DateKind::Year);
                f.year = Some(year);
                out.push(Hit::date(m.start(), m.end(), f, score, "date_year"));
            }
        }
        for c in self.apos_year.captures_iter(text) {
            let (Some(all), Some(yy)) = (c.get(0), num(&c, "yy")) else {
                continue;
            };
            if !char_before(text, all.start()).is_none_or(|ch| ch.is_whitespace() || ch == '(') {
                continue;
            }
            if char_at(text, all.end()).is_some_and(|ch| ch.is_alphanumeric()) {
                continue;
            }
            let birth = birth_label_before(text, all.start());
            let cue = words_before(text, all.start(), 2, true)
                .first()
                .is_some_and(|w| is_year_cue(w));
            if !birth && !cue {
                continue;
            }
            let mut f = DateFacts::new(DateKind::Year);
            f.year = Some(expand_year(yy as i32, reference.year));
            let score = if birth { 0.9 } else { 0.75 };
            out.push(Hit::date(all.start(), all.end(), f, score, "date_year"));
        }
    }

    fn scan_day_month_num(
        &self,
        text: &str,
        reference: CivilDate,
        out: &mut Vec<Hit>,
        first: usize,
    ) {
        // Ends of the dates found so far, sorted, to accept list members.
        let mut ends: Vec<usize> = out[first..]
            .iter()
            .filter(|h| matches!(h.facts, Facts::Date(d) if d.kind != DateKind::Year))
            .map(|h| h.end)
            .collect();
        ends.sort_unstable();
        let mut found: Vec<Hit> = Vec::new();
        for c in self.day_month_num.captures_iter(text) {
            let Some(all) = c.get(0) else { continue };
            let (Some(a), Some(bm)) = (num(&c, "a"), c.name("b")) else {
                continue;
            };
            let Some(b) = num(&c, "b") else { continue };
            let mut end = date_end(&c, all.end());
            // A day range ("3/14-15"): the second day joins the span.
            let day_range = if c.name("t").is_none() {
                day_range_end(text, bm.end())
            } else {
                None
            };
            let iso_end = day_range.unwrap_or(bm.end());
            if !day_month_isolated(text, all.start(), iso_end) {
                continue;
            }
            if let Some(e) = day_range {
                end = e;
            }
            if !(1..=12).contains(&a) {
                continue;
            }
            let timed = c.name("t").is_some();
            let labelled = measure_label_before(text, all.start());
            if labelled {
                continue;
            }
            let after_date = {
                let last = found.last().map(|h| h.end);
                let i = ends.partition_point(|&e| e <= all.start());
                let prev = if i > 0 { Some(ends[i - 1]) } else { None };
                [last, prev]
                    .into_iter()
                    .flatten()
                    .any(|e| e <= all.start() && list_gap(&text[e..all.start()]))
            };
            // A table cell holding only the numeral ("| 4/10 |").
            let cell = {
                let before = text[..all.start()].trim_end_matches([' ', '\t']);
                let after = text[end..].trim_start_matches([' ', '\t']);
                (before.ends_with('|') || text[..all.start()].ends_with('\t'))
                    && (after.is_empty()
                        || after.starts_with(['|', '\n', '\r'])
                        || text[end..].starts_with('\t'))
            };
            // ... unless the cell before it is a score label ("| mood | 4/10 |").
            let cell = cell
                && !words_before(text, all.start(), 2, true)
                    .iter()
                    .any(|w| is_measure_label(w));
            let cue = cell || date_cue_before(text, all.start());
            if !timed && (next_is_unit(text, bm.end()) || count_word_after(text, bm.end())) {
                continue;
            }
            // Without a cue, a small fraction or score ("1/2", "3/4",
            // "4/5", "2/6", "3/10") is not read as a date.
            let score_like = a <= b && matches!(b, 2..=6 | 10);
            let bare = !(cue || timed || after_date);
            if bare && (score_like || bm.len() == 1 && a == b) {
                continue;
            }
            let facts = if (1..=days_in_month(2000, a as u8) as u32).contains(&b) {
                let mut f = DateFacts::new(if timed {
                    DateKind::DateTime
                } else {
                    DateKind::DayMonth
                });
                f.month = Some(a as u8);
                f.day = Some(b as u8);
                f
            } else if bm.len() == 2 && !timed {
                month_year(expand_year(b as i32, reference.year), a as u8)
            } else {
                continue;
            };
            let score = if bare { 0.6 } else { 0.85 };
            let hit = Hit::date(all.start(), end, facts, score, "date_month_day_numeric");
            found.push(hit);
        }
        out.extend(found);
    }
}

/// The date of one match of the numeric pattern, if it is one.
fn numeric_hit(text: &str, c: &Captures<'_>, reference: CivilDate) -> Option<Hit> {
    let all = c.get(0)?;
    let sep = c.name("s").map(|m| m.as_str())?;
    if Some(sep) != c.name("s2").map(|m| m.as_str()) {
        return None;
    }
    let (Some(a), Some(b), Some(ys)) = (num(c, "a"), num(c, "b"), c.name("y")) else {
        return None;
    };
    let end = date_end(c, all.end());
    if !day_month_isolated(text, all.start(), end) {
        return None;
    }
    let two_digit = ys.len() == 2;
    // OCR spacing ("3 / 14 / 1962") only with slashes and four digits.
    if text[all.start()..ys.start()].contains(' ') && (two_digit || sep != "/") {
        return None;
    }
    let Ok(yv) = ys.as_str().parse::<i32>() else {
        return None;
    };
    let year = if two_digit {
        expand_year(yv, reference.year)
    } else {
        yv
    };
    if !two_digit && !(1800..=2099).contains(&year) {
        return None;
    }
    // Dots are day-first in most of the world; slashes and dashes
    // are month-first unless the first number cannot be a month.
    let orders: [(u32, u32); 2] = if sep == "." {
        [(b, a), (a, b)]
    } else {
        [(a, b), (b, a)]
    };
    let timed = c.name("t").is_some();
    let facts = orders.iter().find_map(|&(m, d)| full(year, m, d, timed))?;
    let mut score: f32 = match (sep, two_digit) {
        ("/", false) => 0.95,
        ("/", true) => 0.85,
        ("-", false) => 0.9,
        ("-", true) => 0.75,
        (_, false) => 0.85,
        (_, true) => 0.4,
    };
    if score < 0.5 && date_cue_before(text, all.start()) {
        score = 0.85;
    }
    if score < 0.5 {
        return None;
    }
    if two_digit && c.name("t").is_none() && next_is_unit(text, end) {
        return None;
    }
    Some(Hit::date(all.start(), end, facts, score, "date_numeric"))
}

/// The end of a date match: its time's end when it has one, else the
/// match's (the optional time group is the only thing after the date).
fn date_end(c: &Captures<'_>, end: usize) -> usize {
    c.name("t").map_or(end, |t| t.end())
}

fn num(c: &Captures<'_>, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

/// The year of a written date: four digits, `'yy`, or a bare two-digit
/// year after a dash or slash.
fn year_of(c: &Captures<'_>, reference: CivilDate) -> Option<i32> {
    if let Some(y) = num(c, "y")
        .or_else(|| num(c, "y2"))
        .or_else(|| num(c, "y3"))
    {
        return Some(y as i32);
    }
    if let Some(yy) = num(c, "yy") {
        return Some(expand_year(yy as i32, reference.year));
    }
    let yd = c.name("yd")?;
    let v: i32 = yd.as_str().parse().ok()?;
    Some(if yd.len() == 2 {
        expand_year(v, reference.year)
    } else {
        v
    })
}

/// Facts of a full date (or date-time), when the date exists.
fn full(year: i32, month: u32, day: u32, timed: bool) -> Option<DateFacts> {
    let (m, d) = (u8::try_from(month).ok()?, u8::try_from(day).ok()?);
    CivilDate::new(year, m, d)?;
    let mut f = DateFacts::new(if timed {
        DateKind::DateTime
    } else {
        DateKind::Full
    });
    f.year = Some(year);
    f.month = Some(m);
    f.day = Some(d);
    Some(f)
}

/// Facts of a written date with or without a year.
fn written(year: Option<i32>, month: u8, day: u32, timed: bool) -> Option<DateFacts> {
    match year {
        Some(y) => full(y, u32::from(month), day, timed),
        None => {
            let d = u8::try_from(day).ok()?;
            if d == 0 || d > days_in_month(2000, month) {
                return None;
            }
            let mut f = DateFacts::new(if timed {
                DateKind::DateTime
            } else {
                DateKind::DayMonth
            });
            f.month = Some(month);
            f.day = Some(d);
            Some(f)
        }
    }
}

fn month_year(year: i32, month: u8) -> DateFacts {
    let mut f = DateFacts::new(DateKind::MonthYear);
    f.year = Some(year);
    f.month = Some(month);
    f
}

/// Widens a date with a day to take in a weekday written just before it
/// ("Friday, March 14, 2024", "Tue 3/14") and the article of an ordinal
/// day ("the 14th of March").
fn extend_left(text: &str, start: usize) -> usize {
    let head = &text[..start];
    let trimmed = head.trim_end_matches([' ', '\t']);
    if trimmed.len() == head.len() && !head.is_empty() {
        // Glued to what precedes it: leave it alone.
        return start;
    }
    let word_start = |s: &str| {
        s.char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(s.len(), |(i, _)| i)
    };
    let starts_with_digit = text[start..].starts_with(|c: char| c.is_ascii_digit());
    let ws = word_start(trimmed);
    if starts_with_digit && trimmed[ws..].eq_ignore_ascii_case("the") {
        return ws;
    }
    let before_comma = trimmed
        .strip_suffix(',')
        .unwrap_or(trimmed)
        .trim_end_matches([' ', '\t']);
    let before_dot = before_comma.strip_suffix('.').unwrap_or(before_comma);
    let ws = word_start(before_dot);
    let word = before_dot[ws..].to_ascii_lowercase();
    let is_weekday = super::calendar::is_weekday(&word)
        || (super::calendar::is_weekday_abbreviation(&word)
            && before_dot[ws..].starts_with(|c: char| c.is_ascii_uppercase()));
    let glued = before_dot[..ws]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric());
    if is_weekday && !glued {
        ws
    } else {
        start
    }
}

/// Like [`numeric_isolated`], except that a dash between two numeric
/// dates ("3/14-3/20", "3/14/2024-3/20/2024") does not glue them together.
fn day_month_isolated(text: &str, start: usize, end: usize) -> bool {
    let is_dash = |c: char| c == '-' || c == '–';
    let md_before = char_before(text, start)
        .filter(|&c| is_dash(c))
        .is_some_and(|dash| {
            let s = &text[..start - dash.len_utf8()];
            let d = s.chars().rev().take_while(char::is_ascii_digit).count();
            (1..=4).contains(&d) && s[..s.len() - d].ends_with(['/', '.'])
        });
    let md_after = char_at(text, end)
        .filter(|&c| is_dash(c))
        .is_some_and(|dash| {
            let s = &text[end + dash.len_utf8()..];
            let d = s.chars().take_while(char::is_ascii_digit).count();
            (1..=2).contains(&d) && s[d..].starts_with(['/', '.'])
        });
    (md_before || !glued_before(text, start)) && (md_after || !super::lex::glued_after(text, end))
}

/// The end of "-15" after "3/14": a second day of a range, when it is one
/// or two digits not followed by more digits or a slash.
fn day_range_end(text: &str, at: usize) -> Option<usize> {
    let dash = char_at(text, at).filter(|&c| c == '-' || c == '–')?;
    let s = &text[at + dash.len_utf8()..];
    let d = s.chars().take_while(char::is_ascii_digit).count();
    let next = s[d..].chars().next();
    let ok = (1..=2).contains(&d)
        && !next.is_some_and(|c| c == '/' || c == '.' || c.is_alphanumeric())
        && s[..d].parse::<u32>().is_ok_and(|v| (1..=31).contains(&v));
    ok.then_some(at + dash.len_utf8() + d)
}

/// True when the gap between two dates of a list or range holds only
/// separators.
fn list_gap(gap: &str) -> bool {
    if gap.len() > 16 {
        return false;
    }
    let rest =
        gap.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '-' | '–' | '&'));
    rest.is_empty()
        || ["and", "or", "to", "through", "thru", "until", "till"]
            .iter()
            .any(|w| rest.eq_ignore_ascii_case(w))
}

fn date_cue_before(text: &str, at: usize) -> bool {
    words_before(text, at, 3, true)
        .iter()
        .any(|w| is_date_cue(w))
}

fn strict_date_cue_before(text: &str, at: usize) -> bool {
    words_before(text, at, 3, true).iter().any(|w| {
        matches!(
            w.as_str(),
            "dob"
                | "date"
                | "dated"
                | "dos"
                | "doa"
                | "dod"
                | "born"
                | "birth"
                | "admitted"
                | "admission"
                | "discharged"
                | "discharge"
                | "collected"
                | "visit"
                | "service"
                | "on"
                | "since"
        )
    })
}

/// True when one of the three words before `at` is a measurement, score
/// or code label (and no date cue sits between it and the number).
fn measure_label_before(text: &str, at: usize) -> bool {
    // Only labels in the same table cell count.
    let mut lo = at.saturating_sub(64);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let cell_start = text[lo..at].rfind(['\t', '|']).map_or(lo, |i| lo + i + 1);
    for w in words_before(&text[cell_start..], at - cell_start, 3, true) {
        if is_date_cue(&w) {
            return false;
        }
        if is_measure_label(&w) {
            return true;
        }
    }
    false
}

fn next_is_unit(text: &str, at: usize) -> bool {
    if matches!(char_at(text, at), Some('%' | '°')) {
        return true;
    }
    // Only a unit that follows directly or after one space counts.
    let rest = &text[at..];
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let word: &str = &rest[..rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len())];
    if word.is_empty() {
        return false;
    }
    let after = rest[word.len()..].chars().next();
    if word.len() == 1 {
        // "5 g", "101 F", but not an initial ("G. Yazzie").
        let c = word.chars().next().unwrap_or(' ');
        let unit = c.is_ascii_lowercase() || matches!(c, 'F' | 'C');
        return unit && after != Some('.') && is_unit_word(&word.to_ascii_lowercase());
    }
    is_unit_word(&word.to_lowercase())
}

/// True when the word after an `a/b` numeral makes it a count or a
/// score ("5/7 days", "2/12 cores", "4/5 strength", "3/6 murmur").
fn count_word_after(text: &str, at: usize) -> bool {
    let rest = text[at..].trim_start_matches(' ');
    if !rest.starts_with(char::is_alphabetic) {
        return false;
    }
    words_after(text, at, 1).first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "days"
                | "nights"
                | "weeks"
                | "times"
                | "drinks"
                | "cores"
                | "nodes"
                | "lymph"
                | "positive"
                | "negative"
                | "biopsies"
                | "samples"
                | "specimens"
                | "criteria"
                | "symptoms"
                | "items"
                | "questions"
                | "strength"
                | "murmur"
                | "sem"
                | "pain"
                | "scale"
                | "reflexes"
                | "pulses"
                | "cup"
                | "cups"
                | "of"
                | "ns"
                | "inch"
                | "correct"
                | "met"
                | "recall"
                | "words"
                | "objects"
                | "sets"
                | "reps"
                | "score"
                | "on"
        )
    })
}

fn is_year_cue(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "from"
            | "until"
            | "till"
            | "to"
            | "by"
            | "during"
            | "circa"
            | "ca"
            | "c"
            | "of"
            | "year"
            | "early"
            | "late"
            | "mid"
            | "around"
            | "before"
            | "after"
            | "between"
            | "and"
            | "through"
            | "thru"
            | "spring"
            | "summer"
            | "fall"
            | "autumn"
            | "winter"
            | "born"
            | "dob"
            | "yob"
            | "class"
            | "graduated"
            | "married"
            | "divorced"
            | "widowed"
            | "retired"
            | "diagnosed"
            | "died"
            | "passed"
            | "moved"
            | "immigrated"
            | "emigrated"
            | "deployed"
            | "served"
            | "sober"
            | "quit"
            | "started"
            | "stopped"
            | "began"
            | "starting"
            | "as"
            | "the"
            | "last"
            | "prior"
    )
}

/// The score of a lone four-digit year, or `None` when the number is not a
/// year here.
fn lone_year_score(
    text: &str,
    start: usize,
    end: usize,
    year: i32,
    reference: CivilDate,
) -> Option<f32> {
    // Year ranges ("2019-2021", "2019–21") are fine; other glued numbers
    // (phone numbers, decimals, codes) are not years.
    let is_dash = |c: char| c == '-' || c == '–';
    let mut back = text[..start].chars().rev();
    let before_ok = match (back.next(), back.next()) {
        (Some(d), Some(c)) if is_dash(d) && c.is_ascii_digit() => {
            let pre = &text[..start - d.len_utf8()];
            pre.chars().rev().take_while(char::is_ascii_digit).count() == 4
        }
        (Some('$' | '#' | '№' | '/' | '.' | ',' | ':' | '+' | '×'), _) => false,
        (Some(c), _) if c.is_alphanumeric() => false,
        _ => true,
    };
    if !before_ok {
        return None;
    }
    let mut fwd = text[end..].chars();
    let after_ok = match (fwd.next(), fwd.next()) {
        (Some(d), Some(c)) if is_dash(d) && c.is_ascii_digit() => {
            let n = text[end + d.len_utf8()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
            n == 4 || n == 2
        }
        (Some('%' | '/'), _) => false,
        (Some('.' | ',' | ':'), Some(c)) if c.is_ascii_digit() => false,
        (Some(c), _) if c.is_alphanumeric() => false,
        _ => true,
    };
    if !after_ok || next_is_unit(text, end) {
        return None;
    }
    let before = words_before(text, start, 3, true);
    let prev = before.first().map(String::as_str);
    if prev.is_some_and(|w| w == "at") {
        let (hh, mm) = (year / 100, year % 100);
        if hh <= 23 && mm <= 59 && !(1900..=2099).contains(&year) {
            return None;
        }
    }
    if prev.is_some_and(is_measure_label) {
        return None;
    }
    if birth_label_before(text, start) {
        return Some(0.9);
    }
    let paren = char_before(text, start) == Some('(') && char_at(text, end) == Some(')');
    if prev.is_some_and(is_year_cue) || paren {
        return Some(0.85);
    }
    ((1900..=reference.year + 1).contains(&year)).then_some(0.55)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<(String, DateFacts)> {
        let p = DatePatterns::new().expect("patterns compile");
        let mut out = Vec::new();
        p.scan(
            text,
            CivilDate {
                year: 2026,
                month: 11,
                day: 22,
            },
            &mut out,
        );
        out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        out.iter()
            .map(|h| match h.facts {
                Facts::Date(d) => (text[h.start..h.end].to_string(), d),
                _ => panic!("not a date"),
            })
            .collect()
    }

    #[test]
    fn list_gaps() {
        assert!(list_gap(", "));
        assert!(list_gap(" and "));
        assert!(list_gap("-"));
        assert!(!list_gap(" mood "));
    }

    #[test]
    fn lone_years_need_plausible_placement() {
        let found = scan("in 2019, 1500 mg, CPT 90837, (2015), room 2019, $2000");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, vec!["2019", "2015"]);
    }
}
