//! The `phimask scrub` pipeline: sources (files, directory trees, stdin)
//! are read record by record into bounded chunks; each chunk is analysed
//! and masked in parallel on a scoped pool; results are written in input
//! order. Memory is bounded by the chunk size (or the largest record, when
//! one record is bigger), never by the input size.
//!
//! Output files are written to a temporary file beside the destination and
//! renamed into place when complete, so a failed run never leaves a
//! half-written output file.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use phimask::{Analyzer, Entity};

use crate::records::{Format, InputError, ReaderOptions, Record, RecordReader, RecordWriter};

/// What to do with a record that cannot be read or analysed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OnError {
    /// Stop the run with an error (default): nothing is lost silently.
    #[default]
    Stop,
    /// Leave the record out of the output, count it and go on.
    Skip,
}

/// One input: a file or standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The file, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// Where its output goes below an output directory.
    pub rel: PathBuf,
    /// Its format.
    pub format: Format,
    /// Its size in bytes, when known.
    pub size: Option<u64>,
}

impl Source {
    /// A name for messages: the path, or `<stdin>`.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "<stdin>".to_string(),
        }
    }
}

/// Where output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// Standard output (inputs concatenated in order).
    Stdout,
    /// One file (written atomically).
    File(PathBuf),
    /// A directory mirroring the input tree (each file written atomically).
    Dir(PathBuf),
}

/// How to choose the files of a directory.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Include only files whose path below the directory matches one of
    /// these globs (`*.txt`, `notes/**/*.jsonl`); all files when empty.
    pub globs: Vec<String>,
    /// Leave out files matching one of these globs.
    pub excludes: Vec<String>,
    /// Include hidden files and directories (names starting with `.`).
    pub hidden: bool,
    /// Force a format instead of guessing it from each file's extension.
    pub format: Option<Format>,
    /// Follow symbolic links inside directories (default: a link is not
    /// followed and is reported as a skipped entry).
    pub follow_links: bool,
}

fn build_globs(globs: &[String]) -> Result<Option<globset::GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = globset::GlobSetBuilder::new();
    for g in globs {
        let glob = globset::GlobBuilder::new(g)
            .literal_separator(false)
            .build()
            .map_err(|e| format!("invalid glob `{g}`: {}", e.kind()))?;
        b.add(glob);
    }
    b.build()
        .map(Some)
        .map_err(|e| format!("invalid glob: {}", e.kind()))
}

/// Expands inputs into sources: `-` is standard input, a directory is
/// walked recursively (sorted by name; filtered by `sel`), a file is taken
/// as it is.
///
/// Returns the sources and, separately, the directory entries left out
/// (a symbolic link not followed, a broken link, a loop, an unreadable
/// entry), each as a message naming the path.
///
/// # Errors
/// A message naming the input that does not exist, or a bad glob.
pub fn collect_sources(
    inputs: &[PathBuf],
    sel: &Selection,
) -> Result<(Vec<Source>, Vec<String>), String> {
    let follow_links = sel.follow_links;
    let mut skipped = Vec::new();
    let include = build_globs(&sel.globs)?;
    let exclude = build_globs(&sel.excludes)?;
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Source {
                path: None,
                rel: PathBuf::from("stdin"),
                format: sel.format.unwrap_or(Format::Text),
                size: None,
            });
            continue;
        }
        let meta =
            std::fs::metadata(input).map_err(|e| format!("{}: {}", input.display(), e.kind()))?;
        if meta.is_dir() {
            let walker = walkdir::WalkDir::new(input)
                .follow_links(follow_links)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0
                        || sel.hidden
                        || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        skipped.push(format!(
                            "{}: cannot walk the directory ({})",
                            e.path().unwrap_or(input).display(),
                            e.io_error()
                                .map_or("link loop".to_string(), |io| io.kind().to_string())
                        ));
                        continue;
                    }
                };
                if entry.file_type().is_symlink() {
                    skipped.push(format!(
                        "{}: symbolic link not followed (--follow-links follows links)",
                        entry.path().display()
                    ));
                    continue;
                }
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(input)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                if include.as_ref().is_some_and(|g| !g.is_match(&rel)) {
                    continue;
                }
                if exclude.as_ref().is_some_and(|g| g.is_match(&rel)) {
                    continue;
                }
                let size = entry.metadata().ok().map(|m| m.len());
                out.push(Source {
                    format: sel.format.unwrap_or_else(|| Format::from_path(&rel)),
                    path: Some(entry.path().to_path_buf()),
                    rel,
                    size,
                });
            }
        } else {
            let rel = input
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| input.clone());
            out.push(Source {
                path: Some(input.clone()),
                format: sel.format.unwrap_or_else(|| Format::from_path(input)),
                rel,
                size: Some(meta.len()),
            });
        }
    }
    Ok((out, skipped))
}

/// Settings of a scrub run.
#[derive(Clone, Debug)]
pub struct ScrubConfig {
    /// Worker threads (default: the number of cores).
    pub threads: usize,
    /// What to do with bad records.
    pub on_error: OnError,
    /// Records per chunk.
    pub chunk_records: usize,
    /// Bytes per chunk (a larger record makes a chunk of its own).
    pub chunk_bytes: usize,
    /// Progress display.
    pub progress: ProgressMode,
    /// Reader settings (the format is taken from each source).
    pub reader: ReaderOptions,
}

impl Default for ScrubConfig {
    fn default() -> ScrubConfig {
        ScrubConfig {
            threads: default_threads(),
            on_error: OnError::Stop,
            chunk_records: 1024,
            chunk_bytes: 8 << 20,
            progress: ProgressMode::Auto,
            reader: ReaderOptions::default(),
        }
    }
}

/// The number of cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// When to show progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ProgressMode {
    /// A bar when standard error is a terminal, nothing otherwise.
    #[default]
    Auto,
    /// Always: a bar on a terminal, a status line every few seconds
    /// otherwise (for CI logs).
    Always,
    /// Never.
    Never,
}

/// One error met during a run.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ErrorEntry {
    /// The input's name.
    pub file: String,
    /// The 1-based line, when known.
    pub line: Option<u64>,
    /// What went wrong (never input text).
    pub message: String,
}

impl fmt::Display for ErrorEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            _ if self.file.is_empty() => f.write_str(&self.message),
            Some(l) => write!(f, "{}: line {l}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The figures of a run, printed at the end and written by `--report`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    /// True when every input was processed (errors skipped included).
    pub completed: bool,
    /// Input files (or streams) fully written.
    pub files: u64,
    /// Input files left out because of an error.
    pub files_skipped: u64,
    /// Records written.
    pub records: u64,
    /// Records left out because of an error (`--on-error skip`).
    pub records_skipped: u64,
    /// Texts (fields, columns) scrubbed.
    pub texts: u64,
    /// Bytes read.
    pub bytes_in: u64,
    /// Bytes written.
    pub bytes_out: u64,
    /// Detections per entity.
    pub detections: BTreeMap<String, u64>,
    /// All detections.
    pub detections_total: u64,
    /// Characters replaced.
    pub masked_chars: u64,
    /// Wall-clock time in seconds.
    pub seconds: f64,
    /// Records per second.
    pub records_per_second: f64,
    /// Megabytes (10^6 bytes) read per second.
    pub megabytes_per_second: f64,
    /// Worker threads.
    pub threads: usize,
    /// Errors met (at most the first 1000).
    pub errors: Vec<ErrorEntry>,
    /// Errors met in all.
    pub errors_total: u64,
}

impl Summary {
    fn error(&mut self, e: ErrorEntry) {
        self.errors_total += 1;
        if self.errors.len() < 1000 {
            self.errors.push(e);
        }
    }

    fn finish(&mut self, start: Instant) {
        self.seconds = start.elapsed().as_secs_f64();
        let s = self.seconds.max(1e-9);
        self.records_per_second = self.records as f64 / s;
        self.megabytes_per_second = self.bytes_in as f64 / 1e6 / s;
        self.detections_total = self.detections.values().sum();
    }

    /// The summary as a few lines for people.
    pub fn human(&self) -> String {
        let mut s = String::new();
        let status = if self.completed { "done" } else { "stopped" };
        s.push_str(&format!(
            "phimask scrub {status}: {} file(s), {} record(s) ({} text(s)), {} in, {} out, {:.2}s ({:.0} records/s, {:.2} MB/s, {} thread(s))\n",
            self.files,
            self.records,
            self.texts,
            human_bytes(self.bytes_in),
            human_bytes(self.bytes_out),
            self.seconds,
            self.records_per_second,
            self.megabytes_per_second,
            self.threads,
        ));
        if self.records_skipped > 0 || self.files_skipped > 0 {
            s.push_str(&format!(
                "  skipped: {} record(s), {} file(s) because of errors (see above{})\n",
                self.records_skipped,
                self.files_skipped,
                if self.errors_total as usize > self.errors.len() {
                    "; first 1000 listed in the report"
                } else {
                    ""
                }
            ));
        }
        s.push_str(&format!(
            "  detections: {} ({} characters masked)\n",
            self.detections_total, self.masked_chars
        ));
        for (e, n) in &self.detections {
            s.push_str(&format!("    {e:<24} {n:>10}\n"));
        }
        s
    }
}

/// Bytes as B / KB / MB / GB (powers of 10^3).
pub fn human_bytes(n: u64) -> String {
    let f = n as f64;
    if f >= 1e9 {
        format!("{:.2} GB", f / 1e9)
    } else if f >= 1e6 {
        format!("{:.2} MB", f / 1e6)
    } else if f >= 1e3 {
        format!("{:.1} KB", f / 1e3)
    } else {
        format!("{n} B")
    }
}

/// Why a run stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScrubError {
    /// Where.
    pub entry: ErrorEntry,
}

impl fmt::Display for ScrubError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.entry.fmt(f)
    }
}

impl std::error::Error for ScrubError {}

/// A reader that counts the bytes read through it.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

type BoxReader = BufReader<Counting<Box<dyn Read + Send>>>;

enum Out {
    File {
        w: BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
    },
    Stdout(BufWriter<io::Stdout>),
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Out::File { w, .. } => w.write(buf),
            Out::Stdout(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::File { w, .. } => w.flush(),
            Out::Stdout(w) => w.flush(),
        }
    }
}

/// Opens the output for a source: a temporary file beside the target, or
/// standard output.
fn open_out(dest: &Destination, source: &Source) -> io::Result<Out> {
    let target = match dest {
        Destination::Stdout => return Ok(Out::Stdout(BufWriter::new(io::stdout()))),
        Destination::File(p) => p.clone(),
        Destination::Dir(d) => d.join(&source.rel),
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let tmp = tempfile::Builder::new()
        .prefix(".phimask-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    Ok(Out::File {
        w: BufWriter::with_capacity(1 << 16, tmp),
        target,
    })
}

/// Flushes, syncs and renames a finished output into place.
fn commit(out: Out) -> io::Result<()> {
    match out {
        Out::Stdout(mut w) => w.flush(),
        Out::File { w, target } => {
            let tmp = w
                .into_inner()
                .map_err(|e| io::Error::new(e.error().kind(), "flush failed"))?;
            tmp.as_file().sync_all()?;
            tmp.persist(&target).map_err(|e| e.error)?;
            Ok(())
        }
    }
}

enum Entry {
    Start {
        src: usize,
        header: Option<csv::ByteRecord>,
    },
    Rec {
        src: usize,
        rec: Record,
    },
    Skipped,
    End {
        src: usize,
    },
}

/// The result of scrubbing one text.
struct Done {
    text: String,
    entities: Vec<Entity>,
    masked_chars: usize,
}

fn scrub_texts(analyzer: &Analyzer, texts: &[&str], threads: usize) -> Vec<Result<Done, String>> {
    let one = |t: &str| -> Result<Done, String> {
        catch_unwind(AssertUnwindSafe(|| {
            let analysis = analyzer.analyze(t).map_err(|e| e.to_string())?;
            let masked = analyzer
                .masker()
                .mask(t, &analysis)
                .map_err(|e| e.to_string())?;
            Ok(Done {
                text: masked.text,
                entities: analysis
                    .detections
                    .iter()
                    .map(|d| d.entity.clone())
                    .collect(),
                masked_chars: analysis
                    .coverage
                    .iter()
                    .map(|s| t.get(s.range()).map_or(0, |x| x.chars().count()))
                    .sum(),
            })
        }))
        .unwrap_or_else(|_| Err("internal error: the analyzer panicked".to_string()))
    };
    let n = texts.len();
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return texts.iter().map(|t| one(t)).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Done, String>>>> =
        Mutex::new((0..n).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut local = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    local.push((i, one(texts[i])));
                }
                let mut r = results.lock().unwrap_or_else(|p| p.into_inner());
                for (i, d) in local {
                    r[i] = Some(d);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("internal error: a worker stopped".to_string())))
        .collect()
}

enum Progress {
    Bar(indicatif::ProgressBar),
    Lines { last: Instant },
    None,
}

impl Progress {
    fn new(mode: ProgressMode, total: Option<u64>) -> Progress {
        let tty = io::stderr().is_terminal();
        match (mode, tty) {
            (ProgressMode::Never, _) | (ProgressMode::Auto, false) => Progress::None,
            (ProgressMode::Always, false) => Progress::Lines {
                last: Instant::now(),
            },
            (_, true) => {
                let bar = match total {
                    Some(t) => {
                        let b = indicatif::ProgressBar::new(t);
                        let style = indicatif::ProgressStyle::with_template(
                            "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg}",
                        );
                        if let Ok(s) = style {
                            b.set_style(s);
                        }
                        b
                    }
                    None => {
                        let b = indicatif::ProgressBar::new_spinner();
                        let style = indicatif::ProgressStyle::with_template(
                            "{spinner} [{elapsed_precise}] {binary_bytes} {binary_bytes_per_sec} {msg}",
                        );
                        if let Ok(s) = style {
                            b.set_style(s);
                        }
                        b
                    }
                };
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                bar.enable_steady_tick(Duration::from_millis(200));
                Progress::Bar(bar)
            }
        }
    }

    fn update(&mut self, bytes: u64, records: u64, start: Instant) {
        let secs = start.elapsed().as_secs_f64().max(1e-9);
        let rate = records as f64 / secs;
        match self {
            Progress::Bar(b) => {
                b.set_position(bytes);
                b.set_message(format!("{records} records, {rate:.0} records/s"));
            }
            Progress::Lines { last } => {
                if last.elapsed() >= Duration::from_secs(5) {
                    *last = Instant::now();
                    // Progress goes to stderr by design.
                    #[allow(clippy::print_stderr, reason = "progress lines for logs")]
                    {
                        eprintln!(
                            "phimask: {records} records, {} read, {rate:.0} records/s, {:.2} MB/s",
                            human_bytes(bytes),
                            bytes as f64 / 1e6 / secs
                        );
                    }
                }
            }
            Progress::None => {}
        }
    }

    fn finish(&self) {
        if let Progress::Bar(b) = self {
            b.finish_and_clear();
        }
    }
}

struct FileState {
    out: Option<RecordWriter<Out>>,
    header: Option<csv::ByteRecord>,
    had_error: bool,
    written: u64,
    texts: u64,
}

/// Scrubs `sources` into `dest`. Returns the summary, and the error that
/// stopped the run, if one did. With [`OnError::Stop`], the output file
/// being written when an error occurs is removed (outputs already complete
/// stay); on standard output what was written stays written.
pub fn run(
    analyzer: &Analyzer,
    sources: &[Source],
    dest: &Destination,
    cfg: &ScrubConfig,
) -> (Summary, Option<ScrubError>) {
    let start = Instant::now();
    let mut summary = Summary {
        threads: cfg.threads.max(1),
        ..Summary::default()
    };
    let total = if sources.iter().all(|s| s.size.is_some()) {
        Some(sources.iter().filter_map(|s| s.size).sum())
    } else {
        None
    };
    let mut progress = Progress::new(cfg.progress, total);
    let counter = Arc::new(AtomicU64::new(0));
    let result = pipeline(
        analyzer,
        sources,
        dest,
        cfg,
        &mut summary,
        &mut progress,
        &counter,
        start,
    );
    progress.finish();
    summary.bytes_in = counter.load(Ordering::Relaxed);
    summary.completed = result.is_ok();
    summary.finish(start);
    (summary, result.err())
}

#[allow(clippy::too_many_arguments, reason = "internal helper of run")]
fn pipeline(
    analyzer: &Analyzer,
    sources: &[Source],
    dest: &Destination,
    cfg: &ScrubConfig,
    summary: &mut Summary,
    progress: &mut Progress,
    counter: &Arc<AtomicU64>,
    start: Instant,
) -> Result<(), ScrubError> {
    let stop = cfg.on_error == OnError::Stop;
    let fail = |src: &Source, line: Option<u64>, message: String| ErrorEntry {
        file: src.display_name(),
        line,
        message,
    };
    let mut next_src = 0usize;
    let mut reader: Option<(usize, RecordReader<BoxReader>)> = None;
    let mut state: Option<(usize, FileState)> = None;
    loop {
        // 1. Read a chunk.
        let mut entries: Vec<Entry> = Vec::new();
        let mut records = 0usize;
        let mut bytes = 0usize;
        while records < cfg.chunk_records.max(1) && bytes < cfg.chunk_bytes.max(1) {
            if reader.is_none() {
                if next_src >= sources.len() {
                    break;
                }
                let src = next_src;
                next_src += 1;
                let source = &sources[src];
                let raw: Box<dyn Read + Send> = match &source.path {
                    None => Box::new(io::stdin()),
                    Some(p) => match File::open(p) {
                        Ok(f) => Box::new(f),
                        Err(e) => {
                            let entry = fail(source, None, format!("cannot open: {}", e.kind()));
                            if stop {
                                return Err(ScrubError { entry });
                            }
                            summary.error(entry);
                            summary.files_skipped += 1;
                            continue;
                        }
                    },
                };
                let buffered: BoxReader = BufReader::with_capacity(
                    1 << 16,
                    Counting {
                        inner: raw,
                        count: counter.clone(),
                    },
                );
                let mut opts = cfg.reader.clone();
                opts.format = source.format;
                match RecordReader::new(buffered, &opts) {
                    Ok(r) => {
                        entries.push(Entry::Start {
                            src,
                            header: r.header().cloned(),
                        });
                        reader = Some((src, r));
                    }
                    Err(e) => {
                        let entry = input_entry(source, &e);
                        if stop {
                            return Err(ScrubError { entry });
                        }
                        summary.error(entry);
                        summary.files_skipped += 1;
                        continue;
                    }
                }
            }
            let Some((src, r)) = reader.as_mut() else {
                break;
            };
            let src = *src;
            match r.next_record() {
                None => {
                    entries.push(Entry::End { src });
                    reader = None;
                }
                Some(Ok(rec)) => {
                    records += 1;
                    bytes += rec.raw_len;
                    entries.push(Entry::Rec { src, rec });
                }
                Some(Err(e)) => {
                    let entry = input_entry(&sources[src], &e);
                    if stop {
                        return Err(ScrubError { entry });
                    }
                    summary.error(entry);
                    summary.records_skipped += 1;
                    entries.push(Entry::Skipped);
                }
            }
        }
        if entries.is_empty() {
            break;
        }

        // 2. Scrub its texts in parallel.
        let texts: Vec<&str> = entries
            .iter()
            .flat_map(|e| match e {
                Entry::Rec { rec, .. } => rec.texts.iter().map(String::as_str).collect::<Vec<_>>(),
                _ => Vec::new(),
            })
            .collect();
        let mut results = scrub_texts(analyzer, &texts, cfg.threads).into_iter();

        // 3. Write in order.
        for e in entries {
            match e {
                Entry::Start { src, header } => {
                    state = Some((
                        src,
                        FileState {
                            out: None,
                            header,
                            had_error: false,
                            written: 0,
                            texts: 0,
                        },
                    ));
                }
                Entry::Skipped => {
                    if let Some((_, st)) = state.as_mut() {
                        st.had_error = true;
                    }
                }
                Entry::Rec { src, rec } => {
                    let source = &sources[src];
                    let mut done = Vec::with_capacity(rec.texts.len());
                    let mut err = None;
                    for _ in 0..rec.texts.len() {
                        match results.next() {
                            Some(Ok(d)) => done.push(d),
                            Some(Err(m)) => err = Some(m),
                            None => err = Some("internal error: missing result".to_string()),
                        }
                    }
                    if let Some(m) = err {
                        let entry = fail(source, Some(rec.line), m);
                        if stop {
                            return Err(ScrubError { entry });
                        }
                        summary.error(entry);
                        summary.records_skipped += 1;
                        if let Some((_, st)) = state.as_mut() {
                            st.had_error = true;
                        }
                        continue;
                    }
                    let Some((_, st)) = state.as_mut() else {
                        continue;
                    };
                    if st.out.is_none() {
                        st.out =
                            Some(open_writer(dest, source, st.header.as_ref()).map_err(|e| {
                                ScrubError {
                                    entry: output_entry(dest, source, &e),
                                }
                            })?);
                    }
                    let texts: Vec<String> = done.iter().map(|d| d.text.clone()).collect();
                    if let Some(w) = st.out.as_mut() {
                        w.write(&rec, &texts).map_err(|e| ScrubError {
                            entry: output_entry(dest, source, &e),
                        })?;
                    }
                    st.written += 1;
                    st.texts += done.len() as u64;
                    summary.records += 1;
                    summary.texts += done.len() as u64;
                    for d in done {
                        summary.masked_chars += d.masked_chars as u64;
                        for ent in d.entities {
                            *summary
                                .detections
                                .entry(ent.as_str().to_string())
                                .or_insert(0) += 1;
                        }
                    }
                }
                Entry::End { src } => {
                    let source = &sources[src];
                    let Some((_, mut st)) = state.take() else {
                        continue;
                    };
                    if st.written > 0 && st.texts == 0 {
                        // Records went through but nothing was scrubbed:
                        // the selection matched nothing. Not a success.
                        let entry = fail(
                            source,
                            None,
                            format!(
                                "{} record(s) read but no text scrubbed: the selected fields or \
                                 columns are in no record, so nothing was masked (check --field/--column)",
                                st.written
                            ),
                        );
                        if stop {
                            return Err(ScrubError { entry });
                        }
                        summary.error(entry);
                        summary.files_skipped += 1;
                        continue;
                    }
                    // A whole-text file whose only record failed is left
                    // out rather than written empty.
                    if st.out.is_none() && !(st.had_error && source.format == Format::Text) {
                        st.out =
                            Some(open_writer(dest, source, st.header.as_ref()).map_err(|e| {
                                ScrubError {
                                    entry: output_entry(dest, source, &e),
                                }
                            })?);
                    }
                    match st.out {
                        Some(w) => {
                            let (out, n) = w.finish().map_err(|e| ScrubError {
                                entry: output_entry(dest, source, &e),
                            })?;
                            summary.bytes_out += n;
                            commit(out).map_err(|e| ScrubError {
                                entry: output_entry(dest, source, &e),
                            })?;
                            summary.files += 1;
                        }
                        None => summary.files_skipped += 1,
                    }
                }
            }
        }
        progress.update(counter.load(Ordering::Relaxed), summary.records, start);
    }
    Ok(())
}

fn open_writer(
    dest: &Destination,
    source: &Source,
    header: Option<&csv::ByteRecord>,
) -> io::Result<RecordWriter<Out>> {
    let out = open_out(dest, source)?;
    RecordWriter::new(out, source.format, header)
}

fn input_entry(source: &Source, e: &InputError) -> ErrorEntry {
    let mut e = e.clone();
    let line = e.line.take();
    ErrorEntry {
        file: source.display_name(),
        line,
        message: e.to_string(),
    }
}

fn output_entry(dest: &Destination, source: &Source, e: &io::Error) -> ErrorEntry {
    let file = match dest {
        Destination::Stdout => "<stdout>".to_string(),
        Destination::File(p) => p.display().to_string(),
        Destination::Dir(d) => d.join(&source.rel).display().to_string(),
    };
    ErrorEntry {
        file,
        line: None,
        message: format!("write error: {}", e.kind()),
    }
}

/// Checks that an output directory does not lie inside an input directory
/// (its files would be read back on the next run) and that no two inputs
/// map to the same output file.
///
/// # Errors
/// A message naming the clash.
pub fn check_layout(
    inputs: &[PathBuf],
    sources: &[Source],
    dest: &Destination,
) -> Result<(), String> {
    if let Destination::Dir(out) = dest {
        let out_abs = absolute(out);
        for i in inputs {
            if i.as_os_str() == "-" || !i.is_dir() {
                continue;
            }
            let in_abs = absolute(i);
            if out_abs.starts_with(&in_abs) {
                return Err(format!(
                    "the output directory {} lies inside the input directory {}",
                    out.display(),
                    i.display()
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for s in sources {
            if !seen.insert(s.rel.clone()) {
                return Err(format!(
                    "two inputs would be written to the same output file {}",
                    out.join(&s.rel).display()
                ));
            }
        }
    }
    if let Destination::File(f) = dest {
        let f_abs = absolute(f);
        for s in sources {
            if let Some(p) = &s.path {
                if absolute(p) == f_abs {
                    return Err(format!("the output file {} is also an input", f.display()));
                }
            }
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    // Not existing yet: canonicalize the nearest existing ancestor.
    let mut tail = Vec::new();
    let mut cur = p.to_path_buf();
    loop {
        if let Ok(c) = cur.canonicalize() {
            let mut r = c;
            for t in tail.iter().rev() {
                r.push(t);
            }
            return r;
        }
        match (cur.file_name().map(|n| n.to_os_string()), cur.parent()) {
            (Some(name), Some(parent)) => {
                tail.push(name);
                cur = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => {
                return std::env::current_dir()
                    .map(|d| d.join(p))
                    .unwrap_or_else(|_| p.to_path_buf())
            }
        }
    }
}

/// Reads a whole source into memory (for `analyze`, which works on small
/// inputs).
///
/// # Errors
/// When the file cannot be read.
pub fn read_all(path: Option<&Path>) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match path {
        None => {
            io::stdin().lock().read_to_end(&mut buf)?;
        }
        Some(p) => {
            BufReader::new(File::open(p)?).read_to_end(&mut buf)?;
        }
    }
    Ok(buf)
}
