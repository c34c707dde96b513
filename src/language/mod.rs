//! Indonesian text analysis: turns text into search terms.
//!
//! One [`Analyzer`] serves both sides of the search, so that a question and a passage meet on
//! the same terms: words are split, lower-cased, chat shorthand is expanded (`brp` → `berapa`),
//! stopwords (including question words) are dropped, and what is left is stemmed with the
//! Snowball Indonesian stemmer. Typo correction against the index vocabulary lives in [`typo`];
//! the word lists live in [`words`].

pub mod calendar;
pub mod figures;
pub mod frequency;
pub mod places;
pub mod typo;
pub mod words;

use std::borrow::Cow;

/// Stems remembered per thread; the cache is emptied when it reaches this size.
const MAX_CACHED_STEMS: usize = 100_000;

thread_local! {
    static STEMS: std::cell::RefCell<std::collections::HashMap<String, String>> = std::cell::RefCell::new(std::collections::HashMap::new());
}

/// One analysed word: where it stands in the original text and the term it searches as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the word in the analysed text.
    pub start: usize,
    pub end: usize,
    /// Position among all words (stopwords included), so adjacency survives stopword removal.
    pub position: usize,
    /// Lower-cased word after shorthand expansion, before stemming.
    pub word: String,
    /// The stemmed search term.
    pub term: String,
}

/// A raw word of the text, before any normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// Folds case and runs of white space, so that `20  Agustus` matches `20 agustus`: how
/// questions are compared as typed (curated questions, the store's counts, evaluation).
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Splits text into sentences at `.`, `!` or `?` followed by a space and a capital letter, a
/// digit or a quote, which keeps `Rp1.500` and `No. 5` whole.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1) == Some(&b' ') {
            let next = text[i + 2..].chars().next();
            if next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || n == '"' || n == '“') {
                let s = text[start..=i].trim();
                if !s.is_empty() {
                    out.push(s);
                }
                start = i + 2;
            }
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Cuts `s` to at most `max` bytes at a character boundary.
pub fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Splits `text` into words: runs of letters and digits, where a `.` or `,` between two digits
/// stays inside the word so that `21,4` and `1.500` are one word.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> + '_ {
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the next word character.
        let start = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                chars.next();
                continue;
            }
            let inside_number = (c == '.' || c == ',')
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if inside_number {
                chars.next();
                continue;
            }
            end = i;
            break;
        }
        Some(Word { start, end, text: &text[start..end] })
    })
}

/// The words of `text` that could be names: capitalised, except function words capitalised only
/// because they open a sentence ("Dalam", "Ia").
pub fn names(text: &str) -> impl Iterator<Item = Word<'_>> + '_ {
    words(text).filter(move |w| {
        if !w.text.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        let sentence_start =
            text[..w.start].trim_end().chars().last().is_none_or(|c| matches!(c, '.' | '!' | '?' | '"'));
        !(sentence_start && words::is_stopword(&w.text.to_lowercase()))
    })
}

/// The Indonesian analyser. Cheap to clone; holds no per-text state.
#[derive(Clone)]
pub struct Analyzer {
    stemmer: frostem::Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer(indonesian)")
    }
}

impl Analyzer {
    pub fn new() -> Self {
        Analyzer { stemmer: frostem::Stemmer::new(frostem::Algorithm::Indonesian) }
    }

    /// Lower-cases a word, reads chat reduplication (`target2` is `target-target`, which
    /// searches as `target`) and expands chat shorthand and colloquial forms (`yg` → `yang`,
    /// `udah` → `sudah`).
    pub fn normalize<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let word = reduplication_base(word);
        let lower: Cow<'a, str> =
            if word.chars().any(char::is_uppercase) { Cow::Owned(word.to_lowercase()) } else { Cow::Borrowed(word) };
        match words::shorthand(&lower) {
            Some(expanded) => Cow::Borrowed(expanded),
            None => lower,
        }
    }

    /// Stems one normalised word. Numbers and very short words are kept as they are.
    ///
    /// Stemming dominates analysis, and the engine re-analyses its candidate passages on every
    /// question, so each thread remembers the stems it has computed (up to a bound).
    pub fn stem(&self, word: &str) -> String {
        if word.bytes().any(|b| b.is_ascii_digit()) {
            return number_term(word);
        }
        if word.len() <= 3 {
            return word.to_string();
        }
        STEMS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(s) = cache.get(word) {
                return s.clone();
            }
            // Snowball cuts some roots as if they were affixed ("perdana" → "dana"); keep those
            // whole, with a particle or possessive ("kepalanya") still removed.
            let base =
                ["lah", "kah", "pun", "nya", "ku", "mu"].iter().find_map(|s| word.strip_suffix(s)).unwrap_or(word);
            // An ordinal is not its number: "kelima" (the fifth) is not "lima" (five).
            let s = if words::is_protected_root(base) || crate::language::figures::is_ordinal(base) {
                base.to_string()
            } else {
                self.stemmer.stem(word).into_owned()
            };
            if cache.len() >= MAX_CACHED_STEMS {
                cache.clear();
            }
            cache.insert(word.to_string(), s.clone());
            s
        })
    }

    /// The search terms of `text`, stopwords dropped.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        for (position, w) in words(text).enumerate() {
            let normalized = self.normalize(w.text);
            // Shorthand can expand to two words ("dmn" → "di mana"): both are stopwords today,
            // but analyse each part so a future expansion to content words still searches.
            for part in normalized.split(' ') {
                if part.is_empty() || words::is_stopword(part) {
                    continue;
                }
                out.push(Token { start: w.start, end: w.end, position, word: part.to_string(), term: self.stem(part) });
            }
        }
        out
    }

    /// The stemmed terms of `text`, in order, stopwords dropped.
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.tokens(text).into_iter().map(|t| t.term).collect()
    }
}

/// Letters a word needs before a `2` for the `2` to mean reduplication (`target2`), so that
/// codes such as `B2` or `G2` stay as written.
const MIN_REDUPLICATED_LETTERS: usize = 3;

/// `target2` → `target`: chat writes a reduplicated word (`target-target`, "targets") with a 2.
fn reduplication_base(word: &str) -> &str {
    match word.strip_suffix('2') {
        Some(base) if base.chars().count() >= MIN_REDUPLICATED_LETTERS && base.chars().all(char::is_alphabetic) => base,
        _ => word,
    }
}

/// A number's search term: "1.500" and "1500" are the same number (Indonesian puts dots between
/// thousands, and people typing a question often leave them out), and so are "rp1.500" and
/// "rp1500". Anything else with digits in it ("2024", "21,4", "G-20", "1.5") is kept as written.
/// Expects lower case.
pub fn number_term(word: &str) -> String {
    if let Some(amount) = word.strip_prefix("rp") {
        return format!("rp{}", number_term(amount));
    }
    let (int, frac) = word.split_once(',').unwrap_or((word, ""));
    let mut groups = int.split('.');
    let lead = groups.next().unwrap_or("");
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let rest: Vec<&str> = groups.collect();
    let thousands = !rest.is_empty()
        && (1..=3).contains(&lead.len())
        && digits(lead)
        && rest.iter().all(|g| g.len() == 3 && digits(g));
    if !thousands {
        return word.to_string();
    }
    let mut out = lead.to_string();
    out.extend(rest);
    if word.contains(',') {
        out.push(',');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_sentence_ends_only() {
        assert_eq!(
            sentences("Satu Rp1.500 dua. Tiga! 4 lima? \"Enam.\""),
            ["Satu Rp1.500 dua.", "Tiga!", "4 lima?", "\"Enam.\""]
        );
    }

    #[test]
    fn numbers_with_separators_stay_one_word() {
        let w: Vec<_> = words("target 21,4 juta; 1.500 unit. Akhir.").map(|w| w.text).collect();
        assert_eq!(w, ["target", "21,4", "juta", "1.500", "unit", "Akhir"]);
    }

    #[test]
    fn a_number_matches_with_or_without_thousands_dots() {
        let a = Analyzer::new();
        assert_eq!(a.terms("7380 meter kubik"), a.terms("7.380 meter kubik"));
        assert_eq!(a.terms("Rp 1.250.000,50"), a.terms("Rp 1250000,50"));
        assert_eq!(a.terms("Rp1.500"), a.terms("rp1500"));
        // Not thousands: kept as written.
        for n in ["2024", "21,4", "1.5", "12.34", "1.2345", ".500"] {
            assert_eq!(a.stem(n), n);
        }
    }

    #[test]
    fn stemming_removes_indonesian_affixes() {
        let a = Analyzer::new();
        assert_eq!(a.terms("pendataan"), a.terms("data"));
        assert_eq!(a.terms("ditargetkan"), a.terms("target"));
        assert_eq!(a.terms("memfasilitasi"), a.terms("fasilitasi"));
    }

    #[test]
    fn roots_that_look_affixed_are_kept_whole() {
        let a = Analyzer::new();
        assert_ne!(a.stem("perdana"), a.stem("dana"));
        assert_ne!(a.stem("beruang"), a.stem("uang"));
        assert_eq!(a.stem("kepalanya"), "kepala");
        // The ministry is not its minister; its own forms still meet.
        assert_ne!(a.terms("kementerian"), a.terms("menteri"));
        assert_eq!(a.terms("kementeriannya"), a.terms("kementerian"));
    }

    #[test]
    fn question_words_and_shorthand_are_not_search_terms() {
        let a = Analyzer::new();
        assert_eq!(a.terms("brp yg dgn"), Vec::<String>::new());
        assert_eq!(a.terms("Berapa target RPB?"), vec!["target".to_string(), "rpb".to_string()]);
    }

    #[test]
    fn shorthand_is_expanded_before_stemming() {
        let a = Analyzer::new();
        assert_eq!(a.terms("thn 2024"), a.terms("tahun 2024"));
        assert_eq!(a.normalize("Utk"), "untuk");
    }

    #[test]
    fn reduplication_searches_as_the_word() {
        let a = Analyzer::new();
        assert_eq!(a.terms("target2"), a.terms("target"));
        assert_eq!(a.terms("program-program"), a.terms("program program"));
        assert_eq!(a.terms("B2 G20"), ["b2", "g20"]);
    }

    #[test]
    fn colloquial_words_search_as_standard_ones() {
        let a = Analyzer::new();
        assert_eq!(a.terms("kerjasama"), a.terms("kerja sama"));
        assert_eq!(a.terms("dibikin"), a.terms("dibuat"));
    }

    #[test]
    fn positions_count_stopwords_so_adjacency_is_kept() {
        let a = Analyzer::new();
        let t = a.tokens("rumah yang produksi");
        assert_eq!(t[0].position, 0);
        assert_eq!(t[1].position, 2);
    }

    #[test]
    fn emoji_and_symbols_are_not_words() {
        let a = Analyzer::new();
        assert!(a.tokens("🙏🙏 ??? \"(:").is_empty());
    }
}
