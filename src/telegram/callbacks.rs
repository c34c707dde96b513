//! Button data: every inline button's payload is built and read here, side by side.
//!
//! Telegram caps a button's callback data at [`MAX_CALLBACK_BYTES`], too small for a question,
//! so "Jawaban lain" and the votes carry the question's number in the store (recent questions
//! are kept by it in [`RecentQuestions`](super::state::RecentQuestions)) instead of the
//! question itself.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// Telegram's limit on a button's callback data, in bytes.
pub const MAX_CALLBACK_BYTES: usize = 64;

/// What a pressed button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    /// "Jawaban lain" / "Jawaban pertama": show hit `hit` of recent question `question`.
    Passage { question: u64, hit: usize },
    /// A `/program` button: send the facts of the program with this id.
    Program(String),
    /// 👍 or 👎 on the answer to question `question` (its number in the store).
    Vote { question: u64, up: bool },
    /// "Tanya petugas" under a declined answer: hand question `question` to the staff group.
    Handoff { question: u64 },
    /// Under a staff answer: save hand-off `handoff`'s question and answer as a curated one.
    SaveHandoff { handoff: u64 },
    /// Under an import preview: "Simpan" (`save`) or "Batal" for pending draft `draft`.
    Import { draft: u64, save: bool },
}

/// The buttons under an import preview: save it, or drop it.
pub fn import_keyboard(draft: u64) -> InlineKeyboardMarkup {
    let row = [
        Callback::Import { draft, save: true }.button("💾 Simpan"),
        Callback::Import { draft, save: false }.button("✖️ Batal"),
    ];
    InlineKeyboardMarkup::new([row.into_iter().flatten().collect::<Vec<_>>()])
}

/// The buttons under an answer: "Jawaban lain" to hit `next` (with `label`) when there is one,
/// and 👍 / 👎 beside it; below them "Tanya petugas" when `handoff` is offered. `question` is
/// the question's number in the store.
pub fn answer_keyboard(question: u64, next: Option<(usize, &str)>, handoff: bool) -> InlineKeyboardMarkup {
    let mut row = Vec::new();
    if let Some(button) = next.and_then(|(hit, label)| Callback::Passage { question, hit }.button(label)) {
        row.push(button);
    }
    row.extend(Callback::Vote { question, up: true }.button("👍"));
    row.extend(Callback::Vote { question, up: false }.button("👎"));
    let mut rows = vec![row];
    if handoff {
        rows.extend(Callback::Handoff { question }.button(ASK_STAFF).map(|b| vec![b]));
    }
    InlineKeyboardMarkup::new(rows)
}

/// The hand-off button's label.
pub const ASK_STAFF: &str = "🙋 Tanya petugas";

impl Callback {
    /// The button data, or `None` when it would not fit Telegram's limit.
    pub fn encode(&self) -> Option<String> {
        let data = match self {
            Callback::Passage { question, hit } => format!("more:{question}:{hit}"),
            Callback::Program(id) => format!("prog:{id}"),
            Callback::Vote { question, up } => format!("vote:{question}:{}", if *up { "up" } else { "down" }),
            Callback::Handoff { question } => format!("staff:{question}"),
            Callback::SaveHandoff { handoff } => format!("save:{handoff}"),
            Callback::Import { draft, save } => format!("imp:{}:{draft}", if *save { "ok" } else { "no" }),
        };
        (data.len() <= MAX_CALLBACK_BYTES).then_some(data)
    }

    /// Reads button data written by [`Callback::encode`]; `None` for anything else (an old or
    /// forged button).
    pub fn parse(data: &str) -> Option<Callback> {
        if let Some(rest) = data.strip_prefix("more:") {
            let (question, hit) = rest.split_once(':').unwrap_or((rest, "0"));
            return Some(Callback::Passage { question: question.parse().ok()?, hit: hit.parse().unwrap_or(0) });
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

    /// A button with this data, or `None` when the data would not fit.
    pub fn button(&self, label: impl Into<String>) -> Option<InlineKeyboardButton> {
        Some(InlineKeyboardButton::callback(label, self.encode()?))
    }

    /// A keyboard of this one button (none when the data would not fit).
    pub fn keyboard(&self, label: impl Into<String>) -> Option<InlineKeyboardMarkup> {
        Some(InlineKeyboardMarkup::new([[self.button(label)?]]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_callback_reads_back_as_itself() {
        for c in [
            Callback::Passage { question: 0, hit: 0 },
            Callback::Passage { question: u64::MAX, hit: 9 },
            Callback::Program("rumah-produksi-bersama".into()),
            Callback::Vote { question: 12, up: true },
            Callback::Vote { question: u64::MAX, up: false },
            Callback::Handoff { question: 3 },
            Callback::SaveHandoff { handoff: 4 },
            Callback::Import { draft: u64::MAX, save: true },
            Callback::Import { draft: 7, save: false },
        ] {
            assert_eq!(Callback::parse(&c.encode().expect("fits")), Some(c));
        }
    }

    #[test]
    fn an_answer_has_votes_beside_its_next_answer_button() {
        let labels = |k: InlineKeyboardMarkup| -> Vec<String> {
            k.inline_keyboard.concat().into_iter().map(|b| b.text).collect()
        };
        assert_eq!(labels(answer_keyboard(5, Some((1, "Jawaban lain ▸")), false)), ["Jawaban lain ▸", "👍", "👎"]);
        assert_eq!(labels(answer_keyboard(5, None, true)), ["👍", "👎", ASK_STAFF]);
    }

    #[test]
    fn data_over_telegrams_limit_makes_no_button() {
        let long = Callback::Program("p".repeat(MAX_CALLBACK_BYTES));
        assert_eq!(long.encode(), None);
        assert!(long.button("x").is_none());
        let fits = Callback::Program("p".repeat(MAX_CALLBACK_BYTES - "prog:".len()));
        assert!(fits.encode().is_some_and(|d| d.len() == MAX_CALLBACK_BYTES));
    }

    #[test]
    fn old_or_forged_data_is_not_a_callback() {
        for bad in [
            "",
            "more:",
            "more:x:1",
            "prog:",
            "other:1",
            "MORE:1:1",
            "vote:1",
            "vote:1:maybe",
            "vote:x:up",
            "staff:",
            "save:x",
        ] {
            assert_eq!(Callback::parse(bad), None, "{bad}");
        }
        assert_eq!(Callback::parse("more:7"), Some(Callback::Passage { question: 7, hit: 0 }));
    }
}
