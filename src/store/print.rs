//! `tanyakop report` for people and for spreadsheets: a [`Report`] as aligned text or as CSV.

use std::io::{self, Write};
use std::time::Duration;

use super::report::{Period, PeriodCounts, Report, STALE_SOURCE_DAYS, TopQuestion};

fn period_name(p: Period) -> String {
    match p {
        Period::Today => "today (WIB)".to_string(),
        Period::Days(n) => format!("last {n} days"),
    }
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("-".to_string(), |d| format!("{:.1}", d.as_secs_f64() * 1000.0))
}

/// The report as text: one line per period, then the top lists.
pub fn text(mut out: impl Write, report: &Report) -> io::Result<()> {
    writeln!(
        out,
        "{:<16} {:>9} {:>9} {:>7} {:>5} {:>5} {:>10} {:>8} {:>7}",
        "period", "questions", "answered", "share", "up", "down", "median ms", "p95 ms", "stale"
    )?;
    for (period, c) in &report.periods {
        writeln!(
            out,
            "{:<16} {:>9} {:>9} {:>6.0}% {:>5} {:>5} {:>10} {:>8} {:>6.0}%",
            period_name(*period),
            c.questions,
            c.answered,
            100.0 * c.answered_share(),
            c.up,
            c.down,
            ms(c.median),
            ms(c.p95),
            100.0 * c.stale_share()
        )?;
    }
    writeln!(out, "\nstale: the share of answers whose source was over {STALE_SOURCE_DAYS} days old when asked")?;
    let stale_title = format!("Most often answered from a source over {STALE_SOURCE_DAYS} days old (refresh first)");
    for (title, list) in [
        ("Most asked", &report.most_asked),
        ("Most often unanswered", &report.most_unanswered),
        (stale_title.as_str(), &report.most_stale),
    ] {
        writeln!(out, "\n{title}:")?;
        if list.is_empty() {
            writeln!(out, "  (none)")?;
        }
        for (i, q) in list.iter().enumerate() {
            writeln!(out, "{:>3}. {} ({}x)", i + 1, q.question, q.times)?;
        }
    }
    Ok(())
}

/// The report as CSV, one table: a row per period (`section` = `period`; `stale` counts the
/// answers from a source over [`STALE_SOURCE_DAYS`] old), then a row per top question
/// (`most_asked`, `most_unanswered` or `most_stale`, its count under `questions`).
pub fn csv(out: impl Write, report: &Report) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(["section", "name", "questions", "answered", "up", "down", "median_ms", "p95_ms", "stale"])?;
    for (period, c) in &report.periods {
        let PeriodCounts { questions, answered, up, down, stale, median, p95 } = c;
        let n = |v: &u64| v.to_string();
        w.write_record([
            "period",
            &period_name(*period),
            &n(questions),
            &n(answered),
            &n(up),
            &n(down),
            &ms(*median),
            &ms(*p95),
            &n(stale),
        ])?;
    }
    let top = |section: &str, list: &[TopQuestion], w: &mut ::csv::Writer<_>| -> io::Result<()> {
        for q in list {
            w.write_record([section, &q.question, &q.times.to_string(), "", "", "", "", "", ""])?;
        }
        Ok(())
    };
    top("most_asked", &report.most_asked, &mut w)?;
    top("most_unanswered", &report.most_unanswered, &mut w)?;
    top("most_stale", &report.most_stale, &mut w)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        Report {
            periods: vec![(
                Period::Today,
                PeriodCounts {
                    questions: 4,
                    answered: 1,
                    up: 0,
                    down: 1,
                    stale: 1,
                    median: Some(Duration::from_micros(1500)),
                    p95: None,
                },
            )],
            most_asked: vec![TopQuestion { id: 1, question: "berapa bunga kur, \"tahun ini\"?".into(), times: 2 }],
            most_unanswered: Vec::new(),
            most_stale: vec![TopQuestion { id: 2, question: "bunga kur".into(), times: 1 }],
        }
    }

    #[test]
    fn csv_quotes_questions_with_commas_and_quotes() {
        let mut out = Vec::new();
        csv(&mut out, &report()).expect("written");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            [
                "section,name,questions,answered,up,down,median_ms,p95_ms,stale",
                "period,today (WIB),4,1,0,1,1.5,-,1",
                "most_asked,\"berapa bunga kur, \"\"tahun ini\"\"?\",2,,,,,,",
                "most_stale,bunga kur,1,,,,,,",
            ]
        );
    }

    #[test]
    fn text_shows_the_share_answered_and_the_lists() {
        let mut out = Vec::new();
        text(&mut out, &report()).expect("written");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains("today (WIB)") && text.contains("25%"), "{text}");
        assert!(text.contains("Most often unanswered:\n  (none)"), "{text}");
    }
}
