//! Quotes: passages of one to three sentences that an advocate can cite, each with exactly the
//! words of the source, where they are (document, question, PDF page, character offsets) and who
//! wrote them. Passages are indexed beside the documents (`index/passages/`) with the same
//! fields, so the query language and the filters work on them unchanged; a passage that many
//! responses share (copy-paste campaigns) becomes one quote with the number of responses that
//! contain it and their ids.

pub mod format;
pub mod sentences;

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;
use sha2::{Digest, Sha256};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::index::schema::PassageFields;
use crate::search::{Engine, SearchRequest};

/// A passage grows by the next sentence while it is shorter than this (bytes)...
pub const SHORT_PASSAGE: usize = 120;
/// ...up to this many sentences.
pub const MAX_SENTENCES: usize = 3;
/// Passages of fewer words rank after longer ones.
pub const MIN_QUOTE_WORDS: usize = 6;
/// Quotes one request returns at most.
pub const MAX_QUOTES: usize = 200;

/// Where a passage is in its document's text, with the sentences around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub range: Range<usize>,
    pub before: Option<Range<usize>>,
    pub after: Option<Range<usize>>,
}

/// Cuts a text into passages: each sentence, joined with the next while the passage is short,
/// never across a line break (a heading, a list item or a new paragraph starts a new passage).
pub fn passages(text: &str) -> Vec<Span> {
    let s = sentences::split(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let start = s[i].start;
        let mut end = s[i].end;
        let mut j = i + 1;
        while j < s.len()
            && j - i < MAX_SENTENCES
            && end - start < SHORT_PASSAGE
            && !text[end..s[j].start].contains('\n')
        {
            end = s[j].end;
            j += 1;
        }
        out.push(Span {
            range: start..end,
            before: i.checked_sub(1).map(|k| s[k].clone()),
            after: s.get(j).cloned(),
        });
        i = j;
    }
    out
}

/// The key under which identical passages collapse: the words, lowercased, without spacing and
/// punctuation differences.
pub fn passage_hash(text: &str) -> u64 {
    let normal: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let digest = Sha256::digest(normal.join(" ").as_bytes());
    u64::from_le_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// Who said it, where and when.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Citation {
    /// The document the passage is in.
    pub id: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_id: Option<String>,
    pub author: Option<String>,
    pub place: Option<String>,
    pub date: Option<String>,
    pub consultation: String,
    pub consultation_title: String,
    /// The document's title (an attachment's file name, a consultation document's title).
    pub title: Option<String>,
    /// A report's host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The question the passage answers.
    pub question: Option<String>,
    /// The PDF page it is on.
    pub page: Option<u64>,
    /// A link that lands on it (`#page=N` for PDFs).
    pub url: String,
    /// Character offsets (Unicode scalar values, as Python counts) of the passage in the
    /// document's text (`/api/doc/{id}`'s `text`).
    pub start: u64,
    pub end: u64,
}

/// One quote.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Quote {
    /// The exact words.
    pub text: String,
    /// The same, HTML-escaped, with the query's words in `<mark>`.
    pub marked: String,
    /// The sentence before and after it.
    pub before: Option<String>,
    pub after: Option<String>,
    pub citation: Citation,
    /// How many responses (or documents) contain this passage.
    pub count: u64,
    /// The responses that contain it (their UUIDs).
    pub response_ids: Vec<String>,
    /// The citation ready to paste: plain text, Markdown and a CSL-JSON item.
    pub cite: Cite,
}

/// A quote's citation in the forms people paste.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Cite {
    pub text: String,
    pub markdown: String,
    /// The CSV header and this quote's row.
    pub csv: String,
    pub csl: serde_json::Value,
}

/// The answer to a quote search.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuotesResponse {
    pub query: String,
    /// Matching passages, before identical ones collapse.
    pub passages: u64,
    pub quotes: Vec<Quote>,
}

/// Finds the best passages for a request; identical passages collapse into one quote.
pub fn search(passages: &Engine, req: &SearchRequest, limit: usize) -> Result<QuotesResponse> {
    if limit > MAX_QUOTES {
        return Err(Error::Usage(format!(
            "at most {MAX_QUOTES} quotes at a time"
        )));
    }
    let searcher = passages.searcher();
    let pf = PassageFields::from_schema(searcher.schema()).map_err(Error::Usage)?;
    let mut wide = req.clone();
    wide.limit = (limit * 10).clamp(1, 1_000);
    wide.offset = 0;
    let mut seen = HashSet::new();
    let mut quotes = Vec::new();
    let mut failed = None;
    let mut hashes = Vec::new();
    let found = passages.search_with(&wide, |hit, doc| {
        let u64_of = |f| doc.get_first(f).and_then(|v| v.as_u64());
        let str_of = |f| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let hash = u64_of(pf.hash).unwrap_or_default();
        if !seen.insert(hash) {
            return;
        }
        let page = u64_of(pf.page);
        let url = match page {
            Some(p) => format!("{}#page={p}", hit.attribution.url),
            None => hit.attribution.url.clone(),
        };
        hashes.push(hash);
        let text = str_of(passages_body(&searcher)).unwrap_or_default();
        quotes.push(Quote {
            marked: mark_whole(&text, &hit.snippet_plain),
            text,
            before: str_of(pf.before),
            after: str_of(pf.after),
            citation: Citation {
                id: str_of(pf.doc).unwrap_or_default(),
                kind: hit.attribution.kind.clone(),
                response_id: hit.attribution.response_id.clone(),
                author: hit.attribution.author.clone(),
                place: hit.attribution.place.clone(),
                date: hit.attribution.date.clone(),
                consultation: hit.attribution.consultation.clone(),
                consultation_title: hit.attribution.consultation_title.clone(),
                title: hit.attribution.title.clone(),
                publisher: hit.attribution.publisher.clone(),
                question: str_of(pf.question),
                page,
                url,
                start: u64_of(pf.start).unwrap_or_default(),
                end: u64_of(pf.end).unwrap_or_default(),
            },
            count: 0,
            response_ids: Vec::new(),
            cite: Cite::default(),
        });
    })?;
    // Headings and fragments ("1. Overgangsregeling") rank high on short length alone; a quote
    // is a statement, so those come after the passages of a few words or more.
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    order.sort_by_key(|&i| quotes[i].text.split_whitespace().count() < MIN_QUOTE_WORDS);
    order.truncate(limit);
    let mut chosen: Vec<Quote> = Vec::with_capacity(order.len());
    for i in order {
        let mut q = quotes[i].clone();
        match sharing(&searcher, &pf, hashes[i]) {
            Ok((count, ids)) => {
                q.count = count;
                q.response_ids = ids;
            }
            Err(e) => failed = Some(e),
        }
        chosen.push(q);
    }
    let mut quotes = chosen;
    for q in &mut quotes {
        q.cite = Cite {
            text: format::text_citation(q),
            markdown: format::markdown_citation(q),
            csv: format!("{}\n{}\n", format::CSV_COLUMNS, format::csv_row(q)),
            csl: format::csl_item(q),
        };
    }
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(QuotesResponse {
        query: req.query.clone(),
        passages: found.total,
        quotes,
    })
}

/// The whole passage, escaped, with the snippet's marks: a snippet stops at its last word and
/// would drop the closing full stop of a quote.
fn mark_whole(text: &str, (fragment, ranges): &(String, Vec<Range<usize>>)) -> String {
    match text
        .find(fragment.as_str())
        .filter(|_| !fragment.is_empty())
    {
        Some(offset) => {
            let shifted: Vec<Range<usize>> = ranges
                .iter()
                .map(|r| r.start + offset..r.end + offset)
                .collect();
            crate::search::mark_html(text, &shifted)
        }
        None => crate::search::mark_html(text, &[]),
    }
}

fn passages_body(searcher: &tantivy::Searcher) -> tantivy::schema::Field {
    searcher
        .schema()
        .get_field("body")
        .expect("every index has a body")
}

/// How many responses (or documents) hold the passage with this hash, and which responses.
fn sharing(
    searcher: &tantivy::Searcher,
    pf: &PassageFields,
    hash: u64,
) -> Result<(u64, Vec<String>)> {
    let q = TermQuery::new(
        Term::from_field_u64(pf.hash, hash),
        IndexRecordOption::Basic,
    );
    let docs = searcher
        .search(&q, &tantivy::collector::DocSetCollector)
        .map_err(|source| Error::Index {
            path: "passages".into(),
            source,
        })?;
    let response_field = searcher
        .schema()
        .get_field("response_id")
        .expect("every index has response_id");
    let mut responses = std::collections::BTreeSet::new();
    let mut documents = HashSet::new();
    for addr in docs {
        let d: TantivyDocument = searcher.doc(addr).map_err(|source| Error::Index {
            path: "passages".into(),
            source,
        })?;
        let doc_id = d
            .get_first(pf.doc)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        match d.get_first(response_field).and_then(|v| v.as_str()) {
            Some(r) if !r.is_empty() => {
                responses.insert(r.to_string());
            }
            _ => {
                documents.insert(doc_id);
            }
        }
    }
    let count = (responses.len() + documents.len()) as u64;
    Ok((count, responses.into_iter().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_group_short_sentences_and_keep_context() {
        let text = "Nee. Dat is geen goed idee. De verlenging van de termijn van vijf naar tien jaar raakt gezinnen die hier al jaren wonen en werken en belasting betalen.\nNieuwe regel.";
        let p = passages(text);
        let texts: Vec<&str> = p.iter().map(|s| &text[s.range.clone()]).collect();
        assert_eq!(
            texts,
            [
                "Nee. Dat is geen goed idee. De verlenging van de termijn van vijf naar tien jaar raakt gezinnen die hier al jaren wonen en werken en belasting betalen.",
                "Nieuwe regel."
            ]
        );
        assert_eq!(p[0].before, None);
        assert_eq!(&text[p[1].before.clone().unwrap()], "De verlenging van de termijn van vijf naar tien jaar raakt gezinnen die hier al jaren wonen en werken en belasting betalen.");
        assert_eq!(p[1].after, None);
    }

    #[test]
    fn identical_words_share_a_hash() {
        assert_eq!(
            passage_hash("Dit is  oneerlijk!"),
            passage_hash("dit is oneerlijk.")
        );
        assert_ne!(
            passage_hash("Dit is oneerlijk."),
            passage_hash("Dit is eerlijk.")
        );
    }
}
