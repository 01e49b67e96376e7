//! IR types → serde models. Every field is optional and nullable (`Option<Option<T>>`:
//! absent, `null`, value), unknown properties are kept in `additional_properties`, enums are
//! open (unknown members keep their raw string).

use proc_macro2::TokenStream;
use quote::quote;

use syn::parse::Parser;

use super::docs::{markdown_text, DocComments};
use super::naming::{self, ident};
use super::features::Features;
use super::names::{Names, Polymorphic};
use crate::ir::{Api, Property, TypeDef, TypeKind, TypeRef};
use crate::reader::type_expr::Primitive;

/// The Rust type of a primitive, in a crate whose root is `root` (`crate` inside the
/// bindings, the crate's name from its tests), as tokens: [`primitive_type_in`] printed.
pub fn primitive_tokens(p: Primitive, root: &TokenStream) -> TokenStream {
    let ty = primitive_type_in(p, &root.to_string());
    quote!(#ty)
}

/// The external crates a primitive needs in the generated `Cargo.toml`.
pub fn primitive_crate(p: Primitive) -> Option<&'static str> {
    match p {
        Primitive::DateTimeOffset | Primitive::Date | Primitive::TimeOfDay => Some("chrono"),
        Primitive::Duration => Some("iso8601"),
        Primitive::Guid => Some("uuid"),
        Primitive::Binary => Some("base64"),
        _ => None,
    }
}

/// The Rust type of a resolved type reference, inside the bindings.
pub fn type_tokens(ty: &TypeRef, names: &Names) -> TokenStream {
    type_tokens_in(ty, names, &quote!(crate)).unwrap_or_else(|| quote!(::serde_json::Value))
}

/// The Rust type of a resolved type reference in a crate whose root is `root`; `None` for
/// untyped JSON and for a named type that has no model.
pub fn type_tokens_in(ty: &TypeRef, names: &Names, root: &TokenStream) -> Option<TokenStream> {
    Some(match ty {
        TypeRef::Primitive { primitive } => primitive_tokens(*primitive, root),
        TypeRef::Named { key } => {
            let name = ident(names.reference_name(key)?);
            quote!(#root::models::#name)
        }
        TypeRef::Json => return None,
        TypeRef::Reference => quote!(#root::runtime::Reference),
        TypeRef::ErrorResponse => quote!(#root::runtime::ErrorResponse),
    })
}

/// A field's type, `Option<Option<T>>`, as a syn node. Built directly rather than parsed
/// back from tokens: there is one per property (≈ 30k on the corpus), and parsing them was
/// ≈ 3% of generation (`docgen bench`). Prints as the tokens of [`type_tokens`] would (a
/// test compares every primitive).
fn field_type(p: &Property, boxed: bool, names: &Names) -> syn::Type {
    let mut ty = match &p.ty {
        TypeRef::Primitive { primitive } => primitive_type(*primitive),
        TypeRef::Named { key } => match names.reference_name(key) {
            Some(name) => path_type(&["crate", "models", name], None),
            None => path_type(&["", "serde_json", "Value"], None),
        },
        TypeRef::Json => path_type(&["", "serde_json", "Value"], None),
        TypeRef::Reference => path_type(&["crate", "runtime", "Reference"], None),
        TypeRef::ErrorResponse => path_type(&["crate", "runtime", "ErrorResponse"], None),
    };
    if p.collection {
        ty = path_type(&["Vec"], Some(ty));
    }
    if boxed {
        ty = path_type(&["Box"], Some(ty));
    }
    path_type(&["Option"], Some(path_type(&["Option"], Some(ty))))
}

/// A primitive's Rust type inside the bindings (root `crate`).
fn primitive_type(p: Primitive) -> syn::Type {
    primitive_type_in(p, "crate")
}

/// The Rust type of a primitive in a crate whose root is `root`, as a syn node. Prelude
/// names (`String`, `Option`, `Vec`, `Box`) are written bare: no generated type may take
/// one (`naming::RESERVED_TYPE_NAMES`), and the short spelling is a third less for
/// prettyplease to print on the full corpus.
fn primitive_type_in(p: Primitive, root: &str) -> syn::Type {
    let bare = |name: &str| path_type(&[name], None);
    match p {
        Primitive::String => bare("String"),
        Primitive::Boolean => bare("bool"),
        Primitive::Int32 => bare("i32"),
        Primitive::Int64 => bare("i64"),
        Primitive::Int16 => bare("i16"),
        Primitive::Byte => bare("u8"),
        Primitive::SByte => bare("i8"),
        // `Single` too: the docs (and services) write Single values with double precision,
        // and an `f32` would change them on the way back out.
        Primitive::Double | Primitive::Decimal | Primitive::Single => bare("f64"),
        Primitive::DateTimeOffset => {
            path_type(&["", "chrono", "DateTime"], Some(path_type(&["", "chrono", "FixedOffset"], None)))
        }
        Primitive::Date => path_type(&["", "chrono", "NaiveDate"], None),
        Primitive::TimeOfDay => path_type(&["", "chrono", "NaiveTime"], None),
        Primitive::Duration => path_type(&[root, "runtime", "Duration"], None),
        Primitive::Guid => path_type(&["", "uuid", "Uuid"], None),
        Primitive::Binary => path_type(&[root, "runtime", "Base64"], None),
        // Streams are fetched through `$value`, never inlined in JSON as typed data.
        Primitive::Stream => path_type(&["", "serde_json", "Value"], None),
    }
}

/// The path type `a::b::C` (`::a::b::C` when the first segment is empty), with `<arg>` on
/// its last segment.
fn path_type(segments: &[&str], arg: Option<syn::Type>) -> syn::Type {
    let global = segments.first() == Some(&"");
    let mut path = syn::Path { leading_colon: global.then(Default::default), segments: syn::punctuated::Punctuated::new() };
    for segment in segments.iter().skip(usize::from(global)) {
        path.segments.push(syn::PathSegment::from(ident(segment)));
    }
    if let (Some(arg), Some(last)) = (arg, path.segments.last_mut()) {
        last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: std::iter::once(syn::GenericArgument::Type(arg)).collect(),
            gt_token: Default::default(),
        });
    }
    syn::Type::Path(syn::TypePath { attrs: Vec::new(), qself: None, path })
}

/// All fields of a structure: inherited ones first (base chain, root first), then its own.
pub fn all_properties<'a>(api: &'a Api, def: &'a TypeDef) -> Vec<&'a Property> {
    let key = def.qualified().to_ascii_lowercase();
    let mut chain = vec![def];
    chain.extend(crate::ir::ancestors(&api.types, &key).into_iter().map_while(|base| api.types.get(base)));
    let mut seen = std::collections::HashSet::new();
    chain
        .iter()
        .rev()
        .flat_map(|d| d.properties.iter())
        .filter(|p| seen.insert(p.name.as_str()))
        .collect()
}

/// A structure's model.
///
/// Built as a syn node rather than tokens: models are three quarters of the corpus's
/// generated lines, and parsing their tokens back into syn cost more than printing them
/// (`docgen bench`). Only the small shell (derives, container attributes, the fixed fields)
/// goes through tokens; each documented field is assembled directly, its doc comment a
/// marker that `docs` expands after printing. The printed result is the same as for the
/// equivalent tokens.
pub fn structure(api: &Api, key: &str, def: &TypeDef, names: &Names, features: &Features, docs: &mut DocComments) -> Vec<syn::Item> {
    let name = names.type_ident(key);
    let mut fields = naming::UniqueNames::with_reserved(["additional_properties"]);
    let mut has_odata_type = false;
    let props = all_properties(api, def);
    let documented: Vec<syn::Field> = props
        .iter()
        .map(|p| {
            has_odata_type |= p.name == "@odata.type";
            let rust = fields.claim(&naming::field_name(&p.name));
            field(key, p, &rust, names, features, docs)
        })
        .collect();
    // Every Graph object may carry its `@odata.type` discriminator.
    let odata_type = if has_odata_type {
        quote!()
    } else {
        let rust = ident(&fields.claim("odata_type"));
        quote! {
            #[doc = " The `@odata.type` discriminator, e.g. `#microsoft.graph.user`."]
            #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
            pub #rust: Option<String>,
        }
    };
    let cfg = features.type_cfg(key);
    let shell = quote! {
        #cfg
        #[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(default, rename_all = "camelCase")]
        pub struct #name {
            #odata_type
            #[doc = " Properties the docs do not list, and instance annotations, kept as sent."]
            #[serde(flatten)]
            pub additional_properties: ::serde_json::Map<String, ::serde_json::Value>,
        }
    };
    let mut item: syn::ItemStruct = syn::parse2(shell).expect("struct shell is valid Rust");
    item.attrs.splice(0..0, docs.attributes(&type_doc(def)));
    if let syn::Fields::Named(named) = &mut item.fields {
        // Documented fields go between `@odata.type` and `additional_properties`.
        let mut all: Vec<syn::Field> = std::mem::take(&mut named.named).into_iter().collect();
        let additional = all.pop();
        all.extend(documented);
        all.extend(additional);
        named.named = all.into_iter().collect();
    }
    vec![syn::Item::Struct(item)]
}

fn field(owner: &str, p: &Property, rust: &str, names: &Names, features: &Features, docs: &mut DocComments) -> syn::Field {
    let boxed = names.is_boxed(owner, p);
    // The struct says `rename_all = "camelCase"`, Graph's own convention; only names it
    // does not reproduce (acronyms, collisions, odd wire names) need their own rename.
    let rename = if naming::needs_field_rename(&p.name, rust) {
        let wire = &p.name;
        quote!(rename = #wire,)
    } else {
        quote!()
    };
    let mut attrs = docs.attributes(&property_doc(p));
    // A field whose type another feature set compiles exists only with it; without it the
    // JSON stays in `additional_properties`.
    if let TypeRef::Named { key } = &p.ty {
        let cfg = features.use_cfg(owner, key);
        if !cfg.is_empty() {
            attrs.extend(syn::Attribute::parse_outer.parse2(cfg).expect("cfg attribute is valid Rust"));
        }
    }
    attrs.push(syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: syn::Meta::List(syn::MetaList {
            path: syn::Path::from(proc_macro2::Ident::new("serde", proc_macro2::Span::call_site())),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens: quote!(#rename skip_serializing_if = "Option::is_none", with = "crate::runtime::double_option"),
        }),
    });
    syn::Field {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        ident: Some(ident(rust)),
        colon_token: Some(Default::default()),
        ty: field_type(p, boxed, names),
        default: None,
    }
}

/// An open enum: documented members plus `Unknown(String)` for members added later.
///
/// The doc comments (the type's and one per member) are attached after the code is
/// parsed, as markers that `docs` expands after printing, as for structures.
pub fn enumeration(key: &str, def: &TypeDef, names: &Names, features: &Features, docs: &mut DocComments) -> Vec<syn::Item> {
    let name = names.type_ident(key);
    let mut variants = naming::UniqueNames::with_reserved(["Unknown"]);
    let members: Vec<(proc_macro2::Ident, &str)> = def
        .members
        .iter()
        .map(|m| (ident(&variants.claim(&naming::variant_name(&m.name))), m.name.as_str()))
        .collect();
    let decl = members.iter().map(|(v, _)| quote!(#v,));
    let to_str = members.iter().map(|(v, wire)| quote!(#name::#v => #wire,));
    let from_str = members.iter().map(|(v, wire)| quote!(#wire => #name::#v,));
    let cfg = features.type_cfg(key);
    let mut items = super::parse_items(quote! {
        #cfg
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#decl)*
            #[doc = " A member these docs do not list, kept verbatim."]
            Unknown(String),
        }

        #cfg
        impl #name {
            /// The member's wire name.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    #name::Unknown(other) => other.as_str(),
                }
            }

            /// The members of a comma-separated flags value (`"a,b"` arrives as `Unknown`
            /// and keeps its exact text); a plain value gives itself.
            pub fn flags(&self) -> Vec<Self> {
                self.as_str().split(',').map(|m| #name::from(m.trim())).collect()
            }
        }

        #cfg
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => #name::Unknown(other.to_string()),
                }
            }
        }

        #cfg
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(#name::from(raw.as_str()))
            }
        }
    });
    if let Some(syn::Item::Enum(item)) = items.first_mut() {
        item.attrs.splice(0..0, docs.attributes(&type_doc(def)));
        for (variant, m) in item.variants.iter_mut().zip(&def.members) {
            let doc = if m.description.is_empty() { format!("`{}`", m.name) } else { m.description.clone() };
            variant.attrs = docs.attributes(&doc);
        }
    }
    items
}

/// The model of any type.
pub fn model(api: &Api, key: &str, def: &TypeDef, names: &Names, features: &Features, docs: &mut DocComments) -> Vec<syn::Item> {
    match def.kind {
        TypeKind::Structure => structure(api, key, def, names, features, docs),
        TypeKind::Enum => enumeration(key, def, names, features, docs),
    }
}

fn type_doc(def: &TypeDef) -> String {
    let mut doc = if def.description.is_empty() { format!("`{}`", def.qualified()) } else { def.description.clone() };
    doc.push_str(&format!("\n\nGraph type `{}`.", def.qualified()));
    doc
}

fn property_doc(p: &Property) -> String {
    let mut doc = if p.description.is_empty() { format!("`{}`", p.name) } else { p.description.clone() };
    // The cell's markdown as text: a code span would show link syntax and escapes verbatim.
    let written = markdown_text(&p.written_type).replace('`', "");
    if !written.is_empty() {
        doc.push_str(&format!("\n\nDocumented type: `{written}`."));
    }
    doc
}

/// `Any…` enum of a polymorphic base: one boxed variant per type (the base and every derived
/// type), chosen by `@odata.type` when deserializing; an unknown or missing discriminator
/// falls back to the base, which keeps the unknown properties. Serializes the variant as is,
/// discriminator included. Variants of other workloads sit behind their cargo features.
pub fn any_enum(api: &Api, base: &str, poly: &Polymorphic, names: &Names, features: &Features) -> TokenStream {
    let any = ident(&poly.any_name);
    let base_name = names.type_ident(base);
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut ser = Vec::new();
    ser.push(quote!(#any::#base_name(v) => ::serde::Serialize::serialize(v, serializer),));
    for key in &poly.derived {
        let Some(def) = api.types.get(key) else { continue };
        if def.kind != TypeKind::Structure {
            continue;
        }
        let name = names.type_ident(key);
        let tag = type_tag(key);
        let cfg = features.use_cfg(base, key);
        variants.push(quote!(#cfg #name(Box<crate::models::#name>),));
        arms.push(quote!(#cfg #tag => ::serde_json::from_value(value).map(|v| #any::#name(Box::new(v))),));
        ser.push(quote!(#cfg #any::#name(v) => ::serde::Serialize::serialize(v, serializer),));
    }
    let doc = format!(
        " `{}` or any of its {} derived types, chosen by `@odata.type`.",
        api.types[base].qualified(),
        poly.derived.len()
    );
    let any_cfg = features.type_cfg(base);
    quote! {
        #[doc = #doc]
        #any_cfg
        #[derive(Clone, Debug, PartialEq)]
        pub enum #any {
            #[doc = " The base type itself, or a derived type these docs (or enabled features) do not know."]
            #base_name(Box<crate::models::#base_name>),
            #(#variants)*
        }

        #any_cfg
        impl ::serde::Serialize for #any {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#ser)*
                }
            }
        }

        #any_cfg
        impl<'de> ::serde::Deserialize<'de> for #any {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = crate::runtime::type_tag(&value);
                let typed = match tag.as_str() {
                    #(#arms)*
                    _ => ::serde_json::from_value(value).map(|v| #any::#base_name(Box::new(v))),
                };
                typed.map_err(::serde::de::Error::custom)
            }
        }
    }
}

/// The discriminator form `runtime::type_tag` produces: lower case, `microsoft.graph.` dropped.
fn type_tag(key: &str) -> String {
    key.strip_prefix("microsoft.graph.").unwrap_or(key).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every primitive's Rust type, inside the bindings and from their tests (another root),
    /// bare and wrapped as a field's type is (compared without spaces: quote joins `>>`).
    #[test]
    fn primitive_types_are_spelled_as_documented() {
        use Primitive::*;
        let spelled = |t: TokenStream| t.to_string().replace(' ', "");
        // Every variant: `primitive_type_in`'s match is exhaustive, this list must be too.
        let expected = [
            (String, "String"),
            (Boolean, "bool"),
            (Int32, "i32"),
            (Int64, "i64"),
            (Int16, "i16"),
            (Byte, "u8"),
            (SByte, "i8"),
            (Double, "f64"),
            (Single, "f64"),
            (Decimal, "f64"),
            (DateTimeOffset, "::chrono::DateTime<::chrono::FixedOffset>"),
            (Date, "::chrono::NaiveDate"),
            (TimeOfDay, "::chrono::NaiveTime"),
            (Duration, "crate::runtime::Duration"),
            (Guid, "::uuid::Uuid"),
            (Binary, "crate::runtime::Base64"),
            (Stream, "::serde_json::Value"),
        ];
        for (p, want) in expected {
            let built = primitive_type(p);
            assert_eq!(spelled(quote!(#built)), want, "{p:?}");
            assert_eq!(spelled(primitive_tokens(p, &quote!(my_crate))), want.replace("crate::", "my_crate::"), "{p:?}");
            let wrapped = path_type(&["Option"], Some(path_type(&["Box"], Some(path_type(&["Vec"], Some(primitive_type(p)))))));
            assert_eq!(spelled(quote!(#wrapped)), format!("Option<Box<Vec<{want}>>>"), "{p:?}");
        }
        let reference = path_type(&["crate", "runtime", "Reference"], None);
        assert_eq!(spelled(quote!(#reference)), "crate::runtime::Reference");
    }
}
