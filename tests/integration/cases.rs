//! The hand-written cases of `corpora/cases/*.toml`.
//!
//! ```toml
//! [[case]]
//! name = "unique-name"
//! text = "Seen by Dr. Núñez, MRN 00123456, a 45-year-old."
//! tags = ["slow"]                     # optional
//! expect = [
//!   { entity = "PERSON", text = "Núñez", occurrence = 1 },   # 1-based
//!   { entity = "MEDICAL_RECORD_NUMBER", span = [23, 31] },   # bytes
//! ]
//! keep = [{ entity = "AGE", text = "45-year-old", rule = "age_under_90" }]
//! ```
//!
//! An expected span passes when every letter and digit in it is masked
//! (covered by `Analysis::coverage`); a keep span passes when none of its
//! letters and digits is masked and, if it names a `rule`, the analysis
//! lists a kept candidate overlapping it with that `KeepReason::Rule`.

use std::collections::BTreeSet;

use phimask::{Analysis, KeepReason, Span};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    expect: Vec<Target>,
    #[serde(default)]
    keep: Vec<Target>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Target {
    entity: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    occurrence: Option<usize>,
    #[serde(default)]
    span: Option<[usize; 2]>,
    #[serde(default)]
    rule: Option<String>,
}

/// A case with its targets resolved to byte spans.
struct Resolved {
    family: String,
    case: Case,
    expect: Vec<(String, Span)>,
    keep: Vec<(String, Span, Option<String>)>,
}

impl Resolved {
    fn full_name(&self) -> String {
        format!("{}/{}", self.family, self.case.name)
    }
}

fn resolve(text: &str, t: &Target) -> Result<Span, String> {
    match (&t.text, t.span) {
        (Some(needle), None) => {
            let occ = t.occurrence.unwrap_or(1);
            if occ == 0 {
                return Err("occurrence is 1-based".into());
            }
            let mut from = 0;
            let mut found = None;
            for _ in 0..occ {
                match text[from..].find(needle.as_str()) {
                    Some(p) => {
                        found = Some(from + p);
                        from += p + needle.len().max(1);
                    }
                    None => return Err(format!("`{needle}` occurrence {occ} not found")),
                }
            }
            let s = found.ok_or("not found")?;
            Ok(Span::new(s, s + needle.len()))
        }
        (None, Some([s, e])) => {
            if s < e && text.get(s..e).is_some() {
                Ok(Span::new(s, e))
            } else {
                Err(format!(
                    "span [{s}, {e}] is empty, out of bounds or not on char boundaries"
                ))
            }
        }
        _ => Err("give exactly one of `text` or `span`".into()),
    }
}

/// Loads, validates and resolves every case file. Errors (duplicate names,
/// unresolvable targets, bad TOML) are returned all together.
fn load() -> Result<Vec<Resolved>, Vec<String>> {
    let dir = crate::root().join("corpora").join("cases");
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => return Err(vec![format!("{}: {e}", dir.display())]),
    };
    paths.sort();
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut names = BTreeSet::new();
    for path in paths {
        let family = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let src = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let file: File = match toml::from_str(&src) {
            Ok(f) => f,
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        for case in file.case {
            if !names.insert(case.name.clone()) {
                errors.push(format!("{family}: duplicate case name `{}`", case.name));
            }
            let mut r = Resolved {
                family: family.clone(),
                expect: Vec::new(),
                keep: Vec::new(),
                case,
            };
            for t in &r.case.expect {
                match resolve(&r.case.text, t) {
                    Ok(s) => r.expect.push((t.entity.clone(), s)),
                    Err(e) => errors.push(format!("{}: expect {}: {e}", r.full_name(), t.entity)),
                }
                if t.rule.is_some() {
                    errors.push(format!("{}: `rule` only applies to keep", r.full_name()));
                }
            }
            for t in &r.case.keep {
                match resolve(&r.case.text, t) {
                    Ok(s) => r.keep.push((t.entity.clone(), s, t.rule.clone())),
                    Err(e) => errors.push(format!("{}: keep {}: {e}", r.full_name(), t.entity)),
                }
                if let Some(rule) = &t.rule {
                    if !phimask::scope::BUILTIN_RULES.contains(&rule.as_str()) {
                        errors.push(format!("{}: unknown rule `{rule}`", r.full_name()));
                    }
                }
            }
            if r.case.expect.is_empty() && r.case.keep.is_empty() {
                errors.push(format!(
                    "{}: a case must expect or keep something",
                    r.full_name()
                ));
            }
            for (_, e) in &r.expect {
                for (_, k, _) in &r.keep {
                    if e.overlaps(k) {
                        errors.push(format!("{}: an expect overlaps a keep", r.full_name()));
                    }
                }
            }
            out.push(r);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// `PHIMASK_TEST=names,-slow`: terms match the family, the case name or a tag.
fn selected(r: &Resolved, filter: &str) -> bool {
    let terms: Vec<&str> = filter
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let hit = |t: &str| {
        r.family == t
            || r.case.name.contains(t)
            || r.full_name() == t
            || r.case.tags.iter().any(|g| g == t)
    };
    let (neg, pos): (Vec<&str>, Vec<&str>) = terms.iter().partition(|t| t.starts_with('-'));
    if neg.iter().any(|t| hit(&t[1..])) {
        return false;
    }
    pos.is_empty() || pos.iter().any(|t| hit(t))
}

fn masked(text: &str, span: Span, cov: &[Span]) -> (usize, usize) {
    // (letters/digits in span, of which masked)
    let mut total = 0;
    let mut hit = 0;
    for (b, c) in text[span.range()].char_indices() {
        if c.is_alphanumeric() {
            total += 1;
            let at = span.start + b;
            if cov.iter().any(|s| s.start <= at && at < s.end) {
                hit += 1;
            }
        }
    }
    (total, hit)
}

fn check(r: &Resolved, a: &Analysis) -> Vec<String> {
    let text = &r.case.text;
    let mut fails = Vec::new();
    for (entity, span) in &r.expect {
        let (total, hit) = masked(text, *span, &a.coverage);
        if hit < total {
            fails.push(format!(
                "{}: LEAK {entity} `{}` ({hit}/{total} masked)",
                r.full_name(),
                &text[span.range()]
            ));
        }
    }
    for (entity, span, rule) in &r.keep {
        let (_, hit) = masked(text, *span, &a.coverage);
        if hit > 0 {
            fails.push(format!(
                "{}: MASKED KEEP {entity} `{}`",
                r.full_name(),
                &text[span.range()]
            ));
        }
        if let Some(rule) = rule {
            let ok = a.kept.iter().any(|k| {
                k.span.overlaps(span) && k.reason == KeepReason::Rule(rule.as_str().into())
            });
            if !ok {
                fails.push(format!(
                    "{}: KEEP {entity} `{}` not kept by rule {rule}",
                    r.full_name(),
                    &text[span.range()]
                ));
            }
        }
    }
    fails
}

#[test]
fn cases_are_well_formed() {
    let cases = load().unwrap_or_else(|errs| panic!("bad case files:\n{}", errs.join("\n")));
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    // Every Safe Harbor keep rule has at least one case.
    for rule in phimask::scope::BUILTIN_RULES {
        assert!(
            cases
                .iter()
                .any(|c| c.keep.iter().any(|(_, _, r)| r.as_deref() == Some(*rule))),
            "no case for rule {rule}"
        );
    }
}

#[test]
fn cases() {
    let cases = load().unwrap_or_else(|errs| panic!("bad case files:\n{}", errs.join("\n")));
    let filter = std::env::var("PHIMASK_TEST").unwrap_or_default();
    let analyzer = crate::analyzer();
    let mut failures = Vec::new();
    let mut failed_cases = 0;
    let mut run = 0;
    for r in cases.iter().filter(|r| selected(r, &filter)) {
        run += 1;
        let text = r.case.text.as_str();
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyzer.analyze(text)));
        let fails = match outcome {
            Ok(Ok(a)) => check(r, &a),
            Ok(Err(e)) => vec![format!("{}: analysis failed: {e}", r.full_name())],
            Err(_) => vec![format!("{}: PANIC in analyze", r.full_name())],
        };
        if !fails.is_empty() {
            failed_cases += 1;
        }
        failures.extend(fails);
    }
    eprintln!(
        "cases: {run} run, {} passed, {failed_cases} failed",
        run - failed_cases
    );
    assert!(
        failures.is_empty(),
        "{failed_cases} of {run} cases failed ({} problems):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
