//! The search index: a [`KnowledgeBase`] cut into passages and indexed with Tantivy.
//!
//! An answer should be a precise sentence, not a whole article, so each paragraph (long ones cut
//! into a few sentences), each program's summary and each program fact becomes one [`Passage`]. Passages live in a plain
//! `Vec` next to the Tantivy index, which holds only their search terms and their position in
//! that `Vec`: Tantivy finds, this module stores, and the engine decides. The schema is declared
//! once, in [`schema`].

pub mod analysis;
pub mod period;
mod schema;
pub mod tokenizer;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexReader, Searcher, TantivyDocument, Term};

use crate::knowledge::{Article, CuratedAnswer, GlossaryEntry, KnowledgeBase, Program};
use crate::language::calendar::Day;
use crate::language::figures::{self, Figure};
use crate::language::typo::Vocabulary;
use crate::language::{Analyzer, sentences, words};
use analysis::{Analyses, Analysis, TermId, Terms};
use schema::Fields;

/// Errors from building the index. These are internal failures (Tantivy, memory), not problems
/// with the knowledge files, which `knowledge` reports before indexing starts.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// What a passage is cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    /// Part of an article's body.
    Article,
    /// A program fact from `programs.toml`.
    Fact,
    /// A program's summary from `programs.toml`: what "Apa itu RPB?" asks for.
    Program,
}

/// One searchable unit of knowledge with everything needed to cite it.
#[derive(Debug, Clone)]
pub struct Passage {
    /// `slug#n` for article passages, `program-id/fakta-n` for facts, `program-id/ringkasan` for
    /// a program's summary.
    pub id: String,
    pub kind: PassageKind,
    pub text: String,
    /// Where it comes from, shared with the other passages of its article or program.
    pub cite: Arc<Cite>,
    pub figures: Box<[Figure]>,
    /// For a fact: the value its `value` field states.
    pub fact_value: Option<f64>,
    /// The calendar years it speaks of ([`period::years_spoken`]), sorted.
    pub years: Box<[i32]>,
}

/// Counts describing what is indexed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct IndexStats {
    pub articles: usize,
    pub passages: usize,
    pub facts: usize,
    pub programs: usize,
    pub build_time: Duration,
}

/// A program as the engine shows it in lists and suggestions.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramInfo {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub summary: String,
    /// Ids of the program's fact passages.
    pub facts: Vec<usize>,
}

/// A synonym group with each phrase analysed into search terms.
pub type SynonymGroup = Vec<Vec<String>>;

/// The built index. Immutable: a reload builds a new one and swaps it in whole.
pub struct Index {
    reader: IndexReader,
    /// By segment and document: the passage's ordinal. Read from the `ord` fast field once,
    /// because opening the column for each hit was a twentieth of the time of a question.
    doc_ords: Vec<Box<[u32]>>,
    fields: Fields,
    passages: Vec<Passage>,
    /// Each passage analysed, by ordinal: what the reranker reads instead of re-analysing.
    analyses: Analyses,
    terms: Terms,
    vocabulary: Vocabulary,
    synonyms: Vec<SynonymGroup>,
    glossary: Vec<GlossaryEntry>,
    /// The ministry's curated answers (`faq.toml`), which the engine matches questions with.
    curated: Vec<CuratedAnswer>,
    programs: Vec<ProgramInfo>,
    /// Every program's name and aliases as search terms, sorted: phrases that name what a
    /// question is about, however ordinary their words ("rumah produksi bersama").
    program_phrases: Vec<Vec<String>>,
    /// By passage ordinal: the terms of what its article is about (title and lead), shared by
    /// the article's passages.
    about: Vec<Arc<[TermId]>>,
    /// Acronyms that articles' titles or programs' names have ("KUR", "LPDB"), sorted: the
    /// names of what the knowledge base is about.
    acronyms: Vec<TermId>,
    /// Terms the knowledge base writes only as coined names ("PaDi"), sorted.
    coined: Vec<TermId>,
    /// Terms the knowledge base writes in small letters somewhere ("hukum" of "badan hukum"),
    /// sorted: what is never so written is a name's word ("Widodo").
    written_small: Vec<TermId>,
    /// The newest article's day: what recency is measured from.
    newest: Option<Day>,
    stats: IndexStats,
    analyzer: Analyzer,
}

/// Tantivy indexes on one thread beside the one analysing passages. Measured at 100k passages
/// on 2 cores: a second indexing thread saved about a tenth of the build time and cost 25 MiB
/// more at the build's peak, which during a reload comes on top of the index serving.
const WRITER_THREADS: usize = 1;

/// Tantivy's smallest indexing buffer per thread (its `MEMORY_BUDGET_NUM_BYTES_MIN`): a reload's
/// peak memory matters more than the few segments a small buffer makes.
const WRITER_BUDGET: usize = 15_000_000;

/// Paragraphs longer than this are cut into groups of whole sentences of at most half of it
/// (about 400 characters) each; a sentence longer than that stays whole.
const MAX_PASSAGE_CHARS: usize = 800;

impl Index {
    /// Builds an index of `kb`, calling `progress(done, total)` as passages are added.
    pub fn build(kb: &KnowledgeBase, progress: &mut dyn FnMut(u64, u64)) -> Result<Index, IndexError> {
        let started = Instant::now();
        let analyzer = Analyzer::new();
        let passages = passages_of(kb);
        let (schema, fields) = schema::build();
        let index = tantivy::Index::create_in_ram(schema);
        index.tokenizers().register(
            tokenizer::NAME,
            tantivy::tokenizer::TextAnalyzer::from(tokenizer::IndonesianTokenizer::default()),
        );

        let mut writer = index.writer_with_num_threads::<TantivyDocument>(WRITER_THREADS, WRITER_BUDGET)?;
        let total = passages.len() as u64;
        let synonyms: Vec<SynonymGroup> = kb
            .synonyms
            .iter()
            .map(|g| g.iter().map(|phrase| analyzer.terms(phrase)).filter(|t| !t.is_empty()).collect::<Vec<_>>())
            .filter(|g: &Vec<Vec<String>>| g.len() >= 2)
            .collect();
        // The knowledge base's own vocabulary (synonym groups, program names and aliases): such
        // a word names the ministry's things, never a person or a place that answers a question.
        let own_terms: std::collections::HashSet<&str> =
            synonyms.iter().flatten().flatten().map(String::as_str).collect();
        let own = |term: &str| own_terms.contains(term);
        let mut counts: HashMap<String, u32> = HashMap::new();
        let mut terms = Terms::default();
        let mut analyses = Analyses::default();
        let mut about: Vec<Arc<[TermId]>> = Vec::with_capacity(passages.len());
        let mut cases = CapitalCounts::default();
        // The terms of articles' titles and programs' names: an acronym names a topic when one
        // of them has it.
        let mut titled: Vec<TermId> = Vec::new();
        for (ord, p) in passages.iter().enumerate() {
            analyses.push(&analyzer, &mut terms, &p.text, &p.cite.context, &own);
            let same_cite = ord.checked_sub(1).is_some_and(|prev| Arc::ptr_eq(&passages[prev].cite, &p.cite));
            let analysis = analyses.get(ord);
            match about.last() {
                Some(last) if same_cite => about.push(Arc::clone(last)),
                _ => {
                    about.push(about_terms(&analyzer, &mut terms, &p.cite));
                    titled.extend_from_slice(analysis.as_ref().map_or(&[], |a| a.title_terms()));
                }
            }
            if let Some(analysis) = analysis {
                cases.count(&p.text, analysis.tokens);
            }
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.body, &p.text);
            doc.add_text(fields.context, &p.cite.context);
            doc.add_u64(fields.ord, ord as u64);
            writer.add_document(doc)?;
            for w in words(&p.text) {
                *counts.entry(analyzer.normalize(w.text).into_owned()).or_default() += 1;
            }
            if ord % 1024 == 0 {
                progress(ord as u64, total);
            }
        }
        analyses.shrink_to_fit();
        writer.commit()?;
        writer.wait_merging_threads()?;
        progress(total, total);
        let reader = index.reader()?;
        let doc_ords = doc_ords(&reader.searcher(), total as usize)?;

        let programs = kb.programs.iter().map(|p| program_info(p, &passages)).collect();
        let mut program_phrases: Vec<Vec<String>> = kb
            .programs
            .iter()
            .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases))
            .map(|phrase| analyzer.terms(phrase))
            .filter(|t| !t.is_empty())
            .collect();
        program_phrases.sort_unstable();
        program_phrases.dedup();
        titled.sort_unstable();
        titled.dedup();
        let acronyms: Vec<TermId> =
            cases.acronyms().into_iter().filter(|id| titled.binary_search(id).is_ok()).collect();
        let coined = cases.coined();
        let written_small = cases.written_small();
        let newest = passages.iter().filter_map(|p| p.cite.day).max();
        let stats = IndexStats {
            articles: kb.articles.len(),
            passages: passages.iter().filter(|p| p.kind == PassageKind::Article).count(),
            facts: passages.iter().filter(|p| p.kind == PassageKind::Fact).count(),
            programs: kb.programs.len(),
            build_time: started.elapsed(),
        };
        Ok(Index {
            reader,
            doc_ords,
            fields,
            passages,
            analyses,
            terms,
            vocabulary: Vocabulary::from_counts(counts),
            synonyms,
            glossary: kb.glossary.clone(),
            curated: kb.faq.clone(),
            programs,
            program_phrases,
            about,
            acronyms,
            coined,
            written_small,
            newest,
            stats,
            analyzer,
        })
    }

    pub fn stats(&self) -> IndexStats {
        self.stats
    }

    pub fn passages(&self) -> &[Passage] {
        &self.passages
    }

    pub fn passage(&self, ord: usize) -> Option<&Passage> {
        self.passages.get(ord)
    }

    /// Passage `ord` as analysed when the index was built.
    pub fn analysis(&self, ord: usize) -> Option<Analysis<'_>> {
        self.analyses.get(ord)
    }

    /// Whether what passage `ord`'s article is about (its title and lead; a program's name and
    /// aliases) has term `id`.
    pub fn about_has(&self, ord: usize, id: TermId) -> bool {
        self.about.get(ord).is_some_and(|terms| terms.binary_search(&id).is_ok())
    }

    /// Whether some passage of passage `ord`'s article (its paragraphs share one citation) has
    /// all of `ids` as words: who an article quotes is quoted in each of its paragraphs.
    pub fn article_has_all(&self, ord: usize, ids: &[TermId]) -> bool {
        let Some(cite) = self.passages.get(ord).map(|p| &p.cite) else { return false };
        let same = |o: &usize| self.passages.get(*o).is_some_and(|p| Arc::ptr_eq(&p.cite, cite));
        let first = (0..=ord).rev().take_while(same).last().unwrap_or(ord);
        (first..self.passages.len())
            .take_while(same)
            .any(|o| self.analyses.get(o).is_some_and(|a| ids.iter().all(|id| a.tokens.iter().any(|t| t.term == *id))))
    }

    /// Whether term `id` is an acronym an article's title or a program's name has ("KUR",
    /// "LPDB", "PLUT"): what a question names its topic with.
    pub fn is_acronym(&self, id: TermId) -> bool {
        self.acronyms.binary_search(&id).is_ok()
    }

    /// Whether term `id` is written, wherever the knowledge base has it, as a coined name with a
    /// capital inside ("PaDi" for Pasar Digital UMKM): the plain word ("harga padi") is not it.
    pub fn is_coined(&self, id: TermId) -> bool {
        self.coined.binary_search(&id).is_ok()
    }

    /// Whether term `id` is written in small letters somewhere in the knowledge base: a word
    /// only ever capitalised ("Juliantono", "Widodo") is a name's.
    pub fn is_written_small(&self, id: TermId) -> bool {
        self.written_small.binary_search(&id).is_ok()
    }

    /// Whether every search term of `text` occurs in some passage or title.
    pub fn knows(&self, text: &str) -> bool {
        let terms = self.analyzer.terms(text);
        !terms.is_empty() && terms.iter().all(|t| self.terms.id(t).is_some())
    }

    /// The newest article's day, if any article is dated.
    pub fn newest(&self) -> Option<Day> {
        self.newest
    }

    /// The search terms of every passage and title.
    pub fn terms(&self) -> &Terms {
        &self.terms
    }

    pub fn programs(&self) -> &[ProgramInfo] {
        &self.programs
    }

    /// Whether `terms` are a program's name or one of its aliases, as search terms.
    pub fn names_a_program(&self, terms: &[String]) -> bool {
        self.program_phrases.binary_search_by(|p| p.as_slice().cmp(terms)).is_ok()
    }

    pub fn synonyms(&self) -> &[SynonymGroup] {
        &self.synonyms
    }

    /// The ministry's curated answers, from `faq.toml`.
    pub fn curated(&self) -> &[CuratedAnswer] {
        &self.curated
    }

    /// The ministry's English vocabulary (`glossary.toml`): for English questions.
    pub fn glossary(&self) -> &[GlossaryEntry] {
        &self.glossary
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// A searcher on the index; cheap, and consistent for as long as it is held.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// In how many passages `term` occurs (body or title).
    pub fn doc_freq(&self, searcher: &Searcher, term: &str) -> u64 {
        let body = searcher.doc_freq(&Term::from_field_text(self.fields.body, term)).unwrap_or(0);
        if body > 0 {
            return body;
        }
        searcher.doc_freq(&Term::from_field_text(self.fields.context, term)).unwrap_or(0)
    }

    /// BM25 search for weighted terms (any may match), the title field boosted by `title_boost`
    /// against the body. Returns passage ordinals with their scores, best first.
    pub fn search(
        &self,
        searcher: &Searcher,
        terms: &[(String, f32)],
        title_boost: f32,
        limit: usize,
    ) -> Vec<(usize, f32)> {
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(terms.len() * 2);
        for (term, weight) in terms {
            for (field, field_weight) in [(self.fields.body, 1.0), (self.fields.context, title_boost)] {
                let q = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::WithFreqs);
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), weight * field_weight))));
            }
        }
        let query = BooleanQuery::new(clauses);
        let collector = tantivy::collector::TopDocs::with_limit(limit).order_by_score();
        let Ok(top) = searcher.search(&query, &collector) else {
            return Vec::new();
        };
        top.into_iter()
            .filter_map(|(score, addr)| {
                let ord = self.doc_ords.get(addr.segment_ord as usize)?.get(addr.doc_id as usize)?;
                Some((*ord as usize, score))
            })
            .collect()
    }
}

/// For each segment of `searcher`, its documents' passage ordinals (`passages` for one whose
/// ordinal is missing, which no passage has).
fn doc_ords(searcher: &Searcher, passages: usize) -> Result<Vec<Box<[u32]>>, IndexError> {
    searcher
        .segment_readers()
        .iter()
        .map(|segment| {
            let column = segment.fast_fields().u64(schema::ORD)?;
            Ok((0..segment.max_doc()).map(|doc| column.first(doc).map_or(passages as u32, |o| o as u32)).collect())
        })
        .collect()
}

/// Cuts the knowledge base into passages: article paragraphs first, then each program's summary
/// and facts.
fn passages_of(kb: &KnowledgeBase) -> Vec<Passage> {
    let mut out = Vec::new();
    for a in &kb.articles {
        let cite = Arc::new(Cite::of(a));
        let mut n = 0;
        for para in &a.paragraphs {
            for chunk in chunks(&para.text) {
                n += 1;
                out.push(passage(&cite, PassageKind::Article, format!("{}#{n}", a.slug), chunk, None));
            }
        }
    }
    for p in &kb.programs {
        let context = std::iter::once(&p.name).chain(&p.aliases).cloned().collect::<Vec<_>>().join(", ");
        let program = Some(p.id.clone());
        if !p.summary.is_empty() {
            // The name leads the text so that the summary is found by it, and an abbreviation in
            // the name stands beside its long form ("PLUT-KUMKM: Pusat Layanan Usaha Terpadu ...").
            let text = format!("{}: {}", p.name, p.summary);
            let cite = Arc::new(Cite {
                title: format!("Ringkasan program {}", p.name),
                context: context.clone(),
                program: program.clone(),
                ..Cite::default()
            });
            out.push(passage(&cite, PassageKind::Program, format!("{}/ringkasan", p.id), text, None));
        }
        for (i, f) in p.facts.iter().enumerate() {
            let article = kb.article(&f.source).map(Cite::of);
            let title = article.as_ref().map_or_else(|| p.name.clone(), |c| c.title.clone());
            let cite = Arc::new(Cite {
                title,
                context: context.clone(),
                program: program.clone(),
                ..article.unwrap_or_default()
            });
            let id = format!("{}/fakta-{}", p.id, i + 1);
            out.push(passage(&cite, PassageKind::Fact, id, f.text.clone(), f.value));
        }
    }
    out
}

/// Where a passage comes from, and the words besides its own it is found by. One per article
/// or program, shared by its passages: at 100k passages, a copy each would cost megabytes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cite {
    /// The cited article's title, or "Ringkasan program …" for a program's summary.
    pub title: String,
    /// Extra words the passage is found by: the article title, or for a fact or a summary the
    /// program's name and aliases.
    pub context: String,
    pub program: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    /// `date` read as a day.
    pub day: Option<Day>,
    /// The article's first paragraph, which says what the article is about: its paragraphs are
    /// judged about that too. A fact's is its source article's; a summary has none.
    pub lead: String,
    /// The years the title names ("KUR 2022"): a paragraph naming none speaks of them.
    pub title_years: Box<[i32]>,
    /// The amounts the title states ("27 Juta UMKM Sudah Go Digital"): news puts its main
    /// figure in its headline, so the paragraph stating it is what the article reports.
    pub title_amounts: Box<[f64]>,
}

/// The lead kept of an article's first paragraph: about two sentences, where news says what
/// the article is about.
const LEAD_CHARS: usize = 400;

impl Cite {
    fn of(a: &Article) -> Cite {
        let lead = a.paragraphs.first().map_or("", |p| p.text.as_str());
        let title_figures = figures::parse(&a.title);
        Cite {
            title: a.title.clone(),
            context: a.title.clone(),
            program: None,
            source: a.source.clone(),
            url: a.url.clone(),
            date: a.date.clone(),
            day: a.date.as_deref().and_then(Day::parse),
            lead: crate::language::clip(lead, LEAD_CHARS).to_string(),
            title_years: title_figures.iter().filter_map(period::year_of).collect(),
            title_amounts: title_figures.iter().filter(|f| f.is_amount()).map(|f| f.value).collect(),
        }
    }
}

fn passage(cite: &Arc<Cite>, kind: PassageKind, id: String, text: String, fact_value: Option<f64>) -> Passage {
    let figures: Box<[Figure]> = figures::parse(&text).into();
    Passage {
        id,
        kind,
        years: period::years_spoken(&text, &figures, cite.day, &cite.title_years),
        figures,
        text,
        cite: Arc::clone(cite),
        fact_value,
    }
}

/// The sorted terms of what `cite`'s passages are about: its title, its context (a program's
/// name and aliases) and its article's lead (a fact's source article's).
fn about_terms(analyzer: &Analyzer, terms: &mut Terms, cite: &Cite) -> Arc<[TermId]> {
    let text = format!("{}\n{}\n{}", cite.title, cite.context, cite.lead);
    let mut ids: Vec<TermId> = analyzer.terms(&text).iter().map(|t| terms.intern(t)).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into()
}

/// A term counts as an acronym when at least this share of its occurrences are written in
/// capitals: "KUR" and "LPDB" always are; "Koperasi" in a title's capitals now and then.
const ACRONYM_SHARE: f32 = 0.8;

/// How one term is written across the passages.
#[derive(Default, Clone, Copy)]
struct Cases {
    /// In capitals ("KUR").
    capitals: u32,
    /// With a capital after a small letter ("PaDi", "KemenKopUKM").
    inner_capitals: u32,
    /// Opening with a small letter ("hukum").
    small: u32,
    all: u32,
}

/// How each term is written across the passages: in capitals ("KUR", "UMKM"), or at all.
#[derive(Default)]
struct CapitalCounts {
    /// By term id.
    counts: Vec<Cases>,
}

impl CapitalCounts {
    fn count(&mut self, text: &str, tokens: &[analysis::PassageToken]) {
        for t in tokens {
            let at = t.term as usize;
            if self.counts.len() <= at {
                self.counts.resize(at + 1, Cases::default());
            }
            let word = words(&text[t.start()..]).next().map_or("", |w| w.text);
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let capitals = letters >= 2 && word.chars().all(|c| !c.is_lowercase());
            let cases = &mut self.counts[at];
            cases.capitals += u32::from(capitals);
            cases.inner_capitals += u32::from(has_inner_capital(word));
            cases.small += u32::from(word.chars().next().is_some_and(char::is_lowercase));
            cases.all += 1;
        }
    }

    /// The terms written as acronyms, sorted.
    fn acronyms(&self) -> Vec<TermId> {
        self.terms_where(|c| c.capitals as f32 >= ACRONYM_SHARE * c.all as f32)
    }

    /// The terms written as coined names, sorted: always, for one plain occurrence ("padi" in a
    /// paragraph about farmers) makes the plain word the knowledge base's too.
    fn coined(&self) -> Vec<TermId> {
        self.terms_where(|c| c.inner_capitals == c.all)
    }

    /// The terms written in small letters at least once, sorted.
    fn written_small(&self) -> Vec<TermId> {
        self.terms_where(|c| c.small > 0)
    }

    fn terms_where(&self, wanted: impl Fn(&Cases) -> bool) -> Vec<TermId> {
        (0..self.counts.len())
            .filter(|&i| self.counts[i].all > 0 && wanted(&self.counts[i]))
            .map(|i| i as TermId)
            .collect()
    }
}

/// Whether `word` has a capital after a small letter: "PaDi", not "Padi" or "PADI".
fn has_inner_capital(word: &str) -> bool {
    word.chars().skip_while(|c| !c.is_lowercase()).any(char::is_uppercase)
}

fn program_info(p: &Program, passages: &[Passage]) -> ProgramInfo {
    ProgramInfo {
        id: p.id.clone(),
        name: p.name.clone(),
        aliases: p.aliases.clone(),
        summary: p.summary.clone(),
        facts: passages
            .iter()
            .enumerate()
            .filter(|(_, x)| x.kind == PassageKind::Fact && x.cite.program.as_deref() == Some(p.id.as_str()))
            .map(|(i, _)| i)
            .collect(),
    }
}

/// Cuts a paragraph longer than `MAX_PASSAGE_CHARS` into groups of whole sentences of at most
/// `MAX_PASSAGE_CHARS / 2` each (one sentence alone may be longer).
fn chunks(text: &str) -> Vec<String> {
    if text.chars().count() <= MAX_PASSAGE_CHARS {
        return vec![text.to_string()];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for sentence in sentences(text) {
        if !current.is_empty() && current.chars().count() + sentence.chars().count() > MAX_PASSAGE_CHARS / 2 {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(sentence);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The byte ranges of `text`'s [`sentences`].
pub fn sentence_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    sentences(text)
        .into_iter()
        .map(|s| {
            let start = s.as_ptr() as usize - text.as_ptr() as usize;
            start..start + s.len()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_cut_into_sentence_groups() {
        let s = "Kalimat yang cukup panjang untuk diuji di sini. ".repeat(40);
        let c = chunks(s.trim());
        assert!(c.len() > 1);
        assert!(c.iter().all(|p| p.chars().count() <= MAX_PASSAGE_CHARS / 2), "groups of about 400 characters");
    }
}
