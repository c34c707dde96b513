//! Keeping the bot token out of every line the program writes.
//!
//! The Bot API puts the token in every request URL, and HTTP client errors quote that URL. So
//! instead of trusting each log call, all log output goes through [`RedactingWriter`], and error
//! messages shown to the operator go through [`redact`].

use std::io::Write;
use std::sync::OnceLock;

static TOKEN: OnceLock<String> = OnceLock::new();

/// Remembers the token so that [`redact`] can remove it even where it does not look like one.
pub fn register_token(token: &str) {
    if !token.is_empty() {
        let _ = TOKEN.set(token.to_string());
    }
}

const MASK: &str = "<redacted>";

/// `s` with the registered token, and anything shaped like a bot token (`digits:secret`),
/// replaced by `<redacted>`.
pub fn redact(s: &str) -> String {
    let mut out = match TOKEN.get() {
        Some(t) => s.replace(t.as_str(), MASK),
        None => s.to_string(),
    };
    // Tokens look like 123456789:AAH…: at least 5 digits, a colon, at least 20 secret chars.
    let bytes = out.as_bytes().to_vec();
    let mut result = String::with_capacity(out.len());
    let mut i = 0;
    let mut last = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric() || out[..i].ends_with("bot")) {
            let digits_end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            if digits_end - i >= 5 && bytes.get(digits_end) == Some(&b':') {
                let secret_end = digits_end
                    + 1
                    + bytes[digits_end + 1..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
                        .count();
                if secret_end - digits_end > 20 {
                    result.push_str(&out[last..i]);
                    result.push_str(MASK);
                    last = secret_end;
                    i = secret_end;
                    continue;
                }
            }
            i = digits_end;
            continue;
        }
        i += 1;
    }
    if last > 0 {
        result.push_str(&out[last..]);
        out = result;
    }
    out
}

/// A log writer that redacts each write before passing it to standard error.
pub struct RedactingWriter;

impl Write for RedactingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        std::io::stderr().write_all(redact(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_shaped_strings_are_masked() {
        let url = "error sending request for url (http://127.0.0.1:8081/bot123456789:AAHfake_secret-value_abcdefg/getUpdates)";
        let r = redact(url);
        assert!(!r.contains("AAHfake"), "{r}");
        assert!(r.contains("/bot<redacted>/getUpdates"), "{r}");
    }

    #[test]
    fn ordinary_numbers_and_times_survive() {
        assert_eq!(redact("pukul 10:30, 21,4 juta, 127.0.0.1:8081"), "pukul 10:30, 21,4 juta, 127.0.0.1:8081");
    }
}
