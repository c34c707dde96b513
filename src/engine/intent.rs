//! What kind of answer a question asks for, and whether a passage carries one.

use crate::answer::Intent;
use crate::language::figures::{Figure, FigureKind, is_month};
use crate::language::words::{Asks, question_word};
use crate::language::{Analyzer, Token, number_term, words};

/// The question's words as typed, each lower-cased with its shorthand expanded ("dmn" becomes
/// "di mana") and numbers written as they are searched ("1.500" becomes "1500"). Entry `i` is the
/// word at token position `i`. The engine reads the question's words through this one list.
#[derive(Debug, Clone)]
pub struct QuestionWords(Vec<String>);

impl QuestionWords {
    pub fn new(analyzer: &Analyzer, question: &str) -> QuestionWords {
        QuestionWords(words(question).map(|w| number_term(&analyzer.normalize(w.text))).collect())
    }

    /// One entry per word as typed, aligned with token positions.
    pub fn as_typed(&self) -> &[String] {
        &self.0
    }

    /// Every single word, expansions split ("di", "mana").
    fn split(&self) -> Vec<&str> {
        self.0.iter().flat_map(|w| w.split(' ')).collect()
    }
}

/// Reads the intent from the question's words.
pub fn detect(question: &QuestionWords) -> Intent {
    let ws = question.split();
    let has = |w: &str| ws.contains(&w);
    // "tanggal berapa" asks for a date, "per bulan berapa" or "tahun berapa persen" for an amount.
    let asks_time = (0..ws.len().saturating_sub(1)).any(|i| {
        TIME_NOUNS.contains(&ws[i])
            && matches!(ws[i + 1], "berapa" | "berapakah" | "apa" | "apakah")
            && !i.checked_sub(1).is_some_and(|b| matches!(ws[b], "per" | "tiap" | "setiap"))
            && !ws.get(i + 2).is_some_and(|a| matches!(*a, "persen" | "kali" | "rupiah"))
    });
    let asks = |what: Asks| asks(question, what);
    if asks(Asks::Time) || asks_time {
        return Intent::Date;
    }
    if asks(Asks::Person) {
        return Intent::Person;
    }
    let place_noun = |w: &str| PLACE_NOUNS.contains(&w);
    // "di mana", "ke mana", "dari mana"; but "dari apa" asks what something is made of.
    let asks_place = ws
        .windows(2)
        .any(|p| (place_noun(p[0]) || p[0] == "di") && matches!(p[1], "mana" | "manakah" | "apa" | "apakah"))
        || ws.windows(2).any(|p| matches!(p[0], "ke" | "dari") && matches!(p[1], "mana" | "manakah"))
        || ws.windows(2).any(|p| matches!(p[0], "mana" | "manakah") && place_noun(p[1]));
    if ["dimana", "dimanakah", "kemana", "kemanakah", "darimana", "darimanakah"].iter().any(|w| has(w)) || asks_place {
        return Intent::Place;
    }
    // "mengapa banyak koperasi …" asks why, not how many; "berapa" still asks a figure.
    let amount_words: &[&str] = if asks(Asks::Reason) {
        &["berapa", "berapakah"]
    } else {
        &["berapa", "berapakah", "jumlah", "jumlahnya", "banyak", "banyaknya", "total", "target"]
    };
    if amount_words.iter().any(|w| has(w)) {
        return Intent::Amount;
    }
    Intent::General
}

/// Whether one of the question's words asks `what` ("mengapa" asks a reason).
pub fn asks(question: &QuestionWords, what: Asks) -> bool {
    question.split().iter().any(|w| question_word(w) == Some(what))
}

/// Whether `w` (normalised) is a question word: apa, siapa, kapan, berapa, (di)mana, with or
/// without -kah.
pub fn is_wh_word(w: &str) -> bool {
    question_word(w).is_some_and(|asks| !matches!(asks, Asks::Manner | Asks::Reason))
}

/// The noun that names the kind of answer, stemmed: "partai" in "Partai apa ...", "provinsi" in
/// "Di provinsi manakah ..." or "Manakah provinsi ...".
pub fn answer_type_noun(analyzer: &Analyzer, question: &QuestionWords) -> Option<String> {
    let ws = question.split();
    let k = ws.iter().position(|w| is_wh_word(w))?;
    // Words of the question's form ("nama", "kepanjangan", "pengertian") name no kind of answer.
    let content = |w: &&&str| {
        !crate::language::words::is_stopword(w)
            && **w != "nama"
            && !LONG_FORM_WORDS.contains(*w)
            && !DEFINITION_WORDS.contains(*w)
    };
    let before = k.checked_sub(1).and_then(|i| ws.get(i)).filter(content);
    let after = ws.get(k + 1).filter(content);
    let after_nama = (ws.get(k + 1) == Some(&"nama")).then(|| ws.get(k + 2)).flatten().filter(content);
    before.or(after_nama).or(after).map(|w| analyzer.stem(w))
}

/// Whether the question word `token` is part of the question's frame rather than its topic:
/// "nama" beside "apa" or "siapa" ("Apa nama bandara di Yogyakarta?", "Siapa nama presiden
/// Brasil?") asks for the thing itself, and a passage that merely says "nama" is no better for it.
///
/// "tahun" right before a year ("tahun 2023") only says that the number is a year, and a place
/// noun before "mana" ("di kota mana") only says what kind of place is asked for.
///
/// Likewise "dimaksud" or "pengertian" in a question asking what something is (see
/// [`asks_definition`]), and "kepanjangan" or "singkatan" in one asking what an abbreviation
/// stands for (see [`asks_long_form`]): the thing or the abbreviation is the topic, and searched
/// as a word "kepanjangan" would even meet "panjang" (long).
pub fn is_frame_word(question: &QuestionWords, token: &Token) -> bool {
    let wh = |p: Option<usize>| {
        p.and_then(|p| question.as_typed().get(p))
            .is_some_and(|w| matches!(w.as_str(), "apa" | "apakah" | "siapa" | "siapakah"))
    };
    let year_after = question
        .as_typed()
        .get(token.position + 1)
        .is_some_and(|w| w.len() == 4 && w.parse::<i32>().is_ok_and(|y| crate::language::calendar::YEARS.contains(&y)));
    match token.word.as_str() {
        "nama" | "namanya" => wh(token.position.checked_sub(1)) || wh(Some(token.position + 1)),
        // "tahun 2023" names the year 2023; passages write "pada 2023" as often as "tahun 2023".
        "tahun" => year_after,
        // "sejak kapan" asks when something began; "sejak" is the question's, not the topic's.
        w if bound_of(w).is_some() => {
            let next = question.as_typed().get(token.position + 1).map(String::as_str);
            matches!(next, Some("kapan" | "kapankah"))
        }
        // "di kota mana" asks for a place that is a city; the passage that answers need not
        // say "kota".
        w if PLACE_NOUNS.contains(&w) => {
            let next = question.as_typed().get(token.position + 1).map(String::as_str);
            matches!(next, Some("mana" | "manakah"))
        }
        w if LONG_FORM_WORDS.contains(&w) => asks_long_form(question),
        w => DEFINITION_WORDS.contains(&w) && asks_definition(question),
    }
}

/// Which end of a period a date question asks for: "sejak kapan" the start, "sampai kapan" the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Start,
    End,
}

/// The end of a period that `word` (lower-case) opens a date with: "sejak Maret 2021", "hingga
/// Desember 2023".
pub fn bound_of(word: &str) -> Option<Bound> {
    match word {
        "sejak" | "mulai" | "semenjak" => Some(Bound::Start),
        "sampai" | "hingga" | "sampe" => Some(Bound::End),
        _ => None,
    }
}

/// Words that ask for an upper limit: "maksimal berapa", "batas plafon KUR".
const LIMIT_WORDS: &[&str] =
    &["maksimal", "maksimum", "maks", "batas", "paling banyak", "sampai berapa", "hingga berapa"];

/// Words that put an upper limit before a figure: "hingga Rp 100 juta", "paling banyak Rp 10
/// juta".
const LIMIT_MARKERS: &[&str] =
    &["hingga", "sampai", "maksimal", "maksimum", "maks", "paling banyak", "paling besar", "paling tinggi", "di bawah"];

/// Whether the question asks for an upper limit ([`LIMIT_WORDS`]).
pub fn asks_limit(question: &QuestionWords) -> bool {
    let typed = question.as_typed();
    LIMIT_WORDS.iter().any(|limit| {
        let limit: Vec<&str> = limit.split(' ').collect();
        typed.windows(limit.len()).any(|w| w.iter().zip(&limit).all(|(a, b)| a == b))
    })
}

/// Whether `before`, the text before a figure, ends in a limit marker ([`LIMIT_MARKERS`]).
pub fn ends_in_limit(before: &str) -> bool {
    let all: Vec<String> = words(before).map(|w| w.text.to_lowercase()).collect();
    LIMIT_MARKERS.iter().any(|marker| {
        let marker: Vec<&str> = marker.split(' ').collect();
        all.len() >= marker.len() && all[all.len() - marker.len()..].iter().zip(&marker).all(|(a, b)| a == b)
    })
}

/// The end of a period the question asks for, if it asks "sejak kapan" or "sampai kapan".
pub fn asks_bound(question: &QuestionWords) -> Option<Bound> {
    question.as_typed().windows(2).find_map(|p| match p[1].as_str() {
        "kapan" | "kapankah" => bound_of(&p[0]),
        _ => None,
    })
}

/// Words that ask how something is done: the word after one names the action asked about.
const MANNER_WORDS: &[&str] = &["bagaimana", "cara", "caranya", "gimana"];

/// Whether `token` names the action a "how" question asks about ("daftar" in "cara daftar KUR"):
/// the question's topic however ordinary the word.
pub fn names_the_action_asked(question: &QuestionWords, token: &Token) -> bool {
    token
        .position
        .checked_sub(1)
        .and_then(|p| question.as_typed().get(p))
        .is_some_and(|w| MANNER_WORDS.contains(&w.as_str()))
}

/// Words whose reduplication is a word of its own, not a plural: "sama-sama" (you're welcome),
/// "kira-kira" (about), "rata-rata" (average), "masing-masing" (each).
const LEXICAL_REDUPLICATIONS: &[&str] = &[
    "baik", "benar", "betul", "cepat", "hati", "jangan", "kira", "kupu", "laba", "lama", "masing", "mata", "moga",
    "oleh", "paling", "pelan", "rata", "sama", "sedikit", "sekali", "semoga", "sering", "tiba",
];

/// Whether the question asks for a number that names rather than counts: "nomor berapa",
/// "no. berapakah" (a decree's or a house's number).
pub fn asks_identifier(words: &[String]) -> bool {
    words.windows(2).any(|p| matches!(p[0].as_str(), "nomor" | "no" | "nomer") && p[1].starts_with("berapa"))
}

/// Words after which "saja" asks for every item: "apa saja", "siapa saja", "mana saja".
const LIST_WH: &[&str] = &["apa", "siapa", "mana", "berapa", "kapan"];

/// Whether the question asks for every item rather than one: "apa saja" ("apa aja"), "siapa
/// saja", "mana saja", "sebutkan", or a reduplicated noun ("target2", "program-program"), as
/// written in `raw`.
pub fn asks_list(raw: &str, question: &QuestionWords) -> bool {
    let ws = question.split();
    let wh_saja = ws.windows(2).any(|p| LIST_WH.contains(&p[0]) && p[1] == "saja");
    let sebutkan = ws.iter().any(|w| matches!(*w, "sebutkan" | "sebutin" | "daftarkan"));
    let raw_words: Vec<&str> = words(raw).map(|w| w.text).collect();
    let plural = |base: &str| {
        let base = base.to_lowercase();
        base.chars().count() >= 3
            && base.chars().all(char::is_alphabetic)
            && !crate::language::words::is_stopword(&base)
            && !LEXICAL_REDUPLICATIONS.contains(&base.as_str())
    };
    let reduplicated = raw_words.iter().any(|w| w.strip_suffix('2').is_some_and(plural))
        || raw_words
            .windows(2)
            .any(|p| p[0].eq_ignore_ascii_case(p[1]) && plural(p[0]) && raw.contains(&format!("{}-{}", p[0], p[1])));
    wh_saja || sebutkan || reduplicated
}

/// Whether the question asks what something is: "Apa itu RPB?", "Apa yang dimaksud dengan
/// PLUT?", "KUR itu apa?", "Jelaskan tentang RPB". In such a question "dimaksud" or "pengertian"
/// is form, not topic (see [`is_frame_word`]).
pub fn asks_definition(question: &QuestionWords) -> bool {
    let ws = question.split();
    let pair = |a: &str, b: &str| ws.windows(2).any(|p| p[0] == a && p[1] == b);
    let what = |w: &str| matches!(w, "apa" | "apakah");
    ws.windows(2).any(|p| what(p[0]) && matches!(p[1], "itu" | "maksud" | "pengertian" | "arti"))
        || ws.windows(3).any(|p| what(p[0]) && p[1] == "yang" && p[2] == "dimaksud")
        || pair("itu", "apa")
        || ws.first().is_some_and(|w| matches!(*w, "jelaskan" | "pengertian" | "definisi" | "arti"))
}

/// Words that, in a question asking what something is, belong to the question's form.
const DEFINITION_WORDS: &[&str] =
    &["arti", "artinya", "definisi", "dimaksud", "jelaskan", "maksud", "maksudnya", "pengertian"];

/// Words that ask what an abbreviation stands for.
const LONG_FORM_WORDS: &[&str] = &["akronim", "kepanjangan", "kepanjangannya", "singkatan", "singkatannya"];

/// Whether the question asks what an abbreviation stands for: "Apa kepanjangan PLUT?", "KUR
/// singkatan dari apa?", or in chat style "kepanjangan PLUT?".
pub fn asks_long_form(question: &QuestionWords) -> bool {
    let ws = question.split();
    let opens = ws.first().is_some_and(|w| LONG_FORM_WORDS.contains(w));
    opens || (ws.iter().any(|w| LONG_FORM_WORDS.contains(w)) && ws.iter().any(|w| matches!(*w, "apa" | "apakah")))
}

/// Nouns that, followed by "berapa" or "apa", ask for a date: "tanggal berapakah", "bulan apa".
const TIME_NOUNS: &[&str] = &["abad", "bulan", "hari", "tahun", "tanggal"];

/// Nouns that, followed by "mana" or "apa", ask for a place.
const PLACE_NOUNS: &[&str] = &[
    "benua",
    "daerah",
    "desa",
    "kabupaten",
    "kecamatan",
    "kota",
    "lokasi",
    "negara",
    "negeri",
    "provinsi",
    "pulau",
    "tempat",
    "wilayah",
];

const DAYS: &[&str] = &["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"];

/// Whether `word` lower-cased is one of `lower` (lower-case words), without allocating: this
/// runs for every name candidate of every passage reranked.
fn lower_is_one_of(word: &str, lower: &[String]) -> bool {
    // Lower-casing keeps an ASCII word's length: compare lengths before letters.
    lower
        .iter()
        .any(|q| (!word.is_ascii() || q.len() == word.len()) && word.chars().flat_map(char::to_lowercase).eq(q.chars()))
}

/// Whether `word` (lower-case) names a day of the week.
pub fn is_day(word: &str) -> bool {
    DAYS.contains(&word)
}

/// Byte offsets in `text` of words that could be the answer `intent` asks for: figures for
/// `Amount`, dates for `Date`, and for the rest the words that could be names (`names`, their
/// byte ranges: see [`crate::language::names`]). Words of the question itself are never the answer.
pub fn answer_candidates(
    intent: Intent,
    text: &str,
    figures: &[Figure],
    names: impl Iterator<Item = std::ops::Range<usize>>,
    question_words: &[String],
) -> Vec<usize> {
    let in_question = |s: &str| question_words.iter().any(|q| q == s);
    // Question words hold numbers as searched, so "1500" in the question is the "1.500" here.
    let figure_in_question = |f: &Figure| in_question(&number_term(&f.text.to_lowercase()));
    match intent {
        Intent::Amount => figures.iter().filter(|f| f.is_amount() && !figure_in_question(f)).map(|f| f.start).collect(),
        Intent::Date => {
            let mut out: Vec<usize> = figures
                .iter()
                .filter(|f| matches!(f.kind, FigureKind::Date | FigureKind::Year) && !figure_in_question(f))
                .map(|f| f.start)
                .collect();
            out.extend(
                words(text)
                    .filter(|w| {
                        let l = w.text.to_lowercase();
                        (is_month(&l) || DAYS.contains(&l.as_str())) && !in_question(&l)
                    })
                    .map(|w| w.start),
            );
            out
        }
        Intent::Person | Intent::Place | Intent::General | Intent::SmallTalk => names
            .filter(|name| !text.get(name.clone()).is_some_and(|w| lower_is_one_of(w, question_words)))
            .map(|name| name.start)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upper_limit_is_read_in_the_question_and_before_a_figure() {
        let asks = |q: &str| asks_limit(&QuestionWords::new(&Analyzer::new(), q));
        assert!(asks("kur tanpa jaminan maksimal berapa") && asks("plafon paling banyak berapa"));
        assert!(!asks("berapa target kur 2025"));
        assert!(ends_in_limit("KUR tanpa jaminan hingga ") && ends_in_limit("plafon paling banyak "));
        assert!(!ends_in_limit("BRI menawarkan "));
    }

    #[test]
    fn sejak_kapan_asks_for_a_start_and_sampai_kapan_for_an_end() {
        let a = Analyzer::new();
        let bound = |q: &str| asks_bound(&QuestionWords::new(&a, q));
        assert_eq!(bound("sejak kapan KUR disalurkan"), Some(Bound::Start));
        assert_eq!(bound("kerja sama itu mulai kapan"), Some(Bound::Start));
        assert_eq!(bound("sampai kapan program berjalan"), Some(Bound::End));
        assert_eq!(bound("kapan program dimulai"), None);
    }

    #[test]
    fn nomor_berapa_asks_for_a_number_that_names() {
        let a = Analyzer::new();
        let ident = |q: &str| asks_identifier(QuestionWords::new(&a, q).as_typed());
        assert!(ident("Peraturan Menteri nomor berapa yang mengatur pajak?"));
        assert!(ident("no berapakah keputusannya"));
        assert!(!ident("berapa nomor yang dipakai"));
        assert!(!ident("berapa target RPB"));
    }

    #[test]
    fn apa_saja_sebutkan_and_reduplication_ask_for_a_list() {
        let a = Analyzer::new();
        let list = |q: &str| asks_list(q, &QuestionWords::new(&a, q));
        for q in [
            "program apa saja?",
            "siapa aja mitranya",
            "sebutkan program kemenkop",
            "target2 2024",
            "program-program RPB",
        ] {
            assert!(list(q), "{q}");
        }
        for q in
            ["apa itu RPB?", "berapa target RPB", "saja", "B2 2024", "sama-sama", "makasih sama2", "rata-rata bunga"]
        {
            assert!(!list(q), "{q}");
        }
    }
    use crate::language::figures;

    fn intent(q: &str) -> Intent {
        detect(&QuestionWords::new(&Analyzer::new(), q))
    }

    fn type_noun(q: &str) -> Option<String> {
        let a = Analyzer::new();
        answer_type_noun(&a, &QuestionWords::new(&a, q))
    }

    #[test]
    fn question_words_map_to_intents() {
        assert_eq!(intent("brp target rumah produksi bersama 2024?"), Intent::Amount);
        assert_eq!(intent("Jumlah mitra kerja sama?"), Intent::Amount);
        assert_eq!(intent("kapan acara kolaborasi digelar"), Intent::Date);
        assert_eq!(intent("Tahun berapa RUU disusun?"), Intent::Date);
        assert_eq!(intent("Pada tanggal berapakah pameran dibuka?"), Intent::Date);
        assert_eq!(intent("Bulan apakah pendataan dimulai?"), Intent::Date);
        assert_eq!(intent("Hari apa pelatihan digelar?"), Intent::Date);
        // A count of days is an amount, not a date.
        assert_eq!(intent("Berapa hari pameran berlangsung?"), Intent::Amount);
        assert_eq!(intent("Omzet per bulan berapa?"), Intent::Amount);
        assert_eq!(intent("Bunga KUR tahun berapa persen?"), Intent::Amount);
        assert_eq!(intent("Siapa kepala biro hukum?"), Intent::Person);
        assert_eq!(intent("di mana acaranya?"), Intent::Place);
        assert_eq!(intent("dmn acaranya?"), Intent::Place);
        assert_eq!(intent("Dari mana bahan bakunya didatangkan?"), Intent::Place);
        assert_eq!(intent("Kemana pesawat itu kembali?"), Intent::Place);
        assert_eq!(intent("Kemasan itu terbuat dari apa?"), Intent::General);
        assert_eq!(intent("mengapa banyak koperasi tutup?"), Intent::General, "why, not how many");
        assert_eq!(intent("kenapa target KUR berapa persen?"), Intent::Amount);
        assert_eq!(intent("Di provinsi manakah Gunung Kerinci?"), Intent::Place);
        assert_eq!(intent("Manakah provinsi yang mencapai cakupan tertinggi?"), Intent::Place);
        assert_eq!(intent("Apa itu PLUT?"), Intent::General);
    }

    #[test]
    fn the_noun_next_to_the_question_word_names_the_kind_of_answer() {
        let a = Analyzer::new();
        assert_eq!(type_noun("Apa nama partai pimpinan Mahmoud Abbas?"), Some(a.stem("partai")));
        assert_eq!(type_noun("Di provinsi manakah lokasi Danau Beratan?"), Some(a.stem("provinsi")));
        assert_eq!(type_noun("Manakah provinsi yang tertinggi?"), Some(a.stem("provinsi")));
        assert_eq!(type_noun("Berapa target RPB?"), Some(a.stem("target")));
        assert_eq!(type_noun("target RPB"), None);
    }

    #[test]
    fn kepanjangan_and_singkatan_with_apa_ask_for_a_long_form() {
        let a = Analyzer::new();
        let asks = |q: &str| asks_long_form(&QuestionWords::new(&a, q));
        assert!(asks("Apa kepanjangan PLUT?"));
        assert!(asks("KUR singkatan dari apa?"));
        assert!(!asks("Berapa panjang jalan tol itu?"));
        assert!(asks("kepanjangan LIPI?"));
        assert!(!asks("Laporannya kepanjangan, mohon diringkas"));
    }

    #[test]
    fn apa_itu_and_yang_dimaksud_ask_what_something_is() {
        let a = Analyzer::new();
        let asks = |q: &str| asks_definition(&QuestionWords::new(&a, q));
        for q in [
            "Apa itu RPB?",
            "apa yg dimaksud dengan PLUT",
            "KUR itu apa?",
            "Jelaskan tentang Rumah Produksi Bersama",
            "Apakah pengertian KUMKM?",
        ] {
            assert!(asks(q), "{q}");
        }
        for q in ["Berapa target RPB?", "Apa target RPB 2024?", "Siapa itu Henra Saragih?"] {
            assert!(!asks(q), "{q}");
        }
    }

    #[test]
    fn amount_candidates_skip_years_and_figures_from_the_question() {
        let text = "Pada 2024 targetnya tujuh lokasi.";
        let f = figures::parse(text);
        let none = std::iter::empty::<std::ops::Range<usize>>;
        assert_eq!(answer_candidates(Intent::Amount, text, &f, none(), &[]), [text.find("tujuh").unwrap()]);
        let q = vec!["tujuh lokasi".to_string()];
        assert!(answer_candidates(Intent::Amount, text, &f, none(), &q).is_empty());
    }

    #[test]
    fn name_candidates_are_capitalised_words_not_in_the_question() {
        let names = |text| crate::language::names(text).map(|w| w.start..w.end);
        let text = "Hal itu disampaikan Kepala Biro Henra Saragih.";
        assert_eq!(answer_candidates(Intent::Person, text, &[], names(text), &[]).len(), 4);
        // A name may open a sentence; a function word opening one is no name.
        let two = "Ia datang. Dalam rapat itu Henra bicara. Henra pula yang menutupnya.";
        let found: Vec<usize> = answer_candidates(Intent::Person, two, &[], names(two), &[]);
        assert_eq!(found, [two.find("Henra").unwrap(), two.rfind("Henra").unwrap()]);
        let q: Vec<String> = ["kepala", "biro", "henra", "saragih"].map(String::from).to_vec();
        assert!(answer_candidates(Intent::Person, text, &[], names(text), &q).is_empty());
    }
}
