//! Admin actions: reload, article upload, stats and the unanswered-questions list.
//!
//! Only user ids in `ADMIN_IDS` may use them; being an admin of a Telegram group grants
//! nothing, and a forwarded admin message counts as its forwarder's. Every refusal is logged.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use teloxide::net::Download;
use teloxide::prelude::*;

use super::handlers::{Command, Patience, send_html, with_retries};
use super::state::App;
use super::{HandlerError, TgBot, texts};
use crate::engine::ReloadError;
use crate::knowledge::{KnowledgeBase, MAX_ARTICLE_BYTES, decode_utf8, valid_slug};

/// Whether the sender of `msg` is an admin; refuses politely and logs otherwise.
async fn require_admin(bot: &TgBot, msg: &Message, app: &App, what: &str) -> Result<bool, HandlerError> {
    let user = msg.from.as_ref().map(|u| u.id.0);
    if user.is_some_and(|id| app.is_admin(id)) {
        return Ok(true);
    }
    tracing::warn!(
        user = user.unwrap_or(0),
        chat = msg.chat.id.0,
        action = what,
        "non-admin attempted an admin action"
    );
    send_html(bot, msg, texts::NOT_ADMIN, None).await?;
    Ok(false)
}

pub async fn on_command(bot: TgBot, msg: Message, cmd: Command, app: Arc<App>) -> Result<(), HandlerError> {
    let name = format!("{cmd:?}").to_lowercase();
    if !require_admin(&bot, &msg, &app, &name).await? {
        return Ok(());
    }
    let html = match cmd {
        Command::Reload => {
            let engine_app = Arc::clone(&app);
            match tokio::task::spawn_blocking(move || engine_app.engine.reload()).await? {
                Ok(r) => {
                    tracing::info!(
                        passages = r.stats.passages,
                        facts = r.stats.facts,
                        ms = r.took.as_millis() as u64,
                        "knowledge reloaded"
                    );
                    texts::reloaded("Basis pengetahuan dimuat ulang.", &r.stats, r.took)
                }
                Err(e) => reload_failed(&e),
            }
        }
        Command::Stats => {
            let (questions, answered, median) = app.stats.snapshot();
            texts::stats(app.started.elapsed(), &app.engine.current().index().stats(), questions, answered, median)
        }
        Command::Unanswered => texts::unanswered(&app.unanswered.top(20)),
        _ => return Ok(()),
    };
    send_html(&bot, &msg, &html, None).await
}

fn reload_failed(e: &ReloadError) -> String {
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
    let Some(stem) = file_name.strip_suffix(".md").or_else(|| file_name.strip_suffix(".MD")) else {
        return Err(texts::UPLOAD_NOT_MD);
    };
    // People name files "Berita KUR 2024.md": fold case and spaces into a slug.
    let slug: String = stem.trim().to_lowercase().chars().map(|c| if c == ' ' || c == '_' { '-' } else { c }).collect();
    if !valid_slug(&slug) {
        return Err("Nama berkas hanya boleh berisi huruf, angka dan tanda hubung, misalnya kur-2024.md.");
    }
    Ok(knowledge_dir.join("articles").join(format!("{slug}.md")))
}

/// An admin sends a `.md` article as a document: validate it with the rest of the knowledge
/// base, write it, reload. A bad file changes nothing on disk.
pub async fn on_document(bot: TgBot, msg: Message, app: Arc<App>) -> Result<(), HandlerError> {
    if !require_admin(&bot, &msg, &app, "upload").await? {
        return Ok(());
    }
    if !msg.chat.is_private() {
        return send_html(&bot, &msg, texts::UPLOAD_PRIVATE_ONLY, None).await;
    }
    let Some(doc) = msg.document() else { return Ok(()) };
    let file_name = doc.file_name.clone().unwrap_or_default();
    let dir = app.engine.knowledge_dir().to_path_buf();
    let path = match article_path(&dir, &file_name) {
        Ok(p) => p,
        Err(why) => return send_html(&bot, &msg, &format!("❌ {why}"), None).await,
    };
    // Refuse by the size Telegram reports, before downloading anything.
    if u64::from(doc.file.size) > MAX_ARTICLE_BYTES {
        let text = format!(
            "❌ Berkas terlalu besar ({} KiB). Batasnya {} KiB.",
            doc.file.size / 1024,
            MAX_ARTICLE_BYTES / 1024
        );
        return send_html(&bot, &msg, &text, None).await;
    }
    let get_file = bot.get_file(doc.file.id.clone());
    // `with_retries` logs the failures.
    let Ok(file) = with_retries("getFile", Patience::Reply, || get_file.clone().send()).await else {
        return send_html(&bot, &msg, texts::DOWNLOAD_FAILED, None).await;
    };
    let (inner, file_path) = (bot.inner(), file.path.as_str());
    let download = move || async move {
        let mut bytes = Vec::new();
        inner.download_file(file_path, &mut bytes).await.map(|()| bytes)
    };
    let Ok(bytes) = with_retries("downloadFile", Patience::Brief, download).await else {
        return send_html(&bot, &msg, texts::DOWNLOAD_FAILED, None).await;
    };
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return send_html(&bot, &msg, "❌ Berkas terlalu besar.", None).await;
    }
    let text = match decode_utf8(&path, bytes) {
        Ok(t) => t,
        Err(p) => return send_html(&bot, &msg, &texts::problems("Artikel ditolak:", &[p.to_string()]), None).await,
    };
    let existed = path.exists();
    let check_dir = dir.clone();
    let check_path = path.clone();
    let check_text = text.clone();
    let checked =
        tokio::task::spawn_blocking(move || KnowledgeBase::load_with(&check_dir, Some((&check_path, &check_text))))
            .await?;
    if let Err(problems) = checked {
        let lines: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
        return send_html(&bot, &msg, &texts::problems("Artikel ditolak; tidak ada yang diubah:", &lines), None).await;
    }
    write_atomically(&path, text.as_bytes())?;
    tracing::info!(file = %path.display(), "article uploaded by an admin");
    let engine_app = Arc::clone(&app);
    let html = match tokio::task::spawn_blocking(move || engine_app.engine.reload()).await? {
        Ok(r) => {
            let what = if existed {
                "Artikel diperbarui dan basis pengetahuan dimuat ulang."
            } else {
                "Artikel ditambahkan dan basis pengetahuan dimuat ulang."
            };
            texts::reloaded(what, &r.stats, r.took)
        }
        Err(e) => reload_failed(&e),
    };
    send_html(&bot, &msg, &html, None).await
}

/// Writes through a temporary file in the same directory and renames it into place, so a
/// reload never reads half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".upload-{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_names_are_sanitised() {
        let d = Path::new("k");
        assert_eq!(article_path(d, "Berita KUR 2024.md"), Ok(PathBuf::from("k/articles/berita-kur-2024.md")));
        for bad in ["../../etc/passwd", "a/b.md", "..md", ".hidden.md", "a\\b.md", "catatan.txt", "tanda?.md"] {
            assert!(article_path(d, bad).is_err(), "{bad}");
        }
    }
}
