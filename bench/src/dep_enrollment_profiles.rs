//! A large, deterministic `depEnrollmentProfile` list response, the input of the serde throughput
//! benchmark.
//!
//! Every item has every documented property with a realistic value (GUID ids, URLs, the three
//! documented `iTunesPairingMode` members, zero to two `managementCertificates` with a SHA-1
//! thumbprint and a base64 certificate) and [`UNKNOWN_PROPERTIES`]: five properties the
//! description does not list, of mixed JSON types (an `@odata.etag` string with escaped quotes, a
//! timestamp with seven fractional digits and an offset, an integer, a boolean and a nested object
//! with an array, a float and a `null`), placed at the start, in the middle and at the end of the
//! item as Graph does. The output is compact JSON, like Graph's, and a pure function of the size
//! asked for.

use std::fmt::Write as _;

/// The properties of every item that `depEnrollmentProfile` does not document, in the order they
/// appear in the item.
pub const UNKNOWN_PROPERTIES: [&str; 5] = [
    "@odata.etag",
    "lastModifiedDateTime",
    "enrolledDeviceCount",
    "waitForDeviceConfiguredConfirmation",
    "setupAssistantSettings",
];

/// The list response's `@odata.context`.
pub const CONTEXT: &str = "https://graph.microsoft.com/beta/$metadata#deviceManagement/depOnboardingSettings('6c7f5b0e-3e2a-4c61-9a43-1d2a8f0b7e55')/enrollmentProfiles";

const PAIRING_MODES: [&str; 3] = ["disallow", "allow", "requiresCertificate"];
const DEPARTMENTS: [&str; 4] = ["IT Support", "Service Desk", "Endpoint Engineering", "Field Services – Zürich"];
const PANES: [&str; 8] = ["appleId", "siri", "touchId", "payment", "zoom", "diagnostics", "location", "restore"];
const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A `{"@odata.context": …, "value": [ … ], "@odata.nextLink": …}` page of at least `min_bytes`
/// bytes: items are added until the document reaches that size.
pub fn list_response(min_bytes: usize) -> String {
    let mut json = String::with_capacity(min_bytes + 4096);
    write!(json, r#"{{"@odata.context":{},"value":["#, quoted(CONTEXT)).unwrap();
    let tail = r#"],"@odata.nextLink":"https://graph.microsoft.com/beta/deviceManagement/depOnboardingSettings('6c7f5b0e-3e2a-4c61-9a43-1d2a8f0b7e55')/enrollmentProfiles?$skiptoken=RFNwdAIAAQAAAA"}"#;
    let mut index = 0u64;
    while json.len() + tail.len() < min_bytes || index == 0 {
        if index > 0 {
            json.push(',');
        }
        write_item(&mut json, index);
        index += 1;
    }
    json.push_str(tail);
    json
}

/// One item, a pure function of its index.
fn write_item(json: &mut String, index: u64) {
    let mut random = SplitMix64(index.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5eed);
    let id = guid(&mut random);
    let flag = |random: &mut SplitMix64| if random.next() & 1 == 0 { "false" } else { "true" };
    let region = ["Redmond", "Dublin", "Singapore", "São Paulo", "Tokyo"][random.below(5) as usize];

    write!(json, r##"{{"@odata.type":"#microsoft.graph.depEnrollmentProfile""##).unwrap();
    // Unknown: the entity tag, a string with escaped quotes.
    write!(json, r#","@odata.etag":"W/\"{:016x}\"""#, random.next()).unwrap();
    write!(json, r#","id":"{id}""#).unwrap();
    write!(json, r#","displayName":"DEP profile {index} – {region} iPads""#).unwrap();
    write!(
        json,
        r#","description":{}"#,
        quoted(&format!(
            "Shared \"{region}\" lab devices, batch {}; assigned to serial numbers imported on {}.",
            random.below(1000),
            date(&mut random)
        ))
    )
    .unwrap();
    // Unknown: a timestamp as Graph writes them, seven fractional digits and an offset.
    write!(
        json,
        r#","lastModifiedDateTime":"{}T{:02}:{:02}:{:02}.{:07}-08:00""#,
        date(&mut random),
        random.below(24),
        random.below(60),
        random.below(60),
        random.below(10_000_000)
    )
    .unwrap();
    write!(json, r#","requiresUserAuthentication":{}"#, flag(&mut random)).unwrap();
    write!(
        json,
        r#","configurationEndpointUrl":"https://appleconfigurator2.manage.microsoft.com/MDMServiceConfig?id={id}&AADTenantId={}""#,
        guid(&mut random)
    )
    .unwrap();
    write!(json, r#","enableAuthenticationViaCompanyPortal":{}"#, flag(&mut random)).unwrap();
    write!(json, r#","requireCompanyPortalOnSetupAssistantEnrolledDevices":{}"#, flag(&mut random)).unwrap();
    write!(json, r#","isDefault":{}"#, if index.is_multiple_of(50) { "true" } else { "false" }).unwrap();
    write!(json, r#","supervisedModeEnabled":{}"#, flag(&mut random)).unwrap();
    write!(json, r#","supportDepartment":"{} {}""#, DEPARTMENTS[random.below(4) as usize], random.below(40)).unwrap();
    write!(json, r#","passCodeDisabled":{}"#, flag(&mut random)).unwrap();
    write!(json, r#","isMandatory":{}"#, flag(&mut random)).unwrap();
    write!(json, r#","locationDisabled":{}"#, flag(&mut random)).unwrap();
    // Unknown: an integer.
    write!(json, r#","enrolledDeviceCount":{}"#, random.below(5000)).unwrap();
    write!(json, r#","supportPhoneNumber":"+1 425-555-{:04}""#, random.below(10_000)).unwrap();
    write!(json, r#","iTunesPairingMode":"{}""#, PAIRING_MODES[random.below(3) as usize]).unwrap();
    write!(json, r#","profileRemovalDisabled":{}"#, flag(&mut random)).unwrap();
    json.push_str(r#","managementCertificates":["#);
    for certificate in 0..index % 3 {
        if certificate > 0 {
            json.push(',');
        }
        write!(json, r#"{{"@odata.type":"microsoft.graph.managementCertificateWithThumbprint","thumbprint":""#)
            .unwrap();
        for _ in 0..40 {
            json.push(char::from(b"0123456789ABCDEF"[random.below(16) as usize]));
        }
        json.push_str(r#"","certificate":"MII"#);
        for _ in 0..300 + random.below(300) {
            json.push(char::from(BASE64[random.below(64) as usize]));
        }
        json.push_str(r#"=="}"#);
    }
    json.push(']');
    for name in [
        "restoreBlocked",
        "restoreFromAndroidDisabled",
        "appleIdDisabled",
        "termsAndConditionsDisabled",
        "touchIdDisabled",
        "applePayDisabled",
        "zoomDisabled",
        "siriDisabled",
        "diagnosticsDisabled",
        "macOSRegistrationDisabled",
        "macOSFileVaultDisabled",
        "awaitDeviceConfiguredConfirmation",
    ] {
        write!(json, r#","{name}":{}"#, flag(&mut random)).unwrap();
    }
    write!(json, r#","sharedIPadMaximumUserCount":{}"#, 2 + random.below(35)).unwrap();
    write!(json, r#","enableSharedIPad":{}"#, flag(&mut random)).unwrap();
    // Unknown: a boolean, then a nested object with an array, a float and a null.
    write!(json, r#","waitForDeviceConfiguredConfirmation":{}"#, flag(&mut random)).unwrap();
    json.push_str(r#","setupAssistantSettings":{"skippedPanes":["#);
    for pane in 0..1 + random.below(4) {
        if pane > 0 {
            json.push(',');
        }
        write!(json, r#""{}""#, PANES[random.below(8) as usize]).unwrap();
    }
    write!(
        json,
        r#"],"language":"en-US","timeoutSeconds":{},"display":{{"darkMode":{},"zoomLevel":1.25}},"notes":null}}"#,
        60 * (1 + random.below(10)),
        flag(&mut random)
    )
    .unwrap();
    json.push('}');
}

/// A JSON string literal.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

fn guid(random: &mut SplitMix64) -> String {
    let (a, b) = (random.next(), random.next());
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

fn date(random: &mut SplitMix64) -> String {
    format!("20{:02}-{:02}-{:02}", 18 + random.below(8), 1 + random.below(12), 1 + random.below(28))
}

/// A small deterministic generator (SplitMix64): the data does not depend on any crate's RNG.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn the_list_is_valid_json_of_at_least_the_size_asked_for() {
        for min in [0, 1, 10_000, 250_000] {
            let json = list_response(min);
            assert!(json.len() >= min, "{} < {min}", json.len());
            let page: Value = serde_json::from_str(&json).expect("valid JSON");
            assert_eq!(page["@odata.context"], CONTEXT);
            assert!(page["@odata.nextLink"].is_string());
            assert!(!page["value"].as_array().unwrap().is_empty());
        }
        assert_eq!(list_response(100_000), list_response(100_000), "deterministic");
    }

    #[test]
    fn every_item_has_the_documented_and_the_unknown_properties() {
        let page: Value = serde_json::from_str(&list_response(200_000)).unwrap();
        let items = page["value"].as_array().unwrap();
        assert!(items.len() > 50);
        let mut modes = std::collections::BTreeSet::new();
        let mut certificate_counts = std::collections::BTreeSet::new();
        for item in items {
            let item = item.as_object().unwrap();
            for name in UNKNOWN_PROPERTIES {
                assert!(item.contains_key(name), "{name} is missing");
            }
            assert!(item["setupAssistantSettings"].is_object());
            assert!(item["enrolledDeviceCount"].is_u64());
            assert!(item["waitForDeviceConfiguredConfirmation"].is_boolean());
            let timestamp = item["lastModifiedDateTime"].as_str().unwrap();
            assert_eq!(timestamp.len(), "2017-01-01T00:00:35.1329464-08:00".len(), "{timestamp}");
            // `@odata.type`, the 31 documented properties and the five unknown ones.
            assert_eq!(item.len(), 32 + UNKNOWN_PROPERTIES.len());
            modes.insert(item["iTunesPairingMode"].as_str().unwrap().to_owned());
            let certificates = item["managementCertificates"].as_array().unwrap();
            certificate_counts.insert(certificates.len());
            for certificate in certificates {
                assert_eq!(certificate["thumbprint"].as_str().unwrap().len(), 40);
                assert!(certificate["certificate"].as_str().unwrap().len() > 300);
            }
        }
        assert_eq!(modes.into_iter().collect::<Vec<_>>(), ["allow", "disallow", "requiresCertificate"]);
        assert_eq!(certificate_counts.into_iter().collect::<Vec<_>>(), [0, 1, 2]);
    }
}
