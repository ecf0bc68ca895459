//! The organisation register end to end: three consultations where eight organisations respond
//! under variant names (legal form dropped, abbreviation added, "Nederland" dropped, a person
//! named beside the organisation who writes for it, one known only from its PDF letterhead),
//! two organisations with confusable names, a person who names an employer but writes for
//! themselves, and private persons who share a name across consultations.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::fixture::response;
use crate::support::organisations::{groups, pairs, site, uuid, ROWS};
use crate::support::server::Server;
use crate::support::{inspraak, json_of};
use serde_json::Value;

fn json(index: &std::path::Path, args: &[&str]) -> Value {
    json_of(inspraak(index).args(args))
}

/// Response ids (lower-case UUIDs) per expected organisation.
fn expected() -> BTreeMap<&'static str, BTreeSet<String>> {
    let mut out: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (n, (slug, _, _, _, org)) in ROWS.iter().enumerate() {
        let c = ["wetsekswerk", "wetgemeenten", "wetzorg"]
            .iter()
            .position(|s| s == slug)
            .unwrap();
        if let Some(org) = org {
            out.entry(org).or_default().insert(uuid(c, n));
        }
    }
    out
}

#[test]
fn organisations_are_grouped_across_consultations_and_persons_never_are() {
    let server = Server::start(site());
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    crate::support::crawl(
        &index,
        &server.url(),
        &["wetsekswerk", "wetgemeenten", "wetzorg"],
    );
    let register = json(&index, &["organisations", "--format", "json"]);
    let list = register.as_array().unwrap();
    // Each organisation's responses, as the register groups them.
    let found: Vec<BTreeSet<String>> = groups(&index).into_iter().map(|(_, ids)| ids).collect();
    let want = expected();
    let want_groups: Vec<&BTreeSet<String>> = want.values().collect();
    // Pairwise precision and recall: of the pairs of responses the register puts together,
    // how many belong together, and of those that belong together, how many it puts together.
    let got = pairs(found.iter());
    let truth = pairs(want_groups.iter().copied());
    let right = got.intersection(&truth).count();
    println!(
        "pairwise precision {}/{}, recall {}/{}",
        right,
        got.len(),
        right,
        truth.len()
    );
    assert_eq!(got, truth, "the register's groups are the organisations");
    assert_eq!(list.len(), want.len(), "{register}");
    // Persons are never in it: not the one who named an employer, not those sharing a name.
    let everyone: BTreeSet<String> = found.iter().flatten().cloned().collect();
    for (n, (slug, name, _, _, org)) in ROWS.iter().enumerate() {
        if org.is_none() {
            let c = ["wetsekswerk", "wetgemeenten", "wetzorg"]
                .iter()
                .position(|s| s == slug)
                .unwrap();
            assert!(!everyone.contains(&uuid(c, n)), "{name}");
        }
    }
    let names: String = register.to_string();
    assert!(
        !names.contains("Jan Jansen") && !names.contains("ING"),
        "{names}"
    );
    // The name variants, counted; the abbreviation merged into the name that declares it.
    let amnesty = list
        .iter()
        .find(|o| o["name"].as_str().unwrap().starts_with("Amnesty"))
        .unwrap();
    assert_eq!(amnesty["consultations"].as_array().unwrap().len(), 3);
    assert_eq!(
        amnesty["variants"].as_array().unwrap().len(),
        3,
        "{amnesty}"
    );
    let vng = list
        .iter()
        .find(|o| {
            o["aliases"]
                .as_array()
                .is_some_and(|a| a.contains(&"vng".into()))
        })
        .expect("VNG declares its abbreviation");
    assert_eq!(vng["responses"], 2, "{vng}");
    // The filter and the facet by register id.
    let id = vng["id"].as_str().unwrap();
    let hits = json(
        &index,
        &["search", "--organisation", id, "--format", "json"],
    );
    assert_eq!(hits["total"], 2, "{hits}");
    assert_eq!(hits["facets"]["organisation"][id], 2);
    let q = json(
        &index,
        &[
            "search",
            &format!("organisation:{id} gemeenten"),
            "--format",
            "json",
        ],
    );
    assert_eq!(q["total"], 2, "{q}");
    let all = json(
        &index,
        &["search", "--respondent", "organisation", "--format", "json"],
    );
    assert_eq!(all["facets"]["organisation"][id], 2, "{all}");
    // --min-consultations and --consultation.
    let wide = json(
        &index,
        &[
            "organisations",
            "--min-consultations",
            "3",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        wide.as_array().unwrap().len(),
        1,
        "only Amnesty responded to all three"
    );
    let zorg = json(
        &index,
        &[
            "organisations",
            "--consultation",
            "wetzorg",
            "--format",
            "json",
        ],
    );
    assert_eq!(zorg.as_array().unwrap().len(), 5, "{zorg}");

    // Who took the same line: for Amnesty's response on sex work, the other organisations'
    // responses to that consultation, closest first; never Amnesty itself, never a person.
    let detail = json(
        &index,
        &[
            "organisations",
            "--id",
            amnesty["id"].as_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let on_sex_work = detail["responses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["consultation"] == "wetsekswerk")
        .unwrap();
    let same: Vec<&Value> = on_sex_work["same_line"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert!(!same.is_empty(), "{on_sex_work}");
    let ids: BTreeSet<&str> = list.iter().map(|o| o["id"].as_str().unwrap()).collect();
    for s in &same {
        assert_ne!(s["organisation"], amnesty["id"]);
        assert!(ids.contains(s["organisation"].as_str().unwrap()), "{s}");
    }
    // Newest first.
    let dates: Vec<&str> = detail["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // Every hit of an organisation names it, by the register's id.
    let hit = json(
        &index,
        &[
            "search",
            "gemeenten",
            "--organisation",
            id,
            "--format",
            "json",
        ],
    );
    assert!(
        hit["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["organisation"] == id),
        "{hit}"
    );

    // Ids stay the same across an update that adds an organisation's response.
    {
        let mut s = server.site.lock().unwrap();
        s.consultations[2].responses.push(response(
            &uuid(2, 99),
            "VNG",
            "Utrecht",
            "30 oktober 2025",
            &[(
                "Vraag1",
                "Onze leden, de gemeenten, vragen om duidelijkheid over de zorg.",
            )],
            None,
        ));
    }
    json(&index, &["update", "--json", "--rate", "100"]);
    let after = json(&index, &["organisations", "--format", "json"]);
    let before_ids: BTreeSet<&str> = list.iter().map(|o| o["id"].as_str().unwrap()).collect();
    let after_ids: BTreeSet<&str> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(before_ids, after_ids);
    let vng_after = after
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap();
    assert_eq!(vng_after["responses"], 3, "{vng_after}");
    assert_eq!(vng_after["consultations"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn the_api_answers_the_register_and_one_organisation() {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use http_body_util::BodyExt;
    use inspraak::server::{app, AppState};
    use tower::ServiceExt;

    let server = Server::start(site());
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    crate::support::crawl(
        &index,
        &server.url(),
        &["wetsekswerk", "wetgemeenten", "wetzorg"],
    );
    let state = AppState::open(&index).unwrap();
    let get = |uri: String| {
        let state = state.clone();
        async move {
            let resp = app(state)
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = resp.status();
            let body = resp.into_body().collect().await.unwrap().to_bytes();
            (status, serde_json::from_slice::<Value>(&body).unwrap())
        }
    };
    let (status, list) = get("/api/organisations".into()).await;
    assert_eq!(status, StatusCode::OK);
    // The API's register is the command line's.
    assert_eq!(list, json(&index, &["organisations", "--format", "json"]));
    assert_eq!(list.as_array().unwrap().len(), 8);
    let id = list[0]["id"].as_str().unwrap();
    let (status, one) = get(format!("/api/organisations/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["organisation"], list[0]);
    assert_eq!(
        one["responses"].as_array().unwrap().len() as u64,
        list[0]["responses"].as_u64().unwrap()
    );
    let (status, _) = get("/api/organisations/o-000000000000".into()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, wide) = get("/api/organisations?min_consultations=3".into()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(wide.as_array().unwrap().len(), 1);
    let (status, e) = get("/api/organisations?min_consultations=0".into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{e}");
    let (status, hits) = get(format!("/api/search?organisation={id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(hits["total"].as_u64().unwrap() >= list[0]["responses"].as_u64().unwrap());
    assert!(hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["organisation"] == id));
}
