//! # phimask-corpus-independent
//!
//! A second generator of annotated documents for measuring
//! [phimask](https://docs.rs/phimask), written from scratch and independent
//! of `phimask-corpora`'s generator: its own document shapes, its own name,
//! address and identifier sources (the files under `data/`), and its own
//! wording. It writes the same [`Note`] format, so `phimask eval` scores
//! it; PERSON spans also record where the name comes from
//! ([`Annotation::origin`](phimask_corpora::Annotation::origin)).
//!
//! Document kinds ([`KINDS`]): HL7 v2 ADT and ORU messages, FHIR JSON
//! (Patient, Encounter, Observation, Bundle; pretty and minified, with an
//! XHTML narrative), ambient-scribe transcripts, e-mail threads, letters
//! from the UK, Canada, Australia and New Zealand, nursing flowsheets,
//! billing correspondence, dictated reports, portal chat in lower case and
//! generic international personal-data text.
//!
//! The corpus is written against [`REFERENCE_DATE`]; seed [`UNSEEN_SEED`]
//! is reserved for final figures and is never inspected while tuning.
//!
//! ## Example
//! ```
//! let notes = phimask_corpus_independent::generate(1, 17);
//! assert_eq!(notes.len(), 17);
//! assert!(notes.iter().all(|n| phimask_corpus_independent::KINDS.contains(&n.kind.as_str())));
//! ```
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![forbid(unsafe_code)]

use phimask_corpora::Note;

mod data;
mod doc;
mod people;
mod shapes;
mod values;

pub use doc::Intended;
pub use people::ORIGINS;
pub use shapes::KINDS;
pub use values::REFERENCE_DATE;

/// The seed kept for final figures: never print or inspect its notes.
pub const UNSEEN_SEED: u64 = 424_242;

/// The reference date as `YYYY-MM-DD`, for `phimask eval --reference-date`.
pub fn reference_date() -> String {
    let (y, m, d) = REFERENCE_DATE;
    format!("{y:04}-{m:02}-{d:02}")
}

/// A generated note with what each annotation was meant to cover.
#[derive(Debug)]
pub struct Generated {
    /// The note.
    pub note: Note,
    /// For each annotation, the text the generator put there.
    pub intended: Vec<Intended>,
}

fn note_seed(seed: u64, index: usize) -> u64 {
    // SplitMix64 over the pair, so notes are independent of each other and
    // a prefix of a corpus is the same for any count.
    let mut z = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(index as u64)
        .wrapping_add(0xD1B5_4A32_D192_ED03);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Generates `count` notes with their intended span texts. Kinds rotate
/// through [`KINDS`]; the same seed gives the same notes.
///
/// # Example
/// ```
/// let g = phimask_corpus_independent::generate_checked(3, 2);
/// for x in &g {
///     for i in &x.intended {
///         let a = if i.phi { &x.note.phi[i.index] } else { &x.note.keep[i.index] };
///         assert_eq!(&x.note.text[a.start..a.end], i.text);
///     }
/// }
/// ```
pub fn generate_checked(seed: u64, count: usize) -> Vec<Generated> {
    (0..count)
        .map(|i| {
            let kind = KINDS[i % KINDS.len()];
            let mut g = values::Gen::new(note_seed(seed, i));
            let mut d = doc::Doc::new();
            shapes::write(kind, &mut g, &mut d);
            let (note, intended) = d.finish(format!("ind-{seed}-{i:05}"), kind);
            Generated { note, intended }
        })
        .collect()
}

/// Generates `count` notes for `seed`.
///
/// # Example
/// ```
/// let a = phimask_corpus_independent::generate(5, 30);
/// let b = phimask_corpus_independent::generate(5, 30);
/// assert_eq!(a, b);
/// ```
pub fn generate(seed: u64, count: usize) -> Vec<Note> {
    generate_checked(seed, count)
        .into_iter()
        .map(|g| g.note)
        .collect()
}
