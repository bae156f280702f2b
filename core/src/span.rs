//! Byte-offset spans into the analysed text.

use std::fmt;
use std::ops::Range;

/// A half-open range of byte offsets `[start, end)` into a UTF-8 text.
///
/// A `Span` never borrows the text it points into; use [`Span::text`] to look
/// at the covered slice. Its `Debug` and `Display` print offsets only.
///
/// # Example
/// ```
/// use phimask_core::Span;
/// let s = Span::new(4, 15);
/// assert_eq!(s.len(), 11);
/// assert_eq!(s.text("SSN 123-45-6789"), Some("123-45-6789"));
/// ```
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    /// Inclusive start byte offset.
    pub start: usize,
    /// Exclusive end byte offset.
    pub end: usize,
}

impl Span {
    /// Creates a span. `start` must not exceed `end` (debug-asserted).
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start after end");
        Span { start, end }
    }

    /// The span as a `Range<usize>`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The slice of `haystack` this span covers, or `None` when the span is
    /// out of bounds or not on character boundaries.
    pub fn text<'h>(&self, haystack: &'h str) -> Option<&'h str> {
        haystack.get(self.range())
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}
