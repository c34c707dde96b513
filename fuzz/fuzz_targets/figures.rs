//! Any text through the Indonesian figure parser: spans stay inside the text and on char
//! boundaries, and it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for figure in tanyakop::language::figures::parse(text) {
        assert!(text.get(figure.start..figure.end).is_some(), "a figure span off the text: {figure:?}");
    }
});
