//! What an index folder holds, for `inspraak stats` and `/api/stats`: documents by
//! consultation, kind, language and respondent type; each consultation's responses (announced,
//! archived, indexed, withdrawn, not fetched because of robots.txt, missing); the crawl state's
//! URLs, failures and the URLs robots.txt keeps us from; what the last index step did, and the
//! organisation register's corrections. The index is the truth for what is indexed, the crawl state for what
//! was archived, withdrawn or is missing.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::crawl::counts::ResponseCounts;
use crate::error::Result;
use crate::index::IndexSummary;
use crate::search::Corrections;
use crate::search::{Engine, Facets};
use crate::store::state::{PageKind, State};
use crate::store::IndexPaths;

/// What `stats` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Documents in the index.
    pub documents: u64,
    /// Each consultation's documents and responses, by slug.
    pub consultations: BTreeMap<String, ConsultationStats>,
    /// Documents by kind.
    pub kind: BTreeMap<String, u64>,
    /// Documents by language.
    pub lang: BTreeMap<String, u64>,
    /// Responses and attachments by respondent type.
    pub respondent: BTreeMap<String, u64>,
    /// What the crawl state holds.
    pub crawl: CrawlStats,
    /// What the last index step did (`crawl`, `update` or `reindex`): documents added,
    /// re-added, deleted and replaced, and its seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_index_step: Option<IndexSummary>,
    /// A researcher's corrections to the organisation register (`organisations --merge`,
    /// `--split`), by organisation key.
    #[serde(skip_serializing_if = "Corrections::is_empty")]
    pub organisation_corrections: Corrections,
}

/// One consultation in the statistics.
#[derive(Debug, Clone, Serialize)]
pub struct ConsultationStats {
    /// Its title.
    pub title: String,
    /// Its documents of every kind.
    pub documents: u64,
    /// Its responses: announced by the site, archived, indexed (with and without text),
    /// withdrawn, not fetched because robots.txt disallows them, and the missing ones.
    pub responses: ResponseCounts,
}

/// What the crawl state holds: URLs, archived bodies, withdrawals, failures, and the URLs
/// robots.txt does not allow us to fetch.
#[derive(Debug, Clone, Serialize, Default)]
pub struct CrawlStats {
    /// URLs in the crawl state, by kind.
    pub urls: BTreeMap<String, u64>,
    /// URLs whose body is archived.
    pub archived: u64,
    /// Responses withdrawn from the site (and their attachments), no longer indexed.
    pub withdrawn: u64,
    /// URLs that could not be fetched or extracted, with the reason.
    pub failures: Vec<StatsFailure>,
    /// URLs not fetched because robots.txt disallows them (not failures: nothing was asked).
    pub blocked_by_robots: Vec<StatsUrl>,
}

/// A URL and what it is to the crawler.
#[derive(Debug, Clone, Serialize)]
pub struct StatsUrl {
    /// The URL.
    pub url: String,
    /// What it is to the crawler (`response`, `attachment`, `report`…).
    pub kind: String,
}

/// A URL that could not be fetched or extracted.
#[derive(Debug, Clone, Serialize)]
pub struct StatsFailure {
    /// The URL.
    pub url: String,
    /// What it is to the crawler (`response`, `attachment`, `report`…).
    pub kind: String,
    /// Why, in one line.
    pub reason: String,
}

/// Gathers statistics of an index folder through an open engine.
pub fn gather(engine: &Engine, root: &Path) -> Result<Stats> {
    let (
        documents,
        Facets {
            consultation,
            lang,
            kind,
            respondent,
            ..
        },
    ) = engine.counts()?;
    let titles = engine.consultation_titles()?;
    let state_path = IndexPaths::new(root).state();
    let state = state_path
        .exists()
        .then(|| State::open(&state_path))
        .transpose()?;
    let mut counts = match &state {
        Some(s) => crate::crawl::counts::from_state(s)?,
        None => BTreeMap::new(),
    };
    // The index is the truth for what is indexed; the state for what was archived, withdrawn
    // and is missing.
    for info in engine.consultations()? {
        let c = counts.entry(info.slug).or_default();
        c.announced = info.announced;
        c.indexed = info.responses;
        c.without_text = info.responses_without_text;
    }
    let consultations = consultation
        .into_iter()
        .map(|(slug, n)| {
            let title = titles.get(&slug).cloned().unwrap_or_default();
            let responses = counts.remove(&slug).unwrap_or_default();
            (
                slug,
                ConsultationStats {
                    title,
                    documents: n,
                    responses,
                },
            )
        })
        .collect();
    let mut crawl = CrawlStats::default();
    let last_index_step = match &state {
        Some(s) => s
            .meta(crate::index::build::LAST_STEP_KEY)?
            .and_then(|j| serde_json::from_str(&j).ok()),
        None => None,
    };
    if let Some(state) = state {
        // robots.txt is the crawler's own business, not a page of the consultation's.
        for k in PageKind::ALL.into_iter().filter(|k| *k != PageKind::Robots) {
            let mut n = 0;
            state.each_of_kind(k, |rec| {
                n += 1;
                if rec.is_stored() {
                    crawl.archived += 1;
                }
                if rec.withdrawn_at.is_some() && k == PageKind::Response {
                    crawl.withdrawn += 1;
                }
                Ok(())
            })?;
            if n > 0 {
                crawl.urls.insert(k.as_str().to_string(), n);
            }
        }
        for rec in state.failures()? {
            if rec.disallowed_by_robots() {
                crawl.blocked_by_robots.push(StatsUrl {
                    url: rec.url,
                    kind: rec.kind.as_str().to_string(),
                });
                continue;
            }
            crawl.failures.push(StatsFailure {
                url: rec.url,
                kind: rec.kind.as_str().to_string(),
                reason: rec.error.or(rec.extract_error).unwrap_or_default(),
            });
        }
    }
    Ok(Stats {
        documents,
        consultations,
        kind,
        lang,
        respondent,
        crawl,
        last_index_step,
        organisation_corrections: engine.organisation_corrections()?,
    })
}
