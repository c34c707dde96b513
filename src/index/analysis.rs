//! What the reranker needs of each passage, computed once when the index is built: its search
//! terms with where they stand, its sentences, where each word starts, and its title's terms.
//!
//! Analysing a passage (splitting, normalising, stemming) is what the engine's reranking spent
//! most of its time on when it did it for 30 candidates per question. Here it is done once, in a
//! compact form: every term is interned once for the whole index ([`Terms`]), and a passage
//! keeps 12 bytes per search term plus 4 per word.

use std::collections::HashMap;
use std::ops::Range;

use crate::language::{Analyzer, words};

/// A search term's number in the index's [`Terms`].
pub type TermId = u32;

/// Every search term of the index, each stored once.
#[derive(Debug, Default)]
pub struct Terms {
    ids: HashMap<Box<str>, TermId>,
    names: Vec<Box<str>>,
}

impl Terms {
    fn intern(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.names.len() as TermId;
        self.names.push(term.into());
        self.ids.insert(term.into(), id);
        id
    }

    /// The id of `term`, if any passage or title has it: a term without one occurs nowhere.
    pub fn id(&self, term: &str) -> Option<TermId> {
        self.ids.get(term).copied()
    }

    /// The term numbered `id`.
    pub fn name(&self, id: TermId) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }
}

/// One search term of a passage: where it stands and which term it is. 12 bytes; where the word
/// ends is read from the text when a highlight needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PassageToken {
    /// Where the word starts in the passage's text (bytes).
    pub start: u32,
    /// Position among all the passage's words (stopwords included).
    pub position: u32,
    pub term: TermId,
}

impl PassageToken {
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Where the word ends in `text`, the passage's text.
    pub fn end(&self, text: &str) -> usize {
        let start = self.start();
        text.get(start..).and_then(|rest| words(rest).next()).map_or(start, |w| start + w.end)
    }
}

/// A passage, analysed.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Its search terms in text order (stopwords dropped).
    pub tokens: Box<[PassageToken]>,
    /// Byte ranges of its sentences.
    sentences: Box<[(u32, u32)]>,
    /// Where each word starts, by position (stopwords included).
    word_starts: Box<[u32]>,
    /// The terms of its title (article title, or a program's name and aliases), sorted.
    title_terms: Box<[TermId]>,
    /// Its words that could be names ([`crate::language::names`]).
    names: Box<[Name]>,
}

/// A word of a passage that could be a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    /// Where it starts in the passage's text.
    pub start: u32,
    /// Whether it is the knowledge base's own vocabulary ("Kemenkop"), which names the
    /// ministry's things rather than who or where.
    pub own: bool,
}

impl Analysis {
    /// Analyses `text` with its `title`, interning the terms into `terms`; `own` tells the
    /// knowledge base's own vocabulary by its search term.
    pub fn of(analyzer: &Analyzer, terms: &mut Terms, text: &str, title: &str, own: &dyn Fn(&str) -> bool) -> Analysis {
        let tokens = analyzer
            .tokens(text)
            .into_iter()
            .map(|t| PassageToken { start: t.start as u32, position: t.position as u32, term: terms.intern(&t.term) })
            .collect();
        let sentences = super::sentence_spans(text).into_iter().map(|r| (r.start as u32, r.end as u32)).collect();
        let word_starts = words(text).map(|w| w.start as u32).collect();
        let mut title_terms: Vec<TermId> = analyzer.terms(title).iter().map(|t| terms.intern(t)).collect();
        title_terms.sort_unstable();
        title_terms.dedup();
        let names = crate::language::names(text)
            .map(|w| Name { start: w.start as u32, own: own(&analyzer.stem(&analyzer.normalize(w.text))) })
            .collect();
        Analysis { tokens, sentences, word_starts, title_terms: title_terms.into(), names }
    }

    /// The passage's words that could be names.
    pub fn names(&self) -> &[Name] {
        &self.names
    }

    /// Byte ranges of the passage's sentences.
    pub fn sentences(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.sentences.iter().map(|&(s, e)| s as usize..e as usize)
    }

    /// The word position of the word starting at byte `start`, if one does.
    pub fn position_at(&self, start: usize) -> Option<usize> {
        self.word_starts.binary_search(&(start as u32)).ok()
    }

    /// Whether the title has term `id`.
    pub fn title_has(&self, id: TermId) -> bool {
        self.title_terms.binary_search(&id).is_ok()
    }
}
