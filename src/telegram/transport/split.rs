//! Fitting HTML replies into Telegram messages.
//!
//! Telegram refuses messages over 4,096 characters, counted in UTF-16 code units. Replies are
//! split on paragraph boundaries; a paragraph that alone is too long is cut between words,
//! closing the tags open at the cut and reopening them in the next part, so every part is valid
//! HTML and no surrogate pair is split.

/// Telegram's limit on one message, in UTF-16 code units.
pub const MAX_MESSAGE_UTF16: usize = 4096;

/// Length of `s` as Telegram counts it.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Splits `html` into parts of at most `limit` UTF-16 units each (counting markup, which is
/// never less than what Telegram counts).
pub fn split_html(html: &str, limit: usize) -> Vec<String> {
    let limit = limit.max(64);
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    for para in html.split("\n\n") {
        let sep = if current.is_empty() { 0 } else { 2 };
        if utf16_len(&current) + sep + utf16_len(para) <= limit {
            if sep > 0 {
                current.push_str("\n\n");
            }
            current.push_str(para);
            continue;
        }
        if !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
        if utf16_len(para) <= limit {
            current.push_str(para);
        } else {
            let mut pieces = cut_paragraph(para, limit);
            let last = pieces.pop().unwrap_or_default();
            parts.extend(pieces);
            current = last;
        }
    }
    if !current.is_empty() || parts.is_empty() {
        parts.push(current);
    }
    parts
}

/// A piece of HTML: a tag or a run of text up to the next space.
enum Piece<'a> {
    Open { name: &'a str, raw: &'a str },
    Close { raw: &'a str },
    Text(&'a str),
}

fn pieces(html: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<')
            && let Some(end) = rest.find('>')
        {
            let raw = &rest[..=end];
            if raw.starts_with("</") {
                out.push(Piece::Close { raw });
            } else {
                let name_end = raw[1..].find(|c: char| c.is_whitespace() || c == '>').map_or(raw.len() - 1, |i| i + 1);
                out.push(Piece::Open { name: &raw[1..name_end], raw });
            }
            rest = &rest[end + 1..];
            continue;
        }
        // Text up to and including the next space, or up to the next tag.
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let stop = rest[first..].find(['<', ' ']).map_or(rest.len(), |i| {
            let at = i + first;
            if rest.as_bytes()[at] == b' ' { at + 1 } else { at }
        });
        out.push(Piece::Text(&rest[..stop]));
        rest = &rest[stop..];
    }
    out
}

fn cut_paragraph(para: &str, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut open: Vec<(&str, &str)> = Vec::new(); // (name, raw opening tag)
    for piece in pieces(para) {
        let (raw, is_text) = match &piece {
            Piece::Open { raw, .. } | Piece::Close { raw } => (*raw, false),
            Piece::Text(t) => (*t, true),
        };
        let reserve = utf16_len(&closing(&open)) + if matches!(piece, Piece::Open { .. }) { 16 } else { 0 };
        if utf16_len(&current) + utf16_len(raw) + reserve > limit && !current.is_empty() {
            end_part(&mut current, &mut out, &open);
        }
        if is_text && utf16_len(raw) + utf16_len(&current) + reserve > limit {
            // A single word longer than the limit: cut it at character boundaries, never
            // inside an entity such as &amp;.
            let mut word = String::new();
            for c in raw.chars() {
                if utf16_len(&current) + utf16_len(&word) + c.len_utf16() + reserve > limit && !inside_entity(&word) {
                    current.push_str(&word);
                    end_part(&mut current, &mut out, &open);
                    word.clear();
                }
                word.push(c);
            }
            current.push_str(&word);
            continue;
        }
        current.push_str(raw);
        match piece {
            Piece::Open { name, raw } => open.push((name, raw)),
            Piece::Close { .. } => {
                open.pop();
            }
            Piece::Text(_) => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The closing tags for `open`, innermost first.
fn closing(open: &[(&str, &str)]) -> String {
    open.iter().rev().map(|(n, _)| format!("</{n}>")).collect()
}

/// Closes the open tags, ends the part, and reopens them at the start of the next one.
fn end_part(current: &mut String, out: &mut Vec<String>, open: &[(&str, &str)]) {
    current.push_str(&closing(open));
    out.push(std::mem::take(current));
    for (_, raw_open) in open {
        current.push_str(raw_open);
    }
}

fn inside_entity(word: &str) -> bool {
    word.rfind('&').is_some_and(|amp| !word[amp..].contains(';'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_replies_stay_whole() {
        assert_eq!(split_html("<b>a</b>\n\nb", MAX_MESSAGE_UTF16), ["<b>a</b>\n\nb"]);
    }

    #[test]
    fn long_replies_split_on_paragraphs() {
        let para = "kata ".repeat(300);
        let html = format!("{para}\n\n{para}\n\n{para}");
        let parts = split_html(&html, 3000);
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| utf16_len(p) <= 3000));
    }

    #[test]
    fn a_long_paragraph_is_cut_between_words_with_tags_reopened() {
        let html = format!("<b>{}</b>", "tebal ".repeat(2000));
        let parts = split_html(&html, MAX_MESSAGE_UTF16);
        assert!(parts.len() > 2);
        for p in &parts {
            assert!(utf16_len(p) <= MAX_MESSAGE_UTF16);
            assert!(p.starts_with("<b>") && p.ends_with("</b>"), "{}", &p[..20]);
        }
    }

    #[test]
    fn emoji_count_as_two_units_and_are_never_split() {
        let html = "😀".repeat(3000);
        let parts = split_html(&html, MAX_MESSAGE_UTF16);
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| utf16_len(p) <= MAX_MESSAGE_UTF16));
        assert_eq!(parts.concat(), html);
    }
}
