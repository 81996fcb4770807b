//! How the generated crate addresses Graph's resources: the methods each entity type adds to the
//! runtime's path builders (`Item<T>`, `Items<T>`), and the entry points of `requests` (entity
//! sets, singletons, operation imports).

use super::{BodyArgument, Cfg, Constant, Docs, Ident, RequestShape, TypePath, ValueType};

/// What one entity type adds to the runtime's path builders: the struct of its requests
/// (`UserRequests`), which `Item<T>` and `Items<T>` dereference to (`runtime::Addressable`),
/// with one `impl` of the methods on one entity (its navigation properties, streams and the
/// operations bound to it) and one of those on a collection (alternate keys and the operations
/// bound to collections of it). Inherited navigations and operations are included.
#[derive(Debug, Clone, Hash)]
pub struct Addressing {
    /// The struct's name (`UserRequests`).
    pub name: Ident,
    /// Its documentation: what it is and how it is reached.
    pub docs: Docs,
    /// Methods on one entity (`Item<T>`).
    pub item: Vec<PathMethod>,
    /// Methods on a collection (`Items<T>`).
    pub items: Vec<PathMethod>,
}

/// One generated method of a path builder.
#[derive(Debug, Clone, Hash)]
pub struct PathMethod {
    /// The method's name.
    pub name: Ident,
    /// The features that compile it, when fewer than its type's (a navigation to a type of
    /// another workload).
    pub cfg: Option<Cfg>,
    /// Its documentation.
    pub docs: Docs,
    /// What it does.
    pub kind: PathMethodKind,
}

/// What a path builder method does.
#[derive(Debug, Clone, Hash)]
pub enum PathMethodKind {
    /// A navigation property: the builder of its target.
    Navigation {
        /// The property's name in the URL.
        segment: String,
        /// The target entity type.
        target: TypePath,
        /// Whether it is a collection.
        collection: bool,
        /// What the service allows through it.
        caps: Caps,
    },
    /// A stream (`…/content`, `…/$value`).
    Stream {
        /// The segment.
        segment: String,
    },
    /// An alternate key: `by_app_id(…)` → `…(appId='…')`.
    AlternateKey {
        /// The key's properties: name in the URL and argument.
        parts: Vec<(String, Ident)>,
    },
    /// An entity by its path (OneDrive's and SharePoint's path-based addressing): below this
    /// entity, `item_by_path(path)` → `…:/{path}:`; or, with `host`, a member of this collection
    /// by a host name and a path on it, `by_path(hostname, path)` → `…/{hostname}:/{path}:`.
    ByPath {
        /// A member of the collection by host name and path, rather than an entity below this one.
        host: bool,
    },
    /// A bound action or function (boxed: it is much larger than the other kinds).
    Call(Box<Call>),
}

/// An action or function call.
#[derive(Debug, Clone, Hash)]
pub struct Call {
    /// What operation it is (binding, name, overload: `microsoft.graph.user/delta()`), for tools
    /// that compare two versions of a crate; emit does not use it.
    pub operation: String,
    /// The qualified name of the type it is bound to, which derived types inherit it from
    /// (`None` for an import).
    pub bound_to: Option<String>,
    /// Its name in the URL.
    pub segment: String,
    /// A function or an action, with what each takes.
    pub kind: CallKind,
    /// What it returns, which query options it takes and the headers it sends.
    pub shape: RequestShape,
}

/// What a call is, and what it takes.
#[derive(Debug, Clone, Hash)]
pub enum CallKind {
    /// `GET …/name(…)` (success `200`): a function, its required parameters as arguments
    /// written in the URL.
    Function {
        /// The arguments.
        arguments: Vec<Argument>,
        /// For a composable function whose result is an entity (or entities): the builder of
        /// that result, which the method returns instead of a request, so that the path goes on
        /// (`…/range(address='A1:B2')/format/font`) and `get` reads the result.
        composed: Option<Composed>,
    },
    /// `POST …/name`: an action, its parameters (if it has any) as the struct of its JSON body.
    Action {
        /// The parameters struct, as the method's argument.
        body: Option<BodyArgument>,
        /// The success status: `200` with a result, `204` without.
        success_status: u16,
    },
}

/// The result of a composable function, addressed like a navigation's target.
#[derive(Debug, Clone, Hash)]
pub struct Composed {
    /// The entity type of the result.
    pub target: TypePath,
    /// Whether the result is a collection (`Items`), else one entity (`Item`).
    pub collection: bool,
    /// What the builder allows: the metadata says nothing of a function's result, so OData's
    /// defaults (create, update and delete allowed; no references).
    pub caps: Caps,
}

/// A required parameter of a function, as a Rust argument.
#[derive(Debug, Clone, Hash)]
pub struct Argument {
    /// The argument's name.
    pub name: Ident,
    /// The parameter's name on the wire.
    pub wire_name: String,
    /// How the argument is passed.
    pub ty: ArgumentType,
}

/// How a function's argument is passed (written as an OData literal in the URL).
#[derive(Debug, Clone, Hash)]
pub enum ArgumentType {
    /// `&str`.
    Str,
    /// By value: numbers, booleans, dates and other wire-text values, enums, flags enums
    /// (`Flags<E>`, one quoted literal).
    Value(ValueType),
    /// `&[&str]`: a collection of strings, written as a JSON array.
    StrSlice,
}

/// What the service allows on a path, as the builders' `Allow<…>` argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Caps {
    /// Members can be created (only ever `true` on a collection).
    pub create: bool,
    /// It can be updated.
    pub update: bool,
    /// It can be deleted.
    pub delete: bool,
    /// It is a non-containment navigation: references can be added and removed.
    pub reference: bool,
}

/// The `requests` module of a crate whose service is described: its API version, its entry
/// points and its operation imports.
#[derive(Debug, Clone, Hash)]
pub struct Service {
    /// `API_VERSION`.
    pub api_version: Constant,
    /// An entry point per entity set and singleton.
    pub roots: Vec<Root>,
    /// A function per operation import.
    pub imports: Vec<Import>,
}

/// `requests::users()`: the builder of an entity set or singleton.
#[derive(Debug, Clone, Hash)]
pub struct Root {
    /// The function's name.
    pub name: Ident,
    /// Its documentation.
    pub docs: Docs,
    /// The features that compile it.
    pub cfg: Option<Cfg>,
    /// Its name in the URL.
    pub segment: String,
    /// Its entity type.
    pub target: TypePath,
    /// A singleton (an `Item`) rather than an entity set (`Items`).
    pub singleton: bool,
    /// What the service allows on it.
    pub caps: Caps,
}

/// `requests::foo(…)`: an operation import.
#[derive(Debug, Clone, Hash)]
pub struct Import {
    /// The function's name.
    pub name: Ident,
    /// Its documentation.
    pub docs: Docs,
    /// The features that compile it.
    pub cfg: Option<Cfg>,
    /// The call.
    pub call: Call,
}
