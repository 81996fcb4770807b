//! Sans-IO requests: [`Cloud`] (where requests go), [`Request`] (an operation as plain data that
//! becomes an `http::Request` for any client, with typed query options and percent-encoded path
//! parameters) and its response parsing; a page of results is a [`Collection`](super::Collection),
//! a result that may be empty or accepted an [`Outcome`](super::Outcome).

use ::core::fmt;
use ::core::marker::PhantomData;

use ::serde::Serialize;

use super::path::{Keep, percent_encode};
use super::response::ResponseParser;
use super::{Collection, Decode, Error, NoQuery, ODataLiteral, PathBuilder};

/// The `http` crate, whose `Request`, `Response`, `Method` and `StatusCode` are in this API:
/// re-exported so that a dependency on the generated crate is enough to use them.
#[doc(no_inline)]
pub use ::http;
/// The `serde_json` crate, which reads and writes the models: re-exported so that a dependency on
/// the generated crate is enough to use it.
#[doc(no_inline)]
pub use ::serde_json;

/// A Microsoft Graph deployment: where requests go.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Cloud {
    /// The global service: `https://graph.microsoft.com`.
    #[default]
    Global,
    /// US Government L4: `https://graph.microsoft.us`.
    UsGovL4,
    /// US Government L5 (DOD): `https://dod-graph.microsoft.us`.
    UsGovL5Dod,
    /// China, operated by 21Vianet: `https://microsoftgraph.chinacloudapi.cn`.
    China,
    /// Any other base URL (a proxy, a test server); made by [`Cloud::custom`].
    Custom(BaseUrl),
}

/// A checked custom base URL: `http` or `https`, a host, an optional path prefix, no query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl Cloud {
    /// A custom base URL such as `http://127.0.0.1:8080` (the API version is appended to it).
    ///
    /// # Errors
    ///
    /// When `url` is not an `http` or `https` URL with a host, or has a query or fragment.
    pub fn custom(url: &str) -> Result<Self, Error> {
        let invalid = |why: &str| Error::InvalidRequest(format!("`{url}` is not a usable base URL: {why}"));
        let uri: ::http::Uri = url.parse().map_err(|_| invalid("it does not parse as a URL"))?;
        if !matches!(uri.scheme_str(), Some("http" | "https")) {
            return Err(invalid("the scheme must be http or https"));
        }
        if uri.host().is_none_or(str::is_empty) {
            return Err(invalid("it has no host"));
        }
        if uri.query().is_some() || url.contains('#') {
            return Err(invalid("it may not have a query or fragment"));
        }
        Ok(Self::Custom(BaseUrl(url.trim_end_matches('/').to_owned())))
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Self::Global => "https://graph.microsoft.com",
            Self::UsGovL4 => "https://graph.microsoft.us",
            Self::UsGovL5Dod => "https://dod-graph.microsoft.us",
            Self::China => "https://microsoftgraph.chinacloudapi.cn",
            Self::Custom(BaseUrl(url)) => url,
        }
    }

    /// `scheme://host[:port]` of the base URL.
    fn origin(&self) -> &str {
        let url = self.base_url();
        let after_scheme = url.find("://").map_or(0, |i| i + 3);
        match url[after_scheme..].find('/') {
            Some(i) => &url[..after_scheme + i],
            None => url,
        }
    }
}

/// What a query option value keeps unencoded: unreserved characters and the punctuation OData
/// expressions use (`$ , ' ( ) : @ / *`).
pub(super) const QUERY_VALUE_SAFE: Keep = Keep::unreserved_and(b"$,'():@/*");

/// Where a request goes.
#[derive(Debug, Clone)]
enum Target {
    /// A documented path (encoded) below the API version, with query options.
    Path { path: PathBuilder, query: Vec<(::std::borrow::Cow<'static, str>, String)> },
    /// An absolute `@odata.nextLink` or `@odata.deltaLink`, used as Graph sent it.
    NextLink(String),
}

/// One Graph request, sans-IO: it becomes an [`http::Request`](::http::Request) for any HTTP
/// client with [`Request::to_http`], and the [`http::Response`](::http::Response) that comes
/// back becomes the typed result with [`Request::parse_response`].
///
/// `T` is the documented response type; `Q` says which OData query options the operation
/// supports, so that only those methods (`select`, `filter`, …) are available.
#[must_use]
pub struct Request<T, Q = NoQuery> {
    method: ::http::Method,
    target: Target,
    headers: ::http::HeaderMap,
    body: Option<Vec<u8>>,
    invalid: Option<String>,
    success: ::http::StatusCode,
    api_version: &'static str,
    decode: Decode<T>,
    query_options: PhantomData<fn() -> Q>,
}

impl<T, Q> Clone for Request<T, Q> {
    fn clone(&self) -> Self {
        Self {
            method: self.method.clone(),
            target: self.target.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            invalid: self.invalid.clone(),
            success: self.success,
            api_version: self.api_version,
            decode: self.decode,
            query_options: PhantomData,
        }
    }
}

impl<T, Q> fmt::Debug for Request<T, Q> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("target", &self.target)
            .field("headers", &self.headers)
            .field("body", &self.body.as_deref().map(String::from_utf8_lossy))
            .field("success", &self.success)
            .finish_non_exhaustive()
    }
}

impl<T, Q> Request<T, Q> {
    /// A request for a documented operation (what the generated request functions call).
    /// `success` is the documented success status: any 2xx is accepted, the documented one is
    /// kept for [`Request::success_status`].
    #[doc(hidden)]
    pub fn new(
        method: ::http::Method,
        path: PathBuilder,
        api_version: &'static str,
        success: u16,
        decode: Decode<T>,
    ) -> Self {
        Self {
            method,
            target: Target::Path { path, query: Vec::new() },
            headers: ::http::HeaderMap::new(),
            body: None,
            invalid: None,
            success: ::http::StatusCode::from_u16(success).unwrap_or(::http::StatusCode::OK),
            api_version,
            decode,
            query_options: PhantomData,
        }
    }

    /// Sets the JSON body (what the generated request functions call).
    #[doc(hidden)]
    pub fn json_body<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match ::serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(bytes),
            Err(error) => {
                self.invalid.get_or_insert(format!("the body does not serialize: {error}"));
            }
        }
        self
    }

    /// Sets a raw body with its content type (a media upload).
    #[doc(hidden)]
    pub fn bytes_body(mut self, bytes: Vec<u8>, content_type: &str) -> Self {
        self.body = Some(bytes);
        self.header("Content-Type", content_type)
    }

    /// Sends `message`, a MIME message (RFC 5322 headers, a blank line, the body), as Graph
    /// takes one: base64 in a `text/plain` body, in place of the JSON body. So Graph sends mail
    /// (`POST /me/sendMail`), creates a draft (`POST /me/messages`) or sends a reply from MIME;
    /// a request that already has a body (`send_mail(&parameters)`) sends this one instead.
    /// `GET …/messages/{id}/$value` reads a message back as MIME.
    pub fn mime_body(self, message: &[u8]) -> Self {
        let mut encoded = Vec::new();
        super::base64::encode_into(message, &mut encoded);
        self.bytes_body(encoded, "text/plain")
    }

    /// Sets a parameter of the function this request calls, by its name in the metadata: how
    /// the optional parameters of a function are given (the generated method's documentation
    /// lists them). The value is written as an OData literal
    /// (`startDateTime='2024-01-01T00:00:00Z'`) and percent-encoded; setting a parameter again
    /// replaces it. On a request that is not a function call, [`Request::url`] fails.
    pub fn parameter(mut self, name: &str, value: impl ODataLiteral) -> Self {
        match &mut self.target {
            Target::Path { path, .. } => *path = ::core::mem::take(path).argument(name, &value),
            Target::NextLink(_) => {
                self.invalid.get_or_insert(format!("`{name}` cannot be set on a next or delta link"));
            }
        }
        self
    }

    /// Sends `ConsistencyLevel: eventual`, which Graph's advanced queries on directory objects
    /// need (`$search`, `$count`, `$filter` with `endsWith`, `$orderby` with `$filter`).
    pub fn eventual_consistency(self) -> Self {
        self.header("ConsistencyLevel", "eventual")
    }

    /// Adds a request header, such as `Prefer: outlook.timezone="UTC"`. A value with a control
    /// character (CR, LF) or a malformed name makes [`Request::to_http`] fail: no header can be
    /// smuggled into the request.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match (::http::HeaderName::try_from(name), ::http::HeaderValue::try_from(value)) {
            (Ok(name), Ok(value)) => {
                self.headers.insert(name, value);
            }
            (Err(_), _) => {
                self.invalid.get_or_insert(format!("`{}` is not a valid header name", name.escape_debug()));
            }
            (_, Err(_)) => {
                self.invalid.get_or_insert(format!(
                    "the value of header `{name}` contains a control character such as CR or LF"
                ));
            }
        }
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> &::http::Method {
        &self.method
    }

    /// The documented success status (any 2xx is accepted).
    pub fn success_status(&self) -> ::http::StatusCode {
        self.success
    }

    /// The JSON body, if the operation has one.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// The full URL of the request on `cloud`.
    ///
    /// # Errors
    ///
    /// When the request is invalid (see [`Error::InvalidRequest`]).
    pub fn url(&self, cloud: &Cloud) -> Result<String, Error> {
        match self.location()? {
            Location::Relative(relative) => Ok(format!("{}/{}{relative}", cloud.base_url(), self.api_version)),
            Location::Link(link) => {
                check_link(cloud, link)?;
                Ok(link.to_owned())
            }
        }
    }

    /// Where the request goes, without the cloud: the encoded path and query below the API
    /// version, or the absolute link it follows. Fails as [`Request::url`] does for an invalid
    /// request (a link's host is checked against a cloud by [`check_link`]).
    pub(super) fn location(&self) -> Result<Location<'_>, Error> {
        if let Some(why) = &self.invalid {
            return Err(Error::InvalidRequest(why.clone()));
        }
        match &self.target {
            Target::Path { path, query } => {
                let (mut relative, invalid) = path.clone().finish();
                if let Some(why) = invalid {
                    return Err(Error::InvalidRequest(why));
                }
                for (i, (name, value)) in query.iter().enumerate() {
                    relative.push(if i == 0 { '?' } else { '&' });
                    relative.push_str(name);
                    relative.push('=');
                    percent_encode(value, &QUERY_VALUE_SAFE, &mut relative);
                }
                Ok(Location::Relative(relative))
            }
            Target::NextLink(link) => Ok(Location::Link(link)),
        }
    }

    /// The API version the request is for (`v1.0`, `beta`): the one of the crate that built it.
    pub fn api_version(&self) -> &'static str {
        self.api_version
    }

    /// The headers added to the request (not those [`Request::to_http`] always sends).
    pub fn headers(&self) -> &::http::HeaderMap {
        &self.headers
    }

    /// The request as an [`http::Request`](::http::Request) for `cloud`: method, URL,
    /// `Accept: application/json`, `Content-Type: application/json` when there is a body, and
    /// any headers added. Authorization is the sender's business.
    ///
    /// # Errors
    ///
    /// When the request is invalid (see [`Error::InvalidRequest`]).
    pub fn to_http(&self, cloud: &Cloud) -> Result<::http::Request<Vec<u8>>, Error> {
        let url = self.url(cloud)?;
        let mut builder = ::http::Request::builder()
            .method(self.method.clone())
            .uri(&url)
            .header(::http::header::ACCEPT, "application/json");
        if self.body.is_some() {
            builder = builder.header(::http::header::CONTENT_TYPE, "application/json");
        }
        let mut request = builder
            .body(self.body.clone().unwrap_or_default())
            .map_err(|error| Error::InvalidRequest(format!("`{url}` is not a valid request URL: {error}")))?;
        for (name, value) in &self.headers {
            request.headers_mut().insert(name, value.clone());
        }
        Ok(request)
    }

    /// The typed result of a response: for any 2xx, the result type read from the body (an
    /// [`Outcome`](super::Outcome) where the body may be missing or the work accepted);
    /// otherwise a typed [`Error`] (Graph's error body when it sent one).
    ///
    /// # Errors
    ///
    /// [`Error::Graph`], [`Error::UnexpectedStatus`] or [`Error::Decode`].
    pub fn parse_response(&self, response: ::http::Response<Vec<u8>>) -> Result<T, Error> {
        self.parser().parse(response)
    }

    /// What [`Request::parse_response`] does, without the request: a batch keeps it for each of
    /// its requests, so that a sub-response is read exactly as the request's own response is.
    pub(super) fn parser(&self) -> ResponseParser<T> {
        ResponseParser::new(self.success, self.decode)
    }

    /// Sets a body that is JSON already (serialized by `serde_json`), sent with
    /// `Content-Type: application/json`.
    pub(super) fn with_json_bytes(mut self, body: Vec<u8>) -> Self {
        self.body = Some(body);
        self
    }

    /// Makes the request invalid: [`Request::url`] and [`Request::to_http`] fail with `why`
    /// (the first reason given is kept).
    pub(super) fn with_invalid(mut self, why: String) -> Self {
        self.invalid.get_or_insert(why);
        self
    }

    pub(super) fn set_query(mut self, name: impl Into<::std::borrow::Cow<'static, str>>, value: String) -> Self {
        let name = name.into();
        if let Target::Path { query, .. } = &mut self.target {
            query.retain(|(existing, _)| *existing != name);
            query.push((name, value));
        }
        self
    }

    /// A custom query option, such as `startDateTime` of `/me/calendarView?startDateTime=…`
    /// (a name without `$`; the system options have typed methods). The value is percent-encoded;
    /// setting an option again replaces it. A name that starts with `$`, or with characters a
    /// query name cannot have, makes [`Request::url`] fail.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        let valid = !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'@'));
        if !valid {
            self.invalid.get_or_insert(format!(
                "`{}` is not a custom query option name (system options such as `$filter` have their own methods)",
                name.escape_debug()
            ));
            return self;
        }
        self.set_query(name.to_owned(), value.to_owned())
    }
}

impl<T, Q> Request<Collection<T>, Q> {
    /// The request for the page after `page`, if Graph sent an `@odata.nextLink`. The link is
    /// followed only on the same host as the cloud the first page came from.
    pub fn next_page(&self, page: &Collection<T>) -> Option<Self> {
        self.link(page.next_link.as_ref()?)
    }

    /// The request for the changes after `page`, if it is the last page of a delta round and
    /// Graph sent an `@odata.deltaLink`. Followed only on the cloud's host, as next links are.
    pub fn delta_request(&self, page: &Collection<T>) -> Option<Self> {
        self.link(page.delta_link.as_ref()?)
    }

    /// The request for a next or delta link kept from an earlier run (such as
    /// `DeltaResult::delta_link`, saved between runs): it reads the same type as this request.
    /// As with [`Request::next_page`], the link is followed only on the cloud's own host:
    /// [`Request::url`] fails for a link to another host, so that no token goes there.
    pub fn from_link(&self, link: &str) -> Self {
        let mut next = self.clone();
        next.target = Target::NextLink(link.to_owned());
        next
    }

    fn link(&self, link: &str) -> Option<Self> {
        Some(self.from_link(link))
    }
}

/// Where a request goes, without the cloud (see [`Request::location`]).
pub(super) enum Location<'a> {
    /// The encoded path and query below the API version: `/me/messages?$top=2`.
    Relative(String),
    /// An absolute `@odata.nextLink` or `@odata.deltaLink`.
    Link(&'a str),
}

/// Checks that a next or delta link stays on `cloud`'s host, so that no credentials go to
/// another host.
pub(super) fn check_link(cloud: &Cloud, link: &str) -> Result<(), Error> {
    let origin = cloud.origin();
    let same_origin = link.strip_prefix(origin).is_some_and(|rest| rest.starts_with('/'));
    if !same_origin {
        return Err(Error::InvalidRequest(format!(
            "the next link `{link}` leaves {origin}; it is not followed, so no credentials go to another host"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{SupportsFilter, SupportsSelect, SupportsTop, decode_json};
    use super::*;

    enum Options {}
    impl SupportsSelect for Options {}
    impl SupportsFilter for Options {}
    impl SupportsTop for Options {}

    fn request(id: &str) -> Request<Collection<::serde_json::Value>, Options> {
        let path = PathBuilder::new().literal("/things/").param("thingId", id).literal("/items");
        Request::new(::http::Method::GET, path, "beta", 200, decode_json)
    }

    #[test]
    fn path_parameters_cannot_change_the_route() {
        let cloud = Cloud::Global;
        assert_eq!(
            request("abc-1_2.3~").url(&cloud).unwrap(),
            "https://graph.microsoft.com/beta/things/abc-1_2.3~/items"
        );
        assert_eq!(
            request("a/../b?c#d").url(&cloud).unwrap(),
            "https://graph.microsoft.com/beta/things/a%2F..%2Fb%3Fc%23d/items"
        );
        assert!(request("..").url(&cloud).unwrap_err().to_string().contains("dot segment"));
        assert!(request(".").url(&cloud).is_err());
        assert_eq!(request("...").url(&cloud).unwrap(), "https://graph.microsoft.com/beta/things/.../items");
        assert_eq!(
            request("%2F é").url(&cloud).unwrap(),
            "https://graph.microsoft.com/beta/things/%252F%20%C3%A9/items"
        );
        let error = request("").url(&cloud).unwrap_err();
        assert!(error.to_string().contains("`thingId` is empty"), "{error}");
    }

    #[test]
    fn query_options_are_encoded() {
        let url = request("x").select(["id", "displayName"]).filter("displayName eq 'a&b=c #1'").top(5).select(["id"]);
        assert_eq!(
            url.url(&Cloud::China).unwrap(),
            "https://microsoftgraph.chinacloudapi.cn/beta/things/x/items?$filter=displayName%20eq%20'a%26b%3Dc%20%231'&$top=5&$select=id"
        );
    }

    #[test]
    fn headers_with_control_characters_are_refused() {
        let error = request("x").header("X-Test", "a\r\nInjected: yes").to_http(&Cloud::Global).unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(ref why) if why.contains("control character")), "{error}");
        assert!(request("x").header("Bad Name", "v").to_http(&Cloud::Global).is_err());
        let http = request("x").header("ConsistencyLevel", "eventual").to_http(&Cloud::UsGovL4).unwrap();
        assert_eq!(http.headers()["consistencylevel"], "eventual");
        assert_eq!(http.headers()["accept"], "application/json");
        assert!(http.headers().get("content-type").is_none());
        assert_eq!(http.uri(), "https://graph.microsoft.us/beta/things/x/items");
    }

    #[test]
    fn clouds_and_custom_base_urls() {
        assert_eq!(Cloud::UsGovL5Dod.base_url(), "https://dod-graph.microsoft.us");
        assert_eq!(Cloud::custom("http://127.0.0.1:8080/").unwrap().base_url(), "http://127.0.0.1:8080");
        for bad in ["ftp://x", "not a url", "http://x/?q=1", "/relative"] {
            assert!(Cloud::custom(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn next_links_stay_on_the_same_host() {
        let first = request("x");
        let page: Collection<::serde_json::Value> = ::serde_json::from_str(
            r#"{"value": [1], "@odata.nextLink": "https://graph.microsoft.com/beta/things/x/items?$skiptoken=abc"}"#,
        )
        .unwrap();
        let next = first.next_page(&page).unwrap();
        assert_eq!(next.url(&Cloud::Global).unwrap(), "https://graph.microsoft.com/beta/things/x/items?$skiptoken=abc");
        assert!(next.url(&Cloud::China).is_err(), "a link to another host is not followed");
        let evil: Collection<::serde_json::Value> =
            ::serde_json::from_str(r#"{"value": [], "@odata.nextLink": "https://graph.microsoft.com.evil.example/x"}"#)
                .unwrap();
        assert!(first.next_page(&evil).unwrap().url(&Cloud::Global).is_err());
        let last: Collection<::serde_json::Value> = ::serde_json::from_str(r#"{"value": []}"#).unwrap();
        assert!(first.next_page(&last).is_none());
    }

    #[test]
    fn responses_are_checked_against_the_documented_status() {
        let ok = ::http::Response::builder()
            .status(200)
            .body(br#"{"value": [1, 2], "@odata.count": 2, "x": true}"#.to_vec())
            .unwrap();
        let page = request("x").parse_response(ok).unwrap();
        assert_eq!(page.value, [::serde_json::json!(1), ::serde_json::json!(2)]);
        assert_eq!(page.count, Some(2));
        assert_eq!(
            ::serde_json::to_value(&page).unwrap(),
            ::serde_json::json!({"value": [1, 2], "@odata.count": 2, "x": true})
        );
        let created = ::http::Response::builder().status(201).body(br#"{"value": []}"#.to_vec()).unwrap();
        assert!(request("x").parse_response(created).is_ok(), "any 2xx is success");
        let empty = ::http::Response::builder().status(200).body(Vec::new()).unwrap();
        assert!(matches!(request("x").parse_response(empty), Err(Error::Decode { .. })), "a list needs its body");
        let missing = ::http::Response::builder().status(404).body(b"<html>".to_vec()).unwrap();
        assert!(matches!(request("x").parse_response(missing), Err(Error::UnexpectedStatus { .. })));
        let garbage = ::http::Response::builder().status(200).body(b"{".to_vec()).unwrap();
        assert!(matches!(request("x").parse_response(garbage), Err(Error::Decode { .. })));
    }

    #[test]
    fn custom_query_options() {
        let url = request("x").query("startDateTime", "2024-01-01T00:00:00Z").query("endDateTime", "a&b").top(2);
        assert_eq!(
            url.url(&Cloud::Global).unwrap(),
            "https://graph.microsoft.com/beta/things/x/items?startDateTime=2024-01-01T00:00:00Z&endDateTime=a%26b&$top=2"
        );
        assert!(request("x").query("$filter", "x").url(&Cloud::Global).is_err());
        assert!(request("x").query("a=b&c", "x").url(&Cloud::Global).is_err());
    }

    #[test]
    fn function_parameters_are_set_on_the_request() {
        let path = PathBuilder::new().segment("reports").function("getTeamsUserActivityUserDetail");
        let call: Request<(), NoQuery> =
            Request::new(::http::Method::GET, path, "v1.0", 200, super::super::decode_empty);
        let call = call.parameter("period", "D7").parameter("period", "D30");
        assert_eq!(
            call.url(&Cloud::Global).unwrap(),
            "https://graph.microsoft.com/v1.0/reports/getTeamsUserActivityUserDetail(period='D30')"
        );
        assert!(request("x").parameter("period", "D7").url(&Cloud::Global).is_err());
    }
}
