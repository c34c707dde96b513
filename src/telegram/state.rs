//! What the bot remembers between updates: the engine, who the admins are, counters, the
//! unanswered-questions log, the flood guard and recent questions for "Jawaban lain".
//!
//! Every collection here is bounded, so a flood of strangers cannot grow memory without limit.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::capped::Capped;
use crate::engine::SharedEngine;

/// Shared state of the running bot.
pub struct App {
    pub engine: SharedEngine,
    pub admins: HashSet<u64>,
    pub started: Instant,
    pub stats: Stats,
    pub unanswered: Unanswered,
    pub flood: FloodGuard,
    pub recent: RecentQuestions,
    /// Chats already told that only text is understood.
    pub hinted: Hinted,
    /// Each chat's last question, which a short follow-up is read with.
    pub previous: PreviousQuestions,
}

impl App {
    pub fn new(engine: SharedEngine, admins: impl IntoIterator<Item = u64>, data_dir: &Path) -> App {
        App {
            engine,
            admins: admins.into_iter().collect(),
            started: Instant::now(),
            stats: Stats::default(),
            unanswered: Unanswered::open(data_dir),
            flood: FloodGuard::default(),
            recent: RecentQuestions::default(),
            hinted: Hinted::default(),
            previous: PreviousQuestions::default(),
        }
    }

    pub fn is_admin(&self, user_id: u64) -> bool {
        self.admins.contains(&user_id)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
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
        lock(&self.0).insert(chat, ())
    }
}

/// Questions served, answered, and recent answer times.
#[derive(Default)]
pub struct Stats {
    inner: Mutex<StatsInner>,
}

/// How many recent answer times the median is taken over.
const TIMES_KEPT: usize = 1000;

struct StatsInner {
    questions: u64,
    answered: u64,
    /// Answer times by question number.
    times: Capped<u64, Duration>,
}

impl Default for StatsInner {
    fn default() -> Self {
        StatsInner { questions: 0, answered: 0, times: Capped::new(TIMES_KEPT) }
    }
}

/// The counters at one moment, for `/stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsSnapshot {
    pub questions: u64,
    pub answered: u64,
    /// Median of the recent answer times; `None` before the first question.
    pub median: Option<Duration>,
}

impl Stats {
    pub fn record(&self, answered: bool, took: Duration) {
        let mut g = lock(&self.inner);
        g.questions += 1;
        g.answered += u64::from(answered);
        let n = g.questions;
        g.times.insert(n, took);
    }

    pub fn snapshot(&self) -> StatsSnapshot {
        let g = lock(&self.inner);
        let mut t: Vec<Duration> = g.times.values().copied().collect();
        t.sort();
        StatsSnapshot { questions: g.questions, answered: g.answered, median: t.get(t.len() / 2).copied() }
    }
}

/// Questions the bot could not answer, counted and kept in `DATA_DIR/unanswered.jsonl` so that
/// they survive a restart.
pub struct Unanswered {
    path: PathBuf,
    counts: Mutex<HashMap<String, u32>>,
}

/// Distinct unanswered questions kept in memory; rarer ones beyond this are not counted.
const MAX_UNANSWERED: usize = 10_000;
/// Longest question kept in the log.
const MAX_LOGGED_CHARS: usize = 300;

/// A question (folded: lower case, single spaces) and how often it was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskedOften {
    pub question: String,
    pub times: u32,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct LogLine {
    q: String,
}

impl Unanswered {
    /// Opens the log in `data_dir`, counting what earlier runs wrote.
    pub fn open(data_dir: &Path) -> Unanswered {
        let path = data_dir.join("unanswered.jsonl");
        let mut counts = HashMap::new();
        if let Ok(text) = std::fs::read_to_string(&path) {
            for line in text.lines() {
                if let Ok(l) = serde_json::from_str::<LogLine>(line)
                    && (counts.len() < MAX_UNANSWERED || counts.contains_key(&l.q))
                {
                    *counts.entry(l.q).or_insert(0) += 1;
                }
            }
        }
        Unanswered { path, counts: Mutex::new(counts) }
    }

    /// Counts `question` and appends it to the log.
    pub fn record(&self, question: &str) {
        let q: String = crate::eval::fold(question).chars().take(MAX_LOGGED_CHARS).collect();
        if q.is_empty() {
            return;
        }
        {
            let mut g = lock(&self.counts);
            if g.len() >= MAX_UNANSWERED && !g.contains_key(&q) {
                return;
            }
            *g.entry(q.clone()).or_insert(0) += 1;
        }
        let line = match serde_json::to_string(&LogLine { q }) {
            Ok(l) => l,
            Err(_) => return,
        };
        let written = self
            .path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::OpenOptions::new().create(true).append(true).open(&self.path))
            .and_then(|mut f| writeln!(f, "{line}"));
        if let Err(e) = written {
            tracing::warn!(path = %self.path.display(), error = %e, "cannot write the unanswered-questions log");
        }
    }

    /// The most frequent unanswered questions, most frequent first.
    pub fn top(&self, n: usize) -> Vec<AskedOften> {
        let g = lock(&self.counts);
        let mut v: Vec<AskedOften> = g.iter().map(|(q, c)| AskedOften { question: q.clone(), times: *c }).collect();
        v.sort_by(|a, b| b.times.cmp(&a.times).then_with(|| a.question.cmp(&b.question)));
        v.truncate(n);
        v
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
        let mut senders = lock(&self.senders);
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
        let g = lock(&self.0);
        g.get(&(chat, user)).filter(|p| p.at.elapsed() < FOLLOW_UP_WINDOW).map(|p| p.question.clone())
    }

    pub fn set(&self, chat: i64, user: u64, question: &str) {
        lock(&self.0).insert((chat, user), Previous { question: question.to_string(), at: Instant::now() });
    }
}

/// Recent questions remembered for "Jawaban lain"; an older button says the question expired.
const RECENT_KEPT: usize = 10_000;

/// Recent questions by a short id, for the "Jawaban lain" button, whose data is too small for
/// a question (see [`callbacks`](super::callbacks)).
pub struct RecentQuestions {
    inner: Mutex<Recent>,
}

struct Recent {
    last_id: u64,
    questions: Capped<u64, String>,
}

impl Default for RecentQuestions {
    fn default() -> Self {
        RecentQuestions { inner: Mutex::new(Recent { last_id: 0, questions: Capped::new(RECENT_KEPT) }) }
    }
}

impl RecentQuestions {
    pub fn remember(&self, question: &str) -> u64 {
        let mut g = lock(&self.inner);
        g.last_id += 1;
        let id = g.last_id;
        g.questions.insert(id, question.to_string());
        id
    }

    pub fn get(&self, id: u64) -> Option<String> {
        lock(&self.inner).questions.get(&id).cloned()
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
    fn unanswered_questions_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let u = Unanswered::open(dir.path());
        u.record("Berapa  bunga KUR?");
        u.record("berapa bunga kur?");
        u.record("harga cabai");
        let again = Unanswered::open(dir.path());
        let top: Vec<(String, u32)> = again.top(5).into_iter().map(|a| (a.question, a.times)).collect();
        assert_eq!(top, [("berapa bunga kur?".to_string(), 2), ("harga cabai".to_string(), 1)]);
    }

    #[test]
    fn a_chat_is_hinted_once() {
        let h = Hinted::default();
        assert!(h.first_time(5));
        assert!(!h.first_time(5));
        assert!(h.first_time(6));
    }

    #[test]
    fn recent_questions_get_fresh_ids() {
        let r = RecentQuestions::default();
        let a = r.remember("satu");
        let b = r.remember("satu");
        assert_ne!(a, b);
        assert_eq!(r.get(a).as_deref(), Some("satu"));
        assert_eq!(r.get(b + 1), None);
    }
}
