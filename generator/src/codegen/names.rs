//! Rust names for every IR type, reserved before any code is emitted (so forward and cyclic
//! references are not special), and the boxing decision for recursive fields — a pass over
//! the type graph, not a check scattered through emission.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use proc_macro2::Ident;

use super::models::all_properties;
use super::naming::{self, ident, UniqueNames};
use crate::ir::{Api, ExampleRole, Property, TypeKey, TypeKind, TypeRef};

/// A base type that is referenced somewhere and has derived types: references to it use an
/// `Any…` enum that dispatches on `@odata.type`.
pub struct Polymorphic {
    /// Name of the `Any…` enum.
    pub any_name: String,
    /// Every type derived from the base, transitively, sorted by key.
    pub derived: Vec<TypeKey>,
}

/// Assigned names and recursion facts for one [`Api`].
pub struct Names {
    rust: BTreeMap<TypeKey, String>,
    /// Polymorphic bases by key.
    pub polymorphic: BTreeMap<TypeKey, Polymorphic>,
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
        let polymorphic = polymorphic_bases(api, &rust, &mut unique);
        let boxed = recursive_fields(api, &polymorphic);
        Names { rust, polymorphic, boxed }
    }

    /// The name used where a type is *referenced* (fields, payloads): its `Any…` enum when
    /// it is a polymorphic base, else the type itself.
    pub fn reference_name(&self, key: &str) -> Option<&str> {
        match self.polymorphic.get(key) {
            Some(p) => Some(p.any_name.as_str()),
            None => self.type_name(key),
        }
    }

    /// The Rust identifier of a type.
    pub fn type_ident(&self, key: &str) -> Ident {
        ident(self.rust.get(key).map(String::as_str).unwrap_or(naming::TYPE_FALLBACK))
    }

    /// The Rust name of a type.
    pub fn type_name(&self, key: &str) -> Option<&str> {
        self.rust.get(key).map(String::as_str)
    }

    /// Whether `owner`'s field for `p` must be boxed to break a cycle.
    pub fn is_boxed(&self, owner: &str, p: &Property) -> bool {
        self.boxed.contains(&(owner.to_string(), p.name.clone()))
    }
}

/// Bases with derived types that some property, payload or example refers to.
fn polymorphic_bases(api: &Api, rust: &BTreeMap<TypeKey, String>, unique: &mut UniqueNames) -> BTreeMap<TypeKey, Polymorphic> {
    let mut referenced = BTreeSet::new();
    let mut visit = |ty: &TypeRef| {
        if let TypeRef::Named { key } = ty {
            referenced.insert(key.clone());
        }
    };
    for def in api.types.values() {
        def.properties.iter().for_each(|p| visit(&p.ty));
    }
    for op in &api.operations {
        op.request_body.iter().chain(op.response.iter()).for_each(|p| visit(&p.ty));
    }
    // A resource's JSON representation is a sample of that type itself, not a reference
    // that could hold a derived type: it makes no `Any…` enum.
    api.examples.iter().filter(|e| e.role != ExampleRole::Representation).for_each(|e| visit(&e.payload.ty));

    let mut derived: BTreeMap<&TypeKey, Vec<TypeKey>> = BTreeMap::new();
    for key in api.types.keys() {
        // Every ancestor lists this type.
        for base in crate::ir::ancestors(&api.types, key) {
            derived.entry(base).or_default().push(key.clone());
        }
    }
    derived
        .into_iter()
        .filter(|(base, kids)| referenced.contains(*base) && !kids.is_empty() && rust.contains_key(*base))
        .filter(|(base, _)| api.types[*base].kind == TypeKind::Structure)
        .map(|(base, mut kids)| {
            kids.sort();
            kids.dedup();
            let any_name = unique.claim(&format!("Any{}", rust[base]));
            (base.clone(), Polymorphic { any_name, derived: kids })
        })
        .collect()
}

/// Fields (owner, property) that close a cycle of by-value struct references.
/// Collections are already heap-allocated, and `Any…` enums box their variants, so only
/// single-valued references to plain structs count.
fn recursive_fields(api: &Api, polymorphic: &BTreeMap<TypeKey, Polymorphic>) -> BTreeSet<(TypeKey, String)> {
    let mut graph = DiGraph::<&TypeKey, ()>::new();
    let nodes: BTreeMap<&TypeKey, _> = api.types.keys().map(|k| (k, graph.add_node(k))).collect();
    let mut edges = Vec::new();
    for (key, def) in &api.types {
        if def.kind != TypeKind::Structure {
            continue;
        }
        for p in all_properties(api, def) {
            if let (false, TypeRef::Named { key: target }) = (p.collection, &p.ty) {
                if polymorphic.contains_key(target) {
                    continue;
                }
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
