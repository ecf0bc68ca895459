//! How well report-page extraction keeps the main text and drops the boilerplate, on real pages
//! whose generator marks the main text, so the truth is known: Sphinx's `div[role=main]`, the
//! Read-the-Docs theme's `div[itemprop=articleBody]`, texinfo's pages without their
//! `div.header` navigation. Extractors side by side: what reports use
//! (`extract::report::extract_html`: readability, and the element the page declares as main
//! when readability missed it), readability.js alone (`dom_smoothie`'s port, as reports used it
//! before), `dom_smoothie`'s own candidate mode, the site extractor used for
//! internetconsultatie.nl pages (`content_root` + `text_of`), and the page's whole text as the
//! baseline. Where the truth is the element a page declares as main (Sphinx), the first reads
//! exactly the truth whenever it falls back to it (it says on how many pages it did), and the
//! site extractor always does; texinfo pages declare no main element.
//!
//! ```text
//! cargo bench --bench readability -- --keep 'div[role=main]' A.html B.html... \
//!     --drop 'div.header' C.html...
//! ```
//!
//! `--keep SEL`: the truth is the text of the first element matching SEL; `--drop SEL`: the
//! truth is the body's text without the elements matching SEL. Words are compared as
//! multisets (lowercased, split on anything not a letter or digit).

mod words;

use std::time::Instant;

use inspraak::extract::{report, site};
use scraper::{Html, Selector};
use words::agreement;

enum Truth {
    Keep(Selector),
    Drop(Selector),
}

fn truth_text(html: &str, truth: &Truth) -> Option<String> {
    let doc = Html::parse_document(html);
    match truth {
        Truth::Keep(sel) => doc.select(sel).next().map(site::text_of),
        Truth::Drop(sel) => {
            let body = Selector::parse("body").ok()?;
            let full = doc.select(&body).next().map(site::text_of)?;
            // Remove the dropped elements' words from the body's words by subtracting text.
            let mut text = full;
            for el in doc.select(sel) {
                let t = site::text_of(el);
                if let Some(i) = text.find(&t) {
                    text.replace_range(i..i + t.len(), " ");
                }
            }
            Some(text)
        }
    }
}

#[derive(Default)]
struct Tally {
    p: Vec<f64>,
    r: Vec<f64>,
    f: Vec<f64>,
    failed: usize,
    seconds: f64,
}

impl Tally {
    fn add(&mut self, ours: Option<&str>, truth: &str, secs: f64) {
        self.seconds += secs;
        match ours {
            Some(t) => {
                let (p, r, f) = agreement(t, truth);
                self.p.push(p);
                self.r.push(r);
                self.f.push(f);
            }
            None => {
                self.failed += 1;
                self.p.push(0.0);
                self.r.push(0.0);
                self.f.push(0.0);
            }
        }
    }

    fn row(&self, group: &str, name: &str) {
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        let mut f = self.f.clone();
        f.sort_by(|a, b| a.total_cmp(b));
        let median = f.get(f.len() / 2).copied().unwrap_or(f64::NAN);
        println!(
            "| {group} | {name} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {} | {:.2} |",
            self.f.len(),
            mean(&self.p),
            mean(&self.r),
            mean(&self.f),
            median,
            self.failed,
            self.seconds * 1000.0 / self.f.len().max(1) as f64,
        );
    }
}

fn main() {
    let mut groups: Vec<(String, Truth, Vec<String>)> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--keep" | "--drop" => {
                let sel = args.next().expect("a selector");
                let parsed = Selector::parse(&sel).expect("a valid CSS selector");
                let truth = if a == "--keep" {
                    Truth::Keep(parsed)
                } else {
                    Truth::Drop(parsed)
                };
                groups.push((format!("{a} {sel}"), truth, Vec::new()));
            }
            "--bench" => {}
            file => groups
                .last_mut()
                .expect("--keep or --drop before the files")
                .2
                .push(file.to_string()),
        }
    }
    println!("| truth | extractor | pages | precision | recall | mean F1 | median F1 | no text | ms/page |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (group, truth, files) in &groups {
        let (mut readability, mut site_root, mut whole) =
            (Tally::default(), Tally::default(), Tally::default());
        let (mut plain, mut smoothie) = (Tally::default(), Tally::default());
        let mut declared_used = 0usize;
        let mut worst: Vec<(f64, f64, f64, String)> = Vec::new();
        for file in files {
            let html = std::fs::read_to_string(file).expect("readable HTML");
            let Some(truth) = truth_text(&html, truth) else {
                eprintln!("{file}: the truth selector matches nothing; skipped");
                continue;
            };
            let t = Instant::now();
            let ours = report::extract_html(&html, &format!("file://{file}")).ok();
            if let Some(o) = &ours {
                let (p, r, f) = agreement(&o.text, &truth);
                if f < 0.6 {
                    worst.push((f, p, r, file.clone()));
                }
            }
            readability.add(
                ours.as_ref().map(|r| r.text.as_str()),
                &truth,
                t.elapsed().as_secs_f64(),
            );
            for (mode, tally) in [
                (dom_smoothie::CandidateSelectMode::Readability, &mut plain),
                (
                    dom_smoothie::CandidateSelectMode::DomSmoothie,
                    &mut smoothie,
                ),
            ] {
                let t = Instant::now();
                let cfg = dom_smoothie::Config {
                    text_mode: dom_smoothie::TextMode::Formatted,
                    candidate_select_mode: mode,
                    max_elements_to_parse: report::MAX_ELEMENTS,
                    ..Default::default()
                };
                let alt = dom_smoothie::Readability::new(html.as_str(), None, Some(cfg))
                    .ok()
                    .and_then(|mut r| r.parse().ok())
                    .map(|a| a.text_content.to_string());
                tally.add(alt.as_deref(), &truth, t.elapsed().as_secs_f64());
                if matches!(mode, dom_smoothie::CandidateSelectMode::Readability) {
                    let same = alt.as_deref().map(inspraak::text::normalize_lines)
                        == ours.as_ref().map(|o| o.text.clone());
                    declared_used += usize::from(!same);
                }
            }
            let t = Instant::now();
            let doc = Html::parse_document(&html);
            let root = site::text_of(site::content_root(&doc));
            site_root.add(Some(&root), &truth, t.elapsed().as_secs_f64());
            let t = Instant::now();
            let doc = Html::parse_document(&html);
            let all = site::text_of(doc.root_element());
            whole.add(Some(&all), &truth, t.elapsed().as_secs_f64());
        }
        readability.row(group, "reports (readability, declared main)");
        eprintln!(
            "  the declared main element replaced readability's text on {declared_used} pages"
        );
        plain.row(group, "readability.js alone");
        smoothie.row(group, "dom_smoothie's own candidate mode");
        worst.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f, p, r, file) in worst.iter().take(5) {
            eprintln!("  readability F1 {f:.2} (P {p:.2}, R {r:.2}): {file}");
        }
        site_root.row(group, "site content root");
        whole.row(group, "whole page");
    }
}
