//! YAML front matter. Every corpus page has flat `key: value` front matter; one page is not
//! valid YAML (an unquoted colon), so a strict parse falls back to a flat line reader.

use std::collections::BTreeMap;

use yaml_rust2::{Yaml, YamlLoader};

use crate::diagnostics::{Diagnostics, Rule, Severity};

/// The front matter is not valid YAML; docgen read it as flat `key: value` lines.
pub const INVALID_YAML: Rule = Rule {
    id: "front-matter/invalid-yaml",
    severity: Severity::Warning,
    summary: "front matter is not valid YAML; read as flat `key: value` lines",
};
/// The page has no `---` front matter block, or it never closes.
pub const MISSING: Rule = Rule {
    id: "front-matter/missing",
    severity: Severity::Warning,
    summary: "the page has no closed `---` front matter block",
};

/// Rules reported by this module.
pub const RULES: &[&Rule] = &[&INVALID_YAML, &MISSING];

/// Flat front matter: key → string value (quotes removed, trimmed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// All keys, in sorted order.
    pub fields: BTreeMap<String, String>,
}

impl FrontMatter {
    /// A field's value, if present and not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }
}

/// Split `source` into front matter and a body in which the front matter lines are blanked
/// out, so that body line numbers stay the page's own.
pub fn split(source: &str, diags: &mut Diagnostics) -> (FrontMatter, String) {
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        diags.report(&MISSING, 1, 1, "page does not start with `---`");
        return (FrontMatter::default(), source.to_string());
    }
    let mut yaml = String::new();
    let mut consumed = first.len();
    let mut closed = false;
    let mut count = 1;
    for line in lines {
        consumed += line.len();
        count += 1;
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        yaml.push_str(line);
    }
    if !closed {
        diags.report(&MISSING, 1, 1, "front matter opened with `---` is never closed");
        return (FrontMatter::default(), source.to_string());
    }
    let body = "\n".repeat(count) + &source[consumed..];
    (parse_fields(&yaml, diags), body)
}

fn parse_fields(yaml: &str, diags: &mut Diagnostics) -> FrontMatter {
    match YamlLoader::load_from_str(yaml) {
        Ok(docs) => {
            let mut fields = BTreeMap::new();
            if let Some(Yaml::Hash(map)) = docs.first() {
                for (k, v) in map {
                    if let Some(k) = scalar(k) {
                        fields.insert(k, scalar(v).unwrap_or_default().trim().to_string());
                    }
                }
            }
            FrontMatter { fields }
        }
        Err(e) => {
            // The marker line is 1-based within the YAML, which starts on page line 2.
            let line = e.marker().line() as u32 + 1;
            diags.report(&INVALID_YAML, line, 1, format!("front matter is not valid YAML ({})", e.info()));
            FrontMatter { fields: flat_fields(yaml) }
        }
    }
}

fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The fallback: each line is `key: rest-of-line`, with at most one layer of quotes.
fn flat_fields(yaml: &str) -> BTreeMap<String, String> {
    yaml.lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| {
            let v = v.trim();
            let unquoted = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(v);
            (k.trim().to_string(), unquoted.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_yaml_and_blanked_body() {
        let mut d = Diagnostics::for_file("t.md");
        let (fm, body) = split("---\ntitle: \"A b\"\ndoc_type: apiPageType \n---\n# A\n", &mut d);
        assert_eq!(fm.get("title"), Some("A b"));
        assert_eq!(fm.get("doc_type"), Some("apiPageType"));
        assert_eq!(body, "\n\n\n\n# A\n");
        assert!(d.items().is_empty());
    }

    #[test]
    fn unquoted_colon_falls_back_to_flat_lines() {
        let mut d = Diagnostics::for_file("t.md");
        let (fm, _) = split("---\ntitle: thing: doSomething\nms.prod: 'files'\n---\n", &mut d);
        assert_eq!(fm.get("title"), Some("thing: doSomething"));
        assert_eq!(fm.get("ms.prod"), Some("files"));
        assert_eq!(d.items()[0].rule, INVALID_YAML.id);
        assert_eq!(d.items()[0].line, 2);
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_reported() {
        for src in ["# no front matter\n", "---\ntitle: x\n"] {
            let mut d = Diagnostics::for_file("t.md");
            let (fm, body) = split(src, &mut d);
            assert!(fm.fields.is_empty());
            assert_eq!(body, src);
            assert_eq!(d.items()[0].rule, MISSING.id);
        }
    }
}
