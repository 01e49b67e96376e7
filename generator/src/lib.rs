//! docgen: Microsoft Graph style API reference markdown → typed Rust bindings.
//!
//! The pipeline is visible in the module tree:
//! `reader` (markdown → page facts) → `ir` (resolved types and operations)
//! → `codegen` (IR → formatted Rust) → `output` (write or check a folder).

pub mod cli;
pub mod codegen;
pub mod diagnostics;
pub mod reader;
