//! Property tests of the whole pipeline with the built-in recognizers.

use std::sync::OnceLock;

use phimask::operators::MASK_CHAR as MASK_CHAR_DEFAULT;
use phimask::{Analyzer, CivilDate, Operator, Policy, Recognizer};
use proptest::prelude::*;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| {
        phimask::builder()
            .reference_date(CivilDate::new(2026, 11, 22).expect("valid date"))
            .build()
            .expect("safe harbor analyzer builds")
    })
}

/// Clinical-looking prose with identifiers mixed in, plus arbitrary Unicode.
fn note() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Pt seen by Dr. Maria Núñez on 03/14/2024. ".to_string()),
        Just("SSN 123-45-6789, MRN: 00123456, call (212) 555-0198.\r\n".to_string()),
        Just("A 45-year-old and a 92-year-old, in 2019, last week. ".to_string()),
        Just("sertraline 50 mg, BP 128/82, PHQ-9: 14, F33.1. ".to_string()),
        Just("Lives at 1432 Elm St Apt 5B, Springfield, IL 62704. ".to_string()),
        Just("Email ana.nunez@example.org from 10.0.0.1\t".to_string()),
        "[a-zA-Z ]{0,20}",
        "\\PC{0,12}",
        any::<String>().prop_map(|s| s.chars().take(16).collect()),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

fn mask_char_count(s: &str) -> usize {
    s.chars().filter(|&c| c == MASK_CHAR_DEFAULT).count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn mask_keeps_shape_and_touches_exactly_the_coverage(text in note()) {
        let a = analyzer();
        let analysis = a.analyze(&text).expect("analysis succeeds");
        let masked = a.masker().mask(&text, &analysis).expect("mask succeeds");
        prop_assert_eq!(masked.text.chars().count(), text.chars().count());
        let in_cov = |byte: usize| analysis.coverage.iter().any(|s| s.start <= byte && byte < s.end);
        for ((i, orig), new) in text.char_indices().zip(masked.text.chars()) {
            if in_cov(i) && orig != '\n' && orig != '\r' {
                prop_assert_eq!(new, MASK_CHAR_DEFAULT);
            } else {
                prop_assert_eq!(new, orig);
            }
        }
        let covered_chars: usize = analysis.coverage.iter()
            .map(|s| text[s.range()].chars().filter(|&c| c != '\n' && c != '\r').count()).sum();
        let pre_existing = mask_char_count(&text) - text.char_indices()
            .filter(|&(i, c)| c == MASK_CHAR_DEFAULT && in_cov(i)).count();
        prop_assert_eq!(mask_char_count(&masked.text), covered_chars + pre_existing);
    }

    #[test]
    fn spans_are_on_char_boundaries_and_sorted(text in note()) {
        let analysis = analyzer().analyze(&text).expect("analysis succeeds");
        for d in &analysis.detections {
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            prop_assert!(d.span.start < d.span.end && d.span.end <= text.len());
            prop_assert!(analysis.coverage.iter().any(|c| c.contains(&d.span)));
        }
        for w in analysis.detections.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start, "detections overlap");
        }
        for w in analysis.coverage.windows(2) {
            prop_assert!(w[0].end < w[1].start, "coverage not merged");
        }
    }

    #[test]
    fn analysis_is_deterministic(text in note()) {
        let a = analyzer();
        prop_assert_eq!(a.analyze(&text).expect("ok"), a.analyze(&text).expect("ok"));
    }

    #[test]
    fn results_do_not_depend_on_recognizer_order(text in note(), seed in any::<u64>()) {
        let mut recs: Vec<std::sync::Arc<dyn Recognizer>> = phimask::recognizers::all().expect("builtins");
        // A seeded Fisher-Yates shuffle.
        let mut state = seed | 1;
        for i in (1..recs.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            recs.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut b = Analyzer::builder();
        b.reference_date(CivilDate::new(2026, 11, 22).expect("valid date"));
        for r in recs {
            b.add_shared_recognizer(r);
        }
        let shuffled = b.build().expect("builds");
        prop_assert_eq!(shuffled.analyze(&text).expect("ok"), analyzer().analyze(&text).expect("ok"));
    }

    #[test]
    fn restore_inverts_placeholder(text in note()) {
        prop_assume!(!text.contains('['));
        let mut policy = Policy::safe_harbor();
        policy.reference_date = CivilDate::new(2026, 11, 22);
        policy.operators.default = Some(Operator::Placeholder { format: None });
        let a = phimask::from_policy(&policy).expect("builds");
        let masked = a.mask(&text).expect("mask succeeds");
        prop_assert_eq!(masked.mapping.restore(&masked.text), text);
    }
}
