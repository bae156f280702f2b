//! # phimask-c
//!
//! The C ABI of [phimask](https://docs.rs/phimask): find PHI in clinical
//! text and mask it from C, C++, Go, Swift, C#, Kotlin or Node, in process.
//! The header `include/phimask.h` is generated from this crate by cbindgen
//! and committed; `README.md` beside it is the guide for C programmers.
//!
//! ## Conventions (after rustls-ffi)
//!
//! * Opaque handles (`phimask_analyzer`, `phimask_results`,
//!   `phimask_string`, `phimask_mapping`, `phimask_masker`, `phimask_batch`,
//!   `phimask_error`) come from `_new` calls or out-parameters and go back to
//!   their own `_free`; `_free(NULL)` does nothing. C never calls `free()` on
//!   memory from phimask.
//! * Every fallible call returns a [`phimask_status`] with stable numbers,
//!   writes its out-parameters only on success, and on failure records the
//!   status and a message (never analysed text) in an optional
//!   [`phimask_error`].
//! * Every pointer is checked for NULL: handles are `Option<&T>` or
//!   `Option<Box<T>>` in the Rust signatures. Texts are a pointer and a
//!   length (not NUL-terminated; NULL with length 0 is the empty text) and
//!   must be UTF-8 (`PHIMASK_INVALID_UTF8` otherwise). A length above the
//!   policy's limit is refused before the text is read.
//! * One boundary, [`ffi_boundary!`], wraps every entry point in
//!   [`phimask::boundary::catch_panic`]: a panic returns `PHIMASK_PANIC` and
//!   never unwinds into C nor aborts the process.
//! * Offsets are UTF-8 byte offsets, plus UTF-16 code units on request
//!   ([`PHIMASK_ANALYZE_UTF16`]).
//! * An analyzer is immutable and shared by any number of threads.
//!
//! ## Example (from Rust, as the C program would call it)
//!
//! ```
//! use phimask_c::*;
//! use std::ptr;
//!
//! let mut analyzer = ptr::null_mut();
//! let status = unsafe { phimask_analyzer_new_named(c"safe_harbor".as_ptr(), Some(&mut analyzer), None) };
//! assert_eq!(status, phimask_status::PHIMASK_OK);
//! let text = "SSN 123-45-6789, seen last week.";
//! let mut masked = ptr::null_mut();
//! let status = unsafe {
//!     phimask_analyzer_mask(analyzer.as_ref(), text.as_ptr().cast(), text.len(), Some(&mut masked), None)
//! };
//! assert_eq!(status, phimask_status::PHIMASK_OK);
//! let out = unsafe { std::slice::from_raw_parts(phimask_string_ptr(masked.as_ref()).cast::<u8>(), phimask_string_len(masked.as_ref())) };
//! let out = std::str::from_utf8(out).unwrap();
//! assert!(!out.contains("6789") && out.contains("last week"));
//! phimask_string_free(unsafe { boxed(masked) });
//! phimask_analyzer_free(unsafe { boxed(analyzer) });
//! # unsafe fn boxed<T>(p: *mut T) -> Option<Box<T>> { if p.is_null() { None } else { Some(unsafe { Box::from_raw(p) }) } }
//! ```
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

pub mod analyzer;
pub mod batch;
pub mod boundary;
pub mod error;
pub mod mapping;
pub mod masker;
pub mod results;
pub mod status;
pub mod string;

pub use analyzer::*;
pub use batch::*;
pub use error::{
    phimask_error, phimask_error_free, phimask_error_message, phimask_error_new,
    phimask_error_status, Failure,
};
pub use mapping::*;
pub use masker::*;
pub use results::*;
pub use status::*;
pub use string::*;

#[cfg(test)]
mod tests;
