//! `phimask-corpus2`: writes the independent corpus as JSONL, or prints
//! counts of a corpus file.
//!
//! ```text
//! phimask-corpus2 generate --seed 1 --count 300 --out corpora/independent/sample.jsonl
//! phimask-corpus2 stats FILE
//! ```

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: phimask-corpus2 generate --seed N --count N [--out FILE]\n       phimask-corpus2 stats FILE\n";

fn fail(msg: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "phimask-corpus2: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => generate(&args[1..]),
        Some("stats") => match args.get(1) {
            Some(p) => stats(p),
            None => fail("stats needs a file"),
        },
        _ => fail("expected a command"),
    }
}

fn generate(args: &[String]) -> ExitCode {
    let (mut seed, mut count, mut out) = (None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let v = it.next();
        match (a.as_str(), v) {
            ("--seed", Some(v)) => seed = v.parse::<u64>().ok(),
            ("--count", Some(v)) => count = v.parse::<usize>().ok(),
            ("--out", Some(v)) => out = Some(v.clone()),
            _ => return fail(&format!("bad argument {a}")),
        }
    }
    let (Some(seed), Some(count)) = (seed, count) else {
        return fail("--seed and --count take numbers and are required");
    };
    if seed == phimask_corpus_independent::UNSEEN_SEED && out.is_none() {
        return fail("seed 424242 is the unseen seed: write it to a file (--out) and score it, never print it");
    }
    let notes = phimask_corpus_independent::generate(seed, count);
    let mut buf = Vec::new();
    if let Err(e) = phimask_corpora::write_jsonl(&mut buf, &notes) {
        return fail(&format!("cannot serialise ({})", e.kind()));
    }
    let r = match &out {
        Some(p) => std::fs::write(p, &buf),
        None => std::io::stdout().lock().write_all(&buf),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot write ({})", e.kind())),
    }
}

fn stats(path: &str) -> ExitCode {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(&format!("{path}: cannot read ({})", e.kind())),
    };
    let notes = match phimask_corpora::read_jsonl(std::io::BufReader::new(file)) {
        Ok(n) => n,
        Err(e) => return fail(&format!("{path}: {e}")),
    };
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut ents: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut origins: BTreeMap<&str, usize> = BTreeMap::new();
    for n in &notes {
        *kinds.entry(&n.kind).or_default() += 1;
        for a in &n.phi {
            ents.entry(a.entity.clone()).or_default().0 += 1;
            if let Some(o) = &a.origin {
                *origins.entry(o).or_default() += 1;
            }
        }
        for a in &n.keep {
            ents.entry(a.entity.clone()).or_default().1 += 1;
        }
    }
    let mut s = String::new();
    s.push_str(&format!(
        "{} notes\n\nkind                 notes\n",
        notes.len()
    ));
    for (k, c) in &kinds {
        s.push_str(&format!("{k:<20} {c:>5}\n"));
    }
    s.push_str("\nentity                 phi   keep\n");
    for (e, (p, k)) in &ents {
        s.push_str(&format!("{e:<20} {p:>5} {k:>6}\n"));
    }
    s.push_str("\nname origin          spans\n");
    for (o, c) in &origins {
        s.push_str(&format!("{o:<20} {c:>5}\n"));
    }
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
    ExitCode::SUCCESS
}
