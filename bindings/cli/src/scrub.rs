//! The `phimask scrub` pipeline: sources (files, directory trees, stdin)
//! are read record by record into bounded chunks; the chunks go through a
//! bounded channel to one scoped pool of worker threads that lives for the
//! whole run (so per-thread caches survive from chunk to chunk); results
//! are written in input order while the next chunk is read. Memory is
//! bounded by two chunks (or the largest record, when one record is
//! bigger), never by the input size.
//!
//! Output files are written to a temporary file beside the destination and
//! renamed into place when complete (see [`crate::output`]), so a failed or
//! interrupted run never leaves a half-written output file.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use phimask::{Analyzer, Entity};

use crate::output::TempOut;
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
    /// Mebibytes (2^20 bytes, MiB) read per second.
    pub mib_per_second: f64,
    /// Worker threads.
    pub threads: usize,
    /// Errors met (at most the first 1000).
    pub errors: Vec<ErrorEntry>,
    /// Errors met in all.
    pub errors_total: u64,
    /// Records, or elements reached by a `*` in a --field path, that lack
    /// the selected fields and were passed through unchanged
    /// (`--allow-missing`; without it they are errors).
    pub missing_fields: u64,
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
        self.mib_per_second = self.bytes_in as f64 / MIB / s;
        self.detections_total = self.detections.values().sum();
    }

    /// The summary as a few lines for people.
    pub fn human(&self) -> String {
        let mut s = String::new();
        let status = if self.completed { "done" } else { "stopped" };
        s.push_str(&format!(
            "phimask scrub {status}: {} file(s), {} record(s) ({} text(s)), {} in, {} out, {:.2}s ({:.0} records/s, {:.2} MiB/s, {} thread(s))\n",
            self.files,
            self.records,
            self.texts,
            human_bytes(self.bytes_in),
            human_bytes(self.bytes_out),
            self.seconds,
            self.records_per_second,
            self.mib_per_second,
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

const MIB: f64 = (1u64 << 20) as f64;

/// Bytes as B / KiB / MiB / GiB (powers of 2^10), the units of the
/// progress bar.
pub fn human_bytes(n: u64) -> String {
    let f = n as f64;
    if f >= MIB * 1024.0 {
        format!("{:.2} GiB", f / MIB / 1024.0)
    } else if f >= MIB {
        format!("{:.2} MiB", f / MIB)
    } else if f >= 1024.0 {
        format!("{:.1} KiB", f / 1024.0)
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
    File(BufWriter<TempOut>),
    Stdout(BufWriter<io::Stdout>),
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Out::File(w) => w.write(buf),
            Out::Stdout(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::File(w) => w.flush(),
            Out::Stdout(w) => w.flush(),
        }
    }
}

/// Opens the output for a source: a temporary file beside the target, or
/// standard output. Below an output directory, the subdirectories that
/// mirror the input tree are created; the output directory's own parent
/// and a single output file's directory must exist (checked before the run).
fn open_out(dest: &Destination, source: &Source) -> io::Result<Out> {
    let target = match dest {
        Destination::Stdout => return Ok(Out::Stdout(BufWriter::new(io::stdout()))),
        Destination::File(p) => p.clone(),
        Destination::Dir(d) => {
            let t = d.join(&source.rel);
            if let Some(parent) = t.parent() {
                std::fs::create_dir_all(parent)?;
            }
            t
        }
    };
    Ok(Out::File(BufWriter::with_capacity(
        1 << 16,
        TempOut::create(&target)?,
    )))
}

/// Flushes, syncs and renames a finished output into place.
fn commit(out: Out) -> io::Result<()> {
    match out {
        Out::Stdout(mut w) => w.flush(),
        Out::File(w) => w
            .into_inner()
            .map_err(|e| io::Error::new(e.error().kind(), "flush failed"))?
            .commit(),
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
    /// A record left out; `fatal` when the rest of its file cannot be read.
    Skipped {
        fatal: bool,
    },
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

fn scrub_one(analyzer: &Analyzer, t: &str) -> Result<Done, String> {
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
            // Regions a `keep` operator left as they were are not masked.
            masked_chars: masked
                .items
                .iter()
                .filter(|i| i.operator != "keep")
                .map(|i| t.get(i.input.range()).map_or(0, |x| x.chars().count()))
                .sum(),
        })
    }))
    .unwrap_or_else(|_| Err("internal error: the analyzer panicked".to_string()))
}

/// A part of a chunk's texts, scrubbed by one worker.
struct Job {
    chunk: u64,
    part: usize,
    texts: Vec<String>,
}

/// A part scrubbed.
struct JobDone {
    chunk: u64,
    part: usize,
    results: Vec<Result<Done, String>>,
}

/// The run's worker threads: started once, fed parts of chunks through a
/// bounded channel, joined when the run's scope ends. Results are handed
/// back per chunk in input order by [`Pool::collect`].
struct Pool {
    jobs: Option<mpsc::SyncSender<Job>>,
    done: mpsc::Receiver<JobDone>,
    cancel: Arc<AtomicBool>,
    threads: usize,
    early: BTreeMap<(u64, usize), Vec<Result<Done, String>>>,
}

impl Pool {
    fn start<'scope, 'env: 'scope>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        analyzer: &'env Analyzer,
        threads: usize,
    ) -> Pool {
        let threads = threads.max(1);
        let (job_tx, job_rx) = mpsc::sync_channel::<Job>(threads * 4);
        let (done_tx, done_rx) = mpsc::channel::<JobDone>();
        let job_rx = Arc::new(Mutex::new(job_rx));
        let cancel = Arc::new(AtomicBool::new(false));
        for _ in 0..threads {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            let cancel = Arc::clone(&cancel);
            scope.spawn(move || loop {
                let job = {
                    let rx = job_rx.lock().unwrap_or_else(|p| p.into_inner());
                    rx.recv()
                };
                let Ok(job) = job else { break };
                let results = job
                    .texts
                    .iter()
                    .map(|t| {
                        if cancel.load(Ordering::Relaxed) {
                            Err("cancelled".to_string())
                        } else {
                            scrub_one(analyzer, t)
                        }
                    })
                    .collect();
                let sent = done_tx.send(JobDone {
                    chunk: job.chunk,
                    part: job.part,
                    results,
                });
                if sent.is_err() {
                    break;
                }
            });
        }
        Pool {
            jobs: Some(job_tx),
            done: done_rx,
            cancel,
            threads,
            early: BTreeMap::new(),
        }
    }

    /// Hands a chunk's texts to the workers; returns the number of parts.
    fn submit(&mut self, chunk: u64, texts: Vec<String>) -> usize {
        let n = texts.len();
        if n == 0 {
            return 0;
        }
        // A few parts per thread balance uneven texts.
        let per = n.div_ceil(self.threads * 4).max(1);
        let mut parts = 0;
        let mut it = texts.into_iter().peekable();
        while it.peek().is_some() {
            let texts: Vec<String> = it.by_ref().take(per).collect();
            let job = Job {
                chunk,
                part: parts,
                texts,
            };
            parts += 1;
            match &self.jobs {
                Some(tx) if tx.send(job).is_ok() => {}
                // Every worker is gone: collect reports the missing parts.
                _ => {}
            }
        }
        parts
    }

    /// The results of a chunk's `parts`, in order.
    fn collect(&mut self, chunk: u64, parts: usize) -> Vec<Result<Done, String>> {
        let mut got: Vec<Option<Vec<Result<Done, String>>>> = (0..parts).map(|_| None).collect();
        let mut missing = parts;
        for (i, slot) in got.iter_mut().enumerate() {
            if let Some(r) = self.early.remove(&(chunk, i)) {
                *slot = Some(r);
                missing -= 1;
            }
        }
        while missing > 0 {
            let Ok(d) = self.done.recv() else { break };
            if d.chunk == chunk && d.part < parts && got[d.part].is_none() {
                got[d.part] = Some(d.results);
                missing -= 1;
            } else {
                self.early.insert((d.chunk, d.part), d.results);
            }
        }
        got.into_iter()
            .flat_map(|r| {
                r.unwrap_or_else(|| vec![Err("internal error: a worker stopped".to_string())])
            })
            .collect()
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Workers skip what is queued and end once the channel is closed.
        self.cancel.store(true, Ordering::Relaxed);
        self.jobs = None;
    }
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
                            "phimask: {records} records, {} read, {rate:.0} records/s, {:.2} MiB/s",
                            human_bytes(bytes),
                            bytes as f64 / MIB / secs
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
    /// The rest of the file could not be read: its output is not written.
    truncated: bool,
    written: u64,
    texts: u64,
    /// On standard output, the records written before the file's first
    /// scrubbed text, held back: a file that ends with no text scrubbed is
    /// an error, and then none of them is written (up to [`HOLD_MAX`]
    /// bytes; past that they are written and the error still comes).
    held: Vec<(Record, Vec<String>)>,
    held_bytes: usize,
}

/// The most bytes of records held back on standard output (see
/// `FileState::held`).
const HOLD_MAX: usize = 64 << 20;

/// Scrubs `sources` into `dest`. Returns the summary, and the error that
/// stopped the run, if one did. With [`OnError::Stop`], the output file
/// being written when an error occurs is removed (outputs already complete
/// stay); on standard output what was written stays written.
///
/// The run's `cfg.threads` worker threads are started once and live for the
/// whole run (so per-thread caches are kept); none outlives the call. The
/// calling thread reads and writes: it reads the next chunk while the
/// workers scrub the current one, and writes results in input order.
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
    let result = std::thread::scope(|scope| {
        let mut pool = Pool::start(scope, analyzer, cfg.threads);
        pipeline(
            &mut pool,
            sources,
            dest,
            cfg,
            &mut summary,
            &mut progress,
            &counter,
            start,
        )
        // The pool is dropped here: its workers end and are joined.
    });
    progress.finish();
    summary.bytes_in = counter.load(Ordering::Relaxed);
    summary.completed = result.is_ok();
    summary.finish(start);
    (summary, result.err())
}

/// The reading side of a run: which source is open.
struct ReadState {
    next_src: usize,
    reader: Option<(usize, RecordReader<BoxReader>)>,
}

fn fail_entry(src: &Source, line: Option<u64>, message: String) -> ErrorEntry {
    ErrorEntry {
        file: src.display_name(),
        line,
        message,
    }
}

/// Reads the next chunk (empty at the end of the input). An error that
/// stops the run comes back with the entries read before it, which are
/// then not written.
fn read_chunk(
    rs: &mut ReadState,
    sources: &[Source],
    cfg: &ScrubConfig,
    summary: &mut Summary,
    counter: &Arc<AtomicU64>,
) -> Result<Vec<Entry>, ScrubError> {
    let stop = cfg.on_error == OnError::Stop;
    let mut entries: Vec<Entry> = Vec::new();
    let mut records = 0usize;
    let mut bytes = 0usize;
    while records < cfg.chunk_records.max(1) && bytes < cfg.chunk_bytes.max(1) {
        if rs.reader.is_none() {
            if rs.next_src >= sources.len() {
                break;
            }
            let src = rs.next_src;
            rs.next_src += 1;
            let source = &sources[src];
            let raw: Box<dyn Read + Send> = match &source.path {
                None => Box::new(io::stdin()),
                Some(p) => match File::open(p) {
                    Ok(f) => Box::new(f),
                    Err(e) => {
                        let entry = fail_entry(source, None, format!("cannot open: {}", e.kind()));
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
                    rs.reader = Some((src, r));
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
        let Some((src, r)) = rs.reader.as_mut() else {
            break;
        };
        let src = *src;
        match r.next_record() {
            None => {
                summary.missing_fields += r.missing_fields();
                entries.push(Entry::End { src });
                rs.reader = None;
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
                entries.push(Entry::Skipped {
                    fatal: e.is_fatal(),
                });
            }
        }
    }
    Ok(entries)
}

/// Chunks read ahead of the one being written (reading overlaps scrubbing).
const CHUNKS_IN_FLIGHT: usize = 2;

#[allow(clippy::too_many_arguments, reason = "internal helper of run")]
fn pipeline(
    pool: &mut Pool,
    sources: &[Source],
    dest: &Destination,
    cfg: &ScrubConfig,
    summary: &mut Summary,
    progress: &mut Progress,
    counter: &Arc<AtomicU64>,
    start: Instant,
) -> Result<(), ScrubError> {
    let mut rs = ReadState {
        next_src: 0,
        reader: None,
    };
    let mut state: Option<(usize, FileState)> = None;
    let mut inflight: VecDeque<(u64, Vec<Entry>, usize)> = VecDeque::new();
    let mut next_chunk = 0u64;
    let mut input_done = false;
    let mut read_error: Option<ScrubError> = None;
    loop {
        while !input_done && inflight.len() < CHUNKS_IN_FLIGHT {
            match read_chunk(&mut rs, sources, cfg, summary, counter) {
                Ok(entries) if entries.is_empty() => input_done = true,
                Ok(mut entries) => {
                    // The texts move to the workers; the records keep
                    // what is needed to write them back.
                    let texts: Vec<String> = entries
                        .iter_mut()
                        .flat_map(|e| match e {
                            Entry::Rec { rec, .. } => rec.take_texts(),
                            _ => Vec::new(),
                        })
                        .collect();
                    let parts = pool.submit(next_chunk, texts);
                    inflight.push_back((next_chunk, entries, parts));
                    next_chunk += 1;
                }
                Err(e) => {
                    // Chunks read before the error are written first (as
                    // a run without read-ahead would have); the entries of
                    // the chunk with the error are not.
                    input_done = true;
                    read_error = Some(e);
                }
            }
        }
        let Some((chunk, entries, parts)) = inflight.pop_front() else {
            break;
        };
        let results = pool.collect(chunk, parts);
        write_chunk(entries, results, sources, dest, cfg, summary, &mut state)?;
        progress.update(counter.load(Ordering::Relaxed), summary.records, start);
    }
    match read_error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Writes a chunk's records with their scrubbed texts, in order.
fn write_chunk(
    entries: Vec<Entry>,
    results: Vec<Result<Done, String>>,
    sources: &[Source],
    dest: &Destination,
    cfg: &ScrubConfig,
    summary: &mut Summary,
    state: &mut Option<(usize, FileState)>,
) -> Result<(), ScrubError> {
    let stop = cfg.on_error == OnError::Stop;
    let mut results = results.into_iter();
    for e in entries {
        match e {
            Entry::Start { src, header } => {
                *state = Some((
                    src,
                    FileState {
                        out: None,
                        header,
                        had_error: false,
                        truncated: false,
                        written: 0,
                        texts: 0,
                        held: Vec::new(),
                        held_bytes: 0,
                    },
                ));
            }
            Entry::Skipped { fatal } => {
                if let Some((_, st)) = state.as_mut() {
                    st.had_error = true;
                    st.truncated |= fatal;
                }
            }
            Entry::Rec { src, rec } => {
                let source = &sources[src];
                let n = rec.text_count();
                let mut done = Vec::with_capacity(n);
                let mut err = None;
                for _ in 0..n {
                    match results.next() {
                        Some(Ok(d)) => done.push(d),
                        Some(Err(m)) => err = Some(m),
                        None => err = Some("internal error: missing result".to_string()),
                    }
                }
                if let Some(m) = err {
                    let entry = fail_entry(source, Some(rec.line), m);
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
                st.texts += done.len() as u64;
                summary.texts += done.len() as u64;
                let mut texts = Vec::with_capacity(done.len());
                for d in done {
                    summary.masked_chars += d.masked_chars as u64;
                    for ent in d.entities {
                        *summary
                            .detections
                            .entry(ent.as_str().to_string())
                            .or_insert(0) += 1;
                    }
                    texts.push(d.text);
                }
                if rec.is_data() {
                    st.written += 1;
                    summary.records += 1;
                }
                if matches!(dest, Destination::Stdout) && st.texts == 0 && st.held_bytes < HOLD_MAX
                {
                    st.held_bytes += rec.raw_len;
                    st.held.push((rec, texts));
                    continue;
                }
                let w = match st.out.as_mut() {
                    Some(w) => w,
                    None => st
                        .out
                        .insert(open_writer(dest, source, st.header.as_ref()).map_err(|e| {
                            ScrubError {
                                entry: output_entry(dest, source, &e),
                            }
                        })?),
                };
                for (r, t) in st.held.drain(..).chain(std::iter::once((rec, texts))) {
                    w.write(&r, &t).map_err(|e| ScrubError {
                        entry: output_entry(dest, source, &e),
                    })?;
                }
                st.held_bytes = 0;
            }
            Entry::End { src } => {
                let source = &sources[src];
                let Some((_, mut st)) = state.take() else {
                    continue;
                };
                if st.truncated {
                    // Only part of the file was read (--on-error skip): a
                    // partial output is not written; the file is skipped.
                    summary.error(fail_entry(
                        source,
                        None,
                        "the rest of the file could not be read; its output was not written".into(),
                    ));
                    summary.files_skipped += 1;
                    continue;
                }
                if st.written > 0 && st.texts == 0 {
                    // Records went through but nothing was scrubbed: the
                    // selection matched nothing. Not a success.
                    let entry = fail_entry(
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
                // A whole-text file whose only record failed is left out
                // rather than written empty.
                if st.out.is_none() && !(st.had_error && source.format == Format::Text) {
                    st.out = Some(open_writer(dest, source, st.header.as_ref()).map_err(|e| {
                        ScrubError {
                            entry: output_entry(dest, source, &e),
                        }
                    })?);
                }
                if let Some(w) = st.out.as_mut() {
                    for (r, t) in st.held.drain(..) {
                        w.write(&r, &t).map_err(|e| ScrubError {
                            entry: output_entry(dest, source, &e),
                        })?;
                    }
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
        // io::Error's text: the OS's wording or one of ours (never data).
        message: format!("write error: {e}"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_pool_returns_every_chunk_whole_and_in_order() {
        let analyzer = phimask::safe_harbor().expect("the analyzer builds");
        let chunks: Vec<Vec<String>> = (0..14)
            .map(|c| {
                (0..(c * 7 % 23))
                    .map(|i| format!("chunk {c} note {i}: Dr. Okonkwo, SSN 123-45-6789"))
                    .collect()
            })
            .collect();
        let want: Vec<Vec<String>> = chunks
            .iter()
            .map(|ts| {
                ts.iter()
                    .map(|t| scrub_one(&analyzer, t).map(|d| d.text).expect("scrubs"))
                    .collect()
            })
            .collect();
        std::thread::scope(|scope| {
            let mut pool = Pool::start(scope, &analyzer, 3);
            let parts: Vec<usize> = chunks
                .iter()
                .enumerate()
                .map(|(c, ts)| pool.submit(c as u64, ts.clone()))
                .collect();
            // Collected out of order: later chunks' parts wait their turn.
            let mut order: Vec<usize> = (0..chunks.len()).collect();
            order.swap(0, 5);
            order.reverse();
            for c in order {
                let got: Vec<String> = pool
                    .collect(c as u64, parts[c])
                    .into_iter()
                    .map(|r| r.map(|d| d.text).expect("scrubbed"))
                    .collect();
                assert_eq!(got, want[c], "chunk {c}");
                assert!(got.iter().all(|t| !t.contains("6789")));
            }
            assert!(pool.early.is_empty());
        });
    }
}
