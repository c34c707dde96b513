//! Dates as documents write them, to `YYYY-MM-DD`.
//!
//! Machine dates: `2024-02-06T14:55:00+07:00` (meta tags, JSON-LD, Word properties) and PDF's
//! `D:20240206145500+07'00'`. Written dates, as Indonesian pages put them in a dateline or a
//! byline: `Selasa 06 Feb 2024 14:55 WIB`, `Jakarta, 6 Februari 2024`, `06/02/2024` (day
//! first), and English `February 6, 2024`.

use crate::language::calendar;

/// A machine date at the start of `s`: ISO 8601 or PDF's `D:YYYYMMDD`.
pub fn machine(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take(10).filter(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    let (y, m, d) = (digits[..4].parse().ok()?, digits[4..6].parse().ok()?, digits[6..8].parse().ok()?);
    ymd(y, m, d)
}

/// The first written date in `text`.
pub fn written(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '|' | '–' | '—'))
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len()).find_map(|i| at(&words[i..]))
}

/// A date starting at `w[0]`: `6 Februari 2024`, `February 6 2024` or `06/02/2024`.
fn at(w: &[&str]) -> Option<String> {
    let first = w[0].trim_end_matches('.');
    if let Some(date) = numeric(first) {
        return Some(date);
    }
    let day_month_year = || {
        let d = day(first)?;
        let m = month(w.get(1)?)?;
        ymd(year(w.get(2)?)?, m, d)
    };
    let month_day_year = || {
        let m = month(first)?;
        let d = day(w.get(1)?)?;
        ymd(year(w.get(2)?)?, m, d)
    };
    day_month_year().or_else(month_day_year)
}

/// `06/02/2024` or `6-2-2024`, day first as Indonesia writes it.
fn numeric(w: &str) -> Option<String> {
    let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    ymd(year(parts[2])?, parts[1].parse().ok()?, day(parts[0])?)
}

fn day(w: &str) -> Option<u32> {
    let w = w.trim_end_matches(['.', ',']);
    (w.len() <= 2).then(|| w.parse().ok()).flatten().filter(|d| (1..=31).contains(d))
}

fn year(w: &str) -> Option<u32> {
    let w = w.trim_end_matches(['.', ',']);
    (w.len() == 4).then(|| w.parse().ok()).flatten().filter(|&y| in_years(y))
}

fn in_years(y: u32) -> bool {
    i32::try_from(y).is_ok_and(|y| calendar::YEARS.contains(&y))
}

fn month(w: &str) -> Option<u32> {
    calendar::month_number(w).map(u32::from)
}

/// `YYYY-MM-DD` when the day exists in that month.
fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (in_years(y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_datelines_and_bylines_are_read() {
        for (text, want) in [
            ("Selasa 06 Feb 2024 14:55 WIB", "2024-02-06"),
            ("Jakarta, 6 Februari 2024 - Kemenkop UKM", "2024-02-06"),
            ("REPUBLIKA.CO.ID, BANDUNG -- Selasa, 6 Februari 2024 | 14:55", "2024-02-06"),
            ("Diterbitkan 06/02/2024 pukul 10.00", "2024-02-06"),
            ("Rabu (17 Agu. 2022)", "2022-08-17"),
            ("February 6, 2024", "2024-02-06"),
            ("29 Februari 2024", "2024-02-29"),
        ] {
            assert_eq!(written(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn figures_and_impossible_days_are_not_dates() {
        for text in ["target 21,4 juta data pada 2024", "30 Februari 2023", "45 kerja sama 2023", "Selasa (6/2)"] {
            assert_eq!(written(text), None, "{text}");
        }
    }

    #[test]
    fn machine_dates_are_read() {
        assert_eq!(machine("2024-02-06T14:55:00+07:00").as_deref(), Some("2024-02-06"));
        assert_eq!(machine("D:20240206145500+07'00'").as_deref(), Some("2024-02-06"));
        assert_eq!(machine("kemarin"), None);
    }
}
