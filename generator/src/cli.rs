//! The `docgen` command line.

/// Entry point of the `docgen` binary.
pub fn main() {}
