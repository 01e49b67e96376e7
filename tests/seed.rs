//! The seed page, end to end: its documented example bodies round-trip through the generated
//! `SideLoadingKey`, and the generated request function reproduces the documented request.

use docgen::ir::{Api, ExampleRole};
use docgen_bindings::models::SideLoadingKey;
use docgen_bindings::requests::create_side_loading_key;
use docgen_bindings::runtime::{Error, Method};
use docgen_tests::docs_input;
use serde_json::{json, Value};

const SEED: &str = "api/sideloadingkey-create.md";

fn api() -> Api {
    docgen::resolve_docs(&docs_input()).expect("docs-input readable").api
}

fn seed_body(role: ExampleRole) -> Value {
    api()
        .examples
        .into_iter()
        .find(|e| &*e.source.file == SEED && e.role == role)
        .unwrap_or_else(|| panic!("seed page has a {role:?} example body"))
        .json
        .clone_value()
}

fn round_trip(body: &Value) -> Value {
    let typed: SideLoadingKey = serde_json::from_value(body.clone()).expect("documented body deserializes");
    serde_json::to_value(&typed).expect("serializes")
}

#[test]
fn documented_request_body_round_trips() {
    let body = seed_body(ExampleRole::Request);
    assert_eq!(body["displayName"], "Display Name value", "the seed's own body was read");
    assert_eq!(round_trip(&body), body);
}

#[test]
fn documented_response_body_round_trips() {
    let body = seed_body(ExampleRole::Response);
    assert_eq!(body["id"], "c78fb212-b212-c78f-12b2-8fc712b28fc7");
    assert_eq!(round_trip(&body), body);
}

#[test]
fn model_has_the_six_documented_properties_with_their_types() {
    let key = SideLoadingKey {
        id: Some(Some("k".to_string())),
        value: Some(Some("AAAAA-BBBBB".to_string())),
        display_name: Some(Some("n".to_string())),
        description: Some(None),
        total_activation: Some(Some(i32::MAX)),
        last_updated_date_time: Some(Some("2021-01-01T00:00:00Z".to_string())),
        ..SideLoadingKey::default()
    };
    let v = serde_json::to_value(&key).unwrap();
    assert_eq!(
        v,
        json!({"id": "k", "value": "AAAAA-BBBBB", "displayName": "n", "description": null,
               "totalActivation": 2147483647, "lastUpdatedDateTime": "2021-01-01T00:00:00Z"})
    );
}

#[test]
fn absent_null_and_unknown_properties_survive() {
    let body = json!({"@odata.type": "#microsoft.graph.sideLoadingKey", "description": null, "addedTomorrow": {"x": [1, 2]}});
    let typed: SideLoadingKey = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(typed.odata_type.as_deref(), Some("#microsoft.graph.sideLoadingKey"));
    assert_eq!(typed.description, Some(None), "null is kept apart from absent");
    assert_eq!(typed.display_name, None);
    assert_eq!(typed.additional_properties["addedTomorrow"], json!({"x": [1, 2]}));
    assert_eq!(serde_json::to_value(&typed).unwrap(), body);
}

#[test]
fn request_function_reproduces_the_documented_request() {
    let api = api();
    let op = api.operations.iter().find(|o| &*o.source.file == SEED).expect("seed operation");
    let body = seed_body(ExampleRole::Request);
    let typed: SideLoadingKey = serde_json::from_value(body.clone()).unwrap();

    let request = create_side_loading_key(&typed).expect("body serializes");
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.method.as_str(), op.method);
    // The documented example posts to `.../localtest/deviceAppManagement/sideLoadingKeys`:
    // the path after the version segment is what the function builds.
    assert_eq!(request.path, "/deviceAppManagement/sideLoadingKeys");
    assert_eq!(request.path, op.path.text);
    assert_eq!(request.url("https://graph.microsoft.com/beta/"), "https://graph.microsoft.com/beta/deviceAppManagement/sideLoadingKeys");
    assert!(request.headers.contains(&("Content-Type", "application/json".to_string())));
    let sent: Value = serde_json::from_slice(request.body.as_deref().expect("has a body")).unwrap();
    assert_eq!(sent, body);
}

#[test]
fn response_decoder_accepts_201_and_rejects_other_statuses() {
    let response = serde_json::to_vec(&seed_body(ExampleRole::Response)).unwrap();
    let request = create_side_loading_key(&SideLoadingKey::default()).unwrap();
    assert_eq!(request.success_status, 201);
    let key = request.decode(201, &response).expect("201 decodes");
    assert_eq!(key.total_activation, Some(Some(15)));
    assert!(matches!(request.decode(200, &response), Err(Error::UnexpectedStatus { status: 200, .. })));
    assert!(matches!(request.decode(201, b"not json"), Err(Error::Decode { .. })));
}
