//! Rendering an [`Answer`] for a reader: one layout, several markups.
//!
//! The reply always has the same shape (headline figure, the passage with the matched words
//! emphasised, the source), whichever surface shows it. A [`Markup`] says how emphasis and links
//! are written there: nothing for plain text, ANSI for a terminal, HTML for Telegram (where every
//! piece of knowledge-base text is escaped). JSON wraps the plain text with the answer's data.

pub mod json;
pub mod phrases;

use crate::answer::{Answer, Curated, Hit, HitKind, Language, Outcome, PeriodNote, Program, SmallTalk};
use crate::language::calendar::Day;

/// How a surface writes text, emphasis and links.
pub trait Markup {
    /// Escapes ordinary text.
    fn text(&self, s: &str) -> String;
    /// Emphasises (already escaped) text.
    fn bold(&self, s: &str) -> String;
    /// A link with an (unescaped) label.
    fn link(&self, label: &str, url: &str) -> String;
    /// Sets (already escaped) text apart, less than bold; plain text by default.
    fn italic(&self, s: &str) -> String {
        s.to_string()
    }
}

/// Plain text, no emphasis.
pub struct Plain;

impl Markup for Plain {
    fn text(&self, s: &str) -> String {
        s.to_string()
    }
    fn bold(&self, s: &str) -> String {
        s.to_string()
    }
    fn link(&self, label: &str, url: &str) -> String {
        format!("{label}\n{url}")
    }
}

/// A terminal: bold with ANSI escapes.
pub struct Ansi;

impl Markup for Ansi {
    fn text(&self, s: &str) -> String {
        // Knowledge text must not drive the terminal.
        s.chars().filter(|c| !c.is_control() || *c == '\n').collect()
    }
    fn bold(&self, s: &str) -> String {
        format!("\x1b[1m{s}\x1b[0m")
    }
    fn link(&self, label: &str, url: &str) -> String {
        format!("{}\n{}", self.text(label), self.text(url))
    }
}

/// Telegram's HTML parse mode.
pub struct Html;

/// Escapes text for Telegram HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

impl Markup for Html {
    fn text(&self, s: &str) -> String {
        escape_html(s)
    }
    fn bold(&self, s: &str) -> String {
        format!("<b>{s}</b>")
    }
    fn italic(&self, s: &str) -> String {
        format!("<i>{s}</i>")
    }
    fn link(&self, label: &str, url: &str) -> String {
        format!("<a href=\"{}\">{}</a>", escape_html(url), escape_html(label))
    }
}

/// `2024-02-06` → `6 Februari 2024`; anything else is returned as it is.
pub fn indonesian_date(iso: &str) -> String {
    Day::parse(iso).map_or_else(|| iso.to_string(), Day::indonesian)
}

/// The friendly reply to small talk, with example questions the knowledge base answers.
pub fn small_talk(kind: SmallTalk, language: Language, examples: &[String], m: &dyn Markup) -> String {
    let p = phrases::of(language);
    let mut out = m.text((p.small_talk)(kind));
    if !examples.is_empty() {
        out.push_str("\n\n");
        out.push_str(&m.text(p.ask_for_example));
    }
    for e in examples {
        out.push_str(&format!("\n• {}", m.text(e)));
    }
    out
}

/// The whole reply for `answer`, leading with its first hit.
pub fn reply(answer: &Answer, m: &dyn Markup) -> String {
    match answer.outcome() {
        Outcome::SmallTalk(kind) => small_talk(kind, answer.language, &answer.examples, m),
        Outcome::Curated(c) => curated(answer, c, m),
        Outcome::Declined => declined(answer, m),
        Outcome::List(_) => {
            let mut out = m.text(&as_of_note(answer));
            out.push_str(&list(answer, m));
            out.push_str(&follow_up_note(answer, m));
            out.push_str(&corrections_note(answer, m));
            out
        }
        Outcome::Passage { best, figure } => one_passage(answer, best, figure, m),
    }
}

/// The reply showing hit `n` of `answer` ("Jawaban lain (2/3)"); for the first hit, or a
/// decline, the whole reply.
pub fn reply_hit(answer: &Answer, n: usize, m: &dyn Markup) -> String {
    let hit = answer.hits.get(n).filter(|_| n > 0 && answer.answered);
    let Some(hit) = hit else { return reply(answer, m) };
    let label = phrases::of(answer.language).more.trim_end_matches(" ▸");
    let passage = passage_in(hit, answer.language, m);
    let heading = m.text(&format!("{label} ({}/{}):", n + 1, answer.hits.len()));
    format!("{}\n\n{passage}", m.italic(&heading))
}

/// A reply from one passage: the headline figure (with the day it is as of), the passage and
/// its source, then what the reader may want to know about how the question was read.
fn one_passage(answer: &Answer, hit: &Hit, figure: Option<&str>, m: &dyn Markup) -> String {
    let mut out = String::new();
    if let Some(fig) = figure {
        out.push_str(&m.bold(&m.text(fig)));
        if let Some(day) = answer.as_of {
            out.push_str(
                &m.text(&format!(" ({})", (phrases::of(answer.language).as_of)(&day_in(day, answer.language)))),
            );
        }
        out.push_str("\n\n");
    } else {
        out.push_str(&m.text(&as_of_note(answer)));
    }
    out.push_str(&passage_in(hit, answer.language, m));
    out.push_str(&follow_up_note(answer, m));
    out.push_str(&corrections_note(answer, m));
    out
}

/// The ministry's curated answer first, marked as theirs, with its source; then the best
/// passage, if any, as related information.
fn curated(answer: &Answer, c: &Curated, m: &dyn Markup) -> String {
    let p = phrases::of(answer.language);
    let mut out = format!("{}\n{}", m.bold(&m.text(p.curated)), m.text(&c.answer));
    let source = match (&c.source, &c.url) {
        (Some(s), Some(url)) => Some(m.link(s, url)),
        (Some(s), None) => Some(m.text(s)),
        (None, Some(url)) => Some(m.link(url, url)),
        (None, None) => None,
    };
    if let Some(s) = source {
        out.push_str(&format!("\n\n{}: {s}", m.text(p.source)));
    }
    if let Some(hit) = answer.hits.first() {
        out.push_str(&format!("\n\n{}\n", m.bold(&m.text(p.related))));
        out.push_str(&passage_in(hit, answer.language, m));
    }
    out.push_str(&corrections_note(answer, m));
    out
}

/// Question words read as misspellings of known words: a blank line and a line, or nothing.
fn corrections_note(answer: &Answer, m: &dyn Markup) -> String {
    if answer.corrections.is_empty() {
        return String::new();
    }
    let list: Vec<String> = answer.corrections.iter().map(|(typed, known)| format!("“{typed}” → “{known}”")).collect();
    format!("\n\n{}", m.text(&format!("({}: {}.)", phrases::of(answer.language).read_as, list.join(", "))))
}

/// For a follow-up, how it was read with the previous question: a blank line and a line, or
/// nothing.
fn follow_up_note(answer: &Answer, m: &dyn Markup) -> String {
    match &answer.read_as {
        Some(read) => format!("\n\n{}", m.text(&format!("({}: “{read}”.)", phrases::of(answer.language).follow_up))),
        None => String::new(),
    }
}

/// For an answer as of a day and no headline figure to carry it: "(Per 17 November 2025.)", a
/// line and a blank line; or nothing.
fn as_of_note(answer: &Answer) -> String {
    let Some(day) = answer.as_of else { return String::new() };
    let as_of = (phrases::of(answer.language).as_of)(&day_in(day, answer.language));
    let mut chars = as_of.chars();
    let capitalised: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    format!("({capitalised}.)\n\n")
}

/// `day` as the reply's language writes it.
fn day_in(day: Day, language: Language) -> String {
    match language {
        Language::Id => day.indonesian(),
        Language::En => day.english(),
    }
}

/// A decline's note on the period asked: that there is nothing for it, and the years there
/// are for what was asked.
fn period_note(note: &PeriodNote, language: Language) -> String {
    let p = phrases::of(language);
    let years = |ys: &[i32]| enumerate(&ys.iter().map(i32::to_string).collect::<Vec<_>>(), language);
    let mut out = (p.no_data_for)(&years(&note.asked));
    if !note.known.is_empty() {
        out.push(' ');
        out.push_str(&(p.known_periods)(&note.topic, &years(&note.known)));
    }
    out
}

/// `items` as a sentence lists them: "2022, 2023 dan 2025".
fn enumerate(items: &[String], language: Language) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {} {last}", rest.join(", "), phrases::of(language).and),
        _ => items.join(""),
    }
}

/// The reply to a list question: one line per item, program facts first, each led by its
/// figures; an item whose figures an earlier line already gave is left out. Sources follow.
pub fn list(answer: &Answer, m: &dyn Markup) -> String {
    let mut items: Vec<&Hit> = answer.hits.iter().filter(|h| h.kind == HitKind::Fact).collect();
    items.extend(answer.hits.iter().filter(|h| h.kind != HitKind::Fact));
    let mut shown: Vec<&str> = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    let mut out = m.text(phrases::of(answer.language).list_intro);
    for hit in items {
        if !hit.figures.is_empty() && hit.figures.iter().all(|f| shown.contains(&f.as_str())) {
            continue;
        }
        shown.extend(hit.figures.iter().map(String::as_str));
        out.push_str("\n• ");
        if !hit.figures.is_empty() {
            out.push_str(&m.bold(&m.text(&hit.figures.join(", "))));
            out.push_str(" — ");
        }
        out.push_str(&snippet(hit, m));
        let source = source_line_in(hit, answer.language, m);
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    out.push_str("\n\n");
    out.push_str(&sources.join("\n"));
    out
}

/// One hit: the snippet with matched words emphasised, then its source.
pub fn passage(hit: &Hit, m: &dyn Markup) -> String {
    passage_in(hit, Language::Id, m)
}

/// [`passage`] with the citation in `language`.
pub fn passage_in(hit: &Hit, language: Language, m: &dyn Markup) -> String {
    let mut out = snippet(hit, m);
    out.push_str("\n\n");
    out.push_str(&source_line_in(hit, language, m));
    out
}

/// A hit's snippet with the matched words emphasised.
fn snippet(hit: &Hit, m: &dyn Markup) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in &hit.highlights {
        if r.start < at || r.end > hit.snippet.len() {
            continue;
        }
        out.push_str(&m.text(&hit.snippet[at..r.start]));
        out.push_str(&m.bold(&m.text(&hit.snippet[r.start..r.end])));
        at = r.end;
    }
    out.push_str(&m.text(&hit.snippet[at..]));
    out
}

/// `Sumber: Judul (Republika, 6 Februari 2024)` with the title linked where there is a URL.
pub fn source_line(hit: &Hit, m: &dyn Markup) -> String {
    source_line_in(hit, Language::Id, m)
}

/// [`source_line`] with "Sumber" in `language`.
pub fn source_line_in(hit: &Hit, language: Language, m: &dyn Markup) -> String {
    let source = phrases::of(language).source;
    let mut meta: Vec<String> = Vec::new();
    if let Some(s) = &hit.source {
        meta.push(s.clone());
    }
    if let Some(d) = hit.date {
        meta.push(d.indonesian());
    }
    let title = match &hit.url {
        Some(url) => m.link(&hit.title, url),
        None => m.text(&hit.title),
    };
    if meta.is_empty() {
        format!("{source}: {title}")
    } else {
        format!("{source}: {title} ({})", m.text(&meta.join(", ")))
    }
}

/// Said when the knowledge base has no programs.
pub const NO_PROGRAMS: &str = "Belum ada program di basis pengetahuan.";

/// The program list: a heading, then one line per program with its summary.
pub fn programs(list: &[Program], m: &dyn Markup) -> String {
    if list.is_empty() {
        return m.text(NO_PROGRAMS);
    }
    let mut out = m.bold(&m.text("Program di basis pengetahuan"));
    out.push('\n');
    for p in list {
        out.push_str(&format!("\n• {}", m.bold(&m.text(&p.name))));
        if !p.summary.is_empty() {
            out.push_str(&format!(": {}", m.text(&p.summary)));
        }
    }
    out
}

/// One program: its name and aliases, its summary, each fact, and the source of the first.
pub fn program(p: &Program, m: &dyn Markup) -> String {
    let mut out = m.bold(&m.text(&p.name));
    if !p.aliases.is_empty() {
        out.push_str(&format!(" ({})", m.text(&p.aliases.join(", "))));
    }
    if !p.summary.is_empty() {
        out.push_str(&format!("\n{}", m.text(&p.summary)));
    }
    for fact in &p.facts {
        out.push_str(&format!("\n\n• {}", m.text(&fact.snippet)));
    }
    if let Some(first) = p.facts.first() {
        out.push_str(&format!("\n\n{}", source_line(first, m)));
    }
    out
}

/// The polite "I don't know" with what the bot does know: the passage about the question's
/// topic when there is one, else the programs it can answer about.
pub fn declined(answer: &Answer, m: &dyn Markup) -> String {
    let p = phrases::of(answer.language);
    if let Some(note) = &answer.period {
        return format!("{}{}", m.text(&period_note(note, answer.language)), follow_up_note(answer, m));
    }
    if !answer.places.is_empty() {
        let mut out = m.text(&(p.no_data_for)(&enumerate(&answer.places, answer.language)));
        if let Some(topic) = answer.hits.first() {
            out = format!("{out} {}\n\n{}", m.text(p.known_on_topic), passage_in(topic, answer.language, m));
        }
        return out;
    }
    if let Some(topic) = answer.hits.first() {
        return format!("{}\n\n{}", m.text(p.not_found_topic), passage_in(topic, answer.language, m));
    }
    let mut out = m.text(p.not_found);
    if !answer.suggestions.is_empty() {
        out.push_str("\n\n");
        out.push_str(&m.text(p.can_answer));
        out.push_str(&m.text(&answer.suggestions.join(", ")));
        out.push('.');
        if let Some(example) = answer.examples.first() {
            out.push('\n');
            out.push_str(&m.text(&(p.example)(example)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_indonesian() {
        assert_eq!(indonesian_date("2024-02-06"), "6 Februari 2024");
        assert_eq!(indonesian_date("kemarin"), "kemarin");
    }

    #[test]
    fn html_escapes_knowledge_text() {
        assert_eq!(Html.text("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
        assert_eq!(Html.link("x<y", "https://a.b/?q=1&r=2"), "<a href=\"https://a.b/?q=1&amp;r=2\">x&lt;y</a>");
    }
}
