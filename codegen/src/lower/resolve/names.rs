//! Type names: looking one up as a description writes it, and the "did you mean" of an unknown
//! one, in one helper that every reference uses.

use super::{Entry, Resolver, TypeRef};
use crate::diagnostic::{Diagnostic, JsonPath, Source};
use crate::schema::Primitive;

impl<'a> Resolver<'a> {
    /// Resolves a type name that the description of `owner` writes at `path`: a primitive (when
    /// `primitives` allows one there) or a described type. An unknown name is a problem, said by
    /// `message`, with a "did you mean" as its help.
    pub(super) fn reference(
        &mut self,
        owner: &str,
        name: &str,
        primitives: bool,
        path: &JsonPath,
        message: impl FnOnce() -> String,
    ) -> Option<TypeRef> {
        let entry = &self.resolved.types[owner];
        let (source, namespace) = (entry.source(), entry.namespace());
        self.reference_in(source, namespace, name, primitives, path, message)
    }

    /// [`Self::reference`] for a name written outside any type's description (the service's
    /// entity sets, singletons and operation imports): `namespace` is the one a bare name is
    /// looked up in (empty: only qualified names), `source` the file it is written in.
    pub(super) fn reference_in(
        &mut self,
        source: &'a Source,
        namespace: &str,
        name: &str,
        primitives: bool,
        path: &JsonPath,
        message: impl FnOnce() -> String,
    ) -> Option<TypeRef> {
        if let Some(primitive) = Primitive::from_name(name).filter(|_| primitives) {
            return Some(TypeRef::Primitive(primitive));
        }
        if let Some(target) = self.lookup_in(namespace, name) {
            return Some(TypeRef::Named(target));
        }
        let help = self.suggest(namespace, name);
        self.problems.push(Diagnostic::at(source, path, message()).with_help(help));
        None
    }

    /// Resolves a type reference written in the description of `entry` (inline bodies cannot be
    /// referred to).
    pub(super) fn lookup(&self, entry: &Entry<'a>, name: &str) -> Option<String> {
        self.lookup_in(entry.namespace(), name)
    }

    /// A type reference resolved without reporting anything when it does not resolve (where
    /// another check reports the same reference).
    pub(super) fn lookup_quietly(&self, namespace: &str, name: &str) -> Option<TypeRef> {
        match Primitive::from_name(name) {
            Some(primitive) => Some(TypeRef::Primitive(primitive)),
            None => self.lookup_in(namespace, name).map(TypeRef::Named),
        }
    }

    fn lookup_in(&self, namespace: &str, name: &str) -> Option<String> {
        let described =
            |qualified: &str| self.resolved.types.get(qualified).is_some_and(|entry| entry.inline.is_none());
        // As written first (a name may itself start with `#`), then without an `@odata.type`-style `#`.
        for name in [name, name.trim_start_matches('#')] {
            if described(name) {
                return Some(name.to_owned());
            }
            let local = format!("{namespace}.{name}");
            if described(&local) {
                return Some(local);
            }
        }
        None
    }

    /// A "did you mean" for an unknown type name.
    fn suggest(&self, namespace: &str, name: &str) -> String {
        let mut candidates: Vec<&str> = Primitive::ALL.iter().map(|(n, _)| *n).collect();
        for (qualified, other) in self.resolved.types.iter().filter(|(_, other)| other.inline.is_none()) {
            candidates.push(if other.namespace() == namespace { &other.description.name } else { qualified });
        }
        // `Edm.` names a primitive, so compare the rest (`Edm.DateTime` → `DateTimeOffset`).
        let lower = name.strip_prefix("Edm.").unwrap_or(name).to_lowercase();
        // Close in spelling, or the start of a longer name (`Bool` for `Boolean`).
        let close = |distance: usize, candidate: &str| {
            distance <= 2.max(name.len() / 4) || (lower.len() >= 3 && candidate.starts_with(lower.as_str()))
        };
        let best = candidates
            .into_iter()
            .map(|candidate| (crate::suggest::edit_distance(&lower, &candidate.to_lowercase()), candidate))
            .filter(|(distance, candidate)| close(*distance, &candidate.to_lowercase()))
            .min();
        match best {
            Some((_, candidate)) => format!("did you mean `{candidate}`?"),
            None => "use a primitive such as `String` or `Int32`, or describe the type in a description file".into(),
        }
    }
}
