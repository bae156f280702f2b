//! Context enhancement: words near a candidate ("MRN", "DOB", "fax") raise
//! its score.

use std::sync::Arc;

use crate::document::{fold_str, words, Document};
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
    /// `span`, or in the label that governs it (its column header, a
    /// key/value row's key, `Label:` before it), if any.
    pub(crate) fn find(
        &self,
        doc: &Document<'_>,
        span: Span,
        settings: &ContextSettings,
    ) -> Option<Arc<str>> {
        let before = doc.words_before(span.start, settings.get_window_before());
        let after = doc.words_after(span.end, settings.get_window_after());
        // The label is looked up only when a phrase is not already found in
        // the word windows, and then once per candidate.
        let label = std::cell::OnceCell::new();
        let label_words = || -> &Vec<&str> {
            label.get_or_init(|| {
                doc.column_header(span)
                    .map(|cell| words(cell).map(|w| &cell[w.range()]).collect())
                    .unwrap_or_default()
            })
        };
        self.phrases.iter().find_map(|(orig, toks)| {
            (contains_run(&before, toks)
                || contains_run(&after, toks)
                || contains_run(label_words(), toks))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        let cw = ContextWords::new(&["lic".to_string(), "date of birth".to_string()]);
        let s = ContextSettings::default();
        let t = "public 12345";
        assert!(cw.find(&Document::new(t), Span::new(7, 12), &s).is_none());
        let t = "Lic: 12345";
        assert_eq!(
            cw.find(&Document::new(t), Span::new(5, 10), &s).as_deref(),
            Some("lic")
        );
        let t = "Date of Birth 1/2/1961";
        assert!(cw.find(&Document::new(t), Span::new(14, 22), &s).is_some());
        let t = "12345 (lic)";
        assert!(cw.find(&Document::new(t), Span::new(0, 5), &s).is_some());
    }

    #[test]
    fn table_column_headers_are_context() {
        let cw = ContextWords::new(&["mrn".to_string()]);
        let s = ContextSettings::default();
        let t = "Date\tPatient\tMRN\tCPT\n1/2\tAna Lee\t80-751-31\t90791\n3/4\tBo Li\t7519-4535\t90792\n";
        let at = t.find("7519").unwrap_or(0);
        assert!(cw
            .find(&Document::new(t), Span::new(at, at + 9), &s)
            .is_some());
        let at = t.find("90792").unwrap_or(0);
        assert!(cw
            .find(&Document::new(t), Span::new(at, at + 5), &s)
            .is_none());
        let t = "| Name | MRN |\n|---|---|\n| Ana | 12345678 |\n";
        let at = t.find("12345678").unwrap_or(0);
        assert!(cw
            .find(&Document::new(t), Span::new(at, at + 8), &s)
            .is_some());
    }

    #[test]
    fn window_is_bounded() {
        let cw = ContextWords::new(&["mrn".to_string()]);
        let s = ContextSettings {
            window_before: Some(2),
            ..Default::default()
        };
        let t = "MRN one two three 12345";
        assert!(cw.find(&Document::new(t), Span::new(18, 23), &s).is_none());
        let t = "MRN one 12345";
        assert!(cw.find(&Document::new(t), Span::new(8, 13), &s).is_some());
    }
}
