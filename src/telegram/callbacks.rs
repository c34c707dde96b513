//! Button data: every inline button's payload is built and read here, side by side.
//!
//! Telegram caps a button's callback data at [`MAX_CALLBACK_BYTES`], too small for a question,
//! so "Jawaban lain" and the votes carry the question's number in the store (recent questions
//! are kept by it in [`RecentQuestions`](super::state::RecentQuestions)) instead of the
//! question itself.
//!
//! Telegram warns that a bad client can send any data as a button's: numbers in the store are
//! sequential, so a plain `vote:12:down` could be aimed at anyone's question. Every button that
//! acts on something asked (all but a program's, which only shows public facts) therefore ends
//! in a tag, an HMAC of its payload and the chat it was sent to, under a key kept in the store
//! ([`Store::button_key`](crate::store::Store::button_key)). Data that carries no tag, a wrong
//! one, or one made for another chat reads as `None`: an expired button.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use teloxide::types::{ChatId, InlineKeyboardButton, InlineKeyboardMarkup};

use crate::store::{ButtonKey, QuestionId};

/// Telegram's limit on a button's callback data, in bytes.
pub const MAX_CALLBACK_BYTES: usize = 64;

/// Bytes of the HMAC kept in a button. 64 bits: each guess at a forged tag costs the forger a
/// round trip through Telegram, so guessing one is out of reach, and the longest payload
/// (`vote:<19 digits>:down`) still fits in Telegram's 64 bytes with it.
const TAG_BYTES: usize = 8;

/// Between a payload and its tag; appears in no payload but a program id's, and those are
/// never tagged.
const TAG_SEPARATOR: char = '~';

/// What a pressed button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    /// "Jawaban lain" / "Jawaban pertama": show hit `hit` of recent question `question`.
    Passage { question: QuestionId, hit: usize },
    /// A `/program` button: send the facts of the program with this id.
    Program(String),
    /// 👍 or 👎 on the answer to question `question` (its number in the store).
    Vote { question: QuestionId, up: bool },
    /// "Tanya petugas" under a declined answer: hand question `question` to the staff group.
    Handoff { question: QuestionId },
    /// Under a staff answer: save hand-off `handoff`'s question and answer as a curated one.
    SaveHandoff { handoff: i64 },
    /// Under an import preview: "Simpan" (`save`) or "Batal" for pending draft `draft`.
    Import { draft: u64, save: bool },
}

/// The hand-off button's label.
pub const ASK_STAFF: &str = "🙋 Tanya petugas";

impl Callback {
    /// Whether the button is tagged with its chat. A program's facts are the same for
    /// everyone, so its button is left plain and keeps the room for long program ids.
    fn is_tagged(&self) -> bool {
        !matches!(self, Callback::Program(_))
    }

    /// The payload, before any tag.
    fn payload(&self) -> String {
        match self {
            Callback::Passage { question, hit } => format!("more:{question}:{hit}"),
            Callback::Program(id) => format!("prog:{id}"),
            Callback::Vote { question, up } => format!("vote:{question}:{}", if *up { "up" } else { "down" }),
            Callback::Handoff { question } => format!("staff:{question}"),
            Callback::SaveHandoff { handoff } => format!("save:{handoff}"),
            Callback::Import { draft, save } => format!("imp:{}:{draft}", if *save { "ok" } else { "no" }),
        }
    }

    /// Reads a payload written by [`Callback::payload`]; `None` for anything else.
    fn parse_payload(data: &str) -> Option<Callback> {
        if let Some(rest) = data.strip_prefix("more:") {
            let (question, hit) = rest.split_once(':')?;
            return Some(Callback::Passage { question: question.parse().ok()?, hit: hit.parse().ok()? });
        }
        if let Some(rest) = data.strip_prefix("vote:") {
            let (question, vote) = rest.split_once(':')?;
            let up = match vote {
                "up" => true,
                "down" => false,
                _ => return None,
            };
            return Some(Callback::Vote { question: question.parse().ok()?, up });
        }
        if let Some(question) = data.strip_prefix("staff:") {
            return Some(Callback::Handoff { question: question.parse().ok()? });
        }
        if let Some(rest) = data.strip_prefix("imp:") {
            let (choice, draft) = rest.split_once(':')?;
            let save = match choice {
                "ok" => true,
                "no" => false,
                _ => return None,
            };
            return Some(Callback::Import { draft: draft.parse().ok()?, save });
        }
        if let Some(handoff) = data.strip_prefix("save:") {
            return Some(Callback::SaveHandoff { handoff: handoff.parse().ok()? });
        }
        let id = data.strip_prefix("prog:")?;
        (!id.is_empty()).then(|| Callback::Program(id.to_string()))
    }
}

/// Writes and reads button data for the chats the buttons are sent to.
#[derive(Clone)]
pub struct Buttons {
    key: ButtonKey,
}

impl Buttons {
    pub fn new(key: ButtonKey) -> Buttons {
        Buttons { key }
    }

    /// The data of `callback`'s button in `chat`, or `None` when it would not fit Telegram's
    /// limit.
    pub fn data(&self, chat: ChatId, callback: &Callback) -> Option<String> {
        let payload = callback.payload();
        let data = if callback.is_tagged() {
            format!("{payload}{TAG_SEPARATOR}{}", self.tag(chat, &payload))
        } else {
            payload
        };
        (data.len() <= MAX_CALLBACK_BYTES).then_some(data)
    }

    /// What `data`, pressed in `chat`, asks for; `None` for an old, forged or replayed button:
    /// one without a tag, with a wrong tag, or with the tag of another chat.
    pub fn read(&self, chat: ChatId, data: &str) -> Option<Callback> {
        let (payload, tag) = match data.rsplit_once(TAG_SEPARATOR) {
            Some((payload, tag)) if !data.starts_with("prog:") => (payload, Some(tag)),
            _ => (data, None),
        };
        let callback = Callback::parse_payload(payload)?;
        match tag {
            Some(tag) if callback.is_tagged() && self.verify(chat, payload, tag) => Some(callback),
            None if !callback.is_tagged() => Some(callback),
            _ => None,
        }
    }

    /// A button with `callback`'s data for `chat`, or `None` when the data would not fit.
    pub fn button(&self, chat: ChatId, callback: &Callback, label: impl Into<String>) -> Option<InlineKeyboardButton> {
        Some(InlineKeyboardButton::callback(label, self.data(chat, callback)?))
    }

    /// A keyboard of this one button (none when the data would not fit).
    pub fn keyboard(
        &self,
        chat: ChatId,
        callback: &Callback,
        label: impl Into<String>,
    ) -> Option<InlineKeyboardMarkup> {
        Some(InlineKeyboardMarkup::new([[self.button(chat, callback, label)?]]))
    }

    /// The buttons under an answer in `chat`: "Jawaban lain" to hit `next` (with `label`)
    /// when there is one, and 👍 / 👎 beside it; below them "Tanya petugas" when `handoff` is
    /// offered. `question` is the question's number in the store.
    pub fn answer_keyboard(
        &self,
        chat: ChatId,
        question: QuestionId,
        next: Option<(usize, &str)>,
        handoff: bool,
    ) -> InlineKeyboardMarkup {
        let mut row = Vec::new();
        if let Some((hit, label)) = next {
            row.extend(self.button(chat, &Callback::Passage { question, hit }, label));
        }
        row.extend(self.button(chat, &Callback::Vote { question, up: true }, "👍"));
        row.extend(self.button(chat, &Callback::Vote { question, up: false }, "👎"));
        let mut rows = vec![row];
        if handoff {
            rows.extend(self.button(chat, &Callback::Handoff { question }, ASK_STAFF).map(|b| vec![b]));
        }
        InlineKeyboardMarkup::new(rows)
    }

    /// The buttons under an import preview in `chat`: save it, or drop it.
    pub fn import_keyboard(&self, chat: ChatId, draft: u64) -> InlineKeyboardMarkup {
        let row = [
            self.button(chat, &Callback::Import { draft, save: true }, "💾 Simpan"),
            self.button(chat, &Callback::Import { draft, save: false }, "✖️ Batal"),
        ];
        InlineKeyboardMarkup::new([row.into_iter().flatten().collect::<Vec<_>>()])
    }

    fn mac(&self, chat: ChatId, payload: &str) -> Hmac<Sha256> {
        // An HMAC takes a key of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key.0).expect("HMAC takes any key length");
        mac.update(&chat.0.to_le_bytes());
        mac.update(payload.as_bytes());
        mac
    }

    fn tag(&self, chat: ChatId, payload: &str) -> String {
        let full = self.mac(chat, payload).finalize().into_bytes();
        crate::hex::encode(&full[..TAG_BYTES])
    }

    /// Whether `tag` (hex) is `payload`'s tag in `chat`, compared in constant time.
    fn verify(&self, chat: ChatId, payload: &str, tag: &str) -> bool {
        // Upper-case hex is no tag this module wrote.
        let Some(bytes) = crate::hex::decode::<TAG_BYTES>(tag).filter(|_| !tag.bytes().any(|b| b.is_ascii_uppercase()))
        else {
            return false;
        };
        self.mac(chat, payload).verify_truncated_left(&bytes).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn buttons() -> Buttons {
        Buttons::new(ButtonKey([7; 32]))
    }

    const CHAT: ChatId = ChatId(500);

    #[test]
    fn every_callback_reads_back_as_itself_in_its_chat() {
        let b = buttons();
        for c in [
            Callback::Passage { question: 0, hit: 0 },
            Callback::Passage { question: i64::MAX, hit: 9 },
            Callback::Program("rumah-produksi-bersama".into()),
            Callback::Vote { question: 12, up: true },
            Callback::Vote { question: i64::MAX, up: false },
            Callback::Handoff { question: 3 },
            Callback::SaveHandoff { handoff: 4 },
            Callback::Import { draft: u64::MAX, save: true },
            Callback::Import { draft: 7, save: false },
        ] {
            assert_eq!(b.read(CHAT, &b.data(CHAT, &c).expect("fits")), Some(c));
        }
    }

    #[test]
    fn a_button_pressed_in_another_chat_or_under_another_key_is_expired() {
        let b = buttons();
        let vote = b.data(CHAT, &Callback::Vote { question: 12, up: false }).expect("fits");
        assert_eq!(b.read(ChatId(501), &vote), None);
        assert_eq!(b.read(ChatId(-500), &vote), None);
        assert_eq!(Buttons::new(ButtonKey([8; 32])).read(CHAT, &vote), None);
        // A program's button shows public facts: it reads the same in any chat.
        let program = b.data(CHAT, &Callback::Program("kur".into())).expect("fits");
        assert_eq!(b.read(ChatId(501), &program), Some(Callback::Program("kur".into())));
    }

    #[test]
    fn untagged_altered_or_malformed_data_is_not_a_callback() {
        let b = buttons();
        let more = b.data(CHAT, &Callback::Passage { question: 1, hit: 1 }).expect("fits");
        let (_, tag) = more.rsplit_once(TAG_SEPARATOR).expect("tagged");
        let forged = [
            "more:1:1".to_string(),
            "vote:1:down".to_string(),
            "staff:1".to_string(),
            "save:1".to_string(),
            "imp:ok:1".to_string(),
            format!("more:2:1~{tag}"),
            format!("more:1:2~{tag}"),
            format!("vote:1:up~{tag}"),
            format!("more:1:1~{}", tag.to_uppercase()),
            format!("more:1:1~{}", &tag[..TAG_BYTES]),
            "more:1:1~".to_string(),
            "more:1:1~zz".to_string(),
        ];
        for bad in forged.iter().map(String::as_str).chain(["", "more:", "prog:", "other:1", "MORE:1:1~00"]) {
            assert_eq!(b.read(CHAT, bad), None, "{bad}");
        }
        assert_eq!(b.read(CHAT, &more), Some(Callback::Passage { question: 1, hit: 1 }));
    }

    #[test]
    fn an_answer_has_votes_beside_its_next_answer_button() {
        let labels = |k: InlineKeyboardMarkup| -> Vec<String> {
            k.inline_keyboard.concat().into_iter().map(|b| b.text).collect()
        };
        let b = buttons();
        assert_eq!(
            labels(b.answer_keyboard(CHAT, 5, Some((1, "Jawaban lain ▸")), false)),
            ["Jawaban lain ▸", "👍", "👎"]
        );
        assert_eq!(labels(b.answer_keyboard(CHAT, 5, None, true)), ["👍", "👎", ASK_STAFF]);
    }

    #[test]
    fn the_longest_tagged_data_fits_and_data_over_telegrams_limit_makes_no_button() {
        let b = buttons();
        let longest = b.data(ChatId(i64::MIN), &Callback::Vote { question: i64::MIN, up: false }).expect("fits");
        assert!(longest.len() <= MAX_CALLBACK_BYTES, "{longest}");
        let long = Callback::Program("p".repeat(MAX_CALLBACK_BYTES));
        assert_eq!(b.data(CHAT, &long), None);
        assert!(b.button(CHAT, &long, "x").is_none());
        let fits = Callback::Program("p".repeat(MAX_CALLBACK_BYTES - "prog:".len()));
        assert!(b.data(CHAT, &fits).is_some_and(|d| d.len() == MAX_CALLBACK_BYTES));
    }
}
