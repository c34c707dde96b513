//! The console surface: an interactive chat on standard input and output, with the same
//! answers the Telegram bot gives.

use std::io::{BufRead, IsTerminal, Write};

use crate::answer::Language;
use crate::engine::Engine;
use crate::render::{self, Ansi, Markup, Plain};

/// The greeting, with an example question the knowledge base answers.
fn greeting(engine: &Engine) -> String {
    let example = engine.examples(Language::Id).first().map(|e| format!("\nContoh: “{e}”")).unwrap_or_default();
    format!(
        "Halo! Saya tanyakop. Tanyakan apa saja tentang program Kementerian Koperasi dan Kementerian UMKM.{example}\n\
Ketik /program untuk daftar program, /keluar untuk selesai."
    )
}

/// Runs the chat until end of input or `/keluar`.
pub fn chat(engine: &Engine, input: impl BufRead, mut out: impl Write) -> std::io::Result<()> {
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let markup: &dyn Markup = if interactive { &Ansi } else { &Plain };
    writeln!(out, "{}", greeting(engine))?;
    prompt(&mut out, interactive)?;
    // The last question answered, which a short follow-up is read with.
    let mut previous: Option<String> = None;
    for line in input.lines() {
        let line = line?;
        let q = line.trim();
        match q {
            "" => {}
            "/keluar" | "keluar" | "/exit" | "/quit" => break,
            "/program" => writeln!(out, "{}\n", render::programs(&engine.programs(), markup))?,
            _ => {
                let answer = engine.ask_after(q, previous.as_deref());
                if answer.answers_a_question() {
                    previous = Some(answer.question.clone());
                }
                writeln!(out, "{}\n", render::reply(&answer, markup))?;
            }
        }
        prompt(&mut out, interactive)?;
    }
    writeln!(out, "Sampai jumpa!")?;
    Ok(())
}

fn prompt(out: &mut impl Write, interactive: bool) -> std::io::Result<()> {
    if interactive {
        write!(out, "Tanya> ")?;
        out.flush()?;
    }
    Ok(())
}
