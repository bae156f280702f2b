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

/// Issue 11.2: a header-less CSV run without --no-header. A first row that
/// looks like data (a number, long text, or an identifier the analyzer
/// finds) is refused as a header; no message ever prints a row's cells.
#[test]
fn headerless_csv_never_passes_or_echoes_row_one() {
    let d = tmp();
    let p = d.path();
    fs::write(
        p.join("n.csv"),
        "1,Patient John Smith SSN 123-45-6789\n2,Mary Jones\n",
    )
    .expect("write");
    // No digits, no long cell: only the identifier gives row 1 away.
    fs::write(
        p.join("names.csv"),
        "Smith,Patient John Smith\nJones,Mary Jones\n",
    )
    .expect("write");
    fs::write(p.join("x.csv"), "x,John Smith\n").expect("write");
    for (file, args) in [
        ("n.csv", &["--column", "2"][..]),
        ("n.csv", &["--column", "3"][..]),
        ("n.csv", &[][..]),
        ("names.csv", &["--column", "2"][..]),
        ("names.csv", &[][..]),
        ("x.csv", &[][..]),
        ("x.csv", &["--column", "nope"][..]),
    ] {
        let mut all = vec!["scrub", file];
        all.extend_from_slice(args);
        let o = run(&all, p);
        let (out, err) = (text(&o.stdout), text(&o.stderr));
        assert_eq!(o.status.code(), Some(2), "{all:?}: {out} {err}");
        for cell in ["John", "Smith", "123-45-6789", "Mary"] {
            assert!(!out.contains(cell), "{all:?} wrote {cell}: {out}");
            assert!(!err.contains(cell), "{all:?} printed {cell}: {err}");
        }
    }
    // An unknown column: the message counts the header's cells, never
    // prints them (a header taken for one may be data).
    fs::write(p.join("ok.csv"), "id,remarks\n1,x\n").expect("write");
    let o = run(&["scrub", "ok.csv", "--column", "nope"], p);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("`nope`") && err.contains("2 column") && !err.contains("remarks"),
        "{err}"
    );
    // With --no-header row 1 is scrubbed like the others.
    let o = run(&["scrub", "names.csv", "--no-header", "--column", "2"], p);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.starts_with("Smith,Patient ") && !out.contains("John") && !out.contains("Mary"),
        "{out}"
    );
    // Ordinary headers are still headers.
    fs::write(
        p.join("h.csv"),
        "patient_id,First Name,Last Name,DOB,SSN,Address,City,State,ZIP,Phone,Email,MRN,\
         Attending Physician,Facility,Admission Date,note\n7,Ann,Lee,1/2/1960,x,x,x,x,x,x,x,x,\
         x,x,x,Seen by Dr. Okonkwo\n",
    )
    .expect("write");
    let o = run(&["scrub", "h.csv", "--column", "note"], p);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("patient_id,First Name,"));
    assert!(!text(&o.stdout).contains("Okonkwo"));
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

/// Issue 11.4: a JSON array read as JSON Lines is refused even with
/// --allow-missing (as a .json document it is scrubbed per element), and a
/// run that scrubbed no text while records went through is an error.
#[test]
fn json_arrays_and_zero_texts_fail() {
    let d = tmp();
    fs::write(d.path().join("a.json"), "[{\"text\":\"John Smith\"}]\n").expect("write");
    let o = run(
        &[
            "scrub",
            "a.json",
            "--format",
            "jsonl",
            "--allow-missing",
            "-o",
            "out.json",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("--format json"),
        "{}",
        text(&o.stderr)
    );
    assert!(!d.path().join("out.json").exists());
    let o = run(
        &["scrub", "-q", "a.json", "--allow-missing", "-o", "out.json"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = fs::read_to_string(d.path().join("out.json")).expect("read");
    assert!(
        out.starts_with("[{\"text\":\"") && !out.contains("John"),
        "{out}"
    );
    fs::write(d.path().join("b.jsonl"), "{\"note\":\"John Smith\"}\n").expect("write");
    let o = run(
        &["scrub", "b.jsonl", "--allow-missing", "-o", "out.jsonl"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(!d.path().join("out.jsonl").exists());
}

/// Issue 11.4: on standard output too, a file whose records went through
/// with no text scrubbed writes none of them (they are held back until a
/// text is scrubbed), and a file that does scrub writes everything.
#[test]
fn zero_text_runs_write_nothing_to_stdout() {
    let d = tmp();
    let p = d.path();
    for (args, input) in [
        (
            &["scrub", "--field", "text", "--allow-missing"][..],
            &b"{\"note\":\"John Smith\"}\n{\"note\":\"Mary Jones\"}\n"[..],
        ),
        (
            &["scrub", "--field", "mrn"][..],
            &b"{\"mrn\":null,\"x\":\"John Smith\"}\n"[..],
        ),
        (
            &[
                "scrub",
                "--format",
                "json",
                "--field",
                "s.*.text",
                "--allow-missing",
            ][..],
            &b"[{\"s\":[{\"note\":\"John Smith\"}]}]"[..],
        ),
    ] {
        let o = run_stdin(args, p, input);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(
            !out.contains("John") && !out.contains("Mary"),
            "{args:?}: {out}"
        );
    }
    // Records without the field before the first one with it: all written.
    let o = run_stdin(
        &["scrub", "-q", "--field", "text", "--allow-missing"],
        p,
        b"{\"note\":\"a\"}\n{\"note\":\"b\"}\n{\"text\":\"SSN 123-45-6789\"}\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.starts_with("{\"note\":\"a\"}\n{\"note\":\"b\"}\n{\"text\":\"SSN ")
            && !out.contains("6789"),
        "{out}"
    );
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
    // The message names the field at fault and the type it expects.
    for (doc, field, want) in [
        (
            "[recognizers]\ndisable = \"Maria Lopez 123-45-6789\"\n",
            "recognizers.disable",
            "expected a sequence",
        ),
        (
            "score_threshold = 0.5\n\n[allow]\ncase_sensitive = true\nvalues = \"Maria Lopez\"\n",
            "allow.values",
            "expected a sequence",
        ),
        (
            "[allow]\nvalues = [\n  \"a\",\n  123456789,\n]\n",
            "allow.values",
            "expected a string",
        ),
        (
            "{\"allow\": {\"values\": \"Maria Lopez 123-45-6789\"}}",
            "allow.values",
            "expected a sequence",
        ),
        (
            "{\"score_threshold\": 0.5, \"recognizers\": {\"disable\": [\"person\", 123456789]}}",
            "recognizers.disable[1]",
            "expected a string",
        ),
    ] {
        let name = if doc.starts_with('{') {
            "q.json"
        } else {
            "q.toml"
        };
        fs::write(d.path().join(name), doc).expect("write");
        let o = run_stdin(&["scrub", "--policy", name], d.path(), b"hello\n");
        assert_eq!(o.status.code(), Some(2));
        let e = text(&o.stderr);
        assert!(
            e.contains(&format!("`{field}`")) && e.contains(want),
            "{doc}: {e}"
        );
        assert!(!e.contains("Maria") && !e.contains("6789"), "{e}");
    }
}

/// Issue 11.6: templates without slots test nothing and fail the gate.
#[test]
fn check_with_slotless_templates_fails() {
    let d = tmp();
    fs::write(d.path().join("t.txt"), "Nothing to see here.\n").expect("write");
    // Only keep slots (ages under 90, years): still no identifier.
    fs::write(d.path().join("k.txt"), "Age {AGE}, seen in {YEAR}.\n").expect("write");
    for t in ["t.txt", "k.txt"] {
        let o = run(&["check", "--templates", t, "-n", "5"], d.path());
        assert_eq!(o.status.code(), Some(1), "{t}: {}", text(&o.stdout));
        assert!(text(&o.stdout).contains("no identifiers were injected"));
        let o = run(
            &["check", "--templates", t, "-n", "5", "--format", "json"],
            d.path(),
        );
        assert_eq!(o.status.code(), Some(1), "{t}: {}", text(&o.stdout));
    }
}

/// Issue 11.9: links in a walk are not followed (one out of the tree, a
/// broken one, a loop): each stops the run, or with skip is one counted,
/// skipped item; --follow-links follows them, and a broken link or a loop
/// is then one skipped item, not the end of the run.
#[cfg(unix)]
#[test]
fn directory_walks_do_not_follow_links() {
    let d = tmp();
    let outside = d.path().join("secret.txt");
    fs::write(&outside, "Patient John Smith\n").expect("write");
    let tree = d.path().join("tree");
    fs::create_dir_all(tree.join("sub")).expect("mkdir");
    fs::write(tree.join("a.txt"), "hello\n").expect("write");
    std::os::unix::fs::symlink(&outside, tree.join("link.txt")).expect("link");
    std::os::unix::fs::symlink(d.path().join("nope"), tree.join("broken.txt")).expect("link");
    std::os::unix::fs::symlink("..", tree.join("sub/loop")).expect("link");
    let read_all = |dir: &std::path::Path| -> String {
        let mut all = String::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(p) = stack.pop() {
            for e in fs::read_dir(&p).into_iter().flatten().flatten() {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    all.push_str(&fs::read_to_string(&path).unwrap_or_default());
                }
            }
        }
        all
    };
    let o = run(&["scrub", "tree", "-o", "out"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(!read_all(&d.path().join("out")).contains("Patient"));
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
    assert!(!read_all(&d.path().join("out2")).contains("Patient"));
    let r: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.path().join("r.json")).expect("report"))
            .expect("json");
    assert_eq!(r["files_skipped"], 3, "{r}");
    assert_eq!(r["files"], 1, "{r}");

    // Asked to follow: the outside file is scrubbed (masked), the broken
    // link and the loop are skipped and counted.
    let o = run(
        &[
            "scrub",
            "tree",
            "-o",
            "out3",
            "--follow-links",
            "--on-error",
            "skip",
            "--report",
            "r3.json",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let linked = fs::read_to_string(d.path().join("out3/link.txt")).expect("followed");
    assert!(
        linked.starts_with("Patient ") && !linked.contains("John"),
        "{linked}"
    );
    let r: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.path().join("r3.json")).expect("report"))
            .expect("json");
    assert_eq!(r["files_skipped"], 2, "{r}");
    let o = run(&["scrub", "tree", "-o", "out4", "--follow-links"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
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

/// Issue 11.11: the limit's message names --max-record-bytes and the
/// policy's max_input_bytes; without --max-record-bytes the policy's limit
/// is the scrub's (it was silently raised to 64 MiB), with it the policy's
/// limit is raised.
#[test]
fn record_limit_follows_and_names_the_policy_setting() {
    let d = tmp();
    fs::write(d.path().join("small.toml"), "max_input_bytes = 1000\n").expect("write");
    let note = "Patient John Smith was seen today. ".repeat(60);
    let o = run_stdin(
        &["scrub", "--policy", "small.toml"],
        d.path(),
        note.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let e = text(&o.stderr);
    assert!(
        e.contains("--max-record-bytes") && e.contains("max_input_bytes") && e.contains("1000"),
        "{e}"
    );
    assert!(
        !e.contains("John") && !text(&o.stdout).contains("John"),
        "{e}"
    );
    let o = run_stdin(
        &[
            "scrub",
            "-q",
            "--policy",
            "small.toml",
            "--max-record-bytes",
            "4000",
        ],
        d.path(),
        note.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(!text(&o.stdout).contains("John"));
}

/// Issue 11.7: a policy that masks nothing says so on every command that
/// analyses or masks, and the default policy does not.
#[test]
fn policies_that_mask_nothing_warn_everywhere() {
    let d = tmp();
    fs::write(
        d.path().join("off.toml"),
        "[recognizers]\nbuiltin = false\n",
    )
    .expect("write");
    fs::write(
        d.path().join("keep.toml"),
        "[operators]\ndefault = { type = \"keep\" }\n",
    )
    .expect("write");
    let sample = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../corpora/generated/sample.jsonl"
    ))
    .expect("the committed sample corpus");
    let first = sample.lines().next().expect("a note");
    fs::write(d.path().join("c.jsonl"), format!("{first}\n")).expect("write");
    for (policy, words) in [
        ("off.toml", "every recognizer off"),
        ("keep.toml", "default operator is `keep`"),
    ] {
        let runs: [&[&str]; 6] = [
            &["scrub", "-q", "--policy", policy],
            &["eval", "c.jsonl", "--policy", policy],
            &["analyze", "--text", "John Smith", "--policy", policy],
            &["check", "-n", "2", "--policy", policy],
            &["policy", "--policy", policy],
            &["recognizers", "--policy", policy],
        ];
        for args in runs {
            let o = run_stdin(args, d.path(), b"Patient John Smith\n");
            let e = text(&o.stderr);
            assert!(e.contains("warning") && e.contains(words), "{args:?}: {e}");
        }
    }
    let o = run_stdin(&["scrub", "-q"], d.path(), b"Patient John Smith\n");
    assert!(!text(&o.stderr).contains("warning"), "{}", text(&o.stderr));
    // The summary does not count kept detections as masked characters.
    let o = run_stdin(
        &["scrub", "--policy", "keep.toml"],
        d.path(),
        b"Patient John Smith\n",
    );
    let e = text(&o.stderr);
    assert!(e.contains("detections: 1 (0 characters masked)"), "{e}");
}

/// Issue 11.7: `recognizers` lists every id with its entities and state;
/// `policy --effective` prints every default; an unknown id lists the ids.
#[test]
fn recognizers_and_effective_policy_are_listed() {
    let d = tmp();
    fs::write(
        d.path().join("p.toml"),
        "[recognizers]\ndisable = [\"person\"]\n[[recognizers.patterns]]\nid = \"acme_mrn\"\n\
         entity = \"MEDICAL_RECORD_NUMBER\"\npatterns = [{ name = \"a\", regex = 'AC-\\d{6}', score = 0.9 }]\n",
    )
    .expect("write");
    let o = run(&["recognizers", "--json", "--policy", "p.toml"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    let row = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no row {id}"))
            .clone()
    };
    assert_eq!(row("person")["on"], false);
    assert_eq!(row("person")["entities"], serde_json::json!(["PERSON"]));
    assert_eq!(row("us_ssn")["on"], true);
    assert_eq!(row("acme_mrn")["on"], true);
    assert_eq!(
        row("acme_mrn")["entities"],
        serde_json::json!(["MEDICAL_RECORD_NUMBER"])
    );
    assert!(rows.len() > 20, "{}", rows.len());
    assert!(rows
        .iter()
        .all(|r| r["entities"].as_array().is_some_and(|e| !e.is_empty())));
    let o = run(&["recognizers"], d.path());
    let out = text(&o.stdout);
    assert!(
        out.lines()
            .any(|l| l.starts_with("email ") && l.contains(" on ") && l.contains("EMAIL_ADDRESS")),
        "{out}"
    );

    let o = run(&["policy", "--effective", "--threshold", "0.7"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let doc = text(&o.stdout);
    for want in [
        "score_threshold = 0.7",
        "max_input_bytes = 67108864",
        "age_limit = 90",
        "# Recognizers on",
    ] {
        assert!(doc.contains(want), "{want}: {doc}");
    }
    fs::write(d.path().join("eff.toml"), &doc).expect("write");
    let o = run(&["policy", "--policy", "eff.toml"], d.path());
    assert_eq!(
        o.status.code(),
        Some(0),
        "the effective policy reads back: {}",
        text(&o.stderr)
    );

    fs::write(
        d.path().join("bad.toml"),
        "[recognizers]\ndisable = [\"persn\"]\n",
    )
    .expect("write");
    let o = run(&["recognizers", "--policy", "bad.toml"], d.path());
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(
        e.contains("persn") && e.contains("person") && e.contains("us_ssn"),
        "{e}"
    );
}

/// Spawns a scrub of a large file, waits for its temporary file, sends
/// `sig`, and checks that it exits non-zero leaving no temporary file.
#[cfg(unix)]
fn interrupt_scrub(sig: &str, code: i32) {
    use std::time::{Duration, Instant};
    let d = tmp();
    let mut big = String::new();
    for i in 0..40_000 {
        big.push_str(&format!(
            "{{\"i\":{i},\"text\":\"Patient John Smith, SSN 123-45-6789, seen 03/14/2024 by Dr. Okonkwo at 12 Main Street.\"}}\n"
        ));
    }
    fs::write(d.path().join("big.jsonl"), &big).expect("write");
    let mut child = std::process::Command::new(common::BIN)
        .args([
            "scrub",
            "-q",
            "big.jsonl",
            "-o",
            "out.jsonl",
            "--threads",
            "1",
        ])
        .current_dir(d.path())
        .stdin(std::process::Stdio::null())
        .spawn()
        .expect("starts");
    let temps = || -> Vec<String> {
        fs::read_dir(d.path())
            .expect("ls")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".phimask-") && n.ends_with(".tmp"))
            .collect()
    };
    let start = Instant::now();
    while temps().is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary file appeared"
        );
        assert!(
            child.try_wait().expect("wait").is_none(),
            "scrub ended before the signal"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid = child.id().to_string();
    // The shell's built-in kill: no procps needed on a fresh machine.
    let k = std::process::Command::new("sh")
        .args(["-c", &format!("kill {sig} {pid}")])
        .status()
        .expect("sh runs");
    assert!(k.success());
    let status = child.wait().expect("wait");
    assert!(!status.success(), "{status:?}");
    assert_eq!(status.code(), Some(code), "{status:?}");
    assert!(temps().is_empty(), "left behind: {:?}", temps());
    assert!(!d.path().join("out.jsonl").exists());
}

/// Issue 11.8: SIGTERM and SIGINT during a scrub remove the temporary file.
#[cfg(unix)]
#[test]
fn interrupted_scrub_leaves_no_temporary_file() {
    interrupt_scrub("-TERM", 143);
    interrupt_scrub("-INT", 130);
}

#[cfg(unix)]
fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

/// Issue 11.10: new files get 0666 & !umask, overwriting keeps the mode,
/// a link is written through, a missing directory needs --create-dirs.
#[cfg(unix)]
#[test]
fn output_files_get_conventional_modes() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmp();
    let p = d.path();
    fs::write(p.join("n.txt"), "Patient John Smith\n").expect("write");
    // What this process's umask gives a new file (open(2) with 0666).
    fs::write(p.join("probe"), "").expect("write");
    let want = mode(&p.join("probe"));
    let o = run(
        &[
            "scrub", "-q", "n.txt", "-o", "new.txt", "--report", "r.json",
        ],
        p,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(mode(&p.join("new.txt")), want);
    assert_eq!(mode(&p.join("r.json")), want);

    fs::write(p.join("old.txt"), "x").expect("write");
    fs::set_permissions(p.join("old.txt"), fs::Permissions::from_mode(0o640)).expect("chmod");
    let o = run(&["scrub", "-q", "n.txt", "-o", "old.txt"], p);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(mode(&p.join("old.txt")), 0o640);
    assert!(!text(&fs::read(p.join("old.txt")).expect("read")).contains("John"));

    fs::write(p.join("target.txt"), "x").expect("write");
    std::os::unix::fs::symlink("target.txt", p.join("link.txt")).expect("link");
    let o = run(&["scrub", "-q", "n.txt", "-o", "link.txt"], p);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(fs::symlink_metadata(p.join("link.txt"))
        .expect("meta")
        .file_type()
        .is_symlink());
    let t = text(&fs::read(p.join("target.txt")).expect("read"));
    assert!(t.contains("Patient") && !t.contains("John"), "{t}");

    std::os::unix::fs::symlink("nowhere.txt", p.join("broken.txt")).expect("link");
    let o = run(&["scrub", "-q", "n.txt", "-o", "broken.txt"], p);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("broken symbolic link"),
        "{}",
        text(&o.stderr)
    );
    assert!(!p.join("nowhere.txt").exists());

    for args in [
        &["scrub", "n.txt", "-o", "missing/out.txt"][..],
        &["scrub", "n.txt", "-o", "missing/deeper/"][..],
    ] {
        let o = run(args, p);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            text(&o.stderr).contains("--create-dirs"),
            "{}",
            text(&o.stderr)
        );
        assert!(!p.join("missing").exists());
    }
    let o = run(
        &[
            "scrub",
            "-q",
            "n.txt",
            "-o",
            "missing/out.txt",
            "--create-dirs",
        ],
        p,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(p.join("missing/out.txt").exists());
}

/// Issue 11.4: JSON documents (an array of records, or one object) are a
/// format; elements lacking a field, or a `*` path missing in some
/// elements, are errors unless --allow-missing (then counted and warned).
#[test]
fn json_documents_are_scrubbed_per_record() {
    let d = tmp();
    let p = d.path();
    let doc = "[\n  {\"id\": 1, \"text\": \"Patient John Smith, SSN 123-45-6789\"},\n  {\"id\": 2.50, \"text\": \"Mail jane.doe@example.com\"}\n]\n";
    fs::write(p.join("a.json"), doc).expect("write");
    let o = run(&["scrub", "-q", "a.json", "-o", "out.json"], p);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = fs::read_to_string(p.join("out.json")).expect("read");
    assert!(
        !out.contains("123-45-6789") && !out.contains("jane.doe"),
        "{out}"
    );
    assert!(
        out.starts_with("[\n  {\"id\": 1, \"text\": \"Patient ") && out.contains("{\"id\": 2.50, "),
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(2));

    let o = run_stdin(
        &["scrub", "--format", "json"],
        p,
        b"{\"text\": \"John Smith\", \"n\": 1}",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(!text(&o.stdout).contains("John"), "{}", text(&o.stdout));

    // An element without the field.
    fs::write(
        p.join("b.json"),
        "[{\"text\": \"John Smith\"}, {\"note\": \"Mary Jones\"}]",
    )
    .expect("write");
    let o = run(&["scrub", "b.json"], p);
    assert_eq!(o.status.code(), Some(2));
    assert!(!text(&o.stdout).contains("Mary"));
    let o = run(
        &["scrub", "b.json", "--allow-missing", "--report", "r.json"],
        p,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("warning: 1 record(s)"),
        "{}",
        text(&o.stderr)
    );
    let r: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(p.join("r.json")).expect("report")).expect("json");
    assert_eq!(r["missing_fields"], 1);

    // A wildcard path that skips an element.
    let line = b"{\"s\": [{\"text\": \"John Smith\"}, {\"title\": \"x\"}]}\n";
    let o = run_stdin(&["scrub", "--field", "s.*.text"], p, line);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("lack the rest of the path"));
    let o = run_stdin(
        &["scrub", "--field", "s.*.text", "--allow-missing"],
        p,
        line,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stderr).contains("warning: 1 record(s) or element(s)"));
    assert!(!text(&o.stdout).contains("John"));

    // Records went through, no text scrubbed: an error.
    fs::write(p.join("c.json"), "[{\"note\": \"Mary Jones\"}]").expect("write");
    let o = run(
        &["scrub", "c.json", "--allow-missing", "-o", "c.out.json"],
        p,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(!p.join("c.out.json").exists());

    // Not one document: JSON Lines in a .json file, trailing bytes.
    for bad in [
        "{\"text\": \"a\"}\n{\"text\": \"b\"}\n",
        "[{\"text\": \"a\"}] x",
        "[{\"text\": \"a\"},]",
        "\"text\"",
    ] {
        fs::write(p.join("d.json"), bad).expect("write");
        let o = run(&["scrub", "d.json", "-o", "d.out.json"], p);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(!p.join("d.out.json").exists());
    }
    // An empty array is fine.
    fs::write(p.join("e.json"), "[]\n").expect("write");
    let o = run(&["scrub", "-q", "e.json"], p);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "[]\n");
}

/// Messages agree with behaviour: analyze reads every format it lists, and
/// the summary uses MiB like the progress bar.
#[test]
fn analyze_reads_csv_and_units_are_mib() {
    let d = tmp();
    fs::write(d.path().join("v.csv"), "id,note\n1,SSN 123-45-6789\n").expect("write");
    let o = run(&["analyze", "v.csv", "--column", "note"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("US_SSN"), "{}", text(&o.stdout));
    let o = run(&["analyze", "--help"], d.path());
    assert!(text(&o.stdout).contains("csv"));
    let o = run_stdin(&["scrub"], d.path(), b"hello\n");
    let e = text(&o.stderr);
    assert!(
        e.contains("MiB/s") && !e.contains(" MB/s") && !e.contains(" KB "),
        "{e}"
    );
}

/// The run's pool reads ahead: a file completed before a bad record in the
/// next file is still written, the file with the bad record is not, and
/// records left out of a JSON document keep it valid JSON.
#[test]
fn read_ahead_keeps_stop_and_skip_semantics() {
    let d = tmp();
    let p = d.path();
    fs::create_dir(p.join("in")).expect("mkdir");
    let mut good = String::new();
    for i in 0..50 {
        good.push_str(&format!("{{\"i\":{i},\"text\":\"SSN 123-45-6789\"}}\n"));
    }
    fs::write(p.join("in/a.jsonl"), &good).expect("write");
    // With chunks of 7 records, a.jsonl ends in chunk 7 (with b's first 6
    // records) and b's bad line 8 is read with chunk 8: read ahead while
    // chunk 7, which completes a.jsonl, is not yet written.
    let first7: String = good.lines().take(7).map(|l| format!("{l}\n")).collect();
    fs::write(
        p.join("in/b.jsonl"),
        format!("{first7}{{\"text\": oops}}\n{good}"),
    )
    .expect("write");
    let o = run(
        &[
            "scrub",
            "-q",
            "in",
            "-o",
            "out",
            "--chunk-records",
            "7",
            "--threads",
            "2",
        ],
        p,
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert_eq!(
        fs::read_to_string(p.join("out/a.jsonl"))
            .expect("a written")
            .lines()
            .count(),
        50
    );
    assert!(!p.join("out/b.jsonl").exists());

    for (doc, want) in [
        (
            "[{\"text\": \"a\"}, {\"text\": 5}, {\"text\": \"b\"}]",
            serde_json::json!([{"text": "a"}, {"text": "b"}]),
        ),
        (
            "[\n {\"text\": 1},\n {\"text\": \"b\"}\n]",
            serde_json::json!([{"text": "b"}]),
        ),
    ] {
        fs::write(p.join("s.json"), doc).expect("write");
        let o = run(&["scrub", "-q", "s.json", "--on-error", "skip"], p);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
        assert_eq!(v, want);
    }
}

/// With --on-error skip, a file whose rest cannot be read (an unclosed
/// JSON array) is skipped whole: no truncated output file is written.
#[test]
fn a_file_read_only_in_part_is_not_written() {
    let d = tmp();
    let p = d.path();
    fs::write(
        p.join("u.json"),
        "[{\"text\": \"John Smith\"}, {\"text\": \"b\"}",
    )
    .expect("write");
    let o = run(
        &[
            "scrub",
            "u.json",
            "-o",
            "out.json",
            "--on-error",
            "skip",
            "--report",
            "r.json",
        ],
        p,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("its output was not written"),
        "{}",
        text(&o.stderr)
    );
    assert!(!p.join("out.json").exists());
    let r: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(p.join("r.json")).expect("report")).expect("json");
    assert_eq!(r["files_skipped"], 1, "{r}");
    assert_eq!(r["files"], 0, "{r}");
}
