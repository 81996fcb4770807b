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
