//! Naming: every identifier docgen emits is made here, from the wire name the docs give.
//!
//! One module owns casing, keywords and collisions so the rules are written down once and
//! tested name by name (after prost-build's `ident.rs`). The conventions:
//!
//! - **Words.** A wire name is cut into words at every character that is not an ASCII letter
//!   or digit (`.`, `-`, `_`, `@`, `#`, spaces, and any non-ASCII character), then each piece
//!   is cased with [`heck`], which also splits camel humps (`displayName` → `display`,
//!   `name`; `XMLHttp` → `xml`, `http`). Acronyms follow heck: `iOSApp` → `IOsApp` /
//!   `i_os_app`. Graph spells acronyms in lower camel case (`iosApp`), so this rarely shows.
//! - **ASCII only.** Non-ASCII characters act as separators: rustc's default-on lints
//!   (`confusable_idents`, `uncommon_codepoints`, `mixed_script_confusables`) would otherwise
//!   make warning-free output depend on the input's script.
//! - **Digits.** Two digit runs split by a separator keep an underscore in UpperCamelCase
//!   (`v1.0` → `V1_0`, not `V10`), which rustc's `non_camel_case_types` accepts. A name that
//!   would start with a digit gets a prefix naming its role: types `T` (`3dPrinter` →
//!   `T3dPrinter`), enum variants `V` (`1080p` → `V1080p`, the usual `V1` version idiom),
//!   fields and functions `_` (`3dSettings` → `_3d_settings`, which adds no invented word
//!   and passes `non_snake_case`).
//! - **Keywords.** Snake-case names that are keywords become raw identifiers (`type` →
//!   `r#type`); serde strips `r#` itself, so no rename attribute is needed. The names that
//!   cannot be raw (`crate`, `self`, `super`, `Self`, `_`; only the first three can arise in
//!   snake case) get a trailing underscore instead (`self` → `self_`). A variant named
//!   `Self` becomes `Self_`.
//! - **Std names.** A type name that is a std prelude item or a derive used unqualified
//!   (`Option`, `Result`, `Box`, `Vec`, `String`, `Self`, `Debug`, …, see
//!   [`RESERVED_TYPE_NAMES`]) gets the suffix `Type` (`Option` → `OptionType`), so
//!   hand-written code next to the bindings never has a prelude name shadowed. Emitted code
//!   names prelude items bare (`Option`, `String`): no generated type can shadow them.
//! - **Nothing left.** A wire name with no ASCII letter or digit falls back to `field`
//!   (fields), `unnamed` (functions, modules) or `Unnamed` (types, variants).
//! - **Collisions.** Distinct wire names can collapse to one Rust name (`displayName` and
//!   `DisplayName`, `@odata.type` and `odataType`). [`UniqueNames`] hands them out in the
//!   caller's order: the first keeps the name, later ones get `_2`, `_3`, … (`2`, `3`, … for
//!   UpperCamelCase names that do not end in a digit, to satisfy `non_camel_case_types`).

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Strict keywords, including the 2018 additions `async`, `await` and `dyn`.
/// <https://doc.rust-lang.org/reference/keywords.html#strict-keywords>
pub const STRICT_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while",
];

/// Reserved keywords, including `try` (2018) and `gen` (2024). They are escaped in every
/// edition so the bindings compile unchanged under any of them.
/// <https://doc.rust-lang.org/reference/keywords.html#reserved-keywords>
///
/// Weak keywords (`union`, `raw`, `safe`, `macro_rules`) are ordinary identifiers in the
/// positions docgen emits and are deliberately absent.
pub const RESERVED_KEYWORDS: &[&str] = &[
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be written as raw identifiers (`r#self` is an error); `_` is in the
/// same situation. These get a trailing underscore instead.
pub const NON_RAW_KEYWORDS: &[&str] = &["crate", "self", "Self", "super"];

/// Type names docgen never emits as is: the std prelude (2021 and 2024 editions, types,
/// traits and variants), the prelude derives, and `Self`. [`type_name`] appends `Type`.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Hash",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Field name used when a wire name has no ASCII letter or digit.
pub const FIELD_FALLBACK: &str = "field";
/// Function or module name used when a wire name has no ASCII letter or digit.
pub const FN_FALLBACK: &str = "unnamed";
/// Type or variant name used when a wire name has no ASCII letter or digit.
pub const TYPE_FALLBACK: &str = "Unnamed";

/// True for every strict and reserved Rust keyword (all editions up to 2024); false for
/// weak keywords such as `union`, which are valid field and function names.
pub fn is_rust_keyword(s: &str) -> bool {
    STRICT_KEYWORDS.contains(&s) || RESERVED_KEYWORDS.contains(&s)
}

/// True when `r#name` is a valid raw identifier.
fn can_be_raw(name: &str) -> bool {
    name != "_" && !NON_RAW_KEYWORDS.contains(&name)
}

/// The ASCII alphanumeric pieces of a wire name; everything else separates them.
fn pieces(wire: &str) -> impl Iterator<Item = &str> {
    wire.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|piece| !piece.is_empty())
}

/// snake_case words of `wire`, or `None` when it has no ASCII letter or digit.
fn snake_words(wire: &str) -> Option<String> {
    let mut out = String::with_capacity(wire.len() + 4);
    for piece in pieces(wire) {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&piece.to_snake_case());
    }
    (!out.is_empty()).then_some(out)
}

/// UpperCamelCase words of `wire`, or `None` when it has no ASCII letter or digit.
/// Digit runs from different pieces stay apart (`v1.0` → `V1_0`).
fn upper_camel_words(wire: &str) -> Option<String> {
    let mut out = String::with_capacity(wire.len());
    for piece in pieces(wire) {
        let cased = piece.to_upper_camel_case();
        let digit_meets_digit = out.ends_with(|c: char| c.is_ascii_digit())
            && cased.starts_with(|c: char| c.is_ascii_digit());
        if digit_meets_digit {
            out.push('_');
        }
        out.push_str(&cased);
    }
    (!out.is_empty()).then_some(out)
}

fn starts_with_digit(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
}

/// Shared tail of [`field_name`] and [`fn_name`].
fn snake_ident(wire: &str, fallback: &str) -> String {
    let name = snake_words(wire).unwrap_or_else(|| fallback.to_owned());
    if starts_with_digit(&name) {
        format!("_{name}")
    } else if is_rust_keyword(&name) {
        if can_be_raw(&name) {
            format!("r#{name}")
        } else {
            format!("{name}_")
        }
    } else {
        name
    }
}

/// UpperCamelCase Rust type name for a Graph type name (`sideLoadingKey` →
/// `SideLoadingKey`).
///
/// Pass the short name (`session`, not `microsoft.graph.callRecords.session`); other
/// separators are tolerated. Leading digits get a `T` prefix (`3dPrinter` → `T3dPrinter`)
/// and [`RESERVED_TYPE_NAMES`] a `Type` suffix (`option` → `OptionType`). Never a keyword,
/// never raw.
pub fn type_name(wire: &str) -> String {
    let name = upper_camel_words(wire).unwrap_or_else(|| TYPE_FALLBACK.to_owned());
    if starts_with_digit(&name) {
        format!("T{name}")
    } else if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        name
    }
}

/// UpperCamelCase enum variant for an enum member (`notStarted` → `NotStarted`,
/// `unknownFutureValue` → `UnknownFutureValue`).
///
/// Leading digits get a `V` prefix (`1080p` → `V1080p`); `Self` becomes `Self_`. Prelude
/// names are left alone: variants are always reached through their enum.
pub fn variant_name(wire: &str) -> String {
    let name = upper_camel_words(wire).unwrap_or_else(|| TYPE_FALLBACK.to_owned());
    if starts_with_digit(&name) {
        format!("V{name}")
    } else if name == "Self" {
        "Self_".to_owned()
    } else {
        name
    }
}

/// snake_case struct field for a JSON property name (`displayName` → `display_name`,
/// `@odata.type` → `odata_type`, `group@odata.bind` → `group_odata_bind`).
///
/// Keywords become raw identifiers (`type` → `r#type`) unless they cannot be raw
/// (`self` → `self_`); leading digits get a `_` prefix (`3dSettings` → `_3d_settings`);
/// a name with no ASCII letter or digit becomes [`FIELD_FALLBACK`]. Pass the result to
/// [`ident`] to build tokens and to [`needs_rename`] to decide on `#[serde(rename)]`.
pub fn field_name(wire: &str) -> String {
    snake_ident(wire, FIELD_FALLBACK)
}

/// snake_case function or module name, with the same rules as [`field_name`] and
/// [`FN_FALLBACK`] for names with no ASCII letter or digit.
pub fn fn_name(wire: &str) -> String {
    snake_ident(wire, FN_FALLBACK)
}

/// True exactly when a field or variant called `rust` must carry
/// `#[serde(rename = "wire")]`: its name without the `r#` prefix (which serde strips)
/// differs from the wire name.
pub fn needs_rename(wire: &str, rust: &str) -> bool {
    unraw(rust) != wire
}

/// True exactly when a field called `rust`, in a struct marked
/// `#[serde(rename_all = "camelCase")]`, must carry `#[serde(rename = "wire")]`: serde's
/// camelCase of the field's name (without `r#`) differs from the wire name.
pub fn needs_field_rename(wire: &str, rust: &str) -> bool {
    serde_camel_case(unraw(rust)) != wire
}

/// serde_derive's `rename_all = "camelCase"` rule for a field, exactly: drop each `_` and
/// upper-case the ASCII letter after it (and the first), then lower-case the first character.
/// (`display_name` → `displayName`, `_3d_settings` → `3dSettings`, `i_os` → `iOs`.)
fn serde_camel_case(field: &str) -> String {
    let mut camel = String::with_capacity(field.len());
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            camel.push(if camel.is_empty() { ch.to_ascii_lowercase() } else { ch.to_ascii_uppercase() });
            capitalize = false;
        } else {
            camel.push(ch);
        }
    }
    camel
}

/// `name` without a leading `r#`.
fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// True when `name` is an ASCII identifier usable as a field, variant, type, function or
/// module name: a non-keyword identifier, or `r#` followed by a name that may be raw.
/// Every output of this module's naming functions and of [`UniqueNames::claim`] is.
pub fn is_valid_ident(name: &str) -> bool {
    let (bare, raw) = match name.strip_prefix("r#") {
        Some(bare) => (bare, true),
        None => (name, false),
    };
    let mut chars = bare.chars();
    let shape_ok = match chars.next() {
        Some(first) => {
            (first.is_ascii_alphabetic() || first == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
                && bare != "_"
        }
        None => false,
    };
    shape_ok
        && if raw {
            can_be_raw(bare)
        } else {
            !is_rust_keyword(bare)
        }
}

/// Builds the token for a name made by this module: `Ident::new_raw` for `r#…`,
/// `Ident::new` otherwise, both at `Span::call_site()`.
///
/// # Panics
///
/// When `name` is not an identifier at all (empty, starts with a digit, contains symbols,
/// or is `r#self`-like). Note that `Ident::new` accepts keywords, so `ident("type")` yields
/// the keyword token: pass names through [`field_name`] and friends first, or check
/// [`is_valid_ident`].
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(bare) => Ident::new_raw(bare, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Hands out names unique within one scope (a struct's fields, an enum's variants, a
/// module's items), in the order the caller claims them.
///
/// The first claim of a name gets it unchanged; later claims of the same name, or of a
/// reserved one, get the first free of `name_2`, `name_3`, … (`Name2`, `Name3`, … when the
/// name is UpperCamelCase and does not end in a digit). A trailing `_` is dropped before the
/// suffix (`self_` → `self_2`). Raw and plain spellings are the same identifier: `r#type` and
/// `type` collide. Feed names in a deterministic order (document order) and the output is
/// deterministic.
///
/// ```
/// use docgen::codegen::naming::{field_name, UniqueNames};
///
/// let mut fields = UniqueNames::with_reserved(["additional_properties"]);
/// let names: Vec<String> = ["displayName", "DisplayName", "additionalProperties"]
///     .iter()
///     .map(|wire| fields.claim(&field_name(wire)))
///     .collect();
/// assert_eq!(names, ["display_name", "display_name_2", "additional_properties_2"]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct UniqueNames {
    taken: BTreeSet<String>,
}

impl UniqueNames {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope where `reserved` (e.g. a struct's own `additional_properties` field, or the
    /// locals a generated function declares) are already taken.
    pub fn with_reserved<I, S>(reserved: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut names = Self::new();
        for name in reserved {
            names.reserve(name.as_ref());
        }
        names
    }

    /// Marks `name` as taken without handing it out.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(unraw(name).to_owned());
    }

    /// True when `name` (raw or not) is already taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(unraw(name))
    }

    /// Returns `name` if it is free, else the first free suffixed form; either way the
    /// returned name is taken from now on.
    pub fn claim(&mut self, name: &str) -> String {
        let bare = unraw(name);
        if self.taken.insert(bare.to_owned()) {
            return name.to_owned();
        }
        let trimmed = bare.trim_end_matches('_');
        let stem = if trimmed.is_empty() { bare } else { trimmed };
        let camel = stem.starts_with(|c: char| c.is_ascii_uppercase());
        let separator = if camel && !stem.ends_with(|c: char| c.is_ascii_digit()) {
            ""
        } else {
            "_"
        };
        (2u64..)
            .map(|n| format!("{stem}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("a scope holds fewer than u64::MAX names")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// rustc's `non_snake_case` check (compiler/rustc_lint/src/nonstandard_style.rs).
    fn rustc_snake_ok(name: &str) -> bool {
        let name = unraw(name).trim_matches('_');
        let mut allow_underscore = true;
        name.chars().all(|c| match c {
            '_' if !allow_underscore => false,
            '_' => {
                allow_underscore = false;
                true
            }
            c if !c.is_uppercase() => {
                allow_underscore = true;
                true
            }
            _ => false,
        })
    }

    /// rustc's `non_camel_case_types` check.
    fn rustc_camel_ok(name: &str) -> bool {
        let name = name.trim_matches('_');
        let chars: Vec<char> = name.chars().collect();
        name.is_empty()
            || (!chars[0].is_lowercase()
                && !name.contains("__")
                && !chars.windows(2).any(|w| {
                    (w[0].is_alphabetic() && w[1] == '_') || (w[1].is_alphabetic() && w[0] == '_')
                }))
    }

    /// `name` works as a struct field: built as a token, and printed then lexed.
    fn assert_field_ok(name: &str) {
        assert!(is_valid_ident(name), "{name:?} is not a valid identifier");
        let id = ident(name);
        syn::parse2::<syn::ItemStruct>(quote!(struct S { #id: u8 }))
            .unwrap_or_else(|e| panic!("field {name:?} as tokens: {e}"));
        syn::parse_str::<syn::ItemStruct>(&format!("struct S {{ {name}: u8 }}"))
            .unwrap_or_else(|e| panic!("field {name:?} as text: {e}"));
        syn::parse_str::<syn::Ident>(name).unwrap_or_else(|e| panic!("ident {name:?}: {e}"));
        assert!(rustc_snake_ok(name), "{name:?} trips non_snake_case");
    }

    /// `name` works as a function and as a module.
    fn assert_fn_ok(name: &str) {
        assert_field_ok(name);
        let id = ident(name);
        syn::parse2::<syn::ItemFn>(quote!(fn #id() {}))
            .unwrap_or_else(|e| panic!("fn {name:?}: {e}"));
        syn::parse2::<syn::ItemMod>(quote!(mod #id {}))
            .unwrap_or_else(|e| panic!("mod {name:?}: {e}"));
    }

    /// `name` works as a type: a struct and an enum definition, and a type in a field.
    fn assert_type_ok(name: &str) {
        assert!(is_valid_ident(name), "{name:?} is not a valid identifier");
        assert!(
            !name.starts_with("r#"),
            "type names are never raw: {name:?}"
        );
        assert!(!RESERVED_TYPE_NAMES.contains(&name), "{name:?} shadows std");
        let id = ident(name);
        syn::parse2::<syn::ItemStruct>(quote!(struct #id;))
            .unwrap_or_else(|e| panic!("struct {name:?}: {e}"));
        syn::parse2::<syn::ItemEnum>(quote!(enum #id {}))
            .unwrap_or_else(|e| panic!("enum {name:?}: {e}"));
        syn::parse_str::<syn::ItemStruct>(&format!("struct S {{ f: {name} }}"))
            .unwrap_or_else(|e| panic!("type {name:?} in a field: {e}"));
        assert!(rustc_camel_ok(name), "{name:?} trips non_camel_case_types");
    }

    /// `name` works as an enum variant.
    fn assert_variant_ok(name: &str) {
        assert!(is_valid_ident(name), "{name:?} is not a valid identifier");
        let id = ident(name);
        syn::parse2::<syn::ItemEnum>(quote!(enum E { #id }))
            .unwrap_or_else(|e| panic!("variant {name:?}: {e}"));
        syn::parse_str::<syn::ItemEnum>(&format!("enum E {{ {name} }}"))
            .unwrap_or_else(|e| panic!("variant {name:?} as text: {e}"));
        assert!(rustc_camel_ok(name), "{name:?} trips non_camel_case_types");
    }

    fn all_keywords() -> impl Iterator<Item = &'static str> {
        STRICT_KEYWORDS.iter().chain(RESERVED_KEYWORDS).copied()
    }

    #[test]
    fn keyword_list_is_complete() {
        for kw in [
            "async", "await", "dyn", "try", "gen", "abstract", "final", "macro", "override",
            "priv", "typeof", "unsized", "virtual", "yield", "become", "box", "do", "self", "Self",
            "super", "crate", "extern", "type", "fn", "match",
        ] {
            assert!(is_rust_keyword(kw), "{kw} should be a keyword");
        }
        for weak in [
            "union",
            "raw",
            "safe",
            "macro_rules",
            "static_",
            "Type",
            "r#type",
            "",
        ] {
            assert!(!is_rust_keyword(weak), "{weak} should not be a keyword");
        }
        assert_eq!(STRICT_KEYWORDS.len() + RESERVED_KEYWORDS.len(), 52);
    }

    #[test]
    fn non_raw_keywords_are_exactly_what_proc_macro2_refuses() {
        for kw in all_keywords() {
            let refused =
                std::panic::catch_unwind(|| Ident::new_raw(kw, Span::call_site())).is_err();
            assert_eq!(refused, !can_be_raw(kw), "r#{kw}");
        }
        assert!(!can_be_raw("_"));
        assert!(
            can_be_raw("extern"),
            "r#extern is accepted by rustc and proc-macro2"
        );
    }

    #[test]
    fn every_keyword_as_field_and_function() {
        for kw in all_keywords() {
            for wire in [
                kw.to_owned(),
                kw.to_uppercase(),
                format!("{kw}_"),
                format!("@{kw}"),
            ] {
                let field = field_name(&wire);
                assert_fn_ok(&field);
                assert_fn_ok(&fn_name(&wire));
                assert_eq!(field, fn_name(&wire));
            }
            let field = field_name(kw);
            match kw {
                "self" | "super" | "crate" => assert_eq!(field, format!("{kw}_")),
                "Self" => assert_eq!(field, "self_"),
                _ => assert_eq!(field, format!("r#{kw}")),
            }
        }
    }

    #[test]
    fn every_keyword_as_type_and_variant() {
        for kw in all_keywords() {
            for wire in [kw.to_owned(), kw.to_uppercase(), format!("{kw}Value")] {
                assert_type_ok(&type_name(&wire));
                assert_variant_ok(&variant_name(&wire));
            }
        }
        assert_eq!(type_name("self"), "SelfType");
        assert_eq!(type_name("Self"), "SelfType");
        assert_eq!(variant_name("self"), "Self_");
        assert_eq!(variant_name("type"), "Type");
        assert_eq!(variant_name("gen"), "Gen");
    }

    #[test]
    fn every_reserved_type_name_is_suffixed() {
        for name in RESERVED_TYPE_NAMES {
            let lower = format!("{}{}", name[..1].to_lowercase(), &name[1..]);
            for wire in [*name, lower.as_str()] {
                let ty = type_name(wire);
                assert_eq!(ty, format!("{name}Type"), "{wire}");
                assert_type_ok(&ty);
            }
            assert_variant_ok(&variant_name(name));
        }
        assert_eq!(type_name("option"), "OptionType");
        assert_eq!(type_name("result"), "ResultType");
        assert_eq!(type_name("box"), "BoxType");
        assert_eq!(type_name("vec"), "VecType");
        assert_eq!(type_name("string"), "StringType");
        // Variants are always qualified by their enum, so prelude names are fine there.
        assert_eq!(variant_name("none"), "None");
    }

    #[test]
    fn type_names() {
        let cases = [
            ("sideLoadingKey", "SideLoadingKey"),
            ("session", "Session"),
            ("callRecords.session", "CallRecordsSession"),
            ("side-loading key", "SideLoadingKey"),
            ("side_loading_key", "SideLoadingKey"),
            ("@odata#thing", "OdataThing"),
            ("iosManagedAppProtection", "IosManagedAppProtection"),
            ("iOSApp", "IOsApp"),
            ("XMLHttpRequest", "XmlHttpRequest"),
            ("3dPrinter", "T3dPrinter"),
            ("_3dPrinter", "T3dPrinter"),
            ("windows10XProfile", "Windows10XProfile"),
            ("v1.0", "V1_0"),
            ("", "Unnamed"),
            ("@#.", "Unnamed"),
            ("é", "Unnamed"),
        ];
        for (wire, expected) in cases {
            assert_eq!(type_name(wire), expected, "{wire:?}");
            assert_type_ok(expected);
        }
    }

    #[test]
    fn variant_names() {
        let cases = [
            ("notStarted", "NotStarted"),
            ("value1", "Value1"),
            ("unknownFutureValue", "UnknownFutureValue"),
            ("not started", "NotStarted"),
            ("not-started", "NotStarted"),
            ("NOT_STARTED", "NotStarted"),
            ("1080p", "V1080p"),
            ("24Hours", "V24hours"),
            ("v1_0", "V1_0"),
            ("v10", "V10"),
            ("none", "None"),
            ("Self", "Self_"),
            ("", "Unnamed"),
            ("*", "Unnamed"),
        ];
        for (wire, expected) in cases {
            assert_eq!(variant_name(wire), expected, "{wire:?}");
            assert_variant_ok(expected);
        }
    }

    #[test]
    fn field_names() {
        let cases = [
            ("displayName", "display_name"),
            ("DisplayName", "display_name"),
            ("@odata.type", "odata_type"),
            ("odataType", "odata_type"),
            ("group@odata.bind", "group_odata_bind"),
            (
                "@microsoft.graph.conflictBehavior",
                "microsoft_graph_conflict_behavior",
            ),
            ("id", "id"),
            ("3dSettings", "_3d_settings"),
            ("type", "r#type"),
            ("Type", "r#type"),
            ("async", "r#async"),
            ("gen", "r#gen"),
            ("extern", "r#extern"),
            ("self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("Self", "self_"),
            ("union", "union"),
            ("_", "field"),
            ("", "field"),
            ("@#", "field"),
            ("ipv4Address", "ipv4_address"),
            ("v1.0", "v1_0"),
            ("user principal name", "user_principal_name"),
            ("café", "caf"),
        ];
        for (wire, expected) in cases {
            assert_eq!(field_name(wire), expected, "{wire:?}");
            assert_field_ok(expected);
        }
    }

    #[test]
    fn fn_names() {
        assert_eq!(fn_name("createSideLoadingKey"), "create_side_loading_key");
        assert_eq!(fn_name("callRecords"), "call_records");
        assert_eq!(fn_name("move"), "r#move");
        assert_eq!(fn_name("super"), "super_");
        assert_eq!(fn_name("3dPrinters"), "_3d_printers");
        assert_eq!(fn_name("$"), "unnamed");
        for name in [
            "create_side_loading_key",
            "r#move",
            "super_",
            "_3d_printers",
            "unnamed",
        ] {
            assert_fn_ok(name);
        }
    }

    #[test]
    fn field_rename_exactly_when_serde_camel_case_differs() {
        for (wire, expect) in [
            ("id", false),
            ("displayName", false),
            ("type", false),
            ("3dSettings", false),
            ("iOSVersion", true),
            ("DisplayName", true),
            ("display_name", true),
            ("@odata.type", true),
            // `self_`: serde drops the trailing `_` too.
            ("self", false),
            ("userPrincipalName", false),
            ("", true),
        ] {
            assert_eq!(needs_field_rename(wire, &field_name(wire)), expect, "{wire:?} -> {}", field_name(wire));
        }
        assert_eq!(serde_camel_case("_3d_settings"), "3dSettings");
        assert_eq!(serde_camel_case("value_2"), "value2");
    }

    #[test]
    fn rename_exactly_when_names_differ() {
        for (wire, expect) in [
            ("id", false),
            ("type", false),
            ("gen", false),
            ("self", true),
            ("displayName", true),
            ("@odata.type", true),
            ("3dSettings", true),
            ("display_name", false),
            ("", true),
        ] {
            assert_eq!(needs_rename(wire, &field_name(wire)), expect, "{wire:?}");
        }
        assert!(!needs_rename("Active", &variant_name("Active")));
        assert!(needs_rename("notStarted", &variant_name("notStarted")));
    }

    #[test]
    fn ident_builds_raw_and_plain_tokens() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("display_name").to_string(), "display_name");
        assert_eq!(ident("self_").to_string(), "self_");
        assert!(std::panic::catch_unwind(|| ident("r#self")).is_err());
        assert!(std::panic::catch_unwind(|| ident("3d")).is_err());
        assert!(std::panic::catch_unwind(|| ident("")).is_err());
    }

    #[test]
    fn validity_check() {
        for ok in [
            "a", "_a", "_3d", "r#type", "r#extern", "self_", "A1_0", "r#foo",
        ] {
            assert!(is_valid_ident(ok), "{ok}");
        }
        for bad in [
            "", "_", "3d", "type", "self", "r#self", "r#_", "r#", "a-b", "é", "a b",
        ] {
            assert!(!is_valid_ident(bad), "{bad}");
        }
    }

    #[test]
    fn collapsed_names_are_disambiguated() {
        let mut fields = UniqueNames::new();
        let got: Vec<String> = [
            "displayName",
            "DisplayName",
            "display_name",
            "@odata.type",
            "odataType",
        ]
        .iter()
        .map(|wire| fields.claim(&field_name(wire)))
        .collect();
        assert_eq!(
            got,
            [
                "display_name",
                "display_name_2",
                "display_name_3",
                "odata_type",
                "odata_type_2"
            ]
        );
    }

    #[test]
    fn suffixes_skip_names_already_taken() {
        let mut fields = UniqueNames::new();
        let got: Vec<String> = ["value", "value_2", "Value", "value"]
            .iter()
            .map(|wire| fields.claim(&field_name(wire)))
            .collect();
        assert_eq!(got, ["value", "value_2", "value_3", "value_4"]);
    }

    #[test]
    fn reserved_names_are_avoided() {
        let mut fields = UniqueNames::with_reserved(["additional_properties", "r#type"]);
        assert!(fields.contains("type"));
        assert_eq!(
            fields.claim(&field_name("additionalProperties")),
            "additional_properties_2"
        );
        assert_eq!(fields.claim(&field_name("type")), "type_2");
        assert_eq!(fields.claim(&field_name("kind")), "kind");

        // A generated function's locals stay free of parameter names (progenitor's
        // `unique_ident_from`).
        let mut locals = UniqueNames::with_reserved(["url", "request", "response"]);
        assert_eq!(locals.claim(&fn_name("url")), "url_2");
    }

    #[test]
    fn suffixes_keep_lints_quiet() {
        let mut names = UniqueNames::new();
        let got: Vec<String> = ["self", "self", "Self", "Self", "V1", "V1", "r#type", "type"]
            .iter()
            .map(|name| names.claim(name))
            .collect();
        assert_eq!(
            got,
            ["self", "self_2", "Self", "Self2", "V1", "V1_2", "r#type", "type_2"]
        );

        let mut names = UniqueNames::new();
        assert_eq!(names.claim("self_"), "self_");
        assert_eq!(names.claim("self_"), "self_2");
        let mut types = UniqueNames::new();
        for wire in ["option", "Option", "optionType"] {
            let name = types.claim(&type_name(wire));
            assert_type_ok(&name);
        }
        assert!(types.contains("OptionType2") && types.contains("OptionType3"));
    }

    /// xorshift64*: a fixed stream of pseudo-random numbers, no crate needed.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// An odd wire name: characters, digits, separators, non-ASCII text, keywords and std
    /// names glued together.
    fn odd_name(rng: &mut XorShift) -> String {
        const ATOMS: &[&str] = &[
            "a", "Z", "x", "Q", "0", "1", "9", "_", "-", ".", "@", "#", " ", "$", "/", "'", "(",
            ")", "é", "ß", "Ω", "€", "日本", "🦀", "\u{200b}", "\t", "odata", "Self", "self",
            "type", "gen", "r#", "OK", "iOS", "ID", "value1", "3d", "Option", "v1.0",
        ];
        let keywords: Vec<&str> = all_keywords()
            .chain(RESERVED_TYPE_NAMES.iter().copied())
            .collect();
        let mut name = String::new();
        for _ in 0..rng.below(8) {
            match rng.below(4) {
                0 => name.push_str(keywords[rng.below(keywords.len())]),
                _ => name.push_str(ATOMS[rng.below(ATOMS.len())]),
            }
        }
        name
    }

    #[test]
    fn odd_names_always_give_valid_identifiers() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let mut fields = UniqueNames::with_reserved(["additional_properties"]);
        let mut types = UniqueNames::new();
        let mut variants = UniqueNames::new();
        for _ in 0..4000 {
            let wire = odd_name(&mut rng);
            let (field, func, ty, variant) = (
                field_name(&wire),
                fn_name(&wire),
                type_name(&wire),
                variant_name(&wire),
            );
            assert_fn_ok(&field);
            assert_fn_ok(&func);
            assert_type_ok(&ty);
            assert_variant_ok(&variant);
            assert_field_ok(&fields.claim(&field));
            assert_type_ok(&types.claim(&ty));
            assert_variant_ok(&variants.claim(&variant));
            // Same input, same output.
            assert_eq!(field, field_name(&wire));
            assert_eq!(ty, type_name(&wire));
        }
    }

    #[test]
    fn output_is_deterministic() {
        let wires = [
            "displayName",
            "DisplayName",
            "@odata.type",
            "odataType",
            "type",
            "self",
        ];
        let run = || {
            let mut names = UniqueNames::with_reserved(["additional_properties"]);
            wires
                .iter()
                .map(|w| names.claim(&field_name(w)))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
        assert_eq!(
            run(),
            [
                "display_name",
                "display_name_2",
                "odata_type",
                "odata_type_2",
                "r#type",
                "self_"
            ]
        );
    }
}
