//! Wall time and peak memory of `inspraak crawl` on the fixture site the end-to-end tests use
//! (served from this process on 127.0.0.1), once at the default politeness (2 requests/s) and
//! once at 50 requests/s, each into a fresh index folder.
//!
//! cargo bench --bench crawl_fixture

#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::process::Command;
use std::time::Instant;

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
        let t = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_inspraak"))
            .args(["crawl", "--json", "--rate", rate, "--site"])
            .arg(server.url())
            .arg("--index")
            .arg(&index)
            .arg(&seeds)
            .output()
            .unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: getrusage writes into the struct we own. RUSAGE_CHILDREN's ru_maxrss is the
        // largest child so far; the crawls run in order, so this is at least this crawl's peak.
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
        let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        println!(
            "crawl --rate {rate}: {secs:.2} s wall, peak RSS {:.0} MiB, {} fetched, {} retried, {} failed, {} documents indexed (index build {:.2} s)",
            usage.ru_maxrss as f64 / 1024.0,
            s["fetched"],
            s["retried"],
            s["failed"].as_array().map_or(0, Vec::len),
            s["index"]["documents"],
            s["index"]["seconds"].as_f64().unwrap_or(0.0),
        );
    }
    println!("requests served: {}", server.requests().len());
}
