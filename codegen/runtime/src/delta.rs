//! Delta queries: what a round of a delta function gives ([`DeltaResult`]: the changed items
//! and the `@odata.deltaLink` of the next round), and how a removed item is told apart
//! ([`AdditionalProperties::removed`]). The client's `send_delta` follows a round's pages.

use ::serde::Deserialize;
use ::serde::Deserializer;

use super::{AdditionalProperties, Collection, Request};

/// One round of a delta query (`/users/delta`, `/me/mailFolders/{id}/messages/delta`): every
/// item of its pages, and where the next round starts.
///
/// Removed items are among the items: a model keeps Graph's `"@removed": {"reason": …}` in its
/// `additional_properties`, read by [`AdditionalProperties::removed`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DeltaResult<T> {
    /// The items that changed (all items, on a first round), in the order of the pages.
    pub items: Vec<T>,
    /// The `@odata.deltaLink` of the last page: keep it (it is a plain URL) and send
    /// [`DeltaResult::next_round`] (or [`Request::from_link`] with the kept text) for the
    /// changes after this round.
    pub delta_link: String,
}

impl<T> DeltaResult<T> {
    /// A round as its parts.
    pub fn new(items: Vec<T>, delta_link: String) -> Self {
        Self { items, delta_link }
    }

    /// The request for the changes after this round: `request` (the first round's request, or
    /// any request of the same delta function) at [`DeltaResult::delta_link`]. Followed only on
    /// the cloud's host, as next links are.
    pub fn next_round<Q>(&self, request: &Request<Collection<T>, Q>) -> Request<Collection<T>, Q> {
        request.from_link(&self.delta_link)
    }
}

/// Graph's `@removed` annotation of an item in a delta round: the item is no longer there.
///
/// OneDrive items say it differently (a `deleted` facet, which the `DriveItem` model has).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Removed {
    /// Why, when Graph says.
    #[serde(default)]
    pub reason: Option<RemovedReason>,
}

/// Why an item of a delta round was removed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RemovedReason {
    /// `changed`: deleted and can be restored, or (for a membership) removed from the parent.
    Changed,
    /// `deleted`: deleted for good.
    Deleted,
    /// A reason this code does not know yet, kept as sent.
    Other(String),
}

impl<'de> Deserialize<'de> for RemovedReason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let reason = ::std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(match &*reason {
            "changed" => Self::Changed,
            "deleted" => Self::Deleted,
            _ => Self::Other(reason.into_owned()),
        })
    }
}

impl AdditionalProperties {
    /// The `@removed` annotation that a delta round puts on an item that is gone, if the item
    /// has one: `item.additional_properties.removed()`. A malformed annotation counts as a
    /// removal for an unknown reason, so that a removed item is never taken for a live one.
    pub fn removed(&self) -> Option<Removed> {
        match self.get_as::<Removed>("@removed")? {
            Ok(removed) => Some(removed),
            Err(error) => Some(Removed { reason: Some(RemovedReason::Other(error.to_string())) }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn properties(json: &str) -> AdditionalProperties {
        let page: Collection<::serde_json::Value> = ::serde_json::from_str(json).unwrap();
        page.additional_properties
    }

    #[test]
    fn removed_annotations_are_read_from_kept_properties() {
        let gone = properties(r#"{"value": [], "@removed": {"reason": "deleted"}}"#).removed().unwrap();
        assert_eq!(gone.reason, Some(RemovedReason::Deleted));
        let soft = properties(r#"{"value": [], "@removed": {"reason": "changed"}}"#).removed().unwrap();
        assert_eq!(soft.reason, Some(RemovedReason::Changed));
        let new = properties(r#"{"value": [], "@removed": {"reason": "archived", "x": 1}}"#).removed().unwrap();
        assert_eq!(new.reason, Some(RemovedReason::Other("archived".into())));
        assert_eq!(properties(r#"{"value": [], "@removed": {}}"#).removed().unwrap().reason, None);
        let odd = properties(r#"{"value": [], "@removed": "yes"}"#).removed().unwrap();
        assert!(matches!(odd.reason, Some(RemovedReason::Other(_))), "a malformed annotation still says removed");
        assert_eq!(properties(r#"{"value": [], "other": 1}"#).removed(), None);
    }
}
