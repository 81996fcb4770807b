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
//!
//! [`Payload::Realistic`] is what newer Graph versions send for the same type: twelve undocumented
//! properties per item ([`REALISTIC_UNKNOWN_PROPERTIES`]), among them arrays of strings, an array
//! of assignment objects with nested targets, a nested version range and a long welcome text with
//! escapes (`\n`, `\"`, `\u00e9`, `\/`), so that most of each item's bytes are properties the
//! description does not list. [`Payload::Compact`] is the original page with five.

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

/// The properties of a [`Payload::Realistic`] item that `depEnrollmentProfile` does not document,
/// in the order they appear in the item.
pub const REALISTIC_UNKNOWN_PROPERTIES: [&str; 12] = [
    "@odata.etag",
    "createdDateTime",
    "lastModifiedDateTime",
    "roleScopeTagIds",
    "enrolledDeviceCount",
    "deviceNameTemplate",
    "enabledSkipKeys",
    "assignments",
    "waitForDeviceConfiguredConfirmation",
    "setupAssistantSettings",
    "welcomeScreenText",
    "osVersionRange",
];

/// Which page to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    /// Every documented property and five unknown ones ([`UNKNOWN_PROPERTIES`]).
    Compact,
    /// Every documented property and twelve unknown ones, nested and long, as newer Graph versions
    /// send them ([`REALISTIC_UNKNOWN_PROPERTIES`]).
    Realistic,
}

impl Payload {
    /// The unknown properties of every item, in order.
    pub fn unknown_properties(self) -> &'static [&'static str] {
        match self {
            Payload::Compact => &UNKNOWN_PROPERTIES,
            Payload::Realistic => &REALISTIC_UNKNOWN_PROPERTIES,
        }
    }
}

/// The list response's `@odata.context`.
pub const CONTEXT: &str = "https://graph.microsoft.com/beta/$metadata#deviceManagement/depOnboardingSettings('6c7f5b0e-3e2a-4c61-9a43-1d2a8f0b7e55')/enrollmentProfiles";

const PAIRING_MODES: [&str; 3] = ["disallow", "allow", "requiresCertificate"];
const DEPARTMENTS: [&str; 4] = ["IT Support", "Service Desk", "Endpoint Engineering", "Field Services – Zürich"];
const PANES: [&str; 8] = ["appleId", "siri", "touchId", "payment", "zoom", "diagnostics", "location", "restore"];
const SKIP_KEYS: [&str; 12] = [
    "Location",
    "Restore",
    "AppleID",
    "TOS",
    "Biometric",
    "Payment",
    "Zoom",
    "Siri",
    "Diagnostics",
    "DisplayTone",
    "Privacy",
    "ScreenTime",
];
const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A [`Payload::Compact`] page of at least `min_bytes` bytes.
pub fn list_response(min_bytes: usize) -> String {
    page(Payload::Compact, min_bytes)
}

/// A `{"@odata.context": …, "value": [ … ], "@odata.nextLink": …}` page of at least `min_bytes`
/// bytes: items are added until the document reaches that size.
pub fn page(payload: Payload, min_bytes: usize) -> String {
    let mut json = String::with_capacity(min_bytes + 4096);
    write!(json, r#"{{"@odata.context":{},"value":["#, quoted(CONTEXT)).unwrap();
    let tail = r#"],"@odata.nextLink":"https://graph.microsoft.com/beta/deviceManagement/depOnboardingSettings('6c7f5b0e-3e2a-4c61-9a43-1d2a8f0b7e55')/enrollmentProfiles?$skiptoken=RFNwdAIAAQAAAA"}"#;
    let mut index = 0u64;
    while json.len() + tail.len() < min_bytes || index == 0 {
        if index > 0 {
            json.push(',');
        }
        write_item(&mut json, index, payload);
        index += 1;
    }
    json.push_str(tail);
    json
}

/// One item, a pure function of its index and the payload.
// Long because it is the item's properties one after the other, in wire order.
// Long on purpose: writes one realistic item property by property, as Graph sends it.
fn write_item(json: &mut String, index: u64, payload: Payload) {
    let realistic = payload == Payload::Realistic;
    let mut random = SplitMix64(index.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5eed);
    let id = guid(&mut random);
    let flag = |random: &mut SplitMix64| if random.next() & 1 == 0 { "false" } else { "true" };
    let region = ["Redmond", "Dublin", "Singapore", "São Paulo", "Tokyo"][random.below(5) as usize];

    write!(json, r##"{{"@odata.type":"#microsoft.graph.depEnrollmentProfile""##).unwrap();
    // Unknown: the entity tag, a string with escaped quotes.
    write!(json, r#","@odata.etag":"W/\"{:016x}\"""#, random.next()).unwrap();
    write!(json, r#","id":"{id}""#).unwrap();
    if realistic {
        let created = date(&mut random);
        let (minute, second, fraction) = (random.below(60), random.below(60), random.below(10_000_000));
        write!(json, r#","createdDateTime":"{created}T08:{minute:02}:{second:02}.{fraction:07}Z""#).unwrap();
    }
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
    if realistic {
        json.push_str(r#","roleScopeTagIds":["0""#);
        for _ in 0..random.below(4) {
            write!(json, r#","{}""#, random.below(100)).unwrap();
        }
        json.push(']');
    }
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
    if realistic {
        write_realistic_middle(json, &mut random, region);
    }
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
    if realistic {
        write_realistic_end(json, &mut random, region);
    }
    json.push('}');
}

/// The unknown properties of a realistic item between `enrolledDeviceCount` and
/// `supportPhoneNumber`: a name template with escaped quotes, the skipped setup keys, and the
/// profile's assignments, objects with a nested target.
fn write_realistic_middle(json: &mut String, random: &mut SplitMix64, region: &str) {
    write!(json, r#","deviceNameTemplate":"Lab-{{{{SERIAL}}}} \"{region}\"""#).unwrap();
    json.push_str(r#","enabledSkipKeys":["#);
    for key in 0..8 + random.below(9) {
        if key > 0 {
            json.push(',');
        }
        write!(json, r#""{}""#, SKIP_KEYS[random.below(SKIP_KEYS.len() as u64) as usize]).unwrap();
    }
    json.push_str(r#"],"assignments":["#);
    for assignment in 0..1 + random.below(3) {
        if assignment > 0 {
            json.push(',');
        }
        let (group, filter) = (guid(random), guid(random));
        let filter = if random.next() & 1 == 0 { "null".to_owned() } else { format!(r#""{filter}""#) };
        let mode = ["none", "include", "exclude"][random.below(3) as usize];
        write!(
            json,
            r##"{{"id":"{group}_{}","source":"direct","target":{{"@odata.type":"#microsoft.graph.groupAssignmentTarget","deviceAndAppManagementAssignmentFilterId":{filter},"deviceAndAppManagementAssignmentFilterType":"{mode}","groupId":"{group}"}}}}"##,
            random.below(100),
        )
        .unwrap();
    }
    json.push(']');
}

/// The unknown properties at the end of a realistic item: a long welcome text with escapes, and
/// a nested version range.
fn write_realistic_end(json: &mut String, random: &mut SplitMix64, region: &str) {
    let mut text = format!(r#"Welcome to the {region} lab, café \"Zürich\" edition.\n"#);
    for line in 0..4 + random.below(8) {
        let (link, ticket, pane) = (random.below(100), random.below(100_000), PANES[random.below(8) as usize]);
        write!(
            text,
            r#"Step {line}: sign in with your work account at https:\/\/aka.ms\/lab{link} and keep the device on power.\n\tTicket \u00e9{ticket:05}; \"{pane}\".\n"#
        )
        .unwrap();
    }
    write!(json, r#","welcomeScreenText":"{text}""#).unwrap();
    let (major, minor, patch) = (15 + random.below(3), random.below(6), random.below(4));
    write!(
        json,
        r#","osVersionRange":{{"minimumVersion":"{major}.{minor}","maximumVersion":null,"blockedVersions":["16.4.1","17.0.{patch}"]}}"#
    )
    .unwrap();
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
    fn realistic_items_are_mostly_unknown_properties_nested_long_and_escaped() {
        let json = page(Payload::Realistic, 300_000);
        assert!(json.len() >= 300_000);
        assert_eq!(json, page(Payload::Realistic, 300_000), "deterministic");
        let page: Value = serde_json::from_str(&json).unwrap();
        let items = page["value"].as_array().unwrap();
        assert!(items.len() > 50);
        let (mut unknown_bytes, mut all_bytes) = (0, 0);
        for item in items {
            let item = item.as_object().unwrap();
            for name in REALISTIC_UNKNOWN_PROPERTIES {
                assert!(item.contains_key(name), "{name} is missing");
            }
            assert_eq!(item.len(), 32 + REALISTIC_UNKNOWN_PROPERTIES.len());
            assert!(item["assignments"][0]["target"]["groupId"].is_string());
            assert!(item["enabledSkipKeys"].as_array().unwrap().len() >= 8);
            let text = item["welcomeScreenText"].as_str().unwrap();
            assert!(text.len() > 300 && text.contains("\tTicket é") && text.contains("\"Zürich\""), "{text}");
            assert!(text.contains("https://aka.ms/lab"), "{text}");
            all_bytes += serde_json::to_string(item).unwrap().len();
            unknown_bytes += REALISTIC_UNKNOWN_PROPERTIES
                .iter()
                .map(|name| serde_json::to_string(&item[*name]).unwrap().len() + name.len() + 4)
                .sum::<usize>();
        }
        assert!(unknown_bytes * 2 > all_bytes, "most bytes are unknown: {unknown_bytes} of {all_bytes}");
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
