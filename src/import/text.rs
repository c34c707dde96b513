//! Plain text and Markdown: paragraphs split on blank lines, the title from a `# heading`, a
//! front matter's fields, or a short first line.

use std::path::Path;

use super::{Extracted, dateline, squash};
use crate::knowledge::parse_article;

/// Reads plain text, or Markdown when `markdown` (a leading `# heading` is the title). A plain
/// text's short first line becomes the title later, as any document's does
/// ([`Draft`](super::Draft)).
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
    let mut paragraphs = blank_line_paragraphs(text);
    let title = match paragraphs.first() {
        Some(first) if markdown && first.starts_with("# ") => Some(paragraphs.remove(0)[2..].trim().to_string()),
        _ => None,
    };
    if markdown {
        for p in &mut paragraphs {
            *p = p.trim_start_matches('#').trim().to_string();
        }
        // A lone "#" was a heading mark with no heading (found by fuzzing).
        paragraphs.retain(|p| !p.is_empty());
    }
    let date = dateline(&paragraphs);
    Extracted { title, date, source: None, url: None, paragraphs }
}

/// Paragraphs separated by lines that are empty or only spaces, each joined into one line.
fn blank_line_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push(squash(&std::mem::take(&mut current)));
        } else {
            current.push(' ');
            current.push_str(line);
        }
    }
    out.push(squash(&current));
    out.retain(|p| !p.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines_even_with_spaces_in_them() {
        let text = "Target KUR 2024\r\n  \r\nJakarta, 6 Februari 2024 - Pemerintah menaikkan\ntarget KUR.\n\t\nKedua.";
        let e = extract(text, false);
        assert_eq!(e.title, None);
        assert_eq!(e.date.as_deref(), Some("2024-02-06"));
        assert_eq!(
            e.paragraphs,
            ["Target KUR 2024", "Jakarta, 6 Februari 2024 - Pemerintah menaikkan target KUR.", "Kedua."]
        );
    }

    #[test]
    fn a_markdown_heading_is_the_title() {
        let e = extract("# Rumah Produksi Bersama\n\nIsi.\n\n## Lokasi\n\n#\n\nTujuh lokasi.", true);
        assert_eq!(e.title.as_deref(), Some("Rumah Produksi Bersama"));
        assert_eq!(e.paragraphs, ["Isi.", "Lokasi", "Tujuh lokasi."]);
    }
}
