//! Arbitrary bytes as an article, a programs.toml, a synonyms.toml and a faq.toml: the
//! knowledge base either loads or lists problems, and never panics.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use tanyakop::knowledge::{Files, KnowledgeBase, decode_utf8};

fuzz_target!(|data: &[u8]| {
    // Four files in one input, split at the first three NUL bytes.
    let mut parts = data.splitn(4, |&b| b == 0);
    let mut file = |name: &str| parts.next().map(|bytes| (PathBuf::from(name), bytes.to_vec()));
    let article = file("knowledge/articles/kur.md");
    let programs = file("knowledge/programs.toml");
    let synonyms = file("knowledge/synonyms.toml");
    let faq = file("knowledge/faq.toml");
    let text =
        |f: Option<(PathBuf, Vec<u8>)>| f.and_then(|(path, bytes)| decode_utf8(&path, bytes).ok().map(|t| (path, t)));
    let files = Files {
        articles_dir: PathBuf::from("knowledge/articles"),
        articles: text(article).into_iter().collect(),
        programs: text(programs),
        synonyms: text(synonyms),
        glossary: None,
        faq: text(faq),
    };
    if let Ok(kb) = KnowledgeBase::parse(&files) {
        let _ = tanyakop::index::Index::build(&kb, &mut |_, _| {});
    }
});
