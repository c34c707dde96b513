//! Bytes to text: the charset a page declares, or the one it looks like.
//!
//! The order is the HTML standard's: a byte-order mark, then the HTTP header, then a
//! `<meta charset>` in the first 1024 bytes, then a guess (`chardetng`, Firefox's detector).
//! Labels go through `encoding_rs`, so `iso-8859-1` and `latin1` decode as windows-1252, as
//! browsers do. A page that declares UTF-8 but is not is guessed instead of filled with `�`.

use encoding_rs::{Encoding, UTF_8};

/// How far into a page the `<meta charset>` prescan looks, as in the HTML standard.
pub(crate) const PRESCAN_BYTES: usize = 1024;

/// Decodes an HTML page; `content_type` is the HTTP Content-Type when it came from the web.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let declared = content_type.and_then(header_charset).or_else(|| meta_charset(bytes));
    decode(bytes, declared)
}

/// Decodes a plain-text file: UTF-8 (with or without BOM) or a guessed legacy charset.
pub fn decode_text(bytes: &[u8]) -> String {
    decode(bytes, None)
}

fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    let encoding = match declared {
        Some(e) if e != UTF_8 || std::str::from_utf8(bytes).is_ok() => e,
        _ if std::str::from_utf8(bytes).is_ok() => UTF_8,
        _ => guess(bytes),
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

/// The `charset=` parameter of a Content-Type header.
fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim().eq_ignore_ascii_case("charset").then(|| label(value))?
    })
}

/// The charset a `<meta>` tag in the page's first bytes declares: `<meta charset="x">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let head: String = head.iter().map(|&b| (b as char).to_ascii_lowercase()).collect();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        let tag = &rest[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(pos) = tag.find("charset") {
            let value = tag[pos + "charset".len()..].trim_start();
            if let Some(value) = value.strip_prefix('=')
                && let Some(e) = label(value)
            {
                return Some(e);
            }
        }
        rest = &rest[at + "<meta".len()..];
    }
    None
}

/// An encoding label at the start of `value`, quotes and spaces around it ignored.
fn label(value: &str) -> Option<&'static Encoding> {
    let value = value.trim_start().trim_start_matches(['"', '\'']);
    let end =
        value.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))).unwrap_or(value.len());
    // As the standard's prescan: a UTF-16 label in an ASCII-compatible page means UTF-8, and
    // "replacement" is no encoding to decode with.
    Encoding::for_label_no_replacement(&value.as_bytes()[..end]).map(Encoding::output_encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOPERASI_1252: &[u8] = b"Kemenkop \x93mendorong\x94 koperasi \x96 caf\xe9";

    #[test]
    fn a_meta_charset_is_honoured() {
        let mut page = b"<html><head><meta charset='windows-1252'></head><body>".to_vec();
        page.extend_from_slice(KOPERASI_1252);
        assert!(decode_html(&page, None).contains("“mendorong” koperasi – café"));
    }

    #[test]
    fn iso_8859_1_decodes_as_windows_1252_as_browsers_do() {
        let mut page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">".to_vec();
        page.extend_from_slice(KOPERASI_1252);
        assert!(decode_html(&page, None).contains("“mendorong”"));
    }

    #[test]
    fn the_http_header_comes_before_the_meta_tag() {
        let page = b"<meta charset=utf-8>caf\xe9";
        assert!(decode_html(page, Some("text/html; charset=latin1")).ends_with("café"));
    }

    #[test]
    fn a_page_that_claims_utf8_but_is_not_is_guessed() {
        let mut page = b"<meta charset=utf-8><p>".to_vec();
        page.extend_from_slice(KOPERASI_1252);
        assert!(decode_html(&page, None).contains("café"));
    }

    #[test]
    fn a_page_cannot_declare_itself_utf16() {
        assert_eq!(decode_html(b"<meta charset=utf-16><p>Koperasi</p>", None), "<meta charset=utf-16><p>Koperasi</p>");
    }

    #[test]
    fn boms_win() {
        assert_eq!(decode_text(b"\xef\xbb\xbfhalo"), "halo");
        assert_eq!(decode_text(&[0xff, 0xfe, b'h', 0, b'i', 0]), "hi");
    }
}
