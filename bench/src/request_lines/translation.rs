//! What the translation of a request line gives: the conventions it may use, the translation
//! itself, and why a line has none.

use std::fmt;

use super::arguments::ArgumentNote;
use super::plan::Plan;

/// What the translator may know beyond the outsider's guesses (see [`super::names`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Conventions {
    /// Overloaded operations are called by the crate's documented names, which name the
    /// parameters (`get_office365_active_user_detail_with_period`).
    pub overload_names: bool,
    /// Path segments and system query options are matched case-insensitively, as Graph reads
    /// them (`/me/calendargroups`); each correction is reported.
    pub fold_case: bool,
    /// A URL with `$skiptoken` or `$deltatoken` (a page's `@odata.nextLink` or
    /// `@odata.deltaLink`) is followed as a link (`Request::next_page`, `delta_request`).
    pub follow_links: bool,
    /// A function's arguments are written as the crate's parameter types take them (an enum
    /// by `from_wire`, a date by `into`), and a placeholder (`{row}`) as a sample value.
    pub typed_arguments: bool,
    /// A structural property is addressed on its own, `.property::<T>("name")`.
    pub property_paths: bool,
}

impl Conventions {
    /// Everything the crate documents: overload names, case folding, links followed.
    pub fn documented() -> Self {
        Self { overload_names: true, fold_case: true, follow_links: true, typed_arguments: true, property_paths: true }
    }
}

/// A translated line: its plan, and the spellings the walk corrected.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// The calls.
    pub plan: Plan,
    /// `(as written, as the metadata spells it)`, for [`Conventions::fold_case`].
    pub corrections: Vec<(String, String)>,
    /// Function arguments the crate writes otherwise than the page, for
    /// [`Conventions::typed_arguments`].
    pub arguments: Vec<ArgumentNote>,
}

/// Why a line could not be translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// What kind of miss.
    pub kind: MissKind,
    /// The sentence.
    pub message: String,
}

/// The kinds of [`Miss`] a caller can tell apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MissKind {
    /// The first segment is no entity set, singleton or operation import.
    NoRoot(String),
    /// A segment names nothing on the type (qualified name) the path is at.
    NoMember {
        /// The type.
        ty: String,
        /// The segment.
        name: String,
    },
    /// A segment names a structural property of the type.
    StructuralProperty {
        /// The type.
        ty: String,
        /// The property.
        name: String,
    },
    /// `$value` of an entity that is no media entity.
    NotMedia(String),
    /// A segment after the request is made (a function's result).
    AfterRequest(String),
    /// A function's required parameter is not in the URL.
    MissingParameter(String),
    /// The request API has no call for the method where the path ends.
    NoCall,
    /// Path-based addressing (`…:/a/b:`) of what no convention addresses by a path.
    NotByPath(String),
    /// Anything else.
    Other,
}

impl Miss {
    pub(super) fn new(kind: MissKind, message: String) -> Self {
        Self { kind, message }
    }
}

impl From<String> for Miss {
    fn from(message: String) -> Self {
        Self { kind: MissKind::Other, message }
    }
}

impl From<&str> for Miss {
    fn from(message: &str) -> Self {
        message.to_owned().into()
    }
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
