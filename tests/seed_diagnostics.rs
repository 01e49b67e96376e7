//! The seed draft's own inconsistencies are reported with stable rule ids at file:line.

use docgen::diagnostics::{Diagnostic, Severity};
use docgen_tests::docs_input;

const SEED: &str = "api/sideloadingkey-create.md";

fn seed_diagnostics() -> Vec<Diagnostic> {
    let generation = docgen::Config::new().generate(docs_input()).expect("docs-input readable");
    generation.diagnostics.into_iter().filter(|d| &*d.file == SEED).collect()
}

fn at(diags: &[Diagnostic], rule: &str) -> Vec<(u32, Severity)> {
    diags.iter().filter(|d| d.rule == rule).map(|d| (d.line, d.severity)).collect()
}

#[test]
fn syntax_path_with_ref_disagrees_with_the_example() {
    let d = seed_diagnostics();
    assert_eq!(at(&d, "example/path-mismatch"), vec![(69, Severity::Error)], "{d:#?}");
    let message = &d.iter().find(|d| d.rule == "example/path-mismatch").unwrap().message;
    assert!(message.contains("$ref"), "message names the syntax line: {message}");
}

#[test]
fn localtest_version_segment_is_reported() {
    let d = seed_diagnostics();
    assert_eq!(at(&d, "example/unknown-version"), vec![(69, Severity::Warning)]);
}

#[test]
fn links_to_absent_pages_are_reported() {
    let d = seed_diagnostics();
    assert_eq!(
        at(&d, "link/broken"),
        vec![(41, Severity::Warning), (43, Severity::Warning), (47, Severity::Warning), (57, Severity::Warning)]
    );
    let messages: Vec<&str> = d.iter().filter(|d| d.rule == "link/broken").map(|d| d.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("resources/entity.md")));
    assert!(messages.iter().any(|m| m.contains("resources/sideloadingkey.md")));
}

#[test]
fn todo_permissions_are_reported() {
    let d = seed_diagnostics();
    assert_eq!(at(&d, "permissions/todo"), vec![(21, Severity::Warning), (23, Severity::Warning)]);
}

#[test]
fn response_annotation_type_case_is_reported() {
    let d = seed_diagnostics();
    assert_eq!(at(&d, "type/case-mismatch"), vec![(88, Severity::Warning)], "{d:#?}");
}

#[test]
fn the_pages_we_wrote_are_clean() {
    let generation = docgen::Config::new().generate(docs_input()).unwrap();
    let others: Vec<String> = generation
        .diagnostics
        .iter()
        .filter(|d| &*d.file != SEED && d.severity != Severity::Note)
        .map(|d| d.to_string())
        .collect();
    assert!(others.is_empty(), "{others:#?}");
}
