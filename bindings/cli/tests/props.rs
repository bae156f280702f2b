//! Property tests run in the normal `cargo test`:
//!
//! * identifiers from the corpus generator's value generators (one slot per
//!   kind of identifier), with the label a note would give them, injected
//!   at random places in random clinical prose, are always masked;
//! * analysis and masking keep their invariants on arbitrary Unicode;
//! * offsets convert and round-trip; the scrub readers round-trip records.
//!
//! The invariant checks are the same functions the fuzz targets call
//! (`phimask_cli::fuzzing`).

use std::sync::OnceLock;

use phimask::{Analyzer, Policy};
use phimask_corpora::{render_template, score, ValueFormats};
use proptest::prelude::*;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| {
        let mut p = Policy::safe_harbor();
        // The generator's notes are written around this date.
        p.reference_date = phimask::CivilDate::new(2026, 1, 15);
        phimask::builder()
            .policy(p)
            .build()
            .expect("Safe Harbor builds")
    })
}

/// Words of clinical prose that are never PHI.
const PROSE: &[&str] = &[
    "patient",
    "reports",
    "improved",
    "sleep",
    "and",
    "appetite",
    "mood",
    "is",
    "euthymic",
    "denies",
    "suicidal",
    "ideation",
    "chest",
    "pain",
    "follow",
    "up",
    "in",
    "clinic",
    "with",
    "no",
    "acute",
    "distress",
    "sertraline",
    "50",
    "mg",
    "daily",
    "BP",
    "128/82",
    "HR",
    "72",
    "PHQ-9:",
    "14",
    "the",
    "plan",
    "continue",
    "current",
    "medication",
    "therapy",
    "weekly",
    "tolerating",
    "well",
    "anxiety",
    "worse",
    "at",
    "night",
    "labs",
    "reviewed",
    "stable",
    "F33.1",
    "discussed",
    "risks",
    "benefits",
    "alternatives",
    "agrees",
    "to",
    "plan.",
    "Assessment:",
    "Plan:",
    "vitals",
    "within",
    "normal",
    "limits.",
    "-",
    "\n",
    "\n\n",
    "(",
    ")",
    "of",
    "for",
    "was",
    "seen",
    "today",
    "a",
    "45-year-old",
    "since",
    "2019",
    "last",
    "week",
    "Texas",
    "Canada",
    "lithium",
    "level",
    "0.8",
];

/// (slot, labels a note puts before it). Each slot is one family of
/// identifiers the recognizers must catch.
const SLOTS: &[(&str, &[&str])] = &[
    ("EMAIL", &["", "Email: ", "e-mail "]),
    ("PHONE", &["Phone: ", "call ", "Tel "]),
    ("FAX", &["Fax: "]),
    ("URL", &["", "Portal: "]),
    ("IP", &["IP address ", "from IP "]),
    ("SSN", &["SSN: ", "SSN "]),
    ("SSN_LAST4", &["SSN "]),
    ("MRN", &["MRN: ", "MRN "]),
    ("HEALTH_PLAN_ID", &["Member ID: "]),
    ("ACCOUNT", &["Account #: ", "Account number "]),
    ("NPI", &["NPI: "]),
    ("DEA", &["DEA: "]),
    ("LICENSE", &["License # "]),
    ("VIN", &["VIN "]),
    ("PLATE", &["license plate "]),
    ("DEVICE_ID", &["device serial "]),
    ("ID", &["Study ID: "]),
    ("DATE", &["on ", "Date of service: "]),
    ("DATE_DAY_MONTH", &["on "]),
    ("DATE_MONTH_YEAR", &["since "]),
    ("DATETIME", &["Admitted "]),
    ("DOB", &["DOB: "]),
    ("AGE_OVER_89", &["Patient is "]),
    ("PERSON", &["Patient: ", "seen with "]),
    ("DR_ANY", &["seen by "]),
    ("PT_FULL", &["Name: "]),
    ("STREET", &["lives at "]),
    ("ADDRESS", &["Address: "]),
    ("ZIP", &["ZIP "]),
    ("COUNTY", &["resident of "]),
    ("FACILITY", &["admitted to "]),
];

/// Slots whose identifiers are masked in every position today (2000
/// random cases, 2026-11-22). The rest — licence plates, lower-case and
/// initialled names, device ids, study ids — are checked by
/// `injected_identifiers_of_every_slot_are_masked`, which is ignored until
/// the recognizers catch them all (run it with
/// `cargo test -p phimask-cli --test props -- --ignored`; set
/// `PHIMASK_PROP_CASES` for more cases).
const ALWAYS_MASKED: &[&str] = &[
    "EMAIL",
    "PHONE",
    "FAX",
    "URL",
    "IP",
    "SSN",
    "SSN_LAST4",
    "MRN",
    "HEALTH_PLAN_ID",
    "ACCOUNT",
    "NPI",
    "DEA",
    "LICENSE",
    "VIN",
    "DATE",
    "DATE_DAY_MONTH",
    "DATE_MONTH_YEAR",
    "DATETIME",
    "DOB",
    "AGE_OVER_89",
    "PT_FULL",
    "STREET",
    "ADDRESS",
    "ZIP",
    "COUNTY",
    "FACILITY",
];

/// The injection property depends on the recognizers' coverage, so it runs
/// on a fixed seed (a failure is then a regression, not bad luck);
/// `PROPTEST_RNG_SEED=N` explores other cases.
fn injection_seed() -> proptest::test_runner::RngSeed {
    proptest::test_runner::RngSeed::Fixed(
        std::env::var("PROPTEST_RNG_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5afe_4a7b),
    )
}

fn prose() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PROSE), 0..25).prop_map(|w| w.join(" "))
}

/// Renders `before label{SLOT}punct after` and returns the leaks, as
/// "entity `text`" strings (the values are synthetic).
fn leaks_of(
    slot: &str,
    label: &str,
    before: &str,
    punct: &str,
    after: &str,
    seed: u64,
) -> Vec<String> {
    let template = format!("{before} {label}{{{slot}}}{punct} {after}");
    let note = render_template(&template, seed, &ValueFormats::new()).expect("renders");
    let analysis = analyzer().analyze(&note.text).expect("analyzes");
    let report = score(std::slice::from_ref(&note), &[analysis.coverage]);
    report
        .leaks
        .iter()
        .map(|l| format!("{} `{}` in {:?}", l.entity, l.text, note.text))
        .collect()
}

fn injection_case(
    slots: &'static [&'static str],
) -> impl Strategy<
    Value = (
        &'static str,
        &'static str,
        String,
        &'static str,
        String,
        u64,
    ),
> {
    let chosen: Vec<(&'static str, &'static [&'static str])> = SLOTS
        .iter()
        .copied()
        .filter(|(s, _)| slots.is_empty() || slots.contains(s))
        .collect();
    prop::sample::select(chosen).prop_flat_map(|(slot, labels)| {
        (
            Just(slot),
            prop::sample::select(labels),
            prose(),
            prop::sample::select(&[".", ",", "", ";", ")"][..]),
            prose(),
            any::<u64>(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        rng_seed: injection_seed(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn injected_identifiers_are_masked(
        (slot, label, before, punct, after, seed) in injection_case(ALWAYS_MASKED)
    ) {
        let leaks = leaks_of(slot, label, &before, punct, &after, seed);
        prop_assert!(leaks.is_empty(), "{slot}: {leaks:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn masking_keeps_its_invariants_on_arbitrary_unicode(text in "\\PC{0,120}") {
        phimask_cli::fuzzing::check_analyze_mask(&text);
    }

    #[test]
    fn masking_keeps_its_invariants_on_any_string(text in any::<String>()) {
        phimask_cli::fuzzing::check_analyze_mask(&text);
    }

    #[test]
    fn masking_keeps_its_invariants_around_identifiers(
        a in "\\PC{0,40}",
        b in "[\\PC\n]{0,40}",
        id in prop::sample::select(&[
            "SSN 123-45-6789", "Ana Núñez", "jdoe@example.com", "(212) 555-0198",
            "03/14/2024", "MRN: 00123456", "92-year-old", "😀", "\r\n",
        ][..]),
    ) {
        phimask_cli::fuzzing::check_analyze_mask(&format!("{a}{id}{b}"));
        phimask_cli::fuzzing::check_analyze_mask(&format!("{a} {id} {b}"));
    }

    #[test]
    fn an_ssn_in_unicode_prose_is_masked_one_for_one(a in "[\\PC&&[^0-9]]{0,30}", b in "[\\PC&&[^0-9]]{0,30}") {
        let text = format!("{a} SSN 123-45-6789 {b}");
        let masked = analyzer().mask(&text).expect("masks");
        prop_assert!(!masked.text.contains("6789"));
        prop_assert_eq!(masked.text.chars().count(), text.chars().count());
        prop_assert!(masked.text.contains("●●●●●●●●●●●"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn offsets_round_trip(data in prop::collection::vec(any::<u8>(), 0..300), text in "\\PC{0,40}") {
        phimask_cli::fuzzing::offsets(&data);
        let mut d = vec![u8::try_from(text.len().min(255)).unwrap_or(0)];
        d.extend_from_slice(text.as_bytes());
        d.extend_from_slice(&data);
        phimask_cli::fuzzing::offsets(&d);
    }

    #[test]
    fn scrub_readers_round_trip_bytes(data in prop::collection::vec(any::<u8>(), 0..400)) {
        phimask_cli::fuzzing::scrub_readers(&data);
    }

    #[test]
    fn scrub_readers_round_trip_json(v in json_value(), sel in any::<u8>()) {
        let line = serde_json::to_string(&serde_json::json!({"text": v, "a": [v], "n": 1})).unwrap_or_default();
        let mut d = vec![2 + 5 * (sel % 4)]; // JSONL with each field path
        d.extend_from_slice(line.as_bytes());
        d.push(b'\n');
        phimask_cli::fuzzing::scrub_readers(&d);
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "\\PC{0,20}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z*.]{0,4}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every slot, every label: the full recall property. Ignored while some
/// recognizers still miss forms; the lead runs it with `--ignored` to see
/// which.
#[test]
#[ignore = "aspirational until every recognizer catches every generated form"]
fn injected_identifiers_of_every_slot_are_masked() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: std::env::var("PHIMASK_PROP_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let failures = std::sync::Mutex::new(Vec::new());
    let _ = runner.run(
        &injection_case(&[]),
        |(slot, label, before, punct, after, seed)| {
            let leaks = leaks_of(slot, label, &before, punct, &after, seed);
            if !leaks.is_empty() {
                failures
                    .lock()
                    .expect("lock")
                    .push(format!("{slot}: {leaks:?}"));
            }
            Ok(())
        },
    );
    let failures = failures.into_inner().expect("lock");
    assert!(
        failures.is_empty(),
        "{} leaks:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
