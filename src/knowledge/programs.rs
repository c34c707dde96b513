//! `programs.toml`: the ministry's programs and their facts.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Article, Problem, line_of, parse_toml};
use crate::language::figures::{self, FigureKind};

/// A program of the ministry.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub id: String,
    pub name: String,
    /// Acronyms and other names (`RPB`).
    pub aliases: Vec<String>,
    pub summary: String,
    pub facts: Vec<Fact>,
}

/// One fact about a program: an Indonesian sentence, with its figure when it has one. (The
/// file's `unit` and `year` are checked against the sentence, which then carries them.)
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub text: String,
    pub value: Option<f64>,
    /// Slug of the article the fact comes from.
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    program: Vec<ProgramToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramToml {
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    fact: Vec<FactToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactToml {
    text: Spanned<String>,
    value: Option<f64>,
    unit: Option<String>,
    year: Option<i32>,
    source: Spanned<String>,
}

/// Parses `programs.toml`, checking ids and that every fact cites a known article and states
/// the figure, unit and year its fields claim.
pub(super) fn parse(path: &Path, text: &str, articles: &[Article], problems: &mut Vec<Problem>) -> Vec<Program> {
    let Some(file) = parse_toml::<File>(path, text, problems) else { return Vec::new() };
    let mut out: Vec<Program> = Vec::new();
    for p in file.program {
        let line = line_of(text, p.id.span().start);
        let id = p.id.into_inner();
        if !super::valid_slug(&id) {
            problems.push(Problem::new(
                path,
                line,
                format!("program id `{id}` must be lower-case letters, digits and hyphens"),
            ));
        }
        if out.iter().any(|o| o.id == id) {
            problems.push(Problem::new(path, line, format!("duplicate program id `{id}`")));
        }
        if p.name.trim().is_empty() {
            problems.push(Problem::new(path, line, format!("program `{id}` has an empty name")));
        }
        if p.aliases.iter().any(|a| a.trim().is_empty()) {
            problems.push(Problem::new(path, line, format!("program `{id}` has an empty alias")));
        }
        let mut facts = Vec::new();
        for f in p.fact {
            let fline = line_of(text, f.text.span().start);
            let source_line = line_of(text, f.source.span().start);
            let source = f.source.into_inner();
            if !articles.iter().any(|a| a.slug == source) {
                problems.push(Problem::new(
                    path,
                    source_line,
                    format!("fact cites article `{source}`, which is not in articles/: add it or fix the slug"),
                ));
            }
            let fact_text = f.text.into_inner().trim().to_string();
            if fact_text.is_empty() {
                problems.push(Problem::new(path, fline, "fact text is empty"));
            }
            problems.extend(check_figure(path, fline, &fact_text, f.value, f.unit.as_deref(), f.year));
            facts.push(Fact { text: fact_text, value: f.value, source });
        }
        out.push(Program {
            id,
            name: p.name.trim().to_string(),
            aliases: p.aliases,
            summary: p.summary.trim().to_string(),
            facts,
        });
    }
    out
}

/// Whether a fact's sentence says what its `value`, `unit` and `year` fields claim, so that the
/// two never disagree: the problems, at the fact's line.
fn check_figure(
    path: &Path,
    line: usize,
    text: &str,
    value: Option<f64>,
    unit: Option<&str>,
    year: Option<i32>,
) -> Vec<Problem> {
    let figures = figures::parse(text);
    let mut problems = Vec::new();
    if let Some(v) = value {
        let stated = figures.iter().find(|fig| fig.is_amount() && (fig.value - v).abs() < 1e-6 * v.abs().max(1.0));
        match (stated, unit) {
            (None, _) => problems.push(Problem::new(
                path,
                line,
                format!("fact text does not state its value {v}: write the figure in the sentence"),
            )),
            (Some(fig), Some(unit)) if !unit_agrees(fig, unit) => problems.push(Problem::new(
                path,
                line,
                format!("fact unit `{unit}` is not what the sentence counts (`{}`): make them agree", fig.text),
            )),
            _ => {}
        }
    }
    if let Some(year) = year {
        let said = figures.iter().any(|fig| match fig.kind {
            FigureKind::Year => fig.value == f64::from(year),
            FigureKind::Date => fig.text.contains(&year.to_string()),
            _ => false,
        });
        if !said {
            problems.push(Problem::new(
                path,
                line,
                format!("fact year {year} is not in its sentence: say it, e.g. \"Pada {year}, ...\""),
            ));
        }
    }
    problems
}

/// Whether a figure counts `unit`: its own unit, or rupiah for money.
fn unit_agrees(fig: &figures::Figure, unit: &str) -> bool {
    let unit = unit.trim().to_lowercase();
    fig.unit.as_deref() == Some(unit.as_str())
        || (fig.kind == FigureKind::Money && matches!(unit.as_str(), "rupiah" | "rp"))
}
