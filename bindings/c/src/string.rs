//! `phimask_string`: text owned by phimask, handed to C.

use std::ffi::c_char;

/// A UTF-8 string owned by phimask (a masked text, a restored text, an
/// explanation in JSON).
///
/// Read it with `phimask_string_ptr` and `phimask_string_len`; release it
/// with `phimask_string_free`, never with `free()`. The bytes are followed
/// by a NUL so the pointer can be used as a C string, but the length is
/// authoritative (a text may itself contain NUL bytes).
///
/// Thread safety: immutable; may be read from any number of threads at once.
/// A masked text may still be sensitive in context: free it when done.
#[allow(
    non_camel_case_types,
    reason = "C names: the header is generated from this definition"
)]
pub struct phimask_string {
    /// The text followed by one NUL byte.
    bytes: Box<[u8]>,
}

impl std::fmt::Debug for phimask_string {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the text: a restored text holds PHI.
        write!(f, "phimask_string({} bytes)", self.bytes.len() - 1)
    }
}

impl phimask_string {
    /// Copies `s` into a new string.
    pub fn new(s: &str) -> phimask_string {
        let mut v = Vec::with_capacity(s.len() + 1);
        v.extend_from_slice(s.as_bytes());
        v.push(0);
        phimask_string {
            bytes: v.into_boxed_slice(),
        }
    }

    /// Takes ownership of `s` (one reallocation at most, for the NUL).
    pub fn from_string(s: String) -> phimask_string {
        let mut v = s.into_bytes();
        v.push(0);
        phimask_string {
            bytes: v.into_boxed_slice(),
        }
    }

    /// The text, without the NUL.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.bytes.len() - 1]
    }
}

/// The string's bytes: UTF-8, followed by a NUL that `phimask_string_len`
/// does not count. NULL when `string` is NULL.
///
/// Lifetime: borrowed from `string`; valid until `phimask_string_free`.
#[no_mangle]
pub extern "C" fn phimask_string_ptr(string: Option<&phimask_string>) -> *const c_char {
    crate::ffi_boundary!(value "phimask_string_ptr", std::ptr::null(), {
        string.map_or(std::ptr::null(), |s| s.bytes.as_ptr().cast())
    })
}

/// The string's length in bytes, not counting the trailing NUL; 0 when
/// `string` is NULL.
#[no_mangle]
pub extern "C" fn phimask_string_len(string: Option<&phimask_string>) -> usize {
    crate::ffi_boundary!(value "phimask_string_len", 0, {
        string.map_or(0, |s| s.bytes.len() - 1)
    })
}

/// Releases a string. `phimask_string_free(NULL)` does nothing. Pointers
/// from `phimask_string_ptr` are invalid afterwards.
#[no_mangle]
pub extern "C" fn phimask_string_free(string: Option<Box<phimask_string>>) {
    crate::ffi_boundary!(value "phimask_string_free", (), { drop(string) })
}
