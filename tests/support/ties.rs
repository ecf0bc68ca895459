//! A held-out fixture for tie-breaking and determinism: one closed consultation (a made-up
//! bill on an own contribution for school transport, "leerlingenvervoer") with 70 responses,
//! ten to a listing page, shaped the way real consultations vary. It was written from a
//! description of real data (bursts of responses on a few days, copy-paste campaigns, "zie
//! bijlage" letters, organisations typed as people type them, anonymous and empty responses,
//! PDFs that break words at line ends), before the code it tests, and not fitted to it: all
//! names and texts are invented.
//!
//! The responses are in the fixture's listing order, which is the convention of `growing.rs`
//! and `campaigns.rs`: position `i` in the list is `uuid(i)`, and the list runs oldest first
//! (newest last). Groups, by index:
//!
//! - 0–5 (2 and 9 september): early individual texts; 4 is "Anoniem" and posted in the same
//!   minute (11:02) as 5.
//! - 6, 7, 26 (16 september): individual texts; 6 (Gerda Post, Zwolle) quotes one sentence of
//!   the campaign template in a text of her own and signs with name and place; 26 names another
//!   respondent (Lotte van Leeuwen, 18) in his text.
//! - 8–25 (16 september, 20:01–20:20): the campaign burst. [`TEMPLATE`] byte-identical in 15
//!   responses (8, 9, 10, 11, 12, 14, 15, 16, 18, 19, 20, 22, 23, 24, 25; 11 is "Anoniem"),
//!   several sharing a minute; edited copies 13, 17, 21.
//! - 27–36 (17 september): edited copies 27, 28, 30, 32, 34 (a greeting, a sentence added, the
//!   last sentence changed, "Met vriendelijke groet, <name>"); individual texts 29, 31, 33, 35,
//!   36 (36 in English). 31 is a second "Anna de Jong" (Breda; the first, 8, is from
//!   Groningen).
//! - 37–41 (22 september): [`TEMPLATE_B`] byte-identical from 38 and 39, same day and same
//!   minute; 40 has the "gezinnen" sentence unbroken in her web answer; 41 writes "e-mail".
//! - 42–53 (26 september): the "zie bijlage" campaign 43, 44, 45, 47 (web answers "Zie
//!   bijlage." or "zie de bijlage", the same PDF letter [`LETTER_C`]); organisations 42, 48, 49,
//!   51; individual texts 46 (mentions the letter's signatory), 50, 52, 53.
//! - 54–69 (29 september, the last day): organisations 55, 56 (its letter a Word file), 59,
//!   64; 57 an individual whose PDF [`HYPHEN_PDF`] breaks "gezin-" / "nen" and "Noord-" /
//!   "Holland" at line ends and has "e-mail" whole; 58 has no answers at all and 62 one empty
//!   answer, neither an attachment; the rest individual texts, 66 and 67 in the same minute.
//!
//! Organisations: 42, 48, 49, 51, 55, 56, 59, 64 (four write "namens onze leden": 48, 51, 56 in
//! its attachment, 64). Anonymous: 4, 11. Every other response is a private individual, listed
//! with place by [`individuals`].

use super::docx::{make_docx, Block};
use super::pdf::make_pdf;
use super::server::FixtureSite;
use super::site::{FixtureConsultation, FixtureResponse};

pub const SLUG: &str = "eigenbijdrageleerlingenvervoer";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const DOCUMENT: u32 = 611;

/// The UUID of response `i` (its position in the listing).
pub fn uuid(i: usize) -> String {
    format!("00000000-0000-4000-9000-{i:012}")
}

/// The attachment number of response `i`, when it has one.
fn attachment_number(i: usize) -> u32 {
    7300 + i as u32
}

/// The campaign template (about 80 words), posted verbatim by 15 respondents.
pub const TEMPLATE: &str = "Ik maak mij grote zorgen over de eigen bijdrage voor het \
    leerlingenvervoer. Voor veel gezinnen met een kind met een \
    beperking is aangepast vervoer de enige manier om naar school te gaan.\nEen eigen bijdrage \
    treft juist de ouders die het al zwaar hebben. Zij werken vaak minder uren om de zorg thuis \
    te kunnen dragen. Elk kind heeft recht op onderwijs, ongeacht het inkomen van zijn ouders. Ik \
    vraag u daarom dit voorstel in te trekken en het leerlingenvervoer kosteloos te houden.";

/// The template's last sentence, which three edited copies change.
const LAST: &str =
    "Ik vraag u daarom dit voorstel in te trekken en het leerlingenvervoer kosteloos te houden.";

/// The second template (about 60 words), posted verbatim by exactly two respondents.
pub const TEMPLATE_B: &str = "Als taxichauffeur in het leerlingenvervoer zie ik elke dag hoe \
    belangrijk vaste ritten en vaste gezichten zijn voor kinderen met autisme. Een eigen bijdrage \
    zal ertoe leiden dat ouders hun kind zelf gaan brengen of thuis houden. Daardoor worden de \
    routes onvoorspelbaar en duurder voor de kinderen die overblijven. Ik vraag u eerst met \
    vervoerders en chauffeurs te overleggen voordat dit voorstel verder gaat.";

/// The letter four respondents attach as the same PDF (one page, a line per `\n`).
pub const LETTER_C: &str = "Aan de minister van Onderwijs, Cultuur en Wetenschap\n\
    Betreft: consultatie eigen bijdrage leerlingenvervoer\n\
    \n\
    Wij zijn ouders van leerlingen in het speciaal onderwijs in de regio Amstelland.\n\
    Het voorstel legt de kosten van het vervoer bij de gezinnen die ze het minst kunnen dragen.\n\
    Wij verzoeken u een hardheidsclausule op te nemen voor ouders met een laag inkomen\n\
    en voor gezinnen met meer dan een kind in het speciaal onderwijs.\n\
    \n\
    Ouderraad De Regenboog";

/// One individual's PDF (one page, a line per `\n`): "gezin-" / "nen" is a word broken at a
/// line end, "Noord-" / "Holland" a hyphenated word whose hyphen falls at a line end, "e-mail"
/// is whole.
pub const HYPHEN_PDF: &str = "Reactie op het wetsvoorstel eigen bijdrage leerlingenvervoer\n\
    Ruben van der Meulen, Alkmaar\n\
    \n\
    Onze zoon van negen gaat elke dag met de taxibus naar een school voor speciaal\n\
    onderwijs in Heerhugowaard. Zonder dat vervoer kan hij niet naar school. Voor gezin-\n\
    nen met een kind in het speciaal onderwijs is de taxibus geen luxe maar een noodzaak.\n\
    Hier in het noorden van de provincie zijn de afstanden groot, zeker in de kop van Noord-\n\
    Holland, en er rijdt geen openbaar vervoer dat geschikt is voor onze zoon.\n\
    Wij hebben de gemeente hierover al eerder een e-mail gestuurd, maar nooit antwoord gekregen.\n\
    Ik vraag u het vervoer voor deze kinderen gratis te houden.\n\
    \n\
    Met vriendelijke groet,\n\
    Ruben van der Meulen";

/// The Word letter of "stichting Kind & Vervoer", a paragraph each.
const LETTER_KIND_EN_VERVOER: &[&str] = &[
    "Stichting Kind & Vervoer",
    "Arnhem, 29 september 2025",
    "Geachte minister,",
    "Namens onze leden, ouders van ruim driehonderd kinderen in Gelderland, reageren wij op het \
     voorstel voor een eigen bijdrage in het leerlingenvervoer.",
    "Wij begrijpen dat de kosten van het leerlingenvervoer stijgen. De oplossing ligt echter niet \
     bij de ouders, maar bij een betere planning van de routes en langere contracten met \
     vervoerders.",
    "Met vriendelijke groet,",
    "Het bestuur van stichting Kind & Vervoer",
];

/// Whole sentences several responses share, with the number of distinct responses whose text
/// (answers or attachment) holds the sentence word for word. The PDF of response 57 counts for
/// the "gezinnen" sentence, though its "gezinnen" is broken over two lines as "gezin-" / "nen".
pub const SHARED: &[(&str, usize)] = &[
    // The 15 verbatim copies, the 8 edited ones and response 6, which quotes it.
    (
        "Elk kind heeft recht op onderwijs, ongeacht het inkomen van zijn ouders.",
        24,
    ),
    // The 15 verbatim copies and the 8 edited ones.
    (
        "Zij werken vaak minder uren om de zorg thuis te kunnen dragen.",
        23,
    ),
    // The template's last sentence: 15 verbatim, 5 edited (27, 30 and 34 change it).
    (
        "Ik vraag u daarom dit voorstel in te trekken en het leerlingenvervoer kosteloos te houden.",
        20,
    ),
    // The two-member campaign, 38 and 39.
    (
        "Een eigen bijdrage zal ertoe leiden dat ouders hun kind zelf gaan brengen of thuis houden.",
        2,
    ),
    // The PDF letter of 43, 44, 45 and 47.
    (
        "Het voorstel legt de kosten van het vervoer bij de gezinnen die ze het minst kunnen dragen.",
        4,
    ),
    // 40 in her web answer, 57 in his PDF ("gezin-" / "nen").
    (
        "Voor gezinnen met een kind in het speciaal onderwijs is de taxibus geen luxe maar een noodzaak.",
        2,
    ),
];

/// Queries a researcher would run; several have hits that tie (byte-identical texts).
#[allow(dead_code)] // for the tie-breaking tests of issue 22, not written yet
pub const QUERIES: &[&str] = &[
    // In the template's last sentence: 15 identical hits (a tie) and 5 edited copies.
    "kosteloos",
    // Only in TEMPLATE_B: two identical hits, 38 and 39, same date and minute.
    "taxichauffeur",
    // Only in LETTER_C: four identical attachments.
    "hardheidsclausule",
    // LETTER_C's signature (four identical) and response 46, which names the letter.
    "Regenboog",
    "autisme",
    "\"eigen bijdrage\"",
    "\"Elk kind heeft recht op onderwijs\"",
    "\"ongeacht het inkomen van zijn ouders\"",
    // 40 (web) and 57 (PDF, "gezin-" / "nen").
    "\"gezinnen met een kind in het speciaal onderwijs\"",
    "gezinnen",
    // 40 (web) and 57 (PDF, "Noord-" / "Holland").
    "\"Noord-Holland\"",
    "\"kop van Noord-Holland\"",
    // 41 (web) and 57 (PDF).
    "e-mail",
    "taxi*",
    "leerling*",
    "vervoer*",
    // 4 and 11.
    "author:Anoniem",
    // Two different people with one name: 8 (Groningen) and 31 (Breda).
    "author:\"Anna de Jong\"",
    // "Stichting Samen Naar School" and "stichting Kind & Vervoer".
    "author:stichting",
    "author:\"Gemeente Oldambt\"",
    "author:BOLV",
    // 18 by name; 26 names her in his text.
    "\"Lotte van Leeuwen\"",
    "author:\"van Leeuwen\"",
    "hardheidsclausule OR taxichauffeur",
    // The verbatim copies and one edited copy without a signature: a tie of 15 and one more.
    "kosteloos -groet",
    "\"namens onze leden\"",
    "\"Met vriendelijke groet\"",
    "\"zie bijlage\"",
    "Zwolle",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Person,
    Organisation,
    Anonymous,
}

enum Attachment {
    /// One page, a line per `\n`.
    Pdf(&'static str),
    /// A paragraph each.
    Docx(&'static [&'static str]),
}

struct Row {
    kind: Kind,
    name: &'static str,
    place: &'static str,
    day: u32,
    time: &'static str,
    answers: Vec<(String, String)>,
    attachment: Option<Attachment>,
}

impl Row {
    fn with(mut self, a: Attachment) -> Row {
        self.attachment = Some(a);
        self
    }
}

fn row(
    kind: Kind,
    name: &'static str,
    place: &'static str,
    day: u32,
    time: &'static str,
    text: impl Into<String>,
) -> Row {
    Row {
        kind,
        name,
        place,
        day,
        time,
        answers: vec![("Vraag1".into(), text.into())],
        attachment: None,
    }
}

fn person(
    name: &'static str,
    place: &'static str,
    day: u32,
    time: &'static str,
    text: impl Into<String>,
) -> Row {
    row(Kind::Person, name, place, day, time, text)
}

fn org(
    name: &'static str,
    place: &'static str,
    day: u32,
    time: &'static str,
    text: impl Into<String>,
) -> Row {
    row(Kind::Organisation, name, place, day, time, text)
}

/// A verbatim copy of the template, on the campaign's day.
fn copy(name: &'static str, place: &'static str, time: &'static str) -> Row {
    let kind = if name == "Anoniem" {
        Kind::Anonymous
    } else {
        Kind::Person
    };
    row(kind, name, place, 16, time, TEMPLATE)
}

/// Every response, oldest first, as the fixture's listing shows them.
fn rows() -> Vec<Row> {
    let changed = |last: &str| TEMPLATE.replace(LAST, last);
    vec![
        // 2 september.
        person(
            "Bas van der Wal",
            "Meppel",
            2,
            "08:47",
            "Eindelijk een kabinet dat durft te kiezen. Het leerlingenvervoer kost gemeenten elk \
             jaar meer geld en een redelijke eigen bijdrage voor ouders die het kunnen betalen \
             vind ik niet meer dan normaal.",
        ),
        person(
            "Annelies de Vos",
            "Zeist",
            2,
            "13:10",
            "Hoe wordt de eigen bijdrage berekend? Het voorstel noemt een inkomensgrens, maar niet \
             of het om het inkomen van één ouder of van het hele huishouden gaat.\nGraag \
             verduidelijking in de memorie van toelichting.",
        ),
        person("Henk van den Broek", "Kampen", 2, "21:55", "Slecht plan."),
        // 9 september.
        person(
            "Yvonne van Dongen",
            "Rijswijk",
            9,
            "07:30",
            "Onze dochter gaat naar een school voor zeer moeilijk lerende kinderen op 25 kilometer \
             afstand. Er is geen school dichterbij die haar kan opvangen. Wij hebben niet gekozen \
             voor die afstand, de afstand is ons overkomen.",
        ),
        row(
            Kind::Anonymous,
            "Anoniem",
            "Eindhoven",
            9,
            "11:02",
            "Ik werk als ambtenaar leerlingenvervoer bij een gemeente. De eigen bijdrage gaat meer \
             kosten aan administratie dan hij oplevert. Elk bezwaarschrift moet worden behandeld \
             en elke inkomenstoets moet worden gecontroleerd.",
        ),
        person(
            "Joris van Schaik",
            "Utrecht",
            9,
            "11:02",
            "Ik steun het voorstel. Wie kiest voor een school ver van huis, mag daar best aan \
             meebetalen.",
        ),
        // 16 september: two texts in the day, the campaign in the evening.
        person(
            "Gerda Post",
            "Zwolle",
            16,
            "09:12",
            "Ik woon al twintig jaar in Zwolle en heb drie kinderen grootgebracht, van wie één met \
             het syndroom van Down. Zonder het leerlingenvervoer had hij nooit naar school gekund. \
             Elk kind heeft recht op onderwijs, ongeacht het inkomen van zijn ouders. Laat dat \
             ook zo blijven.\nGerda Post, Zwolle",
        ),
        person(
            "Arjen de Groot",
            "Deventer",
            16,
            "12:40",
            "Waarom wordt het leerlingenvervoer niet gewoon beter aanbesteed? Dan is er geen eigen \
             bijdrage nodig.",
        ),
        copy("Anna de Jong", "Groningen", "20:01"),
        copy("Pieter van Dijk", "Amersfoort", "20:01"),
        copy("Sanne van der Linden", "Zwolle", "20:02"),
        copy("Anoniem", "Deventer", "20:02"),
        copy("Thijs de Boer", "Apeldoorn", "20:02"),
        person(
            "Wouter van Beek",
            "Hengelo",
            16,
            "20:03",
            format!("Geachte minister,\n{TEMPLATE}\nMet vriendelijke groet, Wouter van Beek"),
        ),
        copy("Fleur van den Berg", "Utrecht", "20:04"),
        copy("Samira el Haddouti", "Rotterdam", "20:05"),
        copy("Joost ter Horst", "Enschede", "20:05"),
        person(
            "Noor de Ruiter",
            "Haarlem",
            16,
            "20:06",
            format!(
                "{TEMPLATE}\nOnze zoon reist elke dag drie kwartier met de taxibus naar zijn \
                 school in Heemstede."
            ),
        ),
        copy("Lotte van Leeuwen", "Leiden", "20:07"),
        copy("Ruud de Wit", "Almere", "20:08"),
        copy("Eva van 't Hof", "Gouda", "20:08"),
        person(
            "Esther van Vliet",
            "Delft",
            16,
            "20:09",
            format!("{TEMPLATE}\n\nMet vriendelijke groet, Esther van Vliet"),
        ),
        copy("Bram Verhoeven", "Tilburg", "20:11"),
        copy("Marieke van der Veen", "Assen", "20:14"),
        copy("Kevin de Graaf", "Dordrecht", "20:14"),
        copy("Ingrid Vermeulen", "Heerenveen", "20:20"),
        person(
            "Daan Hermans",
            "Maastricht",
            16,
            "22:47",
            "Mijn zus Lotte van Leeuwen stuurde mij een standaardtekst om hier te plaatsen, maar ik \
             schrijf liever zelf iets. Ik snap dat er bezuinigd moet worden, maar begin dan niet \
             bij de kinderen die het meest kwetsbaar zijn.",
        ),
        // 17 september: edited copies and individual texts.
        person(
            "Hans Bakker",
            "Emmen",
            17,
            "08:05",
            format!(
                "Geachte heer/mevrouw,\n{}",
                changed("Ik vraag u daarom dringend om af te zien van dit voorstel.")
            ),
        ),
        person(
            "Linda van Wijk",
            "Nijmegen",
            17,
            "08:05",
            format!(
                "{}\nMet vriendelijke groet, Linda van Wijk",
                TEMPLATE.replace(
                    "zwaar hebben.",
                    "zwaar hebben. Wij betalen nu al veel zorgkosten voor onze zoon die niet \
                     worden vergoed."
                )
            ),
        ),
        person(
            "Mirjam Huisman",
            "Ede",
            17,
            "09:30",
            "Wij hebben een zoon met een ernstige meervoudige beperking. Hij kan niet zitten zonder \
             aangepaste stoel en reist dus met een rolstoelbus. Een eigen bijdrage van enkele \
             honderden euro's per jaar kunnen wij niet opbrengen.\nMirjam Huisman uit Ede",
        ),
        person(
            "Gerrit Hoekstra",
            "Leeuwarden",
            17,
            "10:15",
            changed("Trek dit voorstel in."),
        ),
        person(
            "Anna de Jong",
            "Breda",
            17,
            "12:00",
            "Ik ben moeder van een zoon met autisme. De reis naar school is voor hem al spannend \
             genoeg. Als wij moeten gaan betalen, gaan wij hem zelf brengen, en dan kan ik niet \
             meer werken.\nMet vriendelijke groet, Anna de Jong, Breda",
        ),
        person(
            "Femke van der Heijden",
            "'s-Hertogenbosch",
            17,
            "12:00",
            format!(
                "{TEMPLATE}\nIk woon al vijftien jaar in 's-Hertogenbosch en heb nog nooit op een \
                 consultatie gereageerd.\nMet vriendelijke groet, Femke van der Heijden"
            ),
        ),
        person(
            "Stefan Willems",
            "Venlo",
            17,
            "14:22",
            "Het voorstel is onduidelijk over kinderen die in het weekend bij de andere ouder \
             wonen. Wie betaalt dan de eigen bijdrage, en voor welke ritten?",
        ),
        person(
            "Dennis Kok",
            "Purmerend",
            17,
            "16:45",
            format!(
                "Beste minister,\n{}\nMet vriendelijke groet, Dennis Kok",
                changed("Ik vraag u daarom dit voorstel in te trekken.")
            ),
        ),
        person(
            "Rik van Essen",
            "Harderwijk",
            17,
            "19:30",
            "Goed voorstel. Ouders mogen best wat meer verantwoordelijkheid nemen.",
        ),
        person(
            "Sophie Claassen",
            "Wageningen",
            17,
            "21:05",
            "As a parent of a child with a disability living in Wageningen, I object to this \
             proposal. Transport to a special school is not a luxury, it is the only way my \
             daughter can get an education.",
        ),
        // 22 september.
        person(
            "Wim van der Laan",
            "Barneveld",
            22,
            "10:10",
            "Ik breng mijn kleinzoon twee keer per week zelf naar school omdat de taxi vaak te laat \
             komt. Het vervoer moet eerst beter, dan pas kan er over betalen gepraat worden.",
        ),
        person("Karin Smits", "Venlo", 22, "12:30", TEMPLATE_B),
        person("Erik van Rijn", "Roermond", 22, "12:30", TEMPLATE_B),
        person(
            "Anouk Mulder",
            "Den Helder",
            22,
            "15:48",
            "Wij wonen in Den Helder, in de kop van Noord-Holland. Onze dochter heeft een \
             spierziekte en kan niet met de gewone bus reizen. Voor gezinnen met een kind in het \
             speciaal onderwijs is de taxibus geen luxe maar een noodzaak. De dichtstbijzijnde \
             passende school ligt bij ons op 35 kilometer.\nAnouk Mulder",
        ),
        person(
            "Frank de Koning",
            "Schagen",
            22,
            "20:20",
            "Ik heb hierover een e-mail gestuurd aan onze gemeenteraad en kreeg als antwoord dat de \
             gemeente er niets over te zeggen heeft. Dan vraag ik het hier: bedenk wat dit \
             betekent voor ouders op het platteland.",
        ),
        // 26 september: the "zie bijlage" letter and organisations.
        org(
            "Stichting Samen Naar School",
            "Utrecht",
            26,
            "09:00",
            "Stichting Samen Naar School zet zich in voor passend vervoer voor alle leerlingen die \
             niet zelfstandig naar school kunnen. Wij zien dat gemeenten nu al zeer verschillend \
             omgaan met de regels. Een landelijke eigen bijdrage zonder duidelijke uitzonderingen \
             vergroot die verschillen. Wij pleiten voor een vrijstelling voor leerlingen in het \
             speciaal onderwijs.",
        ),
        person("Jeroen de Lange", "Amstelveen", 26, "09:15", "Zie bijlage.")
            .with(Attachment::Pdf(LETTER_C)),
        person("Petra van Os", "Uithoorn", 26, "09:15", "zie de bijlage")
            .with(Attachment::Pdf(LETTER_C)),
        person("Martijn Dekker", "Aalsmeer", 26, "09:16", "Zie bijlage.")
            .with(Attachment::Pdf(LETTER_C)),
        person(
            "Hanneke Bos",
            "Amstelveen",
            26,
            "09:16",
            "Ik sluit mij aan bij de brief van ouderraad De Regenboog, die andere ouders als \
             bijlage hebben meegestuurd. Daarnaast vind ik de inkomensgrens in het voorstel veel \
             te laag.",
        ),
        person(
            "Monique van Dam",
            "Ouderkerk aan de Amstel",
            26,
            "10:40",
            "zie de bijlage",
        )
        .with(Attachment::Pdf(LETTER_C)),
        org(
            "Vereniging Ouders & Zorgleerlingen",
            "Amersfoort",
            26,
            "11:30",
            "Wij reageren namens onze leden, ruim 1.200 ouders van kinderen die dagelijks \
             gebruikmaken van het leerlingenvervoer. In een peiling onder onze leden gaven vier op \
             de vijf ouders aan dat een eigen bijdrage tot financiële problemen zou leiden. Wij \
             vragen de minister het voorstel niet in deze vorm in te dienen.",
        ),
        org(
            "Taxi Hendriks B.V. (dhr. P. Hendriks)",
            "Veghel",
            26,
            "13:05",
            "Als vervoerder rijden wij dagelijks meer dan veertig routes in het \
             leerlingenvervoer. Onze ervaring is dat elke verandering in de regels leidt tot \
             onrust bij ouders en chauffeurs. Wij vragen om een invoeringstermijn van minimaal één \
             schooljaar, zodat vervoerders en gemeenten de contracten kunnen aanpassen.",
        ),
        person(
            "Thomas van Gils",
            "Tiel",
            26,
            "15:20",
            "Mensen moeten niet denken dat alles gratis is. Een kleine bijdrage maakt ouders \
             bewuster van de kosten.",
        ),
        org(
            "BOLV",
            "Den Haag",
            26,
            "16:00",
            "BOLV reageert namens onze leden, de ouders en verzorgers in het Belangenoverleg \
             Leerlingenvervoer. Het voorstel is in strijd met het VN-verdrag inzake de rechten van \
             personen met een handicap. Kinderen met een beperking mogen niet meer betalen om naar \
             school te gaan dan andere kinderen.",
        ),
        person(
            "Lars de Vries",
            "Haarlem",
            26,
            "19:45",
            "Prima voorstel, het is tijd dat ouders bijdragen aan de kosten.",
        ),
        person(
            "Corinne van Leeuwen",
            "Den Haag",
            26,
            "22:10",
            "Ik ben leerkracht in het speciaal onderwijs in Den Haag. Veel van mijn leerlingen \
             komen uit gezinnen met weinig geld. Voor hen is een eigen bijdrage een reden om het \
             kind thuis te laten.",
        ),
        // 29 september, the last day.
        person(
            "Hester Smit",
            "Goes",
            29,
            "08:30",
            "Ik woon al dertig jaar in Goes. In Zeeland zijn de afstanden naar het speciaal \
             onderwijs groot, soms meer dan veertig kilometer. Een eigen bijdrage per kilometer \
             zou voor ons gezin onbetaalbaar zijn.\nHester Smit, Goes",
        ),
        org(
            "Gemeente Oldambt",
            "Winschoten",
            29,
            "09:05",
            "Het college van burgemeester en wethouders heeft kennisgenomen van het voorstel. In \
             onze gemeente zijn de afstanden naar scholen voor speciaal onderwijs groot. Wij \
             vrezen dat de inning van een eigen bijdrage hoge uitvoeringskosten met zich \
             meebrengt en verzoeken het Rijk deze kosten volledig te compenseren.",
        ),
        org(
            "stichting Kind & Vervoer",
            "Arnhem",
            29,
            "10:00",
            "Zie bijgevoegde brief.",
        )
        .with(Attachment::Docx(LETTER_KIND_EN_VERVOER)),
        person(
            "Ruben van der Meulen",
            "Alkmaar",
            29,
            "10:00",
            "Mijn reactie vindt u in de bijlage.",
        )
        .with(Attachment::Pdf(HYPHEN_PDF)),
        Row {
            answers: vec![],
            ..person("Tom Schouten", "Middelburg", 29, "11:11", "")
        },
        org(
            "Zorgvervoer Noord B.V.",
            "Groningen",
            29,
            "12:45",
            "Zorgvervoer Noord B.V. verzorgt het leerlingenvervoer in vijf gemeenten in Groningen \
             en Drenthe. Wij zien het aantal leerlingen elk jaar groeien, terwijl er te weinig \
             chauffeurs zijn. Een eigen bijdrage lost dat tekort niet op. Investeer liever in goede \
             arbeidsvoorwaarden voor chauffeurs.",
        ),
        person(
            "Lieke van Loon",
            "Oss",
            29,
            "13:13",
            "Ik ben voor een eigen bijdrage, maar dan wel naar draagkracht. Ouders met een hoog \
             inkomen kunnen best iets betalen, ouders met een minimuminkomen niet.",
        ),
        person(
            "Nadia Benali",
            "Amsterdam",
            29,
            "14:02",
            "Mijn zoon heeft een ernstige vorm van epilepsie. De chauffeur van de taxibus weet wat \
             hij moet doen als hij een aanval krijgt. Dat kan ik op de fiets of in het openbaar \
             vervoer niet garanderen.",
        ),
        person("Iris de Haan", "Hilversum", 29, "14:02", ""),
        person(
            "Jan-Willem de Bruijn",
            "Bussum",
            29,
            "15:30",
            "Kan het ministerie aangeven hoeveel de eigen bijdrage naar verwachting oplevert, en \
             hoeveel de uitvoering kost? Zonder die cijfers is dit voorstel niet te beoordelen.",
        ),
        org(
            "Vereniging van Schoolbesturen Speciaal Onderwijs (VSSO)",
            "Utrecht",
            29,
            "16:59",
            "De VSSO reageert namens onze leden, schoolbesturen in het speciaal onderwijs in het \
             hele land. Scholen voor speciaal onderwijs hebben een regionale functie: leerlingen \
             komen van ver, omdat er dichterbij geen passend aanbod is. Ouders kiezen niet voor die \
             afstand. Een eigen bijdrage die oploopt met de afstand treft dus de verkeerde groep.",
        ),
        person(
            "Koen van Rossum",
            "Zutphen",
            29,
            "17:00",
            "Eens met het voorstel. Ook andere voorzieningen kennen een eigen bijdrage, waarom het \
             leerlingenvervoer niet?",
        ),
        person(
            "Marloes ten Brink",
            "Enschede",
            29,
            "21:30",
            "Als intern begeleider op een school voor speciaal basisonderwijs zie ik dagelijks hoe \
             belangrijk het vervoer is. Leerlingen die zelf gebracht worden, komen vaak te laat of \
             helemaal niet. Dit voorstel zal leiden tot meer schoolverzuim.",
        ),
        person(
            "Niels van der Meer",
            "Zoetermeer",
            29,
            "21:30",
            "Het leerlingenvervoer is een taak van de gemeente. Laat gemeenten zelf beslissen of ze \
             een eigen bijdrage vragen.",
        ),
        person(
            "Willemijn van Houten",
            "Leiden",
            29,
            "23:10",
            "Ik heb twee kinderen in het speciaal onderwijs, op twee verschillende scholen. Betaal \
             ik dan twee keer een eigen bijdrage? In het voorstel staat daar niets over.",
        ),
        person(
            "Ahmet Yilmaz",
            "Zaandam",
            29,
            "23:58",
            "Nog net op tijd: ik ben tegen dit voorstel. Het raakt de kinderen die het al het \
             moeilijkst hebben.",
        ),
    ]
}

/// The consultation, its document and the responses' attachments, ten responses to a listing
/// page.
pub fn site() -> FixtureSite {
    let rows = rows();
    let responses: Vec<FixtureResponse> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| FixtureResponse {
            uuid: uuid(i),
            name: r.name.into(),
            place: r.place.into(),
            date: format!("{} september 2025", r.day),
            time: r.time.into(),
            answers: r.answers.clone(),
            attachment: r.attachment.as_ref().map(|_| attachment_number(i)),
        })
        .collect();
    let mut site = FixtureSite {
        consultations: vec![FixtureConsultation {
            slug: SLUG.into(),
            title: "Wijziging van de onderwijswetten in verband met een eigen bijdrage voor het \
                    leerlingenvervoer"
                .into(),
            summary: vec![
                "Ouders van leerlingen die gebruikmaken van het leerlingenvervoer gaan een eigen \
                 bijdrage betalen, afhankelijk van hun inkomen en de afstand tot de school."
                    .into(),
                "Het kabinet wil hiermee de stijgende kosten van het leerlingenvervoer voor \
                 gemeenten beperken."
                    .into(),
            ],
            start: "01-09-2025".into(),
            end: "29-09-2025".into(),
            status: "Gesloten".into(),
            ministry: "Ministerie van Onderwijs, Cultuur en Wetenschap".into(),
            documents: vec![(DOCUMENT, "Wetsvoorstel en memorie van toelichting".into())],
            responses,
        }],
        robots: "User-agent: *\nDisallow: /zoeken\n".into(),
        per_page: 10,
        ..Default::default()
    };
    site.documents.insert(
        (SLUG.into(), DOCUMENT),
        make_pdf(&[
            "Wetsvoorstel eigen bijdrage leerlingenvervoer\n\
             Artikel I\n\
             Het college van burgemeester en wethouders kan van de ouders een bijdrage vragen\n\
             in de kosten van het vervoer, naar draagkracht en naar de afstand tot de school.",
            "Memorie van toelichting\n\
             De uitgaven aan het leerlingenvervoer zijn de afgelopen jaren sterk gestegen.\n\
             Dit voorstel geeft gemeenten een middel om een deel van die kosten terug te vragen.",
        ]),
    );
    for (i, r) in rows.iter().enumerate() {
        let Some(a) = &r.attachment else { continue };
        let file = match a {
            Attachment::Pdf(text) => ("application/pdf".to_string(), make_pdf(&[text])),
            Attachment::Docx(paragraphs) => {
                let blocks: Vec<Block> = paragraphs.iter().map(|p| Block::Paragraph(p)).collect();
                (DOCX.to_string(), make_docx(&blocks, &[], None))
            }
        };
        site.attachments
            .insert((SLUG.into(), attachment_number(i)), file);
    }
    site
}

/// (name, place) of every private individual, in listing order: not the organisations, not
/// "Anoniem". "Anna de Jong" is there twice, from Groningen and from Breda.
#[allow(dead_code)] // for the tie-breaking tests of issue 22, not written yet
pub fn individuals() -> Vec<(String, String)> {
    rows()
        .into_iter()
        .filter(|r| r.kind == Kind::Person)
        .map(|r| (r.name.to_string(), r.place.to_string()))
        .collect()
}
