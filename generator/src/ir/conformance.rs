//! Do the docs' example bodies match the docs' own types? Each example is checked against
//! its IR type with exactly the rules the generated serde code applies (the same crates parse
//! timestamps, GUIDs, durations and base64), so every example the generated round-trip test
//! rejects is named here as a doc error at file:line — and an example that fails without a
//! finding here is a generator bug.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde_json::{Map, Value};

use super::{Api, ExampleBody, Property, TypeDef, TypeKind, TypeRef};
use crate::diagnostics::{Diagnostic, Diagnostics, Rule, Severity};
use crate::reader::type_expr::Primitive;

/// A timestamp, date or time of day that does not parse (often `"String (timestamp)"`).
pub const INVALID_TIMESTAMP: Rule = Rule {
    id: "example/invalid-timestamp",
    severity: Severity::Warning,
    summary: "an example value of a DateTimeOffset, Date or TimeOfDay property does not parse",
};
/// A type placeholder (`"Boolean"`, `"Integer"`) where the docs' type wants a real value.
pub const PLACEHOLDER: Rule = Rule {
    id: "example/placeholder-value",
    severity: Severity::Warning,
    summary: "an example holds a type name (`\"Boolean\"`, `\"Int32\"`) instead of a value",
};
/// A value of the wrong JSON type for its documented property.
pub const WRONG_TYPE: Rule = Rule {
    id: "example/wrong-type",
    severity: Severity::Warning,
    summary: "an example value has the wrong JSON type for its documented property",
};
/// A GUID, duration or base64 value that does not parse.
pub const INVALID_VALUE: Rule = Rule {
    id: "example/invalid-value",
    severity: Severity::Warning,
    summary: "an example value of a Guid, Duration, Binary or integer property does not parse",
};
/// A property the docs do not list (kept in `additional_properties`, so not a failure).
pub const UNDOCUMENTED: Rule = Rule {
    id: "example/undocumented-property",
    severity: Severity::Note,
    summary: "an example carries a property its type does not document (kept as an extra property)",
};

/// Rules reported by this module.
pub const RULES: &[&Rule] = &[&INVALID_TIMESTAMP, &PLACEHOLDER, &WRONG_TYPE, &INVALID_VALUE, &UNDOCUMENTED];

/// One finding inside a body: the rule, the JSON path and what is wrong.
struct Finding {
    rule: &'static Rule,
    key: Option<String>,
    message: String,
}

impl<'a> Checker<'a> {
    /// A checker for the examples of `api` (whose own `examples` it ignores).
    pub fn new(api: &'a Api) -> Self {
        // Each structure's properties, own and inherited, once (not once per checked object).
        let types = api
            .types
            .par_iter()
            .map(|(key, def)| {
                let mut properties = match def.kind {
                    TypeKind::Structure => crate::codegen::models::all_properties(api, def),
                    TypeKind::Enum => Vec::new(),
                };
                // Names are unique (the first occurrence wins), so a sorted list is a lookup table.
                properties.sort_unstable_by(|a, b| a.name.cmp(&b.name));
                (key.as_str(), TypeInfo { def, properties })
            })
            .collect();
        Checker { api, types }
    }

    /// Check one example; record its failing rule ids and return its diagnostics.
    pub fn check(&self, ex: &mut ExampleBody) -> Vec<Diagnostic> {
        let mut findings = Vec::new();
        if ex.payload.collection {
            self.collection_envelope(&ex.payload.ty, &ex.json, &mut findings);
        } else {
            self.value(&ex.payload.ty, false, &ex.json, JsonPath::Root, None, &mut findings);
        }
        let mut sink = Diagnostics::for_file(ex.source.file.clone());
        let mut failing = BTreeSet::new();
        for f in findings {
            if f.rule.severity != Severity::Note {
                failing.insert(f.rule.id);
            }
            let line = key_line(ex, f.key.as_deref());
            sink.report(f.rule, line, 1, f.message);
        }
        ex.doc_errors = failing.into_iter().collect();
        sink.into_vec()
    }
}

/// The line of the first `"key":` in the body text, else the body's first line.
fn key_line(ex: &ExampleBody, key: Option<&str>) -> u32 {
    let Some(key) = key else { return ex.source.line };
    let needle = format!("\"{key}\"");
    ex.raw
        .lines()
        .position(|l| l.contains(&needle))
        .map_or(ex.source.line, |i| ex.source.line + i as u32)
}

/// Checks example bodies against the types of one [`Api`].
pub struct Checker<'a> {
    api: &'a Api,
    /// The types by key (hashed: looked up for every typed value).
    types: HashMap<&'a str, TypeInfo<'a>>,
}

struct TypeInfo<'a> {
    def: &'a TypeDef,
    /// For a structure, all its properties (as `all_properties` lists them), sorted by name.
    properties: Vec<&'a Property>,
}

/// Where a value sits in a body (`$.value[0].id`), formatted only for a finding.
#[derive(Clone, Copy)]
enum JsonPath<'a> {
    Root,
    Index(&'a JsonPath<'a>, usize),
    Key(&'a JsonPath<'a>, &'a str),
}

impl fmt::Display for JsonPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonPath::Root => f.write_str("$"),
            JsonPath::Index(parent, i) => write!(f, "{parent}[{i}]"),
            JsonPath::Key(parent, key) => write!(f, "{parent}.{key}"),
        }
    }
}

impl Checker<'_> {
    fn collection_envelope(&self, ty: &TypeRef, json: &Value, out: &mut Vec<Finding>) {
        let Some(obj) = json.as_object() else {
            out.push(Finding { rule: &WRONG_TYPE, key: None, message: "collection response is not a JSON object".into() });
            return;
        };
        match obj.get("value") {
            Some(Value::Array(items)) => {
                let value = JsonPath::Key(&JsonPath::Root, "value");
                for (i, item) in items.iter().enumerate() {
                    self.value(ty, false, item, JsonPath::Index(&value, i), Some("value"), out);
                }
            }
            Some(Value::Null) | None => {}
            Some(_) => out.push(Finding { rule: &WRONG_TYPE, key: Some("value".into()), message: "`value` is not an array".into() }),
        }
        if let Some(next) = obj.get("@odata.nextLink") {
            if !next.is_string() && !next.is_null() {
                out.push(Finding { rule: &WRONG_TYPE, key: Some("@odata.nextLink".into()), message: "`@odata.nextLink` is not a string".into() });
            }
        }
    }

    fn value(&self, ty: &TypeRef, collection: bool, v: &Value, path: JsonPath<'_>, key: Option<&str>, out: &mut Vec<Finding>) {
        if v.is_null() {
            return;
        }
        if collection {
            match v {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(ty, false, item, JsonPath::Index(&path, i), key, out);
                    }
                }
                other => out.push(Finding {
                    rule: &WRONG_TYPE,
                    key: key.map(str::to_string),
                    message: format!("`{path}` is documented as a collection but is {}", kind_of(other)),
                }),
            }
            return;
        }
        match ty {
            TypeRef::Json => {}
            TypeRef::Reference => reference(v, path, key, out),
            TypeRef::ErrorResponse => error_response(v, path, out),
            TypeRef::Primitive { primitive } => {
                if let Err((rule, why)) = primitive_ok(*primitive, v) {
                    out.push(Finding { rule, key: key.map(str::to_string), message: format!("`{path}`: {why}") });
                }
            }
            TypeRef::Named { key: type_key } => match self.types.get(type_key.as_str()) {
                None => {}
                Some(TypeInfo { def, .. }) if def.kind == TypeKind::Enum => {
                    if !v.is_string() {
                        out.push(Finding {
                            rule: &WRONG_TYPE,
                            key: key.map(str::to_string),
                            message: format!("`{path}` is enum `{}` but is {}", def.name, kind_of(v)),
                        });
                    }
                }
                Some(info) => self.object(type_key, info, v, path, key, out),
            },
        }
    }

    fn object(&self, type_key: &str, info: &TypeInfo<'_>, v: &Value, path: JsonPath<'_>, key: Option<&str>, out: &mut Vec<Finding>) {
        let Some(obj) = v.as_object() else {
            out.push(Finding {
                rule: if v.as_str().is_some_and(looks_like_placeholder) { &PLACEHOLDER } else { &WRONG_TYPE },
                key: key.map(str::to_string),
                message: format!("`{path}` is type `{}` but is {}", info.def.name, kind_of(v)),
            });
            return;
        };
        // Dispatch like the generated `Any…` enums: a known derived type's discriminator wins.
        let TypeInfo { def, properties: props } = self.dispatch(type_key, obj).unwrap_or(info);
        if let Some(t) = obj.get("@odata.type") {
            if !t.is_string() {
                out.push(Finding { rule: &WRONG_TYPE, key: Some("@odata.type".into()), message: format!("`{path}.@odata.type` is not a string") });
            }
        }
        for (name, value) in obj {
            let found = props.binary_search_by(|p| p.name.as_str().cmp(name)).ok().map(|i| props[i]);
            match found {
                Some(p) => self.value(&p.ty, p.collection, value, JsonPath::Key(&path, name), Some(name), out),
                None if name.starts_with('@') || name.contains("@odata.") || name.contains("@microsoft.graph.") => {}
                None => out.push(Finding {
                    rule: &UNDOCUMENTED,
                    key: Some(name.clone()),
                    message: format!("`{path}.{name}` is not a documented property of `{}`", def.qualified()),
                }),
            }
        }
    }

    /// The derived type an object's `@odata.type` names, if it derives from `base`.
    fn dispatch(&self, base: &str, obj: &Map<String, Value>) -> Option<&TypeInfo<'_>> {
        let tag = obj.get("@odata.type")?.as_str()?.trim().trim_start_matches('#').to_ascii_lowercase();
        let key = if tag.starts_with("microsoft.graph.") { tag } else { format!("microsoft.graph.{tag}") };
        if key == base {
            return None;
        }
        let info = self.types.get(key.as_str())?;
        let derives = super::ancestors(&self.api.types, &key).iter().any(|b| b.as_str() == base);
        (derives && info.def.kind == TypeKind::Structure).then_some(info)
    }
}

fn kind_of(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {:?}", s.chars().take(60).collect::<String>()),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// `"Boolean"`, `"Int32"`, `"String (timestamp)"`, `"datetime-value"`: the docs' type
/// placeholders.
fn looks_like_placeholder(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    let word = lower.split([' ', '(']).next().unwrap_or("");
    matches!(
        word,
        "string" | "boolean" | "bool" | "int32" | "int64" | "integer" | "int" | "double" | "date" | "datetime"
            | "datetimeoffset" | "timestamp" | "guid" | "duration" | "timeofday" | "binary" | "true" | "false"
    ) || lower.ends_with("-value")
        || lower.ends_with(" value")
}

/// Whether a JSON value deserializes into the Rust type of `p` (as the generated code maps it).
fn primitive_ok(p: Primitive, v: &Value) -> Result<(), (&'static Rule, String)> {
    let placeholder_or = |rule: &'static Rule, what: &str| -> (&'static Rule, String) {
        let rule = if v.as_str().is_some_and(looks_like_placeholder) { &PLACEHOLDER } else { rule };
        (rule, format!("expected {what}, found {}", kind_of(v)))
    };
    let int_in = |min: i64, max: i64, what: &str| match v.as_i64() {
        Some(n) if n >= min && n <= max => Ok(()),
        Some(_) => Err((&INVALID_VALUE, format!("{what} out of range: {v}"))),
        None if v.as_u64().is_some() && max == i64::MAX => Err((&INVALID_VALUE, format!("{what} out of range: {v}"))),
        None if v.is_number() => Err((&INVALID_VALUE, format!("expected {what}, found the number {v}"))),
        None => Err(placeholder_or(&WRONG_TYPE, what)),
    };
    match p {
        Primitive::String => v.is_string().then_some(()).ok_or_else(|| placeholder_or(&WRONG_TYPE, "a string")),
        Primitive::Boolean => v.is_boolean().then_some(()).ok_or_else(|| placeholder_or(&WRONG_TYPE, "a boolean")),
        Primitive::Int32 => int_in(i32::MIN.into(), i32::MAX.into(), "a 32-bit integer"),
        Primitive::Int64 => int_in(i64::MIN, i64::MAX, "a 64-bit integer"),
        Primitive::Int16 => int_in(i16::MIN.into(), i16::MAX.into(), "a 16-bit integer"),
        Primitive::Byte => int_in(0, 255, "a byte"),
        Primitive::SByte => int_in(-128, 127, "a signed byte"),
        Primitive::Double | Primitive::Single | Primitive::Decimal => {
            v.is_number().then_some(()).ok_or_else(|| placeholder_or(&WRONG_TYPE, "a number"))
        }
        Primitive::Stream => Ok(()),
        Primitive::DateTimeOffset | Primitive::Date | Primitive::TimeOfDay => {
            let Some(s) = v.as_str() else { return Err(placeholder_or(&WRONG_TYPE, "a string")) };
            let ok = match p {
                Primitive::DateTimeOffset => chrono::DateTime::<chrono::FixedOffset>::from_str(s).is_ok(),
                Primitive::Date => chrono::NaiveDate::from_str(s).is_ok(),
                _ => chrono::NaiveTime::from_str(s).is_ok(),
            };
            ok.then_some(()).ok_or_else(|| {
                let rule = if looks_like_placeholder(s) { &PLACEHOLDER } else { &INVALID_TIMESTAMP };
                (rule, format!("{s:?} is not a valid {}", p.edm_name()))
            })
        }
        Primitive::Guid => {
            let Some(s) = v.as_str() else { return Err(placeholder_or(&WRONG_TYPE, "a GUID string")) };
            uuid::Uuid::parse_str(s).map(|_| ()).map_err(|_| placeholder_or(&INVALID_VALUE, "a GUID"))
        }
        Primitive::Duration => {
            let Some(s) = v.as_str() else { return Err(placeholder_or(&WRONG_TYPE, "an ISO 8601 duration string")) };
            // The generated `runtime::Duration` accepts one leading `-`.
            let magnitude = s.trim().strip_prefix('-').unwrap_or(s.trim());
            iso8601::duration(magnitude).map(|_| ()).map_err(|_| placeholder_or(&INVALID_VALUE, "an ISO 8601 duration"))
        }
        Primitive::Binary => {
            use base64::Engine as _;
            let Some(s) = v.as_str() else { return Err(placeholder_or(&WRONG_TYPE, "a base64 string")) };
            let engine = base64::engine::GeneralPurpose::new(
                &base64::alphabet::STANDARD,
                base64::engine::GeneralPurposeConfig::new()
                    .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
                    .with_decode_allow_trailing_bits(true),
            );
            engine.decode(s.replace('-', "+").replace('_', "/")).map(|_| ()).map_err(|_| placeholder_or(&INVALID_VALUE, "base64 data"))
        }
    }
}

/// `runtime::Reference`: an object whose `@odata.id` is a string (required); any other
/// member is kept as sent.
fn reference(v: &Value, path: impl std::fmt::Display, key: Option<&str>, out: &mut Vec<Finding>) {
    let id = v.as_object().map(|o| o.get("@odata.id"));
    let why = match id {
        None => format!("`{path}` is an entity reference but is {}", kind_of(v)),
        Some(None) => format!("`{path}` is an entity reference without `@odata.id`"),
        Some(Some(id)) if !id.is_string() => format!("`{path}.@odata.id` is {}, not a string", kind_of(id)),
        Some(Some(_)) => return,
    };
    out.push(Finding { rule: &WRONG_TYPE, key: key.map(str::to_string), message: why });
}

/// `runtime::ErrorResponse`: an object whose `error` is an object with string `code` and
/// `message` (both required); any other member, at either level, is kept as sent.
fn error_response(v: &Value, path: impl std::fmt::Display, out: &mut Vec<Finding>) {
    let Some(error) = v.as_object().and_then(|o| o.get("error")) else {
        out.push(Finding { rule: &WRONG_TYPE, key: None, message: format!("`{path}` is an error response without an `error` object") });
        return;
    };
    let Some(obj) = error.as_object() else {
        out.push(Finding { rule: &WRONG_TYPE, key: Some("error".into()), message: format!("`{path}.error` is {}, not an object", kind_of(error)) });
        return;
    };
    for member in ["code", "message"] {
        match obj.get(member) {
            Some(Value::String(_)) => {}
            Some(other) => out.push(Finding {
                rule: &WRONG_TYPE,
                key: Some(member.into()),
                message: format!("`{path}.error.{member}` is {}, not a string", kind_of(other)),
            }),
            None => out.push(Finding { rule: &WRONG_TYPE, key: Some("error".into()), message: format!("`{path}.error` has no `{member}`") }),
        }
    }
}
