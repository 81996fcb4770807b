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
//! The generated sources are not in the repository; `msgraph-codegen generate` writes the same
//! crate to a folder for anyone who wants to read or vendor it.

#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/msgraph.rs"));
