//! A server the public reaches (`serve --public`), over the held-out fixture `support::ties`:
//! no private person's name appears in any answer (the page, the API, the feed, exports,
//! quotes and their citations in every format, campaigns, organisations, every document
//! whole), their responses are "an individual" with date, consultation and link, `author:`
//! and name searches reach no private person; organisations and anonymous respondents are
//! shown as before. Clients are rate limited with 429 and Retry-After, and every answer has
//! the security headers.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::OnceLock;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Request, StatusCode};
use inspraak::server::{app, AppState, ServeOptions};
use serde_json::Value;
use tower::ServiceExt;

use crate::support::ties::{self, SLUG};
use crate::support::Crawled;

fn crawled() -> &'static Crawled {
    static C: OnceLock<Crawled> = OnceLock::new();
    C.get_or_init(|| Crawled::new(ties::site(), &[SLUG]))
}

fn public(index: &Path) -> AppState {
    AppState::with_options(
        index,
        ServeOptions {
            public: true,
            ..ServeOptions::default()
        },
    )
    .unwrap()
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, HeaderMap, String) {
    let (status, headers, body) = crate::support::api::get(state, uri).await;
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

async fn json(state: &AppState, uri: &str) -> Value {
    let (status, _, body) = get(state, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    serde_json::from_str(&body).unwrap()
}

fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The text of an answer as a reader sees it: entities decoded, JSON's escaped line breaks and
/// all white space as one space, lower case.
fn readable(body: &str) -> String {
    let decoded = body
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("\\n", " ");
    decoded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The private persons' names found in `body`.
fn names_in(body: &str) -> Vec<String> {
    let text = readable(body);
    ties::individuals()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| text.contains(&name.to_lowercase()))
        .collect()
}

#[tokio::test]
async fn no_private_persons_name_in_any_answer() {
    let c = crawled();
    let s = public(&c.index);
    let mut uris: Vec<String> = vec![
        "/".into(),
        "/api/consultations".into(),
        "/api/stats".into(),
        "/api/status".into(),
        "/api/campaigns?min_size=2".into(),
        "/api/organisations".into(),
        format!("/api/search?consultation={SLUG}&limit=100"),
        format!("/api/search?consultation={SLUG}&limit=100&collapse=true"),
        format!("/api/search?respondent=individual&limit=100"),
        format!("/api/export?consultation={SLUG}"),
        format!("/api/export?consultation={SLUG}&format=csv"),
        format!("/api/feed?consultation={SLUG}&limit=100"),
        // What sets persons' responses apart: a surname counted in three of them, an e-mail
        // address's parts, an example sentence that names its writer.
        "/api/terms?respondent=individual&limit=500".into(),
        "/api/terms?respondent=individual&limit=500&campaigns=each".into(),
        "/api/terms?respondent=individual&against=respondent%3Aorganisation&limit=500".into(),
        format!("/api/terms?consultation={SLUG}&against=*&limit=500"),
        format!("/api/timeline?consultation={SLUG}&by=week"),
    ];
    // Words that stand in the private persons' own texts, beside their names.
    let words = [
        "groet",
        "Zwolle",
        "Breda",
        "Ede",
        "Alkmaar",
        "zus",
        "standaardtekst",
        "kosteloos",
        "bijlage",
        "gezinnen",
    ];
    for q in ties::QUERIES.iter().copied().chain(words) {
        // Queries that name a person echo that name (the answer says what was asked): they
        // are checked below for what they find instead.
        if !names_in(q).is_empty() {
            continue;
        }
        let q = encode(q);
        uris.push(format!("/api/search?q={q}&limit=100"));
        uris.push(format!("/api/feed?q={q}"));
        uris.push(format!("/api/terms?q={q}&limit=100"));
        for format in ["json", "text", "markdown", "csv", "csl-json"] {
            uris.push(format!("/api/quotes?q={q}&limit=50&format={format}"));
        }
    }
    let mut bodies: Vec<(String, String)> = Vec::new();
    for uri in &uris {
        let (status, _, body) = get(&s, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        bodies.push((uri.clone(), body));
    }
    // Every document whole, every campaign and every organisation.
    let export = &bodies
        .iter()
        .find(|(u, _)| u.ends_with(&format!("/api/export?consultation={SLUG}")))
        .unwrap()
        .1;
    let docs: Vec<Value> = export
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(docs.len() > 70, "{} documents", docs.len());
    let mut more: Vec<String> = docs
        .iter()
        .map(|d| format!("/api/doc/{}", d["id"].as_str().unwrap()))
        .collect();
    for (list, path) in [
        ("/api/campaigns?min_size=2", "/api/campaigns/"),
        ("/api/organisations", "/api/organisations/"),
    ] {
        let v = json(&s, list).await;
        let ids: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        assert!(!ids.is_empty(), "{list}");
        more.extend(ids.iter().map(|id| format!("{path}{id}")));
    }
    for uri in &more {
        let (status, _, body) = get(&s, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        bodies.push((uri.clone(), body));
    }
    for (uri, body) in &bodies {
        let found = names_in(body);
        assert!(found.is_empty(), "{uri} names {found:?}:\n{body}");
    }
    // A private person's response is "an individual", with its date, consultation and link.
    let individual = docs
        .iter()
        .find(|d| d["respondent"] == "individual" && d["kind"] == "response")
        .unwrap();
    assert_eq!(individual["author"], inspraak::search::AN_INDIVIDUAL);
    assert!(individual["place"].is_null(), "{individual}");
    assert!(individual["date"].is_string());
    assert_eq!(individual["consultation"], SLUG);
    assert!(individual["url"].as_str().unwrap().contains("/reactie/"));
    // Organisations and anonymous respondents as they are.
    let orgs: Vec<&Value> = docs
        .iter()
        .filter(|d| d["respondent"] == "organisation" && d["kind"] == "response")
        .collect();
    assert!(orgs
        .iter()
        .any(|d| d["author"] == "Gemeente Oldambt" && d["place"] == "Winschoten"));
    assert!(docs
        .iter()
        .any(|d| d["respondent"] == "anonymous" && d["author"] == "Anoniem"));
    // The same server without --public shows them: the check above can fail.
    let open = AppState::open(&c.index).unwrap();
    let (_, _, body) = get(&open, &format!("/api/export?consultation={SLUG}")).await;
    assert!(names_in(&body).len() > 40, "{:?}", names_in(&body));
}

#[tokio::test]
async fn names_and_authors_reach_no_private_person() {
    let c = crawled();
    let (s, open) = (public(&c.index), AppState::open(&c.index).unwrap());
    let total = |v: &Value| v["total"].as_u64().unwrap();
    let people = ties::individuals();
    let mut asked = 0;
    for (name, place) in &people {
        for q in [
            format!("author:\"{name}\""),
            format!("\"{name}\""),
            name.clone(),
            format!("place:\"{place}\" author:\"{name}\""),
        ] {
            let uri = format!("/api/search?q={}&limit=100", encode(&q));
            let v = json(&s, &uri).await;
            for h in v["hits"].as_array().unwrap() {
                assert_ne!(h["respondent"], "individual", "{q}: {h}");
            }
            asked += 1;
        }
        // Without --public a name finds its person (the fixture's own responses).
        let uri = format!("/api/search?q={}", encode(&format!("author:\"{name}\"")));
        assert!(total(&json(&open, &uri).await) > 0, "{name}");
    }
    assert!(asked > 200);
    // A place alone reaches organisations, not people.
    let v = json(&s, "/api/search?q=place:Zwolle").await;
    assert_eq!(total(&v), 0, "{v}");
    // Organisations are found by name and place as before.
    for q in [
        "author:\"Gemeente Oldambt\"",
        "author:BOLV",
        "place:Winschoten",
    ] {
        let uri = format!("/api/search?q={}", encode(q));
        let (p, o) = (json(&s, &uri).await, json(&open, &uri).await);
        assert!(total(&p) > 0, "{q}");
        assert_eq!(total(&p), total(&o), "{q}");
    }
    // Words a person wrote still find their response: only their name is withheld.
    let v = json(&s, "/api/search?q=epilepsie").await;
    assert_eq!(total(&v), 1);
    assert_eq!(v["hits"][0]["author"], inspraak::search::AN_INDIVIDUAL);
    // A quote whose words were all in a withheld name is no quote ("Gerda Post, Zwolle").
    let v = json(&s, "/api/quotes?q=Zwolle").await;
    let quotes = v["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{v}");
    assert!(quotes[0]["text"].as_str().unwrap().contains("in Zwolle"));
    // A quote's citation in every form says "an individual".
    let v = json(&s, "/api/quotes?q=epilepsie").await;
    let cite = &v["quotes"][0]["cite"];
    assert!(
        cite["text"].as_str().unwrap().contains("an individual"),
        "{cite}"
    );
    assert_eq!(cite["csl"]["author"][0]["literal"], "an individual");
}

async fn with_client(
    state: &AppState,
    uri: &str,
    client: &str,
    forwarded: Option<&str>,
) -> (StatusCode, HeaderMap) {
    let mut req = Request::get(uri).body(Body::empty()).unwrap();
    let peer: SocketAddr = format!("{client}:40000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(peer));
    if let Some(f) = forwarded {
        req.headers_mut()
            .insert("x-forwarded-for", f.parse().unwrap());
    }
    let resp = app(state.clone()).oneshot(req).await.unwrap();
    (resp.status(), resp.headers().clone())
}

#[tokio::test]
async fn each_client_is_rate_limited_with_retry_after() {
    let c = crawled();
    let limited = |trust_proxy| {
        AppState::with_options(
            &c.index,
            ServeOptions {
                public: true,
                rate_limit: Some(1.0),
                trust_proxy,
                ..ServeOptions::default()
            },
        )
        .unwrap()
    };
    let s = limited(false);
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(with_client(&s, "/api/search?q=vervoer", "192.0.2.1", None).await);
    }
    let ok = statuses
        .iter()
        .filter(|(st, _)| *st == StatusCode::OK)
        .count();
    assert_eq!(ok, 3, "a burst of three seconds' worth passes");
    let (status, headers) = statuses.last().unwrap();
    assert_eq!(*status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&wait), "{wait}");
    // Another client is not held back, and health checks are not counted.
    let (status, _) = with_client(&s, "/api/search?q=vervoer", "192.0.2.2", None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = with_client(&s, "/healthz", "192.0.2.1", None).await;
    assert_eq!(status, StatusCode::OK);
    // Without --trust-proxy, X-Forwarded-For names nobody: the peer is still limited.
    let (status, _) = with_client(
        &s,
        "/api/search?q=vervoer",
        "192.0.2.1",
        Some("198.51.100.1"),
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Behind a trusted proxy, each forwarded client has its own allowance.
    let s = limited(true);
    let proxy = "127.0.0.1";
    for _ in 0..3 {
        let (status, _) =
            with_client(&s, "/api/search?q=vervoer", proxy, Some("198.51.100.1")).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, _) = with_client(&s, "/api/search?q=vervoer", proxy, Some("198.51.100.1")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let (status, _) = with_client(
        &s,
        "/api/search?q=vervoer",
        proxy,
        Some("203.0.113.5, 198.51.100.2"),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the address the proxy appended counts"
    );
}

#[tokio::test]
async fn every_answer_has_the_security_headers() {
    let c = crawled();
    let s = public(&c.index);
    for uri in [
        "/",
        "/assets/app.js",
        "/api/search?q=vervoer",
        "/api/feed?q=vervoer",
        "/api/export?q=vervoer&format=csv",
        "/api/search?limit=-1",
        "/nothing/here",
    ] {
        let (_, h, _) = get(&s, uri).await;
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{uri}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(h[header::REFERRER_POLICY], "no-referrer", "{uri}");
    }
}
