//! Reader: one markdown page of the reference dialect → the facts a binding needs.

pub mod lenient_json;
