//! Unknown-property storage: [`AdditionalProperties`] keeps the JSON properties that a model's
//! description does not list (and explicit `null`s of documented ones) as raw JSON text, so that
//! reading a Graph payload and writing it back loses nothing. The text format (length-prefixed
//! names, and length-prefixed raw values beside them), its reader and its writer are here;
//! `pending.rs` fills it while an object is deserialized.

use ::core::fmt;
use ::std::sync::OnceLock;

use ::serde::ser::{self, SerializeMap, SerializeStruct};
use ::serde::{Serialize, Serializer, de::DeserializeOwned};
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
/// All names of an object share one allocation, and all values another: keeping any number of
/// properties costs two allocations, made exactly sized once the object has been read, rather
/// than two per property.
#[derive(Clone, Default)]
pub struct AdditionalProperties {
    /// Each property's `<length>name`, in arrival order, where each `<length>` is the byte length
    /// of what follows, written as a single `char` (see [`push_part`]). Always UTF-8, but bytes
    /// rather than a `str`: the reader checks a printable ASCII name with a faster test than
    /// `str::from_utf8` (see `object.rs`), and these few bytes are checked when they are read.
    ///
    /// Lengths rather than separators, because a name may contain any character; lengths inside
    /// the text rather than in a vector beside it, so that the names take one allocation and the
    /// values one.
    names: Box<[u8]>,
    /// Each property's `<length>value`, in the order of `names`, where a value is raw JSON text.
    values: Box<str>,
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
        self.names.is_empty()
    }

    /// The raw JSON of property `name`.
    ///
    /// The text is kept as a plain string; handing it out as a `&RawValue` checks it again (it is
    /// always valid JSON), which costs a scan of the value.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.find(name).and_then(as_raw_value)
    }

    /// Property `name` deserialized as `T`.
    pub fn get_as<T: DeserializeOwned>(&self, name: &str) -> Option<Result<T, ::serde_json::Error>> {
        self.find(name).map(::serde_json::from_str)
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
        let at = self.entries().position(|(key, _)| key == name)?;
        self.rewrite(at, None)
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

    /// Properties in the text format of this type, as [`PendingProperties`] collected them;
    /// `inserted` when one of them is the explicit `null` of a documented property.
    ///
    /// [`PendingProperties`]: super::pending::PendingProperties
    pub(super) fn from_text(names: Box<[u8]>, values: Box<str>, inserted: bool) -> Self {
        Self { names, values, inserted }
    }

    /// Writes the properties again with the value of the one at index `at` replaced by `json`,
    /// or without that property (`None`), returning its previous value.
    fn rewrite(&mut self, at: usize, json: Option<&str>) -> Option<Box<RawValue>> {
        let (mut names, mut values) = (String::new(), String::new());
        let mut previous = None;
        for (i, (key, value)) in self.entries().enumerate() {
            let value = if i == at {
                previous = to_boxed(value);
                match json {
                    Some(json) => json,
                    None => continue,
                }
            } else {
                value
            };
            push_part(&mut names, key);
            push_part(&mut values, value);
        }
        self.names = names.into_bytes().into_boxed_slice();
        self.values = values.into_boxed_str();
        previous
    }

    /// Whether a property was put in by hand (see the field `inserted`).
    pub(crate) fn inserted(&self) -> bool {
        self.inserted
    }

    /// Replaces the value of `name`, or adds the property, returning the previous value.
    fn set(&mut self, name: &str, json: &str) -> Option<Box<RawValue>> {
        self.inserted = true;
        if let Some(at) = self.entries().position(|(key, _)| key == name) {
            return self.rewrite(at, Some(json));
        }
        // Added at the end, in the allocations the properties have.
        let mut names = ::core::mem::take(&mut self.names).into_vec();
        push_part_bytes(&mut names, name.as_bytes());
        let mut values = ::core::mem::take(&mut self.values).into_string();
        push_part(&mut values, json);
        self.names = names.into_boxed_slice();
        self.values = values.into_boxed_str();
        None
    }

    /// The raw value of property `name` (the first, if the payload had it twice).
    fn find(&self, name: &str) -> Option<&str> {
        self.entries().find_map(|(key, value)| (key == name).then_some(value))
    }

    /// The names and raw values, decoded in order.
    #[inline]
    fn entries(&self) -> Entries<'_> {
        // Only UTF-8 is ever written into `names`, so this never gives the empty default.
        let names = ::core::str::from_utf8(&self.names).unwrap_or_default();
        Entries { names, values: &self.values }
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
pub(super) fn push_part(text: &mut String, part: &str) {
    match u8::try_from(part.len()) {
        // The common case: one ASCII byte.
        Ok(length) if length < 0x80 => text.push(char::from(length)),
        _ => with_length(part.len(), |length| text.push_str(length)),
    }
    text.push_str(part);
}

/// [`push_part`] into bytes that are made a string later: `part` must be UTF-8 (the caller
/// checked it), and then so is what this writes.
#[inline]
pub(super) fn push_part_bytes(text: &mut Vec<u8>, part: &[u8]) {
    match u8::try_from(part.len()) {
        Ok(length) if length < 0x80 => text.push(length),
        _ => with_length(part.len(), |length| text.extend_from_slice(length.as_bytes())),
    }
    text.extend_from_slice(part);
}

/// Hands the `<length>` of a part of `length` bytes to `write`.
fn with_length(length: usize, write: impl FnOnce(&str)) {
    let code = if length < 0xD800 { length } else { length + 0x800 };
    match u32::try_from(code).ok().filter(|_| length < SHORT_LENGTHS).and_then(char::from_u32) {
        Some(length) => write(length.encode_utf8(&mut [0; 4])),
        None => write(&format!("{LONG_LENGTH}{length}:")),
    }
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
    names: &'a str,
    values: &'a str,
}

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a str, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let name = next_part(&mut self.names)?;
        let value = next_part(&mut self.values)?;
        Some((name, value))
    }
}

/// Hands out stored JSON text as a `&RawValue` (checking it: `RawValue` has no unchecked
/// constructor). The text always is valid JSON, so this never gives `None` in practice.
fn as_raw_value(json: &str) -> Option<&RawValue> {
    ::serde_json::from_str(json).ok()
}

fn to_boxed(json: &str) -> Option<Box<RawValue>> {
    RawValue::from_string(json.to_owned()).ok()
}

/// serde_json's name for raw values (`serde_json::raw::TOKEN`, not public).
pub(super) const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

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
                    value == theirs
                        || ::serde_json::from_str::<::serde_json::Value>(value).ok()
                            == ::serde_json::from_str::<::serde_json::Value>(theirs).ok()
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
        let (mut names, mut values) = (String::new(), String::new());
        for (i, &length) in lengths.iter().enumerate() {
            push_part(&mut names, &i.to_string());
            push_part(&mut values, &"v".repeat(length));
        }
        let properties =
            AdditionalProperties { names: names.into_bytes().into(), values: values.into(), inserted: false };
        let decoded: Vec<(&str, usize)> = properties.entries().map(|(name, value)| (name, value.len())).collect();
        let names: Vec<String> = (0..lengths.len()).map(|i| i.to_string()).collect();
        let expected: Vec<(&str, usize)> = names.iter().map(String::as_str).zip(lengths).collect();
        assert_eq!(decoded, expected);
        // Names of those lengths, written as bytes as the reader writes them, and one value each.
        let (mut long_names, mut zeros) = (Vec::new(), String::new());
        for &length in &lengths {
            push_part_bytes(&mut long_names, "n".repeat(length).as_bytes());
            push_part(&mut zeros, "0");
        }
        let by_name = AdditionalProperties { names: long_names.into(), values: zeros.into(), inserted: false };
        let decoded: Vec<usize> = by_name.entries().map(|(name, _)| name.len()).collect();
        assert_eq!(decoded, lengths);
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
