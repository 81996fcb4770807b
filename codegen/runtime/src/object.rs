//! Deserializing and serializing generated models: [`Object`] is what each model struct
//! implements, so that one generic visitor matches documented keys without allocating and keeps
//! the unknown ones; [`ObjectWriter`] writes a model's set fields and its kept properties;
//! [`Builder`] is every model's builder.

use ::core::fmt;
use ::core::marker::PhantomData;

use ::serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use ::serde::ser::SerializeMap;
use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::AdditionalProperties;
use super::pending::{PendingProperties, RawValueSeed};

/// What the generated model structs implement so that one generic, allocation-free visitor can
/// deserialize them: documented keys are matched to a field index, unknown keys are kept.
///
/// Not meant to be implemented by hand.
pub trait Object: Default {
    /// The qualified OData name, for error messages.
    const QUALIFIED_NAME: &'static str;

    /// The documented properties, one variant each. Named variants rather than numbers, so that
    /// a property added to the docs adds lines to the generated code instead of renumbering the
    /// ones after it.
    type Field;

    /// The field of a documented JSON key, matched on the key's bytes: serde_json hands a key
    /// out as bytes without checking that it is UTF-8, and a key equal to a documented name needs
    /// no check, so only unknown keys are checked (see [`deserialize_object`]).
    fn field(key: &[u8]) -> Option<Self::Field>;

    /// Reads the value of `field` from `map`; when it was an explicit `null`, returns its key,
    /// which the visitor then keeps so that it is written back.
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        field: Self::Field,
        map: &mut A,
    ) -> Result<Option<&'static str>, A::Error>;

    /// The properties that the description does not know.
    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties;
}

/// Deserializes any [`Object`] from a JSON object.
///
/// Keys are asked for as bytes (`deserialize_bytes`), which serde_json answers without the UTF-8
/// check that a `&str` costs: most keys are documented ones, matched by [`Object::field`] as they
/// are. An unknown key is checked before it is kept: it must be UTF-8, and, when it has no
/// escape sequence, free of the raw control characters that JSON forbids (serde_json's byte path
/// does not reject them). A key that serde_json hands over as a decoded copy (one with an escape
/// sequence, or any key read with `from_reader`) cannot be told apart from one with an escaped
/// control character, so there a raw control character is kept rather than refused.
/// Deserializers that do not distinguish bytes from strings answer with `visit_str`, which is
/// matched the same way.
///
/// One reader is the exception: serde_json reading a `&str` (`serde_json::from_str`) has no UTF-8
/// to check, and its string path finds the end of a key and refuses control characters inline,
/// while its byte path calls `memchr` for every key (measured: about 3 points of the ratio to a plain
/// derive on the realistic page). So from that reader keys are asked for as strings, already
/// checked. The reader is told apart by its type's name ([`reads_str`]); if that ever answered
/// wrong, keys would be read the other way, as correctly, only slower.
#[doc(hidden)]
pub fn deserialize_object<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor::<T, D>(PhantomData))
}

/// Whether `D` is serde_json's deserializer of a `&str`. Type names are not unique identifiers,
/// but both names here come from the same compiler, and a wrong answer only picks the slower of
/// two correct ways to read a key (see [`deserialize_object`]). Both are constants, so the
/// comparison folds away.
#[inline]
fn reads_str<'de, D: Deserializer<'de>>() -> bool {
    type StrDeserializer<'a, 'de> = &'a mut ::serde_json::Deserializer<::serde_json::de::StrRead<'de>>;
    ::core::any::type_name::<D>() == ::core::any::type_name::<StrDeserializer<'_, '_>>()
}

/// The position in `names` of the key `key`, which has `N` bytes like every name: what the
/// generated [`Object::field`] asks for each length of key. The names are compared as arrays,
/// which compiles to a few word compares each (a `match` on byte-string patterns compiles to a
/// compare and branch per byte); one function for every type's names, so the generated code is
/// a list of names and a `match` on the position, quick to compile.
///
/// Returns `names.len()` when no name is the key (the generated `match` sends every number it has
/// no name for to `None`): a plain number, so that the generated code, one call for every length
/// of name of every type, has no `?` and `Option` for rustc to resolve each time.
#[doc(hidden)]
#[inline]
pub fn find_name<const N: usize>(key: &[u8], names: &[&[u8; N]]) -> usize {
    match key.first_chunk::<N>() {
        Some(key) => names.iter().position(|name| *name == key).unwrap_or(names.len()),
        None => names.len(),
    }
}

/// Reads one documented property: a value sets the field; an explicit `null` clears it and
/// returns the property's `key`, so that the caller remembers it and it is written back.
#[doc(hidden)]
#[inline]
pub fn read_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    field: &mut Option<T>,
    key: &'static str,
) -> Result<Option<&'static str>, A::Error> {
    *field = map.next_value()?;
    Ok(if field.is_none() { Some(key) } else { None })
}

/// Starts writing an object whose unknown properties are `additional`; `documented` is the
/// type's [`Object::field`], which says whether a kept property has a documented name.
#[doc(hidden)]
#[inline]
pub fn begin_object<S: Serializer, F>(
    serializer: S,
    additional: &AdditionalProperties,
    documented: fn(&[u8]) -> Option<F>,
) -> Result<ObjectWriter<'_, S::SerializeMap>, S::Error> {
    // Only a kept property with a documented name (a cleared field, or one put there by hand)
    // can be shadowed by a field; Graph's unknown properties never are (nor checked: they were
    // not inserted by hand, nor explicit nulls), so the writer remembers the keys it writes only when there is such a
    // property.
    let shadowing = additional.inserted() && additional.names().any(|name| documented(name.as_bytes()).is_some());
    Ok(ObjectWriter { map: serializer.serialize_map(None)?, error: None, additional, shadowing, written: Vec::new() })
}

/// Writes an object's properties. It keeps the first error instead of returning it, so that the
/// generated `serialize` is one plain call per property rather than a `?` branch each, which is
/// less code for rustc to check in a crate with Graph's twenty thousand properties; after an
/// error, the remaining properties are skipped and [`ObjectWriter::end`] returns it.
///
/// A written property shadows an additional one of the same key (a cleared field set again). The
/// writer remembers the keys it wrote only when an additional property has a documented name (no
/// work for Graph's unknown properties), so that the generated code needs no per-type list of
/// which fields are set.
#[doc(hidden)]
pub struct ObjectWriter<'a, M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
    additional: &'a AdditionalProperties,
    /// Whether an additional property has a documented name, so written keys must be remembered.
    shadowing: bool,
    written: Vec<&'static str>,
}

impl<M: SerializeMap> ObjectWriter<'_, M> {
    /// Writes a `Some` value; `None` is never serialized.
    #[inline]
    pub fn field<T: Serialize>(&mut self, key: &'static str, field: &Option<T>) {
        if let Some(value) = field {
            self.entry(key, value);
        }
    }

    /// Writes a property that is always present.
    #[inline]
    pub fn entry<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if self.error.is_some() {
            return;
        }
        if self.shadowing {
            self.written.push(key);
        }
        if let Err(error) = self.map.serialize_entry(key, value) {
            self.error = Some(error);
        }
    }

    /// Writes the additional properties that no written property shadows and ends the object,
    /// or returns the first error.
    #[inline]
    pub fn end(mut self) -> Result<M::Ok, M::Error> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let written = &self.written;
        self.additional.serialize_into(&mut self.map, |key| self.shadowing && written.contains(&key))?;
        self.map.end()
    }
}

/// Builds a model value: `UserBuilder` is `Builder<User>`, made by `User::builder()` (nothing
/// set) or `User::into_builder` (every property of a value kept); its setters are generated for
/// each model, and [`Builder::build`] returns the value. One generic type rather than one struct
/// per model, so that its derives, `build` and `From` are compiled once, not for each of Graph's
/// thousands of types.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Builder<T> {
    pub(crate) value: T,
}

impl<T> Builder<T> {
    /// The value with the properties set so far.
    #[inline]
    pub fn build(self) -> T {
        self.value
    }
}

impl<T> From<T> for Builder<T> {
    /// A builder that starts from `value`, keeping every property it has.
    #[inline]
    fn from(value: T) -> Self {
        Builder { value }
    }
}

/// Reads an object `T` from the deserializer `D`: the type of `D` says how keys are read (see
/// [`deserialize_object`]).
struct ObjectVisitor<T, D>(PhantomData<(T, fn() -> D)>);

impl<'de, T: Object, D: Deserializer<'de>> Visitor<'de> for ObjectVisitor<T, D> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object ({})", T::QUALIFIED_NAME)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        let mut additional = PendingProperties::new();
        loop {
            let seed = KeySeed::<T, D> { additional: &mut additional, object: PhantomData };
            match map.next_key_seed(seed)? {
                None => break,
                Some(Key::Known(field)) => {
                    if let Some(key) = value.read_field(field, &mut map)? {
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
enum Key<F> {
    Known(F),
    Unknown,
}

/// Reads a key without allocating: a documented key becomes its field, an unknown one is
/// copied straight from the deserializer's (usually borrowed) bytes into the pending additional
/// properties of the object being read.
///
/// `D` is the deserializer of the object, which says whether to ask for the key as a string
/// rather than as bytes (see [`deserialize_object`]).
struct KeySeed<'a, T, D> {
    additional: &'a mut PendingProperties,
    object: PhantomData<(T, fn() -> D)>,
}

impl<T: Object, D> KeySeed<'_, T, D> {
    /// Keeps an unknown key, once it is checked: `raw` says that it arrived as written (no escape
    /// sequence), so that a byte below 0x20 is a control character that JSON does not allow.
    #[inline]
    fn unknown<E: de::Error>(self, key: &[u8], raw: bool) -> Result<Key<T::Field>, E> {
        // Printable ASCII, the usual name, is UTF-8 without control characters: checked eight
        // bytes at a time. Only another name is checked for UTF-8 and searched for a control
        // character.
        if !printable_ascii(key) {
            let Ok(name) = ::core::str::from_utf8(key) else {
                return Err(de::Error::invalid_value(de::Unexpected::Bytes(key), &"a property name in UTF-8"));
            };
            if raw && key.iter().any(|&byte| byte < 0x20) {
                return Err(de::Error::invalid_value(
                    de::Unexpected::Str(name),
                    &"a property name without control characters",
                ));
            }
        }
        self.additional.push_name(key);
        Ok(Key::Unknown)
    }
}

impl<'de, T: Object, D: Deserializer<'de>> DeserializeSeed<'de> for KeySeed<'_, T, D> {
    type Value = Key<T::Field>;

    #[inline]
    fn deserialize<K: Deserializer<'de>>(self, deserializer: K) -> Result<Key<T::Field>, K::Error> {
        // A constant: an optimized build keeps one of the two. (The choice is made here, not by
        // a flag in the visitor or by two visitors: measured, a flag tested for every key cost
        // `from_slice` 4 points, and two visitors cost 16% more time to compile a crate that
        // reads a few dozen models.)
        if reads_str::<D>() { deserializer.deserialize_str(self) } else { deserializer.deserialize_bytes(self) }
    }
}

impl<'de, T: Object, D: Deserializer<'de>> Visitor<'de> for KeySeed<'_, T, D> {
    type Value = Key<T::Field>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    /// A key as a string: from serde_json reading a `&str`, checked by serde_json (UTF-8, and no
    /// raw control characters); from another deserializer, decoded by it.
    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<T::Field>, E> {
        Ok(match T::field(key.as_bytes()) {
            Some(field) => Key::Known(field),
            None => {
                self.additional.push_name(key.as_bytes());
                Key::Unknown
            }
        })
    }

    /// serde_json's key without an escape sequence: a slice of the input, not checked yet.
    #[inline]
    fn visit_borrowed_bytes<E: de::Error>(self, key: &'de [u8]) -> Result<Key<T::Field>, E> {
        match T::field(key) {
            Some(field) => Ok(Key::Known(field)),
            None => self.unknown(key, true),
        }
    }

    /// serde_json's key with escape sequences, decoded.
    #[inline]
    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Key<T::Field>, E> {
        match T::field(key) {
            Some(field) => Ok(Key::Known(field)),
            None => self.unknown(key, false),
        }
    }
}

/// Whether every byte of `bytes` is printable ASCII (0x20 to 0x7E), checked a word at a time.
#[inline]
fn printable_ascii(bytes: &[u8]) -> bool {
    /// Whether a byte of `word` is below 0x20 or above 0x7E. (Each test is exact for the word as
    /// a whole, though not for which byte.)
    #[inline]
    fn unprintable(word: &[u8; 8]) -> bool {
        const ONES: u64 = u64::MAX / 0xFF;
        const HIGH: u64 = ONES << 7;
        let word = u64::from_le_bytes(*word);
        // A byte below 0x20 borrows into its high bit when 0x20 is taken away (and had no high
        // bit before); a byte above 0x7E has its high bit, or gets it when 1 is added.
        let below_space = word.wrapping_sub(ONES * 0x20) & !word;
        let above_tilde = word.wrapping_add(ONES) | word;
        (below_space | above_tilde) & HIGH != 0
    }
    let (words, rest) = bytes.as_chunks::<8>();
    match bytes.last_chunk::<8>() {
        // The rest, if any, is checked as part of the last eight bytes.
        Some(last) => !(words.iter().any(unprintable) || !rest.is_empty() && unprintable(last)),
        None => bytes.iter().all(|&byte| byte.wrapping_sub(0x20) < 0x5F),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_is_every_byte_from_space_to_tilde() {
        for byte in 0..=u8::MAX {
            let printable = (0x20..=0x7E).contains(&byte);
            // At every position: of a short name, of a word, and of a rest checked with the
            // last word.
            for length in [1, 7, 8, 9, 15, 16, 17, 23] {
                for at in 0..length {
                    let mut bytes = vec![b'a'; length];
                    bytes[at] = byte;
                    assert_eq!(printable_ascii(&bytes), printable, "byte {byte:#04x} at {at} of {length}");
                }
            }
        }
        assert!(printable_ascii(b""));
        assert!(printable_ascii(b" ~@odata.etag"));
        assert!(!printable_ascii("café".as_bytes()));
    }

    #[test]
    fn find_name_gives_the_position_of_the_key_or_the_number_of_names() {
        let names: [&[u8; 11]; 3] = [b"@odata.type", b"displayName", b"description"];
        assert_eq!(find_name(b"@odata.type", &names), 0);
        assert_eq!(find_name(b"description", &names), 2);
        // Differs in the last byte, in the first byte; shorter than the names.
        assert_eq!(find_name(b"descriptioN", &names), 3);
        assert_eq!(find_name(b"Description", &names), 3);
        assert_eq!(find_name(b"display", &names), 3);
        assert_eq!(find_name::<2>(b"id", &[]), 0);
    }

    /// The documented names of the objects written below.
    fn documented(key: &[u8]) -> Option<()> {
        matches!(key, b"a" | b"b" | b"c" | b"d" | b"e").then_some(())
    }

    /// A value whose serialization fails, and one that counts how often it is written.
    struct Fails;
    impl Serialize for Fails {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(::serde::ser::Error::custom("this value cannot be written"))
        }
    }
    struct Counted<'a>(&'a ::core::cell::Cell<u32>);
    impl Serialize for Counted<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.set(self.0.get() + 1);
            serializer.serialize_unit()
        }
    }

    #[test]
    fn the_writer_returns_the_first_error_and_writes_nothing_after_it() {
        let writes = ::core::cell::Cell::new(0);
        let mut out = Vec::new();
        let mut serializer = ::serde_json::Serializer::new(&mut out);
        let additional = AdditionalProperties::new();
        let mut object = begin_object(&mut serializer, &additional, documented).unwrap();
        object.field("a", &Some(Counted(&writes)));
        object.field("b", &None::<Fails>);
        object.field("c", &Some(Fails));
        object.field("d", &Some(Counted(&writes)));
        object.entry("e", &Counted(&writes));
        let error = object.end().unwrap_err();
        assert_eq!(error.to_string(), "this value cannot be written");
        assert_eq!(writes.get(), 1, "only the property before the error was written");
    }

    #[test]
    fn the_writer_skips_none_and_shadowed_additional_properties() {
        let mut additional = AdditionalProperties::new();
        additional.insert_null("a");
        additional.insert_null("b");
        let mut out = Vec::new();
        let mut serializer = ::serde_json::Serializer::new(&mut out);
        let mut object = begin_object(&mut serializer, &additional, documented).unwrap();
        object.field("a", &Some(1));
        object.field("b", &None::<u8>);
        object.entry("c", &[true]);
        object.end().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"a":1,"c":[true],"b":null}"#);
    }

    #[test]
    fn unknown_additional_properties_are_written_after_the_fields() {
        let mut additional = AdditionalProperties::new();
        additional.insert_null("x");
        additional.insert_raw("y", ::serde_json::value::RawValue::from_string("[1]".to_owned()).unwrap());
        let mut out = Vec::new();
        let mut serializer = ::serde_json::Serializer::new(&mut out);
        let mut object = begin_object(&mut serializer, &additional, documented).unwrap();
        assert!(!object.shadowing, "no kept property has a documented name");
        object.field("a", &Some(1));
        object.end().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"a":1,"x":null,"y":[1]}"#);
    }
}
