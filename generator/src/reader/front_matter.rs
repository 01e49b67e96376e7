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
    let (front_matter, body_start, lines) = split_at(source, diags);
    let body = "\n".repeat(lines as usize) + &source[body_start..];
    (front_matter, body)
}

/// [`split`] without building the body: the front matter, the byte offset where the body
/// starts and the number of lines before it (the reader parses `&source[offset..]` and
/// shifts its line numbers instead of copying the page).
pub fn split_at(source: &str, diags: &mut Diagnostics) -> (FrontMatter, usize, u32) {
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        diags.report(&MISSING, 1, 1, "page does not start with `---`");
        return (FrontMatter::default(), 0, 0);
    }
    let mut consumed = first.len();
    let mut yaml_end = None;
    let mut count = 1;
    for line in lines {
        count += 1;
        if line.trim_end() == "---" {
            yaml_end = Some(consumed);
            consumed += line.len();
            break;
        }
        consumed += line.len();
    }
    let Some(yaml_end) = yaml_end else {
        diags.report(&MISSING, 1, 1, "front matter opened with `---` is never closed");
        return (FrontMatter::default(), 0, 0);
    };
    (parse_fields(&source[first.len()..yaml_end], diags), consumed, count)
}

fn parse_fields(yaml: &str, diags: &mut Diagnostics) -> FrontMatter {
    // Performance (docgen bench, `--only read`): a YAML parse per page cost about 5% of
    // reading. Front matter that is only `key: value` lines with plain or simply quoted
    // values reads the same without it; anything else goes to the YAML parser. Debug builds
    // (the tests, the fuzz target) check that both agree.
    if let Some(fields) = simple_fields(yaml) {
        debug_assert_eq!(
            Some(&fields),
            YamlLoader::load_from_str(yaml).ok().map(|docs| yaml_fields(&docs)).as_ref(),
            "front matter fast path disagrees with YAML on {yaml:?}"
        );
        return FrontMatter { fields };
    }
    match YamlLoader::load_from_str(yaml) {
        Ok(docs) => FrontMatter { fields: yaml_fields(&docs) },
        Err(e) => {
            // The marker line is 1-based within the YAML, which starts on page line 2.
            let line = e.marker().line() as u32 + 1;
            diags.report(&INVALID_YAML, line, 1, format!("front matter is not valid YAML ({})", e.info()));
            FrontMatter { fields: flat_fields(yaml) }
        }
    }
}

fn yaml_fields(docs: &[Yaml]) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    if let Some(Yaml::Hash(map)) = docs.first() {
        for (k, v) in map {
            if let Some(k) = scalar(k) {
                fields.insert(k, scalar(v).unwrap_or_default().trim().to_string());
            }
        }
    }
    fields
}

/// The fields of front matter made only of `key: value` lines (and blank lines) whose
/// values YAML reads as exactly that text: plain ASCII starting with a letter (not a YAML
/// keyword), `M/D/YYYY` dates, or `"…"` / `'…'` without escapes or inner quotes. `None` for
/// anything else (indentation, comments, `: ` or ` #` in a plain value, numbers, duplicate
/// keys, …): those go to the YAML parser.
fn simple_fields(yaml: &str) -> Option<BTreeMap<String, String>> {
    if yaml.contains(['\r', '\t']) {
        return None;
    }
    let mut fields = BTreeMap::new();
    for line in yaml.lines() {
        if line.bytes().all(|b| b == b' ') {
            continue;
        }
        let (key, value) = line.split_once(": ").or_else(|| line.strip_suffix(':').map(|k| (k, "")))?;
        let key_ok = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        if !key_ok {
            return None;
        }
        let v = value.trim_matches(' ');
        let quoted = |q: char| {
            let inner = v.strip_prefix(q)?.strip_suffix(q)?;
            (!inner.contains(['"', '\'', '\\']) && !inner.contains(char::is_control)).then_some(inner)
        };
        let text = if v.is_empty() {
            ""
        } else if v.starts_with('"') {
            quoted('"')?
        } else if v.starts_with('\'') {
            quoted('\'')?
        } else {
            let keyword = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"].iter().any(|k| v.eq_ignore_ascii_case(k));
            let word = v.starts_with(|c: char| c.is_ascii_alphabetic()) && !keyword;
            let date = v.starts_with(|c: char| c.is_ascii_digit()) && v.contains('/') && v.bytes().all(|b| b.is_ascii_digit() || b == b'/');
            let plain = (word || date)
                && v.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
                && !v.contains(": ")
                && !v.contains(" #")
                && !v.ends_with(':');
            if !plain {
                return None;
            }
            v
        };
        if fields.insert(key.to_string(), text.trim().to_string()).is_some() {
            return None;
        }
    }
    Some(fields)
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
    fn fast_path_agrees_with_yaml_or_declines() {
        let cases = [
            "title: \"user: get\"\ndescription: Get a user.\nauthor: \"\"\nms.prod: ''\ndoc_type: apiPageType \n",
            "title: 'a b'\nms.date: 3/16/2018\nlocalization_priority: Normal\n\n",
            "title: x\nempty:\n",
        ];
        for yaml in cases {
            let fast = simple_fields(yaml).expect("simple front matter takes the fast path");
            assert_eq!(fast, yaml_fields(&YamlLoader::load_from_str(yaml).unwrap()), "{yaml:?}");
        }
        for yaml in [
            "title: thing: doSomething\n",
            "n: 0x10\n",
            "flag: true\n",
            "v: ~\n",
            "title: a # comment\n",
            "list:\n  - a\n",
            "a: 1\na: 2\n",
            "t: \"esc\\\"aped\"\n",
            "t: caf\u{e9}\n",
            "# comment\nt: x\n",
        ] {
            assert_eq!(simple_fields(yaml), None, "{yaml:?} must go to the YAML parser");
        }
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
