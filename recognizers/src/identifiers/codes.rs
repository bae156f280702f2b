//! Clinical codes named by their code system.
//!
//! A long digit run is masked as an identifier wherever it stands, unless
//! its code system names it: "SNOMED 195967001", "(SNOMED CT: 44054006)",
//! `"system": "http://snomed.info/sct", "code": "73211009"`, an HL7 coded
//! element `44054006^Diabetes^SCT`. Such a candidate carries
//! [`Facts::ClinicalCode`], and the `clinical_code` scope rule keeps it,
//! so the analysis records why it stayed. The code-system words live in
//! `data/identifiers/code_systems.tsv`.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use phimask_core::document::{Document, TokenKind};
use phimask_core::{Candidate, Context, Entity, Error, Facts, Pattern, Recognizer, Span};
use regex::Regex;

const CODE_SYSTEMS: &str = include_str!("../../data/identifiers/code_systems.tsv");

/// The words naming a code system (each with its family), the shape of
/// each family's codes, and the words that may come between such a name
/// and its code.
struct Vocabulary {
    systems: HashMap<&'static str, &'static str>,
    shapes: HashMap<&'static str, Regex>,
    fillers: HashSet<&'static str>,
}

impl Vocabulary {
    /// True when `word` (lower case) names a code system and `code` has
    /// the shape of that system's codes.
    fn names(&self, word: &str, code: &str) -> bool {
        self.systems
            .get(word)
            .and_then(|family| self.shapes.get(family))
            .is_some_and(|shape| shape.is_match(code))
    }
}

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let mut v = Vocabulary {
            systems: HashMap::new(),
            shapes: HashMap::new(),
            fillers: HashSet::new(),
        };
        for line in CODE_SYSTEMS.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t').map(str::trim);
            match (fields.next(), fields.next(), fields.next()) {
                (Some("system"), Some(word), Some(family)) => {
                    v.systems.insert(word, family);
                }
                (Some("shape"), Some(family), Some(pattern)) => {
                    // Bundled data; `every_family_has_a_shape` checks that
                    // each one compiles. A shape that did not would keep
                    // nothing, the safe side.
                    if let Ok(re) = Regex::new(&format!("^(?:{pattern})$")) {
                        v.shapes.insert(family, re);
                    }
                }
                (Some("filler"), Some(word), _) => {
                    v.fillers.insert(word);
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
/// whose third component is a code-system mnemonic. Either way the code
/// must have the shape of that system's codes.
pub(crate) fn named_by_code_system(doc: &Document<'_>, span: Span) -> bool {
    let v = vocabulary();
    let text = doc.text();
    let Some(code) = text.get(span.range()) else {
        return false;
    };
    let before = doc.tokens().partition_point(|t| t.span.start < span.start);
    let mut words = 0;
    // The system may be on an earlier line only once a filler such as
    // `"code":` stands before the number on its own line (pretty-printed
    // JSON); a system word alone on the line above does not name it.
    let mut filler_seen = false;
    for t in doc.tokens()[..before].iter().rev() {
        // A token may run into the candidate (a candidate can start inside
        // a token), so the gap between them is empty, never a reversed range.
        let gap = text
            .get(t.span.end.min(span.start)..span.start)
            .unwrap_or_default();
        if !filler_seen && gap.contains('\n') {
            break;
        }
        match t.kind {
            TokenKind::Punct => continue,
            TokenKind::Number => break,
            TokenKind::Word => {
                let w = text[t.span.range()].to_ascii_lowercase();
                if v.systems.contains_key(w.as_str()) {
                    if v.names(&w, code) {
                        return true;
                    }
                    break;
                }
                words += 1;
                if words > MAX_WORDS_BACK || !v.fillers.contains(w.as_str()) {
                    break;
                }
                filler_seen = true;
            }
        }
    }
    hl7_coded_element_system(text, span.end).is_some_and(|s| v.names(&s.to_ascii_lowercase(), code))
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
            // A system word before a number of another shape: LOINC
            // codes are NNNNN-N, never an SSN's NNN-NN-NNNN.
            ("ln 123-45-6789", "123-45-6789"),
            ("LOINC 123-45-6789", "123-45-6789"),
            ("OBX|1|CE|123-45-6789^Result^LN||", "123-45-6789"),
            ("SNOMED 123-45-6789", "123-45-6789"),
            ("ref 48213077", "48213077"),
        ] {
            assert!(masked(text).iter().any(|m| m == id), "{text}");
        }
    }

    #[test]
    fn every_family_has_a_shape() {
        let v = super::vocabulary();
        assert!(!v.systems.is_empty());
        for (word, family) in &v.systems {
            assert!(v.shapes.contains_key(family), "{word}: {family}");
        }
        assert!(v.names("ln", "8867-4"));
        assert!(v.names("snomed", "44054006"));
        assert!(v.names("icd-10", "E11.9"));
        assert!(v.names("cpt", "99214"));
        assert!(!v.names("ln", "123-45-6789"));
        assert!(!v.names("rxnorm", "123-45-6789"));
    }
}
