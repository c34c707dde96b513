//! Follow-up questions: a short message that lacks its topic ("itu di mana?") or its question
//! ("kalau PLUT?", "yang tahun 2023?") is read with the chat's previous question.
//!
//! The surfaces keep each chat's previous question for a few minutes and pass it to
//! [`Engine::ask_after`](super::Engine::ask_after); this module only rewrites the text:
//! - a new topic (a program, a year, other words) takes the previous question's frame: after
//!   "brp target RPB 2024?", "kalau PLUT?" reads "brp target PLUT 2024?" (the program named
//!   before is replaced; so is a year);
//! - a new question about the same topic takes the previous question's topic: after "kegiatan
//!   kolaborasi kemenkop", "itu di mana?" reads "di mana kegiatan kolaborasi kemenkop".

use super::intent::{self, QuestionWords};
use crate::index::ProgramInfo;
use crate::language::{Analyzer, words as split_words};

/// Words a follow-up may open with: "kalau PLUT?", "terus yang 2023?", "how about KUR?".
const OPENERS: &[&str] = &["and", "bagaimana", "dan", "kalau", "lalu", "terus", "yang"];

/// Words that point back at the previous topic: "itu di mana?".
const POINTERS: &[&str] = &["itu", "ini", "tersebut", "nya", "tadi", "it", "that", "this"];

/// Whether `w` asks a question of its own: a question word of [`intent`](super::intent), or
/// "bagaimana" ("bagaimana dengan PLUT?" opens a follow-up all the same).
fn is_question_word(w: &str) -> bool {
    intent::is_wh_word(w) || w == "bagaimana"
}

/// A follow-up has at most this many words; a longer message is a question of its own.
const MAX_FOLLOW_UP_WORDS: usize = 6;

/// `question` read with `previous`, when it is a follow-up of it; `None` when it stands alone.
/// `answered_alone` says whether the knowledge base answers `question` by itself: a short
/// message that is answered alone ("syarat KUR") is taken as a new topic only when it opens
/// like a follow-up ("kalau …") or points back ("itu").
pub fn read_with(
    analyzer: &Analyzer,
    programs: &[ProgramInfo],
    question: &str,
    previous: &str,
    answered_alone: bool,
) -> Option<String> {
    let qw = QuestionWords::new(analyzer, question);
    let ws: Vec<&str> = qw.as_typed().iter().flat_map(|w| w.split(' ')).collect();
    if ws.is_empty() || ws.len() > MAX_FOLLOW_UP_WORDS {
        return None;
    }
    let asks = ws.iter().any(|w| is_question_word(w));
    let opens = OPENERS.contains(&ws[0]) && !(ws[0] == "bagaimana" && ws.get(1) != Some(&"dengan"));
    let topic: Vec<&str> = ws
        .iter()
        .copied()
        .filter(|w| {
            !crate::language::words::is_stopword(w)
                && !POINTERS.contains(w)
                && !OPENERS.contains(w)
                && !matches!(*w, "dengan" | "tahun" | "year")
        })
        .collect();
    if asks && topic.is_empty() {
        // A new question about the previous topic.
        return Some(format!("{} {}", question_part(&ws), topic_of(analyzer, previous)));
    }
    let points = ws.iter().any(|w| POINTERS.contains(w));
    if (asks && !opens) || topic.is_empty() || (answered_alone && !opens && !points) {
        return None;
    }
    Some(swap_topic(programs, previous, question, &topic))
}

/// The question words of a follow-up, as typed ("di mana", "kapan").
fn question_part(ws: &[&str]) -> String {
    ws.iter().filter(|w| !POINTERS.contains(*w) && !OPENERS.contains(*w)).copied().collect::<Vec<_>>().join(" ")
}

/// The previous question without its question words ("di mana", "apa saja"): its topic.
fn topic_of(analyzer: &Analyzer, previous: &str) -> String {
    let pw = QuestionWords::new(analyzer, previous);
    let ws: Vec<&str> = pw.as_typed().iter().flat_map(|w| w.split(' ')).collect();
    let asks_at = |i: Option<usize>| i.and_then(|i| ws.get(i)).is_some_and(|w| is_question_word(w));
    ws.iter()
        .enumerate()
        .filter(|&(i, w)| {
            let part_of_question = is_question_word(w)
                || (*w == "di" && asks_at(Some(i + 1)))
                || (*w == "saja" && asks_at(i.checked_sub(1)));
            !part_of_question
        })
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The previous question with its program or year replaced by the follow-up's, or with the
/// follow-up's topic words added.
fn swap_topic(programs: &[ProgramInfo], previous: &str, question: &str, topic: &[&str]) -> String {
    let mut merged = previous.trim_end_matches(['?', '.', '!', ' ']).to_string();
    let mut added: Vec<&str> = Vec::new();
    let new_program = mentioned_program(programs, question);
    if let (Some((_, new_text)), Some((old_range, _))) = (new_program.as_ref(), mentioned_program(programs, &merged)) {
        merged.replace_range(old_range, new_text);
    } else if let Some((_, new_text)) = &new_program {
        added.push(new_text);
    }
    // The follow-up's first year replaces the previous question's last one ("target 2024" →
    // "2023"); further years are added.
    let mut years = topic.iter().filter(|w| is_year(w));
    if let Some(year) = years.next() {
        let old = split_words(&merged).filter(|w| is_year(w.text)).last().map(|w| w.start..w.end);
        match old {
            Some(old) => merged.replace_range(old, year),
            None => added.push(year),
        }
    }
    added.extend(years);
    let program_words = new_program.as_ref().map(|(_, t)| t.to_lowercase()).unwrap_or_default();
    for w in topic {
        if !is_year(w) && !program_words.split(|c: char| !c.is_alphanumeric()).any(|p| p == *w) {
            added.push(w);
        }
    }
    if !added.is_empty() {
        merged.push(' ');
        merged.push_str(&added.join(" "));
    }
    merged
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<i32>().is_ok_and(|y| crate::language::calendar::YEARS.contains(&y))
}

/// The program `text` names (by name or alias, longest first), as its byte range and text.
fn mentioned_program(programs: &[ProgramInfo], text: &str) -> Option<(std::ops::Range<usize>, String)> {
    let mut names: Vec<&str> = programs
        .iter()
        .flat_map(|p| std::iter::once(p.name.as_str()).chain(p.aliases.iter().map(String::as_str)))
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.into_iter().find_map(|name| {
        let range = find_word(text, name)?;
        Some((range.clone(), text[range].to_string()))
    })
}

/// The byte range, in `hay` itself, of `needle` as whole words, letter case aside. Matched on
/// `hay` as written rather than on a lower-cased copy, whose byte offsets differ from the
/// original's wherever lower-casing changes a character's length ("İ", "ẞ").
fn find_word(hay: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    hay.char_indices().map(|(i, _)| i).find_map(|start| {
        let end = start + matched_len(&hay[start..], &needle)?;
        (boundary(hay[..start].chars().next_back()) && boundary(hay[end..].chars().next())).then_some(start..end)
    })
}

/// The length in bytes of the start of `hay` that lower-cases to `needle`, ending on a whole
/// character of `hay`.
fn matched_len(hay: &str, needle: &[char]) -> Option<usize> {
    let mut at = 0;
    for (i, c) in hay.char_indices() {
        if at == needle.len() {
            return Some(i);
        }
        for lower in c.to_lowercase() {
            if needle.get(at) != Some(&lower) {
                return None;
            }
            at += 1;
        }
    }
    (at == needle.len() && !needle.is_empty()).then_some(hay.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programs() -> Vec<ProgramInfo> {
        let p = |id: &str, name: &str, aliases: &[&str]| ProgramInfo {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            summary: String::new(),
            facts: Vec::new(),
        };
        vec![p("rpb", "Rumah Produksi Bersama", &["RPB"]), p("plut", "PLUT-KUMKM", &["PLUT"])]
    }

    fn read(q: &str, previous: &str) -> Option<String> {
        read_with(&Analyzer::new(), &programs(), q, previous, false)
    }

    #[test]
    fn a_new_program_or_year_takes_the_previous_question() {
        assert_eq!(read("kalau PLUT?", "brp target RPB 2024?").as_deref(), Some("brp target PLUT 2024"));
        assert_eq!(read("yang tahun 2023?", "brp target RPB 2024?").as_deref(), Some("brp target RPB 2023"));
        assert_eq!(
            read("kalo rumah produksi bersama", "berapa target PLUT?").as_deref(),
            Some("berapa target rumah produksi bersama")
        );
        assert_eq!(
            read("terus stakeholder?", "berapa mitra kemenkop").as_deref(),
            Some("berapa mitra kemenkop stakeholder")
        );
    }

    #[test]
    fn a_new_question_takes_the_previous_topic() {
        assert_eq!(
            read("itu di mana?", "kegiatan kolaborasi kemenkop").as_deref(),
            Some("di mana kegiatan kolaborasi kemenkop")
        );
        assert_eq!(read("kapan?", "berapa dokumen kerja sama?").as_deref(), Some("kapan dokumen kerja sama"));
    }

    #[test]
    fn a_short_message_answered_alone_is_a_follow_up_only_when_it_says_so() {
        let read = |q: &str| read_with(&Analyzer::new(), &programs(), q, "brp target RPB 2024?", true);
        assert_eq!(read("syarat KUR"), None);
        assert_eq!(read("kalau PLUT?").as_deref(), Some("brp target PLUT 2024"));
    }

    #[test]
    fn question_words_of_the_previous_question_are_not_its_topic() {
        assert_eq!(read("kapan?", "apa saja target di 2024").as_deref(), Some("kapan target di 2024"));
        assert_eq!(read("kapan?", "di mana acara kemenkop").as_deref(), Some("kapan acara kemenkop"));
        assert_eq!(
            read("kalau 2023 dan 2022?", "target RPB 2020 tahun 2024").as_deref(),
            Some("target RPB 2020 tahun 2023 2022")
        );
    }

    #[test]
    fn a_program_is_replaced_where_it_stands_after_letters_that_change_length_in_lower_case() {
        assert_eq!(read("kalau PLUT?", "İİ ẞ target RPB 2024?").as_deref(), Some("İİ ẞ target PLUT 2024"));
        assert_eq!(find_word("İstanbul RPB", "rpb"), Some("İstanbul ".len().."İstanbul RPB".len()));
        assert_eq!(find_word("RPBX", "rpb"), None);
        assert_eq!(find_word("", "rpb"), None);
    }

    #[test]
    fn a_question_of_its_own_is_not_a_follow_up() {
        assert_eq!(read("berapa target PLUT 2024?", "brp target RPB 2024?"), None);
        assert_eq!(read("apa itu KUR?", "brp target RPB"), None);
        assert_eq!(read("siapa kepala biro hukum dan kerja sama kemenkop ukm sekarang", "brp target RPB"), None);
        assert_eq!(read("", "brp target RPB"), None);
    }
}
