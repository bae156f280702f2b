//! The `phimask` command: scrub files, analyze text, evaluate on a corpus,
//! and check a policy with synthetic notes in CI.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use phimask::offsets::{convert_from_bytes, OffsetUnit};
use phimask::{AnalyzeOptions, Analyzer, CivilDate, Entity, Facts, Operator, Policy};
use phimask_cli::check::{self, CheckConfig};
use phimask_cli::jsonpath::FieldPath;
use phimask_cli::output;
use phimask_cli::records::{Format, HeaderCheck, ReaderOptions, RecordReader};
use phimask_cli::scrub::{self, Destination, OnError, ProgressMode, ScrubConfig, Selection};

const EXIT_OK: u8 = 0;
const EXIT_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  `check` failed (an identifier survived, or too many keep spans were masked),
     or `eval --enforce` missed a target
  2  usage error, bad policy, or bad input (the run stopped; nothing half-written)
  130, 143  interrupted by SIGINT or SIGTERM (temporary output files removed)

Policies: --policy takes a TOML or JSON file, or a built-in name (safe_harbor,
strict); without it the Safe Harbor policy is used.";

/// Find and mask protected health information (PHI) in clinical text,
/// following HIPAA Safe Harbor.
#[derive(Parser, Debug)]
#[command(name = "phimask", version, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// De-identify files, directories or standard input.
    #[command(after_help = AFTER_HELP)]
    Scrub(ScrubArgs),
    /// Print detections as JSON, for debugging a policy.
    #[command(after_help = AFTER_HELP)]
    Analyze(AnalyzeArgs),
    /// Score the analyzer on an annotated JSONL corpus.
    #[command(after_help = AFTER_HELP)]
    Eval(EvalArgs),
    /// CI gate: inject synthetic identifiers and fail if any survives.
    #[command(after_help = AFTER_HELP)]
    Check(CheckArgs),
    /// Print a policy (the default, a built-in one, or a file's, checked) as TOML.
    #[command(after_help = AFTER_HELP)]
    Policy(PolicyCmd),
    /// List every recognizer: its id, whether the policy turns it on, and
    /// the entities it reports.
    #[command(after_help = AFTER_HELP)]
    Recognizers(RecognizersArgs),
}

#[derive(Args, Debug, Clone)]
struct PolicyArgs {
    /// Policy file (TOML or JSON) or built-in name (safe_harbor, strict).
    #[arg(long, value_name = "FILE|NAME")]
    policy: Option<String>,
    /// The date age rules take as today (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    reference_date: Option<String>,
    /// Minimum score of a detection (0–1; default the policy's, 0.5).
    #[arg(long, value_name = "SCORE")]
    threshold: Option<f32>,
}

#[derive(Args, Debug)]
struct PolicyCmd {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Print every setting, the defaults filled in (the policy in force,
    /// after --threshold and --reference-date), with the recognizers that
    /// are on as a comment.
    #[arg(long)]
    effective: bool,
    /// Print JSON instead of TOML.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
struct RecognizersArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Print JSON (one array of {id, on, entities, source}).
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// From each file's extension (.jsonl/.ndjson, .json, .csv, .tsv, else text).
    Auto,
    /// A whole file is one record.
    Text,
    /// Each line is a record.
    Lines,
    /// JSON Lines (--field).
    Jsonl,
    /// One JSON document: an array of records, or one object (--field).
    Json,
    /// CSV with a header (--column).
    Csv,
    /// TSV with a header (--column).
    Tsv,
}

impl FormatArg {
    fn format(self) -> Option<Format> {
        match self {
            FormatArg::Auto => None,
            FormatArg::Text => Some(Format::Text),
            FormatArg::Lines => Some(Format::Lines),
            FormatArg::Jsonl => Some(Format::Jsonl),
            FormatArg::Json => Some(Format::Json),
            FormatArg::Csv => Some(Format::Csv),
            FormatArg::Tsv => Some(Format::Tsv),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OperatorArg {
    /// Each character becomes ● (the default).
    Mask,
    /// The entity's name in angle brackets: `<PERSON>`.
    Tag,
    /// Numbered placeholders: `[PERSON_1]` (the same value, the same number).
    Placeholder,
    /// Remove the span.
    Redact,
    /// Keyed HMAC-SHA-256 (key from --hash-key-env).
    Hash,
    /// ZIP codes to 3 digits, ages 90+ to "90 or older"; others masked.
    Generalize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OnErrorArg {
    /// Stop at the first bad record, exit 2 (default).
    Stop,
    /// Leave bad records out, report each and count them.
    Skip,
}

#[derive(Args, Debug)]
struct ScrubArgs {
    /// Files or directories to scrub (`-` or nothing: standard input).
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output file, or directory mirroring the input tree (needed for a
    /// directory or several inputs); default: standard output. Its parent
    /// directory must exist (see --create-dirs).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Create the missing parent directories of -o.
    #[arg(long)]
    create_dirs: bool,
    /// Input format.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    format: FormatArg,
    /// JSONL/JSON: field to scrub, a path such as `text`, `note.body`,
    /// `sections.*.text` (repeatable; default `text`). A selected number or
    /// boolean is refused, never passed through.
    #[arg(long = "field", value_name = "PATH")]
    fields: Vec<String>,
    /// CSV/TSV: column to scrub, by header name or 1-based number
    /// (repeatable; default `text`). A column past the end of a row stops
    /// the run.
    #[arg(long = "column", value_name = "NAME|N")]
    columns: Vec<String>,
    /// CSV/TSV: the first line is data, not a header. Without it, a first
    /// row that looks like data (a number, long text, an identifier) is
    /// refused.
    #[arg(long)]
    no_header: bool,
    /// JSONL/JSON: pass records that lack every --field, and elements a
    /// `*` reaches that lack the rest of the path, through unchanged
    /// (counted and warned about; default: such a record is an error).
    #[arg(long)]
    allow_missing: bool,
    /// Directories: include only files matching this glob, relative to the
    /// directory (repeatable), e.g. '*.txt' or 'notes/**/*.jsonl'.
    #[arg(long = "glob", value_name = "GLOB")]
    globs: Vec<String>,
    /// Directories: leave out files matching this glob (repeatable).
    #[arg(long = "exclude", value_name = "GLOB")]
    excludes: Vec<String>,
    /// Directories: include hidden files and directories.
    #[arg(long)]
    hidden: bool,
    /// Directories: follow symbolic links, also out of the tree (default: a
    /// link is not followed; it stops the run, or with --on-error skip is
    /// counted as skipped).
    #[arg(long)]
    follow_links: bool,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Operator for every entity (overrides the policy's operators).
    #[arg(long, value_enum)]
    operator: Option<OperatorArg>,
    /// Mask character for --operator mask (default ●).
    #[arg(long, value_name = "CHAR")]
    mask_char: Option<char>,
    /// Environment variable holding the key of the hash operator (≥ 16 bytes).
    #[arg(long, value_name = "VAR", default_value = "PHIMASK_HASH_KEY")]
    hash_key_env: String,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// What to do with a record that cannot be read or analysed.
    #[arg(long, value_enum, default_value_t = OnErrorArg::Stop)]
    on_error: OnErrorArg,
    /// Write the run's figures as JSON to this file.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// No progress and no summary (errors are still printed).
    #[arg(short, long)]
    quiet: bool,
    /// Show progress even when standard error is not a terminal.
    #[arg(long, conflicts_with = "no_progress")]
    progress: bool,
    /// Never show progress.
    #[arg(long)]
    no_progress: bool,
    /// Refuse records larger than this many bytes (default: the policy's
    /// `max_input_bytes`, 64 MiB = 67108864 unless the policy sets it); a
    /// larger value also raises the policy's `max_input_bytes`.
    #[arg(long, value_name = "BYTES")]
    max_record_bytes: Option<usize>,
    /// Records per parallel chunk.
    #[arg(long, value_name = "N", default_value_t = 1024, hide = true)]
    chunk_records: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum UnitArg {
    /// UTF-8 bytes.
    Bytes,
    /// Unicode code points (Python `str` indices).
    Chars,
    /// UTF-16 code units (JavaScript, Java, C#).
    Utf16,
}

#[derive(Args, Debug)]
struct AnalyzeArgs {
    /// A file to analyse (`-` or nothing: standard input).
    #[arg(value_name = "INPUT")]
    input: Option<PathBuf>,
    /// Analyse this text instead of a file.
    #[arg(long, conflicts_with = "input")]
    text: Option<String>,
    /// Input format.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    format: FormatArg,
    /// JSONL/JSON: field to analyse (repeatable; default `text`).
    #[arg(long = "field", value_name = "PATH")]
    fields: Vec<String>,
    /// CSV/TSV: column to analyse, by header name or 1-based number
    /// (repeatable; default `text`).
    #[arg(long = "column", value_name = "NAME|N")]
    columns: Vec<String>,
    /// CSV/TSV: the first line is data, not a header.
    #[arg(long)]
    no_header: bool,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Unit of the offsets.
    #[arg(long, value_enum, default_value_t = UnitArg::Chars)]
    offsets: UnitArg,
    /// Add the recognizer, pattern, scores, context word and facts of each
    /// detection, and every candidate kept (scope rule, allow list, below
    /// the threshold).
    #[arg(long)]
    explain: bool,
    /// Include the detected text itself (it is PHI: mind where it goes).
    #[arg(long)]
    show_text: bool,
    /// Report only these entities (comma-separated, e.g. PERSON,US_SSN).
    #[arg(long, value_delimiter = ',', value_name = "ENTITY")]
    entities: Vec<String>,
    /// Pretty-print the JSON.
    #[arg(long)]
    pretty: bool,
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// Annotated corpus (JSONL of notes with `phi` and `keep` spans).
    #[arg(value_name = "CORPUS")]
    corpus: PathBuf,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Write every leaked identifier and masked keep span here (JSONL).
    #[arg(long, value_name = "FILE")]
    leaks: Option<PathBuf>,
    /// Print the report as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Exit 1 when the project's targets are not met.
    #[arg(long)]
    enforce: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// A table and a verdict.
    Human,
    /// One JSON document.
    Json,
    /// JUnit XML (one test case per entity).
    Junit,
}

#[derive(Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Number of synthetic notes.
    #[arg(short = 'n', long, default_value_t = 200)]
    count: usize,
    /// Seed of the generator (the same seed, the same notes).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// File of note templates with {PERSON}, {MRN}, {DATE}… slots,
    /// separated by lines of `---` (repeatable).
    #[arg(long = "templates", value_name = "FILE")]
    templates: Vec<PathBuf>,
    /// With --templates, also check the built-in generated notes.
    #[arg(long)]
    include_generated: bool,
    /// Value format of a slot: SLOT=FORMAT, # digit, A upper, a lower,
    /// ? letter or digit (repeatable), e.g. MRN='MRN-######'.
    #[arg(long = "value-format", value_name = "SLOT=FORMAT")]
    value_formats: Vec<String>,
    /// How many identifiers may survive.
    #[arg(long, default_value_t = 0)]
    max_leaks: usize,
    /// Largest share of keep spans (ages, years, drugs…) that may be masked.
    #[arg(long, value_name = "RATE", default_value_t = 0.02)]
    max_masked_keeps: f64,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,
    /// Also write JUnit XML to this file.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    /// Also write the JSON report to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

/// A failure that ends the command with an exit code.
struct Fail {
    code: u8,
    message: String,
}

fn usage(message: impl Into<String>) -> Fail {
    Fail {
        code: EXIT_USAGE,
        message: message.into(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = with_signal_cleanup(|| match cli.command {
        Command::Scrub(a) => cmd_scrub(a),
        Command::Analyze(a) => cmd_analyze(a),
        Command::Eval(a) => cmd_eval(a),
        Command::Check(a) => cmd_check(a),
        Command::Policy(a) => cmd_policy(a),
        Command::Recognizers(a) => cmd_recognizers(a),
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("phimask: error: {}", f.message);
            }
            ExitCode::from(f.code)
        }
    }
}

/// Runs `f` with SIGINT and SIGTERM caught: on either, every temporary
/// output file (`.phimask-*.tmp`) is removed and the process exits with
/// 128 + the signal's number (130, 143), as a shell reports a killed
/// command. Output files already renamed into place stay.
#[cfg(unix)]
fn with_signal_cleanup(f: impl FnOnce() -> Result<u8, Fail>) -> Result<u8, Fail> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])
        .map_err(|e| usage(format!("cannot install the signal handlers ({})", e.kind())))?;
    let handle = signals.handle();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // Held until the exit, so no new temporary file appears.
                let _guard = output::remove_temporaries();
                std::process::exit(128 + sig);
            }
        });
        let r = f();
        handle.close();
        r
    })
}

/// Elsewhere the default handlers stay (temporary files may be left).
#[cfg(not(unix))]
fn with_signal_cleanup(f: impl FnOnce() -> Result<u8, Fail>) -> Result<u8, Fail> {
    f()
}

/// Warns (on standard error, even with -q) when a policy lets detected PHI
/// through: no recognizer on, the `keep` operator, or an empty entity list.
fn warn_policy(analyzer: &Analyzer) {
    let policy = analyzer.policy();
    if analyzer.recognizer_ids().next().is_none() {
        eprintln!(
            "phimask: warning: the policy turns every recognizer off: nothing will be detected \
             or masked (`phimask recognizers` lists them)"
        );
    }
    if policy.entities.as_ref().is_some_and(|e| e.is_empty()) {
        eprintln!("phimask: warning: the policy's `entities` list is empty: nothing will be reported or masked");
    }
    let kept: Vec<&str> = policy
        .operators
        .entities
        .iter()
        .filter(|(_, o)| matches!(o, Operator::Keep))
        .map(|(e, _)| e.as_str())
        .collect();
    if matches!(policy.operators.default, Some(Operator::Keep)) {
        let own: Vec<&str> = policy
            .operators
            .entities
            .iter()
            .filter(|(_, o)| !matches!(o, Operator::Keep))
            .map(|(e, _)| e.as_str())
            .collect();
        eprintln!(
            "phimask: warning: the policy's default operator is `keep`: detected PHI is left in \
             the text{}",
            if own.is_empty() {
                String::new()
            } else {
                format!(
                    " (except {}, which have their own operator)",
                    own.join(", ")
                )
            }
        );
    } else if !kept.is_empty() {
        eprintln!(
            "phimask: warning: the policy's operator for {} is `keep`: those detections are left in the text",
            kept.join(", ")
        );
    }
}

fn load_policy(args: &PolicyArgs) -> Result<Policy, Fail> {
    let mut policy = match &args.policy {
        None => Policy::safe_harbor(),
        Some(p) if !Path::new(p).exists() && Policy::named(p).is_some() => {
            Policy::named(p).unwrap_or_default()
        }
        Some(p) => {
            let doc = fs::read_to_string(p)
                .map_err(|e| usage(format!("policy {p}: cannot read ({})", e.kind())))?;
            Policy::parse(&doc).map_err(|e| {
                // Core's policy errors never quote the document's values;
                // the field at fault is named (never its value).
                let message = e.to_string();
                match policy_error_field(&doc, &message) {
                    Some(field) => usage(format!("policy {p}: `{field}`: {message}")),
                    None => usage(format!("policy {p}: {message}")),
                }
            })?
        }
    };
    if let Some(d) = &args.reference_date {
        let date: CivilDate = d
            .parse()
            .map_err(|_| usage(format!("--reference-date {d}: expected YYYY-MM-DD")))?;
        policy.reference_date = Some(date);
    }
    if let Some(t) = args.threshold {
        if !(0.0..=1.0).contains(&t) {
            return Err(usage("--threshold: must be between 0 and 1"));
        }
        policy.score_threshold = Some(t);
    }
    Ok(policy)
}

/// The dotted name of the policy field a type error is about (`allow.values`),
/// found by parsing smaller documents that keep one field at a time: the
/// lines up to the error (TOML), or the path down to one value (JSON). Only
/// keys made of letters, digits, `_`, `-` and `.` are named; `None` for
/// other errors or when the field cannot be told. Never returns a value.
fn policy_error_field(doc: &str, message: &str) -> Option<String> {
    let base = |m: &str| m.split(" at line ").next().unwrap_or(m).to_string();
    let want = base(message);
    if !["invalid type", "invalid value", "invalid length"]
        .iter()
        .any(|w| want.contains(w))
    {
        return None;
    }
    let same = |d: &str| Policy::parse(d).is_err_and(|e| base(&e.to_string()) == want);
    let bare = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    if doc.trim_start().starts_with('{') {
        use serde_json::Value;
        let root: Value = serde_json::from_str(doc).ok()?;
        // The path so far, with whether each step is an array index.
        let mut path: Vec<(String, bool)> = Vec::new();
        let mut cur = &root;
        let wrap = |path: &[(String, bool)], leaf: &Value| {
            let mut v = leaf.clone();
            for (k, array) in path.iter().rev() {
                v = if *array {
                    Value::Array(vec![v])
                } else {
                    let mut m = serde_json::Map::new();
                    m.insert(k.clone(), v);
                    Value::Object(m)
                };
            }
            v
        };
        loop {
            let children: Vec<(String, bool, &Value)> = match cur {
                Value::Object(o) => o.iter().map(|(k, c)| (k.clone(), false, c)).collect(),
                Value::Array(a) => a
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i.to_string(), true, c))
                    .collect(),
                _ => break,
            };
            let next = children.into_iter().find(|(k, array, c)| {
                let mut trial = path.clone();
                trial.push((k.clone(), *array));
                bare(k) && same(&wrap(&trial, c).to_string())
            });
            match next {
                Some((k, array, c)) => {
                    path.push((k, array));
                    cur = c;
                }
                None => break,
            }
        }
        let mut name = String::new();
        for (k, array) in &path {
            if *array {
                name.push_str(&format!("[{k}]"));
            } else {
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(k);
            }
        }
        return (!name.is_empty()).then_some(name);
    }
    let lines: Vec<&str> = doc.lines().collect();
    if lines.len() > 5000 {
        return None;
    }
    let n = (1..=lines.len()).find(|&i| same(&lines[..i].join("\n")))?;
    let key_of = |line: &str| {
        let (k, _) = line.split_once('=')?;
        let k = k.trim();
        bare(k).then(|| k.to_string())
    };
    let table_of = |line: &str| {
        let t = line.trim();
        let t = t
            .strip_prefix("[[")
            .and_then(|t| t.strip_suffix("]]"))
            .or_else(|| t.strip_prefix('[').and_then(|t| t.strip_suffix(']')))?;
        let t = t.trim();
        bare(t).then(|| t.to_string())
    };
    let at = (0..n)
        .rev()
        .find(|&i| key_of(lines[i]).is_some() || table_of(lines[i]).is_some())?;
    let key = key_of(lines[at])?;
    match (0..at).rev().find_map(|i| table_of(lines[i])) {
        Some(t) => Some(format!("{t}.{key}")),
        None => Some(key),
    }
}

/// A CSV/TSV first row with a cell in which the analyzer finds an
/// identifier is data, not a header (an analysis error counts as one).
fn header_check(analyzer: &Analyzer) -> HeaderCheck {
    let a = analyzer.clone();
    HeaderCheck::new(move |cell| a.analyze(cell).map_or(true, |r| !r.detections.is_empty()))
}

fn build_analyzer(policy: Policy, hash_key: Option<Vec<u8>>) -> Result<Analyzer, Fail> {
    let mut b = phimask::builder();
    b.policy(policy);
    if let Some(k) = hash_key {
        b.hash_key(k);
    }
    b.build().map_err(|e| usage(e.to_string()))
}

fn parse_fields(fields: &[String]) -> Result<Vec<FieldPath>, Fail> {
    fields
        .iter()
        .map(|f| {
            f.parse::<FieldPath>()
                .map_err(|e| usage(format!("--field {f}: {e}")))
        })
        .collect()
}

fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), Fail> {
    output::ensure_parent(path, false).map_err(usage)?;
    output::write_atomic(path, bytes)
        .map_err(|e| usage(format!("{}: cannot write ({e})", path.display())))
}

/// `policy` with every default made explicit.
fn effective(policy: &Policy) -> Policy {
    let mut p = policy.clone();
    p.score_threshold = Some(p.get_score_threshold());
    p.max_input_bytes = Some(p.get_max_input_bytes());
    p.overlap = Some(p.overlap.unwrap_or_default());
    p.recognizers.builtin = Some(p.get_builtin());
    p.context.window_before = Some(p.context.get_window_before());
    p.context.window_after = Some(p.context.get_window_after());
    p.context.boost = Some(p.context.get_boost());
    p.context.floor = Some(p.context.get_floor());
    p.allow.case_sensitive = Some(p.allow.case_sensitive.unwrap_or(false));
    p.scope.keep = Some(p.scope.get_keep());
    p.scope.age_limit = Some(p.scope.get_age_limit());
    if p.operators.default.is_none() {
        p.operators.default = Some(Operator::Mask { char: None });
    }
    p
}

fn cmd_policy(a: PolicyCmd) -> Result<u8, Fail> {
    let policy = load_policy(&a.policy)?;
    // Building checks everything (recognizer ids, operators).
    let analyzer = build_analyzer(policy.clone(), None)?;
    let policy = if a.effective {
        effective(&policy)
    } else {
        policy
    };
    let doc = if a.json {
        serde_json::to_string_pretty(&policy).map_err(|e| usage(e.to_string()))? + "\n"
    } else {
        let mut doc = String::new();
        if a.effective {
            let ids: Vec<&str> = analyzer.recognizer_ids().collect();
            doc.push_str("# The policy in force, every default filled in.\n");
            doc.push_str(&format!(
                "# Recognizers on ({}): {}\n",
                ids.len(),
                if ids.is_empty() {
                    "none".to_string()
                } else {
                    ids.join(", ")
                }
            ));
        }
        doc + &policy.to_toml().map_err(|e| usage(e.to_string()))?
    };
    let mut out = io::stdout().lock();
    let _ = out.write_all(doc.as_bytes());
    warn_policy(&analyzer);
    Ok(EXIT_OK)
}

#[derive(serde::Serialize)]
struct RecognizerOut {
    id: String,
    on: bool,
    entities: Vec<String>,
    source: &'static str,
}

/// Every recognizer the policy can turn on or off: the built-ins (entities
/// from the recognizers themselves), then the policy's patterns and deny
/// lists, then any other id the analyzer runs.
fn recognizer_table(policy: &Policy, analyzer: &Analyzer) -> Result<Vec<RecognizerOut>, Fail> {
    let on: std::collections::HashSet<&str> = analyzer.recognizer_ids().collect();
    let mut rows: Vec<RecognizerOut> = Vec::new();
    let builtins = phimask::recognizers::builtin(policy)
        .map_err(|e| usage(format!("built-in recognizers: {e}")))?;
    for r in &builtins {
        rows.push(RecognizerOut {
            id: r.id().to_string(),
            on: on.contains(r.id()),
            entities: r
                .entities()
                .iter()
                .map(|e| e.as_str().to_string())
                .collect(),
            source: "builtin",
        });
    }
    for p in &policy.recognizers.patterns {
        rows.push(RecognizerOut {
            id: p.id.clone(),
            on: on.contains(p.id.as_str()),
            entities: vec![p.entity.as_str().to_string()],
            source: "policy pattern",
        });
    }
    for d in &policy.recognizers.deny_lists {
        rows.push(RecognizerOut {
            id: d.id.clone(),
            on: on.contains(d.id.as_str()),
            entities: vec![d.entity.as_str().to_string()],
            source: "policy deny list",
        });
    }
    for id in analyzer.recognizer_ids() {
        if !rows.iter().any(|r| r.id == id) {
            rows.push(RecognizerOut {
                id: id.to_string(),
                on: true,
                entities: Vec::new(),
                source: "other",
            });
        }
    }
    Ok(rows)
}

fn cmd_recognizers(a: RecognizersArgs) -> Result<u8, Fail> {
    let policy = load_policy(&a.policy)?;
    let analyzer = build_analyzer(policy.clone(), None)?;
    let rows = recognizer_table(&policy, &analyzer)?;
    let mut out = io::stdout().lock();
    if a.json {
        let s = serde_json::to_string_pretty(&rows).map_err(|e| usage(e.to_string()))?;
        let _ = writeln!(out, "{s}");
    } else {
        let w = rows.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
        let _ = writeln!(out, "{:<w$}  {:<3}  {:<16}  entities", "id", "on", "source");
        for r in &rows {
            let _ = writeln!(
                out,
                "{:<w$}  {:<3}  {:<16}  {}",
                r.id,
                if r.on { "on" } else { "off" },
                r.source,
                if r.entities.is_empty() {
                    "-".to_string()
                } else {
                    r.entities.join(", ")
                }
            );
        }
        let n = rows.iter().filter(|r| r.on).count();
        let _ = writeln!(out, "{n} of {} recognizer(s) on", rows.len());
    }
    drop(out);
    warn_policy(&analyzer);
    Ok(EXIT_OK)
}

fn cmd_scrub(a: ScrubArgs) -> Result<u8, Fail> {
    let mut policy = load_policy(&a.policy)?;
    let op = match a.operator {
        None => None,
        Some(OperatorArg::Mask) => Some(Operator::Mask { char: a.mask_char }),
        Some(OperatorArg::Tag) => Some(Operator::Replace { value: None }),
        Some(OperatorArg::Placeholder) => Some(Operator::Placeholder { format: None }),
        Some(OperatorArg::Redact) => Some(Operator::Redact),
        Some(OperatorArg::Hash) => Some(Operator::Hash { length: None }),
        Some(OperatorArg::Generalize) => Some(Operator::Generalize),
    };
    if a.mask_char.is_some() && !matches!(a.operator, None | Some(OperatorArg::Mask)) {
        return Err(usage("--mask-char goes with --operator mask"));
    }
    let op = op.or(a.mask_char.map(|c| Operator::Mask { char: Some(c) }));
    if let Some(op) = op {
        policy.operators.default = Some(op);
        policy.operators.entities.clear();
    }
    let uses_hash = policy
        .operators
        .default
        .iter()
        .chain(policy.operators.entities.values())
        .any(|o| matches!(o, Operator::Hash { .. }));
    let hash_key = if uses_hash {
        match std::env::var(&a.hash_key_env) {
            Ok(k) if k.len() >= 16 => Some(k.into_bytes()),
            _ => {
                return Err(usage(format!(
                    "the hash operator needs a key of at least 16 bytes in ${}",
                    a.hash_key_env
                )))
            }
        }
    } else {
        None
    };
    // --max-record-bytes also raises the policy's per-text limit
    // (max_input_bytes), or a record the reader accepts would fail analysis.
    // Without --max-record-bytes the policy's limit is the record limit.
    let max_record_bytes = a
        .max_record_bytes
        .unwrap_or_else(|| policy.get_max_input_bytes());
    if max_record_bytes > policy.get_max_input_bytes() {
        policy.max_input_bytes = Some(max_record_bytes);
    }
    let analyzer = build_analyzer(policy, hash_key)?;
    warn_policy(&analyzer);

    let fields = parse_fields(&a.fields)?;
    let inputs = if a.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        a.inputs.clone()
    };
    if inputs.iter().any(|i| i.as_os_str() == "-") && io::stdin().is_terminal() && !a.quiet {
        eprintln!("phimask: reading standard input (end with Ctrl-D)");
    }
    if inputs.iter().filter(|i| i.as_os_str() == "-").count() > 1 {
        return Err(usage("standard input (-) can be given once"));
    }
    let forced = a.format.format();
    let stdin_format = forced.unwrap_or(if !fields.is_empty() {
        Format::Jsonl
    } else if !a.columns.is_empty() {
        Format::Csv
    } else {
        Format::Text
    });
    let sel = Selection {
        globs: a.globs.clone(),
        excludes: a.excludes.clone(),
        hidden: a.hidden,
        format: forced,
        follow_links: a.follow_links,
    };
    let (mut sources, walk_skipped) = scrub::collect_sources(&inputs, &sel).map_err(usage)?;
    if !walk_skipped.is_empty() && a.on_error == OnErrorArg::Stop {
        return Err(usage(format!(
            "{} (use --on-error skip to leave such entries out)",
            walk_skipped[0]
        )));
    }
    for s in &mut sources {
        if s.path.is_none() {
            s.format = stdin_format;
        }
    }
    if sources.is_empty() {
        return Err(usage("no input files (check --glob and --exclude)"));
    }
    let any_dir = inputs.iter().any(|i| i.is_dir());
    let dest = match &a.output {
        None => {
            let concatenable = sources
                .iter()
                .all(|s| matches!(s.format, Format::Jsonl | Format::Lines));
            if (any_dir || sources.len() > 1) && !concatenable {
                return Err(usage(
                    "several input files: give an output directory with -o DIR",
                ));
            }
            Destination::Stdout
        }
        Some(o) => {
            let trailing = o.as_os_str().to_string_lossy().ends_with(['/', '\\']);
            if any_dir || sources.len() > 1 || o.is_dir() || trailing {
                if o.exists() && !o.is_dir() {
                    return Err(usage(format!(
                        "{}: several outputs need a directory, and this is a file",
                        o.display()
                    )));
                }
                Destination::Dir(o.clone())
            } else {
                Destination::File(o.clone())
            }
        }
    };
    scrub::check_layout(&inputs, &sources, &dest).map_err(usage)?;
    match &dest {
        Destination::File(f) => output::ensure_parent(f, a.create_dirs).map_err(usage)?,
        // The output directory itself is created (as `cp -r` does); its
        // parent must exist unless --create-dirs.
        Destination::Dir(d) => {
            let d = d.components().as_path();
            output::ensure_parent(d, a.create_dirs).map_err(usage)?;
        }
        Destination::Stdout => {}
    }
    if let Some(r) = &a.report {
        output::ensure_parent(r, a.create_dirs).map_err(usage)?;
    }

    let progress = if a.quiet || a.no_progress {
        ProgressMode::Never
    } else if a.progress {
        ProgressMode::Always
    } else {
        ProgressMode::Auto
    };
    let cfg = ScrubConfig {
        threads: a.threads.unwrap_or_else(scrub::default_threads).max(1),
        on_error: match a.on_error {
            OnErrorArg::Stop => OnError::Stop,
            OnErrorArg::Skip => OnError::Skip,
        },
        chunk_records: a.chunk_records.max(1),
        chunk_bytes: 8 << 20,
        progress,
        reader: ReaderOptions {
            format: Format::Text,
            fields,
            columns: a.columns.clone(),
            has_header: !a.no_header,
            max_record_bytes,
            allow_missing: a.allow_missing,
            header_check: header_check(&analyzer),
        },
    };
    let (mut summary, err) = scrub::run(&analyzer, &sources, &dest, &cfg);
    for w in walk_skipped {
        summary.files_skipped += 1;
        summary.errors_total += 1;
        summary.errors.push(scrub::ErrorEntry {
            file: String::new(),
            line: None,
            message: w,
        });
    }
    if let Some(e) = &err {
        eprintln!("phimask: error: {e}");
    }
    for e in summary.errors.iter().take(100) {
        eprintln!("phimask: skipped {e}");
    }
    if summary.errors_total > 100 {
        eprintln!(
            "phimask: … and {} more skipped (see --report)",
            summary.errors_total - 100
        );
    }
    if !a.quiet {
        eprint!("{}", summary.human());
    }
    if summary.missing_fields > 0 {
        eprintln!(
            "phimask: warning: {} record(s) or element(s) lacked the selected --field and were \
             passed through unchanged (--allow-missing)",
            summary.missing_fields
        );
    }
    if let Some(path) = &a.report {
        let json = serde_json::to_vec_pretty(&summary).map_err(|e| usage(e.to_string()))?;
        write_file_atomic(path, &json)?;
    }
    match err {
        Some(_) => Err(usage(match dest {
            Destination::Stdout => "stopped (output written so far stays on standard output; use --on-error skip to leave bad records out)",
            _ => "stopped; the output file being written was removed, none is half-written (use --on-error skip to leave bad records out)",
        })),
        None => Ok(EXIT_OK),
    }
}

fn facts_json(facts: &Facts, show: bool) -> serde_json::Value {
    match facts {
        Facts::Age { years } => {
            if show {
                serde_json::json!({"type": "age", "years": years})
            } else {
                serde_json::json!({"type": "age", "band": if *years >= 90 { "90+" } else { "under 90" }})
            }
        }
        Facts::Date(d) => {
            let mut v = serde_json::json!({
                "type": "date",
                "kind": d.kind,
                "birth": d.birth,
                "has_year": d.year.is_some(),
                "has_month": d.month.is_some(),
                "has_day": d.day.is_some(),
            });
            if show {
                v["year"] = serde_json::json!(d.year);
                v["month"] = serde_json::json!(d.month);
                v["day"] = serde_json::json!(d.day);
            }
            v
        }
        Facts::Place(p) => serde_json::json!({"type": "place", "kind": p}),
        Facts::ClinicalCode => serde_json::json!({"type": "clinical_code"}),
        Facts::Eponym => serde_json::json!({"type": "eponym"}),
        _ => serde_json::Value::Null,
    }
}

#[derive(serde::Serialize)]
struct DetectionOut<'a> {
    entity: &'a str,
    start: usize,
    end: usize,
    score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recognizer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<ExplanationOut<'a>>,
}

#[derive(serde::Serialize)]
struct ExplanationOut<'a> {
    pattern: Option<&'a str>,
    base_score: f64,
    context_boost: f64,
    context_word: Option<&'a str>,
    validated: Option<bool>,
    facts: serde_json::Value,
}

#[derive(serde::Serialize)]
struct KeptOut<'a> {
    entity: &'a str,
    start: usize,
    end: usize,
    score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    recognizer: &'a str,
    reason: String,
    facts: serde_json::Value,
}

#[derive(serde::Serialize)]
struct AnalysisOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    offsets: &'static str,
    detections: Vec<DetectionOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kept: Option<Vec<KeptOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<Vec<[usize; 2]>>,
}

fn analyze_one<'a>(
    analysis: &'a phimask::Analysis,
    text: &'a str,
    a: &AnalyzeArgs,
) -> AnalysisOut<'a> {
    let unit = match a.offsets {
        UnitArg::Bytes => OffsetUnit::Bytes,
        UnitArg::Chars => OffsetUnit::Chars,
        UnitArg::Utf16 => OffsetUnit::Utf16,
    };
    let mut offs: Vec<usize> = Vec::new();
    for d in &analysis.detections {
        offs.extend([d.span.start, d.span.end]);
    }
    for k in &analysis.kept {
        offs.extend([k.span.start, k.span.end]);
    }
    for c in &analysis.coverage {
        offs.extend([c.start, c.end]);
    }
    convert_from_bytes(text, &mut offs, unit);
    let mut it = offs
        .chunks(2)
        .map(|c| (c[0], c.get(1).copied().unwrap_or(c[0])));
    let mut detections = Vec::new();
    for d in &analysis.detections {
        let (start, end) = it.next().unwrap_or((0, 0));
        let x = &d.explanation;
        detections.push(DetectionOut {
            entity: d.entity.as_str(),
            start,
            end,
            score: round(d.score),
            text: if a.show_text { d.text(text) } else { None },
            recognizer: a.explain.then_some(&*d.recognizer),
            explanation: a.explain.then(|| ExplanationOut {
                pattern: x.pattern.as_deref(),
                base_score: round(x.base_score),
                context_boost: round(x.context_boost),
                context_word: x.context_word.as_deref(),
                validated: x.validated,
                facts: facts_json(&d.facts, a.show_text),
            }),
        });
    }
    let mut kept = Vec::new();
    for k in &analysis.kept {
        let (start, end) = it.next().unwrap_or((0, 0));
        kept.push(KeptOut {
            entity: k.entity.as_str(),
            start,
            end,
            score: round(k.score),
            text: if a.show_text { k.span.text(text) } else { None },
            recognizer: &k.recognizer,
            reason: k.reason.to_string(),
            facts: facts_json(&k.facts, a.show_text),
        });
    }
    let coverage: Vec<[usize; 2]> = it.map(|(s, e)| [s, e]).collect();
    AnalysisOut {
        line: None,
        index: None,
        offsets: match unit {
            OffsetUnit::Bytes => "bytes",
            OffsetUnit::Chars => "chars",
            OffsetUnit::Utf16 => "utf16",
        },
        detections,
        kept: a.explain.then_some(kept),
        coverage: a.explain.then_some(coverage),
    }
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

fn cmd_analyze(a: AnalyzeArgs) -> Result<u8, Fail> {
    let policy = load_policy(&a.policy)?;
    let analyzer = build_analyzer(policy, None)?;
    warn_policy(&analyzer);
    let mut entities = Vec::new();
    for e in &a.entities {
        entities.push(
            e.trim()
                .parse::<Entity>()
                .map_err(|_| usage(format!("--entities: `{e}` is not an entity name")))?,
        );
    }
    let opts = AnalyzeOptions {
        entities: if entities.is_empty() {
            None
        } else {
            Some(entities)
        },
        score_threshold: None,
        reference_date: None,
        explain: a.explain,
    };
    let fields = parse_fields(&a.fields)?;
    let (bytes, name, guessed) = match (&a.text, &a.input) {
        (Some(t), _) => (t.clone().into_bytes(), "<text>".to_string(), Format::Text),
        (None, Some(p)) if p.as_os_str() != "-" => (
            scrub::read_all(Some(p))
                .map_err(|e| usage(format!("{}: cannot read ({})", p.display(), e.kind())))?,
            p.display().to_string(),
            Format::from_path(p),
        ),
        _ => (
            scrub::read_all(None)
                .map_err(|e| usage(format!("<stdin>: cannot read ({})", e.kind())))?,
            "<stdin>".to_string(),
            if fields.is_empty() {
                Format::Text
            } else {
                Format::Jsonl
            },
        ),
    };
    let stdin = a.text.is_none() && a.input.as_deref().is_none_or(|p| p.as_os_str() == "-");
    let guessed = if guessed == Format::Text && !a.columns.is_empty() && stdin {
        Format::Csv
    } else {
        guessed
    };
    let format = a.format.format().unwrap_or(guessed);
    let ropts = ReaderOptions {
        format,
        fields,
        columns: a.columns.clone(),
        has_header: !a.no_header,
        header_check: header_check(&analyzer),
        ..ReaderOptions::default()
    };
    let mut reader =
        RecordReader::new(bytes.as_slice(), &ropts).map_err(|e| usage(format!("{name}: {e}")))?;
    let mut out = io::stdout().lock();
    while let Some(r) = reader.next_record() {
        let rec = r.map_err(|e| usage(format!("{name}: {e}")))?;
        for (i, t) in rec.texts.iter().enumerate() {
            let analysis = analyzer
                .analyze_with(t, &opts)
                .map_err(|e| usage(format!("{name}: line {}: {e}", rec.line)))?;
            let mut v = analyze_one(&analysis, t, &a);
            if format != Format::Text {
                v.line = Some(rec.line);
                if rec.texts.len() > 1 {
                    v.index = Some(i);
                }
            }
            let s = if a.pretty {
                serde_json::to_string_pretty(&v)
            } else {
                serde_json::to_string(&v)
            }
            .map_err(|e| usage(e.to_string()))?;
            if writeln!(out, "{s}").is_err() {
                return Ok(EXIT_OK);
            }
        }
    }
    Ok(EXIT_OK)
}

fn cmd_eval(a: EvalArgs) -> Result<u8, Fail> {
    let policy = load_policy(&a.policy)?;
    let analyzer = build_analyzer(policy, None)?;
    warn_policy(&analyzer);
    let file = fs::File::open(&a.corpus).map_err(|e| {
        usage(format!(
            "{}: cannot read ({})",
            a.corpus.display(),
            e.kind()
        ))
    })?;
    let notes = phimask_corpora::read_jsonl(io::BufReader::new(file))
        .map_err(|e| usage(format!("{}: {e}", a.corpus.display())))?;
    let threads = a.threads.unwrap_or_else(scrub::default_threads);
    let outcome = check::run_eval(&analyzer, &notes, threads).map_err(usage)?;
    if let Some(path) = &a.leaks {
        let mut buf = Vec::new();
        for (kind, list) in [
            ("leak", &outcome.report.leaks),
            ("masked_keep", &outcome.report.masked_keeps),
        ] {
            for l in list {
                #[derive(serde::Serialize)]
                struct LeakOut<'a> {
                    kind: &'a str,
                    #[serde(flatten)]
                    leak: &'a phimask_corpora::Leak,
                }
                let line = serde_json::to_string(&LeakOut { kind, leak: l })
                    .map_err(|e| usage(e.to_string()))?;
                buf.extend_from_slice(line.as_bytes());
                buf.push(b'\n');
            }
        }
        write_file_atomic(path, &buf)?;
    }
    let mut out = io::stdout().lock();
    if a.json {
        let s = serde_json::to_string_pretty(&outcome).map_err(|e| usage(e.to_string()))?;
        let _ = writeln!(out, "{s}");
    } else {
        let _ = writeln!(
            out,
            "phimask eval: {} notes from {}, {:.2}s",
            outcome.notes,
            a.corpus.display(),
            outcome.seconds
        );
        let _ = write!(out, "{}", outcome.report.table());
        let _ = write!(out, "{}", outcome.report.breakdown_table());
        if outcome.meets_targets {
            let _ = writeln!(out, "targets: all met");
        } else {
            let _ = writeln!(out, "targets missed:");
            for f in &outcome.failures {
                let _ = writeln!(out, "  {f}");
            }
        }
    }
    Ok(if a.enforce && !outcome.meets_targets {
        EXIT_FAILED
    } else {
        EXIT_OK
    })
}

fn cmd_check(a: CheckArgs) -> Result<u8, Fail> {
    let policy = load_policy(&a.policy)?;
    let analyzer = build_analyzer(policy, None)?;
    warn_policy(&analyzer);
    let mut templates = Vec::new();
    for p in &a.templates {
        let doc = fs::read_to_string(p)
            .map_err(|e| usage(format!("{}: cannot read ({})", p.display(), e.kind())))?;
        let t = check::split_templates(&doc);
        if t.is_empty() {
            return Err(usage(format!("{}: no templates", p.display())));
        }
        templates.extend(t);
    }
    let mut formats = phimask_corpora::ValueFormats::new();
    for vf in &a.value_formats {
        let Some((slot, fmt)) = vf.split_once('=') else {
            return Err(usage(format!("--value-format {vf}: expected SLOT=FORMAT")));
        };
        formats
            .set(slot.trim(), fmt)
            .map_err(|e| usage(format!("--value-format {vf}: {e}")))?;
    }
    if !(0.0..=1.0).contains(&a.max_masked_keeps) {
        return Err(usage("--max-masked-keeps: must be between 0 and 1"));
    }
    if a.count == 0 {
        return Err(usage("--count: must be at least 1"));
    }
    let cfg = CheckConfig {
        count: a.count,
        seed: a.seed,
        templates,
        formats,
        include_generated: a.include_generated,
        max_leaks: a.max_leaks,
        max_masked_keeps: a.max_masked_keeps,
        threads: a.threads.unwrap_or_else(scrub::default_threads),
    };
    let outcome = check::run_check(&analyzer, &cfg).map_err(usage)?;
    let json = || serde_json::to_string_pretty(&outcome).map_err(|e| usage(e.to_string()));
    if let Some(p) = &a.junit {
        write_file_atomic(p, outcome.junit().as_bytes())?;
    }
    if let Some(p) = &a.json {
        write_file_atomic(p, json()?.as_bytes())?;
    }
    let text = match a.format {
        ReportFormat::Human => outcome.human(),
        ReportFormat::Json => json()? + "\n",
        ReportFormat::Junit => outcome.junit(),
    };
    let mut out = io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    if a.format != ReportFormat::Human && !outcome.passed && io::stderr().is_terminal() {
        eprintln!("phimask check: FAIL: {}", outcome.reasons.join("; "));
    }
    Ok(if outcome.passed { EXIT_OK } else { EXIT_FAILED })
}
