//! Codegen: resolved IR → Rust tokens. Every identifier it emits comes from [`naming`].

pub mod naming;
