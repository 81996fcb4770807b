//! The part of the description format that says how Graph's resources are addressed: the entity
//! sets and singletons at the service root, the actions and functions bound to types or
//! imported at the root, and what the service allows on each (capabilities).
//!
//! The metadata importer fills these in from the `EntityContainer`, the `Action` and `Function`
//! elements and the `Org.OData.Capabilities.V1` annotations; they are optional everywhere, so a
//! description without them stays valid.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::is_false;

/// An entity set or singleton: a resource addressable from the service root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RootDescription {
    /// The name in the URL (`users`, `me`).
    pub name: String,
    /// The entity type of its members (entity set) or of itself (singleton), by qualified name
    /// (`microsoft.graph.user`).
    pub r#type: String,
    /// The documented description (markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// What the service allows on it; absent means the OData defaults (everything).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<CapabilitiesDescription>,
}

/// A way of addressing an entity by a path rather than by its id: documented Graph behaviour
/// (OneDrive's and SharePoint's path-based addressing) that the metadata does not describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum PathAddressing {
    /// An entity by its path below another of its type: `…/root:/FolderA/FileB.txt:` and
    /// `…/items/{parent-id}:/{file-name}:` (drive items). The closing `:` is written only when
    /// more of the path follows (`…:/content`).
    BelowItem,
    /// An entity of a collection by a host name and a path on that host:
    /// `/sites/{hostname}:/{server-relative-path}:` (SharePoint sites).
    HostAndPath,
}

/// Whether an operation is an action or a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum OperationKind {
    /// An action: `POST`, parameters in a JSON body, may change things.
    Action,
    /// A function: `GET`, parameters in the URL (`f(a='x',b=1)`), changes nothing.
    Function,
}

/// What a bound operation is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum BindsTo {
    /// One entity of the type (`/users/{id}/sendMail`).
    Entity,
    /// A collection of the type (`/users/delta()`).
    Collection,
}

/// An action or function bound to a type: called on a path that addresses the type (or a
/// collection of it), as `…/{name}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BoundOperationDescription {
    /// The name in the URL (`sendMail`, `delta`).
    pub name: String,
    /// Action or function.
    pub kind: OperationKind,
    /// Whether it is bound to one entity or to a collection.
    pub binds_to: BindsTo,
    /// The parameters after the binding parameter, in metadata order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<OperationParameterDescription>,
    /// What it returns; absent for an action that returns nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<ReturnDescription>,
    /// The documented description (markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Whether the function's result can be addressed further (`IsComposable`): more segments
    /// or query options after the call. Functions only.
    #[serde(default, skip_serializing_if = "is_false")]
    pub composable: bool,
}

/// An unbound action or function addressable from the service root (an action or function
/// import).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct OperationImportDescription {
    /// The name in the URL (the import's name).
    pub name: String,
    /// Action or function.
    pub kind: OperationKind,
    /// The parameters, in metadata order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<OperationParameterDescription>,
    /// What it returns; absent for an action that returns nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<ReturnDescription>,
    /// The documented description (markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Whether the function's result can be addressed further (`IsComposable`). Functions only.
    #[serde(default, skip_serializing_if = "is_false")]
    pub composable: bool,
}

/// A parameter of an action (a property of its JSON body) or function (a name in its URL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct OperationParameterDescription {
    /// The parameter's name.
    pub name: String,
    /// Its type, written as a property's type is (a primitive, or a described type by name or
    /// qualified name).
    pub r#type: String,
    /// Whether it is a collection of `type`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub collection: bool,
    /// Whether it may be left out (`Core.OptionalParameter`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// The documented description (markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// What an action or function returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ReturnDescription {
    /// The type, written as a property's type is.
    pub r#type: String,
    /// Whether it is a collection of `type` (`{"value": [...]}`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub collection: bool,
}

/// What the service allows on a collection or entity, from the `Org.OData.Capabilities.V1`
/// annotations. Every field is optional: absent means the metadata does not say, and the OData
/// default (allowed) applies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CapabilitiesDescription {
    /// Members can be created with `POST` (`InsertRestrictions/Insertable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insertable: Option<bool>,
    /// Members can be changed with `PATCH` (`UpdateRestrictions/Updatable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updatable: Option<bool>,
    /// Members can be deleted (`DeleteRestrictions/Deletable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletable: Option<bool>,
    /// It can be read at all (`ReadRestrictions/Readable`; a navigation with `Navigability`
    /// `None` cannot).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readable: Option<bool>,
    /// References can be added and removed (`…/$ref`; `NavigationRestrictions/Referenceable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referenceable: Option<bool>,
    /// `$count` is supported (`CountRestrictions/Countable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countable: Option<bool>,
    /// `$search` is supported (`SearchRestrictions/Searchable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub searchable: Option<bool>,
    /// `$filter` is supported (`FilterRestrictions/Filterable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filterable: Option<bool>,
    /// `$orderby` is supported (`SortRestrictions/Sortable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sortable: Option<bool>,
    /// `$expand` is supported (`ExpandRestrictions/Expandable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expandable: Option<bool>,
    /// `$select` is supported (`SelectSupport/Supported`, `SelectRestrictions/Selectable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selectable: Option<bool>,
    /// `$top` is supported (`TopSupported`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_supported: Option<bool>,
    /// `$skip` is supported (`SkipSupported`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_supported: Option<bool>,
    /// Reads take a `ConsistencyLevel` header (`ReadRestrictions/CustomHeaders`): `true` when
    /// the metadata says it is required, `false` when it is optional (Graph's advanced queries,
    /// `$search` and `$count`, need `ConsistencyLevel: eventual`); absent when not named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consistency_level: Option<bool>,
}

impl CapabilitiesDescription {
    /// Whether the metadata says nothing.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
