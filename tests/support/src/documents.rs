//! Test documents built in code: PDFs laid out line by line (running headers, page numbers,
//! wrapped lines), a PDF with no text (as a scan has none), a password-protected PDF, Word
//! files, and a Word file whose body expands past the import cap.

use std::io::{Cursor, Write};

use lopdf::content::{Content, Operation};
use lopdf::{Document, EncryptionState, EncryptionVersion, Object, Permissions, Stream, dictionary};

/// Points between two lines of 11-point text; a blank line in a page's list leaves one line
/// of space, which is how a PDF shows a paragraph break.
const LEADING: i64 = 14;

/// A PDF of `pages`, each a list of lines from the top; `""` leaves a line's space. `header`
/// is printed at the top of every page and `Halaman N dari M` at its foot. `title` goes in
/// the document information dictionary.
pub fn pdf(title: Option<&str>, header: Option<&str>, pages: &[Vec<&str>]) -> Vec<u8> {
    let mut doc = build_pdf(title, header, pages);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("the PDF is written");
    out
}

/// A one-page PDF that draws a filled box and no text, as a scanned page has none.
pub fn pdf_without_text() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let ops =
        vec![Operation::new("re", vec![50.into(), 50.into(), 400.into(), 600.into()]), Operation::new("f", vec![])];
    let pages_id = doc.new_object_id();
    let content_id =
        doc.add_object(Stream::new(dictionary! {}, Content { operations: ops }.encode().expect("content")));
    let page_id = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id });
    finish(&mut doc, pages_id, vec![page_id], None);
    saved(doc)
}

/// A PDF whose page draws a form that draws itself: a reader without a depth limit recurses
/// until its stack overflows, which aborts the process.
pub fn pdf_drawing_itself() -> Vec<u8> {
    pdf_drawing_itself_as("Form")
}

/// [`pdf_drawing_itself`], with the XObject's `Subtype` given: `pdf-extract` reads whatever
/// stream is drawn as drawing commands, an image's data too.
pub fn pdf_drawing_itself_as(subtype: &str) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let form_id = doc.new_object_id();
    let resources = dictionary! { "XObject" => dictionary! { "Fm1" => form_id } };
    let draw = Content { operations: vec![Operation::new("Do", vec![Object::Name(b"Fm1".to_vec())])] }
        .encode()
        .expect("content");
    let form = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => subtype, "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()], "Resources" => resources.clone() },
        draw.clone(),
    );
    doc.objects.insert(form_id, Object::Stream(form));
    let content_id = doc.add_object(Stream::new(dictionary! {}, draw));
    let resources_id = doc.add_object(resources);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id, "Resources" => resources_id,
    });
    finish(&mut doc, pages_id, vec![page_id], None);
    saved(doc)
}

/// A PDF whose text is drawn by the last of `depth` forms, each drawing the next `draws`
/// times (as layout programs nest them), with a JPEG-like image drawn beside them. No form
/// has resources of its own: each uses its caller's.
pub fn pdf_with_form_chain(lines: &[&str], depth: usize, draws: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = helvetica(&mut doc);
    let mut ops = text_lines(lines);
    let mut xobjects = lopdf::Dictionary::new();
    for level in (0..depth).rev() {
        let operations = if level + 1 == depth {
            std::mem::take(&mut ops)
        } else {
            vec![Operation::new("Do", vec![Object::Name(format!("Bingkai{}", level + 1).into_bytes())]); draws]
        };
        let bbox = vec![0.into(), 0.into(), 595.into(), 842.into()];
        let content = Content { operations }.encode().expect("content");
        let form = doc
            .add_object(Stream::new(dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => bbox }, content));
        xobjects.set(format!("Bingkai{level}"), form);
    }
    // Bytes that are no drawing commands, as a JPEG's are not.
    let pixels: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let image = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 100, "Height" => 200, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "DCTDecode" },
        pixels,
    ));
    xobjects.set("Logo", image);
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id }, "XObject" => xobjects });
    let draw = Content {
        operations: vec![
            Operation::new("Do", vec![Object::Name(b"Logo".to_vec())]),
            Operation::new("Do", vec![Object::Name(b"Bingkai0".to_vec())]),
        ],
    };
    let content_id = doc.add_object(Stream::new(dictionary! {}, draw.encode().expect("content")));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id, "Resources" => resources,
    });
    finish(&mut doc, pages_id, vec![page_id], None);
    saved(doc)
}

/// A PDF where one form is drawn twice on the way down, under different resources, and so
/// ends: the page's resources name `Luar` (A, with none of its own) and `Dalam` (B, with its
/// own); A draws `Dalam`, B draws `Luar`, which in B's resources is A again, and A there
/// draws `Dalam`, which in B's resources is the text.
pub fn pdf_with_a_form_drawn_again_under_other_resources(lines: &[&str]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = helvetica(&mut doc);
    let ops = text_lines(lines);
    let form = |doc: &mut Document, operations: Vec<Operation>, resources: Option<lopdf::Dictionary>| {
        let mut dict = dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] };
        if let Some(r) = resources {
            dict.set("Resources", r);
        }
        doc.add_object(Stream::new(dict, Content { operations }.encode().expect("content")))
    };
    let draw = |name: &str| vec![Operation::new("Do", vec![Object::Name(name.as_bytes().to_vec())])];
    let text = form(&mut doc, ops, None);
    let a = form(&mut doc, draw("Dalam"), None);
    let b_resources = dictionary! { "Font" => dictionary! { "F1" => font_id }, "XObject" => dictionary! { "Luar" => a, "Dalam" => text } };
    let b = form(&mut doc, draw("Luar"), Some(b_resources));
    let resources = doc.add_object(dictionary! { "XObject" => dictionary! { "Luar" => a, "Dalam" => b } });
    let content_id =
        doc.add_object(Stream::new(dictionary! {}, Content { operations: draw("Luar") }.encode().expect("content")));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id, "Resources" => resources,
    });
    finish(&mut doc, pages_id, vec![page_id], None);
    saved(doc)
}

/// A PDF whose page content inflates to `inflated` bytes of zeros from about a thousandth of
/// that: a reader that inflates without a cap runs out of memory. The zlib stream is valid:
/// one compressed mebibyte, flushed to a byte boundary, repeated, then a final empty block and
/// the checksum.
pub fn pdf_inflating_to(inflated: usize) -> Vec<u8> {
    const CHUNK: usize = 1024 * 1024;
    let mut deflate = flate2::Compress::new(flate2::Compression::best(), false);
    let mut chunk = Vec::with_capacity(CHUNK / 512);
    deflate.compress_vec(&vec![0; CHUNK], &mut chunk, flate2::FlushCompress::Sync).expect("deflate");
    assert_eq!(deflate.total_in(), CHUNK as u64, "the whole mebibyte fits the buffer, compressed");
    let copies = inflated.div_ceil(CHUNK);
    let mut zlib = vec![0x78, 0x01];
    for _ in 0..copies {
        zlib.extend_from_slice(&chunk);
    }
    zlib.extend_from_slice(&[0x03, 0x00]);
    // Adler-32 of zeros: the sum of bytes stays 1, the sum of sums is the length.
    let length = ((copies * CHUNK) % 65_521) as u32;
    zlib.extend_from_slice(&((length << 16) | 1).to_be_bytes());

    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content_id =
        doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, zlib).with_compression(false));
    let page_id = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id });
    finish(&mut doc, pages_id, vec![page_id], None);
    saved(doc)
}

/// A PDF that opens only with the password `rahasia`.
pub fn encrypted_pdf() -> Vec<u8> {
    let mut doc = build_pdf(Some("Rahasia"), None, &[vec!["Dokumen internal dengan kata sandi."; 20]]);
    doc.trailer.set("ID", vec![Object::string_literal("0123456789abcdef"), Object::string_literal("0123456789abcdef")]);
    let version = EncryptionVersion::V1 {
        document: &doc,
        owner_password: "pemilik",
        user_password: "rahasia",
        permissions: Permissions::all(),
    };
    let state = EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("the PDF is encrypted");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("the PDF is written");
    out
}

fn build_pdf(title: Option<&str>, header: Option<&str>, pages: &[Vec<&str>]) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for (n, lines) in pages.iter().enumerate() {
        let mut ops = Vec::new();
        let line = |ops: &mut Vec<Operation>, y: i64, text: &str| {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
            ops.push(Operation::new("Td", vec![72.into(), y.into()]));
            ops.push(Operation::new("Tj", vec![Object::string_literal(text)]));
            ops.push(Operation::new("ET", vec![]));
        };
        if let Some(h) = header {
            line(&mut ops, 800, h);
        }
        let mut y = 760;
        for text in lines {
            if !text.is_empty() {
                line(&mut ops, y, text);
            }
            y -= LEADING;
        }
        line(&mut ops, 40, &format!("Halaman {} dari {}", n + 1, pages.len()));
        let content_id =
            doc.add_object(Stream::new(dictionary! {}, Content { operations: ops }.encode().expect("content")));
        kids.push(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id, "Resources" => resources_id,
        }));
    }
    finish(&mut doc, pages_id, kids, title);
    doc
}

/// Helvetica as `F1`, the font every test PDF's text is set in.
fn helvetica(doc: &mut Document) -> lopdf::ObjectId {
    doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    })
}

/// Drawing commands setting `lines` in 11-point `F1` from the top of the page down.
fn text_lines(lines: &[&str]) -> Vec<Operation> {
    let mut ops = Vec::new();
    for (i, text) in lines.iter().enumerate() {
        ops.push(Operation::new("BT", vec![]));
        ops.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
        ops.push(Operation::new("Td", vec![72.into(), (760 - LEADING * i as i64).into()]));
        ops.push(Operation::new("Tj", vec![Object::string_literal(*text)]));
        ops.push(Operation::new("ET", vec![]));
    }
    ops
}

/// The document's bytes.
fn saved(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("the PDF is written");
    out
}

fn finish(doc: &mut Document, pages_id: lopdf::ObjectId, kids: Vec<lopdf::ObjectId>, title: Option<&str>) {
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids.into_iter().map(Object::Reference).collect::<Vec<_>>(),
            "Count" => count,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    if let Some(t) = title {
        let info = doc.add_object(dictionary! { "Title" => Object::string_literal(t), "CreationDate" => Object::string_literal("D:20240315090000+07'00'") });
        doc.trailer.set("Info", info);
    }
}

/// A Word file with the title property `title`, created on `created` (ISO 8601), whose body
/// is `heading` (styled Title) and `paragraphs`.
pub fn docx(title: Option<&str>, created: &str, heading: &str, paragraphs: &[&str]) -> Vec<u8> {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut body =
        format!(r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>"#, esc(heading));
    for p in paragraphs {
        // Split each paragraph over two runs, as Word does when formatting changes mid-way.
        let mid = p.char_indices().nth(p.chars().count() / 2).map_or(0, |(i, _)| i);
        let (a, b) = p.split_at(mid);
        body.push_str(&format!(
            r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(a),
            esc(b)
        ));
    }
    let core_title = title.map(|t| format!("<dc:title>{}</dc:title>", esc(t))).unwrap_or_default();
    zip_parts(&[
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/document.xml", format!("{DOCUMENT_HEAD}<w:body>{body}</w:body></w:document>")),
        (
            "docProps/core.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{core_title}<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created></cp:coreProperties>"#
            ),
        ),
    ])
}

/// A Word file whose `document.xml` expands to `expanded` bytes of spaces: a few kilobytes
/// compressed.
pub fn docx_bomb(expanded: usize) -> Vec<u8> {
    let filler = " ".repeat(expanded);
    zip_parts(&[
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        (
            "word/document.xml",
            format!("{DOCUMENT_HEAD}<w:body><w:p><w:r><w:t>{filler}</w:t></w:r></w:p></w:body></w:document>"),
        ),
    ])
}

fn zip_parts(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

const DOCUMENT_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#;
const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
