//! Example questions the knowledge base answers, offered with a greeting, in help and after a
//! decline that has nothing on the topic.
//!
//! They are read from the knowledge base, never written beside the code: a ministry that ships
//! its own knowledge must not see the bot suggest a question about a program it does not have.
//! Each candidate is asked of the engine once, and only those it answers are kept.

use super::Engine;
use crate::answer::Language;
use crate::index::{Index, PassageKind};

/// Example questions offered at most, per language.
const MAX_EXAMPLES: usize = 3;

/// Example questions, in each language a reply is written in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Examples {
    indonesian: Vec<String>,
    english: Vec<String>,
}

impl Examples {
    /// The examples for replies in `language`; may be empty (an empty knowledge base).
    pub fn of(&self, language: Language) -> &[String] {
        match language {
            Language::Id => &self.indonesian,
            Language::En => &self.english,
        }
    }

    /// The questions `engine`'s knowledge base answers: a figure from a program's facts, the
    /// first curated question, and what a program is.
    pub fn derive(engine: &Engine) -> Examples {
        let index = engine.index();
        let figure = figure_question(index);
        // Of another program than the figure's, so that the examples show the breadth.
        let other = |name: &str| figure.as_ref().is_none_or(|f| !f.contains(name));
        let indonesian = [figure.clone(), curated_question(index), definition_question(index, "Apa itu", other)];
        let english = [definition_question(index, "What is", |_| true)];
        let answered = |q: &String| engine.ask(q).answered;
        Examples {
            indonesian: indonesian.into_iter().flatten().filter(answered).take(MAX_EXAMPLES).collect(),
            english: english.into_iter().flatten().filter(answered).take(MAX_EXAMPLES).collect(),
        }
    }
}

/// "Berapa target PLUT-KUMKM 2024?": for the first program fact that states a value, a year and
/// the measure it is ("target", "realisasi") in its own words.
fn figure_question(index: &Index) -> Option<String> {
    /// Measures a fact's text may name, as a question asks for them.
    const MEASURES: [&str; 2] = ["target", "realisasi"];
    index.programs().iter().find_map(|program| {
        program.facts.iter().filter_map(|&ord| index.passage(ord)).find_map(|fact| {
            let year = fact.years.last().filter(|_| fact.kind == PassageKind::Fact && fact.fact_value.is_some())?;
            let text = fact.text.to_lowercase();
            let measure = MEASURES.iter().find(|m| text.contains(*m))?;
            Some(format!("Berapa {measure} {} {year}?", program.name))
        })
    })
}

/// The first question of the first curated answer, with its first letter capitalised.
fn curated_question(index: &Index) -> Option<String> {
    let question = index.curated().first()?.questions.first()?.trim();
    let mut letters = question.chars();
    let first = letters.next()?;
    let end = if question.ends_with('?') { "" } else { "?" };
    Some(format!("{}{}{end}", first.to_uppercase(), letters.as_str()))
}

/// "Apa itu PLUT-KUMKM?", opened by `what_is`, for the first program with a summary whose name
/// `wanted` accepts.
fn definition_question(index: &Index, what_is: &str, wanted: impl Fn(&str) -> bool) -> Option<String> {
    let program = index.programs().iter().find(|p| !p.summary.is_empty() && wanted(&p.name))?;
    Some(format!("{what_is} {}?", program.name))
}
