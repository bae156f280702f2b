//! Built-in recognizers: names (`PERSON`).
//!
//! One custom recognizer, [`PersonRecognizer`] (id `person`), finds the
//! names of patients, relatives and staff. It reads the lexicon in
//! `data/names/` (see its README for sources and licences): given names and
//! surnames (US Census 1990, SSA baby names, a curated international list
//! with diacritics), English vocabulary (SCOWL), drug names, clinical terms,
//! eponyms and cue words (titles, labels, relations, post-nominals).
//!
//! A second recognizer, [`InitialsRecognizer`] (id
//! `person_initials_position`), reports initials where only a person
//! stands: reference lines ("Ref: hr/cm"), "verified by AA", sign-offs
//! ("(rf)" under a signature) and speaker labels.
//!
//! A third, [`SpeakerRecognizer`] (id `person_speakers`), reads the
//! speaker labels of conversations (transcripts, chat threads): when two
//! or more labels each open several lines, every recurring label that is
//! not a role or field word is a name.
//!
//! A fourth, [`AddresseeRecognizer`] (id `person_addressee`), takes the
//! line right above a street line or PO box when its words are names or in
//! no vocabulary (the addressee of a letter or a claim).
//!
//! Names in table columns headed "Provider", "Prescriber", "Patient" and
//! the like (tab- or pipe-separated rows) count whatever their words; a
//! "LAST, FIRST" next to an identifier ("(MRN", "DOB", "Acct#") or heading
//! a field counts even with common words, unless it is a place ("Richmond,
//! Virginia"); names confirmed once are found again in any case.
//!
//! Scores follow the crate's conventions: strong evidence (a title, label,
//! relation or sign-off before the name, a post-nominal after it, a known
//! first and last name together, the "LAST, FIRST" form) scores 0.85–0.95;
//! a lone known name that is not a common English word 0.55–0.65; names
//! that are also common words ("Will", "Hope", "Grant", "Rose") only count
//! with such evidence or next to another name. Candidates whose score used
//! the surrounding words set `context_applied`.
//!
//! The helpers [`is_common_word`], [`is_given_name`], [`is_surname`],
//! [`is_drug_name`] and [`is_clinical_term`] expose the lexicon to other
//! recognizer families.

use std::sync::Arc;

use phimask_core::{Entity, Error, Recognizer};

mod addressee;
mod bridge;
mod eponyms;
mod initials;
mod lexicon;
pub mod model;
mod person;
mod speakers;
mod table;
mod tokens;

#[cfg(test)]
mod tests;

pub use addressee::AddresseeRecognizer;
pub use initials::InitialsRecognizer;
pub use person::PersonRecognizer;
pub use speakers::SpeakerRecognizer;

use lexicon::Lexicon;

/// The recognizers of this family.
///
/// # Example
/// ```
/// let rs = phimask_recognizers::names::recognizers()?;
/// assert_eq!(rs[0].id(), "person");
/// # Ok::<(), phimask_core::Error>(())
/// ```
///
/// # Errors
/// When a built-in pattern or dictionary fails to build (a bug).
pub fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    // Initials and a surname that is also a word ("D.D. FOX, M.D.",
    // "Provider: R. Fox"): the post-nominal or the label makes it a name.
    let initials = r"[A-Z]\.(?:[ ]?[A-Z]\.)?[ ]+[A-Z][A-Za-z'’]+(?:-[A-Z][A-Za-z'’]+)?";
    let initials_name = phimask_core::PatternRecognizer::builder("person_initials", Entity::Person)
        .pattern(
            "initials_postnominal",
            format!(
                r"(?-u:\b)(?P<phi>{initials}),?[ ]+(?:(?:MD|DO|RN|NP|PA-C|PA|PhD|PHD|PsyD|LCSW|LMFT|LPC|DNP|FNP|APRN)(?-u:\b)|M\.D\.|D\.O\.)"
            ),
            0.9,
        )
        .pattern(
            "label_initials",
            format!(
                r"(?i:provider|attending|physician|clinician|therapist|prescriber|signed[ ]by|cosigned[ ]by|pcp|referring|author)[ \t]*:?[ \t]*(?P<phi>{initials})"
            ),
            0.9,
        )
        .build()?;
    Ok(vec![
        Arc::new(PersonRecognizer::new()),
        Arc::new(initials_name),
        Arc::new(model::NameModelRecognizer::new()?),
        Arc::new(eponyms::EponymRecognizer),
        Arc::new(InitialsRecognizer::new()),
        Arc::new(SpeakerRecognizer::new()),
        Arc::new(AddresseeRecognizer::new()),
    ])
}

fn flags_of(word: &str) -> u32 {
    let mut buf = String::new();
    Lexicon::get()
        .lookup_word(word, &mut buf)
        .map_or(0, |e| e.flags)
}

/// True when `word` (any case) is an English word from the common-word
/// lists (SCOWL sizes 10 to 50), such as "will", "hope" or "patient".
///
/// # Example
/// ```
/// use phimask_recognizers::names::is_common_word;
/// assert!(is_common_word("Hope"));
/// assert!(!is_common_word("Okonkwo"));
/// ```
pub fn is_common_word(word: &str) -> bool {
    flags_of(word) & (lexicon::COMMON | lexicon::WORD) != 0
}

/// True when `word` (any case, accents optional) is a known given name.
///
/// # Example
/// ```
/// use phimask_recognizers::names::is_given_name;
/// assert!(is_given_name("MARIA"));
/// assert!(is_given_name("Željko"));
/// ```
pub fn is_given_name(word: &str) -> bool {
    flags_of(word) & lexicon::FIRST != 0
}

/// True when `word` (any case, accents optional) is a known surname.
///
/// # Example
/// ```
/// use phimask_recognizers::names::is_surname;
/// assert!(is_surname("Núñez"));
/// assert!(is_surname("okonkwo"));
/// ```
pub fn is_surname(word: &str) -> bool {
    flags_of(word) & lexicon::LAST != 0
}

/// True when `word` is a drug generic or brand name from the built-in list.
///
/// # Example
/// ```
/// use phimask_recognizers::names::is_drug_name;
/// assert!(is_drug_name("Trintellix"));
/// assert!(!is_drug_name("Maria"));
/// ```
pub fn is_drug_name(word: &str) -> bool {
    flags_of(word) & lexicon::DRUG != 0
}

/// True when `word` is in the built-in clinical vocabulary (section
/// headers, symptoms, anatomy, note words such as "assessment").
///
/// # Example
/// ```
/// use phimask_recognizers::names::is_clinical_term;
/// assert!(is_clinical_term("Assessment"));
/// ```
pub fn is_clinical_term(word: &str) -> bool {
    flags_of(word) & lexicon::CLINICAL != 0
}
