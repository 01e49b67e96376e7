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
