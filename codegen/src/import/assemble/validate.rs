//! The importer's check that what it writes generates: the assembled files go through the
//! generator's own loading ([`crate::load::parse_all`]) and lowering ([`crate::Config::lower`]),
//! in memory, so the importer and `generate` cannot disagree on what is valid. Each problem
//! lowering finds (property names that collide as Rust names, an inheritance cycle across pages, a
//! page that inherits from itself, …) becomes a warning at the page and line the offending
//! description came from, instead of an error in an intermediate file after the import.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Assembler, OperationPage};
use crate::diagnostic::{Diagnostic, Source};
use crate::error::{Error, Result};
use crate::import::describe::{BASE_TYPE_LINE, TYPE_LINE, Warning};
use crate::schema::{DescriptionFile, Location, OperationBody, OperationDescription, OperationPart, TypePart};

impl Assembler {
    /// Loads and lowers `files` (by file name, with the qualified name of the type each holds) as
    /// `generate` would, and reports every problem at its page. Only a failure of the generator
    /// itself is an error.
    pub(super) fn validate(&mut self, files: &BTreeMap<String, (Option<String>, DescriptionFile)>) -> Result<()> {
        let mut sources = Vec::new();
        for (name, (_, file)) in files {
            let text =
                serde_json::to_string_pretty(file).map_err(|error| Error::Internal { message: error.to_string() })?;
            sources.push(Source { path: PathBuf::from(name), text });
        }
        let checked = crate::load::parse_all(sources).and_then(|loaded| crate::Config::new(".").lower(&loaded));
        let diagnostics = match checked {
            Ok(api) => {
                // What `generate` would leave out, at the page of the type it belongs to.
                for omission in api.omitted {
                    let described = omission.owner.as_deref().and_then(|owner| self.types.get(owner));
                    let (file, line) = match described {
                        Some(described) => (described.file.clone(), described.line(TYPE_LINE)),
                        None => (PathBuf::from("(service)"), 1),
                    };
                    self.warnings.push(Warning {
                        file,
                        line,
                        message: format!("`generate` leaves out: {}", omission.message),
                    });
                }
                return Ok(());
            }
            Err(Error::Invalid(diagnostics)) => diagnostics.0,
            Err(other) => return Err(other),
        };
        let owners: BTreeMap<&str, &str> =
            files.iter().filter_map(|(name, (qualified, _))| Some((name.as_str(), qualified.as_deref()?))).collect();
        for diagnostic in diagnostics {
            let warning = self.at_page(&diagnostic, &owners);
            self.warnings.push(warning);
        }
        Ok(())
    }

    /// The page and line a diagnostic of the file named `diagnostic.file` comes from: what its
    /// location is part of (a property's row, an operation's page, an inline body's row, the
    /// "Inherits from" line), else the type's page.
    fn at_page(&self, diagnostic: &Diagnostic, owners: &BTreeMap<&str, &str>) -> Warning {
        let help = diagnostic.help.as_deref().map(|help| format!(" (help: {help})")).unwrap_or_default();
        let location = diagnostic.json_path.as_ref().map_or(Location::Elsewhere, Location::of);
        let message = format!("`generate` would reject what this page gives: {}{help}", diagnostic.message);
        let file_name = diagnostic.file.to_string_lossy();
        let described =
            owners.get(file_name.as_ref()).and_then(|qualified| Some((*qualified, self.types.get(*qualified)?)));
        let Some((qualified, described)) = described else {
            // The service description, which no page holds.
            return Warning { file: diagnostic.file.clone(), line: 1, message };
        };
        // Each file the importer writes holds its one type as `types[0]`.
        let part = match location {
            Location::Type { ty: 0, part } => part,
            Location::Type { .. } | Location::Service | Location::Elsewhere => TypePart::Itself,
        };
        let (file, line) = match part {
            TypePart::Property(i) => {
                let property = described.ty.properties.get(i).map(|p| p.name.as_str()).unwrap_or_default();
                (described.file.clone(), described.line(property))
            }
            TypePart::Operation { index, part } => {
                let operation = described.ty.operations.get(index);
                let page = operation.and_then(|o| self.operation_pages.get(&(qualified.to_owned(), o.name.clone())));
                match (operation, page) {
                    (Some(operation), Some(page)) => (page.file.clone(), body_row(operation, page, part)),
                    // Copied from a base type (`inherit_base_actions`), or not from a page.
                    _ => (described.file.clone(), 1),
                }
            }
            TypePart::BaseType => (described.file.clone(), described.line(BASE_TYPE_LINE)),
            TypePart::Itself | TypePart::BoundOperation { .. } => (described.file.clone(), 1),
        };
        Warning { file, line, message }
    }

    /// The API version the pages' folders name (`api-reference/beta/…`, `api-reference/v1.0/…`),
    /// for a service description when no operation page says it; `beta`, with a warning, when
    /// none does.
    pub(super) fn api_version_of_pages(&mut self, pages: &[PathBuf]) -> String {
        let named = named_api_version(pages);
        if let Some(version) = named {
            return version.to_owned();
        }
        let first = pages.first().map_or_else(|| Path::new("(no pages)"), PathBuf::as_path);
        let message = "no page's folder names the API version (`api-reference/beta/` or `api-reference/v1.0/`); the service description says `beta`".to_owned();
        self.warn(first, 1, message);
        "beta".to_owned()
    }
}

/// The line on its page of the part of `operation` a problem is in: the row of an inline request
/// body's parameter, else the HTTP request.
fn body_row(operation: &OperationDescription, page: &OperationPage, part: OperationPart) -> usize {
    let OperationPart::Body { body: OperationBody::Request, property: Some(i) } = part else { return page.line };
    let name = operation.request_body.as_ref().and_then(|body| body.properties.get(i)).map(|p| p.name.as_str());
    name.and_then(|name| page.body_rows.get(name)).copied().unwrap_or(page.line)
}

/// The API version the first page's folder that names one names (`api-reference/beta/…`,
/// `api-reference/v1.0/…`).
pub(super) fn named_api_version(pages: &[PathBuf]) -> Option<&'static str> {
    pages.iter().find_map(|path| {
        let text = path.to_string_lossy().replace('\\', "/");
        if text.contains("/beta/") {
            Some("beta")
        } else if text.contains("/v1.0/") {
            Some("v1.0")
        } else {
            None
        }
    })
}
