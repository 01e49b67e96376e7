//! Corpus check for `codegen::naming`: every name cell of every property, relationship,
//! member and parameter table in the Graph reference corpus maps to a valid identifier.
//!
//! Ignored by default (it reads ~11k files). Run it with
//! `cargo test -p docgen --test naming_corpus -- --ignored --nocapture`.
//! `DOCGEN_CORPUS` names the corpus folder (default `../shared/graph-docs`); a relative path
//! is taken from the workspace root. Nothing from the corpus is stored in the repository: the
//! test only prints counts and a few examples.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use docgen::codegen::naming::{
    field_name, fn_name, ident, is_valid_ident, needs_rename, type_name, variant_name, UniqueNames,
};
use quote::quote;

/// What a table's name column holds, from the header's first cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// Properties, relationships, parameters, names: struct fields.
    Field,
    /// Enum members: variants.
    Member,
}

fn header_kind(cell: &str) -> Option<Kind> {
    let cell = clean_cell(cell).to_ascii_lowercase();
    let word = cell.strip_suffix(" name").unwrap_or(&cell);
    match word {
        "member" => Some(Kind::Member),
        "property" | "relationship" | "parameter" | "name" => Some(Kind::Field),
        _ => None,
    }
}

/// The text of a table cell without markdown emphasis, code marks, links or HTML tags.
fn clean_cell(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '`' | '\\' | '[' => {}
            // `](target)` of a link: keep the text, drop the target.
            ']' => {
                if chars.peek() == Some(&'(') {
                    for skipped in chars.by_ref() {
                        if skipped == ')' {
                            break;
                        }
                    }
                }
            }
            '<' => {
                for skipped in chars.by_ref() {
                    if skipped == '>' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out.trim().to_owned()
}

fn cells(line: &str) -> Vec<&str> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    line.split('|').collect()
}

fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.contains('-')
        && line.contains('|')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// First-column cells of the name tables in one page, table by table.
fn name_tables(text: &str) -> Vec<(Kind, Vec<String>)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut tables = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        let header = lines[i];
        if !(header.contains('|') && is_separator(lines[i + 1])) {
            i += 1;
            continue;
        }
        let kind = header_kind(cells(header)[0]);
        i += 2;
        let mut names = Vec::new();
        while i < lines.len() && lines[i].contains('|') && !lines[i].trim().is_empty() {
            names.push(clean_cell(cells(lines[i])[0]));
            i += 1;
        }
        if let Some(kind) = kind {
            tables.push((kind, names));
        }
    }
    tables
}



fn assert_parses(name: &str, kind: &str) {
    assert!(
        is_valid_ident(name),
        "{kind} {name:?} is not a valid identifier"
    );
    let id = ident(name);
    let tokens = match kind {
        "field" => quote!(struct S { #id: u8 }),
        "fn" => quote!(fn #id() {}),
        "type" => quote!(struct #id;),
        _ => quote!(enum E { #id }),
    };
    syn::parse2::<syn::Item>(tokens).unwrap_or_else(|e| panic!("{kind} {name:?}: {e}"));
}

#[derive(Default)]
struct Counts {
    tables: usize,
    names: usize,
    empty_cells: usize,
    duplicate_rows: usize,
    renames: usize,
    raw: usize,
    keyword_underscore: usize,
    digit_prefix: usize,
    fallback: usize,
    non_ascii: usize,
    collisions: usize,
}

#[test]
#[ignore = "reads the whole Graph reference corpus; run with --ignored"]
fn every_corpus_name_maps_to_a_valid_identifier() {
    let Some(dir) = common::corpus_root("naming_corpus") else { return };
    let files = common::markdown_files(&dir);

    let mut counts: BTreeMap<Kind, Counts> = BTreeMap::new();
    let mut distinct: BTreeSet<(Kind, String)> = BTreeSet::new();
    let mut collision_examples: Vec<String> = Vec::new();
    let mut raw_idents: BTreeMap<String, usize> = BTreeMap::new();
    for file in &files {
        let Ok(text) = fs::read_to_string(file) else {
            continue;
        };
        for (kind, names) in name_tables(&text) {
            let c = counts.entry(kind).or_default();
            c.tables += 1;
            let mut scope = match kind {
                Kind::Field => UniqueNames::with_reserved(["additional_properties"]),
                Kind::Member => UniqueNames::new(),
            };
            let mut seen_in_table = BTreeSet::new();
            for wire in names {
                if wire.is_empty() {
                    c.empty_cells += 1;
                    continue;
                }
                c.names += 1;
                // A row repeated within one table is a docs slip, not a naming collision.
                if !seen_in_table.insert(wire.clone()) {
                    c.duplicate_rows += 1;
                    continue;
                }
                let base = match kind {
                    Kind::Field => field_name(&wire),
                    Kind::Member => variant_name(&wire),
                };
                let unique = scope.claim(&base);
                if unique != base {
                    c.collisions += 1;
                    if collision_examples.len() < 8 {
                        collision_examples.push(format!(
                            "{} ({kind:?}): {wire:?} → {unique}",
                            file.strip_prefix(&dir).unwrap_or(file).display(),
                        ));
                    }
                }
                c.renames += usize::from(needs_rename(&wire, &unique));
                if let Some(keyword) = base.strip_prefix("r#") {
                    c.raw += 1;
                    *raw_idents.entry(keyword.to_owned()).or_default() += 1;
                }
                c.keyword_underscore += usize::from(matches!(
                    base.as_str(),
                    "self_" | "super_" | "crate_" | "Self_"
                ));
                let first_alnum = wire.chars().find(char::is_ascii_alphanumeric);
                c.digit_prefix += usize::from(first_alnum.is_some_and(|ch| ch.is_ascii_digit()));
                c.fallback += usize::from(first_alnum.is_none());
                c.non_ascii += usize::from(!wire.is_ascii());
                assert!(is_valid_ident(&unique), "{wire:?} → {unique:?}");
                distinct.insert((kind, wire));
            }
        }
    }

    // Every distinct wire name, through every naming function, parses where it would be used.
    for (kind, wire) in &distinct {
        match kind {
            Kind::Field => assert_parses(&field_name(wire), "field"),
            Kind::Member => assert_parses(&variant_name(wire), "variant"),
        }
        assert_parses(&fn_name(wire), "fn");
        assert_parses(&type_name(wire), "type");
    }

    println!("corpus: {} ({} markdown files)", dir.display(), files.len());
    for (kind, c) in &counts {
        let distinct_names = distinct.iter().filter(|(k, _)| k == kind).count();
        println!(
            "{kind:?}: {} tables, {} names ({distinct_names} distinct), {} empty cells, \
             {} duplicate rows; renames {}, raw idents {}, keyword_ {}, digit prefix {}, \
             fallback {}, non-ASCII {}, collisions {}",
            c.tables,
            c.names,
            c.empty_cells,
            c.duplicate_rows,
            c.renames,
            c.raw,
            c.keyword_underscore,
            c.digit_prefix,
            c.fallback,
            c.non_ascii,
            c.collisions
        );
    }
    println!("raw identifiers: {raw_idents:?}");
    for example in &collision_examples {
        println!("  collision: {example}");
    }
    assert!(
        counts.values().map(|c| c.names).sum::<usize>() > 0,
        "no name tables found"
    );
}
