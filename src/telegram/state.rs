//! What the bot remembers between updates: the engine, who the admins are, counters, the
//! unanswered-questions log, the flood guard and recent questions for "Jawaban lain".
//!
//! Every collection here is bounded, so a flood of strangers cannot grow memory without limit.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
    pub hinted: Bounded<i64>,
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
            hinted: Bounded::new(10_000),
        }
    }

    pub fn is_admin(&self, user_id: u64) -> bool {
        self.admins.contains(&user_id)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A set that forgets its oldest members beyond a capacity.
pub struct Bounded<T> {
    inner: Mutex<(HashSet<T>, VecDeque<T>)>,
    capacity: usize,
}

impl<T: std::hash::Hash + Eq + Clone> Bounded<T> {
    pub fn new(capacity: usize) -> Self {
        Bounded { inner: Mutex::new((HashSet::new(), VecDeque::new())), capacity }
    }

    /// Adds `v`; true if it was not there.
    pub fn insert(&self, v: T) -> bool {
        let mut g = lock(&self.inner);
        if !g.0.insert(v.clone()) {
            return false;
        }
        g.1.push_back(v);
        if g.1.len() > self.capacity
            && let Some(old) = g.1.pop_front()
        {
            g.0.remove(&old);
        }
        true
    }
}

/// Questions served, answered, and recent answer times.
#[derive(Default)]
pub struct Stats {
    inner: Mutex<StatsInner>,
}

#[derive(Default)]
struct StatsInner {
    questions: u64,
    answered: u64,
    times: VecDeque<Duration>,
}

/// How many recent answer times the median is taken over.
const TIMES_KEPT: usize = 1000;

impl Stats {
    pub fn record(&self, answered: bool, took: Duration) {
        let mut g = lock(&self.inner);
        g.questions += 1;
        g.answered += u64::from(answered);
        g.times.push_back(took);
        if g.times.len() > TIMES_KEPT {
            g.times.pop_front();
        }
    }

    /// (questions, answered, median answer time)
    pub fn snapshot(&self) -> (u64, u64, Option<Duration>) {
        let g = lock(&self.inner);
        let mut t: Vec<Duration> = g.times.iter().copied().collect();
        t.sort();
        (g.questions, g.answered, t.get(t.len() / 2).copied())
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
    pub fn top(&self, n: usize) -> Vec<(String, u32)> {
        let g = lock(&self.counts);
        let mut v: Vec<(String, u32)> = g.iter().map(|(q, c)| (q.clone(), *c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
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

/// A sender's current window: when it started, questions in it, whether they were warned.
type Window = (Instant, u32, bool);

/// Per chat and user: at most `limit` questions per `window`.
pub struct FloodGuard {
    inner: Mutex<HashMap<(i64, u64), Window>>,
    window: Duration,
    limit: u32,
}

impl Default for FloodGuard {
    fn default() -> Self {
        FloodGuard::new(5, Duration::from_secs(60))
    }
}

/// Senders tracked at once; the table is cleared of expired windows when it is full.
const MAX_TRACKED_SENDERS: usize = 50_000;

impl FloodGuard {
    pub fn new(limit: u32, window: Duration) -> FloodGuard {
        FloodGuard { inner: Mutex::new(HashMap::new()), window, limit }
    }

    pub fn check(&self, chat: i64, user: u64) -> Flood {
        let now = Instant::now();
        let mut g = lock(&self.inner);
        if g.len() >= MAX_TRACKED_SENDERS {
            let window = self.window;
            g.retain(|_, (start, _, _)| now.duration_since(*start) < window);
        }
        let e = g.entry((chat, user)).or_insert((now, 0, false));
        if now.duration_since(e.0) >= self.window {
            *e = (now, 0, false);
        }
        e.1 += 1;
        if e.1 <= self.limit {
            Flood::Allow
        } else if !e.2 {
            e.2 = true;
            Flood::Warn
        } else {
            Flood::Silent
        }
    }
}

/// Recent questions by a short id, for the "Jawaban lain" button (whose data is capped at 64
/// bytes, too small for a question).
pub struct RecentQuestions {
    inner: Mutex<(u64, HashMap<u64, String>, VecDeque<u64>)>,
}

const RECENT_KEPT: usize = 10_000;

impl Default for RecentQuestions {
    fn default() -> Self {
        RecentQuestions { inner: Mutex::new((0, HashMap::new(), VecDeque::new())) }
    }
}

impl RecentQuestions {
    pub fn remember(&self, question: &str) -> u64 {
        let mut g = lock(&self.inner);
        g.0 += 1;
        let id = g.0;
        g.1.insert(id, question.to_string());
        g.2.push_back(id);
        if g.2.len() > RECENT_KEPT
            && let Some(old) = g.2.pop_front()
        {
            g.1.remove(&old);
        }
        id
    }

    pub fn get(&self, id: u64) -> Option<String> {
        lock(&self.inner).1.get(&id).cloned()
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
        assert_eq!(again.top(5), vec![("berapa bunga kur?".to_string(), 2), ("harga cabai".to_string(), 1)]);
    }

    #[test]
    fn bounded_set_forgets_the_oldest() {
        let b = Bounded::new(2);
        assert!(b.insert(1));
        assert!(!b.insert(1));
        assert!(b.insert(2));
        assert!(b.insert(3));
        assert!(b.insert(1), "1 was forgotten");
    }
}
