//! Dictionary (deny-list) recognizers over aho-corasick.

use std::fmt;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use crate::document::{fold_str, is_word_char, Document, Folded};
use crate::recognizer::{Context, Recognizer};
use crate::{Candidate, Entity, Error, Facts, Span};

/// A recognizer that reports whole-word occurrences of a list of terms.
///
/// Matching is leftmost-longest ("Annabel" wins over "Ann"), whole words
/// only, and case-insensitive including non-ASCII letters ("NÚÑEZ" matches
/// "Núñez") unless built case-sensitive. Offsets are exact in the original
/// text. Used for name and place dictionaries and for policy deny lists.
///
/// # Example
/// ```
/// use phimask_core::*;
/// let d = DictionaryRecognizer::builder("staff", Entity::Person)
///     .terms(["Núñez", "Ann", "Annabel Lee"])
///     .score(0.9)
///     .build()?;
/// let analyzer = Analyzer::builder().add_recognizer(d).build()?;
/// let text = "seen by ANNABEL LEE and NÚÑEZ; Annex B";
/// let found: Vec<_> = analyzer.analyze(text)?.detections.iter()
///     .map(|d| d.text(text).unwrap_or_default().to_string()).collect();
/// assert_eq!(found, ["ANNABEL LEE", "NÚÑEZ"]);
/// # Ok::<(), phimask_core::Error>(())
/// ```
#[derive(Clone)]
pub struct DictionaryRecognizer {
    id: Arc<str>,
    entities: [Entity; 1],
    automaton: Arc<AhoCorasick>,
    terms: usize,
    score: f32,
    case_sensitive: bool,
    context: Vec<String>,
    facts: Facts,
    pattern: Arc<str>,
}

impl fmt::Debug for DictionaryRecognizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DictionaryRecognizer")
            .field("id", &self.id)
            .field("entity", &self.entities[0])
            .field("terms", &self.terms)
            .field("score", &self.score)
            .field("case_sensitive", &self.case_sensitive)
            .finish()
    }
}

/// Builds a [`DictionaryRecognizer`].
#[derive(Clone, Debug)]
pub struct DictionaryRecognizerBuilder {
    id: String,
    entity: Entity,
    terms: Vec<String>,
    score: f32,
    case_sensitive: bool,
    context: Vec<String>,
    facts: Facts,
}

impl DictionaryRecognizer {
    /// Starts building a dictionary recognizer.
    pub fn builder(id: impl Into<String>, entity: Entity) -> DictionaryRecognizerBuilder {
        DictionaryRecognizerBuilder {
            id: id.into(),
            entity,
            terms: Vec::new(),
            score: 1.0,
            case_sensitive: false,
            context: Vec::new(),
            facts: Facts::None,
        }
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms
    }

    /// True when the dictionary holds no term.
    pub fn is_empty(&self) -> bool {
        self.terms == 0
    }

    /// Calls `f` with the span (in the document's text) of every
    /// whole-word, leftmost-longest match.
    pub fn for_each_match(&self, doc: &Document<'_>, mut f: impl FnMut(Span)) {
        if self.terms == 0 {
            return;
        }
        let text = doc.text();
        let plain: Vec<Span>;
        let (hay, map, words): (&str, Option<&Folded>, &[Span]) = if self.case_sensitive {
            plain = doc
                .tokens()
                .iter()
                .filter(|t| t.is_wordlike())
                .map(|t| t.span)
                .collect();
            (text, None, &plain)
        } else {
            let folded = doc.folded();
            (folded.as_str(), Some(folded), folded.words())
        };
        let mut next_free = 0;
        for &word in words {
            if word.start < next_free {
                continue;
            }
            let mut limit = hay.len();
            // Longest anchored match at this word start that ends on a word
            // boundary; shorten the window until one does or none is left.
            while let Some(m) = self.automaton.find(
                Input::new(hay)
                    .span(word.start..limit)
                    .anchored(Anchored::Yes),
            ) {
                let end_ok = !hay[m.end()..].chars().next().is_some_and(is_word_char);
                if end_ok && m.end() > m.start() {
                    let span = Span::new(m.start(), m.end());
                    next_free = m.end();
                    f(map.map_or(span, |fd| fd.to_original(span)));
                    break;
                }
                if m.end() <= word.start {
                    break;
                }
                limit = m.end() - 1;
                while !hay.is_char_boundary(limit) {
                    limit -= 1;
                }
            }
        }
    }
}

impl Recognizer for DictionaryRecognizer {
    fn id(&self) -> &str {
        &self.id
    }

    fn entities(&self) -> &[Entity] {
        &self.entities
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        self.for_each_match(doc, |span| {
            out.push(Candidate {
                span,
                entity: self.entities[0].clone(),
                score: self.score,
                pattern: Some(self.pattern.clone()),
                validated: None,
                facts: self.facts,
                context_applied: false,
            })
        });
        Ok(())
    }

    fn context_words(&self) -> &[String] {
        &self.context
    }
}

impl DictionaryRecognizerBuilder {
    /// Adds terms (blank ones are ignored, duplicates merged).
    pub fn terms<I, S>(&mut self, terms: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.terms.extend(
            terms
                .into_iter()
                .map(|t| t.as_ref().trim().to_string())
                .filter(|t| !t.is_empty()),
        );
        self
    }

    /// The score of every match (default 1.0).
    pub fn score(&mut self, score: f32) -> &mut Self {
        self.score = score;
        self
    }

    /// Match case exactly (default: case-insensitive).
    pub fn case_sensitive(&mut self, yes: bool) -> &mut Self {
        self.case_sensitive = yes;
        self
    }

    /// Adds context words.
    pub fn context<I, S>(&mut self, words: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.context.extend(words.into_iter().map(Into::into));
        self
    }

    /// Facts attached to every candidate.
    pub fn facts(&mut self, facts: Facts) -> &mut Self {
        self.facts = facts;
        self
    }

    /// Builds the automaton. Can be called again.
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidPolicy`] for a score outside 0–1 or a
    /// dictionary too large for the automaton.
    pub fn build(&self) -> Result<DictionaryRecognizer, Error> {
        if !(0.0..=1.0).contains(&self.score) {
            return Err(Error::policy(format!(
                "recognizer `{}`: score must be between 0 and 1",
                self.id
            )));
        }
        let mut terms: Vec<String> = if self.case_sensitive {
            self.terms.clone()
        } else {
            self.terms.iter().map(|t| fold_str(t)).collect()
        };
        terms.sort_unstable();
        terms.dedup();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&terms)
            .map_err(|e| {
                Error::policy(format!(
                    "recognizer `{}`: dictionary cannot be built: {e}",
                    self.id
                ))
            })?;
        Ok(DictionaryRecognizer {
            id: Arc::from(self.id.as_str()),
            entities: [self.entity.clone()],
            automaton: Arc::new(automaton),
            terms: terms.len(),
            score: self.score,
            case_sensitive: self.case_sensitive,
            context: self.context.clone(),
            facts: self.facts,
            pattern: Arc::from("dictionary"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(d: &DictionaryRecognizer, text: &str) -> Vec<String> {
        let mut v = Vec::new();
        d.for_each_match(&Document::new(text), |s| {
            v.push(text[s.range()].to_string())
        });
        v
    }

    #[test]
    fn longest_then_shorter_when_longest_cuts_a_word() -> Result<(), Error> {
        let d = DictionaryRecognizer::builder("t", Entity::Person)
            .terms(["Ann", "Annabel"])
            .build()?;
        assert_eq!(found(&d, "Annabel"), ["Annabel"]);
        assert_eq!(found(&d, "Annabelle Ann"), ["Ann"]);
        assert_eq!(found(&d, "Ann-Marie"), ["Ann"]);
        Ok(())
    }

    #[test]
    fn non_ascii_case_folding() -> Result<(), Error> {
        let d = DictionaryRecognizer::builder("t", Entity::Person)
            .terms(["Blažek", "Trần Bảo", "CÓRDOVA-APARICIO"])
            .build()?;
        assert_eq!(
            found(&d, "BLAŽEK, trần bảo; córdova-aparicio."),
            ["BLAŽEK", "trần bảo", "córdova-aparicio"]
        );
        Ok(())
    }
}
