//! The addressee of a postal address block: letters, envelopes, claim
//! forms and referral headers put the person's name on the line right
//! above the street line,
//!
//! ```text
//! ZHORAESWYN MIATIAHOULUK
//! 590 Old Mill Drive
//! Schenectady, NY 12345
//! ```
//!
//! so the name needs no cue and may be in no list. The line above a street
//! line (a house number and a street type, or a PO box; a flat or unit
//! designator may come first) is a name when it holds two to five words,
//! each a known given name or surname, a name particle or a title, or a
//! word in no vocabulary; an English word that is no name ("Claims
//! Department", "Blue River Mutual", "Cedar Ridge Clinic") makes it an
//! organisation, not a person.

use std::sync::OnceLock;

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};
use regex::Regex;

use super::lexicon::{
    CLINICAL, COMMON, DRUG, FIRST, LABEL, LAST, PARTICLE, RELATION, STOP, SUFFIX, TITLE, WORD,
};
use crate::locations::address::SUFFIXES;

/// The score of an addressee: the block's layout is strong evidence.
const SCORE: f32 = 0.8;

/// Finds the addressee above a street line (id `person_addressee`).
#[derive(Debug)]
pub struct AddresseeRecognizer {
    entities: [Entity; 1],
}

impl Default for AddresseeRecognizer {
    fn default() -> AddresseeRecognizer {
        AddresseeRecognizer::new()
    }
}

impl AddresseeRecognizer {
    /// A new recognizer.
    pub fn new() -> AddresseeRecognizer {
        AddresseeRecognizer {
            entities: [Entity::Person],
        }
    }
}

/// A line that opens with a street address or a PO box.
fn street_line() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^[ \t]*(?:(?i:flat|unit|apt|apartment|suite)\.?[ \t]*[A-Za-z0-9\-]{{1,6}},?[ \t]+)?(?:\d{{1,6}}[A-Za-z]?(?:[ \t]+[^\s,]+){{1,5}}?[ \t]+(?i:{SUFFIXES})(?-u:\b)|(?i:p\.?[ \t]*o\.?[ \t]*box)[ \t]*\d)"
        ))
        .ok()
    })
    .as_ref()
}

/// The name on `line` (at byte `start`), if the whole line is one.
fn name_line(line: &str, start: usize) -> Option<Span> {
    let body = line.trim();
    if body.is_empty() || body.len() > 60 {
        return None;
    }
    let at = start + (line.len() - line.trim_start().len());
    let mut words = 0;
    let mut named = 0;
    // Where the name starts: after a title ("Dr", "Mrs").
    let mut from = None;
    let mut offset = 0;
    for w in body.split([' ', '\t', ',']) {
        let w_at = offset;
        offset += w.len() + 1;
        if w.is_empty() {
            continue;
        }
        let letters = w.trim_end_matches('.');
        if letters.is_empty()
            || !letters
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
            || !letters.chars().next().is_some_and(char::is_uppercase)
        {
            return None;
        }
        words += 1;
        let f = super::flags_of(letters);
        if f & TITLE != 0 && f & (FIRST | LAST) == 0 && from.is_none() {
            continue;
        }
        from.get_or_insert(w_at);
        if f & (TITLE | PARTICLE | SUFFIX) != 0 && f & (FIRST | LAST) == 0 {
            continue;
        }
        if f & (LABEL | RELATION | STOP | CLINICAL | DRUG) != 0 {
            return None;
        }
        if f & (FIRST | LAST) == 0 && f & (COMMON | WORD) != 0 {
            return None;
        }
        named += 1;
    }
    if !(2..=5).contains(&words) || named == 0 {
        return None;
    }
    Some(Span::new(at + from?, at + body.len()))
}

fn addressees(text: &str) -> Vec<Span> {
    let Some(street) = street_line() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut prev: Option<(usize, &str)> = None;
    let mut at = 0;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some((p_at, p)) = prev {
            if street.is_match(line) {
                out.extend(name_line(p, p_at));
            }
        }
        prev = Some((at, line));
        at += line.len()
            + if text[at + line.len()..].starts_with('\r') {
                2
            } else {
                1
            };
    }
    out
}

impl Recognizer for AddresseeRecognizer {
    fn id(&self) -> &str {
        "person_addressee"
    }

    fn entities(&self) -> &[Entity] {
        &self.entities
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        if !ctx.wants(&Entity::Person) {
            return Ok(());
        }
        for span in addressees(doc.text()) {
            let mut c = Candidate::new(span, Entity::Person, SCORE).with_pattern("addressee_line");
            c.context_applied = true;
            out.push(c);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        addressees(text).iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn the_line_above_a_street_line_is_the_addressee() {
        let t = "Claims Department\n\n5/12/25\n\nSHEISHEIX VUVISEK\n1907 Old Mill Drive, Unit 15\nScranton, PA\n";
        assert_eq!(found(t), ["SHEISHEIX VUVISEK"]);
        let t = "Mr John O'Neill\r\nFlat 3, 12 High Street\r\nLeeds LS1 4AB\r\n";
        assert_eq!(found(t), ["John O'Neill"]);
        let t = "Dr  Efua Traoré\n189 Chapel Street\n";
        assert_eq!(found(t), ["Efua Traoré"]);
        let t = "DRIGUSIL RIADAES\nPO Box 5743\nChattanooga, Ohio 60590\n";
        assert_eq!(found(t), ["DRIGUSIL RIADAES"]);
    }

    #[test]
    fn organisations_and_other_lines_are_no_addressee() {
        assert!(found("Cedar Ridge Clinic\n210 Main Street\n").is_empty());
        assert!(found("Claims Department\n590 Old Mill Drive\n").is_empty());
        assert!(found("Seen today.\n590 Old Mill Drive\n").is_empty());
        assert!(found("Maria Lopez\nwas seen at 590 Old Mill Drive\n").is_empty());
        assert!(found("Maria Lopez\nBP 120/80 recorded\n").is_empty());
        assert!(found("Maria\n590 Old Mill Drive\n").is_empty());
    }
}
