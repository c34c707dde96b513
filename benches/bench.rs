//! `cargo bench --bench bench`: speed, memory and scale, side by side with a BM25 peer.
//! The harness is `tests/support/src/bench.rs`; see the README's benchmark section.

fn main() {
    support::bench::main_cli(std::path::Path::new(env!("CARGO_BIN_EXE_tanyakop")));
}
