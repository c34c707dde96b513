//! Properties that must hold for any input: the figure parser, the analyser and the engine
//! never panic, and the Telegram splitter always yields valid, small enough messages.

use proptest::prelude::*;
use tanyakop::render::escape_html;
use tanyakop::telegram::transport::split::{MAX_MESSAGE_UTF16, split_html, utf16_len};

/// Text mixing Indonesian number shapes, emoji, markup characters and arbitrary Unicode.
fn messy_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("21,4 juta ".to_string()),
        Just("Rp300 triliun ".to_string()),
        Just("1.500.000 ".to_string()),
        Just("dua belas unit ".to_string()),
        Just("6/2/2023 ".to_string()),
        Just("25% ".to_string()),
        Just("😀🇮🇩 ".to_string()),
        Just("<b>&amp;\" ".to_string()),
        Just("\u{200d}\u{202e} ".to_string()),
        "[0-9.,/%]{1,8}",
        "\\PC{0,12}",
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Removes tags and decodes the entities the splitter may have to carry.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn balanced(part: &str) -> bool {
    let mut depth: i32 = 0;
    let mut rest = part;
    while let Some(i) = rest.find('<') {
        let Some(end) = rest[i..].find('>') else { return false };
        if rest[i + 1..].starts_with('/') {
            depth -= 1
        } else {
            depth += 1
        }
        if depth < 0 {
            return false;
        }
        rest = &rest[i + end + 1..];
    }
    depth == 0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn figures_are_slices_of_the_text(text in messy_text()) {
        for f in tanyakop::language::figures::parse(&text) {
            prop_assert!(f.start <= f.end && f.end <= text.len());
            prop_assert_eq!(&text[f.start..f.end], f.text.as_str());
        }
    }

    #[test]
    fn split_parts_fit_and_keep_every_character(
        paragraphs in proptest::collection::vec((messy_text(), any::<bool>(), 1usize..30), 1..6)
    ) {
        // Paragraphs of escaped text, some bold, some repeated to exceed the limit.
        let html = paragraphs
            .iter()
            .map(|(t, bold, times)| {
                let body = escape_html(&t.repeat(*times));
                if *bold { format!("<b>{body}</b>") } else { body }
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        let parts = split_html(&html, MAX_MESSAGE_UTF16);
        for p in &parts {
            prop_assert!(utf16_len(p) <= MAX_MESSAGE_UTF16, "part of {} units", utf16_len(p));
            prop_assert!(balanced(p), "unbalanced part");
        }
        let joined: String = parts.iter().map(|p| visible(p)).collect::<Vec<_>>().concat();
        let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(strip(&joined), strip(&visible(&html)));
    }
}

#[test]
fn the_engine_answers_any_text_without_panicking() {
    let engine = crate::util::shipped_engine();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
    runner
        .run(&messy_text(), |q| {
            let a = engine.ask(&q);
            let _ = tanyakop::render::reply(&a, &tanyakop::render::Html);
            Ok(())
        })
        .expect("no panic");
}
