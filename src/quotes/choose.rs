//! Which of a quote search's best-matching documents are worth loading and cutting into
//! passages: those whose query words come closest together, read from the postings' word
//! positions without loading any stored text, with at most a couple of copies of one campaign.

use std::collections::{HashMap, HashSet};

use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Term};

/// Documents of one campaign loaded at most: its copies give the same quotes.
const PER_CAMPAIGN: usize = 2;
/// Words in the window that estimates a document's best passage.
const WINDOW: u32 = 40;

/// The documents worth cutting into passages, best first: those whose query words come
/// closest together (the best window of [`WINDOW`] words, by the idf of the distinct parts it
/// holds), in rank order where they tie; at most [`PER_CAMPAIGN`] copies of one campaign.
pub(super) fn choose(
    searcher: &tantivy::Searcher,
    groups: &[(Vec<&str>, f32)],
    positions: &[HashMap<String, Vec<u32>>],
    ranked: &[(Option<f32>, DocAddress)],
    read: usize,
) -> Vec<usize> {
    let addresses: Vec<DocAddress> = ranked.iter().map(|(_, a)| *a).collect();
    let mut scored: Vec<(f32, usize)> = positions
        .iter()
        .enumerate()
        .map(|(i, p)| (window_score(groups, p), i))
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| {
                let score = |i: usize| ranked[i].0.unwrap_or(0.0);
                score(b.1).total_cmp(&score(a.1))
            })
            // Ties (a template's copies) in rank order, which breaks its own ties by date and
            // document id: every build of the same archive chooses the same copies.
            .then(a.1.cmp(&b.1))
    });
    let campaigns = campaigns_of(searcher, &addresses);
    let mut per_campaign: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(read);
    for (_, i) in scored {
        if out.len() == read {
            break;
        }
        if let Some(c) = campaigns[i].as_deref() {
            let n = per_campaign.entry(c).or_default();
            if *n >= PER_CAMPAIGN {
                continue;
            }
            *n += 1;
        }
        out.push(i);
    }
    out
}

/// Each document's campaign, from the fast field, named in one pass over each segment's
/// dictionary (naming them one by one would decompress a dictionary block each).
fn campaigns_of(searcher: &tantivy::Searcher, addresses: &[DocAddress]) -> Vec<Option<String>> {
    let column = |segment: u32| {
        searcher
            .segment_reader(segment)
            .fast_fields()
            .str("campaign")
            .ok()
            .flatten()
    };
    let mut out = vec![None; addresses.len()];
    let mut columns = HashMap::new();
    let mut by_segment: HashMap<u32, Vec<(u64, usize)>> = HashMap::new();
    for (i, a) in addresses.iter().enumerate() {
        let c = columns
            .entry(a.segment_ord)
            .or_insert_with(|| column(a.segment_ord));
        if let Some(ord) = c.as_ref().and_then(|c| c.ords().first(a.doc_id)) {
            by_segment.entry(a.segment_ord).or_default().push((ord, i));
        }
    }
    for (segment, list) in by_segment {
        let Some(Some(column)) = columns.get(&segment) else {
            continue;
        };
        let mut ords: Vec<u64> = list.iter().map(|(o, _)| *o).collect();
        ords.sort_unstable();
        ords.dedup();
        let names: HashMap<u64, String> = ords
            .iter()
            .copied()
            .zip(crate::index::terms_of(column, &ords))
            .collect();
        for (ord, i) in list {
            out[i] = names.get(&ord).cloned();
        }
    }
    out
}

/// The best window of [`WINDOW`] words: the idf of the distinct groups it holds, plus a little
/// for each further occurrence.
fn window_score(groups: &[(Vec<&str>, f32)], positions: &HashMap<String, Vec<u32>>) -> f32 {
    let mut hits: Vec<(u32, usize)> = Vec::new();
    for (g, (words, _)) in groups.iter().enumerate() {
        for w in words {
            if let Some(ps) = positions.get(*w) {
                hits.extend(ps.iter().map(|&p| (p, g)));
            }
        }
    }
    hits.sort_unstable();
    let mut best = 0.0f32;
    let mut seen = vec![0u32; groups.len()];
    let mut start = 0;
    for end in 0..hits.len() {
        seen[hits[end].1] += 1;
        while hits[end].0 - hits[start].0 >= WINDOW {
            seen[hits[start].1] -= 1;
            start += 1;
        }
        let score: f32 = groups
            .iter()
            .zip(&seen)
            .filter(|(_, &n)| n > 0)
            .map(|((_, idf), &n)| idf * (1.0 + 0.1 * (n - 1) as f32))
            .sum();
        best = best.max(score);
    }
    best
}

/// The positions of `words` in each document, read from the postings segment by segment.
pub(super) fn positions_of(
    searcher: &tantivy::Searcher,
    field: Field,
    words: &HashSet<&str>,
    docs: &[DocAddress],
) -> tantivy::Result<Vec<HashMap<String, Vec<u32>>>> {
    let mut out = vec![HashMap::new(); docs.len()];
    let mut by_segment: HashMap<u32, Vec<(u32, usize)>> = HashMap::new();
    for (i, a) in docs.iter().enumerate() {
        by_segment
            .entry(a.segment_ord)
            .or_default()
            .push((a.doc_id, i));
    }
    for (segment, mut list) in by_segment {
        list.sort_unstable();
        let inverted = searcher.segment_reader(segment).inverted_index(field)?;
        for word in words {
            let term = Term::from_field_text(field, word);
            let Some(mut postings) =
                inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
            else {
                continue;
            };
            for &(doc, i) in &list {
                if postings.doc() > doc {
                    continue;
                }
                if postings.seek(doc) == doc {
                    let mut p = Vec::new();
                    postings.positions(&mut p);
                    out[i].insert(word.to_string(), p);
                }
            }
        }
    }
    Ok(out)
}
