//! Rust names for every IR type, reserved before any code is emitted (so forward and cyclic
//! references are not special), and the boxing decision for recursive fields — a pass over
//! the type graph, not a check scattered through emission.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::models::all_properties;
use super::naming::{self, ident, UniqueNames};
use crate::ir::{Api, Property, TypeKey, TypeKind, TypeRef};

/// Assigned names and recursion facts for one [`Api`].
pub struct Names {
    rust: BTreeMap<TypeKey, String>,
    /// (owner type, JSON property name) pairs whose field must be boxed.
    boxed: BTreeSet<(TypeKey, String)>,
}

impl Names {
    /// Name every type and find recursive fields.
    pub fn new(api: &Api) -> Self {
        let mut unique = UniqueNames::new();
        // Reserve names of the runtime items re-exported next to models.
        for reserved in ["Collection", "Request", "Error", "Method", "NoContent"] {
            unique.reserve(reserved);
        }
        let mut rust = BTreeMap::new();
        // Types of the default namespace claim plain names first; sub-namespace types are
        // prefixed with their namespace (`CallRecordsSession`).
        let mut ordered: Vec<(&TypeKey, String)> = api
            .types
            .iter()
            .map(|(k, def)| {
                let sub = def.namespace.strip_prefix("microsoft.graph").unwrap_or(&def.namespace).trim_start_matches('.');
                (k, if sub.is_empty() { def.name.clone() } else { format!("{sub}.{}", def.name) })
            })
            .collect();
        ordered.sort_by_key(|(k, wire)| (wire.contains('.'), (*k).clone()));
        for (key, wire) in ordered {
            rust.insert(key.clone(), unique.claim(&naming::type_name(&wire)));
        }
        Names { rust, boxed: recursive_fields(api) }
    }

    /// The Rust identifier of a type.
    pub fn type_ident(&self, key: &str) -> Ident {
        ident(self.rust.get(key).map(String::as_str).unwrap_or(naming::TYPE_FALLBACK))
    }

    /// The Rust name of a type.
    pub fn type_name(&self, key: &str) -> Option<&str> {
        self.rust.get(key).map(String::as_str)
    }

    /// Absolute path of a type, or `None` if the key is unknown.
    pub fn type_path(&self, key: &str) -> Option<TokenStream> {
        let name = ident(self.rust.get(key)?);
        Some(quote!(crate::models::#name))
    }

    /// Whether `owner`'s field for `p` must be boxed to break a cycle.
    pub fn is_boxed(&self, owner: &str, p: &Property) -> bool {
        self.boxed.contains(&(owner.to_string(), p.name.clone()))
    }
}

/// Fields (owner, property) that close a cycle of by-value struct references.
/// Collections are already heap-allocated, so only single-valued named structs count.
fn recursive_fields(api: &Api) -> BTreeSet<(TypeKey, String)> {
    let mut graph = DiGraph::<&TypeKey, ()>::new();
    let nodes: BTreeMap<&TypeKey, _> = api.types.keys().map(|k| (k, graph.add_node(k))).collect();
    let mut edges = Vec::new();
    for (key, def) in &api.types {
        if def.kind != TypeKind::Structure {
            continue;
        }
        for p in all_properties(api, def) {
            if let (false, TypeRef::Named { key: target }) = (p.collection, &p.ty) {
                if let Some(&to) = nodes.get(target) {
                    graph.add_edge(nodes[key], to, ());
                    edges.push((key.clone(), target.clone(), p.name.clone()));
                }
            }
        }
    }
    let mut component = BTreeMap::new();
    for (i, scc) in tarjan_scc(&graph).into_iter().enumerate() {
        for n in scc {
            component.insert(graph[n].clone(), i);
        }
    }
    edges
        .into_iter()
        .filter(|(from, to, _)| component.get(from) == component.get(to))
        .map(|(from, _, name)| (from, name))
        .collect()
}
