//! The same archive gives the same answers, however it was built: a crawl with several requests
//! in flight whose responses arrive out of order, and two `reindex` runs of its archive (each
//! extracting on every core), answer every search, quote, export, campaign and organisation of
//! the held-out fixture `support::ties` byte for byte alike; a crawl of the same site under
//! another host name gives the same ids. The quotes' counts of shared sentences are the
//! numbers of responses that really share them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use inspraak::server::{app, AppState};
use tower::ServiceExt;

use crate::support::server::{Fault, Server};
use crate::support::ties::{self, SLUG};
use crate::support::{copy_dir, inspraak, json_of};

/// The API's answer to `uri`, as sent, with the time the engine took left out.
async fn answer(state: &AppState, uri: &str) -> String {
    let resp = app(state.clone())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8(body.to_vec()).unwrap();
    assert_eq!(status, StatusCode::OK, "{uri}: {text}");
    without_timings(&text)
}

/// `"took_ms": 1.23` varies from run to run and says nothing about the answer.
fn without_timings(text: &str) -> String {
    let re = regex::Regex::new(r#""took_ms":[0-9.eE+-]+,?"#).unwrap();
    re.replace_all(text, "").into_owned()
}

fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Every answer the comparison covers, in a fixed order, as `(what was asked, answer)`.
async fn answers(index: &Path) -> Vec<(String, String)> {
    let state = AppState::open(index).unwrap();
    let mut asked: Vec<String> = Vec::new();
    for q in ties::QUERIES {
        let q = encode(q);
        for extra in [
            "",
            "&sort=date",
            "&collapse=true",
            "&collapse=true&sort=date",
            "&limit=5&offset=5",
        ] {
            asked.push(format!("/api/search?q={q}{extra}"));
        }
        asked.push(format!("/api/quotes?q={q}&limit=20"));
        asked.push(format!("/api/export?q={q}"));
        asked.push(format!("/api/terms?q={q}&limit=50"));
    }
    // What sets sets apart, every campaign counted once and each, and the matches by week.
    for extra in ["", "&campaigns=each", "&against=*"] {
        asked.push(format!(
            "/api/terms?respondent=organisation&limit=100{extra}"
        ));
    }
    asked.push(format!("/api/timeline?consultation={SLUG}&by=week"));
    // Listings without words: by date, whole and in pages.
    for extra in [
        "",
        "&limit=7&offset=14",
        "&respondent=individual",
        "&collapse=true",
    ] {
        asked.push(format!("/api/search?consultation={SLUG}{extra}"));
    }
    asked.push(format!("/api/export?consultation={SLUG}&format=csv"));
    asked.push("/api/campaigns?min_size=2".into());
    asked.push("/api/organisations".into());
    let mut out = Vec::new();
    for uri in asked {
        let a = answer(&state, &uri).await;
        out.push((uri, a));
    }
    // Each campaign and each organisation whole.
    let ids = |uri: &str| -> Vec<String> {
        let (_, list) = out.iter().find(|(u, _)| u == uri).unwrap();
        let list: serde_json::Value = serde_json::from_str(list).unwrap();
        list.as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (campaigns, organisations) = (ids("/api/campaigns?min_size=2"), ids("/api/organisations"));
    assert!(campaigns.len() >= 3, "{campaigns:?}");
    assert!(organisations.len() >= 5, "{organisations:?}");
    for uri in campaigns
        .iter()
        .map(|id| format!("/api/campaigns/{id}"))
        .chain(
            organisations
                .iter()
                .map(|id| format!("/api/organisations/{id}")),
        )
    {
        let a = answer(&state, &uri).await;
        out.push((uri, a));
    }
    out
}

/// Crawls the fixture into `index` from `site`, `concurrency` requests in flight.
fn crawl(index: &Path, site: &str, concurrency: usize) {
    json_of(inspraak(index).args([
        "crawl",
        "--json",
        "--rate",
        "1000",
        "--concurrency",
        &concurrency.to_string(),
        "--site",
        site,
        "--consultation",
        SLUG,
    ]));
}

fn reindex(index: &Path) {
    json_of(inspraak(index).args(["reindex", "--json"]));
}

/// The first answer that differs, shown whole, or nothing.
fn first_difference(a: &[(String, String)], b: &[(String, String)]) -> Option<String> {
    assert_eq!(a.len(), b.len(), "the same questions");
    a.iter().zip(b).find_map(|((ua, xa), (ub, xb))| {
        assert_eq!(ua, ub);
        (xa != xb).then(|| format!("{ua}\n--- one build:\n{xa}\n--- another:\n{xb}"))
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn the_same_archive_answers_alike_however_it_was_built() {
    let mut site = ties::site();
    // Responses answer after different delays, so that with eight in flight they arrive in
    // another order than the listing's.
    for i in 0..70 {
        let delay = Duration::from_millis(((i * 37) % 11 * 9) as u64);
        site.faults.insert(
            format!("/{SLUG}/reactie/{}", ties::uuid(i)),
            [Fault::Slow(delay)].into(),
        );
    }
    let server = Server::start(site);
    let dir = tempfile::tempdir().unwrap();
    let crawled = dir.path().join("crawled");
    let dirs: Vec<PathBuf> = (0..2)
        .map(|i| dir.path().join(format!("reindexed{i}")))
        .collect();
    let url = server.url();
    let c = crawled.clone();
    tokio::task::spawn_blocking(move || crawl(&c, &url, 8))
        .await
        .unwrap();
    for d in &dirs {
        copy_dir(&crawled, d);
        let d = d.clone();
        tokio::task::spawn_blocking(move || reindex(&d))
            .await
            .unwrap();
    }
    let first = answers(&crawled).await;
    for d in &dirs {
        let other = answers(d).await;
        if let Some(diff) = first_difference(&first, &other) {
            panic!("{diff}");
        }
    }
    // Within one build, the same question asked twice gets the same answer (no cache in the
    // way: a fresh state each time).
    assert!(first_difference(&first, &answers(&crawled).await).is_none());

    // Every quote's count is the number of responses that hold its words in this order, in
    // an answer or in the attachment, counted from the fixture's own texts; and a search for
    // each sentence the fixture says responses share finds every one of them.
    let state = AppState::open(&crawled).unwrap();
    let truth = ties::texts();
    let holders = |quote: &str| -> Vec<String> {
        let q = words(quote);
        let mut ids: Vec<String> = truth
            .iter()
            .filter(|(_, parts)| parts.iter().any(|p| contains(&words(p), &q)))
            .map(|(id, _)| id.clone())
            .collect();
        ids.sort();
        ids
    };
    let mut checked = 0;
    let shared = ties::SHARED.iter().map(|(s, _)| format!("\"{s}\""));
    for q in ties::QUERIES.iter().map(|q| q.to_string()).chain(shared) {
        let v: serde_json::Value = serde_json::from_str(
            &answer(&state, &format!("/api/quotes?q={}&limit=50", encode(&q))).await,
        )
        .unwrap();
        for quote in v["quotes"].as_array().unwrap() {
            let text = quote["text"].as_str().unwrap();
            let mut ids: Vec<String> = quote["response_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
                .collect();
            ids.sort();
            assert_eq!(ids, holders(text), "{q}: {text}");
            // A passage of the consultation's own document counts that document too.
            if quote["citation"]["response_id"].is_string() {
                assert_eq!(quote["count"], ids.len() as u64, "{q}: {text}");
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} quotes checked");
    for (sentence, expected) in ties::SHARED {
        assert_eq!(
            holders(sentence).len(),
            *expected,
            "the fixture's own count"
        );
        let q = encode(&format!("\"{sentence}\""));
        let v: serde_json::Value =
            serde_json::from_str(&answer(&state, &format!("/api/search?q={q}&limit=100")).await)
                .unwrap();
        let mut found: Vec<&str> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|h| h["response_id"].as_str())
            .collect();
        found.sort();
        found.dedup();
        assert_eq!(found, holders(sentence), "{sentence}");
    }
}

/// The words of a text, lowercased, without punctuation: what "the same words in this order"
/// compares.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn contains(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "multi_thread")]
async fn ids_do_not_depend_on_the_host_crawled() {
    let server = Server::start(ties::site());
    let port = server.addr.port();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let (ua, ub) = (
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
    );
    let (a2, b2, ua2, ub2) = (a.clone(), b.clone(), ua.clone(), ub.clone());
    tokio::task::spawn_blocking(move || {
        crawl(&a2, &ua2, 8);
        crawl(&b2, &ub2, 1);
    })
    .await
    .unwrap();
    let one = answers(&a).await;
    // The other host's answers with its addresses written as the first host's: everything
    // else, ids of documents, campaigns and organisations included, is the same.
    let other: Vec<(String, String)> = answers(&b)
        .await
        .into_iter()
        .map(|(u, x)| (u, x.replace(&ub, &ua)))
        .collect();
    if let Some(diff) = first_difference(&one, &other) {
        panic!("{diff}");
    }
}
