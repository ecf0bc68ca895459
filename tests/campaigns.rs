//! Campaigns and respondents end to end on the fixture of `crate::support::campaigns` (a template and
//! edited copies, a translation, a letter in two attachments, organisations): crawled, then
//! asked through `campaigns`, `search` and the API; then one more copy arrives and `update` must
//! keep the campaign's id and read only the new response.

use crate::support::campaigns::*;
use crate::support::server::Server;
use crate::support::{inspraak, json_of};
use serde_json::Value;

fn json(index: &std::path::Path, args: &[&str]) -> Value {
    json_of(inspraak(index).args(args))
}

fn ids(list: &Value, key: &str) -> Vec<String> {
    let mut v: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x[key].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn templates_cluster_translations_do_not_and_organisations_are_told_apart() {
    let server = Server::start(site());
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let summary = crate::support::crawl(&index, &server.url(), &[SLUG]);
    let c = &summary["index"]["campaigns"];
    assert_eq!(c["campaigns"], 2, "{c}");
    assert_eq!(c["members"], 6, "{c}");
    assert_eq!(c["sketched"], 10, "{c}");
    assert_eq!(
        summary["index"]["by_respondent"],
        serde_json::json!({"anonymous": 2, "individual": 5, "organisation": 3})
    );

    // The campaigns, largest first: the template with its three edited copies, and the letter.
    let list = json(&index, &["campaigns", "--format", "json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2, "{list:?}");
    let template = &list[0];
    assert_eq!(template["size"], 4);
    assert_eq!(template["consultation"], SLUG);
    assert_eq!(template["first"], "2025-10-01");
    assert_eq!(template["last"], "2025-10-03");
    assert_eq!(template["langs"], serde_json::json!({"nl": 4}));
    assert_eq!(
        template["timeline"],
        serde_json::json!({"2025-10-01": 1, "2025-10-02": 1, "2025-10-03": 2})
    );
    // Named after its first response, represented by its most central one.
    let id = template["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("c-") && id.len() == 14, "{id}");
    assert_eq!(template["representative"], r(0));
    assert!(template["start"]
        .as_str()
        .unwrap()
        .starts_with("Ik wil mijn zorgen"));
    let letter = &list[1];
    assert_eq!(letter["size"], 2);
    assert_eq!(
        letter["respondents"],
        serde_json::json!({"anonymous": 1, "organisation": 1})
    );
    // --min-size and the other formats.
    let big = json(
        &index,
        &["campaigns", "--min-size", "3", "--format", "json"],
    );
    assert_eq!(ids(&big, "id"), std::slice::from_ref(&id));
    let csv = inspraak(&index)
        .args(["campaigns", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("id,consultation,size,first,last,"), "{csv}");
    assert!(
        csv.contains(&format!("{id},{SLUG},4,2025-10-01,2025-10-03,nl 4,")),
        "{csv}"
    );
    let text = inspraak(&index).args(["campaigns"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("2 campaigns, 6 responses"), "{text}");
    assert!(text.contains("Ik wil mijn zorgen uiten"), "{text}");

    // One campaign whole: every member, and what each wrote in their own words.
    let whole = json(&index, &["campaigns", "--id", &id, "--format", "json"]);
    assert_eq!(ids(&whole["members"], "id"), [r(0), r(1), r(2), r(3)]);
    let added: Vec<&Value> = whole["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["added"])
        .collect();
    assert_eq!(added[0], &serde_json::json!([]));
    assert_eq!(added[1], &serde_json::json!([]), "reordering adds nothing");
    assert_eq!(added[2], &serde_json::json!([ADDED]));
    assert_eq!(
        added[3],
        &serde_json::json!(["Ik, Fatima uit Leiden, verzoek u dit voorstel te heroverwegen."])
    );
    let unknown = inspraak(&index)
        .args(["campaigns", "--id", "c-nothing"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));

    // Search: all four copies match; collapsed, the campaign counts once.
    let q = ["search", "verblijfsduur naturalisatie", "--format", "json"];
    let all = json(&index, &q);
    assert_eq!(all["total"], 4);
    assert_eq!(
        all["facets"]["campaign"],
        serde_json::json!({ id.clone(): 4 })
    );
    assert!(all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["campaign"] == id.as_str()
            && h["campaign_size"] == 4
            && h.get("collapsed").is_none()));
    let collapsed = json(&index, &[&q[..], &["--collapse"]].concat());
    assert_eq!(collapsed["total"], 4);
    assert_eq!(collapsed["groups"], 1);
    let hits = collapsed["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["collapsed"], 3);
    // A word only some copies have, and words everyone has: non-members are not collapsed.
    let mixed = json(
        &index,
        &[
            "search",
            "naturalisatie OR naturalisation",
            "--collapse",
            "--format",
            "json",
        ],
    );
    let mixed_ids: Vec<&str> = mixed["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert!(
        mixed_ids.contains(&r(4).as_str()),
        "the translation stands alone: {mixed_ids:?}"
    );
    assert_eq!(
        mixed_ids
            .iter()
            .filter(|i| [r(0), r(1), r(2), r(3)].iter().any(|m| m == *i))
            .count(),
        1
    );
    assert_eq!(
        mixed["groups"].as_u64(),
        Some(mixed["hits"].as_array().unwrap().len() as u64)
    );
    // Paging through collapsed hits gives each group once.
    let page2 = json(
        &index,
        &[
            "search",
            "naturalisatie OR naturalisation",
            "--collapse",
            "--limit",
            "1",
            "--offset",
            "1",
            "--format",
            "json",
        ],
    );
    assert_eq!(page2["hits"][0]["id"], mixed["hits"][1]["id"]);

    // The members of a campaign, by filter or in the query.
    let members = json(&index, &["search", "--campaign", &id, "--format", "json"]);
    assert_eq!(ids(&members["hits"], "id"), [r(0), r(1), r(2), r(3)]);
    let in_query = json(
        &index,
        &[
            "search",
            &format!("campaign:{id} dochter"),
            "--format",
            "json",
        ],
    );
    assert_eq!(ids(&in_query["hits"], "id"), [r(2)]);

    // Respondent types: a filter, a query field and a facet.
    let orgs = json(
        &index,
        &[
            "search",
            "--respondent",
            "organisation",
            "naturalisatie OR inburgering OR termijn",
            "--format",
            "json",
        ],
    );
    let mut org_responses: Vec<String> = ids(&orgs["hits"], "response_id");
    org_responses.dedup();
    // By name (Stichting), by "namens de vereniging", by the letterhead in the attachment
    // (the attachment carries its response's type).
    assert_eq!(org_responses, [uuid(6), uuid(7), uuid(8)]);
    let field = json(
        &index,
        &["search", "respondent:anonymous termijn", "--format", "json"],
    );
    assert!(field["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["respondent"] == "anonymous"));
    assert_eq!(
        all["facets"]["respondent"],
        serde_json::json!({"anonymous": 1, "individual": 3})
    );
    // "ING (Mr …)" is an employer beside a person writing "ik": an individual.
    let ing = json(&index, &["search", "dochter", "--format", "json"]);
    assert_eq!(ing["hits"][0]["respondent"], "individual");
    let bad = inspraak(&index)
        .args(["search", "termijn", "--respondent", "robot"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8(bad.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("organisation, individual or anonymous"),
        "{stderr}"
    );

    // One more copy arrives; `update` reads only it, and the campaign keeps its id.
    {
        let mut s = server.site.lock().unwrap();
        let copy = TEMPLATE.replace("vloeiend Nederlands", "vloeiend Nederlands en Fries");
        s.consultations[0]
            .responses
            .push(response(10, "Anoniem", 8, &copy, None));
    }
    let updated = json(&index, &["update", "--json", "--rate", "100"]);
    let c = &updated["index"]["campaigns"];
    assert_eq!(c["sketched"], 1, "{c}");
    assert_eq!(c["reused"], 10, "{c}");
    let list = json(&index, &["campaigns", "--format", "json"]);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["size"], 5);
    assert_eq!(list[0]["last"], "2025-10-08");
}

#[tokio::test]
async fn the_api_collapses_filters_and_lists_campaigns() {
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let server = Server::start(site());
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let root = index.clone();
    let url = server.url();
    tokio::task::spawn_blocking(move || crate::support::crawl(&root, &url, &[SLUG]))
        .await
        .unwrap();
    let state = inspraak::server::AppState::open(&index).unwrap();
    let get = |uri: String| {
        let app = inspraak::server::app(state.clone());
        async move {
            let resp = app
                .oneshot(
                    axum::http::Request::get(&uri)
                        .body(axum::body::Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let body = resp.into_body().collect().await.unwrap().to_bytes();
            (status, serde_json::from_slice::<Value>(&body).unwrap())
        }
    };
    let (status, list) = get("/api/campaigns".into()).await;
    assert_eq!(status, 200);
    let id = list[0]["id"].as_str().unwrap().to_string();
    assert_eq!(list[0]["size"], 4);
    let (_, only_big) = get("/api/campaigns?min_size=3".into()).await;
    assert_eq!(only_big.as_array().unwrap().len(), 1);
    let (status, whole) = get(format!("/api/campaigns/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(whole["members"].as_array().unwrap().len(), 4);
    assert!(whole["template"]
        .as_str()
        .unwrap()
        .contains("verblijfsduur"));
    let (status, _) = get("/api/campaigns/c-none".into()).await;
    assert_eq!(status, 404);
    let (status, err) = get("/api/campaigns?min_size=many".into()).await;
    assert_eq!(status, 400);
    assert!(err["error"].as_str().unwrap().contains("min_size"));

    let (_, collapsed) = get("/api/search?q=verblijfsduur&collapse=true".into()).await;
    assert_eq!(collapsed["groups"], 1);
    assert_eq!(collapsed["hits"][0]["collapsed"], 3);
    let (_, members) = get(format!("/api/search?campaign={id}&limit=10")).await;
    assert_eq!(members["total"], 4);
    let (_, orgs) = get("/api/search?q=termijn&respondent=organisation".into()).await;
    assert!(orgs["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["respondent"] == "organisation"));
    for bad in ["collapse=maybe", "respondent=robot"] {
        let (status, err) = get(format!("/api/search?q=termijn&{bad}")).await;
        assert_eq!(status, 400, "{bad}");
        assert!(err["error"].is_string());
    }
    // A member's document view: its campaign, its representative, what it adds.
    let (_, doc) = get(format!("/api/doc/{}", r(2))).await;
    assert_eq!(doc["campaign"], id.as_str());
    assert_eq!(doc["campaign_size"], 4);
    assert_eq!(doc["campaign_representative"], r(0));
    assert_eq!(doc["campaign_added"], serde_json::json!([ADDED]));
}
