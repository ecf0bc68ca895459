//! Quotes: passages of one to three sentences that an advocate can cite, each with exactly the
//! words of the source, where they are (document, question, PDF page, character offsets) and who
//! wrote them. Passages are cut at query time from the best-matching documents, at the sentence
//! boundaries each document stores, so the query language and the filters work on them
//! unchanged; a passage that many responses share (copy-paste campaigns) becomes one quote with
//! the number of responses that contain it and their ids, and a shared sentence that a passage
//! groups with a sentence of one respondent's own is quoted alone, with the responses that
//! hold it. How a quote is cited (text,
//! Markdown, CSV, CSL-JSON) is output's concern (`output::quotes`).

mod choose;
mod cut;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::error::{Error, Result};
use crate::search::{Engine, SearchRequest};
use crate::text::sentences::{self, Boundary};
use serde::Serialize;

/// A passage grows by the next sentence while it is shorter than this (bytes)...
pub(crate) const SHORT_PASSAGE: usize = 120;
/// ...up to this many sentences.
pub(crate) const MAX_SENTENCES: usize = 3;
/// Passages of fewer words rank after longer ones.
pub(crate) const MIN_QUOTE_WORDS: usize = 6;
/// Quotes one request returns at most.
pub(crate) const MAX_QUOTES: usize = 200;

/// Where a passage is in its document's text, with the sentences around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The passage's byte range in the text.
    pub range: Range<usize>,
    /// The sentence before it, when there is one.
    pub before: Option<Range<usize>>,
    /// The sentence after it, when there is one.
    pub after: Option<Range<usize>>,
    /// The index of its first sentence.
    pub first: usize,
}

/// Cuts a text into passages: each sentence, joined with the next while the passage is short,
/// never across a line break (a heading, a list item or a new paragraph starts a new passage).
pub fn passages(text: &str) -> Vec<Span> {
    passages_of(text, &sentences::boundaries(text))
}

/// [`passages`] from sentence boundaries already known (the index stores them).
pub fn passages_of(text: &str, s: &[Boundary]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let start = s[i].range.start;
        let mut end = s[i].range.end;
        let mut j = i + 1;
        while j < s.len()
            && j - i < MAX_SENTENCES
            && end - start < SHORT_PASSAGE
            && !text
                .get(end..s[j].range.start)
                .is_none_or(|gap| gap.contains('\n'))
        {
            end = s[j].range.end;
            j += 1;
        }
        out.push(Span {
            range: start..end,
            before: i.checked_sub(1).map(|k| s[k].range.clone()),
            after: s.get(j).map(|b| b.range.clone()),
            first: i,
        });
        i = j;
    }
    out
}

/// Who said it, where and when.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Citation {
    /// The document the passage is in.
    pub id: String,
    /// What the document is.
    pub kind: String,
    /// The site's UUID of the response (of an attachment's response).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_id: Option<String>,
    /// The respondent's or author's name.
    pub author: Option<String>,
    /// The respondent's place.
    pub place: Option<String>,
    /// The document's date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// The consultation's slug.
    pub consultation: String,
    /// The consultation's title.
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
    /// `organisation`, `individual` or `anonymous`, for what a public server withholds.
    #[serde(skip)]
    pub respondent: Option<String>,
    /// Character offsets (Unicode scalar values, as Python counts) of the passage in the
    /// document's text (`/api/doc/{id}`'s `text`).
    pub start: u64,
    /// Where it ends, in the same count.
    pub end: u64,
}

/// One quote.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Quote {
    /// The exact words.
    pub text: String,
    /// The same, HTML-escaped, with the query's words in `<mark>`.
    pub marked: String,
    /// Where the query's words are in `text` (byte ranges).
    #[serde(skip)]
    pub marks: Vec<Range<usize>>,
    /// The sentence before and after it.
    pub before: Option<String>,
    /// The sentence after it.
    pub after: Option<String>,
    /// Who said it, where and when.
    pub citation: Citation,
    /// How many responses (or documents) contain this passage.
    pub count: u64,
    /// The responses that contain it (their UUIDs).
    pub response_ids: Vec<String>,
    /// The parts of the query the passage lacks, when no passage holds them all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lacks: Vec<String>,
}

/// The answer to a quote search.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuotesResponse {
    /// The query as given.
    pub query: String,
    /// Passages that hold the query in the documents cut into passages (those whose query
    /// words come closest together among the best-matching ones), before identical ones
    /// collapse.
    pub passages: u64,
    /// Documents that match the query.
    pub documents: u64,
    /// No passage holds every part of the query: these hold most of them (see each quote's
    /// `lacks`).
    pub partial: bool,
    /// How the query was read when it could not be read as written (see the search
    /// answer's `notes`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The quotes, best first.
    pub quotes: Vec<Quote>,
}

/// Finds the best passages for a request, cut from the best-matching documents; a passage
/// many responses share is one quote, counted wherever a response has its words (answers or
/// attachment). When no passage holds every part of the query but documents match, the
/// passages holding most of the parts are answered, each saying which parts it lacks.
pub fn search(documents: &Engine, req: &SearchRequest, limit: usize) -> Result<QuotesResponse> {
    if limit > MAX_QUOTES {
        return Err(Error::parameter(
            "limit",
            format!("is at most {MAX_QUOTES} for quotes"),
        ));
    }
    if req.query.trim().is_empty()
        && req.cites.is_none()
        && req.campaign.is_none()
        && req.empty != crate::search::Empty::Only
    {
        return Err(Error::Usage(
            "quotes need words to look for (or a cited source, a campaign or the empty \
             responses to cut them from)"
                .into(),
        ));
    }
    let started = std::time::Instant::now();
    let found = cut::find(documents, req, (limit * 10).clamp(1, 1_000))?;
    let cut_ms = started.elapsed().as_secs_f64() * 1e3;
    let candidates: Vec<Quote> = found.cuts.into_iter().map(quote_of).collect();
    // Headings and fragments ("1. Overgangsregeling") rank high on short length alone; a quote
    // is a statement, so those come after the passages of a few words or more. Where no
    // passage holds every part of the query, those lacking fewer parts come first.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| {
        let q = &candidates[i];
        (
            q.lacks.len(),
            q.text.split_whitespace().count() < MIN_QUOTE_WORDS,
        )
    });
    let mut chosen: Vec<Quote> = Vec::with_capacity(limit);
    // The word keys of the quotes chosen, with the responses (or documents) that hold them.
    let mut taken: Vec<(String, HashSet<String>)> = Vec::new();
    // Who holds a text, asked once per request: a template's sentence comes back with each
    // copy's passage, and each time it is a phrase query over every document.
    let mut holding = Holding::default();
    for i in order {
        if chosen.len() == limit {
            break;
        }
        let mut q = candidates[i].clone();
        let mut words = word_key(&q.text);
        if words.trim().is_empty() || taken.iter().any(|(t, _)| *t == words) {
            continue;
        }
        let (mut count, mut ids, mut holders) = sharing(documents, &mut holding, &q)?;
        // A sentence that more responses hold than the passage it was cut with (a template's
        // sentence grouped with one of the respondent's own) is the quote, and is counted.
        for alone in sentences_alone(&q) {
            let shared = sharing(documents, &mut holding, &alone)?;
            if shared.0 > count {
                words = word_key(&alone.text);
                q = alone;
                (count, ids, holders) = shared;
            }
        }
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
    tracing::debug!(
        query = %req.query,
        cut_ms,
        counted_ms = started.elapsed().as_secs_f64() * 1e3 - cut_ms,
        phrases = holding.asked.len(),
        asked = holding.calls,
        "quotes"
    );
    documents.withheld(QuotesResponse {
        query: req.query.clone(),
        passages: found.passages,
        documents: found.documents,
        partial: found.partial,
        notes: Vec::new(),
        quotes: chosen,
    })
}

/// One sentence of a stored document as a quote, with its citation and `words` (folded)
/// marked: what keyness gives as a term's example, cited as every quote is.
pub(crate) fn sentence_quote(
    engine: &Engine,
    searcher: &tantivy::Searcher,
    address: tantivy::DocAddress,
    range: Range<usize>,
    words: &[String],
) -> Result<Quote> {
    let (_, attribution, stored) = engine.load(searcher, address)?;
    let span = Span {
        range,
        before: None,
        after: None,
        first: 0,
    };
    let words: HashSet<&str> = words.iter().map(String::as_str).collect();
    let mut marker = crate::text::analyzers::exact_analyzer();
    let c = cut::cut(
        &stored,
        &attribution,
        engine.fields(),
        &span,
        &words,
        &mut marker,
        Vec::new(),
    );
    let mut q = quote_of(c);
    q.count = 1;
    q.response_ids = q.citation.response_id.clone().into_iter().collect();
    Ok(q)
}

/// A cut passage as a quote (without its count and citation forms yet).
fn quote_of(c: cut::Cut) -> Quote {
    let a = c.attribution;
    let url = match c.page {
        Some(p) => format!("{}#page={p}", a.url),
        None => a.url.clone(),
    };
    Quote {
        marked: crate::search::mark_html(&c.text, &c.marks),
        marks: c.marks,
        text: c.text,
        before: c.before,
        after: c.after,
        citation: Citation {
            id: a.id,
            kind: a.kind,
            response_id: a.response_id,
            author: a.author,
            place: a.place,
            date: a.date,
            consultation: a.consultation,
            consultation_title: a.consultation_title,
            title: a.title,
            publisher: a.publisher,
            question: c.question,
            page: c.page,
            url,
            start: c.start,
            end: c.end,
            respondent: a.respondent,
        },
        count: 0,
        response_ids: Vec::new(),
        lacks: c.lacks,
    }
}

/// The sentences of a passage of several that hold every word the query marks in the
/// passage (a word it marks in another sentence too, "de", may be marked there as well), each
/// as a quote of its own: its text, marks, neighbouring sentences and character offsets.
fn sentences_alone(q: &Quote) -> Vec<Quote> {
    let (text, marks) = (&q.text, &q.marks);
    let sentences = sentences::split(text);
    if sentences.len() < 2 || marks.is_empty() {
        return Vec::new();
    }
    let word = |m: &Range<usize>| text[m.clone()].to_lowercase();
    let marked: HashSet<String> = marks.iter().map(word).collect();
    let chars = |r: Range<usize>| text[r].chars().count() as u64;
    let mut out = Vec::new();
    for (k, s) in sentences.iter().enumerate() {
        let inside: Vec<&Range<usize>> = marks
            .iter()
            .filter(|m| s.start <= m.start && m.end <= s.end)
            .collect();
        if inside.iter().map(|m| word(m)).collect::<HashSet<_>>() != marked {
            continue;
        }
        let mut alone = q.clone();
        alone.text = text[s.clone()].to_string();
        let shifted: Vec<Range<usize>> = inside
            .iter()
            .map(|m| m.start - s.start..m.end - s.start)
            .collect();
        alone.marked = crate::search::mark_html(&alone.text, &shifted);
        alone.marks = shifted;
        alone.before = match k.checked_sub(1) {
            Some(b) => Some(text[sentences[b].clone()].to_string()),
            None => q.before.clone(),
        };
        alone.after = match sentences.get(k + 1) {
            Some(a) => Some(text[a.clone()].to_string()),
            None => q.after.clone(),
        };
        alone.citation.start = q.citation.start + chars(0..s.start);
        alone.citation.end = alone.citation.start + chars(s.clone());
        out.push(alone);
    }
    out
}

/// A passage's words, lowercased, between spaces: one passage's words lie inside another's
/// exactly when this key of the one is inside the other's.
fn word_key(text: &str) -> String {
    let words = crate::text::words(text);
    format!(" {} ", words.join(" "))
}

/// What [`Engine::holding`] answers: each holder as `(Some(response id), "")` or
/// `(None, document id)`.
type Holders = std::rc::Rc<Vec<(Option<String>, String)>>;

/// Holders the memo of one request keeps at most, over all its texts (about 100 bytes each):
/// past it, a text's holders are asked for again rather than kept.
const KEPT_HOLDERS: usize = 200_000;

/// The documents that hold a text's words in order ([`Engine::holding`]), by text, for one
/// request.
#[derive(Default)]
struct Holding {
    asked: HashMap<String, Holders>,
    /// Holders kept in `asked`, all texts together.
    kept: usize,
    /// Times asked, for the log.
    calls: usize,
}

impl Holding {
    fn of(&mut self, documents: &Engine, text: &str) -> Result<Holders> {
        self.calls += 1;
        if let Some(held) = self.asked.get(text) {
            return Ok(held.clone());
        }
        let held = std::rc::Rc::new(documents.holding(text)?);
        if self.kept + held.len() <= KEPT_HOLDERS {
            self.kept += held.len();
            self.asked.insert(text.to_string(), held.clone());
        }
        Ok(held)
    }
}

/// How many responses (or other documents) hold the quote's words in order, in their answers
/// or their attachment, and which responses: a template sentence counts once per response,
/// whatever line breaks, bullets or passage boundaries it has there.
fn sharing(
    documents: &Engine,
    holding: &mut Holding,
    q: &Quote,
) -> Result<(u64, Vec<String>, HashSet<String>)> {
    let mut responses = std::collections::BTreeSet::new();
    let mut others = HashSet::new();
    for (response, doc) in holding.of(documents, &q.text)?.iter() {
        match response {
            Some(r) => {
                responses.insert(r.clone());
            }
            None => {
                others.insert(doc.clone());
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
}
