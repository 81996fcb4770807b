//! Requests for paths that no description covers: [`RawRequest`] builds a [`Request`] from a
//! method, the API version and a path written by hand (`/me/photo/48x48/$value`), read as bytes,
//! as JSON (`serde_json::Value`) or as a model type the caller names. It is a `Request` like the
//! generated ones: the same segment encoding, header checks, typed errors, batching, and the
//! client's retries.

use ::serde::Serialize;
use ::serde::de::DeserializeOwned;

use super::{
    Decode, Outcome, PathBuilder, Request, SupportsCount, SupportsExpand, SupportsFilter, SupportsOrderBy,
    SupportsSearch, SupportsSelect, SupportsSkip, SupportsTop, decode_bytes, decode_empty, decode_json, decode_outcome,
};

/// Query options of a raw request: all of them, since nothing describes what its path supports
/// (Graph answers `400` to an option it does not). Custom options go through
/// [`Request::query`].
#[derive(Debug, Clone, Copy)]
pub enum RawQuery {}

impl SupportsSelect for RawQuery {}
impl SupportsExpand for RawQuery {}
impl SupportsFilter for RawQuery {}
impl SupportsOrderBy for RawQuery {}
impl SupportsTop for RawQuery {}
impl SupportsSkip for RawQuery {}
impl SupportsCount for RawQuery {}
impl SupportsSearch for RawQuery {}

/// A request for a path that no description covers, such as `/me/photo/48x48/$value`: give the
/// method, the API version (the generated crate's `requests::API_VERSION`) and the path, an
/// optional body, then say how to read the answer, which makes it a [`Request`]:
///
/// | method | result type | for |
/// |---|---|---|
/// | [`RawRequest::bytes`] | `Vec<u8>` | a media stream (`Accept: */*`) |
/// | [`RawRequest::json`] | any `T: DeserializeOwned` | `serde_json::Value`, or a model type |
/// | [`RawRequest::outcome`] | [`Outcome<T>`] | an answer that may be empty or `202 Accepted` |
/// | [`RawRequest::no_content`] | `()` | an answer whose body does not matter |
///
/// The path is split on `/` and each segment percent-encoded as one segment, as the generated
/// requests encode a key: `?`, `#`, `%`, `;`, spaces and non-ASCII are encoded, so a value
/// pasted into the path cannot change the route, and what a segment may hold (`$`, `:`, `@`,
/// quotes, parentheses, `,`, `=`) stays as written (`$value`, `root:/a.txt:`, `f(x='y')`). An
/// empty segment (`//`, a trailing `/`), `.` and `..` make the request invalid, as does a `?` in
/// [`RawRequest::new`]'s path: query options go through the request's methods (`select`,
/// `top`, [`Request::query`]). To put a `/` inside a segment, give the segments one by one with
/// [`RawRequest::from_segments`]. Text is never decoded: `%2F` is sent as `%252F`.
///
/// Any 2xx is success, and a failure is the same typed [`Error`](super::Error) as for a
/// generated request. Nothing is checked when the request is built: [`Request::url`] and
/// [`Request::to_http`] (and so the client) fail with the reason.
#[derive(Debug, Clone)]
#[must_use]
pub struct RawRequest {
    method: ::http::Method,
    path: PathBuilder,
    api_version: &'static str,
    body: Option<RawBody>,
    invalid: Option<String>,
}

/// The body of a raw request.
#[derive(Debug, Clone)]
enum RawBody {
    /// JSON, serialized by `serde_json`.
    Json(Vec<u8>),
    /// Any bytes, with their media type.
    Bytes(Vec<u8>, String),
}

impl RawRequest {
    /// A request for `path` below the API version: `"/me/photo/48x48/$value"` (the leading `/`
    /// is optional), split on `/` into segments, each encoded as one segment.
    pub fn new(method: ::http::Method, api_version: &'static str, path: &str) -> Self {
        let mut invalid = None;
        if let Some(at) = path.find(['?', '#']) {
            invalid = Some(format!(
                "the path `{}` has a `{}`: give query options with the request's methods (`select`, `top`, `query`), not in the path",
                path.escape_debug(),
                &path[at..=at]
            ));
        }
        let relative = path.strip_prefix('/').unwrap_or(path);
        let raw = Self::from_segments(method, api_version, relative.split('/'));
        Self { invalid: invalid.or(raw.invalid), ..raw }
    }

    /// A request for the path made of `segments`, each encoded as one segment, whatever it
    /// holds (a `/` in a segment is sent as `%2F`): `["me", "photo", "48x48", "$value"]`.
    pub fn from_segments<I, S>(method: ::http::Method, api_version: &'static str, segments: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut path = PathBuilder::new();
        let mut count = 0;
        for (i, segment) in segments.into_iter().enumerate() {
            path = path.raw_segment(i + 1, segment.as_ref());
            count += 1;
        }
        let invalid = (count == 0).then(|| "the path has no segment".to_owned());
        Self { method, path, api_version, body: None, invalid }
    }

    /// Sends `body` as JSON (`Content-Type: application/json`).
    pub fn json_body<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match ::serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(RawBody::Json(bytes)),
            Err(error) => {
                self.invalid.get_or_insert(format!("the body does not serialize: {error}"));
            }
        }
        self
    }

    /// Sends `bytes` as the body, with its media type (`text/plain`, `image/jpeg`).
    pub fn bytes_body(mut self, bytes: Vec<u8>, content_type: &str) -> Self {
        self.body = Some(RawBody::Bytes(bytes, content_type.to_owned()));
        self
    }

    /// Sends `message`, a MIME message, base64 in a `text/plain` body: Graph's MIME format
    /// (see [`Request::mime_body`]), as `POST /me/sendMail` takes it.
    pub fn mime_body(self, message: &[u8]) -> Self {
        let mut encoded = Vec::new();
        super::base64::encode_into(message, &mut encoded);
        self.bytes_body(encoded, "text/plain")
    }

    /// The request, read as the answer's raw bytes (sent with `Accept: */*`).
    pub fn bytes(self) -> Request<Vec<u8>, RawQuery> {
        self.finish(decode_bytes).header("Accept", "*/*")
    }

    /// The request, read as JSON into `T`: `serde_json::Value`, or a model type
    /// (`RawRequest::new(…).json::<User>()`).
    pub fn json<T: DeserializeOwned>(self) -> Request<T, RawQuery> {
        self.finish(decode_json)
    }

    /// The request, read as an [`Outcome<T>`]: the body as `T`, nothing (`204`), or `202
    /// Accepted` with its `Location`.
    pub fn outcome<T: DeserializeOwned>(self) -> Request<Outcome<T>, RawQuery> {
        self.finish(decode_outcome)
    }

    /// The request, whose answer's body is not read (any 2xx is `Ok(())`).
    pub fn no_content(self) -> Request<(), RawQuery> {
        self.finish(decode_empty)
    }

    fn finish<T>(self, decode: Decode<T>) -> Request<T, RawQuery> {
        let mut request = Request::new(self.method, self.path, self.api_version, 200, decode);
        request = match self.body {
            Some(RawBody::Json(bytes)) => request.with_json_bytes(bytes),
            Some(RawBody::Bytes(bytes, content_type)) => request.bytes_body(bytes, &content_type),
            None => request,
        };
        match self.invalid {
            Some(why) => request.with_invalid(why),
            None => request,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Cloud, Error};
    use super::*;

    fn url<T, Q>(request: &Request<T, Q>) -> Result<String, Error> {
        request.url(&Cloud::Global)
    }

    fn invalid<T, Q>(request: &Request<T, Q>) -> String {
        match url(request) {
            Err(Error::InvalidRequest(why)) => why,
            other => panic!("expected an invalid request, got {other:?}"),
        }
    }

    #[test]
    fn a_mime_message_is_sent_base64_as_text() {
        let message = b"From: a@contoso.com\r\nTo: b@contoso.com\r\nSubject: Hi\r\n\r\nHello";
        let raw = RawRequest::new(::http::Method::POST, "v1.0", "/me/sendMail").mime_body(message).no_content();
        let http = raw.to_http(&Cloud::Global).unwrap();
        assert_eq!(http.headers()["content-type"], "text/plain");
        assert_eq!(
            http.body().as_slice(),
            b"RnJvbTogYUBjb250b3NvLmNvbQ0KVG86IGJAY29udG9zby5jb20NClN1YmplY3Q6IEhpDQoNCkhlbGxv"
        );
        assert_eq!(super::super::base64::decode(http.body()).unwrap(), message);
        // On a typed request, the MIME body replaces the JSON one, with its content type.
        let typed: Request<(), super::super::NoQuery> =
            Request::new(::http::Method::POST, PathBuilder::new().segment("sendMail"), "v1.0", 202, decode_empty)
                .json_body(&::serde_json::json!({"message": {}}))
                .mime_body(message);
        let http = typed.to_http(&Cloud::Global).unwrap();
        assert_eq!(http.headers()["content-type"], "text/plain");
        assert_eq!(http.headers().get_all("content-type").iter().count(), 1);
        assert_eq!(super::super::base64::decode(http.body()).unwrap(), message);
    }

    #[test]
    fn paths_are_split_into_encoded_segments() {
        let photo = RawRequest::new(::http::Method::GET, "v1.0", "/me/photo/48x48/$value").bytes();
        assert_eq!(url(&photo).unwrap(), "https://graph.microsoft.com/v1.0/me/photo/48x48/$value");
        let http = photo.to_http(&Cloud::Global).unwrap();
        assert_eq!(http.headers()["accept"], "*/*");
        let same = RawRequest::from_segments(::http::Method::GET, "v1.0", ["me", "photo", "48x48", "$value"]).bytes();
        assert_eq!(url(&same).unwrap(), url(&photo).unwrap());
        let file = RawRequest::new(::http::Method::GET, "beta", "me/drive/root:/Q1 report é.docx:/content").bytes();
        assert_eq!(
            url(&file).unwrap(),
            "https://graph.microsoft.com/beta/me/drive/root:/Q1%20report%20%C3%A9.docx:/content"
        );
    }

    #[test]
    fn hostile_segments_cannot_change_the_route() {
        let id = "a/../b?c#d%2F;e";
        let get = RawRequest::from_segments(::http::Method::GET, "v1.0", ["users", id]).json::<::serde_json::Value>();
        assert_eq!(url(&get).unwrap(), "https://graph.microsoft.com/v1.0/users/a%2F..%2Fb%3Fc%23d%252F%3Be");
        for bad in ["/users/../me", "/users/./me", "/users//me", "/users/", "", "/"] {
            let request = RawRequest::new(::http::Method::GET, "v1.0", bad).no_content();
            let why = invalid(&request);
            assert!(why.contains("dot segment") || why.contains("is empty"), "{bad}: {why}");
        }
        let query = RawRequest::new(::http::Method::GET, "v1.0", "/users?$top=1").no_content();
        assert!(invalid(&query).contains("give query options with the request's methods"));
        assert!(
            invalid(&RawRequest::from_segments(::http::Method::GET, "v1.0", [""; 0]).no_content())
                .contains("no segment")
        );
        let smuggled =
            RawRequest::new(::http::Method::GET, "v1.0", "/me").json::<::serde_json::Value>().header("X", "a\r\nb");
        assert!(matches!(smuggled.to_http(&Cloud::Global), Err(Error::InvalidRequest(_))));
    }

    #[test]
    fn bodies_and_query_options() {
        let send = RawRequest::new(::http::Method::POST, "v1.0", "/me/sendMail")
            .json_body(&::serde_json::json!({"message": {"subject": "hi"}}))
            .no_content();
        let http = send.to_http(&Cloud::Global).unwrap();
        assert_eq!(
            (http.method().as_str(), http.headers()["content-type"].to_str().unwrap()),
            ("POST", "application/json")
        );
        assert_eq!(http.body(), br#"{"message":{"subject":"hi"}}"#);
        let mime = RawRequest::new(::http::Method::POST, "v1.0", "/me/sendMail")
            .bytes_body(b"RnJvbTog".to_vec(), "text/plain")
            .no_content()
            .to_http(&Cloud::Global)
            .unwrap();
        assert_eq!(
            (mime.headers()["content-type"].to_str().unwrap(), mime.body().as_slice()),
            ("text/plain", &b"RnJvbTog"[..])
        );
        let list = RawRequest::new(::http::Method::GET, "beta", "/me/messages")
            .json::<::serde_json::Value>()
            .top(2)
            .select(["subject"])
            .query("x-custom", "a&b");
        assert_eq!(
            url(&list).unwrap(),
            "https://graph.microsoft.com/beta/me/messages?$top=2&$select=subject&x-custom=a%26b"
        );
    }
}
