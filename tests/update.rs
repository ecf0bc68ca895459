//! Batch indexing: `update` fetches only what is new, follows withdrawals (and purges them),
//! survives faults, resumes after SIGKILL without losing or doubling documents, stops cleanly on
//! Ctrl-C, and lets one writer at a time at an index.

use crate::support::inspraak;

use std::path::Path;
use std::process::{Child, Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use crate::support::growing::*;
use crate::support::server::{Fault, Server};
use assert_cmd::Command;
use serde_json::Value;

fn crawl_args(server: &Server) -> Vec<String> {
    [
        "crawl",
        "--json",
        "--rate",
        "100",
        "--consultation",
        SLUG,
        "--site",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([server.url()])
    .collect()
}

fn run_json(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn total(index: &Path, query: &str) -> u64 {
    let v = run_json(inspraak(index).args(["search", query, "--format", "json", "--limit", "0"]));
    v["total"].as_u64().unwrap()
}

fn stats(index: &Path) -> Value {
    run_json(inspraak(index).args(["stats", "--format", "json"]))
}

/// Paths requested since request number `from`.
fn paths_since(server: &Server, from: usize) -> Vec<String> {
    server.requests()[from..]
        .iter()
        .map(|(p, _)| p.clone())
        .collect()
}

/// Every response of 0..n is indexed exactly once, and its attachment where it has one.
fn assert_exactly_once(index: &Path, n: usize) {
    let s = stats(index);
    assert_eq!(s["kind"]["response"], n as u64, "{s}");
    assert_eq!(total(index, "kenmerk"), 0, "stems do not leak across words");
    for i in 0..n {
        assert_eq!(total(index, &word(i)), 1, "{}", word(i));
        if i % 10 == 3 {
            assert_eq!(
                total(index, &format!("bijlagekenmerk{i}x")),
                1,
                "attachment {i}"
            );
        }
    }
}

#[test]
fn update_fetches_only_new_responses_and_nothing_when_unchanged() {
    let server = Server::start(site_with(25));
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    run_json(inspraak(&index).args(crawl_args(&server)));
    assert_exactly_once(&index, 25);

    // Seven new responses.
    {
        let mut site = server.site.lock().unwrap();
        for i in 25..32 {
            site.consultations[0].responses.push(respondent(i));
            add_attachment(&mut site, i);
        }
    }
    let before = server.requests().len();
    let summary = run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    let paths = paths_since(&server, before);
    let responses: Vec<&String> = paths.iter().filter(|p| p.contains("/reactie/0")).collect();
    assert_eq!(responses.len(), 7, "{paths:?}");
    for i in 25..32 {
        assert!(responses.iter().any(|p| p.ends_with(&uuid(i))));
    }
    // None of the new responses has an attachment, and old ones are not asked for again.
    assert!(!paths.iter().any(|p| p.ends_with("/bestand")), "{paths:?}");
    // The consultation page changed (it shows the response count), so it is fetched anew and
    // its document is revalidated (304).
    assert_eq!(
        summary["fetched"],
        7 + 4 + 1,
        "7 responses, 4 listing pages, the consultation page: {summary}"
    );
    assert_eq!(paths.iter().filter(|p| p.contains("/document/")).count(), 1);
    assert_exactly_once(&index, 32);

    // Nothing changed: only robots.txt, the consultation page (answered 304) and the listings.
    let before = server.requests().len();
    let summary = run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    let paths = paths_since(&server, before);
    let listings = paths
        .iter()
        .filter(|p| p.contains("/reacties/datum/"))
        .count();
    assert_eq!(listings, 4);
    assert_eq!(paths.len(), 1 + 1 + listings, "{paths:?}");
    assert!(paths.contains(&"/robots.txt".to_string()));
    assert!(paths.contains(&format!("/{SLUG}")));
    assert!(summary["unchanged"].as_u64().unwrap() >= 1);
    assert_exactly_once(&index, 32);
}

#[test]
fn withdrawn_responses_leave_the_index_and_can_be_purged() {
    let server = Server::start(site_with(12));
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    run_json(inspraak(&index).args(crawl_args(&server)));
    assert_eq!(total(&index, &word(3)), 1);
    assert_eq!(total(&index, "bijlagekenmerk3x"), 1);
    assert!(archive_contains(&index, "bijlagekenmerk3x") || archive_contains_pdf(&index, 3));
    assert!(archive_contains(&index, &word(3)));
    assert!(archive_contains(&index, ">Inzender 3<"));

    // Response 3 (with its attachment) is withdrawn: gone from the listing, its page a 404.
    server.site.lock().unwrap().consultations[0]
        .responses
        .retain(|r| r.uuid != uuid(3));
    let summary = run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    assert_eq!(
        summary["withdrawn"].as_array().unwrap().len(),
        1,
        "{summary}"
    );
    assert_eq!(total(&index, &word(3)), 0);
    assert_eq!(total(&index, "bijlagekenmerk3x"), 0);
    assert_eq!(total(&index, &word(4)), 1);
    assert_eq!(stats(&index)["crawl"]["withdrawn"], 1);
    // Without --purge-withdrawn the body is still archived...
    assert!(archive_contains(&index, &word(3)));
    // ...and a reindex does not bring it back.
    run_json(inspraak(&index).args(["reindex", "--json"]));
    assert_eq!(total(&index, &word(3)), 0);

    let summary =
        run_json(inspraak(&index).args(["update", "--json", "--rate", "100", "--purge-withdrawn"]));
    // The response, its attachment, and the first crawl's listing page that showed it.
    assert_eq!(summary["purged"], 3, "{summary}");
    assert!(!archive_contains(&index, &word(3)));
    assert!(!archive_contains_pdf(&index, 3));
    assert!(!archive_contains(&index, &uuid(3)));
    assert!(!archive_contains(&index, ">Inzender 3<"));
    assert!(archive_contains(&index, ">Inzender 4<"));
    // Nothing left to purge the second time.
    let summary =
        run_json(inspraak(&index).args(["update", "--json", "--rate", "100", "--purge-withdrawn"]));
    assert_eq!(summary["purged"], 0, "{summary}");
    // Everything else survived the rewrite of the archive.
    run_json(inspraak(&index).args(["reindex", "--json"]));
    for i in (0..12).filter(|i| *i != 3) {
        assert_eq!(total(&index, &word(i)), 1, "{}", word(i));
    }
    assert_eq!(total(&index, "wetsvoorstel"), 1);
}

/// Whether any archived record contains the text (records are gzip members).
fn archive_contains(index: &Path, text: &str) -> bool {
    use std::io::Read;
    std::fs::read_dir(index.join("archive")).unwrap().any(|e| {
        let mut s = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(e.unwrap().path()).unwrap())
            .read_to_end(&mut s)
            .unwrap();
        String::from_utf8_lossy(&s).contains(text)
    })
}

/// Whether the archive holds attachment `i`'s PDF (its text is compressed inside the PDF).
fn archive_contains_pdf(index: &Path, i: usize) -> bool {
    archive_contains(index, &format!("/reactie/{}/bestand", 9000 + i))
}

#[test]
fn faults_are_retried_counted_and_lose_nothing() {
    let mut site = site_with(12);
    let f = |i: usize| format!("/{SLUG}/reactie/{}", uuid(i));
    site.faults
        .insert(f(0), [Fault::Status(503, Some("1"))].into());
    site.faults.insert(f(1), [Fault::Status(503, None)].into());
    site.faults
        .insert(f(2), [Fault::Status(429, Some("1"))].into());
    site.faults
        .insert(f(4), [Fault::Slow(Duration::from_secs(4))].into());
    site.faults.insert(f(5), [Fault::CloseMidBody].into());
    site.faults.insert(
        f(6),
        [Fault::Status(502, None), Fault::Status(504, None)].into(),
    );
    site.faults.insert(
        format!("/{SLUG}/reactie/9003/bestand"),
        [Fault::CloseMidBody].into(),
    );
    site.faults.insert(
        format!("/{SLUG}/reacties/datum/2/100"),
        [Fault::Status(500, None)].into(),
    );
    site.replace.insert(
        format!("/{SLUG}/reactie/{}", uuid(7)),
        "<html><body><div id=\"content\"><table class=\"table__data-overview\"><tr><th>Naam</th><td>Afgekapt"
            .to_string(),
    );
    let server = Server::start(site);
    // Response 8 redirects to the same page on another host name.
    server.site.lock().unwrap().faults.insert(
        f(8),
        [Fault::Redirect(format!(
            "http://localhost:{}{}",
            server.addr.port(),
            f(8)
        ))]
        .into(),
    );
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds.toml");
    std::fs::write(
        &seeds,
        "[[url]]\nkind = \"response\"\nurl = \"http://nowhere.invalid/x/reactie/00000000-0000-4000-8000-000000000099\"\n",
    )
    .unwrap();
    let index = dir.path().join("index");
    let mut args = crawl_args(&server);
    args.extend(["--timeout", "1", "--max-retries", "2"].map(String::from));
    args.push(seeds.display().to_string());
    let summary = run_json(inspraak(&index).args(&args));
    let faults = &summary["faults"];
    assert!(faults["http_5xx"].as_u64().unwrap() >= 5, "{summary}");
    assert_eq!(faults["http_429"], 1, "{summary}");
    assert!(faults["timeout"].as_u64().unwrap() >= 1, "{summary}");
    assert!(faults["connection"].as_u64().unwrap() >= 2, "{summary}");
    assert!(faults["dns"].as_u64().unwrap() >= 1, "{summary}");
    assert_eq!(faults["redirect_other_host"], 1, "{summary}");
    // Only the unreachable host failed; the truncated page is recorded as unparsed.
    let failed = summary["failed"].as_array().unwrap();
    assert!(
        failed
            .iter()
            .all(|f| f["url"].as_str().unwrap().contains("nowhere.invalid")),
        "{summary}"
    );
    assert_eq!(
        summary["unparsed"].as_array().unwrap().len(),
        1,
        "{summary}"
    );
    for i in (0..12).filter(|i| *i != 7) {
        assert_eq!(total(&index, &word(i)), 1, "{}", word(i));
    }
    assert_eq!(total(&index, "bijlagekenmerk3x"), 1);
}

/// A respondent who left every answer empty is a response: indexed with who, where and when,
/// counted, filterable, and not fetched again; a page cut off before its end is not, and is.
#[test]
fn an_empty_response_is_indexed_and_counted_and_a_cut_off_page_is_fetched_again() {
    let mut site = site_with(6);
    site.consultations[0].responses[4].answers.clear();
    site.consultations[0].responses[4].place = "Gouda".into();
    // Answered only in its attachment, as many organisations do: that is not without text.
    site.consultations[0].responses[3].answers.clear();
    let cut = format!("/{SLUG}/reactie/{}", uuid(2));
    let full = crate::support::site::response_page(
        &site.consultations[0],
        &site.consultations[0].responses[2],
    );
    // Cut inside the answer: the table is there, the end of the page is not.
    let at = full.find("Mijn nummer").unwrap();
    site.replace.insert(cut.clone(), full[..at].to_string());
    let server = Server::start(site);
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let summary = run_json(inspraak(&index).args(crawl_args(&server)));
    let unparsed: Vec<&str> = summary["unparsed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["url"].as_str().unwrap())
        .collect();
    assert_eq!(unparsed.len(), 1, "{summary}");
    assert!(unparsed[0].ends_with(&cut), "{summary}");
    // The crawl's counts name the one missing response.
    let c = &summary["consultations"][SLUG];
    assert_eq!(c["announced"], 6, "{c}");
    assert_eq!(c["listed"], 6, "{c}");
    assert_eq!(c["indexed"], 5, "{c}");
    assert_eq!(c["without_text"], 1, "{c}");
    assert_eq!(c["missing"].as_array().unwrap().len(), 1, "{c}");
    assert!(c["missing"][0]["url"].as_str().unwrap().ends_with(&cut));
    let reason = c["missing"][0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("page does not parse: the page is cut off"),
        "{reason}"
    );
    let text = inspraak(&index).args(["stats"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("6 announced, 6 archived, 5 indexed (1 without text), 0 withdrawn"),
        "{text}"
    );
    assert!(text.contains("the counts differ"), "{text}");

    // The empty response: in the index and the counts, never a text match, filterable.
    let s = stats(&index);
    assert_eq!(s["kind"]["response"], 5, "{s}");
    let r = &s["consultations"][SLUG]["responses"];
    assert_eq!(
        (
            &r["announced"],
            &r["archived"],
            &r["indexed"],
            &r["without_text"]
        ),
        (&6.into(), &6.into(), &5.into(), &1.into()),
        "{r}"
    );
    let list = |empty: &str| {
        let v = run_json(inspraak(&index).args([
            "search",
            &format!("consultation:{SLUG}"),
            "--kind",
            "response",
            "--empty",
            empty,
            "--format",
            "json",
        ]));
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["response_id"].as_str().unwrap().to_string(),
                    h["has_text"].as_bool().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(list("include").len(), 5);
    assert_eq!(list("only"), [(uuid(4), false)]);
    let with_text = list("exclude");
    assert_eq!(with_text.len(), 4);
    assert!(with_text.iter().all(|(u, has)| *has && *u != uuid(4)));
    assert_eq!(
        total(&index, "Ik ben het niet eens"),
        3,
        "no text, no text match"
    );
    assert_eq!(total(&index, "bijlagekenmerk3x"), 1);
    let only = run_json(inspraak(&index).args(["search", "--empty", "only", "--format", "json"]));
    assert_eq!(only["total"], 1, "{only}");
    assert_eq!(only["hits"][0]["author"], "Inzender 4");
    assert_eq!(only["hits"][0]["place"], "Gouda");
    assert_eq!(only["hits"][0]["date"], "2025-10-05");
    assert_eq!(only["hits"][0]["respondent"], "individual");
    let bad = inspraak(&index)
        .args(["search", "x", "--empty", "sometimes"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));

    // The next update asks for the cut-off page again (now whole), not for the empty one.
    server.site.lock().unwrap().replace.clear();
    let before = server.requests().len();
    let summary = run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    let again: Vec<String> = paths_since(&server, before)
        .into_iter()
        .filter(|p| p.contains("/reactie/"))
        .collect();
    assert_eq!(again, [cut], "{summary}");
    let c = &summary["consultations"][SLUG];
    assert_eq!(
        (&c["indexed"], &c["without_text"]),
        (&6.into(), &1.into()),
        "{c}"
    );
    assert!(c["missing"].as_array().unwrap().is_empty(), "{c}");
    assert_eq!(stats(&index)["kind"]["response"], 6);
}

/// A body that trickles in a few bytes every half second never trips the read timeout; the
/// deadline per request cuts it off, it is recorded as a timeout, and the next update gets it.
#[test]
fn a_trickling_body_is_cut_off_at_the_deadline_and_recorded_as_a_timeout() {
    let mut site = site_with(5);
    let pdf = format!("/{SLUG}/reactie/9003/bestand");
    site.faults.insert(
        pdf.clone(),
        [Fault::Trickle(Duration::from_secs(40))].into(),
    );
    let server = Server::start(site);
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let summary = run_json(
        inspraak(&index)
            .args(crawl_args(&server))
            .args(["--deadline", "2"]),
    );
    let failed = summary["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{summary}");
    assert!(failed[0]["url"].as_str().unwrap().ends_with(&pdf));
    let reason = failed[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("timed out") && reason.contains("deadline of 2 s"),
        "{reason}"
    );
    assert_eq!(summary["faults"]["timeout"], 1, "{summary}");
    assert_eq!(
        server.hits(&pdf),
        1,
        "a trickle is not asked for again in the same run"
    );
    let s = stats(&index);
    assert!(
        s["crawl"]["failures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["url"].as_str().unwrap().ends_with(&pdf)),
        "{s}"
    );
    let summary = run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    assert!(
        summary["failed"].as_array().unwrap().is_empty(),
        "{summary}"
    );
    assert_eq!(server.hits(&pdf), 2);
    assert_exactly_once(&index, 5);
}

#[test]
fn a_page_that_did_not_parse_is_fetched_again_by_the_next_update() {
    let mut site = site_with(5);
    let path = format!("/{SLUG}/reactie/{}", uuid(2));
    site.replace.insert(
        path.clone(),
        "<html><body><div id=\"content\"><h1>Reactie</h1><table><tr><th>Naam</th><td>Afgek"
            .to_string(),
    );
    let server = Server::start(site);
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let summary = run_json(inspraak(&index).args(crawl_args(&server)));
    assert_eq!(
        summary["unparsed"].as_array().unwrap().len(),
        1,
        "{summary}"
    );
    assert_eq!(total(&index, &word(2)), 0);
    server.site.lock().unwrap().replace.clear();
    let before = server.requests().len();
    let summary = run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    assert!(
        summary["unparsed"].as_array().unwrap().is_empty(),
        "{summary}"
    );
    let again: Vec<String> = paths_since(&server, before)
        .into_iter()
        .filter(|p| p.contains("/reactie/"))
        .collect();
    assert_eq!(again, [path]);
    assert_exactly_once(&index, 5);
}

fn spawn_crawl(index: &Path, server: &Server, rate: &str) -> Child {
    StdCommand::new(env!("CARGO_BIN_EXE_inspraak"))
        .arg("--index")
        .arg(index)
        .args([
            "crawl",
            "--json",
            "--rate",
            rate,
            "--consultation",
            SLUG,
            "--site",
        ])
        .arg(server.url())
        .env_remove("INSPRAAK_INDEX")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn wait_for_requests(server: &Server, n: usize, child: &mut Child) {
    let start = Instant::now();
    while server.requests().len() < n {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the crawl stalled"
        );
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the crawl ended early: {status}");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn sigkill_at_any_point_then_rerun_gives_each_response_once() {
    const N: usize = 40;
    // Requests a full crawl makes: robots, consultation, document, 4 listings, 40 responses,
    // 4 attachments.
    for kill_at in [2, 6, 20, 38, 51] {
        let server = Server::start(site_with(N));
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        let mut child = spawn_crawl(&index, &server, "60");
        if kill_at < 51 {
            wait_for_requests(&server, kill_at, &mut child);
        } else {
            // Every request made: the kill lands while the index is being built, or after.
            wait_for_requests(&server, 51, &mut child);
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let before = server.requests().len();
        run_json(inspraak(&index).args(crawl_args(&server)));
        assert_exactly_once(&index, N);
        // Nothing archived before the kill was fetched again: at most the requests that were
        // in flight (4) are repeated.
        let again: Vec<String> = paths_since(&server, before)
            .into_iter()
            .filter(|p| p.contains("/reactie/"))
            .collect();
        let first: Vec<String> = server.requests()[..before]
            .iter()
            .map(|(p, _)| p.clone())
            .filter(|p| p.contains("/reactie/"))
            .collect();
        let repeated = again.iter().filter(|p| first.contains(p)).count();
        assert!(repeated <= 4, "kill at {kill_at}: {repeated} fetched twice");
        assert_eq!(
            again.len() + first.len() - repeated,
            N + 4,
            "kill at {kill_at}"
        );
    }
}

#[test]
fn ctrl_c_stops_cleanly_and_a_rerun_completes() {
    const N: usize = 40;
    let server = Server::start(site_with(N));
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let mut child = spawn_crawl(&index, &server, "20");
    wait_for_requests(&server, 15, &mut child);
    // SAFETY: signalling a child we started.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["interrupted"], true);
    let indexed = stats(&index)["kind"]["response"].as_u64().unwrap();
    assert!(indexed > 0 && indexed < N as u64, "{indexed}");
    // What was fetched is searchable.
    assert_eq!(total(&index, &word(0)), 1);
    run_json(inspraak(&index).args(crawl_args(&server)));
    assert_exactly_once(&index, N);
}

#[test]
fn one_writer_at_a_time_readers_go_on_and_a_dead_writer_leaves_no_lock() {
    let server = Server::start(site_with(20));
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    run_json(inspraak(&index).args(crawl_args(&server)));
    {
        let mut site = server.site.lock().unwrap();
        for i in 20..60 {
            site.consultations[0].responses.push(respondent(i));
            add_attachment(&mut site, i);
        }
    }
    let mut first = StdCommand::new(env!("CARGO_BIN_EXE_inspraak"))
        .arg("--index")
        .arg(&index)
        .args(["update", "--rate", "5"])
        .env_remove("INSPRAAK_INDEX")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let before = server.requests().len();
    wait_for_requests(&server, before + 4, &mut first);
    for args in [
        crawl_args(&server),
        vec!["update".to_string()],
        vec!["reindex".to_string()],
    ] {
        let out = inspraak(&index).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is being written by process") && err.trim().lines().count() == 1,
            "{err}"
        );
    }
    // Readers need no lock: the last committed index answers during the update.
    assert_eq!(total(&index, &word(0)), 1);
    assert_eq!(stats(&index)["kind"]["response"], 20);
    first.kill().unwrap();
    first.wait().unwrap();
    run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    assert_exactly_once(&index, 60);
}

/// A template of more than 25 words (campaign material), signed by each respondent.
fn templated(i: usize) -> crate::support::site::FixtureResponse {
    let mut r = respondent(i);
    r.answers = vec![(
        "Vraag1".into(),
        format!(
            "Ik maak bezwaar tegen dit wetsvoorstel omdat het de positie van zelfstandige \
             ondernemers in de regio ernstig verzwakt en omdat de gevolgen voor gezinnen, \
             scholen en verenigingen nergens in de toelichting worden onderzocht of gewogen. \
             Groet, {}.",
            word(i)
        ),
    )];
    r
}

/// What a user sees of an index: searches (hits without scores, in id order, with totals and
/// facets), campaign listings and quotes, as JSON.
fn snapshot(index: &Path) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for k in ["score", "took_ms", "seconds"] {
                    m.remove(k);
                }
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut out = serde_json::Map::new();
    for q in [
        "bezwaar",
        "ondernemers",
        "\"positie van zelfstandige\"",
        "kenmerk7x",
        "kenmerk30x",
        "bijlagekenmerk13x",
        "Utrecht",
        "wetsvoorstel",
        "voorstel -bezwaar",
    ] {
        let mut v =
            run_json(inspraak(index).args(["search", q, "--format", "json", "--limit", "100"]));
        if let Some(hits) = v["hits"].as_array_mut() {
            hits.sort_by_key(|h| h["id"].as_str().unwrap_or("").to_string());
        }
        strip(&mut v);
        out.insert(format!("search {q}"), v);
        let mut quotes =
            run_json(inspraak(index).args(["quotes", q, "--format", "json", "--limit", "5"]));
        strip(&mut quotes);
        out.insert(format!("quotes {q}"), quotes);
    }
    let mut c = run_json(inspraak(index).args(["campaigns", "--format", "json"]));
    strip(&mut c);
    out.insert("campaigns".into(), c);
    let mut s = stats(index);
    strip(&mut s);
    out.insert("kinds".into(), s["kind"].clone());
    Value::Object(out)
}

#[test]
fn updates_in_place_give_what_a_reindex_gives() {
    let mut site = site_with(25);
    for i in 5..10 {
        site.consultations[0].responses[i] = templated(i);
    }
    let server = Server::start(site);
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let first = run_json(inspraak(&index).args(crawl_args(&server)));
    assert_eq!(first["index"]["full"], true, "{first}");
    assert_eq!(first["index"]["campaigns"]["campaigns"], 1, "{first}");

    // Seven more, three of them copies of the template: the campaign grows, so its earlier
    // members are re-added with the new size, and nothing else is read again.
    {
        let mut s = server.site.lock().unwrap();
        let responses = &mut s.consultations[0].responses;
        for i in 25..32 {
            responses.push(if i % 2 == 0 {
                templated(i)
            } else {
                respondent(i)
            });
        }
    }
    {
        let mut s = server.site.lock().unwrap();
        for i in 25..32 {
            add_attachment(&mut s, i);
        }
    }
    let second = run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    let step = &second["index"];
    assert_eq!(step["full"], false, "{step}");
    // The 7 responses, and the consultation page (it announces 32 responses now) with its
    // document, which takes its name from the page.
    assert_eq!(step["extracted"], 9, "{step}");
    assert_eq!(step["added"], 9, "{step}");
    assert_eq!(step["replaced"], 2, "{step}");
    assert_eq!(step["readded"], 5, "{step}");
    assert_eq!(step["deleted"], 0, "{step}");
    assert_eq!(step["campaigns"]["sketched"], 7, "{step}");

    // The template's first response is withdrawn and the consultation's title changes: every
    // response takes the new title, the campaign a new id (it is named after its first).
    {
        let mut s = server.site.lock().unwrap();
        let c = &mut s.consultations[0];
        c.responses.retain(|r| r.uuid != uuid(5));
        c.title = "Wet gegroeide consultatie".into();
    }
    let third = run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    let step = &third["index"];
    assert_eq!(step["deleted"], 1, "{step}");
    assert_eq!(
        step["extracted"], 2,
        "the consultation page and its document: {step}"
    );
    assert!(step["readded"].as_u64().unwrap() >= 31, "{step}");
    assert_eq!(
        total(&index, "title:gegroeide"),
        1,
        "the consultation page is re-extracted"
    );

    let updated = snapshot(&index);
    assert!(updated.to_string().contains("Wet gegroeide consultatie"));
    let copy = dir.path().join("copy");
    crate::support::copy_dir(&index, &copy);
    let rebuilt = run_json(inspraak(&copy).args(["reindex", "--json"]));
    assert_eq!(rebuilt["full"], true);
    let reference = snapshot(&copy);
    assert_eq!(
        first_difference(&reference, &updated, ""),
        None,
        "reindex, then update"
    );
    // Nothing changed: nothing is read, added or deleted.
    let again = run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    let step = &again["index"];
    for k in ["extracted", "added", "readded", "deleted", "replaced"] {
        assert_eq!(step[k], 0, "{k}: {step}");
    }
}

/// A second consultation beside `groeiwet`, with two copies of the template of its own.
fn second_consultation(site: &mut crate::support::server::FixtureSite) {
    let mut c = site.consultations[0].clone();
    c.slug = "tweedewet".into();
    c.title = "Wet tweede consultatie".into();
    c.documents = Vec::new();
    c.responses = (100..108)
        .map(|i| if i < 102 { templated(i) } else { respondent(i) })
        .map(|mut r| {
            r.attachment = None;
            r
        })
        .collect();
    site.consultations.push(c);
}

fn campaign_sizes(index: &Path) -> Vec<(String, u64)> {
    let list = run_json(inspraak(index).args(["campaigns", "--format", "json"]));
    let mut out: Vec<(String, u64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["consultation"].as_str().unwrap_or_default().to_string(),
                c["size"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Each update reads the crawl state's change log from where the index's last commit stands
/// and looks only at the consultations named since (issue 25). What it leaves unlooked-at must
/// stay whole: the other consultation's documents and campaign signatures, so that a later
/// change there still clusters every copy; and any writer of the state is seen, not only the
/// crawl. After all of it the index is what a reindex gives.
#[test]
fn updates_look_only_at_changed_consultations_and_still_give_what_a_reindex_gives() {
    let mut site = site_with(20);
    for i in 5..9 {
        site.consultations[0].responses[i] = templated(i);
    }
    second_consultation(&mut site);
    let server = Server::start(site);
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let mut args = crawl_args(&server);
    args.extend(["--consultation".to_string(), "tweedewet".to_string()]);
    run_json(inspraak(&index).args(&args));
    let both = [(SLUG.to_string(), 4), ("tweedewet".to_string(), 2)];
    assert_eq!(campaign_sizes(&index), both);
    let update = || run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));

    // Nothing changed: the step is done without reading or committing anything, and says
    // what the index holds.
    let before = stats(&index)["documents"].clone();
    let idle = update();
    let step = &idle["index"];
    for k in ["extracted", "added", "readded", "deleted", "replaced"] {
        assert_eq!(step[k], 0, "{k}: {step}");
    }
    assert_eq!(step["campaigns"]["clustered"], 0, "{step}");
    assert_eq!(step["documents"], before, "{step}");
    assert_eq!(step["campaigns"]["campaigns"], 2, "{step}");

    // A template copy withdrawn in the first consultation: only it is clustered again, and
    // the second keeps its documents and its signatures.
    {
        let mut s = server.site.lock().unwrap();
        s.consultations[0].responses.retain(|r| r.uuid != uuid(6));
    }
    let step = update()["index"].clone();
    assert_eq!(step["deleted"], 1, "{step}");
    assert_eq!(step["campaigns"]["clustered"], 1, "{step}");
    assert_eq!(
        campaign_sizes(&index),
        [(SLUG.to_string(), 3), ("tweedewet".to_string(), 2)]
    );
    assert_eq!(
        total(&index, "kenmerk103x"),
        1,
        "the other consultation stays"
    );

    // A third copy arrives in the second consultation: its campaign is clustered from the
    // two signatures kept since the crawl and the new one.
    {
        let mut s = server.site.lock().unwrap();
        s.consultations[1].responses.push(templated(108));
    }
    let step = update()["index"].clone();
    assert!(step["extracted"].as_u64().unwrap() >= 1, "{step}");
    assert_eq!(step["campaigns"]["sketched"], 1, "{step}");
    assert_eq!(step["campaigns"]["reused"], 8, "{step}");
    assert_eq!(
        campaign_sizes(&index),
        [(SLUG.to_string(), 3), ("tweedewet".to_string(), 3)]
    );

    // A row changed by another writer than the crawl (here by hand) is seen too.
    {
        let db = rusqlite::Connection::open(index.join("crawl.sqlite")).unwrap();
        let url = format!("{}/tweedewet/reactie/{}", server.url(), uuid(103));
        let changed = db
            .execute("UPDATE pages SET label = 'opnieuw' WHERE url = ?1", [&url])
            .unwrap();
        assert_eq!(changed, 1, "{url}");
    }
    let step = update()["index"].clone();
    assert_eq!(step["extracted"], 1, "{step}");
    assert_eq!(step["replaced"], 1, "{step}");

    let updated = snapshot(&index);
    let copy = dir.path().join("copy");
    crate::support::copy_dir(&index, &copy);
    run_json(inspraak(&copy).args(["reindex", "--json"]));
    assert_eq!(
        first_difference(&snapshot(&copy), &updated, ""),
        None,
        "reindex, then updates that looked at one consultation each"
    );
    assert_eq!(campaign_sizes(&copy), campaign_sizes(&index));
}

/// An index folder's search index restored from an older copy: the change log has moved on
/// (and forgotten what the copy lacks), so the next update must look at everything and bring
/// the copy back to what the archive holds, not trust the copy's commit.
#[test]
fn an_index_restored_from_a_copy_is_brought_up_to_date() {
    let server = Server::start(site_with(12));
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    run_json(inspraak(&index).args(crawl_args(&server)));
    let backup = dir.path().join("tantivy-backup");
    crate::support::copy_dir(&index.join("tantivy"), &backup);
    server.site.lock().unwrap().consultations[0]
        .responses
        .push(respondent(12));
    let step = run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    assert!(step["index"]["added"].as_u64().unwrap() >= 1, "{step}");
    assert_eq!(total(&index, "kenmerk12x"), 1);

    std::fs::remove_dir_all(index.join("tantivy")).unwrap();
    crate::support::copy_dir(&backup, &index.join("tantivy"));
    assert_eq!(
        total(&index, "kenmerk12x"),
        0,
        "the copy lacks the new response"
    );
    let step = run_json(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    assert_eq!(step["index"]["full"], false, "{step}");
    assert_eq!(total(&index, "kenmerk12x"), 1, "{step}");
    let updated = snapshot(&index);
    let copy = dir.path().join("copy");
    crate::support::copy_dir(&index, &copy);
    run_json(inspraak(&copy).args(["reindex", "--json"]));
    assert_eq!(first_difference(&snapshot(&copy), &updated, ""), None);
}

/// Where two JSON values first differ, and how.
fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                let here = format!("{at}/{k}");
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => {
                        if let Some(d) = first_difference(p, q, &here) {
                            return Some(d);
                        }
                    }
                    (p, q) => return Some(format!("{here}: {p:?} against {q:?}")),
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, &format!("{at}/{i}"))),
        _ => (a != b).then(|| format!("{at}: {a} against {b}")),
    }
}

#[test]
fn sigkill_during_an_in_place_update_then_rerun_gives_each_response_once() {
    const N: usize = 30;
    const MORE: usize = 10;
    // From the moment the update has asked for every new response: while it fetches the last
    // ones, while it extracts, while it writes, around its commit, after it.
    for delay_ms in [0u64, 15, 40, 80, 160, 400] {
        let server = Server::start(site_with(N));
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        run_json(inspraak(&index).args(crawl_args(&server)));
        {
            let mut s = server.site.lock().unwrap();
            for i in N..N + MORE {
                s.consultations[0].responses.push(respondent(i));
                add_attachment(&mut s, i);
            }
        }
        let before = server.requests().len();
        let mut child = StdCommand::new(env!("CARGO_BIN_EXE_inspraak"))
            .arg("--index")
            .arg(&index)
            .args(["update", "--json", "--rate", "200"])
            .env_remove("INSPRAAK_INDEX")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while paths_since(&server, before)
            .iter()
            .filter(|p| p.contains("/reactie/") && !p.ends_with("/bestand"))
            .count()
            < MORE
        {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the update stalled"
            );
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        run_json(inspraak(&index).args(["update", "--json", "--rate", "200"]));
        assert_exactly_once(&index, N + MORE);
        assert!(
            !index.join("index.spool").exists(),
            "delay {delay_ms} ms: the spool is removed"
        );
        // A third run finds nothing to do: what the index holds agrees with the archive.
        let again = run_json(inspraak(&index).args(["update", "--json", "--rate", "200"]));
        for k in ["extracted", "added", "readded", "deleted"] {
            assert_eq!(
                again["index"][k], 0,
                "delay {delay_ms} ms, {k}: {}",
                again["index"]
            );
        }
    }
}
