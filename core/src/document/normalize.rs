//! The normalized view: the text recognizers match on.
//!
//! Unicode has many ways to write a space, a dash or a digit, and some
//! characters are invisible. None of them may hide an identifier: an SSN
//! written `123<NBSP>45<NBSP>6789`, a date `04–12–1961` with en dashes or a
//! phone number in full-width digits is as identifying as its plain form.
//! [`Normalized`] folds them, once per analysis, into the plain ASCII forms
//! every recognizer already knows, and maps every offset back to the original
//! text exactly, so detections and masks land on the original characters.
//!
//! What is folded ([`fold_char`]):
//!
//! | original | becomes |
//! |---|---|
//! | no-break, thin, hair, figure, ideographic and the other Unicode spaces (U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000) | `' '` |
//! | Unicode hyphens, dashes and minus signs (U+2010–U+2015, U+2212, U+FE58, U+FE63, U+FF0D) | `'-'` |
//! | curly single quotes and primes used as apostrophes (U+2018, U+2019, U+2032) | `'\''` |
//! | full-width ASCII forms (U+FF01–U+FF5E: digits, letters, punctuation) | their ASCII forms |
//! | zero-width space, joiners, word joiner, byte-order mark, soft hyphen (U+200B–U+200D, U+2060, U+FEFF, U+00AD) | removed |
//!
//! Text with none of these (all plain ASCII text, and most other text) is not
//! copied: [`Normalized::text`] borrows the original and the offset map is
//! the identity.

use std::borrow::Cow;

use crate::Span;

/// What a character becomes in the normalized view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    /// Kept as it is.
    Keep,
    /// Replaced by this ASCII character.
    Ascii(u8),
    /// Removed (it is invisible).
    Drop,
}

/// How the normalized view treats `c`.
///
/// # Example
/// ```
/// use phimask_core::document::{fold_char, Fold};
/// assert_eq!(fold_char('\u{00A0}'), Fold::Ascii(b' '));
/// assert_eq!(fold_char('–'), Fold::Ascii(b'-'));
/// assert_eq!(fold_char('７'), Fold::Ascii(b'7'));
/// assert_eq!(fold_char('\u{200B}'), Fold::Drop);
/// assert_eq!(fold_char('é'), Fold::Keep);
/// ```
pub fn fold_char(c: char) -> Fold {
    match c as u32 {
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => Fold::Ascii(b' '),
        0x2010..=0x2015 | 0x2212 | 0xFE58 | 0xFE63 | 0xFF0D => Fold::Ascii(b'-'),
        0x2018 | 0x2019 | 0x2032 => Fold::Ascii(b'\''),
        // Full-width forms of ASCII '!'..'~' sit at a fixed distance.
        cp @ 0xFF01..=0xFF5E => Fold::Ascii((cp - 0xFEE0) as u8),
        0x00AD | 0x200B..=0x200D | 0x2060 | 0xFEFF => Fold::Drop,
        _ => Fold::Keep,
    }
}

/// A text and its normalized view, with an exact map from normalized byte
/// offsets back to the original's.
///
/// # Example
/// ```
/// use phimask_core::{document::Normalized, Span};
/// let original = "SSN 123\u{00A0}45\u{00A0}6789";
/// let n = Normalized::new(original);
/// assert_eq!(n.text(), "SSN 123 45 6789");
/// let back = n.to_original(Span::new(4, 15));
/// assert_eq!(&original[back.range()], "123\u{00A0}45\u{00A0}6789");
/// ```
#[derive(Clone)]
pub struct Normalized<'a> {
    original: &'a str,
    text: Cow<'a, str>,
    /// For each byte of the normalized text: the original start of the
    /// character it came from. Empty when the view is the original.
    starts: Vec<u32>,
    /// For each byte of the normalized text: the original end of the
    /// character it came from.
    ends: Vec<u32>,
}

impl std::fmt::Debug for Normalized<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Lengths only: never the text.
        f.debug_struct("Normalized")
            .field("original_len", &self.original.len())
            .field("normalized_len", &self.text.len())
            .field("folded", &self.is_folded())
            .finish()
    }
}

impl<'a> Normalized<'a> {
    /// Builds the normalized view of `original` in one pass (none at all for
    /// ASCII text).
    pub fn new(original: &'a str) -> Normalized<'a> {
        let identity = Normalized {
            original,
            text: Cow::Borrowed(original),
            starts: Vec::new(),
            ends: Vec::new(),
        };
        if original.is_ascii() {
            return identity;
        }
        let Some(first) = original
            .char_indices()
            .find(|&(_, c)| fold_char(c) != Fold::Keep)
            .map(|(i, _)| i)
        else {
            return identity;
        };
        // Offsets are stored as u32; inputs beyond 4 GiB keep the original
        // view (the analyzer's input limit is far below that).
        if u32::try_from(original.len()).is_err() {
            return identity;
        }
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len());
        let mut ends = Vec::with_capacity(original.len());
        text.push_str(&original[..first]);
        for i in 0..first as u32 {
            starts.push(i);
            ends.push(i + 1);
        }
        for (i, c) in original[first..].char_indices() {
            let start = (first + i) as u32;
            let end = start + c.len_utf8() as u32;
            match fold_char(c) {
                Fold::Drop => {}
                Fold::Ascii(b) => {
                    text.push(char::from(b));
                    starts.push(start);
                    ends.push(end);
                }
                Fold::Keep => {
                    text.push(c);
                    for _ in 0..c.len_utf8() {
                        starts.push(start);
                        ends.push(end);
                    }
                }
            }
        }
        Normalized {
            original,
            text: Cow::Owned(text),
            starts,
            ends,
        }
    }

    /// The original text.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// The normalized text recognizers match on.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the normalized text differs from the original.
    pub fn is_folded(&self) -> bool {
        matches!(self.text, Cow::Owned(_))
    }

    /// Maps a span of the normalized text (on its character boundaries) to
    /// the span of the original text that produced it. Characters removed
    /// from the view that lie inside the span are inside the result.
    pub fn to_original(&self, span: Span) -> Span {
        if !self.is_folded() {
            return span;
        }
        let start = self.orig_start(span.start);
        if span.is_empty() {
            return Span::new(start, start);
        }
        let end = self.ends[span.end - 1] as usize;
        Span::new(start, end)
    }

    fn orig_start(&self, at: usize) -> usize {
        self.starts
            .get(at)
            .map_or(self.original.len(), |&s| s as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(original: &str, needle: &str) -> String {
        let n = Normalized::new(original);
        let at = n.text().find(needle).unwrap_or(usize::MAX);
        assert_ne!(at, usize::MAX, "needle not in the view");
        let back = n.to_original(Span::new(at, at + needle.len()));
        assert!(original.is_char_boundary(back.start) && original.is_char_boundary(back.end));
        original[back.range()].to_string()
    }

    #[test]
    fn ascii_and_plain_text_are_not_copied() {
        assert!(!Normalized::new("SSN 123-45-6789").is_folded());
        assert!(!Normalized::new("José Núñez 😀").is_folded());
        let n = Normalized::new("José");
        assert_eq!(n.to_original(Span::new(0, 5)), Span::new(0, 5));
    }

    #[test]
    fn separators_fold_and_map_back_exactly() {
        assert_eq!(
            roundtrip("SSN 123\u{00A0}45\u{2009}6789.", "123 45 6789"),
            "123\u{00A0}45\u{2009}6789"
        );
        assert_eq!(roundtrip("DOB 04–12–1961 seen", "04-12-1961"), "04–12–1961");
        assert_eq!(
            roundtrip("tel ２１２−５５５−０１９８", "212-555-0198"),
            "２１２−５５５−０１９８"
        );
    }

    #[test]
    fn invisible_characters_are_removed_but_stay_inside_spans() {
        let original = "MRN 00\u{200B}12\u{00AD}3456 ok";
        let n = Normalized::new(original);
        assert_eq!(n.text(), "MRN 00123456 ok");
        assert_eq!(roundtrip(original, "00123456"), "00\u{200B}12\u{00AD}3456");
        // A span after removed characters starts at its own character.
        assert_eq!(roundtrip(original, "ok"), "ok");
    }

    #[test]
    fn text_around_folds_keeps_its_offsets() {
        let original = "Ana Núñez\u{00A0}— 555-0198 😀 end";
        assert_eq!(roundtrip(original, "Núñez"), "Núñez");
        assert_eq!(roundtrip(original, "😀 end"), "😀 end");
        assert_eq!(roundtrip(original, "Ana"), "Ana");
    }

    #[test]
    fn debug_shows_no_text() {
        let n = Normalized::new("SSN 123\u{00A0}45\u{00A0}6789");
        let d = format!("{n:?}");
        assert!(!d.contains("123") && !d.contains("6789"), "{d}");
    }
}
