//! Property tests for the scrub readers (issue 11): random CSV and JSONL
//! records with a planted identifier (an SSN or an e-mail address) at a
//! random place of random selected fields, written with random quoting and
//! escapes. Scrubbed with the Safe Harbor analyzer, the planted identifier
//! never reaches the output, and every field not selected comes out as it
//! went in: byte for byte in JSONL and in CSV whose fields are all quoted
//! (the whole output is then the input with the selected values replaced),
//! value for value in CSV with minimal quoting.

use std::sync::OnceLock;

use phimask::Analyzer;
use phimask_cli::jsonpath::FieldPath;
use phimask_cli::records::{roundtrip, Format, ReaderOptions};
use proptest::prelude::*;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| phimask::safe_harbor().expect("the Safe Harbor analyzer builds"))
}

fn mask(t: &str) -> String {
    analyzer().mask(t).expect("masks").text
}

const PLANTED: [&str; 3] = ["123-45-6789", "219-09-9999", "jane.doe@example.com"];

/// Filler: letters, spaces, CSV and JSON specials, line breaks, accents;
/// no digits or `@`, so no filler is itself an identifier.
fn filler() -> impl Strategy<Value = String> {
    "[a-zA-Z ,;\"'\\\\\n\r\téü/{}\\[\\]:]{0,24}"
}

/// A cell: filler, or filler with a planted identifier between spaces.
fn cell(planted: bool) -> BoxedStrategy<String> {
    if planted {
        (filler(), 0..PLANTED.len(), filler())
            .prop_map(|(a, i, b)| format!("{a} {} {b}", PLANTED[i]))
            .boxed()
    } else {
        filler().boxed()
    }
}

/// Rows of `width` cells; `selected[i]` cells carry an identifier.
fn table() -> impl Strategy<Value = (Vec<bool>, Vec<Vec<String>>)> {
    (2usize..5)
        .prop_flat_map(|width| {
            (
                prop::collection::vec(any::<bool>(), width),
                Just(width),
                1usize..6,
            )
        })
        .prop_flat_map(|(mut selected, width, rows)| {
            if !selected.iter().any(|&s| s) {
                selected[0] = true;
            }
            let row: Vec<BoxedStrategy<String>> = (0..width).map(|c| cell(selected[c])).collect();
            (Just(selected), prop::collection::vec(row, rows))
        })
}

fn csv_bytes(header: &[String], rows: &[Vec<String>], delim: u8, always: bool) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delim)
        .quote_style(if always {
            csv::QuoteStyle::Always
        } else {
            csv::QuoteStyle::Necessary
        })
        .from_writer(Vec::new());
    w.write_record(header).expect("header");
    for r in rows {
        w.write_record(r).expect("row");
    }
    w.into_inner().expect("flush")
}

/// JSON string token for `s`, each character escaped at random (`\uXXXX`,
/// short escapes) when `mode` says so.
fn json_token(s: &str, mode: &[u8]) -> String {
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        let m = mode.get(i % mode.len().max(1)).copied().unwrap_or(0) % 3;
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '/' if m == 1 => out.push_str("\\/"),
            c if m == 2 && (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn csv_selected_columns_never_leak_and_others_are_unchanged(
        (selected, rows) in table(),
        tsv in any::<bool>(),
        always in any::<bool>(),
        by_number in any::<bool>(),
    ) {
        let width = selected.len();
        let header: Vec<String> = (0..width).map(|i| format!("col{i}")).collect();
        let (delim, format) = if tsv { (b'\t', Format::Tsv) } else { (b',', Format::Csv) };
        let input = csv_bytes(&header, &rows, delim, always);
        let columns: Vec<String> = (0..width)
            .filter(|&i| selected[i])
            .map(|i| if by_number { (i + 1).to_string() } else { header[i].clone() })
            .collect();
        let opts = ReaderOptions { format, columns, ..ReaderOptions::default() };
        let (out, errors) = roundtrip(&input, &opts, mask).expect("opens");
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let out_s = String::from_utf8_lossy(&out);
        for p in PLANTED {
            prop_assert!(!out_s.contains(p), "{} leaked", p);
        }
        if always {
            // Every field quoted in the input: the output is the same bytes
            // with the selected fields' values replaced.
            let masked: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(c, v)| if selected[c] { mask(v) } else { v.clone() })
                        .collect()
                })
                .collect();
            prop_assert_eq!(&out, &csv_bytes(&header, &masked, delim, true));
        }
        let mut r = csv::ReaderBuilder::new().delimiter(delim).from_reader(out.as_slice());
        let back: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("reads back");
        prop_assert_eq!(back.len(), rows.len());
        for (got, want) in back.iter().zip(&rows) {
            prop_assert_eq!(got.len(), width);
            for c in 0..width {
                if !selected[c] {
                    prop_assert_eq!(&got[c], want[c].as_str());
                }
            }
        }
    }

    #[test]
    fn jsonl_selected_fields_never_leak_and_others_are_unchanged(
        (selected, rows) in table(),
        escapes in prop::collection::vec(any::<u8>(), 1..8),
        spacing in "[ \t]{0,2}",
        nested in any::<bool>(),
    ) {
        let width = selected.len();
        let mut input = String::new();
        for (n, row) in rows.iter().enumerate() {
            let mut fields = Vec::new();
            for (c, v) in row.iter().enumerate() {
                let tok = json_token(v, &escapes);
                let tok = if nested && selected[c] { format!("{{\"body\":{spacing}{tok}}}") } else { tok };
                fields.push(format!("\"f{c}\":{spacing}{tok}"));
            }
            fields.push(format!("\"n\":{spacing}{n}.50"));
            input.push_str(&format!("{{{spacing}{}{spacing}}}\n", fields.join(",")));
        }
        let paths: Vec<FieldPath> = (0..width)
            .filter(|&c| selected[c])
            .map(|c| {
                let p = if nested { format!("f{c}.body") } else { format!("f{c}") };
                p.parse().expect("path")
            })
            .collect();
        let opts = ReaderOptions { format: Format::Jsonl, fields: paths, ..ReaderOptions::default() };
        let (out, errors) = roundtrip(input.as_bytes(), &opts, mask).expect("opens");
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let out_s = String::from_utf8(out).expect("utf8");
        let in_lines: Vec<&str> = input.lines().collect();
        let out_lines: Vec<&str> = out_s.lines().collect();
        prop_assert_eq!(out_lines.len(), in_lines.len());
        for (i, line) in out_lines.iter().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON");
            let decoded = v.to_string();
            for p in PLANTED {
                prop_assert!(!decoded.contains(p), "{} leaked (decoded)", p);
            }
            for c in 0..width {
                if !selected[c] {
                    // Unselected: the very token as written.
                    let tok = format!("\"f{c}\":{spacing}{}", json_token(&rows[i][c], &escapes));
                    prop_assert!(line.contains(&tok), "field {} changed", c);
                }
            }
            let n_tok = format!("\"n\":{spacing}{i}.50");
            prop_assert!(line.contains(&n_tok), "number changed");
        }
        for p in PLANTED {
            prop_assert!(!out_s.contains(p), "{} leaked", p);
        }
    }
}

// Issue 11: no text of a selected field ever reaches the output unmasked,
// whatever the text. The scrub function replaces every character with ●,
// so the property does not depend on what the analyzer detects: read back
// with an independent parser (the csv crate, serde_json), every selected
// value is all ●, every other value is unchanged, and a selected JSON value
// holding a number or boolean is refused (its record is not written).

fn dots(t: &str) -> String {
    "\u{25CF}".repeat(t.chars().count())
}

/// Any text: printable Unicode, or CSV/JSON specials, controls and digits.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,16}",
        "[\"'\\\\,;\t\r\n a-z0-9\u{1}-\u{1f}\u{feff}\u{2028}]{0,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn csv_no_selected_cell_reaches_the_output(
        width in 1usize..5,
        selected_bits in any::<u8>(),
        rows in prop::collection::vec(prop::collection::vec(any_text(), 4), 1..6),
        tsv in any::<bool>(),
        always in any::<bool>(),
        no_header in any::<bool>(),
    ) {
        let mut selected: Vec<bool> = (0..width).map(|i| selected_bits & (1 << i) != 0).collect();
        if !selected.iter().any(|&s| s) {
            selected[0] = true;
        }
        let rows: Vec<Vec<String>> = rows.into_iter().map(|r| r[..width].to_vec()).collect();
        // A row of one empty cell is a blank line, which CSV does not keep.
        prop_assume!(width > 1 || rows.iter().all(|r| !r[0].is_empty()));
        // U+FEFF opening the file is a byte order mark (dropped, as
        // spreadsheet programs do), not text.
        prop_assume!(!(no_header && rows[0][0].starts_with('\u{feff}')));
        let header: Vec<String> = (0..width).map(|i| format!("col{i}")).collect();
        let (delim, format) = if tsv { (b'\t', Format::Tsv) } else { (b',', Format::Csv) };
        let mut w = csv::WriterBuilder::new()
            .delimiter(delim)
            .quote_style(if always { csv::QuoteStyle::Always } else { csv::QuoteStyle::Necessary })
            .from_writer(Vec::new());
        if !no_header {
            w.write_record(&header).expect("header");
        }
        for r in &rows {
            w.write_record(r).expect("row");
        }
        let input = w.into_inner().expect("flush");
        let columns: Vec<String> = (0..width)
            .filter(|&i| selected[i])
            .map(|i| if no_header { (i + 1).to_string() } else { header[i].clone() })
            .collect();
        let opts = ReaderOptions { format, columns, has_header: !no_header, ..ReaderOptions::default() };
        let (out, errors) = roundtrip(&input, &opts, dots).expect("opens");
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let mut r = csv::ReaderBuilder::new()
            .delimiter(delim)
            .has_headers(!no_header)
            .from_reader(out.as_slice());
        if !no_header {
            let h = r.headers().expect("a header").clone();
            prop_assert_eq!(h.iter().collect::<Vec<_>>(), header.iter().map(String::as_str).collect::<Vec<_>>());
        }
        let back: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("reads back");
        prop_assert_eq!(back.len(), rows.len());
        for (got, want) in back.iter().zip(&rows) {
            prop_assert_eq!(got.len(), width);
            for c in 0..width {
                let expected = if selected[c] { dots(&want[c]) } else { want[c].clone() };
                prop_assert_eq!(&got[c], expected.as_str(), "column {}", c);
            }
        }
    }

    #[test]
    fn jsonl_no_selected_text_reaches_the_output(
        records in prop::collection::vec(prop::collection::vec(json_value(), 3), 1..6),
        selected_bits in 1u8..8,
    ) {
        use serde_json::Value;
        let selected: Vec<bool> = (0..3).map(|i| selected_bits & (1 << i) != 0).collect();
        let mut input = String::new();
        let mut expected = Vec::new();
        let mut refused = 0;
        for rec in &records {
            let mut obj = serde_json::Map::new();
            let mut want = serde_json::Map::new();
            let mut scalar = false;
            for (c, v) in rec.iter().enumerate() {
                obj.insert(format!("f{c}"), v.clone());
                if selected[c] {
                    scalar |= has_scalar(v);
                    want.insert(format!("f{c}"), masked(v));
                } else {
                    want.insert(format!("f{c}"), v.clone());
                }
            }
            input.push_str(&Value::Object(obj).to_string());
            input.push('\n');
            if scalar {
                refused += 1;
            } else {
                expected.push(Value::Object(want));
            }
        }
        let fields: Vec<FieldPath> = (0..3)
            .filter(|&c| selected[c])
            .map(|c| format!("f{c}").parse().expect("path"))
            .collect();
        let opts = ReaderOptions { format: Format::Jsonl, fields, ..ReaderOptions::default() };
        let (out, errors) = roundtrip(input.as_bytes(), &opts, dots).expect("opens");
        prop_assert_eq!(errors.len(), refused, "{:?}", errors);
        let out = String::from_utf8(out).expect("utf8");
        let got: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).expect("valid JSON"))
            .collect();
        prop_assert_eq!(got, expected);
    }
}

/// A JSON value: strings most often, `null`, numbers, booleans, nested in
/// arrays and objects with any keys.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        6 => any_text().prop_map(Value::String),
        1 => Just(Value::Null),
        1 => any::<i32>().prop_map(Value::from),
        1 => any::<bool>().prop_map(Value::Bool),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(any_text(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Whether a number or boolean is anywhere in `v`.
fn has_scalar(v: &serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::Number(_) | Value::Bool(_) => true,
        Value::Array(a) => a.iter().any(has_scalar),
        Value::Object(o) => o.values().any(has_scalar),
        Value::Null | Value::String(_) => false,
    }
}

/// `v` with every string value (not key) replaced by as many ● as it has
/// characters.
fn masked(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(dots(s)),
        Value::Array(a) => Value::Array(a.iter().map(masked).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), masked(v))).collect()),
        other => other.clone(),
    }
}
