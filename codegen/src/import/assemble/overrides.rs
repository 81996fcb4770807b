//! The overrides file (`schema/import/overrides.json`): hand-made corrections applied after the
//! pages are assembled — whole types no page documents (`"add"`), and patches of documented types
//! and operations (`"types"`, `"operations"`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Assembler, Described};
use crate::error::{Error, Result};
use crate::schema::{OperationDescription, TypeDescription};

impl Assembler {
    /// Adds the types the overrides file describes whole (types no imported page documents).
    pub(super) fn add_from_overrides(&mut self, overrides: &Overrides) -> Result<()> {
        for added in overrides.value.get("add").and_then(Value::as_array).into_iter().flatten() {
            let ty: TypeDescription = serde_json::from_value(without_why(added))
                .map_err(|e| overrides.invalid(format!("an added type is not a valid description: {e}")))?;
            let qualified = format!("{}.{}", ty.namespace, ty.name);
            if self.types.contains_key(&qualified) {
                return Err(overrides.invalid(format!(
                    "the overrides add `{qualified}`, which a page already documents; patch it under \"types\" instead"
                )));
            }
            self.types.insert(qualified, Described { ty, file: overrides.path.clone(), lines: BTreeMap::new() });
        }
        Ok(())
    }

    /// Applies the patches of the overrides file to what the pages document.
    pub(super) fn patch_from_overrides(&mut self, overrides: &Overrides) -> Result<()> {
        for (qualified, patch) in overrides.value.get("types").and_then(Value::as_object).into_iter().flatten() {
            let described = self.types.get_mut(qualified).ok_or_else(|| {
                overrides.invalid(format!("the overrides name `{qualified}`, which no page documents"))
            })?;
            let mut value = serde_json::to_value(&described.ty).map_err(|e| overrides.invalid(e.to_string()))?;
            merge_patch(&mut value, &without_why(patch));
            described.ty = serde_json::from_value(value).map_err(|e| {
                overrides.invalid(format!("the override of `{qualified}` does not make a valid description: {e}"))
            })?;
        }
        for (qualified, operations) in
            overrides.value.get("operations").and_then(Value::as_object).into_iter().flatten()
        {
            for (name, patch) in operations.as_object().into_iter().flatten() {
                let described = self.types.get_mut(qualified).ok_or_else(|| {
                    overrides.invalid(format!("the overrides name `{qualified}`, which no page documents"))
                })?;
                let position = described.ty.operations.iter().position(|o| o.name == *name);
                let mut value = match position {
                    Some(i) => serde_json::to_value(&described.ty.operations[i])
                        .map_err(|e| overrides.invalid(e.to_string()))?,
                    None => Value::Object(serde_json::Map::new()),
                };
                merge_patch(&mut value, &without_why(patch));
                let op: OperationDescription = serde_json::from_value(value).map_err(|e| {
                    overrides
                        .invalid(format!("the override of `{qualified}.{name}` does not make a valid operation: {e}"))
                })?;
                match position {
                    Some(i) => described.ty.operations[i] = op,
                    None => described.ty.operations.push(op),
                }
            }
        }
        Ok(())
    }
}

/// The overrides file: hand-made corrections the docs need.
pub(super) struct Overrides {
    path: PathBuf,
    value: Value,
}

impl Overrides {
    pub(super) fn read(path: &Path) -> Result<Self> {
        let text = fs::read_to_string(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
        let value = serde_json::from_str(&text).map_err(|error| {
            let diagnostic = crate::Diagnostic::file(path, format!("the overrides file is not valid JSON: {error}"));
            Error::Invalid(crate::Diagnostics(vec![diagnostic.with_help("see the overrides format in the README")]))
        })?;
        Ok(Self { path: path.to_owned(), value })
    }

    pub(super) fn invalid(&self, message: String) -> Error {
        Error::Invalid(crate::Diagnostics(vec![
            crate::Diagnostic::file(&self.path, message).with_help("see the overrides format in the README"),
        ]))
    }
}

/// A patch without its `"why"` note.
fn without_why(patch: &Value) -> Value {
    let mut patch = patch.clone();
    if let Value::Object(map) = &mut patch {
        map.remove("why");
    }
    patch
}

/// RFC 7396 JSON merge patch.
fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    let Value::Object(map) = target else { return };
    for (key, value) in patch {
        if value.is_null() {
            map.remove(key);
        } else {
            merge_patch(map.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::merge_patch;
    use serde_json::json;

    #[test]
    pub(super) fn merge_patches_follow_rfc_7396() {
        let mut target = json!({"a": "b", "c": {"d": "e", "f": "g"}, "list": [1]});
        merge_patch(&mut target, &json!({"a": "z", "c": {"f": null}, "list": [2, 3], "new": true}));
        assert_eq!(target, json!({"a": "z", "c": {"d": "e"}, "list": [2, 3], "new": true}));
    }
}
