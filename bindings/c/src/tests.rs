//! Unit tests of the boundary, called from Rust as C would call it.

use std::ffi::{c_char, CStr};
use std::ptr;

use phimask::{Error, ErrorKind};

use crate::boundary::finish;
use crate::*;

/// Takes back ownership of a handle written through an out-parameter.
fn boxed<T>(p: *mut T) -> Option<Box<T>> {
    // SAFETY: the tests only pass pointers phimask returned, or NULL.
    (!p.is_null()).then(|| unsafe { Box::from_raw(p) })
}

fn string(s: *mut phimask_string) -> String {
    let b = boxed(s).expect("a string was written");
    String::from_utf8(b.as_bytes().to_vec()).expect("UTF-8")
}

fn named(name: &CStr) -> Box<phimask_analyzer> {
    let mut a = ptr::null_mut();
    // SAFETY: a valid NUL-terminated name and out-parameter.
    let st = unsafe { phimask_analyzer_new_named(name.as_ptr(), Some(&mut a), None) };
    assert_eq!(st, phimask_status::PHIMASK_OK);
    boxed(a).expect("analyzer")
}

fn from_policy(doc: &str, err: &mut phimask_error) -> (phimask_status, *mut phimask_analyzer) {
    let mut a = ptr::null_mut();
    // SAFETY: `doc` is valid for its length.
    let st =
        unsafe { phimask_analyzer_new(doc.as_ptr().cast(), doc.len(), Some(&mut a), Some(err)) };
    (st, a)
}

fn mask(
    a: &phimask_analyzer,
    text: &[u8],
    err: &mut phimask_error,
) -> (phimask_status, *mut phimask_string) {
    let mut out = ptr::null_mut();
    // SAFETY: `text` is valid for its length.
    let st = unsafe {
        phimask_analyzer_mask(
            Some(a),
            text.as_ptr().cast(),
            text.len(),
            Some(&mut out),
            Some(err),
        )
    };
    (st, out)
}

#[test]
fn status_numbers_are_stable_and_named() {
    let expected = [
        (phimask_status::PHIMASK_OK, 0),
        (phimask_status::PHIMASK_NULL_ARGUMENT, 1),
        (phimask_status::PHIMASK_INVALID_UTF8, 2),
        (phimask_status::PHIMASK_INVALID_POLICY, 3),
        (phimask_status::PHIMASK_INVALID_PATTERN, 4),
        (phimask_status::PHIMASK_BACKTRACK_LIMIT, 5),
        (phimask_status::PHIMASK_INPUT_TOO_LARGE, 6),
        (phimask_status::PHIMASK_INVALID_ARGUMENT, 7),
        (phimask_status::PHIMASK_INVALID_OPERATOR, 8),
        (phimask_status::PHIMASK_OUT_OF_RANGE, 9),
        (phimask_status::PHIMASK_RECOGNIZER_FAILED, 10),
        (phimask_status::PHIMASK_ANALYSIS_FAILED, 11),
        (phimask_status::PHIMASK_PANIC, 12),
    ];
    assert_eq!(phimask_status::all().len(), expected.len());
    for (i, (s, n)) in expected.into_iter().enumerate() {
        assert_eq!(s as i32, n);
        assert_eq!(phimask_status::all()[i], s);
        // SAFETY: static NUL-terminated strings.
        let name = unsafe { CStr::from_ptr(phimask_status_name(n)) };
        assert_eq!(name.to_str().ok(), Some(&s.name()[..s.name().len() - 1]));
        assert!(name.to_bytes().starts_with(b"PHIMASK_"));
    }
    for n in [-1, 13, i32::MAX] {
        // SAFETY: static NUL-terminated string.
        let name = unsafe { CStr::from_ptr(phimask_status_name(n)) };
        assert_eq!(name.to_bytes(), b"PHIMASK_UNKNOWN_STATUS");
    }
}

#[test]
fn every_core_error_kind_has_a_status() {
    let cases = [
        (
            ErrorKind::InvalidPolicy {
                message: "x".into(),
            },
            phimask_status::PHIMASK_INVALID_POLICY,
        ),
        (
            ErrorKind::InvalidPattern {
                recognizer: "r".into(),
                index: 0,
                name: "n".into(),
                message: "m".into(),
            },
            phimask_status::PHIMASK_INVALID_PATTERN,
        ),
        (
            ErrorKind::BacktrackLimit {
                recognizer: "r".into(),
                offset: 3,
            },
            phimask_status::PHIMASK_BACKTRACK_LIMIT,
        ),
        (
            ErrorKind::InputTooLarge { len: 2, max: 1 },
            phimask_status::PHIMASK_INPUT_TOO_LARGE,
        ),
        (
            ErrorKind::InvalidUtf8 { valid_up_to: 1 },
            phimask_status::PHIMASK_INVALID_UTF8,
        ),
        (
            ErrorKind::InvalidSpan {
                recognizer: "r".into(),
                start: 0,
                end: 9,
            },
            phimask_status::PHIMASK_RECOGNIZER_FAILED,
        ),
        (
            ErrorKind::InvalidOperator {
                message: "m".into(),
            },
            phimask_status::PHIMASK_INVALID_OPERATOR,
        ),
        (
            ErrorKind::Recognizer {
                recognizer: "r".into(),
                message: "m".into(),
            },
            phimask_status::PHIMASK_RECOGNIZER_FAILED,
        ),
        (
            ErrorKind::Panic {
                stage: "analyze".into(),
            },
            phimask_status::PHIMASK_PANIC,
        ),
        (
            ErrorKind::WorkerPanicked { index: 4 },
            phimask_status::PHIMASK_PANIC,
        ),
    ];
    for (kind, status) in cases {
        let f = Failure::from(Error::new(kind));
        assert_eq!(f.status, status, "{}", f.message);
    }
}

#[test]
fn a_panic_in_an_entry_point_becomes_phimask_panic_without_its_message() {
    fn entry(error: Option<&mut phimask_error>, out: Option<&mut u32>) -> phimask_status {
        crate::ffi_boundary!("test_entry", error, {
            let out = boundary::need(out, "out")?;
            if *out == 0 {
                panic!("SSN 123-45-6789 leaked into a panic");
            }
            *out = 7;
            Ok(())
        })
    }
    let mut err = phimask_error::default();
    let mut value = 0u32;
    assert_eq!(
        entry(Some(&mut err), Some(&mut value)),
        phimask_status::PHIMASK_PANIC
    );
    assert_eq!(value, 0, "out-parameter untouched on failure");
    assert_eq!(err.status(), phimask_status::PHIMASK_PANIC);
    assert!(err.message().contains("test_entry"), "{}", err.message());
    assert!(!err.message().contains("6789"), "{}", err.message());
    // The same boundary reports NULL and success.
    assert_eq!(
        entry(Some(&mut err), None),
        phimask_status::PHIMASK_NULL_ARGUMENT
    );
    assert_eq!(err.message(), "`out` is NULL");
    let mut value = 1u32;
    assert_eq!(entry(None, Some(&mut value)), phimask_status::PHIMASK_OK);
    assert_eq!(value, 7);

    fn accessor() -> usize {
        crate::ffi_boundary!(value "test_accessor", 42, { panic!("boom") })
    }
    assert_eq!(accessor(), 42);
}

#[test]
fn finish_leaves_the_error_untouched_on_success() {
    let mut err = phimask_error::default();
    err.set(&Failure::null("x"));
    assert_eq!(
        finish(Ok(Ok(())), Some(&mut err)),
        phimask_status::PHIMASK_OK
    );
    assert_eq!(err.status(), phimask_status::PHIMASK_NULL_ARGUMENT);
}

#[test]
fn masks_the_spec_examples_and_keeps_relative_time() {
    let a = named(c"safe_harbor");
    let mut err = phimask_error::default();
    let text = "John Smith called from (212) 555-0198 last week; SSN 123-45-6789.";
    let (st, out) = mask(&a, text.as_bytes(), &mut err);
    assert_eq!(st, phimask_status::PHIMASK_OK, "{}", err.message());
    let masked = string(out);
    for phi in ["John", "Smith", "555-0198", "6789"] {
        assert!(!masked.contains(phi), "{phi} survived: {masked}");
    }
    assert!(masked.contains("last week"), "{masked}");
    assert_eq!(
        masked.chars().count(),
        text.chars().count(),
        "● one for one"
    );
}

#[test]
fn invalid_utf8_is_an_error_with_the_offset() {
    let a = named(c"safe_harbor");
    let mut err = phimask_error::default();
    let (st, out) = mask(&a, b"SSN 123-45-6789 \xff\xfe", &mut err);
    assert_eq!(st, phimask_status::PHIMASK_INVALID_UTF8);
    assert!(out.is_null());
    assert!(err.message().contains("16"), "{}", err.message());
    assert!(!err.message().contains("6789"), "{}", err.message());
}

#[test]
fn zero_length_with_null_is_the_empty_text_and_null_with_length_is_refused() {
    let a = named(c"safe_harbor");
    let mut err = phimask_error::default();
    let mut out = ptr::null_mut();
    // SAFETY: NULL with length 0 is the documented empty text.
    let st =
        unsafe { phimask_analyzer_mask(Some(&a), ptr::null(), 0, Some(&mut out), Some(&mut err)) };
    assert_eq!(st, phimask_status::PHIMASK_OK);
    assert_eq!(string(out), "");
    // SAFETY: NULL with a length is checked before any read.
    let st =
        unsafe { phimask_analyzer_mask(Some(&a), ptr::null(), 5, Some(&mut out), Some(&mut err)) };
    assert_eq!(st, phimask_status::PHIMASK_NULL_ARGUMENT);
}

#[test]
fn huge_lengths_are_refused_before_the_text_is_read() {
    let a = named(c"safe_harbor");
    let mut err = phimask_error::default();
    let byte = b'x';
    for len in [(64 << 20) + 1, usize::MAX / 2, usize::MAX] {
        let mut out = ptr::null_mut();
        // SAFETY: the length exceeds the limit, so the one-byte buffer is
        // never read past its end.
        let st = unsafe {
            phimask_analyzer_mask(
                Some(&a),
                (&byte as *const u8).cast::<c_char>(),
                len,
                Some(&mut out),
                Some(&mut err),
            )
        };
        assert_eq!(st, phimask_status::PHIMASK_INPUT_TOO_LARGE, "{len}");
        assert!(out.is_null());
    }
}

#[test]
fn bad_policies_name_the_field() {
    let mut err = phimask_error::default();
    let (st, a) = from_policy("scor_threshold = 0.5", &mut err);
    assert_eq!(st, phimask_status::PHIMASK_INVALID_POLICY);
    assert!(a.is_null());
    assert!(
        err.message().contains("scor_threshold"),
        "{}",
        err.message()
    );
    let (st, _) = from_policy("{\"score_threshold\": 2.0}", &mut err);
    assert_eq!(st, phimask_status::PHIMASK_INVALID_POLICY);
    let bad_regex = r#"
[[recognizers.patterns]]
id = "acme"
entity = "ID_NUMBER"
patterns = [{ name = "broken", regex = '(unclosed', score = 0.6 }]
"#;
    let (st, _) = from_policy(bad_regex, &mut err);
    assert_eq!(
        st,
        phimask_status::PHIMASK_INVALID_PATTERN,
        "{}",
        err.message()
    );
    let mut out = ptr::null_mut();
    // SAFETY: valid NUL-terminated name.
    let st =
        unsafe { phimask_analyzer_new_named(c"lenient".as_ptr(), Some(&mut out), Some(&mut err)) };
    assert_eq!(st, phimask_status::PHIMASK_INVALID_POLICY);
    assert!(out.is_null());
}

/// A custom look-around pattern with exponential backtracking on a run of
/// `a`s: the analysis must stop with `PHIMASK_BACKTRACK_LIMIT`, never return
/// text that was not fully analysed.
pub(crate) const PATHOLOGICAL_POLICY: &str = r#"
[[recognizers.patterns]]
id = "pathological"
entity = "ID_NUMBER"
patterns = [{ name = "exp", regex = '^(?:a|(?=a)a)*b', score = 0.9 }]
"#;

#[test]
fn a_pathological_pattern_fails_closed() {
    let mut err = phimask_error::default();
    let (st, a) = from_policy(PATHOLOGICAL_POLICY, &mut err);
    assert_eq!(st, phimask_status::PHIMASK_OK, "{}", err.message());
    let a = boxed(a).expect("analyzer");
    let text = "a".repeat(40);
    let (st, out) = mask(&a, text.as_bytes(), &mut err);
    assert_eq!(
        st,
        phimask_status::PHIMASK_BACKTRACK_LIMIT,
        "{}",
        err.message()
    );
    assert!(out.is_null());
}

#[test]
fn analyze_reports_byte_and_utf16_offsets() {
    let a = named(c"safe_harbor");
    let text = "Café 😀 note. SSN 123-45-6789.";
    let mut res = ptr::null_mut();
    // SAFETY: valid text.
    let st = unsafe {
        phimask_analyzer_analyze(
            Some(&a),
            text.as_ptr().cast(),
            text.len(),
            PHIMASK_ANALYZE_UTF16,
            Some(&mut res),
            None,
        )
    };
    assert_eq!(st, phimask_status::PHIMASK_OK);
    let res = boxed(res).expect("results");
    let ssn = res
        .items()
        .iter()
        // SAFETY: entity names are NUL-terminated and live as long as `res`.
        .find(|d| unsafe { CStr::from_ptr(d.entity) }.to_bytes() == b"US_SSN")
        .expect("the SSN is found");
    assert_eq!(&text[ssn.start..ssn.end], "123-45-6789");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16_lossy(&utf16[ssn.utf16_start..ssn.utf16_end]),
        "123-45-6789"
    );
    let mut json = ptr::null_mut();
    let i = res
        .items()
        .iter()
        .position(|d| d.start == ssn.start)
        .unwrap_or(0);
    assert_eq!(
        phimask_results_explanation_json(Some(&res), i, Some(&mut json), None),
        phimask_status::PHIMASK_OK
    );
    let doc: serde_json::Value = serde_json::from_str(&string(json)).expect("JSON");
    assert_eq!(doc["entity"], "US_SSN");
    assert!(doc["explanation"]["recognizer"].is_string());
    assert!(!doc.to_string().contains("6789"));
    let mut json = ptr::null_mut();
    let mut e = phimask_error::default();
    assert_eq!(
        phimask_results_explanation_json(Some(&res), 999, Some(&mut json), Some(&mut e)),
        phimask_status::PHIMASK_OUT_OF_RANGE
    );
    // Without the flag, no UTF-16 offsets.
    let mut res2 = ptr::null_mut();
    // SAFETY: valid text.
    let st = unsafe {
        phimask_analyzer_analyze(
            Some(&a),
            text.as_ptr().cast(),
            text.len(),
            0,
            Some(&mut res2),
            None,
        )
    };
    assert_eq!(st, phimask_status::PHIMASK_OK);
    let res2 = boxed(res2).expect("results");
    assert!(res2
        .items()
        .iter()
        .all(|d| d.utf16_start == PHIMASK_NO_OFFSET));
    // SAFETY: valid text.
    let st = unsafe {
        phimask_analyzer_analyze(
            Some(&a),
            text.as_ptr().cast(),
            text.len(),
            2,
            Some(&mut ptr::null_mut()),
            Some(&mut e),
        )
    };
    assert_eq!(st, phimask_status::PHIMASK_INVALID_ARGUMENT);
}

#[test]
fn placeholders_restore_the_original() {
    let a = named(c"safe_harbor");
    let text = "SSN 123-45-6789 belongs to John Smith.";
    let (mut out, mut map) = (ptr::null_mut(), ptr::null_mut());
    // SAFETY: valid text.
    let st = unsafe {
        phimask_analyzer_placeholders(
            Some(&a),
            text.as_ptr().cast(),
            text.len(),
            Some(&mut out),
            Some(&mut map),
            None,
        )
    };
    assert_eq!(st, phimask_status::PHIMASK_OK);
    let masked = string(out);
    assert!(masked.contains("[US_SSN_1]"), "{masked}");
    let map = boxed(map).expect("mapping");
    assert!(phimask_mapping_len(Some(&map)) >= 1);
    assert!(!format!("{map:?}").contains("6789"));
    let mut restored = ptr::null_mut();
    // SAFETY: valid text.
    let st = unsafe {
        phimask_mapping_restore(
            Some(&map),
            masked.as_ptr().cast(),
            masked.len(),
            Some(&mut restored),
            None,
        )
    };
    assert_eq!(st, phimask_status::PHIMASK_OK);
    assert_eq!(string(restored), text);
}

#[test]
fn an_override_masker_replaces_the_policy_operators() {
    let a = named(c"safe_harbor");
    let mut err = phimask_error::default();
    let mut m = ptr::null_mut();
    let doc = r#"{"type":"replace"}"#;
    // SAFETY: valid document, no key.
    let st = unsafe {
        phimask_masker_new(
            doc.as_ptr().cast(),
            doc.len(),
            ptr::null(),
            0,
            Some(&mut m),
            Some(&mut err),
        )
    };
    assert_eq!(st, phimask_status::PHIMASK_OK, "{}", err.message());
    let m = boxed(m).expect("masker");
    let text = "SSN 123-45-6789.";
    let mut out = ptr::null_mut();
    // SAFETY: valid text; the mapping is not wanted.
    let st = unsafe {
        phimask_analyzer_mask_with(
            Some(&a),
            Some(&m),
            text.as_ptr().cast(),
            text.len(),
            Some(&mut out),
            None,
            None,
        )
    };
    assert_eq!(st, phimask_status::PHIMASK_OK);
    assert_eq!(string(out), "SSN <US_SSN>.");
    // hash without a key fails, a malformed document fails.
    for doc in [r#"{"type":"hash"}"#, r#"{"type":"shred"}"#, "default = 3"] {
        let mut m = ptr::null_mut();
        // SAFETY: valid document.
        let st = unsafe {
            phimask_masker_new(
                doc.as_ptr().cast(),
                doc.len(),
                ptr::null(),
                0,
                Some(&mut m),
                Some(&mut err),
            )
        };
        assert_eq!(st, phimask_status::PHIMASK_INVALID_OPERATOR, "{doc}");
        assert!(m.is_null());
    }
}

#[test]
fn batch_reports_each_text_on_its_own() {
    let a = named(c"safe_harbor");
    let texts: [&[u8]; 3] = [b"SSN 123-45-6789", b"bad \xff", b"seen last week"];
    let ptrs: Vec<*const c_char> = texts.iter().map(|t| t.as_ptr().cast()).collect();
    let lens: Vec<usize> = texts.iter().map(|t| t.len()).collect();
    let mut b = ptr::null_mut();
    // SAFETY: arrays of `count` valid texts.
    let st = unsafe {
        phimask_analyzer_mask_batch(
            Some(&a),
            ptrs.as_ptr(),
            lens.as_ptr(),
            3,
            2,
            Some(&mut b),
            None,
        )
    };
    assert_eq!(st, phimask_status::PHIMASK_OK);
    let b = boxed(b).expect("batch");
    assert_eq!(phimask_batch_len(Some(&b)), 3);
    let (mut p, mut n) = (ptr::null(), 0usize);
    assert_eq!(
        phimask_batch_get(Some(&b), 0, Some(&mut p), Some(&mut n), None),
        phimask_status::PHIMASK_OK
    );
    // SAFETY: borrowed from `b`, `n` bytes.
    let first = std::str::from_utf8(unsafe { std::slice::from_raw_parts(p.cast::<u8>(), n) })
        .expect("UTF-8");
    assert!(!first.contains("6789"));
    let mut err = phimask_error::default();
    assert_eq!(
        phimask_batch_get(Some(&b), 1, Some(&mut p), Some(&mut n), Some(&mut err)),
        phimask_status::PHIMASK_INVALID_UTF8
    );
    assert_eq!(
        phimask_batch_get(Some(&b), 2, Some(&mut p), Some(&mut n), None),
        phimask_status::PHIMASK_OK
    );
    assert_eq!(
        phimask_batch_get(Some(&b), 3, Some(&mut p), Some(&mut n), None),
        phimask_status::PHIMASK_OUT_OF_RANGE
    );
    // An empty batch may pass NULL arrays.
    let mut e = ptr::null_mut();
    // SAFETY: count 0.
    let st = unsafe {
        phimask_analyzer_mask_batch(Some(&a), ptr::null(), ptr::null(), 0, 0, Some(&mut e), None)
    };
    assert_eq!(st, phimask_status::PHIMASK_OK);
    assert_eq!(phimask_batch_len(boxed(e).as_deref()), 0);
}

#[test]
fn null_handles_are_refused_or_ignored() {
    let mut err = phimask_error::default();
    let mut out = ptr::null_mut();
    // SAFETY: NULL arguments are checked.
    unsafe {
        assert_eq!(
            phimask_analyzer_mask(None, ptr::null(), 0, Some(&mut out), Some(&mut err)),
            phimask_status::PHIMASK_NULL_ARGUMENT
        );
        assert_eq!(err.message(), "`analyzer` is NULL");
        assert_eq!(
            phimask_analyzer_new_named(ptr::null(), Some(&mut ptr::null_mut()), None),
            phimask_status::PHIMASK_NULL_ARGUMENT
        );
        assert_eq!(
            phimask_analyzer_new(ptr::null(), 0, None, None),
            phimask_status::PHIMASK_NULL_ARGUMENT
        );
    }
    assert!(out.is_null());
    assert_eq!(phimask_results_len(None), 0);
    assert!(phimask_results_items(None).is_null());
    assert!(phimask_string_ptr(None).is_null());
    assert_eq!(phimask_string_len(None), 0);
    assert_eq!(
        phimask_error_status(None),
        phimask_status::PHIMASK_NULL_ARGUMENT
    );
    // SAFETY: "" is static.
    assert_eq!(
        unsafe { CStr::from_ptr(phimask_error_message(None)) }.to_bytes(),
        b""
    );
    phimask_analyzer_free(None);
    phimask_results_free(None);
    phimask_string_free(None);
    phimask_mapping_free(None);
    phimask_masker_free(None);
    phimask_batch_free(None);
    phimask_error_free(None);
}

#[test]
fn version_is_the_crate_version() {
    // SAFETY: static NUL-terminated string.
    let v = unsafe { CStr::from_ptr(phimask_version()) };
    assert_eq!(v.to_str().ok(), Some(env!("CARGO_PKG_VERSION")));
}
