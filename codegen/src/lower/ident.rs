//! Every Rust identifier in the generated code is made here, and only here.
//!
//! Documented names are legal JSON but not always legal Rust: keywords (`type`, `match`, `self`),
//! leading digits (`5GHzBand`), punctuation (`@odata.type`, `x-ms-id`), spaces and non-ASCII
//! letters. The rules, each with a test below:
//!
//! - case comes from `heck` (`iTunesPairingMode` → `ITunesPairingMode` / `i_tunes_pairing_mode`);
//! - characters that cannot be in an identifier separate words; non-ASCII letters become
//!   `u` + their hex code point, so distinct names stay distinct;
//! - a leading digit gets a `_` prefix; an empty result becomes `value` / `Value`;
//! - keywords become raw identifiers (`r#type`), except those that cannot be raw (`self`, `Self`,
//!   `super`, `crate`, `_`), which get a `_` suffix.
//!
//! Emitters receive ready [`Ident`]s in the IR and never build names from user text.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

pub use crate::ir::Ident;

/// Strict and reserved keywords of every edition, and weak keywords that are reserved in some
/// position we may use (`union` is fine as an identifier, so it is absent).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that `r#` cannot escape.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A type name: `iTunesPairingMode` → `ITunesPairingMode`.
pub fn type_name(documented: &str) -> String {
    finish(words(documented).to_upper_camel_case(), "Value")
}

/// A field, function or module name: `macOSFileVaultDisabled` → `mac_os_file_vault_disabled`.
pub fn snake_name(documented: &str) -> String {
    finish(words(documented).to_snake_case(), "value")
}

/// A method name made of a fixed prefix and a field name: `clear` + `_5g_hz_band` →
/// `clear_5g_hz_band` (never a doubled `_`).
pub fn prefixed_snake_name(prefix: &str, name: &str) -> String {
    snake_name(&format!("{prefix} {name}"))
}

/// An enum variant for a documented wire value: `requiresCertificate` → `RequiresCertificate`,
/// `""` → `Empty`.
pub fn variant_name(wire_value: &str) -> String {
    if wire_value.is_empty() {
        return "Empty".to_owned();
    }
    type_name(wire_value)
}

/// The identifier for a name made by this module (or a fixed name such as `odata_type`).
/// Panics, as `proc_macro2` does, if `name` is not an identifier: names come from the functions
/// above, which only make identifiers.
pub fn ident(name: &str) -> Ident {
    if KEYWORDS.contains(&name) {
        if NOT_RAW.contains(&name) {
            Ident::from_checked(&format!("{name}_"))
        } else {
            Ident::from_checked(&format!("r#{name}"))
        }
    } else {
        Ident::from_checked(name)
    }
}

/// The name an identifier has in Rust source, for messages and collision checks (`r#type` → `type`).
pub fn unraw(ident: &Ident) -> String {
    ident.unraw().to_owned()
}

/// Names already taken in one Rust scope (a module's items, a struct's fields, a builder's
/// methods), for names the generator adds beside the documented ones.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// Marks `name` as taken; returns `false` if it already was.
    pub fn claim(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_owned())
    }

    /// Claims `wanted`, or if it is taken, the first free of `wanted` + `suffix` repeated
    /// (`odata_type_`) — suffix `""` means a number (`DepEnrollmentProfileBuilder2`).
    pub fn claim_free(&mut self, wanted: &str, suffix: &str) -> String {
        let mut candidate = wanted.to_owned();
        let mut counter = 1;
        while !self.claim(&candidate) {
            counter += 1;
            candidate = if suffix.is_empty() { format!("{wanted}{counter}") } else { format!("{candidate}{suffix}") };
        }
        candidate
    }
}

/// The module path of `namespace` below `root_namespace` (`microsoft.graph.callRecords` →
/// `["call_records"]`; the root namespace → none; a namespace outside it → all its segments).
pub fn module_path(namespace: &str, root_namespace: &str) -> Vec<String> {
    let rest = if namespace == root_namespace {
        ""
    } else {
        namespace.strip_prefix(root_namespace).and_then(|rest| rest.strip_prefix('.')).unwrap_or(namespace)
    };
    rest.split('.').filter(|s| !s.is_empty()).map(snake_name).collect()
}

/// The cargo feature of a workload: an entity set or singleton in snake case (`deviceManagement`
/// → `device_management`), or a contained type after its module path (`security_alert` for
/// `microsoft.graph.security.alert`). Feature names are not Rust identifiers, so keywords need
/// no `r#`.
pub fn workload_feature_name(module_path: &[String], name: &str) -> String {
    let words = module_path.iter().cloned().chain([snake_name(name)]);
    words.map(|word| word.trim_start_matches("r#").to_owned()).collect::<Vec<_>>().join("_")
}

/// The cargo feature of a namespace: its module path joined with `_` (`partners_billing`), or for
/// the root namespace (empty path) its last segment (`graph`). Feature names are not Rust
/// identifiers, so keywords need no `r#`.
pub fn feature_name(namespace: &str, module_path: &[String]) -> String {
    let segments: Vec<String> = if module_path.is_empty() {
        namespace.rsplit('.').next().map(snake_name).into_iter().collect()
    } else {
        module_path.to_vec()
    };
    segments.iter().map(|s| s.trim_start_matches("r#")).collect::<Vec<_>>().join("_")
}

/// The method names of clippy's `should_implement_trait` lint: a builder setter with one of
/// these names (Graph has a property `sub`) looks like a hand-rolled std trait method.
const STD_TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// Whether `name` is the name of a std trait method that clippy expects to be implemented as one.
pub fn is_std_trait_method(name: &str) -> bool {
    STD_TRAIT_METHODS.contains(&name)
}

/// Rewrites a documented name so that heck sees only identifier characters: anything else is a
/// word break, and non-ASCII letters become `u` + hex so they are neither lost nor confusable.
fn words(documented: &str) -> String {
    let mut out = String::with_capacity(documented.len());
    for c in documented.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push(' ');
        } else {
            out.push_str(&format!(" u{:04x} ", c as u32));
        }
    }
    out
}

fn finish(name: String, empty: &str) -> String {
    if name.is_empty() {
        empty.to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_names_follow_heck() {
        assert_eq!(type_name("iTunesPairingMode"), "ITunesPairingMode");
        assert_eq!(type_name("depEnrollmentProfile"), "DepEnrollmentProfile");
        assert_eq!(snake_name("iTunesPairingMode"), "i_tunes_pairing_mode");
        assert_eq!(snake_name("macOSFileVaultDisabled"), "mac_os_file_vault_disabled");
        assert_eq!(snake_name("sharedIPadMaximumUserCount"), "shared_i_pad_maximum_user_count");
        assert_eq!(variant_name("requiresCertificate"), "RequiresCertificate");
    }

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(ident(&snake_name("type")).to_string(), "r#type");
        assert_eq!(ident(&snake_name("match")).to_string(), "r#match");
        assert_eq!(ident(&snake_name("async")).to_string(), "r#async");
        assert_eq!(ident(&snake_name("gen")).to_string(), "r#gen");
        assert_eq!(ident(&snake_name("self")).to_string(), "self_");
        assert_eq!(ident(&snake_name("super")).to_string(), "super_");
        assert_eq!(ident(&snake_name("crate")).to_string(), "crate_");
        assert_eq!(ident(&type_name("self")).to_string(), "Self_");
        assert_eq!(unraw(&ident("type")), "type");
    }

    #[test]
    fn punctuation_digits_and_empty_names() {
        assert_eq!(snake_name("@odata.type"), "odata_type");
        assert_eq!(snake_name("x-ms-client id"), "x_ms_client_id");
        assert_eq!(snake_name("5GHzBand"), "_5g_hz_band");
        assert_eq!(type_name("5GHz"), "_5gHz");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(snake_name("---"), "value");
        assert_eq!(type_name("@"), "Value");
    }

    #[test]
    fn prefixes_join_cleanly() {
        assert_eq!(prefixed_snake_name("clear", "_5g_hz_band"), "clear_5g_hz_band");
        assert_eq!(prefixed_snake_name("clear", "type"), "clear_type");
        assert_eq!(prefixed_snake_name("clear", "mac_os_file_vault_disabled"), "clear_mac_os_file_vault_disabled");
    }

    #[test]
    fn non_ascii_letters_stay_distinct() {
        assert_eq!(snake_name("größe"), "gr_u00f6_u00df_e");
        assert_ne!(snake_name("größe"), snake_name("grosse"));
        assert!(syn::parse_str::<syn::Ident>(&type_name("Größe")).is_ok());
    }

    #[test]
    fn every_name_is_an_identifier() {
        for name in ["type", "Self", "self", "5GHz", "a.b@c", "", "_", "ünïcödé", "Option", "r#x"] {
            for made in [type_name(name), snake_name(name), variant_name(name)] {
                let ident = ident(&made);
                assert!(syn::parse_str::<syn::Ident>(&ident.to_string()).is_ok(), "{name} -> {ident}");
            }
        }
    }

    #[test]
    fn scopes_hand_out_free_names() {
        let mut scope = Scope::default();
        assert!(scope.claim("odata_type"));
        assert_eq!(scope.claim_free("odata_type", "_"), "odata_type_");
        assert_eq!(scope.claim_free("odata_type", "_"), "odata_type__");
        assert!(scope.claim("FooBuilder"));
        assert_eq!(scope.claim_free("FooBuilder", ""), "FooBuilder2");
    }

    #[test]
    fn workload_features_are_snake_case_after_their_module_path() {
        assert_eq!(module_path("microsoft.graph", "microsoft.graph"), Vec::<String>::new());
        assert_eq!(module_path("microsoft.graph.callRecords", "microsoft.graph"), ["call_records"]);
        assert_eq!(module_path("other.ns", "microsoft.graph"), ["other", "ns"]);
        assert_eq!(workload_feature_name(&[], "deviceManagement"), "device_management");
        assert_eq!(workload_feature_name(&["security".to_owned()], "alert"), "security_alert");
        assert_eq!(workload_feature_name(&[], "type"), "type");
    }

    #[test]
    fn feature_names_are_module_paths_without_raw_prefixes() {
        assert_eq!(feature_name("microsoft.graph", &[]), "graph");
        assert_eq!(feature_name("microsoft.type", &[]), "type");
        let path = ["partners".to_owned(), "billing".to_owned()];
        assert_eq!(feature_name("microsoft.graph.partners.billing", &path), "partners_billing");
        assert_eq!(feature_name("microsoft.graph.type", &["r#type".to_owned()]), "type");
    }
}
