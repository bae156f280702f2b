//! # phimask-corpora
//!
//! Synthetic annotated clinical notes for measuring
//! [phimask](https://docs.rs/phimask): the note format (JSONL), a seeded
//! generator of many kinds of notes, a small template language, and the
//! scorer that compares an analysis with the annotations.
//!
//! ## The note format
//!
//! A [`Note`] is a text with two lists of [`Annotation`]s:
//!
//! * `phi`: spans that must be masked (Safe Harbor identifiers), each with
//!   optional sub-ranges that may stay or go (the year of a full date, the
//!   "-year-old" after an age of 90 or more, a "Dr." title);
//! * `keep`: spans that must stay wholly untouched (ages under 90, lone
//!   years, relative times, states, countries, drugs and doses, vitals,
//!   scale scores, ICD-10 and CPT codes, eponyms).
//!
//! Offsets are byte offsets into the UTF-8 text. On disk each JSONL record
//! names its offset unit: `"offsets": "bytes"` (what [`write_jsonl`]
//! writes) or `"offsets": "chars"` (Unicode code points, converted to bytes
//! by [`read_jsonl`]).
//!
//! ## Scoring
//!
//! [`score`] counts letters and digits only: whether the space in
//! "John Smith" or the dash of a phone number is masked does not matter.
//! See [`Report`] for the figures.
//!
//! ## Example
//! ```
//! use phimask_corpora::{generate, score, Targets};
//! let notes = generate(7, 3);
//! // A "perfect" analysis: every PHI annotation masked, nothing else.
//! let coverage: Vec<Vec<phimask_core::Span>> = notes
//!     .iter()
//!     .map(|n| n.phi.iter().map(|a| phimask_core::Span::new(a.start, a.end)).collect())
//!     .collect();
//! let report = score(&notes, &coverage);
//! assert!(report.meets(&Targets::default()));
//! ```
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![forbid(unsafe_code)]

use std::fmt;
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

mod generate;
mod score;
mod template;
pub mod values;

pub use generate::{generate, kinds};
pub use score::{score, Leak, Metrics, Report, Targets};
pub use template::{render_template, slots, ValueFormats};

/// One annotated note.
///
/// Its `Debug` output shows the id, kind, length and annotation counts,
/// never the text.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// A unique id within its corpus.
    pub id: String,
    /// The kind of note ("progress_note", "discharge_summary", …).
    pub kind: String,
    /// The note's text.
    pub text: String,
    /// Spans that must be masked.
    pub phi: Vec<Annotation>,
    /// Spans that must stay untouched.
    pub keep: Vec<Annotation>,
}

impl fmt::Debug for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Note")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("text_len", &self.text.len())
            .field("phi", &self.phi.len())
            .field("keep", &self.keep.len())
            .finish()
    }
}

impl Note {
    /// The annotated slice of the text, if the annotation is in bounds and on
    /// character boundaries.
    ///
    /// # Example
    /// ```
    /// let note = phimask_corpora::render_template("Seen by {PERSON}.", 1, &Default::default())?;
    /// let name = note.slice(&note.phi[0]).unwrap();
    /// assert!(note.text.contains(name));
    /// # Ok::<(), phimask_corpora::CorpusError>(())
    /// ```
    pub fn slice(&self, a: &Annotation) -> Option<&str> {
        self.text.get(a.start..a.end)
    }
}

/// A span of a note with its entity, in byte offsets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// The entity ("PERSON", "DATE_TIME", … for PHI; "AGE", "YEAR",
    /// "MEDICATION", … for keeps).
    pub entity: String,
    /// Inclusive start byte offset.
    pub start: usize,
    /// Exclusive end byte offset.
    pub end: usize,
    /// Sub-ranges `[start, end)` (bytes, absolute) that may stay or go, e.g.
    /// the year of a full date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional: Vec<[usize; 2]>,
    /// For a `PERSON` span, where the name comes from ("hispanic",
    /// "invented", "word", "initials", "cjk", …), so recall can be reported
    /// per name origin. Absent in corpora that do not record it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

impl Annotation {
    /// An annotation without optional sub-ranges.
    pub fn new(entity: impl Into<String>, start: usize, end: usize) -> Annotation {
        Annotation {
            entity: entity.into(),
            start,
            end,
            optional: Vec::new(),
            origin: None,
        }
    }
}

/// What went wrong reading a corpus or rendering a template. It names line
/// numbers, slot names and offsets, never note text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusError {
    kind: CorpusErrorKind,
}

/// The kinds of [`CorpusError`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CorpusErrorKind {
    /// A JSONL line could not be read or parsed (1-based line number).
    Json {
        /// The 1-based line number.
        line: usize,
        /// What was wrong (from the parser, without the content).
        reason: String,
    },
    /// An annotation is out of bounds, reversed, or not on character
    /// boundaries.
    BadSpan {
        /// The 1-based line number.
        line: usize,
        /// The index of the annotation within its list.
        index: usize,
    },
    /// The `offsets` field names an unknown unit.
    BadOffsets {
        /// The 1-based line number.
        line: usize,
    },
    /// A template names a slot the renderer does not know.
    UnknownSlot {
        /// The slot's name.
        slot: String,
    },
    /// A template is malformed (an unclosed brace) at a byte offset.
    BadTemplate {
        /// The byte offset of the problem.
        offset: usize,
    },
    /// A value format is empty or produces nothing variable.
    BadFormat {
        /// The slot the format was for.
        slot: String,
    },
}

impl CorpusError {
    /// The kind of error.
    pub fn kind(&self) -> &CorpusErrorKind {
        &self.kind
    }

    pub(crate) fn new(kind: CorpusErrorKind) -> CorpusError {
        CorpusError { kind }
    }
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            CorpusErrorKind::Json { line, reason } => write!(f, "line {line}: {reason}"),
            CorpusErrorKind::BadSpan { line, index } => write!(
                f,
                "line {line}: annotation {index} is out of bounds, reversed or not on a character boundary"
            ),
            CorpusErrorKind::BadOffsets { line } => {
                write!(f, "line {line}: \"offsets\" must be \"bytes\" or \"chars\"")
            }
            CorpusErrorKind::UnknownSlot { slot } => write!(f, "unknown template slot `{slot}`"),
            CorpusErrorKind::BadTemplate { offset } => {
                write!(f, "malformed template at byte {offset} (unclosed or stray brace)")
            }
            CorpusErrorKind::BadFormat { slot } => write!(
                f,
                "bad value format for slot `{slot}`: it must be non-empty and contain #, A, a or ?"
            ),
        }
    }
}

impl std::error::Error for CorpusError {}

#[derive(Serialize, Deserialize)]
struct Record {
    id: String,
    kind: String,
    #[serde(default = "bytes_unit")]
    offsets: String,
    text: String,
    #[serde(default)]
    phi: Vec<Annotation>,
    #[serde(default)]
    keep: Vec<Annotation>,
}

fn bytes_unit() -> String {
    "bytes".to_owned()
}

/// Hides serde_json's message detail that could quote content: keep only
/// the category and column.
fn json_reason(e: &serde_json::Error) -> String {
    let cat = match e.classify() {
        serde_json::error::Category::Io => "I/O error",
        serde_json::error::Category::Syntax => "invalid JSON",
        serde_json::error::Category::Data => "JSON does not match the note schema",
        serde_json::error::Category::Eof => "truncated JSON",
    };
    format!("{cat} at column {}", e.column())
}

/// Reads notes from JSONL, one record per line (blank lines are skipped).
/// Records with `"offsets": "chars"` are converted to byte offsets.
///
/// # Errors
/// A [`CorpusError`] naming the line: invalid JSON, an unknown offset unit,
/// or an annotation out of bounds.
///
/// # Example
/// ```
/// let line = r#"{"id":"a","kind":"x","offsets":"chars","text":"Ñu Ana","phi":[{"entity":"PERSON","start":3,"end":6}],"keep":[]}"#;
/// let notes = phimask_corpora::read_jsonl(line.as_bytes())?;
/// assert_eq!(notes[0].phi[0].start, 4); // "Ñ" is two bytes
/// # Ok::<(), phimask_corpora::CorpusError>(())
/// ```
pub fn read_jsonl<R: BufRead>(r: R) -> Result<Vec<Note>, CorpusError> {
    let mut notes = Vec::new();
    for (i, line) in r.lines().enumerate() {
        let lineno = i + 1;
        let line = line.map_err(|e| {
            CorpusError::new(CorpusErrorKind::Json {
                line: lineno,
                reason: format!("read error: {}", e.kind()),
            })
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: Record = serde_json::from_str(&line).map_err(|e| {
            CorpusError::new(CorpusErrorKind::Json {
                line: lineno,
                reason: json_reason(&e),
            })
        })?;
        let Record {
            id,
            kind,
            offsets,
            text,
            mut phi,
            mut keep,
        } = rec;
        match offsets.as_str() {
            "bytes" => {}
            "chars" => {
                let map = char_to_byte_map(&text);
                for (index, a) in phi.iter_mut().chain(keep.iter_mut()).enumerate() {
                    convert(a, &map).ok_or(CorpusError::new(CorpusErrorKind::BadSpan {
                        line: lineno,
                        index,
                    }))?;
                }
            }
            _ => {
                return Err(CorpusError::new(CorpusErrorKind::BadOffsets {
                    line: lineno,
                }))
            }
        }
        for (index, a) in phi.iter().chain(keep.iter()).enumerate() {
            let ok = a.start <= a.end
                && text.get(a.start..a.end).is_some()
                && a.optional
                    .iter()
                    .all(|o| o[0] <= o[1] && text.get(o[0]..o[1]).is_some());
            if !ok {
                return Err(CorpusError::new(CorpusErrorKind::BadSpan {
                    line: lineno,
                    index,
                }));
            }
        }
        notes.push(Note {
            id,
            kind,
            text,
            phi,
            keep,
        });
    }
    Ok(notes)
}

fn char_to_byte_map(text: &str) -> Vec<usize> {
    let mut map: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    map.push(text.len());
    map
}

fn convert(a: &mut Annotation, map: &[usize]) -> Option<()> {
    a.start = *map.get(a.start)?;
    a.end = *map.get(a.end)?;
    for o in &mut a.optional {
        o[0] = *map.get(o[0])?;
        o[1] = *map.get(o[1])?;
    }
    Some(())
}

/// Writes notes as JSONL with byte offsets (`"offsets": "bytes"`), one record
/// per line.
///
/// # Errors
/// Any I/O error from the writer.
///
/// # Example
/// ```
/// let notes = phimask_corpora::generate(1, 2);
/// let mut buf = Vec::new();
/// phimask_corpora::write_jsonl(&mut buf, &notes)?;
/// let back = phimask_corpora::read_jsonl(&buf[..]).unwrap();
/// assert_eq!(back, notes);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_jsonl<W: Write>(mut w: W, notes: &[Note]) -> std::io::Result<()> {
    for n in notes {
        let rec = Record {
            id: n.id.clone(),
            kind: n.kind.clone(),
            offsets: bytes_unit(),
            text: n.text.clone(),
            phi: n.phi.clone(),
            keep: n.keep.clone(),
        };
        serde_json::to_writer(&mut w, &rec).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_text() {
        let n = Note {
            id: "n1".into(),
            kind: "k".into(),
            text: "John Smith 123-45-6789".into(),
            phi: vec![Annotation::new("PERSON", 0, 10)],
            keep: vec![],
        };
        let d = format!("{n:?}");
        assert!(!d.contains("Smith") && !d.contains("6789"), "{d}");
        assert!(d.contains("n1"));
    }

    #[test]
    fn jsonl_errors_name_line_not_content() {
        let input = "\n{\"id\":\"a\",\"kind\":\"k\",\"text\":\"ab\",\"phi\":[],\"keep\":[]}\n{\"id\": \"SECRET-NAME\" oops}\n";
        let e = read_jsonl(input.as_bytes()).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("line 3:"), "{msg}");
        assert!(!msg.contains("SECRET"), "{msg}");
    }

    #[test]
    fn jsonl_rejects_bad_span_and_unit() {
        let bad = r#"{"id":"a","kind":"k","text":"ab","phi":[{"entity":"X","start":1,"end":5}],"keep":[]}"#;
        let e = read_jsonl(bad.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), &CorpusErrorKind::BadSpan { line: 1, index: 0 });
        let mid = r#"{"id":"a","kind":"k","text":"Ña","phi":[{"entity":"X","start":1,"end":2}],"keep":[]}"#;
        assert!(read_jsonl(mid.as_bytes()).is_err());
        let unit = r#"{"id":"a","kind":"k","offsets":"utf16","text":"ab","phi":[],"keep":[]}"#;
        assert_eq!(
            read_jsonl(unit.as_bytes()).unwrap_err().kind(),
            &CorpusErrorKind::BadOffsets { line: 1 }
        );
    }

    #[test]
    fn chars_offsets_convert_including_optional() {
        let line = r#"{"id":"a","kind":"k","offsets":"chars","text":"é 3/4/2020","phi":[{"entity":"DATE_TIME","start":2,"end":10,"optional":[[6,10]]}],"keep":[]}"#;
        let n = &read_jsonl(line.as_bytes()).unwrap()[0];
        assert_eq!((n.phi[0].start, n.phi[0].end), (3, 11));
        assert_eq!(n.phi[0].optional, vec![[7, 11]]);
        assert_eq!(n.slice(&n.phi[0]), Some("3/4/2020"));
    }

    #[test]
    fn origin_is_optional_and_round_trips() {
        let with = r#"{"id":"a","kind":"k","text":"Hope","phi":[{"entity":"PERSON","start":0,"end":4,"origin":"word"}],"keep":[]}"#;
        let n = read_jsonl(with.as_bytes()).unwrap();
        assert_eq!(n[0].phi[0].origin.as_deref(), Some("word"));
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &n).unwrap();
        assert!(String::from_utf8(buf.clone())
            .unwrap()
            .contains("\"origin\":\"word\""));
        assert_eq!(read_jsonl(&buf[..]).unwrap(), n);
        // Without an origin nothing is written for it.
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &generate(2, 3)).unwrap();
        assert!(!String::from_utf8(buf).unwrap().contains("origin"));
    }

    #[test]
    fn roundtrip() {
        let notes = generate(3, 20);
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &notes).unwrap();
        assert!(String::from_utf8(buf.clone())
            .unwrap()
            .contains("\"offsets\":\"bytes\""));
        assert_eq!(read_jsonl(&buf[..]).unwrap(), notes);
    }
}
