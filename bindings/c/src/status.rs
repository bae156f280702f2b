//! The numbered status every fallible call returns.

use std::ffi::{c_char, c_int};

/// What a fallible call did. `PHIMASK_OK` (0) is success; every other value
/// is a failure, and the call then wrote none of its out-parameters.
///
/// The numbers are stable: they never change meaning, and new ones are only
/// ever added at the end. Treat a number you do not know as a failure.
#[allow(
    non_camel_case_types,
    reason = "C names: the header is generated from this definition"
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(C)]
pub enum phimask_status {
    /// Success.
    PHIMASK_OK = 0,
    /// A required pointer argument was NULL (or a text pointer was NULL with
    /// a non-zero length).
    PHIMASK_NULL_ARGUMENT = 1,
    /// A text, policy or name is not valid UTF-8.
    PHIMASK_INVALID_UTF8 = 2,
    /// The policy document is malformed, or names no built-in policy.
    PHIMASK_INVALID_POLICY = 3,
    /// A custom pattern in the policy does not compile.
    PHIMASK_INVALID_PATTERN = 4,
    /// A look-around pattern exceeded its backtracking limit. The analysis
    /// stopped rather than skip a region that may hold PHI (fail closed).
    PHIMASK_BACKTRACK_LIMIT = 5,
    /// The input is longer than the policy's `max_input_bytes` (64 MiB by
    /// default). The text was not read.
    PHIMASK_INPUT_TOO_LARGE = 6,
    /// An argument has a value the call does not accept (unknown flag bits,
    /// a name that is not NUL-terminated UTF-8, ...).
    PHIMASK_INVALID_ARGUMENT = 7,
    /// An operator cannot be applied (for example `hash` without a key of at
    /// least 16 bytes), or an operators document is malformed.
    PHIMASK_INVALID_OPERATOR = 8,
    /// An index is past the end of a results or batch handle.
    PHIMASK_OUT_OF_RANGE = 9,
    /// A recognizer failed or returned an invalid span (a bug in phimask).
    PHIMASK_RECOGNIZER_FAILED = 10,
    /// The analysis failed for a reason this version of the C ABI has no
    /// more precise number for.
    PHIMASK_ANALYSIS_FAILED = 11,
    /// phimask panicked (a bug). The panic was caught at the boundary, the
    /// call returned nothing, and the process goes on.
    PHIMASK_PANIC = 12,
}

/// Every status, in numeric order (the index is the number).
const ALL: [phimask_status; 13] = [
    phimask_status::PHIMASK_OK,
    phimask_status::PHIMASK_NULL_ARGUMENT,
    phimask_status::PHIMASK_INVALID_UTF8,
    phimask_status::PHIMASK_INVALID_POLICY,
    phimask_status::PHIMASK_INVALID_PATTERN,
    phimask_status::PHIMASK_BACKTRACK_LIMIT,
    phimask_status::PHIMASK_INPUT_TOO_LARGE,
    phimask_status::PHIMASK_INVALID_ARGUMENT,
    phimask_status::PHIMASK_INVALID_OPERATOR,
    phimask_status::PHIMASK_OUT_OF_RANGE,
    phimask_status::PHIMASK_RECOGNIZER_FAILED,
    phimask_status::PHIMASK_ANALYSIS_FAILED,
    phimask_status::PHIMASK_PANIC,
];

impl phimask_status {
    /// Every status, in numeric order.
    pub fn all() -> &'static [phimask_status] {
        &ALL
    }

    /// The status's name as a NUL-terminated static string.
    pub fn name(self) -> &'static str {
        match self {
            phimask_status::PHIMASK_OK => "PHIMASK_OK\0",
            phimask_status::PHIMASK_NULL_ARGUMENT => "PHIMASK_NULL_ARGUMENT\0",
            phimask_status::PHIMASK_INVALID_UTF8 => "PHIMASK_INVALID_UTF8\0",
            phimask_status::PHIMASK_INVALID_POLICY => "PHIMASK_INVALID_POLICY\0",
            phimask_status::PHIMASK_INVALID_PATTERN => "PHIMASK_INVALID_PATTERN\0",
            phimask_status::PHIMASK_BACKTRACK_LIMIT => "PHIMASK_BACKTRACK_LIMIT\0",
            phimask_status::PHIMASK_INPUT_TOO_LARGE => "PHIMASK_INPUT_TOO_LARGE\0",
            phimask_status::PHIMASK_INVALID_ARGUMENT => "PHIMASK_INVALID_ARGUMENT\0",
            phimask_status::PHIMASK_INVALID_OPERATOR => "PHIMASK_INVALID_OPERATOR\0",
            phimask_status::PHIMASK_OUT_OF_RANGE => "PHIMASK_OUT_OF_RANGE\0",
            phimask_status::PHIMASK_RECOGNIZER_FAILED => "PHIMASK_RECOGNIZER_FAILED\0",
            phimask_status::PHIMASK_ANALYSIS_FAILED => "PHIMASK_ANALYSIS_FAILED\0",
            phimask_status::PHIMASK_PANIC => "PHIMASK_PANIC\0",
        }
    }

    /// The status with this number, if there is one.
    pub fn from_number(n: c_int) -> Option<phimask_status> {
        usize::try_from(n).ok().and_then(|i| ALL.get(i).copied())
    }
}

/// The name of a status number (`"PHIMASK_INVALID_UTF8"`), or
/// `"PHIMASK_UNKNOWN_STATUS"` for a number this version does not define.
///
/// Takes an `int`, not a `phimask_status`, so that any number is safe to
/// pass. The returned string is static: never free it. Thread-safe.
#[no_mangle]
pub extern "C" fn phimask_status_name(status: c_int) -> *const c_char {
    crate::ffi_boundary!(value "phimask_status_name", c"PHIMASK_UNKNOWN_STATUS".as_ptr(), {
        match phimask_status::from_number(status) {
            Some(s) => s.name().as_ptr().cast(),
            None => c"PHIMASK_UNKNOWN_STATUS".as_ptr(),
        }
    })
}
