//! Arbitrary bytes → lossy UTF-8 → `read_page`, then `build_api` over the pages read.
//!
//! The input is split at NUL bytes into up to four pages (real pages hold no NUL, so a seed
//! page is one page and the fuzzer finds multi-page inputs by itself). Each page is read
//! twice, once as an api page and once as a resource page, because the folder decides how
//! a page is read; all of them are then resolved together, as one small docs folder.
#![no_main]

use docgen::diagnostics::Diagnostics;
use docgen::ir::{build_api, BuildInput};
use docgen::reader::page::read_page;
use libfuzzer_sys::fuzz_target;

const FILES: [[&str; 2]; 4] = [
    ["api/a-get.md", "resources/a.md"],
    ["api/a-update.md", "resources/b.md"],
    ["api/b-list.md", "resources/enums.md"],
    ["api/b-post.md", "resources/c.md"],
];

fuzz_target!(|data: &[u8]| {
    let mut pages = Vec::new();
    for (chunk, files) in data.split(|b| *b == 0).zip(FILES) {
        let text = String::from_utf8_lossy(chunk);
        for file in files {
            let mut diags = Diagnostics::for_file(file);
            pages.push(read_page(file, &text, &mut diags));
        }
    }
    let _ = build_api(&BuildInput { version: "v1.0", pages: &pages });
});
