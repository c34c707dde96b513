//! Answer quality on a question set.
//!
//! A question file is JSON Lines; each line has a `question` and says what counts as right:
//! - `answer` (FacQA): the string, case- and space-folded, in the first hit's snippet counts at
//!   rank 1, in one of the first three at rank 3;
//! - `expect` (any of): one of the strings in the headline figure plus the first passage shown;
//! - `expect_all`: every string somewhere in the whole reply;
//! - `expect_none`: the question is declined;
//! - `intent`: the answer's intent has that name and no passage is shown.
//!
//! An optional `kind` names what the question tests (compound, shorthand, list, …), for
//! per-kind counts. Lines may carry a `passage` too (FacQA does): `passages_as_articles` turns
//! the distinct ones into a knowledge base, one article each.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::answer::Answer;
use crate::engine::Engine;
use crate::knowledge::{Article, Paragraph};
use crate::language::fold;
use crate::render::{self, Plain};

/// One question and what counts as a right reply to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub question: String,
    pub expect: Expect,
    /// What the question tests; `None` when the file does not say.
    pub kind: Option<String>,
    /// The passage the question was written from (FacQA).
    pub passage: Option<String>,
}

/// What counts as a right reply.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// FacQA: this string in the first passage (hit@1) or one of the first three (hit@3).
    Answer(String),
    /// Any of these strings in the headline figure plus the first passage.
    AnyOf(Vec<String>),
    /// Every one of these strings somewhere in the whole reply.
    AllOf(Vec<String>),
    /// The question is declined.
    Declined,
    /// The answer's intent (as JSON names it) is this, and no passage is shown.
    Intent(String),
}

impl Item {
    /// The FacQA answer string, for items that have one.
    pub fn answer(&self) -> Option<&str> {
        match &self.expect {
            Expect::Answer(a) => Some(a),
            _ => None,
        }
    }
}

/// A line as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    question: String,
    answer: Option<String>,
    expect: Option<Vec<String>>,
    expect_all: Option<Vec<String>>,
    expect_none: Option<bool>,
    intent: Option<String>,
    kind: Option<String>,
    passage: Option<String>,
    /// FacQA's own question id; not used.
    #[serde(default, rename = "id")]
    _id: Option<serde_json::Value>,
}

impl Line {
    fn into_item(self) -> Result<Item, &'static str> {
        let blank = |s: &String| s.trim().is_empty();
        if self.answer.as_ref().is_some_and(blank) || self.expect.iter().chain(&self.expect_all).flatten().any(blank) {
            return Err("an expected string is empty, which every reply would contain");
        }
        let expect = match (self.answer, self.expect, self.expect_all, self.expect_none, self.intent) {
            (Some(a), None, None, None, None) => Expect::Answer(a),
            (None, Some(any), None, None, None) if !any.is_empty() => Expect::AnyOf(any),
            (None, None, Some(all), None, None) if !all.is_empty() => Expect::AllOf(all),
            (None, None, None, Some(true), None) => Expect::Declined,
            (None, None, None, None, Some(intent)) => Expect::Intent(intent),
            _ => return Err("needs exactly one of answer, expect, expect_all, expect_none: true, intent"),
        };
        Ok(Item { question: self.question, expect, kind: self.kind, passage: self.passage })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: cannot read: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}: not a question line: {message}")]
    Line { path: PathBuf, line: usize, message: String },
}

/// Reads a JSON Lines question file.
pub fn load(path: &Path) -> Result<Vec<Item>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read { path: path.to_path_buf(), source })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| EvalError::Line { path: path.to_path_buf(), line: i + 1, message };
        let parsed: Line = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        out.push(parsed.into_item().map_err(|m| bad(m.to_string()))?);
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

/// A FacQA question whose answer was not what the reply led with.
#[derive(Debug, Clone)]
pub struct Miss {
    pub question: String,
    pub answer: String,
    /// The first hit's snippet, or `None` when the engine declined.
    pub got: Option<String>,
    /// Whether the answer was among the first three hits.
    pub in_top3: bool,
}

/// How one checked (non-FacQA) question went.
#[derive(Debug, Clone)]
pub struct Checked {
    pub question: String,
    pub kind: String,
    pub expect: Expect,
    pub right: bool,
    /// The reply as plain text (or "(declined)" and what the bot said).
    pub reply: String,
}

/// Right and asked, for one kind of question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub right: usize,
    pub asked: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// FacQA-style questions (with an `answer`).
    pub total: usize,
    pub at1: usize,
    pub at3: usize,
    pub declined: usize,
    pub misses: Vec<Miss>,
    /// The other questions, in file order.
    pub checked: Vec<Checked>,
}

impl Report {
    pub fn hit_at_1(&self) -> f64 {
        self.at1 as f64 / self.total.max(1) as f64
    }

    pub fn hit_at_3(&self) -> f64 {
        self.at3 as f64 / self.total.max(1) as f64
    }

    /// The checked questions' tallies by kind, and over all.
    pub fn tallies(&self) -> (BTreeMap<&str, Tally>, Tally) {
        let mut by_kind: BTreeMap<&str, Tally> = BTreeMap::new();
        let mut all = Tally::default();
        for c in &self.checked {
            for t in [by_kind.entry(c.kind.as_str()).or_default(), &mut all] {
                t.asked += 1;
                t.right += usize::from(c.right);
            }
        }
        (by_kind, all)
    }
}

/// Asks every question and scores the replies.
pub fn run(engine: &Engine, items: &[Item]) -> Report {
    let mut r = Report::default();
    for item in items {
        let answer = engine.ask(&item.question);
        match &item.expect {
            Expect::Answer(want) => score_retrieval(&mut r, item, want, &answer),
            expect => r.checked.push(check(item, expect, &answer)),
        }
    }
    r
}

fn score_retrieval(r: &mut Report, item: &Item, expected: &str, answer: &Answer) {
    r.total += 1;
    let want = fold(expected);
    // A declined reply may show what is known about the topic; it is not an answer.
    let shown = if answer.answered { answer.hits.as_slice() } else { &[] };
    let rank = shown.iter().take(3).position(|h| fold(&h.snippet).contains(&want));
    if rank.is_some() {
        r.at3 += 1;
    }
    if rank == Some(0) {
        r.at1 += 1;
        return;
    }
    if !answer.answered {
        r.declined += 1;
    }
    r.misses.push(Miss {
        question: item.question.clone(),
        answer: expected.to_string(),
        got: shown.first().map(|h| h.snippet.clone()),
        in_top3: rank.is_some(),
    });
}

fn check(item: &Item, expect: &Expect, answer: &Answer) -> Checked {
    let reply = render::reply(answer, &Plain);
    let lead = fold(&format!(
        "{} {}",
        answer.figure.as_deref().unwrap_or_default(),
        answer.hits.first().map_or("", |h| h.snippet.as_str())
    ));
    let whole = fold(&reply);
    let right = match expect {
        Expect::AnyOf(any) => answer.answered && any.iter().any(|s| lead.contains(&fold(s))),
        Expect::AllOf(all) => answer.answered && all.iter().all(|s| whole.contains(&fold(s))),
        Expect::Declined => !answer.answered,
        Expect::Intent(name) => answer.hits.is_empty() && answer.intent.as_str() == name,
        Expect::Answer(_) => false,
    };
    let kind = item
        .kind
        .clone()
        .unwrap_or_else(|| if matches!(expect, Expect::Declined) { "decline" } else { "plain" }.to_string());
    let reply = if answer.answered { reply } else { format!("(declined) {reply}") };
    Checked { question: item.question.clone(), kind, expect: expect.clone(), right, reply }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(line: &str) -> Result<Item, String> {
        let l: Line = serde_json::from_str(line).map_err(|e| e.to_string())?;
        l.into_item().map_err(str::to_string)
    }

    #[test]
    fn each_line_says_what_counts_as_right() {
        assert_eq!(item(r#"{"question":"q","answer":"a","passage":"p","id":"7"}"#).unwrap().answer(), Some("a"));
        assert_eq!(
            item(r#"{"question":"q","expect":["a","b"],"kind":"x"}"#).unwrap().expect,
            Expect::AnyOf(vec!["a".into(), "b".into()])
        );
        assert_eq!(item(r#"{"question":"q","expect_none":true}"#).unwrap().expect, Expect::Declined);
        assert_eq!(
            item(r#"{"question":"q","intent":"smalltalk"}"#).unwrap().expect,
            Expect::Intent("smalltalk".into())
        );
        for bad in [
            r#"{"question":"q"}"#,
            r#"{"question":"q","expect":[]}"#,
            r#"{"question":"q","answer":"a","expect":["a"]}"#,
            r#"{"question":"q","expect_none":false}"#,
        ] {
            assert!(item(bad).is_err(), "{bad}");
        }
    }
}
