//! The `Recognizer` trait that every recognizer implements.

use std::fmt;
use std::sync::Arc;

use crate::date::CivilDate;
use crate::{Candidate, Entity, Error, PatternRecognizer};

/// What a recognizer may know about the analysis it is part of.
#[derive(Clone, Debug)]
pub struct Context<'a> {
    reference_date: CivilDate,
    entities: Option<&'a [Entity]>,
}

impl<'a> Context<'a> {
    /// A context with the given reference date and no entity filter.
    pub fn new(reference_date: CivilDate) -> Context<'a> {
        Context {
            reference_date,
            entities: None,
        }
    }

    /// Restricts the analysis to these entities.
    pub fn with_entities(mut self, entities: Option<&'a [Entity]>) -> Context<'a> {
        self.entities = entities;
        self
    }

    /// The date rules take as "today" (the note's date).
    pub fn reference_date(&self) -> CivilDate {
        self.reference_date
    }

    /// The entity filter, if the caller set one.
    pub fn entities(&self) -> Option<&'a [Entity]> {
        self.entities
    }

    /// True when the caller wants candidates of this entity.
    pub fn wants(&self, entity: &Entity) -> bool {
        self.entities.is_none_or(|es| es.contains(entity))
    }
}

impl Default for Context<'_> {
    fn default() -> Self {
        Context::new(CivilDate::today())
    }
}

/// Finds candidate PHI spans in text.
///
/// Implement the three required methods; the others have defaults.
/// Recognizers are shared across threads, so they must be immutable
/// after construction (`Send + Sync`), and `recognize` must not allocate
/// more than it needs: it appends to a buffer the caller reuses.
///
/// `recognize` is fallible so that a recognizer that cannot finish (a
/// backtracking limit, say) fails the whole analysis instead of silently
/// skipping text that may hold PHI.
///
/// # Example
/// ```
/// use phimask_core::*;
///
/// #[derive(Debug)]
/// struct Badge;
/// impl Recognizer for Badge {
///     fn id(&self) -> &str { "badge" }
///     fn entities(&self) -> &[Entity] { &[Entity::IdNumber] }
///     fn recognize(&self, text: &str, _: &Context<'_>, out: &mut Vec<Candidate>) -> Result<(), Error> {
///         if let Some(i) = text.find("BADGE-") {
///             out.push(Candidate::new(Span::new(i, text.len()), Entity::IdNumber, 0.9));
///         }
///         Ok(())
///     }
/// }
///
/// let analyzer = Analyzer::builder().add_recognizer(Badge).build()?;
/// assert_eq!(analyzer.analyze("id BADGE-77")?.detections.len(), 1);
/// # Ok::<(), phimask_core::Error>(())
/// ```
pub trait Recognizer: Send + Sync + fmt::Debug {
    /// A stable, unique id (appears in explanations and policies).
    fn id(&self) -> &str;

    /// The entities this recognizer can report.
    fn entities(&self) -> &[Entity];

    /// Appends candidates found in `text` to `out`.
    ///
    /// # Errors
    /// Any error aborts the analysis (fail closed).
    fn recognize(
        &self,
        text: &str,
        ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error>;

    /// Words that, near a candidate, raise its score (context enhancement).
    /// Matched whole-word and case-insensitively; may be phrases.
    fn context_words(&self) -> &[String] {
        &[]
    }

    /// Lets the analyzer merge pattern recognizers into one multi-pattern
    /// pass. Only [`PatternRecognizer`] returns `Some`.
    fn as_pattern_recognizer(&self) -> Option<&PatternRecognizer> {
        None
    }
}

macro_rules! forward_recognizer {
    ($($ty:ty),*) => {$(
        impl<R: Recognizer + ?Sized> Recognizer for $ty {
            fn id(&self) -> &str { (**self).id() }
            fn entities(&self) -> &[Entity] { (**self).entities() }
            fn recognize(&self, text: &str, ctx: &Context<'_>, out: &mut Vec<Candidate>) -> Result<(), Error> {
                (**self).recognize(text, ctx, out)
            }
            fn context_words(&self) -> &[String] { (**self).context_words() }
            fn as_pattern_recognizer(&self) -> Option<&PatternRecognizer> { (**self).as_pattern_recognizer() }
        }
    )*};
}

forward_recognizer!(&R, Box<R>, Arc<R>);
