//! The engine: a question in, an [`Answer`] out.
//!
//! `Engine::ask` reads the question once ([`query::Question`]: its intent and concepts), lets
//! the index find candidate passages by BM25, then reranks them by the [`Features`] measured in
//! [`features`]: how much of the question they cover (weighted by how rare each concept is), how
//! close together the question's words stand in them, and whether they carry the kind of answer
//! asked for. The weights are in [`Weights`]. When the best passage covers too little of the
//! question, the engine declines instead of showing an unrelated paragraph.

mod acronym;
mod catalog;
mod curated;
mod document;
mod english;
mod examples;
pub mod explain;
mod features;
mod followup;
mod headline;
pub mod intent;
mod measure;
mod period;
mod person;
pub mod query;
mod recency;
mod shared;
mod smalltalk;
mod weights;

pub use catalog::KnowledgeStats;
use examples::Examples;
pub use shared::{Changed, ReloadError, Reloaded, SharedEngine};
pub use weights::{Features, Weights};

use std::ops::Range;
use std::sync::Arc;

use tantivy::Searcher;

use crate::answer::{Answer, Hit, HitKind, Intent, Language, PeriodNote};
use crate::index::analysis::{Analysis, PassageToken};
use crate::index::{Index, IndexError, Passage, PassageKind};
use crate::knowledge::KnowledgeBase;
use crate::language::calendar::{self, Day};
use crate::language::figures::FigureKind;
use crate::language::{clip, words};
use query::Question;

/// How many hits an answer carries at most.
pub const MAX_HITS: usize = 10;
/// Questions longer than this (in bytes) are cut: nobody's question is a page long.
const MAX_QUESTION_BYTES: usize = 2000;

/// Answers questions from one index.
#[derive(Clone)]
pub struct Engine {
    index: Arc<Index>,
    weights: Weights,
    /// The curated questions of `faq.toml`, read once as questions are read.
    curated: Arc<[curated::CuratedQuestion]>,
    /// The day it is, which "tahun ini" reads against; the system clock's when `None`.
    today: Option<Day>,
    /// Questions the knowledge base answers, offered with small talk and some declines.
    examples: Arc<Examples>,
    /// The glossary's English phrases, longest first, read once for English questions.
    glossary: Arc<[english::GlossaryPhrase]>,
}

/// A candidate passage, measured and scored.
pub(crate) struct Scored<'a> {
    ord: usize,
    passage: &'a Passage,
    score: f32,
    features: Features,
    analysis: Analysis<'a>,
}

impl Scored<'_> {
    /// Whether the passage may answer: it is on the question's topic, speaks of the period and
    /// the places asked, writes the document numbers asked as a document's, and meets the
    /// question in more than its places. (Any more: a floor of 0.25 of the question's weight
    /// beyond them declined 3 more off-topic FacQA questions and lost 6 FacQA answers.)
    fn fits(&self) -> bool {
        self.features.on_topic > 0.0
            && self.features.in_period > 0.0
            && self.features.in_place > 0.0
            && self.features.names_document > 0.0
            && self.features.beyond_places > 0.0
    }
}

impl Engine {
    /// Indexes `kb` and serves it with the default [`Weights`]. `progress` is told passages
    /// done and total while the index is built.
    pub fn build(kb: &KnowledgeBase, progress: &mut dyn FnMut(u64, u64)) -> Result<Engine, IndexError> {
        Ok(Engine::new(Index::build(kb, progress)?))
    }

    /// An engine over `index` with the default [`Weights`].
    pub fn new(index: Index) -> Engine {
        Engine::with_weights(index, Weights::DEFAULT)
    }

    /// An engine with other weights: for measuring what a weight does.
    pub fn with_weights(index: Index, weights: Weights) -> Engine {
        let searcher = index.searcher();
        let year = calendar::today().year;
        let curated = index
            .curated()
            .iter()
            .enumerate()
            .flat_map(|(entry, c)| c.questions.iter().map(move |q| (entry, q)))
            .map(|(entry, q)| {
                curated::CuratedQuestion::new(entry, Question::read(&index, &searcher, q, &weights, year))
            })
            .collect();
        let glossary = english::glossary_phrases(index.glossary()).into();
        let mut engine =
            Engine { index: Arc::new(index), weights, curated, today: None, examples: Arc::default(), glossary };
        engine.examples = Arc::new(Examples::derive(&engine));
        engine
    }

    /// The same index with other weights: for sweeping a weight without rebuilding the index.
    pub fn reweighted(&self, weights: Weights) -> Engine {
        Engine { weights, ..self.clone() }
    }

    /// The engine as if it were the first day of `year`: for tests of "tahun ini".
    pub fn in_year(mut self, year: i32) -> Engine {
        self.today = Some(Day { year, month: 1, day: 1 });
        self
    }

    /// The day it is.
    fn today(&self) -> Day {
        self.today.unwrap_or_else(calendar::today)
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Questions the knowledge base answers, for replies in `language`: for greetings and help.
    pub fn examples(&self, language: Language) -> &[String] {
        self.examples.of(language)
    }

    /// Answers `question`. Never fails: a question the knowledge base does not answer gets a
    /// declining [`Answer`].
    pub fn ask(&self, question: &str) -> Answer {
        let mut answer = self.ask_in_its_language(question);
        // Small talk, and a decline with nothing to show, offer questions that do get answers.
        let offers_examples = answer.smalltalk.is_some()
            || (!answer.answered && answer.hits.is_empty() && answer.period.is_none() && answer.places.is_empty());
        if offers_examples {
            answer.examples = self.examples(answer.language).to_vec();
        }
        answer
    }

    fn ask_in_its_language(&self, question: &str) -> Answer {
        let asked = clip(question.trim(), MAX_QUESTION_BYTES);
        if !english::is_english(asked) {
            return self.ask_indonesian(asked);
        }
        let mut answer = self.ask_indonesian(&english::to_indonesian(asked, &self.glossary, &|w| self.index.knows(w)));
        answer.question = asked.to_string();
        answer.language = Language::En;
        answer
    }

    /// Answers `question` as the next message of a chat whose previous question was
    /// `previous`: a follow-up that lacks its topic or its question ("kalau PLUT?", "itu di
    /// mana?") is read with it, and the answer says how it was read (`read_as`).
    pub fn ask_after(&self, question: &str, previous: Option<&str>) -> Answer {
        let alone = self.ask(question);
        // Small talk is never a follow-up, and English follow-ups are not read yet.
        let Some(previous) = previous.filter(|_| alone.smalltalk.is_none() && alone.language == Language::Id) else {
            return alone;
        };
        let asked = clip(question.trim(), MAX_QUESTION_BYTES);
        let programs = self.index.programs();
        let Some(merged) = followup::read_with(self.index.analyzer(), programs, asked, previous, alone.answered) else {
            return alone;
        };
        let mut answer = self.ask(&merged);
        // A reading that finds nothing is no reading, unless it names a period the knowledge
        // base has other years of: saying so answers the follow-up.
        if !answer.answered && answer.period.as_ref().is_none_or(|p| p.known.is_empty()) {
            return alone;
        }
        answer.read_as = Some(answer.question.clone());
        answer
    }

    /// Answers a question in Indonesian.
    fn ask_indonesian(&self, question: &str) -> Answer {
        let w = &self.weights;
        let searcher = self.index.searcher();
        let question = Question::read(&self.index, &searcher, question, w, self.today().year);
        if let Some(kind) = question.small_talk {
            return Answer::small_talk(&question.text, kind);
        }
        let mut answer = self.answer_from_passages(&searcher, &question);
        let Some(matched) = curated::closest(&question, &self.curated, w.curated_min_share) else { return answer };
        let Some(entry) = self.index.curated().get(matched.entry) else { return answer };
        if !answer.answered {
            // A decline's topic passage is no answer beside the ministry's own.
            answer.hits.clear();
            answer.suggestions.clear();
            answer.answered = true;
        }
        answer.curated = Some(curated::answer_of(entry, &matched.text));
        answer
    }

    /// Answers a question read in Indonesian from the passages.
    fn answer_from_passages(&self, searcher: &Searcher, question: &Question) -> Answer {
        let w = &self.weights;
        if question.is_beyond_knowledge(w) {
            return self.decline(question);
        }
        let mut scored = self.rerank(searcher, question);
        let Some(top) = scored.first() else { return self.decline(question) };
        if top.features.undated_coverage < w.min_coverage {
            // Covered but for a place no passage names: say the place has no data.
            if question.covered_beside_unknown_places(top.features.undated_coverage) >= w.min_coverage {
                return self.decline_with_what_is_known(question, &scored);
            }
            return self.decline(question);
        }
        let Some(answering) = self.answering(question, &scored) else {
            return self.decline_with_what_is_known(question, &scored);
        };
        let answer = scored.remove(answering);
        scored.insert(0, answer);
        let best = &scored[0];
        // Further hits must answer a good part of what the best one does, on its topic and in
        // its period.
        let floor = (best.features.coverage * w.other_hit_share).max(w.other_hit_floor);
        let found = scored
            .iter()
            .filter(|s| s.features.coverage >= floor && s.fits())
            // A list of targets ("target kemenkop 2024 apa saja") lists targets, not every
            // figure of the year.
            .filter(|s| !question.list || carries_measure_asked(question, s))
            .take(MAX_HITS);
        let hits: Vec<Hit> = if question.list {
            self.with_continuations(found, question)
        } else {
            found.map(|s| hit(s, question)).collect()
        };
        // A figure answers no question about what an abbreviation stands for, and a list is
        // its own answer.
        let figure = if question.long_form || question.list {
            None
        } else if question.intent == Intent::Person {
            // Who is asked leads a "siapa" answer as a figure leads a "berapa" one.
            person::headline(&self.index, question, best, w)
        } else {
            headline::choose(question, best, w)
        };
        Answer {
            read_as: None,
            language: Language::Id,
            period: None,
            places: Vec::new(),
            as_of: if question.latest { best.passage.cite.day } else { None },
            list: question.list && hits.len() > 1,
            question: question.text.clone(),
            answered: true,
            intent: question.intent,
            figure,
            hits,
            suggestions: Vec::new(),
            examples: Vec::new(),
            corrections: question.corrections(),
            smalltalk: None,
            curated: None,
        }
    }

    /// The hits of a list: each of `found`, and after each article paragraph the paragraphs of
    /// its article that go on with it ("Selain itu, ..."), each once: a list written over two
    /// paragraphs is one list.
    fn with_continuations<'s, 'a: 's>(
        &self,
        found: impl Iterator<Item = &'s Scored<'a>>,
        question: &Question,
    ) -> Vec<Hit> {
        let found: Vec<&Scored<'_>> = found.collect();
        let mut ords: Vec<usize> = found.iter().map(|s| s.ord).collect();
        let mut hits = Vec::with_capacity(found.len());
        for s in &found {
            hits.push(hit(s, question));
            let mut ord = s.ord;
            while let (Some(this), Some(next)) = (self.index.passage(ord), self.index.passage(ord + 1)) {
                if this.kind != PassageKind::Article
                    || !Arc::ptr_eq(&this.cite, &next.cite)
                    || !continues_the_one_before(&next.text)
                {
                    break;
                }
                ord += 1;
                if ords.contains(&ord) {
                    continue;
                }
                ords.push(ord);
                let tokens = self.index.analysis(ord).map_or(&[][..], |a| a.tokens);
                hits.push(hit_of(next, tokens, s.score, question));
            }
        }
        hits
    }

    /// Which of the `scored` passages answers: the best that is on the question's topic, speaks
    /// of the period asked, covers enough of the question, and holds the kind of answer asked
    /// for (a figure for "berapa", a name for "siapa"). Figures are found reliably, names less
    /// so (a capitalised word may be an office), so only a question for a figure that names a
    /// topic looks past the first passage that qualifies otherwise. A question for the newest
    /// takes the newest of those that answer about as well ([`Weights::latest_coverage_share`]).
    fn answering(&self, question: &Question, scored: &[Scored<'_>]) -> Option<usize> {
        let w = &self.weights;
        let looks_past = question.intent == Intent::Amount && question.names_a_topic(w);
        let mut fitting = scored.iter().enumerate().filter(|(_, s)| s.fits() && s.features.coverage >= w.min_coverage);
        let carries = |s: &Scored<'_>| carries_kind_asked(&self.index, question, s, w);
        let first = if looks_past {
            fitting.find(|(_, s)| carries(s)).map(|(i, _)| i)
        } else {
            fitting.next().filter(|(_, s)| carries(s)).map(|(i, _)| i)
        }?;
        if question.latest {
            self.newest_answering(question, scored, first)
        } else if question.definition {
            Some(self.program_defining(scored, first).unwrap_or(first))
        } else {
            Some(first)
        }
    }

    /// For a question asking what something is: the best program summary that fits and covers
    /// about as much as `scored[first]` ([`Weights::definition_coverage_share`]).
    fn program_defining(&self, scored: &[Scored<'_>], first: usize) -> Option<usize> {
        let floor = scored[first].features.coverage * self.weights.definition_coverage_share;
        scored.iter().position(|s| {
            s.passage.kind == PassageKind::Program
                && s.fits()
                && s.features.coverage >= floor.max(self.weights.min_coverage)
        })
    }

    /// For a question asking for the newest: of the passages that answer about as well as
    /// `scored[first]`, the newest source (of one day's, the best). None when it asks who holds
    /// an office now and that source is [`Weights::stale_office_days`] older than the knowledge
    /// base's newest (not today: what a knowledge base answers does not change with the clock).
    fn newest_answering(&self, question: &Question, scored: &[Scored<'_>], first: usize) -> Option<usize> {
        let w = &self.weights;
        let carries = |s: &Scored<'_>| carries_kind_asked(&self.index, question, s, w);
        let floor = (scored[first].features.coverage * w.latest_coverage_share).max(w.min_coverage);
        let newest = scored
            .iter()
            .enumerate()
            .filter(|(_, s)| s.fits() && s.features.coverage >= floor && carries(s))
            .max_by(|(i, a), (j, b)| a.passage.cite.day.cmp(&b.passage.cite.day).then(j.cmp(i)))
            .map(|(i, _)| i)?;
        let asks_holder_now = question.asks_now && question.office().is_some();
        let stale = |day: Option<Day>| match (day, self.index.newest()) {
            (Some(day), Some(newest)) => newest.days() - day.days() > w.stale_office_days,
            _ => false,
        };
        (!asks_holder_now || !stale(scored[newest].passage.cite.day)).then_some(newest)
    }

    /// The decline when no passage answers: for a question naming a period, the periods the
    /// knowledge base has for what it asks; else, when it names a topic, the best passage on
    /// that topic as what is known.
    fn decline_with_what_is_known(&self, question: &Question, scored: &[Scored<'_>]) -> Answer {
        let w = &self.weights;
        let mut declined = self.decline(question);
        let on_topic = |s: &&Scored<'_>| {
            s.features.on_topic > 0.0
                && question.covered_beside_unknown_places(s.features.undated_coverage) >= w.min_coverage
        };
        if !question.years.is_empty() {
            let mut known: Vec<i32> = scored
                .iter()
                .filter(on_topic)
                .filter(|s| carries_kind_asked(&self.index, question, s, w))
                .flat_map(|s| s.passage.years.iter().copied())
                .filter(|y| !question.years.contains(y))
                .collect();
            known.sort_unstable();
            known.dedup();
            declined.period = Some(PeriodNote { asked: question.years.clone(), topic: question.topic_words(), known });
            return declined;
        }
        declined.places = places_missing(question, scored, w);
        if question.names_a_topic(w)
            && let Some(related) = scored.iter().find(on_topic)
        {
            declined.hits = vec![hit(related, question)];
        }
        declined
    }

    /// The BM25 candidates for `question`, measured and sorted best first.
    fn rerank<'a>(&'a self, searcher: &Searcher, question: &Question) -> Vec<Scored<'a>> {
        let w = &self.weights;
        let terms = query::search_terms(&question.concepts, w.synonym);
        let candidates = self.index.search(searcher, &terms, w.title_boost, w.candidates);
        let top_bm25 = candidates.first().map_or(1.0, |c| c.1).max(f32::EPSILON);
        let mut scored: Vec<Scored<'a>> = candidates
            .into_iter()
            .filter_map(|(ord, bm25)| {
                let passage = self.index.passage(ord)?;
                let analysis = self.index.analysis(ord)?;
                let candidate = features::Candidate { ord, passage, analysis: &analysis };
                let features = features::measure(&self.index, question, candidate, bm25 / top_bm25, w);
                Some(Scored { ord, passage, score: w.score(&features), features, analysis })
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.ord.cmp(&b.ord)));
        scored
    }

    fn decline(&self, question: &Question) -> Answer {
        Answer::declined(&question.text, question.intent, self.suggestions())
    }

    /// Names of the programs the knowledge base knows, for a declining answer.
    pub fn suggestions(&self) -> Vec<String> {
        self.index.programs().iter().map(|p| p.name.clone()).collect()
    }
}

fn hit(s: &Scored<'_>, question: &Question) -> Hit {
    hit_of(s.passage, s.analysis.tokens, s.score, question)
}

fn hit_of(p: &Passage, tokens: &[PassageToken], score: f32, question: &Question) -> Hit {
    Hit {
        snippet: p.text.clone(),
        highlights: highlights(&p.text, tokens, question),
        figures: p.figures.iter().filter(|f| f.kind != FigureKind::Year).map(|f| f.text.clone()).collect(),
        score,
        ..citation(p)
    }
}

/// Openings of a paragraph that goes on with the one before it ("Selain itu, ada program
/// ..."): after a paragraph a list question found, it lists more of the same items, though it
/// repeats none of the question's words. Indonesian connectives, written for this project.
const CONTINUING_OPENINGS: &[&str] =
    &["selain itu", "di samping itu", "ada pula", "ada juga", "tak hanya itu", "tidak hanya itu", "lebih lanjut"];

/// Whether `text` opens by going on with the paragraph before it.
fn continues_the_one_before(text: &str) -> bool {
    let opening: String = text.chars().take(24).collect::<String>().to_lowercase();
    CONTINUING_OPENINGS.iter().any(|c| opening.strip_prefix(c).is_some_and(|rest| rest.starts_with([',', ' '])))
}

/// A hit that only cites `p` (its id, title, source, link and date), for a source line.
fn citation(p: &Passage) -> Hit {
    Hit {
        id: p.id.clone(),
        kind: hit_kind(p.kind),
        title: p.cite.title.clone(),
        snippet: String::new(),
        highlights: Vec::new(),
        figures: Vec::new(),
        source: p.cite.source.clone(),
        url: p.cite.url.clone(),
        date: p.cite.day,
        score: 0.0,
    }
}

/// The answer's name for what a passage is cut from.
fn hit_kind(kind: PassageKind) -> HitKind {
    match kind {
        PassageKind::Article => HitKind::Article,
        PassageKind::Fact => HitKind::Fact,
        PassageKind::Program => HitKind::Program,
    }
}

/// Byte ranges of matched words, neighbours separated only by spaces merged into one.
fn highlights(text: &str, tokens: &[PassageToken], question: &Question) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for t in tokens.iter().filter(|t| question.searched(t.term)) {
        let (start, end) = (t.start(), t.end(text));
        match out.last_mut() {
            Some(last) if last.end <= start && text[last.end..start].chars().all(|c| c == ' ') => last.end = end,
            Some(last) if last.end > start => {}
            _ => out.push(start..end),
        }
    }
    out
}

/// The places a declined question names that kept a passage on its topic from answering: the
/// ones [`query::PlaceAsked::required`] requires, when a passage would have fitted but for them.
fn places_missing(question: &Question, scored: &[Scored<'_>], w: &Weights) -> Vec<String> {
    let blocked = |s: &Scored<'_>| {
        s.features.in_place == 0.0
            && s.features.on_topic > 0.0
            && s.features.in_period > 0.0
            && question.covered_beside_unknown_places(s.features.coverage) >= w.min_coverage
    };
    if !scored.iter().any(blocked) {
        return Vec::new();
    }
    question.places.iter().filter(|p| p.required(w)).map(|p| p.place.name.to_string()).collect()
}

/// Whether `s` states a figure of the measure the question asks (a target, a result), or the
/// question asks none.
fn carries_measure_asked(question: &Question, s: &Scored<'_>) -> bool {
    let passage = s.passage;
    question.measure.is_none_or(|asked| {
        passage
            .figures
            .iter()
            .filter(|f| f.is_amount())
            .any(|f| asked.answered_by(measure::of_figure(&passage.text, f, &passage.figures)))
    })
}

/// Whether `passage` holds a figure when `question` asks for one ("berapa"), other than the
/// question's own, a share in percent when it asks a rate ("bunga"), in the scale it asks
/// ("berapa juta"), and one that is not a target when it asks what was reached (or the other
/// way round). (Money is not required: a question's "kredit" or "investasi" may ask a loan's
/// tenor.) A number that names ("nomor berapa") is not a figure. A date is checked only for a
/// question naming a year: without one, answers such as "pagi hari" or "abad ke-16" would be
/// missed (requiring a date always lost 10 FacQA answers for one domain decline). For "siapa",
/// the passage must name someone tied to the question, holding the office asked as the question
/// qualifies it ([`person::names_the_office`]).
fn carries_kind_asked(index: &Index, question: &Question, best: &Scored<'_>, w: &Weights) -> bool {
    let passage = best.passage;
    match question.intent {
        Intent::Amount if !intent::asks_identifier(question.words()) => {
            !features::answer_candidates(question, passage, &best.analysis).is_empty()
                && (question.quantity != Some(FigureKind::Percent)
                    || passage.figures.iter().any(|f| f.kind == FigureKind::Percent))
                && question.scale.as_deref().is_none_or(|scale| {
                    passage.figures.iter().any(|f| f.is_amount() && words(&f.text).any(|w| w.text == scale))
                })
                && carries_measure_asked(question, best)
        }
        Intent::Person => person::is_named(index, question, best, w) && person::names_the_office(index, question, best),
        // "kapan ... 2024 dimulai?" is not answered by a passage whose only date is the year asked.
        // (Without a year asked, an answer may be no date at all: "abad ke-16".)
        Intent::Date if !question.years.is_empty() => {
            !features::answer_candidates(question, passage, &best.analysis).is_empty()
        }
        _ => true,
    }
}
