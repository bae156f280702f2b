//! HL7 v2 messages inside text: segments, fields by position, components,
//! repetitions and subcomponents, with the delimiters each message declares
//! in its header (`MSH-1`, `MSH-2`).
//!
//! [`find`] reports the component text only, never a delimiter. Escape
//! sequences (`\F\`, `\S\`, `\T\`, `\R\`, `\E\`, `\X0D\` …) stay inside the
//! component they belong to: they hold no raw delimiter, so splitting on the
//! raw delimiters is exact and the escape is masked with its component.

use phimask_core::{Candidate, Entity, Span};

use super::dates::compact_timestamp;
use crate::identifiers::validators::npi_valid;

/// The score of a value found by field position: the structure says what
/// it is, so it is as sure as a validated pattern.
const SCORE: f32 = 0.95;

/// What a field holds, by HL7 data type.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    /// XPN: family ^ given ^ middle ^ suffix (prefix and degree stay).
    Name,
    /// XCN: id ^ family ^ given ^ middle ^ suffix.
    IdName,
    /// XAD: street ^ other ^ city ^ state (kept) ^ zip ^ country (kept) ^
    /// type ^ other geographic ^ county.
    Address,
    /// XTN: number, e-mail, area code, local number, extension, unformatted.
    Phone,
    /// CX and the like: the identifier in component 1.
    Id(Entity),
    /// A birth date in component 1 (masked whole even when not a valid
    /// timestamp).
    BirthDate,
    /// A city (birth place) when it holds letters.
    City,
    /// A county code.
    County,
    /// A PDQ query: `@PID.n.m^value` pairs.
    PdqQuery,
}

/// The kind of a field, by segment and position (HL7 v2.5.1 numbering).
fn kind(segment: &str, field: usize, qpd: QpdKind) -> Option<Kind> {
    use Entity as E;
    use Kind::*;
    Some(match (segment, field) {
        ("PID", 2..=4) | ("PID", 21) => Id(E::MedicalRecordNumber),
        ("PID", 5) | ("PID", 6) | ("PID", 9) => Name,
        ("PID", 7) => BirthDate,
        ("PID", 11) => Address,
        ("PID", 12) => County,
        ("PID", 13) | ("PID", 14) => Phone,
        ("PID", 18) => Id(E::AccountNumber),
        ("PID", 19) => Id(E::UsSsn),
        ("PID", 20) => Id(E::UsDriverLicense),
        ("PID", 23) => City,
        ("MRG", 1) | ("MRG", 2) | ("MRG", 4) => Id(E::MedicalRecordNumber),
        ("MRG", 3) | ("MRG", 5) | ("MRG", 6) => Id(E::AccountNumber),
        ("MRG", 7) => Name,
        ("NK1", 2) | ("NK1", 30) => Name,
        ("NK1", 4) | ("NK1", 32) => Address,
        ("NK1", 5) | ("NK1", 6) | ("NK1", 31) => Phone,
        ("NK1", 16) => BirthDate,
        ("NK1", 33) => Id(E::IdNumber),
        ("NK1", 37) => Id(E::UsSsn),
        ("PV1", 7..=9) | ("PV1", 17) | ("PV1", 52) => IdName,
        ("PV1", 5) | ("PV1", 19) | ("PV1", 50) => Id(E::AccountNumber),
        ("PD1", 4) => IdName,
        ("GT1", 2) => Id(E::AccountNumber),
        ("GT1", 3) | ("GT1", 4) => Name,
        ("GT1", 5) => Address,
        ("GT1", 6) | ("GT1", 7) => Phone,
        ("GT1", 8) => BirthDate,
        ("GT1", 12) => Id(E::UsSsn),
        ("IN1", 5) | ("IN1", 19) => Address,
        ("IN1", 7) => Phone,
        ("IN1", 8) | ("IN1", 36) | ("IN1", 49) => Id(E::HealthPlanId),
        ("IN1", 14) => Id(E::IdNumber),
        ("IN1", 16) => Name,
        ("IN1", 18) => BirthDate,
        ("IN2", 1) => Id(E::IdNumber),
        ("IN2", 2) => Id(E::UsSsn),
        ("ORC", 2) | ("ORC", 3) | ("OBR", 2) | ("OBR", 3) => Id(E::IdNumber),
        ("ORC", 10..=12) | ("ORC", 19) => IdName,
        ("OBR", 16) | ("OBR", 28) | ("OBR", 32..=35) | ("OBX", 16) | ("RXA", 10) => IdName,
        ("OBR", 10) | ("EVN", 5) | ("ROL", 4) | ("DG1", 16) | ("PR1", 11) | ("PR1", 12) => IdName,
        ("QPD", 3) if qpd == QpdKind::Immunization => Id(E::MedicalRecordNumber),
        ("QPD", 4) | ("QPD", 5) if qpd == QpdKind::Immunization => Name,
        ("QPD", 6) if qpd == QpdKind::Immunization => BirthDate,
        ("QPD", 8) if qpd == QpdKind::Immunization => Address,
        ("QPD", 9) if qpd == QpdKind::Immunization => Phone,
        ("QPD", 3) if qpd == QpdKind::Other => PdqQuery,
        _ => return None,
    })
}

/// Fields whose dates are about a thing, not the person (a vaccine lot's
/// expiry date).
fn dates_not_about_person(segment: &str, field: usize) -> bool {
    matches!((segment, field), ("RXA", 16))
}

/// Which query a QPD segment is: its QPD-1 decides the layout of the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QpdKind {
    /// The CDC immunization queries (Z34, Z44): demographics by position.
    Immunization,
    /// Any other (PDQ `@PID.n^value` pairs).
    Other,
}

/// The delimiters a message declares.
#[derive(Clone, Copy, Debug)]
struct Delims {
    field: u8,
    component: u8,
    repetition: u8,
    subcomponent: u8,
}

/// Reads the delimiters of a header segment (`MSH|^~\&`) at `at`.
fn header(bytes: &[u8], at: usize) -> Option<Delims> {
    let h = bytes.get(at..at + 8)?;
    if !matches!(&h[..3], b"MSH" | b"BHS" | b"FHS") {
        return None;
    }
    let [field, component, repetition, _escape, subcomponent] = [h[3], h[4], h[5], h[6], h[7]];
    let set = [field, component, repetition, h[6], subcomponent];
    let ok = set.iter().all(|&b| b.is_ascii_punctuation() && b != b'"')
        && (0..5).all(|i| (i + 1..5).all(|j| set[i] != set[j]));
    ok.then_some(Delims {
        field,
        component,
        repetition,
        subcomponent,
    })
}

/// A header segment inside the line `start..end`, after a space, tab or
/// colon: its position and delimiters.
fn header_within(bytes: &[u8], start: usize, end: usize) -> Option<(usize, Delims)> {
    let line = &bytes[start..end];
    (1..line.len().saturating_sub(2)).find_map(|i| {
        let at = start + i;
        let tag = &line[i..i + 3];
        let after_gap = matches!(line[i - 1], b' ' | b'\t' | b':');
        (after_gap && matches!(tag, b"MSH" | b"BHS" | b"FHS"))
            .then(|| header(bytes, at).map(|d| (at, d)))
            .flatten()
    })
}

/// True when `line` looks like an HL7 segment: three upper-case letters or
/// digits (starting with a letter) followed by the field delimiter or the
/// end of the line.
fn is_segment(line: &[u8], d: &Delims) -> bool {
    line.len() >= 3
        && line[0].is_ascii_uppercase()
        && line[1..3]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && (line.len() == 3 || line[3] == d.field)
}

/// Splits `start..end` of `bytes` on `sep`, calling `f(index, start, end)`
/// for each part (index from 0).
fn parts(bytes: &[u8], start: usize, end: usize, sep: u8, mut f: impl FnMut(usize, usize, usize)) {
    let mut i = start;
    let mut n = 0;
    for (off, _) in bytes[start..end]
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == sep)
    {
        f(n, i, start + off);
        n += 1;
        i = start + off + 1;
    }
    f(n, i, end);
}

/// Collects candidates, skipping empty values, HL7 nulls (`""`), values
/// without a letter or digit, and values the sender already redacted (three
/// or more of only `X` or `*`).
struct Out<'a> {
    text: &'a str,
    out: Vec<Candidate>,
}

impl Out<'_> {
    fn push(&mut self, entity: Entity, start: usize, end: usize, pattern: &'static str) {
        let Some(v) = self.text.get(start..end) else {
            return;
        };
        let redacted = v.len() >= 3 && v.bytes().all(|c| matches!(c, b'X' | b'x' | b'*'));
        if v == "\"\"" || !v.chars().any(char::is_alphanumeric) || redacted {
            return;
        }
        self.out
            .push(Candidate::new(Span::new(start, end), entity, SCORE).with_pattern(pattern));
    }
}

/// Finds the PHI in every HL7 v2 message inside `text`.
///
/// A message starts at a header segment (`MSH`, `BHS` or `FHS`) at the
/// start of a line, or after a space, tab or colon within one ("Inbound:
/// MSH|^~\&|…"), and runs while lines (split on CR or LF, leading spaces
/// and tabs skipped) are segments.
/// Runs in one pass over the text; malformed messages yield what their
/// well-formed segments hold and never an error.
pub fn find(text: &str) -> Vec<Candidate> {
    let mut out = Out {
        text,
        out: Vec::new(),
    };
    let mut qpd = QpdKind::Other;
    segments(text, |start, end, d, new_message| {
        if new_message {
            qpd = QpdKind::Other;
        }
        segment(&mut out, start, end, d, &mut qpd);
    });
    out.out
}

/// Calls `f(start, end, delimiters, starts_a_message)` for every segment
/// of every message in `text`, in order.
fn segments(text: &str, mut f: impl FnMut(usize, usize, &Delims, bool)) {
    let bytes = text.as_bytes();
    let mut delims: Option<Delims> = None;
    let mut pos = 0;
    while pos < bytes.len() {
        let end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\r' || b == b'\n')
            .map_or(bytes.len(), |i| pos + i);
        let mut start = pos
            + bytes[pos..end]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
        let mut new_message = false;
        if let Some(d) = header(bytes, start) {
            delims = Some(d);
            new_message = true;
        } else if delims.is_none() {
            if let Some((k, d)) = header_within(bytes, start, end) {
                delims = Some(d);
                new_message = true;
                start = k;
            }
        }
        match delims {
            Some(d) if is_segment(&bytes[start..end], &d) => f(start, end, &d, new_message),
            // An empty line may separate segments; anything else ends the
            // message.
            Some(_) if pos == end => {}
            _ => delims = None,
        }
        pos = end + 1;
    }
}

/// Segments whose fields [`kind`] and [`looks_like_xcn`] cover: outside
/// their free-text fields ([`free_fields`]) they are structure (codes,
/// coding systems, units, order numbers, facility ids). Any other segment
/// (Z-segments, segments of other domains) is free text after its name.
const KNOWN_SEGMENTS: &[&[u8; 3]] = &[
    b"MSH", b"BHS", b"FHS", b"BTS", b"FTS", b"EVN", b"PID", b"PD1", b"PV1", b"PV2", b"NK1", b"MRG",
    b"ORC", b"OBR", b"OBX", b"NTE", b"RXA", b"RXR", b"RXE", b"RXO", b"RXC", b"ERR", b"MSA", b"QAK",
    b"QPD", b"RCP", b"AL1", b"DG1", b"PR1", b"IN1", b"IN2", b"GT1", b"SPM", b"TQ1", b"SFT", b"ROL",
];

/// Segments about the patient and the people around them: a field of one
/// that [`kind`] does not name and that holds a single component (a plain
/// value of unknown meaning, perhaps a sender's own placement of an id or
/// a name) is free text.
const PERSON_SEGMENTS: &[&[u8; 3]] = &[
    b"PID", b"PD1", b"PV1", b"PV2", b"NK1", b"MRG", b"GT1", b"IN1", b"IN2",
];

/// The free-text fields of a segment: NTE-3, OBX-5 of type TX, FT or ST,
/// ERR-8, MSA-3, OBR-13 (relevant clinical information), PV2-12 (visit
/// description), AL1-5 (reaction).
fn free_fields(segment: &[u8], value_type: Option<&[u8]>) -> &'static [usize] {
    match segment {
        b"NTE" => &[3],
        b"ERR" => &[8],
        b"MSA" => &[3],
        b"OBR" => &[13],
        b"PV2" => &[12],
        b"AL1" => &[5],
        b"OBX" => match value_type {
            Some(b"TX" | b"FT" | b"ST") => &[5],
            _ => &[],
        },
        _ => &[],
    }
}

/// Where the HL7 v2 messages in `text` are, and which of their parts are
/// free text (see [`super::Region`]): the fields `free_fields` names,
/// every segment that is not one of `KNOWN_SEGMENTS` (after its name),
/// and the single-component fields of `PERSON_SEGMENTS` that `kind`
/// does not name. Batches and files (BHS, FHS) count as messages.
pub fn regions(text: &str) -> Vec<super::Region> {
    let bytes = text.as_bytes();
    let mut out: Vec<super::Region> = Vec::new();
    segments(text, |start, end, d, new_message| {
        if new_message || out.is_empty() {
            out.push(super::Region {
                span: Span::new(start, end),
                free_text: Vec::new(),
            });
        }
        let Some(r) = out.last_mut() else {
            return;
        };
        r.span = Span::new(r.span.start, end);
        let name = &bytes[start..start + 3];
        if !KNOWN_SEGMENTS.iter().any(|k| k.as_slice() == name) {
            if start + 4 < end {
                r.free_text.push(Span::new(start + 4, end));
            }
            return;
        }
        let is_header = matches!(name, b"MSH" | b"BHS" | b"FHS");
        let person = PERSON_SEGMENTS.iter().any(|k| k.as_slice() == name);
        let segment = text.get(start..start + 3).unwrap_or("");
        let mut fields = Vec::new();
        parts(bytes, start, end, d.field, |_, a, b| fields.push((a, b)));
        let field = |n: usize| fields.get(n).copied();
        let value_type = field(2).map(|(a, b)| &bytes[a..b]);
        let free = free_fields(name, value_type);
        for (i, &(a, b)) in fields.iter().enumerate() {
            if i == 0 || (is_header && i == 1) || a >= b {
                continue;
            }
            let number = if is_header { i + 1 } else { i };
            let plain = person
                && kind(segment, number, QpdKind::Other).is_none()
                && !bytes[a..b].contains(&d.component);
            if free.contains(&number) || plain {
                r.free_text.push(Span::new(a, b));
            }
        }
    });
    out
}

/// Reports the PHI of one segment `start..end`.
fn segment(out: &mut Out<'_>, start: usize, end: usize, d: &Delims, qpd: &mut QpdKind) {
    let bytes = out.text.as_bytes();
    let Some(name) = out.text.get(start..start + 3) else {
        return;
    };
    let name = name.to_string();
    let is_header = matches!(name.as_str(), "MSH" | "BHS" | "FHS");
    let mut fields = Vec::new();
    parts(bytes, start, end, d.field, |i, a, b| fields.push((i, a, b)));
    for (i, a, b) in fields {
        if i == 0 || (is_header && i == 1) {
            continue;
        }
        // MSH-1 is the field delimiter itself, so MSH fields count one more.
        let number = if is_header { i + 1 } else { i };
        if name == "QPD" && number == 1 {
            let first = out.text.get(a..b).unwrap_or("");
            let code = first.split(d.component as char).next().unwrap_or("");
            *qpd = if matches!(code, "Z34" | "Z44") {
                QpdKind::Immunization
            } else {
                QpdKind::Other
            };
        }
        let mut k = kind(&name, number, *qpd);
        if k.is_none() {
            k = shifted_id(out.text, &name, number, a, b, d);
        }
        let dates = !dates_not_about_person(&name, number);
        let mut reps = Vec::new();
        parts(bytes, a, b, d.repetition, |_, ra, rb| reps.push((ra, rb)));
        for (ra, rb) in reps {
            repetition(out, ra, rb, d, k.clone(), dates);
        }
    }
}

/// Reports the PHI of one repetition `start..end` of a field of kind `k`;
/// `dates` says whether compact timestamps in its other components are
/// about the person.
fn repetition(
    out: &mut Out<'_>,
    start: usize,
    end: usize,
    d: &Delims,
    k: Option<Kind>,
    dates: bool,
) {
    let bytes = out.text.as_bytes();
    let mut comps = Vec::new();
    parts(bytes, start, end, d.component, |_, a, b| comps.push((a, b)));
    let comp = |n: usize| comps.get(n - 1).copied();
    // A provider written as XCN in a field this table does not list (or
    // one position off, as some senders do): id ^ family ^ given … ^ degree.
    let k = match k {
        None if looks_like_xcn(out.text, &comps) => Some(Kind::IdName),
        k => k,
    };
    let mut handled: &[usize] = &[];
    let subs = |out: &mut Out<'_>, n: usize, e: Entity, p: &'static str| {
        if let Some((a, b)) = comp(n) {
            let mut v = Vec::new();
            parts(bytes, a, b, d.subcomponent, |_, sa, sb| v.push((sa, sb)));
            for (sa, sb) in v {
                out.push(e.clone(), sa, sb, p);
            }
        }
    };
    match k {
        Some(Kind::Name) => {
            for n in 1..=4 {
                subs(out, n, Entity::Person, "hl7_name");
            }
            handled = &[1, 2, 3, 4];
        }
        Some(Kind::IdName) => {
            if let Some((a, b)) = comp(1) {
                if bytes[a..b].iter().any(u8::is_ascii_digit) {
                    out.push(Entity::IdNumber, a, b, "hl7_provider_id");
                } else if !bytes[a..b].contains(&d.subcomponent) {
                    // No id: senders that write a provider as XPN
                    // (family first) put the surname here.
                    out.push(Entity::Person, a, b, "hl7_provider_name");
                } else if bytes[a..b].contains(&d.subcomponent) {
                    // CNN (OBR-32..35 in v2.5): id & family & given & …
                    let mut v = Vec::new();
                    parts(bytes, a, b, d.subcomponent, |i, sa, sb| v.push((i, sa, sb)));
                    for (i, sa, sb) in v {
                        let e = if i == 0 {
                            Entity::IdNumber
                        } else {
                            Entity::Person
                        };
                        if i <= 4 {
                            out.push(e, sa, sb, "hl7_provider_name");
                        }
                    }
                }
            }
            for n in 2..=5 {
                subs(out, n, Entity::Person, "hl7_provider_name");
            }
            handled = &[1, 2, 3, 4, 5];
        }
        Some(Kind::Address) => {
            subs(out, 1, Entity::StreetAddress, "hl7_address");
            subs(out, 2, Entity::StreetAddress, "hl7_address");
            subs(out, 3, Entity::City, "hl7_address");
            subs(out, 5, Entity::ZipCode, "hl7_address");
            subs(out, 8, Entity::Location, "hl7_address");
            subs(out, 9, Entity::County, "hl7_address");
            handled = &[1, 2, 3, 5, 8, 9];
        }
        Some(Kind::Phone) => {
            for n in [1, 4, 6, 7, 8, 12] {
                if let Some((a, b)) = comp(n) {
                    let v = &bytes[a..b];
                    if v.contains(&b'@') {
                        out.push(Entity::EmailAddress, a, b, "hl7_phone");
                    } else if v.iter().any(u8::is_ascii_digit) && !v.starts_with(b"{{") {
                        out.push(Entity::PhoneNumber, a, b, "hl7_phone");
                    }
                }
            }
            handled = &[1, 4, 6, 7, 8, 12];
        }
        Some(Kind::Id(e)) => {
            if let Some((a, b)) = comp(1) {
                let v = &bytes[a..b];
                // Already redacted in the source ("XXXX"): nothing to hide.
                if !v.iter().all(|&c| c == b'X') {
                    out.push(e, a, b, "hl7_identifier");
                }
            }
            handled = &[1];
        }
        Some(Kind::BirthDate) => {
            if let Some((a, b)) = comp(1) {
                out.push(Entity::DateTime, a, b, "hl7_birth_date");
            }
            handled = &[1];
        }
        Some(Kind::City) => {
            if let Some((a, b)) = comp(1) {
                if bytes[a..b].iter().any(u8::is_ascii_alphabetic) {
                    subs(out, 1, Entity::City, "hl7_birth_place");
                }
            }
            handled = &[1];
        }
        Some(Kind::County) => {
            subs(out, 1, Entity::County, "hl7_county");
            handled = &[1];
        }
        Some(Kind::PdqQuery) => {
            if let (Some((pa, pb)), Some((va, vb))) = (comp(1), comp(2)) {
                let path = out.text.get(pa..pb).unwrap_or("");
                let value_end = va + bytes[va..vb].iter().take_while(|&&c| c != b'*').count();
                let entity = match path.strip_prefix("@PID.").map(|p| p.split('.').next()) {
                    Some(Some("5")) => Some(Entity::Person),
                    Some(Some("3")) if path == "@PID.3" || path == "@PID.3.1" => {
                        Some(Entity::MedicalRecordNumber)
                    }
                    Some(Some("7")) => Some(Entity::DateTime),
                    Some(Some("11")) => Some(Entity::StreetAddress),
                    _ => None,
                };
                if let Some(e) = entity {
                    out.push(e, va, value_end, "hl7_pdq_query");
                }
            }
            handled = &[1, 2];
        }
        None => {}
    }
    if !dates {
        return;
    }
    // Compact timestamps anywhere else date the patient's care.
    for (n, &(a, b)) in comps.iter().enumerate() {
        if handled.contains(&(n + 1)) {
            continue;
        }
        let mut v = Vec::new();
        parts(bytes, a, b, d.subcomponent, |_, sa, sb| v.push((sa, sb)));
        for (sa, sb) in v {
            if out.text.get(sa..sb).is_some_and(compact_timestamp) {
                out.push(Entity::DateTime, sa, sb, "hl7_timestamp");
            }
        }
    }
}

/// An identifier one field off its place: in a segment about people
/// ([`PERSON_SEGMENTS`]), a field [`kind`] does not name, next to one that
/// holds an identifier, with one plain identifier-shaped value (six to 20
/// letters, digits, dashes or spaces, at least four digits, not a compact
/// timestamp) is taken for that identifier. Senders count fields from the
/// segment name or from MSH-1 differently, so a policy number meant for
/// IN1-36 often arrives in IN1-35.
fn shifted_id(
    text: &str,
    segment: &str,
    field: usize,
    a: usize,
    b: usize,
    d: &Delims,
) -> Option<Kind> {
    let person = PERSON_SEGMENTS
        .iter()
        .any(|k| k.as_slice() == segment.as_bytes());
    let v = text.get(a..b)?;
    let raw = v.as_bytes();
    let shaped = (6..=20).contains(&raw.len())
        && raw.iter().filter(|c| c.is_ascii_digit()).count() >= 4
        && raw
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b' ')
        && !raw.contains(&d.component)
        && !raw.contains(&d.repetition)
        && !compact_timestamp(v);
    if !person || !shaped {
        return None;
    }
    [field.checked_sub(1), Some(field + 1)]
        .into_iter()
        .flatten()
        .find_map(|n| match kind(segment, n, QpdKind::Other) {
            Some(Kind::Id(e)) => Some(Kind::Id(e)),
            _ => None,
        })
}

/// Degrees that close an XCN (component 7).
const DEGREES: &[&str] = &[
    "MD", "DO", "RN", "NP", "PA", "PHD", "DDS", "DMD", "PHARMD", "MBBS", "FNP", "CNM", "LPN",
    "DPM", "OD", "PSYD", "LCSW", "CRNA", "APRN",
];

/// True for `id ^ FAMILY ^ GIVEN ^ … ^ DEGREE`: a letter-only family name in
/// component 2 and either a known degree in component 7 or a valid NPI
/// (check digit) in component 1 with a letter-only given name (or none) in
/// component 3.
fn looks_like_xcn(text: &str, comps: &[(usize, usize)]) -> bool {
    let get = |n: usize| comps.get(n - 1).and_then(|&(a, b)| text.get(a..b));
    let lettered = |s: &str| {
        s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | ' ' | '.'))
    };
    let degree = get(7).map(|d| d.trim_matches('.').to_ascii_uppercase());
    let family = get(2).unwrap_or("");
    if family.is_empty() || !lettered(family) || !family.chars().any(char::is_alphabetic) {
        return false;
    }
    degree.is_some_and(|d| DEGREES.contains(&d.as_str()))
        || (get(1).is_some_and(npi_valid) && lettered(get(3).unwrap_or("")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (entity, text) of every candidate.
    fn found(text: &str) -> Vec<(Entity, &str)> {
        find(text)
            .into_iter()
            .map(|c| (c.entity, &text[c.span.range()]))
            .collect()
    }

    fn has(text: &str, entity: Entity, value: &str) {
        let f = found(text);
        assert!(
            f.iter().any(|(e, v)| *e == entity && *v == value),
            "{entity} {value:?} not in {f:?}"
        );
    }

    fn lacks(text: &str, value: &str) {
        let f = found(text);
        assert!(
            f.iter().all(|(_, v)| !v.contains(value)),
            "{value:?} in {f:?}"
        );
    }

    const ADT: &str = "MSH|^~\\&|ADT1|MCM|LAB|MCM|198808181126|SEC|ADT^A01|MSG00001|P|2.5\r\
EVN|A01|198808181123\r\
PID|1|A-77|PATID1234^5^M11^ADT1^MR^MCM~123456789^^^USSSA^SS||SMITH&VAN^WILLIAM^A^III^DR^MD||19610615|M|ALIAS^BILL|C|1200 N ELM STREET^APT 4^GREENSBORO^NC^27401-1020^USA^H^^067||(919)379-1212^PRN^PH^^1^919^3791212~^NET^Internet^bill@example.org|(919)271-3434||S||PATID12345001^2^M10|123-45-6789|987654^NC^20300101\r\
NK1|1|SMITH^OREGANO^K|WI^WIFE|12 OAK RD^^DURHAM^NC^27701|^PRN^PH^^1^919^5551234\r\
PV1|1|I|2000^2012^01||||004777^LEBAUER^SIDNEY^J.|||SUR||||ADM|A0||ROE^JANE||V1234^^^MCM|||||||||||||||||||||||||200007011200|200007051030\r\
GT1|1|G777|DOE^JANE||9 ELM CT^^CARY^NC^27511|(919)555-0101||||||555-12-3456\r\
IN1|1|PLAN9|A10|ACME INS|PO BOX 1^^RALEIGH^NC^27601|||GRP55||||||||DOE^JOHN|SEL|19700101|9 ELM CT^^CARY^NC^27511|||||||||||||||||POL-99|||||||||||||ID-77\r";

    #[test]
    fn names_by_position() {
        use Entity::Person as P;
        has(ADT, P, "SMITH");
        has(ADT, P, "VAN");
        has(ADT, P, "WILLIAM");
        has(ADT, P, "A");
        has(ADT, P, "III");
        has(ADT, P, "ALIAS");
        has(ADT, P, "OREGANO");
        has(ADT, P, "LEBAUER");
        has(ADT, P, "SIDNEY");
        has(ADT, P, "ROE");
        has(ADT, P, "JANE");
        has(ADT, P, "JOHN");
        // prefix and degree stay
        lacks(ADT, "DR");
        lacks(ADT, "MD");
    }

    #[test]
    fn addresses_keep_state_and_country() {
        has(ADT, Entity::StreetAddress, "1200 N ELM STREET");
        has(ADT, Entity::StreetAddress, "APT 4");
        has(ADT, Entity::City, "GREENSBORO");
        has(ADT, Entity::ZipCode, "27401-1020");
        has(ADT, Entity::County, "067");
        has(ADT, Entity::City, "DURHAM");
        has(ADT, Entity::StreetAddress, "9 ELM CT");
        has(ADT, Entity::StreetAddress, "PO BOX 1");
        let f = found(ADT);
        assert!(f.iter().all(|(_, v)| *v != "NC" && *v != "USA"), "{f:?}");
    }

    #[test]
    fn phones_in_component_form() {
        use Entity::PhoneNumber as T;
        has(ADT, T, "(919)379-1212");
        has(ADT, T, "3791212");
        has(ADT, T, "5551234");
        has(ADT, T, "(919)271-3434");
        has(ADT, T, "(919)555-0101");
        has(ADT, Entity::EmailAddress, "bill@example.org");
        // use and equipment codes stay
        lacks(ADT, "PRN");
        lacks(ADT, "Internet");
    }

    #[test]
    fn identifiers_by_position() {
        has(ADT, Entity::MedicalRecordNumber, "A-77");
        has(ADT, Entity::MedicalRecordNumber, "PATID1234");
        has(ADT, Entity::MedicalRecordNumber, "123456789");
        has(ADT, Entity::AccountNumber, "PATID12345001");
        has(ADT, Entity::UsSsn, "123-45-6789");
        has(ADT, Entity::UsDriverLicense, "987654");
        has(ADT, Entity::IdNumber, "004777");
        has(ADT, Entity::AccountNumber, "V1234");
        has(ADT, Entity::AccountNumber, "G777");
        has(ADT, Entity::UsSsn, "555-12-3456");
        has(ADT, Entity::HealthPlanId, "GRP55");
        has(ADT, Entity::HealthPlanId, "POL-99");
        has(ADT, Entity::HealthPlanId, "ID-77");
        // the assigning authority and the plan code stay
        lacks(ADT, "USSSA");
        lacks(ADT, "PLAN9");
        // the message control id identifies a message, not a person
        lacks(ADT, "MSG00001");
    }

    #[test]
    fn compact_dates() {
        use Entity::DateTime as D;
        has(ADT, D, "198808181126");
        has(ADT, D, "198808181123");
        has(ADT, D, "19610615");
        has(ADT, D, "200007011200");
        has(ADT, D, "200007051030");
        has(ADT, D, "19700101");
        has(ADT, D, "20300101");
        let m = "MSH|^~\\&|A|B|C|D|20240314141500.1234-0500||ORU^R01|1|P|2.5\rOBX|1|TS|X||2024|||||F|||20240314\rRXA|0|1|20240101||08^HepB^CVX||||||||||L1|20251231\r";
        has(m, D, "20240314141500.1234-0500");
        has(m, D, "20240314");
        has(m, D, "20240101");
        // a year alone stays; a lot's expiry date is not about the person
        lacks(m, "2024|");
        assert!(found(m)
            .iter()
            .all(|(_, v)| *v != "2024" && *v != "20251231"));
    }

    #[test]
    fn other_delimiters_and_line_feeds() {
        let m = "Interface log:\nMSH#*!$@#A#B#C#D#20240314##ADT*A01#1#P#2.5\nPID#1##55*$$$*MR##DOE@VAN*JANE##19800101\n\nNot HL7 any more|DOE^X";
        has(m, Entity::MedicalRecordNumber, "55");
        has(m, Entity::Person, "DOE");
        has(m, Entity::Person, "VAN");
        has(m, Entity::Person, "JANE");
        has(m, Entity::DateTime, "19800101");
        lacks(m, "X");
    }

    #[test]
    fn providers_in_unlisted_fields() {
        let m = "MSH|^~\\&|A|B|C|D|200202150930||ORU^R01|1|P|2.4\rOBR|1|845439^GHH OE|1045813^GHH LAB|1554-5^GLUCOSE|||200202150730||||||||555-55-5555^PRIMARY^PATRICIA P^^^^MD^^LEVEL SEVEN HEALTHCARE|||||||||F\rTXA|1|CN|TX|||||||^Tran^Scribe^^^^RN\r";
        has(m, Entity::Person, "PRIMARY");
        has(m, Entity::Person, "PATRICIA P");
        has(m, Entity::IdNumber, "555-55-5555");
        has(m, Entity::Person, "Tran");
        has(m, Entity::Person, "Scribe");
        lacks(m, "GLUCOSE");
        lacks(m, "LEVEL SEVEN");
    }

    #[test]
    fn messages_pasted_into_notes() {
        let m = "Interface error, message was: MSH|^~\\&|A|B|C|D|20240314||ADT^A01|1|P|2.5\n    PID|1||4455^^^H^MR||QUIXLEY^ZEB||19800101\n    PV1|1|I\nPlease fix. PID|1||999||NOTHL7^X";
        has(m, Entity::MedicalRecordNumber, "4455");
        has(m, Entity::Person, "QUIXLEY");
        has(m, Entity::DateTime, "19800101");
        lacks(m, "999");
        lacks(m, "NOTHL7");
        // a header must follow a gap, not be glued to a word
        assert!(find("xMSH|^~\\&|A|B|C|D|20240314\rPID|1||1||DOE").is_empty());
    }

    #[test]
    fn escapes_stay_inside_their_component() {
        let m = "MSH|^~\\&|A|B|C|D|20240314||ADT^A01|1|P|2.5\rPID|1||9||O\\S\\NEIL^MARY\\T\\ANN\r";
        has(m, Entity::Person, "O\\S\\NEIL");
        has(m, Entity::Person, "MARY\\T\\ANN");
    }

    #[test]
    fn pdq_and_immunization_queries() {
        let q = "MSH|^~\\&|A|B|C|D|20090226||QBP^Q22^QBP_Q21|1|P|2.5\rQPD|Q22^Find^HL7|77|@PID.5.1.1^MOORE~@PID.7.1^19380224~@PID.3.1^PDQ113~@PID.3.4.1^IHENA\r";
        has(q, Entity::Person, "MOORE");
        has(q, Entity::DateTime, "19380224");
        has(q, Entity::MedicalRecordNumber, "PDQ113");
        lacks(q, "IHENA");
        let z = "MSH|^~\\&|A|B|C|D|20090226||QBP^Q11|1|P|2.5.1\rQPD|Z34^Request^CDCPHINVS|1|123^^^EHR^MR|Child^Bobbie^Q|Que^Suzy|20050512|M|10 East Main St^^Myfaircity^GA\r";
        has(z, Entity::MedicalRecordNumber, "123");
        has(z, Entity::Person, "Bobbie");
        has(z, Entity::Person, "Que");
        has(z, Entity::DateTime, "20050512");
        has(z, Entity::StreetAddress, "10 East Main St");
        lacks(z, "GA");
    }

    #[test]
    fn malformed_input_finds_nothing_or_what_is_well_formed() {
        for t in [
            "",
            "MSH",
            "MSH|",
            "MSH|^~",
            "MSH|^^^^|A|B",
            "MSH|abcd|A|B|C|D|20240314",
            "xMSH|^~\\&|A|B|C|D|20240314",
            "PID|1||123||DOE^JOHN",
            "MSH|^~\\&|A|B|C|D|20241399",
        ] {
            assert!(find(t).is_empty(), "{t:?}: {:?}", found(t));
        }
        // truncated in the middle of a segment
        let t = "MSH|^~\\&|A|B|C|D|20240314||ADT^A01|1|P|2.5\rPID|1||12345||DO";
        has(t, Entity::MedicalRecordNumber, "12345");
        has(t, Entity::Person, "DO");
        // multi-byte text around and inside a message
        let t = "Zoë's note\nMSH|^~\\&|A|B|C|D|20240314\rPID|1||1||Núñez^José\rñ";
        has(t, Entity::Person, "Núñez");
        has(t, Entity::Person, "José");
    }

    #[test]
    fn regions_and_their_free_text() {
        let t = "Note first.\nMSH|^~\\&|A|B|C|D|20240314||ORU^R01|1|P|2.5\rPID|1||9||DOE^JO|||M|||||||||||||||||||X9\rOBX|1|TX|X||Seen by Dr Roe||||||F\rOBX|2|NM|Y||7||||||F\rZPI|1|Jo Roe^home\rNTE|1||call Jo at home\rafter";
        let r = regions(t);
        assert_eq!(r.len(), 1);
        let span = &t[r[0].span.range()];
        assert!(
            span.starts_with("MSH|") && span.ends_with("call Jo at home"),
            "{span:?}"
        );
        let free: Vec<&str> = r[0].free_text.iter().map(|s| &t[s.range()]).collect();
        // PID-1, PID-8 and PID-27 (one component, not in the table), OBX-5
        // of type TX, a Z-segment after its name, NTE-3.
        assert_eq!(
            free,
            vec![
                "1",
                "M",
                "X9",
                "Seen by Dr Roe",
                "1|Jo Roe^home",
                "call Jo at home"
            ]
        );
        assert!(regions("no message here").is_empty());
        // Without a header there is no message, so no region.
        assert!(regions("PID|1||9||DOE^JO\rNTE|1||x").is_empty());
    }

    #[test]
    fn values_already_redacted_stay() {
        let t = "MSH|^~\\&|A|B|C|D|20240314||ADT^A01|1|P|2.5\rPID|1||XXXXXX^^^H^MR||XXXXXXXXXX^^^^^^S||19800101|||||***-***-****\r";
        assert_eq!(
            found(t),
            vec![
                (Entity::DateTime, "20240314"),
                (Entity::DateTime, "19800101")
            ]
        );
    }

    #[test]
    fn identifiers_one_field_off() {
        let msh = "MSH|^~\\&|A|B|C|D|20240314||ADT^A01|1|P|2.5\r";
        // A policy number in IN1-35 (meant for IN1-36); an unlisted field
        // holding a date, a code or a short value stays.
        let t = format!("{msh}IN1|1|0278^PPO|87466|BLUE RIVER MUTUAL||||151478-32||||20191107||||ROE^JO|SEL|19421007|1 MAIN ST^^TOWN^NC^27601||||||||||||||||3DR-3EQ-6DC79\r");
        has(&t, Entity::HealthPlanId, "3DR-3EQ-6DC79");
        has(&t, Entity::HealthPlanId, "151478-32");
        lacks(&t, "0278");
        lacks(&t, "87466");
        // not next to an identifier field, or not in a segment about people
        let t = format!("{msh}PID|1||9||DOE^JO||19800101|M||||||||||||||||||AB123456\rRXA|0|1|20210516||208^x^CVX|0.3|ml|||||||LOT123456\r");
        lacks(&t, "AB123456");
        lacks(&t, "LOT123456");
    }

    #[test]
    fn providers_by_their_npi_in_unlisted_fields() {
        // OBR-15 (one position off) with a valid NPI and no degree.
        let t = "MSH|^~\\&|A|B|C|D|20240314||ORU^R01|1|P|2.5\rOBR|1|||24323-8^CMP^LN|||202311031147||||||||1234567893^QUIXLEY^ZEB^\rOBX|1|CWE|1234-5^Dx^LN||44054006^Diabetes^SCT||||||F";
        has(t, Entity::IdNumber, "1234567893");
        has(t, Entity::Person, "QUIXLEY");
        has(t, Entity::Person, "ZEB");
        lacks(t, "Diabetes");
        lacks(t, "CMP");
    }

    #[test]
    fn huge_inputs_stay_linear() {
        let seg = "PID|1||12345^^^H^MR||DOE^JOHN||19800101|M|||1 MAIN ST^^TOWN^NC^27601\r";
        let mut big = String::from("MSH|^~\\&|A|B|C|D|20240314||ADT^A01|1|P|2.5\r");
        for _ in 0..20_000 {
            big.push_str(seg);
        }
        assert_eq!(find(&big).len(), 1 + 20_000 * 7);
        // one long field of delimiters
        let mut wide = String::from("MSH|^~\\&|A|B|C|D|20240314\rPID");
        wide.push_str(&"|^~&".repeat(200_000));
        assert!(find(&wide).len() <= 1);
    }
}
