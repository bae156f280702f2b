//! Data-driven integration tests, in one `[[test]]` binary (like regex-test):
//!
//! * `cases`: the hand-written edge cases in `corpora/cases/*.toml`, each
//!   checked against the Safe Harbor analyzer. Every failure is collected
//!   and reported together at the end. Filter with
//!   `PHIMASK_TEST=names,-slow` (terms match the family, the case name or a
//!   tag; a leading `-` excludes).
//! * `corpus`: scores `corpora/generated/sample.jsonl` and prints the
//!   per-entity table, then asserts the project's targets (unless
//!   `PHIMASK_ENFORCE_TARGETS=0`).

mod cases;
mod corpus;

use std::sync::OnceLock;

use phimask::{Analyzer, CivilDate, Policy};

/// The reference date every test is written against.
pub fn reference_date() -> CivilDate {
    CivilDate::new(2026, 11, 22).expect("valid date")
}

/// The Safe Harbor analyzer with built-in recognizers, built once.
pub fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| {
        phimask::builder()
            .policy(Policy::safe_harbor())
            .reference_date(reference_date())
            .build()
            .expect("safe harbor analyzer builds")
    })
}

/// The repository root.
pub fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
