//! What the bot keeps about its use: each question asked (for `/stats`, `/unanswered` and the
//! monthly report) and each vote on an answer.
//!
//! The Telegram layer records through the small [`Store`] trait; the engine never sees it.
//! [`SqliteStore`] is the one implementation: a SQLite file in `DATA_DIR`, nothing to install.
//! People are kept as a salted hash of their user id ([`Asker`]), and question texts only for
//! [`Retention::days`] (UU 27/2022 expects no more than a feature needs).

pub mod print;
pub mod report;
pub mod sqlite;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use report::{Period, Report, STALE_SOURCE_DAYS, TopQuestion};
pub use sqlite::SqliteStore;

/// Errors from the store. Opening names the file and what to do; a failed write while serving
/// is logged by the store and never reaches a user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path}: the database is damaged or is not a tanyakop database ({cause}); move it aside (it is kept, not deleted) and start again to create a new one"
    )]
    Corrupt { path: String, cause: String },
    #[error(
        "{path}: the database is locked by another program; stop the other tanyakop using this DATA_DIR and start again"
    )]
    Locked { path: String },
    #[error("{path}: cannot open the database ({cause}); check that DATA_DIR exists and is writable")]
    Open { path: String, cause: String },
    #[error("the database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the store's writer has stopped")]
    WriterGone,
}

/// Someone who asked or voted, as a salted hash of their Telegram user id: enough to tell one
/// person's votes from another's, not to find them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Asker(pub String);

/// The secret the bot's button data is signed with (see `telegram::callbacks`): made once per
/// database from the system's random source, so that buttons keep working across restarts and
/// no one without the database can forge one. Never printed: it has no `Debug`.
#[derive(Clone)]
pub struct ButtonKey(pub [u8; 32]);

/// Where a question was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatKind {
    Private,
    Group,
    Inline,
}

impl ChatKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatKind::Private => "private",
            ChatKind::Group => "group",
            ChatKind::Inline => "inline",
        }
    }
}

/// The number the store gives a recorded question; votes refer to it.
pub type QuestionId = i64;

/// One question asked and how the bot answered it.
#[derive(Debug, Clone, PartialEq)]
pub struct AskedQuestion {
    pub at: SystemTime,
    pub chat: ChatKind,
    pub asker: Option<Asker>,
    pub question: String,
    pub answered: bool,
    /// The intent the engine read, as `Answer::intent` serialises it.
    pub intent: String,
    /// The id of the passage shown first, if any.
    pub passage: Option<String>,
    /// The date of the source of the passage shown first, as days since the Unix epoch: what
    /// `/stats` counts stale answers by.
    pub source_day: Option<i64>,
    pub took: Duration,
    /// For an unanswered question in a private chat: the chat, so that an answer written
    /// later reaches who asked. Kept 30 days at most and cleared once sent.
    pub waiting_chat: Option<i64>,
}

/// A question handed to the staff group, and the staff's answer once given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handoff {
    pub id: i64,
    pub asker_chat: i64,
    pub question: String,
    pub answer: Option<String>,
}

/// A private chat whose question went unanswered, and the question as it asked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub chat: i64,
    pub question: String,
}

/// A vote on an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vote {
    Up,
    Down,
}

/// A 👎 with what it was about, for `/masukan`.
#[derive(Debug, Clone, PartialEq)]
pub struct DownVote {
    pub at: SystemTime,
    pub question: String,
    pub passage: Option<String>,
}

/// How long question texts are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub days: u32,
}

impl Default for Retention {
    /// 90 days: three monthly reports' worth.
    fn default() -> Self {
        Retention { days: 90 }
    }
}

/// What the Telegram layer needs of a store. Recording never blocks on the disk and never
/// fails to the caller: a store logs its own write failures and the bot keeps answering.
/// Reads are for admins and reports, and may take a few milliseconds.
pub trait Store: Send + Sync {
    /// How `user` (a Telegram user id) is stored: a salted hash, never the id.
    fn asker(&self, user: u64) -> Asker;
    /// The key the bot's buttons are signed with.
    fn button_key(&self) -> ButtonKey;
    /// Records a question; the id it returns is what votes on its answer refer to.
    fn record(&self, question: AskedQuestion) -> QuestionId;
    /// Records `asker`'s vote on the answer to `question`, replacing an earlier one of theirs.
    fn vote(&self, question: QuestionId, asker: Asker, vote: Vote, at: SystemTime);
    /// Questions, answers, votes and times over the periods of `now`.
    fn report(&self, now: SystemTime, periods: &[Period], top: usize) -> Result<Report, StoreError>;
    /// The most often unanswered questions (folded) with how often each was asked.
    fn unanswered(&self, limit: usize) -> Result<Vec<TopQuestion>, StoreError>;
    /// The unanswered question that question `id` asked (as [`unanswered`](Self::unanswered)
    /// lists it, under the same id), or `None` if `id` is no unanswered question kept.
    fn unanswered_question(&self, id: QuestionId) -> Result<Option<TopQuestion>, StoreError>;
    /// The private chats still waiting for an answer to `question` (compared folded), each
    /// once, newest first; they stop waiting.
    fn take_waiting(&self, question: &str) -> Result<Vec<Waiting>, StoreError>;
    /// Records a question handed to the staff group; returns the hand-off's number, or
    /// `None` when the same question from the same chat already waits for the staff (a second
    /// press of the button).
    fn open_handoff(&self, asker_chat: i64, question: &str, staff_chat: i64) -> Result<Option<i64>, StoreError>;
    /// Records the message that posted hand-off `id` in the staff group.
    fn posted_handoff(&self, id: i64, staff_message: i64) -> Result<(), StoreError>;
    /// The hand-off posted as `staff_message` in `staff_chat`, if that message is one.
    fn handoff_for_post(&self, staff_chat: i64, staff_message: i64) -> Result<Option<Handoff>, StoreError>;
    fn handoff(&self, id: i64) -> Result<Option<Handoff>, StoreError>;
    /// Records the staff's answer to hand-off `id`; its asker no longer waits for a curated
    /// answer to that question (they have one).
    fn answer_handoff(&self, id: i64, answer: &str) -> Result<(), StoreError>;
    /// Records update `id` (its JSON `body`) before Telegram is told it arrived; false when it
    /// was recorded before (Telegram sent it again).
    fn journal(&self, id: i64, body: &str) -> Result<bool, StoreError>;
    /// Marks update `id` handled: its body is forgotten.
    fn done(&self, id: i64);
    /// The recorded updates not handled yet (a crash came first), oldest first.
    fn unhandled(&self) -> Result<Vec<(i64, String)>, StoreError>;
    /// The latest 👎, newest first.
    fn down_votes(&self, limit: usize) -> Result<Vec<DownVote>, StoreError>;
}

/// Seconds since the Unix epoch (0 for a time before it).
pub fn unix(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// The time `secs` seconds after the Unix epoch.
pub fn from_unix(secs: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs.max(0) as u64)
}
