//! Body types a page states without a type link, and the body shape the OData protocol
//! itself defines:
//!
//! - the Response sentence names the type in plain words: `… and a String collection in the
//!   response body`, `… and an updated **customers** object in the response body`;
//! - the Request body sentence does: `supply a JSON representation of a **customers** object`;
//! - an update (`PATCH`/`PUT`) whose response is the updated entity takes that entity;
//! - a create (`POST` answered by `201 Created` and one entity) takes that entity;
//! - `POST`/`PUT …/$ref` takes an entity reference, `{"@odata.id": "<url>"}`;
//! - a `4xx`/`5xx` example body `{"error": {…}}` is an OData error response.
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
/// string`), when a body can be checked against it.
fn prose_primitive(word: &str) -> Option<Primitive> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    Primitive::from_spelling(word.trim_start_matches("Edm.")).and_then(json_primitive)
}

/// A primitive a JSON body can be checked against: all but `Stream`, which is not JSON
/// (its examples show `{"value": "<base64>"}` or `"Stream"`, contradicting the type, so
/// there is nothing faithful to check them against).
pub(super) fn json_primitive(p: Primitive) -> Option<Primitive> {
    (p != Primitive::Stream).then_some(p)
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
    let name = page.body_prose.iter().find_map(|p| request_phrase(&p.value))?;
    Some(Payload { ty: TypeRef::Named { key: structure_named(symbols, types, name, namespace)? }, collection: false })
}

/// An update's body is (part of) the entity it returns: a `PATCH`/`PUT` page whose response
/// is one structure takes that structure as its body.
pub(super) fn update_from_response(page: &Page, response: Option<&Payload>, types: &BTreeMap<TypeKey, TypeDef>) -> Option<Payload> {
    let updates = page.operations.iter().any(|o| matches!(o.method.as_str(), "PATCH" | "PUT"));
    single_structure(response.filter(|_| updates), types)
}

/// A create's body is the entity it creates: a `POST` page documented as returning `201
/// Created` with one structure (OData: posting an entity to a collection creates it and
/// returns it) takes that structure as its body.
///
/// Only when the page shows a JSON body posted and does not say the method takes none (an
/// action such as `createForward` also answers `201 Created` with an entity).
pub(super) fn create_from_response(page: &Page, response: Option<&Payload>, types: &BTreeMap<TypeKey, TypeDef>) -> Option<Payload> {
    let posts_json = page
        .examples
        .iter()
        .filter_map(|e| e.request.as_ref())
        .any(|r| r.message.method == "POST" && r.json.as_ref().is_some_and(|j| j.value.is_object()));
    let creates = posts_json
        && !says_no_body(page)
        && page.operations.iter().any(|o| o.method == "POST")
        && page.response_status.as_ref().is_some_and(|s| s.value == 201);
    single_structure(response.filter(|_| creates), types)
}

/// `payload` when it is one structure (not a collection, primitive or untyped JSON).
fn single_structure(payload: Option<&Payload>, types: &BTreeMap<TypeKey, TypeDef>) -> Option<Payload> {
    let payload = payload.filter(|p| !p.collection)?;
    match &payload.ty {
        TypeRef::Named { key } if types.get(key).is_some_and(|d| d.kind == TypeKind::Structure) => Some(payload.clone()),
        _ => None,
    }
}

/// The Request body section says the method takes no body (`Do not supply a request body
/// for this method.`, `This method does not require a request body.`).
fn says_no_body(page: &Page) -> bool {
    page.body_prose.iter().any(|p| {
        let lower = p.value.to_ascii_lowercase();
        ["not supply a request body", "not require a request body", "not require any request body", "no request body"]
            .iter()
            .any(|s| lower.contains(s))
    })
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

/// A failed request's example body in the OData error shape (an object whose only member
/// besides annotations is `error`, itself an object) is an error response.
pub(super) fn error_example(status: u16, json: &Value) -> Option<Payload> {
    let obj = json.as_object().filter(|_| status >= 400)?;
    let shaped = obj.get("error").is_some_and(Value::is_object) && obj.keys().all(|k| k == "error" || k.starts_with('@'));
    shaped.then_some(Payload { ty: TypeRef::ErrorResponse, collection: false })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::ir::{build_api, Api, BuildInput, ExampleRole};
    use crate::reader::page::read_page;

    const WIDGETS: &str = "---\ntitle: \"widgets resource type\"\ndoc_type: resourcePageType\n---\n\n# widgets resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n|label|String|Label.|\n";

    /// An api page: method and path, request-body and response sentences, an example
    /// request (with `body`, if any) and response (with `response`, if any).
    fn api_page(method: &str, path: &str, body_sentence: &str, response_sentence: &str, body: &str, status: &str, response: &str) -> String {
        let req_body = if body.is_empty() { String::new() } else { format!("Content-Type: application/json\n\n{body}\n") };
        let resp_body = if response.is_empty() { String::new() } else { format!("Content-Type: application/json\n\n{response}\n") };
        format!(
            "---\ntitle: \"Do widgets\"\ndoc_type: apiPageType\n---\n\n# Do widgets\n\nNamespace: microsoft.graph\n\nDo something.\n\n## HTTP request\n```http\n{method} {path}\n```\n\n## Request body\n{body_sentence}\n\n## Response\n{response_sentence}\n\n## Example\n\n### Request\n```http\n{method} https://graph.microsoft.com/v1.0{path}\n{req_body}```\n\n### Response\n```http\nHTTP/1.1 {status}\n{resp_body}```\n"
        )
    }

    fn build(api: &str) -> Api {
        build_pages(&[("resources/widgets.md", WIDGETS), ("api/widgets-do.md", api)])
    }

    /// The IR of these pages: (path, text).
    fn build_pages(pages: &[(&str, &str)]) -> Api {
        let mut diags = Diagnostics::for_file("x");
        let pages: Vec<_> = pages.iter().map(|(path, text)| read_page(path, text, &mut diags)).collect();
        build_api(&BuildInput { version: "v1.0", pages: &pages }).0
    }

    /// The type each example body of the page is bound to, by role.
    fn bound(api: &Api, role: ExampleRole) -> Option<TypeRef> {
        api.examples.iter().find(|e| e.role == role).map(|e| e.payload.ty.clone())
    }

    fn widgets() -> TypeRef {
        TypeRef::Named { key: "microsoft.graph.widgets".into() }
    }

    #[test]
    fn a_create_naming_its_type_in_bold_types_request_and_response() {
        let page = api_page(
            "POST",
            "/widgets",
            "In the request body, supply a JSON representation of a **widgets** object.",
            "If successful, this method returns ```201 Created``` response code and a **widgets** object in the response body.",
            r#"{"label": "a"}"#,
            "201 Created",
            r#"{"id": "1", "label": "a"}"#,
        );
        let api = build(&page);
        assert_eq!(bound(&api, ExampleRole::Request), Some(widgets()));
        assert_eq!(bound(&api, ExampleRole::Response), Some(widgets()));
        assert_eq!(api.operations[0].response.as_ref().map(|p| p.ty.clone()), Some(widgets()));
    }

    #[test]
    fn an_update_takes_the_entity_it_returns() {
        let page = api_page(
            "PATCH",
            "/widgets/{id}",
            "In the request body, supply the values for relevant fields that should be updated.",
            "If successful, this method returns a `200 OK` response code and an updated **widgets** object in the response body.",
            r#"{"label": "b"}"#,
            "200 OK",
            r#"{"id": "1", "label": "b"}"#,
        );
        let api = build(&page);
        assert_eq!(bound(&api, ExampleRole::Request), Some(widgets()));
        assert_eq!(api.operations[0].request_body.as_ref().map(|p| p.ty.clone()), Some(widgets()));
    }

    #[test]
    fn a_name_that_is_not_exactly_a_type_stays_untyped() {
        let page = api_page(
            "POST",
            "/widgets",
            "In the request body, supply a JSON representation of a **widget** object.",
            "If successful, this method returns ```201 Created``` response code and a **Widgets** object in the response body.",
            r#"{"label": "a"}"#,
            "201 Created",
            r#"{"id": "1"}"#,
        );
        let api = build(&page);
        assert!(api.examples.is_empty(), "{:?}", api.examples);
    }

    #[test]
    fn a_primitive_result_types_the_example_but_not_the_request_function() {
        let page = api_page(
            "GET",
            "/widgets/isBlocked",
            "Do not supply a request body for this method.",
            "If successful, this function returns a `200 OK` response code and a Boolean in the response body.",
            "",
            "200 OK",
            r#"{"value": true}"#,
        );
        let api = build(&page);
        assert_eq!(bound(&api, ExampleRole::Response), Some(TypeRef::Primitive { primitive: Primitive::Boolean }));
        assert_eq!(*api.examples[0].json, serde_json::json!(true));
        assert_eq!(api.operations[0].response, None);
    }

    #[test]
    fn an_enum_result_is_unwrapped_from_its_value_envelope() {
        const STATE: &str = "---\ntitle: \"widgetState enum type\"\ndoc_type: enumPageType\n---\n\n# widgetState enum type\n\nNamespace: microsoft.graph\n\n## Members\n|Member|Value|Description|\n|:---|:---|:---|\n|idle|0|Idle.|\n|busy|1|Busy.|\n";
        let page = api_page(
            "GET",
            "/widgets/state",
            "Do not supply a request body for this method.",
            "If successful, this function returns a `200 OK` response code and a [widgetState](../resources/widgetstate.md) in the response body.",
            "",
            "200 OK",
            r#"{"value": "busy"}"#,
        );
        let api = build_pages(&[("resources/widgets.md", WIDGETS), ("resources/widgetstate.md", STATE), ("api/widgets-do.md", &page)]);
        let state = TypeRef::Named { key: api.types.keys().find(|k| k.to_ascii_lowercase().ends_with("widgetstate")).expect("enum defined").clone() };
        assert_eq!(bound(&api, ExampleRole::Response), Some(state));
        assert_eq!(*api.examples[0].json, serde_json::json!("busy"));
        assert!(api.examples[0].doc_errors.is_empty(), "{:?}", api.examples[0].doc_errors);
    }

    #[test]
    fn a_stream_result_stays_untyped() {
        let page = api_page(
            "POST",
            "/widgets/report",
            "Do not supply a request body for this method.",
            "If successful, this action returns a `200 OK` response code and a Stream in the response body.",
            "",
            "200 OK",
            r#"{"value": "AAAA"}"#,
        );
        assert!(build(&page).examples.is_empty());
    }

    #[test]
    fn a_stream_annotation_leaves_the_body_untyped() {
        let page = api_page(
            "GET",
            "/widgets/{id}/report",
            "Do not supply a request body for this method.",
            "If successful, this method returns a `200 OK` response code.",
            "",
            "200 OK",
            r#"{"value": "Stream"}"#,
        )
        .replace("### Response\n```http", "### Response\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"Edm.Stream\" } -->\n```http");
        assert!(page.contains("Edm.Stream"));
        assert!(build(&page).examples.is_empty());
        // The same annotation naming a JSON primitive does type it.
        let page = page.replace("Edm.Stream", "Edm.String");
        assert_eq!(bound(&build(&page), ExampleRole::Response), Some(TypeRef::Primitive { primitive: Primitive::String }));
    }

    #[test]
    fn a_ref_post_takes_an_entity_reference() {
        let page = api_page(
            "POST",
            "/widgets/{id}/owners/$ref",
            "In the request body, supply the identifier of the owner.",
            "If successful, this method returns a `204 No Content` response code.",
            r#"{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}"#,
            "204 No Content",
            "",
        );
        let api = build(&page);
        assert_eq!(bound(&api, ExampleRole::Request), Some(TypeRef::Reference));
        assert_eq!(api.operations[0].request_body.as_ref().map(|p| p.ty.clone()), Some(TypeRef::Reference));
        assert!(api.examples[0].doc_errors.is_empty());
    }

    #[test]
    fn a_reference_without_a_string_id_is_a_doc_error() {
        let page = api_page(
            "POST",
            "/widgets/{id}/owners/$ref",
            "In the request body, supply the identifier of the owner.",
            "If successful, this method returns a `204 No Content` response code.",
            r#"{"@odata.id": 5}"#,
            "204 No Content",
            "",
        );
        // The example is a reference by the path; its `@odata.id` is not a string.
        let api = build(&page);
        assert_eq!(api.examples.len(), 1);
        assert_eq!(api.examples[0].doc_errors, vec!["example/wrong-type"]);
    }

    #[test]
    fn a_failed_request_shows_an_odata_error() {
        let page = api_page(
            "POST",
            "/widgets",
            "In the request body, supply a JSON representation of a **widgets** object.",
            "If successful, this method returns ```201 Created``` response code and a **widgets** object in the response body. If the label is taken, it returns `409 Conflict`.",
            r#"{"label": "a"}"#,
            "409 Conflict",
            r#"{"error": {"code": "nameTaken", "message": "The label is taken.", "innerError": {"date": "d"}}}"#,
        );
        let api = build(&page);
        assert_eq!(bound(&api, ExampleRole::Response), Some(TypeRef::ErrorResponse));
        assert!(api.examples.iter().all(|e| e.doc_errors.is_empty()));
        // A numeric code does not deserialize into the runtime type: a doc error.
        let bad = page.replace(r#""code": "nameTaken""#, r#""code": 409"#);
        let api = build(&bad);
        let error = api.examples.iter().find(|e| e.role == ExampleRole::Response).unwrap();
        assert_eq!(error.doc_errors, vec!["example/wrong-type"]);
    }

    #[test]
    fn only_failures_in_the_error_shape_are_errors() {
        let error = serde_json::json!({"error": {"code": "x", "message": "y"}});
        assert!(error_example(400, &error).is_some());
        assert!(error_example(200, &error).is_none());
        assert!(error_example(400, &serde_json::json!({"error": "x"})).is_none());
        assert!(error_example(400, &serde_json::json!({"error": {}, "id": "1"})).is_none());
    }

    #[test]
    fn a_create_answered_by_201_and_an_entity_posts_that_entity() {
        let page = api_page(
            "POST",
            "/widgets",
            "",
            "If successful, this method returns a `201 Created` response code and a [widgets](../resources/widgets.md) object in the response body.",
            r#"{"label": "a"}"#,
            "201 Created",
            r#"{"id": "1", "label": "a"}"#,
        );
        assert_eq!(bound(&build(&page), ExampleRole::Request), Some(widgets()));
    }

    #[test]
    fn a_201_action_that_takes_no_body_gets_none() {
        let page = api_page(
            "POST",
            "/widgets/{id}/clone",
            "This method does not require a request body.",
            "If successful, this method returns a `201 Created` response code and a [widgets](../resources/widgets.md) object in the response body.",
            r#"{"note": "x"}"#,
            "201 Created",
            r#"{"id": "2"}"#,
        );
        let api = build(&page);
        assert_eq!(bound(&api, ExampleRole::Request), None);
        assert_eq!(api.operations[0].request_body, None);
    }

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
