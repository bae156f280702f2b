//! The analyzer: recognizers → context → scope → resolution.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use crate::context::ContextWords;
use crate::document::{fold_str, Document, Normalized};
use crate::operators::{Masked, Masker};
use crate::policy::{Overlap, Policy};
use crate::recognizer::{Context, Recognizer, RecordRegion};
use crate::scope::ScopeRule;
use crate::{
    Analysis, Candidate, CivilDate, Detection, DictionaryRecognizer, Entity, Error, ErrorKind,
    Explanation, KeepReason, Kept, PatternRecognizer, Span,
};

/// A function that supplies the built-in recognizers for a policy (the
/// `phimask-recognizers` crate provides one; the `phimask` façade wires it).
pub type BuiltinsFn = fn(&Policy) -> Result<Vec<Arc<dyn Recognizer>>, Error>;

/// Per-call options for [`Analyzer::analyze_with`]. Unset fields take the
/// analyzer's values.
#[derive(Clone, Debug, Default)]
pub struct AnalyzeOptions {
    /// Report only these entities.
    pub entities: Option<Vec<Entity>>,
    /// Drop candidates scoring below this.
    pub score_threshold: Option<f32>,
    /// The date age rules take as "today".
    pub reference_date: Option<CivilDate>,
    /// Also list candidates dropped for their score in [`Analysis::kept`].
    pub explain: bool,
}

/// Finds PHI in text. Built once with [`Analyzer::builder`], immutable,
/// `Send + Sync` and cheap to clone (an `Arc` inside): share one across
/// threads. Analysis never recompiles anything.
///
/// # Example
/// ```
/// use phimask_core::*;
/// let analyzer = Analyzer::builder()
///     .add_recognizer(PatternRecognizer::builder("ssn", Entity::UsSsn)
///         .pattern("dashed", r"\b\d{3}-\d{2}-\d{4}\b", 0.6)
///         .context(["ssn", "social security"])
///         .build()?)
///     .build()?;
/// let masked = analyzer.mask("SSN 123-45-6789 on file")?;
/// assert_eq!(masked.text, "SSN ●●●●●●●●●●● on file");
/// # Ok::<(), phimask_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Analyzer {
    inner: Arc<Inner>,
}

struct Inner {
    recognizers: Vec<Arc<dyn Recognizer>>,
    /// Per recognizer: true for the policy's own patterns and deny lists,
    /// whose candidates stand inside the structured parts of records too
    /// ([`RecordRegion`]).
    policy_defined: Vec<bool>,
    contexts: Vec<ContextWords>,
    /// The one scan: a multi-pattern automaton over every declared `regex`
    /// pattern of every recognizer ([`Recognizer::patterns`]); `set_map[i]`
    /// is the declared pattern's global index. `None` when the recognizers
    /// declare none, or the automaton would be too large (then every
    /// declared pattern runs).
    set: Option<regex::RegexSet>,
    set_map: Vec<usize>,
    /// Where each recognizer's declared patterns start in the global list.
    pattern_offsets: Vec<usize>,
    /// How many patterns are declared in all.
    declared: usize,
    scope_rules: Vec<Arc<dyn ScopeRule>>,
    allow: HashSet<String>,
    allow_case_sensitive: bool,
    policy: Policy,
    masker: Masker,
}

impl fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.inner.recognizers.iter().map(|r| r.id()).collect();
        f.debug_struct("Analyzer")
            .field("recognizers", &ids)
            .field("scope_rules", &self.inner.scope_rules)
            .field("allow_values", &self.inner.allow.len())
            .field("score_threshold", &self.inner.policy.get_score_threshold())
            .finish()
    }
}

/// Builds an [`Analyzer`]. Setters take `&mut self`; [`build`](Self::build)
/// takes `&self` and can be called again.
#[derive(Clone, Default)]
pub struct AnalyzerBuilder {
    policy: Policy,
    recognizers: Vec<Arc<dyn Recognizer>>,
    scope_rules: Vec<Arc<dyn ScopeRule>>,
    builtins: Option<BuiltinsFn>,
    hash_key: Option<Vec<u8>>,
}

impl fmt::Debug for AnalyzerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AnalyzerBuilder")
            .field("policy", &self.policy.name)
            .field("recognizers", &self.recognizers.len())
            .field("builtins", &self.builtins.is_some())
            .finish()
    }
}

impl AnalyzerBuilder {
    /// Sets the policy (replacing any earlier one).
    pub fn policy(&mut self, policy: Policy) -> &mut Self {
        self.policy = policy;
        self
    }

    /// Adds a recognizer.
    pub fn add_recognizer<R: Recognizer + 'static>(&mut self, recognizer: R) -> &mut Self {
        self.recognizers.push(Arc::new(recognizer));
        self
    }

    /// Adds a shared recognizer.
    pub fn add_shared_recognizer(&mut self, recognizer: Arc<dyn Recognizer>) -> &mut Self {
        self.recognizers.push(recognizer);
        self
    }

    /// Adds a scoping rule (beside those the policy names).
    pub fn add_scope_rule<R: ScopeRule + 'static>(&mut self, rule: R) -> &mut Self {
        self.scope_rules.push(Arc::new(rule));
        self
    }

    /// Sets where built-in recognizers come from. Without it, a policy's
    /// `recognizers.builtin` has no effect.
    pub fn builtins(&mut self, f: BuiltinsFn) -> &mut Self {
        self.builtins = Some(f);
        self
    }

    /// Sets the minimum score (overrides the policy's).
    pub fn score_threshold(&mut self, threshold: f32) -> &mut Self {
        self.policy.score_threshold = Some(threshold);
        self
    }

    /// Sets the reference date (overrides the policy's).
    pub fn reference_date(&mut self, date: CivilDate) -> &mut Self {
        self.policy.reference_date = Some(date);
        self
    }

    /// Sets the key for the `hash` operator.
    pub fn hash_key(&mut self, key: impl Into<Vec<u8>>) -> &mut Self {
        self.hash_key = Some(key.into());
        self
    }

    /// Compiles everything: recognizers from the policy, the multi-pattern
    /// set, scoping rules and the masker.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidPolicy`] for a bad policy (an unknown recognizer
    /// id to disable, a duplicate id, a bad value), [`ErrorKind::InvalidPattern`]
    /// for a pattern that does not compile, [`ErrorKind::InvalidOperator`]
    /// for an unusable operator.
    pub fn build(&self) -> Result<Analyzer, Error> {
        let policy = &self.policy;
        policy.validate()?;
        let mut recognizers: Vec<Arc<dyn Recognizer>> = Vec::new();
        if policy.get_builtin() {
            if let Some(f) = self.builtins {
                recognizers.extend(f(policy)?);
            }
        }
        recognizers.extend(self.recognizers.iter().cloned());
        for spec in &policy.recognizers.patterns {
            let mut b = PatternRecognizer::builder(&spec.id, spec.entity.clone());
            for p in &spec.patterns {
                b.pattern(&p.name, &p.regex, p.score);
            }
            b.context(spec.context.iter().cloned());
            recognizers.push(Arc::new(b.build()?));
        }
        for spec in &policy.recognizers.deny_lists {
            let r = DictionaryRecognizer::builder(&spec.id, spec.entity.clone())
                .terms(&spec.terms)
                .score(spec.score.unwrap_or(1.0))
                .case_sensitive(spec.case_sensitive.unwrap_or(false))
                .build()?;
            recognizers.push(Arc::new(r));
        }
        for id in &policy.recognizers.disable {
            if !recognizers.iter().any(|r| r.id() == id) {
                let mut ids: Vec<&str> = recognizers.iter().map(|r| r.id()).collect();
                ids.sort_unstable();
                return Err(Error::policy(format!(
                    "recognizers.disable: no recognizer has id `{id}`; the ids are: {}",
                    ids.join(", ")
                )));
            }
        }
        recognizers.retain(|r| !policy.recognizers.disable.iter().any(|d| d == r.id()));
        let mut seen = HashSet::new();
        for r in &recognizers {
            if !seen.insert(r.id().to_string()) {
                return Err(Error::policy(format!(
                    "two recognizers have the id `{}`",
                    r.id()
                )));
            }
        }

        let policy_defined = recognizers
            .iter()
            .map(|r| {
                let id = r.id();
                policy.recognizers.patterns.iter().any(|p| p.id == id)
                    || policy.recognizers.deny_lists.iter().any(|p| p.id == id)
            })
            .collect();

        let contexts = recognizers
            .iter()
            .map(|r| ContextWords::new(r.context_words()))
            .collect();

        // The one scan: every recognizer's declared `regex` patterns in one
        // multi-pattern automaton. Look-around patterns take no part (they
        // always run, under their backtrack limit).
        let mut sources = Vec::new();
        let mut set_map = Vec::new();
        let mut pattern_offsets = Vec::with_capacity(recognizers.len());
        let mut declared = 0;
        for r in &recognizers {
            pattern_offsets.push(declared);
            for p in r.patterns() {
                if !p.is_fancy() {
                    sources.push(p.source());
                    set_map.push(declared);
                }
                declared += 1;
            }
        }
        let set = if sources.is_empty() {
            None
        } else {
            // Too large for one automaton: every declared pattern runs.
            regex::RegexSetBuilder::new(&sources)
                .size_limit(256 << 20)
                .dfa_size_limit(64 << 20)
                .build()
                .ok()
        };

        let age_limit = policy.scope.get_age_limit();
        let mut scope_rules = Vec::new();
        for name in policy.scope.get_keep() {
            scope_rules.push(crate::scope::builtin_rule(&name, age_limit)?);
        }
        scope_rules.extend(self.scope_rules.iter().cloned());

        let allow_case_sensitive = policy.allow.case_sensitive.unwrap_or(false);
        let allow = policy
            .allow
            .values
            .iter()
            .map(|v| {
                if allow_case_sensitive {
                    v.trim().to_string()
                } else {
                    fold_str(v.trim())
                }
            })
            .collect();

        let mut mb = Masker::builder();
        mb.operators(policy.operators.clone());
        if let Some(k) = &self.hash_key {
            mb.hash_key(k.clone());
        }
        let masker = mb.build()?;

        Ok(Analyzer {
            inner: Arc::new(Inner {
                recognizers,
                policy_defined,
                contexts,
                set,
                set_map,
                pattern_offsets,
                declared,
                scope_rules,
                allow,
                allow_case_sensitive,
                policy: policy.clone(),
                masker,
            }),
        })
    }
}

/// A candidate with its recognizer and context result, during analysis.
struct Scored {
    recognizer: usize,
    candidate: Candidate,
    base: f32,
    boost: f32,
    context_word: Option<Arc<str>>,
}

impl Analyzer {
    /// Starts building an analyzer.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// The policy this analyzer was built from.
    pub fn policy(&self) -> &Policy {
        &self.inner.policy
    }

    /// The masker built from the policy's operators.
    pub fn masker(&self) -> &Masker {
        &self.inner.masker
    }

    /// The ids of the recognizers in use.
    pub fn recognizer_ids(&self) -> impl Iterator<Item = &str> {
        self.inner.recognizers.iter().map(|r| r.id())
    }

    /// Analyses `text` with the analyzer's settings.
    ///
    /// # Errors
    /// [`ErrorKind::InputTooLarge`], [`ErrorKind::BacktrackLimit`],
    /// [`ErrorKind::InvalidSpan`] or a recognizer's own error. Never a
    /// partial result.
    pub fn analyze(&self, text: &str) -> Result<Analysis, Error> {
        self.analyze_with(text, &AnalyzeOptions::default())
    }

    /// Analyses `text` with per-call options.
    ///
    /// # Example
    /// ```
    /// use phimask_core::*;
    /// let analyzer = Analyzer::builder()
    ///     .add_recognizer(PatternRecognizer::builder("ssn", Entity::UsSsn)
    ///         .pattern("ssn", r"\d{3}-\d{2}-\d{4}", 0.9).build()?)
    ///     .build()?;
    /// let opts = AnalyzeOptions { entities: Some(vec![Entity::Person]), ..Default::default() };
    /// assert!(analyzer.analyze_with("123-45-6789", &opts)?.detections.is_empty());
    /// # Ok::<(), phimask_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Analyzer::analyze`].
    pub fn analyze_with(&self, text: &str, opts: &AnalyzeOptions) -> Result<Analysis, Error> {
        crate::boundary::catch_panic("analyze", || self.analyze_unguarded(text, opts))
    }

    fn analyze_unguarded(&self, text: &str, opts: &AnalyzeOptions) -> Result<Analysis, Error> {
        let max = self.inner.policy.get_max_input_bytes();
        if text.len() > max {
            return Err(Error::new(ErrorKind::InputTooLarge {
                len: text.len(),
                max,
            }));
        }
        // Recognizers match on the normalized view (Unicode spaces, dashes,
        // full-width digits folded; invisible characters removed); every
        // span is mapped back to the original text before it is returned.
        let view = Normalized::new(text);
        let mut analysis = self.analyze_view(view.text(), opts)?;
        if view.is_folded() {
            for d in &mut analysis.detections {
                d.span = view.to_original(d.span);
            }
            for k in &mut analysis.kept {
                k.span = view.to_original(k.span);
            }
            for c in &mut analysis.coverage {
                *c = view.to_original(*c);
            }
            analysis.text_len = text.len();
        }
        Ok(analysis)
    }

    fn analyze_view(&self, text: &str, opts: &AnalyzeOptions) -> Result<Analysis, Error> {
        let inner = &*self.inner;
        let policy = &inner.policy;
        let entities = opts.entities.as_deref().or(policy.entities.as_deref());
        let reference = opts
            .reference_date
            .or(policy.reference_date)
            .unwrap_or_else(CivilDate::today);
        let ctx = Context::new(reference).with_entities(entities);
        let threshold = opts
            .score_threshold
            .unwrap_or_else(|| policy.get_score_threshold());

        let wanted = |ri: usize| {
            entities.is_none_or(|es| {
                inner.recognizers[ri]
                    .entities()
                    .iter()
                    .any(|e| es.contains(e))
            })
        };

        // 1. Recognizers.
        let mut scored: Vec<Scored> = Vec::new();
        let mut buf: Vec<Candidate> = Vec::new();
        let mut collect = |ri: usize, buf: &mut Vec<Candidate>| -> Result<(), Error> {
            for c in buf.drain(..) {
                let r = &inner.recognizers[ri];
                if c.span.start > c.span.end
                    || c.span.end > text.len()
                    || !text.is_char_boundary(c.span.start)
                    || !text.is_char_boundary(c.span.end)
                {
                    return Err(Error::new(ErrorKind::InvalidSpan {
                        recognizer: r.id().to_string(),
                        start: c.span.start,
                        end: c.span.end,
                    }));
                }
                if c.span.is_empty() || !ctx.wants(&c.entity) {
                    continue;
                }
                scored.push(Scored {
                    recognizer: ri,
                    base: c.score,
                    candidate: c,
                    boost: 0.0,
                    context_word: None,
                });
            }
            Ok(())
        };
        let doc = Document::new(text);
        let mut record_structure = None;
        // The one scan over every declared pattern; fancy ones stay `true`.
        let mut hits = vec![true; inner.declared];
        if let Some(set) = &inner.set {
            let matched = set.matches(text);
            for (i, &global) in inner.set_map.iter().enumerate() {
                hits[global] = matched.matched(i);
            }
        }
        for (ri, r) in inner.recognizers.iter().enumerate() {
            if !wanted(ri) {
                continue;
            }
            let rctx = ctx.clone().with_hits(&hits, inner.pattern_offsets[ri]);
            // A panicking recognizer must not take the caller down, nor
            // leave its part of the text unexamined: fail closed. The
            // analysis as a whole runs inside `boundary::catch_panic`; this
            // inner guard names the recognizer in the error.
            catch_unwind(AssertUnwindSafe(|| r.recognize(&doc, &rctx, &mut buf))).unwrap_or_else(
                |_| {
                    Err(Error::recognizer(
                        r.id(),
                        "the recognizer panicked; analysis stopped",
                    ))
                },
            )?;
            collect(ri, &mut buf)?;
        }

        // 1b. Structured records: inside a record's structured parts only
        // the recognizer that reads the record (and the policy's own
        // patterns and deny lists) decides; other candidates there go.
        let mut regions: Vec<(usize, RecordRegion)> = Vec::new();
        let mut reported = Vec::new();
        for (ri, r) in inner.recognizers.iter().enumerate() {
            if !wanted(ri) {
                continue;
            }
            catch_unwind(AssertUnwindSafe(|| r.record_regions(&doc, &mut reported))).map_err(
                |_| {
                    Error::recognizer(
                        r.id(),
                        "the recognizer panicked while reporting records; analysis stopped",
                    )
                },
            )?;
            regions.extend(reported.drain(..).filter_map(|mut g| {
                if g.span.is_empty() || g.span.end > text.len() {
                    return None;
                }
                g.free_text.sort_unstable();
                Some((ri, g))
            }));
        }
        let mut kept = Vec::new();
        if !regions.is_empty() {
            regions.sort_by_key(|(_, g)| (g.span.start, g.span.end));
            let structure = |ri: Option<usize>, span: Span| -> bool {
                let upto = regions.partition_point(|(_, g)| g.span.start <= span.start);
                regions[..upto]
                    .iter()
                    .rev()
                    .any(|(owner, g)| Some(*owner) != ri && g.is_structure(span))
            };
            scored.retain(|s| {
                if inner.policy_defined[s.recognizer]
                    || !structure(Some(s.recognizer), s.candidate.span)
                {
                    return true;
                }
                if opts.explain {
                    kept.push(self.kept(s, KeepReason::Rule(Arc::from("record_structure"))));
                }
                false
            });
            record_structure = Some(structure);
        }

        // 2. Context enhancement.
        let cs = &policy.context;
        for s in &mut scored {
            let cw = &inner.contexts[s.recognizer];
            if s.candidate.context_applied || cw.is_empty() || s.candidate.score >= 1.0 {
                continue;
            }
            if let Some(word) = cw.find(&doc, s.candidate.span, cs) {
                let new = (s.candidate.score + cs.get_boost())
                    .max(cs.get_floor())
                    .min(1.0);
                s.boost = new - s.candidate.score;
                s.candidate.score = new;
                s.context_word = Some(word);
            }
        }

        // 2b. A weak bare number right after a strong name on the same line
        // is that person's identifier ("LEWIS, LAYLA  7153-8230").
        let mut names: Vec<Span> = scored
            .iter()
            .filter(|s| s.candidate.entity == Entity::Person && s.candidate.score >= threshold)
            .map(|s| s.candidate.span)
            .collect();
        if !names.is_empty() {
            names.sort_unstable_by_key(|n| (n.end, n.start));
            let raised = cs.get_floor().max(threshold).min(1.0);
            for s in &mut scored {
                if s.candidate.score < threshold
                    && crate::neighbours::is_bare_number_entity(&s.candidate.entity)
                    && crate::neighbours::follows_a_name(text, &names, s.candidate.span)
                {
                    s.boost = raised - s.candidate.score;
                    s.candidate.score = raised;
                    s.context_word = Some(Arc::from(crate::neighbours::NAME_EVIDENCE));
                }
            }
        }

        // 3. Allow list, scope rules, threshold.
        let mut survivors: Vec<Scored> = Vec::with_capacity(scored.len());
        let mut rule_kept: Vec<(Span, f32)> = Vec::new();
        for s in scored {
            let value = &text[s.candidate.span.range()];
            let reason = if !inner.allow.is_empty() && inner.allow.contains(&self.allow_key(value))
            {
                Some(KeepReason::AllowList)
            } else {
                inner
                    .scope_rules
                    .iter()
                    .find(|r| r.keeps(text, &s.candidate, &ctx))
                    .map(|r| KeepReason::Rule(Arc::from(r.name())))
            };
            let below = s.candidate.score < threshold;
            match reason {
                Some(reason) => {
                    if matches!(reason, KeepReason::Rule(_)) && !below {
                        rule_kept.push((s.candidate.span, s.candidate.score));
                    }
                    kept.push(self.kept(&s, reason));
                }
                None if below => {
                    if opts.explain {
                        kept.push(self.kept(&s, KeepReason::BelowThreshold));
                    }
                }
                None => survivors.push(s),
            }
        }

        // 4. A candidate that a rule kept also keeps weaker candidates
        // lying wholly inside it ("45" inside "45-year-old", "York" inside
        // "New York").
        if !rule_kept.is_empty() {
            // Sorted by start, with the running maximum of their ends: a
            // survivor looks back only over kept spans that can still reach
            // its end, not over all of them.
            rule_kept.sort_unstable_by_key(|(span, _)| (span.start, span.end));
            let mut reach = Vec::with_capacity(rule_kept.len());
            let mut max_end = 0;
            for (span, _) in &rule_kept {
                max_end = max_end.max(span.end);
                reach.push(max_end);
            }
            let inside_kept = |c: &Candidate| -> bool {
                let upto = rule_kept.partition_point(|(span, _)| span.start <= c.span.start);
                (0..upto)
                    .rev()
                    .take_while(|&j| reach[j] >= c.span.end)
                    .any(|j| {
                        let (span, score) = &rule_kept[j];
                        span.contains(&c.span) && *score > c.score
                    })
            };
            survivors.retain(|s| match inside_kept(&s.candidate).then_some(()) {
                Some(_) => {
                    kept.push(self.kept(s, KeepReason::Rule(Arc::from("inside_kept_span"))));
                    false
                }
                None => true,
            });
        }

        // 5. Coverage: the union of survivors.
        let mut coverage = union(survivors.iter().map(|s| s.candidate.span).collect());

        // 6. Resolution: one answer per region.
        let overlap = policy.overlap.unwrap_or_default();
        survivors.sort_by(|a, b| {
            let (ca, cb) = (&a.candidate, &b.candidate);
            let by_score = cb.score.total_cmp(&ca.score);
            let by_len = cb.span.len().cmp(&ca.span.len());
            let primary = match overlap {
                Overlap::HighestScore => by_score.then(by_len),
                Overlap::Longest => by_len.then(by_score),
            };
            primary
                .then(ca.span.start.cmp(&cb.span.start))
                .then(ca.span.end.cmp(&cb.span.end))
                .then(ca.entity.cmp(&cb.entity))
                // Ties break on the recognizer's id, not its position, so the
                // answer does not depend on the order recognizers were added.
                .then_with(|| {
                    inner.recognizers[a.recognizer]
                        .id()
                        .cmp(inner.recognizers[b.recognizer].id())
                })
        });
        // Chosen spans never overlap, so each new span need only be checked
        // against its two neighbours by start: O(log n) per candidate.
        let mut chosen: BTreeMap<usize, usize> = BTreeMap::new();
        let mut detections = Vec::new();
        for s in survivors {
            let span = s.candidate.span;
            let before = chosen.range(..=span.start).next_back();
            let after = chosen.range(span.start..).next();
            let clash = before.is_some_and(|(_, &end)| end > span.start)
                || after.is_some_and(|(&start, _)| start < span.end);
            if clash {
                continue;
            }
            chosen.insert(span.start, span.end);
            detections.push(self.detection(s));
        }
        detections.sort_by_key(|d| (d.span.start, d.span.end));
        kept.sort_by_key(|k| (k.span.start, k.span.end));

        // 7. Document-wide consistency: the other mentions of every value
        // found (the surname alone, another case), where nothing was decided.
        if policy.get_consistency() && !detections.is_empty() {
            let mut more = crate::consistency::further_mentions(&doc, &detections, &kept);
            more.retain(|d| ctx.wants(&d.entity));
            // A record's recognizer decides its structured parts.
            if let Some(structure) = &record_structure {
                more.retain(|d| !structure(None, d.span));
            }
            if !more.is_empty() {
                coverage.extend(more.iter().map(|d| d.span));
                coverage = union(coverage);
                detections.extend(more);
                detections.sort_by_key(|d| (d.span.start, d.span.end));
            }
        }

        Ok(Analysis {
            detections,
            coverage,
            kept,
            text_len: text.len(),
        })
    }

    fn allow_key(&self, value: &str) -> String {
        if self.inner.allow_case_sensitive {
            value.trim().to_string()
        } else {
            fold_str(value.trim())
        }
    }

    fn kept(&self, s: &Scored, reason: KeepReason) -> Kept {
        Kept {
            span: s.candidate.span,
            entity: s.candidate.entity.clone(),
            score: s.candidate.score,
            recognizer: Arc::from(self.inner.recognizers[s.recognizer].id()),
            facts: s.candidate.facts,
            reason,
        }
    }

    fn detection(&self, s: Scored) -> Detection {
        let recognizer: Arc<str> = Arc::from(self.inner.recognizers[s.recognizer].id());
        Detection {
            span: s.candidate.span,
            entity: s.candidate.entity,
            score: s.candidate.score,
            facts: s.candidate.facts,
            explanation: Explanation {
                recognizer: recognizer.clone(),
                pattern: s.candidate.pattern,
                base_score: s.base,
                context_boost: s.boost,
                context_word: s.context_word,
                validated: s.candidate.validated,
            },
            recognizer,
        }
    }

    /// Analyses and masks `text` with the policy's operators.
    ///
    /// # Errors
    /// As [`Analyzer::analyze`]; no partially masked text is ever returned.
    pub fn mask(&self, text: &str) -> Result<Masked, Error> {
        let analysis = self.analyze(text)?;
        crate::boundary::catch_panic("mask", || self.inner.masker.mask(text, &analysis))
    }

    /// Analyses many texts in parallel on `threads` threads (default: the
    /// number of cores). The threads live only for this call, so none is
    /// left running when a process forks (Spark, Dask, multiprocessing).
    /// Results are in input order; one text's error does not stop the
    /// others.
    ///
    /// # Example
    /// ```
    /// use phimask_core::*;
    /// let analyzer = Analyzer::builder()
    ///     .add_recognizer(PatternRecognizer::builder("ssn", Entity::UsSsn)
    ///         .pattern("ssn", r"\d{3}-\d{2}-\d{4}", 0.9).build()?)
    ///     .build()?;
    /// let results = analyzer.analyze_batch(&["a 123-45-6789", "nothing"], Some(2));
    /// assert_eq!(results[0].as_ref().map(|a| a.detections.len()), Ok(1));
    /// assert_eq!(results[1].as_ref().map(|a| a.detections.len()), Ok(0));
    /// # Ok::<(), phimask_core::Error>(())
    /// ```
    pub fn analyze_batch<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        threads: Option<usize>,
    ) -> Vec<Result<Analysis, Error>> {
        crate::boundary::run_batch(texts, threads, "analyze_batch", |t| self.analyze(t))
    }

    /// Masks many texts in parallel; see [`Analyzer::analyze_batch`].
    pub fn mask_batch<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        threads: Option<usize>,
    ) -> Vec<Result<Masked, Error>> {
        crate::boundary::run_batch(texts, threads, "mask_batch", |t| self.mask(t))
    }
}

/// The union of `spans` as sorted, disjoint spans (a sorted sweep).
fn union(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}
