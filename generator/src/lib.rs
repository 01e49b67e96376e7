//! docgen: Microsoft Graph style API reference markdown → typed Rust bindings.
//!
//! The pipeline is visible in the module tree:
//! [`reader`] (markdown → page facts) → [`ir`] (types and operations resolved across pages)
//! → [`codegen`] (IR → formatted Rust files) → [`output`] (write a folder, or check it).
//!
//! # In a build script
//! ```no_run
//! // build.rs
//! let generation = docgen::Config::new()
//!     .crate_name("my-graph-bindings")
//!     .generate("docs")
//!     .expect("docs folder readable");
//! for d in generation.errors() {
//!     println!("cargo:warning={d}");
//! }
//! docgen::output::write(&generation.files, std::path::Path::new("graph")).expect("written");
//! ```

#![deny(missing_docs)]

pub mod baseline;
pub mod bench;
pub mod cli;
pub mod codegen;
pub mod diagnostics;
pub mod ir;
pub mod output;
pub mod reader;
pub mod rules;
pub mod summary;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use diagnostics::{Diagnostic, Diagnostics, Severity};
use reader::page::Page;

/// Errors that stop docgen before it can report diagnostics (I/O on the docs folder).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The folder holds no markdown pages.
    #[error("{0} holds no markdown pages (expected api/ and resources/ folders of .md files)")]
    NoPages(PathBuf),
}

/// The pages of one API version, read, with their per-page diagnostics.
pub struct Docs {
    /// Version label: the folder's name (`beta`, `v1.0`, `docs-input`).
    pub version: String,
    /// Pages sorted by path.
    pub pages: Vec<Page>,
    /// Diagnostics from reading the pages.
    pub diagnostics: Vec<Diagnostic>,
}

/// Find the `.md` pages below `dir`, as `/`-separated relative paths, sorted.
pub fn list_pages(dir: &Path) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|source| Error::Io { path: folder.clone(), source })?;
        for entry in entries {
            let entry = entry.map_err(|source| Error::Io { path: folder.clone(), source })?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                if let Ok(rel) = path.strip_prefix(dir) {
                    out.push(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Read every page of one version folder (in parallel). Unreadable pages become diagnostics.
pub fn read_docs(dir: &Path) -> Result<Docs, Error> {
    let files = list_pages(dir)?;
    if files.is_empty() {
        return Err(Error::NoPages(dir.to_path_buf()));
    }
    let results: Vec<(Option<Page>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|rel| {
            let mut diags = Diagnostics::for_file(rel.as_str());
            match std::fs::read(dir.join(rel)) {
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    if matches!(text, std::borrow::Cow::Owned(_)) {
                        diags.report(&rules::INVALID_UTF8, 1, 1, "page is not valid UTF-8; invalid bytes replaced");
                    }
                    let page = reader::page::read_page(rel, &text, &mut diags);
                    (Some(page), diags.into_vec())
                }
                Err(e) => {
                    diags.report(&rules::UNREADABLE, 1, 1, format!("cannot read page: {e}"));
                    (None, diags.into_vec())
                }
            }
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for (page, diags) in results {
        pages.extend(page);
        diagnostics.extend(diags);
    }
    let version = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "docs".into());
    Ok(Docs { version, pages, diagnostics })
}

/// One version folder read and resolved: the pages, the IR, and every diagnostic (reading
/// and resolving), sorted by file and line.
pub struct Resolved {
    /// The pages read (their own diagnostics are merged into `diagnostics`).
    pub docs: Docs,
    /// The resolved IR.
    pub api: ir::Api,
    /// All diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// Read every page of a version folder and resolve it into the IR.
pub fn resolve_docs(dir: &Path) -> Result<Resolved, Error> {
    let mut docs = read_docs(dir)?;
    let (api, more) = ir::build_api(&ir::BuildInput { version: &docs.version, pages: &docs.pages });
    let mut diagnostics = std::mem::take(&mut docs.diagnostics);
    diagnostics.extend(more);
    diagnostics.sort();
    Ok(Resolved { docs, api, diagnostics })
}

/// The version folders below `dir`: `dir` itself when it holds `api/` or `resources/`,
/// else each subfolder that does (the corpus root holds `v1.0/` and `beta/`).
pub fn version_dirs(dir: &Path) -> Vec<PathBuf> {
    let is_version = |d: &Path| d.join("api").is_dir() || d.join("resources").is_dir();
    if is_version(dir) {
        return vec![dir.to_path_buf()];
    }
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_version(p))
        .collect();
    dirs.sort();
    dirs
}

/// The result of a generation run: files to write and everything docgen noticed.
pub struct Generation {
    /// The resolved API.
    pub api: ir::Api,
    /// Generated files, relative path → contents.
    pub files: codegen::Files,
    /// Diagnostics from reading and resolving, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
}

impl Generation {
    /// The error-severity diagnostics.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error)
    }
}

/// Generation settings, in the style of `prost_build::Config`.
#[derive(Clone, Debug)]
pub struct Config {
    crate_name: String,
    source_label: Option<String>,
    standalone: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config { crate_name: "graph-bindings".into(), source_label: None, standalone: false }
    }
}

impl Config {
    /// Default settings: crate name `graph-bindings`, label from the docs folder's name.
    pub fn new() -> Self {
        Self::default()
    }

    /// Package name of the generated crate.
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.crate_name = name.into();
        self
    }

    /// Label naming the docs in the `@generated` headers (default: the folder's name).
    pub fn source_label(&mut self, label: impl Into<String>) -> &mut Self {
        self.source_label = Some(label.into());
        self
    }

    /// Make the generated crate its own workspace (for output folders inside another one).
    pub fn standalone(&mut self, standalone: bool) -> &mut Self {
        self.standalone = standalone;
        self
    }

    /// Read, resolve and generate. Pure: nothing is written.
    pub fn generate(&self, docs_dir: impl AsRef<Path>) -> Result<Generation, Error> {
        let Resolved { docs, api, diagnostics } = resolve_docs(docs_dir.as_ref())?;
        let options = codegen::CrateOptions {
            crate_name: self.crate_name.clone(),
            source_label: self.source_label.clone().unwrap_or_else(|| docs.version.clone()),
            standalone: self.standalone,
        };
        let files = codegen::generate_crate(&api, &options);
        Ok(Generation { api, files, diagnostics })
    }
}
