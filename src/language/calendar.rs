//! The calendar as Indonesian text writes it: days ([`Day`]), month names and their
//! spellings, the years a text can speak of, and Western Indonesian Time.
//!
//! One of each, for every layer: the index reads articles' days and the years passages speak
//! of, the engine reads "tahun ini" against today, the importer reads datelines, and the store
//! counts "today" from midnight WIB.

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

/// Years as news and ministry documents write them; a four-digit number outside this range is
/// no year (a quantity, a number in a name).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Western Indonesian Time (WIB, UTC+7), the ministry's: where "tahun ini" turns on 1 January
/// and a report's "today" starts. (Central and Eastern Indonesia turn one and two hours
/// earlier; a day's first hours are the only ones where it matters.)
pub const WIB_OFFSET_SECS: i64 = 7 * 3600;

/// Seconds in a day.
pub const DAY_SECS: i64 = 86_400;

/// Today in Western Indonesian Time, from the system clock.
pub fn today() -> Day {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let secs = i64::try_from(secs).unwrap_or(i64::MAX - WIB_OFFSET_SECS);
    Day::from_days((secs + WIB_OFFSET_SECS).div_euclid(DAY_SECS))
}

/// The month `word` (any case, a trailing `.` allowed) names, 1 to 12: Indonesian and English
/// names, their old spellings ("Pebruari", "Nopember") and usual abbreviations ("Agt", "Sept").
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    let m = match w.as_str() {
        "januari" | "january" | "jan" => 1,
        "februari" | "pebruari" | "february" | "feb" | "peb" => 2,
        "maret" | "march" | "mar" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "agustus" | "august" | "agu" | "agt" | "ags" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nopember" | "nov" | "nop" => 11,
        "desember" | "december" | "des" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn months_are_read_in_every_spelling() {
        for (word, month) in [("Pebruari", 2), ("nopember", 11), ("Sept.", 9), ("agt", 8), ("March", 3), ("Mei", 5)] {
            assert_eq!(month_number(word), Some(month), "{word}");
        }
        assert_eq!(month_number("minggu"), None);
    }

    #[test]
    fn days_since_1970_give_the_calendar_day() {
        let day = |days| Day::from_days(days).iso();
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(20_818), "2026-12-31");
        assert_eq!(day(20_819), "2027-01-01");
        assert_eq!(day(-1), "1969-12-31");
        assert_eq!(day(11_016), "2000-02-29");
        for days in [-800_000, -1, 0, 11_016, 20_818, 400_000] {
            assert_eq!(Day::from_days(days).days(), days);
        }
    }
}
