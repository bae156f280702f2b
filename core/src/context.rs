//! Context enhancement: words near a candidate ("MRN", "DOB", "fax") raise
//! its score.

use std::sync::Arc;

use crate::text::{fold_str, is_word_char, words};
use crate::Span;

/// How context enhancement behaves. Every field is optional so that
/// settings from a file, a command line and a call merge without defaults
/// overwriting explicit values; the `get_*` accessors apply the defaults.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextSettings {
    /// How many words before a candidate are searched (default 5).
    pub window_before: Option<usize>,
    /// How many words after a candidate are searched (default 3).
    pub window_after: Option<usize>,
    /// How much a context word adds to the score (default 0.35).
    pub boost: Option<f32>,
    /// The lowest score a candidate with context ends up with (default 0.6).
    pub floor: Option<f32>,
}

impl ContextSettings {
    /// Words searched before a candidate.
    pub fn get_window_before(&self) -> usize {
        self.window_before.unwrap_or(5)
    }
    /// Words searched after a candidate.
    pub fn get_window_after(&self) -> usize {
        self.window_after.unwrap_or(3)
    }
    /// The score boost.
    pub fn get_boost(&self) -> f32 {
        self.boost.unwrap_or(0.35)
    }
    /// The score floor for candidates with context.
    pub fn get_floor(&self) -> f32 {
        self.floor.unwrap_or(0.6)
    }

    /// Fills unset fields from `other`.
    pub fn merge_from(&mut self, other: &ContextSettings) {
        self.window_before = self.window_before.or(other.window_before);
        self.window_after = self.window_after.or(other.window_after);
        self.boost = self.boost.or(other.boost);
        self.floor = self.floor.or(other.floor);
    }
}

/// A recognizer's context words, tokenized once at build time.
#[derive(Clone, Debug, Default)]
pub(crate) struct ContextWords {
    /// Each entry: the original word (for explanations) and its folded words.
    phrases: Vec<(Arc<str>, Vec<String>)>,
}

impl ContextWords {
    pub(crate) fn new(words_in: &[String]) -> ContextWords {
        let phrases = words_in
            .iter()
            .filter_map(|w| {
                let folded = fold_str(w);
                let toks: Vec<String> = words(&folded)
                    .map(|s| folded[s.range()].to_string())
                    .collect();
                (!toks.is_empty()).then(|| (Arc::from(w.as_str()), toks))
            })
            .collect();
        ContextWords { phrases }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The first context phrase found whole-word within the window around
    /// `span`, if any.
    pub(crate) fn find(
        &self,
        text: &str,
        span: Span,
        settings: &ContextSettings,
    ) -> Option<Arc<str>> {
        let before = words_before(text, span.start, settings.get_window_before());
        let after = words_after(text, span.end, settings.get_window_after());
        // The table header is looked up only when a phrase is not already
        // found in the word windows, and then once per candidate.
        let header = std::cell::OnceCell::new();
        let header_words = || -> &Vec<&str> {
            header.get_or_init(|| {
                crate::text::table_header_cell(text, span)
                    .map(|cell| words(cell).map(|w| &cell[w.range()]).collect())
                    .unwrap_or_default()
            })
        };
        self.phrases.iter().find_map(|(orig, toks)| {
            (contains_run(&before, toks)
                || contains_run(&after, toks)
                || contains_run(header_words(), toks))
            .then(|| orig.clone())
        })
    }
}

fn contains_run(hay: &[&str], needle: &[String]) -> bool {
    needle.len() <= hay.len()
        && hay
            .windows(needle.len())
            .any(|w| w.iter().zip(needle).all(|(h, n)| folded_eq(h, n)))
}

/// True when `word` lower-cases to `folded` (no allocation).
fn folded_eq(word: &str, folded: &str) -> bool {
    if word.is_ascii() {
        return word.eq_ignore_ascii_case(folded);
    }
    word.chars().flat_map(char::to_lowercase).eq(folded.chars())
}

/// How far from a candidate context is searched, in bytes, whatever the
/// word windows say (keeps the cost per candidate bounded).
const MAX_REACH: usize = 256;

/// Up to `n` folded words ending before byte `at`, in text order.
fn words_before(text: &str, at: usize, n: usize) -> Vec<&str> {
    let mut lo = at.saturating_sub(MAX_REACH);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut out = Vec::with_capacity(n);
    let mut end: Option<usize> = None;
    for (i, c) in text[lo..at].char_indices().rev() {
        let i = lo + i;
        if is_word_char(c) {
            end.get_or_insert(i + c.len_utf8());
        } else if let Some(e) = end.take() {
            out.push(&text[i + c.len_utf8()..e]);
            if out.len() == n {
                break;
            }
        }
    }
    if let Some(e) = end {
        if out.len() < n {
            out.push(&text[lo..e]);
        }
    }
    out.reverse();
    out
}

/// Up to `n` folded words starting after byte `at`.
fn words_after(text: &str, at: usize, n: usize) -> Vec<&str> {
    let mut hi = (at + MAX_REACH).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    words(&text[at..hi])
        .take(n)
        .map(|s| &text[at + s.start..at + s.end])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        let cw = ContextWords::new(&["lic".to_string(), "date of birth".to_string()]);
        let s = ContextSettings::default();
        let t = "public 12345";
        assert!(cw.find(t, Span::new(7, 12), &s).is_none());
        let t = "Lic: 12345";
        assert_eq!(cw.find(t, Span::new(5, 10), &s).as_deref(), Some("lic"));
        let t = "Date of Birth 1/2/1961";
        assert!(cw.find(t, Span::new(14, 22), &s).is_some());
        let t = "12345 (lic)";
        assert!(cw.find(t, Span::new(0, 5), &s).is_some());
    }

    #[test]
    fn table_column_headers_are_context() {
        let cw = ContextWords::new(&["mrn".to_string()]);
        let s = ContextSettings::default();
        let t = "Date\tPatient\tMRN\tCPT\n1/2\tAna Lee\t80-751-31\t90791\n3/4\tBo Li\t7519-4535\t90792\n";
        let at = t.find("7519").unwrap_or(0);
        assert!(cw.find(t, Span::new(at, at + 9), &s).is_some());
        let at = t.find("90792").unwrap_or(0);
        assert!(cw.find(t, Span::new(at, at + 5), &s).is_none());
        let t = "| Name | MRN |\n|---|---|\n| Ana | 12345678 |\n";
        let at = t.find("12345678").unwrap_or(0);
        assert!(cw.find(t, Span::new(at, at + 8), &s).is_some());
    }

    #[test]
    fn window_is_bounded() {
        let cw = ContextWords::new(&["mrn".to_string()]);
        let s = ContextSettings {
            window_before: Some(2),
            ..Default::default()
        };
        let t = "MRN one two three 12345";
        assert!(cw.find(t, Span::new(18, 23), &s).is_none());
        let t = "MRN one 12345";
        assert!(cw.find(t, Span::new(8, 13), &s).is_some());
    }
}
