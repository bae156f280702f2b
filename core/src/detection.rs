//! Candidates, detections, keeps and the analysis that holds them.
//!
//! None of these types borrows the analysed text, and none of their `Debug`
//! or `Display` output contains it: offsets, entities, scores and ids only.

use std::fmt;
use std::sync::Arc;

use crate::date::CivilDate;
use crate::{Entity, Span};

/// What a date-like candidate is, so the scoping stage can decide whether
/// Safe Harbor lets it stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateKind {
    /// Day, month and year ("03/14/2024", "March 14, 2024").
    Full,
    /// Day and month without a year ("March 14", "3/14", "the 14th").
    DayMonth,
    /// Month and year ("March 2024", "03/2024", "Mar '24").
    MonthYear,
    /// A year on its own ("in 2019").
    Year,
    /// A date with a time of day ("2024-03-14T10:22").
    DateTime,
    /// A relative or vague time ("last week", "3 months ago", "yesterday").
    Relative,
    /// A day of the week ("Friday").
    Weekday,
    /// A time of day ("at 3 pm", "14:30").
    TimeOfDay,
    /// A duration ("for 2 weeks").
    Duration,
    /// A month name on its own, a season or holiday ("in March", "last spring").
    Vague,
}

/// Parsed parts of a date-like candidate.
///
/// Its `Debug` output names the kind and which parts are present, never
/// their values (day and month are PHI).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateFacts {
    /// What kind of date it is.
    pub kind: DateKind,
    /// The year, when the text gives one (two-digit years already expanded).
    pub year: Option<i32>,
    /// The month, 1–12, when the text gives one.
    pub month: Option<u8>,
    /// The day of the month, when the text gives one.
    pub day: Option<u8>,
    /// True when the date is labelled as a birth date ("DOB", "born in").
    pub birth: bool,
}

impl DateFacts {
    /// Date facts of the given kind with no parts.
    pub fn new(kind: DateKind) -> DateFacts {
        DateFacts {
            kind,
            year: None,
            month: None,
            day: None,
            birth: false,
        }
    }

    /// The age in whole years on `reference` of someone born on this date,
    /// when the year is known (a missing month or day counts as the start of
    /// the year or month, which gives the highest possible age).
    pub fn age_on(&self, reference: CivilDate) -> Option<i32> {
        let year = self.year?;
        let month = self.month.unwrap_or(1);
        let day = self.day.unwrap_or(1);
        let mut age = reference.year - year;
        if (reference.month, reference.day) < (month, day) {
            age -= 1;
        }
        Some(age)
    }
}

impl fmt::Debug for DateFacts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DateFacts")
            .field("kind", &self.kind)
            .field("has_year", &self.year.is_some())
            .field("has_month", &self.month.is_some())
            .field("has_day", &self.day.is_some())
            .field("birth", &self.birth)
            .finish()
    }
}

/// A kind of place the scoping stage may keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PlaceKind {
    /// A US state or territory, by name or postal abbreviation.
    State,
    /// A country.
    Country,
}

/// Typed facts a recognizer attaches to a candidate for the scoping stage.
///
/// `Debug` never shows values that could be PHI.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Facts {
    /// Nothing beyond the entity.
    #[default]
    None,
    /// An age in years.
    Age {
        /// The age in whole years.
        years: u32,
    },
    /// A date or time.
    Date(DateFacts),
    /// A place of a kind the scope may keep.
    Place(PlaceKind),
    /// A clinical code (SNOMED CT, LOINC, NDC, RxNorm, CPT, ICD …) named as
    /// such by its code system, so not an identifier of a person.
    ClinicalCode,
    /// A clinical eponym: a person's name used for a disease, sign, scale,
    /// device or organism ("Parkinson's disease", "Foley catheter").
    Eponym,
}

impl fmt::Debug for Facts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Facts::None => f.write_str("None"),
            // An age of 90 or more is PHI, so Debug shows only the band.
            Facts::Age { years } => {
                write!(f, "Age({})", if *years >= 90 { "90+" } else { "under 90" })
            }
            Facts::Date(d) => write!(f, "Date({d:?})"),
            Facts::Place(p) => write!(f, "Place({p:?})"),
            Facts::ClinicalCode => f.write_str("ClinicalCode"),
            Facts::Eponym => f.write_str("Eponym"),
        }
    }
}

/// What a recognizer reports: a span that may be PHI, before context,
/// scoping and resolution.
#[derive(Clone, PartialEq)]
pub struct Candidate {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub entity: Entity,
    /// The recognizer's confidence, 0.0–1.0, before context enhancement.
    pub score: f32,
    /// The name of the pattern or rule that found it, if any.
    pub pattern: Option<Arc<str>>,
    /// The result of a checksum or format validator, if one ran.
    pub validated: Option<bool>,
    /// Typed facts for the scoping stage.
    pub facts: Facts,
    /// True when the recognizer already took surrounding context into
    /// account, so generic context enhancement must not boost it again.
    pub context_applied: bool,
}

impl Candidate {
    /// A candidate with no pattern name, validation or facts.
    pub fn new(span: Span, entity: Entity, score: f32) -> Candidate {
        Candidate {
            span,
            entity,
            score,
            pattern: None,
            validated: None,
            facts: Facts::None,
            context_applied: false,
        }
    }

    /// Sets the pattern name.
    pub fn with_pattern(mut self, pattern: impl Into<Arc<str>>) -> Candidate {
        self.pattern = Some(pattern.into());
        self
    }

    /// Sets the facts.
    pub fn with_facts(mut self, facts: Facts) -> Candidate {
        self.facts = facts;
        self
    }
}

impl fmt::Debug for Candidate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Candidate")
            .field("span", &self.span)
            .field("entity", &self.entity)
            .field("score", &self.score)
            .field("pattern", &self.pattern)
            .field("validated", &self.validated)
            .field("facts", &self.facts)
            .finish()
    }
}

/// Why a detection was made: which recognizer and pattern, the base score
/// and what context added. Never holds analysed text.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Explanation {
    /// The recognizer's id.
    pub recognizer: Arc<str>,
    /// The pattern or rule name, if any.
    pub pattern: Option<Arc<str>>,
    /// The score before context enhancement.
    pub base_score: f32,
    /// What context enhancement added (0.0 when none).
    pub context_boost: f32,
    /// The context word (from the recognizer's list, not the text) that
    /// triggered the boost.
    pub context_word: Option<Arc<str>>,
    /// The validator's verdict, if a validator ran.
    pub validated: Option<bool>,
}

/// A span the analysis reports as PHI.
#[derive(Clone, PartialEq)]
pub struct Detection {
    /// Where it is (byte offsets).
    pub span: Span,
    /// What it is.
    pub entity: Entity,
    /// The final score, after context enhancement.
    pub score: f32,
    /// The id of the recognizer that found it.
    pub recognizer: Arc<str>,
    /// Typed facts from the recognizer (a date's kind, an age).
    pub facts: Facts,
    /// How it was found.
    pub explanation: Explanation,
}

impl Detection {
    /// The detected slice of `haystack` (the text that was analysed).
    ///
    /// # Example
    /// ```
    /// # use phimask_core::*;
    /// let analyzer = Analyzer::builder()
    ///     .add_recognizer(PatternRecognizer::builder("ssn", Entity::UsSsn)
    ///         .pattern("ssn", r"\d{3}-\d{2}-\d{4}", 0.9).build()?)
    ///     .build()?;
    /// let text = "SSN 123-45-6789";
    /// let analysis = analyzer.analyze(text)?;
    /// assert_eq!(analysis.detections[0].text(text), Some("123-45-6789"));
    /// # Ok::<(), phimask_core::Error>(())
    /// ```
    pub fn text<'h>(&self, haystack: &'h str) -> Option<&'h str> {
        self.span.text(haystack)
    }
}

impl fmt::Debug for Detection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Detection")
            .field("span", &self.span)
            .field("entity", &self.entity)
            .field("score", &self.score)
            .field("recognizer", &self.recognizer)
            .field("facts", &self.facts)
            .finish()
    }
}

impl fmt::Display for Detection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {} ({:.2})", self.entity, self.span, self.score)
    }
}

/// Why a candidate was not reported.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "by", content = "name", rename_all = "snake_case")]
#[non_exhaustive]
pub enum KeepReason {
    /// A scoping rule kept it (its name, e.g. `age_under_90`).
    Rule(Arc<str>),
    /// The allow list holds its exact value.
    AllowList,
    /// Its score stayed below the threshold.
    BelowThreshold,
}

impl fmt::Display for KeepReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeepReason::Rule(name) => write!(f, "rule {name}"),
            KeepReason::AllowList => f.write_str("allow list"),
            KeepReason::BelowThreshold => f.write_str("below threshold"),
        }
    }
}

/// A candidate the analysis decided to leave in the text, with the reason.
#[derive(Clone, PartialEq)]
pub struct Kept {
    /// Where it is.
    pub span: Span,
    /// What it would have been.
    pub entity: Entity,
    /// Its score after context enhancement.
    pub score: f32,
    /// The recognizer that proposed it.
    pub recognizer: Arc<str>,
    /// Typed facts from the recognizer.
    pub facts: Facts,
    /// Why it stays.
    pub reason: KeepReason,
}

impl fmt::Debug for Kept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Kept")
            .field("span", &self.span)
            .field("entity", &self.entity)
            .field("score", &self.score)
            .field("recognizer", &self.recognizer)
            .field("facts", &self.facts)
            .field("reason", &self.reason)
            .finish()
    }
}

/// The result of analysing one text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// One consistent, non-overlapping answer per region, sorted by start.
    pub detections: Vec<Detection>,
    /// Every region the masker must cover: the union of all candidates above
    /// the threshold that no rule kept, merged and sorted. Always a superset
    /// of the detections' spans.
    pub coverage: Vec<Span>,
    /// Candidates left in the text, each with the reason (scope rules, allow
    /// list). Candidates below the threshold are listed only when the
    /// analyzer is asked to explain.
    pub kept: Vec<Kept>,
    /// The length in bytes of the analysed text.
    pub text_len: usize,
}

impl Analysis {
    /// True when nothing was detected.
    pub fn is_empty(&self) -> bool {
        self.detections.is_empty() && self.coverage.is_empty()
    }
}
