//! End-to-end tests for issue 11: runs that used to exit 0 with PHI left in
//! the output, or put PHI into a message. Each fails on the old code.

use std::fs;

mod common;
use common::{run, run_stdin};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Issue 11.1: a column number past the end of the row is a usage error.
#[test]
fn csv_column_past_the_row_end_is_exit_2() {
    let d = tmp();
    fs::write(d.path().join("c.csv"), "id,comment\n1,Patient John Smith\n").expect("write");
    for args in [
        &["scrub", "c.csv", "--column", "5"][..],
        &["scrub", "c.csv", "--no-header", "--column", "3"][..],
    ] {
        let o = run(args, d.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
        assert!(!text(&o.stdout).contains("John Smith"), "{args:?}");
        assert!(!text(&o.stderr).contains("John Smith"), "{args:?}");
    }
}

/// Issue 11.2: without --column the default `text` column is missing; the
/// message names the header's columns, and with a data-like first row no
/// row content is echoed when the selection fails.
#[test]
fn headerless_csv_never_passes_or_echoes_row_one() {
    let d = tmp();
    fs::write(
        d.path().join("n.csv"),
        "1,Patient John Smith SSN 123-45-6789\n2,Mary Jones\n",
    )
    .expect("write");
    let o = run(&["scrub", "n.csv", "--column", "3"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(!text(&o.stdout).contains("123-45-6789"));
    // The scrubbed column of row 1 never reaches the output unmasked.
    let o = run(&["scrub", "n.csv", "--column", "2"], d.path());
    assert!(
        !text(&o.stdout).contains("John Smith"),
        "{}",
        text(&o.stdout)
    );
    let o = run(&["scrub", "n.csv"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        !text(&o.stderr).contains("123-45-6789"),
        "{}",
        text(&o.stderr)
    );
}

/// Issue 11.3: selected number/boolean fields are refused, not passed.
#[test]
fn jsonl_non_string_fields_are_refused() {
    let d = tmp();
    let o = run_stdin(
        &["scrub", "--field", "mrn", "--field", "ssn"],
        d.path(),
        b"{\"mrn\":482913,\"ssn\":123456789}\n",
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(!text(&o.stdout).contains("123456789"));
    assert!(!text(&o.stderr).contains("123456789"));
}

/// Issue 11.4: a JSON array is refused even with --allow-missing, and a
/// run that scrubbed no text while records went through is an error.
#[test]
fn json_arrays_and_zero_texts_fail() {
    let d = tmp();
    fs::write(d.path().join("a.json"), "[{\"text\":\"John Smith\"}]\n").expect("write");
    let o = run(
        &["scrub", "a.json", "--allow-missing", "-o", "out.json"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(!d.path().join("out.json").exists());
    fs::write(d.path().join("b.jsonl"), "{\"note\":\"John Smith\"}\n").expect("write");
    let o = run(
        &["scrub", "b.jsonl", "--allow-missing", "-o", "out.jsonl"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(!d.path().join("out.jsonl").exists());
}

/// Issue 11.5: policy type errors name the field's type, never its value.
#[test]
fn policy_errors_do_not_echo_values() {
    let d = tmp();
    for doc in [
        "[recognizers]\ndisable = \"Maria Lopez 123-45-6789\"\n",
        "[allow]\nvalues = \"Maria Lopez 123-45-6789\"\n",
        "{\"allow\": {\"values\": \"Maria Lopez 123-45-6789\"}}",
    ] {
        let name = if doc.starts_with('{') {
            "p.json"
        } else {
            "p.toml"
        };
        fs::write(d.path().join(name), doc).expect("write");
        let o = run_stdin(&["scrub", "--policy", name], d.path(), b"hello\n");
        assert_eq!(o.status.code(), Some(2));
        let e = text(&o.stderr);
        assert!(!e.contains("Maria") && !e.contains("6789"), "{e}");
        assert!(e.contains("expected"), "{e}");
    }
}

/// Issue 11.6: templates without slots test nothing and fail the gate.
#[test]
fn check_with_slotless_templates_fails() {
    let d = tmp();
    fs::write(d.path().join("t.txt"), "Nothing to see here.\n").expect("write");
    let o = run(&["check", "--templates", "t.txt", "-n", "5"], d.path());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("no identifiers were injected"));
}

/// Issue 11.9: a link out of the tree is not followed; with skip it is one
/// counted, skipped item.
#[cfg(unix)]
#[test]
fn directory_walks_do_not_follow_links() {
    let d = tmp();
    let outside = d.path().join("secret.txt");
    fs::write(&outside, "Patient John Smith\n").expect("write");
    let tree = d.path().join("tree");
    fs::create_dir(&tree).expect("mkdir");
    fs::write(tree.join("a.txt"), "hello\n").expect("write");
    std::os::unix::fs::symlink(&outside, tree.join("link.txt")).expect("link");
    std::os::unix::fs::symlink(d.path().join("nope"), tree.join("broken.txt")).expect("link");
    let o = run(&["scrub", "tree", "-o", "out"], d.path());
    assert_eq!(o.status.code(), Some(2));
    let o = run(
        &[
            "scrub",
            "tree",
            "-o",
            "out2",
            "--on-error",
            "skip",
            "--report",
            "r.json",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(d.path().join("out2/a.txt").exists());
    assert!(!d.path().join("out2/link.txt").exists());
    let r: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.path().join("r.json")).expect("report"))
            .expect("json");
    assert_eq!(r["files_skipped"], 2, "{r}");
}

/// Issue 11.11: --max-record-bytes above the policy's 64 MiB is honoured.
#[test]
fn max_record_bytes_raises_the_policy_limit() {
    let d = tmp();
    let big = "a ".repeat((64 << 20) / 2 + 16);
    fs::write(d.path().join("big.txt"), &big).expect("write");
    let o = run(
        &[
            "scrub",
            "-q",
            "big.txt",
            "-o",
            "out.txt",
            "--max-record-bytes",
            "80000000",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}
