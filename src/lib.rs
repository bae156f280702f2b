//! # phimask
//!
//! Find protected health information (PHI) in clinical text and mask it,
//! following the HIPAA Safe Harbor rules (45 CFR §164.514(b)(2)).
//!
//! ## Quick start
//!
//! ```
//! let analyzer = phimask::safe_harbor()?;
//! let masked = analyzer.mask("Pt seen 03/14/2024, SSN 123-45-6789.")?;
//! assert!(!masked.text.contains("123-45-6789"));
//! # Ok::<(), phimask::Error>(())
//! ```
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
        Analysis, AnalyzeOptions, Analyzer, Detection, Entity, Error, ErrorKind, Masked,
        Operator, Policy, Recognizer, Span,
    };
}
