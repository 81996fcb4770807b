//! Wire-format behaviour of the generated models: the seed pages' examples round-trip, unknown
//! properties and enum values survive, builders send only what was set, `null` is kept, and
//! values read as a base type convert to their derived type.

use msgraph_beta::models::{
    AnyEnrollmentProfile, AnyEntity, DepEnrollmentProfile, EnrollmentProfile, Entity, ITunesPairingMode,
    ManagementCertificateWithThumbprint,
};
use msgraph_tests::read_fixture;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Deserializes `json` as `T`, serializes it back, and asserts the two are the same JSON.
fn assert_round_trip<T: DeserializeOwned + Serialize>(json: &str) -> T {
    let value: T = serde_json::from_str(json).expect("the example deserializes");
    let written = serde_json::to_string(&value).expect("the value serializes");
    let expected: Value = serde_json::from_str(json).unwrap();
    let actual: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(actual, expected, "round trip changed the JSON");
    value
}

/// The JSON bodies of the ```` ``` http ```` blocks of a markdown page: what follows the headers.
fn http_block_bodies(markdown: &str) -> Vec<String> {
    let mut bodies = Vec::new();
    for block in markdown.split("``` http").skip(1) {
        let block = block.split("```").next().unwrap();
        if let Some((_, body)) = block.split_once("\n\n")
            && body.trim_start().starts_with('{')
        {
            bodies.push(body.trim().to_owned());
        }
    }
    bodies
}

#[test]
fn create_page_examples_round_trip() {
    let page = read_fixture("seeds/depenrollmentprofile-create.md");
    let bodies = http_block_bodies(&page);
    assert_eq!(bodies.len(), 2, "the create page has a request and a response example");
    for body in &bodies {
        let profile: DepEnrollmentProfile = assert_round_trip(body);
        // The page's own example sends "String" for the enum: kept, not rejected.
        assert_eq!(profile.i_tunes_pairing_mode, Some(ITunesPairingMode::Other("String".into())));
        assert_eq!(profile.shared_i_pad_maximum_user_count, Some(10));
        assert_eq!(profile.mac_os_file_vault_disabled, Some(true));
        assert_eq!(profile.display_name.as_deref(), Some("Display Name value"));
        assert_eq!(profile.odata_type.as_deref(), Some(DepEnrollmentProfile::ODATA_TYPE));
        let certificates = profile.management_certificates.as_deref().unwrap();
        assert_eq!(certificates[0].thumbprint.as_deref(), Some("Thumbprint value"));
        assert!(profile.additional_properties.is_empty(), "every property is documented");
    }
    let response: DepEnrollmentProfile = serde_json::from_str(&bodies[1]).unwrap();
    assert_eq!(response.id.as_deref(), Some("a0fcd748-d748-a0fc-48d7-fca048d7fca0"));
}

#[test]
fn update_page_examples_round_trip() {
    for name in ["examples/update-request.json", "examples/update-response.json"] {
        let profile: DepEnrollmentProfile = assert_round_trip(&read_fixture(name));
        assert_eq!(profile.i_tunes_pairing_mode, Some(ITunesPairingMode::Allow));
        assert!(profile.additional_properties.is_empty());
    }
}

#[test]
fn restored_update_examples_add_only_braces() {
    let page = read_fixture("seeds/depenrollmentprofile-update.rendered.txt");
    let page_lines: Vec<&str> = page.lines().map(str::trim).collect();
    for name in ["examples/update-request.json", "examples/update-response.json"] {
        let fixture = read_fixture(name);
        let kept: Vec<&str> = fixture
            .lines()
            .map(str::trim)
            .filter(|line| !matches!(*line, "{" | "}" | "}," | "[" | "]" | "],"))
            .map(|line| line.trim_end_matches(','))
            .collect();
        let matches = page_lines
            .windows(kept.len())
            .any(|window| window.iter().map(|l| l.trim_end_matches(',')).eq(kept.iter().copied()));
        assert!(matches, "{name} is not the page's example with only braces restored");
    }
}

#[test]
fn unknown_properties_and_enum_values_survive() {
    let payload = json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceManagement/depOnboardingSettings('x')/enrollmentProfiles/$entity",
        "@odata.type": "#microsoft.graph.depEnrollmentProfile",
        "@odata.etag": "W/\"abc\"",
        "id": "3d4534f7-34f7-3d45-f734-453df734453d",
        "iTunesPairingMode": "someFutureMode",
        "waitForDeviceConfiguredConfirmation": true,
        "newNestedSetting": {"levels": [1, 2.5, -3e10], "label": "é \"quoted\" \u{1F600}", "empty": {}, "none": null},
        "managementCertificates": [{"thumbprint": "t", "expiryDateTime": "2030-01-01T00:00:00.1234567-08:00"}],
        "sharedIPadMaximumUserCount": 2147483647
    });
    let profile: DepEnrollmentProfile = assert_round_trip(&payload.to_string());
    assert_eq!(profile.i_tunes_pairing_mode, Some(ITunesPairingMode::from_wire("someFutureMode")));
    assert!(!profile.i_tunes_pairing_mode.as_ref().unwrap().is_documented());
    assert_eq!(profile.additional_properties.len(), 4);
    assert!(profile.additional_properties.get_as::<bool>("waitForDeviceConfiguredConfirmation").unwrap().unwrap());
    let certificate: &ManagementCertificateWithThumbprint = &profile.management_certificates.as_ref().unwrap()[0];
    assert!(certificate.additional_properties.get("expiryDateTime").is_some());

    // Also through serde_json::Value, which is how many callers build payloads.
    let from_value: DepEnrollmentProfile = serde_json::from_value(payload.clone()).unwrap();
    assert_eq!(serde_json::to_value(&from_value).unwrap(), payload);
    assert_eq!(from_value, profile, "equality ignores the formatting of kept JSON");

    // And from bytes and from a reader, where serde_json hands out the raw text differently.
    let text = serde_json::to_string_pretty(&payload).unwrap();
    let from_slice: DepEnrollmentProfile = serde_json::from_slice(text.as_bytes()).unwrap();
    let from_reader: DepEnrollmentProfile = serde_json::from_reader(text.as_bytes()).unwrap();
    for read in [&from_slice, &from_reader] {
        assert_eq!(serde_json::to_value(read).unwrap(), payload);
        assert_eq!(read, &profile);
    }
    let nested = from_reader.additional_properties.get("newNestedSetting").unwrap().get();
    assert!(nested.contains("\n"), "pretty-printed raw text is kept as it was: {nested}");
}

#[test]
fn unknown_names_and_values_are_kept_exactly_as_sent() {
    // Escaped names (which serde_json cannot lend out), escaped text inside kept values, and a
    // repeated name: the payload decides, in its order.
    let text = r#"{"id":"1","tab\tname":[1, 2],"\u00e9":"\u00e9","id2":null,"tab\tname":{}}"#;
    let profile: DepEnrollmentProfile = serde_json::from_str(text).unwrap();
    let kept: Vec<(&str, &str)> = profile.additional_properties.iter().map(|(name, raw)| (name, raw.get())).collect();
    assert_eq!(kept, [("tab\tname", "[1, 2]"), ("é", r#""\u00e9""#), ("id2", "null"), ("tab\tname", "{}")]);
    assert_eq!(
        serde_json::to_string(&profile).unwrap(),
        r#"{"id":"1","tab\tname":[1, 2],"é":"\u00e9","id2":null,"tab\tname":{}}"#
    );
}

#[test]
fn explicit_nulls_are_kept_and_setting_a_field_wins() {
    let payload = json!({"id": "1", "displayName": null, "managementCertificates": null, "unknown": null});
    let mut profile: DepEnrollmentProfile = assert_round_trip(&payload.to_string());
    assert_eq!(profile.display_name, None);
    profile.display_name = Some("Renamed".into());
    let written = serde_json::to_value(&profile).unwrap();
    assert_eq!(written, json!({"id": "1", "displayName": "Renamed", "managementCertificates": null, "unknown": null}));
}

#[test]
fn builders_write_only_what_was_set() {
    let profile = DepEnrollmentProfile::builder()
        .display_name("Lab iPads")
        .i_tunes_pairing_mode(ITunesPairingMode::Allow)
        .build();
    assert_eq!(
        serde_json::to_value(&profile).unwrap(),
        json!({"displayName": "Lab iPads", "iTunesPairingMode": "allow"})
    );
    assert_eq!(serde_json::to_value(DepEnrollmentProfile::default()).unwrap(), json!({}));

    let full = DepEnrollmentProfile::builder()
        .odata_type(DepEnrollmentProfile::ODATA_TYPE)
        .shared_i_pad_maximum_user_count(4)
        .management_certificates([ManagementCertificateWithThumbprint::builder().thumbprint("ab").build()])
        .build();
    assert_eq!(
        serde_json::to_value(&full).unwrap(),
        json!({
            "@odata.type": "#microsoft.graph.depEnrollmentProfile",
            "sharedIPadMaximumUserCount": 4,
            "managementCertificates": [{"thumbprint": "ab"}]
        })
    );
}

#[test]
fn enums_use_documented_wire_values() {
    for (member, wire) in [
        (ITunesPairingMode::Disallow, "disallow"),
        (ITunesPairingMode::Allow, "allow"),
        (ITunesPairingMode::RequiresCertificate, "requiresCertificate"),
    ] {
        assert_eq!(serde_json::to_value(&member).unwrap(), json!(wire));
        assert_eq!(serde_json::from_value::<ITunesPairingMode>(json!(wire)).unwrap(), member);
        assert_eq!(wire.parse::<ITunesPairingMode>().unwrap(), member);
        assert_eq!(member.to_string(), wire);
    }
    assert_eq!(ITunesPairingMode::DOCUMENTED.len(), 3);
    // Wire values are case-sensitive: another spelling is kept as it is, not guessed.
    assert_eq!(ITunesPairingMode::from_wire("Allow"), ITunesPairingMode::Other("Allow".into()));
    assert!(serde_json::from_value::<ITunesPairingMode>(json!(1)).is_err());
}

#[test]
fn base_type_values_convert_to_their_derived_type() {
    // A list of enrollment profiles returns derived types, read here as the base type.
    let list = json!([
        {"@odata.type": "#microsoft.graph.depEnrollmentProfile", "id": "1", "displayName": "DEP", "isDefault": true, "iTunesPairingMode": "allow"},
        {"@odata.type": "#microsoft.graph.futureEnrollmentProfile", "id": "2", "platform": "iOS", "availableEnrollmentTypeOptions": []},
        {"id": "3", "displayName": "no type annotation"}
    ]);
    let profiles: Vec<EnrollmentProfile> = serde_json::from_value(list.clone()).unwrap();
    assert_eq!(serde_json::to_value(&profiles).unwrap(), list, "reading as the base type loses nothing");
    assert_eq!(profiles[0].additional_properties.get("isDefault").unwrap().get(), "true");

    let derived: Vec<AnyEnrollmentProfile> = profiles.into_iter().map(|p| p.into_derived().unwrap()).collect();
    match &derived[0] {
        AnyEnrollmentProfile::DepEnrollmentProfile(dep) => {
            assert_eq!(dep.is_default, Some(true));
            assert_eq!(dep.i_tunes_pairing_mode, Some(ITunesPairingMode::Allow));
            assert_eq!(dep.display_name.as_deref(), Some("DEP"));
            assert!(dep.additional_properties.is_empty());
        }
        other => panic!("expected a depEnrollmentProfile, got {other:?}"),
    }
    match &derived[1] {
        AnyEnrollmentProfile::EnrollmentProfile(unknown) => {
            assert_eq!(unknown.odata_type.as_deref(), Some("#microsoft.graph.futureEnrollmentProfile"));
            assert_eq!(unknown.additional_properties.get("platform").unwrap().get(), "\"iOS\"");
        }
        other => panic!("an unknown derived type must stay the base type, got {other:?}"),
    }
    assert!(matches!(derived[2], AnyEnrollmentProfile::EnrollmentProfile(_)));
    assert_eq!(serde_json::to_value(&derived).unwrap(), list, "the derived values write back the same JSON");

    // The enum deserializes directly too, and the root type knows every descendant.
    let direct: Vec<AnyEnrollmentProfile> = serde_json::from_value(list.clone()).unwrap();
    assert_eq!(direct, derived);
    let entity: AnyEntity = serde_json::from_value(list[0].clone()).unwrap();
    assert!(matches!(entity, AnyEntity::DepEnrollmentProfile(_)));
    let plain: AnyEntity = serde_json::from_value(json!({"id": "x"})).unwrap();
    assert_eq!(plain, AnyEntity::Entity(Entity::builder().id("x").build()));
}

#[test]
fn a_derived_type_with_a_wrong_property_type_is_an_error_not_a_loss() {
    let wrong = json!({"@odata.type": "#microsoft.graph.depEnrollmentProfile", "isDefault": "yes"});
    let base: EnrollmentProfile = serde_json::from_value(wrong).unwrap();
    let error = base.into_derived().unwrap_err();
    assert!(error.to_string().contains("expected a boolean"), "{error}");
}

#[test]
fn wrong_types_are_errors_that_name_the_problem() {
    let error = serde_json::from_str::<DepEnrollmentProfile>(r#"{"sharedIPadMaximumUserCount": "ten"}"#).unwrap_err();
    assert!(error.to_string().contains("expected i32"), "{error}");
    let error = serde_json::from_str::<DepEnrollmentProfile>("[]").unwrap_err();
    assert!(error.to_string().contains("microsoft.graph.depEnrollmentProfile"), "{error}");
}
