//! Typo tolerance: the words of the knowledge base, and the nearest of them to a misspelt word.
//!
//! Correction works on surface words (lower-cased, before stemming), because a typo can change
//! what the stemmer does to a word (`bersma` loses a different affix than `bersama`). Words are
//! bucketed by first letter, since people rarely misspell the first letter, which keeps a
//! lookup to a few thousand comparisons even for a large knowledge base.

use std::collections::HashMap;

/// Surface words of the knowledge base with how often they occur.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    counts: HashMap<String, u32>,
    by_first: HashMap<char, Vec<(String, u32)>>,
}

impl Vocabulary {
    /// Builds the vocabulary from word counts.
    pub fn from_counts(counts: HashMap<String, u32>) -> Self {
        let mut by_first: HashMap<char, Vec<(String, u32)>> = HashMap::new();
        for (w, &c) in &counts {
            if let Some(first) = w.chars().next() {
                by_first.entry(first).or_default().push((w.clone(), c));
            }
        }
        // Most frequent first, then alphabetical, so ties resolve the same way every run.
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        Vocabulary { counts, by_first }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.counts.contains_key(word)
    }

    /// The most frequent known word within the allowed edit distance of `word`, if `word` itself
    /// is unknown. Short words are never corrected: at three letters every word is a typo of
    /// another.
    pub fn correct(&self, word: &str) -> Option<&str> {
        if self.contains(word) || word.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let len = word.chars().count();
        let max = match len {
            0..=4 => return None,
            5..=7 => 1,
            _ => 2,
        };
        let first = word.chars().next()?;
        let candidates = self.by_first.get(&first)?;
        let mut best: Option<(&str, usize)> = None;
        for (cand, _) in candidates {
            let clen = cand.chars().count();
            if clen.abs_diff(len) > max || clen < 4 {
                continue;
            }
            if let Some(d) = bounded_distance(word, cand, max) {
                // Candidates are sorted by frequency: keep the first at the smallest distance.
                if best.is_none_or(|(_, bd)| d < bd) {
                    best = Some((cand, d));
                    if d == 1 {
                        break;
                    }
                }
            }
        }
        best.map(|(w, _)| w)
    }
}

/// Letters Indonesian spells either way in common use: the standard form and the variant news
/// also prints ("ekstrim" for "ekstrem", "resiko" for "risiko", "aktifitas" for "aktivitas",
/// "ijin" for "izin", "propinsi" for "provinsi"). Read from the variants that the news list
/// (`news-frequency.tsv`) holds beside their standard forms.
const VARIANT_LETTERS: [(char, char); 5] = [('e', 'i'), ('o', 'u'), ('f', 'v'), ('p', 'v'), ('j', 'z')];

/// Whether `word` is a variant spelling of `standard`: one letter of [`VARIANT_LETTERS`]
/// exchanged, or an `h` added or dropped ("hutang" for "utang"). A word of general news is
/// corrected only when it is such a variant: otherwise it is a word of its own ("latin" is no
/// misspelt "lain").
pub fn is_spelling_variant(word: &str, standard: &str) -> bool {
    let a: Vec<char> = word.chars().collect();
    let b: Vec<char> = standard.chars().collect();
    if a.len() == b.len() {
        let mut differ = a.iter().zip(&b).filter(|(x, y)| x != y);
        return match (differ.next(), differ.next()) {
            (Some((&x, &y)), None) => VARIANT_LETTERS.iter().any(|&(p, q)| (x, y) == (p, q) || (x, y) == (q, p)),
            _ => false,
        };
    }
    let (long, short) = if a.len() > b.len() { (&a, &b) } else { (&b, &a) };
    long.len() == short.len() + 1
        && (0..long.len()).any(|i| long[i] == 'h' && long[..i] == short[..i] && long[i + 1..] == short[i..])
}

/// Optimal-string-alignment distance (a swap of two neighbours counts as one edit), or `None`
/// when it exceeds `max`.
pub fn bounded_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![usize::MAX; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocabulary {
        Vocabulary::from_counts(words.iter().map(|w| (w.to_string(), 1)).collect())
    }

    #[test]
    fn distance_counts_swaps_as_one_edit() {
        assert_eq!(bounded_distance("bersma", "bersama", 2), Some(1));
        assert_eq!(bounded_distance("ekstrim", "ekstrem", 2), Some(1));
        assert_eq!(bounded_distance("kolaborsai", "kolaborasi", 2), Some(1));
        assert_eq!(bounded_distance("koperasi", "kemasan", 2), None);
    }

    #[test]
    fn misspelt_words_are_corrected_to_known_ones() {
        let v = vocab(&["bersama", "ekstrem", "produksi", "rumah"]);
        assert_eq!(v.correct("bersma"), Some("bersama"));
        assert_eq!(v.correct("ekstrim"), Some("ekstrem"));
        assert_eq!(v.correct("prodksi"), Some("produksi"));
    }

    #[test]
    fn variant_spellings_are_told_from_other_words() {
        for (variant, standard) in [
            ("ekstrim", "ekstrem"),
            ("resiko", "risiko"),
            ("aktifitas", "aktivitas"),
            ("hutang", "utang"),
            ("ijin", "izin"),
        ] {
            assert!(is_spelling_variant(variant, standard), "{variant}");
        }
        for (word, near) in [("latin", "lain"), ("badak", "badan"), ("bunga", "bunda"), ("ekstrim", "ekstrim")] {
            assert!(!is_spelling_variant(word, near), "{word}");
        }
    }

    #[test]
    fn known_short_and_far_words_are_left_alone() {
        let v = vocab(&["bersama", "rumah"]);
        assert_eq!(v.correct("bersama"), None);
        assert_eq!(v.correct("rumh"), None, "four letters is too short to guess");
        assert_eq!(v.correct("cabai"), None);
    }
}
