//! Fetching cited reports: a seed's URL on any publisher's host, its redirects hop by hop
//! (each through its own host's robots.txt and rate limit), and from an HTML landing page one
//! more hop to the file it offers. Seeds that lead to one page (a DOI and its `dx.` alias) meet
//! at a lock per URL, so the page is fetched once and recorded as one report.

use std::sync::Arc;

use url::Url;

use super::fetch::Fetcher;
use super::{rewrite_to_site, Crawl};
use crate::error::Result;
use crate::store::state::{PageKind, PageRecord};

impl Crawl<'_> {
    /// Fetches a report URL through `fetcher` (rate limit, robots.txt and retries per host,
    /// redirects hop by hop) and, when it is a landing page that offers a file as its main
    /// download, that file: one hop and never more. A report already archived is not fetched
    /// again; its file is, if it failed last time.
    pub(super) async fn report(
        &self,
        fetcher: &Fetcher,
        seed: &crate::seeds::SeedUrl,
    ) -> Result<()> {
        let Ok(url) = Url::parse(&seed.url) else {
            return Ok(());
        };
        let url = rewrite_to_site(&url, &self.site);
        let prev = self.with_state(|s| s.get(url.as_str()))?;
        let mut rec = PageRecord::new(url.as_str(), PageKind::Report);
        rec.label = seed.label.clone();
        let (landing, body) = match prev.filter(|p| p.is_stored()) {
            Some(p) => {
                self.tally(|s| s.unchanged += 1);
                self.progress.step(url.path());
                if p.label != rec.label {
                    self.with_state(|s| {
                        s.put(&PageRecord {
                            label: rec.label.clone(),
                            ..p.clone()
                        })
                    })?;
                }
                let landing = p.final_url.as_deref().and_then(|u| Url::parse(u).ok());
                (landing.unwrap_or(url.clone()), self.read_archived(&p)?)
            }
            None => match self.follow(fetcher, &mut rec, &url).await? {
                Some((landing, body)) => (landing, body),
                None => return Ok(()),
            },
        };
        // Another seed reached this page first (a DOI's `dx.` alias): its file is that seed's.
        if self
            .with_state(|s| s.report_at(landing.as_str()))?
            .is_some_and(|first| first.url != url.as_str())
        {
            return Ok(());
        }
        let ct = self
            .with_state(|s| s.get(url.as_str()))?
            .and_then(|r| r.content_type)
            .unwrap_or_default();
        let head = &body[..body.len().min(1024)];
        if !crate::extract::is_html(head, &ct.to_ascii_lowercase()) {
            return Ok(());
        }
        let html = crate::extract::decode_text(&body, Some(&ct));
        let Some(file) = crate::extract::report::main_download(&html, &landing) else {
            return Ok(());
        };
        if self
            .with_state(|s| s.get(file.as_str()))?
            .is_some_and(|r| r.is_stored())
        {
            self.tally(|s| s.unchanged += 1);
            return Ok(());
        }
        self.progress.add_len(1);
        let mut rec = PageRecord::new(file.as_str(), PageKind::ReportFile);
        rec.parent = Some(url.to_string());
        if self.follow(fetcher, &mut rec, &file).await?.is_some() {
            self.tally(|s| s.report_files += 1);
        }
        Ok(())
    }

    /// Fetches `url` following its redirects and records the outcome under `rec`. Returns
    /// where the redirects ended and the body, when the answer was a success.
    async fn follow(
        &self,
        fetcher: &Fetcher,
        rec: &mut PageRecord,
        url: &Url,
    ) -> Result<Option<(Url, Vec<u8>)>> {
        if self.cancelled() {
            return Ok(None);
        }
        let mut current = url.clone();
        let mut hops = 0;
        loop {
            // One request at a time per URL: two seeds redirecting to one page meet here, and
            // the second finds what the first archived.
            let claim = self.claim(&current);
            let _claimed = claim.lock().await;
            if rec.kind == PageKind::Report {
                if let Some(found) = self.shared_report(rec, &current)? {
                    self.progress.step(url.path());
                    return Ok(Some(found));
                }
            }
            let answer = match fetcher.get(&current, None).await {
                Ok(answer) => answer,
                Err(e) => {
                    self.progress.step(url.path());
                    self.fetch_failed(rec, false, e)?;
                    return Ok(None);
                }
            };
            if answer.attempts > 1 {
                self.tally(|s| s.retried += 1);
            }
            match fetcher.next_hop(&current, &answer, hops) {
                Ok(Some(next)) => {
                    hops += 1;
                    current = next;
                    continue;
                }
                Ok(None) => {}
                Err(e) => {
                    self.progress.step(url.path());
                    self.fetch_failed(rec, false, e)?;
                    return Ok(None);
                }
            }
            self.progress.step(url.path());
            if current != *url {
                rec.final_url = Some(current.to_string());
            }
            if (200..300).contains(&answer.status) {
                self.store(rec, &current, &answer)?;
                return Ok(Some((current, answer.body)));
            }
            rec.status = Some(answer.status);
            rec.error = Some(
                format!("HTTP {} {}", answer.status, answer.reason)
                    .trim()
                    .to_string(),
            );
            self.record_failure(rec, false)?;
            return Ok(None);
        }
    }

    /// The lock of one URL for the reports being fetched.
    fn claim(&self, url: &Url) -> Arc<tokio::sync::Mutex<()>> {
        self.claims
            .lock()
            .expect("claims lock")
            .entry(url.to_string())
            .or_default()
            .clone()
    }

    /// When another report seed was archived at `at` (its URL, or where its redirects ended),
    /// records `rec`'s seed as reaching that same page, without fetching it again, and returns
    /// the page: one report, however many URLs lead to it.
    fn shared_report(&self, rec: &PageRecord, at: &Url) -> Result<Option<(Url, Vec<u8>)>> {
        let Some(found) = self
            .with_state(|s| s.report_at(at.as_str()))?
            .filter(|f| f.url != rec.url)
        else {
            return Ok(None);
        };
        let landing = found.final_url.clone().unwrap_or_else(|| found.url.clone());
        tracing::info!(url = %rec.url, %landing, "reaches a report already archived");
        self.with_state(|s| {
            s.put(&PageRecord {
                url: rec.url.clone(),
                label: rec.label.clone(),
                final_url: Some(landing.clone()),
                parent: None,
                ..found.clone()
            })
        })?;
        self.tally(|s| s.unchanged += 1);
        let landing = Url::parse(&landing).unwrap_or_else(|_| at.clone());
        Ok(Some((landing, self.read_archived(&found)?)))
    }
}
