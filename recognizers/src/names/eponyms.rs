//! Clinical eponyms as kept spans: "Parkinson's disease", "Glasgow Coma
//! Scale", "Foley catheter", "Epstein-Barr virus", "Alzheimer's".
//!
//! The person recognizer already declines to report these; this recognizer
//! reports them as candidates carrying [`Facts::Eponym`], which the
//! `eponym` scope rule keeps. The kept span records why the words stayed,
//! and it stops document-wide consistency from carrying a person of the
//! same name ("Dr. Parkinson") into the disease. The vocabulary is the name
//! lexicon's (`data/names/eponyms.txt`, `data/names/eponym_heads.txt`).

use std::sync::Arc;

use phimask_core::document::{Case, Document, Token, TokenKind};
use phimask_core::{Candidate, Context, Entity, Error, Facts, Recognizer, Span};

use super::lexicon::{Lexicon, CLINICAL, EPONYM, EPONYM_HEAD, EPONYM_PURE, TITLE};

/// The recognizer's id.
pub const EPONYM_ID: &str = "eponym";

/// Reports clinical eponyms so that the scope keeps them.
#[derive(Debug, Default)]
pub struct EponymRecognizer;

fn flags(doc: &Document<'_>, t: &Token, buf: &mut String) -> u32 {
    Lexicon::get()
        .lookup_word(t.text(doc.text()), buf)
        .map_or(0, |e| e.flags)
}

/// True when tokens `a` and `b` touch (no space between them).
fn touch(a: &Token, b: &Token) -> bool {
    a.span.end == b.span.start
}

/// True when the text between two tokens keeps them in one phrase: no line
/// break, tab or column gap.
fn same_phrase(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.span.end..b.span.start];
    !gap.contains(['\n', '\r', '\t']) && !gap.contains("  ")
}

impl Recognizer for EponymRecognizer {
    fn id(&self) -> &str {
        EPONYM_ID
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::Person]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        let toks = doc.tokens();
        let mut buf = String::new();
        let word_flags = |i: usize, buf: &mut String| {
            toks.get(i)
                .filter(|t| t.kind == TokenKind::Word)
                .map_or(0, |t| flags(doc, t, buf))
        };
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if t.kind != TokenKind::Word
                || !matches!(t.case, Case::Title | Case::Upper | Case::Mixed)
            {
                i += 1;
                continue;
            }
            let f = flags(doc, t, &mut buf);
            if f & EPONYM == 0 {
                i += 1;
                continue;
            }
            // With a title it is a person ("Dr. Parkinson").
            let titled = (1..=2).any(|back| {
                i.checked_sub(back)
                    .is_some_and(|p| word_flags(p, &mut buf) & TITLE != 0)
            });
            if titled {
                i += 1;
                continue;
            }
            // Hyphenated eponyms ("Wernicke-Korsakoff", "Epstein-Barr").
            let mut end = i;
            let mut pure = f & EPONYM_PURE != 0;
            while end + 2 < toks.len()
                && toks[end + 1].kind == TokenKind::Punct
                && &text[toks[end + 1].span.range()] == "-"
                && touch(&toks[end], &toks[end + 1])
                && touch(&toks[end + 1], &toks[end + 2])
            {
                let g = word_flags(end + 2, &mut buf);
                if g & EPONYM == 0 {
                    break;
                }
                pure |= g & EPONYM_PURE != 0;
                end += 2;
            }
            // A possessive ("Crohn's", "Graves' disease").
            let mut possessive = false;
            if let Some(apos) = toks.get(end + 1) {
                let a = &text[apos.span.range()];
                if matches!(a, "'" | "’") && touch(&toks[end], apos) {
                    possessive = true;
                    end += 1;
                    if toks
                        .get(end + 1)
                        .is_some_and(|s| touch(apos, s) && &text[s.span.range()] == "s")
                    {
                        end += 1;
                    }
                }
            }
            // The head noun, possibly after a second eponym word ("Glasgow
            // Coma Scale", "Hodgkin lymphoma").
            let next = end + 1;
            let in_phrase = |k: usize| {
                toks.get(k)
                    .is_some_and(|n| same_phrase(text, &toks[k - 1], n))
            };
            let mut last = end;
            let headed = if in_phrase(next) && word_flags(next, &mut buf) & EPONYM_HEAD != 0 {
                last = next;
                true
            } else if in_phrase(next)
                && in_phrase(next + 1)
                && word_flags(next, &mut buf) & EPONYM != 0
                && word_flags(next + 1, &mut buf) & EPONYM_HEAD != 0
            {
                last = next + 1;
                true
            } else {
                false
            };
            // Heads run on ("Coma Scale", "Obsessive Compulsive Scale").
            while headed && in_phrase(last + 1) && word_flags(last + 1, &mut buf) & EPONYM_HEAD != 0
            {
                last += 1;
            }
            let clinical_after =
                possessive && in_phrase(next) && word_flags(next, &mut buf) & CLINICAL != 0;
            if headed || pure || clinical_after {
                let span = Span::new(t.span.start, toks[last].span.end);
                let mut c = Candidate::new(span, Entity::Person, 0.9)
                    .with_pattern(Arc::<str>::from("eponym"));
                c.facts = Facts::Eponym;
                out.push(c);
            }
            i = last + 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use phimask_core::{Analyzer, KeepReason};

    use crate::testutil::{analyzer_over, detections};

    fn every_builtin() -> Analyzer {
        analyzer_over(crate::all().expect("builds"), &[])
    }

    fn kept_eponyms(text: &str) -> Vec<String> {
        let a = every_builtin().analyze(text).expect("analyzes");
        a.kept
            .iter()
            .filter(|k| k.reason == KeepReason::Rule("eponym".into()))
            .map(|k| text[k.span.range()].to_string())
            .collect()
    }

    #[test]
    fn eponyms_are_kept_with_their_rule() {
        assert_eq!(
            kept_eponyms("Seen for Parkinson's disease and a Foley catheter."),
            ["Parkinson's disease", "Foley catheter"]
        );
        assert_eq!(
            kept_eponyms("Glasgow Coma Scale 15."),
            ["Glasgow Coma Scale"]
        );
        assert_eq!(
            kept_eponyms("Epstein-Barr virus serology"),
            ["Epstein-Barr virus"]
        );
        assert_eq!(kept_eponyms("History of Alzheimer's."), ["Alzheimer's"]);
    }

    #[test]
    fn a_person_of_the_same_name_is_not_carried_into_the_eponym() {
        let text = "Dr. Parkinson evaluated her for Parkinson's disease.";
        let found = detections(&every_builtin(), text);
        assert!(found.iter().any(|(_, t)| t == "Parkinson"), "{found:?}");
        assert!(
            !found.iter().any(|(_, t)| t.contains("disease")),
            "{found:?}"
        );
        let masked: Vec<_> = every_builtin()
            .analyze(text)
            .expect("analyzes")
            .detections
            .iter()
            .map(|d| d.span.start)
            .collect();
        assert_eq!(masked, [4], "only the doctor is masked");
    }

    #[test]
    fn names_without_a_head_or_with_a_title_are_not_eponyms() {
        assert!(kept_eponyms("Mr. Foley called back.").is_empty());
        assert!(kept_eponyms("Jones called to reschedule.").is_empty());
        assert!(kept_eponyms("Dr. Wilson reviewed it.").is_empty());
    }
}
