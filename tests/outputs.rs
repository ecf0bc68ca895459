//! What the command line prints and the API sends, kept byte for byte: search, quotes,
//! campaigns, organisations, export and stats in every format, on two crawled fixtures (the
//! site fixture, and the campaign fixture of template copies and organisations), compared with
//! the files in `tests/fixtures/outputs/`. A change to output code must leave them as they are
//! (or change them on purpose: `INSPRAAK_UPDATE_OUTPUTS=1 cargo test --test tests outputs::`
//! writes them anew, and the diff shows what changed). What varies from run to run is set to a
//! fixed value first: the fixture site's port, times and durations, campaign ids (which hash
//! an address with the port in it).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use inspraak::server::{app, AppState};
use tower::ServiceExt;

use crate::support::inspraak;
use crate::support::server::Server;

struct Crawled {
    server: Server,
    _dir: tempfile::TempDir,
    index: PathBuf,
}

fn crawl(site: crate::support::server::FixtureSite, slugs: &[&str]) -> Crawled {
    let server = Server::start(site);
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    // One request at a time: responses arrive in one order, so that which of two equally
    // central copies represents a campaign is the same in every run.
    let mut cmd = inspraak(&index);
    cmd.args([
        "crawl",
        "--json",
        "--rate",
        "100",
        "--concurrency",
        "1",
        "--site",
    ])
    .arg(server.url());
    for s in slugs {
        cmd.args(["--consultation", s]);
    }
    crate::support::json_of(&mut cmd);
    Crawled {
        server,
        _dir: dir,
        index,
    }
}

/// The site fixture: responses, attachments, documents, reports.
fn site() -> &'static Crawled {
    static C: OnceLock<Crawled> = OnceLock::new();
    C.get_or_init(|| {
        crawl(
            crate::support::fixture::fixture(),
            &["testwet", "tweedewet"],
        )
    })
}

/// The campaign fixture: template copies, a letter two responses attach, organisations.
fn campaigns() -> &'static Crawled {
    static C: OnceLock<Crawled> = OnceLock::new();
    C.get_or_init(|| {
        crawl(
            crate::support::campaigns::site(),
            &[crate::support::campaigns::SLUG],
        )
    })
}

/// (file, fixture, command-line arguments). `{campaign}` and `{organisation}` stand for the
/// first id the fixture's listing gives.
const CASES: &[(&str, &str, &[&str])] = &[
    ("search.txt", "site", &["search", "registratie"]),
    (
        "search.json",
        "site",
        &["search", "registratie", "--format", "json"],
    ),
    (
        "search.jsonl",
        "site",
        &["search", "registratie", "--format", "jsonl"],
    ),
    (
        "search.csv",
        "site",
        &["search", "registratie", "--format", "csv"],
    ),
    (
        "search-date.json",
        "site",
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
        "site",
        &["search", "sekswerk*", "--format", "csv"],
    ),
    ("quotes.txt", "site", &["quotes", "vergunningplicht"]),
    (
        "quotes.json",
        "site",
        &["quotes", "vergunningplicht", "--format", "json"],
    ),
    (
        "quotes.md",
        "site",
        &["quotes", "vergunningplicht", "--format", "markdown"],
    ),
    (
        "quotes.csv",
        "site",
        &["quotes", "vergunningplicht", "--format", "csv"],
    ),
    (
        "quotes-csl.json",
        "site",
        &["quotes", "vergunningplicht", "--format", "csl-json"],
    ),
    ("campaigns.txt", "site", &["campaigns"]),
    ("campaigns.json", "site", &["campaigns", "--format", "json"]),
    ("campaigns.csv", "site", &["campaigns", "--format", "csv"]),
    ("organisations.txt", "site", &["organisations"]),
    (
        "organisations.json",
        "site",
        &["organisations", "--format", "json"],
    ),
    (
        "organisations.csv",
        "site",
        &["organisations", "--format", "csv"],
    ),
    ("export.jsonl", "site", &["export", "plicht"]),
    (
        "export.csv",
        "site",
        &["export", "plicht", "--format", "csv"],
    ),
    ("stats.txt", "site", &["stats"]),
    ("stats.json", "site", &["stats", "--format", "json"]),
    // Campaigns with members, one campaign whole, organisations found by letterhead. Only what
    // is the same in every crawl: not the two-letter campaign, whose two members are equally
    // central (which represents it varies), nor rankings of template copies by relevance, nor
    // exports and quotes of them (copies tie, and ties come in index order).
    (
        "c-campaigns.txt",
        "campaigns",
        &["campaigns", "--min-size", "3"],
    ),
    (
        "c-campaigns.csv",
        "campaigns",
        &["campaigns", "--min-size", "3", "--format", "csv"],
    ),
    (
        "c-campaigns.jsonl",
        "campaigns",
        &["campaigns", "--min-size", "3", "--format", "jsonl"],
    ),
    (
        "c-campaign.txt",
        "campaigns",
        &["campaigns", "--id", "{campaign}"],
    ),
    (
        "c-campaign.csv",
        "campaigns",
        &["campaigns", "--id", "{campaign}", "--format", "csv"],
    ),
    (
        "c-campaign.json",
        "campaigns",
        &["campaigns", "--id", "{campaign}", "--format", "json"],
    ),
    (
        "c-search-collapsed.txt",
        "campaigns",
        &["search", "minister", "--collapse", "--sort", "date"],
    ),
    (
        "c-search-collapsed.csv",
        "campaigns",
        &[
            "search",
            "minister",
            "--collapse",
            "--sort",
            "date",
            "--format",
            "csv",
        ],
    ),
    ("c-search.txt", "campaigns", &["search", "Fatima"]),
    ("c-organisations.txt", "campaigns", &["organisations"]),
    (
        "c-organisation.txt",
        "campaigns",
        &["organisations", "--id", "{organisation}"],
    ),
    (
        "c-organisation.csv",
        "campaigns",
        &["organisations", "--id", "{organisation}", "--format", "csv"],
    ),
    (
        "c-organisation.jsonl",
        "campaigns",
        &[
            "organisations",
            "--id",
            "{organisation}",
            "--format",
            "jsonl",
        ],
    ),
    ("c-stats.txt", "campaigns", &["stats"]),
];

/// (file, fixture, API address): the same writers through the server.
const API_CASES: &[(&str, &str, &str)] = &[
    ("api-search.json", "site", "/api/search?q=registratie"),
    ("api-export.jsonl", "site", "/api/export?q=plicht"),
    ("api-export.csv", "site", "/api/export?q=plicht&format=csv"),
    ("api-quotes.json", "site", "/api/quotes?q=vergunningplicht"),
    (
        "api-quotes.md",
        "site",
        "/api/quotes?q=vergunningplicht&format=markdown",
    ),
    (
        "api-quotes.csv",
        "site",
        "/api/quotes?q=vergunningplicht&format=csv",
    ),
    ("api-stats.json", "site", "/api/stats"),
    (
        "api-campaigns.json",
        "campaigns",
        "/api/campaigns?min_size=3",
    ),
    (
        "api-campaign.json",
        "campaigns",
        "/api/campaigns/{campaign}",
    ),
    ("api-organisations.json", "campaigns", "/api/organisations"),
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
    // A campaign's id hashes its first response's address, port included: each id becomes
    // its order of first appearance.
    let mut ids: Vec<String> = Vec::new();
    regex::Regex::new(r"\bc-[0-9a-f]{12}\b")
        .unwrap()
        .replace_all(&out, |m: &regex::Captures| {
            let id = m[0].to_string();
            let n = match ids.iter().position(|x| *x == id) {
                Some(n) => n,
                None => {
                    ids.push(id);
                    ids.len() - 1
                }
            };
            format!("c-CAMPAIGN{n}")
        })
        .into_owned()
}

fn fixture(name: &str) -> &'static Crawled {
    match name {
        "site" => site(),
        _ => campaigns(),
    }
}

/// The first id of a listing (`campaigns` or `organisations`) of a fixture.
fn first_id(c: &Crawled, listing: &str) -> String {
    let out = inspraak(&c.index)
        .args([listing, "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    list[0]["id"]
        .as_str()
        .expect("a listing with an id")
        .to_string()
}

fn with_ids(s: &str, c: &Crawled) -> String {
    let mut s = s.to_string();
    for (placeholder, listing) in [
        ("{campaign}", "campaigns"),
        ("{organisation}", "organisations"),
    ] {
        if s.contains(placeholder) {
            s = s.replace(placeholder, &first_id(c, listing));
        }
    }
    s
}

/// Compares one output with its kept file (or keeps it when asked); a difference is added
/// to `differ` with where this run's output was written.
fn compare(file: &str, what: &str, got: String, differ: &mut Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outputs");
    let path = dir.join(file);
    if std::env::var_os("INSPRAAK_UPDATE_OUTPUTS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
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
        differ.push(format!("{file} ({what}; this run's in {})", seen.display()));
    }
}

#[test]
fn every_output_is_byte_for_byte_as_kept() {
    let mut differ = Vec::new();
    for (file, name, args) in CASES {
        let c = fixture(name);
        let args: Vec<String> = args.iter().map(|a| with_ids(a, c)).collect();
        let out = inspraak(&c.index).args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = steady(&String::from_utf8(out.stdout).unwrap(), &c.server.url());
        compare(file, &format!("{args:?}"), got, &mut differ);
    }
    assert!(differ.is_empty(), "outputs changed: {differ:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_api_answer_is_byte_for_byte_as_kept() {
    let mut differ = Vec::new();
    for (file, name, uri) in API_CASES {
        let c = tokio::task::spawn_blocking(move || fixture(name))
            .await
            .unwrap();
        let uri = tokio::task::spawn_blocking(move || with_ids(uri, c))
            .await
            .unwrap();
        let state = AppState::open(&c.index).unwrap();
        let resp = app(state)
            .oneshot(Request::get(uri.as_str()).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{uri}");
        let body = resp.into_body().collect().await.unwrap().to_bytes();
        let got = steady(std::str::from_utf8(&body).unwrap(), &c.server.url());
        compare(file, &uri, got, &mut differ);
    }
    assert!(differ.is_empty(), "answers changed: {differ:?}");
}
