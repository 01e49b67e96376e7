//! Inputs that once made the reader panic or hang, found by `corpus_mutations` and the
//! fuzz target (`fuzz/`). Each is a small hand-written page, not corpus text. A hang shows
//! up as this test never finishing, so every case also runs under a deadline thread.

use std::sync::mpsc;
use std::time::Duration;

use docgen::diagnostics::Diagnostics;
use docgen::ir::{build_api, BuildInput};
use docgen::reader::page::read_page;

/// Read `text` as `file` and resolve it, failing if that takes longer than 10 s.
fn survives(file: &'static str, text: &'static str) {
    let (done, wait) = mpsc::channel();
    std::thread::spawn(move || {
        let mut diags = Diagnostics::for_file(file);
        let page = read_page(file, text, &mut diags);
        let pages = [page];
        let _ = build_api(&BuildInput { version: "v1.0", pages: &pages });
        let _ = done.send(());
    });
    match wait.recv_timeout(Duration::from_secs(10)) {
        Ok(()) => {}
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{file}: reader did not finish within 10 s"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{file}: reader panicked"),
    }
}

/// corpus_mutations, flip-bytes: a Type cell whose `[` became U+FFFD leaves a `]` with no
/// opener; the Type-cell tokenizer stopped at `]` without advancing and looped forever.
#[test]
fn type_cell_with_stray_closing_bracket() {
    survives(
        "api/x-post.md",
        "---\ntitle: x\ndoc_type: apiPageType\n---\n# Create x\n\n## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n|claims|\u{fffd}claims](../resources/claims.md)|The claims.|\n|a|String]|b|\n",
    );
    let t = docgen::reader::type_expr::parse_type_cell("\u{fffd}claims](x.md)");
    assert!(t.is_unparsed() || !t.written.is_empty());
}

/// fuzz (read_page target): a request line whose last whitespace is a NBSP (two bytes in
/// UTF-8). Stripping a trailing `HTTP/1.1` sliced one byte after the whitespace's start,
/// inside the NBSP, and panicked.
#[test]
fn request_line_with_nbsp_before_the_last_word() {
    survives(
        "api/user-get.md",
        "---\ntitle: Get user\ndoc_type: apiPageType\n---\n# Get user\n\n## HTTP request\n\n```http\nGET /users/{id | userPrincipal\u{a0}Name}\nGET /me\u{a0}HTTP/1.1\n```\n",
    );
    let (method, target) = docgen::reader::http::parse_request_line("GET /me\u{a0}HTTP/1.1").expect("a request line");
    assert_eq!(method, "GET");
    assert_eq!(target.raw, "/me");
}
