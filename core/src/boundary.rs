//! The one panic boundary of phimask.
//!
//! Every entry point that runs analysis code — [`Analyzer::analyze_with`],
//! [`Analyzer::mask`], the batch calls, and the Python and C surfaces — runs
//! it through [`catch_panic`], so a panic anywhere inside (a recognizer, a
//! validator, a scope rule, an operator, a user's own code) becomes an
//! [`ErrorKind::Panic`] and the caller gets no text at all: fail closed.
//!
//! The panic's payload is dropped unread: a panic message may quote the text
//! being analysed, and errors never carry analysed text.
//!
//! [`Analyzer::analyze_with`]: crate::Analyzer::analyze_with
//! [`Analyzer::mask`]: crate::Analyzer::mask

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::{Error, ErrorKind};

/// Runs `f`, turning a panic into an [`ErrorKind::Panic`] naming `stage`.
///
/// The closure is run as if it were unwind safe: callers hand it only
/// immutable analyzers and their own buffers, which a panic cannot leave in
/// a state anyone reads afterwards (a failed call returns no result).
///
/// # Example
/// ```
/// use phimask_core::{boundary::catch_panic, ErrorKind};
/// let r: Result<(), _> = catch_panic("demo", || panic!("secret text"));
/// let err = r.unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::Panic { stage } if stage == "demo"));
/// assert!(!err.to_string().contains("secret"));
/// ```
///
/// # Errors
/// `f`'s own error, or [`ErrorKind::Panic`] when it panicked.
pub fn catch_panic<T>(stage: &str, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            drop(payload);
            Err(Error::new(ErrorKind::Panic {
                stage: stage.to_string(),
            }))
        }
    }
}
