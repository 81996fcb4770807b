//! Large-file upload through an upload session, sans-IO: [`ChunkedUpload`] is the state machine
//! that gives the `PUT` of each chunk (`Content-Range: bytes start-end/total`) and reads the
//! answers, and after a failed chunk asks the session where it stands (`nextExpectedRanges`)
//! and resumes there. The client's `upload` drives it.
//!
//! The upload URL is pre-authenticated: the requests made here carry no `Authorization` header,
//! and the client sends them without one.

use ::core::marker::PhantomData;
use ::core::ops::Range;
use ::core::time::Duration;

use ::serde::Deserialize;
use ::serde::de::DeserializeOwned;

use super::{Error, retry_after};

/// Graph takes chunks whose size is a multiple of 320 KiB (327,680 bytes), but the last.
pub const UPLOAD_CHUNK_UNIT: u64 = 320 * 1024;

/// The largest chunk Graph takes in one request: 60 MiB (192 × 320 KiB).
pub const MAX_UPLOAD_CHUNK: u64 = 192 * UPLOAD_CHUNK_UNIT;

/// An upload of `total` bytes to an upload session's `uploadUrl`, sans-IO: the item it creates
/// is read as `T` (the generated `DriveItem`, or `serde_json::Value`).
///
/// The loop, which `Client::upload` runs:
/// 1. send [`ChunkedUpload::chunk_request`] with the bytes of [`ChunkedUpload::next_range`];
/// 2. read the answer with [`ChunkedUpload::read_chunk_response`]: [`UploadStep::Next`] (go to
///    1), [`UploadStep::Done`] with the item, or [`UploadStep::Resume`] (the chunk failed with a
///    5xx, 429 or 416; so does a transport error);
/// 3. to resume, send [`ChunkedUpload::status_request`] and read its answer with
///    [`ChunkedUpload::read_status_response`], which moves to the first byte the session still
///    expects; go to 1.
#[derive(Debug, Clone)]
pub struct ChunkedUpload<T> {
    url: String,
    total: u64,
    chunk_size: u64,
    offset: u64,
    item: PhantomData<fn() -> T>,
}

/// How far an upload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct UploadProgress {
    /// The bytes the session has (when resuming, what it says it has).
    pub uploaded: u64,
    /// The size of the upload.
    pub total: u64,
}

/// What to do after a chunk's answer ([`ChunkedUpload::read_chunk_response`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum UploadStep<T> {
    /// The chunk was taken: send the next one.
    Next,
    /// The upload is complete: the item it created.
    Done(T),
    /// The chunk failed and may be sent again: ask the session where it stands
    /// ([`ChunkedUpload::status_request`]), waiting `retry_after` if Graph asked for it.
    Resume {
        /// Why the chunk failed (what to report when giving up).
        error: Error,
        /// The `Retry-After` of the answer.
        retry_after: Option<Duration>,
    },
}

/// The body of an upload session's answers: where it stands.
#[derive(Deserialize)]
struct SessionStatus {
    #[serde(default, rename = "nextExpectedRanges")]
    next_expected_ranges: Option<Vec<String>>,
}

impl<T: DeserializeOwned> ChunkedUpload<T> {
    /// An upload of `total` bytes to `upload_url` (an upload session's `uploadUrl`, on any host),
    /// in chunks of 10 MiB (32 × 320 KiB; see [`ChunkedUpload::with_chunk_size`]).
    ///
    /// # Errors
    ///
    /// When `upload_url` is not an absolute `http` or `https` URL, or `total` is 0 (an upload
    /// session cannot create an empty file; upload it with a simple `PUT` of its content).
    pub fn new(upload_url: &str, total: u64) -> Result<Self, Error> {
        let invalid = |why: &str| Error::InvalidRequest(format!("`{upload_url}` is not a usable upload URL: {why}"));
        let uri: ::http::Uri = upload_url.parse().map_err(|_| invalid("it does not parse as a URL"))?;
        if !matches!(uri.scheme_str(), Some("http" | "https")) || uri.host().is_none_or(str::is_empty) {
            return Err(invalid("give the session's absolute `uploadUrl` (http or https, with a host)"));
        }
        if total == 0 {
            return Err(Error::InvalidRequest(
                "an upload session cannot upload 0 bytes: create an empty file with a simple PUT of its content".into(),
            ));
        }
        Ok(Self { url: upload_url.to_owned(), total, chunk_size: 32 * UPLOAD_CHUNK_UNIT, offset: 0, item: PhantomData })
    }

    /// Uploads in chunks of `bytes` (the last one may be smaller).
    ///
    /// # Errors
    ///
    /// When `bytes` is not a positive multiple of [`UPLOAD_CHUNK_UNIT`] (320 KiB) of at most
    /// [`MAX_UPLOAD_CHUNK`] (60 MiB), as Graph requires.
    pub fn with_chunk_size(mut self, bytes: u64) -> Result<Self, Error> {
        if bytes == 0 || !bytes.is_multiple_of(UPLOAD_CHUNK_UNIT) || bytes > MAX_UPLOAD_CHUNK {
            let below = bytes / UPLOAD_CHUNK_UNIT * UPLOAD_CHUNK_UNIT;
            let hint = if below == 0 { UPLOAD_CHUNK_UNIT } else { below.min(MAX_UPLOAD_CHUNK) };
            return Err(Error::InvalidRequest(format!(
                "a chunk of {bytes} bytes: Graph takes chunks of a multiple of 320 KiB ({UPLOAD_CHUNK_UNIT} bytes) up to 60 MiB ({MAX_UPLOAD_CHUNK} bytes), such as {hint}"
            )));
        }
        self.chunk_size = bytes;
        Ok(self)
    }

    /// The size of a chunk.
    pub fn chunk_size(&self) -> u64 {
        self.chunk_size
    }

    /// The upload URL.
    pub fn upload_url(&self) -> &str {
        &self.url
    }

    /// How far the upload is.
    pub fn progress(&self) -> UploadProgress {
        UploadProgress { uploaded: self.offset, total: self.total }
    }

    /// The bytes to send next: a chunk from the first byte the session expects (empty when the
    /// session has every byte).
    pub fn next_range(&self) -> Range<u64> {
        self.offset..self.offset.saturating_add(self.chunk_size).min(self.total)
    }

    /// The `PUT` of `chunk`, the bytes of [`ChunkedUpload::next_range`], with
    /// `Content-Range: bytes start-end/total` and `Content-Length`, and no `Authorization`.
    ///
    /// # Errors
    ///
    /// When `chunk` is not as long as the range, or there is nothing left to send.
    pub fn chunk_request(&self, chunk: Vec<u8>) -> Result<::http::Request<Vec<u8>>, Error> {
        let range = self.next_range();
        if range.is_empty() {
            return Err(Error::InvalidRequest(
                "the session has every byte: ask it for its status (`status_request`) rather than send more".into(),
            ));
        }
        if chunk.len() as u64 != range.end - range.start {
            return Err(Error::InvalidRequest(format!(
                "the chunk has {} bytes, and the range {}..{} of the upload is {} bytes",
                chunk.len(),
                range.start,
                range.end,
                range.end - range.start
            )));
        }
        let content_range = format!("bytes {}-{}/{}", range.start, range.end - 1, self.total);
        ::http::Request::builder()
            .method(::http::Method::PUT)
            .uri(&self.url)
            .header(::http::header::CONTENT_RANGE, content_range)
            .header(::http::header::CONTENT_LENGTH, chunk.len())
            .body(chunk)
            .map_err(|error| Error::InvalidRequest(format!("`{}` is not a valid upload URL: {error}", self.url)))
    }

    /// Reads the answer to a chunk: `202 Accepted` moves to the first byte the session expects
    /// (its `nextExpectedRanges`), `200`/`201` has the created item, and a 5xx, `429` or `416`
    /// means the chunk may be sent again after asking the session where it stands.
    ///
    /// # Errors
    ///
    /// Any other answer (the session expired, `404`; a conflict, `409`), as a typed [`Error`];
    /// an item that does not read as `T` ([`Error::Decode`]).
    pub fn read_chunk_response(&mut self, response: ::http::Response<Vec<u8>>) -> Result<UploadStep<T>, Error> {
        let status = response.status();
        match status.as_u16() {
            200 | 201 => {
                let body = response.into_body();
                match ::serde_json::from_slice(&body) {
                    Ok(item) => {
                        self.offset = self.total;
                        Ok(UploadStep::Done(item))
                    }
                    Err(source) => Err(Error::Decode { status, source, body }),
                }
            }
            202 => {
                let sent_to = self.next_range().end;
                self.offset = self.expected_offset(response.body(), status)?.unwrap_or(sent_to);
                if self.offset >= self.total {
                    // Graph answers the last chunk with the item, not with 202.
                    return Err(Error::UnexpectedStatus {
                        status,
                        expected: ::http::StatusCode::CREATED,
                        body: response.into_body(),
                    });
                }
                Ok(UploadStep::Next)
            }
            416 | 429 | 500..=599 => {
                let retry_after = retry_after(response.headers());
                Ok(UploadStep::Resume {
                    error: Error::from_response(::http::StatusCode::ACCEPTED, response),
                    retry_after,
                })
            }
            _ => Err(Error::from_response(::http::StatusCode::ACCEPTED, response)),
        }
    }

    /// `GET` of the upload URL: where the session stands (no `Authorization`).
    pub fn status_request(&self) -> ::http::Request<Vec<u8>> {
        let mut request = ::http::Request::new(Vec::new());
        *request.method_mut() = ::http::Method::GET;
        // The URL parsed when the upload was made.
        *request.uri_mut() = self.url.parse().unwrap_or_default();
        request.headers_mut().insert(::http::header::ACCEPT, ::http::HeaderValue::from_static("application/json"));
        request
    }

    /// `DELETE` of the upload URL: cancels the session (no `Authorization`).
    pub fn cancel_request(&self) -> ::http::Request<Vec<u8>> {
        let mut request = self.status_request();
        *request.method_mut() = ::http::Method::DELETE;
        request
    }

    /// Reads the session's status and moves to the first byte it expects.
    ///
    /// # Errors
    ///
    /// A failed answer, as a typed [`Error`] (a 5xx or `429` may be asked again); a status
    /// without `nextExpectedRanges`, or expecting no more bytes without having created the item,
    /// as [`Error::Decode`].
    pub fn read_status_response(&mut self, response: ::http::Response<Vec<u8>>) -> Result<(), Error> {
        let status = response.status();
        if !status.is_success() {
            return Err(Error::from_response(::http::StatusCode::OK, response));
        }
        match self.expected_offset(response.body(), status)? {
            Some(offset) if offset < self.total => {
                self.offset = offset;
                Ok(())
            }
            _ => Err(Error::Decode {
                status,
                source: <::serde_json::Error as ::serde::de::Error>::custom(
                    "the upload session expects no more bytes but has not given the created item; start a new session",
                ),
                body: response.into_body(),
            }),
        }
    }

    /// The first byte of the session's `nextExpectedRanges` (`["327680-"]`, `["0-99", "200-"]`);
    /// `None` when it lists none.
    fn expected_offset(&self, body: &[u8], status: ::http::StatusCode) -> Result<Option<u64>, Error> {
        let decode = |why: String| Error::Decode {
            status,
            source: <::serde_json::Error as ::serde::de::Error>::custom(why),
            body: body.to_vec(),
        };
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        let session: SessionStatus = ::serde_json::from_slice(body).map_err(|error| decode(error.to_string()))?;
        let Some(first) = session.next_expected_ranges.unwrap_or_default().into_iter().next() else {
            return Ok(None);
        };
        let start = first.split('-').next().unwrap_or_default().trim();
        match start.parse::<u64>() {
            Ok(start) if start <= self.total => Ok(Some(start)),
            _ => Err(decode(format!("`{first}` is not a range of the {} bytes uploaded", self.total))),
        }
    }
}

#[cfg(test)]
mod tests {
    use ::serde_json::{Value, json};

    use super::*;

    const UNIT: u64 = UPLOAD_CHUNK_UNIT;

    fn answer(status: u16, body: Value) -> ::http::Response<Vec<u8>> {
        ::http::Response::builder().status(status).body(body.to_string().into_bytes()).unwrap()
    }

    fn upload(total: u64) -> ChunkedUpload<Value> {
        ChunkedUpload::new("https://contoso-my.sharepoint.com/up/session?tempauth=x", total).unwrap()
    }

    fn send(upload: &ChunkedUpload<Value>) -> (String, usize) {
        let range = upload.next_range();
        let request = upload.chunk_request(vec![0; (range.end - range.start) as usize]).unwrap();
        assert!(request.headers().get("authorization").is_none());
        assert_eq!(request.method(), "PUT");
        let length: usize = request.headers()["content-length"].to_str().unwrap().parse().unwrap();
        assert_eq!(length, request.body().len());
        (request.headers()["content-range"].to_str().unwrap().to_owned(), length)
    }

    #[test]
    fn chunk_sizes_are_multiples_of_320_kib() {
        assert_eq!(upload(1).chunk_size(), 32 * UNIT);
        assert_eq!(upload(1).with_chunk_size(UNIT).unwrap().chunk_size(), 327_680);
        assert_eq!(upload(1).with_chunk_size(192 * UNIT).unwrap().chunk_size(), 60 * 1024 * 1024);
        for bad in [0, 1, UNIT + 1, 1_000_000, 193 * UNIT] {
            let error = upload(1).with_chunk_size(bad).unwrap_err().to_string();
            assert!(error.contains("multiple of 320 KiB"), "{error}");
        }
        assert!(upload(1).with_chunk_size(1_000_000).unwrap_err().to_string().contains("such as 983040"));
        assert!(ChunkedUpload::<Value>::new("/relative/upload", 10).is_err());
        assert!(ChunkedUpload::<Value>::new("ftp://host/x", 10).is_err());
        assert!(ChunkedUpload::<Value>::new("https://host/x", 0).unwrap_err().to_string().contains("0 bytes"));
    }

    #[test]
    fn content_ranges_cover_the_file_and_the_last_chunk_is_shorter() {
        let total = 3 * UNIT + UNIT / 2;
        let mut upload = upload(total).with_chunk_size(UNIT).unwrap();
        let mut ranges = Vec::new();
        loop {
            let (content_range, length) = send(&upload);
            ranges.push((content_range, length));
            let end = upload.next_range().end;
            if end == total {
                let done = upload.read_chunk_response(answer(201, json!({"id": "item-1"}))).unwrap();
                assert!(matches!(done, UploadStep::Done(ref item) if item["id"] == "item-1"));
                break;
            }
            let step = upload.read_chunk_response(answer(202, json!({"nextExpectedRanges": [format!("{end}-")]})));
            assert!(matches!(step, Ok(UploadStep::Next)));
        }
        let expected = [
            ("bytes 0-327679/1146880".to_owned(), 327_680),
            ("bytes 327680-655359/1146880".to_owned(), 327_680),
            ("bytes 655360-983039/1146880".to_owned(), 327_680),
            ("bytes 983040-1146879/1146880".to_owned(), 163_840),
        ];
        assert_eq!(ranges, expected);
        assert_eq!(upload.progress(), UploadProgress { uploaded: total, total });
    }

    #[test]
    fn a_failed_chunk_resumes_where_the_session_says() {
        let total = 3 * UNIT + UNIT / 2;
        let mut upload = upload(total).with_chunk_size(UNIT).unwrap();
        assert!(
            matches!(upload.read_chunk_response(answer(202, json!({}))), Ok(UploadStep::Next)),
            "no ranges: the next chunk"
        );
        assert_eq!(upload.next_range(), UNIT..2 * UNIT);
        let mut throttled = answer(503, json!({"error": {"code": "serviceNotAvailable", "message": "later"}}));
        throttled.headers_mut().insert("retry-after", "2".parse().unwrap());
        match upload.read_chunk_response(throttled).unwrap() {
            UploadStep::Resume { error, retry_after } => {
                assert_eq!(retry_after, Some(Duration::from_secs(2)));
                assert_eq!(error.graph().unwrap().code, "serviceNotAvailable");
            }
            other => panic!("{other:?}"),
        }
        let status = upload.status_request();
        assert_eq!((status.method().as_str(), status.uri().path()), ("GET", "/up/session"));
        assert!(status.headers().get("authorization").is_none());
        // The session lost part of the first chunk as well: go back there.
        upload.read_status_response(answer(200, json!({"nextExpectedRanges": ["300000-", "900000-1000000"]}))).unwrap();
        assert_eq!(upload.progress().uploaded, 300_000);
        assert_eq!(send(&upload).0, "bytes 300000-627679/1146880");
        let error = upload.read_status_response(answer(200, json!({"nextExpectedRanges": ["x-"]}))).unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{error}");
        let error = upload.read_status_response(answer(200, json!({"nextExpectedRanges": []}))).unwrap_err();
        assert!(error.to_string().contains("expects no more bytes"), "{error}");
        let expired =
            upload.read_status_response(answer(404, json!({"error": {"code": "itemNotFound", "message": "gone"}})));
        assert_eq!(expired.unwrap_err().status(), Some(::http::StatusCode::NOT_FOUND));
        assert!(upload.read_chunk_response(answer(409, json!({}))).is_err(), "a conflict is not resumed");
        assert!(upload.chunk_request(vec![1, 2, 3]).unwrap_err().to_string().contains("the chunk has 3 bytes"));
    }
}
