//! The library's error type.

use std::io;
use std::path::PathBuf;

use crate::diagnostic::Diagnostics;

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("error: cannot read `{}`: {source}\n  = help: check that the path exists and is readable", path.display())]
    Read {
        /// The path that could not be read.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The output could not be written. The previous output, if any, is unchanged.
    #[error("error: cannot write `{}`: {source}\n  = help: the previous output was left unchanged; check permissions and free space", path.display())]
    Write {
        /// The path that could not be written.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file was given where a folder is expected.
    #[error("error: `{}` is a file, not a folder\n  = help: {what}; give the folder that holds it", path.display())]
    NotAFolder {
        /// The path given.
        path: PathBuf,
        /// What takes a folder (`` `--schema` takes the folder of description files ``).
        what: String,
    },
    /// An import (or a side of `diff`) found nothing to read.
    #[error(
        "error: {} holds no doc pages (*.md, *.txt), metadata (*.csdl, *.xml) or description files (*.json)\n  = help: check the path: `import` reads doc pages and CSDL metadata, `generate` a folder of description files, and `diff` either",
        paths.iter().map(|path| format!("`{}`", path.display())).collect::<Vec<_>>().join(", ")
    )]
    NoInput {
        /// The paths given.
        paths: Vec<PathBuf>,
    },
    /// The schema folder holds no description files.
    #[error("error: `{}` holds no description files (*.json)\n  = help: point --schema at the folder with the description files, such as `schema/`", dir.display())]
    NoDescriptions {
        /// The folder that was searched.
        dir: PathBuf,
    },
    /// The generator produced code it cannot format: a bug in msgraph-codegen.
    #[error(
        "error: internal error in msgraph-codegen: {message}\n  = help: this is a bug; please report it with the description files that caused it"
    )]
    Internal {
        /// What went wrong.
        message: String,
    },
    /// The descriptions are invalid; every problem found is listed.
    #[error("{0}")]
    Invalid(Diagnostics),
    /// A type pattern (`--types`) or workload (`--workloads`) chooses nothing described.
    #[error(
        "error: `{name}` is no described {}\n  = help: {}",
        chosen.what(),
        suggestion.as_ref().map_or_else(|| chosen.help().to_owned(), |close| format!("did you mean `{close}`?"))
    )]
    NoMatch {
        /// What the name was to choose.
        chosen: Chosen,
        /// The pattern or name.
        name: String,
        /// The described type or root with the closest name, if one is close.
        suggestion: Option<String>,
    },
}

/// What `--types` and `--workloads` choose (for [`Error::NoMatch`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// A type, by a pattern of qualified names.
    Type,
    /// A workload: an entity set or singleton, or a contained workload.
    Workload,
}

impl Chosen {
    fn what(self) -> &'static str {
        match self {
            Self::Type => "type",
            Self::Workload => "workload",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Self::Type => {
                "patterns are qualified names (`microsoft.graph.user`), `*` matching any run of characters (`microsoft.graph.callRecords.*`)"
            }
            Self::Workload => {
                "workloads are the root resources of `service.json`, by their name in the URL (`users`, `me`) or in snake case (`device_management`), and the contained workloads by their feature name (`message`; see the features of `generate --workload-features`)"
            }
        }
    }
}

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
