//! How the engine read a question and scored its candidates ([`Explanation`]): for whoever tunes
//! the ranking or wonders why a question was declined (`tanyakop ask --explain`).

use serde::Serialize;

use super::query::Question;
use super::{Engine, Features, english};

/// The engine's reading of one question, as plain data.
#[derive(Debug, Serialize)]
pub struct Explanation {
    /// The question as searched (in Indonesian for an English question).
    pub searched: String,
    pub concepts: Vec<ConceptReading>,
    /// Whether the question names a topic the knowledge base knows (see
    /// [`Question::names_a_topic`]).
    pub names_a_topic: bool,
    /// Whether it lies mostly in words no passage contains.
    pub beyond_knowledge: bool,
    /// The years it asks about: an answer must speak of one.
    pub years: Vec<i32>,
    /// Whether it asks for the newest, so that [`Features::latest`] counts.
    pub latest: bool,
    /// The newest article's day, which recency is measured from.
    pub newest: Option<String>,
    /// The best candidates, best first.
    pub candidates: Vec<CandidateReading>,
}

/// One concept of the question.
#[derive(Debug, Serialize)]
pub struct ConceptReading {
    pub words: String,
    pub terms: Vec<Vec<String>>,
    pub weight: f32,
    pub known: bool,
    pub name: bool,
    pub corrected: Option<String>,
    /// The year it names, covered by a passage that speaks of it.
    pub year: Option<i32>,
    /// Whether it names the topic, which an answer's passage or its article must have.
    pub topic: bool,
}

/// One scored candidate passage.
#[derive(Debug, Serialize)]
pub struct CandidateReading {
    pub id: String,
    pub score: f32,
    /// The years it speaks of.
    pub years: Vec<i32>,
    /// Its article's day.
    pub date: Option<String>,
    /// What its article is about beside its own text: the title and the lead.
    pub context: String,
    pub features: Features,
}

/// Candidates listed in an explanation.
const LISTED_CANDIDATES: usize = 5;

impl Engine {
    /// How `question` is read and its candidates scored, without deciding an answer.
    pub fn explain(&self, question: &str) -> Explanation {
        // The question as `ask` reads it: trimmed and cut to the same length.
        let question = crate::language::clip(question.trim(), super::MAX_QUESTION_BYTES);
        let w = &self.weights;
        let searched = if english::is_english(question) {
            english::to_indonesian(question, &self.glossary, &|w| self.index.knows(w))
        } else {
            question.to_string()
        };
        let searcher = self.index.searcher();
        let q = Question::read(&self.index, &searcher, &searched, w, self.today().year);
        let candidates = self
            .rerank(&searcher, &q)
            .iter()
            .take(LISTED_CANDIDATES)
            .map(|s| CandidateReading {
                id: s.passage.id.clone(),
                score: s.score,
                years: s.passage.years.to_vec(),
                date: s.passage.cite.date.clone(),
                context: format!("{} | {}", s.passage.cite.context, s.passage.cite.lead),
                features: s.features,
            })
            .collect();
        Explanation {
            concepts: q
                .concepts
                .iter()
                .map(|c| ConceptReading {
                    words: c.words.clone(),
                    terms: c.alternatives.clone(),
                    weight: c.weight,
                    known: c.known,
                    name: c.name,
                    corrected: c.corrected.clone(),
                    year: c.year,
                    topic: c.topic,
                })
                .collect(),
            names_a_topic: q.names_a_topic(w),
            beyond_knowledge: q.is_beyond_knowledge(w),
            years: q.years.clone(),
            latest: q.latest,
            newest: self.index.newest().map(|d| d.iso()),
            candidates,
            searched,
        }
    }
}
