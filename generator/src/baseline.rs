//! Accepted findings: a committed list of `rule-id file` pairs that `docgen check` does not
//! fail on, so CI fails on *new* doc errors while known ones stay visible in the output.
//!
//! Format: one `rule-id path` pair per line; `#` starts a comment (say why it is accepted).

use std::collections::BTreeSet;

use crate::diagnostics::Diagnostic;

/// A parsed baseline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: BTreeSet<(String, String)>,
}

impl Baseline {
    /// Parse the file's text. Malformed lines are returned as errors (1-based line, text).
    pub fn parse(text: &str) -> (Baseline, Vec<(usize, String)>) {
        let mut entries = BTreeSet::new();
        let mut bad = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let content = line.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            let mut words = content.split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some(rule), Some(file), None) => {
                    entries.insert((rule.to_string(), file.to_string()));
                }
                _ => bad.push((i + 1, line.to_string())),
            }
        }
        (Baseline { entries }, bad)
    }

    /// Whether a diagnostic is accepted.
    pub fn accepts(&self, d: &Diagnostic) -> bool {
        self.entries.contains(&(d.rule.to_string(), d.file.to_string()))
    }

    /// Entries that match none of `diagnostics` (fixed in the docs: remove them).
    pub fn stale<'a>(&'a self, diagnostics: &[Diagnostic]) -> Vec<&'a (String, String)> {
        self.entries
            .iter()
            .filter(|(rule, file)| !diagnostics.iter().any(|d| d.rule == rule && &*d.file == file.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    fn diag(rule: &'static str, file: &str) -> Diagnostic {
        Diagnostic { file: file.into(), line: 3, column: 1, rule, severity: Severity::Error, message: String::new() }
    }

    #[test]
    fn accepts_listed_pairs_and_finds_stale_ones() {
        let (b, bad) = Baseline::parse("# why\nexample/path-mismatch api/a.md  # draft\nlink/broken api/b.md\nnot valid line here\n");
        assert_eq!(bad, vec![(4, "not valid line here".to_string())]);
        assert!(b.accepts(&diag("example/path-mismatch", "api/a.md")));
        assert!(!b.accepts(&diag("example/path-mismatch", "api/b.md")));
        let stale = b.stale(&[diag("example/path-mismatch", "api/a.md")]);
        assert_eq!(stale, vec![&("link/broken".to_string(), "api/b.md".to_string())]);
    }
}
