//! Cargo features: one per namespace, or one per workload (entity set or singleton), and for
//! every type the features that compile it (the namespaces or workloads that use it, directly or
//! through other types).

use std::collections::{BTreeMap, BTreeSet};

use super::Namer;
use super::ident::{self, Scope};
use super::resolve::{RESERVED_FEATURES, TypeRef};
use crate::ir::{Cfg, Docs, Feature, FeatureKind};

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
            let namespace = (*namespace).to_owned();
            features.push(Feature { kind: FeatureKind::Namespace, name, namespace, types: closure.len() });
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
            let types = workload.types.len();
            features.push(Feature {
                kind: FeatureKind::Workload,
                name: workload.name,
                namespace: workload.path,
                types,
            });
        }
        for (qualified, entry) in &resolved.types {
            if entry.inline.is_none() {
                of.entry(qualified).or_insert_with(|| BTreeSet::from(["full".to_owned()]));
            }
        }
        self.finish_features(of, features)
    }

    /// The crate root's table of features: what each compiles, and for workloads which other
    /// entry points a feature brings (the ones whose type it compiles: `users` brings `me`).
    pub(super) fn feature_table(&self, features: &[Feature], docs: &mut Docs) {
        if features.is_empty() {
            return;
        }
        docs.push_generated("# Features");
        if !self.options.workload_features {
            docs.push_generated(
                "One cargo feature per namespace: its types and every type they use. `full`, the default, turns every feature on.",
            );
            let mut table = vec!["| feature | namespace | types |".to_owned(), "|---|---|---|".to_owned()];
            for feature in features {
                table.push(format!("| `{}` | `{}` | {} |", feature.name, feature.namespace, feature.types));
            }
            docs.push_generated(table.join("\n"));
            return;
        }
        let roots: Vec<String> = self.resolved.roots.iter().map(|root| format!("/{}", root.name)).collect();
        let contained = features
            .iter()
            .find(|feature| !roots.contains(&feature.namespace))
            .map(|feature| format!(" (here `{}`, reached at `{}`)", feature.name, feature.namespace))
            .unwrap_or_default();
        docs.push_generated(format!(
            "One cargo feature per workload: an entity set or singleton, or a containment subtree large enough to be its own{contained}. A feature compiles the types reachable from its root through containment navigation properties, and what they need; a navigation into another workload's types exists when that workload's feature is on too. `full`, the default, turns every feature on and compiles the types no workload reaches."
        ));
        // The other entry points each feature brings.
        let mut brings: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for root in &self.resolved.roots {
            let own = format!("/{}", root.name);
            for feature in self.cfg_of(&root.ty).map(|cfg| cfg.features).unwrap_or_default() {
                let is_own = features.iter().any(|f| f.name == feature && f.namespace == own);
                if let Some(f) = features.iter().find(|f| f.name == feature).filter(|_| !is_own) {
                    brings.entry(f.name.as_str()).or_default().push(format!("`{}`", root.name));
                }
            }
        }
        let example = brings
            .iter()
            .next()
            .map(|(feature, roots)| format!(" (here `{feature}` brings {})", roots[0]))
            .unwrap_or_default();
        docs.push_generated(format!(
            "A type that several workloads need compiles with any of their features, and so does an entry point of that type: a feature also brings the entry points whose type it compiles{example}."
        ));
        let mut table = vec![
            "| feature | root | types | also brings the entry points |".to_owned(),
            "|---|---|---|---|".to_owned(),
        ];
        for feature in features {
            let also = brings.get(feature.name.as_str()).map(|roots| roots.join(", ")).unwrap_or_default();
            table.push(format!("| `{}` | `{}` | {} | {also} |", feature.name, feature.namespace, feature.types));
        }
        docs.push_generated(table.join("\n"));
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
