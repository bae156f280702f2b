//! Criterion benchmarks per stage and end to end. See benches/README.md for
//! the command and recorded figures.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use phimask::document::Document;
use phimask::{Context, Recognizer};
use std::hint::black_box;

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    // Built-ins are built once per process; this measures an analyzer over
    // them (policy, set compilation, masker).
    let _ = phimask::recognizers::all();
    g.bench_function("safe_harbor_analyzer", |b| {
        b.iter(|| phimask::safe_harbor().expect("builds"))
    });
    g.finish();
}

fn document(c: &mut Criterion) {
    let mut g = c.benchmark_group("document");
    for &(name, size) in common::SIZES {
        let text = common::note_of(size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("tokens", name), &text, |b, t| {
            b.iter(|| Document::new(black_box(t)).tokens().len())
        });
        g.bench_with_input(BenchmarkId::new("layout", name), &text, |b, t| {
            b.iter(|| phimask::document::Layout::new(black_box(t)).fields.len())
        });
        g.bench_with_input(BenchmarkId::new("folded", name), &text, |b, t| {
            b.iter(|| phimask::document::Folded::new(black_box(t)).words().len())
        });
    }
    g.finish();
}

fn recognize(c: &mut Criterion) {
    let text = common::note_of(16 << 10);
    // One document, as in an analysis: its folded view and layout are built
    // by the first recognizer that asks and then shared.
    let doc = Document::new(&text);
    let _ = (doc.folded(), doc.layout());
    let ctx = Context::default();
    let mut g = c.benchmark_group("recognize");
    g.throughput(Throughput::Bytes(text.len() as u64));
    let mut buf = Vec::new();
    for r in phimask::recognizers::all().expect("builtins") {
        g.bench_function(r.id().to_string(), |b| {
            b.iter(|| {
                buf.clear();
                r.recognize(black_box(&doc), &ctx, &mut buf).expect("ok");
                buf.len()
            })
        });
    }
    g.finish();
}

fn end_to_end(c: &mut Criterion) {
    let analyzer = phimask::safe_harbor().expect("builds");
    let mut g = c.benchmark_group("end_to_end");
    for &(name, size) in common::SIZES {
        let text = common::note_of(size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        if size >= 1 << 20 {
            g.sample_size(10);
        }
        g.bench_with_input(BenchmarkId::new("analyze", name), &text, |b, t| {
            b.iter(|| analyzer.analyze(black_box(t)).expect("ok"))
        });
        g.bench_with_input(BenchmarkId::new("analyze_and_mask", name), &text, |b, t| {
            b.iter(|| analyzer.mask(black_box(t)).expect("ok"))
        });
    }
    g.finish();
}

/// The structured-record recognizers alone, and the whole analysis, on
/// HL7 v2 messages and FHIR JSON (the outside corpora, cycled to 256 KiB).
fn records(c: &mut Criterion) {
    let analyzer = phimask::safe_harbor().expect("builds");
    let ctx = Context::default();
    let all = phimask::recognizers::all().expect("builtins");
    let mut g = c.benchmark_group("records");
    g.sample_size(10);
    for (name, id) in [("hl7v2", "hl7v2"), ("fhir", "fhir_json")] {
        let text = common::outside_of(name, 256 << 10);
        g.throughput(Throughput::Bytes(text.len() as u64));
        let r = all
            .iter()
            .find(|r| r.id() == id)
            .expect("record recognizer");
        let mut buf = Vec::new();
        let doc = Document::new(&text);
        g.bench_function(BenchmarkId::new("recognize", name), |b| {
            b.iter(|| {
                buf.clear();
                r.recognize(black_box(&doc), &ctx, &mut buf).expect("ok");
                buf.len()
            })
        });
        g.bench_with_input(BenchmarkId::new("analyze", name), &text, |b, t| {
            b.iter(|| analyzer.analyze(black_box(t)).expect("ok"))
        });
    }
    g.finish();
}

fn mask(c: &mut Criterion) {
    let analyzer = phimask::safe_harbor().expect("builds");
    let text = common::note_of(16 << 10);
    let analysis = analyzer.analyze(&text).expect("ok");
    let mut g = c.benchmark_group("mask");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("bullet_16KiB", |b| {
        b.iter(|| {
            analyzer
                .masker()
                .mask(black_box(&text), &analysis)
                .expect("ok")
        })
    });
    g.finish();
}

fn batch(c: &mut Criterion) {
    let analyzer = phimask::safe_harbor().expect("builds");
    let notes: Vec<String> = (0..64).map(|i| common::note_of(2048 + i)).collect();
    let bytes: usize = notes.iter().map(String::len).sum();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    for threads in [1, 2] {
        g.bench_with_input(
            BenchmarkId::new("mask_batch", threads),
            &threads,
            |b, &t| b.iter(|| analyzer.mask_batch(black_box(&notes), Some(t))),
        );
    }
    g.finish();
}

criterion_group!(benches, build, document, recognize, end_to_end, records, mask, batch);
criterion_main!(benches);
