//! Article files: `+++` TOML front matter, then Markdown paragraphs.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{Problem, line_of, toml_problem};

/// Article files above this size are refused before they are read.
pub const MAX_ARTICLE_BYTES: u64 = 1024 * 1024;

/// An article of the knowledge base.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file name without `.md`; the article's id.
    pub slug: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The publisher.
    pub source: Option<String>,
    pub url: Option<String>,
    /// Program ids with the front-matter line that names them.
    pub programs: Vec<(String, usize)>,
    pub paragraphs: Vec<Paragraph>,
    pub path: PathBuf,
}

/// A paragraph of an article's body, Markdown markup removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// The file line it starts on.
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Spanned<String>,
    date: Option<Spanned<String>>,
    source: Option<String>,
    url: Option<Spanned<String>>,
    programs: Option<Spanned<Vec<String>>>,
}

/// Whether `slug` is a valid article id: lower-case letters, digits and single hyphens.
pub fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 100
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// Parses an article file. `path` names the file in problems and gives the slug.
pub fn parse_article(path: &Path, text: &str) -> Result<Article, Vec<Problem>> {
    let slug = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    let mut problems = Vec::new();
    if !valid_slug(&slug) {
        problems.push(Problem::new(
            path,
            0,
            "file name must be lower-case letters, digits and hyphens, ending in .md (e.g. kur-2024.md)",
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parts = match split_front_matter(path, text) {
        Ok(parts) => parts,
        Err(p) => {
            problems.push(p);
            return Err(problems);
        }
    };
    let meta = match read_front_matter(path, parts.front_matter) {
        Ok(meta) => meta,
        Err(p) => {
            problems.push(p);
            return Err(problems);
        }
    };
    problems.extend(meta.problems);
    let paragraphs = paragraphs(parts.body, parts.body_line);
    if paragraphs.is_empty() {
        problems.push(Problem::new(path, parts.body_line, "the article has no body text after the front matter"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Article {
        slug,
        title: meta.title,
        date: meta.date,
        source: meta.source,
        url: meta.url,
        programs: meta.programs,
        paragraphs,
        path: path.to_path_buf(),
    })
}

/// An article file cut in two at its `+++` lines.
struct Parts<'t> {
    /// The TOML between the `+++` lines; it starts on the file's line 2.
    front_matter: &'t str,
    body: &'t str,
    /// The file line the body starts on.
    body_line: usize,
}

/// Finds the front matter by lines: a first line `+++`, TOML, and a closing `+++`.
fn split_front_matter<'t>(path: &Path, text: &'t str) -> Result<Parts<'t>, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::new(
            path,
            1,
            "empty file: start with a `+++` line, TOML front matter, `+++`, then the body",
        ));
    }
    // Each line with its byte offset.
    let mut lines = text.split_inclusive('\n').scan(0usize, |off, l| {
        let start = *off;
        *off += l.len();
        Some((start, l))
    });
    if lines.next().map(|(_, l)| l.trim_end()) != Some("+++") {
        return Err(Problem::new(
            path,
            1,
            "missing front matter: the first line must be `+++`, followed by TOML such as title = \"...\" and a closing `+++`",
        ));
    }
    let fm_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let Some((fm_end, body_start)) = lines.find(|(_, l)| l.trim_end() == "+++").map(|(s, l)| (s, s + l.len())) else {
        return Err(Problem::new(path, 1, "front matter is not closed: add a line `+++` after it"));
    };
    Ok(Parts { front_matter: &text[fm_start..fm_end], body: &text[body_start..], body_line: line_of(text, body_start) })
}

/// The front matter's fields, checked; `problems` are those that still let the body be read.
struct Meta {
    title: String,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    programs: Vec<(String, usize)>,
    problems: Vec<Problem>,
}

/// Reads and checks the front matter (which starts on the file's line 2). A TOML error is the
/// one problem returned as `Err`.
fn read_front_matter(path: &Path, fm_text: &str) -> Result<Meta, Problem> {
    let fm: FrontMatter = toml::from_str(fm_text).map_err(|e| toml_problem(path, fm_text, 2, &e))?;
    let fm_line = |offset: usize| line_of(fm_text, offset) + 1;
    let mut problems = Vec::new();
    let title = fm.title.get_ref().trim().to_string();
    if title.is_empty() {
        problems.push(Problem::new(path, fm_line(fm.title.span().start), "title is empty"));
    }
    if let Some(d) = &fm.date
        && !valid_date(d.get_ref())
    {
        problems.push(Problem::new(
            path,
            fm_line(d.span().start),
            format!("date `{}` is not a date: write it as YYYY-MM-DD", d.get_ref()),
        ));
    }
    if let Some(u) = &fm.url
        && !(u.get_ref().starts_with("https://") || u.get_ref().starts_with("http://"))
    {
        problems.push(Problem::new(path, fm_line(u.span().start), "url must start with https:// or http://"));
    }
    let programs = match fm.programs {
        Some(list) => {
            let line = fm_line(list.span().start);
            list.into_inner().into_iter().map(|p| (p, line)).collect()
        }
        None => Vec::new(),
    };
    Ok(Meta {
        title,
        date: fm.date.map(Spanned::into_inner),
        source: fm.source.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        url: fm.url.map(Spanned::into_inner),
        programs,
        problems,
    })
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m @ 1..=12), Some(d @ 1..=31)) if m > 0 && d > 0)
}

/// Splits a Markdown body into paragraphs on blank lines, dropping markup a reader would not
/// want in a chat reply (heading marks, emphasis, link targets).
fn paragraphs(body: &str, first_line: usize) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut start_line = first_line;
    for (i, line) in body.lines().enumerate() {
        let line_no = first_line + i;
        if line.trim().is_empty() {
            flush(&mut current, start_line, &mut out);
            continue;
        }
        if current.is_empty() {
            start_line = line_no;
        }
        current.push(line.trim());
    }
    flush(&mut current, start_line, &mut out);
    out
}

fn flush(current: &mut Vec<&str>, line: usize, out: &mut Vec<Paragraph>) {
    if current.is_empty() {
        return;
    }
    let joined = current.join(" ");
    current.clear();
    let text = strip_markdown(&joined);
    if !text.is_empty() {
        out.push(Paragraph { text, line });
    }
}

fn strip_markdown(s: &str) -> String {
    let s = s.trim_start_matches('#').trim_start();
    let s = s.strip_prefix("- ").or_else(|| s.strip_prefix("* ")).unwrap_or(s);
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // [text](url) → text
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find("](").and_then(|close| after[close + 2..].find(')').map(|end| (close, close + 2 + end))) {
            Some((close, end)) => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Article, Vec<Problem>> {
        parse_article(Path::new("articles/contoh.md"), text)
    }

    fn first_problem(text: &str) -> String {
        parse(text).unwrap_err()[0].to_string()
    }

    #[test]
    fn parses_front_matter_and_paragraphs() {
        let a = parse("+++\ntitle = \"Judul\"\ndate = \"2024-02-06\"\nprograms = [\"kur\"]\n+++\n\nSatu **dua**.\nTiga.\n\n# Empat\n").unwrap();
        assert_eq!(a.slug, "contoh");
        assert_eq!(a.title, "Judul");
        assert_eq!(a.programs, vec![("kur".to_string(), 4)]);
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.paragraphs[0].text, "Satu dua. Tiga.");
        assert_eq!(a.paragraphs[0].line, 7);
        assert_eq!(a.paragraphs[1].text, "Empat");
    }

    #[test]
    fn missing_front_matter_names_line_one() {
        assert_eq!(
            first_problem("Hanya teks.\n"),
            "articles/contoh.md:1: missing front matter: the first line must be `+++`, followed by TOML such as title = \"...\" and a closing `+++`"
        );
    }

    #[test]
    fn bad_toml_names_the_file_line() {
        let p = first_problem("+++\ntitle = \"ok\"\ndate = 2024-02-06x\n+++\nBody\n");
        assert!(p.starts_with("articles/contoh.md:3: invalid TOML"), "{p}");
    }

    #[test]
    fn missing_title_and_unknown_field_are_reported() {
        assert!(first_problem("+++\ndate = \"2024-01-01\"\n+++\nBody\n").contains("title"));
        let p = first_problem("+++\ntitle = \"x\"\nauthor = \"y\"\n+++\nBody\n");
        assert!(p.starts_with("articles/contoh.md:3:") && p.contains("author"), "{p}");
    }

    #[test]
    fn bad_date_names_its_line() {
        let p = first_problem("+++\ntitle = \"x\"\n\ndate = \"6 Feb 2024\"\n+++\nBody\n");
        assert!(p.starts_with("articles/contoh.md:4: date"), "{p}");
    }

    #[test]
    fn unclosed_front_matter_and_empty_body() {
        assert!(first_problem("+++\ntitle = \"x\"\n").contains("not closed"));
        assert!(
            first_problem("+++\ntitle = \"x\"\n+++\n\n").starts_with("articles/contoh.md:4: the article has no body")
        );
        assert!(first_problem("").contains("empty file"));
    }

    #[test]
    fn links_lose_their_targets() {
        assert_eq!(strip_markdown("lihat [situs](https://a.b) ini"), "lihat situs ini");
        assert_eq!(strip_markdown("kurung [tak ditutup"), "kurung [tak ditutup");
    }

    #[test]
    fn slugs() {
        assert!(valid_slug("kur-2024"));
        for bad in ["", "A", "a b", "../x", "a/b", "-a", "a--b"] {
            assert!(!valid_slug(bad), "{bad}");
        }
    }
}
