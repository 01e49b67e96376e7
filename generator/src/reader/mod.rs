//! Reader: one markdown page of the reference dialect → the facts a binding needs.
//! Blocks first (CommonMark structure), then annotations, tables, HTTP messages and JSON
//! bodies, assembled per page in `page`.
pub mod annotation;
pub mod blocks;
pub mod front_matter;
#[allow(missing_docs)] // field-level docs pending; the types are documented
pub mod http;
#[allow(missing_docs)] // field-level docs pending; the types are documented
pub mod lenient_json;
pub mod page;
#[allow(missing_docs)] // field-level docs pending; the types are documented
pub mod text;
#[allow(missing_docs)] // field-level docs pending; the types are documented
pub mod type_expr;
