//! Numbered documents: a regulation a question names by its number ("UU Nomor 27", "PP
//! 7/2021", "Permenko 15/2020") is met only by a passage that writes that number as a
//! document's ("Nomor 15 Tahun 2020", "PP 7/2021"), not by any "27" ("27 ton ikan").
//!
//! The marks are Indonesian legal vocabulary: "nomor" and the abbreviations of the kinds of
//! regulation news cites, written for this project.

use crate::language::words;

/// Words after which a number is a document's number when a document was named just before
/// ("Peraturan Menteri Koordinator Nomor 15"): "nomor" is also a sport's event ("nomor 10 km").
const NUMBER_WORDS: &[&str] = &["nomor", "no"];

/// Words that name a document before its number ([`NUMBER_WORDS`]), as word beginnings; the
/// abbreviations of [`NUMBER_MARKS`] do too ("UU No. 25").
const DOCUMENT_NOUNS: &[&str] =
    &["undang", "peraturan", "keputusan", "instruksi", "surat", "edaran", "perpu", "perppu"];

/// Words a document's noun stands at most before its "nomor" ("Peraturan Menteri Koperasi dan
/// UKM Nomor 8": five).
const DOCUMENT_NOUN_REACH: usize = 6;

/// Abbreviations of the kinds of regulation, which news writes with the number alone ("PP
/// 7/2021", "Inpres 9/2025").
const NUMBER_MARKS: &[&str] = &[
    "uu",
    "perppu",
    "pp",
    "perpres",
    "inpres",
    "keppres",
    "kepres",
    "permen",
    "permenko",
    "permenkop",
    "permenkeu",
    "permendagri",
    "pmk",
    "kmk",
    "kepmen",
    "pojk",
    "perda",
    "pergub",
    "perbup",
    "perwal",
];

/// The document numbers `text` writes: each number right after a mark of [`NUMBER_MARKS`], or
/// after "nomor" led by a document's noun.
pub fn numbers(text: &str) -> Vec<u32> {
    let ws: Vec<&str> = words(text).map(|w| w.text).collect();
    let is = |w: &str, list: &[&str]| list.iter().any(|m| w.eq_ignore_ascii_case(m));
    let document_before = |at: usize| {
        ws[at.saturating_sub(DOCUMENT_NOUN_REACH)..at].iter().any(|w| {
            let w = w.to_lowercase();
            DOCUMENT_NOUNS.iter().any(|n| w.starts_with(n)) || NUMBER_MARKS.contains(&w.as_str())
        })
    };
    let mut out: Vec<u32> = (1..ws.len())
        .filter(|&i| is(ws[i - 1], NUMBER_MARKS) || (is(ws[i - 1], NUMBER_WORDS) && document_before(i - 1)))
        .filter_map(|i| ws[i].parse().ok())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether `passage_text` writes each of the document numbers `asked` as a document's number.
pub fn writes_all(passage_text: &str, asked: &[u32]) -> bool {
    if asked.is_empty() {
        return true;
    }
    let written = numbers(passage_text);
    asked.iter().all(|n| written.contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_after_a_mark_is_a_documents() {
        assert_eq!(numbers("Kapankah Undang-Undang Nomor 27 dikeluarkan?"), [27]);
        assert_eq!(numbers("siapa yang menjelaskan Permenko 15/2020 soal KUR"), [15]);
        assert_eq!(numbers("Menurut PP 7/2021 dan UU No. 25 Tahun 1992"), [7, 25]);
        assert!(numbers("27 ton ikan layur senilai USD 75.000").is_empty());
        assert!(numbers("mengalahkan Darwati di nomor 10 km jalan cepat").is_empty(), "an event");
        assert!(numbers("Undang-Undang nomor berapakah yang mengatur pemerintahan daerah?").is_empty());
    }

    #[test]
    fn a_passage_writes_the_number_asked_only_as_a_documents() {
        assert!(writes_all("Permenko Nomor 15 Tahun 2020 resmi dirilis.", &[15]));
        assert!(!writes_all("Sebanyak 27 ton ikan diekspor menurut PP 7/2021.", &[27]));
        assert!(writes_all("Teks apa saja.", &[]));
    }
}
