//! Reading a JSON batch's answer, `{"responses": [{"id", "status", "headers", "body"}, …]}`, in
//! any order: each sub-response's status, headers and body are read by its own request's parser
//! (the one `Request::parse_response` uses), so that a batched request gives exactly the result
//! and typed errors it gives alone. The bodies stay in the answer's bytes until then (an error
//! copies its body out). Also what to send again after throttling ([`Batch::retry`]).

use ::std::borrow::Cow;
use ::std::collections::BTreeMap;

use ::serde::de;

use super::batch::is_json;
use super::batch_json::{SubResponse, responses};
use super::{Batch, BatchItem, Error};

/// The answers to a [`Batch`] (from [`Batch::parse_response`] or `Client::send_batch`), from
/// which each request's typed result is taken with its [`BatchItem`].
#[derive(Debug, Default)]
pub struct BatchResponses {
    slots: BTreeMap<u64, Slot>,
    /// The bodies of the batch answers read, where the sub-responses' bodies are.
    answers: Vec<Vec<u8>>,
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
    /// is decoded here). Each body is read when its result is taken, by its request's parser.
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
        let responses = match responses(&body) {
            Ok(responses) => responses,
            Err(why) => {
                let source = <::serde_json::Error as de::Error>::custom(why);
                return Err(Error::Decode { status, source, body: body.clone() });
            }
        };
        let entries = self.entries();
        let mut slots: BTreeMap<u64, Slot> = entries
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
            // An id the batch does not have cannot be given to anyone: it is left out.
            let Some(entry) = entries.iter().find(|entry| entry.id == sub.id) else { continue };
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
    pub fn take<T>(&mut self, item: BatchItem<T>) -> Result<T, Error> {
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
    sub: SubResponse<'_>,
    batch_status: ::http::StatusCode,
    answer: &[u8],
) -> (Option<::http::StatusCode>, SubAnswer) {
    let status = u16::try_from(sub.status).ok().and_then(|status| ::http::StatusCode::from_u16(status).ok());
    let Some(status) = status else {
        let why =
            format!("the batch answer for `{}` has the status {}, which is not an HTTP status", sub.id, sub.status);
        return (None, SubAnswer::Undecodable { status: batch_status, why, body: Vec::new() });
    };
    let mut headers = ::http::HeaderMap::with_capacity(sub.headers.len());
    let mut json_media_type = true;
    for (name, value) in &sub.headers {
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
