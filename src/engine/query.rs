//! A question turned into concepts: the things it asks about, each with the terms that can
//! stand for it (its own, its synonyms', or the correction of a typo).

use tantivy::Searcher;

use super::intent::{self, QuestionWords};
use crate::index::Index;
use crate::language::Token;

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
}

/// At most this many concepts are searched for; the rest of a very long question is ignored.
pub const MAX_CONCEPTS: usize = 32;

/// Weight of a synonym's terms relative to the question's own.
pub const SYNONYM_WEIGHT: f32 = 0.8;

/// Weight of a word read as a typo of a known word, relative to a word the knowledge base knows
/// as typed. A correction is a guess: a name the knowledge base lacks ("Kuncoro") is read as one it
/// has ("Kuntoro"), and counting it in full would make that other name's passage the answer.
pub const CORRECTION_WEIGHT: f32 = 0.5;

/// The concepts of `question`, in question order.
pub fn concepts(index: &Index, searcher: &Searcher, question: &str, words: &QuestionWords) -> Vec<Concept> {
    let analyzer = index.analyzer();
    let tokens: Vec<Token> =
        analyzer.tokens(question).into_iter().filter(|t| !intent::is_frame_word(words, t)).collect();
    let n = index.num_docs(searcher).max(1) as f32;
    let idf = |df: u64| (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
    let df_of = |terms: &[String]| terms.iter().map(|t| index.doc_freq(searcher, t)).min().unwrap_or(0);

    let mut out: Vec<Concept> = Vec::new();
    let mut i = 0;
    while i < tokens.len() && out.len() < MAX_CONCEPTS {
        // The longest synonym phrase starting here, if any.
        let mut best: Option<(usize, usize, usize)> = None; // (len, group, phrase)
        for (g, group) in index.synonyms().iter().enumerate() {
            for (p, phrase) in group.iter().enumerate() {
                let len = phrase.len();
                if len > 0
                    && i + len <= tokens.len()
                    && tokens[i..i + len].iter().zip(phrase).all(|(t, w)| &t.term == w)
                    && best.is_none_or(|(l, _, _)| len > l)
                {
                    best = Some((len, g, p));
                }
            }
        }
        let concept = if let Some((len, g, p)) = best {
            let group = &index.synonyms()[g];
            let mut alternatives = vec![group[p].clone()];
            alternatives.extend(group.iter().enumerate().filter(|(k, _)| *k != p).map(|(_, a)| a.clone()));
            let df = alternatives.iter().map(|a| df_of(a)).max().unwrap_or(0);
            let words = tokens[i..i + len].iter().map(|t| t.word.as_str()).collect::<Vec<_>>().join(" ");
            i += len;
            Concept { words, alternatives, weight: idf(df), known: df > 0, corrected: None }
        } else {
            let t = &tokens[i];
            i += 1;
            let df = index.doc_freq(searcher, &t.term);
            let mut concept = Concept {
                words: t.word.clone(),
                alternatives: vec![vec![t.term.clone()]],
                weight: idf(df),
                known: df > 0,
                corrected: None,
            };
            if df == 0
                && let Some(fixed) = index.vocabulary().correct(&t.word)
            {
                let term = analyzer.stem(fixed);
                let fdf = index.doc_freq(searcher, &term);
                if fdf > 0 {
                    concept.alternatives = vec![vec![term]];
                    concept.weight *= CORRECTION_WEIGHT;
                    concept.known = true;
                    concept.corrected = Some(fixed.to_string());
                }
            }
            concept
        };
        if !out.iter().any(|c| c.alternatives[0] == concept.alternatives[0]) {
            out.push(concept);
        }
    }
    out
}

/// The weighted terms to hand to the index search.
pub fn search_terms(concepts: &[Concept]) -> Vec<(String, f32)> {
    let mut terms: Vec<(String, f32)> = Vec::new();
    for c in concepts {
        for (k, alt) in c.alternatives.iter().enumerate() {
            let w = if k == 0 { 1.0 } else { SYNONYM_WEIGHT } / (alt.len() as f32).sqrt();
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
