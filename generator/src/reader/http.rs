//! HTTP fence content (corpus guide §7, §8): request syntax blocks, example requests and
//! example responses.
//!
//! [`parse_http_fence`] splits a fence body into messages. Within a fence the layout is
//! `start line → blank lines? → headers → blank line? → body`, and another start line
//! (request line or status line) after the body begins a new message. The reader
//! tolerates everything the corpus does:
//!
//! * several request lines in one syntax fence, with blank lines or `or` lines between;
//! * header lines after a request line in a syntax fence (`workbook-session-id: {id}`);
//! * blank lines between the start line and the headers;
//! * headers running directly into the body;
//! * headers written after a JSON body (`Authorization: …` below the closing `}`);
//! * request and response sharing one fence;
//! * broken request lines (`POST ** Collection URI for … not found`), optional queries in
//!   brackets (`$value[?includeIDs=true]`), spaces inside `{a | b}` and `$filter=…`,
//!   missing leading slashes and the `https://graph/microsoft.com/…` host typo.
//!
//! Nothing here panics or prints; odd input stays visible in the returned structures
//! (e.g. a request whose path has no segments, or a body of kind [`BodyKind::Other`]).

use serde::Serialize;

/// One message of an HTTP fence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum HttpMessage {
    Request(HttpRequest),
    Response(HttpResponse),
}

/// A request line with its headers and body. Lines are 0-based offsets from the first
/// content line of the fence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    pub line: u32,
    /// Upper case (`GET`, `POST`, …).
    pub method: String,
    pub target: RequestTarget,
    pub headers: Vec<Header>,
    pub body: Option<Body>,
}

/// A status line with its headers and body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpResponse {
    pub line: u32,
    pub status: u16,
    /// As written; unreliable in the corpus (`204 OK`, `201 Created` on a 204 …).
    pub reason: String,
    pub headers: Vec<Header>,
    pub body: Option<Body>,
}

/// `Name: value`. Names keep their written case; compare them case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    pub line: u32,
    pub name: String,
    pub value: String,
}

/// A message body: the lines after the headers, trailing blank lines removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    /// Line of the first body line.
    pub line: u32,
    pub text: String,
    /// Value of the message's `Content-Type` header, if any.
    pub content_type: Option<String>,
    pub kind: BodyKind,
}

/// What a body holds, from its first character and the `Content-Type` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum BodyKind {
    /// Starts with `{` or `[` (and no non-JSON content type says otherwise).
    Json,
    /// `text/*`, or no content type and no recognisable structure.
    Text,
    /// Placeholder for bytes: `application/octet-stream`, `image/*`, `application/zip`, …
    Binary,
    /// `multipart/*`, or a body starting with a `--boundary` line.
    Multipart,
    /// `application/xml`, `text/xml`, `text/html`, or a body starting with `<`.
    Xml,
    /// `application/x-www-form-urlencoded`.
    FormUrlEncoded,
    /// A content type that is neither of the above, or a JSON content type whose body is
    /// not JSON (junk such as swallowed headings).
    Other,
}

/// The target of a request line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestTarget {
    /// As written (trimmed, with any trailing `HTTP/1.1` removed).
    pub raw: String,
    /// `graph.microsoft.com`, `bot.contoso.com`, … for absolute URLs.
    pub host: Option<String>,
    /// First segment after a Graph host (`v1.0`, `beta`, `localtest`, `V1.0` as written),
    /// or a leading `/v1.0` / `/beta` on a relative path.
    pub version: Option<String>,
    /// The path after host and version. Empty segments when the line has no usable path
    /// (`** Collection URI for … not found`).
    pub path: PathTemplate,
    /// Text after `?` (or inside `[?…]`), without the `?`.
    pub query: Option<String>,
}

/// A parsed URL path template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathTemplate {
    pub segments: Vec<Segment>,
    /// Normalized text: `/` + segments, `{a|b}` for parameters, `name(k=v,…)` for key
    /// predicates, `:/inner:` for colon paths (attached to the previous segment).
    pub text: String,
}

/// One path segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Segment {
    Literal(String),
    /// `{id}`, `{id | userPrincipalName}` → `["id", "userPrincipalName"]`, `<id>`.
    Param { names: Vec<String> },
    /// `users('{id}')`, `range(address='A1:B2')`, `delta()`: the name and the arguments
    /// as written (quotes and placeholders kept), keyed when written `key=value`.
    KeyPredicate { name: String, args: Vec<(Option<String>, String)> },
    /// `microsoft.graph.x` (a cast or a bound operation), as written.
    Cast(String),
    /// `$ref`
    Ref,
    /// `$value`
    Value,
    /// `$count`
    Count,
    /// The item path of `root:/{item-path}:` — here `{item-path}` — without the colons.
    /// The segment before the colon (`root`) is its own segment.
    ColonPath(String),
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Parse a status line: `HTTP/1.1 204 No Content`, `HTTP/1.1 422`, `HTTP 201 Created`,
/// `HTTP code: 200 OK`. Returns the code and the reason phrase as written.
pub fn parse_status_line(line: &str) -> Option<(u16, String)> {
    let t = line.trim();
    let head = t.get(..4)?;
    if !head.eq_ignore_ascii_case("http") {
        return None;
    }
    let mut rest = &t[4..];
    if let Some(r) = rest.strip_prefix('/') {
        let v_end = r.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(r.len());
        if v_end == 0 {
            return None;
        }
        rest = &r[v_end..];
    }
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    rest = rest.trim_start();
    if rest.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("code:")) {
        rest = rest[5..].trim_start();
    }
    let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    if digits != 3 {
        return None;
    }
    let status: u16 = rest[..3].parse().ok()?;
    if !(100..=599).contains(&status) {
        return None;
    }
    let after = &rest[3..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((status, after.trim().to_string()))
}

/// `400 Bad Request` with no `HTTP/1.1`: accepted only as the first message of a fence.
fn bare_status(line: &str) -> Option<(u16, String)> {
    let t = line.trim();
    let code = t.get(..3)?;
    let rest = &t[3..];
    if !code.bytes().all(|b| b.is_ascii_digit())
        || !(rest.is_empty() || rest.starts_with(' '))
        || !rest.trim().chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
    {
        return None;
    }
    let status: u16 = code.parse().ok()?;
    (100..=599).contains(&status).then(|| (status, rest.trim().to_string()))
}

/// Parse a request line: an upper-case method, whitespace, and a non-empty target. A
/// method glued to a path (`DELETE/identity/...`) is accepted too.
pub fn parse_request_line(line: &str) -> Option<(String, RequestTarget)> {
    let t = line.trim();
    let (method, rest) = match t.split_once(char::is_whitespace) {
        Some((m, rest)) if METHODS.contains(&m) => (m, rest),
        _ => {
            let m = METHODS.iter().find(|m| {
                t.strip_prefix(**m).is_some_and(|r| r.starts_with('/'))
            })?;
            (*m, &t[m.len()..])
        }
    };
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    Some((method.to_string(), parse_target(rest)))
}

/// Parse a request target (the text after the method).
pub fn parse_target(target: &str) -> RequestTarget {
    let raw = strip_http_version(target.trim()).to_string();
    let mut s: &str = &raw;
    // Markdown bold never belongs to a URL: `beta** Entity URI for … not found`.
    if let Some(i) = s.find("**") {
        s = &s[..i];
    }
    s = s.trim();

    let mut host = None;
    if let Some(after) = strip_prefix_ci(s, "https://").or_else(|| strip_prefix_ci(s, "http://")) {
        let end = after.find(['/', '?']).unwrap_or(after.len());
        let mut h = after[..end].to_string();
        let mut rest = &after[end..];
        // `https://graph/microsoft.com/beta/...`: a dotless host followed by a domain.
        if !h.contains('.') {
            let seg_src = rest.strip_prefix('/').unwrap_or("");
            let seg_end = seg_src.find(['/', '?']).unwrap_or(seg_src.len());
            let seg = &seg_src[..seg_end];
            if is_domain(seg) {
                h = format!("{h}.{seg}");
                rest = &seg_src[seg_end..];
            }
        }
        host = Some(h);
        s = rest;
    }

    // Query: `?…`, or an optional query shown in brackets: `[?includeIDs=true]`.
    let (path_part, query) = if let Some(i) = s.find("[?") {
        let q = s[i + 2..].trim_end();
        let q = q.strip_suffix(']').unwrap_or(q);
        (&s[..i], Some(q.to_string()))
    } else if let Some(i) = s.find('?') {
        (&s[..i], Some(s[i + 1..].to_string()))
    } else {
        (s, None)
    };
    let path_part = path_part.trim();
    let path_part = path_part.strip_prefix('~').unwrap_or(path_part);

    let mut segments = split_path(path_part);
    let graph_host = host.as_deref().is_some_and(is_graph_host);
    let mut version = None;
    if let Some(Segment::Literal(first)) = segments.first() {
        let is_version = if graph_host {
            true
        } else {
            host.is_none()
                && path_part.starts_with('/')
                && (first.eq_ignore_ascii_case("v1.0") || first.eq_ignore_ascii_case("beta"))
        };
        if is_version {
            version = Some(first.clone());
            segments.remove(0);
        }
    }
    RequestTarget { raw, host, version, path: PathTemplate::from_segments(segments), query }
}

fn strip_http_version(s: &str) -> &str {
    // The whitespace may be wider than one byte (NBSP): skip its whole UTF-8 length.
    if let Some((i, space)) = s.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        let last = &s[i + space.len_utf8()..];
        if strip_prefix_ci(last, "http/").is_some() {
            return s[..i].trim_end();
        }
    }
    s
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

fn is_domain(seg: &str) -> bool {
    let parts: Vec<&str> = seg.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && parts.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()))
}

fn is_graph_host(host: &str) -> bool {
    host.to_ascii_lowercase().contains("graph")
}

/// Split a path into segments: `/` separates outside brackets and quotes; `x:/inner:`
/// introduces a colon path.
fn split_path(s: &str) -> Vec<Segment> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut segments = Vec::new();
    let mut depth = 0i32;
    let mut in_quote = false;
    let mut start = 0usize; // byte offset of current segment
    let mut i = 0usize;
    while i < chars.len() {
        let (b, c) = chars[i];
        match c {
            '\'' if depth > 0 => in_quote = !in_quote,
            _ if in_quote => {}
            '{' | '(' | '[' | '<' => depth += 1,
            '}' | ')' | ']' | '>' => depth = (depth - 1).max(0),
            '/' if depth == 0 => {
                push_segment(&mut segments, &s[start..b]);
                start = b + 1;
            }
            ':' if depth == 0 && chars.get(i + 1).is_some_and(|&(_, n)| n == '/') => {
                push_segment(&mut segments, &s[start..b]);
                // Colon path runs to the next `:` at depth 0 that ends it (followed by
                // `/` or the end), or to the end of the path.
                let inner_start = chars[i + 1].0 + 1;
                let mut j = i + 2;
                let mut d = 0i32;
                let mut inner_end = s.len();
                let mut resume = chars.len();
                while j < chars.len() {
                    let (bj, cj) = chars[j];
                    match cj {
                        '{' | '(' | '[' | '<' => d += 1,
                        '}' | ')' | ']' | '>' => d = (d - 1).max(0),
                        ':' if d == 0
                            && chars.get(j + 1).is_none_or(|&(_, n)| n == '/') =>
                        {
                            inner_end = bj;
                            resume = j + 1;
                            break;
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let inner = s.get(inner_start..inner_end).unwrap_or("").trim_matches('/');
                segments.push(Segment::ColonPath(inner.to_string()));
                i = resume;
                start = chars.get(i).map_or(s.len(), |&(bb, _)| bb);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if start <= s.len() {
        push_segment(&mut segments, &s[start..]);
    }
    segments
}

fn push_segment(segments: &mut Vec<Segment>, raw: &str) {
    let t = raw.trim();
    if t.is_empty() {
        return;
    }
    segments.push(classify_segment(t));
}

fn classify_segment(t: &str) -> Segment {
    let lower = t.to_ascii_lowercase();
    match lower.as_str() {
        "$ref" => return Segment::Ref,
        "$value" => return Segment::Value,
        "$count" => return Segment::Count,
        _ => {}
    }
    if let Some(inner) = t.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        if !inner.contains(['{', '}']) {
            return Segment::Param { names: param_names(inner) };
        }
    }
    // `{user-id} | user-principal-name`: alternatives with the braces misplaced.
    if t.starts_with('{') && t.contains('|') {
        let names = param_names(&t.replace(['{', '}'], ""));
        if names.len() > 1
            && names.iter().all(|n| n.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_')))
        {
            return Segment::Param { names };
        }
    }
    if let Some(inner) = t.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
        if !inner.contains(['<', '>']) {
            return Segment::Param { names: param_names(inner) };
        }
    }
    if let Some(open) = t.find('(') {
        if open > 0 {
            let name = t[..open].trim().to_string();
            let inner = &t[open + 1..];
            let inner = inner.strip_suffix(')').unwrap_or(inner);
            return Segment::KeyPredicate { name, args: split_args(inner) };
        }
    }
    if lower.starts_with("microsoft.graph.") {
        return Segment::Cast(t.to_string());
    }
    Segment::Literal(t.to_string())
}

fn param_names(inner: &str) -> Vec<String> {
    inner.split('|').map(str::trim).filter(|n| !n.is_empty()).map(str::to_string).collect()
}

/// Split key-predicate arguments on `,` outside quotes and brackets.
fn split_args(inner: &str) -> Vec<(Option<String>, String)> {
    let mut args = Vec::new();
    let mut depth = 0i32;
    let mut in_quote = false;
    let mut start = 0usize;
    let mut pieces = Vec::new();
    for (i, c) in inner.char_indices() {
        match c {
            '\'' => in_quote = !in_quote,
            _ if in_quote => {}
            '{' | '(' | '[' | '<' => depth += 1,
            '}' | ')' | ']' | '>' => depth = (depth - 1).max(0),
            ',' if depth == 0 => {
                pieces.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(&inner[start..]);
    for p in pieces {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        match top_level_eq(p) {
            Some(eq) => {
                args.push((Some(p[..eq].trim().to_string()), p[eq + 1..].trim().to_string()))
            }
            None => args.push((None, p.to_string())),
        }
    }
    args
}

/// Position of a `=` outside quotes and braces, preceded by a plausible key.
fn top_level_eq(p: &str) -> Option<usize> {
    let mut in_quote = false;
    let mut depth = 0i32;
    for (i, c) in p.char_indices() {
        match c {
            '\'' => in_quote = !in_quote,
            _ if in_quote => {}
            '{' | '<' => depth += 1,
            '}' | '>' => depth -= 1,
            '=' if depth == 0 => {
                let key = p[..i].trim();
                let ok = !key.is_empty()
                    && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '$' | '@'));
                return ok.then_some(i);
            }
            _ => {}
        }
    }
    None
}

impl PathTemplate {
    /// Build a template (and its normalized text) from segments.
    pub fn from_segments(segments: Vec<Segment>) -> PathTemplate {
        let mut text = String::new();
        for seg in &segments {
            match seg {
                Segment::ColonPath(p) => {
                    text.push_str(":/");
                    text.push_str(p);
                    text.push(':');
                }
                other => {
                    text.push('/');
                    text.push_str(&render_segment(other));
                }
            }
        }
        if text.is_empty() {
            text.push('/');
        }
        PathTemplate { segments, text }
    }

    /// Parse a path (no host, no query) into a template.
    pub fn parse(path: &str) -> PathTemplate {
        PathTemplate::from_segments(split_path(path.trim()))
    }

    /// Does this template match `other`? Placeholders (`{x}`, `<x>`) on either side act as
    /// wildcards, comparison is case-insensitive, and trailing or doubled slashes are
    /// ignored. Version, host and query are not part of a path.
    pub fn matches(&self, other: &PathTemplate) -> bool {
        self.segments.len() == other.segments.len()
            && self.segments.iter().zip(&other.segments).all(|(a, b)| segment_matches(a, b))
    }

    /// True if any segment is a parameter or holds a placeholder.
    pub fn has_placeholders(&self) -> bool {
        self.segments.iter().any(|s| match s {
            Segment::Param { .. } => true,
            Segment::Literal(t) | Segment::ColonPath(t) => has_placeholder(t),
            Segment::KeyPredicate { args, .. } => args.iter().any(|(_, v)| has_placeholder(v)),
            _ => false,
        })
    }
}

fn render_segment(seg: &Segment) -> String {
    match seg {
        Segment::Literal(s) | Segment::Cast(s) => s.clone(),
        Segment::Param { names } => format!("{{{}}}", names.join("|")),
        Segment::KeyPredicate { name, args } => {
            let args: Vec<String> = args
                .iter()
                .map(|(k, v)| match k {
                    Some(k) => format!("{k}={v}"),
                    None => v.clone(),
                })
                .collect();
            format!("{name}({})", args.join(","))
        }
        Segment::Ref => "$ref".into(),
        Segment::Value => "$value".into(),
        Segment::Count => "$count".into(),
        Segment::ColonPath(p) => format!(":/{p}:"),
    }
}

fn segment_matches(a: &Segment, b: &Segment) -> bool {
    use Segment::*;
    match (a, b) {
        (Param { .. }, Ref | Value | Count | ColonPath(_))
        | (Ref | Value | Count | ColonPath(_), Param { .. }) => false,
        (Param { .. }, _) | (_, Param { .. }) => true,
        (Literal(x) | Cast(x), Literal(y) | Cast(y)) => text_matches(x, y),
        (KeyPredicate { name: n1, args: a1 }, KeyPredicate { name: n2, args: a2 }) => {
            n1.eq_ignore_ascii_case(n2)
                && a1.len() == a2.len()
                && a1.iter().zip(a2).all(|((k1, v1), (k2, v2))| {
                    let keys_ok = match (k1, k2) {
                        (Some(k1), Some(k2)) => k1.eq_ignore_ascii_case(k2),
                        _ => true,
                    };
                    keys_ok && value_matches(v1, v2)
                })
        }
        // A function written without its parameters on one side: `usedRange` vs
        // `usedRange(valuesOnly=true)`, `getSchedule` vs `getSchedule()`.
        (Literal(x) | Cast(x), KeyPredicate { name, .. })
        | (KeyPredicate { name, .. }, Literal(x) | Cast(x)) => x.eq_ignore_ascii_case(name),
        (Ref, Ref) | (Value, Value) | (Count, Count) => true,
        (ColonPath(x), ColonPath(y)) => {
            is_placeholder(x) || is_placeholder(y) || text_matches(x, y)
        }
        _ => false,
    }
}

fn value_matches(a: &str, b: &str) -> bool {
    let a = a.trim().trim_matches(['\'', '"']);
    let b = b.trim().trim_matches(['\'', '"']);
    is_placeholder(a) || is_placeholder(b) || text_matches(a, b)
}

/// The whole text is one placeholder: `{x}`, `<x>`.
fn is_placeholder(t: &str) -> bool {
    let t = t.trim().trim_matches(['\'', '"']);
    (t.starts_with('{') && t.ends_with('}') && t.len() >= 2)
        || (t.starts_with('<') && t.ends_with('>') && t.len() >= 2)
}

fn has_placeholder(t: &str) -> bool {
    (t.contains('{') && t.contains('}')) || (t.contains('<') && t.contains('>'))
}

/// Case-insensitive equality where `{…}` / `<…>` in either text match one or more
/// characters.
fn text_matches(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    (has_placeholder(a) && glob_match(a, b)) || (has_placeholder(b) && glob_match(b, a))
}

enum Piece {
    Char(char),
    Wild,
}

fn glob_match(pattern: &str, text: &str) -> bool {
    let mut pieces = Vec::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let close = match c {
            '{' => '}',
            '<' => '>',
            _ => {
                pieces.push(Piece::Char(c.to_ascii_lowercase()));
                continue;
            }
        };
        // Wildcard up to the closing bracket (or the end).
        for n in chars.by_ref() {
            if n == close {
                break;
            }
        }
        pieces.push(Piece::Wild);
    }
    let text: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
    // dp[j]: pieces[..i] match text[..j].
    let mut dp = vec![false; text.len() + 1];
    dp[0] = true;
    for piece in &pieces {
        let mut next = vec![false; text.len() + 1];
        match piece {
            Piece::Char(c) => {
                for j in 0..text.len() {
                    if dp[j] && text[j] == *c {
                        next[j + 1] = true;
                    }
                }
            }
            Piece::Wild => {
                // One or more characters.
                let mut reach = false;
                for j in 0..text.len() {
                    reach |= dp[j];
                    if reach {
                        next[j + 1] = true;
                    }
                }
            }
        }
        dp = next;
    }
    dp[text.len()]
}

// ---------------------------------------------------------------------------------------
// Fence splitting

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    /// After the start line; blank lines and header lines may follow.
    Start,
    /// In the header block.
    Headers,
    /// A blank line ended the headers; the next non-blank line is body.
    BodyPending,
    /// In the body.
    Body,
    /// A JSON body closed; header lines here are headers after the body.
    AfterJson,
}

enum StartLine {
    Request { method: String, target: RequestTarget },
    Response { status: u16, reason: String },
}

struct Builder<'a> {
    line: u32,
    start: StartLine,
    headers: Vec<Header>,
    phase: Phase,
    body_start: u32,
    body: Vec<&'a str>,
    /// Blank lines seen after a closed JSON body, re-added if the body continues.
    held: Vec<&'a str>,
    json: Option<JsonDepth>,
}

/// Bracket depth of a JSON-looking body, counted outside strings. Strings are assumed not
/// to span lines (a broken quote must not swallow the rest of the fence).
#[derive(Default)]
struct JsonDepth {
    depth: i64,
    opened: bool,
}

impl JsonDepth {
    fn feed(&mut self, line: &str) {
        let mut in_str = false;
        let mut escaped = false;
        for c in line.chars() {
            if in_str {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_str = false;
                }
                continue;
            }
            match c {
                '"' => in_str = true,
                '{' | '[' => {
                    self.depth += 1;
                    self.opened = true;
                }
                '}' | ']' => self.depth -= 1,
                _ => {}
            }
        }
    }

    fn closed(&self) -> bool {
        self.opened && self.depth <= 0
    }
}

impl<'a> Builder<'a> {
    fn new(line: u32, start: StartLine) -> Self {
        Builder {
            line,
            start,
            headers: Vec::new(),
            phase: Phase::Start,
            body_start: 0,
            body: Vec::new(),
            held: Vec::new(),
            json: None,
        }
    }

    /// May `line` (a request or status line) start a new message here? Inside an open
    /// JSON body only an unindented start line does.
    fn yields_to_start_line(&self, line: &str, is_request: bool, target: Option<&RequestTarget>) -> bool {
        if self.phase != Phase::Body {
            return true;
        }
        if is_request && !target.is_some_and(looks_like_url) {
            return false;
        }
        match &self.json {
            Some(j) if !j.closed() => !line.starts_with(char::is_whitespace),
            _ => true,
        }
    }

    fn start_body(&mut self, i: u32, line: &'a str) {
        self.phase = Phase::Body;
        self.body_start = i;
        self.body.push(line);
        let t = line.trim_start();
        if t.starts_with('{') || t.starts_with('[') {
            let mut j = JsonDepth::default();
            j.feed(line);
            self.after_json_line(&j);
            self.json = Some(j);
        }
    }

    fn after_json_line(&mut self, j: &JsonDepth) {
        if j.closed() {
            self.phase = Phase::AfterJson;
        }
    }

    fn feed(&mut self, i: u32, line: &'a str) {
        let blank = line.trim().is_empty();
        match self.phase {
            Phase::Start | Phase::Headers => {
                if blank {
                    if self.phase == Phase::Headers {
                        self.phase = Phase::BodyPending;
                    }
                } else if line.trim().eq_ignore_ascii_case("or") {
                    // Syntax fences: `GET /a` / `or` / `GET /b`.
                } else if let Some((name, value)) = header_line(line) {
                    self.headers.push(Header { line: i, name, value });
                    self.phase = Phase::Headers;
                } else {
                    self.start_body(i, line);
                }
            }
            Phase::BodyPending => {
                if !blank {
                    self.start_body(i, line);
                }
            }
            Phase::Body => {
                self.body.push(line);
                if let Some(mut j) = self.json.take() {
                    j.feed(line);
                    self.after_json_line(&j);
                    self.json = Some(j);
                }
            }
            Phase::AfterJson => {
                if blank {
                    self.held.push(line);
                } else if let Some((name, value)) = header_line(line) {
                    self.headers.push(Header { line: i, name, value });
                    self.held.clear();
                } else {
                    self.body.append(&mut self.held);
                    self.body.push(line);
                    self.phase = Phase::Body;
                    if let Some(mut j) = self.json.take() {
                        j.feed(line);
                        self.after_json_line(&j);
                        self.json = Some(j);
                    }
                }
            }
        }
    }

    fn finish(mut self) -> HttpMessage {
        while self.body.last().is_some_and(|l| l.trim().is_empty()) {
            self.body.pop();
        }
        let content_type = self
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case("content-type"))
            .map(|h| h.value.clone());
        let body = if self.body.is_empty() {
            None
        } else {
            let text = self.body.join("\n");
            let kind = body_kind(&text, content_type.as_deref());
            Some(Body { line: self.body_start, text, content_type, kind })
        };
        match self.start {
            StartLine::Request { method, target } => HttpMessage::Request(HttpRequest {
                line: self.line,
                method,
                target,
                headers: self.headers,
                body,
            }),
            StartLine::Response { status, reason } => HttpMessage::Response(HttpResponse {
                line: self.line,
                status,
                reason,
                headers: self.headers,
                body,
            }),
        }
    }
}

fn looks_like_url(t: &RequestTarget) -> bool {
    let first = t.raw.split_whitespace().next().unwrap_or("");
    t.host.is_some() || first.starts_with(['/', '~', '{', '.']) || first.contains('/')
}

/// `Name: value` with an RFC 7230 token name starting with a letter. `https://…` and
/// other `scheme://` lines are not headers.
fn header_line(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    let colon = t.find(':')?;
    let name = t[..colon].trim_end();
    let value = &t[colon + 1..];
    if value.starts_with("//") {
        return None;
    }
    let mut chars = name.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    if !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return None;
    }
    Some((name.to_string(), value.trim().to_string()))
}

fn body_kind(text: &str, content_type: Option<&str>) -> BodyKind {
    let t = text.trim_start();
    let json_like = t.starts_with('{') || t.starts_with('[');
    if let Some(ct) = content_type {
        let ct = ct.to_ascii_lowercase();
        let mime = ct.split(';').next().unwrap_or("").trim();
        if mime.starts_with("multipart/") {
            return BodyKind::Multipart;
        }
        if mime.contains("x-www-form-urlencoded") {
            return BodyKind::FormUrlEncoded;
        }
        if mime.ends_with("/xml") || mime.ends_with("+xml") || mime == "text/html" {
            return BodyKind::Xml;
        }
        if mime.starts_with("image/")
            || mime.starts_with("audio/")
            || mime.starts_with("video/")
            || matches!(
                mime,
                "application/octet-stream" | "application/zip" | "application/pdf" | "application/x-zip-compressed"
            )
        {
            return BodyKind::Binary;
        }
        if mime.starts_with("text/") {
            return BodyKind::Text;
        }
        if mime.contains("json") {
            return if json_like { BodyKind::Json } else { BodyKind::Other };
        }
        if !mime.is_empty() {
            return if json_like { BodyKind::Json } else { BodyKind::Other };
        }
    }
    if json_like {
        BodyKind::Json
    } else if t.starts_with('<') {
        BodyKind::Xml
    } else if t.starts_with("--") {
        BodyKind::Multipart
    } else {
        BodyKind::Text
    }
}

/// Split the body of an HTTP fence (the lines between the fences) into messages.
pub fn parse_http_fence(content: &str) -> Vec<HttpMessage> {
    let mut out = Vec::new();
    let mut current: Option<Builder> = None;
    for (i, line) in content.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let start = if let Some((status, reason)) = parse_status_line(line) {
            Some(StartLine::Response { status, reason })
        } else if let Some((status, reason)) = current.is_none().then(|| bare_status(line)).flatten() {
            Some(StartLine::Response { status, reason })
        } else {
            parse_request_line(line).map(|(method, target)| StartLine::Request { method, target })
        };
        if let Some(start) = start {
            let yields = match (&current, &start) {
                (None, _) => true,
                (Some(b), StartLine::Request { target, .. }) => {
                    b.yields_to_start_line(line, true, Some(target))
                }
                (Some(b), StartLine::Response { .. }) => b.yields_to_start_line(line, false, None),
            };
            if yields {
                if let Some(b) = current.take() {
                    out.push(b.finish());
                }
                current = Some(Builder::new(i, start));
                continue;
            }
        }
        if let Some(b) = current.as_mut() {
            b.feed(i, line);
        }
    }
    if let Some(b) = current.take() {
        out.push(b.finish());
    }
    out
}

impl PathTemplate {
    /// The template without its last segment (`…/x/$ref` → `…/x`).
    pub fn without_last_segment(&self) -> PathTemplate {
        let mut segments = self.segments.clone();
        segments.pop();
        PathTemplate::from_segments(segments)
    }
}

impl std::fmt::Display for Segment {
    /// The segment as it appears in a path (colon paths without their colons).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&render_segment(self))
    }
}
