//! Parsers for internetconsultatie.nl's HTML: the consultation page, the response listing and the
//! response page. The site has changed its markup before, so each parser tries the known
//! selectors first and falls back to looser ones (see `shared/reference`); when neither finds
//! what a page must have, the page is reported as unparsed instead of becoming an empty document.
//! Only the main content is read: navigation, header and footer never reach the index.

use chrono::NaiveDate;
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

use super::Section;

/// A link to a consultation's document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentLink {
    /// The link as found (relative to the site).
    pub href: String,
    /// The link's text.
    pub title: String,
    /// The format label the site shows (PDF, DOCX...).
    pub format: Option<String>,
}

/// What a consultation page says about the consultation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConsultationPage {
    /// The consultation's title.
    pub title: String,
    /// Summary blocks, each under its heading ("In het kort", "Wat verandert er?").
    pub sections: Vec<Section>,
    /// The day it opened for responses.
    pub start: Option<NaiveDate>,
    /// The day it closes.
    pub end: Option<NaiveDate>,
    /// "Actief" or "Gesloten" as shown.
    pub status: Option<String>,
    /// The ministry responsible.
    pub ministry: Option<String>,
    /// The kind of consultation the page names.
    pub consultation_type: Option<String>,
    /// The consultation's documents (the draft bill, its explanation).
    pub documents: Vec<DocumentLink>,
    /// The count the page announces in "Reacties op deze consultatie N".
    pub response_count: Option<u64>,
}

/// One row of a response listing.
#[derive(Debug, Clone, PartialEq)]
pub struct ListingEntry {
    /// The response's link (`/{slug}/reactie/{uuid}`).
    pub href: String,
    /// The response's UUID.
    pub uuid: String,
    /// The respondent's name as listed.
    pub name: String,
    /// The respondent's place.
    pub place: Option<String>,
    /// The day of the response.
    pub date: Option<NaiveDate>,
}

/// One page of a response listing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listing {
    /// The responses on the page, in order.
    pub entries: Vec<ListingEntry>,
    /// The highest page number the pagination links to.
    pub last_page: Option<u32>,
}

/// A response page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResponsePage {
    /// The respondent's name.
    pub name: Option<String>,
    /// The respondent's place.
    pub place: Option<String>,
    /// The day of the response.
    pub date: Option<NaiveDate>,
    /// Each question with its answer, in page order.
    pub answers: Vec<Section>,
    /// The attachment link (`/{slug}/reactie/{number}/bestand`), if any.
    pub attachment: Option<String>,
}

pub(super) fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// The main content of a page: `#content`, else `[role=main]`, else `main`, else the body.
pub fn content_root(doc: &Html) -> ElementRef<'_> {
    for s in ["#content", "[role=main]", "main", "body"] {
        if let Some(el) = doc.select(&sel(s)).next() {
            return el;
        }
    }
    doc.root_element()
}

const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "form", "button",
    "svg",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "table",
    "tr",
    "section",
    "article",
    "dd",
    "dt",
    "dl",
    "pre",
];

/// The visible text of an element: `<br>` and block elements break lines, runs of white space
/// collapse, empty lines go.
pub fn text_of(el: ElementRef<'_>) -> String {
    text_without(el, &|_| false)
}

/// The visible text of an element, as [`text_of`], without the descendants `skip` picks (and
/// everything inside them).
pub(crate) fn text_without(el: ElementRef<'_>, skip: &dyn Fn(ElementRef<'_>) -> bool) -> String {
    let mut raw = String::new();
    walk(*el, skip, &mut raw);
    crate::text::normalize_lines(&raw)
}

fn walk(node: NodeRef<'_, Node>, skip: &dyn Fn(ElementRef<'_>) -> bool, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if SKIPPED.contains(&name) || ElementRef::wrap(child).is_some_and(skip) {
                    continue;
                }
                if name == "br" {
                    out.push('\n');
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push('\n');
                }
                walk(child, skip, out);
                if block {
                    out.push('\n');
                } else if matches!(name, "td" | "th") {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
}

fn has_ancestor(el: ElementRef<'_>, pred: impl Fn(&scraper::node::Element) -> bool) -> bool {
    el.ancestors()
        .filter_map(|n| n.value().as_element())
        .any(pred)
}

/// Label/value pairs from `table th/td` rows, else `dl dt/dd`, else `<p>Label: value</p>`.
fn label_values(root: ElementRef<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // A label cell and a value cell: `th`+`td`, or two `td`s on pages that use no `th`.
    for tr in root.select(&sel("tr")) {
        let cells: Vec<ElementRef<'_>> = tr
            .child_elements()
            .filter(|c| matches!(c.value().name(), "th" | "td"))
            .collect();
        if let [label, value] = cells[..] {
            out.push((text_of(label), text_of(value)));
        }
    }
    if out.is_empty() {
        for dl in root.select(&sel("dl")) {
            let mut label = None;
            for child in dl.child_elements() {
                match child.value().name() {
                    "dt" => label = Some(text_of(child)),
                    "dd" => {
                        if let Some(l) = label.take() {
                            out.push((l, text_of(child)));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    if out.is_empty() {
        for p in root.select(&sel("p")) {
            let t = text_of(p);
            if let Some((l, v)) = t.split_once(':') {
                if l.len() <= 40 && !l.contains('\n') && !v.trim().is_empty() {
                    out.push((l.to_string(), v.trim().to_string()));
                }
            }
        }
    }
    out
}

fn lookup<'a>(pairs: &'a [(String, String)], label: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(l, _)| l.trim().trim_end_matches(':').eq_ignore_ascii_case(label))
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// Parses a consultation page.
pub(crate) fn parse_consultation(html: &str) -> Result<ConsultationPage, String> {
    let doc = Html::parse_document(html);
    let root = content_root(&doc);
    let title = root
        .select(&sel("h1"))
        .next()
        .or_else(|| doc.select(&sel("h1")).next())
        .map(text_of)
        .filter(|t| !t.is_empty())
        .ok_or("no title (h1)")?;

    let pairs = label_values(root);
    let mut page = ConsultationPage {
        title,
        start: lookup(&pairs, "Startdatum consultatie").and_then(parse_date),
        end: lookup(&pairs, "Einddatum consultatie").and_then(parse_date),
        status: lookup(&pairs, "Status").map(str::to_string),
        ministry: lookup(&pairs, "Organisatie").map(str::to_string),
        consultation_type: lookup(&pairs, "Type consultatie").map(str::to_string),
        ..Default::default()
    };

    // Summary: headings and paragraphs of the main content, minus the data table, the
    // document list and the responses block.
    let mut heading: Option<String> = None;
    let mut buf: Vec<String> = Vec::new();
    let flush = |heading: &Option<String>, buf: &mut Vec<String>, out: &mut Vec<Section>| {
        if !buf.is_empty() {
            out.push(Section {
                heading: heading.clone(),
                page: None,
                text: buf.join("\n"),
            });
            buf.clear();
        }
    };
    let mut in_responses_block = false;
    for el in root.select(&sel("h2, h3, p, li")) {
        let excluded = has_ancestor(el, |e| {
            matches!(e.name(), "table" | "nav" | "form" | "footer" | "header")
                || e.classes().any(|c| {
                    c.starts_with("list--source") || c == "pagination" || c == "result--actions"
                })
        });
        if excluded {
            continue;
        }
        let text = text_of(el);
        if text.is_empty() {
            continue;
        }
        match el.value().name() {
            "h2" | "h3" => {
                flush(&heading, &mut buf, &mut page.sections);
                in_responses_block = text.starts_with("Reacties op deze consultatie");
                if in_responses_block {
                    page.response_count = text
                        .split_whitespace()
                        .rev()
                        .find_map(|w| w.replace('.', "").parse().ok());
                }
                heading = Some(text);
            }
            _ if in_responses_block => {}
            // Text inside a list item is read once, with the outermost item.
            "li" | "p" if has_ancestor(el, |e| e.name() == "li") => {}
            _ => buf.push(text),
        }
    }
    flush(&heading, &mut buf, &mut page.sections);

    page.documents = document_links(root);
    Ok(page)
}

/// The consultation's documents: the source list's links to `/{slug}/document/{n}` with
/// their titles and format labels, or in older markup any such link in the content.
fn document_links(root: ElementRef<'_>) -> Vec<DocumentLink> {
    let mut documents = Vec::new();
    for li in root.select(&sel("ul.list--sources > li")) {
        let Some(a) = li.select(&sel("a[href]")).find(|a| {
            a.value()
                .attr("href")
                .is_some_and(|h| h.contains("/document/"))
        }) else {
            continue;
        };
        let info = li.select(&sel(".list--source__information")).next();
        let format = li.select(&sel("span.label")).next().map(text_of);
        let title = info
            .map(|i| {
                let mut t = text_of(i);
                if let Some(f) = &format {
                    t = t.replace(f.as_str(), "");
                }
                crate::text::normalize_lines(&t)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| text_of(a));
        documents.push(DocumentLink {
            href: a.value().attr("href").unwrap_or_default().to_string(),
            title,
            format: format.filter(|f| !f.is_empty()),
        });
    }
    if documents.is_empty() {
        // Older markup: any link to /{slug}/document/{number} in the content.
        for a in root.select(&sel("a[href]")) {
            let href = a.value().attr("href").unwrap_or_default();
            if is_document_href(href) && !documents.iter().any(|d| d.href == href) {
                documents.push(DocumentLink {
                    href: href.to_string(),
                    title: text_of(a),
                    format: None,
                });
            }
        }
    }
    documents
}

fn is_document_href(href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or("");
    let mut parts = path.rsplit('/');
    let number = parts.next().unwrap_or("");
    parts.next() == Some("document")
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// The UUID in `/{slug}/reactie/{uuid}`, if the link is a response link.
pub(crate) fn response_uuid(href: &str) -> Option<&str> {
    let path = href.split(['?', '#']).next()?;
    let mut parts = path.trim_end_matches('/').rsplit('/');
    let id = parts.next()?;
    (parts.next() == Some("reactie") && is_uuid(id)).then_some(id)
}

/// True for a hyphenated hexadecimal UUID.
pub(crate) fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Parses a response listing page. An empty list is a valid page (past the last one).
pub(crate) fn parse_listing(html: &str) -> Result<Listing, String> {
    let doc = Html::parse_document(html);
    let root = content_root(&doc);
    let mut listing = Listing::default();
    let mut items: Vec<ElementRef<'_>> = root.select(&sel("div.result--list ul > li")).collect();
    if items.is_empty() {
        items = root
            .select(&sel("li"))
            .filter(|li| {
                li.select(&sel("a[href]"))
                    .any(|a| response_uuid(a.value().attr("href").unwrap_or("")).is_some())
            })
            .collect();
    }
    for li in items {
        let Some(a) = li
            .select(&sel("a[href]"))
            .find(|a| response_uuid(a.value().attr("href").unwrap_or("")).is_some())
        else {
            continue;
        };
        let href = a.value().attr("href").unwrap_or_default().to_string();
        let uuid = response_uuid(&href).unwrap_or_default().to_string();
        let (place, date) = li
            .select(&sel("p"))
            .next()
            .map(|p| {
                let t = text_of(p);
                let (place, rest) = t.rsplit_once('|').unwrap_or(("", t.as_str()));
                let place = place.trim();
                (
                    (!place.is_empty()).then(|| place.to_string()),
                    parse_date(rest),
                )
            })
            .unwrap_or((None, None));
        if listing.entries.iter().any(|e| e.uuid == uuid) {
            continue;
        }
        listing.entries.push(ListingEntry {
            href,
            uuid,
            name: text_of(a),
            place,
            date,
        });
    }
    for a in doc.select(&sel(".pagination a[href]")) {
        let href = a.value().attr("href").unwrap_or_default();
        if let Some(n) = listing_page_number(href) {
            listing.last_page = Some(listing.last_page.map_or(n, |m| m.max(n)));
        }
    }
    if listing.entries.is_empty() && root.select(&sel("div.result--list")).next().is_none() {
        let text = text_of(root);
        // A page with neither a list nor a "no responses" text is not a listing at all.
        if !text.to_lowercase().contains("reactie") {
            return Err("no response list (div.result--list)".into());
        }
    }
    Ok(listing)
}

/// The page number N in `/{slug}/reacties/datum/{N}[/{per_page}]`.
fn listing_page_number(href: &str) -> Option<u32> {
    let path = href.split(['?', '#']).next()?;
    let parts: Vec<&str> = path.split('/').collect();
    let i = parts.iter().position(|p| *p == "datum" || *p == "naam")?;
    parts.get(i + 1)?.parse().ok()
}

/// Parses a response page.
pub(crate) fn parse_response(html: &str) -> Result<ResponsePage, String> {
    let doc = Html::parse_document(html);
    let root = content_root(&doc);
    let pairs = label_values(root);
    let mut page = ResponsePage {
        name: lookup(&pairs, "Naam").map(str::to_string),
        place: lookup(&pairs, "Plaats").map(str::to_string),
        date: lookup(&pairs, "Datum").and_then(parse_date),
        ..Default::default()
    };
    let mut question: Option<String> = None;
    for el in root.select(&sel("h2, h3, blockquote")) {
        match el.value().name() {
            "blockquote" => {
                if has_ancestor(el, |e| e.name() == "blockquote") {
                    continue;
                }
                let text = text_of(el);
                page.answers.push(Section {
                    heading: question.take(),
                    page: None,
                    text,
                });
            }
            _ => {
                let t = text_of(el);
                question = (!t.is_empty()).then_some(t);
            }
        }
    }
    page.attachment = root
        .select(&sel("ul.result--actions a[href], a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .find(|h| {
            h.split(['?', '#'])
                .next()
                .unwrap_or("")
                .ends_with("/bestand")
        })
        .map(str::to_string);
    // A response page must have arrived whole: a page cut off in transfer would index a
    // truncated answer, or none. Real respondents do submit empty forms (24 of 1,665 in one
    // 2025 consultation) and the site shows them like any other: a whole page that names its
    // respondent is a response even with neither answers nor an attachment; a maintenance
    // page is not.
    let table = page.name.is_some() || page.date.is_some();
    if !page_ends(html) {
        return Err(
            "the page is cut off: it has no end (</html>), so its answers may be incomplete".into(),
        );
    }
    if page.answers.is_empty() && page.attachment.is_none() && !table {
        return Err(
            "no respondent table (Naam), no answers (h3 + blockquote) and no attachment".into(),
        );
    }
    Ok(page)
}

/// Whether an HTML page arrived whole: it closes its `html` element (or at least its `body`).
/// The parser closes open elements by itself, so only the raw text can tell.
pub(crate) fn page_ends(html: &str) -> bool {
    let tail = &html.as_bytes()[html.len().saturating_sub(4096)..];
    let tail = String::from_utf8_lossy(tail).to_ascii_lowercase();
    tail.contains("</html") || tail.contains("</body")
}

/// Dutch month names, January first, as the site writes dates.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// Parses the site's dates: `1 oktober 2025`, `01 oktober 2025 (22:01)`, `01-10-2025`, and
/// ISO `2025-10-01`. Anything after the date (a time in brackets) is ignored.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let first = s.split_whitespace().next()?;
    if first.contains('-') {
        if let Ok(d) = NaiveDate::parse_from_str(first, "%d-%m-%Y") {
            return Some(d);
        }
        return NaiveDate::parse_from_str(first, "%Y-%m-%d").ok();
    }
    let mut words = s.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month = words.next()?.to_lowercase();
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let year: i32 = words.next()?.trim_end_matches(',').parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
        assert_eq!(parse_date("1 oktober 2025"), Some(d));
        assert_eq!(parse_date(" 01 oktober 2025 (22:01)"), Some(d));
        assert_eq!(parse_date("01-10-2025"), Some(d));
        assert_eq!(parse_date("2025-10-01"), Some(d));
        assert_eq!(parse_date("31 februari 2025"), None);
        assert_eq!(parse_date("gisteren"), None);
    }

    #[test]
    fn uuids_and_links() {
        let u = "19fd1f71-5a1d-405c-bbc9-708d7941fb85";
        assert_eq!(response_uuid(&format!("/x/reactie/{u}")), Some(u));
        assert_eq!(response_uuid("/x/reactie/123/bestand"), None);
        assert!(is_document_href("/x/document/12345"));
        assert!(!is_document_href("/x/documenten"));
        assert_eq!(listing_page_number("/x/reacties/datum/7/100"), Some(7));
    }

    #[test]
    fn response_page_with_breaks_and_nav() {
        let html = r#"<html><body><nav>Menu Home Over ons</nav>
        <div class="container" id="content" role="main">
          <table class="table__data-overview">
            <tr><th>Naam</th><td>Stichting Voorbeeld</td></tr>
            <tr><th>Plaats</th><td>Utrecht</td></tr>
            <tr><th>Datum</th><td>2 oktober 2025</td></tr>
          </table>
          <h3>Vraag1</h3>
          <blockquote><div>Eerste regel,<br>tweede   regel.</div></blockquote>
          <h3>Wat vindt u van de uitvoering?</h3>
          <blockquote><div>Goed.</div></blockquote>
          <ul class="result--actions"><li><a href="/x/reactie/991/bestand">Bijlage</a></li></ul>
        </div><footer>Contact Privacy</footer></body></html>"#;
        let r = parse_response(html).unwrap();
        assert_eq!(r.name.as_deref(), Some("Stichting Voorbeeld"));
        assert_eq!(r.place.as_deref(), Some("Utrecht"));
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2025, 10, 2));
        assert_eq!(r.answers.len(), 2);
        assert_eq!(r.answers[0].heading.as_deref(), Some("Vraag1"));
        assert_eq!(r.answers[0].text, "Eerste regel,\ntweede regel.");
        assert_eq!(
            r.answers[1].heading.as_deref(),
            Some("Wat vindt u van de uitvoering?")
        );
        assert_eq!(r.attachment.as_deref(), Some("/x/reactie/991/bestand"));
    }

    #[test]
    fn data_table_without_th() {
        let html = r#"<div id="content"><h1>Wet gegevensvergaring openbare orde</h1>
            <h3>Consultatiegegevens</h3><table>
            <tr><td>Startdatum consultatie</td><td>04-07-2025</td></tr>
            <tr><td>Einddatum consultatie</td><td>12-09-2025</td></tr>
            <tr><td>Status</td><td>Gesloten</td></tr></table></div>"#;
        let c = parse_consultation(html).unwrap();
        assert_eq!(c.start, NaiveDate::from_ymd_opt(2025, 7, 4));
        assert_eq!(c.status.as_deref(), Some("Gesloten"));
    }

    #[test]
    fn response_page_with_definition_list_fallback() {
        let html = r#"<div id="content"><dl><dt>Naam</dt><dd>Anoniem</dd>
            <dt>Plaats</dt><dd>Delft</dd><dt>Datum</dt><dd>3 oktober 2025</dd></dl>
            <h3>Vraag1</h3><blockquote>Nee.</blockquote></div></body></html>"#;
        let r = parse_response(html).unwrap();
        assert_eq!(r.name.as_deref(), Some("Anoniem"));
        assert_eq!(r.place.as_deref(), Some("Delft"));
        assert_eq!(r.answers[0].text, "Nee.");
    }

    #[test]
    fn a_whole_page_without_answers_is_an_empty_response() {
        let page = |end: &str| {
            format!(
                r#"<html><body><div id="content"><h1>Reactie op Wet</h1>
                <table class="table__data-overview"><tr><th>Naam</th><td>A. de Vries</td></tr>
                <tr><th>Plaats</th><td>Gouda</td></tr><tr><th>Datum</th><td>2 oktober 2025</td></tr>
                </table></div>{end}"#
            )
        };
        let r = parse_response(&page("<footer>Privacy</footer></body></html>")).unwrap();
        assert_eq!(r.name.as_deref(), Some("A. de Vries"));
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2025, 10, 2));
        assert!(r.answers.is_empty() && r.attachment.is_none());
        // The same page cut off before its end is not a response yet, with answers or without.
        let err = parse_response(&page("<footer>Priv")).unwrap_err();
        assert!(err.contains("cut off"), "{err}");
        let answered = page("<h3>Vraag1</h3><blockquote><div>Ik ben tegen, omdat");
        assert!(parse_response(&answered).unwrap_err().contains("cut off"));
    }

    #[test]
    fn unparsable_pages_are_errors() {
        assert!(parse_response("<html><body><p>Onderhoud</p></body></html>").is_err());
        assert!(parse_consultation("<html><body><p>Onderhoud</p></body></html>").is_err());
        assert!(parse_listing("<html><body><p>Onderhoud</p></body></html>").is_err());
    }

    #[test]
    fn listing_entries_and_pagination() {
        let html = r#"<div id="content"><div class="result--list"><ul>
          <li><a href="/x/reactie/19fd1f71-5a1d-405c-bbc9-708d7941fb85">Jan Jansen</a>
              <p>Numansdorp | 01 oktober 2025 (22:01)</p></li>
          <li><a href="/x/reactie/6258842e-7c0d-44af-b2b7-3063a9f85b4e">Anoniem</a>
              <p> | 30 september 2025 (08:00)</p></li>
        </ul></div>
        <div class="pagination"><div class="pagination__index"><ul>
          <li><a href="/x/reacties/datum/1">1</a></li><li><a href="/x/reacties/datum/2">2</a></li>
          <li><a href="/x/reacties/datum/12">12</a></li></ul></div></div></div>"#;
        let l = parse_listing(html).unwrap();
        assert_eq!(l.entries.len(), 2);
        assert_eq!(l.entries[0].name, "Jan Jansen");
        assert_eq!(l.entries[0].place.as_deref(), Some("Numansdorp"));
        assert_eq!(l.entries[1].place, None);
        assert_eq!(l.last_page, Some(12));
    }

    #[test]
    fn consultation_page() {
        let html = r#"<html><body><header>Logo Zoeken</header><div id="content">
          <h1>Wet regulering sekswerk</h1>
          <h2>In het kort</h2><p>Dit wetsvoorstel regelt een vergunningplicht.</p>
          <h3>Wat verandert er?</h3><p>Een registratieplicht.</p>
          <table class="table__data-overview">
            <tr><th>Startdatum consultatie</th><td>05-11-2020</td></tr>
            <tr><th>Einddatum consultatie</th><td>17-12-2020</td></tr>
            <tr><th>Status</th><td>Gesloten</td></tr>
            <tr><th>Organisatie</th><td>Ministerie van Justitie en Veiligheid</td></tr>
          </table>
          <h2>Relevante documenten</h2>
          <ul class="list--sources"><li><div class="list--source__information">
            Wetsvoorstel <span class="label">PDF</span></div>
            <a class="button" href="/x/document/5811">Download</a></li></ul>
          <h2>Reacties op deze consultatie 1.234</h2><p>Bekijk alle reacties</p>
        </div><footer>Over deze site</footer></body></html>"#;
        let c = parse_consultation(html).unwrap();
        assert_eq!(c.title, "Wet regulering sekswerk");
        assert_eq!(c.start, NaiveDate::from_ymd_opt(2020, 11, 5));
        assert_eq!(c.end, NaiveDate::from_ymd_opt(2020, 12, 17));
        assert_eq!(c.status.as_deref(), Some("Gesloten"));
        assert_eq!(c.response_count, Some(1234));
        assert_eq!(c.documents.len(), 1);
        assert_eq!(c.documents[0].title, "Wetsvoorstel");
        assert_eq!(c.documents[0].format.as_deref(), Some("PDF"));
        let all: Vec<&str> = c.sections.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            all,
            [
                "Dit wetsvoorstel regelt een vergunningplicht.",
                "Een registratieplicht."
            ]
        );
    }
}
