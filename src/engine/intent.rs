//! What kind of answer a question asks for, and whether a passage carries one.

use crate::answer::Intent;
use crate::figures::{Figure, FigureKind, is_month};
use crate::language::{Analyzer, words};

/// Reads the intent from the question's words (shorthand expanded).
pub fn detect(analyzer: &Analyzer, question: &str) -> Intent {
    let ws: Vec<String> = words(question).map(|w| analyzer.normalize(w.text).into_owned()).collect();
    let has = |w: &str| ws.iter().any(|x| x == w);
    let pair = |a: &str, b: &str| ws.windows(2).any(|p| p[0] == a && p[1] == b);
    if has("kapan") || has("kapankah") || pair("tahun", "berapa") || pair("tanggal", "berapa") || pair("bulan", "apa") || pair("tahun", "berapakah") {
        return Intent::Date;
    }
    if has("siapa") || has("siapakah") {
        return Intent::Person;
    }
    if has("dimana") || has("dimanakah") || pair("di", "mana") || pair("di", "manakah") || pair("kota", "apa") || pair("provinsi", "apa") {
        return Intent::Place;
    }
    if ["berapa", "berapakah", "jumlah", "jumlahnya", "banyak", "banyaknya", "total", "target"].iter().any(|w| has(w)) {
        return Intent::Amount;
    }
    Intent::General
}

const DAYS: &[&str] = &["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"];

/// How strongly `text` carries the kind of answer `intent` asks for, in 0..=1. `question_words`
/// are the question's own words (lower-case): the answer is what the question does not say.
pub fn answer_presence(intent: Intent, text: &str, figures: &[Figure], question_words: &[String]) -> f32 {
    let in_question = |s: &str| question_words.iter().any(|q| q == s);
    match intent {
        Intent::General => 0.0,
        Intent::Amount => {
            let n = figures.iter().filter(|f| f.is_amount() && !in_question(&f.text.to_lowercase())).count();
            if n > 0 { 1.0 } else { 0.0 }
        }
        Intent::Date => {
            let dated = figures.iter().any(|f| matches!(f.kind, FigureKind::Date | FigureKind::Year) && !in_question(&f.text.to_lowercase()));
            let named = words(text).any(|w| {
                let l = w.text.to_lowercase();
                (is_month(&l) || DAYS.contains(&l.as_str())) && !in_question(&l)
            });
            if dated || named { 1.0 } else { 0.0 }
        }
        Intent::Person | Intent::Place => {
            // Capitalised words the question does not contain, not at a sentence start.
            let mut prev_end = None::<char>;
            let mut count = 0;
            let mut after_place_word = 0;
            let mut last_lower = String::new();
            for w in words(text) {
                let sentence_start = prev_end.is_none_or(|c| matches!(c, '.' | '!' | '?' | '"'));
                let capital = w.text.chars().next().is_some_and(char::is_uppercase);
                let lower = w.text.to_lowercase();
                if capital && !sentence_start && !in_question(&lower) {
                    count += 1;
                    if matches!(last_lower.as_str(), "di" | "ke" | "dari" | "kota" | "provinsi" | "kabupaten") {
                        after_place_word += 1;
                    }
                }
                prev_end = text[..w.start].trim_end().chars().last();
                last_lower = lower;
            }
            let n = if intent == Intent::Place { after_place_word * 2 + count / 2 } else { count };
            (n as f32 / 2.0).min(1.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures;

    fn intent(q: &str) -> Intent {
        detect(&Analyzer::new(), q)
    }

    #[test]
    fn question_words_map_to_intents() {
        assert_eq!(intent("brp target rumah produksi bersama 2024?"), Intent::Amount);
        assert_eq!(intent("Jumlah mitra kerja sama?"), Intent::Amount);
        assert_eq!(intent("kapan acara kolaborasi digelar"), Intent::Date);
        assert_eq!(intent("Tahun berapa RUU disusun?"), Intent::Date);
        assert_eq!(intent("Siapa kepala biro hukum?"), Intent::Person);
        assert_eq!(intent("di mana acaranya?"), Intent::Place);
        assert_eq!(intent("dmn acaranya?"), Intent::Place);
        assert_eq!(intent("Apa itu PLUT?"), Intent::General);
    }

    #[test]
    fn amount_presence_ignores_years_and_figures_from_the_question() {
        let text = "Pada 2024 targetnya tujuh lokasi.";
        let f = figures::parse(text);
        assert_eq!(answer_presence(Intent::Amount, text, &f, &[]), 1.0);
        let only_year = "Pada 2024 ada program.";
        assert_eq!(answer_presence(Intent::Amount, only_year, &figures::parse(only_year), &[]), 0.0);
    }

    #[test]
    fn person_presence_needs_a_name_not_in_the_question() {
        let text = "Hal itu disampaikan Kepala Biro Henra Saragih.";
        assert!(answer_presence(Intent::Person, text, &[], &[]) > 0.5);
        let q: Vec<String> = ["kepala", "biro", "henra", "saragih"].map(String::from).to_vec();
        assert_eq!(answer_presence(Intent::Person, text, &[], &q), 0.0);
    }
}
