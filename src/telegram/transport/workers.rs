//! The workers that run the handlers: one per shard ([`shard`]), each taking its updates in
//! the order they came, none held up by another's slow handler.
//!
//! teloxide's dispatcher has workers of its own, and from time to time stops those it takes
//! for idle. It can take one that has just received an update, and then it waits for that
//! handler to return before it reads the next update from Telegram. A handler that waits out
//! a 429 (Telegram's `retry_after`, up to minutes), fetches a page or reads a PDF then stops
//! every chat for as long: in a test, one 60 s `retry_after` held all 50 chats' answers for
//! 60 s, about one run in thirty. So the tree teloxide runs ([`Workers::entry`]) only queues each
//! update here, which takes no time while the worker's queue has room, and these workers,
//! which nothing stops early, run the handlers. (A full queue still holds teloxide's worker,
//! and so, at worst, the dispatcher: that is the intended backpressure.)

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::Arc;

use parking_lot::{Mutex, MutexGuard};

use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::Me;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::telegram::state::App;
use crate::telegram::{HandlerError, TgBot, WORKERS, describe, shard};

/// One update and what its handlers are given.
struct Job {
    update: Update,
    me: Me,
    app: Arc<App>,
    bot: TgBot,
}

struct Worker {
    queue: mpsc::Sender<Job>,
    task: JoinHandle<()>,
}

/// The workers, started as their shards first get an update and kept until [`Workers::finish`].
pub struct Workers {
    handlers: UpdateHandler<HandlerError>,
    queue_size: usize,
    /// `None` once finishing: updates that come after are left to the journal.
    running: Mutex<Option<HashMap<i64, Worker>>>,
}

impl Workers {
    /// Workers running `handlers`, each holding up to `queue_size` updates waiting; when one
    /// is full, queueing waits, and so in turn does reading from Telegram.
    pub fn new(handlers: UpdateHandler<HandlerError>, queue_size: usize) -> Arc<Workers> {
        Arc::new(Workers { handlers, queue_size: queue_size.max(1), running: Mutex::new(Some(HashMap::new())) })
    }

    /// The handler tree for teloxide's dispatcher: it queues each update for its worker.
    pub fn entry(self: &Arc<Self>) -> UpdateHandler<HandlerError> {
        let workers = Arc::clone(self);
        dptree::entry().endpoint(move |update: Update, me: Me, app: Arc<App>, bot: TgBot| {
            let workers = Arc::clone(&workers);
            async move {
                workers.queue(Job { update, me, app, bot }).await;
                Ok(())
            }
        })
    }

    async fn queue(&self, job: Job) {
        // Updates with neither chat nor sender, which the bot ignores, share one more worker.
        let key = shard(&job.update).unwrap_or(WORKERS);
        let Some(queue) = self.queue_of(key) else { return };
        if queue.send(job).await.is_err() {
            // The handlers catch their panics, so this is the runtime shutting down, or a
            // panic outside them. The update stays in the journal; the next one for
            // this worker starts a new one.
            tracing::warn!(worker = key, "a worker has stopped; its update is left for the next start");
            let mut running = self.lock();
            if let Some(running) = running.as_mut()
                && running.get(&key).is_some_and(|w| w.queue.same_channel(&queue))
            {
                running.remove(&key);
            }
        }
    }

    fn queue_of(&self, key: i64) -> Option<mpsc::Sender<Job>> {
        let mut running = self.lock();
        let worker = running.as_mut()?.entry(key).or_insert_with(|| self.start());
        Some(worker.queue.clone())
    }

    fn start(&self) -> Worker {
        let (queue, mut jobs) = mpsc::channel::<Job>(self.queue_size);
        let handlers = self.handlers.clone();
        let task = tokio::spawn(async move {
            while let Some(job) = jobs.recv().await {
                run(&handlers, job).await;
            }
        });
        Worker { queue, task }
    }

    /// Stops taking updates and waits until every one queued has been handled.
    pub async fn finish(&self) {
        let Some(running) = self.lock().take() else { return };
        for (_, Worker { queue, task }) in running {
            drop(queue);
            let _ = task.await;
        }
    }

    fn lock(&self) -> MutexGuard<'_, Option<HashMap<i64, Worker>>> {
        self.running.lock()
    }
}

/// Runs `handlers` on one update; they are expected to catch their own panics
/// ([`super::journal::done_after`] does), or the worker stops and is replaced.
async fn run(handlers: &UpdateHandler<HandlerError>, job: Job) {
    let Job { update, me, app, bot } = job;
    if let ControlFlow::Break(Err(e)) = handlers.dispatch(dptree::deps![update, me, app, bot]).await {
        tracing::error!(source = "handler", error = %describe(&*e), "Telegram error");
    }
}
