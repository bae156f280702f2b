//! Shared helpers for the benchmarks: realistic notes of chosen sizes.

/// The bundled sample note.
pub const SAMPLE: &str = include_str!("../../examples/sample_note.txt");

/// A note of at least `bytes` bytes, made of the sample note and the
/// committed synthetic corpus, cycled.
pub fn note_of(bytes: usize) -> String {
    let corpus = include_str!("../../corpora/generated/sample.jsonl");
    let mut texts: Vec<String> = corpus
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    texts.insert(0, SAMPLE.to_string());
    let mut out = String::with_capacity(bytes + 4096);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&texts[i % texts.len()]);
        out.push_str("\n\n");
        i += 1;
    }
    out
}

/// The sizes every throughput group runs over.
pub const SIZES: &[(&str, usize)] = &[
    ("200B", 200),
    ("4KiB", 4 << 10),
    ("16KiB", 16 << 10),
    ("1MiB", 1 << 20),
];

/// A text of at least `bytes` bytes made of the annotated outside documents
/// in `corpora/outside/<name>.jsonl` (HL7 v2 messages or FHIR resources),
/// cycled, one blank line between documents.
pub fn outside_of(name: &str, bytes: usize) -> String {
    let corpus = match name {
        "hl7v2" => include_str!("../../corpora/outside/hl7v2.jsonl"),
        _ => include_str!("../../corpora/outside/fhir.jsonl"),
    };
    let texts: Vec<String> = corpus
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let mut out = String::with_capacity(bytes + 65536);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&texts[i % texts.len()]);
        out.push_str("\n\n");
        i += 1;
    }
    out
}
