//! Stage 1: read description files and parse them into [`crate::schema`] types.
//!
//! Files are read in sorted path order, so the result never depends on the order in which the
//! file system lists a folder.
//!
//! Every input file of the generator and the importer is read through [`read_text`], which
//! bounds its size and refuses what is not UTF-8 text with a located error; the JSON parser's
//! own limit of 128 levels of nesting bounds the depth (see "Limits on input" in the README).

use std::fs;
use std::io::Read;
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
    if dir.is_file() {
        let what = "`--schema` (and `Config::new`) takes the folder of description files".to_owned();
        return Err(Error::NotAFolder { path: dir.to_owned(), what });
    }
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

/// The largest description file read, in bytes (8 MiB). Graph's largest type description is a
/// few kilobytes; a larger file is not a description.
pub const MAX_DESCRIPTION_BYTES: u64 = 8 << 20;
/// The largest documentation page read, in bytes (2 MiB). Graph's longest pages are a few
/// hundred kilobytes; a page at the limit imports in seconds.
pub const MAX_PAGE_BYTES: u64 = 2 << 20;
/// The largest metadata document read, in bytes (32 MiB). Graph v1.0's `$metadata` is 3.4 MB; a
/// document at the limit parses in seconds and a few hundred megabytes.
pub const MAX_METADATA_BYTES: u64 = 32 << 20;

/// Reads an input file as UTF-8 text of at most `limit` bytes. A leading byte-order mark is
/// dropped (editors on Windows write one). A larger file, a file that is not UTF-8 or that holds
/// a NUL byte (a binary file) is refused with a located error ([`Error::Invalid`]) before any
/// parsing; a file that cannot be read at all is [`Error::Read`].
pub fn read_text(path: &Path, limit: u64) -> Result<String> {
    let read_error = |source| Error::Read { path: path.to_owned(), source };
    let file = fs::File::open(path).map_err(read_error)?;
    let size = file.metadata().map_err(read_error)?.len();
    if size > limit {
        return Err(too_large(path, size, limit));
    }
    // The size can change after it was asked (or be 0 for a special file): read one byte more
    // than the limit, never more, whatever the file does.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(read_error)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, bytes.len() as u64, limit));
    }
    text_of(path, bytes).map_err(|diagnostic| Error::Invalid(Diagnostics(vec![*diagnostic])))
}

/// `bytes` as text without a byte-order mark, or why they are not text.
fn text_of(path: &Path, mut bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bytes.drain(..bom);
    let help = "input files are UTF-8 text; check that this is the right file, or re-save it as UTF-8";
    match String::from_utf8(bytes) {
        Ok(text) => match text.find('\0') {
            None => Ok(text),
            Some(offset) => {
                let message =
                    format!("the file holds a NUL byte at byte offset {}: it is binary, not text", offset + bom);
                Err(Box::new(Diagnostic::after(path, &text[..offset], message).with_help(help)))
            }
        },
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let byte = error.as_bytes()[offset];
            // Everything before the first invalid byte is valid UTF-8, so it locates the byte.
            let before = std::str::from_utf8(&error.as_bytes()[..offset]).unwrap_or_default();
            let message = format!(
                "the file is not UTF-8 text: the byte 0x{byte:02X} at byte offset {} is not valid UTF-8",
                offset + bom
            );
            Err(Box::new(Diagnostic::after(path, before, message).with_help(help)))
        }
    }
}

fn too_large(path: &Path, size: u64, limit: u64) -> Error {
    let mib = |bytes: u64| bytes as f64 / f64::from(1 << 20);
    let diagnostic = Diagnostic::file(
        path,
        format!(
            "the file is too large: {:.1} MiB, over the limit of {:.0} MiB for this kind of input",
            mib(size),
            mib(limit)
        ),
    )
    .with_help(
        "check that this is the right file; a larger input is not something Graph publishes, so split it or trim it",
    );
    Error::Invalid(Diagnostics(vec![diagnostic]))
}

/// Reads and parses every description file in `dir`. All files are read and parsed even when one
/// fails, so a run reports every broken file at once.
pub fn load_dir(dir: &Path) -> Result<Vec<LoadedFile>> {
    let loaded = load_dir_reporting(dir)?;
    if loaded.problems.is_empty() { Ok(loaded.files) } else { Err(Error::Invalid(Diagnostics(loaded.problems))) }
}

/// Description files and the problems found reading and parsing them.
#[derive(Debug)]
pub struct Loaded {
    /// The files that could be parsed: every file whose only problems are unknown fields too
    /// (parsed without them), so that what they say can still be checked.
    pub files: Vec<LoadedFile>,
    /// Every problem, in file order.
    pub problems: Vec<Diagnostic>,
    /// Whether every file is in `files`: checking what they say is then meaningful (a file
    /// missing would make its types look undescribed).
    pub complete: bool,
}

/// Reads and parses every description file in `dir`, keeping what parses. A file that is not
/// text or not JSON is a problem and left out; an unknown field (`"descripton"`) is a problem
/// (with the closest known field) and the file is parsed without it.
pub fn load_dir_reporting(dir: &Path) -> Result<Loaded> {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let mut unreadable = 0;
    for path in description_paths(dir)? {
        match read_text(&path, MAX_DESCRIPTION_BYTES) {
            Ok(text) => sources.push(Source { path, text }),
            Err(Error::Invalid(diagnostics)) => {
                problems.extend(diagnostics.0);
                unreadable += 1;
            }
            Err(other) => return Err(other),
        }
    }
    let mut loaded = parse_reporting(sources, problems);
    loaded.complete &= unreadable == 0;
    Ok(loaded)
}

/// Parses already-read description files (in the order given).
pub fn parse_all(sources: Vec<Source>) -> Result<Vec<LoadedFile>> {
    let loaded = parse_reporting(sources, Vec::new());
    if loaded.problems.is_empty() { Ok(loaded.files) } else { Err(Error::Invalid(Diagnostics(loaded.problems))) }
}

/// Parses `sources`, adding their problems to those already found.
fn parse_reporting(sources: Vec<Source>, mut problems: Vec<Diagnostic>) -> Loaded {
    let mut files = Vec::new();
    let mut complete = true;
    for source in sources {
        let (description, found) = parse_lenient(&source);
        problems.extend(found);
        match description {
            Some(description) => files.push(LoadedFile { source, description }),
            None => complete = false,
        }
    }
    // Files that could not be read come first otherwise; keep the report in file order.
    problems.sort_by(|a, b| a.file.cmp(&b.file));
    Loaded { files, problems, complete }
}

/// Parses one description file.
pub fn parse(source: &Source) -> Result<DescriptionFile, Box<Diagnostic>> {
    match parse_lenient(source) {
        (Some(description), problems) if problems.is_empty() => Ok(description),
        (_, mut problems) => Err(Box::new(problems.remove(0))),
    }
}

/// The most unknown fields reported in one file before giving up on it (each is parsed again).
const MAX_UNKNOWN_FIELDS: usize = 64;

/// Parses one description file: the description (without its unknown fields, when those are its
/// only problems) and every problem found.
fn parse_lenient(source: &Source) -> (Option<DescriptionFile>, Vec<Diagnostic>) {
    if let Some(problem) = not_an_object(source) {
        return (None, vec![problem]);
    }
    // The usual case, read as it streams.
    let mut deserializer = serde_json::Deserializer::from_str(&source.text);
    let first = match serde_path_to_error::deserialize::<_, DescriptionFile>(&mut deserializer) {
        Ok(file) => match deserializer.end() {
            Ok(()) => return (Some(file), Vec::new()),
            Err(error) => return (None, vec![json_error(source, None, error)]),
        },
        Err(error) => error,
    };
    if !is_unknown_field(first.inner()) {
        let path = json_path(first.path());
        return (None, vec![json_error(source, path, first.into_inner())]);
    }
    // Unknown fields: each is reported, with the closest known one, and left out, so that the
    // rest of the file is read and checked in the same run.
    let mut value: serde_json::Value = match serde_json::from_str(&source.text) {
        Ok(value) => value,
        // Too deep to hold as a value (hostile input): the first unknown field is the report.
        Err(_) => {
            let path = json_path(first.path());
            return (None, vec![json_error(source, path, first.into_inner())]);
        }
    };
    let mut problems = Vec::new();
    for _ in 0..MAX_UNKNOWN_FIELDS {
        let error = match serde_path_to_error::deserialize::<_, DescriptionFile>(&value) {
            Ok(file) => return (Some(file), problems),
            Err(error) => error,
        };
        let path = json_path(error.path());
        let inner = error.into_inner();
        match (is_unknown_field(&inner), &path) {
            (true, Some(path)) if remove_key(&mut value, path) => problems.push(unknown_field(source, path, &inner)),
            _ => {
                problems.push(json_error(source, path, inner));
                return (None, problems);
            }
        }
    }
    (None, problems)
}

/// An empty file, or JSON that is not an object: what no description file is.
fn not_an_object(source: &Source) -> Option<Diagnostic> {
    if source.text.trim().is_empty() {
        return Some(Diagnostic::file(&source.path, "the description file is empty").with_help(format!(
            "a description file is a JSON object such as {{\"$schema\": \"./{JSON_SCHEMA_FILE_NAME}\", \"types\": []}}; delete the file if it is not needed"
        )));
    }
    let first = source.text.trim_start().chars().next();
    // An array is not an object whatever follows (the parser's message about it would be about
    // its first element); another value is reported so only when it is valid JSON.
    if first.is_some_and(|c| c != '{')
        && (first == Some('[') || serde_json::from_str::<serde_json::Value>(&source.text).is_ok())
    {
        let start = source.text.len() - source.text.trim_start().len();
        let line = source.text[..start].matches('\n').count() + 1;
        let column = start - source.text[..start].rfind('\n').map_or(0, |i| i + 1) + 1;
        return Some(
            Diagnostic::at_line_column(source, line, column, "the description file is not a JSON object").with_help(format!(
                "a description file is an object such as {{\"$schema\": \"./{JSON_SCHEMA_FILE_NAME}\", \"types\": []}}"
            )),
        );
    }
    None
}

fn is_unknown_field(error: &serde_json::Error) -> bool {
    error.to_string().starts_with("unknown field `")
}

/// Removes the key `path` ends with from `value`; whether it was there.
fn remove_key(value: &mut serde_json::Value, path: &JsonPath) -> bool {
    use crate::diagnostic::Segment;
    let Some((Segment::Key(key), parents)) = path.segments().split_last() else { return false };
    let mut current = value;
    for segment in parents {
        current = match (segment, current) {
            (Segment::Key(key), serde_json::Value::Object(map)) => match map.get_mut(key) {
                Some(next) => next,
                None => return false,
            },
            (Segment::Index(index), serde_json::Value::Array(items)) => match items.get_mut(*index) {
                Some(next) => next,
                None => return false,
            },
            _ => return false,
        };
    }
    current.as_object_mut().is_some_and(|map| map.remove(key).is_some())
}

/// An unknown field, under its key, with the closest field the object takes.
fn unknown_field(source: &Source, path: &JsonPath, error: &serde_json::Error) -> Diagnostic {
    let message = strip_position(&error.to_string());
    // serde's message names the field and the ones expected: "unknown field `x`, expected one
    // of `a`, `b`" (or "expected `a`", or "there are no fields").
    let (unknown, expected) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
        .map_or(("", Vec::new()), |(unknown, rest)| {
            (unknown, rest.split('`').skip(1).step_by(2).collect::<Vec<&str>>())
        });
    let help = match crate::suggest::closest(unknown, expected.iter().copied(), 2.max(unknown.len() / 3)) {
        Some(known) => format!("did you mean `{known}`?"),
        None if expected.is_empty() => format!("see the description format in `{JSON_SCHEMA_FILE_NAME}`"),
        None => {
            let fields: Vec<String> = expected.iter().map(|field| format!("`{field}`")).collect();
            format!("the fields here are {} (see `{JSON_SCHEMA_FILE_NAME}`)", fields.join(", "))
        }
    };
    Diagnostic::at_key(source, path, format!("unknown field `{unknown}`")).with_help(help)
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
    let mut message = strip_position(&error.to_string());
    let syntax = matches!(error.classify(), serde_json::error::Category::Syntax | serde_json::error::Category::Eof);
    let help = if message == "recursion limit exceeded" {
        // serde_json stops at 128 levels, which bounds the stack; no description nests that deep.
        message = "the JSON nests more than 128 levels deep".to_owned();
        "a description file nests a few levels (types, properties, operations); check that this is the right file"
            .to_owned()
    } else if syntax {
        "the file is not valid JSON; fix the syntax at the position shown".to_owned()
    } else {
        format!("see the description format in `{JSON_SCHEMA_FILE_NAME}` and the README")
    };
    // A value of the wrong shape is underlined whole, found by its path, and an unknown key is
    // underlined itself (its value is not what is wrong); a syntax error is at the parser's
    // position, where a path means little.
    let unknown_key = message.starts_with("unknown field `");
    let located = path
        .filter(|path| !syntax && !path.segments().is_empty())
        .map(|path| {
            if unknown_key {
                Diagnostic::at_key(source, &path, message.clone())
            } else {
                Diagnostic::at(source, &path, message.clone())
            }
        })
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
        assert_eq!(problem.json_path, Some(JsonPath::root().key("types").index(0).key("name")));
        assert_eq!(problem.json_path.as_ref().map(ToString::to_string).as_deref(), Some("types[0].name"));
        assert_eq!(problem.position, Some((1, 37)));
        assert!(problem.message.starts_with("invalid type: integer `5`, expected a string"), "{}", problem.message);
    }

    #[test]
    fn text_is_read_without_its_byte_order_mark_and_binary_is_refused() {
        let path = Path::new("t.json");
        assert_eq!(text_of(path, b"\xEF\xBB\xBF{}".to_vec()).unwrap(), "{}");
        let problem = text_of(path, b"\xEF\xBB\xBF{\n \"a\xFF".to_vec()).unwrap_err();
        assert_eq!(problem.message, "the file is not UTF-8 text: the byte 0xFF at byte offset 8 is not valid UTF-8");
        assert_eq!(problem.position, Some((2, 4)));
        let problem = text_of(path, b"ab\0".to_vec()).unwrap_err();
        assert!(problem.message.contains("NUL byte at byte offset 2"), "{}", problem.message);
    }

    #[test]
    fn files_over_the_limit_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        fs::write(&path, "x".repeat(11)).unwrap();
        assert_eq!(read_text(&path, 11).unwrap().len(), 11);
        let Err(Error::Invalid(problems)) = read_text(&path, 10) else { panic!("refused") };
        assert!(problems.0[0].message.starts_with("the file is too large"), "{}", problems.0[0].message);
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
