//! Small text helpers for place names: capitalised word runs and the word
//! before a position.

use phimask_core::Span;

/// Lower-case words allowed inside a place name ("Stratford upon Avon",
/// "Isle of Wight", "Rio de Janeiro").
const CONNECTORS: &[&str] = &[
    "of", "de", "del", "la", "las", "los", "el", "upon", "on", "the", "du", "le", "da", "do",
    "dos", "am", "an", "sur", "or", "van", "der", "von", "den", "di", "al", "y",
];

/// Abbreviations whose final period is part of the word.
const DOTTED: &[&str] = &["st", "ft", "mt", "pt", "n", "s", "e", "w"];

/// True when `c` may continue a name word.
fn name_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.') || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// The end of the word starting at `at` (letters, apostrophes, hyphens and
/// inner periods), with a trailing period dropped unless the word is an
/// abbreviation such as "St." or has inner periods ("N.Y.").
fn word_end(text: &str, at: usize) -> usize {
    let mut end = at;
    for (i, c) in text[at..].char_indices() {
        if !name_char(c) {
            break;
        }
        end = at + i + c.len_utf8();
    }
    // Trailing punctuation that is not part of the word.
    while end > at {
        let last = text[..end].chars().next_back().unwrap_or(' ');
        if last == '.' {
            let body = &text[at..end - 1];
            if body.ends_with('.') {
                end -= 1;
                continue;
            }
            if body.contains('.') || DOTTED.contains(&body.to_ascii_lowercase().as_str()) {
                break;
            }
            end -= 1;
        } else if matches!(last, '\'' | '’' | '-') {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Capitalised words (title case or all caps) starting at byte `at`,
/// separated by single spaces or tabs, with lower-case connectors between
/// them; at most `max` words. Empty when `at` does not start one.
pub(crate) fn cap_run(text: &str, at: usize, max: usize) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut pos = at;
    let mut pending: Vec<Span> = Vec::new();
    while out.len() < max && pos < text.len() {
        let end = word_end(text, pos);
        if end <= pos {
            break;
        }
        let w = &text[pos..end];
        if starts_cap(w) {
            out.append(&mut pending);
            out.push(Span::new(pos, end));
            // A period the word does not own ends the sentence.
            if text[end..].starts_with('.') {
                break;
            }
        } else if !out.is_empty() && CONNECTORS.contains(&w) && pending.len() < 2 {
            pending.push(Span::new(pos, end));
        } else {
            break;
        }
        // One or two spaces to the next word (a tab separates columns).
        let rest = &text[end..];
        let gap = rest.len() - rest.trim_start_matches(' ').len();
        if gap == 0 || gap > 2 {
            break;
        }
        pos = end + gap;
    }
    out
}

/// Capitalised words ending at byte `end` (exclusive, spaces before `end`
/// skipped), in text order, at most `max`, on the same line.
pub(crate) fn cap_run_before(text: &str, end: usize, max: usize) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut e = end;
    while out.len() < max {
        let trimmed = if out.is_empty() {
            text[..e].trim_end_matches([' ', '\t'])
        } else {
            text[..e].trim_end_matches(' ')
        };
        if out.is_empty() && trimmed.len() != e && e != end {
            break;
        }
        if !out.is_empty() && (e - trimmed.len() == 0 || e - trimmed.len() > 2) {
            break;
        }
        let we = trimmed.len();
        // Walk back over name characters.
        let mut ws = we;
        for (i, c) in trimmed.char_indices().rev() {
            if !name_char(c) {
                break;
            }
            ws = i;
        }
        if ws >= we {
            break;
        }
        // Skip leading punctuation such as a hyphen or apostrophe.
        while ws < we && !text[ws..].starts_with(|c: char| c.is_alphabetic()) {
            ws += text[ws..].chars().next().map_or(1, char::len_utf8);
        }
        if ws >= we {
            break;
        }
        let first = text[ws..].chars().next().unwrap_or(' ');
        let wend = word_end(text, ws).min(we);
        if wend <= ws {
            break;
        }
        if wend < we {
            // The word ends a sentence or clause ("Children. Attends").
            break;
        }
        let w = &text[ws..wend];
        if first.is_uppercase() || starts_cap(w) {
            out.push(Span::new(ws, wend));
        } else if !out.is_empty() && CONNECTORS.contains(&w) {
            // Keep a connector only if a capitalised word precedes it.
            let before = cap_run_before(text, ws, 1);
            if before.is_empty() {
                break;
            }
            out.push(Span::new(ws, wend));
        } else {
            break;
        }
        e = ws;
    }
    out.reverse();
    out
}

/// The word (letters only, lower-cased) just before byte `at`, skipping
/// spaces, and whether a comma stood between.
pub(crate) fn prev_word(text: &str, at: usize) -> (String, bool) {
    let before = &text[..at];
    let trimmed = before.trim_end_matches([' ', '\t']);
    let trimmed = match trimmed.strip_suffix(':') {
        Some(t) => t.trim_end_matches([' ', '\t']),
        None => trimmed,
    };
    let (trimmed, comma) = match trimmed.strip_suffix(',') {
        Some(t) => (t.trim_end_matches([' ', '\t']), true),
        None => (trimmed, false),
    };
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '.')
        .last()
        .map_or(trimmed.len(), |(i, _)| i);
    (trimmed[start..].trim_end_matches('.').to_lowercase(), comma)
}

/// The word just after byte `at`, skipping spaces and one comma.
pub(crate) fn next_word(text: &str, at: usize) -> &str {
    let rest = text[at..].trim_start_matches([' ', '\t', ',']);
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '\''))
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// Extends a name start back over lower-case particles ("van der Berg",
/// "de la Cruz") separated by single spaces.
pub(crate) fn extend_particles(text: &str, start: usize) -> usize {
    const PARTICLES: &[&str] = &[
        "van", "der", "de", "la", "del", "von", "di", "du", "le", "da", "dos", "das", "al", "el",
        "den", "ter", "ten", "bin", "ibn",
    ];
    let mut s = start;
    loop {
        let Some(before) = text[..s].strip_suffix(' ') else {
            return s;
        };
        let ws = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(before.len(), |(i, _)| i);
        if ws == before.len() || !PARTICLES.contains(&&before[ws..]) {
            return s;
        }
        s = ws;
    }
}

/// True when a word starts with a capital, counting elided particles
/// ("d'Alene", "l'Anse", "O'Neill").
pub(crate) fn starts_cap(w: &str) -> bool {
    let mut cs = w.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(c), _, _) if c.is_uppercase() => true,
        (Some('d' | 'l'), Some('\'' | '’'), Some(c)) => c.is_uppercase(),
        _ => false,
    }
}

/// True when every word of the span starts with a capital letter, except
/// lower-case connectors.
pub(crate) fn is_capitalised(text: &str, span: Span) -> bool {
    text[span.range()]
        .split([' ', '\t', '-'])
        .filter(|w| !w.is_empty())
        .all(|w| starts_cap(w) || CONNECTORS.contains(&w))
        && text[span.range()].starts_with(|c: char| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| text[s.range()].to_string()).collect()
    }

    #[test]
    fn runs() {
        let t = "lives in Stratford upon Avon. Then";
        assert_eq!(texts(t, &cap_run(t, 9, 5)), ["Stratford", "upon", "Avon"]);
        let t = "moved to St. Louis, MO";
        assert_eq!(texts(t, &cap_run(t, 9, 5)), ["St.", "Louis"]);
        let t = "seen in New York City, NY";
        assert_eq!(texts(t, &cap_run_before(t, 21, 5)), ["New", "York", "City"]);
        let t = "at 12 Elm St Springfield, IL";
        assert_eq!(
            texts(t, &cap_run_before(t, 24, 5)),
            ["Elm", "St", "Springfield"]
        );
        assert_eq!(prev_word("lives in  Boston", 10), ("in".to_string(), false));
        assert_eq!(next_word("Boston, MA 02115", 6), "MA");
    }
}
