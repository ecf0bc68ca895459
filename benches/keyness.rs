//! Keyness and the timeline at scale, on an index the resampler built (`benches/resample.rs`):
//! each case runs `--runs` times in this process (the index's files warm after the first) and
//! prints its median and slowest, with the answer's sizes and whether it was sampled.
//!
//! ```sh
//! cargo bench --bench keyness -- --index /tmp/r1m --runs 7
//! ```
//!
//! Cases:
//! - *consultation*: a word's matches in one consultation against the rest of that consultation
//!   (the default background);
//! - *consultation against all*: one consultation's responses against every other response
//!   (`--against '*'`);
//! - *common word against all*: a common word's matches against every response;
//! - *organisations*: `--respondent organisation` against the rest of their consultations;
//! - *timeline*: a common word's matches by week.

#[allow(dead_code)]
mod measure;

use std::time::Instant;

use inspraak::keyness::{terms, CampaignCount, TermsRequest};
use inspraak::search::{By, Engine, SearchRequest};

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    measure::arg(&args, name).unwrap_or_else(|| default.to_string())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let index = std::path::PathBuf::from(arg("--index", "/tmp/r1m"));
    let runs: usize = arg("--runs", "7").parse().expect("--runs N");
    let word = arg("--word", "kinderen");
    let common = arg("--common", "nederland");
    let engine = Engine::open(&index).expect("an index (see benches/resample.rs)");
    let consultations = engine.consultations().expect("consultations");
    let slug = arg(
        "--consultation",
        &consultations.first().expect("a consultation").slug,
    );
    let request = |query: &str, consultation: Option<&str>, against: Option<&str>| TermsRequest {
        search: SearchRequest {
            query: query.to_string(),
            consultation: consultation.map(str::to_string),
            ..SearchRequest::default()
        },
        against: against.map(str::to_string),
        campaigns: CampaignCount::Once,
        limit: 30,
    };
    let organisations = TermsRequest {
        search: SearchRequest {
            respondent: Some(inspraak::Respondent::Organisation),
            ..SearchRequest::default()
        },
        ..request("", None, None)
    };
    let cases = [
        ("consultation", request(&word, Some(&slug), None)),
        (
            "consultation against all",
            request("", Some(&slug), Some("*")),
        ),
        ("common word against all", request(&common, None, Some("*"))),
        ("organisations", organisations),
    ];
    println!(
        "index {} · {runs} runs per case · word '{word}' · common '{common}' · consultation {slug}",
        index.display()
    );
    for (name, req) in &cases {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let started = Instant::now();
            let answer = terms(&engine, req).expect("terms");
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            last = Some(answer);
        }
        times.sort_by(f64::total_cmp);
        let a = last.expect("at least one run");
        println!(
            "{name:<26} p50 {:>8.1} ms  max {:>8.1} ms  fg {:>7} bg {:>8} sampled {:<5} top: {}",
            percentile(&times, 0.5),
            times[times.len() - 1],
            a.foreground,
            a.background,
            a.sampled,
            a.terms
                .iter()
                .take(5)
                .map(|t| t.term.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let req = SearchRequest {
        query: common.clone(),
        ..SearchRequest::default()
    };
    let mut times = Vec::new();
    let mut buckets = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let t = engine.timeline(&req, By::Week).expect("timeline");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        buckets = t.buckets.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{:<26} p50 {:>8.1} ms  max {:>8.1} ms  {buckets} weeks",
        "timeline by week",
        percentile(&times, 0.5),
        times[times.len() - 1]
    );
}
