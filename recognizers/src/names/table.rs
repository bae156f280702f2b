//! Names in table cells: a tab- or pipe-separated table whose header row
//! names a person column ("Provider", "Prescriber", "Patient") holds a name
//! in that column on every row below, even when the name is a common word
//! ("Strong", "Hall", "Will").

use super::lexicon::*;

/// One name cell found under a person column header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    /// Byte offsets of the name in the text.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Header cells (folded, whitespace collapsed) that announce a name column.
const NAME_HEADERS: &[&str] = &[
    "provider",
    "prescriber",
    "prescribed by",
    "prescribing provider",
    "clinician",
    "staff",
    "staff member",
    "patient",
    "patient name",
    "name",
    "client",
    "client name",
    "ordered by",
    "attending",
    "therapist",
    "signed",
    "signed by",
    "author",
    "contact",
    "physician",
    "doctor",
    "psychiatrist",
    "counselor",
    "nurse",
    "seen by",
    "case manager",
    "guardian",
    "emergency contact",
    "pcp",
    "referred by",
    "referring provider",
    "rendering provider",
    "member",
    "member name",
    "subscriber",
    "resident",
    "caregiver",
    "entered by",
    "reviewed by",
    "completed by",
    "clinician name",
    "provider name",
];

/// Which separator a line uses, and its cells as byte ranges.
fn cells(line: &str, base: usize, out: &mut Vec<(usize, usize)>) -> Option<char> {
    out.clear();
    let trimmed = line.trim_start();
    let sep = if line.contains('\t') {
        '\t'
    } else if trimmed.starts_with('|') && line.matches('|').count() >= 3 {
        '|'
    } else {
        return None;
    };
    let mut start = 0;
    for (k, c) in line.char_indices() {
        if c == sep {
            out.push((base + start, base + k));
            start = k + 1;
        }
    }
    out.push((base + start, base + line.len()));
    if sep == '|' {
        // Drop the empty cells outside the outer pipes.
        if out
            .first()
            .is_some_and(|&(s, e)| line_slice_blank(line, base, s, e))
        {
            out.remove(0);
        }
        if out
            .last()
            .is_some_and(|&(s, e)| line_slice_blank(line, base, s, e))
        {
            out.pop();
        }
    }
    if out.len() < 2 {
        return None;
    }
    Some(sep)
}

fn line_slice_blank(line: &str, base: usize, s: usize, e: usize) -> bool {
    line[s - base..e - base].trim().is_empty()
}

/// True for a markdown rule line ("|---|:--:|").
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '=' | '+'))
}

fn is_name_header(cell: &str, buf: &mut String) -> bool {
    buf.clear();
    for w in cell
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '*' | '_'))
        .filter(|w| !w.is_empty())
    {
        if !buf.is_empty() {
            buf.push(' ');
        }
        for c in w.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    NAME_HEADERS.contains(&buf.as_str())
}

/// The name inside a cell under a name header, trimmed of a title and a
/// post-nominal; `None` when the cell does not look like a name.
fn name_in_cell(text: &str, s: usize, e: usize, lex: &Lexicon, buf: &mut String) -> Option<Cell> {
    let cell = &text[s..e];
    let lead = cell.len() - cell.trim_start().len();
    let body = cell.trim();
    if body.is_empty() || body.len() > 60 || body.chars().any(|c| c.is_numeric()) {
        return None;
    }
    if !body
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | ',' | '\'' | '-' | '\u{2019}'))
        && !body
            .chars()
            .any(|c| (c as u32) >= 0x300 && (c as u32) <= 0x36F)
    {
        return None;
    }
    let mut start = s + lead;
    let mut end = start + body.len();
    let mut words: Vec<(usize, usize)> = Vec::with_capacity(6);
    let mut ws = None;
    for (k, c) in body.char_indices() {
        let part = c.is_alphabetic() || matches!(c, '\'' | '-' | '\u{2019}');
        match (part, ws) {
            (true, None) => ws = Some(k),
            (false, Some(w)) => {
                words.push((w, k));
                ws = None;
            }
            _ => {}
        }
    }
    if let Some(w) = ws {
        words.push((w, body.len()));
    }
    // A leading title ("Dr. Hall") and a trailing post-nominal ("Hall, MD").
    if let Some(&(a, b)) = words.first() {
        let e0 = lex.lookup_word(&body[a..b], buf);
        if words.len() > 1 && e0.is_some_and(|e| e.flags & TITLE != 0) {
            words.remove(0);
        }
    }
    if let Some(&(a, b)) = words.last() {
        if words.len() > 1 && lex.is_postnominal(&body[a..b]) && body[a..b].len() >= 2 {
            words.pop();
        }
    }
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let mut long = 0;
    let mut any_name = false;
    let mut all_lower = true;
    for &(a, b) in &words {
        let w = &body[a..b];
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 {
            long += 1;
        }
        let upper_start = w.chars().next().is_some_and(char::is_uppercase);
        if upper_start {
            all_lower = false;
        }
        let flags = lex.lookup_word(w, buf).map_or(0, |e| e.flags);
        if flags & (DRUG | CLINICAL) != 0 && flags & (FIRST | LAST) == 0 {
            return None;
        }
        if flags & (STOP | LABEL) != 0 && flags & (FIRST | LAST) == 0 && letters >= 2 {
            return None;
        }
        if flags & (FIRST | LAST) != 0 || flags == 0 {
            any_name = true;
        } else if letters >= 2 && flags & PARTICLE == 0 {
            // "Self", "Pending", "Mother": a known word that is no name.
            return None;
        }
        if !upper_start && flags & PARTICLE == 0 && letters >= 2 {
            // A lower-case cell must hold a name that is no English word.
            if flags & (COMMON | WORD) != 0 && flags & (FIRST | LAST) == 0 {
                return None;
            }
        }
    }
    if long == 0 {
        return None;
    }
    // "ICU", "ED": a lone short acronym; "Self", "Pending": no name.
    if words.len() == 1 {
        let (a, b) = words[0];
        let w = &body[a..b];
        const NOT_NAMES: &[&str] = &[
            "self",
            "none",
            "unknown",
            "pending",
            "same",
            "other",
            "team",
            "family",
            "tbd",
            "declined",
            "unassigned",
            "multiple",
            "various",
            "covering",
            "oncall",
            "on-call",
            "patient",
            "provider",
            "nursing",
            "pharmacy",
            "guardian",
            "parent",
            "n/a",
            "na",
        ];
        if NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(w)) {
            return None;
        }
        if w.chars().count() <= 3 && !w.chars().any(char::is_lowercase) {
            return None;
        }
    }
    if all_lower && !any_name {
        return None;
    }
    let (a, _) = words[0];
    let (_, b) = words[words.len() - 1];
    // Keep an initial's period ("Ebony A.").
    let mut bend = b;
    if body[b..].starts_with('.') && body[..b].ends_with(|c: char| c.is_uppercase()) {
        let one = body[..b]
            .chars()
            .rev()
            .nth(1)
            .is_none_or(|c| !c.is_alphabetic());
        if one {
            bend = b + 1;
        }
    }
    start += a;
    end = end.min(s + lead + bend);
    if end <= start {
        return None;
    }
    Some(Cell { start, end })
}

/// Finds names in table columns whose header names a person.
pub(crate) fn table_names(text: &str, lex: &Lexicon, out: &mut Vec<Cell>) {
    if !text.contains('\t') && !text.contains('|') {
        return;
    }
    let mut buf = String::new();
    let mut row: Vec<(usize, usize)> = Vec::new();
    // The current table: separator, cell count, name columns.
    let mut sep_now: Option<char> = None;
    let mut count = 0usize;
    let mut cols: Vec<usize> = Vec::new();
    let mut base = 0usize;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let here = base;
        base += raw.len();
        if sep_now == Some('|') && is_rule(line) {
            continue;
        }
        let Some(sep) = cells(line, here, &mut row) else {
            sep_now = None;
            continue;
        };
        let fits = sep_now == Some(sep) && row.len().abs_diff(count) <= 1;
        if !fits {
            // A new table: this line is its header.
            sep_now = Some(sep);
            count = row.len();
            cols.clear();
            // A header has three or more cells and no numbers (not a
            // "Name<tab>value" pair or a data row).
            let header = row.len() >= 3
                && row
                    .iter()
                    .all(|&(s, e)| !text[s..e].chars().any(|c| c.is_numeric()));
            if !header {
                continue;
            }
            for (k, &(s, e)) in row.iter().enumerate() {
                if is_name_header(&text[s..e], &mut buf) {
                    cols.push(k);
                }
            }
            continue;
        }
        for &k in &cols {
            if let Some(&(s, e)) = row.get(k) {
                if let Some(c) = name_in_cell(text, s, e, lex, &mut buf) {
                    out.push(c);
                }
            }
        }
    }
}
