//! Reading PDFs in a child process, so that a hostile file cannot take the bot down.
//!
//! `pdf-extract` has failure modes `catch_unwind` cannot catch. Fuzzing found that it follows a
//! page's `Parent` chain without a cycle check (a loop), and its code shows that it recurses
//! into a form that draws itself without a depth limit (a stack overflow, which aborts the
//! process) and that its PDF library inflates streams without a cap (memory). [`pdf`] refuses
//! the first two (and forms drawn too often) before reading; for memory, and for what nobody has found yet, the binary
//! reads each PDF in a copy of itself (`tanyakop read-pdf`, hidden), with the memory and CPU
//! time it may use capped by
//! `setrlimit` and the wall time by a kill. If the child dies, the PDF is refused as
//! unreadable; the bot carries on.
//!
//! The binary turns this on with [`install`] at start-up; library users (the tests, the fuzz
//! targets) read PDFs in their own process.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{Extracted, ImportError, pdf};

/// The most memory a PDF reader may map. A 20 MB press kit needs a few hundred MB at most.
pub const MEMORY_LIMIT_BYTES: u64 = 1024 * 1024 * 1024;
/// The most CPU time a PDF reader may use; a 300-page guide takes a few seconds.
pub const CPU_LIMIT_SECS: u64 = 30;
/// The most wall time, for a reader that sleeps or waits instead of computing.
pub const WALL_LIMIT: Duration = Duration::from_secs(45);
/// How often the parent looks whether the child has finished.
const POLL: Duration = Duration::from_millis(10);

/// The hidden subcommand the child runs.
pub const SUBCOMMAND: &str = "read-pdf";

static READER: OnceLock<PathBuf> = OnceLock::new();

/// Reads PDFs in child processes of `exe` (the running binary) from now on.
pub fn install(exe: PathBuf) {
    let _ = READER.set(exe);
}

/// What the child reports on standard output.
#[derive(Serialize, Deserialize)]
enum Outcome {
    Read(Extracted),
    Scanned,
    Encrypted,
    Broken(String),
}

/// Reads a PDF: in a child process when [`install`]ed, else here.
pub fn read_pdf(bytes: &[u8]) -> Result<Extracted, ImportError> {
    match READER.get() {
        Some(exe) => in_child(exe, bytes),
        None => pdf::extract(bytes),
    }
}

/// The child's side: a PDF on standard input, its [`Outcome`] as JSON on standard output.
pub fn child_main(input: impl Read, output: impl Write) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    input.take(super::MAX_DOCUMENT_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    let outcome = match pdf::extract(&bytes) {
        Ok(doc) => Outcome::Read(doc),
        Err(ImportError::ScannedPdf) => Outcome::Scanned,
        Err(ImportError::EncryptedPdf) => Outcome::Encrypted,
        // The reason alone: the parent words it as a `BrokenPdf` again.
        Err(ImportError::BrokenPdf(why)) => Outcome::Broken(why),
        Err(e) => Outcome::Broken(e.to_string()),
    };
    serde_json::to_writer(output, &outcome).map_err(std::io::Error::other)
}

fn in_child(exe: &PathBuf, bytes: &[u8]) -> Result<Extracted, ImportError> {
    let unreadable = |why: &str| ImportError::BrokenPdf(why.to_string());
    let mut command = Command::new(exe);
    command.arg(SUBCOMMAND).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null());
    limit(&mut command);
    let mut child = command.spawn()?;
    let mut stdin = child.stdin.take().ok_or_else(|| unreadable("no pipe to the reader"))?;
    let input = bytes.to_vec();
    // Written from a thread: a child that stops reading must not block the parent.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let mut stdout = child.stdout.take().ok_or_else(|| unreadable("no pipe from the reader"))?;
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).map(|_| out)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > WALL_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(unreadable("reading it took too long"));
        }
        std::thread::sleep(POLL);
    };
    let _ = writer.join();
    let out = reader.join().map_err(|_| unreadable("the reader's output was lost"))??;
    if !status.success() {
        tracing::warn!(%status, "a PDF reader process failed");
        return Err(unreadable("reading it failed (out of memory or time, or a crash)"));
    }
    match serde_json::from_slice(&out).map_err(|_| unreadable("the reader's answer was garbled"))? {
        Outcome::Read(doc) => Ok(doc),
        Outcome::Scanned => Err(ImportError::ScannedPdf),
        Outcome::Encrypted => Err(ImportError::EncryptedPdf),
        Outcome::Broken(why) => Err(ImportError::BrokenPdf(why)),
    }
}

/// Caps the child's address space and CPU time before it starts.
#[cfg(unix)]
fn limit(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    let cap = |resource, value: u64| {
        let limit = libc::rlimit { rlim_cur: value as libc::rlim_t, rlim_max: value as libc::rlim_t };
        // SAFETY: setrlimit only changes this (forked, not yet exec'd) process's own limits.
        if unsafe { libc::setrlimit(resource, &limit) } == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
    };
    // SAFETY: the closure calls only setrlimit, which is async-signal-safe, between fork and exec.
    unsafe {
        command.pre_exec(move || {
            cap(libc::RLIMIT_AS, MEMORY_LIMIT_BYTES)?;
            cap(libc::RLIMIT_CPU, CPU_LIMIT_SECS)
        });
    }
}

#[cfg(not(unix))]
fn limit(_command: &mut Command) {}
