//! Shared helpers for the integration tests in this folder.

use std::path::PathBuf;

/// The workspace root (the folder holding `docs-input/` and `generated/`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// The bundled docs folder.
pub fn docs_input() -> PathBuf {
    workspace_root().join("docs-input")
}

/// The Graph docs corpus: `$DOCGEN_CORPUS`, else `../shared/graph-docs` beside the workspace.
/// `None` (after printing a plain SKIPPED line) when it is absent, so the caller can return
/// early without pretending to have checked anything. With `DOCGEN_REQUIRE_CORPUS=1` (as CI
/// sets it) a missing corpus is a failure instead.
pub fn corpus_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("DOCGEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/graph-docs"));
    if dir.join("v1.0").is_dir() || dir.join("beta").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("DOCGEN_REQUIRE_CORPUS").is_some_and(|v| v == "1") {
        panic!("{test}: corpus required (DOCGEN_REQUIRE_CORPUS=1) but not found at {}", dir.display());
    }
    println!("SKIPPED {test}: Graph docs corpus not found at {} (set DOCGEN_CORPUS)", dir.display());
    None
}
