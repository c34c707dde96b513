//! When a passage speaks of: its article's day ([`Day`]), and the calendar years its sentences
//! name ([`years_spoken`]), read once when the index is built.
//!
//! News dates its figures loosely: "Pada 2024", "Desember 2022", "(19/10/2024)", "tahun ini"
//! in an article of 17 November 2025, or no year at all in a paragraph that reports the day's
//! news. A passage speaks of the years it names, relative years read against its article's day;
//! a passage that names none speaks of its article's year and of the years its title names.

use crate::figures::{Figure, FigureKind};
use crate::language::words;

/// A calendar day, as an article's `date` gives it (`YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Indonesian month names, January first.
const MONTH_NAMES: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// English month names, January first.
const MONTH_NAMES_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Day {
    /// Reads `YYYY-MM-DD`; anything else is no day.
    pub fn parse(date: &str) -> Option<Day> {
        let mut parts = date.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Day { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`): for ages in days.
    pub fn days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`): the inverse of
    /// [`Day::days`].
    pub fn from_days(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        Day { year: (yoe + era * 400 + i64::from(month <= 2)) as i32, month, day }
    }

    /// "2025-11-17".
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "17 November 2025".
    pub fn indonesian(self) -> String {
        format!("{} {} {}", self.day, MONTH_NAMES[usize::from(self.month - 1)], self.year)
    }

    /// "17 November 2025", in English month names.
    pub fn english(self) -> String {
        format!("{} {} {}", self.day, MONTH_NAMES_EN[usize::from(self.month - 1)], self.year)
    }
}

/// The Indonesian name of the month an English month name (any case) names: "March" → "Maret".
pub fn indonesian_month(english: &str) -> Option<&'static str> {
    MONTH_NAMES_EN.iter().position(|m| m.eq_ignore_ascii_case(english)).map(|i| MONTH_NAMES[i])
}

/// Years as news writes them; a figure outside this range is no year a question asks about.
const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

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
        && !crate::figures::is_month(&lower)
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
    use crate::figures;

    fn spoken(text: &str, date: &str, title: &[i32]) -> Vec<i32> {
        years_spoken(text, &figures::parse(text), Day::parse(date), title).into_vec()
    }

    #[test]
    fn a_day_reads_from_an_article_date() {
        assert_eq!(Day::parse("2025-11-17"), Some(Day { year: 2025, month: 11, day: 17 }));
        assert_eq!(Day::parse("2025-13-01"), None);
        assert_eq!(Day::parse("kemarin"), None);
        assert_eq!(Day::parse("2025-11-17").map(Day::indonesian).as_deref(), Some("17 November 2025"));
        assert_eq!(Day::parse("1970-01-02").map(Day::days), Some(1));
        assert_eq!(Day::parse("2024-03-01").map(Day::days), Some(19_783));
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
