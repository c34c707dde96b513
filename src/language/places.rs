//! The places of Indonesia a question can name: its provinces, regencies and cities
//! (`places.tsv`, from the Ministry of Home Affairs' codes; source and licence in its header).
//!
//! A figure for one place is no answer for another: "jumlah PLUT di Papua" is not answered by
//! the national count, nor "UMKM di Jawa Barat" by Jawa Tengah's. So the engine needs to know
//! when a question names a place, and by which names a passage may speak of it ("Jabar" is
//! "Jawa Barat").

use super::words;
use std::collections::HashMap;
use std::sync::OnceLock;

const LIST: &str = include_str!("places.tsv");

/// The kind of a line that gives a short or everyday form of a name ("Jabar", "Solo").
const SHORT_FORM: &str = "singkatan";

/// Most words in a place's name ("Ogan Komering Ulu Selatan", "Penukal Abab Lematang Ilir").
const MAX_NAME_WORDS: usize = 5;

/// Words after which a name is read as a place even when typed in lower case ("di padang",
/// "kab. malang"): many one-word place names are also ordinary words ("padang", "malang",
/// "batu", "metro", "serang").
const PLACE_CUES: &[&str] =
    &["di", "ke", "dari", "provinsi", "prov", "kabupaten", "kab", "kota", "pemkab", "pemkot", "pemprov", "wilayah"];

/// A place a question names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPlace {
    /// The words as typed ("jawa barat").
    pub typed: String,
    /// The place's name as the list writes it ("Jawa Barat"), to name it in a reply.
    pub name: &'static str,
    /// Every name of those places, the typed one included: a passage that uses any of them
    /// speaks of the place. "Jabar" gives "Jawa Barat" and "Jabar".
    pub names: Vec<&'static str>,
}

/// One place of the list.
struct Entry {
    code: &'static str,
    name: &'static str,
    kind: &'static str,
}

struct Gazetteer {
    entries: Vec<Entry>,
    /// A name's words, lower-case and space-joined → the entries of that name.
    by_name: HashMap<String, Vec<usize>>,
}

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        let entries: Vec<Entry> = LIST
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut cols = l.split('\t');
                Some(Entry { code: cols.next()?, name: cols.next()?, kind: cols.next()? })
            })
            .collect();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_name.entry(key(e.name)).or_default().push(i);
        }
        Gazetteer { entries, by_name }
    })
}

/// A name's lookup key: its words, lower-case, one space apart ("Toli-Toli" → "toli toli").
fn key(name: &str) -> String {
    words(name).map(|w| w.text.to_lowercase()).collect::<Vec<_>>().join(" ")
}

/// The places `text` names, longest names first where they overlap ("Bandung Barat" over
/// "Bandung"). A name counts when it is capitalised, follows a [`PLACE_CUES`] word, or is a
/// province's name of several words (no ordinary phrase is "jawa barat").
pub fn named_in(text: &str) -> Vec<NamedPlace> {
    let g = gazetteer();
    let mut found: Vec<NamedPlace> = Vec::new();
    for (typed, entries) in matches(g, text) {
        let place = NamedPlace { typed, name: official_name(g, entries), names: names_of(g, entries) };
        if !found.contains(&place) {
            found.push(place);
        }
    }
    found
}

/// Each place name of `text`, lower-case, with the entries it names.
fn matches<'g>(g: &'g Gazetteer, text: &str) -> impl Iterator<Item = (String, &'g [usize])> {
    let typed: Vec<&str> = words(text).map(|w| w.text).collect();
    let lower: Vec<String> = typed.iter().map(|w| w.to_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < typed.len() {
        let longest = (1..=MAX_NAME_WORDS.min(typed.len() - i)).rev().find_map(|n| {
            let entries = g.by_name.get(&lower[i..i + n].join(" "))?;
            let capitalised = typed[i].chars().next().is_some_and(char::is_uppercase);
            let cued = i > 0 && PLACE_CUES.contains(&lower[i - 1].as_str());
            let province = n > 1 && entries.iter().any(|&e| g.entries[e].kind == "provinsi");
            (capitalised || cued || province).then_some((n, entries.as_slice()))
        });
        match longest {
            Some((n, entries)) => {
                out.push((lower[i..i + n].join(" "), entries));
                i += n;
            }
            None => i += 1,
        }
    }
    out.into_iter()
}

fn codes_of(g: &Gazetteer, entries: &[usize]) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = entries.iter().map(|&e| g.entries[e].code).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The name the list gives the first of the places `entries` are, not a short form: "Jawa
/// Barat" for "Jabar".
fn official_name(g: &Gazetteer, entries: &[usize]) -> &'static str {
    let first = &g.entries[entries[0]];
    g.entries.iter().find(|e| e.code == first.code && e.kind != SHORT_FORM).map_or(first.name, |e| e.name)
}

/// Every name of the places `entries` are (those sharing their codes).
fn names_of(g: &Gazetteer, entries: &[usize]) -> Vec<&'static str> {
    let codes = codes_of(g, entries);
    let mut names: Vec<&'static str> = g.entries.iter().filter(|e| codes.contains(&e.code)).map(|e| e.name).collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Vec<String> {
        named_in(text).into_iter().map(|p| p.typed).collect()
    }

    #[test]
    fn the_list_holds_every_province_regency_and_city() {
        let g = gazetteer();
        let count = |kind: &str| g.entries.iter().filter(|e| e.kind == kind).count();
        assert_eq!((count("provinsi"), count("kabupaten"), count("kota")), (38, 416, 98));
    }

    #[test]
    fn a_province_of_several_words_is_a_place_in_any_case() {
        assert_eq!(typed("berapa jumlah umkm jawa barat"), ["jawa barat"]);
        assert_eq!(typed("Siapakah Gubernur Sumatera Barat?"), ["sumatera barat"]);
    }

    #[test]
    fn an_ordinary_word_is_a_place_only_capitalised_or_after_a_place_word() {
        assert!(typed("harga batu bara naik").is_empty());
        assert!(typed("nasib malang pedagang").is_empty());
        assert_eq!(typed("PLUT di padang ada berapa"), ["padang"]);
        assert_eq!(typed("UMKM Kota Batu"), ["batu"]);
        assert_eq!(typed("jumlah PLUT di Papua?"), ["papua"]);
    }

    #[test]
    fn the_longest_name_wins() {
        assert_eq!(typed("koperasi di Bandung Barat"), ["bandung barat"]);
    }

    #[test]
    fn a_short_form_gives_the_full_name() {
        let jabar = &named_in("UMKM di Jabar")[0];
        assert!(jabar.names.contains(&"Jawa Barat"), "{:?}", jabar.names);
        let solo = &named_in("pasar di Solo")[0];
        assert!(solo.names.contains(&"Surakarta"), "{:?}", solo.names);
    }
}
