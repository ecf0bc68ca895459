//! Cited reports end to end: the seed file's report URLs are fetched from two local publisher
//! hosts (127.0.0.2 and 127.0.0.3, allowed with `--allow-private`) beside a fixture of the
//! consultation site, extracted, indexed and linked to the responses that cite them.
//! Covered: an HTML report with heavy boilerplate, a 12-page PDF, a Word report, a redirect
//! chain across hosts, a landing page that offers a PDF (and links that must not be followed),
//! a DOI resolved to a publisher, broken files of every kind, robots.txt, and `--cites`.

use std::sync::OnceLock;

use crate::support::reports::*;
use crate::support::{crawl_seeds, inspraak, json_of};
use serde_json::Value;

fn crawled() -> &'static Crawled {
    static C: OnceLock<Crawled> = OnceLock::new();
    C.get_or_init(crawl_reports)
}

fn search(args: &[&str]) -> Value {
    json_of(
        inspraak(&crawled().index)
            .arg("search")
            .args(args)
            .args(["--format", "json", "--limit", "50"]),
    )
}

fn only_hit(args: &[&str]) -> Value {
    let r = search(args);
    assert_eq!(r["total"], 1, "{args:?}: {r}");
    r["hits"][0].clone()
}

fn doc(id: &str) -> Value {
    let c = crawled();
    let out = inspraak(&c.index)
        .args(["export", &format!("id:{id}")])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(out.stdout.split(|b| *b == b'\n').next().unwrap()).unwrap()
}

fn index_failure(url: &str) -> String {
    index_list("failures", url)
}

fn index_list(list: &str, url: &str) -> String {
    let c = crawled();
    c.summary["index"][list]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["url"] == url)
        .unwrap_or_else(|| panic!("no index {list} for {url}: {}", c.summary["index"]))["reason"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn html_report_main_text_and_metadata_without_boilerplate() {
    let c = crawled();
    let hit = only_hit(&[ARTICLE_WORD]);
    assert_eq!(hit["kind"], "report");
    assert_eq!(hit["title"], "Sekswerk en vergunningen: een onderzoek");
    assert_eq!(hit["author"], "Dr. A. Onderzoeker");
    assert_eq!(hit["date"], "2023-09-14");
    assert_eq!(hit["lang"], "nl");
    assert_eq!(hit["publisher"], "127.0.0.2");
    for w in BOILERPLATE_WORDS {
        assert_eq!(search(&[w])["total"], 0, "boilerplate word {w} was indexed");
    }
    let d = doc(hit["id"].as_str().unwrap());
    assert_eq!(d["meta"]["label"], "article");
    assert_eq!(d["meta"]["site_name"], "Stichting Voorbeeld");
    assert!(!d["text"].as_str().unwrap().contains("Accepteren"));
    // Stemmed Dutch: "sekswerker" finds the article's "sekswerkers".
    assert!(
        search(&["sekswerker kind:report"])["total"]
            .as_u64()
            .unwrap()
            >= 1
    );
    assert_eq!(c.hosts.hits(&c.hosts.a("/article")), 1);
}

#[test]
fn a_word_on_page_7_of_a_long_pdf_is_found_on_page_7() {
    let hit = only_hit(&[PAGE7_WORD]);
    assert_eq!(hit["kind"], "report");
    assert_eq!(hit["title"], "Annual enforcement report 2024");
    assert_eq!(hit["date"], "2024-11-02");
    assert_eq!(hit["lang"], "en");
    let d = doc(hit["id"].as_str().unwrap());
    assert_eq!(d["pages"], 12);
    let pages: Vec<u64> = d["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["text"].as_str().unwrap().contains(PAGE7_WORD))
        .map(|s| s["page"].as_u64().unwrap())
        .collect();
    assert_eq!(pages, [7]);
    // The search hit names its page and links to it.
    assert_eq!(hit["page"], 7, "{hit}");
    assert!(
        hit["url"]
            .as_str()
            .unwrap()
            .ends_with("/reports/long.pdf#page=7"),
        "{hit}"
    );
    // The quote a researcher copies carries the page too.
    let quotes =
        json_of(inspraak(&crawled().index).args(["quotes", PAGE7_WORD, "--format", "json"]));
    let q = &quotes["quotes"][0];
    assert_eq!(q["citation"]["page"], 7, "{quotes}");
    assert_eq!(q["citation"]["publisher"], "127.0.0.2");
    let text = q["cite"]["text"].as_str().unwrap();
    assert!(
        text.contains("‘Annual enforcement report 2024’ (127.0.0.2), p. 7, 2024-11-02"),
        "{text}"
    );
    assert!(!text.contains("consultation"), "{text}");
    assert_eq!(q["cite"]["csl"]["type"], "report");
}

#[test]
fn word_reports_and_word_attachments() {
    let hit = only_hit(&[DOCX_WORD]);
    assert_eq!(hit["kind"], "report");
    assert_eq!(hit["title"], "Notitie meldingen");
    let att = only_hit(&["vliegenzwamtabel"]);
    assert_eq!(att["kind"], "attachment");
    assert_eq!(att["author"], "Vereniging Woord");
    assert_eq!(att["response_id"], R_DOCX);
}

#[test]
fn a_redirect_chain_across_hosts_is_followed_and_french_is_stemmed() {
    let c = crawled();
    let hit = only_hit(&[FRENCH_WORD]);
    assert_eq!(hit["url"], c.hosts.b("/moved"));
    assert_eq!(hit["lang"], "fr");
    assert_eq!(hit["publisher"], "127.0.0.3");
    let d = doc(hit["id"].as_str().unwrap());
    assert_eq!(d["meta"]["seed_url"], c.hosts.a("/old"));
    // Served in Latin-1: the accents survive.
    assert!(d["text"].as_str().unwrap().contains("sécurité"), "{d}");
    // The French stemmer: the singular finds the plural.
    assert_eq!(only_hit(&["travailleuse"])["id"], hit["id"]);
    // Each hop asked once (robots.txt: see the second crawl).
    for url in [c.hosts.a("/old"), c.hosts.a("/older"), c.hosts.b("/moved")] {
        assert_eq!(c.hosts.hits(&url), 1, "{url}");
    }
}

#[test]
fn a_landing_page_gives_its_pdf_and_nothing_else() {
    let c = crawled();
    let hit = only_hit(&[LANDING_PDF_WORD]);
    assert_eq!(hit["url"], c.hosts.a("/files/evaluation.pdf#page=1"));
    assert_eq!(hit["title"], "Evaluation des Prostituiertenschutzgesetzes");
    assert_eq!(hit["date"], "2025-06-18");
    assert_eq!(hit["lang"], "de");
    let d = doc(hit["id"].as_str().unwrap());
    assert_eq!(d["pages"], 2);
    assert_eq!(d["meta"]["landing_url"], c.hosts.a("/landing"));
    assert_eq!(c.hosts.hits(&c.hosts.a("/files/evaluation.pdf")), 1);
    // Off scope: the related-links PDF, the menu's PDF, another page, another site.
    for url in [
        c.hosts.a("/files/other.pdf"),
        c.hosts.a("/files/menu.pdf"),
        c.hosts.a("/files/summary.html"),
        c.hosts.b("/offsite"),
    ] {
        assert_eq!(c.hosts.hits(&url), 0, "{url} must not be fetched");
    }
    // A DOI goes to its publisher, whose landing page declares the PDF.
    let doi = only_hit(&["repressive policing"]);
    assert_eq!(doi["url"], c.hosts.a("/pub/wrs-2024-7.pdf#page=1"));
    assert_eq!(doi["title"], "Sex work laws and health: a meta-analysis");
    assert_eq!(doi["author"], "Platt, Lucy");
    assert_eq!(doi["date"], "2018-12-11");
    assert_eq!(c.summary["report_files"], 2);
    // The DOI and its `dx.` alias redirect to one landing page: one report, fetched once,
    // known under both seed URLs.
    assert_eq!(c.hosts.hits(&c.hosts.a("/pub/wrs-2024-7")), 1);
    assert_eq!(c.hosts.hits(&c.hosts.a("/pub/wrs-2024-7.pdf")), 1);
    assert_eq!(c.hosts.hits(&c.hosts.b(&format!("/dx/{DOI}"))), 1);
    let alias = c.hosts.b(&format!("/dx/{DOI}"));
    let cited = search(&["--cites", &alias, "--kind", "report"]);
    assert_eq!(cited["total"], 0, "nothing cites the alias: {cited}");
    let d = doc(doi["id"].as_str().unwrap());
    assert_eq!(
        d["meta"]["also_seeded_as"],
        serde_json::json!([alias]),
        "{d}"
    );
}

#[test]
fn broken_files_are_recorded_and_the_crawl_completes() {
    let c = crawled();
    assert_eq!(c.summary["reports"], 13);
    for (name, url) in reports(&c.hosts) {
        let reason = match name {
            "zero" | "garbage" | "encrypted" => index_failure(&url),
            // What a truncated download still holds is indexed, and the damage recorded.
            "truncated" => index_list("damaged", &url),
            _ => continue,
        };
        assert!(
            !reason.is_empty() && !reason.contains('\n'),
            "{name}: {reason}"
        );
        match name {
            "encrypted" => assert!(reason.contains("encrypted"), "{reason}"),
            "zero" => assert!(reason.contains("no pages"), "{reason}"),
            "garbage" => assert!(reason.contains("not a PDF"), "{reason}"),
            "truncated" => assert!(reason.contains("truncated"), "{reason}"),
            _ => {}
        }
    }
    let partial = search(&["\"annual enforcement report, page 1\""]);
    let truncated = c.hosts.a("/broken/truncated.pdf");
    let hit = partial["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["url"] == format!("{truncated}#page=1"))
        .expect("the truncated PDF's first page is searchable");
    assert!(doc(hit["id"].as_str().unwrap())["meta"]["damaged"]
        .as_str()
        .unwrap()
        .contains("truncated"));
    let huge = c.hosts.a("/broken/huge.pdf");
    let failed = c.summary["failed"].as_array().unwrap();
    let f = failed
        .iter()
        .find(|f| f["url"] == huge)
        .expect("huge recorded");
    assert!(
        f["reason"].as_str().unwrap().contains("over the limit"),
        "{f}"
    );
    let secret = c.hosts.a("/private/secret.pdf");
    assert!(c.summary["blocked_by_robots"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| *u == secret));
    assert_eq!(c.hosts.hits(&secret), 0);
    // stats lists every one of them as a report failure, and the one robots.txt disallows
    // apart: it was never asked for.
    let stats = json_of(inspraak(&c.index).args(["stats", "--format", "json"]));
    let failures = stats["crawl"]["failures"].as_array().unwrap();
    let blocked = stats["crawl"]["blocked_by_robots"].as_array().unwrap();
    for (name, url) in reports(&c.hosts) {
        let listed = |list: &[Value]| {
            list.iter()
                .any(|f| f["url"] == url && f["kind"] == "report")
        };
        if ["truncated", "garbage", "encrypted", "zero", "huge"].contains(&name) {
            assert!(listed(failures), "{name} not in stats: {failures:?}");
        }
        if name == "robots" {
            assert!(listed(blocked), "{name} not in stats: {blocked:?}");
            assert!(!listed(failures), "{name} a failure: {failures:?}");
        }
    }
}

#[test]
fn who_cites_what() {
    let c = crawled();
    // Any form of the source finds the response that cites it.
    for form in [
        c.hosts.a("/landing"),
        c.hosts.a("/landing/"),
        format!("{}#top", c.hosts.a("/article")),
        DOI.to_string(),
        format!("https://doi.org/{DOI}"),
    ] {
        let r = search(&["--cites", &form]);
        assert_eq!(r["total"], 1, "{form}: {r}");
        assert_eq!(r["hits"][0]["response_id"], R_CITES, "{form}");
    }
    // A Kamerstuk in a Word attachment's footnote.
    let r = search(&["--cites", "35583-3"]);
    assert_eq!(r["hits"][0]["kind"], "attachment", "{r}");
    assert_eq!(
        search(&["--cites", "Kamerstukken II 2019/20, 35 583, nr. 3"])["total"],
        1
    );
    // A dossier: the attachment that names one of its papers, and the response that names
    // only the dossier.
    let r = search(&["--cites", "35 583"]);
    let mut kinds: Vec<&str> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    kinds.sort();
    assert_eq!(kinds, ["attachment", "response"], "{r}");
    // Cites and words combine.
    assert_eq!(search(&["onderzoek", "--cites", DOI])["total"], 1);
    assert_eq!(search(&["geen", "--cites", DOI])["total"], 0);
    // The report's view lists who cites it.
    let landing = only_hit(&[LANDING_PDF_WORD]);
    let d = c_doc_view(landing["id"].as_str().unwrap());
    let cited_by: Vec<&str> = d["cited_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(cited_by, [format!("r-{R_CITES}")]);
    let plain = c_doc_view(&format!("r-{R_PLAIN}"));
    assert!(plain["cites"].as_array().unwrap().is_empty());
    // Quotes from the documents that cite a source, with no words needed.
    let quotes = json_of(inspraak(&c.index).args(["quotes", "--cites", DOI, "--format", "json"]));
    assert!(
        quotes["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["citation"]["response_id"] == R_CITES
                && q["text"].as_str().unwrap().contains(DOI)),
        "{quotes}"
    );
    // Not a source at all: a one-line error, exit 2.
    let out = inspraak(&c.index)
        .args(["search", "--cites", "sekswerk"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

/// A document view through the API (`/api/doc/{id}`), which lists who cites a report.
fn c_doc_view(id: &str) -> Value {
    use tower::ServiceExt;
    let c = crawled();
    let state = inspraak::server::AppState::open(&c.index).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let resp = inspraak::server::app(state)
            .oneshot(
                axum::http::Request::get(format!("/api/doc/{id}"))
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let body = http_body_util::BodyExt::collect(resp.into_body())
            .await
            .unwrap()
            .to_bytes();
        serde_json::from_slice(&body).unwrap()
    })
}

#[test]
fn the_api_filters_by_cites() {
    use tower::ServiceExt;
    let c = crawled();
    let state = inspraak::server::AppState::open(&c.index).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let get = |uri: String| {
            let app = inspraak::server::app(state.clone());
            async move {
                let resp = app
                    .oneshot(
                        axum::http::Request::get(uri)
                            .body(axum::body::Body::empty())
                            .unwrap(),
                    )
                    .await
                    .unwrap();
                let status = resp.status();
                let body = http_body_util::BodyExt::collect(resp.into_body())
                    .await
                    .unwrap()
                    .to_bytes();
                (status, serde_json::from_slice::<Value>(&body).unwrap())
            }
        };
        let (status, r) = get(format!("/api/search?cites=doi:{DOI}")).await;
        assert_eq!(status, 200);
        assert_eq!(r["total"], 1);
        assert_eq!(r["hits"][0]["response_id"], R_CITES);
        let (status, r) = get("/api/search?cites=nothing".into()).await;
        assert_eq!(status, 400, "{r}");
        // Without words or filters: every document, newest first.
        let (status, r) = get("/api/search".into()).await;
        assert_eq!(status, 200);
        assert_eq!(r["sort"], "date");
    });
}

#[test]
fn a_second_crawl_and_an_update_fetch_only_what_failed() {
    let c = crawled();
    // On a copy, so the other tests keep reading the first crawl's index.
    let copy = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&c.index, &copy.path().join("index"));
    let index = copy.path().join("index");
    let asked_since = |before: usize| c.hosts.requests()[before..].to_vec();
    let check = |asked: &[(String, String)], run: &str| {
        // Only the file that failed to fetch is asked for again, and robots.txt at most once
        // per host.
        for host in [c.hosts.a, c.hosts.b] {
            let robots = asked
                .iter()
                .filter(|(h, p)| *h == host.to_string() && p == "/robots.txt")
                .count();
            assert!(robots <= 1, "{run}: {asked:?}");
        }
        let paths: Vec<&str> = asked.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(
            paths.iter().filter(|p| **p == "/broken/huge.pdf").count(),
            1,
            "{run}: {asked:?}"
        );
        assert!(
            paths
                .iter()
                .all(|p| *p == "/robots.txt" || *p == "/broken/huge.pdf"),
            "{run} fetched again: {asked:?}"
        );
    };
    let before = c.hosts.requests().len();
    let again = crawl_seeds(
        &index,
        &c.site.url(),
        &c.index.parent().unwrap().join("seeds.toml"),
    );
    check(&asked_since(before), "crawl");
    assert_eq!(
        again["index"]["by_kind"]["report"],
        c.summary["index"]["by_kind"]["report"]
    );
    // `update` knows the reports from the index and that private hosts were allowed.
    let before = c.hosts.requests().len();
    let updated = json_of(inspraak(&index).args(["update", "--json", "--rate", "100"]));
    check(&asked_since(before), "update");
    assert_eq!(updated["reports"], 13);
    assert_eq!(
        updated["index"]["by_kind"]["report"],
        c.summary["index"]["by_kind"]["report"]
    );
}
