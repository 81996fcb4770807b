use ::core::fmt;

use ::serde::ser::SerializeMap;
use ::serde::{Serialize, de::DeserializeOwned};
use ::serde_json::value::RawValue;

/// The JSON properties of an object that its description does not list, kept as raw JSON text in
/// the order they arrived, and written back unchanged.
///
/// Graph adds properties before the docs list them, and sends annotations such as
/// `@odata.etag`; keeping them here means that reading a payload and writing it back (a GET → edit
/// → PATCH round trip) loses nothing. An explicit `null` for a *documented* property is kept here
/// too (the field itself is `None`), so that it is written back as `null`; setting the field
/// takes precedence over it.
#[derive(Clone, Default)]
pub struct AdditionalProperties {
    entries: Vec<(String, Box<RawValue>)>,
}

impl AdditionalProperties {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of properties.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The raw JSON of property `name`.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.entries.iter().find(|(key, _)| key == name).map(|(_, value)| &**value)
    }

    /// Property `name` deserialized as `T`.
    pub fn get_as<T: DeserializeOwned>(&self, name: &str) -> Option<Result<T, ::serde_json::Error>> {
        self.get(name).map(|raw| ::serde_json::from_str(raw.get()))
    }

    /// Sets property `name` to `value` (serialized to JSON now), returning the previous raw value.
    pub fn insert<T: Serialize + ?Sized>(&mut self, name: impl Into<String>, value: &T) -> Result<Option<Box<RawValue>>, ::serde_json::Error> {
        Ok(self.insert_raw(name, ::serde_json::value::to_raw_value(value)?))
    }

    /// Sets property `name` to raw JSON, returning the previous raw value.
    pub fn insert_raw(&mut self, name: impl Into<String>, value: Box<RawValue>) -> Option<Box<RawValue>> {
        let name = name.into();
        match self.entries.iter_mut().find(|(key, _)| *key == name) {
            Some((_, slot)) => Some(::core::mem::replace(slot, value)),
            None => {
                self.entries.push((name, value));
                None
            }
        }
    }

    /// Sets property `name` to an explicit `null`. For a documented property whose field is
    /// `None`, that sends `null` (a PATCH that clears the property) instead of leaving it out.
    pub fn insert_null(&mut self, name: impl Into<String>) {
        self.insert_raw(name, RawValue::NULL.to_owned());
    }

    /// Removes property `name`, returning its raw value.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        let index = self.entries.iter().position(|(key, _)| key == name)?;
        Some(self.entries.remove(index).1)
    }

    /// The properties in the order they arrived.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.entries.iter().map(|(key, value)| (key.as_str(), &**value))
    }

    /// Adds a property read from the wire (no duplicate check: the payload decides).
    #[doc(hidden)]
    pub fn push(&mut self, name: String, value: Box<RawValue>) {
        self.entries.push((name, value));
    }

    /// Records that a documented property arrived as an explicit `null`.
    #[doc(hidden)]
    pub fn push_null(&mut self, name: &str) {
        self.push(name.to_owned(), RawValue::NULL.to_owned());
    }

    /// Writes the properties into `map`, skipping those that `is_set` says a field now holds.
    #[doc(hidden)]
    pub fn serialize_into<M: SerializeMap>(&self, map: &mut M, is_set: impl Fn(&str) -> bool) -> Result<(), M::Error> {
        for (key, value) in &self.entries {
            if !is_set(key) {
                map.serialize_entry(key, value)?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for AdditionalProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.entries.iter().map(|(key, value)| (key, value.get()))).finish()
    }
}

/// Equal when both hold the same properties with equal JSON values, in any order and formatting.
impl PartialEq for AdditionalProperties {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self.iter().all(|(key, value)| {
                other.get(key).is_some_and(|theirs| {
                    value.get() == theirs.get()
                        || ::serde_json::from_str::<::serde_json::Value>(value.get()).ok()
                            == ::serde_json::from_str::<::serde_json::Value>(theirs.get()).ok()
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_and_remove() {
        let mut properties = AdditionalProperties::new();
        assert!(properties.insert("a", &1).unwrap().is_none());
        assert_eq!(properties.insert("a", &[true]).unwrap().unwrap().get(), "1");
        properties.insert_raw("b", RawValue::from_string("{ \"x\" : 1 }".into()).unwrap());
        assert_eq!(properties.len(), 2);
        assert_eq!(properties.get_as::<Vec<bool>>("a").unwrap().unwrap(), [true]);
        assert_eq!(properties.iter().map(|(key, _)| key).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(properties.remove("a").unwrap().get(), "[true]");
        assert!(properties.get("a").is_none() && !properties.is_empty());
    }

    #[test]
    fn equality_ignores_order_and_formatting() {
        let mut one = AdditionalProperties::new();
        one.insert_raw("a", RawValue::from_string("{\"x\": 1, \"y\": 2}".into()).unwrap());
        one.insert("b", "text").unwrap();
        let mut two = AdditionalProperties::new();
        two.insert("b", "text").unwrap();
        two.insert_raw("a", RawValue::from_string("{\"y\":2,\"x\":1}".into()).unwrap());
        assert_eq!(one, two);
        two.insert("b", "other").unwrap();
        assert_ne!(one, two);
        assert_eq!(format!("{:?}", AdditionalProperties::new()), "{}");
    }
}
