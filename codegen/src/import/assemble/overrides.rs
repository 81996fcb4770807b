//! Applying the overrides file (`schema/import/overrides.json`, format in
//! [`crate::import::overrides`]): whole types no page documents (`"add"`), and corrections of
//! documented types and operations (`"types"`, `"operations"`), applied after the pages are
//! assembled. Lists merge by name (a named entry is added or replaces the entry of that name),
//! removing takes `"remove"`, and every change is recorded for the import report; an override
//! that changes nothing is a warning.
//!
//! The file is bounded before it is parsed: at most [`MAX_BYTES`] and [`MAX_DEPTH`] levels of
//! nesting, each a located error, so a hostile file cannot exhaust memory or the stack.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::{Assembler, Described};
use crate::diagnostic::{Diagnostic, Diagnostics, JsonPath, Source};
use crate::error::{Error, Result};
use crate::import::describe::Warning;
use crate::import::overrides::{OVERRIDES_SCHEMA_FILE_NAME, OperationPatch, OverridesFile, TypePatch};
use crate::schema::OperationDescription;

/// The largest overrides file read (a real one is a few kilobytes).
pub const MAX_BYTES: usize = 4 << 20;
/// The deepest nesting of arrays and objects in an overrides file (a real one nests about 6).
pub const MAX_DEPTH: usize = 64;

/// The overrides file, read and parsed, with its text for messages.
pub(super) struct Overrides {
    source: Source,
    file: OverridesFile,
}

impl Overrides {
    /// Reads and parses the overrides file at `path`; every problem is a located error.
    pub(super) fn read(path: &Path) -> Result<Self> {
        let invalid = |diagnostic: Diagnostic| {
            let help = format!(
                "the format is in the README (\"Importing the Graph docs\") and in {OVERRIDES_SCHEMA_FILE_NAME}"
            );
            Error::Invalid(Diagnostics(vec![diagnostic.with_help(help)]))
        };
        // Bounded, without a byte-order mark, and refused with a located error when not text.
        let text = crate::load::read_text(path, MAX_BYTES as u64)?;
        let source = Source { path: path.to_owned(), text };
        if let Some((line, column)) = too_deep(&source.text, MAX_DEPTH) {
            let message = format!("the overrides file nests arrays and objects deeper than {MAX_DEPTH} levels");
            return Err(invalid(Diagnostic::at_line_column(&source, line, column, message)));
        }
        match serde_json::from_str::<OverridesFile>(&source.text) {
            Ok(file) => Ok(Self { source, file }),
            Err(error) => {
                let message = format!("the overrides file is not valid: {error}");
                let (line, column) = (error.line().max(1), error.column().max(1));
                Err(invalid(Diagnostic::at_line_column(&source, line, column, message)))
            }
        }
    }

    fn error(&self, path: &JsonPath, message: String) -> Error {
        let diagnostic = Diagnostic::at(&self.source, path, message)
            .with_help(format!("see the overrides format in the README and in {OVERRIDES_SCHEMA_FILE_NAME}"));
        Error::Invalid(Diagnostics(vec![diagnostic]))
    }

    fn line(&self, path: &JsonPath) -> usize {
        Diagnostic::at(&self.source, path, String::new()).position.map_or(1, |(line, _)| line)
    }
}

/// The line and column of the first bracket nested deeper than `limit`, outside strings.
fn too_deep(text: &str, limit: usize) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut column) = (0usize, 1, 0);
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        column += 1;
        match c {
            '\n' => (line, column) = (line + 1, 0),
            _ if in_string => match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            },
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth > limit {
                    return Some((line, column));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// An entry of a list merged by name: added, replaced, or left as it is when equal.
fn merge_by_name<T: Clone + PartialEq>(
    list: &mut Vec<T>,
    entry: &T,
    name: impl Fn(&T) -> &str,
) -> Option<&'static str> {
    match list.iter().position(|existing| name(existing) == name(entry)) {
        Some(i) if list[i] == *entry => None,
        Some(i) => {
            list[i] = entry.clone();
            Some("replaced")
        }
        None => {
            list.push(entry.clone());
            Some("added")
        }
    }
}

impl Assembler {
    /// Adds the types the overrides file describes whole (types no imported page documents).
    pub(super) fn add_from_overrides(&mut self, overrides: &Overrides) -> Result<()> {
        for (i, added) in overrides.file.add.iter().enumerate() {
            let ty = added.r#type.clone();
            let qualified = format!("{}.{}", ty.namespace, ty.name);
            if self.types.contains_key(&qualified) {
                let message = format!(
                    "the overrides add `{qualified}`, which a page already documents; correct it under \"types\" instead"
                );
                return Err(overrides.error(&JsonPath::root().key("add").index(i), message));
            }
            self.applied.push(format!(
                "{qualified}: type added ({} properties, {} members)",
                ty.properties.len(),
                ty.members.len()
            ));
            self.types.insert(qualified, Described { ty, file: overrides.source.path.clone(), lines: BTreeMap::new() });
        }
        Ok(())
    }

    /// Applies the corrections of documented types and operations.
    pub(super) fn patch_from_overrides(&mut self, overrides: &Overrides) -> Result<()> {
        for (qualified, patch) in &overrides.file.types {
            let at = JsonPath::root().key("types").key(qualified);
            let changes = self.patch_type(qualified, patch).map_err(|message| overrides.error(&at, message))?;
            self.record(overrides, &at, qualified, changes);
        }
        for (qualified, operations) in &overrides.file.operations {
            for (name, patch) in operations {
                let at = JsonPath::root().key("operations").key(qualified).key(name);
                let change =
                    self.patch_operation(qualified, name, patch).map_err(|message| overrides.error(&at, message))?;
                self.record(overrides, &at, qualified, change.into_iter().collect());
            }
        }
        Ok(())
    }

    /// Lists what an override changed, or warns that it changed nothing.
    fn record(&mut self, overrides: &Overrides, at: &JsonPath, qualified: &str, changes: Vec<String>) {
        if changes.is_empty() {
            let message = format!("the override at `{at}` changes nothing the pages document; remove it");
            let line = overrides.line(at);
            self.warnings.push(Warning { file: overrides.source.path.clone(), line, message });
        }
        self.applied.extend(changes.into_iter().map(|change| format!("{qualified}: {change}")));
    }

    /// Applies one type's patch; the changes it made, or what is wrong with it.
    pub(super) fn patch_type(
        &mut self,
        qualified: &str,
        patch: &TypePatch,
    ) -> std::result::Result<Vec<String>, String> {
        let described = self
            .types
            .get_mut(qualified)
            .ok_or_else(|| format!("the overrides name `{qualified}`, which no page documents"))?;
        let ty = &mut described.ty;
        let mut changes = Vec::new();
        if let Some(kind) = patch.kind.filter(|kind| *kind != ty.kind) {
            changes.push(format!("kind {:?} → {kind:?}", ty.kind));
            ty.kind = kind;
        }
        if let Some(base) = patch.base_type.as_ref().filter(|base| **base != ty.base_type) {
            changes.push(match base {
                Some(base) => format!("baseType set to `{base}`"),
                None => "baseType removed".to_owned(),
            });
            ty.base_type = base.clone();
        }
        if let Some(value) = patch.r#abstract.filter(|value| *value != ty.r#abstract) {
            changes.push(format!("abstract set to {value}"));
            ty.r#abstract = value;
        }
        if let Some(description) = patch.description.as_ref().filter(|d| **d != ty.description) {
            changes.push("description replaced".to_owned());
            ty.description = description.clone();
        }
        if let Some(flags) = patch.flags.filter(|flags| *flags != ty.flags) {
            changes.push(format!("flags set to {flags}"));
            ty.flags = flags;
        }
        if let Some(has_stream) = patch.has_stream.filter(|has_stream| *has_stream != ty.has_stream) {
            changes.push(format!("hasStream set to {has_stream}"));
            ty.has_stream = has_stream;
        }
        if let Some(ways) = patch.path_addressing.as_ref().filter(|ways| **ways != ty.path_addressing) {
            changes.push(format!("pathAddressing set to {ways:?}"));
            ty.path_addressing = ways.clone();
        }
        for property in &patch.properties {
            if let Some(what) = merge_by_name(&mut ty.properties, property, |p| &p.name) {
                changes.push(format!("property `{}` {what}", property.name));
            }
        }
        for member in &patch.members {
            if let Some(what) = merge_by_name(&mut ty.members, member, |m| &m.name) {
                changes.push(format!("member `{}` {what}", member.name));
            }
        }
        let remove = &patch.remove;
        for (kind, names) in
            [("property", &remove.properties), ("member", &remove.members), ("operation", &remove.operations)]
        {
            for name in names {
                let removed = match kind {
                    "property" => remove_named(&mut ty.properties, name, |p| &p.name),
                    "member" => remove_named(&mut ty.members, name, |m| &m.name),
                    _ => remove_named(&mut ty.operations, name, |o| &o.name),
                };
                if !removed {
                    return Err(format!("the overrides remove the {kind} `{name}`, which `{qualified}` does not have"));
                }
                changes.push(format!("{kind} `{name}` removed"));
            }
        }
        Ok(changes)
    }

    /// Applies one operation's merge patch (or adds the operation); the change it made.
    fn patch_operation(
        &mut self,
        qualified: &str,
        name: &str,
        patch: &OperationPatch,
    ) -> std::result::Result<Option<String>, String> {
        let described = self
            .types
            .get_mut(qualified)
            .ok_or_else(|| format!("the overrides name `{qualified}`, which no page documents"))?;
        let position = described.ty.operations.iter().position(|o| o.name == name);
        let before = match position {
            Some(i) => serde_json::to_value(&described.ty.operations[i]).map_err(|e| e.to_string())?,
            None => Value::Object(serde_json::Map::new()),
        };
        let mut value = before.clone();
        merge_patch(&mut value, &Value::Object(patch.fields.clone()));
        if let Value::Object(map) = &mut value {
            map.entry("name").or_insert_with(|| Value::String(name.to_owned()));
        }
        if value == before {
            return Ok(None);
        }
        let operation: OperationDescription = serde_json::from_value(value)
            .map_err(|e| format!("the override of `{qualified}.{name}` does not make a valid operation: {e}"))?;
        let fields: Vec<&str> = patch.fields.keys().map(String::as_str).collect();
        Ok(Some(match position {
            Some(i) => {
                described.ty.operations[i] = operation;
                format!("operation `{name}` patched ({})", fields.join(", "))
            }
            None => {
                described.ty.operations.push(operation);
                format!("operation `{name}` added")
            }
        }))
    }
}

/// Removes the entry named `name`; whether there was one.
fn remove_named<T>(list: &mut Vec<T>, name: &str, entry_name: impl Fn(&T) -> &str) -> bool {
    let before = list.len();
    list.retain(|entry| entry_name(entry) != name);
    list.len() != before
}

/// RFC 7396 JSON merge patch (used for an operation's fields, where no list is merged).
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
    use super::{merge_by_name, merge_patch, too_deep};
    use serde_json::json;

    #[test]
    fn merge_patches_follow_rfc_7396() {
        let mut target = json!({"a": "b", "c": {"d": "e", "f": "g"}, "list": [1]});
        merge_patch(&mut target, &json!({"a": "z", "c": {"f": null}, "list": [2, 3], "new": true}));
        assert_eq!(target, json!({"a": "z", "c": {"d": "e"}, "list": [2, 3], "new": true}));
    }

    #[test]
    fn lists_merge_by_name() {
        let mut list = vec![("a", 1), ("b", 2)];
        assert_eq!(merge_by_name(&mut list, &("b", 3), |e| e.0), Some("replaced"));
        assert_eq!(merge_by_name(&mut list, &("c", 4), |e| e.0), Some("added"));
        assert_eq!(merge_by_name(&mut list, &("a", 1), |e| e.0), None);
        assert_eq!(list, vec![("a", 1), ("b", 3), ("c", 4)]);
    }

    #[test]
    fn nesting_is_bounded_outside_strings() {
        assert_eq!(too_deep(&"[".repeat(100_000), 64), Some((1, 65)));
        assert_eq!(too_deep(&format!("{{\"a\": \"{}\"}}", "[".repeat(1000)), 64), None);
        assert_eq!(too_deep("{\n  \"a\": [[1]]\n}", 2), Some((2, 9)));
    }
}
