//! Questions asked in English, read into Indonesian so the Indonesian knowledge base answers
//! them: English question words become their Indonesian ones ("how many" → "berapa"), the
//! ministry's vocabulary goes through the knowledge base's glossary (`glossary.toml`, longest
//! phrase first), English function words are dropped, a word the knowledge base itself uses
//! ("startup", "platform", names, acronyms, numbers) is kept as written, and any other word is
//! read through a general English-Indonesian [`lexicon`]: the first of its Indonesian
//! candidates that the knowledge base uses.
//!
//! The word lists here are English grammar, written for this project.

mod lexicon;

use crate::knowledge::GlossaryEntry;
use crate::language::words;
use crate::language::words::question_word;

/// The longest English phrase looked up in the lexicon, in words.
const MAX_LEXICON_PHRASE: usize = 3;

/// English question words (and "you", the bot) and the Indonesian that asks the same, longest
/// first.
const QUESTION_WORDS: &[(&[&str], &str)] = &[
    (&["this", "year"], "tahun ini"),
    (&["last", "year"], "tahun lalu"),
    (&["next", "year"], "tahun depan"),
    // Words asking for the newest, read as the Indonesian ones that ask it.
    (&["most", "recent"], "terbaru"),
    (&["so", "far"], "sejauh ini"),
    (&["latest"], "terbaru"),
    (&["newest"], "terbaru"),
    (&["current"], "terkini"),
    (&["currently"], "saat ini"),
    (&["now"], "sekarang"),
    (&["what", "is", "the", "meaning", "of"], "apa itu"),
    (&["what", "does"], "apa"),
    (&["what", "are"], "apa saja"),
    (&["which", "are"], "apa saja"),
    (&["what", "is"], "apa itu"),
    (&["what", "s"], "apa itu"),
    (&["how", "many"], "berapa"),
    (&["how", "much"], "berapa"),
    (&["how", "long"], "berapa lama"),
    (&["what", "year"], "tahun berapa"),
    (&["what", "date"], "tanggal berapa"),
    (&["where"], "di mana"),
    (&["who"], "siapa"),
    (&["whom"], "siapa"),
    (&["when"], "kapan"),
    (&["why"], "mengapa"),
    (&["according", "to"], "menurut"),
    (&["which"], "apa"),
    (&["what"], "apa"),
    (&["how"], "bagaimana"),
    // The bot itself, for "who are you", "what can you do".
    (&["you"], "kamu"),
    (&["your"], "kamu"),
];

/// Nouns that name a quantity: "what is the interest rate" asks "berapa", as "how much" does,
/// not "apa itu".
const MEASURE_NOUNS: &[&str] = &[
    "amount",
    "budget",
    "ceiling",
    "cost",
    "count",
    "figure",
    "level",
    "limit",
    "maximum",
    "minimum",
    "number",
    "percentage",
    "population",
    "price",
    "quota",
    "rate",
    "share",
    "size",
    "sum",
    "target",
    "total",
    "value",
];

/// How many words after "what is the" may come before the measure noun ("the KUR interest
/// rate"): a name and a modifier.
const MEASURE_NOUN_REACH: usize = 3;

/// The words "what is the …" takes when it asks for a quantity ("what was the total budget"):
/// up to and with "the", so that the measure noun is still read.
fn asks_quantity(ws: &[String]) -> Option<usize> {
    let opens = ws.first().is_some_and(|w| w == "what")
        && ws.get(1).is_some_and(|w| matches!(w.as_str(), "is" | "was" | "are" | "were" | "s"))
        && ws.get(2).is_some_and(|w| w == "the");
    let measured = ws
        .iter()
        .skip(3)
        .take(MEASURE_NOUN_REACH)
        .take_while(|w| !matches!(w.as_str(), "of" | "for" | "in" | "to" | "at" | "by"))
        .any(|w| MEASURE_NOUNS.contains(&w.trim_end_matches('s')) || MEASURE_NOUNS.contains(&w.as_str()));
    (opens && measured).then_some(3)
}

/// English function words: they mark a question as English and are dropped when it is read.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "an", "and", "any", "are", "as", "at", "be", "been", "by", "can", "could", "did", "do", "does",
    "for", "from", "had", "has", "have", "in", "into", "is", "it", "its", "me", "much", "my", "of", "on", "or", "our",
    "please", "s", "so", "tell", "than", "that", "the", "their", "there", "these", "they", "this", "those", "to",
    "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why", "will", "with", "would", "you",
    "your", "how", "many", "already", "also", "up", "during", "after", "before", "since", "until", "only", "still",
    "get", "got", "not", "no", "some", "all", "each", "every", "such", "if", "because", "being", "he", "she", "his",
    "her", "them", "us", "ever", "yet",
];

/// English function words a question needs before it is read as English: one could be a name
/// or an acronym in an Indonesian question ("KUR is" is rare; "program do" is not English).
const MIN_FUNCTION_WORDS: usize = 2;

/// Whether `question` is in English: no Indonesian question word, at least
/// [`MIN_FUNCTION_WORDS`] English function words, and more of them than Indonesian stopwords.
pub fn is_english(question: &str) -> bool {
    let ws: Vec<String> = words(question).map(|w| w.text.to_lowercase()).collect();
    // A question with an Indonesian question word is Indonesian, whatever English title or name
    // it quotes ("Siapa pengarang buku The Clash of Civilizations?").
    if ws.iter().any(|w| question_word(words::shorthand(w).unwrap_or(w)).is_some()) {
        return false;
    }
    let english = ws.iter().filter(|w| FUNCTION_WORDS.contains(&w.as_str())).count();
    let indonesian =
        ws.iter().filter(|w| !FUNCTION_WORDS.contains(&w.as_str()) && crate::language::words::is_stopword(w)).count();
    english >= MIN_FUNCTION_WORDS && english > indonesian
}

/// An English phrase of the glossary, as lower-case words, with the Indonesian it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryPhrase {
    pub words: Vec<String>,
    pub id: String,
}

/// Every English phrase of `glossary` as words, longest first (in file order among equals), so
/// that a reader can take the first that matches.
pub fn glossary_phrases(glossary: &[GlossaryEntry]) -> Vec<GlossaryPhrase> {
    let mut phrases: Vec<GlossaryPhrase> = glossary
        .iter()
        .flat_map(|g| {
            g.en.iter().map(move |e| GlossaryPhrase {
                words: words(e).map(|w| w.text.to_lowercase()).collect(),
                id: g.id.clone(),
            })
        })
        .filter(|p| !p.words.is_empty())
        .collect();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    phrases
}

/// `question` read into Indonesian with `glossary`; `known(text)` tells whether the knowledge
/// base uses a word or phrase.
pub fn to_indonesian(question: &str, glossary: &[GlossaryPhrase], known: &dyn Fn(&str) -> bool) -> String {
    let ws: Vec<String> = words(question).map(|w| w.text.to_lowercase()).collect();
    let starts_with = |i: usize, p: &[String]| ws.get(i..i + p.len()).is_some_and(|s| s == p);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        // "List …", "Name …" ask for every item only where they open the question.
        if i == 0 && matches!(ws[0].as_str(), "list" | "name") {
            out.push("sebutkan".into());
            i += 1;
            continue;
        }
        if let Some(used) = asks_quantity(&ws[i..]) {
            out.push("berapa".into());
            i += used;
            continue;
        }
        let asked = QUESTION_WORDS
            .iter()
            .find(|(p, _)| ws.get(i..i + p.len()).is_some_and(|s| s.iter().zip(p.iter()).all(|(a, b)| a == b)));
        if let Some((p, id)) = asked {
            out.push(id.to_string());
            i += p.len();
        } else if let Some(phrase) = glossary.iter().find(|p| starts_with(i, &p.words)) {
            out.push(phrase.id.clone());
            i += phrase.words.len();
        } else if let Some(month) = crate::language::calendar::indonesian_month(&ws[i]) {
            // "March" is a month before it is a verb.
            out.push(month.to_lowercase());
            i += 1;
        } else if matches!(ws[i].as_str(), "in" | "at") {
            // Kept as the Indonesian stopword, which still tells that a place may follow
            // ("in Papua"): see `language::places`.
            out.push("di".into());
            i += 1;
        } else if let Some(negation) = negation(&ws, i) {
            // Dropped, "not" would turn a question into its opposite.
            out.push(negation.into());
            i += 1;
        } else if FUNCTION_WORDS.contains(&ws[i].as_str()) {
            i += 1;
        } else {
            let (read, used) = read_word(&ws[i..], known);
            out.push(read);
            i += used;
        }
    }
    out.join(" ")
}

/// The Indonesian negation for `ws[i]`, if it negates: "not" and "cannot" are "tidak", "no" is
/// "tanpa" after "with" ("with no collateral") and "tidak" elsewhere.
fn negation(ws: &[String], i: usize) -> Option<&'static str> {
    match ws[i].as_str() {
        "not" | "cannot" | "never" => Some("tidak"),
        "no" if i > 0 && ws[i - 1] == "with" => Some("tanpa"),
        "no" => Some("tidak"),
        _ => None,
    }
}

/// The Indonesian for the English at the start of `ws` and how many words it takes: a word the
/// knowledge base uses as written; else the lexicon's first candidate it uses, for the longest
/// phrase that has one; else its lemma if the knowledge base uses that ("startups" for
/// "startup"); else the word as written (a name, a number).
fn read_word(ws: &[String], known: &dyn Fn(&str) -> bool) -> (String, usize) {
    let word = &ws[0];
    if known(word) {
        return (word.clone(), 1);
    }
    let first_known = |candidates: Vec<&str>| candidates.into_iter().find(|c| known(c)).map(str::to_string);
    if let Some((used, read)) =
        lexicon::longest_phrase(ws, MAX_LEXICON_PHRASE).and_then(|(n, c)| first_known(c).map(|r| (n, r)))
    {
        return (read, used);
    }
    let read = lexicon::candidates(word)
        .and_then(first_known)
        .or_else(|| lexicon::lemmas(word).find(|lemma| known(lemma)))
        .unwrap_or_else(|| word.clone());
    (read, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Vec<GlossaryPhrase> {
        let entry =
            |en: &[&str], id: &str| GlossaryEntry { en: en.iter().map(|s| s.to_string()).collect(), id: id.into() };
        glossary_phrases(&[
            entry(&["ministry", "ministry of cooperatives"], "Kemenkop UKM"),
            entry(&["partner", "partners"], "mitra"),
            entry(&["extreme poverty", "poverty"], "kemiskinan ekstrem"),
            entry(&["district", "districts"], "kabupaten/kota"),
        ])
    }

    #[test]
    fn english_questions_are_told_from_indonesian_ones() {
        for q in ["what is PLUT?", "How many partners does the ministry have?", "where was it held"] {
            assert!(is_english(q), "{q}");
        }
        for q in [
            "apa itu PLUT?",
            "berapa target RPB 2024",
            "KUR",
            "program do RPB",
            "ok",
            "Siapa pengarang buku The Clash of Civilizations and The Remaking of World Order?",
            "Kapankah patroli The Eyes in the Sky dimulai?",
        ] {
            assert!(!is_english(q), "{q}");
        }
    }

    /// A knowledge base that uses no word: nothing is kept for being known.
    fn none(_: &str) -> bool {
        false
    }

    #[test]
    fn ordinary_words_are_read_through_the_lexicon_into_words_the_knowledge_base_uses() {
        let g = glossary();
        let known = |w: &str| matches!(w, "menugaskan" | "gedung" | "startup" | "platform" | "pabrik");
        assert_eq!(
            to_indonesian("Who assigned the minister to revive the building in March?", &g, &known),
            "siapa menugaskan minister revive gedung di maret",
            "words the knowledge base lacks in either language stay as typed; \"in\" is kept as \"di\""
        );
        assert_eq!(to_indonesian("how many startups use the platform", &g, &known), "berapa startup use platform");
        assert_eq!(to_indonesian("which factories", &g, &known), "apa pabrik");
    }

    #[test]
    fn english_is_read_into_indonesian_longest_phrase_first() {
        let g = glossary();
        assert_eq!(
            to_indonesian("How many partners does the ministry of cooperatives have?", &g, &none),
            "berapa mitra Kemenkop UKM"
        );
        assert_eq!(to_indonesian("what is PLUT?", &g, &none), "apa itu plut");
        assert_eq!(
            to_indonesian("How many districts does the extreme poverty program cover?", &g, &none),
            "berapa kabupaten/kota kemiskinan ekstrem program cover"
        );
        assert_eq!(to_indonesian("Where was the event held?", &g, &none), "di mana event held");
        assert_eq!(to_indonesian("what is the target this year?", &g, &none), "berapa target tahun ini");
        assert_eq!(
            to_indonesian("What was the KUR interest rate in 2025?", &g, &none),
            "berapa kur interest rate di 2025"
        );
        assert_eq!(to_indonesian("what is the meaning of PLUT", &g, &none), "apa itu plut");
        assert_eq!(to_indonesian("what is the name of the minister", &g, &none), "apa itu name minister");
        assert_eq!(to_indonesian("list the partners", &g, &none), "sebutkan mitra");
    }

    #[test]
    fn a_negation_is_read_not_dropped() {
        let g = glossary();
        assert_eq!(to_indonesian("Why can many partners not join?", &g, &none), "mengapa mitra tidak join");
        assert_eq!(to_indonesian("loans with no collateral", &g, &none), "loans tanpa collateral");
        assert_eq!(to_indonesian("no partners", &g, &none), "tidak mitra");
    }
}
