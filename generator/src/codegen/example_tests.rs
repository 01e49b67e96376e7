//! Documented example bodies → a generated test that each one deserializes into its
//! documented type and serializes back without losing or changing a value.

use proc_macro2::Literal;
use quote::quote;

use super::models::primitive_tokens;
use super::names::Names;
use super::naming::ident;
use super::{format_file, CrateOptions};
use crate::ir::{Api, ExampleRole, TypeRef};

/// The `tests/examples.rs` file of a generated crate.
pub fn example_tests(api: &Api, names: &Names, options: &CrateOptions) -> String {
    let krate = ident(&options.crate_name.replace('-', "_"));
    let cases = api.examples.iter().filter_map(|ex| {
        let inner = match &ex.payload.ty {
            TypeRef::Named { key } => {
                let name = ident(names.type_name(key)?);
                quote!(#krate::models::#name)
            }
            TypeRef::Primitive { primitive } => primitive_tokens(*primitive),
            TypeRef::Json => return None,
        };
        let ty = if ex.payload.collection { quote!(#krate::runtime::Collection<#inner>) } else { inner };
        let role = match ex.role {
            ExampleRole::Request => "request",
            ExampleRole::Response => "response",
        };
        let label = format!("{}:{} ({role})", ex.source.file, ex.source.line);
        let json = Literal::string(&serde_json::to_string(&ex.json).unwrap_or_default());
        Some(quote!((#label, round_trip::<#ty> as fn(&str) -> Result<(), String>, #json),))
    });
    let count = api.examples.len();
    let doc = format!(" Round trips of the {count} documented example bodies: each must deserialize into its\n documented type and serialize back to an equal JSON value.");
    format_file(
        quote! {
            #![doc = #doc]

            use serde::de::DeserializeOwned;
            use serde::Serialize;

            fn round_trip<T: Serialize + DeserializeOwned>(json: &str) -> Result<(), String> {
                let original: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
                let typed: T = serde_json::from_value(original.clone()).map_err(|e| format!("does not deserialize: {e}"))?;
                let back = serde_json::to_value(&typed).map_err(|e| format!("does not serialize: {e}"))?;
                if back == original {
                    Ok(())
                } else {
                    Err(format!("round trip changed the body:\n  documented: {original}\n  round trip: {back}"))
                }
            }

            const EXAMPLES: &[(&str, fn(&str) -> Result<(), String>, &str)] = &[#(#cases)*];

            #[test]
            fn documented_examples_round_trip() {
                let failures: Vec<String> = EXAMPLES
                    .iter()
                    .filter_map(|(at, check, json)| check(json).err().map(|e| format!("{at}: {e}")))
                    .collect();
                assert!(failures.is_empty(), "{} of {} examples failed:\n{}", failures.len(), EXAMPLES.len(), failures.join("\n"));
            }
        },
        &options.source_label,
    )
}
