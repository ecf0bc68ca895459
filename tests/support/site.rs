//! A fixture of internetconsultatie.nl: HTML in the site's markup (as described in
//! `shared/reference/internetconsultatie-site.md`), with the navigation, header and footer
//! boilerplate real pages carry. Tests serve it from a local HTTP server; the resampling
//! benchmark writes the same pages into an archive.

/// One response as the fixture renders it.
#[derive(Clone, Debug)]
pub struct FixtureResponse {
    pub uuid: String,
    pub name: String,
    pub place: String,
    /// Dutch date as the site shows it, e.g. `1 oktober 2025`.
    pub date: String,
    /// Listing time, `HH:MM`.
    pub time: String,
    /// (question, answer) pairs; answer lines are separated by `\n` (rendered as `<br>`).
    pub answers: Vec<(String, String)>,
    /// The attachment number, when the response has one.
    pub attachment: Option<u32>,
}

/// One consultation.
#[derive(Clone, Debug)]
pub struct FixtureConsultation {
    pub slug: String,
    pub title: String,
    pub summary: Vec<String>,
    pub start: String,
    pub end: String,
    pub status: String,
    pub ministry: String,
    /// (number, title) of its documents.
    pub documents: Vec<(u32, String)>,
    pub responses: Vec<FixtureResponse>,
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Words that appear only in the boilerplate, so tests can check it is not indexed.
pub const NAV_WORD: &str = "navigatiekruimel";
pub const FOOTER_WORD: &str = "voettekstverklaring";

fn page(title: &str, main: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{t} | Overheid.nl &gt; Consultaties</title>
<script>window.dataLayer = [];</script><style>.x{{color:red}}</style></head>
<body>
<header class="header"><a href="/" class="logo">Overheid.nl</a>
  <nav class="nav-main"><ul><li><a href="/">Home</a></li><li><a href="/zoeken">Zoeken</a></li>
  <li><a href="/over">Over internetconsultatie</a></li><li>{nav}</li></ul></nav></header>
<div class="breadcrumb"><nav>U bent hier: Home &gt; {t} {nav}</nav></div>
{main}
<footer class="footer"><p>{foot} Internetconsultatie.nl is een website van de Rijksoverheid.</p>
  <ul><li><a href="/privacy">Privacy</a></li><li><a href="/cookies">Cookies</a></li></ul></footer>
</body></html>"#,
        t = escape(title),
        nav = NAV_WORD,
        foot = FOOTER_WORD,
    )
}

/// The consultation page.
pub fn consultation_page(c: &FixtureConsultation) -> String {
    let mut main = format!(
        "<div class=\"container\" id=\"content\" role=\"main\">\n<h1>{}</h1>\n<h2>In het kort</h2>\n",
        escape(&c.title)
    );
    for p in &c.summary {
        main.push_str(&format!("<p>{}</p>\n", escape(p)));
    }
    main.push_str(&format!(
        r#"<table class="table__data-overview">
<tr><th>Startdatum consultatie</th><td>{}</td></tr>
<tr><th>Einddatum consultatie</th><td>{}</td></tr>
<tr><th>Status</th><td>{}</td></tr>
<tr><th>Type consultatie</th><td>Wetgeving</td></tr>
<tr><th>Organisatie</th><td>{}</td></tr>
</table>
<h2>Relevante documenten</h2><ul class="list--sources">"#,
        c.start,
        c.end,
        c.status,
        escape(&c.ministry)
    ));
    for (n, title) in &c.documents {
        main.push_str(&format!(
            r#"<li><div class="list--source__information">{} <span class="label">PDF</span></div>
<a class="button" href="/{}/document/{n}">Download</a></li>"#,
            escape(title),
            c.slug
        ));
    }
    main.push_str(&format!(
        "</ul>\n<h2>Reacties op deze consultatie {}</h2><p><a href=\"/{}/reacties\">Bekijk reacties</a></p>\n</div>",
        c.responses.len(),
        c.slug
    ));
    page(&c.title, &main)
}

/// Listing page `n` (1-based) with `per_page` responses, in the given order.
pub fn listing_page(c: &FixtureConsultation, n: usize, per_page: usize) -> String {
    let pages = c.responses.len().div_ceil(per_page).max(1);
    let mut main = String::from(
        "<div class=\"container\" id=\"content\" role=\"main\">\n<h1>Reacties</h1>\n<div class=\"result--list\"><ul>\n",
    );
    for r in c.responses.iter().skip((n - 1) * per_page).take(per_page) {
        let day: Vec<&str> = r.date.split_whitespace().collect();
        let padded = format!("{:0>2} {} {}", day[0], day[1], day[2]);
        main.push_str(&format!(
            "<li><a href=\"/{}/reactie/{}\">{}</a><p>{} | {} ({})</p></li>\n",
            c.slug,
            r.uuid,
            escape(&r.name),
            escape(&r.place),
            padded,
            r.time
        ));
    }
    main.push_str("</ul></div>\n<div class=\"pagination\"><div class=\"pagination__index\"><ul>\n");
    for p in 1..=pages {
        main.push_str(&format!(
            "<li><a href=\"/{}/reacties/datum/{p}\">{p}</a></li>",
            c.slug
        ));
    }
    main.push_str("</ul></div></div>\n</div>");
    page("Reacties", &main)
}

/// A response page.
pub fn response_page(c: &FixtureConsultation, r: &FixtureResponse) -> String {
    let mut main = format!(
        r#"<div class="container" id="content" role="main">
<h1>Reactie op {}</h1>
<table class="table__data-overview">
<tr><th>Naam</th><td>{}</td></tr>
<tr><th>Plaats</th><td>{}</td></tr>
<tr><th>Datum</th><td>{}</td></tr>
</table>
"#,
        escape(&c.title),
        escape(&r.name),
        escape(&r.place),
        r.date
    );
    for (q, a) in &r.answers {
        let lines: Vec<String> = a.split('\n').map(escape).collect();
        main.push_str(&format!(
            "<h3>{}</h3>\n<blockquote><div>{}</div></blockquote>\n",
            escape(q),
            lines.join("<br>")
        ));
    }
    if let Some(n) = r.attachment {
        main.push_str(&format!(
            "<ul class=\"result--actions\"><li><a href=\"/{}/reactie/{n}/bestand\">Bijlage</a></li></ul>\n",
            c.slug
        ));
    }
    main.push_str("</div>");
    page("Reactie", &main)
}

/// Page `n` of the site's search results for consultations, ten to a page.
pub fn search_page(found: &[&FixtureConsultation], n: usize) -> String {
    let mut main = format!(
        "<div class=\"container\" id=\"content\" role=\"main\">\n<h1>Zoeken</h1>\n<p>{} resultaten</p>\n<ul class=\"result--list\">\n",
        found.len()
    );
    for c in found.iter().skip((n - 1) * 10).take(10) {
        main.push_str(&format!(
            r#"<li><a class="result--title" href="/{}">{}</a><p>{}</p>
<ul><li>Status: {}</li><li>Sluitingsdatum {}</li><li>{}</li></ul></li>
"#,
            c.slug,
            escape(&c.title),
            escape(c.summary.first().map(String::as_str).unwrap_or("")),
            c.status,
            c.end,
            escape(&c.ministry)
        ));
    }
    main.push_str("</ul>\n</div>");
    page("Zoeken", &main)
}
