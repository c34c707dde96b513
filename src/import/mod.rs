//! Importing documents: a news page, a press-release PDF, a Word file, plain text or Markdown
//! becomes a draft article for `knowledge/articles/`.
//!
//! ```text
//! bytes ─ Format::detect ─┬ html  (readability on html5ever, furniture stripped first)
//!                         ├ pdf   (text per page, running headers and page numbers dropped)
//!                         ├ docx  (document.xml paragraphs, size-capped against zip bombs)
//!                         └ text  (plain text and Markdown, with or without front matter)
//!                           → Extracted → draft::Draft (front matter, programs, figures, checked)
//! ```
//!
//! Each reader owns one format and yields an [`Extracted`]: the document's own text as
//! paragraphs plus what it says about itself. [`draft`] turns that into an article file and
//! checks it with the rest of the knowledge base; nothing here writes until the caller saves
//! the draft. [`fetch`] downloads a page for the Telegram link flow, refusing internal addresses.
//! The errors are [`ImportError`]; the Telegram layer words them in Indonesian.

pub mod charset;
pub mod date;
pub mod docx;
pub mod draft;
pub mod fetch;
pub mod html;
pub mod pdf;
pub mod sandbox;
pub mod text;

pub use draft::{Draft, ImportOptions};

/// Documents above this size are refused before they are read. Telegram's Bot API does not
/// hand bots files above 20 MB either, so nothing an admin can send is cut off by it.
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

/// Below this many letters and digits a document counts as having no text (a scanned PDF, a
/// page that is all menus). A two-sentence press note has about 200.
pub const MIN_TEXT_CHARS: usize = 120;

/// How much of a file without a known extension is looked at to tell text from binary.
const SNIFF_BYTES: usize = 4096;

/// How many opening paragraphs are searched for a dateline ("Jakarta, 6 Februari 2024 –").
const DATELINE_PARAGRAPHS: usize = 3;

/// A first paragraph this short, not ending a sentence, is a title when the document has none.
pub const MAX_TITLE_CHARS: usize = 160;

/// The characters a sentence (and so a paragraph) ends with.
pub const SENTENCE_ENDS: [char; 6] = ['.', '!', '?', ':', '"', '”'];

/// What a document yields: its own text as paragraphs and what it says about itself.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The publisher, e.g. the site's name.
    pub source: Option<String>,
    /// The page's own address (canonical or og:url, else where it was fetched from).
    pub url: Option<String>,
    pub paragraphs: Vec<String>,
}

/// Why a document cannot be imported. Nothing has been written when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is {size} bytes; the limit is {limit}")]
    TooLarge { size: u64, limit: u64 },
    #[error("unsupported file type: send an HTML page, a text PDF, a .docx, .txt or .md file")]
    Unsupported,
    #[error("this is an old Word .doc file: save it as .docx")]
    LegacyWord,
    #[error("the PDF has no text (a scan?): send a text version or a Word file")]
    ScannedPdf,
    #[error("the PDF is protected by a password")]
    EncryptedPdf,
    #[error("the PDF cannot be read: {0}")]
    BrokenPdf(String),
    #[error("the Word file's parts expand past {limit} bytes (a zip bomb?)")]
    ZipBomb { limit: u64 },
    #[error("the Word file cannot be read: {0}")]
    BrokenDocx(String),
    #[error("no article text found in the document")]
    NoArticle,
    #[error("the document has no title: give it a heading or a title property")]
    NoTitle,
    #[error("the article would be {size} bytes; an article file may be at most {limit}")]
    TooLong { size: usize, limit: u64 },
    #[error("the same text is already in {0}: pass --replace to overwrite it")]
    Duplicate(String),
    #[error("unknown program id `{0}`: see programs.toml")]
    UnknownProgram(String),
    #[error("the address was refused: {0}")]
    Refused(String),
    #[error("the page could not be downloaded: {0}")]
    Download(String),
    #[error("the knowledge base has problems:\n{}", .0.join("\n"))]
    Invalid(Vec<String>),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The formats [`extract`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Pdf,
    Docx,
    Text,
    Markdown,
}

impl Format {
    /// The format of `bytes` named `name`: the content's signature first (a PDF saved as
    /// `.html` is still a PDF), then the file name, then a look at the text. `media_type` is
    /// an HTTP Content-Type, when the bytes came from the web.
    pub fn detect(name: &str, media_type: Option<&str>, bytes: &[u8]) -> Result<Format, ImportError> {
        if bytes.starts_with(b"%PDF-") {
            return Ok(Format::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Ok(Format::Docx);
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(ImportError::LegacyWord);
        }
        let name = name.to_ascii_lowercase();
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        let media = media_type.unwrap_or_default().to_ascii_lowercase();
        match ext {
            "html" | "htm" | "xhtml" | "shtml" => return Ok(Format::Html),
            "md" | "markdown" => return Ok(Format::Markdown),
            "txt" | "text" => return Ok(Format::Text),
            "pdf" | "docx" | "doc" => return Err(ImportError::Unsupported),
            _ => {}
        }
        if media.contains("html") || looks_like_html(bytes) {
            return Ok(Format::Html);
        }
        // The cut may fall inside a character: only an error before the end says "binary".
        let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
        if media.starts_with("text/plain")
            || std::str::from_utf8(head).map_or_else(|e| e.error_len().is_none(), |_| true)
        {
            return Ok(Format::Text);
        }
        Err(ImportError::Unsupported)
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(charset::PRESCAN_BYTES)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<head") || head.contains("<body")
}

/// Reads a document of any supported format, from `source`.
pub fn extract(source: &Source, bytes: &[u8]) -> Result<Extracted, ImportError> {
    let (media_type, url) = (source.media_type.as_deref(), source.url.as_deref());
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::too_large(bytes.len(), MAX_DOCUMENT_BYTES));
    }
    let mut doc = match Format::detect(&source.name, media_type, bytes)? {
        Format::Html => html::extract(&charset::decode_html(bytes, media_type), url)?,
        Format::Pdf => sandbox::read_pdf(bytes)?,
        Format::Docx => docx::extract(bytes)?,
        Format::Text => text::extract(&charset::decode_text(bytes), false),
        Format::Markdown => text::extract(&charset::decode_text(bytes), true),
    };
    doc.paragraphs = clean_paragraphs(std::mem::take(&mut doc.paragraphs), doc.title.as_deref());
    if doc.url.is_none() {
        doc.url = url.map(str::to_string);
    }
    if letters(&doc.paragraphs) < MIN_TEXT_CHARS {
        return Err(ImportError::NoArticle);
    }
    Ok(doc)
}

/// Reads a document and drafts it as an article for the knowledge directory `dir`; nothing
/// is written until the draft is saved.
pub fn draft(
    dir: &std::path::Path,
    source: &Source,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Draft, ImportError> {
    Draft::new(dir, extract(source, bytes)?, options)
}

/// Where a document's bytes came from: its file name, and for a download its Content-Type
/// and address. Owned, so that it can go with the bytes into the blocking pool.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub name: String,
    pub media_type: Option<String>,
    pub url: Option<String>,
}

impl Source {
    /// A file known only by its name.
    pub fn file(name: &str) -> Source {
        Source { name: name.to_string(), ..Source::default() }
    }
}

/// The extensions a folder import picks up.
pub const EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "pdf", "docx", "txt", "md", "markdown"];

/// Reads a file to import, refusing one over [`MAX_DOCUMENT_BYTES`] before reading it.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, ImportError> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_DOCUMENT_BYTES as u64 {
        return Err(ImportError::TooLarge { size, limit: MAX_DOCUMENT_BYTES as u64 });
    }
    let mut bytes = Vec::new();
    // The size can grow between the check and the read; the cap holds either way.
    file.take(MAX_DOCUMENT_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::too_large(bytes.len(), MAX_DOCUMENT_BYTES));
    }
    Ok(bytes)
}

/// A paragraph longer than this is text even when it opens like furniture ("Hak cipta merek
/// UMKM kini …"); furniture lines are a link or a credit, under 150 characters on the sites
/// looked at.
const FURNITURE_MAX_CHARS: usize = 200;

/// Paragraph openings that mark page furniture rather than the article: links to other
/// stories, ad labels, credits. Matched case-insensitively at the start of a paragraph;
/// gathered from Indonesian news sites' templates.
const FURNITURE_PREFIXES: &[&str] = &[
    "baca juga",
    "baca:",
    "baca :",
    "simak juga",
    "lihat juga",
    "artikel terkait",
    "berita terkait",
    "advertisement",
    "scroll to continue",
    "gulir untuk melanjutkan",
    "editor:",
    "penulis:",
    "reporter:",
    "pewarta:",
    "redaktur:",
    "sumber foto",
    "foto:",
    "copyright",
    "hak cipta",
    "dapatkan update berita",
    "ikuti berita",
    "follow us",
    "bagikan:",
    "share:",
];

/// Whitespace collapsed, furniture paragraphs and repeats (the title repeated as the first
/// line, a caption twice) dropped.
pub fn clean_paragraphs(paragraphs: Vec<String>, title: Option<&str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let title = title.map(comparable);
    paragraphs
        .into_iter()
        .map(|p| squash(&p))
        .filter(|p| {
            let folded = comparable(p);
            !p.is_empty() && !is_furniture(p) && title.as_deref() != Some(folded.as_str()) && seen.insert(folded)
        })
        .collect()
}

fn is_furniture(paragraph: &str) -> bool {
    let lower = paragraph.to_lowercase();
    let short = paragraph.len() <= FURNITURE_MAX_CHARS;
    short && (FURNITURE_PREFIXES.iter().any(|f| lower.starts_with(f)) || is_date_line(paragraph))
}

/// The most words a line that only dates the page has: "Senin, 5 Februari 2024 | 14:55 WIB".
const DATE_LINE_WORDS: usize = 8;

/// A byline's date standing as a paragraph of its own (the date is in the front matter).
fn is_date_line(paragraph: &str) -> bool {
    paragraph.split_whitespace().count() <= DATE_LINE_WORDS && date::written(paragraph).is_some()
}

/// Runs of whitespace as one space, trimmed.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How many letters and digits the texts hold: how much text a document has.
pub fn letters<S: AsRef<str>>(texts: &[S]) -> usize {
    texts.iter().map(|t| t.as_ref().chars().filter(|c| c.is_alphanumeric()).count()).sum()
}

/// The first date written in the opening paragraphs (a dateline).
pub fn dateline<S: AsRef<str>>(paragraphs: &[S]) -> Option<String> {
    paragraphs.iter().take(DATELINE_PARAGRAPHS).find_map(|p| date::written(p.as_ref()))
}

/// Titles that word processors put in a document's properties instead of the real one:
/// `Microsoft Word - rilis.docx`, `Untitled`, a bare file name.
pub fn is_placeholder_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    !title.chars().any(char::is_alphabetic)
        || lower.starts_with("microsoft word")
        || matches!(lower.as_str(), "untitled" | "tanpa judul" | "document" | "dokumen" | "judul")
        || [".doc", ".docx", ".pdf", ".odt", ".rtf"].iter().any(|ext| lower.ends_with(ext))
}

impl ImportError {
    /// A [`ImportError::TooLarge`] from in-memory sizes.
    pub fn too_large(size: usize, limit: usize) -> ImportError {
        ImportError::TooLarge { size: size as u64, limit: limit as u64 }
    }
}

/// Lower case with runs of non-alphanumerics as one space: how two texts are compared.
pub fn comparable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_wins_over_the_name() {
        assert_eq!(Format::detect("x.html", None, b"%PDF-1.4").ok(), Some(Format::Pdf));
        assert_eq!(Format::detect("rilis.docx", None, b"PK\x03\x04...").ok(), Some(Format::Docx));
        assert!(matches!(Format::detect("a.doc", None, &[0xD0, 0xCF, 0x11, 0xE0]), Err(ImportError::LegacyWord)));
        assert_eq!(Format::detect("berita", Some("text/html; charset=utf-8"), b"hi").ok(), Some(Format::Html));
        assert_eq!(Format::detect("halaman", None, b"<!DOCTYPE html><p>x").ok(), Some(Format::Html));
        assert_eq!(Format::detect("catatan.txt", None, b"teks").ok(), Some(Format::Text));
        let cut_in_a_character = "é".repeat(SNIFF_BYTES);
        // 4,096 bytes end inside the 2,049th "é": still text.
        assert_eq!(Format::detect("tanpa-ekstensi", None, cut_in_a_character.as_bytes()).ok(), Some(Format::Text));
        assert!(matches!(
            Format::detect("tanpa-ekstensi", None, &cut_in_a_character.as_bytes()[1..]),
            Err(ImportError::Unsupported)
        ));
        assert!(matches!(
            Format::detect("gambar.png", None, &[0x89, b'P', b'N', 0xff, 0xfe]),
            Err(ImportError::Unsupported)
        ));
        assert!(matches!(Format::detect("palsu.pdf", None, b"bukan pdf"), Err(ImportError::Unsupported)));
    }

    #[test]
    fn furniture_and_repeats_are_dropped() {
        let p = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let cleaned = clean_paragraphs(
            p(&[
                "Judul Berita",
                "Isi  pertama.",
                "Baca Juga: Berita lain",
                "ADVERTISEMENT",
                "Isi pertama.",
                "Isi kedua.",
                "Senin, 5 Februari 2024 | 14:55 WIB",
                &format!("Hak cipta merek UMKM kini didaftarkan gratis. {}", "Isi panjang. ".repeat(20)),
            ]),
            Some("Judul berita"),
        );
        assert_eq!(cleaned.len(), 3, "{cleaned:?}");
        assert_eq!(cleaned[..2], p(&["Isi pertama.", "Isi kedua."]));
    }
}
