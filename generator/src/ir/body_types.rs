//! Body types a page states without a type link, and the body shape the OData protocol
//! itself defines:
//!
//! - the Response sentence names the type in plain words: `… and a String collection in the
//!   response body`, `… and an updated **customers** object in the response body`;
//! - the Request body sentence does: `supply a JSON representation of a **customers** object`;
//! - an update (`PATCH`/`PUT`) whose response is the updated entity takes that entity;
//! - `POST`/`PUT …/$ref` takes an entity reference, `{"@odata.id": "<url>"}`.
//!
//! A named type must resolve exactly (same letter case) to a structure some page defines; a
//! name that does not is left alone (no guess, no diagnostic: prose words are not claims).

use std::collections::BTreeMap;

use serde_json::Value;

use super::symbols::SymbolTable;
use super::{Payload, TypeDef, TypeKey, TypeKind, TypeRef};
use crate::reader::http::{PathTemplate, Segment};
use crate::reader::page::Page;
use crate::reader::type_expr::Primitive;

/// Words between the article and the type name: `an updated customers object`.
const ADJECTIVES: &[&str] = &["updated", "new", "created", "requested"];
/// Words before the type name. `and` for `… response code and journalLines object …`.
const ARTICLES: &[&str] = &["a", "an", "the", "and"];
/// Words after the type name.
const NOUNS: &[&str] = &["object", "objects", "entity", "resource"];

/// The type the Response sentence names in words (no link), and whether it says
/// "collection": `… and a String in the response body` → `("String", false)`.
pub(super) fn response_phrase(text: &str) -> Option<(&str, bool)> {
    let at = text.to_ascii_lowercase().find(" in the response body")?;
    let mut words: Vec<&str> = text[..at].split_whitespace().collect();
    let is = |w: Option<&&str>, set: &[&str]| w.is_some_and(|w| set.contains(&w.to_ascii_lowercase().as_str()));
    let mut collection = false;
    if is(words.last(), &["collection"]) {
        collection = true;
        words.pop();
    } else if is(words.last(), NOUNS) {
        words.pop();
    }
    let name = words.pop().filter(|w| is_identifier(w))?;
    if is(words.last(), ADJECTIVES) {
        words.pop();
    }
    // `a collection of customers objects`
    if is(words.last(), &["of"]) && words.len() >= 2 && words[words.len() - 2].eq_ignore_ascii_case("collection") {
        collection = true;
        words.truncate(words.len() - 2);
    }
    is(words.last(), ARTICLES).then_some((name, collection))
}

/// The type the Request body sentence names in words (no link): `… a JSON representation
/// of a customers object.` → `customers`. The noun (`object`) must follow the name, so
/// `a JSON representation of the bundle to be created` names no type.
pub(super) fn request_phrase(text: &str) -> Option<&str> {
    const ANCHOR: &str = "json representation of ";
    let at = text.to_ascii_lowercase().find(ANCHOR)? + ANCHOR.len();
    let mut words = text[at..].split_whitespace().map(|w| w.trim_end_matches(['.', ',', ';', ':']));
    let mut word = words.next()?;
    if ["a", "an", "the"].contains(&word.to_ascii_lowercase().as_str()) {
        word = words.next()?;
    }
    if ADJECTIVES.contains(&word.to_ascii_lowercase().as_str()) {
        word = words.next()?;
    }
    let noun = words.next()?;
    (is_identifier(word) && NOUNS.contains(&noun.to_ascii_lowercase().as_str())).then_some(word)
}

/// A type name as the docs write one: letters, digits and dots, starting with a letter.
fn is_identifier(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}

/// A primitive as a type name (`String`, `Int32`, `Boolean`), not the English word (`a
/// string`). `Stream` is not JSON (its `{"value": "<base64>"}` examples contradict the
/// documented type, so there is nothing faithful to check them against); `Binary` and
/// `Duration` payloads would need the crate's runtime types in the example test.
fn prose_primitive(word: &str) -> Option<Primitive> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    Primitive::from_spelling(word.trim_start_matches("Edm."))
        .filter(|p| !matches!(p, Primitive::Stream | Primitive::Binary | Primitive::Duration))
}

/// A name that resolves exactly to a structure.
fn structure_named(symbols: &SymbolTable, types: &BTreeMap<TypeKey, TypeDef>, name: &str, namespace: &str) -> Option<TypeKey> {
    let r = symbols.resolve_name(name, namespace)?;
    (r.exact_case && types.get(&r.key)?.kind == TypeKind::Structure).then_some(r.key)
}

/// The response type the Response sentence names in words, when it links none: a
/// structure or a primitive.
pub(super) fn prose_response(page: &Page, symbols: &SymbolTable, types: &BTreeMap<TypeKey, TypeDef>, namespace: &str) -> Option<Payload> {
    if page.response_type.is_some() {
        return None;
    }
    let (name, collection) = response_phrase(&page.response_prose.as_ref()?.value)?;
    let ty = match prose_primitive(name) {
        Some(primitive) => TypeRef::Primitive { primitive },
        None => TypeRef::Named { key: structure_named(symbols, types, name, namespace)? },
    };
    Some(Payload { ty, collection })
}

/// The request body type the Request body sentence names in words, when it links none.
pub(super) fn prose_request(page: &Page, symbols: &SymbolTable, types: &BTreeMap<TypeKey, TypeDef>, namespace: &str) -> Option<Payload> {
    if page.body_type.is_some() {
        return None;
    }
    let name = request_phrase(&page.body_prose.as_ref()?.value)?;
    Some(Payload { ty: TypeRef::Named { key: structure_named(symbols, types, name, namespace)? }, collection: false })
}

/// An update's body is (part of) the entity it returns: a `PATCH`/`PUT` page whose response
/// is one structure takes that structure as its body.
pub(super) fn update_from_response(page: &Page, response: Option<&Payload>, types: &BTreeMap<TypeKey, TypeDef>) -> Option<Payload> {
    let updates = page.operations.iter().any(|o| matches!(o.method.as_str(), "PATCH" | "PUT"));
    let payload = response.filter(|p| updates && !p.collection)?;
    match &payload.ty {
        TypeRef::Named { key } if types.get(key).is_some_and(|d| d.kind == TypeKind::Structure) => Some(payload.clone()),
        _ => None,
    }
}

/// `POST`/`PUT …/$ref` takes an entity reference (OData: adding a reference to a
/// collection-valued or setting a single-valued navigation property).
pub(super) fn reference_body(method: &str, path: &PathTemplate) -> Option<Payload> {
    let is_ref = matches!(path.segments.last(), Some(Segment::Ref)) && matches!(method, "POST" | "PUT");
    is_ref.then_some(Payload { ty: TypeRef::Reference, collection: false })
}

/// An example request body sent to a `$ref` path is a reference when it has the shape of
/// one (an object with a string `@odata.id`).
pub(super) fn reference_example(method: &str, path: &PathTemplate, json: &Value) -> Option<Payload> {
    json.get("@odata.id").filter(|v| v.is_string())?;
    reference_body(method, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_phrase_reads_primitives_and_named_types() {
        assert_eq!(response_phrase("If successful, this function returns a `200 OK` response code and a Boolean in the response body."), Some(("Boolean", false)));
        assert_eq!(response_phrase("Returns 200 OK and a Int64 collection in the response body."), Some(("Int64", true)));
        assert_eq!(response_phrase("Returns 200 OK and an updated widgets object in the response body."), Some(("widgets", false)));
        assert_eq!(response_phrase("Returns 201 Created and gadgetLines object in the response body."), Some(("gadgetLines", false)));
        assert_eq!(response_phrase("Returns 200 OK and a collection of widget objects in the response body."), Some(("widget", true)));
    }

    #[test]
    fn response_phrase_needs_an_article_before_the_name() {
        // "returned" is not preceded by an article: prose, not a type.
        assert_eq!(response_phrase("An error message with details is returned in the response body."), None);
        assert_eq!(response_phrase("Returns 200 OK and the deleted items in the response body."), None);
        assert_eq!(response_phrase("Returns 200 OK and base-64 image string in the response body."), None);
        assert_eq!(response_phrase("Returns 204 No Content."), None);
    }

    #[test]
    fn request_phrase_needs_the_noun_after_the_name() {
        assert_eq!(request_phrase("In the request body, supply a JSON representation of a widgets object."), Some("widgets"));
        assert_eq!(request_phrase("In the request body, supply a JSON representation of gadgetLines object."), Some("gadgetLines"));
        assert_eq!(request_phrase("In the request body, supply a JSON representation of the bundle to be created."), None);
        assert_eq!(request_phrase("In the request body, supply a JSON representation of the command properties."), None);
    }

    #[test]
    fn prose_primitives_are_type_names_and_json() {
        assert_eq!(prose_primitive("String"), Some(Primitive::String));
        assert_eq!(prose_primitive("Int32"), Some(Primitive::Int32));
        assert_eq!(prose_primitive("string"), None);
        assert_eq!(prose_primitive("Stream"), None);
        assert_eq!(prose_primitive("Widget"), None);
    }
}
