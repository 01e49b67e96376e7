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

// ---------------------------------------------------------------------------------------
// Examples: classification and pairing

/// The examples of a page as (request method or "-", response statuses).
fn exchanges(page: &Page) -> Vec<(String, Vec<u16>)> {
    page.examples
        .iter()
        .map(|e| {
            let method = e.request.as_ref().map_or("-".to_string(), |r| r.message.method.clone());
            let statuses = e.response.iter().chain(&e.more_responses).map(|r| r.message.status).collect();
            (method, statuses)
        })
        .collect()
}

#[test]
fn unannotated_intune_style_examples_pair_by_first_line() {
    let src = format!(
        "{API_FM}# Create gadgetKey\n\n## HTTP request\n```http\nPOST /deviceManagement/gadgetKeys\n```\n\n\
         ## Example\n\n### Request\nHere is an example of the request.\n``` http\nPOST https://graph.microsoft.com/beta/deviceManagement/gadgetKeys\n\n\
         Content-type: application/json\nContent-length: 52\n\n{{\n  \"@odata.type\": \"#microsoft.graph.gadgetKey\"\n}}\n```\n\n\
         ### Response\nHere is an example of the response.\n``` http\nHTTP/1.1 201 Created\nContent-Type: application/json\n\n{{\n  \"id\": \"x\"\n}}\n```\n"
    );
    let (page, diags) = read("api/intune-gadgetkey-create.md", &src);
    assert_eq!(exchanges(&page), [("POST".to_string(), vec![201])]);
    let req = page.examples[0].request.as_ref().unwrap();
    assert!(req.annotation.is_none());
    // The blank line between request line and headers does not turn headers into body.
    assert_eq!(req.message.headers.len(), 2);
    assert!(req.json.is_some());
    assert_eq!((page.example_fences, page.unclassified_fences), (2, 0));
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn annotations_bind_to_the_next_fence_across_blank_lines_and_tabs() {
    let src = format!(
        "{API_FM}# Get widget\n\n## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /widgets/{{id}}\n```\n\n## Example\n\n### Request\n\n\
         # [HTTP](#tab/http)\n<!-- {{\n  \"blockType\": \"request\",\n  \"name\": \"get_widget\"\n}} -->\n\n\n```msgraph-interactive\nGET https://graph.microsoft.com/v1.0/widgets/42\n```\n\
         # [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/snippets/csharp/get-widget-csharp-snippets.md)]\n\n---\n\n\
         ### Response\n> [!NOTE]\n> The response object shown here might be shortened for readability.\n\n\
         <!-- {{ \"blockType\": \"response\", \"truncated\": \"true\", \"@odata.type\": \"microsoft.graph.widget\" }}-->\n```http\nHTTP/1.1 200 OK\n```\n"
    );
    let (page, diags) = read("api/widget-get.md", &src);
    assert_eq!(exchanges(&page), [("GET".to_string(), vec![200])]);
    let ex = &page.examples[0];
    assert_eq!(ex.request.as_ref().unwrap().annotation.as_ref().unwrap().name.as_deref(), Some("get_widget"));
    let resp = ex.response.as_ref().unwrap().annotation.as_ref().unwrap();
    assert!(resp.truncated);
    assert_eq!(resp.odata_type.as_deref(), Some("microsoft.graph.widget"));
    // Tab selector lines are not headings; the outline keeps `Request` / `Response`.
    assert_eq!(page.title.as_ref().unwrap().value, "Get widget");
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn further_responses_belong_to_the_same_request() {
    let src = format!(
        "{API_FM}# Get report\n\n## HTTP request\n```http\nGET /reports/getGadgetCounts(period='{{period_value}}')\n```\n\n## Example\n\n\
         ### Request\n```http\nGET https://graph.microsoft.com/v1.0/reports/getGadgetCounts(period='D7')\n```\n\n\
         ### Response\n```http\nHTTP/1.1 302 Found\nLocation: https://reports.example.org/data\n```\n\n\
         Follow the redirect and the CSV file has this schema.\n\n```http\nHTTP/1.1 200 OK\nContent-Type: application/octet-stream\n\nDate,Count\n```\n\n\
         If the period is not valid, the method returns an error.\n\n```http\nHTTP/1.1 400 Bad Request\n```\n"
    );
    let (page, diags) = read("api/reportroot-getgadgetcounts.md", &src);
    assert_eq!(exchanges(&page), [("GET".to_string(), vec![302, 200, 400])]);
    let (_, _, more) = api(&[("api/reportroot-getgadgetcounts.md", &src)]);
    assert!(diags.is_empty() && more.is_empty(), "{diags:?} {more:?}");
}

#[test]
fn a_response_does_not_pair_across_an_example_heading() {
    let src = format!(
        "{API_FM}# Update gadget\n\n## HTTP request\n```http\nPATCH /gadgets/{{id}}\n```\n\n## Examples\n\n### Example 1: rename\n#### Request\n```http\nPATCH https://graph.microsoft.com/v1.0/gadgets/1\n```\n\
         #### Response\n```http\nHTTP/1.1 204 No Content\n```\n\n### Example 2: recolor\n#### Response\n```http\nHTTP/1.1 204 No Content\n```\n"
    );
    let (page, diags) = read("api/gadget-update.md", &src);
    assert_eq!(exchanges(&page), [("PATCH".to_string(), vec![204]), ("-".to_string(), vec![204])]);
    assert_eq!(rules(&diags), ["example/unpaired-response"]);
    assert_eq!(diags[0].line, 28);
}

#[test]
fn notifications_and_syntax_as_example_requests() {
    // A topical page: each H2 documents one request, annotated `request`, written relative;
    // the response follows under `## Response`. Notifications to the app's callback URL
    // are one-way messages.
    let src = format!(
        "{API_FM}# Get a gadget folder\n\n## HTTP request\n<!-- {{ \"blockType\": \"request\", \"name\": \"get-folder\" }} -->\n```msgraph-interactive\nGET /me/gadgets/folders/{{name}}\n```\n\n\
         ## Response\nThis method returns a `200 OK` response code.\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\n```\n\n\
         ## Watch the folder\n\n### Request\n```http\nPOST https://graph.microsoft.com/v1.0/me/gadgets/folders/docs/watch\n```\n\n\
         ### Response\n```http\nHTTP/1.1 202 Accepted\n```\n\n\
         ##### Notification - folder changed\n```http\nPOST https://bot.example.org/api/callback\nContent-Type: application/json\n```\n\
         <!-- {{ \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.gadgetNotification\" }} -->\n```json\n{{ \"changeType\": \"updated\" }}\n```\n"
    );
    let (page, diags) = read("api/gadgetfolder-get.md", &src);
    assert_eq!(
        exchanges(&page),
        [("GET".to_string(), vec![200]), ("POST".to_string(), vec![202]), ("POST".to_string(), vec![])]
    );
    assert!(page.examples[2].notification);
    assert_eq!(page.operations.len(), 1);
    assert_eq!(page.operations[0].paths[0].value.text, "/me/gadgets/folders/{name}");
    assert!(!page.operations[0].from_example);
    let (pages, api, more) = api(&[("api/gadgetfolder-get.md", &src)]);
    // The watch request is a true path mismatch; the notification is not checked.
    assert_eq!(rules(&more), ["example/path-mismatch"], "{more:?}");
    assert!(diags.is_empty(), "{diags:?}");
    let docs = docgen::Docs { version: "test".into(), pages, diagnostics: Vec::new() };
    let s = docgen::summary::Summary::of(&docs, &api, &more);
    assert_eq!((s.example_messages, s.paired_messages, s.notification_requests), (4, 4, 1));
}

#[test]
fn topical_pages_take_their_syntax_from_relative_requests() {
    let src = format!(
        "{API_FM}# List gadget shelves\n\n## List a group's shelves\n<!-- {{ \"blockType\": \"request\" }} -->\n```http\nGET /groups/{{groupId}}/shelves\n```\n\n\
         ## List a site's shelves\n```http\nGET /sites/{{siteId}}/shelves\n```\n\n## Response\n```http\nHTTP/1.1 200 OK\n```\n"
    );
    let (page, _) = read("api/shelf-list.md", &src);
    let paths: Vec<_> = page.operations[0].paths.iter().map(|p| p.value.text.as_str()).collect();
    assert_eq!(paths, ["/groups/{groupId}/shelves", "/sites/{siteId}/shelves"]);
    assert!(!page.operations[0].from_example);
}

#[test]
fn fences_that_hold_no_message_are_snippets_or_unclassified() {
    let src = format!(
        "{API_FM}# List gizmos\n\n## HTTP request\n```http\nGET /gizmos\n```\n\n## Optional query parameters\nUse this format:\n\n\
         ```http\n/gizmos?$filter=contains(name, '{{x}}')\n```\n\n```\nPS C:\\> Set-Gizmo -Enabled\n```\n\n\
         ## Request headers\n```http\nPrefer: outlook.timezone=\"UTC\"\n```\n\n## Request body\n```http\n{{ \"a\": 1 }}\n```\n\n\
         ## Example\n### Request\n```http\nGET https://graph.microsoft.com/v1.0/gizmos\n```\n### Response\n```http\n{{\n  Location: https://x.example.org\n}}\n```\n\
         ```http\n+GET https://graph.microsoft.com/v1.0/gizmos?$top=1\n```\n"
    );
    let (page, diags) = read("api/gizmo-list.md", &src);
    // URL-only and header-only fences outside examples are snippets, and so is the command
    // fence: it has no info string and holds no message.
    assert_eq!(page.snippet_fences, 3);
    // Examples: the JSON payload fence (classified), the request, the broken response and
    // the `+GET` line (both unclassified, both reported).
    assert_eq!((page.example_fences, page.unclassified_fences), (4, 2));
    assert_eq!(rules(&diags), ["example/unclassified", "example/unclassified"]);
    assert_eq!(exchanges(&page), [("GET".to_string(), vec![])]);
}

#[test]
fn an_http_fence_annotated_example_holds_a_request() {
    let src = format!(
        "{API_FM}# Create call\n\n## HTTP request\n```http\nPOST /calls\n```\n\n## Examples\n### Example 1\n##### Request\n\
         <!-- {{ \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.call\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/calls\nContent-Type: application/json\n\n{{ \"a\": 1 }}\n```\n\
         ##### Response\n```http\nHTTP/1.1 201 Created\n```\n"
    );
    let (page, diags) = read("api/call-create.md", &src);
    assert_eq!(exchanges(&page), [("POST".to_string(), vec![201])]);
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn request_and_response_sharing_one_fence_pair() {
    let src = format!(
        "{RESOURCE_FM}# Configure gadgets\n\n## Example\n```http\nPOST https://graph.microsoft.com/beta/gadgets\nContent-Type: application/json\n\n{{\n  \"a\": 1\n}}\n\nHTTP/1.1 201 No Content\n```\n"
    );
    let (page, _) = read("resources/gadgets-configure.md", &src);
    assert_eq!(exchanges(&page), [("POST".to_string(), vec![201])]);
}

#[test]
fn every_status_code_the_response_prose_names_is_documented() {
    let page = |prose: &str, status: u16| {
        format!(
            "{API_FM}# Get gadget report\n\n## HTTP request\n```http\nGET /reports/gadgets\n```\n\n## Response\n{prose}\n\n## Example\n### Request\n```http\nGET https://graph.microsoft.com/v1.0/reports/gadgets\n```\n### Response\n```http\nHTTP/1.1 {status} X\n```\n"
        )
    };
    // Two codes in the prose (one per format): the example's is one of them.
    let src = page("If successful, this method returns a `200 OK` response code.\n\n### CSV\nRequesting CSV returns a `302 Found` response that redirects.", 302);
    let (p, _) = read("api/report-get.md", &src);
    assert_eq!(p.response_statuses.iter().map(|s| s.value).collect::<Vec<_>>(), [200, 302]);
    let (_, _, diags) = api(&[("api/report-get.md", &src)]);
    assert_eq!(count(&diags, "example/status-mismatch"), 0, "{diags:?}");
    // A class is not a code.
    let src = page("If successful, this method returns a 200-series response code.", 204);
    let (p, _) = read("api/report-get.md", &src);
    assert_eq!(p.response_status, None);
    // A true disagreement stays reported.
    let src = page("If successful, this method returns a `201 Created` response code.", 200);
    let (_, api, diags) = api(&[("api/report-get.md", &src)]);
    assert_eq!(rules(&diags), ["example/status-mismatch"]);
    assert_eq!(api.operations[0].success_status, 201);
}

#[test]
fn inherited_from_prose_in_rows_is_not_a_base_type() {
    let src = format!(
        "{RESOURCE_FM}# shelf resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n\
         |origin|String|Set when the shelf is inherited from another scope.|\n|settings|String|Some settings are inherited from the template.|\n"
    );
    let (page, _) = read("resources/shelf.md", &src);
    assert!(page.types[0].bases.is_empty(), "{:?}", page.types[0].bases);
}

#[test]
fn header_only_fences_are_snippets_even_in_examples() {
    let src = "---\ntitle: x\ndoc_type: conceptualPageType\n---\n# Gadget errors\n\n## Example\nThe warning header reads:\n\n```HTTP\nWarning : 199 - \"{Vendor}/{Provider}/504/10000\",\n          199 - \"{Vendor}/{Provider}/403/10\"\n```\n";
    let (page, diags) = read("resources/gadget-error-codes.md", src);
    assert_eq!((page.example_fences, page.snippet_fences), (0, 1));
    assert!(diags.is_empty(), "{diags:?}");
}

// ---------------------------------------------------------------------------------------
// Lenient JSON: repaired, or reported and listed, never dropped silently

#[test]
fn unreadable_json_is_reported_and_listed() {
    let src = format!(
        "{API_FM}# Update gadget\n\n## HTTP request\n```http\nPATCH /gadgets/{{id}}\n```\n\n## Example\n\
         <!-- {{ \"blockType\": \"request\", \"name\": \"x\", }} -->\n```http\nPATCH https://graph.microsoft.com/v1.0/gadgets/1\nContent-type: application/json\n\n{{\n  \"name\": 'single',\n}}\n```\n\
         <!-- {{ \"blockType\": \"response\" \"truncated\": true -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{ \"name\": \"x\", }}\n```\n"
    );
    let (page, diags) = read("api/gadget-update.md", &src);
    // The request annotation needed a trailing-comma repair; the request body cannot be
    // read; the response annotation cannot be read; the response body was repaired.
    let what: Vec<_> = page.unparsed_json.iter().map(|u| (u.line, u.value.as_str())).collect();
    assert_eq!(what, [(19, "example request body"), (23, "annotation")]);
    assert_eq!(count(&diags, "json/unparseable"), 2, "{diags:?}");
    assert_eq!(count(&diags, "json/trailing-comma"), 2, "{diags:?}");
    let ex = &page.examples[0];
    assert!(ex.request.as_ref().unwrap().json.is_none());
    assert_eq!(ex.request.as_ref().unwrap().annotation.as_ref().unwrap().name.as_deref(), Some("x"));
    assert!(ex.response.as_ref().unwrap().annotation.is_none());
    assert_eq!(ex.response.as_ref().unwrap().json.as_ref().unwrap().value["name"], "x");
}

// ---------------------------------------------------------------------------------------
// Front matter, page kinds, asides

#[test]
fn invalid_yaml_front_matter_falls_back_to_flat_lines() {
    let src = "---\ntitle: gadget: doSomething\ndoc_type: apiPageType\nms.prod: \"gadgets\"\n---\n# gadget: doSomething\n\n## HTTP request\n```http\nPOST /gadgets/{id}/doSomething\n```\n";
    let (page, diags) = read("api/gadget-dosomething.md", src);
    assert_eq!(rules(&diags), ["front-matter/invalid-yaml"]);
    assert_eq!(page.front_matter.get("title"), Some("gadget: doSomething"));
    assert_eq!(page.front_matter.get("ms.prod"), Some("gadgets"));
    assert_eq!(page.operations[0].method, "POST");
}

#[test]
fn page_kind_by_folder_then_doc_type() {
    let fm = |doc_type: &str| format!("---\ntitle: x\n{doc_type}---\n# x\n");
    let cases = [
        ("api/a.md", "doc_type: resourcePageType\n", PageKind::Api),
        ("resources/a.md", "doc_type: apiPageType\n", PageKind::Resource),
        ("resources/a.md", "doc_type: resourcePageType_\n", PageKind::Resource),
        ("resources/a.md", "doc_type: \"enumPageType\"\n", PageKind::Enum),
        ("resources/enums-x.md", "doc_type: enumTypes\n", PageKind::Enum),
        ("resources/a.md", "doc_type: 'conceptualPageType'\n", PageKind::Conceptual),
        ("resources/intune-x-conceptual.md", "", PageKind::Conceptual),
    ];
    for (file, doc_type, want) in cases {
        let front_matter = {
            let mut d = Diagnostics::for_file(file);
            docgen::reader::front_matter::split(&fm(doc_type), &mut d).0
        };
        assert_eq!(docgen::reader::page::page_kind(file, &front_matter), want, "{file} {doc_type}");
    }
}

#[test]
fn includes_and_notes_are_not_the_summary() {
    let src = format!(
        "{API_FM}# Get gadget\n\nNamespace: microsoft.graph\n\n[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]\n\n\
         > **Important:** APIs under the /beta version are subject to change.\n\nRetrieve the properties of a gadget.\n\n\
         > [!NOTE]\n> Only admins can call this.\n\n## HTTP request\n```http\nGET /gadgets/{{id}}\n```\n"
    );
    let (page, diags) = read("api/gadget-get.md", &src);
    assert_eq!(page.summary, "Retrieve the properties of a gadget.");
    assert_eq!(page.namespace.as_deref(), Some("microsoft.graph"));
    assert!(diags.is_empty(), "{diags:?}");

    // `Namespace:` running into the description on the next line.
    let src = format!("{RESOURCE_FM}# dial resource type\n\nNamespace: microsoft.graph.telephony\nA dial on a phone.\n\n## Properties\nNone\n");
    let (page, _) = read("resources/dial.md", &src);
    assert_eq!(page.namespace.as_deref(), Some("microsoft.graph.telephony"));
    assert_eq!(page.types[0].namespace.as_deref(), Some("microsoft.graph.telephony"));
    assert_eq!((page.summary.as_str(), page.types[0].description.as_str()), ("A dial on a phone.", "A dial on a phone."));
}

#[test]
fn indented_headings_annotation_and_table_under_the_h1() {
    // Headings, annotation and fence indented by one space; the table directly under the H1.
    let src = format!(
        "{RESOURCE_FM} #  dialUpdate resource type\n\n|Property|Type|Description|\n|:--|:--|:--|\n|state|String|The state.|\n\n \
         ## JSON representation\n <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.dialUpdate\" }} -->\n ```json\n {{ \"state\": \"String\" }}\n ```\n"
    );
    let (page, diags) = read("resources/dialupdate.md", &src);
    assert_eq!(page.types.len(), 1);
    assert_eq!(page.types[0].name, "microsoft.graph.dialUpdate");
    assert_eq!(page.types[0].properties[0].name, "state");
    assert!(page.types[0].json_representation.is_some());
    assert!(diags.is_empty(), "{diags:?}");
}

// ---------------------------------------------------------------------------------------
// Tables by section, then by header names

#[test]
fn api_page_tables_by_section() {
    let src = format!(
        "{API_FM}# gadget: resize\n\n## Permissions\n|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n\
         |Delegated (work or school account)|Gadget.ReadWrite|\n|Delegated (personal Microsoft account|Not supported.|\n|Application|Gadget.ReadWrite.All|\n\n\
         ## HTTP request\n```http\nPOST /gadgets/{{id}}/resize\n```\n\n## Path parameters\n|Parameter|Type|Description|\n|:--|:--|:--|\n|id|String|Gadget id.|\n\n\
         ## Optional query parameters\n|Name|Value|Description|\n|:--|:--|:--|\n|$select|String|Fields.|\n\n\
         ## Request headers\n|Header|Value|\n|:--|:--|\n|Authorization|Bearer {{token}}. Required.|\n|Content-Type|application/json. Required.|\n\n\
         ## Request body\n|Parameter|Type|Description|\n|:--|:--|:--|\n|width|Int32|New width.|\n|unit|[sizeUnit](../resources/sizeunit.md)|Unit.|\n"
    );
    let (page, diags) = read("api/gadget-resize.md", &src);
    let perms: Vec<_> = page.permissions.iter().map(|p| (p.kind.as_str(), p.scopes.as_str())).collect();
    assert_eq!(perms[0], ("Delegated (work or school account)", "Gadget.ReadWrite"));
    assert_eq!(perms.len(), 3);
    let params: Vec<_> = page.parameters.iter().map(|p| (p.name.as_str(), p.section.as_str())).collect();
    assert_eq!(params, [("id", "Path parameters"), ("$select", "Optional query parameters")]);
    let headers: Vec<_> = page.headers.iter().map(|h| (h.name.as_str(), h.description.as_str())).collect();
    assert_eq!(headers, [("Authorization", "Bearer {token}. Required."), ("Content-Type", "application/json. Required.")]);
    // A `Value` column in a header table is the header's value, not a type.
    assert!(page.headers.iter().all(|h| h.type_expr.is_none()));
    let body: Vec<_> = page.body_properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(body, ["width", "unit"]);
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn intune_prerequisites_hold_the_permissions() {
    let src = format!(
        "{API_FM}# Get gadgetKey\n\n## Prerequisites\nOne of the following permissions is required:\n\n\
         |Permission type|Permissions (from most to least privileged)|\n|:---|:---|\n|Delegated (work or school account)|DeviceManagementGadgets.Read.All|\n\
         |&nbsp; &nbsp; **Onboarding**|DeviceManagementGadgets.Read.All|\n|Application|**TODO: Determine scopes **|\n\n## HTTP request\n```http\nGET /gadgetKeys/{{id}}\n```\n"
    );
    let (page, diags) = read("api/intune-gadgetkey-get.md", &src);
    assert_eq!(page.permissions.len(), 3);
    assert_eq!(page.permissions[1].kind, "Onboarding");
    assert_eq!(rules(&diags), ["permissions/todo"]);
}

#[test]
fn resource_page_tables_by_section() {
    let src = format!(
        "{RESOURCE_FM}# gadget resource type\n\n## Methods\n| Method | Return Type | Description |\n|:--|:--|:--|\n\
         |[List gadgets](../api/gadget-list.md)|[gadget](gadget.md) collection|List them.|\n|[Resize](../api/gadget-resize.md)|None|Resize it.|\n\n\
         ## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key.|\n\n\
         ## Relationships\n|Relationship|Type|Description|\n|:--|:--|:--|\n|parts|[gadgetPart](gadgetpart.md) collection|Parts. Nullable.|\n"
    );
    let (page, diags) = read("resources/gadget.md", &src);
    let methods: Vec<_> = page.methods.iter().map(|m| (m.name.as_str(), m.link.as_deref())).collect();
    assert_eq!(methods, [("List gadgets", Some("../api/gadget-list.md")), ("Resize", Some("../api/gadget-resize.md"))]);
    assert!(page.methods[0].return_type.as_ref().unwrap().collection);
    let props: Vec<_> = page.types[0].properties.iter().map(|p| (p.name.as_str(), p.relationship)).collect();
    assert_eq!(props, [("id", false), ("parts", true)]);
    assert_eq!(page.types[0].properties[1].flags.nullable, Some(true));
    assert!(diags.is_empty(), "{diags:?}");
}

// ---------------------------------------------------------------------------------------
// Names, links and enums across pages

#[test]
fn names_resolve_by_definition_never_by_file_name() {
    let gadget = format!(
        "{RESOURCE_FM}# gadget resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n\
         |key|[gadgetKey](intune-gadgets-gadgetkey.md)|By link; the file name is prefixed.|\n\
         |owner|[IdentitySet](identityset.md)|By link; case differs.|\n\
         |mode|gadgetMode|By name, from an enums page.|\n\
         |quality|[printQuality](enums.md#printquality-values)|By anchor on a multi-enum page.|\n\
         |color|GADGETCOLOR|By name, case differs: reported.|\n\
         |size|[sizeInfo](sizeinfo.md)|Links to a page that does not exist.|\n"
    );
    let key = format!("{RESOURCE_FM}# gadgetKey resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|value|String|V.|\n");
    let identity = format!("{RESOURCE_FM}# identitySet resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|user|String|U.|\n");
    let enums = "---\ntitle: Enums\ndoc_type: enumPageType\n---\n# Enum values\n\n### gadgetMode values\n\n|Member|\n|:---|\n|manual|\n|automatic|\n\n\
                 ### printQuality values\n\n|Member|\n|:---|\n|low|\n|high|\n\n### gadgetColor values\n\n|Member|\n|:---|\n|red|\n";
    let (_, api, diags) = api(&[
        ("resources/gadget.md", &gadget),
        ("resources/intune-gadgets-gadgetkey.md", &key),
        ("resources/identityset.md", &identity),
        ("resources/enums.md", enums),
    ]);
    let ty = |name: &str| {
        api.types["microsoft.graph.gadget"].properties.iter().find(|p| p.name == name).map(|p| p.ty.clone()).unwrap()
    };
    let named = |key: &str| TypeRef::Named { key: key.into() };
    assert_eq!(ty("key"), named("microsoft.graph.gadgetkey"));
    assert_eq!(ty("owner"), named("microsoft.graph.identityset"));
    assert_eq!(ty("mode"), named("microsoft.graph.gadgetmode"));
    assert_eq!(ty("quality"), named("microsoft.graph.printquality"));
    assert_eq!(ty("color"), named("microsoft.graph.gadgetcolor"));
    assert_eq!(ty("size"), TypeRef::Json);
    assert_eq!(api.types["microsoft.graph.gadgetmode"].members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["manual", "automatic"]);
    let mut found: Vec<_> = diags.iter().map(|d| (d.rule, d.line)).collect();
    found.sort();
    assert_eq!(found, [("link/broken", 16), ("type/case-mismatch", 15), ("type/unresolved", 16)], "{diags:?}");
}

#[test]
fn enums_from_enum_pages_inline_sections_and_descriptions() {
    let single = "---\ntitle: Members\ndoc_type: enumPageType\n---\n# dialTone enum type\n\nNamespace: microsoft.graph\n\n## Members\n| Member | Value | Description |\n|:--|:--|:--|\n|none|0|No tone.|\n|beep|1|A beep.|\n";
    let inline = format!(
        "{RESOURCE_FM}# dialer resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n\
         |tone|[dialTone](dialtone.md)|The tone.|\n|layout|[keypadLayout](#keypadlayout-values)|The layout. Possible values are: `grid`, `row`.|\n\n\
         ### keypadLayout values\n\n|Value|Description|\n|:--|:--|\n|grid|Rows and columns.|\n|row|One row.|\n"
    );
    let (pages, api, diags) = api(&[("resources/dialtone.md", single), ("resources/dialer.md", &inline)]);
    let members = |key: &str| api.types[key].members.iter().map(|m| (m.name.clone(), m.value)).collect::<Vec<_>>();
    assert_eq!(members("microsoft.graph.dialtone"), [("none".to_string(), Some(0)), ("beep".to_string(), Some(1))]);
    // `Value | Description`: the Value column holds member names.
    assert_eq!(members("microsoft.graph.keypadlayout"), [("grid".to_string(), None), ("row".to_string(), None)]);
    let layout = api.types["microsoft.graph.dialer"].properties.iter().find(|p| p.name == "layout").unwrap();
    assert_eq!(layout.ty, TypeRef::Named { key: "microsoft.graph.keypadlayout".into() });
    // Description-only values are kept with the property.
    let facts = &pages[1].types[0].properties[1];
    assert_eq!(facts.flags.possible_values, ["grid", "row"]);
    assert_eq!(layout.possible_values, ["grid", "row"]);
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn a_type_split_across_pages_is_merged() {
    let slice = |workload: &str, prop: &str| {
        format!(
            "{RESOURCE_FM}# gadgetManagement resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key.|\n|{prop}|Boolean|{workload} setting.|\n\n\
             ## JSON representation\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gadgetManagement\" }} -->\n```json\n{{ \"id\": \"String\" }}\n```\n"
        )
    };
    let (_, api, diags) = api(&[
        ("resources/intune-apps-gadgetmanagement.md", &slice("Apps", "appsEnabled")),
        ("resources/intune-devices-gadgetmanagement.md", &slice("Devices", "devicesEnabled")),
    ]);
    let def = &api.types["microsoft.graph.gadgetmanagement"];
    assert_eq!(def.properties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["id", "appsEnabled", "devicesEnabled"]);
    assert_eq!(def.sources.len(), 2);
    assert!(diags.is_empty(), "{diags:?}");
}

// ---------------------------------------------------------------------------------------
// The IR's JSON form (`docgen ir --json`)

#[test]
fn ir_json_field_names_are_the_documented_ones() {
    let resource = format!(
        "{RESOURCE_FM}# gadget resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key. Read-only.|\n|tags|String collection|Tags.|\n"
    );
    let op = format!(
        "{API_FM}# Get gadget\n\nGet a gadget.\n\n## Permissions\n|Permission type|Permissions|\n|:--|:--|\n|Application|Gadget.Read.All|\n\n\
         ## HTTP request\n```http\nGET /gadgets/{{id}}/$value\n```\n\n## Response\nIf successful, this method returns a `200 OK` response code and a [gadget](../resources/gadget.md) object in the response body.\n\n\
         ## Example\n### Request\n```http\nGET https://graph.microsoft.com/v1.0/gadgets/1/$value\n```\n### Response\n```http\nHTTP/1.1 200 OK\n\n{{ \"id\": \"1\" }}\n```\n"
    );
    let (_, api, _) = api(&[("resources/gadget.md", &resource), ("api/gadget-get.md", &op)]);
    let json = serde_json::to_value(&api).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&json), ["examples", "operations", "types", "version"]);
    let ty = &json["types"]["microsoft.graph.gadget"];
    assert_eq!(keys(ty), ["base", "description", "is_abstract", "kind", "members", "name", "namespace", "open_type", "properties", "sources", "workload"]);
    assert_eq!(
        keys(&ty["properties"][0]),
        ["collection", "description", "name", "possible_values", "read_only", "relationship", "source", "ty", "written_type"]
    );
    assert_eq!(ty["properties"][0]["ty"], serde_json::json!({ "kind": "primitive", "primitive": "String" }));
    assert_eq!(ty["kind"], "structure");
    let op = &json["operations"][0];
    assert_eq!(
        keys(op),
        ["alternate_paths", "description", "id", "method", "path", "permissions", "request_body", "response", "source", "success_status", "title", "workload"]
    );
    assert_eq!(op["path"]["text"], "/gadgets/{id}/$value");
    assert_eq!(op["path"]["segments"], serde_json::json!([{ "Literal": "gadgets" }, { "Param": { "names": ["id"] } }, "Value"]));
    assert_eq!(op["response"], serde_json::json!({ "ty": { "kind": "named", "key": "microsoft.graph.gadget" }, "collection": false }));
    assert_eq!(op["source"], serde_json::json!({ "file": "api/gadget-get.md", "line": 17 }));
    assert_eq!(keys(&json["examples"][0]), ["doc_errors", "json", "operation", "payload", "role", "source"]);
}
