//! Cited reports: web pages and files from any publisher. A report page is mostly not report:
//! navigation, header, footer, cookie banner, related links. Its main text is found the way
//! Firefox's reader view finds it (readability.js, ported by `dom_smoothie`), and its title,
//! author, site name and date come from the page's metadata (`<meta>`, Open Graph, JSON-LD,
//! Highwire `citation_*` tags). Many report pages are landing pages for a PDF; [`main_download`]
//! finds the one file a page offers as its download, which is the only link the crawler ever
//! follows from a report page.

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};
use sha2::{Digest, Sha256};
use url::Url;

use super::{Document, ExtractedFile, Kind, Section};

/// A report page's main text and metadata.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlReport {
    /// The page's title (its headline, or its metadata's).
    pub title: Option<String>,
    /// The author the page's metadata names.
    pub author: Option<String>,
    /// The site's name (`og:site_name`).
    pub site_name: Option<String>,
    /// The publication date the page's metadata gives.
    pub date: Option<NaiveDate>,
    /// The page's `lang` attribute, when it has one.
    pub lang: Option<String>,
    /// The DOI the page declares (`citation_doi`, `dc.identifier`), lowercased.
    pub doi: Option<String>,
    /// The main text, paragraphs separated by blank lines.
    pub text: String,
}

/// Below this many words a page is a landing page, whose text is only a summary of its file.
pub(crate) const LANDING_WORDS: usize = 300;

/// Pages with more elements than this are not scored (readability's cost grows with them);
/// real report pages have a few thousand.
pub const MAX_ELEMENTS: usize = 200_000;

/// Extracts a report page's main text and metadata. The error is a one-line reason to record.
/// HTML is parsed in this process (unlike PDF and Word), so the parser is bounded by
/// [`MAX_ELEMENTS`] and a panic in it is caught and recorded.
pub fn extract_html(html: &str, url: &str) -> Result<HtmlReport, String> {
    std::panic::catch_unwind(|| extract_html_unguarded(html, url)).unwrap_or_else(|p| {
        Err(format!(
            "the HTML parser crashed: {}",
            super::panic_message(p.as_ref())
        ))
    })
}

fn extract_html_unguarded(html: &str, url: &str) -> Result<HtmlReport, String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::new(html, Some(url), Some(cfg))
        .map_err(|e| format!("the page does not parse: {e}"))?;
    let article = r
        .parse()
        .map_err(|e| format!("no main text found on the page: {e}"))?;
    let mut text = crate::text::normalize_lines(&article.text_content);
    let doc = Html::parse_document(html);
    if let Some(main) = declared_main(&doc) {
        let declared = super::site::text_without(main, &is_boilerplate);
        if readability_missed(&text, &declared) {
            text = declared;
        }
    }
    if text.trim().is_empty() {
        return Err("no main text found on the page".into());
    }
    let date = article
        .published_time
        .as_deref()
        .and_then(parse_date)
        .or_else(|| meta_date(&doc));
    let clean = |s: Option<String>| {
        s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    Ok(HtmlReport {
        title: clean(
            meta(&doc, &["citation_title", "dc.title"])
                .or_else(|| clean(Some(article.title)).map(|t| headline(&doc, t))),
        ),
        author: clean(meta(&doc, &["citation_author"]).or(article.byline)),
        site_name: clean(
            article
                .site_name
                .or_else(|| meta(&doc, &["citation_publisher"])),
        ),
        date,
        lang: clean(article.lang).map(|l| l.chars().take(2).collect::<String>().to_lowercase()),
        doi: meta(&doc, &["citation_doi", "dc.identifier", "prism.doi"])
            .map(|d| d.trim_start_matches("doi:").trim().to_lowercase())
            .filter(|d| d.starts_with("10.")),
        text,
    })
}

/// Words that label a page rather than name it, as a `<title>` puts them before the
/// headline: "Pressemitteilung: …", "Persbericht: …".
const TITLE_PREFIXES: &[&str] = &[
    "pressemitteilung",
    "pressemeldung",
    "pressemitteilungen",
    "press release",
    "news release",
    "media release",
    "persbericht",
    "nieuwsbericht",
    "nieuws",
    "nachricht",
    "news",
    "communiqué de presse",
    "communiqué",
    "statement",
    "blog",
];

/// The page's headline for a `<title>` that carries more: a page's `<h1>` found inside the
/// title is the headline ("Pressemitteilung: X - Statistisches Bundesamt" with `<h1>X</h1>`);
/// without one, a label such as "Pressemitteilung:" is dropped from the title's start.
fn headline(doc: &Html, title: String) -> String {
    let sel = Selector::parse("h1").expect("static selector");
    let lower = title.to_lowercase();
    for h in doc.select(&sel).take(3) {
        let h1 = h.text().collect::<Vec<_>>().join(" ");
        let h1 = h1.split_whitespace().collect::<Vec<_>>().join(" ");
        if h1.chars().count() < 3 {
            continue;
        }
        if h1.to_lowercase() == lower {
            return title;
        }
        if lower.contains(&h1.to_lowercase()) {
            return h1;
        }
    }
    for p in TITLE_PREFIXES {
        if title.get(..p.len()).map(str::to_lowercase).as_deref() != Some(p) {
            continue;
        }
        let rest = title[p.len()..].trim_start();
        let Some(sep) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, ':' | '|' | '–' | '—' | '-'))
        else {
            continue;
        };
        let headline = rest[sep.len_utf8()..].trim();
        if !headline.is_empty() {
            return headline.to_string();
        }
    }
    title
}

fn meta(doc: &Html, names: &[&str]) -> Option<String> {
    let sel = Selector::parse("meta[content]").expect("static selector");
    for name in names {
        for m in doc.select(&sel) {
            let v = m.value();
            let key = v.attr("name").or_else(|| v.attr("property")).unwrap_or("");
            if key.eq_ignore_ascii_case(name) {
                let content = v.attr("content").unwrap_or("").trim();
                if !content.is_empty() {
                    return Some(content.to_string());
                }
            }
        }
    }
    None
}

/// A publication date from the tags readability does not read.
fn meta_date(doc: &Html) -> Option<NaiveDate> {
    if let Some(d) = meta(
        doc,
        &[
            "citation_publication_date",
            "citation_date",
            "dc.date",
            "dcterms.date",
            "dc.date.issued",
            "date",
        ],
    )
    .as_deref()
    .and_then(parse_date)
    {
        return Some(d);
    }
    let sel = Selector::parse("time[datetime]").expect("static selector");
    doc.select(&sel)
        .filter_map(|t| t.value().attr("datetime"))
        .find_map(parse_date)
}

/// Reads the dates pages write: ISO dates and times, `2016/05/26`, `26-05-2016`, `May 26, 2016`,
/// RFC 2822.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head: String = s.chars().take(10).collect();
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%d-%m-%Y", "%d/%m/%Y", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(&head, fmt) {
            return Some(d);
        }
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive());
    }
    for fmt in ["%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    if s.len() == 4 {
        if let Ok(y) = s.parse::<i32>() {
            return NaiveDate::from_ymd_opt(y, 1, 1);
        }
    }
    None
}

/// The file a report page offers as its download, if it offers one: the PDF it declares
/// (`citation_pdf_url`, `<link rel=alternate type=application/pdf>`), or else the PDF or Word
/// link that is marked as a download, or else, on a landing page (fewer than
/// [`LANDING_WORDS`] words of its own), the file it links to in the page's language, or its
/// first. Links in navigation, header, footer and sidebars never count, and neither do links
/// on a long article that merely mentions a file.
pub(crate) fn main_download(html: &str, base: &Url) -> Option<Url> {
    let doc = Html::parse_document(html);
    let join = |href: &str| {
        base.join(href.trim())
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
    };
    if let Some(u) = meta(&doc, &["citation_pdf_url"]).and_then(|h| join(&h)) {
        return Some(u);
    }
    let alt = Selector::parse("link[rel~=alternate][type='application/pdf'][href]").ok()?;
    if let Some(u) = doc
        .select(&alt)
        .find_map(|l| l.value().attr("href").and_then(join))
    {
        return Some(u);
    }
    let candidates = file_links(&doc, base, &join);
    // The first of the best: pages list the main language or edition first.
    if let Some(best) = candidates.iter().map(|(s, _)| *s).filter(|s| *s >= 2).max() {
        return candidates
            .into_iter()
            .find(|(s, _)| *s == best)
            .map(|(_, u)| u);
    }
    // Unmarked links count only on a landing page: little text of its own besides navigation
    // and footers. With several files (editions in several languages), the one in the page's
    // language, else the first.
    let own_words = own_words(&doc);
    if candidates.is_empty() || own_words >= LANDING_WORDS {
        return None;
    }
    let lang = doc
        .root_element()
        .value()
        .attr("lang")
        .map(|l| l.chars().take(2).collect::<String>().to_lowercase());
    let in_lang = |u: &Url| {
        let Some(l) = lang.as_deref() else {
            return false;
        };
        let name = match l {
            "en" => "english",
            "nl" => "nederlands",
            "de" => "deutsch",
            "fr" => "fran",
            "es" => "espa",
            _ => l,
        };
        let file = u.path().rsplit('/').next().unwrap_or("").to_lowercase();
        file.contains(name)
            || file
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|part| part == l)
    };
    candidates
        .iter()
        .find(|(_, u)| in_lang(u))
        .or(candidates.first())
        .map(|(_, u)| u.clone())
}

/// The PDF and Word files a page links to outside its boilerplate, each once, scored: 2 for
/// a link marked as a download, 1 for one on the page's own host.
fn file_links(doc: &Html, base: &Url, join: &dyn Fn(&str) -> Option<Url>) -> Vec<(i32, Url)> {
    let Ok(anchors) = Selector::parse("a[href]") else {
        return Vec::new();
    };
    let mut candidates: Vec<(i32, Url)> = Vec::new();
    for a in doc.select(&anchors) {
        if in_boilerplate(&a) {
            continue;
        }
        let v = a.value();
        let href = v.attr("href").unwrap_or("");
        let Some(url) = join(href) else { continue };
        let path = url.path().to_ascii_lowercase();
        let typed = v
            .attr("type")
            .is_some_and(|t| t.contains("pdf") || t.contains("word"));
        let is_file = typed || path.ends_with(".pdf") || path.ends_with(".docx");
        if !is_file {
            continue;
        }
        let label = format!(
            "{} {} {} {}",
            a.text().collect::<String>(),
            v.attr("class").unwrap_or(""),
            v.attr("title").unwrap_or(""),
            v.attr("aria-label").unwrap_or("")
        )
        .to_lowercase();
        let mut score = 0;
        if v.attr("download").is_some()
            || ["download", "downloaden", "herunterladen", "télécharger"]
                .iter()
                .any(|w| label.contains(w))
        {
            score += 2;
        }
        if url.host_str() == base.host_str() {
            score += 1;
        }
        if !candidates.iter().any(|(_, u)| *u == url) {
            candidates.push((score, url));
        }
    }
    candidates
}

/// Words of a page's own text, outside navigation, header, footer, asides and scripts.
fn own_words(doc: &Html) -> usize {
    doc.root_element()
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| (n, t)))
        .filter(|(n, _)| {
            n.parent()
                .and_then(scraper::ElementRef::wrap)
                .is_some_and(|p| {
                    !in_boilerplate(&p) && !matches!(p.value().name(), "script" | "style")
                })
        })
        .map(|(_, t)| t.split_whitespace().count())
        .sum()
}

/// True for an element inside navigation, header, footer, an aside, or a block whose class or
/// id says it is related links, a menu or a cookie notice.
fn in_boilerplate(el: &ElementRef<'_>) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(is_boilerplate)
}

/// True for navigation, header, footer, an aside, or a block whose class or id says it is
/// related links, a menu or a cookie notice.
fn is_boilerplate(el: ElementRef<'_>) -> bool {
    let v = el.value();
    if matches!(v.name(), "nav" | "header" | "footer" | "aside") {
        return true;
    }
    if matches!(
        v.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "complementary")
    ) {
        return true;
    }
    let names = format!(
        "{} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or("")
    )
    .to_lowercase();
    [
        "related",
        "sidebar",
        "menu",
        "cookie",
        "consent",
        "share",
        "social",
        "footer",
        "header",
        "breadcrumb",
        "newsletter",
        "promo",
    ]
    .iter()
    .any(|w| names.contains(w))
}

/// The element a page declares as its main content: schema.org's article body, the ARIA main
/// landmark, `<main>`, or the page's only `<article>`.
fn declared_main(doc: &Html) -> Option<ElementRef<'_>> {
    for s in ["[itemprop=articleBody]", "[role=main]", "main"] {
        let sel = Selector::parse(s).expect("static selector");
        if let Some(el) = doc.select(&sel).next() {
            return Some(el);
        }
    }
    let sel = Selector::parse("article").expect("static selector");
    let mut articles = doc.select(&sel);
    match (articles.next(), articles.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// Whether readability missed the main text the page declares. Readability scores blocks by
/// their prose, so a page whose main content is mostly links (a report series' contents, a
/// chapter index, a list of annexes) loses it, or gets a sidebar instead: on the Python
/// documentation's index pages it kept 1 to 17 % of the main text (`benches/readability.rs`).
/// It missed when it kept under a quarter of the declared element's words, or when most of
/// its words are from outside the declared element (menus it took for text); unless the
/// declared element is a fragment (under 20 words, or under a quarter of readability's text).
fn readability_missed(readable: &str, declared: &str) -> bool {
    /// A declared element with fewer words is a fragment, not the page's main text.
    const MIN_DECLARED_WORDS: usize = 20;
    let (r, d) = (word_counts(readable), word_counts(declared));
    let (r_len, d_len): (usize, usize) = (r.values().sum(), d.values().sum());
    if d_len < MIN_DECLARED_WORDS || d_len * 4 < r_len {
        return false;
    }
    let shared: usize = r
        .iter()
        .map(|(w, n)| (*n).min(d.get(w).copied().unwrap_or(0)))
        .sum();
    shared * 4 < d_len || shared * 2 < r_len
}

/// Lowercased words (as campaign detection splits them) and how often each occurs.
fn word_counts(text: &str) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for w in crate::text::words(text) {
        *counts.entry(w).or_insert(0) += 1;
    }
    counts
}

/// The stable id of a report: from the URL the seed file names, so a report keeps its id when
/// it moves.
pub fn report_id(seed_url: &str) -> String {
    let hash = Sha256::digest(seed_url.as_bytes());
    let hex: String = hash.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("rep-{hex}")
}

/// Where a report came from.
#[derive(Debug, Clone, Default)]
pub struct ReportSource<'a> {
    /// The URL in the seed file.
    pub seed_url: &'a str,
    /// The seed file's label.
    pub label: Option<&'a str>,
    /// Where the seed URL's redirects ended.
    pub landing_url: &'a str,
    /// The file the landing page offered, when that is where the text comes from.
    pub file_url: Option<&'a str>,
}

/// The document of a report: its text from the file when there is one (with page numbers),
/// else from the page; its title, author and date from the page's metadata first (publishers
/// fill it in with care), then from the file's, then the seed file's label.
pub(crate) fn report_document(
    src: &ReportSource<'_>,
    page: Option<&HtmlReport>,
    file: Option<ExtractedFile>,
) -> Result<Document, String> {
    let text_url = src.file_url.unwrap_or(src.landing_url);
    let host = Url::parse(text_url).ok().and_then(|u| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_string())
    });
    let damage = file.as_ref().and_then(|f| f.damage.clone());
    let (sections, pages, file_title, file_author, file_date) = match file {
        Some(f) => (f.sections, f.pages, f.title, f.author, f.date),
        None => match page {
            Some(p) => (
                p.text
                    .split("\n\n")
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| Section {
                        heading: None,
                        page: None,
                        text: t.trim().to_string(),
                    })
                    .collect(),
                None,
                None,
                None,
                None,
            ),
            None => return Err("the report has neither a page nor a file with text".into()),
        },
    };
    if sections.is_empty() {
        return Err("the report has no text".into());
    }
    let mut meta = serde_json::Map::new();
    let mut put = |k: &str, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            meta.insert(k.into(), v.into());
        }
    };
    put("label", src.label);
    put("seed_url", Some(src.seed_url));
    if src.file_url.is_some() {
        put("landing_url", Some(src.landing_url));
    }
    put("site_name", page.and_then(|p| p.site_name.as_deref()));
    put("damaged", damage.as_deref());
    let title = page
        .and_then(|p| p.title.clone())
        .or(file_title)
        .or_else(|| src.label.map(str::to_string))
        .unwrap_or_else(|| text_url.to_string());
    Ok(Document {
        id: report_id(src.seed_url),
        kind: Kind::Report,
        response_id: None,
        consultation: String::new(),
        consultation_title: String::new(),
        title,
        author: page
            .and_then(|p| p.author.clone())
            .or(file_author)
            .or_else(|| page.and_then(|p| p.site_name.clone())),
        place: None,
        date: page.and_then(|p| p.date).or(file_date),
        url: text_url.to_string(),
        lang: String::new(),
        sections,
        pages,
        publisher: host,
        cites: Vec::new(),
        meta,
        campaign: None,
        respondent: None,
        organisation: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of boilerplate around `main`, with `aside` inside it.
    fn page(main: &str) -> String {
        let nav: String = (1..=30)
            .map(|i| format!("<li><a href=\"/t{i}\">Thema nummer {i} overzicht</a></li>"))
            .collect();
        format!(
            "<html lang=\"nl\"><head><title>Rapporten</title></head><body>\
             <nav><ul>{nav}</ul></nav>\
             <div class=\"cookie-banner\">Wij gebruiken cookies. Accepteren Weigeren</div>\
             <main>{main}<aside class=\"related\">Lees ook: nieuwsbrief aanmelden</aside></main>\
             <footer>Contact Privacy Toegankelijkheid Sitemap</footer></body></html>"
        )
    }

    #[test]
    fn a_main_text_of_links_is_kept_without_its_asides() {
        // A report series' contents: a list of links, which readability scores as navigation.
        let chapters: String = [
            "Inleiding en aanleiding van de evaluatie",
            "Vergunningplicht voor exploitanten in de praktijk",
            "Registratie van sekswerkers bij gemeenten",
            "Handhaving door politie en toezichthouders",
            "Gezondheid, veiligheid en toegang tot zorg",
            "Conclusies en aanbevelingen voor de wetgever",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "<li><a href=\"/h{i}.pdf\">Hoofdstuk {}: {t}</a></li>",
                i + 1
            )
        })
        .collect();
        let html = page(&format!(
            "<h1>Evaluatie prostitutiebeleid</h1><ul>{chapters}</ul>"
        ));
        let r = extract_html(&html, "https://example.org/rapport").unwrap();
        for w in [
            "Vergunningplicht",
            "Handhaving",
            "aanbevelingen",
            "Evaluatie",
        ] {
            assert!(r.text.contains(w), "{w} missing from {:?}", r.text);
        }
        for w in ["Accepteren", "nieuwsbrief", "Sitemap", "nummer"] {
            assert!(!r.text.contains(w), "{w} kept in {:?}", r.text);
        }
    }

    #[test]
    fn metadata_from_json_ld_alone() {
        // Many publishers (news sites, NGOs) state their metadata only as schema.org JSON-LD.
        let prose = "<p>Human rights organisations documented how criminalisation of clients \
                     pushes sex workers into isolated places and away from health services.</p>";
        let html = format!(
            r#"<html lang="en"><head><title>Report | HRW</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"Report",
"headline":"Sex workers at risk","datePublished":"2019-05-30T00:00:00Z",
"author":{{"@type":"Organization","name":"Human Rights Watch"}},
"publisher":{{"@type":"Organization","name":"Human Rights Watch"}}}}</script></head>
<body><article>{}</article></body></html>"#,
            prose.repeat(6)
        );
        let r = extract_html(&html, "https://example.org/report").unwrap();
        assert_eq!(r.title.as_deref(), Some("Sex workers at risk"));
        assert_eq!(r.author.as_deref(), Some("Human Rights Watch"));
        assert_eq!(r.site_name.as_deref(), Some("Human Rights Watch"));
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2019, 5, 30));
        assert_eq!(r.lang.as_deref(), Some("en"));
    }

    #[test]
    fn a_title_with_a_prefix_gives_way_to_the_headline() {
        let prose = "<p>Im Jahr 2022 waren in Deutschland rund 28 280 Prostituierte nach dem \
                     Prostituiertenschutzgesetz gültig angemeldet, das waren 15 % weniger als \
                     im Vorjahr.</p>";
        let html = |title: &str, h1: &str| {
            format!(
                r#"<html lang="de"><head><title>{title}</title></head><body>
<header><nav><a href="/">Startseite</a></nav></header>
<main><article><h1>{h1}</h1>{}</article></main>
<footer>Impressum Datenschutz</footer></body></html>"#,
                prose.repeat(5)
            )
        };
        let r = extract_html(
            &html(
                "Pressemitteilung: 28 280 Prostituierte angemeldet - Statistisches Bundesamt",
                "28 280 Prostituierte angemeldet",
            ),
            "https://www.destatis.de/DE/Presse/Pressemitteilungen/2023/09/PD23_368_228.html",
        )
        .unwrap();
        assert_eq!(r.title.as_deref(), Some("28 280 Prostituierte angemeldet"));
        // Without a headline on the page, a known prefix alone is dropped.
        let r = extract_html(
            &html("Persbericht: Minder vergunningen verleend", ""),
            "https://example.nl/nieuws/1",
        )
        .unwrap();
        assert_eq!(r.title.as_deref(), Some("Minder vergunningen verleend"));
        // A title that is the headline stays whole, colon and all.
        let r = extract_html(
            &html("Sekswerk: een evaluatie", "Sekswerk: een evaluatie"),
            "https://example.nl/rapport",
        )
        .unwrap();
        assert_eq!(r.title.as_deref(), Some("Sekswerk: een evaluatie"));
    }

    #[test]
    fn readability_is_kept_when_it_found_the_main_text() {
        let prose = "De evaluatie laat zien dat de vergunningplicht weinig heeft veranderd. ";
        let html = page(&format!(
            "<article><h1>Evaluatie</h1><p>{}</p><p>{}</p></article>\
             <div><a href=\"/a\">Andere publicaties over vergunningen</a></div>",
            prose.repeat(8),
            prose.repeat(6)
        ));
        let r = extract_html(&html, "https://example.org/rapport").unwrap();
        assert!(r.text.contains("vergunningplicht weinig"));
        assert!(!r.text.contains("Andere publicaties"), "{:?}", r.text);
        // The rule alone: a fragment is never preferred, nor a text readability mostly found.
        assert!(!readability_missed("een twee drie", "een"));
        assert!(!readability_missed(&prose.repeat(5), &prose.repeat(6)));
        assert!(readability_missed("vier", &prose.repeat(3)));
        let fragment = "Het rapport in het kort: vergunningen, registratie en handhaving in vijf \
                        gemeenten, met de aanbevelingen van de onderzoekers aan de wetgever.";
        assert!(!readability_missed(&prose.repeat(20), fragment));
    }

    #[test]
    fn dates_in_the_forms_pages_use() {
        let d = NaiveDate::from_ymd_opt(2016, 5, 26);
        for s in [
            "2016-05-26",
            "2016-05-26T10:00:00+02:00",
            "2016/05/26",
            "26-05-2016",
            "May 26, 2016",
            "26 May 2016",
        ] {
            assert_eq!(parse_date(s), d, "{s}");
        }
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn the_declared_pdf_wins() {
        let base = Url::parse("https://example.org/report/").unwrap();
        let html = r#"<html><head><meta name="citation_pdf_url" content="/files/r.pdf"></head>
            <body><a href="/other.pdf">other</a></body></html>"#;
        assert_eq!(
            main_download(html, &base).unwrap().as_str(),
            "https://example.org/files/r.pdf"
        );
    }

    #[test]
    fn a_download_button_but_not_a_related_link() {
        let base = Url::parse("https://example.org/doc/").unwrap();
        let html = r#"<html><body><nav><a href="/menu.pdf">Jaarverslag</a></nav>
            <main><p>Summary.</p><a class="btn" href="/en/files/report.pdf">Download</a>
            <a href="/fr/files/rapport.pdf">Télécharger</a></main>
            <div class="related-links"><a href="/elsewhere.pdf">Download another</a></div>
            </body></html>"#;
        assert_eq!(
            main_download(html, &base).unwrap().as_str(),
            "https://example.org/en/files/report.pdf"
        );
        let plain = r#"<html><body><p>No files here.</p><a href="/x">x</a></body></html>"#;
        assert_eq!(main_download(plain, &base), None);
    }

    #[test]
    fn a_landing_page_with_editions_gives_the_one_in_its_language() {
        let base = Url::parse("https://example.org/en/documents/pol30/").unwrap();
        let html = r#"<html lang="en-GB"><body><nav><a href="/menu.pdf">Menu</a></nav>
            <main><h1>Policy on sex workers' rights</h1><p>Index: POL 30/4062/2016</p>
            <ul><li><a href="/files/POL3040622016SPANISH.pdf">Español</a></li>
            <li><a href="/files/POL3040622016ENGLISH.pdf">English</a></li></ul></main></body></html>"#;
        assert_eq!(
            main_download(html, &base).unwrap().path(),
            "/files/POL3040622016ENGLISH.pdf"
        );
        // A long article that mentions a file does not offer it as its download.
        let article = format!(
            "<html><body><article>{}<a href=\"/other.pdf\">a study</a></article></body></html>",
            "<p>Lange tekst over het onderwerp. </p>".repeat(120)
        );
        assert_eq!(main_download(&article, &base), None);
    }

    #[test]
    fn ids_are_stable() {
        assert_eq!(report_id("https://a.org/x"), report_id("https://a.org/x"));
        assert_ne!(report_id("https://a.org/x"), report_id("https://a.org/y"));
        assert!(report_id("https://a.org/x").starts_with("rep-"));
    }
}
