//! Byte offsets of an arbitrary text converted to code points and UTF-16 and
//! back: monotonic, bounded, and exact on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    phimask_cli::fuzzing::offsets(data);
});
