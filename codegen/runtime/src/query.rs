//! Typed OData query options: a request's `Q` type says which options its operation supports, so
//! that only those methods (`select`, `filter`, …) exist on it; and the markers of the generic
//! requests of [`Items`](super::Items) and [`Item`](super::Item).

use super::Request;

/// Query options of an operation that supports none.
#[derive(Debug, Clone, Copy)]
pub enum NoQuery {}

macro_rules! query_options {
    ($($(#[$doc:meta])* $trait:ident;)*) => {
        $(
            $(#[$doc])*
            pub trait $trait {}
        )*
    };
}

query_options! {
    /// The operation supports `$select`.
    SupportsSelect;
    /// The operation supports `$expand`.
    SupportsExpand;
    /// The operation supports `$filter`.
    SupportsFilter;
    /// The operation supports `$orderby`.
    SupportsOrderBy;
    /// The operation supports `$top`.
    SupportsTop;
    /// The operation supports `$skip`.
    SupportsSkip;
    /// The operation supports `$count`.
    SupportsCount;
    /// The operation supports `$search`.
    SupportsSearch;
}

/// Query options of a list (`GET` on a collection) or of a function that returns a collection:
/// all of them. Which ones a particular collection supports is in the rustdoc of the method that
/// addresses it, from the metadata's capabilities; Graph answers `400` to the others.
#[derive(Debug, Clone, Copy)]
pub enum ListQuery {}

/// Query options of a read of one entity: `$select`, `$expand`, and `$count` (which Graph's docs
/// use with `$expand`, `/me?$expand=manager($levels=max)&$count=true`).
#[derive(Debug, Clone, Copy)]
pub enum GetQuery {}

/// Query options of `$count` on a collection: `$filter` and `$search`.
#[derive(Debug, Clone, Copy)]
pub enum CountQuery {}

macro_rules! supports {
    ($marker:ident: $($trait:ident),*) => {
        $(impl $trait for $marker {})*
    };
}

supports!(ListQuery: SupportsSelect, SupportsExpand, SupportsFilter, SupportsOrderBy, SupportsTop, SupportsSkip, SupportsCount, SupportsSearch);
supports!(GetQuery: SupportsSelect, SupportsExpand, SupportsCount);
supports!(CountQuery: SupportsFilter, SupportsSearch);

fn join<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> String {
    items.into_iter().map(|item| item.as_ref().to_owned()).collect::<Vec<_>>().join(",")
}

impl<T, Q: SupportsSelect> Request<T, Q> {
    /// `$select`: only these properties (wire names, such as `displayName`).
    pub fn select<I: IntoIterator<Item = S>, S: AsRef<str>>(self, properties: I) -> Self {
        self.set_query("$select", join(properties))
    }
}

impl<T, Q: SupportsExpand> Request<T, Q> {
    /// `$expand`: include these relationships.
    pub fn expand<I: IntoIterator<Item = S>, S: AsRef<str>>(self, relationships: I) -> Self {
        self.set_query("$expand", join(relationships))
    }
}

impl<T, Q: SupportsFilter> Request<T, Q> {
    /// `$filter`: an OData filter expression, such as `displayName eq 'Lab iPads'`.
    pub fn filter(self, expression: &str) -> Self {
        self.set_query("$filter", expression.to_owned())
    }
}

impl<T, Q: SupportsOrderBy> Request<T, Q> {
    /// `$orderby`: sort keys, such as `displayName desc`.
    pub fn order_by<I: IntoIterator<Item = S>, S: AsRef<str>>(self, keys: I) -> Self {
        self.set_query("$orderby", join(keys))
    }
}

impl<T, Q: SupportsTop> Request<T, Q> {
    /// `$top`: at most this many items per page.
    pub fn top(self, count: u32) -> Self {
        self.set_query("$top", count.to_string())
    }
}

impl<T, Q: SupportsSkip> Request<T, Q> {
    /// `$skip`: skip this many items.
    pub fn skip(self, count: u32) -> Self {
        self.set_query("$skip", count.to_string())
    }
}

impl<T, Q: SupportsCount> Request<T, Q> {
    /// `$count`: include the total count (`@odata.count`). On directory objects Graph needs
    /// [`Request::eventual_consistency`] with it.
    pub fn count(self, include: bool) -> Self {
        self.set_query("$count", include.to_string())
    }
}

impl<T, Q: SupportsSearch> Request<T, Q> {
    /// `$search`: a search expression, such as `"displayName:Lab"` (with its quotes). On
    /// directory objects Graph needs [`Request::eventual_consistency`] with it.
    pub fn search(self, expression: &str) -> Self {
        self.set_query("$search", expression.to_owned())
    }
}
