//! Diagnostics: every finding about the input carries a stable rule id, a severity and a
//! `file:line:column` location. Readers never panic on bad input; they report here instead.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// How serious a finding is. `Error` makes `docgen check` / `docgen lint` fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The docs contradict themselves or the bindings cannot be trusted.
    Error,
    /// Suspicious input that docgen repaired or worked around.
    Warning,
    /// Informational: a repair that is routine in the corpus.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// A rule: the stable id users grep for, its default severity and what it means.
/// Each module declares its rules as `pub const` items and lists them in its `RULES` slice.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    /// Stable identifier, `area/what-is-wrong` in kebab case.
    pub id: &'static str,
    /// Severity used unless a caller overrides it.
    pub severity: Severity,
    /// One line for `docgen lint --rules` and the README.
    pub summary: &'static str,
}

/// One finding, located in a source file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// Path of the page relative to the docs folder, with `/` separators.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters); 1 when only the line is known.
    pub column: u32,
    /// Stable rule id.
    pub rule: &'static str,
    /// Effective severity.
    pub severity: Severity,
    /// Human-readable explanation, specific to this occurrence.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file, self.line, self.column, self.severity, self.rule, self.message
        )
    }
}

/// Collects the diagnostics of one file. Cheap to create; merge with [`Diagnostics::extend`].
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    file: Arc<str>,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// A sink whose findings are attributed to `file` (relative, `/`-separated).
    pub fn for_file(file: impl Into<Arc<str>>) -> Self {
        Diagnostics { file: file.into(), items: Vec::new() }
    }

    /// The file this sink reports against.
    pub fn file(&self) -> &Arc<str> {
        &self.file
    }

    /// Report a finding with the rule's default severity.
    pub fn report(&mut self, rule: &'static Rule, line: u32, column: u32, message: impl Into<String>) {
        self.report_with(rule, rule.severity, line, column, message);
    }

    /// Report a finding with an explicit severity.
    pub fn report_with(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        line: u32,
        column: u32,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            file: self.file.clone(),
            line: line.max(1),
            column: column.max(1),
            rule: rule.id,
            severity,
            message: message.into(),
        });
    }

    /// Move all findings of `other` into this sink.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// The findings, in report order.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Consume the sink.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
}
