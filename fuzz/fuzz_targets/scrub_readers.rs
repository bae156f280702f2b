//! The `phimask scrub` readers and writers (text, lines, JSONL with field paths,
//! CSV, TSV) on arbitrary bytes: no panics, and records written back read back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    phimask_cli::fuzzing::scrub_readers(data);
});
