//! Built-in recognizers: locations.

use std::sync::Arc;

use phimask_core::{Error, Recognizer};

/// The recognizers of this family.
///
/// # Errors
/// When a built-in pattern or dictionary fails to build (a bug).
pub fn recognizers() -> Result<Vec<Arc<dyn Recognizer>>, Error> {
    Ok(Vec::new())
}
