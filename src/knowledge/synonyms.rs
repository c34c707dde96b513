//! `synonyms.toml`: groups of acronyms and phrases that mean the same thing.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Problem, line_of, parse_toml};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    synonym: Vec<Group>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    terms: Spanned<Vec<String>>,
}

pub(super) fn parse(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<Vec<String>> {
    let Some(file) = parse_toml::<File>(path, text, problems) else { return Vec::new() };
    let mut out = Vec::new();
    for g in file.synonym {
        let line = line_of(text, g.terms.span().start);
        let terms: Vec<String> =
            g.terms.into_inner().into_iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
        if terms.len() < 2 {
            problems.push(Problem::new(path, line, "a synonym group needs at least two terms"));
            continue;
        }
        out.push(terms);
    }
    out
}
