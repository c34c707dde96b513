//! The hand-off to staff: a question the bot declines in a private chat can be sent, with
//! "Tanya petugas", to the ministry's staff group (`STAFF_CHAT_ID`); a staff member's reply to
//! that post reaches the asker, and an admin can save it as a curated answer. Hand-offs are in
//! the store, so a reply given after a restart still arrives.

use std::sync::Arc;

use teloxide::prelude::*;
use teloxide::types::{ChatId, Me, MessageId};

use super::admin;
use super::callbacks::Callback;
use super::state::App;
use super::transport::send::{post, send_to};
use super::{HandlerError, TgBot, texts};
use crate::store::Handoff;

/// Whether `msg` is a text reply, in the staff group, to one of the bot's messages.
pub fn is_staff_reply(msg: Message, app: Arc<App>, me: Me) -> bool {
    app.staff_chat == Some(msg.chat.id.0)
        && msg.text().is_some()
        && msg.reply_to_message().and_then(|r| r.from.as_ref()).is_some_and(|u| u.id == me.id)
}

/// Hands `question`, asked in the private chat `chat` by `first_name`, to the staff group.
pub async fn hand_off(
    bot: &TgBot,
    app: &Arc<App>,
    chat: ChatId,
    question: &str,
    first_name: &str,
) -> Result<(), HandlerError> {
    let Some(staff) = app.staff_chat else { return Ok(()) };
    let asked = question.to_string();
    let id = match app.on_store(move |s| s.open_handoff(chat.0, &asked, staff)).await? {
        Ok(Some(id)) => id,
        Ok(None) => return send_to(bot, chat, None, texts::HANDED_OFF_ALREADY, None).await,
        Err(e) => {
            tracing::error!(error = %e, "cannot record a hand-off");
            return send_to(bot, chat, None, texts::HANDOFF_FAILED, None).await;
        }
    };
    let posted = post(bot, ChatId(staff), None, &texts::handoff_post(first_name, question), None).await;
    let Ok(Some(message)) = posted else {
        tracing::error!(staff, "cannot post a hand-off to the staff group (is the bot in it?)");
        return send_to(bot, chat, None, texts::HANDOFF_FAILED, None).await;
    };
    if let Err(e) = app.on_store(move |s| s.posted_handoff(id, i64::from(message.0))).await? {
        tracing::error!(error = %e, "cannot record a hand-off's post");
    }
    tracing::info!(handoff = id, "question handed to the staff group");
    send_to(bot, chat, None, texts::HANDED_OFF, None).await
}

/// A staff member replied to a bot message in the staff group: if it is a hand-off's post, the
/// reply goes to the asker, and the staff group gets a button to save it as a curated answer.
/// A reply to anything else is ignored.
pub async fn on_staff_reply(bot: TgBot, msg: Message, app: Arc<App>) -> Result<(), HandlerError> {
    let (Some(answer), Some(post)) = (msg.text(), msg.reply_to_message()) else { return Ok(()) };
    let (chat, post) = (msg.chat.id.0, i64::from(post.id.0));
    let handoff = match app.on_store(move |s| s.handoff_for_post(chat, post)).await? {
        Ok(Some(h)) => h,
        Ok(None) => return Ok(()),
        Err(e) => {
            tracing::error!(error = %e, "cannot read hand-offs");
            return Ok(());
        }
    };
    let answer = answer.trim().to_string();
    let html = texts::staff_answer(&handoff.question, &answer);
    if let Err(e) = send_to(&bot, ChatId(handoff.asker_chat), None, &html, None).await {
        tracing::warn!(error = %super::redact(&e.to_string()), "a staff answer was not delivered");
        return send_to(&bot, msg.chat.id, Some(msg.id), texts::STAFF_ANSWER_UNDELIVERED, None).await;
    }
    let id = handoff.id;
    if let Err(e) = app.on_store(move |s| s.answer_handoff(id, &answer)).await? {
        tracing::error!(error = %e, "cannot record a staff answer");
    }
    let save =
        app.buttons.keyboard(msg.chat.id, &Callback::SaveHandoff { handoff: handoff.id }, texts::SAVE_AS_CURATED);
    send_to(&bot, msg.chat.id, Some(msg.id), texts::STAFF_ANSWER_DELIVERED, save).await
}

/// An admin pressed "Simpan sebagai jawaban resmi" under a delivered staff answer.
pub async fn save_answer(bot: &TgBot, app: &Arc<App>, chat: ChatId, id: i64) -> Result<(), HandlerError> {
    let html = match app.on_store(move |s| s.handoff(id)).await? {
        Ok(Some(Handoff { question, answer: Some(answer), .. })) => {
            return admin::add_curated(bot, app, chat, question, answer).await;
        }
        Ok(_) => texts::EXPIRED,
        Err(e) => {
            tracing::error!(error = %e, "cannot read hand-offs");
            texts::STORE_UNAVAILABLE
        }
    };
    send_to(bot, chat, None::<MessageId>, html, None).await
}
