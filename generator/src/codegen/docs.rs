//! Doc comments from docs prose, made safe for rustdoc.
//!
//! The reader hands over descriptions as plain text (it already rendered the cell's
//! markdown), and the generator adds a few backtick code spans of its own. So the model is
//! "plain text plus balanced code spans": every character outside a code span must render as
//! itself. That rules out intra-doc links out of stray brackets, HTML tags out of `<token>`,
//! emphasis out of `*` or `_`, strikethrough out of `~`, entities out of `&name;`, headings,
//! rules, tables, block quotes and — above all — code blocks (which rustdoc would run as
//! doctests) out of indentation, tabs or fences. Bare URLs become autolinks (the `bare_urls`
//! lint), and an unmatched backtick is escaped (the `unescaped_backticks` lint). Code spans
//! are copied verbatim: escapes inside them would show as backslashes.

use std::borrow::Cow;

use pulldown_cmark::{BrokenLink, CowStr, Event, Options, Parser, TagEnd};

/// Sanitize prose for a doc comment: trimmed lines (no indentation, so no indented code),
/// runs of blank lines collapsed to one paragraph break, and each line escaped by
/// `escape_line`.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut blank = false;
    for raw in text.lines() {
        // Tabs become spaces and other control characters go; most lines have neither.
        let line: Cow<'_, str> = if raw.chars().any(char::is_control) {
            Cow::Owned(
                raw.chars()
                    .filter_map(|c| match c {
                        '\t' => Some(' '),
                        c if c.is_control() => None,
                        c => Some(c),
                    })
                    .collect(),
            )
        } else {
            Cow::Borrowed(raw)
        };
        let line = line.trim();
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        escape_line(line, &mut out);
    }
    out
}

/// Escape one trimmed, non-empty line.
///
/// - Line starts that open a block are neutralized: `#` (heading), a line made only of
///   `-`, `=`, `*`, `_`, `+`, `:`, `|` and spaces (setext underline, thematic break, table
///   delimiter row), `: ` (definition), three or more backticks (fence). `- `, `+ ` and
///   `1. ` list items stay lists: that is what the text means.
/// - A backtick run with a closing run of the same length on the same line is a code span,
///   copied verbatim; any other backtick run is escaped. Spans never cross lines, so a line
///   start inside one cannot open a block.
/// - `http://` and `https://` URLs become `<autolinks>`.
/// - `\ [ ] < > | * ~` are always escaped, `_` unless it sits inside a word (where it can
///   never be emphasis), `&` when it would start an entity, `'` and `"` when they touch no
///   letter or digit (so smart punctuation leaves them straight).
fn escape_line(line: &str, out: &mut String) {
    if needs_no_escape(line) {
        out.push_str(line);
    } else {
        escape_chars(line, out);
    }
}

/// [`escape_line`]'s character-by-character pass.
fn escape_chars(line: &str, out: &mut String) {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let first = chars[0];
    let only_rule_chars = chars.iter().all(|c| matches!(c, '-' | '=' | '*' | '_' | '+' | ':' | '|' | ' '));
    if only_rule_chars || first == '#' || (first == ':' && chars.get(1).is_none_or(|c| *c == ' ')) {
        out.push('\\');
        out.push(first);
        i = 1;
    } else if first == '`' && run_len(&chars, 0) >= 3 {
        let n = run_len(&chars, 0);
        out.push_str(&"\\`".repeat(n));
        i = n;
    }
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let n = run_len(&chars, i);
            match closing_run(&chars, i + n, n) {
                Some(close) => {
                    out.extend(&chars[i..close + n]);
                    i = close + n;
                }
                None => {
                    out.push_str(&"\\`".repeat(n));
                    i += n;
                }
            }
            continue;
        }
        if let Some(len) = url_len(&chars, i) {
            out.push('<');
            out.extend(&chars[i..i + len]);
            out.push('>');
            i += len;
            continue;
        }
        let escape = match c {
            '\\' | '[' | ']' | '<' | '>' | '|' | '*' | '~' => true,
            '_' => !(i > 0 && chars[i - 1].is_alphanumeric() && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())),
            '&' => entity_like(&chars[i + 1..]),
            // rustdoc's smart punctuation curls quotes; one standing alone (a list of
            // characters) must stay the character it names. Quotes at words stay typographic.
            '\'' | '"' => !(i > 0 && chars[i - 1].is_alphanumeric() || chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
}

/// True when [`escape_line`] would copy `line` unchanged: no character it may escape or
/// treat as markup, no URL, and no line start that could open a block. Most description
/// lines are plain prose; they skip the per-character pass.
fn needs_no_escape(line: &str) -> bool {
    let first = line.as_bytes()[0];
    !matches!(first, b'#' | b':' | b'-' | b'=' | b'+')
        && !line.bytes().any(|b| matches!(b, b'`' | b'\\' | b'[' | b']' | b'<' | b'>' | b'|' | b'*' | b'~' | b'_' | b'&' | b'\'' | b'"'))
        && !line.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"http"))
}

/// Length of the run of backticks starting at `at`.
fn run_len(chars: &[char], at: usize) -> usize {
    chars[at..].iter().take_while(|&&c| c == '`').count()
}

/// Start of the next backtick run of exactly `n` at or after `from`.
fn closing_run(chars: &[char], from: usize, n: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let m = run_len(chars, j);
            if m == n {
                return Some(j);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

/// `&` followed by what CommonMark could read as an entity (`&amp;`, `&#39;`).
fn entity_like(rest: &[char]) -> bool {
    let name = rest.iter().take(33).take_while(|c| c.is_ascii_alphanumeric() || **c == '#').count();
    name > 0 && rest.get(name) == Some(&';')
}

/// Length of the URL starting at `at`, when an `http://` or `https://` URL with a host starts
/// there (not inside a word). It runs to whitespace, `<`, `>`, a backtick, `|` or a quote
/// (the one before it, when it is quoted), minus trailing sentence punctuation and closing
/// brackets it does not open.
fn url_len(chars: &[char], at: usize) -> Option<usize> {
    if at > 0 && chars[at - 1].is_alphanumeric() {
        return None;
    }
    let head: String = chars[at..].iter().take(8).collect::<String>().to_ascii_lowercase();
    let scheme = if head.starts_with("https://") {
        8
    } else if head.starts_with("http://") {
        7
    } else {
        return None;
    };
    if !chars.get(at + scheme).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let quote = at.checked_sub(1).map(|p| chars[p]).filter(|c| matches!(c, '"' | '\'' | '“' | '‘'));
    let mut end = at + scheme;
    while end < chars.len() {
        let c = chars[end];
        if c.is_whitespace() || matches!(c, '<' | '>' | '`' | '|' | '"' | '“' | '”' | '‘' | '’') || Some(c) == quote {
            break;
        }
        end += 1;
    }
    loop {
        let url = &chars[at..end];
        let last = url[url.len() - 1];
        let unopened = |open: char, close: char| {
            last == close && url.iter().filter(|&&c| c == close).count() > url.iter().filter(|&&c| c == open).count()
        };
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '*' | '\'') || unopened('(', ')') || unopened('[', ']') || unopened('{', '}') {
            end -= 1;
        } else {
            break;
        }
    }
    Some(end - at)
}

/// The text of a markdown fragment (a documented type such as `[x](x.md) collection` or
/// `[**x**][x]`): link targets, emphasis and code markers dropped, whitespace collapsed.
pub fn markdown_text(markdown: &str) -> String {
    let parser = Parser::new_with_broken_link_callback(
        markdown,
        Options::empty(),
        Some(|_: BrokenLink<'_>| Some((CowStr::Borrowed(""), CowStr::Borrowed("")))),
    );
    let mut text = String::new();
    for event in parser {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `#[doc = "..."]` attributes, one per line, from raw prose: what [`DocComments`] stands
/// in for, and what its expansion must print the same as.
#[cfg(test)]
pub fn doc_attributes(text: &str) -> Vec<syn::Attribute> {
    doc_lines(text).iter().map(|line| doc_attribute(line)).collect()
}

/// One outer `#[doc = "…"]` attribute as a syn node.
fn doc_attribute(value: &str) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: syn::Meta::NameValue(syn::MetaNameValue {
            path: syn::Path::from(proc_macro2::Ident::new("doc", proc_macro2::Span::call_site())),
            eq_token: Default::default(),
            value: syn::Expr::Lit(syn::ExprLit {
                attrs: Vec::new(),
                lit: syn::Lit::Str(syn::LitStr::new(value, proc_macro2::Span::call_site())),
            }),
        }),
    }
}

/// Doc comments kept out of syn while an item is built and printed.
///
/// Documentation is most of the generated lines (≈ 500k for the corpus). As syn attributes
/// each line was escaped into a string literal, printed by prettyplease, which reads the
/// literal back, and then freed (one-shot (c) of `docgen bench`: 1.19 s, against 1.00 s
/// with markers). Instead an item
/// carries one marker attribute per doc comment, `#[doc = "\u{1}N"]`, which prettyplease
/// prints as the line `///\u{1}N` at the item's indentation; [`DocComments::expand`] then
/// writes the comment's lines there exactly as prettyplease prints a one-line outer doc
/// attribute (`///`, the line, trailing spaces trimmed). A real doc line starts with a
/// space or is empty, so no real line can look like a marker.
#[derive(Default)]
pub struct DocComments {
    comments: Vec<Vec<String>>,
}

/// What follows `///` on a marker line.
const MARKER: char = '\u{1}';

impl DocComments {
    /// The attributes standing for the doc comment of `text` (raw prose): none when it has
    /// no lines, else one marker.
    pub fn attributes(&mut self, text: &str) -> Vec<syn::Attribute> {
        let lines = doc_lines(text);
        if lines.is_empty() {
            return Vec::new();
        }
        self.comments.push(lines);
        vec![doc_attribute(&format!("{MARKER}{}", self.comments.len() - 1))]
    }

    /// prettyplease's output with every marker line replaced by its comment's lines.
    pub fn expand(&self, printed: String) -> String {
        if self.comments.is_empty() {
            return printed;
        }
        let extra: usize = self.comments.iter().flatten().map(|l| l.len() + 12).sum();
        let mut out = String::with_capacity(printed.len() + extra);
        for line in printed.split_inclusive('\n') {
            let code = line.trim_start_matches(' ');
            let Some(index) = code.strip_prefix("///").and_then(|rest| rest.strip_prefix(MARKER)) else {
                out.push_str(line);
                continue;
            };
            let indent = &line[..line.len() - code.len()];
            let index: usize = index.trim_end().parse().expect("doc marker holds its index");
            for doc in &self.comments[index] {
                out.push_str(indent);
                out.push_str("///");
                out.push_str(doc.trim_end_matches(' '));
                out.push('\n');
            }
        }
        out
    }
}

/// Sanitized prose as doc-comment lines, each with the leading space `///` would give it.
fn doc_lines(text: &str) -> Vec<String> {
    sanitize(text).lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{LinkType, Tag};
    use quote::quote;

    /// Render like rustdoc (its markdown options, minus smart punctuation so text compares
    /// byte for byte): the visible text (list items as `- `, paragraphs separated by a blank
    /// line) and every structure other than paragraphs, lists, code spans and autolinks.
    fn render(markdown: &str) -> (String, Vec<String>) {
        let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
        let mut text = String::new();
        let mut odd = Vec::new();
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::Code(t) => {
                    text.push('`');
                    text.push_str(&t);
                    text.push('`');
                }
                Event::SoftBreak => text.push('\n'),
                Event::Start(Tag::Paragraph) | Event::Start(Tag::List(_)) | Event::End(TagEnd::List(_)) => {}
                Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => text.push_str("\n\n"),
                Event::Start(Tag::Item) => text.push_str("- "),
                Event::Start(Tag::Link { link_type: LinkType::Autolink, .. }) | Event::End(TagEnd::Link) => {}
                other => odd.push(format!("{other:?}")),
            }
        }
        (text.trim_end().replace("\n\n\n\n", "\n\n"), odd)
    }

    /// `text` renders as exactly itself (whitespace-trimmed lines), with no structure.
    #[track_caller]
    fn literal(text: &str) {
        let (shown, odd) = render(&sanitize(text));
        let expected: Vec<&str> = text.lines().map(str::trim).collect();
        assert_eq!(shown, expected.join("\n"), "sanitized: {:?}", sanitize(text));
        assert!(odd.is_empty(), "unexpected structure {odd:?} from {:?}", sanitize(text));
    }

    #[test]
    fn brackets_never_become_links_footnotes_or_task_lists() {
        literal("See [the widget] and [widget](widget.md) or [widget][] and [^1].");
        literal("[x]: https://example.test/defined");
        literal("- [ ] not a task");
        literal("![picture](p.png) and a[0] = b[1]");
        assert_eq!(sanitize("a [b] c"), "a \\[b\\] c");
    }

    #[test]
    fn angle_brackets_never_become_html() {
        literal("Use Bearer <token> or </close> or <!-- note --> in <div>text</div>.");
        literal("<b>line one\n<p>line two");
        literal("a < b > c");
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(sanitize("Go to https://example.test/a?b=c&d=e."), "Go to <https://example.test/a?b=c&d=e>.");
        assert_eq!(sanitize("base (http://example.test/v2/), then"), "base (<http://example.test/v2/>), then");
        assert_eq!(sanitize("for example, \"https://example.test/x/1\". Next"), "for example, \"<https://example.test/x/1>\". Next");
        assert_eq!(sanitize("'https://example.test/q'"), "'<https://example.test/q>'");
        assert_eq!(sanitize("see:https://example.test/p(1)"), "see:<https://example.test/p(1)>");
        assert_eq!(sanitize("https://example.test/{id}/items."), "<https://example.test/{id}/items>.");
        // A scheme with no host stays text, as does a scheme inside a word.
        assert_eq!(sanitize("starts with http:// or https://"), "starts with http:// or https://");
        assert_eq!(sanitize("xhttps://example.test"), "xhttps://example.test");
        // URLs inside code spans are code.
        assert_eq!(sanitize("the `https://example.test/base` root"), "the `https://example.test/base` root");
        let (shown, odd) = render(&sanitize("At https://example.test/a_b*c~d[e] now"));
        assert_eq!(shown, "At https://example.test/a_b*c~d[e] now");
        assert!(odd.is_empty());
    }

    #[test]
    fn indentation_tabs_and_fences_never_become_code_blocks() {
        literal("Para.\n\n    indented four\n        eight");
        literal("\tTabbed line\n\t\tand more");
        literal("Before\n```\nlet x = 1;\n```\nafter");
        literal("```rust\nfn main() {}\n```");
        literal("~~~\nfenced with tildes\n~~~");
        literal("   ```text");
        assert_eq!(sanitize("    indented\ncode"), "indented\ncode");
    }

    #[test]
    fn balanced_code_spans_are_kept_verbatim() {
        assert_eq!(sanitize("Call `GET /a/{id|name}/range(address='<address>')` now"), "Call `GET /a/{id|name}/range(address='<address>')` now");
        assert_eq!(sanitize("Type `[x](x.md)` and ``a`b``."), "Type `[x](x.md)` and ``a`b``.");
        literal("Use `a|b` and `<c>` and `d\\e` and `*f*`.");
        assert_eq!(sanitize("Spans ``with ` inside`` work."), "Spans ``with ` inside`` work.");
        assert!(render("Spans ``with ` inside`` work.").1.is_empty());
    }

    #[test]
    fn unbalanced_backticks_are_escaped() {
        assert_eq!(sanitize("Allowed: ! ` { } ~"), "Allowed: ! \\` { } \\~");
        literal("Quote `` or ` alone");
        // A span may not cross lines: each line is matched on its own.
        literal("open `here\nclosed` there");
        literal("``` not a fence when it opens a line with text ```");
    }

    #[test]
    fn emphasis_and_strikethrough_characters_stay_literal() {
        literal("*Preview* and **bold** and _under_ and __dunder__ and ~struck~ and ~~gone~~.");
        literal("Wildcards *.example.test and *.other.test; a read returns ****.");
        literal("Format {prefix}_{name}, e.g. ext_{random}_{name}.");
        literal("**TODO: fill in **");
        // `_` inside a word is never emphasis and stays readable.
        assert_eq!(sanitize("snake_case_name and _lead"), "snake_case_name and \\_lead");
    }

    #[test]
    fn lone_quotes_stay_straight_under_smart_punctuation() {
        let sanitized = sanitize("Allowed: ! \" # ' ( ) and the app's \"name\"");
        assert_eq!(sanitized, "Allowed: ! \\\" # \\' ( ) and the app's \"name\"");
        let text: String = Parser::new_ext(&sanitized, Options::ENABLE_SMART_PUNCTUATION)
            .filter_map(|e| if let Event::Text(t) = e { Some(t.into_string()) } else { None })
            .collect();
        assert_eq!(text, "Allowed: ! \" # ' ( ) and the app’s “name”");
    }

    #[test]
    fn line_starts_never_open_blocks() {
        literal("# not a heading\n## nor this");
        literal("Title\n---");
        literal("Title\n===");
        literal("Title\n-");
        literal("* * *\n___\n- - -");
        literal("| a | b |\n|---|---|\n| 1 | 2 |");
        literal("a | b\n--- | ---");
        literal("> not quoted");
        literal("Term\n: not a definition");
    }

    #[test]
    fn lists_stay_lists() {
        let (shown, odd) = render(&sanitize("Permissions:\n\n- Delegated: A.Read, B.Write\n- Application: Not supported."));
        assert_eq!(shown, "Permissions:\n\n- Delegated: A.Read, B.Write\n\n- Application: Not supported.");
        assert!(odd.is_empty(), "{odd:?}");
    }

    #[test]
    fn entities_backslashes_and_control_characters() {
        literal("Write &amp; or &#39; or &lt;x&gt; literally; R&D stays.");
        assert_eq!(sanitize("R&D"), "R&D");
        literal("A path C:\\dir\\ and a trailing backslash\\\nnext line");
        literal("Escapes \\[ and \\* stay visible");
        assert_eq!(sanitize("a\u{7}b\r\nc\u{0}d"), "ab\ncd");
    }

    #[test]
    fn blank_lines_collapse_and_edges_trim() {
        assert_eq!(sanitize("\n\n  one  \n\n\n\ntwo\n\n"), "one\n\ntwo");
        assert_eq!(sanitize(""), "");
        assert_eq!(sanitize("a|b\tc"), "a\\|b c");
    }

    #[test]
    fn the_plain_line_fast_path_only_takes_lines_escaping_leaves_alone() {
        for line in [
            "Plain prose, with digits 42 and (parentheses).",
            "See HTTPS://example.com for more.",
            "# not a heading",
            "- a list item",
            ": a definition",
            "a_b and _c_",
            "Tom's \"quoted\" text",
            "AT&T; &amp;",
            "=== rule",
            "1. numbered",
        ] {
            let (mut escaped, mut by_chars) = (String::new(), String::new());
            escape_line(line, &mut escaped);
            escape_chars(line, &mut by_chars);
            assert_eq!(escaped, by_chars, "{line:?}");
            if needs_no_escape(line) {
                assert_eq!(escaped, line, "{line:?}");
            }
        }
        assert!(needs_no_escape("Plain prose, with digits 42 and (parentheses)."));
        assert!(!needs_no_escape("See HTTPS://example.com for more."));
    }

    #[test]
    fn doc_attrs_prefix_a_space_and_keep_paragraph_breaks() {
        let attrs = doc_attributes("One [x].\n\nTwo.");
        let tokens = quote!(#(#attrs)*).to_string();
        assert_eq!(tokens, quote!(#[doc = " One \\[x\\]."] #[doc = ""] #[doc = " Two."]).to_string());
    }

    /// Marker lines expand to exactly what prettyplease prints for the real attributes: on
    /// an item, its fields and variants (indented), for empty, multi-paragraph, trailing-
    /// space, quoted, backslashed, non-ASCII and `/`-leading prose.
    #[test]
    fn doc_markers_expand_as_prettyplease_prints_attributes() {
        let texts = [
            "One [x].\n\nTwo.",
            "",
            "Trailing spaces   \nand a tab\t",
            "Quotes \"q\" and back\\slash, `code` and <html>",
            "/leading slash\n//two\n///three",
            "Ünïcödé — “smart” and \u{a0}nbsp",
            "a\rbare return",
            "Line\n\n\n\nafter blank lines",
        ];
        let build = |docs: &mut dyn FnMut(&str) -> Vec<syn::Attribute>| -> Vec<syn::Item> {
            let mut s: syn::ItemStruct = syn::parse_quote!(pub struct S { pub a: Option<u8>, pub b: String });
            let mut e: syn::ItemEnum = syn::parse_quote!(pub enum E { A, B(String) });
            s.attrs = docs(texts[0]);
            for (i, f) in s.fields.iter_mut().enumerate() {
                f.attrs = docs(texts[1 + i]);
            }
            e.attrs = docs(texts[3]);
            for (i, v) in e.variants.iter_mut().enumerate() {
                v.attrs = docs(texts[4 + i]);
            }
            let mut m: syn::ItemMod = syn::parse_quote!(mod m { pub fn f() {} });
            if let Some((_, items)) = &mut m.content {
                if let syn::Item::Fn(f) = &mut items[0] {
                    f.attrs = docs(texts[6]);
                }
            }
            m.attrs = docs(texts[7]);
            vec![syn::Item::Struct(s), syn::Item::Enum(e), syn::Item::Mod(m)]
        };
        let print = |items| prettyplease::unparse(&syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items });
        let direct = print(build(&mut |t| doc_attributes(t)));
        let mut comments = DocComments::default();
        let marked = print(build(&mut |t| comments.attributes(t)));
        assert!(marked.contains("///\u{1}"), "markers are printed as doc lines:\n{marked}");
        assert_eq!(comments.expand(marked), direct);
    }

    #[test]
    fn markdown_text_drops_link_and_emphasis_markup() {
        assert_eq!(markdown_text("[widget](../resources/widget.md) collection"), "widget collection");
        assert_eq!(markdown_text("[**widget**][widget]"), "widget");
        assert_eq!(markdown_text("[widget][] collection"), "widget collection");
        assert_eq!(markdown_text("Collection([widget][])"), "Collection(widget)");
        assert_eq!(markdown_text("**widgetKind**"), "widgetKind");
        assert_eq!(markdown_text("String"), "String");
        assert_eq!(markdown_text("** Unknown thing **"), "** Unknown thing **");
    }
}
