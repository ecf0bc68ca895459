//! Keyness: what a set of responses says that the others do not. The *foreground* is a
//! search's matching units (a response with its attachment is one unit), the *background* the
//! other units of the same consultations, or of another query (`against`). Every word and two-
//! and three-word phrase is counted in units, not occurrences, so a long letter that repeats a
//! word counts once like a short one; every campaign of near-identical copies counts as one
//! unit in a set (`campaigns once`), so that 500 copies of one template are one voice. Terms
//! are ranked by Dunning's log-likelihood G2 over the 2x2 table of unit counts
//! (`statistic.rs`), and each comes with a sentence to cite, attributed as a quote is.
//!
//! Counting reads every unit's stored text (`count.rs`). Above [`EXACT_FOREGROUND`] units in
//! the foreground or [`EXACT_BACKGROUND`] in the background the answer is `sampled`: the
//! foreground's best-matching [`SAMPLED_FOREGROUND`] units stand for it (without query words,
//! as many spread over it), and the background is read from a fixed spread sample of
//! [`SAMPLED_BACKGROUND`] units, its leading words then counted exactly in all of it from the
//! index's postings. The index's document frequencies alone would not do: they count the whole
//! index, and a word every response of one large consultation uses would look rare in it.

mod count;
mod sets;
mod statistic;
mod stopwords;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::str::FromStr;
use std::time::Instant;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::extract::Kind;
use crate::quotes::Citation;
use crate::search::{millis, Engine, SearchRequest};
use count::Shape;
use sets::{documents_of, spread_sample, Chooser, Units};
use statistic::{round4, Table};

/// With a sampled background, the leading words (this many per term asked for, and 50) are
/// counted exactly from the index's postings.
const EXACT_WORDS_PER_TERM: usize = 4;
/// Terms an answer lists unless asked otherwise.
pub const DEFAULT_TERMS: usize = 30;
/// The most terms one answer lists.
pub const MAX_TERMS: usize = 500;
/// Foreground units counted exactly; above this, a sample.
pub const EXACT_FOREGROUND: usize = 10_000;
/// Background units counted exactly; above this, a spread sample (its leading words then
/// counted exactly from the index's postings).
pub const EXACT_BACKGROUND: usize = 50_000;
/// The best-matching foreground units read when the foreground is sampled.
pub const SAMPLED_FOREGROUND: usize = 2_000;
/// Background units read when the background is sampled.
pub const SAMPLED_BACKGROUND: usize = 2_000;
/// Where counting stops being exact, and how large the samples are then: [`EXACT_FOREGROUND`],
/// [`EXACT_BACKGROUND`], [`SAMPLED_FOREGROUND`] and [`SAMPLED_BACKGROUND`] by default; smaller
/// in tests, so that a fixture of a few hundred responses takes the sampled path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Foreground units counted exactly.
    pub exact_foreground: usize,
    /// Background units counted exactly.
    pub exact_background: usize,
    /// Foreground units read when sampled.
    pub sampled_foreground: usize,
    /// Background units read when sampled.
    pub sampled_background: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            exact_foreground: EXACT_FOREGROUND,
            exact_background: EXACT_BACKGROUND,
            sampled_foreground: SAMPLED_FOREGROUND,
            sampled_background: SAMPLED_BACKGROUND,
        }
    }
}

/// A term must be in at least this many foreground units.
pub const MIN_FOREGROUND: u32 = 3;
/// Written forms shown per term.
const FORMS: usize = 3;

/// How campaigns count in a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CampaignCount {
    /// A campaign is one unit: its representative, or the member with the lowest id.
    #[default]
    Once,
    /// Every copy is a unit.
    Each,
}

impl CampaignCount {
    /// The values `--campaigns` takes.
    pub const NAMES: &'static [&'static str] = &["once", "each"];
}

impl FromStr for CampaignCount {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "once" => Ok(CampaignCount::Once),
            "each" => Ok(CampaignCount::Each),
            _ => Err(format!("'{s}' is not once or each")),
        }
    }
}

/// What to compare: a search's matches against a background.
#[derive(Debug, Clone)]
pub struct TermsRequest {
    /// The foreground: the search's words and filters (its page and order do not apply).
    pub search: SearchRequest,
    /// The background as a query (`respondent:individual`, `*` for every unit); by default the
    /// other units of the foreground's consultations.
    pub against: Option<String>,
    /// How campaigns count.
    pub campaigns: CampaignCount,
    /// Terms to list.
    pub limit: usize,
}

/// The background an answer used.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Against {
    /// The query that chose it; none for the default.
    pub query: Option<String>,
    /// For the default: the consultations whose other units it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consultations: Option<Vec<String>>,
    /// The kinds of documents its units are made of.
    pub kinds: Vec<String>,
}

/// A sentence that holds a term, to cite.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Example {
    /// The sentence, in the source's exact words.
    pub text: String,
    /// The same, HTML-escaped, with the term's words in `<mark>`.
    pub marked: String,
    /// Who wrote it, where and when, as a quote is cited.
    pub citation: Citation,
}

/// A word or phrase over-represented in the foreground.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KeyTerm {
    /// The term as the index reads it: lowercased, accents folded, words joined by a space.
    pub term: String,
    /// How the foreground writes it, most frequent first.
    pub forms: Vec<String>,
    /// Two or three words.
    pub phrase: bool,
    /// Foreground units with it (an estimate when sampled).
    pub fg: u64,
    /// Background units with it (an estimate when sampled).
    pub bg: u64,
    /// Dunning's log-likelihood.
    pub g2: f64,
    /// log2 of the ratio of its relative frequencies (0.5 for a zero count).
    pub log_ratio: f64,
    /// A sentence of a foreground unit that holds it.
    pub example: Option<Example>,
}

/// The answer: the sets' sizes, how they were counted, and the terms, by G2.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TermsAnswer {
    /// The foreground's query.
    pub query: String,
    /// Foreground units.
    pub foreground: u64,
    /// Background units.
    pub background: u64,
    /// How campaigns counted.
    pub campaigns: CampaignCount,
    /// The background used.
    pub against: Against,
    /// Whether counts are estimates (a set above the exact limits).
    pub sampled: bool,
    /// How the answer was made when it is not plain (sampling, an empty set).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Milliseconds the engine took.
    pub took_ms: f64,
    /// The terms, highest G2 first, ties by term.
    pub terms: Vec<KeyTerm>,
}

/// The kinds keyness reads: responses with their attachments, or what `--kind` asks for.
fn kinds_of(req: &SearchRequest) -> Vec<Kind> {
    match req.kind {
        Some(k) => vec![k],
        None => vec![Kind::Response, Kind::Attachment],
    }
}

/// Words and phrases over-represented in a search's matching units against a background.
pub fn terms(engine: &Engine, req: &TermsRequest) -> Result<TermsAnswer> {
    terms_within(engine, req, Limits::default())
}

/// [`terms`] with other limits of exact counting (tests of the sampled path on small indexes).
pub fn terms_within(engine: &Engine, req: &TermsRequest, limits: Limits) -> Result<TermsAnswer> {
    let started = Instant::now();
    if req.limit == 0 || req.limit > MAX_TERMS {
        return Err(Error::parameter(
            "limit",
            format!("is from 1 to {MAX_TERMS}"),
        ));
    }
    let searcher = engine.searcher();
    let kinds = kinds_of(&req.search);
    let kind_names: Vec<String> = kinds.iter().map(|k| k.as_str().to_string()).collect();
    let fg_req = SearchRequest {
        kind: None,
        ..req.search.clone()
    };
    let fg_query = engine.query_of_kinds(&fg_req, &kinds)?;
    let fg = engine.members(&searcher, &*fg_query)?;
    let (bg_members, universe, against) = match req.against.as_deref().map(str::trim) {
        None | Some("") => {
            let all = engine.members_in(&searcher, &fg.consultations, &kinds)?;
            let against = Against {
                query: None,
                consultations: Some(fg.consultations.iter().cloned().collect()),
                kinds: kind_names,
            };
            (None, all, against)
        }
        Some(a) => {
            let areq = SearchRequest {
                query: if a == "*" {
                    String::new()
                } else {
                    a.to_string()
                },
                ..SearchRequest::default()
            };
            let aq = engine.query_of_kinds(&areq, &kinds).map_err(|e| match e {
                Error::Query(m) | Error::Parameter { message: m, .. } => {
                    Error::parameter("against", m)
                }
                e => e,
            })?;
            let b = engine.members(&searcher, &*aq)?;
            // Every unit's documents: for `*` the background's own are all of them.
            let all = if a == "*" {
                Vec::new()
            } else {
                let slugs: BTreeSet<String> = fg
                    .consultations
                    .iter()
                    .chain(&b.consultations)
                    .cloned()
                    .collect();
                engine.members_in(&searcher, &slugs, &kinds)?
            };
            let against = Against {
                query: Some(a.to_string()),
                consultations: None,
                kinds: kind_names,
            };
            (Some(b.members), all, against)
        }
    };
    let sets_ms = millis(started);
    let bg_members = bg_members.as_deref().unwrap_or(&universe);
    let fg_units = Units::of(&fg.members, None);
    let bg_units = Units::of(bg_members, Some(&fg_units));
    let (n1, n2) = (fg_units.size(req.campaigns), bg_units.size(req.campaigns));
    let mut answer = TermsAnswer {
        query: req.search.query.clone(),
        foreground: n1 as u64,
        background: n2 as u64,
        campaigns: req.campaigns,
        against,
        sampled: n1 > limits.exact_foreground || n2 > limits.exact_background,
        notes: Vec::new(),
        took_ms: 0.0,
        terms: Vec::new(),
    };
    if n1 == 0 || n2 == 0 {
        answer.notes.push(
            if n1 == 0 {
                "no unit with text matches: nothing to compare"
            } else {
                "the background is empty: no unit with text outside the foreground"
            }
            .into(),
        );
        answer.took_ms = millis(started);
        return Ok(answer);
    }
    let (fg_sampled, bg_sampled) = (n1 > limits.exact_foreground, n2 > limits.exact_background);
    // Every document of a unit, the ones that did not match too (a response matched, its
    // attachment is still part of what the respondent sent): first of the campaigns' members
    // that choose who stands for a campaign, then of the units to read.
    let sources = [universe.as_slice(), &fg.members, bg_members];
    let mut grouped = count::FastSet::default();
    if req.campaigns == CampaignCount::Once {
        if !fg_sampled {
            grouped.extend(fg_units.in_campaigns());
        }
        if !bg_sampled {
            grouped.extend(bg_units.in_campaigns());
        }
    }
    let docs_of = documents_of(&sources, &grouped);
    let chooser = Chooser {
        engine,
        searcher: &searcher,
        docs_of: &docs_of,
    };
    // The foreground in ranked order: the sample is its best, the examples come from the best.
    let words_asked = !req.search.query.trim().is_empty();
    let order = match (fg_sampled, words_asked) {
        (false, _) => {
            let kept = chooser.kept(&fg_units, req.campaigns)?;
            chooser.ranked_units(&*fg_query, &fg.members, &kept)?
        }
        (true, true) => chooser.best_units(
            &*fg_query,
            &fg.members,
            &fg_units,
            req.campaigns,
            limits.sampled_foreground,
        )?,
        // Without words every match ranks alike (newest first): a sample of the newest would
        // speak for the last weeks only. A spread sample instead.
        (true, false) => spread_sample(&fg_units, req.campaigns, limits.sampled_foreground),
    };
    // The background: every unit, or a fixed spread sample.
    let bg_kept: Vec<u64> = if bg_sampled {
        spread_sample(&bg_units, req.campaigns, limits.sampled_background)
    } else {
        chooser.kept(&bg_units, req.campaigns)?
    };
    let reading: count::FastSet = order.iter().chain(&bg_kept).copied().collect();
    let docs_of = documents_of(&sources, &reading);
    let chooser = Chooser {
        docs_of: &docs_of,
        ..chooser
    };
    let chosen_ms = millis(started);
    let fg_docs = chooser.unit_docs(&order, true)?;
    let fg_counts = count::foreground(engine, &searcher, &fg_docs)?;
    let foreground_ms = millis(started);
    let scale1 = n1 as f64 / (fg_docs.len() as f64).max(1.0);
    let candidates: Vec<(u64, count::Slot)> = fg_counts
        .counts
        .iter()
        .filter(|(_, s)| s.n >= MIN_FOREGROUND)
        .map(|(h, s)| (*h, *s))
        .collect();
    let wanted: count::FastSet = candidates.iter().map(|(h, _)| *h).collect();
    let bg_docs = chooser.unit_docs(&bg_kept, false)?;
    let bg_counts = count::background(engine, &searcher, &bg_docs, &wanted)?;
    let scale2 = n2 as f64 / (bg_docs.len() as f64).max(1.0);
    let background_ms = millis(started);
    let table = |a: f64, b: f64| Table {
        a,
        b,
        n1: n1 as f64,
        n2: n2 as f64,
    };
    let mut scored: Vec<(f64, u64, Table, Shape)> = candidates
        .iter()
        .map(|(h, slot)| {
            let held = f64::from(bg_counts.get(h).copied().unwrap_or(0));
            // A phrase a sample does not hold may still be in the units it left out: it counts
            // as half a sampled unit, so that chance zeros do not fill the list (words are
            // counted exactly below).
            let held = if bg_sampled { held.max(0.5) } else { held };
            let b = held * scale2;
            let t = table(f64::from(slot.n) * scale1, b);
            (t.g2(), *h, t, slot.shape)
        })
        .filter(|(_, _, t, _)| t.over())
        .collect();
    if bg_sampled {
        // The sample ranks the words; the leading ones are then counted exactly in the whole
        // background from the index's postings, which a sample of a few thousand units cannot
        // do for a word that is rare there.
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let leading: Vec<u64> = scored
            .iter()
            .filter(|s| s.3 == Shape::Word)
            .take(req.limit * EXACT_WORDS_PER_TERM + 50)
            .map(|s| s.1)
            .collect();
        let kept = bg_units.one_per_campaign(req.campaigns);
        let index: count::FastMap<u32> = kept
            .iter()
            .enumerate()
            .map(|(i, &u)| (u, i as u32))
            .collect();
        let unit_map = engine.unit_map(&searcher, bg_members, |u| index.get(&u).copied());
        let mut seen = vec![u32::MAX; kept.len()];
        let mut exact: HashMap<u64, f64> = HashMap::new();
        for (stamp, h) in leading.iter().enumerate() {
            let word = fg_counts
                .words
                .get(h)
                .map(String::as_str)
                .unwrap_or_default();
            let n = engine.units_holding(&searcher, word, &unit_map, &mut seen, stamp as u32)?;
            exact.insert(*h, f64::from(n));
        }
        scored = scored
            .into_iter()
            .filter_map(|(g2, h, t, shape)| match exact.get(&h) {
                Some(&b) => {
                    let t = table(t.a, b);
                    t.over().then(|| (t.g2(), h, t, shape))
                }
                None => Some((g2, h, t, shape)),
            })
            .collect();
    }
    let exact_ms = millis(started);
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    // Room for the phrases a longer phrase holds, and every term tied with the last one.
    let room = (req.limit * 2 + 20).min(scored.len());
    let floor = scored.get(room.saturating_sub(1)).map_or(0.0, |s| s.0);
    scored.retain(|s| s.0 >= floor);
    let spelled_wanted: count::FastSet = scored.iter().map(|s| s.1).collect();
    let mut details = count::details(engine, &searcher, &fg_docs, &spelled_wanted)?;
    let mut terms: Vec<(KeyTerm, Option<count::Detail>)> = scored
        .iter()
        .filter_map(|(g2, h, t, shape)| {
            let d = details.remove(h)?;
            Some((
                KeyTerm {
                    term: d.term.clone(),
                    forms: count::top_forms(&d.forms, FORMS),
                    phrase: *shape != Shape::Word,
                    fg: t.a.round() as u64,
                    bg: t.b.round() as u64,
                    g2: round4(*g2),
                    log_ratio: round4(t.log_ratio()),
                    example: None,
                },
                Some(d),
            ))
        })
        .collect();
    drop_held_phrases(&mut terms);
    if engine.is_public() {
        // A surname counted in three responses is still a name: a public server lists no term
        // with a word of a private person's name ("van" and "de" are no names of their own).
        let people = engine.people(&searcher)?;
        let before = terms.len();
        terms.retain(|(t, _)| {
            !t.term
                .split(' ')
                .any(|w| people.has_name_word(w) && !count::is_stop_word(w))
        });
        if terms.len() < before {
            answer.notes.push(format!(
                "{} terms with a word of a private person's name are withheld",
                before - terms.len()
            ));
        }
    }
    terms.sort_by(|a, b| b.0.g2.total_cmp(&a.0.g2).then(a.0.term.cmp(&b.0.term)));
    terms.truncate(req.limit);
    for (term, detail) in &mut terms {
        let Some(place) = detail.take().and_then(|d| d.example) else {
            continue;
        };
        let q = engine.withheld(crate::quotes::sentence_quote(
            engine,
            &searcher,
            place.address,
            place.range,
            &place.words,
        )?)?;
        term.example = Some(Example {
            text: q.text,
            marked: q.marked,
            citation: q.citation,
        });
    }
    answer.terms = terms.into_iter().map(|(t, _)| t).collect();
    if answer.sampled {
        answer.notes.push(sampling_note(
            (n1, n2),
            (fg_sampled, bg_sampled),
            (fg_docs.len(), bg_docs.len()),
            words_asked,
        ));
    }
    answer.took_ms = millis(started);
    tracing::debug!(
        sets_ms,
        chosen_ms,
        foreground_ms,
        background_ms,
        exact_ms,
        took_ms = answer.took_ms,
        read = fg_docs.len() + bg_docs.len(),
        "terms"
    );
    Ok(answer)
}

/// Says how a sampled answer was counted.
fn sampling_note(
    (n1, n2): (usize, usize),
    (fg_sampled, bg_sampled): (bool, bool),
    (read1, read2): (usize, usize),
    best: bool,
) -> String {
    let mut parts = Vec::new();
    if fg_sampled {
        let which = if best { "best-matching" } else { "spread" };
        parts.push(format!(
            "the foreground's counts are from {read1} {which} units of {n1}, scaled"
        ));
    }
    if bg_sampled {
        parts.push(format!(
            "the background's are from a spread sample of {read2} units of {n2}, scaled, \
             and its leading words counted exactly in all {n2} from the index's postings"
        ));
    }
    format!("sampled: {}", parts.join("; "))
}

/// Drops a two-word phrase that a three-word phrase with the same counts holds: the same
/// units say it, and the longer one says more.
fn drop_held_phrases(terms: &mut Vec<(KeyTerm, Option<count::Detail>)>) {
    let threes: HashSet<(String, u64, u64)> = terms
        .iter()
        .filter(|(t, _)| t.term.matches(' ').count() == 2)
        .flat_map(|(t, _)| {
            let w: Vec<&str> = t.term.split(' ').collect();
            [
                (format!("{} {}", w[0], w[1]), t.fg, t.bg),
                (format!("{} {}", w[1], w[2]), t.fg, t.bg),
            ]
        })
        .collect();
    terms.retain(|(t, _)| {
        !(t.term.matches(' ').count() == 1 && threes.contains(&(t.term.clone(), t.fg, t.bg)))
    });
}
