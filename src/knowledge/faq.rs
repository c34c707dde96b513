//! `faq.toml`: the ministry's curated answers. Each entry lists the ways people ask one
//! question and the answer staff wrote for it; a question close to one of them is answered with
//! it first, marked as the ministry's answer. `/jawab` in Telegram appends entries here.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{Problem, line_of, parse_toml};

/// An answer written by the ministry's staff, and the questions it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuratedAnswer {
    /// Ways people ask it ("cara daftar KUR", "bagaimana mengajukan KUR?").
    pub questions: Vec<String>,
    pub answer: String,
    /// Who or what the answer rests on ("Kemenkop UKM", a regulation), if stated.
    pub source: Option<String>,
    pub url: Option<String>,
}

/// Longest curated answer, in characters: it must fit one Telegram message with its source.
pub const MAX_ANSWER_CHARS: usize = 3000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    faq: Vec<Entry>,
}

/// One `[[faq]]` entry as written; also what `/jawab` writes.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub questions: Spanned<Vec<String>>,
    pub answer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

pub(super) fn parse(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<CuratedAnswer> {
    let Some(file) = parse_toml::<File>(path, text, problems) else { return Vec::new() };
    let mut out: Vec<CuratedAnswer> = Vec::new();
    for e in file.faq {
        let line = line_of(text, e.questions.span().start);
        let mut problem = |m: String| problems.push(Problem::new(path, line, m));
        let questions: Vec<String> =
            e.questions.into_inner().into_iter().map(|q| q.trim().to_string()).filter(|q| !q.is_empty()).collect();
        let answer = e.answer.trim().to_string();
        if questions.is_empty() {
            problem("a curated answer needs at least one question in `questions`".into());
            continue;
        }
        if answer.is_empty() {
            problem(format!("the curated answer to “{}” is empty: write it in `answer`", questions[0]));
            continue;
        }
        if answer.chars().count() > MAX_ANSWER_CHARS {
            problem(format!("the curated answer to “{}” is longer than {MAX_ANSWER_CHARS} characters", questions[0]));
        }
        if let Some(url) = &e.url
            && !url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
        {
            problem(format!("`url` must be a full http(s) link, not `{url}`"));
        }
        let folded = |q: &str| crate::language::fold(q);
        for q in &questions {
            if out.iter().flat_map(|c| &c.questions).any(|other| folded(other) == folded(q)) {
                problem(format!("the question “{q}” already has a curated answer above: keep one"));
            }
        }
        let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        out.push(CuratedAnswer { questions, answer, source: clean(e.source), url: clean(e.url) });
    }
    out
}

/// `entry` as a `[[faq]]` block to append to `faq.toml`.
pub fn entry_toml(entry: &CuratedAnswer) -> Result<String, toml::ser::Error> {
    #[derive(Serialize)]
    struct One<'a> {
        faq: [&'a Entry; 1],
    }
    let e = Entry {
        questions: Spanned::new(0..0, entry.questions.clone()),
        answer: entry.answer.clone(),
        source: entry.source.clone(),
        url: entry.url.clone(),
    };
    toml::to_string(&One { faq: [&e] })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Vec<CuratedAnswer>, Vec<String>) {
        let mut problems = Vec::new();
        let out = parse(Path::new("faq.toml"), text, &mut problems);
        (out, problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn an_entry_has_questions_and_an_answer() {
        let (out, problems) = parsed(
            "[[faq]]\nquestions = [\"cara daftar KUR\", \" \"]\nanswer = \"Datang ke bank penyalur.\"\nsource = \"Kemenkop UKM\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(out[0].questions, ["cara daftar KUR"]);
        assert_eq!(out[0].source.as_deref(), Some("Kemenkop UKM"));
    }

    #[test]
    fn problems_name_the_line_of_the_entry() {
        let text = "[[faq]]\nquestions = [\"a\"]\nanswer = \"ok\"\n\n[[faq]]\nquestions = [\"cara daftar KUR\"]\nanswer = \"  \"\n\n[[faq]]\nquestions = [\"A\"]\nanswer = \"x\"\nurl = \"kemenkop.go.id\"\n";
        let (_, problems) = parsed(text);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("faq.toml:6: ") && problems[0].contains("is empty"), "{problems:?}");
        assert!(problems[1].starts_with("faq.toml:10: ") && problems[1].contains("url"), "{problems:?}");
        assert!(problems[2].starts_with("faq.toml:10: ") && problems[2].contains("already"), "{problems:?}");
    }

    #[test]
    fn a_written_entry_reads_back_as_itself() {
        let c = CuratedAnswer {
            questions: vec!["harga \"cabai\" hari ini?".into()],
            answer: "Baris satu.\nBaris dua.".into(),
            source: None,
            url: Some("https://kemenkopukm.go.id".into()),
        };
        let (out, problems) = parsed(&entry_toml(&c).expect("serialises"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(out, [c]);
    }
}
