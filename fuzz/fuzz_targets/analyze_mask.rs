//! Arbitrary bytes (lossily UTF-8) through the Safe Harbor analyzer and the
//! masker: spans in bounds and on boundaries, coverage sorted and disjoint,
//! the masked text has the input's characters with ● exactly on the covered ones.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    phimask_cli::fuzzing::analyze_mask(data);
});
