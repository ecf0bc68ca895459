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
use query::Expr;

/// Hits per page unless asked otherwise.
pub const DEFAULT_LIMIT: usize = 10;
/// The most hits one request returns.
pub const MAX_LIMIT: usize = 100_000;
/// Characters of text around the matches in a snippet.
pub const SNIPPET_CHARS: usize = 220;

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

/// A search with its filters and page.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub consultation: Option<String>,
    pub lang: Option<String>,
    pub kind: Option<Kind>,
    /// Only documents that cite this URL, DOI or Kamerstuk.
    pub cites: Option<String>,
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
    /// Matches per day (`YYYY-MM-DD`), for a timeline.
    pub date: BTreeMap<String, u64>,
}

impl Facets {
    fn add(&mut self, other: Facets) {
        for (mine, theirs) in [
            (&mut self.consultation, other.consultation),
            (&mut self.lang, other.lang),
            (&mut self.kind, other.kind),
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
    pub responses: u64,
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
        let f = self.fields;
        // With --cites alone, the question is "who cites this", not a text search.
        let (main, expr): (Box<dyn Query>, Expr) =
            if req.query.trim().is_empty() && req.cites.is_some() {
                (Box::new(AllQuery), Expr::And(Vec::new()))
            } else {
                let expr = query::parse(&req.query).map_err(Error::Query)?;
                let main = self
                    .compile(&expr, false)?
                    .ok_or_else(|| Error::Query("the query has no searchable words".into()))?;
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
        mut each: impl FnMut(&Hit, &TantivyDocument),
    ) -> Result<SearchResponse> {
        let started = Instant::now();
        if req.limit > MAX_LIMIT {
            return Err(Error::Usage(format!("--limit is at most {MAX_LIMIT}")));
        }
        let (query, expr) = self.prepare(req)?;
        let searcher = self.reader.searcher();
        let facets = FacetCollector;
        let (addresses, total, facet_counts): (Vec<(Option<f32>, DocAddress)>, usize, _) =
            if req.limit == 0 {
                let (total, fc) = searcher
                    .search(&*query, &(Count, facets))
                    .map_err(|e| self.ierr(e))?;
                (Vec::new(), total, fc)
            } else {
                let top = TopDocs::with_limit(req.limit).and_offset(req.offset);
                match req.sort {
                    Sort::Relevance => {
                        let (hits, total, fc) = searcher
                            .search(&*query, &(top.order_by_score(), Count, facets))
                            .map_err(|e| self.ierr(e))?;
                        (
                            hits.into_iter().map(|(s, a)| (Some(s), a)).collect(),
                            total,
                            fc,
                        )
                    }
                    Sort::Date => {
                        let by_date =
                            top.order_by_fast_field::<tantivy::DateTime>("date", Order::Desc);
                        let (hits, total, fc) = searcher
                            .search(&*query, &(by_date, Count, facets))
                            .map_err(|e| self.ierr(e))?;
                        (
                            hits.into_iter().map(|(_, a)| (None, a)).collect(),
                            total,
                            fc,
                        )
                    }
                }
            };
        let snippets = Snippets::new(&searcher, &expr, &self.fields, self.snippet_chars)?;
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, addr) in addresses {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.ierr(e))?;
            let hit = self.hit(&doc, score, &snippets);
            each(&hit, &doc);
            hits.push(hit);
        }
        let facets_out = facet_counts;
        Ok(SearchResponse {
            query: req.query.clone(),
            total: total as u64,
            took_ms: (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
            hits,
            facets: facets_out,
        })
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
        }
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
            let by_kind = |kind: Kind| -> Result<u64> {
                let q = BooleanQuery::new(vec![
                    (Occur::Must, raw_term(f.consultation, slug)),
                    (Occur::Must, raw_term(f.kind, kind.as_str())),
                ]);
                Ok(searcher.search(&q, &Count).map_err(|e| self.ierr(e))? as u64)
            };
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
                responses: by_kind(Kind::Response)?,
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
        Hit {
            attribution,
            score,
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
                    "id" => Ok(Some(raw_term(f.id, value))),
                    other => Err(Error::Query(format!("unknown field '{other}'"))),
                }
            }
            Expr::And(items) => {
                let mut clauses = Vec::new();
                let mut positive = false;
                for item in items {
                    let (occur, inner, exact) = match item {
                        Expr::Not(x) => (Occur::MustNot, &**x, true),
                        x => (Occur::Must, x, exact),
                    };
                    if let Some(q) = self.compile(inner, exact)? {
                        positive |= occur == Occur::Must;
                        clauses.push((occur, q));
                    }
                }
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

const FACET_FIELDS: [&str; 3] = ["consultation", "lang", "kind"];

/// Counts every matching document by consultation, language, kind and day (fast fields).
struct FacetCollector;

struct FacetSegment {
    columns: Vec<Option<StrColumn>>,
    dates: tantivy::columnar::Column<tantivy::DateTime>,
    counts: Vec<HashMap<u64, u64>>,
    days: HashMap<i64, u64>,
}

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
        Ok(FacetSegment {
            counts: vec![HashMap::new(); columns.len()],
            columns,
            dates: segment.fast_fields().date("date")?,
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
                    *self.counts[i].entry(ord).or_default() += 1;
                }
            }
        }
        if let Some(d) = self.dates.first(doc) {
            *self
                .days
                .entry(d.into_timestamp_secs().div_euclid(86_400))
                .or_default() += 1;
        }
    }

    fn harvest(self) -> Facets {
        let mut out = Facets::default();
        for (i, col) in self.columns.iter().enumerate() {
            let Some(col) = col else { continue };
            let target = match FACET_FIELDS[i] {
                "consultation" => &mut out.consultation,
                "lang" => &mut out.lang,
                _ => &mut out.kind,
            };
            let mut s = String::new();
            for (&ord, &n) in &self.counts[i] {
                s.clear();
                if col.ord_to_str(ord, &mut s).unwrap_or(false) {
                    target.insert(s.clone(), n);
                }
            }
        }
        for (day, n) in self.days {
            if let Some(d) = chrono::DateTime::from_timestamp(day * 86_400, 0) {
                out.date.insert(d.format("%Y-%m-%d").to_string(), n);
            }
        }
        out
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
