//! Changing the knowledge directory: the one way anything writes to it (`/jawab`, a staff
//! answer saved, an uploaded article, an import from Telegram or the command line).
//!
//! [`apply`] takes a lock, reads the directory as it is now ([`Snapshot`]), lets the caller
//! plan one file's new text from it, checks the whole knowledge base with that file in place,
//! and only then writes the file atomically. The lock is held from the read to the write, in
//! this process (a mutex) and, on Unix, across processes (an advisory `flock` on the directory
//! itself, so that no lock file is left in it), so two admins saving at once, or an import
//! beside a running bot, each see the other's change instead of writing over it. A plan or a
//! check that fails writes nothing.

use parking_lot::Mutex;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::{
    FAQ_FILE, Files, GLOSSARY_FILE, KnowledgeBase, MAX_ARTICLE_BYTES, MAX_TOML_BYTES, PROGRAMS_FILE, Problem, Problems,
    SYNONYMS_FILE, check, write_atomically,
};

/// One file of the knowledge directory, with the whole text it is to have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: PathBuf,
    pub text: String,
}

/// The knowledge directory as it is when a change is planned.
#[derive(Debug)]
pub struct Snapshot {
    /// The knowledge directory.
    pub dir: PathBuf,
    /// The files as read.
    pub files: Files,
    /// The knowledge base they make, or their problems.
    pub kb: Result<KnowledgeBase, Problems>,
    /// The problems met reading the files (a file that is not UTF-8, too large, unreadable):
    /// such a file is not in `files`, which must not be read as its being absent.
    pub unreadable: Vec<Problem>,
}

impl Snapshot {
    /// The text of `faq.toml` now (empty when there is none), or why it cannot be read: a
    /// change built on it would replace answers it could not see.
    pub fn faq_text(&self) -> Result<&str, Problems> {
        let path = self.dir.join(FAQ_FILE);
        let problems: Vec<Problem> = self.unreadable.iter().filter(|p| p.file == path).cloned().collect();
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        Ok(self.files.faq.as_ref().map_or("", |(_, text)| text.as_str()))
    }

    /// Whether the knowledge directory has a file at `path` now.
    pub fn has(&self, path: &Path) -> bool {
        self.files.articles.iter().any(|(p, _)| p == path) || self.files.tables().any(|(p, _)| p == path)
    }
}

/// Why a change was not made. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum EditError<E> {
    /// The caller's plan refused, with its own reason.
    #[error(transparent)]
    Plan(E),
    /// The knowledge base with the change in it has problems.
    #[error("{0}")]
    Invalid(Problems),
    #[error("cannot change the knowledge directory: {0}")]
    Io(#[from] std::io::Error),
}

/// In this process, one change at a time; the lock on the directory keeps other processes out.
static EDITING: Mutex<()> = Mutex::new(());

/// Plans a change to the knowledge directory `dir` (created if missing) against what it holds
/// now, checks the knowledge base with it, and writes it: see the module's documentation.
/// `plan` returns the change and what the caller wants back from it.
pub fn apply<T, E>(dir: &Path, plan: impl FnOnce(&Snapshot) -> Result<(Change, T), E>) -> Result<T, EditError<E>> {
    let _in_process = EDITING.lock();
    // A first change makes the directory; one that is refused leaves none behind.
    let created = !dir.exists();
    std::fs::create_dir_all(dir)?;
    let applied = apply_locked(dir, plan);
    if created && applied.is_err() {
        let _ = std::fs::remove_dir(dir);
    }
    applied
}

fn apply_locked<T, E>(dir: &Path, plan: impl FnOnce(&Snapshot) -> Result<(Change, T), E>) -> Result<T, EditError<E>> {
    let _across_processes = lock_directory(dir)?;
    let (files, problems) = Files::read(dir);
    let kb = check(&files, problems.clone());
    let snapshot = Snapshot { dir: dir.to_path_buf(), files, kb, unreadable: problems };
    let (change, outcome) = plan(&snapshot).map_err(EditError::Plan)?;
    let (files, mut problems) = snapshot.files.with(dir, &change, snapshot.unreadable);
    if let Some(too_large) = over_limit(dir, &change) {
        problems.push(too_large);
    }
    check(&files, problems).map_err(EditError::Invalid)?;
    write_atomically(&change.path, change.text.as_bytes())?;
    // The locks are released as they are dropped, after the rename.
    Ok(outcome)
}

/// The problem with `change` if its text is larger than a file of its kind may be: the next
/// reading of the directory would refuse it.
fn over_limit(dir: &Path, change: &Change) -> Option<Problem> {
    let articles = change.path.starts_with(dir.join("articles"));
    let limit = if articles { MAX_ARTICLE_BYTES } else { MAX_TOML_BYTES };
    (change.text.len() as u64 > limit).then(|| {
        Problem::new(
            &change.path,
            1,
            format!("the file would be {} KiB, over the limit of {} KiB", change.text.len() / 1024, limit / 1024),
        )
    })
}

/// An exclusive advisory lock on the directory `dir`, held until the handle is dropped.
#[cfg(unix)]
fn lock_directory(dir: &Path) -> std::io::Result<File> {
    let handle = File::open(dir)?;
    handle.lock()?;
    Ok(handle)
}

/// Elsewhere a directory cannot be opened as a file: the in-process lock is the only one.
#[cfg(not(unix))]
fn lock_directory(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

impl Files {
    /// These files with `change` in place (under `dir`), and `problems` without those of the
    /// file it replaces.
    pub(super) fn with(mut self, dir: &Path, change: &Change, mut problems: Vec<Problem>) -> (Files, Vec<Problem>) {
        problems.retain(|p| p.file != change.path);
        let new = Some((change.path.clone(), change.text.clone()));
        let table = |name: &str| change.path == dir.join(name);
        if table(PROGRAMS_FILE) {
            self.programs = new;
        } else if table(SYNONYMS_FILE) {
            self.synonyms = new;
        } else if table(GLOSSARY_FILE) {
            self.glossary = new;
        } else if table(FAQ_FILE) {
            self.faq = new;
        } else {
            self.articles.retain(|(p, _)| p != &change.path);
            self.articles.push((change.path.clone(), change.text.clone()));
            self.articles.sort_by(|a, b| a.0.cmp(&b.0));
        }
        (self, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str) -> String {
        format!("+++\ntitle = \"{title}\"\ndate = \"2024-02-06\"\n+++\nIsi artikel tentang {title}.\n")
    }

    fn put(dir: &Path, name: &str, text: &str) -> Result<(), EditError<std::convert::Infallible>> {
        let path = dir.join("articles").join(name);
        apply(dir, |_| Ok((Change { path, text: text.to_string() }, ())))
    }

    #[test]
    fn a_first_article_creates_a_missing_knowledge_directory() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("kb");
        put(&dir, "kur.md", &article("KUR")).expect("written");
        assert_eq!(KnowledgeBase::load(&dir).expect("valid").articles.len(), 1);
    }

    #[test]
    fn a_change_that_breaks_the_knowledge_base_writes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        put(dir.path(), "kur.md", &article("KUR")).expect("written");
        let e = put(dir.path(), "rusak.md", "+++\ntitle = \n+++\n").expect_err("refused");
        assert!(matches!(e, EditError::Invalid(_)), "{e}");
        assert!(!dir.path().join("articles/rusak.md").exists());
    }

    #[test]
    fn a_refused_plan_writes_nothing_not_even_the_directory() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("kb");
        let e = apply::<(), _>(&dir, |_| Err("no")).expect_err("refused");
        assert!(matches!(e, EditError::Plan("no")));
        assert!(!dir.exists());
    }

    #[test]
    fn an_unreadable_faq_is_not_read_as_an_empty_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        put(dir.path(), "kur.md", &article("KUR")).expect("written");
        std::fs::write(dir.path().join(FAQ_FILE), b"[[faq]]\nanswer = \"\xff\"\n").expect("write");
        let planned = apply::<(), Problems>(dir.path(), |now| {
            let text = format!("{}[[faq]]\nquestions = [\"x\"]\nanswer = \"y\"\n", now.faq_text()?);
            Ok((Change { path: dir.path().join(FAQ_FILE), text }, ()))
        });
        assert!(matches!(planned, Err(EditError::Plan(_))), "{planned:?}");
        assert_eq!(std::fs::read(dir.path().join(FAQ_FILE)).expect("kept"), b"[[faq]]\nanswer = \"\xff\"\n");
    }

    #[test]
    fn a_change_past_a_files_size_limit_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let long = format!("{}{}\n", article("KUR"), "kata ".repeat(MAX_ARTICLE_BYTES as usize / 5));
        let e = put(dir.path(), "kur.md", &long).expect_err("too large");
        assert!(e.to_string().contains("over the limit"), "{e}");
        assert!(!dir.path().join("articles/kur.md").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_change_waits_while_another_process_holds_the_directory() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A lock taken through another handle stands for another process's.
        let other = lock_directory(dir.path()).expect("locked");
        let (done_tx, done) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let writer = std::thread::spawn(move || {
            let written = put(&path, "kur.md", &article("KUR"));
            let _ = done_tx.send(());
            written
        });
        assert!(done.recv_timeout(std::time::Duration::from_millis(200)).is_err(), "waits for the lock");
        assert!(!dir.path().join("articles/kur.md").exists());
        drop(other);
        writer.join().expect("no panic").expect("written once the lock is free");
        assert!(dir.path().join("articles/kur.md").exists());
    }

    #[test]
    fn changes_planned_at_once_each_see_the_one_before() {
        let dir = tempfile::tempdir().expect("temp dir");
        put(dir.path(), "kur.md", &article("KUR")).expect("written");
        let threads: Vec<_> = (0..8)
            .map(|n| {
                let dir = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    apply::<_, std::convert::Infallible>(&dir, |now| {
                        let faq = now.faq_text().expect("readable");
                        let text = format!("{faq}[[faq]]\nquestions = [\"tanya {n}\"]\nanswer = \"jawab {n}\"\n\n");
                        // Widen the window between reading and writing.
                        std::thread::sleep(std::time::Duration::from_millis(5));
                        Ok((Change { path: dir.join(FAQ_FILE), text }, ()))
                    })
                })
            })
            .collect();
        for t in threads {
            t.join().expect("no panic").expect("saved");
        }
        let kb = KnowledgeBase::load(dir.path()).expect("valid");
        assert_eq!(kb.faq.len(), 8, "every answer landed");
    }
}
