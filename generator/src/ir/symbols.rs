//! The per-version symbol table: type names (case-insensitive, qualified and short) and the
//! pages that define them, so that links resolve to types by what the target page defines,
//! never by its file name.

// FxHash: these maps are looked up for every link and type name of the corpus, and their
// keys are docs text, not attacker input, so SipHash's DoS resistance buys nothing.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::TypeKey;

/// How a name or link was resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The type.
    pub key: TypeKey,
    /// Whether the spelling matched the definition exactly (case included).
    pub exact_case: bool,
}

impl SymbolTable {
    /// The qualified name of a type as its definition spells it.
    pub fn defined_name(&self, key: &str) -> Option<&str> {
        self.qualified.get(key).map(|(_, name)| name.as_str())
    }
}

/// Names → type keys for one version. Only looked up, never iterated, so hash maps keep
/// the results deterministic.
#[derive(Clone, Debug, Default)]
pub struct SymbolTable {
    /// Lower-case qualified name → (key, name as defined).
    qualified: HashMap<String, (TypeKey, String)>,
    /// Lower-case short name → keys, sorted.
    short: HashMap<String, Vec<TypeKey>>,
    /// Lower-case page path → keys of the types it defines, in page order.
    pages: HashMap<String, Vec<TypeKey>>,
    /// (lower-case page path, key) pairs already in `pages` (a page like `enums.md` defines
    /// hundreds of types; scanning its list per insert was quadratic).
    on_pages: HashSet<(String, TypeKey)>,
    /// Key → short name as defined, for enum-anchor lookups.
    short_of: HashMap<TypeKey, String>,
}

impl SymbolTable {
    /// An empty table with room for `types` definitions.
    pub fn with_capacity(types: usize) -> Self {
        SymbolTable {
            qualified: HashMap::with_capacity_and_hasher(types, Default::default()),
            short: HashMap::with_capacity_and_hasher(types, Default::default()),
            pages: HashMap::with_capacity_and_hasher(types, Default::default()),
            on_pages: HashSet::with_capacity_and_hasher(types, Default::default()),
            short_of: HashMap::with_capacity_and_hasher(types, Default::default()),
        }
    }

    /// Register a type defined on `page` (relative path).
    pub fn insert(&mut self, key: &TypeKey, qualified: &str, short: &str, page: &str) {
        self.qualified.insert(qualified.to_ascii_lowercase(), (key.clone(), qualified.to_string()));
        let list = self.short.entry(short.to_ascii_lowercase()).or_default();
        if !list.contains(key) {
            list.push(key.clone());
            list.sort();
        }
        let page = page.to_ascii_lowercase();
        if !self.on_pages.contains(&(page.clone(), key.clone())) {
            self.pages.entry(page.clone()).or_default().push(key.clone());
            self.on_pages.insert((page, key.clone()));
        }
        self.short_of.insert(key.clone(), short.to_string());
    }

    /// Whether a page path (relative, any case) exists among the registered pages.
    pub fn page_defines_types(&self, page: &str) -> bool {
        self.pages.contains_key(&page.to_ascii_lowercase())
    }

    /// Resolve a name as written (`user`, `microsoft.graph.user`, `#microsoft.graph.user`,
    /// `Collection(microsoft.graph.user)` is the caller's to unwrap). Prefers `namespace`.
    pub fn resolve_name(&self, name: &str, namespace: &str) -> Option<Resolved> {
        let name = name.trim().trim_start_matches('#');
        if name.is_empty() {
            return None;
        }
        let lower = name.to_ascii_lowercase();
        if lower.contains('.') {
            if let Some((key, defined)) = self.qualified.get(&lower) {
                return Some(Resolved { key: key.clone(), exact_case: defined == name });
            }
        }
        let short = lower.rsplit('.').next().unwrap_or(&lower);
        let written_short = name.rsplit('.').next().unwrap_or(name);
        let candidates = self.short.get(short)?;
        let key = candidates
            .iter()
            .find(|k| directly_in(k, namespace))
            .or_else(|| candidates.iter().find(|k| directly_in(k, "microsoft.graph")))
            .unwrap_or(&candidates[0]);
        let exact_case = self.short_of.get(key).is_some_and(|s| s == written_short);
        Some(Resolved { key: key.clone(), exact_case })
    }

    /// Resolve a link written on page `from` (`../resources/user.md`, `enums.md#x-values`).
    /// Returns `None` when the target page defines no type.
    pub fn resolve_link(&self, from: &str, dest: &str) -> Option<Resolved> {
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (dest, None),
        };
        let mut target = if path.is_empty() { from.to_string() } else { join_relative(from, path)? };
        target.make_ascii_lowercase();
        let keys = self.pages.get(&target)?;
        if let Some(anchor) = anchor.and_then(|a| a.strip_suffix("-values")) {
            let anchor = anchor.to_ascii_lowercase();
            if let Some(key) = keys.iter().find(|k| self.short_of.get(*k).is_some_and(|s| s.eq_ignore_ascii_case(&anchor))) {
                return Some(Resolved { key: key.clone(), exact_case: true });
            }
        }
        keys.first().map(|k| Resolved { key: k.clone(), exact_case: true })
    }
}

/// Whether a (lower-case) key names a type directly in `namespace` (any case), not in a
/// sub-namespace: `key` is `namespace.` + a name without dots.
fn directly_in(key: &str, namespace: &str) -> bool {
    let (key, ns) = (key.as_bytes(), namespace.as_bytes());
    key.len() > ns.len() && key[..ns.len()].eq_ignore_ascii_case(ns) && key[ns.len()] == b'.' && !key[ns.len() + 1..].contains(&b'.')
}

/// Join a relative link to the directory of `from`, resolving `.` and `..`.
/// Returns `None` for absolute URLs, site-rooted links and paths that climb above the root.
pub fn join_relative(from: &str, dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('/') || dest.contains("://") || dest.starts_with("mailto:") {
        return None;
    }
    // Built in place: `out` is always the first `parts` path segments joined by `/`.
    let (mut out, mut parts) = match from.rsplit_once('/') {
        Some((dir, _)) => (dir.to_string(), from.matches('/').count()),
        None => (String::new(), 0),
    };
    out.reserve(dest.len() + 1);
    for segment in dest.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                parts = parts.checked_sub(1)?;
                out.truncate(out.rfind('/').filter(|_| parts > 0).unwrap_or(0));
            }
            s => {
                if parts > 0 {
                    out.push('/');
                }
                out.push_str(s);
                parts += 1;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> SymbolTable {
        let mut t = SymbolTable::default();
        t.insert(&"microsoft.graph.sideloadingkey".into(), "microsoft.graph.sideLoadingKey", "sideLoadingKey", "resources/intune-onboarding-sideloadingkey.md");
        t.insert(&"microsoft.graph.callrecords.session".into(), "microsoft.graph.callRecords.session", "session", "resources/callrecords-session.md");
        t.insert(&"microsoft.graph.printquality".into(), "microsoft.graph.printQuality", "printQuality", "resources/enums.md");
        t.insert(&"microsoft.graph.importance".into(), "microsoft.graph.importance", "importance", "resources/enums.md");
        t
    }

    #[test]
    fn names_resolve_case_insensitively_and_report_case() {
        let t = table();
        assert_eq!(t.resolve_name("sideLoadingKey", "microsoft.graph").unwrap(), Resolved { key: "microsoft.graph.sideloadingkey".into(), exact_case: true });
        assert!(!t.resolve_name("microsoft.graph.sideloadingkey", "microsoft.graph").unwrap().exact_case);
        assert!(!t.resolve_name("#microsoft.graph.sideloadingkey", "microsoft.graph").unwrap().exact_case);
        assert_eq!(t.resolve_name("session", "microsoft.graph.callRecords").unwrap().key, "microsoft.graph.callrecords.session");
        assert!(t.resolve_name("missing", "microsoft.graph").is_none());
    }

    fn join_reference(from: &str, dest: &str) -> Option<String> {
        let dest = dest.trim();
        if dest.is_empty() || dest.starts_with('/') || dest.contains("://") || dest.starts_with("mailto:") {
            return None;
        }
        let dest = dest.replace('\\', "/");
        let mut parts: Vec<&str> = from.split('/').collect();
        parts.pop();
        for segment in dest.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                s => parts.push(s),
            }
        }
        Some(parts.join("/"))
    }

    #[test]
    fn join_matches_reference() {
        let froms = ["x.md", "a/x.md", "a/b/x.md", "/x.md", "a//x.md", "a\\b/x.md", "", "a/", "a/b/"];
        let pieces = ["..", ".", "", "y.md", "c", "c\\d", " "];
        for from in froms {
            for a in pieces {
                for b in pieces {
                    for c in pieces {
                        for sep in ["/", "\\"] {
                            let dest = format!("{a}{sep}{b}/{c}");
                            assert_eq!(join_relative(from, &dest), join_reference(from, &dest), "{from} + {dest}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn links_resolve_by_what_the_target_defines() {
        let t = table();
        assert_eq!(t.resolve_link("api/x.md", "../resources/intune-onboarding-sideloadingkey.md").unwrap().key, "microsoft.graph.sideloadingkey");
        assert_eq!(t.resolve_link("resources/a.md", "enums.md#importance-values").unwrap().key, "microsoft.graph.importance");
        assert!(t.resolve_link("api/x.md", "../resources/sideloadingkey.md").is_none());
        assert_eq!(join_relative("api/x.md", "..\\resources\\y.md").as_deref(), Some("resources/y.md"));
        assert_eq!(join_relative("api/x.md", "../../../y.md"), None);
        assert_eq!(join_relative("api/x.md", "../../y.md"), None);
        assert_eq!(join_relative("a/b/x.md", "./../c/./d.md#e").as_deref(), Some("a/c/d.md#e"));
        assert_eq!(join_relative("a//x.md", "y.md").as_deref(), Some("a//y.md"));
        assert_eq!(join_relative("a//x.md", "../../y.md").as_deref(), Some("y.md"));
        assert_eq!(join_relative("/x.md", "../y.md").as_deref(), Some("y.md"));
        assert_eq!(join_relative("x.md", "y.md").as_deref(), Some("y.md"));
    }
}
