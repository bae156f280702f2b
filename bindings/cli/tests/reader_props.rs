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
