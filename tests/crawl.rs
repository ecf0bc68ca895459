//! End to end: crawl a local fixture of the site with the real binary, then search it. One crawl
//! is shared by the checks below (a crawl takes a few seconds because of its politeness rules).

use crate::support::inspraak;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::support::fixture::*;
use crate::support::server::Server;
use crate::support::site::{FOOTER_WORD, NAV_WORD};
use serde_json::Value;

struct Crawled {
    _server: Server,
    _dir: tempfile::TempDir,
    index: PathBuf,
    summary: Value,
    requests: Vec<(String, String)>,
}

/// One crawl of the fixture site, shared by the tests in this file.
fn crawled() -> &'static Crawled {
    static CRAWL: OnceLock<Crawled> = OnceLock::new();
    CRAWL.get_or_init(|| {
        let server = Server::start(fixture());
        let dir = tempfile::tempdir().unwrap();
        let seeds = dir.path().join("seeds.toml");
        std::fs::write(
            &seeds,
            format!(
                r#"
[[consultation]]
slug = "testwet"
bill = "Wet regulering testwerk"

[[consultation]]
slug = "tweedewet"

[[url]]
kind = "response"
url = "https://www.internetconsultatie.nl/testwet/reactie/{R_JAN}"
label = "cited"

[[url]]
kind = "report"
url = "http://127.0.0.1:9/report.pdf"
"#
            ),
        )
        .unwrap();
        let index = dir.path().join("index");
        let out = inspraak(&index)
            .args(["crawl", "--json", "--rate", "50", "--site"])
            .arg(server.url())
            .arg(&seeds)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "crawl failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
        let requests = server.requests();
        Crawled {
            _server: server,
            _dir: dir,
            index,
            summary,
            requests,
        }
    })
}

fn search(index: &Path, args: &[&str]) -> Value {
    crate::support::json_of(
        inspraak(index)
            .arg("search")
            .args(args)
            .args(["--format", "json"]),
    )
}

fn ids(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_response_is_found_by_a_word_only_it_contains() {
    let c = crawled();
    for (word, uuid) in [
        ("appelflapregeling", R_JAN),
        ("perenboomtoets", R_STICHTING),
        ("gooseberry", R_ENGLISH),
        ("Stachelbeerregel", R_GERMAN),
        ("kruisbessenanalyse", R_CORRUPT),
        ("overgangstermijn", R_OTHER),
    ] {
        let v = search(&c.index, &[word]);
        assert_eq!(ids(&v), [format!("r-{uuid}")], "{word}");
        assert!(
            v["hits"][0]["snippet"].as_str().unwrap().contains("<mark>"),
            "{word}: {}",
            v["hits"][0]["snippet"]
        );
    }
}

#[test]
fn metadata_is_right() {
    let c = crawled();
    let v = search(&c.index, &["perenboomtoets"]);
    let h = &v["hits"][0];
    assert_eq!(h["kind"], "response");
    assert_eq!(h["response_id"], R_STICHTING);
    assert_eq!(h["author"], "Stichting Voorbeeld");
    assert_eq!(h["place"], "Amsterdam");
    assert_eq!(h["date"], "2025-10-02");
    assert_eq!(h["lang"], "nl");
    assert_eq!(h["consultation"], "testwet");
    assert_eq!(h["consultation_title"], "Wet regulering testwerk");
    assert!(h["url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/testwet/reactie/{R_STICHTING}")));
    assert_eq!(search(&c.index, &["gooseberry"])["hits"][0]["lang"], "en");
    assert_eq!(
        search(&c.index, &["Stachelbeerregel"])["hits"][0]["lang"],
        "de"
    );
}

#[test]
fn phrases_match_words_in_order_only() {
    let c = crawled();
    let v = search(&c.index, &["\"de regering moet luisteren\""]);
    assert_eq!(ids(&v), [format!("r-{R_JAN}")]);
    let snippet = v["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>regering</mark>"), "{snippet}");
    // What a query excludes is not marked.
    let v = search(&c.index, &["plicht -leden"]);
    for hit in v["hits"].as_array().unwrap() {
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(!snippet.contains("<mark>geleden</mark>"), "{snippet}");
        assert!(snippet.contains("<mark>plicht</mark>"), "{snippet}");
    }
    assert_eq!(
        search(&c.index, &["\"luisteren moet regering\""])["total"],
        0
    );
}

#[test]
fn attachment_text_is_found_with_its_response_and_page() {
    let c = crawled();
    let v = search(&c.index, &["kersenpitmethode"]);
    assert_eq!(ids(&v), [format!("a-{R_STICHTING}")]);
    let h = &v["hits"][0];
    assert_eq!(h["kind"], "attachment");
    assert_eq!(h["response_id"], R_STICHTING);
    assert_eq!(h["author"], "Stichting Voorbeeld");
    // The word is on the PDF's second page: the hit says so and its link opens it there.
    assert_eq!(h["page"], 2, "{h}");
    assert!(h["url"]
        .as_str()
        .unwrap()
        .ends_with("/testwet/reactie/7001/bestand#page=2"));
    // The consultation's own document is indexed too.
    let d = search(&c.index, &["memoriewoord"]);
    assert_eq!(d["hits"][0]["kind"], "document");
    assert_eq!(d["hits"][0]["title"], "Memorie van toelichting");
}

#[test]
fn boilerplate_is_not_indexed() {
    let c = crawled();
    for word in [NAV_WORD, FOOTER_WORD, "Privacy", "Cookies"] {
        assert_eq!(search(&c.index, &[word])["total"], 0, "{word}");
    }
    // Questions are kept with the answers but not searched: every response repeats them.
    assert_eq!(search(&c.index, &["\"Overige opmerkingen\""])["total"], 0);
}

#[test]
fn stemming_finds_forms_but_exact_words_rank_first() {
    let c = crawled();
    // "leden" and "geleden" share the Dutch stem "leed": the exact match must come first,
    // and a quoted word matches exactly.
    let v = search(&c.index, &["leden"]);
    assert_eq!(ids(&v)[0], format!("r-{R_LEDEN}"));
    assert_eq!(
        ids(&search(&c.index, &["\"leden\""])),
        [format!("r-{R_LEDEN}")]
    );
    assert_eq!(
        ids(&search(&c.index, &["text:geleden"])),
        [format!("r-{R_GELEDEN}")]
    );
    // Stemming: a plural finds the singular's document.
    let v = search(&c.index, &["perenboomtoetsen"]);
    assert_eq!(ids(&v), [format!("r-{R_STICHTING}")]);
}

#[test]
fn diacritics_fold_both_ways() {
    let c = crawled();
    assert_eq!(
        ids(&search(&c.index, &["geintegreerd appelflapregeling"])),
        [format!("r-{R_JAN}")]
    );
    assert_eq!(
        ids(&search(&c.index, &["geïntegreerd appelflapregeling"])),
        [format!("r-{R_JAN}")]
    );
    assert_eq!(
        ids(&search(&c.index, &["illegalitat"])),
        [format!("r-{R_GERMAN}")]
    );
}

#[test]
fn filters_facets_or_and_exclusion() {
    let c = crawled();
    let v = search(&c.index, &["vergunningplicht"]);
    // Facets count every match, not just the page.
    assert_eq!(v["facets"]["consultation"]["testwet"], 2);
    assert_eq!(v["facets"]["consultation"]["tweedewet"], 1);
    let only = search(
        &c.index,
        &["vergunningplicht", "--consultation", "tweedewet"],
    );
    assert_eq!(ids(&only), [format!("r-{R_OTHER}")]);
    let kinds = search(&c.index, &["vergunningplicht", "--kind", "consultation"]);
    assert_eq!(ids(&kinds), ["c-testwet"]);
    let paged = search(
        &c.index,
        &["vergunningplicht", "--limit", "1", "--offset", "1"],
    );
    assert_eq!(paged["hits"].as_array().unwrap().len(), 1);
    assert_eq!(paged["total"], 3);
    let dated = search(
        &c.index,
        &["plicht", "--since", "2025-10-05", "--until", "2025-10-05"],
    );
    assert_eq!(ids(&dated), [format!("r-{R_LEDEN}")]);
    let either = search(
        &c.index,
        &["gooseberry OR perenboomtoets", "--sort", "date"],
    );
    assert_eq!(
        ids(&either),
        [format!("r-{R_ENGLISH}"), format!("r-{R_STICHTING}")]
    );
    let not = search(&c.index, &["plicht -leden"]);
    assert!(ids(&not).contains(&format!("r-{R_GELEDEN}")));
    assert!(!ids(&not).contains(&format!("r-{R_LEDEN}")));
    let en = search(&c.index, &["workers", "--lang", "en"]);
    assert_eq!(ids(&en), [format!("r-{R_ENGLISH}")]);
    let author = search(&c.index, &["author:\"Red Umbrella\""]);
    assert_eq!(ids(&author), [format!("r-{R_ENGLISH}")]);
}

#[test]
fn robots_disallow_is_obeyed() {
    let c = crawled();
    let path = format!("/testwet/reactie/{R_DISALLOWED}");
    assert!(!c.requests.iter().any(|(p, _)| *p == path));
    assert!(c.summary["blocked_by_robots"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u.as_str().unwrap().ends_with(&path)));
    assert_eq!(search(&c.index, &["verbodenvrucht"])["total"], 0);
}

/// A response robots.txt forbids is counted apart in the crawl summary and in `stats` (JSON
/// and text): not fetched because of robots.txt, not missing. Once robots.txt allows it,
/// `update` fetches and indexes it, and the counts add up.
#[test]
fn a_response_robots_txt_forbids_is_counted_apart_until_it_is_allowed() {
    use crate::support::json_of;
    use crate::support::server::FixtureSite;
    use crate::support::site::{FixtureConsultation, FixtureResponse};
    use serde_json::json;
    let uuid = |i: usize| format!("22222222-0000-4000-8000-{i:012}");
    let words = ["appelboomtoets", "perenboomtoets", "kweepeerboomtoets"];
    let responses = (0..3)
        .map(|i| FixtureResponse {
            uuid: uuid(i),
            name: format!("Inspreker {i}"),
            place: "Delft".into(),
            date: format!("{} oktober 2025", i + 1),
            time: "10:00".into(),
            answers: vec![(
                "Vraag1".into(),
                format!("Ik vind de {} een slecht idee.", words[i]),
            )],
            attachment: None,
        })
        .collect();
    let forbidden = format!("/robotwet/reactie/{}", uuid(2));
    let server = Server::start(FixtureSite {
        consultations: vec![FixtureConsultation {
            slug: "robotwet".into(),
            title: "Wet robotregels".into(),
            summary: vec!["Een consultatie over robotregels.".into()],
            start: "01-10-2025".into(),
            end: "31-10-2025".into(),
            status: "Gesloten".into(),
            ministry: "Ministerie van Testzaken".into(),
            documents: vec![],
            responses,
        }],
        robots: format!("User-agent: *\nDisallow: {forbidden}\n"),
        per_page: 10,
        ..Default::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let url = format!("{}{forbidden}", server.url());
    let summary = crate::support::crawl(&index, &server.url(), &["robotwet"]);
    assert_eq!(server.hits(&forbidden), 0);
    let counts = &summary["consultations"]["robotwet"];
    assert_eq!(counts["blocked_by_robots"], json!([url]), "{counts}");
    assert_eq!(counts["missing"], json!([]), "{counts}");
    assert_eq!(
        (&counts["announced"], &counts["indexed"]),
        (&json!(3), &json!(2))
    );
    let stats = json_of(inspraak(&index).args(["stats", "--format", "json"]));
    let r = &stats["consultations"]["robotwet"]["responses"];
    assert_eq!(r["blocked_by_robots"], json!([url]), "{r}");
    assert_eq!(r["missing"], json!([]), "{r}");
    assert_eq!(stats["crawl"]["failures"], json!([]), "{stats}");
    assert_eq!(
        stats["crawl"]["blocked_by_robots"],
        json!([{"url": url, "kind": "response"}])
    );
    let out = inspraak(&index).arg("stats").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "robotwet: responses 3 announced, 2 archived, 2 indexed (0 without text), 0 withdrawn, \
         1 not fetched: robots.txt",
        "the counts differ: 0 responses listed but not indexed, 1 not fetched because \
         robots.txt disallows it, and the site announces 3 where 2 are indexed",
        &format!("{url}  not fetched: robots.txt disallows it"),
        "crawl: 5 URLs known, 4 archived, 0 withdrawn, 0 failed, 1 not fetched: robots.txt",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
    // The site allows it now.
    server.site.lock().unwrap().robots = String::new();
    let summary = json_of(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    assert_eq!(server.hits(&forbidden), 1);
    let counts = &summary["consultations"]["robotwet"];
    assert_eq!(counts["blocked_by_robots"], json!([]), "{counts}");
    assert_eq!(counts["missing"], json!([]), "{counts}");
    assert_eq!(counts["indexed"], 3, "{counts}");
    let found = search(&index, &["kweepeerboomtoets"]);
    assert_eq!(ids(&found), [format!("r-{}", uuid(2))]);
    let stats = json_of(inspraak(&index).args(["stats", "--format", "json"]));
    assert_eq!(stats["crawl"]["blocked_by_robots"], json!([]), "{stats}");
}

#[test]
fn politeness_user_agent_and_retry() {
    let c = crawled();
    assert!(c
        .requests
        .iter()
        .all(|(_, ua)| ua.starts_with("inspraak/") && ua.contains("+http")));
    let path = format!("/testwet/reactie/{R_JAN}");
    // One 503, then success; the cited seed URL did not cause a second fetch.
    assert_eq!(c.requests.iter().filter(|(p, _)| *p == path).count(), 2);
    assert!(c.summary["retried"].as_u64().unwrap() >= 1);
    // `--site` allows the site's private address, not a report's: that needs --allow-private.
    assert_eq!(c.summary["reports"], 1);
    let refused = c.summary["failed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["url"] == "http://127.0.0.1:9/report.pdf")
        .expect("the private report is recorded as failed");
    assert!(
        refused["reason"]
            .as_str()
            .unwrap()
            .contains("when private addresses are allowed"),
        "{refused}"
    );
    assert_eq!(
        c.requests
            .iter()
            .filter(|(p, _)| p == "/robots.txt")
            .count(),
        1
    );
}

#[test]
fn corrupt_pdf_is_recorded_and_the_crawl_completes() {
    let c = crawled();
    let failures = c.summary["index"]["failures"].as_array().unwrap();
    // The truncated PDF and the maintenance page, nothing else.
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(failures.iter().any(|f| f["url"]
        .as_str()
        .unwrap()
        .ends_with("/reactie/7002/bestand")));
    // Its response is still there.
    assert_eq!(search(&c.index, &["kruisbessenanalyse"])["total"], 1);
    let out = inspraak(&c.index)
        .args(["stats", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        stats["consultations"]["testwet"]["title"],
        "Wet regulering testwerk"
    );
    // 1 consultation page + 1 document + 7 responses + 1 attachment.
    assert_eq!(stats["consultations"]["testwet"]["documents"], 10);
    assert_eq!(stats["kind"]["response"], 8);
    let reasons: Vec<&str> = stats["crawl"]["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["url"].as_str().unwrap())
        .collect();
    assert!(reasons.iter().any(|u| u.ends_with("/reactie/7002/bestand")));
    // The response robots.txt disallows was never asked for: no failure, counted apart.
    assert!(!reasons.iter().any(|u| u.ends_with(R_DISALLOWED)));
    assert!(stats["crawl"]["blocked_by_robots"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["url"].as_str().unwrap().ends_with(R_DISALLOWED)));
}

#[test]
fn a_page_that_does_not_parse_is_recorded_not_indexed() {
    let c = crawled();
    let unparsed = c.summary["unparsed"].as_array().unwrap();
    assert_eq!(unparsed.len(), 1, "{unparsed:?}");
    assert!(unparsed[0]["url"].as_str().unwrap().ends_with(R_UNPARSED));
    assert_eq!(search(&c.index, &["Onderhoud"])["total"], 0);
    assert_eq!(
        search(&c.index, &[&format!("response:{R_UNPARSED}")])["total"],
        0
    );
}

#[test]
fn nothing_fetched_exits_1_and_says_why() {
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let out = inspraak(&dir.path().join("index"))
        .args([
            "crawl",
            "--consultation",
            "testwet",
            "--max-retries",
            "0",
            "--site",
        ])
        .arg(format!("http://127.0.0.1:{port}"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("robots.txt unavailable"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing could be fetched"));
    let out = inspraak(&dir.path().join("index"))
        .args(["crawl", "--consultation", "Not A Slug"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Offline (here: names under `.invalid`, which never resolve), a crawl does not retry a name
/// that does not resolve, stops trying new hosts once a few failed and none answered, and says
/// the network or DNS is unavailable instead of a bare "nothing could be fetched".
#[test]
fn offline_a_crawl_says_the_network_is_unavailable_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds.toml");
    let reports: String = (1..=8)
        .map(|i| format!("[[url]]\nurl = \"https://rapport{i}.inspraak-test.invalid/r.pdf\"\nkind = \"report\"\n"))
        .collect();
    std::fs::write(
        &seeds,
        format!("[[consultation]]\nslug = \"testwet\"\n{reports}"),
    )
    .unwrap();
    let out = inspraak(&dir.path().join("index"))
        .args(["crawl", "--json", "--concurrency", "1", "--site"])
        .arg("http://consultaties.inspraak-test.invalid")
        .arg(&seeds)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the network or DNS is unavailable"),
        "{stderr}"
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    // One lookup per host tried, no retries: the site and two report hosts, then no more.
    assert_eq!(summary["faults"]["dns"], 3, "{summary}");
    assert_eq!(summary["retried"], 0, "{summary}");
    let hosts = summary["unresolved_hosts"].as_array().unwrap();
    assert_eq!(hosts.len(), 3, "{summary}");
    assert_eq!(hosts[0], "consultaties.inspraak-test.invalid");
    let failed = summary["failed"].as_array().unwrap();
    assert!(failed.iter().any(|f| f["reason"]
        .as_str()
        .unwrap()
        .starts_with("not tried: the network or DNS")));
}

#[test]
fn reindex_gives_the_same_results_as_the_crawl() {
    let c = crawled();
    // Work on a copy so the other tests keep their index.
    let copy = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&c.index, copy.path());
    let queries: [&[&str]; 4] = [
        &["vergunningplicht"],
        &["plicht", "--sort", "date", "--limit", "20"],
        &["kersenpitmethode"],
        &["\"de regering moet luisteren\""],
    ];
    let before: Vec<Value> = queries
        .iter()
        .map(|q| strip_time(search(copy.path(), q)))
        .collect();
    // Without the network: the server is not asked for anything during reindex.
    let requests = c._server.requests().len();
    let summary = crate::support::json_of(inspraak(copy.path()).args(["reindex", "--json"]));
    assert_eq!(summary["documents"], c.summary["index"]["documents"]);
    assert_eq!(c._server.requests().len(), requests);
    let after: Vec<Value> = queries
        .iter()
        .map(|q| strip_time(search(copy.path(), q)))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn query_errors_exit_2_with_one_line() {
    let c = crawled();
    for bad in [
        "\"unclosed",
        "(a b",
        "foo:bar",
        "a OR",
        "ap*",
        "a~2",
        "[a TO b]",
    ] {
        let out = inspraak(&c.index).args(["search", bad]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "{bad}: {err}");
        assert!(!err.contains("panick"), "{bad}: {err}");
    }
    // A value that does not fit is named by the option that gave it (the API names the
    // parameter, without dashes: tests/server.rs).
    for (args, said) in [
        (
            &["x", "--since", "yesterday"][..],
            "inspraak: --since 'yesterday' is not a date: use YYYY-MM-DD",
        ),
        (
            &["x", "--lang", "klingon"],
            "inspraak: --lang 'klingon' is unknown",
        ),
        (
            &["x", "--kind", "letter"],
            "inspraak: --kind 'letter' is unknown",
        ),
        (
            &["x", "--sort", "random"],
            "inspraak: --sort 'random' is unknown",
        ),
        (
            &["x", "--limit", "100001"],
            "inspraak: --limit is at most 100000",
        ),
        (
            &["x", "--cites", "sekswerk"],
            "inspraak: --cites 'sekswerk' is not a URL",
        ),
    ] {
        let out = inspraak(&c.index)
            .arg("search")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(said), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
    }
    // A folder without an index says which command makes one.
    let empty = tempfile::tempdir().unwrap();
    let out = inspraak(empty.path())
        .args(["search", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no usable index in") && err.contains("inspraak crawl"),
        "{err}"
    );
}

#[test]
fn text_and_csv_output() {
    let c = crawled();
    let out = inspraak(&c.index)
        .args(["search", "perenboomtoets"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Stichting Voorbeeld, Amsterdam"), "{text}");
    assert!(text.contains("[perenboomtoets]"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    let out = inspraak(&c.index)
        .args(["search", "vergunningplicht", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("id,kind,response_id,"));
    assert_eq!(csv.lines().count(), 4);
}

fn strip_time(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("took_ms");
    v
}

/// A reader that stops early (`inspraak export | head -1`) ends the export: not an error, no
/// message, exit 0. (The export's write failure once travelled as a usage error.)
#[test]
fn an_export_whose_reader_goes_away_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let c = crawled();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("inspraak"))
        .arg("--index")
        .arg(&c.index)
        .env_remove("INSPRAAK_INDEX")
        .args(["export", "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The pipe is closed here, with the rows still to come.
    assert!(first.starts_with("id,kind,"), "{first}");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
