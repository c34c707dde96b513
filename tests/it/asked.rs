//! What a question asks, read from its words against the knowledge base: the kind of figure ("bunga" asks a rate), who holds
//! an office, what something is, and which curated answer is the same question.
//!
//! The articles and programs here are written for these tests: a made-up "Gudang Tani Bersama"
//! (GTB) and a made-up "Kredit Nelayan Mandiri" (KNM).

use tanyakop::answer::HitKind;
use tanyakop::engine::Engine;

const PROGRAMS: &str = "[[program]]\nid = \"gtb\"\nname = \"Gudang Tani Bersama\"\naliases = [\"GTB\"]\n\
    summary = \"Gudang yang dipakai bersama oleh kelompok tani untuk menyimpan hasil panen.\"\n\n\
    [[program]]\nid = \"knm\"\nname = \"Kredit Nelayan Mandiri\"\naliases = [\"KNM\"]\n\
    summary = \"Kredit berbunga rendah bagi nelayan kecil.\"\n";

/// Paragraphs of village news that make KNM a word most passages have, as KUR is in the
/// ministry's knowledge base: a common topic weighs little beside a rare word.
fn village_news() -> Vec<String> {
    ["Tegal", "Brebes", "Pati", "Rembang", "Tuban", "Gresik", "Sampang", "Sumenep", "Banyuwangi", "Jember"]
        .iter()
        .enumerate()
        .map(|(i, village)| format!("Nelayan di {village} menerima KNM sebesar Rp {} juta per orang.", i + 5))
        .collect()
}

fn farm_and_fish() -> Engine {
    let news = village_news();
    let news: Vec<&str> = news.iter().map(String::as_str).collect();
    crate::util::engine_with(
        &[
            ("kabar-nelayan", "Kabar Nelayan", "2023-01-01", &news),
            (
                "gtb-diperluas",
                "Gudang Tani Bersama Diperluas",
                "2024-03-01",
                &[
                    "Pada 2024, Gudang Tani Bersama (GTB) akan berdiri di sembilan kabupaten.",
                    "GTB dikelola koperasi tani setempat.",
                ],
            ),
            (
                "dana-tani",
                "Rencana Bisnis Lembaga Dana Tani",
                "2024-05-01",
                &[
                    "Lembaga Dana Tani punya rencana menyalurkan pinjaman bersama bank daerah kepada petani di 12 kecamatan.",
                ],
            ),
            (
                "skema-knm",
                "Skema KNM 2025",
                "2025-02-01",
                &[
                    "Kredit Nelayan Mandiri (KNM), pinjaman berbunga rendah, dibagi menjadi tiga kategori, yaitu KNM Mikro, KNM Kecil, dan KNM Khusus.",
                    "Bagi nelayan yang baru pertama kali meminjam, bunga KNM Mikro ditetapkan 4 persen per tahun, lalu naik bertahap untuk pinjaman berikutnya.",
                ],
            ),
            (
                "aturan-nelayan",
                "Aturan Baru Nelayan",
                "2025-04-01",
                &[
                    "Menurut Budi Santosa, aturan itu berpijak pada Peraturan Presiden (Perpres) Nomor 9 Tahun 2025 tentang perlindungan nelayan.",
                ],
            ),
        ],
        PROGRAMS,
        "[[faq]]\nquestions = [\"Bagaimana cara mendaftar Gudang Tani Bersama?\"]\n\
         answer = \"Kelompok tani mengajukan permohonan ke dinas pertanian.\"\nsource = \"Uji\"\n",
    )
}

#[test]
fn a_question_for_interest_is_answered_with_a_rate_not_a_count() {
    let engine = farm_and_fish();
    let a = engine.ask("berapa bunga KNM?");
    assert_eq!(a.figure.as_deref(), Some("4 persen"), "{a:?}");
}

#[test]
fn the_holder_of_an_office_is_not_a_name_beside_a_regulation() {
    let engine = farm_and_fish();
    let a = engine.ask("siapa presiden?");
    assert!(!a.answered, "Budi Santosa speaks of a Peraturan Presiden, he holds no presidency: {a:?}");
}

#[test]
fn apa_itu_a_program_is_its_summary_over_a_sentence_that_mentions_it() {
    let engine = farm_and_fish();
    let a = engine.ask("apa itu GTB?");
    assert_eq!(a.hits[0].kind, HitKind::Program, "{:?}", a.hits[0].snippet);
}

#[test]
fn a_curated_answer_about_one_program_does_not_answer_for_another() {
    let engine = farm_and_fish();
    assert!(engine.ask("gmn cara daftar gudang tani bersama").curated.is_some());
    assert!(engine.ask("cara daftar KNM").curated.is_none(), "KNM is not GTB");
}

#[test]
fn a_rare_form_of_a_common_verb_is_no_unknown_topic() {
    let engine = farm_and_fish();
    // "dikumpulkan" is in no passage and rare in news; "mengumpulkan" is common. Taken for a
    // topic, it would outweigh GTB.
    let a = engine.ask("berapa GTB yang mau dikumpulkan?");
    assert!(a.answered, "{a:?}");
}

#[test]
fn an_ordinal_no_passage_names_is_not_answered_by_the_first() {
    let engine = farm_and_fish();
    let a = engine.ask("berapa persen bunga KNM Mikro kalau meminjam ketujuh kalinya?");
    assert!(!a.answered, "only the first loan's rate is known: {a:?}");
    assert_eq!(
        engine.ask("berapa persen bunga KNM Mikro kalau pertama kali meminjam?").figure.as_deref(),
        Some("4 persen")
    );
}

#[test]
fn a_figure_asked_in_a_scale_is_not_answered_in_another() {
    let engine = farm_and_fish();
    let a = engine.ask("berapa triliun KNM yang diterima nelayan?");
    assert!(!a.answered, "every KNM figure is in juta: {a:?}");
    let a = engine.ask("berapa juta KNM yang diterima nelayan di Tegal?");
    assert_eq!(a.figure.as_deref(), Some("Rp 5 juta"), "{a:?}");
}
