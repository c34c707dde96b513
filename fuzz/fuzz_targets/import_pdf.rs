//! Any bytes as a PDF. `pdf-extract` panics on some malformed files, which `pdf::extract`
//! catches and reports as an unreadable PDF; libFuzzer's own panic hook would abort before
//! that catch, so this target installs a quiet one. A panic anywhere outside that catch still
//! unwinds into libFuzzer and is reported as a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tanyakop::import::pdf;

fuzz_target!(
    init: {
        std::panic::set_hook(Box::new(|_| {}));
    },
    |bytes: &[u8]| {
        if let Ok(doc) = pdf::extract(bytes) {
            assert!(doc.paragraphs.iter().all(|p| !p.trim().is_empty()), "no empty paragraphs");
        }
    }
);
