//! Text helpers shared by recognizers: word boundaries, word tokens and
//! case folding with an offset map back to the original text.

use crate::Span;

/// True for characters that make up words (letters, digits, marks, `_`).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_mark(c)
}

/// Combining marks (so "é" written as e + U+0301 stays one word).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// True when byte offset `at` of `text` is a word boundary: the characters
/// on either side are not both word characters.
pub fn is_word_boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back().is_some_and(is_word_char);
    let after = text[at..].chars().next().is_some_and(is_word_char);
    before != after || (!before && !after)
}

/// True when `span` starts and ends on word boundaries of `text`, i.e. it
/// does not cut a word.
pub fn is_whole_word(text: &str, span: Span) -> bool {
    let before = text[..span.start]
        .chars()
        .next_back()
        .is_some_and(is_word_char);
    let after = text[span.end..].chars().next().is_some_and(is_word_char);
    !before && !after
}

/// The spans of the words of `text` (maximal runs of word characters).
///
/// # Example
/// ```
/// use phimask_core::text::words;
/// let w: Vec<_> = words("MR# 12-34").map(|s| s.range()).collect();
/// assert_eq!(w, vec![0..2, 4..6, 7..9]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = iter.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = iter.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            iter.next();
        }
        Some(Span::new(start, end))
    })
}

/// Text folded to lower case, with a map from folded byte offsets back to
/// the original's, for matching case-insensitively beyond ASCII (where
/// lower-casing can change byte lengths, as with "İ").
#[derive(Clone, Default)]
pub struct Folded {
    folded: String,
    /// For each byte of `folded` plus one past the end: the original span of
    /// the character it came from (start, end).
    map: Vec<(u32, u32)>,
    ascii: bool,
}

impl std::fmt::Debug for Folded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Folded")
            .field("len", &self.folded.len())
            .finish()
    }
}

/// Lower-cases a string the same way [`Folded::new`] does (for building
/// dictionaries that are matched against folded text).
pub fn fold_str(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

impl Folded {
    /// Folds `text`. ASCII text needs no offset map.
    pub fn new(text: &str) -> Folded {
        if text.is_ascii() {
            return Folded {
                folded: text.to_ascii_lowercase(),
                map: Vec::new(),
                ascii: true,
            };
        }
        let mut folded = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            let end = (i + c.len_utf8()) as u32;
            for lc in c.to_lowercase() {
                folded.push(lc);
                for _ in 0..lc.len_utf8() {
                    map.push((i as u32, end));
                }
            }
        }
        map.push((text.len() as u32, text.len() as u32));
        Folded {
            folded,
            map,
            ascii: false,
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// Maps a span of the folded text back to the original text, widening
    /// it to whole original characters.
    pub fn to_original(&self, span: Span) -> Span {
        if self.ascii {
            return span;
        }
        let start = self.map[span.start].0 as usize;
        let end = if span.end == 0 {
            0
        } else {
            self.map[span.end - 1].1 as usize
        };
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_offsets_exact() {
        let text = "Dr. İLKER NÚÑEZ";
        let f = Folded::new(text);
        let needle = fold_str("NÚÑEZ");
        let at = f.as_str().find(&needle).unwrap_or(usize::MAX);
        let span = f.to_original(Span::new(at, at + needle.len()));
        assert_eq!(span.text(text), Some("NÚÑEZ"));
        let needle = fold_str("İLKER");
        let at = f.as_str().find(&needle).unwrap_or(usize::MAX);
        let span = f.to_original(Span::new(at, at + needle.len()));
        assert_eq!(span.text(text), Some("İLKER"));
    }

    #[test]
    fn whole_words() {
        assert!(!is_whole_word("public", Span::new(3, 6)));
        assert!(is_whole_word("lic 55", Span::new(0, 3)));
        assert!(is_whole_word("Núñez.", Span::new(0, 7)));
    }
}
