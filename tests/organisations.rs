//! The organisation register end to end: three consultations where eight organisations respond
//! under variant names (legal form dropped, abbreviation added, "Nederland" dropped, a person
//! named beside the organisation who writes for it, one known only from its PDF letterhead),
//! two organisations with confusable names, a person who names an employer but writes for
//! themselves, and private persons who share a name across consultations.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use support::fixture::response;
use support::server::{FixtureSite, Server};
use support::site::FixtureConsultation;
use support::{inspraak, json_of};

fn uuid(c: usize, n: usize) -> String {
    format!("0a0a0a0a-0000-4000-8000-{c:04}{n:08}")
}

/// (consultation, name, text, letterhead PDF, the organisation it is — None for a person).
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

const ROWS: &[Row] = &[
    ("wetsekswerk", "Amnesty International Nederland (J. Jansen)", "Namens onze organisatie reageren wij op dit voorstel. Wij vragen om decriminalisering.", None, Some("amnesty")),
    ("wetgemeenten", "Amnesty International", "Onze organisatie vindt dat gemeenten mensenrechten moeten respecteren.", None, Some("amnesty")),
    ("wetzorg", "Amnesty Int. NL (P. de Boer)", "Namens onze organisatie: wij steunen zorg voor iedereen.", None, Some("amnesty")),
    ("wetgemeenten", "Vereniging Nederlandse Gemeenten (VNG)", "Namens onze leden, de gemeenten, vragen wij meer tijd.", None, Some("vng")),
    ("wetsekswerk", "VNG", "Onze leden, de gemeenten, krijgen met deze wet een nieuwe taak.", None, Some("vng")),
    ("wetsekswerk", "Stichting SoaAids Nederland", "Onze organisatie werkt met sekswerkers aan hun gezondheid.", None, Some("soaaids")),
    ("wetzorg", "SoaAids (M. Peters)", "Namens de stichting: wij vragen om laagdrempelige zorg.", None, Some("soaaids")),
    ("wetzorg", "J. de Vries", "Zie de bijlage.", Some("Stichting Humanitas\nPostbus 71\nAmsterdam\n\nAan de minister van Volksgezondheid\n\nGeachte minister, namens onze vrijwilligers vragen wij aandacht voor eenzaamheid."), Some("humanitas")),
    ("wetgemeenten", "Humanitas DMH (K. Smit)", "Namens de stichting vragen wij om passende begeleiding.", None, Some("humanitas dmh")),
    ("wetsekswerk", "Raad van State", "Onze organisatie adviseert het voorstel te heroverwegen.", None, Some("raad")),
    ("wetgemeenten", "Raad van State (afdeling advisering)", "Namens de raad: wij adviseren het voorstel aan te passen.", None, Some("raad")),
    ("wetsekswerk", "Vereniging Proud", "Onze leden zijn sekswerkers; wij vragen om hun stem.", None, Some("proud")),
    ("wetzorg", "PROUD", "Onze leden hebben zorg nodig zonder registratie.", None, Some("proud")),
    ("wetgemeenten", "Stichting Aidsfonds", "Onze organisatie steunt gemeenten die preventie regelen.", None, Some("aidsfonds")),
    ("wetzorg", "Aidsfonds (L. Bakker)", "Namens de stichting vragen wij om toegang tot zorg.", None, Some("aidsfonds")),
    // A person who names an employer but writes for themselves.
    ("wetsekswerk", "ING (Mr A Jansen)", "Ik vind dit voorstel slecht. Ik werk zelf bij een bank en ik maak me zorgen.", None, None),
    // Private persons who share a name across consultations.
    ("wetsekswerk", "Jan Jansen", "Ik ben tegen dit voorstel.", None, None),
    ("wetzorg", "Jan Jansen", "Ik ben voor betere zorg.", None, None),
];

fn site() -> FixtureSite {
    let mut site = FixtureSite {
        robots: String::new(),
        per_page: 50,
        ..Default::default()
    };
    for (c, slug) in ["wetsekswerk", "wetgemeenten", "wetzorg"]
        .iter()
        .enumerate()
    {
        let mut responses = Vec::new();
        for (n, (s, name, text, letterhead, _)) in ROWS.iter().enumerate() {
            if s != slug {
                continue;
            }
            let attachment = letterhead.map(|_| 9000 + n as u32);
            responses.push(response(
                &uuid(c, n),
                name,
                "Utrecht",
                &format!("{} oktober 2025", 1 + n),
                &[("Vraag1", text)],
                attachment,
            ));
            if let (Some(letter), Some(number)) = (letterhead, attachment) {
                site.attachments.insert(
                    (slug.to_string(), number),
                    ("application/pdf".into(), support::pdf::make_pdf(&[letter])),
                );
            }
        }
        site.consultations.push(FixtureConsultation {
            slug: slug.to_string(),
            title: format!("Wet {slug}"),
            summary: vec!["Een consultatie.".into()],
            start: "01-10-2025".into(),
            end: "31-10-2025".into(),
            status: "Gesloten".into(),
            ministry: "Ministerie van Testzaken".into(),
            documents: vec![],
            responses,
        });
    }
    site
}

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
    support::crawl(
        &index,
        &server.url(),
        &["wetsekswerk", "wetgemeenten", "wetzorg"],
    );
    let register = json(&index, &["organisations", "--format", "json"]);
    let list = register.as_array().unwrap();
    // Each organisation's responses, as the register groups them.
    let mut found: Vec<BTreeSet<String>> = Vec::new();
    for o in list {
        let id = o["id"].as_str().unwrap();
        let detail = json(&index, &["organisations", "--id", id, "--format", "json"]);
        let ids: BTreeSet<String> = detail["responses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["response_id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids.len() as u64, o["responses"].as_u64().unwrap(), "{o}");
        found.push(ids);
    }
    let want = expected();
    let want_groups: Vec<&BTreeSet<String>> = want.values().collect();
    // Pairwise precision and recall: of the pairs of responses the register puts together,
    // how many belong together, and of those that belong together, how many it puts together.
    let pairs = |groups: &[&BTreeSet<String>]| -> BTreeSet<(String, String)> {
        let mut p = BTreeSet::new();
        for g in groups {
            for a in g.iter() {
                for b in g.iter() {
                    if a < b {
                        p.insert((a.clone(), b.clone()));
                    }
                }
            }
        }
        p
    };
    let got = pairs(&found.iter().collect::<Vec<_>>());
    let truth = pairs(&want_groups);
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
