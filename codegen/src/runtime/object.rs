use ::core::fmt;
use ::core::marker::PhantomData;

use ::serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::AdditionalProperties;
use super::additional_properties::{PendingProperties, RawValueSeed};

/// What the generated model structs implement so that one generic, allocation-free visitor can
/// deserialize them: documented keys are matched to a field index, unknown keys are kept.
///
/// Not meant to be implemented by hand.
pub trait Object: Default {
    /// The qualified OData name, for error messages.
    const QUALIFIED_NAME: &'static str;

    /// The documented JSON keys in field order: `FIELDS[i]` is the key whose
    /// [`field_index`](Object::field_index) is `i`.
    const FIELDS: &'static [&'static str];

    /// The index of the field for a documented JSON key.
    fn field_index(key: &str) -> Option<u16>;

    /// Reads the value of field `index` from `map`; `true` when it was an explicit `null` (which
    /// the visitor then keeps, so that it is written back).
    fn read_field<'de, A: MapAccess<'de>>(&mut self, index: u16, map: &mut A) -> Result<bool, A::Error>;

    /// The properties that the description does not know.
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties;
}

/// Deserializes any [`Object`] from a JSON object.
#[doc(hidden)]
pub fn deserialize_object<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Reads one documented property: a value sets the field; an explicit `null` clears it and
/// returns `true`, so that the caller remembers it and it is written back.
#[doc(hidden)]
#[inline]
pub fn read_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(map: &mut A, field: &mut Option<T>) -> Result<bool, A::Error> {
    *field = map.next_value()?;
    Ok(field.is_none())
}

/// Writes `Some` values; `None` is never serialized.
#[doc(hidden)]
#[inline]
pub fn write_field<M: ::serde::ser::SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    field: &Option<T>,
) -> Result<(), M::Error> {
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

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        let mut additional = PendingProperties::new();
        loop {
            let seed = KeySeed::<T> { additional: &mut additional, object: PhantomData };
            match map.next_key_seed(seed)? {
                None => break,
                Some(Key::Known(index)) => {
                    if value.read_field(index, &mut map)?
                        && let Some(key) = T::FIELDS.get(usize::from(index))
                    {
                        additional.push_null(key);
                    }
                }
                Some(Key::Unknown) => map.next_value_seed(RawValueSeed(&mut additional))?,
            }
        }
        *value.additional_properties_mut() = additional.finish();
        Ok(value)
    }
}

/// A key read by [`KeySeed`]. Small on purpose: an unknown key is not returned but already
/// written into the object's [`PendingProperties`], where its value follows.
enum Key {
    Known(u16),
    Unknown,
}

/// Reads a key without allocating: a documented key becomes its field index, an unknown one is
/// copied straight from the deserializer's (usually borrowed) string into the pending additional
/// properties of the object being read.
struct KeySeed<'a, T> {
    additional: &'a mut PendingProperties,
    object: PhantomData<T>,
}

impl<'de, T: Object> DeserializeSeed<'de> for KeySeed<'_, T> {
    type Value = Key;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, T: Object> Visitor<'de> for KeySeed<'_, T> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match T::field_index(key) {
            Some(index) => Key::Known(index),
            None => {
                self.additional.push_name(key);
                Key::Unknown
            }
        })
    }
}
