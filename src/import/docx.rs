//! Word files (`.docx`): the paragraphs of `word/document.xml`, the title and creation date
//! of `docProps/core.xml`.
//!
//! A `.docx` is a zip archive, and an archive's declared sizes can lie, so each part is read
//! through a cap ([`MAX_PART_BYTES`]) on what it actually expands to: a zip bomb is refused
//! after reading at most that much, whatever its headers say.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{Extracted, ImportError, date, dateline, is_placeholder_title, squash};

/// The most a part of the archive may expand to. A 300-page report's `document.xml` is about
/// 5 MB; this leaves room for that and stops a bomb early.
pub const MAX_PART_BYTES: u64 = 16 * 1024 * 1024;

/// The body part of a Word document.
const DOCUMENT_PART: &str = "word/document.xml";
/// The document properties (title, creation date).
const CORE_PART: &str = "docProps/core.xml";

/// Paragraph styles Word gives a document's title.
const TITLE_STYLES: &[&str] = &["title", "judul", "heading1", "judul1"];

/// Reads a `.docx` file.
pub fn extract(bytes: &[u8]) -> Result<Extracted, ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::BrokenDocx(e.to_string()))?;
    let body = read_part(&mut archive, DOCUMENT_PART)?
        .ok_or_else(|| ImportError::BrokenDocx(format!("{DOCUMENT_PART} is missing; is this a Word file?")))?;
    let body = Body::parse(&body)?;
    let core = match read_part(&mut archive, CORE_PART)? {
        Some(xml) => Core::parse(&xml),
        None => Core::default(),
    };
    let date = dateline(&body.paragraphs).or_else(|| core.created.as_deref().and_then(date::machine));
    let title = core.title.filter(|t| !is_placeholder_title(t)).or(body.styled_title);
    Ok(Extracted { title, date, source: None, url: None, paragraphs: body.paragraphs })
}

/// A part's bytes, `None` when the archive has no such part.
fn read_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ImportError::BrokenDocx(e.to_string())),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(ImportError::ZipBomb { limit: MAX_PART_BYTES });
    }
    // The declared size can lie; the cap on what is read cannot.
    let mut out = Vec::new();
    file.take(MAX_PART_BYTES + 1).read_to_end(&mut out).map_err(|e| ImportError::BrokenDocx(e.to_string()))?;
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(ImportError::ZipBomb { limit: MAX_PART_BYTES });
    }
    Ok(Some(out))
}

/// The body's paragraphs, and the first one styled as a title or top heading (which stays in
/// the body too: the import drops it there when it becomes the title).
struct Body {
    paragraphs: Vec<String>,
    styled_title: Option<String>,
}

impl Body {
    fn parse(xml: &[u8]) -> Result<Body, ImportError> {
        let mut reader = Reader::from_reader(xml);
        let mut paragraphs = Vec::new();
        let mut styled_title = None;
        let (mut current, mut in_text, mut title_style) = (String::new(), false, false);
        loop {
            let event = reader.read_event().map_err(|e| ImportError::BrokenDocx(e.to_string()))?;
            match event {
                Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
                Event::End(e) if e.local_name().as_ref() == "t" => in_text = false,
                Event::Empty(e) | Event::Start(e) if matches!(e.local_name().as_ref(), "tab" | "br" | "cr") => {
                    current.push(' ')
                }
                Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "pStyle" => {
                    title_style = e.attributes().flatten().any(|a| {
                        a.key.local_name().as_ref() == "val" && TITLE_STYLES.contains(&a.value.to_lowercase().as_str())
                    });
                }
                Event::Text(t) if in_text => current.push_str(&t.xml10_content()),
                Event::GeneralRef(r) if in_text => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        current.push(c);
                    } else {
                        current.push_str(match r.as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => "",
                        });
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "p" => {
                    let text = squash(&current);
                    current.clear();
                    let is_title = std::mem::take(&mut title_style);
                    if text.is_empty() {
                        continue;
                    }
                    if is_title && styled_title.is_none() {
                        styled_title = Some(text.clone());
                    }
                    paragraphs.push(text);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Body { paragraphs, styled_title })
    }
}

/// What `docProps/core.xml` says: the title property and when the document was created.
#[derive(Default)]
struct Core {
    title: Option<String>,
    created: Option<String>,
}

impl Core {
    /// Reads the properties; a damaged properties part only loses them.
    fn parse(xml: &[u8]) -> Core {
        let mut reader = Reader::from_reader(xml);
        let mut core = Core::default();
        let mut field: Option<&'static str> = None;
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) => {
                    field = match e.local_name().as_ref() {
                        "title" => Some("title"),
                        "created" => Some("created"),
                        _ => None,
                    }
                }
                Event::Text(t) => {
                    let text = t.xml10_content().trim().to_string();
                    match field {
                        Some("title") if !text.is_empty() => core.title = Some(text),
                        Some("created") if !text.is_empty() => core.created = Some(text),
                        _ => {}
                    }
                }
                Event::End(_) => field = None,
                Event::Eof => break,
                _ => {}
            }
        }
        core
    }
}
