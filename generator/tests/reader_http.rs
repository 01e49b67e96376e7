//! HTTP fence reader on invented fixtures that reproduce the shapes of corpus guide §7, §8
//! and §11.

mod common;
use common::{mutate, XorShift};

use docgen::reader::http::{
    parse_http_fence, parse_request_line, parse_status_line, Body, BodyKind, Header, HttpMessage,
    HttpRequest, HttpResponse, PathTemplate, RequestTarget, Segment,
};

fn lit(s: &str) -> Segment {
    Segment::Literal(s.into())
}

fn param(names: &[&str]) -> Segment {
    Segment::Param {
        names: names.iter().map(|n| n.to_string()).collect(),
    }
}

fn header(line: u32, name: &str, value: &str) -> Header {
    Header {
        line,
        name: name.into(),
        value: value.into(),
    }
}

fn request(m: &HttpMessage) -> &HttpRequest {
    match m {
        HttpMessage::Request(r) => r,
        other => panic!("expected a request, got {other:?}"),
    }
}

fn response(m: &HttpMessage) -> &HttpResponse {
    match m {
        HttpMessage::Response(r) => r,
        other => panic!("expected a response, got {other:?}"),
    }
}

fn target(line: &str) -> RequestTarget {
    parse_request_line(line).expect(line).1
}

fn path(p: &str) -> PathTemplate {
    PathTemplate::parse(p)
}

// ---------------------------------------------------------------------------------------
// Status lines

#[test]
fn status_lines() {
    assert_eq!(
        parse_status_line("HTTP/1.1 204 No Content"),
        Some((204, "No Content".into()))
    );
    assert_eq!(
        parse_status_line("HTTP/1.1 204 OK"),
        Some((204, "OK".into()))
    );
    assert_eq!(
        parse_status_line("HTTP/1.1 202 Accpted"),
        Some((202, "Accpted".into()))
    );
    assert_eq!(
        parse_status_line("HTTP/1.1 422"),
        Some((422, String::new()))
    );
    assert_eq!(
        parse_status_line("  HTTP/1.1 200 OK  "),
        Some((200, "OK".into()))
    );
    assert_eq!(parse_status_line("HTTP/2 200"), Some((200, String::new())));
    assert_eq!(
        parse_status_line("HTTP 201 Created"),
        Some((201, "Created".into()))
    );
    assert_eq!(
        parse_status_line("HTTP code: 200 OK"),
        Some((200, "OK".into()))
    );
    assert_eq!(
        parse_status_line("http/1.1 200 ok"),
        Some((200, "ok".into()))
    );
    for bad in [
        "",
        "HTTP",
        "HTTP/",
        "HTTP/1.1",
        "HTTPS 200",
        "HTTP/1.1 20",
        "HTTP/1.1 2000",
        "HTTP/1.1 20x",
        "HTTP/1.1 999",
        "HTTP/1.1 OK 200",
        "200 OK",
        "HTTP/1.1200",
    ] {
        assert_eq!(parse_status_line(bad), None, "{bad:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Request lines and targets

#[test]
fn relative_target() {
    assert_eq!(
        parse_request_line("GET /gadgets/{id}/parts?$select=name"),
        Some((
            "GET".into(),
            RequestTarget {
                raw: "/gadgets/{id}/parts?$select=name".into(),
                host: None,
                version: None,
                path: PathTemplate {
                    segments: vec![lit("gadgets"), param(&["id"]), lit("parts")],
                    text: "/gadgets/{id}/parts".into(),
                },
                query: Some("$select=name".into()),
            }
        ))
    );
}

#[test]
fn absolute_graph_target() {
    let t = target("POST https://graph.microsoft.com/beta/gadgetManagement/gadgets");
    assert_eq!(t.host.as_deref(), Some("graph.microsoft.com"));
    assert_eq!(t.version.as_deref(), Some("beta"));
    assert_eq!(t.path.text, "/gadgetManagement/gadgets");
    assert_eq!(t.query, None);

    let t = target("GET https://graph.microsoft.com/localtest/gadgetManagement/gadgets/{gadgetId}");
    assert_eq!(t.version.as_deref(), Some("localtest"));
    assert_eq!(t.path.text, "/gadgetManagement/gadgets/{gadgetId}");

    let t = target("GET https://graph.microsoft.com/V1.0/me/gadgets");
    assert_eq!(t.version.as_deref(), Some("V1.0"));

    let t = target("GET /v1.0/me/gadgets");
    assert_eq!(
        (t.host, t.version.as_deref(), t.path.text.as_str()),
        (None, Some("v1.0"), "/me/gadgets")
    );

    let t = target("GET /beta/me/gadgets");
    assert_eq!(t.version.as_deref(), Some("beta"));

    // Not a graph host: no version.
    let t = target("POST https://bot.contoso.com/api/calls");
    assert_eq!(t.host.as_deref(), Some("bot.contoso.com"));
    assert_eq!(t.version, None);
    assert_eq!(t.path.text, "/api/calls");

    // Trailing HTTP version on the request line.
    let t = target("GET /me/gadgets HTTP/1.1");
    assert_eq!(t.raw, "/me/gadgets");
    assert_eq!(t.path.text, "/me/gadgets");
}

#[test]
fn broken_targets() {
    // Host typo.
    let t = target("DELETE https://graph/microsoft.com/beta/groups/{id}/gizmoSenders/$ref");
    assert_eq!(t.host.as_deref(), Some("graph.microsoft.com"));
    assert_eq!(t.version.as_deref(), Some("beta"));
    assert_eq!(
        t.path.segments,
        vec![
            lit("groups"),
            param(&["id"]),
            lit("gizmoSenders"),
            Segment::Ref
        ]
    );

    // Intune generator failures: no usable path, raw kept.
    let (m, t) =
        parse_request_line("POST ** Collection URI for microsoft.contoso.api.gizmo not found")
            .unwrap();
    assert_eq!(m, "POST");
    assert_eq!(
        t.raw,
        "** Collection URI for microsoft.contoso.api.gizmo not found"
    );
    assert_eq!((t.host.as_deref(), t.version.as_deref()), (None, None));
    assert!(t.path.segments.is_empty());
    assert_eq!(t.path.text, "/");

    let t = target("PATCH https://graph.microsoft.com/beta** Entity URI for microsoft.contoso.api.gizmo not found");
    assert_eq!(t.version.as_deref(), Some("beta"));
    assert!(t.path.segments.is_empty());

    // Optional query in brackets.
    let t = target("GET /me/notebook/pages/{id}/$value[?includeIDs=true]");
    assert_eq!(
        t.path.segments,
        vec![
            lit("me"),
            lit("notebook"),
            lit("pages"),
            param(&["id"]),
            Segment::Value
        ]
    );
    assert_eq!(t.query.as_deref(), Some("includeIDs=true"));

    // No leading slash, `~/`, `../`.
    let t = target("GET policies/gizmoPolicies");
    assert_eq!(
        (t.version, t.path.text.as_str()),
        (None, "/policies/gizmoPolicies")
    );
    let t = target("GET beta/policies");
    assert_eq!((t.version, t.path.text.as_str()), (None, "/beta/policies"));
    let t = target("POST ~/gizmoProfiles/{kind}/agents");
    assert_eq!(t.path.text, "/gizmoProfiles/{kind}/agents");
    let t = target("GET ../notebook/pages/{id}/content");
    assert_eq!(t.path.segments[0], lit(".."));

    // Spaces: inside braces, in the query, and (unencoded) in a key.
    let t = target("GET /users/{id | userPrincipalName}/gadgets?$filter={property} eq '{value}'");
    assert_eq!(t.path.segments[1], param(&["id", "userPrincipalName"]));
    assert_eq!(t.path.text, "/users/{id|userPrincipalName}/gadgets");
    assert_eq!(t.query.as_deref(), Some("$filter={property} eq '{value}'"));
    let t = target("GET /users/{user-id} | user-principal-name/gadgets");
    assert_eq!(
        t.path.segments[1],
        param(&["user-id", "user-principal-name"])
    );
    let t = target("GET https://graph.microsoft.com/beta/gizmoOverviews/Contoso 365 suite");
    assert_eq!(
        t.path.segments,
        vec![lit("gizmoOverviews"), lit("Contoso 365 suite")]
    );

    // Method glued to the path.
    let (m, t) = parse_request_line("DELETE/identity/gizmoFlows/{flow-id}/$ref").unwrap();
    assert_eq!(m, "DELETE");
    assert_eq!(t.path.text, "/identity/gizmoFlows/{flow-id}/$ref");

    for bad in [
        "",
        "GET",
        "GET    ",
        "get /me",
        "FETCH /me",
        "GETS /me",
        "POSTER",
        "or",
        "{",
    ] {
        assert_eq!(parse_request_line(bad), None, "{bad:?}");
    }
}

#[test]
fn segment_kinds() {
    let t = target(
        "GET /gizmos('{id}')/parts(partId='{part-id}',kind=2)/microsoft.graph.widgetItem/$count",
    );
    assert_eq!(
        t.path.segments,
        vec![
            Segment::KeyPredicate {
                name: "gizmos".into(),
                args: vec![(None, "'{id}'".into())]
            },
            Segment::KeyPredicate {
                name: "parts".into(),
                args: vec![
                    (Some("partId".into()), "'{part-id}'".into()),
                    (Some("kind".into()), "2".into())
                ],
            },
            Segment::Cast("microsoft.graph.widgetItem".into()),
            Segment::Count,
        ]
    );
    assert_eq!(
        t.path.text,
        "/gizmos('{id}')/parts(partId='{part-id}',kind=2)/microsoft.graph.widgetItem/$count"
    );

    let t =
        target("GET /me/drive/items/{id}/workbook/sheets/{id|name}/range(address='A1:B2')/format");
    assert_eq!(
        t.path.segments[7],
        Segment::KeyPredicate {
            name: "range".into(),
            args: vec![(Some("address".into()), "'A1:B2'".into())]
        }
    );
    assert_eq!(t.path.segments[6], param(&["id", "name"]));

    let t = target("GET /reports/getGizmoDetail(period='{period_value}')");
    assert_eq!(
        t.path.segments[1],
        Segment::KeyPredicate {
            name: "getGizmoDetail".into(),
            args: vec![(Some("period".into()), "'{period_value}'".into())]
        }
    );
    let t = target("GET /me/gizmos/delta()");
    assert_eq!(
        t.path.segments[2],
        Segment::KeyPredicate {
            name: "delta".into(),
            args: vec![]
        }
    );
    let t = target("GET /me/gizmos/microsoft.graph.delta()");
    assert_eq!(
        t.path.segments[2],
        Segment::KeyPredicate {
            name: "microsoft.graph.delta".into(),
            args: vec![]
        }
    );
    let t = target("GET /workbook/range(<address>)/cell(row=<row>,column=<column>)");
    assert_eq!(
        t.path.segments,
        vec![
            lit("workbook"),
            Segment::KeyPredicate {
                name: "range".into(),
                args: vec![(None, "<address>".into())]
            },
            Segment::KeyPredicate {
                name: "cell".into(),
                args: vec![
                    (Some("row".into()), "<row>".into()),
                    (Some("column".into()), "<column>".into())
                ],
            },
        ]
    );
    let t = target("GET /gizmos/<gizmo-id>/$value");
    assert_eq!(
        t.path.segments,
        vec![lit("gizmos"), param(&["gizmo-id"]), Segment::Value]
    );
    let t = target("POST /gizmos/{id}/owners/$REF");
    assert_eq!(t.path.segments[3], Segment::Ref);

    // Colon paths.
    let t = target("PUT /me/drive/root:/{item-path}:/content");
    assert_eq!(
        t.path.segments,
        vec![
            lit("me"),
            lit("drive"),
            lit("root"),
            Segment::ColonPath("{item-path}".into()),
            lit("content")
        ]
    );
    assert_eq!(t.path.text, "/me/drive/root:/{item-path}:/content");
    let t = target("GET /drives/{drive-id}/root:/{item-path}");
    assert_eq!(
        t.path.segments.last(),
        Some(&Segment::ColonPath("{item-path}".into()))
    );
    assert_eq!(t.path.text, "/drives/{drive-id}/root:/{item-path}:");
    let t = target("PUT /me/drive/items/{parent-id}:/{filename}:/content");
    assert_eq!(
        t.path.segments,
        vec![
            lit("me"),
            lit("drive"),
            lit("items"),
            param(&["parent-id"]),
            Segment::ColonPath("{filename}".into()),
            lit("content")
        ]
    );
    let t = target(
        "GET https://graph.microsoft.com/v1.0/me/drive/root:/Gizmo Folder/plan.docx:/children",
    );
    assert_eq!(
        t.path.segments[3],
        Segment::ColonPath("Gizmo Folder/plan.docx".into())
    );
    assert_eq!(t.path.segments[4], lit("children"));
    let t = target("GET /sites/contoso.example.com:/teams/gizmo:");
    assert_eq!(
        t.path.segments,
        vec![
            lit("sites"),
            lit("contoso.example.com"),
            Segment::ColonPath("teams/gizmo".into())
        ]
    );
    // Colons inside key predicates and IDs are not colon paths.
    let t = target("GET /chats/19:abc@thread.v2/messages");
    assert_eq!(t.path.segments[1], lit("19:abc@thread.v2"));

    // Trailing and doubled slashes disappear.
    assert_eq!(target("GET /gizmos//{id}/").path.text, "/gizmos/{id}");
}

#[test]
fn path_matching() {
    let m = |a: &str, b: &str| path(a).matches(&path(b));
    assert!(m("/users/{id}/gadgets", "/users/48d3-aa/gadgets"));
    assert!(m("/users/48d3-aa/gadgets", "/users/{id}/gadgets"));
    assert!(m(
        "/users/{id | userPrincipalName}/gadgets",
        "/USERS/ada@contoso.example/Gadgets/"
    ));
    assert!(m("/gadgets/{id}", "/gadgets/{gadget-id}"));
    assert!(!m("/gadgets/{id}", "/gadgets"));
    assert!(!m("/gadgets/{id}", "/gadgets/{id}/parts"));
    assert!(!m("/gadgets/{id}", "/gadgets/$count"));
    assert!(!m("/gadgets/{id}/$ref", "/gadgets/{id}/$value"));
    assert!(m("/gadgets/{id}/$ref", "/gadgets/12/$REF"));
    // Key predicates: placeholders in arguments are wildcards.
    assert!(m(
        "/reports/getGizmoDetail(period='{period_value}')",
        "/reports/getGizmoDetail(period='D7')"
    ));
    assert!(!m(
        "/reports/getGizmoDetail(period='{period_value}')",
        "/reports/getGizmoDetail(date=2021-01-01)"
    ));
    assert!(m("/range(address={address})", "/range(address='A1:B2')"));
    assert!(m("/range(<address>)", "/range(address='A1')"));
    assert!(!m("/range(address='A1')", "/range(address='B2')"));
    assert!(!m("/range(address='A1')", "/range(address='A1',sheet='x')"));
    // A function written without its parameters on one side.
    assert!(m("/gizmos/usedRange", "/gizmos/usedRange(valuesOnly=true)"));
    assert!(m("/gizmos/delta()", "/gizmos/delta"));
    assert!(!m(
        "/gizmos/usedRange",
        "/gizmos/otherRange(valuesOnly=true)"
    ));
    // Casts.
    assert!(m(
        "/groups/{id}/members/microsoft.graph.user",
        "/groups/7/members/Microsoft.Graph.User"
    ));
    assert!(!m(
        "/groups/{id}/members",
        "/groups/7/members/microsoft.graph.user"
    ));
    // Colon paths.
    assert!(m(
        "/me/drive/root:/{item-path}:/content",
        "/me/drive/root:/Gizmo Folder/plan.docx:/content"
    ));
    assert!(!m(
        "/me/drive/root:/{item-path}:/content",
        "/me/drive/items/{id}/content"
    ));
    assert!(m("/me/drive/root:/a/b.txt:", "/ME/drive/root:/A/B.TXT:"));
    // Placeholders inside literal segments.
    assert!(m(
        "/sites/{hostname},{site-id}",
        "/sites/contoso.example,5e1f"
    ));
    assert!(!m("/sites/{hostname},{site-id}", "/sites/contoso.example"));
    assert!(m(
        "/directoryRoles/roleTemplateId={roleTemplateId}",
        "/directoryRoles/roleTemplateId=62e9"
    ));
    assert!(m("/", "/"));
}

// ---------------------------------------------------------------------------------------
// Fences

#[test]
fn syntax_fence_with_several_lines() {
    let fence = "\
GET /gadgets/{id}
GET /users/{id | userPrincipalName}/gadgets/{gadget-id}

or

POST /me/drive/root:/{item-path}:/workbook/tables/{id}/rows
workbook-session-id: {session-id}
  GET /indented/gadgets
";
    let msgs = parse_http_fence(fence);
    assert_eq!(msgs.len(), 4);
    let r: Vec<&HttpRequest> = msgs.iter().map(request).collect();
    assert_eq!(r.iter().map(|r| r.line).collect::<Vec<_>>(), [0, 1, 5, 7]);
    assert_eq!(
        r.iter().map(|r| r.method.as_str()).collect::<Vec<_>>(),
        ["GET", "GET", "POST", "GET"]
    );
    assert_eq!(
        r[1].target.path.text,
        "/users/{id|userPrincipalName}/gadgets/{gadget-id}"
    );
    assert_eq!(
        r[2].headers,
        vec![header(6, "workbook-session-id", "{session-id}")]
    );
    assert!(r.iter().all(|r| r.body.is_none()));
    assert_eq!(r[3].target.path.text, "/indented/gadgets");
}

#[test]
fn example_request_with_json_body() {
    let fence = r##"POST https://graph.microsoft.com/beta/gadgetManagement/gadgets
Content-type: application/json
Content-length: 52

{
  "@odata.type": "#microsoft.graph.gadget",
  "displayName": "Gadget one"
}
"##;
    let msgs = parse_http_fence(fence);
    assert_eq!(
        msgs,
        vec![HttpMessage::Request(HttpRequest {
            line: 0,
            method: "POST".into(),
            target: target("POST https://graph.microsoft.com/beta/gadgetManagement/gadgets"),
            headers: vec![header(1, "Content-type", "application/json"), header(2, "Content-length", "52")],
            body: Some(Body {
                line: 4,
                text: "{\n  \"@odata.type\": \"#microsoft.graph.gadget\",\n  \"displayName\": \"Gadget one\"\n}".into(),
                content_type: Some("application/json".into()),
                kind: BodyKind::Json,
            }),
        })]
    );
}

#[test]
fn responses() {
    let msgs = parse_http_fence("HTTP/1.1 204 No Content\n");
    assert_eq!(
        msgs,
        vec![HttpMessage::Response(HttpResponse {
            line: 0,
            status: 204,
            reason: "No Content".into(),
            headers: vec![],
            body: None,
        })]
    );

    let fence = "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"value\": []\n}\n\n";
    let r = parse_http_fence(fence);
    let r = response(&r[0]);
    assert_eq!(r.status, 200);
    let body = r.body.as_ref().unwrap();
    assert_eq!(
        (body.line, body.kind, body.text.as_str()),
        (3, BodyKind::Json, "{\n  \"value\": []\n}")
    );

    // A bare status line as the first line of a fence.
    let r = parse_http_fence("400 Bad Request\n");
    assert_eq!(response(&r[0]).status, 400);
    // ... but not later, and not in other positions.
    assert!(parse_http_fence("Gadget: one\n400 Bad Request\n").is_empty());
}

#[test]
fn request_and_response_in_one_fence_with_blank_before_headers() {
    let fence = r#"
PATCH https://graph.microsoft.com/v1.0/widgets/{widgetId}

Content-type: application/json

{"name": "Widget"}
HTTP/1.1 201 No Content
Content-Type: text/plain

done
"#;
    let msgs = parse_http_fence(fence);
    assert_eq!(msgs.len(), 2);
    let q = request(&msgs[0]);
    assert_eq!(q.line, 1);
    assert_eq!(
        q.headers,
        vec![header(3, "Content-type", "application/json")]
    );
    let body = q.body.as_ref().unwrap();
    assert_eq!(
        (body.line, body.text.as_str(), body.kind),
        (5, "{\"name\": \"Widget\"}", BodyKind::Json)
    );
    let r = response(&msgs[1]);
    assert_eq!(
        (r.line, r.status, r.reason.as_str()),
        (6, 201, "No Content")
    );
    let body = r.body.as_ref().unwrap();
    assert_eq!(
        (body.line, body.text.as_str(), body.kind),
        (9, "done", BodyKind::Text)
    );
}

#[test]
fn headers_running_into_body_and_after_body() {
    let fence = "POST /gizmos\nContent-Type: application/json\n{\n  \"a\": 1\n}";
    let q = parse_http_fence(fence);
    let q = request(&q[0]);
    assert_eq!(q.headers.len(), 1);
    assert_eq!(q.body.as_ref().unwrap().line, 2);
    assert_eq!(q.body.as_ref().unwrap().text, "{\n  \"a\": 1\n}");

    let fence = r#"POST https://graph.microsoft.com/v1.0/teamwork/gizmos/
{
  "name": "Gizmo",
  "url": "https://gizmo.example/a:b"
}
Authorization: Bearer {token}
Content-type: application/json
HTTP/1.1 200 OK
{
  "id": "1"
}
"#;
    let msgs = parse_http_fence(fence);
    assert_eq!(msgs.len(), 2);
    let q = request(&msgs[0]);
    assert_eq!(
        q.headers,
        vec![
            header(5, "Authorization", "Bearer {token}"),
            header(6, "Content-type", "application/json")
        ]
    );
    let body = q.body.as_ref().unwrap();
    assert_eq!(body.line, 1);
    assert_eq!(body.content_type.as_deref(), Some("application/json"));
    assert_eq!(body.text.lines().count(), 4);
    let r = response(&msgs[1]);
    assert_eq!(r.line, 7);
    assert_eq!(r.body.as_ref().unwrap().text, "{\n  \"id\": \"1\"\n}");
}

#[test]
fn body_continues_after_json_when_not_headers() {
    // Two JSON documents (or JSON followed by prose) stay one body.
    let fence = "POST /gizmos\n\n{\"a\": 1}\n\n{\"b\": 2}\n";
    let q = parse_http_fence(fence);
    let body = request(&q[0]).body.clone().unwrap();
    assert_eq!(body.text, "{\"a\": 1}\n\n{\"b\": 2}");
}

#[test]
fn start_lines_inside_bodies() {
    // An indented request-like line inside an open JSON body does not split it.
    let fence = "POST /$batch\nContent-Type: application/json\n\n{\n  \"requests\": [\n    GET /me/gadgets\n  ]\n}\n";
    let msgs = parse_http_fence(fence);
    assert_eq!(msgs.len(), 1);
    assert!(request(&msgs[0])
        .body
        .as_ref()
        .unwrap()
        .text
        .contains("GET /me/gadgets"));

    // Prose that starts with a method is not a request line inside a text body.
    let fence = "POST /gizmos/notes\nContent-Type: text/plain\n\nDELETE this note later\n";
    let msgs = parse_http_fence(fence);
    assert_eq!(msgs.len(), 1);
    assert_eq!(
        request(&msgs[0]).body.as_ref().unwrap().text,
        "DELETE this note later"
    );

    // An unterminated JSON body still yields to an unindented status line.
    let fence = "POST /gizmos\n\n{\n  \"a\": [1,\nHTTP/1.1 201 Created\n";
    let msgs = parse_http_fence(fence);
    assert_eq!(msgs.len(), 2);
    assert_eq!(response(&msgs[1]).status, 201);

    // A second request line after a finished body starts a new request.
    let fence = "PATCH /gizmos/{id}\n\n{\"a\": 1}\nPATCH /gizmos/{id}\n\n{\"a\": 2}\n";
    assert_eq!(parse_http_fence(fence).len(), 2);
}

#[test]
fn body_kinds() {
    let kind = |fence: &str| {
        request(&parse_http_fence(fence)[0])
            .body
            .as_ref()
            .map(|b| b.kind)
    };
    assert_eq!(kind("PUT /gizmos/{id}/photo/$value\nContent-Type: image/jpeg\n\nBinary data for the image\n"), Some(BodyKind::Binary));
    assert_eq!(kind("PUT /gizmos/{id}/content\nContent-Type: application/octet-stream\n\n{contents of the file}\n"), Some(BodyKind::Binary));
    assert_eq!(kind("POST /gizmos/publish\nContent-type: application/zip\n\n[Zip file with a gizmo package]\n"), Some(BodyKind::Binary));
    assert_eq!(
        kind("POST /gizmos/{id}/notes\nContent-Type: text/plain\n\nA note.\n"),
        Some(BodyKind::Text)
    );
    assert_eq!(
        kind("POST /gizmos/{id}/notes\n\nA note.\n"),
        Some(BodyKind::Text)
    );
    assert_eq!(kind("POST /gizmos/{id}/pages\nContent-Type: multipart/form-data; boundary=Part\n\n--Part\nContent-Disposition: form-data\n\n<html/>\n--Part--\n"), Some(BodyKind::Multipart));
    assert_eq!(
        kind("POST /gizmos/{id}/pages\n\n--Part\nx\n--Part--\n"),
        Some(BodyKind::Multipart)
    );
    assert_eq!(
        kind("POST /gizmos/{id}/pages\nContent-Type: application/xhtml+xml\n\n<html></html>\n"),
        Some(BodyKind::Xml)
    );
    assert_eq!(
        kind("POST /gizmos/{id}/pages\n\n<html></html>\n"),
        Some(BodyKind::Xml)
    );
    assert_eq!(kind("POST /gizmos/token\nContent-Type: application/x-www-form-urlencoded\n\nclient_id=a&scope=b\n"), Some(BodyKind::FormUrlEncoded));
    assert_eq!(
        kind("POST /gizmos\nContent-Type: application/json\n\n### Response\n"),
        Some(BodyKind::Other)
    );
    assert_eq!(
        kind("POST /gizmos\nContent-Type: text/vcard\n\nBEGIN:VCARD\n"),
        Some(BodyKind::Text)
    );
    assert_eq!(
        kind("POST /gizmos\nContent-Type: application/vnd.gizmo\n\nstuff\n"),
        Some(BodyKind::Other)
    );
    assert_eq!(
        kind("POST /gizmos\nContent-Type: application/json; charset=utf-8\n\n[1]\n"),
        Some(BodyKind::Json)
    );
    assert_eq!(kind("GET /gizmos\n"), None);
}

#[test]
fn content_that_looks_like_headers_after_a_blank_line() {
    // vCard / iCalendar / MIME bodies directly after `status line, blank line`.
    let fence = "HTTP/1.1 200 OK\n\nBEGIN:VCARD\nFN:Gizmo Person\nEND:VCARD\n";
    let r = parse_http_fence(fence);
    let r = response(&r[0]);
    assert!(r.headers.is_empty());
    assert_eq!(r.body.as_ref().unwrap().line, 2);
    assert_eq!(
        r.body.as_ref().unwrap().text,
        "BEGIN:VCARD\nFN:Gizmo Person\nEND:VCARD"
    );
    assert_eq!(r.body.as_ref().unwrap().kind, BodyKind::Text);

    let fence = "HTTP/1.1 200 OK\n\nFrom: Gizmo <g@contoso.example>\nTo: Gadget <h@contoso.example>\n\nHello\n";
    let r = parse_http_fence(fence);
    let r = response(&r[0]);
    assert!(r.headers.is_empty());
    assert!(r.body.as_ref().unwrap().text.starts_with("From: Gizmo"));

    // A known header after the blank line opens the header block, and then any header
    // name is accepted until the next blank line.
    let fence = "POST /gizmos\n\nContent-type: application/json\nX-Gizmo-Trace: 1\n\n{}\n";
    let q = parse_http_fence(fence);
    let q = request(&q[0]);
    assert_eq!(
        q.headers,
        vec![
            header(2, "Content-type", "application/json"),
            header(3, "X-Gizmo-Trace", "1")
        ]
    );
    assert_eq!(q.body.as_ref().unwrap().line, 5);
}

#[test]
fn header_lines() {
    let fence = "GET /gizmos\nAuthorization: Bearer {token}\nConsistencyLevel: eventual\nPrefer : outlook.timezone=\"Pacific Standard Time\"\nContent-length: xxx\n";
    let q = parse_http_fence(fence);
    assert_eq!(
        request(&q[0]).headers,
        vec![
            header(1, "Authorization", "Bearer {token}"),
            header(2, "ConsistencyLevel", "eventual"),
            header(3, "Prefer", "outlook.timezone=\"Pacific Standard Time\""),
            header(4, "Content-length", "xxx"),
        ]
    );
    // A URL line is not a header: it starts the body.
    let q = parse_http_fence("POST /gizmos/{id}/subscribe\nhttps://gizmo.example/callback\n");
    let q = request(&q[0]);
    assert!(q.headers.is_empty());
    assert_eq!(
        q.body.as_ref().unwrap().text,
        "https://gizmo.example/callback"
    );
}

#[test]
fn fences_without_messages() {
    assert!(parse_http_fence("").is_empty());
    assert!(parse_http_fence("\n\n").is_empty());
    assert!(parse_http_fence("{\n  \"a\": 1\n}").is_empty());
    assert!(parse_http_fence("Prefer: outlook.timezone=\"UTC\"").is_empty());
    assert!(parse_http_fence("https://graph.microsoft.com/{version}/gizmos").is_empty());
}

#[test]
fn crlf_and_odd_whitespace() {
    let msgs = parse_http_fence("GET /gizmos\r\nAccept: application/json\r\n\r\n");
    let q = request(&msgs[0]);
    assert_eq!(q.headers, vec![header(1, "Accept", "application/json")]);
    assert_eq!(q.body, None);
    let msgs = parse_http_fence("GET\t/gizmos/{id}\u{a0}\n");
    assert_eq!(request(&msgs[0]).target.path.text, "/gizmos/{id}");
}

#[test]
fn serializes() {
    let msgs = parse_http_fence("GET /gizmos/{id}/$value\n");
    let json = serde_json::to_value(&msgs).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{"Request": {
            "line": 0,
            "method": "GET",
            "target": {
                "raw": "/gizmos/{id}/$value",
                "host": null,
                "version": null,
                "path": {
                    "segments": [{"Literal": "gizmos"}, {"Param": {"names": ["id"]}}, "Value"],
                    "text": "/gizmos/{id}/$value"
                },
                "query": null
            },
            "headers": [],
            "body": null
        }}])
    );
}

// ---------------------------------------------------------------------------------------
// Never panic


const FIXTURES: &[&str] = &[
    "GET /gadgets/{id}\nGET /users/{id | userPrincipalName}/gadgets\n\nor\n\nPOST /me/drive/root:/{item-path}:/workbook/tables/{id}/rows\nworkbook-session-id: {session-id}\n",
    "POST https://graph.microsoft.com/beta/gadgetManagement/gadgets\nContent-type: application/json\nContent-length: 52\n\n{\n  \"@odata.type\": \"#microsoft.graph.gadget\",\n  \"name\": \"a \\\" b\"\n}\n",
    "\nPATCH https://graph.microsoft.com/v1.0/widgets/{widgetId}\n\nContent-type: application/json\n\n{\"name\": \"Widget\"}\nHTTP/1.1 201 No Content\n",
    "POST https://graph.microsoft.com/v1.0/teamwork/gizmos/\n{\n  \"name\": “Gizmo”,\n}\nAuthorization: Bearer {token}\nHTTP/1.1 200 OK\n{\"id\": 1}",
    "GET /gizmos('{id}')/parts(partId='{part-id}',kind=2)/microsoft.graph.widgetItem/$count?$filter=a eq 'b'",
    "PATCH https://graph/microsoft.com/beta** Entity URI for microsoft.contoso.api.gizmo not found\n\n{}\n",
    "GET /me/notebook/pages/{id}/$value[?includeIDs=true]\nHTTP code: 200 OK\n",
    "GET /workbook/range(<address>)/cell(row=<row>,column=<column>)\nPUT /me/drive/items/{parent-id}:/{filename}:/content\n",
    "GET /sites/{hostname},{site-id}/drive/root:/a/b.txt\n400 Bad Request\n",
];

const NOISE: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    "'",
    "\"",
    "\\",
    ":",
    "/",
    ":/",
    "?",
    "[?",
    "**",
    "|",
    ",",
    "=",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\u{a0}",
    "é",
    "😀",
    "GET ",
    "HTTP/1.1 ",
    "HTTP/1.1 200",
    "200 ",
    "or\n",
    "Content-Type: ",
    "https://",
    "graph.microsoft.com/",
    "$ref",
    "$value",
    "microsoft.graph.",
    "~",
    "..",
];


fn exercise(s: &str) {
    let msgs = parse_http_fence(s);
    let lines = s.split('\n').count() as u32;
    let mut paths = Vec::new();
    for m in &msgs {
        let (line, headers, body) = match m {
            HttpMessage::Request(r) => {
                assert_eq!(r.method, r.method.to_ascii_uppercase());
                assert!(r.target.path.text.starts_with('/'));
                paths.push(r.target.path.clone());
                (r.line, &r.headers, &r.body)
            }
            HttpMessage::Response(r) => {
                assert!((100..=599).contains(&r.status));
                (r.line, &r.headers, &r.body)
            }
        };
        assert!(line < lines);
        assert!(headers.iter().all(|h| h.line > line && h.line < lines));
        if let Some(b) = body {
            assert!(b.line > line && b.line < lines);
            assert!(!b.text.trim().is_empty());
        }
    }
    for a in &paths {
        for b in &paths {
            let _ = a.matches(b);
        }
    }
    for line in s.lines() {
        let _ = parse_status_line(line);
        if let Some((_, t)) = parse_request_line(line) {
            let again = PathTemplate::parse(&t.path.text);
            let _ = again.matches(&t.path);
        }
    }
}

#[test]
fn never_panics_on_truncations_and_mutations() {
    for f in FIXTURES {
        let chars: Vec<char> = f.chars().collect();
        for n in 0..=chars.len() {
            exercise(&chars[..n].iter().collect::<String>());
            exercise(&chars[n..].iter().collect::<String>());
        }
    }
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    for round in 0..20_000 {
        let base = FIXTURES[round % FIXTURES.len()];
        exercise(&mutate(&mut rng, base, NOISE, 5));
    }
}

#[test]
fn normalized_text_reparses_to_the_same_template() {
    for line in [
        "GET /gizmos('{id}')/parts(partId='{part-id}',kind=2)/microsoft.graph.widgetItem/$count",
        "GET /users/{id | userPrincipalName}/gadgets/{gadget-id}/$ref",
        "PUT /me/drive/items/{parent-id}:/{filename}:/content",
        "GET /me/drive/root:/a/b.txt:",
        "GET /workbook/range(<address>)/cell(row=<row>,column=<column>)",
    ] {
        let t = target(line);
        let again = PathTemplate::parse(&t.path.text);
        assert_eq!(again, t.path, "{line}");
        assert!(again.matches(&t.path));
    }
}
