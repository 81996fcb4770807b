//! Reading a successful answer: the decoders the generated requests use, how a request reads
//! its answer (`ResponseParser`, shared with batches), and [`Outcome`], the result of an
//! operation that may answer with a body, with nothing, or with `202 Accepted`.
//!
//! Graph and its metadata do not pin one success status (a `PATCH` documented as `200` often
//! answers `204`, a long-running action answers `202` with a `Location`), so any 2xx is success;
//! what an operation's result can be is said by its type.

use ::core::cell::Cell;
use ::std::borrow::Cow;

use ::serde::de::DeserializeOwned;
use ::serde::{Deserialize, Serialize};

use super::Error;

/// A successful answer as a decoder sees it.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    /// The status (2xx).
    pub status: ::http::StatusCode,
    headers: Headers<'a>,
    body: Body<'a>,
}

/// The headers of an [`Answer`].
#[derive(Debug, Clone, Copy)]
enum Headers<'a> {
    /// A response's.
    Map(&'a ::http::HeaderMap),
    /// A batch's sub-response's, as its JSON has them (names and text values), read as a
    /// [`HeaderMap`](::http::HeaderMap) would have them; not made into one, which would cost as
    /// much as reading an entity's body.
    Sent(&'a [(Cow<'a, str>, Cow<'a, str>)]),
}

/// The body of an [`Answer`].
#[derive(Debug, Clone, Copy)]
enum Body<'a> {
    /// The whole body.
    Whole(&'a [u8]),
    /// A batch answer from a sub-response's body on, the body being a JSON object or array, read
    /// while the batch answer's envelope is, so that the body is read once. A decoder that reads
    /// its one JSON value sets `end`, where the value ends in `text`; a decoder that needs the
    /// body whole does not, and its result is not kept (the body is found, and read, when the
    /// result is taken).
    Leading { text: &'a [u8], end: &'a Cell<Option<usize>> },
}

impl<'a> Answer<'a> {
    /// The answer with `status`, `headers` and the whole `body`.
    pub(super) fn new(status: ::http::StatusCode, headers: &'a ::http::HeaderMap, body: &'a [u8]) -> Self {
        Self { status, headers: Headers::Map(headers), body: Body::Whole(body) }
    }

    /// A batch's sub-response with the `headers` it was sent with, `text` being the batch answer
    /// from its body (an object or array) on: a decoder that reads the body as JSON sets `end`
    /// (see [`Answer::json`]).
    pub(super) fn leading(
        status: ::http::StatusCode,
        headers: &'a [(Cow<'a, str>, Cow<'a, str>)],
        text: &'a [u8],
        end: &'a Cell<Option<usize>>,
    ) -> Self {
        Self { status, headers: Headers::Sent(headers), body: Body::Leading { text, end } }
    }

    /// The first value of header `name`, if it has one that is text.
    pub(super) fn header(&self, name: &::http::HeaderName) -> Option<&'a str> {
        match self.headers {
            Headers::Map(headers) => headers.get(name)?.to_str().ok(),
            // As the sub-response's `HeaderMap` would have it: names without case, and values
            // that HTTP can carry.
            Headers::Sent(headers) => headers.iter().find_map(|(sent, value)| {
                let valid = sent.eq_ignore_ascii_case(name.as_str()) && ::http::HeaderValue::from_str(value).is_ok();
                valid.then_some(&**value)
            }),
        }
    }

    /// The body, for a decoder that reads it whole rather than as JSON (bytes, a count). Empty
    /// while a batch's answer is read: such a decoder's result is not kept then, and it is
    /// called again with the body when the result is taken.
    pub(super) fn body(&self) -> &'a [u8] {
        match self.body {
            Body::Whole(body) => body,
            Body::Leading { .. } => &[],
        }
    }

    /// The body read as one JSON value of type `T`: `serde_json::from_slice` of the body, or in
    /// a batch's answer the value at the start of the sub-response's body, whose end is then
    /// noted.
    pub(super) fn json<T: DeserializeOwned>(&self) -> Result<T, ::serde_json::Error> {
        match self.body {
            Body::Whole(body) => ::serde_json::from_slice(body),
            Body::Leading { text, end } => {
                let mut values = ::serde_json::Deserializer::from_slice(text).into_iter::<T>();
                let value = values.next().unwrap_or_else(|| {
                    Err(<::serde_json::Error as ::serde::de::Error>::custom("a JSON value expected"))
                })?;
                end.set(Some(values.byte_offset()));
                Ok(value)
            }
        }
    }

    /// Whether the answer has no body (a blank one counts as none).
    fn is_blank(&self) -> bool {
        match self.body {
            Body::Whole(body) => body.iter().all(u8::is_ascii_whitespace),
            Body::Leading { .. } => false,
        }
    }
}

/// How a request reads its successful answer.
#[doc(hidden)]
pub type Decode<T> = fn(&Answer<'_>) -> Result<T, ::serde_json::Error>;

/// The result of an operation that may answer with its documented body, with an empty 2xx, or
/// with `202 Accepted` (creating, updating, actions and uploads).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Outcome<T> {
    /// The answer's body.
    Body(T),
    /// A 2xx without a body (such as `204 No Content` for a `PATCH` documented as `200`).
    NoContent,
    /// `202 Accepted`: the work goes on; `location` is where to follow it (the `Location`
    /// header), when Graph sent one.
    Accepted {
        /// The `Location` header.
        location: Option<String>,
    },
}

impl<T> Outcome<T> {
    /// The body, if the answer had one.
    pub fn into_body(self) -> Option<T> {
        match self {
            Self::Body(body) => Some(body),
            _ => None,
        }
    }

    /// The body, if the answer had one.
    pub fn body(&self) -> Option<&T> {
        match self {
            Self::Body(body) => Some(body),
            _ => None,
        }
    }
}

/// A reference to an entity, as `…/$ref` operations send and list it:
/// `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The entity's URL.
    #[serde(rename = "@odata.id")]
    pub odata_id: String,
}

impl Reference {
    /// A reference to the entity at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Self { odata_id: url.into() }
    }
}

/// Decodes a JSON response body.
#[doc(hidden)]
pub fn decode_json<T: DeserializeOwned>(answer: &Answer<'_>) -> Result<T, ::serde_json::Error> {
    answer.json()
}

/// Decodes one primitive or enum result, which OData's JSON format wraps:
/// `{"@odata.context": "…#Edm.Boolean", "value": true}`.
#[doc(hidden)]
pub fn decode_value<T: DeserializeOwned>(answer: &Answer<'_>) -> Result<T, ::serde_json::Error> {
    /// The wrapper; `@odata.context` and other annotations are ignored.
    #[derive(Deserialize)]
    struct Wrapped<T> {
        value: T,
    }
    answer.json::<Wrapped<T>>().map(|wrapped| wrapped.value)
}

/// Decodes an [`Outcome`] whose body is one wrapped primitive or enum value (an action's
/// result; see [`decode_value`]).
#[doc(hidden)]
pub fn decode_outcome_value<T: DeserializeOwned>(answer: &Answer<'_>) -> Result<Outcome<T>, ::serde_json::Error> {
    match without_body(answer) {
        Some(outcome) => Ok(outcome),
        None => decode_value(answer).map(Outcome::Body),
    }
}

/// The outcome of an answer without a body to read: `202`, or a blank body.
fn without_body<T>(answer: &Answer<'_>) -> Option<Outcome<T>> {
    if answer.status == ::http::StatusCode::ACCEPTED {
        let location = answer.header(&::http::header::LOCATION);
        return Some(Outcome::Accepted { location: location.map(str::to_owned) });
    }
    answer.is_blank().then_some(Outcome::NoContent)
}

/// Accepts any body of a response documented to have none.
#[doc(hidden)]
pub fn decode_empty(_answer: &Answer<'_>) -> Result<(), ::serde_json::Error> {
    Ok(())
}

/// Decodes an [`Outcome`]: `202` as accepted, an empty body as no content, otherwise JSON.
#[doc(hidden)]
pub fn decode_outcome<T: DeserializeOwned>(answer: &Answer<'_>) -> Result<Outcome<T>, ::serde_json::Error> {
    match without_body(answer) {
        Some(outcome) => Ok(outcome),
        None => answer.json().map(Outcome::Body),
    }
}

/// The raw bytes of a media download (`…/$value`, `…/content`).
#[doc(hidden)]
pub fn decode_bytes(answer: &Answer<'_>) -> Result<Vec<u8>, ::serde_json::Error> {
    Ok(answer.body().to_vec())
}

/// The plain-text number of a `…/$count` answer.
#[doc(hidden)]
pub fn decode_count(answer: &Answer<'_>) -> Result<i64, ::serde_json::Error> {
    // Graph starts the text with a byte-order mark.
    let text = ::core::str::from_utf8(answer.body()).unwrap_or_default().trim_start_matches('\u{feff}').trim();
    text.parse()
        .map_err(|_| <::serde_json::Error as ::serde::de::Error>::custom(format_args!("`{text}` is not a count")))
}

/// How a request reads its response (see [`Request::parse_response`](super::Request::parse_response)),
/// kept apart from the request by a batch.
pub(super) struct ResponseParser<T> {
    success: ::http::StatusCode,
    decode: Decode<T>,
}

impl<T> Clone for ResponseParser<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for ResponseParser<T> {}

impl<T> ::core::fmt::Debug for ResponseParser<T> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("ResponseParser").field("success", &self.success).finish_non_exhaustive()
    }
}

/// What a batch keeps of each of its requests to read the request's sub-response while it reads
/// the batch answer: the request's [`ResponseParser`], its result type hidden.
pub(super) trait ReadLeading: ::core::fmt::Debug + Send + Sync {
    /// The result of a successful sub-response whose body, a JSON object or array, starts
    /// `text` (the batch answer from the body on), and the length of that body: what
    /// [`ResponseParser::parse_parts`] gives for the body alone. `None` when the decoder reads
    /// the body whole, or fails: the body is then found and read when the result is taken,
    /// which gives the same result or error as the request sent alone.
    fn read_leading(
        &self,
        status: ::http::StatusCode,
        headers: &[(Cow<'_, str>, Cow<'_, str>)],
        text: &[u8],
    ) -> Option<(Box<dyn ::core::any::Any + Send + Sync>, usize)>;
}

impl<T: Send + Sync + 'static> ReadLeading for ResponseParser<T> {
    fn read_leading(
        &self,
        status: ::http::StatusCode,
        headers: &[(Cow<'_, str>, Cow<'_, str>)],
        text: &[u8],
    ) -> Option<(Box<dyn ::core::any::Any + Send + Sync>, usize)> {
        if !status.is_success() {
            return None;
        }
        let end = Cell::new(None);
        let value = (self.decode)(&Answer::leading(status, headers, text, &end)).ok()?;
        Some((Box::new(value), end.get()?))
    }
}

impl<T> ResponseParser<T> {
    /// The parser of a request with the documented `success` status and `decode`.
    pub(super) fn new(success: ::http::StatusCode, decode: Decode<T>) -> Self {
        Self { success, decode }
    }

    /// The typed result of `response`, as [`Request::parse_response`](super::Request::parse_response)
    /// gives it.
    pub(super) fn parse(&self, response: ::http::Response<Vec<u8>>) -> Result<T, Error> {
        let (parts, body) = response.into_parts();
        self.parse_parts(parts.status, parts.headers, body)
    }

    /// The typed result of a response with `status`, `headers` and `body`: what
    /// [`ResponseParser::parse`] does, for a body owned (a response) or borrowed (a batch's
    /// sub-response, copied only into an error).
    pub(super) fn parse_parts<B>(
        &self,
        status: ::http::StatusCode,
        headers: ::http::HeaderMap,
        body: B,
    ) -> Result<T, Error>
    where
        B: AsRef<[u8]> + Into<Vec<u8>>,
    {
        if !status.is_success() {
            let mut response = ::http::Response::new(body.into());
            *response.status_mut() = status;
            *response.headers_mut() = headers;
            return Err(Error::from_response(self.success, response));
        }
        let answer = Answer::new(status, &headers, body.as_ref());
        let result = (self.decode)(&answer);
        result.map_err(|source| Error::Decode { status, source, body: body.into() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer<'a>(status: u16, headers: &'a ::http::HeaderMap, body: &'a [u8]) -> Answer<'a> {
        Answer::new(::http::StatusCode::from_u16(status).unwrap(), headers, body)
    }

    #[test]
    fn outcomes_cover_every_success() {
        let none = ::http::HeaderMap::new();
        let body = decode_outcome::<::serde_json::Value>(&answer(200, &none, br#"{"id": "1"}"#)).unwrap();
        assert_eq!(body.body(), Some(&::serde_json::json!({"id": "1"})));
        assert_eq!(decode_outcome::<::serde_json::Value>(&answer(204, &none, b"")).unwrap(), Outcome::NoContent);
        assert_eq!(decode_outcome::<::serde_json::Value>(&answer(200, &none, b" \n")).unwrap(), Outcome::NoContent);
        let mut headers = ::http::HeaderMap::new();
        headers.insert(::http::header::LOCATION, "https://graph.microsoft.com/v1.0/operations/7".parse().unwrap());
        assert_eq!(
            decode_outcome::<::serde_json::Value>(&answer(202, &headers, b"")).unwrap(),
            Outcome::Accepted { location: Some("https://graph.microsoft.com/v1.0/operations/7".into()) }
        );
        assert!(decode_outcome::<::serde_json::Value>(&answer(200, &none, b"{")).is_err());
    }

    #[test]
    fn primitive_results_are_read_from_their_wrapper() {
        let none = ::http::HeaderMap::new();
        let body = br#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean", "value": true}"#;
        assert!(decode_value::<bool>(&answer(200, &none, body)).unwrap());
        let text = br#"{"value": "Z2V0"}"#;
        assert_eq!(decode_value::<String>(&answer(200, &none, text)).unwrap(), "Z2V0");
        // The bare value, as a decoder without the wrapper would want it, is refused.
        assert!(decode_value::<bool>(&answer(200, &none, b"true")).is_err());
        assert!(decode_value::<i32>(&answer(200, &none, br#"{"value": "7"}"#)).is_err());
        let action = decode_outcome_value::<i32>(&answer(200, &none, br#"{"value": 2}"#)).unwrap();
        assert_eq!(action, Outcome::Body(2));
        assert_eq!(decode_outcome_value::<i32>(&answer(204, &none, b"")).unwrap(), Outcome::NoContent);
    }

    #[test]
    fn a_batch_sub_response_is_read_from_the_start_of_its_body() {
        let sent = [
            (Cow::Borrowed("LOCATION"), Cow::Borrowed("bad\nvalue")),
            (Cow::Borrowed("location"), Cow::Borrowed("https://graph.microsoft.com/v1.0/operations/9")),
        ];
        // The batch answer from the body on: the body, then the rest of the envelope.
        let text = br#"{"value": [1, "}"]} }, {"id": "2"}]}"#;
        let end = Cell::new(None);
        let ok = ::http::StatusCode::OK;
        let answer = Answer::leading(ok, &sent, text, &end);
        assert_eq!(
            answer.header(&::http::header::LOCATION),
            Some("https://graph.microsoft.com/v1.0/operations/9"),
            "names without case, values HTTP can carry, as in a HeaderMap"
        );
        let body = decode_json::<::serde_json::Value>(&answer).unwrap();
        assert_eq!((body, end.get()), (::serde_json::json!({"value": [1, "}"]}), Some(19)));
        let end = Cell::new(None);
        let value = decode_outcome_value::<Vec<::serde_json::Value>>(&Answer::leading(ok, &sent, text, &end)).unwrap();
        assert_eq!((value.into_body().map(|value| value.len()), end.get()), (Some(2), Some(19)));
        // A decoder that needs the body whole does not say where it ends: it reads it later.
        let end = Cell::new(None);
        assert_eq!(decode_bytes(&Answer::leading(ok, &sent, text, &end)).unwrap(), b"");
        assert_eq!(end.get(), None);
        let accepted = Cell::new(None);
        let outcome = decode_outcome::<::serde_json::Value>(&Answer::leading(
            ::http::StatusCode::ACCEPTED,
            &sent,
            text,
            &accepted,
        ));
        assert_eq!(
            (outcome.unwrap(), accepted.get()),
            (Outcome::Accepted { location: Some("https://graph.microsoft.com/v1.0/operations/9".into()) }, None)
        );
    }

    #[test]
    fn counts_are_plain_text() {
        let none = ::http::HeaderMap::new();
        assert_eq!(decode_count(&answer(200, &none, b"42")).unwrap(), 42);
        assert_eq!(decode_count(&answer(200, &none, b"\xEF\xBB\xBF7\r\n")).unwrap(), 7);
        assert!(decode_count(&answer(200, &none, b"many")).is_err());
    }
}
