//! Reader: one markdown page of the reference dialect → the facts a binding needs.
pub mod blocks;
pub mod front_matter;
pub mod annotation;
pub mod page;
