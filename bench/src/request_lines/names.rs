//! The naming conventions an outsider guesses for the generated API: heck's snake_case for
//! methods, UpperCamelCase for types, a module per namespace below `models::`.

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::metadata::ROOT_NAMESPACE;

/// Rust's strict and reserved keywords: a method with such a name is written raw (`r#type`).
const KEYWORDS: [&str; 50] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
    "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while",
];

/// The method for a wire name: `sendMail` → `send_mail`, `type` → `r#type`.
pub fn method(wire: &str) -> String {
    let snake = wire.to_snake_case();
    if KEYWORDS.contains(&snake.as_str()) { format!("r#{snake}") } else { snake }
}

/// The Rust path of a type by qualified name: `microsoft.graph.user` → `models::User`,
/// `microsoft.graph.callRecords.callRecord` → `models::call_records::CallRecord`.
pub fn type_path(qualified: &str) -> String {
    let (namespace, name) = qualified.rsplit_once('.').unwrap_or(("", qualified));
    let mut path = String::from("models::");
    for module in namespace.strip_prefix(ROOT_NAMESPACE).unwrap_or(namespace).split('.').filter(|m| !m.is_empty()) {
        path.push_str(&module.to_snake_case());
        path.push_str("::");
    }
    path.push_str(&name.to_upper_camel_case());
    path
}

/// The parameters struct of a bound action: `{Type}{Action}Parameters` in the binding type's
/// namespace (`models::UserSendMailParameters`).
pub fn parameters_path(binding_qualified: &str, action: &str) -> String {
    let (namespace, _) = binding_qualified.rsplit_once('.').unwrap_or(("", binding_qualified));
    let type_name = binding_qualified.rsplit('.').next().unwrap_or(binding_qualified);
    let struct_name = format!("{}{}Parameters", type_name.to_upper_camel_case(), action.to_upper_camel_case());
    type_path(&format!("{namespace}.{struct_name}"))
}

/// The Rust type of a value of `ty` (qualified, or a primitive's name) as the models write it:
/// `String`, `i32`, `runtime::DateTimeOffset`, `models::MailboxSettings`, `Vec<…>` for a
/// collection, `runtime::Flags<…>` for a flags enum.
pub fn rust_type(meta: &super::metadata::Metadata, ty: &str, collection: bool) -> String {
    let bare = ty.strip_prefix("Edm.").unwrap_or(ty);
    let one = match bare {
        "String" => "String".to_owned(),
        "Boolean" => "bool".to_owned(),
        "Byte" => "u8".to_owned(),
        "SByte" => "i8".to_owned(),
        "Int16" => "i16".to_owned(),
        "Int32" => "i32".to_owned(),
        "Int64" => "i64".to_owned(),
        "Single" => "f32".to_owned(),
        "Double" => "f64".to_owned(),
        "DateTimeOffset" | "Date" | "TimeOfDay" | "Duration" | "Guid" | "Binary" => format!("runtime::{bare}"),
        _ if super::metadata::is_primitive(ty) => "serde_json::Value".to_owned(),
        _ => match meta.get(ty) {
            Some(described) if described.flags => format!("runtime::Flags<{}>", type_path(ty)),
            Some(_) => type_path(ty),
            None => "serde_json::Value".to_owned(),
        },
    };
    if collection { format!("Vec<{one}>") } else { one }
}

/// The alternate-key method: `appId` → `by_app_id`.
pub fn alternate_key(key: &str) -> String {
    format!("by_{}", key.to_snake_case())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_snake_case_and_keywords_raw() {
        assert_eq!(method("sendMail"), "send_mail");
        assert_eq!(method("getOffice365ActiveUserDetail"), "get_office365_active_user_detail");
        assert_eq!(method("type"), "r#type");
    }

    #[test]
    fn types_live_in_a_module_per_namespace() {
        assert_eq!(type_path("microsoft.graph.user"), "models::User");
        assert_eq!(type_path("microsoft.graph.callRecords.callRecord"), "models::call_records::CallRecord");
        assert_eq!(parameters_path("microsoft.graph.user", "sendMail"), "models::UserSendMailParameters");
        assert_eq!(alternate_key("appId"), "by_app_id");
    }
}
