//! The Telegram surface: updates in, [`Engine`](crate::engine::Engine) calls, answers out.
//!
//! This module knows nothing of search: it decides *whether* to answer (private chat, or
//! addressed in a group, within the flood guard), asks the shared engine, and writes the
//! [`Answer`](crate::answer::Answer) as Telegram HTML. The handler tree is in [`handlers`],
//! read top to bottom; admin actions are in [`admin`], button data in [`callbacks`], sending
//! and retrying in [`send`], Telegram's rate limits in [`limits`], the hand-off to staff in
//! [`staff`], what the bot remembers in [`state`], what it says in [`texts`], and the workers
//! that run the handlers in [`workers`].

pub mod admin;
pub mod callbacks;
pub mod handlers;
pub mod imports;
pub mod staff;
pub mod state;
pub mod texts;
pub mod transport;

use std::sync::Arc;

use anyhow::Context;
use teloxide::dispatching::Dispatcher;
use teloxide::error_handlers::ErrorHandler;
use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Recipient};
use teloxide::update_listeners::{Polling, UpdateListener, webhooks};
use teloxide::utils::command::BotCommands;

pub use transport::redact::{self, redact};
use transport::{journal, limits, workers};

use crate::config::{Config, Updates};
use crate::engine::SharedEngine;
use crate::store::SqliteStore;
use admin::AdminCommand;
use handlers::Command;
use state::App;

pub use limits::Limits;

/// The bot as handlers see it: the Bot API client, and the gate its messages pass to stay
/// within Telegram's limits ([`limits`]).
#[derive(Clone)]
pub struct TgBot {
    bot: Bot,
    gate: Arc<limits::Gate>,
}

impl TgBot {
    pub fn new(bot: Bot, limits: Limits) -> TgBot {
        TgBot { bot, gate: Arc::new(limits::Gate::new(limits)) }
    }

    /// The gate every message waits at.
    pub fn gate(&self) -> &limits::Gate {
        &self.gate
    }
}

impl std::ops::Deref for TgBot {
    type Target = Bot;
    fn deref(&self) -> &Bot {
        &self.bot
    }
}

/// Errors inside a handler; logged (redacted), never shown to users.
pub type HandlerError = Box<dyn std::error::Error + Send + Sync>;

/// Updates are handled by at most this many workers at once: one chat's updates always go to
/// the same worker, in order, and chats share workers beyond this number.
pub const WORKERS: i64 = 512;

/// Updates waiting per worker, in teloxide's dispatcher and again in ours ([`workers`]). When a
/// worker's queue is full, the dispatcher stops fetching updates (Telegram keeps them), so at
/// most `2 * WORKERS * WORKER_QUEUE` updates wait in memory.
pub const WORKER_QUEUE: usize = 32;

/// The worker of an update: by chat, or by sender for updates without one (inline queries).
/// teloxide's default keys by chat alone, which makes a worker per active chat, and runs
/// updates without a chat concurrently without any bound. Updates with neither chat nor
/// sender (which the bot ignores) still go to teloxide's default worker.
pub fn shard(update: &Update) -> Option<i64> {
    let key = update.chat().map(|c| c.id.0).or_else(|| update.from().map(|u| u.id.0 as i64))?;
    Some(key.rem_euclid(WORKERS))
}

/// How often a SIGTERM received before dispatching started asks again to shut down.
const SHUTDOWN_RETRY: std::time::Duration = std::time::Duration::from_millis(50);

/// Runs the bot until Ctrl-C or SIGTERM.
pub fn run(config: Config) -> anyhow::Result<()> {
    redact::register_token(config.token.expose());
    let engine = SharedEngine::load(&config.knowledge_dir)
        .map_err(|e| anyhow::anyhow!("the knowledge directory has problems; fix them and try again:\n{e}"))?;
    if engine.current().stats().passages == 0 {
        tracing::warn!("{}", crate::knowledge::empty_hint(&config.knowledge_dir));
    }
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the async runtime")?;
    runtime.block_on(serve(config, engine, Limits::default()))
}

/// Builds the Bot API client for `config`.
pub fn bot(config: &Config) -> anyhow::Result<Bot> {
    // teloxide's settings (connect timeout, TCP_NODELAY) with our request timeout: a request
    // that hangs is abandoned and retried instead of holding up its chat.
    let client = teloxide::net::default_reqwest_settings()
        .timeout(config.request_timeout)
        .build()
        .context("building the HTTP client")?;
    let bot = Bot::with_client(config.token.expose(), client);
    Ok(match &config.api_url {
        Some(url) => bot.set_api_url(url.clone()),
        None => bot,
    })
}

/// The long-polling timeout: Telegram holds `getUpdates` this long when there is nothing new,
/// so it must end well within the request timeout: 10 s with the default 17 s, half of it
/// for short timeouts.
fn poll_timeout(request_timeout: std::time::Duration) -> std::time::Duration {
    let margin = std::time::Duration::from_secs(5);
    request_timeout.saturating_sub(margin).max(request_timeout / 2).min(std::time::Duration::from_secs(10))
}

/// Serves updates with an already built engine. `limits` are Telegram's rate limits (tests
/// and benchmarks may set others).
pub async fn serve(config: Config, engine: SharedEngine, limits: Limits) -> anyhow::Result<()> {
    let client = bot(&config)?;
    let bot = TgBot::new(client.clone(), limits);
    let store = SqliteStore::open(&config.data_dir, config.retention)?;
    let store: Arc<dyn crate::store::Store> = Arc::new(store);
    let mut app = App::new(engine, config.admin_ids.iter().copied(), Arc::clone(&store));
    app.staff_chat = config.staff_chat;
    app.fetch = config.fetch;
    let app = Arc::new(app);
    let stats = app.engine.current().stats();
    tracing::info!(
        articles = stats.articles,
        passages = stats.passages,
        facts = stats.facts,
        admins = app.admins.len(),
        "knowledge loaded"
    );

    set_commands(&bot, app.admins.iter().copied()).await;

    let workers = workers::Workers::new(journal::done_after(handlers::schema()), WORKER_QUEUE);
    let mut dispatcher = Dispatcher::builder(client.clone(), workers.entry())
        .distribution_function(shard)
        .worker_queue_size(WORKER_QUEUE)
        .dependencies(dptree::deps![app, bot])
        .error_handler(Arc::new(LogError("handler")))
        .default_handler(|_| async {})
        .enable_ctrlc_handler()
        .build();
    let shutdown = dispatcher.shutdown_token();
    tokio::spawn(async move {
        if let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            term.recv().await;
            tracing::info!("SIGTERM received, shutting down");
            // teloxide refuses to shut down a dispatcher that has not started dispatching yet
            // (a SIGTERM during start-up, while the webhook is deleted or the menu published):
            // ask again until it takes the request. Once dispatching has ended, `serve` returns
            // and this task ends with the runtime.
            loop {
                match shutdown.shutdown() {
                    Ok(done) => break done.await,
                    Err(_) => tokio::time::sleep(SHUTDOWN_RETRY).await,
                }
            }
        }
    });

    let result = match &config.updates {
        Updates::LongPolling => {
            tracing::info!("receiving updates by long polling");
            let polling = Polling::builder(client.clone())
                .timeout(poll_timeout(config.request_timeout))
                .delete_webhook()
                .await
                .build();
            let listener = journal::Journaled::new(polling, Arc::clone(&store));
            dispatcher.try_dispatch_with_listener(listener, Arc::new(LogError("update listener"))).await
        }
        Updates::Webhook { url, port } => {
            tracing::info!(port, "receiving updates by webhook");
            let address: std::net::SocketAddr = ([0, 0, 0, 0], *port).into();
            let secret = webhook_secret()?;
            let options = webhooks::Options::new(address, url.clone()).secret_token(secret.clone());
            let (webhook, stopped, router) = webhooks::axum_to_router(client.clone(), options)
                .await
                .map_err(|e| anyhow::anyhow!("setting the webhook failed: {}", describe(&e)))?;
            let journal = journal::WebhookJournal { store: Arc::clone(&store), secret };
            let router = router.layer(axum::middleware::from_fn_with_state(journal, journal::record_posted));
            let mut listener = journal::Journaled::replaying(webhook, Arc::clone(&store));
            let stop = listener.stop_token();
            let tcp = tokio::net::TcpListener::bind(address)
                .await
                .with_context(|| format!("cannot listen on port {port} for the webhook"))?;
            tokio::spawn(async move {
                if let Err(e) = axum::serve(tcp, router).with_graceful_shutdown(stopped).await {
                    tracing::error!(error = %e, "the webhook server stopped");
                    stop.stop();
                }
            });
            dispatcher.try_dispatch_with_listener(listener, Arc::new(LogError("webhook"))).await
        }
    };
    // Answers already queued are given before the bot stops.
    workers.finish().await;
    result.map_err(|e| {
        anyhow::anyhow!("cannot reach the Telegram Bot API (is TELOXIDE_TOKEN right?): {}", describe(&e))
    })?;
    tracing::info!("stopped");
    Ok(())
}

/// A fresh secret for the webhook, which Telegram sends with every update: 32 hex digits.
fn webhook_secret() -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no random source for the webhook secret: {e}"))?;
    Ok(crate::hex::encode(&bytes))
}

/// Publishes the command menu, in Indonesian: the public commands for every chat, and the
/// admin commands too in each admin's private chat.
async fn set_commands(bot: &TgBot, admins: impl Iterator<Item = u64>) {
    // The derive writes "/start"; the Bot API wants the bare name.
    let menu = |commands: Vec<BotCommand>| -> Vec<BotCommand> {
        commands.into_iter().map(|c| BotCommand::new(c.command.trim_start_matches('/'), c.description)).collect()
    };
    let public = menu(Command::bot_commands());
    let admin: Vec<BotCommand> = public.iter().cloned().chain(menu(AdminCommand::bot_commands())).collect();
    let mut menus = vec![(BotCommandScope::AllPrivateChats, public.clone()), (BotCommandScope::AllGroupChats, public)];
    // A private chat's id is its user's id.
    menus.extend(admins.map(|id| (BotCommandScope::Chat { chat_id: Recipient::Id(ChatId(id as i64)) }, admin.clone())));
    for (scope, commands) in menus {
        if let Err(e) = bot.set_my_commands(commands).scope(scope).await {
            tracing::warn!(error = %describe(&e), "could not set the command menu");
        }
    }
}

/// Logs errors, token removed, one line each.
struct LogError(&'static str);

impl<E: Into<HandlerError> + Send + Sync + 'static> ErrorHandler<E> for LogError {
    fn handle_error(self: Arc<Self>, error: E) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
        let error: HandlerError = error.into();
        tracing::error!(source = self.0, error = %describe(&*error), "Telegram error");
        Box::pin(async {})
    }
}

/// An error with its causes ("error sending request: operation timed out"), token removed:
/// teloxide's own message often leaves out the cause that tells an operator what happened.
pub fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    redact(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(json: serde_json::Value) -> Update {
        // From text, as it arrives: teloxide's Update does not deserialise from a `Value`.
        serde_json::from_str(&json.to_string()).expect("a valid update")
    }

    fn message_from(chat: i64) -> Update {
        update(serde_json::json!({"update_id": 1, "message": {
            "message_id": 1, "date": 1_700_000_000, "chat": {"id": chat, "type": "private", "first_name": "A"},
            "from": {"id": 5, "is_bot": false, "first_name": "A"}, "text": "halo"
        }}))
    }

    #[test]
    fn updates_share_a_bounded_set_of_workers_and_a_chat_keeps_its_own() {
        assert_eq!(shard(&message_from(42)), shard(&message_from(42)));
        assert_ne!(shard(&message_from(42)), shard(&message_from(43)));
        for chat in [-1_001_234_567_890, -1, 0, 1, WORKERS, i64::MAX] {
            assert!((0..WORKERS).contains(&shard(&message_from(chat)).expect("a message has a worker")));
        }
        let inline = update(serde_json::json!({"update_id": 2, "inline_query": {
            "id": "q", "from": {"id": 9, "is_bot": false, "first_name": "A"}, "query": "kur", "offset": ""
        }}));
        assert_eq!(shard(&inline), Some(9), "inline queries go by sender, not all to one worker");
    }

    #[test]
    fn the_long_poll_ends_well_within_the_request_timeout() {
        let secs = |s| std::time::Duration::from_secs(s);
        assert_eq!(poll_timeout(crate::config::DEFAULT_REQUEST_TIMEOUT), secs(10));
        assert_eq!(poll_timeout(secs(8)), secs(4));
        assert_eq!(poll_timeout(secs(2)), secs(1));
        assert_eq!(poll_timeout(secs(300)), secs(10));
    }

    #[test]
    fn errors_are_described_with_their_cause_and_without_the_token() {
        let inner = std::io::Error::new(std::io::ErrorKind::TimedOut, "operation timed out");
        let outer = teloxide::RequestError::Io(std::sync::Arc::new(inner));
        let text = describe(&outer);
        assert!(text.contains("operation timed out"), "{text}");
    }
}
