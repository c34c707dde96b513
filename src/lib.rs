//! tanyakop answers questions, in Indonesian, about the programs of Indonesia's Ministry of
//! Cooperatives and SMEs (Kemenkop UKM), from a knowledge base of articles and program facts.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! knowledge files ─▶ knowledge::KnowledgeBase ─▶ index::Index ─▶ engine::Engine::ask(question)
//!                                                                   │
//!                     render (console / JSON / Telegram HTML) ◀── answer::Answer
//! ```
//!
//! - [`knowledge`] reads and validates the files, reporting problems as `file:line: message`;
//! - [`language`] is the Indonesian analyser (stemming, stopwords, shorthand, typos), and
//!   [`figures`] reads numbers as Indonesians write them;
//! - [`index`] cuts the knowledge into passages and indexes them with Tantivy;
//! - [`engine`] turns a question into an [`answer::Answer`], plain data;
//! - [`render`] writes an answer for a surface; [`telegram`] and [`console`] are the surfaces;
//! - [`store`] keeps what the bot records about its use (questions, votes) for admins, and
//!   [`hex`] writes the few bytes it keeps as text;
//! - [`eval`] measures retrieval quality on a question set.

pub mod answer;
pub mod config;
pub mod console;
pub mod engine;
pub mod eval;
pub mod hex;
pub mod import;
pub mod index;
pub mod knowledge;
pub mod language;
pub mod render;
pub mod store;
pub mod telegram;
