//! The `phimask` command.
fn main() {}
