//! The import direction of ARCHITECTURE.md, checked over the source: every `crate::x` (and, in
//! `main.rs`, `tanyakop::x`) a module names must be a layer it may depend on.

use std::path::{Path, PathBuf};

/// What each top-level module may name besides itself. Surfaces may use every layer but the
/// index; the layers below them only what lies further down.
const ALLOWED: &[(&str, &[&str])] = &[
    ("language", &[]),
    ("hex", &[]),
    ("knowledge", &["language"]),
    ("index", &["language", "knowledge"]),
    ("answer", &["language"]),
    ("engine", &["language", "knowledge", "index", "answer"]),
    ("render", &["language", "answer"]),
    ("import", &["language", "knowledge"]),
    ("store", &["language", "hex"]),
    ("config", &["language", "import", "store"]),
    ("eval", &["language", "knowledge", "answer", "engine", "render"]),
    ("console", &["language", "answer", "engine", "render"]),
    ("telegram", &["language", "hex", "knowledge", "answer", "engine", "render", "import", "store", "config"]),
    (
        "main",
        &[
            "language",
            "knowledge",
            "answer",
            "engine",
            "render",
            "import",
            "store",
            "config",
            "console",
            "eval",
            "telegram",
        ],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules `text` names through `prefix` (`crate::` or `tanyakop::`).
fn named_modules<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.match_indices(prefix)
        .filter(|(at, _)| !text[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':'))
        .filter_map(|(at, _)| {
            let rest = &text[at + prefix.len()..];
            let end = rest.find(|c: char| !(c.is_ascii_lowercase() || c == '_')).unwrap_or(rest.len());
            (end > 0).then(|| &rest[..end])
        })
        .collect()
}

#[test]
fn no_module_imports_against_the_layer_direction() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "found the sources");
    let mut wrong = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src").to_string_lossy().replace('\\', "/");
        let top = rel.split('/').next().unwrap_or_default().trim_end_matches(".rs").to_string();
        if top == "lib" {
            continue;
        }
        let allowed = ALLOWED.iter().find(|(m, _)| *m == top).map(|(_, a)| *a);
        let Some(allowed) = allowed else {
            wrong.push(format!("{rel}: module `{top}` has no place in the layer table"));
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("source is UTF-8");
        let prefix = if top == "main" { "tanyakop::" } else { "crate::" };
        for named in named_modules(&text, prefix) {
            if named != top && !allowed.contains(&named) {
                wrong.push(format!("{rel}: `{top}` may not use `{named}`"));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "imports against the direction:\n{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_an_upward_import() {
    assert_eq!(named_modules("use crate::engine::Engine;\nfoo::crate::x", "crate::"), ["engine"]);
    assert_eq!(named_modules("tanyakop::index::Index", "tanyakop::"), ["index"]);
}
