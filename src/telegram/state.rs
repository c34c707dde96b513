//! What the bot remembers between updates: the engine, who the admins are, the store of
//! questions and votes, the flood guard and recent questions for "Jawaban lain".
//!
//! Every collection here is bounded, so a flood of strangers cannot grow memory without limit;
//! what must outlive a restart is in the [`Store`].

use std::collections::HashSet;
use std::sync::Arc;

use parking_lot::Mutex;
use std::time::{Duration, Instant};

use super::callbacks::Buttons;
use super::transport::capped::Capped;
use crate::engine::SharedEngine;
use crate::import::Draft;
use crate::import::fetch::FetchPolicy;
use crate::store::{QuestionId, Store};

/// Shared state of the running bot.
pub struct App {
    pub engine: SharedEngine,
    pub admins: HashSet<u64>,
    pub started: Instant,
    /// Questions and votes, kept across restarts.
    pub store: Arc<dyn Store>,
    /// Writes and reads button data, signed with the store's key for the chat it is sent to.
    pub buttons: Buttons,
    /// The staff group declined questions can be handed to (`STAFF_CHAT_ID`).
    pub staff_chat: Option<i64>,
    pub flood: FloodGuard,
    pub recent: RecentQuestions,
    /// Chats already told that only text is understood.
    pub hinted: Hinted,
    /// Each chat's last question, which a short follow-up is read with.
    pub previous: PreviousQuestions,
    /// Imported documents shown to an admin and waiting for "Simpan" or "Batal".
    pub imports: PendingImports,
    /// Which addresses an admin's link may be fetched from.
    pub fetch: FetchPolicy,
}

impl App {
    pub fn new(engine: SharedEngine, admins: impl IntoIterator<Item = u64>, store: Arc<dyn Store>) -> App {
        App {
            engine,
            admins: admins.into_iter().collect(),
            started: Instant::now(),
            buttons: Buttons::new(store.button_key()),
            store,
            staff_chat: None,
            flood: FloodGuard::default(),
            recent: RecentQuestions::default(),
            hinted: Hinted::default(),
            previous: PreviousQuestions::default(),
            imports: PendingImports::default(),
            fetch: FetchPolicy::default(),
        }
    }

    pub fn is_admin(&self, user_id: u64) -> bool {
        self.admins.contains(&user_id)
    }

    /// Runs `f` on the store off the async workers: its reads, and the writes a reply waits
    /// for, touch the disk.
    pub async fn on_store<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn Store) -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || f(store.as_ref())).await
    }
}

/// Chats remembered as already told something once.
const HINTED_KEPT: usize = 10_000;

/// Chats already given a one-time hint.
pub struct Hinted(Mutex<Capped<i64, ()>>);

impl Default for Hinted {
    fn default() -> Self {
        Hinted(Mutex::new(Capped::new(HINTED_KEPT)))
    }
}

impl Hinted {
    /// Marks `chat` as hinted; true if it was not already.
    pub fn first_time(&self, chat: i64) -> bool {
        self.0.lock().insert(chat, ())
    }
}

/// What the flood guard says about a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flood {
    Allow,
    /// Over the limit for the first time in this window: say so once.
    Warn,
    /// Over the limit and already warned: stay silent.
    Silent,
}

/// A sender's current flood window.
#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    questions: u32,
    warned: bool,
}

impl Window {
    fn new(now: Instant) -> Window {
        Window { started: now, questions: 0, warned: false }
    }
}

/// Questions a group member may ask per window before the guard steps in: a person reading the
/// answers asks a few a minute; more is a script or a flood.
const FLOOD_LIMIT: u32 = 5;
/// The flood guard's window.
const FLOOD_WINDOW: Duration = Duration::from_secs(60);
/// Senders watched at once; beyond this the one first seen longest ago starts afresh.
const MAX_TRACKED_SENDERS: usize = 50_000;

/// Per chat and user: at most `limit` questions per `window`.
pub struct FloodGuard {
    senders: Mutex<Capped<(i64, u64), Window>>,
    window: Duration,
    limit: u32,
}

impl Default for FloodGuard {
    fn default() -> Self {
        FloodGuard::new(FLOOD_LIMIT, FLOOD_WINDOW)
    }
}

impl FloodGuard {
    pub fn new(limit: u32, window: Duration) -> FloodGuard {
        FloodGuard { senders: Mutex::new(Capped::new(MAX_TRACKED_SENDERS)), window, limit }
    }

    pub fn check(&self, chat: i64, user: u64) -> Flood {
        let now = Instant::now();
        let mut senders = self.senders.lock();
        let w = senders.entry((chat, user), || Window::new(now));
        if now.duration_since(w.started) >= self.window {
            *w = Window::new(now);
        }
        w.questions += 1;
        if w.questions <= self.limit {
            Flood::Allow
        } else if !w.warned {
            w.warned = true;
            Flood::Warn
        } else {
            Flood::Silent
        }
    }
}

/// How long a question stays the one a follow-up is read with: a conversation's pause, not a
/// day later.
pub const FOLLOW_UP_WINDOW: Duration = Duration::from_secs(5 * 60);
/// Askers whose last question is remembered at once (in memory only, never written).
const PREVIOUS_KEPT: usize = 10_000;

/// A chat's last answered question and when it was asked.
#[derive(Debug, Clone)]
struct Previous {
    question: String,
    at: Instant,
}

/// The last answered question per chat and asker, for follow-ups ("kalau PLUT?").
pub struct PreviousQuestions(Mutex<Capped<(i64, u64), Previous>>);

impl Default for PreviousQuestions {
    fn default() -> Self {
        PreviousQuestions(Mutex::new(Capped::new(PREVIOUS_KEPT)))
    }
}

impl PreviousQuestions {
    /// The question `user` last asked in `chat`, if within [`FOLLOW_UP_WINDOW`].
    pub fn get(&self, chat: i64, user: u64) -> Option<String> {
        let g = self.0.lock();
        g.get(&(chat, user)).filter(|p| p.at.elapsed() < FOLLOW_UP_WINDOW).map(|p| p.question.clone())
    }

    pub fn set(&self, chat: i64, user: u64, question: &str) {
        self.0.lock().insert((chat, user), Previous { question: question.to_string(), at: Instant::now() });
    }
}

/// Recent questions remembered for "Jawaban lain"; an older button says the question expired.
const RECENT_KEPT: usize = 10_000;

/// Recent questions by their number in the store, for the "Jawaban lain" button, whose data
/// is too small for a question (see [`callbacks`](super::callbacks)).
pub struct RecentQuestions(Mutex<Capped<QuestionId, String>>);

impl Default for RecentQuestions {
    fn default() -> Self {
        RecentQuestions(Mutex::new(Capped::new(RECENT_KEPT)))
    }
}

impl RecentQuestions {
    pub fn remember(&self, id: QuestionId, question: &str) {
        self.0.lock().insert(id, question.to_string());
    }

    pub fn get(&self, id: QuestionId) -> Option<String> {
        self.0.lock().get(&id).cloned()
    }
}

/// How many previews may wait for an answer at once; admins preview a few documents at a time.
const PENDING_IMPORTS: usize = 32;
/// How long a preview's "Simpan" stays valid. Long enough to read the preview and check the
/// source; after that the knowledge base may have moved on, and the admin sends it again.
pub const PENDING_IMPORT_TTL: Duration = Duration::from_secs(60 * 60);

/// Drafts shown as previews, by number, until saved, cancelled, replaced or expired.
pub struct PendingImports {
    /// The last number given, and the drafts with their chat and when each was shown.
    inner: Mutex<(u64, Capped<u64, Shown>)>,
}

/// A draft, the chat its preview was sent to, and when.
type Shown = (i64, Instant, Draft);

impl Default for PendingImports {
    /// Numbers start at a random point, so that a preview's button from before a restart
    /// (signed with the same key, which the store keeps) finds no draft of the new process.
    fn default() -> Self {
        let mut start = [0u8; 8];
        // Without a random source numbers start at 0; the chat check still holds.
        let _ = getrandom::fill(&mut start);
        let start = u64::from_le_bytes(start) >> 1;
        PendingImports { inner: Mutex::new((start, Capped::new(PENDING_IMPORTS))) }
    }
}

impl PendingImports {
    /// Keeps `draft`, previewed in `chat`, and returns its number for the buttons.
    pub fn add(&self, chat: i64, draft: Draft) -> u64 {
        let mut inner = self.inner.lock();
        inner.0 = inner.0.wrapping_add(1);
        let id = inner.0;
        inner.1.insert(id, (chat, Instant::now(), draft));
        id
    }

    /// Takes draft `id` out for `chat`, unless it is unknown, another chat's, or older than
    /// [`PENDING_IMPORT_TTL`].
    pub fn take(&self, chat: i64, id: u64) -> Option<Draft> {
        let mut inner = self.inner.lock();
        if inner.1.get(&id).is_none_or(|(owner, _, _)| *owner != chat) {
            return None;
        }
        let (_, at, draft) = inner.1.remove(&id)?;
        (at.elapsed() < PENDING_IMPORT_TTL).then_some(draft)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flood_guard_warns_once_then_stays_silent() {
        let g = FloodGuard::new(2, Duration::from_secs(60));
        assert_eq!(g.check(1, 7), Flood::Allow);
        assert_eq!(g.check(1, 7), Flood::Allow);
        assert_eq!(g.check(1, 7), Flood::Warn);
        assert_eq!(g.check(1, 7), Flood::Silent);
        assert_eq!(g.check(1, 8), Flood::Allow, "other users are not affected");
    }

    #[test]
    fn a_chat_is_hinted_once() {
        let h = Hinted::default();
        assert!(h.first_time(5));
        assert!(!h.first_time(5));
        assert!(h.first_time(6));
    }

    fn draft() -> Draft {
        Draft {
            slug: "kur".into(),
            path: "articles/kur.md".into(),
            text: String::new(),
            title: "KUR".into(),
            date: None,
            source: None,
            url: None,
            programs: Vec::new(),
            program_names: Vec::new(),
            paragraphs: 1,
            figures: Vec::new(),
            replaces: false,
        }
    }

    #[test]
    fn a_draft_is_taken_only_in_its_chat_and_numbers_differ_across_restarts() {
        let pending = PendingImports::default();
        let id = pending.add(7, draft());
        assert!(pending.take(8, id).is_none(), "another chat's draft");
        assert!(pending.take(7, id).is_some());
        assert!(pending.take(7, id).is_none(), "taken once");
        // A new process (a restart) numbers its drafts elsewhere.
        let after_restart = PendingImports::default();
        assert_ne!(after_restart.add(7, draft()), id);
    }

    #[test]
    fn recent_questions_are_found_by_their_number() {
        let r = RecentQuestions::default();
        r.remember(3, "satu");
        r.remember(4, "dua");
        assert_eq!(r.get(3).as_deref(), Some("satu"));
        assert_eq!(r.get(5), None);
    }
}
