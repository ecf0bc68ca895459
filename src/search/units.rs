//! Matches as the sets that keyness and the timeline count: every matching document with its
//! unit (a response and its attachment share one), its campaign and its day, read from fast
//! fields only, so that a set of a million documents costs a pass over columns and no stored
//! document. Campaigns are carried as fingerprints of their ids: ids are stable (built from
//! response ids), fingerprints are cheap to compare across segments.

use super::*;

/// A matching document as a set counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Member {
    /// Where it is.
    pub addr: DocAddress,
    /// Its unit's fingerprint ([`Fields::unit`]).
    pub unit: u64,
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

struct MemberCollector;

struct MemberSegment {
    segment: SegmentOrdinal,
    unit: Option<tantivy::columnar::Column<u64>>,
    campaign: Option<StrColumn>,
    consultation: Option<StrColumn>,
    dates: tantivy::columnar::Column<tantivy::DateTime>,
    /// Campaign fingerprints by term ordinal, filled as ordinals are met.
    campaigns: Vec<Option<u64>>,
    consultation_ords: BTreeSet<u64>,
    members: Vec<Member>,
}

impl Collector for MemberCollector {
    type Fruit = Members;
    type Child = MemberSegment;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<MemberSegment> {
        let ff = segment.fast_fields();
        let campaign = ff.str("campaign")?;
        Ok(MemberSegment {
            segment: segment_ord,
            unit: ff.u64("unit").ok(),
            campaigns: vec![None; campaign.as_ref().map_or(0, |c| c.num_terms())],
            campaign,
            consultation: ff.str("consultation")?,
            dates: ff.date("date")?,
            consultation_ords: BTreeSet::new(),
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
        let unit = self
            .unit
            .as_ref()
            .and_then(|c| c.first(doc))
            .unwrap_or_default();
        let campaign = match self.campaign.as_ref() {
            Some(col) => match col.term_ords(doc).next() {
                Some(ord) => *self.campaigns[ord as usize].get_or_insert_with(|| {
                    let mut s = String::new();
                    let _ = col.ord_to_str(ord, &mut s);
                    crate::text::fingerprint(&s)
                }),
                None => 0,
            },
            None => 0,
        };
        if let Some(ord) = self
            .consultation
            .as_ref()
            .and_then(|c| c.term_ords(doc).next())
        {
            self.consultation_ords.insert(ord);
        }
        self.members.push(Member {
            addr: DocAddress::new(self.segment, doc),
            unit,
            campaign,
            day: self
                .dates
                .first(doc)
                .map(|d| d.into_timestamp_secs().div_euclid(86_400)),
        });
    }

    fn harvest(self) -> Members {
        let mut consultations = BTreeSet::new();
        if let Some(col) = &self.consultation {
            for ord in self.consultation_ords {
                let mut s = String::new();
                if col.ord_to_str(ord, &mut s).unwrap_or(false) {
                    consultations.insert(s);
                }
            }
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
            .search(query, &MemberCollector)
            .map_err(|e| self.index_error(e))
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

    /// Documents of any of `kinds` (a filter: it adds nothing to the score).
    pub(crate) fn kinds_filter(&self, kinds: &[Kind]) -> Box<dyn Query> {
        let any: Vec<(Occur, Box<dyn Query>)> = kinds
            .iter()
            .map(|k| (Occur::Should, raw_term(self.fields.kind, k.as_str())))
            .collect();
        Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(any)), 0.0))
    }

    /// Documents of `kinds` in any of the consultations `slugs`.
    pub(crate) fn consultations_of_kinds(
        &self,
        slugs: &BTreeSet<String>,
        kinds: &[Kind],
    ) -> Box<dyn Query> {
        let any: Vec<(Occur, Box<dyn Query>)> = slugs
            .iter()
            .map(|s| (Occur::Should, raw_term(self.fields.consultation, s)))
            .collect();
        Box::new(BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(BooleanQuery::new(any)) as Box<dyn Query>,
            ),
            (Occur::Must, self.kinds_filter(kinds)),
        ]))
    }

    /// The document ids at `addrs` (from the id column, no stored document read).
    pub(crate) fn ids_at(
        &self,
        searcher: &tantivy::Searcher,
        addrs: &[DocAddress],
    ) -> Result<Vec<String>> {
        let mut columns: HashMap<SegmentOrdinal, Option<StrColumn>> = HashMap::new();
        let mut out = Vec::with_capacity(addrs.len());
        for a in addrs {
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
            out.push(str_at(column, a.doc_id).unwrap_or_default());
        }
        Ok(out)
    }

    /// Documents whose exact words hold `word` (already in the exact analyzer's form), over
    /// the whole index.
    pub(crate) fn document_frequency(
        &self,
        searcher: &tantivy::Searcher,
        word: &str,
    ) -> Result<u64> {
        searcher
            .doc_freq(&Term::from_field_text(self.fields.text, word))
            .map_err(|e| self.index_error(e))
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
