use ::core::fmt;
use ::core::marker::PhantomData;

use ::serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::AdditionalProperties;

/// What the generated model structs implement so that one generic, allocation-free visitor can
/// deserialize them: documented keys are matched to a field index, unknown keys are kept.
///
/// Not meant to be implemented by hand.
pub trait Object: Default {
    /// The qualified OData name, for error messages.
    const QUALIFIED_NAME: &'static str;

    /// The index of the field for a documented JSON key.
    fn field_index(key: &str) -> Option<u16>;

    /// Reads the value of field `index` from `map`.
    fn read_field<'de, A: MapAccess<'de>>(&mut self, index: u16, map: &mut A) -> Result<(), A::Error>;

    /// The properties that the description does not know.
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties;
}

/// Deserializes any [`Object`] from a JSON object.
#[doc(hidden)]
pub fn deserialize_object<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Reads one documented property: a value sets the field, an explicit `null` clears it and is
/// remembered so that it is written back.
#[doc(hidden)]
pub fn read_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    field: &mut Option<T>,
    key: &'static str,
    additional: &mut AdditionalProperties,
) -> Result<(), A::Error> {
    *field = map.next_value()?;
    if field.is_none() {
        additional.push_null(key);
    }
    Ok(())
}

/// Writes `Some` values; `None` is never serialized.
#[doc(hidden)]
pub fn write_field<M: ::serde::ser::SerializeMap, T: Serialize>(map: &mut M, key: &'static str, field: &Option<T>) -> Result<(), M::Error> {
    match field {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

/// Starts writing an object.
#[doc(hidden)]
pub fn begin_object<S: Serializer>(serializer: S) -> Result<S::SerializeMap, S::Error> {
    serializer.serialize_map(None)
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object ({})", T::QUALIFIED_NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(key) = map.next_key_seed(KeySeed::<T>(PhantomData))? {
            match key {
                Key::Known(index) => value.read_field(index, &mut map)?,
                Key::Unknown(name) => {
                    let raw = map.next_value()?;
                    value.additional_properties_mut().push(name, raw);
                }
            }
        }
        Ok(value)
    }
}

enum Key {
    Known(u16),
    Unknown(String),
}

struct KeySeed<T>(PhantomData<T>);

impl<'de, T: Object> DeserializeSeed<'de> for KeySeed<T> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, T: Object> Visitor<'de> for KeySeed<T> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(T::field_index(key).map_or_else(|| Key::Unknown(key.to_owned()), Key::Known))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key, E> {
        Ok(T::field_index(&key).map_or(Key::Unknown(key), Key::Known))
    }
}
