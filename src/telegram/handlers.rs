//! The handler tree: which update goes where. Read [`schema`] top to bottom; the handlers for
//! everyone follow it, the admins' are in [`admin`].

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use teloxide::dispatching::{UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;
use teloxide::types::{
    ChatId, InlineKeyboardMarkup, InlineQueryResult, InlineQueryResultArticle, InputMessageContent,
    InputMessageContentText, Me, MessageId, ParseMode,
};
use teloxide::utils::command::BotCommands;
use teloxide::{ApiError, RequestError};

use super::admin::{self, AdminCommand};
use super::callbacks::Callback;
use super::state::{App, Flood};
use super::transport::send::{Patience, no_preview, send_html, send_to, with_retries};
use super::transport::split::{MAX_MESSAGE_UTF16, split_html};
use super::{HandlerError, TgBot, texts};
use super::{imports, staff};
use crate::answer::{Answer, Language, Outcome};
use crate::render::{self, Html, phrases};
use crate::store::{AskedQuestion, ChatKind, QuestionId, Vote};

/// The commands everyone may use. Descriptions are what Telegram shows in the command menu.
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
}

/// A question addressed to the bot.
#[derive(Clone, Debug)]
pub struct Question(pub String);

/// How many results an inline query returns (Telegram shows at most 50; ten fill a screen).
const INLINE_RESULTS: usize = 10;
/// Characters of a passage shown under an inline result's title.
const INLINE_DESCRIPTION_CHARS: usize = 120;
/// How long Telegram may serve an inline answer from its cache, in seconds.
const INLINE_CACHE_SECS: u32 = 60;

pub fn schema() -> UpdateHandler<HandlerError> {
    let admin_commands = teloxide::filter_command::<AdminCommand, _>()
        .branch(dptree::filter(admin::sent_by_admin).endpoint(admin::on_command))
        .branch(dptree::endpoint(admin::refuse));
    let uploads = dptree::filter(|m: Message| m.document().is_some())
        .branch(dptree::filter(admin::sent_by_admin).endpoint(admin::on_document))
        .branch(dptree::endpoint(admin::refuse));
    let messages = Update::filter_message()
        .branch(teloxide::filter_command::<Command, _>().endpoint(on_command))
        .branch(admin_commands)
        .branch(uploads)
        .branch(dptree::filter(staff::is_staff_reply).endpoint(staff::on_staff_reply))
        .branch(dptree::filter_map(imports::admin_link).endpoint(imports::on_link))
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
    if let Some(at) = find_mention(text, me.username()) {
        let end = at + 1 + me.username().len();
        let rest = format!("{} {}", &text[..at], &text[end..]);
        return Some(Question(rest.trim().to_string()));
    }
    let replies_to_bot = msg.reply_to_message().and_then(|r| r.from.as_ref()).is_some_and(|u| u.id == me.id);
    replies_to_bot.then(|| Question(text.to_string()))
}

/// The byte offset of `@username` in `text`, matched without regard to ASCII case (usernames
/// are ASCII) and not inside a longer name (`@tanyakop_bot` is not in `@tanyakop_botnews`).
/// Byte-wise, so text around it in any script cannot shift the offset.
fn find_mention(text: &str, username: &str) -> Option<usize> {
    let (hay, name) = (text.as_bytes(), username.as_bytes());
    let is_name_byte = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    (0..hay.len()).find(|&at| {
        hay[at] == b'@'
            && hay.get(at + 1..at + 1 + name.len()).is_some_and(|h| h.eq_ignore_ascii_case(name))
            && !hay.get(at + 1 + name.len()).is_some_and(is_name_byte)
    })
}

async fn on_command(bot: TgBot, msg: Message, cmd: Command, app: Arc<App>) -> Result<(), HandlerError> {
    let examples = || app.engine.current().examples(Language::Id).to_vec();
    match cmd {
        Command::Start => send_html(&bot, &msg, &texts::start(&examples()), None).await,
        Command::Help => send_html(&bot, &msg, &texts::help(&examples()), None).await,
        Command::Tanya(q) if q.trim().is_empty() => {
            send_html(&bot, &msg, &texts::empty_question(&examples()), None).await
        }
        Command::Tanya(q) => on_question(bot, msg, Question(q), app).await,
        Command::Program => send_programs(&bot, &msg, &app).await,
    }
}

async fn on_question(bot: TgBot, msg: Message, q: Question, app: Arc<App>) -> Result<(), HandlerError> {
    // In a private chat a fast asker only fills their own chat, which the gate paces; in a
    // group they would drown everyone else.
    if !msg.chat.is_private() {
        let user = msg.from.as_ref().map_or(0, |u| u.id.0);
        match app.flood.check(msg.chat.id.0, user) {
            Flood::Allow => {}
            Flood::Warn => return send_html(&bot, &msg, texts::FLOODED, None).await,
            Flood::Silent => return Ok(()),
        }
    }
    let (chat, user) = (msg.chat.id.0, msg.from.as_ref().map_or(0, |u| u.id.0));
    let kind = if msg.chat.is_private() { ChatKind::Private } else { ChatKind::Group };
    let (answer, id) = ask_in_chat(&app, kind, chat, user, &q.0);
    app.recent.remember(id, &answer.question);
    let outcome = answer.outcome();
    // A list already shows every hit.
    let more = answer.hits.len() > 1 && !matches!(outcome, Outcome::List(_));
    // A question the bot cannot answer may go to the staff, from a private chat (the answer
    // comes back there).
    let handoff = app.staff_chat.is_some() && kind == ChatKind::Private && outcome == Outcome::Declined;
    let next = more.then_some((1, phrases::of(answer.language).more));
    let keyboard = (!matches!(outcome, Outcome::SmallTalk(_)) && !answer.question.is_empty())
        .then(|| app.buttons.answer_keyboard(msg.chat.id, id, next, handoff));
    send_html(&bot, &msg, &texts::answer_html(&answer, 0), keyboard).await
}

/// Asks the engine as the next message of `user` in `chat`, so a short follow-up is read with
/// their previous question, and remembers this one for the next. Returns the answer and the
/// question's number in the store.
fn ask_in_chat(app: &App, kind: ChatKind, chat: i64, user: u64, question: &str) -> (Answer, QuestionId) {
    let previous = app.previous.get(chat, user);
    let started = Instant::now();
    let answer = app.engine.current().ask_after(question, previous.as_deref());
    let waiting = (kind == ChatKind::Private).then_some(chat);
    let id = record(app, kind, Some(user), waiting, started, &answer);
    if answer.answers_a_question() {
        app.previous.set(chat, user, &answer.question);
    }
    (answer, id)
}

/// Asks the engine for an inline query from `user`, recording the question.
pub fn ask_inline(app: &App, user: u64, question: &str) -> Answer {
    let started = Instant::now();
    let answer = app.engine.current().ask(question);
    record(app, ChatKind::Inline, Some(user), None, started, &answer);
    answer
}

/// Records a question and its answer, started at `started`, in the store; returns its number.
/// `waiting` is the private chat to send a curated answer written later, if it goes unanswered.
fn record(
    app: &App,
    chat: ChatKind,
    user: Option<u64>,
    waiting: Option<i64>,
    started: Instant,
    answer: &Answer,
) -> QuestionId {
    app.store.record(AskedQuestion {
        at: SystemTime::now(),
        chat,
        asker: user.map(|u| app.store.asker(u)),
        question: answer.question.clone(),
        answered: answer.answered,
        intent: answer.intent.as_str().to_string(),
        passage: answer.hits.first().filter(|_| answer.answered).map(|h| h.id.clone()),
        source_day: answer.source_day().map(|d| d.days()),
        took: started.elapsed(),
        waiting_chat: waiting.filter(|_| !answer.answered),
    })
}

async fn on_not_text(bot: TgBot, msg: Message, app: Arc<App>) -> Result<(), HandlerError> {
    if app.hinted.first_time(msg.chat.id.0) {
        send_html(&bot, &msg, texts::NOT_TEXT, None).await?;
    }
    Ok(())
}

async fn on_unknown_command(bot: TgBot, msg: Message) -> Result<(), HandlerError> {
    send_html(&bot, &msg, texts::UNKNOWN_COMMAND, None).await
}

async fn send_programs(bot: &TgBot, msg: &Message, app: &App) -> Result<(), HandlerError> {
    let programs = app.engine.current().programs();
    // A program whose id is too long for a button is still listed, without one.
    let rows = programs
        .iter()
        .filter(|p| !p.facts.is_empty())
        .filter_map(|p| app.buttons.button(msg.chat.id, &Callback::Program(p.id.clone()), p.name.clone()))
        .map(|button| vec![button])
        .collect::<Vec<_>>();
    let keyboard = (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows));
    send_html(bot, msg, &render::programs(&programs, &Html), keyboard).await
}

/// The facts of one program, as shown by its `/program` button.
fn program_facts(app: &App, id: &str) -> Option<String> {
    app.engine.current().program(id).map(|p| render::program(&p, &Html))
}

/// What a pressed button leads to, worked out before anything is sent.
enum ButtonAction {
    ShowPassage(PassagePress),
    /// Send a program's facts.
    SendFacts {
        chat: ChatId,
        text: String,
    },
    /// A vote recorded: say thanks.
    Voted,
    /// "Tanya petugas": hand the question to the staff group.
    HandOff {
        chat: ChatId,
        question: String,
        first_name: String,
    },
    /// Save a hand-off's answer as a curated one, if the presser is an admin.
    SaveHandoff {
        chat: ChatId,
        handoff: i64,
        by_admin: bool,
    },
    /// "Simpan" or "Batal" under an import preview, if the presser is an admin.
    Import {
        chat: ChatId,
        message_id: MessageId,
        draft: u64,
        save: bool,
        by_admin: bool,
    },
}

/// "Jawaban lain" pressed: show hit `hit` of a recent question in place of its message.
struct PassagePress {
    chat: ChatId,
    message_id: MessageId,
    question_id: QuestionId,
    question: String,
    hit: usize,
}

/// What the button `data` on the message `(chat, message)`, pressed by `user`, does, or `None`
/// when it has expired: data that is not a button of that chat's ([`Buttons::read`]), or
/// something no longer remembered. A vote is recorded here.
///
/// [`Buttons::read`]: super::callbacks::Buttons::read
fn button_action(
    app: &App,
    data: &str,
    message: Option<(ChatId, MessageId)>,
    user: &teloxide::types::User,
) -> Option<ButtonAction> {
    let (chat, message_id) = message?;
    match app.buttons.read(chat, data)? {
        Callback::Handoff { question } => Some(ButtonAction::HandOff {
            chat,
            question: app.recent.get(question)?,
            first_name: user.first_name.clone(),
        }),
        Callback::SaveHandoff { handoff } => {
            Some(ButtonAction::SaveHandoff { chat, handoff, by_admin: app.is_admin(user.id.0) })
        }
        Callback::Vote { question, up } => {
            let vote = if up { Vote::Up } else { Vote::Down };
            app.store.vote(question, app.store.asker(user.id.0), vote, SystemTime::now());
            Some(ButtonAction::Voted)
        }
        Callback::Passage { question: question_id, hit } => {
            let question = app.recent.get(question_id)?;
            Some(ButtonAction::ShowPassage(PassagePress { chat, message_id, question_id, question, hit }))
        }
        Callback::Program(id) => Some(ButtonAction::SendFacts { chat, text: program_facts(app, &id)? }),
        Callback::Import { draft, save } => {
            Some(ButtonAction::Import { chat, message_id, draft, save, by_admin: app.is_admin(user.id.0) })
        }
    }
}

async fn on_callback(bot: TgBot, q: CallbackQuery, app: Arc<App>) -> Result<(), HandlerError> {
    let message = q.regular_message().map(|m| (m.chat.id, m.id));
    let action = q.data.as_deref().and_then(|data| button_action(&app, data, message, &q.from));
    // The callback is answered first: Telegram shows a spinner until it is, and refuses
    // answers that come too late.
    let mut answer = bot.answer_callback_query(q.id.clone());
    match action {
        None => answer = answer.text(texts::EXPIRED),
        Some(ButtonAction::Voted) => answer = answer.text(texts::THANKS_FOR_VOTING),
        Some(ButtonAction::SaveHandoff { by_admin: false, .. }) => answer = answer.text(texts::ADMINS_ONLY),
        Some(ButtonAction::Import { by_admin: false, .. }) => answer = answer.text(texts::IMPORT_ADMINS_ONLY),
        Some(_) => {}
    }
    with_retries("answerCallbackQuery", Patience::Brief, || answer.clone().send()).await?;
    match action {
        Some(ButtonAction::ShowPassage(press)) => show_passage(&bot, &app, press).await,
        Some(ButtonAction::SendFacts { chat, text }) => send_to(&bot, chat, None, &text, None).await,
        Some(ButtonAction::HandOff { chat, question, first_name }) => {
            staff::hand_off(&bot, &app, chat, &question, &first_name).await
        }
        Some(ButtonAction::SaveHandoff { chat, handoff, by_admin: true }) => {
            staff::save_answer(&bot, &app, chat, handoff).await
        }
        Some(ButtonAction::Import { chat, message_id, draft, save, by_admin: true }) => {
            imports::on_choice(&bot, &app, chat, message_id, draft, save).await
        }
        Some(
            ButtonAction::Voted
            | ButtonAction::SaveHandoff { by_admin: false, .. }
            | ButtonAction::Import { by_admin: false, .. },
        )
        | None => Ok(()),
    }
}

/// Edits an answer in place to show its hit `hit`, with a button to the next one (or back to
/// the first after the last).
async fn show_passage(bot: &TgBot, app: &App, press: PassagePress) -> Result<(), HandlerError> {
    let answer = app.engine.current().ask(&press.question);
    let hit = if press.hit < answer.hits.len() { press.hit } else { 0 };
    let p = phrases::of(answer.language);
    let (next, label) = if hit + 1 < answer.hits.len() { (hit + 1, p.more) } else { (0, p.back) };
    let edit = bot
        .edit_message_text(press.chat, press.message_id, single_message(&answer, hit))
        .parse_mode(ParseMode::Html)
        .link_preview_options(no_preview())
        .reply_markup(app.buttons.answer_keyboard(press.chat, press.question_id, Some((next, label)), false));
    match with_retries("editMessageText", Patience::Reply, || edit.clone().send()).await {
        // A retry of an edit that had gone through already, or a double tap.
        Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Results of an inline query: one article per passage, each a ready reply.
pub fn inline_results(answer: &Answer) -> Vec<InlineQueryResult> {
    answer.hits.iter().take(INLINE_RESULTS).enumerate().map(|(n, hit)| inline_result(answer, n, hit)).collect()
}

fn inline_result(answer: &Answer, n: usize, hit: &crate::answer::Hit) -> InlineQueryResult {
    let title = match (n, &answer.figure) {
        (0, Some(fig)) => fig.clone(),
        _ => hit.figures.first().cloned().unwrap_or_else(|| hit.title.clone()),
    };
    let description: String = hit.snippet.chars().take(INLINE_DESCRIPTION_CHARS).collect();
    // Result ids must be at most 64 bytes: the rank and a short hash of the passage id.
    let mut hasher = DefaultHasher::new();
    hit.id.hash(&mut hasher);
    let id = format!("{n}-{:x}", hasher.finish());
    let content = InputMessageContentText::new(single_message(answer, n))
        .parse_mode(ParseMode::Html)
        .link_preview_options(no_preview());
    InlineQueryResult::Article(
        InlineQueryResultArticle::new(id, title, InputMessageContent::Text(content)).description(description),
    )
}

/// Hit `n` of `answer` as one message, for edits and inline results, which cannot be split.
fn single_message(answer: &Answer, n: usize) -> String {
    split_html(&texts::answer_html(answer, n), MAX_MESSAGE_UTF16).into_iter().next().unwrap_or_default()
}

async fn on_inline(bot: TgBot, q: InlineQuery, app: Arc<App>) -> Result<(), HandlerError> {
    let results =
        if q.query.trim().is_empty() { Vec::new() } else { inline_results(&ask_inline(&app, q.from.id.0, &q.query)) };
    let reply = bot.answer_inline_query(q.id.clone(), results).cache_time(INLINE_CACHE_SECS);
    with_retries("answerInlineQuery", Patience::Brief, || reply.clone().send()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mention_is_found_in_any_case_and_script_without_slicing_into_a_character() {
        assert_eq!(find_mention("halo @TanyaKop_Bot brp target?", "tanyakop_bot"), Some(5));
        assert_eq!(find_mention("ẞ İ @tanyakop_bot kur", "tanyakop_bot"), Some("ẞ İ ".len()));
        assert_eq!(find_mention("@tanyakop_botnews kur", "tanyakop_bot"), None);
        assert_eq!(find_mention("tanyakop_bot", "tanyakop_bot"), None);
        assert_eq!(find_mention("@tanyakop_b", "tanyakop_bot"), None);
    }
}
