//! Pages → [`Api`]: merge type definitions, resolve names and bases, bind operations and
//! examples to types, and report where the pages disagree with each other.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::Value;

use super::body_types;
use super::conformance::Checker;
use super::symbols::{join_relative, Resolved, SymbolTable};
use super::{Api, ExampleBody, ExampleRole, Member, Operation, Payload, Permission, Property, SharedJson, Source, TypeDef, TypeKey, TypeKind, TypeRef};
use crate::diagnostics::{Diagnostic, Diagnostics, Rule, Severity};
use crate::reader::http::{PathTemplate, Segment};
use crate::reader::page::{BaseSource, Page, PageKind, TypeFacts, TypeFactsKind, TypeMention};
use crate::reader::type_expr::{Primitive, TypeExpr, TypeShape};

/// A relative link points to a page that is not in the docs folder.
pub const BROKEN_LINK: Rule = Rule {
    id: "link/broken",
    severity: Severity::Warning,
    summary: "a relative link points to a page that is absent from the docs folder",
};
/// A link resolves only when compared case-insensitively.
pub const LINK_CASE: Rule = Rule {
    id: "link/case-mismatch",
    severity: Severity::Note,
    summary: "a link's target exists only with different letter case",
};
/// A type name could not be resolved.
pub const UNRESOLVED_TYPE: Rule = Rule {
    id: "type/unresolved",
    severity: Severity::Warning,
    summary: "a type name resolves to no type defined in the docs; the value is kept as untyped JSON",
};
/// A type name resolves only case-insensitively.
pub const TYPE_CASE: Rule = Rule {
    id: "type/case-mismatch",
    severity: Severity::Warning,
    summary: "a type is named with different letter case than its definition",
};
/// The base type claims on a page disagree.
pub const BASE_CONFLICT: Rule = Rule {
    id: "type/base-conflict",
    severity: Severity::Warning,
    summary: "the annotation, the intro sentence or the rows name different base types",
};
/// An example request matches none of the page's request syntax lines.
pub const PATH_MISMATCH: Rule = Rule {
    id: "example/path-mismatch",
    severity: Severity::Error,
    summary: "an example request's method and path match no line of the page's HTTP request syntax",
};
/// An example request uses a version segment other than `v1.0` or `beta`.
pub const UNKNOWN_VERSION: Rule = Rule {
    id: "example/unknown-version",
    severity: Severity::Warning,
    summary: "an example request URL uses a version segment other than `v1.0` or `beta`",
};
/// The documented status and the example's status differ.
pub const STATUS_MISMATCH: Rule = Rule {
    id: "example/status-mismatch",
    severity: Severity::Warning,
    summary: "the Response section's status code differs from the example response's",
};

/// A type is known only from a request-body table.
pub const FROM_BODY_TABLE: Rule = Rule {
    id: "type/from-request-body",
    severity: Severity::Note,
    summary: "no page defines a type the request body names; its model comes from the body table",
};

/// An example body whose type the docs do not name (or name as a type no page defines).
pub const UNTYPED_BODY: Rule = Rule {
    id: "example/untyped-body",
    severity: Severity::Warning,
    summary: "an example JSON body has no documented type to check it against",
};

/// Rules reported by this module.
pub const RULES: &[&Rule] = &[
    &UNTYPED_BODY,
    &FROM_BODY_TABLE,
    &BROKEN_LINK,
    &LINK_CASE,
    &UNRESOLVED_TYPE,
    &TYPE_CASE,
    &BASE_CONFLICT,
    &PATH_MISMATCH,
    &UNKNOWN_VERSION,
    &STATUS_MISMATCH,
];

const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// The pages (and their facts) that define one type.
type Definitions<'a> = Vec<(&'a Page, &'a TypeFacts)>;

/// What [`build_api`] needs: the pages of one version.
pub struct BuildInput<'a> {
    /// Version label.
    pub version: &'a str,
    /// Every page of the version, read.
    pub pages: &'a [Page],
}

/// Per-file diagnostic sinks for findings that span pages.
#[derive(Default)]
struct Sinks(HashMap<Arc<str>, Diagnostics>);

impl Sinks {
    fn at(&mut self, file: &Arc<str>) -> &mut Diagnostics {
        self.0.entry(file.clone()).or_insert_with(|| Diagnostics::for_file(file.clone()))
    }
    fn into_vec(self) -> Vec<Diagnostic> {
        self.0.into_values().flat_map(Diagnostics::into_vec).collect()
    }
}

/// Resolve the pages of one version into an [`Api`], with the cross-page diagnostics.
pub fn build_api(input: &BuildInput<'_>) -> (Api, Vec<Diagnostic>) {
    let mut sinks = Sinks::default();
    // 1. Merge type facts by qualified name; register every defining page. Types that only
    //    an api page's request-body table documents (no resource page) are synthesized.
    //    The page-path index for the link checks is built meanwhile on the other core.
    let (files, (mut symbols, mut defined)) = rayon::join(
        || PageFiles::new(input.pages),
        || {
            let mut symbols = SymbolTable::with_capacity(input.pages.iter().map(|p| p.types.len()).sum());
            let mut defined = Vec::new();
            for page in input.pages {
                for facts in &page.types {
                    if let Some(names) = register(&mut symbols, page, facts) {
                        defined.push((page, facts, names));
                    }
                }
            }
            (symbols, defined)
        },
    );
    let synthesized = body_table_types(input.pages, &symbols, &mut sinks);
    let action_bodies: BTreeMap<Arc<str>, TypeKey> = synthesized
        .iter()
        .filter(|(page, _)| page.body_type.is_none())
        .filter_map(|(page, facts)| Some((page.file.clone(), defined_name(page, facts)?.0)))
        .collect();
    for (page, facts) in &synthesized {
        if let Some(names) = register(&mut symbols, page, facts) {
            defined.push((page, facts, names));
        }
    }
    let mut types: BTreeMap<TypeKey, (TypeDef, Definitions<'_>)> = BTreeMap::new();
    for (page, facts, (key, namespace, name)) in defined {
        let entry = types.entry(key).or_insert_with(|| {
            (
                TypeDef {
                    name,
                    namespace,
                    kind: match facts.kind {
                        TypeFactsKind::Structure => TypeKind::Structure,
                        TypeFactsKind::Enum => TypeKind::Enum,
                    },
                    base: None,
                    properties: Vec::new(),
                    members: Vec::new(),
                    description: facts.description.clone(),
                    open_type: false,
                    is_abstract: false,
                    workload: workload_of(page),
                    sources: Vec::new(),
                },
                Vec::new(),
            )
        });
        entry.0.sources.push(Source { file: page.file.clone(), line: facts.line });
        entry.0.open_type |= facts.open_type == Some(true);
        entry.0.is_abstract |= facts.is_abstract == Some(true);
        if entry.0.description.is_empty() {
            entry.0.description = facts.description.clone();
        }
        entry.1.push((page, facts));
    }

    // 2. Resolve properties, members and bases now that every name is known. Types are
    //    independent here: resolve them on all cores, keeping key order.
    let resolver = Resolver { symbols: &symbols };
    let resolved: Vec<(TypeKey, TypeDef, Vec<Diagnostic>)> = types
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(key, (def, facts_list))| {
            let mut diagnostics = Vec::new();
            let def = resolve_type(&key, def, &facts_list, &resolver, &mut diagnostics);
            (key, def, diagnostics)
        })
        .collect();
    let mut diagnostics: Vec<Diagnostic> = sinks.into_vec();
    let mut resolved_types = BTreeMap::new();
    for (key, def, more) in resolved {
        diagnostics.extend(more);
        resolved_types.insert(key, def);
    }
    drop_inherited_duplicates(&mut resolved_types);
    let mut api = Api { version: input.version.to_string(), types: resolved_types, operations: Vec::new(), examples: Vec::new() };

    // 3. Per page, in parallel: links must land on a page of the docs folder; api pages
    //    yield operations and examples, each example checked against its type right away.
    //    Page order is kept, and the diagnostics are sorted at the end, so the result does
    //    not depend on scheduling.
    let checker = Checker::new(&api);
    let per_page: Vec<(Vec<Operation>, Vec<ExampleBody>, Vec<Diagnostic>)> = input
        .pages
        .par_iter()
        .map(|page| {
            let mut sink = Diagnostics::for_file(page.file.clone());
            files.check_links(page, &mut sink);
            let mut operations = Vec::new();
            let mut examples = Vec::new();
            if page.kind == PageKind::Api {
                build_operations(page, &resolver, &api.types, &action_bodies, &mut sink, &mut operations, &mut examples);
            }
            examples.extend(representations(page, &resolver, &api.types));
            let mut diagnostics = sink.into_vec();
            for example in &mut examples {
                diagnostics.extend(checker.check(example));
            }
            (operations, examples, diagnostics)
        })
        .collect();
    drop(checker);
    let mut operations = Vec::with_capacity(per_page.iter().map(|p| p.0.len()).sum());
    let mut examples = Vec::with_capacity(per_page.iter().map(|p| p.1.len()).sum());
    for (ops, exs, more) in per_page {
        operations.extend(ops);
        examples.extend(exs);
        diagnostics.extend(more);
    }
    operations.sort_by(|a, b| a.id.cmp(&b.id));
    api.operations = operations;
    api.examples = examples;
    diagnostics.sort();
    (api, diagnostics)
}

/// Resolve one merged type: properties (first definition of a name wins), members and base.
fn resolve_type(key: &str, mut def: TypeDef, facts_list: &Definitions<'_>, resolver: &Resolver<'_>, out: &mut Vec<Diagnostic>) -> TypeDef {
    let mut seen: HashSet<&str> = HashSet::default();
    let mut members: HashSet<&str> = HashSet::default();
    let mut base_claims: Vec<(BaseSource, Resolved, &Page, &TypeMention)> = Vec::new();
    for (page, facts) in facts_list {
        let mut sink = Diagnostics::for_file(page.file.clone());
        for p in &facts.properties {
            if !seen.insert(&p.name) {
                continue;
            }
            let ty = resolver.property_type(&p.type_expr, page, &def.namespace, p.line, &mut sink);
            def.properties.push(Property {
                name: p.name.clone(),
                written_type: p.type_expr.written.clone(),
                ty,
                collection: p.type_expr.collection,
                description: p.description.clone(),
                read_only: p.flags.read_only,
                relationship: p.relationship,
                possible_values: p.flags.possible_values.clone(),
                source: Source { file: page.file.clone(), line: p.line },
            });
        }
        for m in &facts.members {
            if members.insert(&m.name) {
                def.members.push(Member { name: m.name.clone(), value: m.value, description: m.description.clone() });
            }
        }
        for claim in &facts.bases {
            match resolver.mention(&claim.mention, page, &def.namespace) {
                Some(r) if r.key != key => base_claims.push((claim.source, r, page, &claim.mention)),
                Some(_) => {}
                None => sink.report(
                    &UNRESOLVED_TYPE,
                    claim.mention.line,
                    1,
                    format!("base type `{}` of `{}` is not defined in the docs", claim.mention.name, def.name),
                ),
            }
        }
        out.extend(sink.into_vec());
    }
    def.base = choose_base(&base_claims, out);
    def
}

/// The pages of the docs folder, for checking where links land.
struct PageFiles<'a> {
    files: HashSet<&'a str>,
    /// Lower-case path → the path (the last in sorted order, when several differ in case).
    lower: HashMap<String, &'a str>,
    /// Lower-case folders that hold pages.
    dirs: HashSet<String>,
}

impl<'a> PageFiles<'a> {
    fn new(pages: &'a [Page]) -> Self {
        let mut sorted: Vec<&str> = pages.iter().map(|p| &*p.file).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let lower = sorted.iter().map(|f| (f.to_ascii_lowercase(), *f)).collect();
        let dirs = sorted.iter().filter_map(|f| f.rsplit_once('/').map(|(d, _)| d.to_ascii_lowercase())).collect();
        PageFiles { files: sorted.into_iter().collect(), lower, dirs }
    }

    /// Every relative link must land on a page of the docs folder.
    fn check_links(&self, page: &Page, sink: &mut Diagnostics) {
        for link in &page.links {
            let Some(target) = link.dest.split('#').next().filter(|p| p.ends_with(".md")) else { continue };
            let Some(joined) = join_relative(&page.file, target) else { continue };
            if self.files.contains(joined.as_str()) {
                continue;
            }
            let lower = joined.to_ascii_lowercase();
            if let Some(actual) = self.lower.get(&lower) {
                sink.report(&LINK_CASE, link.line, 1, format!("link `{}` matches `{actual}` only case-insensitively", link.dest));
            } else if lower.rsplit_once('/').is_some_and(|(d, _)| self.dirs.contains(d)) {
                sink.report(&BROKEN_LINK, link.line, 1, format!("link `{}` points to `{joined}`, which is not in the docs folder", link.dest));
            }
        }
    }
}

/// Types named by an api page's request-body sentence that no page defines, built from the
/// page's request-body table (a draft page alone still yields its model).
fn body_table_types<'a>(pages: &'a [Page], defined: &SymbolTable, sinks: &mut Sinks) -> Vec<(&'a Page, TypeFacts)> {
    let mut out: Vec<(&Page, TypeFacts)> = Vec::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    for page in pages.iter().filter(|p| p.kind == PageKind::Api && !p.body_properties.is_empty()) {
        let Some(mention) = &page.body_type else {
            // An action's parameters table: the body is an object of these parameters.
            if let Some(name) = action_body_name(page, defined, &mut used) {
                let line = page.body_properties[0].line;
                let mut facts = TypeFacts::new(line, &name, TypeFactsKind::Structure, page.namespace.clone());
                facts.properties = page.body_properties.clone();
                facts.description = format!("Request body of `{}`: the parameters its table documents.", page.file);
                out.push((page, facts));
            }
            continue;
        };
        let known = mention.link.as_deref().and_then(|l| defined.resolve_link(&page.file, l)).is_some()
            || defined.resolve_name(&mention.name, page.namespace.as_deref().unwrap_or(DEFAULT_NAMESPACE)).is_some()
            || out.iter().any(|(_, t)| t.name.eq_ignore_ascii_case(&mention.name));
        if known || mention.name.contains(' ') || mention.name.is_empty() {
            continue;
        }
        sinks.at(&page.file).report(
            &FROM_BODY_TABLE,
            mention.line,
            1,
            format!("no page defines `{}`; its model is built from this page's request-body table", mention.name),
        );
        out.push((
            page,
            TypeFacts {
                properties: page.body_properties.clone(),
                ..TypeFacts::new(mention.line, &mention.name, TypeFactsKind::Structure, page.namespace.clone())
            },
        ));
    }
    out
}

/// `assignLicenseRequestBody` for an action page whose request body is a parameters table:
/// named after the path's last segment, numbered when several pages share the action name.
fn action_body_name(page: &Page, defined: &SymbolTable, used: &mut BTreeSet<String>) -> Option<String> {
    // Only actions: PATCH and PUT tables describe the entity being updated, not a new type.
    let op = page.operations.first().filter(|o| o.method == "POST")?;
    let path = &op.paths.first()?.value;
    let action = path.segments.iter().rev().find_map(|s| match s {
        Segment::Literal(l) => Some(l.clone()),
        Segment::Cast(c) => Some(c.rsplit('.').next().unwrap_or(c).to_string()),
        Segment::KeyPredicate { name, .. } => Some(name.rsplit('.').next().unwrap_or(name).to_string()),
        _ => None,
    })?;
    let action: String = action.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if action.is_empty() {
        return None;
    }
    let base = format!("{action}RequestBody");
    let namespace = page.namespace.as_deref().unwrap_or(DEFAULT_NAMESPACE);
    let mut candidate = base.clone();
    let mut n = 1;
    while used.contains(&candidate.to_ascii_lowercase()) || defined.resolve_name(&candidate, namespace).is_some() {
        n += 1;
        candidate = format!("{base}{n}");
    }
    used.insert(candidate.to_ascii_lowercase());
    Some(candidate)
}

/// Register a type a page defines; returns its key, namespace and short name (`None` for
/// an empty name). Registering the same definition twice changes nothing.
fn register(symbols: &mut SymbolTable, page: &Page, facts: &TypeFacts) -> Option<(TypeKey, String, String)> {
    let (key, namespace, name) = defined_name(page, facts)?;
    symbols.insert(&key, &format!("{namespace}.{name}"), &name, &page.file);
    Some((key, namespace, name))
}

/// The key, namespace and short name of a type a page defines; `None` when it has no name.
fn defined_name(page: &Page, facts: &TypeFacts) -> Option<(TypeKey, String, String)> {
    let (namespace, name) = qualify(&facts.name, facts.namespace.as_deref().or(page.namespace.as_deref()));
    if name.is_empty() {
        return None;
    }
    Some((format!("{namespace}.{name}").to_ascii_lowercase(), namespace, name))
}

/// Split a written name into (namespace, short name). `#` and `Collection(...)` are stripped.
fn qualify(name: &str, page_namespace: Option<&str>) -> (String, String) {
    let name = name.trim().trim_start_matches('#');
    if starts_with_ignore_case(name, "microsoft.graph.") {
        let (ns, short) = name.rsplit_once('.').unwrap_or((DEFAULT_NAMESPACE, name));
        return (canonical_namespace(ns), short.to_string());
    }
    let ns = page_namespace.filter(|n| starts_with_ignore_case(n, DEFAULT_NAMESPACE)).unwrap_or(DEFAULT_NAMESPACE);
    (canonical_namespace(ns), name.to_string())
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `microsoft.graph.` → `microsoft.graph`; keeps sub-namespaces as written.
fn canonical_namespace(ns: &str) -> String {
    let ns = ns.trim().trim_end_matches('.');
    if ns.eq_ignore_ascii_case(DEFAULT_NAMESPACE) {
        DEFAULT_NAMESPACE.to_string()
    } else {
        ns.to_string()
    }
}

/// The page's product area: `ms.prod`, else the `intune-` file prefix, else `common`.
fn workload_of(page: &Page) -> String {
    let prod = page.front_matter.get("ms.prod").unwrap_or("");
    let stem = page.file.rsplit('/').next().unwrap_or("");
    let raw = if !prod.is_empty() {
        prod
    } else if stem.starts_with("intune-") {
        "intune"
    } else {
        "common"
    };
    let slug: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    slug.trim_matches('_').to_string()
}

/// Pick the base type: the annotation, unless it says `entity` while the prose names a more
/// specific parent (corpus guide §9.2: the prose is right in those cases).
fn choose_base(claims: &[(BaseSource, Resolved, &Page, &TypeMention)], out: &mut Vec<Diagnostic>) -> Option<TypeKey> {
    let annotation = claims.iter().find(|c| c.0 == BaseSource::Annotation);
    let prose = claims.iter().find(|c| c.0 == BaseSource::Prose);
    let rows = claims.iter().find(|c| c.0 == BaseSource::InheritedRows);
    let chosen = match (annotation, prose) {
        (Some(a), Some(p)) if a.1.key != p.1.key => {
            let mut sink = Diagnostics::for_file(a.2.file.clone());
            sink.report(
                &BASE_CONFLICT,
                a.3.line,
                1,
                format!("annotation says base `{}` but line {} says `{}`", a.3.name, p.3.line, p.3.name),
            );
            out.extend(sink.into_vec());
            if a.1.key.ends_with(".entity") { p } else { a }
        }
        (Some(a), _) => a,
        (None, Some(p)) => p,
        (None, None) => rows?,
    };
    Some(chosen.1.key.clone())
}

/// Derived pages repeat inherited rows (`Inherited from [entity]`); keep each property on the
/// type that introduces it.
fn drop_inherited_duplicates(types: &mut BTreeMap<TypeKey, TypeDef>) {
    let keys: Vec<TypeKey> = types.keys().cloned().collect();
    let mut lower = String::new();
    for key in keys {
        let inherited: HashSet<String> = super::ancestors(types, &key)
            .into_iter()
            .filter_map(|base| types.get(base))
            .flat_map(|def| def.properties.iter().map(|p| p.name.to_ascii_lowercase()))
            .collect();
        if inherited.is_empty() {
            continue;
        }
        if let Some(def) = types.get_mut(&key) {
            def.properties.retain(|p| {
                lower.clear();
                lower.push_str(&p.name);
                lower.make_ascii_lowercase();
                !inherited.contains(&lower)
            });
        }
    }
}

struct Resolver<'a> {
    symbols: &'a SymbolTable,
}

impl Resolver<'_> {
    /// Resolve a mention: the link first (by what the target page defines), then the name.
    fn mention(&self, mention: &TypeMention, page: &Page, namespace: &str) -> Option<Resolved> {
        self.name_or_link(&mention.name, mention.link.as_deref(), page, namespace)
    }

    fn name_or_link(&self, name: &str, link: Option<&str>, page: &Page, namespace: &str) -> Option<Resolved> {
        if let Some(link) = link {
            if let Some(r) = self.symbols.resolve_link(&page.file, link) {
                return Some(r);
            }
        }
        self.symbols.resolve_name(name, namespace)
    }

    fn named(&self, name: &str, link: Option<&str>, page: &Page, namespace: &str, line: u32, sink: &mut Diagnostics) -> TypeRef {
        match self.name_or_link(name, link, page, namespace) {
            Some(r) => {
                if !r.exact_case && link.is_none() {
                    let defined = self.symbols.defined_name(&r.key).unwrap_or(&r.key);
                    sink.report(&TYPE_CASE, line, 1, format!("type `{name}` is defined as `{defined}`"));
                }
                TypeRef::Named { key: r.key }
            }
            None => {
                sink.report(&UNRESOLVED_TYPE, line, 1, format!("type `{name}` is not defined in the docs"));
                TypeRef::Json
            }
        }
    }

    fn property_type(&self, expr: &TypeExpr, page: &Page, namespace: &str, line: u32, sink: &mut Diagnostics) -> TypeRef {
        match &expr.shape {
            TypeShape::Primitive(p) => TypeRef::Primitive { primitive: *p },
            TypeShape::Named { name, link, .. } => self.named(name, link.as_deref(), page, namespace, line, sink),
            _ => TypeRef::Json,
        }
    }
}

/// Unwrap `Collection(x)` from an annotation's `@odata.type`.
fn collection_of(odata_type: &str) -> (String, bool) {
    let t = odata_type.trim();
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("collection(") && t.ends_with(')') {
        (t["collection(".len()..t.len() - 1].to_string(), true)
    } else {
        (t.to_string(), false)
    }
}

fn build_operations(
    page: &Page,
    resolver: &Resolver<'_>,
    types: &BTreeMap<TypeKey, TypeDef>,
    action_bodies: &BTreeMap<Arc<str>, TypeKey>,
    sink: &mut Diagnostics,
    operations: &mut Vec<Operation>,
    examples: &mut Vec<ExampleBody>,
) {
    let namespace = page.namespace.clone().unwrap_or_else(|| DEFAULT_NAMESPACE.to_string());
    let page_id = page.file.trim_end_matches(".md").to_string();

    let request_body = match &page.body_type {
        Some(m) => Some(Payload { ty: resolver.named(&m.name, m.link.as_deref(), page, &namespace, m.line, sink), collection: false }),
        // A parameters table without a type sentence was synthesized as this page's body type.
        None => action_bodies.get(&page.file).map(|key| Payload { ty: TypeRef::Named { key: key.clone() }, collection: false }),
    };
    // An update page rarely says what its body is: it is (part of) the entity the page is
    // about, the first resource the page links to.
    let request_body = request_body.or_else(|| {
        if !page.operations.iter().any(|o| matches!(o.method.as_str(), "PATCH" | "PUT")) {
            return None;
        }
        let subject = page.links.iter().filter(|l| l.dest.contains("resources/") || !l.dest.contains('/')).find_map(|l| {
            let r = resolver.symbols.resolve_link(&page.file, &l.dest)?;
            (types.get(&r.key)?.kind == TypeKind::Structure).then_some(r.key)
        });
        subject.map(|key| Payload { ty: TypeRef::Named { key }, collection: false })
    });
    let response = page.response_type.as_ref().map(|(m, collection)| Payload {
        ty: resolver.named(&m.name, m.link.as_deref(), page, &namespace, m.line, sink),
        collection: *collection,
    });
    // Types the page names in words rather than links. A primitive result travels as
    // `{"value": …}`, so it types the examples only, not the request function.
    let prose = body_types::prose_response(page, resolver.symbols, types, &namespace);
    let prose_primitive = prose.clone().filter(|p| matches!(p.ty, TypeRef::Primitive { .. }));
    let response = response.or(prose.filter(|p| !matches!(p.ty, TypeRef::Primitive { .. })));
    let request_body = request_body
        .or_else(|| body_types::prose_request(page, resolver.symbols, types, &namespace))
        .or_else(|| body_types::update_from_response(page, response.as_ref(), types))
        .or_else(|| body_types::create_from_response(page, response.as_ref(), types));

    // Version segments and syntax agreement of every example request.
    let mut example_paths: Vec<(&str, &PathTemplate, bool)> = Vec::new();
    for ex in page.examples.iter().filter(|e| !e.notification) {
        let Some(req) = &ex.request else { continue };
        let line = req.message.line;
        if let Some(version) = &req.message.target.version {
            if version != "v1.0" && version != "beta" {
                sink.report(&UNKNOWN_VERSION, line, 1, format!("example URL uses version segment `{version}`; expected `v1.0` or `beta`"));
            }
        }
        let has_ref_body = req.json.as_ref().is_some_and(|j| j.value.get("@odata.id").is_some());
        example_paths.push((&req.message.method, &req.message.target.path, has_ref_body));
        let syntax: Vec<&PathTemplate> = page
            .operations
            .iter()
            .filter(|o| !o.from_example)
            .flat_map(|o| o.paths.iter().filter(move |_| o.method == req.message.method).map(|p| &p.value))
            .collect();
        let any_syntax = page.operations.iter().any(|o| !o.from_example);
        if any_syntax && req.message.target.is_graph() && !syntax.iter().any(|p| p.admits(&req.message.target.path)) {
            let documented: Vec<String> = page
                .operations
                .iter()
                .flat_map(|o| o.paths.iter().map(move |p| format!("{} {}", o.method, p.value.text)))
                .collect();
            sink.report(
                &PATH_MISMATCH,
                line,
                1,
                format!(
                    "example `{} {}` matches no request syntax line ({})",
                    req.message.method,
                    req.message.target.path.text,
                    documented.join(", ")
                ),
            );
        }
    }

    let multiple = page.operations.len() > 1;
    for op in &page.operations {
        let Some(first) = op.paths.first() else { continue };
        let mut path = first.value.clone();
        // A `$ref` line with an entity body is a draft error: `$ref` posts take `@odata.id`.
        // When the example posts the entity to the same path without `$ref`, trust the example.
        if matches!(path.segments.last(), Some(Segment::Ref)) && matches!(op.method.as_str(), "POST" | "PUT") {
            let without_ref = path.without_last_segment();
            if example_paths.iter().any(|(m, p, ref_body)| *m == op.method && !ref_body && p.matches(&without_ref)) {
                path = without_ref;
            }
        }
        let documented_status = page.response_status.as_ref().map(|s| s.value);
        let example_status = page
            .examples
            .iter()
            .filter(|e| e.request.as_ref().is_none_or(|r| r.message.method == op.method))
            .find_map(|e| e.response.as_ref())
            .map(|r| (r.message.status, r.message.line));
        // The prose may name several codes (`302` for CSV, `200` for JSON): the example's
        // must be one of them.
        let documented_all: Vec<u16> = page.response_statuses.iter().map(|s| s.value).collect();
        if let (Some(doc), Some((ex, line))) = (documented_status, example_status) {
            if doc != ex && !documented_all.contains(&ex) {
                sink.report(&STATUS_MISMATCH, line, 1, format!("Response section says {doc}, example says {ex}"));
            }
        }
        let success_status = documented_status.or(example_status.map(|s| s.0)).unwrap_or(match op.method.as_str() {
            "POST" => 201,
            "DELETE" => 204,
            _ => 200,
        });
        let response = if success_status == 204 { None } else { response.clone() };
        let workload = operation_workload(page, request_body.as_ref().or(response.as_ref()), types);
        let op_request_body = if matches!(op.method.as_str(), "GET" | "DELETE") {
            None
        } else {
            request_body.clone().or_else(|| body_types::reference_body(&op.method, &path))
        };
        operations.push(Operation {
            id: if multiple { format!("{page_id}-{}", op.method.to_ascii_lowercase()) } else { page_id.clone() },
            title: page.title.as_ref().map(|t| t.value.clone()).unwrap_or_default(),
            description: page.summary.clone(),
            method: op.method.clone(),
            path,
            alternate_paths: op.paths.iter().skip(1).map(|p| p.value.clone()).collect(),
            permissions: page.permissions.iter().map(|p| Permission { kind: p.kind.clone(), scopes: p.scopes.clone() }).collect(),
            request_body: op_request_body,
            success_status,
            response,
            workload,
            source: Source { file: page.file.clone(), line: first.line },
        });
    }

    // Example bodies, bound to their types.
    let op_for = |method: &str| -> Option<&Operation> {
        operations.iter().rev().take_while(|o| o.source.file == page.file).find(|o| o.method == method)
    };
    let mut bodies = Vec::new();
    for ex in page.examples.iter().filter(|e| !e.notification) {
        let method = ex.request.as_ref().map(|r| r.message.method.clone()).unwrap_or_default();
        let op = op_for(&method);
        if let Some(req) = &ex.request {
            if let Some(json) = &req.json {
                let declared = op
                    .and_then(|o| o.request_body.clone())
                    .or_else(|| body_types::reference_example(&req.message.method, &req.message.target.path, &json.value));
                if let Some(payload) = body_payload(&json.value, declared, resolver, &namespace, false) {
                    bodies.push(ExampleBody {
                        operation: op.map(|o| o.id.clone()),
                        role: ExampleRole::Request,
                        payload,
                        json: SharedJson::whole(&json.value),
                        raw: req.message.body.as_ref().map_or_else(|| Arc::from(""), |b| Arc::from(b.text.as_str())),
                        source: Source { file: page.file.clone(), line: json.line },
                        doc_errors: Vec::new(),
                    });
                } else {
                    sink.report(&UNTYPED_BODY, json.line, 1, "the docs name no type for this request body; it is not checked");
                }
            }
        }
        for resp in ex.response.iter().chain(&ex.more_responses) {
            let Some(json) = &resp.json else { continue };
            let annotated = resp.annotation.as_ref().and_then(|a| a.odata_type.as_deref()).and_then(|t| {
                let (name, collection) = collection_of(t);
                // A primitive the annotation names must be one a body can be checked against.
                let ty = match Primitive::from_spelling(name.trim_start_matches("Edm.")) {
                    Some(p) => Some(TypeRef::Primitive { primitive: body_types::json_primitive(p)? }),
                    None => None,
                }
                .or_else(|| {
                    let r = resolver.symbols.resolve_name(&name, &namespace)?;
                    if !r.exact_case {
                        let line = resp.annotation.as_ref().map_or(json.line, |a| a.odata_type_line);
                        let defined = resolver.symbols.defined_name(&r.key).unwrap_or(&r.key);
                        sink.report(&TYPE_CASE, line, 1, format!("response annotation names `{name}`; the type is defined as `{defined}`"));
                    }
                    Some(TypeRef::Named { key: r.key })
                })?;
                let is_collection = collection || resp.annotation.as_ref().and_then(|a| a.is_collection).unwrap_or(false);
                Some(Payload { ty, collection: is_collection })
            });
            // The operation's response type describes its success body only (not the error
            // body of a documented `400`, nor the redirect of a `302`).
            let success = (200..300).contains(&resp.message.status);
            let declared = annotated
                .or_else(|| op.filter(|_| success).and_then(|o| o.response.clone()))
                .or_else(|| prose_primitive.clone().filter(|_| success && op.is_some_and(|o| o.success_status != 204)))
                .or_else(|| body_types::error_example(resp.message.status, &json.value));
            let (mut value, collection_shape) = unwrap_value(&json.value);
            // OData wraps a function's primitive or enum result as `{"value": <primitive>}`.
            let scalar = match &declared {
                Some(Payload { ty: TypeRef::Primitive { .. }, .. }) => true,
                Some(Payload { ty: TypeRef::Named { key }, .. }) => types.get(key).is_some_and(|t| t.kind == TypeKind::Enum),
                _ => false,
            };
            if !collection_shape && scalar {
                if let Some(inner) = value.get("value").filter(|_| is_envelope(value)) {
                    value = inner;
                }
            }
            if let Some(mut payload) = body_payload(value, declared, resolver, &namespace, collection_shape) {
                payload.collection = collection_shape;
                bodies.push(ExampleBody {
                    operation: op.map(|o| o.id.clone()),
                    role: ExampleRole::Response,
                    payload,
                    json: shared_part(&json.value, value),
                    raw: resp.message.body.as_ref().map_or_else(|| Arc::from(""), |b| Arc::from(b.text.as_str())),
                    source: Source { file: page.file.clone(), line: json.line },
                    doc_errors: Vec::new(),
                });
            } else {
                sink.report(&UNTYPED_BODY, json.line, 1, "the docs name no type for this response body; it is not checked");
            }
        }
    }
    examples.extend(bodies);
}

/// The JSON representations of the structures a page defines, bound to their type (or to
/// the type their own `@odata.type` names), to be checked like any example body. Most write
/// type names where values belong (`"String (timestamp)"`): those fail on a named doc error.
fn representations(page: &Page, resolver: &Resolver<'_>, types: &BTreeMap<TypeKey, TypeDef>) -> Vec<ExampleBody> {
    let namespace = page.namespace.as_deref().unwrap_or(DEFAULT_NAMESPACE);
    page.types
        .iter()
        .filter_map(|facts| {
            let json = facts.json_representation.as_ref()?;
            let (key, _, _) = defined_name(page, facts)?;
            if types.get(&key)?.kind != TypeKind::Structure {
                return None;
            }
            let declared = Some(Payload { ty: TypeRef::Named { key }, collection: false });
            let payload = body_payload(&json.value, declared, resolver, namespace, false)?;
            Some(ExampleBody {
                operation: None,
                role: ExampleRole::Representation,
                payload,
                json: SharedJson::whole(&json.value),
                raw: facts.json_representation_text.clone(),
                source: Source { file: page.file.clone(), line: json.line },
                doc_errors: Vec::new(),
            })
        })
        .collect()
}

/// `part` of `body` (the body itself or its `value` member) as a handle on the page's body.
fn shared_part(body: &Arc<Value>, part: &Value) -> SharedJson {
    if std::ptr::eq(part, &**body) {
        SharedJson::whole(body)
    } else if body.get("value").is_some_and(|inner| std::ptr::eq(part, inner)) {
        SharedJson::value_member(body)
    } else {
        // Deeper than `value` (a scalar result inside a `{"value": {...}}` wrapper): a copy.
        SharedJson::from(part.clone())
    }
}

/// `{"value": [...]}` is a collection; `{"value": {...}}` is the intune way of showing one
/// entity (real Graph returns it at the top level), so the inner object is what is checked.
/// Returns the value to type-check and whether it is a collection.
fn unwrap_value(json: &Value) -> (&Value, bool) {
    let envelope = is_envelope(json);
    match json.get("value") {
        Some(Value::Array(_)) if envelope => (json, true),
        Some(inner @ Value::Object(_)) if envelope => (inner, false),
        _ => (json, false),
    }
}

/// An object holding only `value` and instance annotations (`@odata.context`, …).
fn is_envelope(json: &Value) -> bool {
    json.as_object().is_some_and(|o| o.contains_key("value") && o.keys().all(|k| k == "value" || k.starts_with('@')))
}

/// The payload type of a body: its own `@odata.type` when that resolves, else the declared one.
fn body_payload(json: &Value, declared: Option<Payload>, resolver: &Resolver<'_>, namespace: &str, collection: bool) -> Option<Payload> {
    let own = if collection { None } else { json.get("@odata.type").and_then(Value::as_str) };
    if let Some(own) = own.and_then(|t| resolver.symbols.resolve_name(t, namespace)) {
        return Some(Payload { ty: TypeRef::Named { key: own.key }, collection });
    }
    declared.filter(|d| d.ty != TypeRef::Json)
}

fn operation_workload(page: &Page, payload: Option<&Payload>, types: &BTreeMap<TypeKey, TypeDef>) -> String {
    if let Some(Payload { ty: TypeRef::Named { key }, .. }) = payload {
        if let Some(def) = types.get(key) {
            return def.workload.clone();
        }
    }
    workload_of(page)
}

#[cfg(test)]
mod shared_json_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_part_of_a_body_is_shared_when_it_is_the_body_or_its_value_member() {
        let body = Arc::new(json!({"value": {"value": true, "@odata.type": "x"}}));
        let whole = shared_part(&body, &body);
        let member = shared_part(&body, &body["value"]);
        let deeper = shared_part(&body, &body["value"]["value"]);
        assert_eq!((&*whole, &*member, &*deeper), (&*body, &body["value"], &json!(true)));
        // The first two hold the page's body; the third is a copy.
        assert_eq!(Arc::strong_count(&body), 3);
        // Serialized, each is the value it stands for.
        assert_eq!(serde_json::to_value(&member).unwrap(), body["value"]);
    }
}

#[cfg(test)]
mod representation_tests {
    use super::*;
    use crate::reader::page::read_page;

    fn gadget(representation: &str) -> String {
        format!(
            "---\ntitle: \"gadget resource type\"\ndoc_type: resourcePageType\n---\n\n# gadget resource type\n\nNamespace: microsoft.graph\n\nA gadget.\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n|madeDateTime|DateTimeOffset|When it was made.|\n\n## JSON representation\n\n```json\n{representation}\n```\n"
        )
    }

    fn build(page: &str) -> (Api, Vec<Diagnostic>) {
        let mut diags = Diagnostics::for_file("resources/gadget.md");
        let pages = vec![read_page("resources/gadget.md", page, &mut diags)];
        build_api(&BuildInput { version: "v1.0", pages: &pages })
    }

    #[test]
    fn a_json_representation_is_checked_as_a_sample_of_its_type() {
        let (api, diags) = build(&gadget("{\n  \"id\": \"String\",\n  \"madeDateTime\": \"2024-01-02T03:04:05Z\"\n}"));
        let sample = api.examples.iter().find(|e| e.role == ExampleRole::Representation).expect("the representation is checked");
        assert_eq!(sample.payload.ty, TypeRef::Named { key: "microsoft.graph.gadget".into() });
        assert!(sample.doc_errors.is_empty(), "{:?}", sample.doc_errors);
        assert!(!diags.iter().any(|d| d.rule.starts_with("example/")), "{diags:?}");
    }

    #[test]
    fn a_type_name_where_a_timestamp_belongs_is_a_doc_error_on_its_line() {
        let (api, diags) = build(&gadget("{\n  \"id\": \"String\",\n  \"madeDateTime\": \"String (timestamp)\"\n}"));
        let sample = api.examples.iter().find(|e| e.role == ExampleRole::Representation).expect("the representation is checked");
        assert_eq!(sample.doc_errors, vec!["example/placeholder-value"]);
        let finding = diags.iter().find(|d| d.rule == "example/placeholder-value").expect("a placeholder finding");
        assert_eq!(finding.line, sample.source.line + 2, "reported on the property's own line");
    }
}
