//! Publishers of cited reports, served inside the test on two loopback hosts: 127.0.0.2 (a
//! publisher) and 127.0.0.3 (a DOI resolver and another site). Pages carry the boilerplate real
//! report pages have (navigation, cookie banner, related links, footer) with words of their own,
//! so tests can check that only the article is indexed; files are long, Word, and broken in
//! every way the crawler must survive. Every request is recorded with its host.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::docx::{make_docx, Block};
use super::fixture::response;
use super::pdf::{make_pdf, make_pdf_with, PdfOptions};
use super::server::{FixtureSite, Server};
use super::site::FixtureConsultation;

/// Words only in boilerplate: none may be found after indexing.
pub const BOILERPLATE_WORDS: [&str; 4] = [
    "menukwispel",
    "koekjesmelding",
    "verwantschapslink",
    "voetnootbalk",
];
/// A word in the HTML article's text.
pub const ARTICLE_WORD: &str = "zwaluwstaartakkoord";
/// A word on page 7 (of 12) of the long PDF, and nowhere else.
pub const PAGE7_WORD: &str = "corncrake";
/// A word in the Word report's table.
pub const DOCX_WORD: &str = "boterbloemtelling";
/// A word in the German PDF behind the landing page.
pub const LANDING_PDF_WORD: &str = "Beratungsstellenfinanzierung";
/// A word in the French page at the end of the redirect chain.
pub const FRENCH_WORD: &str = "bergeronnette";
/// The DOI the DOI resolver's landing page declares.
pub const DOI: &str = "10.5555/wrs.2024.7";

/// Two running report hosts.
pub struct ReportHosts {
    /// 127.0.0.2: the publisher.
    pub a: SocketAddr,
    /// 127.0.0.3: a DOI resolver and an unrelated site.
    pub b: SocketAddr,
    requests: Arc<Mutex<Vec<(String, String)>>>,
}

#[derive(Clone)]
struct Shared {
    a: SocketAddr,
    b: SocketAddr,
    requests: Arc<Mutex<Vec<(String, String)>>>,
}

impl ReportHosts {
    /// Starts both hosts on free ports.
    pub fn start() -> ReportHosts {
        let la = std::net::TcpListener::bind("127.0.0.2:0").unwrap();
        let lb = std::net::TcpListener::bind("127.0.0.3:0").unwrap();
        let shared = Shared {
            a: la.local_addr().unwrap(),
            b: lb.local_addr().unwrap(),
            requests: Arc::new(Mutex::new(Vec::new())),
        };
        for l in [la, lb] {
            super::server::serve_in_background(
                l,
                axum::Router::new()
                    .fallback(handle)
                    .with_state(shared.clone()),
            );
        }
        ReportHosts {
            a: shared.a,
            b: shared.b,
            requests: shared.requests,
        }
    }

    /// A URL on the publisher.
    pub fn a(&self, path: &str) -> String {
        format!("http://{}{path}", self.a)
    }

    /// A URL on the other host.
    pub fn b(&self, path: &str) -> String {
        format!("http://{}{path}", self.b)
    }

    /// How often a URL was requested.
    pub fn hits(&self, url: &str) -> usize {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|(host, path)| format!("http://{host}{path}") == url)
            .count()
    }

    /// Every request so far: (host:port, path).
    pub fn requests(&self) -> Vec<(String, String)> {
        self.requests.lock().unwrap().clone()
    }
}

fn page(lang: &str, head: &str, article: &str) -> String {
    let [menu, cookie, related, foot] = BOILERPLATE_WORDS;
    format!(
        r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}
<script>var tracking = "{menu}";</script></head><body>
<div id="cookie-consent" class="cookie-banner"><p>Wij gebruiken cookies om de site te verbeteren
en {cookie} te meten. Met de knop accepteren stemt u in met alle cookies van deze website.</p>
<button>Accepteren</button><button>Weigeren</button></div>
<header class="site-header"><a href="/">Logo</a><nav class="main-menu"><ul>
<li><a href="/about">Over ons {menu}</a></li><li><a href="/news">Nieuws</a></li>
<li><a href="/publications">Publicaties</a></li><li><a href="/files/menu.pdf">Jaarverslag (PDF)</a></li>
<li><a href="/contact">Contact</a></li></ul></nav></header>
<main>{article}</main>
<aside class="related-links"><h2>Gerelateerd</h2><ul>
<li><a href="/files/other.pdf">Download een ander rapport {related}</a></li>
<li><a href="/news/1">Nieuwsbericht een</a></li><li><a href="/news/2">Nieuwsbericht twee</a></li></ul></aside>
<footer class="site-footer"><p>{foot} Copyright stichting voorbeeld. Alle rechten voorbehouden.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/cookies">Cookies</a></li></ul></footer>
</body></html>"#
    )
}

fn article_page() -> String {
    let head = r#"<title>Sekswerk en vergunningen | Stichting Voorbeeld</title>
<meta property="og:title" content="Sekswerk en vergunningen: een onderzoek">
<meta property="og:site_name" content="Stichting Voorbeeld">
<meta name="author" content="Dr. A. Onderzoeker">
<meta property="article:published_time" content="2023-09-14T09:00:00+02:00">"#;
    let mut body = String::from(
        "<article><h1>Sekswerk en vergunningen: een onderzoek</h1>\
         <p class=\"byline\">Door Dr. A. Onderzoeker</p>",
    );
    for i in 1..=6 {
        body.push_str(&format!(
            "<p>In paragraaf {i} van dit onderzoek beschrijven wij hoe gemeenten de \
             vergunningplicht voor sekswerkers uitvoeren. Sekswerkers vertellen dat registratie \
             hen kwetsbaar maakt, omdat gegevens over hun werk lang bewaard blijven en kunnen \
             uitlekken. De onderzoekers spraken met tientallen betrokkenen in vijf steden.</p>"
        ));
    }
    body.push_str(&format!(
        "<p>Het {ARTICLE_WORD} tussen gemeenten en hulpverleners is de belangrijkste \
         aanbeveling van dit rapport.</p></article>"
    ));
    page("nl", head, &body)
}

fn landing_page(a: SocketAddr, b: SocketAddr) -> String {
    let head = r#"<title>Evaluation ProstSchG – Landingsseite</title>
<meta property="og:title" content="Evaluation des Prostituiertenschutzgesetzes">
<meta property="og:site_name" content="Kriminologisches Forschungsinstitut">"#;
    let body = format!(
        r#"<div class="document"><h1>Evaluation des Prostituiertenschutzgesetzes</h1>
<p>Der Bericht untersucht die Wirkung des Gesetzes seit 2017.</p>
<a class="btn btn-primary" href="/files/evaluation.pdf" download>Bericht herunterladen (PDF)</a>
<p>Siehe auch <a href="http://{b}/offsite">eine andere Website</a> und
<a href="http://{a}/files/summary.html">die Zusammenfassung</a>.</p></div>"#
    );
    page("de", head, &body)
}

fn doi_landing() -> String {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><title>A meta-analysis</title>
<meta name="citation_title" content="Sex work laws and health: a meta-analysis">
<meta name="citation_author" content="Platt, Lucy">
<meta name="citation_publication_date" content="2018/12/11">
<meta name="citation_doi" content="{DOI}">
<meta name="citation_pdf_url" content="/pub/wrs-2024-7.pdf"></head>
<body><h1>Sex work laws and health</h1><p>Abstract only.</p></body></html>"#
    )
}

fn french_page() -> String {
    let mut body = String::from("<article><h1>Le travail du sexe en Europe</h1>");
    for i in 1..=5 {
        body.push_str(&format!(
            "<p>Dans la section {i}, les travailleuses du sexe décrivent les effets de la loi \
             sur leur santé et leur sécurité. Les associations demandent que les travailleuses \
             soient consultées avant toute réforme de la législation.</p>"
        ));
    }
    body.push_str(&format!(
        "<p>La {FRENCH_WORD} est le nom du projet de recherche.</p></article>"
    ));
    page(
        "fr",
        "<title>Le travail du sexe</title><meta property=\"og:site_name\" content=\"Observatoire\">",
        &body,
    )
}

fn long_pdf() -> Vec<u8> {
    let pages: Vec<String> = (1..=12)
        .map(|n| {
            let extra = if n == 7 {
                format!("\nThe {PAGE7_WORD} appears on this page only.")
            } else {
                String::new()
            };
            format!(
                "Annual enforcement report, page {n}.\nThe municipalities issued licences and \
                 inspected the businesses.\nThis page describes the findings of chapter {n}.{extra}"
            )
        })
        .collect();
    let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
    make_pdf_with(
        &refs,
        &PdfOptions {
            info: &[
                ("Title", "Annual enforcement report 2024"),
                ("CreationDate", "D:20241102120000Z"),
            ],
            ..Default::default()
        },
    )
}

fn pdf(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/pdf")], body).into_response()
}

fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

fn redirect(status: StatusCode, to: String) -> Response {
    Response::builder()
        .status(status)
        .header(header::LOCATION, to)
        .body(Body::empty())
        .unwrap()
}

async fn handle(State(s): State<Shared>, uri: Uri, headers: HeaderMap) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_string();
    let path = uri.path().to_string();
    s.requests
        .lock()
        .unwrap()
        .push((host.clone(), path.clone()));
    let on_a = host == s.a.to_string();
    match (on_a, path.as_str()) {
        (_, "/robots.txt") => "User-agent: *\nDisallow: /private/\n".into_response(),
        (true, "/article") => html(article_page()),
        (true, "/reports/long.pdf") => pdf(long_pdf()),
        (true, "/reports/brief.docx") => (
            [(
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )],
            make_docx(
                &[
                    Block::Paragraph("Notitie over de telling van meldingen in 2023."),
                    Block::Table(&[&["Jaar", "Telling"], &["2023", DOCX_WORD]]),
                ],
                &[],
                Some("Notitie meldingen"),
            ),
        )
            .into_response(),
        // A redirect chain across hosts: a → a → b.
        (true, "/old") => redirect(StatusCode::MOVED_PERMANENTLY, "/older".into()),
        (true, "/older") => redirect(StatusCode::FOUND, format!("http://{}/moved", s.b)),
        // An older site: Latin-1, declared only in the header.
        (false, "/moved") => (
            [(header::CONTENT_TYPE, "text/html; charset=iso-8859-1")],
            encoding_rs::WINDOWS_1252
                .encode(&french_page())
                .0
                .into_owned(),
        )
            .into_response(),
        (true, "/landing") => html(landing_page(s.a, s.b)),
        (true, "/files/evaluation.pdf") => pdf(make_pdf_with(
            &[
                &format!(
                    "Evaluation des Prostituiertenschutzgesetzes.\nDie {LANDING_PDF_WORD} ist \
                     nach Auskunft der Beratungsstellen unzureichend."
                ),
                "Die Anmeldepflicht schreckt viele Prostituierte ab.\nDie Beratung wird selten \
                 genutzt.",
            ],
            &PdfOptions {
                info: &[
                    ("Title", "Evaluation ProstSchG"),
                    ("CreationDate", "D:20250618"),
                ],
                ..Default::default()
            },
        )),
        (true, "/files/other.pdf" | "/files/menu.pdf" | "/files/summary.html") => {
            pdf(make_pdf(&["Must never be fetched"]))
        }
        (false, "/offsite") => html("<html><body>Must never be fetched</body></html>".into()),
        // A DOI resolver that sends the DOI to its publisher's landing page.
        (false, p) if p == format!("/{DOI}") => {
            redirect(StatusCode::FOUND, format!("http://{}/pub/wrs-2024-7", s.a))
        }
        // The resolver's `dx.` alias: the same DOI, the same landing page.
        (false, p) if p == format!("/dx/{DOI}") => redirect(
            StatusCode::MOVED_PERMANENTLY,
            format!("http://{}/pub/wrs-2024-7", s.a),
        ),
        (true, "/pub/wrs-2024-7") => html(doi_landing()),
        (true, "/pub/wrs-2024-7.pdf") => pdf(make_pdf(&[
            "Sex work laws and health: a systematic review and meta-analysis.\nRepressive \
             policing of sex work was associated with increased risk of violence.",
        ])),
        (true, "/broken/truncated.pdf") => {
            let whole = long_pdf();
            pdf(whole[..whole.len() / 3].to_vec())
        }
        (true, "/broken/garbage.pdf") => {
            pdf(b"\x00\x01\x02 this is not a PDF at all \xff".to_vec())
        }
        (true, "/broken/encrypted.pdf") => pdf(make_pdf_with(
            &["Vertrouwelijk"],
            &PdfOptions {
                encrypted: true,
                ..Default::default()
            },
        )),
        (true, "/broken/zero.pdf") => pdf(make_pdf(&[])),
        // Declares 200 GiB and then sends nothing after its first bytes: the crawler must
        // refuse it from the header alone, not wait for the body.
        (true, "/broken/huge.pdf") => {
            use futures::StreamExt;
            let stream = futures::stream::iter(vec![Ok::<_, std::io::Error>(
                axum::body::Bytes::from_static(b"%PDF-1.4\n"),
            )])
            .chain(futures::stream::pending());
            Response::builder()
                .header(header::CONTENT_TYPE, "application/pdf")
                .header(header::CONTENT_LENGTH, (200u64 << 30).to_string())
                .body(Body::from_stream(stream))
                .unwrap()
        }
        (true, "/private/secret.pdf") => pdf(make_pdf(&["Disallowed by robots.txt"])),
        _ => (StatusCode::NOT_FOUND, "Not found").into_response(),
    }
}

/// A crawl of the report fixture: a consultation whose responses cite reports, and the seed
/// file's reports on the two publisher hosts.
pub struct Crawled {
    pub _dir: tempfile::TempDir,
    pub index: std::path::PathBuf,
    pub hosts: ReportHosts,
    pub site: Server,
    /// The crawl's JSON summary.
    pub summary: serde_json::Value,
}

pub const R_CITES: &str = "0b0c5c9e-6f55-4a8e-9d7e-2f1b3a4c5d6e";
pub const R_DOCX: &str = "1c1d6dab-7066-4b9f-8e8f-3a2c4b5d6e7f";
pub const R_PLAIN: &str = "2d2e7ebc-8177-4cae-9f90-4b3d5c6e7f80";

pub fn site(hosts: &ReportHosts) -> FixtureSite {
    let c = FixtureConsultation {
        slug: "rapportwet".into(),
        title: "Wet rapporten".into(),
        summary: vec!["Een wet over rapporten.".into()],
        start: "01-09-2025".into(),
        end: "15-10-2025".into(),
        status: "Gesloten".into(),
        ministry: "Ministerie van Justitie en Veiligheid".into(),
        documents: vec![],
        responses: vec![
            response(
                R_CITES,
                "Stichting Citaat",
                "Den Haag",
                "2 oktober 2025",
                &[(
                    "Vraag 1",
                    &format!(
                        "Wij verwijzen naar het onderzoek op {}, naar doi:{DOI}, naar {} en naar \
                         het debat in de Eerste Kamer (dossier 35 583).",
                        hosts.a("/landing"),
                        hosts.a("/article")
                    ),
                )],
                None,
            ),
            response(
                R_DOCX,
                "Vereniging Woord",
                "Leiden",
                "3 oktober 2025",
                &[("Vraag 1", "Zie onze bijlage.")],
                Some(9001),
            ),
            response(
                R_PLAIN,
                "Jan Zonder Bron",
                "Assen",
                "4 oktober 2025",
                &[("Vraag 1", "Ik ben tegen deze wet en noem geen bronnen.")],
                None,
            ),
        ],
    };
    let mut s = FixtureSite {
        consultations: vec![c],
        robots: "User-agent: *\nAllow: /\n".into(),
        per_page: 100,
        ..Default::default()
    };
    s.attachments.insert(
        ("rapportwet".into(), 9001),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into(),
            make_docx(
                &[
                    Block::Paragraph("Onze reactie bevat een vliegenzwamtabel."),
                    Block::Table(&[&["Bron", "Pagina"], &["Memorie van toelichting", "12"]]),
                ],
                &["Kamerstukken II 2019/20, 35 583, nr. 3."],
                None,
            ),
        ),
    );
    s
}

/// The report URLs of the seed file, by what each tests.
pub fn reports(h: &ReportHosts) -> Vec<(&'static str, String)> {
    vec![
        ("article", h.a("/article")),
        ("long", h.a("/reports/long.pdf")),
        ("docx", h.a("/reports/brief.docx")),
        ("chain", h.a("/old")),
        ("landing", h.a("/landing")),
        ("doi", h.b(&format!("/{DOI}"))),
        ("doi-alias", h.b(&format!("/dx/{DOI}"))),
        ("truncated", h.a("/broken/truncated.pdf")),
        ("garbage", h.a("/broken/garbage.pdf")),
        ("encrypted", h.a("/broken/encrypted.pdf")),
        ("zero", h.a("/broken/zero.pdf")),
        ("huge", h.a("/broken/huge.pdf")),
        ("robots", h.a("/private/secret.pdf")),
    ]
}

/// Starts the hosts and the site and crawls them with `--allow-private`; a failed crawl fails
/// the test.
pub fn crawl_reports() -> Crawled {
    let hosts = ReportHosts::start();
    let site = Server::start(site(&hosts));
    let dir = tempfile::tempdir().unwrap();
    let mut seeds = String::from("[[consultation]]\nslug = \"rapportwet\"\n");
    for (label, url) in reports(&hosts) {
        seeds.push_str(&format!(
            "\n[[url]]\nkind = \"report\"\nurl = \"{url}\"\nlabel = \"{label}\"\n"
        ));
    }
    // A report listed twice, as when two seed files cite it: fetched once.
    seeds.push_str(&format!(
        "\n[[url]]\nkind = \"report\"\nurl = \"{}\"\nlabel = \"again\"\n",
        hosts.a("/article")
    ));
    let seed_file = dir.path().join("seeds.toml");
    std::fs::write(&seed_file, seeds).unwrap();
    let index = dir.path().join("index");
    let summary = super::crawl_seeds(&index, &site.url(), &seed_file);
    Crawled {
        _dir: dir,
        index,
        hosts,
        site,
        summary,
    }
}
