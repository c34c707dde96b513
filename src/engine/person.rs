//! Whether a passage names the person a "siapa" question asks for.
//!
//! Names are found by their capitals, which also mark offices ("Biro Hukum"), places ("di
//! Bandung"), days and the ministry's own vocabulary ("Kemenkop"). A passage that only holds such
//! words, or holds a name far from what is asked, does not say who: "siapa menteri koperasi" is
//! not answered by a passage naming the ministry and the country.

use super::query::Question;
use super::weights::Weights;
use super::{Scored, features, intent};
use crate::index::analysis::PassageToken;
use crate::language::figures::is_month;
use crate::language::{frequency, words};

/// Prepositions that put a place after them ("di Bandung", "ke Jakarta", "dari Surabaya").
const LOCATIVES: &[&str] = &["di", "ke", "dari"];

/// Words an office and what it is of may have between them in a passage: "Menteri Koordinator
/// Bidang Perekonomian" has two between "Menteri" and "Perekonomian".
const OFFICE_QUALIFIER_GAP: u16 = 2;

/// Whether `best` names the office a "siapa" question asks the holder of, as the question
/// qualifies it: the question's word right after the office noun ("pertanian" of "siapa menteri
/// pertanian indonesia") stands at most [`OFFICE_QUALIFIER_GAP`] words after the office
/// in the passage, or the office stands there under another name of its synonyms ("Menkop" for
/// "menteri koperasi"). "Wakil Menteri Koperasi" is no "wakil presiden", and a passage naming
/// the Menteri UMKM does not say who the Menteri Pertanian is. True when no office is asked, or
/// no word qualifies it ("siapa menteri yang hadir").
pub fn names_the_office(index: &crate::index::Index, question: &Question, best: &Scored<'_>) -> bool {
    let Some(office) = question.office() else { return true };
    let analyzer = index.analyzer();
    let terms = index.terms();
    let typed = question.words();
    let Some(at) = typed.iter().position(|w| analyzer.stem(w) == office) else { return true };
    // What qualifies an office follows it at once; a clause after "yang" or a place after "di"
    // says something else of its holder.
    // A word read as a phrase ("sultra" as "sulawesi tenggara") is qualified by its first word.
    let next = typed.get(at + 1).and_then(|w| w.split(' ').next());
    let Some(next) = next.filter(|w| !words::is_stopword(w)) else { return true };
    let Some(qualifier_id) = terms.id(&analyzer.stem(next)).filter(|&id| question.searched(id)) else {
        // An office qualified by a word no passage has ("menteri perhubungan") is named by
        // none; a word of the question's frame ("siapa menteri sekarang") qualifies nothing.
        let asked = question.concepts.iter().any(|c| c.words.split(' ').any(|w| w == next));
        return !asked;
    };
    let Some(office_id) = terms.id(office) else { return false };
    let tokens = best.analysis.tokens;
    // The qualifier's own word, or the first word of another name for it ("Menteri Usaha Mikro,
    // Kecil dan Menengah" for "menteri UMKM").
    let mut qualifiers = vec![qualifier_id];
    for &i in question.concepts_of(qualifier_id) {
        qualifiers.extend(question.alternative_ids(i).iter().skip(1).filter_map(|alt| alt.first().copied().flatten()));
    }
    let qualified = tokens.iter().filter(|t| t.term == office_id).any(|o| {
        tokens.iter().any(|t| {
            qualifiers.contains(&t.term)
                && (1..=OFFICE_QUALIFIER_GAP + 1).contains(&t.position.wrapping_sub(o.position))
        })
    });
    qualified || renamed_office_stands(question, office_id, tokens)
}

/// Whether the question concept holding the office has a synonym that stands in `tokens` as a
/// phrase ("Menkop" for "menteri koperasi").
fn renamed_office_stands(
    question: &Question,
    office_id: crate::index::analysis::TermId,
    tokens: &[PassageToken],
) -> bool {
    question
        .concepts_of(office_id)
        .iter()
        .any(|&i| question.alternative_ids(i).iter().skip(1).any(|alt| features::is_phrase_in(tokens, alt)))
}

/// How close a capitalised word must stand to the question's words to be taken for the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tie {
    /// In a sentence with a searched word: enough for a word that looks like a name.
    Sentence,
    /// Within [`Weights::adjacent_words`] of a searched word, as an apposition stands ("Kepala
    /// Biro ... Kemenkop UKM, Henra Saragih"; "Amerika Serikat (AS), yang menuduh ...").
    Beside,
    /// In the sentence and beside.
    Both,
    /// Not at all: the word is not taken for a name.
    Never,
}

/// Whether `best` names someone tied to what `question` asks ([`holder`]).
pub fn is_named(index: &crate::index::Index, question: &Question, best: &Scored<'_>, w: &Weights) -> bool {
    !holders(index, question, best, w).is_empty()
}

/// Words a person's name is written in at most ("Sri Mulyani Indrawati", "Teten Masduki").
const MAX_NAME_WORDS: usize = 4;

/// The names of whom `best` names tied to what `question` asks, as byte ranges ("Ferry
/// Juliantono"): each capitalised word, not one the question searched for nor the
/// knowledge base's own vocabulary, that is no place or day, and stands as close to the
/// question's words as [`tie_needed`] says, with the capitalised words that follow it.
/// ([`Tie::Beside`] alone does not ask for the same sentence: the sentence splitter cuts at
/// initials, "Sony D. Kuncoro".)
pub fn holders(
    index: &crate::index::Index,
    question: &Question,
    best: &Scored<'_>,
    w: &Weights,
) -> Vec<std::ops::Range<usize>> {
    let text = &best.passage.text;
    let analyzer = index.analyzer();
    let analysis = best.analysis;
    let searched: Vec<&PassageToken> = analysis.tokens.iter().filter(|t| question.searched(t.term)).collect();
    let sentences: Vec<std::ops::Range<usize>> = analysis.sentences().collect();
    let all_words: Vec<&str> = words(text).map(|w| w.text).collect();
    let in_sentence = |at: usize| {
        searched.iter().any(|m| m.start() != at && sentences.iter().any(|s| s.contains(&at) && s.contains(&m.start())))
    };
    let beside = |at: usize, position: usize| {
        searched.iter().any(|m| m.start() != at && (m.position as usize).abs_diff(position) <= w.adjacent_words)
    };
    let tied_names = features::answer_candidates(question, best.passage, &analysis).into_iter().filter(|&at| {
        let Some(position) = analysis.position_at(at) else { return false };
        let word = all_words[position];
        let previous = position.checked_sub(1).map(|p| all_words[p]);
        let tied = match tie_needed(question, word, w) {
            Tie::Sentence => in_sentence(at),
            Tie::Beside => beside(at, position),
            Tie::Both => in_sentence(at) && beside(at, position),
            Tie::Never => false,
        };
        // A word in brackets after an office abbreviates what precedes it ("Peraturan Presiden
        // (Perpres)"); its holder is not written so.
        let bracketed = question.office().is_some() && text[..at].ends_with('(');
        could_be_a_name(word, previous)
            && !bracketed
            && !question.matched.contains(&analyzer.stem(&analyzer.normalize(word)))
            && tied
    });
    tied_names.map(|at| at..name_end(text, at)).collect()
}

/// The name a "siapa" answer leads with: the first of [`holders`], with the name's words
/// before it ("Joko" of "Presiden Joko Widodo"), that is a person's. Every word of it is a
/// name's: never written in small letters in the knowledge base ("Widodo", not the "Mikro" of
/// "usaha mikro") and no acronym ("UMKM"); one word alone must also be seldom used in general
/// Indonesian ("Supomo", not "Perekonomian"); and it is no place ("Jawa Barat"). A name with an ordinary word ("Biro
/// Hukum") is more often an office than the person asked for, and one in brackets spells out an
/// abbreviation ("SMESCO (Small and Medium Enterprise ...)"). None rather than a guess.
pub fn headline(index: &crate::index::Index, question: &Question, best: &Scored<'_>, w: &Weights) -> Option<String> {
    let text = &best.passage.text;
    let analyzer = index.analyzer();
    let seldom = |word: &str| frequency::share(&word.to_lowercase()) < w.ordinary_share;
    let never_small = |word: &str| {
        let term = analyzer.stem(&word.to_lowercase());
        index.terms().id(&term).is_some_and(|id| !index.is_written_small(id))
    };
    // An acronym ("UMKM") is an organisation's, not a person's.
    let acronym =
        |word: &str| word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase);
    let name_word = |word: &str| !acronym(word) && never_small(word);
    // "Henra Saragih itu siapa?" asks what someone is, which no name answers.
    let names_whom_it_asks_about = question.type_noun.is_none()
        && !question.concepts.is_empty()
        && question.concepts.iter().all(|c| c.words.split(' ').all(name_word));
    if names_whom_it_asks_about {
        return None;
    }
    let persons_name = |start: usize, name: &str| {
        let parts: Vec<&str> = words(name).map(|w| w.text).collect();
        // One word opening a sentence is capitalised by grammar, not as a name.
        let one_word = parts.len() == 1;
        parts.iter().all(|p| name_word(p))
            && (!one_word || (parts.iter().all(|p| seldom(p)) && !opens_a_sentence(text, start)))
            && crate::language::places::named_in(name).is_empty()
    };
    holders(index, question, best, w)
        .into_iter()
        .filter(|r| !in_brackets(text, r.start))
        .map(|r| name_start(text, r.start, &name_word)..r.end)
        .find(|r| persons_name(r.start, &text[r.clone()]))
        .map(|r| text[r].to_string())
}

/// Whether byte `at` of `text` opens it or a sentence of it.
fn opens_a_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?'])
}

/// Where the name whose word starts at byte `at` of `text` starts: before the capitalised
/// words just before it, separated by spaces only, that `name_word` accepts.
fn name_start(text: &str, at: usize, name_word: &impl Fn(&str) -> bool) -> usize {
    let mut start = at;
    while let Some(word) = words(&text[..start]).last() {
        let capitalised = word.text.chars().next().is_some_and(char::is_uppercase);
        let joined = text[word.start + word.text.len()..start].chars().all(|c| c == ' ');
        if !(capitalised && joined && name_word(word.text)) {
            break;
        }
        start = word.start;
    }
    start
}

/// Whether byte `at` of `text` stands inside brackets opened in its sentence.
fn in_brackets(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let sentence = before.rfind(". ").map_or(before, |i| &before[i..]);
    sentence.rfind('(').is_some_and(|open| !sentence[open..].contains(')'))
}

/// Where the name starting at byte `at` of `text` ends: after its capitalised words, separated
/// by spaces only.
fn name_end(text: &str, at: usize) -> usize {
    let mut end = at;
    for (i, word) in words(&text[at..]).take(MAX_NAME_WORDS).enumerate() {
        let starts = at + word.start;
        let capitalised = word.text.chars().next().is_some_and(char::is_uppercase);
        if i > 0 && (!capitalised || !text[end..starts].chars().all(|c| c == ' ')) {
            break;
        }
        end = starts + word.text.len();
    }
    end
}

/// How close `word` must stand to the question's words. A capitalised word that is also common
/// in general Indonesian ("Indonesia", "Negeri") is more often a place or an office than the
/// person asked for, so it counts only beside the question's words; and when the role asked
/// about is one no passage uses ("siapa gubernur ..."), only an uncommon word beside them in the
/// same sentence does, since a name merely near "Jawa Barat" is no governor. The holder of an
/// office asked about ("siapa menteri ...") must stand beside the question's words too.
fn tie_needed(question: &Question, word: &str, w: &Weights) -> Tie {
    let common = frequency::share(&word.to_lowercase()) >= w.ordinary_share;
    // An office's holder is named beside it ("Menteri Koperasi dan UKM Teten Masduki"); a name
    // elsewhere in a sentence that mentions "Peraturan Presiden" holds no presidency.
    // A common capitalised word beside an office is another of its words ("Peraturan
    // Presiden").
    let holder = question.office().is_some();
    match (question.type_noun_unknown || holder, common) {
        (true, true) => Tie::Never,
        (true, false) => Tie::Both,
        (false, true) => Tie::Beside,
        (false, false) => Tie::Sentence,
    }
}

/// Whether a capitalised `word` after `previous` could be a person's name: not a place ("di
/// Bandung"), a day or a month.
fn could_be_a_name(word: &str, previous: Option<&str>) -> bool {
    let lower = word.to_lowercase();
    let place = previous.is_some_and(|p| LOCATIVES.iter().any(|l| p.eq_ignore_ascii_case(l)));
    !place && !is_month(&lower) && !intent::is_day(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_days_and_months_are_no_names() {
        assert!(!could_be_a_name("Bandung", Some("di")));
        assert!(!could_be_a_name("Selasa", Some("pada")));
        assert!(!could_be_a_name("Maret", Some("sejak")));
        assert!(could_be_a_name("Henra", Some("UKM")));
        assert!(could_be_a_name("Henra", None));
    }

    #[test]
    fn a_name_runs_over_its_capitalised_words_and_stops_at_punctuation() {
        let text = "Menteri Koperasi (Menkop) Ferry Juliantono memaparkan angka itu.";
        let name = |text: &str, first: &str| {
            let at = text.find(first).unwrap();
            text[at..name_end(text, at)].to_string()
        };
        assert_eq!(name(text, "Ferry"), "Ferry Juliantono");
        assert_eq!(name("kata Teten Masduki, Menteri Koperasi dan UKM.", "Teten"), "Teten Masduki");
    }
}
