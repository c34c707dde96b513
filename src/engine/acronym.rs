//! Abbreviations spelt out: whether a passage gives the long form of an abbreviation the
//! question asks about ("Apa kepanjangan LIPI?" → "Lembaga Ilmu Pengetahuan Indonesia (LIPI)").
//!
//! Indonesian abbreviations are made of initials (BPS, LIPI) or of the first syllables of the
//! words (Bappenas, Puskopad, Kemenkop), so a long form matches when the abbreviation splits into
//! a non-empty beginning of each of its words, in order. Connecting words ("dan", "of") may be
//! skipped. The words must be capitalised, unless the abbreviation follows them in parentheses
//! ("usaha mikro, kecil, dan menengah (UMKM)").

use crate::language::{Word, words};

/// Words between the capitalised words of a long form that an abbreviation may leave out.
const CONNECTORS: &[&str] = &["and", "dan", "dari", "for", "of", "the", "untuk"];

/// Most words a long form spans.
const MAX_LONG_FORM_WORDS: usize = 10;

/// Most words between an abbreviation and its long form ("Badan Pusat Statistik (BPS)",
/// "BPS (Badan Pusat Statistik)", "LIPI, Lembaga Ilmu Pengetahuan Indonesia").
const MAX_GAP: usize = 2;

/// Whether `text` spells out `abbreviation` (lower-case) next to where it uses it.
pub fn spelt_out(text: &str, abbreviation: &str) -> bool {
    let short: Vec<char> = abbreviation.chars().collect();
    if short.len() < 2 || !short.iter().all(|c| c.is_alphabetic()) {
        return false;
    }
    let ws: Vec<Word<'_>> = words(text).collect();
    let lower: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
    let capitalised = |i: usize| ws[i].text.chars().next().is_some_and(char::is_uppercase);
    let uses: Vec<usize> = (0..ws.len()).filter(|&i| lower[i] == abbreviation).collect();
    // A long form in lower case is common in government text, "usaha mikro, kecil, dan menengah
    // (UMKM)"; it counts only right before the abbreviation in parentheses, where the words
    // cannot be anything else.
    for &u in &uses {
        if text[..ws[u].start].trim_end().ends_with('(')
            && (u.saturating_sub(MAX_LONG_FORM_WORDS)..u.saturating_sub(1))
                .any(|start| abbreviates(&short, &lower[start..u]))
        {
            return true;
        }
    }
    for start in (0..ws.len()).filter(|&i| capitalised(i) && lower[i] != abbreviation) {
        for end in start + 1..(start + MAX_LONG_FORM_WORDS).min(ws.len()) {
            if lower[end] == abbreviation || (!capitalised(end) && !CONNECTORS.contains(&lower[end].as_str())) {
                break;
            }
            if !capitalised(end) {
                continue;
            }
            // After the long form, the abbreviation may also close the same run of names
            // ("Pusat Layanan Usaha Terpadu Koperasi dan UMKM (PLUT-KUMKM)").
            let same_run = |u: usize| (end + 1..u).all(|k| capitalised(k) || CONNECTORS.contains(&lower[k].as_str()));
            let near = uses.iter().any(|&u| {
                (u > end && (u - end <= MAX_GAP + 1 || same_run(u))) || (u < start && start - u <= MAX_GAP + 1)
            });
            if near && abbreviates(&short, &lower[start..=end]) {
                return true;
            }
        }
    }
    false
}

/// Whether `short` splits into a non-empty beginning of every word of `long` in order,
/// connectors optional.
fn abbreviates(short: &[char], long: &[String]) -> bool {
    let long: Vec<Vec<char>> = long.iter().map(|w| w.chars().collect()).collect();
    // can[i][j]: short[i..] is made from long[j..].
    let mut can = vec![vec![false; long.len() + 1]; short.len() + 1];
    can[short.len()][long.len()] = true;
    for j in (0..long.len()).rev() {
        let optional = CONNECTORS.iter().any(|c| c.chars().eq(long[j].iter().copied()));
        for i in (0..=short.len()).rev() {
            let mut ok = optional && can[i][j + 1];
            let mut k = 0;
            while !ok && i + k < short.len() && k < long[j].len() && short[i + k] == long[j][k] {
                k += 1;
                ok = can[i + k][j + 1];
            }
            can[i][j] = ok;
        }
    }
    can[0][0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_syllables_both_spell_out() {
        assert!(spelt_out("Peneliti Lembaga Ilmu Pengetahuan Indonesia (LIPI) datang.", "lipi"));
        assert!(spelt_out("Data BPS (Badan Pusat Statistik) menunjukkan", "bps"));
        assert!(spelt_out("Menurut Badan Perencanaan Pembangunan Nasional (Bappenas), target", "bappenas"));
        assert!(spelt_out("di bawah Perserikatan Bangsa-Bangsa (PBB) itu", "pbb"));
        assert!(spelt_out("Pusat Layanan Usaha Terpadu Koperasi dan UMKM (PLUT-KUMKM)", "plut"));
        assert!(spelt_out("Kementerian Koperasi dan UKM (Kemenkop UKM)", "kemenkop"));
        assert!(spelt_out("koperasi serta usaha mikro, kecil, dan menengah (UMKM) di Indonesia", "umkm"));
    }

    #[test]
    fn a_mere_mention_is_not_a_long_form() {
        // The abbreviation beside capitalised words that do not make it.
        assert!(!spelt_out("Kepala LIPI, Prof Umar A Jenie, mengatakan", "lipi"));
        assert!(!spelt_out("Lembaga Ilmu Pengetahuan Indonesia menerbitkan laporan.", "lipi"));
        // The long form must stand next to the abbreviation.
        assert!(!spelt_out(
            "Lembaga Ilmu Pengetahuan Indonesia menerbitkan laporan yang dikutip lagi oleh LIPI.",
            "lipi"
        ));
        assert!(!spelt_out("", "lipi"));
        // Lower-case words spell nothing out unless the abbreviation follows in parentheses.
        assert!(!spelt_out("usaha mikro kecil menengah UMKM", "umkm"));
        assert!(!spelt_out("KUR 2024", "2024"));
    }
}
