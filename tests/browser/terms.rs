//! The panel of terms beside the hits and the timeline above them, in the browser: the panel
//! lists what the API lists, a click on a term adds it to the search, "quotes" opens its
//! quotes, the chart shades campaign copies, says a bar's date and count on hover, and a drag
//! across bars sets From and To.

use super::*;
use crate::support::keyness::{site, ORG_WORDS, SLUG};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_terms_panel_adds_a_term_and_the_chart_sets_a_period() {
    let server = Server::start(site());
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    crate::support::crawl(&index, &server.url(), &[SLUG]);
    let api = crate::support::json_of(crate::support::inspraak(&index).args([
        "terms",
        "--respondent",
        "organisation",
        "--limit",
        "12",
        "--format",
        "json",
    ]));
    let want: Vec<String> = api["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["forms"][0].as_str().unwrap().to_string())
        .collect();
    let session = Session::start(&index).await;
    let c = session.client.clone();
    let base = format!("http://{}/", session.addr);
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let steps = async {
        c.goto(&format!("{base}?respondent=organisation"))
            .await
            .unwrap();
        wait_text(&c, "#terms .about", "against").await;
        let shown: Vec<String> = {
            let mut v = Vec::new();
            for e in c
                .find_all(Locator::Css("#terms .term .add-term"))
                .await
                .unwrap()
            {
                v.push(e.text().await.unwrap());
            }
            v
        };
        assert_eq!(shown, want, "the page lists the API's terms");
        let lead = ORG_WORDS.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let first_term = c
            .find(Locator::Css("#terms .term"))
            .await
            .unwrap()
            .attr("data-term")
            .await
            .unwrap()
            .unwrap();
        assert!(lead.contains(&first_term), "{first_term}");
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-terms.png"), shot).unwrap();

        // A click adds the term to the search.
        click(&c, "#terms .term .add-term").await;
        wait_text(&c, "#status", "match").await;
        assert_eq!(
            value_of(&c, "q").await.as_deref(),
            Some(first_term.as_str())
        );
        assert!(url_has(&c, &format!("q={first_term}")).await);
        assert!(url_has(&c, "respondent=organisation").await);

        // "quotes" opens the term's quotes among these matches.
        wait_text(&c, "#terms .about", "against").await;
        click(&c, "#terms .term .term-quotes").await;
        wait_text(&c, "#status", "passages").await;
        assert!(url_has(&c, "view=quotes").await);
        let quotes = text_of(&c, "#quotes").await;
        assert!(!quotes.is_empty());

        // The chart: campaign copies in their own shade, a bar's date and count on hover.
        c.goto(&format!("{base}?consultation={SLUG}"))
            .await
            .unwrap();
        wait_text(&c, "#timeline figcaption", "campaign copies").await;
        let copies = c
            .find_all(Locator::Css("#chart rect.copies"))
            .await
            .unwrap();
        assert!(!copies.is_empty(), "campaign copies have their own bars");
        let tip = c
            .find(Locator::Css("#chart .bucket title"))
            .await
            .unwrap()
            .prop("textContent")
            .await
            .unwrap()
            .unwrap_or_default();
        assert!(tip.contains("2025") && tip.contains("match"), "{tip}");
        // A drag from the first bar to the third sets From and To.
        let buckets = c.find_all(Locator::Css("#chart .bucket")).await.unwrap();
        assert!(buckets.len() >= 3);
        let start = buckets[0].attr("data-start").await.unwrap().unwrap();
        let end = buckets[2].attr("data-start").await.unwrap().unwrap();
        c.execute(
            r#"const [a, b] = [arguments[0], arguments[1]];
               const ev = (el, type) => el.dispatchEvent(new PointerEvent(type, { bubbles: true }));
               ev(a.querySelector(".hitbox"), "pointerdown");
               ev(b.querySelector(".hitbox"), "pointermove");
               ev(b.querySelector(".hitbox"), "pointerup");"#,
            vec![
                serde_json::to_value(&buckets[0]).unwrap(),
                serde_json::to_value(&buckets[2]).unwrap(),
            ],
        )
        .await
        .unwrap();
        wait_text(&c, "#status", "match").await;
        assert!(url_has(&c, &format!("since={start}")).await);
        // Bars of days: To is the third bar's day.
        assert!(url_has(&c, &format!("until={end}")).await);
        assert!(!value_of(&c, "until").await.unwrap_or_default().is_empty());
        let shot = c.screenshot().await.unwrap();
        std::fs::write(target.join("browser-timeline.png"), shot).unwrap();
    };
    session.run(steps).await;
}
