//! Example bodies against the metadata, without the generated crate: what a page's JSON says
//! that the metadata does not. Each finding is a doc defect; a *fatal* one (a string where the
//! metadata says Boolean, an object where it says a string) is one the typed crate must refuse,
//! so a decode error it explains is the page's fault, not the generator's. Everything else (a
//! property or enum member the metadata does not define, a type it does not know) the crate
//! keeps as it came, and the round trip must still be exact.

use msgraph_codegen::schema::TypeKind;
use serde_json::Value;

use crate::request_lines::metadata::Metadata;
use crate::request_lines::plan::Schema;

/// What a body says that the metadata does not.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// Where in the body: `$.value[0].accountEnabled`.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// Whether the typed crate must refuse the body for it (a wrong JSON kind).
    pub fatal: bool,
}

/// Primitive types whose JSON form is a string.
const STRINGS: [&str; 7] = ["String", "Guid", "DateTimeOffset", "Date", "TimeOfDay", "Duration", "Binary"];

/// Checks `body` against `schema`; `response` says whether it is a response body (a collection
/// is then a page: `{"value": [...]}`, a primitive result `{"value": x}`).
pub fn check(meta: &Metadata, schema: &Schema, body: &Value, response: bool) -> Vec<Finding> {
    let mut checker = Checker { meta, findings: Vec::new() };
    match schema {
        Schema::Type { qualified, collection: true } if response => checker.page(body, |c, item, path| {
            c.value(qualified, item, path);
        }),
        Schema::Type { qualified, collection } => {
            if response && primitive(qualified).is_some() {
                // A primitive result comes as `{"value": x}`.
                checker.wrapped(body, |c, value, path| c.typed(qualified, *collection, value, path));
            } else {
                checker.typed(qualified, *collection, body, "$".into());
            }
        }
        Schema::Parameters(parameters) => match body {
            Value::Object(map) => {
                for (key, value) in map {
                    let path = format!("$.{key}");
                    if key.contains('@') {
                        continue;
                    }
                    match parameters.iter().find(|p| p.name == *key) {
                        Some(p) => checker.typed(&p.r#type, p.collection, value, path),
                        None => {
                            let message = match parameters.iter().find(|p| p.name.eq_ignore_ascii_case(key)) {
                                Some(p) => {
                                    format!("the parameter is `{}` in the metadata (Graph reads either)", p.name)
                                }
                                None => "no parameter of the action has this name".into(),
                            };
                            checker.finding(path, message, false);
                        }
                    }
                }
            }
            other => checker.finding("$".into(), format!("the parameters are {}, not an object", kind(other)), true),
        },
        Schema::Reference { collection } => {
            let one = |c: &mut Checker<'_>, value: &Value, path: String| match value.get("@odata.id") {
                Some(Value::String(_)) => {}
                _ => c.finding(path, "a reference needs `@odata.id`, a string".into(), true),
            };
            if *collection { checker.page(body, one) } else { one(&mut checker, body, "$".into()) }
        }
    }
    checker.findings.sort();
    checker.findings.dedup();
    checker.findings
}

/// The primitive a type name names (`String`, `Edm.String`), if it is one.
fn primitive(name: &str) -> Option<&str> {
    let bare = name.strip_prefix("Edm.").unwrap_or(name);
    let known = STRINGS.contains(&bare)
        || matches!(
            bare,
            "Boolean" | "Byte" | "SByte" | "Int16" | "Int32" | "Int64" | "Single" | "Double" | "Decimal" | "Stream"
        )
        || bare.starts_with("Geography")
        || bare.starts_with("Geometry")
        || matches!(bare, "Json" | "Untyped" | "PrimitiveType");
    known.then_some(bare)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a Boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

struct Checker<'a> {
    meta: &'a Metadata,
    findings: Vec<Finding>,
}

impl Checker<'_> {
    fn finding(&mut self, path: String, message: String, fatal: bool) {
        self.findings.push(Finding { path, message, fatal });
    }

    /// A page: `{"value": [...]}` (or `{"value": x}`), each item checked by `item`.
    fn page(&mut self, body: &Value, mut item: impl FnMut(&mut Self, &Value, String)) {
        let Some(value) = body.get("value") else {
            let message = format!("a page of results is an object with `value`, not {}", kind(body));
            self.finding("$".into(), message, !body.is_object());
            return;
        };
        match value {
            Value::Array(items) => {
                for (i, value) in items.iter().enumerate() {
                    item(self, value, format!("$.value[{i}]"));
                }
            }
            other => self.finding("$.value".into(), format!("a page's `value` is an array, not {}", kind(other)), true),
        }
    }

    /// A primitive result: `{"value": x}`.
    fn wrapped(&mut self, body: &Value, mut item: impl FnMut(&mut Self, &Value, String)) {
        match body.get("value") {
            Some(value) => item(self, value, "$.value".into()),
            None => {
                let message = format!("a primitive result is an object with `value`, not {}", kind(body));
                self.finding("$".into(), message, true);
            }
        }
    }

    /// A value of `ty`, or a collection of them.
    fn typed(&mut self, ty: &str, collection: bool, value: &Value, path: String) {
        if !collection {
            return self.value(ty, value, path);
        }
        match value {
            Value::Null => {}
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.value(ty, item, format!("{path}[{i}]"));
                }
            }
            other => self.finding(path, format!("a collection of `{ty}` is an array, not {}", kind(other)), true),
        }
    }

    fn value(&mut self, ty: &str, value: &Value, path: String) {
        if value.is_null() {
            return;
        }
        if let Some(primitive) = primitive(ty) {
            return self.primitive(primitive, value, path);
        }
        let qualified = Metadata::qualify(ty);
        let Some(described) = self.meta.get(&qualified) else { return };
        match described.kind {
            TypeKind::Enum => self.member(&qualified, value, path),
            TypeKind::Entity | TypeKind::Complex => self.object(&qualified, value, path),
        }
    }

    fn primitive(&mut self, primitive: &str, value: &Value, path: String) {
        let wrong = |expected: &str| format!("`{primitive}` is {expected}, the page has {}", kind(value));
        let message = match primitive {
            p if STRINGS.contains(&p) => (!value.is_string()).then(|| wrong("a string")),
            "Boolean" => (!value.is_boolean()).then(|| wrong("true or false")),
            "Byte" | "SByte" | "Int16" | "Int32" | "Int64" => match value.as_i64() {
                Some(n) if !fits(primitive, n) => Some(format!("{n} is out of the range of `{primitive}`")),
                Some(_) => None,
                None if value.is_number() => Some(format!("`{primitive}` is a whole number, the page has {value}")),
                None => Some(wrong("a number")),
            },
            "Single" | "Double" | "Decimal" => {
                let special = value.as_str().is_some_and(|s| matches!(s, "NaN" | "INF" | "-INF"));
                (!value.is_number() && !special).then(|| wrong("a number"))
            }
            _ => None,
        };
        if let Some(message) = message {
            self.finding(path, message, true);
        }
    }

    fn member(&mut self, qualified: &str, value: &Value, path: String) {
        let Some(text) = value.as_str() else {
            return self.finding(
                path,
                format!("the enum `{qualified}` is a string, the page has {}", kind(value)),
                true,
            );
        };
        let Some(described) = self.meta.get(qualified) else { return };
        let parts: Vec<&str> = if described.flags { text.split(',').map(str::trim).collect() } else { vec![text] };
        for part in parts {
            if !described.members.iter().any(|m| m.name == part) {
                let message = format!("`{part}` is no member of `{qualified}` (kept as an unknown value)");
                self.finding(path.clone(), message, false);
            }
        }
    }

    fn object(&mut self, qualified: &str, value: &Value, path: String) {
        let Value::Object(map) = value else {
            let message = format!("`{qualified}` is an object, the page has {}", kind(value));
            return self.finding(path, message, true);
        };
        // The value's own type, when `@odata.type` names one derived from the declared type.
        let mut actual = qualified.to_owned();
        if let Some(Value::String(named)) = map.get("@odata.type") {
            let named = Metadata::qualify(named.trim_start_matches('#'));
            if self.meta.get(&named).is_none() {
                let message = format!("`@odata.type` names `{named}`, which the metadata does not define");
                self.finding(format!("{path}.@odata.type"), message, false);
            } else if self.meta.derives_from(&named, qualified) {
                actual = named;
            } else {
                let message = format!("`@odata.type` names `{named}`, which does not derive from `{qualified}`");
                self.finding(format!("{path}.@odata.type"), message, false);
            }
        }
        for (key, value) in map {
            if key.contains('@') {
                continue; // annotations: `@odata.type`, `members@odata.bind`, `@odata.etag`
            }
            let child = format!("{path}.{key}");
            match self.meta.property(&actual, key) {
                Some(property) => {
                    let (ty, collection) = (property.r#type.clone(), property.collection);
                    self.typed(&ty, collection, value, child);
                }
                None => {
                    let message = match self.similar_property(&actual, key) {
                        Some(name) => format!("`{key}` is no property of `{actual}`; the metadata has `{name}`"),
                        None => format!("`{key}` is no property of `{actual}` (kept as an unknown property)"),
                    };
                    self.finding(child, message, false);
                }
            }
        }
    }

    /// A property of the type whose name differs from `key` only in case.
    fn similar_property(&self, qualified: &str, key: &str) -> Option<String> {
        self.meta
            .lineage(qualified)
            .into_iter()
            .find_map(|(_, ty)| ty.properties.iter().find(|p| p.name.eq_ignore_ascii_case(key)).map(|p| p.name.clone()))
    }
}

/// Whether `n` fits the integer primitive.
fn fits(primitive: &str, n: i64) -> bool {
    match primitive {
        "Byte" => (0..=255).contains(&n),
        "SByte" => (-128..=127).contains(&n),
        "Int16" => i16::try_from(n).is_ok(),
        "Int32" => i32::try_from(n).is_ok(),
        _ => true,
    }
}
