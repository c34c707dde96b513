//! Retrieval quality on a question set: how often the reply leads with the answer.
//!
//! Each line of the question file is `{"question": ..., "answer": ...}`. A question counts at
//! rank 1 when the answer string (case- and space-folded) is in the first hit's snippet, what
//! the reply leads with, and within the top 3 when it is in one of the first three snippets.
//! Lines may carry a `passage` too (FacQA does): `passages_as_articles` turns the distinct ones
//! into a knowledge base, one article each.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::engine::Engine;
use crate::knowledge::{Article, Paragraph};

#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub question: String,
    pub answer: String,
    #[serde(default)]
    pub passage: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: cannot read: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}: not a {{\"question\", \"answer\"}} JSON object: {source}")]
    Line { path: PathBuf, line: usize, source: serde_json::Error },
}

/// Reads a JSON Lines question file.
pub fn load(path: &Path) -> Result<Vec<Item>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read { path: path.to_path_buf(), source })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item = serde_json::from_str(line).map_err(|source| EvalError::Line {
            path: path.to_path_buf(),
            line: i + 1,
            source,
        })?;
        out.push(item);
    }
    Ok(out)
}

/// One article per distinct `passage`, in order of first appearance.
pub fn passages_as_articles(items: &[Item], source: &Path) -> Vec<Article> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for item in items {
        let Some(p) = item.passage.as_deref() else { continue };
        if !seen.insert(p) {
            continue;
        }
        let n = out.len() + 1;
        out.push(Article {
            slug: format!("passage-{n}"),
            title: "FacQA".to_string(),
            date: None,
            source: None,
            url: None,
            programs: Vec::new(),
            paragraphs: vec![Paragraph { text: p.to_string(), line: 1 }],
            path: source.to_path_buf(),
        });
    }
    out
}

/// A question whose answer was not what the reply led with.
#[derive(Debug, Clone)]
pub struct Miss {
    pub question: String,
    pub answer: String,
    /// The first hit's snippet, or `None` when the engine declined.
    pub got: Option<String>,
    /// Whether the answer was among the first three hits.
    pub in_top3: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub total: usize,
    pub at1: usize,
    pub at3: usize,
    pub declined: usize,
    pub misses: Vec<Miss>,
}

impl Report {
    pub fn hit_at_1(&self) -> f64 {
        self.at1 as f64 / self.total.max(1) as f64
    }
    pub fn hit_at_3(&self) -> f64 {
        self.at3 as f64 / self.total.max(1) as f64
    }
}

/// Folds case and runs of white space, so `20  Agustus` matches `20 agustus`.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Asks every question and scores the replies.
pub fn run(engine: &Engine, items: &[Item]) -> Report {
    let mut r = Report { total: items.len(), ..Report::default() };
    for item in items {
        let answer = engine.ask(&item.question);
        let want = fold(&item.answer);
        let rank = answer.hits.iter().take(3).position(|h| fold(&h.snippet).contains(&want));
        match rank {
            Some(0) => {
                r.at1 += 1;
                r.at3 += 1;
            }
            other => {
                if other.is_some() {
                    r.at3 += 1;
                }
                if !answer.answered {
                    r.declined += 1;
                }
                r.misses.push(Miss {
                    question: item.question.clone(),
                    answer: item.answer.clone(),
                    got: answer.hits.first().map(|h| h.snippet.clone()),
                    in_top3: other.is_some(),
                });
            }
        }
    }
    r
}
