//! The translation of a request line: walks the URL's path segments through the metadata
//! (entity sets, singletons, navigation, casts, keys, bound operations, streams) and maps the
//! method and the query options to the calls of the generated request API.

use msgraph_codegen::schema::{BindsTo, BoundOperationDescription, PathAddressing};
use serde_json::Value;

use super::fixture::Line;
use super::metadata::Metadata;
use super::names;
use super::plan::{Arg, Call, Link, Plan, Schema, Shape};
use super::url::{self, Segment};

pub use super::arguments::ArgumentNote;
use super::arguments::unquote;
pub use super::translation::{Conventions, Miss, MissKind, Translation};

mod operations;

/// Where the walk is: what the calls so far address.
#[derive(Debug, Clone, PartialEq)]
enum At {
    /// A collection of the entity type (qualified name).
    Items(String),
    /// One entity of the type.
    Item(String),
    /// Media content (`$value`, an `Edm.Stream` property).
    Media,
    /// A structural property on its own (its type, qualified or a primitive's name, and whether
    /// it is a collection).
    Property(String, bool),
    /// A request is made (an operation was called, or `$count` / `$ref` ends the path).
    Request(Shape, &'static str),
}

/// Translates one fixture line into the calls that build its request, with the outsider's
/// conventions only.
pub fn translate(meta: &Metadata, line: &Line) -> Result<Plan, String> {
    translate_with(meta, line, Conventions::default()).map(|t| t.plan).map_err(|miss| miss.message)
}

/// Translates one line with these conventions.
pub fn translate_with(meta: &Metadata, line: &Line, conventions: Conventions) -> Result<Translation, Miss> {
    let parsed = url::parse(&line.url)?;
    let mut walk = Walk {
        meta,
        line,
        path: Vec::new(),
        conventions,
        corrections: Vec::new(),
        request_schema: None,
        response_schema: None,
        arguments: Vec::new(),
        wrapped: false,
        mime: None,
    };
    let mut segments = parsed.segments.iter();
    let first = segments.next().ok_or("the URL has no path")?;
    let mut at = walk.root(first)?;
    while let Some(segment) = segments.next() {
        match path_start(segment) {
            // Path-based addressing: `root:/a/b:`, `{item-id}:/a:`, `{hostname}:/a/b`.
            Some(start) => {
                let mut names = Vec::new();
                for next in segments.by_ref() {
                    let text = segment_text(next);
                    match text.strip_suffix(':') {
                        Some(last) => {
                            names.push(last.to_owned());
                            break;
                        }
                        None => names.push(text),
                    }
                }
                at = walk.by_path(at, &start, &names.join("/"))?;
            }
            None => at = walk.step(at, segment)?,
        }
    }
    let shape = walk.finish(at)?;
    let (mut query, link) = walk.query_calls(&parsed.query)?;
    if let Some(message) = &walk.mime {
        query.push(Call::new("mime_body", vec![Arg::Expr(super::emit::bytes(message))]));
    }
    let plan = Plan {
        path: walk.path,
        query,
        shape,
        link,
        request_schema: walk.request_schema,
        response_schema: walk.response_schema,
        wrapped: walk.wrapped,
        sends_mime: walk.mime.is_some(),
    };
    Ok(Translation { plan, corrections: walk.corrections, arguments: walk.arguments })
}

struct Walk<'a> {
    meta: &'a Metadata,
    line: &'a Line,
    path: Vec<Call>,
    conventions: Conventions,
    corrections: Vec<(String, String)>,
    request_schema: Option<Schema>,
    response_schema: Option<Schema>,
    arguments: Vec<ArgumentNote>,
    wrapped: bool,
    /// The MIME message the page sends in place of the call's JSON body.
    mime: Option<Vec<u8>>,
}

impl<'a> Walk<'a> {
    fn call(&mut self, name: impl Into<String>, args: Vec<Arg>) {
        self.path.push(Call::new(name, args));
    }

    /// `name` as one of `known` spells it: itself, or, when case is folded, the one name that
    /// differs only in case (the correction is recorded).
    fn spelled<'n>(&mut self, name: &str, known: impl IntoIterator<Item = &'n str>) -> String {
        if !self.conventions.fold_case {
            return name.to_owned();
        }
        let mut folded = None;
        for candidate in known {
            if candidate == name {
                return name.to_owned();
            }
            if candidate.eq_ignore_ascii_case(name) {
                folded = Some(candidate);
            }
        }
        match folded {
            Some(found) => {
                self.corrections.push((name.to_owned(), found.to_owned()));
                found.to_owned()
            }
            None => name.to_owned(),
        }
    }

    fn root(&mut self, segment: &Segment) -> Result<At, Miss> {
        let meta = self.meta;
        let name = self.spelled(&segment.name, meta.root_names());
        if let Some((root, singleton)) = meta.root(&name) {
            let ty = meta.resolve(super::metadata::ROOT_NAMESPACE, &root.r#type);
            self.call(names::method(&name), Vec::new());
            let at = if singleton { At::Item(ty) } else { At::Items(ty) };
            return self.key(at, segment.args.as_deref());
        }
        if let Some(import) = meta.operation_import(&name) {
            let op = BoundOperationDescription {
                name: import.name.clone(),
                kind: import.kind,
                binds_to: BindsTo::Entity,
                parameters: import.parameters.clone(),
                returns: import.returns.clone(),
                description: String::new(),
                composable: import.composable,
            };
            return self.operation("", &op, segment);
        }
        let message = format!("`{}` is no entity set, singleton or operation import of v1.0", segment.name);
        Err(Miss::new(MissKind::NoRoot(segment.name.clone()), message))
    }

    /// A key in parentheses after a collection: `applications(appId='…')`, `users('…')`.
    fn key(&mut self, at: At, args: Option<&str>) -> Result<At, Miss> {
        let (Some(args), At::Items(ty)) = (args, &at) else { return Ok(at) };
        match url::named_arguments(args) {
            // `users('a=b')` is a key with `=` in it, not an alternate key.
            Some(named) if named.len() == 1 && !args.trim_start().starts_with('\'') => {
                let (key, value) = &named[0];
                if !self.meta.has_alternate_key(ty, key) {
                    return Err(format!("`{key}` is no alternate key of {ty}").into());
                }
                self.call(names::alternate_key(key), vec![Arg::Str(unquote(value))]);
            }
            _ => self.call("by_id", vec![Arg::Str(unquote(args))]),
        }
        Ok(At::Item(ty.clone()))
    }

    fn step(&mut self, at: At, segment: &Segment) -> Result<At, Miss> {
        let name = segment.name.as_str();
        match at {
            At::Items(ty) => self.step_items(ty, segment),
            At::Item(ty) => self.step_item(ty, segment),
            At::Media => Err(format!("`{name}` after media content").into()),
            At::Property(ty, collection) => self.step_property(&ty, collection, segment),
            At::Request(..) => Err(Miss::new(
                MissKind::AfterRequest(name.to_owned()),
                format!("`{name}` after the request is made (a composable function's result)"),
            )),
        }
    }

    /// The segment as the metadata spells it, when it is one of the names known at `ty`
    /// (system segments, members, derived types; bound operations of the collection or the
    /// entity).
    fn respelled(&mut self, ty: &str, segment: &Segment, binds_to: BindsTo) -> Segment {
        let meta = self.meta;
        let known = ["$count", "$ref", "$value"].into_iter().chain(meta.member_names(ty, binds_to));
        let name = self.spelled(&segment.name, known);
        let name = if name.contains('.') { self.spelled(&name, meta.derived_names(ty)) } else { name };
        Segment { name, args: segment.args.clone() }
    }

    fn step_items(&mut self, ty: String, segment: &Segment) -> Result<At, Miss> {
        let segment = &self.respelled(&ty, segment, BindsTo::Collection);
        let name = segment.name.as_str();
        match name {
            "$count" => return self.made("count", Vec::new(), Shape::Count, "GET"),
            "$ref" if self.line.method == "POST" => {
                let body = self.body("runtime::Reference", Schema::Reference { collection: false })?;
                return self.made("add_ref", vec![body], Shape::Unit, "POST");
            }
            "$ref" => {
                self.response_schema = Some(Schema::Reference { collection: true });
                return self.made("list_refs", Vec::new(), Shape::Collection, "GET");
            }
            _ => {}
        }
        if let Some(at) = self.cast(&ty, name, At::Items)? {
            return Ok(at);
        }
        if let Some((declaring, op)) = self.overload(&ty, segment, BindsTo::Collection) {
            return self.operation(&declaring, op, segment);
        }
        self.call(
            "by_id",
            vec![Arg::Str(name.to_owned() + &segment.args.as_ref().map_or(String::new(), |a| format!("({a})")))],
        );
        Ok(At::Item(ty))
    }

    fn step_item(&mut self, ty: String, segment: &Segment) -> Result<At, Miss> {
        let segment = &self.respelled(&ty, segment, BindsTo::Entity);
        let name = segment.name.as_str();
        match name {
            "$value" if self.meta.has_stream(&ty) => {
                self.call("value", Vec::new());
                return Ok(At::Media);
            }
            "$value" => {
                let message = format!("{ty} is no media entity: `$value` addresses nothing");
                return Err(Miss::new(MissKind::NotMedia(ty), message));
            }
            "$ref" if self.line.method == "DELETE" => {
                return self.made("remove_ref", Vec::new(), Shape::Unit, "DELETE");
            }
            "$ref" => {
                let body = self.body("runtime::Reference", Schema::Reference { collection: false })?;
                return self.made("set_ref", vec![body], Shape::Unit, "PUT");
            }
            _ => {}
        }
        if let Some((property, target)) = self.meta.property_resolved(&ty, name) {
            if property.navigation {
                self.call(names::method(name), Vec::new());
                let at = if property.collection { At::Items(target) } else { At::Item(target) };
                return self.key(at, segment.args.as_deref());
            }
            if matches!(property.r#type.as_str(), "Stream" | "Edm.Stream") {
                self.call(names::method(name), Vec::new());
                return Ok(At::Media);
            }
            if self.conventions.property_paths {
                return Ok(self.property(name, target, property.collection));
            }
            let message = format!("`{name}` of {ty} is a structural property, not addressable on its own");
            return Err(Miss::new(MissKind::StructuralProperty { ty, name: name.to_owned() }, message));
        }
        if let Some(at) = self.cast(&ty, name, At::Item)? {
            return Ok(at);
        }
        if let Some((declaring, op)) = self.overload(&ty, segment, BindsTo::Entity) {
            return self.operation(&declaring, op, segment);
        }
        let message = format!("`{name}` is no navigation property, stream, derived type or bound operation of {ty}");
        Err(Miss::new(MissKind::NoMember { ty, name: name.to_owned() }, message))
    }

    /// Path-based addressing (documented Graph behaviour the importer's conventions add to the
    /// metadata): after a collection whose type is addressed by a host name and a path,
    /// `by_path(hostname, path)` (`/sites/{hostname}:/{path}`); else the segment `start` (without
    /// its `:`) is stepped and the item it reaches is addressed by the path below it,
    /// `item_by_path(path)` (`…/root:/a/b:`, `…/items/{id}:/a:`).
    fn by_path(&mut self, at: At, start: &Segment, path: &str) -> Result<At, Miss> {
        if path.is_empty() {
            return Err(format!("`{}:` is followed by no path", start.name).into());
        }
        if let At::Items(ty) = &at
            && self.meta.path_addressing(ty, PathAddressing::HostAndPath)
        {
            let host = segment_text(start);
            self.call("by_path", vec![Arg::Str(host), Arg::Str(path.to_owned())]);
            return Ok(At::Item(ty.clone()));
        }
        match self.step(at, start)? {
            At::Item(ty) if self.meta.path_addressing(&ty, PathAddressing::BelowItem) => {
                self.call("item_by_path", vec![Arg::Str(path.to_owned())]);
                Ok(At::Item(ty))
            }
            other => {
                let what = match &other {
                    At::Item(ty) | At::Items(ty) => ty.clone(),
                    _ => format!("`{}`", start.name),
                };
                let message =
                    format!("`{}:/{path}`: the metadata and its conventions address no {what} by a path", start.name);
                Err(Miss::new(MissKind::NotByPath(what), message))
            }
        }
    }

    /// `.property::<T>("name")`: a structural property on its own.
    fn property(&mut self, name: &str, target: String, collection: bool) -> At {
        let rust = names::rust_type(self.meta, &target, collection);
        self.path.push(Call { name: "property".into(), type_arg: Some(rust), args: vec![Arg::Str(name.to_owned())] });
        At::Property(target, collection)
    }

    /// A segment after a structural property: a property of a complex property.
    fn step_property(&mut self, ty: &str, collection: bool, segment: &Segment) -> Result<At, Miss> {
        let name = segment.name.as_str();
        if collection {
            let message = format!("`{name}` after a collection property: its members have no path of their own");
            return Err(Miss::new(MissKind::NoCall, message));
        }
        let meta = self.meta;
        let known = meta.member_names(ty, BindsTo::Entity);
        let spelled = self.spelled(name, known);
        match meta.property_resolved(ty, &spelled) {
            Some((property, target)) if property.navigation => {
                // A complex type's navigation property, on `Property<T>`.
                self.call(names::method(&spelled), Vec::new());
                let at = if property.collection { At::Items(target) } else { At::Item(target) };
                self.key(at, segment.args.as_deref())
            }
            Some((property, target)) => {
                let collection = property.collection;
                Ok(self.property(&spelled, target, collection))
            }
            None => {
                let message = format!("`{name}` is no property of `{ty}`");
                Err(Miss::new(MissKind::NoMember { ty: ty.to_owned(), name: name.to_owned() }, message))
            }
        }
    }

    /// A type-cast segment (`microsoft.graph.user`): `.cast::<models::User>()`.
    fn cast(&mut self, ty: &str, name: &str, at: fn(String) -> At) -> Result<Option<At>, Miss> {
        if !name.contains('.') {
            return Ok(None);
        }
        let derived = Metadata::qualify(name);
        if self.meta.get(&derived).is_none() {
            return Ok(None); // a key with dots in it (`19:…@thread.v2`)
        }
        if !self.meta.derives_from(&derived, ty) {
            return Err(format!("`{name}` is no type derived from {ty}").into());
        }
        self.path.push(Call { name: "cast".into(), type_arg: Some(names::type_path(&derived)), args: Vec::new() });
        Ok(Some(at(derived)))
    }

    /// The call that makes the request from where the path ends, by the line's method.
    fn finish(&mut self, at: At) -> Result<Shape, Miss> {
        let method = self.line.method.as_str();
        let (name, args, shape) = match (at, method) {
            (At::Request(shape, expected), _) if expected == method => return Ok(shape),
            (At::Request(_, expected), _) => {
                let message = format!("the call is sent with {expected}, the page uses {method}");
                return Err(Miss::new(MissKind::NoCall, message));
            }
            (At::Items(ty), "GET") => {
                self.response_schema = Some(Schema::Type { qualified: ty, collection: true });
                ("list", Vec::new(), Shape::Collection)
            }
            (At::Items(ty), "POST") => ("create", vec![self.entity_body(&ty)?], Shape::Outcome),
            (At::Item(ty), "GET") => {
                self.response_schema = Some(Schema::Type { qualified: ty, collection: false });
                ("get", Vec::new(), Shape::Value)
            }
            (At::Item(ty), "PATCH") => ("update", vec![self.entity_body(&ty)?], Shape::Outcome),
            (At::Item(ty), "PUT") => ("put", vec![self.entity_body(&ty)?], Shape::Outcome),
            (At::Item(_), "DELETE") => ("delete", Vec::new(), Shape::Unit),
            (At::Media, "GET") => ("get", Vec::new(), Shape::Bytes),
            (At::Property(ty, collection), "GET") => {
                // A primitive, an enum or a collection comes wrapped: `{"value": …}`.
                let enumeration = self.meta.get(&ty).is_some_and(|t| t.kind == msgraph_codegen::schema::TypeKind::Enum);
                self.wrapped = collection || enumeration || super::metadata::is_primitive(&ty);
                self.response_schema = Some(Schema::Type { qualified: ty, collection });
                ("get", Vec::new(), Shape::Value)
            }
            (At::Property(ty, false), "PATCH") => {
                let schema = Schema::Type { qualified: ty.clone(), collection: false };
                self.response_schema = Some(schema.clone());
                let rust = names::rust_type(self.meta, &ty, false);
                ("update", vec![self.body(&rust, schema)?], Shape::Outcome)
            }
            (At::Media, "PUT") => ("put", media_put_args(self.line), Shape::Outcome),
            (at, _) => {
                let message = format!("the request API has no call for {method} on {at:?}");
                return Err(Miss::new(MissKind::NoCall, message));
            }
        };
        self.call(name, args);
        Ok(shape)
    }

    /// The query options and headers as calls on the request; `$skiptoken` and `$deltatoken`
    /// (the tokens of a `@odata.nextLink` or `@odata.deltaLink`) make the request follow the
    /// page's whole URL as a link instead.
    fn query_calls(&mut self, query: &[(String, String)]) -> Result<(Vec<Call>, Option<Link>), Miss> {
        let list = |v: &str| Arg::List(url::split_outside(v, ',').into_iter().map(|s| s.trim().to_owned()).collect());
        let number = |v: &str| v.parse::<i64>().map(Arg::Int).map_err(|_| format!("`{v}` is no number"));
        let mut calls = Vec::new();
        let mut link = None;
        for (name, value) in query {
            let canonical = url::canonical_option(name);
            let option = if self.conventions.fold_case && name.starts_with('$') {
                let known = url::SYSTEM_OPTIONS.iter().copied().chain(["skiptoken", "deltatoken"]);
                let bare = self.spelled(&name[1..], known);
                format!("${bare}")
            } else {
                canonical
            };
            let call = match option.as_str() {
                "$select" => Call::new("select", vec![list(value)]),
                "$expand" => Call::new("expand", vec![list(value)]),
                "$orderby" => Call::new("order_by", vec![list(value)]),
                "$filter" => Call::new("filter", vec![Arg::Str(value.clone())]),
                "$search" => Call::new("search", vec![Arg::Str(value.clone())]),
                "$top" => Call::new("top", vec![number(value)?]),
                "$skip" => Call::new("skip", vec![number(value)?]),
                "$count" => Call::new("count", vec![Arg::Bool(value == "true")]),
                "$skiptoken" | "$deltatoken" if self.conventions.follow_links => {
                    let delta = option == "$deltatoken";
                    link = Some(Link { delta, url: absolute(&self.line.url) });
                    continue;
                }
                _ if name.starts_with('$') => return Err(format!("`{name}` is no system query option").into()),
                // A custom query option (`calendarView?startDateTime=…`).
                _ => Call::new("query", vec![Arg::Str(name.clone()), Arg::Str(value.clone())]),
            };
            calls.push(call);
        }
        let eventual =
            self.line.headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("ConsistencyLevel") && v == "eventual");
        if eventual {
            calls.push(Call::new("eventual_consistency", Vec::new()));
        }
        Ok((calls, link))
    }
}

/// The methods of the runtime's `Item<T>` and `Items<T>` (and `Clone`, `Debug`): an operation of
/// the same name is generated with a trailing `_`.
const ITEM_METHODS: [&str; 10] =
    ["get", "update", "put", "delete", "cast", "reference", "remove_ref", "set_ref", "clone", "fmt"];
const ITEMS_METHODS: [&str; 9] = ["by_id", "list", "count", "cast", "create", "add_ref", "list_refs", "clone", "fmt"];

fn is_stream(ty: &str) -> bool {
    matches!(ty, "Stream" | "Edm.Stream")
}

/// The segment that starts a path (`root:`, `{item-id}:`, `{hostname}:`), without its `:`.
fn path_start(segment: &Segment) -> Option<Segment> {
    let name = segment.name.strip_suffix(':').filter(|name| !name.is_empty() && segment.args.is_none())?;
    Some(Segment { name: name.to_owned(), args: None })
}

/// A segment as written (decoded), its parentheses included: one name of a path.
fn segment_text(segment: &Segment) -> String {
    match &segment.args {
        Some(args) => format!("{}({args})", segment.name),
        None => segment.name.clone(),
    }
}

/// A URL as a link would give it: absolute below the v1.0 root.
fn absolute(url: &str) -> String {
    if url.starts_with('/') { format!("{}{url}", url::SERVICE_ROOT) } else { url.to_owned() }
}

fn media_put_args(line: &Line) -> Vec<Arg> {
    let text = match &line.request_body {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    vec![Arg::Bytes(text), Arg::Str("text/plain".into())]
}
