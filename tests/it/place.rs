//! Places and a fact's own figure: a question naming a province or a city is not answered by
//! another place's figure or the country's, and a program fact answers with the value it
//! declares, not a figure it mentions beside it.
//!
//! The articles and the program here are made up for these tests ("Kredit Nelayan Mandiri",
//! KNM; "Pos Layanan Nelayan", PLN).

use tanyakop::engine::Engine;

fn engine() -> Engine {
    crate::util::engine_with(
        &[
            (
                "pln-nasional",
                "Pos Layanan Nelayan Kini Ada 120 Unit",
                "2025-03-01",
                &[
                    "Pos Layanan Nelayan (PLN) kini berjumlah 120 unit yang tersebar di 30 provinsi.",
                    "Setiap pos melayani pelatihan dan pendampingan koperasi nelayan.",
                    "Pos pertama dibuka di Semarang pada 2019 sebagai percontohan.",
                ],
            ),
            (
                "pln-jateng",
                "Dua Pos Layanan Nelayan Diresmikan",
                "2025-05-10",
                &["Gubernur Jawa Tengah Ahmad Lutfi meresmikan dua Pos Layanan Nelayan (PLN) di pantai utara."],
            ),
            (
                "knm-2025",
                "Penyaluran Kredit Nelayan Mandiri 2025",
                "2025-12-01",
                &["Kredit Nelayan Mandiri (KNM) terus disalurkan kepada nelayan kecil sepanjang 2025."],
            ),
        ],
        r#"
[[program]]
id = "knm"
name = "Kredit Nelayan Mandiri"
aliases = ["KNM"]
summary = "Kredit berbunga rendah bagi nelayan kecil."

[[program.fact]]
text = "Realisasi penyaluran KNM 2025 hingga November mencapai Rp 250 triliun dari pagu Rp 280 triliun."
value = 250000000000000
unit = "rupiah"
year = 2025
source = "knm-2025"

[[program.fact]]
text = "Anggaran subsidi bunga KNM 2025 ditetapkan Rp 38 triliun, dengan realisasi Rp 26 triliun."
value = 38000000000000
unit = "rupiah"
year = 2025
source = "knm-2025"
"#,
        "",
    )
}

#[test]
fn the_countrys_figure_is_no_answer_for_a_province() {
    let a = engine().ask("berapa jumlah PLN di Papua?");
    assert!(!a.answered, "{a:?}");
    assert_eq!(a.places, ["Papua"]);
    let text = tanyakop::render::reply(&a, &tanyakop::render::Plain);
    assert!(text.contains("data untuk Papua belum ada"), "{text}");
}

#[test]
fn a_province_is_found_by_its_short_name() {
    let a = engine().ask("brp PLN di jateng");
    assert!(a.answered, "{a:?}");
    assert_eq!(a.figure.as_deref(), Some("dua"), "{a:?}");
}

#[test]
fn an_english_question_names_its_place_too() {
    let a = engine().ask("How many PLN posts are there in Papua?");
    assert!(!a.answered, "{a:?}");
}

#[test]
fn a_place_among_many_specific_words_is_context_not_a_condition() {
    // The paragraph does not say Semarang, but everything else asked is there. Semarang is a place
    // the knowledge base knows (another article names it), so it is not "a place with no data".
    let a = engine().ask("berapa PLN yang diresmikan Gubernur Ahmad Lutfi di pantai utara Semarang");
    assert!(a.answered, "{a:?}");
    assert_eq!(a.figure.as_deref(), Some("dua"), "{a:?}");
}

#[test]
fn a_fact_answers_with_the_value_it_declares() {
    // The subsidy fact says "realisasi" right before a figure, but it is a fact about a budget.
    let a = engine().ask("berapa realisasi KNM terbaru?");
    assert_eq!(a.figure.as_deref(), Some("Rp 250 triliun"), "{a:?}");
}

#[test]
fn example_questions_come_from_the_knowledge_base_and_are_answered() {
    use tanyakop::answer::Language;
    let e = engine();
    let examples = e.examples(Language::Id);
    assert!(!examples.is_empty());
    for q in examples {
        assert!(!q.contains("Rumah Produksi Bersama") && !q.contains("RPB"), "a program this base lacks: {q}");
        assert!(e.ask(q).answered, "{q}");
    }
    // A decline with nothing on the topic, and a greeting, offer them.
    let declined = tanyakop::render::reply(&e.ask("berapa harga cabai hari ini"), &tanyakop::render::Plain);
    assert!(declined.contains(&format!("“{}”", examples[0])), "{declined}");
    let greeting = tanyakop::render::reply(&e.ask("halo"), &tanyakop::render::Plain);
    assert!(greeting.contains(&examples[0]), "{greeting}");
}

#[test]
fn an_empty_knowledge_base_offers_no_example_questions() {
    let e = crate::util::engine_with(&[], "", "");
    assert!(e.examples(tanyakop::answer::Language::Id).is_empty());
    let greeting = tanyakop::render::reply(&e.ask("halo"), &tanyakop::render::Plain);
    assert!(!greeting.contains("misalnya"), "{greeting}");
}
