//! Streaming record readers and writers for `phimask scrub`: plain text (a
//! whole file, or line by line), JSON Lines (string fields by path) and
//! CSV/TSV (columns by name or number).
//!
//! A reader yields one [`Record`] at a time, with its 1-based line number,
//! holding at most one record in memory. Errors name the line and what is
//! wrong, never the content. The matching [`RecordWriter`] writes a record
//! back with its texts replaced and every other byte unchanged (JSON keys,
//! numbers and spacing; CSV fields that are not scrubbed).

use std::fmt;
use std::io::{self, BufRead, Read, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::jsonpath::{self, FieldPath, JsonSyntaxError};

/// The format of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text; the whole input is one record.
    Text,
    /// Plain text; each line is a record.
    Lines,
    /// JSON Lines: one JSON value per line.
    Jsonl,
    /// One JSON document: an array whose elements are the records, or a
    /// single object (one record).
    Json,
    /// Comma-separated values with a header line (unless told otherwise).
    Csv,
    /// Tab-separated values.
    Tsv,
}

impl Format {
    /// The format a file name suggests: `.jsonl`/`.ndjson` → JSONL,
    /// `.json` → a JSON document, `.csv` → CSV, `.tsv`/`.tab` → TSV,
    /// anything else → text.
    pub fn from_path(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "jsonl" | "ndjson" => Format::Jsonl,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            _ => Format::Text,
        }
    }

    /// The format's name.
    pub fn name(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Lines => "lines",
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        }
    }

    fn delimiter(&self) -> u8 {
        match self {
            Format::Tsv => b'\t',
            _ => b',',
        }
    }
}

/// How to read records.
#[derive(Clone, Debug)]
pub struct ReaderOptions {
    /// The input format.
    pub format: Format,
    /// JSONL: the fields to scrub (default `text`).
    pub fields: Vec<FieldPath>,
    /// CSV/TSV: the columns to scrub, by header name or 1-based number
    /// (default `text`).
    pub columns: Vec<String>,
    /// CSV/TSV: whether the first line is a header (default true).
    pub has_header: bool,
    /// Records longer than this many bytes are refused (default 64 MiB).
    pub max_record_bytes: usize,
    /// JSONL/JSON: a record that has none of the fields, or an element
    /// reached by a `*` that lacks the rest of the path, passes through
    /// unchanged (counted by [`RecordReader::missing_fields`]) instead of
    /// being an error.
    pub allow_missing: bool,
    /// CSV/TSV with a header: a check run on each cell of the first row;
    /// a cell it flags (an identifier found in it) makes the row data, not
    /// a header, as a number or long text does.
    pub header_check: HeaderCheck,
}

/// A predicate on the cells of a CSV/TSV header row: true when a cell
/// holds an identifier, so that the row is data rather than column names
/// (see [`ReaderOptions::header_check`]). The default checks nothing.
#[derive(Clone, Default)]
pub struct HeaderCheck(Option<Arc<CellCheck>>);

/// The predicate a [`HeaderCheck`] runs on one cell.
type CellCheck = dyn Fn(&str) -> bool + Send + Sync;

impl HeaderCheck {
    /// A check that flags a cell when `f` returns true for it.
    pub fn new(f: impl Fn(&str) -> bool + Send + Sync + 'static) -> HeaderCheck {
        HeaderCheck(Some(Arc::new(f)))
    }

    /// True when the check flags one of the row's cells.
    fn flags(&self, row: &csv::ByteRecord) -> bool {
        self.0.as_ref().is_some_and(|f| {
            row.iter()
                .any(|cell| f(String::from_utf8_lossy(cell).trim()))
        })
    }
}

impl fmt::Debug for HeaderCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "HeaderCheck(on)"
        } else {
            "HeaderCheck(off)"
        })
    }
}

impl Default for ReaderOptions {
    fn default() -> ReaderOptions {
        ReaderOptions {
            format: Format::Text,
            fields: Vec::new(),
            columns: Vec::new(),
            has_header: true,
            max_record_bytes: 64 << 20,
            allow_missing: false,
            header_check: HeaderCheck::default(),
        }
    }
}

/// What is wrong with an input. Never holds input text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// Bytes that are not UTF-8 (at this byte column of the line).
    InvalidUtf8 {
        /// 1-based byte column of the first bad byte.
        column: usize,
    },
    /// A JSONL line that is not JSON.
    Json(JsonSyntaxError),
    /// A JSONL record without any of the fields to scrub.
    MissingField {
        /// The paths, as given.
        paths: String,
    },
    /// A CSV record that cannot be read.
    Csv {
        /// What the CSV reader said (positions only).
        message: String,
    },
    /// A column named on the command line is not in the header.
    UnknownColumn {
        /// The column as given.
        column: String,
        /// How many columns the header has (its cells are never
        /// printed: a row taken for a header may be data).
        width: usize,
    },
    /// Elements reached by a `*` of a --field path lack the rest of the
    /// path (nothing in them would be scrubbed).
    WildcardMissing {
        /// The paths, as given.
        paths: String,
        /// How many elements.
        count: usize,
    },
    /// A JSON document (`--format json`) that is not an array of records
    /// or one object, or has something after its end.
    NotAJsonDocument {
        /// What is wrong (fixed wording, no content).
        reason: &'static str,
    },
    /// A selected column number past the end of the record.
    ColumnPastEnd {
        /// The 1-based column asked for.
        column: usize,
        /// The record's number of fields.
        fields: usize,
    },
    /// A selected JSON field holds a number, boolean or `null` mixed with
    /// text the CLI cannot scrub as a string: refused, never passed through.
    NotAString {
        /// The paths, as given.
        paths: String,
    },
    /// A JSONL line that is a JSON array none of the fields reach (JSON
    /// array files are not JSON Lines).
    JsonArray,
    /// The first CSV row holds numbers or long text, so it is data, not
    /// a header (give `--no-header`).
    HeaderLooksLikeData,
    /// A record longer than the limit.
    TooLarge {
        /// Its length in bytes (at least).
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Reading failed.
    Io {
        /// The I/O error's description.
        message: String,
    },
}

/// An error in an input, with the 1-based line where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The line, when known.
    pub line: Option<u64>,
    /// What is wrong.
    pub kind: InputErrorKind,
}

impl InputError {
    fn new(line: Option<u64>, kind: InputErrorKind) -> InputError {
        InputError { line, kind }
    }

    /// True when the rest of the input cannot be read after this error
    /// (I/O errors, an unknown column), as opposed to one bad record.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self.kind,
            InputErrorKind::Io { .. }
                | InputErrorKind::UnknownColumn { .. }
                | InputErrorKind::ColumnPastEnd { .. }
                | InputErrorKind::HeaderLooksLikeData
                | InputErrorKind::NotAJsonDocument { .. }
        )
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        match &self.kind {
            InputErrorKind::InvalidUtf8 { column } => {
                write!(f, "invalid UTF-8 at byte column {column}")
            }
            InputErrorKind::Json(e) => write!(f, "{e}"),
            InputErrorKind::MissingField { paths } => {
                write!(f, "the record has no field {paths} (use --allow-missing to pass such records through)")
            }
            InputErrorKind::Csv { message } => write!(f, "{message}"),
            InputErrorKind::WildcardMissing { paths, count } => write!(
                f,
                "{count} element(s) reached by `*` in {paths} lack the rest of the path, so nothing \
                 in them would be scrubbed (use --allow-missing to pass them through, counted)"
            ),
            InputErrorKind::NotAJsonDocument { reason } => write!(
                f,
                "not a JSON document of records: {reason} (JSON Lines: --format jsonl)"
            ),
            InputErrorKind::UnknownColumn { column, width: 0 } => write!(
                f,
                "no column `{column}`: without a header (--no-header) columns are 1-based numbers"
            ),
            InputErrorKind::UnknownColumn { column, width } => write!(
                f,
                "no column `{column}` in the header ({width} column(s); give --column with a \
                 header name or a 1-based number, or --no-header when the first row is data)"
            ),
            InputErrorKind::ColumnPastEnd { column, fields } => write!(
                f,
                "column {column} is past the end of the record ({fields} fields)"
            ),
            InputErrorKind::NotAString { paths } => write!(
                f,
                "a selected field ({paths}) holds a number or boolean, not a string; \
                 it is refused rather than passed through unmasked (quote it, or select only string fields)"
            ),
            InputErrorKind::HeaderLooksLikeData => f.write_str(
                "the first row does not look like a header (a cell holds a number, long text, \
                 or an identifier); if it is data, give --no-header",
            ),
            InputErrorKind::JsonArray => f.write_str(
                "a JSON array, not JSON Lines: give --format json (the default for .json \
                 files) to scrub each element as a record",
            ),
            InputErrorKind::TooLarge { len, max } => write!(
                f,
                "record of {len} bytes exceeds the limit of {max} bytes (--max-record-bytes, \
                 and the policy's max_input_bytes for one text)"
            ),
            InputErrorKind::Io { message } => write!(f, "read error: {message}"),
        }
    }
}

impl std::error::Error for InputError {}

fn io_error(line: Option<u64>, e: &io::Error) -> InputError {
    InputError::new(
        line,
        InputErrorKind::Io {
            message: e.kind().to_string(),
        },
    )
}

/// One record: the texts to scrub and what is needed to write it back.
#[derive(Clone)]
pub struct Record {
    /// The 1-based line where the record starts.
    pub line: u64,
    /// The texts to scrub, in order.
    pub texts: Vec<String>,
    /// The record's size in the input, in bytes.
    pub raw_len: usize,
    shape: Shape,
}

impl Record {
    /// False for the bytes of a JSON document around its records (the
    /// brackets), which hold no data.
    pub fn is_data(&self) -> bool {
        !matches!(self.shape, Shape::Structural(_))
    }

    /// How many texts [`RecordWriter::write`] takes for this record (the
    /// length of [`Record::texts`] as read, also after
    /// [`Record::take_texts`]).
    pub fn text_count(&self) -> usize {
        match &self.shape {
            Shape::Text => 1,
            Shape::Json { spans, .. } | Shape::JsonElem { spans, .. } => spans.len(),
            Shape::Verbatim(_) | Shape::Structural(_) => 0,
            Shape::Csv { columns, .. } => columns.len(),
        }
    }

    /// Moves the texts out (to scrub them elsewhere without a copy); the
    /// record can still be written with the scrubbed texts.
    pub fn take_texts(&mut self) -> Vec<String> {
        std::mem::take(&mut self.texts)
    }
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Record")
            .field("line", &self.line)
            .field("texts", &self.texts.len())
            .field("raw_len", &self.raw_len)
            .finish()
    }
}

#[derive(Clone)]
enum Shape {
    /// The text is the whole record.
    Text,
    /// A JSON line: replace the string tokens at `spans` of `raw`.
    Json {
        raw: String,
        spans: Vec<Range<usize>>,
    },
    /// A line written back as it is (a blank JSONL line, a record without
    /// the fields when missing fields are allowed).
    Verbatim(Vec<u8>),
    /// Bytes of a JSON document around its records (`[`, `]`, spacing):
    /// not a record of data.
    Structural(Vec<u8>),
    /// An element of a JSON array document: the separator before it (`,`
    /// and spacing; the writer drops the comma when no element was written
    /// before), then the element with the string tokens at `spans` replaced.
    JsonElem {
        sep: Vec<u8>,
        raw: String,
        spans: Vec<Range<usize>>,
    },
    /// A CSV record: replace fields `columns` (in the record's own bytes
    /// when they were captured).
    Csv {
        fields: csv::ByteRecord,
        columns: Vec<usize>,
        raw: Option<RawCsv>,
    },
}

enum Inner<R: BufRead> {
    Text {
        reader: R,
        done: bool,
    },
    Lines {
        reader: R,
    },
    Jsonl {
        reader: R,
        fields: Vec<FieldPath>,
        paths: String,
    },
    JsonDoc {
        reader: R,
        fields: Vec<FieldPath>,
        paths: String,
        state: DocState,
        /// Newlines read so far.
        newlines: u64,
    },
    Csv {
        reader: csv::Reader<Tee<R>>,
        header: Option<csv::ByteRecord>,
        /// The header is passed through as this first record, byte for
        /// byte (else the writer writes `header`).
        pending: Option<Box<Record>>,
        columns: Vec<usize>,
        record: csv::ByteRecord,
        expected: Option<usize>,
        delim: u8,
    },
}

/// Reads records from a byte stream.
///
/// # Example
/// ```
/// use phimask_cli::records::{Format, ReaderOptions, RecordReader};
/// let input = "{\"text\": \"a\"}\nnot json\n";
/// let opts = ReaderOptions { format: Format::Jsonl, ..Default::default() };
/// let mut r = RecordReader::new(input.as_bytes(), &opts)?;
/// assert_eq!(r.next_record().transpose()?.map(|rec| rec.texts), Some(vec!["a".to_string()]));
/// assert_eq!(r.next_record().transpose().unwrap_err().line, Some(2));
/// # Ok::<(), phimask_cli::records::InputError>(())
/// ```
pub struct RecordReader<R: BufRead> {
    inner: Inner<R>,
    format: Format,
    line: u64,
    max: usize,
    allow_missing: bool,
    failed: bool,
    buf: Vec<u8>,
    missing: u64,
}

impl<R: BufRead> fmt::Debug for RecordReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordReader")
            .field("format", &self.format)
            .field("line", &self.line)
            .finish()
    }
}

enum LineRead {
    Eof,
    Line,
    TooLong(usize),
}

/// Reads up to and including the next `\n` into `buf`, refusing to hold
/// more than `max` bytes (the rest of an over-long line is skipped).
fn read_line_bounded<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, max: usize) -> io::Result<LineRead> {
    buf.clear();
    let mut total = 0usize;
    let mut too_long = false;
    loop {
        let (done, used) = {
            let avail = match r.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                break;
            }
            let (chunk, done) = match avail.iter().position(|&b| b == b'\n') {
                Some(i) => (&avail[..=i], true),
                None => (avail, false),
            };
            total += chunk.len();
            if !too_long {
                if buf.len() + chunk.len() > max {
                    too_long = true;
                    buf.clear();
                } else {
                    buf.extend_from_slice(chunk);
                }
            }
            (done, chunk.len())
        };
        r.consume(used);
        if done {
            break;
        }
    }
    Ok(if too_long {
        LineRead::TooLong(total)
    } else if total == 0 {
        LineRead::Eof
    } else {
        LineRead::Line
    })
}

fn utf8_error_position(bytes: &[u8], valid_up_to: usize, first_line: u64) -> (u64, usize) {
    let before = &bytes[..valid_up_to.min(bytes.len())];
    let newlines = before.iter().filter(|&&b| b == b'\n').count() as u64;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (first_line + newlines, valid_up_to - line_start + 1)
}

impl<R: BufRead> RecordReader<R> {
    /// Starts reading. For CSV/TSV this reads the header and resolves the
    /// columns.
    ///
    /// # Errors
    /// For CSV/TSV, an unreadable header or a column that is not in it.
    pub fn new(reader: R, opts: &ReaderOptions) -> Result<RecordReader<R>, InputError> {
        let inner = match opts.format {
            Format::Text => Inner::Text {
                reader,
                done: false,
            },
            Format::Lines => Inner::Lines { reader },
            Format::Jsonl | Format::Json => {
                let fields = if opts.fields.is_empty() {
                    vec![FieldPath::key("text")]
                } else {
                    opts.fields.clone()
                };
                let paths = fields
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(" or ");
                if opts.format == Format::Json {
                    Inner::JsonDoc {
                        reader,
                        fields,
                        paths,
                        state: DocState::Start,
                        newlines: 0,
                    }
                } else {
                    Inner::Jsonl {
                        reader,
                        fields,
                        paths,
                    }
                }
            }
            Format::Csv | Format::Tsv => {
                let delim = opts.format.delimiter();
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(delim)
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(Tee {
                        inner: reader,
                        kept: Vec::new(),
                        base: 0,
                    });
                let mut pending = None;
                let mut header = None;
                let mut first = csv::ByteRecord::new();
                let names: Vec<String> = if opts.columns.is_empty() {
                    vec!["text".to_string()]
                } else {
                    opts.columns.clone()
                };
                if opts.has_header {
                    match reader.read_byte_record(&mut first) {
                        Ok(true) if looks_like_data(&first) || opts.header_check.flags(&first) => {
                            return Err(InputError::new(
                                Some(1),
                                InputErrorKind::HeaderLooksLikeData,
                            ))
                        }
                        Ok(true) => {
                            header = Some(first.clone());
                            if let Some(raw) = take_raw(&mut reader, &first, delim) {
                                pending = Some(Box::new(Record {
                                    line: 1,
                                    texts: Vec::new(),
                                    raw_len: raw.bytes.len(),
                                    shape: Shape::Structural(raw.bytes),
                                }));
                            }
                        }
                        Ok(false) => {}
                        Err(e) => return Err(csv_error(&e, Some(1))),
                    }
                }
                let available: Vec<String> = header
                    .as_ref()
                    .map(|h| {
                        h.iter()
                            .map(|c| String::from_utf8_lossy(c).into_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                let mut columns = Vec::new();
                for name in &names {
                    let by_name = available.iter().position(|a| a == name);
                    let by_number = name
                        .parse::<usize>()
                        .ok()
                        .filter(|&n| n >= 1)
                        .map(|n| n - 1);
                    let width = header.as_ref().map(|h| h.len());
                    match by_name.or(by_number) {
                        // A number past the header's end names no column.
                        Some(i) if width.is_some_and(|w| i >= w) => {
                            return Err(InputError::new(
                                Some(1),
                                InputErrorKind::UnknownColumn {
                                    column: name.clone(),
                                    width: available.len(),
                                },
                            ))
                        }
                        Some(i) => columns.push(i),
                        // An empty input has no header to check against.
                        None if opts.has_header && header.is_none() => {}
                        None => {
                            return Err(InputError::new(
                                Some(1),
                                InputErrorKind::UnknownColumn {
                                    column: name.clone(),
                                    width: available.len(),
                                },
                            ))
                        }
                    }
                }
                columns.sort_unstable();
                columns.dedup();
                Inner::Csv {
                    reader,
                    header,
                    pending,
                    columns,
                    record: csv::ByteRecord::new(),
                    expected: None,
                    delim,
                }
            }
        };
        Ok(RecordReader {
            inner,
            format: opts.format,
            line: 0,
            max: opts.max_record_bytes,
            allow_missing: opts.allow_missing,
            failed: false,
            buf: Vec::new(),
            missing: 0,
        })
    }

    /// The CSV/TSV header, if the input has one.
    pub fn header(&self) -> Option<&csv::ByteRecord> {
        match &self.inner {
            // Passed through as the first record instead.
            Inner::Csv {
                pending: Some(_), ..
            } => None,
            Inner::Csv { header, .. } => header.as_ref(),
            _ => None,
        }
    }

    /// The format being read.
    pub fn format(&self) -> Format {
        self.format
    }

    /// JSONL/JSON with `allow_missing`: the records that lacked every field
    /// and the elements reached by a `*` that lacked the rest of a path,
    /// passed through unchanged so far.
    pub fn missing_fields(&self) -> u64 {
        self.missing
    }

    /// The next record, an error for one bad record (reading can go on),
    /// or `None` at the end (and after an error that
    /// [`is_fatal`](InputError::is_fatal)).
    pub fn next_record(&mut self) -> Option<Result<Record, InputError>> {
        if self.failed {
            return None;
        }
        let r = self.read_one();
        if let Some(Err(e)) = &r {
            if e.is_fatal() {
                self.failed = true;
            }
        }
        r
    }

    fn read_one(&mut self) -> Option<Result<Record, InputError>> {
        let max = self.max;
        match &mut self.inner {
            Inner::Text { reader, done } => {
                if *done {
                    return None;
                }
                *done = true;
                self.buf.clear();
                let mut limited = reader.take(max as u64 + 1);
                if let Err(e) = limited.read_to_end(&mut self.buf) {
                    self.failed = true;
                    return Some(Err(io_error(None, &e)));
                }
                if self.buf.len() > max {
                    self.failed = true;
                    return Some(Err(InputError::new(
                        Some(1),
                        InputErrorKind::TooLarge {
                            len: self.buf.len(),
                            max,
                        },
                    )));
                }
                let bytes = std::mem::take(&mut self.buf);
                let raw_len = bytes.len();
                match String::from_utf8(bytes) {
                    Ok(text) => Some(Ok(Record {
                        line: 1,
                        texts: vec![text],
                        raw_len,
                        shape: Shape::Text,
                    })),
                    Err(e) => {
                        let (line, column) =
                            utf8_error_position(e.as_bytes(), e.utf8_error().valid_up_to(), 1);
                        Some(Err(InputError::new(
                            Some(line),
                            InputErrorKind::InvalidUtf8 { column },
                        )))
                    }
                }
            }
            Inner::Lines { reader } => {
                let line = self.line + 1;
                match read_line_bounded(reader, &mut self.buf, max) {
                    Err(e) => Some(Err(io_error(Some(line), &e))),
                    Ok(LineRead::Eof) => None,
                    Ok(LineRead::TooLong(len)) => {
                        self.line = line;
                        Some(Err(InputError::new(
                            Some(line),
                            InputErrorKind::TooLarge { len, max },
                        )))
                    }
                    Ok(LineRead::Line) => {
                        self.line = line;
                        let raw_len = self.buf.len();
                        match std::str::from_utf8(&self.buf) {
                            Ok(s) => Some(Ok(Record {
                                line,
                                texts: vec![s.to_string()],
                                raw_len,
                                shape: Shape::Text,
                            })),
                            Err(e) => Some(Err(InputError::new(
                                Some(line),
                                InputErrorKind::InvalidUtf8 {
                                    column: e.valid_up_to() + 1,
                                },
                            ))),
                        }
                    }
                }
            }
            Inner::Jsonl {
                reader,
                fields,
                paths,
            } => {
                let line = self.line + 1;
                match read_line_bounded(reader, &mut self.buf, max) {
                    Err(e) => Some(Err(io_error(Some(line), &e))),
                    Ok(LineRead::Eof) => None,
                    Ok(LineRead::TooLong(len)) => {
                        self.line = line;
                        Some(Err(InputError::new(
                            Some(line),
                            InputErrorKind::TooLarge { len, max },
                        )))
                    }
                    Ok(LineRead::Line) => {
                        self.line = line;
                        Some(json_record(
                            &self.buf,
                            line,
                            fields,
                            paths,
                            self.allow_missing,
                            &mut self.missing,
                        ))
                    }
                }
            }
            Inner::JsonDoc {
                reader,
                fields,
                paths,
                state,
                newlines,
            } => {
                let mut doc = DocReader {
                    r: reader,
                    newlines,
                    max,
                };
                let r = doc.next(state, fields, paths, self.allow_missing, &mut self.missing);
                if r.is_none() {
                    *state = DocState::Done;
                }
                r
            }
            Inner::Csv {
                reader,
                columns,
                record,
                header,
                expected,
                pending,
                delim,
            } => {
                if let Some(p) = pending.take() {
                    return Some(Ok(*p));
                }
                match reader.read_byte_record(record) {
                    Err(e) => {
                        let end = reader.position().byte();
                        reader.get_mut().release(end);
                        let line = e.position().map(|p| p.line());
                        Some(Err(csv_error(&e, line)))
                    }
                    Ok(false) => None,
                    Ok(true) => {
                        let raw = take_raw(reader, record, *delim);
                        let line = record.position().map_or(0, |p| p.line());
                        let want = *expected
                            .get_or_insert(header.as_ref().map_or(record.len(), |h| h.len()));
                        if record.len() != want {
                            return Some(Err(InputError::new(
                                Some(line),
                                InputErrorKind::Csv {
                                    message: format!(
                                        "the record has {} fields, expected {want}",
                                        record.len()
                                    ),
                                },
                            )));
                        }
                        let raw_len = record.as_slice().len() + record.len();
                        if raw_len > max {
                            return Some(Err(InputError::new(
                                Some(line),
                                InputErrorKind::TooLarge { len: raw_len, max },
                            )));
                        }
                        let mut texts = Vec::with_capacity(columns.len());
                        let mut present = Vec::with_capacity(columns.len());
                        if let Some(&c) = columns.iter().find(|&&c| c >= record.len()) {
                            // A selected column the row does not have: nothing
                            // of the row could be scrubbed, so stop (exit 2).
                            return Some(Err(InputError::new(
                                Some(line),
                                InputErrorKind::ColumnPastEnd {
                                    column: c + 1,
                                    fields: record.len(),
                                },
                            )));
                        }
                        for &c in columns.iter() {
                            if let Some(field) = record.get(c) {
                                match std::str::from_utf8(field) {
                                    Ok(s) => {
                                        texts.push(s.to_string());
                                        present.push(c);
                                    }
                                    Err(e) => {
                                        return Some(Err(InputError::new(
                                            Some(line),
                                            InputErrorKind::InvalidUtf8 {
                                                column: e.valid_up_to() + 1,
                                            },
                                        )))
                                    }
                                }
                            }
                        }
                        Some(Ok(Record {
                            line,
                            texts,
                            raw_len,
                            shape: Shape::Csv {
                                fields: record.clone(),
                                columns: present,
                                raw,
                            },
                        }))
                    }
                }
            }
        }
    }
}

/// A CSV record's own bytes (and the blank lines before it), with the
/// byte range of each field, quotes included.
#[derive(Clone)]
struct RawCsv {
    bytes: Vec<u8>,
    ranges: Vec<Range<usize>>,
    quoted: Vec<bool>,
}

/// Keeps the bytes the CSV reader has read and not yet released, so a
/// record can be written back byte for byte. Holds at most one record and
/// the csv reader's read-ahead.
struct Tee<R> {
    inner: R,
    kept: Vec<u8>,
    /// The stream offset of `kept[0]`.
    base: u64,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.kept.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

impl<R> Tee<R> {
    /// Drops the bytes before stream offset `end`.
    fn release(&mut self, end: u64) {
        let n = usize::try_from(end.saturating_sub(self.base))
            .unwrap_or(usize::MAX)
            .min(self.kept.len());
        self.kept.drain(..n);
        self.base += n as u64;
    }
}

/// The raw bytes of the record just read (from the end of the one before),
/// checked field by field against what the csv crate read; `None` when they
/// cannot be matched (the record is then written by the csv crate). The
/// bytes are released either way.
fn take_raw<R: Read>(
    reader: &mut csv::Reader<Tee<R>>,
    record: &csv::ByteRecord,
    delim: u8,
) -> Option<RawCsv> {
    let end = reader.position().byte();
    let start = record.position().map(|p| p.byte());
    let tee = reader.get_mut();
    let raw = (|| {
        let start = start?;
        let s = usize::try_from(start.checked_sub(tee.base)?).ok()?;
        let e = usize::try_from(end.checked_sub(tee.base)?).ok()?;
        let bytes = tee.kept.get(..e)?;
        let mut rec_start = s.min(e);
        // The rest of the previous record's line break (the csv crate ends
        // a record at `\r` and skips the `\n`) belongs before this one.
        while matches!(bytes.get(rec_start), Some(b'\r' | b'\n')) {
            rec_start += 1;
        }
        let mut split = split_raw(&bytes[rec_start..], delim, record);
        // A byte order mark the csv crate took off the first field.
        if split.is_none() && tee.base == 0 && bytes[rec_start..].starts_with(BOM.as_bytes()) {
            rec_start += BOM.len();
            split = split_raw(&bytes[rec_start..], delim, record);
        }
        let (ranges, quoted) = split?;
        Some(RawCsv {
            bytes: bytes.to_vec(),
            ranges: ranges
                .into_iter()
                .map(|r| r.start + rec_start..r.end + rec_start)
                .collect(),
            quoted,
        })
    })();
    tee.release(end);
    raw
}

/// Splits one raw CSV record into field ranges (quotes included) and
/// checks each against the field the csv crate read.
fn split_raw(
    raw: &[u8],
    delim: u8,
    record: &csv::ByteRecord,
) -> Option<(Vec<Range<usize>>, Vec<bool>)> {
    let mut ranges = Vec::with_capacity(record.len());
    let mut quoted = Vec::with_capacity(record.len());
    let mut i = 0;
    loop {
        let s = i;
        if raw.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match raw.get(i) {
                    None => return None,
                    Some(b'"') if raw.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            quoted.push(true);
        } else {
            while let Some(&c) = raw.get(i) {
                if c == delim || c == b'\r' || c == b'\n' {
                    break;
                }
                i += 1;
            }
            quoted.push(false);
        }
        ranges.push(s..i);
        match raw.get(i) {
            Some(&c) if c == delim => i += 1,
            None | Some(b'\r' | b'\n') => break,
            Some(_) => return None,
        }
    }
    if !raw[i..].iter().all(|&c| c == b'\r' || c == b'\n') || ranges.len() != record.len() {
        return None;
    }
    for (k, r) in ranges.iter().enumerate() {
        let field = raw.get(r.clone())?;
        let want = record.get(k)?;
        let same = if quoted[k] {
            let inner = field.get(1..field.len().saturating_sub(1))?;
            let mut v = Vec::with_capacity(inner.len());
            let mut j = 0;
            while j < inner.len() {
                v.push(inner[j]);
                j += if inner[j] == b'"' { 2 } else { 1 };
            }
            v == want
        } else {
            field == want
        };
        if !same {
            return None;
        }
    }
    Some((ranges, quoted))
}

/// A header row of names has no cell with a run of 3+ digits, no cell that
/// is a number, and no cell longer than 64 bytes; anything else is data.
fn looks_like_data(row: &csv::ByteRecord) -> bool {
    row.iter().any(|cell| {
        let t = cell.trim_ascii();
        let mut run = 0usize;
        let mut longest = 0usize;
        for &b in t {
            run = if b.is_ascii_digit() { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        longest >= 3
            || (!t.is_empty() && t.iter().all(|b| b.is_ascii_digit() || b"+-.".contains(b)))
            || t.len() > 64
    })
}

fn csv_error(e: &csv::Error, line: Option<u64>) -> InputError {
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the record has {len} fields, the header {expected_len}"),
        csv::ErrorKind::Io(io) => {
            return InputError::new(
                line,
                InputErrorKind::Io {
                    message: io.kind().to_string(),
                },
            )
        }
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_string(),
        _ => "unreadable CSV record".to_string(),
    };
    InputError::new(line, InputErrorKind::Csv { message })
}

const BOM: &str = "\u{feff}";

fn json_record(
    bytes: &[u8],
    line: u64,
    fields: &[FieldPath],
    paths: &str,
    allow_missing: bool,
    missing: &mut u64,
) -> Result<Record, InputError> {
    let raw_len = bytes.len();
    let raw = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            return Err(InputError::new(
                Some(line),
                InputErrorKind::InvalidUtf8 {
                    column: e.valid_up_to() + 1,
                },
            ))
        }
    };
    let skip = if line == 1 && raw.starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    let body = &raw[skip..];
    if body.trim().is_empty() {
        return Ok(Record {
            line,
            texts: Vec::new(),
            raw_len,
            shape: Shape::Verbatim(bytes.to_vec()),
        });
    }
    let found = jsonpath::find_strings(body, fields)
        .map_err(|e| InputError::new(Some(line), InputErrorKind::Json(e)))?;
    if !found.matched.iter().any(|&m| m) {
        if body.trim_start().starts_with('[') {
            // A JSON array (a `.json` export): its records are not lines.
            // Refused even with --allow-missing, which would pass it whole.
            return Err(InputError::new(Some(line), InputErrorKind::JsonArray));
        }
        if allow_missing {
            *missing += 1;
            return Ok(Record {
                line,
                texts: Vec::new(),
                raw_len,
                shape: Shape::Verbatim(bytes.to_vec()),
            });
        }
        return Err(InputError::new(
            Some(line),
            InputErrorKind::MissingField {
                paths: paths.to_string(),
            },
        ));
    }
    if found.non_strings > 0 {
        return Err(InputError::new(
            Some(line),
            InputErrorKind::NotAString {
                paths: paths.to_string(),
            },
        ));
    }
    if found.missing > 0 {
        if !allow_missing {
            return Err(InputError::new(
                Some(line),
                InputErrorKind::WildcardMissing {
                    paths: paths.to_string(),
                    count: found.missing,
                },
            ));
        }
        *missing += found.missing as u64;
    }
    let mut texts = Vec::with_capacity(found.strings.len());
    let mut spans = Vec::with_capacity(found.strings.len());
    for r in found.strings {
        let text = jsonpath::decode_string(&body[r.clone()])
            .map_err(|e| InputError::new(Some(line), InputErrorKind::Json(e)))?;
        texts.push(text);
        spans.push(r.start + skip..r.end + skip);
    }
    Ok(Record {
        line,
        texts,
        raw_len,
        shape: Shape::Json {
            raw: raw.to_string(),
            spans,
        },
    })
}

/// Where a JSON document reader is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DocState {
    /// Nothing read yet.
    Start,
    /// Inside the top-level array, after this many elements.
    Array { elements: u64 },
    /// After the end.
    Done,
}

/// Reads a JSON document byte by byte: the top-level array is split into
/// its elements without holding more than one element in memory.
struct DocReader<'a, R: BufRead> {
    r: &'a mut R,
    newlines: &'a mut u64,
    max: usize,
}

fn doc_error(line: u64, reason: &'static str) -> InputError {
    InputError::new(Some(line), InputErrorKind::NotAJsonDocument { reason })
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

impl<R: BufRead> DocReader<'_, R> {
    fn peek(&mut self) -> Result<Option<u8>, InputError> {
        loop {
            match self.r.fill_buf() {
                Ok(b) => return Ok(b.first().copied()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(io_error(Some(self.line()), &e)),
            }
        }
    }

    /// Takes the next byte, appending it to `out` (unless `out` is full).
    fn bump(&mut self, out: &mut Vec<u8>, keep: bool) -> Result<Option<u8>, InputError> {
        let c = self.peek()?;
        if let Some(c) = c {
            self.r.consume(1);
            if c == b'\n' {
                *self.newlines += 1;
            }
            if keep {
                out.push(c);
            }
        }
        Ok(c)
    }

    fn ws(&mut self, out: &mut Vec<u8>) -> Result<(), InputError> {
        while let Some(c) = self.peek()? {
            if !is_ws(c) {
                break;
            }
            self.bump(out, true)?;
        }
        Ok(())
    }

    fn line(&self) -> u64 {
        *self.newlines + 1
    }

    /// Reads one JSON value's bytes into `out` (checked by serde later).
    /// Returns the value's length; bytes past `max` are read but not kept.
    fn value(&mut self, out: &mut Vec<u8>) -> Result<usize, InputError> {
        let start = self.line();
        let mut len = 0usize;
        let max = self.max;
        let mut take = |me: &mut Self, out: &mut Vec<u8>| -> Result<Option<u8>, InputError> {
            len += 1;
            me.bump(out, len <= max)
        };
        let unterminated = || doc_error(start, "the document ends inside a value");
        match self.peek()? {
            None => return Err(unterminated()),
            Some(b'"') => {
                take(self, out)?;
                loop {
                    match take(self, out)? {
                        None => return Err(unterminated()),
                        Some(b'\\') => {
                            take(self, out)?;
                        }
                        Some(b'"') => break,
                        Some(_) => {}
                    }
                }
            }
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                let mut in_string = false;
                loop {
                    let Some(c) = take(self, out)? else {
                        return Err(unterminated());
                    };
                    if in_string {
                        match c {
                            b'\\' => {
                                take(self, out)?;
                            }
                            b'"' => in_string = false,
                            _ => {}
                        }
                        continue;
                    }
                    match c {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            Some(_) => {
                while let Some(c) = self.peek()? {
                    if is_ws(c) || matches!(c, b',' | b']' | b'}') {
                        break;
                    }
                    take(self, out)?;
                }
            }
        }
        Ok(len)
    }

    fn next(
        &mut self,
        state: &mut DocState,
        fields: &[FieldPath],
        paths: &str,
        allow_missing: bool,
        missing: &mut u64,
    ) -> Option<Result<Record, InputError>> {
        match *state {
            DocState::Done => None,
            DocState::Start => Some(self.start(state, fields, paths, allow_missing, missing)),
            DocState::Array { elements } => {
                Some(self.element(state, elements, fields, paths, allow_missing, missing))
            }
        }
    }

    fn structural(line: u64, bytes: Vec<u8>) -> Record {
        Record {
            line,
            texts: Vec::new(),
            raw_len: bytes.len(),
            shape: Shape::Structural(bytes),
        }
    }

    fn start(
        &mut self,
        state: &mut DocState,
        fields: &[FieldPath],
        paths: &str,
        allow_missing: bool,
        missing: &mut u64,
    ) -> Result<Record, InputError> {
        *state = DocState::Done;
        let mut pre = Vec::new();
        let bom = BOM.as_bytes();
        if self
            .r
            .fill_buf()
            .map_err(|e| io_error(Some(1), &e))?
            .starts_with(bom)
        {
            self.r.consume(bom.len());
            pre.extend_from_slice(bom);
        }
        self.ws(&mut pre)?;
        match self.peek()? {
            None => Ok(Self::structural(1, pre)),
            Some(b'[') => {
                self.bump(&mut pre, true)?;
                *state = DocState::Array { elements: 0 };
                Ok(Self::structural(1, pre))
            }
            Some(b'{') => {
                let line = self.line();
                let mut elem = Vec::new();
                let len = self.value(&mut elem)?;
                if len > self.max {
                    return Err(InputError::new(
                        Some(line),
                        InputErrorKind::TooLarge { len, max: self.max },
                    ));
                }
                let mut post = Vec::new();
                self.ws(&mut post)?;
                if self.peek()?.is_some() {
                    return Err(doc_error(
                        self.line(),
                        "something follows the end of the document",
                    ));
                }
                let rec = json_record(&elem, line, fields, paths, allow_missing, missing)?;
                Ok(wrap(rec, &pre, &post))
            }
            Some(_) => Err(doc_error(
                self.line(),
                "the document is neither an array nor an object",
            )),
        }
    }

    #[allow(clippy::too_many_arguments, reason = "internal helper")]
    fn element(
        &mut self,
        state: &mut DocState,
        elements: u64,
        fields: &[FieldPath],
        paths: &str,
        allow_missing: bool,
        missing: &mut u64,
    ) -> Result<Record, InputError> {
        *state = DocState::Done;
        let mut sep = Vec::new();
        self.ws(&mut sep)?;
        match self.peek()? {
            None => return Err(doc_error(self.line(), "the array is not closed")),
            Some(b']') => {
                let line = self.line();
                self.bump(&mut sep, true)?;
                self.ws(&mut sep)?;
                if self.peek()?.is_some() {
                    return Err(doc_error(
                        self.line(),
                        "something follows the end of the document",
                    ));
                }
                return Ok(Self::structural(line, sep));
            }
            Some(b',') if elements > 0 => {
                self.bump(&mut sep, true)?;
                self.ws(&mut sep)?;
                if matches!(self.peek()?, Some(b']') | None) {
                    return Err(doc_error(
                        self.line(),
                        "a comma before the end of the array",
                    ));
                }
            }
            Some(_) if elements > 0 => {
                return Err(doc_error(self.line(), "elements not separated by a comma"))
            }
            Some(b',') => return Err(doc_error(self.line(), "a comma before the first element")),
            Some(_) => {}
        }
        *state = DocState::Array {
            elements: elements + 1,
        };
        let line = self.line();
        let mut elem = Vec::new();
        let len = self.value(&mut elem)?;
        if len > self.max {
            return Err(InputError::new(
                Some(line),
                InputErrorKind::TooLarge { len, max: self.max },
            ));
        }
        let rec = json_record(&elem, line, fields, paths, allow_missing, missing)?;
        let raw_len = rec.raw_len + sep.len();
        let (raw, spans) = match rec.shape {
            Shape::Json { raw, spans } => (raw, spans),
            Shape::Verbatim(b) => (String::from_utf8_lossy(&b).into_owned(), Vec::new()),
            _ => (String::new(), Vec::new()),
        };
        Ok(Record {
            line: rec.line,
            texts: rec.texts,
            raw_len,
            shape: Shape::JsonElem { sep, raw, spans },
        })
    }
}

/// A single-object document's record with the bytes before and after it.
fn wrap(rec: Record, pre: &[u8], post: &[u8]) -> Record {
    let pre_s = String::from_utf8_lossy(pre);
    let post_s = String::from_utf8_lossy(post);
    let shape = match rec.shape {
        Shape::Json { raw, spans } => Shape::Json {
            raw: format!("{pre_s}{raw}{post_s}"),
            spans: spans
                .into_iter()
                .map(|r| r.start + pre.len()..r.end + pre.len())
                .collect(),
        },
        Shape::Verbatim(b) => Shape::Verbatim([pre, &b, post].concat()),
        other => other,
    };
    Record {
        line: rec.line,
        texts: rec.texts,
        raw_len: rec.raw_len + pre.len() + post.len(),
        shape,
    }
}

/// Writes records back, in the reader's format, with their texts replaced.
pub struct RecordWriter<W: Write> {
    inner: WInner<W>,
    /// JSON document elements written (the first is written without the
    /// comma before it, when elements before it were left out).
    elements: u64,
}

impl<W: Write> fmt::Debug for RecordWriter<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecordWriter")
    }
}

enum WInner<W: Write> {
    Plain(CountingWriter<W>),
    /// CSV/TSV: records read with their raw bytes are spliced; others are
    /// encoded by the csv crate.
    Csv {
        w: CountingWriter<W>,
        delim: u8,
    },
}

/// Counts the bytes written through it.
#[derive(Debug)]
struct CountingWriter<W> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> RecordWriter<W> {
    /// A writer for `format`; CSV/TSV writes `header` first when given.
    ///
    /// # Errors
    /// When writing the header fails.
    pub fn new(
        w: W,
        format: Format,
        header: Option<&csv::ByteRecord>,
    ) -> io::Result<RecordWriter<W>> {
        let mut w = CountingWriter { inner: w, count: 0 };
        let inner = match format {
            Format::Csv | Format::Tsv => {
                let delim = format.delimiter();
                if let Some(h) = header {
                    w.write_all(&encode_csv_record(h, delim)?)?;
                }
                WInner::Csv { w, delim }
            }
            _ => WInner::Plain(w),
        };
        Ok(RecordWriter { inner, elements: 0 })
    }

    /// Writes `record` with its texts replaced by `texts` (same order and
    /// number as [`Record::texts`] when read: [`Record::text_count`]).
    ///
    /// # Errors
    /// When writing fails, or `texts` does not fit the record.
    pub fn write(&mut self, record: &Record, texts: &[String]) -> io::Result<()> {
        if texts.len() != record.text_count() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the number of texts does not match the record",
            ));
        }
        match (&mut self.inner, &record.shape) {
            (WInner::Plain(w), Shape::Text) => {
                for t in texts {
                    w.write_all(t.as_bytes())?;
                }
                Ok(())
            }
            (WInner::Plain(w), Shape::Verbatim(bytes) | Shape::Structural(bytes)) => {
                w.write_all(bytes)
            }
            (WInner::Plain(w), Shape::JsonElem { sep, raw, spans }) => {
                if self.elements == 0 {
                    let sep: Vec<u8> = sep.iter().copied().filter(|&b| b != b',').collect();
                    w.write_all(&sep)?;
                } else {
                    w.write_all(sep)?;
                }
                self.elements += 1;
                w.write_all(splice(raw, spans, texts).as_bytes())
            }
            (WInner::Plain(w), Shape::Json { raw, spans }) => {
                w.write_all(splice(raw, spans, texts).as_bytes())
            }
            (WInner::Csv { w, .. }, Shape::Structural(bytes)) => w.write_all(bytes),
            (
                WInner::Csv { w, delim },
                Shape::Csv {
                    fields,
                    columns,
                    raw,
                },
            ) => {
                let out = match raw {
                    // The record's own bytes, the selected fields replaced.
                    Some(raw) => {
                        let mut out = Vec::with_capacity(raw.bytes.len() + 16);
                        let mut last = 0;
                        for (&c, t) in columns.iter().zip(texts) {
                            let r = &raw.ranges[c];
                            out.extend_from_slice(&raw.bytes[last..r.start]);
                            encode_csv_field(
                                t.as_bytes(),
                                raw.quoted[c],
                                *delim,
                                fields.len() == 1,
                                &mut out,
                            );
                            last = r.end;
                        }
                        out.extend_from_slice(&raw.bytes[last..]);
                        out
                    }
                    None => {
                        let mut rec =
                            csv::ByteRecord::with_capacity(fields.as_slice().len(), fields.len());
                        let mut next = columns.iter().zip(texts).peekable();
                        for (i, f) in fields.iter().enumerate() {
                            match next.peek() {
                                Some((&c, t)) if c == i => {
                                    rec.push_field(t.as_bytes());
                                    next.next();
                                }
                                _ => rec.push_field(f),
                            }
                        }
                        encode_csv_record(&rec, *delim)?
                    }
                };
                w.write_all(&out)
            }
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the record does not match the writer's format",
            )),
        }
    }

    /// Bytes written so far (buffered CSV output counts once flushed).
    pub fn bytes_written(&self) -> u64 {
        match &self.inner {
            WInner::Plain(w) | WInner::Csv { w, .. } => w.count,
        }
    }

    /// Flushes and returns the underlying writer and the bytes written.
    ///
    /// # Errors
    /// When flushing fails.
    pub fn finish(self) -> io::Result<(W, u64)> {
        let mut w = match self.inner {
            WInner::Plain(w) | WInner::Csv { w, .. } => w,
        };
        w.flush()?;
        Ok((w.inner, w.count))
    }
}

/// `raw` with the string tokens at `spans` replaced by `texts`, encoded.
fn splice(raw: &str, spans: &[Range<usize>], texts: &[String]) -> String {
    let mut out = String::with_capacity(raw.len() + raw.len() / 4);
    let mut last = 0;
    for (span, t) in spans.iter().zip(texts) {
        out.push_str(raw.get(last..span.start).unwrap_or_default());
        jsonpath::encode_string(t, &mut out);
        last = span.end;
    }
    out.push_str(raw.get(last..).unwrap_or_default());
    out
}

/// One record in CSV (the csv crate's quoting, `\n` after it).
fn encode_csv_record(rec: &csv::ByteRecord, delim: u8) -> io::Result<Vec<u8>> {
    let mut cw = csv::WriterBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .from_writer(Vec::new());
    cw.write_byte_record(rec).map_err(csv_to_io)?;
    cw.into_inner()
        .map_err(|e| io::Error::new(e.error().kind(), "CSV write error"))
}

/// A replacement field: quoted when the field was, or when it must be
/// (delimiter, quote, line break; an empty only field, which would read
/// back as a blank line).
fn encode_csv_field(t: &[u8], quoted: bool, delim: u8, only: bool, out: &mut Vec<u8>) {
    let need = quoted
        || (only && t.is_empty())
        || t.iter()
            .any(|&c| c == delim || c == b'"' || c == b'\r' || c == b'\n');
    if need {
        out.push(b'"');
        for &c in t {
            if c == b'"' {
                out.push(b'"');
            }
            out.push(c);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(t);
    }
}

fn csv_to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        _ => io::Error::other("CSV write error"),
    }
}

/// Reads every record of `input` and writes it back through `f` (which
/// replaces each text); errors are collected with their lines instead of
/// stopping. Used by tests and the fuzz target.
///
/// # Example
/// ```
/// use phimask_cli::records::{roundtrip, Format, ReaderOptions};
/// let opts = ReaderOptions { format: Format::Jsonl, ..Default::default() };
/// let (out, errors) = roundtrip(b"{\"text\":\"ab\",\"n\":1.0}\n", &opts, |t| t.to_uppercase())?;
/// assert_eq!(out, b"{\"text\":\"AB\",\"n\":1.0}\n");
/// assert!(errors.is_empty());
/// # Ok::<(), phimask_cli::records::InputError>(())
/// ```
///
/// # Errors
/// When the input cannot be opened (a CSV header error).
pub fn roundtrip(
    input: &[u8],
    opts: &ReaderOptions,
    f: impl Fn(&str) -> String,
) -> Result<(Vec<u8>, Vec<InputError>), InputError> {
    let mut reader = RecordReader::new(input, opts)?;
    let header = reader.header().cloned();
    let mut writer = RecordWriter::new(Vec::new(), opts.format, header.as_ref())
        .map_err(|e| io_error(None, &e))?;
    let mut errors = Vec::new();
    while let Some(r) = reader.next_record() {
        match r {
            Ok(rec) => {
                let texts: Vec<String> = rec.texts.iter().map(|t| f(t)).collect();
                writer
                    .write(&rec, &texts)
                    .map_err(|e| io_error(Some(rec.line), &e))?;
            }
            Err(e) => errors.push(e),
        }
    }
    let (out, _) = writer.finish().map_err(|e| io_error(None, &e))?;
    Ok((out, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(format: Format) -> ReaderOptions {
        ReaderOptions {
            format,
            ..Default::default()
        }
    }

    #[test]
    fn jsonl_keeps_everything_but_the_field() {
        let input = "{\"id\":1,\"text\":\"Jo\\u00e9 \\\"x\\\"\",\"z\":[1e3, 2.50]}\r\n\n  \n{\"text\": \"b\"}";
        let (out, errs) =
            roundtrip(input.as_bytes(), &opts(Format::Jsonl), |t| t.to_uppercase()).expect("opens");
        assert!(errs.is_empty());
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "{\"id\":1,\"text\":\"JOÉ \\\"X\\\"\",\"z\":[1e3, 2.50]}\r\n\n  \n{\"text\": \"B\"}"
        );
    }

    #[test]
    fn jsonl_errors_name_lines() {
        let input = b"{\"text\":\"a\"}\n{\"text\": \"SECRET\n{\"text\":\"\xff\"}\n{\"other\":1}\n{\"text\":\"ok\"}\n";
        let (out, errs) = roundtrip(input, &opts(Format::Jsonl), |t| t.to_string()).expect("opens");
        assert_eq!(out, b"{\"text\":\"a\"}\n{\"text\":\"ok\"}\n");
        let lines: Vec<Option<u64>> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4)]);
        assert!(matches!(errs[0].kind, InputErrorKind::Json(_)));
        assert_eq!(errs[1].kind, InputErrorKind::InvalidUtf8 { column: 10 });
        assert!(matches!(errs[2].kind, InputErrorKind::MissingField { .. }));
        for e in &errs {
            assert!(!e.to_string().contains("SECRET"), "{e}");
        }
    }

    #[test]
    fn jsonl_bom_and_missing_allowed() {
        let input = "\u{feff}{\"text\":\"a\"}\n{\"x\":1}\n";
        let mut o = opts(Format::Jsonl);
        o.allow_missing = true;
        let (out, errs) = roundtrip(input.as_bytes(), &o, |_| "Z".into()).expect("opens");
        assert!(errs.is_empty());
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "\u{feff}{\"text\":\"Z\"}\n{\"x\":1}\n"
        );
    }

    #[test]
    fn json_documents_keep_every_byte_but_the_fields() {
        let o = opts(Format::Json);
        let input = "\u{feff} [\n  {\"id\": 1e3, \"text\": \"a\\u00e9\"} ,\r\n\t{\"text\":\"b\",\"x\":[1, \"]\"]}\n] \n";
        let (out, errs) = roundtrip(input.as_bytes(), &o, |t| t.to_uppercase()).expect("opens");
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "\u{feff} [\n  {\"id\": 1e3, \"text\": \"AÉ\"} ,\r\n\t{\"text\":\"B\",\"x\":[1, \"]\"]}\n] \n"
        );
        let (out, errs) =
            roundtrip(b"{\"text\": \"x\"}\n", &o, |t| t.to_uppercase()).expect("opens");
        assert!(errs.is_empty());
        assert_eq!(out, b"{\"text\": \"X\"}\n");
        // Element lines are reported; a bad element leaves the others.
        let (out, errs) = roundtrip(b"[\n{\"text\": 1},\n{\"text\": \"b\"}\n]", &o, |t| {
            t.to_uppercase()
        })
        .expect("opens");
        assert_eq!(errs[0].line, Some(2));
        assert_eq!(out, b"[\n{\"text\": \"B\"}\n]");
        for bad in [
            &b"[1,]"[..],
            b"[{} {}]",
            b"[",
            b"true",
            b"{} {}",
            b"[{\"text\":\"a\"}] x",
        ] {
            let (_, errs) = roundtrip(bad, &o, |t| t.to_string()).expect("opens");
            assert!(
                errs.iter()
                    .any(|e| matches!(e.kind, InputErrorKind::NotAJsonDocument { .. })),
                "{}: {errs:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn over_long_lines_are_refused_and_skipped() {
        let input = format!("{{\"text\":\"{}\"}}\n{{\"text\":\"b\"}}\n", "a".repeat(100));
        let mut o = opts(Format::Jsonl);
        o.max_record_bytes = 50;
        let (out, errs) = roundtrip(input.as_bytes(), &o, |t| t.to_uppercase()).expect("opens");
        assert_eq!(out, b"{\"text\":\"B\"}\n");
        assert_eq!(errs[0].line, Some(1));
        assert!(matches!(
            errs[0].kind,
            InputErrorKind::TooLarge { len: 112, max: 50 }
        ));
    }

    #[test]
    fn csv_columns_by_name_and_number() {
        let input = "id,note,x\n1,\"hello, world\",q\n2,\"two\nlines\",r\n";
        let mut o = opts(Format::Csv);
        o.columns = vec!["note".into()];
        let (out, errs) = roundtrip(input.as_bytes(), &o, |t| t.to_uppercase()).expect("opens");
        assert!(errs.is_empty());
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "id,note,x\n1,\"HELLO, WORLD\",q\n2,\"TWO\nLINES\",r\n"
        );
        o.columns = vec!["3".into()];
        let (out, _) = roundtrip(input.as_bytes(), &o, |t| t.to_uppercase()).expect("opens");
        assert!(String::from_utf8(out)
            .expect("utf8")
            .ends_with("2,\"two\nlines\",R\n"));
        o.columns = vec!["nope".into()];
        let e = roundtrip(input.as_bytes(), &o, |t| t.to_string()).unwrap_err();
        let m = e.to_string();
        assert!(
            m.contains("`nope`") && m.contains("3 column(s)") && !m.contains("note"),
            "{m}"
        );
        // A header check that flags a cell makes the first row data.
        o.columns = vec!["note".into()];
        o.header_check = HeaderCheck::new(|c| c == "x");
        let e = roundtrip(input.as_bytes(), &o, |t| t.to_string()).unwrap_err();
        assert_eq!(e.kind, InputErrorKind::HeaderLooksLikeData);
        o.header_check = HeaderCheck::new(|c| c == "q");
        assert!(roundtrip(input.as_bytes(), &o, |t| t.to_string()).is_ok());
    }

    #[test]
    fn csv_records_keep_their_bytes_but_the_selected_fields() {
        let mut o = opts(Format::Csv);
        o.columns = vec!["note".into()];
        let input = "\u{feff}\"id\",note,\"x\"\r\n\"001\",\"a, b\",\"q\"\"r\"\r\n\r\n2,plain, s \r\n3,\"two\nlines\",t";
        let (out, errs) = roundtrip(input.as_bytes(), &o, |t| t.to_uppercase()).expect("opens");
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "\u{feff}\"id\",note,\"x\"\r\n\"001\",\"A, B\",\"q\"\"r\"\r\n\r\n2,PLAIN, s \r\n3,\"TWO\nLINES\",t"
        );
        // A replacement that needs quotes gets them; an empty only field
        // is quoted so it does not read back as a blank line.
        let (out, _) = roundtrip(
            b"note\nab\n",
            &ReaderOptions {
                columns: vec!["note".into()],
                ..opts(Format::Csv)
            },
            |_| "x,\"y".into(),
        )
        .expect("opens");
        assert_eq!(out, b"note\n\"x,\"\"y\"\n");
        let (out, _) = roundtrip(
            b"note\nab\n",
            &ReaderOptions {
                columns: vec!["note".into()],
                ..opts(Format::Csv)
            },
            |_| String::new(),
        )
        .expect("opens");
        assert_eq!(out, b"note\n\"\"\n");
        // Bytes the splitter cannot match (text after a closing quote) are
        // written by the csv crate instead, the value still scrubbed.
        let (out, errs) = roundtrip(
            b"id,note\n1,\"ab\"cd\n",
            &ReaderOptions {
                columns: vec!["note".into()],
                ..opts(Format::Csv)
            },
            |t| t.to_uppercase(),
        )
        .expect("opens");
        assert!(errs.is_empty());
        assert_eq!(out, b"id,note\n1,ABCD\n");
    }

    #[test]
    fn csv_line_numbers_count_embedded_newlines() {
        let input = b"id,text\n1,\"a\nb\"\n2,\xff\n3,c,extra\n4,d\n";
        let (out, errs) =
            roundtrip(input, &opts(Format::Csv), |t| t.to_uppercase()).expect("opens");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "id,text\n1,\"A\nB\"\n4,D\n"
        );
        let lines: Vec<Option<u64>> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(4), Some(5)]);
    }

    #[test]
    fn tsv_and_lines_and_text() {
        let (out, _) = roundtrip(b"text\tb\nx y\tz\n", &opts(Format::Tsv), |t| {
            t.to_uppercase()
        })
        .expect("opens");
        assert_eq!(out, b"text\tb\nX Y\tz\n");
        let (out, errs) =
            roundtrip(b"ab\n\xffc\nd", &opts(Format::Lines), |t| t.to_uppercase()).expect("opens");
        assert_eq!(out, b"AB\nD");
        assert_eq!(errs[0].line, Some(2));
        let (out, errs) =
            roundtrip(b"a\nb\nc\xff", &opts(Format::Text), |t| t.to_uppercase()).expect("opens");
        assert!(out.is_empty());
        assert_eq!(
            errs[0],
            InputError::new(Some(3), InputErrorKind::InvalidUtf8 { column: 2 })
        );
        let (out, _) =
            roundtrip("é\n".as_bytes(), &opts(Format::Text), |t| t.to_uppercase()).expect("opens");
        assert_eq!(out, "É\n".as_bytes());
    }
}
