//! Errors: [`Error`] says why a request could not be built, sent, or its response understood;
//! Graph's own error bodies become [`GraphError`] with status, code, message, request id and
//! `Retry-After`.

use ::core::fmt;
use ::core::time::Duration;

use ::serde::Deserialize;

/// Why a request could not be built, sent, or its response understood.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Graph answered with an error body (`{"error": {"code", "message", "innerError"}}`).
    Graph(Box<GraphError>),
    /// Graph answered with a status other than the documented success status and no Graph error
    /// body; the status and raw body are kept.
    UnexpectedStatus {
        /// The status received.
        status: ::http::StatusCode,
        /// The documented success status.
        expected: ::http::StatusCode,
        /// The raw response body.
        body: Vec<u8>,
    },
    /// The success response's body does not match the documented type.
    Decode {
        /// The status received.
        status: ::http::StatusCode,
        /// What did not match.
        source: ::serde_json::Error,
        /// The raw response body.
        body: Vec<u8>,
    },
    /// The request cannot be built: an empty path parameter, a header value with a control
    /// character (CR or LF), a base URL that is not a URL, a next link to another host.
    InvalidRequest(String),
    /// A request of a JSON batch was not run because a request it depends on (`dependsOn`)
    /// failed: Graph answered it `424 Failed Dependency`.
    DependencyFailed {
        /// The id of the request that was not run.
        id: String,
        /// The id of the request it depends on that failed.
        dependency: String,
        /// What that request was answered (`None` when the batch answer had no response for it).
        status: Option<::http::StatusCode>,
    },
    /// A JSON batch's answer does not fit its requests: it has no response for a request, or the
    /// result of a request was asked for from the answers of another batch.
    Batch(String),
    /// The HTTP client failed to send the request or read the response (for an upload, also:
    /// the data to upload could not be read).
    Transport(Box<dyn ::std::error::Error + Send + Sync>),
    /// The token source failed to provide a token.
    Token(Box<dyn ::std::error::Error + Send + Sync>),
    /// No response arrived within the client's timeout.
    Timeout,
}

impl Error {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<::http::StatusCode> {
        match self {
            Self::Graph(error) => Some(error.status),
            Self::UnexpectedStatus { status, .. } | Self::Decode { status, .. } => Some(*status),
            Self::DependencyFailed { .. } => Some(::http::StatusCode::FAILED_DEPENDENCY),
            _ => None,
        }
    }

    /// The Graph error, when Graph sent one.
    pub fn graph(&self) -> Option<&GraphError> {
        match self {
            Self::Graph(error) => Some(error),
            _ => None,
        }
    }

    /// An error for a response that is not the documented success: Graph's error body when it
    /// has one, otherwise the status and raw body.
    pub fn from_response(expected: ::http::StatusCode, response: ::http::Response<Vec<u8>>) -> Self {
        let (parts, body) = response.into_parts();
        if !parts.status.is_success()
            && let Ok(envelope) = ::serde_json::from_slice::<Envelope>(&body)
        {
            let header = |name: &str| parts.headers.get(name).and_then(|value| value.to_str().ok()).map(str::to_owned);
            let inner = envelope.error.inner_error;
            let request_id = inner.as_ref().and_then(|inner| inner.request_id.clone()).or_else(|| header("request-id"));
            let client_request_id = inner
                .as_ref()
                .and_then(|inner| inner.client_request_id.clone())
                .or_else(|| header("client-request-id"));
            return Self::Graph(Box::new(GraphError {
                status: parts.status,
                code: envelope.error.code,
                message: envelope.error.message,
                request_id,
                client_request_id,
                date: inner.as_ref().and_then(|inner| inner.date.clone()),
                inner_error: inner,
                retry_after: retry_after(&parts.headers),
                body,
            }));
        }
        Self::UnexpectedStatus { status: parts.status, expected, body }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Graph(error) => fmt::Display::fmt(error, f),
            Self::UnexpectedStatus { status, expected, body } => {
                write!(f, "Graph answered {status} where {expected} was documented")?;
                if !body.is_empty() {
                    write!(f, ": {}", String::from_utf8_lossy(&body[..body.len().min(512)]))?;
                }
                Ok(())
            }
            Self::Decode { status, source, .. } => {
                write!(f, "the {status} response body does not match its documented type: {source}")
            }
            Self::InvalidRequest(why) => write!(f, "invalid request: {why}"),
            Self::DependencyFailed { id, dependency, status } => {
                write!(f, "batch request `{id}` was not run: it depends on `{dependency}`, which ")?;
                match status {
                    Some(status) => write!(f, "failed with {status}"),
                    None => f.write_str("has no answer"),
                }
            }
            Self::Batch(why) => write!(f, "batch answer: {why}"),
            Self::Transport(error) => write!(f, "HTTP transport error: {error}"),
            Self::Token(error) => write!(f, "could not get an access token: {error}"),
            Self::Timeout => f.write_str("Graph did not answer within the timeout"),
        }
    }
}

impl ::std::error::Error for Error {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Self::Decode { source, .. } => Some(source),
            Self::Transport(error) | Self::Token(error) => Some(&**error),
            _ => None,
        }
    }
}

/// An error response from Graph.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GraphError {
    /// The HTTP status.
    pub status: ::http::StatusCode,
    /// Graph's error code, such as `Request_ResourceNotFound` or `TooManyRequests`.
    pub code: String,
    /// Graph's message.
    pub message: String,
    /// The `request-id` (from the inner error, else the response header): quote it to support.
    pub request_id: Option<String>,
    /// The `client-request-id`.
    pub client_request_id: Option<String>,
    /// When Graph says the error happened.
    pub date: Option<String>,
    /// The inner error, with any nested inner errors.
    pub inner_error: Option<InnerError>,
    /// How long Graph asked to wait before retrying (`Retry-After`), for 429 and 503 answers.
    pub retry_after: Option<Duration>,
    /// The raw response body.
    pub body: Vec<u8>,
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Graph error {} {}: {}", self.status.as_u16(), self.code, self.message)?;
        if let Some(request_id) = &self.request_id {
            write!(f, " (request-id {request_id})")?;
        }
        Ok(())
    }
}

impl ::std::error::Error for GraphError {}

/// Graph's `innerError`: diagnostic details, possibly nesting further inner errors.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct InnerError {
    /// A more specific error code, when given.
    #[serde(default)]
    pub code: Option<String>,
    /// A more specific message, when given.
    #[serde(default)]
    pub message: Option<String>,
    /// The request id.
    #[serde(default, rename = "request-id")]
    pub request_id: Option<String>,
    /// The client request id.
    #[serde(default, rename = "client-request-id")]
    pub client_request_id: Option<String>,
    /// When the error happened.
    #[serde(default)]
    pub date: Option<String>,
    /// A nested inner error.
    #[serde(default, rename = "innerError")]
    pub inner_error: Option<Box<InnerError>>,
}

#[derive(Deserialize)]
struct Envelope {
    error: ErrorBody,
}

#[derive(Deserialize)]
struct ErrorBody {
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default, rename = "innerError", alias = "innererror")]
    inner_error: Option<InnerError>,
}

/// The delay a `Retry-After` header asks for: delta-seconds or an HTTP date (a date in the past
/// means no delay).
#[doc(hidden)]
pub fn retry_after(headers: &::http::HeaderMap) -> Option<Duration> {
    let value = headers.get(::http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = ::httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(::std::time::SystemTime::now()).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> ::http::Response<Vec<u8>> {
        let mut builder = ::http::Response::builder().status(status);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(body.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn graph_error_bodies_become_typed_errors() {
        let body = r#"{"error": {"code": "ResourceNotFound", "message": "Not found", "innerError": {"request-id": "r-1", "date": "2024-01-01T00:00:00", "innerError": {"code": "deeper"}}}}"#;
        let error = Error::from_response(::http::StatusCode::OK, response(404, &[], body));
        let graph = error.graph().unwrap();
        assert_eq!(graph.status, 404);
        assert_eq!((graph.code.as_str(), graph.message.as_str()), ("ResourceNotFound", "Not found"));
        assert_eq!(graph.request_id.as_deref(), Some("r-1"));
        assert_eq!(graph.inner_error.as_ref().unwrap().inner_error.as_ref().unwrap().code.as_deref(), Some("deeper"));
        assert_eq!(error.to_string(), "Graph error 404 ResourceNotFound: Not found (request-id r-1)");
    }

    #[test]
    fn other_bodies_keep_status_and_raw_body() {
        let error = Error::from_response(::http::StatusCode::OK, response(502, &[], "<html>bad gateway</html>"));
        match &error {
            Error::UnexpectedStatus { status, body, .. } => {
                assert_eq!(*status, 502);
                assert_eq!(body, b"<html>bad gateway</html>");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(error.status(), Some(::http::StatusCode::BAD_GATEWAY));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let error = Error::from_response(
            ::http::StatusCode::OK,
            response(
                429,
                &[("Retry-After", "7"), ("request-id", "h-1")],
                r#"{"error": {"code": "TooManyRequests", "message": "slow down"}}"#,
            ),
        );
        let graph = error.graph().unwrap();
        assert_eq!(graph.retry_after, Some(Duration::from_secs(7)));
        assert_eq!(graph.request_id.as_deref(), Some("h-1"), "the header is the fallback");
        let mut headers = ::http::HeaderMap::new();
        headers.insert(::http::header::RETRY_AFTER, "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
        let future = ::httpdate::fmt_http_date(::std::time::SystemTime::now() + Duration::from_secs(120));
        headers.insert(::http::header::RETRY_AFTER, future.parse().unwrap());
        assert!(retry_after(&headers).unwrap() > Duration::from_secs(100));
        headers.insert(::http::header::RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
    }
}
