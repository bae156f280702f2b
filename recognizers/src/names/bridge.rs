//! A last pass over the person candidates of one text: it joins the pieces
//! of a name that the token rules found apart and adds the trailing middle
//! initial, so that no letter of a name is left between masked parts
//! ("TĀNE ST. CLAIR", "DE LA CRUZ, ITZEL F", "Da Silva, Summer F").

use phimask_core::{Candidate, Entity, Span};

use super::lexicon::Lexicon;
use super::{is_clinical_term, is_common_word, is_given_name};

/// Particles that may stand between two parts of one name, any case.
const PARTICLES: &[&str] = &[
    "st", "st.", "ste", "ste.", "de", "la", "da", "del", "della", "di", "do", "dos", "das", "du",
    "van", "von", "der", "den", "le", "el", "al", "bin", "ibn", "ben", "ter", "ten", "y", "mc",
];

/// Extends or joins the person candidates appended to `out` since `from`.
pub(super) fn bridge(text: &str, out: &mut Vec<Candidate>, from: usize) {
    let mut spans: Vec<(Span, f32)> = out[from..]
        .iter()
        .filter(|c| c.entity == Entity::Person)
        .map(|c| (c.span, c.score))
        .collect();
    if spans.is_empty() {
        return;
    }
    spans.sort_by_key(|(s, _)| (s.start, s.end));
    let mut added = Vec::new();
    // Two parts separated by one or two particles only.
    for w in spans.windows(2) {
        let ((a, sa), (b, sb)) = (w[0], w[1]);
        if a.end >= b.start {
            continue;
        }
        let gap = &text[a.end..b.start];
        if gap.len() > 12 || gap.contains('\n') {
            continue;
        }
        let words: Vec<&str> = gap.split_whitespace().collect();
        let all_particles = !words.is_empty()
            && words.len() <= 2
            && words
                .iter()
                .all(|w| PARTICLES.contains(&w.to_lowercase().as_str()));
        if all_particles
            && gap.starts_with(char::is_whitespace)
            && gap.ends_with(char::is_whitespace)
        {
            added.push((Span::new(a.start, b.end), sa.min(sb)));
        }
    }
    for &(s, score) in &spans {
        let end = extend_tail(text, s.end);
        if end > s.end {
            added.push((Span::new(s.start, end), score));
        }
    }
    for (span, score) in added {
        let mut c = Candidate::new(span, Entity::Person, score).with_pattern("name_bridge");
        c.context_applied = true;
        out.push(c);
    }
}

/// The end of a name that goes on past `end` with ", First [M]" or a
/// middle initial, when that is how its line or field ends.
fn extend_tail(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let mut at = end;
    // ", First" after "LAST" (the first name may be a common word when it
    // is also a given name: "Summer", "June").
    if let Some(after_comma) = rest.strip_prefix(", ") {
        let word_len = after_comma
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\'' || c == '’'))
            .unwrap_or(after_comma.len());
        let word = &after_comma[..word_len];
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        // Not a credential ("DÍAZ, PHD") nor a place ("Richmond, Virginia").
        let plausible = (is_given_name(word) || !(is_common_word(word) || is_clinical_term(word)))
            && !Lexicon::get().is_postnominal(word)
            && !crate::locations::is_us_state(word)
            && !crate::locations::is_known_place(word);
        if word_len >= 2 && capitalised && plausible {
            let next = end + 2 + word_len;
            if field_ends(text, next) || initial_end(text, next).is_some() {
                at = next;
            }
        }
    }
    if let Some(e) = initial_end(text, at) {
        at = e;
    }
    at
}

/// The end of a middle initial (" F", " F.") right after `at`, when the
/// field ends after it.
fn initial_end(text: &str, at: usize) -> Option<usize> {
    let rest = text[at..].strip_prefix(' ')?;
    let mut chars = rest.chars();
    let c = chars.next()?;
    if !c.is_uppercase() {
        return None;
    }
    let mut end = at + 1 + c.len_utf8();
    let dotted = text[end..].starts_with('.');
    if dotted {
        end += 1;
    }
    // "I" and "A" are words as often as initials: only with a dot.
    if matches!(c, 'I' | 'A') && !dotted {
        return None;
    }
    field_ends(text, end).then_some(end)
}

/// True when a name field ends at `at`: end of text or line, a wide gap,
/// or punctuation that closes a field.
fn field_ends(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    rest.is_empty()
        || rest.starts_with(['\n', '\r', '\t', ',', ';', ')', '(', '|'])
        || rest.starts_with("  ")
        || rest.starts_with(" (")
        || rest.starts_with(" -")
}

#[cfg(test)]
mod tests {
    fn masked(text: &str) -> String {
        crate::testutil::analyzer_over(super::super::recognizers().expect("builds"), &[])
            .mask(text)
            .expect("masks")
            .text
    }

    #[test]
    fn particles_in_capitals_and_trailing_initials() {
        assert_eq!(
            masked("Patient: TĀNE ST. CLAIR   DOB: x"),
            "Patient: ●●●●●●●●●●●●●●   DOB: x"
        );
        assert_eq!(
            masked("DE LA CRUZ, ITZEL F   MRN: x"),
            "●●●●●●●●●●●●●●●●●●●   MRN: x"
        );
        assert_eq!(
            masked("Subject: ROI for Da Silva, Summer F\n"),
            "Subject: ROI for ●●●●●●●●●●●●●●●●●●\n"
        );
        assert_eq!(
            masked("Seen by Dr. Smith, Psychiatry\n"),
            "Seen by Dr. ●●●●●, Psychiatry\n"
        );
        assert_eq!(masked("Dr. Smith I think"), "Dr. ●●●●● I think");
        assert_eq!(
            masked("PROVIDER: D.D. FOX, M.D.\nProvider: R. FOX, MD"),
            "PROVIDER: ●●●●●●●●, M.D.\nProvider: ●●●●●●, MD"
        );
    }
}
