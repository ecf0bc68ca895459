//! HTTP fetching with the politeness and robustness rules in one place: a User-Agent with a
//! contact, a cap on requests in flight, per-host spacing, robots.txt, connect and read timeouts,
//! at most five redirects, a body-size limit, and retries with exponential backoff on timeouts,
//! dropped connections, 5xx and 429 that honour Retry-After. Private and loopback addresses are
//! refused unless the caller allows them (tests and local mirrors), including where a public
//! name resolves to one or a redirect points at one. Off-site URLs (cited reports) go through a
//! sibling fetcher that shares the limits and follows redirects itself, hop by hop, so every
//! host a redirect reaches gets its own robots.txt and rate limit.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OnceCell, Semaphore};
use url::Url;

use super::address::{host_is_private_literal, PublicOnlyResolver};
use super::ratelimit::RateLimiter;
use super::robots::Robots;

/// At most this many requests in flight, over all hosts.
pub const DEFAULT_CONCURRENCY: usize = 4;
/// At most this many requests per second to one host.
pub const DEFAULT_RATE: f64 = 2.0;
/// Names the tool and where to reach whoever runs it.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "inspraak/",
    env!("CARGO_PKG_VERSION"),
    " (consultation research crawler; +https://github.com/inspraak/inspraak)"
);
/// The robots.txt product token.
pub(crate) const ROBOTS_TOKEN: &str = "inspraak";
/// How long a connection may take to open.
pub(crate) const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a server may keep silent before the attempt counts as timed out.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest one request may take, headers and body, however steadily its bytes arrive: a
/// server that trickles a few bytes every half second never trips the read timeout, and
/// would hold a fetch slot for as long as it likes.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(300);
/// After [`MIN_RATE_GRACE`], a body arriving slower than this on average (bytes per second)
/// is cut off: at 1 KiB/s the largest body allowed would take 28 hours.
pub const DEFAULT_MIN_RATE: u64 = 1024;
/// How long a transfer may run before its average rate is held to the minimum.
pub(crate) const MIN_RATE_GRACE: Duration = Duration::from_secs(30);
/// Largest body accepted (consultation PDFs run to a few hundred pages).
pub(crate) const DEFAULT_MAX_BODY: u64 = 100 << 20;
/// Redirects followed at most, each hop checked against robots.txt and the address rules.
pub(crate) const MAX_REDIRECTS: usize = 5;
/// Retries after the first attempt.
pub const DEFAULT_RETRIES: u32 = 4;
/// The first backoff; each retry doubles it.
pub(crate) const DEFAULT_BACKOFF: Duration = Duration::from_secs(1);
/// The longest Retry-After we wait for; a site asking for longer gets the URL recorded as failed.
/// The longest a `Retry-After` answer is waited for; longer asks count as failures.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

/// How the fetcher behaves.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// The User-Agent sent, with a way to contact whoever runs the crawl.
    pub user_agent: String,
    /// Requests in flight at most, over all hosts.
    pub concurrency: usize,
    /// Requests per second per host at most.
    pub rate: f64,
    /// How long a connection may take to open.
    pub connect_timeout: Duration,
    /// How long a server may keep silent before the attempt counts as timed out.
    pub read_timeout: Duration,
    /// The longest a request may take, body included ([`DEFAULT_DEADLINE`]).
    pub deadline: Duration,
    /// The slowest average body rate accepted after [`MIN_RATE_GRACE`], in bytes per second
    /// (0 turns the check off).
    pub min_rate: u64,
    /// The largest body accepted, in bytes.
    pub max_body: u64,
    /// Retries after the first attempt.
    pub retries: u32,
    /// The first retry's wait; each later one doubles it.
    pub backoff: Duration,
    /// Allow loopback and private addresses (only for `--site` mirrors and tests).
    pub allow_private: bool,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            concurrency: DEFAULT_CONCURRENCY,
            rate: DEFAULT_RATE,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            read_timeout: DEFAULT_READ_TIMEOUT,
            deadline: DEFAULT_DEADLINE,
            min_rate: DEFAULT_MIN_RATE,
            max_body: DEFAULT_MAX_BODY,
            retries: DEFAULT_RETRIES,
            backoff: DEFAULT_BACKOFF,
            allow_private: false,
        }
    }
}

/// A final HTTP answer (any status that is not retried, or the last retry's).
#[derive(Debug, Clone)]
pub struct Fetched {
    /// HTTP status.
    pub status: u16,
    /// The status's reason phrase.
    pub reason: String,
    /// Response headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body, decompressed.
    pub body: Vec<u8>,
    /// Requests it took, retries included.
    pub attempts: u32,
}

impl Fetched {
    /// A header's value, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::store::archive::header(&self.headers, name)
    }
}

/// Why a URL could not be fetched.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// robots.txt disallows it; no request was made.
    Robots,
    /// robots.txt could not be fetched, so the host is not crawled (RFC 9309).
    RobotsUnavailable(String),
    /// Every attempt failed; the message says how the last one did.
    Failed {
        /// How the last attempt failed.
        message: String,
        /// Attempts made, the first included.
        attempts: u32,
    },
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Robots => f.write_str(crate::store::state::ROBOTS_DISALLOWED),
            FetchError::RobotsUnavailable(why) => {
                write!(
                    f,
                    "robots.txt unavailable ({why}), so this host is not crawled"
                )
            }
            FetchError::Failed { message, attempts } => {
                write!(f, "{message} (after {attempts} attempts)")
            }
        }
    }
}

/// Conditional-request validators from an earlier fetch.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    /// The ETag of the archived answer.
    pub etag: Option<String>,
    /// The Last-Modified of the archived answer.
    pub last_modified: Option<String>,
}

/// robots.txt per origin, each fetched once however many requests wait for it.
type RobotsCache = Mutex<HashMap<String, Arc<OnceCell<Arc<Robots>>>>>;

/// The shared fetcher of one crawl.
pub struct Fetcher {
    client: reqwest::Client,
    config: FetchConfig,
    /// Follow redirects in the client (the site), or return them to the caller, which then
    /// asks each hop through robots.txt and the rate limit of its own host (reports).
    follows_redirects: bool,
    // Shared with siblings, so that every request to a host counts against one limit.
    limiter: Arc<RateLimiter>,
    in_flight: Arc<Semaphore>,
    robots: Arc<RobotsCache>,
    faults: Arc<Mutex<std::collections::BTreeMap<String, u64>>>,
    off_host_redirects: Arc<std::sync::atomic::AtomicU64>,
    /// Hosts whose name did not resolve, and whether any host answered at all: together they
    /// tell "this host is gone" from "the network or DNS is down".
    reach: Arc<Mutex<Reach>>,
}

/// After this many host names failed to resolve with no host answering, the network or DNS is
/// taken to be down and no further host is tried: offline, each lookup can take seconds.
pub(crate) const UNRESOLVED_MEANS_OFFLINE: usize = 3;

/// Which hosts a crawl could reach.
#[derive(Debug, Default, Clone)]
struct Reach {
    unresolved: std::collections::BTreeSet<String>,
    answered: bool,
}

/// The origin (`scheme://host:port`) a rate limit and a robots.txt belong to.
pub fn origin(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let secs = (when.timestamp() - chrono::Utc::now().timestamp()).max(0);
    Some(Duration::from_secs(secs as u64))
}

enum Attempt {
    Done(Fetched),
    Retry {
        message: String,
        wait: Duration,
        fault: &'static str,
    },
    Fail(String, &'static str),
}

/// The cause of a failed request, for the summary's fault counts.
fn fault_of(e: &reqwest::Error) -> &'static str {
    let chain = error_chain(e).to_ascii_lowercase();
    if e.is_timeout() {
        "timeout"
    } else if chain.contains("dns error")
        || chain.contains("failed to lookup")
        || chain.contains("resolves only to private")
    {
        "dns"
    } else if e.is_connect() {
        "connect"
    } else if e.is_redirect() {
        "redirect"
    } else {
        "connection"
    }
}

impl Fetcher {
    /// Builds the fetcher and its HTTP client.
    pub fn new(config: FetchConfig) -> Result<Fetcher, String> {
        let off_host_redirects = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let client = Self::client(&config, true, off_host_redirects.clone())?;
        Ok(Fetcher {
            client,
            follows_redirects: true,
            limiter: Arc::new(RateLimiter::new(config.rate)),
            in_flight: Arc::new(Semaphore::new(config.concurrency.max(1))),
            robots: Arc::new(Mutex::new(HashMap::new())),
            faults: Arc::new(Mutex::new(Default::default())),
            off_host_redirects,
            reach: Arc::new(Mutex::new(Reach::default())),
            config,
        })
    }

    /// A fetcher for URLs off the site (cited reports): it shares this one's rate limits,
    /// robots.txt cache, request cap and fault counts, reaches private addresses only when
    /// `allow_private`, and leaves redirects to its caller ([`Fetcher::next_hop`]).
    pub(crate) fn sibling(&self, allow_private: bool) -> Result<Fetcher, String> {
        let config = FetchConfig {
            allow_private,
            ..self.config.clone()
        };
        Ok(Fetcher {
            client: Self::client(&config, false, self.off_host_redirects.clone())?,
            follows_redirects: false,
            limiter: self.limiter.clone(),
            in_flight: self.in_flight.clone(),
            robots: self.robots.clone(),
            faults: self.faults.clone(),
            off_host_redirects: self.off_host_redirects.clone(),
            reach: self.reach.clone(),
            config,
        })
    }

    fn client(
        config: &FetchConfig,
        follow: bool,
        counter: Arc<std::sync::atomic::AtomicU64>,
    ) -> Result<reqwest::Client, String> {
        let allow_private = config.allow_private;
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            let from = attempt
                .previous()
                .last()
                .and_then(|u| u.host_str().map(str::to_string));
            if from.is_some() && from.as_deref() != attempt.url().host_str() {
                counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            if attempt.previous().len() >= MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else if !matches!(attempt.url().scheme(), "http" | "https") {
                attempt.error("redirect to a non-HTTP URL")
            } else if !allow_private && host_is_private_literal(attempt.url()) {
                attempt.error("redirect to a private address")
            } else {
                attempt.follow()
            }
        });
        let mut builder = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .redirect(if follow {
                policy
            } else {
                reqwest::redirect::Policy::none()
            });
        if !allow_private {
            builder = builder.dns_resolver(Arc::new(PublicOnlyResolver));
        }
        builder.build().map_err(|e| e.to_string())
    }

    /// Where an answer redirects to, checked: `None` when it is not a redirect, an error when
    /// the redirect may not be followed (after `hops` redirects already, to an invalid or
    /// non-HTTP URL). Off-site fetchers leave redirects to their caller, which asks each hop
    /// through [`Fetcher::get`], so a redirect to a publisher is as polite as a first request
    /// to it.
    pub(crate) fn next_hop(
        &self,
        current: &Url,
        answer: &Fetched,
        hops: usize,
    ) -> Result<Option<Url>, FetchError> {
        let location = answer
            .header("location")
            .filter(|_| (300..400).contains(&answer.status) && answer.status != 304);
        let Some(location) = location else {
            return Ok(None);
        };
        if hops >= MAX_REDIRECTS {
            self.count("redirect");
            return Err(FetchError::Failed {
                message: format!("more than {MAX_REDIRECTS} redirects"),
                attempts: answer.attempts,
            });
        }
        let next = current.join(location).map_err(|e| FetchError::Failed {
            message: format!("redirect to an invalid URL '{location}': {e}"),
            attempts: answer.attempts,
        })?;
        if !matches!(next.scheme(), "http" | "https") {
            self.count("redirect");
            return Err(FetchError::Failed {
                message: format!("redirect to a non-HTTP URL ({next})"),
                attempts: answer.attempts,
            });
        }
        if next.host_str() != current.host_str() {
            self.off_host_redirects
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(Some(next))
    }

    /// Failed attempts so far by cause (`timeout`, `dns`, `connect`, `connection`, `http_5xx`,
    /// `http_429`, `too_large`, `redirect`), and `redirect_other_host` for redirects followed
    /// to another host.
    pub fn faults(&self) -> std::collections::BTreeMap<String, u64> {
        let mut f = self.faults.lock().expect("faults lock").clone();
        let n = self
            .off_host_redirects
            .load(std::sync::atomic::Ordering::Relaxed);
        if n > 0 {
            f.insert("redirect_other_host".to_string(), n);
        }
        f
    }

    /// The hosts whose names did not resolve, when no host answered at all: then it is the
    /// network or the DNS that is unavailable, not the hosts. Empty otherwise.
    pub(crate) fn unreachable_network(&self) -> Vec<String> {
        let reach = self.reach.lock().expect("reach lock");
        if reach.answered {
            return Vec::new();
        }
        reach.unresolved.iter().cloned().collect()
    }

    fn count(&self, fault: &str) {
        *self
            .faults
            .lock()
            .expect("faults lock")
            .entry(fault.to_string())
            .or_default() += 1;
    }

    /// The configuration in use.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Fetches a URL, with robots.txt, rate limit and retries. A 304 answer to `validators`
    /// is returned as a final answer with an empty body.
    pub async fn get(
        &self,
        url: &Url,
        validators: Option<&Validators>,
    ) -> Result<Fetched, FetchError> {
        if !self.config.allow_private && host_is_private_literal(url) {
            // Reports on such addresses are allowed on their own (local mirrors, tests); a
            // site's pages with a site root that is one.
            let allowed = if self.follows_redirects {
                "for a site root given as a mirror"
            } else {
                "when private addresses are allowed"
            };
            return Err(FetchError::Failed {
                message: format!("private or loopback address (fetched only {allowed})"),
                attempts: 0,
            });
        }
        {
            let reach = self.reach.lock().expect("reach lock");
            let host = url.host_str().unwrap_or("");
            if !reach.answered
                && reach.unresolved.len() >= UNRESOLVED_MEANS_OFFLINE
                && !reach.unresolved.contains(host)
            {
                return Err(FetchError::Failed {
                    message: format!(
                        "not tried: the network or DNS is unavailable ({} host names did not resolve and no host answered)",
                        reach.unresolved.len()
                    ),
                    attempts: 0,
                });
            }
        }
        let robots = self.robots_for(url).await;
        if let Some(why) = &robots.unavailable {
            return Err(FetchError::RobotsUnavailable(why.clone()));
        }
        if !robots.allowed(&path_and_query(url)) {
            return Err(FetchError::Robots);
        }
        self.get_unchecked(url, validators).await
    }

    async fn get_unchecked(
        &self,
        url: &Url,
        validators: Option<&Validators>,
    ) -> Result<Fetched, FetchError> {
        let host = origin(url);
        let mut attempts = 0;
        loop {
            attempts += 1;
            let outcome = {
                let _permit = self.in_flight.acquire().await.expect("semaphore open");
                self.limiter.wait(&host).await;
                self.attempt(url, validators).await
            };
            match outcome {
                Attempt::Done(mut f) => {
                    f.attempts = attempts;
                    return Ok(f);
                }
                Attempt::Fail(message, fault) => {
                    self.count(fault);
                    return Err(FetchError::Failed { message, attempts });
                }
                Attempt::Retry {
                    message,
                    wait,
                    fault,
                } => {
                    self.count(fault);
                    if attempts > self.config.retries {
                        return Err(FetchError::Failed { message, attempts });
                    }
                    if wait > MAX_RETRY_AFTER {
                        return Err(FetchError::Failed {
                            message: format!("{message}; asked to wait {} s", wait.as_secs()),
                            attempts,
                        });
                    }
                    let backoff = self.config.backoff * 2u32.saturating_pow(attempts - 1);
                    let wait = wait.max(backoff).min(MAX_RETRY_AFTER);
                    tracing::debug!(%url, %message, wait_ms = wait.as_millis() as u64, "retrying");
                    // The whole host waits, not just this request: it is the host that is busy.
                    self.limiter.pause(&host, wait);
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// One request: sent, its status judged, its body read within the deadline, the size
    /// limit and the minimum rate.
    async fn attempt(&self, url: &Url, validators: Option<&Validators>) -> Attempt {
        let started = tokio::time::Instant::now();
        let deadline = started + self.config.deadline;
        let resp = match self.send(url, validators, started, deadline).await {
            Ok(resp) => resp,
            Err(failed) => return failed,
        };
        self.reach.lock().expect("reach lock").answered = true;
        let status = resp.status();
        let headers: Vec<(String, String)> = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        if status.as_u16() == 429 || status.is_server_error() {
            let wait = resp
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(retry_after)
                .unwrap_or(Duration::ZERO);
            return Attempt::Retry {
                message: format!("HTTP {}", status.as_u16()),
                wait,
                fault: if status.as_u16() == 429 {
                    "http_429"
                } else {
                    "http_5xx"
                },
            };
        }
        if let Some(len) = resp.content_length() {
            if len > self.config.max_body {
                return Attempt::Fail(
                    format!(
                        "body of {len} bytes is over the limit of {} bytes",
                        self.config.max_body
                    ),
                    "too_large",
                );
            }
        }
        let body = match self.read_body(resp, started, deadline).await {
            Ok(body) => body,
            Err(failed) => return failed,
        };
        Attempt::Done(Fetched {
            status: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("").to_string(),
            headers,
            body,
            attempts: 0,
        })
    }

    /// Why a request that ran past its deadline was cut off, with the bytes it had sent.
    fn too_slow(&self, got: usize, started: tokio::time::Instant) -> String {
        format!(
            "timed out: {got} bytes in {:.0} s, over the deadline of {} s per request",
            started.elapsed().as_secs_f64(),
            self.config.deadline.as_secs_f64()
        )
    }

    /// Sends the request (conditional when there are validators) and waits for its head.
    async fn send(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        started: tokio::time::Instant,
        deadline: tokio::time::Instant,
    ) -> Result<reqwest::Response, Attempt> {
        let mut req = self.client.get(url.clone());
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                req = req.header(reqwest::header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &v.last_modified {
                req = req.header(reqwest::header::IF_MODIFIED_SINCE, lm);
            }
        }
        let sent = match tokio::time::timeout_at(deadline, req.send()).await {
            Ok(sent) => sent,
            // A server this slow to answer will be as slow to send: not asked again now.
            Err(_) => return Err(Attempt::Fail(self.too_slow(0, started), "timeout")),
        };
        match sent {
            Ok(r) => Ok(r),
            Err(e) if e.is_redirect() => Err(Attempt::Fail(error_chain(&e), "redirect")),
            // A name that does not resolve now will not resolve in a second either: retrying
            // it only keeps an offline user waiting. Its host's robots.txt fails with it, so the
            // host's other URLs are not tried at all.
            Err(e) if fault_of(&e) == "dns" => {
                if let Some(host) = url.host_str() {
                    let mut reach = self.reach.lock().expect("reach lock");
                    reach.unresolved.insert(host.to_string());
                }
                Err(Attempt::Fail(error_chain(&e), "dns"))
            }
            Err(e) => Err(Attempt::Retry {
                message: error_chain(&e),
                wait: Duration::ZERO,
                fault: fault_of(&e),
            }),
        }
    }

    /// Reads a body chunk by chunk, within the deadline, the size limit and the minimum rate.
    async fn read_body(
        &self,
        mut resp: reqwest::Response,
        started: tokio::time::Instant,
        deadline: tokio::time::Instant,
    ) -> Result<Vec<u8>, Attempt> {
        let mut body = Vec::new();
        loop {
            let Ok(next) = tokio::time::timeout_at(deadline, resp.chunk()).await else {
                // A body that trickles in is cut off and recorded, not asked for again: the
                // server would trickle it again, holding a fetch slot each time.
                return Err(Attempt::Fail(self.too_slow(body.len(), started), "timeout"));
            };
            if let Some(rate) = below_min_rate(body.len(), started.elapsed(), self.config.min_rate)
            {
                return Err(Attempt::Fail(
                    format!(
                        "timed out: the body arrives at {rate} bytes/s, under the minimum of {} bytes/s",
                        self.config.min_rate
                    ),
                    "timeout",
                ));
            }
            match next {
                Ok(Some(chunk)) => {
                    if body.len() as u64 + chunk.len() as u64 > self.config.max_body {
                        return Err(Attempt::Fail(
                            format!("body is over the limit of {} bytes", self.config.max_body),
                            "too_large",
                        ));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body),
                Err(e) => {
                    return Err(Attempt::Retry {
                        message: format!(
                            "connection lost while reading the body: {}",
                            error_chain(&e)
                        ),
                        wait: Duration::ZERO,
                        fault: if e.is_timeout() {
                            "timeout"
                        } else {
                            "connection"
                        },
                    })
                }
            }
        }
    }

    /// The robots.txt rules for a URL's origin, fetched once per origin.
    pub(crate) async fn robots_for(&self, url: &Url) -> Arc<Robots> {
        let key = origin(url);
        let cell = {
            let mut map = self.robots.lock().expect("robots lock");
            map.entry(key.clone()).or_default().clone()
        };
        cell.get_or_init(|| async {
            let mut robots_url = url.clone();
            robots_url.set_path("/robots.txt");
            robots_url.set_query(None);
            robots_url.set_fragment(None);
            let robots = match self.get_unchecked(&robots_url, None).await {
                Ok(f) if (200..300).contains(&f.status) => {
                    Robots::parse(&String::from_utf8_lossy(&f.body), ROBOTS_TOKEN)
                }
                Ok(f) if (400..500).contains(&f.status) => Robots::allow_all(),
                Ok(f) => {
                    tracing::warn!(%robots_url, status = f.status, "robots.txt unusable: not crawling this host");
                    Robots::unavailable(format!("HTTP {}", f.status))
                }
                Err(e) => {
                    tracing::warn!(%robots_url, error = %e, "robots.txt unreachable: not crawling this host");
                    Robots::unavailable(e.to_string())
                }
            };
            if let Some(delay) = robots.crawl_delay {
                self.limiter
                    .slow_down(&key, Duration::from_secs_f64(delay.min(60.0)));
            }
            Arc::new(robots)
        })
        .await
        .clone()
    }
}

/// The average rate of a transfer that has run past [`MIN_RATE_GRACE`] below `min_rate`
/// bytes per second; `None` while it is fast enough, in its grace period, or unchecked.
fn below_min_rate(bytes: usize, elapsed: Duration, min_rate: u64) -> Option<u64> {
    if min_rate == 0 || elapsed < MIN_RATE_GRACE {
        return None;
    }
    let rate = (bytes as f64 / elapsed.as_secs_f64()) as u64;
    (rate < min_rate).then_some(rate)
}

fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

/// An error with its causes, on one line (reqwest's own message alone is often just
/// "error sending request").
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        source = s.source();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_bodies_are_held_to_the_minimum_rate_after_the_grace_period() {
        let s = Duration::from_secs;
        assert_eq!(below_min_rate(10, s(5), 1024), None, "in its grace period");
        assert_eq!(below_min_rate(600, s(60), 1024), Some(10));
        assert_eq!(below_min_rate(1 << 20, s(60), 1024), None);
        assert_eq!(below_min_rate(600, s(60), 0), None, "turned off");
    }

    #[test]
    fn retry_after_values() {
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }
}
