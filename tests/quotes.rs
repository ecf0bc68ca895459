//! Quotes end to end: passages are exact slices of their documents, a quote on page N of a PDF
//! cites page N, a passage shared by a campaign collapses into one quote with its count, and
//! every output format carries the citation.

use crate::support::inspraak;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::support::fixture::*;
use crate::support::server::{FixtureSite, Server};
use crate::support::site::{FixtureConsultation, FixtureResponse};
use serde_json::Value;

const CAMPAIGN: &str = "Deze wet maakt sekswerk onveiliger en duwt mensen de illegaliteit in. Sekswerkers verdienen rechten, geen registratieplicht.";

struct Crawled {
    _servers: Vec<Server>,
    _dir: tempfile::TempDir,
    index: PathBuf,
}

fn campaign_site() -> FixtureSite {
    let mut responses: Vec<FixtureResponse> = (0..6)
        .map(|i| FixtureResponse {
            uuid: format!("11111111-0000-4000-8000-{i:012}"),
            name: format!("Campagnevoerder {i}"),
            place: "Arnhem".into(),
            date: format!("{} november 2025", i + 1),
            time: "09:00".into(),
            answers: vec![(
                "Vraag1".into(),
                if i < 4 {
                    CAMPAIGN.to_string()
                } else {
                    format!("Ik schrijf in eigen woorden, nummer {i}. Het voorstel gaat te ver.")
                },
            )],
            attachment: None,
        })
        .collect();
    // The campaign once more, in a PDF attachment: its own line breaks (one after the first
    // sentence, which ends the passage there) and a bullet.
    responses.push(FixtureResponse {
        uuid: "11111111-0000-4000-8000-000000000006".into(),
        name: "Campagnevoerder 6".into(),
        place: "Arnhem".into(),
        date: "7 november 2025".into(),
        time: "09:00".into(),
        answers: vec![("Vraag1".into(), "Zie bijlage.".into())],
        attachment: Some(66),
    });
    let mut site = FixtureSite {
        consultations: vec![FixtureConsultation {
            slug: "campagnewet".into(),
            title: "Wet campagne".into(),
            summary: vec!["Een consultatie met een campagne.".into()],
            start: "01-11-2025".into(),
            end: "30-11-2025".into(),
            status: "Actief".into(),
            ministry: "Ministerie van Testzaken".into(),
            documents: vec![],
            responses,
        }],
        robots: String::new(),
        per_page: 10,
        ..Default::default()
    };
    site.attachments.insert(
        ("campagnewet".into(), 66),
        (
            "application/pdf".into(),
            crate::support::pdf::make_pdf(&[
                "Reactie van een campagnevoerder\n- Deze wet maakt sekswerk onveiliger en\nduwt mensen de illegaliteit in.\nSekswerkers verdienen rechten,\ngeen registratieplicht.",
            ]),
        ),
    );
    site
}

/// The crawl fixture and a campaign, crawled into one index.
fn crawled() -> &'static Crawled {
    static C: OnceLock<Crawled> = OnceLock::new();
    C.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        let a = Server::start(fixture());
        let b = Server::start(campaign_site());
        for (server, slugs) in [
            (&a, vec!["testwet", "tweedewet"]),
            (&b, vec!["campagnewet"]),
        ] {
            crate::support::crawl(&index, &server.url(), &slugs);
        }
        Crawled {
            _servers: vec![a, b],
            _dir: dir,
            index,
        }
    })
}

fn quotes(index: &Path, args: &[&str], format: &str) -> String {
    let out = inspraak(index)
        .arg("quotes")
        .args(args)
        .args(["--format", format])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(index: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&quotes(index, args, "json")).unwrap()
}

#[test]
fn every_passage_is_exactly_its_documents_text_between_its_offsets() {
    let c = crawled();
    let engine = inspraak::search::Engine::open(&c.index).unwrap();
    let mut seen = 0;
    // Words most passages have: between them they reach nearly every passage of the fixture.
    for word in ["de", "het", "een", "en", "is", "van", "the", "die"] {
        let req = inspraak::SearchRequest {
            query: word.to_string(),
            limit: 200,
            ..Default::default()
        };
        let found = inspraak::quotes::search(&engine, &req, 200).unwrap();
        for q in &found.quotes {
            let doc = engine.document(&q.citation.id).unwrap().unwrap();
            // Offsets count characters, not bytes.
            let (start, end) = (q.citation.start as usize, q.citation.end as usize);
            let slice: String = doc.text.chars().skip(start).take(end - start).collect();
            assert_eq!(slice, q.text, "{}", q.citation.id);
            seen += 1;
        }
    }
    assert!(seen > 20, "{seen} quotes");
}

#[test]
fn a_quote_on_page_n_of_a_pdf_cites_page_n() {
    let c = crawled();
    let v = json(&c.index, &["kersenpitmethode"]);
    let q = &v["quotes"][0];
    assert_eq!(
        q["text"],
        "De kersenpitmethode is ongeschikt voor toezicht."
    );
    assert!(q["marked"]
        .as_str()
        .unwrap()
        .contains("<mark>kersenpitmethode</mark>"));
    let cite = &q["citation"];
    assert_eq!(cite["page"], 2);
    assert!(cite["url"]
        .as_str()
        .unwrap()
        .ends_with("/testwet/reactie/7001/bestand#page=2"));
    assert_eq!(cite["kind"], "attachment");
    assert_eq!(cite["author"], "Stichting Voorbeeld");
    assert_eq!(cite["response_id"], R_STICHTING);
    assert_eq!(q["before"], "Hoofdstuk 2");
}

#[test]
fn a_campaign_sentence_is_one_quote_with_its_count() {
    let c = crawled();
    let v = json(
        &c.index,
        &["registratieplicht", "--consultation", "campagnewet"],
    );
    // Four responses have it in their answers and a fifth in its PDF attachment, cut into
    // passages another way by the PDF's line breaks: one quote, counted once per response.
    let quotes = v["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{v}");
    assert_eq!(quotes[0]["count"], 5, "{v}");
    let ids = quotes[0]["response_ids"].as_array().unwrap();
    assert_eq!(ids.len(), 5);
    assert!(ids
        .iter()
        .all(|id| id.as_str().unwrap().starts_with("11111111-")));
    assert!(ids.contains(&"11111111-0000-4000-8000-000000000006".into()));
    assert_eq!(v["passages"], 5, "five matching passages before collapsing");
    assert_eq!(quotes[0]["citation"]["question"], "Vraag1");
    // The answer in own words is its own quote, with its neighbour sentences as context.
    let own = json(&c.index, &["\"eigen woorden\""]);
    assert_eq!(own["quotes"].as_array().unwrap().len(), 2);
    assert_eq!(own["quotes"][0]["count"], 1);
}

/// A prefix is quoted from the words it stands for, and words near each other from passages
/// that hold them all, counted as exactly as a word is.
#[test]
fn prefixes_and_words_near_each_other_are_quoted_and_counted() {
    let c = crawled();
    let prefix = json(
        &c.index,
        &["registratieplich*", "--consultation", "campagnewet"],
    );
    let word = json(
        &c.index,
        &["registratieplicht", "--consultation", "campagnewet"],
    );
    assert_eq!(
        prefix["quotes"][0]["text"], word["quotes"][0]["text"],
        "{prefix}"
    );
    assert_eq!(prefix["quotes"][0]["count"], 5);
    assert_eq!(
        prefix["quotes"][0]["response_ids"],
        word["quotes"][0]["response_ids"]
    );
    let near = json(
        &c.index,
        &["\"rechten sekswerkers\"~3", "--consultation", "campagnewet"],
    );
    let quotes = near["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty(), "{near}");
    for q in quotes {
        let text = q["text"].as_str().unwrap().to_lowercase();
        assert!(
            text.contains("sekswerkers") && text.contains("rechten"),
            "{q}"
        );
    }
}

/// When no passage holds every part of the query but a document does (the parts are in
/// different answers), the passages with most of them are quotes that say what they lack.
#[test]
fn without_a_passage_holding_every_part_quotes_say_what_they_lack() {
    let c = crawled();
    let search = inspraak(&c.index)
        .args([
            "search",
            "perenboomtoets \"alle betrokkenen\"",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let search: Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(search["total"], 1, "one response has both, in two answers");
    let v = json(&c.index, &["perenboomtoets \"alle betrokkenen\""]);
    assert_eq!(v["partial"], true, "{v}");
    let quotes = v["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2, "{v}");
    let mut got: Vec<(String, Vec<String>)> = quotes
        .iter()
        .map(|q| {
            (
                q["text"].as_str().unwrap().to_string(),
                serde_json::from_value(q["lacks"].clone()).unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            (
                "Registratie brengt privacyrisico's mee voor alle betrokkenen.".to_string(),
                vec!["perenboomtoets".to_string()]
            ),
            (
                "Wij zijn tegen de vergunningplicht vanwege de perenboomtoets.".to_string(),
                vec!["\"alle betrokkenen\"".to_string()]
            ),
        ]
    );
    let text = quotes_text(&c.index, "perenboomtoets \"alle betrokkenen\"");
    assert!(text.starts_with("no passage holds every part of"), "{text}");
    assert!(text.contains("(lacks \"alle betrokkenen\")"), "{text}");
    // A passage holding every part is answered as before, without `lacks`.
    let whole = json(&c.index, &["perenboomtoets vergunningplicht"]);
    assert_eq!(whole["partial"], false);
    assert!(whole["quotes"][0].get("lacks").is_none(), "{whole}");
    // Words no document holds together stay "no quotes".
    let none = json(&c.index, &["perenboomtoets gooseberry"]);
    assert_eq!(none["quotes"].as_array().unwrap().len(), 0, "{none}");
    assert_eq!(none["partial"], false);
}

fn quotes_text(index: &Path, q: &str) -> String {
    quotes(index, &[q], "text")
}

#[test]
fn every_format_carries_the_citation() {
    let c = crawled();
    let args = ["perenboomtoets"];
    let text = quotes(&c.index, &args, "text");
    assert!(
        text.contains("“Wij zijn tegen de vergunningplicht vanwege de perenboomtoets.” — Stichting Voorbeeld, Amsterdam, response to the consultation ‘Wet regulering testwerk’, 2025-10-02, http"),
        "{text}"
    );
    let md = quotes(&c.index, &args, "markdown");
    assert!(
        md.starts_with("> Wij zijn tegen de vergunningplicht"),
        "{md}"
    );
    assert!(
        md.contains("> — [Stichting Voorbeeld, Amsterdam](http"),
        "{md}"
    );
    let csv = quotes(&c.index, &args, "csv");
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("text,author,place,date,"));
    assert!(lines.next().unwrap().contains("Stichting Voorbeeld"));
    let csl: Value = serde_json::from_str(&quotes(&c.index, &args, "csl-json")).unwrap();
    let item = &csl[0];
    for field in [
        "id",
        "type",
        "title",
        "author",
        "issued",
        "URL",
        "container-title",
    ] {
        assert!(
            !item[field].is_null(),
            "CSL-JSON item lacks {field}: {item}"
        );
    }
    assert_eq!(item["type"], "document");
    assert_eq!(item["author"][0]["literal"], "Stichting Voorbeeld");
    assert_eq!(
        item["issued"]["date-parts"][0],
        serde_json::json!([2025, 10, 2])
    );
    // The API gives the same quotes.
    let out = inspraak(&c.index)
        .args(["quotes", "perenboomtoets", "--format", "json"])
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let api: Value = rt.block_on(async {
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let state = inspraak::server::AppState::open(&c.index).unwrap();
        let resp = inspraak::server::app(state.clone())
            .oneshot(
                axum::http::Request::get("/api/quotes?q=perenboomtoets")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let body = resp.into_body().collect().await.unwrap().to_bytes();
        let bad = inspraak::server::app(state)
            .oneshot(
                axum::http::Request::get("/api/quotes?q=a&format=bibtex")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(bad.status(), 400);
        serde_json::from_slice(&body).unwrap()
    });
    assert_eq!(api, cli);
    // Valid against the OpenAPI description.
    let spec: Value = serde_json::from_str(include_str!("../src/server/openapi.json")).unwrap();
    let schema = serde_json::json!({
        "$ref": "#/components/schemas/QuotesResponse",
        "components": spec["components"],
    });
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&api).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(spec["paths"]["/api/quotes"]["get"].is_object());
}
