//! Graph's documented conventions that its metadata does not describe (`conventions.json` beside
//! the importer, in the overrides format): path-based addressing of drive items and sites, the
//! MIME content of messages and the raw content of attachments as streams. Applied to every
//! import that describes their types, before the overrides file (which can change them), and
//! listed in the import report; the generator only reads the descriptions.

use super::Assembler;
use crate::error::{Error, Result};
use crate::import::overrides::OverridesFile;

/// The conventions, as the importer ships them.
const CONVENTIONS: &str = include_str!("../conventions.json");

/// The conventions file, parsed.
fn conventions() -> Result<OverridesFile> {
    serde_json::from_str(CONVENTIONS).map_err(|error| Error::Internal {
        message: format!("the importer's conventions.json does not parse: {error}"),
    })
}

impl Assembler {
    /// Applies every convention whose type the import describes.
    pub(super) fn apply_conventions(&mut self) -> Result<()> {
        for (qualified, patch) in conventions()?.types {
            if !self.types.contains_key(&qualified) {
                continue;
            }
            let changes = self.patch_type(&qualified, &patch).map_err(|message| Error::Internal { message })?;
            self.conventions.extend(changes.into_iter().map(|change| format!("{qualified}: {change}")));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_conventions_parse_and_each_says_where_it_is_documented() {
        let file = conventions().unwrap();
        assert!(file.add.is_empty() && file.operations.is_empty(), "conventions only patch types");
        assert!(!file.types.is_empty());
        for (qualified, patch) in &file.types {
            assert!(patch.why.contains("https://learn.microsoft.com/"), "{qualified} links its page");
            assert!(patch.has_stream.is_some() || patch.path_addressing.is_some(), "{qualified}");
        }
    }
}
