//! Corpus measurement for the Type column grammar and the HTTP fence reader.
//!
//! Ignored by default: it reads the Graph docs corpus at run time.
//!
//! ```sh
//! DOCGEN_CORPUS=/path/to/graph-docs cargo test -p docgen --test reader_grammar_corpus -- --ignored --nocapture
//! ```
//!
//! Without `DOCGEN_CORPUS` it looks for `../shared/graph-docs` relative to the workspace
//! root and prints `SKIPPED: corpus not found` when that is absent. Extra listings:
//! `DOCGEN_SHOW_UNMATCHED=1` (example requests matching no syntax line of their page),
//! `DOCGEN_SHOW_NAMED=1` (plain-text named types in Type cells). The scanner here is
//! deliberately simple (line-based fences, comments and tables); it only feeds the
//! grammars and reports figures.

mod common;

use std::collections::BTreeMap;

use docgen::reader::http::{parse_http_fence, BodyKind, HttpMessage, PathTemplate, Segment};
use docgen::reader::type_expr::{description_flags, parse_type_cell, TypeShape};



struct Fence {
    info: String,
    /// 0-based line of the opener in the page.
    line: usize,
    content: String,
    /// Text of the last H2/H3 heading before the fence.
    section: String,
}

struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn split_row(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut prev = ' ';
    for c in t.chars() {
        if c == '|' && prev != '\\' {
            cells.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
        prev = c;
    }
    cells.push(cur);
    cells
}

fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains(['|', '-'])
        && t.chars().all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'))
}

fn scan(text: &str) -> (Vec<Fence>, Vec<Table>) {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut fences = Vec::new();
    let mut tables = Vec::new();
    let mut section = String::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        if t.starts_with("```") {
            let ticks = t.chars().take_while(|&c| c == '`').count();
            let info = t[ticks..].trim().to_string();
            let mut body = Vec::new();
            let mut j = i + 1;
            while j < lines.len() {
                let u = lines[j].trim();
                if u.len() >= ticks && u.chars().all(|c| c == '`') {
                    break;
                }
                body.push(lines[j]);
                j += 1;
            }
            fences.push(Fence {
                info,
                line: i,
                content: body.join("\n"),
                section: section.clone(),
            });
            i = j + 1;
            continue;
        }
        if t.starts_with("<!--") {
            let mut j = i;
            while j < lines.len() && !lines[j].contains("-->") {
                j += 1;
            }
            i = j + 1;
            continue;
        }
        if t.starts_with("## ") || t.starts_with("### ") {
            section = t.trim_start_matches('#').trim().to_string();
        }
        if t.contains('|') && i + 1 < lines.len() && is_delimiter_row(lines[i + 1]) {
            let header = split_row(line);
            let mut rows = Vec::new();
            let mut j = i + 2;
            while j < lines.len() && lines[j].contains('|') && !lines[j].trim().starts_with("```") {
                rows.push(split_row(lines[j]));
                j += 1;
            }
            tables.push(Table { header, rows });
            i = j;
            continue;
        }
        i += 1;
    }
    (fences, tables)
}

fn bump<K: Ord>(m: &mut BTreeMap<K, usize>, k: K) {
    *m.entry(k).or_default() += 1;
}

fn top(m: &BTreeMap<String, usize>, n: usize) -> Vec<(usize, String)> {
    let mut v: Vec<(usize, String)> = m.iter().map(|(k, &c)| (c, k.clone())).collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    v.truncate(n);
    v
}

#[test]
#[ignore = "reads the Graph docs corpus; run with --ignored"]
fn corpus_figures() {
    let Some(root) = common::corpus_root("reader_grammar_corpus") else { return };
    let files = common::markdown_files(&root);

    let mut type_cells = 0usize;
    let mut unparsed: BTreeMap<String, usize> = BTreeMap::new();
    let mut shapes: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut desc_cells = 0usize;
    let mut plain_names: BTreeMap<String, usize> = BTreeMap::new();
    let mut flag_counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut possible_misses: Vec<String> = Vec::new();

    let mut http_fences = 0usize;
    let mut empty_fences: BTreeMap<String, usize> = BTreeMap::new();
    let mut empty_examples: Vec<String> = Vec::new();
    let mut requests = 0usize;
    let mut requests_with_path = 0usize;
    let mut pathless: BTreeMap<String, usize> = BTreeMap::new();
    let mut responses = 0usize;
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut body_kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut cut_targets: BTreeMap<String, usize> = BTreeMap::new();
    let mut versions: BTreeMap<String, usize> = BTreeMap::new();
    let mut headers_after_body = 0usize;
    let mut multi_message_fences = 0usize;
    let mut mixed_fences = 0usize;
    let mut other_bodies: Vec<String> = Vec::new();

    let mut syntax_requests = 0usize;
    let mut example_requests = 0usize;
    let mut example_on_syntax_pages = 0usize;
    let mut example_matched = 0usize;
    let mut example_path_only = 0usize;
    let mut unmatched: Vec<String> = Vec::new();
    let mut odd_segments: BTreeMap<String, usize> = BTreeMap::new();
    let mut header_names: BTreeMap<String, usize> = BTreeMap::new();

    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let (fences, tables) = scan(&text);

        for table in &tables {
            let norm = |h: &str| h.replace('*', "").trim().to_ascii_lowercase();
            let Some(col) = table.header.iter().position(|h| norm(h) == "type") else {
                continue;
            };
            let desc_col = table.header.iter().position(|h| norm(h) == "description");
            for row in &table.rows {
                type_cells += 1;
                let cell = row.get(col).map(String::as_str).unwrap_or("");
                let e = parse_type_cell(cell);
                let shape = match &e.shape {
                    TypeShape::Primitive(_) => "primitive",
                    TypeShape::Named { link: Some(_), .. } => "named+link",
                    TypeShape::Named {
                        reference_label: Some(_),
                        ..
                    } => "named+reflink",
                    TypeShape::Named { .. } => "named",
                    TypeShape::Union(_) => "union",
                    TypeShape::Untyped => "untyped",
                    TypeShape::Unparsed => "unparsed",
                };
                bump(&mut shapes, shape);
                if e.collection {
                    bump(&mut shapes, "(collection)");
                }
                if let Some(d) = desc_col.and_then(|c| row.get(c)) {
                    let f = description_flags(d);
                    desc_cells += 1;
                    if f.read_only {
                        bump(&mut flag_counts, "read_only");
                    }
                    match f.nullable {
                        Some(true) => bump(&mut flag_counts, "nullable=true"),
                        Some(false) => bump(&mut flag_counts, "nullable=false"),
                        None => {}
                    }
                    match f.required {
                        Some(true) => bump(&mut flag_counts, "required=true"),
                        Some(false) => bump(&mut flag_counts, "required=false"),
                        None => {}
                    }
                    if f.inherited_from.is_some() {
                        bump(&mut flag_counts, "inherited_from");
                    }
                    if !f.possible_values.is_empty() {
                        bump(&mut flag_counts, "possible_values");
                    } else if d.to_ascii_lowercase().contains("possible values") {
                        bump(&mut flag_counts, "possible_values mentioned, none read");
                        if possible_misses.len() < 25 {
                            possible_misses.push(d.trim().chars().take(140).collect());
                        }
                    }
                }
                if std::env::var_os("DOCGEN_SHOW_NAMED").is_some() {
                    if let TypeShape::Named {
                        name,
                        link: None,
                        reference_label: None,
                    } = &e.shape
                    {
                        bump(&mut plain_names, name.clone());
                    }
                }
                if e.is_unparsed() {
                    bump(&mut unparsed, format!("{:?}", cell.trim()));
                }
            }
        }

        let mut syntax: Vec<(String, PathTemplate)> = Vec::new();
        let mut examples: Vec<(String, PathTemplate)> = Vec::new();
        for f in &fences {
            if !matches!(
                f.info.as_str(),
                "http" | "HTTP" | "msgraph-interactive" | ""
            ) {
                continue;
            }
            http_fences += 1;
            let msgs = parse_http_fence(&f.content);
            if msgs.is_empty() {
                let first = f
                    .content
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("<empty>");
                let key = if first.trim_start().starts_with(['{', '[']) {
                    format!("info={:?} json", f.info)
                } else {
                    format!(
                        "info={:?} {}",
                        f.info,
                        first.chars().take(40).collect::<String>()
                    )
                };
                bump(&mut empty_fences, key);
                if empty_examples.len() < 400 {
                    empty_examples.push(format!("{rel}:{}", f.line + 1));
                }
                continue;
            }
            if msgs.len() > 1 {
                multi_message_fences += 1;
            }
            let has_req = msgs.iter().any(|m| matches!(m, HttpMessage::Request(_)));
            let has_resp = msgs.iter().any(|m| matches!(m, HttpMessage::Response(_)));
            if has_req && has_resp {
                mixed_fences += 1;
            }
            let is_syntax = f.section.eq_ignore_ascii_case("http request")
                || f.section.eq_ignore_ascii_case("http requests");
            for m in &msgs {
                let headers = match m {
                    HttpMessage::Request(r) => &r.headers,
                    HttpMessage::Response(r) => &r.headers,
                };
                for h in headers {
                    let kind = if matches!(m, HttpMessage::Request(_)) {
                        "req"
                    } else {
                        "resp"
                    };
                    bump(
                        &mut header_names,
                        format!("{kind} {}", h.name.to_ascii_lowercase()),
                    );
                }
                match m {
                    HttpMessage::Request(r) => {
                        requests += 1;
                        if r.target.path.segments.is_empty() && r.target.host.is_none() {
                            bump(&mut pathless, r.target.raw.chars().take(60).collect());
                        } else {
                            requests_with_path += 1;
                        }
                        for seg in &r.target.path.segments {
                            let odd = match seg {
                                Segment::Literal(t) => t.contains([
                                    ' ', '{', '}', '<', '>', '\'', '=', ':', '*', '[', ']', '(',
                                    ')', '|',
                                ]),
                                Segment::Param { names } => {
                                    names.iter().any(|n| n.contains([' ', '{', '}', '/', '=']))
                                }
                                Segment::KeyPredicate { name, .. } => {
                                    name.contains([' ', '{', '}', '\'', '='])
                                }
                                _ => false,
                            };
                            if odd {
                                bump(&mut odd_segments, format!("{seg:?}"));
                            }
                        }
                        if let Some(v) = &r.target.version {
                            bump(&mut versions, v.clone());
                        }
                        let before_query = r.target.raw.split('?').next().unwrap_or("");
                        if has_cut(before_query) {
                            bump(&mut cut_targets, r.target.raw.chars().take(90).collect());
                        }
                        if let Some(b) = &r.body {
                            bump(&mut body_kinds, format!("req {:?}", b.kind));
                            if r.headers.iter().any(|h| h.line > b.line) {
                                headers_after_body += 1;
                            }
                            if b.kind == BodyKind::Other && other_bodies.len() < 30 {
                                other_bodies.push(format!(
                                    "{rel}:{} {:?}",
                                    f.line + 1 + b.line as usize + 1,
                                    b.text.chars().take(60).collect::<String>()
                                ));
                            }
                        }
                        if is_syntax {
                            syntax_requests += 1;
                            syntax.push((r.method.clone(), r.target.path.clone()));
                        } else {
                            example_requests += 1;
                            examples.push((r.method.clone(), r.target.path.clone()));
                        }
                    }
                    HttpMessage::Response(r) => {
                        responses += 1;
                        bump(&mut statuses, r.status);
                        if let Some(b) = &r.body {
                            bump(&mut body_kinds, format!("resp {:?}", b.kind));
                            if r.headers.iter().any(|h| h.line > b.line) {
                                headers_after_body += 1;
                            }
                            if b.kind == BodyKind::Other && other_bodies.len() < 30 {
                                other_bodies.push(format!(
                                    "{rel}:{} {:?}",
                                    f.line + 1 + b.line as usize + 1,
                                    b.text.chars().take(60).collect::<String>()
                                ));
                            }
                        }
                    }
                }
            }
        }
        if !syntax.is_empty() {
            for (m, p) in &examples {
                example_on_syntax_pages += 1;
                if syntax.iter().any(|(sm, sp)| sm == m && sp.matches(p)) {
                    example_matched += 1;
                } else if syntax.iter().any(|(_, sp)| sp.matches(p)) {
                    example_path_only += 1;
                } else if unmatched.len() < 1000
                    && std::env::var_os("DOCGEN_SHOW_UNMATCHED").is_some()
                {
                    let syn: Vec<&str> = syntax
                        .iter()
                        .map(|(_, sp)| sp.text.as_str())
                        .take(3)
                        .collect();
                    unmatched.push(format!("{rel}: {m} {} vs {syn:?}", p.text));
                }
            }
        }
    }

    let unparsed_total: usize = unparsed.values().sum();
    println!("== Type column ({} files)", files.len());
    println!("cells in Type columns: {type_cells}");
    println!("shapes: {shapes:?}");
    println!("unparsed: {unparsed_total} ({} distinct)", unparsed.len());
    for (n, k) in top(&unparsed, 200) {
        println!("  {n:5} {k}");
    }

    for (n, k) in top(&plain_names, 400) {
        println!("  named {n:5} {k}");
    }
    println!("description cells next to a Type cell: {desc_cells}");
    println!("flags: {flag_counts:?}");
    for m in &possible_misses {
        println!("    possible values not read: {m}");
    }

    let empty_total: usize = empty_fences.values().sum();
    println!("== HTTP fences");
    println!("http/HTTP/msgraph-interactive/empty fences: {http_fences}");
    println!("fences yielding nothing: {empty_total}");
    for (n, k) in top(&empty_fences, 40) {
        println!("  {n:5} {k}");
    }
    for e in empty_examples
        .iter()
        .filter(|e| !e.contains("/resources/"))
        .take(15)
    {
        println!("    at {e}");
    }
    println!("fences with 2+ messages: {multi_message_fences}; with request and response: {mixed_fences}");
    println!("requests: {requests}, with method+path: {requests_with_path}");
    println!("  syntax-section requests: {syntax_requests}, example requests: {example_requests}");
    println!("  examples on pages with syntax: {example_on_syntax_pages}, matching method+path: {example_matched}, path only: {example_path_only}");
    for u in &unmatched {
        println!("    unmatched {u}");
    }
    println!("requests without a usable path:");
    for (n, k) in top(&pathless, 20) {
        println!("  {n:5} {k}");
    }
    println!(
        "request targets with a space outside brackets before the query: {}",
        cut_targets.values().sum::<usize>()
    );
    for (n, k) in top(&cut_targets, 25) {
        println!("  {n:5} {k}");
    }
    println!(
        "segments with unusual characters: {}",
        odd_segments.values().sum::<usize>()
    );
    for (n, k) in top(&odd_segments, 400) {
        println!("  {n:5} {k}");
    }
    println!("versions: {versions:?}");
    println!("responses: {responses}, status codes: {statuses:?}");
    println!("bodies: {body_kinds:?}");
    println!("messages with headers after the body: {headers_after_body}");
    println!(
        "header names (lower-cased): {}",
        header_names.values().sum::<usize>()
    );
    for (n, k) in top(&header_names, 60) {
        println!("  {n:5} {k}");
    }
    println!("bodies of kind Other:");
    for o in &other_bodies {
        println!("  {o}");
    }
}

/// Does the path part contain whitespace outside brackets (so the reader cut it)?
fn has_cut(s: &str) -> bool {
    let s = s.trim();
    let s = s.find("**").map_or(s, |i| &s[..i]).trim();
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '{' | '(' | '[' | '<' => depth += 1,
            '}' | ')' | ']' | '>' => depth = (depth - 1).max(0),
            c if c.is_whitespace() && depth == 0 => return true,
            _ => {}
        }
    }
    false
}
