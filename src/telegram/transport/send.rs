//! Sending to Telegram, and retrying what a moment may cure.
//!
//! Every Bot API request the handlers make goes through [`with_retries`], which asks the error
//! what to do ([`Transient::retry`]) and waits by the request's [`Patience`]. Replies are split
//! to Telegram's message limit here, in one place, and each message waits at the bot's
//! [`Gate`](super::limits::Gate) for Telegram's rate limits.

use std::time::Duration;

use teloxide::prelude::*;
use teloxide::types::{ChatId, InlineKeyboardMarkup, LinkPreviewOptions, MessageId, ParseMode, ReplyParameters};
use teloxide::{ApiError, DownloadError, RequestError};

use super::split::{MAX_MESSAGE_UTF16, split_html};
use crate::telegram::{HandlerError, TgBot, describe};

/// Waits before each retry of a failed request; the last entry ends the attempts. Doubling from
/// a quarter second rides out a Bot API restart (a few seconds) without hammering it.
const BACKOFF_MS: [u64; 6] = [250, 500, 1_000, 2_000, 4_000, 8_000];

/// How many backoff steps a [`Patience::Brief`] request gets.
const BRIEF_ATTEMPTS: usize = 2;

/// How long a request is worth retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Patience {
    /// Replies and edits: worth a wait of up to about 16 s through an outage.
    Reply,
    /// Answers to button presses and inline queries: Telegram drops them after a few
    /// seconds, so two quick retries at most.
    Brief,
}

impl Patience {
    fn backoff(self) -> &'static [u64] {
        match self {
            Patience::Reply => &BACKOFF_MS,
            Patience::Brief => &BACKOFF_MS[..BRIEF_ATTEMPTS],
        }
    }
}

/// What to do about a failed request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Telegram named its own wait (`retry_after` on a 429): wait exactly that.
    After(Duration),
    /// A moment may cure it (network, timeouts, 5xx, garbled responses): wait the next backoff step.
    Backoff,
    /// Trying again will not help.
    Never,
}

/// Whether a failed request is worth trying again.
pub trait Transient: std::error::Error + 'static {
    fn retry(&self) -> Retry;
}

impl Transient for RequestError {
    fn retry(&self) -> Retry {
        match self {
            RequestError::RetryAfter(secs) => Retry::After(secs.duration()),
            RequestError::Network(_)
            | RequestError::Io(_)
            | RequestError::InvalidJson { .. }
            | RequestError::Api(ApiError::Unknown(_)) => Retry::Backoff,
            _ => Retry::Never,
        }
    }
}

impl Transient for DownloadError {
    fn retry(&self) -> Retry {
        // Downloads are written to memory, so only the network can fail them.
        match self {
            DownloadError::Network(_) => Retry::Backoff,
            DownloadError::Io(_) => Retry::Never,
        }
    }
}

/// Runs a Bot API request, retrying errors that a moment may cure (see [`Transient`]), so a
/// reply written during a Telegram hiccup is still delivered. A request that failed after
/// Telegram carried it out is sent again, so delivery is at least once: a lost answer is worse
/// than a repeated one. Logs one line when an incident starts and one if it ends in failure,
/// not one per attempt.
pub async fn with_retries<T, E: Transient, Fut>(
    what: &str,
    patience: Patience,
    mut request: impl FnMut() -> Fut,
) -> Result<T, E>
where
    Fut: std::future::Future<Output = Result<T, E>>,
{
    let backoff = patience.backoff();
    let mut attempt = 0;
    loop {
        let err = match request().await {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let wait = match err.retry() {
            Retry::After(wait) => Some(wait),
            Retry::Backoff => backoff.get(attempt).map(|ms| Duration::from_millis(*ms)),
            Retry::Never => None,
        };
        let Some(wait) = wait.filter(|_| attempt < backoff.len()) else {
            tracing::error!(request = what, attempts = attempt + 1, error = %describe(&err), "Telegram request failed");
            return Err(err);
        };
        if attempt == 0 {
            tracing::warn!(request = what, error = %describe(&err), "Telegram request failed; retrying");
        }
        attempt += 1;
        tokio::time::sleep(wait).await;
    }
}

/// Link previews off: a reply cites its source as a link, and a preview card would bury the answer.
pub fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

/// Replies to `msg` (as a reply in groups) with HTML, split to Telegram's limit; the keyboard
/// goes on the last part.
pub async fn send_html(
    bot: &TgBot,
    msg: &Message,
    html: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<(), HandlerError> {
    let reply_to = (!msg.chat.is_private()).then_some(msg.id);
    send_to(bot, msg.chat.id, reply_to, html, keyboard).await
}

/// Sends HTML to `chat`, split to Telegram's limit; the first part replies to `reply_to`, the
/// keyboard goes on the last.
pub async fn send_to(
    bot: &TgBot,
    chat: ChatId,
    reply_to: Option<MessageId>,
    html: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<(), HandlerError> {
    post(bot, chat, reply_to, html, keyboard).await.map(drop)
}

/// [`send_to`], returning the id of the first message sent.
pub async fn post(
    bot: &TgBot,
    chat: ChatId,
    reply_to: Option<MessageId>,
    html: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<Option<MessageId>, HandlerError> {
    let mut first = None;
    let parts = split_html(html, MAX_MESSAGE_UTF16);
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.into_iter().enumerate() {
        let mut req = bot.send_message(chat, part).parse_mode(ParseMode::Html).link_preview_options(no_preview());
        if let Some(id) = reply_to.filter(|_| i == 0) {
            req = req.reply_parameters(ReplyParameters::new(id).allow_sending_without_reply());
        }
        if i == last
            && let Some(k) = keyboard.clone()
        {
            req = req.reply_markup(k);
        }
        let send = || async {
            bot.gate().ready(chat).await;
            let sent = req.clone().send().await;
            bot.gate().sent(chat);
            if let Err(RequestError::RetryAfter(wait)) = &sent {
                bot.gate().hold(chat, wait.duration());
            }
            sent
        };
        let sent = with_retries("sendMessage", Patience::Reply, send).await?;
        first = first.or(Some(sent.id));
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_waited_exactly_and_bad_requests_are_not_retried() {
        let limited = RequestError::RetryAfter(teloxide::types::Seconds::from_seconds(3));
        assert_eq!(limited.retry(), Retry::After(Duration::from_secs(3)));
        assert_eq!(RequestError::Api(ApiError::BotBlocked).retry(), Retry::Never);
        let io = RequestError::Io(std::sync::Arc::new(std::io::Error::other("reset")));
        assert_eq!(io.retry(), Retry::Backoff);
    }
}
