//! The baseline of the serde throughput benchmark: what `#[derive(Deserialize, Serialize)]` gives
//! for the same wire format, with the same fields and types as the generated
//! `msgraph_beta::models::DepEnrollmentProfile`, but without keeping unknown properties (serde
//! skips them) or explicit nulls.

use serde::{Deserialize, Serialize};

/// A list response page, like `msgraph_beta::runtime::Collection`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub struct List<T> {
    /// `@odata.context`.
    #[serde(rename = "@odata.context", skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// `@odata.count`.
    #[serde(rename = "@odata.count", skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    /// The items.
    #[serde(default)]
    pub value: Vec<T>,
    /// `@odata.nextLink`.
    #[serde(rename = "@odata.nextLink", skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
}

/// `iTunesPairingMode`, derived: no catch-all for undocumented values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ITunesPairingMode {
    /// `disallow`.
    Disallow,
    /// `allow`.
    Allow,
    /// `requiresCertificate`.
    RequiresCertificate,
}

/// `managementCertificateWithThumbprint`, derived.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagementCertificateWithThumbprint {
    /// `@odata.type`.
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    /// `thumbprint`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbprint: Option<String>,
    /// `certificate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
}

/// `depEnrollmentProfile`, derived: the same fields, in the same order, as the generated model.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DepEnrollmentProfile {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires_user_authentication: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration_endpoint_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_authentication_via_company_portal: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_company_portal_on_setup_assistant_enrolled_devices: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supervised_mode_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass_code_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_mandatory: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_phone_number: Option<String>,
    #[serde(rename = "iTunesPairingMode", skip_serializing_if = "Option::is_none")]
    pub i_tunes_pairing_mode: Option<ITunesPairingMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_removal_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub management_certificates: Option<Vec<ManagementCertificateWithThumbprint>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restore_blocked: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restore_from_android_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apple_id_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms_and_conditions_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub touch_id_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apple_pay_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zoom_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub siri_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics_disabled: Option<bool>,
    #[serde(rename = "macOSRegistrationDisabled", skip_serializing_if = "Option::is_none")]
    pub mac_os_registration_disabled: Option<bool>,
    #[serde(rename = "macOSFileVaultDisabled", skip_serializing_if = "Option::is_none")]
    pub mac_os_file_vault_disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub await_device_configured_confirmation: Option<bool>,
    #[serde(rename = "sharedIPadMaximumUserCount", skip_serializing_if = "Option::is_none")]
    pub shared_i_pad_maximum_user_count: Option<i32>,
    #[serde(rename = "enableSharedIPad", skip_serializing_if = "Option::is_none")]
    pub enable_shared_i_pad: Option<bool>,
}
