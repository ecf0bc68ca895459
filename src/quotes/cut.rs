//! Passages cut at query time from the documents that match. The index stores each document's
//! sentence boundaries with the position of each sentence's first word; the positions of the
//! query's words in a matching document come from the index's postings. So there is no second
//! index of passages, and little stored text is read:
//!
//! 1. the query is answered on the documents, and the positions of its words are read for the
//!    best few hundred of them (postings only, no stored text);
//! 2. the documents whose query words come closest together are loaded (at most two copies of
//!    one campaign): loading is the costly step, so it is kept to a dozen or so;
//! 3. their passages are tested against the query's words, phrases and filters, and ranked by
//!    BM25 over the passage's own words, exact matches above matches by stem.
//!
//! Stemmed matches are found through the exact field: a query word's stem is looked up among
//! the indexed words that start with it ("sekswerker" finds "sekswerkers"), and those words'
//! positions count as the word's.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, TantivyDocument, Term};

use crate::error::Result;
use crate::extract::SectionPlace;
use crate::index::Fields;
use crate::search::query::{self, Expr};
use crate::search::{Attribution, Engine, SearchRequest, StoredHit};
use crate::text::sentences;

use super::choose::{choose, positions_of};

/// BM25's parameters, as tantivy uses them.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// The words of an average passage, for BM25's length normalisation.
const AVERAGE_WORDS: f32 = 25.0;
/// Matching documents whose word positions are read, per passage wanted, and the bounds on
/// them: reading positions costs no stored text.
const POOL_PER_PASSAGE: usize = 4;
const MIN_POOL: usize = 100;
const MAX_POOL: usize = 1_000;
/// Of those, the documents loaded and cut into passages, per passage wanted, and the bounds:
/// loading a document decompresses its stored text, the most expensive step of a quote search.
const PASSAGES_PER_DOC: usize = 2;
const MIN_READ: usize = 12;
const MAX_READ: usize = 200;
/// Words a stem may expand to in the exact field.
const MAX_VARIANTS: usize = 64;

/// A passage of a matching document.
pub(super) struct Cut {
    pub attribution: Attribution,
    pub text: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub question: Option<String>,
    pub page: Option<u64>,
    /// Character offsets in the document's text.
    pub start: u64,
    pub end: u64,
    /// The query's words as the passage has them (byte ranges in `text`).
    pub marks: Vec<Range<usize>>,
    /// The top-level parts of the query it lacks (when none holds them all).
    pub lacks: Vec<String>,
}

/// The passages found for a request.
pub(super) struct Found {
    pub cuts: Vec<Cut>,
    /// Passages that hold the query, in the documents read.
    pub passages: u64,
    /// Documents that match.
    pub documents: u64,
    /// No passage holds every part of the query.
    pub partial: bool,
}

/// A query word or phrase: the exact words in order, each with the words its stem reaches.
#[derive(Debug)]
struct Words {
    words: Vec<String>,
    /// Per language code: the indexed words sharing the word's stem (single words only).
    variants: HashMap<&'static str, Vec<String>>,
    /// Document fields that hold it for the whole document (title, author).
    doc_fields: Vec<Field>,
    idf: f32,
}

/// The query, compiled to what a passage is tested against.
#[derive(Debug)]
enum Test {
    Words(Words),
    /// A condition on the document (a filter field): every passage of a document that
    /// meets it holds it.
    Doc(Expr),
    And(Vec<Test>),
    Or(Vec<Test>),
    Not(Box<Test>),
    True,
}

struct Compiler<'a> {
    engine: &'a Engine,
    searcher: tantivy::Searcher,
    f: Fields,
    docs: f32,
}

impl Compiler<'_> {
    fn compile(&self, e: &Expr, exact: bool) -> Result<Test> {
        let f = self.f;
        Ok(match e {
            Expr::Word(w) => self.words(w, !exact, vec![f.title, f.author])?,
            Expr::Phrase(p) => self.words(p, false, vec![f.title])?,
            Expr::Field { field, value, .. } if field == "text" => {
                self.words(value, false, Vec::new())?
            }
            Expr::Field { .. } => Test::Doc(e.clone()),
            // A passage holds the words; the document was found with them near each other.
            Expr::Near { words, .. } => Test::And(
                self.engine
                    .words_of(f.text, words)?
                    .iter()
                    .map(|w| self.words(w, false, vec![f.title]))
                    .collect::<Result<_>>()?,
            ),
            Expr::Prefix { field, prefix }
                if field.is_none() || field.as_deref() == Some("text") =>
            {
                Test::Or(
                    self.engine
                        .prefix_terms(&self.searcher, f.text, prefix)?
                        .iter()
                        .map(|(w, _)| self.words(w, false, vec![f.title]))
                        .collect::<Result<_>>()?,
                )
            }
            Expr::Prefix { .. } => Test::Doc(e.clone()),
            Expr::And(items) => Test::And(
                items
                    .iter()
                    .map(|i| match i {
                        Expr::Not(x) => Ok(Test::Not(Box::new(self.compile(x, true)?))),
                        x => self.compile(x, exact),
                    })
                    .collect::<Result<_>>()?,
            ),
            Expr::Or(items) => Test::Or(
                items
                    .iter()
                    .map(|i| self.compile(i, exact))
                    .collect::<Result<_>>()?,
            ),
            Expr::Not(x) => Test::Not(Box::new(self.compile(x, true)?)),
        })
    }

    fn words(&self, text: &str, stems: bool, doc_fields: Vec<Field>) -> Result<Test> {
        let words = self.engine.words_of(self.f.text, text)?;
        if words.is_empty() {
            return Ok(Test::True);
        }
        let mut idf = 0.0;
        for w in &words {
            let df = self
                .searcher
                .doc_freq(&Term::from_field_text(self.f.text, w))
                .map_err(|e| self.engine.index_error(e))? as f32;
            idf += (1.0 + (self.docs - df + 0.5) / (df + 0.5)).ln();
        }
        let mut variants = HashMap::new();
        if stems && words.len() == 1 {
            for (code, _, _) in crate::index::schema::STEMMED {
                variants.insert(code, self.variants(code, &words[0])?);
            }
        }
        Ok(Test::Words(Words {
            words,
            variants,
            doc_fields,
            idf,
        }))
    }

    /// The indexed words that share `word`'s stem in a language, found among those starting
    /// with the stem.
    fn variants(&self, lang: &str, word: &str) -> Result<Vec<String>> {
        let mut stemmer = crate::index::schema::stemmed_analyzer(lang).expect("stemmed language");
        let stem_of = |w: &str, a: &mut tantivy::tokenizer::TextAnalyzer| {
            let mut s = a.token_stream(w);
            let mut out = String::new();
            while s.advance() {
                out = s.token().text.clone();
            }
            out
        };
        let stem = stem_of(word, &mut stemmer);
        let mut out = HashSet::new();
        if stem.chars().count() < 3 {
            return Ok(Vec::new());
        }
        for segment in self.searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.f.text)
                .map_err(|e| self.engine.index_error(e))?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(stem.as_bytes())
                .into_stream()
                .map_err(|e| self.engine.index_error(e.into()))?;
            while stream.advance() {
                let Ok(w) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !w.starts_with(&stem) || out.len() >= MAX_VARIANTS {
                    break;
                }
                if w != word && stem_of(w, &mut stemmer) == stem {
                    out.insert(w.to_string());
                }
            }
        }
        Ok(out.into_iter().collect())
    }
}

/// One document's passages with the word positions that matter to the query.
struct Doc<'a> {
    lang: String,
    stored: &'a TantivyDocument,
    f: Fields,
    /// Positions of each exact word in the document.
    positions: HashMap<String, Vec<u32>>,
}

impl Doc<'_> {
    /// Whether the passage of words `span` holds the test, and how often its words occur.
    fn holds(&self, t: &Test, span: &Range<u32>, tf: &mut Vec<(f32, u32)>) -> bool {
        match t {
            Test::True => true,
            Test::Doc(e) => self.doc_holds(e),
            Test::Words(w) => {
                let (exact, stemmed) = self.count(w, span);
                if exact + stemmed > 0 {
                    // As the document query scores them: an exact match counts in the exact
                    // field and the stemmed one, a match by stem only in the stemmed one.
                    if exact > 0 {
                        tf.push((w.idf, exact));
                    }
                    if !w.variants.is_empty() {
                        tf.push((w.idf, exact + stemmed));
                    }
                    return true;
                }
                w.doc_fields
                    .iter()
                    .any(|&field| self.field_holds(field, &w.words))
            }
            Test::And(items) => {
                let mut all = true;
                for i in items {
                    all &= self.holds(i, span, tf);
                }
                all
            }
            Test::Or(items) => {
                let mut any = false;
                for i in items {
                    any |= self.holds(i, span, tf);
                }
                any
            }
            Test::Not(x) => !self.holds(x, span, &mut Vec::new()),
        }
    }

    /// Occurrences of the words (in order) inside the span: exact, and by stem only.
    fn count(&self, w: &Words, span: &Range<u32>) -> (u32, u32) {
        let at = |word: &str| self.positions.get(word).map_or(&[][..], Vec::as_slice);
        if w.words.len() == 1 {
            let n = in_span(at(&w.words[0]), span);
            let stemmed = w
                .variants
                .get(self.lang.as_str())
                .map_or(0, |vs| vs.iter().map(|v| in_span(at(v), span)).sum::<u32>());
            return (n, stemmed);
        }
        let first = at(&w.words[0]);
        let phrases = first
            .iter()
            .filter(|&&p| span.contains(&p) && p + (w.words.len() as u32) <= span.end)
            .filter(|&&p| {
                w.words[1..]
                    .iter()
                    .enumerate()
                    .all(|(i, word)| at(word).binary_search(&(p + i as u32 + 1)).is_ok())
            })
            .count() as u32;
        (phrases, 0)
    }

    fn field_holds(&self, field: Field, words: &[String]) -> bool {
        self.stored
            .get_all(field)
            .filter_map(|v| v.as_str())
            .any(|value| {
                let have = exact_words(value);
                have.windows(words.len()).any(|w| w == words)
            })
    }

    /// Whether a word of a words field (`author:`, `place:`, `title:`) starts with `prefix`.
    fn field_starts(&self, field: &str, prefix: &str) -> bool {
        let f = self.f;
        let field = match field {
            "author" => f.author,
            "place" => f.place,
            _ => f.title,
        };
        let prefix = exact_words(prefix).join(" ");
        self.stored
            .get_all(field)
            .filter_map(|v| v.as_str())
            .any(|value| exact_words(value).iter().any(|w| w.starts_with(&prefix)))
    }

    /// A filter condition on the document's stored fields, as the query compiler reads it.
    fn doc_holds(&self, e: &Expr) -> bool {
        if let Expr::Prefix {
            field: Some(field),
            prefix,
        } = e
        {
            return self.field_starts(field, prefix);
        }
        let Expr::Field { field, value, .. } = e else {
            return true;
        };
        let f = self.f;
        let stored = |field: Field| -> Vec<String> {
            self.stored
                .get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let is = |field: Field, v: &str| stored(field).iter().any(|s| s == v);
        let words = exact_words(value);
        match field.as_str() {
            "author" => self.field_holds(f.author, &words),
            "place" => self.field_holds(f.place, &words),
            "title" => self.field_holds(f.title, &words),
            "consultation" => is(f.consultation, value),
            "lang" => is(f.lang, value),
            "kind" => is(f.kind, &value.to_lowercase()),
            "response" => is(f.response_id, &value.to_lowercase()),
            "campaign" => is(f.campaign, &value.to_lowercase()),
            "respondent" => is(f.respondent, &value.to_lowercase()),
            // The id of the document's own key; a key merged into another organisation by
            // its declared abbreviation was already matched by the document query.
            "organisation" => stored(f.organisation)
                .iter()
                .any(|k| crate::organisations::id(k) == value.to_lowercase()),
            "id" => is(f.id, value),
            "publisher" => is(f.publisher, value.to_lowercase().trim_start_matches("www.")),
            "cites" => {
                let keys = crate::extract::cites::normalize(value);
                stored(f.cites).iter().any(|c| keys.contains(c))
            }
            _ => true,
        }
    }
}

/// Words as the exact field indexes them.
fn exact_words(text: &str) -> Vec<String> {
    let mut a = crate::index::schema::exact_analyzer();
    let mut s = a.token_stream(text);
    let mut out = Vec::new();
    while s.advance() {
        out.push(s.token().text.clone());
    }
    out
}

fn in_span(positions: &[u32], span: &Range<u32>) -> u32 {
    let from = positions.partition_point(|&p| p < span.start);
    let to = positions.partition_point(|&p| p < span.end);
    (to - from) as u32
}

fn bm25(tf: &[(f32, u32)], words: u32) -> f32 {
    let norm = K1 * (1.0 - B + B * words as f32 / AVERAGE_WORDS);
    tf.iter()
        .map(|&(idf, n)| idf * (n as f32 * (K1 + 1.0)) / (n as f32 + norm))
        .sum()
}

/// Finds the passages of the best-matching documents that hold the request's query, best
/// first, at most `wanted` of them. When none holds every top-level part, those holding most
/// parts are given, each with the parts it lacks.
pub(super) fn find(engine: &Engine, req: &SearchRequest, wanted: usize) -> Result<Found> {
    let searcher = engine.searcher();
    let pool = (wanted * POOL_PER_PASSAGE).clamp(MIN_POOL, MAX_POOL);
    let (documents, ranked, expr) = engine.best_addresses(&searcher, req, pool)?;
    let addresses: Vec<DocAddress> = ranked.iter().map(|(_, a)| *a).collect();
    let f = engine.fields();
    let compiler = Compiler {
        engine,
        searcher: searcher.clone(),
        f,
        docs: searcher.num_docs().max(1) as f32,
    };
    let test = compiler.compile(&expr, false)?;
    let parts: Vec<(String, Test)> = match &expr {
        Expr::And(items) if items.iter().filter(|i| !matches!(i, Expr::Not(_))).count() > 1 => {
            items
                .iter()
                .filter(|i| !matches!(i, Expr::Not(_)))
                .map(|i| Ok((query::label(i), compiler.compile(i, false)?)))
                .collect::<Result<_>>()?
        }
        _ => Vec::new(),
    };
    let mut groups = Vec::new();
    word_groups(&test, &mut groups);
    let words: HashSet<&str> = groups.iter().flat_map(|(w, _)| w.iter().copied()).collect();
    let mut positions =
        positions_of(&searcher, f.text, &words, &addresses).map_err(|e| engine.index_error(e))?;
    let read = (wanted * PASSAGES_PER_DOC).clamp(MIN_READ, MAX_READ);
    let chosen = choose(&searcher, &groups, &positions, &ranked, read);
    let mut docs = Vec::with_capacity(chosen.len());
    let mut doc_positions = Vec::with_capacity(chosen.len());
    for i in chosen {
        docs.push(engine.load(&searcher, addresses[i])?);
        doc_positions.push(std::mem::take(&mut positions[i]));
    }
    let positions = doc_positions;
    let Scored {
        whole,
        most,
        spans_of,
    } = score_passages(&docs, positions, f, &test, &parts, &words);
    let partial = whole.is_empty() && !most.is_empty();
    let passages = if partial { most.len() } else { whole.len() } as u64;
    let mut ranked: Vec<(Vec<String>, f32, usize, usize)> = if partial {
        most
    } else {
        whole
            .into_iter()
            .map(|(s, i, n)| (Vec::new(), s, i, n))
            .collect()
    };
    ranked.sort_by(|a, b| {
        a.0.len()
            .cmp(&b.0.len())
            .then(b.1.total_cmp(&a.1))
            // Equal scores (a template's copies) in document order, whatever order the index
            // happens to hold them in.
            .then_with(|| docs[a.2].1.id.cmp(&docs[b.2].1.id))
            .then(a.3.cmp(&b.3))
    });
    ranked.truncate(wanted);
    let mut marker = crate::index::schema::exact_analyzer();
    let cuts = ranked
        .into_iter()
        .map(|(lacks, _, i, n)| {
            let (_, attribution, stored) = &docs[i];
            cut(
                stored,
                attribution,
                f,
                &spans_of[i][n],
                &words,
                &mut marker,
                lacks,
            )
        })
        .collect();
    Ok(Found {
        cuts,
        passages,
        documents,
        partial,
    })
}

/// The passages of the loaded documents that hold the query, scored: those holding it whole,
/// and (when the query has several parts) those holding some parts, with the parts they lack.
#[derive(Default)]
struct Scored {
    /// (score, document, passage).
    whole: Vec<(f32, usize, usize)>,
    /// (parts lacked, score, document, passage).
    most: Vec<(Vec<String>, f32, usize, usize)>,
    /// Each document's passages, kept for cutting the chosen ones.
    spans_of: Vec<Vec<super::Span>>,
}

/// Cuts each loaded document into passages at its stored sentence boundaries and tests each
/// passage against the query (`test`) and, failing that, against its parts.
fn score_passages(
    docs: &[StoredHit],
    mut positions: Vec<HashMap<String, Vec<u32>>>,
    f: Fields,
    test: &Test,
    parts: &[(String, Test)],
    words: &HashSet<&str>,
) -> Scored {
    let mut whole = Vec::new();
    let mut most = Vec::new();
    let mut spans_of: Vec<Vec<super::Span>> = vec![Vec::new(); docs.len()];
    for (i, (_, attribution, stored)) in docs.iter().enumerate() {
        let body = stored
            .get_first(f.body)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        if body.is_empty() {
            continue;
        }
        let bounds = stored
            .get_first(f.sentences)
            .and_then(|v| v.as_bytes())
            .and_then(sentences::decode)
            .unwrap_or_else(|| sentences::boundaries(body));
        let doc = Doc {
            lang: attribution.lang.clone(),
            stored,
            f,
            positions: std::mem::take(&mut positions[i]),
        };
        let spans = super::passages_of(body, &bounds);
        for (n, span) in spans.iter().enumerate() {
            let first = bounds[span.first].word;
            let end = spans
                .get(n + 1)
                .map_or(u32::MAX, |next| bounds[next.first].word);
            let words_span = first..end;
            let mut tf = Vec::new();
            if doc.holds(test, &words_span, &mut tf) {
                // A query of filters alone (`--cites`) holds in every passage.
                if !tf.is_empty() || words.is_empty() {
                    let length = end.saturating_sub(first).min(10_000);
                    whole.push((bm25(&tf, length), i, n));
                }
            } else if !parts.is_empty() {
                let mut lacks = Vec::new();
                let mut tf = Vec::new();
                for (label, part) in parts {
                    if !doc.holds(part, &words_span, &mut tf) {
                        lacks.push(label.clone());
                    }
                }
                if lacks.len() < parts.len() && !tf.is_empty() {
                    let length = end.saturating_sub(first).min(10_000);
                    most.push((lacks, bm25(&tf, length), i, n));
                }
            }
        }
        spans_of[i] = spans;
    }
    Scored {
        whole,
        most,
        spans_of,
    }
}

/// The query's positive words and phrases: each with every word that counts as it, and its idf.
fn word_groups<'a>(t: &'a Test, out: &mut Vec<(Vec<&'a str>, f32)>) {
    match t {
        Test::Words(w) => {
            let mut all: Vec<&str> = w.words.iter().map(String::as_str).collect();
            for vs in w.variants.values() {
                all.extend(vs.iter().map(String::as_str));
            }
            out.push((all, w.idf));
        }
        Test::And(items) | Test::Or(items) => items.iter().for_each(|i| word_groups(i, out)),
        Test::Not(_) | Test::Doc(_) | Test::True => {}
    }
}

/// The `n`th passage of a stored document as a quote's material.
#[allow(clippy::too_many_arguments)]
pub(super) fn cut(
    stored: &TantivyDocument,
    attribution: &Attribution,
    f: Fields,
    span: &super::Span,
    words: &HashSet<&str>,
    marker: &mut tantivy::tokenizer::TextAnalyzer,
    lacks: Vec<String>,
) -> Cut {
    let body = stored
        .get_first(f.body)
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let text = &body[span.range.clone()];
    let places: Vec<SectionPlace> = stored
        .get_first(f.sections)
        .and_then(|v| v.as_str())
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    let section = crate::extract::section_at(&places, span.range.start);
    let chars = |b: usize| body[..b].chars().count() as u64;
    let mut marks = Vec::new();
    let mut stream = marker.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        if words.contains(t.text.as_str()) {
            marks.push(t.offset_from..t.offset_to);
        }
    }
    Cut {
        attribution: attribution.clone(),
        text: text.to_string(),
        before: span.before.clone().map(|r| body[r].to_string()),
        after: span.after.clone().map(|r| body[r].to_string()),
        question: section.and_then(|s| s.heading.clone()),
        page: section.and_then(|s| s.page).map(u64::from),
        start: chars(span.range.start),
        end: chars(span.range.end),
        marks,
        lacks,
    }
}
