//! News pages: the article's own text, title, date, publisher and address.
//!
//! The page is parsed by html5ever (through `dom_query`); what is plainly page furniture
//! (menus, headers and footers, "Baca Juga" and related-news boxes, share buttons, ads,
//! captions, comments) is removed by element and class, and `dom_smoothie`, a port of
//! Firefox's readability, picks the article body from what remains. Metadata is read before
//! anything is removed, since bylines and datelines often sit in the furniture.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::{Extracted, ImportError, date, dateline, squash};

/// Elements and classes removed before readability scores the page. Classes are matched as
/// substrings, so `baca-juga`, `related-news` and `share-box` all go; gathered from the
/// templates of Indonesian news sites (detik, kompas, republika, antara, kemenkopukm.go.id).
const FURNITURE_ELEMENTS: &str = "script, style, noscript, template, iframe, form, nav, header, footer, aside, \
    figcaption, [role=navigation], [role=banner], [role=contentinfo], [role=complementary]";

/// Class (and id) fragments of furniture boxes. Never applied to `html`, `body`, `main` or
/// `article`: WordPress gives those its taxonomy as classes (`category-berita-terkait`,
/// `tag-social-media`), and matching one would drop the whole page.
const FURNITURE_CLASSES: &[&str] = &[
    "baca-juga",
    "bacajuga",
    "related",
    "terkait",
    "share",
    "social",
    "advert",
    "iklan",
    "ads-",
    "-ads",
    "banner",
    "comment",
    "komentar",
    "breadcrumb",
    "newsletter",
    "popular",
    "populer",
    "recommend",
    "rekomendasi",
    "tags",
];

/// Containers the article sits in; a date written inside one is the article's, not the
/// header's "today" widget.
const ARTICLE_SCOPES: &[&str] = &["article", "main", "[itemprop=articleBody]", "[class*=detail]", "[class*=content]"];

/// The block elements whose text becomes one paragraph each.
const BLOCKS: &str = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dd";

/// Where a page states when it was published, as machine dates.
const DATE_META: &[&str] = &[
    "meta[property='article:published_time']",
    "meta[name='article:published_time']",
    "meta[itemprop='datePublished']",
    "meta[name='pubdate']",
    "meta[name='publishdate']",
    "meta[name='publish-date']",
    "meta[name='date']",
    "meta[name='dc.date']",
];

/// Elements that hold a written date (a byline, a dateline).
const DATE_TEXT: &[&str] = &["time", "[class*=date]", "[class*=tanggal]", "[class*=time]", "[class*=byline]"];

/// Reads a decoded page; `url` is where it came from, when known.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, ImportError> {
    let doc = Document::from(html);
    let mut meta = Meta::read(&doc);
    doc.select(FURNITURE_ELEMENTS).remove();
    doc.select(&furniture_classes()).remove();
    // A date written anywhere outside the furniture, when the article's own box had none.
    meta.written_date = meta.written_date.or_else(|| written_date(&doc, &DATE_TEXT.join(", ")));
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let mut reader = Readability::with_document(doc, url, Some(config)).map_err(|_| ImportError::NoArticle)?;
    let article = reader.parse().map_err(|_| ImportError::NoArticle)?;
    let paragraphs = paragraphs(&article.content);
    let site = meta.site.or(article.site_name).or_else(|| url.and_then(host));
    let title = meta.title.map(|t| without_site(&t, site.as_deref())).filter(|t| !t.is_empty());
    let title = title.or_else(|| Some(without_site(&article.title, site.as_deref())).filter(|t| !t.is_empty()));
    let date = meta
        .published
        .or_else(|| article.published_time.as_deref().and_then(date::machine))
        .or(meta.written_date)
        .or_else(|| dateline(&paragraphs));
    Ok(Extracted { title, date, source: site, url: meta.url, paragraphs })
}

/// What the page says about itself, read before the furniture goes.
struct Meta {
    title: Option<String>,
    site: Option<String>,
    published: Option<String>,
    written_date: Option<String>,
    url: Option<String>,
}

impl Meta {
    fn read(doc: &Document) -> Meta {
        let content = |sel: &str| {
            doc.select(sel)
                .iter()
                .find_map(|m| m.attr("content").map(|c| c.trim().to_string()).filter(|c| !c.is_empty()))
        };
        let headline = doc.select("h1").iter().map(|h| squash(&h.text())).find(|t| !t.is_empty());
        let published = DATE_META
            .iter()
            .find_map(|sel| content(sel).and_then(|c| date::machine(&c)))
            .or_else(|| doc.select("time[datetime]").iter().find_map(|t| date::machine(&t.attr("datetime")?)));
        let in_article: Vec<String> =
            ARTICLE_SCOPES.iter().flat_map(|scope| DATE_TEXT.iter().map(move |d| format!("{scope} {d}"))).collect();
        let written_date = written_date(doc, &in_article.join(", "));
        let canonical = doc.select("link[rel=canonical]").attr("href").map(|h| h.to_string());
        let url = canonical.or_else(|| content("meta[property='og:url']")).filter(|u| u.starts_with("http"));
        Meta {
            title: content("meta[property='og:title']").or(headline).or_else(|| content("meta[name='twitter:title']")),
            site: content("meta[property='og:site_name']").or_else(|| content("meta[name='application-name']")),
            published,
            written_date,
            url,
        }
    }
}

/// The article body's blocks as paragraphs, innermost blocks only (a `<li>` holding a `<p>`
/// is one paragraph, not two).
fn paragraphs(content_html: &str) -> Vec<String> {
    let content = Document::from(content_html);
    let blocks = content.select(BLOCKS);
    let mut out: Vec<String> = blocks
        .iter()
        .filter(|b| !b.select(BLOCKS).exists())
        .map(|b| squash(&b.text()))
        .filter(|t| !t.is_empty())
        .collect();
    if out.is_empty() {
        // A body of bare text and `<br>`s: its lines are its paragraphs.
        out = content.formatted_text().split('\n').map(squash).filter(|t| !t.is_empty()).collect();
    }
    out
}

/// The first date written in the elements `selector` matches.
fn written_date(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector).iter().find_map(|e| date::written(&e.text()))
}

/// A selector for [`FURNITURE_CLASSES`] on any element but the page's own containers.
fn furniture_classes() -> String {
    const KEEP: &str = ":not(html):not(body):not(main):not(article)";
    FURNITURE_CLASSES
        .iter()
        .flat_map(|c| [format!("[class*='{c}']{KEEP}"), format!("[id*='{c}']{KEEP}")])
        .collect::<Vec<_>>()
        .join(", ")
}

/// A title without the site's name after a separator: `Judul - Republika` → `Judul`.
fn without_site(title: &str, site: Option<&str>) -> String {
    let title = squash(title);
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = tail.to_lowercase();
            let is_site = site.is_some_and(|s| {
                let s = s.to_lowercase();
                tail.contains(&s) || s.contains(&tail)
            });
            if is_site || tail.contains(".com") || tail.contains(".id") || tail.contains(".co") {
                return head.trim().to_string();
            }
        }
    }
    title
}

/// A site's host name without `www.`, as the source when the page names no publisher.
fn host(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_string();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxonomy_classes_keep_the_page_and_the_headers_date_is_not_the_articles() {
        let sentence = "Kementerian Koperasi dan UKM mendampingi koperasi nelayan agar hasil tangkapan dijual dengan harga yang lebih baik di pasar. ";
        let page = format!(
            r#"<html><body class="single tag-social-media category-berita-terkait">
            <header><div class="date-today">Kamis, 27 November 2026</div></header>
            <article class="post tag-related"><h1>Koperasi Nelayan Naik Kelas</h1>
            <div class="entry-date">Senin, 5 Februari 2024</div>
<p>Pertama. {s}{s}</p><p>Kedua. {s}{s}</p><p>Ketiga. {s}{s}</p></article></body></html>"#,
            s = sentence
        );
        let doc = extract(&page, None).expect("an article");
        let paragraphs = super::super::clean_paragraphs(doc.paragraphs, doc.title.as_deref());
        assert_eq!(paragraphs.len(), 3, "the headline and the byline's date go: {paragraphs:?}");
        assert_eq!(doc.date.as_deref(), Some("2024-02-05"));
        assert_eq!(doc.title.as_deref(), Some("Koperasi Nelayan Naik Kelas"));
    }

    #[test]
    fn a_site_suffix_leaves_the_title() {
        assert_eq!(
            without_site("Kemenkop Perkuat Kolaborasi - Republika Online", Some("Republika")),
            "Kemenkop Perkuat Kolaborasi"
        );
        assert_eq!(without_site("Target KUR | kemenkopukm.go.id", None), "Target KUR");
        assert_eq!(without_site("UMKM - Naik Kelas", Some("Antara")), "UMKM - Naik Kelas");
    }
}
