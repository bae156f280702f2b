//! Arbitrary bytes as a TOML or JSON policy: parsing never panics, a parsed
//! policy round-trips through TOML, and building an analyzer from it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    phimask_cli::fuzzing::policy_parse(data);
});
