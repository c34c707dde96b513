//! Any bytes as a web page: charset detection, readability extraction and metadata, and the
//! paragraph clean-up; it never panics, and what it yields is clean text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tanyakop::import::{self, charset, html};

fuzz_target!(|bytes: &[u8]| {
    let page = charset::decode_html(bytes, None);
    if let Ok(doc) = html::extract(&page, Some("https://contoh.example/berita")) {
        let paragraphs = import::clean_paragraphs(doc.paragraphs, doc.title.as_deref());
        for p in &paragraphs {
            assert!(!p.is_empty() && !p.contains('\n'), "a paragraph is one non-empty line: {p:?}");
        }
        if let Some(date) = &doc.date {
            assert_eq!(date.len(), 10, "dates are YYYY-MM-DD: {date:?}");
        }
    }
});
