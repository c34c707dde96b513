//! [`Store`] on a SQLite file (`DATA_DIR/tanyakop.sqlite3`), in WAL mode, so that another
//! process (`tanyakop report`) can read while the bot writes. Within the bot, one connection
//! under a mutex serves both the writer and the reads, so a read waits for the write in
//! progress: writes go through a channel to one writer thread, so that no async worker waits
//! for the disk, and reads (admins' commands, reports) first let the writer catch up.
//!
//! The schema is created and upgraded by [`MIGRATIONS`], numbered by SQLite's `user_version`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use parking_lot::Mutex;
use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::report::{PeriodCounts, STALE_SOURCE_DAYS, percentile};
use super::{
    AskedQuestion, Asker, ButtonKey, DownVote, Handoff, Period, QuestionId, Report, Retention, Store, StoreError,
    TopQuestion, Vote, Waiting, from_unix, unix,
};

/// The database's file name in `DATA_DIR`.
pub const FILE_NAME: &str = "tanyakop.sqlite3";

/// The schema, one step per entry; entry `n` takes `user_version` from `n` to `n + 1`. Never
/// edit a step that has shipped: add one.
pub const MIGRATIONS: &[&str] = &[
    // 1: questions, votes, and the store's own settings (the salt, one-time imports).
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE questions (
         id INTEGER PRIMARY KEY,
         at INTEGER NOT NULL,
         chat TEXT NOT NULL,
         asker TEXT,
         question TEXT,
         folded TEXT,
         answered INTEGER NOT NULL,
         intent TEXT NOT NULL,
         passage TEXT,
         took_us INTEGER NOT NULL
     );
     CREATE INDEX questions_at ON questions (at);
     CREATE TABLE votes (
         question INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
         asker TEXT NOT NULL,
         up INTEGER NOT NULL,
         at INTEGER NOT NULL,
         PRIMARY KEY (question, asker)
     );
     CREATE INDEX votes_at ON votes (at);",
    // 2: the private chat of an unanswered question, so that a curated answer written later
    // (`/jawab`) reaches who asked. Kept for `WAITING_DAYS` at most, and cleared once sent.
    "ALTER TABLE questions ADD COLUMN waiting_chat INTEGER;
     CREATE INDEX questions_waiting ON questions (folded) WHERE waiting_chat IS NOT NULL;",
    // 3: questions handed to the staff group, and the staff's answers.
    "CREATE TABLE handoffs (
         id INTEGER PRIMARY KEY,
         at INTEGER NOT NULL,
         asker_chat INTEGER NOT NULL,
         question TEXT NOT NULL,
         staff_chat INTEGER NOT NULL,
         staff_message INTEGER,
         answer TEXT,
         answered_at INTEGER
     );
     CREATE UNIQUE INDEX handoffs_post ON handoffs (staff_chat, staff_message);",
    // 4: the journal of updates: each recorded before Telegram is told it arrived, done once
    // handled, so that a crash loses none.
    "CREATE TABLE updates (
         id INTEGER PRIMARY KEY,
         at INTEGER NOT NULL,
         body TEXT,
         done INTEGER NOT NULL DEFAULT 0
     );
     CREATE INDEX updates_pending ON updates (id) WHERE done = 0;",
    // 5: the day of the source each answer came from, so that `/stats` shows how many answers
    // rest on old sources.
    "ALTER TABLE questions ADD COLUMN source_day INTEGER;",
];

/// How long an update waits in the journal to be handled: Telegram itself keeps unfetched
/// updates for 24 hours, and an answer a day late is no answer.
const JOURNAL_HOURS: i64 = 24;

/// Days a private chat waits for a curated answer to its unanswered question.
pub const WAITING_DAYS: u32 = 30;

/// How long opening waits for another connection's lock before saying the file is locked.
const OPEN_BUSY_TIMEOUT: Duration = Duration::from_secs(2);
/// How often the writer clears question texts past the retention period.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);
/// Longest question kept, in characters: longer messages are not questions anyone reports on.
const MAX_KEPT_CHARS: usize = 500;

enum Job {
    Question(QuestionId, AskedQuestion),
    /// Update `id` has been handled.
    Done(i64),
    Vote {
        question: QuestionId,
        asker: Asker,
        up: bool,
        at: SystemTime,
    },
    /// Answers once every job sent before it is written.
    Flush(mpsc::Sender<()>),
}

/// The SQLite store. Dropping it lets the writer finish what was sent.
pub struct SqliteStore {
    path: PathBuf,
    conn: Arc<Mutex<Connection>>,
    jobs: Mutex<Option<mpsc::Sender<Job>>>,
    writer: Option<std::thread::JoinHandle<()>>,
    next_id: AtomicI64,
    salt: String,
    button_key: ButtonKey,
}

impl SqliteStore {
    /// Opens (creating or upgrading) the store in `data_dir`, and imports an
    /// `unanswered.jsonl` left there by earlier versions, once.
    pub fn open(data_dir: &Path, retention: Retention) -> Result<SqliteStore, StoreError> {
        let path = data_dir.join(FILE_NAME);
        let shown = path.display().to_string();
        std::fs::create_dir_all(data_dir)
            .map_err(|e| StoreError::Open { path: shown.clone(), cause: e.to_string() })?;
        let mut conn = Connection::open(&path).map_err(|e| classify(&shown, e))?;
        prepare(&mut conn).map_err(|e| classify(&shown, e))?;
        let salt = salt(&conn).map_err(|e| classify(&shown, e))?;
        let button_key = ButtonKey(secret::<32>(&conn, "button-key").map_err(|e| classify(&shown, e))?);
        import_unanswered_log(&mut conn, data_dir).map_err(|e| classify(&shown, e))?;
        prune(&conn, retention, SystemTime::now()).map_err(|e| classify(&shown, e))?;
        let next: i64 = conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM questions", [], |r| r.get(0))?;

        let conn = Arc::new(Mutex::new(conn));
        let (tx, rx) = mpsc::channel();
        let writer = {
            let conn = Arc::clone(&conn);
            let path = shown.clone();
            std::thread::Builder::new()
                .name("store-writer".into())
                .spawn(move || write_jobs(&conn, &rx, retention, &path))
                .map_err(|e| StoreError::Open { path: shown, cause: e.to_string() })?
        };
        Ok(SqliteStore {
            path,
            conn,
            jobs: Mutex::new(Some(tx)),
            writer: Some(writer),
            next_id: AtomicI64::new(next),
            salt,
            button_key,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn send(&self, job: Job) -> Result<(), StoreError> {
        let jobs = self.jobs.lock();
        jobs.as_ref().ok_or(StoreError::WriterGone)?.send(job).map_err(|_| StoreError::WriterGone)
    }

    /// Waits until everything recorded so far is written.
    pub fn flush(&self) -> Result<(), StoreError> {
        let (tx, rx) = mpsc::channel();
        self.send(Job::Flush(tx))?;
        rx.recv().map_err(|_| StoreError::WriterGone)
    }

    /// A read, after the writer has caught up.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        self.flush()?;
        Ok(f(&self.conn.lock())?)
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        self.jobs.lock().take();
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

impl Store for SqliteStore {
    fn asker(&self, user: u64) -> Asker {
        let digest = Sha256::new().chain_update(self.salt.as_bytes()).chain_update(user.to_le_bytes()).finalize();
        Asker(crate::hex::encode(&digest[..16]))
    }

    fn button_key(&self) -> ButtonKey {
        self.button_key.clone()
    }

    fn record(&self, question: AskedQuestion) -> QuestionId {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        if self.send(Job::Question(id, question)).is_err() {
            tracing::warn!("the store's writer has stopped; a question was not recorded");
        }
        id
    }

    fn vote(&self, question: QuestionId, asker: Asker, vote: Vote, at: SystemTime) {
        if self.send(Job::Vote { question, asker, up: vote == Vote::Up, at }).is_err() {
            tracing::warn!("the store's writer has stopped; a vote was not recorded");
        }
    }

    fn report(&self, now: SystemTime, periods: &[Period], top: usize) -> Result<Report, StoreError> {
        self.read(|c| {
            let mut report = Report::default();
            for &p in periods {
                report.periods.push((p, counts(c, unix(p.since(now)))?));
            }
            let longest = periods.iter().map(|p| unix(p.since(now))).min().unwrap_or(0);
            report.most_asked = top_questions(c, longest, Asked::All, top)?;
            report.most_unanswered = top_questions(c, longest, Asked::Unanswered, top)?;
            report.most_stale = top_questions(c, longest, Asked::AnsweredStale, top)?;
            Ok(report)
        })
    }

    fn unanswered(&self, limit: usize) -> Result<Vec<TopQuestion>, StoreError> {
        self.read(|c| top_questions(c, 0, Asked::Unanswered, limit))
    }

    fn unanswered_question(&self, id: QuestionId) -> Result<Option<TopQuestion>, StoreError> {
        self.read(|c| unanswered_group(c, id))
    }

    fn take_waiting(&self, question: &str) -> Result<Vec<Waiting>, StoreError> {
        let folded = crate::language::fold(question);
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT waiting_chat, question FROM questions WHERE folded = ?1 AND waiting_chat IS NOT NULL
                 ORDER BY id DESC",
            )?;
            let mut waiting: Vec<Waiting> = Vec::new();
            for row in stmt.query_map([&folded], |r| Ok(Waiting { chat: r.get(0)?, question: r.get(1)? }))? {
                let w = row?;
                // One message per chat, however often it asked.
                if !waiting.iter().any(|x| x.chat == w.chat) {
                    waiting.push(w);
                }
            }
            c.execute("UPDATE questions SET waiting_chat = NULL WHERE folded = ?1", [&folded])?;
            Ok(waiting)
        })
    }

    fn open_handoff(&self, asker_chat: i64, question: &str, staff_chat: i64) -> Result<Option<i64>, StoreError> {
        self.read(|c| {
            let waiting = c
                .query_row(
                    "SELECT id FROM handoffs WHERE asker_chat = ?1 AND question = ?2 AND staff_chat = ?3
                     AND staff_message IS NOT NULL AND answer IS NULL",
                    params![asker_chat, question, staff_chat],
                    |r| r.get::<_, i64>(0),
                )
                .optional()?;
            if waiting.is_some() {
                return Ok(None);
            }
            c.execute(
                "INSERT INTO handoffs (at, asker_chat, question, staff_chat) VALUES (?1, ?2, ?3, ?4)",
                params![unix(SystemTime::now()), asker_chat, question, staff_chat],
            )?;
            Ok(Some(c.last_insert_rowid()))
        })
    }

    fn posted_handoff(&self, id: i64, staff_message: i64) -> Result<(), StoreError> {
        self.read(|c| {
            c.execute("UPDATE handoffs SET staff_message = ?2 WHERE id = ?1", params![id, staff_message]).map(drop)
        })
    }

    fn handoff_for_post(&self, staff_chat: i64, staff_message: i64) -> Result<Option<Handoff>, StoreError> {
        self.read(|c| {
            c.query_row(
                &format!("SELECT {HANDOFF_COLUMNS} FROM handoffs WHERE staff_chat = ?1 AND staff_message = ?2"),
                params![staff_chat, staff_message],
                handoff_row,
            )
            .optional()
        })
    }

    fn handoff(&self, id: i64) -> Result<Option<Handoff>, StoreError> {
        self.read(|c| handoff_by_id(c, id))
    }

    fn answer_handoff(&self, id: i64, answer: &str) -> Result<(), StoreError> {
        self.read(|c| {
            c.execute(
                "UPDATE handoffs SET answer = ?2, answered_at = ?3 WHERE id = ?1",
                params![id, answer, unix(SystemTime::now())],
            )?;
            let Some(h) = handoff_by_id(c, id)? else { return Ok(()) };
            c.execute(
                "UPDATE questions SET waiting_chat = NULL WHERE waiting_chat = ?1 AND folded = ?2",
                params![h.asker_chat, crate::language::fold(&h.question)],
            )
            .map(drop)
        })
    }

    fn journal(&self, id: i64, body: &str) -> Result<bool, StoreError> {
        self.read(|c| {
            c.execute(
                "INSERT OR IGNORE INTO updates (id, at, body) VALUES (?1, ?2, ?3)",
                params![id, unix(SystemTime::now()), body],
            )
            .map(|n| n == 1)
        })
    }

    fn done(&self, id: i64) {
        if self.send(Job::Done(id)).is_err() {
            tracing::warn!("the store's writer has stopped; an update was not marked done");
        }
    }

    fn unhandled(&self) -> Result<Vec<(i64, String)>, StoreError> {
        let since = unix(SystemTime::now()) - JOURNAL_HOURS * 3600;
        self.read(|c| {
            let mut stmt =
                c.prepare("SELECT id, body FROM updates WHERE done = 0 AND body IS NOT NULL AND at >= ?1 ORDER BY id")?;
            let rows = stmt.query_map([since], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }

    fn down_votes(&self, limit: usize) -> Result<Vec<DownVote>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT v.at, q.question, q.passage FROM votes v JOIN questions q ON q.id = v.question
                 WHERE v.up = 0 AND q.question IS NOT NULL ORDER BY v.at DESC, v.rowid DESC LIMIT ?1",
            )?;
            let rows = stmt.query_map([limit as i64], |r| {
                Ok(DownVote { at: from_unix(r.get(0)?), question: r.get(1)?, passage: r.get(2)? })
            })?;
            rows.collect()
        })
    }
}

/// The columns [`handoff_row`] reads, in its order.
const HANDOFF_COLUMNS: &str = "id, asker_chat, question, answer";

fn handoff_by_id(c: &Connection, id: i64) -> rusqlite::Result<Option<Handoff>> {
    c.query_row(&format!("SELECT {HANDOFF_COLUMNS} FROM handoffs WHERE id = ?1"), [id], handoff_row).optional()
}

fn handoff_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Handoff> {
    Ok(Handoff { id: r.get(0)?, asker_chat: r.get(1)?, question: r.get(2)?, answer: r.get(3)? })
}

/// Names what went wrong opening the file in words an operator can act on.
fn classify(path: &str, e: rusqlite::Error) -> StoreError {
    let path = path.to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            StoreError::Corrupt { path, cause: e.to_string() }
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked { path },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly) => {
            StoreError::Open { path, cause: e.to_string() }
        }
        _ => StoreError::Sqlite(e),
    }
}

/// WAL, foreign keys, and the schema brought up to date in one transaction.
fn prepare(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(OPEN_BUSY_TIMEOUT)?;
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
    migrate(conn)
}

/// Applies the steps of [`MIGRATIONS`] the file has not had yet.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: usize = tx.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))?.max(0) as usize;
    if version > MIGRATIONS.len() {
        // A newer tanyakop wrote this file: reading it with an older schema could lose data.
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
            Some(format!("schema version {version} is newer than this tanyakop's {}", MIGRATIONS.len())),
        ));
    }
    for step in &MIGRATIONS[version..] {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)?;
    tx.commit()
}

/// The salt askers are hashed with, as the hex it has always been kept as.
fn salt(conn: &Connection) -> rusqlite::Result<String> {
    Ok(crate::hex::encode(&secret::<16>(conn, "salt")?))
}

/// The store's secret named `key` in `meta`: `N` bytes made once from the system's random
/// source, kept as hex. Made and read back in one write transaction, so that two processes
/// opening a new database at once (the bot and `tanyakop report`) end up with the same one.
fn secret<const N: usize>(conn: &Connection, key: &str) -> rusqlite::Result<[u8; N]> {
    let mut fresh = [0u8; N];
    getrandom::fill(&mut fresh).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    tx.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)", [key, &crate::hex::encode(&fresh)])?;
    let kept: String = tx.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))?;
    tx.commit()?;
    // A value that does not decode was not written by the store: refuse it rather than replace
    // it, which would change every asker's hash or every button.
    crate::hex::decode(&kept).ok_or_else(|| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(format!("meta.{key} is not {N} bytes of hex")),
        )
    })
}

/// Earlier versions kept unanswered questions in `unanswered.jsonl`; they become questions
/// asked at the file's time, once. The file itself is left where it is.
fn import_unanswered_log(conn: &mut Connection, data_dir: &Path) -> rusqlite::Result<()> {
    #[derive(serde::Deserialize)]
    struct Line {
        q: String,
    }
    let path = data_dir.join("unanswered.jsonl");
    let done =
        conn.query_row("SELECT 1 FROM meta WHERE key = 'imported-unanswered-jsonl'", [], |_| Ok(())).optional()?;
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok(()) };
    if done.is_some() {
        return Ok(());
    }
    let at = std::fs::metadata(&path).and_then(|m| m.modified()).map_or(0, unix);
    let tx = conn.transaction()?;
    let mut imported = 0;
    for line in text.lines() {
        let Ok(l) = serde_json::from_str::<Line>(line) else { continue };
        tx.execute(
            "INSERT INTO questions (at, chat, question, folded, answered, intent, took_us)
             VALUES (?1, 'unknown', ?2, ?3, 0, 'general', 0)",
            params![at, l.q, crate::language::fold(&l.q)],
        )?;
        imported += 1;
    }
    tx.execute("INSERT INTO meta (key, value) VALUES ('imported-unanswered-jsonl', ?1)", [imported.to_string()])?;
    tx.commit()?;
    tracing::info!(questions = imported, path = %path.display(), "imported the unanswered-questions log");
    Ok(())
}

/// Clears question texts (and who asked) older than the retention period, and the chats
/// waiting for an answer after [`WAITING_DAYS`]; the counts stay.
fn prune(conn: &Connection, retention: Retention, now: SystemTime) -> rusqlite::Result<usize> {
    let before = unix(now) - i64::from(retention.days) * 86_400;
    let waited = unix(now) - i64::from(WAITING_DAYS.min(retention.days)) * 86_400;
    let cleared = conn.execute(
        "UPDATE questions SET question = NULL, folded = NULL, asker = NULL, waiting_chat = NULL
         WHERE at < ?1 AND (question IS NOT NULL OR asker IS NOT NULL OR waiting_chat IS NOT NULL)",
        [before],
    )?;
    let forgotten = conn.execute("DELETE FROM handoffs WHERE at < ?1", [before])?
        + conn.execute("DELETE FROM updates WHERE at < ?1", [unix(now) - JOURNAL_HOURS * 3600])?;
    Ok(cleared
        + forgotten
        + conn
            .execute("UPDATE questions SET waiting_chat = NULL WHERE at < ?1 AND waiting_chat IS NOT NULL", [waited])?)
}

/// The writer thread: one job at a time until the store is dropped. A failed write is logged
/// once until writes succeed again; the bot keeps answering either way.
fn write_jobs(conn: &Mutex<Connection>, jobs: &mpsc::Receiver<Job>, retention: Retention, path: &str) {
    let failing = AtomicBool::new(false);
    let mut pruned = Instant::now();
    while let Ok(job) = jobs.recv() {
        let result = {
            let c = conn.lock();
            match job {
                Job::Question(id, q) => insert_question(&c, id, &q),
                Job::Done(id) => c.execute("UPDATE updates SET done = 1, body = NULL WHERE id = ?1", [id]).map(drop),
                Job::Vote { question, asker, up, at } => c
                    .execute(
                        // A vote on a question the store never recorded (its write failed) is
                        // dropped rather than failing on the foreign key.
                        "INSERT INTO votes (question, asker, up, at)
                         SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM questions WHERE id = ?1)
                         ON CONFLICT (question, asker) DO UPDATE SET up = excluded.up, at = excluded.at",
                        params![question, asker.0, up, unix(at)],
                    )
                    .map(drop),
                Job::Flush(done) => {
                    let _ = done.send(());
                    Ok(())
                }
            }
        };
        match result {
            Ok(()) => failing.store(false, Ordering::Relaxed),
            Err(e) if !failing.swap(true, Ordering::Relaxed) => {
                tracing::error!(path, error = %e, "cannot write to the database; answering goes on without recording");
            }
            Err(_) => {}
        }
        if pruned.elapsed() >= PRUNE_EVERY {
            pruned = Instant::now();
            if let Err(e) = prune(&conn.lock(), retention, SystemTime::now()) {
                tracing::warn!(path, error = %e, "cannot clear old question texts");
            }
        }
    }
}

fn insert_question(c: &Connection, id: QuestionId, q: &AskedQuestion) -> rusqlite::Result<()> {
    let text: String = q.question.chars().take(MAX_KEPT_CHARS).collect();
    let folded = crate::language::fold(&text);
    c.execute(
        "INSERT INTO questions
             (id, at, chat, asker, question, folded, answered, intent, passage, took_us, waiting_chat, source_day)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            id,
            unix(q.at),
            q.chat.as_str(),
            q.asker.as_ref().map(|a| a.0.as_str()),
            text,
            folded,
            q.answered,
            q.intent,
            q.passage,
            q.took.as_micros() as i64,
            q.waiting_chat.filter(|_| !q.answered),
            q.source_day.filter(|_| q.answered)
        ],
    )
    .map(drop)
}

/// The counts of questions and votes since `since` (Unix seconds).
fn counts(c: &Connection, since: i64) -> rusqlite::Result<PeriodCounts> {
    let (questions, answered, stale): (i64, i64, i64) = c.query_row(
        &format!(
            "SELECT COUNT(*), COALESCE(SUM(answered), 0), COALESCE(SUM({STALE}), 0)
             FROM questions WHERE at >= ?1 AND chat != 'unknown'"
        ),
        params![since, STALE_SOURCE_DAYS],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let (up, down): (i64, i64) =
        c.query_row("SELECT COALESCE(SUM(up), 0), COALESCE(SUM(1 - up), 0) FROM votes WHERE at >= ?1", [since], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let mut stmt = c.prepare("SELECT took_us FROM questions WHERE at >= ?1 AND chat != 'unknown' ORDER BY took_us")?;
    let times: Vec<Duration> = stmt
        .query_map([since], |r| r.get::<_, i64>(0))?
        .map(|t| t.map(|us| Duration::from_micros(us.max(0) as u64)))
        .collect::<rusqlite::Result<_>>()?;
    Ok(PeriodCounts {
        questions: questions as u64,
        answered: answered as u64,
        up: up as u64,
        down: down as u64,
        stale: stale as u64,
        median: percentile(&times, 0.5),
        p95: percentile(&times, 0.95),
    })
}

/// The SQL condition (parameter `?2`: [`STALE_SOURCE_DAYS`]) of an answer from a stale source.
const STALE: &str = "answered = 1 AND source_day IS NOT NULL AND at / 86400 - source_day > ?2";

/// Which askings a top list counts.
#[derive(Debug, Clone, Copy)]
enum Asked {
    All,
    Unanswered,
    /// Answered from a source more than [`STALE_SOURCE_DAYS`] older than the question.
    AnsweredStale,
}

/// The questions asked most since `since` of those `which` counts.
fn top_questions(c: &Connection, since: i64, which: Asked, limit: usize) -> rusqlite::Result<Vec<TopQuestion>> {
    let condition = match which {
        Asked::All => "1",
        Asked::Unanswered => "answered = 0",
        Asked::AnsweredStale => STALE,
    };
    let mut stmt = c.prepare(&format!(
        "SELECT MIN(id), folded, COUNT(*) AS n FROM questions
         WHERE at >= ?1 AND folded IS NOT NULL AND folded != '' AND {condition}
         GROUP BY folded ORDER BY n DESC, folded LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![since, STALE_SOURCE_DAYS, limit as i64], top_question_row)?;
    rows.collect()
}

/// The unanswered question of which question `id` is one asking, with every asking counted.
fn unanswered_group(c: &Connection, id: QuestionId) -> rusqlite::Result<Option<TopQuestion>> {
    c.query_row(
        "SELECT MIN(q.id), q.folded, COUNT(*) FROM questions q
         JOIN questions asked ON asked.folded = q.folded
         WHERE asked.id = ?1 AND asked.answered = 0 AND q.answered = 0 AND q.folded != ''
         GROUP BY q.folded",
        [id],
        top_question_row,
    )
    .optional()
}

/// A [`TopQuestion`] from the columns `id, folded, count`.
fn top_question_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TopQuestion> {
    Ok(TopQuestion { id: r.get(0)?, question: r.get(1)?, times: r.get::<_, i64>(2)? as u64 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ChatKind;

    fn asked(question: &str, answered: bool, at: SystemTime) -> AskedQuestion {
        AskedQuestion {
            at,
            chat: ChatKind::Private,
            asker: None,
            question: question.into(),
            answered,
            intent: "amount".into(),
            passage: answered.then(|| "kur#1".into()),
            source_day: None,
            took: Duration::from_millis(2),
            waiting_chat: None,
        }
    }

    #[test]
    fn answers_from_sources_over_a_year_old_are_counted_and_listed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open(dir.path(), Retention::default()).expect("opens");
        let now = SystemTime::now();
        let today = unix(now) / 86_400;
        let from = |question: &str, answered: bool, age_days: i64| AskedQuestion {
            source_day: Some(today - age_days),
            ..asked(question, answered, now)
        };
        store.record(from("bunga kur", true, 400));
        store.record(from("bunga kur", true, 400));
        store.record(from("target kur 2026", true, 30));
        store.record(from("plafon kur", true, STALE_SOURCE_DAYS));
        // A decline has no source, whatever the caller passed.
        store.record(from("harga cabai", false, 900));
        let r = store.report(now, &[Period::Days(30)], 5).expect("report");
        let counts = &r.periods[0].1;
        assert_eq!((counts.answered, counts.stale), (4, 2));
        assert!((counts.stale_share() - 0.5).abs() < 1e-9);
        let stale: Vec<(&str, u64)> = r.most_stale.iter().map(|q| (q.question.as_str(), q.times)).collect();
        assert_eq!(stale, [("bunga kur", 2)]);
    }

    #[test]
    fn the_button_key_is_made_once_and_a_damaged_one_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let key = SqliteStore::open(dir.path(), Retention::default()).expect("opens").button_key().0;
        // Opened beside another process's connection, as `tanyakop report` is beside the bot.
        let beside = SqliteStore::open(dir.path(), Retention::default()).expect("opens beside");
        assert_eq!(beside.button_key().0, key);
        drop(beside);
        assert_eq!(SqliteStore::open(dir.path(), Retention::default()).expect("reopens").button_key().0, key);
        let c = Connection::open(dir.path().join(FILE_NAME)).expect("open");
        c.execute("UPDATE meta SET value = 'zz' WHERE key = 'button-key'", []).expect("damage");
        drop(c);
        assert!(SqliteStore::open(dir.path(), Retention::default()).is_err(), "not replaced in silence");
    }

    #[test]
    fn questions_and_votes_survive_reopening() {
        let dir = tempfile::tempdir().expect("tempdir");
        let now = SystemTime::now();
        let (first, asker) = {
            let store = SqliteStore::open(dir.path(), Retention::default()).expect("opens");
            let id = store.record(asked("Berapa bunga KUR?", true, now));
            store.record(asked("harga  cabai", false, now));
            let asker = store.asker(42);
            store.vote(id, asker.clone(), Vote::Up, now);
            store.vote(id, asker.clone(), Vote::Down, now);
            (id, asker)
        };
        let store = SqliteStore::open(dir.path(), Retention::default()).expect("reopens");
        assert_eq!(store.asker(42), asker, "the salt is kept");
        let r = store.report(now, &[Period::Today, Period::Days(30)], 5).expect("report");
        let today = &r.periods[0].1;
        assert_eq!(
            (today.questions, today.answered, today.up, today.down),
            (2, 1, 0, 1),
            "a second vote replaces the first"
        );
        assert_eq!(store.unanswered(5).expect("unanswered")[0].question, "harga cabai");
        let down = store.down_votes(5).expect("down votes");
        assert_eq!(down[0].question, "Berapa bunga KUR?");
        assert!(store.record(asked("lagi", true, now)) > first, "ids keep counting after a restart");
    }

    #[test]
    fn question_texts_older_than_the_retention_are_cleared_but_counted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let now = SystemTime::now();
        let old = now - Duration::from_secs(10 * 86_400);
        {
            let store = SqliteStore::open(dir.path(), Retention { days: 7 }).expect("opens");
            store.record(asked("pertanyaan lama", false, old));
            store.record(asked("pertanyaan baru", false, now));
        }
        let store = SqliteStore::open(dir.path(), Retention { days: 7 }).expect("reopens");
        let kept: Vec<String> = store.unanswered(5).expect("unanswered").into_iter().map(|q| q.question).collect();
        assert_eq!(kept, ["pertanyaan baru"]);
        let r = store.report(now, &[Period::Days(30)], 5).expect("report");
        assert_eq!(r.periods[0].1.questions, 2);
    }

    #[test]
    fn the_old_unanswered_log_is_imported_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("unanswered.jsonl"),
            "{\"q\":\"harga cabai\"}\nrusak\n{\"q\":\"harga cabai\"}\n",
        )
        .expect("write");
        drop(SqliteStore::open(dir.path(), Retention::default()).expect("opens"));
        let store = SqliteStore::open(dir.path(), Retention::default()).expect("reopens");
        let top = store.unanswered(5).expect("unanswered");
        assert_eq!(top, [TopQuestion { id: top[0].id, question: "harga cabai".into(), times: 2 }]);
        assert!(dir.path().join("unanswered.jsonl").exists(), "the old file is left in place");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused_and_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "bukan basis data ".repeat(400)).expect("write");
        let err = SqliteStore::open(dir.path(), Retention::default()).err().expect("refused");
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        assert!(err.to_string().contains("move it aside"), "{err}");
        assert!(std::fs::read_to_string(&path).expect("kept").starts_with("bukan basis data"));
    }

    #[test]
    fn a_database_locked_by_another_writer_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        drop(SqliteStore::open(dir.path(), Retention::default()).expect("creates"));
        let other = Connection::open(dir.path().join(FILE_NAME)).expect("other connection");
        other.execute_batch("BEGIN EXCLUSIVE; INSERT INTO meta VALUES ('x', 'y');").expect("holds a lock");
        let err = SqliteStore::open(dir.path(), Retention::default()).err().expect("refused");
        assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    }

    #[test]
    fn a_chat_waiting_for_an_answer_is_given_it_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open(dir.path(), Retention::default()).expect("opens");
        let now = SystemTime::now();
        for (chat, q) in [(7, "Harga cabai?"), (7, "harga  cabai?"), (8, "harga cabai?"), (9, "bunga kur")] {
            store.record(AskedQuestion { waiting_chat: Some(chat), ..asked(q, false, now) });
        }
        store.record(AskedQuestion { waiting_chat: Some(10), ..asked("harga cabai?", true, now) });
        let waiting = store.take_waiting("HARGA CABAI?").expect("read");
        let chats: Vec<i64> = waiting.iter().map(|w| w.chat).collect();
        assert_eq!(chats, [8, 7], "each chat once, not the one that was answered");
        assert_eq!(waiting[1].question, "harga  cabai?", "as the chat last asked it");
        assert!(store.take_waiting("harga cabai?").expect("read").is_empty(), "only once");
        assert_eq!(store.take_waiting("bunga kur").expect("read").len(), 1);
    }

    #[test]
    fn a_handoff_is_found_by_its_post_in_the_staff_group_after_a_restart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let id = {
            let store = SqliteStore::open(dir.path(), Retention::default()).expect("opens");
            let id = store.open_handoff(1500, "harga cabai?", -100).expect("opened").expect("new");
            store.posted_handoff(id, 77).expect("posted");
            assert_eq!(store.open_handoff(1500, "harga cabai?", -100).expect("read"), None, "a second press");
            id
        };
        let store = SqliteStore::open(dir.path(), Retention::default()).expect("reopens");
        let h = store.handoff_for_post(-100, 77).expect("read").expect("found");
        assert_eq!((h.id, h.asker_chat, h.question.as_str(), h.answer), (id, 1500, "harga cabai?", None));
        assert!(store.handoff_for_post(-100, 78).expect("read").is_none(), "another message is no handoff");
        store.answer_handoff(id, "Rp40.000").expect("answered");
        assert_eq!(store.handoff(id).expect("read").and_then(|h| h.answer).as_deref(), Some("Rp40.000"));
    }

    #[test]
    fn a_journaled_update_is_unhandled_until_done_and_recorded_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let store = SqliteStore::open(dir.path(), Retention::default()).expect("opens");
            assert!(store.journal(10, "{\"update_id\":10}").expect("recorded"));
            assert!(!store.journal(10, "{\"update_id\":10}").expect("read"), "a resent update is not new");
            assert!(store.journal(11, "{\"update_id\":11}").expect("recorded"));
            store.done(10);
        }
        let store = SqliteStore::open(dir.path(), Retention::default()).expect("reopens");
        assert_eq!(store.unhandled().expect("read"), [(11, "{\"update_id\":11}".to_string())]);
        assert!(!store.journal(10, "{}").expect("read"), "a done update is not new either");
    }

    #[test]
    fn a_failed_write_is_survived_and_later_writes_still_land() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open(dir.path(), Retention::default()).expect("opens");
        let now = SystemTime::now();
        let first = store.record(asked("harga cabai", false, now));
        // Another program breaks the file under the bot: the vote cannot be written.
        let other = Connection::open(dir.path().join(FILE_NAME)).expect("other connection");
        other.execute_batch("DROP TABLE votes;").expect("dropped");
        store.vote(first, store.asker(1), Vote::Down, now);
        store.record(asked("harga cabai", false, now));
        let top = store.unanswered(5).expect("still readable");
        assert_eq!(top, [TopQuestion { id: top[0].id, question: "harga cabai".into(), times: 2 }]);
    }

    #[test]
    fn a_database_of_the_previous_schema_is_upgraded_with_its_rows() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let conn = Connection::open(dir.path().join(FILE_NAME)).expect("open");
            conn.execute_batch(MIGRATIONS[0]).expect("schema 1");
            conn.pragma_update(None, "user_version", 1).expect("version 1");
            conn.execute(
                "INSERT INTO questions (id, at, chat, question, folded, answered, intent, took_us)
                 VALUES (5, ?1, 'private', 'Harga cabai?', 'harga cabai?', 0, 'general', 10)",
                [unix(SystemTime::now())],
            )
            .expect("a row of schema 1");
        }
        let store = SqliteStore::open(dir.path(), Retention::default()).expect("upgrades");
        assert_eq!(store.unanswered(5).expect("read")[0].question, "harga cabai?");
        assert!(store.take_waiting("harga cabai?").expect("read").is_empty());
        assert_eq!(store.record(asked("baru", true, SystemTime::now())), 6, "numbers continue after the old rows");
    }

    #[test]
    fn migrations_run_from_an_empty_file_and_leave_an_up_to_date_one_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn = Connection::open(dir.path().join("m.sqlite3")).expect("open");
        migrate(&mut conn).expect("from empty");
        migrate(&mut conn).expect("again, a no-op");
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
        assert_eq!(version, MIGRATIONS.len() as i64);
        conn.pragma_update(None, "user_version", 99).expect("pretend a newer schema");
        assert!(migrate(&mut conn).is_err(), "a newer schema is not touched");
    }
}
