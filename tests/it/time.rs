//! Time as a signal of its own: a question naming a period is answered by a passage about that
//! period or declined with the periods there are; "terbaru" and "sekarang" prefer the newest
//! source and say as of when; a passage is judged with its article's title and lead, and a
//! question about a program is not answered by a passage about another.
//!
//! The articles here are written for these tests: a made-up program ("Kredit Nelayan Mandiri",
//! KNM) and a made-up fund (LDBN), over several years.

use tanyakop::engine::Engine;

use crate::util::Dated;

fn engine_over(articles: &[Dated<'_>]) -> Engine {
    crate::util::engine_with(articles, "", "")
}

/// Three years of the program, and a fund with figures of its own.
fn years_of_knm() -> Engine {
    engine_over(&[
        (
            "knm-2021",
            "Realisasi KNM 2021 Capai Rp 12 Triliun",
            "2021-12-20",
            &[
                "Penyaluran Kredit Nelayan Mandiri (KNM) terus dipacu pemerintah di seluruh provinsi.",
                "Sepanjang 2021, realisasi penyaluran KNM mencapai Rp 12 triliun kepada 400 ribu nelayan.",
            ],
        ),
        (
            "knm-2023",
            "KNM 2023: Realisasi Rp 18 Triliun",
            "2023-12-15",
            &[
                "Kredit Nelayan Mandiri (KNM) makin diminati nelayan kecil di pesisir.",
                "Realisasi penyaluran tahun ini sudah Rp 18 triliun, sedangkan targetnya Rp 20 triliun.",
            ],
        ),
        (
            "knm-2025",
            "Target KNM 2025 Naik",
            "2025-06-02",
            &[
                "Pemerintah menaikkan plafon Kredit Nelayan Mandiri (KNM) tahun ini.",
                "Realisasinya sejauh ini sudah Rp 9 triliun, dari target Rp 25 triliun.",
            ],
        ),
        (
            "ldbn-2024",
            "LDBN Salurkan Dana Bergulir",
            "2024-10-01",
            &[
                "Lembaga Dana Bergulir Nelayan (LDBN) menyalurkan dana bergulir ke koperasi nelayan.",
                "Target penyaluran dana bergulir LDBN pada 2024 dipatok Rp 2 triliun bagi 30 ribu nelayan.",
            ],
        ),
    ])
}

#[test]
fn a_question_naming_a_year_is_answered_from_that_year() {
    let engine = years_of_knm();
    let a = engine.ask("berapa realisasi KNM tahun 2021?");
    assert_eq!(a.figure.as_deref(), Some("Rp 12 triliun"), "{a:?}");
    // "tahun ini" in a 2023 article is 2023.
    let a = engine.ask("realisasi knm 2023 brp");
    assert_eq!(a.figure.as_deref(), Some("Rp 18 triliun"), "{a:?}");
}

#[test]
fn another_years_figure_is_never_the_answer_the_years_there_are_are_named() {
    let engine = years_of_knm();
    let a = engine.ask("berapa realisasi KNM tahun 2022?");
    assert!(!a.answered && a.hits.is_empty(), "no passage speaks of 2022: {a:?}");
    let note = a.period.clone().expect("a note on the period");
    assert_eq!(note.asked, [2022]);
    assert_eq!(note.known, [2021, 2023, 2025]);
    let reply = tanyakop::render::reply(&a, &tanyakop::render::Plain);
    assert_eq!(
        reply,
        "Maaf, data untuk 2022 belum ada di basis pengetahuan saya. Data “realisasi KNM” yang saya punya: 2021, 2023 dan 2025."
    );
    // A relative year reads as the year it means: 2025's "tahun ini" is 2026's "tahun lalu".
    let a = engine.ask("realisasi KNM tahun lalu berapa?");
    assert_eq!(a.figure.as_deref(), Some("Rp 9 triliun"), "{a:?}");
}

#[test]
fn a_question_about_one_program_is_not_answered_from_another() {
    let engine = years_of_knm();
    // Only LDBN's paragraph speaks of a 2024 target; KNM had none that year.
    let a = engine.ask("target penyaluran KNM tahun 2024 berapa triliun?");
    assert!(!a.answered, "LDBN's target is no answer about KNM: {a:?}");
    let a = engine.ask("target penyaluran dana bergulir LDBN 2024");
    assert_eq!(a.figure.as_deref(), Some("Rp 2 triliun"));
}

#[test]
fn a_paragraph_is_about_what_its_article_is_about() {
    let engine = years_of_knm();
    // "Realisasinya sejauh ini ..." never says KNM; its article's title and lead do.
    let a = engine.ask("realisasi KNM 2025 sampai sekarang berapa");
    assert!(a.answered && a.hits[0].snippet.starts_with("Realisasinya sejauh ini"), "{a:?}");
}

#[test]
fn terbaru_prefers_the_newest_source_and_says_as_of_when() {
    let engine = years_of_knm();
    for q in ["berapa realisasi KNM terbaru?", "realisasi knm saat ini brp", "How much is the latest KNM realization?"]
    {
        let a = engine.ask(q);
        assert_eq!(a.figure.as_deref(), Some("Rp 9 triliun"), "{q:?}: {a:?}");
        assert_eq!(a.as_of.map(|d| d.iso()).as_deref(), Some("2025-06-02"), "{q:?}");
    }
    let reply = tanyakop::render::reply(&engine.ask("berapa realisasi KNM terbaru?"), &tanyakop::render::Plain);
    assert!(reply.starts_with("Rp 9 triliun (per 2 Juni 2025)\n\n"), "{reply}");
    let reply =
        tanyakop::render::reply(&engine.ask("How much is the current KNM realization?"), &tanyakop::render::Plain);
    assert!(reply.starts_with("Rp 9 triliun (as of 2 June 2025)\n\n"), "{reply}");
    // Without "terbaru", no date is said beside the figure.
    assert_eq!(engine.ask("berapa realisasi KNM 2021?").as_of, None);
}

#[test]
fn who_holds_an_office_is_read_from_the_newest_source() {
    let engine = engine_over(&[
        (
            "ketua-2020",
            "Rapat Anggota LDBN 2020",
            "2020-03-01",
            &["Ketua LDBN Budi Santosa membuka rapat anggota tahunan."],
        ),
        ("ketua-2024", "LDBN Ganti Pimpinan", "2024-08-01", &["Ketua LDBN Sri Wahyuni membuka rapat anggota tahunan."]),
    ]);
    let a = engine.ask("siapa ketua LDBN?");
    assert!(a.hits[0].snippet.contains("Sri Wahyuni"), "{a:?}");
    assert_eq!(a.figure.as_deref(), Some("Sri Wahyuni"), "who is asked leads the answer");
    assert_eq!(a.as_of.map(|d| d.iso()).as_deref(), Some("2024-08-01"));
    let a = engine.ask("siapa ketua LDBN tahun 2020?");
    assert!(a.hits[0].snippet.contains("Budi Santosa"), "a year named is that year's: {a:?}");
}

#[test]
fn a_year_in_a_name_is_no_period() {
    let engine = engine_over(&[(
        "lomba",
        "Lomba Perahu",
        "",
        &["Juara lomba itu Koperasi Nelayan 2000 dari Tegal, yang mengalahkan 12 peserta lain."],
    )]);
    let a = engine.ask("siapa juara lomba perahu tahun 2005?");
    assert!(a.answered, "the undated passage names no year but a name's: {a:?}");
}

#[test]
fn the_headline_is_the_measure_asked_a_target_or_what_was_reached() {
    let engine = years_of_knm();
    // One sentence gives both: "sudah Rp 18 triliun, sedangkan targetnya Rp 20 triliun".
    assert_eq!(engine.ask("target KNM 2023 berapa?").figure.as_deref(), Some("Rp 20 triliun"));
    assert_eq!(engine.ask("realisasi KNM 2023 berapa?").figure.as_deref(), Some("Rp 18 triliun"));
    // LDBN's 2024 paragraph gives a target only: no realisation is shown for one.
    let a = engine.ask("berapa realisasi dana bergulir LDBN 2024?");
    assert!(!a.answered, "a target is no realisation: {a:?}");
    // A question for money is answered in rupiah, not with a count.
    assert_eq!(engine.ask("dana bergulir LDBN 2024 berapa").figure.as_deref(), Some("Rp 2 triliun"));
}

#[test]
fn the_headline_is_the_figure_its_sentence_ties_to_the_year_asked() {
    let engine = engine_over(&[(
        "nelayan-digital",
        "Nelayan Go Digital",
        "2022-11-02",
        &[
            "Sasaran nelayan yang memakai aplikasi lelang ikan dinaikkan: 50 ribu nelayan pada 2023, lalu 80 ribu pada 2024.",
        ],
    )]);
    assert_eq!(engine.ask("berapa nelayan pakai aplikasi lelang ikan 2024").figure.as_deref(), Some("80 ribu"));
    assert_eq!(engine.ask("berapa nelayan pakai aplikasi lelang ikan 2023").figure.as_deref(), Some("50 ribu nelayan"));
    // "lalu 80 ribu" continues the list "sasaran … dinaikkan:" opens: a target, no realisation.
    let reached = engine.ask("berapa realisasi nelayan pakai aplikasi lelang ikan 2024");
    assert!(!reached.answered, "{:?}", reached.figure);
}

#[test]
fn a_range_is_answered_by_its_upper_bound_not_its_lower() {
    let engine = engine_over(&[(
        "plafon",
        "Plafon KNM Mikro",
        "2024-01-05",
        &["Plafon KNM Mikro kini Rp 0 hingga Rp 10 juta per nelayan, naik dari tahun lalu."],
    )]);
    assert_eq!(engine.ask("plafon KNM mikro berapa?").figure.as_deref(), Some("Rp 10 juta"));
}

#[test]
fn ordinals_are_no_figures() {
    let engine = engine_over(&[(
        "hari-nelayan",
        "Hari Nelayan ke-64",
        "2024-04-06",
        &["Pada Hari Nelayan ke-64, pemerintah menargetkan 200 koperasi nelayan baru tahun ini."],
    )]);
    assert_eq!(engine.ask("target koperasi nelayan 2024 berapa?").figure.as_deref(), Some("200 koperasi"));
}

#[test]
fn who_holds_an_office_now_is_not_read_from_a_source_years_older_than_the_rest() {
    let engine = engine_over(&[
        (
            "ketua-2020",
            "Rapat Anggota LDBN 2020",
            "2020-03-01",
            &["Ketua LDBN Budi Santosa membuka rapat anggota tahunan."],
        ),
        (
            "knm-2025",
            "Realisasi KNM 2025",
            "2025-06-02",
            &["Realisasi Kredit Nelayan Mandiri (KNM) sudah Rp 9 triliun."],
        ),
    ]);
    let a = engine.ask("siapa ketua LDBN sekarang?");
    assert!(!a.answered, "a 2020 source cannot say who leads now, five years on: {a:?}");
    // Asked without "sekarang", the newest source that says is the answer, with its date.
    let a = engine.ask("siapa ketua LDBN?");
    assert!(a.answered && a.hits[0].snippet.contains("Budi Santosa"), "{a:?}");
    assert_eq!(a.as_of.map(|d| d.iso()).as_deref(), Some("2020-03-01"));
}

#[test]
fn a_question_naming_someone_or_somewhere_no_passage_names_is_declined() {
    let engine = years_of_knm();
    let a = engine.ask("Berapa realisasi KNM di Kabupaten Wakatobi?");
    assert!(!a.answered, "Wakatobi is in no passage: {a:?}");
    // A misspelt name is no new name.
    let a = engine.ask("Berapa realisasi KNM tahun 2021 menurut Kredit Nelayan Mandrii?");
    assert!(a.answered, "{a:?}");
}

#[test]
fn the_paragraph_stating_the_headlines_figure_answers_for_its_article() {
    // Both paragraphs say how many boats are insured, in the same words; the title says which
    // figure the article reports. The earlier month's paragraph says "perahu" twice.
    let e = engine_over(&[(
        "asuransi-perahu",
        "Kini 48 Ribu Perahu Nelayan Sudah Diasuransikan",
        "2025-09-01",
        &[
            "Program asuransi bagi nelayan terus diperluas oleh pemerintah.",
            "Perahu nelayan yang sudah diasuransikan kini sekitar 48 ribu unit, kata pejabat kementerian.",
            "Pada Maret, perahu nelayan yang sudah diasuransikan baru 31 ribu perahu.",
        ],
    )]);
    let a = e.ask("berapa perahu nelayan yang sudah diasuransikan terbaru?");
    assert_eq!(a.figure.as_deref(), Some("sekitar 48 ribu unit"), "{a:?}");
}

#[test]
fn a_who_answer_is_headed_by_a_persons_name_never_an_office_or_a_place() {
    let engine = engine_over(&[(
        "ldbn-bandung",
        "LDBN Sosialisasi di Bandung",
        "2024-05-01",
        &[
            "LDBN adalah lembaga berbadan hukum yang menyalurkan dana bergulir.",
            "Sosialisasi dana bergulir di Jawa Barat disampaikan Kepala Biro Hukum LDBN, Rina Kartika, saat berbicara di Bandung.",
        ],
    )]);
    let a = engine.ask("siapa pejabat LDBN yang berbicara di Bandung?");
    assert_eq!(a.figure.as_deref(), Some("Rina Kartika"), "{a:?}");
    // Asked who someone is, the answer is what they are: no name heads it.
    let a = engine.ask("Rina Kartika itu siapa?");
    assert!(a.answered && a.figure.is_none(), "{a:?}");
}

#[test]
fn when_asked_of_a_year_the_year_alone_is_no_date() {
    let engine = years_of_knm();
    let a = engine.ask("kapan pendaftaran KNM 2021 dibuka?");
    assert!(!a.answered, "a passage whose only date is the year asked says no when: {a:?}");
}

#[test]
fn a_total_is_never_answered_with_what_was_added_to_it() {
    let engine = engine_over(&[
        (
            "ldbn-2024",
            "LDBN Salurkan Dana Bergulir",
            "2024-10-01",
            &[
                "Lembaga Dana Bergulir Nelayan (LDBN) menyalurkan dana bergulir ke koperasi nelayan.",
                "Sejak berdiri, total dana bergulir LDBN yang tersalur ke koperasi nelayan berjumlah Rp 7 triliun.",
            ],
        ),
        (
            "ldbn-2025",
            "LDBN Dapat Dana Baru",
            "2025-02-10",
            &[
                "Lembaga Dana Bergulir Nelayan (LDBN) bersiap menyalurkan lebih banyak dana bergulir.",
                "Total dana bergulir LDBN bertambah setelah mendapat tambahan anggaran Rp 3 triliun pada Februari 2025.",
            ],
        ),
    ]);
    let a = engine.ask("total dana bergulir LDBN terbaru berapa?");
    assert_eq!(a.figure.as_deref(), Some("Rp 7 triliun"), "{a:?}");
    // Asked what was added, the increment answers.
    let a = engine.ask("berapa tambahan dana bergulir LDBN 2025?");
    assert_eq!(a.figure.as_deref(), Some("Rp 3 triliun"), "{a:?}");
}
