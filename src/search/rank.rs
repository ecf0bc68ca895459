//! Ranking with every tie broken by a stable key. tantivy breaks ties by where a document
//! happens to sit in the index, which parallel extraction and merges change from one build to
//! the next; a researcher who cites "the first ten hits" must get the same ten from the same
//! archive. So hits are ordered by relevance, then date (newest first), then document id; or by
//! date, then document id. The id is read from its fast column as a term ordinal within a
//! segment (ordinals sort as the ids do) and named only for the few documents kept, when the
//! segments' hits are merged.
//!
//! By relevance alone, Block-WAND still skips what cannot reach the page: the threshold handed
//! back to the scorer is just below the page's last score, so documents that tie with it are
//! still seen and ordered by date and id.

use std::cmp::Ordering;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Weight;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// The order of a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// By score, best first; then newest first; then by id.
    Relevance,
    /// Newest first, then by id.
    NewestFirst,
    /// Oldest first, then by id.
    OldestFirst,
}

impl From<super::Sort> for Order {
    fn from(sort: super::Sort) -> Order {
        match sort {
            super::Sort::Relevance => Order::Relevance,
            super::Sort::Date => Order::NewestFirst,
        }
    }
}

/// A document's place in a ranking: its score (by relevance), its date in seconds (`i64::MIN`
/// without one, so undated documents come last newest first) and its id, as a segment's term
/// ordinal (`u64::MAX` without one) or, once segments are merged, as text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Key<Id> {
    score: Score,
    date: i64,
    id: Id,
}

impl<Id: Ord> Key<Id> {
    /// `Less` when `self` ranks before `other`.
    fn cmp(&self, other: &Key<Id>, order: Order) -> Ordering {
        let by_date = match order {
            Order::Relevance | Order::NewestFirst => other.date.cmp(&self.date),
            Order::OldestFirst => self.date.cmp(&other.date),
        };
        let by_score = match order {
            Order::Relevance => other.score.total_cmp(&self.score),
            _ => Ordering::Equal,
        };
        by_score.then(by_date).then_with(|| self.id.cmp(&other.id))
    }
}

/// The best `limit` documents after `offset` in `order`: `(score, address)`, with the score
/// only by relevance.
pub(crate) struct Ranked {
    order: Order,
    limit: usize,
    offset: usize,
}

impl Ranked {
    /// The documents ranked `offset..offset + limit`.
    pub(crate) fn new(order: Order, limit: usize, offset: usize) -> Ranked {
        Ranked {
            order,
            limit,
            offset,
        }
    }

    /// How many each segment keeps: the whole page and what comes before it.
    fn keep(&self) -> usize {
        self.limit.saturating_add(self.offset)
    }
}

/// One segment's best documents.
pub(crate) struct RankedSegment {
    order: Order,
    keep: usize,
    segment: SegmentOrdinal,
    dates: Option<Column<DateTime>>,
    ids: Option<StrColumn>,
    /// Candidates; cut back to the best `keep` whenever it holds twice as many.
    kept: Vec<(Key<u64>, DocId)>,
    /// The worst key kept once `keep` are kept: nothing that ranks after it can enter.
    threshold: Option<Key<u64>>,
}

impl RankedSegment {
    fn key(&self, doc: DocId, score: Score) -> Key<u64> {
        Key {
            score,
            date: self
                .dates
                .as_ref()
                .and_then(|c| c.first(doc))
                .map_or(i64::MIN, |d| d.into_timestamp_secs()),
            id: self
                .ids
                .as_ref()
                .and_then(|c| c.ords().first(doc))
                .unwrap_or(u64::MAX),
        }
    }

    fn push(&mut self, doc: DocId, score: Score) {
        if self.keep == 0 {
            return;
        }
        if let Some(t) = &self.threshold {
            // The score alone settles most: only a tie needs the date and id.
            if self.order == Order::Relevance && score < t.score {
                return;
            }
            let key = self.key(doc, score);
            if key.cmp(t, self.order) != Ordering::Less {
                return;
            }
            self.kept.push((key, doc));
        } else {
            let key = self.key(doc, score);
            self.kept.push((key, doc));
        }
        if self.kept.len() >= 2 * self.keep.max(16) {
            self.cut();
        }
    }

    /// Keeps the best `keep` candidates and remembers the worst of them.
    fn cut(&mut self) {
        let order = self.order;
        if self.kept.len() > self.keep {
            self.kept
                .select_nth_unstable_by(self.keep - 1, |a, b| a.0.cmp(&b.0, order));
            self.kept.truncate(self.keep);
        }
        if self.kept.len() == self.keep {
            self.threshold = self
                .kept
                .iter()
                .map(|(k, _)| k)
                .max_by(|a, b| a.cmp(b, order))
                .cloned();
        }
    }

    /// The score below which nothing can enter (for Block-WAND), just under the worst kept.
    fn pruning_threshold(&self) -> Score {
        match &self.threshold {
            Some(t) if t.score.is_finite() => next_below(t.score),
            _ => Score::MIN,
        }
    }
}

/// The largest float below `x` (for finite `x`): scores equal to `x` still pass a `> t` test.
fn next_below(x: f32) -> f32 {
    if x == 0.0 {
        return -f32::from_bits(1);
    }
    let bits = x.to_bits();
    f32::from_bits(if x > 0.0 { bits - 1 } else { bits + 1 })
}

impl SegmentCollector for RankedSegment {
    type Fruit = Vec<(Key<String>, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.push(doc, score);
    }

    fn harvest(mut self) -> Self::Fruit {
        self.cut();
        let mut ords: Vec<u64> = self
            .kept
            .iter()
            .map(|(k, _)| k.id)
            .filter(|&o| o != u64::MAX)
            .collect();
        ords.sort_unstable();
        ords.dedup();
        let names: Vec<String> = match &self.ids {
            Some(col) => crate::index::terms_of(col, &ords),
            None => Vec::new(),
        };
        let name = |ord: u64| -> String {
            ords.binary_search(&ord)
                .ok()
                .and_then(|i| names.get(i).cloned())
                // No id (an index from before ids were a fast column): after every named one.
                .unwrap_or_else(|| "\u{10FFFF}".into())
        };
        let segment = self.segment;
        self.kept
            .into_iter()
            .map(|(k, doc)| {
                let key = Key {
                    score: k.score,
                    date: k.date,
                    id: name(k.id),
                };
                (key, DocAddress::new(segment, doc))
            })
            .collect()
    }
}

impl Collector for Ranked {
    type Fruit = Vec<(Option<Score>, DocAddress)>;
    type Child = RankedSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<RankedSegment> {
        let ff = reader.fast_fields();
        Ok(RankedSegment {
            order: self.order,
            keep: self.keep(),
            segment,
            dates: ff.date("date").ok(),
            ids: ff.str("id")?,
            kept: Vec::new(),
            threshold: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.order == Order::Relevance
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<(Key<String>, DocAddress)>>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<(Key<String>, DocAddress)> = fruits.into_iter().flatten().collect();
        let order = self.order;
        all.sort_by(|a, b| a.0.cmp(&b.0, order));
        let relevance = order == Order::Relevance;
        Ok(all
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .map(|(k, a)| (relevance.then_some(k.score), a))
            .collect())
    }

    /// By relevance alone, the scorer skips blocks that cannot reach the page (Block-WAND).
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<<RankedSegment as SegmentCollector>::Fruit> {
        let mut top = self.for_segment(segment, reader)?;
        if self.keep() == 0 {
            return Ok(Vec::new());
        }
        if self.order != Order::Relevance {
            let alive = reader.alive_bitset();
            weight.for_each_no_score(reader, &mut |docs| {
                for &doc in docs {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        top.push(doc, 0.0);
                    }
                }
            })?;
            return Ok(top.harvest());
        }
        let alive = reader.alive_bitset();
        weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                top.push(doc, score);
            }
            top.pruning_threshold()
        })?;
        Ok(top.harvest())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(score: f32, date: i64, id: &str) -> Key<String> {
        Key {
            score,
            date,
            id: id.to_string(),
        }
    }

    #[test]
    fn ties_go_by_date_then_id() {
        let mut keys = [
            key(1.0, 5, "r-b"),
            key(2.0, 1, "r-z"),
            key(1.0, 5, "r-a"),
            key(1.0, 9, "r-c"),
        ];
        keys.sort_by(|a, b| a.cmp(b, Order::Relevance));
        let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
        assert_eq!(ids, ["r-z", "r-c", "r-a", "r-b"]);
        keys.sort_by(|a, b| a.cmp(b, Order::NewestFirst));
        let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
        assert_eq!(ids, ["r-c", "r-a", "r-b", "r-z"]);
        keys.sort_by(|a, b| a.cmp(b, Order::OldestFirst));
        let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
        assert_eq!(ids, ["r-z", "r-a", "r-b", "r-c"]);
    }

    #[test]
    fn the_pruning_threshold_lets_equal_scores_through() {
        for x in [0.0f32, 1.0, 7.25, 1e-30, -3.0] {
            let below = next_below(x);
            assert!(below < x, "{x}");
            assert!(x > below);
        }
    }
}
