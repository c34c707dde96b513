//! How common a word is in general Indonesian: the share of news articles that use it.
//!
//! A question's words are of two kinds. Topic words say what it is about ("gaji", "RPB",
//! "beras"); ordinary words say how it is asked ("diadakan", "rencana", "wilayah"). A word the
//! knowledge base has never seen outweighs everything else in a question if it is taken for a
//! topic, so the engine asks this list how ordinary such a word is before counting it.
//!
//! The list (`news-frequency.tsv`, beside this file) gives, for each word used in at least
//! [`MIN_LISTED_ARTICLES`] of the 3,463 articles of IndoSum, the number of articles using it.
//! Its header states the source and licence; [`tests::the_list_is_derived_from_indosum`]
//! rebuilds it from the corpus and checks it is unchanged.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Analyzer;

/// The list: a `#! articles N` line, then `word<TAB>articles` lines, most used first.
const LIST: &str = include_str!("news-frequency.tsv");

/// Words in fewer articles than this are left out of the list. A word two separate writers
/// used is a word of the language, not one writer's slip, so the typo corrector leaves it alone
/// ("latin" is not a misspelt "lain", nor "badak" a misspelt "badan"); every other use of the
/// list compares shares of 1% and more, far above this floor.
pub const MIN_LISTED_ARTICLES: u32 = 2;

/// Prefixes of Indonesian verbs: passive `di-`, stative `ter-`, active `me-` and its nasal forms,
/// intransitive `ber-`, causative `memper-`/`diper-`. Of the 200-odd `ber-` words in the list that
/// the stemmer cuts, nearly all are verbs or adjectives ("berbicara", "berlangsung", "berhasil");
/// nouns such as "beras" and "berita" are too short for the stemmer to cut.
const VERB_PREFIXES: [&str; 9] = ["diper", "memper", "meng", "meny", "mem", "men", "ber", "di", "ter"];

struct Frequencies {
    articles: u32,
    counts: HashMap<&'static str, u32>,
}

/// By stem: the most articles any listed inflected verb of that stem is used in.
struct VerbFamilies {
    counts: HashMap<String, u32>,
}

static VERB_FAMILIES: OnceLock<VerbFamilies> = OnceLock::new();

fn verb_families(analyzer: &Analyzer) -> &'static VerbFamilies {
    VERB_FAMILIES.get_or_init(|| {
        let mut counts: HashMap<String, u32> = HashMap::new();
        for (word, &n) in &frequencies().counts {
            if is_inflected_verb(analyzer, word) {
                let stem = analyzer.stem(word);
                let restored = restored_root(word, &stem);
                for root in std::iter::once(stem).chain(restored) {
                    let most = counts.entry(root).or_default();
                    *most = (*most).max(n);
                }
            }
        }
        VerbFamilies { counts }
    })
}

static FREQUENCIES: OnceLock<Frequencies> = OnceLock::new();

fn frequencies() -> &'static Frequencies {
    FREQUENCIES.get_or_init(|| {
        let mut articles = 1;
        let mut counts = HashMap::new();
        for line in LIST.lines() {
            if let Some(n) = line.strip_prefix("#! articles ") {
                articles = n.trim().parse().unwrap_or(1).max(1);
            } else if let Some((word, n)) = line.split_once('\t').filter(|_| !line.starts_with('#')) {
                counts.insert(word, n.trim().parse().unwrap_or(0));
            }
        }
        Frequencies { articles, counts }
    })
}

/// The share of news articles that use `word` (lower-case), in [0, 1]; 0 for a word in fewer
/// than [`MIN_LISTED_ARTICLES`] of them.
pub fn share(word: &str) -> f32 {
    let f = frequencies();
    f.counts.get(word).map_or(0.0, |&n| n as f32 / f.articles as f32)
}

/// The nasal prefixes of active verbs that swallow their root's first consonant, and that
/// consonant: "mengumpulkan" is meN- + "kumpul", "menyusun" meN- + "susun".
const NASAL_SWALLOWS: [(&str, char); 4] = [("meng", 'k'), ("meny", 's'), ("mem", 'p'), ("men", 't')];

/// The root an active verb's nasal prefix swallowed the first consonant of, when the stemmer left
/// it without ("mengumpulkan" → "umpul" → "kumpul"), so that the verb meets its passive form.
fn restored_root(word: &str, stem: &str) -> Option<String> {
    let (_, consonant) = NASAL_SWALLOWS.iter().find(|(p, _)| word.starts_with(p))?;
    stem.starts_with(['a', 'e', 'i', 'o', 'u']).then(|| format!("{consonant}{stem}"))
}

/// The share of news articles that use the commonest listed inflection of the verb `word`
/// (lower-case) inflects: "dikumpulkan" is below the list's floor, "mengumpulkan" is not. The
/// list keeps a verb's common forms only, and a question may use any other; 0 for a word that
/// is no inflected verb.
pub fn verb_family_share(analyzer: &Analyzer, word: &str) -> f32 {
    if !is_inflected_verb(analyzer, word) {
        return 0.0;
    }
    let n = verb_families(analyzer).counts.get(&analyzer.stem(word)).copied().unwrap_or(0);
    share(word).max(n as f32 / frequencies().articles as f32)
}

/// Whether `word` (lower-case) is an inflected verb: it starts with a verb prefix and the
/// stemmer removes an affix from it ("diadakan" → "ada", "tersebar" → "sebar"). A noun that
/// merely starts with those letters ("dinas", "terminal") keeps its form when stemmed, or is
/// cut to no word the list knows.
pub fn is_inflected_verb(analyzer: &Analyzer, word: &str) -> bool {
    let Some(prefix) = VERB_PREFIXES.iter().find(|p| word.starts_with(*p)) else {
        return false;
    };
    let stem = analyzer.stem(word);
    stem.len() + prefix.len() <= word.len() && stem.len() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_have_a_large_share_and_topic_words_a_small_one() {
        assert!(share("indonesia") > 0.5, "{}", share("indonesia"));
        assert!(share("wilayah") > 0.03);
        assert!(share("gaji") < 0.03);
        assert_eq!(share("henra"), 0.0);
    }

    #[test]
    fn a_rare_inflection_of_a_common_verb_is_as_common_as_its_family() {
        let a = Analyzer::new();
        assert!(share("dikumpulkan") < share("mengumpulkan") / 4.0);
        assert!(verb_family_share(&a, "dikumpulkan") >= share("mengumpulkan"));
        assert_eq!(verb_family_share(&a, "henra"), 0.0);
    }

    #[test]
    fn affixed_verbs_are_told_from_nouns_that_look_affixed() {
        let a = Analyzer::new();
        for verb in
            ["diadakan", "direncanakan", "tersebar", "dibuka", "menargetkan", "disediakan", "berbicara", "berlangsung"]
        {
            assert!(is_inflected_verb(&a, verb), "{verb}");
        }
        for noun in ["dinas", "direktur", "terminal", "menteri", "gaji", "beras", "berita", "berkas", "berat", "media"]
        {
            assert!(!is_inflected_verb(&a, noun), "{noun}");
        }
    }

    /// Rebuilds the list from IndoSum (`../shared/eval/news-indosum.jsonl`, beside the project)
    /// and checks it matches; with `TANYAKOP_WRITE_FREQUENCY=1` it writes the list instead.
    #[test]
    #[ignore = "needs ../shared/eval/news-indosum.jsonl"]
    fn the_list_is_derived_from_indosum() {
        let root = env!("CARGO_MANIFEST_DIR");
        let corpus = std::fs::read_to_string(format!("{root}/../shared/eval/news-indosum.jsonl")).expect("corpus");
        let mut counts: HashMap<String, u32> = HashMap::new();
        let mut articles = 0;
        for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
            let article: serde_json::Value = serde_json::from_str(line).expect("json line");
            let body = article["body"].as_str().unwrap_or("").to_lowercase();
            let mut seen: Vec<&str> =
                super::super::words(&body).map(|w| w.text).filter(|w| !w.bytes().any(|b| b.is_ascii_digit())).collect();
            seen.sort_unstable();
            seen.dedup();
            for w in seen {
                *counts.entry(w.to_string()).or_default() += 1;
            }
            articles += 1;
        }
        let mut listed: Vec<(String, u32)> = counts.into_iter().filter(|(_, n)| *n >= MIN_LISTED_ARTICLES).collect();
        listed.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let header: String = LIST.lines().take_while(|l| l.starts_with("# ")).map(|l| format!("{l}\n")).collect();
        let mut built = format!("{header}#! articles {articles}\n");
        for (word, n) in listed {
            built.push_str(&format!("{word}\t{n}\n"));
        }
        if std::env::var_os("TANYAKOP_WRITE_FREQUENCY").is_some() {
            std::fs::write(format!("{root}/src/language/news-frequency.tsv"), &built).expect("write list");
        } else {
            assert!(built == LIST, "news-frequency.tsv differs from what IndoSum gives");
        }
    }
}
