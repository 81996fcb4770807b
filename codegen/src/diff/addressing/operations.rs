//! Operation imports and bound operations compared by their keys: an operation added, removed
//! or changed (its kind, result, binding, composability), and a function's parameters or an
//! action's parameters struct, as the builders' methods and the parameters structs show them.

use super::super::change::{Change, Check};
use std::collections::BTreeMap;

use super::{Rust, capitalize};
use crate::lower::resolve::{OperationKey, Overload, ResolvedCall, ResolvedParameter};
use crate::schema::OperationKind;

/// The actions and functions of one list (a type's bound operations, or the imports): matched by
/// key, and a function with other parameters matched by its name and binding when it is the only
/// one of them on each side.
pub(super) fn calls(old: &[ResolvedCall<'_>], new: &[ResolvedCall<'_>], rust: &Rust<'_>, changes: &mut Vec<Change>) {
    let by_key = |calls: &[ResolvedCall<'_>]| -> BTreeMap<OperationKey, usize> {
        calls.iter().enumerate().map(|(index, call)| (call.key.clone(), index)).collect()
    };
    let (before, after) = (by_key(old), by_key(new));
    let mut pairs = Vec::new();
    let mut removed: Vec<&ResolvedCall<'_>> = Vec::new();
    for (key, index) in &before {
        match after.get(key) {
            Some(now) => pairs.push((&old[*index], &new[*now])),
            None => removed.push(&old[*index]),
        }
    }
    let mut added: Vec<&ResolvedCall<'_>> =
        after.iter().filter(|(key, _)| !before.contains_key(*key)).map(|(_, index)| &new[*index]).collect();
    // A function whose parameter names changed: the same function if it is the only one of its
    // name and binding that was removed, and the only one added.
    fn family<'c>(call: &ResolvedCall<'c>) -> (&'c str, Option<crate::schema::BindsTo>, OperationKind) {
        (call.name, call.binds_to, call.kind)
    }
    let single = |list: &[&ResolvedCall<'_>], call: &ResolvedCall<'_>| {
        list.iter().filter(|other| family(other) == family(call)).count() == 1
    };
    let matched: Vec<(&ResolvedCall<'_>, &ResolvedCall<'_>)> = removed
        .iter()
        .filter(|call| call.kind == OperationKind::Function && single(&removed, call) && single(&added, call))
        .filter_map(|call| added.iter().find(|other| family(other) == family(call)).map(|other| (*call, *other)))
        .collect();
    for (before, after) in &matched {
        removed.retain(|call| !std::ptr::eq(*call, *before));
        added.retain(|call| !std::ptr::eq(*call, *after));
    }
    pairs.extend(matched);
    for call in removed {
        let (check, message) = match call.key.owner() {
            Some(owner) => (
                Check::BoundOperationRemoved,
                format!("The {} bound to {} was removed: its method is gone.", what(call), binding(owner, call)),
            ),
            None => (
                Check::OperationImportRemoved,
                format!("The {} import was removed: its function in `requests` is gone.", what(call)),
            ),
        };
        let key = call.key.to_string();
        let mut broken = rust.old.method(call.key.owner(), &key);
        broken.extend(rust.old.parameters_struct(&key).map(str::to_owned));
        changes.push(Change::new(check, key, message).breaks(broken));
    }
    for call in added {
        let (check, message) = match call.key.owner() {
            Some(owner) => (
                Check::BoundOperationAdded,
                format!("The new {} bound to {}: a new method of its builder.", what(call), binding(owner, call)),
            ),
            None => {
                (Check::OperationImportAdded, format!("The new {} import: a new function in `requests`.", what(call)))
            }
        };
        changes.push(Change::new(check, call.key.to_string(), message));
    }
    for (before, after) in pairs {
        call(before, after, rust, changes);
    }
}

/// `the action `sendMail``, `the function `delta(token)``.
fn what(call: &ResolvedCall<'_>) -> String {
    match (&call.key, call.kind) {
        (
            OperationKey::Bound { overload: Overload::Function(_), .. } | OperationKey::Import { .. },
            OperationKind::Function,
        ) => {
            let names: Vec<&str> = call.parameters.iter().map(|parameter| parameter.name).collect();
            format!("function `{}({})`", call.name, names.join(", "))
        }
        _ => format!("action `{}`", call.name),
    }
}

/// `` `microsoft.graph.user` `` or `` a collection of `microsoft.graph.user` ``.
fn binding(owner: &str, call: &ResolvedCall<'_>) -> String {
    match &call.key {
        OperationKey::Bound { collection: true, .. } => format!("a collection of `{owner}`"),
        _ => format!("`{owner}`"),
    }
}

/// A parameter's type as the report writes it.
fn parameter_type(parameter: &ResolvedParameter<'_>) -> String {
    crate::lower::resolve::describe(&parameter.ty, parameter.collection)
}

/// The comparison of one action or function present on both sides.
fn call(old: &ResolvedCall<'_>, new: &ResolvedCall<'_>, rust: &Rust<'_>, changes: &mut Vec<Change>) {
    let subject = new.key.to_string();
    let owner = new
        .key
        .owner()
        .map(|owner| format!(" bound to {}", binding(owner, new)))
        .unwrap_or_else(|| " (an import)".to_owned());
    let what = format!("the {}{owner}", what(new));
    // The method (or import function) of the old crate, which a change of its signature breaks.
    let method = rust.old.method(old.key.owner(), &old.key.to_string());
    let mut push = |check: Check, message: String, broken: Vec<String>| {
        changes.push(Change::new(check, subject.clone(), message).breaks(broken));
    };
    let result = |call: &ResolvedCall<'_>| match &call.returns {
        None => "nothing".to_owned(),
        Some(_) if call.returns_stream => "a stream".to_owned(),
        Some((ty, collection)) => format!("`{}`", crate::lower::resolve::describe(ty, *collection)),
    };
    if result(old) != result(new) {
        let message = format!("The result of {what} changed from {} to {}.", result(old), result(new));
        push(Check::CallReturnChanged, message, method.clone());
    }
    if new.kind == OperationKind::Function {
        function_parameters(old, new, &what, &method, &mut push);
    } else {
        action_parameters(old, new, &what, rust, &mut push);
    }
    // A parameter added or removed has its own row; the descriptions of the others are compared.
    let redescribed = old.parameters.iter().any(|before| {
        new.parameters.iter().any(|after| after.name == before.name && after.description != before.description)
    });
    if old.description != new.description || redescribed {
        push(Check::CallDocsChanged, format!("The description of {what} or of its parameters changed."), Vec::new());
    }
}

/// A function's required parameters are its method's arguments, in order; its optional ones are
/// set by name.
fn function_parameters(
    old: &ResolvedCall<'_>,
    new: &ResolvedCall<'_>,
    what: &str,
    method: &[String],
    push: &mut impl FnMut(Check, String, Vec<String>),
) {
    let arguments = |call: &ResolvedCall<'_>| -> Vec<String> {
        call.parameters
            .iter()
            .filter(|parameter| !parameter.optional)
            .map(|parameter| format!("{}: {}", parameter.name, parameter_type(parameter)))
            .collect()
    };
    let (before, after) = (arguments(old), arguments(new));
    if before != after {
        let message = format!(
            "The required parameters of {what} (its method's arguments) changed from ({}) to ({}).",
            before.join(", "),
            after.join(", ")
        );
        push(Check::CallArgumentsChanged, message, method.to_vec());
    }
    let options = |call: &ResolvedCall<'_>| -> BTreeMap<String, String> {
        call.parameters.iter().filter(|p| p.optional).map(|p| (p.name.to_owned(), parameter_type(p))).collect()
    };
    let (before, after) = (options(old), options(new));
    for (name, ty) in &before {
        // An optional parameter made required is in the arguments' row.
        let required_now = new.parameters.iter().any(|p| p.name == name && !p.optional);
        let message = match after.get(name) {
            None if !required_now => format!(
                "The optional parameter `{name}` of {what} was removed: a request that sets it may now be refused."
            ),
            Some(now) if now != ty => {
                format!("The optional parameter `{name}` of {what} changed type from `{ty}` to `{now}`.")
            }
            _ => continue,
        };
        push(Check::CallOptionChanged, message, Vec::new());
    }
    for name in after.keys().filter(|name| !before.contains_key(*name)) {
        if old.parameters.iter().any(|p| p.name == name) {
            continue; // required before: in the arguments' row
        }
        let message =
            format!("{} has a new optional parameter `{name}` (set with `Request::parameter`).", capitalize(what));
        push(Check::CallParameterAdded, message, Vec::new());
    }
}

/// An action's parameters are the fields of its parameters struct.
fn action_parameters(
    old: &ResolvedCall<'_>,
    new: &ResolvedCall<'_>,
    what: &str,
    rust: &Rust<'_>,
    push: &mut impl FnMut(Check, String, Vec<String>),
) {
    fn by_name<'r, 'c>(call: &'r ResolvedCall<'c>) -> BTreeMap<&'c str, &'r ResolvedParameter<'c>> {
        call.parameters.iter().map(|p| (p.name, p)).collect()
    }
    let (before, after) = (by_name(old), by_name(new));
    let key = old.key.to_string();
    // Only an action with parameters takes a parameters struct: its method gains or loses the
    // argument.
    if before.is_empty() != after.is_empty() {
        let mut broken = rust.old.method(old.key.owner(), &key);
        broken.extend(rust.old.parameters_struct(&key).map(str::to_owned));
        let message = if after.is_empty() {
            format!("{} no longer takes parameters: its method no longer takes a parameters struct.", capitalize(what))
        } else {
            format!("{} now takes parameters: its method takes a parameters struct.", capitalize(what))
        };
        push(Check::CallArgumentsChanged, message, broken);
    }
    for (name, parameter) in &before {
        let Some(now) = after.get(name) else {
            let field = Rust::field(rust.old, &old.key, name);
            let message = format!("The parameter `{name}` of {what} was removed: {field} is gone.");
            push(Check::CallParameterRemoved, message, rust.old.parameter(&key, name));
            continue;
        };
        if parameter_type(parameter) != parameter_type(now) {
            let message = format!(
                "The parameter `{name}` of {what} changed type from `{}` to `{}`, and so did {}.",
                parameter_type(parameter),
                parameter_type(now),
                Rust::field(rust.new, &new.key, name)
            );
            push(Check::CallParameterTypeChanged, message, rust.old.parameter(&key, name));
        }
        if parameter.optional && !now.optional {
            let message =
                format!("The parameter `{name}` of {what} is now required: a request without it may be refused.");
            push(Check::CallParameterRequired, message, Vec::new());
        } else if !parameter.optional && now.optional {
            push(Check::CallDocsChanged, format!("The parameter `{name}` of {what} is now optional."), Vec::new());
        }
    }
    for name in after.keys().filter(|name| !before.contains_key(*name)) {
        let field = Rust::field(rust.new, &new.key, name);
        if after[name].optional {
            let message = format!("{} has a new optional parameter `{name}`: {field}.", capitalize(what));
            push(Check::CallParameterAdded, message, Vec::new());
        } else {
            let message = format!(
                "{} has a new required parameter `{name}` ({field}): a request without it may now be refused.",
                capitalize(what)
            );
            push(Check::CallParameterRequired, message, Vec::new());
        }
    }
}
