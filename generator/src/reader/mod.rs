//! Reader: one markdown page of the reference dialect → the facts a binding needs.
//! Blocks first (CommonMark structure), then annotations, tables, HTTP messages and JSON
//! bodies, assembled per page in `page`.
pub mod annotation;
pub mod blocks;
pub mod front_matter;
pub mod lenient_json;
pub mod page;
