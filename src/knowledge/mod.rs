//! The knowledge base: the files in the knowledge directory, read and validated.
//!
//! ```text
//! knowledge/
//!   articles/<slug>.md   TOML front matter between `+++` lines, then Markdown paragraphs
//!   programs.toml        the ministry's programs and their facts (figures cite an article)
//!   synonyms.toml        acronyms and equivalent phrases used to widen questions
//!   glossary.toml        English words for the ministry's vocabulary, for English questions
//!   faq.toml             the ministry's curated answers and the questions they answer
//! ```
//!
//! Loading either yields a complete [`KnowledgeBase`] or every [`Problem`] found, each with file
//! and line, so an admin can fix them all in one go. Nothing here knows about search.

mod article;
pub mod edit;
pub mod faq;
mod glossary;
mod problem;
mod programs;
mod synonyms;

pub use article::{Article, MAX_ARTICLE_BYTES, Paragraph, parse_article, valid_slug};
pub use faq::CuratedAnswer;
pub use glossary::GlossaryEntry;
pub use problem::{Problem, Problems};
pub use programs::{Fact, Program};

use std::path::{Path, PathBuf};

/// Everything the bot knows, as read from the knowledge directory.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    pub articles: Vec<Article>,
    pub programs: Vec<Program>,
    /// Groups of equivalent phrases, from `synonyms.toml` and from program names and aliases.
    pub synonyms: Vec<Vec<String>>,
    /// English forms of the ministry's vocabulary, from `glossary.toml`.
    pub glossary: Vec<GlossaryEntry>,
    /// The ministry's curated answers, from `faq.toml`.
    pub faq: Vec<CuratedAnswer>,
}

/// Files above this size are refused before they are read.
pub const MAX_TOML_BYTES: u64 = 4 * 1024 * 1024;

impl KnowledgeBase {
    /// Reads and validates the knowledge directory `dir`.
    pub fn load(dir: &Path) -> Result<KnowledgeBase, Problems> {
        if !dir.is_dir() {
            return Err(not_found(dir));
        }
        let (files, problems) = Files::read(dir);
        check(&files, problems)
    }

    /// Reads and validates `dir` as if `change` were made: a file (an article, `faq.toml`, …)
    /// written with the change's text, replacing the file of that path and its reading
    /// problems. This checks an upload or an import before anything is written (the writing
    /// itself is [`edit::apply`]'s). A missing `dir` reads as empty, as a first import finds it.
    pub fn load_with(dir: &Path, change: &edit::Change) -> Result<KnowledgeBase, Problems> {
        let (files, problems) = Files::read(dir);
        let (files, problems) = files.with(dir, change, problems);
        check(&files, problems)
    }

    /// Validates knowledge files already in memory: everything [`load`](Self::load) checks
    /// except reading the disk.
    pub fn parse(files: &Files) -> Result<KnowledgeBase, Problems> {
        check(files, Vec::new())
    }

    /// A knowledge base of articles only, e.g. an evaluation corpus built in memory.
    pub fn from_articles(articles: Vec<Article>) -> KnowledgeBase {
        KnowledgeBase { articles, ..KnowledgeBase::default() }
    }

    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.slug == slug)
    }

    pub fn fact_count(&self) -> usize {
        self.programs.iter().map(|p| p.facts.len()).sum()
    }
}

/// Copies the files a knowledge base is read from (`articles/*.md` and the TOML files, links
/// followed) from the directory `from` into `to`: a scratch knowledge directory, to try
/// changes in. Fails as [`KnowledgeBase::load`] would when `from` cannot be read.
pub fn copy_files(from: &Path, to: &Path) -> Result<(), Problems> {
    if !from.is_dir() {
        return Err(not_found(from));
    }
    let (files, problems) = Files::read(from);
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    for (path, text) in files.articles.iter().chain(files.tables()) {
        // Every path read is under `from`; one that is not is refused rather than written
        // where it names.
        let target = path.strip_prefix(from).map(|relative| to.join(relative));
        let written = match &target {
            Ok(target) => write_atomically(target, text.as_bytes()),
            Err(_) => Err(std::io::Error::other("not inside the knowledge directory")),
        };
        written.map_err(|e| Problems(vec![Problem::new(path, 0, format!("cannot copy: {e}"))]))?;
    }
    Ok(())
}

/// What to tell an operator whose knowledge directory `dir` holds nothing yet: the bot and the
/// chat still start (and decline every question) so that knowledge can be added to them.
pub fn empty_hint(dir: &Path) -> String {
    format!(
        "the knowledge base in {} is empty, so every question will be declined; add knowledge with \
         `tanyakop import FILE` (a saved web page, a text PDF, a .docx), by writing articles/*.md, \
         or by sending documents to the bot as an admin",
        dir.display()
    )
}

fn not_found(dir: &Path) -> Problems {
    Problems(vec![Problem::new(
        dir,
        0,
        "knowledge directory not found: create it or point --knowledge / KNOWLEDGE_DIR at it",
    )])
}

/// The knowledge directory's files as text: read, not yet checked.
#[derive(Debug, Clone, Default)]
pub struct Files {
    /// Each article's path and text, in path order.
    pub articles: Vec<(PathBuf, String)>,
    pub programs: Option<(PathBuf, String)>,
    pub synonyms: Option<(PathBuf, String)>,
    pub glossary: Option<(PathBuf, String)>,
    pub faq: Option<(PathBuf, String)>,
}

/// Writes a knowledge file through a temporary file in the same directory and a rename, so a
/// reload never reads half a file.
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

/// The curated answers' file name in the knowledge directory.
pub const FAQ_FILE: &str = "faq.toml";
/// The programs' file name in the knowledge directory.
pub const PROGRAMS_FILE: &str = "programs.toml";
/// The synonyms' file name in the knowledge directory.
pub const SYNONYMS_FILE: &str = "synonyms.toml";
/// The glossary's file name in the knowledge directory.
pub const GLOSSARY_FILE: &str = "glossary.toml";

impl Files {
    /// The optional TOML files read, with their paths.
    pub(crate) fn tables(&self) -> impl Iterator<Item = &(PathBuf, String)> {
        [&self.programs, &self.synonyms, &self.glossary, &self.faq].into_iter().flatten()
    }

    /// Reads the files under `dir`, with a problem for each one that cannot be read.
    fn read(dir: &Path) -> (Files, Vec<Problem>) {
        let mut problems = Vec::new();
        let articles_dir = dir.join("articles");
        let mut articles = Vec::new();
        match article_paths(&articles_dir) {
            Ok(paths) => {
                for path in paths {
                    match read_text(&path, MAX_ARTICLE_BYTES) {
                        Ok(text) => articles.push((path, text)),
                        Err(p) => problems.push(p),
                    }
                }
            }
            Err(p) => problems.push(p),
        }
        let programs = read_optional(&dir.join(PROGRAMS_FILE), &mut problems);
        let synonyms = read_optional(&dir.join(SYNONYMS_FILE), &mut problems);
        let glossary = read_optional(&dir.join(GLOSSARY_FILE), &mut problems);
        let faq = read_optional(&dir.join(FAQ_FILE), &mut problems);
        (Files { articles, programs, synonyms, glossary, faq }, problems)
    }
}

/// Parses and cross-checks `files`, adding to the `problems` met while reading them.
fn check(files: &Files, mut problems: Vec<Problem>) -> Result<KnowledgeBase, Problems> {
    let mut articles = Vec::new();
    for (path, text) in &files.articles {
        match parse_article(path, text) {
            Ok(a) => articles.push(a),
            Err(mut p) => problems.append(&mut p),
        }
    }
    check_duplicate_slugs(&articles, &mut problems);

    let programs = match &files.programs {
        Some((path, text)) => programs::parse(path, text, &articles, &mut problems),
        None => Vec::new(),
    };
    for a in &articles {
        for (id, line) in &a.programs {
            if !programs.iter().any(|p| &p.id == id) {
                problems.push(Problem::new(
                    &a.path,
                    *line,
                    format!("unknown program id `{id}`: add it to programs.toml or fix the spelling"),
                ));
            }
        }
    }

    let mut synonyms = match &files.synonyms {
        Some((path, text)) => synonyms::parse(path, text, &mut problems),
        None => Vec::new(),
    };
    for p in &programs {
        if !p.aliases.is_empty() {
            let mut group = vec![p.name.clone()];
            group.extend(p.aliases.iter().cloned());
            synonyms.push(group);
        }
    }

    let glossary = match &files.glossary {
        Some((path, text)) => glossary::parse(path, text, &mut problems),
        None => Vec::new(),
    };

    let faq = match &files.faq {
        Some((path, text)) => faq::parse(path, text, &mut problems),
        None => Vec::new(),
    };

    if problems.is_empty() {
        Ok(KnowledgeBase { articles, programs, synonyms, glossary, faq })
    } else {
        Err(Problems(problems))
    }
}

fn article_paths(dir: &Path) -> Result<Vec<PathBuf>, Problem> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Problem::new(dir, 0, format!("cannot read directory: {e}"))),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Reads an optional TOML file of the knowledge directory; a missing one is `None`.
fn read_optional(path: &Path, problems: &mut Vec<Problem>) -> Option<(PathBuf, String)> {
    if !path.exists() {
        return None;
    }
    match read_text(path, MAX_TOML_BYTES) {
        Ok(text) => Some((path.to_path_buf(), text)),
        Err(p) => {
            problems.push(p);
            None
        }
    }
}

/// Reads a UTF-8 file no larger than `max` bytes.
fn read_text(path: &Path, max: u64) -> Result<String, Problem> {
    let len = std::fs::metadata(path).map_err(|e| Problem::new(path, 0, format!("cannot read: {e}")))?.len();
    if len > max {
        return Err(Problem::new(
            path,
            1,
            format!("file is {} KiB, over the limit of {} KiB: split it into smaller files", len / 1024, max / 1024),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Problem::new(path, 0, format!("cannot read: {e}")))?;
    decode_utf8(path, bytes)
}

/// Decodes file contents, naming the line of the first byte that is not UTF-8.
pub fn decode_utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Problem> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        Problem::new(path, line, "not valid UTF-8 text: save the file as UTF-8")
    })
}

fn check_duplicate_slugs(articles: &[Article], problems: &mut Vec<Problem>) {
    let mut seen: std::collections::HashMap<String, &Path> = std::collections::HashMap::new();
    for a in articles {
        let key = a.slug.to_lowercase();
        if let Some(first) = seen.get(&key) {
            problems.push(Problem::new(
                &a.path,
                1,
                format!("duplicate slug `{}`: {} has it too; rename one of the files", a.slug, first.display()),
            ));
        } else {
            seen.insert(key, &a.path);
        }
    }
}

/// 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count()
}

/// Turns a TOML error into a problem at its line, `first_line` being the file line of the
/// TOML's first line.
/// A whole TOML file parsed, or `None` with its problem (`file:line: invalid TOML: …`) recorded.
fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Option<T> {
    toml::from_str(text).map_err(|e| problems.push(toml_problem(path, text, 1, &e))).ok()
}

pub(crate) fn toml_problem(path: &Path, text: &str, first_line: usize, err: &toml::de::Error) -> Problem {
    let line = err.span().map(|s| line_of(text, s.start)).unwrap_or(1) + first_line - 1;
    let msg = err.message().trim().replace('\n', " ");
    Problem::new(path, line, format!("invalid TOML: {msg}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str, title: &str) -> (PathBuf, String) {
        (PathBuf::from(path), format!("+++\ntitle = \"{title}\"\n+++\nIsi artikel.\n"))
    }

    #[test]
    fn two_articles_with_one_slug_are_both_named() {
        let files = Files {
            articles: vec![article("a/articles/kur.md", "KUR"), article("b/articles/kur.md", "KUR lagi")],
            ..Files::default()
        };
        let problems = KnowledgeBase::parse(&files).expect_err("a duplicate slug is a problem").to_string();
        assert_eq!(
            problems,
            "b/articles/kur.md:1: duplicate slug `kur`: a/articles/kur.md has it too; rename one of the files"
        );
    }

    #[test]
    fn an_upload_replaces_an_unreadable_file_of_the_same_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("articles")).expect("mkdir");
        let path = dir.path().join("articles/kur.md");
        std::fs::write(&path, b"+++\ntitle = \"\xff\"\n+++\n").expect("write");
        assert!(KnowledgeBase::load(dir.path()).is_err());
        let (_, text) = article("kur.md", "KUR");
        let change = edit::Change { path, text };
        let kb = KnowledgeBase::load_with(dir.path(), &change).expect("the upload mends the bad file");
        assert_eq!(kb.articles.len(), 1);
    }
}
