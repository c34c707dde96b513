//! Questions that ask for the newest: "terbaru", "sekarang", "saat ini", "terkini", "sejauh
//! ini" (and the English "latest", "current", "now", read into those), and a question about who
//! holds an office ("siapa menteri UMKM"), which is about whoever holds it now.
//!
//! Such a question prefers the newest source among the passages that answer it
//! ([`crate::engine::Weights::latest`]), and the reply says as of when. The word lists are
//! Indonesian grammar, written for this project.

use super::intent::QuestionWords;

/// Words that ask for the newest figure, alone or as a pair: (word, the word that must follow).
const LATEST: &[(&str, Option<&str>)] = &[
    ("terbaru", None),
    ("terkini", None),
    ("terakhir", None),
    ("sekarang", None),
    ("kini", None),
    ("saat", Some("ini")),
    ("sejauh", Some("ini")),
    ("hingga", Some("kini")),
    ("sampai", Some("sekarang")),
    ("hari", Some("ini")),
    ("masa", Some("kini")),
];

/// Offices whose holder a "siapa" question asks for: the holder now, unless a year is named.
/// "perdana" leads "perdana menteri", whose holder is named only where "menteri" follows it
/// (a "pencairan perdana" is a first disbursement).
const OFFICES: &[&str] = &[
    "menteri",
    "perdana",
    "menkop",
    "wamen",
    "wakil",
    "dirut",
    "direktur",
    "ketua",
    "kepala",
    "deputi",
    "gubernur",
    "bupati",
    "walikota",
    "wali",
    "presiden",
    "sekretaris",
    "sekjen",
    "komisaris",
    "rektor",
    "pimpinan",
    "pemimpin",
];

/// The word positions of the words that ask for the newest, if any.
pub fn latest_words(words: &QuestionWords) -> Vec<usize> {
    let ws = words.as_typed();
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        // "tahun sekarang" is a relative year, read as such elsewhere.
        if i > 0 && ws[i - 1] == "tahun" {
            continue;
        }
        for (first, second) in LATEST {
            if w != first {
                continue;
            }
            match second {
                None => out.push(i),
                Some(s) if ws.get(i + 1).is_some_and(|n| n == s) => out.extend([i, i + 1]),
                Some(_) => {}
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether `type_noun`, the kind of answer a "siapa" question names, is an office.
pub fn is_office(type_noun: &str) -> bool {
    OFFICES.contains(&type_noun)
}

/// The office a "siapa" question asks the holder of, stemmed: the kind of answer it names
/// ("siapa menteri UMKM"), or, when its frame names none, the first office among its words
/// ("siapa yang menjabat sebagai kepala dinas", "gubernur Bali dijabat oleh siapa"). A kind of
/// answer that is no office says what is asked: "kandidat presiden" asks no president. Words
/// are compared as typed: "mewakili" (to represent) stems to the office "wakil".
pub fn office_asked(
    analyzer: &crate::language::Analyzer,
    words: &QuestionWords,
    type_noun: Option<&str>,
) -> Option<String> {
    match type_noun {
        Some(noun) => is_office(noun).then(|| noun.to_string()),
        None => words.as_typed().iter().flat_map(|w| w.split(' ')).find(|w| is_office(w)).map(|w| analyzer.stem(w)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Analyzer;

    fn latest(q: &str) -> Vec<usize> {
        latest_words(&QuestionWords::new(&Analyzer::new(), q))
    }

    #[test]
    fn words_asking_for_the_newest_are_found() {
        assert_eq!(latest("berapa realisasi kur terbaru"), [3]);
        assert_eq!(latest("jumlah plut saat ini"), [2, 3]);
        assert_eq!(latest("sudah berapa data yang terkumpul sejauh ini?"), [5, 6]);
        assert!(latest("target tahun sekarang").is_empty(), "a relative year");
        assert!(latest("saat pandemi").is_empty());
        assert!(latest("berapa target kur 2024").is_empty());
    }

    fn office(q: &str) -> Option<String> {
        let a = Analyzer::new();
        let words = QuestionWords::new(&a, q);
        office_asked(&a, &words, crate::engine::intent::answer_type_noun(&a, &words).as_deref())
    }

    #[test]
    fn the_office_asked_is_found_behind_the_question_frame() {
        assert_eq!(office("siapa menteri umkm").as_deref(), Some("menteri"));
        assert_eq!(office("gubernur bali dijabat oleh siapa").as_deref(), Some("gubernur"));
        assert_eq!(office("siapa yang menjabat sebagai kepala dinas").as_deref(), Some("kepala"));
        assert_eq!(office("siapa kandidat presiden dari partai itu"), None, "a candidate is asked");
        assert_eq!(office("siapa yang mewakili warga desa"), None, "a verb, not the office wakil");
    }
}
