//! The structs of bound actions' parameters (their JSON bodies), generated beside the binding
//! type. Actions of one type that take the same parameters share one struct: Excel's
//! `workbookFunctions` has 359 actions with parameters but only 97 distinct lists of them, and
//! every struct is compiled (about 0.8 MB of rustc's peak memory each).

use std::collections::BTreeSet;

use super::Namer;
use super::docs::MarkdownDocs;
use super::ident::{self, Scope};
use super::resolve::ResolvedField;
use crate::ir::{Docs, StructDef, TypeAlias};

impl<'a> Namer<'a> {
    /// The parameter structs of the actions bound to `owner`, out of `parameters` (the synthetic
    /// keys of every action parameters' type of its namespace), sorted by name. Actions whose
    /// parameters are the same (names, types, collections and descriptions, in order) share the
    /// struct of the first of them by name; the others' names, and their builders', are aliases
    /// of it, so every name the calls and their docs use still exists.
    pub(super) fn parameter_structs(
        &mut self,
        owner: &str,
        parameters: &[&'a str],
        items: &mut Scope,
        boxed: &BTreeSet<(&str, &str)>,
    ) -> Vec<StructDef> {
        let mut own: Vec<&'a str> = parameters
            .iter()
            .copied()
            .filter(|key| self.resolved.types[*key].inline.as_ref().is_some_and(|inline| inline.owner == owner))
            .collect();
        own.sort_by(|a, b| self.type_names[a].cmp(&self.type_names[b]));
        let mut groups: Vec<Vec<&'a str>> = Vec::new();
        for key in own {
            match groups.iter_mut().find(|group| self.same_parameters(group[0], key)) {
                Some(group) => group.push(key),
                None => groups.push(vec![key]),
            }
        }
        groups.into_iter().map(|group| self.shared_parameter_struct(&group, items, boxed)).collect()
    }

    /// Whether two actions' parameter types have the same fields.
    fn same_parameters(&self, a: &str, b: &str) -> bool {
        fn signature<'f>(field: &'f ResolvedField<'_>) -> impl PartialEq + 'f {
            (field.wire_name, &field.ty, field.collection, field.description)
        }
        let (a, b) = (&self.resolved.fields[a], &self.resolved.fields[b]);
        a.len() == b.len() && a.iter().zip(b).all(|(a, b)| signature(a) == signature(b))
    }

    /// The struct of the first action of `group` (parameter types with the same fields), with
    /// the others' names as aliases.
    fn shared_parameter_struct(
        &mut self,
        group: &[&'a str],
        items: &mut Scope,
        boxed: &BTreeSet<(&str, &str)>,
    ) -> StructDef {
        let mut def = self.struct_def(group[0], items, boxed);
        if group.len() == 1 {
            return def;
        }
        (def.qualified_name, def.docs) = self.parameters_docs(group);
        for key in &group[1..] {
            let name = ident::ident(&self.type_names[key]);
            let builder = ident::ident(&items.claim_free(&format!("{name}Builder"), ""));
            let mut docs = self.action_docs(key);
            docs.push_generated(format!(
                "The parameters of the action `{}` bound to `{}`: the same as `{}`'s, so another name of [`{}`].",
                self.action_name(key),
                self.owner_of(key),
                self.action_name(group[0]),
                def.name
            ));
            def.aliases.push(TypeAlias { name: name.clone(), target: def.name.clone(), docs });
            def.aliases.push(TypeAlias {
                name: builder,
                target: def.builder.clone(),
                docs: Docs::generated(format!("Builds a [`{name}`]: another name of [`{}`].", def.builder)),
            });
        }
        def
    }

    /// The name (for messages) and docs of the parameters' struct of the actions `keys` (keys of
    /// their synthetic types), all bound to one type with the same parameters.
    pub(super) fn parameters_docs(&self, keys: &[&str]) -> (String, Docs) {
        let owner = self.owner_of(keys[0]);
        let names: Vec<&str> = keys.iter().map(|key| self.action_name(key)).collect();
        if let [key] = keys {
            let mut docs = self.action_docs(key);
            docs.push_generated(format!(
                "The parameters of the action `{}` bound to `{owner}`: its JSON body. Set the ones to send with the builder.",
                names[0]
            ));
            return (format!("the parameters of {} bound to {owner}", names[0]), docs);
        }
        let listed: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
        let docs = Docs::generated(format!(
            "The parameters of the actions {} bound to `{owner}`, which take the same ones: their JSON body. Set the ones to send with the builder.",
            listed.join(", ")
        ));
        let others = names.len() - 1;
        (format!("the parameters of {} (and {others} other actions) bound to {owner}", names[0]), docs)
    }

    /// The qualified name of the type the action whose parameters' type is `key` is bound to.
    fn owner_of(&self, key: &str) -> &'a str {
        self.resolved.types[key].inline.as_ref().map(|inline| inline.owner.as_str()).unwrap_or_default()
    }

    /// The name of the action whose parameters' type is `key`.
    fn action_name(&self, key: &str) -> &'a str {
        self.action(key).map(|action| action.name.as_str()).unwrap_or_default()
    }

    /// The description of the action whose parameters' type is `key`.
    fn action_docs(&self, key: &str) -> Docs {
        self.action(key).map(|action| Docs::from_markdown(&action.description)).unwrap_or_default()
    }

    fn action(&self, key: &str) -> Option<&'a crate::schema::BoundOperationDescription> {
        let inline = self.resolved.types[key].inline.as_ref()?;
        self.resolved.types[&inline.owner].description.bound_operations.get(inline.operation)
    }
}
