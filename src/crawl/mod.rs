//! The crawler: from seeds to an archive. For each consultation it reads the consultation page,
//! its documents, every listing page and every response with its attachment; cited responses
//! from the seed file are fetched too. Bodies go to the WARC archive and each URL's outcome to
//! the crawl state, then the index is rebuilt from the archive, the same way `reindex` does it,
//! so a crawl and a reindex of the same archive give the same index.

pub mod archive;
pub mod fetch;
pub mod ratelimit;
pub mod robots;
pub mod state;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use futures::StreamExt;
use serde::Serialize;
use url::Url;

use crate::error::{Error, Result};
use crate::extract::pdf::PdfExtractor;
use crate::extract::site;
use crate::index::{self, IndexPaths, IndexSummary};
use crate::seeds::{SeedKind, Seeds};
use archive::{ArchiveReader, ArchiveWriter};
pub use fetch::{FetchConfig, DEFAULT_CONCURRENCY, DEFAULT_RATE, DEFAULT_USER_AGENT};
use fetch::{FetchError, Fetcher, Validators};
use state::{PageKind, PageRecord, State};

/// The real site; seed URLs on this host are rewritten when `--site` points elsewhere.
pub const DEFAULT_SITE: &str = "https://www.internetconsultatie.nl";
/// Hosts that are the real site.
pub const SITE_HOSTS: [&str; 2] = ["www.internetconsultatie.nl", "internetconsultatie.nl"];
/// Responses per listing page (the most the site allows).
pub const PER_PAGE: u32 = 100;
/// A bound on listing pages, in case a site keeps answering with new pages.
pub const MAX_LISTING_PAGES: u32 = 10_000;

/// What to crawl and how.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    pub index_dir: PathBuf,
    pub seeds: Seeds,
    /// Extra consultation slugs (`--consultation`).
    pub consultations: Vec<String>,
    /// The site root; `None` is the real site, with private addresses refused.
    pub site: Option<String>,
    pub fetch: FetchConfig,
    /// Show a progress bar (on a terminal) instead of log lines.
    pub progress: bool,
    pub extractor: PdfExtractor,
}

/// A URL that failed, and why.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Failure {
    pub url: String,
    pub reason: String,
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
    /// Report URLs in the seeds; fetching reports is not part of this crawler yet.
    pub reports_not_fetched: usize,
    /// The index built from the archive.
    pub index: IndexSummary,
    pub seconds: f64,
}

impl CrawlSummary {
    /// True when not a single URL could be fetched or was already archived.
    pub fn nothing_fetched(&self) -> bool {
        self.fetched == 0 && self.unchanged == 0
    }
}

/// Rewrites a URL on the real site to the configured site root.
pub fn rewrite_to_site(url: &Url, site: &Url) -> Url {
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

/// Parses a `--site` value: an http(s) URL without query.
pub fn parse_site(site: &str) -> Result<Url> {
    let mut url = Url::parse(site).map_err(|e| Error::Usage(format!("--site {site}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::Usage(format!(
            "--site {site}: must be an http(s) URL"
        )));
    }
    url.set_query(None);
    url.set_fragment(None);
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    Ok(url)
}

/// A body from the network or the archive.
struct Body {
    bytes: Vec<u8>,
}

struct Crawl<'a> {
    site: Url,
    fetcher: Fetcher,
    state: Mutex<State>,
    archive: Mutex<ArchiveWriter>,
    archive_dir: PathBuf,
    summary: Mutex<CrawlSummary>,
    progress: &'a Progress,
}

/// Shows progress: a bar on a terminal, log lines elsewhere.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    done: AtomicU64,
    last_log: Mutex<Instant>,
}

/// Without a terminal, progress is logged at most this often.
const LOG_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

impl Progress {
    /// A progress display; `bar` selects the terminal bar.
    pub fn new(bar: bool) -> Progress {
        let bar = bar.then(|| {
            let b = indicatif::ProgressBar::new(0);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {prefix:>5} [{bar:30}] {pos}/{len} eta {eta} {wide_msg}",
                )
                .expect("static template")
                .progress_chars("=> "),
            );
            b
        });
        Progress {
            bar,
            done: AtomicU64::new(0),
            last_log: Mutex::new(Instant::now()),
        }
    }

    /// Starts a phase with a known or unknown length.
    pub fn phase(&self, name: &str, len: u64) {
        if let Some(b) = &self.bar {
            b.set_prefix(name.to_string());
            b.set_length(len);
            b.set_position(0);
        } else {
            tracing::info!("{name}");
        }
        self.done.store(0, Ordering::Relaxed);
    }

    /// Adds work whose size became known (a consultation announces its response count).
    pub fn add_len(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc_length(n);
        }
    }

    /// One item done.
    pub fn step(&self, what: &str) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        match &self.bar {
            Some(b) => {
                b.inc(1);
                b.set_message(what.to_string());
            }
            None => {
                let mut last = self.last_log.lock().expect("progress lock");
                if last.elapsed() >= LOG_EVERY {
                    *last = Instant::now();
                    tracing::info!("{n} done, last {what}");
                }
            }
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Crawls the seeds and consultations into the archive, then rebuilds the index.
pub async fn run(opts: CrawlOptions) -> Result<CrawlSummary> {
    let started = Instant::now();
    let paths = IndexPaths::new(&opts.index_dir);
    paths.create()?;
    let mut fetch = opts.fetch.clone();
    let site = match &opts.site {
        Some(s) => {
            fetch.allow_private = true;
            parse_site(s)?
        }
        None => parse_site(DEFAULT_SITE)?,
    };
    let state = State::open(&paths.state())?;
    state.set_meta("site", site.as_str())?;
    let fetcher = Fetcher::new(fetch).map_err(|e| Error::Usage(format!("HTTP client: {e}")))?;
    let progress = Progress::new(opts.progress);
    let crawl = Crawl {
        site: site.clone(),
        fetcher,
        state: Mutex::new(state),
        archive: Mutex::new(ArchiveWriter::create(&paths.archive())?),
        archive_dir: paths.archive(),
        summary: Mutex::new(CrawlSummary::default()),
        progress: &progress,
    };

    let mut slugs: Vec<(String, Option<String>)> = opts
        .seeds
        .consultations
        .iter()
        .map(|c| (c.slug.clone(), c.bill.clone()))
        .collect();
    for s in &opts.consultations {
        if !crate::seeds::is_slug(s) {
            return Err(Error::Usage(format!(
                "--consultation {s}: not a consultation slug"
            )));
        }
        if !slugs.iter().any(|(x, _)| x == s) {
            slugs.push((s.clone(), None));
        }
    }
    progress.phase("crawl", 0);
    for (slug, bill) in &slugs {
        crawl.with_state(|s| s.add_consultation(slug, bill.as_deref()))?;
        crawl.consultation(slug).await?;
    }
    let cited: Vec<Url> = opts
        .seeds
        .urls
        .iter()
        .filter(|u| u.kind == SeedKind::Response)
        .filter_map(|u| Url::parse(&u.url).ok())
        .map(|u| rewrite_to_site(&u, &site))
        .collect();
    progress.add_len(cited.len() as u64);
    for url in cited {
        let slug = url
            .path_segments()
            .and_then(|mut s| s.next())
            .unwrap_or_default()
            .to_string();
        crawl.response(&slug, url).await?;
    }
    progress.finish();
    let mut summary = std::mem::take(&mut *crawl.summary.lock().expect("summary lock"));
    summary.reports_not_fetched = opts
        .seeds
        .urls
        .iter()
        .filter(|u| u.kind == SeedKind::Report)
        .count();
    drop(crawl);
    summary.index = index::rebuild(&opts.index_dir, &opts.extractor, opts.progress)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

impl Crawl<'_> {
    fn with_state<T>(&self, f: impl FnOnce(&State) -> Result<T>) -> Result<T> {
        f(&self.state.lock().expect("state lock"))
    }

    fn join(&self, href: &str) -> Option<Url> {
        let url = self.site.join(href.trim_start_matches('/')).ok()?;
        Some(rewrite_to_site(&url, &self.site))
    }

    fn read_archived(&self, rec: &PageRecord) -> Result<Body> {
        let mut reader = ArchiveReader::new(&self.archive_dir);
        let r = reader.read(
            rec.warc_file.as_deref().unwrap_or_default(),
            rec.warc_offset.unwrap_or_default(),
        )?;
        Ok(Body { bytes: r.body })
    }

    /// Fetches a URL and records the outcome. `Ok(None)` is a failure that was recorded;
    /// `missing_ok` makes a 404 a quiet end (listing pages past the last one).
    async fn fetch(
        &self,
        url: &Url,
        kind: PageKind,
        consultation: &str,
        parent: Option<&str>,
        conditional: bool,
        missing_ok: bool,
    ) -> Result<Option<Body>> {
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
        let summary = |f: &mut dyn FnMut(&mut CrawlSummary)| {
            f(&mut self.summary.lock().expect("summary lock"));
        };
        match result {
            Ok(f) => {
                if f.attempts > 1 {
                    summary(&mut |s| s.retried += 1);
                }
                if f.status == 304 {
                    if let Some(prev) = stored {
                        summary(&mut |s| s.unchanged += 1);
                        return self.read_archived(prev).map(Some);
                    }
                }
                if (200..300).contains(&f.status) {
                    let loc = self.archive.lock().expect("archive lock").write_response(
                        url.as_str(),
                        f.status,
                        &f.reason,
                        &f.headers,
                        &f.body,
                    )?;
                    rec.status = Some(f.status);
                    rec.content_type = f.header("content-type").map(str::to_string);
                    rec.etag = f.header("etag").map(str::to_string);
                    rec.last_modified = f.header("last-modified").map(str::to_string);
                    rec.length = Some(f.body.len() as u64);
                    rec.sha256 = Some(loc.sha256);
                    rec.warc_file = Some(loc.file);
                    rec.warc_offset = Some(loc.offset);
                    self.with_state(|s| s.put(&rec))?;
                    summary(&mut |s| s.fetched += 1);
                    return Ok(Some(Body { bytes: f.body }));
                }
                if missing_ok && f.status == 404 {
                    return Ok(None);
                }
                rec.status = Some(f.status);
                rec.error = Some(format!("HTTP {} {}", f.status, f.reason).trim().to_string());
            }
            Err(FetchError::Robots) => {
                rec.error = Some(FetchError::Robots.to_string());
                summary(&mut |s| s.blocked_by_robots.push(url.to_string()));
                self.with_state(|s| s.put(&rec))?;
                return Ok(None);
            }
            Err(e @ FetchError::RobotsUnavailable(_)) => rec.error = Some(e.to_string()),
            Err(e @ FetchError::Failed { .. }) => {
                if let FetchError::Failed { attempts, .. } = &e {
                    if *attempts > 1 {
                        summary(&mut |s| s.retried += 1);
                    }
                }
                rec.error = Some(e.to_string());
            }
        }
        let reason = rec.error.clone().unwrap_or_default();
        tracing::warn!(url = %url, %reason, "fetch failed");
        summary(&mut |s| {
            s.failed.push(Failure {
                url: url.to_string(),
                reason: reason.clone(),
            })
        });
        // A transient failure must not hide a body archived earlier; a 404/410 means the
        // page is gone, and that is what the state must say.
        let gone = matches!(rec.status, Some(404 | 410));
        if stored.is_none() || gone {
            self.with_state(|s| s.put(&rec))?;
        }
        Ok(None)
    }

    fn unparsed(&self, url: &Url, reason: String) -> Result<()> {
        tracing::warn!(%url, %reason, "page does not parse");
        self.with_state(|s| s.set_extract_error(url.as_str(), Some(&reason)))?;
        self.summary
            .lock()
            .expect("summary lock")
            .unparsed
            .push(Failure {
                url: url.to_string(),
                reason,
            });
        Ok(())
    }

    async fn consultation(&self, slug: &str) -> Result<()> {
        let Some(url) = self.join(slug) else {
            return Ok(());
        };
        if let Some(body) = self
            .fetch(&url, PageKind::Consultation, slug, None, true, false)
            .await?
        {
            match site::parse_consultation(&String::from_utf8_lossy(&body.bytes)) {
                Ok(page) => {
                    let responses = page.response_count.unwrap_or(0);
                    let listings = responses.div_ceil(PER_PAGE as u64);
                    self.progress
                        .add_len(responses + listings + page.documents.len() as u64);
                    let docs: Vec<Url> = page
                        .documents
                        .iter()
                        .filter_map(|d| self.join(&d.href))
                        .collect();
                    let parent = url.as_str();
                    let results: Vec<Result<Option<Body>>> = futures::stream::iter(docs)
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
        self.listings(slug).await
    }

    async fn listings(&self, slug: &str) -> Result<()> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut page = 1;
        loop {
            let Some(url) = self.join(&format!("{slug}/reacties/datum/{page}/{PER_PAGE}")) else {
                return Ok(());
            };
            let Some(body) = self
                .fetch(&url, PageKind::Listing, slug, None, false, page > 1)
                .await?
            else {
                return Ok(());
            };
            let listing = match site::parse_listing(&String::from_utf8_lossy(&body.bytes)) {
                Ok(l) => l,
                Err(reason) => return self.unparsed(&url, reason),
            };
            let new: Vec<Url> = listing
                .entries
                .iter()
                .filter(|e| seen.insert(e.uuid.clone()))
                .filter_map(|e| self.join(&e.href))
                .collect();
            if new.is_empty() {
                return Ok(());
            }
            let results: Vec<Result<()>> = futures::stream::iter(new)
                .map(|u| self.response(slug, u))
                .buffer_unordered(self.fetcher.config().concurrency)
                .collect()
                .await;
            results.into_iter().collect::<Result<Vec<_>>>()?;
            if listing.last_page.is_some_and(|last| page >= last) || page >= MAX_LISTING_PAGES {
                return Ok(());
            }
            page += 1;
        }
    }

    /// A response page and its attachment. Published responses do not change, so one that is
    /// archived already is read from the archive instead of fetched.
    async fn response(&self, slug: &str, url: Url) -> Result<()> {
        let prev = self.with_state(|s| s.get(url.as_str()))?;
        let body = match prev.filter(|p| p.is_stored()) {
            Some(p) => {
                self.summary.lock().expect("summary lock").unchanged += 1;
                self.progress.step(url.path());
                self.read_archived(&p)?
            }
            None => match self
                .fetch(&url, PageKind::Response, slug, None, false, false)
                .await?
            {
                Some(b) => b,
                None => return Ok(()),
            },
        };
        let page = match site::parse_response(&String::from_utf8_lossy(&body.bytes)) {
            Ok(p) => p,
            Err(reason) => return self.unparsed(&url, reason),
        };
        let Some(att) = page.attachment.as_deref().and_then(|h| self.join(h)) else {
            return Ok(());
        };
        let prev = self.with_state(|s| s.get(att.as_str()))?;
        if prev.is_some_and(|p| p.is_stored()) {
            self.summary.lock().expect("summary lock").unchanged += 1;
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
