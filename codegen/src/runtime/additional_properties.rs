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
/// All names and values of an object share one string, and their boundaries one vector: keeping
/// any number of properties costs two allocations, made exactly sized once the object has been
/// read, rather than two per property.
#[derive(Clone, Default)]
pub struct AdditionalProperties {
    /// The names and raw JSON values one after the other, in arrival order:
    /// `name₀ value₀ name₁ value₁ …`, with nothing in between.
    text: String,
    /// Where each name and each value ends in `text`: `[name₀ end, value₀ end, name₁ end, …]`.
    /// A name starts where the previous value ends.
    ends: Vec<usize>,
}

impl AdditionalProperties {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of properties.
    pub fn len(&self) -> usize {
        self.ends.len() / 2
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The raw JSON of property `name`.
    ///
    /// The text is kept as a plain string; handing it out as a `&RawValue` checks it again (it is
    /// always valid JSON), which costs a scan of the value.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.find(name).and_then(|(_, value)| as_raw_value(value))
    }

    /// Property `name` deserialized as `T`.
    pub fn get_as<T: DeserializeOwned>(&self, name: &str) -> Option<Result<T, ::serde_json::Error>> {
        self.find(name).map(|(_, value)| ::serde_json::from_str(value))
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
    // The text is copied into the shared buffer; taking a `Box` keeps the signature of the
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
        let (index, value) = self.find(name)?;
        let previous = to_boxed(value);
        let (start, end) = (self.start(index), self.ends[2 * index + 1]);
        self.text.replace_range(start..end, "");
        self.ends.drain(2 * index..2 * index + 2);
        for later in &mut self.ends[2 * index..] {
            *later -= end - start;
        }
        previous
    }

    /// The properties in the order they arrived.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.entries().filter_map(|(name, value)| Some((name, as_raw_value(value)?)))
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

    /// Adds a name, or a value after its name.
    #[inline]
    fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.ends.push(self.text.len());
    }

    /// Replaces the value of `name`, or adds the property, returning the previous value.
    fn set(&mut self, name: &str, json: &str) -> Option<Box<RawValue>> {
        let Some((index, value)) = self.find(name) else {
            self.push(name);
            self.push(json);
            return None;
        };
        let previous = to_boxed(value);
        let (start, end) = (self.ends[2 * index], self.ends[2 * index + 1]);
        self.text.replace_range(start..end, json);
        for later in &mut self.ends[2 * index + 1..] {
            *later = *later - (end - start) + json.len();
        }
        previous
    }

    /// Where property `index` starts.
    fn start(&self, index: usize) -> usize {
        if index == 0 { 0 } else { self.ends[2 * index - 1] }
    }

    /// The index and value of property `name`.
    fn find(&self, name: &str) -> Option<(usize, &str)> {
        self.entries().enumerate().find(|(_, (key, _))| *key == name).map(|(index, (_, value))| (index, value))
    }

    /// The names and raw values.
    #[inline]
    fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        let (mut rest, mut start) = (self.text.as_str(), 0);
        self.ends.chunks_exact(2).map_while(move |ends| {
            let (name, after) = rest.split_at_checked(ends[0].checked_sub(start)?)?;
            let (value, after) = after.split_at_checked(ends[1].checked_sub(ends[0])?)?;
            (rest, start) = (after, ends[1]);
            Some((name, value))
        })
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

/// The additional properties of an object being deserialized, collected in reusable buffers and
/// copied into the object's [`AdditionalProperties`], exactly sized, once the object is read.
///
/// Growing fresh buffers property by property would reallocate a few times per object. Instead,
/// the buffers are taken (at the first property) from a small per-thread pool and given back,
/// cleared, when the object is done: nested objects being read at the same time each hold their
/// own, and after the first few objects nothing needs to grow. The pool keeps at most
/// [`POOLED_BUFFERS`] sets of buffers per thread, none larger than [`POOLED_CAPACITY`] bytes.
#[doc(hidden)]
pub struct PendingProperties {
    buffer: Option<AdditionalProperties>,
}

/// How many sets of buffers a thread keeps for [`PendingProperties`] (deeper nesting allocates).
const POOLED_BUFFERS: usize = 8;
/// The most bytes of text, and of boundaries, that a buffer going back to the pool may hold (a
/// larger one is freed).
const POOLED_CAPACITY: usize = 16 * 1024;

thread_local! {
    static POOL: ::core::cell::RefCell<Vec<AdditionalProperties>> = const { ::core::cell::RefCell::new(Vec::new()) };
}

impl PendingProperties {
    /// None yet.
    #[inline]
    pub(super) fn new() -> Self {
        Self { buffer: None }
    }

    #[inline]
    fn buffer(&mut self) -> &mut AdditionalProperties {
        self.buffer.get_or_insert_with(|| {
            POOL.try_with(|pool| pool.try_borrow_mut().ok()?.pop()).ok().flatten().unwrap_or_else(|| {
                AdditionalProperties { text: String::with_capacity(256), ends: Vec::with_capacity(16) }
            })
        })
    }

    /// Starts a property read from the wire: its value follows with [`RawValueSeed`]. (No
    /// duplicate check: the payload decides.)
    #[inline]
    pub(super) fn push_name(&mut self, name: &str) {
        self.buffer().push(name);
    }

    /// Ends the property started by [`Self::push_name`] with its raw JSON value.
    #[inline]
    fn push_value(&mut self, json: &str) {
        self.buffer().push(json);
    }

    /// Records that a documented property arrived as an explicit `null`.
    #[inline]
    pub(super) fn push_null(&mut self, name: &str) {
        let buffer = self.buffer();
        buffer.push(name);
        buffer.push("null");
    }

    /// The properties collected, as the object keeps them: a copy of exactly their length, and the
    /// buffers go back to the pool; or, if they are too large for the pool, the buffers themselves
    /// (no copy of a huge value).
    #[inline]
    pub(super) fn finish(mut self) -> AdditionalProperties {
        match &self.buffer {
            None => AdditionalProperties::new(),
            Some(buffer) if fits_the_pool(buffer) => buffer.clone(),
            Some(_) => self.buffer.take().unwrap_or_default(),
        }
    }
}

fn fits_the_pool(buffer: &AdditionalProperties) -> bool {
    buffer.text.capacity() <= POOLED_CAPACITY && buffer.ends.capacity() * size_of::<usize>() <= POOLED_CAPACITY
}

impl Drop for PendingProperties {
    fn drop(&mut self) {
        if let Some(mut buffer) = self.buffer.take()
            && fits_the_pool(&buffer)
        {
            buffer.text.clear();
            buffer.ends.clear();
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
                other.find(name).is_some_and(|(_, theirs)| {
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
        let names = ["", "1:2", "a\u{0}b", "é:\"", long.as_str(), "9"];
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
