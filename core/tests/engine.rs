//! Engine behaviour pinned by tests: building, sharing, failing closed,
//! policies, context, scoping, resolution and operators.
#![allow(
    clippy::field_reassign_with_default,
    reason = "tests tweak one policy field at a time"
)]

use std::sync::Arc;

use phimask_core::document::Document;
use phimask_core::*;

fn ssn() -> PatternRecognizer {
    PatternRecognizer::builder("ssn", Entity::UsSsn)
        .pattern("dashed", r"\b\d{3}-\d{2}-\d{4}\b", 0.6)
        .context(["ssn", "social security"])
        .build()
        .expect("builds")
}

fn names() -> DictionaryRecognizer {
    DictionaryRecognizer::builder("names", Entity::Person)
        .terms(["John Smith", "Ana Núñez", "Smith"])
        .score(0.9)
        .build()
        .expect("builds")
}

#[test]
fn debug_output_never_shows_matched_text() -> Result<(), Error> {
    let analyzer = Analyzer::builder()
        .add_recognizer(ssn())
        .add_recognizer(names())
        .build()?;
    let text = "SSN 123-45-6789 for Ana Núñez";
    let analysis = analyzer.analyze(text)?;
    assert_eq!(analysis.detections.len(), 2);
    let dbg = format!("{analysis:?} {:?} {analyzer:?}", analysis.detections[0]);
    for secret in ["123", "6789", "Núñez", "Ana N"] {
        assert!(!dbg.contains(secret), "Debug leaked {secret}: {dbg}");
    }
    let shown = format!("{}", analysis.detections[0]);
    assert!(!shown.contains("6789"));
    let masked = analyzer.mask(text)?;
    assert!(!format!("{masked:?}").contains("Núñez") || masked.text.contains("Núñez"));
    Ok(())
}

#[test]
fn fifty_custom_patterns_built_once_shared_by_threads() -> Result<(), Error> {
    let mut b = Analyzer::builder();
    for i in 0..50 {
        b.add_recognizer(
            PatternRecognizer::builder(format!("custom_{i}"), Entity::IdNumber)
                .pattern(format!("p{i}"), format!(r"\bID{i:02}-\d{{4}}\b"), 0.9)
                .build()?,
        );
    }
    let analyzer = b.build()?;
    let text: String = (0..50).map(|i| format!("x ID{i:02}-1234 y ")).collect();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let a = analyzer.clone();
            let t = text.clone();
            std::thread::spawn(move || a.analyze(&t).map(|r| r.detections.len()))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().expect("thread"), Ok(50));
    }
    Ok(())
}

#[test]
fn backtrack_overrun_is_an_error_not_a_skip() -> Result<(), Error> {
    let r = PatternRecognizer::builder("lookaround", Entity::IdNumber)
        .pattern("evil", r"(?:(a)\1?)+b", 0.9)
        .backtrack_limit(1_000)
        .build()?;
    assert!(r.patterns()[0].is_fancy());
    let analyzer = Analyzer::builder().add_recognizer(r).build()?;
    let text = "a".repeat(40) + "c";
    let err = analyzer.analyze(&text).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::BacktrackLimit { recognizer, .. } if recognizer == "lookaround")
    );
    assert!(analyzer.mask(&text).is_err(), "mask must fail closed");
    Ok(())
}

#[test]
fn look_around_patterns_work() -> Result<(), Error> {
    let r = PatternRecognizer::builder("la", Entity::IdNumber)
        .pattern("after-label", r"(?<=Badge )\d{5}", 0.9)
        .build()?;
    let analyzer = Analyzer::builder().add_recognizer(r).build()?;
    let a = analyzer.analyze("Badge 12345, room 54321")?;
    assert_eq!(a.detections.len(), 1);
    assert_eq!(a.detections[0].span, Span::new(6, 11));
    Ok(())
}

#[test]
fn invalid_pattern_names_the_pattern() {
    let err = PatternRecognizer::builder("bad", Entity::IdNumber)
        .pattern("ok", r"\d+", 0.5)
        .pattern("broken", r"(\d+", 0.5)
        .build()
        .unwrap_err();
    match err.kind() {
        ErrorKind::InvalidPattern {
            recognizer,
            index,
            name,
            ..
        } => {
            assert_eq!(
                (recognizer.as_str(), *index, name.as_str()),
                ("bad", 1, "broken")
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn policy_with_misspelt_field_is_refused_with_its_name() {
    let err = Policy::from_toml("[context]\nbost = 0.2\n").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidPolicy { .. }));
    assert!(err.to_string().contains("bost"), "{err}");
    let err = Policy::from_json(r#"{"recognizers": {"disabled": ["x"]}}"#).unwrap_err();
    assert!(err.to_string().contains("disabled"), "{err}");
}

#[test]
fn unknown_recognizer_to_disable_is_refused() {
    let mut p = Policy::default();
    p.recognizers.disable = vec!["nope".into()];
    let err = Analyzer::builder()
        .policy(p)
        .add_recognizer(ssn())
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("nope"));
}

#[test]
fn policy_custom_patterns_and_deny_lists() -> Result<(), Error> {
    let policy = Policy::from_toml(
        r#"
[[recognizers.patterns]]
id = "acme_mrn"
entity = "MEDICAL_RECORD_NUMBER"
context = ["mrn"]
patterns = [{ name = "acme", regex = 'AC-(?P<phi>\d{6})', score = 0.3 }]

[[recognizers.deny_lists]]
id = "staff"
entity = "PERSON"
terms = ["Okonkwo"]

[allow]
values = ["AC-999999"]
"#,
    )?;
    let analyzer = Analyzer::builder().policy(policy).build()?;
    let text = "MRN AC-123456 seen by Dr. OKONKWO; AC-654321 alone";
    let masked = analyzer.mask(text)?;
    assert_eq!(
        masked.text,
        "MRN AC-●●●●●● seen by Dr. ●●●●●●●; AC-654321 alone"
    );
    Ok(())
}

#[test]
fn context_is_whole_word() -> Result<(), Error> {
    let lic = PatternRecognizer::builder("lic", Entity::LicenseNumber)
        .pattern("digits", r"\b\d{6}\b", 0.3)
        .context(["lic"])
        .build()?;
    let analyzer = Analyzer::builder().add_recognizer(lic).build()?;
    assert!(analyzer.analyze("public 123456")?.detections.is_empty());
    let a = analyzer.analyze("Lic. 123456")?;
    assert_eq!(a.detections.len(), 1);
    let e = &a.detections[0].explanation;
    assert_eq!(e.context_word.as_deref(), Some("lic"));
    assert!((e.base_score - 0.3).abs() < 1e-6 && e.context_boost > 0.0);
    Ok(())
}

#[test]
fn overlaps_resolve_to_one_answer_but_mask_covers_the_union() -> Result<(), Error> {
    let a = PatternRecognizer::builder("wide", Entity::IdNumber)
        .pattern("w", r"AB-\d{4}", 0.6)
        .build()?;
    let b = PatternRecognizer::builder("narrow", Entity::AccountNumber)
        .pattern("n", r"\d{4}-Z", 0.9)
        .build()?;
    let analyzer = Analyzer::builder()
        .add_recognizer(a)
        .add_recognizer(b)
        .build()?;
    let text = "x AB-1234-Z y";
    let r = analyzer.analyze(text)?;
    assert_eq!(r.detections.len(), 1);
    assert_eq!(r.detections[0].entity, Entity::AccountNumber);
    assert_eq!(r.coverage, vec![Span::new(2, 11)]);
    assert_eq!(analyzer.mask(text)?.text, "x ●●●●●●●●● y");

    let mut p = Policy::default();
    p.overlap = Some(Overlap::Longest);
    let a2 = PatternRecognizer::builder("wide", Entity::IdNumber)
        .pattern("w", r"AB-\d{4}-Z", 0.6)
        .build()?;
    let b2 = PatternRecognizer::builder("narrow", Entity::AccountNumber)
        .pattern("n", r"\d{4}", 0.9)
        .build()?;
    let analyzer = Analyzer::builder()
        .policy(p)
        .add_recognizer(a2)
        .add_recognizer(b2)
        .build()?;
    let r = analyzer.analyze(text)?;
    assert_eq!(r.detections[0].entity, Entity::IdNumber);
    Ok(())
}

#[derive(Debug)]
struct Ages;
impl Recognizer for Ages {
    fn id(&self) -> &str {
        "ages"
    }
    fn entities(&self) -> &[Entity] {
        &[Entity::Age]
    }
    fn recognize(
        &self,
        doc: &Document<'_>,
        _: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        for (i, _) in text.match_indices("-year-old") {
            let start = text[..i].rfind(' ').map_or(0, |s| s + 1);
            let years: u32 = text[start..i].parse().unwrap_or(0);
            out.push(
                Candidate::new(Span::new(start, i + 9), Entity::Age, 0.9)
                    .with_facts(Facts::Age { years }),
            );
        }
        Ok(())
    }
}

#[test]
fn scope_keeps_with_a_named_reason_and_strict_masks() -> Result<(), Error> {
    let text = "a 45-year-old and a 92-year-old";
    let analyzer = Analyzer::builder().add_recognizer(Ages).build()?;
    let r = analyzer.analyze(text)?;
    assert_eq!(r.detections.len(), 1);
    assert_eq!(r.detections[0].span.text(text), Some("92-year-old"));
    assert_eq!(r.kept.len(), 1);
    assert_eq!(r.kept[0].reason, KeepReason::Rule("age_under_90".into()));
    let strict = Analyzer::builder()
        .policy(Policy::strict())
        .add_recognizer(Ages)
        .build()?;
    assert_eq!(strict.analyze(text)?.detections.len(), 2);
    Ok(())
}

#[test]
fn year_rule_masks_birth_years_revealing_ninety() -> Result<(), Error> {
    #[derive(Debug)]
    struct Years;
    impl Recognizer for Years {
        fn id(&self) -> &str {
            "years"
        }
        fn entities(&self) -> &[Entity] {
            &[Entity::DateTime]
        }
        fn recognize(
            &self,
            doc: &Document<'_>,
            _: &Context<'_>,
            out: &mut Vec<Candidate>,
        ) -> Result<(), Error> {
            let text = doc.text();
            for (i, y) in text.match_indices("19") {
                let year: i32 = text[i..i + 4].parse().unwrap_or(0);
                let birth = text[..i].ends_with("born in ");
                let mut d = DateFacts::new(DateKind::Year);
                d.year = Some(year);
                d.birth = birth;
                let _ = y;
                out.push(
                    Candidate::new(Span::new(i, i + 4), Entity::DateTime, 0.8)
                        .with_facts(Facts::Date(d)),
                );
            }
            Ok(())
        }
    }
    let analyzer = Analyzer::builder()
        .add_recognizer(Years)
        .reference_date(CivilDate::new(2026, 11, 22).expect("date"))
        .build()?;
    let text = "born in 1931; moved in 1935; born in 1950";
    let masked = analyzer.mask(text)?;
    assert_eq!(masked.text, "born in ●●●●; moved in 1935; born in 1950");
    Ok(())
}

#[test]
fn operators() -> Result<(), Error> {
    let text = "Smith called 123-45-6789 and Smith again";
    let build = |op: Operator| {
        let mut p = Policy::default();
        p.operators.default = Some(op);
        Analyzer::builder()
            .policy(p)
            .add_recognizer(ssn())
            .add_recognizer(names())
            .hash_key(b"0123456789abcdef".to_vec())
            .build()
    };
    let tag = build(Operator::Replace { value: None })?.mask(text)?;
    assert_eq!(tag.text, "<PERSON> called <US_SSN> and <PERSON> again");
    assert_eq!(tag.items[1].output.text(&tag.text), Some("<US_SSN>"));
    let red = build(Operator::Redact)?.mask(text)?;
    assert_eq!(red.text, " called  and  again");
    let keep = build(Operator::Keep)?.mask(text)?;
    assert_eq!(keep.text, text);
    let ph = build(Operator::Placeholder { format: None })?.mask(text)?;
    assert_eq!(ph.text, "[PERSON_1] called [US_SSN_1] and [PERSON_1] again");
    assert_eq!(ph.mapping.restore(&ph.text), text);
    let h = build(Operator::Hash { length: Some(12) })?.mask(text)?;
    let first = &h.text[h.items[0].output.range()];
    let last = &h.text[h.items[2].output.range()];
    assert_eq!(first.len(), 12);
    assert_eq!(first, last, "same value, same hash");
    assert!(!h.text.contains("Smith"));
    let masked = build(Operator::Mask { char: Some('*') })?.mask(text)?;
    assert_eq!(masked.text, "***** called *********** and ***** again");
    Ok(())
}

#[test]
fn hash_without_key_is_refused() {
    let mut p = Policy::default();
    p.operators.default = Some(Operator::Hash { length: None });
    let err = Analyzer::builder().policy(p).build().unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidOperator { .. }));
}

#[test]
fn generalize_zip_and_age() -> Result<(), Error> {
    let zip = PatternRecognizer::builder("zip", Entity::ZipCode)
        .pattern("zip", r"\b\d{5}(?:-\d{4})?\b", 0.9)
        .build()?;
    let mut p = Policy::default();
    p.operators.default = Some(Operator::Generalize);
    let analyzer = Analyzer::builder()
        .policy(p)
        .add_recognizer(zip)
        .add_recognizer(Ages)
        .build()?;
    let out = analyzer.mask("10027-1234 and 03601; a 95-year-old")?;
    assert_eq!(out.text, "100** and 000**; a 90 or older");
    Ok(())
}

#[test]
fn mask_keeps_line_breaks() -> Result<(), Error> {
    let d = DictionaryRecognizer::builder("addr", Entity::StreetAddress)
        .terms(["1 Main St\r\nApt 2"])
        .build()?;
    let analyzer = Analyzer::builder().add_recognizer(d).build()?;
    let out = analyzer.mask("at 1 Main St\r\nApt 2 now")?;
    assert_eq!(out.text, "at ●●●●●●●●●\r\n●●●●● now");
    Ok(())
}

#[test]
fn input_too_large_is_refused() -> Result<(), Error> {
    let mut p = Policy::default();
    p.max_input_bytes = Some(10);
    let analyzer = Analyzer::builder()
        .policy(p)
        .add_recognizer(ssn())
        .build()?;
    let err = analyzer.analyze("01234567890").unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InputTooLarge { len: 11, max: 10 });
    Ok(())
}

#[test]
fn invalid_spans_from_a_recognizer_fail_closed() -> Result<(), Error> {
    #[derive(Debug)]
    struct Bad;
    impl Recognizer for Bad {
        fn id(&self) -> &str {
            "bad"
        }
        fn entities(&self) -> &[Entity] {
            &[Entity::Person]
        }
        fn recognize(
            &self,
            _: &Document<'_>,
            _: &Context<'_>,
            out: &mut Vec<Candidate>,
        ) -> Result<(), Error> {
            out.push(Candidate::new(Span::new(1, 2), Entity::Person, 0.9));
            Ok(())
        }
    }
    let analyzer = Analyzer::builder().add_recognizer(Bad).build()?;
    let err = analyzer.analyze("é").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidSpan { .. }));
    Ok(())
}

#[test]
fn batch_matches_sequential_and_isolates_errors() -> Result<(), Error> {
    let mut p = Policy::default();
    p.max_input_bytes = Some(40);
    let analyzer = Analyzer::builder()
        .policy(p)
        .add_shared_recognizer(Arc::new(ssn()))
        .build()?;
    let long = "x".repeat(100);
    let texts = vec![
        "SSN 123-45-6789",
        long.as_str(),
        "none",
        "ssn 987-65-4321 and 123-45-6789",
    ];
    let batch = analyzer.mask_batch(&texts, Some(3));
    assert_eq!(batch.len(), 4);
    for (t, r) in texts.iter().zip(&batch) {
        match analyzer.mask(t) {
            Ok(m) => assert_eq!(r.as_ref().map(|x| &x.text), Ok(&m.text)),
            Err(e) => assert_eq!(r.as_ref().map(|x| &x.text), Err(&e)),
        }
    }
    Ok(())
}

#[test]
fn entity_filter_and_threshold_per_call() -> Result<(), Error> {
    let analyzer = Analyzer::builder()
        .add_recognizer(ssn())
        .add_recognizer(names())
        .build()?;
    let text = "Smith 123-45-6789";
    let only = AnalyzeOptions {
        entities: Some(vec![Entity::Person]),
        ..Default::default()
    };
    let r = analyzer.analyze_with(text, &only)?;
    assert_eq!(r.detections.len(), 1);
    assert_eq!(r.detections[0].entity, Entity::Person);
    let high = AnalyzeOptions {
        score_threshold: Some(0.95),
        explain: true,
        ..Default::default()
    };
    let r = analyzer.analyze_with(text, &high)?;
    assert!(r.detections.is_empty());
    assert_eq!(r.kept.len(), 2);
    assert!(r
        .kept
        .iter()
        .all(|k| k.reason == KeepReason::BelowThreshold));
    Ok(())
}

#[test]
fn a_panicking_recognizer_fails_the_call_instead_of_crashing() -> Result<(), Error> {
    #[derive(Debug)]
    struct Panics;
    impl Recognizer for Panics {
        fn id(&self) -> &str {
            "panics"
        }
        fn entities(&self) -> &[Entity] {
            &[Entity::Person]
        }
        fn recognize(
            &self,
            doc: &Document<'_>,
            _: &Context<'_>,
            _: &mut Vec<Candidate>,
        ) -> Result<(), Error> {
            let _ = &doc.text()[1..];
            Ok(())
        }
    }
    let analyzer = Analyzer::builder().add_recognizer(Panics).build()?;
    let err = analyzer.mask("é").unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Recognizer { recognizer, .. } if recognizer == "panics")
    );
    assert!(!err.to_string().contains('é'));
    Ok(())
}

/// A toy record reader: `<<…>>` is a record whose `[…]` parts are free
/// text; it reports `ID=` values inside records.
#[derive(Debug)]
struct Brackets;

impl Recognizer for Brackets {
    fn id(&self) -> &str {
        "brackets"
    }
    fn entities(&self) -> &[Entity] {
        &[Entity::IdNumber]
    }
    fn recognize(
        &self,
        doc: &Document<'_>,
        _: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        for (i, _) in doc.text().match_indices("ID=") {
            out.push(Candidate::new(
                Span::new(i + 3, i + 7),
                Entity::IdNumber,
                0.95,
            ));
        }
        Ok(())
    }
    fn record_regions(&self, doc: &Document<'_>, out: &mut Vec<RecordRegion>) {
        let t = doc.text();
        let (Some(a), Some(b)) = (t.find("<<"), t.find(">>")) else {
            return;
        };
        let free_text = match (t.find('['), t.find(']')) {
            (Some(x), Some(y)) if a < x && y < b => vec![Span::new(x + 1, y)],
            _ => Vec::new(),
        };
        out.push(RecordRegion {
            span: Span::new(a, b + 2),
            free_text,
        });
    }
}

#[test]
fn record_structure_belongs_to_the_record_recognizer() -> Result<(), Error> {
    let mut policy = Policy::default();
    policy.recognizers.deny_lists.push(
        serde_json::from_value(serde_json::json!({
            "id": "mine", "entity": "PERSON", "terms": ["Zed"]
        }))
        .expect("deny list spec"),
    );
    let analyzer = Analyzer::builder()
        .policy(policy)
        .add_recognizer(ssn())
        .add_recognizer(names())
        .add_recognizer(Brackets)
        .build()?;
    let text = "Smith 123-45-6789 <<ID=7777 Smith 123-45-6789 Zed [Smith 123-45-6789]>> Smith";
    let analysis = analyzer.analyze(text)?;
    let found: Vec<&str> = analysis
        .detections
        .iter()
        .map(|d| &text[d.span.range()])
        .collect();
    // Outside the record and in its free text everything is found; in its
    // structure only the record's own value and the policy's deny list.
    assert_eq!(
        found,
        [
            "Smith",
            "123-45-6789",
            "7777",
            "Zed",
            "Smith",
            "123-45-6789",
            "Smith"
        ],
        "{found:?}"
    );
    let inside = text.find("<<").unwrap_or(0)..text.find('[').unwrap_or(0);
    assert!(analysis
        .detections
        .iter()
        .filter(|d| inside.contains(&d.span.start))
        .all(|d| matches!(d.recognizer.as_ref(), "brackets" | "mine")));
    // With explain, the dropped candidates say why.
    let opts = AnalyzeOptions {
        explain: true,
        ..Default::default()
    };
    let explained = analyzer.analyze_with(text, &opts)?;
    assert_eq!(
        explained
            .kept
            .iter()
            .filter(|k| k.reason == KeepReason::Rule(Arc::from("record_structure")))
            .count(),
        2
    );
    // No region (a record that does not parse): free-text behaviour.
    let broken = "<<ID=7777 Smith 123-45-6789";
    assert_eq!(analyzer.analyze(broken)?.detections.len(), 3);
    Ok(())
}
