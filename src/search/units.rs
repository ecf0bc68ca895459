//! Matches as the sets that keyness and the timeline count: every matching document with its
//! unit (a response and its attachment share one), its campaign and its day, read from fast
//! fields only, so that a set of a million documents costs a pass over columns and no stored
//! document. Campaigns are carried as fingerprints of their ids: ids are stable (built from
//! response ids), fingerprints are cheap to compare across segments.

use super::*;
use collect::terms_of;

/// A matching document as a set counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Member {
    /// Where it is.
    pub addr: DocAddress,
    /// Its unit's fingerprint ([`Fields::unit`]).
    pub unit: u64,
    /// A key of its unit that does not depend on the host the site was crawled from (the unit
    /// key is the fingerprint of a URL): from its response's id, else the unit key. Samples
    /// and a campaign's stand-in are chosen by it, so that they are the same on every host.
    pub stable: u64,
    /// Its campaign's fingerprint ([`crate::text::fingerprint`] of the id); 0 for none.
    pub campaign: u64,
    /// Days since 1970, when it has a date.
    pub day: Option<i64>,
}

/// The members of a query's matches, and the consultations they belong to.
pub(crate) struct Members {
    /// Every match, in no particular order (callers order by a stable key).
    pub members: Vec<Member>,
    /// The consultations' slugs.
    pub consultations: BTreeSet<String>,
}

/// Collects members, in the consultations `only` names when it names any.
struct MemberCollector<'a> {
    only: Option<&'a BTreeSet<String>>,
    /// The engine's tables of response ids, for [`Member::stable`].
    response_ids: &'a super::names::Names,
}

struct MemberSegment {
    segment: SegmentOrdinal,
    unit: Option<tantivy::columnar::Column<u64>>,
    campaign: Option<StrColumn>,
    consultation: Option<StrColumn>,
    dates: tantivy::columnar::Column<tantivy::DateTime>,
    /// The consultations' ordinals `only` names in this segment (none: every consultation).
    only: Option<HashSet<u64>>,
    consultation_ords: HashSet<u64>,
    /// Each member's campaign ordinal (`u64::MAX` for none), resolved to fingerprints at the
    /// end in one pass over the dictionary: looking each up alone decompresses a block per
    /// campaign, seconds for the campaigns of a million responses.
    campaign_ords: Vec<u64>,
    response_id: Option<StrColumn>,
    response_ids: Option<std::sync::Arc<super::names::Table>>,
    members: Vec<Member>,
}

impl Collector for MemberCollector<'_> {
    type Fruit = Members;
    type Child = MemberSegment;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<MemberSegment> {
        let ff = segment.fast_fields();
        let consultation = ff.str("consultation")?;
        let only = match (self.only, &consultation) {
            (None, _) => None,
            (Some(_), None) => Some(HashSet::new()),
            (Some(slugs), Some(col)) => {
                let mut ords = HashSet::new();
                for slug in slugs {
                    if let Some(ord) = col.dictionary().term_ord(slug.as_bytes())? {
                        ords.insert(ord);
                    }
                }
                Some(ords)
            }
        };
        Ok(MemberSegment {
            segment: segment_ord,
            unit: ff.u64("unit").ok(),
            campaign: ff.str("campaign")?,
            consultation,
            dates: ff.date("date")?,
            only,
            consultation_ords: HashSet::new(),
            campaign_ords: Vec::new(),
            response_id: ff.str("response_id")?,
            response_ids: self.response_ids.table(segment),
            members: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Members>) -> tantivy::Result<Members> {
        let mut out = Members {
            members: Vec::with_capacity(fruits.iter().map(|f| f.members.len()).sum()),
            consultations: BTreeSet::new(),
        };
        for f in fruits {
            out.members.extend(f.members);
            out.consultations.extend(f.consultations);
        }
        Ok(out)
    }
}

impl SegmentCollector for MemberSegment {
    type Fruit = Members;

    fn collect(&mut self, doc: DocId, _: Score) {
        let consultation = self
            .consultation
            .as_ref()
            .and_then(|c| c.term_ords(doc).next());
        if let Some(only) = &self.only {
            if !consultation.is_some_and(|c| only.contains(&c)) {
                return;
            }
        }
        if let Some(ord) = consultation {
            self.consultation_ords.insert(ord);
        }
        let unit = self
            .unit
            .as_ref()
            .and_then(|c| c.first(doc))
            .unwrap_or_default();
        self.campaign_ords.push(
            self.campaign
                .as_ref()
                .and_then(|c| c.term_ords(doc).next())
                .unwrap_or(u64::MAX),
        );
        let stable = self
            .response_id
            .as_ref()
            .and_then(|c| c.term_ords(doc).next())
            .and_then(|ord| self.response_ids.as_ref()?.key(ord))
            .unwrap_or(unit);
        self.members.push(Member {
            addr: DocAddress::new(self.segment, doc),
            unit,
            stable,
            campaign: 0,
            day: self
                .dates
                .first(doc)
                .map(|d| d.into_timestamp_secs().div_euclid(86_400)),
        });
    }

    fn harvest(mut self) -> Members {
        if let Some(col) = &self.campaign {
            let mut ords: Vec<u64> = self
                .campaign_ords
                .iter()
                .copied()
                .filter(|&o| o != u64::MAX)
                .collect();
            ords.sort_unstable();
            ords.dedup();
            let hashes: HashMap<u64, u64> = ords
                .iter()
                .copied()
                .zip(
                    terms_of(col, &ords)
                        .iter()
                        .map(|s| crate::text::fingerprint(s)),
                )
                .collect();
            for (m, ord) in self.members.iter_mut().zip(&self.campaign_ords) {
                m.campaign = hashes.get(ord).copied().unwrap_or(0);
            }
        }
        let mut consultations = BTreeSet::new();
        if let Some(col) = &self.consultation {
            let mut ords: Vec<u64> = self.consultation_ords.into_iter().collect();
            ords.sort_unstable();
            consultations.extend(terms_of(col, &ords));
        }
        Members {
            members: self.members,
            consultations,
        }
    }
}

impl Engine {
    /// Every document `query` matches, as [`Member`]s.
    pub(crate) fn members(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
    ) -> Result<Members> {
        searcher
            .search(
                query,
                &MemberCollector {
                    only: None,
                    response_ids: &self.response_ids,
                },
            )
            .map_err(|e| self.index_error(e))
    }

    /// Every document of `kinds` with text in the consultations `slugs` (filtered by the
    /// consultation column as the documents pass: a query of hundreds of slugs would merge as
    /// many lists).
    pub(crate) fn members_in(
        &self,
        searcher: &tantivy::Searcher,
        slugs: &BTreeSet<String>,
        kinds: &[Kind],
    ) -> Result<Vec<Member>> {
        let only = MemberCollector {
            only: Some(slugs),
            response_ids: &self.response_ids,
        };
        Ok(searcher
            .search(&*self.kinds_filter(kinds), &only)
            .map_err(|e| self.index_error(e))?
            .members)
    }

    /// A request's query, limited to documents of `kinds`.
    pub(crate) fn query_of_kinds(
        &self,
        req: &SearchRequest,
        kinds: &[Kind],
    ) -> Result<Box<dyn Query>> {
        let query = self.build_query(req)?;
        Ok(Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Must, self.kinds_filter(kinds)),
        ])))
    }

    /// Documents of any of `kinds` that have text (a filter: it adds nothing to the score). A
    /// response whose respondent left every answer empty is a response, but it has no words
    /// to count: in a set it would only make every word look rarer there.
    pub(crate) fn kinds_filter(&self, kinds: &[Kind]) -> Box<dyn Query> {
        let any: Vec<(Occur, Box<dyn Query>)> = kinds
            .iter()
            .map(|k| (Occur::Should, raw_term(self.fields.kind, k.as_str())))
            .collect();
        let with_text: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_u64(self.fields.has_text, 1),
            IndexRecordOption::Basic,
        ));
        Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(BooleanQuery::new(any)) as Box<dyn Query>,
                ),
                (Occur::Must, with_text),
            ])),
            0.0,
        ))
    }

    /// Per segment, for each document, the index `unit_index` gives its unit (`u32::MAX` for
    /// none): what counting a word's postings by unit needs.
    pub(crate) fn unit_map(
        &self,
        searcher: &tantivy::Searcher,
        members: &[Member],
        unit_index: impl Fn(u64) -> Option<u32>,
    ) -> Vec<Vec<u32>> {
        let mut map: Vec<Vec<u32>> = searcher
            .segment_readers()
            .iter()
            .map(|r| vec![u32::MAX; r.max_doc() as usize])
            .collect();
        for m in members {
            if let Some(i) = unit_index(m.unit) {
                map[m.addr.segment_ord as usize][m.addr.doc_id as usize] = i;
            }
        }
        map
    }

    /// How many of the units of `unit_map` hold `word` (in the exact analyzer's form), from the
    /// word's postings: exact, and without reading a stored document.
    pub(crate) fn units_holding(
        &self,
        searcher: &tantivy::Searcher,
        word: &str,
        unit_map: &[Vec<u32>],
        seen: &mut [u32],
        stamp: u32,
    ) -> Result<u32> {
        let term = Term::from_field_text(self.fields.text, word);
        let mut n = 0;
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let inverted = reader
                .inverted_index(self.fields.text)
                .map_err(|e| self.index_error(e))?;
            let Some(mut postings) = inverted
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(|e| self.index_error(tantivy::TantivyError::from(e)))?
            else {
                continue;
            };
            let map = &unit_map[ord];
            let alive = reader.alive_bitset();
            let mut doc = tantivy::DocSet::doc(&postings);
            while doc != tantivy::TERMINATED {
                let unit = map[doc as usize];
                if unit != u32::MAX
                    && alive.is_none_or(|a| a.is_alive(doc))
                    && seen[unit as usize] != stamp
                {
                    seen[unit as usize] = stamp;
                    n += 1;
                }
                doc = tantivy::DocSet::advance(&mut postings);
            }
        }
        Ok(n)
    }

    /// The document ids at `addrs` (from the id column, no stored document read), in one pass
    /// over each segment's dictionary.
    pub(crate) fn ids_at(
        &self,
        searcher: &tantivy::Searcher,
        addrs: &[DocAddress],
    ) -> Result<Vec<String>> {
        let mut by_segment: BTreeMap<SegmentOrdinal, Vec<(u64, usize)>> = BTreeMap::new();
        let mut columns: HashMap<SegmentOrdinal, Option<StrColumn>> = HashMap::new();
        for (i, a) in addrs.iter().enumerate() {
            let column = match columns.entry(a.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(
                    searcher
                        .segment_reader(a.segment_ord)
                        .fast_fields()
                        .str("id")
                        .map_err(|e| self.index_error(e))?,
                ),
            };
            if let Some(ord) = column.as_ref().and_then(|c| c.term_ords(a.doc_id).next()) {
                by_segment.entry(a.segment_ord).or_default().push((ord, i));
            }
        }
        let mut out = vec![String::new(); addrs.len()];
        for (segment, mut wanted) in by_segment {
            let Some(Some(col)) = columns.get(&segment) else {
                continue;
            };
            wanted.sort_unstable();
            let ords: Vec<u64> = wanted.iter().map(|(o, _)| *o).collect();
            for ((_, i), id) in wanted.iter().zip(terms_of(col, &ords)) {
                out[*i] = id;
            }
        }
        Ok(out)
    }

    /// The best `limit` matches of `query` by relevance, ties by date and id ([`rank`]).
    pub(crate) fn ranked_by_relevance(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        limit: usize,
    ) -> Result<Vec<Scored>> {
        self.ranked(searcher, query, Sort::Relevance.into(), limit.max(1), 0)
    }
}
