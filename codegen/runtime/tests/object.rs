//! The generic object visitor and writer with a hand-written [`Object`], as every generated model
//! implements it: documented keys fill fields, unknown properties are kept exactly as sent (nested
//! values, escapes, order) and written back, and an explicit `null` survives a round trip.

use msgraph_runtime::{AdditionalProperties, Object, begin_object, deserialize_object, read_field};
use serde::de::MapAccess;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The documented properties of a [`Thing`].
enum ThingField {
    Name,
    Count,
}

/// What the generator emits for a type with two documented properties.
#[derive(Debug, Default, PartialEq)]
struct Thing {
    name: Option<String>,
    count: Option<i32>,
    additional_properties: AdditionalProperties,
}

impl Object for Thing {
    const QUALIFIED_NAME: &'static str = "test.thing";
    type Field = ThingField;

    fn field(key: &[u8]) -> Option<ThingField> {
        match key {
            b"name" => Some(ThingField::Name),
            b"count" => Some(ThingField::Count),
            _ => None,
        }
    }

    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        field: ThingField,
        map: &mut A,
    ) -> Result<Option<&'static str>, A::Error> {
        match field {
            ThingField::Name => read_field(map, &mut self.name, "name"),
            ThingField::Count => read_field(map, &mut self.count, "count"),
        }
    }

    fn additional_properties_mut(&mut self) -> &mut AdditionalProperties {
        &mut self.additional_properties
    }
}

impl<'de> Deserialize<'de> for Thing {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_object(deserializer)
    }
}

impl Serialize for Thing {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = begin_object(serializer, &self.additional_properties, <Self as Object>::field)?;
        object.field("name", &self.name);
        object.field("count", &self.count);
        object.end()
    }
}

#[test]
fn unknown_properties_are_kept_exactly_and_written_back() {
    let json = r#"{"@odata.etag":"W/\"1\"","name":"a \"quoted\" \u00e9 name","nested":{"list": [1, 2.50, {"deep": null}]},"count":3,"text":"line\nbreak"}"#;
    let thing: Thing = serde_json::from_str(json).unwrap();
    assert_eq!(thing.name.as_deref(), Some("a \"quoted\" é name"));
    assert_eq!(thing.count, Some(3));
    let kept: Vec<(&str, &str)> = thing.additional_properties.iter().map(|(name, value)| (name, value.get())).collect();
    assert_eq!(
        kept,
        [
            ("@odata.etag", r#""W/\"1\"""#),
            ("nested", r#"{"list": [1, 2.50, {"deep": null}]}"#),
            ("text", r#""line\nbreak""#)
        ]
    );
    // Documented fields first, then the kept properties in arrival order, each as it was sent.
    assert_eq!(
        serde_json::to_string(&thing).unwrap(),
        r#"{"name":"a \"quoted\" é name","count":3,"@odata.etag":"W/\"1\"","nested":{"list": [1, 2.50, {"deep": null}]},"text":"line\nbreak"}"#
    );
}

#[test]
fn explicit_nulls_of_documented_properties_survive_and_a_set_field_wins() {
    let mut thing: Thing = serde_json::from_str(r#"{"name": null, "count": 1}"#).unwrap();
    assert_eq!(thing.name, None);
    assert_eq!(serde_json::to_string(&thing).unwrap(), r#"{"count":1,"name":null}"#);
    thing.name = Some("set".into());
    assert_eq!(serde_json::to_string(&thing).unwrap(), r#"{"name":"set","count":1}"#);
}

#[test]
fn wrong_types_are_errors_that_name_the_problem() {
    let error = serde_json::from_str::<Thing>(r#"{"count": "three"}"#).unwrap_err();
    assert!(error.to_string().contains("expected i32"), "{error}");
    let error = serde_json::from_str::<Thing>("[1]").unwrap_err();
    assert!(error.to_string().contains("a JSON object (test.thing)"), "{error}");
    let thing: Thing = serde_json::from_str("{}").unwrap();
    assert_eq!(thing, Thing::default());
}

#[test]
fn keys_are_matched_as_bytes_and_unknown_ones_checked_before_they_are_kept() {
    // A documented name spelled with an escape is still that name; an escaped control character
    // in an unknown name is valid JSON and kept.
    let json = br#"{"na\u006de":"a","tab\there":1,"caf\u00e9":2,"\u00e9t\u00e9":3}"#;
    for thing in [
        serde_json::from_slice::<Thing>(json).unwrap(),
        serde_json::from_str::<Thing>(std::str::from_utf8(json).unwrap()).unwrap(),
        serde_json::from_reader::<_, Thing>(&json[..]).unwrap(),
        serde_json::from_value::<Thing>(serde_json::from_slice(json).unwrap()).unwrap(),
    ] {
        assert_eq!(thing.name.as_deref(), Some("a"));
        let mut names: Vec<&str> = thing.additional_properties.iter().map(|(name, _)| name).collect();
        names.sort_unstable(); // `Value` orders its keys
        assert_eq!(names, ["café", "tab\there", "été"]);
    }
    // What serde_json's string path refuses in a name, the byte path refuses too: bytes that are
    // not UTF-8, a lone surrogate, and (in a name without escapes) a raw control character.
    let invalid: [&[u8]; 4] = [b"{\"\xff\":1}", b"{\"a\xc3\":1}", br#"{"\ud800":1}"#, b"{\"a\tb\":1}"];
    for json in invalid {
        assert!(serde_json::from_slice::<serde_json::Value>(json).is_err(), "serde_json refuses {json:?}");
        let error = serde_json::from_slice::<Thing>(json).unwrap_err();
        assert!(error.line() == 1 && error.column() > 0, "{error} has a position");
    }
    // Names written without escapes that are not printable ASCII take the longer check and are
    // kept when valid: UTF-8 beyond ASCII, and DEL (not a control character to JSON).
    let thing = serde_json::from_slice::<Thing>("{\"zürich\":1,\"del\u{7f}\":2}".as_bytes()).unwrap();
    let names: Vec<&str> = thing.additional_properties.iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["zürich", "del\u{7f}"]);
    let error = serde_json::from_slice::<Thing>("{\"zürich\u{1}\":1}".as_bytes()).unwrap_err();
    assert!(error.to_string().contains("without control characters"), "{error}");
    let error = serde_json::from_slice::<Thing>(b"{\"a\tb\":1}").unwrap_err();
    assert!(error.to_string().contains("without control characters"), "{error}");
    let error = serde_json::from_slice::<Thing>(b"{\"\xff\":1}").unwrap_err();
    assert!(error.to_string().contains("a property name in UTF-8"), "{error}");
    // Longer names are checked a word at a time, their last bytes as an overlapping word: a bad
    // byte is found in any word, and in the rest.
    for (json, problem) in [
        (&b"{\"abcdefghij\x01\":1}"[..], "without control characters"),
        (b"{\"abcdefgh\x1fijklmnop\":1}", "without control characters"),
        (b"{\"abcdefghijklmnopq\xff\":1}", "a property name in UTF-8"),
        (b"{\"abcdefgh\xc3ijklmnop\":1}", "a property name in UTF-8"),
    ] {
        let error = serde_json::from_slice::<Thing>(json).unwrap_err();
        assert!(error.to_string().contains(problem), "{json:?}: {error}");
    }
    // Read from a `&str`, keys are asked for as strings, which serde_json checks itself: the same
    // names are refused, with serde_json's own message (so the string path was taken).
    for json in ["{\"a\tb\":1}", "{\"abcdefgh\u{1f}ijklmnop\":1}", r#"{"\ud800":1}"#] {
        let error = serde_json::from_str::<Thing>(json).unwrap_err();
        assert!(!error.to_string().contains("property name"), "{json:?}: {error}");
        assert!(error.line() == 1 && error.column() > 0, "{error} has a position");
    }
    let error = serde_json::from_str::<Thing>("{\"a\u{7}\":1}").unwrap_err();
    assert!(error.to_string().contains("control character"), "{error}");
    let json = "{\"@odata.etag\":1,\"abcdefghijklmnopqrstuvwxyz\":2,\"abcdefghijklmnopé\":3,\"sixteen_bytes_ok\":4}";
    let thing = serde_json::from_str::<Thing>(json).unwrap();
    assert_eq!(serde_json::to_string(&thing).unwrap(), json, "every name kept as it came");
}
