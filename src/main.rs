//! The `tanyakop` command line: runs the Telegram bot, a console chat, one-off answers,
//! knowledge checks, evaluations and usage reports. Errors end here, as one line that says what to do.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use tanyakop::engine::Engine;
use tanyakop::import::{Draft, ImportOptions, Source};
use tanyakop::knowledge::KnowledgeBase;
use tanyakop::render::{self, Plain, json};
use tanyakop::store::{Period, SqliteStore, Store};
use tanyakop::{console, eval};

#[derive(Parser)]
#[command(name = "tanyakop", version, about = "Answers questions in Indonesian about the programs of Kemenkop UKM.", long_about = None)]
struct Cli {
    /// Knowledge directory (articles/, programs.toml, synonyms.toml).
    #[arg(long, global = true, env = "KNOWLEDGE_DIR", default_value = "knowledge")]
    knowledge: PathBuf,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the Telegram bot (needs TELOXIDE_TOKEN; see .env.example).
    Run,
    /// Chat with the knowledge base in the console.
    Chat,
    /// Answer one question; `-` reads one question per line from standard input.
    Ask {
        /// The question, or `-` for standard input.
        question: String,
        /// Print JSON (JSON Lines with `-`).
        #[arg(long)]
        json: bool,
        /// Also print how the question was read and its candidates scored, as JSON.
        #[arg(long)]
        explain: bool,
    },
    /// Validate the knowledge directory; prints every problem as file:line: message.
    Check,
    /// Measure answer quality on a JSON Lines file of {"question", "answer"} objects.
    Eval {
        /// The question file.
        questions: PathBuf,
        /// Index the distinct `passage` fields of the question file (e.g. FacQA) instead of the
        /// knowledge directory.
        #[arg(long)]
        passages: bool,
        /// How many misses to list.
        #[arg(long, default_value_t = 20)]
        misses: usize,
    },
    /// Turn documents (HTML pages saved from a browser, text PDFs, .docx, .txt, .md) into
    /// articles in the knowledge directory; folders are imported file by file.
    Import {
        /// Files or folders.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The publisher to record (over a page's own site name), e.g. for PDFs, which name none.
        #[arg(long)]
        source: Option<String>,
        /// A program id (from programs.toml) to record besides those detected; repeatable.
        #[arg(long = "program", value_name = "ID")]
        programs: Vec<String>,
        /// Show what would be written, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Overwrite an article that already has the same text.
        #[arg(long)]
        replace: bool,
    },
    /// Read one PDF from standard input and print what it says as JSON: the child process the
    /// bot and `import` read PDFs in.
    #[command(name = "read-pdf", hide = true)]
    ReadPdf,
    /// Print what people asked and how the bot answered, from the bot's store in DATA_DIR.
    Report {
        /// Count over the last N days (today and the last 7 days are shown too).
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3650))]
        days: u32,
        /// Print CSV, for a spreadsheet.
        #[arg(long)]
        csv: bool,
        /// The bot's data directory.
        #[arg(long, env = "DATA_DIR", default_value = "data")]
        data: PathBuf,
    },
}

fn main() -> ExitCode {
    // A missing .env is normal; a broken one is reported when its settings are read.
    let _ = dotenvy::dotenv();
    if let Ok(token) = std::env::var("TELOXIDE_TOKEN") {
        tanyakop::telegram::redact::register_token(token.trim());
    }
    let cli = Cli::parse();
    if matches!(cli.command, Some(Command::ReadPdf)) {
        let done = tanyakop::import::sandbox::child_main(std::io::stdin().lock(), std::io::stdout().lock());
        return if done.is_ok() { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    }
    // PDFs are read in a child process with capped memory and time (see `import::sandbox`).
    if let Ok(exe) = std::env::current_exe() {
        tanyakop::import::sandbox::install(exe);
    }
    let quiet = !matches!(cli.command, None | Some(Command::Run));
    init_tracing(if quiet { "warn" } else { "info" });
    // The commands that write answers to standard output; the bot writes only to the network,
    // where a broken pipe is a failure to report.
    let writes_stdout = matches!(
        cli.command,
        Some(
            Command::Ask { .. }
                | Command::Check
                | Command::Eval { .. }
                | Command::Report { .. }
                | Command::Import { .. }
        )
    );
    match run(cli) {
        Ok(code) => code,
        // Output piped into `head` or `grep -q` was closed early: the reader has what it wanted.
        Err(e) if writes_stdout && is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tanyakop: {}", tanyakop::telegram::redact(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

fn init_tracing(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(|| tanyakop::telegram::redact::RedactingWriter)
        .with_target(false)
        .init();
}

fn run(cli: Cli) -> Result<ExitCode> {
    let dir = &cli.knowledge;
    match cli.command {
        None => default_mode(dir),
        Some(Command::Run) => run_bot(dir),
        Some(Command::Chat) => chat(dir),
        Some(Command::Ask { question, json, explain }) => ask(dir, &question, json, explain),
        Some(Command::Check) => check(dir),
        Some(Command::Eval { questions, passages, misses }) => evaluate(dir, &questions, passages, misses),
        Some(Command::Report { days, csv, data }) => report(&data, days, csv),
        Some(Command::ReadPdf) => Ok(ExitCode::SUCCESS),
        Some(Command::Import { files, source, programs, dry_run, replace }) => {
            import(dir, &files, &ImportOptions { source, programs, replace }, dry_run)
        }
    }
}

/// `tanyakop import`: each document drafted, checked with the knowledge base and written (or
/// shown, with `--dry-run`); a refused one is reported and the rest go on.
fn import(dir: &Path, inputs: &[PathBuf], options: &ImportOptions, dry_run: bool) -> Result<ExitCode> {
    let files = import_files(inputs)?;
    // A first import makes the knowledge directory: say so, in case its name was mistyped.
    let creating = !dry_run && !dir.exists();
    // A dry run imports into a scratch copy of the knowledge directory, so that it reports
    // what a real run would do: a document given twice in one folder is refused the second
    // time, two alike titles get two names.
    let scratch = if dry_run { Some(scratch_copy(dir)?) } else { None };
    let target = scratch.as_ref().map_or(dir, |s| s.path());
    // A problem met in the scratch copy names the file where it would be.
    let as_real = |message: String| match &scratch {
        Some(s) => message.replace(&s.path().display().to_string(), &dir.display().to_string()),
        None => message,
    };
    let bar = (files.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("importing {bar:40} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let mut out = std::io::stdout().lock();
    let (mut written, mut refused) = (0, 0);
    for file in &files {
        if let Some(b) = &bar {
            b.set_message(file.display().to_string());
        }
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let result = tanyakop::import::read_file(file)
            .and_then(|bytes| tanyakop::import::draft(target, &Source::file(name), &bytes, options)?.save(target));
        let line = match result {
            Ok(draft) => {
                written += 1;
                print_draft(file, &draft, dry_run)
            }
            Err(e) => {
                refused += 1;
                format!("{}: refused: {}\n", file.display(), as_real(e.to_string()))
            }
        };
        match &bar {
            Some(b) => b.suspend(|| write!(out, "{line}")),
            None => write!(out, "{line}"),
        }?;
        if let Some(b) = &bar {
            b.inc(1);
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let verb = if dry_run { "would be written" } else { "written" };
    writeln!(out, "{written} article(s) {verb}, {refused} document(s) refused.")?;
    if creating && dir.exists() {
        writeln!(out, "Created the knowledge directory {}.", dir.display())?;
    }
    if written > 0 && !dry_run {
        writeln!(out, "A running bot picks them up on /reload (or a restart).")?;
    }
    Ok(if refused == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// A temporary copy of the knowledge directory `dir` (empty when `dir` does not exist yet, as
/// for a first import), removed when dropped.
fn scratch_copy(dir: &Path) -> Result<tempfile::TempDir> {
    let scratch = tempfile::tempdir().context("making a scratch folder for the dry run")?;
    if dir.exists() {
        tanyakop::knowledge::copy_files(dir, scratch.path()).map_err(|problems| anyhow::anyhow!("{problems}"))?;
    }
    Ok(scratch)
}

/// The files named, with each folder replaced by the importable files under it, in order.
fn import_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            collect_importable(input, &mut found).with_context(|| format!("reading {}", input.display()))?;
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

fn collect_importable(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        // The entry's own type: a symlink to a folder is not followed, so a loop cannot recurse.
        if entry.file_type()?.is_dir() {
            collect_importable(&path, out)?;
        } else if let Some((_, ext)) = name.rsplit_once('.')
            && tanyakop::import::EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        {
            out.push(path);
        }
    }
    Ok(())
}

/// How many figures an import's summary lists.
const FIGURES_LISTED: usize = 5;

/// What an import wrote (or would write), for the terminal.
fn print_draft(file: &Path, d: &Draft, dry_run: bool) -> String {
    let verb = match (dry_run, d.replaces) {
        (true, _) => "would write",
        (false, true) => "replaced",
        (false, false) => "wrote",
    };
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
    let figures: Vec<&str> = d.figures.iter().take(FIGURES_LISTED).map(|f| f.figure.as_str()).collect();
    format!(
        "{}: {verb} articles/{}.md\n  title:    {}\n  date:     {}\n  source:   {}\n  url:      {}\n  programs: {}\n  {} paragraph(s), {} figure(s){}{}\n",
        file.display(),
        d.slug,
        d.title,
        or_none(&d.date),
        or_none(&d.source),
        or_none(&d.url),
        if d.programs.is_empty() { "(none detected)".to_string() } else { d.programs.join(", ") },
        d.paragraphs,
        d.figures.len(),
        if figures.is_empty() { "" } else { ": " },
        figures.join("; "),
    )
}

/// How many questions each top list of `tanyakop report` shows.
const REPORT_TOP: usize = 20;

/// `tanyakop report`: the same counts as `/stats`, for a monthly report.
fn report(data: &Path, days: u32, csv: bool) -> Result<ExitCode> {
    if !data.join(tanyakop::store::sqlite::FILE_NAME).exists() {
        bail!("{} has no tanyakop database yet: run the bot first, or pass --data DIR", data.display());
    }
    let retention = tanyakop::config::retention(std::env::var("QUESTION_LOG_DAYS").ok())?;
    let store = SqliteStore::open(data, retention)?;
    let mut periods = vec![Period::Today];
    if days > 7 {
        periods.push(Period::Days(7));
    }
    periods.push(Period::Days(days));
    let report = store.report(SystemTime::now(), &periods, REPORT_TOP)?;
    let out = std::io::stdout().lock();
    if csv {
        tanyakop::store::print::csv(out, &report)?
    } else {
        tanyakop::store::print::text(out, &report)?
    }
    Ok(ExitCode::SUCCESS)
}

/// No subcommand: the bot when a token is configured, otherwise a local chat.
fn default_mode(dir: &Path) -> Result<ExitCode> {
    if std::env::var_os("TELOXIDE_TOKEN").is_some_and(|t| !t.is_empty()) {
        return run_bot(dir);
    }
    eprintln!(
        "TELOXIDE_TOKEN is not set, so tanyakop starts a local chat instead of the Telegram bot.\n\
         To connect it to Telegram: get a token from @BotFather, put TELOXIDE_TOKEN=... in .env (see .env.example), and run tanyakop again.\n"
    );
    chat(dir)
}

/// `tanyakop ask`: one question, or one per line of standard input with `-`.
fn ask(dir: &Path, question: &str, json: bool, explain: bool) -> Result<ExitCode> {
    let engine = load_engine(dir)?;
    let mut out = std::io::stdout().lock();
    let mut answer_one = |q: &str| -> Result<()> {
        let a = engine.ask(q);
        if json {
            writeln!(out, "{}", json::to_line(&a))?;
        } else {
            // A blank line between plain answers read from standard input.
            writeln!(out, "{}{}", render::reply(&a, &Plain), if question == "-" { "\n" } else { "" })?;
        }
        if explain {
            writeln!(out, "{}", serde_json::to_string(&engine.explain(q))?)?;
        }
        Ok(())
    };
    if question != "-" {
        answer_one(question)?;
        return Ok(ExitCode::SUCCESS);
    }
    for (i, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.with_context(|| format!("reading question {} from standard input", i + 1))?;
        if !line.trim().is_empty() {
            answer_one(&line)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `tanyakop check`: every problem of the knowledge directory as `file:line: message`.
fn check(dir: &Path) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match KnowledgeBase::load(dir) {
        Ok(kb) => {
            writeln!(
                out,
                "{}: OK ({} articles, {} programs, {} facts, {} synonym groups, {} glossary terms)",
                dir.display(),
                kb.articles.len(),
                kb.programs.len(),
                kb.fact_count(),
                kb.synonyms.len(),
                kb.glossary.len()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            for p in &problems.0 {
                writeln!(out, "{p}")?;
            }
            eprintln!("{} problem(s) found", problems.0.len());
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `tanyakop eval`: hit@1, hit@3 and declines on a question file, with the first misses.
fn evaluate(dir: &Path, questions: &Path, passages: bool, misses: usize) -> Result<ExitCode> {
    let items = eval::load(questions)?;
    let engine = if passages {
        let articles = eval::passages_as_articles(&items, questions);
        if articles.is_empty() {
            bail!(
                "{}: no line has a `passage` field; drop --passages to use the knowledge directory",
                questions.display()
            );
        }
        build_engine(&KnowledgeBase::from_articles(articles))?
    } else {
        load_engine(dir)?
    };
    let started = Instant::now();
    let report = eval::run(&engine, &items);
    let took = started.elapsed();
    let mut out = std::io::stdout().lock();
    let per_question_ms = took.as_secs_f64() * 1000.0 / items.len().max(1) as f64;
    if report.total > 0 {
        print_retrieval(&mut out, &report, misses)?;
    }
    if !report.checked.is_empty() {
        print_checked(&mut out, &report, misses)?;
    }
    writeln!(out, "mean time per question: {per_question_ms:.2} ms")?;
    Ok(ExitCode::SUCCESS)
}

/// FacQA-style results: hit@1, hit@3, declines and the first misses.
fn print_retrieval(out: &mut impl Write, report: &eval::Report, misses: usize) -> Result<()> {
    for m in report.misses.iter().take(misses) {
        writeln!(
            out,
            "MISS{} {:?}\n  answer: {:?}\n  got:    {:?}",
            if m.in_top3 { " (top 3)" } else { "" },
            m.question,
            m.answer,
            m.got.as_deref().unwrap_or("(declined)")
        )?;
    }
    writeln!(
        out,
        "questions: {}\nhit@1: {} ({:.1}%)\nhit@3: {} ({:.1}%)\ndeclined: {}",
        report.total,
        report.at1,
        100.0 * report.hit_at_1(),
        report.at3,
        100.0 * report.hit_at_3(),
        report.declined,
    )?;
    Ok(())
}

/// Results of the other questions (expect, expect_all, expect_none, intent): the first misses,
/// then right/asked per kind and over all.
fn print_checked(out: &mut impl Write, report: &eval::Report, misses: usize) -> Result<()> {
    for c in report.checked.iter().filter(|c| !c.right).take(misses) {
        let reply: String = c.reply.lines().take(3).collect::<Vec<_>>().join(" / ");
        writeln!(out, "MISS [{}] {:?}\n  expected: {:?}\n  got:      {reply}", c.kind, c.question, c.expect)?;
    }
    let (by_kind, all) = report.tallies();
    for (kind, t) in by_kind {
        writeln!(out, "{kind:<12} {}/{}", t.right, t.asked)?;
    }
    writeln!(out, "right: {}/{} ({:.1}%)", all.right, all.asked, 100.0 * all.right as f64 / all.asked.max(1) as f64)?;
    Ok(())
}

/// `tanyakop chat`: the console chat.
fn chat(dir: &Path) -> Result<ExitCode> {
    let engine = load_engine(dir)?;
    if engine.stats().passages == 0 {
        eprintln!("Note: {}.\n", tanyakop::knowledge::empty_hint(dir));
    }
    console::chat(&engine, std::io::stdin().lock(), std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}

/// `tanyakop run`: the Telegram bot.
fn run_bot(dir: &Path) -> Result<ExitCode> {
    let config = tanyakop::config::Config::from_env(dir)?;
    tanyakop::telegram::run(config)?;
    Ok(ExitCode::SUCCESS)
}

fn load_engine(dir: &Path) -> Result<Engine> {
    let kb = KnowledgeBase::load(dir)
        .map_err(|p| anyhow::anyhow!("the knowledge directory has problems; fix them and try again:\n{p}"))?;
    build_engine(&kb)
}

/// Builds the index, with a progress bar on a terminal for large knowledge bases and a log
/// line with counts and time otherwise.
fn build_engine(kb: &KnowledgeBase) -> Result<Engine> {
    let paragraphs: usize = kb.articles.iter().map(|a| a.paragraphs.len()).sum();
    let bar = (paragraphs > 20_000 && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(paragraphs as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("indexing {bar:40} {pos}/{len} passages ({eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let engine = Engine::build(kb, &mut |done, total| {
        if let Some(b) = &bar {
            b.set_length(total);
            b.set_position(done);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let s = engine.stats();
    tracing::info!(
        articles = s.articles,
        passages = s.passages,
        facts = s.facts,
        ms = s.build_time.as_millis() as u64,
        "index built"
    );
    if s.build_time > Duration::from_secs(2) {
        eprintln!("indexed {} passages and {} facts in {:.1} s", s.passages, s.facts, s.build_time.as_secs_f64());
    }
    Ok(engine)
}
