//! Small invented pages that reproduce, one at a time, the shapes of the reference dialect
//! the reader must handle (issue "Read every page of the real Graph corpus"). Names and
//! prose are made up; only the *shape* of each defect mirrors what the corpus does.
//!
//! Each test reads one or a few pages with [`read_page`] (and [`build_api`] when the fact
//! spans pages) and checks the extracted facts and the diagnostics.

use docgen::diagnostics::{Diagnostic, Diagnostics};
use docgen::ir::{build_api, Api, BuildInput, TypeRef};
use docgen::reader::page::{read_page, BaseSource, Page, PageKind, TypeFactsKind};

/// Read one page; returns the page and its diagnostics.
fn read(file: &str, source: &str) -> (Page, Vec<Diagnostic>) {
    let mut diags = Diagnostics::for_file(file);
    let page = read_page(file, source, &mut diags);
    (page, diags.into_vec())
}

/// Read several pages of one version and resolve them.
fn api(pages: &[(&str, &str)]) -> (Vec<Page>, Api, Vec<Diagnostic>) {
    let mut all = Vec::new();
    let mut diags = Vec::new();
    for (file, source) in pages {
        let (page, d) = read(file, source);
        all.push(page);
        diags.extend(d);
    }
    let (api, more) = build_api(&BuildInput { version: "test", pages: &all });
    diags.extend(more);
    (all, api, diags)
}

/// The rule ids of `diags`, in order.
fn rules(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.rule).collect()
}

fn count(diags: &[Diagnostic], rule: &str) -> usize {
    diags.iter().filter(|d| d.rule == rule).count()
}

const RESOURCE_FM: &str = "---\ntitle: x\ndescription: x\ndoc_type: resourcePageType\n---\n";
const API_FM: &str = "---\ntitle: x\ndescription: x\ndoc_type: apiPageType\n---\n";

// ---------------------------------------------------------------------------------------
// Tables

#[test]
fn table_rows_continued_on_a_pipe_less_line_are_one_property() {
    let src = format!(
        "{RESOURCE_FM}# gadget resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n\
         |mode|Int32|Speed setting.\nLevel 2 applies only to fast mode. Possible values are: `slow`, `fast`.|\n\
         |label|String|Name.|\n"
    );
    let (page, diags) = read("resources/gadget.md", &src);
    let props = &page.types[0].properties;
    assert_eq!(props.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["mode", "label"]);
    assert!(props[0].description.ends_with("Possible values are: slow, fast."), "{}", props[0].description);
    assert_eq!(props[0].flags.possible_values, ["slow", "fast"]);
    assert_eq!(rules(&diags), ["table/continuation-line"]);
}

#[test]
fn bold_group_label_rows_are_not_properties() {
    let src = format!(
        "{RESOURCE_FM}# widgetHub resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n\
         |id|String|Key.|\n|**Sprockets**|\n|sprocketCount|Int32|How many.|\n"
    );
    let (page, diags) = read("resources/widgethub.md", &src);
    let names: Vec<_> = page.types[0].properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id", "sprocketCount"]);
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn cells_with_escaped_pipes_links_html_and_short_rows() {
    let src = format!(
        "{RESOURCE_FM}# gizmo resource type\n\n## Properties\n| Property | Type | Description |\n|:--|:--|:--|\n\
         |**pattern**|String|Either `a\\|b` or <br>`c`.|\n\
         |owner|[gizmoOwner](gizmoowner.md)|The owner. Read-only.|\n\
         |`parts`|[gizmoPart][] collection|Parts.|\n\
         |note|String|\n\n[gizmoPart]: gizmopart.md\n"
    );
    let (page, _) = read("resources/gizmo.md", &src);
    let p = &page.types[0].properties;
    assert_eq!(p.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["pattern", "owner", "parts", "note"]);
    assert!(p[0].description.contains("a|b"), "{}", p[0].description);
    assert!(p[1].flags.read_only);
    assert_eq!(p[1].type_expr.written, "[gizmoOwner](gizmoowner.md)");
    // The reference-style link is resolved against the page's link definitions.
    match &p[2].type_expr.shape {
        docgen::reader::type_expr::TypeShape::Named { name, link, .. } => {
            assert_eq!((name.as_str(), link.as_deref()), ("gizmoPart", Some("gizmopart.md")));
        }
        other => panic!("{other:?}"),
    }
    assert!(p[2].type_expr.collection);
    assert_eq!(p[3].description, "");
}

// ---------------------------------------------------------------------------------------
// Type names: H1, annotations, enum headings

#[test]
fn h1_notes_in_parentheses_and_facet_titles_name_the_type() {
    for (h1, want) in [
        ("oldThing resource type (deprecated)", "oldThing"),
        ("tabSettings resource type (Open Type)", "tabSettings"),
        ("Sound facet", "Sound"),
        ("clip resouce type", "clip"),
    ] {
        let src = format!("{RESOURCE_FM}# {h1}\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|a|String|A.|\n");
        let (page, diags) = read("resources/t.md", &src);
        assert_eq!(page.types[0].name, want, "{h1}");
        assert!(diags.is_empty(), "{h1}: {diags:?}");
    }
}

#[test]
fn a_resource_annotation_names_a_table_that_comes_before_it() {
    let src = format!(
        "{RESOURCE_FM}# The sprocket thing\n\nA sprocket.\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|teeth|Int32|Count.|\n\n\
         ## JSON representation\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.sprocket\" }} -->\n```json\n{{ \"teeth\": 1024 }}\n```\n"
    );
    let (page, diags) = read("resources/sprocket.md", &src);
    assert_eq!(page.types.len(), 1);
    assert_eq!(page.types[0].name, "microsoft.graph.sprocket");
    assert_eq!(page.types[0].properties[0].name, "teeth");
    assert!(page.types[0].json_representation.is_some());
    assert!(diags.is_empty(), "{diags:?}");

    // Without the annotation the table has no name: reported, not invented.
    let src = format!("{RESOURCE_FM}# The sprocket thing\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|teeth|Int32|Count.|\n");
    let (page, diags) = read("resources/sprocket.md", &src);
    assert!(page.types.is_empty());
    assert_eq!(rules(&diags), ["resource/no-type"]);
    assert_eq!(diags[0].line, 9);
}

#[test]
fn properties_none_is_a_type_without_properties() {
    let src = format!("{RESOURCE_FM}# hollow resource type\n\nA container.\n\n## Properties\nNone\n\n## Relationships\nNone\n");
    let (page, diags) = read("resources/hollow.md", &src);
    assert_eq!(page.types[0].name, "hollow");
    assert!(page.types[0].properties_none);
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn an_enum_h1_on_a_page_labelled_resource_is_an_enum() {
    let src = format!(
        "{RESOURCE_FM}# dialState enum type\n\n## Members\n| Member | Value| Description |\n|:--|:--|:--|\n|idle|0|Idle.|\n|busy|1|Busy.|\n"
    );
    let (page, _) = read("resources/dialstate.md", &src);
    assert_eq!(page.kind, PageKind::Resource);
    assert_eq!(page.types[0].kind, TypeFactsKind::Enum);
    let members: Vec<_> = page.types[0].members.iter().map(|m| (m.name.as_str(), m.value)).collect();
    assert_eq!(members, [("idle", Some(0)), ("busy", Some(1))]);
}

#[test]
fn an_overview_labelled_resource_page_is_conceptual() {
    let src = format!("{RESOURCE_FM}# Use the gadget API\n\nOverview prose.\n\n## Scenarios\n|Use case|Request|\n|--|--|\n|a|b|\n");
    let (page, diags) = read("resources/gadget-api-overview.md", &src);
    assert_eq!(page.kind, PageKind::Conceptual);
    assert_eq!(rules(&diags), ["page/conceptual-resource"]);
}

// ---------------------------------------------------------------------------------------
// Inheritance

#[test]
fn inheritance_prose_takes_the_whole_link_and_skips_filler_words() {
    let page = |intro: &str| {
        format!("{RESOURCE_FM}# child resource type\n\n{intro}\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|a|String|A.|\n")
    };
    let cases = [
        ("Works with a [widget](widget.md). This type inherits from [widgetBase](widgetbase.md).", Some("widgetBase")),
        ("Inherits from the base class [widgetBase](widgetbase.md).", Some("widgetBase")),
        ("Derived from microsoft.graph.widgetBase.", Some("microsoft.graph.widgetBase")),
        ("A policy that inherits from base policy type.", None),
        ("Other types inherit from this base type. It is inherited from another scope.", None),
    ];
    for (intro, want) in cases {
        let (p, _) = read("resources/child.md", &page(intro));
        let got = p.types[0].bases.iter().find(|b| b.source == BaseSource::Prose).map(|b| b.mention.name.clone());
        assert_eq!(got.as_deref(), want, "{intro}");
    }
}

#[test]
fn inheritance_from_all_three_sources_resolves_through_the_symbol_table() {
    let base = format!(
        "{RESOURCE_FM}# shapeBase resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key.|\n"
    );
    // 1. annotation baseType
    let by_annotation = format!(
        "{RESOURCE_FM}# circle resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|radius|Double|R.|\n\n\
         ## JSON representation\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.circle\", \"baseType\": \"microsoft.graph.shapeBase\" }} -->\n```json\n{{}}\n```\n"
    );
    // 2. intro sentence
    let by_prose = format!(
        "{RESOURCE_FM}# square resource type\n\nInherits from [shapeBase](shapes-base.md).\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|side|Double|S.|\n"
    );
    // 3. `Inherited from` rows (the file name says nothing about the type name)
    let by_rows = format!(
        "{RESOURCE_FM}# star resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n\
         |id|String|Key. Inherited from [shapeBase](shapes-base.md).|\n|points|Int32|P.|\n"
    );
    let (_, api, diags) = api(&[
        ("resources/shapes-base.md", &base),
        ("resources/circle.md", &by_annotation),
        ("resources/square.md", &by_prose),
        ("resources/star.md", &by_rows),
    ]);
    for key in ["microsoft.graph.circle", "microsoft.graph.square", "microsoft.graph.star"] {
        assert_eq!(api.types[key].base.as_deref(), Some("microsoft.graph.shapebase"), "{key}");
    }
    // The repeated inherited row stays on the base only.
    assert_eq!(api.types["microsoft.graph.star"].properties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["points"]);
    assert!(diags.is_empty(), "{diags:?}");
}

// ---------------------------------------------------------------------------------------
// Api pages: request body and response prose

#[test]
fn prose_links_in_the_response_section_are_not_types() {
    let src = format!(
        "{API_FM}# Copy gadget\n\n## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nPOST /gadgets/{{id}}/copy\n```\n\n\
         ## Response\nIf successful, this method returns a `202 Accepted` response code. To [check the copy progress](../api/op-get.md), poll the Location URL.\n"
    );
    let (page, diags) = read("api/gadget-copy.md", &src);
    assert_eq!(page.response_status.as_ref().map(|s| s.value), Some(202));
    assert!(page.response_type.is_none(), "{:?}", page.response_type);
    let (_, api, more) = api(&[("api/gadget-copy.md", &src)]);
    assert_eq!(api.operations[0].response, None);
    assert!(diags.is_empty() && count(&more, "type/unresolved") == 0, "{more:?}");
    let _ = TypeRef::Json;
}
