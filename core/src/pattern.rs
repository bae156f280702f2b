//! Pattern recognizers: regular expressions with Presidio's fields.

use std::fmt;
use std::sync::Arc;

use crate::document::Document;
use crate::recognizer::{Context, Recognizer};
use crate::{Candidate, Entity, Error, ErrorKind, Facts, Span};

/// The default backtracking limit of look-around patterns (fancy-regex).
pub const DEFAULT_BACKTRACK_LIMIT: usize = 1_000_000;

/// The name of the capture group that, when a pattern has it, marks the part
/// of the match that is PHI (`MRN:\s*(?P<phi>\d+)` masks the digits only).
pub const PHI_GROUP: &str = "phi";

/// A checksum or format check on a matched value. `Some(true)`: certainly
/// valid (score raised to 1.0); `Some(false)`: invalid (dropped); `None`: no
/// verdict (score unchanged). As in Presidio's `validate_result`.
pub type Validator = Arc<dyn Fn(&str) -> Option<bool> + Send + Sync>;

/// Returns true when a matched value is certainly not PHI (dropped), as in
/// Presidio's `invalidate_result`.
pub type Invalidator = Arc<dyn Fn(&str) -> bool + Send + Sync>;

#[derive(Clone)]
enum Engine {
    Regex(regex::Regex),
    Fancy(fancy_regex::Regex),
}

/// One compiled pattern of a [`PatternRecognizer`].
#[derive(Clone)]
pub struct Pattern {
    name: Arc<str>,
    source: String,
    score: f32,
    engine: Engine,
    phi_group: Option<usize>,
}

impl Pattern {
    /// The pattern's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The regular expression's source.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The base score of its matches.
    pub fn score(&self) -> f32 {
        self.score
    }

    /// True when the pattern needed fancy-regex (look-around or
    /// backreferences).
    pub fn is_fancy(&self) -> bool {
        matches!(self.engine, Engine::Fancy(_))
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pattern")
            .field("name", &self.name)
            .field("score", &self.score)
            .field("fancy", &self.is_fancy())
            .finish()
    }
}

/// A recognizer made of regular expressions, each with a name and a score,
/// plus context words and optional validator and invalidator — Presidio's
/// `PatternRecognizer`.
///
/// Patterns compile with `regex`; a pattern that needs look-around or
/// backreferences compiles with `fancy-regex` under a backtracking limit, and
/// an overrun is an error ([`ErrorKind::BacktrackLimit`]), never a skip.
///
/// # Example
/// ```
/// use phimask_core::*;
/// let mrn = PatternRecognizer::builder("acme_mrn", Entity::MedicalRecordNumber)
///     .pattern("acme", r"\bAC-\d{6}\b", 0.4)
///     .context(["mrn", "chart"])
///     .build()?;
/// let analyzer = Analyzer::builder().add_recognizer(mrn).build()?;
/// let a = analyzer.analyze("MRN AC-123456")?;
/// assert_eq!(a.detections.len(), 1);
/// # Ok::<(), phimask_core::Error>(())
/// ```
#[derive(Clone)]
pub struct PatternRecognizer {
    id: Arc<str>,
    entities: [Entity; 1],
    patterns: Vec<Pattern>,
    context: Vec<String>,
    validator: Option<Validator>,
    invalidator: Option<Invalidator>,
    facts: Facts,
}

impl fmt::Debug for PatternRecognizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PatternRecognizer")
            .field("id", &self.id)
            .field("entity", &self.entities[0])
            .field("patterns", &self.patterns)
            .field("context", &self.context)
            .field("validator", &self.validator.is_some())
            .field("invalidator", &self.invalidator.is_some())
            .finish()
    }
}

/// Builds a [`PatternRecognizer`].
#[derive(Clone)]
pub struct PatternRecognizerBuilder {
    id: String,
    entity: Entity,
    patterns: Vec<(String, String, f32)>,
    context: Vec<String>,
    validator: Option<Validator>,
    invalidator: Option<Invalidator>,
    facts: Facts,
    backtrack_limit: usize,
}

impl fmt::Debug for PatternRecognizerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PatternRecognizerBuilder")
            .field("id", &self.id)
            .field("entity", &self.entity)
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

impl PatternRecognizer {
    /// Starts building a recognizer with this id that reports this entity.
    pub fn builder(id: impl Into<String>, entity: Entity) -> PatternRecognizerBuilder {
        PatternRecognizerBuilder {
            id: id.into(),
            entity,
            patterns: Vec::new(),
            context: Vec::new(),
            validator: None,
            invalidator: None,
            facts: Facts::None,
            backtrack_limit: DEFAULT_BACKTRACK_LIMIT,
        }
    }

    /// The compiled patterns.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// The entity it reports.
    pub fn entity(&self) -> &Entity {
        &self.entities[0]
    }

    /// Appends the candidates of pattern `index` to `out`.
    ///
    /// # Errors
    /// [`ErrorKind::BacktrackLimit`] when a look-around pattern overruns.
    pub fn recognize_pattern(
        &self,
        index: usize,
        text: &str,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let Some(p) = self.patterns.get(index) else {
            return Ok(());
        };
        match &p.engine {
            Engine::Regex(re) => {
                if let Some(g) = p.phi_group {
                    for caps in re.captures_iter(text) {
                        if let Some(m) = caps.get(g) {
                            self.push(p, Span::new(m.start(), m.end()), text, out);
                        }
                    }
                } else {
                    for m in re.find_iter(text) {
                        self.push(p, Span::new(m.start(), m.end()), text, out);
                    }
                }
            }
            Engine::Fancy(re) => {
                let mut at = 0;
                while at <= text.len() {
                    let caps = match re.captures_from_pos(text, at) {
                        Ok(Some(c)) => c,
                        Ok(None) => break,
                        Err(_) => {
                            return Err(Error::new(ErrorKind::BacktrackLimit {
                                recognizer: self.id.to_string(),
                                offset: at,
                            }))
                        }
                    };
                    let Some(whole) = caps.get(0) else { break };
                    let m = p.phi_group.and_then(|g| caps.get(g)).unwrap_or(whole);
                    self.push(p, Span::new(m.start(), m.end()), text, out);
                    at = if whole.end() > whole.start() {
                        whole.end()
                    } else {
                        // Step over one character after an empty match.
                        text[whole.end()..]
                            .chars()
                            .next()
                            .map_or(text.len() + 1, |c| whole.end() + c.len_utf8())
                    };
                }
            }
        }
        Ok(())
    }

    fn push(&self, p: &Pattern, span: Span, text: &str, out: &mut Vec<Candidate>) {
        if span.is_empty() {
            return;
        }
        let value = &text[span.range()];
        if let Some(inv) = &self.invalidator {
            if inv(value) {
                return;
            }
        }
        let mut score = p.score;
        let mut validated = None;
        if let Some(v) = &self.validator {
            match v(value) {
                Some(true) => {
                    score = 1.0;
                    validated = Some(true);
                }
                Some(false) => return,
                None => {}
            }
        }
        out.push(Candidate {
            span,
            entity: self.entities[0].clone(),
            score,
            pattern: Some(p.name.clone()),
            validated,
            facts: self.facts,
            context_applied: false,
        });
    }
}

impl Recognizer for PatternRecognizer {
    fn id(&self) -> &str {
        &self.id
    }

    fn entities(&self) -> &[Entity] {
        &self.entities
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        for (i, p) in self.patterns.iter().enumerate() {
            if p.is_fancy() || ctx.pattern_may_match(i) {
                self.recognize_pattern(i, doc.text(), out)?;
            }
        }
        Ok(())
    }

    fn context_words(&self) -> &[String] {
        &self.context
    }

    fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }
}

impl PatternRecognizerBuilder {
    /// Adds a pattern: a name, a regular expression (Rust `regex` syntax,
    /// or fancy-regex syntax when it needs look-around) and a base score.
    /// A named group `phi` narrows the reported span to that group.
    pub fn pattern(
        &mut self,
        name: impl Into<String>,
        regex: impl Into<String>,
        score: f32,
    ) -> &mut Self {
        self.patterns.push((name.into(), regex.into(), score));
        self
    }

    /// Adds context words (whole words or phrases, any case).
    pub fn context<I, S>(&mut self, words: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.context.extend(words.into_iter().map(Into::into));
        self
    }

    /// Sets the validator (see [`Validator`]).
    pub fn validator(
        &mut self,
        f: impl Fn(&str) -> Option<bool> + Send + Sync + 'static,
    ) -> &mut Self {
        self.validator = Some(Arc::new(f));
        self
    }

    /// Sets the invalidator (see [`Invalidator`]).
    pub fn invalidator(&mut self, f: impl Fn(&str) -> bool + Send + Sync + 'static) -> &mut Self {
        self.invalidator = Some(Arc::new(f));
        self
    }

    /// Facts attached to every candidate (for example a place kind).
    pub fn facts(&mut self, facts: Facts) -> &mut Self {
        self.facts = facts;
        self
    }

    /// The backtracking limit of look-around patterns.
    pub fn backtrack_limit(&mut self, limit: usize) -> &mut Self {
        self.backtrack_limit = limit;
        self
    }

    /// Compiles the patterns. Can be called again.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidPattern`] naming the pattern that does not compile,
    /// or [`ErrorKind::InvalidPolicy`] for a score outside 0–1 or no pattern.
    pub fn build(&self) -> Result<PatternRecognizer, Error> {
        if self.patterns.is_empty() {
            return Err(Error::policy(format!(
                "recognizer `{}` has no patterns",
                self.id
            )));
        }
        let mut patterns = Vec::with_capacity(self.patterns.len());
        for (index, (name, source, score)) in self.patterns.iter().enumerate() {
            if !(0.0..=1.0).contains(score) {
                return Err(Error::policy(format!(
                    "recognizer `{}`, pattern `{name}`: score must be between 0 and 1",
                    self.id
                )));
            }
            let invalid = |message: String| {
                Error::new(ErrorKind::InvalidPattern {
                    recognizer: self.id.clone(),
                    index,
                    name: name.clone(),
                    message,
                })
            };
            let (engine, phi_group) = match regex::Regex::new(source) {
                Ok(re) => {
                    let g = re.capture_names().position(|n| n == Some(PHI_GROUP));
                    (Engine::Regex(re), g)
                }
                Err(regex_err) => {
                    let fancy = fancy_regex::RegexBuilder::new(source)
                        .backtrack_limit(self.backtrack_limit)
                        .build()
                        .map_err(|_| invalid(regex_err.to_string()))?;
                    let g = fancy.capture_names().position(|n| n == Some(PHI_GROUP));
                    (Engine::Fancy(fancy), g)
                }
            };
            patterns.push(Pattern {
                name: Arc::from(name.as_str()),
                source: source.clone(),
                score: *score,
                engine,
                phi_group,
            });
        }
        Ok(PatternRecognizer {
            id: Arc::from(self.id.as_str()),
            entities: [self.entity.clone()],
            patterns,
            context: self.context.clone(),
            validator: self.validator.clone(),
            invalidator: self.invalidator.clone(),
            facts: self.facts,
        })
    }
}
