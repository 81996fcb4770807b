//! Unknown-property storage: [`AdditionalProperties`] keeps the JSON properties that a model's
//! description does not list (and explicit `null`s of documented ones) as raw JSON text, so that
//! reading a Graph payload and writing it back loses nothing; and the allocation-light machinery
//! that the object visitor uses to collect them while deserializing.
//!
//! Over 600 lines on purpose: the storage format (length-prefixed names and raw values in one
//! string), its reader, its writer and the visitor side share private invariants, and the
//! generator embeds each runtime file as one module.

use ::core::fmt;
use ::std::sync::OnceLock;

use ::serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use ::serde::ser::{self, SerializeMap, SerializeStruct};
use ::serde::{Deserialize, Serialize, Serializer, de::DeserializeOwned};
use ::serde_json::value::RawValue;

/// The JSON properties of an object that its description does not list, kept as raw JSON text in
/// the order they arrived, and written back unchanged.
///
/// Graph adds properties before the docs list them, and sends annotations such as
/// `@odata.etag`; keeping them here means that reading a payload and writing it back (a GET → edit
/// → PATCH round trip) loses nothing. An explicit `null` for a *documented* property is kept here
/// too (the field itself is `None`), so that it is written back as `null`; setting the field
/// takes precedence over it.
///
/// All names and values of an object share one string: keeping any number of properties costs
/// one allocation, made exactly sized once the object has been read, rather than two per property.
#[derive(Clone, Default)]
pub struct AdditionalProperties {
    /// The properties one after the other, in arrival order, each as `<length>name<length>value`
    /// where the value is raw JSON text and each `<length>` is the byte length of what follows,
    /// written as a single `char` (see [`push_part`]).
    ///
    /// Lengths rather than separators, because a name may contain any character; lengths inside
    /// the text rather than in a vector beside it, so that there is one allocation, and removing
    /// or replacing a property is one `replace_range` with nothing else to adjust.
    text: String,
    /// Whether a property was put in by hand (`insert…`) or is the explicit `null` of a documented
    /// property: only then can one have a documented name, which a set field shadows when the
    /// object is written. Graph's unknown properties never do, so writing a value read from Graph
    /// checks nothing. Not part of equality.
    inserted: bool,
}

impl AdditionalProperties {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of properties.
    pub fn len(&self) -> usize {
        self.entries().count()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The raw JSON of property `name`.
    ///
    /// The text is kept as a plain string; handing it out as a `&RawValue` checks it again (it is
    /// always valid JSON), which costs a scan of the value.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.find(name).and_then(|found| as_raw_value(found.value))
    }

    /// Property `name` deserialized as `T`.
    pub fn get_as<T: DeserializeOwned>(&self, name: &str) -> Option<Result<T, ::serde_json::Error>> {
        self.find(name).map(|found| ::serde_json::from_str(found.value))
    }

    /// Sets property `name` to `value` (serialized to JSON now), returning the previous raw value.
    pub fn insert<T: Serialize + ?Sized>(
        &mut self,
        name: impl Into<String>,
        value: &T,
    ) -> Result<Option<Box<RawValue>>, ::serde_json::Error> {
        Ok(self.insert_raw(name, ::serde_json::value::to_raw_value(value)?))
    }

    /// Sets property `name` to raw JSON, returning the previous raw value.
    // The text is copied into the shared string; taking a `Box` keeps the signature of the
    // earlier one-box-per-value storage.
    #[allow(clippy::boxed_local)]
    pub fn insert_raw(&mut self, name: impl Into<String>, value: Box<RawValue>) -> Option<Box<RawValue>> {
        self.set(&name.into(), value.get())
    }

    /// Sets property `name` to an explicit `null`. For a documented property whose field is
    /// `None`, that sends `null` (a PATCH that clears the property) instead of leaving it out.
    pub fn insert_null(&mut self, name: impl Into<String>) {
        self.set(&name.into(), "null");
    }

    /// Removes property `name`, returning its raw value.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        let found = self.find(name)?;
        let (range, previous) = (found.start..found.end, to_boxed(found.value));
        self.text.replace_range(range, "");
        previous
    }

    /// The properties in the order they arrived.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.entries().filter_map(|(name, value)| Some((name, as_raw_value(value)?)))
    }

    /// The names of the properties, in order, without checking their values.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.entries().map(|(name, _)| name)
    }

    /// Writes the properties into `map`, skipping those that `is_set` says a field now holds.
    #[doc(hidden)]
    pub fn serialize_into<M: SerializeMap>(&self, map: &mut M, is_set: impl Fn(&str) -> bool) -> Result<(), M::Error> {
        if self.is_empty() {
            return Ok(());
        }
        self.write_entries(map, is_set, raw_value_protocol_works())
    }

    /// [`Self::serialize_into`], with the text written through serde_json's raw-value protocol
    /// directly (`protocol`) or through a checked `&RawValue`.
    #[inline]
    fn write_entries<M: SerializeMap>(
        &self,
        map: &mut M,
        is_set: impl Fn(&str) -> bool,
        protocol: bool,
    ) -> Result<(), M::Error> {
        if protocol {
            for (name, value) in self.entries() {
                if !is_set(name) {
                    map.serialize_entry(name, &RawJson(value))?;
                }
            }
        } else {
            for (name, value) in self.entries() {
                if !is_set(name) {
                    let raw = as_raw_value(value).ok_or_else(|| ser::Error::custom("kept JSON text is not valid"))?;
                    map.serialize_entry(name, raw)?;
                }
            }
        }
        Ok(())
    }

    /// Whether a property was put in by hand (see the field `inserted`).
    pub(crate) fn inserted(&self) -> bool {
        self.inserted
    }

    /// Replaces the value of `name`, or adds the property, returning the previous value.
    fn set(&mut self, name: &str, json: &str) -> Option<Box<RawValue>> {
        self.inserted = true;
        let Some(found) = self.find(name) else {
            push_part(&mut self.text, name);
            push_part(&mut self.text, json);
            return None;
        };
        let (range, previous) = (found.value_start..found.end, to_boxed(found.value));
        let mut value = String::with_capacity(json.len() + 4);
        push_part(&mut value, json);
        self.text.replace_range(range, &value);
        previous
    }

    /// Property `name`, and where it is in the text.
    fn find(&self, name: &str) -> Option<Found<'_>> {
        let mut rest = self.text.as_str();
        let offset = |rest: &str| self.text.len() - rest.len();
        loop {
            let start = offset(rest);
            let key = next_part(&mut rest)?;
            let value_start = offset(rest);
            let value = next_part(&mut rest)?;
            if key == name {
                return Some(Found { value, start, value_start, end: offset(rest) });
            }
        }
    }

    /// The names and raw values, decoded in order.
    #[inline]
    fn entries(&self) -> Entries<'_> {
        Entries { rest: &self.text }
    }
}

/// Lengths below this are one `char` (see [`push_part`]).
const SHORT_LENGTHS: usize = 0x10_F7FF;
/// The `char` that starts a longer length, written in decimal and ended by a colon.
const LONG_LENGTH: char = '\u{10FFFF}';

/// Appends `<length>part`: the byte length of `part` as one `char` whose code point is the length
/// (skipping the surrogate range, which is not a `char`), so that a short name or value costs one
/// byte of length; a length from [`SHORT_LENGTHS`] (just over a MiB) on is `U+10FFFF`, decimal
/// digits and a colon.
#[inline]
fn push_part(text: &mut String, part: &str) {
    let length = part.len();
    let code = if length < 0xD800 { length } else { length + 0x800 };
    match u32::try_from(code).ok().filter(|_| length < SHORT_LENGTHS).and_then(char::from_u32) {
        Some(length) => text.push(length),
        None => {
            text.push(LONG_LENGTH);
            text.push_str(&length.to_string());
            text.push(':');
        }
    }
    text.push_str(part);
}

/// Splits the `<length>part` that `rest` starts with off it.
#[inline]
fn next_part<'a>(rest: &mut &'a str) -> Option<&'a str> {
    let (length, after) = match rest.as_bytes().first() {
        // The common case: a length below 128 is one ASCII byte.
        Some(&byte) if byte < 0x80 => (usize::from(byte), rest.get(1..)?),
        _ => long_length(rest)?,
    };
    let (part, after) = after.split_at_checked(length)?;
    *rest = after;
    Some(part)
}

/// The length that `rest` starts with, when it is not one ASCII byte, and what follows it.
fn long_length(rest: &str) -> Option<(usize, &str)> {
    let mut chars = rest.chars();
    match chars.next()? {
        LONG_LENGTH => {
            let (digits, after) = chars.as_str().split_once(':')?;
            Some((digits.parse().ok()?, after))
        }
        length => {
            let code = length as usize;
            Some((if code < 0xD800 { code } else { code - 0x800 }, chars.as_str()))
        }
    }
}

/// The names and raw values of an [`AdditionalProperties`] text, decoded in order.
struct Entries<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a str, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let name = next_part(&mut self.rest)?;
        let value = next_part(&mut self.rest)?;
        Some((name, value))
    }
}

/// A property found by name: its value, and where the property, its value's length and its end
/// are in the text.
struct Found<'a> {
    value: &'a str,
    start: usize,
    value_start: usize,
    end: usize,
}

/// Hands out stored JSON text as a `&RawValue` (checking it: `RawValue` has no unchecked
/// constructor). The text always is valid JSON, so this never gives `None` in practice.
fn as_raw_value(json: &str) -> Option<&RawValue> {
    ::serde_json::from_str(json).ok()
}

fn to_boxed(json: &str) -> Option<Box<RawValue>> {
    RawValue::from_string(json.to_owned()).ok()
}

/// The additional properties of an object being deserialized, collected in a reusable buffer and
/// copied into the object's [`AdditionalProperties`], exactly sized, once the object is read.
///
/// Growing a fresh string property by property would reallocate a few times per object. Instead,
/// the buffer is taken (at the first property) from a small per-thread pool and given back,
/// cleared, when the object is done: nested objects being read at the same time each hold their
/// own, and after the first few objects nothing needs to grow. The pool keeps at most
/// [`POOLED_BUFFERS`] buffers per thread, none larger than [`POOLED_CAPACITY`] bytes.
pub(crate) struct PendingProperties {
    buffer: Option<String>,
    /// Whether a documented property arrived as `null` (see [`Self::push_null`]).
    documented_null: bool,
}

/// How many buffers a thread keeps for [`PendingProperties`] (deeper nesting allocates).
const POOLED_BUFFERS: usize = 8;
/// The largest buffer that goes back to the pool (a larger one is kept by its object, or freed).
const POOLED_CAPACITY: usize = 16 * 1024;

thread_local! {
    static POOL: ::core::cell::RefCell<Vec<String>> = const { ::core::cell::RefCell::new(Vec::new()) };
}

impl PendingProperties {
    /// None yet.
    #[inline]
    pub(super) fn new() -> Self {
        Self { buffer: None, documented_null: false }
    }

    #[inline]
    fn buffer(&mut self) -> &mut String {
        self.buffer.get_or_insert_with(|| {
            POOL.try_with(|pool| pool.try_borrow_mut().ok()?.pop())
                .ok()
                .flatten()
                .unwrap_or_else(|| String::with_capacity(256))
        })
    }

    /// Starts a property read from the wire: its value follows with [`RawValueSeed`]. (No
    /// duplicate check: the payload decides.)
    #[inline]
    pub(super) fn push_name(&mut self, name: &str) {
        push_part(self.buffer(), name);
    }

    /// Ends the property started by [`Self::push_name`] with its raw JSON value.
    #[inline]
    fn push_value(&mut self, json: &str) {
        push_part(self.buffer(), json);
    }

    /// Records that a documented property arrived as an explicit `null`.
    #[inline]
    pub(super) fn push_null(&mut self, name: &str) {
        self.documented_null = true;
        let buffer = self.buffer();
        push_part(buffer, name);
        push_part(buffer, "null");
    }

    /// The properties collected, as the object keeps them: a copy of exactly their length, and the
    /// buffer goes back to the pool; or, if it is too large for the pool, the buffer itself (no
    /// copy of a huge value).
    #[inline]
    pub(super) fn finish(mut self) -> AdditionalProperties {
        let text = match &self.buffer {
            None => String::new(),
            Some(buffer) if buffer.capacity() <= POOLED_CAPACITY => buffer.as_str().to_owned(),
            Some(_) => self.buffer.take().unwrap_or_default(),
        };
        AdditionalProperties { text, inserted: self.documented_null }
    }
}

impl Drop for PendingProperties {
    fn drop(&mut self) {
        if let Some(mut buffer) = self.buffer.take()
            && buffer.capacity() <= POOLED_CAPACITY
        {
            buffer.clear();
            let _ = POOL.try_with(|pool| {
                if let Ok(mut pool) = pool.try_borrow_mut()
                    && pool.len() < POOLED_BUFFERS
                {
                    pool.push(buffer);
                }
            });
        }
    }
}

/// Deserializes the raw JSON text of one value into a [`PendingProperties`], after the name that
/// [`PendingProperties::push_name`] wrote.
///
/// `Box<RawValue>` would allocate for each value; this asks serde_json for the raw text the same
/// way `RawValue` itself does (a newtype struct with serde_json's raw-value name, which serde_json
/// answers with a one-entry map whose value is the text) and copies the text straight into the
/// buffer. A deserializer that does not know that name (another format, or a serde_json that
/// changed its protocol) calls `visit_newtype_struct` instead, and the value is then read through
/// the public `Box<RawValue>`, exactly as before.
pub(super) struct RawValueSeed<'a>(pub(super) &'a mut PendingProperties);

/// serde_json's name for raw values (`serde_json::raw::TOKEN`, not public).
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

impl<'de> DeserializeSeed<'de> for RawValueSeed<'_> {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, self)
    }
}

impl<'de> Visitor<'de> for RawValueSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // The one key is serde_json's name again; checking it (as `RawValue` does) keeps a
        // deserializer that answers a newtype struct with an ordinary object from being misread.
        if map.next_key_seed(RawKeySeed)?.is_none() {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        map.next_value_seed(RawTextSeed(self.0))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let raw = <Box<RawValue>>::deserialize(deserializer)?;
        self.0.push_value(raw.get());
        Ok(())
    }
}

/// The key of serde_json's raw-value map, which must be [`RAW_VALUE_TOKEN`].
struct RawKeySeed;

impl<'de> DeserializeSeed<'de> for RawKeySeed {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for RawKeySeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("raw value")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        if key == RAW_VALUE_TOKEN { Ok(()) } else { Err(de::Error::custom("unexpected raw value")) }
    }
}

/// The value of serde_json's raw-value map: the raw JSON text, appended to the buffer.
struct RawTextSeed<'a>(&'a mut PendingProperties);

impl<'de> DeserializeSeed<'de> for RawTextSeed<'_> {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for RawTextSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("raw JSON text")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, json: &str) -> Result<(), E> {
        self.0.push_value(json);
        Ok(())
    }
}

/// Kept JSON text, written as it is through serde_json's raw-value protocol.
struct RawJson<'a>(&'a str);

impl Serialize for RawJson<'_> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Exactly what `RawValue`'s own `Serialize` does, without making a `RawValue`.
        let mut raw = serializer.serialize_struct(RAW_VALUE_TOKEN, 1)?;
        raw.serialize_field(RAW_VALUE_TOKEN, self.0)?;
        raw.end()
    }
}

/// Whether serde_json still writes a struct named [`RAW_VALUE_TOKEN`] as raw text, as
/// `RawValue` does: checked once per process, so that a serde_json release that renamed it would
/// make the kept properties go through `RawValue` (slower) instead of being written wrongly.
#[inline]
fn raw_value_protocol_works() -> bool {
    static WORKS: OnceLock<bool> = OnceLock::new();
    *WORKS.get_or_init(|| ::serde_json::to_string(&RawJson("[1, {}]")).is_ok_and(|json| json == "[1, {}]"))
}

impl fmt::Debug for AdditionalProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.entries()).finish()
    }
}

/// Equal when both hold the same properties with equal JSON values, in any order and formatting.
impl PartialEq for AdditionalProperties {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self.entries().all(|(name, value)| {
                other.find(name).is_some_and(|theirs| {
                    value == theirs.value
                        || ::serde_json::from_str::<::serde_json::Value>(value).ok()
                            == ::serde_json::from_str::<::serde_json::Value>(theirs.value).ok()
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

    #[test]
    fn names_and_values_of_any_length_and_content_share_one_string() {
        let long = "x".repeat(1234);
        let names = ["", "1:2", "a\u{0}b", "é:\"\u{10FFFF}", long.as_str(), "9"];
        let mut properties = AdditionalProperties::new();
        for (i, name) in names.iter().enumerate() {
            properties.insert(*name, &[i.to_string(), i.to_string(), i.to_string()]).unwrap();
        }
        assert_eq!(properties.len(), names.len());
        for (i, name) in names.iter().enumerate() {
            assert_eq!(
                properties.get_as::<[String; 3]>(name).unwrap().unwrap(),
                [i.to_string(), i.to_string(), i.to_string()]
            );
        }
        // Replacing a value with a longer or a shorter one keeps the others where they are.
        properties.insert("1:2", &long).unwrap();
        properties.insert("9", &0).unwrap();
        assert_eq!(properties.get_as::<String>("1:2").unwrap().unwrap(), long);
        assert_eq!(properties.get("9").unwrap().get(), "0");
        assert_eq!(properties.remove(&long).unwrap().get(), "[\"4\",\"4\",\"4\"]");
        let kept: Vec<(&str, &str)> = properties.iter().map(|(name, value)| (name, value.get())).collect();
        assert_eq!(kept.len(), 5);
        assert_eq!(kept[0], ("", "[\"0\",\"0\",\"0\"]"));
        assert_eq!(kept[4], ("9", "0"));
        let names: Vec<String> = properties.iter().map(|(name, _)| name.to_owned()).collect();
        for name in names {
            properties.remove(&name).unwrap();
        }
        assert!(properties.is_empty());
        assert_eq!(properties.iter().count(), 0);
    }

    #[test]
    fn lengths_of_every_size_are_encoded_and_decoded() {
        // Around each change of the length's encoding: one to four UTF-8 bytes, the surrogate
        // range skipped, and the decimal form from `SHORT_LENGTHS` on.
        let lengths =
            [0, 1, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xD800, 0xFFFF, 0x1_0000, SHORT_LENGTHS - 1, SHORT_LENGTHS];
        let mut text = String::new();
        for (i, &length) in lengths.iter().enumerate() {
            push_part(&mut text, &i.to_string());
            push_part(&mut text, &"v".repeat(length));
        }
        let properties = AdditionalProperties { text, inserted: false };
        let decoded: Vec<(&str, usize)> = properties.entries().map(|(name, value)| (name, value.len())).collect();
        let names: Vec<String> = (0..lengths.len()).map(|i| i.to_string()).collect();
        let expected: Vec<(&str, usize)> = names.iter().map(String::as_str).zip(lengths).collect();
        assert_eq!(decoded, expected);
        // Replacing the longest value (decimal length) with a short one, and back.
        let mut long = properties.clone();
        long.insert_null(names[lengths.len() - 1].as_str());
        assert_eq!(long.len(), lengths.len());
        assert!(long.entries().last().is_some_and(|(_, value)| value == "null"));
        long.insert_raw("1", RawValue::from_string(format!("\"{}\"", "v".repeat(SHORT_LENGTHS))).unwrap());
        assert_eq!(long.entries().nth(1).map(|(_, value)| value.len()), Some(SHORT_LENGTHS + 2));
        assert_eq!(long.entries().nth(2).map(|(_, value)| value.len()), Some(0x7F));
    }

    #[test]
    fn pending_properties_of_nested_objects_stay_apart() {
        let mut outer = PendingProperties::new();
        outer.push_name("a");
        outer.push_value("1");
        let mut inner = PendingProperties::new();
        inner.push_null("b");
        let inner = inner.finish();
        assert_eq!(inner.iter().map(|(name, value)| (name, value.get())).collect::<Vec<_>>(), [("b", "null")]);
        outer.push_name("c");
        outer.push_value("[true]");
        let outer = outer.finish();
        assert_eq!(
            outer.iter().map(|(name, value)| (name, value.get())).collect::<Vec<_>>(),
            [("a", "1"), ("c", "[true]")]
        );
        // The buffers went back to the pool cleared, and an object without properties takes none.
        let mut again = PendingProperties::new();
        again.push_null("d");
        assert_eq!(again.finish().len(), 1);
        assert!(PendingProperties::new().finish().is_empty());
        assert_eq!(outer.text.capacity(), outer.text.len(), "kept exactly sized");
        // A value too large for the pool is kept without a copy.
        let huge = format!("\"{}\"", "x".repeat(POOLED_CAPACITY));
        let mut pending = PendingProperties::new();
        pending.push_name("huge");
        pending.push_value(&huge);
        let kept = pending.finish();
        assert_eq!(kept.get_as::<String>("huge").unwrap().unwrap().len(), POOLED_CAPACITY);
    }

    #[test]
    fn only_serde_json_raw_values_are_taken_as_raw_text() {
        use ::serde::de::value::{Error, MapDeserializer};
        let mut pending = PendingProperties::new();
        pending.push_name("x");
        // A deserializer that answers the raw-value newtype with an ordinary map is refused, not
        // misread as raw text.
        let object = MapDeserializer::<_, Error>::new([("a", "\"text\"")].into_iter());
        let error = RawValueSeed(&mut pending).deserialize(object).unwrap_err();
        assert!(error.to_string().contains("unexpected raw value"), "{error}");
        let raw = MapDeserializer::<_, Error>::new([(RAW_VALUE_TOKEN, "[1]")].into_iter());
        RawValueSeed(&mut pending).deserialize(raw).unwrap();
        assert_eq!(pending.finish().get("x").unwrap().get(), "[1]");
    }

    #[test]
    fn raw_values_are_written_as_they_are() {
        assert!(raw_value_protocol_works(), "serde_json's raw-value protocol changed");
        let mut properties = AdditionalProperties::new();
        properties.insert_raw("a", RawValue::from_string("{\"z\": [1, 2.50]}".into()).unwrap());
        properties.insert_null("b");
        let mut json = Vec::new();
        let mut serializer = ::serde_json::Serializer::new(&mut json);
        let mut map = serializer.serialize_map(None).unwrap();
        properties.serialize_into(&mut map, |name| name == "b").unwrap();
        SerializeMap::end(map).unwrap();
        assert_eq!(String::from_utf8(json).unwrap(), "{\"a\":{\"z\": [1, 2.50]}}");
        let value = ::serde_json::to_value(RawJson("[1, {\"a\": null}]")).unwrap();
        assert_eq!(value, ::serde_json::json!([1, {"a": null}]));
        // Without the protocol, through `&RawValue`: the same text.
        let mut json = Vec::new();
        let mut serializer = ::serde_json::Serializer::new(&mut json);
        let mut map = serializer.serialize_map(None).unwrap();
        properties.write_entries(&mut map, |_| false, false).unwrap();
        SerializeMap::end(map).unwrap();
        assert_eq!(String::from_utf8(json).unwrap(), "{\"a\":{\"z\": [1, 2.50]},\"b\":null}");
    }
}
