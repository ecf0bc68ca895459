//! Keyness and the timeline end to end, on a consultation whose texts were written from a
//! description of real responses by someone who had not seen the code
//! (`support/keyness.rs`): organisations that use two words individuals seldom use, and a
//! trade association's template letter sent by 40 member companies that repeats a third.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::support::api::get_json;
use crate::support::keyness::{site, CAMPAIGN_WORD, ORG_WORDS, SLUG};
use crate::support::{inspraak, json_of, Crawled};
use inspraak::server::AppState;
use serde_json::Value;

/// The fixture consultation, crawled once for every test here.
fn crawled() -> &'static Crawled {
    static C: OnceLock<Crawled> = OnceLock::new();
    C.get_or_init(|| Crawled::new(site(), &[SLUG]))
}

/// The first column of every row of a CSV answer after its header (RFC 4180 quoting).
fn first_column(csv: &str) -> Vec<String> {
    let (mut rows, mut cell, mut col, mut quoted) = (Vec::new(), String::new(), 0, false);
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => {
                if col == 0 {
                    rows.push(std::mem::take(&mut cell));
                }
                col += 1;
            }
            '\n' if !quoted => {
                col = 0;
                cell.clear();
            }
            c if col == 0 => cell.push(c),
            _ => {}
        }
    }
    rows.into_iter().skip(1).collect()
}

fn terms(index: &std::path::Path, args: &[&str]) -> Value {
    json_of(
        inspraak(index)
            .args(["terms", "--format", "json"])
            .args(args),
    )
}

fn words(answer: &Value) -> Vec<String> {
    answer["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap().to_string())
        .collect()
}

fn rank_of(answer: &Value, word: &str) -> Option<usize> {
    words(answer).iter().position(|w| w == word)
}

/// A folded copy of a text, as the index reads words (lowercase, accents off).
fn folded(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'ï' | 'í' => 'i',
            'ö' | 'ó' => 'o',
            'ü' | 'ú' => 'u',
            'á' | 'à' | 'ä' => 'a',
            c => c,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_organisations_say_leads_and_a_campaign_is_one_voice() {
    let index = &crawled().index;
    let once = terms(index, &["--respondent", "organisation"]);
    println!(
        "organisations: {} units against {}; top: {:?}",
        once["foreground"],
        once["background"],
        &words(&once)[..10.min(words(&once).len())]
    );
    assert_eq!(once["campaigns"], "once");
    assert_eq!(once["sampled"], false);
    assert_eq!(once["against"]["consultations"], serde_json::json!([SLUG]));
    let lead: std::collections::BTreeSet<String> = words(&once)[..2].iter().cloned().collect();
    let want: std::collections::BTreeSet<String> =
        ORG_WORDS.iter().map(|w| w.to_string()).collect();
    assert_eq!(lead, want, "the organisations' two words lead");
    let campaign_rank = rank_of(&once, CAMPAIGN_WORD);
    assert!(
        campaign_rank.is_none_or(|r| r >= 10),
        "{CAMPAIGN_WORD} is one voice with campaigns counted once: rank {campaign_rank:?}"
    );

    let each = terms(
        index,
        &[
            "--respondent",
            "organisation",
            "--campaigns",
            "each",
            "--limit",
            "100",
        ],
    );
    let copies = each["foreground"].as_u64().unwrap() - once["foreground"].as_u64().unwrap();
    println!(
        "each: {} units, {copies} more than once",
        each["foreground"]
    );
    assert!(
        copies >= 35,
        "the copies typed organisation count one each: {copies}"
    );
    // Counted each, the campaign is 35-odd voices: its word is in as many units as the copies
    // and would stand above every term of the once list but the organisations' two words; the
    // template's words (those the organisations use too lead) take the whole top 10 and push
    // the organisations' own words out of it. The campaign's word itself shares its G2 with
    // every other word only the template has (they are in exactly the same units), and ties
    // go by word.
    let campaign = each["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["term"] == CAMPAIGN_WORD)
        .unwrap_or_else(|| panic!("{CAMPAIGN_WORD} is listed with every copy counted"));
    assert!(campaign["fg"].as_u64().unwrap() >= 35, "{campaign}");
    let g2 = campaign["g2"].as_f64().unwrap();
    assert!(g2 > once["terms"][2]["g2"].as_f64().unwrap(), "{campaign}");
    let template = crate::support::keyness::template_words();
    let top: Vec<String> = words(&each)[..10].to_vec();
    assert!(
        top.iter().all(|w| template.contains(w)),
        "the campaign's words fill the top 10: {top:?}"
    );
    assert!(ORG_WORDS.iter().all(|w| !top.contains(&w.to_string())));
    let tied_before = each["terms"]
        .as_array()
        .unwrap()
        .iter()
        .take_while(|t| t["term"] != CAMPAIGN_WORD)
        .filter(|t| t["g2"].as_f64() == Some(g2))
        .count();
    println!(
        "{CAMPAIGN_WORD}: rank {:?} with each, G2 {g2}, after {tied_before} terms of the same G2",
        rank_of(&each, CAMPAIGN_WORD)
    );

    // Every term: in at least 3 foreground units, more frequent there, sorted by G2 then term,
    // with a sentence that holds it, cited.
    let list = once["terms"].as_array().unwrap();
    assert!(list.len() >= 10);
    for pair in list.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (ga, gb) = (a["g2"].as_f64().unwrap(), b["g2"].as_f64().unwrap());
        assert!(ga > gb || (ga == gb && a["term"].as_str() < b["term"].as_str()));
    }
    let (n1, n2) = (
        once["foreground"].as_f64().unwrap(),
        once["background"].as_f64().unwrap(),
    );
    for t in list {
        let (fg, bg) = (t["fg"].as_f64().unwrap(), t["bg"].as_f64().unwrap());
        assert!(fg >= 3.0, "{t}");
        assert!(fg / n1 > bg / n2, "{t}");
        let example = &t["example"];
        let text = folded(example["text"].as_str().unwrap());
        for w in t["term"].as_str().unwrap().split(' ') {
            assert!(text.contains(w), "{t}");
        }
        assert!(example["marked"].as_str().unwrap().contains("<mark>"));
        assert_eq!(example["citation"]["consultation"], SLUG);
        assert!(example["citation"]["url"]
            .as_str()
            .unwrap()
            .starts_with("http"));
        assert!(!t["forms"].as_array().unwrap().is_empty());
    }
    // A phrase is marked as one.
    assert!(list
        .iter()
        .all(|t| t["phrase"].as_bool().unwrap() == t["term"].as_str().unwrap().contains(' ')));

    // The same terms as CSV and as text.
    let csv = inspraak(index)
        .args(["terms", "--respondent", "organisation", "--format", "csv"])
        .output()
        .unwrap();
    assert!(csv.status.success());
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(first_column(&csv), words(&once));
    let text = inspraak(index)
        .args(["terms", "--respondent", "organisation"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("campaigns counted once"), "{text}");

    // Another background: the organisations against the individuals alone.
    let against = terms(
        index,
        &[
            "--respondent",
            "organisation",
            "--against",
            "respondent:individual",
        ],
    );
    assert_eq!(against["against"]["query"], "respondent:individual");
    assert!(against["background"].as_u64().unwrap() < once["background"].as_u64().unwrap());
    assert!(rank_of(&against, ORG_WORDS[0]).is_some_and(|r| r < 5));

    // Bad input is a one-line usage error.
    let bad = inspraak(index)
        .args(["terms", "--campaigns", "twice"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let bad = inspraak(index)
        .args(["terms", "--against", "\"open"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&bad.stderr).lines().count(), 1);

    // The API gives the same terms.
    let state = AppState::open(index).unwrap();
    let (status, api) = get_json(&state, "/api/terms?respondent=organisation").await;
    assert_eq!(status, 200);
    assert_eq!(api["terms"], once["terms"]);
    assert_eq!(api["foreground"], once["foreground"]);
    let (_, api_each) = get_json(
        &state,
        "/api/terms?respondent=organisation&campaigns=each&limit=100",
    )
    .await;
    assert_eq!(api_each["terms"], each["terms"]);
    let (status, lenient) =
        get_json(&state, "/api/terms?respondent=organisation&against=%22open").await;
    assert_eq!(status, 200);
    assert!(lenient["notes"][0]
        .as_str()
        .unwrap()
        .starts_with("against:"));
    let (status, _) = get_json(&state, "/api/terms?campaigns=twice").await;
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_buckets_add_up_to_the_search() {
    let index = &crawled().index;
    let search = json_of(inspraak(index).args(["search", "--format", "json", "--limit", "0"]));
    let total = search["total"].as_u64().unwrap();
    let campaigns = json_of(inspraak(index).args(["campaigns", "--format", "json"]));
    let members: u64 = campaigns
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["size"].as_u64().unwrap())
        .sum();
    let copies = members - campaigns.as_array().unwrap().len() as u64;
    // 40 copies; the campaigns' detector may leave a much-edited one apart.
    println!("campaign copies beyond each campaign's first: {copies}");
    assert!(copies >= 36, "the campaign's copies: {copies}");
    let mut starts = BTreeMap::new();
    for by in ["day", "week", "month"] {
        let t = json_of(inspraak(index).args(["timeline", "--by", by, "--format", "json"]));
        let buckets = t["buckets"].as_array().unwrap();
        let sum: u64 = buckets.iter().map(|b| b["total"].as_u64().unwrap()).sum();
        assert_eq!(sum, total, "{by}: buckets add up to the search's total");
        assert_eq!(t["total"].as_u64().unwrap(), total);
        let copied: u64 = buckets
            .iter()
            .map(|b| b["campaign_copies"].as_u64().unwrap())
            .sum();
        assert_eq!(
            copied, copies,
            "{by}: every copy beyond each campaign's first"
        );
        assert!(buckets
            .iter()
            .all(|b| b["campaign_copies"].as_u64() <= b["total"].as_u64()));
        starts.insert(by, buckets.len());
        // With a query too: the buckets add up to that search's total.
        let word = ORG_WORDS[0];
        let t = json_of(inspraak(index).args(["timeline", word, "--by", by, "--format", "json"]));
        let s = json_of(inspraak(index).args(["search", word, "--format", "json", "--limit", "0"]));
        let sum: u64 = t["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["total"].as_u64().unwrap())
            .sum();
        assert_eq!(sum, s["total"].as_u64().unwrap());
    }
    assert!(starts["day"] > starts["week"] && starts["week"] >= starts["month"]);
    let weeks = json_of(inspraak(index).args(["timeline", "--by", "week", "--format", "json"]));
    for b in weeks["buckets"].as_array().unwrap() {
        if let Some(s) = b["start"].as_str() {
            let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            assert_eq!(chrono::Datelike::weekday(&d), chrono::Weekday::Mon);
        }
    }
    // The API answers the same, and refuses what a timeline does not take.
    let state = AppState::open(index).unwrap();
    let (status, api) = get_json(&state, "/api/timeline?by=week").await;
    assert_eq!(status, 200);
    assert_eq!(api["buckets"], weeks["buckets"]);
    let (status, _) = get_json(&state, "/api/timeline?by=year").await;
    assert_eq!(status, 400);
    let (status, _) = get_json(&state, "/api/timeline?limit=3").await;
    assert_eq!(status, 400);
}

/// The sampled path, taken on the fixture by lowering the limits of exact counting: the
/// organisations' words still lead against a sampled background (they are counted exactly in
/// all of it from the postings), the answer says it was sampled and how, every estimate is a
/// count a set can hold, and the same request gives the same answer.
#[test]
fn a_sampled_answer_says_so_and_still_finds_what_leads() {
    use inspraak::keyness::{terms_within, CampaignCount, Limits, TermsRequest};
    let engine = inspraak::search::Engine::open(&crawled().index).unwrap();
    let limits = Limits {
        exact_foreground: 20,
        exact_background: 40,
        sampled_foreground: 15,
        sampled_background: 30,
    };
    let organisations = TermsRequest {
        search: inspraak::SearchRequest {
            respondent: Some(inspraak::Respondent::Organisation),
            ..Default::default()
        },
        against: None,
        campaigns: CampaignCount::Once,
        limit: 20,
    };
    let exact = inspraak::keyness::terms(&engine, &organisations).unwrap();
    let sampled = terms_within(&engine, &organisations, limits).unwrap();
    assert!(!exact.sampled);
    assert!(sampled.sampled);
    assert_eq!(
        (sampled.foreground, sampled.background),
        (exact.foreground, exact.background)
    );
    let note = sampled.notes.join(" ");
    assert!(
        note.contains("spread") && note.contains("postings"),
        "{note}"
    );
    let lead: Vec<&str> = sampled
        .terms
        .iter()
        .take(2)
        .map(|t| t.term.as_str())
        .collect();
    println!(
        "sampled: {:?}",
        sampled
            .terms
            .iter()
            .take(8)
            .map(|t| (&t.term, t.fg, t.bg))
            .collect::<Vec<_>>()
    );
    for w in ORG_WORDS {
        assert!(
            lead.contains(&w),
            "{w} leads a sampled answer too: {lead:?}"
        );
        // Counted exactly in the whole background: the same count as the exact answer's.
        let bg =
            |a: &inspraak::keyness::TermsAnswer| a.terms.iter().find(|t| t.term == w).map(|t| t.bg);
        assert_eq!(bg(&sampled), bg(&exact), "{w}");
    }
    for t in &sampled.terms {
        assert!(
            t.fg <= sampled.foreground && t.bg <= sampled.background,
            "{t:?}"
        );
        assert!(t.g2.is_finite() && t.log_ratio.is_finite());
    }
    // With words in the query, the best-matching units stand for the foreground.
    let word = TermsRequest {
        search: inspraak::SearchRequest {
            query: "kinderopvang".into(),
            ..Default::default()
        },
        ..organisations.clone()
    };
    let a = terms_within(&engine, &word, limits).unwrap();
    assert!(
        a.sampled && a.notes.join(" ").contains("best-matching"),
        "{:?}",
        a.notes
    );
    let again = terms_within(&engine, &word, limits).unwrap();
    assert_eq!(
        serde_json::to_value(&a.terms).unwrap(),
        serde_json::to_value(&again.terms).unwrap()
    );

    // The same site crawled from another address (another port): the samples, and so the
    // terms and their counts, are the same. They were drawn by unit keys, which are URL
    // fingerprints, and differed from one crawl to the next (a regression of issue 25's run).
    let elsewhere = Crawled::new(site(), &[SLUG]);
    let there = inspraak::search::Engine::open(&elsewhere.index).unwrap();
    let counts = |a: &inspraak::keyness::TermsAnswer| -> Vec<(String, u64, u64)> {
        a.terms
            .iter()
            .map(|t| (t.term.clone(), t.fg, t.bg))
            .collect()
    };
    for request in [&organisations, &word] {
        assert_eq!(
            counts(&terms_within(&engine, request, limits).unwrap()),
            counts(&terms_within(&there, request, limits).unwrap()),
            "{}",
            request.search.query
        );
    }
}
