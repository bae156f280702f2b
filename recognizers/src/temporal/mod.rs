//! Built-in recognizers: dates, times and ages.
//!
//! Two recognizers, both hand-written scanners over `regex` patterns that
//! are compiled once per process:
//!
//! * [`DateRecognizer`] (id `date_time`, entity `DATE_TIME`) reports
//!   absolute dates in numeric and written forms ("03/14/2024", "3/14/24",
//!   "14.03.2024", "2024-03-14T10:22:00Z", "March 14, 2024", "14-Mar-2024",
//!   "14MAR2024", "the 14th of March", "March 2024", "Mar '24", "03/2024",
//!   "Spring 2024"), lone years ("in 2019", "(2015)"), birth dates and
//!   years ("DOB: 1/2/1961", "born in 1931", "b. 1961", which set
//!   [`DateFacts::birth`]), and relative or vague times ("last week",
//!   "3 months ago", "for 2 weeks", "Friday", "at 3 pm", "in March",
//!   "Christmas"). Each candidate carries [`Facts::Date`] with a
//!   [`DateKind`](phimask_core::DateKind), so the Safe Harbor scope keeps lone years (unless a
//!   birth year reveals an age of 90 or more), relative and vague times,
//!   and masks everything else.
//! * [`AgeRecognizer`] (id `age`, entity `AGE`) reports ages ("92-year-old",
//!   "92 y/o", "age 95", "92M", "ninety-two-year-old", "in her 90s",
//!   "nonagenarian") with [`Facts::Age`]; the scope keeps ages under 90.
//!
//! Both set [`Candidate::context_applied`]: they read their own labels
//! (birth labels, date cues, vital-sign and score labels) and must not be
//! boosted again by generic context enhancement.
//!
//! # What is not a date
//!
//! Vitals ("BP 128/82"), scores ("PHQ-9 14/27", mood "3/10"), doses
//! ("1500 mg"), ICD-10 and CPT codes ("F33.1", "90837") and phone numbers
//! ("212-555-0198") are rejected: numbers glued to other digits, slashes or
//! dashes are not dates, a measurement or score label before a number vetoes
//! a date reading, and a bare day–month numeral ("3/14") needs a date cue
//! (see the `dates` module for the exact rule). Two-digit years expand
//! relative to the reference date: `yy` at or below the reference year's
//! last two digits is in its century, otherwise in the one before.

use phimask_core::document::Document;
use std::sync::{Arc, OnceLock};

use phimask_core::{Candidate, Context, DateFacts, Entity, Error, Facts, Recognizer, Span};

mod ages;
pub(crate) mod calendar;
mod dates;
mod lex;
mod relative;

/// The id of [`DateRecognizer`].
pub const DATE_RECOGNIZER_ID: &str = "date_time";
/// The id of [`AgeRecognizer`].
pub const AGE_RECOGNIZER_ID: &str = "age";

/// A span found by one of the scanners, before it becomes a candidate.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) facts: Facts,
    pub(crate) score: f32,
    pub(crate) pattern: &'static str,
}

impl Hit {
    pub(crate) fn date(
        start: usize,
        end: usize,
        facts: DateFacts,
        score: f32,
        pattern: &'static str,
    ) -> Hit {
        Hit {
            start,
            end,
            facts: Facts::Date(facts),
            score,
            pattern,
        }
    }

    pub(crate) fn age(
        start: usize,
        end: usize,
        years: u32,
        score: f32,
        pattern: &'static str,
    ) -> Hit {
        Hit {
            start,
            end,
            facts: Facts::Age { years },
            score,
            pattern,
        }
    }

    fn into_candidate(self, entity: Entity) -> Candidate {
        let mut c = Candidate::new(Span::new(self.start, self.end), entity, self.score)
            .with_pattern(self.pattern)
            .with_facts(self.facts);
        c.context_applied = true;
        c
    }
}

/// Sorts hits by start and drops every hit lying wholly inside another
/// (the earlier or higher-scoring one stays when two spans are equal).
/// Afterwards both starts and ends are strictly increasing.
fn prune_contained(hits: &mut Vec<Hit>) {
    hits.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(b.score.total_cmp(&a.score))
    });
    let mut max_end = 0;
    let mut first = true;
    hits.retain(|h| {
        if !first && max_end >= h.end {
            return false;
        }
        first = false;
        max_end = max_end.max(h.end);
        true
    });
}

struct Patterns {
    dates: dates::DatePatterns,
    relative: relative::RelativePatterns,
    ages: ages::AgePatterns,
}

fn patterns(recognizer: &str) -> Result<&'static Patterns, Error> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(|| {
        Some(Patterns {
            dates: dates::DatePatterns::new().ok()?,
            relative: relative::RelativePatterns::new().ok()?,
            ages: ages::AgePatterns::new().ok()?,
        })
    })
    .as_ref()
    .ok_or_else(|| Error::recognizer(recognizer, "a built-in temporal pattern failed to compile"))
}

/// Finds dates, times and years (`DATE_TIME`) with typed [`DateFacts`].
///
/// # Example
/// ```
/// use phimask_core::*;
/// use phimask_recognizers::temporal::DateRecognizer;
///
/// let analyzer = Analyzer::builder()
///     .add_recognizer(DateRecognizer::new()?)
///     .reference_date(CivilDate::new(2026, 11, 22).unwrap())
///     .build()?;
/// let masked = analyzer.mask("Seen 03/14/2024, last week; dx in 2019.")?;
/// assert_eq!(masked.text, "Seen ●●●●●●●●●●, last week; dx in 2019.");
/// # Ok::<(), phimask_core::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct DateRecognizer {
    patterns: &'static Patterns,
}

impl std::fmt::Debug for DateRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DateRecognizer")
            .field("id", &DATE_RECOGNIZER_ID)
            .finish()
    }
}

impl DateRecognizer {
    /// The date recognizer (its patterns are compiled once per process).
    ///
    /// # Errors
    /// Only if a built-in pattern fails to compile (a bug).
    pub fn new() -> Result<DateRecognizer, Error> {
        Ok(DateRecognizer {
            patterns: patterns(DATE_RECOGNIZER_ID)?,
        })
    }

    /// The date hits of `text`: absolute dates without nesting, then the
    /// relative times that overlap none of them.
    fn hits(&self, text: &str, reference: phimask_core::CivilDate) -> Vec<Hit> {
        let mut abs = Vec::new();
        self.patterns.dates.scan(text, reference, &mut abs);
        prune_contained(&mut abs);
        let mut rel = Vec::new();
        self.patterns.relative.scan(text, &mut rel);
        prune_contained(&mut rel);
        // `abs` has strictly increasing starts and ends after pruning.
        rel.retain(|r| {
            let i = abs.partition_point(|a| a.end <= r.start);
            abs.get(i).is_none_or(|a| a.start >= r.end)
        });
        abs.extend(rel);
        abs
    }
}

impl Recognizer for DateRecognizer {
    fn id(&self) -> &str {
        DATE_RECOGNIZER_ID
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::DateTime]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        if !ctx.wants(&Entity::DateTime) {
            return Ok(());
        }
        out.extend(
            self.hits(text, ctx.reference_date())
                .into_iter()
                .map(|h| h.into_candidate(Entity::DateTime)),
        );
        Ok(())
    }
}

/// Finds ages (`AGE`) with [`Facts::Age`].
///
/// # Example
/// ```
/// use phimask_core::*;
/// use phimask_recognizers::temporal::AgeRecognizer;
///
/// let analyzer = Analyzer::builder().add_recognizer(AgeRecognizer::new()?).build()?;
/// let masked = analyzer.mask("A 92-year-old and a 45 y/o.")?;
/// assert_eq!(masked.text, "A ●●-year-old and a 45 y/o.");
/// # Ok::<(), phimask_core::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct AgeRecognizer {
    patterns: &'static Patterns,
}

impl std::fmt::Debug for AgeRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AgeRecognizer")
            .field("id", &AGE_RECOGNIZER_ID)
            .finish()
    }
}

impl AgeRecognizer {
    /// The age recognizer (its patterns are compiled once per process).
    ///
    /// # Errors
    /// Only if a built-in pattern fails to compile (a bug).
    pub fn new() -> Result<AgeRecognizer, Error> {
        Ok(AgeRecognizer {
            patterns: patterns(AGE_RECOGNIZER_ID)?,
        })
    }

    fn hits(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        self.patterns.ages.scan(text, &mut hits);
        prune_contained(&mut hits);
        hits
    }
}

impl Recognizer for AgeRecognizer {
    fn id(&self) -> &str {
        AGE_RECOGNIZER_ID
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::Age]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        if !ctx.wants(&Entity::Age) {
            return Ok(());
        }
        out.extend(
            self.hits(text)
                .into_iter()
                .map(|h| h.into_candidate(Entity::Age)),
        );
        Ok(())
    }
}

/// The recognizers of this family: [`DateRecognizer`] and
/// [`AgeRecognizer`].
///
/// # Errors
/// When a built-in pattern fails to compile (a bug).
pub fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    Ok(vec![
        Arc::new(DateRecognizer::new()?),
        Arc::new(AgeRecognizer::new()?),
    ])
}

#[cfg(test)]
mod tests;
