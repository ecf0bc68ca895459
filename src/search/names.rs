//! A string column's terms by ordinal, read once per segment and kept while the segment lives.
//! Naming thousands of ordinals through a column's dictionary decompresses a dictionary block
//! for each block they fall in, and tantivy's sstable makes a new zstd context for every block
//! it reads: for the ids of the responses that hold a template's sentence, that cost more than
//! finding them (57 % of a quote request at 1M responses), and naming the thousand candidates
//! of a quote request to break ties between segments by id cost another 28 %; a common word's
//! facets name tens of thousands of campaigns. A segment never changes, so its table stays
//! right across commits; an update's new, small segments are read when first asked for, and
//! the tables of segments merged away are dropped ([`Names::keep_only`]).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{Searcher, SegmentReader};

/// One segment's terms of a column, in ordinal order. The ids of responses and attachments
/// (`r-` or `a-` and a UUID), nearly all of them, are kept as a letter and 16 bytes instead of
/// 38 characters; other terms as they are.
pub(crate) struct Table {
    /// The letter before `-<uuid>`, or 0 for a term kept in `others`.
    letters: Vec<u8>,
    uuids: Vec<u128>,
    /// Terms of another form, by ordinal.
    others: Vec<(u32, Box<str>)>,
}

impl Table {
    /// Reads every term of the column's dictionary, in ordinal order.
    fn read(col: &StrColumn) -> Option<Table> {
        let dictionary = col.dictionary();
        let n = dictionary.num_terms();
        let mut table = Table {
            letters: Vec::with_capacity(n),
            uuids: Vec::with_capacity(n),
            others: Vec::new(),
        };
        let mut stream = dictionary.stream().ok()?;
        while stream.advance() {
            let term = String::from_utf8_lossy(stream.key());
            match compact(&term) {
                Some((letter, uuid)) => {
                    table.letters.push(letter);
                    table.uuids.push(uuid);
                }
                None => {
                    let ord = u32::try_from(table.letters.len()).ok()?;
                    table.others.push((ord, term.into()));
                    table.letters.push(0);
                    table.uuids.push(0);
                }
            }
        }
        (table.letters.len() == n).then_some(table)
    }

    /// The term of ordinal `ord`.
    pub(crate) fn get(&self, ord: u64) -> Option<String> {
        let i = usize::try_from(ord).ok()?;
        match *self.letters.get(i)? {
            0 => {
                let at = self
                    .others
                    .binary_search_by_key(&(i as u32), |(o, _)| *o)
                    .ok()?;
                Some(self.others[at].1.to_string())
            }
            letter => Some(spell(letter, self.uuids[i])),
        }
    }
}

impl Table {
    /// A number for the term of ordinal `ord` that depends on the term alone (not on the
    /// segment or the host the site was crawled from), without spelling it.
    pub(crate) fn key(&self, ord: u64) -> Option<u64> {
        let i = usize::try_from(ord).ok()?;
        match *self.letters.get(i)? {
            0 => self.get(ord).map(|t| crate::text::fingerprint(&t)),
            letter => {
                let u = self.uuids[i];
                Some(crate::text::mix(
                    (u as u64) ^ ((u >> 64) as u64).rotate_left(17) ^ u64::from(letter),
                ))
            }
        }
    }
}

/// `x-` and a UUID in lower-case hex, as a letter and the UUID's bits: only a term that is
/// spelled back exactly.
fn compact(term: &str) -> Option<(u8, u128)> {
    let b = term.as_bytes();
    if b.len() != 38 || b[1] != b'-' || !b[0].is_ascii_lowercase() {
        return None;
    }
    let mut bits: u128 = 0;
    for (i, &c) in b[2..].iter().enumerate() {
        if matches!(i, 8 | 13 | 18 | 23) {
            if c != b'-' {
                return None;
            }
            continue;
        }
        let digit = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => return None,
        };
        bits = bits << 4 | u128::from(digit);
    }
    Some((b[0], bits))
}

fn spell(letter: u8, uuid: u128) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(38);
    out.extend_from_slice(&[letter, b'-']);
    for i in 0..32 {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push(b'-');
        }
        out.push(HEX[(uuid >> (124 - 4 * i) & 0xf) as usize]);
    }
    String::from_utf8(out).expect("ASCII")
}

/// A segment's table, read by the first request that needs it while others wait for it.
type Slot = Arc<OnceLock<Option<Arc<Table>>>>;

/// The tables of one string column, by segment.
pub(crate) struct Names {
    column: &'static str,
    tables: Mutex<HashMap<SegmentId, Slot>>,
}

impl Names {
    /// The tables of the string column `column`, read when first asked for.
    pub(crate) fn new(column: &'static str) -> Names {
        Names {
            column,
            tables: Mutex::new(HashMap::new()),
        }
    }

    /// Drops the tables of segments `searcher` does not have (merged away). Searches call it
    /// with their searcher before asking for tables, so a server that updates itself for
    /// months keeps the tables of its live segments only.
    pub(crate) fn keep_only(&self, searcher: &Searcher) {
        let mut tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        if tables.len() > searcher.segment_readers().len() {
            let live: HashSet<SegmentId> = searcher
                .segment_readers()
                .iter()
                .map(|s| s.segment_id())
                .collect();
            tables.retain(|id, _| live.contains(id));
        }
    }

    /// The table of a segment of `searcher`; `None` when the segment has no such column or its
    /// dictionary could not be read whole (the caller then names ordinals through the
    /// dictionary itself).
    pub(crate) fn of(&self, searcher: &Searcher, segment_ord: u32) -> Option<Arc<Table>> {
        self.keep_only(searcher);
        self.table(searcher.segment_reader(segment_ord))
    }

    /// The table of one segment, read by the first caller that needs it.
    pub(crate) fn table(&self, segment: &SegmentReader) -> Option<Arc<Table>> {
        let col = segment.fast_fields().str(self.column).ok()??;
        self.table_with(segment.segment_id(), &col)
    }

    /// The table of segment `id`, whose column is `col`.
    pub(crate) fn table_with(&self, id: SegmentId, col: &StrColumn) -> Option<Arc<Table>> {
        let once = self
            .tables
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(id)
            .or_default()
            .clone();
        once.get_or_init(|| Table::read(col).map(Arc::new)).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, FAST, STRING};
    use tantivy::{doc, Index};

    #[test]
    fn every_ordinal_is_named_as_the_dictionary_names_it() {
        let mut b = Schema::builder();
        let id = b.add_text_field("response_id", STRING | FAST);
        let index = Index::create_in_ram(b.build());
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in (0..5_000u128).rev() {
            let uuid = format!("{:032x}", i * 0x1234_5678_9abc_def0_1234_5678);
            let (a, b, c, d, e) = (
                &uuid[..8],
                &uuid[8..12],
                &uuid[12..16],
                &uuid[16..20],
                &uuid[20..],
            );
            let term = match i % 4 {
                0 => format!("r-{a}-{b}-{c}-{d}-{e}"),
                1 => format!("a-{a}-{b}-{c}-{d}-{e}"),
                2 => format!("d-wet-{i}-é"),
                _ => format!("r-{}-{b}-{c}-{d}-{e}", a.to_uppercase()),
            };
            w.add_document(doc!(id => term)).unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let names = Names::new("response_id");
        let table = names.of(&searcher, 0).unwrap();
        let col = searcher
            .segment_reader(0)
            .fast_fields()
            .str("response_id")
            .unwrap()
            .unwrap();
        for ord in 0..5_000u64 {
            let mut s = String::new();
            col.ord_to_str(ord, &mut s).unwrap();
            assert_eq!(table.get(ord), Some(s), "{ord}");
        }
        assert!(!table.others.is_empty() && table.others.len() < 5_000);
        assert_eq!(table.get(5_000), None);
        let none = Names::new("no_such_column");
        assert!(none.of(&searcher, 0).is_none());
    }
}
