//! The crawler: from seeds to an archive. For each consultation it reads the consultation page,
//! its documents, every listing page and every response with its attachment; cited responses
//! from the seed file are fetched too, and its cited reports from their own publishers (the
//! URL, its redirects, and one hop from a landing page to the file it offers; nothing else).
//! Bodies go to the WARC archive and each URL's outcome to the crawl state; the caller then runs
//! the index step over what changed (`index::update`). The crawler knows nothing of the index.
//!
//! Runs are incremental and resumable: a response already archived is never fetched again
//! (published responses do not change), consultation pages and documents are asked for with
//! ETag/If-Modified-Since, and a run killed at any point leaves only complete archive records
//! behind, so the next run picks up where it stopped. A response that has left the listings and
//! answers 404/410 is marked withdrawn and leaves the index; `purge_withdrawn` also removes its
//! archived bodies.

mod address;
pub(crate) mod counts;
pub mod discover;
pub mod fetch;
mod purge;
pub(crate) mod ratelimit;
mod reports;
pub(crate) mod robots;

pub use crate::progress::{Failure, Progress};
pub use purge::purge_withdrawn;

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use futures::StreamExt;
use serde::Serialize;
use url::Url;

use crate::error::{Error, Result};
use crate::extract::site;
use crate::seeds::{SeedKind, Seeds};
use crate::store::archive::{ArchiveReader, ArchiveWriter};
use crate::store::state::{PageKind, PageRecord, State};
use crate::store::{IndexPaths, WriteLock};
pub use fetch::{FetchConfig, DEFAULT_CONCURRENCY, DEFAULT_RATE, DEFAULT_USER_AGENT};
use fetch::{FetchError, Fetcher, Validators};

/// The real site; seed URLs on this host are rewritten when `--site` points elsewhere.
pub const DEFAULT_SITE: &str = "https://www.internetconsultatie.nl";
/// Hosts that are the real site.
pub(crate) const SITE_HOSTS: [&str; 2] = ["www.internetconsultatie.nl", "internetconsultatie.nl"];
/// Responses per listing page (the most the site allows).
pub(crate) const PER_PAGE: u32 = 100;
/// A bound on listing pages, in case a site keeps answering with new pages.
pub(crate) const MAX_LISTING_PAGES: u32 = 10_000;

/// What to crawl and how.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    /// The index folder the crawl writes its archive and state to.
    pub index_dir: PathBuf,
    /// Consultations and URLs from the seed files.
    pub seeds: Seeds,
    /// Extra consultation slugs (`--consultation`).
    pub consultations: Vec<String>,
    /// The site root; `None` is the real site, with private addresses refused.
    pub site: Option<String>,
    /// How politely and patiently to fetch.
    pub fetch: FetchConfig,
    /// Show a progress bar (on a terminal) instead of log lines.
    pub progress: bool,
    /// Also re-crawl every consultation the index already has (`inspraak update`); the site
    /// defaults to the one the index was crawled from.
    pub update: bool,
    /// Delete the archived bodies of withdrawn responses.
    pub purge_withdrawn: bool,
    /// Fetch report URLs on loopback and private addresses (tests, local mirrors).
    pub allow_private: bool,
    /// Set (by Ctrl-C) to stop early: no new request starts, and what was fetched is indexed.
    pub cancel: Arc<AtomicBool>,
}

impl CrawlOptions {
    /// Options with the defaults for everything but the index folder.
    pub fn new(index_dir: PathBuf) -> CrawlOptions {
        CrawlOptions {
            index_dir,
            seeds: Seeds::default(),
            consultations: Vec::new(),
            site: None,
            fetch: FetchConfig::default(),
            progress: false,
            update: false,
            purge_withdrawn: false,
            allow_private: false,
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// What a crawl did.
#[derive(Debug, Clone, Serialize, Default)]
pub struct CrawlSummary {
    /// URLs fetched with a successful answer and archived.
    pub fetched: u64,
    /// URLs not fetched again: already archived (responses, attachments) or answered 304.
    pub unchanged: u64,
    /// Fetches that needed at least one retry (and then succeeded or failed).
    pub retried: u64,
    /// URLs that could not be fetched, with the reason.
    pub failed: Vec<Failure>,
    /// URLs robots.txt does not allow us to fetch.
    pub blocked_by_robots: Vec<String>,
    /// Pages fetched but not understood.
    pub unparsed: Vec<Failure>,
    /// Report URLs in the seeds.
    pub reports: usize,
    /// Files fetched from report landing pages (their main download).
    pub report_files: u64,
    /// Responses found withdrawn in this run (gone from the listing, 404/410).
    pub withdrawn: Vec<String>,
    /// Archive records deleted because they carry a withdrawn response (its page, its
    /// attachment, older listing pages that show it).
    pub purged: u64,
    /// Failed attempts by cause (each retry counts), and redirects to another host.
    pub faults: BTreeMap<String, u64>,
    /// The run was stopped early (Ctrl-C); what it fetched is indexed.
    pub interrupted: bool,
    /// When no host answered at all: the hosts whose names did not resolve (the network or
    /// the DNS is unavailable). Empty when any host answered.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unresolved_hosts: Vec<String>,
    /// Responses of each consultation crawled: announced, listed, archived, indexed (with
    /// and without text), withdrawn, and the missing ones by name; filled in by
    /// [`CrawlSummary::count_responses`] once the index step has run.
    pub consultations: BTreeMap<String, counts::ResponseCounts>,
    /// What each consultation's page announced and its listing showed.
    #[serde(skip)]
    pub seen: BTreeMap<String, counts::Seen>,
    /// Seconds the crawl took (the index step counts its own).
    pub seconds: f64,
}

impl CrawlSummary {
    /// Counts each crawled consultation's responses, with how many the index holds without
    /// text (from the index step that followed the crawl).
    pub fn count_responses(
        &mut self,
        root: &std::path::Path,
        without_text: &BTreeMap<String, u64>,
    ) -> Result<()> {
        let state = State::open(&IndexPaths::new(root).state())?;
        self.consultations = counts::after_crawl(&state, &self.seen, without_text)?;
        Ok(())
    }

    /// True when not a single URL could be fetched or was already archived.
    pub fn nothing_fetched(&self) -> bool {
        self.fetched == 0 && self.unchanged == 0
    }
}

/// Rewrites a URL on the real site to the configured site root.
pub(crate) fn rewrite_to_site(url: &Url, site: &Url) -> Url {
    match url.host_str() {
        Some(h) if SITE_HOSTS.contains(&h.to_ascii_lowercase().as_str()) => {
            let mut out = site.clone();
            let base = site.path().trim_end_matches('/');
            out.set_path(&format!("{base}{}", url.path()));
            out.set_query(url.query());
            out
        }
        _ => url.clone(),
    }
}

/// Parses a site root (a mirror or a test server): an http(s) URL without query.
pub(crate) fn parse_site(site: &str) -> Result<Url> {
    let mut url = Url::parse(site).map_err(|e| Error::parameter("site", format!("{site}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::parameter(
            "site",
            format!("{site}: must be an http(s) URL"),
        ));
    }
    url.set_query(None);
    url.set_fragment(None);
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    Ok(url)
}

/// What fetching a URL gave.
enum Fetch {
    /// A new body, now archived.
    Fresh(Vec<u8>),
    /// 304: the archived body is still current.
    Unchanged(Vec<u8>),
    /// 404 or 410.
    Gone(u16),
    /// Any other failure; already recorded.
    Failed,
}

impl Fetch {
    fn body(self) -> Option<Vec<u8>> {
        match self {
            Fetch::Fresh(b) | Fetch::Unchanged(b) => Some(b),
            _ => None,
        }
    }
}

struct Crawl<'a> {
    site: Url,
    fetcher: Fetcher,
    state: Mutex<State>,
    archive: Mutex<ArchiveWriter>,
    archive_dir: PathBuf,
    summary: Mutex<CrawlSummary>,
    /// What each consultation's page announced and its listing showed.
    seen: Mutex<BTreeMap<String, counts::Seen>>,
    /// A lock per report URL being fetched (see [`Crawl::claim`]).
    claims: Mutex<std::collections::HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    progress: &'a Progress,
    cancel: &'a AtomicBool,
}

/// Crawls the seeds and consultations into the archive, for a caller that holds the index
/// folder's write lock (and runs the index step after it, under the same lock).
pub async fn run(opts: CrawlOptions, _lock: &WriteLock) -> Result<CrawlSummary> {
    let started = Instant::now();
    let paths = IndexPaths::new(&opts.index_dir);
    paths.create()?;
    let state = State::open(&paths.state())?;
    let (site, fetch) = site_and_fetch(&opts, &state)?;
    let slugs = consultations_to_crawl(&opts, &state)?;
    let fetcher = Fetcher::new(fetch).map_err(|e| Error::Client(e.to_string()))?;
    let progress = Progress::new(opts.progress);
    let crawl = Crawl {
        site: site.clone(),
        fetcher,
        state: Mutex::new(state),
        archive: Mutex::new(ArchiveWriter::create(&paths.archive())?),
        archive_dir: paths.archive(),
        summary: Mutex::new(CrawlSummary::default()),
        seen: Mutex::new(BTreeMap::new()),
        claims: Mutex::new(std::collections::HashMap::new()),
        progress: &progress,
        cancel: &opts.cancel,
    };
    progress.phase("crawl", 0);
    for (slug, bill) in &slugs {
        if crawl.cancelled() {
            break;
        }
        crawl.with_state(|s| s.add_consultation(slug, bill.as_deref()))?;
        crawl.consultation(slug).await?;
    }
    crawl.cited_responses(&opts.seeds).await?;
    crawl.reports(&opts).await?;
    progress.finish();
    let mut summary = std::mem::take(&mut *crawl.summary.lock().expect("summary lock"));
    summary.faults = crawl.fetcher.faults();
    summary.unresolved_hosts = crawl.fetcher.unreachable_network();
    summary.interrupted = crawl.cancelled();
    summary.seen = crawl.seen.into_inner().expect("seen lock");
    let state = crawl.state.into_inner().expect("state lock");
    drop(crawl.archive);
    if opts.purge_withdrawn {
        summary.purged = purge_withdrawn(&paths, state)?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The site to crawl, and the fetch settings for it: an update goes back to the site the
/// index came from, and a site other than the real one may be on a private address.
fn site_and_fetch(opts: &CrawlOptions, state: &State) -> Result<(Url, FetchConfig)> {
    let mut fetch = opts.fetch.clone();
    let given = match (&opts.site, opts.update) {
        (Some(s), _) => Some(s.clone()),
        (None, true) => state
            .meta("site")?
            .filter(|s| parse_site(s).ok() != parse_site(DEFAULT_SITE).ok()),
        (None, false) => None,
    };
    let site = match &given {
        Some(s) => {
            fetch.allow_private = true;
            parse_site(s)?
        }
        None => parse_site(DEFAULT_SITE)?,
    };
    state.set_meta("site", site.as_str())?;
    Ok((site, fetch))
}

/// The consultations of the seeds and `--consultation`, and for an update every one the index
/// has, each once, with its bill's name where the seeds give one.
fn consultations_to_crawl(
    opts: &CrawlOptions,
    state: &State,
) -> Result<Vec<(String, Option<String>)>> {
    let mut slugs: Vec<(String, Option<String>)> = opts
        .seeds
        .consultations
        .iter()
        .map(|c| (c.slug.clone(), c.bill.clone()))
        .collect();
    let mut extra = opts.consultations.clone();
    if opts.update {
        extra.extend(state.consultations()?.into_iter().map(|(slug, _)| slug));
    }
    for s in extra {
        if !crate::seeds::is_slug(&s) {
            return Err(Error::parameter(
                "consultation",
                format!("{s}: not a consultation slug"),
            ));
        }
        if !slugs.iter().any(|(x, _)| *x == s) {
            slugs.push((s, None));
        }
    }
    if opts.update && slugs.is_empty() && state.of_kind(PageKind::Report)?.is_empty() {
        return Err(Error::Usage(format!(
            "{} has no consultations or reports to update: crawl some first",
            opts.index_dir.display()
        )));
    }
    Ok(slugs)
}

impl Crawl<'_> {
    /// The responses the seed file cites by URL.
    async fn cited_responses(&self, seeds: &Seeds) -> Result<()> {
        let cited: Vec<Url> = seeds
            .urls
            .iter()
            .filter(|u| u.kind == SeedKind::Response)
            .filter_map(|u| Url::parse(&u.url).ok())
            .map(|u| rewrite_to_site(&u, &self.site))
            .collect();
        self.progress.add_len(cited.len() as u64);
        for url in cited {
            let slug = url
                .path_segments()
                .and_then(|mut s| s.next())
                .unwrap_or_default()
                .to_string();
            self.response(&slug, url).await?;
        }
        Ok(())
    }

    /// The reports of the seeds and, for an update, those the index knows, fetched from their
    /// publishers concurrently.
    async fn reports(&self, opts: &CrawlOptions) -> Result<()> {
        let mut reports: Vec<crate::seeds::SeedUrl> = opts
            .seeds
            .urls
            .iter()
            .filter(|u| u.kind == SeedKind::Report)
            .cloned()
            .collect();
        if opts.update {
            // An update retries the reports the index knows (those archived are not asked for
            // again), with the permission the crawl was given.
            reports.extend(
                self.with_state(|s| s.of_kind(PageKind::Report))?
                    .into_iter()
                    .map(|r| crate::seeds::SeedUrl {
                        url: r.url,
                        kind: SeedKind::Report,
                        label: r.label,
                    }),
            );
        }
        // A report listed twice (two seed files citing it) is fetched once, with its first label.
        let mut seen = HashSet::new();
        reports.retain(|r| seen.insert(r.url.clone()));
        self.tally(|s| s.reports = reports.len());
        if reports.is_empty() {
            return Ok(());
        }
        let allow_private = opts.allow_private
            || opts.update && self.with_state(|s| s.meta(ALLOW_PRIVATE))?.as_deref() == Some("1");
        if opts.allow_private {
            self.with_state(|s| s.set_meta(ALLOW_PRIVATE, "1"))?;
        }
        let fetcher = self
            .fetcher
            .sibling(allow_private)
            .map_err(|e| Error::Client(e.to_string()))?;
        self.progress.add_len(reports.len() as u64);
        let results: Vec<Result<()>> = futures::stream::iter(&reports)
            .take_while(|_| std::future::ready(!self.cancelled()))
            .map(|r| self.report(&fetcher, r))
            .buffer_unordered(self.fetcher.config().concurrency)
            .collect()
            .await;
        results.into_iter().collect::<Result<Vec<_>>>()?;
        Ok(())
    }
}

/// The meta key recording that reports on private addresses were allowed (`--allow-private`),
/// so that `update` retries them with the same permission.
const ALLOW_PRIVATE: &str = "allow_private";

impl Crawl<'_> {
    fn with_state<T>(&self, f: impl FnOnce(&State) -> Result<T>) -> Result<T> {
        f(&self.state.lock().expect("state lock"))
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    fn join(&self, href: &str) -> Option<Url> {
        let url = self.site.join(href.trim_start_matches('/')).ok()?;
        Some(rewrite_to_site(&url, &self.site))
    }

    fn read_archived(&self, rec: &PageRecord) -> Result<Vec<u8>> {
        let mut reader = ArchiveReader::new(&self.archive_dir);
        let r = reader.read(
            rec.warc_file.as_deref().unwrap_or_default(),
            rec.warc_offset.unwrap_or_default(),
        )?;
        Ok(r.body)
    }

    fn saw(&self, slug: &str, f: impl FnOnce(&mut counts::Seen)) {
        f(self
            .seen
            .lock()
            .expect("seen lock")
            .entry(slug.to_string())
            .or_default());
    }

    fn tally(&self, f: impl FnOnce(&mut CrawlSummary)) {
        f(&mut self.summary.lock().expect("summary lock"));
    }

    /// Fetches a URL and records the outcome. With `conditional`, an archived body is
    /// revalidated (ETag/Last-Modified). With `missing_ok`, 404 and 410 are returned as
    /// [`Fetch::Gone`] without being recorded as failures: the caller knows what they mean.
    #[allow(clippy::too_many_arguments)]
    async fn fetch(
        &self,
        url: &Url,
        kind: PageKind,
        consultation: &str,
        parent: Option<&str>,
        conditional: bool,
        missing_ok: bool,
    ) -> Result<Fetch> {
        let prev = self.with_state(|s| s.get(url.as_str()))?;
        let stored = prev.as_ref().filter(|p| p.is_stored());
        let validators = stored.filter(|_| conditional).map(|p| Validators {
            etag: p.etag.clone(),
            last_modified: p.last_modified.clone(),
        });
        let mut rec = PageRecord::new(url.as_str(), kind);
        rec.consultation = Some(consultation.to_string());
        rec.parent = parent.map(str::to_string);
        let result = self.fetcher.get(url, validators.as_ref()).await;
        self.progress.step(url.path());
        match result {
            Ok(f) => {
                if f.attempts > 1 {
                    self.tally(|s| s.retried += 1);
                }
                if let (304, Some(prev)) = (f.status, stored) {
                    self.tally(|s| s.unchanged += 1);
                    return self.read_archived(prev).map(Fetch::Unchanged);
                }
                if (200..300).contains(&f.status) {
                    self.store(&mut rec, url, &f)?;
                    return Ok(Fetch::Fresh(f.body));
                }
                if missing_ok && matches!(f.status, 404 | 410) {
                    return Ok(Fetch::Gone(f.status));
                }
                rec.status = Some(f.status);
                rec.error = Some(format!("HTTP {} {}", f.status, f.reason).trim().to_string());
            }
            Err(e) => {
                self.fetch_failed(&mut rec, stored.is_some(), e)?;
                return Ok(Fetch::Failed);
            }
        }
        self.record_failure(&rec, stored.is_some())?;
        Ok(match rec.status {
            Some(code @ (404 | 410)) => Fetch::Gone(code),
            _ => Fetch::Failed,
        })
    }

    /// Archives a successful answer (the WARC record names `answered`, where the redirects
    /// ended) and records where it is under `rec`'s URL.
    fn store(&self, rec: &mut PageRecord, answered: &Url, f: &fetch::Fetched) -> Result<()> {
        let loc = self.archive.lock().expect("archive lock").write_response(
            answered.as_str(),
            f.status,
            &f.reason,
            &f.headers,
            &f.body,
        )?;
        rec.status = Some(f.status);
        rec.error = None;
        rec.content_type = f.header("content-type").map(str::to_string);
        rec.etag = f.header("etag").map(str::to_string);
        rec.last_modified = f.header("last-modified").map(str::to_string);
        rec.length = Some(f.body.len() as u64);
        rec.sha256 = Some(loc.sha256);
        rec.warc_file = Some(loc.file);
        rec.warc_offset = Some(loc.offset);
        self.with_state(|s| s.put(rec))?;
        self.tally(|s| s.fetched += 1);
        Ok(())
    }

    /// Records a fetch that did not get an answer (robots.txt, retries exhausted).
    fn fetch_failed(&self, rec: &mut PageRecord, was_stored: bool, e: FetchError) -> Result<()> {
        if let FetchError::Failed { attempts, .. } = &e {
            if *attempts > 1 {
                self.tally(|s| s.retried += 1);
            }
        }
        rec.error = Some(e.to_string());
        if e == FetchError::Robots {
            self.tally(|s| s.blocked_by_robots.push(rec.url.clone()));
            if !was_stored {
                self.with_state(|s| s.put(rec))?;
            }
            return Ok(());
        }
        self.record_failure(rec, was_stored)
    }

    /// Logs, counts and records a failed URL; `rec.error` says why.
    fn record_failure(&self, rec: &PageRecord, was_stored: bool) -> Result<()> {
        let reason = rec.error.clone().unwrap_or_default();
        tracing::warn!(url = %rec.url, %reason, "fetch failed");
        self.tally(|s| {
            s.failed.push(Failure {
                url: rec.url.clone(),
                reason: reason.clone(),
            })
        });
        // A failure must not hide a body archived earlier.
        if !was_stored {
            self.with_state(|s| s.put(rec))?;
        }
        Ok(())
    }

    fn unparsed(&self, url: &Url, reason: String) -> Result<()> {
        tracing::warn!(%url, %reason, "page does not parse");
        self.with_state(|s| s.set_extract_error(url.as_str(), Some(&reason)))?;
        self.tally(|s| {
            s.unparsed.push(Failure {
                url: url.to_string(),
                reason,
            })
        });
        Ok(())
    }

    async fn consultation(&self, slug: &str) -> Result<()> {
        let Some(url) = self.join(slug) else {
            return Ok(());
        };
        let page = self
            .fetch(&url, PageKind::Consultation, slug, None, true, false)
            .await?;
        // Documents are revalidated only when the consultation page changed: an unchanged
        // consultation costs one conditional request, not one per document.
        let changed = matches!(page, Fetch::Fresh(_));
        if let Some(body) = page.body() {
            match site::parse_consultation(&String::from_utf8_lossy(&body)) {
                Ok(page) => {
                    self.saw(slug, |s| s.announced = page.response_count);
                    let responses = page.response_count.unwrap_or(0);
                    let listings = responses.div_ceil(PER_PAGE as u64);
                    self.progress
                        .add_len(responses + listings + page.documents.len() as u64);
                    let mut docs = Vec::new();
                    for d in &page.documents {
                        let Some(doc) = self.join(&d.href) else {
                            continue;
                        };
                        let stored = self
                            .with_state(|s| s.get(doc.as_str()))?
                            .is_some_and(|r| r.is_stored());
                        if changed || !stored {
                            docs.push(doc);
                        }
                    }
                    let parent = url.as_str();
                    let results: Vec<Result<Fetch>> = futures::stream::iter(docs)
                        .take_while(|_| std::future::ready(!self.cancelled()))
                        .map(|d| async move {
                            self.fetch(&d, PageKind::Document, slug, Some(parent), true, false)
                                .await
                        })
                        .buffer_unordered(self.fetcher.config().concurrency)
                        .collect()
                        .await;
                    results.into_iter().collect::<Result<Vec<_>>>()?;
                }
                Err(reason) => self.unparsed(&url, reason)?,
            }
        }
        self.saw(slug, |_| {});
        if let Some(listed) = self.listings(slug).await? {
            self.saw(slug, |s| s.listed = Some(listed.len() as u64));
            self.withdrawals(slug, &listed).await?;
        }
        Ok(())
    }

    /// Reads every listing page and crawls the responses on it. Returns the UUIDs listed when
    /// the whole listing was read; `None` when a page failed or the run was stopped, since then
    /// nothing can be concluded from what was not listed.
    async fn listings(&self, slug: &str) -> Result<Option<HashSet<String>>> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut page = 1;
        loop {
            if self.cancelled() {
                return Ok(None);
            }
            let Some(url) = self.join(&format!("{slug}/reacties/datum/{page}/{PER_PAGE}")) else {
                return Ok(None);
            };
            let body = match self
                .fetch(&url, PageKind::Listing, slug, None, false, page > 1)
                .await?
            {
                // Past the last page the site may answer 404.
                Fetch::Gone(_) if page > 1 => return Ok(Some(seen)),
                f => match f.body() {
                    Some(b) => b,
                    None => return Ok(None),
                },
            };
            let listing = match site::parse_listing(&String::from_utf8_lossy(&body)) {
                Ok(l) => l,
                Err(reason) => {
                    self.unparsed(&url, reason)?;
                    return Ok(None);
                }
            };
            let new: Vec<Url> = listing
                .entries
                .iter()
                .filter(|e| seen.insert(e.uuid.clone()))
                .filter_map(|e| self.join(&e.href))
                .collect();
            if new.is_empty() {
                return Ok(Some(seen));
            }
            let results: Vec<Result<()>> = futures::stream::iter(new)
                .map(|u| self.response(slug, u))
                .buffer_unordered(self.fetcher.config().concurrency)
                .collect()
                .await;
            results.into_iter().collect::<Result<Vec<_>>>()?;
            if listing.last_page.is_some_and(|last| page >= last) || page >= MAX_LISTING_PAGES {
                return Ok(if self.cancelled() { None } else { Some(seen) });
            }
            page += 1;
        }
    }

    /// Archived responses of a consultation that the complete listing no longer shows are
    /// asked for once more: a 404 or 410 means the respondent withdrew it.
    async fn withdrawals(&self, slug: &str, listed: &HashSet<String>) -> Result<()> {
        let mut missing = Vec::new();
        self.with_state(|s| {
            s.each_of_kind(PageKind::Response, |rec| {
                let gone = rec.consultation.as_deref() == Some(slug)
                    && rec.is_stored()
                    && site::response_uuid(&rec.url).is_some_and(|u| !listed.contains(u));
                if gone {
                    missing.push(rec.url);
                }
                Ok(())
            })
        })?;
        for url in missing {
            if self.cancelled() {
                break;
            }
            let Ok(u) = Url::parse(&url) else { continue };
            if let Fetch::Gone(status) = self
                .fetch(&u, PageKind::Response, slug, None, false, true)
                .await?
            {
                tracing::info!(%url, status, "response withdrawn");
                self.with_state(|s| s.mark_withdrawn(&url, status))?;
                self.tally(|s| s.withdrawn.push(url.clone()));
            }
        }
        Ok(())
    }

    /// A response page and its attachment. Published responses do not change, so one that is
    /// archived already (and parsed) is read from the archive instead of fetched.
    async fn response(&self, slug: &str, url: Url) -> Result<()> {
        if self.cancelled() {
            return Ok(());
        }
        let prev = self.with_state(|s| s.get(url.as_str()))?;
        // A page that did not parse may have been a glitch of the site: ask for it again.
        let archived = prev.filter(|p| p.is_stored() && p.extract_error.is_none());
        let att = match archived {
            // Known from an earlier run: no need to read the archived page again.
            Some(p) if p.attachment.is_some() => {
                self.tally(|s| s.unchanged += 1);
                self.progress.step(url.path());
                p.attachment.filter(|a| !a.is_empty())
            }
            archived => {
                let body = match archived {
                    Some(p) => {
                        self.tally(|s| s.unchanged += 1);
                        self.progress.step(url.path());
                        self.read_archived(&p)?
                    }
                    None => match self
                        .fetch(&url, PageKind::Response, slug, None, false, false)
                        .await?
                        .body()
                    {
                        Some(b) => b,
                        None => return Ok(()),
                    },
                };
                let page = match site::parse_response(&String::from_utf8_lossy(&body)) {
                    Ok(p) => p,
                    Err(reason) => return self.unparsed(&url, reason),
                };
                let att = page.attachment.as_deref().and_then(|h| self.join(h));
                let link = att.as_ref().map(|u| u.to_string()).unwrap_or_default();
                self.with_state(|s| s.set_attachment(url.as_str(), &link))?;
                att.map(|u| u.to_string())
            }
        };
        let Some(att) = att.and_then(|a| Url::parse(&a).ok()) else {
            return Ok(());
        };
        let prev = self.with_state(|s| s.get(att.as_str()))?;
        if prev.is_some_and(|p| p.is_stored()) {
            self.tally(|s| s.unchanged += 1);
            return Ok(());
        }
        if self.cancelled() {
            return Ok(());
        }
        self.progress.add_len(1);
        self.fetch(
            &att,
            PageKind::Attachment,
            slug,
            Some(url.as_str()),
            false,
            false,
        )
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_real_site_urls_only() {
        let site = parse_site("http://127.0.0.1:8080").unwrap();
        let u = Url::parse("https://www.internetconsultatie.nl/x/reactie/abc?a=1").unwrap();
        assert_eq!(
            rewrite_to_site(&u, &site).as_str(),
            "http://127.0.0.1:8080/x/reactie/abc?a=1"
        );
        let other = Url::parse("https://www.amnesty.org/en/").unwrap();
        assert_eq!(rewrite_to_site(&other, &site), other);
        assert!(parse_site("ftp://x").is_err());
        assert!(parse_site("not a url").is_err());
    }
}
