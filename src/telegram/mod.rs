//! The Telegram surface: updates in, [`Engine`](crate::engine::Engine) calls, answers out.
//!
//! This module knows nothing of search: it decides *whether* to answer (private chat, or
//! addressed in a group, within the flood guard), asks the shared engine, and writes the
//! [`Answer`](crate::answer::Answer) as Telegram HTML. The handler tree is in [`handlers`],
//! read top to bottom; admin actions are in [`admin`].

pub mod admin;
pub mod handlers;
pub mod redact;
pub mod split;
pub mod state;
pub mod texts;

use std::sync::Arc;

use anyhow::Context;
use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::dispatching::Dispatcher;
use teloxide::error_handlers::ErrorHandler;
use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope};
use teloxide::update_listeners::{Polling, webhooks};
use teloxide::utils::command::BotCommands;

pub use redact::redact;

use crate::config::{Config, Updates};
use crate::engine::SharedEngine;
use handlers::Command;
use state::App;

/// The bot as handlers see it: rate-limited to Telegram's limits.
pub type TgBot = Throttle<Bot>;

/// Errors inside a handler; logged (redacted), never shown to users.
pub type HandlerError = Box<dyn std::error::Error + Send + Sync>;

/// Runs the bot until Ctrl-C or SIGTERM.
pub fn run(config: Config) -> anyhow::Result<()> {
    redact::register_token(config.token.expose());
    let engine = SharedEngine::load(&config.knowledge_dir)
        .map_err(|e| anyhow::anyhow!("the knowledge directory has problems; fix them and try again:\n{e}"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the async runtime")?;
    runtime.block_on(serve(config, engine, Limits::default()))
}

/// Builds the Bot API client for `config`.
pub fn bot(config: &Config) -> Bot {
    let bot = Bot::new(config.token.expose());
    match &config.api_url {
        Some(url) => bot.set_api_url(url.clone()),
        None => bot,
    }
}

/// Serves updates with an already built engine. `limits` are Telegram's rate limits (tests
/// and benchmarks may raise them).
pub async fn serve(config: Config, engine: SharedEngine, limits: Limits) -> anyhow::Result<()> {
    let bot = bot(&config).throttle(limits);
    let app = Arc::new(App::new(engine, config.admin_ids.iter().copied(), &config.data_dir));
    let stats = app.engine.current().index().stats();
    tracing::info!(articles = stats.articles, passages = stats.passages, facts = stats.facts, admins = app.admins.len(), "knowledge loaded");

    set_commands(&bot).await;

    let mut dispatcher = Dispatcher::builder(bot.clone(), handlers::schema())
        .dependencies(dptree::deps![app])
        .error_handler(Arc::new(LogError("handler")))
        .default_handler(|_| async {})
        .enable_ctrlc_handler()
        .build();
    let shutdown = dispatcher.shutdown_token();
    tokio::spawn(async move {
        if let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            term.recv().await;
            tracing::info!("SIGTERM received, shutting down");
            if let Ok(done) = shutdown.shutdown() {
                done.await;
            }
        }
    });

    let result = match &config.updates {
        Updates::LongPolling => {
            tracing::info!("receiving updates by long polling");
            let listener = Polling::builder(bot.clone()).timeout(std::time::Duration::from_secs(10)).delete_webhook().await.build();
            dispatcher.try_dispatch_with_listener(listener, Arc::new(LogError("update listener"))).await
        }
        Updates::Webhook { url, port } => {
            tracing::info!(port, "receiving updates by webhook");
            let options = webhooks::Options::new(([0, 0, 0, 0], *port).into(), url.clone());
            let listener = webhooks::axum(bot.clone(), options).await.map_err(|e| anyhow::anyhow!("setting the webhook failed: {}", redact(&e.to_string())))?;
            dispatcher.try_dispatch_with_listener(listener, Arc::new(LogError("webhook"))).await
        }
    };
    result.map_err(|e| anyhow::anyhow!("cannot reach the Telegram Bot API (is TELOXIDE_TOKEN right?): {}", redact(&e.to_string())))?;
    tracing::info!("stopped");
    Ok(())
}

/// Publishes the command menu, in Indonesian, for private chats and for groups.
async fn set_commands(bot: &TgBot) {
    // The derive writes "/start"; the Bot API wants the bare name.
    let all: Vec<BotCommand> = Command::bot_commands().into_iter().map(|c| BotCommand::new(c.command.trim_start_matches('/'), c.description)).collect();
    let public: Vec<BotCommand> = all.iter().filter(|c| !handlers::is_admin_command(&c.command)).cloned().collect();
    for (scope, commands) in [(BotCommandScope::AllPrivateChats, all.clone()), (BotCommandScope::AllGroupChats, public)] {
        if let Err(e) = bot.set_my_commands(commands).scope(scope).await {
            tracing::warn!(error = %redact(&e.to_string()), "could not set the command menu");
        }
    }
}

/// Logs errors, token removed, one line each.
struct LogError(&'static str);

impl<E: std::fmt::Display + Send + Sync + 'static> ErrorHandler<E> for LogError {
    fn handle_error(self: Arc<Self>, error: E) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
        tracing::error!(source = self.0, error = %redact(&error.to_string()), "Telegram error");
        Box::pin(async {})
    }
}
