//! The pages' types merged into the metadata's: descriptions, sources and member and property
//! text from the pages; every structural difference (a type, base type, property, member or
//! property type on one side only, or written differently) reported, the metadata's kept.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{At, DisagreementKind, Side, is_text};
use crate::import::assemble::Assembler;
use crate::import::describe::{BASE_TYPE_LINE, DocumentedType, TYPE_LINE, display_path};
use crate::schema::{Primitive, PropertyDescription, TypeDescription, TypeKind};

/// A page's property row that the metadata does not define on the page's own type: a row noted
/// "Inherited from", or one the metadata has on a base type, or on no type at all. They are
/// settled once every page's own rows are, so that a base type's own page gives its text first.
struct BaseRow {
    /// The qualified name of the type whose page lists the row.
    owner: String,
    property: PropertyDescription,
    file: PathBuf,
    line: usize,
}

/// What the pages of one type merged so far did.
#[derive(Default)]
struct PageGroup {
    /// Whether a page was used (one that documents an enum as a structured type is not).
    used: bool,
    /// The properties and members the pages list.
    listed: BTreeSet<String>,
    /// The items whose text a page gave: properties, members, and the type ([`TYPE_LINE`]).
    described: BTreeSet<String>,
}

/// The line of `key` in a documented type's `lines`, else of its title.
fn line_of(lines: &BTreeMap<String, usize>, key: &str) -> usize {
    lines.get(key).or_else(|| lines.get(TYPE_LINE)).copied().unwrap_or(1)
}

/// `` `String` `` or `` `String` collection ``.
fn shown(r#type: &str, collection: bool) -> String {
    format!("`{type}`{}", if collection { " collection" } else { "" })
}

impl Assembler {
    /// Merges the pages' types into the metadata's (the assembler's types). Returns the page
    /// types the metadata does not define, by lowercased name (as operation file names write
    /// them) → qualified name: they are reported and not imported.
    pub(in crate::import::assemble) fn merge_page_types(
        &mut self,
        types: Vec<DocumentedType>,
    ) -> BTreeMap<String, String> {
        let mut dropped = BTreeMap::new();
        let mut groups: BTreeMap<String, Vec<DocumentedType>> = BTreeMap::new();
        for page in types {
            let qualified = format!("{}.{}", page.ty.namespace, page.ty.name);
            let Some(target) = self.metadata_type(&page.ty.namespace, &page.ty.name) else {
                let message = format!(
                    "the page documents `{qualified}`, which the metadata does not define; the metadata wins: the type is not imported"
                );
                let at = (page.file.as_path(), line_of(&page.lines, TYPE_LINE));
                self.disagree(DisagreementKind::TypeNotInMetadata, at, qualified.clone(), Side::Metadata, message);
                dropped.insert(page.ty.name.to_ascii_lowercase(), qualified);
                continue;
            };
            groups.entry(target).or_default().push(page);
        }
        let merged: BTreeMap<String, PathBuf> =
            groups.iter().map(|(target, pages)| (target.clone(), pages[0].file.clone())).collect();
        let mut rows = Vec::new();
        for (target, pages) in groups {
            rows.extend(self.merge_pages_of_type(&target, pages));
        }
        let mut filled = BTreeSet::new();
        for row in rows {
            self.merge_base_row(row, &merged, &mut filled);
        }
        self.compare_possible_values();
        dropped
    }

    /// Merges every page of the metadata's type `target` into it. Graph documents some types on
    /// several pages (Intune's `deviceManagement` on one page per workload, `user` on `user.md`
    /// and on three Intune pages), each listing some of its properties: all of them enrich it.
    /// The type's own page (its file named after the type) comes first, then the others in path
    /// order; where two pages describe one item, the first one's text is kept, and an item is
    /// "not on the page" only when no page of the type lists it. Returns the rows to settle
    /// against the base types.
    fn merge_pages_of_type(&mut self, target: &str, mut pages: Vec<DocumentedType>) -> Vec<BaseRow> {
        let local = target.rsplit('.').next().unwrap_or(target).to_ascii_lowercase();
        let own = |page: &DocumentedType| {
            page.file.file_stem().is_some_and(|stem| stem.to_string_lossy().to_ascii_lowercase() == local)
        };
        pages.sort_by_key(|page| (!own(page), page.file.clone()));
        let first = (pages[0].file.clone(), line_of(&pages[0].lines, TYPE_LINE));
        for page in &pages[1..] {
            let message = format!(
                "`{target}` is also documented by {}; both pages' text is used (the first page's where both describe an item)",
                display_path(&first.0)
            );
            self.warn(&page.file, line_of(&page.lines, TYPE_LINE), message);
        }
        // The base type is compared once: with the first page that names one, else the first.
        let base_page = pages.iter().position(|page| page.ty.base_type.is_some()).unwrap_or(0);
        let mut group = PageGroup::default();
        let mut rows = Vec::new();
        for (index, page) in pages.into_iter().enumerate() {
            rows.extend(self.merge_type(target, page, index == base_page, &mut group));
        }
        if group.used {
            self.report_not_on_page(target, &group.listed, (&first.0, first.1));
        }
        rows
    }

    /// The qualified name of the metadata's type `name` in `namespace`, the case of the name aside
    /// (the docs write `enrollmentprofile` for `enrollmentProfile`).
    fn metadata_type(&self, namespace: &str, name: &str) -> Option<String> {
        let qualified = format!("{namespace}.{name}");
        if self.types.contains_key(&qualified) {
            return Some(qualified);
        }
        self.types
            .keys()
            .find(|key| {
                key.rsplit_once('.').is_some_and(|(ns, local)| ns == namespace && local.eq_ignore_ascii_case(name))
            })
            .cloned()
    }

    /// Merges one page into the metadata's type `target` (one of its pages, `group` what the
    /// pages before it did); returns the rows to settle against the base types.
    fn merge_type(
        &mut self,
        target: &str,
        page: DocumentedType,
        compare_base: bool,
        group: &mut PageGroup,
    ) -> Vec<BaseRow> {
        let DocumentedType { ty: documented, possible, file, lines } = page;
        let is_enum = self.types[target].ty.kind == TypeKind::Enum;
        if (documented.kind == TypeKind::Enum) != is_enum {
            let (page_kind, metadata_kind) =
                if is_enum { ("a structured type", "an enum") } else { ("an enum", "a structured type") };
            let message = format!(
                "the page documents `{target}` as {page_kind} and the metadata as {metadata_kind}; the metadata wins: the page is not used"
            );
            let at = (file.as_path(), line_of(&lines, TYPE_LINE));
            self.disagree(DisagreementKind::TypeKind, at, target.to_owned(), Side::Metadata, message);
            return Vec::new();
        }
        group.used = true;
        let ty = &mut self.types.get_mut(target).expect("a metadata type").ty;
        if is_text(&documented.description) && group.described.insert(TYPE_LINE.to_owned()) {
            ty.description.clone_from(&documented.description);
        }
        for source in &documented.sources {
            if !ty.sources.contains(source) {
                ty.sources.push(source.clone());
            }
        }
        if is_enum {
            self.merge_members(target, &documented, &file, &lines, group);
            return Vec::new();
        }
        if compare_base {
            self.compare_base_type(target, &documented, (&file, line_of(&lines, BASE_TYPE_LINE)));
        }
        for (property, values, line) in possible {
            self.possible.push((target.to_owned(), property, values, file.clone(), line));
        }
        self.merge_own_properties(target, documented.properties, &file, &lines, group)
    }

    /// Reports a base type the page names differently from the metadata (the metadata's stays).
    fn compare_base_type(&mut self, target: &str, documented: &TypeDescription, at: At) {
        let namespace = self.types[target].ty.namespace.clone();
        let resolve = |base: &String| self.lookup(&namespace, base).unwrap_or_else(|| base.clone());
        let metadata = self.types[target].ty.base_type.as_ref().map(resolve);
        let page = documented.base_type.as_ref().map(resolve);
        if page.as_deref().map(str::to_ascii_lowercase) == metadata.as_deref().map(str::to_ascii_lowercase) {
            return;
        }
        let message = match (&page, &metadata) {
            (Some(page), Some(metadata)) => format!(
                "the page says `{target}` inherits from `{page}` and the metadata from `{metadata}`; the metadata wins"
            ),
            (Some(page), None) => format!(
                "the page says `{target}` inherits from `{page}`, the metadata gives it no base type; the metadata wins: it has none"
            ),
            (None, Some(metadata)) => format!(
                "the page names no base type of `{target}`, the metadata `{metadata}`; the metadata wins: it inherits from `{metadata}`"
            ),
            (None, None) => return,
        };
        self.disagree(DisagreementKind::BaseType, at, target.to_owned(), Side::Metadata, message);
    }

    /// The page's rows of properties the metadata defines on `target` itself enrich them (when
    /// no page before it in `group` described them). Returns the other rows.
    fn merge_own_properties(
        &mut self,
        target: &str,
        properties: Vec<PropertyDescription>,
        file: &Path,
        lines: &BTreeMap<String, usize>,
        group: &mut PageGroup,
    ) -> Vec<BaseRow> {
        let own: BTreeSet<String> = self.types[target].ty.properties.iter().map(|p| p.name.clone()).collect();
        let mut rows = Vec::new();
        for property in properties {
            let line = line_of(lines, &property.name);
            group.listed.insert(property.name.clone());
            if own.contains(&property.name) {
                let take_text = !group.described.contains(&property.name);
                if self.enrich_property(target, target, &property, (file, line), take_text) {
                    group.described.insert(property.name.clone());
                }
            } else {
                rows.push(BaseRow { owner: target.to_owned(), property, file: file.to_owned(), line });
            }
        }
        rows
    }

    /// The metadata's properties, or members, of `target` that no page of it lists (`listed`)
    /// are reported at the first page's title.
    fn report_not_on_page(&mut self, target: &str, listed: &BTreeSet<String>, at: At) {
        let ty = &self.types[target].ty;
        let is_enum = ty.kind == TypeKind::Enum;
        let names: Vec<String> = if is_enum {
            ty.members.iter().map(|m| m.name.clone()).filter(|name| !listed.contains(name)).collect()
        } else {
            ty.properties.iter().map(|p| p.name.clone()).filter(|name| !listed.contains(name)).collect()
        };
        for name in names {
            let (kind, message) = if is_enum {
                (
                    DisagreementKind::MemberNotOnPage,
                    format!(
                        "the page of `{target}` does not document the member `{name}`, which the metadata defines; the metadata wins: the member is kept"
                    ),
                )
            } else {
                (
                    DisagreementKind::PropertyNotOnPage,
                    format!(
                        "the page of `{target}` does not document `{name}`, which the metadata defines; the metadata wins: the property is kept"
                    ),
                )
            };
            self.disagree(kind, at, format!("{target}/{name}"), Side::Metadata, message);
        }
    }

    /// A row the metadata does not define on the page's type: the base type that defines it
    /// gets the row's text only when neither the metadata nor a page of its own (`merged`) nor
    /// another derived page (`filled`) describes the property; a row no base defines is
    /// reported and dropped.
    fn merge_base_row(&mut self, row: BaseRow, merged: &BTreeMap<String, PathBuf>, filled: &mut BTreeSet<String>) {
        let BaseRow { owner, property, file, line } = row;
        let defining = self
            .bases(&owner)
            .into_iter()
            .find(|base| self.types.get(base).is_some_and(|d| d.ty.properties.iter().any(|p| p.name == property.name)));
        let Some(base) = defining else {
            let message = format!(
                "the page documents `{}` of `{owner}`, which the metadata does not define on it or its base types; the metadata wins: the property is dropped",
                property.name
            );
            self.disagree(DisagreementKind::PropertyNotInMetadata, (&file, line), owner, Side::Metadata, message);
            return;
        };
        let key = format!("{base}/{}", property.name);
        let undescribed =
            self.types[&base].ty.properties.iter().any(|p| p.name == property.name && p.description.is_empty());
        let take_text = undescribed && !merged.contains_key(&base) && !filled.contains(&key);
        if take_text && is_text(&property.description) {
            filled.insert(key);
        }
        self.enrich_property(&base, &owner, &property, (&file, line), take_text);
    }

    /// The metadata's property `documented.name` of `owner` takes the page's description (when
    /// `take_text`); a different type is reported (the metadata's stays). `page_type` is the
    /// type whose page lists the row, whose namespace the row's type is written in.
    fn enrich_property(
        &mut self,
        owner: &str,
        page_type: &str,
        documented: &PropertyDescription,
        at: At,
        take_text: bool,
    ) -> bool {
        let page_namespace = self.types[page_type].ty.namespace.clone();
        let namespace = self.types[owner].ty.namespace.clone();
        let Some(index) = self.types[owner].ty.properties.iter().position(|p| p.name == documented.name) else {
            return false;
        };
        let metadata = &self.types[owner].ty.properties[index];
        let unmodelled = |written: &str| Primitive::from_name(written) == Some(Primitive::Json);
        let same = self.resolve_type(&page_namespace, &documented.r#type)
            == self.resolve_type(&namespace, &metadata.r#type)
            && documented.collection == metadata.collection;
        if !same && !unmodelled(&metadata.r#type) && !unmodelled(&documented.r#type) {
            let message = format!(
                "the page documents `{}` of `{page_type}` as {} and the metadata as {}; the metadata wins",
                documented.name,
                shown(&documented.r#type, documented.collection),
                shown(&metadata.r#type, metadata.collection)
            );
            let element = format!("{owner}/{}", documented.name);
            self.disagree(DisagreementKind::PropertyType, at, element, Side::Metadata, message);
        }
        let take = take_text && is_text(&documented.description);
        if take {
            let property = &mut self.types.get_mut(owner).expect("a metadata type").ty.properties[index];
            property.description.clone_from(&documented.description);
        }
        take
    }

    /// A type as written in `namespace`, comparable: the primitive, else the qualified name of the
    /// type it names, else the name lowercased.
    fn resolve_type(&self, namespace: &str, written: &str) -> String {
        if let Some(primitive) = Primitive::from_name(written) {
            return format!("{primitive:?}");
        }
        self.lookup(namespace, written).unwrap_or_else(|| written.to_ascii_lowercase())
    }

    /// The page's members enrich the metadata's enum `target` (when no page before it in
    /// `group` described them); a member only the page has is reported and dropped.
    fn merge_members(
        &mut self,
        target: &str,
        documented: &TypeDescription,
        file: &Path,
        lines: &BTreeMap<String, usize>,
        group: &mut PageGroup,
    ) {
        for member in &documented.members {
            group.listed.insert(member.name.clone());
            let ty = &mut self.types.get_mut(target).expect("a metadata type").ty;
            if let Some(kept) = ty.members.iter_mut().find(|m| m.name == member.name) {
                if is_text(&member.description) && !group.described.contains(&member.name) {
                    kept.description.clone_from(&member.description);
                    group.described.insert(member.name.clone());
                }
                continue;
            }
            let message = format!(
                "the page documents the member `{}` of `{target}`, which the metadata does not define; the metadata wins: the member is dropped",
                member.name
            );
            let at = (file, line_of(lines, &member.name));
            self.disagree(DisagreementKind::MemberNotInMetadata, at, target.to_owned(), Side::Metadata, message);
        }
    }

    /// "Possible values" a page lists for a property whose metadata type is an enum, checked
    /// against its members (an enum is never made from them: the metadata has the types).
    fn compare_possible_values(&mut self) {
        for (owner, property, values, file, line) in std::mem::take(&mut self.possible) {
            let namespace = self.types[&owner].ty.namespace.clone();
            let Some((r#type, _)) = self.flattened(&owner).remove(&property) else { continue };
            let Some(enumeration) =
                self.lookup(&namespace, &r#type).filter(|q| self.types[q].ty.kind == TypeKind::Enum)
            else {
                continue;
            };
            let members = &self.types[&enumeration].ty.members;
            let missing: Vec<String> = values.into_iter().filter(|v| !members.iter().any(|m| &m.name == v)).collect();
            for value in missing {
                let message = format!(
                    "the page lists `{value}` among the possible values of `{owner}.{property}`, which the metadata's `{enumeration}` does not define; the metadata wins: it is not a member"
                );
                self.disagree(
                    DisagreementKind::MemberNotInMetadata,
                    (&file, line),
                    enumeration.clone(),
                    Side::Metadata,
                    message,
                );
            }
        }
    }
}
