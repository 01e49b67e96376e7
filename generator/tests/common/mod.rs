//! Helpers shared by the generator's integration tests: the corpus location, a markdown file
//! walk, and a tiny deterministic PRNG for never-panic tests.

#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};

/// The Graph docs corpus: `$DOCGEN_CORPUS` (relative paths are taken from the workspace
/// root), else `../shared/graph-docs` beside the workspace. `None`, after printing a plain
/// SKIPPED line, when it is absent.
pub fn corpus_root(test: &str) -> Option<PathBuf> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    let wanted = PathBuf::from(std::env::var_os("DOCGEN_CORPUS").unwrap_or_else(|| "../shared/graph-docs".into()));
    let dir = if wanted.is_absolute() { wanted } else { workspace.join(wanted) };
    if dir.is_dir() {
        Some(std::fs::canonicalize(&dir).unwrap_or(dir))
    } else {
        println!("SKIPPED {test}: corpus not found at {}", dir.display());
        None
    }
}

/// Every `.md` file below `dir`, sorted.
pub fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// xorshift64: deterministic and dependency-free.
pub struct XorShift(pub u64);

impl XorShift {
    /// Next pseudo-random value.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A value in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Up to `max_edits` random edits of `s`: insert a `noise` token, delete a char, or truncate.
pub fn mutate(rng: &mut XorShift, s: &str, noise: &[&str], max_edits: usize) -> String {
    let mut chars: Vec<String> = s.chars().map(String::from).collect();
    for _ in 0..1 + rng.below(max_edits) {
        let pos = rng.below(chars.len() + 1);
        match rng.below(3) {
            0 => chars.insert(pos, noise[rng.below(noise.len())].to_string()),
            1 if pos < chars.len() => {
                chars.remove(pos);
            }
            _ => chars.truncate(pos),
        }
    }
    chars.concat()
}
