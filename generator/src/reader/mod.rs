//! Reader: one markdown page of the reference dialect → the facts a binding needs.

pub mod http;
pub mod text;
pub mod type_expr;
