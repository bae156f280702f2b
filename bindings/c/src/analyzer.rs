//! `phimask_analyzer`: analyze, mask, placeholders, batch.

use std::collections::BTreeMap;
use std::ffi::c_char;

use phimask::{
    Analysis, AnalyzeOptions, Analyzer, Masked, Masker, Operator, OperatorSettings, Policy,
};

use crate::batch::phimask_batch;
use crate::boundary::{name_arg, need, put, text_arg};
use crate::error::{phimask_error, Failure};
use crate::mapping::phimask_mapping;
use crate::masker::phimask_masker;
use crate::results::phimask_results;
use crate::status::phimask_status;
use crate::string::phimask_string;

/// The longest policy document accepted (16 MiB).
const MAX_POLICY_BYTES: usize = 16 << 20;

/// Flag for `phimask_analyzer_analyze`: also compute UTF-16 offsets
/// (`utf16_start`, `utf16_end`) for embedders whose strings are UTF-16
/// (Java, C#, Swift `NSString`, JavaScript).
pub const PHIMASK_ANALYZE_UTF16: u32 = 1;

/// An analyzer: a compiled policy (recognizers, scoping rules, operators).
///
/// Built once by `phimask_analyzer_new` or `phimask_analyzer_new_named`
/// (this compiles every pattern and dictionary: keep it and reuse it),
/// released by `phimask_analyzer_free`.
///
/// Thread safety: immutable. Any number of threads may call the functions
/// that take a `const phimask_analyzer *` at the same time; only
/// `phimask_analyzer_free` must not run concurrently with them.
#[allow(
    non_camel_case_types,
    reason = "C names: the header is generated from this definition"
)]
#[derive(Debug)]
pub struct phimask_analyzer {
    analyzer: Analyzer,
    /// Every region becomes `[ENTITY_n]` (for `phimask_analyzer_placeholders`).
    placeholders: Masker,
    max_input: usize,
}

impl phimask_analyzer {
    fn build(policy: &Policy) -> Result<phimask_analyzer, Failure> {
        let analyzer = phimask::from_policy(policy)?;
        let placeholders = Masker::builder()
            .operators(OperatorSettings {
                default: Some(Operator::Placeholder { format: None }),
                entities: BTreeMap::new(),
            })
            .build()?;
        let max_input = analyzer.policy().get_max_input_bytes();
        Ok(phimask_analyzer {
            analyzer,
            placeholders,
            max_input,
        })
    }

    /// The Rust analyzer inside.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Borrows the text argument under this analyzer's input limit.
    ///
    /// # Safety
    /// As [`text_arg`].
    unsafe fn text<'a>(&self, ptr: *const c_char, len: usize) -> Result<&'a str, Failure> {
        // SAFETY: forwarded.
        unsafe { text_arg(ptr, len, "text", self.max_input) }
    }

    /// The input step every single-text entry point shares: borrows the
    /// text argument (length checked against the input limit before it is
    /// read, then UTF-8 decoded) and analyses it with the policy's options.
    ///
    /// # Safety
    /// As [`text_arg`].
    unsafe fn analyzed<'a>(
        &self,
        ptr: *const c_char,
        len: usize,
    ) -> Result<(&'a str, Analysis), Failure> {
        // SAFETY: forwarded.
        let text = unsafe { self.text(ptr, len) }?;
        let analysis = self
            .analyzer
            .analyze_with(text, &AnalyzeOptions::default())?;
        Ok((text, analysis))
    }

    /// The body every mask entry point shares: reads and analyses the text
    /// (as [`Self::analyzed`]), masks it with `masker` inside the panic
    /// boundary, then writes the masked text to `out` and, when asked, the
    /// placeholders issued to `mapping_out`. Nothing is written on failure.
    ///
    /// # Safety
    /// As [`text_arg`].
    unsafe fn mask_into(
        &self,
        masker: &Masker,
        ptr: *const c_char,
        len: usize,
        out: &mut *mut phimask_string,
        mapping_out: Option<&mut *mut phimask_mapping>,
    ) -> Result<(), Failure> {
        // SAFETY: forwarded.
        let (text, analysis) = unsafe { self.analyzed(ptr, len) }?;
        let masked: Masked =
            phimask::boundary::catch_panic("mask", || masker.mask(text, &analysis))?;
        put(out, phimask_string::from_string(masked.text));
        if let Some(mapping_out) = mapping_out {
            put(
                mapping_out,
                phimask_mapping {
                    mapping: masked.mapping,
                    max_input: self.max_input,
                },
            );
        }
        Ok(())
    }
}

/// The library's version, for example `"0.1.0"`: a static NUL-terminated
/// string (never free it). Thread-safe.
#[no_mangle]
pub extern "C" fn phimask_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// Builds an analyzer from a policy document of `len` bytes: TOML, or JSON
/// when its first non-blank character is `{` (UTF-8, not NUL-terminated).
/// An empty document is the Safe Harbor policy with every default. The
/// built-in recognizers are included unless the policy sets
/// `recognizers.builtin = false`; custom patterns go in
/// `[[recognizers.patterns]]`.
///
/// On success writes a new analyzer to `*out`, owned by the caller
/// (`phimask_analyzer_free`). Fails with `PHIMASK_INVALID_POLICY` (message
/// names the field), `PHIMASK_INVALID_PATTERN` (a custom regex does not
/// compile), `PHIMASK_INVALID_OPERATOR`, `PHIMASK_INVALID_UTF8`; `*out` is
/// then left unchanged.
///
/// # Safety
/// `policy` must point to `len` readable bytes (unless `len` is 0).
#[no_mangle]
pub unsafe extern "C" fn phimask_analyzer_new(
    policy: *const c_char,
    len: usize,
    out: Option<&mut *mut phimask_analyzer>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_analyzer_new", error, {
        let out = need(out, "out")?;
        // SAFETY: forwarded from this function's contract.
        let doc = unsafe { text_arg(policy, len, "policy", MAX_POLICY_BYTES) }?;
        let policy = Policy::parse(doc)?;
        put(out, phimask_analyzer::build(&policy)?);
        Ok(())
    })
}

/// Builds an analyzer for a built-in policy: `"safe_harbor"` (the default:
/// ages under 90, lone years, relative times, states and countries stay)
/// or `"strict"` (every date and age masked). `name` is NUL-terminated.
///
/// On success writes a new analyzer to `*out`, owned by the caller
/// (`phimask_analyzer_free`). An unknown name fails with
/// `PHIMASK_INVALID_POLICY`.
///
/// # Safety
/// `name` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn phimask_analyzer_new_named(
    name: *const c_char,
    out: Option<&mut *mut phimask_analyzer>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_analyzer_new_named", error, {
        let out = need(out, "out")?;
        // SAFETY: forwarded from this function's contract.
        let name = unsafe { name_arg(name, "name") }?;
        let policy = Policy::named(name).ok_or_else(|| {
            Failure::new(
                phimask_status::PHIMASK_INVALID_POLICY,
                "`name`: no built-in policy has this name (expected \"safe_harbor\" or \"strict\")",
            )
        })?;
        put(out, phimask_analyzer::build(&policy)?);
        Ok(())
    })
}

/// Releases an analyzer. `phimask_analyzer_free(NULL)` does nothing. No other
/// thread may be using it.
#[no_mangle]
pub extern "C" fn phimask_analyzer_free(analyzer: Option<Box<phimask_analyzer>>) {
    crate::ffi_boundary!(value "phimask_analyzer_free", (), { drop(analyzer) })
}

/// Finds PHI in `text` (`len` bytes of UTF-8, not NUL-terminated; NULL with
/// `len == 0` is the empty text).
///
/// `flags` is 0 or `PHIMASK_ANALYZE_UTF16`; other bits fail with
/// `PHIMASK_INVALID_ARGUMENT`.
///
/// On success writes a new results handle to `*out`, owned by the caller
/// (`phimask_results_free`). Fails with `PHIMASK_INVALID_UTF8`,
/// `PHIMASK_INPUT_TOO_LARGE` (checked before the text is read),
/// `PHIMASK_BACKTRACK_LIMIT`, ...; `*out` is then left unchanged. Never a
/// partial result.
///
/// # Safety
/// `text` must point to `len` readable bytes (unless `len` is 0 or above
/// the policy's input limit); `analyzer` must be NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn phimask_analyzer_analyze(
    analyzer: Option<&phimask_analyzer>,
    text: *const c_char,
    len: usize,
    flags: u32,
    out: Option<&mut *mut phimask_results>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_analyzer_analyze", error, {
        let a = need(analyzer, "analyzer")?;
        let out = need(out, "out")?;
        if flags & !PHIMASK_ANALYZE_UTF16 != 0 {
            return Err(Failure::invalid("flags", "unknown flag bits"));
        }
        // SAFETY: forwarded from this function's contract.
        let (text, analysis) = unsafe { a.analyzed(text, len) }?;
        let utf16 = flags & PHIMASK_ANALYZE_UTF16 != 0;
        put(out, phimask_results::new(text, analysis.detections, utf16));
        Ok(())
    })
}

/// Masks `text` (`len` bytes of UTF-8, not NUL-terminated) with the
/// policy's operators (by default each detected character becomes ●,
/// U+25CF, so the text keeps its shape).
///
/// On success writes a new `phimask_string` to `*out`, owned by the caller
/// (`phimask_string_free`). On failure `*out` is left unchanged: no partially
/// masked text is ever returned (fail closed).
///
/// # Safety
/// As `phimask_analyzer_analyze`.
#[no_mangle]
pub unsafe extern "C" fn phimask_analyzer_mask(
    analyzer: Option<&phimask_analyzer>,
    text: *const c_char,
    len: usize,
    out: Option<&mut *mut phimask_string>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_analyzer_mask", error, {
        let a = need(analyzer, "analyzer")?;
        let out = need(out, "out")?;
        // SAFETY: forwarded from this function's contract.
        unsafe { a.mask_into(a.analyzer.masker(), text, len, out, None) }
    })
}

/// Masks `text` with the operators of `masker` instead of the policy's.
///
/// On success writes the masked text to `*out` (`phimask_string_free`) and,
/// when `mapping_out` is not NULL, the placeholders issued (empty unless a
/// `placeholder` operator ran) to `*mapping_out` (`phimask_mapping_free`).
/// On failure neither is written.
///
/// # Safety
/// As `phimask_analyzer_analyze`; `masker` must be NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn phimask_analyzer_mask_with(
    analyzer: Option<&phimask_analyzer>,
    masker: Option<&phimask_masker>,
    text: *const c_char,
    len: usize,
    out: Option<&mut *mut phimask_string>,
    mapping_out: Option<&mut *mut phimask_mapping>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_analyzer_mask_with", error, {
        let a = need(analyzer, "analyzer")?;
        let m = need(masker, "masker")?;
        let out = need(out, "out")?;
        // SAFETY: forwarded from this function's contract.
        unsafe { a.mask_into(&m.masker, text, len, out, mapping_out) }
    })
}

/// Replaces every detected region of `text` with a numbered placeholder
/// (`[PERSON_1]`, `[US_SSN_1]`; the same value gets the same number), for
/// text sent to another system whose answer is then restored with
/// `phimask_mapping_restore`.
///
/// On success writes the text to `*out` (`phimask_string_free`) and the
/// mapping, which holds the original values, to `*mapping_out`
/// (`phimask_mapping_free`). On failure neither is written.
///
/// # Safety
/// As `phimask_analyzer_analyze`.
#[no_mangle]
pub unsafe extern "C" fn phimask_analyzer_placeholders(
    analyzer: Option<&phimask_analyzer>,
    text: *const c_char,
    len: usize,
    out: Option<&mut *mut phimask_string>,
    mapping_out: Option<&mut *mut phimask_mapping>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_analyzer_placeholders", error, {
        let a = need(analyzer, "analyzer")?;
        let out = need(out, "out")?;
        let mapping_out = need(mapping_out, "mapping_out")?;
        // SAFETY: forwarded from this function's contract.
        unsafe { a.mask_into(&a.placeholders, text, len, out, Some(mapping_out)) }
    })
}

/// Masks `count` texts with the policy's operators on `threads` threads
/// (0: one per core). Text `i` is `lens[i]` bytes at `texts[i]` (UTF-8, not
/// NUL-terminated; `texts[i]` may be NULL when `lens[i]` is 0). The threads
/// live only for this call, so none is left running when the process
/// forks. `texts` and `lens` may be NULL when `count` is 0.
///
/// On success writes a new batch to `*out` (`phimask_batch_free`) holding,
/// per text, its masked text or its own failure (an invalid text fails
/// alone; the others are masked). The call itself fails only on its own
/// arguments, and then writes nothing.
///
/// # Safety
/// `texts` and `lens` must point to `count` elements each, and each
/// `texts[i]` to `lens[i]` readable bytes (unless 0 or above the input
/// limit).
#[no_mangle]
pub unsafe extern "C" fn phimask_analyzer_mask_batch(
    analyzer: Option<&phimask_analyzer>,
    texts: *const *const c_char,
    lens: *const usize,
    count: usize,
    threads: usize,
    out: Option<&mut *mut phimask_batch>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_analyzer_mask_batch", error, {
        let a = need(analyzer, "analyzer")?;
        let out = need(out, "out")?;
        let (ptrs, lens): (&[*const c_char], &[usize]) = if count == 0 {
            (&[], &[])
        } else {
            if texts.is_null() {
                return Err(Failure::null("texts"));
            }
            if lens.is_null() {
                return Err(Failure::null("lens"));
            }
            if count > isize::MAX as usize / std::mem::size_of::<usize>() {
                return Err(Failure::invalid("count", "too large"));
            }
            // SAFETY: both arrays hold `count` elements by the contract.
            unsafe {
                (
                    std::slice::from_raw_parts(texts, count),
                    std::slice::from_raw_parts(lens, count),
                )
            }
        };
        let mut inputs: Vec<Result<&str, Failure>> = Vec::with_capacity(count);
        for (&p, &l) in ptrs.iter().zip(lens) {
            // SAFETY: forwarded from this function's contract.
            inputs.push(unsafe { a.text(p, l) });
        }
        // Invalid texts are analysed as "" so that indices (and a worker's
        // panic index) stay those of the caller's array; their slot then
        // reports their own failure.
        let run: Vec<&str> = inputs.iter().map(|r| *r.as_ref().unwrap_or(&"")).collect();
        let threads = (threads != 0).then_some(threads);
        let masked = a.analyzer.mask_batch(&run, threads);
        let items = inputs
            .into_iter()
            .zip(masked)
            .map(|(input, m)| match (input, m) {
                (Err(f), _) => Err(f),
                (Ok(_), Ok(m)) => Ok(phimask_string::from_string(m.text)),
                (Ok(_), Err(e)) => Err(Failure::from(e)),
            })
            .collect();
        put(out, phimask_batch { items });
        Ok(())
    })
}
