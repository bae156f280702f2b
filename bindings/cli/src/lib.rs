//! The library behind the `phimask` command: record readers and writers
//! for `phimask scrub` (plain text, JSON Lines with nested field paths,
//! CSV/TSV, JSON documents), the scrub pipeline, output files, and the
//! `check` report formats. The binary
//! is a thin layer over it; the fuzz targets and integration tests call it
//! directly.
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![forbid(unsafe_code)]

pub mod check;
pub mod fuzzing;
pub mod jsonpath;
pub mod output;
pub mod records;
pub mod scrub;
