//! Per-host request spacing. Every request to a host waits for its slot, so the rate holds
//! however many requests are in flight; a host that asks us to back off (429, 503 with
//! Retry-After, a robots.txt Crawl-delay) slows down for every task at once, not just the one
//! that was told.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// Spaces requests per host.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    interval: Duration,
    hosts: Mutex<HashMap<String, HostSlot>>,
}

#[derive(Debug, Clone, Copy)]
struct HostSlot {
    next: Instant,
    interval: Duration,
}

impl RateLimiter {
    /// A limiter allowing `per_second` requests per second per host.
    pub(crate) fn new(per_second: f64) -> RateLimiter {
        let per_second = if per_second.is_finite() && per_second > 0.0 {
            per_second
        } else {
            f64::MIN_POSITIVE
        };
        RateLimiter {
            interval: Duration::from_secs_f64((1.0 / per_second).min(3600.0)),
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Waits until the host may get another request, and takes that slot.
    pub(crate) async fn wait(&self, host: &str) {
        let slot = {
            let mut hosts = self.hosts.lock().expect("rate limiter lock");
            let now = Instant::now();
            let entry = hosts.entry(host.to_string()).or_insert(HostSlot {
                next: now,
                interval: self.interval,
            });
            let slot = entry.next.max(now);
            entry.next = slot + entry.interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }

    /// Makes the host's spacing at least `interval` (robots.txt Crawl-delay).
    pub(crate) fn slow_down(&self, host: &str, interval: Duration) {
        let mut hosts = self.hosts.lock().expect("rate limiter lock");
        let now = Instant::now();
        let entry = hosts.entry(host.to_string()).or_insert(HostSlot {
            next: now,
            interval: self.interval,
        });
        entry.interval = entry.interval.max(interval);
    }

    /// Sends no request to the host for `pause` (Retry-After, backoff).
    pub(crate) fn pause(&self, host: &str, pause: Duration) {
        let mut hosts = self.hosts.lock().expect("rate limiter lock");
        let until = Instant::now() + pause;
        let entry = hosts.entry(host.to_string()).or_insert(HostSlot {
            next: until,
            interval: self.interval,
        });
        entry.next = entry.next.max(until);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn spaces_requests_per_host() {
        let limiter = RateLimiter::new(2.0);
        let start = Instant::now();
        for _ in 0..5 {
            limiter.wait("a.example").await;
        }
        // Five requests at two per second: the fifth starts two seconds after the first.
        assert_eq!(start.elapsed(), Duration::from_secs(2));
        let other = Instant::now();
        limiter.wait("b.example").await;
        assert_eq!(other.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn pause_and_crawl_delay() {
        let limiter = RateLimiter::new(100.0);
        limiter.wait("a").await;
        limiter.pause("a", Duration::from_secs(30));
        let t = Instant::now();
        limiter.wait("a").await;
        assert_eq!(t.elapsed(), Duration::from_secs(30));
        limiter.slow_down("a", Duration::from_secs(5));
        limiter.wait("a").await;
        let t = Instant::now();
        limiter.wait("a").await;
        assert_eq!(t.elapsed(), Duration::from_secs(5));
    }
}
