//! The model of a change report: every check has a stable id, a level and a sentence.

use serde::Serialize;

/// How a change affects code that depends on the generated crate, judged by what the compiler
/// sees: a level is never a guess about what users might do with the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Code compiled against the old crate may no longer compile: an item it can name is gone or
    /// has another type, name or signature.
    Breaking,
    /// Code still compiles, but a request it builds may now mean something else or be refused:
    /// another URL, a parameter the service no longer takes or now requires, another success
    /// status.
    Warning,
    /// Something new; code written against the old crate still compiles (the generated structs
    /// and enums are `#[non_exhaustive]`).
    Additive,
    /// Only the generated documentation changes: descriptions, pages, what a navigation is.
    Documentation,
}

impl Level {
    /// Every level, most severe first.
    pub const ALL: [Level; 4] = [Level::Breaking, Level::Warning, Level::Additive, Level::Documentation];

    /// `breaking`, `warning`, `additive` or `documentation`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Breaking => "breaking",
            Level::Warning => "warning",
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
            /// Every check, by level, in the order of the table in the module docs.
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

            /// What the check finds, in one sentence (its documentation).
            pub fn describe(self) -> &'static str {
                match self {
                    $(Check::$variant => concat!($($doc),*).trim_ascii(),)*
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
    /// A Rust identifier changed for an item that is still there: a type, field, variant,
    /// derived-type variant, path builder method, entry point or parameters struct (case
    /// conversion, or a name collision resolved differently).
    RustNameChanged = "rust-name-changed", Breaking;
    /// A cargo feature is gone.
    FeatureRemoved = "feature-removed", Breaking;
    /// A cargo feature alone no longer compiles items it compiled before (a type, field, variant
    /// or method that is still generated, now behind another feature).
    FeatureNarrowed = "feature-narrowed", Breaking;
    /// A documented operation (a request function) is gone.
    OperationRemoved = "operation-removed", Breaking;
    /// A documented operation's method changed between `GET` and a write, so its result changes
    /// between `T` and `Outcome<T>`.
    OperationOutcomeChanged = "operation-outcome-changed", Breaking;
    /// A documented operation's path parameters (the request function's arguments) changed.
    OperationParametersChanged = "operation-parameters-changed", Breaking;
    /// A documented operation's request body changed type.
    OperationBodyChanged = "operation-body-changed", Breaking;
    /// A documented operation's response changed type.
    OperationResponseChanged = "operation-response-changed", Breaking;
    /// A query option method is gone from a request.
    QueryOptionRemoved = "query-option-removed", Breaking;
    /// An entity set is gone: its entry point in `requests` is gone.
    EntitySetRemoved = "entity-set-removed", Breaking;
    /// A singleton is gone: its entry point in `requests` is gone.
    SingletonRemoved = "singleton-removed", Breaking;
    /// An entity set or singleton now holds another entity type, or changed between the two.
    RootChanged = "root-changed", Breaking;
    /// A bound action or function is gone: its method of `Item<T>` or `Items<T>` is gone.
    BoundOperationRemoved = "bound-operation-removed", Breaking;
    /// An action or function import is gone: its function in `requests` is gone.
    OperationImportRemoved = "operation-import-removed", Breaking;
    /// An action's or function's result changed type, collection-ness or stream-ness.
    CallReturnChanged = "call-return-changed", Breaking;
    /// A function's required parameters, its method's arguments, changed: one added, removed,
    /// made required or optional, reordered or given another type.
    CallArgumentsChanged = "call-arguments-changed", Breaking;
    /// An action's parameter is gone: a field of its parameters struct is gone.
    CallParameterRemoved = "call-parameter-removed", Breaking;
    /// An action's parameter changed type or collection-ness: a field of its parameters struct
    /// changed type.
    CallParameterTypeChanged = "call-parameter-type-changed", Breaking;
    /// The service no longer allows something on a path (create, update, delete, or `$ref`),
    /// so the builder's method for it no longer compiles there.
    CapabilityRemoved = "capability-removed", Breaking;
    /// An alternate key is gone: its `by_…` method of `Items<T>` is gone.
    AlternateKeyRemoved = "alternate-key-removed", Breaking;
    /// An entity type is no longer a media entity: its `value()` stream method is gone.
    StreamRemoved = "stream-removed", Breaking;
    /// A way of addressing an entity type by a path is gone: its `item_by_path` or `by_path`
    /// method is gone.
    PathAddressingRemoved = "path-addressing-removed", Breaking;
    /// A path builder method, entry point or import function of the old crate is gone although
    /// its operation is still described: the generator can no longer express it.
    MethodNoLongerGenerated = "method-no-longer-generated", Breaking;
    /// A documented operation's HTTP method changed within reads or within writes: the same Rust
    /// code sends another request.
    OperationMethodChanged = "operation-method-changed", Warning;
    /// A documented operation's path changed while its parameters did not: the same Rust code
    /// sends the request elsewhere.
    OperationPathChanged = "operation-path-changed", Warning;
    /// A documented operation's success status changed (any 2xx is success, so only its docs
    /// and `success_status()` change).
    OperationStatusChanged = "operation-status-changed", Warning;
    /// The API version in every URL changed.
    ApiVersionChanged = "api-version-changed", Warning;
    /// A function's optional parameter is gone or changed type: it is set by name with
    /// `Request::parameter`, so code still compiles, but the service may refuse the request.
    CallOptionChanged = "call-option-changed", Warning;
    /// An action's parameter became required: code still compiles, but a request without it
    /// may now be refused.
    CallParameterRequired = "call-parameter-required", Warning;
    /// An operation the descriptions now have is not generated (the warning at generation says
    /// why).
    OperationNotGenerated = "operation-not-generated", Warning;
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
    /// A new cargo feature.
    FeatureAdded = "feature-added", Additive;
    /// A new documented operation.
    OperationAdded = "operation-added", Additive;
    /// A new query option method on a request.
    QueryOptionAdded = "query-option-added", Additive;
    /// A new entity set: a new entry point in `requests`.
    EntitySetAdded = "entity-set-added", Additive;
    /// A new singleton: a new entry point in `requests`.
    SingletonAdded = "singleton-added", Additive;
    /// A new action or function bound to a type that was there: a new method of its builder.
    BoundOperationAdded = "bound-operation-added", Additive;
    /// A new action or function import: a new function in `requests`.
    OperationImportAdded = "operation-import-added", Additive;
    /// An action's new parameter (a new field of its parameters struct), or a function's new
    /// optional parameter (set with `Request::parameter`).
    CallParameterAdded = "call-parameter-added", Additive;
    /// The service now allows something more on a path: a builder method that compiles there.
    CapabilityAdded = "capability-added", Additive;
    /// A new alternate key: a new `by_…` method of `Items<T>`.
    AlternateKeyAdded = "alternate-key-added", Additive;
    /// An entity type became a media entity: a new `value()` stream method.
    StreamAdded = "stream-added", Additive;
    /// An entity type can be addressed by a path: a new `item_by_path` or `by_path` method.
    PathAddressingAdded = "path-addressing-added", Additive;
    /// A type's description changed.
    TypeDescriptionChanged = "type-description-changed", Documentation;
    /// The documentation pages a type links to changed.
    TypeSourcesChanged = "type-sources-changed", Documentation;
    /// Entity ↔ complex, or abstract or not: only the generated docs say it.
    TypeTraitsChanged = "type-traits-changed", Documentation;
    /// A property's description changed.
    PropertyDescriptionChanged = "property-description-changed", Documentation;
    /// A property became a navigation property or stopped being one, or a navigation's
    /// containment changed without changing what its builder allows: every field is an
    /// `Option`, so only its docs change.
    PropertyTraitsChanged = "property-traits-changed", Documentation;
    /// An enum member's description changed.
    EnumMemberDocsChanged = "enum-member-docs-changed", Documentation;
    /// A documented operation's description changed.
    OperationDescriptionChanged = "operation-description-changed", Documentation;
    /// A documented operation's permissions changed.
    OperationPermissionsChanged = "operation-permissions-changed", Documentation;
    /// A documented operation's page, documented headers, parameter docs or parameter names
    /// changed.
    OperationDocsChanged = "operation-docs-changed", Documentation;
    /// An entity set's or singleton's description changed.
    RootDocsChanged = "root-docs-changed", Documentation;
    /// An action's or function's description, its parameters' descriptions, or whether an
    /// action's parameter is optional changed.
    CallDocsChanged = "call-docs-changed", Documentation;
    /// What a path says it supports of `$filter`, `$search`, `$count`, `$orderby`, `$expand`,
    /// `$top` or `$skip` changed: its docs name what the metadata says it does not support.
    QueryCapabilityChanged = "query-capability-changed", Documentation;
}

/// One detected change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// What was checked.
    #[serde(serialize_with = "serialize_check", rename = "id")]
    pub check: Check,
    /// What the change is about: a type's qualified name, an operation's key
    /// (`microsoft.graph.chat/sendActivityNotification`), a path (`/users`), `service` or
    /// `features`.
    pub subject: String,
    /// One sentence naming the type, property, member, operation or feature.
    pub message: String,
    /// For a breaking change, the items of the old crate that code can no longer name or call as
    /// it did, as Rust paths (`models::User::display_name`, `models::ChatRequests::send`), where
    /// the generator knows them: what a reviewer (or `cargo semver-checks`) finds broken.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rust: Vec<String>,
    /// For a breaking change of a crate with features: the features with which, alone, one of
    /// those items compiles, whose users it breaks (empty: every user, or no features).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
}

fn serialize_check<S: serde::Serializer>(check: &Check, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(check.id())
}

impl Change {
    /// A change of `check` about `subject`.
    pub fn new(check: Check, subject: impl Into<String>, message: impl Into<String>) -> Self {
        Self { check, subject: subject.into(), message: message.into(), rust: Vec::new(), features: Vec::new() }
    }

    /// The change, breaking the users of these features alone.
    pub fn for_features(mut self, features: Vec<String>) -> Self {
        self.features = features;
        self
    }

    /// The change, naming the Rust items of the old crate it breaks.
    pub fn breaks(mut self, rust: Vec<String>) -> Self {
        self.rust = rust;
        self
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

    /// `3 breaking, 0 warning, 12 additive, 40 documentation`.
    pub fn summary(&self) -> String {
        let counts: Vec<String> = Level::ALL.iter().map(|level| format!("{} {level}", self.count(*level))).collect();
        counts.join(", ")
    }

    /// How many changes each check found, most severe level first, then by id; checks that
    /// found nothing are left out. The shape of an update, before the tables.
    pub fn counts_by_check(&self) -> Vec<(Check, usize)> {
        let mut counts: std::collections::BTreeMap<(Level, &str, Check), usize> = std::collections::BTreeMap::new();
        for change in &self.changes {
            *counts.entry((change.level(), change.check.id(), change.check)).or_default() += 1;
        }
        counts.into_iter().map(|((_, _, check), count)| (check, count)).collect()
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
    fn checks_are_listed_by_level_and_described() {
        let levels: Vec<Level> = Check::ALL.iter().map(|check| check.level()).collect();
        assert!(levels.is_sorted(), "the table lists breaking checks first, then warnings, additive, documentation");
        assert!(Check::ALL.iter().all(|check| check.describe().ends_with('.') && !check.describe().contains("\n\n")));
    }

    #[test]
    fn counts_by_check_go_by_level_then_id() {
        let report = Report::new(
            "a",
            "b",
            vec![
                Change::new(Check::PropertyAdded, "x", "added"),
                Change::new(Check::PropertyAdded, "y", "added"),
                Change::new(Check::TypeRemoved, "y", "removed"),
                Change::new(Check::OperationStatusChanged, "z", "status"),
            ],
        );
        assert_eq!(
            report.counts_by_check(),
            [(Check::TypeRemoved, 1), (Check::OperationStatusChanged, 1), (Check::PropertyAdded, 2)]
        );
    }

    #[test]
    fn a_report_sorts_breaking_first_and_gates_by_level() {
        let report = Report::new(
            "a",
            "b",
            vec![Change::new(Check::PropertyAdded, "x", "added"), Change::new(Check::TypeRemoved, "y", "removed")],
        );
        assert_eq!(report.changes[0].check, Check::TypeRemoved);
        assert_eq!(report.summary(), "1 breaking, 0 warning, 1 additive, 0 documentation");
        assert!(report.has_at_least(Level::Breaking));
        let additive = Report::new("a", "b", vec![Change::new(Check::PropertyAdded, "x", "added")]);
        assert!(!additive.has_at_least(Level::Breaking));
        assert!(additive.has_at_least(Level::Additive));
    }
}
