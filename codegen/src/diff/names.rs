//! The comparison of what lowering named: Rust paths of types, fields and enum variants that are
//! on both sides, and the crate's namespace features.
//!
//! A documented name can stay while its Rust name changes (a new member `ALLOW` beside `allow`
//! turns a variant into `Allow2`; a namespace moves to another module); downstream code sees that
//! as a rename, so it is breaking even when the descriptions agree.

use std::collections::BTreeMap;

use super::change::{Change, Check};
use crate::ir::{Api, TypeItem};

/// What one type is called in Rust: its path, and its fields or variants by wire name.
struct Named {
    path: String,
    derived: Option<String>,
    members: BTreeMap<String, String>,
}

/// Every type's Rust names, by qualified name.
fn names(api: &Api) -> BTreeMap<String, Named> {
    let mut names = BTreeMap::new();
    for (module, item) in api.model_types() {
        let prefix = if module.is_empty() { "models::".to_owned() } else { format!("models::{module}::") };
        let (qualified, named) = match item {
            TypeItem::Struct(def) => (
                def.qualified_name.clone(),
                Named {
                    path: format!("{prefix}{}", def.name),
                    derived: def.derived.as_ref().map(|derived| format!("{prefix}{}", derived.name)),
                    members: def.fields.iter().map(|f| (f.wire_name.clone(), f.name.to_string())).collect(),
                },
            ),
            TypeItem::Enum(def) => (
                def.qualified_name.clone(),
                Named {
                    path: format!("{prefix}{}", def.name),
                    derived: None,
                    members: def.members.iter().map(|m| (m.wire_value.clone(), m.name.to_string())).collect(),
                },
            ),
        };
        names.insert(qualified, named);
    }
    names
}

/// The Rust renames between `old` and `new`, and the features removed or added.
pub(super) fn compare(old: &Api, new: &Api, changes: &mut Vec<Change>) {
    let (old_names, new_names) = (names(old), names(new));
    for (qualified, before) in &old_names {
        let Some(after) = new_names.get(qualified) else { continue };
        let renamed = |what: &str, from: &str, to: &str| {
            Change::new(
                Check::RustNameChanged,
                qualified,
                format!("The Rust name of {what} changed from `{from}` to `{to}`."),
            )
        };
        if before.path != after.path {
            changes.push(renamed(&format!("`{qualified}`"), &before.path, &after.path));
        }
        if let (Some(from), Some(to)) = (&before.derived, &after.derived)
            && from != to
        {
            changes.push(renamed(&format!("the derived-type enum of `{qualified}`"), from, to));
        }
        for (wire, from) in &before.members {
            if let Some(to) = after.members.get(wire)
                && from != to
            {
                changes.push(renamed(&format!("`{wire}` of `{qualified}`"), from, to));
            }
        }
    }
    for feature in &old.features {
        if !new.features.iter().any(|now| now.name == feature.name) {
            changes.push(Change::new(
                Check::FeatureRemoved,
                "features",
                format!("The cargo feature `{}` (namespace `{}`) was removed.", feature.name, feature.namespace),
            ));
        }
    }
    for feature in &new.features {
        if !old.features.iter().any(|then| then.name == feature.name) {
            changes.push(Change::new(
                Check::FeatureAdded,
                "features",
                format!("The crate has a new cargo feature `{}` (namespace `{}`).", feature.name, feature.namespace),
            ));
        }
    }
}
