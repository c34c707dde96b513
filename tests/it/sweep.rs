//! What each weight does to FacQA: the table in `src/engine/weights.rs`. Needs the evaluation
//! data beside the project and a release build to finish in a few minutes:
//! `cargo test --release --test it sweep -- --ignored --nocapture`.

use std::path::Path;

use tanyakop::engine::{Engine, Weights};
use tanyakop::eval;
use tanyakop::knowledge::KnowledgeBase;

type Set = fn(&mut Weights, f32);

/// Each weight by name, scaled by a factor.
const KNOBS: &[(&str, Set)] = &[
    ("bm25", |w, f| w.bm25 *= f),
    ("coverage", |w, f| w.coverage *= f),
    ("sentence_coverage", |w, f| w.sentence_coverage *= f),
    ("proximity", |w, f| w.proximity *= f),
    ("presence", |w, f| w.presence *= f),
    ("adjacent", |w, f| w.adjacent *= f),
    ("type_noun", |w, f| w.type_noun *= f),
    ("spelt_out", |w, f| w.spelt_out *= f),
    ("bound", |w, f| w.bound *= f),
    ("negation", |w, f| w.negation *= f),
    ("reason", |w, f| w.reason *= f),
    ("correction", |w, f| w.correction *= f),
    ("min_coverage", |w, f| w.min_coverage *= f),
    ("curated_min_share", |w, f| w.curated_min_share *= f),
    ("max_unknown_share", |w, f| w.max_unknown_share *= f),
    ("ordinary_share", |w, f| w.ordinary_share *= f),
    ("ordinary_weight", |w, f| w.ordinary_weight *= f),
    ("candidates", |w, f| w.candidates = scale(w.candidates, f)),
    ("together_gap", |w, f| w.together_gap = scale(w.together_gap, f)),
    ("near_gap", |w, f| w.near_gap = scale(w.near_gap, f)),
    ("answer_neighbourhood", |w, f| w.answer_neighbourhood = scale(w.answer_neighbourhood, f)),
    ("adjacent_words", |w, f| w.adjacent_words = scale(w.adjacent_words, f)),
];

fn scale(n: usize, f: f32) -> usize {
    (n as f32 * f).round() as usize
}

fn score(engine: &Engine, items: &[eval::Item]) -> String {
    let r = eval::run(engine, items);
    format!("{} ({} declined)", r.at1, r.declined)
}

#[test]
#[ignore = "needs ../shared/eval/facqa-dev.jsonl and a release build"]
fn sweep_each_weight_on_facqa() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/facqa-dev.jsonl");
    let items = eval::load(&file).expect("FacQA");
    let kb = KnowledgeBase::from_articles(eval::passages_as_articles(&items, &file));
    let engine = crate::util::engine_of(&kb);
    println!("default: {}", score(&engine, &items));
    println!("| value | at 0 | half | double |\n|---|---|---|---|");
    for (name, set) in KNOBS {
        let at = |f: f32| {
            let mut w = Weights::DEFAULT;
            set(&mut w, f);
            score(&engine.reweighted(w), &items)
        };
        println!("| `{name}` | {} | {} | {} |", at(0.0), at(0.5), at(2.0));
    }
}
