//! Cargo features: one per namespace, or one per workload (entity set or singleton), and for
//! every type the features that compile it (the namespaces or workloads that use it, directly or
//! through other types).

use std::collections::{BTreeMap, BTreeSet};

use super::Namer;
use super::ident::{self, Scope};
use super::resolve::{RESERVED_FEATURES, TypeRef};
use crate::ir::{Cfg, Feature};

impl<'a> Namer<'a> {
    /// One feature per namespace, named after its module (the root namespace after its last
    /// segment), and for every type the features whose namespace uses it.
    pub(super) fn namespace_features(&mut self) -> Vec<Feature> {
        let resolved = self.resolved;
        // What each type needs compiled with it: its base type, its fields' types, and the
        // types of its operations' bodies.
        let mut needs: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (qualified, base) in &resolved.bases {
            needs.entry(qualified).or_default().insert(base);
        }
        let named = |ty: &'a TypeRef| match ty {
            TypeRef::Named(target) => Some(target.as_str()),
            TypeRef::Primitive(_) => None,
        };
        for (owner, fields) in &resolved.fields {
            needs.entry(owner).or_default().extend(fields.iter().filter_map(|field| named(&field.ty)));
        }
        for (owner, operations) in &resolved.operations {
            let bodies = operations.iter().flat_map(|op| [&op.request_body, &op.response]).flatten();
            needs.entry(owner).or_default().extend(bodies.filter_map(|body| named(&body.ty)));
        }
        // A type's bound operations are methods of its path builders, in its file.
        for (owner, calls) in &resolved.bound {
            let types = calls
                .iter()
                .flat_map(|call| call.parameters.iter().map(|p| &p.ty).chain(call.returns.iter().map(|(ty, _)| ty)));
            needs.entry(owner).or_default().extend(types.filter_map(named));
        }
        let mut names = Scope::default();
        for reserved in RESERVED_FEATURES {
            names.claim(reserved);
        }
        let mut features = Vec::new();
        let mut of: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (namespace, path) in &self.module_paths {
            let name = names.claim_free(&ident::feature_name(namespace, path), "");
            let mut stack: Vec<&str> = resolved
                .types
                .iter()
                .filter(|(_, entry)| entry.inline.is_none() && entry.namespace() == *namespace)
                .map(|(qualified, _)| qualified.as_str())
                .collect();
            let mut closure = BTreeSet::new();
            while let Some(qualified) = stack.pop() {
                if closure.insert(qualified) {
                    stack.extend(needs.get(qualified).into_iter().flatten().copied());
                }
            }
            for qualified in &closure {
                of.entry(qualified).or_default().insert(name.clone());
            }
            features.push(Feature { name, namespace: (*namespace).to_owned(), types: closure.len() });
        }
        self.finish_features(of, features)
    }

    /// One feature per workload ([`Resolved::workloads`]): per entity set and singleton, named in
    /// snake case after it (`users`, `device_management`), and per containment subtree large
    /// enough to be its own (`message`). A type no workload reaches compiles with `full`. A
    /// navigation property to a type of other workloads gets their features (see
    /// `Namer::narrower_cfg`).
    ///
    /// [`Resolved::workloads`]: super::resolve::Resolved::workloads
    pub(super) fn workload_features(&mut self) -> Vec<Feature> {
        let resolved = self.resolved;
        let mut features = Vec::new();
        let mut of: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for workload in resolved.workloads(&self.options.root_namespace) {
            for qualified in &workload.types {
                of.entry(qualified).or_default().insert(workload.name.clone());
            }
            features.push(Feature { name: workload.name, namespace: workload.path, types: workload.types.len() });
        }
        for (qualified, entry) in &resolved.types {
            if entry.inline.is_none() {
                of.entry(qualified).or_insert_with(|| BTreeSet::from(["full".to_owned()]));
            }
        }
        self.finish_features(of, features)
    }

    /// The features sorted by name, and for every type the features that compile it.
    fn finish_features(&mut self, of: BTreeMap<&'a str, BTreeSet<String>>, mut features: Vec<Feature>) -> Vec<Feature> {
        features.sort_by(|a, b| a.name.cmp(&b.name));
        self.features_of = of
            .into_iter()
            .map(|(qualified, features)| (qualified, Cfg { features: features.into_iter().collect() }))
            .collect();
        features
    }
}
