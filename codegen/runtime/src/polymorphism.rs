//! `@odata.type` support for polymorphic models: matching a type annotation against a qualified
//! name, converting a value read as a base type into a derived type without loss, and the round
//! trip check that the generated crate's doc-example tests use.

use ::serde::{Serialize, de::DeserializeOwned};

/// Whether an `@odata.type` annotation names the type `qualified_name` (the leading `#` is
/// optional and case is ignored, as the docs are not consistent about either).
#[doc(hidden)]
pub fn odata_type_is(odata_type: Option<&str>, qualified_name: &str) -> bool {
    odata_type.is_some_and(|value| value.strip_prefix('#').unwrap_or(value).eq_ignore_ascii_case(qualified_name))
}

/// Reads a value of one model type as another, through its JSON form. Lossless in both
/// directions: properties the target type does not know stay in its `additional_properties`.
#[doc(hidden)]
pub fn convert<T: Serialize, U: DeserializeOwned>(value: &T) -> Result<U, ::serde_json::Error> {
    let json = ::serde_json::to_string(value)?;
    ::serde_json::from_str(&json)
}

/// Asserts that `json` deserializes as `T` and serializes back to the same JSON value (what the
/// generated example tests call). Compiled only for the crate's own tests (`#[cfg(test)]`): the
/// example tests are in `#[cfg(test)]` modules, and a user of the crate never needs it.
///
/// # Panics
///
/// When the JSON does not deserialize, or comes back different.
#[cfg(test)]
#[doc(hidden)]
#[track_caller]
pub fn assert_round_trip<T: Serialize + DeserializeOwned>(json: &str) {
    let expected: ::serde_json::Value = match ::serde_json::from_str(json) {
        Ok(value) => value,
        Err(error) => panic!("the example is not JSON: {error}"),
    };
    let value: T = match ::serde_json::from_str(json) {
        Ok(value) => value,
        Err(error) => panic!("the example does not deserialize: {error}"),
    };
    let written = match ::serde_json::to_value(&value) {
        Ok(written) => written,
        Err(error) => panic!("the example does not serialize back: {error}"),
    };
    assert_eq!(written, expected, "the example changed in a round trip");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odata_type_matching_tolerates_the_docs_spellings() {
        let name = "microsoft.graph.depEnrollmentProfile";
        assert!(odata_type_is(Some("#microsoft.graph.depEnrollmentProfile"), name));
        assert!(odata_type_is(Some("microsoft.graph.depenrollmentprofile"), name));
        assert!(!odata_type_is(Some("#microsoft.graph.depEnrollmentProfileX"), name));
        assert!(!odata_type_is(None, name));
    }

    /// A plain derived struct drops unknown properties: exactly what the example tests catch.
    #[derive(::serde::Serialize, ::serde::Deserialize)]
    struct Lossy {
        kept: Option<bool>,
    }

    #[test]
    fn round_trips_pass_for_lossless_values() {
        assert_round_trip::<::serde_json::Value>(r#"{"a": [1, {"b": null}]}"#);
        assert_round_trip::<Lossy>(r#"{"kept": true}"#);
    }

    #[test]
    #[should_panic(expected = "the example changed in a round trip")]
    fn round_trips_fail_when_a_property_is_lost() {
        assert_round_trip::<Lossy>(r#"{"kept": true, "dropped": 1}"#);
    }

    #[test]
    #[should_panic(expected = "the example is not JSON")]
    fn round_trips_fail_on_broken_json() {
        assert_round_trip::<Lossy>(r#"{"kept": true,}"#);
    }
}
