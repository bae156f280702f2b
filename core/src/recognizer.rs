//! The `Recognizer` trait that every recognizer implements.

use std::fmt;
use std::sync::Arc;

use crate::date::CivilDate;
use crate::document::Document;
use crate::{Candidate, Entity, Error, Pattern, Span};

/// A structured record inside the text (an HL7 v2 message, a FHIR JSON
/// document) that a recognizer reads by its structure, reported by
/// [`Recognizer::record_regions`]: the record's extent, and the parts of it
/// that are free text (narratives, notes, comments, fields of unknown
/// meaning).
///
/// Inside `span` but outside every `free_text` part, the analyzer keeps
/// only the candidates of the recognizer that reported the region (and of
/// the policy's own patterns and deny lists): that recognizer decides
/// every structured value by position, where text recognizers mostly
/// misfire on codes, units and system URIs. A record that does not parse
/// reports no region, so its text is read as free text (fail closed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordRegion {
    /// The whole record.
    pub span: Span,
    /// Its free-text parts, sorted by start, not overlapping, inside `span`.
    pub free_text: Vec<Span>,
}

impl RecordRegion {
    /// True when `span` lies inside this record but not wholly inside one of
    /// its free-text parts: a structured part of the record.
    pub fn is_structure(&self, span: Span) -> bool {
        if !self.span.contains(&span) {
            return false;
        }
        let i = self.free_text.partition_point(|f| f.start <= span.start);
        !(i > 0 && self.free_text[i - 1].contains(&span))
    }
}

/// What a recognizer may know about the analysis it is part of.
#[derive(Clone, Debug)]
pub struct Context<'a> {
    reference_date: CivilDate,
    entities: Option<&'a [Entity]>,
    /// The analyzer's one scan over every declared pattern: which matched
    /// somewhere, and where this recognizer's patterns start in it.
    hits: Option<(&'a [bool], usize)>,
}

impl<'a> Context<'a> {
    /// A context with the given reference date and no entity filter.
    pub fn new(reference_date: CivilDate) -> Context<'a> {
        Context {
            reference_date,
            entities: None,
            hits: None,
        }
    }

    /// Records the result of the analyzer's scan over every declared
    /// pattern; `offset` is where the receiving recognizer's patterns start.
    pub(crate) fn with_hits(mut self, hits: &'a [bool], offset: usize) -> Context<'a> {
        self.hits = Some((hits, offset));
        self
    }

    /// False when the analyzer's one scan found that the recognizer's
    /// declared pattern `index` (into [`Recognizer::patterns`]) matches
    /// nowhere in the text, so the recognizer need not run it. True when it
    /// matched, and when no scan ran (a recognizer called on its own).
    pub fn pattern_may_match(&self, index: usize) -> bool {
        self.hits
            .is_none_or(|(hits, offset)| hits.get(offset + index).copied().unwrap_or(true))
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

/// Finds candidate PHI spans in a [`Document`].
///
/// Implement the three required methods; the others have defaults. The
/// simple path reads [`Document::text`]; the document also offers tokens,
/// lines, table cells, column headers and labelled fields, built once per
/// analysis and shared by every recognizer.
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
/// use phimask_core::{document::Document, *};
///
/// #[derive(Debug)]
/// struct Badge;
/// impl Recognizer for Badge {
///     fn id(&self) -> &str { "badge" }
///     fn entities(&self) -> &[Entity] { &[Entity::IdNumber] }
///     fn recognize(&self, doc: &Document<'_>, _: &Context<'_>, out: &mut Vec<Candidate>) -> Result<(), Error> {
///         let text = doc.text();
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

    /// Appends candidates found in `doc` to `out` (spans are byte offsets
    /// into [`Document::text`]).
    ///
    /// # Errors
    /// Any error aborts the analysis (fail closed).
    fn recognize(
        &self,
        doc: &Document<'_>,
        ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error>;

    /// Words that, near a candidate, raise its score (context enhancement).
    /// Matched whole-word and case-insensitively; may be phrases.
    fn context_words(&self) -> &[String] {
        &[]
    }

    /// The regular expressions this recognizer runs, declared so that the
    /// analyzer can compile every recognizer's patterns into one
    /// multi-pattern automaton and scan the text once; during
    /// [`recognize`](Recognizer::recognize),
    /// [`Context::pattern_may_match`] then says which of them can match at
    /// all. Empty by default. Look-around patterns take no part in the scan.
    fn patterns(&self) -> &[Pattern] {
        &[]
    }

    /// Appends the structured records this recognizer reads in `doc` (see
    /// [`RecordRegion`]). Called once per analysis, after
    /// [`recognize`](Recognizer::recognize); none by default. A recognizer
    /// that reports a region must itself report every PHI value in the
    /// region's structured parts: other recognizers' candidates there are
    /// dropped.
    fn record_regions(&self, _doc: &Document<'_>, _out: &mut Vec<RecordRegion>) {}
}

macro_rules! forward_recognizer {
    ($($ty:ty),*) => {$(
        impl<R: Recognizer + ?Sized> Recognizer for $ty {
            fn id(&self) -> &str { (**self).id() }
            fn entities(&self) -> &[Entity] { (**self).entities() }
            fn recognize(&self, doc: &Document<'_>, ctx: &Context<'_>, out: &mut Vec<Candidate>) -> Result<(), Error> {
                (**self).recognize(doc, ctx, out)
            }
            fn context_words(&self) -> &[String] { (**self).context_words() }
            fn patterns(&self) -> &[Pattern] { (**self).patterns() }
            fn record_regions(&self, doc: &Document<'_>, out: &mut Vec<RecordRegion>) { (**self).record_regions(doc, out) }
        }
    )*};
}

forward_recognizer!(&R, Box<R>, Arc<R>);
