//! `glossary.toml`: English words and phrases for the ministry's vocabulary, with the Indonesian
//! they mean, so that a question asked in English is answered from the Indonesian knowledge base.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Problem, line_of, parse_toml};

/// English phrases and the Indonesian they stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// English forms, lower-case ("partner", "partners").
    pub en: Vec<String>,
    /// The Indonesian word or phrase ("mitra").
    pub id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    term: Vec<Term>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Term {
    en: Spanned<Vec<String>>,
    id: String,
}

pub(super) fn parse(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<GlossaryEntry> {
    let Some(file) = parse_toml::<File>(path, text, problems) else { return Vec::new() };
    let mut out = Vec::new();
    for t in file.term {
        let line = line_of(text, t.en.span().start);
        let en: Vec<String> =
            t.en.into_inner().into_iter().map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()).collect();
        let id = t.id.trim().to_string();
        if en.is_empty() || id.is_empty() {
            problems.push(Problem::new(path, line, "a glossary term needs English forms (en) and the Indonesian (id)"));
            continue;
        }
        out.push(GlossaryEntry { en, id });
    }
    out
}
