//! The cost of the C ABI over a direct Rust call, for a 2 KiB note: the
//! same analyzer masks the same note through `Analyzer::mask` and through
//! `phimask_analyzer_mask` (boundary, argument checks, UTF-8 validation,
//! the returned `phimask_string` and its free). See benches/README.md,
//! "C ABI".
//!
//! cargo bench -p phimask-c --bench c_abi

use std::hint::black_box;
use std::ptr;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use phimask_c::*;

/// The bundled sample note, cycled to 2 KiB (cut on a char boundary).
fn note_2k() -> String {
    let sample = include_str!("../../../examples/sample_note.txt");
    let mut s = String::new();
    while s.len() < 2048 {
        s.push_str(sample);
    }
    let mut end = 2048;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// The note as the C argument, opaque to the optimiser.
fn text(note: &str) -> *const std::ffi::c_char {
    black_box(note.as_ptr().cast())
}

/// One C ABI round trip, the part both C benches share: `call` writes a new
/// handle to its out-parameter, `consume` reads its size and frees it.
fn round_trip<T>(
    call: impl FnOnce(&mut *mut T) -> phimask_status,
    consume: impl FnOnce(Box<T>) -> usize,
) -> usize {
    let mut out = ptr::null_mut();
    assert_eq!(call(&mut out), phimask_status::PHIMASK_OK);
    // SAFETY: `call` succeeded, so `out` holds a handle phimask allocated.
    consume(unsafe { Box::from_raw(out) })
}

fn c_abi(c: &mut Criterion) {
    let note = note_2k();
    let mut raw = ptr::null_mut();
    // SAFETY: a NUL-terminated name and a valid out-parameter.
    let st = unsafe { phimask_analyzer_new_named(c"safe_harbor".as_ptr(), Some(&mut raw), None) };
    assert_eq!(st, phimask_status::PHIMASK_OK);
    // SAFETY: `raw` was just written by phimask_analyzer_new_named.
    let handle = unsafe { Box::from_raw(raw) };
    let analyzer = handle.analyzer().clone();

    let mut g = c.benchmark_group("c_abi");
    g.throughput(Throughput::Bytes(note.len() as u64));
    g.bench_function("mask/rust/2KiB", |b| {
        b.iter(|| analyzer.mask(black_box(&note)).expect("masks").text.len())
    });
    g.bench_function("mask/c_abi/2KiB", |b| {
        b.iter(|| {
            round_trip(
                // SAFETY: `note` is valid for its length; `out` is written on success.
                |out| unsafe {
                    phimask_analyzer_mask(Some(&handle), text(&note), note.len(), Some(out), None)
                },
                |s| {
                    let n = phimask_string_len(Some(&s));
                    phimask_string_free(Some(s));
                    n
                },
            )
        })
    });
    g.bench_function("analyze/rust/2KiB", |b| {
        b.iter(|| {
            analyzer
                .analyze(black_box(&note))
                .expect("analyzes")
                .detections
                .len()
        })
    });
    g.bench_function("analyze/c_abi/2KiB", |b| {
        b.iter(|| {
            round_trip(
                // SAFETY: as above.
                |out| unsafe {
                    phimask_analyzer_analyze(
                        Some(&handle),
                        text(&note),
                        note.len(),
                        0,
                        Some(out),
                        None,
                    )
                },
                |r| {
                    let n = phimask_results_len(Some(&r));
                    phimask_results_free(Some(r));
                    n
                },
            )
        })
    });
    g.finish();
}

criterion_group!(benches, c_abi);
criterion_main!(benches);
