//! Any bytes as a text or Markdown file, and any text through the date readers: decoding,
//! title and paragraph splitting, front matter, and dates never panic, and every date read is
//! a real one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tanyakop::import::{charset, date, text};

fuzz_target!(|bytes: &[u8]| {
    let decoded = charset::decode_text(bytes);
    for markdown in [false, true] {
        let doc = text::extract(&decoded, markdown);
        assert!(doc.paragraphs.iter().all(|p| !p.is_empty()));
    }
    for d in [date::written(&decoded), date::machine(&decoded)].into_iter().flatten() {
        let (y, m, day) = (&d[..4], &d[5..7], &d[8..10]);
        assert!(y.parse::<u32>().is_ok() && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)) && (1..=31).contains(&day.parse::<u32>().unwrap_or(0)), "{d}");
    }
});
