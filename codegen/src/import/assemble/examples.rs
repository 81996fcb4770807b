//! Examples against the documented tables: each example body of an operation is compared with the
//! flattened property table of its body type; every mismatch is a warning at the example's line and
//! is recorded in the example's `defects` (the example is still kept: it must round-trip).

use std::path::PathBuf;

use serde_json::Value;

use super::Assembler;
use crate::import::describe::Warning;
use crate::schema::Primitive;
use crate::schema::{ExampleRole, TypeKind};

impl Assembler {
    /// Example bodies that break the documented table are marked (they must still round-trip).
    pub(super) fn check_examples(&mut self) {
        let names: Vec<String> = self.types.keys().cloned().collect();
        for qualified in names {
            let namespace = self.types[&qualified].ty.namespace.clone();
            let operations = self.types[&qualified].ty.operations.clone();
            for (i, op) in operations.iter().enumerate() {
                for (e, example) in op.examples.iter().enumerate() {
                    let body = match example.role {
                        ExampleRole::Request => op.request_body.as_ref(),
                        ExampleRole::Response => op.response.as_ref(),
                    };
                    let Some(type_name) = body.and_then(|b| b.r#type.clone()) else { continue };
                    let Some(target) = self.lookup(&namespace, &type_name) else { continue };
                    let objects: Vec<&Value> = match &example.body {
                        Value::Object(map) if body.is_some_and(|b| b.collection) => {
                            map.get("value").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default()
                        }
                        other => vec![other],
                    };
                    let mut defects = Vec::new();
                    for object in objects {
                        self.defects_of(&target, object, "", &mut defects);
                    }
                    defects.sort();
                    defects.dedup();
                    let (file, line) = example
                        .source
                        .as_ref()
                        .and_then(|s| s.rsplit_once(':'))
                        .map(|(f, l)| (PathBuf::from(f), l.parse().unwrap_or(1)))
                        .unwrap_or_default();
                    for defect in &defects {
                        self.warnings.push(Warning {
                            file: file.clone(),
                            line,
                            message: format!(
                                "the {} example of `{}` breaks the documented table: {defect}",
                                example.name, op.name
                            ),
                        });
                    }
                    self.types.get_mut(&qualified).expect("exists").ty.operations[i].examples[e].defects = defects;
                }
            }
        }
    }

    /// How `value` breaks the documented table of `qualified`.
    pub(super) fn defects_of(&self, qualified: &str, value: &Value, at: &str, defects: &mut Vec<String>) {
        let Value::Object(map) = value else { return };
        let properties = self.flattened(qualified);
        let namespace = self.types.get(qualified).map(|d| d.ty.namespace.clone()).unwrap_or_default();
        for (key, item) in map {
            if key.starts_with('@') || key.contains("@odata.") {
                continue;
            }
            let Some((ty, collection)) = properties.get(key) else {
                defects.push(format!("`{at}{key}` is not a documented property"));
                continue;
            };
            let items: Vec<&Value> = match (collection, item) {
                (true, Value::Array(items)) => items.iter().collect(),
                (true, Value::Null) | (false, Value::Null) => Vec::new(),
                (true, other) => {
                    defects.push(format!("`{at}{key}` is documented as a collection but is {}", json_kind(other)));
                    continue;
                }
                (false, other) => vec![other],
            };
            for item in items {
                if let Some(primitive) = Primitive::from_name(ty) {
                    let fits = match primitive {
                        Primitive::Boolean => item.is_boolean(),
                        Primitive::Int32 | Primitive::Int64 | Primitive::Int16 | Primitive::Byte | Primitive::SByte => {
                            item.is_i64() || item.is_u64()
                        }
                        Primitive::Double | Primitive::Single => item.is_number() || item.is_string(),
                        Primitive::Json => true,
                        _ => item.is_string(),
                    };
                    if !fits {
                        defects.push(format!("`{at}{key}` is documented as `{ty}` but is {}", json_kind(item)));
                    }
                } else if let Some(target) = self.lookup(&namespace, ty) {
                    let described = &self.types[&target].ty;
                    match (described.kind, item) {
                        (TypeKind::Enum, Value::String(text)) => {
                            let parts: Vec<&str> = if described.flags {
                                text.split(',').map(str::trim).collect()
                            } else {
                                vec![text.as_str()]
                            };
                            for part in parts {
                                if !described.members.iter().any(|m| m.name == part) {
                                    defects.push(format!(
                                        "`{at}{key}` is `\"{part}\"`, which is not a documented member of `{}`",
                                        described.name
                                    ));
                                }
                            }
                        }
                        (TypeKind::Enum, other) => defects.push(format!(
                            "`{at}{key}` is documented as the enum `{}` but is {}",
                            described.name,
                            json_kind(other)
                        )),
                        (_, Value::Object(_)) => self.defects_of(&target, item, &format!("{at}{key}."), defects),
                        (_, other) => defects.push(format!(
                            "`{at}{key}` is documented as `{}` but is {}",
                            described.name,
                            json_kind(other)
                        )),
                    }
                }
            }
        }
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
