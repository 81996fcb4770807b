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
    /// The body parameter: its name and type.
    pub body: Option<BodyArgument>,
    /// The documented success status.
    pub success_status: u16,
    /// What it returns, which query options it takes and the headers it sends.
    pub shape: RequestShape,
    /// The function's documentation.
    pub docs: Docs,
    /// The page's examples, each a round-trip test.
    pub examples: Vec<Example>,
}

/// What every request carries besides its method and path, decided in lowering alike for the
/// documented operations, the bound actions and functions and the imports: emit writes it as
/// the `Request`'s type parameters, its decoder and its headers.
#[derive(Debug, Clone, Hash)]
pub struct RequestShape {
    /// What it returns, and how its answer is read.
    pub answer: Answer,
    /// Which query options it takes.
    pub query: QuerySupport,
    /// Headers with fixed values that every such request sends (in order).
    pub headers: Vec<(String, String)>,
}

/// What a request returns, and how its answer is read.
#[derive(Debug, Clone, Hash)]
pub enum Answer {
    /// The body, as its type (`decode_json`): a read, or a function's result.
    Json(BodyType),
    /// A write's body as an `Outcome` (`decode_outcome`): the body, no content, or `202 Accepted`
    /// with its `Location`.
    Outcome(BodyType),
    /// One primitive or enum value, which OData's JSON format sends wrapped,
    /// `{"@odata.context": "…", "value": true}` (`decode_value`): a function's result.
    Value(BodyType),
    /// An action's one primitive or enum value, wrapped as for [`Answer::Value`], as an `Outcome`
    /// (`decode_outcome_value`).
    OutcomeValue(BodyType),
    /// The answer's bytes, `Vec<u8>` (`decode_bytes`): a stream.
    Bytes,
    /// Nothing, `()` (`decode_empty`): any 2xx is success.
    Empty,
}

/// Which OData query options a request takes: its `Request`'s second type parameter.
#[derive(Debug, Clone, Hash)]
pub enum QuerySupport {
    /// None (`NoQuery`).
    None,
    /// Those of a collection (`ListQuery`): a function returning one.
    List,
    /// The ones its page documents: a marker of its request module.
    Marker(Ident),
}

/// A JSON body parameter of a request function or method.
#[derive(Debug, Clone, Hash)]
pub struct BodyArgument {
    /// The parameter's name (`body`, `parameters`).
    pub name: Ident,
    /// Its type.
    pub ty: BodyType,
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
