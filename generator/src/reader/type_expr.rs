//! The Type column grammar (corpus guide §6) and the flags hidden in Description cells
//! (§6.4, §4.3).
//!
//! A Type cell is parsed into a [`TypeExpr`]: a primitive, a named type (with its link),
//! a union, an untyped JSON value, or [`TypeShape::Unparsed`] when the cell is prose or
//! otherwise not a type. Parsing never fails and never panics; callers report `Unparsed`
//! cells as diagnostics.
//!
//! Accepted forms, after HTML entities, `<br>`, backticks and `*` emphasis are removed:
//!
//! ```text
//! cell        := lead? expr trailer*
//! lead        := "(" ("Optional" | "Required") ")"
//! expr        := "Collection" "(" union ")" | "collection of" union | union
//! union       := alt (("or" | "/") alt)*          -- "/" only between primitives
//! alt         := atom "collection"*
//! atom        := link | word | "(" union ")" | "JSON object" | "Untyped JSON object"
//!              | "Unknown Type" word               -- intune generator output
//! trailer     := "collection" | "(" anything ")" | "," anything
//!              | "enum" | "resource" | "object" | "type" | "entity" | "."
//! link        := "[" text "]" ( "(" url ")" | "(" url EOF | "[" label? "]" | ε )
//! ```
//!
//! Decisions worth knowing:
//! * `Float` maps to [`Primitive::Double`]: the three corpus cells describe JSON numbers
//!   with no stated precision, and `Double` never loses data that `Single` would keep.
//! * `int`/`Integer` → `Int32`, `long` → `Int64`, `DateTime` → `DateTimeOffset`,
//!   `number`/`numeric` → `Double`, `GUID` → `Guid`. `url`, `Object` and other unknown
//!   words stay [`TypeShape::Named`] as written; the symbol table decides.
//! * `Json`, `Edm.Json`, `microsoft.graph.Json`, `JSON object`, `Untyped JSON object` →
//!   [`TypeShape::Untyped`]. An `Edm.` name that is not an EDM primitive is `Unparsed`.
//! * `** Unknown Type `x.y.z` **` (intune) → `Named { name: "x.y.z" }`, so the caller's
//!   resolver reports it like any other unknown name.
//! * A trailing sentence (`X collection. Holds grades…`) makes the cell `Unparsed`: the
//!   same shape is produced by header tables whose value column is called Type.

use serde::Serialize;

use super::text::normalize_cell_cow;

/// A parsed Type cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeExpr {
    /// The trimmed raw cell (for union members: the member's text after normalization).
    pub written: String,
    /// What the cell denotes.
    pub shape: TypeShape,
    /// `X collection`, `Collection(X)`, `collection of X`.
    pub collection: bool,
}

/// The shape of a Type cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TypeShape {
    /// A canonical EDM primitive.
    Primitive(Primitive),
    /// A named (complex, entity or enum) type.
    Named {
        /// As written (qualified if written qualified), without a leading `#`.
        name: String,
        /// Inline link target as written, e.g. `../resources/x.md`, `enums.md#x-values`.
        link: Option<String>,
        /// For reference-style links (`[x][]`, `[x]`, `[text][label]`): the label, which
        /// the caller resolves against the page's link definitions.
        reference_label: Option<String>,
    },
    /// `[a](a.md) or [b](b.md)`, `string/number`, `(boolean or string or number)`.
    Union(Vec<TypeExpr>),
    /// `JSON object`, `Untyped JSON object`, `Json`.
    Untyped,
    /// Anything else: prose, empty cells, header values. The caller reports it.
    Unparsed,
}

/// Canonical EDM primitive types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Primitive {
    String,
    Boolean,
    Int32,
    Int64,
    Int16,
    Byte,
    SByte,
    Double,
    Single,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
}

impl Primitive {
    /// The EDM name, e.g. `Edm.DateTimeOffset`.
    pub fn edm_name(self) -> &'static str {
        match self {
            Primitive::String => "Edm.String",
            Primitive::Boolean => "Edm.Boolean",
            Primitive::Int32 => "Edm.Int32",
            Primitive::Int64 => "Edm.Int64",
            Primitive::Int16 => "Edm.Int16",
            Primitive::Byte => "Edm.Byte",
            Primitive::SByte => "Edm.SByte",
            Primitive::Double => "Edm.Double",
            Primitive::Single => "Edm.Single",
            Primitive::Decimal => "Edm.Decimal",
            Primitive::DateTimeOffset => "Edm.DateTimeOffset",
            Primitive::Date => "Edm.Date",
            Primitive::TimeOfDay => "Edm.TimeOfDay",
            Primitive::Duration => "Edm.Duration",
            Primitive::Guid => "Edm.Guid",
            Primitive::Binary => "Edm.Binary",
            Primitive::Stream => "Edm.Stream",
        }
    }

    /// Look up a primitive by a spelling seen in the docs (case-insensitive, without any
    /// `Edm.` prefix): `string`, `bool`, `int`, `Integer`, `DateTime`, `number`, `GUID`, …
    pub fn from_spelling(word: &str) -> Option<Primitive> {
        Some(match word.to_ascii_lowercase().as_str() {
            "string" => Primitive::String,
            "boolean" | "bool" => Primitive::Boolean,
            "int32" | "int" | "integer" => Primitive::Int32,
            "int64" | "long" => Primitive::Int64,
            "int16" => Primitive::Int16,
            "byte" => Primitive::Byte,
            "sbyte" => Primitive::SByte,
            "double" | "number" | "numeric" | "float" => Primitive::Double,
            "single" => Primitive::Single,
            "decimal" => Primitive::Decimal,
            "datetimeoffset" | "datetime" => Primitive::DateTimeOffset,
            "date" => Primitive::Date,
            "timeofday" => Primitive::TimeOfDay,
            "duration" => Primitive::Duration,
            "guid" => Primitive::Guid,
            "binary" => Primitive::Binary,
            "stream" => Primitive::Stream,
            _ => return None,
        })
    }
}

impl TypeExpr {
    /// True when the cell (or any union member) could not be parsed.
    pub fn is_unparsed(&self) -> bool {
        match &self.shape {
            TypeShape::Unparsed => true,
            TypeShape::Union(items) => items.iter().any(TypeExpr::is_unparsed),
            _ => false,
        }
    }
}

/// Parse the raw markdown text of a Type cell.
pub fn parse_type_cell(cell: &str) -> TypeExpr {
    let written = cell.trim().to_string();
    let clean = clean_cell(cell);
    let parsed = match simple_cell(&clean) {
        Some(parsed) => parsed,
        None => {
            let toks = tokenize(&clean);
            let mut p = Parser {
                src: &clean,
                toks: &toks,
                pos: 0,
            };
            p.cell()
        }
    };
    match parsed {
        Some((shape, collection)) => TypeExpr {
            written,
            shape,
            collection,
        },
        None => TypeExpr {
            written,
            shape: TypeShape::Unparsed,
            collection: false,
        },
    }
}

/// The common cells, read without tokenizing: `word`, `[word](url)`, each optionally
/// followed by `collection` (`String`, `[identitySet](identityset.md) collection`). `None`
/// when the cell has another form; otherwise what [`Parser::cell`] gives (checked against
/// it in debug builds).
fn simple_cell(clean: &str) -> Option<Option<(TypeShape, bool)>> {
    let (head, collection) = match clean.split_once(' ') {
        None => (clean, false),
        Some((head, tail)) if tail.eq_ignore_ascii_case("collection") => (head, true),
        Some(_) => return None,
    };
    let word = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'#'));
    let shape = if word(head) {
        classify_word(head)
    } else {
        let (name, url) = head.strip_prefix('[')?.strip_suffix(')')?.split_once("](")?;
        let url_ok = !url.is_empty() && url.bytes().all(|b| b.is_ascii_graphic() && !b"()[]<>".contains(&b));
        if !word(name) || !url_ok {
            return None;
        }
        classify_link(name, Some(url.to_string()), None)
    };
    let parsed = shape.map(|shape| (shape, collection));
    debug_assert_eq!(
        parsed,
        Parser { src: clean, toks: &tokenize(clean), pos: 0 }.cell(),
        "simple Type cell disagrees with the grammar on {clean:?}"
    );
    Some(parsed)
}

/// Normalize and drop markup that never carries type information: backticks and `*`.
fn clean_cell(cell: &str) -> String {
    let s = normalize_cell_cow(cell);
    // Without backticks, `*` and escapes the passes below change nothing, and without a
    // `<` or `&` normalizing again does not either.
    if !s.contains(['`', '*', '\\', '<', '&']) {
        return s.into_owned();
    }
    let mut s = s.into_owned();
    s.retain(|c| c != '`' && c != '*');
    // Unescape markdown backslash escapes (`\_`, `\|`).
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    normalize_cell_cow(&out).into_owned()
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Link {
        text: String,
        url: Option<String>,
        label: Option<String>,
    },
    LParen,
    RParen,
    Comma,
    Slash,
}

/// A token and its byte span in the cleaned cell.
#[derive(Debug, Clone)]
struct Spanned {
    tok: Tok,
    start: usize,
    end: usize,
}

fn tokenize(s: &str) -> Vec<Spanned> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(s.len(), |&(b, _)| b);
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' | ')' | ',' | '/' => {
                let tok = match c {
                    '(' => Tok::LParen,
                    ')' => Tok::RParen,
                    ',' => Tok::Comma,
                    _ => Tok::Slash,
                };
                toks.push(Spanned {
                    tok,
                    start,
                    end: byte_at(i + 1),
                });
                i += 1;
            }
            // A `]` with no `[` before it (a damaged link) is a word of its own: the word
            // scanner below stops at `]`, so without this arm it would never advance.
            ']' => {
                toks.push(Spanned { tok: Tok::Word("]".into()), start, end: byte_at(i + 1) });
                i += 1;
            }
            '[' => match scan_link(&chars, i) {
                Some((tok, next)) => {
                    toks.push(Spanned {
                        tok,
                        start,
                        end: byte_at(next),
                    });
                    i = next;
                }
                None => {
                    toks.push(Spanned {
                        tok: Tok::Word("[".into()),
                        start,
                        end: byte_at(i + 1),
                    });
                    i += 1;
                }
            },
            _ => {
                // A stray `]` is a one-character word; anything else runs to a break.
                let mut j = i + 1;
                if c != ']' {
                    while j < chars.len() && !is_word_break(chars[j].1) {
                        j += 1;
                    }
                }
                let word: String = chars[i..j].iter().map(|&(_, c)| c).collect();
                toks.push(Spanned {
                    tok: Tok::Word(word),
                    start,
                    end: byte_at(j),
                });
                i = j;
            }
        }
    }
    toks
}

fn is_word_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | ',' | '/' | '[' | ']')
}

/// Scan `[text](url)`, `[text](url` (unclosed), `[text][label]`, `[text][]`, `[text]`
/// starting at `chars[i] == '['`. Returns the token and the index after it.
fn scan_link(chars: &[(usize, char)], i: usize) -> Option<(Tok, usize)> {
    let close = matching(chars, i, '[', ']')?;
    let text: String = chars[i + 1..close].iter().map(|&(_, c)| c).collect();
    let text = text.trim().to_string();
    let next = close + 1;
    match chars.get(next).map(|&(_, c)| c) {
        Some('(') => {
            let (end, after) = match matching(chars, next, '(', ')') {
                Some(end) => (end, end + 1),
                None => (chars.len(), chars.len()),
            };
            let raw: String = chars[next + 1..end].iter().map(|&(_, c)| c).collect();
            // Drop an optional title (`"..."`) and angle brackets.
            let url = raw.split_whitespace().next().unwrap_or("");
            let url = url
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string();
            Some((
                Tok::Link {
                    text,
                    url: Some(url),
                    label: None,
                },
                after,
            ))
        }
        Some('[') => {
            let end = matching(chars, next, '[', ']')?;
            let label: String = chars[next + 1..end].iter().map(|&(_, c)| c).collect();
            let label = label.trim();
            let label = if label.is_empty() {
                text.clone()
            } else {
                label.to_string()
            };
            Some((
                Tok::Link {
                    text,
                    url: None,
                    label: Some(label),
                },
                end + 1,
            ))
        }
        _ => {
            let label = text.clone();
            Some((
                Tok::Link {
                    text,
                    url: None,
                    label: Some(label),
                },
                next,
            ))
        }
    }
}

/// Index of the bracket matching the opener at `chars[i]`, honouring nesting.
fn matching(chars: &[(usize, char)], i: usize, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (j, &(_, c)) in chars.iter().enumerate().skip(i) {
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(j);
            }
        }
    }
    None
}

struct Parser<'a> {
    src: &'a str,
    toks: &'a [Spanned],
    pos: usize,
}

const TRAILING_WORDS: &[&str] = &["enum", "resource", "object", "type", "entity", "."];

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|s| &s.tok)
    }

    fn peek_at(&self, ahead: usize) -> Option<&Tok> {
        self.toks.get(self.pos + ahead).map(|s| &s.tok)
    }

    fn word_is(&self, ahead: usize, want: &str) -> bool {
        matches!(self.peek_at(ahead), Some(Tok::Word(w)) if w.eq_ignore_ascii_case(want))
    }

    fn text(&self, from: usize, to: usize) -> String {
        match (
            self.toks.get(from),
            to.checked_sub(1).and_then(|t| self.toks.get(t)),
        ) {
            (Some(a), Some(b)) if b.end >= a.start => self.src[a.start..b.end].to_string(),
            _ => String::new(),
        }
    }

    fn cell(&mut self) -> Option<(TypeShape, bool)> {
        // Leading `(Optional)` / `(Required)`.
        if self.peek() == Some(&Tok::LParen)
            && (self.word_is(1, "optional") || self.word_is(1, "required"))
            && self.peek_at(2) == Some(&Tok::RParen)
        {
            self.pos += 3;
        }
        let (shape, mut collection) = self.expr()?;
        // Trailers.
        while let Some(tok) = self.peek() {
            match tok {
                Tok::Word(w) if w.eq_ignore_ascii_case("collection") => {
                    collection = true;
                    self.pos += 1;
                }
                Tok::Word(w) if TRAILING_WORDS.iter().any(|t| w.eq_ignore_ascii_case(t)) => {
                    self.pos += 1;
                }
                Tok::LParen => {
                    let close = self.matching_paren(self.pos)?;
                    self.pos = close + 1;
                }
                Tok::Comma => self.pos = self.toks.len(),
                _ => return None,
            }
        }
        Some((shape, collection))
    }

    fn matching_paren(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        for (j, s) in self.toks.iter().enumerate().skip(open) {
            match s.tok {
                Tok::LParen => depth += 1,
                Tok::RParen => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(j);
                    }
                }
                _ => {}
            }
        }
        None
    }

    fn expr(&mut self) -> Option<(TypeShape, bool)> {
        if self.word_is(0, "collection") && self.peek_at(1) == Some(&Tok::LParen) {
            self.pos += 2;
            let inner = self.union()?;
            if self.peek() != Some(&Tok::RParen) {
                return None;
            }
            self.pos += 1;
            return Some((inner.shape, true));
        }
        if self.word_is(0, "collection") && self.word_is(1, "of") {
            self.pos += 2;
            let inner = self.union()?;
            return Some((inner.shape, true));
        }
        let e = self.union()?;
        Some((e.shape, e.collection))
    }

    fn union(&mut self) -> Option<TypeExpr> {
        let mut alts = vec![self.alt()?];
        let mut slash = false;
        loop {
            match self.peek() {
                Some(Tok::Slash) => slash = true,
                Some(Tok::Word(w)) if w.eq_ignore_ascii_case("or") => {}
                _ => break,
            }
            self.pos += 1;
            alts.push(self.alt()?);
        }
        if alts.len() == 1 {
            return alts.pop();
        }
        // `a/b` is only a union between primitives (`string/number`); otherwise it is a
        // MIME type (`application/json`) or prose.
        if slash
            && !alts
                .iter()
                .all(|a| matches!(a.shape, TypeShape::Primitive(_) | TypeShape::Untyped))
        {
            return None;
        }
        let written = alts
            .iter()
            .map(|a| a.written.as_str())
            .collect::<Vec<_>>()
            .join(" or ");
        Some(TypeExpr {
            written,
            shape: TypeShape::Union(alts),
            collection: false,
        })
    }

    fn alt(&mut self) -> Option<TypeExpr> {
        let start = self.pos;
        let mut e = self.atom()?;
        while self.word_is(0, "collection") && self.peek_at(1) != Some(&Tok::LParen) {
            self.pos += 1;
            e.collection = true;
        }
        if !matches!(e.shape, TypeShape::Union(_)) {
            e.written = self.text(start, self.pos);
        }
        Some(e)
    }

    fn atom(&mut self) -> Option<TypeExpr> {
        let start = self.pos;
        let tok = self.peek()?.clone();
        let shape = match tok {
            Tok::LParen => {
                self.pos += 1;
                let mut inner = self.union()?;
                if self.peek() != Some(&Tok::RParen) {
                    return None;
                }
                self.pos += 1;
                inner.written = self.text(start, self.pos);
                return Some(inner);
            }
            Tok::Link { text, url, label } => {
                self.pos += 1;
                classify_link(&text, url, label)?
            }
            Tok::Word(w) => {
                if w.eq_ignore_ascii_case("untyped") && self.word_is(1, "json") {
                    self.pos += 2;
                    if self.word_is(0, "object") {
                        self.pos += 1;
                    }
                    TypeShape::Untyped
                } else if w.eq_ignore_ascii_case("json") && self.word_is(1, "object") {
                    self.pos += 2;
                    TypeShape::Untyped
                } else if w.eq_ignore_ascii_case("unknown") && self.word_is(1, "type") {
                    self.pos += 2;
                    match self.peek() {
                        Some(Tok::Word(name)) if is_qualified_ident(name) => {
                            let name = name.clone();
                            self.pos += 1;
                            TypeShape::Named {
                                name,
                                link: None,
                                reference_label: None,
                            }
                        }
                        _ => return None,
                    }
                } else {
                    self.pos += 1;
                    classify_word(&w)?
                }
            }
            _ => return None,
        };
        Some(TypeExpr {
            written: self.text(start, self.pos),
            shape,
            collection: false,
        })
    }
}

/// Classify a bare word: EDM primitive (with or without `Edm.`/`microsoft.graph.`),
/// `Json`, or a named type.
fn classify_word(word: &str) -> Option<TypeShape> {
    let w = word.trim_start_matches('#').trim_end_matches('.');
    if w.is_empty() {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("edm.") {
        return match Primitive::from_spelling(rest) {
            Some(p) => Some(TypeShape::Primitive(p)),
            None if rest == "json" || rest == "untyped" => Some(TypeShape::Untyped),
            None => None,
        };
    }
    let bare = lower.strip_prefix("microsoft.graph.").unwrap_or(&lower);
    if let Some(p) = Primitive::from_spelling(bare) {
        return Some(TypeShape::Primitive(p));
    }
    if bare == "json" {
        return Some(TypeShape::Untyped);
    }
    if is_qualified_ident(w) {
        return Some(TypeShape::Named {
            name: w.to_string(),
            link: None,
            reference_label: None,
        });
    }
    None
}

fn classify_link(text: &str, url: Option<String>, label: Option<String>) -> Option<TypeShape> {
    let name = text.trim().trim_start_matches('#');
    match classify_word(name)? {
        TypeShape::Named { .. } => Some(TypeShape::Named {
            name: name.to_string(),
            link: url,
            reference_label: label,
        }),
        other => Some(other),
    }
}

/// `name` or `a.b.c`, each part an identifier.
fn is_qualified_ident(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|part| {
            let mut chars = part.chars();
            matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// Flags stated in prose in a Description cell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DescriptionFlags {
    /// `Read-only`, `read only`, `readonly`.
    pub read_only: bool,
    /// `Nullable` → `Some(true)`; `Not nullable` / `non-nullable` → `Some(false)`.
    pub nullable: Option<bool>,
    /// Sentence-initial `Required` → `Some(true)`; `Optional` / `Not required` →
    /// `Some(false)`. The first statement wins.
    pub required: Option<bool>,
    /// `Inherited from [name](link)`, or `Inherited from name` when the name looks like a
    /// type name (camelCase or qualified), not an English word.
    pub inherited_from: Option<(String, Option<String>)>,
    /// Values listed after `Possible values are:` / `possible values include`.
    pub possible_values: Vec<String>,
}

/// Read the flags of guide §6.4 and the description-only enum values of §4.3.
pub fn description_flags(desc: &str) -> DescriptionFlags {
    // Performance (docgen bench, `--only read`): this runs on every property row. The text
    // is lower-cased once (ASCII lower-casing keeps byte offsets, so `lower` indexes `text`),
    // and each flag first asks `str::contains`, which is a fast scan for short needles,
    // before any `find`/`match_indices` builds a two-way searcher.
    let text = normalize_cell_cow(desc);
    let text = text.as_ref();
    let lower = text.to_ascii_lowercase();
    DescriptionFlags {
        read_only: read_only(&lower),
        nullable: nullable(&lower),
        required: required(&lower),
        inherited_from: inherited_from(text, &lower),
        possible_values: possible_values(text, &lower),
    }
}

fn read_only(lower: &str) -> bool {
    if !lower.contains("read") {
        return false;
    }
    // "read-only", "read only" or "readonly", not negated.
    lower.match_indices("read").any(|(i, _)| {
        let after = &lower[i + "read".len()..];
        let before = &lower[..i];
        ["-only", " only", "only"].iter().any(|rest| after.starts_with(rest))
            && !(before.ends_with("not ") || before.ends_with("non-") || before.ends_with("non "))
    })
}

fn nullable(lower: &str) -> Option<bool> {
    if !lower.contains("nullable") {
        return None;
    }
    let mut result = None;
    for (i, _) in lower.match_indices("nullable") {
        let before = &lower[..i];
        let negative = before.ends_with("not ")
            || before.ends_with("non-")
            || before.ends_with("non ")
            || before.ends_with("non")
            || before.ends_with("isn't ");
        let after = lower[i + "nullable".len()..].trim_start();
        let negative = negative || after.starts_with(": false") || after.starts_with("=false");
        if negative {
            return Some(false);
        }
        // "nullable" inside another word (e.g. "nonnullable" handled above) is rare; any
        // positive mention counts.
        result = Some(true);
    }
    result
}

/// Sentence starts: index 0 and after `.`, `;`, `!`, `?` or a `<br>`-turned-space that
/// follows sentence punctuation. Parenthesized `(required)` / `(optional)` also count.
fn required(lower: &str) -> Option<bool> {
    if !lower.contains("required") && !lower.contains("optional") {
        return None;
    }
    let mut best: Option<(usize, bool)> = None;
    let mut consider = |pos: usize, value: bool| {
        if best.is_none_or(|(p, _)| pos < p) {
            best = Some((pos, value));
        }
    };
    for (word, value) in [
        ("required", true),
        ("optional", false),
        ("not required", false),
    ] {
        for (i, _) in lower.match_indices(word) {
            let before = lower[..i].trim_end();
            let after = &lower[i + word.len()..];
            let sentence_start = before.is_empty() || before.ends_with(['.', ';', '!', '?', ':']);
            let parenthesized = before.ends_with('(') && after.starts_with(')');
            let next = after.chars().next();
            let ends_clause =
                matches!(next, None | Some('.' | ',' | ';' | ')' | ':')) || after.trim().is_empty();
            let qualifies = value
                && [" on ", " when ", " if ", " for ", " only ", " in "]
                    .iter()
                    .any(|q| after.starts_with(q));
            // "Not required" is matched by its own pattern; skip the inner "required".
            if word == "required" && lower[..i].ends_with("not ") {
                continue;
            }
            if (sentence_start && (ends_clause || qualifies)) || parenthesized {
                consider(i, value);
            }
        }
    }
    best.map(|(_, v)| v)
}

fn inherited_from(text: &str, lower: &str) -> Option<(String, Option<String>)> {
    if !lower.contains("inherited from") {
        return None;
    }
    let i = lower.find("inherited from")?;
    let rest = text[i + "inherited from".len()..].trim_start();
    let rest: String = rest.chars().filter(|&c| c != '*' && c != '`').collect();
    if rest.starts_with('[') {
        let chars: Vec<(usize, char)> = rest.char_indices().collect();
        if let Some((Tok::Link { text, url, .. }, _)) = scan_link(&chars, 0) {
            let name = text.trim().to_string();
            if name.is_empty() {
                return None;
            }
            return Some((name, url));
        }
        return None;
    }
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect();
    let name = name.trim_end_matches('.').to_string();
    // Without a link, only a word that looks like a type name (`microsoft.graph.entity`,
    // `directoryObject`): "inherited from a parent scope", "from the template" are prose.
    let typeish = name.contains('.') || name.chars().skip(1).any(|c| c.is_ascii_uppercase());
    if typeish && is_qualified_ident(&name) {
        Some((name, None))
    } else {
        None
    }
}

fn possible_values(text: &str, lower: &str) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    if !lower.contains("possible values") {
        return values;
    }
    for pat in ["possible values are", "possible values include", "possible values:"] {
        for (i, _) in lower.match_indices(pat) {
            let rest = &text[i + pat.len()..];
            let rest = rest.trim_start_matches(':').trim_start();
            for v in list_values(rest) {
                if !values.contains(&v) {
                    values.push(v);
                }
            }
        }
    }
    values
}

/// The values of one "Possible values are ..." sentence: backticked values if there are
/// any, else emphasized (`**x**`, `*x*`) values, else a comma-separated list of quoted or
/// bare identifiers.
fn list_values(rest: &str) -> Vec<String> {
    // The sentence: up to a '.' that is outside backticks and parentheses and followed by
    // whitespace or the end.
    let mut end = rest.len();
    let mut in_tick = false;
    let mut depth = 0i32;
    let mut iter = rest.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '`' => in_tick = !in_tick,
            '(' if !in_tick => depth += 1,
            ')' if !in_tick => depth -= 1,
            '.' if !in_tick
                && depth <= 0
                && iter.peek().is_none_or(|&(_, n)| n.is_whitespace()) =>
            {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let sentence = &rest[..end];
    let ticked: Vec<String> = sentence
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect();
    if !ticked.is_empty() {
        return ticked;
    }
    // `**Public** or **Private**`, `*A* or *B*`: emphasized values.
    let emphasized: Vec<String> = sentence
        .replace("**", "*")
        .split('*')
        .skip(1)
        .step_by(2)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect();
    if !emphasized.is_empty() && emphasized.iter().all(|v| is_qualified_ident(v)) {
        let mut out: Vec<String> = Vec::new();
        for v in emphasized {
            if !out.contains(&v) {
                out.push(v);
            }
        }
        return out;
    }
    if !sentence.contains(',') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for part in sentence.split(',') {
        let mut p = part.trim();
        for conj in ["and ", "or "] {
            if let Some(s) = p.strip_prefix(conj) {
                p = s.trim();
            }
        }
        // "a or b" inside the last item.
        for piece in p.split(" or ").flat_map(|x| x.split(" and ")) {
            let v = piece
                .trim()
                .trim_matches(|c| c == '*' || c == '\'' || c == '"')
                .trim();
            if !is_qualified_ident(v) {
                return Vec::new();
            }
            out.push(v.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(cell: &str) -> (TypeShape, bool) {
        let e = parse_type_cell(cell);
        (e.shape, e.collection)
    }

    fn named(name: &str, link: Option<&str>, label: Option<&str>) -> TypeShape {
        TypeShape::Named { name: name.into(), link: link.map(str::to_string), reference_label: label.map(str::to_string) }
    }

    #[test]
    fn primitives_in_every_spelling() {
        for (cell, p) in [
            ("String", Primitive::String),
            ("`string`", Primitive::String),
            ("Edm.String", Primitive::String),
            ("bool", Primitive::Boolean),
            ("Integer", Primitive::Int32),
            ("Int64", Primitive::Int64),
            ("DateTimeOffSet", Primitive::DateTimeOffset),
            ("datetime", Primitive::DateTimeOffset),
            ("GUID", Primitive::Guid),
            ("number", Primitive::Double),
            ("microsoft.graph.Binary", Primitive::Binary),
            ("Edm.Stream", Primitive::Stream),
            ("Duration", Primitive::Duration),
        ] {
            assert_eq!(shape(cell), (TypeShape::Primitive(p), false), "{cell}");
        }
    }

    #[test]
    fn collections_links_and_references() {
        assert_eq!(shape("String collection"), (TypeShape::Primitive(Primitive::String), true));
        assert_eq!(shape("Collection(Edm.String)"), (TypeShape::Primitive(Primitive::String), true));
        assert_eq!(shape("collection of [gadget](gadget.md)"), (named("gadget", Some("gadget.md"), None), true));
        assert_eq!(shape("[itemBody](itembody.md)"), (named("itemBody", Some("itembody.md"), None), false));
        assert_eq!(shape("[recipient](../resources/recipient.md) collection"), (named("recipient", Some("../resources/recipient.md"), None), true));
        assert_eq!(shape("[identitySet][]"), (named("identitySet", None, Some("identitySet")), false));
        assert_eq!(shape("[IdentitySet][identity-set] collection"), (named("IdentitySet", None, Some("identity-set")), true));
        // An unclosed link still names its type.
        assert_eq!(shape("[gadgetInfo](gadgetinfo.md").0, named("gadgetInfo", Some("gadgetinfo.md"), None));
        assert_eq!(shape("microsoft.graph.callRecords.session").0, named("microsoft.graph.callRecords.session", None, None));
        assert_eq!(shape("importance").0, named("importance", None, None));
    }

    #[test]
    fn unions_untyped_trailers_and_prose() {
        let (s, _) = shape("[a](a.md) or [b](b.md)");
        assert!(matches!(s, TypeShape::Union(ref items) if items.len() == 2));
        assert!(matches!(shape("string/number").0, TypeShape::Union(_)));
        assert!(matches!(shape("(boolean or string or number) collection"), (TypeShape::Union(_), true)));
        assert_eq!(shape("Json").0, TypeShape::Untyped);
        assert_eq!(shape("Untyped JSON object").0, TypeShape::Untyped);
        assert_eq!(shape("** Unknown Type `microsoft.management.x.y` ** collection"), (named("microsoft.management.x.y", None, None), true));
        assert_eq!(shape("String (optional)").0, TypeShape::Primitive(Primitive::String));
        assert_eq!(shape("(Optional) String").0, TypeShape::Primitive(Primitive::String));
        assert_eq!(shape("string, maximum size 20").0, TypeShape::Primitive(Primitive::String));
        assert_eq!(shape("alertStatus enum").0, named("alertStatus", None, None));
        assert_eq!(shape("String<br/>collection"), (TypeShape::Primitive(Primitive::String), true));
        // Prose and header values are not types.
        assert!(parse_type_cell("application/json. Required.").is_unparsed());
        assert!(parse_type_cell("Moment in time when it was created. DateTimeOffset").is_unparsed());
        assert!(parse_type_cell("[x](x.md) collection. Holds grades").is_unparsed());
        assert!(parse_type_cell("").is_unparsed());
    }

    #[test]
    fn flags_in_descriptions() {
        let f = description_flags("Read-only. Not nullable. Inherited from [entity](entity.md). Possible values are: `a`, `b`, `unknownFutureValue`.");
        assert!(f.read_only);
        assert_eq!(f.nullable, Some(false));
        assert_eq!(f.inherited_from, Some(("entity".into(), Some("entity.md".into()))));
        assert_eq!(f.possible_values, ["a", "b", "unknownFutureValue"]);
        assert_eq!(description_flags("Required. The name.").required, Some(true));
        assert_eq!(description_flags("Optional. The name.").required, Some(false));
        assert_eq!(description_flags("Inherited from microsoft.graph.entity").inherited_from, Some(("microsoft.graph.entity".into(), None)));
        assert_eq!(description_flags("Some values are inherited from the template.").inherited_from, None);
    }
}
