//! Doc comments from docs prose, made safe for rustdoc: no intra-doc links out of stray
//! brackets, no HTML tags out of `<token>`, bare URLs wrapped, no indented code (doctests).

use proc_macro2::TokenStream;
use quote::quote;

/// Sanitize prose for a doc comment.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, word) in line.trim().split(' ').enumerate() {
            if j > 0 {
                out.push(' ');
            }
            if word.starts_with("http://") || word.starts_with("https://") {
                let url = word.trim_end_matches(['.', ',', ';', ')']);
                out.push('<');
                out.push_str(url);
                out.push('>');
                out.push_str(&word[url.len()..]);
                continue;
            }
            for c in word.chars() {
                match c {
                    '[' | ']' | '<' | '>' | '\\' | '|' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '\t' => out.push(' '),
                    c if c.is_control() => {}
                    c => out.push(c),
                }
            }
        }
    }
    out
}

/// `#[doc = "..."]` attributes, one per line, from raw prose.
pub fn doc_attrs(text: &str) -> TokenStream {
    let clean = sanitize(text);
    let lines = clean.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote!(#(#[doc = #lines])*)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_tags_urls_and_indentation_are_neutralized() {
        assert_eq!(sanitize("See [x] and <token> at https://a.b/c."), "See \\[x\\] and \\<token\\> at <https://a.b/c>.");
        assert_eq!(sanitize("    indented\ncode"), "indented\ncode");
        assert_eq!(sanitize("a|b\tc"), "a\\|b c");
    }
}
