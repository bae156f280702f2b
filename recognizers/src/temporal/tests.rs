//! Unit and end-to-end tests of the temporal recognizers.

use super::*;
use phimask_core::{Analyzer, CivilDate, DateKind, KeepReason};

const REF: CivilDate = CivilDate {
    year: 2026,
    month: 11,
    day: 22,
};

fn is_absolute(k: DateKind) -> bool {
    matches!(
        k,
        DateKind::Full
            | DateKind::DayMonth
            | DateKind::MonthYear
            | DateKind::Year
            | DateKind::DateTime
    )
}

/// Absolute date hits: (text, facts).
fn abs(text: &str) -> Vec<(&str, DateFacts)> {
    let r = DateRecognizer::new().expect("builds");
    r.hits(text, REF)
        .into_iter()
        .filter_map(|h| match h.facts {
            Facts::Date(d) if is_absolute(d.kind) => Some((&text[h.start..h.end], d)),
            _ => None,
        })
        .collect()
}

/// Relative hits: (text, kind).
fn rel(text: &str) -> Vec<(&str, DateKind)> {
    let r = DateRecognizer::new().expect("builds");
    r.hits(text, REF)
        .into_iter()
        .filter_map(|h| match h.facts {
            Facts::Date(d) if !is_absolute(d.kind) => Some((&text[h.start..h.end], d.kind)),
            _ => None,
        })
        .collect()
}

fn ages(text: &str) -> Vec<(&str, u32)> {
    let r = AgeRecognizer::new().expect("builds");
    r.hits(text)
        .into_iter()
        .filter_map(|h| match h.facts {
            Facts::Age { years } => Some((&text[h.start..h.end], years)),
            _ => None,
        })
        .collect()
}

fn facts(kind: DateKind, y: Option<i32>, m: Option<u8>, d: Option<u8>) -> DateFacts {
    let mut f = DateFacts::new(kind);
    f.year = y;
    f.month = m;
    f.day = d;
    f
}

fn full(y: i32, m: u8, d: u8) -> DateFacts {
    facts(DateKind::Full, Some(y), Some(m), Some(d))
}

/// Asserts `text` holds exactly one absolute date, `span`, with `f`.
#[track_caller]
fn one(text: &str, span: &str, f: DateFacts) {
    assert_eq!(abs(text), vec![(span, f)], "in {text:?}");
}

#[track_caller]
fn none(text: &str) {
    assert_eq!(abs(text), vec![], "in {text:?}");
}

// ---------------------------------------------------------------- numeric

#[test]
fn numeric_month_first() {
    one("Seen 03/14/2024 in clinic", "03/14/2024", full(2024, 3, 14));
    one("Seen 3/14/24.", "3/14/24", full(2024, 3, 14));
    one("on 3-14-2024", "3-14-2024", full(2024, 3, 14));
    one("DOS 1/2/61", "1/2/61", full(1961, 1, 2));
    one("DOB :  3 / 14 / 1962\n", "3 / 14 / 1962", {
        let mut f = full(1962, 3, 14);
        f.birth = true;
        f
    });
    none("scores 10 - 12 - 14 and 3 / 4 / 24");
    one("scores 1 - 3/14/2024", "3/14/2024", full(2024, 3, 14));
}

#[test]
fn numeric_day_first_when_month_cannot_be_first() {
    one("14/03/2024", "14/03/2024", full(2024, 3, 14));
    one("Am 14.03.2024 gesehen", "14.03.2024", full(2024, 3, 14));
}

#[test]
fn iso_and_year_first() {
    one("2024-03-14", "2024-03-14", full(2024, 3, 14));
    one("on 2024/03/14,", "2024/03/14", full(2024, 3, 14));
    one(
        "at 2024-03-14T10:22:00Z ok",
        "2024-03-14T10:22:00Z",
        facts(DateKind::DateTime, Some(2024), Some(3), Some(14)),
    );
    one(
        "Signed 03/14/2024 10:22 by",
        "03/14/2024 10:22",
        facts(DateKind::DateTime, Some(2024), Some(3), Some(14)),
    );
    one(
        "Signed 03/14/2024 at 3 pm",
        "03/14/2024 at 3 pm",
        facts(DateKind::DateTime, Some(2024), Some(3), Some(14)),
    );
}

#[test]
fn compact_needs_context() {
    one("DOB: 19610102", "19610102", {
        let mut f = full(1961, 1, 2);
        f.birth = true;
        f
    });
    one("Date of service 20240314.", "20240314", full(2024, 3, 14));
    none("Acct 20240314");
    none("ref 20240314");
}

#[test]
fn month_year_numeric() {
    one(
        "since 03/2024",
        "03/2024",
        facts(DateKind::MonthYear, Some(2024), Some(3), None),
    );
    none("dilution 1/2000 ok");
    one(
        "Seen 2024-03; next visit later",
        "2024-03",
        facts(DateKind::MonthYear, Some(2024), Some(3), None),
    );
    one(
        "the 2019-20 season",
        "2019",
        facts(DateKind::Year, Some(2019), None, None),
    );
}

// ---------------------------------------------------------------- written

#[test]
fn written_month_first() {
    one("on March 14, 2024.", "March 14, 2024", full(2024, 3, 14));
    one("Mar 14 2024", "Mar 14 2024", full(2024, 3, 14));
    one("Mar. 14th, 2024", "Mar. 14th, 2024", full(2024, 3, 14));
    one("SEPT 3, 1999", "SEPT 3, 1999", full(1999, 9, 3));
    one(
        "on Wednesday, September 2, 2026.",
        "Wednesday, September 2, 2026",
        full(2026, 9, 2),
    );
    one("Tue 3/14/2024", "Tue 3/14/2024", full(2024, 3, 14));
    one("MRN 6902034900 | 02/09/25", "02/09/25", full(2025, 2, 9));
    one(
        "| MRN E6393680 | 05.01.2025 |",
        "05.01.2025",
        full(2025, 1, 5),
    );
    one(
        "Last seen by DR. LaFleur on 2/25. Symptoms began",
        "2/25",
        facts(DateKind::DayMonth, None, Some(2), Some(25)),
    );
    one(
        "March 14th she",
        "March 14th",
        facts(DateKind::DayMonth, None, Some(3), Some(14)),
    );
    one(
        "seen March 14 for",
        "March 14",
        facts(DateKind::DayMonth, None, Some(3), Some(14)),
    );
    one("Jan 5-9, 2021", "Jan 5-9, 2021", full(2021, 1, 5));
    one(
        "from March 14-16 at",
        "March 14-16",
        facts(DateKind::DayMonth, None, Some(3), Some(14)),
    );
    one("14-16 March 2024", "14-16 March 2024", full(2024, 3, 16));
    let got: Vec<&str> = abs("move it from Jun 7th to 12/28 please")
        .iter()
        .map(|x| x.0)
        .collect();
    assert_eq!(got, vec!["Jun 7th", "12/28"]);
    let got: Vec<&str> = abs("follow up June 4th. Jun 9 too")
        .iter()
        .map(|x| x.0)
        .collect();
    assert_eq!(got, vec!["June 4th", "Jun 9"]);
    one("Mar-14-24", "Mar-14-24", full(2024, 3, 14));
}

#[test]
fn written_day_first() {
    one("14 Mar 2024", "14 Mar 2024", full(2024, 3, 14));
    one("on 14-Mar-2024;", "14-Mar-2024", full(2024, 3, 14));
    one("14MAR2024", "14MAR2024", full(2024, 3, 14));
    one("14-Mar-24", "14-Mar-24", full(2024, 3, 14));
    one(
        "on the 14th of March we",
        "the 14th of March",
        facts(DateKind::DayMonth, None, Some(3), Some(14)),
    );
    one(
        "14th of March, 2024",
        "14th of March, 2024",
        full(2024, 3, 14),
    );
}

#[test]
fn month_and_year() {
    let my = |y, m| facts(DateKind::MonthYear, Some(y), Some(m), None);
    one("in March 2024 she", "March 2024", my(2024, 3));
    one("Mar '24", "Mar '24", my(2024, 3));
    one("since Dec. 2019", "Dec. 2019", my(2019, 12));
    one("in March of 2020", "March of 2020", my(2020, 3));
    one(
        "Spring 2024 term",
        "Spring 2024",
        facts(DateKind::MonthYear, Some(2024), None, None),
    );
    one(
        "Christmas 2023",
        "Christmas 2023",
        facts(DateKind::Full, Some(2023), Some(12), Some(25)),
    );
}

#[test]
fn lowercase_may_is_a_verb() {
    none("pt may 10 be seen");
    one(
        "seen May 10",
        "May 10",
        facts(DateKind::DayMonth, None, Some(5), Some(10)),
    );
}

#[test]
fn ordinal_day_alone() {
    one(
        "return on the 14th.",
        "the 14th",
        facts(DateKind::DayMonth, None, None, Some(14)),
    );
    none("on the 14th floor");
}

// ------------------------------------------------------------ day-month

#[test]
fn day_month_numerals_need_a_cue() {
    let dm = facts(DateKind::DayMonth, None, Some(3), Some(14));
    one("seen on 3/14 for f/u", "3/14", dm);
    one("DOS: 3/14", "3/14", dm);
    one("admitted 3/14", "3/14", dm);
    one(
        "3/14 10:22 called",
        "3/14 10:22",
        facts(DateKind::DateTime, None, Some(3), Some(14)),
    );
    none("took 1/2 tab");
    none("Mood 3/10, anxiety 7/10");
    none("BP 128/82 HR 72");
    none("PHQ-9 14/27");
    none("PHQ-9 8/27 today");
    none("pain rated 3/10 on admission");
    none("strength 5/5 bilaterally");
    none("Grade 3/6 murmur");
    none("4/5 strength in LLE");
    none("drinks 5/7 days");
    none("2/12 cores positive");
    none("dyspnea 2/2 CHF");
    one(
        "d/w daughter 3/8",
        "3/8",
        facts(DateKind::DayMonth, None, Some(3), Some(8)),
    );
    one(
        "12/25 was hard",
        "12/25",
        facts(DateKind::DayMonth, None, Some(12), Some(25)),
    );
}

#[test]
fn day_month_lists_and_ranges() {
    let got: Vec<&str> = abs("visits on 3/14, 3/20 and 4/2")
        .iter()
        .map(|x| x.0)
        .collect();
    assert_eq!(got, vec!["3/14", "3/20", "4/2"]);
    let got: Vec<&str> = abs("from 3/14-3/20").iter().map(|x| x.0).collect();
    assert_eq!(got, vec!["3/14", "3/20"]);
    one(
        "admitted 3/14-15 for",
        "3/14-15",
        facts(DateKind::DayMonth, None, Some(3), Some(14)),
    );
    one(
        "| sertraline 200 mg | daily | 4/10 |",
        "4/10",
        facts(DateKind::DayMonth, None, Some(4), Some(10)),
    );
    none("| mood | 4/10 |");
    let got: Vec<&str> = abs("3/14/2024-3/20/2024").iter().map(|x| x.0).collect();
    assert_eq!(got, vec!["3/14/2024", "3/20/2024"]);
}

// ----------------------------------------------------------------- years

#[test]
fn lone_years() {
    let y = |v| facts(DateKind::Year, Some(v), None, None);
    one("diagnosed in 2019.", "2019", y(2019));
    one("sober since 2003", "2003", y(2003));
    one("Smith et al. (2015)", "2015", y(2015));
    one("2024 was hard", "2024", y(2024));
    let got: Vec<&str> = abs("from 2019-2021").iter().map(|x| x.0).collect();
    assert_eq!(got, vec!["2019", "2021"]);
}

#[test]
fn birth_years() {
    let mut f = facts(DateKind::Year, Some(1931), None, None);
    f.birth = true;
    one("born in 1931", "1931", f);
    one("DOB 1931", "1931", f);
    let mut f = facts(DateKind::Year, Some(1961), None, None);
    f.birth = true;
    one("(b. 1961)", "1961", f);
    let mut f = full(1961, 1, 2);
    f.birth = true;
    one("DOB: 1/2/1961", "1/2/1961", f);
    one("Date of birth 1/2/1961", "1/2/1961", f);
    one("D.O.B. 1/2/1961", "1/2/1961", f);
    one("was born 1/2/1961", "1/2/1961", f);
}

#[test]
fn numbers_that_are_not_dates() {
    none("sertraline 1500 mg daily");
    none("CPT 90837");
    none("ICD-10 F33.1");
    none("call 212-555-0198");
    none("SSN 123-45-6789");
    none("WBC 12.5, Hgb 10.2");
    none("platelets 2000/uL");
    none("room 2019");
    none("$2000 copay");
    none("glucose 110-120");
    none("Trintellix 10 mg, BP 120/80, HR 72, T 98.6 F");
    none("at 0800");
    none("titrate 5-10-15 mg");
}

// -------------------------------------------------------------- relative

#[test]
fn relative_times_have_kept_kinds() {
    assert_eq!(
        rel("seen last week"),
        vec![("last week", DateKind::Relative)]
    );
    assert_eq!(rel("yesterday"), vec![("yesterday", DateKind::Relative)]);
    assert_eq!(
        rel("this morning"),
        vec![("this morning", DateKind::Relative)]
    );
    assert_eq!(
        rel("3 months ago"),
        vec![("3 months ago", DateKind::Relative)]
    );
    assert_eq!(
        rel("in childhood"),
        vec![("in childhood", DateKind::Relative)]
    );
    assert_eq!(rel("on Friday"), vec![("Friday", DateKind::Weekday)]);
    assert_eq!(
        rel("over the weekend"),
        vec![("over the weekend", DateKind::Relative)]
    );
    assert_eq!(
        rel("for 2 weeks"),
        vec![("for 2 weeks", DateKind::Duration)]
    );
    assert_eq!(rel("x 3 years"), vec![("x 3 years", DateKind::Duration)]);
    assert_eq!(rel("at 3 pm"), vec![("3 pm", DateKind::TimeOfDay)]);
    assert_eq!(rel("at 14:30"), vec![("14:30", DateKind::TimeOfDay)]);
    assert_eq!(rel("10:30"), vec![("10:30", DateKind::TimeOfDay)]);
    assert_eq!(rel("in March"), vec![("March", DateKind::Vague)]);
    assert_eq!(
        rel("last spring"),
        vec![("last spring", DateKind::Relative)]
    );
    assert_eq!(rel("in the fall"), vec![("in the fall", DateKind::Vague)]);
    assert_eq!(rel("at Christmas"), vec![("Christmas", DateKind::Vague)]);
    assert_eq!(rel("in the 1990s"), vec![("the 1990s", DateKind::Vague)]);
}

#[test]
fn relative_inside_dates_is_dropped() {
    assert_eq!(rel("in March 2024"), vec![]);
    assert_eq!(rel("03/14/2024 10:22"), vec![]);
    assert_eq!(rel("a 34 years old man"), vec![]);
    assert_eq!(rel("a 3-year-old"), vec![]);
}

// ------------------------------------------------------------------ ages

#[test]
fn numeric_ages() {
    assert_eq!(ages("A 92-year-old woman"), vec![("92", 92)]);
    assert_eq!(ages("92 year old"), vec![("92", 92)]);
    assert_eq!(ages("92 yo"), vec![("92", 92)]);
    assert_eq!(ages("92 y/o F"), vec![("92", 92)]);
    assert_eq!(ages("92 y.o. male"), vec![("92", 92)]);
    assert_eq!(ages("age 95"), vec![("95", 95)]);
    assert_eq!(ages("aged 101"), vec![("101", 101)]);
    assert_eq!(ages("Age: 90"), vec![("90", 90)]);
    assert_eq!(ages("Age: 92y"), vec![("92", 92)]);
    assert_eq!(ages("a 90 y/o"), vec![("90", 90)]);
    assert_eq!(ages("92M with CHF"), vec![("92", 92)]);
    assert_eq!(ages("Pt is a 92 F with"), vec![("92", 92)]);
    assert_eq!(ages("Age/Sex: 92/F"), vec![("92", 92)]);
    assert_eq!(ages("92-yr-old"), vec![("92", 92)]);
    assert_eq!(ages("92‑year‑old"), vec![("92", 92)]);
    assert_eq!(ages("34-year-old"), vec![("34", 34)]);
    assert_eq!(ages("a 3-month-old"), vec![("3", 0)]);
    assert_eq!(ages("She turns 90 on June 3"), vec![("90", 90)]);
    assert_eq!(ages("she is 93."), vec![("93", 93)]);
    assert_eq!(ages("she is 95 lbs"), vec![]);
    assert_eq!(ages("he is 100% adherent"), vec![]);
    assert_eq!(ages("Renée Khan is 100 yrs M"), vec![("100", 100)]);
    assert_eq!(ages("is 96 yrs old"), vec![("96", 96)]);
    assert_eq!(ages("he was 3 years sober"), vec![]);
    assert_eq!(ages("father died at 94 of"), vec![("94", 94)]);
    assert_eq!(ages("Her mother, 92, lives"), vec![("92", 92)]);
    assert_eq!(ages("her father (94) has"), vec![("94", 94)]);
    assert_eq!(ages("John Smith, 91, presented"), vec![("91", 91)]);
    assert_eq!(ages("HR 88, 92, 95"), vec![]);
    assert_eq!(ages("Glucose (95) fasting"), vec![]);
    assert_eq!(ages("SMITH, JUNE H, 93 female, MRN"), vec![("93", 93)]);
    assert_eq!(ages("DOB: Jan. 1, 1932 (94)   F"), vec![("94", 94)]);
    assert_eq!(
        ages("| the 22nd of April, 1999 | 96 | F42.2 |"),
        vec![("96", 96)]
    );
    assert_eq!(ages("HR 93 male"), vec![]);
    assert_eq!(ages("TRAN, LAKISHA, 90male, MRN"), vec![("90", 90)]);
    assert_eq!(
        ages("Patient: FRANCESCA COHEN, 105 yrs, bed 318"),
        vec![("105", 105)]
    );
    assert_eq!(
        ages("Marquis Brelessmund (104 yrs, DOB"),
        vec![("104", 104)]
    );
    assert_eq!(
        ages("| kalani m. baker | 11-11-43 | 99 |"),
        vec![("99", 99)]
    );
    assert_eq!(ages("DOB: 1927/05/19 (99 y.o.)"), vec![("99", 99)]);
    assert_eq!(ages("smoked x 30 yrs, quit"), vec![]);
}

#[test]
fn worded_ages() {
    assert_eq!(ages("a ninety-two-year-old man"), vec![("ninety-two", 92)]);
    assert_eq!(
        ages("one hundred and one years old"),
        vec![("one hundred and one", 101)]
    );
    assert_eq!(
        ages("a one hundred nineteen year old"),
        vec![("one hundred nineteen", 119)]
    );
    assert_eq!(ages("in her 90s"), vec![("90s", 90)]);
    assert_eq!(ages("she is ninety-two."), vec![("ninety-two", 92)]);
    assert_eq!(ages("she is two hours late"), vec![]);
    assert_eq!(
        ages("Pt is ninety-one and lives alone"),
        vec![("ninety-one", 91)]
    );
    assert_eq!(ages("he is twenty and works"), vec![]);
    // Said of kin, by the speaker, with an adverb between.
    assert_eq!(
        ages("My mother is also ninety-three and still gardening."),
        vec![("ninety-three", 93)]
    );
    assert_eq!(
        ages("I'm sixty-nine, believe it or not."),
        vec![("sixty-nine", 69)]
    );
    assert_eq!(ages("He's 91 now."), vec![("91", 91)]);
    assert_eq!(ages("My father was 94 when he died."), vec![("94", 94)]);
    assert_eq!(ages("The son is 12 minutes away."), vec![]);
    assert_eq!(ages("in his late nineties"), vec![("nineties", 90)]);
    assert_eq!(ages("in his 40s"), vec![("40s", 40)]);
    assert_eq!(ages("a nonagenarian"), vec![("nonagenarian", 90)]);
    assert_eq!(ages("a centenarian"), vec![("centenarian", 100)]);
}

#[test]
fn not_ages() {
    assert_eq!(ages("x 3 years"), vec![]);
    assert_eq!(ages("quetiapine 90 mg"), vec![]);
    assert_eq!(ages("T 101 F"), vec![]);
    assert_eq!(ages("Temp 100 F, HR 92"), vec![]);
    assert_eq!(ages("placed 16 F Foley"), vec![]);
    assert_eq!(ages("in the 90s"), vec![]);
    assert_eq!(ages("sats in the 90s"), vec![]);
    assert_eq!(ages("for 92 days"), vec![]);
}

// ------------------------------------------------------------- pipeline

fn analyzer() -> Analyzer {
    let mut b = Analyzer::builder();
    for r in recognizers().expect("builds") {
        b.add_shared_recognizer(r);
    }
    b.reference_date(REF).build().expect("analyzer builds")
}

fn rule(name: &str) -> KeepReason {
    KeepReason::Rule(name.into())
}

#[test]
fn pipeline_keeps_what_safe_harbor_allows() {
    let text = "A 34-year-old seen in 2019, last week and on Friday at 3 pm.";
    let a = analyzer().analyze(text).expect("analysis");
    assert!(a.detections.is_empty(), "{:?}", a.detections);
    let kept: Vec<(&str, &KeepReason)> = a
        .kept
        .iter()
        .map(|k| (&text[k.span.range()], &k.reason))
        .collect();
    assert_eq!(
        kept,
        vec![
            ("34", &rule("age_under_90")),
            ("2019", &rule("year_alone")),
            ("last week", &rule("relative_time")),
            ("Friday", &rule("relative_time")),
            ("3 pm", &rule("relative_time")),
        ]
    );
}

#[test]
fn pipeline_masks_old_ages_and_dates() {
    let text = "92-year-old born in 1931, seen 03/14/2024; a 45 y/o since 2003.";
    let a = analyzer();
    let masked = a.mask(text).expect("mask");
    assert_eq!(
        masked.text,
        "●●-year-old born in ●●●●, seen ●●●●●●●●●●; a 45 y/o since 2003."
    );
    let analysis = a.analyze(text).expect("analysis");
    let found: Vec<(&str, &Entity)> = analysis
        .detections
        .iter()
        .map(|d| (&text[d.span.range()], &d.entity))
        .collect();
    assert_eq!(
        found,
        vec![
            ("92", &Entity::Age),
            ("1931", &Entity::DateTime),
            ("03/14/2024", &Entity::DateTime),
        ]
    );
}

#[test]
fn pipeline_birth_year_under_90_stays() {
    let text = "born in 1961";
    let a = analyzer().analyze(text).expect("analysis");
    assert!(a.detections.is_empty());
    assert_eq!(a.kept.len(), 1);
    assert_eq!(a.kept[0].reason, rule("year_alone"));
}

#[test]
fn pipeline_clinical_content_untouched() {
    let text = "sertraline 50 mg, Trintellix 10 mg, BP 128/82, HR 72, PHQ-9: 14, \
                GAD-7 11, YMRS 30, mood 3/10, F33.1, CPT 90837, PHQ-9 14/27.";
    let masked = analyzer().mask(text).expect("mask");
    assert_eq!(masked.text, text);
}

#[test]
fn debug_output_has_no_phi() {
    let text = "DOB 03/14/1931, 92-year-old";
    let a = analyzer().analyze(text).expect("analysis");
    let dbg = format!("{a:?}");
    assert!(!dbg.contains("1931") && !dbg.contains("92,") && !dbg.contains("03/14"));
    let r = DateRecognizer::new().expect("builds");
    assert!(!format!("{r:?}").contains('/'));
}

#[test]
fn large_input_is_linear_enough() {
    let chunk = "Pt seen 03/14/2024 by Dr. X; mood 3/10, BP 128/82, 92 y/o, last week, in 2019. ";
    let text = chunk.repeat(1 << 20 >> 7);
    let start = std::time::Instant::now();
    let mut out = Vec::new();
    let ctx = Context::new(REF);
    DateRecognizer::new()
        .expect("builds")
        .recognize(
            &phimask_core::document::Document::new(&text),
            &ctx,
            &mut out,
        )
        .expect("ok");
    AgeRecognizer::new()
        .expect("builds")
        .recognize(
            &phimask_core::document::Document::new(&text),
            &ctx,
            &mut out,
        )
        .expect("ok");
    let n = text.len() / chunk.len();
    assert_eq!(out.len(), n * 4);
    assert!(
        start.elapsed().as_secs() < 20,
        "too slow: {:?}",
        start.elapsed()
    );
}

#[test]
fn odd_input_never_panics_and_spans_are_char_aligned() {
    let pieces = [
        "3/14",
        "–",
        "-",
        "/",
        ".",
        "é",
        "😀",
        "İ",
        "Mar",
        "may",
        "14th",
        "the ",
        " ",
        "\n",
        "1931",
        "'",
        "’",
        "92",
        "y/o",
        "F",
        "(",
        ")",
        ",",
        "DOB:",
        "born",
        "at",
        "10:30",
        "pm",
        "ninety",
        "-year-old",
        "in her ",
        "90s",
        "2024-03-14",
        "T",
        "Z",
        "|",
        "b. ",
        "0",
        "ñ",
    ];
    // A small deterministic generator (xorshift) over the pieces.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let date = DateRecognizer::new().expect("builds");
    let age = AgeRecognizer::new().expect("builds");
    let ctx = Context::new(REF);
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..12 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let mut out = Vec::new();
        date.recognize(
            &phimask_core::document::Document::new(&text),
            &ctx,
            &mut out,
        )
        .expect("ok");
        age.recognize(
            &phimask_core::document::Document::new(&text),
            &ctx,
            &mut out,
        )
        .expect("ok");
        for c in &out {
            assert!(c.span.start < c.span.end && c.span.end <= text.len());
            assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
        }
    }
}
