//! The catalogue of every rule docgen reports, for `docgen lint --rules` and the README.

use crate::diagnostics::{Rule, Severity};

/// A page is not valid UTF-8.
pub const INVALID_UTF8: Rule = Rule {
    id: "page/invalid-utf8",
    severity: Severity::Warning,
    summary: "a page is not valid UTF-8; invalid bytes are replaced",
};
/// A page cannot be read.
pub const UNREADABLE: Rule = Rule {
    id: "page/unreadable",
    severity: Severity::Error,
    summary: "a page cannot be read from disk",
};

/// Every rule, grouped by the module that reports it.
pub fn all() -> Vec<&'static Rule> {
    let groups: &[&[&'static Rule]] = &[
        &[&INVALID_UTF8, &UNREADABLE],
        crate::reader::front_matter::RULES,
        crate::reader::blocks::RULES,
        crate::reader::lenient_json::RULES,
        crate::reader::annotation::RULES,
        crate::reader::page::RULES,
        crate::ir::RULES,
        crate::ir::CONFORMANCE_RULES,
    ];
    groups.iter().flat_map(|g| g.iter().copied()).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn rule_ids_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in super::all() {
            assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
            let (area, what) = rule.id.split_once('/').expect("area/what");
            assert!(!area.is_empty() && !what.is_empty());
            assert!(rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c == '/' || c.is_ascii_digit()), "{}", rule.id);
        }
    }
}
