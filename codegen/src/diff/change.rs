//! The model of a change report: every check has a stable id, a level and a sentence.

use serde::Serialize;

/// How a change affects code that depends on the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Code compiled against the old crate may no longer compile, or a request goes elsewhere.
    Breaking,
    /// Something new; code written against the old crate still compiles (the generated structs
    /// and enums are `#[non_exhaustive]`).
    Additive,
    /// Only documentation changes: descriptions, permissions, links, examples.
    Documentation,
}

impl Level {
    /// Every level, most severe first.
    pub const ALL: [Level; 3] = [Level::Breaking, Level::Additive, Level::Documentation];

    /// `breaking`, `additive` or `documentation`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Breaking => "breaking",
            Level::Additive => "additive",
            Level::Documentation => "documentation",
        }
    }

    /// The level named `name` (as [`Level::as_str`] writes it).
    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.as_str() == name)
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! checks {
    ($($(#[doc = $doc:literal])* $variant:ident = $id:literal, $level:ident;)*) => {
        /// One kind of change the report detects. Its [`id`](Check::id) is stable: tools and
        /// reviewers may match on it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Check {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Check {
            /// Every check, in the order of the table in the module docs.
            pub const ALL: &[Check] = &[$(Check::$variant),*];

            /// The stable id, such as `property-removed`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Check::$variant => $id,)*
                }
            }

            /// How the change affects downstream code.
            pub fn level(self) -> Level {
                match self {
                    $(Check::$variant => Level::$level,)*
                }
            }
        }
    };
}

checks! {
    /// A type is no longer described: its struct or enum is gone.
    TypeRemoved = "type-removed", Breaking;
    /// A type changed between enum and struct.
    TypeKindChanged = "type-kind-changed", Breaking;
    /// A struct's base type changed: inherited fields and the base's `Any…` enum change.
    BaseTypeChanged = "base-type-changed", Breaking;
    /// An enum became a flags enum or the reverse (`E` ↔ `Flags<E>` in every field using it).
    EnumFlagsChanged = "enum-flags-changed", Breaking;
    /// A property is gone from a struct.
    PropertyRemoved = "property-removed", Breaking;
    /// A property's type changed.
    PropertyTypeChanged = "property-type-changed", Breaking;
    /// A property became a collection or stopped being one.
    PropertyCollectionChanged = "property-collection-changed", Breaking;
    /// An enum member is gone.
    EnumMemberRemoved = "enum-member-removed", Breaking;
    /// An enum member is gone and another with the same value appeared.
    EnumMemberRenamed = "enum-member-renamed", Breaking;
    /// A Rust identifier changed for a type, field or variant that is still there (case
    /// conversion or a name collision resolved differently).
    RustNameChanged = "rust-name-changed", Breaking;
    /// A namespace's cargo feature is gone.
    FeatureRemoved = "feature-removed", Breaking;
    /// An operation (a request function) is gone.
    OperationRemoved = "operation-removed", Breaking;
    /// An operation's HTTP method changed.
    OperationMethodChanged = "operation-method-changed", Breaking;
    /// An operation's path changed: the request goes elsewhere.
    OperationPathChanged = "operation-path-changed", Breaking;
    /// An operation's path parameters (the request function's arguments) changed.
    OperationParametersChanged = "operation-parameters-changed", Breaking;
    /// An operation's request body changed type.
    OperationBodyChanged = "operation-body-changed", Breaking;
    /// An operation's response changed type.
    OperationResponseChanged = "operation-response-changed", Breaking;
    /// An operation's success status changed: the old status is now an unexpected one.
    OperationStatusChanged = "operation-status-changed", Breaking;
    /// A query option method is gone from a request.
    QueryOptionRemoved = "query-option-removed", Breaking;
    /// The API version in every URL changed.
    ApiVersionChanged = "api-version-changed", Breaking;
    /// A new type.
    TypeAdded = "type-added", Additive;
    /// A new type derived from a type that was there: a new variant of the base's `Any…` enum.
    DerivedTypeAdded = "derived-type-added", Additive;
    /// A base type was inserted above a type: every old base is still a base, so only fields and
    /// `Any…` variants are added.
    BaseTypeInserted = "base-type-inserted", Additive;
    /// A new property.
    PropertyAdded = "property-added", Additive;
    /// A new enum member.
    EnumMemberAdded = "enum-member-added", Additive;
    /// A new namespace feature.
    FeatureAdded = "feature-added", Additive;
    /// A new operation.
    OperationAdded = "operation-added", Additive;
    /// A new query option method on a request.
    QueryOptionAdded = "query-option-added", Additive;
    /// A type's description changed.
    TypeDescriptionChanged = "type-description-changed", Documentation;
    /// The pages a type was taken from changed.
    TypeSourcesChanged = "type-sources-changed", Documentation;
    /// Entity ↔ complex, or abstract or not: only the generated docs say it.
    TypeTraitsChanged = "type-traits-changed", Documentation;
    /// A property's description changed.
    PropertyDescriptionChanged = "property-description-changed", Documentation;
    /// A property's nullability or navigation flag changed: every field is an `Option`, so only
    /// its docs change.
    PropertyTraitsChanged = "property-traits-changed", Documentation;
    /// An enum member's description or numeric value changed (the wire value is its name).
    EnumMemberDocsChanged = "enum-member-docs-changed", Documentation;
    /// An operation's description changed.
    OperationDescriptionChanged = "operation-description-changed", Documentation;
    /// An operation's permissions changed.
    OperationPermissionsChanged = "operation-permissions-changed", Documentation;
    /// An operation's source page, examples or documented headers changed.
    OperationDocsChanged = "operation-docs-changed", Documentation;
}

/// One detected change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// What was checked.
    #[serde(serialize_with = "serialize_check", rename = "id")]
    pub check: Check,
    /// The qualified name of the type (or `service`, or `feature`) the change is about.
    pub subject: String,
    /// One sentence naming the type, property, member, operation or feature.
    pub message: String,
}

fn serialize_check<S: serde::Serializer>(check: &Check, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(check.id())
}

impl Change {
    /// A change of `check` about `subject`.
    pub fn new(check: Check, subject: impl Into<String>, message: impl Into<String>) -> Self {
        Self { check, subject: subject.into(), message: message.into() }
    }

    /// The change's level.
    pub fn level(&self) -> Level {
        self.check.level()
    }
}

/// Every change between two descriptions of an API, sorted by level, subject and check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// What the old side was read from.
    pub old: String,
    /// What the new side was read from.
    pub new: String,
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// A report of `changes`, sorted.
    pub fn new(old: impl Into<String>, new: impl Into<String>, mut changes: Vec<Change>) -> Self {
        changes.sort_by(|a, b| {
            (a.level(), &a.subject, a.check, &a.message).cmp(&(b.level(), &b.subject, b.check, &b.message))
        });
        changes.dedup();
        Self { old: old.into(), new: new.into(), changes }
    }

    /// The changes of one level.
    pub fn at(&self, level: Level) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |change| change.level() == level)
    }

    /// How many changes there are of `level`.
    pub fn count(&self, level: Level) -> usize {
        self.at(level).count()
    }

    /// Whether any change is at `level` or more severe (`Breaking` is the most severe).
    pub fn has_at_least(&self, level: Level) -> bool {
        self.changes.iter().any(|change| change.level() <= level)
    }

    /// `3 breaking, 12 additive, 40 documentation`.
    pub fn summary(&self) -> String {
        let counts: Vec<String> = Level::ALL.iter().map(|level| format!("{} {level}", self.count(*level))).collect();
        counts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut ids: Vec<&str> = Check::ALL.iter().map(|check| check.id()).collect();
        assert!(ids.iter().all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }

    #[test]
    fn a_report_sorts_breaking_first_and_gates_by_level() {
        let report = Report::new(
            "a",
            "b",
            vec![Change::new(Check::PropertyAdded, "x", "added"), Change::new(Check::TypeRemoved, "y", "removed")],
        );
        assert_eq!(report.changes[0].check, Check::TypeRemoved);
        assert_eq!(report.summary(), "1 breaking, 1 additive, 0 documentation");
        assert!(report.has_at_least(Level::Breaking));
        let additive = Report::new("a", "b", vec![Change::new(Check::PropertyAdded, "x", "added")]);
        assert!(!additive.has_at_least(Level::Breaking));
        assert!(additive.has_at_least(Level::Additive));
    }
}
