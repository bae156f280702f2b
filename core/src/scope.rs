//! The scoping stage: rules that keep a candidate in the text, each with a
//! name that the analysis records as the reason.
//!
//! The built-in rules implement the Safe Harbor "may stay" list by reading
//! the typed [`Facts`] that recognizers attach: ages under 90, years on
//! their own (unless they reveal an age of 90 or more), relative and vague
//! times, US states and countries, clinical codes named by their code
//! system, clinical eponyms.

use std::fmt;
use std::sync::Arc;

use crate::recognizer::Context;
use crate::{Candidate, DateKind, Entity, Error, Facts, PlaceKind};

/// A rule that may keep a candidate in the text.
///
/// # Example
/// ```
/// use phimask_core::*;
/// use phimask_core::scope::ScopeRule;
///
/// /// Keeps four-digit numbers labelled as room numbers.
/// #[derive(Debug)]
/// struct KeepShortIds;
/// impl ScopeRule for KeepShortIds {
///     fn name(&self) -> &str { "short_ids" }
///     fn keeps(&self, text: &str, c: &Candidate, _: &Context<'_>) -> bool {
///         c.entity == Entity::IdNumber && c.span.len() <= 4
///     }
/// }
/// let analyzer = Analyzer::builder()
///     .add_recognizer(PatternRecognizer::builder("ids", Entity::IdNumber)
///         .pattern("digits", r"\d+", 0.9).build()?)
///     .add_scope_rule(KeepShortIds)
///     .build()?;
/// let a = analyzer.analyze("room 1234, badge 987654")?;
/// assert_eq!(a.detections.len(), 1);
/// assert_eq!(a.kept[0].reason, KeepReason::Rule("short_ids".into()));
/// # Ok::<(), phimask_core::Error>(())
/// ```
pub trait ScopeRule: Send + Sync + fmt::Debug {
    /// The rule's name, recorded as the reason a candidate was kept.
    fn name(&self) -> &str;

    /// True when the candidate may stay in the text.
    fn keeps(&self, text: &str, candidate: &Candidate, ctx: &Context<'_>) -> bool;
}

impl<R: ScopeRule + ?Sized> ScopeRule for Arc<R> {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn keeps(&self, text: &str, candidate: &Candidate, ctx: &Context<'_>) -> bool {
        (**self).keeps(text, candidate, ctx)
    }
}

impl<R: ScopeRule + ?Sized> ScopeRule for Box<R> {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn keeps(&self, text: &str, candidate: &Candidate, ctx: &Context<'_>) -> bool {
        (**self).keeps(text, candidate, ctx)
    }
}

/// The names of the built-in rules, as policies spell them.
pub const BUILTIN_RULES: &[&str] = &[
    "age_under_90",
    "year_alone",
    "relative_time",
    "us_state",
    "country",
    "clinical_code",
    "eponym",
];

/// Keeps ages below a limit (Safe Harbor: 90).
#[derive(Clone, Debug)]
pub struct AgeUnder {
    limit: u32,
    name: String,
}

impl AgeUnder {
    /// Keeps ages strictly below `limit`. Named `age_under_{limit}`.
    pub fn new(limit: u32) -> AgeUnder {
        AgeUnder {
            limit,
            name: format!("age_under_{limit}"),
        }
    }
}

impl ScopeRule for AgeUnder {
    fn name(&self) -> &str {
        &self.name
    }
    fn keeps(&self, _: &str, c: &Candidate, _: &Context<'_>) -> bool {
        matches!(c.facts, Facts::Age { years } if years < self.limit)
    }
}

/// Keeps a year on its own ("in 2019"), unless it is a birth year that
/// reveals an age at or above the limit on the reference date.
#[derive(Clone, Debug)]
pub struct YearAlone {
    age_limit: u32,
}

impl YearAlone {
    /// A year rule that still masks birth years revealing ages ≥ `age_limit`.
    pub fn new(age_limit: u32) -> YearAlone {
        YearAlone { age_limit }
    }
}

impl ScopeRule for YearAlone {
    fn name(&self) -> &str {
        "year_alone"
    }
    fn keeps(&self, _: &str, c: &Candidate, ctx: &Context<'_>) -> bool {
        let Facts::Date(d) = c.facts else {
            return false;
        };
        if d.kind != DateKind::Year {
            return false;
        }
        let reveals_old_age = d
            .age_on(ctx.reference_date())
            .is_some_and(|age| age >= self.age_limit as i32);
        // A year of the distant past reveals an age too when it is a birth
        // year; any other lone year may stay.
        !(d.birth && reveals_old_age)
    }
}

/// Keeps relative and vague times: "last week", "Friday", "3 months ago",
/// durations and times of day.
#[derive(Clone, Copy, Debug, Default)]
pub struct RelativeTime;

impl ScopeRule for RelativeTime {
    fn name(&self) -> &str {
        "relative_time"
    }
    fn keeps(&self, _: &str, c: &Candidate, _: &Context<'_>) -> bool {
        matches!(
            c.facts,
            Facts::Date(d) if matches!(
                d.kind,
                DateKind::Relative
                    | DateKind::Weekday
                    | DateKind::TimeOfDay
                    | DateKind::Duration
                    | DateKind::Vague
            )
        )
    }
}

/// Keeps places of one kind (US states, countries).
#[derive(Clone, Debug)]
pub struct KeepPlace {
    kind: PlaceKind,
}

impl KeepPlace {
    /// Keeps US states and territories.
    pub fn us_state() -> KeepPlace {
        KeepPlace {
            kind: PlaceKind::State,
        }
    }
    /// Keeps countries.
    pub fn country() -> KeepPlace {
        KeepPlace {
            kind: PlaceKind::Country,
        }
    }
}

impl ScopeRule for KeepPlace {
    fn name(&self) -> &str {
        match self.kind {
            PlaceKind::State => "us_state",
            PlaceKind::Country => "country",
        }
    }
    fn keeps(&self, _: &str, c: &Candidate, _: &Context<'_>) -> bool {
        match c.facts {
            Facts::Place(k) => k == self.kind,
            _ => match self.kind {
                PlaceKind::State => c.entity == Entity::UsState,
                PlaceKind::Country => c.entity == Entity::Country,
            },
        }
    }
}

/// Keeps clinical codes that their code system names ("SNOMED 195967001",
/// a FHIR `coding` whose `system` is LOINC, an HL7 `^SCT` component):
/// Safe Harbor lets clinical codes stay.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClinicalCode;

impl ScopeRule for ClinicalCode {
    fn name(&self) -> &str {
        "clinical_code"
    }
    fn keeps(&self, _: &str, c: &Candidate, _: &Context<'_>) -> bool {
        matches!(c.facts, Facts::ClinicalCode)
    }
}

/// Keeps clinical eponyms ("Parkinson's disease", "Glasgow Coma Scale",
/// "Foley catheter"): Safe Harbor lets them stay, and keeping them as
/// spans stops a person of the same name elsewhere in the document from
/// being carried into them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Eponym;

impl ScopeRule for Eponym {
    fn name(&self) -> &str {
        "eponym"
    }
    fn keeps(&self, _: &str, c: &Candidate, _: &Context<'_>) -> bool {
        matches!(c.facts, Facts::Eponym)
    }
}

/// Builds a built-in rule from its policy name (see [`BUILTIN_RULES`]);
/// `age_under_N` takes any limit N.
///
/// # Errors
/// [`crate::ErrorKind::InvalidPolicy`] naming an unknown rule.
pub fn builtin_rule(name: &str, age_limit: u32) -> Result<Arc<dyn ScopeRule>, Error> {
    Ok(match name {
        "year_alone" => Arc::new(YearAlone::new(age_limit)),
        "relative_time" => Arc::new(RelativeTime),
        "us_state" => Arc::new(KeepPlace::us_state()),
        "country" => Arc::new(KeepPlace::country()),
        "clinical_code" => Arc::new(ClinicalCode),
        "eponym" => Arc::new(Eponym),
        "age_under_90" => Arc::new(AgeUnder::new(age_limit)),
        other => match other.strip_prefix("age_under_").map(str::parse::<u32>) {
            Some(Ok(limit)) => Arc::new(AgeUnder::new(limit)),
            _ => {
                return Err(Error::policy(format!(
                    "scope.keep: unknown rule `{other}` (known: {})",
                    BUILTIN_RULES.join(", ")
                )))
            }
        },
    })
}
