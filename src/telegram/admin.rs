//! Admin actions: reload, article upload, stats, the unanswered-questions list, recent 👎 and
//! curated answers written from the chat (`/jawab`).
//!
//! Only user ids in `ADMIN_IDS` may use them; being an admin of a Telegram group grants
//! nothing, and a forwarded admin message counts as its forwarder's. The handler tree sends
//! admin commands and documents here only from admins ([`sent_by_admin`]); everyone else gets
//! [`refuse`], which is logged.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::Document;
use teloxide::utils::command::BotCommands;

use super::imports;
use super::state::App;
use super::transport::send::{Patience, send_html, send_to, with_retries};
use super::{HandlerError, TgBot, texts};
use crate::engine::{Changed, ReloadError, Reloaded};
use crate::knowledge::edit::{Change, EditError, Snapshot};
use crate::knowledge::{CuratedAnswer, FAQ_FILE, MAX_ARTICLE_BYTES, Problems, decode_utf8, faq, valid_slug};
use crate::store::{Period, QuestionId, StoreError, TopQuestion};

/// The admins' commands, shown in the command menu of admins' private chats only.
#[derive(BotCommands, Clone, Debug, PartialEq)]
#[command(rename_rule = "lowercase")]
pub enum AdminCommand {
    #[command(description = "admin: muat ulang basis pengetahuan")]
    Reload,
    #[command(description = "admin: statistik bot")]
    Stats,
    #[command(description = "admin: pertanyaan yang belum terjawab")]
    Unanswered,
    #[command(description = "admin: penilaian 👎 terbaru")]
    Masukan,
    #[command(description = "admin: jawab pertanyaan bernomor #N dari /unanswered, misalnya /jawab 12 <jawaban>")]
    Jawab(String),
}

/// How many unanswered questions `/unanswered` lists.
const UNANSWERED_LISTED: usize = 20;
/// How many of the most asked and most unanswered questions `/stats` lists.
const STATS_TOP: usize = 5;
/// How many 👎 `/masukan` lists.
const DOWN_VOTES_LISTED: usize = 15;
/// The periods `/stats` counts over.
const STATS_PERIODS: [Period; 3] = [Period::Today, Period::Days(7), Period::Days(30)];

/// Whether `msg` comes from an admin: its sender's user id is in `ADMIN_IDS`.
pub fn sent_by_admin(msg: Message, app: Arc<App>) -> bool {
    msg.from.as_ref().is_some_and(|u| app.is_admin(u.id.0))
}

/// Refuses an admin action to someone who is not an admin, politely, and logs it.
pub async fn refuse(bot: TgBot, msg: Message) -> Result<(), HandlerError> {
    let user = msg.from.as_ref().map_or(0, |u| u.id.0);
    let action = msg.text().and_then(|t| t.split_whitespace().next()).unwrap_or("upload");
    tracing::warn!(user, chat = msg.chat.id.0, action, "non-admin attempted an admin action");
    send_html(&bot, &msg, texts::NOT_ADMIN, None).await
}

pub async fn on_command(bot: TgBot, msg: Message, cmd: AdminCommand, app: Arc<App>) -> Result<(), HandlerError> {
    let html = match cmd {
        AdminCommand::Jawab(args) => return curate(&bot, &msg, &app, &args).await,
        AdminCommand::Reload => match reload(&app).await? {
            Ok(r) => texts::reloaded("Basis pengetahuan dimuat ulang.", &r.stats, r.took),
            Err(e) => reload_failed(&e),
        },
        AdminCommand::Stats => {
            read_store(&app, |app| {
                let report = app.store.report(SystemTime::now(), &STATS_PERIODS, STATS_TOP)?;
                Ok(texts::stats(app.started.elapsed(), &app.engine.current().stats(), &report))
            })
            .await?
        }
        AdminCommand::Unanswered => read_store(&app, |app| Ok(texts::unanswered(&still_unanswered(app)?))).await?,
        AdminCommand::Masukan => {
            read_store(&app, |app| {
                let votes = app.store.down_votes(DOWN_VOTES_LISTED)?;
                let engine = app.engine.current();
                let shown = |id: &Option<String>| {
                    let id = id.as_deref()?;
                    engine.passage(id).map(|hit| hit.snippet)
                };
                let votes: Vec<_> = votes
                    .into_iter()
                    .map(|v| {
                        let text = shown(&v.passage);
                        (v, text)
                    })
                    .collect();
                Ok(texts::down_votes(&votes))
            })
            .await?
        }
    };
    send_html(&bot, &msg, &html, None).await
}

/// `/jawab ID <jawaban>`: the unanswered question `ID` (the store's number for it, as
/// `/unanswered` shows it, which questions asked since cannot move) becomes a curated answer.
async fn curate(bot: &TgBot, msg: &Message, app: &Arc<App>, args: &str) -> Result<(), HandlerError> {
    let Some((id, answer)) = parse_jawab(args) else {
        return send_html(bot, msg, texts::JAWAB_USAGE, None).await;
    };
    let question = match app.on_store(move |s| s.unanswered_question(id)).await? {
        Ok(Some(q)) => q.question,
        Ok(None) => return send_html(bot, msg, &texts::jawab_unknown(id), None).await,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the store");
            return send_html(bot, msg, texts::STORE_UNAVAILABLE, None).await;
        }
    };
    add_curated(bot, app, msg.chat.id, question, answer).await
}

/// Adds `answer` to `question` as a curated answer in `faq.toml` ([`change`]: checked with the
/// rest of the knowledge base, written atomically, reloaded). The admin in `chat` is told
/// which question it was saved for first; then it is sent once to the private chats waiting
/// for it, and the admin told how many.
pub(super) async fn add_curated(
    bot: &TgBot,
    app: &Arc<App>,
    chat: ChatId,
    question: String,
    answer: String,
) -> Result<(), HandlerError> {
    let entry = CuratedAnswer { questions: vec![question.clone()], answer: answer.clone(), source: None, url: None };
    let changed = change(app, move |now| {
        let current = now.faq_text().map_err(CurateError::Unreadable)?;
        let gap = if current.is_empty() || current.ends_with("\n\n") { "" } else { "\n" };
        let text = format!("{current}{gap}{}", faq::entry_toml(&entry).map_err(CurateError::Toml)?);
        Ok((Change { path: now.dir.join(FAQ_FILE), text }, ()))
    })
    .await?;
    let reloaded = match changed {
        Ok(changed) => changed.reloaded,
        Err(EditError::Invalid(problems) | EditError::Plan(CurateError::Unreadable(problems))) => {
            let html = texts::problems("Jawaban tidak disimpan; tidak ada yang diubah:", &problems.lines());
            return send_to(bot, chat, None, &html, None).await;
        }
        Err(e) => return Err(e.into()),
    };
    tracing::info!("curated answer added by an admin");
    if let Err(e) = reloaded {
        return send_to(bot, chat, None, &reload_failed(&e), None).await;
    }
    send_to(bot, chat, None, &texts::jawab_saved(&question), None).await?;
    let asked = question.clone();
    let waiting = app.on_store(move |s| s.take_waiting(&asked)).await?.unwrap_or_else(|e| {
        tracing::error!(error = %e, "cannot read who waits for an answer");
        Vec::new()
    });
    let mut sent = 0;
    for w in &waiting {
        let html = texts::now_answered(&w.question, &answer);
        match send_to(bot, ChatId(w.chat), None, &html, None).await {
            Ok(()) => sent += 1,
            // A chat that blocked the bot, or a network failure: logged by `send_to`'s retries.
            Err(e) => tracing::warn!(error = %super::redact(&e.to_string()), "a curated answer was not delivered"),
        }
    }
    send_to(bot, chat, None, &texts::jawab_delivered(sent), None).await
}

/// Why a curated answer cannot be planned.
#[derive(Debug, thiserror::Error)]
enum CurateError {
    /// `faq.toml` is there but cannot be read: writing it anew would lose its answers.
    #[error("{0}")]
    Unreadable(Problems),
    #[error(transparent)]
    Toml(#[from] toml::ser::Error),
}

/// Changes the knowledge directory and reloads ([`SharedEngine::change`]) off the async
/// workers, logging the reload.
///
/// [`SharedEngine::change`]: crate::engine::SharedEngine::change
pub(super) async fn change<T, E>(
    app: &Arc<App>,
    plan: impl FnOnce(&Snapshot) -> Result<(Change, T), E> + Send + 'static,
) -> Result<Result<Changed<T>, EditError<E>>, HandlerError>
where
    T: Send + 'static,
    E: Send + 'static,
{
    let app = Arc::clone(app);
    let changed = tokio::task::spawn_blocking(move || app.engine.change(plan)).await?;
    if let Ok(Changed { reloaded: Ok(r), .. }) = &changed {
        log_reload(r);
    }
    Ok(changed)
}

/// `ID <jawaban>` from `/jawab` (the id may be written `#12`): both present.
fn parse_jawab(args: &str) -> Option<(QuestionId, String)> {
    let (id, answer) = args.trim().split_once(char::is_whitespace)?;
    let answer = answer.trim();
    if answer.is_empty() {
        return None;
    }
    let id = id.strip_prefix('#').unwrap_or(id).parse().ok().filter(|&id: &QuestionId| id > 0)?;
    Some((id, answer.to_string()))
}

/// The questions of `/unanswered`, with their numbers for `/jawab`: the most often
/// unanswered that the knowledge base still does not answer (a curated answer or a new
/// article may have since).
fn still_unanswered(app: &App) -> Result<Vec<TopQuestion>, StoreError> {
    let engine = app.engine.current();
    let mut list = app.store.unanswered(UNANSWERED_LISTED * 3)?;
    list.retain(|q| !engine.ask(&q.question).answered);
    list.truncate(UNANSWERED_LISTED);
    Ok(list)
}

/// Runs a read of the store off the async workers; a failed read is logged and the admin told.
async fn read_store(
    app: &Arc<App>,
    read: impl FnOnce(&App) -> Result<String, StoreError> + Send + 'static,
) -> Result<String, HandlerError> {
    let app = Arc::clone(app);
    Ok(tokio::task::spawn_blocking(move || read(&app)).await?.unwrap_or_else(|e| {
        tracing::error!(error = %e, "cannot read the store");
        texts::STORE_UNAVAILABLE.to_string()
    }))
}

/// Reloads the knowledge base off the async workers.
pub(super) async fn reload(app: &Arc<App>) -> Result<Result<Reloaded, ReloadError>, HandlerError> {
    let app = Arc::clone(app);
    let result = tokio::task::spawn_blocking(move || app.engine.reload()).await?;
    if let Ok(r) = &result {
        log_reload(r);
    }
    Ok(result)
}

fn log_reload(r: &Reloaded) {
    tracing::info!(
        passages = r.stats.passages,
        facts = r.stats.facts,
        ms = r.took.as_millis() as u64,
        "knowledge reloaded"
    );
}

pub(super) fn reload_failed(e: &ReloadError) -> String {
    tracing::warn!(problems = e.problems().len(), "reload refused; the previous index keeps serving");
    texts::problems(
        "Basis pengetahuan tidak dimuat ulang karena ada masalah (indeks lama tetap dipakai):",
        &e.problems(),
    )
}

/// Why an uploaded file name is refused, or the article path it becomes.
pub fn article_path(knowledge_dir: &Path, file_name: &str) -> Result<PathBuf, &'static str> {
    if file_name.contains(['/', '\\']) || file_name.contains("..") || file_name.starts_with('.') {
        return Err("Nama berkas tidak boleh berisi folder atau “..”.");
    }
    let Some(stem) = file_name.len().checked_sub(3).and_then(|cut| {
        let (stem, ext) = (file_name.get(..cut)?, file_name.get(cut..)?);
        ext.eq_ignore_ascii_case(".md").then_some(stem)
    }) else {
        return Err(texts::UPLOAD_NOT_MD);
    };
    // People name files "Berita KUR 2024.md": fold case and spaces into a slug.
    let slug: String = stem.trim().to_lowercase().chars().map(|c| if c == ' ' || c == '_' { '-' } else { c }).collect();
    if !valid_slug(&slug) {
        return Err("Nama berkas hanya boleh berisi huruf, angka dan tanda hubung, misalnya kur-2024.md.");
    }
    Ok(knowledge_dir.join("articles").join(format!("{slug}.md")))
}

/// Whether an upload named `name` is Markdown: with front matter it is an article file, written
/// as it is; without, and anything else, is a document to import with a preview.
fn is_markdown(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".md")
}

/// An admin sends a document: an article file (`.md` with front matter) is validated with the
/// rest of the knowledge base, written and reloaded; any other document (a page, a PDF, a
/// Word file, Markdown without front matter) is imported with a preview
/// ([`imports::preview`]). A bad file changes nothing on disk.
pub async fn on_document(bot: TgBot, msg: Message, app: Arc<App>) -> Result<(), HandlerError> {
    if !msg.chat.is_private() {
        return send_html(&bot, &msg, texts::UPLOAD_PRIVATE_ONLY, None).await;
    }
    let Some(doc) = msg.document() else { return Ok(()) };
    let name = doc.file_name.clone().unwrap_or_default();
    // Markdown is capped at an article's size before anything is downloaded: it cannot make a
    // longer article either way.
    let limit = if is_markdown(&name) { MAX_ARTICLE_BYTES } else { crate::import::MAX_DOCUMENT_BYTES as u64 };
    if u64::from(doc.file.size) > limit {
        let e = crate::import::ImportError::TooLarge { size: doc.file.size.into(), limit };
        return send_html(&bot, &msg, &texts::import_refused(&e), None).await;
    }
    let bytes = match download(&bot, doc).await {
        Ok(bytes) => bytes,
        Err(refusal) => return send_html(&bot, &msg, &refusal, None).await,
    };
    if is_markdown(&name) && has_front_matter(&bytes) {
        return upload_article(&bot, &msg, &app, &name, bytes).await;
    }
    let media_type = doc.mime_type.as_ref().map(|m| m.essence_str().to_string());
    imports::preview(&bot, &msg, &app, crate::import::Source { name, media_type, url: None }, bytes).await
}

fn has_front_matter(bytes: &[u8]) -> bool {
    bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes).starts_with(b"+++")
}

/// An article file: validated with the rest of the knowledge base, written, reloaded.
async fn upload_article(
    bot: &TgBot,
    msg: &Message,
    app: &Arc<App>,
    name: &str,
    bytes: Vec<u8>,
) -> Result<(), HandlerError> {
    let dir = app.engine.knowledge_dir().to_path_buf();
    let path = match article_path(&dir, name) {
        Ok(p) => p,
        Err(why) => return send_html(bot, msg, &format!("❌ {why}"), None).await,
    };
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        let e = crate::import::ImportError::TooLarge { size: bytes.len() as u64, limit: MAX_ARTICLE_BYTES };
        return send_html(bot, msg, &texts::import_refused(&e), None).await;
    }
    let text = match decode_utf8(&path, bytes) {
        Ok(text) => text,
        Err(p) => return send_html(bot, msg, &texts::problems("Artikel ditolak:", &[p.to_string()]), None).await,
    };
    let changed = change(app, move |now| {
        Ok::<_, std::convert::Infallible>((Change { path: path.clone(), text }, now.has(&path)))
    })
    .await?;
    let (existed, reloaded) = match changed {
        Ok(Changed { outcome, reloaded }) => (outcome, reloaded),
        Err(EditError::Invalid(problems)) => {
            let html = texts::problems("Artikel ditolak; tidak ada yang diubah:", &problems.lines());
            return send_html(bot, msg, &html, None).await;
        }
        Err(e) => return Err(e.into()),
    };
    tracing::info!("article uploaded by an admin");
    let html = match reloaded {
        Ok(r) if existed => texts::reloaded("Artikel diperbarui dan basis pengetahuan dimuat ulang.", &r.stats, r.took),
        Ok(r) => texts::reloaded("Artikel ditambahkan dan basis pengetahuan dimuat ulang.", &r.stats, r.took),
        Err(e) => reload_failed(&e),
    };
    send_html(bot, msg, &html, None).await
}

/// Downloads an uploaded document (whose size the caller has checked), or says (as the reply
/// to send) why not.
async fn download(bot: &TgBot, doc: &Document) -> Result<Vec<u8>, String> {
    let get_file = bot.get_file(doc.file.id.clone());
    // `with_retries` logs the failures.
    let Ok(file) = with_retries("getFile", Patience::Reply, || get_file.clone().send()).await else {
        return Err(texts::DOWNLOAD_FAILED.to_string());
    };
    let (inner, file_path) = (&**bot, file.path.as_str());
    let download = move || async move {
        let mut bytes = Vec::new();
        inner.download_file(file_path, &mut bytes).await.map(|()| bytes)
    };
    let Ok(bytes) = with_retries("downloadFile", Patience::Brief, download).await else {
        return Err(texts::DOWNLOAD_FAILED.to_string());
    };
    // Telegram's reported size may be wrong; the import caps what it reads again.
    if bytes.len() > crate::import::MAX_DOCUMENT_BYTES {
        let e = crate::import::ImportError::too_large(bytes.len(), crate::import::MAX_DOCUMENT_BYTES);
        return Err(texts::import_refused(&e));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jawab_needs_a_number_and_an_answer() {
        assert_eq!(
            parse_jawab(" 12  Silakan ke bank.\nTerima kasih. "),
            Some((12, "Silakan ke bank.\nTerima kasih.".into()))
        );
        assert_eq!(parse_jawab("#12 Ke bank."), Some((12, "Ke bank.".into())));
        for bad in ["", "2", "2   ", "dua jawab", "-1 x", "0 x", "## x"] {
            assert_eq!(parse_jawab(bad), None, "{bad}");
        }
    }

    #[test]
    fn upload_names_are_sanitised() {
        let d = Path::new("k");
        assert_eq!(article_path(d, "Berita KUR 2024.md"), Ok(PathBuf::from("k/articles/berita-kur-2024.md")));
        assert_eq!(article_path(d, "Rilis.Md"), Ok(PathBuf::from("k/articles/rilis.md")));
        for bad in ["../../etc/passwd", "a/b.md", "..md", ".hidden.md", "a\\b.md", "catatan.txt", "tanda?.md"] {
            assert!(article_path(d, bad).is_err(), "{bad}");
        }
    }
}
