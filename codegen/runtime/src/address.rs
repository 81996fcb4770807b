//! Paths to Graph's resources, composed at run time: [`Items`] (a collection) and [`Item`] (one
//! entity), and the paths that end there, [`Media`](super::Media) (a stream) and
//! [`Property`] (a structural property on its own; both in `property.rs`). Their
//! generic methods are the same for every type (`list`, `by_id`, `get`, `update`, …). What one
//! entity type adds (its navigation properties, bound actions and functions, alternate keys,
//! streams) is on a struct of its own that the generated crate makes per type (`UserRequests`,
//! see [`Addressable`]), and `Item<User>` and `Items<User>` dereference to it: each type's
//! requests have their own documentation page, and a request builder is generated once per type
//! and reused by every path that reaches the type, so the generated code grows with the number
//! of types, not of paths. A complex type's navigation properties are methods of
//! `Property<T>`.
//!
//! What the metadata allows on a path is the builders' second type argument, [`Allow`]:
//! `CREATE` (`InsertRestrictions`), `UPDATE`, `DELETE` and `REF` (a non-containment navigation,
//! whose members are added and removed as references, `…/$ref`). A method that a path does not
//! allow does not compile, with an error that says so.

use ::core::fmt;
use ::core::marker::PhantomData;

use ::serde::Serialize;
use ::serde::de::DeserializeOwned;

use super::{
    Cloud, Collection, CountQuery, Decode, Error, GetQuery, ListQuery, NoQuery, ODataLiteral, Object, Outcome,
    PathBuilder, Property, Reference, Request, decode_count, decode_empty, decode_json, decode_outcome,
};

/// Where a builder points: the path so far and the API version of the crate.
#[doc(hidden)]
#[derive(Clone)]
pub struct Address {
    pub(super) path: PathBuilder,
    pub(super) api_version: &'static str,
}

impl Address {
    /// The address of `path`, below `api_version`.
    #[doc(hidden)]
    pub fn new(path: PathBuilder, api_version: &'static str) -> Self {
        Self { path, api_version }
    }

    /// The path so far and the API version.
    #[doc(hidden)]
    pub fn parts(&self) -> (&PathBuilder, &'static str) {
        (&self.path, self.api_version)
    }

    pub(super) fn request<R, Q>(
        &self,
        method: ::http::Method,
        path: PathBuilder,
        success: u16,
        decode: Decode<R>,
    ) -> Request<R, Q> {
        Request::new(method, path, self.api_version, success, decode)
    }
}

/// How the generated code builds paths (implemented by [`Items`], [`Item`] and [`Media`]). The
/// generated methods call these through the trait (`Addressed::child(self, "messages")`), so
/// that no name of Graph's (a navigation called `root`) can clash with them.
#[doc(hidden)]
pub trait Addressed: Sized {
    /// A builder at `path`.
    #[doc(hidden)]
    fn at(path: PathBuilder, api_version: &'static str) -> Self;

    /// The path so far and the API version.
    #[doc(hidden)]
    fn address(&self) -> (&PathBuilder, &'static str);

    /// The builder of a root resource (what the generated entry points call).
    #[doc(hidden)]
    fn root(segment: &str, api_version: &'static str) -> Self {
        Self::at(PathBuilder::new().segment(segment), api_version)
    }

    /// The builder of a navigation or stream property below this path.
    #[doc(hidden)]
    fn child<X: Addressed>(&self, segment: &str) -> X {
        let (path, api_version) = self.address();
        X::at(path.clone().segment(segment), api_version)
    }

    /// One member by an alternate key: `…(appId='…')`.
    #[doc(hidden)]
    fn alternate_key<X: Addressed>(&self, parts: &[(&str, &dyn ODataLiteral)]) -> X {
        let (path, api_version) = self.address();
        X::at(path.clone().alternate_key(parts), api_version)
    }

    /// The item at `path` below this one: `…:/a/b:` (see [`PathBuilder::item_path`]).
    #[doc(hidden)]
    fn item_path<X: Addressed>(&self, path: &str) -> X {
        let (address, api_version) = self.address();
        X::at(address.clone().item_path("path", path), api_version)
    }

    /// The member of this collection at `path` on `hostname`: `…/{hostname}:/{path}:`.
    #[doc(hidden)]
    fn host_path<X: Addressed>(&self, hostname: &str, path: &str) -> X {
        let (address, api_version) = self.address();
        X::at(address.clone().key("hostname", hostname).item_path("server-relative path", path), api_version)
    }

    /// The builder of a composable function's result (`…/range(address='A1:B2')`), whose path
    /// goes on like a navigation's target.
    #[doc(hidden)]
    fn composed<X: Addressed>(&self, name: &str, arguments: &[(&str, &dyn ODataLiteral)]) -> X {
        let (path, api_version) = self.address();
        let mut path = path.clone().function(name);
        for (argument, value) in arguments {
            path = path.argument(argument, *value);
        }
        X::at(path, api_version)
    }

    /// A request for a bound action (`POST …/name`).
    #[doc(hidden)]
    fn operation<A, Q>(&self, method: ::http::Method, name: &str, success: u16, decode: Decode<A>) -> Request<A, Q> {
        let (path, api_version) = self.address();
        Request::new(method, path.clone().segment(name), api_version, success, decode)
    }

    /// A request for a bound function (`GET …/name(…)`); its arguments are set with
    /// [`Request::parameter`].
    #[doc(hidden)]
    fn function<A, Q>(&self, name: &str, decode: Decode<A>) -> Request<A, Q> {
        let (path, api_version) = self.address();
        Request::new(::http::Method::GET, path.clone().function(name), api_version, 200, decode)
    }
}

/// An entity type whose paths have methods of its own: the generated crate implements it for
/// every entity type, with the struct of the type's requests (`UserRequests`), which
/// [`Item<User>`](Item) and [`Items<User>`](Items) dereference to. `K` is [`One`] for the methods
/// on one entity (navigations, bound operations, streams) and [`Many`] for those on a
/// collection (alternate keys, operations bound to collections); `A` is the builder's
/// [`Allow`]. An entity is read and written as JSON, so requests of `T` need no other bound.
pub trait Addressable: Serialize + DeserializeOwned {
    /// The struct of the type's own requests (an address, so it is `Send`, `Sync`, …, as the
    /// builders are).
    type Requests<K, A>: Addressed + Send + Sync + Unpin + ::core::panic::UnwindSafe + ::core::panic::RefUnwindSafe;
}

/// The methods of a type's requests on one entity (`UserRequests<One, …>`, reached from
/// `Item<User>`).
#[derive(Debug, Clone, Copy)]
pub enum One {}

/// The methods of a type's requests on a collection (`UserRequests<Many, …>`, reached from
/// `Items<User>`).
#[derive(Debug, Clone, Copy)]
pub enum Many {}

/// What the metadata allows on a path, as the second type argument of [`Items`] and [`Item`]:
/// creating members (`CREATE`, from `InsertRestrictions`), updating (`UPDATE`) and deleting
/// (`DELETE`), and references (`REF`: a non-containment navigation, whose members are added,
/// set and removed as references, `…/$ref`).
///
/// `Items<User>` is `Items<User, Allow<true, true, true, false>>`, and `Item<User>` is
/// `Item<User, Allow<false, true, true, false>>` (creating is a collection's). A method that a
/// path does not allow does not compile, and rustc's error says why: `delete` on a path with
/// `Allow<_, _, false, _>` is "the metadata does not allow `delete` on this entity" (see
/// [`Create`], [`Update`], [`Delete`] and [`Ref`]).
pub enum Allow<const CREATE: bool, const UPDATE: bool, const DELETE: bool, const REF: bool> {}

mod sealed {
    pub trait Sealed {}
    impl<const C: bool, const U: bool, const D: bool, const R: bool> Sealed for super::Allow<C, U, D, R> {}
}

/// What [`Allow`] says; only `Allow` implements it.
pub trait Caps: sealed::Sealed {
    /// What a member of the collection allows (the same, without creating).
    type Member: Caps;
}

impl<const C: bool, const U: bool, const D: bool, const R: bool> Caps for Allow<C, U, D, R> {
    type Member = Allow<false, U, D, R>;
}

/// Members can be created (`Allow<true, …>`): [`Items::create`].
#[diagnostic::on_unimplemented(
    message = "the metadata does not allow `create` on this collection",
    label = "the path's capabilities are `{Self}`"
)]
pub trait Create: Caps {}

/// The entity can be updated (`Allow<_, true, …>`): [`Item::update`], [`Item::put`].
#[diagnostic::on_unimplemented(
    message = "the metadata does not allow `update` or `put` on this entity",
    label = "the path's capabilities are `{Self}`"
)]
pub trait Update: Caps {}

/// The entity can be deleted (`Allow<_, _, true, _>`): [`Item::delete`].
#[diagnostic::on_unimplemented(
    message = "the metadata does not allow `delete` on this entity",
    label = "the path's capabilities are `{Self}`"
)]
pub trait Delete: Caps {}

/// The path is a non-containment navigation (`Allow<…, true>`), whose members are references:
/// [`Items::add_ref`], [`Items::list_refs`], [`Item::set_ref`], [`Item::remove_ref`].
#[diagnostic::on_unimplemented(
    message = "this navigation contains its entities: it has no references (`…/$ref`)",
    label = "the path's capabilities are `{Self}`"
)]
pub trait Ref: Caps {}

impl<const U: bool, const D: bool, const R: bool> Create for Allow<true, U, D, R> {}
impl<const C: bool, const D: bool, const R: bool> Update for Allow<C, true, D, R> {}
impl<const C: bool, const U: bool, const R: bool> Delete for Allow<C, U, true, R> {}
impl<const C: bool, const U: bool, const D: bool> Ref for Allow<C, U, D, true> {}

/// The requests of a type that adds nothing to the generic ones (and of the runtime's tests).
#[doc(hidden)]
pub struct Plain<K, A> {
    address: Address,
    kind: PhantomData<fn() -> (K, A)>,
}

impl<K, A> Addressed for Plain<K, A> {
    fn at(path: PathBuilder, api_version: &'static str) -> Self {
        Self { address: Address::new(path, api_version), kind: PhantomData }
    }

    fn address(&self) -> (&PathBuilder, &'static str) {
        self.address.parts()
    }
}

/// A collection of entities of type `T` (`/users`, `/me/messages`, `/groups/{id}/members`).
///
/// `A` is what the metadata allows on it ([`Allow`]): creating members, updating or deleting
/// them (`by_id(…).update(…)`), and references, when the collection is a non-containment
/// navigation ([`Items::add_ref`], [`Item::remove_ref`]). What only `T` has (its alternate
/// keys, the operations bound to collections of it) is on its requests struct, which this
/// dereferences to (see [`Addressable`]).
#[must_use]
pub struct Items<T: Addressable, A = Allow<true, true, true, false>> {
    requests: T::Requests<Many, A>,
}

/// One entity of type `T` (`/me`, `/users/{id}`, `/users/{id}/manager`).
///
/// `A` is what the metadata allows on it ([`Allow`]: updating, deleting, and its reference when
/// it is reached through a non-containment navigation). What only `T` has (its navigations,
/// bound actions and functions, streams) is on its requests struct, which this dereferences to
/// (see [`Addressable`]).
#[must_use]
pub struct Item<T: Addressable, A = Allow<false, true, true, false>> {
    requests: T::Requests<One, A>,
}

impl Address {
    pub(super) fn fmt(&self, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, _) = self.path.clone().finish();
        f.debug_tuple(name).field(&path).finish()
    }
}

impl<T: Addressable, A> ::core::ops::Deref for Items<T, A> {
    type Target = T::Requests<Many, A>;

    #[inline]
    fn deref(&self) -> &Self::Target {
        &self.requests
    }
}

impl<T: Addressable, A> ::core::ops::Deref for Item<T, A> {
    type Target = T::Requests<One, A>;

    #[inline]
    fn deref(&self) -> &Self::Target {
        &self.requests
    }
}

impl<T: Addressable, A> Clone for Items<T, A> {
    fn clone(&self) -> Self {
        let (path, api_version) = self.requests.address();
        Self::at(path.clone(), api_version)
    }
}

impl<T: Addressable, A> fmt::Debug for Items<T, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, api_version) = self.requests.address();
        Address::new(path.clone(), api_version).fmt("Items", f)
    }
}

impl<T: Addressable, A> Addressed for Items<T, A> {
    fn at(path: PathBuilder, api_version: &'static str) -> Self {
        Self { requests: Addressed::at(path, api_version) }
    }

    fn address(&self) -> (&PathBuilder, &'static str) {
        self.requests.address()
    }
}

impl<T: Addressable, A> Clone for Item<T, A> {
    fn clone(&self) -> Self {
        let (path, api_version) = self.requests.address();
        Self::at(path.clone(), api_version)
    }
}

impl<T: Addressable, A> fmt::Debug for Item<T, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, api_version) = self.requests.address();
        Address::new(path.clone(), api_version).fmt("Item", f)
    }
}

impl<T: Addressable, A> Addressed for Item<T, A> {
    fn at(path: PathBuilder, api_version: &'static str) -> Self {
        Self { requests: Addressed::at(path, api_version) }
    }

    fn address(&self) -> (&PathBuilder, &'static str) {
        self.requests.address()
    }
}

/// A request on the builder's own path (one below it is [`Addressed::operation`]).
fn request<B: Addressed, R, Q>(builder: &B, method: ::http::Method, success: u16, decode: Decode<R>) -> Request<R, Q> {
    let (path, api_version) = builder.address();
    Request::new(method, path.clone(), api_version, success, decode)
}

impl<T: Addressable, A: Caps> Items<T, A> {
    /// One member, by its key: `…/{id}` (percent-encoded as one segment).
    pub fn by_id(&self, id: &str) -> Item<T, A::Member> {
        let (path, api_version) = self.address();
        Item::at(path.clone().key("id", id), api_version)
    }

    /// `GET …`: a page of the members (follow [`Request::next_page`], or send with
    /// `Client::send_all_pages`).
    pub fn list(&self) -> Request<Collection<T>, ListQuery> {
        request(self, ::http::Method::GET, 200, decode_json)
    }

    /// `GET …/$count`: how many members there are (with `ConsistencyLevel: eventual`, which
    /// Graph needs on directory objects).
    pub fn count(&self) -> Request<i64, CountQuery> {
        Addressed::operation(self, ::http::Method::GET, "$count", 200, decode_count).eventual_consistency()
    }

    /// `…/{qualified name of X}`: only the members of the derived type `X`, as `X`
    /// (`/groups/{id}/members/microsoft.graph.user`).
    pub fn cast<X: Object + Addressable>(&self) -> Items<X, A> {
        self.child(X::QUALIFIED_NAME)
    }

    /// `POST …`: creates a member (Graph answers `201` with it).
    pub fn create(&self, body: &T) -> Request<Outcome<T>>
    where
        A: Create,
    {
        request(self, ::http::Method::POST, 201, decode_outcome).json_body(body)
    }

    /// `POST …/$ref`: adds a reference to an existing entity (see [`Item::reference`]).
    pub fn add_ref(&self, reference: &Reference) -> Request<()>
    where
        A: Ref,
    {
        Addressed::operation(self, ::http::Method::POST, "$ref", 204, decode_empty).json_body(reference)
    }

    /// `GET …/$ref`: the references of the collection's members.
    pub fn list_refs(&self) -> Request<Collection<Reference>, ListQuery>
    where
        A: Ref,
    {
        Addressed::operation(self, ::http::Method::GET, "$ref", 200, decode_json)
    }
}

impl<T: Addressable, A> Item<T, A> {
    /// `GET …`: the entity.
    pub fn get(&self) -> Request<T, GetQuery> {
        request(self, ::http::Method::GET, 200, decode_json)
    }

    /// `…/{qualified name of X}`: the entity as the derived type `X`.
    pub fn cast<X: Object + Addressable>(&self) -> Item<X, A> {
        self.child(X::QUALIFIED_NAME)
    }

    /// `…/{name}`: the structural property `name` (its wire name, such as `mailboxSettings`) on
    /// its own, typed `P` (encoded as one path segment).
    pub fn property<P>(&self, name: &str) -> Property<P> {
        let (path, api_version) = self.address();
        Property::at(path.clone().key("property", name), api_version)
    }

    /// A reference to this entity on `cloud`, for [`Items::add_ref`] and [`Item::set_ref`].
    /// Fails when the path is invalid (an empty or dot-segment key).
    pub fn reference(&self, cloud: &Cloud) -> Result<Reference, Error> {
        let request: Request<(), NoQuery> = request(self, ::http::Method::GET, 200, decode_empty);
        request.url(cloud).map(Reference::new)
    }

    /// `PATCH …`: changes the properties set in `body` (Graph answers `204`, or `200` with the
    /// entity).
    pub fn update(&self, body: &T) -> Request<Outcome<T>>
    where
        A: Update,
    {
        request(self, ::http::Method::PATCH, 204, decode_outcome).json_body(body)
    }

    /// `PUT …`: creates or replaces the entity (`PUT /groups/{id}/team` creates a group's team).
    pub fn put(&self, body: &T) -> Request<Outcome<T>>
    where
        A: Update,
    {
        request(self, ::http::Method::PUT, 201, decode_outcome).json_body(body)
    }

    /// `DELETE …`: deletes the entity.
    pub fn delete(&self) -> Request<()>
    where
        A: Delete,
    {
        request(self, ::http::Method::DELETE, 204, decode_empty)
    }

    /// `DELETE …/$ref`: removes the reference (from a collection such as a group's members, or
    /// a single-valued navigation such as a user's manager); the entity itself stays.
    pub fn remove_ref(&self) -> Request<()>
    where
        A: Ref,
    {
        Addressed::operation(self, ::http::Method::DELETE, "$ref", 204, decode_empty)
    }

    /// `PUT …/$ref`: points a single-valued navigation (such as a user's manager) at another
    /// entity (see [`Item::reference`]).
    pub fn set_ref(&self, reference: &Reference) -> Request<()>
    where
        A: Ref,
    {
        Addressed::operation(self, ::http::Method::PUT, "$ref", 204, decode_empty).json_body(reference)
    }
}

#[cfg(test)]
mod tests {
    use ::serde_json::{Value, json};

    use super::super::Media;
    use super::*;

    // Plain JSON as entities of the tests.
    impl Addressable for Value {
        type Requests<K, A> = Plain<K, A>;
    }

    impl Addressable for Collection<Value> {
        type Requests<K, A> = Plain<K, A>;
    }

    fn users() -> Items<Value> {
        Items::root("users", "v1.0")
    }

    fn url<T, Q>(request: &Request<T, Q>) -> String {
        let url = request.url(&Cloud::Global).unwrap();
        url.strip_prefix("https://graph.microsoft.com/v1.0").unwrap().to_owned()
    }

    #[test]
    fn builders_compose_paths_segment_by_segment() {
        assert_eq!(url(&users().list().top(5)), "/users?$top=5");
        assert_eq!(url(&users().by_id("a/b").get().select(["id"])), "/users/a%2Fb?$select=id");
        let messages: Items<Value> = users().by_id("u1").child("messages");
        assert_eq!(url(&messages.by_id("m1").delete()), "/users/u1/messages/m1");
        let count = users().count().filter("accountEnabled eq true");
        assert_eq!(url(&count), "/users/$count?$filter=accountEnabled%20eq%20true");
        assert_eq!(count.to_http(&Cloud::Global).unwrap().headers()["consistencylevel"], "eventual");
        let key: Item<Value> = users().alternate_key(&[("userPrincipalName", &"o'neil@contoso.com")]);
        assert_eq!(url(&key.get()), "/users(userPrincipalName='o''neil%40contoso.com')");
        let typed: Items<Collection<Value>> = users().cast();
        assert_eq!(url(&typed.list()), "/users/collection");
        let delta: Request<Collection<Value>, ListQuery> = users().function("delta", decode_json);
        assert_eq!(url(&delta.select(["id"])), "/users/delta?$select=id");
        let view: Request<Collection<Value>, ListQuery> = users().by_id("u1").function("reminderView", decode_json);
        assert_eq!(
            url(&view.parameter("StartDateTime", "2024-01-01")),
            "/users/u1/reminderView(StartDateTime='2024-01-01')"
        );
    }

    #[test]
    fn writes_carry_their_bodies() {
        let create = users().create(&json!({"displayName": "A"}));
        assert_eq!((create.method().as_str(), url(&create)), ("POST", "/users".to_owned()));
        assert_eq!(create.body(), Some(&br#"{"displayName":"A"}"#[..]));
        let update = users().by_id("u1").update(&json!({"city": "B"}));
        assert_eq!((update.method().as_str(), url(&update)), ("PATCH", "/users/u1".to_owned()));
        let send: Request<(), NoQuery> =
            users().by_id("u1").operation(::http::Method::POST, "sendMail", 202, decode_empty).json_body(&json!({}));
        assert_eq!(url(&send), "/users/u1/sendMail");
    }

    #[test]
    fn structural_properties_are_addressed_by_name() {
        let me = Item::<Value>::root("me", "v1.0");
        let settings: Property<Value> = me.property("mailboxSettings");
        assert_eq!(url(&settings.get()), "/me/mailboxSettings");
        let zone: Property<String> = settings.property("timeZone");
        assert_eq!(url(&zone.get()), "/me/mailboxSettings/timeZone");
        let update = settings.update(&json!({"timeZone": "UTC"}));
        assert_eq!((update.method().as_str(), url(&update)), ("PATCH", "/me/mailboxSettings".to_owned()));
        // A name cannot change the route.
        assert_eq!(url(&me.property::<Value>("a/b?c").get()), "/me/a%2Fb%3Fc");
        let answer = |body: &[u8]| ::http::Response::builder().status(200).body(body.to_vec()).unwrap();
        let wrapped = br#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('x')/mailboxSettings/timeZone", "value": "UTC"}"#;
        assert_eq!(zone.get().parse_response(answer(wrapped)).unwrap(), "UTC");
        let structured = br#"{"@odata.context": "x", "timeZone": "UTC"}"#;
        assert_eq!(settings.get().parse_response(answer(structured)).unwrap()["timeZone"], "UTC");
        assert!(zone.get().parse_response(answer(br#"{"other": 1}"#)).is_err());
    }

    #[test]
    fn references_and_media() {
        let members: Items<Value, Allow<false, false, false, true>> =
            Items::<Value>::root("groups", "v1.0").by_id("g1").child("members");
        let user = users().by_id("u1").reference(&Cloud::Global).unwrap();
        assert_eq!(user.odata_id, "https://graph.microsoft.com/v1.0/users/u1");
        let add = members.add_ref(&user);
        assert_eq!((add.method().as_str(), url(&add)), ("POST", "/groups/g1/members/$ref".to_owned()));
        assert_eq!(add.body(), Some(&br#"{"@odata.id":"https://graph.microsoft.com/v1.0/users/u1"}"#[..]));
        let remove = members.by_id("u1").remove_ref();
        assert_eq!((remove.method().as_str(), url(&remove)), ("DELETE", "/groups/g1/members/u1/$ref".to_owned()));
        assert_eq!(url(&members.list_refs()), "/groups/g1/members/$ref");
        let photo: Media = Item::<Value>::root("me", "v1.0").child::<Item<Value>>("photo").child("$value");
        let download = photo.get().to_http(&Cloud::Global).unwrap();
        assert_eq!(
            (download.uri().path(), &download.headers()["accept"]),
            ("/v1.0/me/photo/$value", &"*/*".parse::<::http::HeaderValue>().unwrap())
        );
        let upload = photo.put(vec![0xFF, 0xD8], "image/jpeg").to_http(&Cloud::Global).unwrap();
        assert_eq!(
            (upload.method().as_str(), upload.headers()["content-type"].to_str().unwrap()),
            ("PUT", "image/jpeg")
        );
        assert_eq!(upload.body(), &[0xFF, 0xD8]);
    }
}
