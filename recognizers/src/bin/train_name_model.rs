//! `train_name_model`: trains phimask's name model on the project's own
//! generator (`phimask-corpora`, generator 1) and writes the weights file.
//!
//! ```text
//! cargo run --release -p phimask-recognizers --features train --bin train_name_model -- \
//!     --seed 1 --count 8000 --epochs 6 --holdout 8 --eval-seed 2 --eval-count 2000 \
//!     --out recognizers/data/names/model.bin
//! ```
//!
//! Names are split by a fixed hash of their folded words: one word in
//! `--holdout` is held out. Training uses only the notes of `--seed` in
//! which no PERSON span holds a held-out word; the evaluation (on
//! `--eval-seed`) reports token precision, recall and F1 on every note and
//! on the notes that do hold a held-out name, and the recall on the
//! held-out words themselves. `--eval-jsonl FILE` adds any annotated
//! corpus (for example generator 2's output) to the report.
#![forbid(unsafe_code)]

use std::collections::BTreeSet;
use std::process::ExitCode;

use phimask_core::document::Document;
use phimask_core::Span;
use phimask_corpora::Note;
use phimask_recognizers::names::model::{labelled_tokens, train, Model, TrainOptions, TrainText};

const USAGE: &str = "usage: train_name_model [--seed N] [--count N] [--epochs N] [--holdout K] \
[--eval-seed N] [--eval-count N] [--eval-jsonl FILE]... [--out FILE]";

struct Args {
    seed: u64,
    count: usize,
    epochs: u32,
    holdout: u64,
    eval_seed: u64,
    eval_count: usize,
    eval_jsonl: Vec<String>,
    out: Option<String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        seed: 1,
        count: 8000,
        epochs: 6,
        holdout: 8,
        eval_seed: 2,
        eval_count: 2000,
        eval_jsonl: Vec::new(),
        out: None,
    };
    let mut it = args.iter();
    while let Some(k) = it.next() {
        let v = it.next().ok_or_else(|| format!("{k} needs a value"))?;
        let num = || {
            v.parse::<u64>()
                .map_err(|_| format!("{k} must be a number"))
        };
        match k.as_str() {
            "--seed" => a.seed = num()?,
            "--count" => a.count = num()? as usize,
            "--epochs" => a.epochs = num()? as u32,
            "--holdout" => a.holdout = num()?.max(1),
            "--eval-seed" => a.eval_seed = num()?,
            "--eval-count" => a.eval_count = num()? as usize,
            "--eval-jsonl" => a.eval_jsonl.push(v.clone()),
            "--out" => a.out = Some(v.clone()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(a)
}

/// A fixed hash of a folded word (FNV-1a), for the held-out split.
fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.to_lowercase().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The PERSON spans of a note without their optional parts (titles).
fn name_spans(n: &Note) -> Vec<Span> {
    let mut out = Vec::new();
    for a in n.phi.iter().filter(|a| a.entity == "PERSON") {
        let mut at = a.start;
        let mut opt = a.optional.clone();
        opt.sort_unstable();
        for [s, e] in opt {
            if s > at {
                out.push(Span::new(at, s.min(a.end)));
            }
            at = at.max(e);
        }
        if at < a.end {
            out.push(Span::new(at, a.end));
        }
    }
    out
}

/// The words (letter runs) of the names of a note.
fn name_words<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
    spans
        .iter()
        .filter_map(|s| text.get(s.range()))
        .flat_map(|s| s.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
}

#[derive(Default)]
struct Counts {
    tp: u64,
    fp: u64,
    fn_: u64,
}

impl Counts {
    fn line(&self, what: &str) -> String {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "{what:<42} tokens P {p:.4} R {r:.4} F1 {f:.4}  (tp {} fp {} fn {})",
            self.tp, self.fp, self.fn_
        )
    }
}

/// Token counts of `model` on `notes` at margin `threshold`; also the
/// recall on held-out name words when `held` is given.
fn evaluate(
    model: &Model,
    notes: &[Note],
    threshold: f32,
    held: Option<&BTreeSet<u64>>,
) -> (Counts, Counts) {
    let mut all = Counts::default();
    let mut held_c = Counts::default();
    for n in notes {
        let spans = name_spans(n);
        let doc = Document::new(&n.text);
        let margins = model.margins(&doc);
        let labels = labelled_tokens(&n.text, &spans);
        let mut li = labels.iter().peekable();
        for (t, m) in doc.tokens().iter().zip(&margins) {
            let Some(&&(s, y)) = li.peek() else { break };
            if s != t.span {
                continue;
            }
            li.next();
            let p = *m > threshold;
            match (p, y) {
                (true, true) => all.tp += 1,
                (true, false) => all.fp += 1,
                (false, true) => all.fn_ += 1,
                _ => {}
            }
            if let Some(h) = held {
                let w = &n.text[s.range()];
                if y && h.contains(&word_hash(w)) {
                    if p {
                        held_c.tp += 1;
                    } else {
                        held_c.fn_ += 1;
                    }
                }
            }
        }
    }
    (all, held_c)
}

fn run(args: &[String]) -> Result<(), String> {
    let a = parse(args)?;
    let is_held = |w: &str| word_hash(w).is_multiple_of(a.holdout);
    let train_notes = phimask_corpora::generate(a.seed, a.count);
    let mut texts = Vec::new();
    let mut skipped = 0usize;
    for n in &train_notes {
        let spans = name_spans(n);
        if a.holdout > 1 && name_words(&n.text, &spans).iter().any(|w| is_held(w)) {
            skipped += 1;
            continue;
        }
        texts.push(TrainText {
            text: n.text.clone(),
            names: spans,
        });
    }
    eprintln!(
        "training on {} notes of seed {} ({} skipped for held-out names), {} epochs",
        texts.len(),
        a.seed,
        skipped,
        a.epochs
    );
    let model = train(
        &texts,
        TrainOptions {
            epochs: a.epochs,
            seed: a.seed,
        },
    );
    if let Some(path) = &a.out {
        std::fs::write(path, model.to_bytes()).map_err(|e| format!("{path}: {e}"))?;
        eprintln!("wrote {path}");
    }
    let eval = phimask_corpora::generate(a.eval_seed, a.eval_count);
    let mut held = BTreeSet::new();
    let mut held_notes = Vec::new();
    for n in &eval {
        let spans = name_spans(n);
        let words = name_words(&n.text, &spans);
        let mut any = false;
        for w in words {
            if a.holdout > 1 && is_held(w) {
                held.insert(word_hash(w));
                any = true;
            }
        }
        if any {
            held_notes.push(n.clone());
        }
    }
    let mut extra = Vec::new();
    for path in &a.eval_jsonl {
        let f = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
        let notes = phimask_corpora::read_jsonl(std::io::BufReader::new(f))
            .map_err(|e| format!("{path}: {e}"))?;
        extra.push((path.clone(), notes));
    }
    for th in [0.0f32, 5.0, 10.0, 20.0, 40.0] {
        eprintln!("margin > {th}");
        let (all, _) = evaluate(&model, &eval, th, None);
        eprintln!(
            "  {}",
            all.line(&format!("seed {} all notes ({})", a.eval_seed, eval.len()))
        );
        let (hn, hw) = evaluate(&model, &held_notes, th, Some(&held));
        eprintln!(
            "  {}",
            hn.line(&format!("notes with held-out names ({})", held_notes.len()))
        );
        eprintln!("  {}", hw.line("held-out name words (recall only)"));
        for (path, notes) in &extra {
            let (c, _) = evaluate(&model, notes, th, None);
            eprintln!("  {}", c.line(path));
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_name_model: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
