//! An extract's descriptions (read from another metadata document's `Core.Description`
//! annotations) describe what neither a page nor the metadata describes; one of an element the
//! metadata does not define is a disagreement, located at its line in the extract.

use std::path::{Path, PathBuf};

use super::{DisagreementKind, Side, is_text};
use crate::import::assemble::Assembler;
use crate::import::extract::DocsExtract;
use crate::schema::TypeKind;

/// What an import made of one extract.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractUse {
    /// The extract file.
    pub path: PathBuf,
    /// Its pages (those that document a type), merged as pages are.
    pub pages: usize,
    /// Its descriptions.
    pub descriptions: usize,
    /// Descriptions used: of items that nothing else described.
    pub used: usize,
    /// Descriptions not used because a page or the metadata describes the item.
    pub described: usize,
    /// Descriptions of elements the metadata does not define (each a disagreement).
    pub not_in_metadata: usize,
}

impl ExtractUse {
    /// The use of an extract whose descriptions were not looked at: its pages only.
    pub(in crate::import::assemble) fn pages_of(path: &Path, extract: &DocsExtract) -> Self {
        Self { path: path.to_owned(), pages: extract.pages.len(), ..Self::default() }
    }

    /// `extract tests/x.json: 1174 pages, 7066 descriptions (1831 used, 5203 of items already
    /// described, 32 of elements the metadata does not define)`.
    pub fn phrase(&self) -> String {
        let mut phrase = format!("extract {}: {} pages", self.path.display(), self.pages);
        if self.descriptions > 0 {
            phrase.push_str(&format!(
                ", {} descriptions ({} used, {} of items already described, {} of elements the metadata does not define)",
                self.descriptions, self.used, self.described, self.not_in_metadata
            ));
        }
        phrase
    }
}

/// What became of one description.
enum Filled {
    Used,
    Described,
    /// The metadata does not define the element: which kind of disagreement, and what it is.
    Missing(DisagreementKind, &'static str),
}

impl Assembler {
    /// Gives the extract's descriptions to the items that have none (after the pages merged).
    pub(in crate::import::assemble) fn fill_descriptions(&mut self, path: &Path, extract: &DocsExtract) -> ExtractUse {
        let mut counts = ExtractUse::pages_of(path, extract);
        counts.descriptions = extract.descriptions.len();
        // The extract as laid out in its file, to locate a description: only when one is reported.
        let mut layout = None;
        for (element, text) in &extract.descriptions {
            match self.fill(element, text) {
                Filled::Used => counts.used += 1,
                Filled::Described => counts.described += 1,
                Filled::Missing(kind, what) => {
                    counts.not_in_metadata += 1;
                    let layout: &String = layout.get_or_insert_with(|| extract.to_json());
                    let line = DocsExtract::description_line(layout, element);
                    let message = format!(
                        "the extract describes the {what} `{element}`, which the metadata does not define; the metadata wins: the description is not used"
                    );
                    let owner = element.split_once('/').map_or(element.as_str(), |(owner, _)| owner);
                    self.disagree(kind, (path, line), owner.to_owned(), Side::Metadata, message);
                }
            }
        }
        counts
    }

    /// Describes `element` (`type` or `type/item`) with `text` when nothing describes it yet.
    fn fill(&mut self, element: &str, text: &str) -> Filled {
        let (qualified, item) = match element.split_once('/') {
            Some((qualified, item)) => (qualified, Some(item)),
            None => (element, None),
        };
        let Some(described) = self.types.get_mut(qualified) else {
            return Filled::Missing(DisagreementKind::TypeNotInMetadata, "type");
        };
        let ty = &mut described.ty;
        let slot = match item {
            None => Some(&mut ty.description),
            Some(member) if ty.kind == TypeKind::Enum => {
                let Some(found) = ty.members.iter_mut().find(|m| m.name == member) else {
                    return Filled::Missing(DisagreementKind::MemberNotInMetadata, "member");
                };
                Some(&mut found.description)
            }
            Some(property) => ty.properties.iter_mut().find(|p| p.name == property).map(|p| &mut p.description),
        };
        let Some(slot) = slot else { return Filled::Missing(DisagreementKind::PropertyNotInMetadata, "property") };
        if is_text(slot) || !is_text(text) {
            return Filled::Described;
        }
        text.clone_into(slot);
        Filled::Used
    }
}
