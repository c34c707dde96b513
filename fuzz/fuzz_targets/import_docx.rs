//! Any bytes as a Word file: the zip reader, the size caps and the XML reader never panic,
//! and no part is read past its cap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tanyakop::import::docx;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(doc) = docx::extract(bytes) {
        let text: usize = doc.paragraphs.iter().map(String::len).sum();
        assert!(text as u64 <= docx::MAX_PART_BYTES, "more text than the cap lets in");
    }
});
