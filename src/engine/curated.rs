//! Curated answers: a question close to one the ministry answered in `faq.toml` gets that
//! answer first.
//!
//! Closeness is measured on questions as the engine reads them: shorthand expanded, typos
//! corrected, stopwords and question words dropped, synonyms as alternatives. Two readings are
//! close when most of each one's weight is in concepts the other shares (a concept matches when
//! the two share any alternative: "KUR" and "kredit usaha rakyat" are one), so "gmn cara daftar
//! kur" meets "Bagaimana cara mendaftar KUR?", while "berapa bunga KUR" does not meet it: only
//! half of each is shared.

use super::query::{Concept, Question};
use crate::answer::{Curated, Intent};
use crate::knowledge::CuratedAnswer;

/// One way of asking a curated question, read as the engine reads questions.
#[derive(Debug, Clone)]
pub struct CuratedQuestion {
    /// Which entry of `faq.toml` it belongs to.
    pub entry: usize,
    pub text: String,
    intent: Intent,
    concepts: Vec<Concept>,
}

impl CuratedQuestion {
    pub fn new(entry: usize, read: Question) -> CuratedQuestion {
        CuratedQuestion { entry, text: read.text, intent: read.intent, concepts: read.concepts }
    }
}

/// The curated question closest to `question`, if one shares at least `min_share` of each
/// one's weight ([`Weights::curated_min_share`](super::Weights::curated_min_share)).
pub fn closest<'a>(question: &Question, curated: &'a [CuratedQuestion], min_share: f32) -> Option<&'a CuratedQuestion> {
    curated
        .iter()
        .filter(|c| intents_agree(question.intent, c.intent))
        .filter(|c| same_topics(&question.concepts, &c.concepts))
        .map(|c| (c, shared(&question.concepts, &c.concepts).min(shared(&c.concepts, &question.concepts))))
        .filter(|(_, share)| *share >= min_share)
        .fold(None, |best: Option<(&CuratedQuestion, f32)>, (c, share)| match best {
            Some((_, b)) if b >= share => best,
            _ => Some((c, share)),
        })
        .map(|(c, _)| c)
}

/// Whether each names every topic the other names ("KUR", "rumah produksi bersama"): a topic
/// the whole knowledge base speaks of weighs little, yet "cara daftar KUR" is not "cara daftar
/// RPB".
fn same_topics(a: &[Concept], b: &[Concept]) -> bool {
    a.iter().filter(|c| c.topic).all(|c| meets(c, b)) && b.iter().filter(|c| c.topic).all(|c| meets(c, a))
}

/// A "berapa" question is not answered by a "kapan" one; a general question by any.
fn intents_agree(a: Intent, b: Intent) -> bool {
    a == b || a == Intent::General || b == Intent::General
}

/// The share of `of`'s weight in concepts `with` shares.
fn shared(of: &[Concept], with: &[Concept]) -> f32 {
    let total: f32 = of.iter().map(|c| c.weight).sum();
    if of.is_empty() || total <= 0.0 {
        return 0.0;
    }
    of.iter().filter(|c| meets(c, with)).map(|c| c.weight).sum::<f32>() / total
}

/// Whether `with` has a concept sharing an alternative with `c` ("KUR" and "kredit usaha
/// rakyat" are one).
fn meets(c: &Concept, with: &[Concept]) -> bool {
    with.iter().any(|o| o.alternatives.iter().any(|alt| c.alternatives.contains(alt)))
}

/// The answer shown for `entry`, matched by the curated question `matched`.
pub fn answer_of(entry: &CuratedAnswer, matched: &str) -> Curated {
    Curated {
        question: matched.to_string(),
        answer: entry.answer.clone(),
        source: entry.source.clone(),
        url: entry.url.clone(),
    }
}
