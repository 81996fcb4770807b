//! What a request line becomes in the generated API: a chain of calls from `requests::`, the
//! query options on the request, and the shape of the response to check.

use msgraph_codegen::schema::OperationParameterDescription;
use serde_json::Value;

/// One argument of a generated call.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A string (`by_id("…")`, a function's string parameter).
    Str(String),
    /// An integer literal.
    Int(i64),
    /// A floating-point literal.
    Float(f64),
    /// A boolean literal.
    Bool(bool),
    /// A list of strings (`select(["a", "b"])`).
    List(Vec<String>),
    /// A JSON body deserialized into a generated type (a Rust path).
    Json {
        /// The Rust path of the type (`models::User`, `runtime::Reference`).
        type_path: String,
        /// The body.
        body: Value,
    },
    /// Raw bytes, given as text.
    Bytes(String),
    /// A Rust expression, written as it is (`models::X::from_wire("a")`, `"2024-01-01".into()`).
    Expr(String),
}

/// One method call in the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The method's name.
    pub name: String,
    /// A turbofish type argument (`cast::<models::User>()`).
    pub type_arg: Option<String>,
    /// The arguments.
    pub args: Vec<Arg>,
}

impl Call {
    /// A call with these arguments.
    pub fn new(name: impl Into<String>, args: Vec<Arg>) -> Self {
        Self { name: name.into(), type_arg: None, args }
    }
}

/// What the response parses into, so the test can check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `Collection<T>`: a page of values.
    Collection,
    /// One entity or complex value.
    Value,
    /// `Outcome<T>`: `Body`, `NoContent` or `Accepted`.
    Outcome,
    /// `()`: no body.
    Unit,
    /// `i64` from `$count`.
    Count,
    /// `Vec<u8>`: media content.
    Bytes,
}

/// What a body is, in the metadata's terms: what a checker validates an example body against.
#[derive(Debug, Clone, PartialEq)]
pub enum Schema {
    /// A value of a type (qualified name, or a primitive's name), or a collection of them.
    Type {
        /// The type.
        qualified: String,
        /// Whether the body is a collection (`{"value": [...]}` in a response).
        collection: bool,
    },
    /// An action's parameters: the body is an object with one property per parameter.
    Parameters(Vec<OperationParameterDescription>),
    /// A reference: `{"@odata.id": "…"}` (a collection of them for `GET …/$ref`).
    Reference {
        /// Whether the body is a page of references.
        collection: bool,
    },
}

/// A link the request follows instead of its own URL: the page's URL, as a page of results
/// gives it in `@odata.nextLink` or `@odata.deltaLink`.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// A delta link (`Request::delta_request`), else a next link (`Request::next_page`).
    pub delta: bool,
    /// The absolute URL.
    pub url: String,
}

/// The translation of one request line.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The path calls, from the entry point in `requests::` on (the first call is the entry
    /// point), ending with the call that makes the `Request`.
    pub path: Vec<Call>,
    /// The query option calls on the `Request`.
    pub query: Vec<Call>,
    /// What the response parses into.
    pub shape: Shape,
    /// The link the request follows, when the page's URL is one.
    pub link: Option<Link>,
    /// What the request body is, when the request has one.
    pub request_schema: Option<Schema>,
    /// What the response body is, when the request's result has one.
    pub response_schema: Option<Schema>,
    /// Whether the result is one primitive or enum value, which the response wraps:
    /// `{"value": …}` (the typed result is the value alone).
    pub wrapped: bool,
    /// Whether the request sends a MIME message (`mime_body`, among the query calls) in place of
    /// the typed body of its call, which is then empty.
    pub sends_mime: bool,
}
