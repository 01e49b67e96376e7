//! The numbers `docgen lint` prints: pages by kind, what was extracted, coverage, and
//! diagnostics per rule id.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Severity};
use crate::ir::{Api, ExampleBody, ExampleRole};
use crate::reader::page::{PageKind, TypeFactsKind};
use crate::Docs;

/// Extraction figures for one version.
///
/// **Pairing.** An exchange is a request and the response(s) that follow it on the page
/// (see [`crate::reader::page::ExampleFacts`]): a response belongs to the nearest request
/// before it unless an `Example…` heading lies between them; requests are found by the
/// annotation `blockType`, or, unannotated, by the fence's first line (intune). A request
/// is *paired* when at least one response belongs to it, and every response that belongs
/// to a request is paired. `paired_messages / example_messages` counts:
/// * every response (a response with no request is unpaired);
/// * every request, except those that cannot have a documented response: notifications
///   (requests under a `Notification…` heading, sent by the service to the app) and
///   requests on a page that documents no example response anywhere. Those are counted in
///   `notification_requests` and `requests_on_pages_without_responses` instead. A request
///   without a response on a page that does document responses elsewhere counts as unpaired.
///
/// A response is an HTTP message with a status line. Pages that show only a response
/// *body* (a bare `json` fence under **Response**, as the Dynamics 365 pages do) document
/// no response message, so their requests fall under `requests_on_pages_without_responses`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Version label.
    pub version: String,
    /// Pages by kind.
    pub pages: BTreeMap<String, usize>,
    /// Resource and enum pages that yield a type with properties (from a table, the JSON
    /// representation, or an explicit `None` under `## Properties`) or enum members.
    pub resource_pages_with_type: usize,
    /// Resource and enum pages.
    pub resource_pages: usize,
    /// Api pages that yield at least one operation with method and path.
    pub api_pages_with_operation: usize,
    /// Api pages.
    pub api_pages: usize,
    /// Example fences (HTTP fences outside the request-syntax section).
    pub example_fences: usize,
    /// Example fences classified as request, response or JSON payload.
    pub classified_fences: usize,
    /// HTTP-info fences that are illustrations, not examples (bare URLs, header lines,
    /// commands); not counted in `example_fences`. See [`crate::reader::page::Page::snippet_fences`].
    pub snippet_fences: usize,
    /// Example messages that belong to a request/response pair (see [`Summary`]).
    pub paired_messages: usize,
    /// Example messages that pairing applies to (see [`Summary`]).
    pub example_messages: usize,
    /// Requests left out of `example_messages`: notifications the service sends to the app.
    pub notification_requests: usize,
    /// Requests left out of `example_messages`: requests on pages that document no example
    /// response at all.
    pub requests_on_pages_without_responses: usize,
    /// Resolved types.
    pub types: usize,
    /// Properties of resolved types.
    pub properties: usize,
    /// Operations.
    pub operations: usize,
    /// Example request and response bodies that parse as JSON.
    pub json_example_bodies: usize,
    /// Example JSON bodies bound to a type.
    pub typed_example_bodies: usize,
    /// Typed bodies that a doc error keeps from round-tripping (each named by a diagnostic).
    pub bodies_with_doc_errors: usize,
    /// Resource JSON representations that parse as JSON.
    pub json_representations: usize,
    /// Of those, bound to a structure and checked like example bodies.
    pub typed_representations: usize,
    /// Typed representations that a doc error keeps from round-tripping.
    pub representations_with_doc_errors: usize,
    /// Diagnostics by rule id.
    pub diagnostics: BTreeMap<&'static str, usize>,
    /// Error-severity diagnostics.
    pub errors: usize,
}

fn percent(n: usize, d: usize) -> f64 {
    if d == 0 { 100.0 } else { 100.0 * n as f64 / d as f64 }
}

impl Summary {
    /// Compute the summary of one version.
    pub fn of(docs: &Docs, api: &Api, diagnostics: &[Diagnostic]) -> Summary {
        let mut s = Summary { version: docs.version.clone(), ..Summary::default() };
        for page in &docs.pages {
            let kind = format!("{:?}", page.kind).to_ascii_lowercase();
            *s.pages.entry(kind).or_default() += 1;
            match page.kind {
                PageKind::Resource | PageKind::Enum => {
                    s.resource_pages += 1;
                    let yields = page.types.iter().any(|t| match t.kind {
                        TypeFactsKind::Structure => {
                            !t.properties.is_empty() || t.json_representation.is_some() || t.properties_none
                        }
                        TypeFactsKind::Enum => !t.members.is_empty(),
                    });
                    s.resource_pages_with_type += usize::from(yields);
                }
                PageKind::Api => {
                    s.api_pages += 1;
                    s.api_pages_with_operation += usize::from(page.operations.iter().any(|o| !o.paths.is_empty()));
                }
                PageKind::Conceptual => {}
            }
            s.json_representations += page.types.iter().filter(|t| t.json_representation.is_some()).count();
            s.example_fences += page.example_fences as usize;
            s.classified_fences += page.example_fences.saturating_sub(page.unclassified_fences) as usize;
            s.snippet_fences += page.snippet_fences as usize;
            let page_has_responses = page.examples.iter().any(|e| e.response.is_some());
            for ex in &page.examples {
                s.json_example_bodies += usize::from(ex.request.as_ref().is_some_and(|r| r.json.is_some()))
                    + ex.response.iter().chain(&ex.more_responses).filter(|r| r.json.is_some()).count();
                let responses = usize::from(ex.response.is_some()) + ex.more_responses.len();
                s.example_messages += responses;
                if ex.request.is_none() {
                    continue;
                }
                if responses > 0 {
                    s.example_messages += 1;
                    s.paired_messages += 1 + responses;
                } else if ex.notification {
                    s.notification_requests += 1;
                } else if !page_has_responses {
                    s.requests_on_pages_without_responses += 1;
                } else {
                    s.example_messages += 1;
                }
            }
        }
        s.types = api.types.len();
        s.properties = api.types.values().map(|t| t.properties.len()).sum();
        s.operations = api.operations.len();
        let (representations, messages): (Vec<&ExampleBody>, Vec<&ExampleBody>) =
            api.examples.iter().partition(|e| e.role == ExampleRole::Representation);
        s.typed_example_bodies = messages.len();
        s.bodies_with_doc_errors = messages.iter().filter(|e| !e.doc_errors.is_empty()).count();
        s.typed_representations = representations.len();
        s.representations_with_doc_errors = representations.iter().filter(|e| !e.doc_errors.is_empty()).count();
        for d in diagnostics {
            *s.diagnostics.entry(d.rule).or_default() += 1;
            s.errors += usize::from(d.severity == Severity::Error);
        }
        s
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "== {} ==", self.version)?;
        let pages: Vec<String> = self.pages.iter().map(|(k, v)| format!("{k} {v}")).collect();
        writeln!(f, "pages: {}", pages.join(", "))?;
        writeln!(
            f,
            "resource pages with a type: {}/{} ({:.2}%)",
            self.resource_pages_with_type,
            self.resource_pages,
            percent(self.resource_pages_with_type, self.resource_pages)
        )?;
        writeln!(
            f,
            "api pages with an operation: {}/{} ({:.2}%)",
            self.api_pages_with_operation,
            self.api_pages,
            percent(self.api_pages_with_operation, self.api_pages)
        )?;
        writeln!(
            f,
            "example fences classified: {}/{} ({:.2}%); messages paired: {}/{} ({:.2}%)",
            self.classified_fences,
            self.example_fences,
            percent(self.classified_fences, self.example_fences),
            self.paired_messages,
            self.example_messages,
            percent(self.paired_messages, self.example_messages)
        )?;
        writeln!(
            f,
            "  not counted: {} snippet fences, {} notification requests, {} requests on pages without example responses",
            self.snippet_fences, self.notification_requests, self.requests_on_pages_without_responses
        )?;
        writeln!(f, "types {}, properties {}, operations {}", self.types, self.properties, self.operations)?;
        let lossless = self.typed_example_bodies - self.bodies_with_doc_errors;
        writeln!(
            f,
            "example JSON bodies {}: typed {} ({:.2}%); expected to round-trip {} ({:.2}% of typed); named doc errors {}",
            self.json_example_bodies,
            self.typed_example_bodies,
            percent(self.typed_example_bodies, self.json_example_bodies),
            lossless,
            percent(lossless, self.typed_example_bodies),
            self.bodies_with_doc_errors
        )?;
        let lossless = self.typed_representations - self.representations_with_doc_errors;
        writeln!(
            f,
            "resource JSON representations {}: typed {} ({:.2}%); expected to round-trip {} ({:.2}% of typed); named doc errors {}",
            self.json_representations,
            self.typed_representations,
            percent(self.typed_representations, self.json_representations),
            lossless,
            percent(lossless, self.typed_representations),
            self.representations_with_doc_errors
        )?;
        writeln!(f, "diagnostics ({} errors):", self.errors)?;
        for (rule, n) in &self.diagnostics {
            writeln!(f, "  {rule:<32} {n}")?;
        }
        Ok(())
    }
}
