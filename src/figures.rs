//! Figures in Indonesian text: `21,4 juta data`, `1.500`, `Rp300 triliun`, `25 persen`,
//! `97 kabupaten/kota`, `tujuh lokasi`, `dua belas unit`.
//!
//! Indonesian writes `.` for thousands and `,` for decimals; scale words (`ribu`, `juta`,
//! `miliar`, `triliun`) and number words (`tujuh`, `dua belas`, `seratus`) are common in news.
//! A figure keeps its text exactly as written, so the reply can lead with it, plus its value and
//! unit for ranking. Years (`2024`) and dates (`6/2/2023`, `20 Agustus`) are told apart from
//! amounts because "berapa" asks for an amount, not a year.

use crate::language::{Word, words};

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
}

const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "agu",
    "agt",
    "sep",
    "okt",
    "nov",
    "des",
];

/// Whether `word` (lower-case) names a month.
pub fn is_month(word: &str) -> bool {
    MONTHS.contains(&word)
}

/// Words that never serve as a unit after a number.
const NOT_UNITS: &[&str] = &[
    "adalah", "akan", "atau", "bagi", "dalam", "dan", "dari", "dengan", "di", "hingga", "ini", "itu", "ke", "kali",
    "lalu", "lebih", "maupun", "menjadi", "oleh", "pada", "per", "sampai", "sebanyak", "sejak", "serta", "tahun",
    "telah", "tersebut", "untuk", "yang", "yaitu",
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
    let ws: Vec<Word<'_>> = words(text).collect();
    let lower: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let w = &lower[i];
        let mut money = false;
        let mut value: Option<f64> = None;
        let mut used = 1;
        let mut from_digits = false;
        if let Some(rest) = w.strip_prefix("rp") {
            // "Rp300" is one word; "Rp 300" / "Rp. 300" are two.
            if let Some(v) = parse_numeral(rest) {
                value = Some(v);
                money = true;
                from_digits = true;
            } else if rest.is_empty()
                && let Some(v) = lower.get(i + 1).and_then(|n| parse_numeral(n))
            {
                value = Some(v);
                money = true;
                from_digits = true;
                used = 2;
            }
        } else if let Some(v) = parse_numeral(w) {
            value = Some(v);
            from_digits = true;
        } else if let Some((v, n)) = parse_number_words(&lower, i) {
            if i > 0 && lower[i - 1] == "salah" {
                // "salah satu" means "one of", not the figure one.
                i += 1;
                continue;
            }
            value = Some(v as f64);
            used = n;
        }
        let Some(mut value) = value else {
            i += 1;
            continue;
        };
        let start = ws[i].start;
        let mut end = ws[i + used - 1].end;
        let mut j = i + used;

        // A slash right after the number ("6/2/2023") makes it a date. News wire copy often has
        // a space after the slash ("Kamis (8/ 9)").
        let after_slash = |n: &Word<'_>| {
            let before = &text[..n.start];
            before.ends_with('/') || (before.ends_with("/ ") && n.text.bytes().all(|b| b.is_ascii_digit()))
        };
        // Not after money: "Rp50.000/bulan" is a rate.
        if from_digits
            && !money
            && text[end..].starts_with('/')
            && ws.get(j).is_some_and(|n| after_slash(n) && n.start <= end + 2)
        {
            let mut k = j;
            while ws.get(k).is_some_and(after_slash) && k < j + 2 {
                k += 1;
            }
            let end = ws[k - 1].end;
            out.push(Figure {
                text: text[start..end].to_string(),
                value,
                unit: None,
                kind: FigureKind::Date,
                start,
                end,
            });
            i = k;
            continue;
        }

        let mut scaled = false;
        if let Some(s) = lower.get(j).and_then(|n| scale_value(n)) {
            // A bare "m" or "t" is a scale only right after digits ("Rp5 T"); elsewhere it is a word.
            if lower[j].len() > 1 || money {
                value *= s;
                end = ws[j].end;
                j += 1;
                scaled = true;
            }
        }

        let mut kind = if money { FigureKind::Money } else { FigureKind::Amount };
        let mut unit = None;
        if text[end..].starts_with('%') {
            end += 1;
            kind = FigureKind::Percent;
            unit = Some("persen".to_string());
        } else if let Some(next) = lower.get(j) {
            let gap = &text[end..ws[j].start];
            let adjacent = gap.chars().all(|c| c == ' ') && !gap.is_empty();
            if adjacent && (next == "persen" || next == "%") {
                kind = FigureKind::Percent;
                unit = Some("persen".to_string());
                end = ws[j].end;
            } else if adjacent && is_month(next) && !scaled && !money && value < 32.0 {
                kind = FigureKind::Date;
                end = ws[j].end;
                // Take the year too: "20 Agustus 1975".
                if let Some(y) = lower.get(j + 1).and_then(|y| parse_numeral(y))
                    && (1000.0..3000.0).contains(&y)
                {
                    end = ws[j + 1].end;
                    j += 1;
                }
                j += 1;
            } else if adjacent && is_unit(next, &ws[j]) {
                let mut uend = ws[j].end;
                let mut unit_text = next.clone();
                // "kabupaten/kota", "PLUT-KUMKM": a unit joined by a slash or hyphen is one unit.
                if (text[uend..].starts_with('/') || text[uend..].starts_with('-'))
                    && let Some(n2) = ws.get(j + 1)
                    && n2.start == uend + 1
                {
                    unit_text = text[ws[j].start..n2.end].to_lowercase();
                    uend = n2.end;
                    j += 1;
                }
                // Two-word units: "45 kerja sama", "3 usaha mikro".
                if let Some(second) = COMPOUND_UNITS.iter().find(|(a, _)| *a == unit_text).map(|(_, b)| *b)
                    && lower.get(j + 1).is_some_and(|n| n == second)
                {
                    unit_text = format!("{unit_text} {second}");
                    uend = ws[j + 1].end;
                    j += 1;
                }
                unit = Some(unit_text);
                end = uend;
                j += 1;
            }
        }
        let counted = i >= 1 && matches!(lower[i - 1].as_str(), "sebanyak" | "sejumlah" | "total");
        if kind == FigureKind::Amount
            && !counted
            && !scaled
            && from_digits
            && value.fract() == 0.0
            && (1900.0..=2100.0).contains(&value)
            && !ws[i].text.contains(['.', ','])
        {
            // "2024 targetnya": a year, whatever word follows.
            kind = FigureKind::Year;
            unit = None;
            end = ws[i].end;
            j = i + 1;
        }

        // Qualifiers that change the meaning of the figure belong to it; a month before a year
        // makes a date ("Maret 2021").
        let mut start = start;
        if kind == FigureKind::Year && i >= 1 && is_month(&lower[i - 1]) {
            kind = FigureKind::Date;
            start = ws[i - 1].start;
        }
        for q in [["lebih", "dari"], ["kurang", "dari"]] {
            if i >= 2 && lower[i - 2] == q[0] && lower[i - 1] == q[1] {
                start = ws[i - 2].start;
            }
        }
        if i >= 1 && matches!(lower[i - 1].as_str(), "sekitar" | "hampir") {
            start = ws[i - 1].start;
        }

        out.push(Figure { text: text[start..end].to_string(), value, unit, kind, start, end });
        i = j.max(i + used);
    }
    out
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
    fn slashed_unit_is_one_unit() {
        let f = one("dilaksanakan di 97 kabupaten/kota, layanan");
        assert_eq!(f.text, "97 kabupaten/kota");
        assert_eq!(f.unit.as_deref(), Some("kabupaten/kota"));
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
