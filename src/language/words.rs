//! Word lists for Indonesian: chat shorthand, colloquial forms and stopwords.
//!
//! Chat shorthand has two sources: the project's own short list below ([`SHORTHAND`], which wins)
//! and the IndoCollex colloquial lexicon in `colloquial.tsv` beside this file (2,400+ informal
//! forms such as `udah`, `dibikin`, `kerjasama`, `gimana`; its header gives source and licence).
//!
//! Kept as sorted static slices so the lists read as data (a test keeps them sorted and free of
//! duplicates). Question words are stopwords: they tell the engine *what kind* of answer is
//! wanted (see `engine::intent`), not which passage holds it.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// What a question word asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asks {
    /// apa: a thing, a definition.
    Thing,
    /// siapa: a person or organisation.
    Person,
    /// kapan: a time.
    Time,
    /// berapa: an amount.
    Amount,
    /// (di)mana: a place, or which one.
    Which,
    /// bagaimana, gimana: a manner, a way of doing.
    Manner,
    /// mengapa, kenapa: a reason.
    Reason,
}

/// The Indonesian question words, the one list the engine reads them from: the intent, the
/// language a question is in, and follow-ups all ask it. Sorted.
const QUESTION_WORDS: &[(&str, Asks)] = &[
    ("apa", Asks::Thing),
    ("apakah", Asks::Thing),
    ("bagaimana", Asks::Manner),
    ("berapa", Asks::Amount),
    ("berapakah", Asks::Amount),
    ("dimana", Asks::Which),
    ("dimanakah", Asks::Which),
    ("gimana", Asks::Manner),
    ("kapan", Asks::Time),
    ("kapankah", Asks::Time),
    ("kenapa", Asks::Reason),
    ("mana", Asks::Which),
    ("manakah", Asks::Which),
    ("mengapa", Asks::Reason),
    ("siapa", Asks::Person),
    ("siapakah", Asks::Person),
];

/// What `word` (lowercase, shorthand expanded) asks for, if it is a question word.
pub fn question_word(word: &str) -> Option<Asks> {
    QUESTION_WORDS.binary_search_by(|(w, _)| w.cmp(&word)).ok().map(|i| QUESTION_WORDS[i].1)
}

/// Chat shorthand and common misspellings, mapped to the standard word. Sorted by key.
const SHORTHAND: &[(&str, &str)] = &[
    ("aja", "saja"),
    ("bbrp", "beberapa"),
    ("bgmn", "bagaimana"),
    ("blm", "belum"),
    ("bln", "bulan"),
    ("brapa", "berapa"),
    ("brp", "berapa"),
    ("bs", "bisa"),
    ("dg", "dengan"),
    ("dgn", "dengan"),
    ("dlm", "dalam"),
    ("dmn", "di mana"),
    ("dr", "dari"),
    ("ga", "tidak"),
    ("gak", "tidak"),
    ("gimana", "bagaimana"),
    ("gmn", "bagaimana"),
    ("hrs", "harus"),
    ("jd", "jadi"),
    ("jml", "jumlah"),
    ("jmlh", "jumlah"),
    ("jt", "juta"),
    ("kalo", "kalau"),
    ("kpn", "kapan"),
    ("krn", "karena"),
    ("kyk", "seperti"),
    ("lg", "lagi"),
    ("mau", "ingin"),
    ("mrk", "mereka"),
    ("nggak", "tidak"),
    ("org", "orang"),
    ("pd", "pada"),
    ("pemda", "pemerintah daerah"),
    ("rb", "ribu"),
    ("sbg", "sebagai"),
    ("sdh", "sudah"),
    ("skrg", "sekarang"),
    ("spt", "seperti"),
    ("sy", "saya"),
    ("tdk", "tidak"),
    ("tgl", "tanggal"),
    ("thd", "terhadap"),
    ("thn", "tahun"),
    ("tsb", "tersebut"),
    ("udah", "sudah"),
    ("utk", "untuk"),
    ("yg", "yang"),
];

/// Indonesian stopwords: function words, question words, chat fillers and words that ask for
/// a kind of answer (`jumlah`, `berapa`) rather than name a topic. Sorted.
const STOPWORDS: &[&str] = &[
    "ada",
    "adakah",
    "adalah",
    "agar",
    "akan",
    "aku",
    "anda",
    "apa",
    "apakah",
    "atas",
    "atau",
    "bagaimana",
    "bagaimanakah",
    "bagi",
    "bahwa",
    "banyak",
    "banyaknya",
    "beberapa",
    "begitu",
    "belum",
    "berapa",
    "berapakah",
    "bisa",
    "boleh",
    "bro",
    "bu",
    "buat",
    "bukan",
    "dalam",
    "dan",
    "dapat",
    "dari",
    "deh",
    "dengan",
    "di",
    "dia",
    "dimana",
    "dimanakah",
    "dong",
    "gan",
    "hal",
    "hanya",
    "harus",
    "ia",
    "ialah",
    "ingin",
    "ini",
    "itu",
    "jadi",
    "jika",
    "juga",
    "jumlah",
    "jumlahnya",
    "kah",
    "kak",
    "kakak",
    "kalau",
    "kami",
    "kamu",
    "kan",
    "kapan",
    "kapankah",
    "karena",
    "ke",
    "kenapa",
    "kita",
    "lagi",
    "lah",
    "maka",
    "mana",
    "manakah",
    "masih",
    "mau",
    "mengapa",
    "menurut",
    "mereka",
    "min",
    "mohon",
    "nih",
    "nya",
    "oleh",
    "pada",
    "pak",
    "para",
    "pun",
    "saja",
    "sampai",
    "saya",
    "se",
    "sebagai",
    "sebut",
    "sebutkan",
    "secara",
    "sedang",
    "sekarang",
    "selama",
    "seperti",
    "siapa",
    "siapakah",
    "sih",
    "sudah",
    "supaya",
    "tahu",
    "tanya",
    "telah",
    "tentang",
    "terhadap",
    "tersebut",
    "tidak",
    "tolong",
    "untuk",
    "yaitu",
    "yakni",
    "yang",
];

/// Root words that Snowball's Indonesian stemmer mistakes for affixed ones and cuts into another
/// word or none: `menteri` → `teri`, `perdana` → `dana`, `kepala` → `pala`, `nilai` → `nila`;
/// or into a word of another meaning: `kementerian` (the ministry) → `menteri` (its minister).
/// They are kept whole (see `Analyzer::stem`). Common words of news and government text; sorted.
const ROOTS: &[&str] = &[
    "badai",
    "berani",
    "berita",
    "beruang",
    "damai",
    "dialog",
    "digital",
    "dimensi",
    "diplomat",
    "diplomatik",
    "direktur",
    "disiplin",
    "diskusi",
    "distribusi",
    "kecewa",
    "kecuali",
    "keliling",
    "kelompok",
    "keluarga",
    "kemarin",
    "kembali",
    "kemeja",
    "kementerian",
    "kemudian",
    "kepala",
    "kerabat",
    "kereta",
    "ketika",
    "ketua",
    "medali",
    "media",
    "mediasi",
    "medium",
    "mekanisme",
    "melayu",
    "memori",
    "menteri",
    "merdeka",
    "metode",
    "nilai",
    "pandai",
    "pantai",
    "partai",
    "peduli",
    "pegawai",
    "peluit",
    "peluru",
    "pemilu",
    "pemuda",
    "penalti",
    "pengacara",
    "pengantin",
    "penjara",
    "pensiun",
    "perahu",
    "percaya",
    "perdana",
    "perempuan",
    "performa",
    "perihal",
    "perilaku",
    "perintah",
    "periode",
    "perkara",
    "permanen",
    "permata",
    "persegi",
    "personal",
    "personel",
    "pertama",
    "pertamina",
    "perwira",
    "pesantren",
    "pesawat",
    "peserta",
    "pesisir",
    "ramai",
    "santai",
    "sekolah",
    "selatan",
    "sungai",
    "terapi",
    "terima",
    "terminal",
    "teroris",
    "terorisme",
    "tetapi",
    "tirai",
];

/// The IndoCollex lexicon: `informal<TAB>standard` lines, `#` comments.
const COLLOQUIAL: &str = include_str!("colloquial.tsv");

// Lookups happen for every word analysed, so they go through hash tables built once.
static SHORTHAND_MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
static STOPWORD_SET: OnceLock<HashSet<&'static str>> = OnceLock::new();

/// The standard word (or words) for a shorthand or colloquial form, if `word` (lower-case) is one.
pub fn shorthand(word: &str) -> Option<&'static str> {
    SHORTHAND_MAP.get_or_init(shorthand_map).get(word).copied()
}

/// The project's shorthand, then the colloquial lexicon's entries for words it does not list.
/// A lexicon entry whose standard form is itself shorthand ("ajaa" → "aja") is followed once.
fn shorthand_map() -> HashMap<&'static str, &'static str> {
    let mut map: HashMap<&'static str, &'static str> = SHORTHAND.iter().copied().collect();
    let own = map.clone();
    for (informal, standard) in colloquial_entries() {
        let standard = own.get(standard).copied().unwrap_or(standard);
        map.entry(informal).or_insert(standard);
    }
    map
}

fn colloquial_entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    COLLOQUIAL
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(informal, standard)| (informal.trim(), standard.trim()))
}

/// The stopword list, sorted.
pub fn stopwords() -> &'static [&'static str] {
    STOPWORDS
}

/// Whether `word` (lower-case) is a root the stemmer must leave whole.
pub fn is_protected_root(word: &str) -> bool {
    ROOTS.binary_search(&word).is_ok()
}

/// Whether `word` (lower-case, shorthand expanded) carries no topic.
pub fn is_stopword(word: &str) -> bool {
    STOPWORD_SET.get_or_init(|| STOPWORDS.iter().copied().collect()).contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(SHORTHAND.windows(2).all(|w| w[0].0 < w[1].0), "SHORTHAND must stay sorted");
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]), "STOPWORDS must stay sorted");
        assert!(ROOTS.windows(2).all(|w| w[0] < w[1]), "ROOTS must stay sorted");
        assert!(QUESTION_WORDS.windows(2).all(|w| w[0].0 < w[1].0), "QUESTION_WORDS must stay sorted");
    }

    #[test]
    fn every_protected_root_is_one_snowball_would_cut() {
        let snowball = frostem::Stemmer::new(frostem::Algorithm::Indonesian);
        for w in ROOTS {
            assert_ne!(snowball.stem(w), *w, "{w} needs no protection");
        }
    }

    #[test]
    fn colloquial_forms_read_as_standard_indonesian() {
        for (informal, standard) in
            [("udah", "sudah"), ("dibikin", "dibuat"), ("kerjasama", "kerja sama"), ("gimana", "bagaimana")]
        {
            assert_eq!(shorthand(informal), Some(standard), "{informal}");
        }
        assert_eq!(shorthand("ajaa"), Some("saja"), "followed to the project's own form");
        assert_eq!(shorthand("mau"), Some("ingin"), "the project's list wins");
        assert_eq!(shorthand("target"), None);
        assert_eq!(shorthand("gua"), None, "a cave, not slang for saya");
    }

    #[test]
    fn the_colloquial_lexicon_is_well_formed() {
        let entries: Vec<_> = colloquial_entries().collect();
        assert!(entries.len() > 2000, "{}", entries.len());
        assert!(entries.windows(2).all(|w| w[0].0 < w[1].0), "sorted, each word once");
        assert!(entries.iter().all(|(i, s)| !i.is_empty() && !s.is_empty() && !i.contains(' ')));
    }

    #[test]
    fn question_words_are_stopwords() {
        for w in ["berapa", "siapa", "kapan", "apa", "dimana", "bagaimana"] {
            assert!(is_stopword(w), "{w}");
        }
        assert!(!is_stopword("target"));
    }
}
