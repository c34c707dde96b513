//! Relative years: "tahun ini", "thn lalu", "tahun depan" (and "this year", "last year", "next
//! year") read against today's date, so "target RPB tahun ini" searches for this year's figure.

use super::intent::QuestionWords;
use crate::index::period::{AFTER_TAHUN, BEFORE_YEAR, Day};

/// A relative year in a question: the calendar year it means and the word positions it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelativeYear {
    pub year: i32,
    /// Positions of its words in the question ("tahun" and "ini").
    pub first: usize,
    pub last: usize,
}

/// The relative year in `words`, if any, resolved against `this_year`. "5 tahun lalu" (five
/// years ago) is not "last year", and is left alone.
pub fn find(words: &QuestionWords, this_year: i32) -> Option<RelativeYear> {
    let ws = words.as_typed();
    let counted = |i: usize| {
        i.checked_sub(1).and_then(|p| ws.get(p)).is_some_and(|w| {
            w.bytes().all(|b| b.is_ascii_digit()) || crate::figures::parse(w).iter().any(|f| f.is_amount())
        })
    };
    ws.windows(2).enumerate().filter(|&(i, _)| !counted(i)).find_map(|(i, pair)| {
        let offset = match (pair[0].as_str(), pair[1].as_str()) {
            ("tahun", w) => AFTER_TAHUN.iter().find(|(after, _)| *after == w)?.1,
            (w, "year") => BEFORE_YEAR.iter().find(|(before, _)| *before == w)?.1,
            _ => return None,
        };
        Some(RelativeYear { year: this_year + offset, first: i, last: i + 1 })
    })
}

/// Western Indonesian Time (WIB, UTC+7), where "tahun ini" turns on 1 January. (Central and
/// Eastern Indonesia turn one and two hours earlier; a year's first hours are the only ones
/// where it matters.)
const WIB_OFFSET_SECS: u64 = 7 * 3600;

/// Today in Western Indonesian Time, from the system clock.
pub fn today() -> Day {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Day::from_days(((secs + WIB_OFFSET_SECS) / 86_400) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Analyzer;

    fn year(q: &str) -> Option<i32> {
        find(&QuestionWords::new(&Analyzer::new(), q), 2026).map(|r| r.year)
    }

    #[test]
    fn relative_years_resolve_against_this_year() {
        assert_eq!(year("target RPB tahun ini"), Some(2026));
        assert_eq!(year("brp target thn ini?"), Some(2026));
        assert_eq!(year("kerja sama tahun lalu"), Some(2025));
        assert_eq!(year("rencana tahun depan"), Some(2027));
        assert_eq!(year("targets for this year"), Some(2026));
        assert_eq!(year("target tahun 2024"), None);
        assert_eq!(year("ini tahun"), None);
        assert_eq!(year("5 tahun lalu"), None, "five years ago");
        assert_eq!(year("dua tahun lalu"), None);
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
