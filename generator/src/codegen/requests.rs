//! IR operations → request functions. Each builds a transport-independent
//! `runtime::Request<T>` (method, encoded path, headers, JSON body) whose `decode` turns the
//! documented success response into `T`. Path templates are compiled to `format!` calls at
//! generation time; nothing is templated at run time.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::DocComments;
use super::models::type_tokens;
use super::naming::{self, ident, UniqueNames};
use super::names::Names;
use crate::ir::{Operation, Payload, TypeRef};
use crate::reader::http::Segment;

/// The function name of an operation: a verb (from the page name, else the method) and the
/// subject (the payload type, else the last literal path segment).
pub fn function_name(op: &Operation, names: &Names) -> String {
    let stem = op.id.rsplit('/').next().unwrap_or(&op.id);
    let last_word = stem.rsplit('-').next().unwrap_or("");
    let literal_tail = matches!(op.path.segments.last(), Some(Segment::Literal(_)));
    let verb = match (op.method.as_str(), last_word) {
        (_, w @ ("create" | "get" | "list" | "update" | "delete")) => w.to_string(),
        ("GET", _) if literal_tail && op.response.as_ref().is_some_and(|r| r.collection) => "list".into(),
        ("GET", _) => "get".into(),
        ("POST", _) => "create".into(),
        ("PATCH", _) => "update".into(),
        ("PUT", _) => "replace".into(),
        ("DELETE", _) => "delete".into(),
        (m, _) => m.to_ascii_lowercase(),
    };
    let last_literal = op.path.segments.iter().rev().find_map(|s| match s {
        Segment::Literal(l) => Some(l.clone()),
        _ => None,
    });
    let payload_name = [op.response.as_ref(), op.request_body.as_ref()]
        .into_iter()
        .flatten()
        .find_map(|p| match &p.ty {
            TypeRef::Named { key } => names.type_name(key).map(str::to_string),
            _ => None,
        });
    let subject = match (verb.as_str(), payload_name, last_literal) {
        ("list", _, Some(literal)) => literal,
        (_, Some(name), _) => name,
        (_, None, Some(literal)) => singular(&literal),
        (_, None, None) => String::from("resource"),
    };
    naming::fn_name(&format!("{verb}_{}", naming::fn_name(&subject)))
}

/// `sideLoadingKeys` → `sideLoadingKey`, `policies` → `policy`.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = word.strip_suffix('s') {
        stem.to_string()
    } else {
        word.to_string()
    }
}

/// The request function of one operation. Its doc comment (title, summary, request line,
/// permissions: most of the function's lines) is attached after parsing, as a marker that
/// `docs` expands after printing, so that only the signature and body go through a token
/// parse.
pub fn request_function(op: &Operation, fn_name: &str, names: &Names, docs: &mut DocComments) -> Vec<syn::Item> {
    let name = ident(fn_name);
    let mut locals = UniqueNames::with_reserved(["body", "request", "path"]);
    let mut params: Vec<TokenStream> = Vec::new();
    let mut format = String::new();
    let mut args: Vec<TokenStream> = Vec::new();
    for segment in &op.path.segments {
        if let Segment::ColonPath(inner) = segment {
            format.push_str(&format!(":/{}:", inner.replace('{', "{{").replace('}', "}}")));
            continue;
        }
        format.push('/');
        match segment {
            Segment::Literal(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            Segment::Param { names: alternatives } => {
                let wire = alternatives.first().map(String::as_str).unwrap_or("id");
                let local = ident(&locals.claim(&naming::field_name(wire)));
                params.push(quote!(#local: &str));
                args.push(quote!(crate::runtime::encode_segment(#local)));
                format.push_str("{}");
            }
            other => format.push_str(&other.to_string().replace('{', "{{").replace('}', "}}")),
        }
    }
    let path = if args.is_empty() { quote!(String::from(#format)) } else { quote!(format!(#format, #(#args),*)) };
    let response_ty = match &op.response {
        Some(payload) => payload_tokens(payload, names),
        None => quote!(crate::runtime::NoContent),
    };
    let method = method_tokens(&op.method);
    let status = op.success_status;
    let tokens = match &op.request_body {
        Some(body) => {
            let body_ty = payload_tokens(body, names);
            quote! {
                pub fn #name(#(#params,)* body: &#body_ty) -> Result<crate::runtime::Request<#response_ty>, crate::runtime::Error> {
                    crate::runtime::Request::new(#method, #path, #status).with_json(body)
                }
            }
        }
        None => quote! {
            pub fn #name(#(#params),*) -> crate::runtime::Request<#response_ty> {
                crate::runtime::Request::new(#method, #path, #status)
            }
        },
    };
    let mut function: syn::ItemFn = syn::parse2(tokens).expect("request function is valid Rust");
    function.attrs = docs.attributes(&operation_doc(op));
    vec![syn::Item::Fn(function)]
}

fn payload_tokens(payload: &Payload, names: &Names) -> TokenStream {
    let inner = type_tokens(&payload.ty, names);
    if payload.collection {
        quote!(crate::runtime::Collection<#inner>)
    } else {
        inner
    }
}

fn method_tokens(method: &str) -> TokenStream {
    match method {
        "GET" => quote!(crate::runtime::Method::Get),
        "POST" => quote!(crate::runtime::Method::Post),
        "PATCH" => quote!(crate::runtime::Method::Patch),
        "PUT" => quote!(crate::runtime::Method::Put),
        _ => quote!(crate::runtime::Method::Delete),
    }
}

/// Title, summary, the request line, the success status and the documented permissions.
fn operation_doc(op: &Operation) -> String {
    let mut doc = String::new();
    if !op.title.is_empty() {
        doc.push_str(&op.title);
        doc.push_str("\n\n");
    }
    if !op.description.is_empty() {
        doc.push_str(&op.description);
        doc.push_str("\n\n");
    }
    doc.push_str(&format!("`{} {}` answers `{}` on success.", op.method, op.path.text, op.success_status));
    if !op.permissions.is_empty() {
        doc.push_str("\n\nPermissions:\n");
        for p in &op.permissions {
            doc.push_str(&format!("\n- {}: {}", p.kind, p.scopes));
        }
    }
    doc.push_str(&format!("\n\nSource: `{}` line {}.", op.source.file, op.source.line));
    doc
}
