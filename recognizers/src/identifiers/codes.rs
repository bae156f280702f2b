//! Clinical codes named by their code system.
//!
//! A long digit run is masked as an identifier wherever it stands, unless
//! its code system names it: "SNOMED 195967001", "(SNOMED CT: 44054006)",
//! `"system": "http://snomed.info/sct", "code": "73211009"`, an HL7 coded
//! element `44054006^Diabetes^SCT`. Such a candidate carries
//! [`Facts::ClinicalCode`], and the `clinical_code` scope rule keeps it,
//! so the analysis records why it stayed. The code-system words live in
//! `data/identifiers/code_systems.tsv`.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use phimask_core::document::{Document, TokenKind};
use phimask_core::{Candidate, Context, Entity, Error, Facts, Pattern, Recognizer, Span};

const CODE_SYSTEMS: &str = include_str!("../../data/identifiers/code_systems.tsv");

/// The words naming a code system, and the words that may come between
/// such a name and its code.
struct Vocabulary {
    systems: HashSet<&'static str>,
    fillers: HashSet<&'static str>,
}

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let mut v = Vocabulary {
            systems: HashSet::new(),
            fillers: HashSet::new(),
        };
        for line in CODE_SYSTEMS.lines() {
            match line.split_once('\t') {
                Some(("system", w)) => {
                    v.systems.insert(w.trim());
                }
                Some(("filler", w)) => {
                    v.fillers.insert(w.trim());
                }
                _ => {}
            }
        }
        v
    })
}

/// How far back (in words) the code-system name may stand.
const MAX_WORDS_BACK: usize = 6;

/// True when a code system names the code at `span`: the nearest word
/// before it on the same line, past filler words and punctuation, is a
/// code-system name; or it is the first component of an HL7 coded element
/// whose third component is a code-system mnemonic.
pub(crate) fn named_by_code_system(doc: &Document<'_>, span: Span) -> bool {
    let v = vocabulary();
    let text = doc.text();
    let before = doc.tokens().partition_point(|t| t.span.start < span.start);
    let mut words = 0;
    // The system may be on an earlier line only once a filler such as
    // `"code":` stands before the number on its own line (pretty-printed
    // JSON); a system word alone on the line above does not name it.
    let mut filler_seen = false;
    for t in doc.tokens()[..before].iter().rev() {
        if !filler_seen && text[t.span.end..span.start].contains('\n') {
            break;
        }
        match t.kind {
            TokenKind::Punct => continue,
            TokenKind::Number => break,
            TokenKind::Word => {
                let w = text[t.span.range()].to_ascii_lowercase();
                if v.systems.contains(w.as_str()) {
                    return true;
                }
                words += 1;
                if words > MAX_WORDS_BACK || !v.fillers.contains(w.as_str()) {
                    break;
                }
                filler_seen = true;
            }
        }
    }
    hl7_coded_element_system(text, span.end).is_some_and(|s| {
        let s = s.to_ascii_lowercase();
        v.systems.contains(s.as_str())
    })
}

/// The coding-system component of an HL7 coded element whose identifier
/// ends at `end` (`code^text^SYSTEM`), if the text there has that shape.
fn hl7_coded_element_system(text: &str, end: usize) -> Option<&str> {
    let rest = text.get(end..)?.strip_prefix('^')?;
    let element = rest
        .split(['|', '~', '\r', '\n'])
        .next()
        .unwrap_or_default();
    element.split('^').nth(1).map(str::trim)
}

/// A recognizer whose candidates named by a code system carry
/// [`Facts::ClinicalCode`].
#[derive(Debug)]
pub(crate) struct CodeAware {
    inner: Arc<dyn Recognizer>,
}

impl Recognizer for CodeAware {
    fn id(&self) -> &str {
        self.inner.id()
    }

    fn entities(&self) -> &[Entity] {
        self.inner.entities()
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let from = out.len();
        self.inner.recognize(doc, ctx, out)?;
        for c in &mut out[from..] {
            if c.facts == Facts::None && named_by_code_system(doc, c.span) {
                c.facts = Facts::ClinicalCode;
            }
        }
        Ok(())
    }

    fn context_words(&self) -> &[String] {
        self.inner.context_words()
    }

    fn patterns(&self) -> &[Pattern] {
        self.inner.patterns()
    }

    fn record_regions(&self, doc: &Document<'_>, out: &mut Vec<phimask_core::RecordRegion>) {
        self.inner.record_regions(doc, out);
    }
}

/// Wraps a recognizer so that its code-system-named candidates are kept by
/// the `clinical_code` rule.
pub(crate) fn code_aware(inner: Arc<dyn Recognizer>) -> Arc<dyn Recognizer> {
    Arc::new(CodeAware { inner })
}

#[cfg(test)]
mod tests {
    use phimask_core::Analyzer;

    use crate::testutil::{analyzer_over, detections};

    fn every_builtin() -> Analyzer {
        analyzer_over(crate::all().expect("builds"), &[])
    }

    fn masked(text: &str) -> Vec<String> {
        detections(&every_builtin(), text)
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    fn kept_as_code(analyzer: &Analyzer, text: &str, code: &str) -> bool {
        let a = analyzer.analyze(text).expect("analyzes");
        a.kept.iter().any(|k| {
            &text[k.span.range()] == code
                && k.reason == phimask_core::KeepReason::Rule("clinical_code".into())
        })
    }

    #[test]
    fn codes_named_by_their_system_stay_with_the_rule_recorded() {
        let analyzer = every_builtin();
        for (text, code) in [
            ("Problem: Asthma (SNOMED 195967001).", "195967001"),
            ("SNOMED CT code: 44054006 noted", "44054006"),
            (
                r#"{"system":"http://snomed.info/sct","code":"73211009","display":"Diabetes"}"#,
                "73211009",
            ),
            ("OBX|1|CE|8867-4^HR^LN||44054006^Diabetes^SCT||", "44054006"),
            ("RxNorm 1049621 started", "1049621"),
            (
                "{\n  \"system\": \"http://snomed.info/sct\",\n  \"code\": \"38341003\"\n}",
                "38341003",
            ),
        ] {
            assert!(kept_as_code(&analyzer, text, code), "{text}");
            assert!(!masked(text).iter().any(|m| m == code), "{text}");
        }
    }

    #[test]
    fn identifiers_near_codes_are_still_masked() {
        // The nearest word before the number is another label, or the
        // system word stands on another line.
        for (text, id) in [
            ("Billed CPT 99214, MRN 48213077.", "48213077"),
            ("SNOMED\n48213077", "48213077"),
            ("SNOMED CT\nMRN 48213077", "48213077"),
            (
                r#"{"system":"http://hospital.example.org/mrn","value":"48213077"}"#,
                "48213077",
            ),
            ("Account 48213077^Smith^XX", "48213077"),
            ("ref 48213077", "48213077"),
        ] {
            assert!(masked(text).iter().any(|m| m == id), "{text}");
        }
    }
}
