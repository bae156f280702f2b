//! The one error type of phimask.
//!
//! Messages name recognizers, patterns, fields, offsets and lengths — never
//! the text being analysed.

use std::fmt;

/// An error from building or running an analyzer or masker.
///
/// The type is opaque; inspect [`Error::kind`]. No error ever carries
/// analysed text: only identifiers, offsets and lengths.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A policy document is malformed. `message` names the field or value at
    /// fault (the policy is configuration, not analysed text).
    InvalidPolicy {
        /// What is wrong, naming the field.
        message: String,
    },
    /// A pattern failed to compile.
    InvalidPattern {
        /// The recognizer holding the pattern.
        recognizer: String,
        /// The pattern's index within the recognizer.
        index: usize,
        /// The pattern's name.
        name: String,
        /// The compiler's message about the regex (the regex is configuration).
        message: String,
    },
    /// A look-around pattern exceeded its backtracking limit: the analysis
    /// stops rather than skip a region that may hold PHI.
    BacktrackLimit {
        /// The recognizer whose pattern overran.
        recognizer: String,
        /// The byte offset at which matching was resumed when it overran.
        offset: usize,
    },
    /// The input is larger than the analyzer's configured maximum.
    InputTooLarge {
        /// The input's length in bytes.
        len: usize,
        /// The configured maximum in bytes.
        max: usize,
    },
    /// The input is not valid UTF-8.
    InvalidUtf8 {
        /// The length of the longest valid prefix.
        valid_up_to: usize,
    },
    /// A recognizer returned a span that is out of bounds or not on character
    /// boundaries.
    InvalidSpan {
        /// The recognizer that produced it.
        recognizer: String,
        /// Span start.
        start: usize,
        /// Span end.
        end: usize,
    },
    /// An operator cannot be applied (for example `hash` without a key).
    InvalidOperator {
        /// What is wrong.
        message: String,
    },
    /// A recognizer failed for its own reason (user recognizers).
    Recognizer {
        /// The recognizer's id.
        recognizer: String,
        /// What went wrong (must not contain analysed text).
        message: String,
    },
    /// A stage panicked (a bug, in phimask or in a user's recognizer, scope
    /// rule or operator). The panic was caught at the analysis boundary and
    /// the call failed closed; the panic's message is not kept, since it may
    /// quote analysed text.
    Panic {
        /// The stage that panicked (`analyze`, `mask`, or a binding's entry
        /// point name).
        stage: String,
    },
    /// A worker thread panicked during a batch analysis.
    WorkerPanicked {
        /// The index of the text being analysed.
        index: usize,
    },
}

impl Error {
    /// Creates an error of the given kind.
    pub fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Shorthand for an [`ErrorKind::InvalidPolicy`] error.
    pub fn policy(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidPolicy {
            message: message.into(),
        })
    }

    /// Shorthand for an [`ErrorKind::Recognizer`] error. The message must not
    /// contain analysed text.
    pub fn recognizer(recognizer: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Recognizer {
            recognizer: recognizer.into(),
            message: message.into(),
        })
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error { kind }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InvalidPolicy { message } => write!(f, "invalid policy: {message}"),
            ErrorKind::InvalidPattern {
                recognizer,
                index,
                name,
                message,
            } => write!(
                f,
                "recognizer `{recognizer}`: pattern #{index} (`{name}`) does not compile: {message}"
            ),
            ErrorKind::BacktrackLimit { recognizer, offset } => write!(
                f,
                "recognizer `{recognizer}`: a look-around pattern exceeded its backtracking limit near byte {offset}; analysis stopped (fail closed)"
            ),
            ErrorKind::InputTooLarge { len, max } => {
                write!(f, "input of {len} bytes exceeds the maximum of {max} bytes")
            }
            ErrorKind::InvalidUtf8 { valid_up_to } => {
                write!(f, "input is not valid UTF-8 (valid up to byte {valid_up_to})")
            }
            ErrorKind::InvalidSpan {
                recognizer,
                start,
                end,
            } => write!(
                f,
                "recognizer `{recognizer}` returned an invalid span {start}..{end}"
            ),
            ErrorKind::InvalidOperator { message } => write!(f, "invalid operator: {message}"),
            ErrorKind::Recognizer {
                recognizer,
                message,
            } => write!(f, "recognizer `{recognizer}` failed: {message}"),
            ErrorKind::Panic { stage } => {
                write!(f, "internal error: `{stage}` panicked; nothing was returned (fail closed)")
            }
            ErrorKind::WorkerPanicked { index } => {
                write!(f, "internal error: analysis of text #{index} panicked")
            }
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Reads well inside `unwrap()` panics: the message, then the kind.
        write!(f, "phimask::Error({self}; {:?})", self.kind)
    }
}

impl std::error::Error for Error {}

/// Converts invalid UTF-8 into a typed error that names only an offset.
///
/// # Example
/// ```
/// use phimask_core::{from_utf8, ErrorKind};
/// let err = from_utf8(b"ok\xff").unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::InvalidUtf8 { valid_up_to: 2 });
/// ```
///
/// # Errors
/// [`ErrorKind::InvalidUtf8`] when `bytes` is not UTF-8.
pub fn from_utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::InvalidUtf8 {
            valid_up_to: e.valid_up_to(),
        })
    })
}
