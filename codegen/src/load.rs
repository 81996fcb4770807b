//! Stage 1: read description files and parse them into [`crate::schema`] types.
//!
//! Files are read in sorted path order, so the result never depends on the order in which the
//! file system lists a folder.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, JsonPath, Source};
use crate::error::{Error, Result};
use crate::schema::{DescriptionFile, JSON_SCHEMA_FILE_NAME};

/// A parsed description file with its text, kept for error messages.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// The file's path and text.
    pub source: Source,
    /// The parsed content.
    pub description: DescriptionFile,
}

/// The description files of a folder: every `*.json` file except JSON Schemas (`*.schema.json`),
/// not recursing into subfolders.
pub fn description_paths(dir: &Path) -> Result<Vec<PathBuf>> {
    let read_error = |source| Error::Read { path: dir.to_owned(), source };
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
        if path.is_file() && name.ends_with(".json") && !name.ends_with(".schema.json") {
            paths.push(path);
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(Error::NoDescriptions { dir: dir.to_owned() });
    }
    Ok(paths)
}

/// Reads and parses every description file in `dir`. All files are parsed even when one fails,
/// so a run reports every broken file at once.
pub fn load_dir(dir: &Path) -> Result<Vec<LoadedFile>> {
    let mut sources = Vec::new();
    for path in description_paths(dir)? {
        let text = fs::read_to_string(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
        sources.push(Source { path, text });
    }
    parse_all(sources)
}

/// Parses already-read description files (in the order given).
pub fn parse_all(sources: Vec<Source>) -> Result<Vec<LoadedFile>> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for source in sources {
        match parse(&source) {
            Ok(description) => files.push(LoadedFile { source, description }),
            Err(problem) => problems.push(*problem),
        }
    }
    if problems.is_empty() { Ok(files) } else { Err(Error::Invalid(Diagnostics(problems))) }
}

/// Parses one description file.
pub fn parse(source: &Source) -> Result<DescriptionFile, Box<Diagnostic>> {
    if source.text.trim().is_empty() {
        return Err(Box::new(Diagnostic::file(&source.path, "the description file is empty").with_help(format!(
            "a description file is a JSON object such as {{\"$schema\": \"./{JSON_SCHEMA_FILE_NAME}\", \"types\": []}}; delete the file if it is not needed"
        ))));
    }
    let first = source.text.trim_start().chars().next();
    if first.is_some_and(|c| c != '{') && serde_json::from_str::<serde_json::Value>(&source.text).is_ok() {
        let start = source.text.len() - source.text.trim_start().len();
        let line = source.text[..start].matches('\n').count() + 1;
        let column = start - source.text[..start].rfind('\n').map_or(0, |i| i + 1) + 1;
        return Err(Box::new(
            Diagnostic::at_line_column(source, line, column, "the description file is not a JSON object").with_help(format!(
                "a description file is an object such as {{\"$schema\": \"./{JSON_SCHEMA_FILE_NAME}\", \"types\": []}}"
            )),
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_str(&source.text);
    let file: DescriptionFile = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = json_path(error.path());
        Box::new(json_error(source, path, error.into_inner()))
    })?;
    deserializer.end().map_err(|error| Box::new(json_error(source, None, error)))?;
    Ok(file)
}

/// The path serde_path_to_error tracked, when every step of it is known.
fn json_path(path: &serde_path_to_error::Path) -> Option<JsonPath> {
    let mut json_path = JsonPath::root();
    for segment in path.iter() {
        json_path = match segment {
            serde_path_to_error::Segment::Seq { index } => json_path.index(*index),
            serde_path_to_error::Segment::Map { key } => json_path.key(key),
            _ => return None,
        };
    }
    Some(json_path)
}

fn json_error(source: &Source, path: Option<JsonPath>, error: serde_json::Error) -> Diagnostic {
    let message = strip_position(&error.to_string());
    let syntax = matches!(error.classify(), serde_json::error::Category::Syntax | serde_json::error::Category::Eof);
    let help = if syntax {
        "the file is not valid JSON; fix the syntax at the position shown".to_owned()
    } else {
        format!("see the description format in `{JSON_SCHEMA_FILE_NAME}` and the README")
    };
    // A value of the wrong shape is underlined whole, found by its path; a syntax error is at
    // the parser's position, where a path means little.
    let located = path
        .filter(|path| !syntax && !path.segments().is_empty())
        .map(|path| Diagnostic::at(source, &path, message.clone()))
        .filter(|diagnostic| diagnostic.position.is_some());
    match located {
        Some(diagnostic) => diagnostic.with_help(help),
        None => Diagnostic::at_line_column(source, error.line(), error.column(), message).with_help(help),
    }
}

/// serde_json appends " at line L column C" to its messages; the diagnostic shows that itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source { path: "schema/t.json".into(), text: text.into() }
    }

    #[test]
    fn reports_wrong_types_with_their_path() {
        let problem = parse(&source("{\"types\": [{\"kind\": \"enum\", \"name\": 5}]}")).unwrap_err();
        assert_eq!(problem.json_path.as_deref(), Some("types[0].name"));
        assert_eq!(problem.position, Some((1, 37)));
        assert!(problem.message.starts_with("invalid type: integer `5`, expected a string"), "{}", problem.message);
    }

    #[test]
    fn reports_empty_and_malformed_files() {
        assert!(parse(&source("  \n")).unwrap_err().message.contains("empty"));
        let problem = parse(&source("{\"types\": [}")).unwrap_err();
        assert_eq!(problem.position, Some((1, 12)));
        assert!(problem.help.unwrap().contains("not valid JSON"));
        let trailing = parse(&source("{} x")).unwrap_err();
        assert_eq!(trailing.message, "trailing characters");
    }
}
