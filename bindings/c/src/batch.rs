//! `phimask_batch`: the masked texts of a batch call.

use std::ffi::c_char;

use crate::boundary::need;
use crate::error::{phimask_error, Failure};
use crate::status::phimask_status;
use crate::string::phimask_string;

/// The outcome of `phimask_analyzer_mask_batch`: for each input text, in
/// order, either its masked text or the failure that stopped it (one text's
/// failure does not stop the others; a failed text has no output at all).
///
/// Owned by the caller; release with `phimask_batch_free`.
///
/// Thread safety: immutable; may be read from any number of threads at once.
#[allow(
    non_camel_case_types,
    reason = "C names: the header is generated from this definition"
)]
pub struct phimask_batch {
    pub(crate) items: Vec<Result<phimask_string, Failure>>,
}

impl std::fmt::Debug for phimask_batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "phimask_batch({} texts)", self.items.len())
    }
}

/// The number of texts in the batch; 0 when `batch` is NULL.
#[no_mangle]
pub extern "C" fn phimask_batch_len(batch: Option<&phimask_batch>) -> usize {
    crate::ffi_boundary!(value "phimask_batch_len", 0, {
        batch.map_or(0, |b| b.items.len())
    })
}

/// The outcome for text `index`: its status is returned. On `PHIMASK_OK`,
/// `*text` and `*len` receive the masked text (UTF-8, NUL-terminated, the
/// NUL not counted in `*len`), borrowed from `batch` and valid until
/// `phimask_batch_free`. On failure (that text's own failure, or
/// `PHIMASK_OUT_OF_RANGE`, `PHIMASK_NULL_ARGUMENT`), `*text` and `*len` are
/// left unchanged and `error`, when not NULL, receives the details.
#[no_mangle]
pub extern "C" fn phimask_batch_get(
    batch: Option<&phimask_batch>,
    index: usize,
    text: Option<&mut *const c_char>,
    len: Option<&mut usize>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_batch_get", error, {
        let batch = need(batch, "batch")?;
        let text = need(text, "text")?;
        let len = need(len, "len")?;
        let item = batch.items.get(index).ok_or_else(|| {
            Failure::new(
                phimask_status::PHIMASK_OUT_OF_RANGE,
                format!(
                    "`index` {index} is out of range: the batch holds {} texts",
                    batch.items.len()
                ),
            )
        })?;
        match item {
            Ok(s) => {
                *text = s.as_bytes().as_ptr().cast();
                *len = s.as_bytes().len();
                Ok(())
            }
            Err(f) => Err(f.clone()),
        }
    })
}

/// Releases a batch and every text in it. `phimask_batch_free(NULL)` does
/// nothing.
#[no_mangle]
pub extern "C" fn phimask_batch_free(batch: Option<Box<phimask_batch>>) {
    crate::ffi_boundary!(value "phimask_batch_free", (), { drop(batch) })
}
