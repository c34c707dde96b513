//! News pages: the article's own text, title, date, publisher and address.
//!
//! The page is parsed by html5ever (through `dom_query`); what is plainly page furniture
//! (menus, headers and footers, "Baca Juga" and related-news boxes, share buttons, ads,
//! captions, comments) is removed by element and class, and `dom_smoothie`, a port of
//! Firefox's readability, picks the article body from what remains. Metadata is read before
//! anything is removed, since bylines and datelines often sit in the furniture.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::{Extracted, ImportError, date};

/// Elements and classes removed before readability scores the page. Classes are matched as
/// substrings, so `baca-juga`, `related-news` and `share-box` all go; gathered from the
/// templates of Indonesian news sites (detik, kompas, republika, antara, kemenkopukm.go.id).
const FURNITURE: &str = "script, style, noscript, template, iframe, form, nav, header, footer, aside, \
    figcaption, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], \
    [class*=baca-juga], [class*=bacajuga], [class*=related], [class*=terkait], [class*=share], \
    [class*=social], [class*=advert], [class*=iklan], [class*=ads-], [class*=-ads], [id*=ads-], \
    [class*=banner], [class*=comment], [class*=komentar], [class*=breadcrumb], [class*=newsletter], \
    [class*=popular], [class*=populer], [class*=recommend], [class*=rekomendasi], [class*=tags]";

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
const DATE_TEXT: &str = "time, [class*=date], [class*=tanggal], [class*=time], [class*=byline]";

/// Reads a decoded page; `url` is where it came from, when known.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, ImportError> {
    let doc = Document::from(html);
    let meta = Meta::read(&doc);
    doc.select(FURNITURE).remove();
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
        .or_else(|| paragraphs.iter().take(3).find_map(|p| date::written(p)));
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
        let written_date = doc.select(DATE_TEXT).iter().find_map(|e| date::written(&e.text()));
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

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn a_site_suffix_leaves_the_title() {
        assert_eq!(
            without_site("Kemenkop Perkuat Kolaborasi - Republika Online", Some("Republika")),
            "Kemenkop Perkuat Kolaborasi"
        );
        assert_eq!(without_site("Target KUR | kemenkopukm.go.id", None), "Target KUR");
        assert_eq!(without_site("UMKM - Naik Kelas", Some("Antara")), "UMKM - Naik Kelas");
    }
}
