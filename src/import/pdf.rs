//! Text PDFs (press releases, program guides): page text, wrapped lines joined back into
//! paragraphs, running headers, footers and page numbers dropped.
//!
//! `pdf-extract` lays the text out line by line and leaves a blank line where the gap between
//! lines is wider than a line, which is where paragraphs end. It panics on some malformed
//! files, so it runs under `catch_unwind`: a panic is one more unreadable PDF.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::content::Content;
use pdf_extract::{
    Dictionary, Document, Object, ObjectId, PlainTextOutput, Stream, decode_text_string, output_doc_page,
};

use super::{Extracted, ImportError, MIN_TEXT_CHARS, SENTENCE_ENDS, date, dateline, is_placeholder_title, letters};

/// Pages beyond this are not read: a program guide runs to tens, and each page costs time.
pub const MAX_PAGES: usize = 300;

/// How many lines at the top and the bottom of a page can be a running header or footer.
const EDGE_LINES: usize = 2;

/// A line counts as a running header or footer when it (digits aside) sits at a page's edge
/// on at least this share of the pages, and on two pages at least. One half catches headers
/// that skip the first page.
const RUNNING_SHARE: f64 = 0.5;

/// The line length taken as a page's full width: this quantile of the line lengths, since most
/// lines of a paragraph run to the margin.
const FULL_LINE_QUANTILE: f64 = 0.75;
/// A line that ends a sentence and is shorter than this share of a full line ends its
/// paragraph, when the PDF leaves no gap between paragraphs.
const SHORT_LINE_SHARE: f64 = 0.8;

/// Reads a PDF.
pub fn extract(bytes: &[u8]) -> Result<Extracted, ImportError> {
    match catch_unwind(AssertUnwindSafe(|| read(bytes))) {
        Ok(result) => result,
        Err(_) => Err(ImportError::BrokenPdf("the file is malformed".into())),
    }
}

fn read(bytes: &[u8]) -> Result<Extracted, ImportError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| match e {
        pdf_extract::Error::Decryption(_) => ImportError::EncryptedPdf,
        e => ImportError::BrokenPdf(e.to_string()),
    })?;
    // A PDF encrypted with an empty user password (to stop edits, not reading) opens as is.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ImportError::EncryptedPdf);
    }
    let page_ids = doc.get_pages();
    if !page_tree_ends(&doc, page_ids.values().copied()) {
        return Err(ImportError::BrokenPdf("its page tree loops".into()));
    }
    check_forms(&doc, page_ids.values().take(MAX_PAGES).copied())?;
    let pages: Vec<Vec<String>> = page_ids.keys().take(MAX_PAGES).map(|&n| page_lines(&doc, n)).collect();
    if pages.iter().map(|p| letters(p)).sum::<usize>() < MIN_TEXT_CHARS {
        return Err(ImportError::ScannedPdf);
    }
    let info = |key: &[u8]| info_string(&doc, key);
    let body = without_running_lines(pages);
    let paragraphs = join_lines(&body);
    let title = info(b"Title").filter(|t| !is_placeholder_title(t));
    let date = dateline(&paragraphs).or_else(|| info(b"CreationDate").and_then(|d| date::machine(&d)));
    Ok(Extracted { title, date, source: None, url: None, paragraphs })
}

/// How deep a page tree may be; real ones are two to four levels.
const MAX_TREE_DEPTH: usize = 64;

/// Whether every page's `Parent` chain ends. `pdf-extract` climbs it for inherited resources
/// without a cycle check, so a page that is its own ancestor would hang it.
fn page_tree_ends(doc: &Document, pages: impl IntoIterator<Item = ObjectId>) -> bool {
    pages.into_iter().all(|page| {
        let mut seen = std::collections::HashSet::new();
        let mut current = page;
        for _ in 0..MAX_TREE_DEPTH {
            if !seen.insert(current) {
                return false;
            }
            match doc.get_dictionary(current).and_then(|d| d.get(b"Parent")).and_then(Object::as_reference) {
                Ok(parent) => current = parent,
                Err(_) => return true,
            }
        }
        false
    })
}

/// How deep forms (XObjects, drawn with `Do`) may nest, a form drawing a form drawing …; real
/// documents nest two or three, and 16 keeps `pdf-extract`'s recursion far from the stack's
/// end.
const MAX_FORM_DEPTH: usize = 16;

/// The most content a document may make `pdf-extract` parse, each form counted once per time
/// it is drawn (and once more for this check's own reading). A page of text is 5–50 KB, so a
/// 300-page guide with a form or two on each page is tens of MB; forms that each draw the next
/// a thousand times, a few deep, would be terabytes. 256 MiB is also about what the PDF
/// reader's 30 s of CPU get through ([`super::sandbox::CPU_LIMIT_SECS`]).
const MAX_DOCUMENT_WORK_BYTES: u64 = 256 * 1024 * 1024;

/// Why a document's drawings are refused before reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    Loop,
    TooDeep,
    TooMuch,
}

impl Refusal {
    fn reason(self) -> &'static str {
        match self {
            Refusal::Loop => "a form in it draws itself",
            Refusal::TooDeep => "its forms nest too deep",
            Refusal::TooMuch => "it has too much to draw",
        }
    }
}

/// Refuses a PDF whose forms would not end, or would take too long. `pdf-extract` draws a form
/// by recursing into it, with neither a cycle check nor a depth limit, so a form that draws
/// itself overflows the stack, which aborts the process (no `catch_unwind` can catch it), and
/// forms that each draw the next many times take for ever. The walk follows what
/// `pdf-extract` follows: the names drawn with `Do`, looked up in the resources in force,
/// whatever the stream (an image drawn is parsed as drawing commands too). Each stream is
/// inflated as `pdf-extract` would inflate it, without a cap: memory is the sandbox's job.
fn check_forms(doc: &Document, pages: impl IntoIterator<Item = ObjectId>) -> Result<(), ImportError> {
    let mut scan = FormScan { doc, costs: HashMap::new(), drawing: HashSet::new(), spent: 0 };
    let walk = || -> Result<(), Refusal> {
        for page in pages {
            let Some(resources) = page_resources(doc, page) else { continue };
            let content = doc.get_page_content(page).unwrap_or_default();
            scan.charge(content.len() as u64)?;
            let cost = scan.cost(resources, &drawn_names(&content))?;
            if cost.depth > MAX_FORM_DEPTH {
                return Err(Refusal::TooDeep);
            }
            scan.charge(cost.bytes)?;
        }
        Ok(())
    };
    walk().map_err(|r| ImportError::BrokenPdf(r.reason().to_string()))
}

/// A page's resources as `pdf-extract` finds them: its own, else the nearest ancestor's.
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..MAX_TREE_DEPTH {
        if let Some(resources) = node.get(b"Resources").ok().and_then(|o| as_dict(doc, o)) {
            return Some(resources);
        }
        node = node.get(b"Parent").and_then(Object::as_reference).and_then(|id| doc.get_dictionary(id)).ok()?;
    }
    None
}

fn as_dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(object).ok().and_then(|(_, o)| o.as_dict().ok())
}

/// The names a content stream draws with `Do`, each with how many times.
fn drawn_names(content: &[u8]) -> Vec<(Vec<u8>, u64)> {
    let Ok(content) = Content::decode(content) else { return Vec::new() };
    let mut names: HashMap<&[u8], u64> = HashMap::new();
    for op in content.operations.iter().filter(|op| op.operator == "Do") {
        if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
            *names.entry(name).or_default() += 1;
        }
    }
    names.into_iter().map(|(name, times)| (name.to_vec(), times)).collect()
}

/// What drawing some content costs `pdf-extract`.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    /// How deep its forms nest (0 for none).
    depth: usize,
    /// The bytes of content parsed in all, each form's as often as it is drawn.
    bytes: u64,
}

/// The state of a form being drawn: the form, and the resources it is drawn with (a form
/// without resources of its own uses its caller's). `pdf-extract` recurses for ever exactly
/// when such a state repeats on the way down.
type Drawn = (ObjectId, *const Dictionary);

/// A walk over the forms of a document, remembering what each costs so that a form drawn from
/// many places is walked once.
struct FormScan<'a> {
    doc: &'a Document,
    costs: HashMap<Drawn, Cost>,
    /// The forms on the way down to the one being walked.
    drawing: HashSet<Drawn>,
    /// The bytes of content read so far, by this walk and (as it will be) by `pdf-extract`.
    spent: u64,
}

impl<'a> FormScan<'a> {
    /// Counts `bytes` more against [`MAX_DOCUMENT_WORK_BYTES`].
    fn charge(&mut self, bytes: u64) -> Result<(), Refusal> {
        self.spent = self.spent.saturating_add(bytes);
        if self.spent > MAX_DOCUMENT_WORK_BYTES { Err(Refusal::TooMuch) } else { Ok(()) }
    }

    /// What drawing the forms `drawn` from `resources` costs. Stops going down past
    /// [`MAX_FORM_DEPTH`], which bounds this recursion too.
    fn cost(&mut self, resources: &'a Dictionary, drawn: &[(Vec<u8>, u64)]) -> Result<Cost, Refusal> {
        let doc = self.doc;
        let Some(xobjects) = resources.get(b"XObject").ok().and_then(|o| as_dict(doc, o)) else {
            return Ok(Cost::default());
        };
        let mut total = Cost::default();
        for (name, times) in drawn {
            let Some(entry) = xobjects.get(name).ok() else { continue };
            let Ok((Some(id), Object::Stream(form))) = doc.dereference(entry) else { continue };
            let inner = form.dict.get(b"Resources").ok().and_then(|o| as_dict(doc, o)).unwrap_or(resources);
            let key = (id, std::ptr::from_ref(inner));
            let cost = match self.costs.get(&key) {
                Some(&c) => c,
                None => self.first_cost(key, form, inner)?,
            };
            total.depth = total.depth.max(cost.depth);
            total.bytes = total.bytes.saturating_add(cost.bytes.saturating_mul(*times));
            if total.bytes > MAX_DOCUMENT_WORK_BYTES {
                return Err(Refusal::TooMuch);
            }
        }
        Ok(total)
    }

    /// Walks the form `key` for the first time: what drawing it once costs.
    fn first_cost(&mut self, key: Drawn, form: &'a Stream, inner: &'a Dictionary) -> Result<Cost, Refusal> {
        if !self.drawing.insert(key) {
            return Err(Refusal::Loop);
        }
        let content = form.decompressed_content().unwrap_or_else(|_| form.content.clone());
        self.charge(content.len() as u64)?;
        let below = if self.drawing.len() > MAX_FORM_DEPTH {
            Cost::default()
        } else {
            self.cost(inner, &drawn_names(&content))?
        };
        self.drawing.remove(&key);
        let cost = Cost { depth: below.depth + 1, bytes: (content.len() as u64).saturating_add(below.bytes) };
        self.costs.insert(key, cost);
        Ok(cost)
    }
}

/// A page's text lines, trailing spaces trimmed; a blank line marks a paragraph gap.
fn page_lines(doc: &Document, page: u32) -> Vec<String> {
    let mut text = String::new();
    let mut output = PlainTextOutput::new(&mut text);
    // A page that cannot be read is left out; the rest of the document still counts.
    let _ = output_doc_page(doc, &mut output, page);
    let lines: Vec<String> = text.lines().map(|l| l.trim().to_string()).collect();
    let start = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    let end = lines.iter().rposition(|l| !l.is_empty()).map_or(start, |i| i + 1);
    lines[start..end].to_vec()
}

/// A string from the document information dictionary (`Title`, `CreationDate`).
fn info_string(doc: &Document, key: &[u8]) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let dict = match info {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    let value = decode_text_string(dict.get(key).ok()?).ok()?;
    Some(value.trim().to_string()).filter(|v| !v.is_empty())
}

/// The pages' lines in order with running headers, footers and page numbers removed from
/// their edges, and a [`PAGE_BREAK`] after each page.
fn without_running_lines(pages: Vec<Vec<String>>) -> Vec<String> {
    let mut edges: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let mut seen = std::collections::HashSet::new();
        for i in edge_lines(page) {
            if seen.insert(masked(&page[i])) {
                *edges.entry(masked(&page[i])).or_default() += 1;
            }
        }
    }
    let page_count = pages.len();
    let running =
        |line: &str| edges.get(&masked(line)).is_some_and(|&n| n >= 2 && n as f64 >= RUNNING_SHARE * page_count as f64);
    let mut out = Vec::new();
    for page in pages {
        let edge = edge_lines(&page);
        let kept: Vec<String> = page
            .into_iter()
            .enumerate()
            .filter(|(i, line)| !(edge.contains(i) && (is_page_number(line) || running(line))))
            .map(|(_, line)| line)
            .collect();
        // The gap a removed header leaves is no paragraph break.
        let start = kept.iter().position(|l| !l.is_empty()).unwrap_or(kept.len());
        let end = kept.iter().rposition(|l| !l.is_empty()).map_or(start, |i| i + 1);
        out.extend(kept[start..end].iter().cloned());
        out.push(PAGE_BREAK.to_string());
    }
    out
}

/// The indexes of a page's first and last [`EDGE_LINES`] non-blank lines.
fn edge_lines(page: &[String]) -> Vec<usize> {
    let content: Vec<usize> = (0..page.len()).filter(|&i| !page[i].is_empty()).collect();
    content.iter().take(EDGE_LINES).chain(content.iter().rev().take(EDGE_LINES)).copied().collect()
}

/// Marks a page break among the lines: a paragraph that does not end a sentence at the foot
/// of a page goes on at the top of the next.
const PAGE_BREAK: &str = "\u{c}";

/// A line with its digits masked, so "Halaman 2" and "Halaman 3" are the same running line.
fn masked(line: &str) -> String {
    line.chars().map(|c| if c.is_ascii_digit() { '#' } else { c.to_ascii_lowercase() }).collect()
}

/// `3`, `- 3 -`, `Halaman 3`, `Hal. 3 dari 10`, `Page 3 of 10`, `3/10`.
fn is_page_number(line: &str) -> bool {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '/' | '|' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let is_number = |w: &String| w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit());
    !words.is_empty()
        && words.len() <= 4
        && words.iter().any(is_number)
        && words
            .iter()
            .all(|w| is_number(w) || matches!(w.as_str(), "halaman" | "hal" | "hal." | "page" | "dari" | "of"))
}

/// Joins wrapped lines into paragraphs. A blank line ends a paragraph; so does a line that
/// ends a sentence well short of the text's usual line length (the last line of a
/// paragraph, when the PDF leaves no gap). A word hyphenated across lines is rejoined.
fn join_lines(lines: &[String]) -> Vec<String> {
    let mut lengths: Vec<usize> =
        lines.iter().filter(|l| *l != PAGE_BREAK).map(|l| l.chars().count()).filter(|&n| n > 0).collect();
    lengths.sort_unstable();
    let usual = lengths.get((lengths.len() as f64 * FULL_LINE_QUANTILE) as usize).copied().unwrap_or(0);
    let mut out = Vec::new();
    let mut current = String::new();
    for line in lines {
        if line == PAGE_BREAK {
            if current.trim_end().ends_with(SENTENCE_ENDS) {
                flush(&mut current, &mut out);
            }
            continue;
        }
        if line.is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        if current.ends_with('-') && line.starts_with(|c: char| c.is_lowercase()) && ends_in_letter_hyphen(&current) {
            current.pop();
        } else if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
        let short = (line.chars().count() as f64) < SHORT_LINE_SHARE * usual as f64;
        if short && line.ends_with(SENTENCE_ENDS) {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

fn ends_in_letter_hyphen(s: &str) -> bool {
    let mut chars = s.chars().rev();
    chars.next() == Some('-') && chars.next().is_some_and(char::is_alphabetic)
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if !current.trim().is_empty() {
        out.push(std::mem::take(current));
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn page_numbers_are_recognised() {
        for l in ["3", "- 3 -", "Halaman 3", "Hal. 3 dari 10", "Page 3 of 10", "3/10"] {
            assert!(is_page_number(l), "{l}");
        }
        for l in ["Target 2024 naik", "Pasal 3 ayat 2 tentang koperasi"] {
            assert!(!is_page_number(l), "{l}");
        }
    }

    #[test]
    fn wrapped_lines_become_paragraphs_and_hyphenation_is_undone() {
        let text = lines(&[
            "Kementerian Koperasi dan UKM terus mendorong pengem-",
            "bangan koperasi modern di seluruh Indonesia pada",
            "tahun ini.",
            "Paragraf kedua dimulai di sini dan berlanjut ke baris",
            "berikutnya tanpa jeda.",
            "",
            "Paragraf ketiga.",
        ]);
        assert_eq!(
            join_lines(&text),
            lines(&[
                "Kementerian Koperasi dan UKM terus mendorong pengembangan koperasi modern di seluruh Indonesia pada tahun ini.",
                "Paragraf kedua dimulai di sini dan berlanjut ke baris berikutnya tanpa jeda.",
                "Paragraf ketiga.",
            ])
        );
    }

    #[test]
    fn running_headers_and_footers_are_dropped() {
        let page = |n: usize, body: &[&str]| {
            let mut page = lines(&["SIARAN PERS KEMENKOP UKM", ""]);
            page.extend(lines(body));
            page.extend(lines(&["", &format!("Halaman {n} dari 3"), "kemenkopukm.go.id"]));
            page
        };
        let out = without_running_lines(vec![
            page(1, &["Satu.", "", "Paragraf ini berlanjut"]),
            page(2, &["ke halaman dua.", "2024", "Dua."]),
            page(3, &["Tiga."]),
        ]);
        assert_eq!(
            join_lines(&out),
            lines(&["Satu.", "Paragraf ini berlanjut ke halaman dua. 2024 Dua.", "Tiga."]),
            "a lone figure inside the page stays; a paragraph goes on across the page break"
        );
    }
}
