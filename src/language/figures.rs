//! Figures in Indonesian text: `21,4 juta data`, `1.500`, `Rp300 triliun`, `25 persen`,
//! `97 kabupaten/kota`, `tujuh lokasi`, `dua belas unit`.
//!
//! Indonesian writes `.` for thousands and `,` for decimals; scale words (`ribu`, `juta`,
//! `miliar`, `triliun`) and number words (`tujuh`, `dua belas`, `seratus`) are common in news.
//! A figure keeps its text exactly as written, so the reply can lead with it, plus its value and
//! unit for ranking. Years (`2024`) and dates (`6/2/2023`, `20 Agustus`) are told apart from
//! amounts because "berapa" asks for an amount, not a year.

use crate::language::{Word, calendar, words};

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// A count or amount, possibly with a unit.
    Amount,
    /// Money in rupiah (`Rp300 triliun`).
    Money,
    /// A share (`25 persen`, `25%`).
    Percent,
    /// A calendar year (`2024`).
    Year,
    /// A day of the month or a numeric date (`6 Februari`, `6/2/2023`).
    Date,
}

/// A figure found in text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Figure {
    /// The figure as written, qualifier and unit included: `lebih dari 100 mitra`.
    pub text: String,
    pub value: f64,
    pub unit: Option<String>,
    pub kind: FigureKind,
    /// Byte range of `text` in the source.
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
}

impl Figure {
    /// Whether the figure is an amount a "berapa" question can ask for (not a year or a date).
    pub fn is_amount(&self) -> bool {
        matches!(self.kind, FigureKind::Amount | FigureKind::Money | FigureKind::Percent)
    }

    /// Whether the figure is an amount of `value` (a program fact's declared value), to within
    /// float rounding of the parsed text.
    pub fn has_value(&self, value: f64) -> bool {
        self.is_amount() && (self.value - value).abs() < 1e-6 * value.abs().max(1.0)
    }
}

/// Whether `word` names a month ([`calendar::month_number`]).
pub fn is_month(word: &str) -> bool {
    calendar::month_number(word).is_some()
}

/// Words that never serve as a unit after a number.
const NOT_UNITS: &[&str] = &[
    "adalah",
    "akan",
    "antara",
    "atas",
    "atau",
    "bagi",
    "dalam",
    "dan",
    "dari",
    "dengan",
    "di",
    "hingga",
    "ini",
    "itu",
    "ke",
    "kali",
    "kepada",
    "lalu",
    "lebih",
    "lewat",
    "maupun",
    "melalui",
    "menjadi",
    "namun",
    "oleh",
    "pada",
    "per",
    "sampai",
    "sebanyak",
    "sedangkan",
    "sejak",
    "sementara",
    "serta",
    "tahun",
    "telah",
    "terhadap",
    "tersebut",
    "untuk",
    "yang",
    "yaitu",
];

/// Units of two words, by their first word.
const COMPOUND_UNITS: &[(&str, &str)] = &[("kerja", "sama"), ("usaha", "mikro"), ("pelaku", "usaha")];

fn digit_value(word: &str) -> Option<u64> {
    Some(match word {
        "satu" | "se" => 1,
        "dua" => 2,
        "tiga" => 3,
        "empat" => 4,
        "lima" => 5,
        "enam" => 6,
        "tujuh" => 7,
        "delapan" => 8,
        "sembilan" => 9,
        _ => return None,
    })
}

/// Words joining two figures into a range or two years into one period ("Rp 0 hingga Rp 10
/// juta", "2008 sampai 2023", "2020 - 2024").
pub const RANGE_WORDS: &[&str] = &["sampai", "hingga", "sd", "s.d", "s.d.", "s/d", "-", "–"];

/// Whether `word` (lower-case) is an ordinal: "kelima", "keempat", "kesepuluh", "ke-5".
pub fn is_ordinal(word: &str) -> bool {
    let Some(rest) = word.strip_prefix("ke") else { return false };
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    digit_value(rest).is_some_and(|n| n > 1)
        || matches!(rest, "sepuluh" | "seratus")
        || (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `word` (lower-case) is a scale word of figures ("juta", "triliun").
pub fn is_scale(word: &str) -> bool {
    word.len() > 2 && scale_value(word).is_some()
}

fn scale_value(word: &str) -> Option<f64> {
    Some(match word {
        "ribu" | "rb" => 1e3,
        "juta" | "jt" => 1e6,
        "miliar" | "milyar" | "m" => 1e9,
        "triliun" | "t" => 1e12,
        _ => return None,
    })
}

/// Parses `21,4`, `1.500`, `2.5`, `300` as written in Indonesian.
fn parse_numeral(s: &str) -> Option<f64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return None;
    }
    if !s.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let (int_part, frac) = match s.rsplit_once(',') {
        Some((i, f)) if !f.contains('.') => (i, Some(f)),
        Some(_) => return None,
        None => (s, None),
    };
    // Dots are thousands separators only when every group after the first has three digits;
    // otherwise (`2.5`) the writer meant a decimal point.
    let groups: Vec<&str> = int_part.split('.').collect();
    let integer: String = if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        groups.concat()
    } else if groups.len() == 2 && frac.is_none() {
        return format!("{}.{}", groups[0], groups[1]).parse().ok();
    } else if groups.len() == 1 {
        int_part.to_string()
    } else {
        return None;
    };
    let text = match frac {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => format!("{integer}.{f}"),
        Some(_) => return None,
        None => integer,
    };
    text.parse().ok()
}

/// Reads number words (`dua belas`, `seratus dua puluh lima`) starting at `words[i]`.
/// Returns the value and how many words it used.
fn parse_number_words(words: &[String], i: usize) -> Option<(u64, usize)> {
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut used = 0;
    let mut any = false;
    while let Some(w) = words.get(i + used) {
        let w = w.as_str();
        let next = words.get(i + used + 1).map(String::as_str);
        let (value, step) = match (w, next) {
            ("sepuluh", _) => (10, 1),
            ("sebelas", _) => (11, 1),
            ("seratus", _) => (100, 1),
            ("seribu", _) => {
                total += current.max(1) * 1000;
                current = 0;
                used += 1;
                any = true;
                continue;
            }
            (d, Some("belas")) if digit_value(d).is_some() => (10 + digit_value(d)?, 2),
            (d, Some("puluh")) if digit_value(d).is_some() => (10 * digit_value(d)?, 2),
            (d, Some("ratus")) if digit_value(d).is_some() => (100 * digit_value(d)?, 2),
            (d, _) if d != "se" && digit_value(d).is_some() => (digit_value(d)?, 1),
            _ => break,
        };
        // "dua puluh lima": a smaller part adds to the larger before it; "lima dua" is two figures.
        if any && current != 0 && value >= smallest_unit(current) {
            break;
        }
        current += value;
        used += step;
        any = true;
    }
    any.then_some((total + current, used))
}

fn smallest_unit(n: u64) -> u64 {
    if n.is_multiple_of(100) {
        100
    } else if n.is_multiple_of(10) {
        10
    } else {
        1
    }
}

/// Finds every figure in `text`.
pub fn parse(text: &str) -> Vec<Figure> {
    let t = Words::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.ws.len() {
        let Some(number) = t.number_at(i) else {
            i += 1;
            continue;
        };
        let (figure, next) = t.slashed_date(&number).unwrap_or_else(|| t.figure_from(&number));
        out.push(figure);
        i = next;
    }
    out
}

/// Words a counted amount follows ("sebanyak 2024 unit"), so that it is not read as a year.
const COUNT_WORDS: &[&str] = &["sebanyak", "sejumlah", "total"];

/// A text's words, as written and lower-cased, which the figure readers walk.
struct Words<'t> {
    text: &'t str,
    ws: Vec<Word<'t>>,
    lower: Vec<String>,
}

/// A number read at word `at`: its value, the words it took, and how it was written.
struct Number {
    at: usize,
    used: usize,
    value: f64,
    /// Written with `Rp`.
    money: bool,
    /// Written in digits, not words.
    from_digits: bool,
}

/// A figure being read: the byte range so far and the word after it.
struct Reading {
    start: usize,
    end: usize,
    next: usize,
    value: f64,
    kind: FigureKind,
    unit: Option<String>,
    /// Multiplied by a scale word (`juta`).
    scaled: bool,
}

impl<'t> Words<'t> {
    fn new(text: &'t str) -> Words<'t> {
        let ws: Vec<Word<'t>> = words(text).collect();
        let lower = ws.iter().map(|w| w.text.to_lowercase()).collect();
        Words { text, ws, lower }
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.lower.get(i).is_some_and(|w| w == word)
    }

    /// The number starting at word `i`: `Rp300`, `Rp 300`, `21,4`, `dua belas`.
    fn number_at(&self, i: usize) -> Option<Number> {
        if self.names_or_orders(i) {
            return None;
        }
        let w = &self.lower[i];
        let digits = |value: f64, used: usize, money: bool| Number { at: i, used, value, money, from_digits: true };
        if let Some(rest) = w.strip_prefix("rp") {
            // "Rp300" is one word; "Rp 300" / "Rp. 300" are two.
            if let Some(v) = parse_numeral(rest) {
                return Some(digits(v, 1, true));
            }
            let v = self.lower.get(i + 1).filter(|_| rest.is_empty()).and_then(|n| parse_numeral(n))?;
            return Some(digits(v, 2, true));
        }
        if let Some(v) = parse_numeral(w) {
            return Some(digits(v, 1, false));
        }
        let (v, used) = parse_number_words(&self.lower, i)?;
        // "salah satu" means "one of", not the figure one.
        if i > 0 && self.is(i - 1, "salah") {
            return None;
        }
        Some(Number { at: i, used, value: v as f64, money: false, from_digits: false })
    }

    /// Whether the number at word `i` names or orders rather than counts: "Nomor 15", "No. 5",
    /// "ke-74" (an ordinal, written with a hyphen).
    fn names_or_orders(&self, i: usize) -> bool {
        let Some(before) = i.checked_sub(1) else { return false };
        let between = &self.text[self.ws[before].end..self.ws[i].start];
        self.is(before, "nomor") || self.is(before, "no") || (self.is(before, "ke") && between == "-")
    }

    /// A number followed by a slash is a date ("6/2/2023"); wire copy often puts a space after
    /// the slash ("Kamis (8/ 9)"). Money before a slash is a rate ("Rp50.000/bulan").
    /// Returns the date and the word after it.
    fn slashed_date(&self, n: &Number) -> Option<(Figure, usize)> {
        let text = self.text;
        let start = self.ws[n.at].start;
        let end = self.ws[n.at + n.used - 1].end;
        let j = n.at + n.used;
        let after_slash = |w: &Word<'_>| {
            let before = &text[..w.start];
            before.ends_with('/') || (before.ends_with("/ ") && w.text.bytes().all(|b| b.is_ascii_digit()))
        };
        let slashed = n.from_digits
            && !n.money
            && text[end..].starts_with('/')
            && self.ws.get(j).is_some_and(|w| after_slash(w) && w.start <= end + 2);
        if !slashed {
            return None;
        }
        let mut k = j;
        while self.ws.get(k).is_some_and(after_slash) && k < j + 2 {
            k += 1;
        }
        let end = self.ws[k - 1].end;
        let date = Figure {
            text: text[start..end].to_string(),
            value: n.value,
            unit: None,
            kind: FigureKind::Date,
            start,
            end,
        };
        Some((date, k))
    }

    /// The figure that number `n` opens: scale, unit (or percent, or month), year, qualifier.
    /// Returns it and the word after it.
    fn figure_from(&self, n: &Number) -> (Figure, usize) {
        let mut r = Reading {
            start: self.ws[n.at].start,
            end: self.ws[n.at + n.used - 1].end,
            next: n.at + n.used,
            value: n.value,
            kind: if n.money { FigureKind::Money } else { FigureKind::Amount },
            unit: None,
            scaled: false,
        };
        self.read_scale(&mut r, n.money);
        self.read_unit(&mut r, n.money);
        self.read_year(&mut r, n);
        self.read_qualifier(&mut r, n.at);
        let figure = Figure {
            text: self.text[r.start..r.end].to_string(),
            value: r.value,
            unit: r.unit,
            kind: r.kind,
            start: r.start,
            end: r.end,
        };
        (figure, r.next.max(n.at + n.used))
    }

    /// A scale word after the number multiplies it: "21,4 juta".
    fn read_scale(&self, r: &mut Reading, money: bool) {
        let j = r.next;
        let Some(scale) = self.lower.get(j).and_then(|w| scale_value(w)) else { return };
        // A bare "m" or "t" is a scale only after money ("Rp5 T"); elsewhere it is a word.
        if self.lower[j].len() > 1 || money {
            r.value *= scale;
            r.end = self.ws[j].end;
            r.next += 1;
            r.scaled = true;
        }
    }

    /// What the number counts, right after it: `%` or `persen`, a month (a date: "20 Agustus
    /// 1975"), or a unit ("97 kabupaten/kota", "45 kerja sama").
    fn read_unit(&self, r: &mut Reading, money: bool) {
        if self.text[r.end..].starts_with('%') {
            r.end += 1;
            r.kind = FigureKind::Percent;
            r.unit = Some("persen".to_string());
            return;
        }
        let j = r.next;
        let Some(next) = self.lower.get(j) else { return };
        let gap = &self.text[r.end..self.ws[j].start];
        if gap.is_empty() || !gap.chars().all(|c| c == ' ') {
            return;
        }
        if next == "persen" || next == "%" {
            r.kind = FigureKind::Percent;
            r.unit = Some("persen".to_string());
            r.end = self.ws[j].end;
        } else if is_month(next) && !r.scaled && !money && r.value < 32.0 {
            r.kind = FigureKind::Date;
            r.end = self.ws[j].end;
            r.next += 1;
            // Take the year too: "20 Agustus 1975".
            if let Some(y) = self.lower.get(j + 1).and_then(|y| parse_numeral(y))
                && (1000.0..3000.0).contains(&y)
            {
                r.end = self.ws[j + 1].end;
                r.next += 1;
            }
        } else if !money && is_unit(next, &self.ws[j]) {
            // A sum of rupiah counts rupiah: "Rp 10 triliun seusai rapat" has no unit "seusai".
            let (unit, next_word) = self.unit_at(j);
            r.end = self.ws[next_word - 1].end;
            r.unit = Some(unit);
            r.next = next_word;
        }
    }

    /// The unit starting at word `j`, with the word after it. A unit joined by a slash or a
    /// hyphen is one unit ("kabupaten/kota", "PLUT-KUMKM"); some units are two words.
    fn unit_at(&self, mut j: usize) -> (String, usize) {
        let mut unit = self.lower[j].clone();
        let end = self.ws[j].end;
        if (self.text[end..].starts_with('/') || self.text[end..].starts_with('-'))
            && let Some(joined) = self.ws.get(j + 1)
            && joined.start == end + 1
        {
            unit = self.text[self.ws[j].start..joined.end].to_lowercase();
            j += 1;
        }
        if let Some(second) = COMPOUND_UNITS.iter().find(|(first, _)| *first == unit).map(|(_, b)| *b)
            && self.is(j + 1, second)
        {
            unit = format!("{unit} {second}");
            j += 1;
        }
        (unit, j + 1)
    }

    /// A bare four-digit number in [`YEARS`] is a year, whatever word follows ("2024
    /// targetnya"), unless it is counted ("sebanyak 2024") or written with separators.
    fn read_year(&self, r: &mut Reading, n: &Number) {
        let counted = n.at >= 1 && COUNT_WORDS.contains(&self.lower[n.at - 1].as_str());
        if r.kind == FigureKind::Amount
            && !counted
            && !r.scaled
            && n.from_digits
            && r.value.fract() == 0.0
            && calendar::YEARS.contains(&(r.value as i32))
            && !self.ws[n.at].text.contains(['.', ','])
        {
            r.kind = FigureKind::Year;
            r.unit = None;
            r.end = self.ws[n.at].end;
            r.next = n.at + 1;
        }
    }

    /// Words before the number that change its meaning belong to it ("lebih dari 100 mitra",
    /// "sekitar 300"); a month before a year makes a date ("Maret 2021").
    fn read_qualifier(&self, r: &mut Reading, i: usize) {
        if r.kind == FigureKind::Year && i >= 1 && is_month(&self.lower[i - 1]) {
            r.kind = FigureKind::Date;
            r.start = self.ws[i - 1].start;
        }
        for [first, second] in [["lebih", "dari"], ["kurang", "dari"]] {
            if i >= 2 && self.is(i - 2, first) && self.is(i - 1, second) {
                r.start = self.ws[i - 2].start;
            }
        }
        if i >= 1 && (self.is(i - 1, "sekitar") || self.is(i - 1, "hampir")) {
            r.start = self.ws[i - 1].start;
        }
    }
}

fn is_unit(lower: &str, word: &Word<'_>) -> bool {
    // Capitalised words after a number are usually a name or a new sentence, not a unit; an
    // acronym ("63 PLUT") is a unit.
    let acronym = word.text.len() >= 2 && word.text.chars().all(|c| c.is_ascii_uppercase());
    (acronym || word.text.chars().next().is_some_and(char::is_lowercase))
        && !crate::language::words::is_stopword(lower)
        && lower.chars().all(char::is_alphabetic)
        && lower.len() >= 2
        && !NOT_UNITS.contains(&lower)
        && digit_value(lower).is_none()
        && scale_value(lower).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        parse(s).into_iter().map(|f| f.text).collect()
    }

    fn one(s: &str) -> Figure {
        let f = parse(s);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        f.into_iter().next().unwrap()
    }

    #[test]
    fn ordinals_and_numbers_that_name_are_no_figures() {
        assert!(parse("Hari Koperasi Nasional ke-74").is_empty());
        assert!(parse("Permenko Nomor 15 Tahun 2020").iter().all(|f| f.kind == FigureKind::Year));
        assert_eq!(parse("ke 74 peserta").len(), 1, "a count after a spaced \"ke\"");
    }

    #[test]
    fn decimal_comma_and_scale_word() {
        let f = one("dengan target 21,4 juta data");
        assert_eq!(f.text, "21,4 juta data");
        assert_eq!(f.value, 21_400_000.0);
        assert_eq!(f.unit.as_deref(), Some("data"));
        assert_eq!(f.kind, FigureKind::Amount);
    }

    #[test]
    fn dot_is_a_thousands_separator() {
        assert_eq!(one("sebanyak 1.500 pelaku").value, 1500.0);
        assert_eq!(one("ada 2.000.000 orang").value, 2_000_000.0);
    }

    #[test]
    fn rupiah_with_scale() {
        let f = one("plafon Rp300 triliun.");
        assert_eq!(f.text, "Rp300 triliun");
        assert_eq!(f.value, 3e14);
        assert_eq!(f.kind, FigureKind::Money);
        assert_eq!(one("Rp 1,5 juta").value, 1_500_000.0);
    }

    #[test]
    fn percent_written_both_ways() {
        let f = one("bunga 25 persen");
        assert_eq!((f.kind, f.value, f.text.as_str()), (FigureKind::Percent, 25.0, "25 persen"));
        assert_eq!(one("naik 6% tahun ini").text, "6%");
    }

    #[test]
    fn a_sum_of_rupiah_takes_no_word_after_it_as_unit() {
        let f = one("mendapat Rp 10 triliun seusai rapat");
        assert_eq!((f.text.as_str(), f.unit), ("Rp 10 triliun", None));
    }

    #[test]
    fn slashed_unit_is_one_unit() {
        let f = one("dilaksanakan di 97 kabupaten/kota, layanan");
        assert_eq!(f.text, "97 kabupaten/kota");
        assert_eq!(f.unit.as_deref(), Some("kabupaten/kota"));
    }

    #[test]
    fn ordinals_are_told_from_other_ke_words() {
        for w in ["kedua", "kelima", "kesepuluh", "ke-5", "ke74"] {
            assert!(is_ordinal(w), "{w}");
        }
        for w in ["ke", "kesatu", "kelas", "kerja", "ke-"] {
            assert!(!is_ordinal(w), "{w}");
        }
    }

    #[test]
    fn number_words() {
        let f = one("dengan target tujuh lokasi");
        assert_eq!((f.text.as_str(), f.value), ("tujuh lokasi", 7.0));
        assert_eq!(one("sepuluh unit").value, 10.0);
        assert_eq!(one("dua belas koperasi").value, 12.0);
        assert_eq!(one("dua puluh lima desa").value, 25.0);
        assert_eq!(one("seratus dua puluh lima desa").value, 125.0);
        assert_eq!(one("tiga ratus ribu pelaku").value, 300_000.0);
    }

    #[test]
    fn acronym_units_and_stopwords_after_numbers() {
        assert_eq!(one("redesain 63 PLUT-KUMKM.").text, "63 PLUT-KUMKM");
        let f = one("Sepanjang 2023 saja, ada program");
        assert_eq!((f.text.as_str(), f.kind), ("2023", FigureKind::Year));
    }

    #[test]
    fn salah_satu_is_not_a_figure() {
        assert!(parse("salah satu program").is_empty());
    }

    #[test]
    fn qualifier_belongs_to_the_figure() {
        assert_eq!(texts("dengan lebih dari 100 mitra kerja sama"), ["lebih dari 100 mitra"]);
    }

    #[test]
    fn years_and_dates_are_not_amounts() {
        let f = parse("sejak Maret 2021 sampai Desember 2023, Selasa (6/2/2023) dan 20 Agustus 1975");
        let kinds: Vec<_> = f.iter().map(|f| (f.text.as_str(), f.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("Maret 2021", FigureKind::Date),
                ("Desember 2023", FigureKind::Date),
                ("6/2/2023", FigureKind::Date),
                ("20 Agustus 1975", FigureKind::Date),
            ]
        );
        assert!(f.iter().all(|f| !f.is_amount()));
        // Money before a slash is a rate, not a date.
        let f = one("iuran Rp50.000/bulan");
        assert!(f.is_amount() && f.kind != FigureKind::Date, "{f:?}");
        // Wire copy puts a space after the slash; that is still a date, not the amount 8.
        let f = one("diumumkan Kamis (8/ 9) di Bangkok");
        assert_eq!((f.text.as_str(), f.kind), ("8/ 9", FigureKind::Date));
    }

    #[test]
    fn several_figures_in_one_sentence() {
        assert_eq!(
            texts("memfasilitasi sebanyak 45 kerja sama yang melibatkan 44 stakeholder"),
            ["45 kerja sama", "44 stakeholder"]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            "Rp",
            "Rp.",
            "1,",
            ",5",
            "1..2",
            "1.2.3,4,5",
            "🙂 7 🙂",
            "/6/",
            "6/",
            "6/ ",
            "6/ x",
            "6/ /7",
            "seribu",
            "se",
            "%",
        ] {
            let _ = parse(s);
        }
    }
}
