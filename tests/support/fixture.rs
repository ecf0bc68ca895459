//! The fixture site the end-to-end tests crawl: two consultations, a listing over three pages,
//! responses in Dutch, English and German with one and several questions, a PDF attachment, a
//! truncated PDF, a consultation document, a robots.txt that disallows one response, and a
//! response that answers 503 once.

use super::pdf::make_pdf;
use super::server::FixtureSite;
use super::site::{FixtureConsultation, FixtureResponse};

pub const R_JAN: &str = "19fd1f71-5a1d-405c-bbc9-708d7941fb85";
pub const R_STICHTING: &str = "6258842e-7c0d-44af-b2b7-3063a9f85b4e";
pub const R_ENGLISH: &str = "515e5293-7086-4e73-a4fa-92e6afb24d60";
pub const R_GERMAN: &str = "49c2a7e7-ebdd-4916-808e-f3c143bbc198";
pub const R_LEDEN: &str = "8ff1237d-0749-43b6-86f4-04154d6c06ca";
pub const R_GELEDEN: &str = "3067682b-a628-486f-8934-f88d8ebc2f46";
pub const R_CORRUPT: &str = "35ea14db-682a-40c1-9efa-46cec1b515b0";
pub const R_DISALLOWED: &str = "e5af4ff2-e828-4ead-bb7d-2511ad44c9ba";
/// Listed, but its page is a maintenance page without a response on it.
pub const R_UNPARSED: &str = "2d8e1c44-95a0-4d3e-8f0b-6a1b2c3d4e5f";
pub const R_OTHER: &str = "9c21c0da-ceff-477e-ba17-8b100cff4560";

pub fn response(
    uuid: &str,
    name: &str,
    place: &str,
    date: &str,
    answers: &[(&str, &str)],
    attachment: Option<u32>,
) -> FixtureResponse {
    FixtureResponse {
        uuid: uuid.to_string(),
        name: name.to_string(),
        place: place.to_string(),
        date: date.to_string(),
        time: "12:00".to_string(),
        answers: answers
            .iter()
            .map(|(q, a)| (q.to_string(), a.to_string()))
            .collect(),
        attachment,
    }
}

pub fn fixture() -> FixtureSite {
    let testwet = FixtureConsultation {
        slug: "testwet".into(),
        title: "Wet regulering testwerk".into(),
        summary: vec!["Dit wetsvoorstel regelt een vergunningplicht voor testbedrijven.".into()],
        start: "01-09-2025".into(),
        end: "15-10-2025".into(),
        status: "Gesloten".into(),
        ministry: "Ministerie van Justitie en Veiligheid".into(),
        documents: vec![(101, "Memorie van toelichting".into())],
        responses: vec![
            response(
                R_JAN,
                "Jan Jansen",
                "Utrecht",
                "1 oktober 2025",
                &[("Vraag1", "Ik vind dit voorstel onverstandig.\nDe appelflapregeling is geïntegreerd in de oude wet en werkt prima. De regering moet luisteren naar sekswerkers.")],
                None,
            ),
            response(
                R_STICHTING,
                "Stichting Voorbeeld",
                "Amsterdam",
                "2 oktober 2025",
                &[
                    ("Wat vindt u van de vergunningplicht?", "Wij zijn tegen de vergunningplicht vanwege de perenboomtoets."),
                    ("Wat vindt u van de registratie?", "Registratie brengt privacyrisico's mee voor alle betrokkenen."),
                    ("Overige opmerkingen", "Zie onze bijlage."),
                ],
                Some(7001),
            ),
            response(
                R_ENGLISH,
                "Red Umbrella Collective",
                "Rotterdam",
                "3 oktober 2025",
                &[("Vraag1", "We strongly oppose this bill because the gooseberry clause puts workers at risk and pushes them away from health services.")],
                None,
            ),
            response(
                R_GERMAN,
                "Beratungsstelle Dortmund",
                "Dortmund",
                "4 oktober 2025",
                &[("Vraag1", "Die Erfahrungen mit dem Prostituiertenschutzgesetz in Deutschland zeigen, dass die Anmeldepflicht viele Frauen in die Illegalität drängt. Die Stachelbeerregel hat nicht geholfen.")],
                None,
            ),
            response(
                R_LEDEN,
                "Vereniging Leden",
                "Den Haag",
                "5 oktober 2025",
                &[("Vraag1", "Onze leden zijn ongerust over de nieuwe plicht voor bedrijven in deze branche.")],
                None,
            ),
            response(
                R_GELEDEN,
                "Anoniem",
                "Zwolle",
                "6 oktober 2025",
                &[("Vraag1", "Twee jaar geleden is dezelfde plicht voor bedrijven in een andere branche mislukt.")],
                None,
            ),
            response(
                R_CORRUPT,
                "Kapotte Bijlage B.V.",
                "Eindhoven",
                "7 oktober 2025",
                &[("Vraag1", "Zie de bijlage met onze kruisbessenanalyse.")],
                Some(7002),
            ),
            response(
                R_UNPARSED,
                "Onleesbare Pagina",
                "Leiden",
                "9 oktober 2025",
                &[("Vraag1", "Deze tekst komt nooit op de pagina.")],
                None,
            ),
            response(
                R_DISALLOWED,
                "Verborgen Persoon",
                "Groningen",
                "8 oktober 2025",
                &[("Vraag1", "Dit woord verbodenvrucht mag nooit opgehaald worden.")],
                None,
            ),
        ],
    };
    let tweedewet = FixtureConsultation {
        slug: "tweedewet".into(),
        title: "Wet tweede toezicht".into(),
        summary: vec!["Gemeenten krijgen toezicht op seksbedrijven.".into()],
        start: "01-11-2025".into(),
        end: "01-12-2025".into(),
        status: "Actief".into(),
        ministry: "Ministerie van Binnenlandse Zaken".into(),
        documents: vec![],
        responses: vec![response(
            R_OTHER,
            "Gemeente Voorbeeldstad",
            "Voorbeeldstad",
            "2 november 2025",
            &[(
                "Vraag1",
                "De gemeente vraagt om een overgangstermijn voor de vergunningplicht.",
            )],
            None,
        )],
    };
    let mut site = FixtureSite {
        consultations: vec![testwet, tweedewet],
        robots: format!(
            "User-agent: *\nDisallow: /testwet/reactie/{R_DISALLOWED}\nDisallow: /zoeken\n"
        ),
        per_page: 3,
        ..Default::default()
    };
    site.attachments.insert(
        ("testwet".into(), 7001),
        (
            "application/pdf".into(),
            make_pdf(&[
                "Position paper Stichting Voorbeeld\nInleiding",
                "Hoofdstuk 2\nDe kersenpitmethode is ongeschikt voor toezicht.",
            ]),
        ),
    );
    // A PDF cut off halfway, as a broken download would be.
    let broken = make_pdf(&["Dit zal niemand lezen"]);
    site.attachments.insert(
        ("testwet".into(), 7002),
        (
            "application/pdf".into(),
            broken[..broken.len() / 3].to_vec(),
        ),
    );
    site.documents.insert(
        ("testwet".into(), 101),
        make_pdf(&["Memorie van toelichting\nHet memoriewoord staat hier."]),
    );
    site.replace.insert(
        format!("/testwet/reactie/{R_UNPARSED}"),
        "<html><body><header>Overheid.nl</header><div id=\"content\"><h1>Onderhoud</h1>\
         <p>Deze pagina is tijdelijk niet beschikbaar.</p></div></body></html>"
            .to_string(),
    );
    // The first answer for Jan's response is a 503: the crawler must retry it.
    site.fail_first
        .insert(format!("/testwet/reactie/{R_JAN}"), 1);
    site
}
