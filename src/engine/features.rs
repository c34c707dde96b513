//! The reranking features of one candidate passage ([`Features`]), each measured by a small
//! function from the passage's tokens and where the question's concepts occur in them.

use super::query::{Concept, Question};
use super::weights::{Features, Weights};
use super::{acronym, intent};
use crate::answer::Intent;
use crate::index::analysis::{Analysis, PassageToken, TermId};
use crate::index::{Index, Passage, PassageKind};
use crate::language::figures::{Figure, FigureKind};
use crate::language::words;
use std::borrow::Cow;

/// Where the question's concepts occur in one passage: for concept `i`, the word positions
/// and byte offsets of its terms.
struct Occurrences {
    positions: Vec<Vec<usize>>,
    offsets: Vec<Vec<usize>>,
    /// The question's terms the body has.
    seen: Vec<TermId>,
}

impl Occurrences {
    fn of(question: &Question, tokens: &[PassageToken]) -> Occurrences {
        let n = question.concepts.len();
        let mut found = Occurrences { positions: vec![Vec::new(); n], offsets: vec![Vec::new(); n], seen: Vec::new() };
        for t in tokens {
            let concepts = question.concepts_of(t.term);
            if !concepts.is_empty() && !found.seen.contains(&t.term) {
                found.seen.push(t.term);
            }
            for &c in concepts {
                found.positions[c].push(t.position as usize);
                found.offsets[c].push(t.start());
            }
        }
        found
    }

    /// The question's weight standing at any offset `near` accepts, over the question's weight.
    fn share(&self, question: &Question, near: impl Fn(usize) -> bool) -> f32 {
        question
            .concepts
            .iter()
            .zip(&self.offsets)
            .filter(|(_, offsets)| offsets.iter().any(|&x| near(x)))
            .map(|(c, _)| c.weight)
            .sum::<f32>()
            / question.weight_denominator()
    }
}

/// Measures `passage` (analysed as `analysis`) for `question`; `bm25` is its BM25 score over the
/// best candidate's.
pub fn measure(index: &Index, question: &Question, candidate: Candidate<'_, '_>, bm25: f32, w: &Weights) -> Features {
    let Candidate { passage, analysis, .. } = candidate;
    let tokens = &analysis.tokens;
    let found = Occurrences::of(question, tokens);
    let candidates = answer_candidates(question, passage, analysis);
    let spans = candidate_spans(analysis, &candidates);
    let covered = coverage(index, question, candidate, &found, w);
    let recency = recency(index, passage, w);
    Features {
        bm25,
        coverage: covered.dated,
        undated_coverage: covered.undated,
        beyond_places: covered.beyond_places,
        in_period: flag(in_period(question, passage)),
        on_topic: flag(on_topic(index, question, candidate)),
        in_place: flag(in_place(index, question, candidate, w)),
        names_document: flag(super::document::writes_all(&passage.text, &question.documents)),
        recency,
        sentence_coverage: sentence_coverage(question, analysis, &found),
        proximity: proximity(&found, w),
        presence: presence(question, &candidates, &found, w),
        adjacent: adjacent_weight(&spans, &question.concepts, &found.positions, w.adjacent_words),
        type_noun: flag(type_noun_beside(&spans, tokens, index, question.type_noun.as_deref())),
        fact_figure: flag(
            passage.kind == PassageKind::Fact && question.intent == Intent::Amount && passage.fact_value.is_some(),
        ),
        spelt_out: flag(question.long_form && spells_out_a_concept(&question.concepts, &passage.text)),
        bound: flag(question.bound.is_some() && opens_a_date(question, passage)),
        title_figure: flag(question.intent == Intent::Amount && states_title_figure(passage)),
        negation: flag(shares_negation(question, passage)),
        reason: flag(question.why && gives_a_cause(passage)),
    }
}

/// Words that give a cause ("karena", "penyebabnya", "akibat"), as word beginnings.
const CAUSES: &[&str] = &["karena", "sebab", "penyebab", "disebabkan", "akibat", "lantaran", "alasan"];

/// Whether the passage gives a cause ([`CAUSES`]).
fn gives_a_cause(passage: &Passage) -> bool {
    crate::language::words(&passage.text)
        .any(|w| CAUSES.iter().any(|c| w.text.get(..c.len()).is_some_and(|p| p.eq_ignore_ascii_case(c))))
}

/// Words that negate what follows them, in groups that say the same: "not" (one is as good as
/// another: "yang tidak punya NIK" is "yang belum mengantongi NIK") and "without".
const NEGATIONS: &[&[&str]] = &[&["belum", "bukan", "tidak"], &["tanpa"]];

/// Whether the question says a negation ([`NEGATIONS`]) that the passage says too.
fn shares_negation(question: &Question, passage: &Passage) -> bool {
    let said: Vec<&[&str]> = NEGATIONS
        .iter()
        .copied()
        .filter(|group| question.words().iter().any(|w| group.contains(&w.as_str())))
        .collect();
    !said.is_empty()
        && crate::language::words(&passage.text)
            .any(|w| said.iter().any(|group| group.iter().any(|n| w.text.eq_ignore_ascii_case(n))))
}

/// Whether `passage` states, as a figure that can answer, an amount its article's title states.
fn states_title_figure(passage: &Passage) -> bool {
    let amounts = &passage.cite.title_amounts;
    !amounts.is_empty() && answering_figures(passage).iter().any(|f| amounts.iter().any(|&v| f.has_value(v)))
}

/// [`intent::answer_candidates`], with the names found when the index was built: for who and
/// where questions less the knowledge base's own vocabulary ("Kemenkop", "Perjanjian Kerja
/// Sama"), which names the ministry's things, not who or where. (What an abbreviation stands for
/// is such a term, so other questions keep them.)
pub fn answer_candidates(question: &Question, passage: &Passage, analysis: &Analysis<'_>) -> Vec<usize> {
    let who_or_where = matches!(question.intent, Intent::Person | Intent::Place);
    let names = analysis.names().iter().filter(|n| !(who_or_where && n.own)).map(|n| n.range());
    let figures = answering_figures(passage);
    intent::answer_candidates(question.intent, &passage.text, &figures, names, question.words())
}

/// The figures of `passage` that can answer: all of them, except that a program fact answers
/// with the value it declares. Its other figures are context ("Anggaran subsidi bunga KUR
/// Rp 38,28 triliun, dengan realisasi Rp 26 triliun" is a fact about a budget), and the headline
/// shows the value, so a question's words beside another figure must not make the fact
/// look like the answer to them.
fn answering_figures(passage: &Passage) -> Cow<'_, [Figure]> {
    let Some(value) = passage.fact_value.filter(|_| passage.kind == PassageKind::Fact) else {
        return Cow::Borrowed(&passage.figures);
    };
    let declared: Vec<Figure> =
        passage.figures.iter().filter(|f| !f.is_amount() || f.has_value(value)).cloned().collect();
    if declared.iter().any(|f| f.is_amount()) { Cow::Owned(declared) } else { Cow::Borrowed(&passage.figures) }
}

fn flag(on: bool) -> f32 {
    if on { 1.0 } else { 0.0 }
}

/// [`Features::in_period`]: whether the passage speaks of a year the question names, or of
/// both ends of a period it names ("sejak 2008 sampai 2023" is not "sejak 2008 hingga
/// sekarang"). A passage of unknown period (undated, naming no year) speaks of no other year,
/// and may answer.
fn in_period(question: &Question, passage: &Passage) -> bool {
    let spoken = |y: &i32| passage.years.contains(y);
    question.years.is_empty()
        || passage.years.is_empty()
        || if question.years_range { question.years.iter().all(spoken) } else { question.years.iter().any(spoken) }
}

/// A candidate passage as the reranker reads it: its ordinal, the passage, and its analysis.
#[derive(Clone, Copy)]
pub struct Candidate<'p, 'a> {
    pub ord: usize,
    pub passage: &'p Passage,
    pub analysis: &'p Analysis<'a>,
}

impl Candidate<'_, '_> {
    /// Whether the passage's title, or what its article is about (title and lead), has term
    /// `id`: words that count for the passage beside its own.
    fn about_has(&self, index: &Index, id: TermId) -> bool {
        self.analysis.title_has(id) || index.about_has(self.ord, id)
    }
}

/// [`Features::coverage`] and [`Features::undated_coverage`].
struct Covered {
    dated: f32,
    undated: f32,
    beyond_places: f32,
}

/// [`Features::coverage`]: for each concept, the best of its alternatives' shares of terms found
/// in the body (or, at a discount, only in the title or the article's lead), weighted by the
/// concept's weight. A year is covered by a passage that speaks of it ([`Passage::years`]); the
/// undated coverage counts every year asked as covered.
fn coverage(
    index: &Index,
    question: &Question,
    candidate: Candidate<'_, '_>,
    found: &Occurrences,
    w: &Weights,
) -> Covered {
    let Candidate { passage, .. } = candidate;
    let (mut covered, mut years_missed, mut beyond_places) = (0.0, 0.0, 0.0);
    for (i, c) in question.concepts.iter().enumerate() {
        if let Some(year) = c.year {
            if passage.years.contains(&year) {
                covered += c.weight;
            } else {
                years_missed += c.weight;
            }
            beyond_places += c.weight;
            continue;
        }
        let mut best = 0.0f32;
        for (k, alt) in question.alternative_ids(i).iter().enumerate() {
            let mut in_body = alt.iter().flatten().filter(|id| found.seen.contains(id)).count() as f32;
            if alt.len() > 1 && !is_phrase_in(candidate.analysis.tokens, alt) {
                in_body *= w.scattered_phrase;
            }
            let in_title = alt.iter().flatten().filter(|&&id| candidate.about_has(index, id)).count() as f32;
            let own = if k == 0 { 1.0 } else { w.synonym };
            let share = own * (in_body + w.title_only_match * (in_title - in_body).max(0.0)) / alt.len() as f32;
            best = best.max(share);
        }
        covered += c.weight * best.min(1.0);
        if !question.is_place_word(i) {
            beyond_places += c.weight * best.min(1.0);
        }
    }
    let whole = question.weight_denominator();
    Covered { dated: covered / whole, undated: (covered + years_missed) / whole, beyond_places: beyond_places / whole }
}

/// [`Features::on_topic`]: whether every concept naming the question's topic has an
/// alternative that stands in the passage as a phrase, or whose terms all stand in its title or
/// in what its article is about.
fn on_topic(index: &Index, question: &Question, candidate: Candidate<'_, '_>) -> bool {
    question.concepts.iter().enumerate().filter(|(_, c)| c.topic).all(|(i, c)| {
        question
            .alternative_ids(i)
            .iter()
            .any(|alt| speaks_of(index, candidate, alt) || (c.quoted && quoted_in_article(index, candidate, alt)))
    })
}

/// Whether the passage's article names the one a question quotes ("menurut Siti Azizah"): the
/// paragraph with the figure need not repeat whom the article quotes.
fn quoted_in_article(index: &Index, candidate: Candidate<'_, '_>, terms: &[Option<TermId>]) -> bool {
    let Some(terms) = terms.iter().copied().collect::<Option<Vec<TermId>>>() else { return false };
    index.article_has_all(candidate.ord, &terms)
}

/// [`Features::in_place`]: whether the passage speaks of (by any of its names) each place the
/// question requires ([`super::query::PlaceAsked::required`]).
fn in_place(index: &Index, question: &Question, candidate: Candidate<'_, '_>, w: &Weights) -> bool {
    question
        .places
        .iter()
        .all(|asked| !asked.required(w) || asked.names.iter().any(|name| speaks_of(index, candidate, name)))
}

/// Whether the passage has `terms` as a phrase, or has all of them in its title or in what its
/// article is about. A term in no passage is in none.
fn speaks_of(index: &Index, candidate: Candidate<'_, '_>, terms: &[Option<TermId>]) -> bool {
    let Some(terms) = terms.iter().copied().collect::<Option<Vec<TermId>>>() else { return false };
    has_phrase(candidate.analysis.tokens, &terms) || terms.iter().all(|&id| candidate.about_has(index, id))
}

/// Whether every term of `alt` is known and they stand as a phrase among `tokens`.
pub(super) fn is_phrase_in(tokens: &[PassageToken], alt: &[Option<TermId>]) -> bool {
    alt.iter().copied().collect::<Option<Vec<TermId>>>().is_some_and(|ids| has_phrase(tokens, &ids))
}

/// Whether `terms` stand one after another among `tokens` (stopwords between them aside).
fn has_phrase(tokens: &[PassageToken], terms: &[TermId]) -> bool {
    !terms.is_empty() && tokens.windows(terms.len()).any(|w| w.iter().zip(terms).all(|(t, &id)| t.term == id))
}

/// [`Features::recency`]: 1 for a passage from the knowledge base's newest day, halving every
/// [`Weights::recency_half_life_days`] before it; 0 for an undated one.
fn recency(index: &Index, passage: &Passage, w: &Weights) -> f32 {
    let (Some(day), Some(newest)) = (passage.cite.day, index.newest()) else { return 0.0 };
    let age = (newest.days() - day.days()).max(0) as f32;
    0.5f32.powf(age / w.recency_half_life_days)
}

/// [`Features::sentence_coverage`]: the share of the question in its best sentence.
fn sentence_coverage(question: &Question, analysis: &Analysis<'_>, found: &Occurrences) -> f32 {
    let mut best = 0.0f32;
    for range in analysis.sentences() {
        best = best.max(found.share(question, |x| range.contains(&x)));
    }
    best
}

/// [`Features::proximity`]: of the question's neighbouring concept pairs, the share that stand
/// together in the passage (a near pair counts half).
fn proximity(found: &Occurrences, w: &Weights) -> f32 {
    let positions = &found.positions;
    let pairs = positions.len().saturating_sub(1).max(1) as f32;
    let mut near = 0.0;
    for i in 1..positions.len() {
        let gap = positions[i - 1]
            .iter()
            .flat_map(|a| positions[i].iter().map(move |b| a.abs_diff(*b)))
            .min()
            .unwrap_or(usize::MAX);
        if gap <= w.together_gap {
            near += 1.0;
        } else if gap <= w.near_gap {
            near += 0.5;
        }
    }
    near / pairs
}

/// [`Features::presence`]: the largest share of the question within
/// [`Weights::answer_neighbourhood`] bytes of one candidate answer.
fn presence(question: &Question, candidates: &[usize], found: &Occurrences, w: &Weights) -> f32 {
    candidates
        .iter()
        .map(|&at| found.share(question, |x| x.abs_diff(at) <= w.answer_neighbourhood))
        .fold(0.0f32, f32::max)
}

/// A run of consecutive candidate answer words, by word position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    first: usize,
    last: usize,
}

/// Spans of consecutive candidate answer words (given by byte offset).
fn candidate_spans(analysis: &Analysis<'_>, candidates: &[usize]) -> Vec<Span> {
    let mut cand: Vec<usize> = candidates.iter().filter_map(|&at| analysis.position_at(at)).collect();
    cand.sort_unstable();
    cand.dedup();
    let mut spans: Vec<Span> = Vec::new();
    for p in cand {
        match spans.last_mut() {
            Some(span) if span.last + 1 == p => span.last = p,
            _ => spans.push(Span { first: p, last: p }),
        }
    }
    spans
}

/// [`Features::adjacent`]: the weight of the rarest question concept standing within
/// `within` words of a span of candidate answer words (a name, a figure), outside the span:
/// factoid answers sit right next to the words the question repeats.
fn adjacent_weight(spans: &[Span], concepts: &[Concept], positions: &[Vec<usize>], within: usize) -> f32 {
    let mut best = 0.0f32;
    for span in spans {
        let near =
            |p: usize| (p < span.first && span.first - p <= within) || (p > span.last && p - span.last <= within);
        for (c, ps) in concepts.iter().zip(positions) {
            if c.weight > best && ps.iter().any(|&p| near(p)) {
                best = c.weight;
            }
        }
    }
    best
}

/// Letters of a word compared when matching the kind of answer asked for, so that inflected
/// forms meet ("partai", "partainya"): about the length of an Indonesian root.
const TYPE_NOUN_PREFIX: usize = 5;

/// [`Features::type_noun`]: whether a candidate span is named by the kind of answer asked for,
/// e.g. "Partai" before "Fatah" for "Partai apa ...".
fn type_noun_beside(spans: &[Span], tokens: &[PassageToken], index: &Index, noun: Option<&str>) -> bool {
    let Some(noun) = noun else { return false };
    let same_root = |term: &str| {
        term == noun
            || (noun.len() >= TYPE_NOUN_PREFIX
                && term.chars().take(TYPE_NOUN_PREFIX).eq(noun.chars().take(TYPE_NOUN_PREFIX)))
    };
    spans.iter().any(|span| {
        tokens.iter().any(|t| {
            let position = t.position as usize;
            position + 2 >= span.first && position <= span.last && same_root(index.terms().name(t.term))
        })
    })
}

/// [`Features::bound`]: whether a date of the passage is opened by the end of a period asked
/// for ("sejak Maret 2021" for "sejak kapan").
fn opens_a_date(question: &Question, passage: &Passage) -> bool {
    passage.figures.iter().filter(|f| matches!(f.kind, FigureKind::Date | FigureKind::Year)).any(|f| {
        words(&passage.text[..f.start]).last().and_then(|w| intent::bound_of(&w.text.to_lowercase())) == question.bound
    })
}

/// [`Features::spelt_out`]: whether `text` spells out one of the question's single-word
/// concepts as an abbreviation's long form.
fn spells_out_a_concept(concepts: &[Concept], text: &str) -> bool {
    concepts.iter().any(|c| !c.words.contains(' ') && acronym::spelt_out(text, &c.words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_candidate_words_form_one_span() {
        let text = "Ketua Umum Partai Fatah Mahmud Abbas hadir";
        let at = |w: &str| text.find(w).expect("in text");
        let mut analyses = crate::index::analysis::Analyses::default();
        analyses.push(&crate::language::Analyzer::new(), &mut Default::default(), text, "", &|_| false);
        let analysis = analyses.get(0).expect("analysed");
        let spans = candidate_spans(&analysis, &[at("Fatah"), at("Mahmud"), at("hadir"), at("Ketua")]);
        assert_eq!(spans, [Span { first: 0, last: 0 }, Span { first: 3, last: 4 }, Span { first: 6, last: 6 }]);
    }
}
