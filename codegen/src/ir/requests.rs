//! Request modules: one function per operation, inline bodies, query option markers and the
//! examples that become tests.

use super::{Docs, Ident, Method, QueryOption, StructDef, ValueType};

/// The request functions of one type (`requests::dep_enrollment_profile`); its name, features
/// and docs are those of the [`super::Module`] that holds it.
#[derive(Debug, Clone, Hash)]
pub struct RequestModule {
    /// The operations, in documented order.
    pub operations: Vec<Operation>,
    /// Bodies documented inline (an action's parameters, a function's result).
    pub bodies: Vec<StructDef>,
    /// The query option markers of the operations that support query options.
    pub query_markers: Vec<QueryMarker>,
}

/// One request function.
#[derive(Debug, Clone, Hash)]
pub struct Operation {
    /// The function's name.
    pub function: Ident,
    /// The HTTP method.
    pub method: Method,
    /// The path, fixed text and parameters in order.
    pub path: Vec<PathPart>,
    /// The body parameter's name and type.
    pub body: Option<(Ident, BodyType)>,
    /// The success response's type (`None`: no body).
    pub response: Option<BodyType>,
    /// Whether the result is an `Outcome` of the response type: a write, which may answer with
    /// its documented body, with nothing, or with `202 Accepted`.
    pub outcome: bool,
    /// The documented success status.
    pub success_status: u16,
    /// The query option marker, when the operation supports query options.
    pub query: Option<Ident>,
    /// Headers with fixed documented values that every request sends.
    pub headers: Vec<(String, String)>,
    /// The function's documentation.
    pub docs: Docs,
    /// The page's examples, each a round-trip test.
    pub examples: Vec<Example>,
}

/// An example body from a documentation page, emitted as a round-trip test.
#[derive(Debug, Clone, Hash)]
pub struct Example {
    /// The test function's name.
    pub test: Ident,
    /// The type the body is read as.
    pub ty: BodyType,
    /// The body as JSON text.
    pub json: String,
    /// The test's documentation (where the example is from, how it breaks the table).
    pub docs: Docs,
}

/// A piece of a request path.
#[derive(Debug, Clone, Hash)]
pub enum PathPart {
    /// Fixed text of the template.
    Literal(String),
    /// A path parameter: the function argument and its name in the template.
    Param {
        /// The argument.
        name: Ident,
        /// The name in the template.
        template_name: String,
    },
}

/// The type of a request or response body.
#[derive(Debug, Clone, Hash)]
pub struct BodyType {
    /// One value.
    pub value: BodyValue,
    /// A collection (a paged `{"value": [...]}` response).
    pub collection: bool,
}

/// What one value of a body is.
#[derive(Debug, Clone, Hash)]
pub enum BodyValue {
    /// A primitive, enum or model.
    Value(ValueType),
    /// A body struct in the same request module.
    Local(Ident),
}

/// A type that says which query options an operation supports.
#[derive(Debug, Clone, Hash)]
pub struct QueryMarker {
    /// The marker's name (`ListQuery`).
    pub name: Ident,
    /// The options.
    pub options: Vec<QueryOption>,
    /// The marker's documentation.
    pub docs: Docs,
}
