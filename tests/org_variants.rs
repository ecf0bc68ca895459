//! The organisation register on held-out fixtures (`tests/fixtures/organisations/`), each
//! written by a helper who saw neither the matcher nor the other fixtures, from a description
//! of how people type organisation names: articles and case, dropped small words, words run
//! together, legal forms, initialisms (one in each shared by two organisations), a person
//! beside the name, a text or a letterhead that names the organisation, and the cases that
//! must stay apart (regions, names that share most words, persons who name an employer or
//! share a name or whose surname is an organisation word). Measured: pair precision and
//! recall of the register's groups, the respondent type of every response, and that no private
//! person is in any organisation; then a researcher's corrections, and the real corpus.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::fixture::response;
use crate::support::organisations::{groups, pairs};
use crate::support::server::{FixtureSite, Server};
use crate::support::site::FixtureConsultation;
use crate::support::{inspraak, json_of};
use serde_json::Value;

const VARIANTS: &str = include_str!("fixtures/organisations/variants.json");

struct Row {
    consultation: String,
    name: String,
    place: String,
    text: String,
    letterhead: Option<String>,
    organisation: Option<String>,
    respondent: String,
}

fn rows(fixture: &str) -> Vec<Row> {
    let v: Value = serde_json::from_str(fixture).unwrap();
    let s = |r: &Value, k: &str| r[k].as_str().map(str::to_string);
    v["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| Row {
            consultation: s(r, "consultation").unwrap(),
            name: s(r, "name").unwrap_or_default(),
            place: s(r, "place").unwrap_or_default(),
            text: s(r, "text").unwrap(),
            letterhead: s(r, "letterhead"),
            organisation: s(r, "organisation"),
            respondent: s(r, "respondent").unwrap(),
        })
        .collect()
}

fn uuid(n: usize) -> String {
    format!("0b0b0b0b-0000-4000-8000-{n:012}")
}

fn site(fixture: &str, rows: &[Row]) -> (FixtureSite, Vec<String>) {
    let v: Value = serde_json::from_str(fixture).unwrap();
    let slugs: Vec<String> = v["consultations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    let mut site = FixtureSite {
        robots: String::new(),
        per_page: 50,
        ..Default::default()
    };
    for slug in &slugs {
        let mut responses = Vec::new();
        for (n, r) in rows.iter().enumerate() {
            if &r.consultation != slug {
                continue;
            }
            let attachment = r.letterhead.as_ref().map(|_| 7000 + n as u32);
            responses.push(response(
                &uuid(n),
                &r.name,
                &r.place,
                &format!("{} november 2025", 1 + n % 28),
                &[("Vraag1", &r.text)],
                attachment,
            ));
            if let (Some(letter), Some(number)) = (&r.letterhead, attachment) {
                site.attachments.insert(
                    (slug.clone(), number),
                    (
                        "application/pdf".into(),
                        crate::support::pdf::make_pdf(&[letter]),
                    ),
                );
            }
        }
        site.consultations.push(FixtureConsultation {
            slug: slug.clone(),
            title: format!("Wet {slug}"),
            summary: vec!["Een consultatie.".into()],
            start: "01-11-2025".into(),
            end: "30-11-2025".into(),
            status: "Gesloten".into(),
            ministry: "Ministerie van Testzaken".into(),
            documents: vec![],
            responses,
        });
    }
    (site, slugs)
}

/// A fixture crawled and its register measured against the truth: the index, the server it
/// was crawled from (for updates), and the register.
struct Measured {
    _dir: tempfile::TempDir,
    _server: Server,
    index: std::path::PathBuf,
    register: Value,
}

/// Crawls a fixture and measures the register: pair precision 1.0 and recall at least
/// `min_recall`, every organisation response but `untyped` typed organisation, no private
/// person or anonymous respondent typed organisation or in an organisation.
fn measure(fixture: &str, min_recall: f64, untyped: usize) -> Measured {
    let rows = rows(fixture);
    let (site, slugs) = site(fixture, &rows);
    let server = Server::start(site);
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let slugs: Vec<&str> = slugs.iter().map(String::as_str).collect();
    crate::support::crawl(&index, &server.url(), &slugs);
    let json = |args: &[&str]| json_of(inspraak(&index).args(args));

    // The register's groups.
    let register = json(&["organisations", "--format", "json"]);
    let mut found: Vec<BTreeSet<String>> = Vec::new();
    let mut group_of: BTreeMap<String, String> = BTreeMap::new();
    for (name, ids) in groups(&index) {
        for r in &ids {
            group_of.insert(r.clone(), name.clone());
        }
        found.push(ids);
    }
    // The truth: responses per organisation; an initialism two organisations share stays alone.
    let mut truth: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (n, r) in rows.iter().enumerate() {
        if let Some(o) = &r.organisation {
            truth.entry(o).or_default().insert(uuid(n));
        }
    }
    let got = pairs(found.iter());
    let want = pairs(truth.values());
    let right = got.intersection(&want).count();
    let (precision, recall) = (
        right as f64 / got.len().max(1) as f64,
        right as f64 / want.len().max(1) as f64,
    );
    // The respondent type of every response.
    let mut typed: BTreeMap<String, String> = BTreeMap::new();
    for t in ["organisation", "individual", "anonymous"] {
        let hits = json(&[
            "search",
            "--respondent",
            t,
            "--kind",
            "response",
            "--limit",
            "500",
            "--format",
            "json",
        ]);
        for h in hits["hits"].as_array().unwrap() {
            typed.insert(h["response_id"].as_str().unwrap().to_string(), t.into());
        }
    }
    let mut report = String::new();
    let mut mistyped = 0;
    let mut persons_in = 0;
    let mut wrong_type = 0;
    let mut persons_typed = 0;
    for (n, r) in rows.iter().enumerate() {
        let id = uuid(n);
        let t = typed.get(&id).map_or("missing", String::as_str);
        if r.organisation.is_some() && t != "organisation" {
            mistyped += 1;
            report += &format!("typed {t}: {:?} ({:?})\n", r.name, r.organisation);
        }
        if t != r.respondent {
            wrong_type += 1;
            report += &format!("typed {t}, is {}: {:?}\n", r.respondent, r.name);
            if t == "organisation" {
                persons_typed += 1;
            }
        }
        if r.organisation.is_none() && group_of.contains_key(&id) {
            persons_in += 1;
            report += &format!("person in {:?}: {:?}\n", group_of[&id], r.name);
        }
    }
    // Which pairs were missed and which were wrong, by name.
    let name_of: BTreeMap<String, &str> = rows
        .iter()
        .enumerate()
        .map(|(n, r)| (uuid(n), r.name.as_str()))
        .collect();
    for (a, b) in want.difference(&got) {
        report += &format!("apart: {:?} / {:?}\n", name_of[a], name_of[b]);
    }
    for (a, b) in got.difference(&want) {
        report += &format!("joined wrongly: {:?} / {:?}\n", name_of[a], name_of[b]);
    }
    let organisation_responses = rows.iter().filter(|r| r.organisation.is_some()).count();
    println!(
        "pair precision {precision:.3} ({right}/{}), recall {recall:.3} ({right}/{}); \
         organisation responses typed organisation {}/{organisation_responses}; \
         private persons in an organisation {persons_in}; respondent types right {}/{}\n{report}",
        got.len(),
        want.len(),
        organisation_responses - mistyped,
        rows.len() - wrong_type,
        rows.len(),
    );
    assert_eq!(
        persons_typed, 0,
        "no person or anonymous respondent is an organisation: {report}"
    );
    assert_eq!(persons_in, 0, "{report}");
    assert!(precision == 1.0, "{report}");
    assert!(recall >= min_recall, "{report}");
    assert!(mistyped <= untyped, "{report}");
    Measured {
        _dir: dir,
        _server: server,
        index,
        register,
    }
}

#[test]
fn organisations_as_people_write_them() {
    // Bound whole: the fixture's server and folder live as long as the test.
    let measured = measure(VARIANTS, 0.95, 0);
    let (index, register) = (&measured.index, &measured.register);
    let json = |args: &[&str]| json_of(inspraak(index).args(args));
    // Every name says why it is its organisation's.
    let why = |name: &str| -> (String, String) {
        for o in register.as_array().unwrap() {
            for v in o["variants"].as_array().unwrap() {
                if v["name"] == name {
                    return (
                        o["id"].as_str().unwrap().into(),
                        v["joined_by"].as_str().unwrap().into(),
                    );
                }
            }
        }
        panic!("{name} is in no organisation: {register}");
    };
    assert_eq!(why("LHV").1, "initialism");
    assert_eq!(
        why("Mondriaanfonds").1.as_str(),
        if why("Mondriaan Fonds").1 == "name" {
            "spacing"
        } else {
            "name"
        }
    );
    assert_eq!(why("Vrije Universiteit").1, "prefix");
    for o in register.as_array().unwrap() {
        for v in o["variants"].as_array().unwrap() {
            let j = v["joined_by"].as_str().unwrap();
            assert!(
                [
                    "name",
                    "declared",
                    "spacing",
                    "words",
                    "initialism",
                    "prefix"
                ]
                .contains(&j),
                "{o}"
            );
            assert_eq!(v["via"].is_string(), j != "name", "{o}");
        }
    }

    // A researcher's corrections: the NVK no rule could place is merged with one of the two
    // organisations it may be, "Vrije Universiteit" is split from its fuller name; both hold
    // through an update and a rebuild, and `stats` lists them.
    let (nvk, _) = why("NVK");
    let (kinderartsen, _) = why("Nederlandse Vereniging voor Kindergeneeskunde");
    let merged = json(&[
        "organisations",
        "--merge",
        &nvk,
        &kinderartsen,
        "--format",
        "json",
    ]);
    let merged = &merged[0];
    assert_eq!(merged["responses"], 3, "{merged}");
    let nvk_variant = merged["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "NVK")
        .unwrap();
    assert_eq!(nvk_variant["joined_by"], "merged", "{merged}");
    let (vu, _) = why("Vrije Universiteit Amsterdam");
    let split = json(&[
        "organisations",
        "--split",
        &vu,
        "Vrije Universiteit",
        "--format",
        "json",
    ]);
    assert_eq!(split.as_array().unwrap().len(), 2, "{split}");
    assert_eq!(split[0]["responses"], 1, "{split}");
    assert_eq!(split[1]["responses"], 1, "{split}");
    assert_ne!(split[0]["id"], split[1]["id"]);
    let check = |when: &str| {
        let register = json(&["organisations", "--format", "json"]);
        let of = |name: &str| -> u64 {
            register
                .as_array()
                .unwrap()
                .iter()
                .find(|o| {
                    o["variants"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|v| v["name"] == name)
                })
                .map(|o| o["responses"].as_u64().unwrap())
                .unwrap_or_else(|| panic!("{when}: {name} in no organisation"))
        };
        assert_eq!(of("NVK"), 3, "{when}");
        assert_eq!(of("Vrije Universiteit"), 1, "{when}");
        assert_eq!(of("Vrije Universiteit Amsterdam"), 1, "{when}");
    };
    check("after the corrections");
    json(&["update", "--json", "--rate", "100"]);
    check("after an update");
    json(&["reindex", "--json"]);
    check("after a rebuild");
    let stats = json(&["stats", "--format", "json"]);
    let c = &stats["organisation_corrections"];
    assert_eq!(c["merges"].as_array().unwrap().len(), 1, "{stats}");
    assert_eq!(
        c["splits"],
        serde_json::json!(["vrije universiteit"]),
        "{stats}"
    );
    let text = inspraak(index).arg("stats").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("split: vrije universiteit"), "{text}");
    // A wrong id or name is a one-line usage error.
    let bad = inspraak(index)
        .args(["organisations", "--merge", "o-000000000000", &vu])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no organisation 'o-000000000000'"));
    let bad = inspraak(index)
        .args(["organisations", "--split", &kinderartsen, "Vitens"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// A second fixture, written by someone who saw neither the code nor the first fixture, from
/// the same description: 37 other organisations in 93 responses, 26 private or anonymous.
/// Measured before the matcher saw it: precision 1.0, recall 0.635, 80 of 93 typed
/// organisation; now 1.0, 0.892 and 91 of 93. What it still misses: "Het COA" (not the
/// initials of "Centraal Orgaan opvang asielzoekers"); "Zonnedak Amersfoort" and "Vluchtelingen
/// Werk", written as a person's name would be, and "Alliander NV (ir. H. Postma)", a company
/// beside a person, whose texts say "wij" without naming themselves: real people write so
/// too (see `real_responses_stay_persons`), so "wij" alone does not make them organisations.
#[test]
fn organisations_as_others_write_them() {
    measure(
        include_str!("fixtures/organisations/heldout2.json"),
        0.85,
        2,
    );
}

/// A third fixture, written likewise by someone who saw neither the code nor the other
/// fixtures, in other sectors (education, farming, transport, digital rights, sport,
/// churches): 44 organisations in 98 responses, 23 private or anonymous. Measured once the
/// matcher was done for the first two: precision 0.966, recall 0.452, 83 of 98 typed
/// organisation, and one private person ("Ingrid Bureau") made an organisation; now 1.0,
/// 0.806, 95 of 98 and none. What it still misses needs knowledge no rule has ("Gemeente Den
/// Bosch" is 's-Hertogenbosch, "University of Twente" Universiteit Twente, "Rli" the Raad voor
/// de leefomgeving en infrastructuur, "Schaatsbond KNSB" the Schaatsenrijders Bond when two
/// organisations are KNSB), or is written as people write ("Lto noord", "Natuur en Milieu",
/// "ANWB - P. de Vries" with "wij" and nothing more).
#[test]
fn organisations_in_other_sectors() {
    measure(include_str!("fixtures/organisations/heldout3.json"), 0.8, 3);
}

/// The 1,665 real responses of the naturalisation consultation (`../shared/corpus`, beside
/// the repository in CI): not one is an organisation's, though people type employers, titles,
/// addresses and initials in capitals into the name field and write "we" for their families.
/// (The 100k responses `benches/resample.rs` rebuilds from their sentences, attachments
/// included, are measured the same way: `reindex` reports no organisation.)
#[test]
fn real_responses_stay_persons() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/naturalisatietermijn-reacties.jsonl");
    let Ok(corpus) = std::fs::read_to_string(&path) else {
        eprintln!("{} is not here: skipped", path.display());
        return;
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut organisations = Vec::new();
    for line in corpus.lines() {
        let r: Value = serde_json::from_str(line).unwrap();
        let name = r["name"].as_str().unwrap_or("");
        let text: Vec<&str> = r["answers"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["answer"].as_str())
            .collect();
        let t = inspraak::respondent::classify(Some(name), &text.join("\n"), None);
        *counts.entry(t.as_str()).or_default() += 1;
        if t == inspraak::respondent::Respondent::Organisation {
            organisations.push(name.to_string());
        }
    }
    println!("{counts:?}");
    assert_eq!(counts.values().sum::<usize>(), 1665);
    assert!(organisations.is_empty(), "{organisations:?}");
}
