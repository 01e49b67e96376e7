//! One page → the facts it states: the types it defines (resource and enum pages), the
//! operations it documents (api pages) and its example messages. Nothing here resolves
//! names across pages; that is `crate::ir`'s job.

use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use super::annotation::{self, Annotation};
use super::blocks::{self, Block, BlockKind, Cell, Fence, Link, Table};
use super::front_matter::{self, FrontMatter};
use super::http::{self, HttpMessage, HttpRequest, HttpResponse, PathTemplate};
use super::lenient_json;
use super::type_expr::{self, DescriptionFlags, TypeExpr};
use crate::diagnostics::{Diagnostics, Rule, Severity};

/// An api page documents no request line at all.
pub const NO_OPERATION: Rule = Rule {
    id: "api/no-operation",
    severity: Severity::Warning,
    summary: "an api page has no request syntax and no example request to take one from",
};
/// A fence under `## HTTP request` holds no request line.
pub const BAD_REQUEST_LINE: Rule = Rule {
    id: "http/bad-request-line",
    severity: Severity::Warning,
    summary: "a request line cannot be read as `METHOD /path`",
};
/// An example fence could not be classified as request, response or JSON payload.
pub const UNCLASSIFIED_EXAMPLE: Rule = Rule {
    id: "example/unclassified",
    severity: Severity::Warning,
    summary: "an example fence is neither a request, a response nor a JSON payload",
};
/// A response example has no request before it on the page.
pub const UNPAIRED_RESPONSE: Rule = Rule {
    id: "example/unpaired-response",
    severity: Severity::Note,
    summary: "an example response has no example request before it in its example",
};
/// The permissions table still holds a draft placeholder.
pub const PERMISSIONS_TODO: Rule = Rule {
    id: "permissions/todo",
    severity: Severity::Warning,
    summary: "the permissions table holds a `TODO` placeholder instead of scopes",
};
/// A table row has fewer cells than its header.
pub const SHORT_ROW: Rule = Rule {
    id: "table/short-row",
    severity: Severity::Note,
    summary: "a table row has fewer cells than its header; missing cells read as empty",
};
/// A Type cell could not be read.
pub const UNPARSED_TYPE: Rule = Rule {
    id: "table/unparsed-type",
    severity: Severity::Warning,
    summary: "a Type cell is not a type docgen can read; the property is kept as untyped JSON",
};
/// A resource page defines no type.
pub const NO_TYPE: Rule = Rule {
    id: "resource/no-type",
    severity: Severity::Warning,
    summary: "a resource page yields no type name (no annotation and no `X resource type` H1)",
};

/// A page in `resources/` that defines nothing (an overview labelled `resourcePageType`).
pub const CONCEPTUAL_RESOURCE_PAGE: Rule = Rule {
    id: "page/conceptual-resource",
    severity: Severity::Note,
    summary: "a resources page defines no type and has no Properties or JSON representation section; read as conceptual",
};

/// Rules reported by this module.
pub const RULES: &[&Rule] = &[
    &CONCEPTUAL_RESOURCE_PAGE,
    &NO_OPERATION,
    &BAD_REQUEST_LINE,
    &UNCLASSIFIED_EXAMPLE,
    &UNPAIRED_RESPONSE,
    &PERMISSIONS_TODO,
    &SHORT_ROW,
    &UNPARSED_TYPE,
    &NO_TYPE,
];

/// What a page is, by folder first and `doc_type` second (30 corpus pages are mislabelled).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// Documents one or more operations.
    Api,
    /// Documents a resource or complex type.
    Resource,
    /// Documents one or more enums.
    Enum,
    /// Overview prose.
    Conceptual,
}

/// A value and the 1-based line it was read from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Located<T> {
    /// 1-based source line.
    pub line: u32,
    /// The value.
    pub value: T,
}

/// A link with its source line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageLink {
    /// 1-based source line of the paragraph or row holding the link.
    pub line: u32,
    /// Link text.
    pub text: String,
    /// Destination as written.
    pub dest: String,
}

/// A reference to a named type as a page writes it: link text and target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TypeMention {
    /// 1-based line.
    pub line: u32,
    /// The name as written (link text or plain text).
    pub name: String,
    /// Link destination, if linked.
    pub link: Option<String>,
}

/// How a page states a base type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseSource {
    /// `"baseType"` in the resource annotation.
    Annotation,
    /// An `Inherits from [x](x.md)` sentence.
    Prose,
    /// `Inherited from [x](x.md)` in property descriptions.
    InheritedRows,
}

/// A base type claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BaseClaim {
    /// Where it was stated.
    pub source: BaseSource,
    /// The base type as mentioned.
    pub mention: TypeMention,
}

/// A property or relationship row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PropertyFacts {
    /// 1-based line of the row.
    pub line: u32,
    /// The JSON name as documented.
    pub name: String,
    /// The Type cell, parsed.
    pub type_expr: TypeExpr,
    /// Description, plain text.
    pub description: String,
    /// Flags read from the description.
    pub flags: DescriptionFlags,
    /// From a Relationships table (a navigation property).
    pub relationship: bool,
}

/// An enum member row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberFacts {
    /// 1-based line.
    pub line: u32,
    /// Wire name.
    pub name: String,
    /// Numeric value, when the table has one.
    pub value: Option<i64>,
    /// Description, plain text.
    pub description: String,
}

/// What kind of type a page defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeFactsKind {
    /// Entity or complex type with properties.
    Structure,
    /// Enum with members.
    Enum,
}

/// A type definition (or one page's slice of it: some types span several pages).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypeFacts {
    /// 1-based line of the defining heading or annotation.
    pub line: u32,
    /// Name as the page states it, possibly qualified (`microsoft.graph.callRecords.session`).
    pub name: String,
    /// Structure or enum.
    pub kind: TypeFactsKind,
    /// Namespace from the `Namespace:` line, if any.
    pub namespace: Option<String>,
    /// Base type claims, in page order.
    pub bases: Vec<BaseClaim>,
    /// Properties, then relationships, in table order.
    pub properties: Vec<PropertyFacts>,
    /// Enum members.
    pub members: Vec<MemberFacts>,
    /// First paragraph after the H1, plain text.
    pub description: String,
    /// `openType` from the annotation.
    pub open_type: Option<bool>,
    /// `abstract` from the annotation.
    pub is_abstract: Option<bool>,
    /// The `## JSON representation` body, when it parses.
    pub json_representation: Option<Located<Arc<Value>>>,
    /// Its text as written, to place findings on the line of their property.
    pub json_representation_text: Arc<str>,
    /// The Properties section says `None`: the type has no properties of its own.
    pub properties_none: bool,
}

impl TypeFacts {
    /// An empty definition of `name` starting at `line`.
    pub fn new(line: u32, name: &str, kind: TypeFactsKind, namespace: Option<String>) -> TypeFacts {
        TypeFacts {
            line,
            name: name.to_string(),
            kind,
            namespace,
            bases: Vec::new(),
            properties: Vec::new(),
            members: Vec::new(),
            description: String::new(),
            open_type: None,
            is_abstract: None,
            json_representation: None,
            json_representation_text: Arc::from(""),
            properties_none: false,
        }
    }
}

/// A permission row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PermissionFacts {
    /// 1-based line.
    pub line: u32,
    /// `Delegated (work or school account)`, `Application`, …
    pub kind: String,
    /// The scopes cell as plain text.
    pub scopes: String,
}

/// A parameter or header row (name, type when given, description).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParameterFacts {
    /// 1-based line.
    pub line: u32,
    /// Name as documented.
    pub name: String,
    /// Type, if the table has a Type column.
    pub type_expr: Option<TypeExpr>,
    /// Value or description text.
    pub description: String,
    /// The heading of the section the table sits under, as written (`Path parameters`,
    /// `Optional query parameters`, `Function parameters`, `Request headers`).
    pub section: String,
}

/// A row of a resource page's Methods table: an operation on the type, by link.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MethodFacts {
    /// 1-based line.
    pub line: u32,
    /// The method's name as the link text gives it (`List users`, `Create user`).
    pub name: String,
    /// The api page documenting it, as linked (`../api/user-list.md`).
    pub link: Option<String>,
    /// The Return Type cell, parsed (absent when the table has no such column).
    pub return_type: Option<TypeExpr>,
    /// Description, plain text.
    pub description: String,
}

/// An operation as one api page documents it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OperationFacts {
    /// 1-based line of the first request line.
    pub line: u32,
    /// Upper-case HTTP method.
    pub method: String,
    /// All request paths documented for this method (the first is the canonical one).
    pub paths: Vec<Located<PathTemplate>>,
    /// Taken from an example because the page has no syntax block.
    pub from_example: bool,
}

/// An example request.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExampleRequest {
    /// The annotation, if any.
    pub annotation: Option<Annotation>,
    /// The parsed message.
    pub message: HttpRequest,
    /// Parsed JSON body, if it is JSON and parses (shared with the IR's example bodies).
    pub json: Option<Located<Arc<Value>>>,
}

/// An example response.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExampleResponse {
    /// The annotation, if any.
    pub annotation: Option<Annotation>,
    /// The parsed message.
    pub message: HttpResponse,
    /// Parsed JSON body, if it is JSON and parses (shared with the IR's example bodies).
    pub json: Option<Located<Arc<Value>>>,
}

/// One exchange: a request and the response(s) that follow it, paired by position.
///
/// Pairing rule: a response belongs to the nearest request before it on the page, unless
/// an `Example…` heading lies between them (a new example starts there). The first such
/// response is [`ExampleFacts::response`]; further ones (alternative outcomes such as an
/// error, or the follow-up after a `302`) are [`ExampleFacts::more_responses`]. A response
/// with no request to belong to is an example of its own with `request: None` and is
/// reported as `example/unpaired-response`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExampleFacts {
    /// The request, if the example has one.
    pub request: Option<ExampleRequest>,
    /// The response, if the example has one.
    pub response: Option<ExampleResponse>,
    /// Further responses documented for the same request.
    pub more_responses: Vec<ExampleResponse>,
    /// The request is a notification the service sends to the app (under a
    /// `Notification…` heading, e.g. a callback to the bot's URL), not a call of this API.
    /// Notifications have no response by nature.
    pub notification: bool,
}

/// Everything one page states.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Page {
    /// Path relative to the docs folder, `/`-separated.
    pub file: Arc<str>,
    /// Page kind.
    pub kind: PageKind,
    /// Front matter fields.
    #[serde(skip)]
    pub front_matter: FrontMatter,
    /// The H1.
    pub title: Option<Located<String>>,
    /// `Namespace:` line.
    pub namespace: Option<String>,
    /// First paragraph after the H1.
    pub summary: String,
    /// Types defined here.
    pub types: Vec<TypeFacts>,
    /// Operations documented here.
    pub operations: Vec<OperationFacts>,
    /// Permissions table rows.
    pub permissions: Vec<PermissionFacts>,
    /// Request header rows.
    pub headers: Vec<ParameterFacts>,
    /// Query, path and function parameter rows.
    pub parameters: Vec<ParameterFacts>,
    /// Methods table rows (resource pages).
    pub methods: Vec<MethodFacts>,
    /// Request body property rows.
    pub body_properties: Vec<PropertyFacts>,
    /// The type the request body is said to be (`supply a JSON representation of [x](x.md)`).
    pub body_type: Option<TypeMention>,
    /// Documented success status (`returns a `201 Created` response code`).
    pub response_status: Option<Located<u16>>,
    /// Every status code the Response section's prose says the method returns (`returns a
    /// `302 Found` …` for CSV, `200 OK` for JSON), in page order.
    pub response_statuses: Vec<Located<u16>>,
    /// The type the response section names, and whether it says "collection".
    pub response_type: Option<(TypeMention, bool)>,
    /// The Response section's status sentence as plain text (`… returns a `200 OK` response
    /// code and a String in the response body.`): `ir` reads a type named without a link
    /// from it.
    pub response_prose: Option<Located<String>>,
    /// The Request body section's paragraphs as plain text: `ir` reads a type named without
    /// a link (`a JSON representation of a X object`) or "no request body" from them.
    pub body_prose: Vec<Located<String>>,
    /// Examples in page order.
    pub examples: Vec<ExampleFacts>,
    /// Every link on the page.
    pub links: Vec<PageLink>,
    /// Example fences: HTTP fences outside the request-syntax section that hold a message
    /// or a JSON payload, or that sit where an example belongs (annotated `request` or
    /// `response`, or under an `Example…`, `Request` or `Response` heading), plus syntax
    /// fences annotated `request` (the page's example is its syntax line).
    pub example_fences: u32,
    /// Of those, fences that hold neither a request, a response nor a JSON payload.
    pub unclassified_fences: u32,
    /// Fences set aside as illustrations, not examples: fences of header lines only, `http`
    /// fences outside example sections that hold no message (a bare URL), fences annotated `ignored`
    /// that hold no message, and fences without an info string that hold no message (a
    /// command, a text listing).
    pub snippet_fences: u32,
    /// JSON the reader could not read even leniently (each also reported as
    /// `json/unparseable`): where the block starts and what it is (`annotation`,
    /// `JSON representation`, `example request body`, `example response body`). Nothing
    /// is dropped silently: this list and the diagnostics say what was lost.
    pub unparsed_json: Vec<Located<String>>,
}

/// The role of the section a block sits in, from its H2 (and H3 for enum sections).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Section {
    Intro,
    Properties,
    Relationships,
    Methods,
    JsonRepresentation,
    Members,
    EnumValues(String),
    Permissions,
    HttpRequest,
    RequestHeaders,
    RequestBody,
    Parameters,
    Response,
    Examples,
    Other,
}

fn section_for(h2: &str) -> Section {
    let h = h2.trim().to_ascii_lowercase();
    let h = h.as_str();
    match h {
        "properties" => Section::Properties,
        "relationships" => Section::Relationships,
        "methods" => Section::Methods,
        "members" => Section::Members,
        "permissions" | "prerequisites" => Section::Permissions,
        "request headers" | "optional request headers" => Section::RequestHeaders,
        "request body" => Section::RequestBody,
        "response" | "response body" => Section::Response,
        _ if h.starts_with("json representation") => Section::JsonRepresentation,
        _ if h.starts_with("http request") => Section::HttpRequest,
        _ if h.starts_with("example") => Section::Examples,
        _ if h.contains("parameters") => Section::Parameters,
        _ => Section::Other,
    }
}

/// Page kind from the folder the page sits in, then `doc_type`.
pub fn page_kind(file: &str, front_matter: &FrontMatter) -> PageKind {
    let doc_type = front_matter.get("doc_type").unwrap_or("").trim();
    let in_api = file.split('/').any(|c| c == "api");
    match doc_type {
        _ if in_api => PageKind::Api,
        "enumPageType" | "enumTypes" => PageKind::Enum,
        "conceptualPageType" => PageKind::Conceptual,
        "" if file.contains("conceptual") || file.ends_with("overview.md") => PageKind::Conceptual,
        _ => PageKind::Resource,
    }
}

/// Read one page. Never panics; every problem becomes a diagnostic in `diags`.
pub fn read_page(file: &str, source: &str, diags: &mut Diagnostics) -> Page {
    let (front_matter, body_start, front_matter_lines) = front_matter::split_at(source, diags);
    let blocks = blocks::parse_blocks_after(&source[body_start..], front_matter_lines, diags);
    let kind = page_kind(file, &front_matter);
    let mut reader = PageReader::new(file, kind, front_matter);
    reader.read(&blocks, diags);
    reader.finish(diags)
}

struct PageReader {
    page: Page,
    section: Section,
    /// The pending annotation waiting for its fence.
    annotation: Option<Annotation>,
    /// Structure type being defined on a resource page (index into `page.types`).
    structure: Option<usize>,
    seen_h1: bool,
    /// A Properties, Relationships, Members or JSON representation section, or a
    /// `resource` annotation, was seen: the page means to define a type.
    saw_type_section: bool,
    /// The section of the latest H2 (sub-headings may open another section inside it).
    h2_section: Section,
    /// Text of the latest heading below the H1, lower case.
    last_heading: String,
    /// A syntax fence was read in a `## HTTP request` section (not a sub-heading).
    h2_syntax: bool,
    /// That heading as written.
    last_heading_text: String,
    /// Level of that heading.
    last_heading_level: u8,
    /// A response may still attach to the latest example request (no `Example…` heading
    /// since).
    exchange_open: bool,
}

impl PageReader {
    fn new(file: &str, kind: PageKind, front_matter: FrontMatter) -> Self {
        PageReader {
            page: Page {
                file: file.into(),
                kind,
                front_matter,
                title: None,
                namespace: None,
                summary: String::new(),
                types: Vec::new(),
                operations: Vec::new(),
                permissions: Vec::new(),
                headers: Vec::new(),
                parameters: Vec::new(),
                methods: Vec::new(),
                body_properties: Vec::new(),
                body_type: None,
                response_status: None,
                response_statuses: Vec::new(),
                response_type: None,
                response_prose: None,
                body_prose: Vec::new(),
                examples: Vec::new(),
                links: Vec::new(),
                example_fences: 0,
                unclassified_fences: 0,
                snippet_fences: 0,
                unparsed_json: Vec::new(),
            },
            section: Section::Intro,
            annotation: None,
            structure: None,
            seen_h1: false,
            saw_type_section: false,
            h2_section: Section::Intro,
            last_heading: String::new(),
            last_heading_level: 0,
            last_heading_text: String::new(),
            h2_syntax: false,
            exchange_open: false,
        }
    }

    fn read(&mut self, blocks: &[Block], diags: &mut Diagnostics) {
        for block in blocks {
            match &block.kind {
                BlockKind::Heading { level, text } => self.heading(*level, text, block.line),
                BlockKind::Paragraph { text, links, quoted } => self.paragraph(text, links, *quoted, block.line),
                BlockKind::Table(table) => self.table(table, block.line, diags),
                BlockKind::Comment { text } => match annotation::parse(text, block.line, diags) {
                    Some(a) if !a.is_page => self.annotation = Some(a),
                    Some(_) => {}
                    None => {
                        // `{…}` or a `blockType` mention that is not a readable annotation.
                        let body = text.trim();
                        if body.starts_with('{') || body.contains("blockType") {
                            self.page.unparsed_json.push(Located { line: block.line, value: "annotation".into() });
                        }
                    }
                },
                BlockKind::Fence(fence) => {
                    let annotation = self.annotation.take();
                    self.fence(fence, block.line, annotation, diags);
                }
            }
        }
    }

    fn heading(&mut self, level: u8, text: &str, line: u32) {
        if level <= 1 {
            if !self.seen_h1 {
                self.seen_h1 = true;
                self.page.title = Some(Located { line, value: text.to_string() });
                if matches!(self.page.kind, PageKind::Resource | PageKind::Enum) {
                    self.start_type_from_title(text, line);
                }
            }
            self.section = Section::Intro;
            self.h2_section = Section::Intro;
            self.exchange_open = false;
            return;
        }
        self.last_heading = text.to_ascii_lowercase();
        self.last_heading_text = text.to_string();
        self.last_heading_level = level;
        if self.last_heading.starts_with("example") {
            self.exchange_open = false;
        }
        // `### printQuality values` introduces an inline enum on any page.
        let lower = text.to_ascii_lowercase();
        if level >= 3 && lower.ends_with(" values") {
            let name = text[..text.len() - " values".len()].trim().trim_matches('`');
            if !name.is_empty() && !name.contains(' ') {
                self.section = Section::EnumValues(name.to_string());
                return;
            }
        }
        if level == 2 {
            self.section = section_for(text);
            self.h2_section = self.section.clone();
            self.saw_type_section |= matches!(
                self.section,
                Section::Properties | Section::Relationships | Section::Members | Section::JsonRepresentation
            );
        } else if matches!(self.section, Section::EnumValues(_)) {
            self.section = Section::Other;
        } else {
            // Topical pages (`## Get a user's drive` → `### HTTP request` → `### Path
            // parameters`) use sub-headings for the api sections; any other sub-heading
            // returns to the section of its H2. Inside `## Example`, `### HTTP request`
            // introduces the example request, not syntax.
            let sub = section_for(text);
            let in_examples = matches!(self.h2_section, Section::Examples | Section::Response);
            self.section = match sub {
                Section::HttpRequest
                | Section::RequestHeaders
                | Section::RequestBody
                | Section::Parameters
                | Section::Permissions
                    if !in_examples =>
                {
                    sub
                }
                _ => self.h2_section.clone(),
            };
        }
    }

    fn start_type_from_title(&mut self, title: &str, line: u32) {
        let Some(name) = type_name_from_title(title) else { return };
        // `x enum type` on a page labelled `resourcePageType` is still an enum.
        let lower = title.to_ascii_lowercase();
        let enum_title = [" enum type", " enumeration type", " enum"].iter().any(|s| lower.trim_end().ends_with(s));
        let kind = if self.page.kind == PageKind::Enum || enum_title { TypeFactsKind::Enum } else { TypeFactsKind::Structure };
        self.page.types.push(TypeFacts::new(line, name, kind, None));
        if kind == TypeFactsKind::Structure {
            self.structure = Some(self.page.types.len() - 1);
        }
    }

    fn paragraph(&mut self, text: &str, links: &[Link], quoted: bool, line: u32) {
        for link in links {
            self.page.links.push(PageLink { line, text: link.text.clone(), dest: link.dest.clone() });
        }
        if let Some(ns) = text.strip_prefix("Namespace:") {
            // `Namespace: microsoft.graph` may run into the next line's prose when no blank
            // line separates them: the namespace is the first word, the rest a paragraph.
            let ns = ns.trim_start();
            let (word, rest) = ns.split_once(char::is_whitespace).unwrap_or((ns, ""));
            let word = word.trim_end_matches('.').to_string();
            for t in &mut self.page.types {
                t.namespace = Some(word.clone());
            }
            self.page.namespace = Some(word);
            let rest = rest.trim();
            if !rest.is_empty() {
                self.paragraph(rest, links, quoted, line);
            }
            return;
        }
        match self.section {
            // `## Properties` followed by `None`: a type with no properties of its own.
            Section::Properties if text.trim_end_matches('.').eq_ignore_ascii_case("none") => {
                self.ensure_structure_for_table(line);
                if let Some(i) = self.structure {
                    self.page.types[i].properties_none = true;
                }
            }
            Section::Intro => {
                // Asides are not the summary: DocFX `[!INCLUDE …]` lines (the beta
                // disclaimer) and blockquoted notes (`> **Important:** …`, `> [!NOTE]`).
                let aside = quoted || text.starts_with("[!");
                if self.page.summary.is_empty() && !aside {
                    self.page.summary = text.to_string();
                    if let Some(i) = self.structure {
                        self.page.types[i].description = text.to_string();
                    }
                }
                if let Some(i) = self.structure {
                    if let Some(mention) = inheritance_mention(text, links, line) {
                        self.page.types[i].bases.push(BaseClaim { source: BaseSource::Prose, mention });
                    }
                }
            }
            Section::RequestBody
                if self.page.body_type.is_none() && text.to_ascii_lowercase().contains("json representation") =>
            {
                self.page.body_type = first_type_link(links, line);
                self.page.body_prose.push(Located { line, value: text.to_string() });
            }
            Section::RequestBody => self.page.body_prose.push(Located { line, value: text.to_string() }),
            Section::Response => {
                for code in statuses_in_prose(text) {
                    self.page.response_statuses.push(Located { line, value: code });
                }
                if self.page.response_status.is_none() {
                    if let Some(code) = status_in_prose(text) {
                        self.page.response_status = Some(Located { line, value: code });
                        let collection = text.to_ascii_lowercase().contains("collection");
                        self.page.response_type = first_type_link(links, line).map(|m| (m, collection));
                        self.page.response_prose = Some(Located { line, value: text.to_string() });
                    }
                }
            }
            _ => {}
        }
    }

    fn table(&mut self, table: &Table, line: u32, diags: &mut Diagnostics) {
        for row in &table.rows {
            if row.cells.len() < table.header.len() {
                diags.report(
                    &SHORT_ROW,
                    row.line,
                    1,
                    format!("row has {} cells, header has {}", row.cells.len(), table.header.len()),
                );
            }
            for cell in &row.cells {
                for link in &cell.links {
                    self.page.links.push(PageLink { line: row.line, text: link.text.clone(), dest: link.dest.clone() });
                }
            }
        }
        let columns: Vec<String> = table.header.iter().map(|c| normalize_header(&c.text)).collect();
        let first = columns.first().map(String::as_str).unwrap_or("");
        match (&self.section, first) {
            (Section::Permissions, _) | (_, "permission type") => self.permissions(table, diags),
            (Section::EnumValues(name), _) => {
                let name = name.clone();
                self.enum_table(&name, table, &columns, line)
            }
            (Section::Members, _) | (_, "member") => {
                let last = self.page.types.last().map(|t| (t.name.clone(), t.kind));
                match last {
                    Some((name, kind)) if self.page.kind == PageKind::Enum || kind == TypeFactsKind::Enum => {
                        self.enum_table(&name, table, &columns, line)
                    }
                    _ => {}
                }
            }
            (Section::Properties, _) | (Section::Intro, "property") => {
                self.ensure_structure_for_table(line);
                self.property_rows(table, &columns, false, diags)
            }
            (Section::Relationships, _) => {
                self.ensure_structure_for_table(line);
                self.property_rows(table, &columns, true, diags)
            }
            (Section::RequestBody, _) => {
                let rows = self.rows_as_properties(table, &columns, false, diags);
                self.page.body_properties.extend(rows);
            }
            (Section::RequestHeaders, _) => {
                let rows = parameter_rows(table, &columns, &self.last_heading_text);
                self.page.headers.extend(rows);
            }
            (Section::Parameters, _) => {
                let rows = parameter_rows(table, &columns, &self.last_heading_text);
                self.page.parameters.extend(rows);
            }
            (Section::Methods, _) => {
                let rows = method_rows(table, &columns);
                self.page.methods.extend(rows);
            }
            _ => {}
        }
    }

    /// A properties table on a resource page whose H1 names no type: keep the rows in an
    /// unnamed structure that the page's `resource` annotation (usually further down, in
    /// `## JSON representation`) names. Unnamed at the end of the page → `resource/no-type`.
    fn ensure_structure_for_table(&mut self, line: u32) {
        if self.structure.is_none() && self.page.kind == PageKind::Resource {
            self.structure = self.push_structure("", line);
            if let Some(i) = self.structure {
                self.page.types[i].description = self.page.summary.clone();
            }
        }
    }

    fn permissions(&mut self, table: &Table, diags: &mut Diagnostics) {
        for row in &table.rows {
            let kind = row.cells.first().map(|c| c.text.clone()).unwrap_or_default();
            let scopes = row.cells.get(1).map(|c| c.text.clone()).unwrap_or_default();
            if scopes.to_ascii_uppercase().contains("TODO") {
                diags.report(&PERMISSIONS_TODO, row.line, 1, format!("permissions for `{kind}` are a placeholder: `{scopes}`"));
            }
            self.page.permissions.push(PermissionFacts { line: row.line, kind, scopes });
        }
    }

    fn enum_table(&mut self, name: &str, table: &Table, columns: &[String], line: u32) {
        // `Value | Description` tables hold member names in the Value column.
        let name_col = columns.iter().position(|c| c == "member" || c == "name").unwrap_or(0);
        let value_col = columns.iter().position(|c| c.contains("value")).filter(|&i| i != name_col);
        let desc_col = columns.iter().position(|c| c == "description");
        let mut members = Vec::new();
        for row in &table.rows {
            let Some(member) = row.cells.get(name_col).map(|c| c.text.trim_matches('`').trim().to_string()) else { continue };
            if member.is_empty() {
                continue;
            }
            let value = value_col.and_then(|i| row.cells.get(i)).and_then(|c| c.text.trim().parse::<i64>().ok());
            let description = desc_col.and_then(|i| row.cells.get(i)).map(|c| c.text.clone()).unwrap_or_default();
            members.push(MemberFacts { line: row.line, name: member, value, description });
        }
        if let Some(existing) = self.page.types.iter_mut().find(|t| t.kind == TypeFactsKind::Enum && t.name == name) {
            existing.members.extend(members);
            return;
        }
        self.page.types.push(TypeFacts { members, ..TypeFacts::new(line, name, TypeFactsKind::Enum, self.page.namespace.clone()) });
    }

    fn property_rows(&mut self, table: &Table, columns: &[String], relationship: bool, diags: &mut Diagnostics) {
        let rows = self.rows_as_properties(table, columns, relationship, diags);
        let Some(i) = self.structure else { return };
        let ty = &mut self.page.types[i];
        for p in &rows {
            if let Some((name, link)) = &p.flags.inherited_from {
                if !ty.bases.iter().any(|b| b.source == BaseSource::InheritedRows) {
                    ty.bases.push(BaseClaim {
                        source: BaseSource::InheritedRows,
                        mention: TypeMention { line: p.line, name: name.clone(), link: link.clone() },
                    });
                }
            }
        }
        ty.properties.extend(rows);
    }

    fn rows_as_properties(
        &self,
        table: &Table,
        columns: &[String],
        relationship: bool,
        diags: &mut Diagnostics,
    ) -> Vec<PropertyFacts> {
        let type_col = columns.iter().position(|c| c == "type");
        let desc_col = columns.iter().position(|c| c.starts_with("description"));
        let mut out = Vec::new();
        for row in &table.rows {
            let Some(name_cell) = row.cells.first() else { continue };
            let name = property_name(name_cell);
            if name.is_empty() {
                continue;
            }
            // `|**Onboarding**|`: a bold group label spanning the table (intune), not a row.
            let label = name_cell.raw.starts_with("**")
                && name_cell.raw.ends_with("**")
                && row.cells.iter().skip(1).all(|c| c.raw.is_empty());
            if label {
                continue;
            }
            let type_expr = match type_col.and_then(|i| row.cells.get(i)) {
                Some(cell) => with_resolved_reference(type_expr::parse_type_cell(&cell.raw), cell),
                None => type_expr::parse_type_cell(""),
            };
            if type_expr.is_unparsed() && type_col.is_some() {
                diags.report(&UNPARSED_TYPE, row.line, 1, format!("type of `{name}` is `{}`", type_expr.written));
            }
            let desc_cell = desc_col.and_then(|i| row.cells.get(i));
            let description = desc_cell.map(|c| c.text.clone()).unwrap_or_default();
            let flags = type_expr::description_flags(desc_cell.map_or("", |c| c.raw.as_str()));
            out.push(PropertyFacts { line: row.line, name, type_expr, description, flags, relationship });
        }
        out
    }

    fn fence(&mut self, fence: &Fence, line: u32, annotation: Option<Annotation>, diags: &mut Diagnostics) {
        let info = fence.info.to_ascii_lowercase();
        let block_type = annotation.as_ref().and_then(|a| a.block_type.clone()).unwrap_or_default();
        let http_info = matches!(info.as_str(), "http" | "msgraph-interactive" | "");
        // `example` marks sample payloads (JSON) and, on an `http` fence, sample messages.
        if info == "json" || block_type == "resource" || (block_type == "example" && !http_info) {
            self.json_fence(fence, annotation, diags);
            return;
        }
        if !http_info {
            return;
        }
        if self.section == Section::HttpRequest {
            self.syntax_fence(fence, diags);
            // `<!-- { "blockType": "request" } -->` on the syntax fence: the page's example
            // request is its syntax line (drive pages); the response follows under `## Response`.
            if block_type != "request" {
                return;
            }
        }
        let messages = http::parse_http_fence(&fence.content);
        if messages.is_empty() {
            let body = fence.content.trim_start();
            let annotated = matches!(block_type.as_str(), "request" | "response");
            let json_payload = (body.starts_with('{') || body.starts_with('[')) && lenient_json::parse(body).is_ok();
            // Header lines only (`Prefer: outlook.timezone="…"`): shows a header, not a message.
            let headers_only = !body.is_empty()
                && fence.content.lines().filter(|l| !l.trim().is_empty()).all(|l| http::is_header_line(l) || l.starts_with([' ', '\t']));
            if headers_only && !annotated {
                self.page.snippet_fences += 1;
            } else if json_payload {
                // A JSON payload in an HTTP fence (a request body shown on its own).
                self.page.example_fences += 1;
            } else if annotated || (!info.is_empty() && block_type != "ignored" && self.in_example_context()) {
                self.page.example_fences += 1;
                self.page.unclassified_fences += 1;
                if !body.trim().is_empty() {
                    diags.report(&UNCLASSIFIED_EXAMPLE, line, 1, "example fence holds neither a request line, a status line nor a JSON payload");
                }
            } else {
                self.page.snippet_fences += 1;
            }
            return;
        }
        self.page.example_fences += 1;
        let mut annotation = annotation;
        for mut message in messages {
            absolutize(&mut message, fence.content_line);
            match message {
                HttpMessage::Request(request) => {
                    let json = body_json(request.body.as_ref(), "example request body", diags, &mut self.page.unparsed_json);
                    self.page.examples.push(ExampleFacts {
                        request: Some(ExampleRequest { annotation: annotation.take(), message: request, json }),
                        notification: self.last_heading.contains("notification"),
                        ..ExampleFacts::default()
                    });
                    self.exchange_open = true;
                }
                HttpMessage::Response(response) => {
                    let json = body_json(response.body.as_ref(), "example response body", diags, &mut self.page.unparsed_json);
                    let example = ExampleResponse { annotation: annotation.take(), message: response, json };
                    match self.page.examples.last_mut() {
                        Some(last) if self.exchange_open && last.request.is_some() => {
                            if last.response.is_none() {
                                last.response = Some(example);
                            } else {
                                last.more_responses.push(example);
                            }
                        }
                        _ => {
                            diags.report(&UNPAIRED_RESPONSE, example.message.line, 1, "response without a request before it in its example");
                            self.page.examples.push(ExampleFacts { response: Some(example), ..ExampleFacts::default() });
                        }
                    }
                }
            }
        }
    }

    /// Is the reader where an example belongs: an `Example…` or `Response` section, or
    /// under a `Request` / `Response` / `Example…` sub-heading?
    fn in_example_context(&self) -> bool {
        matches!(self.section, Section::Examples | Section::Response)
            || (self.last_heading_level >= 3
                && ["request", "response", "example"].iter().any(|w| self.last_heading.starts_with(w)))
    }

    fn json_fence(&mut self, fence: &Fence, annotation: Option<Annotation>, diags: &mut Diagnostics) {
        let is_resource = annotation.as_ref().and_then(|a| a.block_type.as_deref()) == Some("resource")
            || (annotation.is_none() && self.section == Section::JsonRepresentation);
        if !is_resource {
            return;
        }
        self.saw_type_section = true;
        let result = lenient_json::parse(&fence.content);
        lenient_json::report(&result, diags, fence.content_line, "JSON representation");
        if result.is_err() {
            self.page.unparsed_json.push(Located { line: fence.content_line, value: "JSON representation".into() });
        }
        let value = result.ok().map(|parsed| Arc::new(parsed.value));
        let Some(a) = annotation else {
            if let (Some(i), Some(value)) = (self.structure, value) {
                self.page.types[i].json_representation = Some(Located { line: fence.content_line, value });
                self.page.types[i].json_representation_text = Arc::from(fence.content.as_str());
            }
            return;
        };
        // The annotation's @odata.type is the authoritative name of the type defined here.
        let index = match (&a.odata_type, self.structure) {
            (Some(qualified), Some(i)) => {
                let short = qualified.rsplit('.').next().unwrap_or(qualified);
                let ty = &mut self.page.types[i];
                if ty.name.is_empty()
                    || ty.name.eq_ignore_ascii_case(short)
                    || ty.properties.is_empty()
                    || self.page.kind != PageKind::Resource
                {
                    ty.name = qualified.clone();
                    Some(i)
                } else {
                    self.push_structure(qualified, a.line)
                }
            }
            (Some(qualified), None) => self.push_structure(qualified, a.line),
            (None, i) => i,
        };
        let Some(i) = index else { return };
        let ty = &mut self.page.types[i];
        if let Some(base) = &a.base_type {
            ty.bases.insert(0, BaseClaim {
                source: BaseSource::Annotation,
                mention: TypeMention { line: a.line, name: base.clone(), link: None },
            });
        }
        ty.open_type = a.open_type;
        ty.is_abstract = a.is_abstract;
        if let Some(value) = value {
            ty.json_representation = Some(Located { line: fence.content_line, value });
            ty.json_representation_text = Arc::from(fence.content.as_str());
        }
    }

    fn push_structure(&mut self, name: &str, line: u32) -> Option<usize> {
        self.page.types.push(TypeFacts::new(line, name, TypeFactsKind::Structure, self.page.namespace.clone()));
        Some(self.page.types.len() - 1)
    }

    fn syntax_fence(&mut self, fence: &Fence, diags: &mut Diagnostics) {
        for (offset, raw) in fence.content.lines().enumerate() {
            let line = fence.content_line + offset as u32;
            let text = raw.trim();
            if text.is_empty() || text.eq_ignore_ascii_case("or") || !text.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                continue;
            }
            // Header lines (`workbook-session-id: {session-id}`) are not request lines.
            if text.split_whitespace().next().is_some_and(|w| w.ends_with(':')) {
                continue;
            }
            let Some((method, target)) = http::parse_request_line(text) else {
                diags.report(&BAD_REQUEST_LINE, line, 1, format!("cannot read request line `{text}`"));
                continue;
            };
            if self.h2_section == Section::HttpRequest {
                self.h2_syntax = true;
            }
            self.add_syntax_path(line, method, target.path, false);
        }
    }

    /// Record a request syntax line (once per method and path).
    fn add_syntax_path(&mut self, line: u32, method: String, path: PathTemplate, from_example: bool) {
        let path = Located { line, value: path };
        match self.page.operations.iter_mut().find(|o| o.method == method) {
            Some(op) => {
                if op.paths.iter().all(|p| p.value.text != path.value.text) {
                    op.paths.push(path);
                }
            }
            None => self.page.operations.push(OperationFacts { line, method, paths: vec![path], from_example }),
        }
    }

    fn finish(mut self, diags: &mut Diagnostics) -> Page {
        if self.page.kind == PageKind::Api && !self.h2_syntax {
            // Topical pages (`## List a group's drives`, `## List a site's drives`, …) have no
            // `## HTTP request` section: each topic's request fence, written relative like a
            // syntax line (`GET /sites/{siteId}/drives`), is syntax and example at once.
            let topical: Vec<(u32, String, PathTemplate)> = self
                .page
                .examples
                .iter()
                .filter(|e| !e.notification)
                .filter_map(|e| e.request.as_ref())
                .filter(|r| r.message.target.host.is_none() && r.message.target.raw.starts_with('/'))
                .map(|r| (r.message.line, r.message.method.clone(), r.message.target.path.clone()))
                .collect();
            for (line, method, path) in topical {
                self.add_syntax_path(line, method, path, false);
            }
        }
        if self.page.kind == PageKind::Api && self.page.operations.is_empty() {
            // Pages without a syntax block (topical pages) document their operations by example.
            let from_examples: Vec<(u32, String, PathTemplate)> = self
                .page
                .examples
                .iter()
                .filter_map(|e| e.request.as_ref())
                .map(|r| (r.message.line, r.message.method.clone(), r.message.target.path.clone()))
                .collect();
            for (line, method, path) in from_examples {
                self.add_syntax_path(line, method, path, true);
            }
            if self.page.operations.is_empty() {
                diags.report(&NO_OPERATION, self.page.title.as_ref().map_or(1, |t| t.line), 1, "api page documents no request");
            }
        }
        let mut reported = false;
        for unnamed in self.page.types.iter().filter(|t| t.name.is_empty()) {
            diags.report(&NO_TYPE, unnamed.line, 1, "properties table on a page whose H1 names no type, and no `resource` annotation names one");
            reported = true;
        }
        self.page.types.retain(|t| !t.name.is_empty());
        if self.page.kind == PageKind::Resource && self.page.types.is_empty() && !self.saw_type_section {
            // A `resourcePageType` overview (`Use the X API`): nothing on it defines a type.
            diags.report(&CONCEPTUAL_RESOURCE_PAGE, self.page.title.as_ref().map_or(1, |t| t.line), 1, "page in resources/ defines no type and has no Properties or JSON representation section; read as conceptual");
            self.page.kind = PageKind::Conceptual;
        }
        if matches!(self.page.kind, PageKind::Resource | PageKind::Enum) && self.page.types.is_empty() && !reported {
            diags.report(&NO_TYPE, self.page.title.as_ref().map_or(1, |t| t.line), 1, "no type name found on this page");
        }
        self.page
    }
}

/// The JSON of a message body, parsed leniently, with repairs and failures reported.
fn body_json(
    body: Option<&http::Body>,
    what: &str,
    diags: &mut Diagnostics,
    failures: &mut Vec<Located<String>>,
) -> Option<Located<Arc<Value>>> {
    let body = body?;
    if body.kind != http::BodyKind::Json {
        return None;
    }
    let line = body.line;
    let result = lenient_json::parse(&body.text);
    lenient_json::report(&result, diags, line, what);
    match result {
        Ok(parsed) => Some(Located { line, value: Arc::new(parsed.value) }),
        Err(_) => {
            failures.push(Located { line, value: what.to_string() });
            None
        }
    }
}

/// Message lines are relative to the fence's first content line; make them page lines.
fn absolutize(message: &mut HttpMessage, content_line: u32) {
    let (line, headers, body) = match message {
        HttpMessage::Request(r) => (&mut r.line, &mut r.headers, &mut r.body),
        HttpMessage::Response(r) => (&mut r.line, &mut r.headers, &mut r.body),
    };
    *line += content_line;
    for h in headers.iter_mut() {
        h.line += content_line;
    }
    if let Some(b) = body.as_mut() {
        b.line += content_line;
    }
}

/// Reference-style links (`[identitySet][]`) carry no target in the cell text; pulldown-cmark
/// resolved them against the page's link definitions, so take the target from the cell.
fn with_resolved_reference(mut expr: TypeExpr, cell: &Cell) -> TypeExpr {
    if let type_expr::TypeShape::Named { link: link @ None, reference_label: Some(_), .. } = &mut expr.shape {
        *link = cell.links.first().map(|l| l.dest.clone());
    }
    expr
}

/// The type an H1 names: `x resource type`, `x complex type`, `X facet`, `x enum type`, with
/// a trailing note in parentheses dropped (`x resource type (deprecated)`). `None` when the
/// title is prose (`Use the search API`), i.e. what is left is not one identifier.
fn type_name_from_title(title: &str) -> Option<&str> {
    let mut title = title.trim();
    // `accessReview resource type (deprecated)`, `teamsTabConfiguration resource type (Open Type)`.
    if title.ends_with(')') {
        if let Some(open) = title.rfind('(') {
            if open > 0 {
                title = title[..open].trim_end();
            }
        }
    }
    let lower = title.to_ascii_lowercase();
    let suffixes = [
        " resource type", " resouce type", " complex type", " entity type", " resource", " enum type",
        " enumeration type", " enum", " object", " facet", " type",
    ];
    let name = suffixes
        .iter()
        .find(|s| lower.ends_with(*s))
        .map(|s| title[..title.len() - s.len()].trim())
        .unwrap_or(title)
        .trim_matches('`');
    (!name.is_empty() && !name.contains(char::is_whitespace)).then_some(name)
}

/// A link text that names a type: one identifier, possibly qualified, in backticks or not.
fn looks_like_type_name(text: &str) -> bool {
    let t = text.trim().trim_matches('`').trim_start_matches('#');
    !t.is_empty()
        && t.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// `Inherits from [x](x.md)` and its variants in an intro paragraph.
fn inheritance_mention(text: &str, links: &[Link], line: u32) -> Option<TypeMention> {
    let lower = text.to_ascii_lowercase();
    let at = ["inherits from", "derived from", "subclass of", "inherited from", "derives from"]
        .iter()
        .filter_map(|p| lower.find(p).map(|i| i + p.len()))
        .min()?;
    let mut rest = text.get(at..)?.trim_start();
    // `inherits from the base [x](x.md) class`, `inherits from base class [x](x.md)`.
    const FILLER: &[&str] = &["the", "a", "an", "base", "abstract", "class", "type", "entity", "resource", "complex", "its"];
    loop {
        let word = rest.split_whitespace().next().unwrap_or("");
        if FILLER.iter().any(|f| f.eq_ignore_ascii_case(word)) && !links.iter().any(|l| l.text == word) {
            rest = rest[word.len()..].trim_start();
        } else {
            break;
        }
    }
    let starts_with_link = |l: &&Link| {
        let Some(after) = rest.strip_prefix(l.text.as_str()) else { return false };
        !l.text.is_empty() && !after.starts_with(|c: char| c.is_alphanumeric() || c == '_')
    };
    // The longest link text that the rest starts with (`Domain` vs `DomainDnsRecord`).
    if let Some(link) = links.iter().filter(starts_with_link).max_by_key(|l| l.text.len()) {
        return Some(TypeMention { line, name: link.text.trim_matches('`').to_string(), link: Some(link.dest.clone()) });
    }
    // Prose only: accept an identifier that looks like a type name (`microsoft.graph.x`,
    // `camelCase`), not an English word (`inherits from this base type`).
    let word: String = rest
        .trim_start_matches(['*', '`'])
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '_')
        .collect();
    let word = word.trim_end_matches('.');
    let typeish = word.contains('.') || word.chars().skip(1).any(|c| c.is_ascii_uppercase());
    (typeish && looks_like_type_name(word)).then(|| TypeMention { line, name: word.to_string(), link: None })
}

/// The first link in a paragraph that points to a page and whose text names a type (links
/// such as `[get the status of the copy operation](x.md)` are prose, not type mentions).
fn first_type_link(links: &[Link], line: u32) -> Option<TypeMention> {
    links
        .iter()
        .filter(|l| l.dest.ends_with(".md") || l.dest.contains(".md#"))
        .find(|l| looks_like_type_name(&l.text))
        .map(|l| TypeMention { line, name: l.text.trim_matches('`').to_string(), link: Some(l.dest.clone()) })
}

/// `returns a `201 Created` response code`: the first three-digit number after "return".
/// `a 200-series response code` names a class, not a code: `None`.
fn status_in_prose(text: &str) -> Option<u16> {
    let lower = text.to_ascii_lowercase();
    let start = lower.find("return")?;
    let (at, code) = codes_from(text, start).next()?;
    let class = lower[at + 3..].starts_with("-series") || lower[at + 3..].starts_with("-level") || lower[at + 3..].starts_with('x');
    (!class).then_some(code)
}

/// Every status code after the first "return" in `text` (classes such as `2xx` or
/// `200-series` excluded).
fn statuses_in_prose(text: &str) -> Vec<u16> {
    let lower = text.to_ascii_lowercase();
    let Some(start) = lower.find("return") else { return Vec::new() };
    codes_from(text, start)
        .filter(|&(at, _)| {
            let after = &lower[at + 3..];
            !(after.starts_with("-series") || after.starts_with("-level") || after.starts_with('x'))
        })
        .map(|(_, code)| code)
        .collect()
}

/// Standalone three-digit numbers in 100..=599 from byte `start` on, with their offsets.
fn codes_from(text: &str, start: usize) -> impl Iterator<Item = (usize, u16)> + '_ {
    let bytes = text.as_bytes();
    (start..bytes.len().saturating_sub(2)).filter_map(move |i| {
        let standalone = bytes[i..i + 3].iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 3).is_none_or(|b| !b.is_ascii_alphanumeric());
        let code: u16 = if standalone { text.get(i..i + 3)?.parse().ok()? } else { return None };
        (100..600).contains(&code).then_some((i, code))
    })
}

/// Header cell text → lower case, `*` and backticks stripped, whitespace collapsed.
fn normalize_header(text: &str) -> String {
    // Most headers (`Property`, `Type`) have no markup: one copy instead of three.
    if text.is_ascii() && !text.contains(['*', '`']) {
        return super::text::collapse_ascii(text).to_ascii_lowercase();
    }
    blocks::collapse(&text.replace(['*', '`'], "")).to_ascii_lowercase()
}

/// The JSON name in a property cell: bold, code and `(deprecated)` stripped.
fn property_name(cell: &Cell) -> String {
    let text = cell.text.trim();
    let text = text.split_whitespace().next().unwrap_or("");
    text.trim_matches(['*', '`', '\\']).to_string()
}

/// Rows of a Methods table: `[Create user](../api/user-post.md) | [user](user.md) | …`.
fn method_rows(table: &Table, columns: &[String]) -> Vec<MethodFacts> {
    let return_col = columns.iter().position(|c| c.contains("return type"));
    let desc_col = columns.iter().position(|c| c == "description");
    table
        .rows
        .iter()
        .filter_map(|row| {
            let cell = row.cells.first()?;
            let name = cell.links.first().map_or_else(|| cell.text.clone(), |l| l.text.clone());
            (!name.is_empty()).then(|| MethodFacts {
                line: row.line,
                name,
                link: cell.links.first().map(|l| l.dest.clone()),
                return_type: return_col
                    .and_then(|i| row.cells.get(i))
                    .map(|c| with_resolved_reference(type_expr::parse_type_cell(&c.raw), c)),
                description: desc_col.and_then(|i| row.cells.get(i)).map(|c| c.text.clone()).unwrap_or_default(),
            })
        })
        .collect()
}

fn parameter_rows(table: &Table, columns: &[String], section: &str) -> Vec<ParameterFacts> {
    let type_col = columns.iter().position(|c| c == "type");
    let desc_col = columns.iter().position(|c| c == "description" || c == "value").or(Some(1));
    table
        .rows
        .iter()
        .filter_map(|row| {
            let name = row.cells.first()?.text.trim_matches(['*', '`']).to_string();
            (!name.is_empty()).then(|| ParameterFacts {
                line: row.line,
                name,
                type_expr: type_col.and_then(|i| row.cells.get(i)).map(|c| type_expr::parse_type_cell(&c.raw)),
                description: desc_col.and_then(|i| row.cells.get(i)).map(|c| c.text.clone()).unwrap_or_default(),
                section: section.to_string(),
            })
        })
        .collect()
}
