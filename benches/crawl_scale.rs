//! Batch indexing at scale, on generated fixture consultations served from this process:
//! - peak memory and time to crawl and index a consultation of `--responses` responses
//!   (default 50,000; 100 per listing page, a PDF on every tenth);
//! - requests and seconds of a second `update` of an unchanged 1,000-response consultation, at
//!   the default politeness and at `--rate`;
//! - how long a crawl of 1,000 responses takes to resume after a SIGKILL half-way.
//!
//! cargo bench --bench crawl_scale -- [--responses 50000] [--rate 2000]

mod measure;
#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::growing::{site_with, SLUG};
use support::server::Server;

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| default.to_string())
}

fn inspraak(index: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_inspraak"));
    c.arg("--index").arg(index).args(args);
    c
}

/// `crawl` of the fixture consultation at `rate`, 8 in flight, as JSON.
fn crawl(index: &Path, server: &Server, rate: &str) -> Command {
    inspraak(
        index,
        &[
            "crawl",
            "--json",
            "--rate",
            rate,
            "--concurrency",
            "8",
            "--consultation",
            SLUG,
            "--site",
            &server.url(),
        ],
    )
}

fn serve(n: usize) -> Server {
    let mut site = site_with(n);
    site.per_page = 100;
    Server::start(site)
}

fn main() {
    let n: usize = arg("--responses", "50000").parse().unwrap();
    let rate = arg("--rate", "2000");
    let dir = tempfile::tempdir().unwrap();

    // 1. A big consultation: memory must stay flat.
    let server = serve(n);
    let index = dir.path().join("big");
    let m = measure::run(&mut crawl(&index, &server, &rate));
    assert!(
        m.output.status.success(),
        "{}",
        String::from_utf8_lossy(&m.output.stderr)
    );
    let s: serde_json::Value = serde_json::from_slice(&m.output.stdout).unwrap();
    println!(
        "crawl of {n} responses: {:.1} s wall, peak RSS {:.0} MiB, {} requests, {} documents indexed (index build {:.1} s)",
        m.seconds,
        m.peak_mib,
        server.requests().len(),
        s["index"]["documents"],
        s["index"]["seconds"].as_f64().unwrap_or(0.0)
    );
    let before = server.requests().len();
    let m = measure::run(&mut inspraak(
        &index,
        &["update", "--json", "--rate", &rate, "--concurrency", "8"],
    ));
    assert!(m.output.status.success());
    println!(
        "update of the unchanged {n}: {:.1} s wall, peak RSS {:.0} MiB, {} requests",
        m.seconds,
        m.peak_mib,
        server.requests().len() - before
    );
    drop(server);

    // 2. An unchanged 1,000-response consultation, updated again.
    let server = serve(1000);
    let index = dir.path().join("thousand");
    let m = measure::run(&mut crawl(&index, &server, &rate));
    assert!(m.output.status.success());
    println!(
        "crawl of 1,000 responses (for comparison): {:.1} s wall, peak RSS {:.0} MiB",
        m.seconds, m.peak_mib
    );
    for r in ["2", rate.as_str()] {
        let before = server.requests().len();
        let m = measure::run(&mut inspraak(&index, &["update", "--json", "--rate", r]));
        assert!(m.output.status.success());
        let paths: Vec<String> = server.requests()[before..]
            .iter()
            .map(|(p, _)| p.clone())
            .collect();
        let listings = paths.iter().filter(|p| p.contains("/reacties/")).count();
        println!(
            "second update of an unchanged 1,000-response consultation, --rate {r}: {} requests ({} listing pages, consultation page {}, robots.txt {}), {:.2} s wall",
            paths.len(),
            listings,
            paths.iter().filter(|p| *p == &format!("/{SLUG}")).count(),
            paths.iter().filter(|p| *p == "/robots.txt").count(),
            m.seconds
        );
    }
    drop(server);

    // 3. Resume after a SIGKILL half-way through 1,000 responses.
    let server = serve(1000);
    let index = dir.path().join("killed");
    let mut child = inspraak(
        &index,
        &[
            "crawl",
            "--json",
            "--rate",
            "400",
            "--consultation",
            SLUG,
            "--site",
            &server.url(),
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let start = Instant::now();
    while server.requests().len() < 560 {
        assert!(start.elapsed() < Duration::from_secs(120));
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before = server.requests().len();
    let m = measure::run(&mut inspraak(
        &index,
        &[
            "crawl",
            "--json",
            "--rate",
            "400",
            "--consultation",
            SLUG,
            "--site",
            &server.url(),
        ],
    ));
    assert!(m.output.status.success());
    let s: serde_json::Value = serde_json::from_slice(&m.output.stdout).unwrap();
    println!(
        "resume after SIGKILL at request {before} of 1,116: {:.2} s wall, {} requests, {} already archived, {} documents indexed",
        m.seconds,
        server.requests().len() - before,
        s["unchanged"],
        s["index"]["documents"]
    );
}
