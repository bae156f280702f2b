//! `phimask-corpus`: writes synthetic annotated notes as JSONL.
//!
//! ```text
//! phimask-corpus generate --seed 7 --count 300 --out corpora/generated/sample.jsonl
//! phimask-corpus stats corpora/generated/sample.jsonl
//! ```
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage:
  phimask-corpus generate [--seed N] [--count N] [--out FILE]   (default: seed 7, 300 notes, stdout)
  phimask-corpus stats FILE                                      (notes and spans per entity)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("phimask-corpus: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("generate") => {
            let mut seed = 7u64;
            let mut count = 300usize;
            let mut out: Option<String> = None;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                let mut val = || {
                    it.next()
                        .cloned()
                        .ok_or_else(|| format!("{a} needs a value"))
                };
                match a.as_str() {
                    "--seed" => {
                        seed = val()?
                            .parse()
                            .map_err(|_| "--seed must be a number".to_owned())?
                    }
                    "--count" => {
                        count = val()?
                            .parse()
                            .map_err(|_| "--count must be a number".to_owned())?
                    }
                    "--out" => out = Some(val()?),
                    other => return Err(format!("unknown argument `{other}`")),
                }
            }
            let notes = phimask_corpora::generate(seed, count);
            match out {
                Some(path) => {
                    if let Some(dir) = std::path::Path::new(&path).parent() {
                        if !dir.as_os_str().is_empty() {
                            std::fs::create_dir_all(dir).map_err(|e| format!("{path}: {e}"))?;
                        }
                    }
                    let f = std::fs::File::create(&path).map_err(|e| format!("{path}: {e}"))?;
                    phimask_corpora::write_jsonl(std::io::BufWriter::new(f), &notes)
                        .map_err(|e| format!("{path}: {e}"))?;
                }
                None => {
                    let stdout = std::io::stdout();
                    phimask_corpora::write_jsonl(stdout.lock(), &notes)
                        .map_err(|e| e.to_string())?;
                }
            }
            Ok(())
        }
        Some("stats") => {
            let path = args.get(1).ok_or("stats needs a FILE")?;
            let f = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
            let notes = phimask_corpora::read_jsonl(std::io::BufReader::new(f))
                .map_err(|e| format!("{path}: {e}"))?;
            let mut phi: BTreeMap<&str, usize> = BTreeMap::new();
            let mut keep: BTreeMap<&str, usize> = BTreeMap::new();
            let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
            for n in &notes {
                *kinds.entry(&n.kind).or_default() += 1;
                for a in &n.phi {
                    *phi.entry(&a.entity).or_default() += 1;
                }
                for a in &n.keep {
                    *keep.entry(&a.entity).or_default() += 1;
                }
            }
            let mut s = format!("notes: {}\nkinds:\n", notes.len());
            for (k, v) in &kinds {
                s.push_str(&format!("  {k:<24} {v}\n"));
            }
            s.push_str("phi spans:\n");
            for (k, v) in &phi {
                s.push_str(&format!("  {k:<24} {v}\n"));
            }
            s.push_str("keep spans:\n");
            for (k, v) in &keep {
                s.push_str(&format!("  {k:<24} {v}\n"));
            }
            std::io::stdout()
                .write_all(s.as_bytes())
                .map_err(|e| e.to_string())
        }
        _ => Err("expected a command".to_owned()),
    }
}
