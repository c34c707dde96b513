//! The benchmark harness on the smallest corpus, so that it cannot rot between benchmark runs.
//! Figures are not checked here: speed is measured by `cargo bench`, not asserted in tests.

use support::bench;

#[test]
fn harness_measures_the_1k_corpus_and_the_end_to_end_path() {
    let items: Vec<_> = bench::facqa().into_iter().take(200).collect();
    let report = bench::measure_size(1_000, &items, true);
    assert!(report.passages >= 1_000, "{report:?}");
    assert!(report.hit1 > 0.5, "the corpus holds the FacQA passages: {report:?}");
    assert!(report.during_reload_answers > 0, "questions are answered during a reload");
    let (p50, p99) = bench::end_to_end(3, 2);
    assert!(p50 <= p99);
    bench::print_table(&[report], std::time::Duration::ZERO, &[(3, (p50, p99))]);
}
