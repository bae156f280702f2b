//! Masks a file (or standard input) with the default Safe Harbor policy and
//! prints the result.
//!
//! ```text
//! cargo run --example scrub -- examples/sample_note.txt
//! ```

use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut bytes = Vec::new();
    let read = match std::env::args_os().nth(1) {
        Some(path) => std::fs::read(&path).map(|b| bytes = b),
        None => std::io::stdin().read_to_end(&mut bytes).map(|_| ()),
    };
    if let Err(e) = read {
        eprintln!("cannot read input: {e}");
        return ExitCode::from(2);
    }
    let result = phimask::from_utf8(&bytes).and_then(|text| phimask::safe_harbor()?.mask(text));
    match result {
        Ok(masked) => {
            #[allow(clippy::print_stdout, reason = "an example that prints its output")]
            {
                print!("{}", masked.text);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("phimask: {e}");
            ExitCode::from(1)
        }
    }
}
