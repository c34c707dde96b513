//! The answer engine on the shipped knowledge base: every figure of the seed article, asked
//! the ways people ask, comes back first; what the seed does not say is declined.

use tanyakop::answer::Intent;

/// (question, the figure the reply must lead with)
const SEED_FIGURES: &[(&str, &str)] = &[
    ("Berapa target pendataan lengkap KUMKM tahun 2024?", "21,4 juta data"),
    ("pendataan kumkm targetnya brp?", "21,4 juta data"),
    ("brp target rumah produksi bersama 2024?", "tujuh lokasi"),
    ("RPB ada brp lokasi?", "tujuh lokasi"),
    ("target rumah produksi bersma brp", "tujuh lokasi"),
    ("Di berapa kabupaten/kota program pengentasan kemiskinan ekstrem dilaksanakan?", "97 kabupaten/kota"),
    ("kemiskinan ekstrim di brp kab/kota?", "97 kabupaten/kota"),
    ("Berapa unit layanan rumah kemasan pada 2024?", "10 unit"),
    ("berapa PLUT yg mau diredesain?", "63 PLUT-KUMKM"),
    ("Berapa dokumen kerja sama yang difasilitasi Kemenkop sejak 2021?", "150 dokumen"),
    ("MoU kemenkop ada brp dokumen?", "150 dokumen"),
    ("Berapa mitra kerja sama Kemenkop UKM?", "lebih dari 100 mitra"),
    ("Berapa kerja sama yang difasilitasi sepanjang 2023?", "45 kerja sama"),
    ("brp stakeholder yg terlibat thn 2023?", "44 stakeholder"),
    ("Jumlah pemangku kepentingan yang terlibat pada 2023?", "44 stakeholder"),
];

#[test]
fn every_seed_figure_comes_first_however_it_is_asked() {
    let engine = crate::util::shipped_engine();
    let mut wrong = Vec::new();
    for (q, want) in SEED_FIGURES {
        let a = engine.ask(q);
        if !a.answered || a.figure.as_deref() != Some(*want) {
            wrong.push(format!("{q:?}: got {:?} (answered: {})", a.figure, a.answered));
        }
        if a.answered {
            assert!(a.hits[0].snippet.contains(want), "{q:?}: the first passage must hold {want:?}");
        }
    }
    assert!(wrong.is_empty(), "wrong headline figures:\n{}", wrong.join("\n"));
}

#[test]
fn questions_the_seed_does_not_answer_are_declined() {
    let engine = crate::util::seed_engine();
    for q in [
        "Berapa bunga KUR?",
        "berapa suku bunga KUR 2024",
        "Harga cabai hari ini berapa?",
        "cuaca besok di bandung",
        "siapa presiden indonesia",
        "",
        "???",
        "🙏🙏🙏",
        "apa yang dan di ke",
    ] {
        let a = engine.ask(q);
        assert!(!a.answered, "{q:?} should be declined, got {:?}", a.hits.first().map(|h| &h.snippet));
        // A decline about a known topic shows what is known of it ("KUR"), nothing more.
        assert!(a.hits.len() <= 1 && a.figure.is_none(), "{q:?}: {:?}", a.hits);
        assert!(!a.suggestions.is_empty(), "a decline suggests what the bot knows");
    }
}

#[test]
fn matched_words_are_highlighted_in_the_passage() {
    let engine = crate::util::shipped_engine();
    let a = engine.ask("berapa target rumah produksi bersama?");
    let hit = &a.hits[0];
    let marked: Vec<&str> = hit.highlights.iter().map(|r| &hit.snippet[r.clone()]).collect();
    assert!(marked.iter().any(|m| m.contains("Rumah Produksi Bersama")), "{marked:?}");
}

#[test]
fn acronyms_find_the_spelled_out_program() {
    let engine = crate::util::seed_engine();
    let a = engine.ask("RPB");
    assert!(a.answered);
    assert!(a.hits[0].snippet.contains("Rumah Produksi Bersama"));
}

#[test]
fn typos_are_read_as_the_known_word_and_reported() {
    let engine = crate::util::shipped_engine();
    let a = engine.ask("pengentasan kemiskinan ekstrim");
    assert!(a.answered);
    assert_eq!(a.corrections, vec![("ekstrim".to_string(), "ekstrem".to_string())]);
}

#[test]
fn a_word_of_general_news_is_no_typo_of_a_known_word() {
    let engine = crate::util::shipped_engine();
    // "latin" and "badak" are one edit from "lain" and "badan", which the knowledge base has;
    // read as those, the question would be answered from an unrelated passage.
    let a = engine.ask("Apa nama latin dari badak?");
    assert!(a.corrections.is_empty(), "{:?}", a.corrections);
    assert!(!a.answered, "{:?}", a.hits.first().map(|h| &h.snippet));
}

#[test]
fn intent_prefers_the_passage_with_the_kind_of_answer_asked_for() {
    let engine = crate::util::shipped_engine();
    let who = engine.ask("Siapa kepala biro hukum dan kerja sama?");
    assert_eq!(who.intent, Intent::Person);
    assert!(who.hits[0].snippet.contains("Henra Saragih"), "{:?}", who.hits[0].snippet);
    let place = engine.ask("Di mana kegiatan kolaborasi pengembangan koperasi diadakan?");
    assert_eq!(place.intent, Intent::Place);
    assert!(place.hits[0].snippet.contains("Bandung"));
    let when = engine.ask("Sejak kapan Kemenkop memfasilitasi nota kesepahaman?");
    assert_eq!(when.intent, Intent::Date);
    assert!(when.hits[0].snippet.contains("Maret 2021"), "{:?}", when.hits[0].snippet);
}

#[test]
fn odd_messages_get_a_normal_answer() {
    let engine = crate::util::shipped_engine();
    let long = "target rumah produksi bersama ".repeat(140);
    assert!(long.len() > 4000);
    for q in
        [long.as_str(), "\"KUR: (bunga", "title:RPB AND body:* OR (", "\u{202e}kur\u{200d}\u{0007}", "RPB 🏭🏭 brp?"]
    {
        let a = engine.ask(q);
        assert!(a.question.len() <= 2000);
        let _ = tanyakop::render::reply(&a, &tanyakop::render::Html);
    }
    assert!(engine.ask(&long).answered);
}

#[test]
fn explain_reads_the_question_that_ask_answers() {
    let engine = crate::util::shipped_engine();
    let long = format!("  {}", "target rumah produksi bersama ".repeat(140));
    let (answer, explained) = (engine.ask(&long), engine.explain(&long));
    assert_eq!(explained.searched, answer.question, "trimmed and cut alike");
    assert_eq!(engine.explain("  brp target RPB?\n").searched, "brp target RPB?");
}

/// An engine over articles held in memory, one paragraph each: (slug, body).
fn engine_over(articles: &[(&str, &str)]) -> tanyakop::engine::Engine {
    let files = tanyakop::knowledge::Files {
        articles: articles
            .iter()
            .map(|(slug, body)| (format!("articles/{slug}.md").into(), crate::util::article(slug, body)))
            .collect(),
        ..Default::default()
    };
    crate::util::engine_of(&tanyakop::knowledge::KnowledgeBase::parse(&files).expect("test articles are valid"))
}

#[test]
fn nama_beside_the_question_word_does_not_pick_the_passage() {
    let engine = engine_over(&[
        ("kenal", "Nama koperasi susu itu sudah dikenal luas di Boyolali."),
        ("bantu", "Koperasi susu terbesar di Boyolali, Koperasi Sarono Makmur, menerima bantuan mesin pendingin."),
    ]);
    let a = engine.ask("Apa nama koperasi susu di Boyolali?");
    assert!(a.hits[0].snippet.contains("Sarono Makmur"), "{:?}", a.hits[0].snippet);
    // Elsewhere "nama" is a topic like any other word.
    let a = engine.ask("Kapan nama koperasi susu dikenal luas?");
    assert!(a.hits[0].snippet.starts_with("Nama koperasi"), "{:?}", a.hits[0].snippet);
}

#[test]
fn a_name_read_as_a_typo_counts_less_than_the_words_typed_right() {
    let engine = engine_over(&[
        ("rehabilitasi", "Kuntoro Mangkusubroto memimpin badan rehabilitasi sejak April 2005."),
        ("final", "Sony, pebulutangkis kelahiran 7 Juli 1984, menang di final turnamen itu."),
    ]);
    // "Kuncoro" is not in the knowledge base; the nearest known word is "Kuntoro", another man.
    let a = engine.ask("Kapan Sony Kuncoro lahir?");
    assert_eq!(a.corrections, vec![("kuncoro".to_string(), "kuntoro".to_string())]);
    assert!(a.hits[0].snippet.contains("7 Juli 1984"), "{:?}", a.hits[0].snippet);
}

#[test]
fn tanggal_berapakah_asks_for_a_date_not_a_count() {
    let engine = engine_over(&[
        ("buka", "Pameran produk koperasi di Jakarta dibuka pada 12 Agustus 2024."),
        ("peserta", "Pameran produk koperasi di Jakarta dibuka untuk 120 peserta."),
        ("jadwal", "Tanggal pendaftaran pelatihan diumumkan kemudian."),
    ]);
    for q in [
        "Tanggal berapakah pameran produk koperasi di Jakarta dibuka?",
        "Pada tanggal berapa pameran produk koperasi di Jakarta dibuka?",
    ] {
        let a = engine.ask(q);
        assert!(a.hits[0].snippet.contains("12 Agustus"), "{q}: {:?}", a.hits[0].snippet);
    }
    // "Berapa" alone still asks for a count.
    let a = engine.ask("Berapa peserta pameran produk koperasi di Jakarta?");
    assert!(a.hits[0].snippet.contains("120 peserta"), "{:?}", a.hits[0].snippet);
}

#[test]
fn kepanjangan_is_answered_where_the_abbreviation_is_spelt_out() {
    let engine = engine_over(&[
        ("ekor", "Kepala LIPI mencatat panjang ekor monyet itu 60 sentimeter."),
        ("kepala", "Kepala LIPI membuka pameran hasil penelitian di Jakarta."),
        ("spesies", "Peneliti Lembaga Ilmu Pengetahuan Indonesia (LIPI) menemukan spesies katak baru."),
    ]);
    for q in ["Apakah kepanjangan dari LIPI?", "LIPI singkatan dari apa?"] {
        let a = engine.ask(q);
        assert!(a.hits[0].snippet.contains("Lembaga Ilmu Pengetahuan Indonesia"), "{q}: {:?}", a.hits[0].snippet);
    }
    // The shipped knowledge base spells out RUU in one passage of the seed article.
    let engine = crate::util::shipped_engine();
    let a = engine.ask("Apa kepanjangan RUU?");
    assert!(a.hits[0].snippet.contains("Rancangan Undang-Undang (RUU)"), "{:?}", a.hits[0].snippet);
    // The reply does not lead with a figure of the passage it picks ("63 PLUT-KUMKM").
    let a = engine.ask("Apa kepanjangan PLUT?");
    assert_eq!(a.figure, None);
}

#[test]
fn apa_itu_is_answered_by_what_the_program_is() {
    let engine = crate::util::shipped_engine();
    for (q, program) in [
        ("Apa itu RPB?", "Rumah Produksi Bersama"),
        ("RPB itu apa?", "Rumah Produksi Bersama"),
        // "dimaksud" is the question's form: asked as a topic, the knowledge base lacks it and the
        // question was declined.
        ("apa yg dimaksud pendataan KUMKM", "Pendataan Lengkap KUMKM"),
        ("pengertian KUR", "Pembiayaan KUR"),
    ] {
        let a = engine.ask(q);
        assert!(a.answered, "{q}");
        assert_eq!(a.hits[0].kind, tanyakop::answer::HitKind::Program, "{q}: {:?}", a.hits[0].snippet);
        assert!(a.hits[0].snippet.starts_with(&format!("{program}: ")), "{q}: {:?}", a.hits[0].snippet);
        assert_eq!(a.hits[0].title, format!("Ringkasan program {program}"));
        assert_eq!(a.figure, None, "{q}");
    }
    // The summary spells out the abbreviation in the program's name.
    let a = engine.ask("Apa kepanjangan PLUT?");
    assert!(a.hits[0].snippet.contains("Pusat Layanan Usaha Terpadu"), "{:?}", a.hits[0].snippet);
    // A question about a figure is still answered by the figure.
    let a = engine.ask("Berapa target RPB 2024?");
    assert_eq!(a.figure.as_deref(), Some("tujuh lokasi"));
}

#[test]
fn a_number_from_the_question_is_not_its_answer_however_it_is_written() {
    let engine = engine_over(&[
        ("salur", "Dari 1.500 paket bantuan koperasi, 900 paket sudah disalurkan."),
        ("lain", "Pelatihan kewirausahaan diikuti pelaku usaha dari berbagai daerah."),
    ]);
    for q in [
        "Dari 1500 paket bantuan koperasi, berapa yang sudah disalurkan?",
        "Dari 1.500 paket bantuan koperasi, berapa yang sudah disalurkan?",
    ] {
        let a = engine.ask(q);
        assert_eq!(a.figure.as_deref(), Some("900 paket"), "{q}");
    }
}

#[test]
fn colloquial_compound_and_reduplicated_words_read_as_standard_ones() {
    let engine = crate::util::shipped_engine();
    for (q, want) in [
        ("ada berapa mitra kerjasama kemenkop", "lebih dari 100 mitra"),
        ("brp lokasi rpb yg udah ditargetkan", "tujuh lokasi"),
        ("rumah produksi bersama mau dibikin di brp lokasi", "tujuh lokasi"),
        // "tahun" before a year only says it is a year; the knowledge base writes "pada 2023".
        ("thn 2023 ada brp kerjasama", "45 kerja sama"),
    ] {
        let a = engine.ask(q);
        assert_eq!(a.figure.as_deref(), Some(want), "{q:?}");
    }
}

#[test]
fn a_compound_typed_without_its_space_is_read_as_its_words_are_read_apart() {
    // "sharing" is searched as the Indonesian word it reads as; the compound's part is too.
    let engine = engine_over(&[
        ("pabrik", "Menurut Teten, factory sharing susu di Sleman harus melahirkan konglomerasi usaha kecil."),
        ("kerja", "Teten meminta koperasi ikut menciptakan lapangan kerja baru bagi warga desa."),
    ]);
    let a = engine.ask("menurut teten factorysharing harus ciptakan apa");
    assert!(a.answered && a.hits[0].snippet.contains("konglomerasi"), "{:?}", a.hits.first());
}

#[test]
fn small_talk_gets_a_friendly_reply_not_passages() {
    use tanyakop::answer::SmallTalk;
    let engine = crate::util::shipped_engine();
    for (q, kind) in [
        ("halo", SmallTalk::Greeting),
        ("selamat pagi min", SmallTalk::Greeting),
        ("makasih ya", SmallTalk::Thanks),
        ("ok thanks", SmallTalk::Thanks),
        ("dadah", SmallTalk::Farewell),
        ("kamu siapa?", SmallTalk::Identity),
        ("sip mantap", SmallTalk::Acknowledgement),
    ] {
        let a = engine.ask(q);
        assert_eq!((a.intent, a.smalltalk), (Intent::SmallTalk, Some(kind)), "{q:?}");
        assert!(a.hits.is_empty() && a.answered, "{q:?}");
        let reply = tanyakop::render::reply(&a, &tanyakop::render::Plain);
        let examples = engine.examples(tanyakop::answer::Language::Id).len();
        assert!(examples >= 2 && reply.contains("misalnya") && reply.matches("\n• ").count() == examples, "{reply}");
    }
    let a = engine.ask("halo, brp target rpb?");
    assert_eq!(a.figure.as_deref(), Some("tujuh lokasi"), "a greeting before a question does not hide it");
}

#[test]
fn list_questions_enumerate_every_matching_item_with_its_figure() {
    // The seed's 2024 targets: the shipped knowledge base has more 2024 targets than a list shows.
    let engine = crate::util::seed_engine();
    let reply = |q: &str| {
        let a = engine.ask(q);
        assert!(a.list && a.answered, "{q:?} is a list question");
        assert_eq!(a.figure, None, "{q:?}: the list is the answer, not one figure");
        tanyakop::render::reply(&a, &tanyakop::render::Plain)
    };
    let targets = reply("target2 kemenkop di tahun 2024 apa aja?");
    for want in ["21,4 juta data", "tujuh lokasi", "10 unit", "63 PLUT-KUMKM", "Sumber:"] {
        assert!(targets.contains(want), "{want:?} in:\n{targets}");
    }
    assert_eq!(targets.matches("tujuh lokasi —").count(), 1, "a figure is listed once:\n{targets}");
    let programs = reply("sebutkan program strategis kemenkop");
    for want in ["Rumah Produksi Bersama", "KUR", "PLUT-KUMKM"] {
        assert!(programs.contains(want), "{want:?} in:\n{programs}");
    }
    assert!(!engine.ask("berapa target rpb 2024").list, "one figure asked, one given");
}

#[test]
fn tahun_ini_is_this_years_figure_or_a_decline_naming_the_years_there_are() {
    let kb = tanyakop::knowledge::KnowledgeBase::load(&crate::util::shipped_knowledge()).expect("shipped");
    let in_2024 = crate::util::engine_of(&kb).in_year(2024);
    let a = in_2024.ask("brp target rpb thn ini?");
    assert_eq!((a.figure.as_deref(), &a.period), (Some("tujuh lokasi"), &None), "2024 is in the knowledge base");
    let a = in_2024.ask("brp stakeholder yg terlibat thn lalu?");
    assert_eq!((a.figure.as_deref(), &a.period), (Some("44 stakeholder"), &None), "tahun lalu is 2023");

    let in_2026 = crate::util::engine_of(&kb).in_year(2026);
    let a = in_2026.ask("brp target rpb thn ini?");
    assert!(!a.answered && a.figure.is_none(), "2024's figure is no answer for 2026: {a:?}");
    let note = a.period.clone().expect("a note on the period");
    assert_eq!((note.asked.as_slice(), note.known.as_slice()), (&[2026][..], &[2024][..]));
    let reply = tanyakop::render::reply(&a, &tanyakop::render::Plain);
    assert!(reply.contains("data untuk 2026 belum ada") && reply.contains("yang saya punya: 2024."), "{reply}");
}

#[test]
fn english_questions_are_answered_from_the_indonesian_knowledge_base_in_english() {
    use tanyakop::answer::Language;
    let engine = crate::util::shipped_engine();
    let plain = |a: &tanyakop::answer::Answer| tanyakop::render::reply(a, &tanyakop::render::Plain);
    for (q, want) in [
        ("How many partners does the ministry of cooperatives have?", "lebih dari 100 mitra"),
        ("how many districts are covered by the extreme poverty program?", "97 kabupaten/kota"),
        ("How many shared production houses are planned for 2024?", "tujuh lokasi"),
        // "What is the number …" asks for a figure as "how many" does, not for a definition.
        ("What is the number of shared production houses planned for 2024?", "tujuh lokasi"),
    ] {
        let a = engine.ask(q);
        assert_eq!((a.figure.as_deref(), a.language), (Some(want), Language::En), "{q:?}");
        assert_eq!(a.question, q, "the question is kept as asked");
        assert!(plain(&a).contains("\nSource: "), "English citation: {}", plain(&a));
    }
    let what = engine.ask("What is PLUT?");
    assert!(what.hits[0].snippet.contains("Pusat Layanan Usaha Terpadu"), "{:?}", what.hits[0].snippet);
    let declined = engine.ask("what is the price of chili today?");
    assert!(!declined.answered && plain(&declined).starts_with("Sorry, I could not find"), "{}", plain(&declined));
    let rate = engine.ask("what is the interest rate of KUR?");
    assert!(rate.answered && rate.hits[0].snippet.contains("persen"), "a rate is asked: {:?}", rate.hits.first());
    let hello = engine.ask("who are you?");
    assert!(hello.smalltalk.is_some() && plain(&hello).starts_with("I am tanyakop"), "{}", plain(&hello));
    let quoted = engine.ask("Siapa yang menyanyikan lagu \"My Heart Will Go On\"?");
    assert_eq!(quoted.language, Language::Id, "an Indonesian question quoting an English title");
}

#[test]
fn a_figure_asked_about_a_known_topic_that_has_none_is_declined_with_what_is_known() {
    let engine = crate::util::seed_engine();
    let a = engine.ask("berapa jumlah UMKM yang ada di Jawa Barat");
    assert!(!a.answered, "no passage counts the UMKM of Jawa Barat");
    assert_eq!(a.hits.len(), 1, "the passage about the topic is shown as such");
    let reply = tanyakop::render::reply(&a, &tanyakop::render::Plain);
    assert!(reply.starts_with("Maaf, jawaban untuk itu belum ada") && reply.contains("Jawa Barat"), "{reply}");
    assert_eq!(engine.ask("brp target rpb 2024").figure.as_deref(), Some("tujuh lokasi"), "a figure that is there");
}

#[test]
fn siapa_is_declined_where_the_passage_names_only_what_the_question_names() {
    let only_ministry = engine_over(&[("sosial", "Kementerian Sosial menyalurkan bantuan ke seluruh daerah.")]);
    let a = only_ministry.ask("Siapa menteri sosial?");
    assert!(!a.answered, "the passage says nothing about who: {:?}", a.hits.first().map(|h| &h.snippet));
    let named = engine_over(&[("sosial", "Menteri Sosial Budi Santoso menyalurkan bantuan ke seluruh daerah.")]);
    let a = named.ask("Siapa menteri sosial?");
    assert!(a.answered && a.hits[0].snippet.contains("Budi Santoso"));
}

#[test]
fn ordinary_new_words_around_a_known_topic_do_not_block_the_answer() {
    let engine = crate::util::shipped_engine();
    // "dibangun", "ditangani", "daerah", "hadir" and "dibikin" are in no passage; the topics are.
    for (q, want) in [
        ("berapa unit rumah kemasan yang akan dibangun", "10 unit"),
        ("kemiskinan ekstrem ditangani di berapa daerah", "97 kabupaten/kota"),
        ("berapa lokasi RPB yg mau dibikin tahun 2024", "tujuh lokasi"),
    ] {
        let a = engine.ask(q);
        assert_eq!(a.figure.as_deref(), Some(want), "{q:?}");
    }
    // On the seed alone: the shipped knowledge base also has a 2019 handover "dihadiri para
    // pejabat" of the ministry, which covers more of this question than the Bandung passage.
    let a = crate::util::seed_engine().ask("siapa pejabat kemenkop yang hadir di bandung");
    assert!(a.answered && a.hits[0].snippet.contains("Henra Saragih"), "{:?}", a.hits.first().map(|h| &h.snippet));
}

#[test]
fn a_topic_word_the_knowledge_base_lacks_is_declined() {
    let engine = crate::util::seed_engine();
    for q in [
        "berapa tunjangan pegawai kemenkop",
        "berapa anggota koperasi merah putih?",
        "bagaimana cara mengajukan KUR",
        "kapan pendaftaran PLUT dibuka",
    ] {
        let a = engine.ask(q);
        assert!(!a.answered, "{q:?} got {:?}", a.hits.first().map(|h| &h.snippet));
    }
    // "pendaftaran" is a word of general Indonesian, not a typo of "pendataan".
    assert!(engine.ask("kapan pendaftaran PLUT dibuka").corrections.is_empty());
}

#[test]
fn capitalised_words_in_a_question_are_names_the_knowledge_base_must_know() {
    let engine = crate::util::seed_engine();
    // "Luar", "Jepang" and "Gubernur" are common words, but written as names they are the topic.
    for q in ["Siapa Menteri Luar Negeri Jepang?", "Siapa Gubernur Jawa Barat?", "siapa gubernur jawa barat"] {
        let a = engine.ask(q);
        assert!(!a.answered, "{q:?} got {:?}", a.hits.first().map(|h| &h.snippet));
    }
    // A name is not read as a misspelt common word ("Samad" is not "sama").
    let a = engine.ask("Kapan Samad Riyadi menandatangani kerja sama?");
    assert!(a.corrections.iter().all(|(typed, _)| typed != "samad"), "{:?}", a.corrections);
    // A question typed in Title Case marks no names.
    let a = engine.ask("Berapa Target Rumah Produksi Bersama Yang Direncanakan");
    assert_eq!(a.figure.as_deref(), Some("tujuh lokasi"));
}

#[test]
fn sejak_kapan_is_answered_with_the_start_and_sampai_kapan_with_the_end() {
    let engine = crate::util::shipped_engine();
    assert_eq!(engine.ask("sejak kapan kemenkop memfasilitasi kerja sama").figure.as_deref(), Some("Maret 2021"));
    assert_eq!(engine.ask("kerja sama itu difasilitasi mulai kapan").figure.as_deref(), Some("Maret 2021"));
    assert_eq!(engine.ask("sampai kapan dokumen kerja sama difasilitasi").figure.as_deref(), Some("Desember 2023"));
}

#[test]
fn a_place_or_a_common_word_beside_the_question_is_no_persons_name() {
    // "Bandung" (after "di") and "Selasa" stand beside "Jawa Barat", and "Indonesia" beside
    // "koperasi"; none of them says who the governor or the minister is.
    let engine = engine_over(&[(
        "acara",
        "Acara koperasi digelar di Bandung, Jawa Barat, pada Selasa. Koperasi di Indonesia terus tumbuh.",
    )]);
    for q in ["siapa gubernur jawa barat", "siapa menteri koperasi indonesia"] {
        let a = engine.ask(q);
        assert!(!a.answered, "{q:?} got {:?}", a.hits.first().map(|h| &h.snippet));
    }
    let named = engine_over(&[("acara", "Gubernur Jawa Barat, Ridwan Kamil, membuka acara koperasi di Bandung.")]);
    let a = named.ask("siapa gubernur jawa barat");
    assert!(a.answered && a.hits[0].snippet.contains("Ridwan Kamil"));
}

#[test]
fn a_question_close_to_a_curated_one_gets_the_ministrys_answer_first() {
    let dir = crate::util::knowledge_copy();
    std::fs::write(
        dir.path().join("faq.toml"),
        "[[faq]]\nquestions = [\"Bagaimana cara mendaftar Rumah Produksi Bersama?\", \"syarat ikut RPB\"]\n\
         answer = \"Koperasi mengajukan proposal ke Deputi Bidang UKM.\"\nsource = \"Kemenkop UKM\"\n",
    )
    .expect("write faq.toml");
    let kb = tanyakop::knowledge::KnowledgeBase::load(dir.path()).expect("valid knowledge");
    let engine = crate::util::engine_of(&kb);
    for q in [
        "gmn cara daftar rpb?",
        "bagaimana cara mendaftar rumah produksi bersama",
        "syarat ikut rumah produksi bersama apa",
    ] {
        let a = engine.ask(q);
        let curated = a.curated.as_ref().unwrap_or_else(|| panic!("{q}: no curated answer"));
        assert!(a.answered && curated.answer.starts_with("Koperasi mengajukan"), "{q}");
    }
    for q in ["brp target RPB 2024?", "cara daftar KUR", "syarat"] {
        assert!(engine.ask(q).curated.is_none(), "{q} is another question");
    }
    // The passages still answer beside it: the figure question keeps its figure.
    assert_eq!(engine.ask("brp target RPB 2024?").figure.as_deref(), Some("tujuh lokasi"));
}

#[test]
fn two_words_typed_without_their_space_are_read_as_both() {
    let engine = engine_over(&[
        ("nelayan", "Koperasi nelayan di Tegal kini beranggotakan 1.200 orang."),
        ("petani", "Koperasi petani di Brebes beranggotakan 800 orang."),
    ]);
    let a = engine.ask("berapa anggota koperasinelayan?");
    assert_eq!(a.figure.as_deref(), Some("1.200 orang"), "{a:?}");
}

#[test]
fn an_office_asked_as_a_phrase_is_not_met_by_its_words_apart() {
    // A newer passage names "Wakil Gubernur" and "Menteri UMKM"; it names no deputy minister.
    let a = crate::util::shipped_engine().ask("siapa wakil menteri umkm");
    assert!(a.answered && a.hits[0].snippet.contains("Helvi Moraza"), "{:?}", a.hits.first().map(|h| &h.snippet));
}

#[test]
fn siapa_an_office_is_answered_only_where_the_office_is_the_one_asked() {
    let engine = crate::util::shipped_engine();
    // The knowledge base names the Menteri UMKM and the Institut Pertanian Bogor, no Menteri
    // Pertanian.
    let a = engine.ask("siapa menteri pertanian");
    assert!(!a.answered, "{:?}", a.hits.first().map(|h| &h.snippet));
    let a = engine.ask("siapa menteri koperasi sekarang");
    assert!(a.answered && a.hits[0].snippet.contains("Ferry Juliantono"), "{:?}", a.hits.first().map(|h| &h.snippet));
    // A deputy minister is no vice president.
    let a = engine.ask("siapa wakil presiden indonesia");
    assert!(a.hits.first().is_none_or(|h| !h.snippet.contains("Wakil Menteri Koperasi")), "{:?}", a.hits[0].snippet);
}

#[test]
fn an_office_the_question_frame_hides_must_still_be_the_one_named() {
    let engine = engine_over(&[
        ("jateng", "Gubernur Jawa Tengah Ahmad Lutfi meresmikan gedung PLUT di Semarang."),
        ("bali", "PLUT di Denpasar, Bali, kini melayani 300 UMKM setiap bulan, kata Made Sudana."),
        ("kendari", "Gedung PLUT di Kendari, Sulawesi Tenggara, diresmikan Bupati Konawe Yusran Akbar."),
        ("ekspor", "Pencairan perdana dana ekspor ke Malaysia disaksikan Menteri UMKM Maman Abdurrahman."),
    ]);
    // "dijabat oleh siapa" and "yang menjabat sebagai" put the office outside the question's
    // frame; it is asked all the same.
    let a = engine.ask("Gubernur Jawa Tengah dijabat oleh siapa?");
    assert!(a.answered && a.hits[0].snippet.contains("Ahmad Lutfi"), "{a:?}");
    let a = engine.ask("Gubernur Bali dijabat oleh siapa?");
    assert!(!a.answered, "{:?}", a.hits.first().map(|h| &h.snippet));
    let a = engine.ask("Siapa yang menjabat sebagai gubernur Bali?");
    assert!(!a.answered, "{:?}", a.hits.first().map(|h| &h.snippet));
    // "Sultra" is read as "Sulawesi Tenggara": the governor of it is asked, not a regent there.
    let a = engine.ask("Siapakah Gubernur Sultra");
    assert!(!a.answered, "{:?}", a.hits.first().map(|h| &h.snippet));
    // A first ("perdana") disbursement names no prime minister.
    let a = engine.ask("Siapa nama Perdana Menteri Malaysia?");
    assert!(!a.answered, "{:?}", a.hits.first().map(|h| &h.snippet));
}

#[test]
fn maksimal_berapa_is_headed_by_the_figure_a_limit_opens() {
    // The passage also counts "dua jenis" KUR; the limit asked is "hingga Rp 100 juta".
    let a = crate::util::shipped_engine().ask("kur tanpa jaminan maksimal berapa");
    assert_eq!(a.figure.as_deref(), Some("Rp 100 juta"), "{:?}", a.hits.first().map(|h| &h.snippet));
}

#[test]
fn a_name_is_known_by_its_own_form_not_by_its_stem() {
    // The stemmer reads "Kerinci" as "rinci", the root of "merinci", which the knowledge base
    // has; no article names Kerinci.
    let a = crate::util::shipped_engine().ask("Di Provinsi manakah Kabupaten Kerinci berada?");
    assert!(!a.answered, "{:?}", a.hits.first().map(|h| &h.snippet));
}

#[test]
fn a_plain_word_is_not_the_coined_name_the_knowledge_base_writes_it_as() {
    // The knowledge base has "padi" only as PaDi UMKM, the ministry's procurement marketplace.
    let engine = crate::util::shipped_engine();
    for q in ["berapa harga padi sekarang", "What is the price of rice?"] {
        let a = engine.ask(q);
        assert!(!a.answered, "{q:?}: {:?}", a.hits.first().map(|h| &h.snippet));
    }
    for q in ["apa itu PaDi?", "berapa nilai transaksi padi umkm"] {
        assert!(engine.ask(q).answered, "{q:?}");
    }
}

#[test]
fn a_negated_question_is_answered_by_the_passage_that_says_the_negation() {
    let engine = crate::util::engine_with(
        &[(
            "sensus-nelayan",
            "Sensus Koperasi Nelayan 2024",
            "2024-05-02",
            &[
                "Sensus koperasi nelayan 2024 sudah menjangkau 300 kecamatan pesisir di seluruh provinsi.",
                "Petugas sensus koperasi nelayan belum menjangkau 45 kecamatan pesisir karena cuaca buruk.",
            ],
        )],
        "",
        "",
    );
    let a = engine.ask("berapa kecamatan yg blm dijangkau sensus koperasi nelayan?");
    assert_eq!(a.figure.as_deref(), Some("45 kecamatan"), "{:?}", a.hits.first().map(|h| &h.snippet));
    let a = engine.ask("berapa kecamatan yang dijangkau sensus koperasi nelayan?");
    assert_eq!(a.figure.as_deref(), Some("300 kecamatan"));
}

#[test]
fn one_negation_answers_another() {
    // "tidak" in the question, "belum" in the passage: both say "not".
    let engine = crate::util::engine_with(
        &[(
            "nik-koperasi",
            "Nomor Induk Koperasi Nelayan",
            "2024-05-02",
            &[
                "Sebanyak 300 koperasi nelayan sudah memiliki nomor induk koperasi.",
                "Sebanyak 45 koperasi nelayan belum memiliki nomor induk koperasi.",
            ],
        )],
        "",
        "",
    );
    let a = engine.ask("berapa koperasi nelayan yang tidak memiliki nomor induk koperasi?");
    assert_eq!(a.figure.as_deref(), Some("45 koperasi"), "{:?}", a.hits.first().map(|h| &h.snippet));
}

#[test]
fn a_why_question_is_answered_by_the_passage_that_gives_the_cause() {
    let engine = crate::util::engine_with(
        &[(
            "dana-nelayan",
            "Dana Bergulir untuk Koperasi Nelayan",
            "2024-05-02",
            &[
                "Banyak koperasi nelayan tidak menerima dana bergulir pada tahun ini.",
                "Banyak koperasi nelayan tidak menerima dana bergulir, sebab izin usahanya belum lengkap.",
            ],
        )],
        "",
        "",
    );
    let a = engine.ask("mengapa banyak koperasi nelayan tidak menerima dana bergulir?");
    assert!(a.answered && a.hits[0].snippet.contains("izin usahanya"), "{:?}", a.hits.first());
}

#[test]
fn a_question_quoting_someone_is_answered_from_the_article_that_quotes_them() {
    let engine = crate::util::engine_with(
        &[
            (
                "sensus-ratna",
                "Sensus Koperasi Nelayan Dimulai",
                "2024-03-01",
                &[
                    "Sensus koperasi nelayan dimulai serentak di kabupaten pesisir.",
                    "Target sensus koperasi nelayan 2025 sebanyak 8 ribu koperasi.",
                    // Not in the lead, nor beside the figure: the article, not the paragraph, quotes her.
                    "Hal itu disampaikan Deputi Ratna Wulandari di Makassar.",
                ],
            ),
            (
                "sensus-dinas",
                "Target Sensus Koperasi Nelayan 2025",
                "2025-02-01",
                &[
                    "Dinas perikanan menyebut target sensus koperasi nelayan 2025 sebanyak 12 ribu koperasi.",
                    "Pendataan dilakukan oleh petugas dinas di setiap kabupaten.",
                ],
            ),
        ],
        "",
        "",
    );
    let a = engine.ask("target sensus koperasi nelayan 2025 menurut Ratna berapa");
    assert_eq!(a.figure.as_deref(), Some("8 ribu koperasi"), "{:?}", a.hits.first().map(|h| &h.snippet));
    assert_eq!(engine.ask("target sensus koperasi nelayan 2025 berapa").figure.as_deref(), Some("12 ribu koperasi"));
}

#[test]
fn a_passage_meeting_a_question_only_in_its_place_does_not_answer() {
    let engine = engine_over(&[
        ("sumbar", "Pelatihan UMKM di Sumatera Barat diikuti 400 peserta pada 2024."),
        ("priok", "Pelabuhan Tanjung Priok di Jakarta melayani ekspor UMKM ke Jepang."),
    ]);
    let a = engine.ask("Apa nama pelabuhan di Sumatera Barat?");
    assert!(!a.answered, "{:?}", a.hits.first().map(|h| &h.snippet));
    let a = engine.ask("berapa peserta pelatihan di Sumatera Barat?");
    assert_eq!(a.figure.as_deref(), Some("400 peserta"), "{a:?}");
}

#[test]
fn a_regulation_asked_by_its_number_is_met_only_where_that_number_is_a_documents() {
    let engine = engine_over(&[
        ("uu", "Undang-Undang Nomor 25 Tahun 1992 tentang Perkoperasian dikeluarkan pada 21 Oktober 1992."),
        ("daftar", "Sebanyak 27 koperasi dikeluarkan dari daftar penerima dana bergulir pada Mei 2024."),
    ]);
    let a = engine.ask("Kapankah Undang-Undang Nomor 27 dikeluarkan?");
    assert!(!a.answered, "{:?}", a.hits.first().map(|h| &h.snippet));
    let a = engine.ask("Kapankah Undang-Undang Nomor 25 dikeluarkan?");
    assert!(a.answered && a.hits[0].snippet.contains("Perkoperasian"), "{a:?}");
}

#[test]
fn a_name_is_read_as_a_misspelt_name_never_as_a_word_written_small() {
    let engine = engine_over(&[
        ("tenggang", "Masa tenggang pinjaman koperasi terletak pada delapan bulan pertama."),
        ("plut", "Menteri Teten Masduki meresmikan PLUT di Kendari pada Maret 2022."),
    ]);
    let a = engine.ask("Di negara manakah Trengganu terletak?");
    assert!(!a.answered, "{:?}", a.hits.first().map(|h| &h.snippet));
    let a = engine.ask("Kapan Teten Masdki meresmikan PLUT di Kendari?");
    assert!(a.answered && a.hits[0].snippet.contains("Masduki"), "{a:?}");
}

#[test]
fn a_list_written_over_two_paragraphs_is_listed_whole() {
    let engine = crate::util::engine_with(
        &[
            (
                "knm-2025",
                "Target Koperasi Nelayan 2025",
                "2025-01-15",
                &[
                    "Kementerian Kelautan menyiapkan program koperasi nelayan untuk tahun depan.",
                    "Pada 2025, target program koperasi nelayan antara lain 40 gudang beku dan 12 kapal angkut.",
                    "Selain itu, ada 300 gerai ikan segar serta pelatihan bagi 5.000 anggota.",
                    "Program itu dibiayai dari anggaran daerah dan pusat.",
                ],
            ),
            ("kopi", "Panen Kopi Gayo", "2025-03-01", &["Panen kopi Gayo pada 2025 mencapai 40 ribu ton."]),
        ],
        "",
        "",
    );
    let a = engine.ask("target koperasi nelayan 2025 apa saja?");
    let listed: Vec<&str> = a.hits.iter().map(|h| h.snippet.as_str()).collect();
    assert!(a.list && listed.iter().any(|s| s.contains("40 gudang")), "{listed:?}");
    assert!(listed.iter().any(|s| s.contains("300 gerai")), "the paragraph going on with the list: {listed:?}");
    assert!(!listed.iter().any(|s| s.contains("dibiayai")), "a paragraph that does not go on with it: {listed:?}");
}
