//! The scorer: compares masked regions with the annotations.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use phimask_core::Span;
use serde::Serialize;

use crate::Note;

/// Figures for one entity or for the whole corpus. Only letters and digits
/// count ("John Smith" is 9 characters; the dashes of "212-555-0198" do not
/// count). Ratios are 1.0 when their denominator is 0.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Metrics {
    /// Letters and digits that must be masked (optional sub-ranges excluded).
    pub phi_chars: usize,
    /// How many of them are masked.
    pub phi_chars_masked: usize,
    /// `phi_chars_masked / phi_chars`.
    pub char_recall: f64,
    /// PHI spans.
    pub phi_spans: usize,
    /// PHI spans whose required letters and digits are all masked.
    pub spans_caught: usize,
    /// `spans_caught / phi_spans`.
    pub span_recall: f64,
    /// Keep spans.
    pub keep_spans: usize,
    /// Keep spans none of whose letters and digits is masked.
    pub keeps_preserved: usize,
    /// `keeps_preserved / keep_spans`.
    pub keep_preservation: f64,
    /// Masked letters and digits. Per entity: those inside the entity's
    /// spans, plus masked characters outside any PHI span that belong to a
    /// masked region touching one of the entity's spans (over-extension) or,
    /// for keep entities, that lie inside one of its keep spans.
    pub masked_chars: usize,
    /// Masked letters and digits inside PHI spans (optional sub-ranges
    /// included: masking a date's year is allowed).
    pub masked_chars_in_phi: usize,
    /// `masked_chars_in_phi / masked_chars`.
    pub char_precision: f64,
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

impl Metrics {
    fn finish(&mut self) {
        self.char_recall = ratio(self.phi_chars_masked, self.phi_chars);
        self.span_recall = ratio(self.spans_caught, self.phi_spans);
        self.keep_preservation = ratio(self.keeps_preserved, self.keep_spans);
        self.char_precision = ratio(self.masked_chars_in_phi, self.masked_chars);
    }
}

/// A PHI span that was not wholly masked, or a keep span that was touched.
/// The text is synthetic, so showing it is fine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Leak {
    /// The note's id.
    pub note_id: String,
    /// The annotation's entity.
    pub entity: String,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// The annotated text.
    pub text: String,
}

/// The result of [`score`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Figures over all notes and entities.
    pub overall: Metrics,
    /// Figures per annotation entity (PHI and keep entities alike).
    pub per_entity: BTreeMap<String, Metrics>,
    /// PHI spans not wholly masked.
    pub leaks: Vec<Leak>,
    /// Keep spans with at least one masked letter or digit.
    pub masked_keeps: Vec<Leak>,
    /// Figures per note kind (`Note::kind`): the overall figures of the
    /// notes of that kind alone.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub per_kind: BTreeMap<String, Metrics>,
    /// Recall of PERSON spans per name origin (`Annotation::origin`), for
    /// corpora that record it; only the PHI-span fields are filled.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub per_origin: BTreeMap<String, Metrics>,
}

/// Thresholds a [`Report`] must meet. `Default` is the project's targets.
#[derive(Clone, Debug, PartialEq)]
pub struct Targets {
    /// Minimum overall character recall (0.995).
    pub char_recall: f64,
    /// Minimum overall span recall (0.99).
    pub span_recall: f64,
    /// Minimum span recall of every entity that has PHI spans (0.97).
    pub entity_span_recall: f64,
    /// Minimum overall keep preservation (0.99).
    pub keep_preservation: f64,
    /// Minimum overall character precision (0.95).
    pub char_precision: f64,
}

impl Default for Targets {
    fn default() -> Targets {
        Targets {
            char_recall: 0.995,
            span_recall: 0.99,
            entity_span_recall: 0.97,
            keep_preservation: 0.99,
            char_precision: 0.95,
        }
    }
}

impl Report {
    /// True when every target is met.
    ///
    /// # Example
    /// ```
    /// use phimask_corpora::{score, Targets};
    /// let notes = phimask_corpora::generate(1, 2);
    /// let nothing = vec![Vec::new(); notes.len()];
    /// assert!(!score(&notes, &nothing).meets(&Targets::default()));
    /// ```
    pub fn meets(&self, t: &Targets) -> bool {
        self.failures(t).is_empty()
    }

    /// The targets missed, one line each (empty when all are met).
    pub fn failures(&self, t: &Targets) -> Vec<String> {
        let o = &self.overall;
        let mut out = Vec::new();
        let mut check = |what: &str, got: f64, min: f64| {
            if got < min {
                out.push(format!("{what}: {:.4} < {min:.4}", got));
            }
        };
        check("char recall", o.char_recall, t.char_recall);
        check("span recall", o.span_recall, t.span_recall);
        check(
            "keep preservation",
            o.keep_preservation,
            t.keep_preservation,
        );
        check("char precision", o.char_precision, t.char_precision);
        for (e, m) in &self.per_entity {
            if m.phi_spans > 0 {
                check(
                    &format!("{e} span recall"),
                    m.span_recall,
                    t.entity_span_recall,
                );
            }
        }
        out
    }

    /// A human-readable table, one row per entity plus the overall row.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<24} {:>6} {:>7} {:>8} {:>8} {:>6} {:>8} {:>9}",
            "entity", "spans", "caught", "span_rc", "char_rc", "keeps", "kept_ok", "char_prec"
        );
        let row = |s: &mut String, name: &str, m: &Metrics| {
            let _ = writeln!(
                s,
                "{:<24} {:>6} {:>7} {:>8.4} {:>8.4} {:>6} {:>8.4} {:>9.4}",
                name,
                m.phi_spans,
                m.spans_caught,
                m.span_recall,
                m.char_recall,
                m.keep_spans,
                m.keep_preservation,
                m.char_precision
            );
        };
        for (e, m) in &self.per_entity {
            row(&mut s, e, m);
        }
        row(&mut s, "OVERALL", &self.overall);
        let _ = writeln!(
            s,
            "leaked spans: {}, masked keep spans: {}",
            self.leaks.len(),
            self.masked_keeps.len()
        );
        s
    }

    /// A human-readable table of the figures per note kind and, when the
    /// corpus records name origins, PERSON span recall per origin. Empty
    /// when the corpus has a single kind and no origins.
    ///
    /// # Example
    /// ```
    /// use phimask_corpora::{score, Annotation, Note};
    /// let mut a = Annotation::new("PERSON", 0, 4);
    /// a.origin = Some("word".into());
    /// let mk = |kind: &str| Note {
    ///     id: kind.into(),
    ///     kind: kind.into(),
    ///     text: "Hope called".into(),
    ///     phi: vec![a.clone()],
    ///     keep: vec![],
    /// };
    /// let r = score(&[mk("chat"), mk("letter")], &[vec![], vec![phimask_core::Span::new(0, 4)]]);
    /// assert_eq!(r.per_kind["letter"].span_recall, 1.0);
    /// assert_eq!(r.per_origin["word"].spans_caught, 1);
    /// assert!(r.breakdown_table().contains("chat"));
    /// ```
    pub fn breakdown_table(&self) -> String {
        let mut s = String::new();
        if self.per_kind.len() > 1 {
            let _ = writeln!(
                s,
                "{:<24} {:>6} {:>7} {:>8} {:>8} {:>6} {:>8} {:>9}",
                "kind", "spans", "caught", "span_rc", "char_rc", "keeps", "kept_ok", "char_prec"
            );
            for (k, m) in &self.per_kind {
                let _ = writeln!(
                    s,
                    "{:<24} {:>6} {:>7} {:>8.4} {:>8.4} {:>6} {:>8.4} {:>9.4}",
                    k,
                    m.phi_spans,
                    m.spans_caught,
                    m.span_recall,
                    m.char_recall,
                    m.keep_spans,
                    m.keep_preservation,
                    m.char_precision
                );
            }
        }
        if !self.per_origin.is_empty() {
            let _ = writeln!(
                s,
                "{:<24} {:>6} {:>7} {:>8} {:>8}",
                "name origin", "spans", "caught", "span_rc", "char_rc"
            );
            for (o, m) in &self.per_origin {
                let _ = writeln!(
                    s,
                    "{:<24} {:>6} {:>7} {:>8.4} {:>8.4}",
                    o, m.phi_spans, m.spans_caught, m.span_recall, m.char_recall
                );
            }
        }
        s
    }
}

/// Scores masked regions against the annotations. `coverage[i]` holds the
/// masked byte regions of `notes[i]` (e.g. `Analysis::coverage`); missing
/// entries count as nothing masked, and regions are clamped to the text.
///
/// A letter or digit counts as masked when its first byte is inside a
/// region. A PHI span is caught when all its letters and digits outside its
/// optional sub-ranges are masked; a keep span is preserved when none of its
/// letters and digits is masked.
///
/// # Example
/// ```
/// use phimask_core::Span;
/// use phimask_corpora::{score, Annotation, Note};
/// let note = Note {
///     id: "n".into(),
///     kind: "x".into(),
///     text: "Call 212-555-0198 now".into(),
///     phi: vec![Annotation::new("PHONE_NUMBER", 5, 17)],
///     keep: vec![],
/// };
/// let report = score(&[note], &[vec![Span::new(5, 12)]]); // "212-555" only
/// assert_eq!(report.overall.phi_chars, 10);
/// assert_eq!(report.overall.phi_chars_masked, 6);
/// assert_eq!(report.overall.spans_caught, 0);
/// assert_eq!(report.leaks[0].text, "212-555-0198");
/// ```
pub fn score(notes: &[Note], coverage: &[Vec<Span>]) -> Report {
    let items: Vec<(&Note, &[Span])> = notes
        .iter()
        .enumerate()
        .map(|(i, n)| (n, coverage.get(i).map_or(&[][..], Vec::as_slice)))
        .collect();
    let mut report = score_items(&items);
    let mut kinds: BTreeMap<&str, Vec<(&Note, &[Span])>> = BTreeMap::new();
    for &(n, c) in &items {
        kinds.entry(n.kind.as_str()).or_default().push((n, c));
    }
    report.per_kind = kinds
        .into_iter()
        .map(|(k, v)| (k.to_owned(), score_items(&v).overall))
        .collect();
    report
}

/// Scores (note, masked regions) pairs: the overall and per-entity figures,
/// leaks and PERSON recall per name origin (no per-kind breakdown).
fn score_items(items: &[(&Note, &[Span])]) -> Report {
    let mut overall = Metrics::default();
    let mut per_origin: BTreeMap<String, Metrics> = BTreeMap::new();
    let mut per: BTreeMap<String, Metrics> = BTreeMap::new();
    let mut leaks = Vec::new();
    let mut masked_keeps = Vec::new();

    for &(note, cov) in items {
        let text = note.text.as_str();
        let n = text.len();
        let regions = merge(cov, n);
        let mut covered = vec![false; n];
        for r in &regions {
            covered[r.start..r.end].iter_mut().for_each(|b| *b = true);
        }
        // Byte flags: inside any PHI span, inside a required part of one.
        let mut in_phi = vec![false; n];
        let mut required = vec![false; n];
        for a in &note.phi {
            let (s, e) = (a.start.min(n), a.end.min(n));
            in_phi[s..e].iter_mut().for_each(|b| *b = true);
            let mut req = vec![true; e.saturating_sub(s)];
            for o in &a.optional {
                for b in o[0].max(s)..o[1].min(e) {
                    req[b - s] = false;
                }
            }
            for (k, r) in req.into_iter().enumerate() {
                if r {
                    required[s + k] = true;
                }
            }
        }
        let alnum: Vec<usize> = text
            .char_indices()
            .filter(|(_, c)| c.is_alphanumeric())
            .map(|(b, _)| b)
            .collect();

        // Overall characters.
        for &b in &alnum {
            if required[b] {
                overall.phi_chars += 1;
                if covered[b] {
                    overall.phi_chars_masked += 1;
                }
            }
            if covered[b] {
                overall.masked_chars += 1;
                if in_phi[b] {
                    overall.masked_chars_in_phi += 1;
                }
            }
        }

        // PHI spans.
        for a in &note.phi {
            let m = per.entry(a.entity.clone()).or_default();
            let (s, e) = (a.start.min(n), a.end.min(n));
            let lo = alnum.partition_point(|&b| b < s);
            let hi = alnum.partition_point(|&b| b < e);
            let mut all = true;
            for &b in &alnum[lo..hi] {
                let optional = a.optional.iter().any(|o| o[0] <= b && b < o[1]);
                if !optional {
                    m.phi_chars += 1;
                    if covered[b] {
                        m.phi_chars_masked += 1;
                    } else {
                        all = false;
                    }
                }
                if covered[b] {
                    m.masked_chars += 1;
                    m.masked_chars_in_phi += 1;
                }
            }
            m.phi_spans += 1;
            overall.phi_spans += 1;
            if let Some(o) = &a.origin {
                let om = per_origin.entry(o.clone()).or_default();
                om.phi_spans += 1;
                om.spans_caught += usize::from(all);
                for &b in &alnum[lo..hi] {
                    if !a.optional.iter().any(|o| o[0] <= b && b < o[1]) {
                        om.phi_chars += 1;
                        om.phi_chars_masked += usize::from(covered[b]);
                    }
                }
            }
            if all {
                m.spans_caught += 1;
                overall.spans_caught += 1;
            } else {
                leaks.push(leak(note, &a.entity, s, e));
            }
        }

        // Keep spans.
        for a in &note.keep {
            let m = per.entry(a.entity.clone()).or_default();
            let (s, e) = (a.start.min(n), a.end.min(n));
            let lo = alnum.partition_point(|&b| b < s);
            let hi = alnum.partition_point(|&b| b < e);
            m.keep_spans += 1;
            overall.keep_spans += 1;
            if alnum[lo..hi].iter().any(|&b| covered[b]) {
                masked_keeps.push(leak(note, &a.entity, s, e));
            } else {
                m.keeps_preserved += 1;
                overall.keeps_preserved += 1;
            }
        }

        // Masked characters outside PHI: charge them to the entities whose
        // spans the region touches, else to a keep span holding them.
        for r in &regions {
            let touched: BTreeSet<&str> = note
                .phi
                .iter()
                .filter(|a| a.start < r.end && r.start < a.end)
                .map(|a| a.entity.as_str())
                .collect();
            let lo = alnum.partition_point(|&b| b < r.start);
            let hi = alnum.partition_point(|&b| b < r.end);
            for &b in &alnum[lo..hi] {
                if in_phi[b] {
                    continue;
                }
                if !touched.is_empty() {
                    for e in &touched {
                        if let Some(m) = per.get_mut(*e) {
                            m.masked_chars += 1;
                        }
                    }
                } else if let Some(k) = note.keep.iter().find(|k| k.start <= b && b < k.end) {
                    if let Some(m) = per.get_mut(&k.entity) {
                        m.masked_chars += 1;
                    }
                }
            }
        }
    }

    overall.finish();
    per.values_mut().for_each(Metrics::finish);
    per_origin.values_mut().for_each(Metrics::finish);
    Report {
        overall,
        per_entity: per,
        leaks,
        masked_keeps,
        per_kind: BTreeMap::new(),
        per_origin,
    }
}

fn leak(note: &Note, entity: &str, s: usize, e: usize) -> Leak {
    Leak {
        note_id: note.id.clone(),
        entity: entity.to_owned(),
        start: s,
        end: e,
        text: note.text.get(s..e).unwrap_or("").to_owned(),
    }
}

/// Sorts, clamps and merges regions.
fn merge(spans: &[Span], n: usize) -> Vec<Span> {
    let mut v: Vec<Span> = spans
        .iter()
        .map(|s| Span::new(s.start.min(n), s.end.min(n).max(s.start.min(n))))
        .filter(|s| !s.is_empty())
        .collect();
    v.sort();
    let mut out: Vec<Span> = Vec::with_capacity(v.len());
    for s in v {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Annotation;

    fn note(text: &str, phi: Vec<Annotation>, keep: Vec<Annotation>) -> Note {
        Note {
            id: "t".into(),
            kind: "test".into(),
            text: text.into(),
            phi,
            keep,
        }
    }

    fn find(text: &str, needle: &str) -> (usize, usize) {
        let s = text.find(needle).unwrap();
        (s, s + needle.len())
    }

    #[test]
    fn letters_and_digits_only() {
        let text = "Pt John Smith, ph 212-555-0198.";
        let (ps, pe) = find(text, "John Smith");
        let (fs, fe) = find(text, "212-555-0198");
        let n = note(
            text,
            vec![
                Annotation::new("PERSON", ps, pe),
                Annotation::new("PHONE_NUMBER", fs, fe),
            ],
            vec![],
        );
        // Mask "John" and "Smith" separately (space unmasked) and the digit
        // groups without the dashes: everything counts as caught.
        let cov = vec![
            Span::new(ps, ps + 4),
            Span::new(ps + 5, pe),
            Span::new(fs, fs + 3),
            Span::new(fs + 4, fs + 7),
            Span::new(fs + 8, fe),
        ];
        let r = score(&[n], &[cov]);
        assert_eq!(r.overall.phi_chars, 9 + 10);
        assert_eq!(r.overall.phi_chars_masked, 19);
        assert_eq!(r.overall.spans_caught, 2);
        assert_eq!(r.overall.masked_chars, 19);
        assert_eq!(r.overall.char_precision, 1.0);
        assert!(r.leaks.is_empty());
        assert_eq!(r.per_entity["PERSON"].phi_chars, 9);
        assert_eq!(r.per_entity["PHONE_NUMBER"].phi_chars, 10);
    }

    #[test]
    fn partial_mask_is_a_leak_with_char_credit() {
        let text = "Seen by Dr. Ana Núñez today";
        let (s, e) = find(text, "Ana Núñez");
        let n = note(text, vec![Annotation::new("PERSON", s, e)], vec![]);
        let r = score(&[n], &[vec![Span::new(s, s + 3)]]);
        assert_eq!(r.overall.phi_chars, 8);
        assert_eq!(r.overall.phi_chars_masked, 3);
        assert!((r.overall.char_recall - 3.0 / 8.0).abs() < 1e-12);
        assert_eq!(r.overall.span_recall, 0.0);
        assert_eq!(r.leaks.len(), 1);
        assert_eq!(r.leaks[0].text, "Ana Núñez");
        assert_eq!(r.leaks[0].entity, "PERSON");
    }

    #[test]
    fn optional_year_may_stay_or_go() {
        let text = "Admitted 03/14/2024.";
        let (s, e) = find(text, "03/14/2024");
        let mut a = Annotation::new("DATE_TIME", s, e);
        a.optional.push([s + 6, e]);
        let n = note(text, vec![a], vec![]);
        // Month and day only: caught, 4 required chars.
        let r1 = score(std::slice::from_ref(&n), &[vec![Span::new(s, s + 5)]]);
        assert_eq!(r1.overall.phi_chars, 4);
        assert_eq!(r1.overall.spans_caught, 1);
        assert_eq!(r1.overall.masked_chars, 4);
        // The whole date: also caught, and the year counts as PHI for precision.
        let r2 = score(std::slice::from_ref(&n), &[vec![Span::new(s, e)]]);
        assert_eq!(r2.overall.phi_chars_masked, 4);
        assert_eq!(r2.overall.masked_chars, 8);
        assert_eq!(r2.overall.masked_chars_in_phi, 8);
        assert_eq!(r2.overall.char_precision, 1.0);
        // The year only: a leak.
        let r3 = score(&[n], &[vec![Span::new(s + 6, e)]]);
        assert_eq!(r3.overall.spans_caught, 0);
        assert_eq!(r3.overall.phi_chars_masked, 0);
    }

    #[test]
    fn keep_preservation_and_precision() {
        let text = "A 45-year-old on sertraline 50 mg, PHQ-9: 14, seen by Hope Lee.";
        let (as_, ae) = find(text, "45-year-old");
        let (ds, de) = find(text, "sertraline 50 mg");
        let (qs, qe) = find(text, "PHQ-9: 14");
        let (ns, ne) = find(text, "Hope Lee");
        let n = note(
            text,
            vec![Annotation::new("PERSON", ns, ne)],
            vec![
                Annotation::new("AGE", as_, ae),
                Annotation::new("MEDICATION", ds, de),
                Annotation::new("SCORE", qs, qe),
            ],
        );
        // Masks the name, "50" of the dose, and the space/dash of "PHQ-9: "
        // (punctuation only: no letter or digit touched).
        let cov = vec![
            Span::new(ns, ne),
            Span::new(ds + 11, ds + 13),
            Span::new(qs + 3, qs + 4),
            Span::new(qs + 5, qs + 7),
        ];
        let r = score(&[n], &[cov]);
        assert_eq!(r.overall.keep_spans, 3);
        assert_eq!(r.overall.keeps_preserved, 2);
        assert!((r.overall.keep_preservation - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(r.masked_keeps.len(), 1);
        assert_eq!(r.masked_keeps[0].text, "sertraline 50 mg");
        // 7 name chars + 2 dose digits masked; 7 in PHI.
        assert_eq!(r.overall.masked_chars, 9);
        assert_eq!(r.overall.masked_chars_in_phi, 7);
        assert!((r.overall.char_precision - 7.0 / 9.0).abs() < 1e-12);
        let med = &r.per_entity["MEDICATION"];
        assert_eq!(
            (med.keep_spans, med.keeps_preserved, med.masked_chars),
            (1, 0, 2)
        );
        assert_eq!(med.char_precision, 0.0);
        assert_eq!(r.per_entity["AGE"].keep_preservation, 1.0);
        assert_eq!(r.per_entity["PERSON"].char_precision, 1.0);
    }

    #[test]
    fn over_extension_is_charged_to_the_entity() {
        let text = "MRN 00123456 stable";
        let (s, e) = find(text, "00123456");
        let n = note(
            text,
            vec![Annotation::new("MEDICAL_RECORD_NUMBER", s, e)],
            vec![],
        );
        // Masks "MRN 00123456": 3 extra letters in the same region.
        let r = score(&[n], &[vec![Span::new(0, e)]]);
        let m = &r.per_entity["MEDICAL_RECORD_NUMBER"];
        assert_eq!((m.masked_chars, m.masked_chars_in_phi), (11, 8));
        assert!((m.char_precision - 8.0 / 11.0).abs() < 1e-12);
        assert_eq!(r.overall.masked_chars, 11);
        assert_eq!(m.span_recall, 1.0);
    }

    #[test]
    fn per_entity_and_ratios_default_to_one() {
        let text = "Jo Li 10027 Ann";
        let n = note(
            text,
            vec![
                Annotation::new("PERSON", 0, 5),
                Annotation::new("ZIP_CODE", 6, 11),
                Annotation::new("PERSON", 12, 15),
            ],
            vec![],
        );
        let r = score(&[n], &[vec![Span::new(0, 11), Span::new(100, 200)]]);
        let p = &r.per_entity["PERSON"];
        assert_eq!(
            (p.phi_spans, p.spans_caught, p.phi_chars, p.phi_chars_masked),
            (2, 1, 7, 4)
        );
        assert_eq!(p.keep_preservation, 1.0);
        assert_eq!(r.per_entity["ZIP_CODE"].span_recall, 1.0);
        assert!((r.overall.span_recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((r.overall.char_recall - 9.0 / 12.0).abs() < 1e-12);
        let empty = score(&[], &[]);
        assert_eq!(empty.overall.char_recall, 1.0);
        assert_eq!(empty.overall.char_precision, 1.0);
        assert!(empty.meets(&Targets::default()));
        assert!(!r.meets(&Targets::default()));
        assert!(r
            .failures(&Targets::default())
            .iter()
            .any(|f| f.starts_with("PERSON span recall")));
        assert!(r.table().contains("OVERALL"));
    }

    #[test]
    fn per_kind_and_per_origin() {
        let text = "Hope Ngata and KT, 10027";
        let (hs, he) = find(text, "Hope Ngata");
        let (ks, ke) = find(text, "KT");
        let (zs, ze) = find(text, "10027");
        let mut hope = Annotation::new("PERSON", hs, he);
        hope.origin = Some("word".into());
        let mut kt = Annotation::new("PERSON", ks, ke);
        kt.origin = Some("initials".into());
        let zip = Annotation::new("ZIP_CODE", zs, ze);
        let mut a = note(text, vec![hope.clone(), kt.clone(), zip.clone()], vec![]);
        a.kind = "chat".into();
        let mut b = note(text, vec![hope, kt, zip], vec![]);
        b.kind = "letter".into();
        // Note a: the name and the ZIP masked, the initials not.
        // Note b: only "Hope" masked.
        let r = score(
            &[a, b],
            &[
                vec![Span::new(hs, he), Span::new(zs, ze)],
                vec![Span::new(hs, hs + 4)],
            ],
        );
        let chat = &r.per_kind["chat"];
        assert_eq!((chat.phi_spans, chat.spans_caught), (3, 2));
        let letter = &r.per_kind["letter"];
        assert_eq!((letter.phi_spans, letter.spans_caught), (3, 0));
        assert_eq!(letter.phi_chars_masked, 4);
        let word = &r.per_origin["word"];
        assert_eq!((word.phi_spans, word.spans_caught), (2, 1));
        assert_eq!((word.phi_chars, word.phi_chars_masked), (18, 13));
        assert_eq!(r.per_origin["initials"].span_recall, 0.0);
        assert!(!r.per_origin.contains_key("ZIP_CODE"));
        // The overall figures are those of all notes together.
        assert_eq!(r.overall.phi_spans, 6);
        assert_eq!(r.overall.spans_caught, 2);
        let t = r.breakdown_table();
        assert!(t.contains("letter") && t.contains("initials"), "{t}");
        // One kind and no origins: nothing to break down.
        let plain = score(
            &[note("Bob", vec![Annotation::new("PERSON", 0, 3)], vec![])],
            &[],
        );
        assert!(plain.breakdown_table().is_empty());
        assert!(plain.per_origin.is_empty());
    }

    #[test]
    fn missing_coverage_counts_as_nothing_masked() {
        let n = note("Bob", vec![Annotation::new("PERSON", 0, 3)], vec![]);
        let r = score(&[n], &[]);
        assert_eq!(r.overall.phi_chars_masked, 0);
        assert_eq!(r.leaks.len(), 1);
    }
}
