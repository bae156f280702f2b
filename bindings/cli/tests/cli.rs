//! End-to-end tests of the `phimask` binary on temporary directories.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::{run, run_stdin, stderr, stdout, BIN};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn write(path: &Path, content: impl AsRef<[u8]>) {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).expect("mkdir");
    }
    fs::write(path, content).expect("write");
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Entries of a directory whose names start with `.phimask-` (temporary
/// output files that must never be left behind).
fn temp_leftovers(dir: &Path) -> Vec<String> {
    walk(dir)
        .into_iter()
        .filter(|p| p.contains(".phimask-"))
        .collect()
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p.display().to_string());
            }
        }
    }
    out.sort();
    out
}

const SSN_LINE: &str = "SSN 123-45-6789 on file";
const SSN_MASKED: &str = "SSN ●●●●●●●●●●● on file";

#[test]
fn help_documents_exit_codes() {
    let o = run(&["--help"], Path::new("."));
    assert!(o.status.success());
    let h = stdout(&o);
    for s in [
        "scrub",
        "analyze",
        "eval",
        "check",
        "Exit codes",
        "usage error",
    ] {
        assert!(h.contains(s), "missing {s} in help:\n{h}");
    }
}

#[test]
fn scrub_directory_mirrors_the_tree_with_globs() {
    let d = tmp();
    let root = d.path();
    write(&root.join("notes/a.txt"), format!("{SSN_LINE}\n"));
    write(
        &root.join("notes/sub/deeper/b.txt"),
        "Mail jdoe@example.com today.\n",
    );
    write(&root.join("notes/sub/c.md"), "not selected");
    write(&root.join("notes/.hidden.txt"), "hidden");
    let o = run(
        &[
            "scrub",
            "notes",
            "-o",
            "out",
            "--glob",
            "*.txt",
            "--report",
            "report.json",
        ],
        root,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let files: Vec<String> = walk(&root.join("out"))
        .into_iter()
        .map(|p| p.replace(&root.join("out").display().to_string(), ""))
        .collect();
    assert_eq!(files, ["/a.txt", "/sub/deeper/b.txt"]);
    assert_eq!(read(&root.join("out/a.txt")), format!("{SSN_MASKED}\n"));
    assert_eq!(
        read(&root.join("out/sub/deeper/b.txt")),
        "Mail ●●●●●●●●●●●●●●●● today.\n"
    );
    // Piped stderr: no progress bar, but the summary.
    let err = stderr(&o);
    assert!(err.contains("2 file(s), 2 record(s)"), "{err}");
    assert!(err.contains("US_SSN"), "{err}");
    assert!(!err.contains('\r'), "no progress bar when piped: {err:?}");
    let report: serde_json::Value =
        serde_json::from_str(&read(&root.join("report.json"))).expect("report is JSON");
    assert_eq!(report["files"], 2);
    assert_eq!(report["records"], 2);
    assert_eq!(report["detections"]["US_SSN"], 1);
    assert_eq!(report["detections"]["EMAIL_ADDRESS"], 1);
    assert_eq!(report["completed"], true);
    assert!(temp_leftovers(root).is_empty());
}

#[test]
fn scrub_refuses_output_inside_input_and_stdout_for_many_files() {
    let d = tmp();
    let root = d.path();
    write(&root.join("notes/a.txt"), "x");
    write(&root.join("notes/b.txt"), "y");
    let o = run(&["scrub", "notes", "-o", "notes/out"], root);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("inside the input directory"),
        "{}",
        stderr(&o)
    );
    let o = run(&["scrub", "notes"], root);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o DIR"), "{}", stderr(&o));
}

fn jsonl_with_broken_line() -> String {
    [
        r#"{"id": 1, "text": "SSN 123-45-6789 on file", "n": 1.50}"#,
        r#"{"id": 2, "meta": {"note": {"text": "plain"}}, "text": "nothing here"}"#,
        r#"{"id": 3, "text": "SECRETNAME broken"#,
        r#"{"id": 4, "text": "Mail jdoe@example.com"}"#,
        "",
    ]
    .join("\n")
}

#[test]
fn jsonl_broken_line_stops_the_run_by_default() {
    let d = tmp();
    let root = d.path();
    write(&root.join("in.jsonl"), jsonl_with_broken_line());
    write(&root.join("out.jsonl"), "previous output\n");
    let o = run(&["scrub", "in.jsonl", "-o", "out.jsonl"], root);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("in.jsonl: line 3: malformed JSON"), "{err}");
    assert!(
        !err.contains("SECRETNAME"),
        "content must not leak into errors: {err}"
    );
    // The destination is untouched and no temporary file is left.
    assert_eq!(read(&root.join("out.jsonl")), "previous output\n");
    assert!(
        temp_leftovers(root).is_empty(),
        "{:?}",
        temp_leftovers(root)
    );
}

#[test]
fn jsonl_broken_line_is_skipped_and_counted_on_request() {
    let d = tmp();
    let root = d.path();
    write(&root.join("in.jsonl"), jsonl_with_broken_line());
    let o = run(
        &[
            "scrub",
            "in.jsonl",
            "--on-error",
            "skip",
            "--report",
            "r.json",
        ],
        root,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        [
            r#"{"id": 1, "text": "SSN ●●●●●●●●●●● on file", "n": 1.50}"#,
            r#"{"id": 2, "meta": {"note": {"text": "plain"}}, "text": "nothing here"}"#,
            r#"{"id": 4, "text": "Mail ●●●●●●●●●●●●●●●●"}"#,
            "",
        ]
        .join("\n")
    );
    let err = stderr(&o);
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("skipped: 1 record(s)"), "{err}");
    assert!(!err.contains("SECRETNAME"), "{err}");
    let r: serde_json::Value = serde_json::from_str(&read(&root.join("r.json"))).expect("json");
    assert_eq!(r["records_skipped"], 1);
    assert_eq!(r["records"], 3);
    assert_eq!(r["errors"][0]["line"], 3);
}

#[test]
fn jsonl_nested_fields_and_wildcards() {
    let d = tmp();
    let line = r#"{"a": [{"t": "SSN 123-45-6789 on file"}, {"t": "SSN 123-45-6789 on file"}], "text": "SSN 123-45-6789 on file"}"#;
    let o = run_stdin(
        &["scrub", "--format", "jsonl", "--field", "a.*.t"],
        d.path(),
        format!("{line}\n").as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "{{\"a\": [{{\"t\": \"{SSN_MASKED}\"}}, {{\"t\": \"{SSN_MASKED}\"}}], \"text\": \"{SSN_LINE}\"}}\n"
        )
    );
    // A record without the field is an error unless --allow-missing.
    let o = run_stdin(
        &["scrub", "--field", "nope"],
        d.path(),
        format!("{line}\n").as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("line 1: the record has no field `nope`"),
        "{}",
        stderr(&o)
    );
    let o = run_stdin(
        &["scrub", "--field", "nope", "--allow-missing"],
        d.path(),
        format!("{line}\n").as_bytes(),
    );
    // Every record passed through and no text was scrubbed: an error
    // (issue 11.4), though the record itself is written to stdout.
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no text scrubbed"), "{}", stderr(&o));
}

#[test]
fn non_utf8_input_is_reported_by_line() {
    let d = tmp();
    let root = d.path();
    write(
        &root.join("bad.txt"),
        b"line one\nline two \xff\xfe\n".as_slice(),
    );
    let o = run(&["scrub", "bad.txt", "-o", "out.txt"], root);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.txt: line 2: invalid UTF-8"),
        "{}",
        stderr(&o)
    );
    assert!(!root.join("out.txt").exists());
    write(
        &root.join("bad.jsonl"),
        b"{\"text\":\"ok\"}\n{\"text\":\"\xff\"}\n".as_slice(),
    );
    let o = run(&["scrub", "bad.jsonl", "--on-error", "skip"], root);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "{\"text\":\"ok\"}\n");
    assert!(
        stderr(&o).contains("bad.jsonl: line 2: invalid UTF-8"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn csv_column_is_scrubbed_and_the_rest_kept() {
    let d = tmp();
    let root = d.path();
    write(
        &root.join("in.csv"),
        "id,note,code\n1,\"SSN 123-45-6789, on file\",F33.1\n2,\"two\nlines\",90837\n",
    );
    let o = run(
        &["scrub", "in.csv", "--column", "note", "-o", "out.csv"],
        root,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        read(&root.join("out.csv")),
        "id,note,code\n1,\"SSN ●●●●●●●●●●●, on file\",F33.1\n2,\"two\nlines\",90837\n"
    );
    let o = run(&["scrub", "in.csv", "--column", "nope"], root);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no column `nope`"), "{}", stderr(&o));
    write(
        &root.join("in.tsv"),
        "text\tid\nSSN 123-45-6789 on file\t7\n",
    );
    let o = run(&["scrub", "in.tsv"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("text\tid\n{SSN_MASKED}\t7\n"));
}

#[test]
fn stdin_text_and_operators() {
    let d = tmp();
    let o = run_stdin(&["scrub"], d.path(), SSN_LINE.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), SSN_MASKED);
    let o = run_stdin(
        &["scrub", "--operator", "tag", "-q"],
        d.path(),
        SSN_LINE.as_bytes(),
    );
    assert_eq!(stdout(&o), "SSN <US_SSN> on file");
    assert_eq!(stderr(&o), "", "--quiet prints nothing on success");
    let o = run_stdin(
        &["scrub", "--operator", "placeholder"],
        d.path(),
        SSN_LINE.as_bytes(),
    );
    assert_eq!(stdout(&o), "SSN [US_SSN_1] on file");
    let o = run_stdin(
        &["scrub", "--operator", "redact"],
        d.path(),
        SSN_LINE.as_bytes(),
    );
    assert_eq!(stdout(&o), "SSN  on file");
    let o = run_stdin(
        &["scrub", "--mask-char", "*"],
        d.path(),
        SSN_LINE.as_bytes(),
    );
    assert_eq!(stdout(&o), "SSN *********** on file");
    let o = run_stdin(
        &["scrub", "--operator", "hash"],
        d.path(),
        SSN_LINE.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2), "hash needs a key");
    let o = Command::new(BIN)
        .args([
            "scrub",
            "--operator",
            "hash",
            "--hash-key-env",
            "MY_KEY",
            "-",
            "--threads",
            "1",
        ])
        .env("MY_KEY", "0123456789abcdef0123")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            let _ = c
                .stdin
                .take()
                .expect("stdin")
                .write_all(SSN_LINE.as_bytes());
            c.wait_with_output()
        })
        .expect("runs");
    let out = stdout(&o);
    assert!(
        out.starts_with("SSN ") && out.ends_with(" on file") && !out.contains("6789"),
        "{out}"
    );
    assert_eq!(out.len(), "SSN  on file".len() + 16);
}

#[test]
fn policy_files_and_errors() {
    let d = tmp();
    let root = d.path();
    write(&root.join("typo.toml"), "score_treshold = 0.4\n");
    let o = run_stdin(&["scrub", "--policy", "typo.toml"], root, b"x");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("score_treshold"), "{}", stderr(&o));
    write(
        &root.join("p.toml"),
        "[operators]\ndefault = { type = \"replace\", value = \"[{entity}]\" }\n",
    );
    let o = run_stdin(&["scrub", "--policy", "p.toml"], root, SSN_LINE.as_bytes());
    assert_eq!(stdout(&o), "SSN [US_SSN] on file");
    let o = run_stdin(&["scrub", "--policy", "strict"], root, SSN_LINE.as_bytes());
    assert_eq!(stdout(&o), SSN_MASKED);
    let o = run(&["policy", "--policy", "strict"], root);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("name = \"strict\""), "{}", stdout(&o));
}

#[test]
fn parallel_output_keeps_input_order() {
    let d = tmp();
    let root = d.path();
    let mut input = String::new();
    let mut expected = String::new();
    for i in 0..1500 {
        input.push_str(&format!(
            "{{\"i\":{i},\"text\":\"row {i}: SSN 123-45-6789 on file\"}}\n"
        ));
        expected.push_str(&format!(
            "{{\"i\":{i},\"text\":\"row {i}: {SSN_MASKED}\"}}\n"
        ));
    }
    write(&root.join("big.jsonl"), &input);
    let o = run(
        &[
            "scrub",
            "big.jsonl",
            "-o",
            "out/big.jsonl",
            "--create-dirs",
            "--threads",
            "4",
            "--chunk-records",
            "64",
        ],
        root,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read(&root.join("out/big.jsonl")), expected);
}

#[test]
fn analyze_prints_offsets_in_the_chosen_unit() {
    let d = tmp();
    let text = "José: SSN 123-45-6789";
    let o = run(
        &["analyze", "--text", text, "--entities", "US_SSN"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("json");
    assert_eq!(v["offsets"], "chars");
    assert_eq!(v["detections"][0]["entity"], "US_SSN");
    assert_eq!(v["detections"][0]["start"], 10);
    assert_eq!(v["detections"][0]["end"], 21);
    assert!(
        v["detections"][0].get("text").is_none(),
        "no text unless asked"
    );
    let o = run(
        &[
            "analyze",
            "--text",
            text,
            "--entities",
            "US_SSN",
            "--offsets",
            "bytes",
            "--explain",
            "--show-text",
        ],
        d.path(),
    );
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("json");
    let det = &v["detections"][0];
    assert_eq!(det["start"], 11);
    assert_eq!(det["end"], 22);
    assert_eq!(det["text"], "123-45-6789");
    assert!(det["recognizer"].is_string());
    assert!(det["explanation"]["base_score"].is_number());
    assert!(v["kept"].is_array());
    assert_eq!(v["coverage"][0], serde_json::json!([11, 22]));
}

#[test]
fn analyze_explains_scoping_decisions() {
    let d = tmp();
    let o = run(
        &["analyze", "--text", "A 45-year-old seen.", "--explain"],
        d.path(),
    );
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("json");
    let kept = v["kept"].as_array().expect("kept");
    assert!(
        kept.iter()
            .any(|k| k["entity"] == "AGE" && k["reason"] == "rule age_under_90"),
        "{v}"
    );
}

#[test]
fn analyze_jsonl_reports_lines() {
    let d = tmp();
    let input = format!("{{\"text\":\"{SSN_LINE}\"}}\n{{\"text\":\"nothing\"}}\n");
    let o = run_stdin(&["analyze", "--field", "text"], d.path(), input.as_bytes());
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["detections"][0]["start"], 4);
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["detections"], serde_json::json!([]));
}

fn corpus(path: &Path) {
    let text = "Pt SSN 123-45-6789, 45-year-old.".to_string();
    let notes = vec![phimask_corpora::Note {
        id: "n1".into(),
        kind: "test".into(),
        phi: vec![phimask_corpora::Annotation::new("US_SSN", 7, 18)],
        keep: vec![phimask_corpora::Annotation::new("AGE", 20, 22)],
        text,
    }];
    let mut buf = Vec::new();
    phimask_corpora::write_jsonl(&mut buf, &notes).expect("write");
    write(path, buf);
}

#[test]
fn eval_scores_a_corpus_and_writes_leaks() {
    let d = tmp();
    let root = d.path();
    corpus(&root.join("c.jsonl"));
    let o = run(
        &[
            "eval",
            "c.jsonl",
            "--json",
            "--leaks",
            "leaks.jsonl",
            "--enforce",
        ],
        root,
    );
    assert_eq!(o.status.code(), Some(0), "{}\n{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["report"]["overall"]["spans_caught"], 1);
    assert_eq!(v["report"]["overall"]["keeps_preserved"], 1);
    assert_eq!(v["meets_targets"], true);
    assert_eq!(read(&root.join("leaks.jsonl")), "");
    // Without recognizers everything leaks.
    write(&root.join("none.toml"), "[recognizers]\nbuiltin = false\n");
    let o = run(
        &[
            "eval",
            "c.jsonl",
            "--policy",
            "none.toml",
            "--leaks",
            "leaks.jsonl",
            "--enforce",
        ],
        root,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("OVERALL"), "{}", stdout(&o));
    let leak: serde_json::Value =
        serde_json::from_str(read(&root.join("leaks.jsonl")).trim()).expect("json");
    assert_eq!(leak["kind"], "leak");
    assert_eq!(leak["note_id"], "n1");
    assert_eq!(leak["text"], "123-45-6789");
}

const TEMPLATES: &str =
    "Patient {PERSON} was seen today.\n---\nContact: {EMAIL}. The patient is {AGE}.\n";

/// Templates whose identifiers the default policy always catches.
const EASY_TEMPLATES: &str =
    "Contact: {EMAIL}, phone {PHONE}.\n---\nThe patient is {AGE}, from {STATE}. Portal {URL}\n";

#[test]
fn check_fails_without_the_name_recognizer_and_writes_junit() {
    let d = tmp();
    let root = d.path();
    write(&root.join("t.txt"), TEMPLATES);
    write(
        &root.join("noname.toml"),
        "[recognizers]\ndisable = [\"person\"]\n",
    );
    let o = run(
        &[
            "check",
            "--policy",
            "noname.toml",
            "--templates",
            "t.txt",
            "-n",
            "20",
            "--junit",
            "junit.xml",
        ],
        root,
    );
    assert_eq!(o.status.code(), Some(1), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("RESULT: FAIL"), "{out}");
    assert!(out.contains("PERSON"), "{out}");
    let xml = read(&root.join("junit.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("JUnit XML parses");
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    let cases: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let person = cases
        .iter()
        .find(|c| c.attribute("name") == Some("PERSON"))
        .expect("a PERSON test case");
    let failure = person
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("PERSON fails");
    assert!(failure
        .attribute("message")
        .unwrap_or_default()
        .contains("of 10 PERSON"));
    let email = cases
        .iter()
        .find(|c| c.attribute("name") == Some("EMAIL_ADDRESS"))
        .expect("an EMAIL test case");
    assert!(!email.children().any(|n| n.has_tag_name("failure")));
    let failures: usize = suites
        .attribute("failures")
        .and_then(|f| f.parse().ok())
        .expect("failures attribute");
    assert_eq!(
        failures,
        cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
            .count()
    );
    assert_eq!(
        suites
            .attribute("tests")
            .and_then(|t| t.parse::<usize>().ok()),
        Some(cases.len())
    );
}

#[test]
fn check_passes_on_generated_notes_with_the_default_policy() {
    let d = tmp();
    let o = run(
        &["check", "-n", "200", "--reference-date", "2026-11-22"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}\n{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("RESULT: PASS"), "{}", stdout(&o));
}

#[test]
fn check_passes_with_the_default_policy_and_prints_json() {
    let d = tmp();
    let root = d.path();
    write(&root.join("t.txt"), EASY_TEMPLATES);
    let o = run(
        &[
            "check",
            "--templates",
            "t.txt",
            "-n",
            "20",
            "--format",
            "json",
        ],
        root,
    );
    assert_eq!(o.status.code(), Some(0), "{}\n{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["passed"], true);
    assert_eq!(v["notes"], 20);
    assert_eq!(v["leaked"], 0);
    assert_eq!(v["phi_spans"], 30);
    assert_eq!(v["keep_spans"], 20);
    let o = run(
        &[
            "check",
            "--templates",
            "t.txt",
            "-n",
            "20",
            "--format",
            "junit",
        ],
        root,
    );
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).expect("parses");
    assert_eq!(doc.root_element().attribute("failures"), Some("0"));
}

#[test]
fn check_user_value_formats() {
    let d = tmp();
    let root = d.path();
    write(&root.join("t.txt"), "Chart number {MRN} reviewed.\n");
    // An MRN scheme no built-in recognizer knows, without a label: it
    // survives, and the check says so.
    let o = run(
        &[
            "check",
            "--templates",
            "t.txt",
            "-n",
            "5",
            "--value-format",
            "MRN=QZX-##-aa",
            "--format",
            "json",
        ],
        root,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["phi_spans"], 5);
    let leaks = v["report"]["leaks"].as_array().expect("leaks");
    for l in leaks {
        let t = l["text"].as_str().unwrap_or_default();
        assert!(t.starts_with("QZX-") && t.len() == 9, "{t}");
    }
    // A policy pattern for that scheme fixes it.
    write(
        &root.join("p.toml"),
        "[[recognizers.patterns]]\nid = \"qzx\"\nentity = \"MEDICAL_RECORD_NUMBER\"\npatterns = [{ name = \"qzx\", regex = 'QZX-\\d\\d-[a-z]{2}', score = 0.9 }]\n",
    );
    let o = run(
        &[
            "check",
            "--templates",
            "t.txt",
            "-n",
            "5",
            "--value-format",
            "MRN=QZX-##-aa",
            "--policy",
            "p.toml",
        ],
        root,
    );
    assert_eq!(o.status.code(), Some(0), "{}\n{}", stdout(&o), stderr(&o));
    let o = run(&["check", "--value-format", "NOPE=##"], root);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("NOPE"), "{}", stderr(&o));
}
