//! Documented example bodies → a generated test that each one deserializes into its
//! documented type and serializes back without losing or changing a value.
//!
//! The bodies go to `tests/examples.json`, each naming its check by its type's path; the
//! checks, one per distinct type, are a table in `tests/examples.rs`. Kept out of the Rust
//! source, 5 MB of escaped string literals (beta) need no escaping, parsing and printing by
//! syn and prettyplease; one entry per type rather than per body (3,648 against 8,536 in
//! beta) leaves the test file a third of its size.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::models::type_tokens_in;
use super::names::Names;
use super::naming::ident;
use super::{format_file, CrateOptions};
use crate::ir::{Api, ExampleRole};

/// The `tests/examples.rs` and `tests/examples.json` files of a generated crate.
pub fn example_tests(api: &Api, names: &Names, options: &CrateOptions, used: &BTreeSet<&str>) -> (String, String) {
    let krate = ident(&options.crate_name.replace('-', "_"));
    let root = format!("{krate}::");
    // One JSON object per line, in the docs' order: small diffs when the docs change.
    let mut data = String::from("[\n");
    // Check key (the type's path inside the crate, e.g. `models::User`) → its type, sorted
    // so the test can binary-search it.
    let mut checks: BTreeMap<String, TokenStream> = BTreeMap::new();
    for ex in &api.examples {
        let Some(inner) = type_tokens_in(&ex.payload.ty, names, &quote!(#krate)) else { continue };
        let ty = if ex.payload.collection { quote!(#krate::runtime::Collection<#inner>) } else { inner };
        let spelled: String = ty.to_string().chars().filter(|c| !c.is_whitespace()).collect();
        let key = spelled.replace(&root, "");
        let role = match ex.role {
            ExampleRole::Request => "request",
            ExampleRole::Response => "response",
            ExampleRole::Representation => "representation",
        };
        let label = format!("{}:{} ({role})", ex.source.file, ex.source.line);
        if data.len() > 2 {
            data.push_str(",\n");
        }
        // `{"at":…,"check":…,"body":…,"doc_errors":…}` written directly: `json!` would clone the body.
        data.push_str(&format!(
            "{{\"at\":{},\"check\":{},\"body\":{},\"doc_errors\":{}}}",
            serde_json::Value::from(label.as_str()),
            serde_json::Value::from(key.as_str()),
            *ex.json,
            serde_json::Value::from(ex.doc_errors.join(", "))
        ));
        checks.entry(key).or_insert(ty);
    }
    data.push_str("\n]\n");
    let cases = checks.iter().map(|(key, ty)| quote!((#key, round_trip::<#ty>),));
    let count = api.examples.len();
    let doc = format!(" Round trips of the {count} documented example bodies: each must deserialize into its\n documented type and serialize back to an equal JSON value.");
    let scalar_checks = scalar_checks(used, &krate);
    let rust = format_file(
        quote! {
            #![doc = #doc]

            use serde::de::DeserializeOwned;
            use serde::Serialize;

            type Check = fn(&serde_json::Value) -> Result<(), String>;

            /// One documented body (`examples.json`).
            #[derive(serde::Deserialize)]
            struct Example {
                /// Where the docs show it.
                at: String,
                /// Its documented type: the key of its entry in [`CHECKS`].
                check: String,
                body: serde_json::Value,
                /// The doc errors docgen reported for it: empty means it must round-trip.
                doc_errors: String,
            }

            /// Equal as JSON values, with numbers compared numerically and typed scalars
            /// (timestamps as instants, GUIDs, durations, base64) compared by value.
            fn equivalent(a: &serde_json::Value, b: &serde_json::Value) -> bool {
                use serde_json::Value;
                match (a, b) {
                    (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
                    (Value::String(x), Value::String(y)) => x == y || same_scalar(x, y),
                    (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equivalent(a, b)),
                    (Value::Object(x), Value::Object(y)) => {
                        x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equivalent(v, w)))
                    }
                    _ => a == b,
                }
            }

            #[allow(unused_variables)]
            fn same_scalar(x: &str, y: &str) -> bool {
                #scalar_checks
                false
            }

            fn round_trip<T: Serialize + DeserializeOwned>(original: &serde_json::Value) -> Result<(), String> {
                let typed: T = serde_json::from_value(original.clone()).map_err(|e| format!("does not deserialize: {e}"))?;
                let back = serde_json::to_value(&typed).map_err(|e| format!("does not serialize: {e}"))?;
                if equivalent(&back, &original) {
                    Ok(())
                } else {
                    Err(format!("round trip changed the body:\n  documented: {original}\n  round trip: {back}"))
                }
            }

            /// (type, check): one round trip per documented type, sorted by type.
            const CHECKS: &[(&str, Check)] = &[#(#cases)*];

            #[test]
            fn documented_examples_round_trip() {
                let examples: Vec<Example> = serde_json::from_str(include_str!("examples.json")).expect("examples.json is valid");
                let mut lossless = 0;
                let mut doc_errors = 0;
                let mut problems = Vec::new();
                for example in &examples {
                    let at = &example.at;
                    let Ok(found) = CHECKS.binary_search_by(|(ty, _)| (*ty).cmp(example.check.as_str())) else {
                        problems.push(format!("{at}: no check for its type `{}`", example.check));
                        continue;
                    };
                    let known = &example.doc_errors;
                    match (CHECKS[found].1(&example.body), known.is_empty()) {
                        (Ok(()), true) => lossless += 1,
                        (Err(_), false) => doc_errors += 1,
                        (Err(e), true) => problems.push(format!("{at}: fails with no doc-drift diagnostic (generator bug?): {e}")),
                        (Ok(()), false) => problems.push(format!("{at}: round-trips although docgen reported {known}")),
                    }
                }
                println!(
                    "examples: {} checked ({} types), {lossless} round-trip losslessly, {doc_errors} fail on a reported doc error",
                    examples.len(),
                    CHECKS.len()
                );
                assert!(problems.is_empty(), "{} of {} examples disagree with docgen's diagnostics:\n{}", problems.len(), examples.len(), problems.join("\n"));
            }
        },
        &options.source_label,
    );
    (rust, data)
}

/// Value comparisons for the typed scalars the crate uses.
fn scalar_checks(used: &BTreeSet<&str>, krate: &proc_macro2::Ident) -> TokenStream {
    let mut checks = TokenStream::new();
    if used.contains("chrono") {
        checks.extend(quote! {
            if let (Ok(a), Ok(b)) = (chrono::DateTime::parse_from_rfc3339(x), chrono::DateTime::parse_from_rfc3339(y)) {
                return a == b;
            }
            if let (Ok(a), Ok(b)) = (x.parse::<chrono::NaiveTime>(), y.parse::<chrono::NaiveTime>()) {
                return a == b;
            }
        });
    }
    if used.contains("uuid") {
        checks.extend(quote! {
            if let (Ok(a), Ok(b)) = (uuid::Uuid::parse_str(x), uuid::Uuid::parse_str(y)) {
                return a == b;
            }
        });
    }
    if used.contains("iso8601") {
        checks.extend(quote! {
            if let (Ok(a), Ok(b)) = (x.parse::<#krate::runtime::Duration>(), y.parse::<#krate::runtime::Duration>()) {
                return a == b;
            }
        });
    }
    if used.contains("base64") {
        checks.extend(quote! {
            if let (Ok(a), Ok(b)) = (serde_json::from_value::<#krate::runtime::Base64>(x.into()), serde_json::from_value::<#krate::runtime::Base64>(y.into())) {
                return a == b;
            }
        });
    }
    checks
}
