//! # phimask
//!
//! Find protected health information (PHI) in clinical text and mask it,
//! following the HIPAA Safe Harbor rules (45 CFR §164.514(b)(2)).
//!
//! ## Overview
//!
//! An [`Analyzer`] runs recognizers (patterns with validators, dictionaries,
//! label- and shape-driven name finders) over a text, raises scores with
//! nearby context words ("MRN", "DOB", "fax"), applies the Safe Harbor
//! scoping rules, resolves overlaps and returns an [`Analysis`]. A [`Masker`]
//! then replaces each detected region; the default operator writes one ●
//! (U+25CF) per character, so the text keeps its shape and line breaks.
//!
//! ## Quick start
//!
//! ```
//! let analyzer = phimask::safe_harbor()?; // build once; Send + Sync; cheap to clone
//! let masked = analyzer.mask("Pt seen 03/14/2024, SSN 123-45-6789.")?;
//! assert!(!masked.text.contains("123-45-6789"));
//! assert!(!masked.text.contains("03/14"));
//! # Ok::<(), phimask::Error>(())
//! ```
//!
//! ## Offsets
//!
//! Every [`Span`] is a pair of UTF-8 byte offsets into the analysed text.
//! [`offsets`] converts them, in one pass, to code points (Python's `str`
//! indices) or UTF-16 code units (Java, JavaScript, C#, Swift).
//!
//! ## What Safe Harbor masks and keeps
//!
//! Masked: names, addresses and places smaller than a state, every date
//! element but the year, ages of 90 and over (and birth years revealing them),
//! phone and fax numbers, e-mail addresses, SSNs, medical record, health plan,
//! account, licence, vehicle and device numbers, URLs, IP addresses and any
//! other labelled identifier. Kept, each with the name of the rule that kept
//! it in [`Analysis::kept`]: ages under 90 (`age_under_90`), lone years
//! (`year_alone`), relative and vague times (`relative_time`), US states
//! (`us_state`) and countries (`country`). [`Policy::strict`] masks every
//! date and age. Full-face photographs are images: out of scope here.
//!
//! ## Untrusted input and limits
//!
//! Inputs above the policy's `max_input_bytes` (64 MiB by default) are
//! refused; look-around patterns run under a backtracking limit and an
//! overrun fails the call ([`ErrorKind::BacktrackLimit`]). Errors, `Debug`
//! and `Display` output never contain analysed text. No call ever returns
//! partially masked text.
//!
//! ## Crate features
//!
//! None yet: the built-in recognizers and dictionaries are always included.
//!
//! ## Other crates
//!
//! * `phimask-core` — the engine, usable with your own recognizers only.
//! * `phimask-recognizers` — the built-in recognizers, re-exported here as
//!   [`recognizers`].
//! * `phimask-corpora` — synthetic annotated notes, the generator and the
//!   scorer.
//! * `phimask-cli` — the `phimask` command (`scrub`, `analyze`, `eval`,
//!   `check`).
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![forbid(unsafe_code)]

pub use phimask_core::*;
pub use phimask_recognizers as recognizers;

/// An analyzer builder with the built-in Safe Harbor recognizers wired in
/// (they are included unless the policy sets `recognizers.builtin = false`).
///
/// # Example
/// ```
/// let analyzer = phimask::builder()
///     .policy(phimask::Policy::strict())
///     .build()?;
/// # Ok::<(), phimask::Error>(())
/// ```
pub fn builder() -> AnalyzerBuilder {
    let mut b = Analyzer::builder();
    b.builtins(phimask_recognizers::builtin);
    b
}

/// An analyzer for the default Safe Harbor policy.
///
/// # Errors
/// Only if a built-in recognizer fails to build (a bug).
pub fn safe_harbor() -> Result<Analyzer, Error> {
    builder().policy(Policy::safe_harbor()).build()
}

/// An analyzer for a policy, built-ins included.
///
/// # Errors
/// [`ErrorKind::InvalidPolicy`] and the other build errors of
/// [`AnalyzerBuilder::build`].
pub fn from_policy(policy: &Policy) -> Result<Analyzer, Error> {
    builder().policy(policy.clone()).build()
}

/// The most used items, for `use phimask::prelude::*`.
pub mod prelude {
    pub use phimask_core::{
        Analysis, AnalyzeOptions, Analyzer, Detection, Entity, Error, ErrorKind, Masked, Operator,
        Policy, Recognizer, Span,
    };
}

/// Keeps the README's Rust examples compiling and passing.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
