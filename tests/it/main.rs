//! The integration tests, one binary (as ripgrep's `tests/tests.rs`): one module per area,
//! sharing [`util`] and the `support` crate (the fake Bot API, the benchmark harness).

mod asked;
mod bench;
mod cli;
mod engine;
pub mod import;
mod layers;
mod place;
mod properties;
mod reliability;
mod sweep;
mod telegram;
mod time;
mod util;
