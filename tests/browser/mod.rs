//! The search page in a real headless Chromium, driven over WebDriver (Debian's `chromium` and
//! `chromium-driver`, which `.ci/run` installs): it searches, pages, filters, opens a document
//! and goes back, checks what is on the screen, and saves a screenshot under `target/`.

mod terms;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::growing::{site_with, SLUG};
use crate::support::server::Server;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use inspraak::server::{app, AppState, ServeOptions};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const WAIT: Duration = Duration::from_secs(15);

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn text_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Waits until the element's text contains `want`.
async fn wait_text(c: &Client, css: &str, want: &str) {
    let start = Instant::now();
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if e.text().await.unwrap_or_default().contains(want) {
                return;
            }
        }
        assert!(
            start.elapsed() < WAIT,
            "{css} never showed {want:?}; it shows {:?}",
            text_of(c, css).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Clicks the first element `css` finds.
async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// A property of the first element `css` finds.
async fn prop_of(c: &Client, css: &str, prop: &str) -> Option<String> {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .prop(prop)
        .await
        .unwrap()
}

/// The current value of the form field with this id.
async fn value_of(c: &Client, id: &str) -> Option<String> {
    prop_of(c, &format!("#{id}"), "value").await
}

/// True when the page's URL contains `part`.
async fn url_has(c: &Client, part: &str) -> bool {
    c.current_url().await.unwrap().as_str().contains(part)
}

/// The search page of an index, served on a free port, and a headless Chromium to drive it.
struct Session {
    client: Client,
    addr: std::net::SocketAddr,
    _driver: Driver,
    _profile: tempfile::TempDir,
}

impl Session {
    /// A browser whose language is English (the page follows it).
    async fn start(index: &Path) -> Session {
        Session::start_in(index, "en-US").await
    }

    /// A browser that asks for pages in `lang` (`nl`, `en-US`).
    async fn start_in(index: &Path, lang: &str) -> Session {
        Session::start_with(index, lang, ServeOptions::default()).await
    }

    /// A browser that asks for pages in `lang` of a server with these options.
    async fn start_with(index: &Path, lang: &str, options: ServeOptions) -> Session {
        assert!(
            Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists(),
            "this test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does it)"
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = AppState::with_options(index, options).unwrap();
        tokio::spawn(async move { axum::serve(listener, app(state)).await });

        let port = free_port();
        let driver = Driver(
            Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < WAIT, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1100,1000",
                    format!("--user-data-dir={}", profile.path().display()),
                    format!("--lang={lang}"),
                ],
                "prefs": { "intl.accept_languages": lang }
            }
        });
        let c = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session with headless Chromium");
        Session {
            client: c,
            addr,
            _driver: driver,
            _profile: profile,
        }
    }

    /// Runs the test's steps, closes the browser whatever happened, then reports.
    async fn run(self, steps: impl std::future::Future<Output = ()>) {
        let caught = futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(steps)).await;
        self.client.clone().close().await.unwrap();
        if let Err(panic) = caught {
            std::panic::resume_unwind(panic);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_searches_pages_filters_and_opens_a_document() {
    // An index of 25 responses from "Inzender 0".."Inzender 24", 3 with a PDF that names them
    // too, dated over October: "inzender" matches 28 documents.
    let site = Server::start(site_with(25));
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    crate::support::crawl(&index, &site.url(), &[SLUG]);

    let session = Session::start(&index).await;
    let (c, addr) = (session.client.clone(), session.addr);
    let base = format!("http://{addr}/");

    let result = async {
        c.goto(&base).await.unwrap();
        // The keyboard way in: "/" focuses the search box, Enter searches.
        c.find(Locator::Css("body"))
            .await
            .unwrap()
            .send_keys("/")
            .await
            .unwrap();
        let active = c.active_element().await.unwrap();
        assert_eq!(active.attr("id").await.unwrap().as_deref(), Some("q"));
        active.send_keys("inzender\u{E007}").await.unwrap();
        wait_text(&c, "#status", "28 matches").await;
        let hits = c.find_all(Locator::Css("#results .hit")).await.unwrap();
        assert_eq!(hits.len(), 10);
        assert!(text_of(&c, "#results").await.contains("Inzender"));
        let marks = c.find_all(Locator::Css("#results mark")).await.unwrap();
        assert!(!marks.is_empty(), "matches are highlighted");
        assert!(c
            .current_url()
            .await
            .unwrap()
            .as_str()
            .contains("q=inzender"));
        // The per-day chart.
        wait_text(&c, "#timeline figcaption", "Matches per day").await;
        let bars = c
            .find_all(Locator::Css("#timeline svg rect"))
            .await
            .unwrap();
        assert!(bars.len() > 5, "{} bars", bars.len());

        // The next page.
        c.find(Locator::Id("next"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_text(&c, "#range", "11–20 of 28").await;
        assert!(c
            .current_url()
            .await
            .unwrap()
            .as_str()
            .contains("offset=10"));

        // A filter, with facet counts in its options.
        assert_eq!(
            prop_of(&c, "#kind option[value=attachment]", "textContent").await,
            Some("attachment (3)".to_string())
        );
        click(&c, "#kind option[value=attachment]").await;
        wait_text(&c, "#status", "3 matches").await;
        assert!(c
            .current_url()
            .await
            .unwrap()
            .as_str()
            .contains("kind=attachment"));

        // A document: the attachment's text per page, and its response.
        c.find(Locator::Css("#results .open"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_text(&c, "#doc", "Page 1").await;
        let doc = text_of(&c, "#doc").await;
        assert!(doc.contains("bijlagekenmerk"), "{doc}");
        assert!(doc.contains("Response"), "{doc}");
        let shot = c.screenshot().await.unwrap();
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("browser-document.png"), shot).unwrap();
        // Its response, questions and answers.
        c.find(Locator::Css("#doc .related .open"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_text(&c, "#doc", "Vraag1").await;
        assert!(text_of(&c, "#doc").await.contains("Ik ben het niet eens"));
        // Back to the results, as they were.
        c.find(Locator::Id("back"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_text(&c, "#status", "3 matches").await;

        // The URL carries the state: a bookmark gives the same search.
        c.goto(&format!("{base}?q=inzender&kind=attachment"))
            .await
            .unwrap();
        wait_text(&c, "#status", "3 matches").await;
        assert_eq!(value_of(&c, "q").await.as_deref(), Some("inzender"));
        // The feed of the search shown, to follow it in a feed reader.
        let feed = prop_of(&c, "#feed", "href").await.unwrap_or_default();
        assert!(
            feed.ends_with("/api/feed?q=inzender&kind=attachment"),
            "{feed}"
        );
        assert_eq!(
            prop_of(&c, "#follow", "hidden").await.as_deref(),
            Some("false")
        );
        // A filter without words lists what passes it, newest first.
        c.goto(&format!("{base}?kind=attachment")).await.unwrap();
        wait_text(&c, "#status", "matches").await;
        let listed = text_of(&c, "#results").await;
        assert!(!listed.is_empty());
        let feed = prop_of(&c, "#feed", "href").await.unwrap_or_default();
        assert!(feed.ends_with("/api/feed?kind=attachment"), "{feed}");
        // A query the language cannot read is searched for its words, and the page says so.
        c.goto(&format!("{base}?q=%22open")).await.unwrap();
        wait_text(&c, "#status", "quote").await;
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-error.png"), shot).unwrap();
        c.goto(&format!("{base}?q=inzender")).await.unwrap();
        wait_text(&c, "#status", "28 matches").await;
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-search.png"), shot).unwrap();
        wait_text(
            &c,
            "#timeline figcaption",
            "1 October 2025 to 25 October 2025",
        )
        .await;

        // Quotes to cite, with their citation ready to copy.
        c.goto(&format!("{base}?q=kenmerk3x&view=quotes"))
            .await
            .unwrap();
        wait_text(&c, "#status", "1 quote").await;
        let quote = text_of(&c, "#quotes .quote blockquote").await;
        assert!(quote.contains("Mijn nummer is kenmerk3x"), "{quote}");
        assert!(!c
            .find_all(Locator::Css("#quotes mark"))
            .await
            .unwrap()
            .is_empty());
        c.find(Locator::Css("#quotes [data-format=markdown]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_text(&c, "#quotes .citation", "— [Inzender 3, Utrecht](").await;
        assert!(text_of(&c, "#quotes .citation")
            .await
            .starts_with("> Ik ben het niet eens"));
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-quotes.png"), shot).unwrap();

        // A phone-sized window: nothing wider than the screen.
        c.set_window_size(390, 844).await.unwrap();
        c.goto(&format!("{base}?q=inzender")).await.unwrap();
        wait_text(&c, "#status", "28 matches").await;
        let fits = c
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth + 1",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            fits,
            serde_json::Value::Bool(true),
            "no sideways scrolling on a phone"
        );
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-phone.png"), shot).unwrap();
    };
    session.run(result).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_shows_who_cites_it_and_a_citation_finds_its_citers() {
    let crawled = tokio::task::spawn_blocking(crate::support::reports::crawl_reports)
        .await
        .unwrap();
    let landing = inspraak::extract::report::report_id(&crawled.hosts.a("/landing"));
    let session = Session::start(&crawled.index).await;
    let c = session.client.clone();
    let base = format!("http://{}/", session.addr);
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let steps = async {
        c.goto(&format!("{base}?doc={landing}")).await.unwrap();
        wait_text(&c, "#doc h2", "Evaluation des Prostituiertenschutzgesetzes").await;
        let meta = text_of(&c, "#doc").await;
        assert!(
            meta.contains("127.0.0.2") && meta.contains("2 pages"),
            "{meta}"
        );
        wait_text(&c, "#doc .cited-by", "Stichting Citaat").await;
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-report.png"), shot).unwrap();
        // From the report to the response that cites it, and from its DOI to everyone citing it.
        c.find(Locator::Css("#doc .cited-by button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_text(&c, "#doc h2", "Stichting Citaat").await;
        c.find(Locator::Css("#doc details.cites summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let doi = format!("doi:{}", crate::support::reports::DOI);
        c.find(Locator::Css(&format!("#doc button[data-cites='{doi}']")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_text(&c, "#status", "1 match").await;
        assert!(text_of(&c, "#results").await.contains("Stichting Citaat"));
        assert_eq!(value_of(&c, "cites").await.as_deref(), Some(doi.as_str()));
    };
    session.run(steps).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn campaigns_collapse_in_results_and_show_what_each_member_adds() {
    use crate::support::campaigns::{r, site, ADDED, SLUG};
    let server = Server::start(site());
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    crate::support::crawl(&index, &server.url(), &[SLUG]);
    let session = Session::start(&index).await;
    let c = session.client.clone();
    let base = format!("http://{}/", session.addr);
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let steps = async {
        // Collapsed by default: four copies are one hit that says so.
        c.goto(&format!("{base}?q=verblijfsduur")).await.unwrap();
        wait_text(&c, "#status", "4 matches, 1 with each campaign once").await;
        assert_eq!(
            c.find_all(Locator::Css("#results .hit"))
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(text_of(&c, "#results")
            .await
            .contains("and 3 near-identical matches"));
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-collapsed.png"), shot).unwrap();
        // Switched off: every copy.
        click(&c, "#collapse").await;
        wait_text(&c, "#status", "4 matches").await;
        let start = Instant::now();
        while c
            .find_all(Locator::Css("#results .hit"))
            .await
            .unwrap()
            .len()
            != 4
        {
            assert!(start.elapsed() < WAIT, "the copies never showed");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(url_has(&c, "collapse=0").await);
        // The campaign's members, from a hit.
        click(&c, "#results .members").await;
        wait_text(&c, "#status", "4 matches").await;
        assert!(url_has(&c, "campaign=c-").await);

        // The Campaigns view: sizes, a timeline each, the template's start.
        c.goto(&format!("{base}?view=campaigns")).await.unwrap();
        wait_text(&c, "#status", "2 campaigns").await;
        let items = c
            .find_all(Locator::Css("#campaigns .campaign"))
            .await
            .unwrap();
        assert_eq!(items.len(), 2);
        let first = items[0].text().await.unwrap();
        assert!(first.contains("4 responses"), "{first}");
        assert!(first.contains("Ik wil mijn zorgen uiten"), "{first}");
        assert_eq!(
            c.find_all(Locator::Css("#campaigns .campaign:first-child svg rect"))
                .await
                .unwrap()
                .len(),
            3,
            "one bar per day with responses"
        );
        // The size bar's width is set through the DOM: the page's security policy refuses
        // style attributes, and a bar of no width would say nothing.
        let width = c
            .execute(
                "return document.querySelector('#campaigns .size').getBoundingClientRect().width",
                vec![],
            )
            .await
            .unwrap();
        assert!(width.as_f64().unwrap() >= 100.0, "{width}");
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-campaigns.png"), shot).unwrap();
        // What each member adds.
        click(&c, "#campaigns .added-by").await;
        wait_text(&c, "#doc", ADDED).await;
        assert!(text_of(&c, "#doc").await.contains("Fatima uit Leiden"));
        // A member's own page says the same.
        c.goto(&format!("{base}?doc={}", r(2))).await.unwrap();
        wait_text(&c, "#doc .in-campaign", ADDED).await;
        assert!(text_of(&c, "#doc .in-campaign")
            .await
            .contains("One of 4 near-identical responses"));
    };
    session.run(steps).await;
}

/// The page in Dutch for a Dutch browser and in English for an English one, with a switch whose
/// choice the URL keeps: every label, message and date in that language (dates as people write
/// them, 1 oktober 2025), a document opened from far down the results shown from its top, and
/// a response without text shown as such.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_speaks_dutch_and_english() {
    let mut fixture = site_with(25);
    fixture.consultations[0].responses[5].answers.clear();
    let site = Server::start(fixture);
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    crate::support::crawl(&index, &site.url(), &[SLUG]);
    let session = Session::start_in(&index, "nl").await;
    let c = session.client.clone();
    let base = format!("http://{}/", session.addr);
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let steps = async {
        // Before any search, the drop-downs say "alle" too (they said "all").
        c.goto(&base).await.unwrap();
        wait_text(&c, "#search button[type=submit]", "Zoeken").await;
        for id in ["consultation", "lang", "kind", "respondent"] {
            assert_eq!(
                prop_of(&c, &format!("#{id} option[value='']"), "textContent").await,
                Some("alle".to_string()),
                "{id}"
            );
        }
        c.goto(&format!("{base}?q=inzender")).await.unwrap();
        wait_text(&c, "#status", "28 treffers").await;
        let lang = c
            .execute("return document.documentElement.lang", vec![])
            .await
            .unwrap();
        assert_eq!(lang, "nl");
        assert_eq!(text_of(&c, "#search button[type=submit]").await, "Zoeken");
        assert!(text_of(&c, "#syntax")
            .await
            .contains("Alle woorden moeten voorkomen"));
        assert!(text_of(&c, ".filters").await.contains("Tot en met"));
        assert_eq!(
            prop_of(&c, "#kind option[value=attachment]", "textContent").await,
            Some("bijlage (3)".to_string())
        );
        wait_text(
            &c,
            "#timeline figcaption",
            "1 oktober 2025 tot en met 25 oktober 2025",
        )
        .await;
        let results = text_of(&c, "#results").await;
        assert!(results.contains("oktober 2025"), "{results}");
        assert!(!results.contains("2025-10-"), "{results}");
        assert!(results.contains("reactie"), "{results}");
        assert_eq!(text_of(&c, "#range").await, "1–10 van 28");
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-nl.png"), shot).unwrap();

        // A document opened from the bottom of the results starts at the top of the window,
        // or right below the search form when the page is too short to scroll that far.
        let opens = c.find_all(Locator::Css("#results .open")).await.unwrap();
        opens.last().unwrap().click().await.unwrap();
        wait_text(&c, "#doc", "Terug naar de resultaten").await;
        let place = c
            .execute(
                "const d = document.getElementById('doc').getBoundingClientRect().top; \
                 const f = document.getElementById('search').getBoundingClientRect().bottom; \
                 return [d, f, window.scrollY];",
                vec![],
            )
            .await
            .unwrap();
        let [top, form, scrolled] = [0, 1, 2].map(|i| place[i].as_f64().unwrap());
        assert!(
            (-1.0..40.0).contains(&top) || scrolled == 0.0 && top - form < 80.0,
            "the document starts {top}px down, {} px below the form",
            top - form
        );
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-nl-document.png"), shot).unwrap();
        // An attachment: pages in Dutch, "1 pagina" not "1 pages".
        c.goto(&format!("{base}?q=bijlagekenmerk3x")).await.unwrap();
        wait_text(&c, "#status", "1 treffer").await;
        click(&c, "#results .open").await;
        wait_text(&c, "#doc", "Pagina 1").await;
        let doc = text_of(&c, "#doc").await;
        assert!(doc.contains("1 pagina") && !doc.contains("pages"), "{doc}");
        click(&c, "#doc .related .open").await;
        wait_text(&c, "#doc", "Bijlage: reactie-9003.pdf (1 pagina)").await;

        // Dates are typed as people write them, and a wrong one is a message.
        c.goto(&format!("{base}?q=inzender")).await.unwrap();
        wait_text(&c, "#status", "28 treffers").await;
        let since = c.find(Locator::Id("since")).await.unwrap();
        assert_eq!(
            since.attr("placeholder").await.unwrap().as_deref(),
            Some("1 oktober 2025")
        );
        since.send_keys("20 okt 2025\u{E007}").await.unwrap();
        wait_text(&c, "#status", "treffers").await;
        let start = Instant::now();
        while !url_has(&c, "since=2025-10-20").await {
            assert!(start.elapsed() < WAIT, "the date never reached the URL");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        wait_text(&c, "#status", "7 treffers").await;
        assert_eq!(
            value_of(&c, "since").await.as_deref(),
            Some("20 oktober 2025")
        );
        let since = c.find(Locator::Id("since")).await.unwrap();
        since.clear().await.unwrap();
        since.send_keys("31 februari 2025\u{E007}").await.unwrap();
        wait_text(&c, "#status", "is geen datum").await;

        // Only the responses without text.
        c.goto(&format!("{base}?empty=only")).await.unwrap();
        wait_text(&c, "#status", "1 treffer").await;
        let empty = text_of(&c, "#results").await;
        assert!(empty.contains("Inzender 5"), "{empty}");
        assert!(
            empty.contains("Deze inzender heeft geen vraag beantwoord"),
            "{empty}"
        );
        assert_eq!(value_of(&c, "empty").await.as_deref(), Some("only"));

        // The switch: English, kept by the URL through a reload and a new search.
        c.goto(&format!("{base}?q=inzender")).await.unwrap();
        wait_text(&c, "#status", "28 treffers").await;
        click(&c, "#ui-en").await;
        wait_text(&c, "#status", "28 matches").await;
        assert!(url_has(&c, "ui=en").await);
        assert_eq!(text_of(&c, "#search button[type=submit]").await, "Search");
        wait_text(
            &c,
            "#timeline figcaption",
            "1 October 2025 to 25 October 2025",
        )
        .await;
        c.refresh().await.unwrap();
        wait_text(&c, "#status", "28 matches").await;
        let q = c.find(Locator::Id("q")).await.unwrap();
        q.clear().await.unwrap();
        q.send_keys("kenmerk3x\u{E007}").await.unwrap();
        wait_text(&c, "#status", "1 match").await;
        assert!(url_has(&c, "ui=en").await);
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-en.png"), shot).unwrap();
        click(&c, "#ui-nl").await;
        wait_text(&c, "#status", "1 treffer").await;
    };
    session.run(steps).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_register_lists_organisations_and_a_hit_links_its_organisation() {
    let server = Server::start(crate::support::organisations::site());
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    crate::support::crawl(
        &index,
        &server.url(),
        &["wetsekswerk", "wetgemeenten", "wetzorg"],
    );
    let session = Session::start(&index).await;
    let c = session.client.clone();
    let base = format!("http://{}/", session.addr);
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let steps = async {
        // The register: eight organisations, persons never.
        c.goto(&format!("{base}?view=organisations")).await.unwrap();
        wait_text(&c, "#status", "8 organisations").await;
        let listed = text_of(&c, "#organisations").await;
        assert!(listed.contains("Amnesty International"), "{listed}");
        assert!(
            !listed.contains("Jan Jansen") && !listed.contains("ING"),
            "{listed}"
        );
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-organisations.png"), shot).unwrap();
        // A hit of an organisation links it; its view shows its responses across
        // consultations and who took the same line.
        c.goto(&format!("{base}?q=decriminalisering"))
            .await
            .unwrap();
        wait_text(&c, "#status", "1 match").await;
        click(&c, "#results .org").await;
        wait_text(&c, "#doc", "Responded to 3 consultations").await;
        let panel = text_of(&c, "#doc").await;
        assert!(panel.contains("Amnesty Int. NL"), "{panel}");
        assert!(panel.contains("took the same line"), "{panel}");
        assert!(url_has(&c, "org=o-").await);
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-organisation.png"), shot).unwrap();
    };
    session.run(steps).await;
}

/// A public server's page, in Dutch: a private person is "een particulier" in hits, quotes and
/// the document view, the footer says names are withheld and when the index was updated, and
/// the page works under its security policy (no console errors from refused resources).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_server_shows_no_private_persons_name() {
    let site = Server::start(site_with(25));
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    crate::support::crawl(&index, &site.url(), &[SLUG]);
    let options = ServeOptions {
        public: true,
        ..ServeOptions::default()
    };
    let session = Session::start_with(&index, "nl", options).await;
    let c = session.client.clone();
    let base = format!("http://{}/", session.addr);
    let steps = async {
        c.goto(&format!("{base}?q=inzender")).await.unwrap();
        wait_text(&c, "#status", "treffers").await;
        let results = text_of(&c, "#results").await;
        assert!(results.contains("een particulier"), "{results}");
        assert!(!results.contains("Inzender 3,"), "{results}");
        wait_text(&c, "footer", "Index bijgewerkt op").await;
        let footer = text_of(&c, "footer").await;
        assert!(footer.contains("niet getoond"), "{footer}");
        click(&c, "#results .open").await;
        wait_text(&c, "#doc .meta", "een particulier").await;
        c.goto(&format!("{base}?q=voorstel&view=quotes"))
            .await
            .unwrap();
        wait_text(&c, "#status", "passages die overeenkomen").await;
        let quotes = text_of(&c, "#quotes").await;
        assert!(quotes.contains("een particulier"), "{quotes}");
        let shot = c.screenshot().await.unwrap();
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
        std::fs::write(target.join("browser-public.png"), shot).unwrap();
    };
    session.run(steps).await;
}
