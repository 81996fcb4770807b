//! What a request line becomes in the generated API: a chain of calls from `requests::`, the
//! query options on the request, and the shape of the response to check.

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
}
