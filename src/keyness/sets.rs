//! The two sets keyness compares, as units: which units a set holds with each one's campaign,
//! which unit stands for a campaign (its representative when the set holds it, else the lowest
//! id; in a sample, the best-ranked or the lowest key), the foreground's ranked order, spread
//! samples of large sets, and every document of the units to read.

use std::collections::{BTreeMap, HashMap, HashSet};

use tantivy::schema::Value;
use tantivy::DocAddress;

use super::count::{self, UnitDocs};
use super::CampaignCount;
use crate::error::Result;
use crate::search::{unit_id, Engine, Member};

/// Units of a set with each one's campaign (0 for none), sorted by unit key: a million of
/// them sort in a few tens of milliseconds, where a tree map took most of a second.
#[derive(Default)]
pub(super) struct Units {
    list: Vec<(u64, u64)>,
    /// Each unit's host-independent key ([`Member::stable`]), beside `list`.
    stable: Vec<u64>,
}

impl Units {
    pub(super) fn of(members: &[Member], without: Option<&Units>) -> Units {
        // Unit keys are fingerprints: a set of them hashes nothing again.
        let without: Option<count::FastSet> =
            without.map(|w| w.list.iter().map(|(u, _)| *u).collect());
        let mut list: Vec<(u64, u64, u64)> = members
            .iter()
            .filter(|m| without.as_ref().is_none_or(|w| !w.contains(&m.unit)))
            .map(|m| (m.unit, m.campaign, m.stable))
            .collect();
        // A unit's documents share its campaign; a document without one sorts first, and the
        // last of each unit keeps what any of them says.
        list.sort_unstable();
        list.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                earlier.1 = earlier.1.max(later.1);
                earlier.2 = earlier.2.min(later.2);
            }
            same
        });
        Units {
            stable: list.iter().map(|t| t.2).collect(),
            list: list.into_iter().map(|(u, c, _)| (u, c)).collect(),
        }
    }

    /// A unit's campaign (0 for none).
    pub(super) fn campaign_of(&self, unit: u64) -> u64 {
        self.list
            .binary_search_by_key(&unit, |&(u, _)| u)
            .map_or(0, |i| self.list[i].1)
    }

    /// The units that belong to a campaign.
    pub(super) fn in_campaigns(&self) -> impl Iterator<Item = u64> + '_ {
        self.list.iter().filter(|(_, c)| *c != 0).map(|(u, _)| *u)
    }

    /// One unit per campaign without reading ids (the one with the lowest unit key), for a
    /// set that is only counted and sampled.
    pub(super) fn one_per_campaign(&self, campaigns: CampaignCount) -> Vec<u64> {
        self.one_per_campaign_keyed(campaigns)
            .into_iter()
            .map(|(u, _)| u)
            .collect()
    }

    /// [`Units::one_per_campaign`] with each unit's host-independent key
    /// ([`Member::stable`]), in the order of those keys: a campaign stands by its member with
    /// the lowest key, the same on every host.
    pub(super) fn one_per_campaign_keyed(&self, campaigns: CampaignCount) -> Vec<(u64, u64)> {
        let mut order: Vec<usize> = (0..self.list.len()).collect();
        order.sort_unstable_by_key(|&i| (self.stable[i], self.list[i].0));
        let mut seen = HashSet::new();
        order
            .into_iter()
            .filter(|&i| {
                let c = self.list[i].1;
                c == 0 || campaigns == CampaignCount::Each || seen.insert(c)
            })
            .map(|i| (self.list[i].0, self.stable[i]))
            .collect()
    }

    /// Units after campaigns are counted once: every unit outside a campaign, and one per
    /// campaign (chosen later; here the size only).
    pub(super) fn size(&self, campaigns: CampaignCount) -> usize {
        match campaigns {
            CampaignCount::Each => self.list.len(),
            CampaignCount::Once => {
                let mut campaigns: Vec<u64> = self.in_campaigns_of().collect();
                campaigns.sort_unstable();
                campaigns.dedup();
                self.list.len() - self.in_campaigns().count() + campaigns.len()
            }
        }
    }

    fn in_campaigns_of(&self) -> impl Iterator<Item = u64> + '_ {
        self.list.iter().map(|(_, c)| *c).filter(|&c| c != 0)
    }
}

/// The documents of each of `units`, from the sets' members and the universe of their
/// consultations (a report's unit has no consultation: its documents are the background's own).
pub(super) fn documents_of(
    sources: &[&[Member]],
    units: &count::FastSet,
) -> HashMap<u64, Vec<DocAddress>> {
    let mut docs_of: HashMap<u64, Vec<DocAddress>> = HashMap::new();
    if units.is_empty() {
        return docs_of;
    }
    for m in sources.iter().flat_map(|s| s.iter()) {
        if units.contains(&m.unit) {
            let docs = docs_of.entry(m.unit).or_default();
            if !docs.contains(&m.addr) {
                docs.push(m.addr);
            }
        }
    }
    docs_of
}

/// A fixed sample of `most` units of a large set spread over all of it: the units (one per
/// campaign, with `campaigns once`) whose host-independent keys hash lowest. The same set
/// gives the same sample, whichever host it was crawled from.
pub(super) fn spread_sample(units: &Units, campaigns: CampaignCount, most: usize) -> Vec<u64> {
    let mut by_key = units.one_per_campaign_keyed(campaigns);
    // By the host-independent key: the unit key is a URL's fingerprint, and a sample drawn
    // by it differed with the host (and port) the site was crawled from.
    let key = |&(u, stable): &(u64, u64)| (crate::text::mix(stable), stable, u);
    if by_key.len() > most {
        by_key.select_nth_unstable_by_key(most, key);
        by_key.truncate(most);
    }
    by_key.sort_unstable_by_key(key);
    by_key.into_iter().map(|(u, _)| u).collect()
}

/// The unit of each matching document, by address: the members sorted by address (they
/// come so from the collector, segment after segment), searched by halves.
struct UnitAt(Vec<(DocAddress, u64)>);

impl UnitAt {
    pub(super) fn of(members: &[Member]) -> UnitAt {
        let mut v: Vec<(DocAddress, u64)> = members.iter().map(|m| (m.addr, m.unit)).collect();
        if !v.is_sorted_by_key(|(a, _)| *a) {
            v.sort_unstable_by_key(|(a, _)| *a);
        }
        UnitAt(v)
    }

    fn get(&self, addr: DocAddress) -> Option<u64> {
        let i = self.0.binary_search_by_key(&addr, |(a, _)| *a).ok()?;
        Some(self.0[i].1)
    }
}

/// Chooses and orders the units a set reads.
pub(super) struct Chooser<'a> {
    pub engine: &'a Engine,
    pub searcher: &'a tantivy::Searcher,
    pub docs_of: &'a HashMap<u64, Vec<DocAddress>>,
}

impl Chooser<'_> {
    /// The units of a set with each campaign once (its representative when the set holds it,
    /// else its member with the lowest id), or all of them.
    pub(super) fn kept(&self, units: &Units, campaigns: CampaignCount) -> Result<Vec<u64>> {
        let mut kept = Vec::new();
        let mut groups: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
        for &(unit, campaign) in &units.list {
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
    pub(super) fn ranked_units(
        &self,
        query: &dyn tantivy::query::Query,
        members: &[Member],
        kept: &[u64],
    ) -> Result<Vec<u64>> {
        let kept: HashSet<u64> = kept.iter().copied().collect();
        let unit_at = UnitAt::of(members);
        let top = self
            .engine
            .ranked_by_relevance(self.searcher, query, members.len())?;
        let mut seen = HashSet::new();
        Ok(top
            .iter()
            .filter_map(|(_, addr)| unit_at.get(*addr))
            .filter(|u| kept.contains(u) && seen.insert(*u))
            .collect())
    }

    /// The `most` best-matching units of a large set, a campaign stood for by its best-ranked
    /// member (with `campaigns once`), read in growing batches of ranked matches.
    pub(super) fn best_units(
        &self,
        query: &dyn tantivy::query::Query,
        members: &[Member],
        units: &Units,
        campaigns: CampaignCount,
        most: usize,
    ) -> Result<Vec<u64>> {
        let unit_at = UnitAt::of(members);
        let mut batch = most * 4;
        loop {
            let top = self
                .engine
                .ranked_by_relevance(self.searcher, query, batch)?;
            let (mut seen, mut voiced) = (HashSet::new(), HashSet::new());
            let mut order = Vec::new();
            for (_, addr) in &top {
                let Some(u) = unit_at.get(*addr) else {
                    continue;
                };
                let campaign = units.campaign_of(u);
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

    /// The documents of each unit, in the order of their ids when `ordered` (the foreground:
    /// which document an example comes from must not depend on the index's layout); the
    /// background is only counted, and reading a few thousand ids costs a dictionary block
    /// each.
    pub(super) fn unit_docs(&self, units: &[u64], ordered: bool) -> Result<Vec<UnitDocs>> {
        let all: Vec<DocAddress> = if ordered {
            units
                .iter()
                .flat_map(|u| self.docs_of.get(u).into_iter().flatten().copied())
                .collect()
        } else {
            Vec::new()
        };
        let ids = self.ids(&all)?;
        Ok(units
            .iter()
            .enumerate()
            .map(|(rank, u)| {
                let mut docs = self.docs_of.get(u).cloned().unwrap_or_default();
                if ordered {
                    docs.sort_by(|a, b| ids.get(a).cmp(&ids.get(b)));
                }
                UnitDocs {
                    rank: rank as u32,
                    docs,
                }
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
