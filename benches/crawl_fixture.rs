//! Wall time and peak memory of `inspraak crawl` on the fixture site the end-to-end tests use
//! (served from this process on 127.0.0.1), once at the default politeness (2 requests/s) and
//! once at 50 requests/s, each into a fresh index folder. The fixture's one 503 is served to the
//! first run only.
//!
//! cargo bench --bench crawl_fixture

mod measure;
#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::process::Command;

use support::server::Server;

fn main() {
    let server = Server::start(support::fixture::fixture());
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds.toml");
    std::fs::write(
        &seeds,
        "[[consultation]]\nslug = \"testwet\"\n\n[[consultation]]\nslug = \"tweedewet\"\n",
    )
    .unwrap();
    for rate in ["2", "50"] {
        let index = dir.path().join(format!("index-{rate}"));
        let m = measure::run(
            Command::new(env!("CARGO_BIN_EXE_inspraak"))
                .args(["crawl", "--json", "--rate", rate, "--site"])
                .arg(server.url())
                .arg("--index")
                .arg(&index)
                .arg(&seeds),
        );
        let out = m.output;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        println!(
            "crawl --rate {rate}: {:.2} s wall, peak RSS {:.0} MiB, {} fetched, {} retried, {} failed, {} blocked by robots.txt, {} documents indexed, {} bodies not indexed (index build {:.2} s)",
            m.seconds,
            m.peak_mib,
            s["fetched"],
            s["retried"],
            s["failed"].as_array().map_or(0, Vec::len),
            s["blocked_by_robots"].as_array().map_or(0, Vec::len),
            s["index"]["documents"],
            s["index"]["failures"].as_array().map_or(0, Vec::len),
            s["index"]["seconds"].as_f64().unwrap_or(0.0),
        );
    }
    println!("requests served: {}", server.requests().len());
}
