//! Failures and the `phimask_error` object that reports them to C.

use std::ffi::{c_char, CString};

use phimask::{Error, ErrorKind};

use crate::status::phimask_status;

/// Why a call failed: a status and a message that holds no analysed text.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// The status the call returns.
    pub status: phimask_status,
    /// What went wrong, naming arguments, offsets and lengths only.
    pub message: String,
}

impl Failure {
    /// A failure with a status and message.
    pub fn new(status: phimask_status, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    /// A required pointer argument was NULL.
    pub fn null(arg: &str) -> Failure {
        Failure::new(
            phimask_status::PHIMASK_NULL_ARGUMENT,
            format!("`{arg}` is NULL"),
        )
    }

    /// An argument has a value the call does not accept.
    pub fn invalid(arg: &str, why: &str) -> Failure {
        Failure::new(
            phimask_status::PHIMASK_INVALID_ARGUMENT,
            format!("`{arg}`: {why}"),
        )
    }

    /// A core error about one argument (its name is prefixed to the message).
    pub fn in_arg(arg: &str, e: Error) -> Failure {
        let mut f = Failure::from(e);
        f.message = format!("`{arg}`: {}", f.message);
        f
    }
}

/// The status for a core error kind. `ErrorKind` is non-exhaustive: kinds
/// added to the core later map to `PHIMASK_ANALYSIS_FAILED` until the C ABI
/// gives them a number of their own.
pub fn status_of(kind: &ErrorKind) -> phimask_status {
    match kind {
        ErrorKind::InvalidPolicy { .. } => phimask_status::PHIMASK_INVALID_POLICY,
        ErrorKind::InvalidPattern { .. } => phimask_status::PHIMASK_INVALID_PATTERN,
        ErrorKind::BacktrackLimit { .. } => phimask_status::PHIMASK_BACKTRACK_LIMIT,
        ErrorKind::InputTooLarge { .. } => phimask_status::PHIMASK_INPUT_TOO_LARGE,
        ErrorKind::InvalidUtf8 { .. } => phimask_status::PHIMASK_INVALID_UTF8,
        ErrorKind::InvalidOperator { .. } => phimask_status::PHIMASK_INVALID_OPERATOR,
        ErrorKind::InvalidSpan { .. } | ErrorKind::Recognizer { .. } => {
            phimask_status::PHIMASK_RECOGNIZER_FAILED
        }
        ErrorKind::Panic { .. } | ErrorKind::WorkerPanicked { .. } => phimask_status::PHIMASK_PANIC,
        _ => phimask_status::PHIMASK_ANALYSIS_FAILED,
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        // The core's messages name recognizers, fields, offsets and lengths,
        // never analysed text.
        Failure::new(status_of(e.kind()), e.to_string())
    }
}

/// Details of a failed call: its status and a message.
///
/// Create one with `phimask_error_new`, pass it to any number of calls (a
/// failing call overwrites it; a successful one leaves it unchanged), read
/// it with `phimask_error_status` and `phimask_error_message`, and release it
/// with `phimask_error_free`. The message never contains analysed text: it
/// names arguments, recognizers, policy fields, offsets and lengths.
///
/// Thread safety: an error object may be read from several threads at once,
/// but a call that may write it must not run concurrently with any other use
/// of it. Give each thread its own.
#[allow(
    non_camel_case_types,
    reason = "C names: the header is generated from this definition"
)]
#[derive(Debug)]
pub struct phimask_error {
    status: phimask_status,
    message: CString,
}

impl phimask_error {
    /// Records a failure, replacing what the object held.
    pub fn set(&mut self, failure: &Failure) {
        self.status = failure.status;
        // Messages never hold NUL; replace any so the C string is whole.
        let bytes: Vec<u8> = failure
            .message
            .bytes()
            .map(|b| if b == 0 { b'?' } else { b })
            .collect();
        self.message = CString::new(bytes).unwrap_or_default();
    }

    /// The status last recorded (`PHIMASK_OK` for a new object).
    pub fn status(&self) -> phimask_status {
        self.status
    }

    /// The message last recorded (empty for a new object).
    pub fn message(&self) -> &str {
        self.message.to_str().unwrap_or("")
    }
}

impl Default for phimask_error {
    fn default() -> phimask_error {
        phimask_error {
            status: phimask_status::PHIMASK_OK,
            message: CString::default(),
        }
    }
}

/// Creates an empty error object (status `PHIMASK_OK`, empty message).
///
/// Ownership: the caller owns the object and releases it with
/// `phimask_error_free`. Never returns NULL.
#[no_mangle]
pub extern "C" fn phimask_error_new() -> *mut phimask_error {
    Box::into_raw(Box::default())
}

/// Releases an error object. `phimask_error_free(NULL)` does nothing.
/// Messages borrowed from it are invalid afterwards.
#[no_mangle]
pub extern "C" fn phimask_error_free(error: Option<Box<phimask_error>>) {
    crate::ffi_boundary!(value "phimask_error_free", (), { drop(error) })
}

/// The status of the last failure recorded in `error`; `PHIMASK_OK` when none
/// was, and `PHIMASK_NULL_ARGUMENT` when `error` is NULL.
#[no_mangle]
pub extern "C" fn phimask_error_status(error: Option<&phimask_error>) -> phimask_status {
    crate::ffi_boundary!(value "phimask_error_status", phimask_status::PHIMASK_PANIC, {
        error.map_or(phimask_status::PHIMASK_NULL_ARGUMENT, |e| e.status)
    })
}

/// The message of the last failure recorded in `error`, NUL-terminated
/// UTF-8 ("" when none was, or when `error` is NULL).
///
/// Lifetime: borrowed from `error`; valid until `error` is freed or a call
/// writes a new failure into it. Copy it to keep it. Never free it.
#[no_mangle]
pub extern "C" fn phimask_error_message(error: Option<&phimask_error>) -> *const c_char {
    crate::ffi_boundary!(value "phimask_error_message", c"".as_ptr(), {
        error.map_or(c"".as_ptr(), |e| e.message.as_ptr())
    })
}
