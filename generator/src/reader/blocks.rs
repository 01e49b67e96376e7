//! Block structure of a page: headings, paragraphs, tables, fences and HTML comments, in
//! document order, each with its 1-based source line.
//!
//! pulldown-cmark does the CommonMark work (fences are literal, `<!--` blocks run to `-->`,
//! GFM tables with escaped pipes and short rows). Before it runs, one repair pass closes
//! request fences that the author never closed — otherwise every later fence of the page is
//! inverted (corpus guide §11 #1).

use std::borrow::Cow;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostics, Rule, Severity};

/// A fence opened with an HTTP info string was closed by the next fence's opener.
pub const UNCLOSED_FENCE: Rule = Rule {
    id: "markdown/unclosed-fence",
    severity: Severity::Warning,
    summary: "a code fence is never closed; docgen closes it before the next section",
};
/// An `<!--` comment never closes, so the rest of the page is hidden.
pub const UNCLOSED_COMMENT: Rule = Rule {
    id: "markdown/unclosed-comment",
    severity: Severity::Warning,
    summary: "an HTML comment is never closed; the rest of the page is commented out",
};

/// A table row continues on a following line that has no leading `|` (GFM reads that line
/// as a one-cell row; the author meant a line break inside the last cell).
pub const CONTINUATION_LINE: Rule = Rule {
    id: "table/continuation-line",
    severity: Severity::Note,
    summary: "a table row continues on a line without a leading pipe; docgen appends it to the row's last cell",
};

/// Rules reported by this module.
pub const RULES: &[&Rule] = &[&UNCLOSED_FENCE, &UNCLOSED_COMMENT, &CONTINUATION_LINE];

/// A link found in a paragraph or a table cell. Reference-style links are already resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Plain text of the link.
    pub text: String,
    /// Destination as written (after reference resolution), e.g. `../resources/user.md`.
    pub dest: String,
}

/// One table cell: its markdown as written and its plain text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The cell's markdown source, trimmed.
    pub raw: String,
    /// Plain text (emphasis, code ticks and link syntax removed), whitespace collapsed.
    pub text: String,
    /// Links inside the cell.
    pub links: Vec<Link>,
}

/// A table row with its source line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// 1-based source line.
    pub line: u32,
    /// Cells; may be fewer than the header has (short rows are common).
    pub cells: Vec<Cell>,
}

/// A GFM table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Header cells.
    pub header: Vec<Cell>,
    /// Body rows.
    pub rows: Vec<Row>,
}

/// A fenced code block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fence {
    /// Info string, trimmed (`http`, `json`, `msgraph-interactive`, or empty).
    pub info: String,
    /// Literal content, without the fence lines.
    pub content: String,
    /// 1-based source line of the first content line.
    pub content_line: u32,
}

/// What a block is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// An ATX heading (tab selectors `# [X](#tab/x)` are dropped).
    Heading {
        /// 1 to 6.
        level: u8,
        /// Plain text.
        text: String,
    },
    /// A paragraph (also list-item text), as plain text with its links.
    Paragraph {
        /// Plain text, whitespace collapsed.
        text: String,
        /// Links in the paragraph.
        links: Vec<Link>,
        /// Inside a blockquote (`> **Note:** …`, `> [!NOTE]`): an aside, not body text.
        quoted: bool,
    },
    /// A table.
    Table(Table),
    /// A fenced or indented code block.
    Fence(Fence),
    /// An HTML comment block, without `<!--` and `-->`.
    Comment {
        /// Text between the delimiters.
        text: String,
    },
}

/// A block and where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// 1-based source line of the block's first line.
    pub line: u32,
    /// The block.
    pub kind: BlockKind,
}

/// Maps byte offsets of the text given to the parser back to 1-based source lines,
/// accounting for lines the fence repair inserted and for the lines before the text (the
/// front matter, which the parser does not see).
struct LineMap {
    starts: Vec<usize>,
    /// 0-based indices (in the patched text) of inserted lines, ascending.
    inserted: Vec<usize>,
    /// Source lines before the text.
    skipped: u32,
}

/// Byte offsets where the lines of `text` start: 0, then after every `\n`.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    // memchr's vectorized search: `match_indices` cost about 200 instructions a line.
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

impl LineMap {
    fn line(&self, offset: usize) -> u32 {
        let patched = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let shift = self.inserted.partition_point(|&i| i < patched);
        (patched - shift + 1) as u32 + self.skipped
    }
}

/// Parse the body of a page (front matter already blanked out) into blocks.
pub fn parse_blocks(source: &str, diags: &mut Diagnostics) -> Vec<Block> {
    parse_blocks_after(source, 0, diags)
}

/// Parse a page body that starts after `skipped` source lines (the front matter), so that
/// block lines are the page's own. The same as [`parse_blocks`] on the body with those lines
/// blanked out, without copying the page to blank them (docgen bench, `--only read`).
pub fn parse_blocks_after(source: &str, skipped: u32, diags: &mut Diagnostics) -> Vec<Block> {
    let starts = line_starts(source);
    let (text, inserted) = close_broken_fences(source, &starts, skipped, diags);
    let lines = match &text {
        Cow::Borrowed(_) => LineMap { starts, inserted: Vec::new(), skipped },
        Cow::Owned(patched) => LineMap { starts: line_starts(patched), inserted, skipped },
    };
    let mut out = Vec::new();
    let mut builder = BlockBuilder::default();

    let parser = Parser::new_ext(&text, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(tag) => builder.start(tag, range.start, &text, &lines),
            Event::End(tag) => {
                if let Some(block) = builder.end(tag, range.end, &text, &lines, diags) {
                    out.push(block);
                }
            }
            Event::Text(t) => builder.text(&t),
            Event::Code(t) => builder.text(&t),
            Event::Html(t) | Event::InlineHtml(t) => builder.html(&t),
            Event::SoftBreak | Event::HardBreak => builder.text(" "),
            _ => {}
        }
    }
    out
}

/// Accumulates the events of the block being read.
#[derive(Default)]
struct BlockBuilder {
    /// Plain text of the innermost open paragraph / heading / cell / fence / comment.
    text: String,
    links: Vec<Link>,
    /// Open link: (destination, text start index).
    link: Option<(String, usize)>,
    heading: Option<(u8, u32)>,
    paragraph: Option<u32>,
    fence: Option<(String, u32)>,
    html: Option<(u32, bool)>,
    table: Option<(u32, Table)>,
    row: Option<Row>,
    /// Byte offset where the open row starts (to tell continuation lines).
    row_start: usize,
    cell_start: usize,
    in_head: bool,
    /// Depth of blockquotes/list items: paragraphs inside them are still reported.
    nesting: u32,
    /// Depth of blockquotes alone.
    quotes: u32,
}

impl BlockBuilder {
    fn start(&mut self, tag: Tag<'_>, start: usize, text: &str, lines: &LineMap) {
        match tag {
            Tag::Heading { level, .. } => {
                self.reset_text();
                self.heading = Some((heading_level(level), lines.line(start)));
            }
            Tag::Paragraph => {
                self.reset_text();
                self.paragraph = Some(lines.line(start));
            }
            Tag::CodeBlock(kind) => {
                self.reset_text();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                // Content starts on the line after the opener for fenced blocks.
                let first_line = lines.line(start);
                let fenced = text[start..].trim_start().starts_with("```")
                    || text[start..].trim_start().starts_with("~~~");
                self.fence = Some((info, if fenced { first_line + 1 } else { first_line }));
            }
            Tag::HtmlBlock => {
                self.reset_text();
                self.html = Some((lines.line(start), true));
            }
            Tag::Table(_) => self.table = Some((lines.line(start), Table { header: Vec::new(), rows: Vec::new() })),
            Tag::TableHead => {
                self.in_head = true;
                self.row = Some(Row { line: lines.line(start), cells: Vec::new() });
            }
            Tag::TableRow => {
                // pulldown-cmark pads or cuts body rows to the header's width.
                let width = self.table.as_ref().map_or(0, |(_, t)| t.header.len());
                self.row = Some(Row { line: lines.line(start), cells: Vec::with_capacity(width) });
                self.row_start = start;
            }
            Tag::TableCell => {
                self.reset_text();
                self.cell_start = start;
            }
            Tag::Link { dest_url, .. } => self.link = Some((dest_url.into_string(), self.text.len())),
            Tag::BlockQuote(_) => {
                self.nesting += 1;
                self.quotes += 1;
            }
            Tag::Item => self.nesting += 1,
            _ => {}
        }
    }

    fn end(
        &mut self,
        tag: TagEnd,
        end: usize,
        text: &str,
        lines: &LineMap,
        diags: &mut Diagnostics,
    ) -> Option<Block> {
        match tag {
            TagEnd::Heading(_) => {
                let (level, line) = self.heading.take()?;
                let heading = collapse(&self.text);
                // `# [C#](#tab/csharp)` lines select code tabs; they are not part of the outline.
                if self.links.len() == 1 && self.links[0].dest.starts_with("#tab/") {
                    return None;
                }
                Some(Block { line, kind: BlockKind::Heading { level, text: heading } })
            }
            TagEnd::Paragraph => {
                let line = self.paragraph.take()?;
                if self.table.is_some() {
                    return None;
                }
                Some(Block {
                    line,
                    kind: BlockKind::Paragraph {
                        text: collapse(&self.text),
                        links: std::mem::take(&mut self.links),
                        quoted: self.quotes > 0,
                    },
                })
            }
            TagEnd::CodeBlock => {
                let (info, content_line) = self.fence.take()?;
                Some(Block {
                    line: content_line.saturating_sub(1).max(1),
                    kind: BlockKind::Fence(Fence { info, content: std::mem::take(&mut self.text), content_line }),
                })
            }
            TagEnd::HtmlBlock => {
                let (line, _) = self.html.take()?;
                let html = std::mem::take(&mut self.text);
                let trimmed = html.trim_start();
                let body = trimmed.strip_prefix("<!--")?;
                let body = match body.find("-->") {
                    Some(close) => &body[..close],
                    None => {
                        diags.report(&UNCLOSED_COMMENT, line, 1, "`<!--` is never closed by `-->`");
                        body
                    }
                };
                Some(Block { line, kind: BlockKind::Comment { text: body.to_string() } })
            }
            TagEnd::TableCell => {
                let raw = text.get(self.cell_start..end).unwrap_or("");
                let raw = raw.trim().trim_start_matches('|').trim_end_matches('|').trim().to_string();
                let cell = Cell { raw, text: collapse(&self.text), links: std::mem::take(&mut self.links) };
                self.text.clear();
                if let Some(row) = self.row.as_mut() {
                    row.cells.push(cell);
                }
                None
            }
            TagEnd::TableHead => {
                self.in_head = false;
                if let (Some(row), Some((_, table))) = (self.row.take(), self.table.as_mut()) {
                    table.header = row.cells;
                }
                None
            }
            TagEnd::TableRow => {
                if let (Some(mut row), Some((_, table))) = (self.row.take(), self.table.as_mut()) {
                    // A line without a leading `|` whose only cell is the first one (`text` or
                    // `text|`) is, under GFM, a one-cell row. In the docs it is always the rest
                    // of the previous row's last cell, written on its own line (intune
                    // descriptions with embedded line breaks, closed by the row's final `|`).
                    let source = text.get(self.row_start..end).unwrap_or("").trim_start();
                    let continuation = !source.starts_with('|')
                        && source.trim_end().trim_end_matches('|').matches('|').count() == 0
                        && row.cells.iter().skip(1).all(|c| c.raw.is_empty());
                    let previous = table.rows.last_mut().and_then(|r| r.cells.last_mut());
                    match previous {
                        Some(last) if continuation => {
                            let extra = row.cells.remove(0);
                            diags.report(
                                &CONTINUATION_LINE,
                                row.line,
                                1,
                                "table line without a leading `|`; read as the rest of the previous row's last cell",
                            );
                            for (into, from) in [(&mut last.raw, &extra.raw), (&mut last.text, &extra.text)] {
                                if !from.is_empty() {
                                    if !into.is_empty() {
                                        into.push(' ');
                                    }
                                    into.push_str(from);
                                }
                            }
                            last.links.extend(extra.links);
                        }
                        _ => table.rows.push(row),
                    }
                }
                None
            }
            TagEnd::Table => {
                let (line, table) = self.table.take()?;
                Some(Block { line, kind: BlockKind::Table(table) })
            }
            TagEnd::Link => {
                if let Some((dest, from)) = self.link.take() {
                    let text = collapse(self.text.get(from..).unwrap_or(""));
                    self.links.push(Link { text, dest });
                }
                let _ = lines;
                None
            }
            TagEnd::BlockQuote(_) => {
                self.nesting = self.nesting.saturating_sub(1);
                self.quotes = self.quotes.saturating_sub(1);
                None
            }
            TagEnd::Item => {
                self.nesting = self.nesting.saturating_sub(1);
                None
            }
            _ => None,
        }
    }

    fn text(&mut self, t: &str) {
        self.text.push_str(t);
    }

    fn html(&mut self, t: &str) {
        if self.html.is_some() || self.fence.is_some() {
            self.text.push_str(t);
        } else {
            // Inline HTML such as `<br>` separates words.
            self.text.push(' ');
        }
    }

    fn reset_text(&mut self) {
        self.text.clear();
        self.links.clear();
        self.link = None;
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Collapse runs of whitespace (including NBSP) into single spaces and trim.
pub fn collapse(s: &str) -> String {
    // Performance (docgen bench, `--only read`): this runs for every paragraph, heading,
    // cell and link. Most of that text is ASCII and already collapsed (single inner spaces,
    // nothing to trim), which one byte scan can tell and a plain copy can return; other
    // ASCII text takes a byte loop. Both give what the general path below gives.
    if s.is_ascii() {
        return super::text::collapse_ascii(s).into_owned();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A fence opener: up to three spaces, three or more backticks, then the info string.
fn fence_opener(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let ticks = rest.len() - rest.trim_start_matches('`').len();
    if ticks < 3 {
        return None;
    }
    let info = rest[ticks..].trim();
    if info.contains('`') {
        return None;
    }
    Some((ticks, info))
}

fn is_http_info(info: &str) -> bool {
    matches!(info.to_ascii_lowercase().as_str(), "http" | "msgraph-interactive" | "")
}

/// Close HTTP fences that run into the next fence's opener (` ```http ` inside a fence is
/// content under CommonMark, so one missing closer inverts every later fence of the page).
/// `starts` are the line starts of `source`, `skipped` the source lines before it. Returns
/// the repaired text and the 0-based indices of the lines it inserted.
fn close_broken_fences<'a>(source: &'a str, starts: &[usize], skipped: u32, diags: &mut Diagnostics) -> (Cow<'a, str>, Vec<usize>) {
    // `split_inclusive('\n')` lines: a final `\n` starts no further line.
    let count = if starts.last() == Some(&source.len()) { starts.len() - 1 } else { starts.len() };
    let line_at = |i: usize| &source[starts[i]..starts.get(i + 1).copied().unwrap_or(source.len())];
    let mut insert_before: Vec<usize> = Vec::new();
    let mut open: Option<(usize, usize, bool)> = None; // (opener line, ticks, is http)
    let mut in_comment = false;
    for i in 0..count {
        let trimmed = line_at(i).trim_end_matches(['\n', '\r']);
        // Only a line whose first non-blank character is `<` or a backtick can open a
        // comment or open or close a fence; most lines are neither.
        let first = trimmed.trim_start().as_bytes().first().copied();
        match open {
            None => {
                if in_comment {
                    if trimmed.contains("-->") {
                        in_comment = false;
                    }
                } else if first == Some(b'<') {
                    if trimmed.trim_start().starts_with("<!--") {
                        in_comment = !trimmed.contains("-->");
                    }
                } else if first == Some(b'`') {
                    if let Some((ticks, info)) = fence_opener(trimmed) {
                        open = Some((i, ticks, is_http_info(info)));
                    }
                }
            }
            Some((start, ticks, http)) => {
                if first != Some(b'`') {
                    continue;
                }
                if let Some((t, info)) = fence_opener(trimmed) {
                    if info.is_empty() && t >= ticks {
                        open = None;
                    } else if http && !info.is_empty() {
                        // Close before the heading or annotation that introduced the new fence.
                        let mut at = i;
                        for j in (start + 1..i).rev() {
                            let l = line_at(j).trim_start();
                            if l.starts_with('#') || l.starts_with("<!--") {
                                at = j;
                            }
                            if l.starts_with("HTTP/") || l.starts_with('{') {
                                break;
                            }
                        }
                        insert_before.push(at);
                        diags.report(
                            &UNCLOSED_FENCE,
                            skipped + start as u32 + 1,
                            1,
                            format!("fence opened here is not closed before the fence at line {}", skipped as usize + i + 1),
                        );
                        open = Some((i, t, is_http_info(info)));
                    }
                }
            }
        }
    }
    if insert_before.is_empty() {
        return (Cow::Borrowed(source), Vec::new());
    }
    let mut text = String::with_capacity(source.len() + 4 * insert_before.len());
    let mut inserted = Vec::new();
    let mut next = insert_before.iter().peekable();
    for i in 0..count {
        while next.peek() == Some(&&i) {
            next.next();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            inserted.push(i + inserted.len());
            text.push_str("```\n");
        }
        text.push_str(line_at(i));
    }
    (Cow::Owned(text), inserted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(s: &str) -> (Vec<Block>, Diagnostics) {
        let mut d = Diagnostics::for_file("t.md");
        let b = parse_blocks(s, &mut d);
        (b, d)
    }

    #[test]
    fn fences_comments_and_tables_keep_source_lines() {
        let src = "# Title\n\n<!-- { \"blockType\": \"request\" } -->\n``` http\nGET /me\n```\n\n|Property|Type|\n|:--|:--|\n|a\\|b|[x](x.md) collection|\n";
        let (b, d) = blocks(src);
        assert!(d.items().is_empty());
        assert_eq!(b[0], Block { line: 1, kind: BlockKind::Heading { level: 1, text: "Title".into() } });
        assert_eq!(b[1].line, 3);
        assert!(matches!(&b[1].kind, BlockKind::Comment { text } if text.contains("request")));
        let BlockKind::Fence(f) = &b[2].kind else { panic!("{:?}", b[2]) };
        assert_eq!((f.info.as_str(), f.content.as_str(), f.content_line), ("http", "GET /me\n", 5));
        let BlockKind::Table(t) = &b[3].kind else { panic!() };
        assert_eq!(t.rows[0].line, 10);
        assert_eq!(t.rows[0].cells[0].text, "a|b");
        assert_eq!(t.rows[0].cells[1].raw, "[x](x.md) collection");
        assert_eq!(t.rows[0].cells[1].links[0], Link { text: "x".into(), dest: "x.md".into() });
    }

    #[test]
    fn comment_markers_inside_fences_are_literal() {
        let src = "```json\n{\"a\": \"<!-- x\"}\n```\n\nafter\n";
        let (b, _) = blocks(src);
        assert!(matches!(&b[0].kind, BlockKind::Fence(f) if f.content.contains("<!--")));
        assert!(matches!(&b[1].kind, BlockKind::Paragraph { text, .. } if text == "after"));
    }

    #[test]
    fn tab_selector_headings_are_dropped() {
        let (b, _) = blocks("# [HTTP](#tab/http)\n\ntext\n");
        assert_eq!(b.len(), 1);
    }

    #[test]
    fn unclosed_request_fence_is_closed_before_the_next_section() {
        let src = "### Request\n```http\nPOST /a\n\n### Response\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n\n## Next\n";
        let (b, d) = blocks(src);
        assert_eq!(d.items()[0].rule, UNCLOSED_FENCE.id);
        assert_eq!(d.items()[0].line, 2);
        let kinds: Vec<_> = b.iter().map(|b| (b.line, std::mem::discriminant(&b.kind))).collect();
        assert_eq!(kinds.len(), 6, "{b:#?}");
        assert!(matches!(&b[1].kind, BlockKind::Fence(f) if f.content.trim() == "POST /a"));
        assert_eq!(b[2].line, 5);
        assert!(matches!(&b[2].kind, BlockKind::Heading { text, .. } if text == "Response"));
        assert!(matches!(&b[4].kind, BlockKind::Fence(f) if f.content.starts_with("HTTP/1.1 204") && f.content_line == 8));
        assert_eq!(b[5].line, 11);
    }

    #[test]
    fn collapse_ascii_fast_path_matches_the_general_rule() {
        for s in ["", "  ", " ", "a", "a b", "a  b", "a\tb", "a \nb", " a", "a ", " a  b\t\nc \x0b d\x0c\re ", "x\u{a0}y  z", "\u{2003}a\u{202f}b "] {
            let general: Vec<&str> = s.split(char::is_whitespace).filter(|w| !w.is_empty()).collect();
            assert_eq!(collapse(s), general.join(" "), "{s:?}");
        }
    }

    #[test]
    fn unclosed_comment_is_reported() {
        let (b, d) = blocks("text\n\n<!-- never closed\n\n## Hidden\n");
        assert_eq!(d.items()[0].rule, UNCLOSED_COMMENT.id);
        assert!(matches!(&b[1].kind, BlockKind::Comment { .. }));
    }

    #[test]
    fn pipe_less_lines_continue_the_previous_rows_last_cell() {
        let src = "|Property|Type|Description|\n|:--|:--|:--|\n|mode|Int32|First line.\nSecond line with [x](x.md).\nThird.|\n|next|String|Plain.|\n";
        let (b, d) = blocks(src);
        let BlockKind::Table(t) = &b[0].kind else { panic!("{b:?}") };
        assert_eq!(t.rows.len(), 2, "{t:#?}");
        assert_eq!(t.rows[0].cells[2].text, "First line. Second line with x. Third.");
        assert_eq!(t.rows[0].cells[2].links[0].dest, "x.md");
        assert_eq!(t.rows[1].cells[0].text, "next");
        let found: Vec<_> = d.items().iter().map(|d| (d.rule, d.line)).collect();
        assert_eq!(found, vec![(CONTINUATION_LINE.id, 4), (CONTINUATION_LINE.id, 5)]);
    }

    #[test]
    fn rows_without_a_leading_pipe_are_still_rows() {
        let (b, d) = blocks("|a|b|\n|-|-|\nx|y\n|short|\n");
        let BlockKind::Table(t) = &b[0].kind else { panic!("{b:?}") };
        assert_eq!(t.rows.len(), 2, "{t:#?}");
        assert_eq!(t.rows[0].cells[1].text, "y");
        // pulldown-cmark pads short rows with empty cells.
        assert_eq!(t.rows[1].cells[0].text, "short");
        assert!(t.rows[1].cells.iter().skip(1).all(|c| c.text.is_empty()));
        assert!(d.items().is_empty());
    }

    #[test]
    fn fences_inside_comments_are_comment_text() {
        let src = "<!--\n### Old section\n```http\nGET /old\n```\n!-- { \"blockType\": \"ignored\" } --\n-->\n\n```http\nGET /new\n```\n";
        let (b, d) = blocks(src);
        assert!(d.items().is_empty());
        assert_eq!(b.len(), 2, "{b:#?}");
        assert!(matches!(&b[0].kind, BlockKind::Comment { text } if text.contains("GET /old")));
        assert!(matches!(&b[1].kind, BlockKind::Fence(f) if f.content == "GET /new\n" && f.content_line == 10));
    }

    #[test]
    fn indented_headings_and_docfx_lines() {
        let src = " #  gizmo resource type\n\n[!INCLUDE [disclaimer](../../includes/disclaimer.md)]\n\n> [!NOTE]\n> An aside.\n\n ## Properties\n";
        let (b, _) = blocks(src);
        assert!(matches!(&b[0].kind, BlockKind::Heading { level: 1, text } if text == "gizmo resource type"));
        assert!(matches!(&b[1].kind, BlockKind::Paragraph { text, quoted: false, .. } if text.starts_with("[!INCLUDE")));
        assert!(matches!(&b[2].kind, BlockKind::Paragraph { quoted: true, .. }));
        assert!(matches!(&b[3].kind, BlockKind::Heading { level: 2, text } if text == "Properties"));
    }

    #[test]
    fn reference_style_links_resolve_in_paragraphs() {
        let (b, _) = blocks("Inherits from [gadgetBase][].\n\n[gadgetBase]: gadgetbase.md\n");
        let BlockKind::Paragraph { links, .. } = &b[0].kind else { panic!("{b:?}") };
        assert_eq!(links[0], Link { text: "gadgetBase".into(), dest: "gadgetbase.md".into() });
    }
}
