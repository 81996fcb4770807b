//! The translation of a request line: walks the URL's path segments through the metadata
//! (entity sets, singletons, navigation, casts, keys, bound operations, streams) and maps the
//! method and the query options to the calls of the generated request API.

use msgraph_codegen::schema::{BindsTo, BoundOperationDescription, OperationKind, OperationParameterDescription};
use serde_json::Value;

use super::fixture::Line;
use super::metadata::Metadata;
use super::names;
use super::plan::{Arg, Call, Plan, Shape};
use super::url::{self, Segment};

/// Where the walk is: what the calls so far address.
#[derive(Debug, Clone, PartialEq)]
enum At {
    /// A collection of the entity type (qualified name).
    Items(String),
    /// One entity of the type.
    Item(String),
    /// Media content (`$value`, an `Edm.Stream` property).
    Media,
    /// A request is made (an operation was called, or `$count` / `$ref` ends the path).
    Request(Shape, &'static str),
}

/// Translates one fixture line into the calls that build its request.
pub fn translate(meta: &Metadata, line: &Line) -> Result<Plan, String> {
    let parsed = url::parse(&line.url)?;
    let mut walk = Walk { meta, line, path: Vec::new() };
    let mut segments = parsed.segments.iter();
    let first = segments.next().ok_or("the URL has no path")?;
    let mut at = walk.root(first)?;
    for segment in segments {
        at = walk.step(at, segment)?;
    }
    let shape = walk.finish(at)?;
    let query = query_calls(&parsed.query, line)?;
    Ok(Plan { path: walk.path, query, shape })
}

struct Walk<'a> {
    meta: &'a Metadata,
    line: &'a Line,
    path: Vec<Call>,
}

impl<'a> Walk<'a> {
    fn call(&mut self, name: impl Into<String>, args: Vec<Arg>) {
        self.path.push(Call::new(name, args));
    }

    fn root(&mut self, segment: &Segment) -> Result<At, String> {
        if let Some((root, singleton)) = self.meta.root(&segment.name) {
            let ty = Metadata::qualify(&root.r#type);
            self.call(names::method(&segment.name), Vec::new());
            let at = if singleton { At::Item(ty) } else { At::Items(ty) };
            return self.key(at, segment.args.as_deref());
        }
        if let Some(import) = self.meta.operation_import(&segment.name) {
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
        Err(format!("`{}` is no entity set, singleton or operation import of v1.0", segment.name))
    }

    /// A key in parentheses after a collection: `applications(appId='…')`, `users('…')`.
    fn key(&mut self, at: At, args: Option<&str>) -> Result<At, String> {
        let (Some(args), At::Items(ty)) = (args, &at) else { return Ok(at) };
        match url::named_arguments(args) {
            Some(named) if named.len() == 1 => {
                let (key, value) = &named[0];
                if !self.meta.has_alternate_key(ty, key) {
                    return Err(format!("`{key}` is no alternate key of {ty}"));
                }
                self.call(names::alternate_key(key), vec![Arg::Str(unquote(value))]);
            }
            _ => self.call("by_id", vec![Arg::Str(unquote(args))]),
        }
        Ok(At::Item(ty.clone()))
    }

    fn step(&mut self, at: At, segment: &Segment) -> Result<At, String> {
        let name = segment.name.as_str();
        match at {
            At::Items(ty) => self.step_items(ty, segment),
            At::Item(ty) => self.step_item(ty, segment),
            At::Media => Err(format!("`{name}` after media content")),
            At::Request(..) => Err(format!("`{name}` after the request is made (a composable function's result)")),
        }
    }

    fn step_items(&mut self, ty: String, segment: &Segment) -> Result<At, String> {
        let name = segment.name.as_str();
        match name {
            "$count" => return self.made("count", Vec::new(), Shape::Count, "GET"),
            "$ref" if self.line.method == "POST" => {
                let body = self.body("runtime::Reference")?;
                return self.made("add_ref", vec![body], Shape::Unit, "POST");
            }
            "$ref" => return self.made("list_refs", Vec::new(), Shape::Collection, "GET"),
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

    fn step_item(&mut self, ty: String, segment: &Segment) -> Result<At, String> {
        let name = segment.name.as_str();
        match name {
            "$value" if self.meta.has_stream(&ty) => {
                self.call("value", Vec::new());
                return Ok(At::Media);
            }
            "$value" => return Err(format!("{ty} is no media entity: `$value` addresses nothing")),
            "$ref" if self.line.method == "DELETE" => {
                return self.made("remove_ref", Vec::new(), Shape::Unit, "DELETE");
            }
            "$ref" => {
                let body = self.body("runtime::Reference")?;
                return self.made("set_ref", vec![body], Shape::Unit, "PUT");
            }
            _ => {}
        }
        if let Some(property) = self.meta.property(&ty, name) {
            let target = Metadata::qualify(&property.r#type);
            if property.navigation {
                self.call(names::method(name), Vec::new());
                let at = if property.collection { At::Items(target) } else { At::Item(target) };
                return self.key(at, segment.args.as_deref());
            }
            if matches!(property.r#type.as_str(), "Stream" | "Edm.Stream") {
                self.call(names::method(name), Vec::new());
                return Ok(At::Media);
            }
            return Err(format!("`{name}` of {ty} is a structural property, not addressable on its own"));
        }
        if let Some(at) = self.cast(&ty, name, At::Item)? {
            return Ok(at);
        }
        if let Some((declaring, op)) = self.overload(&ty, segment, BindsTo::Entity) {
            return self.operation(&declaring, op, segment);
        }
        Err(format!("`{name}` is no navigation property, stream, derived type or bound operation of {ty}"))
    }

    /// A type-cast segment (`microsoft.graph.user`): `.cast::<models::User>()`.
    fn cast(&mut self, ty: &str, name: &str, at: fn(String) -> At) -> Result<Option<At>, String> {
        if !name.contains('.') {
            return Ok(None);
        }
        let derived = Metadata::qualify(name);
        if self.meta.get(&derived).is_none() {
            return Ok(None); // a key with dots in it (`19:…@thread.v2`)
        }
        if !self.meta.derives_from(&derived, ty) {
            return Err(format!("`{name}` is no type derived from {ty}"));
        }
        self.path.push(Call { name: "cast".into(), type_arg: Some(names::type_path(&derived)), args: Vec::new() });
        Ok(Some(at(derived)))
    }

    /// The overload of a bound operation that takes the parameters the URL names.
    fn overload(
        &self,
        ty: &str,
        segment: &Segment,
        binds_to: BindsTo,
    ) -> Option<(String, &'a BoundOperationDescription)> {
        let meta: &'a Metadata = self.meta;
        let given: Vec<String> = segment
            .args
            .as_deref()
            .and_then(url::named_arguments)
            .unwrap_or_default()
            .into_iter()
            .map(|(n, _)| n.to_lowercase())
            .collect();
        let overloads = meta.bound_operations(ty, &segment.name, binds_to);
        let fits = |op: &BoundOperationDescription| {
            let known = |n: &String| op.parameters.iter().any(|p| p.name.to_lowercase() == *n);
            op.kind == OperationKind::Action || given.iter().all(known)
        };
        overloads.iter().find(|(_, op)| fits(op)).or(overloads.first()).map(|(d, op)| (d.clone(), *op))
    }

    fn operation(&mut self, declaring: &str, op: &BoundOperationDescription, segment: &Segment) -> Result<At, String> {
        let method = names::method(&op.name);
        match op.kind {
            OperationKind::Action => {
                let args = if op.parameters.is_empty() {
                    Vec::new()
                } else {
                    vec![self.body(&names::parameters_path(declaring, &op.name))?]
                };
                let shape = if op.returns.is_some() { Shape::Outcome } else { Shape::Unit };
                self.made(method, args, shape, "POST")
            }
            OperationKind::Function => {
                let (args, optional) = function_arguments(&op.parameters, segment.args.as_deref().unwrap_or(""))?;
                self.call(method, args);
                for (name, value) in optional {
                    self.call("parameter", vec![Arg::Str(name), value]);
                }
                let shape = match &op.returns {
                    Some(r) if r.collection => Shape::Collection,
                    Some(r) if matches!(r.r#type.as_str(), "Stream" | "Edm.Stream") => Shape::Bytes,
                    _ => Shape::Value,
                };
                Ok(At::Request(shape, "GET"))
            }
        }
    }

    /// A call that makes the request, with the method it must be sent with.
    fn made(
        &mut self,
        name: impl Into<String>,
        args: Vec<Arg>,
        shape: Shape,
        method: &'static str,
    ) -> Result<At, String> {
        self.call(name, args);
        Ok(At::Request(shape, method))
    }

    /// The line's request body, deserialized into `type_path`.
    fn body(&self, type_path: &str) -> Result<Arg, String> {
        let body = self.line.request_body.clone().ok_or("the page shows no request body")?;
        Ok(Arg::Json { type_path: type_path.to_owned(), body })
    }

    /// The call that makes the request from where the path ends, by the line's method.
    fn finish(&mut self, at: At) -> Result<Shape, String> {
        let method = self.line.method.as_str();
        let (name, args, shape) = match (at, method) {
            (At::Request(shape, expected), _) if expected == method => return Ok(shape),
            (At::Request(_, expected), _) => {
                return Err(format!("the call is sent with {expected}, the page uses {method}"));
            }
            (At::Items(_), "GET") => ("list", Vec::new(), Shape::Collection),
            (At::Items(ty), "POST") => ("create", vec![self.body(&names::type_path(&ty))?], Shape::Outcome),
            (At::Item(_), "GET") => ("get", Vec::new(), Shape::Value),
            (At::Item(ty), "PATCH") => ("update", vec![self.body(&names::type_path(&ty))?], Shape::Outcome),
            (At::Item(ty), "PUT") => ("put", vec![self.body(&names::type_path(&ty))?], Shape::Outcome),
            (At::Item(_), "DELETE") => ("delete", Vec::new(), Shape::Unit),
            (At::Media, "GET") => ("get", Vec::new(), Shape::Bytes),
            (At::Media, "PUT") => ("put", media_put_args(self.line), Shape::Outcome),
            (at, _) => return Err(format!("the request API has no call for {method} on {at:?}")),
        };
        self.call(name, args);
        Ok(shape)
    }
}

fn media_put_args(line: &Line) -> Vec<Arg> {
    let text = match &line.request_body {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    vec![Arg::Bytes(text), Arg::Str("text/plain".into())]
}

/// A function's arguments: the required ones (metadata order), and the optional ones the URL
/// gives, by name, for `.parameter(name, value)` calls.
type FunctionArguments = (Vec<Arg>, Vec<(String, Arg)>);

/// The required parameters of a function as arguments (metadata order), and the optional ones
/// the URL gives as `.parameter(name, value)` calls.
fn function_arguments(parameters: &[OperationParameterDescription], args: &str) -> Result<FunctionArguments, String> {
    let given = url::named_arguments(args).ok_or_else(|| format!("`({args})`: function arguments are `name=value`"))?;
    let value_of = |name: &str| given.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| literal(v));
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for parameter in parameters {
        match (value_of(&parameter.name), parameter.optional) {
            (Some(value), false) => required.push(value),
            (Some(value), true) => optional.push((parameter.name.clone(), value)),
            (None, false) => return Err(format!("the URL leaves out the required parameter `{}`", parameter.name)),
            (None, true) => {}
        }
    }
    if let Some((name, _)) = given.iter().find(|(n, _)| !parameters.iter().any(|p| p.name.eq_ignore_ascii_case(n))) {
        return Err(format!("the function has no parameter `{name}`"));
    }
    Ok((required, optional))
}

/// An OData literal as a Rust argument: `'x'` a string, `true` a bool, `7` an integer.
fn literal(text: &str) -> Arg {
    if text.starts_with('\'') {
        return Arg::Str(unquote(text));
    }
    if let Ok(b) = text.parse::<bool>() {
        return Arg::Bool(b);
    }
    if let Ok(i) = text.parse::<i64>() {
        return Arg::Int(i);
    }
    match text.parse::<f64>() {
        Ok(f) if text.contains('.') => Arg::Float(f),
        _ => Arg::Str(text.to_owned()),
    }
}

/// A key or string literal without its quotes (`''` is one quote).
fn unquote(text: &str) -> String {
    match text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        Some(inner) => inner.replace("''", "'"),
        None => text.to_owned(),
    }
}

/// The query options and headers as calls on the request.
fn query_calls(query: &[(String, String)], line: &Line) -> Result<Vec<Call>, String> {
    let list = |v: &str| Arg::List(url::split_outside(v, ',').into_iter().map(|s| s.trim().to_owned()).collect());
    let number = |v: &str| v.parse::<i64>().map(Arg::Int).map_err(|_| format!("`{v}` is no number"));
    let mut calls = Vec::new();
    for (name, value) in query {
        let call = match url::canonical_option(name).as_str() {
            "$select" => Call::new("select", vec![list(value)]),
            "$expand" => Call::new("expand", vec![list(value)]),
            "$orderby" => Call::new("order_by", vec![list(value)]),
            "$filter" => Call::new("filter", vec![Arg::Str(value.clone())]),
            "$search" => Call::new("search", vec![Arg::Str(value.clone())]),
            "$top" => Call::new("top", vec![number(value)?]),
            "$skip" => Call::new("skip", vec![number(value)?]),
            "$count" => Call::new("count", vec![Arg::Bool(value == "true")]),
            _ if name.starts_with('$') => return Err(format!("`{name}` is no system query option")),
            // A custom query option (`calendarView?startDateTime=…`).
            _ => Call::new("query", vec![Arg::Str(name.clone()), Arg::Str(value.clone())]),
        };
        calls.push(call);
    }
    let eventual = line.headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("ConsistencyLevel") && v == "eventual");
    if eventual {
        calls.push(Call::new("eventual_consistency", Vec::new()));
    }
    Ok(calls)
}
