//! A general English-Indonesian lexicon for the ordinary words of English questions
//! ("collateral", "assigned", "pandemic"), which the knowledge base's glossary does not list.
//!
//! `lexicon.tsv` joins Wordnet Bahasa (MIT) to Open English WordNet (CC BY 4.0) by synset:
//! `english<TAB>indonesian|indonesian|…`, best first, sorted by the English lemma. How it was
//! derived, its sources and their licences are in `LEXICON.md` beside it, and
//! `derive-lexicon.py` makes it again.
//!
//! Question words are inflected ("assigned", "debtors", "startups") and the file holds lemmas,
//! so a word not found is looked up again with the suffixes English inflects with taken off
//! (WordNet's own "morphy" detachment rules).

use std::sync::OnceLock;

/// The lexicon file, compiled in.
const LEXICON: &str = include_str!("lexicon.tsv");

/// The English lemmas with their Indonesian candidates (`|`-separated), sorted by lemma.
fn entries() -> &'static [(&'static str, &'static str)] {
    static ENTRIES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut out: Vec<(&str, &str)> =
            LEXICON.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t')).collect();
        // The file is sorted; sorting again keeps a hand edit from breaking the search.
        out.sort_unstable_by_key(|e| e.0);
        out
    })
}

/// The Indonesian candidates of the English lemma `lemma` (lower-case), best first.
fn lookup(lemma: &str) -> Option<impl Iterator<Item = &'static str>> {
    let entries = entries();
    let at = entries.binary_search_by_key(&lemma, |e| e.0).ok()?;
    Some(entries[at].1.split('|'))
}

/// Suffixes English inflects with and what the lemma ends in instead, in the order WordNet's
/// morphy tries them (nouns, then verbs, then adjectives).
const DETACHMENTS: &[(&str, &str)] = &[
    ("ies", "y"),
    ("ses", "s"),
    ("xes", "x"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("s", ""),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("er", ""),
    ("est", ""),
];

/// The forms `word` (lower-case) may be inflected from, in morphy's order: each detachment's,
/// and for a doubled consonant before "-ed" or "-ing" the single one ("planned", "plan").
pub fn lemmas(word: &str) -> impl Iterator<Item = String> + '_ {
    DETACHMENTS.iter().flat_map(move |(suffix, ending)| {
        let stem = word.strip_suffix(suffix).filter(|s| s.len() >= 2);
        let doubled = stem.filter(|s| ending.is_empty() && s.as_bytes().ends_with(&[s.as_bytes()[s.len() - 1]; 2]));
        stem.map(|s| format!("{s}{ending}")).into_iter().chain(doubled.map(|s| s[..s.len() - 1].to_string()))
    })
}

/// The Indonesian candidates of English `word` (lower-case), or of its lemma: `word` itself
/// first, then each of its [`lemmas`] in turn.
pub fn candidates(word: &str) -> Option<Vec<&'static str>> {
    if let Some(found) = lookup(word) {
        return Some(found.collect());
    }
    lemmas(word).find_map(|lemma| lookup(&lemma).map(Iterator::collect))
}

/// The longest English phrase of the lexicon at the start of `words` (at most `max` words), with
/// how many words it takes and its candidates: "revolving fund" before "revolving".
pub fn longest_phrase(words: &[String], max: usize) -> Option<(usize, Vec<&'static str>)> {
    (2..=max.min(words.len())).rev().find_map(|n| lookup(&words[..n].join(" ")).map(|c| (n, c.collect())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_is_sorted_with_one_line_per_lemma() {
        let lemmas: Vec<&str> =
            LEXICON.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t')).map(|e| e.0).collect();
        assert!(lemmas.len() > 30_000, "{} lemmas", lemmas.len());
        assert!(lemmas.windows(2).all(|w| w[0] < w[1]), "sorted, each once");
    }

    #[test]
    fn inflected_words_are_read_through_their_lemma() {
        assert_eq!(candidates("debtors").as_deref().and_then(|c| c.first().copied()), Some("debitur"));
        assert!(candidates("assigned").is_some_and(|c| c.contains(&"menugaskan")));
        assert!(candidates("planned").is_some());
        assert!(candidates("xqzzy").is_none());
    }
}
