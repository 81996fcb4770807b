//! "Did you mean": the closest of some known names to one that is not known. One place, so that
//! every unknown name (a type, a pattern, a workload, a field of a description file) is suggested
//! the same way.

/// The Levenshtein distance between two strings, by characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// The candidate closest to `wanted` in spelling, ignoring case, when it is within `max_edits`
/// edits; ties go to the first.
pub(crate) fn closest<'c>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    max_edits: usize,
) -> Option<&'c str> {
    let wanted = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&wanted, &candidate.to_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= max_edits)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("strin", "string"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("é", "e"), 1, "by characters, not bytes");
    }

    #[test]
    fn closest_ignores_case_and_keeps_within_the_edits() {
        let names = ["description", "properties", "name"];
        assert_eq!(closest("descripton", names, 2), Some("description"));
        assert_eq!(closest("Propertys", names, 2), Some("properties"));
        assert_eq!(closest("colour", names, 2), None);
    }
}
