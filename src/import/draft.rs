//! A draft article: an [`Extracted`] document given front matter, a file name and the
//! programs it speaks of, and checked with the rest of the knowledge base.
//!
//! [`Draft::new`] writes nothing; [`Draft::save`] checks again (the knowledge base may have
//! changed since the preview) and writes the file atomically.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Extracted, ImportError, MAX_TITLE_CHARS, SENTENCE_ENDS, comparable, squash};
use crate::knowledge::edit::{self, Change, EditError, Snapshot};
use crate::knowledge::{KnowledgeBase, MAX_ARTICLE_BYTES, Paragraph, Problems, Program, parse_article, valid_slug};
use crate::language::figures::{self, FigureKind};
use crate::language::sentences;

/// How an import is told to treat a document.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The publisher to record (`--source`), over the site name the document gives.
    pub source: Option<String>,
    /// Program ids to record besides those detected (`--program`).
    pub programs: Vec<String>,
    /// Overwrite an article that already has the same text (`--replace`).
    pub replace: bool,
}

/// The most words of the title a file name keeps; enough to tell articles apart.
const SLUG_WORDS: usize = 8;
/// Words a file name does not end on (`…-baru-di` reads as cut off).
const SLUG_TRAILING: &[&str] =
    &["di", "ke", "dari", "dan", "yang", "untuk", "dengan", "pada", "dalam", "atau", "the", "of", "and", "in"];
/// The longest name taken from a title, leaving room for the date that tells two articles of
/// the same title apart within the 100 characters a name may have.
const MAX_SLUG_BASE: usize = 100 - "-2024-02-06".len();

/// An article ready to be written, with what a preview shows.
#[derive(Debug, Clone)]
pub struct Draft {
    pub slug: String,
    pub path: PathBuf,
    /// The article file's text: front matter and paragraphs.
    pub text: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The ids of the programs it speaks of.
    pub programs: Vec<String>,
    /// Those programs' names, for the preview.
    pub program_names: Vec<String>,
    pub paragraphs: usize,
    /// The figures it states (amounts, money, shares), each with its sentence.
    pub figures: Vec<FoundFigure>,
    /// Whether saving overwrites an existing article (`--replace`).
    pub replaces: bool,
}

/// A figure found in a draft, with the sentence it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundFigure {
    pub figure: String,
    pub sentence: String,
}

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    programs: &'a [String],
}

impl Draft {
    /// Makes `doc` an article for the knowledge directory `dir` and checks it with the rest of
    /// the knowledge base. Nothing is written.
    pub fn new(dir: &Path, mut doc: Extracted, options: &ImportOptions) -> Result<Draft, ImportError> {
        // A first import finds no knowledge directory yet: it is made when the draft is saved.
        let kb = if dir.exists() { KnowledgeBase::load(dir).map_err(invalid)? } else { KnowledgeBase::default() };
        let title = take_title(&mut doc)?;
        let programs = programs(&kb.programs, &title, &doc.paragraphs, &options.programs)?;
        let source = options.source.clone().or(doc.source);
        let front = FrontMatter {
            title: &title,
            date: doc.date.as_deref(),
            source: source.as_deref(),
            url: doc.url.as_deref(),
            programs: &programs,
        };
        let toml = toml::to_string(&front).map_err(|e| ImportError::Invalid(vec![e.to_string()]))?;
        let text = format!("+++\n{toml}+++\n\n{}\n", doc.paragraphs.join("\n\n"));
        if text.len() as u64 > MAX_ARTICLE_BYTES {
            return Err(ImportError::TooLong { size: text.len(), limit: MAX_ARTICLE_BYTES });
        }
        let (slug, path, replaces) = place(dir, &kb, &text, &title, doc.date.as_deref(), options.replace)?;
        KnowledgeBase::load_with(dir, &Change { path: path.clone(), text: text.clone() }).map_err(invalid)?;
        let program_names =
            programs.iter().filter_map(|id| kb.programs.iter().find(|p| &p.id == id).map(|p| p.name.clone())).collect();
        Ok(Draft {
            slug,
            path,
            paragraphs: doc.paragraphs.len(),
            figures: found_figures(&doc.paragraphs),
            text,
            title,
            date: doc.date,
            source,
            url: doc.url,
            programs,
            program_names,
            replaces,
        })
    }

    /// Checks the draft again with the knowledge base as it is now (since the preview, another
    /// article may have taken its name or its text) and writes it, through
    /// [`edit::apply`](crate::knowledge::edit::apply). Returns the draft as saved: its name may
    /// have changed.
    pub fn save(self, dir: &Path) -> Result<Draft, ImportError> {
        Ok(edit::apply(dir, |now| self.placed(now))?)
    }

    /// The draft placed in the knowledge directory as `now` holds it: the file to write, and
    /// the draft with the name it is written under.
    pub fn placed(mut self, now: &Snapshot) -> Result<(Change, Draft), ImportError> {
        let kb = now.kb.as_ref().map_err(|p| invalid(p.clone()))?;
        (self.slug, self.path, self.replaces) =
            place(&now.dir, kb, &self.text, &self.title, self.date.as_deref(), self.replaces)?;
        Ok((Change { path: self.path.clone(), text: self.text.clone() }, self))
    }
}

/// Where the article file `text` goes in the knowledge directory `dir` (whose knowledge base
/// is `kb`): over the article that already has its text when `replace` (then `true`), else
/// under a free name from its title; a text already there without `replace` is refused.
fn place(
    dir: &Path,
    kb: &KnowledgeBase,
    text: &str,
    title: &str,
    date: Option<&str>,
    replace: bool,
) -> Result<(String, PathBuf, bool), ImportError> {
    let (slug, replaces) = match same_text(kb, text) {
        Some(existing) if replace => (existing, true),
        Some(existing) => return Err(ImportError::Duplicate(existing)),
        None => (free_slug(kb, title, date), false),
    };
    let path = dir.join("articles").join(format!("{slug}.md"));
    Ok((slug, path, replaces))
}

/// The knowledge base's problems as an import's error.
fn invalid(problems: Problems) -> ImportError {
    ImportError::Invalid(problems.lines())
}

/// A draft's save refused: for its own reason, for the knowledge base's problems, or for the
/// disk's.
impl From<EditError<ImportError>> for ImportError {
    fn from(e: EditError<ImportError>) -> ImportError {
        match e {
            EditError::Plan(e) => e,
            EditError::Invalid(problems) => invalid(problems),
            EditError::Io(e) => ImportError::Io(e),
        }
    }
}

/// The document's title, or its first paragraph when that is short and not a sentence.
fn take_title(doc: &mut Extracted) -> Result<String, ImportError> {
    if let Some(title) = doc.title.take().map(|t| squash(&t)).filter(|t| !t.is_empty()) {
        return Ok(title);
    }
    match doc.paragraphs.first() {
        Some(first) if first.chars().count() <= MAX_TITLE_CHARS && !first.ends_with(SENTENCE_ENDS) => {
            Ok(doc.paragraphs.remove(0))
        }
        _ => Err(ImportError::NoTitle),
    }
}

/// The programs named (by name or alias, as whole words) in the title or text, and those
/// asked for; an unknown id asked for is an error.
fn programs(all: &[Program], title: &str, paragraphs: &[String], asked: &[String]) -> Result<Vec<String>, ImportError> {
    if let Some(unknown) = asked.iter().find(|id| !all.iter().any(|p| &p.id == *id)) {
        return Err(ImportError::UnknownProgram(unknown.clone()));
    }
    let text = format!(" {} {} ", comparable(title), comparable(&paragraphs.join(" ")));
    let named = |p: &Program| {
        std::iter::once(&p.name)
            .chain(&p.aliases)
            .map(|n| comparable(n))
            .any(|n| !n.is_empty() && text.contains(&format!(" {n} ")))
    };
    Ok(all.iter().filter(|p| asked.contains(&p.id) || named(p)).map(|p| p.id.clone()).collect())
}

/// The slug of an article whose body is the same as the article file `text`'s, markup,
/// case and spacing aside.
fn same_text(kb: &KnowledgeBase, text: &str) -> Option<String> {
    let new = parse_article(Path::new("draft.md"), text).ok()?;
    let body = |ps: &[Paragraph]| comparable(&ps.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" "));
    let new = body(&new.paragraphs);
    kb.articles.iter().find(|a| body(&a.paragraphs) == new).map(|a| a.slug.clone())
}

/// A file name from the title not yet taken: `kemenkop-perkuat-kolaborasi`, then with the
/// date, then numbered.
fn free_slug(kb: &KnowledgeBase, title: &str, date: Option<&str>) -> String {
    let base = slug_of(title);
    let taken = |s: &str| kb.article(s).is_some();
    if !taken(&base) {
        return base;
    }
    if let Some(d) = date {
        let dated = format!("{base}-{d}");
        if !taken(&dated) {
            return dated;
        }
    }
    (2..).map(|n| format!("{base}-{n}")).find(|s| !taken(s)).unwrap_or(base)
}

/// Lower-case ASCII words of the title joined by hyphens; accents folded.
pub fn slug_of(title: &str) -> String {
    let ascii: String = title.chars().map(ascii_fold).collect();
    let mut words: Vec<String> = comparable(&ascii)
        .split(' ')
        .filter(|w| !w.is_empty() && w.is_ascii())
        .take(SLUG_WORDS)
        .map(str::to_string)
        .collect();
    while words.len() > 1 && words.last().is_some_and(|w| SLUG_TRAILING.contains(&w.as_str())) {
        words.pop();
    }
    let slug = words.join("-");
    let slug = crate::language::clip(&slug, MAX_SLUG_BASE).trim_end_matches('-').to_string();
    if valid_slug(&slug) { slug } else { "artikel".to_string() }
}

/// Latin letters with accents as their plain letter (names in the news: "Teten Masduki",
/// "Café"); anything else unchanged.
fn ascii_fold(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ò'..='ö' | 'Ò'..='Ö' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        _ => c,
    }
}

/// The amounts, sums of money and shares the paragraphs state, with their sentences.
fn found_figures(paragraphs: &[String]) -> Vec<FoundFigure> {
    let mut out = Vec::new();
    for p in paragraphs {
        for sentence in sentences(p) {
            for f in figures::parse(sentence) {
                if matches!(f.kind, FigureKind::Amount | FigureKind::Money | FigureKind::Percent) {
                    out.push(FoundFigure { figure: f.text, sentence: sentence.to_string() });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_the_title() {
        assert_eq!(
            slug_of("Kemenkop Perkuat Kolaborasi, Kembangkan Koperasi & UMKM!"),
            "kemenkop-perkuat-kolaborasi-kembangkan-koperasi-umkm"
        );
        assert_eq!(slug_of("Café Koperasi"), "cafe-koperasi");
        assert_eq!(
            slug_of("Kemenkop UKM Resmikan 12 Rumah Kemasan Baru di Jawa Tengah"),
            "kemenkop-ukm-resmikan-12-rumah-kemasan-baru"
        );
        assert_eq!(slug_of("“—”"), "artikel");
    }
}
