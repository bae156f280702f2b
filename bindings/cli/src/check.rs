//! `phimask check` and `phimask eval`: run an analyzer over annotated notes
//! (generated, rendered from user templates, or read from a corpus), score
//! it, and report for people, as JSON, or as JUnit XML for CI systems.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::time::Instant;

use phimask::{Analyzer, Span};
use phimask_corpora::{Leak, Note, Report, ValueFormats};

/// How to build the notes of a check.
#[derive(Clone, Debug)]
pub struct CheckConfig {
    /// How many notes to generate (or render from the templates).
    pub count: usize,
    /// The seed: the same seed gives the same notes.
    pub seed: u64,
    /// User templates with `{PERSON}`, `{MRN}`… slots; empty means the
    /// built-in generator.
    pub templates: Vec<String>,
    /// User value formats (their MRN scheme, say).
    pub formats: ValueFormats,
    /// With templates, also include `count` generated notes.
    pub include_generated: bool,
    /// The most identifiers that may survive (default 0).
    pub max_leaks: usize,
    /// The largest share of keep spans that may be masked (default 0.02).
    pub max_masked_keeps: f64,
    /// Worker threads.
    pub threads: usize,
}

impl Default for CheckConfig {
    fn default() -> CheckConfig {
        CheckConfig {
            count: 200,
            seed: 0,
            templates: Vec::new(),
            formats: ValueFormats::new(),
            include_generated: false,
            max_leaks: 0,
            max_masked_keeps: 0.02,
            threads: crate::scrub::default_threads(),
        }
    }
}

/// Splits a templates file into templates: they are separated by lines
/// holding only `---`; blank templates are dropped.
///
/// # Example
/// ```
/// let t = phimask_cli::check::split_templates("Seen by {PERSON}.\n---\nMRN {MRN}\n");
/// assert_eq!(t, ["Seen by {PERSON}.", "MRN {MRN}"]);
/// ```
pub fn split_templates(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in doc.split_inclusive('\n') {
        if line.trim_end_matches(['\r', '\n']).trim() == "---" {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push_str(line);
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|t| t.trim_end_matches(['\r', '\n']).to_string())
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// Builds the notes of a check.
///
/// # Errors
/// A template that does not render (an unknown slot, an unbalanced brace):
/// the message names the template's number and the problem.
pub fn build_notes(cfg: &CheckConfig) -> Result<Vec<Note>, String> {
    let mut notes = Vec::new();
    if cfg.templates.is_empty() || cfg.include_generated {
        notes.extend(phimask_corpora::generate(cfg.seed, cfg.count));
    }
    if !cfg.templates.is_empty() {
        for i in 0..cfg.count {
            let t = i % cfg.templates.len();
            let seed = cfg.seed.wrapping_mul(1_000_003).wrapping_add(i as u64);
            let mut note = phimask_corpora::render_template(&cfg.templates[t], seed, &cfg.formats)
                .map_err(|e| format!("template {}: {e}", t + 1))?;
            note.id = format!("template{}-{}", t + 1, i);
            notes.push(note);
        }
    }
    Ok(notes)
}

/// Analyses every note in parallel and returns the masked regions of each.
///
/// # Errors
/// The first note the analyzer fails on (fail closed), naming its id.
pub fn coverage(
    analyzer: &Analyzer,
    notes: &[Note],
    threads: usize,
) -> Result<Vec<Vec<Span>>, String> {
    let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
    let mut out = Vec::with_capacity(notes.len());
    for (i, r) in analyzer
        .analyze_batch(&texts, Some(threads.max(1)))
        .into_iter()
        .enumerate()
    {
        match r {
            Ok(a) => out.push(a.coverage),
            Err(e) => {
                let id = notes.get(i).map_or("?", |n| n.id.as_str());
                return Err(format!("note {id}: {e}"));
            }
        }
    }
    Ok(out)
}

/// The verdict of a check.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CheckOutcome {
    /// True when the check passed.
    pub passed: bool,
    /// Why it failed (empty when it passed).
    pub reasons: Vec<String>,
    /// The policy's name.
    pub policy: String,
    /// The seed.
    pub seed: u64,
    /// Notes checked.
    pub notes: usize,
    /// Identifiers injected.
    pub phi_spans: usize,
    /// Identifiers that survived (wholly or partly).
    pub leaked: usize,
    /// Keep spans.
    pub keep_spans: usize,
    /// Keep spans with something masked.
    pub masked_keeps: usize,
    /// `masked_keeps / keep_spans`.
    pub masked_keep_rate: f64,
    /// The limit on identifiers that may survive.
    pub max_leaks: usize,
    /// The limit on `masked_keep_rate`.
    pub max_masked_keeps: f64,
    /// Seconds taken.
    pub seconds: f64,
    /// PHI entities (those with identifiers injected).
    pub phi_entities: BTreeSet<String>,
    /// Keep entities.
    pub keep_entities: BTreeSet<String>,
    /// The scorer's full report.
    pub report: Report,
}

/// Runs a check: builds the notes, analyses them, scores.
///
/// # Errors
/// A template that does not render, or an analysis error.
pub fn run_check(analyzer: &Analyzer, cfg: &CheckConfig) -> Result<CheckOutcome, String> {
    let start = Instant::now();
    let notes = build_notes(cfg)?;
    let cov = coverage(analyzer, &notes, cfg.threads)?;
    let report = phimask_corpora::score(&notes, &cov);
    let mut phi_entities = BTreeSet::new();
    let mut keep_entities = BTreeSet::new();
    for n in &notes {
        phi_entities.extend(n.phi.iter().map(|a| a.entity.clone()));
        keep_entities.extend(n.keep.iter().map(|a| a.entity.clone()));
    }
    let o = &report.overall;
    let rate = if o.keep_spans == 0 {
        0.0
    } else {
        report.masked_keeps.len() as f64 / o.keep_spans as f64
    };
    let mut reasons = Vec::new();
    if o.phi_spans == 0 {
        // A gate that injected nothing tested nothing: it must not pass.
        reasons.push(
            "no identifiers were injected (the templates have no PHI slots such as {PERSON} or {MRN})"
                .to_string(),
        );
    }
    if report.leaks.len() > cfg.max_leaks {
        reasons.push(format!(
            "{} of {} injected identifiers survived (limit {})",
            report.leaks.len(),
            o.phi_spans,
            cfg.max_leaks
        ));
    }
    if rate > cfg.max_masked_keeps {
        reasons.push(format!(
            "{} of {} keep spans were masked ({:.2}% > limit {:.2}%)",
            report.masked_keeps.len(),
            o.keep_spans,
            rate * 100.0,
            cfg.max_masked_keeps * 100.0
        ));
    }
    Ok(CheckOutcome {
        passed: reasons.is_empty(),
        reasons,
        policy: analyzer
            .policy()
            .name
            .clone()
            .unwrap_or_else(|| "custom".to_string()),
        seed: cfg.seed,
        notes: notes.len(),
        phi_spans: o.phi_spans,
        leaked: report.leaks.len(),
        keep_spans: o.keep_spans,
        masked_keeps: report.masked_keeps.len(),
        masked_keep_rate: rate,
        max_leaks: cfg.max_leaks,
        max_masked_keeps: cfg.max_masked_keeps,
        seconds: start.elapsed().as_secs_f64(),
        phi_entities,
        keep_entities,
        report,
    })
}

fn leak_line(l: &Leak) -> String {
    format!(
        "{} {} [{}..{}] {:?}",
        l.note_id, l.entity, l.start, l.end, l.text
    )
}

impl CheckOutcome {
    /// The report for people.
    pub fn human(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "phimask check: {} synthetic notes (seed {}), policy {}, {:.2}s",
            self.notes, self.seed, self.policy, self.seconds
        );
        let _ = writeln!(
            s,
            "  identifiers injected: {}, survived: {} (limit {})",
            self.phi_spans, self.leaked, self.max_leaks
        );
        let _ = writeln!(
            s,
            "  keep spans: {}, masked: {} ({:.2}%, limit {:.2}%)",
            self.keep_spans,
            self.masked_keeps,
            self.masked_keep_rate * 100.0,
            self.max_masked_keeps * 100.0
        );
        s.push('\n');
        s.push_str(&self.report.table());
        if !self.report.leaks.is_empty() {
            let _ = writeln!(s, "\nsurviving identifiers (synthetic):");
            for l in self.report.leaks.iter().take(50) {
                let _ = writeln!(s, "  {}", leak_line(l));
            }
            if self.report.leaks.len() > 50 {
                let _ = writeln!(s, "  … and {} more", self.report.leaks.len() - 50);
            }
        }
        if !self.report.masked_keeps.is_empty() {
            let _ = writeln!(s, "\nmasked keep spans (synthetic):");
            for l in self.report.masked_keeps.iter().take(20) {
                let _ = writeln!(s, "  {}", leak_line(l));
            }
            if self.report.masked_keeps.len() > 20 {
                let _ = writeln!(s, "  … and {} more", self.report.masked_keeps.len() - 20);
            }
        }
        let _ = writeln!(
            s,
            "\nRESULT: {}",
            if self.passed {
                "PASS".to_string()
            } else {
                format!("FAIL: {}", self.reasons.join("; "))
            }
        );
        s
    }

    /// The report as JUnit XML: one test case per PHI entity (it fails when
    /// an identifier of that entity survived) and one for the keep spans.
    pub fn junit(&self) -> String {
        let mut cases = String::new();
        let mut failures = 0usize;
        let mut tests = 0usize;
        let mut by_entity: BTreeMap<&str, Vec<&Leak>> = BTreeMap::new();
        for l in &self.report.leaks {
            by_entity.entry(l.entity.as_str()).or_default().push(l);
        }
        let leaks_fail = self.leaked > self.max_leaks;
        for e in &self.phi_entities {
            tests += 1;
            let spans = self.report.per_entity.get(e).map_or(0, |m| m.phi_spans);
            let _ = write!(
                cases,
                "    <testcase classname=\"phimask.check.identifiers\" name=\"{}\" time=\"0\">",
                xml_escape(e)
            );
            match by_entity.get(e.as_str()) {
                Some(leaks) if leaks_fail => {
                    failures += 1;
                    let mut body = String::new();
                    for l in leaks {
                        body.push_str(&leak_line(l));
                        body.push('\n');
                    }
                    let _ = write!(
                        cases,
                        "\n      <failure type=\"leak\" message=\"{}\">{}</failure>\n    ",
                        xml_escape(&format!(
                            "{} of {spans} {e} identifiers survived",
                            leaks.len()
                        )),
                        xml_escape(&body)
                    );
                }
                Some(leaks) => {
                    let _ = write!(
                        cases,
                        "\n      <system-out>{}</system-out>\n    ",
                        xml_escape(&format!(
                            "{} of {spans} survived, within the limit of {}",
                            leaks.len(),
                            self.max_leaks
                        ))
                    );
                }
                None => {
                    let _ = write!(
                        cases,
                        "\n      <system-out>{}</system-out>\n    ",
                        xml_escape(&format!("all {spans} identifiers masked"))
                    );
                }
            }
            cases.push_str("</testcase>\n");
        }
        tests += 1;
        let _ = write!(
            cases,
            "    <testcase classname=\"phimask.check.keeps\" name=\"keep spans preserved\" time=\"0\">"
        );
        let summary = format!(
            "{} of {} keep spans masked ({:.2}%, limit {:.2}%)",
            self.masked_keeps,
            self.keep_spans,
            self.masked_keep_rate * 100.0,
            self.max_masked_keeps * 100.0
        );
        if self.masked_keep_rate > self.max_masked_keeps {
            failures += 1;
            let mut body = String::new();
            for l in &self.report.masked_keeps {
                body.push_str(&leak_line(l));
                body.push('\n');
            }
            let _ = write!(
                cases,
                "\n      <failure type=\"masked_keep\" message=\"{}\">{}</failure>\n    ",
                xml_escape(&summary),
                xml_escape(&body)
            );
        } else {
            let _ = write!(
                cases,
                "\n      <system-out>{}</system-out>\n    ",
                xml_escape(&summary)
            );
        }
        cases.push_str("</testcase>\n");
        let mut s = String::new();
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            s,
            "<testsuites name=\"phimask check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" time=\"{:.3}\">",
            self.seconds
        );
        let _ = writeln!(
            s,
            "  <testsuite name=\"phimask check ({})\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{:.3}\">",
            xml_escape(&self.policy),
            self.seconds
        );
        let _ = writeln!(s, "    <properties>");
        for (k, v) in [
            ("policy", self.policy.clone()),
            ("seed", self.seed.to_string()),
            ("notes", self.notes.to_string()),
            ("identifiers", self.phi_spans.to_string()),
            ("keep_spans", self.keep_spans.to_string()),
        ] {
            let _ = writeln!(
                s,
                "      <property name=\"{}\" value=\"{}\"/>",
                xml_escape(k),
                xml_escape(&v)
            );
        }
        let _ = writeln!(s, "    </properties>");
        s.push_str(&cases);
        s.push_str("  </testsuite>\n</testsuites>\n");
        s
    }
}

/// Escapes text for XML attributes and content; characters XML 1.0 cannot
/// hold become U+FFFD.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push_str(&format!("&#{};", c as u32)),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The result of `phimask eval`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct EvalOutcome {
    /// Notes scored.
    pub notes: usize,
    /// True when the project's targets are met.
    pub meets_targets: bool,
    /// The targets missed.
    pub failures: Vec<String>,
    /// Seconds taken.
    pub seconds: f64,
    /// The scorer's report.
    pub report: Report,
}

/// Scores an analyzer on annotated notes.
///
/// # Errors
/// An analysis error, naming the note.
pub fn run_eval(
    analyzer: &Analyzer,
    notes: &[Note],
    threads: usize,
) -> Result<EvalOutcome, String> {
    let start = Instant::now();
    let cov = coverage(analyzer, notes, threads)?;
    let report = phimask_corpora::score(notes, &cov);
    let targets = phimask_corpora::Targets::default();
    let failures = report.failures(&targets);
    Ok(EvalOutcome {
        notes: notes.len(),
        meets_targets: failures.is_empty(),
        failures,
        seconds: start.elapsed().as_secs_f64(),
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_on_dashes() {
        assert_eq!(
            split_templates("a {PERSON}\r\nb\r\n---\r\n\n---\nc {MRN}"),
            ["a {PERSON}\r\nb", "c {MRN}"]
        );
    }

    #[test]
    fn xml_escapes() {
        assert_eq!(
            xml_escape("a<b>&\"'\n\u{1}"),
            "a&lt;b&gt;&amp;&quot;&apos;&#10;\u{FFFD}"
        );
    }
}
