//! What the command line prints, kept byte for byte: search, quotes, campaigns, organisations,
//! export and stats in every format, on the crawl fixture, compared with the files in
//! `tests/fixtures/outputs/`. A change to output code must leave them as they are (or change
//! them on purpose: `INSPRAAK_UPDATE_OUTPUTS=1 cargo test --test tests outputs::` writes them anew,
//! and the diff shows what changed). What varies from run to run is set to a fixed value first:
//! the fixture site's port, times and durations.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::support::fixture::fixture;
use crate::support::inspraak;
use crate::support::server::Server;

struct Crawled {
    server: Server,
    _dir: tempfile::TempDir,
    index: PathBuf,
}

fn crawled() -> &'static Crawled {
    static C: OnceLock<Crawled> = OnceLock::new();
    C.get_or_init(|| {
        let server = Server::start(fixture());
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        crate::support::crawl(&index, &server.url(), &["testwet", "tweedewet"]);
        Crawled {
            server,
            _dir: dir,
            index,
        }
    })
}

/// (file, arguments).
const CASES: &[(&str, &[&str])] = &[
    ("search.txt", &["search", "registratie"]),
    (
        "search.json",
        &["search", "registratie", "--format", "json"],
    ),
    (
        "search.jsonl",
        &["search", "registratie", "--format", "jsonl"],
    ),
    ("search.csv", &["search", "registratie", "--format", "csv"]),
    (
        "search-date.json",
        &[
            "search",
            "--consultation",
            "testwet",
            "--kind",
            "response",
            "--sort",
            "date",
            "--format",
            "json",
        ],
    ),
    (
        "search-prefix.csv",
        &["search", "sekswerk*", "--format", "csv"],
    ),
    ("quotes.txt", &["quotes", "vergunningplicht"]),
    (
        "quotes.json",
        &["quotes", "vergunningplicht", "--format", "json"],
    ),
    (
        "quotes.md",
        &["quotes", "vergunningplicht", "--format", "markdown"],
    ),
    (
        "quotes.csv",
        &["quotes", "vergunningplicht", "--format", "csv"],
    ),
    (
        "quotes-csl.json",
        &["quotes", "vergunningplicht", "--format", "csl-json"],
    ),
    ("campaigns.txt", &["campaigns"]),
    ("campaigns.json", &["campaigns", "--format", "json"]),
    ("campaigns.csv", &["campaigns", "--format", "csv"]),
    ("organisations.txt", &["organisations"]),
    ("organisations.json", &["organisations", "--format", "json"]),
    ("organisations.csv", &["organisations", "--format", "csv"]),
    ("export.jsonl", &["export", "plicht"]),
    ("export.csv", &["export", "plicht", "--format", "csv"]),
    ("stats.txt", &["stats"]),
    ("stats.json", &["stats", "--format", "json"]),
];

/// Sets what varies between runs to fixed values.
fn steady(text: &str, site: &str) -> String {
    let text = text.replace(site, "http://SITE");
    let rules = [
        (r#""took_ms":\s*[0-9.]+"#, r#""took_ms": 0"#),
        (r#""seconds":\s*[0-9.e-]+"#, r#""seconds": 0"#),
        (r"in [0-9.]+ s\b", "in N s"),
        (r"[0-9.]+ ms\b", "N ms"),
    ];
    let mut out = text;
    for (pattern, with) in rules {
        out = regex::Regex::new(pattern)
            .unwrap()
            .replace_all(&out, with)
            .into_owned();
    }
    out
}

#[test]
fn every_output_is_byte_for_byte_as_kept() {
    let c = crawled();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outputs");
    let update = std::env::var_os("INSPRAAK_UPDATE_OUTPUTS").is_some();
    let mut differ = Vec::new();
    for (file, args) in CASES {
        let out = inspraak(&c.index).args(*args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = steady(&String::from_utf8(out.stdout).unwrap(), &c.server.url());
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (INSPRAAK_UPDATE_OUTPUTS=1 writes it)",
                path.display()
            )
        });
        if kept != got {
            let seen = std::env::temp_dir().join(format!("inspraak-output-{file}"));
            std::fs::write(&seen, &got).unwrap();
            differ.push(format!(
                "{file} ({args:?}; this run's in {})",
                seen.display()
            ));
        }
    }
    assert!(differ.is_empty(), "outputs changed: {differ:?}");
}
