//! `phimask_results`: the detections of one analysis.

use std::ffi::{c_char, CString};

use phimask::offsets::{convert_from_bytes, OffsetUnit};
use phimask::{Detection, Explanation};

use crate::boundary::{need, put};
use crate::error::{phimask_error, Failure};
use crate::status::phimask_status;
use crate::string::phimask_string;

/// The value of `utf16_start` and `utf16_end` when UTF-16 offsets were not
/// requested (`SIZE_MAX`).
pub const PHIMASK_NO_OFFSET: usize = usize::MAX;

/// One detection: a region of the analysed text reported as PHI.
///
/// Offsets are half-open, `[start, end)`, in bytes of the UTF-8 text that
/// was analysed. `utf16_start`/`utf16_end` are the same region in UTF-16
/// code units when the analysis was run with `PHIMASK_ANALYZE_UTF16`, and
/// `PHIMASK_NO_OFFSET` otherwise.
///
/// A detection holds no analysed text: slice the text you passed in to see
/// what was found.
#[allow(
    non_camel_case_types,
    reason = "C names: the header is generated from this definition"
)]
#[derive(Clone, Copy, Debug)]
#[repr(C)]
pub struct phimask_detection {
    /// The entity, a NUL-terminated ASCII name such as `"US_SSN"` or
    /// `"PERSON"`. Borrowed from the results handle: valid until
    /// `phimask_results_free`.
    pub entity: *const c_char,
    /// Start, in bytes.
    pub start: usize,
    /// End (exclusive), in bytes.
    pub end: usize,
    /// Start in UTF-16 code units, or `PHIMASK_NO_OFFSET`.
    pub utf16_start: usize,
    /// End in UTF-16 code units, or `PHIMASK_NO_OFFSET`.
    pub utf16_end: usize,
    /// The score, between 0 and 1, after context enhancement.
    pub score: f32,
}

/// The detections of one analysis, in text order, and their explanations.
///
/// Owned by the caller of `phimask_analyzer_analyze`; release with
/// `phimask_results_free`. Holds no analysed text (only offsets, entity
/// names, scores and recognizer ids).
///
/// Thread safety: immutable; may be read from any number of threads at once.
#[allow(
    non_camel_case_types,
    reason = "C names: the header is generated from this definition"
)]
pub struct phimask_results {
    items: Vec<phimask_detection>,
    /// Owns the strings `items[i].entity` points to.
    _entities: Vec<CString>,
    detections: Vec<Detection>,
}

impl std::fmt::Debug for phimask_results {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.detections).finish()
    }
}

// SAFETY: the raw pointers in `items` point into `_entities`, owned by the
// same value and never mutated after construction.
unsafe impl Send for phimask_results {}
// SAFETY: as above; nothing is mutated through a shared reference.
unsafe impl Sync for phimask_results {}

impl phimask_results {
    /// Builds the C view of `detections` over `text`, with UTF-16 offsets
    /// when `utf16` is set (one linear pass for all of them).
    pub fn new(text: &str, detections: Vec<Detection>, utf16: bool) -> phimask_results {
        let utf16_offsets = utf16.then(|| {
            let mut offs: Vec<usize> = detections
                .iter()
                .flat_map(|d| [d.span.start, d.span.end])
                .collect();
            convert_from_bytes(text, &mut offs, OffsetUnit::Utf16);
            offs
        });
        let entities: Vec<CString> = detections
            .iter()
            .map(|d| CString::new(d.entity.as_str().replace('\0', "?")).unwrap_or_default())
            .collect();
        let items = detections
            .iter()
            .zip(&entities)
            .enumerate()
            .map(|(i, (d, e))| {
                let (u16s, u16e) = utf16_offsets
                    .as_ref()
                    .map_or((PHIMASK_NO_OFFSET, PHIMASK_NO_OFFSET), |o| {
                        (o[2 * i], o[2 * i + 1])
                    });
                phimask_detection {
                    entity: e.as_ptr(),
                    start: d.span.start,
                    end: d.span.end,
                    utf16_start: u16s,
                    utf16_end: u16e,
                    score: d.score,
                }
            })
            .collect();
        phimask_results {
            items,
            _entities: entities,
            detections,
        }
    }

    /// The detections in the C layout.
    pub fn items(&self) -> &[phimask_detection] {
        &self.items
    }
}

/// What `phimask_results_explanation_json` writes for one detection.
#[derive(serde::Serialize)]
struct ExplanationDoc<'a> {
    entity: &'a str,
    start: usize,
    end: usize,
    score: f32,
    recognizer: &'a str,
    explanation: &'a Explanation,
}

/// The number of detections; 0 when `results` is NULL.
#[no_mangle]
pub extern "C" fn phimask_results_len(results: Option<&phimask_results>) -> usize {
    crate::ffi_boundary!(value "phimask_results_len", 0, {
        results.map_or(0, |r| r.items.len())
    })
}

/// The detections as a contiguous array of `phimask_results_len(results)`
/// elements, in text order; NULL when `results` is NULL or empty.
///
/// Lifetime: borrowed from `results`; valid until `phimask_results_free`.
#[no_mangle]
pub extern "C" fn phimask_results_items(
    results: Option<&phimask_results>,
) -> *const phimask_detection {
    crate::ffi_boundary!(value "phimask_results_items", std::ptr::null(), {
        match results {
            Some(r) if !r.items.is_empty() => r.items.as_ptr(),
            _ => std::ptr::null(),
        }
    })
}

/// Copies detection `index` into `*out`.
///
/// Fails with `PHIMASK_OUT_OF_RANGE` when `index >= phimask_results_len`.
/// `out->entity` is borrowed from `results` (valid until
/// `phimask_results_free`). On failure `*out` is left unchanged.
#[no_mangle]
pub extern "C" fn phimask_results_get(
    results: Option<&phimask_results>,
    index: usize,
    out: Option<&mut phimask_detection>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_results_get", error, {
        let results = need(results, "results")?;
        let out = need(out, "out")?;
        let item = results
            .items
            .get(index)
            .ok_or_else(|| out_of_range(index, results))?;
        *out = *item;
        Ok(())
    })
}

/// Explains detection `index` as a JSON object: `entity`, `start`, `end`
/// (bytes), `score`, `recognizer`, and `explanation` with `recognizer`,
/// `pattern`, `base_score`, `context_boost`, `context_word` (a word from the
/// recognizer's list, not from the text) and `validated`. Holds no
/// analysed text.
///
/// On success writes a new `phimask_string` to `*out`, owned by the caller
/// (`phimask_string_free`). On failure (`PHIMASK_OUT_OF_RANGE`, ...) `*out`
/// is left unchanged.
#[no_mangle]
pub extern "C" fn phimask_results_explanation_json(
    results: Option<&phimask_results>,
    index: usize,
    out: Option<&mut *mut phimask_string>,
    error: Option<&mut phimask_error>,
) -> phimask_status {
    crate::ffi_boundary!("phimask_results_explanation_json", error, {
        let results = need(results, "results")?;
        let out = need(out, "out")?;
        let d = results
            .detections
            .get(index)
            .ok_or_else(|| out_of_range(index, results))?;
        let doc = ExplanationDoc {
            entity: d.entity.as_str(),
            start: d.span.start,
            end: d.span.end,
            score: d.score,
            recognizer: &d.recognizer,
            explanation: &d.explanation,
        };
        let json = serde_json::to_string(&doc).map_err(|e| {
            Failure::new(
                phimask_status::PHIMASK_ANALYSIS_FAILED,
                format!("explanation cannot be written as JSON: {e}"),
            )
        })?;
        put(out, phimask_string::from_string(json));
        Ok(())
    })
}

fn out_of_range(index: usize, results: &phimask_results) -> Failure {
    Failure::new(
        phimask_status::PHIMASK_OUT_OF_RANGE,
        format!(
            "`index` {index} is out of range: the results hold {} detections",
            results.items.len()
        ),
    )
}

/// Releases results. `phimask_results_free(NULL)` does nothing. Pointers
/// borrowed from them (`phimask_results_items`, `entity`) are invalid
/// afterwards.
#[no_mangle]
pub extern "C" fn phimask_results_free(results: Option<Box<phimask_results>>) {
    crate::ffi_boundary!(value "phimask_results_free", (), { drop(results) })
}
