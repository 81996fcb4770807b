//! The corpus translated: each line with its status, and the test file of the addressed ones.

use super::corpus::{Corpus, DocLine};
use super::emit;
use super::translate::{self, Status};
use crate::request_lines::metadata::Metadata;

/// One line of the corpus and what the translator made of it.
#[derive(Debug)]
pub struct Entry<'c> {
    /// The line.
    pub line: &'c DocLine,
    /// Addressed (with its calls), or why not.
    pub status: Status,
}

/// Translates every line of the corpus.
pub fn translate_all<'c>(meta: &Metadata, corpus: &'c Corpus) -> Vec<Entry<'c>> {
    corpus.lines.iter().map(|line| Entry { line, status: translate::translate(meta, line) }).collect()
}

/// The test file for the addressed entries, leaving out the lines in `exclude` (ids whose test
/// does not compile).
pub fn test_file(entries: &[Entry<'_>], exclude: &[&str]) -> String {
    let lines: Vec<_> = entries
        .iter()
        .filter(|entry| !exclude.contains(&entry.line.id.as_str()))
        .filter_map(|entry| match &entry.status {
            Status::Addressed { prepared, translation } => Some((entry.line, &**prepared, &translation.plan)),
            Status::Unaddressed(..) => None,
        })
        .collect();
    emit::test_file(&lines)
}
