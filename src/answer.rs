//! The answer to one question, as plain data.
//!
//! The engine fills it; each surface (console, JSON, Telegram) renders it in one place under
//! `render`. Nothing here formats text for a reader.

use std::ops::Range;

use serde::Serialize;

use crate::language::calendar::Day;

/// What kind of answer a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// berapa, jumlah, target: a figure.
    Amount,
    /// kapan, tanggal: a date.
    Date,
    /// siapa: a person or organisation.
    Person,
    /// di mana: a place.
    Place,
    /// Anything else.
    General,
    /// Greetings, thanks, "siapa kamu": no question about the knowledge base.
    #[serde(rename = "smalltalk")]
    SmallTalk,
}

impl Intent {
    /// Every intent, for parsing and tests.
    pub const ALL: [Intent; 6] =
        [Intent::Amount, Intent::Date, Intent::Person, Intent::Place, Intent::General, Intent::SmallTalk];

    /// The name the store, `--explain` and JSON use: `amount`, `date`, …, `smalltalk`.
    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Amount => "amount",
            Intent::Date => "date",
            Intent::Person => "person",
            Intent::Place => "place",
            Intent::General => "general",
            Intent::SmallTalk => "smalltalk",
        }
    }
}

impl std::fmt::Display for Intent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is no [`Intent`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown intent {0:?}")]
pub struct UnknownIntent(pub String);

impl std::str::FromStr for Intent {
    type Err = UnknownIntent;

    fn from_str(s: &str) -> Result<Intent, UnknownIntent> {
        Intent::ALL.into_iter().find(|i| i.as_str() == s).ok_or_else(|| UnknownIntent(s.to_string()))
    }
}

/// The language a question was asked in, and so the reply's own words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Id,
    En,
}

/// What kind of small talk a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SmallTalk {
    Greeting,
    Thanks,
    Farewell,
    /// "siapa kamu", "bisa apa".
    Identity,
    /// "ok", "sip", "mantap".
    Acknowledgement,
}

/// The answer to a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub question: String,
    /// Whether the knowledge base answers the question. When false, `hits` is empty and
    /// `suggestions` says what the bot does know.
    pub answered: bool,
    pub intent: Intent,
    /// The headline figure as written in the best passage, e.g. `21,4 juta data`.
    pub figure: Option<String>,
    pub hits: Vec<Hit>,
    /// Program names to suggest when the question is not answered.
    pub suggestions: Vec<String>,
    /// Questions the knowledge base answers, offered with small talk and with a decline that
    /// has nothing on the topic to show.
    pub examples: Vec<String>,
    /// Question words that were read as misspellings of known words: (typed, corrected).
    pub corrections: Vec<(String, String)>,
    /// Set when the message is small talk, which gets a friendly reply instead of passages.
    pub smalltalk: Option<SmallTalk>,
    /// Set on a decline when the question named a period no passage speaks of: which periods
    /// the knowledge base has for what it asked.
    pub period: Option<PeriodNote>,
    /// Set on a decline when the question named a place no passage on its topic speaks of
    /// ("berapa PLUT di Papua"): the places, as the list of Indonesia's places names them.
    pub places: Vec<String>,
    /// For a question asking for the newest ("terbaru", "sekarang"): the day of the source the
    /// answer is as of.
    pub as_of: Option<Day>,
    /// A follow-up read with the chat's previous question: the question as read (also in
    /// `question`), shown so the asker can tell.
    pub read_as: Option<String>,
    /// The question's language: the reply's own words (declines, "Sumber") are in it.
    pub language: Language,
    /// Whether the question asks for every item ("apa saja", "sebutkan"): the reply lists the
    /// hits instead of leading with one.
    pub list: bool,
    /// The ministry's curated answer (`faq.toml`) to a question close to this one: shown first,
    /// marked as the ministry's, with the passages (if any) below it.
    pub curated: Option<Curated>,
}

/// A curated answer as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Curated {
    /// The curated question it was matched by.
    pub question: String,
    pub answer: String,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// The years a declined question asked for, and the years the knowledge base has for what it
/// asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodNote {
    pub asked: Vec<i32>,
    /// What it asked about, in its own words ("realisasi penyaluran KUR").
    pub topic: String,
    /// Years other passages on that topic speak of, sorted; empty when none do.
    pub known: Vec<i32>,
}

/// What a hit is cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// Part of an article's body.
    Article,
    /// A program fact from `programs.toml`.
    Fact,
    /// A program's summary from `programs.toml`.
    Program,
}

/// One passage that answers the question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub kind: HitKind,
    pub title: String,
    /// The passage text shown to the user.
    pub snippet: String,
    /// Byte ranges of `snippet` that matched the question: shown in bold.
    #[serde(skip)]
    pub highlights: Vec<Range<usize>>,
    /// Figures in the snippet, as written.
    pub figures: Vec<String>,
    /// The publisher of the cited article.
    pub source: Option<String>,
    pub url: Option<String>,
    /// The cited article's day; `YYYY-MM-DD` in JSON.
    #[serde(serialize_with = "iso_day")]
    pub date: Option<Day>,
    pub score: f32,
}

fn iso_day<S: serde::Serializer>(day: &Option<Day>, s: S) -> Result<S::Ok, S::Error> {
    day.map(Day::iso).serialize(s)
}

/// A program as surfaces list it (`/program`, the console's `program`), with its facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Program {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub summary: String,
    /// Its facts in file order, each with the fact's text as `snippet` and its source.
    pub facts: Vec<Hit>,
}

/// What an answer is, as a renderer tells it: the one reading of an [`Answer`]'s flags.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome<'a> {
    /// A greeting, thanks, "siapa kamu": no question about the knowledge base.
    SmallTalk(SmallTalk),
    /// The ministry's curated answer, with any passages as related information.
    Curated(&'a Curated),
    /// The knowledge base does not answer: `suggestions` and `period` say what it knows.
    Declined,
    /// Every item asked for, from the hits.
    List(&'a [Hit]),
    /// One passage answers, headed by `figure` when the question asks for one.
    Passage { best: &'a Hit, figure: Option<&'a str> },
}

impl Answer {
    /// What this answer is; renderers match on it rather than on the flags.
    pub fn outcome(&self) -> Outcome<'_> {
        if let Some(kind) = self.smalltalk {
            return Outcome::SmallTalk(kind);
        }
        if let Some(c) = &self.curated {
            return Outcome::Curated(c);
        }
        match self.hits.first() {
            Some(best) if self.answered => {
                if self.list {
                    Outcome::List(&self.hits)
                } else {
                    Outcome::Passage { best, figure: self.figure.as_deref() }
                }
            }
            _ => Outcome::Declined,
        }
    }

    /// Whether a follow-up ("kalau tahun lalu?") may build on this answer's question: it
    /// answered something, and was not small talk.
    pub fn answers_a_question(&self) -> bool {
        self.answered && self.smalltalk.is_none()
    }

    /// The day of the source the answer rests on: the day it is as of, else the first
    /// passage's article date. `None` for a decline, a curated answer without passages, or a
    /// passage with no dated source.
    pub fn source_day(&self) -> Option<Day> {
        if !self.answered {
            return None;
        }
        self.as_of.or_else(|| self.hits.first().and_then(|h| h.date))
    }

    /// An answer that declines: the knowledge base does not answer `question`.
    pub fn declined(question: &str, intent: Intent, suggestions: Vec<String>) -> Answer {
        Answer {
            question: question.to_string(),
            answered: false,
            intent,
            figure: None,
            hits: Vec::new(),
            suggestions,
            examples: Vec::new(),
            corrections: Vec::new(),
            smalltalk: None,
            period: None,
            places: Vec::new(),
            as_of: None,
            language: Language::Id,
            read_as: None,
            list: false,
            curated: None,
        }
    }

    /// The reply to small talk: answered, with no passages.
    pub fn small_talk(question: &str, kind: SmallTalk) -> Answer {
        Answer {
            question: question.to_string(),
            answered: true,
            intent: Intent::SmallTalk,
            figure: None,
            hits: Vec::new(),
            suggestions: Vec::new(),
            examples: Vec::new(),
            corrections: Vec::new(),
            smalltalk: Some(kind),
            period: None,
            places: Vec::new(),
            as_of: None,
            language: Language::Id,
            read_as: None,
            list: false,
            curated: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_intent_reads_back_the_name_it_is_stored_and_serialised_under() {
        for intent in Intent::ALL {
            assert_eq!(intent.as_str().parse(), Ok(intent));
            assert_eq!(serde_json::to_value(intent).ok(), Some(serde_json::Value::from(intent.as_str())));
        }
        assert!("berapa".parse::<Intent>().is_err());
    }
}
