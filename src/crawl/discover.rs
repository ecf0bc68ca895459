//! Finding consultations with the site's own search (`/zoeken/resultaat`), so that people who
//! index new consultations as they open can find them by words and add them to a seed file.
//! The search pages are fetched like everything else: robots.txt, rate limit, retries.

use std::collections::HashSet;

use url::Url;

use super::fetch::{FetchConfig, FetchError, Fetcher};
use super::{parse_site, DEFAULT_SITE};
use crate::error::{Error, Result};
use crate::extract::search_results::{self, FoundConsultation};

/// Results per search page (the site's fixed page size).
pub(crate) const SEARCH_PAGE_SIZE: u64 = 10;
/// Search pages read at most, unless asked for more.
pub const DEFAULT_DISCOVER_PAGES: u32 = 20;

/// Which consultations to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// Open for responses ("Actief").
    Open,
    /// Closed ("Gesloten").
    Closed,
    /// Open and closed.
    All,
}

impl std::str::FromStr for StatusFilter {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<StatusFilter, String> {
        match s {
            "open" => Ok(StatusFilter::Open),
            "closed" => Ok(StatusFilter::Closed),
            "all" => Ok(StatusFilter::All),
            _ => Err(format!("unknown status '{s}' (use open, closed or all)")),
        }
    }
}

impl StatusFilter {
    fn keeps(self, status: Option<&str>) -> bool {
        let s = status.unwrap_or("").to_lowercase();
        match self {
            StatusFilter::All => true,
            StatusFilter::Open => s.contains("actief") || s.contains("open"),
            StatusFilter::Closed => s.contains("gesloten") || s.contains("closed"),
        }
    }
}

/// Searches the site for consultations matching `words`, reading up to `max_pages` pages.
pub async fn discover(
    site: Option<&str>,
    words: &[String],
    status: StatusFilter,
    mut fetch: FetchConfig,
    max_pages: u32,
) -> Result<Vec<FoundConsultation>> {
    let site = match site {
        Some(s) => {
            fetch.allow_private = true;
            parse_site(s)?
        }
        None => parse_site(DEFAULT_SITE)?,
    };
    let query = words.join(" ");
    if query.trim().is_empty() {
        return Err(Error::Usage(
            "finding consultations needs words to search for".into(),
        ));
    }
    let fetcher = Fetcher::new(fetch).map_err(|e| Error::Client(e.to_string()))?;
    let mut found: Vec<FoundConsultation> = Vec::new();
    let mut seen = HashSet::new();
    for page in 1..=max_pages.max(1) {
        let mut url: Url = site
            .join("zoeken/resultaat")
            .map_err(|e| Error::parameter("site", format!("{site}: {e}")))?;
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("Trefwoorden", &query);
            q.append_pair("TrefwoordenSearchScope", "TitelEnTekst");
            if page > 1 {
                q.append_pair("Pagina", &page.to_string());
            }
        }
        let fail = |message: String| Error::Fetch {
            url: url.to_string(),
            message,
        };
        let body = match fetcher.get(&url, None).await {
            Ok(f) if (200..300).contains(&f.status) => f.body,
            Ok(f) => return Err(fail(format!("HTTP {} {}", f.status, f.reason))),
            Err(FetchError::Robots) => {
                return Err(fail("robots.txt does not allow the site search".into()))
            }
            Err(e) => return Err(fail(e.to_string())),
        };
        let results =
            search_results::parse_search(&String::from_utf8_lossy(&body)).map_err(|message| {
                Error::Unparsed {
                    url: url.to_string(),
                    message,
                }
            })?;
        let before = found.len();
        for r in results.results {
            if seen.insert(r.slug.clone()) {
                found.push(r);
            }
        }
        let done = found.len() == before
            || results
                .total
                .is_some_and(|t| u64::from(page) * SEARCH_PAGE_SIZE >= t);
        if done {
            break;
        }
    }
    found.retain(|f| status.keeps(f.status.as_deref()));
    Ok(found)
}
