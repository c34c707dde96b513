//! Any text as a question to the engine on the shipped knowledge base, rendered for every
//! surface and split into Telegram messages: it must answer or decline, never panic, and
//! no message may exceed Telegram's limit.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tanyakop::engine::SharedEngine;
use tanyakop::render::{self, Ansi, Html, Plain};
use tanyakop::telegram::transport::split::{MAX_MESSAGE_UTF16, split_html};
use tanyakop::telegram::texts::answer_html;

static ENGINE: LazyLock<SharedEngine> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../knowledge");
    SharedEngine::load(&dir).expect("the shipped knowledge base loads")
});

fuzz_target!(|question: &str| {
    let answer = ENGINE.current().ask(question);
    let _ = render::reply(&answer, &Plain);
    let _ = render::reply(&answer, &Ansi);
    let _ = render::json::to_json(&answer);
    for n in 0..answer.hits.len().max(1) {
        let html = answer_html(&answer, n);
        let _ = render::reply(&answer, &Html);
        for part in split_html(&html, MAX_MESSAGE_UTF16) {
            assert!(part.encode_utf16().count() <= MAX_MESSAGE_UTF16, "a message over Telegram's limit");
        }
    }
});
