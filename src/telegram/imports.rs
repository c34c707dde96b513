//! Importing documents from Telegram: an admin sends a file or a link, gets a preview (title,
//! date, source, paragraphs, programs, figures) with "Simpan" / "Batal", and "Simpan" writes
//! the article and reloads.
//!
//! The reading and checking are [`crate::import`]'s; this module downloads, keeps the draft
//! between the preview and the button ([`PendingImports`](super::state::PendingImports)) and
//! words the outcome. Nothing is written before "Simpan".

use std::sync::Arc;
use std::time::Duration;

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MessageId};
use teloxide::{ApiError, RequestError};

use super::admin::{change, reload_failed};
use super::state::App;
use super::transport::send::{Patience, send_html, send_to, with_retries};
use super::{HandlerError, TgBot, texts};
use crate::engine::Changed;
use crate::import::{self, ImportError, ImportOptions, Source};

/// How long reading one document may take before the admin is told it is too slow. A 300-page
/// PDF takes a few seconds; this is for the pathological one.
const IMPORT_TIMEOUT: Duration = Duration::from_secs(60);

/// One document is read at a time. Reading a PDF can take a core and, for a hostile file, much
/// memory (the PDF library inflates streams without a cap), and a timed-out read keeps running
/// in the background; one at a time bounds what admins' imports can take from answering.
static READING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

/// A web address sent on its own by an admin in a private chat.
#[derive(Clone, Debug)]
pub struct Link(pub String);

/// The link in `msg`, if it is an admin's private message that is nothing but an address.
pub fn admin_link(msg: Message, app: Arc<App>) -> Option<Link> {
    let text = msg.text()?.trim();
    let by_admin = msg.from.as_ref().is_some_and(|u| app.is_admin(u.id.0));
    let one_address = !text.contains(char::is_whitespace) && text.contains("://") && url::Url::parse(text).is_ok();
    (msg.chat.is_private() && by_admin && one_address).then(|| Link(text.to_string()))
}

/// An admin sent a link: fetch the page (public addresses only) and preview it.
pub async fn on_link(bot: TgBot, msg: Message, link: Link, app: Arc<App>) -> Result<(), HandlerError> {
    let fetched = tokio::time::timeout(IMPORT_TIMEOUT, import::fetch::fetch(&link.0, app.fetch)).await;
    let fetched = match fetched {
        Ok(Ok(f)) => f,
        Ok(Err(e)) => {
            tracing::info!(error = %e, "a linked page was not fetched");
            return send_html(&bot, &msg, &texts::import_refused(&e), None).await;
        }
        Err(_) => return send_html(&bot, &msg, texts::IMPORT_TOO_SLOW, None).await,
    };
    let source = Source { name: fetched.name, media_type: fetched.content_type, url: Some(fetched.url) };
    preview(&bot, &msg, &app, source, fetched.bytes).await
}

/// Reads and checks a document off the async workers, then sends its preview with "Simpan" /
/// "Batal", or why it was refused.
pub async fn preview(
    bot: &TgBot,
    msg: &Message,
    app: &Arc<App>,
    source: Source,
    bytes: Vec<u8>,
) -> Result<(), HandlerError> {
    let Ok(_reading) = READING.try_acquire() else {
        return send_html(bot, msg, texts::IMPORT_BUSY, None).await;
    };
    let dir = app.engine.knowledge_dir().to_path_buf();
    let work = tokio::task::spawn_blocking(move || import::draft(&dir, &source, &bytes, &ImportOptions::default()));
    let draft = match tokio::time::timeout(IMPORT_TIMEOUT, work).await {
        Ok(joined) => joined?,
        Err(_) => return send_html(bot, msg, texts::IMPORT_TOO_SLOW, None).await,
    };
    match draft {
        Ok(draft) => {
            let html = texts::import_preview(&draft);
            let id = app.imports.add(msg.chat.id.0, draft);
            send_html(bot, msg, &html, Some(app.buttons.import_keyboard(msg.chat.id, id))).await
        }
        Err(e) => {
            tracing::info!(error = %e, "an import was refused");
            send_html(bot, msg, &texts::import_refused(&e), None).await
        }
    }
}

/// "Simpan" or "Batal" under preview `message` in `chat`: saves draft `id` (checked again
/// against the knowledge base as it is now) and reloads, or drops it. The buttons go either
/// way, so a second press does nothing.
pub async fn on_choice(
    bot: &TgBot,
    app: &Arc<App>,
    chat: ChatId,
    message: MessageId,
    id: u64,
    save: bool,
) -> Result<(), HandlerError> {
    let Some(draft) = app.imports.take(chat.0, id) else {
        remove_buttons(bot, chat, message).await;
        return send_to(bot, chat, None, texts::IMPORT_EXPIRED, None).await;
    };
    remove_buttons(bot, chat, message).await;
    if !save {
        return send_to(bot, chat, Some(message), texts::IMPORT_CANCELLED, None).await;
    }
    let refused = match change(app, move |now| draft.placed(now)).await? {
        Ok(Changed { outcome: draft, reloaded }) => {
            tracing::info!(file = %draft.path.display(), "article imported by an admin");
            let what =
                format!("Artikel disimpan sebagai articles/{}.md dan basis pengetahuan dimuat ulang.", draft.slug);
            let html = match reloaded {
                // The slug is letters, digits and hyphens: nothing to escape.
                Ok(r) => texts::reloaded(&what, &r.stats, r.took),
                Err(e) => reload_failed(&e),
            };
            return send_to(bot, chat, Some(message), &html, None).await;
        }
        Err(e) => ImportError::from(e),
    };
    send_to(bot, chat, Some(message), &texts::import_refused(&refused), None).await
}

/// Takes the buttons off a preview, so it reads as settled. A failure is logged and the choice
/// still carried out: the draft has been taken, and a second press finds it gone.
async fn remove_buttons(bot: &TgBot, chat: ChatId, message: MessageId) {
    let edit = bot.edit_message_reply_markup(chat, message).reply_markup(InlineKeyboardMarkup::default());
    match with_retries("editMessageReplyMarkup", Patience::Brief, || edit.clone().send()).await {
        Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => {}
        Err(e) => tracing::warn!(error = %super::redact(&e.to_string()), "an import preview kept its buttons"),
    }
}
