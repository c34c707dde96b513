//! What a figure measures, as far as the words before it tell: a target ("ditargetkan Rp 286
//! triliun", "sasaran 30 juta") or what was reached ("realisasinya Rp 238 triliun", "sudah 27
//! juta"); and whether a question asks for one or the other, or for money or a rate.
//!
//! A question for a realisation is not answered with a target, nor the other way round: news
//! gives both in one sentence ("ditargetkan Rp 286 triliun, dan realisasinya sejauh ini sudah Rp
//! 238 triliun"). The word lists are Indonesian vocabulary, written for this project.

use crate::language::figures::{Figure, FigureKind};
use crate::language::words;

/// What a figure measures, or a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// What is planned: a target.
    Target,
    /// What was reached: a realisation, a count so far.
    Reached,
    /// A whole: a total, a sum so far ("total dana bergulir"), which no increment is.
    Total,
    /// An increment: what was added ("tambahan Rp 10 triliun", "naik sebesar 5 persen").
    Increment,
}

impl Measure {
    /// Whether a figure measuring `figure` (if its words say) answers a question for this
    /// measure. A target is written as one ("target", "sasaran"), so a question for a target
    /// takes only those; what was reached often goes unmarked, so a question for it takes any
    /// figure but a target. An increment is marked as one ("tambahan"), so it answers only a
    /// question for an increment. A question for a whole ("total dana bergulir") takes any
    /// figure but a target or an increment of it. (Requiring a figure written as a sum so far,
    /// "berjumlah", lost "mencapai Rp 17,08 triliun sejak 2008".)
    pub fn answered_by(self, figure: Option<Measure>) -> bool {
        match self {
            Measure::Target => figure == Some(Measure::Target),
            Measure::Increment => figure == Some(Measure::Increment),
            Measure::Reached => figure != Some(Measure::Target),
            Measure::Total => !matches!(figure, Some(Measure::Target | Measure::Increment)),
        }
    }
}

/// Word beginnings that say a figure is a target ("target", "targetnya", "ditargetkan",
/// "sasaran", "dipatok", "membidik"), or an allocation ("alokasi", "pagu"): money planned, which
/// no realisation is.
const TARGET_WORDS: &[&str] = &[
    "target",
    "ditarget",
    "menarget",
    "sasaran",
    "dipatok",
    "mematok",
    "membidik",
    "dibidik",
    "bidik",
    "rencana",
    "direncanakan",
    "alokasi",
    "dialokasikan",
    "mengalokasikan",
    "pagu",
];

/// Word beginnings that make a figure a plan in a passage ("akan dibangun"); in a question they
/// say how it asks ("yang akan menerima"), not that it asks for a target.
const PLAN_WORDS: &[&str] = &["akan", "diharapkan"];

/// Word beginnings that say a figure was reached ("realisasinya", "tersalur", "sudah",
/// "jumlahnya").
const REACHED_WORDS: &[&str] = &[
    "realisasi",
    "terealisasi",
    "tersalur",
    "tercatat",
    "terdata",
    "sudah",
    "telah",
    "capaian",
    "tercapai",
    "kini",
    "jumlah",
    "berjumlah",
    "total",
    "akumulasi",
    "keseluruhan",
];

/// Words that say a figure right after them is an increment ("tambahan Rp 10 triliun",
/// "bertambah 3 juta", "kenaikan sebesar 5 persen"); only right before the figure, since
/// "naik menjadi Rp 100 juta" gives the level reached.
const INCREMENT_WORDS: &[&str] = &["tambahan", "bertambah", "kenaikan", "naik", "penambahan"];

/// Words between an increment word and its figure ("tambahan sebesar Rp 10 triliun").
const INCREMENT_LINKS: &[&str] = &["sebesar", "senilai", "sekitar"];

/// Words a question for a whole asks with ("total dana bergulir", "secara keseluruhan").
const TOTAL_WORDS: &[&str] = &["total", "keseluruhan", "seluruhnya", "akumulasi", "kumulatif"];

/// Words a question for money asks with: a figure in rupiah answers it, a count does not.
const MONEY_WORDS: &[&str] = &[
    "dana",
    "anggaran",
    "biaya",
    "modal",
    "pinjaman",
    "plafon",
    "nilai",
    "omzet",
    "belanja",
    "pembiayaan",
    "investasi",
    "kredit",
    "subsidi",
    "rupiah",
    "rp",
    "triliun",
    "miliar",
];

/// Words a question for a rate asks with: a share in percent answers it ("berapa bunga KUR"),
/// a count does not.
const RATE_WORDS: &[&str] =
    &["bunga", "persen", "persentase", "rasio", "porsi", "pangsa", "pertumbuhan", "inflasi", "margin", "tarif"];

/// Words and marks that end a clause: a measure word before one of them speaks of another figure.
const CLAUSE_BREAKS: &[&str] = &["dan", "sedangkan", "sementara", "namun", "tetapi", "lalu", "kemudian"];

fn opens_any(word: &str, beginnings: &[&str]) -> bool {
    beginnings.iter().any(|b| word.starts_with(b))
}

/// What `words` (lower-case) say is measured: a target word wins ("ditargetkan mencapai"), and
/// with `plans` a word of a plan counts as one.
fn measure_of<'w>(words: impl Iterator<Item = &'w str>, plans: bool) -> Option<Measure> {
    let mut found = None;
    for w in words {
        if opens_any(w, TARGET_WORDS) || (plans && opens_any(w, PLAN_WORDS)) {
            return Some(Measure::Target);
        }
        if opens_any(w, REACHED_WORDS) {
            found = Some(Measure::Reached);
        }
    }
    found
}

/// What a question asks for: a target, a whole, what was reached, or any of them. A target
/// word wins ("total target"). (A question's increment word is no measure asked: "agunan
/// tambahan" is a kind of collateral.)
pub fn asked(question_words: &[String]) -> Option<Measure> {
    let words = || question_words.iter().flat_map(|w| w.split(' '));
    match measure_of(words(), false) {
        Some(Measure::Target) => Some(Measure::Target),
        _ if words().any(|w| TOTAL_WORDS.contains(&w)) => Some(Measure::Total),
        found => found,
    }
}

/// Whether the words of a clause before a figure end in an increment word, but for what was
/// added ("mendapat tambahan anggaran Rp 10 triliun") or a link ("naik sebesar").
fn ends_in_increment(clause: &[String]) -> bool {
    let rest = clause.iter().rev().map(String::as_str).skip_while(|w| INCREMENT_LINKS.contains(w));
    let near: Vec<&str> = rest.take(INCREMENT_REACH).take_while(|w| !LEVEL_WORDS.contains(w)).collect();
    near.iter().any(|w| INCREMENT_WORDS.contains(w))
}

/// Words that give the level a figure reaches ("naik menjadi Rp 100 juta"), not an increment.
const LEVEL_WORDS: &[&str] = &["menjadi", "jadi", "ke", "hingga", "sampai", "mencapai"];

/// How many words before a figure (links aside) an increment word may stand: the word itself
/// and one for what was added ("tambahan anggaran"). Set by reading the articles' increments.
const INCREMENT_REACH: usize = 2;

/// The kind of quantity a question asks for, if its words say: money ("dana", "plafon") or a
/// rate ("bunga", "rasio"). A rate word wins: "bunga pinjaman" asks the rate of a loan.
pub fn quantity_asked(question_words: &[String]) -> Option<FigureKind> {
    let words = || question_words.iter().flat_map(|w| w.split(' '));
    if words().any(|w| RATE_WORDS.contains(&w)) {
        Some(FigureKind::Percent)
    } else if words().any(|w| MONEY_WORDS.contains(&w)) {
        Some(FigureKind::Money)
    } else {
        None
    }
}

/// The scale a question asks a figure in: the scale word right after "berapa" ("berapa juta?",
/// "berapa triliun"). A figure in another scale ("400 unit") answers something else.
pub fn scale_asked(question_words: &[String]) -> Option<String> {
    question_words
        .windows(2)
        .find(|p| p[0] == "berapa" && crate::language::figures::is_scale(&p[1]))
        .map(|p| p[1].clone())
}

/// What figure `f` of `text` measures, read from the words of its clause before it, or else
/// from the rest of its sentence up to the next amount ("lahirnya 25 koperasi modern, sesuai
/// target").
pub fn of_figure(text: &str, f: &Figure, figures: &[Figure]) -> Option<Measure> {
    let before = &text[..f.start];
    // A colon introduces figures with what it follows ("dipatok naik: 24 juta"), so it ends no
    // clause.
    let clause_start = before.rfind(['.', ',', ';', '(']).map_or(0, |i| i + 1);
    let clause: Vec<String> = words(&before[clause_start..]).map(|w| w.text.to_lowercase()).collect();
    let breaks_at = clause.iter().rposition(|w| CLAUSE_BREAKS.contains(&w.as_str()));
    let from = breaks_at.map_or(0, |i| i + 1);
    let said = measure_of(clause[from..].iter().map(String::as_str), true);
    if said != Some(Measure::Target) && ends_in_increment(&clause[from..]) {
        return Some(Measure::Increment);
    }
    said.or_else(|| {
        let after = &text[f.end..next_amount_start(figures, f).unwrap_or(text.len())];
        let rest: Vec<String> = words(&after[..sentence_end(after)]).map(|w| w.text.to_lowercase()).collect();
        measure_of(rest.iter().map(String::as_str), true)
    })
    .or_else(|| {
        // "dipatok naik: 24 juta pada 2023, lalu 30 juta pada 2024": a figure continuing a
        // list measures what the figure it follows measures.
        let continues = breaks_at.is_some_and(|i| CONTINUATIONS.contains(&clause[i].as_str()) && i + 1 == clause.len())
            || (clause.is_empty() && clause_start > 0);
        let start = sentence_start(before);
        let previous = figures.iter().rfind(|g| g.is_amount() && g.end <= clause_start && g.start >= start);
        previous.filter(|_| continues).and_then(|g| of_figure(text, g, figures))
    })
}

/// Clause breaks that continue a list rather than turn to something else ("lalu 30 juta").
const CONTINUATIONS: &[&str] = &["dan", "lalu", "kemudian"];

/// The year amount `f` belongs to, as its sentence binds it: a year right after it in its
/// clause ("24 juta UMKM pada 2023, lalu 30 juta pada 2024": 2023, then 2024), else the last
/// year between the amount before it (or the sentence's start) and it ("pada 2022 tercatat 9,1
/// juta"). `None` when no year is that close.
pub fn year_of_figure(text: &str, f: &Figure, figures: &[Figure]) -> Option<i32> {
    let year_in = |from: usize, to: usize| {
        figures.iter().filter(move |g| g.kind == FigureKind::Year && g.start >= from && g.end <= to)
    };
    let after = &text[f.end..next_amount_start(figures, f).unwrap_or(text.len())];
    let clause_end = f.end + after.find([',', ';', '(']).unwrap_or(after.len()).min(sentence_end(after));
    if let Some(year) = year_in(f.end, clause_end).next() {
        return Some(year.value as i32);
    }
    let prev_amount = figures.iter().filter(|g| g.is_amount() && g.end <= f.start).map(|g| g.end).max().unwrap_or(0);
    year_in(sentence_start(&text[..f.start]).max(prev_amount), f.start).next_back().map(|y| y.value as i32)
}

/// Where the first amount after `f` starts.
fn next_amount_start(figures: &[Figure], f: &Figure) -> Option<usize> {
    figures.iter().filter(|g| g.is_amount() && g.start >= f.end).map(|g| g.start).min()
}

/// Where the last sentence of `before` starts.
fn sentence_start(before: &str) -> usize {
    before.rfind(". ").map_or(0, |i| i + 2)
}

/// Where the first sentence of `text` ends.
fn sentence_end(text: &str) -> usize {
    text.find(". ").unwrap_or(text.len())
}

/// Whether figure `f` is the lower bound of a range ("Rp 0 hingga Rp 10 juta"): the upper bound
/// is the one a question for a limit asks for.
pub fn opens_a_range(text: &str, f: &Figure, figures: &[Figure]) -> bool {
    let after = text[f.end..].trim_start();
    let joiner = after
        .split_whitespace()
        .next()
        .filter(|w| crate::language::figures::RANGE_WORDS.contains(&w.to_lowercase().as_str()));
    joiner.is_some_and(|joiner| {
        // Where the next figure starts, past the joiner and its space.
        let next = text.len() - after.len() + joiner.len() + 1;
        figures.iter().any(|g| g.start >= f.end && g.start <= next + 3 && g.is_amount())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::figures::parse;

    fn measures(text: &str) -> Vec<(String, Option<Measure>)> {
        let fs = parse(text);
        fs.iter().filter(|f| f.is_amount()).map(|f| (f.text.clone(), of_figure(text, f, &fs))).collect()
    }

    #[test]
    fn a_figure_is_a_target_or_reached_by_the_words_of_its_clause() {
        let m = measures(
            "Tahun ini KUR ditargetkan tersalur Rp 286 triliun, dan realisasinya sejauh ini sudah Rp 238 triliun.",
        );
        assert_eq!(m[0].1, Some(Measure::Target), "{m:?}");
        assert_eq!(m[1].1, Some(Measure::Reached), "{m:?}");
        let m = measures("Sasaran go digital bagi 30 juta pelaku UMKM pada 2024.");
        assert_eq!(m[0].1, Some(Measure::Target));
        let m = measures("Sasaran itu dipatok naik: 24 juta UMKM pada 2023.");
        assert_eq!(m[0].1, Some(Measure::Target), "a colon ends no clause");
        let m = measures("Pada Maret, 22 juta UMKM bergabung.");
        assert_eq!(m[0].1, None);
        let m = measures("Tahun 2020 diharapkan menjadi tahun lahirnya 25 koperasi modern, sesuai target kementerian.");
        assert_eq!(m[0].1, Some(Measure::Target), "a target said after the figure");
        let m = measures("Alokasi KUR tahun 2025 disebut kurang lebih Rp300 triliun.");
        assert_eq!(m[0].1, Some(Measure::Target), "an allocation is planned, not reached: {m:?}");
    }

    #[test]
    fn a_question_asks_for_a_target_reached_money_or_a_rate() {
        let ws = |q: &str| q.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(asked(&ws("berapa realisasi kur terbaru")), Some(Measure::Reached));
        assert_eq!(asked(&ws("target kur 2024 berapa")), Some(Measure::Target));
        assert_eq!(asked(&ws("berapa umkm go digital")), None);
        assert_eq!(asked(&ws("berapa jumlah umkm go digital")), Some(Measure::Reached));
        assert_eq!(quantity_asked(&ws("total dana bergulir lpdb")), Some(FigureKind::Money));
        assert_eq!(quantity_asked(&ws("berapa umkm go digital")), None);
        assert_eq!(quantity_asked(&ws("berapa bunga pinjaman kur")), Some(FigureKind::Percent));
        assert_eq!(scale_asked(&ws("target umkm go digital berapa juta")).as_deref(), Some("juta"));
        assert_eq!(scale_asked(&ws("berapa target 30 juta umkm")), None);
    }

    #[test]
    fn the_lower_bound_of_a_range_opens_it() {
        let text = "plafonnya Rp 0 hingga Rp 10 juta per penerima";
        let fs = parse(text);
        assert!(opens_a_range(text, &fs[0], &fs), "{fs:?}");
        assert!(!opens_a_range(text, &fs[1], &fs));
    }

    #[test]
    fn a_figure_right_after_an_increment_word_is_what_was_added() {
        let m = measures("Kemenkop memperoleh tambahan anggaran Rp 10 triliun dari Presiden.");
        assert_eq!(m[0].1, Some(Measure::Increment), "{m:?}");
        let m = measures("Omzetnya naik sebesar 12 persen.");
        assert_eq!(m[0].1, Some(Measure::Increment), "{m:?}");
        let m = measures("Plafon KUR tanpa agunan naik menjadi Rp 100 juta.");
        assert_ne!(m[0].1, Some(Measure::Increment), "the level reached: {m:?}");
        let m = measures("Targetnya ditambah: tambahan 5 juta UMKM pada 2025.");
        assert_eq!(m[0].1, Some(Measure::Target), "a target word wins: {m:?}");
    }

    #[test]
    fn a_question_for_a_total_takes_no_increment_nor_target() {
        let ws = |q: &str| q.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(asked(&ws("total dana bergulir lpdb")), Some(Measure::Total));
        assert_eq!(asked(&ws("total target kur")), Some(Measure::Target));
        assert_eq!(asked(&ws("kur tanpa agunan tambahan")), None, "a kind of collateral, no measure");
        assert!(!Measure::Total.answered_by(Some(Measure::Increment)));
        assert!(!Measure::Total.answered_by(Some(Measure::Target)));
        assert!(Measure::Total.answered_by(None));
        assert!(Measure::Reached.answered_by(Some(Measure::Increment)), "unchanged: reached takes any but a target");
    }
}
