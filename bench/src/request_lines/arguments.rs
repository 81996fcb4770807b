//! A function's arguments in a request line (`reminderView(startDateTime='…',endDateTime='…')`)
//! as the arguments of the generated method: untyped as an outsider guesses them, or typed as
//! the crate's parameters take them, with the literal the crate then writes.

use msgraph_codegen::schema::OperationParameterDescription;

use super::metadata::Metadata;
use super::names;
use super::plan::Arg;
use super::translation::{Miss, MissKind};
use super::url;

/// A function argument the crate writes otherwise than the page does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgumentNote {
    /// The parameter's name as the page writes it.
    pub parameter: String,
    /// The value as the page writes it.
    pub page: String,
    /// The OData literal the crate writes.
    pub written: String,
    /// A placeholder (`{row}`, `<row>`, `startDateTime-value`) for which a sample value is
    /// passed; otherwise a form of the literal Graph reads alike (a quoted date, a type-prefixed
    /// enum member).
    pub placeholder: bool,
}

/// A function's arguments: the required ones (metadata order), and the optional ones the URL
/// gives, by name, for `.parameter(name, value)` calls.
pub(super) type FunctionArguments = (Vec<Arg>, Vec<(String, Arg)>);

/// The required parameters of a function as arguments (metadata order), and the optional ones
/// the URL gives as `.parameter(name, value)` calls.
/// With `typed`, the metadata and the declaring type's namespace, the required arguments are
/// written as the crate's parameter types take them (see [`typed_literal`]).
pub(super) fn function_arguments(
    parameters: &[OperationParameterDescription],
    args: &str,
    typed: Option<(&Metadata, &str)>,
    notes: &mut Vec<ArgumentNote>,
) -> Result<FunctionArguments, Miss> {
    let given = url::named_arguments(args).ok_or_else(|| format!("`({args})`: function arguments are `name=value`"))?;
    let text_of = |name: &str| given.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for parameter in parameters {
        let value = text_of(&parameter.name).map(|text| match typed {
            Some((meta, namespace)) if !parameter.optional => {
                let (arg, written, placeholder) = typed_literal(meta, namespace, parameter, text);
                if written != text.trim() {
                    let page = text.trim().to_owned();
                    let name =
                        given.iter().find(|(n, _)| n.eq_ignore_ascii_case(&parameter.name)).map(|(n, _)| n.clone());
                    let parameter = name.unwrap_or_else(|| parameter.name.clone());
                    notes.push(ArgumentNote { parameter, page, written, placeholder });
                }
                arg
            }
            _ => literal(text),
        });
        match (value, parameter.optional) {
            (Some(value), false) => required.push(value),
            (Some(value), true) => optional.push((parameter.name.clone(), value)),
            (None, false) => {
                let message = format!("the URL leaves out the required parameter `{}`", parameter.name);
                return Err(Miss::new(MissKind::MissingParameter(parameter.name.clone()), message));
            }
            (None, true) => {}
        }
    }
    if let Some((name, _)) = given.iter().find(|(n, _)| !parameters.iter().any(|p| p.name.eq_ignore_ascii_case(n))) {
        return Err(format!("the function has no parameter `{name}`").into());
    }
    Ok((required, optional))
}

/// A function's argument as the crate's parameter type takes it: a string as `&str`, strings
/// as `&[&str]`, a number or Boolean as such, an enum by `from_wire`, a date, time, duration,
/// GUID or binary by `into` from its text; with the OData literal the crate writes for it, and
/// whether the page's text is a placeholder (`{row}`, `<row>`, `row-value`) for which a sample
/// value is passed (`0`, `false`).
fn typed_literal(
    meta: &Metadata,
    namespace: &str,
    parameter: &OperationParameterDescription,
    text: &str,
) -> (Arg, String, bool) {
    let text = text.trim();
    // `'x'`, or a type-prefixed enum member `microsoft.graph.timeZoneStandard'Iana'`.
    let quoted = text.ends_with('\'') && text.contains('\'');
    let bare = match text.find('\'') {
        Some(open) if quoted && open < text.len() - 1 => text[open + 1..text.len() - 1].replace("''", "'"),
        _ => text.to_owned(),
    };
    let ty = meta.resolve(namespace, &parameter.r#type);
    let primitive = ty.strip_prefix("Edm.").unwrap_or(&ty);
    let string = |value: &str| format!("'{}'", value.replace('\'', "''"));
    match primitive {
        "String" if parameter.collection => {
            let items: Vec<String> = serde_json::from_str::<Vec<String>>(&bare).unwrap_or_else(|_| vec![bare.clone()]);
            let written = serde_json::to_string(&items).unwrap_or_default();
            let items: Vec<String> = items.iter().map(|item| super::emit::string(item)).collect();
            (Arg::Expr(format!("&[{}]", items.join(", "))), written, false)
        }
        "String" => (Arg::Str(bare.clone()), string(&bare), !quoted),
        "Boolean" => match text.parse() {
            Ok(value) => (Arg::Bool(value), text.to_owned(), false),
            Err(_) => (Arg::Bool(false), "false".into(), true),
        },
        "Byte" | "SByte" | "Int16" | "Int32" | "Int64" => match text.parse() {
            Ok(value) => (Arg::Int(value), text.to_owned(), false),
            Err(_) => (Arg::Int(0), "0".into(), true),
        },
        "Single" | "Double" | "Decimal" => match text.parse::<f64>() {
            Ok(value) => (Arg::Float(value), text.to_owned(), false),
            Err(_) => (Arg::Float(0.0), "0.0".into(), true),
        },
        "Date" | "DateTimeOffset" | "TimeOfDay" | "Duration" | "Guid" | "Binary" => {
            let inner = bare.strip_prefix("duration'").map_or(bare.as_str(), |d| d.trim_end_matches('\''));
            let written = match primitive {
                "Duration" => format!("duration'{inner}'"),
                "Binary" => format!("binary'{inner}'"),
                _ => inner.to_owned(),
            };
            let placeholder = inner.starts_with(['{', '<']) || inner.ends_with("-value");
            (Arg::Expr(format!("{}.into()", super::emit::string(inner))), written, placeholder)
        }
        _ => match meta.get(&ty) {
            Some(described) if described.kind == msgraph_codegen::schema::TypeKind::Enum => {
                let path = names::type_path(&ty);
                let expression = if described.flags {
                    format!("runtime::Flags::<{path}>::from_wire({})", super::emit::string(&bare))
                } else {
                    format!("{path}::from_wire({})", super::emit::string(&bare))
                };
                (Arg::Expr(expression), string(&bare), !quoted)
            }
            _ => (literal(text), text.to_owned(), false),
        },
    }
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
pub(super) fn unquote(text: &str) -> String {
    match text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        Some(inner) => inner.replace("''", "'"),
        None => text.to_owned(),
    }
}
