//! The async client (cargo feature `client`): [`Client`] sends any generated [`Request`] over
//! reqwest with a bearer token from a [`TokenSource`], retries throttled answers (429, 503, 504)
//! honouring `Retry-After`, follows `@odata.nextLink` on the cloud's own host (and delta rounds
//! to their `@odata.deltaLink`), and enforces a timeout. Batches are sent by `client_batch.rs`,
//! uploads by `client_upload.rs`.

#![cfg(feature = "client")]

use ::core::future::Future;
use ::core::pin::Pin;
use ::core::time::Duration;
use ::std::sync::Arc;

use super::{Cloud, Collection, DeltaResult, Error, Request, retry_after};

/// A boxed error from a token source.
pub type BoxError = Box<dyn ::std::error::Error + Send + Sync>;

/// Where the client gets its bearer tokens. Called before every attempt, so a source that
/// refreshes (and caches) tokens keeps long paging runs authorized.
pub trait TokenSource: Send + Sync {
    /// An access token for Graph (without the `Bearer ` prefix).
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>>;
}

/// A token that never changes (tests, short scripts).
#[derive(Clone)]
pub struct StaticToken(String);

impl StaticToken {
    /// A source that always gives `token`.
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }
}

impl ::core::fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>> {
        Box::pin(::core::future::ready(Ok(self.0.clone())))
    }
}

/// A token source made from an async function: see [`token_fn`].
pub struct TokenFn<F>(F);

impl<F> ::core::fmt::Debug for TokenFn<F> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("TokenFn(..)")
    }
}

/// What the async function of a [`token_fn`] may return: the token itself (a `String`), or a
/// `Result` whose error becomes [`Error::Token`] (any error type that converts into a
/// [`BoxError`], such as `std::io::Error`, `std::env::VarError` or a `String`).
pub trait IntoToken {
    /// The token, or why there is none.
    ///
    /// # Errors
    ///
    /// The error of the token source.
    fn into_token(self) -> Result<String, BoxError>;
}

impl IntoToken for String {
    fn into_token(self) -> Result<String, BoxError> {
        Ok(self)
    }
}

impl<E: Into<BoxError>> IntoToken for Result<String, E> {
    fn into_token(self) -> Result<String, BoxError> {
        self.map_err(Into::into)
    }
}

/// A token source that calls `f` before every attempt, for tokens that are refreshed.
///
/// `f` is any function without arguments that returns a future of the token, either a `String`
/// or a `Result<String, E>` (see [`IntoToken`]). The client keeps the source for as long as it
/// lives, so `f` owns what it uses: share a credential or token cache with an `Arc` and clone it
/// into each future, or pass an `async fn` by name.
///
/// (No example here: this file is compiled into crates of any name. The README's client example,
/// a doc test of `msgraph-beta`, shows both ways.)
pub fn token_fn<F, Fut>(f: F) -> TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future + Send + 'static,
    Fut::Output: IntoToken,
{
    TokenFn(f)
}

impl<F, Fut> TokenSource for TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future + Send + 'static,
    Fut::Output: IntoToken,
{
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>> {
        let future = (self.0)();
        Box::pin(async move { future.await.into_token() })
    }
}

/// When and how often a throttled or unavailable answer (429, 503, 504) is retried.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// The backoff before the first retry when Graph sends no `Retry-After`; it doubles per retry,
    /// and the actual wait is a random part of it (full jitter).
    pub base_delay: Duration,
    /// The longest wait: a `Retry-After` asking for more ends the retries with Graph's error.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { max_retries: 3, base_delay: Duration::from_millis(500), max_delay: Duration::from_secs(60) }
    }
}

impl RetryPolicy {
    /// A policy with the given limits.
    pub fn new(max_retries: u32, base_delay: Duration, max_delay: Duration) -> Self {
        Self { max_retries, base_delay, max_delay }
    }

    /// How long to wait before retry number `retry` (0-based) of a response with `headers`, or
    /// `None` when the response should not be retried.
    pub(super) fn delay(
        &self,
        retry: u32,
        status: ::http::StatusCode,
        headers: &::http::HeaderMap,
    ) -> Option<Duration> {
        if !matches!(status.as_u16(), 429 | 503 | 504) {
            return None;
        }
        self.backoff(retry, retry_after(headers))
    }

    /// How long to wait before retry number `retry` (0-based) of something that failed, when
    /// Graph `asked` for a wait or not; `None` when the retries are used up or Graph asked for
    /// longer than `max_delay`.
    pub(super) fn backoff(&self, retry: u32, asked: Option<Duration>) -> Option<Duration> {
        if retry >= self.max_retries {
            return None;
        }
        let delay = match asked {
            Some(asked) => asked,
            None => {
                let ceiling = self.base_delay.saturating_mul(1 << retry.min(16)).min(self.max_delay);
                let ceiling_ms = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
                Duration::from_millis(::fastrand::u64(0..=ceiling_ms))
            }
        };
        (delay <= self.max_delay).then_some(delay)
    }
}

/// An async Graph client: sends any generated [`Request`] with a bearer token, retries throttled
/// answers, follows `@odata.nextLink`, and enforces a timeout.
#[derive(Clone)]
pub struct Client {
    http: ::reqwest::Client,
    cloud: Cloud,
    token: Arc<dyn TokenSource>,
    retry: RetryPolicy,
}

impl ::core::fmt::Debug for Client {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Client").field("cloud", &self.cloud).field("retry", &self.retry).finish_non_exhaustive()
    }
}

/// Builds a [`Client`].
#[must_use]
pub struct ClientBuilder {
    cloud: Cloud,
    token: Arc<dyn TokenSource>,
    retry: RetryPolicy,
    timeout: Duration,
    user_agent: String,
}

impl Client {
    /// A client for `cloud` that authenticates with `token`.
    pub fn builder(cloud: Cloud, token: impl TokenSource + 'static) -> ClientBuilder {
        ClientBuilder {
            cloud,
            token: Arc::new(token),
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(100),
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    /// The cloud requests go to.
    pub fn cloud(&self) -> &Cloud {
        &self.cloud
    }

    /// Sends `request` and returns its typed result.
    ///
    /// # Errors
    ///
    /// An invalid request, a failed token source, a transport error or timeout, or Graph's answer
    /// when it is not the documented success (after retries, for 429, 503 and 504).
    pub async fn send<T, Q>(&self, request: &Request<T, Q>) -> Result<T, Error> {
        let response = self.send_http(request.to_http(&self.cloud)?).await?;
        request.parse_response(response)
    }

    /// Sends `request` and every next page, returning all items.
    ///
    /// # Errors
    ///
    /// As [`Client::send`], for any page; also when a next link repeats (a loop) or leaves the
    /// cloud's host.
    pub async fn send_all_pages<T, Q>(&self, request: &Request<Collection<T>, Q>) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        let _last = self.send_pages(request, &mut items).await?;
        Ok(items)
    }

    /// Sends a round of a delta query: `request` (a delta function such as `/users/delta`, or
    /// the next round of an earlier one, [`DeltaResult::next_round`]) and every next page, up to
    /// the page with the `@odata.deltaLink`; returns every item (removed ones included, see
    /// [`DeltaResult`]) and the delta link, where the next round starts.
    ///
    /// # Errors
    ///
    /// As [`Client::send_all_pages`]; also when a delta link leaves the cloud's host (it is
    /// refused now rather than on the next round), and when the last page has no
    /// `@odata.deltaLink` (the request is not a delta query).
    pub async fn send_delta<T, Q>(&self, request: &Request<Collection<T>, Q>) -> Result<DeltaResult<T>, Error> {
        let mut items = Vec::new();
        let (last, page) = self.send_pages(request, &mut items).await?;
        match last.delta_request(&page) {
            Some(delta) => Ok(DeltaResult::new(items, delta.url(&self.cloud)?)),
            None => Err(Error::InvalidRequest(format!(
                "the last page of `{}` has no @odata.deltaLink: is it a delta query?",
                request.url(&self.cloud)?
            ))),
        }
    }

    /// Sends `request` and every next page, adding each page's items to `items`; returns the
    /// request of the last page and that page (its items taken), where the walk ended.
    async fn send_pages<T, Q>(
        &self,
        request: &Request<Collection<T>, Q>,
        items: &mut Vec<T>,
    ) -> Result<(Request<Collection<T>, Q>, Collection<T>), Error> {
        let mut current = request.clone();
        let mut seen = ::std::collections::BTreeSet::new();
        loop {
            let mut page = self.send(&current).await?;
            items.append(&mut page.value);
            match current.next_page(&page) {
                Some(next) => current = self.follow(next, &mut seen)?,
                None => return Ok((current, page)),
            }
        }
    }

    /// `next`, when its link stays on the cloud's host and was not followed before.
    fn follow<T, Q>(
        &self,
        next: Request<T, Q>,
        seen: &mut ::std::collections::BTreeSet<String>,
    ) -> Result<Request<T, Q>, Error> {
        let link = next.url(&self.cloud)?;
        if !seen.insert(link.clone()) {
            return Err(Error::InvalidRequest(format!("the next link `{link}` repeats; stopping to avoid a loop")));
        }
        Ok(next)
    }

    /// Sends any HTTP request with the bearer token and the retry policy; the response is returned
    /// whatever its status.
    ///
    /// # Errors
    ///
    /// A failed token source, a token that is not a valid header value, a transport error, or
    /// the timeout.
    pub async fn send_http(&self, request: ::http::Request<Vec<u8>>) -> Result<::http::Response<Vec<u8>>, Error> {
        let mut retry = 0;
        loop {
            let token = self.token.token().await.map_err(Error::Token)?;
            let authorization = ::http::HeaderValue::try_from(format!("Bearer {token}")).map_err(|_| {
                Error::InvalidRequest("the access token contains characters not allowed in a header".into())
            })?;
            let mut attempt = request.clone();
            attempt.headers_mut().insert(::http::header::AUTHORIZATION, authorization);
            let response = self.execute(attempt).await?;
            if let Some(delay) = self.retry.delay(retry, response.status(), response.headers()) {
                retry += 1;
                ::tokio::time::sleep(delay).await;
                continue;
            }
            return Ok(response);
        }
    }

    /// Sends `request` once, as it is: no token is added, nothing is retried.
    pub(super) async fn execute(&self, request: ::http::Request<Vec<u8>>) -> Result<::http::Response<Vec<u8>>, Error> {
        let request = ::reqwest::Request::try_from(request.map(::reqwest::Body::from)).map_err(transport)?;
        let response = self.http.execute(request).await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(transport)?;
        let mut http_response = ::http::Response::new(body.to_vec());
        *http_response.status_mut() = status;
        *http_response.headers_mut() = headers;
        Ok(http_response)
    }

    /// The retry policy.
    pub(super) fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }
}

impl ClientBuilder {
    /// The retry policy (default: 3 retries, 500 ms base backoff, 60 s longest wait).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The timeout of one attempt, from sending to the end of the body (default 100 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// When the HTTP client cannot be created (no TLS roots, an invalid user agent).
    pub fn build(self) -> Result<Client, Error> {
        let http = ::reqwest::Client::builder()
            .timeout(self.timeout)
            .user_agent(self.user_agent)
            .build()
            .map_err(transport)?;
        Ok(Client { http, cloud: self.cloud, token: self.token, retry: self.retry })
    }
}

fn transport(error: ::reqwest::Error) -> Error {
    if error.is_timeout() { Error::Timeout } else { Error::Transport(Box::new(error)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_only_throttling_and_unavailability_within_limits() {
        let policy = RetryPolicy::new(2, Duration::from_millis(100), Duration::from_secs(5));
        let none = ::http::HeaderMap::new();
        let mut asked = ::http::HeaderMap::new();
        asked.insert(::http::header::RETRY_AFTER, "3".parse().unwrap());
        let mut too_long = ::http::HeaderMap::new();
        too_long.insert(::http::header::RETRY_AFTER, "3600".parse().unwrap());
        for status in [429, 503, 504] {
            let status = ::http::StatusCode::from_u16(status).unwrap();
            assert_eq!(policy.delay(0, status, &asked), Some(Duration::from_secs(3)));
            assert!(policy.delay(1, status, &none).unwrap() <= Duration::from_millis(200));
            assert_eq!(policy.delay(2, status, &asked), None, "attempts are bounded");
            assert_eq!(policy.delay(0, status, &too_long), None, "an hour's wait is not silently honoured");
        }
        for status in [200, 400, 404, 500, 502] {
            assert_eq!(policy.delay(0, ::http::StatusCode::from_u16(status).unwrap(), &asked), None);
        }
    }
}
