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
use tantivy::schema::Value;
use tantivy::TantivyDocument;

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
    /// The parts of the query the passage lacks, when no passage holds them all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lacks: Vec<String>,
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
    /// No passage holds every part of the query: these hold most of them (see each quote's
    /// `lacks`).
    pub partial: bool,
    pub quotes: Vec<Quote>,
}

/// Finds the best passages for a request in `passages`; a passage many responses share is one
/// quote, counted in `documents` wherever a response has its words (answers or attachment).
/// When no passage holds every part of the query but documents match, the passages holding
/// most of the parts are answered, each saying which parts it lacks.
pub fn search(
    documents: &Engine,
    passages: &Engine,
    req: &SearchRequest,
    limit: usize,
) -> Result<QuotesResponse> {
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
    let mut candidates = Vec::new();
    let mut found = passages.search_with(&wide, |hit, doc| {
        candidates.push(candidate(&searcher, &pf, hit, doc));
    })?;
    let mut partial = false;
    if found.total == 0 {
        let parts = passages.query_parts(req)?;
        if !parts.is_empty() && documents.count(req)? > 0 {
            partial = true;
            found = passages.search_any_with(&wide, |hit, doc| {
                candidates.push(candidate(&searcher, &pf, hit, doc));
            })?;
            for (q, id) in &mut candidates {
                for (label, part) in &parts {
                    if !passages.id_matches(&**part, id)? {
                        q.lacks.push(label.clone());
                    }
                }
            }
        }
    }
    // Headings and fragments ("1. Overgangsregeling") rank high on short length alone; a quote
    // is a statement, so those come after the passages of a few words or more. Where no
    // passage holds every part of the query, those lacking fewer parts come first.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| {
        let q = &candidates[i].0;
        (
            q.lacks.len(),
            q.text.split_whitespace().count() < MIN_QUOTE_WORDS,
        )
    });
    let mut chosen: Vec<Quote> = Vec::with_capacity(limit);
    // The word keys of the quotes chosen, with the responses (or documents) that hold them.
    let mut taken: Vec<(String, HashSet<String>)> = Vec::new();
    for i in order {
        if chosen.len() == limit {
            break;
        }
        let words = word_key(&candidates[i].0.text);
        if words.trim().is_empty() || taken.iter().any(|(t, _)| *t == words) {
            continue;
        }
        let mut q = candidates[i].0.clone();
        let (count, ids, holders) = sharing(documents, &q)?;
        // The same words cut into passages another way (a PDF's line breaks end a passage
        // where a web form's answer runs on) are the same quote when the same responses hold
        // them: the first one stands. A template sentence inside one respondent's longer
        // passage is still its own quote, since more responses hold it.
        let same = taken.iter().any(|(t, by)| {
            (t.contains(words.as_str()) || words.contains(t.as_str())) && holders.is_subset(by)
        });
        if same {
            continue;
        }
        q.count = count;
        q.response_ids = ids;
        taken.push((words, holders));
        chosen.push(q);
    }
    for q in &mut chosen {
        q.cite = Cite {
            text: format::text_citation(q),
            markdown: format::markdown_citation(q),
            csv: format!("{}\n{}\n", format::CSV_COLUMNS, format::csv_row(q)),
            csl: format::csl_item(q),
        };
    }
    Ok(QuotesResponse {
        query: req.query.clone(),
        passages: found.total,
        partial,
        quotes: chosen,
    })
}

/// A passage hit as a quote (without its count and citation forms yet), with the passage's id.
fn candidate(
    searcher: &tantivy::Searcher,
    pf: &PassageFields,
    hit: &crate::search::Hit,
    doc: &TantivyDocument,
) -> (Quote, String) {
    let u64_of = |f| doc.get_first(f).and_then(|v| v.as_u64());
    let str_of = |f| {
        doc.get_first(f)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let page = u64_of(pf.page);
    let url = match page {
        Some(p) => format!("{}#page={p}", hit.attribution.url),
        None => hit.attribution.url.clone(),
    };
    let text = str_of(passages_body(searcher)).unwrap_or_default();
    let quote = Quote {
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
        lacks: Vec::new(),
        cite: Cite::default(),
    };
    (quote, hit.attribution.id.clone())
}

/// A passage's words, lowercased, between spaces: one passage's words lie inside another's
/// exactly when this key of the one is inside the other's.
fn word_key(text: &str) -> String {
    let words = crate::campaigns::words(text);
    format!(" {} ", words.join(" "))
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

/// How many responses (or other documents) hold the quote's words in order, in their answers
/// or their attachment, and which responses: a template sentence counts once per response,
/// whatever line breaks, bullets or passage boundaries it has there.
fn sharing(documents: &Engine, q: &Quote) -> Result<(u64, Vec<String>, HashSet<String>)> {
    let mut responses = std::collections::BTreeSet::new();
    let mut others = HashSet::new();
    for (response, doc) in documents.holding(&q.text)? {
        match response {
            Some(r) => {
                responses.insert(r);
            }
            None => {
                others.insert(doc);
            }
        }
    }
    // The passage's own document holds it, even where its words cannot be searched as a
    // phrase (all of them too long to index, say).
    match &q.citation.response_id {
        Some(r) => {
            responses.insert(r.clone());
        }
        None => {
            others.insert(q.citation.id.clone());
        }
    }
    let count = (responses.len() + others.len()) as u64;
    let holders: HashSet<String> = responses.iter().chain(&others).cloned().collect();
    Ok((count, responses.into_iter().collect(), holders))
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
