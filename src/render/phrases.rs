//! The reply's own words, in the question's language: Indonesian, or English for a question
//! asked in English. The knowledge base's text is shown as written, in Indonesian.

use crate::answer::{Language, SmallTalk};

/// Everything a reply says in its own words.
pub struct Phrases {
    /// Before a citation: "Sumber".
    pub source: &'static str,
    /// The decline.
    pub not_found: &'static str,
    /// The decline when a passage is about the topic but does not hold what is asked.
    pub not_found_topic: &'static str,
    /// After a decline that says what is missing, before the passage on the topic.
    pub known_on_topic: &'static str,
    /// Before the list of programs the bot knows.
    pub can_answer: &'static str,
    /// An example question after that list: (the question).
    pub example: fn(&str) -> String,
    /// Before the items of a list answer.
    pub list_intro: &'static str,
    /// Before typo corrections: "(Saya membaca: …)".
    pub read_as: &'static str,
    /// Before a follow-up as read with the previous question.
    pub follow_up: &'static str,
    /// Before example questions offered with small talk.
    pub ask_for_example: &'static str,
    /// Above a curated answer, and above the passage shown below one.
    pub curated: &'static str,
    pub related: &'static str,
    /// "Jawaban lain" and "Jawaban pertama" buttons.
    pub more: &'static str,
    pub back: &'static str,
    /// A reply's opening to small talk.
    pub small_talk: fn(SmallTalk) -> &'static str,
    /// The decline of a question naming a period, or a place, that no passage on its topic
    /// speaks of: (the years or places asked).
    pub no_data_for: fn(&str) -> String,
    /// After it, the periods there are: (what was asked about, the years).
    pub known_periods: fn(&str, &str) -> String,
    /// The word joining the last two items of a list: "dan".
    pub and: &'static str,
    /// Beside the answer to a question for the newest: (the source's day).
    pub as_of: fn(&str) -> String,
}

const INDONESIAN: Phrases = Phrases {
    source: "Sumber",
    not_found: "Maaf, saya belum menemukan jawabannya di basis pengetahuan saya.",
    not_found_topic: "Maaf, jawaban untuk itu belum ada di basis pengetahuan saya. Yang saya ketahui tentang topik ini:",
    known_on_topic: "Yang saya ketahui tentang topik ini:",
    can_answer: "Saya bisa menjawab pertanyaan tentang: ",
    example: |q| format!("Contoh: “{q}”"),
    list_intro: "Berikut yang saya temukan:",
    read_as: "Saya membaca",
    follow_up: "Saya membaca pertanyaan Anda sebagai",
    ask_for_example: "Silakan bertanya, misalnya:",
    curated: "Jawaban ringkas:",
    related: "Informasi terkait:",
    more: "Jawaban lain ▸",
    back: "◂ Jawaban pertama",
    small_talk: |kind| match kind {
        SmallTalk::Greeting => {
            "Halo! 👋 Saya tanyakop, asisten yang menjawab pertanyaan seputar program Kementerian Koperasi dan Kementerian UMKM (dahulu Kementerian Koperasi dan UKM)."
        }
        SmallTalk::Thanks => "Sama-sama! 🙏 Senang bisa membantu.",
        SmallTalk::Farewell => "Sampai jumpa! 👋 Silakan kembali kapan saja.",
        SmallTalk::Identity => {
            "Saya tanyakop, bot yang menjawab pertanyaan tentang program Kementerian Koperasi dan Kementerian UMKM dari basis pengetahuannya: angkanya lebih dulu, lalu kalimat dan sumbernya."
        }
        SmallTalk::Acknowledgement => "Baik! 👍",
    },
    no_data_for: |asked| format!("Maaf, data untuk {asked} belum ada di basis pengetahuan saya."),
    known_periods: |topic, years| match topic {
        "" => format!("Data yang saya punya untuk itu: {years}."),
        topic => format!("Data “{topic}” yang saya punya: {years}."),
    },
    and: "dan",
    as_of: |day| format!("per {day}"),
};

const ENGLISH: Phrases = Phrases {
    source: "Source",
    not_found: "Sorry, I could not find the answer in my knowledge base.",
    not_found_topic: "Sorry, my knowledge base does not have that answer. What I know about the topic:",
    known_on_topic: "What I know about the topic:",
    can_answer: "I can answer questions about: ",
    example: |q| format!("For example: “{q}”"),
    list_intro: "Here is what I found:",
    read_as: "I read",
    follow_up: "I read your question as",
    ask_for_example: "Ask me, for example:",
    curated: "Short answer:",
    related: "Related:",
    more: "Other answers ▸",
    back: "◂ First answer",
    small_talk: |kind| match kind {
        SmallTalk::Greeting => {
            "Hello! 👋 I am tanyakop, an assistant for questions about the programs of Indonesia's Ministry of Cooperatives and Ministry of SMEs."
        }
        SmallTalk::Thanks => "You're welcome! 🙏",
        SmallTalk::Farewell => "Goodbye! 👋 Come back any time.",
        SmallTalk::Identity => {
            "I am tanyakop, a bot that answers questions about the programs of Indonesia's Ministry of Cooperatives and Ministry of SMEs from its knowledge base: the figure first, then the sentence and its source."
        }
        SmallTalk::Acknowledgement => "All right! 👍",
    },
    no_data_for: |asked| format!("Sorry, my knowledge base has no figures for {asked} yet."),
    known_periods: |topic, years| match topic {
        "" => format!("The years I have for that: {years}."),
        topic => format!("The years I have for “{topic}”: {years}."),
    },
    and: "and",
    as_of: |day| format!("as of {day}"),
};

/// The phrases of `language`.
pub fn of(language: Language) -> &'static Phrases {
    match language {
        Language::Id => &INDONESIAN,
        Language::En => &ENGLISH,
    }
}
