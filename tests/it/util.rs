//! Helpers shared by the integration-test modules: the shipped knowledge base, copies of it,
//! engines over it, and article files.

use std::path::{Path, PathBuf};

use tanyakop::engine::Engine;
use tanyakop::index::Index;
use tanyakop::knowledge::KnowledgeBase;

/// The knowledge directory shipped with the project.
pub fn shipped_knowledge() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// An engine over the shipped knowledge base.
pub fn shipped_engine() -> Engine {
    engine_of(&KnowledgeBase::load(&shipped_knowledge()).expect("shipped knowledge base is valid"))
}

/// The article the knowledge base started from, whose facts `programs.toml` restates.
pub const SEED_ARTICLE: &str = "kemenkop-perkuat-kolaborasi-koperasi-umkm.md";

/// A copy of the shipped knowledge directory with the seed article as its only article: for
/// tests that pin answers and declines of a one-article knowledge base, which more articles
/// would answer otherwise ("berapa bunga KUR" is declined on the seed alone). Program facts
/// from other articles go with them, and so do the programs only those facts were about, and
/// the curated answers (restated from other pages).
pub fn seed_copy() -> tempfile::TempDir {
    let dir = knowledge_copy();
    for e in std::fs::read_dir(dir.path().join("articles")).expect("read articles") {
        let path = e.expect("entry").path();
        if path.file_name().is_some_and(|n| n != SEED_ARTICLE) {
            std::fs::remove_file(path).expect("remove article");
        }
    }
    let programs = dir.path().join("programs.toml");
    let text = std::fs::read_to_string(&programs).expect("read programs.toml");
    std::fs::write(&programs, seed_programs(&text)).expect("write programs.toml");
    std::fs::write(dir.path().join("faq.toml"), "").expect("empty faq.toml");
    dir
}

/// `programs.toml` text with only the facts the seed article is the source of, and without the
/// programs whose every fact came from elsewhere.
fn seed_programs(text: &str) -> String {
    let seed = format!("source = \"{}\"", SEED_ARTICLE.trim_end_matches(".md"));
    let mut out = String::new();
    for program in text.split("\n[[program]]\n") {
        let mut facts = program.split("\n[[program.fact]]\n");
        let head = facts.next().unwrap_or_default();
        let facts: Vec<&str> = facts.collect();
        let kept: Vec<&str> = facts.iter().copied().filter(|f| f.contains(&seed)).collect();
        if !facts.is_empty() && kept.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n[[program]]\n");
        }
        out.push_str(head);
        for fact in kept {
            out.push_str("\n[[program.fact]]\n");
            out.push_str(fact);
        }
    }
    out
}

/// An engine over [`seed_copy`].
pub fn seed_engine() -> Engine {
    let dir = seed_copy();
    engine_of(&KnowledgeBase::load(dir.path()).expect("seed knowledge base is valid"))
}

/// An engine over `kb`.
pub fn engine_of(kb: &KnowledgeBase) -> Engine {
    Engine::new(Index::build(kb, &mut |_, _| {}).expect("index builds"))
}

/// Copies the shipped knowledge directory into a fresh temporary directory.
pub fn knowledge_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&shipped_knowledge(), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}

/// A minimal valid article file.
pub fn article(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = \"2024-03-01\"\nsource = \"Uji\"\n+++\n\n{body}\n")
}

/// An article written for a test: (slug, title, date or "", paragraphs).
pub type Dated<'a> = (&'a str, &'a str, &'a str, &'a [&'a str]);

/// An engine, in 2026, over `articles` and the given `programs.toml` and `faq.toml` texts (none
/// when empty).
pub fn engine_with(articles: &[Dated<'_>], programs: &str, faq: &str) -> Engine {
    let file = |name: &str, text: &str| (!text.is_empty()).then(|| (name.into(), text.to_string()));
    let files = tanyakop::knowledge::Files {
        articles: articles
            .iter()
            .map(|(slug, title, date, paragraphs)| {
                let date = if date.is_empty() { String::new() } else { format!("date = \"{date}\"\n") };
                let text =
                    format!("+++\ntitle = \"{title}\"\n{date}source = \"Uji\"\n+++\n\n{}\n", paragraphs.join("\n\n"));
                (format!("articles/{slug}.md").into(), text)
            })
            .collect(),
        programs: file("programs.toml", programs),
        faq: file("faq.toml", faq),
        ..Default::default()
    };
    let kb = KnowledgeBase::parse(&files).expect("test knowledge is valid");
    engine_of(&kb).in_year(2026)
}
