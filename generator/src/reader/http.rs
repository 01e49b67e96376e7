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
    Param {
        names: Vec<String>,
    },
    /// `users('{id}')`, `range(address='A1:B2')`, `delta()`: the name and the arguments
    /// as written (quotes and placeholders kept), keyed when written `key=value`.
    KeyPredicate {
        name: String,
        args: Vec<(Option<String>, String)>,
    },
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
        let v_end = r
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(r.len());
        if v_end == 0 {
            return None;
        }
        rest = &r[v_end..];
    }
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    rest = rest.trim_start();
    if rest
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("code:"))
    {
        rest = rest[5..].trim_start();
    }
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
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

/// `400 Bad Request` with no `HTTP/1.1`: accepted only as the first non-blank line of a fence.
fn bare_status(line: &str) -> Option<(u16, String)> {
    let t = line.trim();
    let code = t.get(..3)?;
    let rest = &t[3..];
    if !code.bytes().all(|b| b.is_ascii_digit())
        || !(rest.is_empty() || rest.starts_with(' '))
        || !rest
            .trim()
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ')
    {
        return None;
    }
    let status: u16 = code.parse().ok()?;
    (100..=599)
        .contains(&status)
        .then(|| (status, rest.trim().to_string()))
}

/// Parse a request line: an upper-case method, whitespace, and a non-empty target. A
/// method glued to a path (`DELETE/identity/...`) is accepted too.
pub fn parse_request_line(line: &str) -> Option<(String, RequestTarget)> {
    let t = line.trim();
    // Every method starts with one of these; most lines of a fence (JSON bodies) do not.
    if !t.starts_with(['G', 'P', 'D', 'H', 'O']) {
        return None;
    }
    let (method, rest) = match t.split_once(char::is_whitespace) {
        Some((m, rest)) if METHODS.contains(&m) => (m, rest),
        _ => {
            let m = METHODS
                .iter()
                .find(|m| t.strip_prefix(**m).is_some_and(|r| r.starts_with('/')))?;
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
    RequestTarget {
        raw,
        host,
        version,
        path: PathTemplate::from_segments(segments),
        query,
    }
}

fn strip_http_version(s: &str) -> &str {
    match s.rsplit_once(char::is_whitespace) {
        Some((head, last)) if strip_prefix_ci(last, "http/").is_some() => head.trim_end(),
        _ => s,
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn is_domain(seg: &str) -> bool {
    let parts: Vec<&str> = seg.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && parts
            .last()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()))
}

impl RequestTarget {
    /// The target is a Graph URL: relative, or on a Graph host (not a bot's callback URL or
    /// an upload URL on another host).
    pub fn is_graph(&self) -> bool {
        self.host.as_deref().is_none_or(is_graph_host)
    }
}

fn is_graph_host(host: &str) -> bool {
    host.to_ascii_lowercase().contains("graph")
}

/// Split a path into segments: `/` separates outside brackets and quotes; `x:/inner:`
/// introduces a colon path.
fn split_path(s: &str) -> Vec<Segment> {
    // Every delimiter is ASCII, so a byte scan finds the same boundaries as a char scan
    // (UTF-8 continuation bytes are never ASCII) without collecting the chars first.
    let bytes = s.as_bytes();
    let mut segments = Vec::new();
    let mut depth = 0i32;
    let mut in_quote = false;
    let mut start = 0usize; // byte offset of current segment
    let mut i = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' if depth > 0 => in_quote = !in_quote,
            _ if in_quote => {}
            b'{' | b'(' | b'[' | b'<' => depth += 1,
            b'}' | b')' | b']' | b'>' => depth = (depth - 1).max(0),
            b'/' if depth == 0 => {
                push_segment(&mut segments, &s[start..i]);
                start = i + 1;
            }
            b':' if depth == 0 && bytes.get(i + 1) == Some(&b'/') => {
                push_segment(&mut segments, &s[start..i]);
                // Colon path runs to the next `:` at depth 0 that ends it (followed by
                // `/` or the end), or to the end of the path.
                let inner_start = i + 2;
                let mut j = i + 2;
                let mut d = 0i32;
                let mut inner_end = s.len();
                let mut resume = bytes.len();
                while j < bytes.len() {
                    match bytes[j] {
                        b'{' | b'(' | b'[' | b'<' => d += 1,
                        b'}' | b')' | b']' | b'>' => d = (d - 1).max(0),
                        b':' if d == 0 && bytes.get(j + 1).is_none_or(|&n| n == b'/') => {
                            inner_end = j;
                            resume = j + 1;
                            break;
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let inner = s
                    .get(inner_start..inner_end)
                    .unwrap_or("")
                    .trim_matches('/');
                segments.push(Segment::ColonPath(inner.to_string()));
                i = resume;
                start = i.min(s.len());
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
    if t.eq_ignore_ascii_case("$ref") {
        return Segment::Ref;
    }
    if t.eq_ignore_ascii_case("$value") {
        return Segment::Value;
    }
    if t.eq_ignore_ascii_case("$count") {
        return Segment::Count;
    }
    if let Some(inner) = t.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        if !inner.contains(['{', '}']) {
            return Segment::Param {
                names: param_names(inner),
            };
        }
    }
    // `{user-id} | user-principal-name`: alternatives with the braces misplaced.
    if t.starts_with('{') && t.contains('|') {
        let names = param_names(&t.replace(['{', '}'], ""));
        if names.len() > 1
            && names.iter().all(|n| {
                n.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
            })
        {
            return Segment::Param { names };
        }
    }
    if let Some(inner) = t.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
        if !inner.contains(['<', '>']) {
            return Segment::Param {
                names: param_names(inner),
            };
        }
    }
    if let Some(open) = t.find('(') {
        if open > 0 {
            let name = t[..open].trim().to_string();
            let inner = &t[open + 1..];
            let inner = inner.strip_suffix(')').unwrap_or(inner);
            return Segment::KeyPredicate {
                name,
                args: split_args(inner),
            };
        }
    }
    if strip_prefix_ci(t, "microsoft.graph.").is_some() {
        return Segment::Cast(t.to_string());
    }
    Segment::Literal(t.to_string())
}

fn param_names(inner: &str) -> Vec<String> {
    inner
        .split('|')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
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
            Some(eq) => args.push((
                Some(p[..eq].trim().to_string()),
                p[eq + 1..].trim().to_string(),
            )),
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
                    && key
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '$' | '@'));
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
                    write_segment(&mut text, other);
                }
            }
        }
        if !text.starts_with('/') {
            text.insert(0, '/');
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
            && self
                .segments
                .iter()
                .zip(&other.segments)
                .all(|(a, b)| segment_matches(a, b))
    }

    /// Does this template, read as a **request syntax line**, admit `example` (an example
    /// request's path)? Stricter about what the syntax says, looser about how examples fill
    /// it in, following OData addressing rules the docs rely on without repeating them:
    ///
    /// * everything [`PathTemplate::matches`] accepts (placeholders, case);
    /// * key-as-segment and key-in-parentheses are one address: `messages('AAMk=')` and
    ///   `messages/{id}`;
    /// * `/me` is `/users/{id}` (either side);
    /// * a function's arguments are filled in by the example: `getX(period='D7')` fits
    ///   `getX(period='{period_value}')` and `getY(on='parameterValue')` — named arguments
    ///   must agree by name, their values are the example's to choose;
    /// * a placeholder in quotes (`'{keyId}'`) and a concrete GUID written in a syntax line
    ///   stand for any segment;
    /// * an example may append a cast (`/microsoft.graph.group`) and/or `/$count` to a
    ///   syntax path that ends in a collection.
    ///
    /// `$ref`, `$value` and other segments must still be there: a syntax line ending in
    /// `/$ref` does not admit the same path without it.
    pub fn admits(&self, example: &PathTemplate) -> bool {
        let syntax = normalize_for_admits(&self.segments);
        let mut ex = normalize_for_admits(&example.segments);
        if admits_segments(&syntax, &ex) {
            return true;
        }
        // OData suffixes on a collection: `…/members/microsoft.graph.user/$count`.
        let mut stripped = false;
        if matches!(ex.last(), Some(Segment::Count)) && !matches!(syntax.last(), Some(Segment::Count)) {
            ex.pop();
            stripped = true;
        }
        if matches!(ex.last(), Some(Segment::Cast(_))) && !matches!(syntax.last(), Some(Segment::Cast(_))) {
            ex.pop();
            stripped = true;
        }
        stripped && admits_segments(&syntax, &ex)
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
    let mut out = String::new();
    write_segment(&mut out, seg);
    out
}

/// Append the segment as it appears in a path (colon paths with their colons).
fn write_segment(out: &mut String, seg: &Segment) {
    match seg {
        Segment::Literal(s) | Segment::Cast(s) => out.push_str(s),
        Segment::Param { names } => {
            out.push('{');
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                out.push_str(name);
            }
            out.push('}');
        }
        Segment::KeyPredicate { name, args } => {
            out.push_str(name);
            out.push('(');
            for (i, (k, v)) in args.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if let Some(k) = k {
                    out.push_str(k);
                    out.push('=');
                }
                out.push_str(v);
            }
            out.push(')');
        }
        Segment::Ref => out.push_str("$ref"),
        Segment::Value => out.push_str("$value"),
        Segment::Count => out.push_str("$count"),
        Segment::ColonPath(p) => {
            out.push_str(":/");
            out.push_str(p);
            out.push(':');
        }
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

/// Rewrite a path into the canonical addressing [`PathTemplate::admits`] compares:
/// `x('key')` → `x` + key, leading `me` → `users` + `{me}`.
fn normalize_for_admits(segments: &[Segment]) -> Vec<Segment> {
    let mut out = Vec::with_capacity(segments.len() + 2);
    for (i, seg) in segments.iter().enumerate() {
        match seg {
            Segment::Literal(l) if i == 0 && l.eq_ignore_ascii_case("me") => {
                out.push(Segment::Literal("users".into()));
                out.push(Segment::Param { names: vec!["me".into()] });
            }
            Segment::KeyPredicate { name, args } if args.len() == 1 && args[0].0.is_none() => {
                out.push(Segment::Literal(name.clone()));
                let key = args[0].1.trim().trim_matches(['\'', '"']);
                out.push(if is_placeholder(key) {
                    Segment::Param { names: vec![key.trim_matches(['{', '}', '<', '>']).to_string()] }
                } else {
                    Segment::Literal(key.to_string())
                });
            }
            other => out.push(other.clone()),
        }
    }
    out
}

fn admits_segments(syntax: &[Segment], example: &[Segment]) -> bool {
    syntax.len() == example.len() && syntax.iter().zip(example).all(|(s, e)| admits_segment(s, e))
}

fn admits_segment(syntax: &Segment, example: &Segment) -> bool {
    use Segment::*;
    match (syntax, example) {
        // `'{bitlockerKeyId}'`, or a concrete GUID where a placeholder belongs.
        (Literal(s), Literal(_) | KeyPredicate { .. } | Cast(_)) if is_placeholder(s) || looks_like_guid(s) => true,
        (KeyPredicate { name: n1, args: a1 }, KeyPredicate { name: n2, args: a2 }) => {
            if !n1.eq_ignore_ascii_case(n2) || a1.len() != a2.len() {
                return false;
            }
            let keyed = |args: &[(Option<String>, String)]| {
                let mut keys: Vec<String> = args.iter().filter_map(|(k, _)| k.as_ref().map(|k| k.to_ascii_lowercase())).collect();
                keys.sort();
                keys
            };
            keyed(a1) == keyed(a2)
        }
        _ => segment_matches(syntax, example),
    }
}

/// `8-4-4-4-12` hex digits.
pub fn looks_like_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts.iter().zip([8, 4, 4, 4, 12]).all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
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
    Request {
        method: String,
        target: RequestTarget,
    },
    Response {
        status: u16,
        reason: String,
    },
}

struct Builder<'a> {
    line: u32,
    start: StartLine,
    headers: Vec<Header>,
    phase: Phase,
    body_start: u32,
    body: Vec<&'a str>,
    /// A blank line followed the start line before any header.
    blank_after_start: bool,
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
            blank_after_start: false,
            held: Vec::new(),
            json: None,
        }
    }

    /// May `line` (a request or status line) start a new message here? Inside an open
    /// JSON body only an unindented start line does.
    fn yields_to_start_line(
        &self,
        line: &str,
        is_request: bool,
        target: Option<&RequestTarget>,
    ) -> bool {
        if matches!(self.phase, Phase::Start | Phase::Headers) {
            return true;
        }
        // Once a body may have started, prose such as `DELETE this note` is body text.
        if is_request && !target.is_some_and(looks_like_url) {
            return false;
        }
        if self.phase != Phase::Body {
            return true;
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
                    } else {
                        self.blank_after_start = true;
                    }
                } else if line.trim().eq_ignore_ascii_case("or") {
                    // Syntax fences: `GET /a` / `or` / `GET /b`.
                } else if let Some((name, value)) = header_line(line).filter(|(name, _)| {
                    // After `start line, blank line`, only a well-known HTTP header opens
                    // a header block; `BEGIN:VCARD` or `From: …` (MIME) start the body.
                    self.phase == Phase::Headers || !self.blank_after_start || is_http_header(name)
                }) {
                    self.headers.push(Header {
                        line: i,
                        name,
                        value,
                    });
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
                    self.headers.push(Header {
                        line: i,
                        name,
                        value,
                    });
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
            Some(Body {
                line: self.body_start,
                text,
                content_type,
                kind,
            })
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

/// Is `line` a header line (`Name: value`)?
pub fn is_header_line(line: &str) -> bool {
    header_line(line).is_some()
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

/// Header names seen in Graph requests and responses (compared case-insensitively), plus
/// the `x-ms-` and `ocp-` families. `Date` is left out: after a blank line it is far more
/// likely to be MIME content.
fn is_http_header(name: &str) -> bool {
    const KNOWN: &[&str] = &[
        "accept",
        "accept-encoding",
        "accept-language",
        "authorization",
        "cache-control",
        "client-request-id",
        "consistencylevel",
        "content-encoding",
        "content-language",
        "content-length",
        "content-location",
        "content-range",
        "content-type",
        "etag",
        "host",
        "if-match",
        "if-none-match",
        "location",
        "odata-maxversion",
        "odata-version",
        "operation-location",
        "prefer",
        "preference-applied",
        "range",
        "request-id",
        "retry-after",
        "transfer-encoding",
        "user-agent",
        "workbook-session-id",
    ];
    let lower = name.to_ascii_lowercase();
    KNOWN.contains(&lower.as_str()) || lower.starts_with("x-ms-") || lower.starts_with("ocp-")
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
                "application/octet-stream"
                    | "application/zip"
                    | "application/pdf"
                    | "application/x-zip-compressed"
            )
        {
            return BodyKind::Binary;
        }
        if mime.starts_with("text/") {
            return BodyKind::Text;
        }
        if mime.contains("json") {
            return if json_like {
                BodyKind::Json
            } else {
                BodyKind::Other
            };
        }
        if !mime.is_empty() {
            return if json_like {
                BodyKind::Json
            } else {
                BodyKind::Other
            };
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
    let mut seen_text = false;
    // `content.split('\n')`, with memchr's vectorized search (a fence is mostly short lines).
    let ends = memchr::memchr_iter(b'\n', content.as_bytes()).chain(std::iter::once(content.len()));
    let mut from = 0;
    for (i, end) in ends.enumerate() {
        let line = &content[from..end];
        from = end + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        // A status line starts with `HTTP` (any case), a bare status with a digit; most
        // lines (JSON bodies) start with neither.
        let first = line.trim_start().as_bytes().first().copied().unwrap_or(b' ');
        let start = if let Some((status, reason)) = matches!(first, b'H' | b'h').then(|| parse_status_line(line)).flatten() {
            Some(StartLine::Response { status, reason })
        } else if let Some((status, reason)) = (!seen_text && first.is_ascii_digit()).then(|| bare_status(line)).flatten() {
            Some(StartLine::Response { status, reason })
        } else {
            parse_request_line(line).map(|(method, target)| StartLine::Request { method, target })
        };
        seen_text |= !line.trim().is_empty();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn target(line: &str) -> RequestTarget {
        parse_request_line(line).expect("request line").1
    }

    fn segs(line: &str) -> Vec<Segment> {
        target(line).path.segments
    }

    fn param(names: &[&str]) -> Segment {
        Segment::Param { names: names.iter().map(|n| n.to_string()).collect() }
    }

    fn lit(s: &str) -> Segment {
        Segment::Literal(s.into())
    }

    #[test]
    fn request_lines_with_placeholders_alternates_and_odata_segments() {
        assert_eq!(segs("GET /users/{id | userPrincipalName}/photo/$value"), [lit("users"), param(&["id", "userPrincipalName"]), lit("photo"), Segment::Value]);
        assert_eq!(segs("POST /groups/{id}/owners/$ref"), [lit("groups"), param(&["id"]), lit("owners"), Segment::Ref]);
        assert_eq!(segs("GET /groups/{id}/members/microsoft.graph.user/$count"), [
            lit("groups"),
            param(&["id"]),
            lit("members"),
            Segment::Cast("microsoft.graph.user".into()),
            Segment::Count
        ]);
        assert_eq!(segs("GET /applications(appId='{appId}')"), [Segment::KeyPredicate {
            name: "applications".into(),
            args: vec![(Some("appId".into()), "'{appId}'".into())]
        }]);
        assert_eq!(segs("GET /reports/getEmailActivityCounts(period='{period_value}')")[1], Segment::KeyPredicate {
            name: "getEmailActivityCounts".into(),
            args: vec![(Some("period".into()), "'{period_value}'".into())]
        });
        assert_eq!(segs("GET /drives/{drive-id}/root:/{item-path}:/content"), [
            lit("drives"),
            param(&["drive-id"]),
            lit("root"),
            Segment::ColonPath("{item-path}".into()),
            lit("content")
        ]);
    }

    #[test]
    fn hosts_versions_queries_and_broken_lines() {
        let t = target("GET https://graph.microsoft.com/v1.0/me/events?$select=subject&$filter=start/dateTime ge '2021-01-01'");
        assert_eq!((t.host.as_deref(), t.version.as_deref()), (Some("graph.microsoft.com"), Some("v1.0")));
        assert_eq!(t.path.text, "/me/events");
        assert_eq!(t.query.as_deref(), Some("$select=subject&$filter=start/dateTime ge '2021-01-01'"));
        assert!(t.is_graph());
        let t = target("GET https://graph/microsoft.com/beta/me");
        assert_eq!((t.host.as_deref(), t.version.as_deref(), t.path.text.as_str()), (Some("graph.microsoft.com"), Some("beta"), "/me"));
        assert!(!target("POST https://bot.example.org/callback").is_graph());
        assert_eq!(target("GET me/devices").path.text, "/me/devices");
        let t = target("GET /me/notes/pages/{id}/$value[?includeIDs=true]");
        assert_eq!((t.path.text.as_str(), t.query.as_deref()), ("/me/notes/pages/{id}/$value", Some("includeIDs=true")));
        let t = target("PATCH https://graph.microsoft.com/beta** Entity URI for microsoft.x.y not found");
        assert!(t.path.segments.is_empty());
        assert!(parse_request_line("get /me").is_none(), "methods are upper case");
    }

    #[test]
    fn status_lines_keep_the_code_and_ignore_the_reason_phrase() {
        assert_eq!(parse_status_line("HTTP/1.1 204 Created"), Some((204, "Created".into())));
        assert_eq!(parse_status_line("HTTP/1.1 201 OK"), Some((201, "OK".into())));
        assert_eq!(parse_status_line("HTTP/1.1 422"), Some((422, String::new())));
        assert_eq!(parse_status_line("HTTP/1.1 202 Accpted"), Some((202, "Accpted".into())));
        assert_eq!(parse_status_line("HTTP 200 OK").map(|s| s.0), Some(200));
        assert!(parse_status_line("HTTP/1.1 OK").is_none());
    }

    fn one(content: &str) -> HttpMessage {
        let mut m = parse_http_fence(content);
        assert_eq!(m.len(), 1, "{m:#?}");
        m.remove(0)
    }

    #[test]
    fn headers_and_body_kinds() {
        let HttpMessage::Request(r) = one("POST https://graph.microsoft.com/v1.0/me/things\n\nContent-type: application/json\nContent-length: xxx\n\n{\n  \"a\": 1\n}\n") else { panic!() };
        assert_eq!(r.headers.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), ["Content-type", "Content-length"]);
        let body = r.body.unwrap();
        assert_eq!((body.kind, body.line, body.content_type.as_deref()), (BodyKind::Json, 5, Some("application/json")));

        let HttpMessage::Response(r) = one("HTTP/1.1 200 OK\nContent-Type: text/plain\n\nReport Date,Count\n") else { panic!() };
        assert_eq!(r.body.unwrap().kind, BodyKind::Text);
        let HttpMessage::Response(r) = one("HTTP/1.1 200 OK\nContent-Type: application/octet-stream\n\n(binary data)\n") else { panic!() };
        assert_eq!(r.body.unwrap().kind, BodyKind::Binary);
        let HttpMessage::Request(r) = one("PUT /me/photo/$value\nContent-type: image/jpeg\n\n[JPEG bytes]\n") else { panic!() };
        assert_eq!(r.body.unwrap().kind, BodyKind::Binary);
        let HttpMessage::Request(r) = one("POST /me/notes/pages\nContent-type: multipart/form-data; boundary=Part\n\n--Part\nContent-Disposition: form-data; name=\"Presentation\"\n\n<html/>\n--Part--\n") else { panic!() };
        assert_eq!(r.body.unwrap().kind, BodyKind::Multipart);
        // Headers that run straight into the body, and headers written after a JSON body.
        let HttpMessage::Request(r) = one("POST /a\nContent-Type: application/json\n{\"x\": 1}\nAuthorization: Bearer {token}\n") else { panic!() };
        assert_eq!(r.headers.len(), 2);
        assert_eq!(r.body.unwrap().text, "{\"x\": 1}");
    }

    #[test]
    fn request_and_response_in_one_fence() {
        let m = parse_http_fence("POST /things\nContent-Type: application/json\n\n{\n  \"a\": 1\n}\n\nHTTP/1.1 201 No Content\n");
        assert_eq!(m.len(), 2);
        assert!(matches!(&m[0], HttpMessage::Request(r) if r.body.as_ref().is_some_and(|b| b.text.ends_with('}'))));
        assert!(matches!(&m[1], HttpMessage::Response(r) if r.status == 201 && r.line == 7));
    }

    #[test]
    fn syntax_lines_admit_examples_that_fill_them_in() {
        let admits = |syntax: &str, example: &str| {
            PathTemplate::parse(syntax).admits(&target(&format!("GET {example}")).path)
        };
        // Placeholders, case, alternates.
        assert!(admits("/users/{id | userPrincipalName}/mailFolders/{id}", "/users/a@b.com/mailfolders/inbox"));
        // Key in parentheses vs key segment, either side.
        assert!(admits("/me/messages/{id}", "/me/messages('AAMk=')"));
        assert!(admits("/rules('{id}')", "/rules/abc"));
        // `/me` is `/users/{id}`.
        assert!(admits("/users/{id}/messages/{id}/unsubscribe", "/me/messages/AAMk=/unsubscribe"));
        assert!(admits("/me/calendar", "/users/jo@contoso.com/calendar"));
        // Function arguments filled in.
        assert!(admits("/reports/getX(period='{period_value}')", "/reports/getX(period='D7')"));
        assert!(admits("/requests/filterByCurrentUser(on='parameterValue')", "/requests/filterByCurrentUser(on='reviewer')"));
        assert!(!admits("/requests/filterByCurrentUser(on='x')", "/requests/filterByCurrentUser(by='x')"));
        // Quoted placeholders and concrete GUIDs in syntax lines.
        assert!(admits("/keys/'{keyId}'", "/keys/b465e4e8"));
        assert!(admits("/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/items", "/classes/c42f493f-42b4-4e7d-8148-af894cbc518b/items"));
        // OData suffixes on a collection.
        assert!(admits("/groups/{id}/members", "/groups/{id}/members/$count"));
        assert!(admits("/groups/{id}/members", "/groups/{id}/members/microsoft.graph.user"));
        assert!(admits("/groups/{id}/members", "/groups/{id}/members/microsoft.graph.user/$count"));
        // True mismatches stay mismatches.
        assert!(!admits("/groups/{id}/owners/$ref", "/groups/{id}/owners"));
        assert!(!admits("/external/connections/{id}", "/connections/contosohr"));
        assert!(!admits("/groups/{id}/members", "/groups/{id}/members/$value"));
        assert!(!admits("/me/drive/items/{item-id}/children", "/me/drive/root/children/x"));
    }
}
