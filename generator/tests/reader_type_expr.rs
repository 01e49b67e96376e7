//! Type column grammar and description flags, on invented fixtures that reproduce the
//! shapes of corpus guide §6 and §4.3.

mod common;
use common::{mutate, XorShift};

use docgen::reader::type_expr::{
    description_flags, parse_type_cell, DescriptionFlags, Primitive, TypeExpr, TypeShape,
};

fn prim(p: Primitive) -> TypeShape {
    TypeShape::Primitive(p)
}

fn named(name: &str) -> TypeShape {
    TypeShape::Named {
        name: name.into(),
        link: None,
        reference_label: None,
    }
}

fn linked(name: &str, link: &str) -> TypeShape {
    TypeShape::Named {
        name: name.into(),
        link: Some(link.into()),
        reference_label: None,
    }
}

fn reflink(name: &str, label: &str) -> TypeShape {
    TypeShape::Named {
        name: name.into(),
        link: None,
        reference_label: Some(label.into()),
    }
}

fn expr(written: &str, shape: TypeShape, collection: bool) -> TypeExpr {
    TypeExpr {
        written: written.into(),
        shape,
        collection,
    }
}

#[track_caller]
fn check(cell: &str, shape: TypeShape, collection: bool) {
    let got = parse_type_cell(cell);
    assert_eq!(got.shape, shape, "shape of {cell:?}");
    assert_eq!(got.collection, collection, "collection flag of {cell:?}");
    assert_eq!(got.written, cell.trim(), "written of {cell:?}");
}

#[test]
fn primitive_spellings() {
    use Primitive::*;
    let cases: &[(&str, Primitive)] = &[
        ("String", String),
        ("string", String),
        ("`String`", String),
        ("Edm.String", String),
        ("`Edm.string`", String),
        ("microsoft.graph.String", String),
        ("Boolean", Boolean),
        ("boolean", Boolean),
        ("bool", Boolean),
        ("Bool", Boolean),
        ("`Edm.boolean `", Boolean),
        ("Int32", Int32),
        ("int32", Int32),
        ("int", Int32),
        ("Int", Int32),
        ("Integer", Int32),
        ("integer", Int32),
        ("Int64", Int64),
        ("Int16", Int16),
        ("Byte", Byte),
        ("SByte", SByte),
        ("Double", Double),
        ("double", Double),
        ("number", Double),
        ("numeric", Double),
        ("Float", Double),
        ("Single", Single),
        ("Decimal", Decimal),
        ("DateTimeOffset", DateTimeOffset),
        ("dateTimeOffset", DateTimeOffset),
        ("DateTimeOffSet", DateTimeOffset),
        ("`Edm.DateTimeOffset`", DateTimeOffset),
        ("DateTime", DateTimeOffset),
        ("datetime", DateTimeOffset),
        ("Date", Date),
        ("date", Date),
        ("TimeOfDay", TimeOfDay),
        ("Duration", Duration),
        ("duration", Duration),
        ("Guid", Guid),
        ("GUID", Guid),
        ("guid", Guid),
        ("Binary", Binary),
        ("Stream", Stream),
        ("microsoft.graph.Int64", Int64),
        ("  String  ", String),
        ("String&nbsp;", String),
        ("String<br/>", String),
        ("String.", String),
        ("**Boolean**", Boolean),
    ];
    for &(cell, p) in cases {
        check(cell, prim(p), false);
    }
}

#[test]
fn edm_names_round_trip() {
    for p in [
        Primitive::String,
        Primitive::DateTimeOffset,
        Primitive::SByte,
        Primitive::Stream,
    ] {
        let name = p.edm_name();
        assert_eq!(parse_type_cell(name).shape, prim(p));
        assert_eq!(
            Primitive::from_spelling(name.trim_start_matches("Edm.")),
            Some(p)
        );
    }
}

#[test]
fn untyped_json() {
    for cell in [
        "Json",
        "JSON",
        "microsoft.graph.Json",
        "Edm.Json",
        "JSON object",
        "Untyped JSON object",
        "`Json`",
    ] {
        check(cell, TypeShape::Untyped, false);
    }
    check("Json collection", TypeShape::Untyped, true);
}

#[test]
fn collections() {
    check("String collection", prim(Primitive::String), true);
    check("string collection", prim(Primitive::String), true);
    check("Collection(String)", prim(Primitive::String), true);
    check("collection(string)", prim(Primitive::String), true);
    check("`collection(string)`", prim(Primitive::String), true);
    check("Collection(Edm.String)", prim(Primitive::String), true);
    check("Collection of String", prim(Primitive::String), true);
    check("collection of gadgetPart", named("gadgetPart"), true);
    check(
        "Collection(microsoft.graph.gadgetSpec)",
        named("microsoft.graph.gadgetSpec"),
        true,
    );
    check(
        "gadgetPolicy collection collection",
        named("gadgetPolicy"),
        true,
    );
    check("String\tcollection", prim(Primitive::String), true);
    check("String&#32;collection", prim(Primitive::String), true);
    check("String<br>collection", prim(Primitive::String), true);
}

#[test]
fn named_types() {
    check("gadgetImportance", named("gadgetImportance"), false);
    check(
        "microsoft.graph.gadget",
        named("microsoft.graph.gadget"),
        false,
    );
    check(
        "microsoft.graph.fooRecords.sessionKind",
        named("microsoft.graph.fooRecords.sessionKind"),
        false,
    );
    check(
        "`microsoft.graph.fooRecords.sessionKind` collection",
        named("microsoft.graph.fooRecords.sessionKind"),
        true,
    );
    check(
        "#microsoft.graph.gadget",
        named("microsoft.graph.gadget"),
        false,
    );
    check("**slotTimeZone**", named("slotTimeZone"), false);
    check("`gadgetState`", named("gadgetState"), false);
    check("NAV.PostalAddress", named("NAV.PostalAddress"), false);
    check("url", named("url"), false);
    // Intune generator output for a type it could not find.
    check(
        "** Unknown Type `microsoft.contoso.models.thing` ** collection",
        named("microsoft.contoso.models.thing"),
        true,
    );
}

#[test]
fn inline_links() {
    check(
        "[widgetBody](widgetbody.md)",
        linked("widgetBody", "widgetbody.md"),
        false,
    );
    check(
        "[widgetPart](../resources/widgetpart.md) collection",
        linked("widgetPart", "../resources/widgetpart.md"),
        true,
    );
    check(
        "[paperTone](enums.md#papertone-values)",
        linked("paperTone", "enums.md#papertone-values"),
        false,
    );
    check(
        "[paperTone](#papertone-values) collection",
        linked("paperTone", "#papertone-values"),
        true,
    );
    check(
        "[panelInfo](./panelinfo.md)",
        linked("panelInfo", "./panelinfo.md"),
        false,
    );
    check(
        "[panelInfo](/graph/api/resources/panelinfo)",
        linked("panelInfo", "/graph/api/resources/panelinfo"),
        false,
    );
    check(
        "[panelInfo](panelinfo.md \"Panel info\")",
        linked("panelInfo", "panelinfo.md"),
        false,
    );
    check(
        "[panelInfo](<panelinfo.md>)",
        linked("panelInfo", "panelinfo.md"),
        false,
    );
    check(
        "[**panelInfo**](panelinfo.md)",
        linked("panelInfo", "panelinfo.md"),
        false,
    );
    check(
        "[`panelInfo`](panelinfo.md)",
        linked("panelInfo", "panelinfo.md"),
        false,
    );
    check(
        "[microsoft.graph.fooStore.gizmo](../resources/foostore-gizmo.md)",
        linked(
            "microsoft.graph.fooStore.gizmo",
            "../resources/foostore-gizmo.md",
        ),
        false,
    );
    check(
        "Collection([gadgetSpec](../resources/gadgetspec.md))",
        linked("gadgetSpec", "../resources/gadgetspec.md"),
        true,
    );
    check(
        "collection([gadgetSpec](gadgetspec.md))",
        linked("gadgetSpec", "gadgetspec.md"),
        true,
    );
    // Unclosed link.
    check(
        "[panelMessageInfo](panelmessageinfo.md",
        linked("panelMessageInfo", "panelmessageinfo.md"),
        false,
    );
    // A link whose text is a primitive is the primitive.
    check(
        "[String](https://example.invalid/string)",
        prim(Primitive::String),
        false,
    );
}

#[test]
fn reference_links() {
    check("[ownerSet][]", reflink("ownerSet", "ownerSet"), false);
    check("[ownerSet]", reflink("ownerSet", "ownerSet"), false);
    check(
        "[ownerSet][] collection",
        reflink("ownerSet", "ownerSet"),
        true,
    );
    check(
        "[ownerSet] collection",
        reflink("ownerSet", "ownerSet"),
        true,
    );
    check(
        "[**gizmoItem**][gizmoItem]",
        reflink("gizmoItem", "gizmoItem"),
        false,
    );
    check(
        "[gizmoItem][Gizmo Label]",
        reflink("gizmoItem", "Gizmo Label"),
        false,
    );
    check(
        "Collection([gadgetSpec][])",
        reflink("gadgetSpec", "gadgetSpec"),
        true,
    );
    check(
        "[microsoft.graph.fooStore.set][] collection",
        reflink(
            "microsoft.graph.fooStore.set",
            "microsoft.graph.fooStore.set",
        ),
        true,
    );
    check(
        "[trackerStats][] resource",
        reflink("trackerStats", "trackerStats"),
        false,
    );
}

#[test]
fn unions() {
    let got = parse_type_cell(
        "[alphaConfig](../resources/alphaconfig.md) or [betaConfig](../resources/betaconfig.md)",
    );
    assert_eq!(
        got,
        expr(
            "[alphaConfig](../resources/alphaconfig.md) or [betaConfig](../resources/betaconfig.md)",
            TypeShape::Union(vec![
                expr("[alphaConfig](../resources/alphaconfig.md)", linked("alphaConfig", "../resources/alphaconfig.md"), false),
                expr("[betaConfig](../resources/betaconfig.md)", linked("betaConfig", "../resources/betaconfig.md"), false),
            ]),
            false,
        )
    );
    assert_eq!(
        parse_type_cell("string/number"),
        expr(
            "string/number",
            TypeShape::Union(vec![
                expr("string", prim(Primitive::String), false),
                expr("number", prim(Primitive::Double), false),
            ]),
            false,
        )
    );
    assert_eq!(
        parse_type_cell("(boolean or string or number) collection"),
        expr(
            "(boolean or string or number) collection",
            TypeShape::Union(vec![
                expr("boolean", prim(Primitive::Boolean), false),
                expr("string", prim(Primitive::String), false),
                expr("number", prim(Primitive::Double), false),
            ]),
            true,
        )
    );
    // Per-member collection flags.
    let got = parse_type_cell("[alpha](alpha.md) collection or String");
    assert_eq!(
        got.shape,
        TypeShape::Union(vec![
            expr(
                "[alpha](alpha.md) collection",
                linked("alpha", "alpha.md"),
                true
            ),
            expr("String", prim(Primitive::String), false),
        ])
    );
    assert!(!got.collection);
}

#[test]
fn trailing_and_leading_qualifiers() {
    check("string (url)", prim(Primitive::String), false);
    check("String (url)", prim(Primitive::String), false);
    check("String (optional)", prim(Primitive::String), false);
    check("(Optional) String", prim(Primitive::String), false);
    check("(Required) Int32", prim(Primitive::Int32), false);
    check("string (readonly)", prim(Primitive::String), false);
    check("string (timestamp)", prim(Primitive::String), false);
    check("string, maximum size 20", prim(Primitive::String), false);
    check("String (enum)", prim(Primitive::String), false);
    check("widgetStatus enum", named("widgetStatus"), false);
    check(
        "[widgetKind](widgetkindenumtype.md) enum",
        linked("widgetKind", "widgetkindenumtype.md"),
        false,
    );
    check(
        "[widgetKind](../resources/widgetkind.md) (optional)",
        linked("widgetKind", "../resources/widgetkind.md"),
        false,
    );
    check("gizmoError object", named("gizmoError"), false);
    check(
        "String collection (optional)",
        prim(Primitive::String),
        true,
    );
}

#[test]
fn unparsed_cells() {
    for cell in [
        "",
        "   ",
        "application/json",
        "application/json. Required.",
        "Not supported.",
        "Gadget groups",
        "[Gadget groups](#gadget-groups)",
        "Edm.Whatever",
        "[gadget](gadget.md) collection. Holds the gadgets of the widget",
        "The moment the gadget was made. DateTimeOffset",
        "Collection(String",
        "Collection()",
        "[](empty.md)",
        "string/[gadget](gadget.md)",
        "or",
        "(",
        "[",
        "]",
    ] {
        let got = parse_type_cell(cell);
        if cell == "or" {
            // A lone word is a (bogus) name; the resolver reports it.
            assert_eq!(got.shape, named("or"));
            continue;
        }
        assert_eq!(got.shape, TypeShape::Unparsed, "{cell:?} -> {got:?}");
        assert!(!got.collection);
        assert_eq!(got.written, cell.trim());
        assert!(got.is_unparsed());
    }
}

#[test]
fn serializes() {
    let json = serde_json::to_value(parse_type_cell("[ownerSet][] collection")).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "written": "[ownerSet][] collection",
            "shape": {"Named": {"name": "ownerSet", "link": null, "reference_label": "ownerSet"}},
            "collection": true
        })
    );
}

// ---------------------------------------------------------------------------------------
// Description flags

#[track_caller]
fn flags(desc: &str) -> DescriptionFlags {
    description_flags(desc)
}

#[test]
fn read_only_and_nullable() {
    assert!(flags("The gadget name. Read-only.").read_only);
    assert!(flags("The gadget name. This property is read-only.").read_only);
    assert!(flags("Gadget owner. Read only.").read_only);
    assert!(flags("Gadget owner. readonly").read_only);
    assert!(!flags("The gadget name.").read_only);
    assert!(!flags("This value is not read-only.").read_only);

    let f = flags("Gadgets of the widget. Read-only. Nullable.");
    assert!(f.read_only);
    assert_eq!(f.nullable, Some(true));
    assert_eq!(flags("The gadget id. Not nullable.").nullable, Some(false));
    assert_eq!(flags("The gadget id. Non-nullable.").nullable, Some(false));
    assert_eq!(flags("The gadget id. not nullable").nullable, Some(false));
    assert_eq!(flags("The gadget id.").nullable, None);
}

#[test]
fn required_and_optional() {
    assert_eq!(flags("Required.").required, Some(true));
    assert_eq!(flags("The gadget name. Required.").required, Some(true));
    assert_eq!(
        flags("The gadget name. Required on create.").required,
        Some(true)
    );
    assert_eq!(
        flags("Required when the gadget is shared.").required,
        Some(true)
    );
    assert_eq!(flags("The gadget name. Optional.").required, Some(false));
    assert_eq!(
        flags("Optional, default value is false.").required,
        Some(false)
    );
    assert_eq!(flags("(optional) The gadget name.").required, Some(false));
    assert_eq!(flags("The gadget name (required).").required, Some(true));
    assert_eq!(
        flags("The gadget name. Not required.").required,
        Some(false)
    );
    // Mentions that are not statements about the field.
    assert_eq!(flags("Optional description for the gadget.").required, None);
    assert_eq!(
        flags("The permissions required to call this API.").required,
        None
    );
    assert_eq!(
        flags("Indicates whether a gadget pin is required").required,
        None
    );
    // The first statement wins.
    assert_eq!(flags("Optional. Required on create.").required, Some(false));
}

#[test]
fn inherited_from() {
    assert_eq!(
        flags("The gadget name. Inherited from [gadgetBase](../resources/gadgetbase.md)")
            .inherited_from,
        Some((
            "gadgetBase".into(),
            Some("../resources/gadgetbase.md".into())
        ))
    );
    assert_eq!(
        flags("Read-only. Inherited from [gadgetBase][]").inherited_from,
        Some(("gadgetBase".into(), None))
    );
    assert_eq!(
        flags("The gadget name. Inherited from gadgetBase.").inherited_from,
        Some(("gadgetBase".into(), None))
    );
    assert_eq!(
        flags("Inherited from **gadgetBase**").inherited_from,
        Some(("gadgetBase".into(), None))
    );
    assert_eq!(flags("The gadget name.").inherited_from, None);
    assert_eq!(flags("Inherited from").inherited_from, None);
}

#[test]
fn possible_values() {
    assert_eq!(
        flags("The tone. Possible values are: `alpha`, `beta`, `unknownFutureValue`.")
            .possible_values,
        ["alpha", "beta", "unknownFutureValue"]
    );
    let f = flags("Status. Possible values are: 0 - `Not Ready`, 1 - `Ready`. Inherited from [gadgetBase](gadgetbase.md)");
    assert_eq!(f.possible_values, ["Not Ready", "Ready"]);
    assert_eq!(
        f.inherited_from,
        Some(("gadgetBase".into(), Some("gadgetbase.md".into())))
    );
    assert_eq!(
        flags("The possible values are `low`, `normal`, and `high`. Optional.").possible_values,
        ["low", "normal", "high"]
    );
    assert_eq!(
        flags("Possible values are:`one`, `two`").possible_values,
        ["one", "two"]
    );
    assert_eq!(
        flags("Possible values include: `Pending`, `Done`. Supports `$filter`.").possible_values,
        ["Pending", "Done"]
    );
    assert_eq!(
        flags("Possible values are **Red**, **Green** or **Blue**.").possible_values,
        ["Red", "Green", "Blue"]
    );
    assert_eq!(
        flags("Possible values are everyone, organizer, and unknownFutureValue.").possible_values,
        ["everyone", "organizer", "unknownFutureValue"]
    );
    assert_eq!(
        flags("Possible values are: 'viewer', 'sharer'").possible_values,
        ["viewer", "sharer"]
    );
    assert_eq!(
        flags("Possible values are: `v1.0`, `beta`. The value `beta` is special.").possible_values,
        ["v1.0", "beta"]
    );
    assert_eq!(
        flags("Possible values are: `email`, `sms` (only for resets), `call`.").possible_values,
        ["email", "sms", "call"]
    );
    assert_eq!(
        flags("Possible values are: `a`, `b`. Possible values are: `a`, `b`.").possible_values,
        ["a", "b"]
    );
    assert_eq!(
        flags("Possible values are: **Open**, **Closed**, or empty (which means **Open**).")
            .possible_values,
        ["Open", "Closed"]
    );
    assert_eq!(
        flags("Current possible values: *FirstName* or *LastName*").possible_values,
        ["FirstName", "LastName"]
    );
    assert!(flags("Possible values include individuals or groups.")
        .possible_values
        .is_empty());
    assert!(flags("See **the table** for possible values.")
        .possible_values
        .is_empty());
    assert!(flags("The gadget name.").possible_values.is_empty());
    assert_eq!(
        flags("Possible values are:<br>`submitted` — waiting.<br>`published` — live.")
            .possible_values,
        ["submitted"]
    );
}

#[test]
fn flags_default_and_html() {
    assert_eq!(flags(""), DescriptionFlags::default());
    let f = flags("Read&#8209;only?&nbsp;Nullable.<br/>Required.");
    assert_eq!(f.nullable, Some(true));
    assert_eq!(f.required, Some(true));
}

// ---------------------------------------------------------------------------------------
// Never panic


const FIXTURES: &[&str] = &[
    "[widgetPart](../resources/widgetpart.md) collection",
    "Collection([gadgetSpec][])",
    "(boolean or string or number) collection",
    "[alphaConfig](alphaconfig.md) or [betaConfig](betaconfig.md)",
    "** Unknown Type `microsoft.contoso.models.thing` ** collection",
    "string, maximum size 20",
    "(Optional) String",
    "[panelMessageInfo](panelmessageinfo.md",
    "[**gizmoItem**][gizmoItem]",
    "String&nbsp;<br/>collection",
    "Status. Possible values are: 0 - `Not Ready`, 1 - `Ready`. Inherited from [gadgetBase](gadgetbase.md). Read-only. Not nullable. Required.",
    "Possible values are **Red**, **Green** or **Blue**. (optional)",
];

const NOISE: &[&str] = &[
    "[",
    "]",
    "(",
    ")",
    "`",
    "*",
    "**",
    "&",
    ";",
    "&#",
    "&#x",
    "<",
    ">",
    "<br>",
    "\\",
    "|",
    ",",
    "/",
    ".",
    " ",
    "\t",
    "\u{a0}",
    "\u{202f}",
    "\u{200b}",
    "é",
    "€",
    "😀",
    "collection",
    "or",
    "of",
    "Collection(",
    "[x][",
    "](",
    "Edm.",
    "microsoft.graph.",
    "Possible values are:",
    "Inherited from",
    "Not ",
    "nullable",
    "Required",
    "`a`",
];


#[test]
fn never_panics_on_truncations_and_mutations() {
    for f in FIXTURES {
        let chars: Vec<char> = f.chars().collect();
        for n in 0..=chars.len() {
            let prefix: String = chars[..n].iter().collect();
            let suffix: String = chars[n..].iter().collect();
            for s in [&prefix, &suffix] {
                let e = parse_type_cell(s);
                assert_eq!(e.written, s.trim());
                let _ = description_flags(s);
            }
        }
    }
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for round in 0..20_000 {
        let base = FIXTURES[round % FIXTURES.len()];
        let s = mutate(&mut rng, base, NOISE, 4);
        let e = parse_type_cell(&s);
        assert_eq!(e.written, s.trim());
        let _ = description_flags(&s);
    }
}
