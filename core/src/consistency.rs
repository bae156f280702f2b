//! Document-wide consistency: a value found once is masked at every mention.
//!
//! Recognizers decide from local evidence (a label, a title, a pattern), so
//! a name caught in a header ("Patient: Ana Okafor") can slip through where
//! it recurs without that evidence ("Okafor tolerated the procedure",
//! "ANA OKAFOR", "Okafor's daughter"). After resolution, this stage takes
//! every detection as a seed and finds its other mentions in the document:
//!
//! * a **person**: the whole name, and each of its words of two or more
//!   letters (the surname alone, the given name alone), whole-word and in
//!   any letter case — except that a seed word written with a capital is
//!   only matched where it is written with a capital too ("Will Hope" does
//!   not mask "we will hope");
//! * any **other value** of four or more characters (an MRN, a phone number,
//!   an e-mail address, a street, a facility): the same value, whole-word,
//!   in any letter case.
//!
//! Dates and ages are not seeds (their Safe Harbor status depends on their
//! context). A mention never overrides a decision to keep: it is added only
//! where no detection and no kept span already lies.

use std::sync::Arc;

use std::collections::HashMap;

use crate::document::{fold_str, is_word_char, words, Case, Document, TokenKind};
use crate::{Detection, Entity, Explanation, Facts, KeepReason, Kept, Span};

/// The recognizer id consistency detections carry in their explanation.
pub const CONSISTENCY_ID: &str = "document_consistency";

/// One value to look for, folded, and what a mention of it becomes.
struct Seed {
    /// Index of the detection it came from.
    from: usize,
    /// A seed word written with a capital matches only capitalised mentions.
    needs_capital: bool,
}

/// The further mentions of the detections' values, as new detections that
/// overlap no detection and no kept span. `detections` must be sorted by
/// start.
pub(crate) fn further_mentions(
    doc: &Document<'_>,
    detections: &[Detection],
    kept: &[Kept],
) -> Vec<Detection> {
    let text = doc.text();
    let mut patterns: Vec<String> = Vec::new();
    let mut seeds: Vec<Seed> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, d) in detections.iter().enumerate() {
        let Some(value) = d.text(text) else { continue };
        match d.entity {
            Entity::DateTime | Entity::Age => continue,
            Entity::Person => {
                for t in doc.tokens_in(d.span) {
                    if t.kind != TokenKind::Word
                        || t.span.start < d.span.start
                        || t.span.end > d.span.end
                    {
                        continue;
                    }
                    let word = t.text(text);
                    if word.chars().count() < 2 || is_abbreviation(text, t.span) {
                        continue;
                    }
                    let needs_capital = matches!(t.case, Case::Title | Case::Upper | Case::Mixed);
                    let folded = fold_str(word);
                    if seen.insert((folded.clone(), needs_capital)) {
                        patterns.push(folded);
                        seeds.push(Seed {
                            from: i,
                            needs_capital,
                        });
                    }
                }
            }
            _ => {}
        }
        let value = value.trim();
        if value.chars().count() >= 4 {
            let needs_capital = d.entity == Entity::Person && value.starts_with(char::is_uppercase);
            let folded = fold_str(value);
            if seen.insert((folded.clone(), needs_capital)) {
                patterns.push(folded);
                seeds.push(Seed {
                    from: i,
                    needs_capital,
                });
            }
        }
    }
    if patterns.is_empty() {
        return Vec::new();
    }
    let folded = doc.folded();
    let hay = folded.as_str();
    // Seeds by their first word, each list longest first: a mention is
    // looked up at each word start with one hash probe.
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in patterns.iter().enumerate() {
        if let Some(first) = words(p).next().filter(|w| w.start == 0) {
            by_first.entry(&p[first.range()]).or_default().push(i);
        }
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|&i| std::cmp::Reverse(patterns[i].len()));
    }
    // Everything already decided, sorted, to skip overlaps in one sweep.
    let mut taken: Vec<Span> = detections
        .iter()
        .map(|d| d.span)
        .chain(
            kept.iter()
                .filter(|k| !matches!(k.reason, KeepReason::BelowThreshold))
                .map(|k| k.span),
        )
        .collect();
    taken.sort_unstable();
    let overlaps_taken = |span: Span| {
        let i = taken.partition_point(|t| t.end <= span.start);
        taken.get(i).is_some_and(|t| t.start < span.end)
    };
    let mut out = Vec::new();
    let mut free_from = 0;
    for w in folded.words() {
        if w.start < free_from {
            continue;
        }
        let Some(list) = by_first.get(&hay[w.range()]) else {
            continue;
        };
        let rest = &hay[w.start..];
        let found = list.iter().copied().find_map(|i| {
            let p = patterns[i].as_str();
            let end = w.start + p.len();
            (rest.starts_with(p) && !hay[end..].chars().next().is_some_and(is_word_char))
                .then_some((i, end))
        });
        let Some((i, end)) = found else { continue };
        let seed = &seeds[i];
        let span = folded.to_original(Span::new(w.start, end));
        if seed.needs_capital && !text[span.range()].starts_with(char::is_uppercase) {
            continue;
        }
        if overlaps_taken(span) {
            continue;
        }
        free_from = end;
        let from = &detections[seed.from];
        let recognizer: Arc<str> = Arc::from(CONSISTENCY_ID);
        out.push(Detection {
            span,
            entity: from.entity.clone(),
            score: from.score,
            facts: Facts::None,
            explanation: Explanation {
                recognizer: recognizer.clone(),
                pattern: Some(from.recognizer.clone()),
                base_score: from.score,
                context_boost: 0.0,
                context_word: None,
                validated: None,
            },
            recognizer,
        });
    }
    out
}

/// "Dr.", "St.", "Jr.": a short word closed by a period is an abbreviation,
/// not a name.
fn is_abbreviation(text: &str, span: Span) -> bool {
    span.len() <= 3 && text[span.end..].starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, needle: &str) -> Detection {
        let at = text.find(needle).unwrap_or(0);
        let recognizer: Arc<str> = Arc::from("person");
        Detection {
            span: Span::new(at, at + needle.len()),
            entity: Entity::Person,
            score: 0.9,
            facts: Facts::None,
            explanation: Explanation {
                recognizer: recognizer.clone(),
                pattern: None,
                base_score: 0.9,
                context_boost: 0.0,
                context_word: None,
                validated: None,
            },
            recognizer,
        }
    }

    fn mentions(text: &str, seeds: &[&str]) -> Vec<String> {
        let doc = Document::new(text);
        let mut ds: Vec<Detection> = seeds.iter().map(|s| person(text, s)).collect();
        ds.sort_by_key(|d| d.span.start);
        further_mentions(&doc, &ds, &[])
            .iter()
            .map(|d| text[d.span.range()].to_string())
            .collect()
    }

    #[test]
    fn surname_given_name_case_and_possessive() {
        let t = "Patient: Ana Okafor\nOKAFOR tolerated it. Okafor's daughter and Ana came.";
        assert_eq!(mentions(t, &["Ana Okafor"]), ["OKAFOR", "Okafor", "Ana"]);
    }

    #[test]
    fn capitalised_seed_words_need_capitals() {
        let t = "Will Hope called. we will hope for the best. Hope returned.";
        assert_eq!(mentions(t, &["Will Hope"]), ["Hope"]);
    }

    #[test]
    fn no_partial_words_and_no_titles() {
        let t = "Dr. Li saw Lin. Li returned; Dr. Brown.";
        assert_eq!(mentions(t, &["Dr. Li"]), ["Li"]);
    }

    #[test]
    fn non_latin_names() {
        let t = "患者：王小明\n王小明 was seen. Иван Петров, later Петров";
        // CJK names have no word breaks inside: the whole value recurs.
        assert_eq!(
            mentions(t, &["王小明", "Иван Петров"]),
            ["王小明", "Петров"]
        );
    }

    #[test]
    fn kept_spans_win() {
        let t = "Ana Parkinson here. Parkinson disease.";
        let doc = Document::new(t);
        let ds = vec![person(t, "Ana Parkinson")];
        let at = t.rfind("Parkinson").unwrap_or(0);
        let kept = vec![Kept {
            span: Span::new(at, at + 9),
            entity: Entity::Person,
            score: 0.5,
            recognizer: Arc::from("x"),
            facts: Facts::None,
            reason: crate::KeepReason::AllowList,
        }];
        assert!(further_mentions(&doc, &ds, &kept).is_empty());
    }
}
