//! # phimask-core
//!
//! The engine of [phimask](https://docs.rs/phimask): the text model, the
//! [`Recognizer`] trait and the pattern and dictionary recognizer machinery,
//! context enhancement, the scoping stage, overlap resolution, operators and
//! the masker, and the policy document.
//!
//! ## Should I be using this crate?
//!
//! Probably not directly: the `phimask` crate re-exports everything here and
//! adds the built-in Safe Harbor recognizers. Use `phimask-core` on its own
//! to build an analyzer from your own recognizers only.
//!
//! ## Overview
//!
//! ```text
//! &str ─► recognizers ─► candidates ─► context enhancement ─► scoping
//!      ─► allow list, threshold ─► resolution ─► Analysis ─► Masker ─► Masked
//! ```
//!
//! * [`Recognizer`]s append [`Candidate`]s to a reusable buffer. A
//!   [`PatternRecognizer`] holds regexes with Presidio's fields; all the
//!   pattern recognizers of an analyzer are matched in one multi-pattern
//!   pass. A [`DictionaryRecognizer`] matches whole words, leftmost-longest,
//!   case-insensitively beyond ASCII.
//! * Context words near a candidate raise its score (whole words only:
//!   "lic" does not match "public").
//! * [`scope::ScopeRule`]s keep candidates that Safe Harbor lets stay, and
//!   every kept candidate records the rule's name in [`Analysis::kept`].
//! * Overlaps resolve to one non-overlapping answer per region
//!   ([`Analysis::detections`]), while the masker covers the union of all
//!   surviving candidates ([`Analysis::coverage`]) — recall first.
//! * [`Masker`] applies an [`Operator`] per entity; the default replaces each
//!   character with ● (U+25CF), keeping line breaks.
//!
//! ## Offsets
//!
//! Spans are byte offsets into the UTF-8 input. [`offsets`] converts them to
//! code points (Python) or UTF-16 code units in one pass.
//!
//! ## Untrusted input and limits
//!
//! * Inputs longer than the policy's `max_input_bytes` (default 64 MiB) are
//!   refused with [`ErrorKind::InputTooLarge`].
//! * Look-around patterns run under a backtracking limit; an overrun fails
//!   the analysis with [`ErrorKind::BacktrackLimit`] (fail closed).
//! * No error, `Debug` or `Display` output contains analysed text.
//!
//! ## Quick start
//!
//! ```
//! use phimask_core::*;
//! let analyzer = Analyzer::builder()
//!     .add_recognizer(PatternRecognizer::builder("mrn", Entity::MedicalRecordNumber)
//!         .pattern("digits", r"\b\d{7,8}\b", 0.3)
//!         .context(["mrn", "medical record"])
//!         .build()?)
//!     .build()?;
//! // Context words count within five words before (three after) a candidate.
//! let masked = analyzer.mask("MRN: 00123456. His old pedometer counted 1234567 steps.")?;
//! assert_eq!(masked.text, "MRN: ●●●●●●●●. His old pedometer counted 1234567 steps.");
//! # Ok::<(), phimask_core::Error>(())
//! ```
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![forbid(unsafe_code)]

mod analyzer;
pub mod boundary;
pub mod consistency;
pub mod context;
mod date;
mod detection;
mod dictionary;
pub mod document;
mod entity;
mod error;
mod neighbours;
pub mod offsets;
pub mod operators;
mod pattern;
pub mod policy;
mod recognizer;
pub mod scope;
mod span;

pub use analyzer::{AnalyzeOptions, Analyzer, AnalyzerBuilder, BuiltinsFn};
pub use context::ContextSettings;
pub use date::{days_in_month, CivilDate, ParseDateError};
pub use detection::{
    Analysis, Candidate, DateFacts, DateKind, Detection, Explanation, Facts, KeepReason, Kept,
    PlaceKind,
};
pub use dictionary::{DictionaryRecognizer, DictionaryRecognizerBuilder};
pub use entity::{Entity, ParseEntityError};
pub use error::{from_utf8, Error, ErrorKind};
pub use operators::{
    Mapping, Masked, MaskedItem, Masker, MaskerBuilder, Operator, OperatorSettings,
};
pub use pattern::{
    Invalidator, Pattern, PatternRecognizer, PatternRecognizerBuilder, Validator,
    DEFAULT_BACKTRACK_LIMIT, PHI_GROUP,
};
pub use policy::{Overlap, Policy};
pub use recognizer::{Context, Recognizer, RecordRegion};
pub use span::Span;
