//! What identifies an operation, and the synthetic type of an operation's body, from one version
//! of the descriptions to the next: a name, never a position.
//!
//! Graph inserts operations in the middle of a type's list all the time (`chat.hideForUser` before
//! `markChatReadForUser`). Anything that is compared across versions (the change report), cached
//! (the format cache hashes the IR) or referred to (an inline body's synthetic type) by its place
//! in a list would be taken for its neighbour's. Every key is made here:
//!
//! - a documented operation (`operations` of a type) by its owner and its name, unique per owner;
//! - a bound action by its binding (the type, one entity or a collection of it) and its name: OData
//!   tells a bound action's overloads apart by the binding parameter alone;
//! - a bound function by its binding, its name and the set of its parameters' names: OData's
//!   overload rule for functions;
//! - an operation import by its name (and a function import's parameters' names);
//! - the synthetic type of a body by its operation's key and its role (`request`, `response`,
//!   `parameters`).

use std::fmt;

use crate::schema::{BindsTo, BoundOperationDescription, OperationImportDescription, OperationKind};

/// The identity of an operation: what it is, whatever its place in the list that describes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OperationKey {
    /// A documented operation (`operations` of a type): its owner's qualified name and its name.
    Documented {
        /// The qualified name of the type that has it.
        owner: String,
        /// The operation's name (`update`, `setDefaultProfile`).
        name: String,
    },
    /// An action or function bound to a type or to a collection of it.
    Bound {
        /// The qualified name of the binding type.
        owner: String,
        /// Bound to a collection of the type rather than to one entity.
        collection: bool,
        /// The name in the URL (`sendMail`).
        name: String,
        /// What tells it apart from other operations of that name and binding.
        overload: Overload,
    },
    /// An action or function import at the service root.
    Import {
        /// The name in the URL.
        name: String,
        /// What tells it apart from other imports of that name.
        overload: Overload,
    },
}

/// What tells the overloads of one operation name apart (OData's rule).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Overload {
    /// An action: its binding alone.
    Action,
    /// A function: the names of its parameters (after the binding parameter), sorted.
    Function(Vec<String>),
}

impl Overload {
    fn of(kind: OperationKind, parameters: impl Iterator<Item = String>) -> Self {
        match kind {
            OperationKind::Action => Self::Action,
            OperationKind::Function => {
                let mut names: Vec<String> = parameters.collect();
                names.sort();
                Self::Function(names)
            }
        }
    }
}

impl OperationKey {
    /// The key of the documented operation `name` of `owner`.
    pub fn documented(owner: &str, name: &str) -> Self {
        Self::Documented { owner: owner.to_owned(), name: name.to_owned() }
    }

    /// The key of `operation`, bound to `owner`.
    pub fn bound(owner: &str, operation: &BoundOperationDescription) -> Self {
        Self::Bound {
            owner: owner.to_owned(),
            collection: operation.binds_to == BindsTo::Collection,
            name: operation.name.clone(),
            overload: Overload::of(operation.kind, operation.parameters.iter().map(|p| p.name.clone())),
        }
    }

    /// The key of an operation import.
    pub fn import(import: &OperationImportDescription) -> Self {
        Self::Import {
            name: import.name.clone(),
            overload: Overload::of(import.kind, import.parameters.iter().map(|p| p.name.clone())),
        }
    }

    /// The key of the synthetic type of this operation's `role` body, in the table of resolved
    /// types: `microsoft.graph.chat/sendActivityNotification.parameters`.
    pub fn body(&self, role: super::BodyRole) -> String {
        format!("{self}.{}", role.as_str())
    }

    /// The operation's name.
    pub fn name(&self) -> &str {
        match self {
            Self::Documented { name, .. } | Self::Bound { name, .. } | Self::Import { name, .. } => name,
        }
    }

    /// The qualified name of the type it belongs to (`None` for an import).
    pub fn owner(&self) -> Option<&str> {
        match self {
            Self::Documented { owner, .. } | Self::Bound { owner, .. } => Some(owner),
            Self::Import { .. } => None,
        }
    }
}

/// `microsoft.graph.depEnrollmentProfile/setDefaultProfile` (documented),
/// `microsoft.graph.chat/sendActivityNotification` (a bound action),
/// `Collection(microsoft.graph.user)/delta()` (a function bound to a collection),
/// `microsoft.graph.reportRoot/getEmailActivityUserDetail(period)` (one overload of a function),
/// `/getSomething(a,b)` (a function import).
impl fmt::Display for OperationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (binding, name, overload) = match self {
            Self::Documented { owner, name } => return write!(f, "{owner}/{name}"),
            Self::Bound { owner, collection: false, name, overload } => (owner.clone(), name, overload),
            Self::Bound { owner, collection: true, name, overload } => (format!("Collection({owner})"), name, overload),
            Self::Import { name, overload } => (String::new(), name, overload),
        };
        write!(f, "{binding}/{name}")?;
        match overload {
            Overload::Action => Ok(()),
            Overload::Function(parameters) => write!(f, "({})", parameters.join(",")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::resolve::BodyRole;
    use crate::schema::OperationParameterDescription;

    fn bound(name: &str, kind: OperationKind, binds_to: BindsTo, parameters: &[&str]) -> BoundOperationDescription {
        BoundOperationDescription {
            name: name.to_owned(),
            kind,
            binds_to,
            parameters: parameters
                .iter()
                .map(|name| OperationParameterDescription {
                    name: (*name).to_owned(),
                    r#type: "String".to_owned(),
                    collection: false,
                    optional: false,
                    description: String::new(),
                })
                .collect(),
            returns: None,
            description: String::new(),
            composable: false,
        }
    }

    #[test]
    fn an_action_is_its_binding_and_name_whatever_its_parameters() {
        let before =
            OperationKey::bound("microsoft.graph.chat", &bound("send", OperationKind::Action, BindsTo::Entity, &["a"]));
        let after = OperationKey::bound(
            "microsoft.graph.chat",
            &bound("send", OperationKind::Action, BindsTo::Entity, &["a", "b"]),
        );
        assert_eq!(before, after, "a parameter added is a change of the action, not another action");
        assert_eq!(before.to_string(), "microsoft.graph.chat/send");
        assert_eq!(before.body(BodyRole::Parameters), "microsoft.graph.chat/send.parameters");
        let on_collection = OperationKey::bound(
            "microsoft.graph.chat",
            &bound("send", OperationKind::Action, BindsTo::Collection, &["a"]),
        );
        assert_ne!(before, on_collection);
        assert_eq!(on_collection.to_string(), "Collection(microsoft.graph.chat)/send");
    }

    #[test]
    fn a_function_overload_is_the_set_of_its_parameter_names() {
        let function = |parameters: &[&str]| {
            OperationKey::bound(
                "microsoft.graph.user",
                &bound("delta", OperationKind::Function, BindsTo::Collection, parameters),
            )
        };
        assert_eq!(function(&["b", "a"]), function(&["a", "b"]), "order does not make another overload");
        assert_ne!(function(&["token"]), function(&[]));
        assert_eq!(function(&[]).to_string(), "Collection(microsoft.graph.user)/delta()");
        assert_eq!(function(&["b", "a"]).to_string(), "Collection(microsoft.graph.user)/delta(a,b)");
    }

    #[test]
    fn documented_operations_and_imports() {
        let documented = OperationKey::documented("microsoft.graph.widget", "update");
        assert_eq!(documented.body(BodyRole::Request), "microsoft.graph.widget/update.request");
        assert_eq!(documented.owner(), Some("microsoft.graph.widget"));
        let import =
            OperationKey::Import { name: "getThing".to_owned(), overload: Overload::Function(vec!["x".into()]) };
        assert_eq!(import.to_string(), "/getThing(x)");
        assert_eq!(import.owner(), None);
        assert_eq!(import.name(), "getThing");
    }
}
