//! The plumbing between the bot and Telegram: sending with retries, rate limits, splitting
//! long replies, the update journal, the per-chat workers, redacting the token, and the capped
//! maps that bound what is remembered. Nothing here decides what the bot says.

pub mod capped;
pub mod journal;
pub mod limits;
pub mod redact;
pub mod send;
pub mod split;
pub mod workers;
