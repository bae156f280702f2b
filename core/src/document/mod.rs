//! The Document: one read of the text, shared by every recognizer.
//!
//! An analysis builds one [`Document`] from the [`Normalized`] view of its
//! input and hands it to every recognizer, to context enhancement and to the
//! consistency stage. It is the only place that decides
//!
//! * what a token is (words, numbers, punctuation, with case and shape:
//!   [`Token`], in one pass with an ASCII fast path),
//! * the folded (lower-cased) view dictionaries match on ([`Folded`]),
//! * what a line, a table row, a cell, a column header and a labelled field
//!   are ([`Layout`]).
//!
//! Everything but the tokens is built on first use and then shared, so a
//! recognizer that never asks for tables does not pay for them.
//!
//! # Example
//! ```
//! use phimask_core::{document::Document, Span};
//! let text = "Name\tMRN\nAna Lee\t5566123\n";
//! let doc = Document::new(text);
//! let at = text.find("5566123").unwrap();
//! assert_eq!(doc.label_for(Span::new(at, at + 7)), Some("MRN"));
//! assert_eq!(doc.words_before(at, 2), ["Ana", "Lee"]);
//! ```

mod layout;
mod normalize;
mod tokens;

use std::cell::OnceCell;

pub use layout::{Field, Layout, Line, Separator, Table};
pub use normalize::{fold_char, Fold, Normalized};
pub use tokens::{fold_str, is_whole_word, is_word_char, words, Case, Folded, Token, TokenKind};

use crate::Span;

/// How far from an offset [`Document::words_before`] and
/// [`Document::words_after`] look, in bytes, whatever the word count asks
/// (keeps the cost per call bounded).
pub const MAX_WORD_REACH: usize = 256;

/// One read of a text: its tokens, folded view, lines, tables and fields.
pub struct Document<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    folded: OnceCell<Folded>,
    layout: OnceCell<Layout>,
}

impl std::fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Sizes only: never the text.
        f.debug_struct("Document")
            .field("len", &self.text.len())
            .field("tokens", &self.tokens.len())
            .finish()
    }
}

impl<'a> Document<'a> {
    /// Reads `text` (the text recognizers match on: the analyzer passes the
    /// normalized view) and tokenizes it.
    pub fn new(text: &'a str) -> Document<'a> {
        Document {
            text,
            tokens: tokens::tokenize(text),
            folded: OnceCell::new(),
            layout: OnceCell::new(),
        }
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Every token, in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The index of the token holding byte `at`, if one does.
    pub fn token_at(&self, at: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.span.end <= at);
        self.tokens
            .get(i)
            .is_some_and(|t| t.span.start <= at)
            .then_some(i)
    }

    /// The tokens lying wholly or partly inside `span`.
    pub fn tokens_in(&self, span: Span) -> &[Token] {
        let lo = self.tokens.partition_point(|t| t.span.end <= span.start);
        let hi = self.tokens.partition_point(|t| t.span.start < span.end);
        &self.tokens[lo..hi.max(lo)]
    }

    /// Up to `n` words (and numbers) ending at or before byte `at`, in text
    /// order, within [`MAX_WORD_REACH`] bytes. A word cut by `at` counts
    /// with its part before `at`.
    pub fn words_before(&self, at: usize, n: usize) -> Vec<&'a str> {
        let lo = at.saturating_sub(MAX_WORD_REACH);
        let hi = self.tokens.partition_point(|t| t.span.start < at);
        let mut out = Vec::with_capacity(n);
        for t in self.tokens[..hi].iter().rev() {
            if out.len() == n || t.span.end <= lo {
                break;
            }
            if !t.is_wordlike() {
                continue;
            }
            let start = t.span.start.max(lo);
            let end = t.span.end.min(at);
            if self.text.is_char_boundary(start) && start < end {
                out.push(&self.text[start..end]);
            }
        }
        out.reverse();
        out
    }

    /// Up to `n` words (and numbers) starting at or after byte `at`, within
    /// [`MAX_WORD_REACH`] bytes. A word cut by `at` counts with its part
    /// after `at`.
    pub fn words_after(&self, at: usize, n: usize) -> Vec<&'a str> {
        let hi = at + MAX_WORD_REACH;
        let lo = self.tokens.partition_point(|t| t.span.end <= at);
        let mut out = Vec::with_capacity(n);
        for t in &self.tokens[lo..] {
            if out.len() == n || t.span.start >= hi {
                break;
            }
            if !t.is_wordlike() {
                continue;
            }
            let start = t.span.start.max(at);
            let mut end = t.span.end.min(hi.max(start));
            while !self.text.is_char_boundary(end) {
                end += 1;
            }
            if start < end {
                out.push(&self.text[start..end]);
            }
        }
        out
    }

    /// The text folded to lower case (built once, on first use).
    pub fn folded(&self) -> &Folded {
        self.folded.get_or_init(|| Folded::new(self.text))
    }

    /// Lines, tables and fields (built once, on first use).
    pub fn layout(&self) -> &Layout {
        self.layout.get_or_init(|| Layout::new(self.text))
    }

    /// The header of the table column `span` lies in, if any.
    pub fn column_header(&self, span: Span) -> Option<&'a str> {
        self.layout()
            .column_header(span)
            .map(|s| &self.text[s.range()])
    }

    /// The label governing `span` (`Label: value`, a key/value table row,
    /// or its column header), if any.
    pub fn label_for(&self, span: Span) -> Option<&'a str> {
        self.layout().label_for(span).map(|s| &self.text[s.range()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around_an_offset() {
        let t = "MRN#12345 was seen by Dr. Ana Lee today";
        let d = Document::new(t);
        let at = t.find("Ana").unwrap_or(0);
        assert_eq!(d.words_before(at, 3), ["seen", "by", "Dr"]);
        assert_eq!(d.words_after(at + 3, 5), ["Lee", "today"]);
        // A candidate inside a token sees the token's part before it.
        let at = t.find("12345").unwrap_or(0);
        assert_eq!(d.words_before(at, 5), ["MRN"]);
        assert_eq!(d.words_after(at + 2, 1), ["345"]);
    }

    #[test]
    fn token_lookup() {
        let t = "Ana  Lee, 1961";
        let d = Document::new(t);
        assert_eq!(d.token_at(1), Some(0));
        assert_eq!(d.token_at(4), None);
        assert_eq!(d.token_at(5).map(|i| d.tokens()[i].text(t)), Some("Lee"));
        let inside: Vec<&str> = d
            .tokens_in(Span::new(6, 12))
            .iter()
            .map(|tk| tk.text(t))
            .collect();
        assert_eq!(inside, ["Lee", ",", "1961"]);
    }

    #[test]
    fn debug_shows_no_text() {
        let d = Document::new("Ana Lee 123-45-6789");
        let s = format!("{d:?}");
        assert!(!s.contains("Ana") && !s.contains("6789"), "{s}");
    }
}
