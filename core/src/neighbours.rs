//! Evidence from a neighbouring candidate: a bare number right after a
//! person's name on the same line is that person's identifier.
//!
//! Report headers, wristbands, medication lists and worklists put the
//! identifier next to the name with no label at all: `LAB RESULTS  LEWIS,
//! LAYLA  7153-8230`, `Med Rec<TAB>Shira Fox<TAB>0154-1821`, `John Smith
//! 00123456`. A context word cannot help there; the name is the context.
//! Only weak candidates of the bare-number families are raised, and only
//! when the gap between the name and the number holds nothing but spaces,
//! tabs and cell or list punctuation, so "Smith, RN 0700-1900" (a shift)
//! and "John Smith was given 100000 units" stay as they were.

use crate::entity::Entity;
use crate::span::Span;

/// The entities whose weak, unlabelled candidates a neighbouring name may
/// raise: the families of bare record numbers.
pub(crate) fn is_bare_number_entity(e: &Entity) -> bool {
    matches!(
        e,
        Entity::MedicalRecordNumber
            | Entity::IdNumber
            | Entity::AccountNumber
            | Entity::HealthPlanId
    )
}

/// What an explanation names as the context of a number a name raised
/// (never the name itself).
pub(crate) const NAME_EVIDENCE: &str = "(a name before it)";

/// The longest gap, in bytes, between a name and the number after it.
const MAX_GAP: usize = 8;

/// Whether `candidate` follows one of `names` (spans of strong person
/// candidates, sorted by end) on the same line with only a separator gap.
pub(crate) fn follows_a_name(text: &str, names: &[Span], candidate: Span) -> bool {
    let from = candidate.start.saturating_sub(MAX_GAP);
    let lo = names.partition_point(|n| n.end < from);
    names[lo..]
        .iter()
        .take_while(|n| n.end <= candidate.start)
        .any(|n| {
            text.get(n.end..candidate.start).is_some_and(|gap| {
                !gap.is_empty()
                    && gap
                        .bytes()
                        .all(|b| matches!(b, b' ' | b'\t' | b',' | b':' | b'#' | b'|' | b'('))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, name: &str, number: &str) -> bool {
        let at = |s: &str| {
            let i = text.find(s).expect("in text");
            Span::new(i, i + s.len())
        };
        follows_a_name(text, &[at(name)], at(number))
    }

    #[test]
    fn separators_only_between_name_and_number() {
        assert!(check(
            "LAB RESULTS  LAYLA LEWIS  7153-8230",
            "LAYLA LEWIS",
            "7153-8230"
        ));
        assert!(check(
            "Med Rec\tShira Fox\t0154-1821",
            "Shira Fox",
            "0154-1821"
        ));
        assert!(check("| Fox, Shira | 00123456 |", "Fox, Shira", "00123456"));
        assert!(check("Shira Fox (00123456)", "Shira Fox", "00123456"));
        assert!(check("Shira Fox, #00123456", "Shira Fox", "00123456"));
    }

    #[test]
    fn words_lines_and_distance_break_the_link() {
        assert!(!check("Smith, RN 0700-1900", "Smith", "0700-1900"));
        assert!(!check("Shira Fox\n0154-1821", "Shira Fox", "0154-1821"));
        assert!(!check("Shira Fox was given 100000", "Shira Fox", "100000"));
        assert!(!check(
            "Shira Fox           00123456",
            "Shira Fox",
            "00123456"
        ));
        assert!(!check("00123456 Shira Fox", "Shira Fox", "00123456"));
        assert!(!check("Shira Fox00123456", "Shira Fox", "00123456"));
    }
}
