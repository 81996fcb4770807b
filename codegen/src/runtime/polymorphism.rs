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
}
