//! "Did you mean": the nearest of some spellings to a mistyped word, for
//! the hints of unknown field and register names (issue #20).

/// The target of the candidate spelled nearest to `key`, if within a
/// typo's distance: one edit for short words, two for longer ones.
pub fn nearest<T>(key: &str, candidates: impl Iterator<Item = (String, T)>) -> Option<T> {
    let allowed = if key.chars().count() <= 4 { 1 } else { 2 };
    candidates
        .map(|(spelling, target)| (strsim::damerau_levenshtein(key, &spelling), target))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, target)| target)
}
