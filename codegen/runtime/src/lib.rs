//! The runtime of the crates that `msgraph-codegen` generates, as a crate of its own so that it is
//! built, linted, documented and unit-tested on its own.
//!
//! Every generated crate carries the other files of this folder verbatim as its `runtime` module
//! (`codegen/src/emit/mod.rs` embeds them with `include_str!`): unknown-property storage, enum
//! and flags handling, wire-exact primitive values, sans-IO requests (raw ones too), JSON
//! batches, large-file uploads and errors, and (with the `client` feature) an async client. This file is not copied: the generator writes the
//! generated crate's `runtime/mod.rs` itself, and this file declares the same modules with the
//! same re-exports, so that the files compile here exactly as they do there (`super::X` in a
//! file names an item of the runtime module, here the crate root).
//!
//! Not published: depend on a generated crate (`msgraph-beta`) instead.

#![forbid(unsafe_code)]

mod additional_properties;
mod address;
mod base64;
mod batch;
mod batch_json;
mod batch_response;
mod client;
mod client_batch;
mod client_upload;
mod collection;
mod delta;
mod enums;
mod error;
mod literal;
mod object;
mod path;
mod pending;
mod polymorphism;
mod primitives;
mod property;
mod query;
mod raw;
mod request;
mod response;
mod upload;
mod values;

pub use self::additional_properties::*;
pub use self::address::*;
pub use self::batch::*;
pub use self::batch_response::*;
#[cfg(feature = "client")]
pub use self::client::*;
pub use self::collection::*;
pub use self::delta::*;
pub use self::enums::*;
pub use self::error::*;
pub use self::literal::*;
pub use self::object::*;
pub use self::path::*;
pub use self::polymorphism::*;
pub use self::primitives::*;
pub use self::property::*;
pub use self::query::*;
pub use self::raw::*;
pub use self::request::*;
pub use self::response::*;
pub use self::upload::*;
pub use self::values::*;
