//! Workloads: what one cargo feature (`--workload-features`) or one `--workloads` name compiles.
//!
//! A workload starts at an entity set or singleton (`users`, `device_management`) and takes what
//! its type needs (base types, structural properties, operations'
//! parameters and results) and the targets of its containment navigation properties
//! (`/users/{id}/messages`), transitively. Graph's containment tree is wide — a user contains
//! mail, calendars, drives with workbooks, OneNote, Planner, To Do — so following all of it would
//! make `users` a sixth of Graph. Instead, a containment subtree of more than
//! [`CONTAINED_WORKLOAD_MIN_TYPES`] types is a workload of its own (`message`, `event`,
//! `drive_item`), reached from the workloads that contain it when both are enabled. The subtrees
//! are chosen largest first, each measured without the ones chosen before it, until none is
//! large enough or the features would pass the registry's limit ([`MAX_FEATURES`]).
//!
//! A navigation property into a type of a workload that is not enabled is left out of the
//! compiled crate (its JSON stays with the object), so workloads stay independent and additive.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use super::{Resolved, TypeRef};
use crate::lower::ident::{self, Scope};

/// A containment subtree with more types than this is a workload of its own.
pub const CONTAINED_WORKLOAD_MIN_TYPES: usize = 10;

/// crates.io refuses a crate with more features than this; the generated crate has three besides
/// its workloads (`default`, `full`, `client`).
pub const MAX_FEATURES: usize = 300;

/// Feature names the generated crate uses for itself.
pub const RESERVED_FEATURES: [&str; 3] = ["default", "full", "client"];

/// One workload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workload<'a> {
    /// Its name, a cargo feature name: the entity set's or singleton's name in snake case
    /// (`device_management`), or for a contained workload its type's (`message`,
    /// `security_alert` outside the root namespace).
    pub name: String,
    /// Where it starts.
    pub root: WorkloadRoot<'a>,
    /// A path that reaches it (`/users`, `/users/{id}/messages`), for documentation.
    pub path: String,
    /// The qualified names of the types it compiles, its root's type included.
    pub types: BTreeSet<&'a str>,
}

/// Where a workload starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadRoot<'a> {
    /// An entity set or singleton, by its name in the URL (`users`) and its type.
    Service { name: &'a str, ty: &'a str },
    /// An entity type reached through containment (`microsoft.graph.message`).
    Contained { ty: &'a str },
}

impl<'a> Resolved<'a> {
    /// Every workload, sorted by name: one per entity set and singleton, then the contained
    /// subtrees large enough to be their own (see the module's documentation); contained
    /// workloads outside `root_namespace` are named after their module path too.
    pub fn workloads(&'a self, root_namespace: &str) -> Vec<Workload<'a>> {
        let mut roots: Vec<_> = self.roots.iter().collect();
        roots.sort_by_key(|root| root.name);
        let paths = self.containment_paths();
        let root_types: BTreeSet<&str> = roots.iter().map(|root| root.ty.as_str()).collect();
        let budget = MAX_FEATURES.saturating_sub(RESERVED_FEATURES.len() + roots.len());
        let contained = self.contained_roots(&root_types, paths.keys().copied(), budget);
        let boundaries: BTreeSet<&str> = root_types.iter().chain(&contained).copied().collect();
        let types_of = |ty: &'a str| self.closure_within(vec![(ty, true)], &|t| t != ty && boundaries.contains(t));

        let mut names = Scope::default();
        for reserved in RESERVED_FEATURES {
            names.claim(reserved);
        }
        let mut workloads = Vec::new();
        for root in roots {
            workloads.push(Workload {
                name: names.claim_free(&ident::workload_feature_name(&[], root.name), ""),
                root: WorkloadRoot::Service { name: root.name, ty: &root.ty },
                path: format!("/{}", root.name),
                types: types_of(&root.ty),
            });
        }
        for ty in contained {
            let (namespace, name) = ty.rsplit_once('.').unwrap_or(("", ty));
            let module_path = ident::module_path(namespace, root_namespace);
            workloads.push(Workload {
                name: names.claim_free(&ident::workload_feature_name(&module_path, name), ""),
                root: WorkloadRoot::Contained { ty },
                path: paths.get(ty).cloned().unwrap_or_default(),
                types: types_of(ty),
            });
        }
        workloads.sort_by(|a, b| a.name.cmp(&b.name));
        workloads
    }

    /// The contained types that become workloads: largest subtree first, each measured with the
    /// boundaries chosen before it, while one has more than [`CONTAINED_WORKLOAD_MIN_TYPES`]
    /// types and fewer than `budget` are chosen. Sizes only shrink as boundaries are added, so a
    /// candidate whose size, measured again, has not changed is the largest (a lazy greedy
    /// choice; ties go to the first name, so the choice is the same on every run).
    fn contained_roots(
        &'a self,
        root_types: &BTreeSet<&'a str>,
        candidates: impl Iterator<Item = &'a str>,
        budget: usize,
    ) -> BTreeSet<&'a str> {
        let mut chosen: BTreeSet<&str> = BTreeSet::new();
        let size = |ty: &str, chosen: &BTreeSet<&str>| {
            let boundary = |t: &str| t != ty && (root_types.contains(t) || chosen.contains(t));
            self.closure_within(vec![(ty, true)], &boundary).len()
        };
        let mut queue: BinaryHeap<(usize, Reverse<&str>)> =
            candidates.filter(|ty| !root_types.contains(ty)).map(|ty| (size(ty, &chosen), Reverse(ty))).collect();
        while let Some((measured, Reverse(ty))) = queue.pop() {
            if measured <= CONTAINED_WORKLOAD_MIN_TYPES || chosen.len() >= budget {
                break;
            }
            let now = size(ty, &chosen);
            if now == measured {
                chosen.insert(ty);
            } else {
                queue.push((now, Reverse(ty)));
            }
        }
        chosen
    }

    /// Every type reached from an entity set or singleton through containment navigation
    /// properties, with the shortest path that reaches it (the first by name among equals):
    /// `/users/{id}/messages`.
    fn containment_paths(&self) -> BTreeMap<&str, String> {
        let mut roots: Vec<_> = self.roots.iter().collect();
        roots.sort_by_key(|root| root.name);
        let mut paths: BTreeMap<&str, String> = BTreeMap::new();
        let mut level: Vec<(&str, String)> = Vec::new();
        for root in roots {
            if !paths.contains_key(root.ty.as_str()) {
                let path = if root.singleton { format!("/{}", root.name) } else { format!("/{}/{{id}}", root.name) };
                paths.insert(&root.ty, path.clone());
                level.push((&root.ty, path));
            }
        }
        while !level.is_empty() {
            let mut next = Vec::new();
            for (ty, path) in &level {
                for field in self.fields.get(*ty).into_iter().flatten() {
                    let TypeRef::Named(target) = &field.ty else { continue };
                    if !(field.navigation && field.property.contains_target) || paths.contains_key(target.as_str()) {
                        continue;
                    }
                    let key = if field.collection { "/{id}" } else { "" };
                    let reached = format!("{path}/{}{key}", field.wire_name);
                    paths.insert(target, reached.clone());
                    next.push((target.as_str(), reached));
                }
            }
            level = next;
        }
        // The documented path ends at the collection, not at one of its members.
        paths.values_mut().for_each(|path| {
            if let Some(collection) = path.strip_suffix("/{id}") {
                *path = collection.to_owned();
            }
        });
        paths
    }
}
