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

/// How far after a table cell the end of its line is searched, in bytes.
const MAX_LINE_REACH: usize = 4096;

/// How many lines above a table cell are searched for the table's header.
const MAX_HEADER_LINES: usize = 64;

/// How far above a table cell its header is searched, in bytes.
const MAX_HEADER_BYTES: usize = 16 << 10;

/// When `span` sits in a cell of a tab- or pipe-separated table, the text of
/// that column's header cell: the first line of the run of lines above with
/// the same separator and about as many cells (Markdown rule lines such as
/// `|---|---|` are skipped). Context enhancement uses it so that "MRN" over
/// a column lifts the numbers below it. The search is bounded (64 lines,
/// 16 KiB), so its cost per call does not grow with the text.
///
/// # Example
/// ```
/// use phimask_core::{text::table_header_cell, Span};
/// let t = "Date\tPatient\tMRN\n1/2\tAna Lee\t80-751-31\n";
/// let at = t.find("80-751-31").unwrap();
/// assert_eq!(table_header_cell(t, Span::new(at, at + 9)), Some("MRN"));
/// assert_eq!(table_header_cell("no table here", Span::new(3, 8)), None);
/// ```
pub fn table_header_cell(full: &str, span: Span) -> Option<&str> {
    // Work inside a bounded window so the cost per candidate stays bounded
    // on huge single-line inputs.
    let mut lo = span.start.saturating_sub(MAX_HEADER_BYTES);
    while !full.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (span.end + MAX_LINE_REACH).min(full.len());
    while !full.is_char_boundary(hi) {
        hi += 1;
    }
    let text = &full[lo..hi];
    let span = Span::new(span.start - lo, span.end - lo);
    let line_start = match text[..span.start].rfind('\n') {
        Some(i) => i + 1,
        None if lo > 0 => return None,
        None => 0,
    };
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let line = &text[line_start..line_end];
    let sep = if line.contains('\t') {
        '\t'
    } else if line.matches('|').count() >= 2 {
        '|'
    } else {
        return None;
    };
    let cells = line.matches(sep).count();
    let column = text[line_start..span.start].matches(sep).count();
    let mut header: Option<&str> = None;
    let mut end = line_start;
    for _ in 0..MAX_HEADER_LINES {
        if end == 0 {
            break;
        }
        let prev_end = end - 1; // the '\n' ending the previous line
        let prev_start = text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
        let prev = text[prev_start..prev_end].trim_end_matches('\r');
        let prev_cells = prev.matches(sep).count();
        if prev_cells == 0 || prev_cells.abs_diff(cells) > 1 {
            break;
        }
        // Markdown rule lines (|---|---|) are skipped, not taken as header.
        if !prev
            .chars()
            .all(|c| c == sep || c == '-' || c == ':' || c == ' ')
        {
            header = Some(prev);
        }
        end = prev_start;
    }
    let cell = header?.split(sep).nth(column)?.trim();
    (!cell.is_empty()).then_some(cell)
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
