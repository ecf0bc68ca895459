//! The site's own consultation search (`/zoeken/resultaat`) as `discover` reads it: the
//! consultations a page of results lists, with their status, closing date, ministry and
//! summary, and the total the page announces.

use chrono::NaiveDate;
use scraper::{ElementRef, Html};

use super::site::{content_root, parse_date, sel, text_of};

/// A consultation found with the site's own search.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FoundConsultation {
    /// The consultation's slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// "Actief", "Gesloten", ... as the site says it.
    pub status: Option<String>,
    /// The day it closes.
    pub closing: Option<NaiveDate>,
    /// The ministry responsible.
    pub ministry: Option<String>,
    /// The summary the result shows.
    pub summary: Option<String>,
}

/// One page of the site's search results (`/zoeken/resultaat`).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct SearchPage {
    /// The total the page announces ("12 resultaten").
    pub total: Option<u64>,
    /// The consultations on the page, in order.
    pub results: Vec<FoundConsultation>,
}

/// Parses a page of the site's consultation search: each result is an `a.result--title`
/// (title, link to `/{slug}`) in an `li` whose own `li`s say `Status: …`, `Sluitingsdatum …`
/// and the organisation, with a `p` summary.
pub(crate) fn parse_search(html: &str) -> Result<SearchPage, String> {
    let doc = Html::parse_document(html);
    let root = content_root(&doc);
    let text = text_of(root);
    let total = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .find(|w| w[1].to_lowercase().starts_with("resultat"))
        .and_then(|w| w[0].replace('.', "").parse().ok());
    let mut page = SearchPage {
        total,
        results: Vec::new(),
    };
    for a in root.select(&sel("a.result--title[href]")) {
        let href = a.value().attr("href").unwrap_or_default();
        let path = href.split(['?', '#']).next().unwrap_or("");
        let path = path
            .split_once("://")
            .map_or(path, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
        let Some(slug) = path
            .trim_matches('/')
            .split('/')
            .next()
            .filter(|s| crate::seeds::is_slug(s))
        else {
            continue;
        };
        let item = a
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "li");
        let mut found = FoundConsultation {
            slug: slug.to_string(),
            title: text_of(a),
            status: None,
            closing: None,
            ministry: None,
            summary: None,
        };
        if let Some(li) = item {
            for meta in li.select(&sel("li")) {
                let t = text_of(meta);
                if let Some(v) = t.strip_prefix("Status:") {
                    found.status = Some(v.trim().to_string());
                } else if t.starts_with("Sluitingsdatum") {
                    found.closing = t.split_whitespace().find_map(parse_date);
                } else if !t.is_empty() && found.ministry.is_none() {
                    found.ministry = Some(t);
                }
            }
            found.summary = li
                .select(&sel("p"))
                .next()
                .map(text_of)
                .filter(|t| !t.is_empty());
        }
        if !page.results.iter().any(|r| r.slug == found.slug) {
            page.results.push(found);
        }
    }
    if page.results.is_empty() && page.total.is_none() {
        return Err("neither results (a.result--title) nor a result count".into());
    }
    Ok(page)
}
