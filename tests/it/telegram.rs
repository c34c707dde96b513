//! The Telegram bot end to end: the real `tanyakop` binary, talking real HTTP through
//! teloxide to a fake Bot API on loopback.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use support::fake_api::*;

/// Obviously fake; never a real token.
const TOKEN: &str = "123456:fake-token-for-tests-only";
const ADMIN: i64 = 777;

/// The bot binary running against a fake API, with its output captured.
struct Bot {
    child: Child,
    output: Arc<Mutex<String>>,
    _data: Option<tempfile::TempDir>,
    knowledge: tempfile::TempDir,
}

impl Bot {
    /// Starts the bot on a copy of the shipped knowledge and waits until it polls.
    async fn start(api: &FakeApi) -> Bot {
        let data = tempfile::tempdir().expect("tempdir");
        let mut bot = Bot::start_with(api, crate::util::seed_copy(), data.path()).await;
        bot._data = Some(data);
        bot
    }

    async fn start_with(api: &FakeApi, knowledge: tempfile::TempDir, data: &Path) -> Bot {
        Bot::start_with_env(api, knowledge, data, &[]).await
    }

    /// Starts the bot with extra environment variables, waiting until it has called getMe.
    async fn start_with_env(api: &FakeApi, knowledge: tempfile::TempDir, data: &Path, extra: &[(&str, String)]) -> Bot {
        let calls_before = api.requests().iter().filter(|r| r.method == "getMe").count();
        let bot = Bot::spawn(api, knowledge, data, extra);
        api.wait_for("the bot to start", |_| {
            api.requests().iter().filter(|r| r.method == "getMe").count() > calls_before
        })
        .await;
        bot
    }

    /// Starts the bot without waiting for it.
    fn spawn(api: &FakeApi, knowledge: tempfile::TempDir, data: &Path, extra: &[(&str, String)]) -> Bot {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tanyakop"))
            .arg("run")
            .env("TELOXIDE_TOKEN", TOKEN)
            .env("TELEGRAM_API_URL", &api.url)
            .env("ADMIN_IDS", ADMIN.to_string())
            .env("KNOWLEDGE_DIR", knowledge.path())
            .env("DATA_DIR", data)
            .env("RUST_LOG", "debug")
            .env_remove("WEBHOOK_URL")
            .envs(extra.iter().map(|(k, v)| (*k, v.as_str())))
            .current_dir(data)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("bot starts");
        let output = Arc::new(Mutex::new(String::new()));
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let out = Arc::clone(&output);
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut buf = [0u8; 4096];
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    out.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        Bot { child, output, _data: None, knowledge }
    }

    fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    fn knowledge_dir(&self) -> &Path {
        self.knowledge.path()
    }

    /// Stops the bot and checks that the token never appeared in its output.
    /// Stops the bot as a service manager does: SIGTERM, then SIGKILL if it has not exited
    /// within a few seconds.
    fn stop(mut self) -> String {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while std::time::Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        self.kill()
    }

    /// Sends SIGTERM and waits up to 15 s for the bot to exit; its exit status, or `None` if it
    /// is still running.
    async fn terminate(&mut self) -> Option<std::process::ExitStatus> {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs").success());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("the bot's status") {
                return Some(status);
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        None
    }

    /// Kills the bot at once (SIGKILL), as a crash or the out-of-memory killer would.
    fn kill(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::thread::sleep(std::time::Duration::from_millis(50));
        let out = self.output();
        assert!(!out.contains("fake-token-for-tests-only"), "the token leaked into the output:\n{out}");
        out
    }
}

/// A failing test shows what the bot logged, which the fake API's request list cannot.
impl Drop for Bot {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.child.kill();
            let _ = self.child.wait();
            // As in `kill`: the reader threads take the last lines from the pipes.
            std::thread::sleep(std::time::Duration::from_millis(50));
            let out = self.output();
            let tail: Vec<&str> = out.lines().rev().take(BOT_LOG_LINES_ON_FAILURE).collect();
            eprintln!("--- the bot's last log lines ---");
            for line in tail.into_iter().rev() {
                eprintln!("{line}");
            }
        }
    }
}

/// How much of the bot's log a failing test prints: enough for the last few requests.
const BOT_LOG_LINES_ON_FAILURE: usize = 200;

/// Checks the subset of HTML the bot writes: known tags, balanced, entities escaped.
fn assert_valid_html(s: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(['<', '&', '>']) {
        let c = rest.as_bytes()[i];
        rest = &rest[i..];
        match c {
            b'<' => {
                let end = rest.find('>').unwrap_or_else(|| panic!("unclosed tag in {s:?}"));
                let tag = &rest[1..end];
                if let Some(name) = tag.strip_prefix('/') {
                    assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}> in {s:?}");
                } else {
                    let name = tag.split_whitespace().next().unwrap_or_default();
                    assert!(["b", "i", "a", "pre", "code"].contains(&name), "unexpected tag <{tag}> in {s:?}");
                    stack.push(name.to_string());
                }
                rest = &rest[end + 1..];
            }
            b'&' => {
                let end = rest.find(';').unwrap_or_else(|| panic!("bare & in {s:?}"));
                assert!(["&lt", "&gt", "&amp", "&quot"].contains(&&rest[..end]), "unknown entity in {s:?}");
                rest = &rest[end + 1..];
            }
            _ => panic!("bare > in {s:?}"),
        }
    }
    assert!(stack.is_empty(), "unclosed tags {stack:?} in {s:?}");
}

fn text_of(r: &Request) -> String {
    r.body["text"].as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn private_question_is_answered_with_the_figure_first_in_valid_html() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.push(text_update(1, private_chat(100), 100, "brp target rumah produksi bersama 2024?"));
    let reply = api.nth_message_to(100, 1).await;
    let text = text_of(&reply);
    assert!(text.starts_with("<b>tujuh lokasi</b>"), "{text}");
    assert!(text.contains("<b>Rumah Produksi Bersama"), "matched words in bold: {text}");
    assert!(text.contains("Sumber:") && text.contains("6 Februari 2024"), "{text}");
    assert_eq!(reply.body["parse_mode"], "HTML");
    assert_valid_html(&text);
    assert!(reply.body.get("reply_parameters").is_none(), "private replies are plain messages");
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_short_follow_up_is_read_with_the_previous_question_of_that_chat() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.push(text_update(1, private_chat(110), 110, "brp target rpb 2024?"));
    assert!(text_of(&api.nth_message_to(110, 1).await).starts_with("<b>tujuh lokasi</b>"));
    api.push(text_update(2, private_chat(110), 110, "kalau PLUT?"));
    let follow_up = text_of(&api.nth_message_to(110, 2).await);
    assert!(follow_up.starts_with("<b>63 PLUT-KUMKM</b>"), "{follow_up}");
    assert!(follow_up.contains("“brp target PLUT 2024”"), "says how it was read: {follow_up}");
    // Another chat's "kalau PLUT?" has nothing to follow, and asks about PLUT itself.
    api.push(text_update(3, private_chat(111), 111, "kalau PLUT?"));
    let alone = text_of(&api.nth_message_to(111, 1).await);
    assert!(!alone.contains("Saya membaca pertanyaan Anda"), "{alone}");
    // Small talk in between does not become the topic.
    api.push(text_update(4, private_chat(110), 110, "makasih"));
    assert!(text_of(&api.nth_message_to(110, 3).await).starts_with("Sama-sama"));
    api.push(text_update(5, private_chat(110), 110, "yang tahun 2023?"));
    let other_year = text_of(&api.nth_message_to(110, 4).await);
    assert!(other_year.contains("“brp target PLUT 2023”"), "{other_year}");
    assert!(other_year.contains("data untuk 2023 belum ada"), "2024's figure is no answer: {other_year}");
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn start_publishes_the_command_menu_for_chats_groups_and_each_admin() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let menus =
        |scope: &'static str| move |r: &Request| r.method == "setMyCommands" && r.body["scope"]["type"] == scope;
    let private = api.wait_for("private menu", menus("all_private_chats")).await;
    let group = api.wait_for("group menu", menus("all_group_chats")).await;
    let names = |r: &Request| -> Vec<String> {
        r.body["commands"].as_array().unwrap().iter().map(|c| c["command"].as_str().unwrap().to_string()).collect()
    };
    let admins = api
        .wait_for("the admin's own menu", |r| {
            r.method == "setMyCommands" && r.body["scope"]["type"] == "chat" && r.body["scope"]["chat_id"] == ADMIN
        })
        .await;
    let has = |r: &Request, name: &str| names(r).iter().any(|n| n == name);
    assert!(has(&private, "tanya") && !has(&private, "reload"), "admin commands are not offered to everyone");
    assert!(has(&group, "tanya") && !has(&group, "reload"));
    assert!(has(&admins, "tanya") && has(&admins, "reload") && has(&admins, "unanswered"));
    assert!(
        private.body["commands"][0]["description"].as_str().unwrap().starts_with("mulai"),
        "descriptions are Indonesian"
    );
    api.push(text_update(1, private_chat(101), 101, "/start"));
    let greeting = text_of(&api.nth_message_to(101, 1).await);
    let shipped = crate::util::shipped_engine();
    let example = &shipped.examples(tanyakop::answer::Language::Id)[0];
    assert!(greeting.contains(&format!("• {example}")), "offers a question the knowledge base answers: {greeting}");
    assert_valid_html(&greeting);
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn group_message_without_mention_is_ignored() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let group = -100_200;
    api.push(text_update(10, group_chat(group), 201, "berapa target RPB 2024?"));
    api.push(text_update(11, group_chat(group), 201, "rapat koperasi jam 3 ya"));
    // A later addressed question proves the earlier ones were seen and passed over.
    api.push(text_update(12, group_chat(group), 201, "/tanya berapa target RPB 2024?"));
    let reply = api.nth_message_to(group, 1).await;
    assert_eq!(reply.body["reply_parameters"]["message_id"], 12);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(api.sent_to(group).len(), 1, "only the addressed question is answered");
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn group_questions_by_command_mention_or_reply_are_answered_as_replies() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let group = -100_300;
    api.push(text_update(20, group_chat(group), 301, "/tanya@tanyakop_bot brp target RPB?"));
    api.push(text_update(21, group_chat(group), 302, "@tanyakop_bot berapa target pendataan KUMKM?"));
    api.push(reply_to_bot_update(23, group_chat(group), 303, "berapa unit layanan rumah kemasan?"));
    api.push(text_update(24, group_chat(group), 304, "/tanya@bot_lain brp target RPB?"));
    let expected = [(20, "tujuh lokasi"), (21, "21,4 juta data"), (23, "10 unit")];
    for (n, (message_id, figure)) in expected.iter().enumerate() {
        let r = api.nth_message_to(group, n + 1).await;
        assert_eq!(r.body["reply_parameters"]["message_id"], *message_id);
        assert!(text_of(&r).starts_with(&format!("<b>{figure}</b>")), "{}", text_of(&r));
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(api.sent_to(group).len(), 3, "a command for another bot is not ours");
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn inline_query_returns_passages_with_their_figures() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.push(inline_update("iq-1", 400, "target kemiskinan ekstrem"));
    let r = api.wait_for("answerInlineQuery", |r| r.method == "answerInlineQuery").await;
    assert_eq!(r.body["inline_query_id"], "iq-1");
    let results = r.body["results"].as_array().expect("results");
    assert!(!results.is_empty() && results.len() <= 10);
    for res in results {
        assert!(res["id"].as_str().unwrap().len() <= 64);
        let text = res["input_message_content"]["message_text"].as_str().unwrap();
        assert_valid_html(text);
        assert!(text.contains("Sumber:"));
    }
    assert!(results[0]["input_message_content"]["message_text"].as_str().unwrap().contains("97 kabupaten/kota"));
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn jawaban_lain_button_shows_the_next_passage_by_editing_the_message() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.push(text_update(1, private_chat(500), 500, "target rumah produksi bersama"));
    let first = api.nth_message_to(500, 1).await;
    let button = &first.body["reply_markup"]["inline_keyboard"][0][0];
    assert_eq!(button["text"], "Jawaban lain ▸");
    let data = button["callback_data"].as_str().expect("callback data").to_string();
    api.push(callback_update("cb-1", 500, private_chat(500), 1001, &data));
    let edit = api.wait_for("editMessageText", |r| r.method == "editMessageText").await;
    assert_eq!(edit.body["message_id"], 1001);
    let text = text_of(&edit);
    assert!(text.starts_with("<i>Jawaban lain (2/"), "{text}");
    assert_ne!(text, text_of(&first));
    assert_valid_html(&text);
    api.wait_for("answerCallbackQuery", |r| r.method == "answerCallbackQuery" && r.body["callback_query_id"] == "cb-1")
        .await;
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn program_buttons_show_a_programs_facts() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.push(text_update(1, private_chat(600), 600, "/program"));
    let list = api.nth_message_to(600, 1).await;
    assert!(text_of(&list).contains("Rumah Produksi Bersama"));
    let buttons: Vec<Value> =
        list.body["reply_markup"]["inline_keyboard"].as_array().unwrap().iter().map(|row| row[0].clone()).collect();
    let rpb = buttons.iter().find(|b| b["text"] == "Rumah Produksi Bersama").expect("a button per program");
    api.push(callback_update("cb-2", 600, private_chat(600), 1001, rpb["callback_data"].as_str().unwrap()));
    let facts = api.nth_message_to(600, 2).await;
    let text = text_of(&facts);
    assert!(text.contains("tujuh lokasi") && text.contains("RPB"), "{text}");
    assert_valid_html(&text);
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_reload_swaps_in_the_new_knowledge() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.push(text_update(1, private_chat(ADMIN), ADMIN, "berapa anggota koperasi merah putih?"));
    assert!(text_of(&api.nth_message_to(ADMIN, 1).await).starts_with("Maaf"));
    std::fs::write(
        bot.knowledge_dir().join("articles/koperasi-merah-putih.md"),
        crate::util::article(
            "Koperasi Merah Putih",
            "Koperasi Desa Merah Putih memiliki 1.250 anggota di Kabupaten Bogor.",
        ),
    )
    .unwrap();
    api.push(text_update(2, private_chat(ADMIN), ADMIN, "/reload"));
    let done = text_of(&api.nth_message_to(ADMIN, 2).await);
    assert!(done.contains("dimuat ulang") && done.contains("Artikel: 2"), "{done}");
    api.push(text_update(3, private_chat(ADMIN), ADMIN, "berapa anggota koperasi merah putih?"));
    assert!(text_of(&api.nth_message_to(ADMIN, 3).await).starts_with("<b>1.250 anggota</b>"));
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_reload_with_bad_files_reports_them_and_keeps_serving() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    std::fs::write(bot.knowledge_dir().join("articles/rusak.md"), "tanpa front matter\n").unwrap();
    api.push(text_update(1, private_chat(ADMIN), ADMIN, "/reload"));
    let report = text_of(&api.nth_message_to(ADMIN, 1).await);
    assert!(report.contains("rusak.md:1: missing front matter"), "{report}");
    assert!(report.contains("indeks lama tetap dipakai"));
    assert_valid_html(&report);
    api.push(text_update(2, private_chat(ADMIN), ADMIN, "brp target RPB?"));
    assert!(text_of(&api.nth_message_to(ADMIN, 2).await).starts_with("<b>tujuh lokasi</b>"));
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn non_admin_reload_is_refused_and_logged() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.push(text_update(1, private_chat(800), 800, "/reload"));
    assert_eq!(text_of(&api.nth_message_to(800, 1).await), "Maaf, perintah ini hanya untuk admin tanyakop.");
    let out = bot.stop();
    assert!(out.contains("non-admin attempted an admin action"), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_upload_adds_a_valid_article_and_refuses_a_bad_one() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let good =
        crate::util::article("Koperasi Nelayan", "Koperasi Nelayan Sejahtera menyalurkan 320 unit perahu pada 2024.");
    api.add_file("good", good.into_bytes());
    api.push(document_update(1, private_chat(ADMIN), ADMIN, "good", "Koperasi Nelayan.md", 200));
    let done = text_of(&api.nth_message_to(ADMIN, 1).await);
    assert!(done.contains("Artikel ditambahkan"), "{done}");
    assert!(bot.knowledge_dir().join("articles/koperasi-nelayan.md").exists());
    api.push(text_update(2, private_chat(ADMIN), ADMIN, "berapa perahu koperasi nelayan?"));
    assert!(text_of(&api.nth_message_to(ADMIN, 2).await).starts_with("<b>320 unit</b>"));

    let before: Vec<_> =
        std::fs::read_dir(bot.knowledge_dir().join("articles")).unwrap().map(|e| e.unwrap().file_name()).collect();
    api.add_file("bad", b"+++\ntitle = \"x\"\nprograms = [\"tidak-ada\"]\n+++\nIsi.\n".to_vec());
    api.push(document_update(3, private_chat(ADMIN), ADMIN, "bad", "buruk.md", 60));
    let refused = text_of(&api.nth_message_to(ADMIN, 3).await);
    assert!(refused.contains("buruk.md:3: unknown program id"), "{refused}");
    api.push(document_update(4, private_chat(ADMIN), ADMIN, "bad", "../../etc/passwd.md", 60));
    assert!(text_of(&api.nth_message_to(ADMIN, 4).await).contains("tidak boleh berisi folder"));
    api.push(document_update(5, private_chat(ADMIN), ADMIN, "big", "besar.md", 5 * 1024 * 1024));
    assert!(text_of(&api.nth_message_to(ADMIN, 5).await).contains("terlalu besar"));
    let after: Vec<_> =
        std::fs::read_dir(bot.knowledge_dir().join("articles")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after, "a refused upload changes nothing on disk");
    assert!(
        !api.requests().iter().any(|r| r.method == "getFile" && r.body["file_id"] == "big"),
        "oversized files are not downloaded"
    );
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn non_admin_upload_changes_nothing() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.add_file("f", crate::util::article("X", "Isi 5 unit.").into_bytes());
    api.push(document_update(1, private_chat(900), 900, "f", "x.md", 50));
    assert!(text_of(&api.nth_message_to(900, 1).await).contains("hanya untuk admin"));
    assert!(!bot.knowledge_dir().join("articles/x.md").exists());
    assert!(!api.requests().iter().any(|r| r.method == "getFile"));
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_five_thousand_character_question_gets_a_normal_answer() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let long = "berapa target rumah produksi bersama ".repeat(140);
    assert!(long.len() > 5000);
    api.push(text_update(1, private_chat(1000), 1000, &long));
    let r = api.nth_message_to(1000, 1).await;
    let text = text_of(&r);
    assert!(text.chars().map(char::len_utf16).sum::<usize>() <= 4096);
    assert_valid_html(&text);
    // Search syntax is read as words: an answer about KUR, or a decline, never an error.
    api.push(text_update(2, private_chat(1000), 1000, "\"KUR: (bunga"));
    let odd = text_of(&api.nth_message_to(1000, 2).await);
    assert!(odd.contains("KUR") || odd.starts_with("Maaf"), "{odd}");
    assert_valid_html(&odd);
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn non_text_messages_get_one_polite_hint() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.push(photo_update(1, private_chat(1100), 1100));
    api.push(photo_update(2, private_chat(1100), 1100));
    api.push(text_update(3, private_chat(1100), 1100, "brp target RPB?"));
    let hint = text_of(&api.nth_message_to(1100, 1).await);
    assert!(hint.contains("hanya bisa membaca pesan teks"), "{hint}");
    assert!(
        text_of(&api.nth_message_to(1100, 2).await).starts_with("<b>tujuh lokasi</b>"),
        "the second photo got no second hint"
    );
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flooding_user_gets_one_notice_then_silence() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let group = -100_1200;
    for i in 0..8 {
        api.push(text_update(100 + i, group_chat(group), 1200, "/tanya brp target RPB?"));
    }
    api.push(text_update(200, group_chat(group), 1201, "/tanya brp target RPB?"));
    let sixth = api.nth_message_to(group, 6).await;
    assert!(text_of(&sixth).contains("Mohon tunggu"), "{}", text_of(&sixth));
    let other = api.nth_message_to(group, 7).await;
    assert_eq!(other.body["reply_parameters"]["message_id"], 200, "another member is still answered");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(api.sent_to(group).len(), 7);
    bot.stop();
}

/// The button labelled `label` under `message`, as callback data.
fn button_data(message: &support::fake_api::Request, label: &str) -> String {
    let rows = message.body["reply_markup"]["inline_keyboard"].as_array().cloned().unwrap_or_default();
    let button = rows.iter().flat_map(|r| r.as_array().cloned().unwrap_or_default()).find(|b| b["text"] == label);
    button.and_then(|b| b["callback_data"].as_str().map(str::to_string)).unwrap_or_else(|| panic!("no {label} button"))
}

#[tokio::test(flavor = "multi_thread")]
async fn stats_votes_and_unanswered_questions_survive_a_restart() {
    let api = FakeApi::start().await;
    let knowledge = crate::util::seed_copy();
    let data = tempfile::tempdir().unwrap();
    let bot = Bot::start_with(&api, knowledge, data.path()).await;
    let mut answers = Vec::new();
    for (i, q) in
        ["berapa bunga KUR?", "Berapa  bunga KUR?", "harga cabai hari ini", "brp target RPB?"].iter().enumerate()
    {
        api.push(text_update(i as i64 + 1, private_chat(1300), 1300, q));
        answers.push(api.nth_message_to(1300, i + 1).await);
    }
    // 👍 then 👎 on the RPB answer from one person: the second press replaces the first.
    let (up, down) = (button_data(&answers[3], "👍"), button_data(&answers[3], "👎"));
    for (n, data) in [up, down].iter().enumerate() {
        let id = format!("vote-{n}");
        api.push(callback_update(&id, 1300, private_chat(1300), 1004, data));
        let toast = api.wait_for("answerCallbackQuery", |r| r.body["callback_query_id"] == id.as_str()).await;
        assert!(toast.body["text"].as_str().is_some_and(|t| t.contains("Terima kasih")), "{:?}", toast.body);
    }
    api.push(text_update(10, private_chat(ADMIN), ADMIN, "/stats"));
    let stats = text_of(&api.nth_message_to(ADMIN, 1).await);
    assert!(stats.contains("Pertanyaan: 4, terjawab 1 (25%)"), "{stats}");
    bot.stop();

    // Restart on the same data directory.
    let api2 = FakeApi::start().await;
    let bot2 = Bot::start_with(&api2, crate::util::seed_copy(), data.path()).await;
    api2.push(text_update(1, private_chat(ADMIN), ADMIN, "/stats"));
    let stats = text_of(&api2.nth_message_to(ADMIN, 1).await);
    assert!(stats.contains("<b>Hari ini</b>\nPertanyaan: 4, terjawab 1 (25%)\nPenilaian: 👍 0 · 👎 1"), "{stats}");
    assert!(stats.contains("<b>30 hari terakhir</b>") && stats.contains("fakta: 14"), "{stats}");
    assert!(stats.contains("Paling sering tidak terjawab</b>\n1. berapa bunga kur? — 2×"), "{stats}");
    api2.push(text_update(2, private_chat(ADMIN), ADMIN, "/unanswered"));
    let list = text_of(&api2.nth_message_to(ADMIN, 2).await);
    // Listed by their numbers in the store: the first asking of each.
    assert!(list.contains("#1 berapa bunga kur? — 2×\n#3 harga cabai hari ini — 1×"), "{list}");
    api2.push(text_update(3, private_chat(ADMIN), ADMIN, "/masukan"));
    let feedback = text_of(&api2.nth_message_to(ADMIN, 3).await);
    assert!(feedback.contains("<b>brp target RPB?</b>") && feedback.contains("tujuh lokasi"), "{feedback}");
    bot2.stop();
    assert!(data.path().join("tanyakop.sqlite3").exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_answers_an_unanswered_question_and_who_asked_it_gets_the_answer() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let (asker, others) = (1500, [1510, 1511]);
    let faq = || std::fs::read_to_string(bot.knowledge.path().join("faq.toml")).unwrap_or_default();
    let shipped_faq = faq();
    api.push(text_update(1, private_chat(asker), asker, "Berapa harga cabai hari ini?"));
    assert!(text_of(&api.nth_message_to(asker, 1).await).contains("belum menemukan"));
    api.push(text_update(2, private_chat(ADMIN), ADMIN, "/unanswered"));
    let list = text_of(&api.nth_message_to(ADMIN, 1).await);
    assert!(list.contains("#1 berapa harga cabai hari ini? — 1×"), "{list}");

    // Asked between the list and the answer, and asked more often: the numbers do not move.
    for (n, other) in others.iter().enumerate() {
        api.push(text_update(10 + n as i64, private_chat(*other), *other, "harga bawang merah berapa?"));
        api.nth_message_to(*other, 1).await;
    }
    for (n, bad, says) in [
        (3, "/jawab 9 Harga cabai Rp40.000/kg.", "Tidak ada pertanyaan belum terjawab bernomor #9"),
        (4, "/jawab 1", "Tulis nomor"),
    ] {
        api.push(text_update(n, private_chat(ADMIN), ADMIN, bad));
        let reply = text_of(&api.nth_message_to(ADMIN, n as usize - 1).await);
        assert!(reply.contains(says), "{bad}: {reply}");
    }
    assert_eq!(faq(), shipped_faq, "a refused /jawab writes nothing");

    api.push(text_update(
        5,
        private_chat(ADMIN),
        ADMIN,
        "/jawab 1 Pantau harga cabai harian di panelharga.badanpangan.go.id.",
    ));
    let saved = api.nth_message_to(ADMIN, 4).await;
    assert!(text_of(&saved).contains("untuk “berapa harga cabai hari ini?” disimpan"), "{}", text_of(&saved));
    let delivered = api.nth_message_to(asker, 2).await;
    assert!(saved.message_id < delivered.message_id, "the admin is told which question before anyone is sent it");
    let count = text_of(&api.nth_message_to(ADMIN, 5).await);
    assert!(count.contains("dikirim ke 1 penanya"), "{count}");
    assert!(faq().starts_with(&shipped_faq) && faq().contains("berapa harga cabai hari ini?"), "{}", faq());
    assert!(!faq().contains("bawang"), "{}", faq());
    let delivered = text_of(&delivered);
    assert!(
        delivered.starts_with("Pertanyaan Anda “Berapa harga cabai hari ini?” sekarang sudah terjawab"),
        "{delivered}"
    );
    assert!(delivered.contains("panelharga.badanpangan.go.id"), "{delivered}");

    // Asked again, in other words, it is answered with the ministry's answer first.
    api.push(text_update(6, private_chat(1501), 1501, "brp harga cabai hr ini"));
    let again = text_of(&api.nth_message_to(1501, 1).await);
    assert!(again.starts_with("<b>Jawaban ringkas:</b>\nPantau harga cabai"), "{again}");
    api.push(text_update(7, private_chat(ADMIN), ADMIN, "/unanswered"));
    let list = text_of(&api.nth_message_to(ADMIN, 6).await);
    assert!(!list.contains("cabai"), "an answered question leaves the list: {list}");
    assert!(list.contains("#2 harga bawang merah berapa? — 2×"), "{list}");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(api.sent_to(asker).len(), 2, "the answer reaches the asker once");
    assert!(others.iter().all(|o| api.sent_to(*o).len() == 1), "and nobody who asked another question");
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_question_handed_to_staff_is_answered_by_their_reply_even_after_a_restart() {
    let (staff, asker, member) = (-100_777, 1600, 1700);
    let env = [("STAFF_CHAT_ID", staff.to_string())];
    let data = tempfile::tempdir().unwrap();
    let api = FakeApi::start().await;
    let bot = Bot::start_with_env(&api, crate::util::seed_copy(), data.path(), &env).await;
    api.push(text_update(1, private_chat(asker), asker, "Berapa harga cabai hari ini?"));
    let declined = api.nth_message_to(asker, 1).await;
    let press = button_data(&declined, "🙋 Tanya petugas");
    api.push(callback_update("h-1", asker, private_chat(asker), declined.message_id.unwrap_or(0), &press));
    assert!(text_of(&api.nth_message_to(asker, 2).await).contains("diteruskan ke petugas"));
    let post = api.nth_message_to(staff, 1).await;
    api.push(callback_update("h-2", asker, private_chat(asker), declined.message_id.unwrap_or(0), &press));
    assert!(text_of(&api.nth_message_to(asker, 3).await).contains("sudah diteruskan"), "a second press");
    assert_eq!(api.sent_to(staff).len(), 1, "is not posted twice");
    let posted = text_of(&post);
    assert!(posted.contains("Pertanyaan dari Budi") && posted.contains("Berapa harga cabai hari ini?"), "{posted}");
    assert!(!posted.contains(&asker.to_string()), "the staff see a first name, not an id: {posted}");
    bot.stop();

    // The staff answer after a restart.
    let api = FakeApi::start().await;
    let bot = Bot::start_with_env(&api, crate::util::seed_copy(), data.path(), &env).await;
    let post_id = post.message_id.expect("the post's id");
    api.push(reply_update(60, group_chat(staff), member, "Hari ini sekitar Rp40.000/kg di pasar induk.", post_id));
    let delivered = text_of(&api.nth_message_to(asker, 1).await);
    assert!(
        delivered.starts_with("<b>Jawaban petugas</b> untuk pertanyaan Anda “Berapa harga cabai hari ini?”"),
        "{delivered}"
    );
    assert!(delivered.contains("Rp40.000/kg"), "{delivered}");
    let confirmation = api.nth_message_to(staff, 1).await;
    assert!(text_of(&confirmation).contains("dikirim ke penanya"), "{}", text_of(&confirmation));
    assert_eq!(confirmation.body["reply_parameters"]["message_id"], 60);

    // A staff reply to anything else is ignored.
    api.push(reply_update(61, group_chat(staff), member, "ini bukan jawaban", post_id + 500));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!((api.sent_to(staff).len(), api.sent_to(asker).len()), (1, 1));

    // Saving it as a curated answer is for admins.
    let save = button_data(&confirmation, "💾 Simpan sebagai jawaban resmi");
    let message = confirmation.message_id.unwrap_or(0);
    api.push(callback_update("s-1", member, group_chat(staff), message, &save));
    let refused = api.wait_for("the refusal", |r| r.body["callback_query_id"] == "s-1").await;
    assert!(refused.body["text"].as_str().is_some_and(|t| t.contains("Hanya admin")), "{:?}", refused.body);
    api.push(callback_update("s-2", ADMIN, group_chat(staff), message, &save));
    let saved = text_of(&api.nth_message_to(staff, 2).await);
    assert!(saved.contains("“Berapa harga cabai hari ini?” disimpan di faq.toml"), "{saved}");
    let faq = std::fs::read_to_string(bot.knowledge.path().join("faq.toml")).unwrap();
    assert!(faq.contains("Rp40.000/kg") && faq.contains("Berapa harga cabai hari ini?"), "{faq}");
    let count = text_of(&api.nth_message_to(staff, 3).await);
    assert!(count.contains("Belum ada penanya"), "who got the staff's answer is not sent it again: {count}");
    api.push(text_update(70, private_chat(1601), 1601, "brp harga cabai hr ini?"));
    assert!(text_of(&api.nth_message_to(1601, 1).await).contains("Rp40.000/kg"));
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn no_question_is_lost_when_the_bot_is_killed_with_answers_in_flight() {
    let data = tempfile::tempdir().unwrap();
    let api = FakeApi::start().await;
    let bot = Bot::start_with(&api, crate::util::seed_copy(), data.path()).await;
    // Telegram holds every reply back for a minute, so all 50 are in flight when the bot dies.
    api.rate_limit_next(10_000, 60);
    let chats: Vec<i64> = (0..50).map(|i| 3000 + i).collect();
    for (i, &chat) in chats.iter().enumerate() {
        api.push(text_update(i as i64 + 1, private_chat(chat), chat, "brp target RPB?"));
    }
    let last = api.last_update_id();
    // The bot has taken all 50 and told Telegram so (it asks for updates past them), and tried
    // to answer.
    api.wait_for("the 50 updates acknowledged and answers attempted", |_| {
        api.acknowledged(last) && api.requests().iter().any(|r| r.method == "sendMessage")
    })
    .await;
    bot.kill();

    let api = FakeApi::start().await;
    let bot = Bot::start_with(&api, crate::util::seed_copy(), data.path()).await;
    for &chat in &chats {
        let reply = api.nth_message_to(chat, 1).await;
        assert!(text_of(&reply).contains("tujuh lokasi"), "{chat}: {}", text_of(&reply));
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(chats.iter().all(|&c| api.sent_to(c).len() == 1), "none answered twice: no reply had gone out");
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_stops_start_up_with_one_line_and_is_kept() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("tanyakop.sqlite3");
    std::fs::write(&db, "ini bukan basis data ".repeat(300)).unwrap();
    let api = FakeApi::start().await;
    let out = Command::new(env!("CARGO_BIN_EXE_tanyakop"))
        .arg("run")
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELEGRAM_API_URL", &api.url)
        .env("KNOWLEDGE_DIR", crate::util::shipped_knowledge())
        .env("DATA_DIR", data.path())
        .current_dir(data.path())
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr.lines().find(|l| l.contains("tanyakop.sqlite3")).unwrap_or_else(|| panic!("{stderr}"));
    assert!(line.contains("move it aside"), "{stderr}");
    assert!(std::fs::read_to_string(&db).unwrap().starts_with("ini bukan basis data"), "the file is kept");
}

#[test]
fn an_unreachable_api_stops_with_a_clear_error_and_no_token() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tanyakop"))
        .arg("run")
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELEGRAM_API_URL", "http://127.0.0.1:9")
        .env("KNOWLEDGE_DIR", crate::util::shipped_knowledge())
        .env("DATA_DIR", data.path())
        .env("RUST_LOG", "trace")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(all.contains("cannot reach the Telegram Bot API"), "{all}");
    assert!(!all.contains("fake-token-for-tests-only"), "token leaked:\n{all}");
}

#[test]
fn a_malformed_setting_stops_start_up_with_one_clear_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_tanyakop"))
        .arg("run")
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("ADMIN_IDS", "777,budi")
        .env("KNOWLEDGE_DIR", crate::util::shipped_knowledge())
        .current_dir(std::env::temp_dir())
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("ADMIN_IDS has `budi`"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_commands_from_non_admins_in_groups_and_forwarded_change_nothing() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let group = -100_1400;
    std::fs::write(
        bot.knowledge_dir().join("articles/baru.md"),
        crate::util::article("Baru", "Koperasi Baru memiliki 77 anggota."),
    )
    .unwrap();
    // A group member (a group admin, perhaps) asks for a reload.
    api.push(text_update(1, group_chat(group), 1401, "/reload@tanyakop_bot"));
    assert!(text_of(&api.nth_message_to(group, 1).await).contains("hanya untuk admin"));
    // A non-admin forwards an admin's /reload.
    let mut forwarded = text_update(2, private_chat(1402), 1402, "/reload");
    forwarded["message"]["forward_origin"] =
        serde_json::json!({"type": "user", "date": 1_700_000_000, "sender_user": user(ADMIN)});
    api.push(forwarded);
    assert!(text_of(&api.nth_message_to(1402, 1).await).contains("hanya untuk admin"));
    // The new article was not loaded by either.
    api.push(text_update(3, private_chat(1402), 1402, "berapa anggota koperasi baru?"));
    assert!(text_of(&api.nth_message_to(1402, 2).await).starts_with("Maaf"));
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_429_with_retry_after_is_waited_out_and_the_reply_still_arrives() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.rate_limit_next(1, 1);
    api.push(text_update(1, private_chat(1500), 1500, "brp target RPB?"));
    api.wait_for("a refused send", |r| r.method == "sendMessage" && r.body["chat_id"] == 1500).await;
    let first = api.sent_to(1500)[0].at;
    let reply = api.nth_message_to(1500, 2).await;
    assert!(text_of(&reply).starts_with("<b>tujuh lokasi</b>"));
    assert!(reply.at.duration_since(first) >= std::time::Duration::from_millis(900), "retry_after was honoured");
    // The hold is that chat's alone: another chat asking during it is answered first.
    api.rate_limit_next(1, 2);
    api.push(text_update(2, private_chat(1500), 1500, "brp target RPB?"));
    api.wait_for("a second refusal", |r| r.method == "sendMessage" && api.sent_to(1500).len() >= 3).await;
    api.push(text_update(1, private_chat(1501), 1501, "brp target RPB?"));
    let other = api.nth_message_to(1501, 1).await;
    let held = api.nth_message_to(1500, 4).await;
    assert!(other.at < held.at, "the other chat was not held back");
    bot.stop();
}

/// Whether the arrival times `at` ever put more messages in a window than `rate` allows;
/// `slack` absorbs the jitter between a message's turn and its arrival (a first request opens
/// its connection; a shared machine pauses threads).
fn exceeds(at: &[std::time::Instant], rate: tanyakop::telegram::transport::limits::Rate) -> Option<String> {
    let slack = std::time::Duration::from_millis(100);
    for i in 0..at.len() {
        for j in i + 1..at.len() {
            let window = at[j].duration_since(at[i]) + slack;
            if (j - i + 1) as u32 > rate.most_in(window) {
                return Some(format!("{} messages in {window:?}", j - i + 1));
            }
        }
    }
    None
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flood_of_questions_is_answered_within_telegrams_limits() {
    use tanyakop::telegram::Limits;
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let (one, group, many) = (2_000, -100_2000, 2_100..2_140);
    for n in 0..6 {
        api.push(text_update(n, private_chat(one), one, "brp target RPB?"));
        api.push(text_update(10 + n, group_chat(group), 2_001 + n, "/tanya brp target RPB?"));
    }
    for chat in many.clone() {
        api.push(text_update(20, private_chat(chat), chat, "brp target RPB?"));
    }
    api.nth_message_to(one, 6).await;
    api.nth_message_to(group, 6).await;
    for chat in many.clone() {
        api.nth_message_to(chat, 1).await;
    }
    let times = |chat: i64| api.sent_to(chat).iter().map(|r| r.at).collect::<Vec<_>>();
    let limits = Limits::TELEGRAM;
    assert_eq!(exceeds(&times(one), limits.chat), None, "one private chat");
    assert_eq!(exceeds(&times(group), limits.chat), None, "one group, as a chat");
    assert_eq!(exceeds(&times(group), limits.group), None, "one group");
    let mut all: Vec<_> = api.requests().into_iter().filter(|r| r.method == "sendMessage").map(|r| r.at).collect();
    all.sort();
    assert_eq!(exceeds(&all, limits.overall), None, "all chats together");
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn webhook_mode_receives_updates_over_http() {
    let api = FakeApi::start().await;
    let data = tempfile::tempdir().unwrap();
    let (bot, port, secret) = start_webhook_bot(&api, data.path()).await;
    let update =
        serde_json::json!({"update_id": 1, "message": message(1, private_chat(1600), 1600, "brp target RPB?")})
            .to_string();
    assert!(post_update(port, &secret, &update).await, "the webhook accepted the update");
    assert!(text_of(&api.nth_message_to(1600, 1).await).starts_with("<b>tujuh lokasi</b>"));
    assert!(post_update(port, &secret, &update).await, "a resent update is acknowledged");
    assert!(!post_update(port, "wrong-secret", &update.replace("\"update_id\":1", "\"update_id\":2")).await);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(api.sent_to(1600).len(), 1, "a resent or forged update is not answered");
    bot.stop();
}

/// Starts the bot in webhook mode on a free port: the bot, the port, and the secret it gave
/// Telegram.
async fn start_webhook_bot(api: &FakeApi, data: &Path) -> (Bot, u16, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let env = [("WEBHOOK_URL", format!("http://127.0.0.1:{port}/hook")), ("PORT", port.to_string())];
    let bot = Bot::start_with_env(api, crate::util::seed_copy(), data, &env).await;
    let set = api.wait_for("setWebhook", |r| r.method == "setWebhook").await;
    (bot, port, set.body["secret_token"].as_str().unwrap_or_default().to_string())
}

/// Posts `update` to the webhook on `port` as Telegram would, retrying until the server
/// listens; whether it answered 200.
async fn post_update(port: u16, secret: &str, update: &str) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    for _ in 0..50 {
        if let Ok(mut s) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            let req = format!(
                "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: {secret}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{update}",
                update.len()
            );
            s.write_all(req.as_bytes()).await.unwrap();
            let mut resp = String::new();
            let _ = s.read_to_string(&mut resp).await;
            return resp.starts_with("HTTP/1.1 200");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread")]
async fn a_webhook_update_acknowledged_before_a_crash_is_answered_after_the_restart() {
    let api = FakeApi::start().await;
    api.rate_limit_next(10_000, 60);
    let data = tempfile::tempdir().unwrap();
    let (bot, port, secret) = start_webhook_bot(&api, data.path()).await;
    let update =
        serde_json::json!({"update_id": 7_000_001, "message": message(1, private_chat(1650), 1650, "brp target RPB?")})
            .to_string();
    assert!(post_update(port, &secret, &update).await);
    bot.kill();

    let api = FakeApi::start().await;
    let bot = Bot::start_with(&api, crate::util::seed_copy(), data.path()).await;
    assert!(text_of(&api.nth_message_to(1650, 1).await).starts_with("<b>tujuh lokasi</b>"));
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_shuts_the_bot_down_gracefully() {
    let api = FakeApi::start().await;
    let mut bot = Bot::start(&api).await;
    let status = bot.terminate().await.expect("the bot stops after SIGTERM");
    assert!(status.success(), "{status:?}");
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert!(bot.output().contains("SIGTERM received"), "{}", bot.output());
    bot.stop();
}

/// Each chat asks `question` once; waits for each chat's reply, which must start with `lead`,
/// then checks after a pause that no chat got a second one: asked = answered.
async fn each_chat_asks_and_is_answered_once(api: &FakeApi, chats: &[i64], question: &str, lead: &str) {
    for &chat in chats {
        api.push(text_update(1, private_chat(chat), chat, question));
    }
    for &chat in chats {
        let reply = text_of(&api.nth_message_to(chat, 1).await);
        assert!(reply.starts_with(lead), "{reply}");
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let answered: usize = chats.iter().map(|&c| api.sent_to(c).len()).sum();
    assert_eq!(answered, chats.len(), "asked = answered, each exactly once");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_question_asked_during_bot_api_faults_is_answered_once_they_clear() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.fail_next("getUpdates", Fault::ServerError, 1);
    api.fail_next("getUpdates", Fault::Garbage, 1);
    api.fail_next("sendMessage", Fault::ServerError, 1);
    api.fail_next("sendMessage", Fault::Garbage, 1);
    api.fail_next("sendMessage", Fault::Drop, 1);
    let chats: Vec<i64> = (1700..1706).collect();
    // Faulted calls are not recorded, so every recorded reply is a delivered one.
    each_chat_asks_and_is_answered_once(&api, &chats, "brp target RPB?", "<b>tujuh lokasi</b>").await;
    let out = bot.stop();
    let retries = out.matches("Telegram request failed; retrying").count();
    assert!(retries <= 4, "one log line per incident, not per attempt: {retries}\n{out}");
    assert!(!out.contains("panicked"), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bot_keeps_answering_after_the_bot_api_restarts() {
    let mut api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.push(text_update(1, private_chat(1800), 1800, "brp target RPB?"));
    api.nth_message_to(1800, 1).await;
    api.restart(std::time::Duration::from_secs(2)).await;
    api.push(text_update(2, private_chat(1800), 1800, "berapa target pendataan KUMKM?"));
    assert!(text_of(&api.nth_message_to(1800, 2).await).starts_with("<b>21,4 juta data</b>"));
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bot_api_slower_than_the_request_timeout_is_retried_until_every_question_is_answered() {
    let api = FakeApi::start().await;
    let data = tempfile::tempdir().unwrap();
    let bot =
        Bot::start_with_env(&api, crate::util::seed_copy(), data.path(), &[("TELEGRAM_TIMEOUT", "2".to_string())])
            .await;
    let hang = Fault::Slow(std::time::Duration::from_secs(5));
    api.fail_next("getUpdates", hang, 1);
    api.fail_next("sendMessage", hang, 2);
    let chats: Vec<i64> = (1900..1903).collect();
    each_chat_asks_and_is_answered_once(&api, &chats, "brp target RPB?", "<b>tujuh lokasi</b>").await;
    let out = bot.stop();
    assert!(out.contains("timed out") || out.contains("timeout"), "the hang is logged as a timeout:\n{out}");
    let lines = out.lines().filter(|l| l.contains("ERROR") || l.contains("WARN")).count();
    assert!(lines <= 4, "one log line per incident, not per attempt ({lines}):\n{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn buttons_and_inline_answers_are_retried_through_bot_api_faults() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    api.fail_next("answerInlineQuery", Fault::ServerError, 1);
    api.fail_next("editMessageText", Fault::Garbage, 1);
    api.fail_next("answerCallbackQuery", Fault::ServerError, 1);

    api.push(inline_update("iq-9", 2000, "target RPB"));
    let inline = api.wait_for("answerInlineQuery", |r| r.method == "answerInlineQuery").await;
    assert_eq!(inline.body["inline_query_id"], "iq-9");

    api.push(text_update(1, private_chat(2000), 2000, "target rumah produksi bersama"));
    let first = api.nth_message_to(2000, 1).await;
    let data =
        first.body["reply_markup"]["inline_keyboard"][0][0]["callback_data"].as_str().expect("a button").to_string();
    api.push(callback_update("cb-9", 2000, private_chat(2000), 1001, &data));
    api.wait_for("editMessageText", |r| r.method == "editMessageText").await;
    api.wait_for("answerCallbackQuery", |r| r.method == "answerCallbackQuery" && r.body["callback_query_id"] == "cb-9")
        .await;

    let out = bot.stop();
    assert_eq!(out.matches("Telegram request failed; retrying").count(), 3, "one line per incident:\n{out}");
    assert!(!out.contains("ERROR"), "no request was given up:\n{out}");
}

/// Peak resident memory of the bot process, in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    support::memory::peak_rss_kib(&pid.to_string()).expect("VmHWM in /proc")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_thousand_chats_asking_at_once_are_all_answered_in_bounded_memory() {
    const CHATS: i64 = 1000;
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let idle_kib = peak_rss_kib(bot.child.id());
    let questions = [
        "brp target RPB?",
        "berapa data KUMKM yang terkumpul?",
        "kapan pendataan lengkap KUMKM dimulai?",
        "siapa yang membuka rapat koordinasi?",
    ];
    for chat in 0..CHATS {
        let id = 10_000 + chat;
        api.push(text_update(1, private_chat(id), id, questions[chat as usize % questions.len()]));
    }
    // Telegram's overall limit of about 30 messages a second (Limits::TELEGRAM: 5 at once, then
    // 25 a second) makes this take at least 40 s.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(180);
    loop {
        let counts = api.messages_per_chat();
        if counts.len() as i64 == CHATS {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "only {} of {CHATS} chats answered", counts.len());
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    // A late duplicate would show by now.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(api.messages_per_chat().values().all(|&n| n == 1), "each chat answered exactly once");
    let peak_kib = peak_rss_kib(bot.child.id());
    let out = bot.stop();
    assert!(!out.contains("ERROR"), "{out}");
    eprintln!("peak RSS: {} MiB idle, {} MiB after {CHATS} chats", idle_kib / 1024, peak_kib / 1024);
    assert!(peak_kib < idle_kib + 64 * 1024, "memory grew from {idle_kib} KiB to {peak_kib} KiB");
}

/// The keyboard of `message` as `(label, data)` pairs.
fn buttons(message: &Request) -> Vec<(String, String)> {
    let rows = message.body["reply_markup"]["inline_keyboard"].as_array().cloned().unwrap_or_default();
    rows.iter()
        .flat_map(|r| r.as_array().cloned().unwrap_or_default())
        .map(|b| {
            (
                b["text"].as_str().unwrap_or_default().to_string(),
                b["callback_data"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn article_files(knowledge: &Path) -> Vec<(std::ffi::OsString, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(knowledge.join("articles"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_sends_a_pdf_checks_the_preview_and_saves_it() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let before = article_files(bot.knowledge_dir());
    api.add_file("pdf", crate::import::press_release_pdf());
    api.push(document_update(1, private_chat(ADMIN), ADMIN, "pdf", "siaran-pers.pdf", 4000));
    let preview = api.nth_message_to(ADMIN, 1).await;
    let text = text_of(&preview);
    assert_valid_html(&text);
    for shown in [
        "Pratinjau artikel",
        "Penyaluran KUR Klaster Perikanan Capai Rp12,5 Triliun",
        "15 Maret 2024",
        "Kredit Usaha Rakyat",
        "<b>Paragraf:</b> 4",
        "<b>Rp12,5 triliun</b>: Jakarta, 15 Maret 2024",
        "<b>Rp15 triliun</b>",
    ] {
        assert!(text.contains(shown), "{shown:?} missing from the preview:\n{text}");
    }
    assert_eq!(article_files(bot.knowledge_dir()), before, "nothing is written before Simpan");
    let labels: Vec<String> = buttons(&preview).into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels, ["💾 Simpan", "✖️ Batal"]);

    let save = button_data(&preview, "💾 Simpan");
    let preview_id = preview.message_id.expect("the preview's id");
    api.push(callback_update("c1", ADMIN, private_chat(ADMIN), preview_id, &save));
    let saved = text_of(&api.nth_message_to(ADMIN, 2).await);
    assert!(
        saved.contains("Artikel disimpan sebagai articles/penyaluran-kur-klaster-perikanan-capai-rp12-5-triliun.md"),
        "{saved}"
    );
    assert!(api.requests().iter().any(|r| r.method == "editMessageReplyMarkup"), "the buttons are taken away");
    api.push(text_update(3, private_chat(ADMIN), ADMIN, "brp target kur klaster perikanan 2024?"));
    assert!(text_of(&api.nth_message_to(ADMIN, 3).await).starts_with("<b>Rp15 triliun</b>"));

    api.push(callback_update("c2", ADMIN, private_chat(ADMIN), preview_id, &save));
    api.wait_for("the second press to be answered", |r| {
        r.method == "answerCallbackQuery" && r.body["callback_query_id"] == "c2"
    })
    .await;
    let second = text_of(&api.nth_message_to(ADMIN, 4).await);
    assert!(second.contains("kedaluwarsa"), "{second}");
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_import_writes_nothing_and_bad_documents_are_refused_in_indonesian() {
    let api = FakeApi::start().await;
    let bot = Bot::start(&api).await;
    let before = article_files(bot.knowledge_dir());
    api.add_file("docx", crate::import::inkubasi_docx());
    api.push(document_update(1, private_chat(ADMIN), ADMIN, "docx", "inkubasi.docx", 3000));
    let preview = api.nth_message_to(ADMIN, 1).await;
    assert!(text_of(&preview).contains("Inkubasi Wirausaha Muda 2024"), "{}", text_of(&preview));
    api.push(callback_update(
        "c1",
        ADMIN,
        private_chat(ADMIN),
        preview.message_id.unwrap(),
        &button_data(&preview, "✖️ Batal"),
    ));
    assert!(text_of(&api.nth_message_to(ADMIN, 2).await).contains("Dibatalkan"));

    let bad: [(&str, &str, Vec<u8>, &str); 4] = [
        (
            "scan",
            "pindaian.pdf",
            support::documents::pdf_without_text(),
            "PDF ini tidak berisi teks; kirim versi teks atau Word",
        ),
        ("locked", "rahasia.pdf", support::documents::encrypted_pdf(), "dilindungi kata sandi"),
        (
            "bomb",
            "bom.docx",
            support::documents::docx_bomb(tanyakop::import::docx::MAX_PART_BYTES as usize + 1),
            "mengembang melebihi",
        ),
        (
            "menu",
            "menu.html",
            b"<html><body><nav>Beranda | Berita</nav></body></html>".to_vec(),
            "Tidak ada teks artikel",
        ),
    ];
    for (i, (id, name, bytes, reply)) in bad.into_iter().enumerate() {
        let size = bytes.len();
        api.add_file(id, bytes);
        api.push(document_update(10 + i as i64, private_chat(ADMIN), ADMIN, id, name, size));
        let got = text_of(&api.nth_message_to(ADMIN, 3 + i).await);
        assert!(got.contains(reply), "{name}: {got}");
    }
    api.push(document_update(20, private_chat(ADMIN), ADMIN, "huge", "laporan.pdf", 30 * 1024 * 1024));
    assert!(text_of(&api.nth_message_to(ADMIN, 7).await).contains("terlalu besar"));
    assert!(!api.requests().iter().any(|r| r.method == "getFile" && r.body["file_id"] == "huge"), "not downloaded");
    assert_eq!(article_files(bot.knowledge_dir()), before, "nothing changed on disk");
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_link_is_fetched_from_a_loopback_page_and_saved() {
    use support::pages::{Page, PageServer};
    let api = FakeApi::start().await;
    let news = std::fs::read(crate::import::fixture("berita-rumah-kemasan.html")).unwrap();
    let old = std::fs::read(crate::import::fixture("pelatihan-barista-cp1252.html")).unwrap();
    let pages = PageServer::start(vec![
        ("berita/rumah-kemasan", Page::Body { content_type: "text/html; charset=utf-8", body: news }),
        ("lama", Page::Body { content_type: "text/html", body: old }),
        ("pindah", Page::Redirect("berita/rumah-kemasan")),
        ("putar", Page::Redirect("putar")),
    ])
    .await;
    let data = tempfile::tempdir().unwrap();
    let allow = [("IMPORT_ALLOW_LOOPBACK", "true".to_string())];
    let bot = Bot::start_with_env(&api, crate::util::seed_copy(), data.path(), &allow).await;

    api.push(text_update(1, private_chat(ADMIN), ADMIN, &format!("{}/pindah", pages.url)));
    let preview = api.nth_message_to(ADMIN, 1).await;
    let text = text_of(&preview);
    assert_valid_html(&text);
    for shown in [
        "Kemenkop UKM Resmikan 12 Rumah Kemasan Baru di Jawa Tengah",
        "6 Februari 2024",
        "Warta Koperasi",
        "Rumah Kemasan",
        "<b>Paragraf:</b> 5",
    ] {
        assert!(text.contains(shown), "{shown:?} missing from:\n{text}");
    }
    api.push(callback_update(
        "c1",
        ADMIN,
        private_chat(ADMIN),
        preview.message_id.unwrap(),
        &button_data(&preview, "💾 Simpan"),
    ));
    assert!(text_of(&api.nth_message_to(ADMIN, 2).await).contains("Artikel disimpan"));
    api.push(text_update(3, private_chat(ADMIN), ADMIN, "berapa rumah kemasan baru di jawa tengah?"));
    assert!(text_of(&api.nth_message_to(ADMIN, 3).await).starts_with("<b>12</b>"));

    api.push(text_update(4, private_chat(ADMIN), ADMIN, &format!("{}/lama", pages.url)));
    let old = text_of(&api.nth_message_to(ADMIN, 4).await);
    assert!(old.contains("Pelatihan Barista Koperasi “Kopi Nusantara”") && old.contains("14 Maret 2024"), "{old}");

    let before = article_files(bot.knowledge_dir());
    let refused = [
        format!("{}/putar", pages.url),
        format!("{}/tidak-ada", pages.url),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://10.0.0.1/admin".to_string(),
        "http://[::ffff:192.168.1.1]/".to_string(),
        "file:///etc/passwd".to_string(),
    ];
    for (i, link) in refused.iter().enumerate() {
        api.push(text_update(10 + i as i64, private_chat(ADMIN), ADMIN, link));
        let got = text_of(&api.nth_message_to(ADMIN, 5 + i).await);
        assert!(got.contains("Tautan ditolak") || got.contains("tidak dapat diunduh"), "{link}: {got}");
    }
    assert_eq!(article_files(bot.knowledge_dir()), before);
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn loopback_links_are_refused_in_production_and_a_strangers_link_is_just_a_question() {
    use support::pages::{Page, PageServer};
    let api = FakeApi::start().await;
    let pages =
        PageServer::start(vec![("x", Page::Body { content_type: "text/html", body: b"<p>rahasia</p>".to_vec() })])
            .await;
    let bot = Bot::start(&api).await;
    api.push(text_update(1, private_chat(ADMIN), ADMIN, &format!("{}/x", pages.url)));
    assert!(text_of(&api.nth_message_to(ADMIN, 1).await).contains("Tautan ditolak"));
    api.push(text_update(2, private_chat(ADMIN), ADMIN, "http://localhost/x"));
    assert!(text_of(&api.nth_message_to(ADMIN, 2).await).contains("Tautan ditolak"));
    api.push(text_update(3, private_chat(900), 900, &format!("{}/x", pages.url)));
    let reply = text_of(&api.nth_message_to(900, 1).await);
    assert!(!reply.contains("Pratinjau") && !reply.contains("Tautan"), "{reply}");
    assert_eq!(pages.hits(), 0, "the page server was never reached");
    bot.stop();
}

/// Rows of `table` in the bot's database in `data`.
fn rows(data: &Path, table: &str) -> i64 {
    let db = rusqlite::Connection::open(data.join("tanyakop.sqlite3")).expect("the store opens");
    db.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).expect("counted")
}

/// Presses `data` as user `from` on message `message` of `chat`, and returns the toast.
async fn press(api: &FakeApi, id: &str, from: i64, chat: Value, message: i64, data: &str) -> String {
    api.push(callback_update(id, from, chat, message, data));
    let toast = api.wait_for("the toast", |r| r.body["callback_query_id"] == id).await;
    toast.body["text"].as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn forged_or_replayed_buttons_act_on_nothing_outside_their_chat() {
    let (victim, attacker, other_admin, staff, member) = (2100, 2200, 778, -100_900, 2300);
    let env = [("STAFF_CHAT_ID", staff.to_string()), ("ADMIN_IDS", format!("{ADMIN},{other_admin}"))];
    let data = tempfile::tempdir().unwrap();
    let api = FakeApi::start().await;
    let bot = Bot::start_with_env(&api, crate::util::seed_copy(), data.path(), &env).await;

    // The victim's answered question (store number 1), declined one (2), handed to the staff
    // and answered by them (hand-off 1); another admin's import preview (draft 1).
    api.push(text_update(1, private_chat(victim), victim, "target rumah produksi bersama"));
    let answer = api.nth_message_to(victim, 1).await;
    api.push(text_update(2, private_chat(victim), victim, "Berapa harga cabai hari ini?"));
    let declined = api.nth_message_to(victim, 2).await;
    let handoff = button_data(&declined, "🙋 Tanya petugas");
    let toast = press(&api, "v-1", victim, private_chat(victim), declined.message_id.unwrap_or(0), &handoff).await;
    assert_eq!(toast, "");
    let post = api.nth_message_to(staff, 1).await;
    api.push(reply_update(50, group_chat(staff), member, "Sekitar Rp40.000/kg.", post.message_id.unwrap_or(0)));
    let confirmation = api.nth_message_to(staff, 2).await;
    let save = button_data(&confirmation, "💾 Simpan sebagai jawaban resmi");
    api.add_file("pdf", crate::import::press_release_pdf());
    api.push(document_update(3, private_chat(other_admin), other_admin, "pdf", "siaran-pers.pdf", 4000));
    let preview = api.nth_message_to(other_admin, 1).await;
    let import = button_data(&preview, "💾 Simpan");
    let (more, vote) = (button_data(&answer, "Jawaban lain ▸"), button_data(&answer, "👎"));
    // "Diteruskan ke petugas" and the staff's answer have reached the victim.
    api.nth_message_to(victim, 4).await;

    // The attacker's own answer, and the admin's own chat, to press forged buttons on.
    api.push(text_update(4, private_chat(attacker), attacker, "brp target RPB?"));
    let own = api.nth_message_to(attacker, 1).await.message_id.unwrap_or(0);
    api.push(text_update(5, private_chat(ADMIN), ADMIN, "brp target RPB?"));
    let admins = api.nth_message_to(ADMIN, 1).await.message_id.unwrap_or(0);
    let (faq, articles) = (
        std::fs::read_to_string(bot.knowledge_dir().join("faq.toml")).unwrap_or_default(),
        article_files(bot.knowledge_dir()),
    );
    let sent_before = api.requests().iter().filter(|r| r.method != "getUpdates").count();

    let forged = [
        (attacker, own, "more:1:1".to_string()),
        (attacker, own, "more:1:0".to_string()),
        (attacker, own, "vote:1:down".to_string()),
        (attacker, own, "vote:2:up".to_string()),
        (attacker, own, "staff:2".to_string()),
        (attacker, own, "prog:tidak-ada".to_string()),
        (attacker, own, more.clone()),
        (attacker, own, vote.clone()),
        (attacker, own, handoff.clone()),
        (ADMIN, admins, "save:1".to_string()),
        (ADMIN, admins, save.clone()),
        (ADMIN, admins, "imp:ok:1".to_string()),
        (ADMIN, admins, import.clone()),
    ];
    for (n, (from, message, data)) in forged.iter().enumerate() {
        let toast = press(&api, &format!("f-{n}"), *from, private_chat(*from), *message, data).await;
        assert!(toast.contains("terlalu lama"), "{data:?} pressed by {from} got {toast:?}");
    }
    // Given time to act, the bot has answered the callbacks and done nothing else.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let acted: Vec<String> = api.requests()[sent_before..]
        .iter()
        .filter(|r| !matches!(r.method.as_str(), "getUpdates" | "answerCallbackQuery"))
        .map(|r| format!("{} {}", r.method, r.body))
        .collect();
    assert!(acted.is_empty(), "forged buttons made the bot act: {acted:#?}");
    assert_eq!(std::fs::read_to_string(bot.knowledge_dir().join("faq.toml")).unwrap_or_default(), faq);
    assert_eq!(article_files(bot.knowledge_dir()), articles);

    // The same buttons work where they were sent.
    let toast = press(&api, "v-2", victim, private_chat(victim), answer.message_id.unwrap_or(0), &vote).await;
    assert!(toast.contains("Terima kasih"), "{toast}");
    bot.stop();
    assert_eq!(rows(data.path(), "votes"), 1, "only the victim's own vote counts");
    assert_eq!(rows(data.path(), "handoffs"), 1, "nothing was handed to the staff twice");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_admins_answering_at_once_both_land() {
    let second_admin = 778;
    let env = [("ADMIN_IDS", format!("{ADMIN},{second_admin}"))];
    let data = tempfile::tempdir().unwrap();
    let api = FakeApi::start().await;
    let bot = Bot::start_with_env(&api, crate::util::seed_copy(), data.path(), &env).await;
    let questions = ["Berapa harga cabai hari ini?", "Di mana lokasi parkir sepeda motor?"];
    for (n, q) in questions.iter().enumerate() {
        let asker = 2400 + n as i64;
        api.push(text_update(n as i64 + 1, private_chat(asker), asker, q));
        api.nth_message_to(asker, 1).await;
    }
    // Store numbers 1 and 2, answered by two admins in the same instant.
    api.push(text_update(10, private_chat(ADMIN), ADMIN, "/jawab 1 Sekitar Rp40.000/kg di pasar induk."));
    api.push(text_update(
        11,
        private_chat(second_admin),
        second_admin,
        "/jawab 2 Parkir motor ada di basement gedung B.",
    ));
    for admin in [ADMIN, second_admin] {
        let saved = text_of(&api.nth_message_to(admin, 1).await);
        assert!(saved.contains("disimpan di faq.toml"), "{saved}");
    }
    let faq = std::fs::read_to_string(bot.knowledge_dir().join("faq.toml")).unwrap_or_default();
    assert!(faq.contains("Rp40.000/kg") && faq.contains("basement gedung B"), "one answer was lost:\n{faq}");
    api.push(text_update(20, private_chat(2500), 2500, "di mana lokasi parkir sepeda motor"));
    assert!(text_of(&api.nth_message_to(2500, 1).await).contains("basement gedung B"));
    api.push(text_update(21, private_chat(2501), 2501, "berapa harga cabai hari ini"));
    assert!(text_of(&api.nth_message_to(2501, 1).await).contains("Rp40.000/kg"));
    bot.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bot_on_an_empty_knowledge_base_starts_declines_and_takes_a_first_article() {
    let (api, data) = (FakeApi::start().await, tempfile::tempdir().unwrap());
    let bot = Bot::start_with(&api, tempfile::tempdir().unwrap(), data.path()).await;
    api.push(text_update(1, private_chat(2600), 2600, "berapa bunga KUR?"));
    assert!(text_of(&api.nth_message_to(2600, 1).await).contains("belum menemukan"));
    let article = "+++\ntitle = \"Bunga KUR 2025\"\ndate = \"2025-01-02\"\n+++\n\nBunga KUR mikro tahun 2025 sebesar 6 persen per tahun.\n";
    api.add_file("md", article.as_bytes().to_vec());
    api.push(document_update(2, private_chat(ADMIN), ADMIN, "md", "bunga-kur.md", article.len()));
    assert!(text_of(&api.nth_message_to(ADMIN, 1).await).contains("Artikel ditambahkan"));
    api.push(text_update(3, private_chat(2600), 2600, "berapa bunga KUR mikro 2025?"));
    assert!(text_of(&api.nth_message_to(2600, 2).await).contains("6 persen"));
    let out = bot.stop();
    assert!(out.contains("is empty") && out.contains("tanyakop import"), "the operator is told how to add knowledge");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sigterm_during_start_up_still_stops_the_bot() {
    let api = FakeApi::start().await;
    // Start-up is held where teloxide checks for a webhook to delete, before dispatching
    // begins, until the request times out (2 s).
    api.fail_next("getWebhookInfo", Fault::Slow(std::time::Duration::from_secs(5)), 1);
    let data = tempfile::tempdir().unwrap();
    let mut bot = Bot::spawn(&api, crate::util::seed_copy(), data.path(), &[("TELEGRAM_TIMEOUT", "2".into())]);
    // The command menu is published just before the SIGTERM handler is set up and the webhook
    // checked; dispatching (which calls getMe first) starts only after that.
    api.wait_for("the command menu", |r| r.method == "setMyCommands").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let methods: Vec<String> = api.requests().iter().map(|r| r.method.clone()).collect();
    assert!(!methods.iter().any(|m| m == "getMe"), "still starting up: {methods:?}");
    let status = bot.terminate().await.expect("a SIGTERM during start-up stops the bot");
    assert!(status.success(), "{status:?}");
    bot.stop();
}
