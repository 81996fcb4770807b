//! Pages about a navigation property and its references (`group-post-owners.md`,
//! `group-delete-owners.md`, `user-list-memberof.md`): the Graph docs name them
//! `<type>-<verb>-<navigation>`, and their requests often address the reference itself
//! (`POST /groups/{id}/owners/$ref`, `DELETE /groups/{id}/owners/{id}/$ref`).
//!
//! It produces, for such a page, the owner type's token, an operation name that cannot collide
//! with the owner's own CRUD operations (`addOwnersRef`, `removeOwnersRef`, `listOwners`), the
//! body of a reference request (`{"@odata.id": …}`), and paths whose repeated `{id}`s are told
//! apart.

use crate::schema::{BodyDescription, PropertyDescription};

/// The verbs of `<type>-<verb>-<navigation>` file names.
const VERBS: [&str; 8] = ["post", "list", "get", "delete", "update", "create", "add", "remove"];

/// An API page about a navigation property of its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavigationPage {
    /// The owner type as the file name says it, lowercased (`group`).
    pub owner: String,
    /// The verb (`post`, `list`, `delete`, …).
    pub verb: String,
    /// The navigation property as the file name says it, lowercased (`owners`).
    pub navigation: String,
}

impl NavigationPage {
    /// The page's form from its file name's `-`-separated tokens, when it is
    /// `…-<type>-<verb>-<navigation>`.
    pub fn from_tokens(tokens: &[&str]) -> Option<Self> {
        let [.., owner, verb, navigation] = tokens else { return None };
        (VERBS.contains(verb) && !VERBS.contains(navigation) && !owner.is_empty() && !navigation.is_empty())
            .then(|| Self { owner: owner.to_string(), verb: verb.to_string(), navigation: navigation.to_string() })
    }

    /// The operation's name: the verb and the navigation property as the path spells it, and
    /// `Ref` when the request addresses the reference (`POST …/owners/$ref` → `addOwnersRef`).
    pub fn operation_name(&self, path: &str) -> String {
        let reference = path.ends_with("/$ref");
        let verb = match (self.verb.as_str(), reference) {
            ("post", true) => "add",
            ("post", false) => "create",
            ("delete", true) => "remove",
            (verb, _) => verb,
        };
        let spelled =
            path.split('/').find(|segment| segment.eq_ignore_ascii_case(&self.navigation)).unwrap_or(&self.navigation);
        let mut name = verb.to_owned();
        let mut chars = spelled.chars();
        if let Some(first) = chars.next() {
            name.extend(first.to_uppercase());
            name.push_str(chars.as_str());
        }
        if reference {
            name.push_str("Ref");
        }
        name
    }
}

/// The request body of `POST …/$ref`: the URL of the object to add, as `@odata.id`.
pub fn reference_body() -> BodyDescription {
    let id = PropertyDescription {
        name: "@odata.id".into(),
        r#type: "String".into(),
        collection: false,
        nullable: false,
        description: "The URL of the object to add, such as `https://graph.microsoft.com/v1.0/directoryObjects/{id}`."
            .into(),
        inherited_from: None,
        navigation: false,
        contains_target: false,
        capabilities: None,
    };
    BodyDescription { r#type: None, collection: false, properties: vec![id] }
}

/// `path` with every repeated `{name}` renamed after the segment before it
/// (`/groups/{id}/owners/{id}/$ref` → `/groups/{id}/owners/{ownersId}/$ref`); `None` when no
/// parameter repeats.
pub fn distinct_parameters(path: &str) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut renamed = false;
    let mut segments: Vec<String> = Vec::new();
    for segment in path.split('/') {
        let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            segments.push(segment.to_owned());
            continue;
        };
        let mut unique = name.to_owned();
        if seen.contains(&unique) {
            let before = segments.last().map(String::as_str).unwrap_or("item");
            let mut rest = name.chars();
            let capitalized: String = rest.next().into_iter().flat_map(char::to_uppercase).chain(rest).collect();
            unique = format!("{before}{capitalized}");
            let mut n = 2;
            while seen.contains(&unique) {
                unique = format!("{before}{capitalized}{n}");
                n += 1;
            }
            renamed = true;
        }
        seen.push(unique.clone());
        segments.push(format!("{{{unique}}}"));
    }
    renamed.then(|| segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_pages_are_told_by_their_file_names() {
        let page = NavigationPage::from_tokens(&["group", "post", "owners"]).unwrap();
        assert_eq!((page.owner.as_str(), page.verb.as_str(), page.navigation.as_str()), ("group", "post", "owners"));
        assert_eq!(NavigationPage::from_tokens(&["intune", "enrollment", "depenrollmentprofile", "create"]), None);
        assert_eq!(NavigationPage::from_tokens(&["post", "list"]), None);
    }

    #[test]
    fn operation_names_keep_the_path_spelling_and_mark_references() {
        let page = |verb: &str, navigation: &str| NavigationPage {
            owner: "user".into(),
            verb: verb.into(),
            navigation: navigation.into(),
        };
        assert_eq!(page("post", "owners").operation_name("/groups/{id}/owners/$ref"), "addOwnersRef");
        assert_eq!(page("delete", "owners").operation_name("/groups/{id}/owners/{ownersId}/$ref"), "removeOwnersRef");
        assert_eq!(page("list", "memberof").operation_name("/users/{id}/memberOf"), "listMemberOf");
        assert_eq!(page("post", "events").operation_name("/users/{id}/events"), "createEvents");
    }

    #[test]
    fn repeated_parameters_are_renamed_after_their_segment() {
        assert_eq!(
            distinct_parameters("/groups/{id}/owners/{id}/$ref").as_deref(),
            Some("/groups/{id}/owners/{ownersId}/$ref")
        );
        assert_eq!(distinct_parameters("/groups/{groupId}/owners"), None);
    }
}
