//! The structs of bound actions' parameters (their JSON bodies), generated beside the binding
//! type. Actions of one type that take the same parameters share one struct: Excel's
//! `workbookFunctions` has 359 actions with parameters but only 97 distinct lists of them, and
//! every struct is compiled (about 0.8 MB of rustc's peak memory each).

use std::collections::BTreeSet;

use super::Namer;
use super::docs::MarkdownDocs;
use super::ident::{self, Scope};
use super::resolve::{InlineOf, ResolvedField};
use crate::ir::{Docs, StructDef, TypeAlias};
use crate::schema::BoundOperationDescription;

/// A bound action whose parameters have a struct: the type it is bound to, and the action.
#[derive(Debug, Clone, Copy)]
pub(super) struct BoundAction<'a> {
    /// The qualified name of the type the action is bound to.
    owner: &'a str,
    /// The action's description.
    action: &'a BoundOperationDescription,
}

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
        let mut own: Vec<(&'a str, BoundAction<'a>)> = parameters
            .iter()
            .filter_map(|&key| {
                let inline = self.resolved.types[key].inline.as_ref().filter(|inline| inline.owner == owner)?;
                Some((key, self.bound_action(inline)))
            })
            .collect();
        own.sort_by(|(a, _), (b, _)| self.type_names[a].cmp(&self.type_names[b]));
        let mut groups: Vec<Vec<(&'a str, BoundAction<'a>)>> = Vec::new();
        for parameters in own {
            match groups.iter_mut().find(|group| self.same_parameters(group[0].0, parameters.0)) {
                Some(group) => group.push(parameters),
                None => groups.push(vec![parameters]),
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
        group: &[(&'a str, BoundAction<'a>)],
        items: &mut Scope,
        boxed: &BTreeSet<(&str, &str)>,
    ) -> StructDef {
        let mut def = self.struct_def(group[0].0, items, boxed);
        if group.len() == 1 {
            return def;
        }
        let actions: Vec<BoundAction<'a>> = group.iter().map(|(_, action)| *action).collect();
        (def.qualified_name, def.docs) = self.parameters_docs(&actions);
        for (key, bound) in &group[1..] {
            let name = ident::ident(&self.type_names[key]);
            let builder = ident::ident(&items.claim_free(&format!("{name}Builder"), ""));
            let mut docs = Docs::from_markdown(&bound.action.description);
            docs.push_generated(format!(
                "The parameters of the action `{}` bound to `{}`: the same as `{}`'s, so another name of [`{}`].",
                bound.action.name, bound.owner, actions[0].action.name, def.name
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

    /// The name (for messages) and docs of the parameters' struct of `actions` (at least one),
    /// all bound to one type with the same parameters.
    pub(super) fn parameters_docs(&self, actions: &[BoundAction<'_>]) -> (String, Docs) {
        let owner = actions[0].owner;
        let names: Vec<&str> = actions.iter().map(|bound| bound.action.name.as_str()).collect();
        if let [bound] = actions {
            let mut docs = Docs::from_markdown(&bound.action.description);
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

    /// The action whose parameters' body is the inline body `inline`. Lowering makes an
    /// action's parameters' type from its owner's bound operation `inline.operation`, so that
    /// operation is there.
    pub(super) fn bound_action(&self, inline: &'a InlineOf) -> BoundAction<'a> {
        let owner = &self.resolved.types[&inline.owner];
        BoundAction { owner: &inline.owner, action: &owner.description.bound_operations[inline.operation] }
    }
}
