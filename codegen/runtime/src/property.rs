//! The paths that end a walk: a structural property addressed on its own ([`Property`]), whose
//! value is read and changed alone, and a stream ([`Media`]), whose content is downloaded and
//! uploaded. Both are reached from the builders of `address.rs` (`Item::property`, a
//! navigation to a media entity's `$value`, an `Edm.Stream` property).

use ::core::fmt;
use ::core::marker::PhantomData;

use ::serde::Serialize;
use ::serde::de::DeserializeOwned;

use super::{Address, Addressed, GetQuery, Outcome, PathBuilder, Request, decode_bytes, decode_outcome};

/// A structural property of an entity (`/me/mailboxSettings`, `/print/settings`), or a property
/// of such a property (`/me/mailboxSettings/timeZone`), addressed on its own by its name: read
/// with `get`, changed with `update`. `T` is the property's type as the models write it (the
/// complex type's struct, `String`, `i32`, …).
#[must_use]
pub struct Property<T> {
    address: Address,
    marker: PhantomData<fn() -> T>,
}

/// A stream: a media entity's content (`…/photo/$value`) or an `Edm.Stream` property
/// (`…/items/{id}/content`).
#[must_use]
pub struct Media {
    address: Address,
    marker: PhantomData<()>,
}

impl<T> Clone for Property<T> {
    fn clone(&self) -> Self {
        Self { address: self.address.clone(), marker: PhantomData }
    }
}

impl<T> fmt::Debug for Property<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.address.fmt("Property", f)
    }
}

impl<T> Addressed for Property<T> {
    fn at(path: PathBuilder, api_version: &'static str) -> Self {
        Self { address: Address { path, api_version }, marker: PhantomData }
    }

    fn address(&self) -> (&PathBuilder, &'static str) {
        (&self.address.path, self.address.api_version)
    }
}

impl Clone for Media {
    fn clone(&self) -> Self {
        Self { address: self.address.clone(), marker: PhantomData }
    }
}

impl fmt::Debug for Media {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.address.fmt("Media", f)
    }
}

impl Addressed for Media {
    fn at(path: PathBuilder, api_version: &'static str) -> Self {
        Self { address: Address::new(path, api_version), marker: PhantomData }
    }

    fn address(&self) -> (&PathBuilder, &'static str) {
        (&self.address.path, self.address.api_version)
    }
}

impl<T> Property<T> {
    /// `…/{name}`: a property of this (complex) property, typed `P`.
    pub fn property<P>(&self, name: &str) -> Property<P> {
        Property::at(self.address.path.clone().key("property", name), self.address.api_version)
    }

    /// `GET …`: the property's value (`$select` and `$expand` apply to a structured one). A
    /// structured value comes as it is; a primitive or enum value comes wrapped,
    /// `{"value": …}`, and is read from there.
    pub fn get(&self) -> Request<T, GetQuery>
    where
        T: DeserializeOwned,
    {
        self.address.request(::http::Method::GET, self.address.path.clone(), 200, decode_property)
    }

    /// `PATCH …`: changes the parts of a structured property set in `body` (Graph answers `204`,
    /// or `200` with the value).
    pub fn update(&self, body: &T) -> Request<Outcome<T>>
    where
        T: Serialize + DeserializeOwned,
    {
        self.address.request(::http::Method::PATCH, self.address.path.clone(), 204, decode_outcome).json_body(body)
    }
}

/// Decodes a property's value: as it is, or (a primitive or enum) from its `{"value": …}`.
fn decode_property<T: DeserializeOwned>(answer: &super::Answer<'_>) -> Result<T, ::serde_json::Error> {
    match answer.json() {
        Ok(value) => Ok(value),
        Err(error) => super::decode_value(answer).map_err(|_| error),
    }
}

impl Media {
    /// `GET …`: the content, as bytes.
    pub fn get(&self) -> Request<Vec<u8>> {
        self.address.request(::http::Method::GET, self.address.path.clone(), 200, decode_bytes).header("Accept", "*/*")
    }

    /// `PUT …`: uploads `bytes` as the content, with its media type (`image/jpeg`). Graph
    /// answers with the entity the content belongs to, or with nothing.
    pub fn put(&self, bytes: Vec<u8>, content_type: &str) -> Request<Outcome<::serde_json::Value>> {
        let request = self.address.request(::http::Method::PUT, self.address.path.clone(), 200, decode_outcome);
        request.bytes_body(bytes, content_type)
    }
}
