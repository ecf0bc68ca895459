//! `inspraak discover`: the site's own search, paged, filtered by status, and added to a seed
//! file that `crawl` then reads.

use crate::support::server::{FixtureSite, Server};
use crate::support::site::FixtureConsultation;
use assert_cmd::Command;
use serde_json::Value;

fn consultation(i: usize, title: &str, status: &str) -> FixtureConsultation {
    FixtureConsultation {
        slug: format!("wet{i:02}"),
        title: title.to_string(),
        summary: vec![format!("Samenvatting van consultatie {i}.")],
        start: "01-09-2025".into(),
        end: format!("{:02}-10-2025", 1 + i % 28),
        status: status.to_string(),
        ministry: "Ministerie van Justitie en Veiligheid".into(),
        documents: vec![],
        responses: vec![],
    }
}

fn site() -> FixtureSite {
    let mut consultations: Vec<FixtureConsultation> = (0..23)
        .map(|i| {
            consultation(
                i,
                &format!("Wet sekswerk deel {i}"),
                if i % 3 == 0 { "Actief" } else { "Gesloten" },
            )
        })
        .collect();
    consultations.push(consultation(50, "Wet over iets anders", "Actief"));
    FixtureSite {
        consultations,
        robots: "User-agent: *\nDisallow: /admin\n".into(),
        per_page: 10,
        ..Default::default()
    }
}

fn discover(server: &Server, args: &[&str]) -> Vec<Value> {
    crate::support::json_of(
        Command::cargo_bin("inspraak")
            .unwrap()
            .args(["discover", "--json", "--rate", "100", "--site"])
            .arg(server.url())
            .args(args),
    )
    .as_array()
    .unwrap()
    .clone()
}

#[test]
fn finds_every_page_and_filters_by_status() {
    let server = Server::start(site());
    let all = discover(&server, &["sekswerk"]);
    assert_eq!(all.len(), 23, "three pages of results");
    let first = &all[0];
    assert_eq!(first["slug"], "wet00");
    assert_eq!(first["title"], "Wet sekswerk deel 0");
    assert_eq!(first["status"], "Actief");
    assert_eq!(first["closing"], "2025-10-01");
    assert_eq!(first["ministry"], "Ministerie van Justitie en Veiligheid");
    let open = discover(&server, &["sekswerk", "--status", "open"]);
    assert_eq!(open.len(), 8);
    assert!(open.iter().all(|f| f["status"] == "Actief"));
    let closed = discover(&server, &["sekswerk", "--status", "closed"]);
    assert_eq!(closed.len(), 15);
    assert!(discover(&server, &["onbekendwoord"]).is_empty());
    // Exactly the pages needed: 3 for 23 results, 1 for none.
    let searches = server
        .requests()
        .iter()
        .filter(|(p, _)| p.starts_with("/zoeken/"))
        .count();
    assert_eq!(searches, 3 + 3 + 3 + 1);
}

#[test]
fn add_appends_new_consultations_to_a_valid_seed_file() {
    let server = Server::start(site());
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("nieuw.toml");
    std::fs::write(&seeds, "# mijn seeds\n[[consultation]]\nslug = \"wet03\"\n").unwrap();
    let add = |words: &[&str]| {
        Command::cargo_bin("inspraak")
            .unwrap()
            .args(["discover", "--rate", "100", "--status", "open", "--site"])
            .arg(server.url())
            .arg("--add")
            .arg(&seeds)
            .args(words)
            .output()
            .unwrap()
    };
    let out = add(&["sekswerk"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("wet06") && text.contains("Actief") && text.contains("2025-10-07"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("7 consultation(s) added"));
    // Again: nothing new.
    assert!(String::from_utf8_lossy(&add(&["sekswerk"]).stderr).contains("0 consultation(s) added"));
    let s = inspraak::seeds::Seeds::load(&seeds).unwrap();
    assert_eq!(s.consultations.len(), 8);
    assert!(std::fs::read_to_string(&seeds)
        .unwrap()
        .starts_with("# mijn seeds"));
}

#[test]
fn a_search_that_robots_txt_forbids_is_a_clear_error() {
    let mut s = site();
    s.robots = "User-agent: *\nDisallow: /zoeken\n".into();
    let server = Server::start(s);
    let out = Command::cargo_bin("inspraak")
        .unwrap()
        .args(["discover", "sekswerk", "--site"])
        .arg(server.url())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("robots.txt does not allow the site search"),
        "{err}"
    );
    assert!(!server
        .requests()
        .iter()
        .any(|(p, _)| p.starts_with("/zoeken")));
}
