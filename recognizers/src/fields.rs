//! Values governed by a PHI label or column header, whatever their script
//! or shape: "Re: Mr 김민준", "Name: Иван Петров", "Home: شارع الجامعة 59,
//! الزرقاء", "Vehicle plate: YS50 GLJ", a "Patient" column of a table.
//!
//! The Document decides what a field and a column header are; this
//! recognizer only maps labels to entities (`data/fields/labels.tsv`) and
//! checks that the value has the shape of that entity: a name is a run of
//! capitalised or uncased (non-Latin) words, an address holds a number or a
//! capitalised word, a plate mixes letters and digits.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use phimask_core::document::{fold_str, Case, Document, TokenKind};
use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};

/// The recognizer's id.
pub const FIELDS_ID: &str = "labelled_fields";

const LABELS: &str = include_str!("../data/fields/labels.tsv");
const TITLES: &str = include_str!("../data/fields/titles.txt");

/// Most words in a name value.
const MAX_NAME_WORDS: usize = 6;
/// Most words in an address value.
const MAX_ADDRESS_WORDS: usize = 14;

#[derive(Debug)]
struct Vocab {
    labels: HashMap<String, Entity>,
    titles: Vec<&'static str>,
}

fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Vocab {
    fn get() -> &'static Vocab {
        static V: OnceLock<Vocab> = OnceLock::new();
        V.get_or_init(|| {
            let labels = data_lines(LABELS)
                .filter_map(|l| {
                    let (label, entity) = l.split_once('\t')?;
                    Some((label.to_string(), Entity::parse(entity.trim())?))
                })
                .collect();
            Vocab {
                labels,
                titles: data_lines(TITLES).collect(),
            }
        })
    }

    /// The entity a column header governs: the whole header only (a header
    /// cell ending in a colon is a key, not a header).
    fn column_entity(&self, header: &str) -> Option<&Entity> {
        let h = header.trim();
        if h.ends_with(':') {
            return None;
        }
        self.labels.get(&fold_str(h))
    }

    /// The entity a label governs: the whole label, then its last two
    /// words, then its last word.
    fn entity(&self, label: &str) -> Option<&Entity> {
        let folded = fold_str(label.trim().trim_end_matches([':', '.', '#']));
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() || words.len() > 5 {
            return None;
        }
        let n = words.len();
        [
            words.join(" "),
            words[n.saturating_sub(2)..].join(" "),
            words[n - 1].to_string(),
        ]
        .iter()
        .find_map(|k| self.labels.get(k))
    }

    fn is_title(&self, word: &str) -> bool {
        self.titles.iter().any(|t| t.eq_ignore_ascii_case(word))
    }
}

/// Finds values under PHI labels and column headers; see the module
/// documentation.
#[derive(Debug, Default)]
pub struct FieldRecognizer;

impl FieldRecognizer {
    /// The recognizer (its vocabulary is loaded once per process).
    pub fn new() -> FieldRecognizer {
        FieldRecognizer
    }
}

impl Recognizer for FieldRecognizer {
    fn id(&self) -> &str {
        FIELDS_ID
    }

    fn entities(&self) -> &[Entity] {
        &[Entity::Person, Entity::StreetAddress, Entity::VehicleId]
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        // Cheap exit: no colon, tab or pipe means no field and no table.
        if !text.bytes().any(|b| matches!(b, b':' | b'\t' | b'|')) {
            return Ok(());
        }
        let vocab = Vocab::get();
        let layout = doc.layout();
        for f in &layout.fields {
            if let Some(entity) = vocab.entity(&text[f.label.range()]) {
                value_candidate(doc, vocab, entity, f.value, "label", out);
            }
        }
        for table in &layout.tables {
            let Some(h) = table.header else { continue };
            let header = &layout.lines[h];
            let columns: Vec<(usize, &Entity)> = header
                .cells
                .iter()
                .enumerate()
                .filter_map(|(i, c)| Some((i, vocab.column_entity(&text[c.range()])?)))
                .collect();
            if columns.is_empty() {
                continue;
            }
            for li in table.lines.clone().filter(|&l| l > h) {
                let line = &layout.lines[li];
                if line.rule {
                    continue;
                }
                for &(i, entity) in &columns {
                    // A cell ending in a colon is a key, not a value.
                    if let Some(&cell) = line
                        .cells
                        .get(i)
                        .filter(|c| !text[c.range()].ends_with(':'))
                    {
                        value_candidate(doc, vocab, entity, cell, "column", out);
                    }
                }
            }
        }
        Ok(())
    }
}

fn value_candidate(
    doc: &Document<'_>,
    vocab: &Vocab,
    entity: &Entity,
    value: Span,
    how: &'static str,
    out: &mut Vec<Candidate>,
) {
    if value.is_empty() {
        return;
    }
    let span = match entity {
        Entity::Person => name_value(doc, vocab, value),
        Entity::StreetAddress => address_value(doc, value),
        Entity::VehicleId => plate_value(doc, value),
        _ => None,
    };
    if let Some(span) = span {
        let pattern = match (entity, how) {
            (Entity::Person, "label") => "name_after_label",
            (Entity::Person, _) => "name_in_column",
            (Entity::StreetAddress, "label") => "address_after_label",
            (Entity::StreetAddress, _) => "address_in_column",
            (_, "label") => "plate_after_label",
            _ => "plate_in_column",
        };
        out.push(Candidate::new(span, entity.clone(), 0.85).with_pattern(pattern));
    }
}

/// A word that can be part of a name: capitalised, in capitals, or in a
/// script without case (CJK, Arabic, Hebrew, Devanagari …).
fn name_shaped(doc: &Document<'_>, i: usize) -> bool {
    let t = doc.tokens()[i];
    t.kind == TokenKind::Word
        && !t.has_digit
        && match t.case {
            Case::Title | Case::Upper | Case::Mixed => true,
            Case::None => true,
            Case::Lower => false,
        }
}

/// A short lower-case word inside a name ("de", "la", "van", "bin").
fn particle(t: phimask_core::document::Token) -> bool {
    t.kind == TokenKind::Word && t.case == Case::Lower && t.span.len() <= 3
}

/// The name at the start of a value: titles skipped, then name-shaped words
/// (with short lower-case particles such as "de", "van", "bin" between
/// them, and initials with their periods), up to the first word that is not.
fn name_value(doc: &Document<'_>, vocab: &Vocab, value: Span) -> Option<Span> {
    let text = doc.text();
    let tokens = doc.tokens_in(value);
    let base = doc.token_at(tokens.first()?.span.start)?;
    let mut i = 0;
    // Titles ("Mr", "Dr.") open the value but are not the name.
    while i < tokens.len() && vocab.is_title(tokens[i].text(text)) {
        i += 1;
        if i < tokens.len() && tokens[i].text(text) == "." {
            i += 1;
        }
    }
    let first = i;
    let mut last: Option<usize> = None;
    let mut words = 0;
    while i < tokens.len() && words < MAX_NAME_WORDS {
        let t = tokens[i];
        if let Some(prev) = last.map(|l| tokens[l]) {
            // A column gap ends the name ("Ana Lee  DOB …"), and so does a
            // word in capitals after capitalised ones ("Ana Lee MD").
            let gap = &text[tokens[i - 1].span.end..t.span.start];
            if gap.contains("  ") || gap.contains(['\t', '\n']) {
                break;
            }
            if t.kind == TokenKind::Word
                && t.case == Case::Upper
                && t.span.len() >= 2
                && matches!(prev.case, Case::Title | Case::Mixed)
            {
                break;
            }
        }
        match t.kind {
            TokenKind::Word if name_shaped(doc, base + i) => {
                words += 1;
                last = Some(i);
            }
            TokenKind::Word
                if last.is_some() && particle(tokens[i]) && {
                    // Particles ("de la", "van der", "bin") lead to a name word.
                    let next = (i + 1..tokens.len().min(i + 3)).find(|&j| !particle(tokens[j]));
                    next.is_some_and(|j| name_shaped(doc, base + j))
                } => {}
            TokenKind::Punct if matches!(t.text(text), "-" | "'" | "." | "’") && last.is_some() =>
                {}
            _ => break,
        }
        i += 1;
    }
    let last = last?;
    let start = tokens[first].span.start;
    let mut end = tokens[last].span.end;
    // An initial keeps its period ("J.").
    let lone_letter = words == 1 && tokens[last].span.len() == 1;
    if text[end..].starts_with('.') && tokens[last].span.len() == 1 {
        end += 1;
    } else if lone_letter {
        // One capital letter on its own opens a sentence ("PATIENT: I'm
        // fine", "Nurse: A repeat was drawn"), not a name.
        return None;
    }
    Some(Span::new(start, end))
}

/// An address value: the whole value when it holds a digit or a
/// capitalised or uncased word, and is not a phone number.
fn address_value(doc: &Document<'_>, value: Span) -> Option<Span> {
    let tokens = doc.tokens_in(value);
    let words = tokens.iter().filter(|t| t.is_wordlike()).count();
    if words == 0 || words > MAX_ADDRESS_WORDS {
        return None;
    }
    let digits: usize = doc.text()[value.range()]
        .bytes()
        .filter(u8::is_ascii_digit)
        .count();
    let letters = tokens.iter().any(|t| t.kind == TokenKind::Word);
    // "Home: 555 201 3344" is a phone number (its own recognizers' job).
    if !letters {
        return None;
    }
    // A US address ("…, Albany, NY 12207") is the US address recognizers'
    // business, and its state may stay: leave it to them.
    let text = doc.text();
    let g = crate::locations::gazetteer::get();
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text(text))
        .collect();
    let us = words
        .iter()
        .any(|w| crate::locations::gazetteer::is_state_code(w))
        || words.iter().any(|w| g.state(w))
        || words
            .windows(2)
            .any(|p| g.state(&format!("{} {}", p[0], p[1])));
    if us {
        return None;
    }
    let shaped = tokens.iter().any(|t| {
        t.kind == TokenKind::Word && matches!(t.case, Case::Title | Case::Upper | Case::None)
    });
    (shaped || digits > 0).then(|| without_trailing_country(text, value))
}

/// `value` without a country written last (", Poland", " (Jordan)"):
/// countries may stay, and the place recognizers report them as such.
fn without_trailing_country(text: &str, value: Span) -> Span {
    let s = text[value.range()].trim_end_matches(|c: char| c.is_whitespace() || c == '.');
    let Some(cut) = s.rfind([',', '(']) else {
        return value;
    };
    let last = s[cut + 1..].trim().trim_end_matches(')').trim();
    let is_country = crate::locations::gazetteer::COUNTRIES
        .iter()
        .any(|c| c.eq_ignore_ascii_case(last));
    if !is_country {
        return value;
    }
    let kept = s[..cut].trim_end();
    Span::new(value.start, value.start + kept.len())
}

/// A plate: one to three groups, letters and digits mixed, 2–10 characters.
fn plate_value(doc: &Document<'_>, value: Span) -> Option<Span> {
    let s = &doc.text()[value.range()];
    let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let ok = (2..=10).contains(&compact.len())
        && compact.chars().all(|c| c.is_ascii_alphanumeric())
        && compact.chars().any(|c| c.is_ascii_digit())
        && compact.chars().any(|c| c.is_ascii_alphabetic())
        && s.split([' ', '-']).filter(|g| !g.is_empty()).count() <= 3;
    ok.then_some(value)
}

/// The recognizers of this family.
///
/// # Errors
/// Never (the signature matches the other families').
pub fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    Ok(vec![Arc::new(FieldRecognizer::new())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{analyzer_over, detections};

    fn found(text: &str) -> Vec<(Entity, String)> {
        let a = analyzer_over(recognizers().expect("builds"), &[]);
        detections(&a, text)
    }

    #[test]
    fn names_in_any_script_after_name_labels() {
        assert_eq!(
            found("Re: Ms 김민준 (민김), DOB 19 April 1974"),
            // The bracketed initials follow from the name (consistency).
            [
                (Entity::Person, "김민준".to_string()),
                (Entity::Person, "민김".to_string())
            ]
        );
        assert_eq!(
            found("Patient Name: Иван Петров, 67\n"),
            [(Entity::Person, "Иван Петров".to_string())]
        );
        assert_eq!(
            found("Emergency contact: María de la Cruz (daughter)"),
            [(Entity::Person, "María de la Cruz".to_string())]
        );
        assert_eq!(
            found("Signed by: J. O'Neil-Park, RN"),
            [(Entity::Person, "J. O'Neil-Park".to_string())]
        );
        assert_eq!(
            found("Provider: Ayşe Snow MD\nName: Hiroshi Wiśniewski  DOB JUL-06-1961"),
            [
                (Entity::Person, "Ayşe Snow".to_string()),
                (Entity::Person, "Hiroshi Wiśniewski".to_string())
            ]
        );
        assert_eq!(
            found("Patient: ANA LEE-PARK, 45F"),
            [(Entity::Person, "ANA LEE-PARK".to_string())]
        );
    }

    #[test]
    fn values_that_are_not_names_stay() {
        assert!(found("Patient: reports pain at night").is_empty());
        assert!(found("PATIENT: I'm sixty-nine, believe it or not.").is_empty());
        assert!(found("Nurse: A repeat was drawn.").is_empty());
        assert!(found("Patient: 45 yo male").is_empty());
        assert!(found("Diagnosis: Major depressive disorder").is_empty());
    }

    #[test]
    fn addresses_end_before_their_country() {
        assert_eq!(
            found("Address: ul. Długa 212/12, 60-515 Gdańsk, Poland\n"),
            [(
                Entity::StreetAddress,
                "ul. Długa 212/12, 60-515 Gdańsk".to_string()
            )]
        );
        assert_eq!(
            found("Address: 14 Harbour Rd, Kowloon (China)\n"),
            [(Entity::StreetAddress, "14 Harbour Rd, Kowloon".to_string())]
        );
    }

    #[test]
    fn addresses_and_plates() {
        assert_eq!(
            found("Home: شارع الجامعة 59, الزرقاء\nTel. +962 77 261 4609"),
            [(
                Entity::StreetAddress,
                "شارع الجامعة 59, الزرقاء".to_string()
            )]
        );
        assert!(found("Home: 555 201 3344").is_empty());
        assert!(found("Address: see chart").is_empty());
        assert!(found("Address:\t9461 E Main Ave., Winston-Salem, NC 27101").is_empty());
        assert_eq!(
            found("Vehicle plate: YS50 GLJ\n"),
            [(Entity::VehicleId, "YS50 GLJ".to_string())]
        );
        assert!(found("Registration: complete").is_empty());
    }

    #[test]
    fn columns_under_phi_headers() {
        let t = "Time\tPatient\tBP\n08:00\t王小明\t120/80\n09:00\tAna Lee\t118/76\n";
        assert_eq!(
            found(t),
            [
                (Entity::Person, "王小明".to_string()),
                (Entity::Person, "Ana Lee".to_string())
            ]
        );
    }
}
