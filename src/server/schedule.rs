//! A server that stays current (`serve --update-every 30m`): it runs `update` itself on a
//! schedule, one run at a time, under the index's write lock, while searches go on; each
//! search sees the new commit once it lands. When the site fails, the next run waits twice as
//! long each time (up to [`MAX_BACKOFF`]): a government site that is down is not asked again
//! every few minutes. `GET /api/status` tells what the last run did and when the next one is.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::crawl::{CrawlOptions, FetchConfig};
use crate::error::{Error, Result};
use crate::extract::worker::Extractor;
use crate::store::WriteLock;

/// The longest wait between runs after the site failed again and again.
pub const MAX_BACKOFF: Duration = Duration::from_secs(24 * 60 * 60);
/// The shortest schedule accepted: an update is a crawl of every consultation.
pub const MIN_INTERVAL: Duration = Duration::from_secs(1);

/// When and how a server updates its index.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// Time between the end of one run and the start of the next.
    pub every: Duration,
    /// The site root; by default the one the index was crawled from.
    pub site: Option<String>,
    /// How politely to fetch.
    pub fetch: FetchConfig,
    /// Also delete the archived bodies of withdrawn responses.
    pub purge_withdrawn: bool,
}

/// What one scheduled run did.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct UpdateRun {
    /// When it started (RFC 3339, UTC).
    pub started: String,
    /// When it ended; none while it runs.
    pub ended: Option<String>,
    /// Documents added to the index.
    pub added: u64,
    /// Documents deleted from the index (withdrawn responses, sources gone).
    pub deleted: u64,
    /// Responses found withdrawn.
    pub withdrawn: u64,
    /// Pages and files fetched.
    pub fetched: u64,
    /// Pages and files that could not be fetched (the crawl went on without them).
    pub fetch_failures: u64,
    /// True when the run could not update the index: the site did not answer, or the run
    /// failed; `error` says why.
    pub failed: bool,
    /// Why it failed, or why it did not run (another writer held the index).
    pub error: Option<String>,
}

/// The schedule's state, as `/api/status` shows it.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct UpdatesStatus {
    /// Seconds between runs.
    pub every_seconds: u64,
    /// True while a run is under way.
    pub running: bool,
    /// The last run (the one under way, while it runs).
    pub last: Option<UpdateRun>,
    /// The last run that updated the index.
    pub last_success: Option<UpdateRun>,
    /// When the next run starts (RFC 3339, UTC).
    pub next: Option<String>,
    /// Runs in a row that failed: each doubles the wait before the next.
    pub failures_in_a_row: u32,
}

/// The shared state of a server's scheduled updates; empty without a schedule.
#[derive(Default)]
pub struct Updates {
    status: Mutex<Option<UpdatesStatus>>,
    /// Set when the server stops: a run under way stops after its requests in flight.
    stop: Arc<AtomicBool>,
}

impl Updates {
    /// The schedule's state, or `None` for a server without one.
    pub fn status(&self) -> Option<UpdatesStatus> {
        self.lock().clone()
    }

    /// Asks a run under way to stop after its requests in flight (what it fetched is indexed
    /// by the next run).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<UpdatesStatus>> {
        self.status.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn change(&self, f: impl FnOnce(&mut UpdatesStatus)) {
        if let Some(s) = self.lock().as_mut() {
            f(s);
        }
    }
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn at(wait: Duration) -> String {
    let when: DateTime<Utc> = Utc::now() + chrono::Duration::from_std(wait).unwrap_or_default();
    when.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The wait before the next run after `failures` failed runs in a row.
fn delay(every: Duration, failures: u32) -> Duration {
    every
        .saturating_mul(1u32 << failures.min(16))
        .min(MAX_BACKOFF.max(every))
}

/// How a run ended.
enum Outcome {
    /// The index is in line with the site.
    Updated(UpdateRun),
    /// The site failed: the next run backs off.
    Failed(UpdateRun),
    /// Another writer held the index: tried again at the next time, without backing off.
    Skipped(UpdateRun),
}

/// Starts the schedule on the current runtime: the first run one interval from now.
pub fn start(root: std::path::PathBuf, updates: Arc<Updates>, schedule: Schedule) {
    *updates.lock() = Some(UpdatesStatus {
        every_seconds: schedule.every.as_secs(),
        next: Some(at(schedule.every)),
        ..UpdatesStatus::default()
    });
    tokio::spawn(async move {
        let mut wait = schedule.every;
        loop {
            tokio::time::sleep(wait).await;
            if updates.stop.load(Ordering::Relaxed) {
                return;
            }
            let started = now();
            updates.change(|s| {
                s.running = true;
                s.next = None;
                s.last = Some(UpdateRun {
                    started: started.clone(),
                    ..UpdateRun::default()
                });
            });
            let (root, schedule2, stop) = (root.clone(), schedule.clone(), updates.stop.clone());
            let runtime = tokio::runtime::Handle::current();
            let outcome = tokio::task::spawn_blocking(move || {
                run_once(&root, &schedule2, stop, &runtime, started)
            })
            .await
            .unwrap_or_else(|e| {
                Outcome::Failed(UpdateRun {
                    started: now(),
                    ended: Some(now()),
                    failed: true,
                    error: Some(format!("the update stopped unexpectedly: {e}")),
                    ..UpdateRun::default()
                })
            });
            let mut failures = 0;
            updates.change(|s| {
                s.running = false;
                match outcome {
                    Outcome::Updated(run) => {
                        s.failures_in_a_row = 0;
                        s.last_success = Some(run.clone());
                        s.last = Some(run);
                    }
                    Outcome::Failed(run) => {
                        s.failures_in_a_row += 1;
                        s.last = Some(run);
                    }
                    Outcome::Skipped(run) => s.last = Some(run),
                }
                failures = s.failures_in_a_row;
                wait = delay(schedule.every, failures);
                s.next = Some(at(wait));
            });
            if failures > 0 {
                tracing::warn!(
                    failures,
                    next_in_seconds = wait.as_secs(),
                    "the scheduled update failed: backing off"
                );
            }
        }
    });
}

/// One run: `update` under the write lock, as `inspraak update` does it.
fn run_once(
    root: &std::path::Path,
    schedule: &Schedule,
    stop: Arc<AtomicBool>,
    runtime: &tokio::runtime::Handle,
    started: String,
) -> Outcome {
    let mut run = UpdateRun {
        started,
        ..UpdateRun::default()
    };
    let lock = match WriteLock::acquire(root) {
        Ok(lock) => lock,
        Err(e) => {
            run.ended = Some(now());
            run.error = Some(format!("not run: {e}"));
            tracing::info!(error = %e, "scheduled update skipped");
            return Outcome::Skipped(run);
        }
    };
    let mut opts = CrawlOptions::new(root.to_path_buf());
    opts.update = true;
    opts.site = schedule.site.clone();
    opts.fetch = schedule.fetch.clone();
    opts.purge_withdrawn = schedule.purge_withdrawn;
    opts.cancel = stop;
    let files = match Extractor::current_exe() {
        Ok(files) => files,
        Err(e) => {
            run.ended = Some(now());
            run.failed = true;
            run.error = Some(format!("the file extractor cannot start: {e}"));
            return Outcome::Failed(run);
        }
    };
    let result: Result<crate::refresh::Refreshed> =
        crate::refresh::run(opts, &files, &lock, runtime, false);
    run.ended = Some(now());
    match result {
        Ok(done) => {
            let c = &done.crawl;
            run.added = done.index.added;
            run.deleted = done.index.deleted;
            run.withdrawn = c.withdrawn.len() as u64;
            run.fetched = c.fetched;
            run.fetch_failures = c.failed.len() as u64;
            if c.nothing_fetched() {
                run.failed = true;
                run.error = Some(if c.unresolved_hosts.is_empty() {
                    "nothing could be fetched from the site".to_string()
                } else {
                    format!(
                        "nothing could be fetched: no host name resolved ({})",
                        c.unresolved_hosts.join(", ")
                    )
                });
                return Outcome::Failed(run);
            }
            tracing::info!(
                added = run.added,
                deleted = run.deleted,
                withdrawn = run.withdrawn,
                "scheduled update done"
            );
            Outcome::Updated(run)
        }
        Err(e) => {
            run.failed = true;
            // The user's words for a user's error; ours are logged, and named only by kind.
            run.error = Some(match &e {
                Error::Usage(_) | Error::Parameter { .. } => e.to_string(),
                _ => format!("the update failed: {e}"),
            });
            tracing::error!(error = %e, "scheduled update failed");
            Outcome::Failed(run)
        }
    }
}

/// Reads a schedule's interval: a number with `s`, `m` or `h` ("30m", "90s", "1h30m").
pub fn parse_interval(text: &str) -> std::result::Result<Duration, String> {
    let t = text.trim();
    let bad = || format!("'{text}' is not an interval such as 30m, 90s or 2h");
    if t.is_empty() {
        return Err(bad());
    }
    let mut total = 0u64;
    let mut number = String::new();
    for c in t.chars() {
        match c {
            '0'..='9' => number.push(c),
            's' | 'm' | 'h' if !number.is_empty() => {
                let n: u64 = number.parse().map_err(|_| bad())?;
                let unit = match c {
                    's' => 1,
                    'm' => 60,
                    _ => 3600,
                };
                total = n
                    .checked_mul(unit)
                    .and_then(|x| total.checked_add(x))
                    .ok_or_else(bad)?;
                number.clear();
            }
            _ => return Err(bad()),
        }
    }
    if !number.is_empty() {
        return Err(bad());
    }
    let d = Duration::from_secs(total);
    if d < MIN_INTERVAL {
        return Err(format!("'{text}' is shorter than a second"));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_in_seconds_minutes_and_hours() {
        assert_eq!(parse_interval("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_interval("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_interval("1h30m"), Ok(Duration::from_secs(5400)));
        for bad in ["", "30", "m", "1d", "-5m", "0s", "1.5h"] {
            assert!(parse_interval(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn failures_back_off_up_to_a_day() {
        let every = Duration::from_secs(1800);
        assert_eq!(delay(every, 0), every);
        assert_eq!(delay(every, 1), every * 2);
        assert_eq!(delay(every, 3), every * 8);
        assert_eq!(delay(every, 40), MAX_BACKOFF);
        // A schedule longer than a day keeps its own interval.
        let week = Duration::from_secs(7 * 24 * 3600);
        assert_eq!(delay(week, 2), week);
    }
}
