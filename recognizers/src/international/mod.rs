//! Identifiers outside the US: telephone numbers in international and
//! national formats (validated against numbering plans by the
//! `phonenumber` crate, a port of Google's libphonenumber), UK, Canadian,
//! Australian, New Zealand and Irish postcodes, and national health and
//! insurance numbers with their check digits (NHS, OHIP, Medicare
//! Australia, NHI, UK National Insurance, Canadian SIN), and street
//! address lines in non-US forms (flat and unit designators, `4/22`).
//!
//! US shapes stay with the US recognizers: a `+1` or NANP number is left
//! to `phone_fax`, a five-digit ZIP to the ZIP recognizer.

use std::sync::Arc;

use phimask_core::document::Document;
use phimask_core::{Error, Recognizer, Span};

mod address;
mod checks;
mod health;
mod phone;
mod postcode;

pub use address::IntlAddressRecognizer;
pub use health::NationalIdRecognizer;
pub use phone::IntlPhoneRecognizer;
pub use postcode::PostcodeRecognizer;

/// The recognizers of this family.
///
/// # Errors
/// When a built-in pattern fails to compile (a bug).
pub fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    Ok(vec![
        Arc::new(IntlPhoneRecognizer::new()?),
        Arc::new(PostcodeRecognizer::new()?),
        Arc::new(NationalIdRecognizer::new()?),
        Arc::new(IntlAddressRecognizer::new()?),
    ])
}

/// True when `word` (already lower-case) equals one of `cues`, which may
/// be phrases: a phrase matches the words ending at `words[i]`.
fn cue_at(words: &[String], i: usize, cues: &[&str]) -> bool {
    cues.iter().any(|cue| {
        let parts: Vec<&str> = cue.split(' ').collect();
        if parts.len() > i + 1 {
            return false;
        }
        parts
            .iter()
            .rev()
            .zip(words[..=i].iter().rev())
            .all(|(p, w)| p == w)
    })
}

/// The label of `span` (lower-cased), if the document has one.
fn label_lower(doc: &Document<'_>, span: Span) -> Option<String> {
    doc.label_for(span).map(str::to_lowercase)
}

/// True when a label of `span` or one of the `reach` words before it is one
/// of `cues` (lower-case words or phrases, matched whole-word), or when the
/// label contains one of them as a whole word.
fn has_cue(doc: &Document<'_>, span: Span, cues: &[&str], reach: usize) -> bool {
    if let Some(label) = label_lower(doc, span) {
        let words: Vec<String> = phimask_core::document::words(&label)
            .map(|w| label[w.range()].to_string())
            .collect();
        if (0..words.len()).any(|i| cue_at(&words, i, cues)) {
            return true;
        }
    }
    let words: Vec<String> = doc
        .words_before(span.start, reach)
        .into_iter()
        .map(str::to_lowercase)
        .collect();
    (0..words.len()).any(|i| cue_at(&words, i, cues))
}
