//! `<!-- { "blockType": ... } -->` annotations: parsed leniently, keys checked against the
//! vocabulary the corpus uses, booleans accepted as strings too.

use serde_json::{Map, Value};

use super::lenient_json;
use crate::diagnostics::{Diagnostics, Rule, Severity};

/// An annotation key outside the known vocabulary (likely a typo).
pub const UNKNOWN_KEY: Rule = Rule {
    id: "annotation/unknown-key",
    severity: Severity::Warning,
    summary: "an annotation carries a key docgen does not know; it is ignored",
};
/// An annotation value has the wrong JSON type for its key.
pub const BAD_VALUE: Rule = Rule {
    id: "annotation/bad-value",
    severity: Severity::Warning,
    summary: "an annotation value has the wrong type for its key",
};

/// Rules reported by this module.
pub const RULES: &[&Rule] = &[&UNKNOWN_KEY, &BAD_VALUE];

/// Every key seen on annotations in the Graph docs (corpus guide §3.2).
const KNOWN_KEYS: &[&str] = &[
    "blockType", "@odata.type", "@type", "name", "truncated", "optionalProperties", "keyProperty",
    "isCollection", "baseType", "openType", "sampleKeys", "scopes", "scope", "isComposable", "tags",
    "target", "@odata.annotations", "idempotent", "@type.aka", "abstract", "isAbstract", "opaqueUrl",
    "isEmpty", "namespace", "@property.aka", "isMediaEntity", "id", "tocIndex", "sampleIds",
    "expectError", "displayName", "tocBookmarks", "type", "description", "keywords", "section",
    "tocPath", "suppressions", "isPageAnnotation", "ignored",
];

/// What an annotation says about the block it precedes.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Annotation {
    /// 1-based line of the `<!--`.
    pub line: u32,
    /// `blockType`, if any (`request`, `response`, `resource`, `ignored`, `example`, …).
    pub block_type: Option<String>,
    /// `@odata.type` (or legacy `@type`), without a leading `#`.
    pub odata_type: Option<String>,
    /// 1-based line of the `@odata.type` key (the `<!--` line when absent).
    pub odata_type_line: u32,
    /// `baseType`, when it names a type (`null` gives `None`).
    pub base_type: Option<String>,
    /// `name` of an example.
    pub name: Option<String>,
    /// `truncated`.
    pub truncated: bool,
    /// `isCollection`.
    pub is_collection: Option<bool>,
    /// `openType`.
    pub open_type: Option<bool>,
    /// `abstract` / `isAbstract`.
    pub is_abstract: Option<bool>,
    /// `keyProperty`.
    pub key_property: Option<String>,
    /// A page annotation (`"type": "#page.annotation"`) rather than a block annotation.
    pub is_page: bool,
}

/// Parse a comment's text as an annotation. Returns `None` for comments that are not
/// annotations (prose, commented-out content). Repairs and failures are reported.
pub fn parse(comment: &str, line: u32, diags: &mut Diagnostics) -> Option<Annotation> {
    let body = comment.trim();
    if !body.starts_with('{') {
        if body.contains("blockType") {
            diags.report(&lenient_json::UNPARSEABLE, line, 1, "comment mentions blockType but is not a JSON annotation");
        }
        return None;
    }
    let result = lenient_json::parse(body);
    lenient_json::report(&result, diags, line, "annotation");
    let value = result.ok()?.value;
    let Value::Object(map) = value else {
        diags.report(&BAD_VALUE, line, 1, "annotation is JSON but not an object");
        return None;
    };
    let mut annotation = from_map(&map, line, diags);
    // Most annotations (`request`, `ignored`) name no type: one `@` scan skips both searches.
    let keyed = comment.contains('@').then(|| ["\"@odata.type\"", "\"@type\""].iter().find_map(|key| comment.find(key)));
    annotation.odata_type_line = keyed.flatten().map_or(line, |at| line + comment[..at].matches('\n').count() as u32);
    Some(annotation)
}

fn from_map(map: &Map<String, Value>, line: u32, diags: &mut Diagnostics) -> Annotation {
    let is_page = map.get("type").and_then(Value::as_str).is_some_and(|t| t.starts_with("#page."));
    if !is_page {
        for key in map.keys() {
            if !KNOWN_KEYS.contains(&key.as_str()) {
                diags.report(&UNKNOWN_KEY, line, 1, format!("unknown annotation key `{key}`"));
            }
        }
    }
    let string = |key: &str, diags: &mut Diagnostics| -> Option<String> {
        match map.get(key)? {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Null => None,
            Value::Array(items) => items.first().and_then(Value::as_str).map(str::to_string),
            other => {
                diags.report(&BAD_VALUE, line, 1, format!("`{key}` should be a string, found {other}"));
                None
            }
        }
    };
    let boolean = |key: &str, diags: &mut Diagnostics| -> Option<bool> {
        match map.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            other => {
                diags.report(&BAD_VALUE, line, 1, format!("`{key}` should be a boolean, found {other}"));
                None
            }
        }
    };
    let odata_type = string("@odata.type", diags)
        .or_else(|| string("@type", diags))
        .map(|t| t.trim_start_matches('#').to_string());
    Annotation {
        line,
        odata_type_line: line,
        block_type: string("blockType", diags),
        odata_type,
        base_type: string("baseType", diags).map(|t| t.trim_start_matches('#').to_string()),
        name: string("name", diags),
        truncated: boolean("truncated", diags).unwrap_or(false),
        is_collection: boolean("isCollection", diags),
        open_type: boolean("openType", diags),
        is_abstract: boolean("abstract", diags).or_else(|| boolean("isAbstract", diags)),
        key_property: string("keyProperty", diags),
        is_page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_string_booleans() {
        let mut d = Diagnostics::for_file("t.md");
        let a = parse(
            "{\n \"blockType\": \"response\", \"truncated\": \"true\", \"isCollection\": true,\n \"@odata.type\": \"#microsoft.graph.user\" }",
            7,
            &mut d,
        )
        .unwrap();
        assert_eq!(a.block_type.as_deref(), Some("response"));
        assert!(a.truncated);
        assert_eq!(a.is_collection, Some(true));
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.user"));
        assert_eq!(a.odata_type_line, 9);
        assert!(d.items().is_empty());
    }

    #[test]
    fn unknown_keys_and_bad_values_are_reported() {
        let mut d = Diagnostics::for_file("t.md");
        let a = parse("{ \"blockType\": \"request\", \"nmae\": \"x\", \"truncated\": 3 }", 4, &mut d).unwrap();
        assert!(!a.truncated);
        let rules: Vec<_> = d.items().iter().map(|d| (d.rule, d.line)).collect();
        assert_eq!(rules, vec![(UNKNOWN_KEY.id, 4), (BAD_VALUE.id, 4)]);
    }

    #[test]
    fn prose_comments_are_not_annotations() {
        let mut d = Diagnostics::for_file("t.md");
        assert!(parse(" just a note ", 1, &mut d).is_none());
        assert!(d.items().is_empty());
    }
}
