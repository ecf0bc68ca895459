//! Search: turns a request (`request.rs`) into a tantivy query (`query.rs` parses, `compile.rs`
//! and `prefix.rs` compile), counts the total and the facets over all matches (`collect.rs`),
//! ranks a page of hits and marks their snippets (`snippets.rs`), and answers (`answer.rs`).
//! Answers and counts are kept per index commit (`cache.rs`). The CLI, the server and the feed
//! all call [`Engine::search`], so all give the same answers in the same JSON.

mod answer;
mod cache;
mod collect;
mod compile;
mod names;
mod organisations;
mod passages;
mod prefix;
mod privacy;
pub(crate) mod query;
mod rank;
mod request;
mod snippets;
mod timeline;
mod units;
mod views;

pub use answer::*;
use cache::Cache;
pub use cache::DEFAULT_CACHE_ENTRIES;
use collect::{str_at, CampaignCollector, FacetCollector};
use compile::raw_term;

pub use crate::organisations::corrections::Corrections;
pub use organisations::{
    NameCount, OrganisationDetail, OrganisationInfo, OrganisationResponse, SameLine,
};
pub use prefix::MAX_PREFIX_TERMS;
pub use privacy::AN_INDIVIDUAL;
pub use request::{
    parse_date, Empty, RequestBuilder, SearchRequest, Sort, MAX_OFFSET, MAX_QUERY_CHARS,
    SEARCH_PARAMETERS,
};
pub(crate) use snippets::{escape_into, mark_html};
use snippets::{page_at, Snippets};
pub(crate) use timeline::unit_id;
pub use timeline::{Bucket, By, Timeline};
pub(crate) use units::Member;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::{Bound, Range};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, Score, SegmentOrdinal, SegmentReader, TantivyDocument,
    Term,
};

use crate::error::{Error, Result};
use crate::extract::Kind;
use crate::index::{self, Fields};
use crate::respondent::Respondent;
use query::Expr;

/// Hits per page unless asked otherwise.
pub const DEFAULT_LIMIT: usize = 10;
/// The most hits one request returns.
pub(crate) const MAX_LIMIT: usize = 100_000;
/// The most entries one feed holds.
pub(crate) const MAX_FEED_LIMIT: usize = 100;
/// Campaigns a listing gives unless told otherwise.
pub const DEFAULT_CAMPAIGNS: usize = 100;
/// Characters of text around the matches in a snippet.
pub(crate) const SNIPPET_CHARS: usize = 220;

/// A hit before it is loaded: its score (by relevance), where it is, and with `collapse` how
/// many other members of its campaign matched.
type Ranked = (Option<f32>, DocAddress, Option<u64>);
/// A document's address with its score (none when sorted by date).
pub type Scored = (Option<f32>, DocAddress);

/// A matching document as stored, with where it is and who wrote it.
pub type StoredHit = (DocAddress, Attribution, TantivyDocument);

/// An open index to search.
pub struct Engine {
    index: Index,
    /// The index's folder, which its errors name.
    path: PathBuf,
    /// The index folder (archive, state, index and the register's corrections).
    root: PathBuf,
    reader: IndexReader,
    fields: Fields,
    /// Characters of text a snippet shows (a quote's passage is shown whole).
    snippet_chars: usize,
    /// Whole answers of [`Engine::search`], by request.
    answers: Cache<SearchResponse>,
    /// Totals and facets, by request without its page: paging through a common word's hits
    /// counts them once.
    counted: Cache<Counted>,
    /// The organisation register.
    register: Cache<organisations::Register>,
    /// Whether answers withhold private persons' names ([`Engine::public`]).
    public: bool,
    /// The private persons' register, for a public engine.
    people: Cache<privacy::People>,
    /// Response ids by ordinal, per segment: who holds a quote names thousands of them.
    response_ids: names::Names,
    /// Document ids by ordinal, per segment: ties between segments are ranked by them.
    ids: Arc<names::Names>,
    /// The facet columns' terms by ordinal, per segment: a common word counts tens of
    /// thousands of campaigns, named at every search.
    facet_names: Arc<Vec<names::Names>>,
}

/// The counts of a request's matches, as a page of it shows them.
struct Counted {
    total: u64,
    /// With the campaign facet cut to [`FACET_CAMPAIGNS`].
    facets: Facets,
}

/// Answers with more hits than this are not kept: a page is small, an export-sized one is not.
const CACHED_LIMIT: usize = 100;

impl Engine {
    /// Opens the index in an index folder.
    pub fn open(root: &Path) -> Result<Engine> {
        let (index, fields) = index::open(root)?;
        let path = crate::store::IndexPaths::new(root).tantivy();
        let reader = index.reader().map_err(|e| Error::index(&path, e))?;
        Ok(Engine {
            index,
            path,
            root: root.to_path_buf(),
            reader,
            fields,
            snippet_chars: SNIPPET_CHARS,
            answers: Cache::new(DEFAULT_CACHE_ENTRIES),
            counted: Cache::new(DEFAULT_CACHE_ENTRIES),
            register: Cache::new(1),
            public: false,
            people: Cache::new(1),
            response_ids: names::Names::new("response_id"),
            ids: Arc::new(names::Names::new("id")),
            facet_names: FacetCollector::tables(),
        })
    }

    /// Keeps at most `entries` answers (and as many counts) per index commit; 0 keeps none,
    /// so that every search is computed (benchmarks of the search itself).
    pub fn with_cache(mut self, entries: usize) -> Engine {
        self.answers = Cache::new(entries);
        self.counted = Cache::new(entries);
        self
    }

    /// Drops the id and facet tables of segments `searcher` no longer has (merged away).
    fn keep_tables_of(&self, searcher: &tantivy::Searcher) {
        self.ids.keep_only(searcher);
        for names in self.facet_names.iter() {
            names.keep_only(searcher);
        }
    }

    /// The index's fields.
    pub fn fields(&self) -> Fields {
        self.fields
    }

    /// The underlying index's searcher (for callers that read extra stored fields).
    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// An index error, naming the index's folder.
    pub(crate) fn index_error(&self, source: tantivy::TantivyError) -> Error {
        Error::index(&self.path, source)
    }

    /// Checks a request and builds its query; errors are user errors.
    pub(crate) fn build_query(&self, req: &SearchRequest) -> Result<Box<dyn Query>> {
        Ok(self.prepare(req)?.0)
    }

    /// How many documents match a request, without ranking them or counting facets.
    pub fn count(&self, req: &SearchRequest) -> Result<u64> {
        let query = self.build_query(req)?;
        let n = self
            .reader
            .searcher()
            .search(&*query, &Count)
            .map_err(|e| self.index_error(e))?;
        Ok(n as u64)
    }

    /// What answers kept in the caches belong to: the index commit, and the organisation
    /// register's corrections (a merge changes facets, filters and hits' organisations at
    /// once, without a commit).
    fn answer_generation(&self, searcher: &tantivy::Searcher) -> u64 {
        let generation = searcher.generation().generation_id();
        let stamp = crate::organisations::corrections::Corrections::stamp(&self.root);
        if stamp.is_empty() {
            generation
        } else {
            generation ^ crate::text::fingerprint(&stamp).rotate_left(1)
        }
    }

    /// Runs a search, or answers it from the answers kept for this index commit.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let generation = self.answer_generation(&searcher);
        let key = format!("{req:?}");
        if let Some(kept) = self.answers.get(generation, &key) {
            let mut answer = (*kept).clone();
            answer.took_ms = millis(started);
            return Ok(answer);
        }
        let answer = self.search_on(&searcher, req, false, |_, _| {})?;
        if req.limit <= CACHED_LIMIT {
            self.answers.put(generation, key, Arc::new(answer.clone()));
        }
        Ok(answer)
    }

    /// Runs a search and shows `each` every hit with its stored document (for indexes with
    /// more fields than a hit carries, such as passages).
    pub(crate) fn search_with(
        &self,
        req: &SearchRequest,
        each: impl FnMut(&Hit, &TantivyDocument),
    ) -> Result<SearchResponse> {
        self.search_on(&self.reader.searcher(), req, false, each)
    }

    fn search_on(
        &self,
        searcher: &tantivy::Searcher,
        req: &SearchRequest,
        relaxed: bool,
        each: impl FnMut(&Hit, &TantivyDocument),
    ) -> Result<SearchResponse> {
        let started = Instant::now();
        if req.limit > MAX_LIMIT {
            return Err(Error::parameter("limit", format!("is at most {MAX_LIMIT}")));
        }
        let (query, expr) = self.prepare_as(req, relaxed)?;
        // Relevance needs words to rank by: a listing by filters alone is newest first.
        let sort = if query::has_words(&expr) {
            req.sort
        } else {
            Sort::Date
        };
        let req = &SearchRequest {
            sort,
            ..req.clone()
        };
        // The counts do not depend on the page, the order or (before collapsing) `collapse`.
        let generation = self.answer_generation(searcher);
        let counts_key = format!(
            "{relaxed} {:?}",
            SearchRequest {
                limit: 0,
                offset: 0,
                sort: Sort::Relevance,
                collapse: false,
                ..req.clone()
            }
        );
        let kept = (!req.collapse)
            .then(|| self.counted.get(generation, &counts_key))
            .flatten();
        // A plain page with its counts to make is one pass over the matches, not two.
        let mut page = None;
        let (total, mut facets) = match &kept {
            Some(c) => (c.total as usize, c.facets.clone()),
            None if !req.collapse && req.limit > 0 => {
                let (total, facets, top) = self.counted_top(searcher, &*query, req)?;
                page = Some(top);
                (total, facets)
            }
            None => {
                self.keep_tables_of(searcher);
                searcher
                    .search(&*query, &(Count, FacetCollector::named(&self.facet_names)))
                    .map_err(|e| self.index_error(e))?
            }
        };
        let mut groups = None;
        let addresses: Vec<Ranked> = if let Some(top) = page {
            top.into_iter().map(|(s, a)| (s, a, None)).collect()
        } else if req.limit == 0 {
            Vec::new()
        } else if req.collapse {
            // Each campaign counts once: its members beyond the first are not hits.
            let hidden: u64 = facets.campaign.values().map(|n| n - 1).sum();
            groups = Some(total as u64 - hidden);
            self.collapsed_page(searcher, &*query, req, &facets.campaign)?
        } else {
            self.top(searcher, &*query, req.sort, req.limit, req.offset)?
                .into_iter()
                .map(|(s, a)| (s, a, None))
                .collect()
        };
        if kept.is_none() {
            facets.organisation = self.organisation_ids(searcher, facets.organisation)?;
        }
        keep_largest_campaigns(&mut facets.campaign);
        if kept.is_none() {
            let counted = Counted {
                total: total as u64,
                facets: facets.clone(),
            };
            self.counted.put(generation, counts_key, Arc::new(counted));
        }
        let hits = self.hits(searcher, &expr, addresses, each)?;
        self.withheld(SearchResponse {
            query: req.query.clone(),
            sort,
            total: total as u64,
            groups,
            notes: Vec::new(),
            took_ms: millis(started),
            hits,
            facets,
        })
    }

    /// The page's hits, read from the index with their snippets; `each` sees every hit with
    /// its stored document.
    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        expr: &Expr,
        addresses: Vec<Ranked>,
        mut each: impl FnMut(&Hit, &TantivyDocument),
    ) -> Result<Vec<Hit>> {
        let prefixed = self.prefixed_words(searcher, expr)?;
        let snippets = Snippets::new(searcher, expr, &prefixed, &self.fields, self.snippet_chars)
            .map_err(|e| self.index_error(e))?;
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, addr, collapsed) in addresses {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.index_error(e))?;
            let mut hit = self.hit(&doc, score, &snippets);
            hit.collapsed = collapsed;
            each(&hit, &doc);
            hits.push(hit);
        }
        Ok(hits)
    }

    /// The total, the facets and the page of a request, in one pass over its matches.
    fn counted_top(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        req: &SearchRequest,
    ) -> Result<(usize, Facets, Vec<Scored>)> {
        let top = rank::Ranked::new(req.sort.into(), req.limit, req.offset).named(&self.ids);
        self.keep_tables_of(searcher);
        searcher
            .search(
                query,
                &(Count, FacetCollector::named(&self.facet_names), top),
            )
            .map_err(|e| self.index_error(e))
    }

    /// The best `limit` hits after `offset`, by relevance (with scores) or newest first, ties
    /// broken by date and document id ([`rank`]).
    fn top(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        sort: Sort,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<Scored>> {
        self.ranked(searcher, query, sort.into(), limit, offset)
    }

    /// The documents ranked `offset..offset + limit` in `order`, every tie broken by a stable
    /// key, so that every build of the same archive answers the same.
    pub(crate) fn ranked(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        order: rank::Order,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<Scored>> {
        self.keep_tables_of(searcher);
        searcher
            .search(
                query,
                &rank::Ranked::new(order, limit, offset).named(&self.ids),
            )
            .map_err(|e| self.index_error(e))
    }

    /// A page of hits with each campaign shown once, by its best-ranked member, with how many
    /// other members matched. Hits are read in growing batches until the page is full.
    fn collapsed_page(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        req: &SearchRequest,
        matches: &BTreeMap<String, u64>,
    ) -> Result<Vec<Ranked>> {
        let want = req.offset + req.limit;
        let mut columns: HashMap<SegmentOrdinal, Option<StrColumn>> = HashMap::new();
        let mut batch = (want * 4).max(64);
        loop {
            let top = self.top(searcher, query, req.sort, batch, 0)?;
            let mut seen = std::collections::HashSet::new();
            let mut page = Vec::new();
            for &(score, addr) in &top {
                let column = match columns.entry(addr.segment_ord) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => e.insert(
                        searcher
                            .segment_reader(addr.segment_ord)
                            .fast_fields()
                            .str("campaign")
                            .map_err(|e| self.index_error(e))?,
                    ),
                };
                let campaign = str_at(column, addr.doc_id);
                let collapsed = match campaign {
                    Some(c) => {
                        if !seen.insert(c.clone()) {
                            continue;
                        }
                        Some(matches.get(&c).copied().unwrap_or(1).saturating_sub(1))
                    }
                    None => None,
                };
                page.push((score, addr, collapsed));
                if page.len() == want {
                    break;
                }
            }
            if page.len() == want || top.len() < batch {
                return Ok(page.into_iter().skip(req.offset).collect());
            }
            batch *= 4;
        }
    }

    /// Document counts by consultation, language and kind over the whole index.
    pub fn counts(&self) -> Result<(u64, Facets)> {
        let searcher = self.reader.searcher();
        self.keep_tables_of(&searcher);
        let (total, mut facets) = searcher
            .search(
                &AllQuery,
                &(Count, FacetCollector::named(&self.facet_names)),
            )
            .map_err(|e| self.index_error(e))?;
        facets.organisation = self.organisation_ids(&searcher, facets.organisation)?;
        Ok((total as u64, facets))
    }

    /// Titles of the indexed consultations, by slug.
    pub(crate) fn consultation_titles(&self) -> Result<BTreeMap<String, String>> {
        let searcher = self.reader.searcher();
        let q = raw_term(self.fields.kind, Kind::Consultation.as_str());
        let top = searcher
            .search(&*q, &TopDocs::with_limit(10_000).order_by_score())
            .map_err(|e| self.index_error(e))?;
        let mut out = BTreeMap::new();
        for (_, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.index_error(e))?;
            out.insert(
                text(&doc, self.fields.consultation).unwrap_or_default(),
                text(&doc, self.fields.title).unwrap_or_default(),
            );
        }
        Ok(out)
    }

    /// Calls `f` with every document that matches a request (its limit, offset and sort do not
    /// apply), whole, newest first. Addresses are gathered first (a few bytes each); documents
    /// are loaded one at a time, so memory does not grow with the export.
    pub fn export(
        &self,
        req: &SearchRequest,
        mut f: impl FnMut(DocView) -> Result<()>,
    ) -> Result<u64> {
        let (query, _) = self.prepare(req)?;
        let searcher = self.reader.searcher();
        let total = searcher
            .search(&*query, &Count)
            .map_err(|e| self.index_error(e))?;
        if total == 0 {
            return Ok(0);
        }
        let hits = self.ranked(&searcher, &*query, rank::Order::NewestFirst, total, 0)?;
        let mut n = 0;
        for (_, addr) in hits {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.index_error(e))?;
            f(self.withheld(self.view(&doc))?)?;
            n += 1;
        }
        Ok(n)
    }

    fn hit(&self, doc: &TantivyDocument, score: Option<f32>, snippets: &Snippets) -> Hit {
        let f = &self.fields;
        let attribution = self.attribution(doc);
        let body = text(doc, f.body).unwrap_or_default();
        let (fragment, ranges) = snippets.best(&attribution.lang, &body);
        let mut attribution = attribution;
        let page = ranges
            .first()
            .and_then(|r| Some(body.find(fragment.as_str())? + r.start))
            .and_then(|at| page_at(doc, f, at));
        if let Some(p) = page {
            attribution.url = format!("{}#page={p}", attribution.url);
        }
        Hit {
            attribution,
            score,
            collapsed: None,
            page,
            snippet: mark_html(&fragment, &ranges),
            snippet_plain: (fragment, ranges),
        }
    }
}

/// Milliseconds since `started`, to two decimals.
pub(crate) fn millis(started: Instant) -> f64 {
    (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0
}

fn date_of(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_datetime())
        .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
        .map(|d| d.format("%Y-%m-%d").to_string())
}

fn text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Keeps the [`FACET_CAMPAIGNS`] campaigns with the most matches (ties by id).
fn keep_largest_campaigns(campaigns: &mut BTreeMap<String, u64>) {
    if campaigns.len() > FACET_CAMPAIGNS {
        let mut by_count: Vec<(String, u64)> = std::mem::take(campaigns).into_iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        *campaigns = by_count.into_iter().take(FACET_CAMPAIGNS).collect();
    }
}
