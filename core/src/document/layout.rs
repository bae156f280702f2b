//! Lines, table rows, cells and column headers, and labelled fields: the
//! one rule phimask uses for each.
//!
//! * A **line** ends at `\n`; a `\r` before it is not part of the line.
//! * A **row** is a line split into cells by tabs, by pipes (two or more
//!   `|`), or by runs of two or more spaces when its cells line up with the
//!   line above or below (aligned columns). Markdown rule lines
//!   (`|---|:--|`) belong to a table but are not rows of data.
//! * A **table** is a run of consecutive rows with the same separator whose
//!   cell counts stay within one of its first row's (ragged rows allowed).
//!   Its **header** is its first row that is not a rule line, when the table
//!   has more than one row and is not a key/value table.
//! * A **key/value table** is a two-column table whose every first cell
//!   looks like a label ("Name", "DOB:", "Member ID") and whose first row is
//!   not a header (its key ends with a colon, or its second cell is a value
//!   rather than another label): each row is a field, and it has no header.
//! * A **field** is a label and its value: `Label: value` inside a line or
//!   cell (several per line when separated by cells or two spaces), a
//!   key/value table row, or a table cell under its column header.

use crate::Span;

/// How the cells of a row are separated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    /// Tab characters.
    Tab,
    /// Pipe characters (`|`).
    Pipe,
    /// Runs of two or more spaces, with the columns aligned.
    Spaces,
}

/// One line of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line's text, without its `\r\n` or `\n`.
    pub span: Span,
    /// When the line is a table row: its separator.
    pub separator: Option<Separator>,
    /// The line's cells (trimmed; empty when it is not a row). Pipe rows
    /// keep the empty cells before a leading and after a trailing `|`, so a
    /// cell's index is the number of separators before it.
    pub cells: Vec<Span>,
    /// The table the line belongs to, an index into [`Layout::tables`].
    pub table: Option<usize>,
    /// True for a Markdown rule line (`|---|---|`).
    pub rule: bool,
}

/// A run of rows that form one table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Its first and last line (indices into [`Layout::lines`]).
    pub lines: std::ops::RangeInclusive<usize>,
    /// Its separator.
    pub separator: Separator,
    /// Its header line, if it has one.
    pub header: Option<usize>,
    /// True for a two-column key/value table (each row a field).
    pub key_value: bool,
}

/// A label and the value it governs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The label's text, without a trailing colon.
    pub label: Span,
    /// The value (trimmed).
    pub value: Span,
}

/// The lines, tables and fields of a text.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// Every line, in order.
    pub lines: Vec<Line>,
    /// Every table, in order.
    pub tables: Vec<Table>,
    /// Every labelled field, in text order of their values.
    pub fields: Vec<Field>,
}

/// Longest label, in bytes.
const MAX_LABEL_BYTES: usize = 40;
/// Most words in a label.
const MAX_LABEL_WORDS: usize = 4;

impl Layout {
    /// Builds the layout of `text` in one pass over its lines.
    pub fn new(text: &str) -> Layout {
        let mut lines = split_lines(text);
        for line in &mut lines {
            let s = &text[line.span.range()];
            line.rule = is_rule_line(s);
            if s.contains('\t') {
                line.separator = Some(Separator::Tab);
                line.cells = split_cells(text, line.span, b'\t');
            } else if s.bytes().filter(|&b| b == b'|').count() >= 2 {
                line.separator = Some(Separator::Pipe);
                line.cells = split_cells(text, line.span, b'|');
            }
        }
        mark_aligned_rows(text, &mut lines);
        let tables = find_tables(text, &mut lines);
        let fields = find_fields(text, &lines, &tables);
        Layout {
            lines,
            tables,
            fields,
        }
    }

    /// The index of the line holding byte `at`.
    pub fn line_at(&self, at: usize) -> Option<usize> {
        let i = self.lines.partition_point(|l| l.span.start <= at);
        let i = i.checked_sub(1)?;
        // `at` may be the line's end (its line break).
        (at <= self.lines[i].span.end).then_some(i)
    }

    /// The header cell above `span` when `span` lies in a data cell of a
    /// table with a header.
    pub fn column_header(&self, span: Span) -> Option<Span> {
        let li = self.line_at(span.start)?;
        let line = &self.lines[li];
        let table = &self.tables[line.table?];
        let header = table.header?;
        if header >= li || table.key_value {
            return None;
        }
        let col = cell_index(line, span.start)?;
        let cell = *self.lines[header].cells.get(col)?;
        (!cell.is_empty()).then_some(cell)
    }

    /// The label governing `span`: the field whose value holds it, or else
    /// its column header.
    pub fn label_for(&self, span: Span) -> Option<Span> {
        let i = self.fields.partition_point(|f| f.value.start <= span.start);
        if let Some(f) = i.checked_sub(1).map(|i| self.fields[i]) {
            if f.value.contains(&span) {
                return Some(f.label);
            }
        }
        self.column_header(span)
    }
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut push = |start: usize, mut end: usize| {
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        out.push(Line {
            span: Span::new(start, end),
            separator: None,
            cells: Vec::new(),
            table: None,
            rule: false,
        });
    };
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            push(start, i);
            start = i + 1;
        }
    }
    if start < text.len() {
        push(start, text.len());
    }
    out
}

/// `|---|:---:|`, `---|---`, `+----+----+`.
fn is_rule_line(s: &str) -> bool {
    let t = s.trim();
    t.contains("--")
        && t.bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'+' | b'\t' | b'='))
}

/// Splits a line on a one-byte separator into trimmed cells.
fn split_cells(text: &str, line: Span, sep: u8) -> Vec<Span> {
    let mut cells = Vec::new();
    let mut start = line.start;
    for (k, &b) in text.as_bytes()[line.range()].iter().enumerate() {
        if b == sep {
            let i = line.start + k;
            cells.push(trim(text, Span::new(start, i)));
            start = i + 1;
        }
    }
    cells.push(trim(text, Span::new(start, line.end)));
    cells
}

fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    Span::new(span.start + lead, span.start + lead + t.len())
}

/// Cells of a line split on runs of two or more spaces (tabs are handled
/// elsewhere), with their starts relative to the line.
fn space_cells(text: &str, line: Span) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut cells = Vec::new();
    let mut i = line.start;
    // Leading indentation is not a separator.
    while i < line.end && bytes[i] == b' ' {
        i += 1;
    }
    let mut start = i;
    while i < line.end {
        if bytes[i] == b' ' && i + 1 < line.end && bytes[i + 1] == b' ' {
            let end = i;
            while i < line.end && bytes[i] == b' ' {
                i += 1;
            }
            if end > start {
                cells.push(Span::new(start, end));
            }
            start = i;
        } else {
            i += 1;
        }
    }
    if line.end > start {
        cells.push(trim(text, Span::new(start, line.end)));
    }
    cells
}

/// Rows whose cells are separated by runs of spaces count only when at
/// least two cells of each of two neighbouring lines start at the same
/// columns (±1): prose with a double space does not line up.
fn mark_aligned_rows(text: &str, lines: &mut [Line]) {
    let cols: Vec<Option<Vec<Span>>> = lines
        .iter()
        .map(|l| {
            if l.separator.is_some() || !text[l.span.range()].contains("  ") {
                return None;
            }
            let cells = space_cells(text, l.span);
            (cells.len() >= 2).then_some(cells)
        })
        .collect();
    let starts = |i: usize| -> Vec<usize> {
        cols[i].as_ref().map_or_else(Vec::new, |cells| {
            cells
                .iter()
                .map(|c| text[lines[i].span.start..c.start].chars().count())
                .collect()
        })
    };
    let aligned = |a: &[usize], b: &[usize]| {
        a.len() >= 2
            && b.len() >= 2
            && b.iter()
                .skip(1)
                .all(|x| a.iter().any(|y| x.abs_diff(*y) <= 1))
            && b.iter().skip(1).count() >= 1
    };
    let mut keep = vec![false; lines.len()];
    for i in 1..lines.len() {
        if cols[i].is_none() || cols[i - 1].is_none() {
            continue;
        }
        let (a, b) = (starts(i - 1), starts(i));
        if aligned(&a, &b) || aligned(&b, &a) {
            keep[i] = true;
            keep[i - 1] = true;
        }
    }
    for (i, line) in lines.iter_mut().enumerate() {
        if keep[i] {
            if let Some(cells) = &cols[i] {
                line.separator = Some(Separator::Spaces);
                line.cells = cells.clone();
            }
        }
    }
}

/// Groups rows into tables and picks their headers.
fn find_tables(text: &str, lines: &mut [Line]) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(sep) = lines[i].separator else {
            i += 1;
            continue;
        };
        let first = i;
        let width = lines[i].cells.len();
        let mut last = i;
        while last + 1 < lines.len()
            && lines[last + 1].separator == Some(sep)
            && lines[last + 1].cells.len().abs_diff(width) <= 1
        {
            last += 1;
        }
        let data: Vec<usize> = (first..=last).filter(|&l| !lines[l].rule).collect();
        // A two-column table whose first cells all look like labels is a
        // key/value table, unless its first row reads as a header too
        // ("Name | MRN" over rows): keys ending in colons, or a first row
        // whose second cell is a value, settle it.
        let has_rule = (first..=last).any(|l| lines[l].rule);
        let key_value = !data.is_empty()
            && !has_rule
            && data.iter().all(|&l| {
                let cells = nonempty_cells(&lines[l]);
                cells.len() == 2 && looks_like_label(&text[cells[0].range()])
            })
            && data.first().is_some_and(|&l| {
                let cells = nonempty_cells(&lines[l]);
                text[cells[0].range()].ends_with(':') || !looks_like_label(&text[cells[1].range()])
            });
        let header = if key_value || data.len() < 2 {
            None
        } else {
            data.first().copied()
        };
        let t = tables.len();
        for line in &mut lines[first..=last] {
            line.table = Some(t);
        }
        tables.push(Table {
            lines: first..=last,
            separator: sep,
            header,
            key_value,
        });
        i = last + 1;
    }
    tables
}

fn nonempty_cells(line: &Line) -> Vec<Span> {
    line.cells
        .iter()
        .copied()
        .filter(|c| !c.is_empty())
        .collect()
}

fn cell_index(line: &Line, at: usize) -> Option<usize> {
    if line.cells.is_empty() {
        return None;
    }
    // The last cell starting at or before `at` (cells are trimmed, so a
    // position in the padding belongs to the cell on its left).
    let i = line.cells.partition_point(|c| c.start <= at);
    Some(i.saturating_sub(1))
}

/// A short run of words that starts with a letter: "Name", "DOB:",
/// "Member ID", "Phone 2".
fn looks_like_label(s: &str) -> bool {
    let s = s.trim().trim_end_matches(':').trim_end();
    !s.is_empty()
        && s.len() <= MAX_LABEL_BYTES
        && s.starts_with(char::is_alphabetic)
        && s.split_whitespace().count() <= MAX_LABEL_WORDS
        && !s.contains(':')
}

fn find_fields(text: &str, lines: &[Line], tables: &[Table]) -> Vec<Field> {
    let mut fields = Vec::new();
    for line in lines {
        if line.rule {
            continue;
        }
        let key_value = line.table.is_some_and(|t| tables[t].key_value);
        if key_value {
            let cells = nonempty_cells(line);
            if let [label, value] = cells[..] {
                let l = &text[label.range()];
                let trimmed = l.trim_end_matches(':').trim_end();
                fields.push(Field {
                    label: Span::new(label.start, label.start + trimmed.len()),
                    value,
                });
                continue;
            }
        }
        let segments: Vec<Span> = if line.cells.is_empty() {
            vec![line.span]
        } else {
            line.cells.clone()
        };
        for seg in segments {
            colon_fields(text, seg, &mut fields);
        }
    }
    fields.sort_by_key(|f| (f.value.start, f.value.end));
    fields
}

/// `Label: value` fields inside one segment (a line or a cell). A second
/// label on the same segment starts after two spaces, a comma, a semicolon
/// or a slash, or is the one word before its colon.
fn colon_fields(text: &str, seg: Span, out: &mut Vec<Field>) {
    let s = &text[seg.range()];
    let bytes = s.as_bytes();
    let mut labels: Vec<(usize, usize, usize)> = Vec::new(); // (label start, label end, value start)
    let mut search = 0;
    while let Some(rel) = s[search..].find(':') {
        let colon = search + rel;
        search = colon + 1;
        // Not a time ("10:30") or a ratio ("1:2"), not a URL ("http://").
        let after = bytes.get(colon + 1).copied();
        let before = colon.checked_sub(1).map(|i| bytes[i]);
        if before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|b| b.is_ascii_digit()) {
            continue;
        }
        if after == Some(b'/') {
            continue;
        }
        let floor = labels.last().map_or(0, |l| l.2);
        let head = &s[floor..colon];
        // Where this label may start: after the previous field's boundary.
        let boundary = head
            .rfind("  ")
            .map(|i| i + 2)
            .into_iter()
            .chain(head.rfind([',', ';', '\t']).map(|i| i + 1))
            .max()
            .map_or(floor, |i| floor + i);
        let mut start = boundary;
        let candidate = s[start..colon].trim();
        let whole_head = labels.is_empty()
            && start == 0
            && looks_like_label(candidate)
            && !candidate.contains(". ");
        if !whole_head && (!looks_like_label(candidate) || candidate.split_whitespace().count() > 1)
        {
            // Only the last word before the colon.
            let word_start = s[..colon].trim_end().rfind(' ').map_or(start, |i| i + 1);
            start = start.max(word_start);
        }
        let label = trim(s, Span::new(start, colon));
        if label.is_empty() || !looks_like_label(&s[label.range()]) {
            continue;
        }
        labels.push((label.start, label.end, colon + 1));
    }
    for (k, &(ls, le, vs)) in labels.iter().enumerate() {
        let ve = labels.get(k + 1).map_or(s.len(), |n| n.0);
        let value = trim(s, Span::new(vs, ve.max(vs)));
        if value.is_empty() {
            continue;
        }
        out.push(Field {
            label: Span::new(seg.start + ls, seg.start + le),
            value: Span::new(seg.start + value.start, seg.start + value.end),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_of(text: &str, needle: &str) -> Option<String> {
        let l = Layout::new(text);
        let at = text.find(needle)?;
        l.column_header(Span::new(at, at + needle.len()))
            .map(|s| text[s.range()].to_string())
    }

    fn label_of(text: &str, needle: &str) -> Option<String> {
        let l = Layout::new(text);
        let at = text.find(needle)?;
        l.label_for(Span::new(at, at + needle.len()))
            .map(|s| text[s.range()].to_string())
    }

    #[test]
    fn lines_drop_their_breaks() {
        let t = "a\r\nbb\n\nccc";
        let l = Layout::new(t);
        let got: Vec<&str> = l.lines.iter().map(|l| &t[l.span.range()]).collect();
        assert_eq!(got, ["a", "bb", "", "ccc"]);
        assert_eq!(l.line_at(t.find("bb").unwrap_or(0)), Some(1));
    }

    #[test]
    fn headers_over_tabs_pipes_and_markdown() {
        let tabs = "Date\tPatient\tMRN\n1/2\tAna Lee\t80-751-31\n";
        assert_eq!(header_of(tabs, "80-751-31").as_deref(), Some("MRN"));
        assert_eq!(header_of(tabs, "Ana Lee").as_deref(), Some("Patient"));
        // The header row itself has no header.
        assert_eq!(header_of(tabs, "MRN"), None);
        let md = "| Name | MRN |\n|---|:---:|\n| Ana | 5566 |\n| Bo | 7788 |\n";
        assert_eq!(header_of(md, "7788").as_deref(), Some("MRN"));
        assert_eq!(header_of(md, "Bo").as_deref(), Some("Name"));
        assert_eq!(header_of("no table here", "table"), None);
    }

    #[test]
    fn ragged_rows_stay_in_their_table() {
        let t = "Name\tMRN\tNote\nAna\t5566\nBo\t7788\textra\n";
        assert_eq!(header_of(t, "5566").as_deref(), Some("MRN"));
        assert_eq!(header_of(t, "extra").as_deref(), Some("Note"));
    }

    #[test]
    fn aligned_spaces_make_a_table_but_prose_does_not() {
        let t = "Patient       MRN        Room\nAna Lee       5566123    4B\nBo Chen       7788123    5C\n";
        assert_eq!(header_of(t, "7788123").as_deref(), Some("MRN"));
        assert_eq!(header_of(t, "Bo Chen").as_deref(), Some("Patient"));
        let prose = "She is well.  Seen today.\nHe called  back later on.\n";
        assert_eq!(header_of(prose, "back"), None);
    }

    #[test]
    fn two_column_tables_are_fields_not_headers() {
        let t = "DOB\t04/12/1961\nName\tAna Lee\nMRN\t5566123\n";
        assert_eq!(header_of(t, "5566123"), None);
        assert_eq!(label_of(t, "5566123").as_deref(), Some("MRN"));
        assert_eq!(label_of(t, "Ana Lee").as_deref(), Some("Name"));
        let t = "Name:\tAna Lee\nMRN:\t5566123\n";
        assert_eq!(header_of(t, "5566123"), None);
        assert_eq!(label_of(t, "5566123").as_deref(), Some("MRN"));
        // A first row of two labels is a header over the rows below.
        let t = "Name\tMRN\nAna Lee\t5566123\n";
        assert_eq!(label_of(t, "5566123").as_deref(), Some("MRN"));
        let p = "| Name: | Ana Lee |\n| Member ID | XK-99 |\n";
        assert_eq!(label_of(p, "XK-99").as_deref(), Some("Member ID"));
        assert_eq!(label_of(p, "Ana Lee").as_deref(), Some("Name"));
    }

    #[test]
    fn colon_fields_on_one_line() {
        let t = "Pt: Ana Lee | DOB: 04/12/1961 | MRN 55\nName: Bo Chen  DOB: 1/2/1950, Phone: 555-0100\n";
        assert_eq!(label_of(t, "Ana Lee").as_deref(), Some("Pt"));
        assert_eq!(label_of(t, "04/12/1961").as_deref(), Some("DOB"));
        assert_eq!(label_of(t, "Bo Chen").as_deref(), Some("Name"));
        assert_eq!(label_of(t, "1/2/1950").as_deref(), Some("DOB"));
        assert_eq!(label_of(t, "555-0100").as_deref(), Some("Phone"));
        // Times and URLs are not labels.
        let t = "seen at 10:30 today, see http://x.org\n";
        assert!(Layout::new(t).fields.is_empty());
    }

    #[test]
    fn one_word_label_after_prose() {
        let t = "Referred for evaluation. Insurance: Acme 7788\n";
        assert_eq!(label_of(t, "Acme 7788").as_deref(), Some("Insurance"));
    }
}
