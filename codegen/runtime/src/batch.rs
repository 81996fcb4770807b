//! JSON batching, sans-IO: a [`Batch`] collects generated requests of any response types (up to
//! 20 per `$batch` call, Graph's limit), becomes one `POST {base}/{version}/$batch`, and Graph's
//! answer becomes each request's own typed result ([`BatchResponses`](super::BatchResponses), read in
//! `batch_response.rs`). Requests can depend on others (`dependsOn`); a larger set is split into
//! batches that keep each chain of dependencies whole ([`Batch::chunks`]).

use ::core::fmt;
use ::std::sync::Arc;
use ::std::sync::atomic::{AtomicU64, Ordering};

use super::request::{Location, check_link};
use super::response::{ReadLeading, ResponseParser};
use super::{Cloud, Error, Request};

/// The most requests Graph takes in one `$batch` call.
pub const MAX_BATCH_REQUESTS: usize = 20;

/// Every request added to any batch gets its own key, so that a [`BatchItem`] finds its answer in
/// the [`BatchResponses`](super::BatchResponses) of any batch it was sent in (a chunk, a retry) and in no other.
static NEXT_KEY: AtomicU64 = AtomicU64::new(1);

/// Requests sent together in one `POST …/$batch` call (JSON batching), sans-IO like [`Request`].
///
/// [`Batch::add`] takes any generated request (or a [`RawRequest`](super::RawRequest)) and gives
/// back a typed [`BatchItem<T>`]; [`Batch::to_http`] is the one HTTP request, and
/// [`Batch::parse_response`] reads Graph's answer into [`BatchResponses`](super::BatchResponses), from which
/// [`BatchResponses::take`](super::BatchResponses::take) gives each request's result exactly as
/// [`Request::parse_response`] would have for the request sent alone. With the `client`
/// feature, `Client::send_batch` does all three and re-sends what Graph throttled.
///
/// Graph's limits are checked before anything is sent: at most [`MAX_BATCH_REQUESTS`] requests
/// (a larger batch is split by [`Batch::chunks`], or sent by `Client::send_batches`), unique ids,
/// `dependsOn` naming requests of the batch without a cycle, one API version, next and delta
/// links on the cloud's host, and valid requests.
///
/// A request's body goes into the batch as JSON when it is JSON, and otherwise base64-encoded
/// with its `Content-Type` (a MIME message sent as `text/plain`), as Graph expects.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    entries: Vec<Entry>,
    api_version: Option<&'static str>,
    /// Whether requests may depend on requests outside the batch, which then count as done: a
    /// batch of requests sent again after throttling, whose dependencies succeeded before.
    partial: bool,
}

/// One request of a batch, as it goes on the wire.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) key: u64,
    pub(super) id: String,
    method: ::http::Method,
    url: SubUrl,
    /// Header names as Graph's docs write them (`Content-Type`), with their text values.
    headers: Vec<(String, String)>,
    body: Option<SubBody>,
    pub(super) depends_on: Vec<String>,
    /// The request's parser, which reads its sub-response's body while the batch answer is read.
    pub(super) parser: Arc<dyn ReadLeading>,
}

/// The URL of a sub-request.
#[derive(Debug, Clone)]
enum SubUrl {
    /// Below the API version: `/me/messages?$top=2`.
    Relative(String),
    /// A next or delta link, made relative when the cloud is known.
    Link(String),
}

/// The body of a sub-request.
#[derive(Debug, Clone)]
enum SubBody {
    /// JSON text, embedded as it is.
    Json(Vec<u8>),
    /// Base64 text of a body that is not JSON.
    Base64(Vec<u8>),
}

/// The handle of a request added to a [`Batch`]: it takes the request's typed result `T` from
/// the [`BatchResponses`](super::BatchResponses) ([`BatchResponses::take`](super::BatchResponses::take)), and names the request in
/// [`BatchOptions::after`].
pub struct BatchItem<T> {
    pub(super) key: u64,
    pub(super) id: String,
    pub(super) parser: ResponseParser<T>,
}

impl<T> BatchItem<T> {
    /// The request's id in the batch (`"1"`, `"2"`, … unless given).
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<T> fmt::Debug for BatchItem<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchItem").field("id", &self.id).finish_non_exhaustive()
    }
}

/// How a request goes into a batch: its id and the requests it depends on
/// ([`Batch::add_with`]).
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct BatchOptions {
    id: Option<String>,
    depends_on: Vec<String>,
}

impl BatchOptions {
    /// No id given (the batch numbers it) and no dependency.
    pub fn new() -> Self {
        Self::default()
    }

    /// The request's id, unique in the batch (by default its number: `"1"`, `"2"`, …).
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Runs the request after the request with id `id` (`dependsOn`), and only if it succeeded:
    /// otherwise Graph answers `424 Failed Dependency`, read as [`Error::DependencyFailed`].
    pub fn depends_on(mut self, id: impl Into<String>) -> Self {
        let id = id.into();
        if !self.depends_on.contains(&id) {
            self.depends_on.push(id);
        }
        self
    }

    /// Runs the request after `item`, and only if it succeeded (see [`BatchOptions::depends_on`]).
    pub fn after<U>(self, item: &BatchItem<U>) -> Self {
        self.depends_on(item.id.clone())
    }
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of requests.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the batch has no request.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The ids of the requests, in the order they were added.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|entry| entry.id.as_str())
    }

    /// Adds `request` with the next free number as its id (`"1"`, `"2"`, …).
    ///
    /// # Errors
    ///
    /// When the request is invalid (as [`Request::url`] says), is for another API version than
    /// the batch's other requests, or has a header value that is not text.
    ///
    /// The result type `T` is owned and thread-safe, as every generated request's is: the
    /// answer is read into it while the batch's answer is read, and kept until taken.
    pub fn add<T: Send + Sync + 'static, Q>(&mut self, request: &Request<T, Q>) -> Result<BatchItem<T>, Error> {
        self.add_with(request, BatchOptions::new())
    }

    /// Adds `request` with an id and dependencies (see [`BatchOptions`]). Dependencies may name
    /// requests added later; they are checked by [`Batch::to_http`].
    ///
    /// # Errors
    ///
    /// As [`Batch::add`]; also when the id is empty or already in the batch.
    pub fn add_with<T: Send + Sync + 'static, Q>(
        &mut self,
        request: &Request<T, Q>,
        options: BatchOptions,
    ) -> Result<BatchItem<T>, Error> {
        let id = match options.id {
            Some(id) => id,
            None => self.free_id(),
        };
        let invalid = |why: String| Error::InvalidRequest(format!("batch request `{id}`: {why}"));
        if id.is_empty() {
            return Err(Error::InvalidRequest("a batch request's id may not be empty".into()));
        }
        if self.entries.iter().any(|entry| entry.id == id) {
            return Err(invalid("another request of the batch has this id; ids must be unique".into()));
        }
        if options.depends_on.iter().any(String::is_empty) {
            return Err(invalid("an id it depends on is empty".into()));
        }
        let version = request.api_version();
        if let Some(batch_version) = self.api_version
            && batch_version != version
        {
            return Err(invalid(format!(
                "it is for API version `{version}` and the batch's other requests for `{batch_version}`; a batch goes to one version's `$batch`, so send it in another batch"
            )));
        }
        let url = match request.location().map_err(|error| invalid(error.to_string()))? {
            Location::Relative(relative) => SubUrl::Relative(relative),
            Location::Link(link) => SubUrl::Link(link.to_owned()),
        };
        let mut headers = Vec::with_capacity(request.headers().len() + 1);
        let mut content_type = None;
        for (name, value) in request.headers() {
            let value = value.to_str().map_err(|_| {
                invalid(format!(
                    "the value of header `{name}` is not text, and a batch carries headers as JSON strings"
                ))
            })?;
            if name == ::http::header::CONTENT_TYPE {
                content_type = Some(value);
            }
            headers.push((title_case(name.as_str()), value.to_owned()));
        }
        let body = match (request.body(), content_type) {
            (None, _) => None,
            // What `json_body` serialized: JSON, sent as `application/json`.
            (Some(body), None) => {
                headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
                Some(SubBody::Json(body.to_vec()))
            }
            (Some(body), Some(media)) if is_json(media) => {
                ::serde_json::from_slice::<::serde::de::IgnoredAny>(body)
                    .map_err(|error| invalid(format!("its body is sent as `{media}` but is not JSON: {error}")))?;
                Some(SubBody::Json(body.to_vec()))
            }
            (Some(body), Some(_)) => {
                let mut encoded = Vec::new();
                super::base64::encode_into(body, &mut encoded);
                Some(SubBody::Base64(encoded))
            }
        };
        let key = NEXT_KEY.fetch_add(1, Ordering::Relaxed);
        self.api_version = Some(version);
        self.entries.push(Entry {
            key,
            id: id.clone(),
            method: request.method().clone(),
            url,
            headers,
            body,
            depends_on: options.depends_on,
            parser: Arc::new(request.parser()),
        });
        Ok(BatchItem { key, id, parser: request.parser() })
    }

    /// The smallest number, as text, that no request has as its id.
    fn free_id(&self) -> String {
        (self.entries.len() + 1..)
            .map(|n| n.to_string())
            .find(|id| self.entries.iter().all(|entry| entry.id != *id))
            .unwrap_or_default()
    }

    /// The batch as one [`http::Request`](::http::Request) for `cloud`:
    /// `POST {base}/{version}/$batch` with the JSON body
    /// `{"requests": [{"id", "method", "url", "headers", "body", "dependsOn"}, …]}`, each `url`
    /// below the API version (`/me/messages?$top=2`), exactly as [`Request::url`] builds it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when the batch is empty or has more than
    /// [`MAX_BATCH_REQUESTS`] requests, when a `dependsOn` names no request of the batch or the
    /// dependencies form a cycle, or when a next or delta link leaves the cloud's host or its API
    /// version.
    pub fn to_http(&self, cloud: &Cloud) -> Result<::http::Request<Vec<u8>>, Error> {
        if self.entries.len() > MAX_BATCH_REQUESTS {
            return Err(Error::InvalidRequest(format!(
                "the batch has {} requests and Graph takes at most {MAX_BATCH_REQUESTS} in one call: split it with `Batch::chunks`, or send it with `Client::send_batches`",
                self.entries.len()
            )));
        }
        self.order()?;
        let Some(version) = self.api_version else {
            return Err(Error::InvalidRequest("the batch is empty: add a request first".into()));
        };
        let prefix = format!("{}/{version}", cloud.base_url());
        let mut body = Vec::with_capacity(64 + self.entries.len() * 128);
        body.extend_from_slice(br#"{"requests":["#);
        for (i, entry) in self.entries.iter().enumerate() {
            if i > 0 {
                body.push(b',');
            }
            let url = match &entry.url {
                SubUrl::Relative(relative) => relative.as_str(),
                SubUrl::Link(link) => {
                    check_link(cloud, link)?;
                    link.strip_prefix(&prefix).filter(|rest| rest.starts_with('/')).ok_or_else(|| {
                        Error::InvalidRequest(format!(
                            "batch request `{}`: the link `{link}` is not below {prefix}, where the batch goes",
                            entry.id
                        ))
                    })?
                }
            };
            self.write_entry(entry, url, &mut body);
        }
        body.extend_from_slice(b"]}");
        let uri = format!("{prefix}/$batch");
        ::http::Request::builder()
            .method(::http::Method::POST)
            .uri(&uri)
            .header(::http::header::ACCEPT, "application/json")
            .header(::http::header::CONTENT_TYPE, "application/json")
            .body(body)
            .map_err(|error| Error::InvalidRequest(format!("`{uri}` is not a valid request URL: {error}")))
    }

    fn write_entry(&self, entry: &Entry, url: &str, out: &mut Vec<u8>) {
        out.extend_from_slice(br#"{"id":"#);
        write_json_str(&entry.id, out);
        out.extend_from_slice(br#","method":"#);
        write_json_str(entry.method.as_str(), out);
        out.extend_from_slice(br#","url":"#);
        write_json_str(url, out);
        if !entry.headers.is_empty() {
            out.extend_from_slice(br#","headers":{"#);
            for (i, (name, value)) in entry.headers.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_json_str(name, out);
                out.push(b':');
                write_json_str(value, out);
            }
            out.push(b'}');
        }
        match &entry.body {
            Some(SubBody::Json(json)) => {
                out.extend_from_slice(br#","body":"#);
                out.extend_from_slice(json);
            }
            Some(SubBody::Base64(text)) => {
                out.extend_from_slice(br#","body":""#);
                out.extend_from_slice(text);
                out.push(b'"');
            }
            None => {}
        }
        let mut sent = entry.depends_on.iter().filter(|id| self.position(id).is_some()).peekable();
        if sent.peek().is_some() {
            out.extend_from_slice(br#","dependsOn":["#);
            for (i, id) in sent.enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_json_str(id, out);
            }
            out.push(b']');
        }
        out.push(b'}');
    }

    /// The position of the request with id `id`.
    pub(super) fn position(&self, id: &str) -> Option<usize> {
        // Ids are the requests' numbers unless given (`"1"` is the first).
        let numbered = id.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
        if let Some(position) = numbered.filter(|&n| self.entries.get(n).is_some_and(|entry| entry.id == id)) {
            return Some(position);
        }
        self.entries.iter().position(|entry| entry.id == id)
    }

    pub(super) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The positions of the requests in an order where each comes after those it depends on.
    ///
    /// # Errors
    ///
    /// When a `dependsOn` names no request of the batch (unless the batch is partial), or the
    /// dependencies form a cycle.
    pub(super) fn order(&self) -> Result<Vec<usize>, Error> {
        let mut dependencies = Vec::with_capacity(self.entries.len());
        for entry in &self.entries {
            let mut positions = Vec::new();
            for id in &entry.depends_on {
                match self.position(id) {
                    Some(position) => positions.push(position),
                    None if self.partial => {}
                    None => {
                        return Err(Error::InvalidRequest(format!(
                            "batch request `{}` depends on `{id}`, which is not a request of the batch",
                            entry.id
                        )));
                    }
                }
            }
            dependencies.push(positions);
        }
        // Depth-first, with the path so far to name a cycle.
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            OnPath,
            Done,
        }
        let mut marks = vec![Mark::New; self.entries.len()];
        let mut order = Vec::with_capacity(self.entries.len());
        for start in 0..self.entries.len() {
            if marks[start] != Mark::New {
                continue;
            }
            let mut path = vec![(start, 0)];
            marks[start] = Mark::OnPath;
            while let Some((node, next)) = path.last_mut() {
                let node = *node;
                match dependencies[node].get(*next) {
                    Some(&dependency) => {
                        *next += 1;
                        match marks[dependency] {
                            Mark::New => {
                                marks[dependency] = Mark::OnPath;
                                path.push((dependency, 0));
                            }
                            Mark::OnPath => {
                                let from = path.iter().position(|(n, _)| *n == dependency).unwrap_or(0);
                                let mut cycle: Vec<String> =
                                    path[from..].iter().map(|(n, _)| format!("`{}`", self.entries[*n].id)).collect();
                                cycle.push(format!("`{}`", self.entries[dependency].id));
                                return Err(Error::InvalidRequest(format!(
                                    "the batch's dependencies form a cycle ({}), so no request of it could run first",
                                    cycle.join(" depends on ")
                                )));
                            }
                            Mark::Done => {}
                        }
                    }
                    None => {
                        marks[node] = Mark::Done;
                        order.push(node);
                        path.pop();
                    }
                }
            }
        }
        Ok(order)
    }

    /// The batch split into as few batches of at most [`MAX_BATCH_REQUESTS`] requests as the
    /// dependencies allow, keeping the requests linked by `dependsOn` in the same batch (Graph
    /// cannot run a dependency in another call): in the order the requests were added, each
    /// group of linked requests (or single request) goes to the first batch with room for it. The [`BatchItem`]s of this batch take their
    /// results from the [`BatchResponses`](super::BatchResponses) of any of the parts (merge them with
    /// [`BatchResponses::merge`](super::BatchResponses::merge)).
    ///
    /// # Errors
    ///
    /// As [`Batch::to_http`] for the dependencies; also when more than [`MAX_BATCH_REQUESTS`]
    /// requests are linked by `dependsOn`, which no batch can hold.
    pub fn chunks(&self) -> Result<Vec<Batch>, Error> {
        self.order()?;
        // Each request's group: the requests linked to it by dependencies, either way.
        let mut group: Vec<usize> = (0..self.entries.len()).collect();
        fn root(group: &mut [usize], mut n: usize) -> usize {
            while group[n] != n {
                group[n] = group[group[n]];
                n = group[n];
            }
            n
        }
        for (position, entry) in self.entries.iter().enumerate() {
            for id in &entry.depends_on {
                if let Some(dependency) = self.position(id) {
                    let (a, b) = (root(&mut group, position), root(&mut group, dependency));
                    group[a.max(b)] = a.min(b);
                }
            }
        }
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of_root = vec![usize::MAX; self.entries.len()];
        for position in 0..self.entries.len() {
            let r = root(&mut group, position);
            if group_of_root[r] == usize::MAX {
                group_of_root[r] = groups.len();
                groups.push(Vec::new());
            }
            groups[group_of_root[r]].push(position);
        }
        let mut chunks: Vec<Vec<usize>> = Vec::new();
        for members in groups {
            if members.len() > MAX_BATCH_REQUESTS {
                let ids: Vec<&str> = members.iter().map(|&n| self.entries[n].id.as_str()).collect();
                return Err(Error::InvalidRequest(format!(
                    "{} requests ({}) are linked by dependsOn, and Graph takes at most {MAX_BATCH_REQUESTS} in one call; a dependency cannot cross calls, so send some of them after the others",
                    ids.len(),
                    ids.join(", ")
                )));
            }
            // The first batch with room: a chain that does not fit leaves room for the requests
            // after it.
            match chunks.iter_mut().find(|chunk| chunk.len() + members.len() <= MAX_BATCH_REQUESTS) {
                Some(chunk) => chunk.extend(members),
                None => chunks.push(members),
            }
        }
        Ok(chunks
            .into_iter()
            .map(|mut positions| {
                positions.sort_unstable();
                self.subset(&positions, false)
            })
            .collect())
    }

    /// The requests at `positions`, as a batch.
    pub(super) fn subset(&self, positions: &[usize], partial: bool) -> Batch {
        Batch {
            entries: positions.iter().map(|&n| self.entries[n].clone()).collect(),
            api_version: self.api_version,
            partial: self.partial || partial,
        }
    }
}

/// Whether a media type is JSON (`application/json`, `…+json`, with any parameters).
pub(super) fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence.len() > 5 && essence[essence.len() - 5..].eq_ignore_ascii_case("+json")
}

/// `content-type` as Graph's docs write it: `Content-Type`.
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        out.push(if upper { c.to_ascii_uppercase() } else { c });
        upper = c == '-';
    }
    out
}

/// `text` as a JSON string.
fn write_json_str(text: &str, out: &mut Vec<u8>) {
    // URLs, ids and methods seldom need escaping: written as they are when they do not.
    if text.bytes().all(|byte| byte >= 0x20 && byte != b'"' && byte != b'\\') {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        // Writing a `str` to a `Vec` cannot fail.
        let _ = ::serde_json::to_writer(out, text);
    }
}
