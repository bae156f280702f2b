//! The properties the fuzz targets in `fuzz/` check, shared with the
//! regression tests that replay saved inputs (`fuzz/regressions/`), so a
//! crash found by the fuzzer is re-checked by `cargo test` on stable.
//!
//! Each function takes arbitrary bytes and panics when an invariant does
//! not hold (that is what the fuzzer looks for). Inputs above
//! [`MAX_INPUT`] are ignored.

use std::sync::OnceLock;

use phimask::offsets::{convert_from_bytes, convert_to_bytes, OffsetUnit};
use phimask::{Analyzer, Policy};

use crate::jsonpath::FieldPath;
use crate::records::{roundtrip, Format, ReaderOptions};

/// Inputs longer than this are skipped (64 KiB).
pub const MAX_INPUT: usize = 64 << 10;

const MASK: char = '\u{25CF}';

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| {
        let mut policy = Policy::safe_harbor();
        policy.reference_date = phimask::CivilDate::new(2026, 1, 15);
        match phimask::builder().policy(policy).build() {
            Ok(a) => a,
            Err(e) => panic!("the Safe Harbor analyzer does not build: {e}"),
        }
    })
}

/// Checks the analysis and masking invariants on `text` with the Safe
/// Harbor analyzer:
///
/// * every span is in bounds and on character boundaries;
/// * coverage is sorted, disjoint and covers every detection;
/// * the masked text has exactly as many characters as the input, each
///   either unchanged or ●; exactly the covered characters are ● (line
///   breaks inside spans stay), and nothing outside the coverage changes.
///
/// # Panics
/// When an invariant fails (a bug). Analysis errors (e.g. a backtracking
/// limit) are allowed: they fail closed.
pub fn check_analyze_mask(text: &str) {
    if text.len() > MAX_INPUT {
        return;
    }
    let a = analyzer();
    let Ok(analysis) = a.analyze(text) else {
        return;
    };
    let ok = |s: &phimask::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for d in &analysis.detections {
        assert!(
            ok(&d.span),
            "detection span {} out of bounds or off a boundary",
            d.span
        );
        assert!(
            analysis.coverage.iter().any(|c| c.contains(&d.span)),
            "detection {} not inside the coverage",
            d.span
        );
    }
    for k in &analysis.kept {
        assert!(
            ok(&k.span),
            "kept span {} out of bounds or off a boundary",
            k.span
        );
    }
    for w in analysis.coverage.windows(2) {
        assert!(w[0].end < w[1].start, "coverage not sorted and disjoint");
    }
    for c in &analysis.coverage {
        assert!(ok(c) && !c.is_empty(), "coverage span {c} is bad");
    }
    let masked = match a.masker().mask(text, &analysis) {
        Ok(m) => m,
        Err(e) => panic!("masking an analysis of the same text failed: {e}"),
    };
    let input: Vec<(usize, char)> = text.char_indices().collect();
    let output: Vec<char> = masked.text.chars().collect();
    assert_eq!(
        input.len(),
        output.len(),
        "masking changed the number of characters"
    );
    for (&(at, c), &m) in input.iter().zip(&output) {
        let covered = analysis
            .coverage
            .iter()
            .any(|s| s.start <= at && at < s.end);
        if covered && c != '\n' && c != '\r' {
            assert_eq!(m, MASK, "a covered character at byte {at} was not masked");
        } else {
            assert_eq!(m, c, "a character at byte {at} changed although not masked");
        }
    }
}

/// [`check_analyze_mask`] on arbitrary bytes (lossily decoded).
pub fn analyze_mask(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    check_analyze_mask(&String::from_utf8_lossy(data));
}

/// Parses arbitrary bytes as a policy (TOML or JSON). A policy that parses
/// must serialise to TOML and parse back to the same policy, and building
/// an analyzer from it (custom recognizers only) must not panic.
pub fn policy_parse(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(doc) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(policy) = Policy::parse(doc) else {
        return;
    };
    if let Ok(toml) = policy.to_toml() {
        match Policy::from_toml(&toml) {
            Ok(back) => assert_eq!(back, policy, "a policy did not survive a TOML round trip"),
            Err(e) => panic!("a policy's own TOML does not parse: {e}"),
        }
    }
    // Without the built-ins: custom patterns, deny lists, scope rules and
    // operators are what the document controls.
    let mut b = Analyzer::builder();
    b.policy(policy);
    if let Ok(a) = b.build() {
        let _ = a.mask("Seen by Dr. Ana Núñez on 03/14/2024, MRN 00123456, 92-year-old.");
    }
}

/// Converts arbitrary offsets of an arbitrary text to each unit and back.
/// Converted offsets are monotonic and bounded by the text's length in that
/// unit, and offsets on character boundaries round-trip exactly.
pub fn offsets(data: &[u8]) {
    if data.len() > MAX_INPUT || data.len() < 2 {
        return;
    }
    let split = usize::from(data[0]) % data.len().max(1);
    let text = String::from_utf8_lossy(&data[1..split.max(1)]).into_owned();
    let offs: Vec<usize> = data[split.max(1)..]
        .chunks(2)
        .map(|c| {
            let v = usize::from(c[0]) << 8 | usize::from(*c.get(1).unwrap_or(&0));
            v % (text.len() + 2)
        })
        .collect();
    for unit in [OffsetUnit::Bytes, OffsetUnit::Chars, OffsetUnit::Utf16] {
        let len_in_unit = match unit {
            OffsetUnit::Bytes => text.len(),
            OffsetUnit::Chars => text.chars().count(),
            OffsetUnit::Utf16 => text.encode_utf16().count(),
        };
        let mut conv = offs.clone();
        convert_from_bytes(&text, &mut conv, unit);
        let mut pairs: Vec<(usize, usize)> =
            offs.iter().copied().zip(conv.iter().copied()).collect();
        pairs.sort_unstable();
        for w in pairs.windows(2) {
            assert!(w[0].1 <= w[1].1, "conversion is not monotonic");
        }
        for &(_, c) in &pairs {
            assert!(c <= len_in_unit, "converted offset past the end");
        }
        let on_boundary: Vec<usize> = offs
            .iter()
            .copied()
            .filter(|&o| o <= text.len() && text.is_char_boundary(o))
            .collect();
        let mut there = on_boundary.clone();
        convert_from_bytes(&text, &mut there, unit);
        assert!(
            convert_to_bytes(&text, &mut there, unit),
            "converted offsets did not convert back"
        );
        assert_eq!(there, on_boundary, "offsets did not round-trip");
    }
}

/// Feeds arbitrary bytes to the scrub readers (format and field chosen by
/// the first byte). Scrubbed with a mask that replaces every character,
/// the output read back selects only masked texts (no selected text passes
/// unmasked). Written back unchanged, the output must read back as the
/// same records: JSON values equal, CSV fields equal, text byte for byte.
pub fn scrub_readers(data: &[u8]) {
    if data.len() > MAX_INPUT || data.is_empty() {
        return;
    }
    let (sel, input) = (data[0], &data[1..]);
    let format = match sel % 5 {
        0 => Format::Text,
        1 => Format::Lines,
        // A JSON array is read as a JSON document.
        2 if input.trim_ascii_start().first() == Some(&b'[') => Format::Json,
        2 => Format::Jsonl,
        3 => Format::Csv,
        _ => Format::Tsv,
    };
    let field = match (sel / 5) % 4 {
        0 => "text",
        1 => "a.*",
        2 => "*",
        _ => "a.0.b",
    };
    let opts = ReaderOptions {
        format,
        fields: field
            .parse::<FieldPath>()
            .map(|p| vec![p])
            .unwrap_or_default(),
        columns: vec![["text", "1", "2", "a"][usize::from(sel / 20) % 4].to_string()],
        has_header: sel % 2 == 0,
        max_record_bytes: 1 << 12,
        allow_missing: sel & 0x80 != 0,
        ..ReaderOptions::default()
    };
    // Nothing selected reaches the output unmasked: scrubbed with a mask
    // that replaces every character, the output read back with the same
    // options selects only masked texts.
    if let Ok((masked, _)) = roundtrip(input, &opts, |t| MASK.to_string().repeat(t.chars().count()))
    {
        let _ = roundtrip(&masked, &opts, |t| {
            assert!(
                t.chars().all(|c| c == MASK),
                "a selected text reached the output unmasked"
            );
            t.to_string()
        });
    }
    let Ok((out, errors)) = roundtrip(input, &opts, |t| t.to_string()) else {
        return;
    };
    for e in &errors {
        // Errors never carry input text: only fixed words and numbers.
        let msg = e.to_string();
        assert!(msg.len() < 400, "an error message is suspiciously long");
    }
    match format {
        Format::Text | Format::Lines => {
            if errors.is_empty() {
                assert_eq!(out, input, "text did not round-trip");
            }
        }
        Format::Jsonl => {
            // Every output line is the JSON value of an input line.
            let values = |b: &[u8]| -> Vec<serde_json::Value> {
                b.split(|&c| c == b'\n')
                    .filter_map(|l| {
                        let s = std::str::from_utf8(l).ok()?;
                        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
                        serde_json::from_str(s).ok()
                    })
                    .collect()
            };
            let (vi, vo) = (values(input), values(&out));
            assert!(vo.len() <= vi.len(), "more JSON records out than in");
            if errors.is_empty() {
                assert_eq!(vi, vo, "JSON records changed");
            }
        }
        Format::Json => {
            // The document's value is unchanged by an identity scrub.
            if errors.is_empty() {
                let value = |b: &[u8]| -> Option<serde_json::Value> {
                    let s = std::str::from_utf8(b).ok()?;
                    serde_json::from_str(s.strip_prefix('\u{feff}').unwrap_or(s)).ok()
                };
                assert_eq!(value(input), value(&out), "JSON document changed");
            }
        }
        Format::Csv | Format::Tsv => {
            // A field that starts with U+FEFF at the very start of the
            // output reads back as a byte order mark (the csv crate strips
            // one there, as spreadsheet programs do): accepted.
            if out.starts_with("\u{feff}".as_bytes()) {
                return;
            }
            let (again, errs2) = match roundtrip(&out, &opts, |t| t.to_string()) {
                Ok(x) => x,
                Err(e) => panic!("CSV output does not read back: {e}"),
            };
            assert!(errs2.is_empty(), "CSV output has errors when read back");
            assert_eq!(again, out, "CSV output is not a fixed point");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_accept_simple_inputs() {
        analyze_mask("Pt Ana Núñez, SSN 123-45-6789,\nDOB 01/02/1931.".as_bytes());
        policy_parse(b"score_threshold = 0.6\n[allow]\nvalues = ['Springfield']\n");
        policy_parse(b"{\"operators\": {\"default\": {\"type\": \"redact\"}}}");
        offsets(&[5, b'J', 0xc3, 0xa9, b'x', 0, 1, 0, 3, 0, 9]);
        for sel in 0..=255u8 {
            let mut d = vec![sel];
            d.extend_from_slice(b"text,a\n\"x\ny\",{\"a\":[{\"b\":\"q\"}],\"text\":\"t\"}\n");
            scrub_readers(&d);
            // A JSON document (read as one with sel % 5 == 2).
            let mut d = vec![sel];
            d.extend_from_slice(b" [{\"text\":\"t\",\"a\":[{\"b\":\"q\"}]},\n {\"a\":\"x\"}, 3]\n");
            scrub_readers(&d);
        }
    }
}
