//! Small talk: greetings, thanks, farewells, "siapa kamu", "ok sip". A message is small talk
//! when it carries such a cue and nothing else but address forms and function words, so "halo
//! min" is a greeting while "halo, berapa target RPB?" is a question.
//!
//! The cue lists are written for this project from everyday Indonesian chat usage (and the
//! English forms people mix in); each word is matched after shorthand expansion.

use super::intent::QuestionWords;
use crate::answer::SmallTalk;
use crate::language::Token;
use crate::language::words::is_stopword;

/// Cue words and what they make a message, in order of precedence: "ok makasih" thanks, "halo,
/// kamu siapa" asks who the bot is.
const CUES: &[(SmallTalk, &[&str])] = &[
    (
        SmallTalk::Thanks,
        &[
            "kasih",
            "makasi",
            "makasih",
            "maksih",
            "mksh",
            "nuhun",
            "suwun",
            "tengkyu",
            "terimakasih",
            "thank",
            "thanks",
            "thankyou",
            "thx",
            "tq",
            "trims",
            "ty",
        ],
    ),
    (SmallTalk::Farewell, &["bye", "dadah", "goodbye", "jumpa", "permisi"]),
    (SmallTalk::Identity, &["kamu", "kau", "anda", "you", "lakukan", "bantu"]),
    (
        SmallTalk::Greeting,
        &[
            "alaikum",
            "assalamu",
            "assalamualaikum",
            "evening",
            "hai",
            "halo",
            "hallo",
            "hello",
            "helo",
            "hey",
            "hi",
            "hola",
            "malam",
            "morning",
            "pagi",
            "punten",
            "salam",
            "selamat",
            "siang",
            "sore",
            "waalaikumsalam",
            "wassalamualaikum",
        ],
    ),
    (
        SmallTalk::Acknowledgement,
        &[
            "baik", "good", "iya", "keren", "mantap", "mantul", "mengerti", "ngerti", "nice", "noted", "ok", "oke",
            "okay", "okey", "paham", "siap", "sip", "sipp", "wow",
        ],
    ),
];

/// Words that may stand beside a cue without making the message a question: address forms,
/// the bot's names, chat particles, and what people thank for ("makasih infonya").
const BESIDE_CUES: &[&str] = &[
    "admin",
    "are",
    "atas",
    "terima",
    "banget",
    "bang",
    "bot",
    "bapak",
    "buk",
    "can",
    "do",
    "for",
    "informasi",
    "informasinya",
    "info",
    "infonya",
    "jawaban",
    "jawabannya",
    "kak",
    "lakukan",
    "much",
    "oh",
    "semua",
    "sekali",
    "so",
    "tanyakop",
    "the",
    "very",
    "what",
    "who",
    "ya",
    "yah",
    "yes",
    "you",
    "your",
];

/// Words that only greet, thank or address, never name a topic: beside a question ("halo, brp
/// target RPB?", "makasih, kalau PLUT?") they are not searched for.
const CHAT_ONLY: &[&str] = &[
    "alaikum",
    "assalamu",
    "assalamualaikum",
    "bot",
    "hai",
    "hallo",
    "halo",
    "hello",
    "helo",
    "hey",
    "hi",
    "hola",
    "makasi",
    "makasih",
    "maksih",
    "mantap",
    "mantul",
    "mksh",
    "ok",
    "okay",
    "oke",
    "okey",
    "punten",
    "sip",
    "sipp",
    "tanyakop",
    "thanks",
    "thankyou",
    "thx",
    "tq",
    "trims",
];

/// Times of day that make a greeting after "selamat".
const DAY_TIMES: &[&str] = &["datang", "malam", "pagi", "siang", "sore"];

/// Whether question word `token` only greets, thanks or addresses the bot (see [`CHAT_ONLY`]);
/// "selamat pagi" and its like count whole.
pub fn is_chat_word(question: &QuestionWords, token: &Token) -> bool {
    let at = |p: Option<usize>| p.and_then(|p| question.as_typed().get(p)).map(String::as_str);
    let w = token.word.as_str();
    CHAT_ONLY.contains(&w)
        || (w == "selamat" && at(Some(token.position + 1)).is_some_and(|n| DAY_TIMES.contains(&n)))
        || (DAY_TIMES.contains(&w) && at(token.position.checked_sub(1)) == Some("selamat"))
}

/// What kind of small talk `words` is, if it is small talk at all.
pub fn detect(words: &QuestionWords) -> Option<SmallTalk> {
    let ws: Vec<&str> = words.as_typed().iter().flat_map(|w| w.split(' ')).collect();
    if ws.is_empty() {
        return None;
    }
    let cue_of = |w: &str| CUES.iter().position(|(_, list)| list.contains(&w));
    let mut best: Option<usize> = None;
    for w in &ws {
        match cue_of(w) {
            Some(c) => best = Some(best.map_or(c, |b| b.min(c))),
            None if BESIDE_CUES.contains(w) || is_stopword(w) => {}
            None => return None,
        }
    }
    let kind = CUES[best?].0;
    // "tidak paham", "belum ngerti": not an acknowledgement but a plea; answer it as a question.
    if kind == SmallTalk::Acknowledgement && ws.iter().any(|w| matches!(*w, "tidak" | "belum" | "kurang" | "bukan")) {
        return None;
    }
    // A pronoun alone ("kamu") does not ask who the bot is, nor does "bantu" alone; "kamu
    // siapa", "bisa bantu apa", "what can you do" do.
    let asks = ws.iter().any(|w| matches!(*w, "siapa" | "siapakah" | "apa" | "who" | "what" | "bisa" | "can"));
    if kind == SmallTalk::Identity && !asks {
        return None;
    }
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Analyzer;

    fn talk(s: &str) -> Option<SmallTalk> {
        detect(&QuestionWords::new(&Analyzer::new(), s))
    }

    #[test]
    fn greetings_thanks_and_farewells_are_small_talk() {
        for s in ["halo", "Hai bot", "selamat pagi min", "Assalamu'alaikum", "hello"] {
            assert_eq!(talk(s), Some(SmallTalk::Greeting), "{s}");
        }
        assert_eq!(talk("halo koperasi"), None, "a word beside the greeting may be a topic");
        for s in ["makasih ya", "terima kasih atas infonya", "ok thanks", "Thank you so much", "tq min"] {
            assert_eq!(talk(s), Some(SmallTalk::Thanks), "{s}");
        }
        assert_eq!(talk("dadah"), Some(SmallTalk::Farewell));
        assert_eq!(talk("sip, mantap infonya"), Some(SmallTalk::Acknowledgement));
    }

    #[test]
    fn asking_who_the_bot_is_is_small_talk() {
        for s in ["siapa kamu?", "kamu siapa", "kamu bisa apa aja", "what can you do?", "who are you"] {
            assert_eq!(talk(s), Some(SmallTalk::Identity), "{s}");
        }
        assert_eq!(talk("kamu"), None);
        assert_eq!(talk("ga ngerti"), None, "not understanding is not an acknowledgement");
    }

    #[test]
    fn a_question_with_a_greeting_is_a_question() {
        for s in ["halo, berapa target RPB?", "pagi min, kur itu apa", "makasih, kalau PLUT berapa?", "berapa", ""] {
            assert_eq!(talk(s), None, "{s}");
        }
    }
}
