//! The `tanyakop` binary as a user runs it: answers, JSON, knowledge checks, evaluation and
//! the local chat that starts when no token is configured.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn tanyakop(args: &[&str], knowledge: &Path, stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tanyakop"))
        .args(args)
        .env("KNOWLEDGE_DIR", knowledge)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("RUST_LOG")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("binary finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn ask_prints_the_figure_first_then_the_source() {
    let o = tanyakop(&["ask", "brp target rumah produksi bersama 2024?"], &crate::util::shipped_knowledge(), "");
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("tujuh lokasi\n"), "{out}");
    assert!(
        out.contains("Sumber: Kemenkop Perkuat Kolaborasi Kembangkan Koperasi dan UMKM (Republika, 6 Februari 2024)"),
        "{out}"
    );
}

#[test]
fn ask_json_has_the_documented_shape() {
    let o = tanyakop(&["ask", "--json", "berapa target pendataan KUMKM?"], &crate::util::shipped_knowledge(), "");
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
    assert_eq!(v["question"], "berapa target pendataan KUMKM?");
    assert_eq!(v["answered"], true);
    assert_eq!(v["figure"], "21,4 juta data");
    assert!(v["text"].as_str().is_some_and(|t| t.starts_with("21,4 juta data")));
    let hit = &v["hits"][0];
    for key in ["id", "title", "snippet"] {
        assert!(hit[key].is_string(), "hits[0].{key} is a string");
    }
    for key in ["source", "url", "date"] {
        assert!(hit[key].is_string() || hit[key].is_null(), "hits[0].{key} is a string or null");
    }
    assert!(hit["figures"].as_array().is_some_and(|f| f.iter().any(|x| x == "21,4 juta data")));
    assert!(hit["score"].is_number());
}

#[test]
fn ask_json_for_a_declined_question() {
    let o = tanyakop(&["ask", "--json", "harga cabai hari ini"], &crate::util::shipped_knowledge(), "");
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("JSON");
    assert_eq!(v["answered"], false);
    assert!(v["figure"].is_null());
    assert_eq!(v["hits"].as_array().map(Vec::len), Some(0));
    assert!(v["text"].as_str().is_some_and(|t| t.starts_with("Maaf")));
}

#[test]
fn ask_dash_answers_one_line_per_question() {
    let input = "brp target RPB?\n\nberapa harga cabai?\n\"KUR: (bunga\n";
    let o = tanyakop(&["ask", "--json", "-"], &crate::util::shipped_knowledge(), input);
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> =
        stdout(&o).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 3, "blank lines are skipped");
    assert_eq!(lines[0]["figure"], "tujuh lokasi");
    assert_eq!(lines[1]["answered"], false);
}

#[test]
fn check_accepts_the_shipped_knowledge() {
    let o = tanyakop(&["check"], &crate::util::shipped_knowledge(), "");
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("OK"));
}

/// Writes `files` into a copy of the shipped knowledge and runs `check` on it.
fn check_with(files: &[(&str, &[u8])]) -> (bool, String) {
    let dir = crate::util::knowledge_copy();
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("write");
    }
    let o = tanyakop(&["check"], dir.path(), "");
    (o.status.success(), stdout(&o))
}

#[test]
fn check_names_file_and_line_for_each_kind_of_problem() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("articles/tanpa-front-matter.md", b"Hanya teks.\n", "articles/tanpa-front-matter.md:1: missing front matter"),
        ("articles/toml-rusak.md", b"+++\ntitle = \"x\"\ndate = 2024-13\n+++\nIsi.\n", "articles/toml-rusak.md:3: invalid TOML"),
        ("articles/program-asing.md", b"+++\ntitle = \"x\"\nprograms = [\"tidak-ada\"]\n+++\nIsi.\n", "articles/program-asing.md:3: unknown program id `tidak-ada`"),
        ("articles/kosong.md", b"", "articles/kosong.md:1: empty file"),
        ("articles/bukan-utf8.md", b"+++\ntitle = \"x\"\n+++\nbaris\n\xff\xfe\n", "articles/bukan-utf8.md:5: not valid UTF-8"),
        ("articles/Huruf Besar.md", b"+++\ntitle = \"x\"\n+++\nIsi.\n", "Huruf Besar.md: file name must be lower-case"),
        (
            "programs.toml",
            b"[[program]]\nid = \"a\"\nname = \"A\"\n\n[[program.fact]]\ntext = \"Ada 5 unit.\"\nvalue = 5\nsource = \"tidak-ada\"\n",
            "programs.toml:8: fact cites article `tidak-ada`",
        ),
        ("programs.toml", b"[[program]]\nid = \"a\"\nname = \"A\"\n\n[[program.fact]]\ntext = \"Ada lima unit.\"\nvalue = 6\nsource = \"kemenkop-perkuat-kolaborasi-koperasi-umkm\"\n", "programs.toml:6: fact text does not state its value 6"),
        (
            "programs.toml",
            b"[[program]]\nid = \"a\"\nname = \"A\"\n\n[[program.fact]]\ntext = \"Ada lima unit.\"\nvalue = 5\nunit = \"lokasi\"\nsource = \"kemenkop-perkuat-kolaborasi-koperasi-umkm\"\n",
            "programs.toml:6: fact unit `lokasi` is not what the sentence counts (`lima unit`)",
        ),
        (
            "programs.toml",
            b"[[program]]\nid = \"a\"\nname = \"A\"\n\n[[program.fact]]\ntext = \"Pada 2023 ada lima unit.\"\nvalue = 5\nyear = 2024\nsource = \"kemenkop-perkuat-kolaborasi-koperasi-umkm\"\n",
            "programs.toml:6: fact year 2024 is not in its sentence",
        ),
        ("synonyms.toml", b"[[synonym]]\nterms = [\"satu\"]\n", "synonyms.toml:2: a synonym group needs at least two terms"),
        ("synonyms.toml", b"[[synonym]\n", "synonyms.toml:1: invalid TOML"),
    ];
    for (name, content, want) in cases {
        let (ok, out) = check_with(&[(name, content)]);
        assert!(!ok, "{name}: check must fail");
        assert!(out.lines().any(|l| l.contains(want)), "{name}: expected a line containing {want:?}, got:\n{out}");
    }
}

#[test]
fn check_refuses_oversized_files_before_reading_them() {
    let dir = crate::util::knowledge_copy();
    // 50 MB, sparse: the size is real to the file system, the disk holds next to nothing.
    let big = std::fs::File::create(dir.path().join("articles/besar.md")).expect("create");
    big.set_len(50 * 1024 * 1024).expect("set_len");
    let o = tanyakop(&["check"], dir.path(), "");
    let out = stdout(&o);
    assert!(!o.status.success());
    assert!(out.contains("articles/besar.md:1: file is 51200 KiB, over the limit"), "{out}");
}

#[test]
fn check_reports_a_missing_directory() {
    let o = tanyakop(&["check"], Path::new("/nonexistent/knowledge"), "");
    assert!(!o.status.success());
    assert!(stdout(&o).contains("knowledge directory not found"));
}

#[test]
fn eval_counts_hits_at_rank_one_and_three() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("q.jsonl");
    std::fs::write(
        &file,
        "{\"question\": \"brp target RPB?\", \"answer\": \"tujuh lokasi\"}\n{\"question\": \"berapa harga cabai?\", \"answer\": \"Rp 50 ribu\"}\n",
    )
    .expect("write");
    let o = tanyakop(&["eval", file.to_str().expect("utf8 path")], &crate::util::shipped_knowledge(), "");
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("hit@1: 1 (50.0%)"), "{out}");
    assert!(out.contains("MISS \"berapa harga cabai?\""), "{out}");
}

#[test]
fn eval_scores_expected_strings_declines_and_intents_per_kind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("q.jsonl");
    std::fs::write(
        &file,
        "{\"question\": \"brp target RPB?\", \"expect\": [\"7 lokasi\", \"tujuh\"], \"kind\": \"shorthand\"}\n\
         {\"question\": \"berapa harga cabai?\", \"expect_none\": true}\n\
         {\"question\": \"halo\", \"intent\": \"smalltalk\", \"kind\": \"smalltalk\"}\n\
         {\"question\": \"berapa target RPB?\", \"expect_all\": [\"tujuh\", \"bunga\"], \"kind\": \"list\"}\n",
    )
    .expect("write");
    let o = tanyakop(&["eval", file.to_str().expect("utf8 path")], &crate::util::shipped_knowledge(), "");
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    for line in ["shorthand    1/1", "decline      1/1", "smalltalk    1/1", "list         0/1", "right: 3/4 (75.0%)"] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
    assert!(out.contains("MISS [list] \"berapa target RPB?\""), "{out}");
    assert!(!out.contains("hit@1"), "no FacQA lines in the file: {out}");
}

#[test]
fn eval_names_the_line_that_says_nothing_about_what_is_right() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("q.jsonl");
    std::fs::write(&file, "{\"question\": \"a\", \"answer\": \"b\"}\n{\"question\": \"tanpa harapan\"}\n")
        .expect("write");
    let o = tanyakop(&["eval", file.to_str().expect("utf8 path")], &crate::util::shipped_knowledge(), "");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("q.jsonl:2: not a question line: needs exactly one of"), "{err}");
}

#[test]
fn eval_indexes_the_passages_of_the_question_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("q.jsonl");
    std::fs::write(
        &file,
        "{\"question\": \"Siapa pendiri koperasi Maju?\", \"passage\": \"Koperasi Maju didirikan oleh Budi Santoso pada 1990.\", \"answer\": \"Budi Santoso\"}\n\
         {\"question\": \"Kapan Koperasi Maju didirikan?\", \"passage\": \"Koperasi Maju didirikan oleh Budi Santoso pada 1990.\", \"answer\": \"1990\"}\n\
         {\"question\": \"Berapa anggota koperasi Sejahtera?\", \"passage\": \"Koperasi Sejahtera memiliki 250 anggota di Bogor.\", \"answer\": \"250 anggota\"}\n",
    )
    .expect("write");
    let o = tanyakop(&["eval", "--passages", file.to_str().expect("utf8 path")], Path::new("/nonexistent"), "");
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("hit@1: 3 (100.0%)"), "{out}");
}

#[test]
fn no_token_starts_the_local_chat_and_says_how_to_connect() {
    let o = tanyakop(&[], &crate::util::shipped_knowledge(), "brp target RPB?\n/keluar\n");
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("TELOXIDE_TOKEN is not set"), "{err}");
    let out = stdout(&o);
    assert!(out.contains("tujuh lokasi"), "{out}");
    assert!(out.contains("Sampai jumpa"));
}

#[test]
fn output_closed_early_ends_quietly() {
    use std::io::{BufRead, BufReader, Read};
    let mut child = Command::new(env!("CARGO_BIN_EXE_tanyakop"))
        .args(["ask", "-"])
        .env("KNOWLEDGE_DIR", crate::util::shipped_knowledge())
        .env_remove("TELOXIDE_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    // Far more answers than a pipe buffers, so the binary is still writing when the reader leaves.
    let writer = std::thread::spawn(move || {
        for _ in 0..5_000 {
            if stdin.write_all("Apa itu RPB?\n".as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("one line");
    assert!(first.starts_with("Rumah Produksi Bersama"), "{first}");
    // The reader is dropped here, as `head -1` would close it.
    let status = child.wait().expect("binary finishes");
    writer.join().expect("writer");
    let mut err = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut err).expect("stderr");
    assert!(status.success(), "{status:?}: {err}");
    assert_eq!(err, "");
}

#[test]
fn check_names_the_line_of_a_bad_glossary_term() {
    let (ok, out) = check_with(&[("glossary.toml", b"[[term]]\nen = []\nid = \"mitra\"\n")]);
    assert!(!ok);
    assert!(out.contains("glossary.toml:2: a glossary term needs English forms"), "{out}");
}

#[test]
fn the_console_chat_reads_a_follow_up_with_the_previous_question() {
    let o = tanyakop(&["chat"], &crate::util::shipped_knowledge(), "brp target rpb 2024?\nkalau PLUT?\n/keluar\n");
    let out = stdout(&o);
    assert!(out.contains("63 PLUT-KUMKM") && out.contains("“brp target PLUT 2024”"), "{out}");
}

#[test]
fn ask_explain_shows_how_the_question_was_read() {
    // On the seed alone, "direncanakan" is a word no passage has.
    let seed = crate::util::seed_copy();
    let o = tanyakop(&["ask", "--explain", "ada berapa RPB yg direncanakan"], seed.path(), "");
    assert!(o.status.success());
    let out = stdout(&o);
    let explanation: serde_json::Value = serde_json::from_str(out.lines().last().expect("a line")).expect("JSON");
    let concepts = explanation["concepts"].as_array().expect("concepts");
    let planned = concepts.iter().find(|c| c["words"] == "direncanakan").expect("the new word is listed");
    assert_eq!(planned["known"], false);
    let rpb = concepts.iter().find(|c| c["words"] == "rpb").expect("the program is listed");
    assert!(planned["weight"].as_f64() < rpb["weight"].as_f64(), "an ordinary word weighs less than the topic");
    assert!(explanation["candidates"][0]["features"]["coverage"].as_f64().is_some());
}

#[test]
fn report_prints_what_the_bot_recorded_as_text_and_csv() {
    use tanyakop::store::{AskedQuestion, ChatKind, Retention, SqliteStore, Store};
    let data = tempfile::tempdir().expect("tempdir");
    {
        let store = SqliteStore::open(data.path(), Retention::default()).expect("store");
        for (q, answered) in [("brp target RPB?", true), ("harga cabai", false), ("Harga  cabai", false)] {
            store.record(AskedQuestion {
                at: std::time::SystemTime::now(),
                chat: ChatKind::Private,
                asker: Some(store.asker(7)),
                question: q.into(),
                answered,
                intent: "amount".into(),
                passage: None,
                source_day: None,
                took: std::time::Duration::from_millis(1),
                waiting_chat: None,
            });
        }
    }
    let dir = data.path().to_str().expect("utf-8 path");
    let knowledge = crate::util::shipped_knowledge();
    let text = tanyakop(&["report", "--data", dir], &knowledge, "");
    assert!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    let out = stdout(&text);
    assert!(out.contains("last 30 days") && out.contains("33%"), "{out}");
    assert!(out.contains("Most often unanswered:\n  1. harga cabai (2x)"), "{out}");
    let csv = stdout(&tanyakop(&["report", "--csv", "--days", "7", "--data", dir], &knowledge, ""));
    assert!(csv.starts_with("section,name,questions,answered,up,down,median_ms,p95_ms,stale\n"), "{csv}");
    assert!(csv.contains("period,last 7 days,3,1,0,0,") && csv.contains("most_unanswered,harga cabai,2,"), "{csv}");

    let empty = tempfile::tempdir().expect("tempdir");
    let none = tanyakop(&["report", "--data", empty.path().to_str().expect("utf-8")], &knowledge, "");
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no tanyakop database yet"));
}

/// Every file under `dir` with its contents, to show a command changed nothing.
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push((p.clone(), std::fs::read(&p).expect("read")));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn import_writes_a_folder_of_documents_as_articles_the_bot_answers() {
    let kb = crate::util::knowledge_copy();
    let docs = tempfile::tempdir().expect("tempdir");
    std::fs::copy(crate::import::fixture("berita-rumah-kemasan.html"), docs.path().join("berita.html")).expect("copy");
    std::fs::write(docs.path().join("siaran-pers.pdf"), crate::import::press_release_pdf()).expect("pdf");
    std::fs::write(docs.path().join("inkubasi.docx"), crate::import::inkubasi_docx()).expect("docx");
    std::fs::write(docs.path().join("catatan.png"), b"\x89PNG").expect("ignored by extension");
    let folder = docs.path().to_str().expect("utf-8 path");

    let dry = tanyakop(&["import", "--dry-run", folder], kb.path(), "");
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    assert!(stdout(&dry).contains("3 article(s) would be written, 0 document(s) refused."), "{}", stdout(&dry));
    assert!(!kb.path().join("articles/penyaluran-kur-klaster-perikanan-capai-rp12-5-triliun.md").exists());

    let o = tanyakop(&["import", "--source", "Humas Kemenkop UKM", folder], kb.path(), "");
    let out = stdout(&o);
    assert!(o.status.success(), "{out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("wrote articles/penyaluran-kur-klaster-perikanan-capai-rp12-5-triliun.md"), "{out}");
    assert!(out.contains("3 article(s) written, 0 document(s) refused."), "{out}");
    let pdf_article =
        std::fs::read_to_string(kb.path().join("articles/penyaluran-kur-klaster-perikanan-capai-rp12-5-triliun.md"))
            .expect("the PDF's article");
    assert!(pdf_article.contains("source = \"Humas Kemenkop UKM\""), "{pdf_article}");
    assert!(pdf_article.contains("date = \"2024-03-15\""), "{pdf_article}");

    let check = tanyakop(&["check"], kb.path(), "");
    assert!(check.status.success(), "{}", stdout(&check));
    let a = tanyakop(&["ask", "target penyaluran kur klaster perikanan 2024 berapa?"], kb.path(), "");
    assert!(stdout(&a).starts_with("Rp15 triliun\n"), "{}", stdout(&a));

    let again = tanyakop(&["import", folder], kb.path(), "");
    assert!(!again.status.success());
    assert!(stdout(&again).contains("0 article(s) written, 3 document(s) refused."), "{}", stdout(&again));
    assert!(
        stdout(&again).contains("already in penyaluran-kur-klaster-perikanan-capai-rp12-5-triliun"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn a_dry_run_reports_a_document_given_twice_in_one_folder_as_a_real_run_would() {
    let kb = crate::util::knowledge_copy();
    let docs = tempfile::tempdir().expect("tempdir");
    for name in ["berita.html", "berita-salinan.html"] {
        std::fs::copy(crate::import::fixture("berita-rumah-kemasan.html"), docs.path().join(name)).expect("copy");
    }
    let folder = docs.path().to_str().expect("utf-8 path");
    let before = snapshot(kb.path());

    let dry = tanyakop(&["import", "--dry-run", folder], kb.path(), "");
    let out = stdout(&dry);
    assert!(!dry.status.success(), "{out}");
    assert!(out.contains("1 article(s) would be written, 1 document(s) refused."), "{out}");
    assert_eq!(snapshot(kb.path()), before, "a dry run writes nothing");

    let real = tanyakop(&["import", folder], kb.path(), "");
    assert!(stdout(&real).contains("1 article(s) written, 1 document(s) refused."), "{}", stdout(&real));

    let nowhere = kb.path().join("tidak-ada");
    let missing = tanyakop(&["import", "--dry-run", folder], &nowhere, "");
    assert!(stdout(&missing).contains("1 article(s) would be written, 1 document(s) refused."), "{}", stdout(&missing));
    assert!(!nowhere.exists(), "a dry run creates nothing");
}

#[test]
fn a_first_import_creates_the_knowledge_base_that_chat_and_ask_then_answer_from() {
    let root = tempfile::tempdir().expect("tempdir");
    let (empty, missing) = (root.path().join("kosong"), root.path().join("baru"));
    std::fs::create_dir(&empty).expect("mkdir");

    let chat = tanyakop(&["chat"], &empty, "berapa bunga KUR?\n");
    let (out, err) = (stdout(&chat), String::from_utf8_lossy(&chat.stderr).into_owned());
    assert!(chat.status.success(), "an empty knowledge base starts: {err}");
    assert!(err.contains("is empty") && err.contains("tanyakop import"), "says how to add knowledge: {err}");
    assert!(out.contains("Maaf"), "and declines politely: {out}");
    assert!(tanyakop(&["check"], &empty, "").status.success(), "an empty knowledge base is no error");

    let page = crate::import::fixture("berita-rumah-kemasan.html");
    for kb in [&empty, &missing] {
        let import = tanyakop(&["import", page.to_str().expect("utf-8 path")], kb, "");
        assert!(import.status.success(), "{}{}", stdout(&import), String::from_utf8_lossy(&import.stderr));
        assert!(stdout(&import).contains("1 article(s) written"), "{}", stdout(&import));
        let created = format!("Created the knowledge directory {}.", kb.display());
        assert_eq!(stdout(&import).contains(&created), kb == &missing, "{}", stdout(&import));
        assert!(tanyakop(&["check"], kb, "").status.success());
        let ask = stdout(&tanyakop(&["ask", "berapa rumah kemasan baru di jawa tengah?"], kb, ""));
        assert!(ask.starts_with("12"), "the imported article answers: {ask}");
    }
}

#[test]
fn import_refuses_bad_documents_and_changes_nothing() {
    let kb = crate::util::knowledge_copy();
    let docs = tempfile::tempdir().expect("tempdir");
    let bad: [(&str, Vec<u8>); 5] = [
        ("pindaian.pdf", support::documents::pdf_without_text()),
        ("rahasia.pdf", support::documents::encrypted_pdf()),
        ("bom.docx", support::documents::docx_bomb(tanyakop::import::docx::MAX_PART_BYTES as usize + 1)),
        ("menu.html", b"<html><body><nav><a href='/'>Beranda</a></nav></body></html>".to_vec()),
        ("besar.txt", vec![b'a'; tanyakop::import::MAX_DOCUMENT_BYTES + 1]),
    ];
    for (name, bytes) in &bad {
        std::fs::write(docs.path().join(name), bytes).expect("write");
    }
    let before = snapshot(kb.path());
    let o = tanyakop(&["import", docs.path().to_str().expect("utf-8 path")], kb.path(), "");
    let out = stdout(&o);
    assert!(!o.status.success());
    assert!(out.contains("0 article(s) written, 5 document(s) refused."), "{out}");
    for reason in ["has no text", "protected by a password", "zip bomb", "no article text", "the limit is"] {
        assert!(out.contains(reason), "{reason:?} missing from:\n{out}");
    }
    assert_eq!(snapshot(kb.path()), before, "the knowledge directory is unchanged");
}

#[test]
fn pdfs_that_would_crash_their_reader_are_refused_and_the_import_goes_on() {
    let kb = crate::util::knowledge_copy();
    let docs = tempfile::tempdir().expect("tempdir");
    // Twice the reader's memory cap, from about 2 MB.
    let bomb = support::documents::pdf_inflating_to(2 * tanyakop::import::sandbox::MEMORY_LIMIT_BYTES as usize);
    std::fs::write(docs.path().join("a-bom.pdf"), bomb).expect("pdf");
    std::fs::write(docs.path().join("a-rekursif.pdf"), support::documents::pdf_drawing_itself()).expect("pdf");
    std::fs::write(docs.path().join("b-siaran-pers.pdf"), crate::import::press_release_pdf()).expect("pdf");
    let o = tanyakop(&["import", docs.path().to_str().expect("utf-8 path")], kb.path(), "");
    let out = stdout(&o);
    assert!(out.contains("a-bom.pdf: refused: the PDF cannot be read: reading it failed"), "{out}");
    assert!(out.contains("a-rekursif.pdf: refused: the PDF cannot be read: a form in it draws itself\n"), "{out}");
    assert!(out.contains("1 article(s) written, 2 document(s) refused."), "{out}");
}
