//! Reader: one markdown page of the reference dialect → the facts a binding needs.
//! Blocks first (CommonMark structure), then annotations, tables, HTTP messages and JSON
//! bodies, assembled per page in `page`.
pub mod annotation;
pub mod blocks;
pub mod front_matter;
pub mod http;
pub mod lenient_json;
pub mod page;
pub mod text;
pub mod type_expr;
