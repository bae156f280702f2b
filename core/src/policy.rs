//! Policies: one serde document (TOML or JSON) that configures an analyzer
//! and its masker, read the same way by Rust, Python, C and the CLI.
//!
//! Every field is optional; unknown fields are rejected with an error that
//! names them. [`Policy::merge_from`] fills unset fields from another policy,
//! so a user's file can override a base policy field by field.
//!
//! ```toml
//! name = "acme"
//! score_threshold = 0.5
//!
//! [recognizers]
//! disable = ["person_dictionary"]
//!
//! [[recognizers.patterns]]
//! id = "acme_mrn"
//! entity = "MEDICAL_RECORD_NUMBER"
//! context = ["mrn", "chart"]
//! patterns = [{ name = "acme", regex = '\bAC-\d{6}\b', score = 0.6 }]
//!
//! [[recognizers.deny_lists]]
//! id = "staff"
//! entity = "PERSON"
//! terms = ["Okonkwo", "Smithers"]
//!
//! [allow]
//! values = ["Springfield Clinic"]
//!
//! [scope]
//! keep = ["age_under_90", "year_alone", "relative_time", "us_state", "country", "clinical_code", "eponym"]
//!
//! [operators]
//! default = { type = "mask" }
//! entities = { PERSON = { type = "placeholder" } }
//! ```

use crate::context::ContextSettings;
use crate::operators::OperatorSettings;
use crate::{CivilDate, Entity, Error};

/// How overlapping detections are resolved into one answer per region.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overlap {
    /// The highest score wins, then the longest span (default).
    #[default]
    HighestScore,
    /// The longest span wins, then the highest score.
    Longest,
}

/// A custom pattern recognizer, with Presidio's fields.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    /// A unique id.
    pub id: String,
    /// The entity it reports.
    pub entity: Entity,
    /// Its patterns.
    pub patterns: Vec<PatternEntry>,
    /// Context words that raise the score.
    #[serde(default)]
    pub context: Vec<String>,
}

/// One pattern of a [`PatternSpec`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternEntry {
    /// The pattern's name.
    pub name: String,
    /// The regular expression (a named group `phi` narrows the span).
    pub regex: String,
    /// The base score, 0–1.
    pub score: f32,
}

/// A custom deny list: exact terms always reported as an entity.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DenyListSpec {
    /// A unique id.
    pub id: String,
    /// The entity it reports.
    pub entity: Entity,
    /// The terms.
    pub terms: Vec<String>,
    /// The score (default 1.0).
    pub score: Option<f32>,
    /// Match case exactly (default false).
    pub case_sensitive: Option<bool>,
}

/// Which recognizers run.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecognizerSettings {
    /// Include the built-in recognizers (default true).
    pub builtin: Option<bool>,
    /// Ids of recognizers to turn off (an unknown id is an error).
    #[serde(default)]
    pub disable: Vec<String>,
    /// Custom pattern recognizers.
    #[serde(default)]
    pub patterns: Vec<PatternSpec>,
    /// Custom deny lists.
    #[serde(default)]
    pub deny_lists: Vec<DenyListSpec>,
}

/// Exact values that are never reported.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowSettings {
    /// The values.
    #[serde(default)]
    pub values: Vec<String>,
    /// Compare case exactly (default false).
    pub case_sensitive: Option<bool>,
}

/// The scoping rules: what may stay in the text.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeSettings {
    /// Names of the rules that keep candidates (see
    /// [`crate::scope::BUILTIN_RULES`]). Unset means the Safe Harbor set.
    pub keep: Option<Vec<String>>,
    /// The age from which ages and revealing birth years are masked
    /// (default 90).
    pub age_limit: Option<u32>,
}

impl ScopeSettings {
    /// The rule names in force.
    pub fn get_keep(&self) -> Vec<String> {
        self.keep.clone().unwrap_or_else(|| {
            crate::scope::BUILTIN_RULES
                .iter()
                .map(|s| s.to_string())
                .collect()
        })
    }

    /// The age limit in force.
    pub fn get_age_limit(&self) -> u32 {
        self.age_limit.unwrap_or(90)
    }
}

/// A whole policy. See the [module documentation](self) for an example.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// A name for reports.
    pub name: Option<String>,
    /// Candidates scoring below this are dropped (default 0.5).
    pub score_threshold: Option<f32>,
    /// Report only these entities (default: all).
    pub entities: Option<Vec<Entity>>,
    /// The date taken as "today" by age rules (default: the system date).
    pub reference_date: Option<CivilDate>,
    /// Inputs longer than this many bytes are refused (default 64 MiB).
    pub max_input_bytes: Option<usize>,
    /// How overlaps are resolved (default `highest_score`).
    pub overlap: Option<Overlap>,
    /// Which recognizers run.
    #[serde(default)]
    pub recognizers: RecognizerSettings,
    /// Context enhancement.
    #[serde(default)]
    pub context: ContextSettings,
    /// The allow list.
    #[serde(default)]
    pub allow: AllowSettings,
    /// The scoping rules.
    #[serde(default)]
    pub scope: ScopeSettings,
    /// Operators per entity.
    #[serde(default)]
    pub operators: OperatorSettings,
    /// Document-wide consistency: once a value is detected, its other
    /// mentions in the same text are masked too (the surname alone,
    /// another letter case, the possessive). Default on.
    pub consistency: Option<bool>,
}

/// The default maximum input length: 64 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 << 20;

impl Policy {
    /// The Safe Harbor policy: every built-in recognizer; ages under 90,
    /// lone years, relative times, states and countries stay; everything
    /// else detected is masked with ●.
    pub fn safe_harbor() -> Policy {
        Policy {
            name: Some("safe_harbor".into()),
            ..Policy::default()
        }
    }

    /// The strict policy: like Safe Harbor, but every date (years and
    /// relative dates included) and every age is masked. States, countries
    /// and clinical content (codes named by their code system, eponyms)
    /// still stay.
    pub fn strict() -> Policy {
        Policy {
            name: Some("strict".into()),
            scope: ScopeSettings {
                keep: Some(vec![
                    "us_state".into(),
                    "country".into(),
                    "clinical_code".into(),
                    "eponym".into(),
                ]),
                age_limit: None,
            },
            ..Policy::default()
        }
    }

    /// A built-in policy by name (`safe_harbor` or `strict`).
    pub fn named(name: &str) -> Option<Policy> {
        match name {
            "safe_harbor" | "safe-harbor" | "default" => Some(Policy::safe_harbor()),
            "strict" => Some(Policy::strict()),
            _ => None,
        }
    }

    /// Parses a TOML policy.
    ///
    /// # Example
    /// ```
    /// use phimask_core::Policy;
    /// let err = Policy::from_toml("scor_threshold = 0.5").unwrap_err();
    /// assert!(err.to_string().contains("scor_threshold"));
    /// ```
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidPolicy`] naming the field at fault.
    pub fn from_toml(doc: &str) -> Result<Policy, Error> {
        let p: Policy = toml::from_str(doc).map_err(|e| Error::policy(value_free(e.message())))?;
        p.validate()?;
        Ok(p)
    }

    /// Parses a JSON policy.
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidPolicy`] naming the field at fault.
    pub fn from_json(doc: &str) -> Result<Policy, Error> {
        let p: Policy =
            serde_json::from_str(doc).map_err(|e| Error::policy(value_free(&e.to_string())))?;
        p.validate()?;
        Ok(p)
    }

    /// Parses TOML or JSON, telling them apart by the first non-blank
    /// character (`{` means JSON).
    ///
    /// # Errors
    /// As [`Policy::from_toml`] and [`Policy::from_json`].
    pub fn parse(doc: &str) -> Result<Policy, Error> {
        if doc.trim_start().starts_with('{') {
            Policy::from_json(doc)
        } else {
            Policy::from_toml(doc)
        }
    }

    /// Serialises to TOML.
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidPolicy`] if a value cannot be written.
    pub fn to_toml(&self) -> Result<String, Error> {
        toml::to_string(self).map_err(|e| Error::policy(e.to_string()))
    }

    /// Checks values that serde cannot: ranges and uniqueness.
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidPolicy`] naming the field at fault.
    pub fn validate(&self) -> Result<(), Error> {
        let unit = |v: Option<f32>, field: &str| match v {
            Some(x) if !(0.0..=1.0).contains(&x) || x.is_nan() => {
                Err(Error::policy(format!("{field}: must be between 0 and 1")))
            }
            _ => Ok(()),
        };
        unit(self.score_threshold, "score_threshold")?;
        unit(self.context.boost, "context.boost")?;
        unit(self.context.floor, "context.floor")?;
        let mut ids = std::collections::HashSet::new();
        for id in self
            .recognizers
            .patterns
            .iter()
            .map(|p| &p.id)
            .chain(self.recognizers.deny_lists.iter().map(|d| &d.id))
        {
            if id.is_empty() {
                return Err(Error::policy("recognizers: an id is empty"));
            }
            if !ids.insert(id) {
                return Err(Error::policy(format!(
                    "recognizers: id `{id}` is used twice"
                )));
            }
        }
        for p in &self.recognizers.patterns {
            for e in &p.patterns {
                unit(
                    Some(e.score),
                    &format!("recognizers.patterns `{}`.score", p.id),
                )?;
            }
        }
        for d in &self.recognizers.deny_lists {
            unit(d.score, &format!("recognizers.deny_lists `{}`.score", d.id))?;
        }
        for rule in self.scope.get_keep() {
            crate::scope::builtin_rule(&rule, self.scope.get_age_limit())?;
        }
        Ok(())
    }

    /// Fills every unset field of `self` from `base` (lists of custom
    /// recognizers, disabled ids and allowed values are concatenated).
    pub fn merge_from(&mut self, base: &Policy) {
        self.name = self.name.take().or_else(|| base.name.clone());
        self.score_threshold = self.score_threshold.or(base.score_threshold);
        self.entities = self.entities.take().or_else(|| base.entities.clone());
        self.reference_date = self.reference_date.or(base.reference_date);
        self.max_input_bytes = self.max_input_bytes.or(base.max_input_bytes);
        self.overlap = self.overlap.or(base.overlap);
        let r = &mut self.recognizers;
        r.builtin = r.builtin.or(base.recognizers.builtin);
        r.disable.extend(base.recognizers.disable.iter().cloned());
        r.patterns.extend(base.recognizers.patterns.iter().cloned());
        r.deny_lists
            .extend(base.recognizers.deny_lists.iter().cloned());
        self.context.merge_from(&base.context);
        self.allow.values.extend(base.allow.values.iter().cloned());
        self.allow.case_sensitive = self.allow.case_sensitive.or(base.allow.case_sensitive);
        self.scope.keep = self.scope.keep.take().or_else(|| base.scope.keep.clone());
        self.scope.age_limit = self.scope.age_limit.or(base.scope.age_limit);
        self.operators.merge_from(&base.operators);
    }

    /// Whether document-wide consistency is on (default true).
    pub fn get_consistency(&self) -> bool {
        self.consistency.unwrap_or(true)
    }

    /// The score threshold in force.
    pub fn get_score_threshold(&self) -> f32 {
        self.score_threshold.unwrap_or(0.5)
    }

    /// The maximum input length in force.
    pub fn get_max_input_bytes(&self) -> usize {
        self.max_input_bytes.unwrap_or(DEFAULT_MAX_INPUT_BYTES)
    }

    /// True when the built-in recognizers are included.
    pub fn get_builtin(&self) -> bool {
        self.recognizers.builtin.unwrap_or(true)
    }
}

/// A policy parse error without any value from the document: the parsers
/// (serde, toml) quote the offending value and the source line; keep the
/// field, position and expected type, drop the rest.
fn value_free(message: &str) -> String {
    let mut kept = Vec::new();
    for line in message.lines() {
        let t = line.trim_start();
        // toml's source excerpt: `1 | disable = "…"`, `  |    ^^^`.
        let excerpt = t.starts_with('|')
            || t.split_once('|').is_some_and(|(n, _)| {
                !n.trim().is_empty() && n.trim().chars().all(|c| c.is_ascii_digit())
            });
        if !excerpt && !t.is_empty() {
            kept.push(t);
        }
    }
    let joined = kept.join(": ");
    // The schema's own words come after ", expected"; before it, quoted
    // text is a value from the document.
    let (head, tail) = match joined.find(", expected") {
        Some(i) => joined.split_at(i),
        None => (joined.as_str(), ""),
    };
    let mut out = String::with_capacity(joined.len());
    let mut in_quote: Option<char> = None;
    let mut keep_ticks = false;
    for (i, c) in head.char_indices() {
        match in_quote {
            Some(q) if c == q => {
                out.push(c);
                in_quote = None;
            }
            Some('`') if keep_ticks => out.push(c),
            Some(_) => {}
            None if c == '"' || c == '`' => {
                keep_ticks = c == '`' && head[..i].ends_with("unknown field ");
                if !keep_ticks {
                    out.push(c);
                    out.push('…');
                } else {
                    out.push(c);
                }
                in_quote = Some(c);
            }
            None => out.push(c),
        }
    }
    out.push_str(tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_fields_are_named() {
        for doc in [
            "score_treshold = 0.4",
            "[context]\nwindow = 3",
            "[[recognizers.patterns]]\nid='x'\nentity='PERSON'\npatterns=[{name='a', regex='b', scor=0.5}]",
            "[operators]\ndefault = { type = 'mask', chr = '*' }",
        ] {
            let err = Policy::from_toml(doc).map(|_| ()).unwrap_err().to_string();
            let field = ["score_treshold", "window", "scor", "chr"]
                .into_iter()
                .find(|f| doc.contains(f))
                .unwrap_or_default();
            assert!(err.contains(field), "{err}");
        }
        let err = Policy::from_json(r#"{"scope": {"kep": []}}"#).unwrap_err();
        assert!(err.to_string().contains("kep"));
    }

    #[test]
    fn values_are_checked() {
        assert!(Policy::from_toml("score_threshold = 1.5").is_err());
        assert!(Policy::from_toml("[scope]\nkeep = ['years']").is_err());
        assert!(Policy::from_toml("reference_date = '2026-13-01'").is_err());
        assert!(Policy::from_toml("[operators.entities]\nPERSON = { type = 'shred' }").is_err());
    }

    #[test]
    fn round_trips_and_merges() -> Result<(), Error> {
        let mut p = Policy::from_toml(
            "score_threshold = 0.7\n[operators.entities]\nPERSON = { type = 'placeholder' }",
        )?;
        p.merge_from(&Policy::strict());
        assert_eq!(p.get_score_threshold(), 0.7);
        assert_eq!(p.name.as_deref(), Some("strict"));
        let back = Policy::from_toml(&p.to_toml()?)?;
        assert_eq!(back, p);
        Ok(())
    }

    #[test]
    fn parse_errors_never_quote_values() {
        let toml_doc = "[[recognizers.deny_lists]]\nid = \"x\"\nentity = \"PERSON\"\nterms = \"Maria Lopez 123-45-6789\"\n";
        let json_doc = r#"{"recognizers": {"deny_lists": [{"id": "x", "entity": "PERSON", "terms": "Maria Lopez 123-45-6789"}]}}"#;
        for doc in [toml_doc, json_doc] {
            let msg = Policy::parse(doc).map(|_| ()).unwrap_err().to_string();
            assert!(!msg.contains("Maria") && !msg.contains("6789"), "{msg}");
            assert!(msg.contains("expected a sequence"), "{msg}");
        }
        let msg = Policy::parse("scor_threshold = 0.5")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(msg.contains("scor_threshold"), "{msg}");
    }
}
