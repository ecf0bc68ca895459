//! A consultation of template copies for the campaign tests: a template and edited copies
//! (reordered, a paragraph added, a name changed), a translation and an unrelated response that
//! must stay apart, two "zie bijlage" responses whose attachments are one letter, and
//! organisations known by their name, their letterhead and "namens".

use super::docx::{make_docx, Block};
use super::server::FixtureSite;
use super::site::{FixtureConsultation, FixtureResponse};

pub const SLUG: &str = "sjabloonwet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

pub const TEMPLATE: &str = "Ik wil mijn zorgen uiten over het voorstel om de verblijfsduur voor \
    naturalisatie te verlengen van vijf naar tien jaar. Deze wijziging raakt internationale \
    gezinnen die hun leven in Nederland hebben opgebouwd. Veel kinderen zijn hier op jonge \
    leeftijd gekomen en spreken vloeiend Nederlands. De eis van tien jaar ononderbroken verblijf \
    houdt geen rekening met de realiteit. Ik verzoek u dit voorstel te heroverwegen.";
pub const REORDERED: &str =
    "Veel kinderen zijn hier op jonge leeftijd gekomen en spreken vloeiend \
    Nederlands. Ik wil mijn zorgen uiten over het voorstel om de verblijfsduur voor naturalisatie \
    te verlengen van vijf naar tien jaar. Deze wijziging raakt internationale gezinnen die hun \
    leven in Nederland hebben opgebouwd. De eis van tien jaar ononderbroken verblijf houdt geen \
    rekening met de realiteit. Ik verzoek u dit voorstel te heroverwegen.";
pub const ADDED: &str = "Mijn dochter is hier geboren en kent geen ander land dan Nederland.";
pub const TRANSLATION: &str = "I want to express my concerns about the proposal to extend the \
    residence period for naturalisation from five to ten years. This change affects international \
    families who have built their lives in the Netherlands. Many children came here at a young \
    age and speak fluent Dutch. The requirement of ten years of uninterrupted residence ignores \
    reality. I ask you to reconsider this proposal.";
pub const OTHER: &str =
    "De IND heeft nu al lange wachttijden en deze wet maakt dat erger, want er \
    komen meer aanvragen bij en de procedures worden ingewikkelder voor iedereen die hier werkt \
    en belasting betaalt sinds jaren zonder ooit een probleem te hebben gehad.";
pub const LETTER: [&str; 4] = [
    "Aan de minister van Asiel en Migratie",
    "Met deze brief vragen wij u de termijn voor naturalisatie niet te verdubbelen, omdat \
     nieuwkomers daardoor jarenlang in onzekerheid leven over hun toekomst in dit land.",
    "Een langere termijn ontmoedigt inburgering in plaats van die te bevorderen, blijkt uit \
     onderzoek naar eerdere verlengingen in andere Europese landen met vergelijkbare regels.",
    "Wij verzoeken u het wetsvoorstel in te trekken en eerst de gevolgen voor gezinnen te laten \
     onderzoeken door een onafhankelijke commissie.",
];

pub fn uuid(i: usize) -> String {
    format!("5a000000-0000-4000-8000-{i:012}")
}

pub fn response(
    i: usize,
    name: &str,
    day: u32,
    text: &str,
    attachment: Option<u32>,
) -> FixtureResponse {
    FixtureResponse {
        uuid: uuid(i),
        name: name.into(),
        place: "Leiden".into(),
        date: format!("{day} oktober 2025"),
        time: "10:00".into(),
        answers: vec![("Vraag1".into(), text.into())],
        attachment,
    }
}

pub fn site() -> FixtureSite {
    let renamed = TEMPLATE.replace("Ik verzoek u", "Ik, Fatima uit Leiden, verzoek u");
    let responses = vec![
        response(0, "Anoniem", 1, TEMPLATE, None),
        response(1, "J. de Vries", 2, REORDERED, None),
        response(
            2,
            "ING (Mr A. Bakker)",
            3,
            &format!("{TEMPLATE}\n{ADDED}"),
            None,
        ),
        response(3, "F. el Amrani", 3, &renamed, None),
        response(4, "S. Smith", 4, TRANSLATION, None),
        response(5, "K. Visser", 4, OTHER, None),
        response(
            6,
            "Stichting Nieuwkomers Nederland",
            5,
            "Wij vragen de regering de termijn van vijf jaar te behouden voor iedereen.",
            None,
        ),
        response(
            7,
            "P. Jansen",
            5,
            "Namens de vereniging van taalscholen reageren wij op dit voorstel: inburgering \
             begint met de zekerheid dat je mag blijven.",
            None,
        ),
        response(8, "M. de Boer", 6, "Zie bijlage.", Some(801)),
        response(9, "Anoniem", 7, "Zie de bijgevoegde brief.", Some(802)),
    ];
    let mut s = FixtureSite {
        consultations: vec![FixtureConsultation {
            slug: SLUG.into(),
            title: "Wet verlenging naturalisatietermijn".into(),
            summary: vec!["Een wet om de termijn te verlengen.".into()],
            start: "01-10-2025".into(),
            end: "31-10-2025".into(),
            status: "Actief".into(),
            ministry: "Ministerie van Asiel en Migratie".into(),
            documents: vec![],
            responses,
        }],
        robots: "User-agent: *\nAllow: /\n".into(),
        per_page: 100,
        ..Default::default()
    };
    // One letter in two attachments: one on a letterhead, one without.
    let with_head: Vec<Block> = std::iter::once(Block::Paragraph("Vereniging Ondernemers Oost"))
        .chain(LETTER.iter().map(|p| Block::Paragraph(p)))
        .collect();
    let plain: Vec<Block> = LETTER.iter().map(|p| Block::Paragraph(p)).collect();
    s.attachments.insert(
        (SLUG.into(), 801),
        (DOCX.into(), make_docx(&with_head, &[], None)),
    );
    s.attachments.insert(
        (SLUG.into(), 802),
        (DOCX.into(), make_docx(&plain, &[], None)),
    );
    s
}

/// The document id of response `i`.
pub fn r(i: usize) -> String {
    format!("r-{}", uuid(i))
}
