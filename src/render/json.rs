//! The JSON form of an answer, for `tanyakop ask --json` and other programs.

use serde::Serialize;

use super::{Plain, reply};
use crate::answer::{Answer, Hit, Intent};

/// The documented JSON shape. Field names are a contract: add, never rename.
#[derive(Serialize)]
pub struct JsonAnswer<'a> {
    pub question: &'a str,
    pub answered: bool,
    /// The whole reply as plain text.
    pub text: String,
    pub figure: Option<&'a str>,
    pub hits: &'a [Hit],
    pub intent: Intent,
    pub suggestions: &'a [String],
    /// Whether the reply lists every hit ("apa saja" questions).
    pub list: bool,
    /// On a decline: the years asked for that no passage speaks of, and the years there are.
    pub period: Option<&'a crate::answer::PeriodNote>,
    /// On a decline: the places asked for that no passage on the topic speaks of.
    pub places: &'a [String],
    /// For a question asking for the newest: the day (`YYYY-MM-DD`) of the source answered from.
    pub as_of: Option<String>,
    /// The ministry's curated answer (`faq.toml`), when the question is close to one.
    pub curated: Option<&'a crate::answer::Curated>,
    /// With small talk and a decline that has nothing on the topic: questions the knowledge
    /// base answers.
    pub examples: &'a [String],
}

pub fn to_json(answer: &Answer) -> JsonAnswer<'_> {
    JsonAnswer {
        question: &answer.question,
        answered: answer.answered,
        text: reply(answer, &Plain),
        figure: answer.figure.as_deref(),
        hits: &answer.hits,
        intent: answer.intent,
        suggestions: &answer.suggestions,
        list: answer.list,
        period: answer.period.as_ref(),
        places: &answer.places,
        as_of: answer.as_of.map(|d| d.iso()),
        curated: answer.curated.as_ref(),
        examples: &answer.examples,
    }
}

/// One answer as a single line of JSON.
pub fn to_line(answer: &Answer) -> String {
    serde_json::to_string(&to_json(answer)).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
