//! Ranking with every tie broken by a stable key. tantivy breaks ties by where a document
//! happens to sit in the index, which parallel extraction and merges change from one build to
//! the next; a researcher who cites "the first ten hits" must get the same ten from the same
//! archive. So hits are ordered by relevance, then date (newest first), then document id; or by
//! date, then document id. The id is read from its fast column as a term ordinal within a
//! segment (ordinals sort as the ids do) and named only where documents of two segments tie,
//! when the segments' hits are merged.
//!
//! By relevance alone, Block-WAND still skips what cannot reach the page: the threshold handed
//! back to the scorer is just below the page's last score, so documents that tie with it are
//! still seen and ordered by date and id.

use std::cmp::Ordering;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Weight;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::names;
use tantivy::index::SegmentId;

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
/// ordinal (`u64::MAX` without one), named when segments are merged (or as text in tests).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Key<Id> {
    score: Score,
    date: i64,
    id: Id,
}

impl<Id: Ord> Key<Id> {
    /// `Less` when `self` ranks before `other`.
    fn cmp(&self, other: &Key<Id>, order: Order) -> Ordering {
        self.cmp_then(other, order, || self.id.cmp(&other.id))
    }

    /// By score and date in `order`, and `by_id` when they tie.
    fn cmp_then(
        &self,
        other: &Key<Id>,
        order: Order,
        by_id: impl FnOnce() -> Ordering,
    ) -> Ordering {
        let by_date = match order {
            Order::Relevance | Order::NewestFirst => other.date.cmp(&self.date),
            Order::OldestFirst => self.date.cmp(&other.date),
        };
        let by_score = match order {
            Order::Relevance => other.score.total_cmp(&self.score),
            _ => Ordering::Equal,
        };
        by_score.then(by_date).then_with(by_id)
    }
}

/// The best `limit` documents after `offset` in `order`: `(score, address)`, with the score
/// only by relevance.
pub(crate) struct Ranked {
    order: Order,
    limit: usize,
    offset: usize,
    /// The engine's tables of document ids, which name the ids a tie between segments needs.
    ids: Option<Arc<names::Names>>,
}

impl Ranked {
    /// The documents ranked `offset..offset + limit`.
    pub(crate) fn new(order: Order, limit: usize, offset: usize) -> Ranked {
        Ranked {
            order,
            limit,
            offset,
            ids: None,
        }
    }

    /// Names ids from the engine's tables rather than the id dictionaries.
    pub(crate) fn named(mut self, ids: &Arc<names::Names>) -> Ranked {
        self.ids = Some(ids.clone());
        self
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
    /// The engine's id tables and this segment's id there, for naming ties (`Names::name`).
    tables: Option<(Arc<names::Names>, SegmentId)>,
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

/// A segment's best documents, their ids still ordinals of the segment's id column.
pub(crate) struct SegmentTop {
    segment: SegmentOrdinal,
    ids: Option<StrColumn>,
    tables: Option<(Arc<names::Names>, SegmentId)>,
    kept: Vec<(Key<u64>, DocId)>,
}

impl SegmentCollector for RankedSegment {
    type Fruit = SegmentTop;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.push(doc, score);
    }

    fn harvest(mut self) -> SegmentTop {
        self.cut();
        SegmentTop {
            segment: self.segment,
            ids: self.ids,
            tables: self.tables,
            kept: self.kept,
        }
    }
}

/// The ids of the segments' kept documents, named only when a tie between two segments needs
/// them: naming decompresses blocks of the id dictionary, which cost a fifth of a whole search
/// when every segment's page was named, while ties across segments are rare.
struct Names<'a> {
    tops: &'a [SegmentTop],
    /// Per segment, its kept ordinals sorted and their ids, once named.
    named: Vec<std::cell::OnceCell<(Vec<u64>, Vec<String>)>>,
}

impl<'a> Names<'a> {
    fn new(tops: &'a [SegmentTop]) -> Names<'a> {
        Names {
            tops,
            named: tops.iter().map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    /// The id of ordinal `ord` in the `top`-th segment; an id missing (an index from before
    /// ids were a fast column) comes after every named one.
    fn name(&self, top: usize, ord: u64) -> &str {
        const NONE: &str = "\u{10FFFF}";
        let (ords, names) = self.named[top].get_or_init(|| {
            let t = &self.tops[top];
            let mut ords: Vec<u64> = t
                .kept
                .iter()
                .map(|(k, _)| k.id)
                .filter(|&o| o != u64::MAX)
                .collect();
            ords.sort_unstable();
            ords.dedup();
            // The segment's id table is read here, on the first tie that needs it.
            let table = match (&t.tables, &t.ids) {
                (Some((tables, id)), Some(col)) => tables.table_with(*id, col),
                _ => None,
            };
            let names = match (table, &t.ids) {
                (Some(table), _) => ords
                    .iter()
                    .map(|&o| table.get(o).unwrap_or_default())
                    .collect(),
                (None, Some(col)) => crate::index::terms_of(col, &ords),
                (None, None) => Vec::new(),
            };
            (ords, names)
        });
        ords.binary_search(&ord)
            .ok()
            .and_then(|i| names.get(i))
            .map_or(NONE, String::as_str)
    }

    /// The order of two kept documents, `(segment index, key)`: within a segment its ordinals
    /// sort as the ids do; across segments a tie is settled by the ids' text.
    fn cmp(&self, a: (usize, &Key<u64>), b: (usize, &Key<u64>), order: Order) -> Ordering {
        let (ka, kb) = (a.1, b.1);
        ka.cmp_then(kb, order, || {
            if a.0 == b.0 {
                ka.id.cmp(&kb.id)
            } else {
                self.name(a.0, ka.id).cmp(self.name(b.0, kb.id))
            }
        })
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
            tables: self.ids.clone().map(|n| (n, reader.segment_id())),
            kept: Vec::new(),
            threshold: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.order == Order::Relevance
    }

    fn merge_fruits(&self, tops: Vec<SegmentTop>) -> tantivy::Result<Self::Fruit> {
        let names = Names::new(&tops);
        let mut all: Vec<(usize, &Key<u64>, DocAddress)> = tops
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                t.kept
                    .iter()
                    .map(move |(k, doc)| (i, k, DocAddress::new(t.segment, *doc)))
            })
            .collect();
        let order = self.order;
        all.sort_by(|a, b| names.cmp((a.0, a.1), (b.0, b.1), order));
        let relevance = order == Order::Relevance;
        Ok(all
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .map(|(_, k, a)| (relevance.then_some(k.score), a))
            .collect())
    }

    /// By relevance alone, the scorer skips blocks that cannot reach the page (Block-WAND).
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTop> {
        let mut top = self.for_segment(segment, reader)?;
        if self.keep() == 0 {
            return Ok(top.harvest());
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

    /// Ties across segments are settled by the ids' text, ties within one by their ordinals,
    /// whichever segment a document landed in and however the segments are listed.
    #[test]
    fn ties_across_segments_go_by_id() {
        use tantivy::schema::{DateOptions, Schema, FAST, STORED, STRING, TEXT};
        use tantivy::{doc, Index, IndexWriter};

        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING | FAST | STORED);
        let date = schema.add_date_field("date", DateOptions::default().set_fast());
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let day = DateTime::from_timestamp_secs(1_700_000_000);
        // Two segments, the ids interleaved between them; "r-f" is newer, "r-g" undated.
        for segment in [["r-d", "r-b", "r-f"], ["r-e", "r-a", "r-c"]] {
            for name in segment {
                let when = if name == "r-f" {
                    DateTime::from_timestamp_secs(1_800_000_000)
                } else {
                    day
                };
                w.add_document(doc!(id => name, date => when, body => "zelfde tekst"))
                    .unwrap();
            }
            w.commit().unwrap();
        }
        w.add_document(doc!(id => "r-g", body => "zelfde tekst"))
            .unwrap();
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let query = tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(body, "zelfde"),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let ids = |order, limit, offset| -> Vec<String> {
            searcher
                .search(&query, &Ranked::new(order, limit, offset))
                .unwrap()
                .into_iter()
                .map(|(_, a)| {
                    let d: tantivy::TantivyDocument = searcher.doc(a).unwrap();
                    tantivy::schema::Value::as_str(&d.get_first(id).unwrap())
                        .unwrap()
                        .to_string()
                })
                .collect()
        };
        assert_eq!(
            ids(Order::Relevance, 10, 0),
            ["r-f", "r-a", "r-b", "r-c", "r-d", "r-e", "r-g"]
        );
        assert_eq!(ids(Order::Relevance, 3, 2), ["r-b", "r-c", "r-d"]);
        assert_eq!(
            ids(Order::OldestFirst, 10, 0),
            ["r-g", "r-a", "r-b", "r-c", "r-d", "r-e", "r-f"]
        );
        assert_eq!(ids(Order::NewestFirst, 2, 1), ["r-a", "r-b"]);
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
