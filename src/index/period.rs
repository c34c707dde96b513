//! When a passage speaks of: its article's day ([`Day`]), and the calendar years its sentences
//! name ([`years_spoken`]), read once when the index is built.
//!
//! News dates its figures loosely: "Pada 2024", "Desember 2022", "(19/10/2024)", "tahun ini"
//! in an article of 17 November 2025, or no year at all in a paragraph that reports the day's
//! news. A passage speaks of the years it names, relative years read against its article's day;
//! a passage that names none speaks of its article's year and of the years its title names.

use crate::language::calendar::{Day, YEARS};
use crate::language::figures::{Figure, FigureKind};
use crate::language::words;

/// Year offsets of the words that follow "tahun" ("tahun ini") or precede "year" ("this
/// year"): the relative years of questions and of passages alike.
pub const AFTER_TAHUN: &[(&str, i32)] = &[("ini", 0), ("sekarang", 0), ("lalu", -1), ("kemarin", -1), ("depan", 1)];
pub const BEFORE_YEAR: &[(&str, i32)] = &[("this", 0), ("last", -1), ("next", 1)];

/// Words that, in a passage, speak of the day it was written ("saat ini", "kini").
const NOW_WORDS: &[&str] = &["kini", "sekarang"];

/// The calendar year a year or date figure names, if any.
pub fn year_of(f: &Figure) -> Option<i32> {
    let year = match f.kind {
        FigureKind::Year => Some(f.value as i32),
        FigureKind::Date => f
            .text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|d| d.len() == 4)
            .filter_map(|d| d.parse::<i32>().ok())
            .next_back(),
        _ => None,
    };
    year.filter(|y| YEARS.contains(y))
}

/// The years `text` (with `figures`, its figures) speaks of, sorted, each once. Relative years
/// ("tahun ini", "tahun lalu", "saat ini") count when the passage is `dated`; a text that names
/// no year speaks of its day's year and of `title_years`.
pub fn years_spoken(text: &str, figures: &[Figure], dated: Option<Day>, title_years: &[i32]) -> Box<[i32]> {
    let named: Vec<i32> = figures.iter().filter(|f| !names_with(text, f)).filter_map(year_of).collect();
    let relative: Vec<i32> =
        dated.map(|day| relative_offsets(text).into_iter().map(|o| day.year + o).collect()).unwrap_or_default();
    let mut years = named.clone();
    years.extend(&relative);
    if named.is_empty() {
        years.extend_from_slice(title_years);
        if let (Some(day), true) = (dated, relative.is_empty()) {
            years.push(day.year);
        }
    }
    years.sort_unstable();
    years.dedup();
    years.into_boxed_slice()
}

/// Words that say when, capitalised only where they open a sentence or a title.
const TIME_WORDS: &[&str] = &[
    "tahun",
    "pada",
    "sejak",
    "hingga",
    "sampai",
    "sepanjang",
    "selama",
    "akhir",
    "awal",
    "pertengahan",
    "periode",
    "per",
];

/// Whether year figure `f` is part of a name ("Partai Mesir 2000", "Piala Dunia 2006"): the word
/// before it is capitalised, not all in capitals ("KUR 2022" is KUR's 2022), not a month and not
/// a word that says when, and does not open a sentence.
pub fn names_with(text: &str, f: &Figure) -> bool {
    if f.kind != FigureKind::Year {
        return false;
    }
    let Some(before) = words(&text[..f.start]).last() else { return false };
    let lower = before.text.to_lowercase();
    let adjacent = text[before.end..f.start].chars().all(|c| c == ' ');
    let opens_sentence =
        text[..before.start].trim_end().chars().last().is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | ':'));
    adjacent
        && !opens_sentence
        && before.text.chars().next().is_some_and(char::is_uppercase)
        && before.text.chars().any(char::is_lowercase)
        && !crate::language::figures::is_month(&lower)
        && !TIME_WORDS.contains(&lower.as_str())
}

/// The offsets from its own year of the relative years `text` names: 0 for "tahun ini", "saat
/// ini", "kini"; -1 for "tahun lalu"; 1 for "tahun depan". "5 tahun lalu" is not "last year".
fn relative_offsets(text: &str) -> Vec<i32> {
    let ws: Vec<String> = words(text).map(|w| w.text.to_lowercase()).collect();
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let next = ws.get(i + 1).map(String::as_str);
        let counted = i.checked_sub(1).is_some_and(|p| ws[p].bytes().all(|b| b.is_ascii_digit()));
        if w == "tahun"
            && !counted
            && let Some(&(_, offset)) = AFTER_TAHUN.iter().find(|(after, _)| Some(*after) == next)
        {
            out.push(offset);
        } else if NOW_WORDS.contains(&w.as_str()) || (w == "saat" && next == Some("ini")) {
            out.push(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::figures;

    fn spoken(text: &str, date: &str, title: &[i32]) -> Vec<i32> {
        years_spoken(text, &figures::parse(text), Day::parse(date), title).into_vec()
    }

    #[test]
    fn a_passage_speaks_of_the_years_it_names() {
        assert_eq!(spoken("Pada 2023, realisasinya Rp 232 triliun.", "2023-12-08", &[]), [2023]);
        assert_eq!(spoken("Sepanjang 2008 hingga 2023, dana Rp 17 triliun.", "2023-10-12", &[]), [2008, 2023]);
        assert_eq!(spoken("Teten meresmikan PLUT pada Selasa (27/12/2022).", "2022-12-28", &[]), [2022]);
    }

    #[test]
    fn a_year_in_a_name_is_no_year_spoken_of() {
        assert_eq!(spoken("Fawzi Ghazal dari Partai Mesir 2000 ikut.", "", &[]), Vec::<i32>::new());
        assert_eq!(spoken("Penyaluran KUR 2022 naik.", "", &[]), [2022]);
        assert_eq!(spoken("Pada 2024 target naik.", "", &[]), [2024]);
        assert_eq!(spoken("Kerja sama naik. Sepanjang 2023 ada 45.", "", &[]), [2023]);
    }

    #[test]
    fn relative_years_are_read_against_the_articles_day() {
        assert_eq!(spoken("Tahun ini KUR ditargetkan Rp 286 triliun.", "2025-11-17", &[]), [2025]);
        assert_eq!(spoken("Sejak 2008 hingga sekarang Rp 19 triliun.", "2024-10-19", &[]), [2008, 2024]);
        assert_eq!(spoken("Realisasi tahun lalu Rp 260 triliun.", "2025-01-10", &[]), [2024]);
        assert_eq!(spoken("Dalam 5 tahun lalu tidak ada data.", "2025-01-10", &[]), [2025], "five years ago");
    }

    #[test]
    fn a_passage_naming_no_year_speaks_of_its_day_and_its_titles_years() {
        assert_eq!(spoken("Teten menyampaikannya di Surabaya.", "2021-12-22", &[2022]), [2021, 2022]);
        assert_eq!(spoken("Teten menyampaikannya di Surabaya.", "", &[]), Vec::<i32>::new());
    }
}
