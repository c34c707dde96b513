//! No question lost to a crash: every update is recorded in the store before Telegram is told
//! it arrived, and marked done once handled; after a restart, what was recorded but not done is
//! handled first.
//!
//! Long polling acknowledges a batch of updates when it asks for the next one, which it does
//! only once the dispatcher has taken the whole batch from the stream. [`Journaled`] records
//! each update as it passes through the stream, so by the time an update is acknowledged it is
//! on disk. [`done_after`] wraps the handler tree so that an update is marked done when its
//! handler returns, i.e. after its reply was sent (or failed for good). An update whose reply had
//! gone out but that was not yet marked done when the process died is answered twice; no other.
//! A webhook records each update before Telegram hears `200` ([`record_posted`]).

use std::ops::ControlFlow;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt;
use futures_util::stream::{self, BoxStream, StreamExt};
use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::stop::StopToken;
use teloxide::types::{AllowedUpdate, Me};
use teloxide::update_listeners::{AsUpdateStream, UpdateListener};

use crate::store::Store;
use crate::telegram::state::App;
use crate::telegram::{HandlerError, TgBot};

/// An update listener that records each update in the store before passing it on, and first
/// passes on the updates a previous run recorded but did not handle.
pub struct Journaled<L> {
    inner: L,
    store: Arc<dyn Store>,
    unhandled: Vec<Update>,
    /// Whether updates from `inner` are recorded here (long polling), or were recorded before
    /// they reached it ([`record_posted`], for the webhook).
    records: bool,
}

impl<L> Journaled<L> {
    /// Wraps `inner` (long polling), replaying what `store` holds unhandled and recording what
    /// `inner` brings.
    pub fn new(inner: L, store: Arc<dyn Store>) -> Journaled<L> {
        Journaled { records: true, ..Journaled::replaying(inner, store) }
    }

    /// Wraps `inner`, whose updates [`record_posted`] has recorded already, replaying what
    /// `store` holds unhandled.
    pub fn replaying(inner: L, store: Arc<dyn Store>) -> Journaled<L> {
        let unhandled: Vec<Update> = match store.unhandled() {
            Ok(rows) => rows
                .into_iter()
                .filter_map(|(id, body)| match serde_json::from_str(&body) {
                    Ok(u) => Some(u),
                    Err(e) => {
                        tracing::warn!(update = id, error = %e, "a recorded update cannot be read; skipped");
                        store.done(id);
                        None
                    }
                })
                .collect(),
            Err(e) => {
                tracing::error!(error = %e, "cannot read the updates left unhandled by the last run");
                Vec::new()
            }
        };
        if !unhandled.is_empty() {
            tracing::info!(updates = unhandled.len(), "answering the updates left unhandled by the last run");
        }
        Journaled { inner, store, unhandled, records: false }
    }
}

/// Records `update`; false when it was recorded before (Telegram sent it again after a
/// restart).
async fn record(store: Arc<dyn Store>, update: &Update) -> bool {
    let Ok(body) = serde_json::to_string(update) else { return true };
    record_body(store, i64::from(update.id.0), body).await
}

/// Records update `id` as its JSON `body`; false when it was recorded before. A failed write is
/// logged and the update handled anyway: answering comes first.
async fn record_body(store: Arc<dyn Store>, id: i64, body: String) -> bool {
    match tokio::task::spawn_blocking(move || store.journal(id, &body)).await {
        Ok(Ok(new)) => new,
        Ok(Err(e)) => {
            tracing::error!(update = id, error = %e, "cannot record an update; answering it unrecorded");
            true
        }
        Err(_) => true,
    }
}

impl<'a, L> AsUpdateStream<'a> for Journaled<L>
where
    L: UpdateListener + Send + 'static,
    L::Err: Send + 'static,
{
    type StreamErr = L::Err;
    type Stream = BoxStream<'a, Result<Update, L::Err>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        let replay = stream::iter(std::mem::take(&mut self.unhandled).into_iter().map(Ok));
        let (store, records) = (Arc::clone(&self.store), self.records);
        let live = self.inner.as_stream().filter_map(move |item| {
            let store = Arc::clone(&store);
            async move {
                match item {
                    Ok(update) if records => record(store, &update).await.then_some(Ok(update)),
                    other => Some(other),
                }
            }
        });
        replay.chain(live).boxed()
    }
}

impl<L> UpdateListener for Journaled<L>
where
    L: UpdateListener + Send + 'static,
    L::Err: Send + 'static,
{
    type Err = L::Err;

    fn stop_token(&mut self) -> StopToken {
        self.inner.stop_token()
    }

    fn hint_allowed_updates(&mut self, hint: &mut dyn Iterator<Item = AllowedUpdate>) {
        self.inner.hint_allowed_updates(hint);
    }
}

/// What [`record_posted`] needs: the store, and the secret Telegram sends with each update.
#[derive(Clone)]
pub struct WebhookJournal {
    pub store: Arc<dyn Store>,
    pub secret: String,
}

/// The largest update body recorded; Telegram's are a few KiB.
const MAX_UPDATE_BYTES: usize = 1024 * 1024;

/// The webhook's side of the journal, as an axum middleware in front of teloxide's handler: an
/// update Telegram posts is recorded before the request goes on, so Telegram hears `200` only
/// once it is on disk; one recorded before (Telegram posting it again) is acknowledged and not
/// handled twice. A request without the webhook's secret goes on unrecorded, and teloxide's
/// handler refuses it. A failed write is logged and the update handled anyway.
pub async fn record_posted(
    axum::extract::State(journal): axum::extract::State<WebhookJournal>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_UPDATE_BYTES).await else {
        return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let secret = parts.headers.get("x-telegram-bot-api-secret-token").map(|v| v.as_bytes());
    let id = serde_json::from_slice::<serde_json::Value>(&bytes).ok().and_then(|v| v["update_id"].as_i64());
    if let (Some(id), Ok(text), true) = (id, std::str::from_utf8(&bytes), secret == Some(journal.secret.as_bytes()))
        && !record_body(Arc::clone(&journal.store), id, text.to_string()).await
    {
        return axum::http::StatusCode::OK.into_response();
    }
    next.run(axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes))).await
}

/// `handlers`, then the update marked done in the store, whatever the handlers did. A handler
/// that panics is an error like any other: its update is done, so a restart does not replay
/// it into the same panic, and the worker running it goes on.
pub fn done_after(handlers: UpdateHandler<HandlerError>) -> UpdateHandler<HandlerError> {
    dptree::entry().endpoint(move |update: Update, me: Me, app: Arc<App>, bot: TgBot| {
        let handlers = handlers.clone();
        async move {
            let id = i64::from(update.id.0);
            let deps = dptree::deps![update, me, Arc::clone(&app), bot];
            let handled = AssertUnwindSafe(handlers.dispatch(deps)).catch_unwind().await;
            app.store.done(id);
            match handled {
                Ok(ControlFlow::Break(result)) => result,
                // No branch took it: chatter the bot ignores.
                Ok(ControlFlow::Continue(_)) => Ok(()),
                Err(_) => Err(format!("a handler panicked on update {id}; the update is dropped").into()),
            }
        }
    })
}
