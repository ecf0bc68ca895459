//! A consultation of any size, for tests and benchmarks of batch indexing: responses
//! `0..n` with a unique word each, ten to a listing page, a PDF on every tenth response.

use super::pdf::make_pdf;
use super::server::FixtureSite;
use super::site::{FixtureConsultation, FixtureResponse};

pub const SLUG: &str = "groeiwet";

pub fn uuid(i: usize) -> String {
    format!("00000000-0000-4000-8000-{i:012}")
}

pub fn word(i: usize) -> String {
    format!("kenmerk{i}x")
}

pub fn respondent(i: usize) -> FixtureResponse {
    FixtureResponse {
        uuid: uuid(i),
        name: format!("Inzender {i}"),
        place: "Utrecht".into(),
        date: format!("{} oktober 2025", 1 + i % 28),
        time: "10:00".into(),
        answers: vec![(
            "Vraag1".into(),
            format!(
                "Ik ben het niet eens met dit voorstel. Mijn nummer is {} en dat staat alleen hier.",
                word(i)
            ),
        )],
        attachment: (i % 10 == 3).then_some(9000 + i as u32),
    }
}

/// A consultation with responses 0..n (newest last), ten to a listing page, one document and a
/// PDF attachment on every tenth response.
pub fn site_with(n: usize) -> FixtureSite {
    let mut site = FixtureSite {
        consultations: vec![FixtureConsultation {
            slug: SLUG.into(),
            title: "Wet groeiende consultatie".into(),
            summary: vec!["Een consultatie die groeit.".into()],
            start: "01-10-2025".into(),
            end: "31-10-2025".into(),
            status: "Actief".into(),
            ministry: "Ministerie van Testzaken".into(),
            documents: vec![(501, "Wetsvoorstel".into())],
            responses: (0..n).map(respondent).collect(),
        }],
        robots: "User-agent: *\nDisallow: /zoeken\n".into(),
        per_page: 10,
        ..Default::default()
    };
    site.documents
        .insert((SLUG.into(), 501), make_pdf(&["Het wetsvoorstel zelf"]));
    for i in 0..n {
        add_attachment(&mut site, i);
    }
    site
}

pub fn add_attachment(site: &mut FixtureSite, i: usize) {
    if i % 10 == 3 {
        site.attachments.insert(
            (SLUG.into(), 9000 + i as u32),
            (
                "application/pdf".into(),
                make_pdf(&[&format!("Bijlage van inzender {i}: bijlagekenmerk{i}x")]),
            ),
        );
    }
}
