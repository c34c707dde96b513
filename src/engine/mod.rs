//! The engine: a question in, an [`Answer`] out.
//!
//! `Engine::ask` reads the question's intent and concepts, lets the index find candidate
//! passages by BM25, then reranks them by how much of the question they cover (weighted by
//! how rare each concept is), how close together the question's words stand in them, and
//! whether they carry the kind of answer asked for. When the best passage covers too little of
//! the question, the engine declines instead of showing an unrelated paragraph.

mod acronym;
pub mod intent;
pub mod query;
mod shared;

pub use shared::{ReloadError, Reloaded, SharedEngine};

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use crate::answer::{Answer, Hit, Intent};
use crate::figures::{Figure, FigureKind};
use crate::index::{Index, Passage, PassageKind};
use crate::language::{Token, words};
use query::Concept;

/// How many BM25 candidates are reranked.
const CANDIDATES: usize = 30;
/// Bytes around a candidate answer within which question words count as its context.
const ANSWER_NEIGHBOURHOOD: usize = 90;
/// Words within which a question word counts as next to a candidate answer.
const ADJACENT_WORDS: usize = 3;
/// Score added to a passage that spells out the abbreviation a question asks about. FacQA gains
/// the same from 0.3 to 1.0; below 0.3 other passages about the abbreviation win.
const SPELT_OUT_BONUS: f32 = 0.5;
/// How many hits an answer carries at most.
pub const MAX_HITS: usize = 10;
/// Below this share of the question's weight covered by the best passage, the engine declines.
const MIN_COVERAGE: f32 = 0.35;
/// Above this share of the question's weight in words unknown to the knowledge base, the engine
/// declines.
const MAX_UNKNOWN_SHARE: f32 = 0.55;
/// Questions longer than this (in bytes) are cut: nobody's question is a page long.
const MAX_QUESTION_BYTES: usize = 2000;

/// Answers questions from one index.
#[derive(Clone)]
pub struct Engine {
    index: Arc<Index>,
}

/// A candidate passage with its reranking features.
struct Scored<'a> {
    ord: usize,
    passage: &'a Passage,
    score: f32,
    coverage: f32,
    tokens: Vec<Token>,
}

impl Engine {
    pub fn new(index: Index) -> Engine {
        Engine { index: Arc::new(index) }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Answers `question`. Never fails: a question the knowledge base does not answer gets a
    /// declining [`Answer`].
    pub fn ask(&self, question: &str) -> Answer {
        let question = clip(question.trim(), MAX_QUESTION_BYTES);
        let index = &*self.index;
        let asked = intent::QuestionWords::new(index.analyzer(), question);
        let intent = intent::detect(&asked);
        let searcher = index.searcher();
        let concepts = query::concepts(index, &searcher, question, &asked);
        // Decline when the question's weight lies mostly in words no passage contains: the
        // knowledge base cannot be about what it asks.
        let total_weight: f32 = concepts.iter().map(|c| c.weight).sum();
        let unknown_weight: f32 = concepts.iter().filter(|c| !c.known).map(|c| c.weight).sum();
        if concepts.iter().all(|c| !c.known) || unknown_weight > MAX_UNKNOWN_SHARE * total_weight {
            return Answer::declined(question, intent, self.suggestions());
        }
        let candidates = index.search(&searcher, &query::search_terms(&concepts), CANDIDATES);
        let question_words = asked.as_typed();
        let type_noun = intent::answer_type_noun(index.analyzer(), &asked);
        let long_form = intent::asks_long_form(&asked);
        let top_bm25 = candidates.first().map_or(1.0, |c| c.1).max(f32::EPSILON);
        // Which concepts each search term stands for, to read a passage's tokens in one pass.
        let mut term_concepts: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, c) in concepts.iter().enumerate() {
            for t in c.alternatives.iter().flatten() {
                let list = term_concepts.entry(t.as_str()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        let mut scored: Vec<Scored<'_>> = candidates
            .into_iter()
            .filter_map(|(ord, bm25)| {
                let passage = index.passage(ord)?;
                Some(self.score(
                    passage,
                    ord,
                    bm25 / top_bm25,
                    &concepts,
                    &term_concepts,
                    intent,
                    question_words,
                    type_noun.as_deref(),
                    long_form,
                ))
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.ord.cmp(&b.ord)));

        let Some(best) = scored.first() else {
            return Answer::declined(question, intent, self.suggestions());
        };
        if best.coverage < MIN_COVERAGE {
            return Answer::declined(question, intent, self.suggestions());
        }
        let min_coverage = (best.coverage * 0.5).max(0.3);
        let matched: HashSet<&str> =
            concepts.iter().flat_map(|c| c.alternatives.iter().flatten()).map(String::as_str).collect();
        let hits: Vec<Hit> =
            scored.iter().filter(|s| s.coverage >= min_coverage).take(MAX_HITS).map(|s| hit(s, &matched)).collect();
        // A figure answers no question about what an abbreviation stands for.
        let figure = if long_form { None } else { headline(intent, &scored[0], question_words, &matched) };
        Answer {
            question: question.to_string(),
            answered: true,
            intent,
            figure,
            hits,
            suggestions: Vec::new(),
            corrections: concepts.iter().filter_map(|c| c.corrected.clone().map(|k| (c.words.clone(), k))).collect(),
        }
    }

    /// Names of the programs the knowledge base knows, for a declining answer.
    pub fn suggestions(&self) -> Vec<String> {
        self.index.programs().iter().map(|p| p.name.clone()).collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn score<'a>(
        &self,
        passage: &'a Passage,
        ord: usize,
        bm25: f32,
        concepts: &[Concept],
        term_concepts: &HashMap<&str, Vec<usize>>,
        intent: Intent,
        question_words: &[String],
        type_noun: Option<&str>,
        long_form: bool,
    ) -> Scored<'a> {
        let analyzer = self.index.analyzer();
        let tokens = analyzer.tokens(&passage.text);
        let title_terms: HashSet<String> = analyzer.terms(&passage.context).into_iter().collect();
        let body_terms: HashSet<&str> = tokens.iter().map(|t| t.term.as_str()).collect();

        let total: f32 = concepts.iter().map(|c| c.weight).sum::<f32>().max(f32::EPSILON);
        let mut covered = 0.0;
        // Position of the first occurrence of each concept found in the body, and the byte
        // offsets of all its occurrences.
        let mut positions: Vec<Vec<usize>> = Vec::with_capacity(concepts.len());
        let mut offsets: Vec<Vec<usize>> = Vec::with_capacity(concepts.len());
        for c in concepts {
            let mut best = 0.0f32;
            for (k, alt) in c.alternatives.iter().enumerate() {
                let in_body = alt.iter().filter(|t| body_terms.contains(t.as_str())).count() as f32;
                let in_title = alt.iter().filter(|t| title_terms.contains(*t)).count() as f32;
                // A synonym is a slightly weaker match than the question's own words.
                let own = if k == 0 { 1.0 } else { query::SYNONYM_WEIGHT };
                let share = own * (in_body + 0.5 * (in_title - in_body).max(0.0)) / alt.len() as f32;
                best = best.max(share);
            }
            covered += c.weight * best.min(1.0);
        }
        positions.resize(concepts.len(), Vec::new());
        offsets.resize(concepts.len(), Vec::new());
        for t in &tokens {
            for &c in term_concepts.get(t.term.as_str()).map_or(&[][..], Vec::as_slice) {
                positions[c].push(t.position);
                offsets[c].push(t.start);
            }
        }
        let coverage = covered / total;

        // The sentence holding most of the question: answers to factoid questions sit in the
        // sentence that repeats the question's words.
        let text = &passage.text;
        let mut sentence_coverage = 0.0f32;
        for s in crate::index::sentences(text) {
            let start = s.as_ptr() as usize - text.as_ptr() as usize;
            let range = start..start + s.len();
            let cov: f32 = concepts
                .iter()
                .zip(&offsets)
                .filter(|(_, o)| o.iter().any(|x| range.contains(x)))
                .map(|(c, _)| c.weight)
                .sum::<f32>()
                / total;
            sentence_coverage = sentence_coverage.max(cov);
        }

        // Neighbouring question concepts that also stand close together in the passage.
        let mut near = 0.0;
        let pairs = concepts.len().saturating_sub(1).max(1) as f32;
        for i in 1..concepts.len() {
            let gap = positions[i - 1]
                .iter()
                .flat_map(|a| positions[i].iter().map(move |b| a.abs_diff(*b)))
                .min()
                .unwrap_or(usize::MAX);
            if gap <= 2 {
                near += 1.0;
            } else if gap <= 5 {
                near += 0.5;
            }
        }
        let proximity = near / pairs;
        // How much of the question stands right around a word that could be the answer, and
        // the rarest question word right next to one.
        let candidates = intent::answer_candidates(intent, text, &passage.figures, question_words);
        let spans = candidate_spans(text, &candidates);
        let adjacent = adjacent_weight(&spans, concepts, &positions);
        let named = type_noun_beside(&spans, &tokens, type_noun);
        let presence = candidates
            .into_iter()
            .map(|at| {
                concepts
                    .iter()
                    .zip(&offsets)
                    .filter(|(_, o)| o.iter().any(|&x| x.abs_diff(at) <= ANSWER_NEIGHBOURHOOD))
                    .map(|(c, _)| c.weight)
                    .sum::<f32>()
                    / total
            })
            .fold(0.0f32, f32::max);
        // A question about what an abbreviation stands for is answered where it is spelt out.
        let spelt_out =
            long_form && concepts.iter().any(|c| !c.words.contains(' ') && acronym::spelt_out(text, &c.words));
        let fact_bonus =
            if passage.kind == PassageKind::Fact && intent == Intent::Amount && passage.fact_value.is_some() {
                0.1
            } else {
                0.0
            };
        let score = 0.5 * bm25
            + coverage
            + sentence_coverage
            + 0.3 * proximity
            + presence
            + 0.1 * adjacent
            + 0.15 * named
            + fact_bonus
            + if spelt_out { SPELT_OUT_BONUS } else { 0.0 };
        Scored { ord, passage, score, coverage, tokens }
    }
}

/// Spans of consecutive candidate answer words, as (first, last) word positions.
fn candidate_spans(text: &str, candidates: &[usize]) -> Vec<(usize, usize)> {
    let position_of: HashMap<usize, usize> = words(text).enumerate().map(|(i, w)| (w.start, i)).collect();
    let mut cand: Vec<usize> = candidates.iter().filter_map(|at| position_of.get(at).copied()).collect();
    cand.sort_unstable();
    cand.dedup();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for p in cand {
        match spans.last_mut() {
            Some((_, end)) if *end + 1 == p => *end = p,
            _ => spans.push((p, p)),
        }
    }
    spans
}

/// The weight of the rarest question concept standing within `ADJACENT_WORDS` words of a
/// span of candidate answer words (a name, a figure), outside the span: factoid answers sit
/// right next to the words the question repeats.
fn adjacent_weight(spans: &[(usize, usize)], concepts: &[Concept], positions: &[Vec<usize>]) -> f32 {
    let mut best = 0.0f32;
    for &(start, end) in spans {
        let near = |p: usize| (p < start && start - p <= ADJACENT_WORDS) || (p > end && p - end <= ADJACENT_WORDS);
        for (c, ps) in concepts.iter().zip(positions) {
            if c.weight > best && ps.iter().any(|&p| near(p)) {
                best = c.weight;
            }
        }
    }
    best
}

/// Whether a candidate span is named by the kind of answer asked for, e.g. "Partai" before
/// "Fatah" for "Partai apa ...".
fn type_noun_beside(spans: &[(usize, usize)], tokens: &[Token], noun: Option<&str>) -> f32 {
    let Some(noun) = noun else { return 0.0 };
    let prefix = |s: &str| s.chars().take(5).collect::<String>();
    let noun_prefix = prefix(noun);
    let named = spans.iter().any(|&(start, end)| {
        tokens.iter().any(|t| {
            t.position + 2 >= start
                && t.position <= end
                && (t.term == noun || (noun.len() >= 5 && prefix(&t.term) == noun_prefix))
        })
    });
    if named { 1.0 } else { 0.0 }
}

fn hit(s: &Scored<'_>, matched: &HashSet<&str>) -> Hit {
    let p = s.passage;
    Hit {
        id: p.id.clone(),
        kind: p.kind,
        title: p.title.clone(),
        snippet: p.text.clone(),
        highlights: highlights(&p.text, &s.tokens, matched),
        figures: p.figures.iter().filter(|f| f.kind != FigureKind::Year).map(|f| f.text.clone()).collect(),
        source: p.source.clone(),
        url: p.url.clone(),
        date: p.date.clone(),
        score: s.score,
    }
}

/// Byte ranges of matched words, neighbours separated only by spaces merged into one.
fn highlights(text: &str, tokens: &[Token], matched: &HashSet<&str>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for t in tokens.iter().filter(|t| matched.contains(t.term.as_str())) {
        match out.last_mut() {
            Some(last) if last.end <= t.start && text[last.end..t.start].chars().all(|c| c == ' ') => last.end = t.end,
            Some(last) if last.end > t.start => {}
            _ => out.push(t.start..t.end),
        }
    }
    out
}

/// The figure that answers the question, from the best passage.
fn headline(intent: Intent, best: &Scored<'_>, question_words: &[String], matched: &HashSet<&str>) -> Option<String> {
    let p = best.passage;
    let wanted = |f: &Figure| match intent {
        Intent::Amount => f.is_amount(),
        Intent::Date => matches!(f.kind, FigureKind::Date | FigureKind::Year),
        _ => p.fact_value.is_some() && f.is_amount(),
    };
    // Question words hold numbers as searched; so must the figure, so that "1500" in the
    // question excludes "1.500".
    let numbers = |t: &str| t.split(' ').map(crate::language::number_term).collect::<Vec<_>>().join(" ");
    let question_text = question_words.join(" ");
    let matched_at: Vec<usize> =
        best.tokens.iter().filter(|t| matched.contains(t.term.as_str())).map(|t| t.start).collect();
    p.figures
        .iter()
        .filter(|f| wanted(f) && !question_text.contains(&numbers(&f.text.to_lowercase())))
        .map(|f| {
            let mut score = 0.0f32;
            if let (Some(v), true) = (p.fact_value, f.is_amount())
                && (f.value - v).abs() < 1e-6 * v.abs().max(1.0)
            {
                score += 3.0;
            }
            if let Some(unit) = &f.unit
                && words(unit).any(|w| matched.iter().any(|t| unit_matches(w.text, t)))
            {
                score += 2.0;
            }
            let distance = matched_at.iter().map(|&m| m.abs_diff(f.start)).min().unwrap_or(1000);
            score -= distance as f32 / 200.0;
            (score, f)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.start.cmp(&a.1.start)))
        .map(|(_, f)| f.text.clone())
}

fn unit_matches(unit_word: &str, term: &str) -> bool {
    let u = unit_word.to_lowercase();
    u == term || (term.len() >= 4 && u.starts_with(term))
}

/// Cuts `s` to at most `max` bytes at a character boundary.
fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
