//! Search: turns a query and filters into a tantivy query, runs it once for the ranked page of
//! hits, the total and the facet counts over all matches, and makes snippets with the matches
//! marked. The CLI and (later) the server both call [`Engine::search`], so both give the same
//! answers in the same JSON.

mod cache;
mod collect;
mod compile;
mod passages;
mod prefix;
pub mod query;
mod snippets;
mod views;

use cache::Cache;
pub use cache::DEFAULT_CACHE_ENTRIES;
use collect::{str_at, CampaignCollector, FacetCollector};
use compile::raw_term;
pub use prefix::MAX_PREFIX_TERMS;
pub use snippets::mark_html;
use snippets::{page_at, Snippets};

use std::collections::{BTreeMap, HashMap};
use std::ops::{Bound, Range};
use std::path::Path;
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
    DocAddress, DocId, Index, IndexReader, Order, Score, SegmentOrdinal, SegmentReader,
    TantivyDocument, Term,
};

use crate::error::{Error, Result};
use crate::extract::Kind;
use crate::index::{self, Fields};
use crate::respondent::Respondent;
use query::Expr;

/// Hits per page unless asked otherwise.
pub const DEFAULT_LIMIT: usize = 10;
/// The most hits one request returns.
pub const MAX_LIMIT: usize = 100_000;
/// The most entries one feed holds.
pub const MAX_FEED_LIMIT: usize = 100;
/// Characters of text around the matches in a snippet.
pub const SNIPPET_CHARS: usize = 220;

/// A hit before it is loaded: its score (by relevance), where it is, and with `collapse` how
/// many other members of its campaign matched.
type Ranked = (Option<f32>, DocAddress, Option<u64>);
/// A document's address with its score (none when sorted by date).
pub type Scored = (Option<f32>, DocAddress);

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

impl Sort {
    pub fn parse(s: &str) -> Result<Sort> {
        match s {
            "relevance" => Ok(Sort::Relevance),
            "date" => Ok(Sort::Date),
            _ => Err(Error::Usage(format!(
                "unknown sort '{s}' (use relevance or date)"
            ))),
        }
    }
}

/// Whether responses without text (every answer left empty, nothing attached) take part.
/// They are responses and count as such, so by default they do; they never match words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Empty {
    #[default]
    Include,
    Exclude,
    /// Only the documents without text.
    Only,
}

impl Empty {
    /// Reads `include`, `exclude` or `only`.
    pub fn parse(s: &str) -> Result<Empty> {
        match s.trim().to_ascii_lowercase().as_str() {
            "include" => Ok(Empty::Include),
            "exclude" => Ok(Empty::Exclude),
            "only" => Ok(Empty::Only),
            _ => Err(Error::Usage(format!(
                "unknown value '{s}' for empty responses (use include, exclude or only)"
            ))),
        }
    }
}

/// A search with its filters and page.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub consultation: Option<String>,
    pub lang: Option<String>,
    pub kind: Option<Kind>,
    /// Only documents that cite this URL, DOI or Kamerstuk.
    pub cites: Option<String>,
    /// Only the responses (and attachments) of this campaign.
    pub campaign: Option<String>,
    /// Only responses (and attachments) of this kind of respondent.
    pub respondent: Option<Respondent>,
    /// One hit per campaign: its best-ranked member stands for the others.
    pub collapse: bool,
    /// Responses without text: included (the default), excluded, or the only ones.
    pub empty: Empty,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
}

/// What a document is and who wrote it: the fields a hit, a document view and a quote share.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Attribution {
    pub id: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_id: Option<String>,
    pub consultation: String,
    pub consultation_title: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub place: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub lang: String,
    pub url: String,
    /// A report's host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The campaign of near-identical responses this one belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    /// Responses in that campaign.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign_size: Option<u64>,
    /// `organisation`, `individual` or `anonymous` (responses and attachments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// False for a response whose respondent left every answer empty and attached nothing.
    pub has_text: bool,
}

impl Attribution {
    /// Reads the attribution from a stored document.
    fn of(doc: &TantivyDocument, f: &Fields) -> Attribution {
        Attribution {
            id: text(doc, f.id).unwrap_or_default(),
            kind: text(doc, f.kind).unwrap_or_default(),
            response_id: text(doc, f.response_id),
            consultation: text(doc, f.consultation).unwrap_or_default(),
            consultation_title: text(doc, f.consultation_title).unwrap_or_default(),
            title: text(doc, f.title),
            author: text(doc, f.author),
            place: text(doc, f.place),
            date: date_of(doc, f.date),
            lang: text(doc, f.lang).unwrap_or_default(),
            url: text(doc, f.url).unwrap_or_default(),
            publisher: text(doc, f.publisher),
            campaign: text(doc, f.campaign),
            campaign_size: text(doc, f.campaign)
                .and(doc.get_first(f.campaign_size).and_then(|v| v.as_u64())),
            respondent: text(doc, f.respondent),
            // Passages and indexes from before the field have text.
            has_text: doc
                .get_first(f.has_text)
                .and_then(|v| v.as_u64())
                .is_none_or(|v| v != 0),
        }
    }
}

/// One hit.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    #[serde(flatten)]
    pub attribution: Attribution,
    /// Relevance score; absent when sorted by date.
    pub score: Option<f32>,
    /// With `collapse`: how many other matching responses of the same campaign this hit
    /// stands for ("and N near-identical responses").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collapsed: Option<u64>,
    /// The page of a PDF (or paged Word file) the snippet's first match is on; the hit's `url`
    /// then ends in `#page=N`, which opens the file there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// HTML-escaped text with the matches in `<mark>`.
    pub snippet: String,
    /// The snippet as plain text with the byte ranges of the matches (for terminals).
    #[serde(skip)]
    pub snippet_plain: (String, Vec<Range<usize>>),
}

/// Counts of all matching documents by consultation, language and kind.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct Facets {
    pub consultation: BTreeMap<String, u64>,
    pub lang: BTreeMap<String, u64>,
    pub kind: BTreeMap<String, u64>,
    /// Matches per respondent type.
    pub respondent: BTreeMap<String, u64>,
    /// Matches per campaign: the [`FACET_CAMPAIGNS`] with the most matches.
    pub campaign: BTreeMap<String, u64>,
    /// Matches per day (`YYYY-MM-DD`), for a timeline.
    pub date: BTreeMap<String, u64>,
}

/// Campaigns the campaign facet lists at most.
pub const FACET_CAMPAIGNS: usize = 50;

/// The answer to a search.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResponse {
    pub query: String,
    /// The order of the hits: `relevance`, or `date` (newest first) when asked for or when
    /// the query has no words.
    pub sort: Sort,
    pub total: u64,
    /// With `collapse`: the hits left when each campaign counts once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<u64>,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// A document whole, as the document view and the export show it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocView {
    #[serde(flatten)]
    pub attribution: Attribution,
    /// Number of pages, for PDFs.
    pub pages: Option<u64>,
    /// Other facts (a consultation's status and dates).
    pub meta: serde_json::Map<String, serde_json::Value>,
    /// Questions with their answers, or the text per page (`page`), in order.
    pub sections: Vec<crate::extract::Section>,
    /// The whole text.
    pub text: String,
    /// A response's attachment, or an attachment's response.
    pub related: Vec<Related>,
    /// What the text cites: `doi:…`, `kst:…`, `url:…` keys.
    pub cites: Vec<String>,
    /// For a report: the documents that cite it (at most [`MAX_CITED_BY`]), oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cited_by: Vec<Related>,
    /// For a response in a campaign: the document id of the campaign's most central
    /// response, which stands for its template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign_representative: Option<String>,
    /// For a response in a campaign: the sentences it has and the representative has not,
    /// what the respondent wrote in their own words (empty for the representative itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign_added: Option<Vec<String>>,
}

/// The most citing documents a report's view lists.
pub const MAX_CITED_BY: usize = 1_000;

/// A document that belongs with another.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Related {
    pub id: String,
    pub kind: String,
    pub title: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub url: String,
    pub pages: Option<u64>,
}

impl Related {
    fn of(d: &TantivyDocument, f: &Fields) -> Related {
        Related {
            id: text(d, f.id).unwrap_or_default(),
            kind: text(d, f.kind).unwrap_or_default(),
            title: text(d, f.title),
            author: text(d, f.author),
            date: date_of(d, f.date),
            url: text(d, f.url).unwrap_or_default(),
            pages: d.get_first(f.pages).and_then(|v| v.as_u64()),
        }
    }
}

/// Characters of a campaign's representative text that listings show.
pub const CAMPAIGN_START_CHARS: usize = 240;
/// Members a campaign's detail lists at most.
pub const MAX_CAMPAIGN_MEMBERS: usize = 10_000;

/// A campaign of near-identical responses, as listings show it.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct CampaignInfo {
    pub id: String,
    pub consultation: String,
    /// Responses in the index that belong to it.
    pub size: u64,
    /// Dates of its first and last response (`YYYY-MM-DD`).
    pub first: Option<String>,
    pub last: Option<String>,
    /// Responses per language.
    pub langs: BTreeMap<String, u64>,
    /// Responses per respondent type.
    pub respondents: BTreeMap<String, u64>,
    /// Responses per day, for a timeline.
    pub timeline: BTreeMap<String, u64>,
    /// The document id of its most central response.
    pub representative: String,
    /// That response's URL.
    pub url: String,
    /// The start of its text.
    pub start: String,
}

/// A campaign whole: the representative's text and each member with what it adds.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CampaignDetail {
    #[serde(flatten)]
    pub campaign: CampaignInfo,
    /// The representative response's text.
    pub template: String,
    /// Members, oldest first (at most [`MAX_CAMPAIGN_MEMBERS`]).
    pub members: Vec<CampaignMember>,
}

/// A campaign's member and the sentences it adds to the representative's text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CampaignMember {
    #[serde(flatten)]
    pub attribution: Attribution,
    pub added: Vec<String>,
}

/// An indexed consultation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConsultationInfo {
    pub slug: String,
    pub title: Option<String>,
    pub status: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub ministry: Option<String>,
    pub url: Option<String>,
    /// The number of responses the consultation page announced when it was last read.
    pub announced: Option<u64>,
    /// Responses indexed, those without text included.
    pub responses: u64,
    /// Responses whose respondent left every answer empty and attached nothing.
    pub responses_without_text: u64,
    pub attachments: u64,
    pub documents: u64,
}

/// A matching document as stored, with where it is and who wrote it.
pub type StoredHit = (DocAddress, Attribution, TantivyDocument);

/// An open index to search.
pub struct Engine {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Characters of text a snippet shows (a quote's passage is shown whole).
    snippet_chars: usize,
    /// Whole answers of [`Engine::search`], by request.
    answers: Cache<SearchResponse>,
    /// Totals and facets, by request without its page: paging through a common word's hits
    /// counts them once.
    counted: Cache<Counted>,
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
        let reader = index.reader().map_err(|source| Error::Index {
            path: root.to_path_buf(),
            source,
        })?;
        Ok(Engine {
            index,
            reader,
            fields,
            snippet_chars: SNIPPET_CHARS,
            answers: Cache::new(DEFAULT_CACHE_ENTRIES),
            counted: Cache::new(DEFAULT_CACHE_ENTRIES),
        })
    }

    /// Keeps at most `entries` answers (and as many counts) per index commit; 0 keeps none,
    /// so that every search is computed (benchmarks of the search itself).
    pub fn with_cache(mut self, entries: usize) -> Engine {
        self.answers = Cache::new(entries);
        self.counted = Cache::new(entries);
        self
    }

    /// The index's fields.
    pub fn fields(&self) -> Fields {
        self.fields
    }

    /// The underlying index's searcher (for callers that read extra stored fields).
    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    fn ierr(&self, source: tantivy::TantivyError) -> Error {
        Error::Index {
            path: Path::new("tantivy").to_path_buf(),
            source,
        }
    }

    /// Checks a request and builds its query; errors are user errors.
    pub fn build_query(&self, req: &SearchRequest) -> Result<Box<dyn Query>> {
        Ok(self.prepare(req)?.0)
    }

    /// How many documents match a request, without ranking them or counting facets.
    pub fn count(&self, req: &SearchRequest) -> Result<u64> {
        let query = self.build_query(req)?;
        let n = self
            .reader
            .searcher()
            .search(&*query, &Count)
            .map_err(|e| self.ierr(e))?;
        Ok(n as u64)
    }

    /// Runs a search, or answers it from the answers kept for this index commit.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
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
    pub fn search_with(
        &self,
        req: &SearchRequest,
        each: impl FnMut(&Hit, &TantivyDocument),
    ) -> Result<SearchResponse> {
        self.search_on(&self.reader.searcher(), req, false, each)
    }

    /// [`Engine::search_with`] for documents that hold any of the query's top-level words and
    /// phrases rather than all of them (see [`Engine::query_parts`]).
    pub fn search_any_with(
        &self,
        req: &SearchRequest,
        each: impl FnMut(&Hit, &TantivyDocument),
    ) -> Result<SearchResponse> {
        self.search_on(&self.reader.searcher(), req, true, each)
    }

    /// The positive top-level parts of a request's query (words, phrases, fields, groups),
    /// each as written and compiled; empty for a query of one part.
    pub fn query_parts(&self, req: &SearchRequest) -> Result<Vec<(String, Box<dyn Query>)>> {
        let Ok(Expr::And(items)) = query::parse(&req.query) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for item in items.iter().filter(|i| !matches!(i, Expr::Not(_))) {
            if let Some(q) = self.compile(item, false)? {
                out.push((query::label(item), q));
            }
        }
        Ok(if out.len() < 2 { Vec::new() } else { out })
    }

    /// Whether the document with this `id` matches `query`.
    pub fn id_matches(&self, query: &dyn Query, id: &str) -> Result<bool> {
        let q = BooleanQuery::new(vec![
            (Occur::Must, query.box_clone()),
            (Occur::Must, raw_term(self.fields.id, id)),
        ]);
        let n = self
            .reader
            .searcher()
            .search(&q, &Count)
            .map_err(|e| self.ierr(e))?;
        Ok(n > 0)
    }

    fn search_on(
        &self,
        searcher: &tantivy::Searcher,
        req: &SearchRequest,
        relaxed: bool,
        mut each: impl FnMut(&Hit, &TantivyDocument),
    ) -> Result<SearchResponse> {
        let started = Instant::now();
        if req.limit > MAX_LIMIT {
            return Err(Error::Usage(format!("--limit is at most {MAX_LIMIT}")));
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
        let generation = searcher.generation().generation_id();
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
        let (total, mut facets) = match &kept {
            Some(c) => (c.total as usize, c.facets.clone()),
            None => searcher
                .search(&*query, &(Count, FacetCollector))
                .map_err(|e| self.ierr(e))?,
        };
        let mut groups = None;
        let addresses: Vec<Ranked> = if req.limit == 0 {
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
        if facets.campaign.len() > FACET_CAMPAIGNS {
            let mut by_count: Vec<(String, u64)> =
                std::mem::take(&mut facets.campaign).into_iter().collect();
            by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            facets.campaign = by_count.into_iter().take(FACET_CAMPAIGNS).collect();
        }
        if kept.is_none() {
            let counted = Counted {
                total: total as u64,
                facets: facets.clone(),
            };
            self.counted.put(generation, counts_key, Arc::new(counted));
        }
        let prefixed = self.prefixed_words(searcher, &expr)?;
        let snippets = Snippets::new(searcher, &expr, &prefixed, &self.fields, self.snippet_chars)?;
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, addr, collapsed) in addresses {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.ierr(e))?;
            let mut hit = self.hit(&doc, score, &snippets);
            hit.collapsed = collapsed;
            each(&hit, &doc);
            hits.push(hit);
        }
        Ok(SearchResponse {
            query: req.query.clone(),
            sort,
            total: total as u64,
            groups,
            took_ms: millis(started),
            hits,
            facets,
        })
    }

    /// The best `limit` hits after `offset`, by relevance (with scores) or newest first.
    fn top(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        sort: Sort,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<(Option<f32>, DocAddress)>> {
        let top = TopDocs::with_limit(limit).and_offset(offset);
        Ok(match sort {
            Sort::Relevance => searcher
                .search(query, &top.order_by_score())
                .map_err(|e| self.ierr(e))?
                .into_iter()
                .map(|(s, a)| (Some(s), a))
                .collect(),
            Sort::Date => searcher
                .search(
                    query,
                    &top.order_by_fast_field::<tantivy::DateTime>("date", Order::Desc),
                )
                .map_err(|e| self.ierr(e))?
                .into_iter()
                .map(|(_, a)| (None, a))
                .collect(),
        })
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
                            .map_err(|e| self.ierr(e))?,
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
        let (total, facets) = searcher
            .search(&AllQuery, &(Count, FacetCollector))
            .map_err(|e| self.ierr(e))?;
        Ok((total as u64, facets))
    }

    /// Titles of the indexed consultations, by slug.
    pub fn consultation_titles(&self) -> Result<BTreeMap<String, String>> {
        let searcher = self.reader.searcher();
        let q = raw_term(self.fields.kind, Kind::Consultation.as_str());
        let top = searcher
            .search(&*q, &TopDocs::with_limit(10_000).order_by_score())
            .map_err(|e| self.ierr(e))?;
        let mut out = BTreeMap::new();
        for (_, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.ierr(e))?;
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
        let total = searcher.search(&*query, &Count).map_err(|e| self.ierr(e))?;
        if total == 0 {
            return Ok(0);
        }
        let top = TopDocs::with_limit(total)
            .order_by_fast_field::<tantivy::DateTime>("date", Order::Desc);
        let hits = searcher.search(&*query, &top).map_err(|e| self.ierr(e))?;
        let mut n = 0;
        for (_, addr) in hits {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.ierr(e))?;
            f(self.view(&doc))?;
            n += 1;
        }
        Ok(n)
    }

    fn hit(&self, doc: &TantivyDocument, score: Option<f32>, snippets: &Snippets) -> Hit {
        let f = &self.fields;
        let attribution = Attribution::of(doc, f);
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
fn millis(started: Instant) -> f64 {
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
