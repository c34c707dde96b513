//! The benchmark harness on the smallest corpus, so that it cannot rot between benchmark runs.
//! Figures are not checked here: speed is measured by `cargo bench`, not asserted in tests. The
//! corpus is the repository's small fixture, so that this runs from a bare clone.

use support::bench::{self, Corpora};

#[test]
fn harness_measures_the_1k_corpus_and_the_end_to_end_path() {
    let corpora = Corpora::fixture();
    let items = corpora.questions();
    let report = bench::measure_size(&corpora, 1_000, &items, true);
    assert!(report.passages >= 1_000, "{report:?}");
    assert!(report.hit1 > 0.5, "the corpus holds the fixture's passages: {report:?}");
    assert!(report.during_reload_answers > 0, "questions are answered during a reload");
    let e2e = bench::end_to_end(3, 2);
    assert_eq!(e2e.answered, 3 * 2, "every chat's every question is answered with its figure: {e2e:?}");
    bench::print_table(&[report], std::time::Duration::ZERO, &[(3, e2e)]);
}
