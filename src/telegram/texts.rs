//! What the bot says, in Indonesian, and answers written as Telegram HTML.

use std::time::Duration;

use crate::answer::Answer;
use crate::engine::KnowledgeStats;
use crate::render::{self, Html, Markup, escape_html, phrases};
use crate::store::{DownVote, Period, QuestionId, Report, STALE_SOURCE_DAYS, TopQuestion, report::PeriodCounts};

/// The greeting of `/start`, offering `examples` (questions the knowledge base answers).
pub fn start(examples: &[String]) -> String {
    let mut out = String::from(
        "Halo! 👋 Saya <b>tanyakop</b>, asisten yang menjawab pertanyaan seputar program Kementerian Koperasi dan Kementerian UMKM (dahulu Kementerian Koperasi dan UKM).",
    );
    if !examples.is_empty() {
        out.push_str("\n\nCoba tanyakan:");
        for e in examples {
            out.push_str(&format!("\n• {}", escape_html(e)));
        }
    }
    out.push_str("\n\nKetik /program untuk melihat daftar program, atau /help untuk bantuan.");
    out
}

/// `/help`, its example of a plain question taken from `examples`.
pub fn help(examples: &[String]) -> String {
    let example = examples.first().map(|e| format!(", misalnya “{}”", escape_html(e))).unwrap_or_default();
    format!(
        "<b>Yang bisa saya lakukan</b>\n\
• Kirim pertanyaan biasa{example}. Saya menjawab dengan angkanya lebih dulu, kalimat sumbernya, dan tautan beritanya.\n\
• /tanya &lt;pertanyaan&gt; — bertanya (di grup, gunakan ini atau sebut @nama bot).\n\
• /program — daftar program beserta faktanya.\n\
• Di chat mana pun, ketik @nama_bot lalu pertanyaan untuk mode inline.\n\n\
Jika jawabannya belum ada di basis pengetahuan, saya akan mengatakannya dengan jujur."
    )
}

/// The reply to `/tanya` with nothing after it.
pub fn empty_question(examples: &[String]) -> String {
    let example = examples.first().map(|e| format!(", misalnya: /tanya {}", escape_html(e))).unwrap_or_default();
    format!("Silakan tulis pertanyaannya setelah /tanya{example}")
}

pub const NOT_TEXT: &str = "Maaf, saya hanya bisa membaca pesan teks. Silakan ketik pertanyaan Anda. 🙏";
pub const FLOODED: &str = "Mohon tunggu sebentar sebelum bertanya lagi, agar grup tetap nyaman. 🙏";
pub const NOT_ADMIN: &str = "Maaf, perintah ini hanya untuk admin tanyakop.";
pub const UNKNOWN_COMMAND: &str =
    "Maaf, perintah itu tidak saya kenal. Ketik /help untuk melihat yang bisa saya lakukan.";
pub const THANKS_FOR_VOTING: &str = "Terima kasih atas penilaiannya! 🙏";
pub const STORE_UNAVAILABLE: &str = "Maaf, catatan pertanyaan sedang tidak dapat dibaca. Coba lagi sebentar lagi.";
pub const ADMINS_ONLY: &str = "Hanya admin yang dapat menyimpan jawaban resmi.";
pub const HANDED_OFF: &str =
    "Pertanyaan Anda sudah diteruskan ke petugas Kemenkop UKM. 🙏 Jawabannya akan dikirim di chat ini.";
pub const HANDED_OFF_ALREADY: &str =
    "Pertanyaan ini sudah diteruskan ke petugas dan sedang menunggu jawaban. Jawabannya akan dikirim di chat ini. 🙏";
pub const HANDOFF_FAILED: &str = "Maaf, pertanyaan Anda belum dapat diteruskan ke petugas. Silakan coba lagi nanti.";
pub const STAFF_ANSWER_DELIVERED: &str = "✅ Jawaban dikirim ke penanya.";
pub const STAFF_ANSWER_UNDELIVERED: &str =
    "❌ Jawaban tidak dapat dikirim ke penanya (mungkin bot telah diblokir). Tidak ada yang disimpan.";
pub const SAVE_AS_CURATED: &str = "💾 Simpan sebagai jawaban resmi";
pub const JAWAB_USAGE: &str = "Tulis nomor pertanyaan dari /unanswered (#12 ditulis 12) lalu jawabannya, misalnya:\n/jawab 12 Ajukan KUR langsung ke bank penyalur dengan membawa KTP dan NIB.";
pub const EXPIRED: &str = "Pertanyaan ini sudah terlalu lama. Silakan bertanya lagi.";
pub const DOWNLOAD_FAILED: &str = "❌ Berkas tidak dapat diunduh dari Telegram. Silakan kirim lagi sebentar lagi.";
pub const UPLOAD_PRIVATE_ONLY: &str = "Unggah artikel lewat chat pribadi dengan bot, bukan di grup.";
pub const UPLOAD_NOT_MD: &str = "Berkas artikel harus berformat Markdown (.md). Lihat README untuk formatnya.";

/// The reply for hit `n` of `answer`, as Telegram HTML.
pub fn answer_html(answer: &Answer, n: usize) -> String {
    render::reply_hit(answer, n, &Html)
}

/// `/stats` for admins: the index, then questions, votes, answer times and answers from old
/// sources per period, then the questions asked most, left unanswered most, and answered most
/// from old sources (what to refresh first).
pub fn stats(uptime: Duration, s: &KnowledgeStats, report: &Report) -> String {
    let secs = uptime.as_secs();
    let mut out = format!(
        "<b>Statistik tanyakop</b>\n\
         Aktif sejak: {} jam {} menit\n\
         Artikel: {}, passage: {}, fakta: {}, program: {}\n",
        secs / 3600,
        (secs % 3600) / 60,
        s.articles,
        s.passages,
        s.facts,
        s.programs,
    );
    for (period, counts) in &report.periods {
        out.push_str(&format!("\n<b>{}</b>\n{}", period_name(*period), period_lines(counts)));
    }
    out.push_str(&top_list("\n<b>Paling sering ditanyakan</b>\n", &report.most_asked));
    out.push_str(&top_list("\n<b>Paling sering tidak terjawab</b>\n", &report.most_unanswered));
    out.push_str(&top_list(
        &format!("\n<b>Paling sering dijawab dari sumber lebih dari {STALE_MONTHS} bulan</b> (perbarui dulu)\n"),
        &report.most_stale,
    ));
    out
}

/// [`STALE_SOURCE_DAYS`] in months, as staff read it.
const STALE_MONTHS: i64 = STALE_SOURCE_DAYS / 30;

fn period_name(p: Period) -> String {
    match p {
        Period::Today => "Hari ini".to_string(),
        Period::Days(n) => format!("{n} hari terakhir"),
    }
}

fn period_lines(c: &PeriodCounts) -> String {
    let share = if c.questions == 0 { "-".to_string() } else { format!("{:.0}%", 100.0 * c.answered_share()) };
    let stale = if c.answered == 0 { "-".to_string() } else { format!("{:.0}%", 100.0 * c.stale_share()) };
    let ms = |d: Option<Duration>| d.map_or("-".to_string(), |d| format!("{:.1} ms", d.as_secs_f64() * 1000.0));
    format!(
        "Pertanyaan: {}, terjawab {} ({share})\nPenilaian: 👍 {} · 👎 {}\nWaktu jawab: median {}, p95 {}\n\
         Jawaban dari sumber lebih dari {STALE_MONTHS} bulan: {} ({stale})\n",
        c.questions,
        c.answered,
        c.up,
        c.down,
        ms(c.median),
        ms(c.p95),
        c.stale,
    )
}

fn top_list(title: &str, top: &[TopQuestion]) -> String {
    if top.is_empty() {
        return String::new();
    }
    let mut out = title.to_string();
    for (i, q) in top.iter().enumerate() {
        out.push_str(&format!("{}. {} — {}×\n", i + 1, escape_html(&q.question), q.times));
    }
    out
}

/// `/unanswered` for admins.
pub fn unanswered(top: &[TopQuestion]) -> String {
    if top.is_empty() {
        return "Belum ada pertanyaan yang tidak terjawab. 👍".to_string();
    }
    let mut out = String::from("<b>Pertanyaan yang belum terjawab</b> (terbanyak dulu):\n");
    for q in top {
        out.push_str(&format!("#{} {} — {}×\n", q.id, escape_html(&q.question), q.times));
    }
    let example = top.first().map_or(1, |q| q.id);
    out.push_str(&format!("\nUntuk menjawab: /jawab &lt;nomor&gt; &lt;jawaban&gt;, misalnya /jawab {example} …"));
    out
}

/// `/masukan` for admins: recent 👎, each with the question and what the bot showed
/// (`shown`: the passage's text, or `None` when the bot declined or the passage is gone).
pub fn down_votes(votes: &[(DownVote, Option<String>)]) -> String {
    if votes.is_empty() {
        return "Belum ada penilaian 👎. 👍".to_string();
    }
    let mut out = String::from("<b>Penilaian 👎 terbaru</b>\n");
    for (i, (vote, shown)) in votes.iter().enumerate() {
        let shown = match (shown, &vote.passage) {
            (Some(text), _) => escape_html(&shorten(text, SHOWN_CHARS)),
            (None, Some(id)) => format!("<i>{}</i> (sudah tidak ada)", escape_html(id)),
            (None, None) => "<i>tidak terjawab</i>".to_string(),
        };
        out.push_str(&format!("\n{}. <b>{}</b>\n↳ {shown}\n", i + 1, escape_html(&vote.question)));
    }
    out
}

/// Characters of an answer shown in `/masukan`.
const SHOWN_CHARS: usize = 160;

fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// `/jawab` with a number that is no unanswered question kept.
pub fn jawab_unknown(id: QuestionId) -> String {
    format!("Tidak ada pertanyaan belum terjawab bernomor #{id}. Ketik /unanswered untuk melihat nomornya.")
}

/// `/jawab` saved: the question (as the store keeps it) now has a curated answer. Sent before
/// the answer goes to anyone waiting for it.
pub fn jawab_saved(question: &str) -> String {
    format!(
        "✅ Jawaban resmi untuk “{}” disimpan di faq.toml dan basis pengetahuan dimuat ulang.",
        escape_html(question)
    )
}

/// After [`jawab_saved`]: how many waiting chats were sent the answer.
pub fn jawab_delivered(sent: usize) -> String {
    match sent {
        0 => "Belum ada penanya di chat pribadi yang menunggu jawabannya.".to_string(),
        n => format!("Jawaban dikirim ke {n} penanya yang menunggunya."),
    }
}

/// A hand-off as posted in the staff group: who asked (first name only) and the question.
pub fn handoff_post(first_name: &str, question: &str) -> String {
    format!(
        "🙋 <b>Pertanyaan dari {}</b>\n“{}”\n\n<i>Balas pesan ini untuk menjawab; balasan Anda dikirim ke penanya.</i>",
        escape_html(first_name),
        escape_html(question)
    )
}

/// A staff member's answer reaching who asked.
pub fn staff_answer(question: &str, answer: &str) -> String {
    format!("<b>Jawaban petugas</b> untuk pertanyaan Anda “{}”:\n\n{}", escape_html(question), escape_html(answer))
}

/// A curated answer reaching someone whose question went unanswered.
pub fn now_answered(question: &str, answer: &str) -> String {
    format!(
        "Pertanyaan Anda “{}” sekarang sudah terjawab:\n\n<b>{}</b>\n{}",
        escape_html(question),
        escape_html(phrases::of(crate::answer::Language::Id).curated),
        escape_html(answer)
    )
}

/// The result of `/reload` or an upload.
pub fn reloaded(what: &str, s: &KnowledgeStats, took: std::time::Duration) -> String {
    format!(
        "✅ {what}\nArtikel: {}, passage: {}, fakta: {}, program: {}. Waktu: {} ms.",
        s.articles,
        s.passages,
        s.facts,
        s.programs,
        took.as_millis()
    )
}

/// Problems that stopped a reload or an upload, one per line, HTML-escaped.
pub fn problems(intro: &str, problems: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut out = format!("❌ {intro}\n<pre>");
    for p in problems.iter().take(SHOWN) {
        out.push_str(&Html.text(p));
        out.push('\n');
    }
    out.push_str("</pre>");
    if problems.len() > SHOWN {
        out.push_str(&format!("\n… dan {} masalah lain.", problems.len() - SHOWN));
    }
    out
}

pub const IMPORT_CANCELLED: &str = "Dibatalkan; tidak ada yang disimpan.";
pub const IMPORT_EXPIRED: &str = "Pratinjau ini sudah kedaluwarsa atau sudah diproses. Kirim ulang dokumennya.";
pub const IMPORT_ADMINS_ONLY: &str = "Hanya admin yang dapat menyimpan artikel.";
pub const IMPORT_BUSY: &str = "⏳ Dokumen lain sedang dibaca. Kirim lagi sebentar lagi.";
pub const IMPORT_TOO_SLOW: &str =
    "❌ Dokumen ini terlalu lama diproses. Coba versi yang lebih kecil atau berformat lain.";

/// How many figures an import preview lists, and how much of each sentence it shows.
const PREVIEW_FIGURES: usize = 8;
const PREVIEW_SENTENCE_CHARS: usize = 220;

/// The preview of an imported document: what will be written, for the admin to check before
/// pressing "Simpan".
pub fn import_preview(d: &crate::import::Draft) -> String {
    let or_missing = |v: &Option<String>, f: fn(&str) -> String| {
        v.as_deref().map_or_else(|| "<i>tidak ditemukan</i>".to_string(), |s| escape_html(&f(s)))
    };
    let mut out = format!(
        "📄 <b>Pratinjau artikel</b>\n<b>Judul:</b> {}\n<b>Tanggal:</b> {}\n<b>Sumber:</b> {}\n",
        escape_html(&d.title),
        or_missing(&d.date, render::indonesian_date),
        or_missing(&d.source, str::to_string),
    );
    if let Some(url) = &d.url {
        out.push_str(&format!("<b>Tautan:</b> {}\n", escape_html(url)));
    }
    let programs = if d.program_names.is_empty() {
        "<i>tidak terdeteksi</i>".to_string()
    } else {
        escape_html(&d.program_names.join(", "))
    };
    out.push_str(&format!("<b>Program:</b> {programs}\n<b>Paragraf:</b> {}\n", d.paragraphs));
    if d.figures.is_empty() {
        out.push_str("<b>Angka:</b> <i>tidak ada</i>\n");
    } else {
        out.push_str(&format!("<b>Angka yang ditemukan ({}):</b>\n", d.figures.len()));
        for f in d.figures.iter().take(PREVIEW_FIGURES) {
            let sentence: String = f.sentence.chars().take(PREVIEW_SENTENCE_CHARS).collect();
            let cut = if sentence.len() < f.sentence.len() { "…" } else { "" };
            out.push_str(&format!("• <b>{}</b>: {}{cut}\n", escape_html(&f.figure), escape_html(&sentence)));
        }
        if d.figures.len() > PREVIEW_FIGURES {
            out.push_str(&format!("… dan {} angka lain.\n", d.figures.len() - PREVIEW_FIGURES));
        }
    }
    let target = format!("<code>articles/{}.md</code>", escape_html(&d.slug));
    if d.replaces {
        out.push_str(&format!("\nAkan <b>menggantikan</b> {target}. Simpan ke basis pengetahuan?"));
    } else {
        out.push_str(&format!("\nAkan disimpan sebagai {target}. Simpan ke basis pengetahuan?"));
    }
    out
}

/// Why a document or link was not imported, for the admin; nothing has changed.
pub fn import_refused(e: &crate::import::ImportError) -> String {
    use crate::import::ImportError as E;
    let kib = |n: u64| n.div_ceil(1024);
    match e {
        E::TooLarge { size, limit } => {
            format!("❌ Berkas terlalu besar ({} KiB). Batasnya {} KiB.", kib(*size), kib(*limit))
        }
        E::Unsupported => {
            "❌ Jenis berkas ini tidak bisa dibaca. Kirim halaman web (HTML), PDF berteks, Word (.docx), .txt atau .md."
                .into()
        }
        E::LegacyWord => "❌ Ini berkas Word lama (.doc). Simpan sebagai .docx, lalu kirim lagi.".into(),
        E::ScannedPdf => "❌ PDF ini tidak berisi teks; kirim versi teks atau Word.".into(),
        E::EncryptedPdf => "❌ PDF ini dilindungi kata sandi. Kirim versi tanpa kata sandi.".into(),
        E::BrokenPdf(_) => "❌ PDF ini rusak atau tidak dapat dibaca.".into(),
        E::ZipBomb { limit } => {
            format!("❌ Berkas Word ini mengembang melebihi {} MiB saat dibuka, jadi ditolak.", limit / (1024 * 1024))
        }
        E::BrokenDocx(_) => "❌ Berkas Word ini rusak atau bukan .docx.".into(),
        E::NoArticle => "❌ Tidak ada teks artikel di dokumen ini (hanya menu, iklan atau tautan).".into(),
        E::NoTitle => "❌ Dokumen ini tidak punya judul. Tambahkan judul di baris pertama, lalu kirim lagi.".into(),
        E::TooLong { size, limit } => format!(
            "❌ Artikelnya terlalu panjang ({} KiB; batas {} KiB). Pecah menjadi beberapa dokumen.",
            kib(*size as u64),
            kib(*limit)
        ),
        E::Duplicate(slug) => format!(
            "ℹ️ Teks yang sama sudah ada di <code>articles/{}.md</code>. Tidak ada yang diubah.",
            escape_html(slug)
        ),
        E::UnknownProgram(id) => format!("❌ Program <code>{}</code> tidak ada di programs.toml.", escape_html(id)),
        E::Refused(_) => "❌ Tautan ditolak: hanya alamat http(s) ke situs publik yang bisa diambil.".into(),
        E::Download(_) => "❌ Halaman tidak dapat diunduh. Periksa tautannya, atau coba lagi nanti.".into(),
        E::Invalid(lines) => problems("Artikel ditolak; tidak ada yang diubah:", lines),
        E::Io(_) => {
            "❌ Berkas tidak dapat dibaca atau ditulis di server. Silakan coba lagi; jika berulang, periksa log.".into()
        }
    }
}
