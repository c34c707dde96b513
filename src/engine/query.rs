//! A question read once, before any passage is scored ([`Question`]): its intent, and the
//! concepts it asks about, each with the terms that can stand for it (its own, its synonyms', or
//! the correction of a typo).

use std::collections::HashSet;

use tantivy::Searcher;

use super::intent::{self, QuestionWords};
use super::measure::{self, Measure};
use super::period::{self, RelativeYear};
use super::recency;
use super::weights::Weights;
use crate::answer::Intent;
use crate::index::Index;
use crate::index::analysis::TermId;
use crate::language::figures::FigureKind;
use crate::language::places::{self, NamedPlace};
use crate::language::{Token, frequency, typo};

/// Everything the ranking needs of a question, computed once in [`Engine::ask`](super::Engine::ask).
pub struct Question {
    /// The question as asked (trimmed, clipped).
    pub text: String,
    pub intent: Intent,
    /// The things it asks about, in question order.
    pub concepts: Vec<Concept>,
    /// The kind of answer named in the question ("partai" in "Partai apa ..."), as a term.
    pub type_noun: Option<String>,
    /// The document numbers it names ("UU Nomor 27"): an answer must write them as a
    /// document's ([`super::document`]).
    pub documents: Vec<u32>,
    /// The office it asks the holder of ("menteri", "dirut"), stemmed, when it asks who
    /// ([`recency::office_asked`]).
    pub office: Option<String>,
    /// Whether the type noun is one no passage uses ("gubernur" in "siapa gubernur ...").
    pub type_noun_unknown: bool,
    /// Whether it asks what an abbreviation stands for.
    pub long_form: bool,
    /// Whether it asks why ("mengapa", "kenapa").
    pub why: bool,
    /// Whether it asks what something is ("apa itu RPB?").
    pub definition: bool,
    /// Whether it asks when a period began or ends ("sejak kapan", "sampai kapan").
    pub bound: Option<intent::Bound>,
    /// Whether it asks for an upper limit ("maksimal berapa", "batas KUR tanpa agunan").
    pub limit: bool,
    /// Whether it asks for every item ("apa saja", "sebutkan", "target2").
    pub list: bool,
    /// The places it names ("di Papua"), each with the index terms of each of its names
    /// (`None`: a term in no passage).
    pub places: Vec<PlaceAsked>,
    /// "tahun ini" and its like, resolved to a calendar year.
    pub relative_year: Option<RelativeYear>,
    /// The calendar years it asks about, named ("2024", "Maret 2021") or relative ("tahun
    /// lalu"), sorted: an answer must speak of one of them.
    pub years: Vec<i32>,
    /// Whether its years bound one period ("sejak 2008 sampai 2023"): an answer must speak of
    /// both ends, not of one.
    pub years_range: bool,
    /// Whether it asks for the newest ("terbaru", "sekarang") or for who holds an office.
    pub latest: bool,
    /// Whether it says so in words ("sekarang", "saat ini"), not only by asking for an office.
    pub asks_now: bool,
    /// Whether it asks for a target or for what was reached, if it says.
    pub measure: Option<Measure>,
    /// The kind of quantity it asks for: money ("dana", "plafon") or a rate ("bunga").
    pub quantity: Option<FigureKind>,
    /// The scale word it asks a figure in ("berapa juta?", "brp triliun").
    pub scale: Option<String>,
    /// Set when the message is small talk rather than a question.
    pub small_talk: Option<crate::answer::SmallTalk>,
    /// Every term searched for: the words shown in bold, and units a headline figure may match.
    pub matched: HashSet<String>,
    words: QuestionWords,
    /// Which concepts each search term stands for, to read a passage's tokens in one pass;
    /// sorted by term. A question has a dozen terms or so, and a binary search over them is
    /// several times faster than hashing each of a candidate's tokens.
    term_concepts: Vec<(TermId, Vec<usize>)>,
    /// For each concept, each alternative's terms as the index numbers them (`None`: in no
    /// passage).
    alternative_ids: Vec<Vec<Vec<Option<TermId>>>>,
}

/// A place a question names, as the index can find it.
#[derive(Debug, Clone)]
pub struct PlaceAsked {
    pub place: NamedPlace,
    /// For each of its names, the name's terms as the index numbers them.
    pub names: Vec<Vec<Option<TermId>>>,
    /// The share of the question's weight its words carry: how much of what is asked the
    /// place is.
    pub share: f32,
    /// The question's concepts that are words of the place's name.
    concepts: Vec<usize>,
}

impl PlaceAsked {
    /// Whether an answer must speak of the place: when it is a good part of what is asked
    /// ([`Weights::place_share`]), or when no passage names it at all, so that whatever
    /// answers is about somewhere else.
    pub fn required(&self, w: &Weights) -> bool {
        self.share >= w.place_share || self.is_unknown()
    }

    /// Whether no passage has any of its names.
    fn is_unknown(&self) -> bool {
        self.names.iter().all(|name| name.iter().any(Option::is_none))
    }
}

/// The places `text` names, their names analysed into the index's terms.
fn places_asked(index: &Index, text: &str, concepts: &[Concept]) -> Vec<PlaceAsked> {
    let terms = index.terms();
    let whole: f32 = concepts.iter().map(|c| c.weight).sum::<f32>().max(f32::EPSILON);
    places::named_in(text)
        .into_iter()
        .map(|place| {
            let names = place
                .names
                .iter()
                .map(|name| index.analyzer().terms(name).iter().map(|t| terms.id(t)).collect())
                .filter(|ids: &Vec<Option<TermId>>| !ids.is_empty())
                .collect();
            // A concept holds the words as typed or, for a word the index knows only stemmed
            // ("thailand" → "thai"), as its term.
            let stems = index.analyzer().terms(&place.typed);
            let typed: Vec<&str> = place.typed.split(' ').chain(stems.iter().map(String::as_str)).collect();
            let of_place: Vec<usize> = (0..concepts.len())
                .filter(|&i| concepts[i].words.split(' ').all(|word| typed.contains(&word)))
                .collect();
            let weight: f32 = of_place.iter().map(|&i| concepts[i].weight).sum();
            PlaceAsked { place, names, share: weight / whole, concepts: of_place }
        })
        .collect()
}

impl Question {
    /// Reads `text` against the index's vocabulary and synonyms; relative years ("tahun ini")
    /// are read against `this_year`.
    pub fn read(index: &Index, searcher: &Searcher, text: &str, w: &Weights, this_year: i32) -> Question {
        let words = QuestionWords::new(index.analyzer(), text);
        let relative_year = period::find(&words, this_year);
        let latest_words = recency::latest_words(&words);
        let mut concepts = concepts(index, searcher, text, &words, w, relative_year, &latest_words);
        let named = crate::language::figures::parse(text);
        let mut years: Vec<i32> = named
            .iter()
            .filter(|f| !crate::index::period::names_with(text, f))
            .filter_map(crate::index::period::year_of)
            .collect();
        let years_range = joins_a_range(text, &named);
        if let Some(r) = relative_year {
            years.push(r.year);
            concepts.push(Concept {
                words: words.as_typed()[r.first..=r.last].join(" "),
                alternatives: vec![vec![r.year.to_string()]],
                weight: 0.0,
                known: true,
                corrected: None,
                name: false,
                new_name: false,
                year: None,
                topic: false,
                quoted: false,
            });
        }
        years.sort_unstable();
        years.dedup();
        mark_years(&mut concepts, &years, |term| index.doc_freq(searcher, term), searcher.num_docs());
        let terms = index.terms();
        let mut term_concepts: Vec<(TermId, Vec<usize>)> = Vec::new();
        for (i, c) in concepts.iter().enumerate() {
            for id in c.alternatives.iter().flatten().filter_map(|t| terms.id(t)) {
                let at = match term_concepts.binary_search_by_key(&id, |e| e.0) {
                    Ok(at) => at,
                    Err(at) => {
                        term_concepts.insert(at, (id, Vec::new()));
                        at
                    }
                };
                if !term_concepts[at].1.contains(&i) {
                    term_concepts[at].1.push(i);
                }
            }
        }
        let alternative_ids: Vec<Vec<Vec<Option<TermId>>>> = concepts
            .iter()
            .map(|c| c.alternatives.iter().map(|a| a.iter().map(|t| terms.id(t)).collect()).collect())
            .collect();
        // "menurut Teten": the one quoted is who the question is about, when the knowledge
        // base writes the word only as a name.
        let quoted: Vec<&str> = words
            .as_typed()
            .windows(2)
            .filter(|p| ATTRIBUTION_WORDS.contains(&p[0].as_str()))
            .map(|p| p[1].as_str())
            .collect();
        for (c, ids) in concepts.iter_mut().zip(&alternative_ids) {
            let named = ids.iter().flatten().flatten().any(|&id| index.is_acronym(id));
            let quoted_name = quoted.contains(&c.words.as_str())
                && ids.iter().flatten().flatten().next().is_some()
                && ids.iter().flatten().flatten().all(|&id| !index.is_written_small(id));
            let phrase = c.alternatives.len() > 1 && c.alternatives.iter().any(|a| a.len() > 1);
            let rare = c.words.split(' ').any(|word| frequency::share(word) < w.ordinary_share);
            // One ordinary word ("kemitraan") may be a program's alias, yet says too little to
            // require.
            let program = c.alternatives.iter().any(|a| a.len() > 1 && index.names_a_program(a));
            // An ordinal says which one is asked ("pengajuan kelima"): a passage must name it.
            // "Kedua" is as often "both" ("kedua negara").
            let ordinal =
                c.alternatives.len() == 1 && crate::language::figures::is_ordinal(&c.words) && c.words != "kedua";
            c.quoted = quoted_name;
            c.topic = c.known && c.year.is_none() && (program || ordinal || quoted_name || (rare && (named || phrase)));
        }
        let matched = concepts.iter().flat_map(|c| c.alternatives.iter().flatten().cloned()).collect();
        let type_noun = intent::answer_type_noun(index.analyzer(), &words);
        let intent = intent::detect(&words);
        let office = (intent == Intent::Person)
            .then(|| recency::office_asked(index.analyzer(), &words, type_noun.as_deref()))
            .flatten();
        let latest = !latest_words.is_empty() || (years.is_empty() && office.is_some());
        Question {
            text: text.to_string(),
            intent,
            type_noun_unknown: type_noun.as_ref().is_some_and(|noun| index.doc_freq(searcher, noun) == 0),
            type_noun,
            office,
            documents: super::document::numbers(text),
            long_form: intent::asks_long_form(&words),
            why: intent::asks(&words, crate::language::words::Asks::Reason),
            definition: intent::asks_definition(&words),
            bound: intent::asks_bound(&words),
            limit: intent::asks_limit(&words),
            small_talk: super::smalltalk::detect(&words),
            relative_year,
            years,
            years_range,
            latest,
            asks_now: !latest_words.is_empty(),
            measure: measure::asked(words.as_typed()),
            quantity: measure::quantity_asked(words.as_typed()),
            scale: measure::scale_asked(words.as_typed()),
            list: intent::asks_list(text, &words),
            places: places_asked(index, text, &concepts),
            matched,
            concepts,
            words,
            term_concepts,
            alternative_ids,
        }
    }

    /// The question's words as typed, lower-case, numbers as searched.
    pub fn words(&self) -> &[String] {
        self.words.as_typed()
    }

    /// The concepts that the index's term `id` stands for.
    pub fn concepts_of(&self, id: TermId) -> &[usize] {
        match self.term_concepts.binary_search_by_key(&id, |e| e.0) {
            Ok(at) => &self.term_concepts[at].1,
            Err(_) => &[],
        }
    }

    /// Whether the index's term `id` is one the question searched for.
    pub fn searched(&self, id: TermId) -> bool {
        self.term_concepts.binary_search_by_key(&id, |e| e.0).is_ok()
    }

    /// Concept `i`'s alternatives as term ids (see [`Concept::alternatives`]).
    pub fn alternative_ids(&self, i: usize) -> &[Vec<Option<TermId>>] {
        self.alternative_ids.get(i).map_or(&[], Vec::as_slice)
    }

    /// The sum of the concepts' weights: what every share of the question is a share of.
    pub fn weight(&self) -> f32 {
        self.concepts.iter().map(|c| c.weight).sum()
    }

    /// [`Question::weight`], never zero, to divide by.
    pub fn weight_denominator(&self) -> f32 {
        self.weight().max(f32::EPSILON)
    }

    /// Whether the question lies mostly in words no passage contains, or names someone or
    /// something no passage does ("Patung Kartini", "PT Igas Utama"), so the knowledge base
    /// cannot be about what it asks. A place no passage names is left to
    /// [`PlaceAsked::required`], so that the decline can say the place has no data.
    pub fn is_beyond_knowledge(&self, w: &Weights) -> bool {
        let unknown_place: HashSet<usize> =
            self.places.iter().filter(|p| p.is_unknown()).flat_map(|p| p.concepts.iter().copied()).collect();
        let concepts = || self.concepts.iter().enumerate().filter(|(i, _)| !unknown_place.contains(i)).map(|(_, c)| c);
        let unknown: f32 = concepts().filter(|c| !c.known).map(|c| c.weight).sum();
        concepts().all(|c| !c.known)
            || unknown > w.max_unknown_share * self.weight()
            || concepts().any(|c| c.new_name && !c.known)
    }

    /// Whether concept `i` is a word of a place the question names.
    pub fn is_place_word(&self, i: usize) -> bool {
        self.places.iter().any(|p| p.concepts.contains(&i))
    }

    /// `coverage` of the question as it would be without the places no passage names: how
    /// well a passage answers what is asked beside them, for a decline that says those places
    /// have no data. The same `coverage` when it names none.
    pub fn covered_beside_unknown_places(&self, coverage: f32) -> f32 {
        let unknown: f32 = self.places.iter().filter(|p| p.is_unknown()).map(|p| p.share).sum();
        coverage / (1.0 - unknown).max(f32::EPSILON)
    }

    /// Whether the question names a topic the knowledge base knows: a program, an alias or
    /// another phrase of its synonym groups, or a known word that is not common in general
    /// Indonesian. "Indonesia" alone names none: most news articles use it.
    pub fn names_a_topic(&self, w: &Weights) -> bool {
        self.concepts.iter().filter(|c| c.known).any(|c| {
            c.alternatives.len() > 1 || c.words.split(' ').any(|word| frequency::share(word) < w.ordinary_share)
        })
    }

    /// The office a "siapa" question asks the holder of ("menteri", "dirut"), if it asks one.
    pub fn office(&self) -> Option<&str> {
        self.office.as_deref()
    }

    /// The words, as typed, of what it asks about beside its years ("realisasi penyaluran KUR"
    /// of "berapa realisasi penyaluran KUR tahun 2019?"): to name it in a reply.
    pub fn topic_words(&self) -> String {
        let wanted: HashSet<&str> =
            self.concepts.iter().filter(|c| c.year.is_none()).flat_map(|c| c.words.split(' ')).collect();
        crate::language::words(&self.text)
            .map(|w| w.text)
            .filter(|w| wanted.contains(w.to_lowercase().as_str()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Question words read as misspellings of known words: (typed, corrected).
    pub fn corrections(&self) -> Vec<(String, String)> {
        self.concepts.iter().filter_map(|c| c.corrected.clone().map(|k| (c.words.clone(), k))).collect()
    }
}

/// One thing the question speaks of.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// The question's words for it, lower-case.
    pub words: String,
    /// Term sequences that stand for it; the question's own first.
    pub alternatives: Vec<Vec<String>>,
    /// Importance: inverse document frequency of its most common alternative.
    pub weight: f32,
    /// Whether any alternative occurs in the knowledge base.
    pub known: bool,
    /// The known word a misspelt question word was read as.
    pub corrected: Option<String>,
    /// Whether the question writes it as a name (capitalised inside a sentence).
    pub name: bool,
    /// Whether it is a name no passage has, nor anything it could be a misspelling of: someone
    /// or something the knowledge base does not know.
    pub new_name: bool,
    /// The calendar year it names: a passage covers it by speaking of that year, whether or not
    /// it writes the number.
    pub year: Option<i32>,
    /// Whether it names what the question is about: a program's name or alias of more than one
    /// word ("rumah produksi bersama"), or an acronym of the knowledge base ("KUR", "LPDB") or a phrase of its own
    /// vocabulary that general Indonesian seldom uses. An answer's passage, or what its article
    /// is about, must have it.
    pub topic: bool,
    /// Whether it is the name a question quotes ("menurut Teten"): a topic that any paragraph
    /// of the answer's article may name.
    pub quoted: bool,
}

/// What a question word is to the question, as far as its form tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Part of a name ("Korea Selatan"): a topic, and no typo of a known word.
    Name,
    /// The topic however ordinary the word (the action a "how" question asks about).
    Topic,
    /// A topic word or an ordinary one, as general Indonesian tells.
    Any,
    /// A plain word the knowledge base has only as a coined name ("padi", "PaDi"): not the
    /// name, and so a word no passage has.
    Plain,
}

/// At most this many concepts are searched for; the rest of a very long question is ignored.
pub const MAX_CONCEPTS: usize = 32;

/// The concepts of `question`, in question order.
fn concepts(
    index: &Index,
    searcher: &Searcher,
    question: &str,
    words: &QuestionWords,
    w: &Weights,
    relative_year: Option<RelativeYear>,
    latest_words: &[usize],
) -> Vec<Concept> {
    let analyzer = index.analyzer();
    let tokens: Vec<Token> = analyzer
        .tokens(question)
        .into_iter()
        .filter(|t| !intent::is_frame_word(words, t) && !super::smalltalk::is_chat_word(words, t))
        .filter(|t| !relative_year.is_some_and(|r| (r.first..=r.last).contains(&t.position)))
        .filter(|t| !latest_words.contains(&t.position))
        .collect();
    let names_marked = capitals_mark_names(question);
    let mut out: Vec<Concept> = Vec::new();
    let mut i = 0;
    while i < tokens.len() && out.len() < MAX_CONCEPTS {
        let synonym = longest_synonym_at(index, &tokens, i)
            .filter(|&(_, _, len)| len > 1 || !plain_word_for_a_coined_name(index, question, &tokens[i]));
        let (concept, used) = match synonym {
            Some((group, phrase, len)) => (synonym_concept(index, searcher, &tokens[i..i + len], group, phrase), len),
            None => {
                let t = &tokens[i];
                let role = if names_marked && t.position > 0 && starts_upper(&question[t.start..t.end]) {
                    Role::Name
                } else if plain_word_for_a_coined_name(index, question, t) {
                    Role::Plain
                } else if intent::names_the_action_asked(words, t) {
                    Role::Topic
                } else {
                    Role::Any
                };
                (word_concept(index, searcher, t, role, w), 1)
            }
        };
        i += used;
        if !out.iter().any(|c| c.alternatives[0] == concept.alternatives[0]) {
            out.push(concept);
        }
    }
    out
}

/// Whether `t` is a plain word of general Indonesian, typed without capitals, that the
/// knowledge base has only as a coined name: "harga padi" asks about rice, not PaDi UMKM. With
/// the rest of the name ("padi umkm") or in the name's own form ("PaDi") it is the name.
fn plain_word_for_a_coined_name(index: &Index, question: &str, t: &Token) -> bool {
    let typed = question.get(t.start..t.end).unwrap_or_default();
    !typed.chars().any(char::is_uppercase)
        && frequency::share(&t.word) > 0.0
        && index.terms().id(&t.term).is_some_and(|id| index.is_coined(id))
}

/// Whether capitals in `question` mark names ("Siapa Menteri Luar Negeri Jepang?"): a capitalised
/// word inside such a question is part of a name, a topic however ordinary the word. A question
/// that capitalises every word, "yang" and "di" too ("Berapa Target Yang Direncanakan"), marks
/// nothing: names do not capitalise function words.
fn capitals_mark_names(question: &str) -> bool {
    let later: Vec<&str> = crate::language::words(question).skip(1).map(|w| w.text).collect();
    let every_word = later.iter().all(|w| starts_upper(w));
    let function_word = later.iter().any(|w| crate::language::words::is_stopword(&w.to_lowercase()));
    !(every_word && function_word)
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The longest synonym phrase whose terms start at `tokens[i]`: (group, phrase, length).
fn longest_synonym_at(index: &Index, tokens: &[Token], i: usize) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    for (g, group) in index.synonyms().iter().enumerate() {
        for (p, phrase) in group.iter().enumerate() {
            let len = phrase.len();
            if len > 0
                && i + len <= tokens.len()
                && tokens[i..i + len].iter().zip(phrase).all(|(t, w)| &t.term == w)
                && best.is_none_or(|(_, _, l)| len > l)
            {
                best = Some((g, p, len));
            }
        }
    }
    best
}

/// The concept of `tokens`, phrase `phrase` of synonym group `group`: its own terms first, then
/// the group's other phrases; known when any of them occurs.
fn synonym_concept(index: &Index, searcher: &Searcher, tokens: &[Token], group: usize, phrase: usize) -> Concept {
    let group = &index.synonyms()[group];
    let mut alternatives = vec![group[phrase].clone()];
    alternatives.extend(group.iter().enumerate().filter(|(k, _)| *k != phrase).map(|(_, a)| a.clone()));
    let df_of = |terms: &[String]| terms.iter().map(|t| index.doc_freq(searcher, t)).min().unwrap_or(0);
    let df = alternatives.iter().map(|a| df_of(a)).max().unwrap_or(0);
    let words = tokens.iter().map(|t| t.word.as_str()).collect::<Vec<_>>().join(" ");
    Concept {
        words,
        alternatives,
        weight: idf(searcher.num_docs(), df),
        known: df > 0,
        corrected: None,
        name: false,
        new_name: false,
        year: None,
        topic: false,
        quoted: false,
    }
}

/// The concept of one word. A word no passage has weighs [`Weights::ordinary_weight`] of its
/// weight when it is an ordinary word of general Indonesian ([`is_ordinary`]) and the question's
/// form does not make it a topic (`role`); else it is read as the known word it misspells, if
/// any, at a discount.
fn word_concept(index: &Index, searcher: &Searcher, t: &Token, role: Role, w: &Weights) -> Concept {
    // A name is known by its own form: the stemmer reads "Kerinci" as "rinci", which "merinci"
    // and "rincian" also are.
    let stemmed_away = role == Role::Name && !index.vocabulary().contains(&t.word);
    let df = if stemmed_away || role == Role::Plain { 0 } else { index.doc_freq(searcher, &t.term) };
    // An ordinal says which one ("pengajuan kelima"): a knowledge base that never names it does
    // not say, however common the word.
    let ordinal = crate::language::figures::is_ordinal(&t.word);
    let ordinary = df == 0 && role == Role::Any && !ordinal && is_ordinary(index.analyzer(), &t.word, w);
    let mut concept = Concept {
        words: t.word.clone(),
        alternatives: vec![vec![t.term.clone()]],
        weight: idf(searcher.num_docs(), df) * if ordinary { w.ordinary_weight } else { 1.0 },
        known: df > 0,
        corrected: None,
        name: role == Role::Name,
        new_name: false,
        year: None,
        topic: false,
        quoted: false,
    };
    // A word of general Indonesian is no typo, and a name is misspelt as another name, not as a
    // common word ("Samad" is not "sama").
    if df == 0
        && !ordinary
        && let Some(parts) = split_compound(index, searcher, &t.word)
    {
        // "koperasimodern" is "koperasi modern" typed without its space.
        let df = parts.iter().map(|p| index.doc_freq(searcher, p)).min().unwrap_or(0);
        concept.alternatives = vec![parts];
        concept.weight = idf(searcher.num_docs(), df);
        concept.known = true;
        return concept;
    }
    // A word of general news is a word of its own ("latin" is no "lain"), unless it spells a
    // known word the other way ("ekstrim"). A name is misspelt as another name (below).
    let listed = frequency::share(&t.word) > 0.0;
    let fixed = (df == 0)
        .then(|| index.vocabulary().correct(&t.word))
        .flatten()
        .filter(|fixed| role == Role::Name || !listed || typo::is_spelling_variant(&t.word, fixed));
    // A name misspelling a known word ("Sumebr") is no new name, even when not read as it. An
    // ordinal no passage has ("kelima") names a thing the knowledge base does not know, as a
    // new name does.
    concept.new_name = (role == Role::Name && df == 0 && fixed.is_none()) || (df == 0 && ordinal);
    if let Some(fixed) = fixed
        && (role != Role::Name || frequency::share(fixed) < w.ordinary_share)
    {
        let term = index.analyzer().stem(fixed);
        // A name is misspelt as another name, never as a word written small ("Trengganu" is
        // no "tenggang").
        let a_name_read_as_a_word =
            role == Role::Name && index.terms().id(&term).is_none_or(|id| index.is_written_small(id));
        if index.doc_freq(searcher, &term) > 0 && !a_name_read_as_a_word {
            concept.alternatives = vec![vec![term]];
            concept.weight *= w.correction;
            concept.known = true;
            concept.corrected = Some(fixed.to_string());
        }
    }
    concept
}

/// Words that attribute what follows to someone: "menurut Teten", "kata Maman" ("according
/// to" is read as "menurut").
const ATTRIBUTION_WORDS: &[&str] = &["menurut", "kata"];

/// The shortest part, in letters, a word typed without its space is split into: shorter parts
/// ("di", "ke") would split ordinary words.
const MIN_COMPOUND_PART: usize = 4;

/// The search terms of two known words that `word`, which no passage has, is typed together
/// from ("koperasimodern" → "koperasi", "modern"), if exactly one split makes two words some
/// passage has, each at least [`MIN_COMPOUND_PART`] letters: a word two splits could read is
/// left alone rather than guessed.
fn split_compound(index: &Index, searcher: &Searcher, word: &str) -> Option<Vec<String>> {
    if !word.chars().all(char::is_alphabetic) || !word.is_ascii() {
        return None;
    }
    let analyzer = index.analyzer();
    // A part is read as a typed word is ("sharing" is searched as "bagi"); a stopword part
    // ("yang") has no term and makes no compound.
    let known = |part: &str| match analyzer.terms(part).as_slice() {
        [term] => (index.doc_freq(searcher, term) > 0).then(|| term.clone()),
        _ => None,
    };
    let mut splits = (MIN_COMPOUND_PART..=word.len().saturating_sub(MIN_COMPOUND_PART))
        .filter_map(|at| Some(vec![known(&word[..at])?, known(&word[at..])?]));
    let first = splits.next()?;
    splits.next().is_none().then_some(first)
}

/// Whether two of the years among `figures` of `text` are joined into one period ("2008 sampai
/// 2023", "2020-2024").
fn joins_a_range(text: &str, figures: &[crate::language::figures::Figure]) -> bool {
    let years: Vec<&crate::language::figures::Figure> =
        figures.iter().filter(|f| crate::index::period::year_of(f).is_some()).collect();
    years.windows(2).any(|pair| {
        let between = text[pair[0].end..pair[1].start].to_lowercase();
        let words: Vec<&str> = between.split_whitespace().collect();
        let joins = |w: &str| crate::language::figures::RANGE_WORDS.contains(&w);
        words.len() <= 2 && (words.iter().any(|w| joins(w)) || joins(between.trim()))
    })
}

/// Marks the concepts that name one of `years`: known whether or not any passage writes the
/// number (a passage can speak of a year without it), and weighed as a word that `df(term)`
/// passages have, at least one.
fn mark_years(concepts: &mut [Concept], years: &[i32], df: impl Fn(&str) -> u64, passages: u64) {
    for c in concepts {
        let [only] = c.alternatives.as_slice() else { continue };
        let [term] = only.as_slice() else { continue };
        let Some(&year) = years.iter().find(|y| y.to_string() == *term) else { continue };
        c.year = Some(year);
        c.known = true;
        c.corrected = None;
        c.weight = idf(passages, df(term).max(1));
    }
}

/// Whether `word` is common enough in general Indonesian that, unknown to the knowledge base, it
/// says how a question is asked rather than what it is about. A verb is as common as its
/// commonest inflection.
fn is_ordinary(analyzer: &crate::language::Analyzer, word: &str, w: &Weights) -> bool {
    frequency::share(word) >= w.ordinary_share || frequency::verb_family_share(analyzer, word) >= w.ordinary_verb_share
}

/// BM25's inverse document frequency of a term found in `df` of `n` passages.
fn idf(n: u64, df: u64) -> f32 {
    let n = n.max(1) as f32;
    (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
}

/// The weighted terms to hand to the index search; a synonym's terms weigh `synonym`.
pub fn search_terms(concepts: &[Concept], synonym: f32) -> Vec<(String, f32)> {
    let mut terms: Vec<(String, f32)> = Vec::new();
    for c in concepts {
        for (k, alt) in c.alternatives.iter().enumerate() {
            let w = if k == 0 { 1.0 } else { synonym } / (alt.len() as f32).sqrt();
            for t in alt {
                match terms.iter_mut().find(|(x, _)| x == t) {
                    Some(existing) => existing.1 = existing.1.max(w),
                    None => terms.push((t.clone(), w)),
                }
            }
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_mark_names_unless_every_word_is_capitalised() {
        assert!(capitals_mark_names("Siapa Menteri Luar Negeri Jepang?"));
        assert!(capitals_mark_names("siapa Menteri Hukum dan HAM"));
        assert!(capitals_mark_names("brp target rpb"));
        assert!(!capitals_mark_names("Berapa Target Rumah Produksi Bersama Yang Direncanakan"));
    }
}
