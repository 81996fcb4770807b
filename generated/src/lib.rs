//! Typed Microsoft Graph **beta** models, generated at build time by `msgraph-codegen` from the
//! description files in the repository's `schema/` folder.
//!
//! > Microsoft Graph APIs under the `/beta` version are subject to change; production use is not
//! > supported.
//!
//! Every model is a plain struct with `pub` optional fields named in snake case, so you can read
//! what Graph sends and build what you send:
//!
//! ```
//! use msgraph_beta::models::{DepEnrollmentProfile, ITunesPairingMode};
//! use msgraph_beta::serde_json;
//!
//! let profile = DepEnrollmentProfile::builder()
//!     .display_name("Lab iPads")
//!     .i_tunes_pairing_mode(ITunesPairingMode::Allow)
//!     .build();
//! assert_eq!(
//!     serde_json::to_string(&profile).unwrap(),
//!     r#"{"displayName":"Lab iPads","iTunesPairingMode":"allow"}"#
//! );
//! ```
//!
//! - Fields the payload leaves out are `None`, and `None` is never written.
//! - JSON properties the description does not list are kept in `additional_properties` and
//!   written back, so deserializing and serializing any Graph payload loses nothing.
//! - Enums keep undocumented values in their `Other` variant.
//! - Values read as a base type (`EnrollmentProfile`) convert to the derived type their
//!   `@odata.type` names with `into_derived`.
//!
//! Every documented operation is a function in [`requests`] that builds a sans-IO request: turn
//! it into an [`http::Request`] for any HTTP client, and the [`http::Response`] into the typed
//! result. With the `client` feature, `runtime::Client` sends it for you (bearer token, retries,
//! paging).
//!
//! The crates whose types are in this API are re-exported, [`http`] and [`serde_json`], so a
//! dependency on this crate is all you need.
//!
//! ```
//! use msgraph_beta::requests::dep_enrollment_profile as profiles;
//! use msgraph_beta::runtime::Cloud;
//!
//! let request = profiles::get("setting-1", "a/../b").select(["id", "displayName"]);
//! let http = request.to_http(&Cloud::UsGovL4).unwrap();
//! assert_eq!(http.method(), "GET");
//! assert_eq!(
//!     http.uri(),
//!     "https://graph.microsoft.us/beta/deviceManagement/depOnboardingSettings/setting-1/enrollmentProfiles/a%2F..%2Fb?$select=id,displayName"
//! );
//! ```
//!
//! The generated sources are not in the repository; `msgraph-codegen generate` writes the same
//! crate to a folder for anyone who wants to read or vendor it.

#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/msgraph.rs"));

#[doc(no_inline)]
pub use runtime::{http, serde_json};

/// The README's Rust examples, compiled and run as doc tests of this crate by `cargo test`.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeExamples;

/// The Rust examples of `docs/generated-crate.md`, doc tests like the README's.
#[doc = include_str!("../../docs/generated-crate.md")]
#[cfg(doctest)]
pub struct GeneratedCrateExamples;

/// The Rust examples of `docs/description-format.md`, doc tests like the README's.
#[doc = include_str!("../../docs/description-format.md")]
#[cfg(doctest)]
pub struct DescriptionFormatExamples;

/// The Rust examples of `docs/importing.md`, doc tests like the README's.
#[doc = include_str!("../../docs/importing.md")]
#[cfg(doctest)]
pub struct ImportingExamples;

/// The Rust examples of `docs/metadata.md`, doc tests like the README's.
#[doc = include_str!("../../docs/metadata.md")]
#[cfg(doctest)]
pub struct MetadataExamples;

/// The Rust examples of `docs/change-report.md`, doc tests like the README's.
#[doc = include_str!("../../docs/change-report.md")]
#[cfg(doctest)]
pub struct ChangeReportExamples;

/// The Rust examples of `docs/architecture.md`, doc tests like the README's.
#[doc = include_str!("../../docs/architecture.md")]
#[cfg(doctest)]
pub struct ArchitectureExamples;

/// The Rust examples of `docs/cli.md`, doc tests like the README's.
#[doc = include_str!("../../docs/cli.md")]
#[cfg(doctest)]
pub struct CliExamples;
