//! `phimask_masker`: operators chosen by the caller instead of the policy's.

use std::ffi::c_char;

use phimask::{Masker, Operator, OperatorSettings};

use crate::boundary::{bytes_arg, need, put, text_arg};
use crate::error::{phimask_error, Failure};
use crate::status::phimask_status;

/// The longest operators document or hash key accepted (1 MiB).
const MAX_DOCUMENT_BYTES: usize = 1 << 20;

/// A set of operators that replaces the policy's for
/// `phimask_analyzer_mask_with`: an entity-to-operator table with a default,
/// and the key of the `hash` operator if one is used.
///
/// Created by `phimask_masker_new`, released by `phimask_masker_free`.
///
/// Thread safety: immutable; may be used by any number of threads at once.
#[allow(
    non_camel_case_types,
    reason = "C names: the header is generated from this definition"
)]
#[derive(Debug)]
pub struct phimask_masker {
    pub(crate) masker: Masker,
}

/// Parses an operators document: the `operators` table of a policy
/// (`{"default": {...}, "entities": {"PERSON": {...}}}`) or one operator
/// (`{"type": "replace"}`) used for every entity; JSON or TOML.
fn parse_operators(doc: &str) -> Result<OperatorSettings, Failure> {
    let json = doc.trim_start().starts_with('{');
    let settings = if json {
        serde_json::from_str::<OperatorSettings>(doc).map_err(|e| e.to_string())
    } else {
        toml::from_str::<OperatorSettings>(doc).map_err(|e| e.message().to_string())
    };
    let first_error = match settings {
        Ok(s) => return Ok(s),
        Err(e) => e,
    };
    let single = if json {
        serde_json::from_str::<Operator>(doc).ok()
    } else {
        toml::from_str::<Operator>(doc).ok()
    };
    match single {
        Some(op) => Ok(OperatorSettings {
            default: Some(op),
            ..OperatorSettings::default()
        }),
        None => Err(Failure::new(
            phimask_status::PHIMASK_INVALID_OPERATOR,
            format!("`operators`: not an operators table nor one operator: {first_error}"),
        )),
    }
}

/// Builds a masker from an operators document of `len` bytes (JSON or
/// TOML, not NUL-terminated): either a policy's `operators` table, for
/// example `{"default":{"type":"replace"},"entities":{"PERSON":{"type":"placeholder"}}}`,
/// or a single operator for every entity, for example `{"type":"redact"}`.
/// Operator types: `mask` (`char`), `replace` (`value`), `redact`, `keep`,
/// `placeholder` (`format`), `hash` (`length`), `generalize`.
///
/// `hash_key` (`hash_key_len` bytes, may be NULL when 0) is the secret key of
/// the `hash` operator, at least 16 bytes; it is copied.
///
/// On success writes a new masker to `*out`, owned by the caller
/// (`phimask_masker_free`). Fails with `PHIMASK_INVALID_OPERATOR` for a
/// malformed document or a `hash` operator without a key.
///
/// # Safety
/// `operators` must point to `len` readable bytes and `hash_key` to
/// `hash_key_len` (each unless its length is 0).
#[no_mangle]
pub unsafe extern "C" fn phimask_masker_new(
    operators: *const c_char,
    len: usize,
    hash_key: *const u8,
    hash_key_len: usize,
    out: Option<&mut *mut phimask_masker>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_masker_new", error, {
        let out = need(out, "out")?;
        // SAFETY: forwarded from this function's contract.
        let doc = unsafe { text_arg(operators, len, "operators", MAX_DOCUMENT_BYTES) }?;
        // SAFETY: forwarded from this function's contract.
        let key = unsafe { bytes_arg(hash_key, hash_key_len, "hash_key", MAX_DOCUMENT_BYTES) }?;
        let settings = parse_operators(doc)?;
        let mut b = Masker::builder();
        b.operators(settings);
        if !key.is_empty() {
            b.hash_key(key);
        }
        let masker = b.build()?;
        put(out, phimask_masker { masker });
        Ok(())
    })
}

/// Releases a masker. `phimask_masker_free(NULL)` does nothing.
#[no_mangle]
pub extern "C" fn phimask_masker_free(masker: Option<Box<phimask_masker>>) {
    crate::ffi_boundary!(value "phimask_masker_free", (), { drop(masker) })
}
