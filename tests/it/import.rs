//! Importing documents: each kind of fixture becomes a clean, dated article whose figures the
//! bot then answers, and each bad document is refused with its reason and nothing written.

use std::path::{Path, PathBuf};

use support::documents;
use tanyakop::import::{self, Draft, ImportError, ImportOptions, Source};
use tanyakop::knowledge::KnowledgeBase;

use crate::util::{engine_of, knowledge_copy};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// A press release over two pages, as a word processor prints it: a running header, page
/// numbers at the foot, lines wrapped (one word hyphenated across them) and paragraphs set
/// apart by a line's space.
pub fn press_release_pdf() -> Vec<u8> {
    documents::pdf(
        Some("Microsoft Word - siaran-pers-kur-perikanan.docx"),
        Some("SIARAN PERS KEMENTERIAN KOPERASI DAN UKM"),
        &[
            vec![
                "Penyaluran KUR Klaster Perikanan Capai Rp12,5 Triliun",
                "",
                "Jakarta, 15 Maret 2024 - Kementerian Koperasi dan UKM mencatat penyaluran",
                "Kredit Usaha Rakyat (KUR) untuk klaster perikanan sepanjang 2023 mencapai",
                "Rp12,5 triliun yang diterima oleh 210 ribu nelayan dan pembudi-",
                "daya ikan di seluruh Indonesia.",
                "",
                "Deputi Bidang Usaha Kecil dan Menengah menyampaikan bahwa skema klaster",
                "memudahkan lembaga penyalur menilai kelayakan usaha karena pelaku usaha",
                "tergabung dalam satu rantai pasok bersama koperasi dan pembeli.",
            ],
            vec![
                "Pemerintah menargetkan penyaluran KUR klaster perikanan naik menjadi",
                "Rp15 triliun pada 2024, dengan prioritas bagi koperasi nelayan yang",
                "mengelola tempat pelelangan ikan.",
                "",
                "Kemenkop UKM juga akan memperluas pendampingan bagi koperasi perikanan agar",
                "pencatatan keuangan anggota lebih tertib sehingga pengajuan KUR lebih cepat",
                "disetujui.",
            ],
        ],
    )
}

/// A Word file with a title property, a creation date and a styled heading.
pub fn inkubasi_docx() -> Vec<u8> {
    documents::docx(
        Some("Inkubasi Wirausaha Muda 2024"),
        "2024-04-22T08:00:00Z",
        "Program Inkubasi Wirausaha Muda",
        &[
            "Kementerian Koperasi dan UKM membuka program inkubasi bagi wirausaha muda yang diikuti 1.250 pelaku usaha mikro dari 34 provinsi.",
            "Setiap peserta mendapat pendampingan selama enam bulan, akses ke Rumah Produksi Bersama, serta bantuan penyusunan rencana bisnis & laporan keuangan.",
            "Kemenkop UKM menargetkan 60 persen peserta inkubasi sudah memiliki izin usaha melalui OSS pada akhir program.",
        ],
    )
}

fn draft(dir: &Path, name: &str, bytes: &[u8]) -> Result<Draft, ImportError> {
    import::draft(dir, &Source::file(name), bytes, &ImportOptions::default())
}

/// Imports `bytes` into `dir`, then asks the reloaded knowledge base `question` and returns
/// the figure it leads with.
fn import_and_ask(dir: &Path, name: &str, bytes: &[u8], question: &str) -> (Draft, Option<String>) {
    let d = draft(dir, name, bytes).expect("the document is imported").save(dir).expect("the article is written");
    let kb = KnowledgeBase::load(dir).expect("the knowledge base stays valid");
    let answer = engine_of(&kb).ask(question);
    assert!(answer.answered, "{question:?} is answered");
    assert_eq!(answer.hits.first().map(|h| h.title.as_str()), Some(d.title.as_str()), "{question:?} cites the import");
    (d, answer.figure)
}

fn body(d: &Draft) -> &str {
    d.text.split_once("\n+++\n").map_or("", |(_, b)| b)
}

#[test]
fn a_news_page_becomes_a_clean_dated_article_the_bot_answers() {
    let kb = knowledge_copy();
    let page = std::fs::read(fixture("berita-rumah-kemasan.html")).expect("fixture");
    let (d, figure) =
        import_and_ask(kb.path(), "berita-rumah-kemasan.html", &page, "berapa rumah kemasan baru di jawa tengah?");
    assert_eq!(figure.as_deref(), Some("12"));
    assert_eq!(d.title, "Kemenkop UKM Resmikan 12 Rumah Kemasan Baru di Jawa Tengah");
    assert_eq!(d.date.as_deref(), Some("2024-02-06"), "from the byline “Selasa 06 Feb 2024 14:55 WIB”");
    assert_eq!(d.source.as_deref(), Some("Warta Koperasi"));
    assert_eq!(d.url.as_deref(), Some("https://warta-koperasi.example/berita/rumah-kemasan-jateng"));
    assert_eq!(d.programs, ["rumah-kemasan"]);
    assert_eq!(d.paragraphs, 5);
    for furniture in [
        "Beranda",
        "ADVERTISEMENT",
        "SCROLL",
        "Baca Juga",
        "Harga Beras",
        "Bagikan",
        "WhatsApp",
        "Petugas menunjukkan",
        "Berita Terkait",
        "Festival Kuliner",
        "Terpopuler",
        "Copyright",
        "Pedoman",
        "dataLayer",
        "#UMKM",
        "Promo pinjaman",
    ] {
        assert!(!body(&d).contains(furniture), "{furniture:?} left in:\n{}", d.text);
    }
    assert!(d.figures.iter().any(|f| f.figure.contains("3.400") && f.sentence.contains("memanfaatkan layanan")));
}

#[test]
fn a_windows_1252_page_is_decoded_by_its_charset() {
    let kb = knowledge_copy();
    let page = std::fs::read(fixture("pelatihan-barista-cp1252.html")).expect("fixture");
    let (d, figure) =
        import_and_ask(kb.path(), "pelatihan.html", &page, "brp peserta pelatihan barista kopi nusantara");
    assert_eq!(figure.as_deref(), Some("350 peserta"));
    assert_eq!(d.title, "Pelatihan Barista Koperasi “Kopi Nusantara”");
    assert_eq!(d.date.as_deref(), Some("2024-03-14"), "from the dateline “Jakarta, 14 Maret 2024”");
    assert!(body(&d).contains("membuat café latte"), "{}", d.text);
    assert!(!d.text.contains('\u{fffd}') && !body(&d).contains("Beranda") && !body(&d).contains("hak dilindungi"));
}

#[test]
fn a_multi_page_pdf_loses_its_running_header_and_page_numbers_and_keeps_its_paragraphs() {
    let kb = knowledge_copy();
    let (d, figure) = import_and_ask(
        kb.path(),
        "siaran-pers.pdf",
        &press_release_pdf(),
        "berapa penyaluran kur klaster perikanan 2023?",
    );
    assert_eq!(figure.as_deref(), Some("Rp12,5 triliun"));
    assert_eq!(
        d.title, "Penyaluran KUR Klaster Perikanan Capai Rp12,5 Triliun",
        "the first line, not “Microsoft Word - …”"
    );
    assert_eq!(d.date.as_deref(), Some("2024-03-15"));
    assert_eq!(d.paragraphs, 4, "{}", d.text);
    assert!(body(&d).contains("210 ribu nelayan dan pembudidaya ikan di seluruh Indonesia."), "{}", d.text);
    assert!(!body(&d).contains("SIARAN PERS") && !body(&d).contains("Halaman"), "{}", d.text);
    assert!(d.programs.contains(&"kur".to_string()));
}

#[test]
fn a_docx_becomes_an_article_dated_by_its_properties() {
    let kb = knowledge_copy();
    let (d, figure) = import_and_ask(
        kb.path(),
        "inkubasi.docx",
        &inkubasi_docx(),
        "berapa pelaku usaha yang ikut inkubasi wirausaha muda?",
    );
    assert_eq!(figure.as_deref(), Some("1.250 pelaku usaha"));
    assert_eq!(d.title, "Inkubasi Wirausaha Muda 2024");
    assert_eq!(d.date.as_deref(), Some("2024-04-22"));
    assert!(body(&d).contains("rencana bisnis & laporan keuangan"), "{}", d.text);
    assert!(d.programs.contains(&"rumah-produksi-bersama".to_string()));
}

#[test]
fn bad_documents_are_refused_with_their_reason() {
    let kb = knowledge_copy();
    let dir = kb.path();
    let refused = |name: &str, bytes: &[u8]| draft(dir, name, bytes).expect_err(name);
    assert!(matches!(refused("pindaian.pdf", &documents::pdf_without_text()), ImportError::ScannedPdf));
    assert!(matches!(refused("rahasia.pdf", &documents::encrypted_pdf()), ImportError::EncryptedPdf));
    let bomb = documents::docx_bomb(import::docx::MAX_PART_BYTES as usize + 1024);
    assert!(bomb.len() < 200 * 1024, "the bomb is small: {} bytes", bomb.len());
    assert!(matches!(refused("bom.docx", &bomb), ImportError::ZipBomb { .. }));
    let menus =
        "<html><body><nav><a href='/'>Beranda</a><a href='/b'>Berita</a></nav><footer>© 2024</footer></body></html>";
    assert!(matches!(refused("kosong.html", menus.as_bytes()), ImportError::NoArticle));
    let huge = vec![b'a'; import::MAX_DOCUMENT_BYTES + 1];
    assert!(matches!(refused("besar.txt", &huge), ImportError::TooLarge { .. }));
    assert!(matches!(refused("lama.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), ImportError::LegacyWord));
    assert!(matches!(refused("rusak.pdf", b"%PDF-1.4\n1 0 obj <<"), ImportError::BrokenPdf(_)));
    assert!(matches!(refused("rusak.docx", b"PK\x03\x04 bukan zip"), ImportError::BrokenDocx(_)));
}

#[test]
fn a_pdf_whose_form_draws_itself_is_refused_before_it_is_read() {
    // Read in this process, without the child that the binary uses: the form would recurse
    // until the stack overflowed and aborted the tests.
    for subtype in ["Form", "Image"] {
        let refused = import::pdf::extract(&documents::pdf_drawing_itself_as(subtype)).expect_err(subtype);
        assert!(matches!(&refused, ImportError::BrokenPdf(why) if why == "a form in it draws itself"), "{refused}");
    }
}

#[test]
fn a_form_drawn_again_under_other_resources_is_no_loop() {
    let lines = ["Program Rumah Produksi Bersama menjangkau 1.250 pelaku usaha di tujuh provinsi pada 2024."; 2];
    let doc =
        import::pdf::extract(&documents::pdf_with_a_form_drawn_again_under_other_resources(&lines)).expect("read");
    assert!(doc.paragraphs.join(" ").contains("1.250 pelaku usaha"), "{:?}", doc.paragraphs);
}

#[test]
fn text_inside_nested_forms_is_read_and_an_image_drawn_beside_them_is_no_loop() {
    let lines = [
        "Kementerian Koperasi dan UKM menyalurkan bantuan kemasan kepada 350 pelaku usaha",
        "di tujuh provinsi sepanjang tahun 2024 melalui program Rumah Produksi Bersama.",
    ];
    let doc = import::pdf::extract(&documents::pdf_with_form_chain(&lines, 3, 1)).expect("read");
    let text = doc.paragraphs.join(" ");
    assert!(text.contains("kepada 350 pelaku usaha di tujuh provinsi"), "{text}");
}

#[test]
fn forms_nested_too_deep_or_drawn_too_often_are_refused_before_they_are_read() {
    let lines = ["Teks yang tidak pernah dibaca karena bentuknya ditolak lebih dulu oleh pemeriksa."; 3];
    let refusal = |depth, draws| match import::pdf::extract(&documents::pdf_with_form_chain(&lines, depth, draws)) {
        Err(ImportError::BrokenPdf(why)) => why,
        other => panic!("{depth} deep, {draws} each: {other:?}"),
    };
    assert_eq!(refusal(20, 1), "its forms nest too deep");
    // 1,000 × 1,000 × 1,000 draws of the text: `pdf-extract` would not finish.
    assert_eq!(refusal(4, 1_000), "it has too much to draw");
}

#[test]
fn a_document_imported_twice_is_refused_unless_replaced() {
    let kb = knowledge_copy();
    let dir = kb.path();
    let first = draft(dir, "inkubasi.docx", &inkubasi_docx()).expect("imported").save(dir).expect("written");
    match draft(dir, "inkubasi-lagi.docx", &inkubasi_docx()) {
        Err(ImportError::Duplicate(slug)) => assert_eq!(slug, first.slug),
        other => panic!("expected a duplicate, got {other:?}"),
    }
    let options = ImportOptions { replace: true, ..ImportOptions::default() };
    let again = import::draft(dir, &Source::file("inkubasi.docx"), &inkubasi_docx(), &options).expect("replaced");
    assert!(again.replaces);
    assert_eq!(again.path, first.path);
}

#[test]
fn the_seed_article_imported_again_is_recognised_as_already_there() {
    let kb = knowledge_copy();
    let seed =
        std::fs::read(crate::util::shipped_knowledge().join("articles/kemenkop-perkuat-kolaborasi-koperasi-umkm.md"))
            .expect("the shipped article");
    assert!(matches!(draft(kb.path(), "salinan.md", &seed), Err(ImportError::Duplicate(_))));
}

#[test]
fn two_previews_with_one_title_are_saved_under_two_names() {
    let kb = knowledge_copy();
    let dir = kb.path();
    let release = |figure: &str| {
        format!(
            "Target Koperasi Modern\n\nJakarta, 1 Maret 2024 - Kementerian Koperasi dan UKM menargetkan {figure} koperasi \
             modern yang memakai pencatatan digital dan melayani anggotanya lewat aplikasi pada akhir tahun."
        )
    };
    let first = draft(dir, "a.txt", release("500").as_bytes()).expect("first preview");
    let second = draft(dir, "b.txt", release("700").as_bytes()).expect("second preview");
    assert_eq!(first.slug, second.slug, "both previews see the name free");
    let first = first.save(dir).expect("first saved");
    let second = second.save(dir).expect("second saved");
    assert_ne!(first.path, second.path, "the second does not overwrite the first");
    assert!(std::fs::read_to_string(&first.path).expect("first file").contains("500 koperasi"));
    assert!(std::fs::read_to_string(&second.path).expect("second file").contains("700 koperasi"));
}
