//! What the reranker needs of each passage, computed once when the index is built: its search
//! terms with where they stand, its sentences, where each word starts, and its title's terms.
//!
//! Analysing a passage (splitting, normalising, stemming) is what the engine's reranking spent
//! most of its time on when it did it for 30 candidates per question. Here it is done once, in a
//! compact form: every term is interned once for the whole index ([`Terms`]), and a passage
//! keeps 8 bytes per search term plus 2 per word, in flat arrays shared by all passages
//! ([`Analyses`]).

use std::collections::HashMap;
use std::ops::Range;

use crate::language::{Analyzer, clip, words};

/// A search term's number in the index's [`Terms`].
pub type TermId = u32;

/// Every search term of the index, each stored once.
#[derive(Debug, Default)]
pub struct Terms {
    ids: HashMap<Box<str>, TermId>,
    names: Vec<Box<str>>,
}

impl Terms {
    pub(crate) fn intern(&mut self, term: &str) -> TermId {
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

/// The longest passage text, in bytes, whose offsets the analysis can hold. Offsets are `u16`
/// because, at 100k passages, every byte per word is megabytes; article paragraphs are cut far
/// below this (`MAX_PASSAGE_CHARS`), and only the words of a longer fact or summary past it
/// go unanalysed (they are still searched by Tantivy).
pub const MAX_ANALYSED_BYTES: usize = u16::MAX as usize;

/// One search term of a passage: where it stands and which term it is. 8 bytes; where the word
/// ends is read from the text when a highlight needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PassageToken {
    /// Where the word starts in the passage's text (bytes).
    start: u16,
    /// Position among all the passage's words (stopwords included).
    pub position: u16,
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

/// A word of a passage that could be a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    /// Where it starts and ends in the passage's text.
    start: u16,
    end: u16,
    /// Whether it is the knowledge base's own vocabulary ("Kemenkop"), which names the
    /// ministry's things rather than who or where.
    pub own: bool,
}

impl Name {
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Its byte range in the passage's text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Where one passage's part of each array of [`Analyses`] starts; it ends where the next
/// passage's starts.
#[derive(Debug, Clone, Copy, Default)]
struct Starts {
    tokens: u32,
    sentences: u32,
    words: u32,
    title_terms: u32,
    names: u32,
}

/// Every passage analysed, in a handful of flat arrays shared by all passages: one allocation
/// per array rather than five per passage, which at 100k passages saves more than the data.
#[derive(Debug, Default)]
pub struct Analyses {
    tokens: Vec<PassageToken>,
    sentences: Vec<(u16, u16)>,
    word_starts: Vec<u16>,
    title_terms: Vec<TermId>,
    names: Vec<Name>,
    /// By passage, plus one past the last.
    starts: Vec<Starts>,
}

impl Analyses {
    /// Analyses `text` with its `title` as the next passage, interning the terms into `terms`;
    /// `own` tells the knowledge base's own vocabulary by its search term.
    pub fn push(
        &mut self,
        analyzer: &Analyzer,
        terms: &mut Terms,
        text: &str,
        title: &str,
        own: &dyn Fn(&str) -> bool,
    ) {
        if self.starts.is_empty() {
            self.starts.push(Starts::default());
        }
        let text = clip(text, MAX_ANALYSED_BYTES);
        self.tokens.extend(analyzer.tokens(text).into_iter().map(|t| PassageToken {
            start: t.start as u16,
            position: t.position.min(u16::MAX as usize) as u16,
            term: terms.intern(&t.term),
        }));
        self.sentences.extend(super::sentence_spans(text).into_iter().map(|r| (r.start as u16, r.end as u16)));
        self.word_starts.extend(words(text).map(|w| w.start as u16));
        let mut title_terms: Vec<TermId> = analyzer.terms(title).iter().map(|t| terms.intern(t)).collect();
        title_terms.sort_unstable();
        title_terms.dedup();
        self.title_terms.extend(title_terms);
        self.names.extend(crate::language::names(text).map(|w| Name {
            start: w.start as u16,
            end: w.end as u16,
            own: own(&analyzer.stem(&analyzer.normalize(w.text))),
        }));
        self.starts.push(self.ends());
    }

    fn ends(&self) -> Starts {
        let at = |n: usize| n as u32;
        Starts {
            tokens: at(self.tokens.len()),
            sentences: at(self.sentences.len()),
            words: at(self.word_starts.len()),
            title_terms: at(self.title_terms.len()),
            names: at(self.names.len()),
        }
    }

    /// Gives back the memory the arrays grew into but do not use.
    pub fn shrink_to_fit(&mut self) {
        self.tokens.shrink_to_fit();
        self.sentences.shrink_to_fit();
        self.word_starts.shrink_to_fit();
        self.title_terms.shrink_to_fit();
        self.names.shrink_to_fit();
        self.starts.shrink_to_fit();
    }

    /// Passage `ord`'s analysis.
    pub fn get(&self, ord: usize) -> Option<Analysis<'_>> {
        let (s, e) = (self.starts.get(ord)?, self.starts.get(ord + 1)?);
        let part = |from: u32, to: u32| from as usize..to as usize;
        Some(Analysis {
            tokens: self.tokens.get(part(s.tokens, e.tokens))?,
            sentences: self.sentences.get(part(s.sentences, e.sentences))?,
            word_starts: self.word_starts.get(part(s.words, e.words))?,
            title_terms: self.title_terms.get(part(s.title_terms, e.title_terms))?,
            names: self.names.get(part(s.names, e.names))?,
        })
    }
}

/// A passage, analysed: a view into [`Analyses`].
#[derive(Debug, Clone, Copy)]
pub struct Analysis<'a> {
    /// Its search terms in text order (stopwords dropped).
    pub tokens: &'a [PassageToken],
    /// Byte ranges of its sentences.
    sentences: &'a [(u16, u16)],
    /// Where each word starts, by position (stopwords included).
    word_starts: &'a [u16],
    /// The terms of its title (article title, or a program's name and aliases), sorted.
    title_terms: &'a [TermId],
    /// Its words that could be names ([`crate::language::names`]).
    names: &'a [Name],
}

impl<'a> Analysis<'a> {
    /// The passage's words that could be names.
    pub fn names(&self) -> &'a [Name] {
        self.names
    }

    /// Byte ranges of the passage's sentences.
    pub fn sentences(&self) -> impl Iterator<Item = Range<usize>> + 'a {
        self.sentences.iter().map(|&(s, e)| s as usize..e as usize)
    }

    /// The word position of the word starting at byte `start`, if one does.
    pub fn position_at(&self, start: usize) -> Option<usize> {
        let start = u16::try_from(start).ok()?;
        self.word_starts.binary_search(&start).ok()
    }

    /// The terms of its title, sorted.
    pub fn title_terms(&self) -> &'a [TermId] {
        self.title_terms
    }

    /// Whether the title has term `id`.
    pub fn title_has(&self, id: TermId) -> bool {
        self.title_terms.binary_search(&id).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysed(texts: &[&str]) -> (Analyses, Terms) {
        let (mut all, mut terms) = (Analyses::default(), Terms::default());
        for t in texts {
            all.push(&Analyzer::new(), &mut terms, t, "Judul Koperasi", &|_| false);
        }
        (all, terms)
    }

    #[test]
    fn each_passage_sees_only_its_own_part() {
        let (all, terms) = analysed(&["Koperasi desa tumbuh.", "Rumah produksi bersama dibangun di Bandung."]);
        let second = all.get(1).expect("second passage");
        assert_eq!(second.tokens.first().map(|t| terms.name(t.term)), Some("rumah"));
        assert_eq!(second.position_at("Rumah produksi bersama dibangun di ".len()), Some(5));
        assert!(second.title_has(terms.id("koperasi").expect("interned")));
        assert_eq!(second.names().len(), 2);
        assert!(all.get(2).is_none());
    }

    #[test]
    fn a_text_past_the_offset_range_is_analysed_up_to_it_without_panicking() {
        let long = "é".repeat(MAX_ANALYSED_BYTES);
        let (all, _) = analysed(&[&format!("koperasi {long} akhir")]);
        let a = all.get(0).expect("analysed");
        assert_eq!(a.tokens.first().map(|t| t.start()), Some(0));
        assert!(a.tokens.iter().all(|t| t.start() <= MAX_ANALYSED_BYTES));
    }
}
