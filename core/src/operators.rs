//! Operators and the masker: what replaces each detected span.
//!
//! The default operator is [`Operator::Mask`] with U+25CF (●), one mask
//! character per character, so the text keeps its shape. Line breaks inside
//! a span are kept, so the masked text has the same lines.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fmt::Write as _;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::{Analysis, Entity, Error, ErrorKind, Facts, Span};

/// The default mask character, U+25CF BLACK CIRCLE.
pub const MASK_CHAR: char = '\u{25CF}';

/// ZIP code prefixes that HHS lists as covering 20,000 people or fewer;
/// the `generalize` operator writes them as `000`.
pub const RESTRICTED_ZIP3: &[&str] = &[
    "036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878",
    "879", "884", "890", "893",
];

/// What to put in place of a detected span.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Operator {
    /// Replace each character with a mask character (default ●); line
    /// breaks stay.
    Mask {
        /// The mask character (default U+25CF).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        char: Option<char>,
    },
    /// Replace the span with a fixed text (default `<ENTITY>`).
    Replace {
        /// The replacement; `{entity}` is substituted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<String>,
    },
    /// Remove the span.
    Redact,
    /// Leave the span as it is.
    Keep,
    /// Replace with a numbered placeholder (`[PERSON_1]`), the same value
    /// getting the same number within a document, and record the mapping
    /// for [`Mapping::restore`].
    Placeholder {
        /// The format; `{entity}` and `{n}` are substituted (default
        /// `[{entity}_{n}]`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// Replace with a keyed HMAC-SHA-256 of the value (hex). The key comes
    /// from the caller ([`MaskerBuilder::hash_key`]), never from the policy.
    Hash {
        /// How many hex digits to keep (default 16, at most 64).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<usize>,
    },
    /// Safe Harbor generalisation: a ZIP code keeps its first three digits
    /// (`100**`, or `000**` for restricted prefixes), an age of 90 or more
    /// becomes `90 or older`; other entities are masked.
    Generalize,
}

impl Operator {
    /// The default operator: mask with ●.
    pub fn mask() -> Operator {
        Operator::Mask { char: None }
    }

    /// The operator's name as policies spell it.
    pub fn name(&self) -> &'static str {
        match self {
            Operator::Mask { .. } => "mask",
            Operator::Replace { .. } => "replace",
            Operator::Redact => "redact",
            Operator::Keep => "keep",
            Operator::Placeholder { .. } => "placeholder",
            Operator::Hash { .. } => "hash",
            Operator::Generalize => "generalize",
        }
    }
}

impl Default for Operator {
    fn default() -> Operator {
        Operator::mask()
    }
}

impl fmt::Debug for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The operator per entity, with a default. Part of a policy.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorSettings {
    /// The operator for entities not listed (default: mask with ●).
    pub default: Option<Operator>,
    /// Operators for particular entities.
    #[serde(default)]
    pub entities: BTreeMap<Entity, Operator>,
}

impl OperatorSettings {
    /// The operator for `entity`.
    pub fn get_operator(&self, entity: &Entity) -> Operator {
        self.entities
            .get(entity)
            .or(self.default.as_ref())
            .cloned()
            .unwrap_or_default()
    }

    /// Fills unset values from `other`.
    pub fn merge_from(&mut self, other: &OperatorSettings) {
        if self.default.is_none() {
            self.default = other.default.clone();
        }
        for (e, op) in &other.entities {
            self.entities.entry(e.clone()).or_insert_with(|| op.clone());
        }
    }
}

/// Placeholders and the original values they stand for, so that text
/// returned by a downstream system can be restored. Holds PHI: its `Debug`
/// shows only the count. Serialize it only to storage you would trust with
/// the original text.
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mapping {
    /// (placeholder, original) pairs in order of first appearance.
    entries: Vec<(String, String)>,
    #[serde(skip)]
    by_value: HashMap<(Entity, String), usize>,
    #[serde(skip)]
    counters: HashMap<Entity, usize>,
}

impl fmt::Debug for Mapping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mapping({} placeholders)", self.entries.len())
    }
}

impl Mapping {
    /// An empty mapping.
    pub fn new() -> Mapping {
        Mapping::default()
    }

    /// Number of placeholders.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no placeholder was issued.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The placeholders issued, in order (no original values).
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(p, _)| p.as_str())
    }

    /// The original value behind a placeholder.
    pub fn original(&self, placeholder: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(p, _)| p == placeholder)
            .map(|(_, o)| o.as_str())
    }

    fn placeholder_for(&mut self, entity: &Entity, value: &str, format: &str) -> String {
        let key = (entity.clone(), normalize_value(value));
        if let Some(&i) = self.by_value.get(&key) {
            return self.entries[i].0.clone();
        }
        if self.by_value.is_empty() && !self.entries.is_empty() {
            self.rebuild_index();
            if let Some(&i) = self.by_value.get(&key) {
                return self.entries[i].0.clone();
            }
        }
        let n = self.counters.entry(entity.clone()).or_insert(0);
        *n += 1;
        let p = format
            .replace("{entity}", entity.as_str())
            .replace("{n}", &n.to_string());
        self.by_value.insert(key, self.entries.len());
        self.entries.push((p.clone(), value.to_string()));
        p
    }

    /// After deserialising, the value index and counters are rebuilt from
    /// the entries (placeholders are parsed back as `…ENTITY_N…`).
    fn rebuild_index(&mut self) {
        for (i, (p, o)) in self.entries.iter().enumerate() {
            let inner = p.trim_matches(|c: char| !c.is_ascii_alphanumeric());
            if let Some((ent, n)) = inner.rsplit_once('_') {
                if let (Some(e), Ok(n)) = (Entity::parse(ent), n.parse::<usize>()) {
                    self.by_value.insert((e.clone(), normalize_value(o)), i);
                    let c = self.counters.entry(e).or_insert(0);
                    *c = (*c).max(n);
                }
            }
        }
    }

    /// Puts the original values back in place of every placeholder found in
    /// `text` (for example a language model's answer to a masked prompt).
    ///
    /// # Example
    /// ```
    /// use phimask_core::*;
    /// let mut policy = Policy::default();
    /// policy.operators.default = Some(Operator::Placeholder { format: None });
    /// let analyzer = Analyzer::builder()
    ///     .policy(policy)
    ///     .add_recognizer(DictionaryRecognizer::builder("names", Entity::Person)
    ///         .terms(["Ana Núñez"]).build()?)
    ///     .build()?;
    /// let masked = analyzer.mask("Ana Núñez called; Ana Núñez will call back.")?;
    /// assert_eq!(masked.text, "[PERSON_1] called; [PERSON_1] will call back.");
    /// let answer = "Summary: [PERSON_1] called.";
    /// assert_eq!(masked.mapping.restore(answer), "Summary: Ana Núñez called.");
    /// # Ok::<(), phimask_core::Error>(())
    /// ```
    pub fn restore(&self, text: &str) -> String {
        if self.entries.is_empty() {
            return text.to_string();
        }
        let Ok(ac) = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(self.entries.iter().map(|(p, _)| p.as_str()))
        else {
            return text.to_string();
        };
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in ac.find_iter(text) {
            out.push_str(&text[last..m.start()]);
            out.push_str(&self.entries[m.pattern().as_usize()].1);
            last = m.end();
        }
        out.push_str(&text[last..]);
        out
    }
}

/// Values are keyed exactly (not case-folded), so that [`Mapping::restore`]
/// gives back the very text that was replaced.
fn normalize_value(v: &str) -> String {
    v.to_string()
}

/// One replaced region: where it was in the input, where its replacement is
/// in the output, and what replaced it.
#[derive(Clone, Debug, PartialEq)]
pub struct MaskedItem {
    /// The entity of the region (that of its best detection).
    pub entity: Entity,
    /// The region in the input text (bytes).
    pub input: Span,
    /// The replacement in the output text (bytes).
    pub output: Span,
    /// The operator's name.
    pub operator: &'static str,
}

/// The result of masking a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Masked {
    /// The de-identified text.
    pub text: String,
    /// Each replaced region, in order.
    pub items: Vec<MaskedItem>,
    /// Placeholders issued (empty unless the placeholder operator ran).
    pub mapping: Mapping,
}

/// Applies operators to analysed text.
#[derive(Clone, Default)]
pub struct Masker {
    settings: OperatorSettings,
    hash_key: Option<Vec<u8>>,
}

impl fmt::Debug for Masker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Masker")
            .field("settings", &self.settings)
            .field("hash_key", &self.hash_key.as_ref().map(|_| "<set>"))
            .finish()
    }
}

/// Builds a [`Masker`].
#[derive(Clone, Default)]
pub struct MaskerBuilder {
    settings: OperatorSettings,
    hash_key: Option<Vec<u8>>,
}

impl fmt::Debug for MaskerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MaskerBuilder")
            .field("settings", &self.settings)
            .finish()
    }
}

impl MaskerBuilder {
    /// Sets the operators.
    pub fn operators(&mut self, settings: OperatorSettings) -> &mut Self {
        self.settings = settings;
        self
    }

    /// Sets the key of the `hash` operator (at least 16 bytes).
    pub fn hash_key(&mut self, key: impl Into<Vec<u8>>) -> &mut Self {
        self.hash_key = Some(key.into());
        self
    }

    /// Checks the settings and builds the masker.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidOperator`] when `hash` is used without a key of
    /// at least 16 bytes, a hash length is out of range, or a mask character
    /// is a line break.
    pub fn build(&self) -> Result<Masker, Error> {
        let ops = self
            .settings
            .default
            .iter()
            .chain(self.settings.entities.values());
        for op in ops {
            match op {
                Operator::Hash { length } => {
                    if self.hash_key.as_ref().is_none_or(|k| k.len() < 16) {
                        return Err(Error::new(ErrorKind::InvalidOperator {
                            message: "the hash operator needs a caller-supplied key of at least 16 bytes (unkeyed hashes of PHI can be reversed by guessing)".into(),
                        }));
                    }
                    if length.is_some_and(|l| l == 0 || l > 64) {
                        return Err(Error::new(ErrorKind::InvalidOperator {
                            message: "hash length must be between 1 and 64".into(),
                        }));
                    }
                }
                Operator::Mask { char: Some(c) } if *c == '\n' || *c == '\r' => {
                    return Err(Error::new(ErrorKind::InvalidOperator {
                        message: "the mask character cannot be a line break".into(),
                    }));
                }
                _ => {}
            }
        }
        Ok(Masker {
            settings: self.settings.clone(),
            hash_key: self.hash_key.clone(),
        })
    }
}

impl Masker {
    /// Starts building a masker.
    pub fn builder() -> MaskerBuilder {
        MaskerBuilder::default()
    }

    /// The operator settings.
    pub fn settings(&self) -> &OperatorSettings {
        &self.settings
    }

    /// Masks `text` according to `analysis` (which must come from analysing
    /// this same text). Every region of [`Analysis::coverage`] is replaced.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidSpan`] when the analysis does not fit the text
    /// (fail closed: no partially masked text is returned).
    pub fn mask(&self, text: &str, analysis: &Analysis) -> Result<Masked, Error> {
        let mut mapping = Mapping::new();
        let (text, items) = self.mask_into(text, analysis, &mut mapping)?;
        Ok(Masked {
            text,
            items,
            mapping,
        })
    }

    /// Like [`Masker::mask`], but issues placeholders into an existing
    /// mapping, so numbering stays consistent across texts (a conversation).
    ///
    /// # Errors
    /// As [`Masker::mask`].
    pub fn mask_into(
        &self,
        text: &str,
        analysis: &Analysis,
        mapping: &mut Mapping,
    ) -> Result<(String, Vec<MaskedItem>), Error> {
        if analysis.text_len != text.len() {
            return Err(Error::new(ErrorKind::InvalidSpan {
                recognizer: "analysis".into(),
                start: 0,
                end: analysis.text_len,
            }));
        }
        let mut out = String::with_capacity(text.len() + text.len() / 2);
        let mut items = Vec::with_capacity(analysis.coverage.len());
        let mut last = 0;
        let mut det = 0;
        for region in &analysis.coverage {
            if region.start < last
                || region.end > text.len()
                || !text.is_char_boundary(region.start)
                || !text.is_char_boundary(region.end)
            {
                return Err(Error::new(ErrorKind::InvalidSpan {
                    recognizer: "analysis".into(),
                    start: region.start,
                    end: region.end,
                }));
            }
            out.push_str(&text[last..region.start]);
            // The region's best detection decides the entity and operator.
            while det < analysis.detections.len()
                && analysis.detections[det].span.end <= region.start
            {
                det += 1;
            }
            let best = analysis.detections[det..]
                .iter()
                .take_while(|d| d.span.start < region.end)
                .max_by(|a, b| a.score.total_cmp(&b.score));
            let (entity, facts) = best
                .map(|d| (d.entity.clone(), d.facts))
                .unwrap_or((Entity::IdNumber, Facts::None));
            let op = self.settings.get_operator(&entity);
            let value = &text[region.range()];
            let start = out.len();
            self.apply(&op, &entity, facts, value, &mut out, mapping);
            items.push(MaskedItem {
                entity,
                input: *region,
                output: Span::new(start, out.len()),
                operator: op.name(),
            });
            last = region.end;
        }
        out.push_str(&text[last..]);
        Ok((out, items))
    }

    fn apply(
        &self,
        op: &Operator,
        entity: &Entity,
        facts: Facts,
        value: &str,
        out: &mut String,
        mapping: &mut Mapping,
    ) {
        match op {
            Operator::Mask { char } => mask_chars(value, char.unwrap_or(MASK_CHAR), out),
            Operator::Replace { value: v } => match v {
                Some(v) => out.push_str(&v.replace("{entity}", entity.as_str())),
                None => {
                    let _ = write!(out, "<{entity}>");
                }
            },
            Operator::Redact => {}
            Operator::Keep => out.push_str(value),
            Operator::Placeholder { format } => {
                let p = mapping.placeholder_for(
                    entity,
                    value,
                    format.as_deref().unwrap_or("[{entity}_{n}]"),
                );
                out.push_str(&p);
            }
            Operator::Hash { length } => {
                let key = self.hash_key.as_deref().unwrap_or_default();
                // Keys are checked at build time; an empty key cannot occur.
                if let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) {
                    mac.update(entity.as_str().as_bytes());
                    mac.update(&[0]);
                    mac.update(value.as_bytes());
                    let digest = mac.finalize().into_bytes();
                    let mut hex = String::with_capacity(64);
                    for b in digest.iter() {
                        let _ = write!(hex, "{b:02x}");
                    }
                    hex.truncate(length.unwrap_or(16).min(64));
                    out.push_str(&hex);
                } else {
                    mask_chars(value, MASK_CHAR, out);
                }
            }
            Operator::Generalize => generalize(entity, facts, value, out),
        }
    }
}

fn mask_chars(value: &str, mask: char, out: &mut String) {
    for c in value.chars() {
        if c == '\n' || c == '\r' {
            out.push(c);
        } else {
            out.push(mask);
        }
    }
}

fn generalize(entity: &Entity, facts: Facts, value: &str, out: &mut String) {
    match entity {
        Entity::ZipCode => {
            let digits: String = value.chars().filter(char::is_ascii_digit).take(3).collect();
            if digits.len() == 3 && !RESTRICTED_ZIP3.contains(&digits.as_str()) {
                out.push_str(&digits);
            } else {
                out.push_str("000");
            }
            out.push_str("**");
        }
        Entity::Age
            if matches!(facts, Facts::Age { years } if years >= 90)
                || matches!(facts, Facts::None) =>
        {
            out.push_str("90 or older");
        }
        _ => mask_chars(value, MASK_CHAR, out),
    }
}
