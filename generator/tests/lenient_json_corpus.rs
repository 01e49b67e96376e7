//! Measures `reader::lenient_json` on the real reference corpus (corpus guide §3.3, §8.5, §9.1).
//!
//! Ignored by default because the corpus is not part of the repository. Run with
//!
//! ```text
//! DOCGEN_CORPUS=/path/to/graph-docs cargo test -p docgen --test lenient_json_corpus -- --ignored --nocapture
//! ```
//!
//! `DOCGEN_CORPUS` defaults to `../shared/graph-docs` relative to the workspace root. Set
//! `DOCGEN_CORPUS_VERBOSE=1` to list every repaired and failed block by `file:line`.
//!
//! Extraction (a line scanner following corpus guide §2 and §12):
//! * a fence opens on a line of three or more backticks (any indentation) and closes on a
//!   line of at least as many bare backticks; its content is literal;
//! * outside fences, a line starting with `<!--` opens a comment that runs to the first `-->`;
//!   it is an *annotation* when its inner text starts with `{` or mentions `blockType`;
//! * in a `json` fence, the content from the first non-blank line is a *JSON fence* when that
//!   line starts with `{` or `[`; it is a *resource JSON* when the fence is the next one after
//!   a `"blockType": "resource"` annotation;
//! * in any other fence, the content from the first line after the first one that starts with
//!   `{` or `[` to the end of the fence is an *example body*.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use docgen::reader::lenient_json::{self, RepairKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Category {
    Annotation,
    ExampleBody,
    /// A `json` fence right after a `"blockType": "resource"` annotation (guide §9.1).
    ResourceJson,
    /// Any other `json` fence.
    OtherJsonFence,
}

struct Block {
    category: Category,
    file: String,
    /// 1-based page line of the text's first line.
    line: usize,
    text: String,
}



/// Backtick count and info string of a fence opener.
fn fence_open(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start_matches([' ', '\t']);
    let ticks = t.len() - t.trim_start_matches('`').len();
    let info = &t[ticks..];
    (ticks >= 3 && !info.contains('`')).then_some((ticks, info.trim()))
}

fn fence_close(line: &str, ticks: usize) -> bool {
    let t = line.trim();
    t.len() >= ticks && t.bytes().all(|b| b == b'`')
}

fn starts_json(line: &str) -> bool {
    line.trim_start().starts_with(['{', '['])
}

fn extract(file: &str, page: &str, out: &mut Vec<Block>) {
    let lines: Vec<&str> = page.split('\n').collect();
    let mut after_resource_annotation = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some((ticks, info)) = fence_open(line) {
            let mut j = i + 1;
            while j < lines.len() && !fence_close(lines[j], ticks) {
                j += 1;
            }
            let content = &lines[i + 1..j];
            let is_json = info.to_ascii_lowercase().starts_with("json");
            let start = if is_json {
                content
                    .iter()
                    .position(|l| !l.trim().is_empty())
                    .filter(|&k| starts_json(content[k]))
            } else {
                content.iter().skip(1).position(|l| starts_json(l)).map(|k| k + 1)
            };
            if let Some(k) = start {
                let category = match (is_json, after_resource_annotation) {
                    (false, _) => Category::ExampleBody,
                    (true, true) => Category::ResourceJson,
                    (true, false) => Category::OtherJsonFence,
                };
                out.push(Block {
                    category,
                    file: file.to_owned(),
                    line: i + 2 + k,
                    text: content[k..].join("\n"),
                });
            }
            after_resource_annotation = false;
            i = j + 1;
            continue;
        }
        if let Some(open) = line.find("<!--").filter(|&p| line[..p].trim().is_empty()) {
            let rest = lines[i..].join("\n");
            let inner_start = open + 4;
            let inner_end = rest[inner_start..].find("-->").map_or(rest.len(), |p| inner_start + p);
            let inner = &rest[inner_start..inner_end];
            if inner.trim_start().starts_with('{') || inner.contains("blockType") {
                after_resource_annotation = lenient_json::parse(inner)
                    .is_ok_and(|p| p.value.get("blockType").is_some_and(|b| b == "resource"));
                out.push(Block {
                    category: Category::Annotation,
                    file: file.to_owned(),
                    line: i + 1,
                    text: inner.to_owned(),
                });
            }
            i += rest[..inner_end].matches('\n').count() + 1;
            continue;
        }
        i += 1;
    }
}

#[derive(Default)]
struct Tally {
    total: usize,
    strict: usize,
    repaired: usize,
    multi_kind: usize,
    by_kind: BTreeMap<RepairKind, usize>,
    failed: usize,
}

#[test]
#[ignore = "needs the reference corpus; set DOCGEN_CORPUS"]
fn measure_corpus() {
    let Some(dir) = common::corpus_root("lenient_json_corpus") else { return };
    let verbose = std::env::var_os("DOCGEN_CORPUS_VERBOSE").is_some();
    let files = common::markdown_files(&dir);
    let mut blocks = Vec::new();
    for path in &files {
        let page = std::fs::read_to_string(path).expect("corpus pages are UTF-8");
        let rel = path.strip_prefix(&dir).unwrap_or(path).to_string_lossy().replace('\\', "/");
        extract(&rel, &page, &mut blocks);
    }

    let mut tallies: BTreeMap<Category, Tally> = BTreeMap::new();
    let mut listing = String::new();
    for block in &blocks {
        let tally = tallies.entry(block.category).or_default();
        tally.total += 1;
        match lenient_json::parse(&block.text) {
            Ok(parsed) if parsed.is_strict() => tally.strict += 1,
            Ok(parsed) => {
                tally.repaired += 1;
                let mut kinds: Vec<RepairKind> = parsed.repairs.iter().map(|r| r.kind).collect();
                kinds.sort();
                kinds.dedup();
                tally.multi_kind += usize::from(kinds.len() > 1);
                for kind in &kinds {
                    *tally.by_kind.entry(*kind).or_default() += 1;
                }
                if verbose {
                    let at: Vec<String> = parsed
                        .repairs
                        .iter()
                        .map(|r| {
                            format!("{}@{}:{}", r.kind, block.line + r.line as usize, r.column)
                        })
                        .collect();
                    let _ = writeln!(
                        listing,
                        "REPAIRED {:?} {}:{} {}",
                        block.category,
                        block.file,
                        block.line,
                        at.join(" ")
                    );
                }
            }
            Err(failure) => {
                tally.failed += 1;
                if verbose {
                    let _ = writeln!(
                        listing,
                        "FAILED {:?} {}:{} {}",
                        block.category,
                        block.file,
                        block.line + failure.line as usize,
                        failure.message
                    );
                }
            }
        }
    }

    print!("{listing}");
    println!("corpus: {} ({} pages)", dir.display(), files.len());
    for (category, t) in &tallies {
        println!(
            "{category:?}: {} blocks, {} strict, {} repaired ({} needing several kinds), {} failed",
            t.total, t.strict, t.repaired, t.multi_kind, t.failed
        );
        for (kind, n) in &t.by_kind {
            println!("    {kind}: {n}");
        }
    }

    // The corpus guide's lenient reader leaves 34 example bodies and 10 annotations unread.
    let failed = |c: Category| tallies.get(&c).map_or(0, |t| t.failed);
    assert!(
        failed(Category::ExampleBody) <= 34,
        "more example bodies fail than in the corpus guide"
    );
    assert!(failed(Category::Annotation) <= 10, "more annotations fail than in the corpus guide");
}
