//! The one boundary every entry point goes through, and argument checks.
//!
//! [`ffi_boundary!`](crate::ffi_boundary) runs an entry point's body inside
//! [`phimask::boundary::catch_panic`], so a panic becomes `PHIMASK_PANIC`
//! (or the entry point's fallback value) and never unwinds into C, and turns
//! a [`Failure`] into the returned status and the caller's error object.

use std::ffi::{c_char, CStr};

use phimask::{Error, ErrorKind};

use crate::error::{phimask_error, Failure};
use crate::status::phimask_status;

/// Wraps the body of an entry point.
///
/// * `ffi_boundary!("name", error, { ...; Ok(()) })` — the body returns
///   `Result<(), Failure>`; the expansion returns a `phimask_status`, and on
///   failure records the failure in `error` (an `Option<&mut phimask_error>`).
///   A panic returns `PHIMASK_PANIC`.
/// * `ffi_boundary!(value "name", fallback, { expr })` — for infallible
///   accessors and `_free` functions: the body's value, or `fallback` if it
///   panicked.
#[macro_export]
#[doc(hidden)]
macro_rules! ffi_boundary {
    (value $stage:literal, $fallback:expr, $body:block) => {{
        ::phimask::boundary::quiet_panic_hook();
        #[allow(unreachable_code, reason = "a body may be a bare `panic!` in tests")]
        let outcome = ::phimask::boundary::catch_panic($stage, || Ok($body));
        match outcome {
            Ok(v) => v,
            Err(_) => $fallback,
        }
    }};
    ($stage:literal, $error:expr, $body:block) => {{
        ::phimask::boundary::quiet_panic_hook();
        let body = || -> ::std::result::Result<(), $crate::error::Failure> { $body };
        let outcome = ::phimask::boundary::catch_panic($stage, || Ok(body()));
        $crate::boundary::finish(outcome, $error)
    }};
}

/// Turns a guarded body's outcome into a status, recording a failure.
pub fn finish(
    outcome: Result<Result<(), Failure>, Error>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    let failure = match outcome {
        Ok(Ok(())) => return phimask_status::PHIMASK_OK,
        Ok(Err(f)) => f,
        Err(e) => Failure::from(e),
    };
    if let Some(error) = error {
        error.set(&failure);
    }
    failure.status
}

/// A required argument.
pub fn need<T>(arg: Option<T>, name: &str) -> Result<T, Failure> {
    arg.ok_or_else(|| Failure::null(name))
}

/// Longest text any call reads: slices longer than `isize::MAX` bytes cannot
/// exist in Rust.
const MAX_SLICE: usize = isize::MAX as usize;

/// Borrows `len` bytes at `ptr` as UTF-8 text.
///
/// A NULL `ptr` with `len == 0` is the empty text. A `len` above `max` is
/// refused with `PHIMASK_INPUT_TOO_LARGE` before the memory is touched.
///
/// # Safety
/// When `ptr` is not NULL and `len <= max`, `ptr` must point to `len`
/// readable bytes that stay unchanged for `'a`.
pub unsafe fn text_arg<'a>(
    ptr: *const c_char,
    len: usize,
    name: &str,
    max: usize,
) -> Result<&'a str, Failure> {
    if len == 0 {
        return Ok("");
    }
    if ptr.is_null() {
        return Err(Failure::new(
            phimask_status::PHIMASK_NULL_ARGUMENT,
            format!("`{name}` is NULL but its length is {len}"),
        ));
    }
    let max = max.min(MAX_SLICE);
    if len > max {
        return Err(Failure::in_arg(
            name,
            Error::new(ErrorKind::InputTooLarge { len, max }),
        ));
    }
    // SAFETY: `ptr` is non-NULL and, by the caller's contract, points to
    // `len` readable bytes; `len <= isize::MAX`.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    phimask::from_utf8(bytes).map_err(|e| Failure::in_arg(name, e))
}

/// Borrows `len` bytes at `ptr` (NULL with `len == 0` is empty).
///
/// # Safety
/// As [`text_arg`].
pub unsafe fn bytes_arg<'a>(
    ptr: *const u8,
    len: usize,
    name: &str,
    max: usize,
) -> Result<&'a [u8], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Failure::new(
            phimask_status::PHIMASK_NULL_ARGUMENT,
            format!("`{name}` is NULL but its length is {len}"),
        ));
    }
    if len > max.min(MAX_SLICE) {
        return Err(Failure::invalid(name, "longer than any accepted value"));
    }
    // SAFETY: as in `text_arg`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Borrows a NUL-terminated UTF-8 string (a short name, not analysed text).
///
/// # Safety
/// When not NULL, `ptr` must point to a NUL-terminated string that stays
/// unchanged for `'a`.
pub unsafe fn name_arg<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: non-NULL and NUL-terminated by the caller's contract.
    let s = unsafe { CStr::from_ptr(ptr) };
    phimask::from_utf8(s.to_bytes()).map_err(|e| Failure::in_arg(name, e))
}

/// Writes a new handle through an out-parameter (the last step of a call,
/// after everything that can fail).
pub fn put<T>(out: &mut *mut T, value: T) {
    *out = Box::into_raw(Box::new(value));
}
