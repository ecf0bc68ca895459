//! What stands between the server and the open internet: security headers on every answer (the
//! page needs nothing from elsewhere, so the browser is told to load nothing from elsewhere,
//! and no other site may frame it), and a per-client rate limit that answers 429 with
//! `Retry-After` instead of letting one client take the cores every other reader shares.
//!
//! Behind a reverse proxy every request comes from the proxy, so the client is read from
//! `X-Forwarded-For` (its last address, the one the proxy itself appended), but only when the
//! server is told to trust the proxy: otherwise any client could name itself anyone.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{ApiError, AppState};

/// Requests per second one client may make with `--public` unless told otherwise: a person
/// browsing makes a handful at a time (the page, its script and style, a search, the
/// consultations), then reads.
pub const DEFAULT_RATE_LIMIT: f64 = 10.0;
/// How many requests a client may make at once before the rate applies, in seconds of its
/// rate: a page load's burst passes, a loop does not.
const BURST_SECONDS: f64 = 3.0;
/// Clients remembered at most; beyond that, those whose allowance is full again are forgotten.
const MAX_CLIENTS: usize = 100_000;

/// The policy the page is served under: everything from this server, nothing inline but the
/// styles the script sets through the DOM, no plugins, no framing.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every answer.
pub(super) async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let mut set = |name: header::HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Searches are in the page's address: they go nowhere else.
    set(header::REFERRER_POLICY, "no-referrer");
    set(header::X_FRAME_OPTIONS, "DENY");
    response
}

/// A token bucket per client address.
pub(crate) struct Limiter {
    /// Requests per second.
    rate: f64,
    /// Requests at once.
    burst: f64,
    clients: Mutex<HashMap<IpAddr, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Limiter {
    /// A limit of `rate` requests per second per client.
    pub(crate) fn new(rate: f64) -> Limiter {
        Limiter {
            rate,
            burst: (rate * BURST_SECONDS).max(1.0),
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `client`'s allowance, or says how long until it has one.
    fn take(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        if clients.len() >= MAX_CLIENTS && !clients.contains_key(&client) {
            let (rate, burst) = (self.rate, self.burst);
            clients.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let b = clients.entry(client).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * self.rate).min(self.burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - b.tokens) / self.rate))
        }
    }
}

/// The client a request comes from: the connection's peer, or with a trusted proxy the
/// address the proxy appended last to `X-Forwarded-For`.
fn client(headers: &HeaderMap, peer: Option<IpAddr>, trust_proxy: bool) -> IpAddr {
    let forwarded = trust_proxy
        .then(|| {
            // The proxy appends to the last header: its last entry is the one it wrote.
            let last = headers.get_all("x-forwarded-for").iter().next_back()?;
            last.to_str()
                .ok()?
                .rsplit(',')
                .next()?
                .trim()
                .parse::<IpAddr>()
                .ok()
        })
        .flatten();
    forwarded
        .or(peer)
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// Answers 429 with `Retry-After` when the client has used its allowance; health checks (a
/// proxy's or a supervisor's) are not counted.
pub(super) async fn rate_limit(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(limiter) = &state.limiter else {
        return next.run(request).await;
    };
    if request.uri().path() == "/healthz" {
        return next.run(request).await;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let who = client(request.headers(), peer, state.options.trust_proxy);
    match limiter.take(who, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
            let mut r = ApiError(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "too many requests: at most {} per second from one client; try again in {seconds} s",
                    limiter.rate
                ),
            )
            .into_response();
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_rate_holds() {
        let l = Limiter::new(2.0);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..6 {
            assert!(l.take(a, t0).is_ok());
        }
        let wait = l.take(a, t0).unwrap_err();
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_millis(500),
            "{wait:?}"
        );
        // Another client has its own allowance.
        assert!(l.take(b, t0).is_ok());
        // Half a second later, one more.
        assert!(l.take(a, t0 + Duration::from_millis(500)).is_ok());
        assert!(l.take(a, t0 + Duration::from_millis(500)).is_err());
    }

    #[test]
    fn the_proxy_names_the_client_only_when_trusted() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 198.51.100.7"),
        );
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(client(&h, Some(peer), false), peer);
        assert_eq!(
            client(&h, Some(peer), true),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client(&HeaderMap::new(), Some(peer), true), peer);
    }
}
