//! Behaviour of generated models on a fixture docs folder we wrote (tests/fixture-docs):
//! polymorphic collections, open enums and flags, absent/null/value, every EDM primitive,
//! keyword and colliding names, and a type named like a std type.

use docgen_fixture_bindings::models::{AnyShape, Circle, Drawing, ResultType, Shape, ShapeKind, ShapeStyle};
use docgen_fixture_bindings::runtime::{Collection, Method};
use serde_json::{json, Value};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(v: &Value) -> (T, Value) {
    let typed: T = serde_json::from_value(v.clone()).expect("deserializes");
    let back = serde_json::to_value(&typed).expect("serializes");
    (typed, back)
}

#[test]
fn base_typed_collection_items_become_their_derived_types() {
    let body = json!({"value": [
        {"@odata.type": "#microsoft.graph.circle", "id": "a", "radius": 2.5},
        {"@odata.type": "#Microsoft.Graph.Square", "id": "b", "side": 4},
        {"id": "c", "name": "plain"},
        {"@odata.type": "#microsoft.graph.triangle", "id": "d", "corners": 3}
    ]});
    let (typed, back): (Collection<AnyShape>, Value) = round_trip(&body);
    assert!(matches!(&typed.value[0], AnyShape::Circle(c) if c.radius == Some(Some(2.5))));
    assert!(matches!(&typed.value[1], AnyShape::Square(s) if s.side == Some(Some(4))), "discriminator case is ignored");
    assert!(matches!(&typed.value[2], AnyShape::Shape(s) if s.name == Some(Some("plain".into()))));
    // A derived type these docs do not know falls back to the base and keeps everything.
    let AnyShape::Shape(unknown) = &typed.value[3] else { panic!("unknown type falls back to the base") };
    assert_eq!(unknown.additional_properties["corners"], 3);
    assert_eq!(back, body, "discriminators and unknown properties survive");
}

#[test]
fn recursive_and_polymorphic_fields() {
    let body = json!({"id": "d", "highlight": {"@odata.type": "#microsoft.graph.circle", "radius": 1.0,
                      "parent": {"id": "p", "children": [{"@odata.type": "#microsoft.graph.square", "side": 2}]}}});
    let (drawing, back): (Drawing, Value) = round_trip(&body);
    let Some(Some(AnyShape::Circle(circle))) = &drawing.highlight else { panic!("highlight is a circle") };
    let Some(Some(AnyShape::Shape(parent))) = &circle.parent else { panic!("parent is a plain shape") };
    assert!(matches!(parent.children.as_ref().unwrap().as_ref().unwrap()[0], AnyShape::Square(_)));
    assert_eq!(back, body);
}

#[test]
fn open_enums_keep_members_added_later_and_flags() {
    assert_eq!(serde_json::from_value::<ShapeKind>(json!("circle")).unwrap(), ShapeKind::Circle);
    let later: ShapeKind = serde_json::from_value(json!("hexagon")).unwrap();
    assert_eq!(later, ShapeKind::Unknown("hexagon".into()));
    assert_eq!(serde_json::to_value(&later).unwrap(), json!("hexagon"));
    let flags: ShapeStyle = serde_json::from_value(json!("bold,dashed")).unwrap();
    assert_eq!(flags.flags(), vec![ShapeStyle::Bold, ShapeStyle::Dashed]);
    assert_eq!(serde_json::to_value(&flags).unwrap(), json!("bold,dashed"));
}

#[test]
fn patch_bodies_say_absent_null_and_value_apart() {
    let patch = Drawing { title: Some(None), id: None, last_result: Some(Some(ResultType { ok: Some(Some(true)), ..Default::default() })), ..Default::default() };
    assert_eq!(serde_json::to_value(&patch).unwrap(), json!({"title": null, "lastResult": {"ok": true}}));
    let request = docgen_fixture_bindings::requests::update_drawing("d/1 x", &patch).unwrap();
    assert_eq!(request.method, Method::Patch);
    assert_eq!(request.path, "/drawings/d%2F1%20x", "path parameters are percent-encoded");
    assert_eq!(request.success_status, 204);
    assert!(request.decode(204, b"").is_ok(), "204 has no body to decode");
}

#[test]
fn every_primitive_maps_to_a_real_type_and_round_trips_by_value() {
    let body = json!({"uniqueId": "0F8FAD5B-D9CB-469F-A165-70867728950E", "ttl": "-PT15M", "payload": "aGVsbG8=",
                      "startDate": "2021-07-16", "startTime": "08:30:00", "createdDateTime": "2021-07-16T08:30:00.1234567-07:00",
                      "size": 9007199254740993_i64, "ratio": 1.5, "3dDepth": 2, "type": "t", "self": true,
                      "displayName": "new", "DisplayName": "old", "group@odata.bind": "g"});
    let (shape, back): (Shape, Value) = round_trip(&body);
    assert_eq!(shape.unique_id.unwrap().unwrap().to_string(), "0f8fad5b-d9cb-469f-a165-70867728950e");
    let ttl = shape.ttl.unwrap().unwrap();
    assert!(ttl.negative);
    assert_eq!(ttl.to_string(), "-PT15M");
    assert_eq!(shape.payload.unwrap().unwrap().0, b"hello");
    assert_eq!(shape.start_date.unwrap().unwrap().to_string(), "2021-07-16");
    let created = shape.created_date_time.unwrap().unwrap();
    assert_eq!(created.timestamp_subsec_nanos(), 123_456_700);
    assert_eq!(shape.size, Some(Some(9_007_199_254_740_993)), "Int64 keeps precision beyond f64");
    assert_eq!((shape.r#type.as_ref(), shape.self_, shape._3d_depth), (Some(&Some("t".into())), Some(Some(true)), Some(Some(2))));
    assert_eq!((shape.display_name.unwrap().unwrap(), shape.display_name_2.unwrap().unwrap()), ("new".into(), "old".into()));
    assert_eq!(shape.group_odata_bind, Some(Some("g".into())));
    // Typed values serialize in their canonical form: the GUID lower case, the timestamp with
    // nanoseconds; equal as values to what was documented.
    assert_eq!(back["uniqueId"], "0f8fad5b-d9cb-469f-a165-70867728950e");
    assert_eq!(chrono::DateTime::parse_from_rfc3339(back["createdDateTime"].as_str().unwrap()).unwrap(), created);
}

#[test]
fn circle_has_inherited_and_own_properties() {
    let circle = Circle { id: Some(Some("c".into())), radius: Some(Some(1.0)), ..Default::default() };
    assert_eq!(serde_json::to_value(&circle).unwrap(), json!({"id": "c", "radius": 1.0}));
}
