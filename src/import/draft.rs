//! A draft article: an [`Extracted`] document given front matter, a file name and the
//! programs it speaks of, and checked with the rest of the knowledge base.
//!
//! [`Draft::new`] writes nothing; [`Draft::save`] checks again (the knowledge base may have
//! changed since the preview) and writes the file atomically.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Extracted, ImportError, fold};
use crate::figures::{self, FigureKind};
use crate::index::sentences;
use crate::knowledge::{KnowledgeBase, MAX_ARTICLE_BYTES, Program, parse_article, valid_slug};

/// How an import is told to treat a document.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The publisher to record when the document names none (`--source`).
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
/// A first paragraph this short, not ending a sentence, is a title when the document has none.
const MAX_TITLE_CHARS: usize = 160;

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
        let kb = load(dir, None)?;
        let title = take_title(&mut doc)?;
        let programs = programs(&kb.programs, &title, &doc.paragraphs, &options.programs)?;
        let source = doc.source.or_else(|| options.source.clone());
        let source = options.source.clone().filter(|_| source.is_none()).or(source);
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
        let articles = dir.join("articles");
        let (slug, replaces) = match same_text(&kb, &text) {
            Some(existing) if options.replace => (existing, true),
            Some(existing) => return Err(ImportError::Duplicate(existing)),
            None => (free_slug(&kb, &title, doc.date.as_deref()), false),
        };
        let path = articles.join(format!("{slug}.md"));
        load(dir, Some((&path, &text)))?;
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

    /// Checks the draft again with the knowledge base as it is now, then writes it through a
    /// temporary file and a rename, so a reload never reads half an article.
    pub fn save(&self, dir: &Path) -> Result<(), ImportError> {
        let kb = load(dir, Some((&self.path, &self.text)))?;
        if !self.replaces
            && let Some(existing) = kb.articles.iter().find(|a| a.path != self.path && same(a, &self.text))
        {
            return Err(ImportError::Duplicate(existing.slug.clone()));
        }
        write_atomically(&self.path, self.text.as_bytes())?;
        Ok(())
    }
}

/// The knowledge base in `dir`, with `extra` in it; its problems as an error.
fn load(dir: &Path, extra: Option<(&Path, &str)>) -> Result<KnowledgeBase, ImportError> {
    KnowledgeBase::load_with(dir, extra)
        .map_err(|p| ImportError::Invalid(p.0.iter().map(ToString::to_string).collect()))
}

/// The document's title, or its first paragraph when that is short and not a sentence.
fn take_title(doc: &mut Extracted) -> Result<String, ImportError> {
    if let Some(title) =
        doc.title.take().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty())
    {
        return Ok(title);
    }
    match doc.paragraphs.first() {
        Some(first) if first.chars().count() <= MAX_TITLE_CHARS && !first.ends_with(['.', '!', '?']) => {
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
    let text = format!(" {} {} ", fold(title), fold(&paragraphs.join(" ")));
    let named = |p: &Program| {
        std::iter::once(&p.name)
            .chain(&p.aliases)
            .map(|n| fold(n))
            .any(|n| !n.is_empty() && text.contains(&format!(" {n} ")))
    };
    Ok(all.iter().filter(|p| asked.contains(&p.id) || named(p)).map(|p| p.id.clone()).collect())
}

/// The slug of an article whose text is the same as `text`'s.
fn same_text(kb: &KnowledgeBase, text: &str) -> Option<String> {
    kb.articles.iter().find(|a| same(a, text)).map(|a| a.slug.clone())
}

/// Whether `article` has the same body as the article file `text`, markup and spacing aside.
fn same(article: &crate::knowledge::Article, text: &str) -> bool {
    let Ok(new) = parse_article(Path::new("draft.md"), text) else { return false };
    let body =
        |ps: &[crate::knowledge::Paragraph]| fold(&ps.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" "));
    body(&article.paragraphs) == body(&new.paragraphs)
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
    let mut words: Vec<String> = fold(&ascii)
        .split(' ')
        .filter(|w| !w.is_empty() && w.is_ascii())
        .take(SLUG_WORDS)
        .map(str::to_string)
        .collect();
    while words.len() > 1 && words.last().is_some_and(|w| SLUG_TRAILING.contains(&w.as_str())) {
        words.pop();
    }
    let slug = words.join("-");
    let slug = crate::language::clip(&slug, 90).trim_end_matches('-').to_string();
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

/// Writes through a temporary file in the same directory and renames it into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // Unique per process and call, so two saves at once never share a temporary file.
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".write-{}-{n}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
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
