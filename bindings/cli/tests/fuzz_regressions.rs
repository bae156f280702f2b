//! Replays every saved fuzz input in `fuzz/regressions/<target>/` through
//! the same checks the fuzz targets run (`phimask_cli::fuzzing`), on the
//! stable toolchain, in the normal `cargo test`.
//!
//! When the fuzzer finds a crash, copy the artifact there (any file name;
//! add a line to `fuzz/regressions/README.md` saying what it broke), fix
//! the bug, and this test keeps it fixed.

use std::path::PathBuf;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for f in &files {
        let data = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f.display().to_string();
        let r = std::panic::catch_unwind(|| check(&data));
        assert!(r.is_ok(), "{target}: {name} fails again");
    }
    files.len()
}

#[test]
fn analyze_mask_regressions() {
    assert!(replay("analyze_mask", phimask_cli::fuzzing::analyze_mask) > 0);
}

#[test]
fn policy_parse_regressions() {
    assert!(replay("policy_parse", phimask_cli::fuzzing::policy_parse) > 0);
}

#[test]
fn offsets_regressions() {
    assert!(replay("offsets", phimask_cli::fuzzing::offsets) > 0);
}

#[test]
fn scrub_readers_regressions() {
    assert!(replay("scrub_readers", phimask_cli::fuzzing::scrub_readers) > 0);
}
