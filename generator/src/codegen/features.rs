//! Cargo features per workload, at type granularity. A type is compiled when any workload
//! whose types (or whose operations' payloads) need it is enabled; "need" follows properties
//! transitively but not relationships (navigation properties). A relationship field whose
//! type is not compiled is left out by `cfg`, and its JSON lands in `additional_properties`,
//! so nothing is lost — a user who enables `outlook` compiles messages, events and what they
//! are made of, not the whole graph that navigation links reach.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::models::all_properties;
use crate::ir::{Api, Payload, TypeKey, TypeKind, TypeRef};

/// The set of workload features under which each type is compiled.
pub struct Features {
    /// Every workload of the API (the `all` feature).
    pub workloads: BTreeSet<String>,
    needed_by: BTreeMap<TypeKey, BTreeSet<String>>,
}

impl Features {
    /// Compute, for every type, the workloads whose closure contains it.
    pub fn new(api: &Api) -> Self {
        let mut workloads: BTreeSet<String> = api.types.values().map(|d| d.workload.clone()).collect();
        workloads.extend(api.operations.iter().map(|o| o.workload.clone()));

        // Structural edges: the types a struct's non-relationship fields hold.
        let mut edges: BTreeMap<&TypeKey, Vec<&TypeKey>> = BTreeMap::new();
        for (key, def) in &api.types {
            if def.kind != TypeKind::Structure {
                continue;
            }
            let targets = all_properties(api, def).into_iter().filter(|p| !p.relationship).filter_map(|p| match &p.ty {
                TypeRef::Named { key } if api.types.contains_key(key) => Some(key),
                _ => None,
            });
            edges.insert(key, targets.collect());
        }
        let mut roots: BTreeMap<&str, Vec<&TypeKey>> = BTreeMap::new();
        for (key, def) in &api.types {
            roots.entry(def.workload.as_str()).or_default().push(key);
        }
        for op in &api.operations {
            for Payload { ty, .. } in op.request_body.iter().chain(op.response.iter()) {
                if let TypeRef::Named { key } = ty {
                    if api.types.contains_key(key) {
                        roots.entry(op.workload.as_str()).or_default().push(key);
                    }
                }
            }
        }
        let mut needed_by: BTreeMap<TypeKey, BTreeSet<String>> = BTreeMap::new();
        for (workload, starts) in roots {
            let mut seen: BTreeSet<&TypeKey> = BTreeSet::new();
            let mut stack = starts;
            while let Some(key) = stack.pop() {
                if seen.insert(key) {
                    stack.extend(edges.get(key).into_iter().flatten().copied());
                }
            }
            for key in seen {
                needed_by.entry(key.clone()).or_default().insert(workload.to_string());
            }
        }
        Features { workloads, needed_by }
    }

    /// Workloads under which a type is compiled.
    pub fn of(&self, key: &str) -> BTreeSet<String> {
        self.needed_by.get(key).cloned().unwrap_or_default()
    }

    /// `#[cfg(...)]` for a type: nothing when every workload needs it.
    pub fn type_cfg(&self, key: &str) -> TokenStream {
        self.cfg(&self.of(key))
    }

    /// `#[cfg(...)]` for an item of `owner` that uses `target`: nothing when `target` is
    /// compiled whenever `owner` is.
    pub fn use_cfg(&self, owner: &str, target: &str) -> TokenStream {
        let (o, t) = (self.of(owner), self.of(target));
        if o.is_subset(&t) {
            quote!()
        } else {
            self.cfg(&t)
        }
    }

    fn cfg(&self, set: &BTreeSet<String>) -> TokenStream {
        if set.is_superset(&self.workloads) {
            return quote!();
        }
        let features: Vec<&String> = set.iter().collect();
        match features.as_slice() {
            // Needed by nothing: unreachable from any workload, still compiled with `all`.
            [] => quote!(#[cfg(feature = "all")]),
            [one] => quote!(#[cfg(feature = #one)]),
            many => quote!(#[cfg(any(#(feature = #many),*))]),
        }
    }
}
