//! The benchmark harness: speed, memory and scale of tanyakop, side by side with a BM25 peer
//! (bm25s with PyStemmer's Indonesian stemmer) on the same corpus and questions.
//!
//! Corpora are the paragraphs of `../shared/eval/news-indosum.jsonl` (IndoSum news) as
//! articles (repeated with new ids and dates to reach the larger sizes) plus every distinct
//! FacQA passage; questions are FacQA's (`../shared/eval/facqa-dev.jsonl`). Both come with the
//! project's shared evaluation data, beside the checkout, not in it: without them `cargo bench`
//! stops with one line saying so ([`Corpora::shared`]). The smoke test uses a small fixture in
//! the repository instead ([`Corpora::fixture`]). Each corpus size is measured in a child process of its own, so peak memory (VmHWM)
//! belongs to that size alone. `cargo bench --bench bench` runs everything and prints a
//! Markdown table; the smoke test in `tests/it/bench.rs` runs the 1k corpus in-process.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::{fake_api, memory, project_root};
use tanyakop::engine::SharedEngine;
use tanyakop::eval::{self, Item};
use tanyakop::index::Index;
use tanyakop::knowledge::{Article, KnowledgeBase, Paragraph};

/// The files a benchmark corpus is made from.
#[derive(Debug, Clone)]
pub struct Corpora {
    /// News articles as JSON Lines of `id`, `title`, `date`, `body`.
    pub news: PathBuf,
    /// Questions as JSON Lines of `question`, `passage`, `answer` (FacQA's fields).
    pub questions: PathBuf,
}

impl Corpora {
    /// The shared evaluation data beside the checkout: what `cargo bench` measures on.
    pub fn shared() -> Corpora {
        let eval = project_root().join("../shared/eval");
        Corpora { news: eval.join("news-indosum.jsonl"), questions: eval.join("facqa-dev.jsonl") }
    }

    /// The small fixture in `tests/fixtures/bench`, written for the project: enough to run the
    /// harness from the repository alone.
    pub fn fixture() -> Corpora {
        let dir = project_root().join("tests/fixtures/bench");
        Corpora { news: dir.join("news.jsonl"), questions: dir.join("questions.jsonl") }
    }

    /// The first file that is missing, if any.
    pub fn missing(&self) -> Option<&Path> {
        [&self.news, &self.questions].into_iter().find(|p| !p.is_file()).map(PathBuf::as_path)
    }

    /// The questions (with their passages).
    pub fn questions(&self) -> Vec<Item> {
        eval::load(&self.questions).unwrap_or_else(|e| panic!("{}: {e}", self.questions.display()))
    }
}

#[derive(Deserialize)]
struct NewsArticle {
    id: String,
    title: String,
    date: String,
    body: String,
}

/// A corpus of about `news_passages` news paragraphs plus the FacQA passages.
pub fn corpus(corpora: &Corpora, news_passages: usize, items: &[Item]) -> Vec<Article> {
    let mut articles = eval::passages_as_articles(items, Path::new("facqa"));
    let news_path = corpora.news.clone();
    let text = std::fs::read_to_string(&news_path).unwrap_or_else(|e| panic!("{}: {e}", news_path.display()));
    let news: Vec<NewsArticle> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let mut added = 0;
    let mut round = 0;
    while added < news_passages && !news.is_empty() {
        for a in &news {
            if added >= news_passages {
                break;
            }
            let paragraphs: Vec<Paragraph> = a
                .body
                .split("\n\n")
                .map(str::trim)
                .filter(|p| p.len() > 40)
                .take(news_passages - added)
                .enumerate()
                .map(|(i, p)| Paragraph { text: p.to_string(), line: i + 1 })
                .collect();
            if paragraphs.is_empty() {
                continue;
            }
            added += paragraphs.len();
            // Repeats get their own ids and dates, as years of press releases would.
            let year: i32 = a.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2017) + round;
            let slug: String =
                a.id.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
            let slug = format!("{}-r{round}", slug.trim_matches('-').replace("--", "-"));
            articles.push(Article {
                slug,
                title: a.title.clone(),
                date: Some(format!("{year}{}", a.date.get(4..).unwrap_or("-01-01"))),
                source: Some("IndoSum".into()),
                url: None,
                programs: Vec::new(),
                paragraphs,
                path: news_path.clone(),
            });
        }
        round += 1;
    }
    articles
}

/// Writes a corpus as a knowledge directory, for measuring `/reload`.
pub fn write_knowledge(articles: &[Article], dir: &Path) {
    let adir = dir.join("articles");
    std::fs::create_dir_all(&adir).expect("mkdir");
    let mut seen = HashSet::new();
    for (i, a) in articles.iter().enumerate() {
        let mut slug: String =
            a.slug.chars().filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-').take(80).collect();
        slug = slug.trim_matches('-').replace("--", "-");
        if slug.is_empty() || !seen.insert(slug.clone()) {
            slug = format!("artikel-{i}");
            seen.insert(slug.clone());
        }
        let mut f = std::io::BufWriter::new(std::fs::File::create(adir.join(format!("{slug}.md"))).expect("create"));
        let title = a.title.replace(['"', '\\'], " ");
        let _ = write!(f, "+++\ntitle = \"{title}\"\n");
        if let Some(d) = &a.date {
            let _ = writeln!(f, "date = \"{d}\"");
        }
        let _ = writeln!(f, "+++\n");
        for p in &a.paragraphs {
            let _ = writeln!(f, "{}\n", p.text);
        }
    }
}

/// The nearest-rank percentile the bot's own `/stats` uses; zero without samples.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    tanyakop::store::report::percentile(sorted, p).unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Peak resident memory of this process so far, in MiB (Linux).
pub fn peak_rss_mib() -> f64 {
    memory::peak_rss_kib("self").map_or(0.0, |kib| kib as f64 / 1024.0)
}

/// Resident memory of this process now, in MiB (Linux).
pub fn rss_mib() -> f64 {
    memory::rss_kib("self").map_or(0.0, |kib| kib as f64 / 1024.0)
}

/// Timed passes over the questions on one thread; the median pass gives the rate. The machines
/// are shared and noisy: one pass of the peer varied by half between runs.
const PASSES: usize = 3;

/// Says on stderr what loading peaked at, which the reload's peak hides.
fn report_load_peak(built: f64) {
    eprintln!("loaded: {built:.0} MiB resident, {:.0} MiB at the load's peak", peak_rss_mib());
}

/// What one corpus size measured.
#[derive(Debug, Serialize, Deserialize, Default)]
pub struct SizeReport {
    pub passages: usize,
    pub build_s: f64,
    pub passages_per_s: f64,
    /// Resident memory once the index is built and the knowledge files are dropped, as the bot
    /// holds it; the harness's own share (FacQA questions, runtime) is `rss_base_mib`.
    pub rss_build_mib: f64,
    #[serde(default)]
    pub rss_base_mib: f64,
    pub ask_p50_ms: f64,
    pub ask_p99_ms: f64,
    pub ask_max_ms: f64,
    pub qps_one_thread: f64,
    pub qps_all_cores: f64,
    pub threads: usize,
    pub hit1: f64,
    pub hit3: f64,
    pub reload_s: f64,
    pub during_reload_p50_ms: f64,
    pub during_reload_p99_ms: f64,
    pub during_reload_answers: usize,
    pub rss_peak_mib: f64,
    pub peer: Option<PeerReport>,
}

#[derive(Debug, Serialize, Deserialize, Default, Clone)]
pub struct PeerReport {
    pub index_s: f64,
    pub qps: f64,
    pub hit1: f64,
    pub hit3: f64,
}

/// Measures one corpus size in this process.
pub fn measure_size(corpora: &Corpora, news_passages: usize, items: &[Item], with_reload: bool) -> SizeReport {
    // Loaded from files, as the bot loads it, so that no copy of the corpus stays in memory.
    let dir = tempfile::tempdir().expect("tempdir");
    write_knowledge(&corpus(corpora, news_passages, items), dir.path());
    let rss_base = rss_mib();
    let started = Instant::now();
    let shared = Arc::new(SharedEngine::load(dir.path()).expect("written corpus loads"));
    let build = started.elapsed();
    let rss_build = rss_mib();
    report_load_peak(rss_build);
    let engine = shared.current();
    let passages = engine.stats().passages;

    // Single-threaded latency of the whole answer, over PASSES passes; the rate is the median
    // pass's, as the peer's.
    let mut times = Vec::with_capacity(items.len() * PASSES);
    let (mut at1, mut at3) = (0, 0);
    let mut passes = Vec::with_capacity(PASSES);
    for pass in 0..PASSES {
        let started = Instant::now();
        for item in items {
            let t = Instant::now();
            let a = engine.ask(&item.question);
            times.push(t.elapsed());
            let Some(answer) = item.answer().filter(|_| pass == 0) else { continue };
            let want = tanyakop::language::fold(answer);
            let rank = a.hits.iter().take(3).position(|h| tanyakop::language::fold(&h.snippet).contains(&want));
            at1 += usize::from(rank == Some(0));
            at3 += usize::from(rank.is_some());
        }
        passes.push(started.elapsed());
    }
    passes.sort();
    let one_thread = passes[PASSES / 2];
    times.sort();

    // Throughput with every core answering.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let engine = engine.clone();
            s.spawn(move || {
                for item in items {
                    std::hint::black_box(engine.ask(&item.question));
                }
            });
        }
    });
    let all_cores = started.elapsed();

    let mut report = SizeReport {
        passages,
        build_s: build.as_secs_f64(),
        passages_per_s: passages as f64 / build.as_secs_f64(),
        rss_build_mib: rss_build,
        rss_base_mib: rss_base,
        ask_p50_ms: ms(percentile(&times, 0.5)),
        ask_p99_ms: ms(percentile(&times, 0.99)),
        ask_max_ms: ms(times.last().copied().unwrap_or_default()),
        qps_one_thread: items.len() as f64 / one_thread.as_secs_f64(),
        qps_all_cores: (items.len() * threads) as f64 / all_cores.as_secs_f64(),
        threads,
        hit1: at1 as f64 / items.len().max(1) as f64,
        hit3: at3 as f64 / items.len().max(1) as f64,
        ..SizeReport::default()
    };
    drop(engine);

    if with_reload {
        let done = Arc::new(AtomicBool::new(false));
        let asker = {
            let shared = Arc::clone(&shared);
            let done = Arc::clone(&done);
            let questions: Vec<String> = items.iter().map(|i| i.question.clone()).collect();
            std::thread::spawn(move || {
                let mut times = Vec::new();
                for q in questions.iter().cycle() {
                    if done.load(Ordering::Relaxed) {
                        break;
                    }
                    let t = Instant::now();
                    std::hint::black_box(shared.current().ask(q));
                    times.push(t.elapsed());
                }
                times
            })
        };
        let reloaded = shared.reload().expect("reload succeeds");
        done.store(true, Ordering::Relaxed);
        let mut during = asker.join().unwrap_or_default();
        during.sort();
        report.reload_s = reloaded.took.as_secs_f64();
        report.during_reload_p50_ms = ms(percentile(&during, 0.5));
        report.during_reload_p99_ms = ms(percentile(&during, 0.99));
        report.during_reload_answers = during.len();
    }
    report.rss_peak_mib = peak_rss_mib();
    report
}

/// Runs the peer on the same corpus and questions, in a virtual environment it creates.
pub fn run_peer(corpora: &Corpora, news_passages: usize, items: &[Item], venv: &Path) -> Option<PeerReport> {
    let python = venv.join("bin/python");
    if !python.exists() {
        eprintln!("creating the peer's virtual environment in {}", venv.display());
        let ok =
            std::process::Command::new("python3").args(["-m", "venv"]).arg(venv).status().is_ok_and(|s| s.success())
                && std::process::Command::new(venv.join("bin/pip"))
                    .args(["install", "-q", "bm25s==0.3.16", "PyStemmer", "numpy", "scipy"])
                    .status()
                    .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("could not install the peer (bm25s); its columns stay empty");
            return None;
        }
    }
    let dir = tempfile::tempdir().ok()?;
    let kb = KnowledgeBase::from_articles(corpus(corpora, news_passages, items));
    let index = Index::build(&kb, &mut |_, _| {}).ok()?;
    // The peer indexes exactly the passages we index.
    let mut passages = std::io::BufWriter::new(std::fs::File::create(dir.path().join("passages.jsonl")).ok()?);
    for p in index.passages() {
        let _ = writeln!(passages, "{}", serde_json::json!({"text": p.text}));
    }
    drop(passages);
    let mut questions = std::io::BufWriter::new(std::fs::File::create(dir.path().join("questions.jsonl")).ok()?);
    for i in items.iter().filter(|i| i.answer().is_some()) {
        let _ = writeln!(questions, "{}", serde_json::json!({"question": i.question, "answer": i.answer()}));
    }
    drop(questions);
    let job = serde_json::json!({
        "passages": dir.path().join("passages.jsonl"),
        "questions": dir.path().join("questions.jsonl"),
        "stopwords": tanyakop::language::words::stopwords(),
    });
    std::fs::write(dir.path().join("job.json"), job.to_string()).ok()?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/peer_bm25s.py");
    let out = std::process::Command::new(python).arg(script).arg(dir.path().join("job.json")).output().ok()?;
    if !out.status.success() {
        eprintln!("peer failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

/// Wall time of `tanyakop ask` on the shipped knowledge base, from process start to answer.
pub fn first_answer(tanyakop: &Path, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let out = std::process::Command::new(tanyakop)
                .args(["ask", "brp target rumah produksi bersama 2024?"])
                .env("KNOWLEDGE_DIR", project_root().join("knowledge"))
                .output()
                .expect("tanyakop runs");
            assert!(String::from_utf8_lossy(&out.stdout).starts_with("tujuh lokasi"));
            t.elapsed()
        })
        .collect();
    times.sort();
    percentile(&times, 0.5)
}

/// Questions per second all chats together ask in [`end_to_end`]: below Telegram's steady 25
/// a second overall (`Limits::TELEGRAM`), as a real load must be for replies not to queue.
const E2E_QUESTIONS_PER_SEC: f64 = 20.0;

/// How often one chat asks at most in [`end_to_end`]: a person reads the answer first, and
/// Telegram's per-chat limit is about one message a second.
const E2E_CHAT_INTERVAL: Duration = Duration::from_millis(1_100);

/// End to end through a fake Bot API on loopback, with Telegram's limits on: time from an update
/// being available to the reply arriving, with `chats` chats each asking `rounds` questions, one
/// every [`E2E_CHAT_INTERVAL`] or less often, so that all together ask about
/// [`E2E_QUESTIONS_PER_SEC`] (100 chats: one question each every 5 s).
pub fn end_to_end(chats: usize, rounds: usize) -> EndToEnd {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    rt.block_on(async move {
        let api = fake_api::FakeApi::start().await;
        let data = tempfile::tempdir().expect("tempdir");
        let knowledge = project_root().join("knowledge");
        let url = api.url.clone();
        let config = tanyakop::config::Config::from_lookup(&knowledge, |k| match k {
            "TELOXIDE_TOKEN" => Some("123456:fake-token-for-benchmarks".into()),
            "TELEGRAM_API_URL" => Some(url.clone()),
            "DATA_DIR" => Some(data.path().display().to_string()),
            _ => None,
        })
        .expect("config");
        let engine = SharedEngine::load(&knowledge).expect("knowledge");
        let limits = tanyakop::telegram::Limits::TELEGRAM;
        let bot = tokio::spawn(tanyakop::telegram::serve(config, engine, limits));
        api.wait_for("getMe", |r| r.method == "getMe").await;
        let interval = E2E_CHAT_INTERVAL.max(Duration::from_secs_f64(chats as f64 / E2E_QUESTIONS_PER_SEC));
        let started = tokio::time::Instant::now();
        let mut pushed = Vec::new();
        for round in 0..rounds {
            for c in 0..chats {
                let due = interval * round as u32 + interval.mul_f64(c as f64 / chats as f64);
                tokio::time::sleep_until(started + due).await;
                let chat = 10_000 + c as i64;
                let question = "brp target rumah produksi bersama 2024?";
                api.push(fake_api::text_update(round as i64 + 1, fake_api::private_chat(chat), chat, question));
                pushed.push((chat, round + 1, Instant::now()));
            }
        }
        let mut latencies = Vec::new();
        let mut answered = 0;
        for (chat, n, at) in pushed {
            let reply = api.nth_message_to(chat, n).await;
            latencies.push(reply.at.saturating_duration_since(at));
            answered += usize::from(reply.body["text"].as_str().is_some_and(|t| t.contains(E2E_ANSWER)));
        }
        bot.abort();
        latencies.sort();
        EndToEnd { p50: percentile(&latencies, 0.5), p99: percentile(&latencies, 0.99), answered }
    })
}

/// What the end-to-end run's question is answered with, on the shipped knowledge base.
const E2E_ANSWER: &str = "tujuh lokasi";

/// Replies of an [`end_to_end`] run: latency percentiles, and how many replies carried the
/// answer.
#[derive(Debug, Clone, Copy)]
pub struct EndToEnd {
    pub p50: Duration,
    pub p99: Duration,
    pub answered: usize,
}

const CHILD_ENV: &str = "TANYAKOP_BENCH_SIZE";

/// The `cargo bench` entry point.
/// The benchmark's entry point; `tanyakop` is the path of the built `tanyakop` binary.
pub fn main_cli(tanyakop: &Path) {
    let corpora = Corpora::shared();
    if let Some(missing) = corpora.missing() {
        eprintln!(
            "cargo bench: {} is missing; the benchmark measures on the shared evaluation data (IndoSum news and FacQA) in ../shared/eval beside the checkout",
            missing.display()
        );
        std::process::exit(2);
    }
    let items = corpora.questions();
    if let Ok(size) = std::env::var(CHILD_ENV) {
        let size: usize = size.parse().expect("size");
        let report = measure_size(&corpora, size, &items, true);
        println!("{}", serde_json::to_string(&report).expect("json"));
        return;
    }
    let sizes: Vec<usize> = std::env::var("TANYAKOP_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let venv = project_root().join("target/bench-venv");
    let exe = std::env::current_exe().expect("current exe");
    let mut rows = Vec::new();
    for &size in &sizes {
        eprintln!("measuring {size} news passages + FacQA passages ...");
        let out = std::process::Command::new(&exe)
            .env(CHILD_ENV, size.to_string())
            .arg("--bench")
            .output()
            .expect("child runs");
        let line = String::from_utf8_lossy(&out.stdout);
        let mut report: SizeReport = match line.lines().rev().find_map(|l| serde_json::from_str(l).ok()) {
            Some(r) => r,
            None => panic!("size {size} failed:\n{}", String::from_utf8_lossy(&out.stderr)),
        };
        if std::env::var("TANYAKOP_BENCH_PEER").as_deref() != Ok("0") {
            eprintln!("running the peer on the same corpus ...");
            report.peer = run_peer(&corpora, size, &items, &venv);
        }
        rows.push(report);
    }
    eprintln!("timing the first answer and the end-to-end path ...");
    let first = first_answer(tanyakop, 20);
    let e2e: Vec<(usize, EndToEnd)> =
        [1, 10, 100].iter().map(|&c| (c, end_to_end(c, if c == 100 { 5 } else { 20 }))).collect();
    print_table(&rows, first, &e2e);
}

pub fn print_table(rows: &[SizeReport], first: Duration, e2e: &[(usize, EndToEnd)]) {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    println!("Machine: {cpu}, {} cores; release build.\n", std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!(
        "| passages | build (s) | passages/s | RSS base / built / reload peak (MiB) | ask p50 / p99 / max (ms) | q/s 1 thread | q/s all cores | hit@1 | hit@3 | reload (s) | ask during reload p50 / p99 (ms) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {:.2} | {:.0} | {:.0} / {:.0} / {:.0} | {:.2} / {:.2} / {:.2} | {:.0} | {:.0} ({} threads) | {:.1}% | {:.1}% | {:.2} | {:.2} / {:.2} ({} answers) |",
            r.passages,
            r.build_s,
            r.passages_per_s,
            r.rss_base_mib,
            r.rss_build_mib,
            r.rss_peak_mib,
            r.ask_p50_ms,
            r.ask_p99_ms,
            r.ask_max_ms,
            r.qps_one_thread,
            r.qps_all_cores,
            r.threads,
            100.0 * r.hit1,
            100.0 * r.hit3,
            r.reload_s,
            r.during_reload_p50_ms,
            r.during_reload_p99_ms,
            r.during_reload_answers
        );
    }
    println!(
        "\nSide by side with the peer (bm25s + PyStemmer Indonesian, same passages, same stopwords, one question at a time):\n"
    );
    println!(
        "| passages | index (s) ours / peer / ratio | q/s ours (1 thread) / peer / ratio | hit@1 ours / peer | hit@3 ours / peer |"
    );
    println!("|---|---|---|---|---|");
    for r in rows {
        match &r.peer {
            Some(p) => println!(
                "| {} | {:.2} / {:.2} / {:.1}× faster | {:.0} / {:.0} / {:.1}× | {:.1}% / {:.1}% | {:.1}% / {:.1}% |",
                r.passages,
                r.build_s,
                p.index_s,
                p.index_s / r.build_s.max(1e-9),
                r.qps_one_thread,
                p.qps,
                r.qps_one_thread / p.qps.max(1e-9),
                100.0 * r.hit1,
                100.0 * p.hit1,
                100.0 * r.hit3,
                100.0 * p.hit3
            ),
            None => println!(
                "| {} | {:.2} / - | {:.0} / - | {:.1}% / - | {:.1}% / - |",
                r.passages,
                r.build_s,
                r.qps_one_thread,
                100.0 * r.hit1,
                100.0 * r.hit3
            ),
        }
    }
    println!(
        "\nFirst answer after process start (shipped knowledge base, `tanyakop ask`, median of 20): {:.1} ms",
        ms(first)
    );
    println!(
        "\nEnd to end through a fake Bot API on loopback, update available → reply received, Telegram's limits on (each chat asks at most once every 1.1 s, all chats together 20 questions a second):\n"
    );
    println!("| concurrent chats | p50 (ms) | p99 (ms) |");
    println!("|---|---|---|");
    for (c, EndToEnd { p50, p99, .. }) in e2e {
        println!("| {c} | {:.2} | {:.2} |", ms(*p50), ms(*p99));
    }
}
