//! Lenient JSON for `<!-- { "blockType": ... } -->` annotations and example bodies.
//!
//! Almost all JSON on the reference pages is strict: 99.6% of annotations and 97% of example
//! bodies (corpus guide §3.3, §8.5, §9.1). The rest is hand-edited and carries a handful of
//! recurring defects. [`parse`] tries strict JSON first. Only when that fails does it run a
//! repair pass: a small tokenizer rewrites the text to strict JSON, records every change as a
//! [`Repair`], and the rewritten text is parsed strictly again. Values are never touched:
//! numbers and strings reach `serde_json` exactly as written.
//!
//! Repaired (each one reported):
//! * trailing commas before `}` or `]`;
//! * unquoted keys (`isCollection: true`);
//! * raw control characters (line breaks, tabs) inside strings;
//! * a missing comma between two members or items that sit on different lines;
//! * typographic quotes `“ ”` used as string delimiters;
//! * NBSP, U+202F, U+200B and other Unicode spaces used as whitespace outside strings;
//! * `//` and `/* */` comments;
//! * a line holding only `...` or `…`, standing for omitted items.
//!
//! Not repaired, because any guess could produce wrong data: single-quoted strings, unquoted
//! values (`2018-04-01T12:39:16Z`, `00:00:00`), doubled quotes (`""code"`), prose placeholders
//! (`{Raw bytes of the file}`), text after the value (headers or a second request in the same
//! fence), missing opening quotes and strings that never close on their line. These give a
//! [`Failure`] located in the input text.

use std::fmt::{self, Write as _};

use serde_json::Value;

use crate::diagnostics::{Diagnostics, Rule, Severity};

/// Deepest nesting accepted by the repair pass. `serde_json` refuses the 128th level, and the
/// rewritten text must stay within its limit.
const MAX_DEPTH: usize = 127;

/// A successfully read JSON text.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The value, as strict `serde_json` would have read the repaired text.
    pub value: Value,
    /// What had to be repaired, in text order. Empty when the input was strict JSON.
    pub repairs: Vec<Repair>,
}

impl Parsed {
    /// Whether the input was strict JSON.
    pub fn is_strict(&self) -> bool {
        self.repairs.is_empty()
    }
}

/// One repair made to the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Repair {
    /// What was wrong.
    pub kind: RepairKind,
    /// 0-based line offset within the input text.
    pub line: u32,
    /// 1-based column, in characters, within that line.
    pub column: u32,
}

/// The defects the repair pass recovers from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RepairKind {
    /// A comma right before `}` or `]`. Located at the comma.
    TrailingComma,
    /// An object key without quotes (`isCollection: true`). Located at the key.
    BareKey,
    /// A raw line break, tab or other control character inside a string. Located at the first
    /// such character of the string; reported once per string.
    RawControlInString,
    /// Two members or items on different lines with no comma between them. Located right after
    /// the first of the two, where the comma belongs.
    MissingComma,
    /// A string delimited by `“` / `”` (on either side). Located at the first typographic
    /// quote of the string.
    SmartQuotes,
    /// NBSP (U+00A0), U+202F, U+200B or another Unicode space used as whitespace outside a
    /// string. Located at the first one; reported once per line.
    UnicodeWhitespace,
    /// A `//` or `/* */` comment. Located at its start.
    Comment,
    /// A line holding only `...` or `…` (optionally with a comma), standing for omitted items.
    /// The line is dropped. Located at the ellipsis.
    EllipsisLine,
}

impl RepairKind {
    /// Every kind, in declaration order.
    pub const ALL: [RepairKind; 8] = [
        RepairKind::TrailingComma,
        RepairKind::BareKey,
        RepairKind::RawControlInString,
        RepairKind::MissingComma,
        RepairKind::SmartQuotes,
        RepairKind::UnicodeWhitespace,
        RepairKind::Comment,
        RepairKind::EllipsisLine,
    ];

    /// The diagnostics rule reporting this kind of repair.
    pub fn rule(self) -> &'static Rule {
        match self {
            RepairKind::TrailingComma => &TRAILING_COMMA,
            RepairKind::BareKey => &BARE_KEY,
            RepairKind::RawControlInString => &RAW_CONTROL_IN_STRING,
            RepairKind::MissingComma => &MISSING_COMMA,
            RepairKind::SmartQuotes => &SMART_QUOTES,
            RepairKind::UnicodeWhitespace => &UNICODE_WHITESPACE,
            RepairKind::Comment => &COMMENT,
            RepairKind::EllipsisLine => &ELLIPSIS_LINE,
        }
    }

    /// What the repair pass did, as a sentence fragment ("removed a trailing comma").
    pub fn action(self) -> &'static str {
        match self {
            RepairKind::TrailingComma => "removed a trailing comma",
            RepairKind::BareKey => "quoted an unquoted key",
            RepairKind::RawControlInString => {
                "escaped a raw line break, tab or control character inside a string"
            }
            RepairKind::MissingComma => "inserted a missing comma",
            RepairKind::SmartQuotes => "read typographic quotes “ ” as string delimiters",
            RepairKind::UnicodeWhitespace => {
                "read a non-ASCII space (NBSP, U+202F, U+200B, ...) as whitespace"
            }
            RepairKind::Comment => "skipped a comment",
            RepairKind::EllipsisLine => "dropped a `...` line standing for omitted items",
        }
    }
}

impl fmt::Display for RepairKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rule().id)
    }
}

/// JSON that could not be read, even leniently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// What is wrong, without location.
    pub message: String,
    /// 0-based line offset within the input text.
    pub line: u32,
    /// 1-based column, in characters, within that line.
    pub column: u32,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (text line {}, column {})", self.message, self.line + 1, self.column)
    }
}

impl std::error::Error for Failure {}

/// A trailing comma was removed.
pub const TRAILING_COMMA: Rule = Rule {
    id: "json/trailing-comma",
    severity: Severity::Warning,
    summary: "JSON has a comma before `}` or `]`; the comma is ignored",
};

/// An unquoted key was quoted.
pub const BARE_KEY: Rule = Rule {
    id: "json/bare-key",
    severity: Severity::Warning,
    summary: "JSON has an unquoted object key; it is read as a string",
};

/// A raw control character inside a string was escaped.
pub const RAW_CONTROL_IN_STRING: Rule = Rule {
    id: "json/raw-control-in-string",
    severity: Severity::Warning,
    summary: "JSON string contains a raw line break, tab or control character; it is kept as text",
};

/// A missing comma between members on different lines was inserted.
pub const MISSING_COMMA: Rule = Rule {
    id: "json/missing-comma",
    severity: Severity::Warning,
    summary: "JSON lacks a comma between two members or items on different lines; one is assumed",
};

/// Typographic quotes were read as string delimiters.
pub const SMART_QUOTES: Rule = Rule {
    id: "json/smart-quotes",
    severity: Severity::Warning,
    summary: "JSON string is delimited by typographic quotes “ ”; they are read as `\"`",
};

/// Unicode spaces outside strings were read as whitespace.
pub const UNICODE_WHITESPACE: Rule = Rule {
    id: "json/unicode-whitespace",
    severity: Severity::Warning,
    summary:
        "JSON uses NBSP, U+202F, U+200B or a similar space between tokens; it is read as whitespace",
};

/// A comment was skipped.
pub const COMMENT: Rule = Rule {
    id: "json/comment",
    severity: Severity::Warning,
    summary: "JSON contains a `//` or `/* */` comment; it is ignored",
};

/// An ellipsis line standing for omitted items was dropped.
pub const ELLIPSIS_LINE: Rule = Rule {
    id: "json/ellipsis-line",
    severity: Severity::Warning,
    summary: "JSON has a line holding only `...` or `…` for omitted items; the line is ignored",
};

/// JSON that could not be read even leniently.
pub const UNPARSEABLE: Rule = Rule {
    id: "json/unparseable",
    severity: Severity::Error,
    summary: "JSON cannot be read, even with lenient repairs; the block is ignored",
};

/// Every rule of this module.
pub const RULES: &[&Rule] = &[
    &TRAILING_COMMA,
    &BARE_KEY,
    &RAW_CONTROL_IN_STRING,
    &MISSING_COMMA,
    &SMART_QUOTES,
    &UNICODE_WHITESPACE,
    &COMMENT,
    &ELLIPSIS_LINE,
    &UNPARSEABLE,
];

/// Read `text` as JSON, repairing the defects listed in the module docs.
///
/// Strict JSON is read by `serde_json` directly and reports no repairs. Never panics.
pub fn parse(text: &str) -> Result<Parsed, Failure> {
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return Ok(Parsed { value, repairs: Vec::new() });
    }
    match Repairer::new(text, false).run() {
        Ok(parsed) => Ok(parsed),
        // A `”` inside an ASCII-quoted string is normally text. Only when the cautious reading
        // fails, try it as the closing quote (`"GET”,` at the end of a line).
        Err(failure) if text.contains('”') => Repairer::new(text, true).run().or(Err(failure)),
        Err(failure) => Err(failure),
    }
}

/// Turn the outcome of [`parse`] into diagnostics.
///
/// `base_line` is the 1-based page line of the text's first line; `what` names the block
/// ("example request body", "annotation"). Repairs give one diagnostic per kind, at the first
/// occurrence, naming the other lines (a body with forty unquoted keys is one finding, not
/// forty). A failure gives one `json/unparseable` error. Columns are taken as they are in the
/// text, which is exact for every line but the first when the text starts mid-line (after
/// `<!--`); use [`report_at`] then.
pub fn report(
    result: &Result<Parsed, Failure>,
    diags: &mut Diagnostics,
    base_line: u32,
    what: &str,
) {
    report_at(result, diags, base_line, 1, what);
}

/// Like [`report`], with the 1-based page column of the text's first character, so that
/// locations on the text's first line are exact too.
pub fn report_at(
    result: &Result<Parsed, Failure>,
    diags: &mut Diagnostics,
    base_line: u32,
    base_column: u32,
    what: &str,
) {
    let base_line = base_line.max(1);
    let place = |line: u32, column: u32| {
        let column = if line == 0 { column.saturating_add(base_column.max(1) - 1) } else { column };
        (base_line.saturating_add(line), column)
    };
    match result {
        Ok(parsed) => {
            let mut kinds: Vec<RepairKind> = Vec::new();
            for repair in &parsed.repairs {
                if !kinds.contains(&repair.kind) {
                    kinds.push(repair.kind);
                }
            }
            for kind in kinds {
                let mut all = parsed.repairs.iter().filter(|r| r.kind == kind);
                let Some(first) = all.next() else { continue };
                let (line, column) = place(first.line, first.column);
                let mut message = format!("{what}: {}", kind.action());
                let mut others: Vec<u32> =
                    all.map(|r| base_line.saturating_add(r.line)).filter(|&l| l != line).collect();
                others.dedup();
                let count = others.len();
                if count > 0 {
                    let shown: Vec<String> = others.iter().take(8).map(u32::to_string).collect();
                    let more = if count > 8 { ", ..." } else { "" };
                    let _ = write!(
                        message,
                        " (also on line{} {}{more})",
                        if count > 1 { "s" } else { "" },
                        shown.join(", ")
                    );
                }
                diags.report(kind.rule(), line, column, message);
            }
        }
        Err(failure) => {
            let (line, column) = place(failure.line, failure.column);
            diags.report(
                &UNPARSEABLE,
                line,
                column,
                format!("{what} is not JSON, even leniently: {}", failure.message),
            );
        }
    }
}

/// Unicode space characters read as whitespace outside strings: NBSP, the U+2000 block up to
/// ZERO WIDTH SPACE, NARROW NBSP, line/paragraph separators, ideographic space, BOM.
fn is_unicode_space(c: char) -> bool {
    const OTHERS: &[char] = &[
        '\u{00A0}', '\u{1680}', '\u{2028}', '\u{2029}', '\u{202F}', '\u{205F}', '\u{2060}',
        '\u{3000}', '\u{FEFF}',
    ];
    ('\u{2000}'..='\u{200B}').contains(&c) || OTHERS.contains(&c)
}

/// Characters that end a bare word (an unquoted key, literal or number).
fn ends_word(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '{' | '}' | '[' | ']' | ',' | ':' | '"' | '“' | '”')
        || is_unicode_space(c)
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
fn is_json_number(word: &str) -> bool {
    let b = word.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.first() == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Identifier-like keys that are safe to quote: `isCollection`, `@odata.type`, `x-y`, `$ref`.
fn is_bare_key(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || matches!(c, '_' | '$' | '@'))
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '@' | '.' | '-'))
}

/// At most 40 characters of `word`, for messages.
fn excerpt(word: &str) -> String {
    match word.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", &word[..end]),
        None => word.to_owned(),
    }
}

/// 0-based line and 1-based character column of byte offset `off` in `src`.
fn locate(src: &str, off: usize) -> (u32, u32) {
    let mut off = off.min(src.len());
    while !src.is_char_boundary(off) {
        off -= 1;
    }
    let before = &src[..off];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count();
    let column = before[line_start..].chars().count() + 1;
    (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
}

/// [`locate`] for non-decreasing offsets, in one pass over `src`: calling `locate` per
/// repair rescanned the text from its start each time, which made a body with thousands of
/// repairs (e.g. NBSP as JSON whitespace on every line) quadratic.
struct Locator<'a> {
    src: &'a str,
    /// Char boundary reached so far, its 0-based line and 1-based column.
    pos: usize,
    line: usize,
    column: usize,
}

impl<'a> Locator<'a> {
    fn new(src: &'a str) -> Self {
        Locator { src, pos: 0, line: 0, column: 1 }
    }

    /// Same as `locate(src, off)`; `off` must not be less than the previous call's.
    fn locate(&mut self, off: usize) -> (u32, u32) {
        let mut off = off.min(self.src.len());
        while !self.src.is_char_boundary(off) {
            off -= 1;
        }
        if off < self.pos {
            return locate(self.src, off);
        }
        let step = &self.src[self.pos..off];
        match step.rfind('\n') {
            Some(i) => {
                self.line += step.bytes().filter(|&b| b == b'\n').count();
                self.column = step[i + 1..].chars().count() + 1;
            }
            None => self.column += step.chars().count(),
        }
        self.pos = off;
        (u32::try_from(self.line).unwrap_or(u32::MAX), u32::try_from(self.column).unwrap_or(u32::MAX))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Colon,
    Comma,
    Str,
    Word,
    Ellipsis,
    Eof,
}

#[derive(Debug)]
struct Token {
    kind: Kind,
    /// Byte span in the input.
    start: usize,
    end: usize,
    /// A line break separates this token from the previous one.
    newline_before: bool,
    /// For `Str`: the strict JSON literal to emit, quotes included.
    literal: String,
    /// For `Str`: the string contains a raw line break.
    raw_newline: bool,
}

/// Where a container's element list stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Just after the opening bracket.
    Start,
    /// After a member or item.
    AfterElement,
    /// After the comma at this byte offset.
    AfterComma(usize),
    /// After an ellipsis line; commas around it are part of it.
    AfterEllipsis,
}

/// The repair pass: tokenizes the input, checks its structure and writes strict JSON.
struct Repairer<'a> {
    src: &'a str,
    pos: usize,
    /// Read a `”` followed by a delimiter as the end of an ASCII-quoted string.
    smart_close: bool,
    /// End of the last token returned by `next_token`.
    last_end: usize,
    out: String,
    /// `(offset in out, offset in src)` at the start of each emitted piece.
    map: Vec<(usize, usize)>,
    /// Repairs as `(byte offset in src, kind)`.
    repairs: Vec<(usize, RepairKind)>,
}

impl<'a> Repairer<'a> {
    fn new(src: &'a str, smart_close: bool) -> Self {
        Repairer {
            src,
            pos: 0,
            smart_close,
            last_end: 0,
            out: String::with_capacity(src.len() + 16),
            map: Vec::new(),
            repairs: Vec::new(),
        }
    }

    fn run(mut self) -> Result<Parsed, Failure> {
        let first = self.next_token()?;
        if first.kind == Kind::Eof {
            return Err(self.fail(first.start, "no JSON value: the text is empty"));
        }
        self.value(first, 0)?;
        let after = self.next_token()?;
        if after.kind != Kind::Eof {
            return Err(self.fail(after.start, "unexpected text after the JSON value"));
        }
        let value = serde_json::from_str::<Value>(&self.out).map_err(|e| {
            // The rewritten text is a single line; serde's column counts bytes.
            let out_off = e.column().saturating_sub(1);
            let src_off = match self.map.partition_point(|&(o, _)| o <= out_off) {
                0 => 0,
                n => {
                    let (o, s) = self.map[n - 1];
                    s + (out_off - o)
                }
            };
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            self.fail(src_off, message)
        })?;
        self.repairs.sort_unstable_by_key(|&(off, kind)| (off, kind));
        let mut repairs: Vec<Repair> = Vec::with_capacity(self.repairs.len());
        let mut locator = Locator::new(self.src);
        for &(off, kind) in &self.repairs {
            let (line, column) = locator.locate(off);
            let same_line_space = kind == RepairKind::UnicodeWhitespace
                && repairs.iter().rev().take_while(|r| r.line == line).any(|r| r.kind == kind);
            if !same_line_space {
                repairs.push(Repair { kind, line, column });
            }
        }
        Ok(Parsed { value, repairs })
    }

    fn fail(&self, off: usize, message: impl Into<String>) -> Failure {
        let (line, column) = locate(self.src, off);
        Failure { message: message.into(), line, column }
    }

    fn repair(&mut self, kind: RepairKind, off: usize) {
        self.repairs.push((off, kind));
    }

    fn emit(&mut self, text: &str, src_off: usize) {
        self.map.push((self.out.len(), src_off));
        self.out.push_str(text);
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, off: usize) -> Option<char> {
        self.src.get(off..).and_then(|s| s.chars().next())
    }

    /// Skip whitespace and comments; tell whether a line break was crossed.
    fn skip_space(&mut self) -> Result<bool, Failure> {
        let mut newline = false;
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\r' => self.pos += 1,
                '\n' => {
                    newline = true;
                    self.pos += 1;
                }
                c if is_unicode_space(c) => {
                    self.repair(RepairKind::UnicodeWhitespace, self.pos);
                    self.pos += c.len_utf8();
                }
                '/' if self.src[self.pos..].starts_with("//") => {
                    self.repair(RepairKind::Comment, self.pos);
                    self.pos =
                        self.src[self.pos..].find('\n').map_or(self.src.len(), |i| self.pos + i);
                }
                '/' if self.src[self.pos..].starts_with("/*") => {
                    let start = self.pos;
                    let Some(len) = self.src[start + 2..].find("*/") else {
                        return Err(self.fail(start, "`/*` comment is never closed"));
                    };
                    self.repair(RepairKind::Comment, start);
                    self.pos = start + 2 + len + 2;
                    newline |= self.src[start..self.pos].contains('\n');
                }
                _ => break,
            }
        }
        Ok(newline)
    }

    fn next_token(&mut self) -> Result<Token, Failure> {
        let newline_before = self.skip_space()?;
        let start = self.pos;
        let mut token = Token {
            kind: Kind::Eof,
            start,
            end: start,
            newline_before,
            literal: String::new(),
            raw_newline: false,
        };
        let Some(c) = self.peek() else {
            return Ok(token);
        };
        let single = match c {
            '{' => Some(Kind::LBrace),
            '}' => Some(Kind::RBrace),
            '[' => Some(Kind::LBracket),
            ']' => Some(Kind::RBracket),
            ':' => Some(Kind::Colon),
            ',' => Some(Kind::Comma),
            _ => None,
        };
        if let Some(kind) = single {
            self.pos += 1;
            token.kind = kind;
        } else if matches!(c, '"' | '“' | '”') {
            self.string(&mut token, c)?;
        } else if let Some(end) = self.ellipsis_line(start) {
            self.pos = end;
            token.kind = Kind::Ellipsis;
        } else {
            while let Some(c) = self.peek() {
                let comment = c == '/' && matches!(self.peek_at(self.pos + 1), Some('/' | '*'));
                if ends_word(c) || comment {
                    break;
                }
                self.pos += c.len_utf8();
            }
            if self.pos == start {
                // Unreachable by construction; guarantees progress anyway.
                self.pos += c.len_utf8();
            }
            token.kind = Kind::Word;
        }
        token.end = self.pos;
        self.last_end = self.pos;
        Ok(token)
    }

    /// If `start` begins a `...` / `…` that is alone on its line (an optional comma aside),
    /// the end of the ellipsis and its comma.
    fn ellipsis_line(&self, start: usize) -> Option<usize> {
        let rest = &self.src[start..];
        let dots = rest.len() - rest.trim_start_matches('.').len();
        let len = if dots >= 3 { dots } else { rest.len() - rest.trim_start_matches('…').len() };
        if len == 0 {
            return None;
        }
        let line_start = self.src[..start].rfind('\n').map_or(0, |i| i + 1);
        let blank =
            |s: &str| s.chars().all(|c| matches!(c, ' ' | '\t' | '\r') || is_unicode_space(c));
        if !blank(&self.src[line_start..start]) {
            return None;
        }
        let mut end = start + len;
        let after = &self.src[end..];
        let trimmed =
            after.trim_start_matches(|c: char| matches!(c, ' ' | '\t') || is_unicode_space(c));
        if trimmed.starts_with(',') {
            end += after.len() - trimmed.len() + 1;
        }
        let line_rest = self.src[end..].split('\n').next().unwrap_or("");
        blank(line_rest).then_some(end)
    }

    /// Lex a string opened by `open` at `token.start`.
    fn string(&mut self, token: &mut Token, open: char) -> Result<(), Failure> {
        let start = self.pos;
        let smart_open = open != '"';
        if smart_open {
            self.repair(RepairKind::SmartQuotes, start);
        }
        let mut control_recorded = false;
        let mut lit = String::with_capacity(16);
        lit.push('"');
        self.pos += open.len_utf8();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.fail(start, "string is never closed"));
            };
            let at = self.pos;
            self.pos += c.len_utf8();
            match c {
                '"' => break,
                '“' | '”' if smart_open => break,
                // Only reached when the string was opened by an ASCII quote.
                '”' if self.smart_close && self.closes_string_here() => {
                    self.repair(RepairKind::SmartQuotes, at);
                    break;
                }
                '\\' => {
                    let Some(e) = self.peek() else {
                        return Err(self.fail(start, "string is never closed"));
                    };
                    self.pos += e.len_utf8();
                    lit.push('\\');
                    lit.push(e);
                    match e {
                        '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' => {}
                        'u' => {
                            let hex = self.src.get(self.pos..self.pos + 4).unwrap_or("");
                            if hex.len() != 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                                return Err(self.fail(at, "`\\u` escape needs four hex digits"));
                            }
                            lit.push_str(hex);
                            self.pos += 4;
                        }
                        _ => {
                            return Err(self.fail(at, format!("invalid escape `\\{e}` in string")));
                        }
                    }
                }
                c if (c as u32) < 0x20 => {
                    if !control_recorded {
                        self.repair(RepairKind::RawControlInString, at);
                        control_recorded = true;
                    }
                    match c {
                        '\n' => {
                            token.raw_newline = true;
                            lit.push_str("\\n");
                        }
                        '\t' => lit.push_str("\\t"),
                        '\r' => lit.push_str("\\r"),
                        c => lit.push_str(&format!("\\u{:04x}", c as u32)),
                    }
                }
                c => lit.push(c),
            }
        }
        lit.push('"');
        token.kind = Kind::Str;
        token.literal = lit;
        Ok(())
    }

    /// After a `”` inside an ASCII-quoted string: is what follows a delimiter (end of line,
    /// `,` or `:` ending the line, `}` or `]`)?
    fn closes_string_here(&self) -> bool {
        let rest = self.src[self.pos..].trim_start_matches([' ', '\t']);
        let rest = match rest.chars().next() {
            None | Some('\n' | '\r' | '}' | ']') => return true,
            Some(',' | ':') => rest[1..].trim_start_matches([' ', '\t']),
            Some(_) => return false,
        };
        matches!(rest.chars().next(), None | Some('\n' | '\r'))
    }

    fn value(&mut self, token: Token, depth: usize) -> Result<(), Failure> {
        match token.kind {
            Kind::LBrace | Kind::LBracket if depth >= MAX_DEPTH => {
                Err(self.fail(token.start, format!("nested deeper than {MAX_DEPTH} levels")))
            }
            Kind::LBrace => self.object(token, depth + 1),
            Kind::LBracket => self.array(token, depth + 1),
            Kind::Str => {
                self.emit(&token.literal, token.start);
                Ok(())
            }
            Kind::Word => {
                let src = self.src;
                let word = &src[token.start..token.end];
                if matches!(word, "true" | "false" | "null") || is_json_number(word) {
                    self.emit(word, token.start);
                    Ok(())
                } else if word.starts_with(['\'', '‘', '’']) {
                    Err(self
                        .fail(token.start, "single-quoted string: JSON strings need double quotes"))
                } else {
                    Err(self.fail(token.start, format!("unquoted value `{}`", excerpt(word))))
                }
            }
            Kind::Ellipsis => Err(self.fail(token.start, "`...` where a value is expected")),
            Kind::Eof => Err(self.fail(token.start, "unexpected end of text, expected a value")),
            Kind::RBrace | Kind::RBracket | Kind::Colon | Kind::Comma => {
                let src = self.src;
                let found = &src[token.start..token.end];
                Err(self.fail(token.start, format!("expected a value, found `{found}`")))
            }
        }
    }

    fn key(&mut self, token: &Token) -> Result<(), Failure> {
        match token.kind {
            Kind::Str if token.raw_newline => Err(self.fail(
                token.start,
                "key runs across a line break: a string is probably not closed on its line",
            )),
            Kind::Str => {
                self.emit(&token.literal, token.start);
                Ok(())
            }
            _ => {
                let src = self.src;
                let word = &src[token.start..token.end];
                if is_bare_key(word) {
                    self.repair(RepairKind::BareKey, token.start);
                    let quoted = format!("\"{word}\"");
                    self.emit(&quoted, token.start);
                    Ok(())
                } else if word.starts_with(['\'', '‘', '’']) {
                    Err(self
                        .fail(token.start, "single-quoted key: JSON strings need double quotes"))
                } else {
                    Err(self
                        .fail(token.start, format!("expected a key, found `{}`", excerpt(word))))
                }
            }
        }
    }

    /// Handle a `,` or ellipsis line between elements; `Ok(true)` when `token` was one of them.
    fn separator(&mut self, token: &Token, slot: &mut Slot) -> Result<bool, Failure> {
        match token.kind {
            Kind::Comma => match *slot {
                Slot::AfterElement => *slot = Slot::AfterComma(token.start),
                Slot::AfterEllipsis => {}
                Slot::Start | Slot::AfterComma(_) => {
                    return Err(
                        self.fail(token.start, "unexpected `,` where an element is expected")
                    );
                }
            },
            Kind::Ellipsis => {
                self.repair(RepairKind::EllipsisLine, token.start);
                *slot = Slot::AfterEllipsis;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Before an element: check that it may follow `slot` and write the separating comma.
    fn before_element(
        &mut self,
        token: &Token,
        slot: Slot,
        prev_end: usize,
        emitted: bool,
        close: char,
    ) -> Result<(), Failure> {
        if slot == Slot::AfterElement {
            if !token.newline_before {
                return Err(self.fail(token.start, format!("expected `,` or `{close}`")));
            }
            self.repair(RepairKind::MissingComma, prev_end);
        }
        if emitted {
            self.emit(",", token.start);
        }
        Ok(())
    }

    fn close(&mut self, token: &Token, slot: Slot, text: &str) {
        if let Slot::AfterComma(comma) = slot {
            self.repair(RepairKind::TrailingComma, comma);
        }
        self.emit(text, token.start);
    }

    fn object(&mut self, open: Token, depth: usize) -> Result<(), Failure> {
        self.emit("{", open.start);
        let mut slot = Slot::Start;
        let mut emitted = false;
        let mut prev_end = open.end;
        loop {
            let token = self.next_token()?;
            if self.separator(&token, &mut slot)? {
                continue;
            }
            match token.kind {
                Kind::RBrace => {
                    self.close(&token, slot, "}");
                    return Ok(());
                }
                Kind::Str | Kind::Word => {
                    self.before_element(&token, slot, prev_end, emitted, '}')?;
                    self.key(&token)?;
                    let colon = self.next_token()?;
                    if colon.kind != Kind::Colon {
                        return Err(self.fail(colon.start, "expected `:` after the key"));
                    }
                    self.emit(":", colon.start);
                    let value = self.next_token()?;
                    self.value(value, depth)?;
                    prev_end = self.last_end;
                    emitted = true;
                    slot = Slot::AfterElement;
                }
                Kind::Eof => return Err(self.fail(open.start, "`{` is never closed")),
                _ => {
                    let src = self.src;
                    let found = &src[token.start..token.end];
                    return Err(
                        self.fail(token.start, format!("expected a key or `}}`, found `{found}`"))
                    );
                }
            }
        }
    }

    fn array(&mut self, open: Token, depth: usize) -> Result<(), Failure> {
        self.emit("[", open.start);
        let mut slot = Slot::Start;
        let mut emitted = false;
        let mut prev_end = open.end;
        loop {
            let token = self.next_token()?;
            if self.separator(&token, &mut slot)? {
                continue;
            }
            match token.kind {
                Kind::RBracket => {
                    self.close(&token, slot, "]");
                    return Ok(());
                }
                Kind::LBrace | Kind::LBracket | Kind::Str | Kind::Word => {
                    self.before_element(&token, slot, prev_end, emitted, ']')?;
                    self.value(token, depth)?;
                    prev_end = self.last_end;
                    emitted = true;
                    slot = Slot::AfterElement;
                }
                Kind::Eof => return Err(self.fail(open.start, "`[` is never closed")),
                _ => {
                    let src = self.src;
                    let found = &src[token.start..token.end];
                    return Err(
                        self.fail(token.start, format!("expected a value or `]`, found `{found}`"))
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn ok(text: &str) -> Parsed {
        parse(text).unwrap_or_else(|f| panic!("{text:?} should parse: {f}"))
    }

    fn err(text: &str) -> Failure {
        match parse(text) {
            Ok(parsed) => {
                panic!("{text:?} should fail, got {:?} with {:?}", parsed.value, parsed.repairs)
            }
            Err(failure) => failure,
        }
    }

    fn kinds_and_lines(parsed: &Parsed) -> Vec<(RepairKind, u32)> {
        parsed.repairs.iter().map(|r| (r.kind, r.line)).collect()
    }

    use RepairKind::*;

    const STRICT: &str = r#"{"gadget": {"name": "sprocket", "sizes": [1, 2.5, -3e2, 0],
        "tags": [], "owner": null, "live": false,
        "note": "a “quoted” … word, é \u00e9 \"esc\" // not a comment"}}"#;

    const TRAILING_COMMA: &str =
        "{\n  \"widget\": \"lamp\",\n  \"sizes\": [1, 2,],\n  \"extra\": {\"on\": true,},\n}";
    const BARE_KEY: &str =
        "{\n  \"kind\": \"lamp\",\n  isLit: true,\n  @meta.tag: \"x\",\n  nested: { inner_key: [] }\n}";
    const RAW_CONTROL: &str = "{\"memo\": \"first half\n    second\thalf\", \"plain\": \"ok\"}";
    const MISSING_COMMA: &str =
        "{\n  \"alpha\": \"\"\n  \"beta\": [\n    {\"n\": 1}\n    {\"n\": 2}\n  ]\n}";
    const SMART_QUOTES: &str =
        "{\n  \"verb\": \"PUT”,\n  \"route\": “/gadgets/{gadgetId}/parts”\n}";
    const UNICODE_SPACE: &str =
        "{\u{a0}\"left\": 1,\u{202f}\n\u{a0}\u{a0}\"right\": [\u{200b}true],\u{a0}\n  \"kept\": \"a\u{a0}b\"\n}";
    const COMMENT: &str = "{\n  \"muted\": false, // flips on unmute\n  /* links\n     below */\n  \"peers\": [\"https://peer.example/p1\" /* first */]\n}";
    const ELLIPSIS: &str = "{\n  \"rows\": [\n    {\"n\": 1},\n    ...\n  ],\n  \"names\": [\n    \"ann\",\n    …,\n    \"zed\"\n  ],\n  \"more\": 1,\n  ...\n}";

    const UNRECOVERABLE: &[(&str, &str)] = &[
        ("single-quoted JSON", "[{'op': 'append', 'where': '#box'}]"),
        ("single-quoted value", "{\"rule\": 'dept -eq \"Sales\"'}"),
        ("unquoted date", "{\n  \"removedAt\": 2019-05-06T07:08:09Z\n}"),
        ("unquoted duration", "{\"span\": 00:10:00}"),
        ("doubled quote", "{\"reason\": \"\"quotaExceeded\"}"),
        ("prose object placeholder", "{Binary content of the upload}"),
        ("prose array placeholder", "[Archive holding the package]"),
        ("second request after the body", "{\"a\": 1}\n\nGET /things/1"),
        ("headers after the body", "{\"a\": 1}\nAuthorization: Bearer {token}"),
        ("unclosed object", "{\"a\": [1, 2]"),
        ("missing opening quote", "{\n  \"summary\": gadget record\",\n  \"k\": 1\n}"),
        (
            "string not closed on its line",
            "{\n  \"title\": \"Pending review,\n  \"notes\": \"\"\n}",
        ),
        ("misplaced quote makes a multi-line key", "{\"limit\":60,\"\n  isOnce\":false}"),
        ("escaped quotes outside a string", "{\\\"k\\\": 1}"),
        ("unterminated block comment", "{\"a\": 1 /* note"),
        ("leading zeros", "{\"count\": 007}"),
        ("ellipsis inside a line", "[1, 2, ...]"),
        ("ellipsis as a value", "{\"a\":\n  ...\n}"),
        ("placeholder items", "{\"ids\": [{GadgetId}, {GadgetId}...]}"),
        ("diff marker", "{\n  \"a\": {\n  - \"protocol\": \"x\"\n  }\n}"),
        ("invalid escape", "{\"a\": \"it\\'s\"}"),
        ("missing colon", "{\"a\" 1}"),
        ("missing comma on one line", "{\"a\": 1 \"b\": 2}"),
        ("double comma", "[1,, 2]"),
        ("leading comma", "[, 1]"),
        ("empty", ""),
        ("blank", "  \n "),
        ("only a comment", "// nothing"),
    ];

    #[test]
    fn strict_json_reports_no_repairs() {
        let parsed = ok(STRICT);
        assert!(parsed.is_strict());
        assert_eq!(parsed.value, serde_json::from_str::<Value>(STRICT).unwrap());
    }

    #[test]
    fn locator_agrees_with_locate() {
        let src = "{\n  \"a\":\u{a0}1,\n\u{202f} \"b\": \"x\u{e9}y\"\n\n}";
        let mut offsets: Vec<usize> = (0..=src.len() + 2).collect();
        offsets.extend([3, 3, src.len()]);
        offsets.sort();
        let mut locator = Locator::new(src);
        for off in offsets {
            assert_eq!(locator.locate(off), locate(src, off), "offset {off}");
        }
    }

    #[test]
    fn repair_pass_leaves_strict_json_alone() {
        for text in [STRICT, "[]", "0", "\"s\"", "[{\"a\": [-0.5e-3, 1E9, true, null]}, {}]"] {
            let parsed = Repairer::new(text, true).run().unwrap();
            assert!(parsed.repairs.is_empty(), "{text}");
            assert_eq!(parsed.value, serde_json::from_str::<Value>(text).unwrap(), "{text}");
        }
    }

    #[test]
    fn trailing_comma() {
        let parsed = ok(TRAILING_COMMA);
        assert_eq!(parsed.value, json!({"widget": "lamp", "sizes": [1, 2], "extra": {"on": true}}));
        assert_eq!(
            kinds_and_lines(&parsed),
            [(TrailingComma, 2), (TrailingComma, 3), (TrailingComma, 3)]
        );
        assert_eq!(parsed.repairs[0].column, 17);
    }

    #[test]
    fn bare_key() {
        let parsed = ok(BARE_KEY);
        assert_eq!(
            parsed.value,
            json!({"kind": "lamp", "isLit": true, "@meta.tag": "x", "nested": {"inner_key": []}})
        );
        assert_eq!(
            kinds_and_lines(&parsed),
            [(BareKey, 2), (BareKey, 3), (BareKey, 4), (BareKey, 4)]
        );
        assert_eq!((parsed.repairs[3].line, parsed.repairs[3].column), (4, 13));
    }

    #[test]
    fn raw_control_in_string() {
        let parsed = ok(RAW_CONTROL);
        assert_eq!(parsed.value, json!({"memo": "first half\n    second\thalf", "plain": "ok"}));
        assert_eq!(parsed.repairs, [Repair { kind: RawControlInString, line: 0, column: 21 }]);
    }

    #[test]
    fn missing_comma() {
        let parsed = ok(MISSING_COMMA);
        assert_eq!(parsed.value, json!({"alpha": "", "beta": [{"n": 1}, {"n": 2}]}));
        assert_eq!(kinds_and_lines(&parsed), [(MissingComma, 1), (MissingComma, 3)]);
        // Located where the comma belongs: right after `""`.
        assert_eq!(parsed.repairs[0].column, 14);
    }

    #[test]
    fn smart_quotes() {
        let parsed = ok(SMART_QUOTES);
        assert_eq!(parsed.value, json!({"verb": "PUT", "route": "/gadgets/{gadgetId}/parts"}));
        assert_eq!(kinds_and_lines(&parsed), [(SmartQuotes, 1), (SmartQuotes, 2)]);
        assert_eq!(parsed.repairs[0].column, 15);
    }

    #[test]
    fn smart_quotes_inside_strings_stay_text() {
        let parsed = ok("{\"quote\": \"she said “stop”, then left\",\n\"end\": \"“a”\",}");
        assert_eq!(parsed.value, json!({"quote": "she said “stop”, then left", "end": "“a”"}));
        assert_eq!(kinds_and_lines(&parsed), [(TrailingComma, 1)]);
    }

    #[test]
    fn unicode_whitespace() {
        let parsed = ok(UNICODE_SPACE);
        assert_eq!(parsed.value, json!({"left": 1, "right": [true], "kept": "a\u{a0}b"}));
        // Once per line, at the first occurrence.
        assert_eq!(kinds_and_lines(&parsed), [(UnicodeWhitespace, 0), (UnicodeWhitespace, 1)]);
        assert_eq!(parsed.repairs[0].column, 2);
    }

    #[test]
    fn comments() {
        let parsed = ok(COMMENT);
        assert_eq!(parsed.value, json!({"muted": false, "peers": ["https://peer.example/p1"]}));
        assert_eq!(kinds_and_lines(&parsed), [(Comment, 1), (Comment, 2), (Comment, 4)]);
        assert_eq!(parsed.repairs[0].column, 19);
    }

    #[test]
    fn ellipsis_lines() {
        let parsed = ok(ELLIPSIS);
        assert_eq!(parsed.value, json!({"rows": [{"n": 1}], "names": ["ann", "zed"], "more": 1}));
        // The commas around an ellipsis line belong to it: no trailing-comma repair.
        assert_eq!(
            kinds_and_lines(&parsed),
            [(EllipsisLine, 3), (EllipsisLine, 7), (EllipsisLine, 11)]
        );
        assert_eq!(ok("[\n  ...\n]").value, json!([]));
    }

    #[test]
    fn several_kinds_in_one_text() {
        let text = "{\u{a0}\n  name: \"a\",\n  \"tags\": [\"x\",]\n  // done\n}";
        let parsed = ok(text);
        assert_eq!(parsed.value, json!({"name": "a", "tags": ["x"]}));
        assert_eq!(
            kinds_and_lines(&parsed),
            [(UnicodeWhitespace, 0), (BareKey, 1), (TrailingComma, 2), (Comment, 3)]
        );
    }

    #[test]
    fn values_are_preserved_exactly() {
        let lenient = "{\n \"big\": 12345678901234567890123,\n \"max\": 18446744073709551615,\n \"neg\": -0,\n \"exp\": 1.5E+3,\n \"frac\": 0.1000,\n \"esc\": \"\\u00e9\\n\\\"q\\\" \\ud83d\\ude00\",\n \"raw\": \"é😀\",\n}";
        let strict = lenient.replace(",\n}", "\n}");
        let parsed = ok(lenient);
        assert_eq!(kinds_and_lines(&parsed), [(TrailingComma, 7)]);
        assert_eq!(parsed.value, serde_json::from_str::<Value>(&strict).unwrap());
        assert_eq!(parsed.value["max"], json!(u64::MAX));
    }

    #[test]
    fn unrecoverable_defects_fail() {
        for (what, text) in UNRECOVERABLE {
            let failure = err(text);
            assert!(!failure.message.is_empty(), "{what}");
        }
    }

    #[test]
    fn failures_are_located() {
        let f = err("{\n  \"removedAt\": 2019-05-06T07:08:09Z\n}");
        assert_eq!((f.line, f.column), (1, 16));
        assert!(f.message.contains("unquoted value"), "{}", f.message);

        let f = err("[{'op': 'append'}]");
        assert_eq!((f.line, f.column), (0, 3));
        assert!(f.message.contains("single-quoted"), "{}", f.message);

        let f = err("{\"a\": 1}\n\nGET /things/1");
        assert_eq!((f.line, f.column), (2, 1));

        // Columns count characters, not bytes.
        let f = err("{\"é€\": 1, \"ü\": x}");
        assert_eq!((f.line, f.column), (0, 16));

        let f = err("{\"a\": [1, 2]");
        assert_eq!((f.line, f.column), (0, 1));
        assert!(f.message.contains("never closed"), "{}", f.message);

        let f = err("{\"title\": \"Pending,\n  \"notes\": \"\"\n}");
        assert_eq!(f.line, 1);
    }

    #[test]
    fn number_errors_from_serde_are_mapped_back() {
        // Valid JSON grammar, but out of range for serde_json: reported by the strict parse of
        // the rewritten text and mapped back to the input.
        let f = err("{\n  \"a\": 1,\n  \"huge\": 1e999,\n}");
        assert_eq!(f.line, 2);
        assert!(f.column >= 11, "{f}");
    }

    #[test]
    fn nesting_is_bounded() {
        assert!(parse(&"[".repeat(100_000)).is_err());
        assert!(parse(&format!("{}{}", "[".repeat(200), "]".repeat(200))).is_err());
        let deep = format!("{}1,{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(ok(&deep).repairs.len(), 1);
    }

    #[test]
    fn rules_cover_every_kind() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        assert!(ids.iter().all(|id| id.starts_with("json/")));
        for kind in RepairKind::ALL {
            assert!(RULES.contains(&kind.rule()), "{kind}");
            assert_eq!(kind.rule().severity, Severity::Warning);
        }
        assert_eq!(UNPARSEABLE.severity, Severity::Error);
        assert_eq!(RULES.len(), RepairKind::ALL.len() + 1);
    }

    #[test]
    fn report_gives_one_diagnostic_per_kind_at_page_lines() {
        let mut diags = Diagnostics::for_file("v1.0/api/gadget-get.md");
        report(&parse(BARE_KEY), &mut diags, 10, "example request body");
        report(&parse(STRICT), &mut diags, 40, "example response body");
        let items = diags.items();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].rule, "json/bare-key");
        assert_eq!(items[0].severity, Severity::Warning);
        assert_eq!((items[0].line, items[0].column), (12, 3));
        assert_eq!(
            items[0].message,
            "example request body: quoted an unquoted key (also on lines 13, 14)"
        );
        assert!(!diags.has_errors());

        let mut diags = Diagnostics::for_file("beta/api/gadget-get.md");
        report(&parse("{\n  \"a\": 2020-01-01\n}"), &mut diags, 7, "example response body");
        let items = diags.items();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].rule, "json/unparseable");
        assert_eq!((items[0].line, items[0].column), (8, 8));
        assert!(diags.has_errors());
    }

    #[test]
    fn report_at_shifts_the_first_line_only() {
        let mut diags = Diagnostics::for_file("p.md");
        // As in `<!-- { "blockType": "response", } -->` with the text starting after `<!--`.
        let text = " { \"blockType\": \"response\", }";
        report_at(&parse(text), &mut diags, 5, 5, "annotation");
        assert_eq!((diags.items()[0].line, diags.items()[0].column), (5, 5 + 27 - 1));
        let mut diags = Diagnostics::for_file("p.md");
        report_at(&parse("{\n  \"a\": 1,\n}"), &mut diags, 5, 5, "annotation");
        assert_eq!((diags.items()[0].line, diags.items()[0].column), (6, 9));
    }

    /// Every fixture of this module, valid or not.
    fn fixtures() -> Vec<&'static str> {
        let mut all = vec![
            STRICT,
            TRAILING_COMMA,
            BARE_KEY,
            RAW_CONTROL,
            MISSING_COMMA,
            SMART_QUOTES,
            UNICODE_SPACE,
            COMMENT,
            ELLIPSIS,
        ];
        all.extend(UNRECOVERABLE.iter().map(|(_, text)| *text));
        all
    }

    /// Locations must point into the text (or one past the end of a line).
    fn assert_located(text: &str, line: u32, column: u32) {
        let lines: Vec<&str> = text.split('\n').collect();
        let l = lines.get(line as usize).unwrap_or_else(|| panic!("line {line} outside {text:?}"));
        assert!(
            column >= 1 && column as usize <= l.chars().count() + 1,
            "column {column} outside {text:?}"
        );
    }

    /// Parse, check the invariants, and tell which outcome it was: 0 strict, 1 repaired, 2 failed.
    fn check(text: &str) -> usize {
        match parse(text) {
            Ok(parsed) => {
                for r in &parsed.repairs {
                    assert_located(text, r.line, r.column);
                }
                if parsed.repairs.is_empty() {
                    assert_eq!(
                        Some(&parsed.value),
                        serde_json::from_str::<Value>(text).ok().as_ref()
                    );
                    0
                } else {
                    1
                }
            }
            Err(f) => {
                assert_located(text, f.line, f.column);
                2
            }
        }
    }

    #[test]
    fn never_panics_on_truncations() {
        for text in fixtures() {
            for (i, _) in text.char_indices() {
                let _ = check(&text[..i]);
                let _ = check(&text[i..]);
            }
        }
    }

    #[test]
    fn never_panics_on_mutations() {
        const PALETTE: &[char] = &[
            '{', '}', '[', ']', ',', ':', '"', '“', '”', '\\', '/', '*', '.', '…', ' ', '\n', '\t',
            '\r', '\u{a0}', '\u{200b}', 'a', 'u', '1', '0', '-', 'e', '\'', '\u{0}', 'é',
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |bound: usize| {
            // xorshift64
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound.max(1) as u64) as usize
        };
        let fixtures = fixtures();
        let mut outcomes = [0usize; 3];
        for _ in 0..5000 {
            let mut chars: Vec<char> = fixtures[next(fixtures.len())].chars().collect();
            for _ in 0..=next(2) {
                let at = next(chars.len() + 1);
                match next(5) {
                    0 => chars.insert(at, PALETTE[next(PALETTE.len())]),
                    1 if at < chars.len() => {
                        chars.remove(at);
                    }
                    2 if at < chars.len() => chars[at] = PALETTE[next(PALETTE.len())],
                    3 => chars.truncate(at),
                    _ => {
                        let end = (at + next(8)).min(chars.len());
                        let copy: Vec<char> = chars[at..end].to_vec();
                        let to = next(chars.len() + 1);
                        chars.splice(to..to, copy);
                    }
                }
            }
            outcomes[check(&chars.into_iter().collect::<String>())] += 1;
        }
        // The mutations reach all three outcomes, so the invariants were exercised on each.
        assert!(outcomes.iter().all(|&n| n > 25), "{outcomes:?}");
    }
}
