//! The handler tree: which update goes where. Read [`schema`] top to bottom.

use std::sync::Arc;
use std::time::Instant;

use teloxide::dispatching::{UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;
use teloxide::types::{
    ChatId, InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResult, InlineQueryResultArticle,
    InputMessageContent, InputMessageContentText, LinkPreviewOptions, Me, MessageId, ParseMode, ReplyParameters,
};
use teloxide::utils::command::BotCommands;
use teloxide::{ApiError, DownloadError, RequestError};

use super::split::{MAX_MESSAGE_UTF16, split_html};
use super::state::{App, Flood};
use super::{HandlerError, TgBot, admin, texts};
use crate::answer::Answer;
use crate::render::{self, Html, Markup};

/// The bot's commands. Descriptions are what Telegram shows in the command menu.
#[derive(BotCommands, Clone, Debug, PartialEq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    #[command(description = "mulai dan lihat contoh pertanyaan")]
    Start,
    #[command(description = "apa yang bisa dilakukan bot ini")]
    Help,
    #[command(description = "ajukan pertanyaan, misalnya /tanya target RPB 2024")]
    Tanya(String),
    #[command(description = "daftar program Kemenkop UKM")]
    Program,
    #[command(description = "admin: muat ulang basis pengetahuan")]
    Reload,
    #[command(description = "admin: statistik bot")]
    Stats,
    #[command(description = "admin: pertanyaan yang belum terjawab")]
    Unanswered,
}

/// Whether a command (by name) is for admins only.
pub fn is_admin_command(name: &str) -> bool {
    matches!(name, "reload" | "stats" | "unanswered")
}

/// A question addressed to the bot, with the message it came in.
#[derive(Clone, Debug)]
pub struct Question(pub String);

pub fn schema() -> UpdateHandler<HandlerError> {
    let messages = Update::filter_message()
        .branch(teloxide::filter_command::<Command, _>().endpoint(on_command))
        .branch(dptree::filter(|m: Message| m.document().is_some()).endpoint(admin::on_document))
        .branch(dptree::filter_map(addressed_question).endpoint(on_question))
        .branch(
            dptree::filter(|m: Message| m.chat.is_private() && m.text().is_some_and(|t| t.starts_with('/')))
                .endpoint(on_unknown_command),
        )
        .branch(dptree::filter(|m: Message| m.chat.is_private() && m.text().is_none()).endpoint(on_not_text));
    // Everything else (group chatter, service messages) falls through and is ignored.
    dptree::entry()
        .branch(messages)
        .branch(Update::filter_callback_query().endpoint(on_callback))
        .branch(Update::filter_inline_query().endpoint(on_inline))
}

/// The question in `msg`, if it is addressed to the bot: any text in a private chat; in a
/// group, text that @mentions the bot or replies to one of its messages.
fn addressed_question(msg: Message, me: Me) -> Option<Question> {
    let text = msg.text()?;
    if text.starts_with('/') {
        return None;
    }
    if msg.chat.is_private() {
        return Some(Question(text.to_string()));
    }
    let username = me.username();
    let mention = format!("@{username}");
    let lower = text.to_lowercase();
    if let Some(at) = lower.find(&mention.to_lowercase()) {
        let rest = format!("{} {}", &text[..at], &text[at + mention.len()..]);
        return Some(Question(rest.trim().to_string()));
    }
    let replies_to_bot = msg.reply_to_message().and_then(|r| r.from.as_ref()).is_some_and(|u| u.id == me.id);
    replies_to_bot.then(|| Question(text.to_string()))
}

async fn on_command(bot: TgBot, msg: Message, cmd: Command, app: Arc<App>) -> Result<(), HandlerError> {
    match cmd {
        Command::Start => send_html(&bot, &msg, texts::START, None).await,
        Command::Help => send_html(&bot, &msg, texts::HELP, None).await,
        Command::Tanya(q) if q.trim().is_empty() => send_html(&bot, &msg, texts::EMPTY_QUESTION, None).await,
        Command::Tanya(q) => on_question(bot, msg, Question(q), app).await,
        Command::Program => send_programs(&bot, &msg, &app).await,
        Command::Reload | Command::Stats | Command::Unanswered => admin::on_command(bot, msg, cmd, app).await,
    }
}

async fn on_question(bot: TgBot, msg: Message, q: Question, app: Arc<App>) -> Result<(), HandlerError> {
    // In a private chat a fast asker only fills their own chat, which Throttle paces; in a
    // group they would drown everyone else.
    if !msg.chat.is_private() {
        let user = msg.from.as_ref().map_or(0, |u| u.id.0);
        match app.flood.check(msg.chat.id.0, user) {
            Flood::Allow => {}
            Flood::Warn => return send_html(&bot, &msg, texts::FLOODED, None).await,
            Flood::Silent => return Ok(()),
        }
    }
    let answer = ask(&app, &q.0);
    let id = app.recent.remember(&answer.question);
    let keyboard = (answer.hits.len() > 1).then(|| more_button(id, 1));
    send_html(&bot, &msg, &texts::answer_html(&answer, 0), keyboard).await
}

/// Asks the engine, recording stats and unanswered questions.
pub fn ask(app: &App, question: &str) -> Answer {
    let started = Instant::now();
    let answer = app.engine.current().ask(question);
    app.stats.record(answer.answered, started.elapsed());
    if !answer.answered && !answer.question.is_empty() {
        app.unanswered.record(&answer.question);
    }
    answer
}

fn more_button(question_id: u64, next: usize) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(texts::MORE, format!("more:{question_id}:{next}"))]])
}

async fn on_not_text(bot: TgBot, msg: Message, app: Arc<App>) -> Result<(), HandlerError> {
    if app.hinted.insert(msg.chat.id.0) {
        send_html(&bot, &msg, texts::NOT_TEXT, None).await?;
    }
    Ok(())
}

async fn on_unknown_command(bot: TgBot, msg: Message) -> Result<(), HandlerError> {
    send_html(&bot, &msg, texts::UNKNOWN_COMMAND, None).await
}

async fn send_programs(bot: &TgBot, msg: &Message, app: &App) -> Result<(), HandlerError> {
    let engine = app.engine.current();
    let programs = engine.index().programs();
    if programs.is_empty() {
        return send_html(bot, msg, texts::NO_PROGRAMS, None).await;
    }
    let mut text = String::from("<b>Program Kemenkop UKM</b>\n");
    let mut rows = Vec::new();
    for p in programs {
        text.push_str(&format!("\n• <b>{}</b>", Html.text(&p.name)));
        if !p.summary.is_empty() {
            text.push_str(&format!(": {}", Html.text(&p.summary)));
        }
        if !p.facts.is_empty() && p.id.len() <= 60 {
            rows.push(vec![InlineKeyboardButton::callback(p.name.clone(), format!("prog:{}", p.id))]);
        }
    }
    send_html(bot, msg, &text, Some(InlineKeyboardMarkup::new(rows))).await
}

/// The facts of one program, as shown by its `/program` button.
fn program_facts(app: &App, id: &str) -> Option<String> {
    let engine = app.engine.current();
    let index = engine.index();
    let p = index.programs().iter().find(|p| p.id == id)?;
    let mut text = format!("<b>{}</b>", Html.text(&p.name));
    if !p.aliases.is_empty() {
        text.push_str(&format!(" ({})", Html.text(&p.aliases.join(", "))));
    }
    if !p.summary.is_empty() {
        text.push_str(&format!("\n{}", Html.text(&p.summary)));
    }
    for &f in &p.facts {
        if let Some(passage) = index.passage(f) {
            text.push_str(&format!("\n\n• {}", Html.text(&passage.text)));
        }
    }
    if let Some(first) = p.facts.first().and_then(|&f| index.passage(f)) {
        let hit = crate::answer::Hit {
            id: first.id.clone(),
            kind: first.kind,
            title: first.title.clone(),
            snippet: String::new(),
            highlights: Vec::new(),
            figures: Vec::new(),
            source: first.source.clone(),
            url: first.url.clone(),
            date: first.date.clone(),
            score: 0.0,
        };
        text.push_str(&format!("\n\n{}", render::source_line(&hit, &Html)));
    }
    Some(text)
}

async fn on_callback(bot: TgBot, q: CallbackQuery, app: Arc<App>) -> Result<(), HandlerError> {
    let data = q.data.clone().unwrap_or_default();
    let message = q.regular_message().map(|m| (m.chat.id, m.id));
    // What the button does, worked out before anything is sent, so the callback is answered
    // first: Telegram shows a spinner until it is, and refuses answers that come too late.
    let action = if let Some(rest) = data.strip_prefix("more:") {
        let mut parts = rest.splitn(2, ':');
        let id = parts.next().and_then(|s| s.parse::<u64>().ok());
        let n = parts.next().and_then(|s| s.parse::<usize>().ok()).unwrap_or(0);
        match (id.and_then(|id| app.recent.get(id).map(|q| (id, q))), message) {
            (Some((id, question)), Some((chat, message_id))) => {
                Some(ButtonAction::ShowPassage { chat, message_id, id, question, n })
            }
            _ => None,
        }
    } else if let Some(id) = data.strip_prefix("prog:") {
        match (program_facts(&app, id), message) {
            (Some(text), Some((chat, _))) => Some(ButtonAction::SendFacts { chat, text }),
            _ => None,
        }
    } else {
        None
    };
    let mut answer = bot.answer_callback_query(q.id.clone());
    if action.is_none() {
        answer = answer.text(texts::EXPIRED);
    }
    with_retries("answerCallbackQuery", Patience::Brief, || answer.clone().send()).await?;

    match action {
        Some(ButtonAction::ShowPassage { chat, message_id, id, question, n }) => {
            let answer = app.engine.current().ask(&question);
            let n = if n < answer.hits.len() { n } else { 0 };
            let next = if n + 1 < answer.hits.len() { more_button(id, n + 1) } else { back_button(id) };
            let html = single_message(&answer, n);
            let edit = bot
                .edit_message_text(chat, message_id, html)
                .parse_mode(ParseMode::Html)
                .link_preview_options(no_preview())
                .reply_markup(next);
            match with_retries("editMessageText", Patience::Reply, || edit.clone().send()).await {
                // A retry of an edit that had gone through already, or a double tap.
                Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Some(ButtonAction::SendFacts { chat, text }) => send_to(&bot, chat, None, &text, None).await?,
        None => {}
    }
    Ok(())
}

/// What a pressed button asks for.
enum ButtonAction {
    /// "Jawaban lain": show passage `n` of question `id` in place of the message.
    ShowPassage { chat: ChatId, message_id: MessageId, id: u64, question: String, n: usize },
    /// A `/program` button: send the program's facts.
    SendFacts { chat: ChatId, text: String },
}

fn back_button(question_id: u64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(texts::BACK, format!("more:{question_id}:0"))]])
}

/// Results of an inline query: one article per passage, each a ready reply.
pub fn inline_results(answer: &Answer) -> Vec<InlineQueryResult> {
    answer
        .hits
        .iter()
        .take(10)
        .enumerate()
        .map(|(n, hit)| {
            let html = single_message(answer, n);
            let title = match (n, &answer.figure) {
                (0, Some(fig)) => fig.clone(),
                _ => hit.figures.first().cloned().unwrap_or_else(|| hit.title.clone()),
            };
            let description: String = hit.snippet.chars().take(120).collect();
            // Result ids must be at most 64 bytes: the rank and a short hash of the passage id.
            let id = format!("{n}-{:x}", fxhash(&hit.id));
            InlineQueryResult::Article(
                InlineQueryResultArticle::new(
                    id,
                    title,
                    InputMessageContent::Text(
                        InputMessageContentText::new(html)
                            .parse_mode(ParseMode::Html)
                            .link_preview_options(no_preview()),
                    ),
                )
                .description(description),
            )
        })
        .collect()
}

/// Hit `n` of `answer` as one message, for edits and inline results, which cannot be split.
fn single_message(answer: &Answer, n: usize) -> String {
    split_html(&texts::answer_html(answer, n), MAX_MESSAGE_UTF16).into_iter().next().unwrap_or_default()
}

fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

async fn on_inline(bot: TgBot, q: InlineQuery, app: Arc<App>) -> Result<(), HandlerError> {
    let results = if q.query.trim().is_empty() { Vec::new() } else { inline_results(&ask(&app, &q.query)) };
    let reply = bot.answer_inline_query(q.id.clone(), results).cache_time(60);
    with_retries("answerInlineQuery", Patience::Brief, || reply.clone().send()).await?;
    Ok(())
}

fn no_preview() -> LinkPreviewOptions {
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

pub async fn send_to(
    bot: &TgBot,
    chat: ChatId,
    reply_to: Option<MessageId>,
    html: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<(), HandlerError> {
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
        with_retries("sendMessage", Patience::Reply, || req.clone().send()).await?;
    }
    Ok(())
}

/// Waits before each retry of a failed request; the last entry ends the attempts.
const BACKOFF_MS: [u64; 6] = [250, 500, 1_000, 2_000, 4_000, 8_000];

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
            Patience::Brief => &BACKOFF_MS[..2],
        }
    }
}

/// Whether a failed request is worth trying again.
pub trait Transient: std::error::Error + 'static {
    /// `Some(Some(wait))` when the error names its own wait (`retry_after`), `Some(None)` when a
    /// moment may cure it (network, timeouts, 5xx, garbled responses), `None` when it will not.
    fn retry(&self) -> Option<Option<std::time::Duration>>;
}

impl Transient for RequestError {
    fn retry(&self) -> Option<Option<std::time::Duration>> {
        match self {
            RequestError::RetryAfter(secs) => Some(Some(secs.duration())),
            RequestError::Network(_)
            | RequestError::Io(_)
            | RequestError::InvalidJson { .. }
            | RequestError::Api(ApiError::Unknown(_)) => Some(None),
            _ => None,
        }
    }
}

impl Transient for DownloadError {
    fn retry(&self) -> Option<Option<std::time::Duration>> {
        // Downloads are written to memory, so only the network can fail them.
        match self {
            DownloadError::Network(_) => Some(None),
            DownloadError::Io(_) => None,
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
        let wait = err
            .retry()
            .and_then(|named| named.or_else(|| backoff.get(attempt).map(|ms| std::time::Duration::from_millis(*ms))));
        let Some(wait) = wait.filter(|_| attempt < backoff.len()) else {
            tracing::error!(request = what, attempts = attempt + 1, error = %super::describe(&err), "Telegram request failed");
            return Err(err);
        };
        if attempt == 0 {
            tracing::warn!(request = what, error = %super::describe(&err), "Telegram request failed; retrying");
        }
        attempt += 1;
        tokio::time::sleep(wait).await;
    }
}
