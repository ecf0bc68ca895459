//! The JSON API through its router (`app(state).oneshot(...)`): every endpoint, every kind of
//! bad input, the OpenAPI description checked against real answers, streaming export, CORS, and
//! new documents showing up after a commit without a restart.

mod support;

use support::inspraak;

use std::path::PathBuf;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use inspraak::server::{app, AppState};
use serde_json::Value;
use support::fixture::*;
use support::server::Server;
use tower::ServiceExt;

struct Fixture {
    server: Server,
    _dir: tempfile::TempDir,
    index: PathBuf,
}

/// The fixture site of `tests/crawl.rs`, crawled once.
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let server = Server::start(support::fixture::fixture());
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        support::crawl(&index, &server.url(), &["testwet", "tweedewet"]);
        Fixture {
            server,
            _dir: dir,
            index,
        }
    })
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let resp = app(state.clone(), None)
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, headers, body)
}

async fn get_json(state: &AppState, uri: &str) -> (StatusCode, Value) {
    let (status, headers, body) = get(state, uri).await;
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{uri}"
    );
    (status, serde_json::from_slice(&body).unwrap())
}

fn state() -> AppState {
    AppState::open(&fixture().index).unwrap()
}

/// A validator for one schema of the OpenAPI description.
fn schema(name: &str) -> jsonschema::Validator {
    let spec: Value = serde_json::from_str(include_str!("../src/server/openapi.json")).unwrap();
    let root = serde_json::json!({
        "$ref": format!("#/components/schemas/{name}"),
        "components": spec["components"],
    });
    jsonschema::validator_for(&root).unwrap()
}

fn assert_valid(name: &str, v: &Value) {
    let validator = schema(name);
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{v}");
}

#[tokio::test]
async fn search_gives_the_same_json_as_the_cli() {
    let s = state();
    let (status, api) = get_json(
        &s,
        "/api/search?q=vergunningplicht&limit=2&offset=1&sort=relevance",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_valid("SearchResponse", &api);
    let out = inspraak(&fixture().index)
        .args([
            "search",
            "vergunningplicht",
            "--limit",
            "2",
            "--offset",
            "1",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let mut cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut api = api;
    api.as_object_mut().unwrap().remove("took_ms");
    cli.as_object_mut().unwrap().remove("took_ms");
    assert_eq!(api, cli);
    assert_eq!(api["total"], 3);
    assert_eq!(api["hits"].as_array().unwrap().len(), 2);
    assert!(api["facets"]["date"].as_object().unwrap().len() >= 2);
    // Filters, as on the command line.
    let (_, v) = get_json(
        &s,
        "/api/search?q=plicht&since=2025-10-05&until=2025-10-05&kind=response&lang=nl",
    )
    .await;
    assert_eq!(v["hits"][0]["response_id"], R_LEDEN);
    assert_eq!(v["total"], 1);
}

#[tokio::test]
async fn a_document_whole_with_its_attachment_or_its_response() {
    let s = state();
    let (status, r) = get_json(&s, &format!("/api/doc/r-{R_STICHTING}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_valid("Document", &r);
    let questions: Vec<&str> = r["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["heading"].as_str().unwrap())
        .collect();
    assert_eq!(
        questions,
        [
            "Wat vindt u van de vergunningplicht?",
            "Wat vindt u van de registratie?",
            "Overige opmerkingen"
        ]
    );
    assert_eq!(r["author"], "Stichting Voorbeeld");
    assert_eq!(r["related"][0]["id"], format!("a-{R_STICHTING}"));
    assert_eq!(r["related"][0]["pages"], 2);
    let (_, a) = get_json(&s, &format!("/api/doc/a-{R_STICHTING}")).await;
    assert_valid("Document", &a);
    assert_eq!(a["pages"], 2);
    assert_eq!(a["sections"][1]["page"], 2);
    assert!(a["sections"][1]["text"]
        .as_str()
        .unwrap()
        .contains("kersenpitmethode"));
    assert_eq!(a["related"][0]["id"], format!("r-{R_STICHTING}"));
    let (status, e) = get_json(&s, "/api/doc/r-00000000-0000-0000-0000-000000000000").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_valid("Error", &e);
}

#[tokio::test]
async fn consultations_stats_health_and_the_openapi_description() {
    let s = state();
    let (status, list) = get_json(&s, "/api/consultations").await;
    assert_eq!(status, StatusCode::OK);
    for c in list.as_array().unwrap() {
        assert_valid("Consultation", c);
    }
    let testwet = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "testwet")
        .unwrap();
    assert_eq!(testwet["title"], "Wet regulering testwerk");
    assert_eq!(testwet["status"], "Gesloten");
    assert_eq!(testwet["start"], "2025-09-01");
    assert_eq!(testwet["end"], "2025-10-15");
    assert_eq!(testwet["ministry"], "Ministerie van Justitie en Veiligheid");
    assert_eq!(testwet["responses"], 7);
    assert_eq!(testwet["responses_without_text"], 0);
    assert_eq!(testwet["announced"], 9);
    assert_eq!(testwet["attachments"], 1);
    assert_eq!(testwet["documents"], 1);
    let (status, stats) = get_json(&s, "/api/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert_valid("Stats", &stats);
    // Nine announced: seven indexed, and the two missing named with their reasons (a page
    // that is not a response, and one robots.txt disallows, so never archived).
    let r = &stats["consultations"]["testwet"]["responses"];
    assert_eq!(
        (
            &r["announced"],
            &r["archived"],
            &r["indexed"],
            &r["withdrawn"]
        ),
        (&9.into(), &8.into(), &7.into(), &0.into()),
        "{r}"
    );
    let mut missing: Vec<String> = r["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["reason"].as_str().unwrap().to_string())
        .collect();
    missing.sort();
    assert_eq!(missing.len(), 2, "{r}");
    assert!(
        missing[0].starts_with("disallowed by robots.txt"),
        "{missing:?}"
    );
    assert!(missing[1].starts_with("page does not parse"), "{missing:?}");
    // Filter-only listings of the responses without text (none here) are answers, not errors.
    let (status, v) = get_json(&s, "/api/search?empty=only").await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_valid("SearchResponse", &v);
    assert_eq!(v["total"], 0);
    let (status, v) = get_json(&s, "/api/search?q=vergunningplicht&empty=exclude").await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert!(v["total"].as_u64().unwrap() > 0);
    let (status, health) = get_json(&s, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_valid("Health", &health);
    let (status, spec) = get_json(&s, "/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(spec["openapi"], "3.1.0");
    for path in [
        "/api/search",
        "/api/doc/{id}",
        "/api/consultations",
        "/api/stats",
        "/api/export",
        "/healthz",
        "/openapi.json",
    ] {
        assert!(spec["paths"][path]["get"].is_object(), "{path} described");
    }
    // The page and its assets.
    for (uri, ct) in [
        ("/", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/style.css", "text/css"),
    ] {
        let (status, headers, body) = get(&s, uri).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with(ct));
        assert!(!body.is_empty());
    }
}

#[tokio::test]
async fn bad_input_is_a_400_with_a_json_error_never_a_500() {
    let s = state();
    let long = format!("/api/search?q={}", "a".repeat(3000));
    let cases: Vec<(&str, &str)> = vec![
        ("/api/search", "q is required"),
        ("/api/search?q=", "q is required"),
        ("/api/search?q=%22open", "quote"),
        ("/api/search?q=(a", "("),
        ("/api/search?q=foo:bar", "unknown field"),
        ("/api/search?q=a&lang=xx", "unknown language"),
        ("/api/search?q=a&kind=letter", "unknown kind"),
        ("/api/search?q=a&since=yesterday", "not a date"),
        ("/api/search?q=a&until=2025-13-01", "not a date"),
        ("/api/search?q=a&since=2025-10-02&until=2025-10-01", "after"),
        ("/api/search?q=a&limit=1001", "at most 1000"),
        ("/api/search?q=a&limit=ten", "not a whole number"),
        ("/api/search?q=a&offset=-1", "0 or more"),
        (
            "/api/search?q=a&offset=99999999999999999999",
            "not a whole number",
        ),
        ("/api/search?q=a&sort=random", "unknown sort"),
        (
            "/api/search?q=a&empty=sometimes",
            "not include, exclude or only",
        ),
        ("/api/search?q=a&colour=red", "unknown parameter"),
        ("/api/search?q=%FF%FE", "the query"),
        ("/api/export?q=a&format=xml", "unknown format"),
        ("/api/export?q=%22", "quote"),
        (long.as_str(), "2,000"),
    ];
    for (uri, expect) in cases {
        let (status, v) = get_json(&s, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {v}");
        assert_valid("Error", &v);
        let msg = v["error"].as_str().unwrap();
        assert!(msg.contains(expect) && !msg.contains('\n'), "{uri}: {msg}");
    }
    let (status, _) = get_json(&s, &format!("/api/doc/{}", "x".repeat(300))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = get_json(&s, "/nothing/here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A body on a GET beyond the limit, and a method the API does not have.
    let big = app(s.clone(), None)
        .oneshot(
            Request::get("/api/search?q=a")
                .header(header::CONTENT_LENGTH, "1000000")
                .body(Body::from(vec![b'x'; 1_000_000]))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let post = app(s.clone(), None)
        .oneshot(
            Request::post("/api/search?q=a")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn export_streams_every_match_with_its_text_like_the_cli() {
    let s = state();
    let (status, headers, body) = get(&s, "/api/export?q=plicht").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/x-ndjson");
    let lines: Vec<Value> = String::from_utf8(body.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (_, total) = get_json(&s, "/api/search?q=plicht&limit=0").await;
    assert_eq!(lines.len() as u64, total["total"].as_u64().unwrap());
    for l in &lines {
        assert_valid("Document", l);
        assert!(!l["text"].as_str().unwrap().is_empty());
    }
    let cli = inspraak(&fixture().index)
        .args(["export", "plicht"])
        .output()
        .unwrap();
    assert_eq!(
        cli.stdout, body,
        "the CLI and the API export the same bytes"
    );
    let (status, headers, csv) = get(&s, "/api/export?q=plicht&format=csv&kind=response").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("id,kind,response_id,"));
    assert!(csv.contains("Twee jaar geleden"));
}

#[tokio::test]
async fn cors_only_when_asked() {
    let s = state();
    let req = || {
        Request::get("/api/search?q=plicht")
            .header(header::ORIGIN, "https://example.org")
            .body(Body::empty())
            .unwrap()
    };
    let plain = app(s.clone(), None).oneshot(req()).await.unwrap();
    assert!(plain
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
    let cors = app(s.clone(), Some("https://example.org".parse().unwrap()))
        .oneshot(req())
        .await
        .unwrap();
    assert_eq!(
        cors.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://example.org"
    );
}

#[tokio::test]
async fn new_documents_appear_after_a_commit_without_a_restart() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    support::crawl(&index, &f.server.url(), &["tweedewet"]);
    let s = AppState::open(&index).unwrap();
    let (_, v) = get_json(&s, "/api/search?q=appelflapregeling").await;
    assert_eq!(v["total"], 0);
    // Another process crawls more into the same index while the server runs.
    support::crawl(&index, &f.server.url(), &["testwet"]);
    let mut found = 0;
    for _ in 0..100 {
        let (_, v) = get_json(&s, "/api/search?q=appelflapregeling").await;
        found = v["total"].as_u64().unwrap();
        if found == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(found, 1, "the running server sees the new commit");
}
