//! `cargo bench --bench bench`: speed, memory and scale, side by side with a BM25 peer.
//! See `harness/mod.rs` and the README's benchmark section.

mod harness;

fn main() {
    harness::main_cli();
}
