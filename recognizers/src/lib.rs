//! # phimask-recognizers
//!
//! The built-in knowledge of [phimask](https://docs.rs/phimask): recognizers
//! for every Safe Harbor identifier that occurs in text, their validators
//! (Luhn, SSN ranges, NPI, DEA, VIN, IBAN, ABA), date and age parsing, and
//! dictionaries (see `data/README.md` for their sources and licences).
//!
//! Most users want the `phimask` façade, which wires [`builtin`] into its
//! analyzer builder.
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![forbid(unsafe_code)]

use std::sync::{Arc, OnceLock};

use phimask_core::{Error, Policy, Recognizer};

pub mod contact;
pub mod fields;
pub mod identifiers;
pub mod international;
pub mod locations;
pub mod names;
pub mod records;
pub mod spoken;
pub mod temporal;

/// Every built-in recognizer, built once per process and shared (the
/// dictionaries are large); later calls clone the `Arc`s.
///
/// # Errors
/// When a built-in pattern or dictionary fails to build (a bug, reported
/// rather than hidden).
pub fn all() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    static ALL: OnceLock<Result<Vec<Arc<dyn Recognizer>>, Error>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v = Vec::new();
        v.extend(names::recognizers()?);
        v.extend(temporal::recognizers()?);
        // Numbers from the identifier families stay when a code system
        // names them ("SNOMED 195967001"): see `identifiers::codes`.
        let code_aware = identifiers::codes::code_aware;
        v.extend(identifiers::recognizers()?.into_iter().map(code_aware));
        v.extend(contact::recognizers()?.into_iter().map(code_aware));
        v.extend(locations::recognizers()?);
        v.extend(spoken::recognizers()?);
        v.extend(fields::recognizers()?);
        v.extend(records::recognizers()?);
        v.extend(international::recognizers()?.into_iter().map(code_aware));
        Ok(v)
    })
    .clone()
}

/// The built-in recognizers for a policy: the signature of
/// [`phimask_core::BuiltinsFn`]. The policy's `recognizers.disable` list is
/// applied by the analyzer builder.
///
/// # Errors
/// As [`all`].
pub fn builtin(_policy: &Policy) -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    all()
}

/// Helpers the families' tests share: an analyzer over a set of
/// recognizers, and its detections as (entity, text).
#[cfg(test)]
pub(crate) mod testutil {
    use std::sync::Arc;

    use phimask_core::{Analyzer, Entity, Recognizer};

    /// An analyzer over `recognizers` (default policy), skipping the ids
    /// in `except`.
    pub(crate) fn analyzer_over(
        recognizers: Vec<Arc<dyn Recognizer>>,
        except: &[&str],
    ) -> Analyzer {
        let mut b = Analyzer::builder();
        for r in recognizers {
            if !except.contains(&r.id()) {
                b.add_shared_recognizer(r);
            }
        }
        b.build().expect("analyzer builds")
    }

    /// The detections of one recognizer alone in `text`, as (entity, text).
    pub(crate) fn found_by(r: impl Recognizer + 'static, text: &str) -> Vec<(Entity, String)> {
        detections(&analyzer_over(vec![Arc::new(r)], &[]), text)
    }

    /// Asserts that one recognizer alone finds exactly `want` in `text`.
    pub(crate) fn finds_one(r: impl Recognizer + 'static, text: &str, entity: Entity, want: &str) {
        assert_eq!(
            found_by(r, text),
            vec![(entity, want.to_string())],
            "in {text:?}"
        );
    }

    /// The detections of `analyzer` in `text` as (entity, text), in order.
    pub(crate) fn detections(analyzer: &Analyzer, text: &str) -> Vec<(Entity, String)> {
        analyzer
            .analyze(text)
            .expect("analysis succeeds")
            .detections
            .iter()
            .map(|d| (d.entity.clone(), text[d.span.range()].to_string()))
            .collect()
    }
}
