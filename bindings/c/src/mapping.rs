//! `phimask_mapping`: placeholders and the values they replaced.

use std::ffi::c_char;

use phimask::Mapping;

use crate::boundary::{need, put, text_arg};
use crate::error::phimask_error;
use crate::status::phimask_status;
use crate::string::phimask_string;

/// The placeholders issued while masking one text (`[PERSON_1]`) and the
/// original values they stand for, so that text coming back from another
/// system (a language model's answer) can be restored.
///
/// **It holds PHI**: the original values. Keep it in memory you would trust
/// with the original text and free it with `phimask_mapping_free` as soon as
/// it is no longer needed.
///
/// Thread safety: immutable; `phimask_mapping_restore` may run on any number
/// of threads at once.
#[allow(
    non_camel_case_types,
    reason = "C names: the header is generated from this definition"
)]
pub struct phimask_mapping {
    pub(crate) mapping: Mapping,
    /// The longest text `restore` reads (the analyzer's input limit).
    pub(crate) max_input: usize,
}

impl std::fmt::Debug for phimask_mapping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `Mapping`'s own Debug shows only the count, never the values.
        write!(f, "phimask_mapping({:?})", self.mapping)
    }
}

/// The number of placeholders in `mapping`; 0 when it is NULL.
#[no_mangle]
pub extern "C" fn phimask_mapping_len(mapping: Option<&phimask_mapping>) -> usize {
    crate::ffi_boundary!(value "phimask_mapping_len", 0, {
        mapping.map_or(0, |m| m.mapping.len())
    })
}

/// Puts the original values back in place of every placeholder of
/// `mapping` found in `text` (`len` bytes of UTF-8, not NUL-terminated;
/// NULL with `len == 0` is the empty text).
///
/// On success writes a new `phimask_string` to `*out`, owned by the caller
/// (release it with `phimask_string_free`). On failure `*out` is left
/// unchanged and `error`, when not NULL, receives the details.
///
/// # Safety
/// `text` must point to `len` readable bytes (unless `len` is 0 or exceeds
/// the analyzer's input limit); `mapping` and `error` must be NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn phimask_mapping_restore(
    mapping: Option<&phimask_mapping>,
    text: *const c_char,
    len: usize,
    out: Option<&mut *mut phimask_string>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_mapping_restore", error, {
        let mapping = need(mapping, "mapping")?;
        let out = need(out, "out")?;
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { text_arg(text, len, "text", mapping.max_input) }?;
        let restored = mapping.mapping.restore(text);
        put(out, phimask_string::from_string(restored));
        Ok(())
    })
}

/// Releases a mapping (and the original values it holds).
/// `phimask_mapping_free(NULL)` does nothing.
#[no_mangle]
pub extern "C" fn phimask_mapping_free(mapping: Option<Box<phimask_mapping>>) {
    crate::ffi_boundary!(value "phimask_mapping_free", (), { drop(mapping) })
}
