//! Small text helpers shared by the cell grammars: HTML entity decoding and
//! whitespace normalization for markdown table cells.

use std::borrow::Cow;

/// Decode the HTML entities that occur in table cells (`&lt;`, `&nbsp;`, `&#39;`,
/// `&#x2019;`, …). Unknown entities are left as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        // An entity is at most ~10 characters and ends with ';'.
        let end = after
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| decode_one(&after[..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        return char::from_u32(code);
    }
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "hellip" => '…',
        "#124" => '|',
        _ => return None,
    })
}

/// Remove inline HTML line breaks and simple formatting tags (`<br>`, `</br>`, `<br/>`,
/// `<p>`, `<b>`, `<code>`, …), replacing each with a space. Other `<…>` text is kept,
/// since `<placeholder>` is meaningful in cells.
pub fn strip_simple_tags(s: &str) -> String {
    const TAGS: &[&str] = &[
        "br", "p", "b", "i", "em", "strong", "code", "ul", "li", "ol",
    ];
    if !s.contains('<') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        let close = after.find('>');
        let tag_name = close.map(|c| {
            after[..c]
                .trim()
                .trim_start_matches('/')
                .trim_end_matches('/')
                .trim()
                .to_ascii_lowercase()
        });
        match (close, tag_name) {
            (Some(c), Some(name)) if TAGS.contains(&name.as_str()) => {
                out.push(' ');
                rest = &after[c + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Normalize a table cell for grammar parsing: drop simple HTML tags, decode entities,
/// turn NBSP, narrow NBSP and TAB into spaces, drop zero-width spaces, collapse runs of
/// whitespace and trim.
pub fn normalize_cell(s: &str) -> String {
    normalize_cell_cow(s).into_owned()
}

/// [`normalize_cell`], borrowing `s` when it is already normal.
pub fn normalize_cell_cow(s: &str) -> Cow<'_, str> {
    // Performance (docgen bench, `--only read`): every table cell passes through here, and
    // most have no tag and no entity, so skip those passes (each returned a copy) unless the
    // cell has a `<` or an `&`. Most cells are ASCII (no zero-width or no-break spaces),
    // where this is whitespace collapsing and a byte scan tells whether there is any to do.
    let s: Cow<'_, str> = if s.contains('<') { strip_simple_tags(s).into() } else { s.into() };
    let s: Cow<'_, str> = if s.contains('&') { decode_entities(&s).into() } else { s };
    if s.is_ascii() {
        return match s {
            Cow::Borrowed(b) => collapse_ascii(b),
            Cow::Owned(o) => Cow::Owned(collapse_ascii(&o).into_owned()),
        };
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        match c {
            '\u{200b}' | '\u{feff}' => {}
            c if c.is_whitespace() => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    Cow::Owned(out)
}

/// Whitespace collapsed and trimmed, for ASCII text (where `char::is_whitespace` is these
/// six bytes): borrowed when there is nothing to change.
pub fn collapse_ascii(s: &str) -> Cow<'_, str> {
    debug_assert!(s.is_ascii());
    let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let bytes = s.as_bytes();
    // Normal: no whitespace but single inner spaces. One branch-free pass over byte pairs
    // looks for the other five (`\t` `\n` VT FF `\r` are 9..=13) and doubled spaces; written
    // with `|` and `&` on bools so that it vectorizes (a short-circuiting loop costed 3
    // instructions a byte, and this runs on every paragraph, heading and cell).
    let mut odd = false;
    for (&a, &b) in bytes.iter().zip(bytes.get(1..).unwrap_or_default()) {
        odd |= (a.wrapping_sub(9) < 5) | ((a == b' ') & (b == b' '));
    }
    let clean = !odd && bytes.first() != Some(&b' ') && bytes.last().is_none_or(|&b| b != b' ' && !(9..=13).contains(&b));
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = Vec::with_capacity(s.len());
    let mut pending_space = false;
    for &b in bytes {
        if ws(b) {
            pending_space = true;
        } else {
            if pending_space && !out.is_empty() {
                out.push(b' ');
            }
            pending_space = false;
            out.push(b);
        }
    }
    Cow::Owned(String::from_utf8(out).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(decode_entities("Bearer &lt;token&gt;"), "Bearer <token>");
        assert_eq!(decode_entities("a&#39;b&#x41;"), "a'bA");
        assert_eq!(decode_entities("R&D &unknown; &"), "R&D &unknown; &");
        assert_eq!(decode_entities("&#99999999;"), "&#99999999;");
    }

    #[test]
    fn tags_and_whitespace() {
        assert_eq!(
            normalize_cell(" String<br/>\tcollection&nbsp; "),
            "String collection"
        );
        assert_eq!(normalize_cell("range(<address>)"), "range(<address>)");
        assert_eq!(normalize_cell("a\u{200b}b\u{202f}c"), "ab c");
        assert_eq!(normalize_cell("<br><p>x</p>"), "x");
        assert!(matches!(normalize_cell_cow("a b"), Cow::Borrowed("a b")));
        for s in ["", " ", "a", " a", "a ", "a  b", "a\tb", "a \nb", " a  b\t\nc \x0b d\x0c\re ", "x\u{a0}y", "a&amp;b  c", "a<br>b"] {
            let general: Vec<&str> = s.split(char::is_whitespace).filter(|w| !w.is_empty()).collect();
            if !s.contains(['&', '<']) {
                assert_eq!(normalize_cell(s), general.join(" "), "{s:?}");
            }
        }
    }
}
