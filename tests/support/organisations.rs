//! The organisation register's fixture: three consultations where eight organisations respond
//! under variant names (legal form dropped, abbreviation added, "Nederland" dropped, a person
//! named beside the organisation who writes for it, one known only from its PDF letterhead),
//! two organisations with confusable names, a person who names an employer but writes for
//! themselves, and private persons who share a name across consultations.

use super::fixture::response;
use super::server::FixtureSite;
use super::site::FixtureConsultation;

pub fn uuid(c: usize, n: usize) -> String {
    format!("0a0a0a0a-0000-4000-8000-{c:04}{n:08}")
}

/// (consultation, name, text, letterhead PDF, the organisation it is — None for a person).
pub type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

pub const ROWS: &[Row] = &[
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

pub fn site() -> FixtureSite {
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
                    ("application/pdf".into(), super::pdf::make_pdf(&[letter])),
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

/// The register's groups as `organisations --format json` and `--id` give them: per
/// organisation, its name and its responses' ids.
pub fn groups(index: &std::path::Path) -> Vec<(String, std::collections::BTreeSet<String>)> {
    let json = |args: &[&str]| super::json_of(super::inspraak(index).args(args));
    let register = json(&["organisations", "--format", "json"]);
    let mut out = Vec::new();
    for o in register.as_array().unwrap() {
        let id = o["id"].as_str().unwrap();
        let detail = json(&["organisations", "--id", id, "--format", "json"]);
        let ids: std::collections::BTreeSet<String> = detail["responses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["response_id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids.len() as u64, o["responses"].as_u64().unwrap(), "{o}");
        out.push((o["name"].as_str().unwrap().to_string(), ids));
    }
    out
}

/// The pairs of responses that groups put together, for pairwise precision and recall.
pub fn pairs<'a>(
    groups: impl Iterator<Item = &'a std::collections::BTreeSet<String>>,
) -> std::collections::BTreeSet<(String, String)> {
    let mut p = std::collections::BTreeSet::new();
    for g in groups {
        for a in g {
            for b in g {
                if a < b {
                    p.insert((a.clone(), b.clone()));
                }
            }
        }
    }
    p
}
