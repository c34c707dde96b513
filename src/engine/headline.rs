//! The headline figure: of the best passage's figures, the one that answers the question.

use super::Scored;
use super::intent::{self, Bound};
use super::measure;
use super::query::Question;
use super::weights::Weights;
use crate::answer::Intent;
use crate::language::figures::{Figure, FigureKind};
use crate::language::{number_term, words};

/// Letters of a question term that must open a unit word for the unit to count as asked for
/// ("lokasi" for "lok"): shorter terms match too many units.
const MIN_UNIT_PREFIX: usize = 4;

/// The figure of `best` that answers `question`.
pub fn choose(question: &Question, best: &Scored<'_>, w: &Weights) -> Option<String> {
    let (intent, bound, question_words, matched) =
        (question.intent, question.bound, question.words(), &question.matched);
    let p = best.passage;
    let wanted = |f: &Figure| match intent {
        Intent::Amount => f.is_amount(),
        Intent::Date => matches!(f.kind, FigureKind::Date | FigureKind::Year),
        // A program fact's figure heads an answer about the fact; a place or a name is no figure.
        Intent::General => p.fact_value.is_some() && f.is_amount(),
        _ => false,
    };
    // Question words hold numbers as searched; so must the figure, so that "1500" in the
    // question excludes "1.500".
    let numbers = |t: &str| t.split(' ').map(number_term).collect::<Vec<_>>().join(" ");
    let question_text = question_words.join(" ");
    let matched_at: Vec<usize> =
        best.analysis.tokens.iter().filter(|t| question.searched(t.term)).map(|t| t.start()).collect();
    let score = |f: &Figure| {
        let mut score = 0.0f32;
        if p.fact_value.is_some_and(|v| f.has_value(v)) {
            score += w.headline_fact_value;
        }
        if let Some(unit) = &f.unit
            && words(unit).any(|u| matched.iter().any(|t| unit_matches(u.text, t)))
        {
            score += w.headline_unit;
        }
        if bound.is_some() && bound_before(&p.text, f.start) == bound {
            score += w.headline_bound;
        }
        // "maksimal berapa" is answered by the figure a limit opens ("hingga Rp 100 juta").
        if question.limit && f.is_amount() && intent::ends_in_limit(&p.text[..f.start]) {
            score += w.headline_limit;
        }
        if let Some(asked) = question.measure {
            match measure::of_figure(&p.text, f, &p.figures) {
                Some(m) if m == asked => score += w.headline_measure,
                Some(m) if !asked.answered_by(Some(m)) => score -= w.headline_measure,
                _ => {}
            }
        }
        // "jumlah … pada 2024" is answered by the figure its sentence ties to 2024, not by the
        // 2023 one beside it.
        if !question.years.is_empty()
            && f.is_amount()
            && let Some(year) = measure::year_of_figure(&p.text, f, &p.figures)
        {
            score += if question.years.contains(&year) { w.headline_year } else { -w.headline_year };
        }
        if let Some(kind) = question.quantity
            && f.is_amount()
        {
            score += if f.kind == kind { w.headline_quantity } else { -w.headline_quantity };
        }
        let distance = matched_at.iter().map(|&m| m.abs_diff(f.start)).min().unwrap_or(w.headline_no_match_distance);
        score - distance as f32 / w.headline_distance_per_point
    };
    p.figures
        .iter()
        .filter(|f| wanted(f) && !question_text.contains(&numbers(&f.text.to_lowercase())))
        .filter(|f| !measure::opens_a_range(&p.text, f, &p.figures))
        .map(|f| (score(f), f))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.start.cmp(&a.1.start)))
        .map(|(_, f)| f.text.clone())
}

/// The end of a period the word before byte `at` opens ("sejak" before "Maret 2021").
fn bound_before(text: &str, at: usize) -> Option<Bound> {
    words(&text[..at]).last().and_then(|w| intent::bound_of(&w.text.to_lowercase()))
}

/// Whether a unit word is what a question term asks for: the same word, or one it opens.
fn unit_matches(unit_word: &str, term: &str) -> bool {
    let u = unit_word.to_lowercase();
    u == term || (term.len() >= MIN_UNIT_PREFIX && u.starts_with(term))
}
