//! Progress of a long run and what failed in it. Progress is a bar on a terminal, a log line
//! every few seconds elsewhere (cron, CI), so a crawl of thousands of responses says where it is
//! without flooding a log. Crawling and indexing both report through it, so it sits below both.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// A URL that failed, and why.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Failure {
    /// The URL.
    pub url: String,
    /// Why it failed, in one line.
    pub reason: String,
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
            // The template names no colours, so `--color` and NO_COLOR have nothing to switch
            // off here: a bar is drawn on a terminal whatever the colour choice.
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
    pub(crate) fn add_len(&self, n: u64) {
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
