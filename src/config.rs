//! The bot's settings, read from the environment (and `.env`, loaded by the binary first).
//!
//! Every variable is documented in `.env.example`. A missing or malformed setting is one
//! [`ConfigError`] naming the variable and how to fix it; the token never appears in one.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use url::Url;

use crate::import::fetch::FetchPolicy;
use crate::store::Retention;

/// The bot token. Its `Debug` and `Display` never show it.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    pub fn new(s: impl Into<String>) -> Token {
        Token(s.into())
    }
    /// The token itself, for the one place that needs it: the Bot API client.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Where updates come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Updates {
    LongPolling,
    /// Telegram posts updates to `url`; the bot listens on `0.0.0.0:port`.
    Webhook {
        url: Url,
        port: u16,
    },
}

#[derive(Debug, Clone)]
pub struct Config {
    pub token: Token,
    pub admin_ids: Vec<u64>,
    pub knowledge_dir: PathBuf,
    pub data_dir: PathBuf,
    /// Base URL of the Bot API; `None` for Telegram's.
    pub api_url: Option<Url>,
    pub updates: Updates,
    /// How long one Bot API request may take before it is abandoned and retried.
    pub request_timeout: Duration,
    /// How long question texts are kept in the store (`QUESTION_LOG_DAYS`).
    pub retention: Retention,
    /// The Telegram group of ministry staff that declined questions can be handed to
    /// (`STAFF_CHAT_ID`); without it, no "Tanya petugas" button is offered.
    pub staff_chat: Option<i64>,
    /// Which addresses an admin's link may be fetched from (`IMPORT_ALLOW_LOOPBACK`).
    pub fetch: FetchPolicy,
}

/// Telegram's client default: long enough for a 10 s long poll plus the network.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(17);

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error(
        "TELOXIDE_TOKEN is not set: get a token from @BotFather and put TELOXIDE_TOKEN=... in .env or the environment"
    )]
    MissingToken,
    #[error(
        "TELOXIDE_TOKEN does not look like a bot token (digits, a colon, then letters): copy it again from @BotFather"
    )]
    MalformedToken,
    #[error(
        "ADMIN_IDS has `{0}`, which is not a numeric Telegram user id: write ids separated by commas, e.g. ADMIN_IDS=123456789,987654321"
    )]
    BadAdminId(String),
    #[error("{var} is not a valid URL (`{value}`): write it in full, e.g. {example}")]
    BadUrl { var: &'static str, value: String, example: &'static str },
    #[error("PORT is `{0}`, which is not a port number (1-65535)")]
    BadPort(String),
    #[error("TELEGRAM_TIMEOUT is `{0}`, which is not a number of seconds from 2 to 300")]
    BadTimeout(String),
    #[error("QUESTION_LOG_DAYS is `{0}`, which is not a number of days from 1 to 3650")]
    BadRetention(String),
    #[error(
        "STAFF_CHAT_ID is `{0}`, which is not a Telegram chat id: add the bot to the staff group and write the group's id, e.g. STAFF_CHAT_ID=-1001234567890"
    )]
    BadStaffChat(String),
    #[error("IMPORT_ALLOW_LOOPBACK is `{0}`: write true or false")]
    BadFlag(String),
}

impl Config {
    /// Reads the settings from the process environment.
    pub fn from_env(knowledge_dir: &Path) -> Result<Config, ConfigError> {
        Config::from_lookup(knowledge_dir, |k| std::env::var(k).ok())
    }

    /// Reads the settings through `get`, so tests need not touch the process environment.
    pub fn from_lookup(knowledge_dir: &Path, get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |k: &str| get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let token = get("TELOXIDE_TOKEN").ok_or(ConfigError::MissingToken)?;
        let well_formed = token.split_once(':').is_some_and(|(id, secret)| {
            !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_digit())
                && !secret.is_empty()
                && !secret.contains(char::is_whitespace)
        });
        if !well_formed {
            return Err(ConfigError::MalformedToken);
        }
        let admin_ids = match get("ADMIN_IDS") {
            None => Vec::new(),
            Some(list) => list
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<u64>().map_err(|_| ConfigError::BadAdminId(s.to_string())))
                .collect::<Result<_, _>>()?,
        };
        let url = |var: &'static str, example: &'static str| -> Result<Option<Url>, ConfigError> {
            get(var)
                .map(|v| {
                    Url::parse(&v).ok().filter(|u| matches!(u.scheme(), "http" | "https")).ok_or(ConfigError::BadUrl {
                        var,
                        value: v,
                        example,
                    })
                })
                .transpose()
        };
        let api_url = url("TELEGRAM_API_URL", "http://127.0.0.1:8081")?;
        let updates = match url("WEBHOOK_URL", "https://bot.example.go.id/webhook")? {
            None => Updates::LongPolling,
            Some(url) => {
                let port = match get("PORT") {
                    None => 8080,
                    Some(p) => p.parse::<u16>().ok().filter(|&p| p > 0).ok_or(ConfigError::BadPort(p))?,
                };
                Updates::Webhook { url, port }
            }
        };
        let request_timeout = match get("TELEGRAM_TIMEOUT") {
            None => DEFAULT_REQUEST_TIMEOUT,
            Some(t) => t
                .parse::<u64>()
                .ok()
                .filter(|s| (2..=300).contains(s))
                .map(Duration::from_secs)
                .ok_or(ConfigError::BadTimeout(t))?,
        };
        // KNOWLEDGE_DIR is already folded into `knowledge_dir` by the command line (where
        // `--knowledge` wins over the environment); reading it again here would invert that.
        let knowledge_dir = knowledge_dir.to_path_buf();
        let data_dir = get("DATA_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("data"));
        let retention = retention(get("QUESTION_LOG_DAYS"))?;
        let staff_chat = get("STAFF_CHAT_ID")
            .map(|id| id.parse::<i64>().ok().filter(|&c| c != 0).ok_or(ConfigError::BadStaffChat(id)))
            .transpose()?;
        let allow_loopback = match get("IMPORT_ALLOW_LOOPBACK").map(|v| v.to_ascii_lowercase()) {
            None => false,
            Some(v) if matches!(v.as_str(), "1" | "true" | "yes") => true,
            Some(v) if matches!(v.as_str(), "0" | "false" | "no") => false,
            Some(v) => return Err(ConfigError::BadFlag(v)),
        };
        Ok(Config {
            token: Token::new(token),
            admin_ids,
            knowledge_dir,
            data_dir,
            api_url,
            updates,
            request_timeout,
            retention,
            staff_chat,
            fetch: FetchPolicy { allow_loopback },
        })
    }
}

/// `QUESTION_LOG_DAYS`, or the default when unset. Also read by `tanyakop report`, which needs
/// no token.
pub fn retention(value: Option<String>) -> Result<Retention, ConfigError> {
    match value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()) {
        None => Ok(Retention::default()),
        Some(d) => d
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=3650).contains(d))
            .map(|days| Retention { days })
            .ok_or(ConfigError::BadRetention(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAKE: &str = "123:fake-token-for-tests";

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(Path::new("knowledge"), move |k| vars.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn token_is_required_and_checked_without_being_echoed() {
        assert_eq!(config(&[]).unwrap_err(), ConfigError::MissingToken);
        let e = config(&[("TELOXIDE_TOKEN", "not a token")]).unwrap_err();
        assert_eq!(e, ConfigError::MalformedToken);
        assert!(!e.to_string().contains("not a token"));
    }

    #[test]
    fn request_timeout_defaults_to_telegrams_and_is_checked() {
        assert_eq!(config(&[("TELOXIDE_TOKEN", FAKE)]).unwrap().request_timeout, DEFAULT_REQUEST_TIMEOUT);
        assert_eq!(
            config(&[("TELOXIDE_TOKEN", FAKE), ("TELEGRAM_TIMEOUT", "5")]).unwrap().request_timeout,
            Duration::from_secs(5)
        );
        for bad in ["0", "1", "abc", "301"] {
            assert_eq!(
                config(&[("TELOXIDE_TOKEN", FAKE), ("TELEGRAM_TIMEOUT", bad)]).unwrap_err(),
                ConfigError::BadTimeout(bad.into())
            );
        }
    }

    #[test]
    fn admin_ids_are_numbers() {
        let c = config(&[("TELOXIDE_TOKEN", FAKE), ("ADMIN_IDS", "1, 22,333")]).unwrap();
        assert_eq!(c.admin_ids, [1, 22, 333]);
        assert_eq!(
            config(&[("TELOXIDE_TOKEN", FAKE), ("ADMIN_IDS", "1,@budi")]).unwrap_err(),
            ConfigError::BadAdminId("@budi".into())
        );
    }

    #[test]
    fn webhook_mode_needs_a_valid_url_and_port() {
        let c = config(&[("TELOXIDE_TOKEN", FAKE)]).unwrap();
        assert_eq!(c.updates, Updates::LongPolling);
        let c =
            config(&[("TELOXIDE_TOKEN", FAKE), ("WEBHOOK_URL", "https://a.example/hook"), ("PORT", "8443")]).unwrap();
        assert!(matches!(c.updates, Updates::Webhook { port: 8443, .. }));
        assert_eq!(
            config(&[("TELOXIDE_TOKEN", FAKE), ("WEBHOOK_URL", "https://a.example/hook"), ("PORT", "http")])
                .unwrap_err(),
            ConfigError::BadPort("http".into())
        );
        assert!(matches!(
            config(&[("TELOXIDE_TOKEN", FAKE), ("TELEGRAM_API_URL", "localhost")]),
            Err(ConfigError::BadUrl { var: "TELEGRAM_API_URL", .. })
        ));
    }

    #[test]
    fn the_knowledge_dir_given_by_the_command_line_wins() {
        let c = config(&[("TELOXIDE_TOKEN", FAKE), ("KNOWLEDGE_DIR", "dari-env")]).unwrap();
        assert_eq!(c.knowledge_dir, Path::new("knowledge"));
    }

    #[test]
    fn question_texts_are_kept_90_days_unless_set() {
        assert_eq!(config(&[("TELOXIDE_TOKEN", FAKE)]).unwrap().retention, Retention { days: 90 });
        let c = config(&[("TELOXIDE_TOKEN", FAKE), ("QUESTION_LOG_DAYS", "30")]).unwrap();
        assert_eq!(c.retention, Retention { days: 30 });
        assert_eq!(
            config(&[("TELOXIDE_TOKEN", FAKE), ("QUESTION_LOG_DAYS", "0")]).unwrap_err(),
            ConfigError::BadRetention("0".into())
        );
    }

    #[test]
    fn the_staff_chat_is_a_chat_id() {
        assert_eq!(config(&[("TELOXIDE_TOKEN", FAKE)]).unwrap().staff_chat, None);
        let c = config(&[("TELOXIDE_TOKEN", FAKE), ("STAFF_CHAT_ID", "-1001234")]).unwrap();
        assert_eq!(c.staff_chat, Some(-1001234));
        assert_eq!(
            config(&[("TELOXIDE_TOKEN", FAKE), ("STAFF_CHAT_ID", "@petugas")]).unwrap_err(),
            ConfigError::BadStaffChat("@petugas".into())
        );
    }

    #[test]
    fn loopback_links_are_refused_unless_allowed() {
        assert!(!config(&[("TELOXIDE_TOKEN", FAKE)]).unwrap().fetch.allow_loopback);
        let c = config(&[("TELOXIDE_TOKEN", FAKE), ("IMPORT_ALLOW_LOOPBACK", "True")]).unwrap();
        assert!(c.fetch.allow_loopback);
        assert_eq!(
            config(&[("TELOXIDE_TOKEN", FAKE), ("IMPORT_ALLOW_LOOPBACK", "kadang")]).unwrap_err(),
            ConfigError::BadFlag("kadang".into())
        );
    }

    #[test]
    fn debug_output_hides_the_token() {
        let c = config(&[("TELOXIDE_TOKEN", FAKE)]).unwrap();
        assert!(!format!("{c:?}").contains("fake-token"));
    }
}
