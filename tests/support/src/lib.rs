//! Test and benchmark support for tanyakop: what the integration tests (`tests/it`) and the
//! benchmark (`benches/bench.rs`) both need.
//!
//! - [`fake_api`]: a fake Telegram Bot API on loopback that the bot talks to over real HTTP;
//! - [`memory`]: peak resident memory of a process, from `/proc`;
//! - [`bench`]: the benchmark harness (speed, memory, scale, side by side with a BM25 peer).

pub mod bench;
pub mod documents;
pub mod fake_api;
pub mod memory;
pub mod pages;

use std::path::{Path, PathBuf};

/// The tanyakop project root (this crate lives in `tests/support`).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
