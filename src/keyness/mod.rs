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
//! foreground's best-matching [`SAMPLED_FOREGROUND`] units stand for it, and the background's
//! word frequencies are the index's own document frequencies (its phrases' from a fixed
//! sample of [`SAMPLED_BACKGROUND`] units).

mod count;
mod statistic;
mod stopwords;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::str::FromStr;
use std::time::Instant;

use serde::Serialize;
use tantivy::schema::Value;
use tantivy::DocAddress;

use crate::error::{Error, Result};
use crate::extract::Kind;
use crate::quotes::Citation;
use crate::search::{Engine, Member, SearchRequest};
use count::{Shape, UnitDocs};
use statistic::{round4, Table};

/// Terms an answer lists unless asked otherwise.
pub const DEFAULT_TERMS: usize = 30;
/// The most terms one answer lists.
pub const MAX_TERMS: usize = 500;
/// Foreground units counted exactly; above this, a sample.
pub const EXACT_FOREGROUND: usize = 10_000;
/// Background units counted exactly; above this, the index's document frequencies.
pub const EXACT_BACKGROUND: usize = 50_000;
/// The best-matching foreground units read when the foreground is sampled.
pub const SAMPLED_FOREGROUND: usize = 2_000;
/// Background units read for phrases when the background is sampled.
pub const SAMPLED_BACKGROUND: usize = 2_000;
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

/// Units of a set: each unit's campaign, and the documents of it that the set holds.
#[derive(Default)]
struct Units {
    campaign: BTreeMap<u64, u64>,
}

impl Units {
    fn of(members: &[Member], without: Option<&Units>) -> Units {
        let mut u = Units::default();
        for m in members {
            if without.is_some_and(|w| w.campaign.contains_key(&m.unit)) {
                continue;
            }
            let c = u.campaign.entry(m.unit).or_insert(0);
            if m.campaign != 0 {
                *c = m.campaign;
            }
        }
        u
    }

    /// The units that belong to a campaign.
    fn in_campaigns(&self) -> impl Iterator<Item = u64> + '_ {
        self.campaign
            .iter()
            .filter(|(_, &c)| c != 0)
            .map(|(&u, _)| u)
    }

    /// One unit per campaign without reading ids (the one with the lowest unit key), for a
    /// set that is only counted and sampled.
    fn one_per_campaign(&self, campaigns: CampaignCount) -> Vec<u64> {
        let mut seen = HashSet::new();
        self.campaign
            .iter()
            .filter(|(_, &c)| c == 0 || campaigns == CampaignCount::Each || seen.insert(c))
            .map(|(&u, _)| u)
            .collect()
    }

    /// Units after campaigns are counted once: every unit outside a campaign, and one per
    /// campaign (chosen later; here the size only).
    fn size(&self, campaigns: CampaignCount) -> usize {
        match campaigns {
            CampaignCount::Each => self.campaign.len(),
            CampaignCount::Once => {
                let alone = self.campaign.values().filter(|&&c| c == 0).count();
                let groups: BTreeSet<u64> = self
                    .campaign
                    .values()
                    .copied()
                    .filter(|&c| c != 0)
                    .collect();
                alone + groups.len()
            }
        }
    }
}

/// A unit's id for "the lowest document id": its response's id without the kind's prefix, so
/// that a response (`r-…`) and its attachment (`a-…`) read as the same unit.
fn unit_id(id: &str) -> &str {
    id.strip_prefix("r-")
        .or_else(|| id.strip_prefix("a-"))
        .unwrap_or(id)
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
            let q = engine.consultations_of_kinds(&fg.consultations, &kinds);
            let all = engine.members(&searcher, &*q)?.members;
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
            let slugs: BTreeSet<String> = fg
                .consultations
                .iter()
                .chain(&b.consultations)
                .cloned()
                .collect();
            let q = engine.consultations_of_kinds(&slugs, &kinds);
            let all = engine.members(&searcher, &*q)?.members;
            let against = Against {
                query: Some(a.to_string()),
                consultations: None,
                kinds: kind_names,
            };
            (Some(b.members), all, against)
        }
    };
    let fg_units = Units::of(&fg.members, None);
    let bg_units = Units::of(bg_members.as_deref().unwrap_or(&universe), Some(&fg_units));
    let (n1, n2) = (fg_units.size(req.campaigns), bg_units.size(req.campaigns));
    let mut answer = TermsAnswer {
        query: req.search.query.clone(),
        foreground: n1 as u64,
        background: n2 as u64,
        campaigns: req.campaigns,
        against,
        sampled: n1 > EXACT_FOREGROUND || n2 > EXACT_BACKGROUND,
        notes: Vec::new(),
        took_ms: 0.0,
        terms: Vec::new(),
    };
    if n1 == 0 || n2 == 0 {
        answer.notes.push(
            if n1 == 0 {
                "no unit matches: nothing to compare"
            } else {
                "the background is empty: every unit of it matches the query too"
            }
            .into(),
        );
        answer.took_ms = millis(started);
        return Ok(answer);
    }
    let (fg_sampled, bg_sampled) = (n1 > EXACT_FOREGROUND, n2 > EXACT_BACKGROUND);
    // Every document of a unit, the ones that did not match too (a response matched, its
    // attachment is still part of what the respondent sent): first of the campaigns' members
    // that choose who stands for a campaign, then of the units to read.
    let mut grouped: HashSet<u64> = HashSet::new();
    if req.campaigns == CampaignCount::Once {
        let mut sets = vec![&fg_units];
        if !bg_sampled {
            sets.push(&bg_units);
        }
        for units in sets {
            grouped.extend(units.in_campaigns());
        }
        if fg_sampled {
            // A sampled foreground's campaigns are stood for by their best-ranked member.
            for u in fg_units.in_campaigns() {
                grouped.remove(&u);
            }
        }
    }
    let docs_of = documents_of(&universe, &fg.members, &grouped);
    let chooser = Chooser {
        engine,
        searcher: &searcher,
        docs_of: &docs_of,
    };
    // The foreground in ranked order: the sample is its best, the examples come from the best.
    let order = if fg_sampled {
        chooser.best_units(
            &*fg_query,
            &fg.members,
            &fg_units,
            req.campaigns,
            SAMPLED_FOREGROUND,
        )?
    } else {
        let kept = chooser.kept(&fg_units, req.campaigns)?;
        chooser.ranked_units(&*fg_query, &fg.members, &kept)?
    };
    // The background: exact, or the index's document frequencies for words and a fixed sample
    // of units for phrases.
    let bg_kept: Vec<u64> = if bg_sampled {
        let mut by_key: Vec<u64> = bg_units.one_per_campaign(req.campaigns);
        by_key.sort_by_key(|&u| (crate::text::mix(u), u));
        by_key.truncate(SAMPLED_BACKGROUND);
        by_key.sort_unstable();
        by_key
    } else {
        chooser.kept(&bg_units, req.campaigns)?
    };
    let reading: HashSet<u64> = order.iter().chain(&bg_kept).copied().collect();
    let docs_of = documents_of(&universe, &fg.members, &reading);
    let chooser = Chooser {
        docs_of: &docs_of,
        ..chooser
    };
    let fg_docs = chooser.unit_docs(&order)?;
    let fg_counts = count::foreground(engine, &searcher, &fg_docs)?;
    let scale1 = n1 as f64 / (fg_docs.len() as f64).max(1.0);
    let candidates: Vec<(u64, count::Slot)> = fg_counts
        .counts
        .iter()
        .filter(|(_, s)| s.n >= MIN_FOREGROUND)
        .map(|(h, s)| (*h, *s))
        .collect();
    let wanted: count::FastSet = candidates.iter().map(|(h, _)| *h).collect();
    let bg_docs = chooser.unit_docs(&bg_kept)?;
    let bg_counts = count::background(engine, &searcher, &bg_docs, &wanted)?;
    let scale2 = n2 as f64 / (bg_docs.len() as f64).max(1.0);
    let documents = searcher.num_docs().max(1) as f64;
    let mut scored: Vec<(f64, u64, Table, Shape)> = Vec::new();
    for (h, slot) in &candidates {
        let a = f64::from(slot.n) * scale1;
        let b = if bg_sampled && slot.shape == Shape::Word {
            let word = fg_counts
                .words
                .get(h)
                .map(String::as_str)
                .unwrap_or_default();
            let df = engine.document_frequency(&searcher, word)? as f64;
            (df / documents * (n1 + n2) as f64 - a).max(0.0)
        } else {
            f64::from(bg_counts.get(h).copied().unwrap_or(0)) * scale2
        };
        let t = Table {
            a,
            b,
            n1: n1 as f64,
            n2: n2 as f64,
        };
        if t.over() {
            scored.push((t.g2(), *h, t, slot.shape));
        }
    }
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
        let people = engine.people(&searcher)?;
        terms.retain(|(t, _)| !t.term.split(' ').any(|w| people.has_name_word(w)));
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
        answer
            .notes
            .push(sampling_note(n1, n2, fg_docs.len(), bg_docs.len()));
    }
    answer.took_ms = millis(started);
    Ok(answer)
}

/// The documents of each of `units`, from the universe of the sets' consultations and the
/// foreground's matches.
fn documents_of(
    universe: &[Member],
    matches: &[Member],
    units: &HashSet<u64>,
) -> HashMap<u64, Vec<DocAddress>> {
    let mut docs_of: HashMap<u64, Vec<DocAddress>> = HashMap::new();
    for m in universe.iter().chain(matches) {
        if units.contains(&m.unit) {
            let docs = docs_of.entry(m.unit).or_default();
            if !docs.contains(&m.addr) {
                docs.push(m.addr);
            }
        }
    }
    docs_of
}

/// Says how a sampled answer was counted.
fn sampling_note(n1: usize, n2: usize, read1: usize, read2: usize) -> String {
    let mut parts = Vec::new();
    if n1 > EXACT_FOREGROUND {
        parts.push(format!(
            "the foreground's {read1} best-matching units of {n1} were read and their counts scaled"
        ));
    }
    if n2 > EXACT_BACKGROUND {
        parts.push(format!(
            "the background's words are the index's document frequencies, its phrases a fixed sample of {read2} units of {n2}"
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

fn millis(started: Instant) -> f64 {
    (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0
}

/// Chooses and orders the units a set reads.
struct Chooser<'a> {
    engine: &'a Engine,
    searcher: &'a tantivy::Searcher,
    docs_of: &'a HashMap<u64, Vec<DocAddress>>,
}

impl Chooser<'_> {
    /// The units of a set with each campaign once (its representative when the set holds it,
    /// else its member with the lowest id), or all of them.
    fn kept(&self, units: &Units, campaigns: CampaignCount) -> Result<Vec<u64>> {
        let mut kept = Vec::new();
        let mut groups: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
        for (&unit, &campaign) in &units.campaign {
            if campaign == 0 || campaigns == CampaignCount::Each {
                kept.push(unit);
            } else {
                groups.entry(campaign).or_default().push(unit);
            }
        }
        let in_groups: Vec<DocAddress> = groups
            .values()
            .filter(|m| m.len() > 1)
            .flatten()
            .flat_map(|u| self.docs_of.get(u).into_iter().flatten().copied())
            .collect();
        let ids = self.ids(&in_groups)?;
        for members in groups.into_values() {
            if members.len() == 1 {
                kept.push(members[0]);
                continue;
            }
            let mut named: Vec<(String, u64, DocAddress)> = Vec::new();
            for &u in &members {
                for &addr in self.docs_of.get(&u).map(Vec::as_slice).unwrap_or_default() {
                    let id = ids.get(&addr).map(String::as_str).unwrap_or_default();
                    named.push((unit_id(id).to_string(), u, addr));
                }
            }
            named.sort();
            let Some((_, lowest, first)) = named.first().cloned() else {
                continue;
            };
            let stored = self.engine.load(self.searcher, first)?.2;
            let representative = stored
                .get_first(self.engine.fields().meta)
                .and_then(|v| v.as_str())
                .and_then(|m| serde_json::from_str::<serde_json::Value>(m).ok())
                .and_then(|m| m["campaign_representative"].as_str().map(str::to_string));
            let chosen = representative
                .and_then(|r| {
                    named
                        .iter()
                        .find(|(id, ..)| id == unit_id(&r))
                        .map(|(_, u, _)| *u)
                })
                .unwrap_or(lowest);
            kept.push(chosen);
        }
        kept.sort_unstable();
        Ok(kept)
    }

    /// The kept units in the order of their best-ranked match (relevance, then date, then id).
    fn ranked_units(
        &self,
        query: &dyn tantivy::query::Query,
        members: &[Member],
        kept: &[u64],
    ) -> Result<Vec<u64>> {
        let kept: HashSet<u64> = kept.iter().copied().collect();
        let unit_at: HashMap<DocAddress, u64> = members.iter().map(|m| (m.addr, m.unit)).collect();
        let top = self
            .engine
            .ranked_by_relevance(self.searcher, query, members.len())?;
        let mut seen = HashSet::new();
        Ok(top
            .iter()
            .filter_map(|(_, addr)| unit_at.get(addr).copied())
            .filter(|u| kept.contains(u) && seen.insert(*u))
            .collect())
    }

    /// The `most` best-matching units of a large set, a campaign stood for by its best-ranked
    /// member (with `campaigns once`), read in growing batches of ranked matches.
    fn best_units(
        &self,
        query: &dyn tantivy::query::Query,
        members: &[Member],
        units: &Units,
        campaigns: CampaignCount,
        most: usize,
    ) -> Result<Vec<u64>> {
        let unit_at: HashMap<DocAddress, u64> = members.iter().map(|m| (m.addr, m.unit)).collect();
        let mut batch = most * 4;
        loop {
            let top = self
                .engine
                .ranked_by_relevance(self.searcher, query, batch)?;
            let (mut seen, mut voiced) = (HashSet::new(), HashSet::new());
            let mut order = Vec::new();
            for (_, addr) in &top {
                let Some(&u) = unit_at.get(addr) else {
                    continue;
                };
                let campaign = units.campaign.get(&u).copied().unwrap_or(0);
                let again =
                    campaign != 0 && campaigns == CampaignCount::Once && !voiced.insert(campaign);
                if !again && seen.insert(u) {
                    order.push(u);
                    if order.len() == most {
                        return Ok(order);
                    }
                }
            }
            if top.len() < batch {
                return Ok(order);
            }
            batch *= 4;
        }
    }

    /// The documents of each unit, in the order of their ids.
    fn unit_docs(&self, units: &[u64]) -> Result<Vec<UnitDocs>> {
        let all: Vec<DocAddress> = units
            .iter()
            .flat_map(|u| self.docs_of.get(u).into_iter().flatten().copied())
            .collect();
        let ids = self.ids(&all)?;
        Ok(units
            .iter()
            .map(|u| {
                let mut docs = self.docs_of.get(u).cloned().unwrap_or_default();
                docs.sort_by(|a, b| ids.get(a).cmp(&ids.get(b)));
                UnitDocs { docs }
            })
            .collect())
    }

    /// The ids of documents, read in one pass per segment.
    fn ids(&self, addrs: &[DocAddress]) -> Result<HashMap<DocAddress, String>> {
        let mut sorted = addrs.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let ids = self.engine.ids_at(self.searcher, &sorted)?;
        Ok(sorted.into_iter().zip(ids).collect())
    }
}
