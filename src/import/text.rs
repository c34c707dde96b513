//! Plain text and Markdown: paragraphs split on blank lines, the title from a `# heading`, a
//! front matter's fields, or a short first line.

use std::path::Path;

use super::{Extracted, date};
use crate::knowledge::parse_article;

/// A first line longer than this is body text, not a title.
const MAX_TITLE_CHARS: usize = 160;

/// Reads plain text, or Markdown when `markdown` (a leading `# heading` is the title).
pub fn extract(text: &str, markdown: bool) -> Extracted {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.starts_with("+++")
        && let Ok(article) = parse_article(Path::new("import.md"), text)
    {
        return Extracted {
            title: Some(article.title),
            date: article.date,
            source: article.source,
            url: article.url,
            paragraphs: article.paragraphs.into_iter().map(|p| p.text).collect(),
        };
    }
    let mut paragraphs: Vec<String> = text
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let title = match paragraphs.first() {
        Some(first) if markdown && first.starts_with("# ") => Some(paragraphs.remove(0)[2..].trim().to_string()),
        Some(first) if !markdown && first.chars().count() <= MAX_TITLE_CHARS && !first.ends_with('.') => {
            Some(paragraphs.remove(0))
        }
        _ => None,
    };
    if markdown {
        for p in &mut paragraphs {
            *p = p.trim_start_matches('#').trim().to_string();
        }
    }
    let date = paragraphs.iter().take(3).find_map(|p| date::written(p));
    Extracted { title, date, source: None, url: None, paragraphs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_first_line_is_the_title() {
        let e =
            extract("Target KUR 2024\n\nJakarta, 6 Februari 2024 - Pemerintah menaikkan\ntarget KUR.\n\nKedua.", false);
        assert_eq!(e.title.as_deref(), Some("Target KUR 2024"));
        assert_eq!(e.date.as_deref(), Some("2024-02-06"));
        assert_eq!(e.paragraphs, ["Jakarta, 6 Februari 2024 - Pemerintah menaikkan target KUR.", "Kedua."]);
    }

    #[test]
    fn a_markdown_heading_is_the_title() {
        let e = extract("# Rumah Produksi Bersama\n\nIsi.\n\n## Lokasi\n\nTujuh lokasi.", true);
        assert_eq!(e.title.as_deref(), Some("Rumah Produksi Bersama"));
        assert_eq!(e.paragraphs, ["Isi.", "Lokasi", "Tujuh lokasi."]);
    }
}
