//! The reader on the real Graph corpus (both versions): coverage floors, no panic, and no
//! JSON dropped silently.
//!
//! Skipped (with a SKIPPED line) when the corpus is absent; fails instead when
//! `DOCGEN_REQUIRE_CORPUS=1`. See `docgen_tests::corpus_dir`. Nothing from the corpus is
//! stored here; the test prints figures only.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use docgen::diagnostics::Diagnostic;
use docgen::reader::http::BodyKind;
use docgen::reader::page::{ExampleResponse, Page};
use docgen::summary::Summary;

/// Floors, in percent. The measured figures are printed; keep a margin below them.
const RESOURCE_PAGES_WITH_TYPE: f64 = 99.0;
const API_PAGES_WITH_OPERATION: f64 = 98.0;
const EXAMPLE_FENCES_CLASSIFIED: f64 = 99.0;
const EXAMPLE_MESSAGES_PAIRED: f64 = 99.0;

fn percent(n: usize, d: usize) -> f64 {
    if d == 0 {
        100.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// Read one version, turning a panic on any page into a test failure that names the
/// version (the reader must never panic; `read_docs` reads pages in parallel, so a panic
/// there would otherwise surface without context).
fn read_version(dir: &Path) -> (docgen::Docs, docgen::ir::Api, Vec<Diagnostic>) {
    let read = catch_unwind(AssertUnwindSafe(|| docgen::read_docs(dir)));
    let docs = match read {
        Ok(Ok(docs)) => docs,
        Ok(Err(e)) => panic!("{}: {e}", dir.display()),
        Err(_) => panic!("the reader panicked on a page of {} (run `docgen lint` on it to find which)", dir.display()),
    };
    let built = catch_unwind(AssertUnwindSafe(|| {
        docgen::ir::build_api(&docgen::ir::BuildInput { version: &docs.version, pages: &docs.pages })
    }));
    let Ok((api, more)) = built else { panic!("build_api panicked on {}", dir.display()) };
    let mut diagnostics = docs.diagnostics.clone();
    diagnostics.extend(more);
    (docs, api, diagnostics)
}

/// Every JSON body the reader could not parse must be listed in `Page::unparsed_json` and
/// reported as `json/unparseable` at a line inside the body; every `unparsed_json` entry
/// (annotations and JSON representations too) must have its diagnostic. Returns the number
/// of unparsed blocks checked.
fn check_no_silent_json_drop(page: &Page, unparseable: &[u32], failures: &mut Vec<String>) -> usize {
    let reported = |from: u32, lines: u32| unparseable.iter().any(|&l| l >= from && l <= from + lines);
    let listed = |line: u32| page.unparsed_json.iter().any(|u| u.line == line);
    let mut bodies = Vec::new();
    for ex in &page.examples {
        if let Some(req) = &ex.request {
            bodies.push((req.message.body.as_ref(), req.json.is_some()));
        }
        let responses: Vec<&ExampleResponse> = ex.response.iter().chain(&ex.more_responses).collect();
        for resp in responses {
            bodies.push((resp.message.body.as_ref(), resp.json.is_some()));
        }
    }
    let mut checked = 0;
    for (body, parsed) in bodies {
        let Some(body) = body else { continue };
        if body.kind != BodyKind::Json || parsed {
            continue;
        }
        checked += 1;
        let lines = body.text.lines().count() as u32;
        if !reported(body.line, lines) || !listed(body.line) {
            failures.push(format!("{}:{}: JSON body dropped without a json/unparseable diagnostic", page.file, body.line));
        }
    }
    for block in &page.unparsed_json {
        // Annotations are reported at the comment's first line; bodies and JSON
        // representations at the failing line inside the block.
        let upto = if block.value == "annotation" { 60 } else { 10_000 };
        if !reported(block.line, upto) {
            failures.push(format!("{}:{}: {} not parsed but not reported", page.file, block.line, block.value));
        }
    }
    checked.max(page.unparsed_json.len())
}

#[test]
fn reader_covers_the_corpus() {
    let Some(corpus) = docgen_tests::corpus_dir("corpus_reader") else { return };
    let versions = docgen::version_dirs(&corpus);
    assert!(!versions.is_empty(), "no version folders in {}", corpus.display());
    let mut failures = Vec::new();
    for dir in &versions {
        let (docs, api, diagnostics) = read_version(dir);
        let summary = Summary::of(&docs, &api, &diagnostics);
        println!("{summary}");

        let checks = [
            ("resource pages with a type and its properties", summary.resource_pages_with_type, summary.resource_pages, RESOURCE_PAGES_WITH_TYPE),
            ("api pages with an operation (method and path)", summary.api_pages_with_operation, summary.api_pages, API_PAGES_WITH_OPERATION),
            ("example fences classified", summary.classified_fences, summary.example_fences, EXAMPLE_FENCES_CLASSIFIED),
            ("example messages paired", summary.paired_messages, summary.example_messages, EXAMPLE_MESSAGES_PAIRED),
        ];
        for (what, n, d, floor) in checks {
            let p = percent(n, d);
            if p < floor || d == 0 {
                failures.push(format!("{}: {what}: {n}/{d} = {p:.2}% is below the {floor}% floor", docs.version));
            }
        }

        // Operations carry a method and a path template.
        for op in &api.operations {
            if op.method.is_empty() || op.path.text.is_empty() {
                failures.push(format!("{}: operation {} has no method or path", docs.version, op.id));
            }
        }

        // No silent JSON drop.
        let mut unparseable: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for d in diagnostics.iter().filter(|d| d.rule == "json/unparseable") {
            unparseable.entry(&d.file).or_default().push(d.line);
        }
        let mut checked = 0;
        for page in &docs.pages {
            let lines = unparseable.get(&*page.file).map_or(&[][..], Vec::as_slice);
            checked += check_no_silent_json_drop(page, lines, &mut failures);
        }
        let reported = unparseable.values().map(Vec::len).sum::<usize>();
        println!("{}: {checked} unparseable JSON blocks, {reported} json/unparseable diagnostics\n", docs.version);
        if checked > reported {
            failures.push(format!("{}: {checked} JSON blocks not parsed but only {reported} json/unparseable diagnostics", docs.version));
        }
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}
