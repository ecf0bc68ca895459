//! Search: turns a query and filters into a tantivy query, runs it once for the ranked page of
//! hits, the total and the facet counts over all matches, and makes snippets with the matches
//! marked. The CLI and (later) the server both call [`Engine::search`], so both give the same
//! answers in the same JSON.

pub mod query;

use std::collections::{BTreeMap, HashMap};
use std::ops::{Bound, Range};
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
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
/// Characters of text around the matches in a snippet.
pub const SNIPPET_CHARS: usize = 220;

/// A hit before it is loaded: its score (by relevance), where it is, and with `collapse` how
/// many other members of its campaign matched.
type Ranked = (Option<f32>, DocAddress, Option<u64>);

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

impl Facets {
    fn add(&mut self, other: Facets) {
        for (mine, theirs) in [
            (&mut self.consultation, other.consultation),
            (&mut self.lang, other.lang),
            (&mut self.kind, other.kind),
            (&mut self.respondent, other.respondent),
            (&mut self.campaign, other.campaign),
            (&mut self.date, other.date),
        ] {
            for (k, v) in theirs {
                *mine.entry(k).or_default() += v;
            }
        }
    }
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResponse {
    pub query: String,
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

/// An open index to search.
pub struct Engine {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Characters of text a snippet shows (a quote's passage is shown whole).
    snippet_chars: usize,
}

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
        })
    }

    /// Opens the passage index of an index folder (quotes): the same fields and query
    /// language, one document per passage, passages marked whole.
    pub fn open_passages(root: &Path) -> Result<Engine> {
        let (index, fields) = index::open_passages(root)?;
        let reader = index.reader().map_err(|source| Error::Index {
            path: root.to_path_buf(),
            source,
        })?;
        Ok(Engine {
            index,
            reader,
            fields,
            snippet_chars: 10_000,
        })
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

    /// The query of a request with its parsed form.
    fn prepare(&self, req: &SearchRequest) -> Result<(Box<dyn Query>, Expr)> {
        self.prepare_as(req, false)
    }

    /// The query of a request; `relaxed` asks for any of its top-level words and phrases
    /// instead of all (exclusions and filters still hold), ranked by how much each holds.
    fn prepare_as(&self, req: &SearchRequest, relaxed: bool) -> Result<(Box<dyn Query>, Expr)> {
        let f = self.fields;
        // With --cites (or --campaign) alone, the question is "who cites this" ("who is in
        // it"), not a text search.
        let (main, expr): (Box<dyn Query>, Expr) = if req.query.trim().is_empty()
            && (req.cites.is_some() || req.campaign.is_some() || req.empty == Empty::Only)
        {
            (Box::new(AllQuery), Expr::And(Vec::new()))
        } else {
            let expr = query::parse(&req.query).map_err(Error::Query)?;
            let main = if relaxed {
                self.compile_any(&expr)?
            } else {
                self.compile(&expr, false)?
            };
            let main =
                main.ok_or_else(|| Error::Query("the query has no searchable words".into()))?;
            (main, expr)
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, main)];
        let mut filter = |q: Box<dyn Query>| {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        };
        if let Some(c) = &req.consultation {
            filter(raw_term(f.consultation, c));
        }
        if let Some(l) = &req.lang {
            if !crate::lang::is_known_code(l) {
                return Err(Error::Usage(format!(
                    "unknown language '{l}' (use an ISO 639-1 code such as nl, en, de, or und)"
                )));
            }
            filter(raw_term(f.lang, l));
        }
        if let Some(k) = req.kind {
            filter(raw_term(f.kind, k.as_str()));
        }
        if let Some(c) = &req.campaign {
            filter(raw_term(f.campaign, c.trim()));
        }
        if let Some(r) = req.respondent {
            filter(raw_term(f.respondent, r.as_str()));
        }
        let without_text = || {
            Box::new(TermQuery::new(
                Term::from_field_u64(f.has_text, 0),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>
        };
        match req.empty {
            Empty::Include => {}
            Empty::Only => filter(without_text()),
            Empty::Exclude => filter(Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::MustNot, without_text()),
            ]))),
        }
        if let Some(c) = &req.cites {
            filter(cites_query(f.cites, c).map_err(|e| match e {
                Error::Query(m) => Error::Usage(format!("--cites: {m}")),
                e => e,
            })?);
        }
        if let (Some(s), Some(u)) = (req.since, req.until) {
            if s > u {
                return Err(Error::Usage(format!("--since {s} is after --until {u}")));
            }
        }
        if req.since.is_some() || req.until.is_some() {
            let day = |d: NaiveDate| {
                let secs = d
                    .and_hms_opt(0, 0, 0)
                    .expect("midnight")
                    .and_utc()
                    .timestamp();
                Term::from_field_date(f.date, tantivy::DateTime::from_timestamp_secs(secs))
            };
            let lower = req
                .since
                .map_or(Bound::Unbounded, |d| Bound::Included(day(d)));
            // `until` is inclusive: everything before the next day.
            let upper = req.until.map_or(Bound::Unbounded, |d| {
                Bound::Excluded(day(d.succ_opt().unwrap_or(d)))
            });
            filter(Box::new(RangeQuery::new(lower, upper)));
        }
        Ok((Box::new(BooleanQuery::new(clauses)), expr))
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        self.search_with(req, |_, _| {})
    }

    /// Runs a search and shows `each` every hit with its stored document (for indexes with
    /// more fields than a hit carries, such as passages).
    pub fn search_with(
        &self,
        req: &SearchRequest,
        each: impl FnMut(&Hit, &TantivyDocument),
    ) -> Result<SearchResponse> {
        self.search_as(req, false, each)
    }

    /// [`Engine::search_with`] for documents that hold any of the query's top-level words and
    /// phrases rather than all of them (see [`Engine::query_parts`]).
    pub fn search_any_with(
        &self,
        req: &SearchRequest,
        each: impl FnMut(&Hit, &TantivyDocument),
    ) -> Result<SearchResponse> {
        self.search_as(req, true, each)
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

    /// The documents whose text holds these words in this order (any punctuation, case, line
    /// breaks or diacritics between and on them): `(response id or None, document id)` each.
    pub fn holding(&self, words: &str) -> Result<Vec<(Option<String>, String)>> {
        let Some(q) = self.words_in(self.fields.text, words, true)? else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let docs = searcher
            .search(&*q, &tantivy::collector::DocSetCollector)
            .map_err(|e| self.ierr(e))?;
        let mut out = Vec::with_capacity(docs.len());
        for addr in docs {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.ierr(e))?;
            out.push((
                text(&d, self.fields.response_id).filter(|r| !r.is_empty()),
                text(&d, self.fields.id).unwrap_or_default(),
            ));
        }
        Ok(out)
    }

    fn search_as(
        &self,
        req: &SearchRequest,
        relaxed: bool,
        mut each: impl FnMut(&Hit, &TantivyDocument),
    ) -> Result<SearchResponse> {
        let started = Instant::now();
        if req.limit > MAX_LIMIT {
            return Err(Error::Usage(format!("--limit is at most {MAX_LIMIT}")));
        }
        let (query, expr) = self.prepare_as(req, relaxed)?;
        let searcher = self.reader.searcher();
        let (total, mut facets) = searcher
            .search(&*query, &(Count, FacetCollector))
            .map_err(|e| self.ierr(e))?;
        let mut groups = None;
        let addresses: Vec<Ranked> = if req.limit == 0 {
            Vec::new()
        } else if req.collapse {
            // Each campaign counts once: its members beyond the first are not hits.
            let hidden: u64 = facets.campaign.values().map(|n| n - 1).sum();
            groups = Some(total as u64 - hidden);
            self.collapsed_page(&searcher, &*query, req, &facets.campaign)?
        } else {
            self.top(&searcher, &*query, req.sort, req.limit, req.offset)?
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
        let snippets = Snippets::new(&searcher, &expr, &self.fields, self.snippet_chars)?;
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
            total: total as u64,
            groups,
            took_ms: (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
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

    /// One document whole, with the documents it belongs with (a response's attachment, an
    /// attachment's response); `None` when no document has this id.
    pub fn document(&self, id: &str) -> Result<Option<DocView>> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let Some(doc) = self.first(&searcher, &*raw_term(f.id, id))? else {
            return Ok(None);
        };
        let mut view = self.view(&doc);
        if view.attribution.campaign.is_some() {
            let representative = view
                .meta
                .get("campaign_representative")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let added = if representative == view.attribution.id {
                Vec::new()
            } else {
                match self.first(&searcher, &*raw_term(f.id, &representative))? {
                    Some(rep) => crate::campaigns::added_sentences(
                        &self.compared_text(&searcher, &doc)?,
                        &self.compared_text(&searcher, &rep)?,
                    ),
                    None => Vec::new(),
                }
            };
            view.campaign_representative = Some(representative);
            view.campaign_added = Some(added);
        }
        if let Some(rid) = view.attribution.response_id.clone() {
            let q = BooleanQuery::new(vec![
                (Occur::Must, raw_term(f.response_id, &rid)),
                (Occur::MustNot, raw_term(f.id, id)),
            ]);
            let top = searcher
                .search(&q, &TopDocs::with_limit(100).order_by_score())
                .map_err(|e| self.ierr(e))?;
            for (_, addr) in top {
                let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.ierr(e))?;
                view.related.push(Related::of(&d, f));
            }
        }
        let keys: Vec<String> = view
            .meta
            .get("cite_keys")
            .and_then(|k| k.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if !keys.is_empty() {
            let citing = BooleanQuery::new(
                keys.iter()
                    .map(|k| (Occur::Should, raw_term(f.cites, k)))
                    .collect(),
            );
            // A report that prints its own address does not cite itself.
            let q = BooleanQuery::new(vec![
                (Occur::Must, Box::new(citing) as Box<dyn Query>),
                (Occur::MustNot, raw_term(f.id, id)),
            ]);
            let top = searcher
                .search(&q, &TopDocs::with_limit(MAX_CITED_BY).order_by_score())
                .map_err(|e| self.ierr(e))?;
            for (_, addr) in top {
                let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.ierr(e))?;
                view.cited_by.push(Related::of(&d, f));
            }
            view.cited_by
                .sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
        }
        Ok(Some(view))
    }

    fn first(
        &self,
        searcher: &tantivy::Searcher,
        q: &dyn Query,
    ) -> Result<Option<TantivyDocument>> {
        let top = searcher
            .search(q, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| self.ierr(e))?;
        match top.first() {
            Some((_, addr)) => Ok(Some(searcher.doc(*addr).map_err(|e| self.ierr(e))?)),
            None => Ok(None),
        }
    }

    fn view(&self, doc: &TantivyDocument) -> DocView {
        let f = &self.fields;
        DocView {
            attribution: Attribution::of(doc, f),
            pages: doc.get_first(f.pages).and_then(|v| v.as_u64()),
            meta: text(doc, f.meta)
                .and_then(|m| serde_json::from_str(&m).ok())
                .unwrap_or_default(),
            sections: text(doc, f.sections)
                .and_then(|m| serde_json::from_str(&m).ok())
                .unwrap_or_default(),
            text: text(doc, f.body).unwrap_or_default(),
            related: Vec::new(),
            cites: doc
                .get_all(f.cites)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            cited_by: Vec::new(),
            campaign_representative: None,
            campaign_added: None,
        }
    }

    /// The campaigns of near-identical responses with at least `min_size` members, largest
    /// first (then earliest), at most `limit`, optionally of one consultation.
    pub fn campaigns(
        &self,
        consultation: Option<&str>,
        min_size: u64,
        limit: usize,
    ) -> Result<Vec<CampaignInfo>> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, raw_term(f.kind, Kind::Response.as_str())),
            (
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(f.campaign_size, min_size.max(2))),
                    Bound::Unbounded,
                )),
            ),
        ];
        if let Some(c) = consultation {
            clauses.push((Occur::Must, raw_term(f.consultation, c)));
        }
        let searcher = self.reader.searcher();
        let mut found = searcher
            .search(&BooleanQuery::new(clauses), &CampaignCollector)
            .map_err(|e| self.ierr(e))?;
        found.sort_by(|a, b| {
            b.size
                .cmp(&a.size)
                .then(a.first.cmp(&b.first))
                .then(a.id.cmp(&b.id))
        });
        found.truncate(limit);
        for c in &mut found {
            self.fill_representative(&searcher, c)?;
        }
        Ok(found)
    }

    /// One campaign with its representative's text and every member with what it adds.
    pub fn campaign(&self, id: &str) -> Result<Option<CampaignDetail>> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let q = BooleanQuery::new(vec![
            (Occur::Must, raw_term(f.kind, Kind::Response.as_str())),
            (Occur::Must, raw_term(f.campaign, id.trim())),
        ]);
        let mut found = searcher
            .search(&q, &CampaignCollector)
            .map_err(|e| self.ierr(e))?;
        let Some(mut info) = found.pop() else {
            return Ok(None);
        };
        self.fill_representative(&searcher, &mut info)?;
        let template = match self.first(&searcher, &*raw_term(f.id, &info.representative))? {
            Some(rep) => self.compared_text(&searcher, &rep)?,
            None => String::new(),
        };
        let top = searcher
            .search(
                &q,
                &TopDocs::with_limit(MAX_CAMPAIGN_MEMBERS)
                    .order_by_fast_field::<tantivy::DateTime>("date", Order::Asc),
            )
            .map_err(|e| self.ierr(e))?;
        let mut members = Vec::new();
        for (_, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.ierr(e))?;
            let attribution = Attribution::of(&d, &f);
            let added = if attribution.id == info.representative {
                Vec::new()
            } else {
                crate::campaigns::added_sentences(&self.compared_text(&searcher, &d)?, &template)
            };
            members.push(CampaignMember { attribution, added });
        }
        members.sort_by(|a, b| {
            (&a.attribution.date, &a.attribution.id).cmp(&(&b.attribution.date, &b.attribution.id))
        });
        Ok(Some(CampaignDetail {
            campaign: info,
            template,
            members,
        }))
    }

    /// The text campaign detection compared for a response: its answers, or its attachment's
    /// text when the answers only point to it.
    fn compared_text(&self, searcher: &tantivy::Searcher, doc: &TantivyDocument) -> Result<String> {
        let f = &self.fields;
        let body = text(doc, f.body).unwrap_or_default();
        if crate::campaigns::words(&body).len() >= crate::campaigns::MIN_WORDS {
            return Ok(body);
        }
        let Some(rid) = text(doc, f.response_id) else {
            return Ok(body);
        };
        let attachment = self
            .first(searcher, &*raw_term(f.id, &format!("a-{rid}")))?
            .and_then(|a| text(&a, f.body));
        Ok(crate::index::campaigns::comparable_text(
            &body,
            attachment.as_deref(),
        ))
    }

    /// Reads a campaign's representative from one member and the start of its text.
    fn fill_representative(
        &self,
        searcher: &tantivy::Searcher,
        c: &mut CampaignInfo,
    ) -> Result<()> {
        let f = &self.fields;
        let Some(member) = self.first(searcher, &*raw_term(f.campaign, &c.id))? else {
            return Ok(());
        };
        let meta: serde_json::Map<String, serde_json::Value> = text(&member, f.meta)
            .and_then(|m| serde_json::from_str(&m).ok())
            .unwrap_or_default();
        c.representative = meta
            .get("campaign_representative")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        if let Some(rep) = self.first(searcher, &*raw_term(f.id, &c.representative))? {
            let body = self.compared_text(searcher, &rep)?;
            let mut start = String::new();
            for word in body.split_whitespace() {
                if start.len() + word.len() + 1 > CAMPAIGN_START_CHARS {
                    start.push_str(" …");
                    break;
                }
                if !start.is_empty() {
                    start.push(' ');
                }
                start.push_str(word);
            }
            c.start = start;
            c.url = text(&rep, f.url).unwrap_or_default();
        }
        Ok(())
    }

    /// Every indexed consultation with its facts and how many responses, attachments and
    /// documents the index holds for it.
    pub fn consultations(&self) -> Result<Vec<ConsultationInfo>> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let (_, facets) = self.counts()?;
        let mut out = Vec::new();
        for slug in facets.consultation.keys() {
            let q = BooleanQuery::new(vec![
                (Occur::Must, raw_term(f.consultation, slug)),
                (Occur::Must, raw_term(f.kind, Kind::Consultation.as_str())),
            ]);
            let page = self.first(&searcher, &q)?.map(|d| self.view(&d));
            let count = |kind: Kind, without_text: bool| -> Result<u64> {
                let mut clauses = vec![
                    (Occur::Must, raw_term(f.consultation, slug)),
                    (Occur::Must, raw_term(f.kind, kind.as_str())),
                ];
                if without_text {
                    clauses.push((
                        Occur::Must,
                        Box::new(TermQuery::new(
                            Term::from_field_u64(f.has_text, 0),
                            IndexRecordOption::Basic,
                        )),
                    ));
                }
                let q = BooleanQuery::new(clauses);
                Ok(searcher.search(&q, &Count).map_err(|e| self.ierr(e))? as u64)
            };
            let by_kind = |kind: Kind| count(kind, false);
            let meta = |k: &str| {
                page.as_ref()
                    .and_then(|p| p.meta.get(k))
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            out.push(ConsultationInfo {
                slug: slug.clone(),
                title: page.as_ref().and_then(|p| p.attribution.title.clone()),
                status: meta("status"),
                start: meta("start"),
                end: meta("end"),
                ministry: page.as_ref().and_then(|p| p.attribution.author.clone()),
                url: page.as_ref().map(|p| p.attribution.url.clone()),
                announced: page
                    .as_ref()
                    .and_then(|p| p.meta.get("announced_responses"))
                    .and_then(|v| v.as_u64()),
                responses: by_kind(Kind::Response)?,
                responses_without_text: count(Kind::Response, true)?,
                attachments: by_kind(Kind::Attachment)?,
                documents: by_kind(Kind::Document)?,
            });
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

    fn analyze(&self, field: Field, text: &str) -> Result<Vec<Term>> {
        let mut analyzer = self
            .index
            .tokenizer_for_field(field)
            .map_err(|e| self.ierr(e))?;
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(Term::from_field_text(field, &stream.token().text));
        }
        Ok(terms)
    }

    /// Words in a field: one term, a phrase (fields with positions), or all terms.
    fn words_in(
        &self,
        field: Field,
        text: &str,
        positions: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let mut terms = self.analyze(field, text)?;
        Ok(match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                terms.pop().expect("one term"),
                IndexRecordOption::WithFreqs,
            ))),
            _ if positions => Some(Box::new(PhraseQuery::new(terms))),
            _ => Some(Box::new(BooleanQuery::new(
                terms
                    .into_iter()
                    .map(|t| {
                        (
                            Occur::Must,
                            Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
                                as Box<dyn Query>,
                        )
                    })
                    .collect(),
            ))),
        })
    }

    fn any_of(&self, text: &str, fields: &[(Field, f32, bool)]) -> Result<Option<Box<dyn Query>>> {
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &(field, boost, positions) in fields {
            if let Some(q) = self.words_in(field, text, positions)? {
                let q: Box<dyn Query> = if boost == 1.0 {
                    q
                } else {
                    Box::new(BoostQuery::new(q, boost))
                };
                should.push((Occur::Should, q));
            }
        }
        Ok(match should.len() {
            0 => None,
            1 => should.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(should))),
        })
    }

    /// Compiles a query of several top-level parts as "any of them": the more a document
    /// holds, the higher it scores. Exclusions still exclude.
    fn compile_any(&self, e: &Expr) -> Result<Option<Box<dyn Query>>> {
        let Expr::And(items) = e else {
            return self.compile(e, false);
        };
        let (clauses, positive) = self.clauses(items, Occur::Should, false)?;
        Ok(positive.then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>))
    }

    /// The clauses of a list of parts: each positive one with `occur`, each exclusion as
    /// `MustNot` on exact words; and whether any positive part compiled.
    #[allow(clippy::type_complexity)]
    fn clauses(
        &self,
        items: &[Expr],
        occur: Occur,
        exact: bool,
    ) -> Result<(Vec<(Occur, Box<dyn Query>)>, bool)> {
        let mut clauses = Vec::new();
        let mut positive = false;
        for item in items {
            let (o, inner, exact) = match item {
                Expr::Not(x) => (Occur::MustNot, &**x, true),
                x => (occur, x, exact),
            };
            if let Some(q) = self.compile(inner, exact)? {
                positive |= o == occur;
                clauses.push((o, q));
            }
        }
        Ok((clauses, positive))
    }

    /// Compiles a parsed query. `exact` drops the stemmed fields: exclusions use it, because
    /// `-leden` must not drop a document that says "geleden" (same Dutch stem).
    fn compile(&self, e: &Expr, exact: bool) -> Result<Option<Box<dyn Query>>> {
        let f = self.fields;
        match e {
            Expr::Word(w) if exact => self.any_of(
                w,
                &[
                    (f.text, 1.0, true),
                    (f.title, 2.0, true),
                    (f.author, 1.5, true),
                ],
            ),
            // Exact matches score in the exact field and the stemmed one, so they rank above
            // documents that only share the stem.
            Expr::Word(w) => self.any_of(
                w,
                &[
                    (f.text, 1.0, true),
                    (f.title, 2.0, true),
                    (f.author, 1.5, true),
                    (f.text_nl, 1.0, false),
                    (f.text_en, 1.0, false),
                    (f.text_de, 1.0, false),
                    (f.text_fr, 1.0, false),
                ],
            ),
            Expr::Phrase(p) => self.any_of(p, &[(f.text, 1.0, true), (f.title, 2.0, true)]),
            Expr::Field {
                field,
                value,
                phrase: _,
            } => {
                let exact = |field: Field| self.any_of(value, &[(field, 1.0, true)]);
                match field.as_str() {
                    "author" => exact(f.author),
                    "place" => exact(f.place),
                    "title" => exact(f.title),
                    "text" => exact(f.text),
                    "consultation" => Ok(Some(raw_term(f.consultation, value))),
                    "publisher" => Ok(Some(raw_term(
                        f.publisher,
                        value.to_lowercase().trim_start_matches("www."),
                    ))),
                    "cites" => cites_query(f.cites, value).map(Some),
                    "lang" => {
                        if !crate::lang::is_known_code(value) {
                            return Err(Error::Query(format!("unknown language '{value}'")));
                        }
                        Ok(Some(raw_term(f.lang, value)))
                    }
                    "kind" => {
                        let k = Kind::parse(value).map_err(Error::Query)?;
                        Ok(Some(raw_term(f.kind, k.as_str())))
                    }
                    "response" => Ok(Some(raw_term(f.response_id, &value.to_lowercase()))),
                    "campaign" => Ok(Some(raw_term(f.campaign, &value.to_lowercase()))),
                    "respondent" => {
                        let r = Respondent::parse(value).map_err(Error::Query)?;
                        Ok(Some(raw_term(f.respondent, r.as_str())))
                    }
                    "id" => Ok(Some(raw_term(f.id, value))),
                    other => Err(Error::Query(format!("unknown field '{other}'"))),
                }
            }
            Expr::And(items) => {
                let (mut clauses, positive) = self.clauses(items, Occur::Must, exact)?;
                if clauses.is_empty() {
                    return Ok(None);
                }
                if !positive {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Some(Box::new(BooleanQuery::new(clauses))))
            }
            Expr::Or(items) => {
                let mut clauses = Vec::new();
                for item in items {
                    if let Some(q) = self.compile(item, exact)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                Ok((!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>))
            }
            Expr::Not(_) => self.compile(&Expr::And(vec![e.clone()]), exact),
        }
    }
}

/// Documents citing a source, in any of the forms [`crate::extract::cites::normalize`] reads.
fn cites_query(field: Field, value: &str) -> Result<Box<dyn Query>> {
    let keys = crate::extract::cites::normalize(value);
    if keys.is_empty() {
        return Err(Error::Query(format!(
            "'{value}' is not a URL, DOI or Kamerstuk number (such as 32211-12)"
        )));
    }
    Ok(Box::new(BooleanQuery::new(
        keys.iter()
            .map(|k| (Occur::Should, raw_term(field, k)))
            .collect(),
    )))
}

fn raw_term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
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

/// Snippet generators for the exact field and each stemmed field: a document's snippet comes
/// from its language's stemmed field (which marks stem matches too), else from the exact one.
struct Snippets {
    exact: SnippetGenerator,
    stemmed: HashMap<&'static str, SnippetGenerator>,
    chars: usize,
}

impl Snippets {
    /// Generators for the words the query asks for: its words and phrases, not what it
    /// excludes. Each language's generator marks the stems of all of them, so that a document
    /// found by a phrase shows the phrase even when its snippet comes from the stemmed field.
    fn new(
        searcher: &tantivy::Searcher,
        expr: &Expr,
        f: &Fields,
        chars: usize,
    ) -> Result<Snippets> {
        let mut texts = Vec::new();
        positive_texts(expr, &mut texts);
        let weighted = |field: Field, mut analyzer: TextAnalyzer| -> Result<SnippetGenerator> {
            let mut terms: BTreeMap<String, Score> = BTreeMap::new();
            for text in &texts {
                let mut stream = analyzer.token_stream(text);
                while stream.advance() {
                    let token = stream.token().text.clone();
                    let df = searcher
                        .doc_freq(&Term::from_field_text(field, &token))
                        .map_err(|source| Error::Index {
                            path: Path::new("tantivy").to_path_buf(),
                            source,
                        })?;
                    if df > 0 {
                        // Rarer words make better fragments, as in tantivy's own generator.
                        terms.insert(token, 1.0 / (1.0 + df as Score));
                    }
                }
            }
            let mut g = SnippetGenerator::new(terms, analyzer, field, chars);
            g.set_max_num_chars(chars);
            Ok(g)
        };
        let mut stemmed = HashMap::new();
        for (code, _, _) in crate::index::schema::STEMMED {
            let analyzer = crate::index::schema::stemmed_analyzer(code).expect("stemmed language");
            stemmed.insert(
                code,
                weighted(f.stemmed(code).expect("stemmed field"), analyzer)?,
            );
        }
        Ok(Snippets {
            exact: weighted(f.text, crate::index::schema::exact_analyzer())?,
            stemmed,
            chars,
        })
    }

    /// The snippet's text and the byte ranges of the matches in it.
    fn best(&self, lang: &str, body: &str) -> (String, Vec<Range<usize>>) {
        let found = |s: Snippet| {
            (!s.highlighted().is_empty())
                .then(|| (s.fragment().to_string(), s.highlighted().to_vec()))
        };
        if let Some(hit) = self.stemmed.get(lang).and_then(|g| found(g.snippet(body))) {
            return hit;
        }
        if let Some(hit) = found(self.exact.snippet(body)) {
            return hit;
        }
        // No match in the text (a title or author match): show the start of the text.
        let mut start = String::new();
        for word in body.split_whitespace() {
            if start.len() + word.len() + 1 > self.chars {
                break;
            }
            if !start.is_empty() {
                start.push(' ');
            }
            start.push_str(word);
        }
        (start, Vec::new())
    }
}

/// The page of a paged document (PDF, Word with page breaks) that holds byte `at` of its text:
/// the text is its sections joined as [`crate::Document::body`] joins them.
fn page_at(doc: &TantivyDocument, f: &Fields, at: usize) -> Option<u32> {
    doc.get_first(f.pages)?;
    let sections: Vec<crate::extract::Section> =
        serde_json::from_str(&text(doc, f.sections)?).ok()?;
    let mut pos = 0;
    for s in sections.iter().filter(|s| !s.text.trim().is_empty()) {
        let end = pos + s.text.len();
        if at < end {
            return s.page;
        }
        pos = end + 2;
    }
    None
}

/// The texts whose words a hit should have marked: words, phrases and `text:` values, but
/// nothing under an exclusion.
fn positive_texts(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Word(t) | Expr::Phrase(t) => out.push(t.clone()),
        Expr::Field { field, value, .. } if field == "text" => out.push(value.clone()),
        Expr::Field { .. } | Expr::Not(_) => {}
        Expr::And(items) | Expr::Or(items) => {
            for i in items {
                positive_texts(i, out);
            }
        }
    }
}

/// Escapes text for HTML and wraps the given byte ranges in `<mark>`.
pub fn mark_html(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 13);
    let mut pos = 0;
    for r in ranges {
        if r.start < pos || r.end > text.len() || r.start > r.end {
            continue;
        }
        escape_into(&text[pos..r.start], &mut out);
        out.push_str("<mark>");
        escape_into(&text[r.start..r.end], &mut out);
        out.push_str("</mark>");
        pos = r.end;
    }
    escape_into(&text[pos..], &mut out);
    out
}

fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

const FACET_FIELDS: [&str; 5] = ["consultation", "lang", "kind", "respondent", "campaign"];

/// Counts every matching document by consultation, language, kind and day (fast fields).
struct FacetCollector;

struct FacetSegment {
    columns: Vec<Option<StrColumn>>,
    dates: tantivy::columnar::Column<tantivy::DateTime>,
    /// Per column, matches per term ordinal: ordinals are dense, so a vector beats a map on the
    /// hot path (every match of a common word passes here).
    counts: Vec<Vec<u64>>,
    /// Matches per day from the segment's first date on (dense, for the same reason), and per
    /// day elsewhere (never, unless the column's bounds are off).
    first_day: i64,
    per_day: Vec<u64>,
    days: HashMap<i64, u64>,
}

/// Days a segment's dates may span for a dense per-day count (a century).
const MAX_DENSE_DAYS: i64 = 36_600;

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let mut columns = Vec::new();
        for name in FACET_FIELDS {
            columns.push(segment.fast_fields().str(name)?);
        }
        let dates = segment.fast_fields().date("date")?;
        let day = |d: tantivy::DateTime| d.into_timestamp_secs().div_euclid(86_400);
        let (first_day, last_day) = (day(dates.min_value()), day(dates.max_value()));
        let span = last_day - first_day + 1;
        Ok(FacetSegment {
            counts: columns
                .iter()
                .map(|c| vec![0; c.as_ref().map_or(0, |c| c.num_terms())])
                .collect(),
            columns,
            dates,
            first_day,
            per_day: vec![
                0;
                if (1..=MAX_DENSE_DAYS).contains(&span) {
                    span as usize
                } else {
                    0
                }
            ],
            days: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Facets>) -> tantivy::Result<Facets> {
        let mut merged = Facets::default();
        for f in fruits {
            merged.add(f);
        }
        Ok(merged)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (i, col) in self.columns.iter().enumerate() {
            if let Some(col) = col {
                for ord in col.term_ords(doc) {
                    self.counts[i][ord as usize] += 1;
                }
            }
        }
        if let Some(d) = self.dates.first(doc) {
            let day = d.into_timestamp_secs().div_euclid(86_400);
            match usize::try_from(day - self.first_day)
                .ok()
                .and_then(|i| self.per_day.get_mut(i))
            {
                Some(n) => *n += 1,
                None => *self.days.entry(day).or_default() += 1,
            }
        }
    }

    fn harvest(self) -> Facets {
        let mut out = Facets::default();
        for (i, col) in self.columns.iter().enumerate() {
            let Some(col) = col else { continue };
            let target = match FACET_FIELDS[i] {
                "consultation" => &mut out.consultation,
                "lang" => &mut out.lang,
                "kind" => &mut out.kind,
                "respondent" => &mut out.respondent,
                _ => &mut out.campaign,
            };
            let (ords, counts): (Vec<u64>, Vec<u64>) = self.counts[i]
                .iter()
                .enumerate()
                .filter(|(_, &n)| n > 0)
                .map(|(ord, &n)| (ord as u64, n))
                .unzip();
            for (name, n) in terms_of(col, &ords).into_iter().zip(counts) {
                target.insert(name, n);
            }
        }
        let dense = self
            .per_day
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(i, &n)| (self.first_day + i as i64, n));
        for (day, n) in dense.chain(self.days) {
            if let Some(d) = chrono::DateTime::from_timestamp(day * 86_400, 0) {
                out.date.insert(d.format("%Y-%m-%d").to_string(), n);
            }
        }
        out
    }
}

/// Gathers campaigns from their members' fast fields: size, dates, languages, respondents.
struct CampaignCollector;

struct CampaignSegment {
    campaign: Option<StrColumn>,
    consultation: Option<StrColumn>,
    lang: Option<StrColumn>,
    respondent: Option<StrColumn>,
    dates: tantivy::columnar::Column<tantivy::DateTime>,
    by_ord: HashMap<u64, CampaignInfo>,
}

impl Collector for CampaignCollector {
    type Fruit = Vec<CampaignInfo>;
    type Child = CampaignSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<CampaignSegment> {
        let ff = segment.fast_fields();
        Ok(CampaignSegment {
            campaign: ff.str("campaign")?,
            consultation: ff.str("consultation")?,
            lang: ff.str("lang")?,
            respondent: ff.str("respondent")?,
            dates: ff.date("date")?,
            by_ord: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<CampaignInfo>>) -> tantivy::Result<Vec<CampaignInfo>> {
        let mut merged: BTreeMap<String, CampaignInfo> = BTreeMap::new();
        for c in fruits.into_iter().flatten() {
            match merged.get_mut(&c.id) {
                None => {
                    merged.insert(c.id.clone(), c);
                }
                Some(m) => {
                    m.size += c.size;
                    m.first = m.first.take().into_iter().chain(c.first).min();
                    m.last = m.last.take().into_iter().chain(c.last).max();
                    for (mine, theirs) in [
                        (&mut m.langs, c.langs),
                        (&mut m.respondents, c.respondents),
                        (&mut m.timeline, c.timeline),
                    ] {
                        for (k, v) in theirs {
                            *mine.entry(k).or_default() += v;
                        }
                    }
                }
            }
        }
        Ok(merged.into_values().collect())
    }
}

/// The terms of sorted ordinals, read in one pass over the column's dictionary: looking them up
/// one by one decompresses a dictionary block per term, which for the thousands of campaigns
/// a common word matches cost more than the search itself.
fn terms_of(col: &StrColumn, sorted_ords: &[u64]) -> Vec<String> {
    let mut out = Vec::with_capacity(sorted_ords.len());
    let read = col
        .dictionary()
        .sorted_ords_to_term_cb(sorted_ords, |bytes| {
            out.push(String::from_utf8_lossy(bytes).into_owned())
        });
    if read.is_err() || out.len() != sorted_ords.len() {
        // A damaged dictionary: fall back to one lookup per term.
        out = sorted_ords
            .iter()
            .map(|&ord| {
                let mut s = String::new();
                let _ = col.ord_to_str(ord, &mut s);
                s
            })
            .collect();
    }
    out
}

fn str_at(col: &Option<StrColumn>, doc: DocId) -> Option<String> {
    let col = col.as_ref()?;
    let ord = col.term_ords(doc).next()?;
    let mut s = String::new();
    col.ord_to_str(ord, &mut s).ok()?.then_some(s)
}

impl SegmentCollector for CampaignSegment {
    type Fruit = Vec<CampaignInfo>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(ord) = self.campaign.as_ref().and_then(|c| c.term_ords(doc).next()) else {
            return;
        };
        let day = self
            .dates
            .first(doc)
            .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.format("%Y-%m-%d").to_string());
        let lang = str_at(&self.lang, doc);
        let respondent = str_at(&self.respondent, doc);
        let consultation = str_at(&self.consultation, doc);
        let c = self.by_ord.entry(ord).or_default();
        c.size += 1;
        if c.consultation.is_empty() {
            c.consultation = consultation.unwrap_or_default();
        }
        if let Some(day) = day {
            if c.first.as_ref().is_none_or(|f| &day < f) {
                c.first = Some(day.clone());
            }
            if c.last.as_ref().is_none_or(|l| &day > l) {
                c.last = Some(day.clone());
            }
            *c.timeline.entry(day).or_default() += 1;
        }
        if let Some(l) = lang {
            *c.langs.entry(l).or_default() += 1;
        }
        if let Some(r) = respondent {
            *c.respondents.entry(r).or_default() += 1;
        }
    }

    fn harvest(self) -> Vec<CampaignInfo> {
        let Some(col) = self.campaign else {
            return Vec::new();
        };
        let mut found: Vec<(u64, CampaignInfo)> = self.by_ord.into_iter().collect();
        found.sort_by_key(|(ord, _)| *ord);
        let ords: Vec<u64> = found.iter().map(|(ord, _)| *ord).collect();
        terms_of(&col, &ords)
            .into_iter()
            .zip(found)
            .map(|(id, (_, mut c))| {
                c.id = id;
                c
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_escapes() {
        assert_eq!(
            mark_html("a <b> & leden", &[8..13, 20..30]),
            "a &lt;b&gt; &amp; <mark>leden</mark>"
        );
        assert_eq!(mark_html("xy", &[0..1, 0..5]), "<mark>x</mark>y");
    }
}
