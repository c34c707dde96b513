//! An engine that can be replaced while it serves: reloads build a new index off to the side
//! and swap it in whole, so a question is always answered from one complete index.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::{Mutex, RwLock};

use super::Engine;
use super::KnowledgeStats;
use crate::knowledge::edit::{self, Change, EditError, Snapshot};
use crate::knowledge::{KnowledgeBase, Problems};

/// Why a reload did not replace the index. The old index keeps serving either way.
#[derive(Debug, thiserror::Error)]
pub enum ReloadError {
    #[error("{0}")]
    Invalid(Problems),
    #[error(transparent)]
    Index(#[from] crate::index::IndexError),
}

impl ReloadError {
    /// The problems as `file:line: message` lines.
    pub fn problems(&self) -> Vec<String> {
        match self {
            ReloadError::Invalid(p) => p.lines(),
            ReloadError::Index(e) => vec![e.to_string()],
        }
    }
}

/// What a successful reload did.
#[derive(Debug, Clone, Copy)]
pub struct Reloaded {
    pub stats: KnowledgeStats,
    pub took: Duration,
}

/// A change made by [`SharedEngine::change`]: what its plan returned, and the reload after it.
/// The change was checked before it was written, so the reload fails only if the index cannot
/// be built or the directory changed again in between (a hand edit, another process).
#[derive(Debug)]
pub struct Changed<T> {
    pub outcome: T,
    pub reloaded: Result<Reloaded, ReloadError>,
}

/// The engine currently serving, replaceable by [`SharedEngine::reload`].
pub struct SharedEngine {
    current: RwLock<Arc<Engine>>,
    dir: PathBuf,
    /// Held for the whole of a reload, so reloads requested together run one after another.
    reloading: Mutex<()>,
}

impl SharedEngine {
    pub fn new(engine: Engine, dir: &Path) -> SharedEngine {
        SharedEngine { current: RwLock::new(Arc::new(engine)), dir: dir.to_path_buf(), reloading: Mutex::new(()) }
    }

    /// Loads `dir` and builds its index.
    pub fn load(dir: &Path) -> Result<SharedEngine, ReloadError> {
        let engine = build(dir)?;
        Ok(SharedEngine::new(engine, dir))
    }

    /// The engine serving now. Hold the `Arc` for the length of one answer.
    pub fn current(&self) -> Arc<Engine> {
        Arc::clone(&self.current.read())
    }

    pub fn knowledge_dir(&self) -> &Path {
        &self.dir
    }

    /// Re-reads the knowledge directory and swaps in a new index, or leaves the current one
    /// serving and says why not. Blocking: call it off the async runtime's worker threads.
    pub fn reload(&self) -> Result<Reloaded, ReloadError> {
        let _one_at_a_time = self.reloading.lock();
        self.reload_locked()
    }

    /// Changes the knowledge directory ([`edit::apply`]: planned on what it holds now, checked
    /// whole, written atomically) and reloads, under the reload lock, so that the index serving
    /// after it holds the change. Blocking, like [`reload`](Self::reload).
    pub fn change<T, E>(
        &self,
        plan: impl FnOnce(&Snapshot) -> Result<(Change, T), E>,
    ) -> Result<Changed<T>, EditError<E>> {
        let _one_at_a_time = self.reloading.lock();
        let outcome = edit::apply(&self.dir, plan)?;
        Ok(Changed { outcome, reloaded: self.reload_locked() })
    }

    fn reload_locked(&self) -> Result<Reloaded, ReloadError> {
        let started = Instant::now();
        let engine = build(&self.dir)?;
        let stats = engine.stats();
        let previous = std::mem::replace(&mut *self.current.write(), Arc::new(engine));
        // The old index goes when its last answer in flight does; most often that is now.
        if Arc::into_inner(previous).is_some() {
            release_freed_memory();
        }
        Ok(Reloaded { stats, took: started.elapsed() })
    }
}

fn build(dir: &Path) -> Result<Engine, ReloadError> {
    let kb = KnowledgeBase::load(dir).map_err(ReloadError::Invalid)?;
    let engine = Engine::build(&kb, &mut |_, _| {})?;
    drop(kb);
    release_freed_memory();
    Ok(engine)
}

/// Hands the memory a build freed (the knowledge files' text, Tantivy's indexing buffers) back
/// to the system. glibc keeps freed memory for reuse and its per-thread arenas rarely shrink on
/// their own: without this, the bot at 100k passages held 214 MiB after loading where the index
/// itself is 106 MiB.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system; it is safe to call at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
