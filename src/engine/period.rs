//! Relative years: "tahun ini", "thn lalu", "tahun depan" (and "this year", "last year", "next
//! year") read against today's date, so "target RPB tahun ini" searches for this year's figure.

use super::intent::QuestionWords;
use crate::index::period::{AFTER_TAHUN, BEFORE_YEAR};

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
            w.bytes().all(|b| b.is_ascii_digit()) || crate::language::figures::parse(w).iter().any(|f| f.is_amount())
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
}
