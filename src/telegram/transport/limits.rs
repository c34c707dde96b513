//! Telegram's rate limits, kept on our side so that a message within them goes out at once.
//!
//! Telegram asks bots to send about one message a second per chat (short bursts allowed), at
//! most 20 a minute to one group, and about 30 a second overall; beyond that it answers 429 with
//! a `retry_after`. teloxide's `Throttle` keeps those limits but releases queued messages on a
//! fixed tick, so every reply waited for the tick. Here each limit is a GCRA limiter: a message
//! that fits is sent immediately, and one that does not waits exactly until it fits. A 429 holds
//! its chat back for the `retry_after` Telegram named.
//!
//! Telegram counts messages when they arrive, and a send can be slow (a busy machine, a slow
//! network), after which the messages queued behind it would arrive bunched together. So the
//! per-chat and per-group limits ([`Pace`]) count a message again when its send has finished:
//! the next one is spaced from when Telegram had the last, not from when it was sent. The
//! overall limit, shared by all chats at once, is `governor`'s.

use parking_lot::Mutex;
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::time::Duration;

use tokio::time::Instant;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use teloxide::types::ChatId;

/// A limit as GCRA keeps it: `burst` messages at once, then one every `every`. In any window of
/// length T, at most `burst + T / every` messages pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub burst: u32,
    pub every: Duration,
}

impl Rate {
    /// The most messages this rate lets through in any window of length `window`.
    pub fn most_in(&self, window: Duration) -> u32 {
        let steady = window.as_nanos() / self.every.as_nanos().max(1);
        self.burst.saturating_add(u32::try_from(steady).unwrap_or(u32::MAX))
    }

    /// How far ahead of its turn a message may go: the burst.
    fn tolerance(&self) -> Duration {
        self.every * self.burst.saturating_sub(1)
    }

    fn quota(&self) -> Quota {
        let burst = NonZeroU32::new(self.burst).unwrap_or(NonZeroU32::MIN);
        Quota::with_period(self.every.max(Duration::from_nanos(1)))
            .unwrap_or(Quota::per_second(NonZeroU32::MAX))
            .allow_burst(burst)
    }
}

/// The limits messages are sent within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Per chat (private or group).
    pub chat: Rate,
    /// Per group or supergroup, on top of `chat`.
    pub group: Rate,
    /// Over all chats.
    pub overall: Rate,
}

impl Limits {
    /// Telegram's limits. Per chat: a reply split in three parts goes out at once, then one a
    /// second. Per group: 4 at once, then one every 4 s, so never more than 19 in a minute
    /// (Telegram allows 20). Overall: 10 at once, then 20 a second, so never more than 30 in a
    /// second.
    pub const TELEGRAM: Limits = Limits {
        chat: Rate { burst: 3, every: Duration::from_secs(1) },
        group: Rate { burst: 4, every: Duration::from_secs(4) },
        overall: Rate { burst: 5, every: Duration::from_millis(40) },
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::TELEGRAM
    }
}

/// Chats remembered by the per-chat limiters before the idle ones are forgotten.
const FORGET_AFTER_SENDS: u32 = 10_000;

/// GCRA per chat, on its theoretical arrival times: a message may go once `now` is within the
/// burst's tolerance of its chat's time, which then moves one interval on; when the send has
/// finished, the time moves to at least one interval after that.
struct Pace {
    rate: Rate,
    due: Mutex<HashMap<i64, Instant>>,
}

impl Pace {
    fn new(rate: Rate) -> Pace {
        Pace { rate, due: Mutex::new(HashMap::new()) }
    }

    async fn ready(&self, key: i64) {
        loop {
            let wait = {
                let mut due = self.due.lock();
                let now = Instant::now();
                let at = due.get(&key).copied().unwrap_or(now);
                let allowed = at.checked_sub(self.rate.tolerance()).unwrap_or(now);
                if now >= allowed {
                    due.insert(key, at.max(now) + self.rate.every);
                    None
                } else {
                    Some(allowed)
                }
            };
            match wait {
                None => return,
                Some(until) => tokio::time::sleep_until(until).await,
            }
        }
    }

    fn sent(&self, key: i64) {
        let mut due = self.due.lock();
        let next = Instant::now() + self.rate.every;
        let at = due.entry(key).or_insert(next);
        *at = (*at).max(next);
    }

    /// Forgets chats whose turn has come again with a full burst: they are as if never seen.
    fn forget_idle(&self) {
        let now = Instant::now();
        self.due.lock().retain(|_, at| *at > now);
    }
}

/// Where every message waits for its turn.
pub struct Gate {
    chat: Pace,
    group: Pace,
    overall: DefaultDirectRateLimiter,
    /// Chats Telegram told to wait (429), until when.
    held: Mutex<HashMap<i64, Instant>>,
    sends: std::sync::atomic::AtomicU32,
}

impl Gate {
    pub fn new(limits: Limits) -> Gate {
        Gate {
            chat: Pace::new(limits.chat),
            group: Pace::new(limits.group),
            overall: RateLimiter::direct(limits.overall.quota()),
            held: Mutex::new(HashMap::new()),
            sends: std::sync::atomic::AtomicU32::new(0),
        }
    }

    /// Waits until a message to `chat` fits every limit; returns at once when it does. Call
    /// [`Gate::sent`] when its send has finished.
    pub async fn ready(&self, chat: ChatId) {
        if let Some(until) = self.held_until(chat) {
            tokio::time::sleep_until(until).await;
        }
        self.chat.ready(chat.0).await;
        if is_group(chat) {
            self.group.ready(chat.0).await;
        }
        self.overall.until_ready().await;
        self.forget_idle_chats();
    }

    /// A message to `chat` has been sent (or its send has failed): the next is spaced from now.
    pub fn sent(&self, chat: ChatId) {
        self.chat.sent(chat.0);
        if is_group(chat) {
            self.group.sent(chat.0);
        }
    }

    /// Holds `chat` back for `wait`: Telegram answered 429 with that `retry_after`.
    pub fn hold(&self, chat: ChatId, wait: Duration) {
        let until = Instant::now() + wait;
        let mut held = self.held.lock();
        let entry = held.entry(chat.0).or_insert(until);
        *entry = (*entry).max(until);
    }

    fn held_until(&self, chat: ChatId) -> Option<Instant> {
        let mut held = self.held.lock();
        let now = Instant::now();
        held.retain(|_, until| *until > now);
        held.get(&chat.0).copied()
    }

    /// Drops the limiters' state of chats that have been quiet long enough to be back at a
    /// full burst, so that memory does not grow with every chat ever served.
    fn forget_idle_chats(&self) {
        let sends = self.sends.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if sends % FORGET_AFTER_SENDS == FORGET_AFTER_SENDS - 1 {
            self.chat.forget_idle();
            self.group.forget_idle();
        }
    }
}

fn is_group(chat: ChatId) -> bool {
    chat.is_group() || chat.is_channel_or_supergroup()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telegrams_limits_hold_in_any_window() {
        let l = Limits::TELEGRAM;
        assert!(l.group.most_in(Duration::from_secs(60)) <= 20, "20 a minute per group");
        assert!(l.overall.most_in(Duration::from_secs(1)) <= 30, "30 a second overall");
        assert!(l.chat.most_in(Duration::from_secs(10)) <= 13, "about one a second per chat");
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_passes_at_once_and_the_next_message_waits_its_turn() {
        let pace = Pace::new(Limits::TELEGRAM.chat);
        let started = Instant::now();
        for _ in 0..3 {
            pace.ready(7).await;
            pace.sent(7);
        }
        assert_eq!(started.elapsed(), Duration::ZERO, "a burst of three goes at once");
        pace.ready(8).await;
        assert_eq!(started.elapsed(), Duration::ZERO, "another chat has its own burst");
        pace.ready(7).await;
        assert_eq!(started.elapsed(), Duration::from_secs(1), "the fourth waits a second");
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_send_spaces_the_next_from_when_it_finished() {
        let pace = Pace::new(Limits::TELEGRAM.chat);
        let started = Instant::now();
        pace.ready(7).await;
        tokio::time::sleep(Duration::from_millis(600)).await;
        pace.sent(7);
        for _ in 0..2 {
            pace.ready(7).await;
            pace.sent(7);
        }
        pace.ready(7).await;
        // Bunched behind the slow first send, the next three would have arrived within 400 ms
        // of each other and of the first; the fourth waits a second after the first arrived.
        assert!(started.elapsed() >= Duration::from_millis(1_600), "{:?}", started.elapsed());
    }

    #[tokio::test(start_paused = true)]
    async fn a_held_chat_waits_out_the_retry_after_and_others_do_not() {
        let gate = Gate::new(Limits::TELEGRAM);
        gate.hold(ChatId(7), Duration::from_secs(3));
        let started = Instant::now();
        gate.ready(ChatId(8)).await;
        assert_eq!(started.elapsed(), Duration::ZERO);
        gate.ready(ChatId(7)).await;
        assert!(started.elapsed() >= Duration::from_secs(3));
    }
}
