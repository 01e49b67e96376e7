//! The intermediate representation of one API version: types and operations resolved
//! across pages, each fact carrying its source. Code generation reads only this.

mod body_types;
mod build;
pub mod conformance;
mod symbols;

pub use build::{build_api, BuildInput, RULES};
pub use conformance::RULES as CONFORMANCE_RULES;
pub use symbols::SymbolTable;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::reader::http::PathTemplate;
use crate::reader::type_expr::Primitive;

/// The base chain of `key`, nearest first. A base no page defines ends the chain (and is
/// included); a cycle ends it before repeating a type or reaching `key` again.
pub fn ancestors<'a>(types: &'a BTreeMap<TypeKey, TypeDef>, key: &str) -> Vec<&'a TypeKey> {
    let mut chain: Vec<&TypeKey> = Vec::new();
    let mut cursor = types.get(key).and_then(|d| d.base.as_ref());
    while let Some(base) = cursor {
        if base == key || chain.contains(&base) {
            break;
        }
        chain.push(base);
        cursor = types.get(base).and_then(|d| d.base.as_ref());
    }
    chain
}

/// Where a fact was read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Source {
    /// Page path relative to the docs folder.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
}

/// Key of a type in [`Api::types`]: the qualified name in lower case.
pub type TypeKey = String;

/// A resolved property type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeRef {
    /// An EDM primitive.
    Primitive {
        /// Which one.
        primitive: Primitive,
    },
    /// A type defined in the docs.
    Named {
        /// Its key.
        key: TypeKey,
    },
    /// Untyped JSON (`Json`, unresolved or unreadable types).
    Json,
    /// An OData entity reference, `{"@odata.id": "<url>"}`: the body of `POST`/`PUT …/$ref`,
    /// defined by the protocol rather than by a docs page (`runtime::Reference`).
    Reference,
    /// An OData error response, `{"error": {"code": …, "message": …}}`: the body of a failed
    /// request, defined by the protocol (`runtime::ErrorResponse`).
    ErrorResponse,
}

/// A property of a structure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Property {
    /// JSON name as documented.
    pub name: String,
    /// Type as written in the docs.
    pub written_type: String,
    /// Resolved type.
    pub ty: TypeRef,
    /// `X collection`.
    pub collection: bool,
    /// Description, plain text.
    pub description: String,
    /// The description says read-only.
    pub read_only: bool,
    /// A navigation property (Relationships table).
    pub relationship: bool,
    /// Values the description lists (`Possible values are: `a`, `b`.`), in order. With a
    /// `String` type this is a description-only enum; with an enum type, a cross-check.
    pub possible_values: Vec<String>,
    /// Where the row is.
    pub source: Source,
}

/// An enum member.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Member {
    /// Wire name.
    pub name: String,
    /// Numeric value, if documented.
    pub value: Option<i64>,
    /// Description.
    pub description: String,
}

/// Structure or enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// Entity or complex type.
    Structure,
    /// Enumeration.
    Enum,
}

/// A type, merged from every page that defines it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypeDef {
    /// Short name as documented (`sideLoadingKey`).
    pub name: String,
    /// Namespace (`microsoft.graph`, `microsoft.graph.callRecords`).
    pub namespace: String,
    /// Structure or enum.
    pub kind: TypeKind,
    /// Base type, resolved.
    pub base: Option<TypeKey>,
    /// The type's own properties (inherited ones are on the base), in documented order.
    pub properties: Vec<Property>,
    /// Enum members.
    pub members: Vec<Member>,
    /// Description.
    pub description: String,
    /// `openType: true`.
    pub open_type: bool,
    /// `abstract: true`.
    pub is_abstract: bool,
    /// Product area, from the defining page's `ms.prod` (`intune`, `outlook`, …).
    pub workload: String,
    /// Every page (and line) that defines part of this type.
    pub sources: Vec<Source>,
}

impl TypeDef {
    /// The qualified name, `namespace.name`.
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

/// A permission requirement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Permission {
    /// `Delegated (work or school account)`, `Application`, …
    pub kind: String,
    /// The scopes as documented.
    pub scopes: String,
}

/// A body or response payload type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Payload {
    /// The type.
    pub ty: TypeRef,
    /// A collection (`{"value": [...]}` for responses).
    pub collection: bool,
}

/// An operation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Operation {
    /// Stable id: the page's path without `.md` (plus the method when a page has several).
    pub id: String,
    /// Page title.
    pub title: String,
    /// Summary paragraph.
    pub description: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// Canonical path template (after the version segment).
    pub path: PathTemplate,
    /// Other documented paths for the same operation.
    pub alternate_paths: Vec<PathTemplate>,
    /// Permissions table.
    pub permissions: Vec<Permission>,
    /// Request body, if any.
    pub request_body: Option<Payload>,
    /// Documented success status.
    pub success_status: u16,
    /// Response payload, if any.
    pub response: Option<Payload>,
    /// Product area.
    pub workload: String,
    /// Where the canonical request line is.
    pub source: Source,
}

/// A documented example message body, bound to the type it should deserialize into.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExampleBody {
    /// Operation id, for examples on api pages.
    pub operation: Option<String>,
    /// Request, response, or a resource page's JSON representation.
    pub role: ExampleRole,
    /// The type the body claims to be (unwrapped from `value` for collections).
    pub payload: Payload,
    /// The JSON body (for `{"value": {...}}` single-entity examples, the inner object).
    pub json: SharedJson,
    /// The body as written, for locating findings.
    #[serde(skip)]
    pub raw: Arc<str>,
    /// Where the body starts.
    pub source: Source,
    /// Rule ids of the doc errors that keep this example from round-tripping (empty: it must).
    pub doc_errors: Vec<&'static str>,
}

/// An example body as the page read it, shared with the page rather than copied (the
/// corpus has about 12,000 bodies; deep copies of them were a measurable part of building
/// the IR). Dereferences to the body itself or, for `{"value": {...}}`, to its `value`.
#[derive(Clone, Debug)]
pub struct SharedJson {
    whole: Arc<Value>,
    /// Whether the body is the `value` member of `whole` rather than all of it.
    inner: bool,
}

impl SharedJson {
    /// The whole of `body`.
    pub fn whole(body: &Arc<Value>) -> Self {
        SharedJson { whole: Arc::clone(body), inner: false }
    }

    /// The `value` member of `body`, if it has one; else the whole of it.
    pub fn value_member(body: &Arc<Value>) -> Self {
        SharedJson { whole: Arc::clone(body), inner: body.get("value").is_some() }
    }

    /// A copy of the body, to own or change.
    pub fn clone_value(&self) -> Value {
        Value::clone(self)
    }
}

/// Equal when the bodies are, however they are held.
impl PartialEq for SharedJson {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl From<Value> for SharedJson {
    fn from(value: Value) -> Self {
        SharedJson { whole: Arc::new(value), inner: false }
    }
}

impl std::ops::Deref for SharedJson {
    type Target = Value;
    fn deref(&self) -> &Value {
        match self.whole.get("value") {
            Some(inner) if self.inner => inner,
            _ => &self.whole,
        }
    }
}

impl Serialize for SharedJson {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Value::serialize(self, serializer)
    }
}

/// Which side of an exchange an example body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleRole {
    /// Request body.
    Request,
    /// Response body.
    Response,
    /// A resource page's `JSON representation`, when it parses: the type's own sample.
    Representation,
}

/// One API version, resolved.
///
/// # JSON form (`docgen ir <version-folder> --json`)
///
/// The IR serializes with these field names; they are stable (new fields may be added,
/// existing ones keep their name and meaning). Optional values are `null`, never omitted.
///
/// ```text
/// Api        { version, types: { <key>: TypeDef }, operations: [Operation], examples: [ExampleBody] }
/// TypeDef    { name, namespace, kind: "structure"|"enum", base: <key>|null,
///              properties: [Property], members: [Member], description, open_type,
///              is_abstract, workload, sources: [Source] }
/// Property   { name, written_type, ty: TypeRef, collection, description, read_only,
///              relationship, possible_values: [string], source: Source }
/// TypeRef    { kind: "primitive", primitive: "String"|"Int32"|… }
///          | { kind: "named", key: <key> } | { kind: "json" }
///          | { kind: "reference" } | { kind: "error_response" }   (OData protocol shapes)
/// Member     { name, value: <integer>|null, description }
/// Operation  { id, title, description, method, path: PathTemplate,
///              alternate_paths: [PathTemplate], permissions: [{ kind, scopes }],
///              request_body: Payload|null, success_status, response: Payload|null,
///              workload, source: Source }
/// Payload    { ty: TypeRef, collection }
/// ExampleBody { operation: <operation id>|null, role: "request"|"response"|"representation",
///              payload: Payload, json: <the body>, source: Source,
///              doc_errors: [<rule id>] }   (empty: the body must round-trip)
/// PathTemplate { segments: [Segment], text: "/users/{id}/photo/$value" }
/// Segment    { "Literal": "users" } | { "Param": { names: ["id", "userPrincipalName"] } }
///          | { "KeyPredicate": { name, args: [[<key>|null, <value>]] } }
///          | { "Cast": "microsoft.graph.user" } | "Ref" | "Value" | "Count"
///          | { "ColonPath": "{item-path}" }
/// Source     { file: <path relative to the docs folder>, line: <1-based> }
/// ```
///
/// A `<key>` is a type's qualified name in lower case (`microsoft.graph.user`); `types` is
/// sorted by key and `operations` by id, so the output is deterministic.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Api {
    /// Version label (`beta`, `v1.0`, or the docs folder's name).
    pub version: String,
    /// Types by key.
    pub types: BTreeMap<TypeKey, TypeDef>,
    /// Operations, sorted by id.
    pub operations: Vec<Operation>,
    /// Example bodies, in page order.
    pub examples: Vec<ExampleBody>,
}
