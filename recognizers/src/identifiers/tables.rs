//! Identifiers in tables: a header row whose cell names an identifier
//! column ("MRN", "Acct #", "Member ID" …), tab- or pipe-separated, marks
//! the cells below it in that column, as long as the rows keep the header's
//! shape.

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, Entity, Error, ErrorKind, Recognizer, Span};

use super::labelled::table_value_ok;

/// Header cells and the entity of their column. Matched on the whole
/// trimmed cell, case-insensitively.
const HEADERS: &[(&str, Entity)] = &[
    (
        r"mrn|mr ?#|mr no\.?|medical record(?: number| no\.?| #)?|record ?#|chart(?: #| no\.?| number)?|patient id|pt id|patient #|pt #|unit no\.?|hospital #",
        Entity::MedicalRecordNumber,
    ),
    (r"ssn|social security(?: number| no\.?| #)?", Entity::UsSsn),
    (
        r"member id|subscriber id|policy(?: #| no\.?| number| id)?|insurance id|medicaid(?: id| #)?|medicare(?: id| #)?|mbi|group(?: #| no\.?| number)?",
        Entity::HealthPlanId,
    ),
    (
        r"acct(?: #| no\.?)?|account(?: #| no\.?| number)?|claim(?: #| no\.?| number| id)?|invoice(?: #| no\.?)?|fin",
        Entity::AccountNumber,
    ),
    (r"npi", Entity::Npi),
    (r"dea(?: #| no\.?)?", Entity::DeaNumber),
    (
        r"licen[cs]e(?: #| no\.?| number)?|lic(?: #| no\.?)?",
        Entity::MedicalLicense,
    ),
    (
        r"serial(?: #| no\.?| number)?|s/n|sn|device id|udi",
        Entity::DeviceId,
    ),
    (r"vin|plate(?: #| no\.?)?|license plate", Entity::VehicleId),
    (
        r"id|id #|id no\.?|identifier|encounter(?: #| id| no\.?)?|visit(?: #| id| no\.?)|csn|accession(?: #| no\.?)?|specimen(?: #| id)?|case(?: #| no\.?)|study id|subject id|employee id",
        Entity::IdNumber,
    ),
];

/// See the [module documentation](self).
#[derive(Debug)]
pub(super) struct TableRecognizer {
    headers: regex::RegexSet,
    entities: Vec<Entity>,
}

impl TableRecognizer {
    const ID: &'static str = "table_id";

    pub(super) fn new() -> Result<TableRecognizer, Error> {
        let headers = regex::RegexSet::new(HEADERS.iter().map(|(h, _)| format!("^(?i:{h})$")))
            .map_err(|e| {
                Error::new(ErrorKind::InvalidPattern {
                    recognizer: Self::ID.to_string(),
                    index: 0,
                    name: "headers".to_string(),
                    message: e.to_string(),
                })
            })?;
        Ok(TableRecognizer {
            headers,
            entities: HEADERS.iter().map(|(_, e)| e.clone()).collect(),
        })
    }
}

/// The cells of a line split on `sep`, as byte spans into the text.
fn cells(text: &str, line: Span, sep: char) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = line.start;
    for (i, c) in text[line.range()].char_indices() {
        if c == sep {
            out.push(Span::new(start, line.start + i));
            start = line.start + i + c.len_utf8();
        }
    }
    out.push(Span::new(start, line.end));
    out
}

/// A span without its surrounding whitespace.
fn trim(text: &str, s: Span) -> Span {
    let v = &text[s.range()];
    let lead = v.len() - v.trim_start().len();
    let t = v.trim();
    Span::new(s.start + lead, s.start + lead + t.len())
}

impl Recognizer for TableRecognizer {
    fn id(&self) -> &str {
        Self::ID
    }

    fn entities(&self) -> &[Entity] {
        &self.entities
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '\n' {
                let end = if text[..i].ends_with('\r') { i - 1 } else { i };
                lines.push(Span::new(start, end));
                start = i + 1;
            }
        }
        lines.push(Span::new(start, text.len()));
        let mut li = 0;
        while li < lines.len() {
            let line = lines[li];
            li += 1;
            let l = &text[line.range()];
            let sep = if l.contains('\t') {
                '\t'
            } else if l.matches('|').count() >= 2 {
                '|'
            } else {
                continue;
            };
            let header = cells(text, line, sep);
            let columns: Vec<(usize, Entity)> = header
                .iter()
                .enumerate()
                .filter_map(|(ci, &cell)| {
                    let h = &text[trim(text, cell).range()];
                    self.headers
                        .matches(h)
                        .iter()
                        .next()
                        .map(|k| (ci, HEADERS[k].1.clone()))
                })
                .collect();
            if columns.is_empty() || header.len() < 2 {
                continue;
            }
            // Rows below with the same number of cells.
            while li < lines.len() {
                let row = cells(text, lines[li], sep);
                if row.len() != header.len() {
                    break;
                }
                for (ci, entity) in &columns {
                    let cell = trim(text, row[*ci]);
                    if !cell.is_empty() && table_value_ok(&text[cell.range()]) {
                        let mut c =
                            Candidate::new(cell, entity.clone(), 0.85).with_pattern("table_column");
                        c.context_applied = true;
                        out.push(c);
                    }
                }
                li += 1;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::identifiers::testutil::{assert_found, assert_none};
    use phimask_core::Entity::*;

    #[test]
    fn tab_table_column() {
        assert_found(
            "Date\tPatient\tMRN\tCPT\n6 Mar\tS. Felix\t7519-4535\t90837\n7 Mar\tA. Ng\t21-613-99\t99214\n\nPlan: 12345",
            &[
                (MedicalRecordNumber, "7519-4535"),
                (MedicalRecordNumber, "21-613-99"),
            ],
        );
    }

    #[test]
    fn pipe_table_column() {
        assert_found(
            "| Name | Acct # | Score |\n|---|---|---|\n| A. Ng | 00981234 | 14 |\n| B. Li | 00981299 | 9 |",
            &[(AccountNumber, "00981234"), (AccountNumber, "00981299")],
        );
    }

    #[test]
    fn other_columns_and_shapes_are_left() {
        assert_none("Test\tValue\tUnits\nNa\t138\tmmol/L\nA1c\t7.2\t%");
        assert_none("MRN\tDate\n\t03/14/2024");
    }
}
