//! Reading a JSON batch's answer, `{"responses": [{"id", "status", "headers", "body"}, …]}`, in
//! any order: each sub-response's status, headers and body are read by its own request's parser
//! (the one `Request::parse_response` uses), so that a batched request gives exactly the result
//! and typed errors it gives alone. A successful JSON body is read with the envelope, in one
//! pass (`batch_json.rs`); any other body stays in the answer's bytes until its result is taken
//! (an error copies its body out). Also what to send again after throttling ([`Batch::retry`]).

use ::core::any::Any;
use ::std::borrow::Cow;

use ::serde::de;

use super::batch::is_json;
use super::batch_json::{Head, SubResponse, responses};
use super::{Batch, BatchItem, Error};

/// The answers to a [`Batch`] (from [`Batch::parse_response`] or `Client::send_batch`), from
/// which each request's typed result is taken with its [`BatchItem`].
#[derive(Debug, Default)]
pub struct BatchResponses {
    slots: Slots,
    /// The bodies of the batch answers read, where the sub-responses' bodies are.
    answers: Vec<Vec<u8>>,
}

/// The answers by their requests' keys, in the order of the keys (a batch's requests are keyed
/// in the order they are added, so that its answers come in order).
#[derive(Debug, Default)]
struct Slots(Vec<(u64, Slot)>);

impl Slots {
    fn get(&self, key: &u64) -> Option<&Slot> {
        let at = self.0.binary_search_by_key(key, |(key, _)| *key).ok()?;
        Some(&self.0[at].1)
    }

    fn get_mut(&mut self, key: &u64) -> Option<&mut Slot> {
        let at = self.0.binary_search_by_key(key, |(key, _)| *key).ok()?;
        Some(&mut self.0[at].1)
    }

    /// Adds `slots`, each replacing the one with its key.
    fn extend(&mut self, slots: impl IntoIterator<Item = (u64, Slot)>) {
        for (key, slot) in slots {
            match self.0.binary_search_by_key(&key, |(key, _)| *key) {
                Ok(at) => self.0[at].1 = slot,
                Err(at) => self.0.insert(at, (key, slot)),
            }
        }
    }
}

impl FromIterator<(u64, Slot)> for Slots {
    fn from_iter<I: IntoIterator<Item = (u64, Slot)>>(slots: I) -> Self {
        let slots = slots.into_iter();
        let mut all = Self(Vec::with_capacity(slots.size_hint().0));
        all.extend(slots);
        all
    }
}

impl IntoIterator for Slots {
    type Item = (u64, Slot);
    type IntoIter = ::std::vec::IntoIter<(u64, Slot)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// What Graph answered to one request.
#[derive(Debug)]
struct Slot {
    /// The keys and ids of the requests it depends on that were in its batch.
    depends_on: Vec<(u64, String)>,
    status: Option<::http::StatusCode>,
    answer: SubAnswer,
}

#[derive(Debug)]
enum SubAnswer {
    /// A successful answer, read with the batch answer: the request's result.
    Read(Box<dyn Any + Send + Sync>),
    Response {
        status: ::http::StatusCode,
        headers: ::http::HeaderMap,
        body: SubBody,
    },
    /// Graph's answer had no response with the request's id.
    Missing,
    /// A response that cannot be an `http::Response`: a status out of range, a body that should
    /// be base64 and is not.
    Undecodable {
        status: ::http::StatusCode,
        why: String,
        body: Vec<u8>,
    },
    Taken,
}

/// Where a sub-response's body is.
#[derive(Debug)]
enum SubBody {
    /// In the batch answer number `answer` of [`BatchResponses::answers`], these bytes.
    In { answer: usize, range: ::core::ops::Range<usize> },
    /// Decoded from base64.
    Decoded(Vec<u8>),
}

impl Batch {
    /// Graph's answer to [`Batch::to_http`] as [`BatchResponses`]. The sub-responses may come
    /// in any order; a body is JSON, or base64 when it is not JSON (a `$value` download, which
    /// is decoded here). Each body is read by its request's parser: a successful JSON body here,
    /// with the rest of the answer (in one pass over the bytes), any other when its result is
    /// taken.
    ///
    /// # Errors
    ///
    /// When the batch call itself failed (a typed [`Error`] as for any request), or its body is
    /// not a batch answer ([`Error::Decode`]). A failed sub-request is not an error here: its
    /// [`BatchResponses::take`] gives the error.
    pub fn parse_response(&self, response: ::http::Response<Vec<u8>>) -> Result<BatchResponses, Error> {
        let status = response.status();
        if !status.is_success() {
            return Err(Error::from_response(::http::StatusCode::OK, response));
        }
        let body = response.into_body();
        let entries = self.entries();
        // Each successful body is read by its request's parser as the envelope is.
        let mut read_body = |head: &Head<'_, '_>, start: usize| {
            let position = self.position(head.id?)?;
            let status = head.status.and_then(http_status).filter(::http::StatusCode::is_success)?;
            let (result, length) = entries[position].parser.read_leading(status, head.headers, body.get(start..)?)?;
            Some(((position, result), start + length))
        };
        let responses = match responses(&body, entries.len(), &mut read_body) {
            Ok(responses) => responses,
            Err(why) => {
                let source = <::serde_json::Error as de::Error>::custom(why);
                return Err(Error::Decode { status, source, body: body.clone() });
            }
        };
        let mut slots: Slots = entries
            .iter()
            .map(|entry| {
                let depends_on = entry
                    .depends_on
                    .iter()
                    .filter_map(|id| self.position(id).map(|position| (entries[position].key, id.clone())))
                    .collect();
                let slot = Slot { depends_on, status: None, answer: SubAnswer::Missing };
                (entry.key, slot)
            })
            .collect();
        for sub in responses {
            let position = match &sub.read {
                Some((position, _)) => Some(*position),
                None => self.position(&sub.id),
            };
            // An id the batch does not have cannot be given to anyone: it is left out.
            let Some(entry) = position.map(|position| &entries[position]) else { continue };
            if let Some(slot) = slots.get_mut(&entry.key) {
                (slot.status, slot.answer) = answer(sub, status, &body);
            }
        }
        Ok(BatchResponses { slots, answers: vec![body] })
    }

    /// The requests to send again after `answers` (this batch's answers), as a batch: those
    /// answered `429 Too Many Requests` or `503 Service Unavailable`, with the requests that
    /// depend on them (which Graph did not run), and without those that depend on a request that
    /// failed otherwise (they fail as well). Dependencies that succeeded are left out of the new
    /// batch's `dependsOn`. `None` when nothing is to be sent again.
    ///
    /// `Client::send_batch` does this, waiting as long as the longest `Retry-After` of the
    /// throttled answers, within its retry policy.
    pub fn retry(&self, answers: &BatchResponses) -> Option<Batch> {
        let order = self.order().ok()?;
        let entries = self.entries();
        let (mut again, mut failed) = (vec![false; entries.len()], vec![false; entries.len()]);
        for position in order {
            let entry = &entries[position];
            let dependencies: Vec<usize> = entry.depends_on.iter().filter_map(|id| self.position(id)).collect();
            if dependencies.iter().any(|&d| failed[d]) {
                failed[position] = true;
                continue;
            }
            let status = answers.slots.get(&entry.key).and_then(|slot| slot.status);
            let throttled = status.is_some_and(|status| matches!(status.as_u16(), 429 | 503));
            if throttled || dependencies.iter().any(|&d| again[d]) {
                again[position] = true;
            } else if !status.is_some_and(|status| status.is_success()) {
                failed[position] = true;
            }
        }
        let positions: Vec<usize> = (0..entries.len()).filter(|&position| again[position]).collect();
        (!positions.is_empty()).then(|| self.subset(&positions, true))
    }
}

impl BatchResponses {
    /// No answers yet (to [`BatchResponses::merge`] others into).
    pub fn new() -> Self {
        Self::default()
    }

    /// The typed result of `item`'s request: exactly what [`Request::parse_response`](super::Request::parse_response)
    /// gives for the sub-response (the result, [`Error::Graph`], [`Error::UnexpectedStatus`] or
    /// [`Error::Decode`]).
    ///
    /// # Errors
    ///
    /// The request's own error; [`Error::DependencyFailed`] when Graph did not run it
    /// (`424 Failed Dependency`) because a request it depends on failed; [`Error::Batch`] when
    /// these answers have no response for it.
    pub fn take<T: 'static>(&mut self, item: BatchItem<T>) -> Result<T, Error> {
        let Some(slot) = self.slots.get(&item.key) else {
            return Err(Error::Batch(format!(
                "no answer for batch request `{}` here: it was not in the batch these responses answer",
                item.id
            )));
        };
        if slot.status == Some(::http::StatusCode::FAILED_DEPENDENCY) {
            let failed = slot.depends_on.iter().find_map(|(key, id)| {
                let status = self.slots.get(key)?.status;
                (!status.is_some_and(|status| status.is_success())).then(|| (id.clone(), status))
            });
            if let Some((dependency, status)) = failed {
                return Err(Error::DependencyFailed { id: item.id, dependency, status });
            }
        }
        let answer = match self.slots.get_mut(&item.key) {
            Some(slot) => ::core::mem::replace(&mut slot.answer, SubAnswer::Taken),
            None => SubAnswer::Missing,
        };
        match answer {
            SubAnswer::Read(result) => result.downcast::<T>().map(|result| *result).map_err(|_| {
                Error::Batch(format!("the answer to batch request `{}` was read as another type", item.id))
            }),
            SubAnswer::Response { status, headers, body: SubBody::Decoded(body) } => {
                item.parser.parse_parts(status, headers, body)
            }
            SubAnswer::Response { status, headers, body: SubBody::In { answer, range } } => {
                let body = self.answers.get(answer).and_then(|answer| answer.get(range)).unwrap_or_default();
                item.parser.parse_parts(status, headers, body)
            }
            SubAnswer::Missing => {
                Err(Error::Batch(format!("Graph's batch answer has no response for request `{}`", item.id)))
            }
            SubAnswer::Undecodable { status, why, body } => {
                Err(Error::Decode { status, source: <::serde_json::Error as de::Error>::custom(why), body })
            }
            SubAnswer::Taken => {
                Err(Error::Batch(format!("the result of batch request `{}` was taken already", item.id)))
            }
        }
    }

    /// The status Graph answered `item`'s request with, if it answered it.
    pub fn status<T>(&self, item: &BatchItem<T>) -> Option<::http::StatusCode> {
        self.slots.get(&item.key)?.status
    }

    /// Adds the answers of `other` (another chunk of the same batch, or a batch sent again),
    /// which replace any answers here to the same requests.
    pub fn merge(&mut self, other: BatchResponses) {
        let first = self.answers.len();
        self.answers.extend(other.answers);
        self.slots.extend(other.slots.into_iter().map(|(key, mut slot)| {
            if let SubAnswer::Response { body: SubBody::In { answer, .. }, .. } = &mut slot.answer {
                *answer += first;
            }
            (key, slot)
        }));
    }

    /// The status and headers of the answers to `batch`'s requests that throttled them (429,
    /// 503), for their `Retry-After`.
    #[cfg(feature = "client")]
    pub(super) fn throttled<'a>(&'a self, batch: &Batch) -> Vec<(::http::StatusCode, &'a ::http::HeaderMap)> {
        batch
            .entries()
            .iter()
            .filter_map(|entry| match &self.slots.get(&entry.key)?.answer {
                SubAnswer::Response { status, headers, .. } if matches!(status.as_u16(), 429 | 503) => {
                    Some((*status, headers))
                }
                _ => None,
            })
            .collect()
    }
}

/// A sub-response as what its request reads; `batch_status` stands for a status that is not one,
/// `answer` is the batch answer's body, where the sub-response is.
fn answer(
    sub: SubResponse<'_, (usize, Box<dyn Any + Send + Sync>)>,
    batch_status: ::http::StatusCode,
    answer: &[u8],
) -> (Option<::http::StatusCode>, SubAnswer) {
    let Some(status) = http_status(sub.status) else {
        let why =
            format!("the batch answer for `{}` has the status {}, which is not an HTTP status", sub.id, sub.status);
        return (None, SubAnswer::Undecodable { status: batch_status, why, body: Vec::new() });
    };
    if let Some((_, result)) = sub.read {
        return (Some(status), SubAnswer::Read(result));
    }
    let (headers, json_media_type) = header_map(&sub.headers);
    let body = match sub.body {
        None => SubBody::Decoded(Vec::new()),
        Some(range) if answer.get(range.start) == Some(&b'"') => {
            let json = answer.get(range).unwrap_or_default();
            match string_body(json, json_media_type) {
                Ok(body) => SubBody::Decoded(body),
                Err(why) => {
                    let why = format!("the batch answer for `{}`: {why}", sub.id);
                    return (Some(status), SubAnswer::Undecodable { status, why, body: json.to_vec() });
                }
            }
        }
        Some(range) => SubBody::In { answer: 0, range },
    };
    (Some(status), SubAnswer::Response { status, headers, body })
}

/// A sub-response's status, if it is an HTTP status.
fn http_status(status: u64) -> Option<::http::StatusCode> {
    u16::try_from(status).ok().and_then(|status| ::http::StatusCode::from_u16(status).ok())
}

/// A sub-response's headers, and whether its media type is JSON (or not given).
fn header_map(sent: &[(Cow<'_, str>, Cow<'_, str>)]) -> (::http::HeaderMap, bool) {
    let mut headers = ::http::HeaderMap::with_capacity(sent.len());
    let mut json_media_type = true;
    for (name, value) in sent {
        // A header that HTTP could not carry is left out: it could not have come alone either.
        if let (Ok(name), Ok(value)) =
            (::http::HeaderName::from_bytes(name.as_bytes()), ::http::HeaderValue::from_str(value))
        {
            if name == ::http::header::CONTENT_TYPE {
                json_media_type = is_json(value.to_str().unwrap_or_default());
            }
            headers.append(name, value);
        }
    }
    (headers, json_media_type)
}

/// The body of a sub-response that is a JSON string: base64 when the media type is not JSON.
/// Graph also base64-encodes some JSON answers (a file uploaded in a batch), so a JSON
/// sub-response whose string is base64 of a JSON object or array is decoded too; any other
/// string of a JSON answer is the JSON string itself.
fn string_body(json: &[u8], json_media_type: bool) -> Result<Vec<u8>, String> {
    let text: Cow<'_, str> =
        ::serde_json::from_slice(json).map_err(|error| format!("its body is not a string: {error}"))?;
    match super::base64::decode(text.as_bytes()) {
        Some(bytes) if !json_media_type => Ok(bytes),
        Some(bytes) if matches!(bytes.iter().find(|b| !b.is_ascii_whitespace()), Some(b'{' | b'[')) => Ok(bytes),
        _ if json_media_type => Ok(json.to_vec()),
        _ => Err("its body is not JSON and not base64, as Graph sends bodies that are not JSON".into()),
    }
}
