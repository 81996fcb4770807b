//! Reading unknown properties while an object is deserialized: [`PendingProperties`] collects the
//! names and raw JSON values that the object visitor (`object.rs`) does not match, without an
//! allocation per property, and makes them the object's [`AdditionalProperties`] when it ends.
//! Why it copies as it does, and what was measured against it, is in `bench/BENCHMARKS.md`
//! ("Serde throughput").

use ::core::fmt;

use ::serde::Deserialize;
use ::serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use ::serde_json::value::RawValue;

use super::AdditionalProperties;
use super::additional_properties::{RAW_VALUE_TOKEN, push_part, push_part_bytes};

/// The additional properties of an object being deserialized, collected in reusable buffers and
/// copied into the object's [`AdditionalProperties`], exactly sized, once the object is read.
///
/// Names and values are collected apart, as the object keeps them: the names as bytes, because
/// the key reader checks a printable ASCII name with a faster test than `str::from_utf8` (and any
/// other name in full); the values as a `str`, as serde_json hands them out.
///
/// Growing fresh strings property by property would reallocate a few times per object. Instead,
/// the buffers are taken (at the first property) from a small per-thread pool and given back,
/// cleared, when the object is done: nested objects being read at the same time each hold their
/// own, and after the first few objects nothing needs to grow. The pool keeps at most
/// [`POOLED_BUFFERS`] pairs of buffers per thread, none larger than [`POOLED_CAPACITY`] bytes.
pub(crate) struct PendingProperties {
    buffers: Option<Buffers>,
    /// Whether a documented property arrived as `null` (see [`Self::push_null`]).
    documented_null: bool,
}

/// The names (each `<length>name`, UTF-8 once checked) and values (each `<length>value`) of the
/// properties collected so far.
struct Buffers {
    names: Vec<u8>,
    values: String,
}

impl Buffers {
    /// A pair from the pool, or new ones.
    #[cold]
    fn take() -> Self {
        POOL.try_with(|pool| pool.try_borrow_mut().ok()?.pop())
            .ok()
            .flatten()
            .unwrap_or_else(|| Buffers { names: Vec::with_capacity(256), values: String::with_capacity(1024) })
    }
}

/// How many pairs of buffers a thread keeps for [`PendingProperties`] (deeper nesting allocates).
const POOLED_BUFFERS: usize = 8;
/// The largest buffer that goes back to the pool.
const POOLED_CAPACITY: usize = 16 * 1024;

thread_local! {
    static POOL: ::core::cell::RefCell<Vec<Buffers>> = const { ::core::cell::RefCell::new(Vec::new()) };
}

impl PendingProperties {
    /// None yet.
    #[inline]
    pub(super) fn new() -> Self {
        Self { buffers: None, documented_null: false }
    }

    #[inline]
    fn buffers(&mut self) -> &mut Buffers {
        self.buffers.get_or_insert_with(Buffers::take)
    }

    /// Starts a property read from the wire: its value follows with [`RawValueSeed`]. (No
    /// duplicate check: the payload decides.) `name` must be UTF-8: the caller checked it.
    #[inline]
    pub(super) fn push_name(&mut self, name: &[u8]) {
        push_part_bytes(&mut self.buffers().names, name);
    }

    /// Ends the property started by [`Self::push_name`] with its raw JSON value.
    #[inline]
    fn push_value(&mut self, json: &str) {
        push_part(&mut self.buffers().values, json);
    }

    /// Records that a documented property arrived as an explicit `null`.
    #[inline]
    pub(super) fn push_null(&mut self, name: &str) {
        self.documented_null = true;
        let buffers = self.buffers();
        push_part_bytes(&mut buffers.names, name.as_bytes());
        push_part(&mut buffers.values, "null");
    }

    /// The properties collected, as the object keeps them: exactly sized copies of the buffers,
    /// which go back to the pool when `self` is dropped; but values too large for the pool are
    /// kept in their buffer (no copy of a huge value).
    #[inline]
    pub(super) fn finish(mut self) -> AdditionalProperties {
        let (names, values) = match &mut self.buffers {
            None => Default::default(),
            Some(Buffers { names, values }) if values.capacity() <= POOLED_CAPACITY => {
                (Box::from(names.as_slice()), Box::from(values.as_str()))
            }
            Some(Buffers { names, values }) => {
                (Box::from(names.as_slice()), ::core::mem::take(values).into_boxed_str())
            }
        };
        AdditionalProperties::from_text(names, values, self.documented_null)
    }
}

impl Drop for PendingProperties {
    fn drop(&mut self) {
        if let Some(mut buffers) = self.buffers.take()
            && buffers.names.capacity() <= POOLED_CAPACITY
            && buffers.values.capacity() <= POOLED_CAPACITY
        {
            buffers.names.clear();
            buffers.values.clear();
            let _ = POOL.try_with(|pool| {
                if let Ok(mut pool) = pool.try_borrow_mut()
                    && pool.len() < POOLED_BUFFERS
                {
                    pool.push(buffers);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_properties_of_nested_objects_stay_apart() {
        let mut outer = PendingProperties::new();
        outer.push_name(b"a");
        outer.push_value("1");
        let mut inner = PendingProperties::new();
        inner.push_null("b");
        let inner = inner.finish();
        assert_eq!(inner.iter().map(|(name, value)| (name, value.get())).collect::<Vec<_>>(), [("b", "null")]);
        outer.push_name(b"c");
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
        // A value too large for the pool.
        let huge = format!("\"{}\"", "x".repeat(POOLED_CAPACITY));
        let mut pending = PendingProperties::new();
        pending.push_name(b"huge");
        pending.push_value(&huge);
        let kept = pending.finish();
        assert_eq!(kept.get_as::<String>("huge").unwrap().unwrap().len(), POOLED_CAPACITY);
    }

    #[test]
    fn only_serde_json_raw_values_are_taken_as_raw_text() {
        use ::serde::de::value::{Error, MapDeserializer};
        let mut pending = PendingProperties::new();
        pending.push_name(b"x");
        // A deserializer that answers the raw-value newtype with an ordinary map is refused, not
        // misread as raw text.
        let object = MapDeserializer::<_, Error>::new([("a", "\"text\"")].into_iter());
        let error = RawValueSeed(&mut pending).deserialize(object).unwrap_err();
        assert!(error.to_string().contains("unexpected raw value"), "{error}");
        let raw = MapDeserializer::<_, Error>::new([(RAW_VALUE_TOKEN, "[1]")].into_iter());
        RawValueSeed(&mut pending).deserialize(raw).unwrap();
        assert_eq!(pending.finish().get("x").unwrap().get(), "[1]");
    }
}
