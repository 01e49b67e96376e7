//! The small runtime every generated crate carries: transport-independent requests, the
//! errors of decoding a response, OData collections and open enums.
//! Generated code stays thin; everything shared lives here.

use ::std::fmt;
use ::std::marker::PhantomData;
use ::std::option::Option;
use ::std::result::Result;
use ::std::string::String;
use ::std::vec::Vec;

/// The serde `with` module of every model field: `Option<Option<T>>` keeps "absent"
/// (`None`), "null" (`Some(None)`) and a value apart. Re-exported so fields name it briefly.
pub use ::serde_with::rust::double_option;

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PATCH
    Patch,
    /// PUT
    Put,
    /// DELETE
    Delete,
}

impl Method {
    /// The method as it appears on the request line.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What can go wrong building a request or decoding its response.
#[derive(Debug)]
pub enum Error {
    /// The request body could not be serialized.
    Serialize(::serde_json::Error),
    /// The server answered with a status the docs do not list as success.
    UnexpectedStatus {
        /// The status received.
        status: u16,
        /// The raw body, kept for diagnosis.
        body: Vec<u8>,
    },
    /// The body could not be decoded into the documented type.
    Decode {
        /// The JSON error.
        error: ::serde_json::Error,
        /// The raw body, kept for diagnosis.
        body: Vec<u8>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Serialize(e) => write!(f, "cannot serialize request body: {e}"),
            Error::UnexpectedStatus { status, .. } => write!(f, "unexpected response status {status}"),
            Error::Decode { error, .. } => write!(f, "cannot decode response body: {error}"),
        }
    }
}

impl ::std::error::Error for Error {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Error::Serialize(e) | Error::Decode { error: e, .. } => Some(e),
            Error::UnexpectedStatus { .. } => None,
        }
    }
}

/// A request ready to send with any HTTP client, and the decoder of its documented response.
/// `T` is the type of the success response body (`NoContent` when there is none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request<T> {
    /// HTTP method.
    pub method: Method,
    /// Path relative to the version base URL, already percent-encoded, starting with `/`.
    pub path: String,
    /// Headers to send (name, value).
    pub headers: Vec<(&'static str, String)>,
    /// Body bytes, if any.
    pub body: Option<Vec<u8>>,
    /// The documented success status.
    pub success_status: u16,
    response: PhantomData<fn() -> T>,
}

impl<T> Request<T> {
    /// A request without a body.
    pub fn new(method: Method, path: String, success_status: u16) -> Self {
        Request { method, path, headers: Vec::new(), body: None, success_status, response: PhantomData }
    }

    /// Attach a JSON body and its `Content-Type`.
    pub fn with_json<B: ::serde::Serialize + ?Sized>(mut self, body: &B) -> Result<Self, Error> {
        let bytes = ::serde_json::to_vec(body).map_err(Error::Serialize)?;
        self.headers.push(("Content-Type", String::from("application/json")));
        self.body = Some(bytes);
        Ok(self)
    }

    /// The full URL against a version base such as `https://graph.microsoft.com/beta`.
    pub fn url(&self, base_url: &str) -> String {
        format!("{}{}", base_url.trim_end_matches('/'), self.path)
    }
}

impl<T: Decode> Request<T> {
    /// Decode a response: the documented status gives `T`, anything else is an error.
    pub fn decode(&self, status: u16, body: &[u8]) -> Result<T, Error> {
        if status != self.success_status {
            return Err(Error::UnexpectedStatus { status, body: body.to_vec() });
        }
        T::decode(body)
    }
}

/// Types a response body decodes into.
pub trait Decode: Sized {
    /// Decode the body bytes.
    fn decode(body: &[u8]) -> Result<Self, Error>;
}

impl<T: ::serde::de::DeserializeOwned> Decode for T {
    fn decode(body: &[u8]) -> Result<Self, Error> {
        // An empty body (204, 202) decodes as JSON `null`: fine for `NoContent`, an error
        // for a type that needs content.
        let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"null" } else { body };
        ::serde_json::from_slice(json).map_err(|error| Error::Decode { error, body: body.to_vec() })
    }
}

/// The body of a response the docs document as empty (`204 No Content`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoContent;

impl<'de> ::serde::Deserialize<'de> for NoContent {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ::serde::de::IgnoredAny::deserialize(deserializer).map(|_| NoContent)
    }
}

/// Percent-encode one path segment (a key or parameter value).
pub fn encode_segment(value: &str) -> String {
    ::percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()
}

/// Characters escaped in a path segment: controls, space, and the URL delimiters.
const SEGMENT: &::percent_encoding::AsciiSet = &::percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// An OData collection response: `{"value": [...], "@odata.nextLink": ...}`.
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Collection<T> {
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    /// Link to the next page, when there is one.
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// Other instance annotations and properties (`@odata.context`, `@odata.count`, …).
    #[serde(flatten)]
    pub additional_properties: ::serde_json::Map<String, ::serde_json::Value>,
}

/// An OData entity reference, the body of `POST`/`PUT …/$ref`: `{"@odata.id": "<url>"}`.
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Reference {
    /// The URL of the referenced entity.
    #[serde(rename = "@odata.id")]
    pub odata_id: String,
    /// Other members, kept as sent.
    #[serde(flatten)]
    pub additional_properties: ::serde_json::Map<String, ::serde_json::Value>,
}

/// An OData error response, the body of a failed request: `{"error": {"code": …, "message": …}}`.
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ErrorResponse {
    /// The error.
    pub error: ErrorDetail,
    /// Other members, kept as sent.
    #[serde(flatten)]
    pub additional_properties: ::serde_json::Map<String, ::serde_json::Value>,
}

/// The `error` of an [`ErrorResponse`].
#[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ErrorDetail {
    /// A service-defined error code.
    pub code: String,
    /// A human-readable message.
    pub message: String,
    /// Other members (`target`, `details`, `innerError`), kept as sent.
    #[serde(flatten)]
    pub additional_properties: ::serde_json::Map<String, ::serde_json::Value>,
}

/// The `@odata.type` of a JSON object, normalized for dispatch: `#` and the
/// `microsoft.graph.` namespace dropped, lower case (the docs vary the case).
pub fn type_tag(value: &::serde_json::Value) -> String {
    let raw = value.get("@odata.type").and_then(::serde_json::Value::as_str).unwrap_or("");
    let lower = raw.trim().trim_start_matches('#').to_ascii_lowercase();
    match lower.strip_prefix("microsoft.graph.") {
        Some(rest) => rest.to_string(),
        None => lower,
    }
}
