//! Our pipeline against the limit and the peer, side by side in one run on one machine: raw
//! tantivy with the same analyzers and nothing around it, and SQLite FTS5 (unicode61 with
//! remove_diacritics, as tkconv uses it), on the same texts and the same queries.
//!
//! ```text
//! cargo bench --bench resample -- --responses 100000 --out /tmp/r100k
//! cargo bench --bench peers -- --index /tmp/r100k [--work /tmp/peers] [--runs 5] [--skip-reindex]
//!     [--queries-only]
//! ```
//!
//! 1. `inspraak reindex` on the archive twice: with the campaign signatures deleted (a first
//!    build) and with them kept (every later build), for time and peak memory.
//! 2. The indexed documents' texts are written once to `WORK/docs.jsonl`; raw tantivy and FTS5
//!    each index that file in a process of their own (this binary, `--mode raw|fts5`), so that
//!    each has its own time and peak memory.
//! 3. Index sizes on disk.
//! 4. Queries drawn from the texts (rare and common words, two-word AND, phrases, a word with a
//!    consultation and a date range), each run `--runs` times on the three, interleaved, for
//!    p50 and p99 latency. `WORK/queries.txt` keeps them as API paths for the `wrk` load run
//!    (`benches/load.sh`), and `WORK/load.txt` holds over 500 distinct paths drawn the same
//!    way (150 of each class) for a load run that is not answered from kept answers.

mod measure;

use measure::arg;

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufWriter, Write};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use inspraak::index::schema::{
    exact_analyzer, register_analyzers, stemmed_analyzer, EXACT, STEMMED,
};
use inspraak::search::{Engine, SearchRequest};
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{
    DateOptions, DateTimePrecision, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
    Value, FAST, STORED, STRING,
};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

/// One indexed document's text and the fields the queries filter on.
#[derive(Serialize, Deserialize)]
struct Doc {
    id: String,
    consultation: String,
    /// Days since 1970-01-01; 0 when the document has no date.
    day: i64,
    lang: String,
    body: String,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = arg(&args, "--mode");
    // A child reports its own peak: a child's `ru_maxrss` carries its parent's peak from
    // before `exec` (large after the export); its own high-water mark and anonymous memory
    // do not.
    struct ReportPeak;
    impl Drop for ReportPeak {
        fn drop(&mut self) {
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            for line in status
                .lines()
                .filter(|l| l.starts_with("VmHWM") || l.starts_with("RssAnon"))
            {
                println!("{line}");
            }
        }
    }
    let _peak = mode.is_some().then_some(ReportPeak);
    match mode.as_deref() {
        Some("raw") => {
            return index_raw(
                &arg(&args, "--docs").unwrap(),
                &arg(&args, "--out").unwrap(),
            )
        }
        Some("fts5") => {
            return index_fts5(
                &arg(&args, "--docs").unwrap(),
                &arg(&args, "--out").unwrap(),
            )
        }
        _ => {}
    }
    let index =
        PathBuf::from(arg(&args, "--index").expect("--index DIR: an index folder with an archive"));
    let work = PathBuf::from(arg(&args, "--work").unwrap_or_else(|| "/tmp/inspraak-peers".into()));
    let runs: usize = arg(&args, "--runs").map_or(5, |v| v.parse().unwrap());
    std::fs::create_dir_all(&work).unwrap();
    let inspraak = env!("CARGO_BIN_EXE_inspraak");

    println!(
        "machine: {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    if !args
        .iter()
        .any(|a| a == "--skip-reindex" || a == "--queries-only")
    {
        for (label, fresh) in [
            ("first build (signatures computed)", true),
            ("later build (signatures reused)", false),
        ] {
            if fresh {
                let state = rusqlite::Connection::open(index.join("crawl.sqlite")).unwrap();
                state.execute("DELETE FROM sketches", []).unwrap();
            }
            let m = measure::run(
                std::process::Command::new(inspraak)
                    .args(["reindex", "--json", "--index"])
                    .arg(&index),
            );
            assert!(
                m.output.status.success(),
                "{}",
                String::from_utf8_lossy(&m.output.stderr)
            );
            let s: serde_json::Value = serde_json::from_slice(&m.output.stdout).unwrap();
            let docs = s["documents"].as_u64().unwrap();
            let mb = s["text_bytes"].as_u64().unwrap() as f64 / 1e6;
            println!(
                "ours, reindex, {label}: {docs} documents, {mb:.1} MB of text in {:.2} s: {:.0} docs/s, {:.2} MB/s, peak {:.0} MiB (campaigns {:.2} s)",
                m.seconds,
                docs as f64 / m.seconds,
                mb / m.seconds,
                m.peak_mib,
                s["campaigns"]["seconds"].as_f64().unwrap_or(0.0)
            );
        }
    }

    let docs_path = work.join("docs.jsonl");
    let raw_dir = work.join("raw");
    let fts_file = work.join("fts5.sqlite");
    // --queries-only: the texts, raw index and FTS5 file of an earlier run are reused.
    if !args.iter().any(|a| a == "--queries-only") {
        let (count, bytes) = export(&index, &docs_path);
        println!(
            "texts: {count} documents, {:.1} MB in {}",
            bytes as f64 / 1e6,
            docs_path.display()
        );
        let me = std::env::current_exe().unwrap();
        for (mode, out) in [("raw", &raw_dir), ("fts5", &fts_file)] {
            let m = measure::run(
                std::process::Command::new(&me)
                    .args(["--mode", mode, "--docs"])
                    .arg(&docs_path)
                    .arg("--out")
                    .arg(out),
            );
            assert!(
                m.output.status.success(),
                "{}",
                String::from_utf8_lossy(&m.output.stderr)
            );
            let out = String::from_utf8_lossy(&m.output.stdout);
            let kib = |key: &str| {
                out.lines()
                    .find(|l| l.starts_with(key))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse::<f64>().ok())
                    .map_or(f64::NAN, |k| k / 1024.0)
            };
            println!(
                "{mode}: indexed {count} documents in {:.2} s: {:.0} docs/s, {:.2} MB/s, peak {:.0} MiB (anonymous at the end {:.0} MiB)",
                m.seconds,
                count as f64 / m.seconds,
                bytes as f64 / 1e6 / m.seconds,
                kib("VmHWM:"),
                kib("RssAnon:")
            );
        }
        let size = |p: &Path| measure::dir_size(p) as f64 / 1e6;
        println!(
            "size on disk: ours {:.0} MB (one index, quotes included), raw tantivy {:.0} MB, FTS5 {:.0} MB",
            size(&index.join("tantivy")),
            size(&raw_dir),
            std::fs::metadata(&fts_file).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
        );
    }
    let queries = draw_queries(&docs_path, &work.join("queries.txt"), 10, 997);
    // The server's load without its answers kept needs queries that do not repeat: 150 of
    // each class (as many as there are, for rare and common words), over 500 distinct paths
    // (`benches/load.sh WORK/load.txt`).
    draw_queries(&docs_path, &work.join("load.txt"), 150, 71);
    latencies(&index, &raw_dir, &fts_file, &queries, runs);
}

/// Writes every indexed document's text and filter fields to a JSON lines file.
fn export(index: &Path, out: &Path) -> (u64, u64) {
    let (idx, f) = inspraak::index::open(index).unwrap();
    let searcher = idx.reader().unwrap().searcher();
    let mut w = BufWriter::new(std::fs::File::create(out).unwrap());
    let (mut n, mut bytes) = (0u64, 0u64);
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc_id in segment.doc_ids_alive() {
            let d: TantivyDocument = searcher
                .doc(tantivy::DocAddress::new(ord as u32, doc_id))
                .unwrap();
            let text = |field| {
                d.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let day = d
                .get_first(f.date)
                .and_then(|v| v.as_datetime())
                .map_or(0, |t| t.into_timestamp_secs().div_euclid(86_400));
            let doc = Doc {
                id: text(f.id),
                consultation: text(f.consultation),
                day,
                lang: text(f.lang),
                body: text(f.body),
            };
            bytes += doc.body.len() as u64;
            n += 1;
            serde_json::to_writer(&mut w, &doc).unwrap();
            w.write_all(b"\n").unwrap();
        }
    }
    w.flush().unwrap();
    (n, bytes)
}

fn read_docs(path: &str) -> impl Iterator<Item = Doc> {
    std::io::BufReader::new(std::fs::File::open(path).unwrap())
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
}

/// The raw tantivy schema: our analyzers on the text, the filter fields, the id to return.
fn raw_schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("consultation", STRING | FAST);
    b.add_date_field(
        "date",
        DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_text_field(
        "text",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EXACT)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    for (_, field, analyzer) in STEMMED {
        b.add_text_field(
            field,
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analyzer)
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        );
    }
    b.build()
}

fn index_raw(docs: &str, out: &str) {
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).unwrap();
    let schema = raw_schema();
    let index = Index::create_in_dir(out, schema.clone()).unwrap();
    register_analyzers(&index);
    let field = |n: &str| schema.get_field(n).unwrap();
    let (id, consultation, date, text) = (
        field("id"),
        field("consultation"),
        field("date"),
        field("text"),
    );
    // The memory of our document index's writer.
    let mut writer: IndexWriter = index.writer(inspraak::index::build::WRITER_MEMORY).unwrap();
    for doc in read_docs(docs) {
        let mut d = TantivyDocument::default();
        d.add_text(id, &doc.id);
        if !doc.consultation.is_empty() {
            d.add_text(consultation, &doc.consultation);
        }
        d.add_date(
            date,
            tantivy::DateTime::from_timestamp_secs(doc.day * 86_400),
        );
        d.add_text(text, &doc.body);
        if let Some((_, name, _)) = STEMMED.iter().find(|(code, _, _)| *code == doc.lang) {
            d.add_text(field(name), &doc.body);
        }
        writer.add_document(d).unwrap();
    }
    writer.commit().unwrap();
    writer.wait_merging_threads().unwrap();
}

fn index_fts5(docs: &str, out: &str) {
    let _ = std::fs::remove_file(out);
    let db = rusqlite::Connection::open(out).unwrap();
    // A bulk load as fast as SQLite allows: no journal, no syncs.
    db.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
         CREATE VIRTUAL TABLE docs USING fts5(body, id UNINDEXED, consultation UNINDEXED,
           day UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');",
    )
    .unwrap();
    let mut batch = Vec::new();
    let flush = |batch: &mut Vec<Doc>| {
        let tx = db.unchecked_transaction().unwrap();
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO docs (body, id, consultation, day) VALUES (?1, ?2, ?3, ?4)",
                )
                .unwrap();
            for d in batch.drain(..) {
                stmt.execute(rusqlite::params![d.body, d.id, d.consultation, d.day])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
    };
    for doc in read_docs(docs) {
        batch.push(doc);
        if batch.len() == 10_000 {
            flush(&mut batch);
        }
    }
    flush(&mut batch);
    db.execute("INSERT INTO docs (docs) VALUES ('optimize')", [])
        .unwrap();
}

/// A query of the set, in the three forms.
#[derive(Clone, Debug)]
struct Q {
    class: &'static str,
    words: Vec<String>,
    phrase: bool,
    /// The word is a prefix: `word*` (FTS5 has the same syntax).
    prefix: bool,
    /// A consultation and a date range (inclusive days).
    filter: Option<(String, i64, i64)>,
}

impl Q {
    fn ours(&self) -> SearchRequest {
        let query = self.fts();
        let day =
            |d: i64| NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(d as u64);
        SearchRequest {
            query,
            consultation: self.filter.as_ref().map(|f| f.0.clone()),
            since: self.filter.as_ref().map(|f| day(f.1)),
            until: self.filter.as_ref().map(|f| day(f.2)),
            limit: 10,
            ..SearchRequest::default()
        }
    }

    fn api_path(&self) -> String {
        let r = self.ours();
        let mut p = url::form_urlencoded::Serializer::new(String::new());
        p.append_pair("q", &r.query);
        if let Some(c) = &r.consultation {
            p.append_pair("consultation", c);
        }
        if let (Some(s), Some(u)) = (r.since, r.until) {
            p.append_pair("since", &s.to_string());
            p.append_pair("until", &u.to_string());
        }
        format!("/api/search?{}", p.finish())
    }

    fn fts(&self) -> String {
        if self.phrase {
            format!("\"{}\"", self.words.join(" "))
        } else if self.prefix {
            format!("{}*", self.words.join(" "))
        } else {
            self.words.join(" ")
        }
    }

    /// The same words as ours: each word exact or by its stem in any language; a phrase exact.
    fn raw(&self, schema: &Schema) -> Box<dyn Query> {
        let field = |n: &str| schema.get_field(n).unwrap();
        let tokens = |mut a: tantivy::tokenizer::TextAnalyzer, w: &str| {
            let mut out = Vec::new();
            let mut s = a.token_stream(w);
            while s.advance() {
                out.push(s.token().text.clone());
            }
            out
        };
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if self.prefix {
            // tantivy's own prefix: an automaton over the exact field, constant score.
            let pattern = format!("{}.*", self.words[0]);
            must.push((
                Occur::Must,
                Box::new(
                    tantivy::query::RegexQuery::from_pattern(&pattern, field("text")).unwrap(),
                ),
            ));
        } else if self.phrase {
            let terms = self
                .words
                .iter()
                .flat_map(|w| tokens(exact_analyzer(), w))
                .map(|t| Term::from_field_text(field("text"), &t))
                .collect();
            must.push((Occur::Must, Box::new(PhraseQuery::new(terms))));
        } else {
            for w in &self.words {
                let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for t in tokens(exact_analyzer(), w) {
                    should.push((
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_field_text(field("text"), &t),
                            IndexRecordOption::WithFreqs,
                        )),
                    ));
                }
                for (code, name, _) in STEMMED {
                    for t in tokens(stemmed_analyzer(code).unwrap(), w) {
                        should.push((
                            Occur::Should,
                            Box::new(TermQuery::new(
                                Term::from_field_text(field(name), &t),
                                IndexRecordOption::WithFreqs,
                            )),
                        ));
                    }
                }
                must.push((Occur::Must, Box::new(BooleanQuery::new(should))));
            }
        }
        if let Some((c, from, to)) = &self.filter {
            must.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(field("consultation"), c),
                    IndexRecordOption::Basic,
                )),
            ));
            let day = |d: i64| {
                Term::from_field_date(
                    field("date"),
                    tantivy::DateTime::from_timestamp_secs(d * 86_400),
                )
            };
            must.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(day(*from)),
                    Bound::Excluded(day(to + 1)),
                )),
            ));
        }
        Box::new(BooleanQuery::new(must))
    }
}

/// Plain lowercase ASCII words of four letters or more: the same word to every tokenizer.
fn plain_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4)
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

/// Draws the query set from the texts, deterministically: document frequencies over every
/// document, then words by frequency band, pairs and phrases from real documents.
/// `per_class` queries of each class; pairs, phrases and filters from every `stride`th document
/// that has material for them. The API paths of all but the prefixes go to `out`, each once.
fn draw_queries(docs: &Path, out: &Path, per_class: usize, stride: usize) -> Vec<Q> {
    let path = docs.to_str().unwrap();
    let mut df: HashMap<String, u32> = HashMap::new();
    let mut n = 0u32;
    for d in read_docs(path) {
        n += 1;
        let mut w = plain_words(&d.body);
        w.sort();
        w.dedup();
        for x in w {
            *df.entry(x).or_default() += 1;
        }
    }
    let mut by_df: Vec<(&String, &u32)> = df.iter().collect();
    by_df.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(b.0)));
    let pick = |lo: u32, hi: u32, k: usize| -> Vec<String> {
        let band: Vec<&String> = by_df
            .iter()
            .filter(|(_, &c)| c >= lo && c <= hi)
            .map(|(w, _)| *w)
            .collect();
        let step = (band.len() / k).max(1);
        band.iter()
            .step_by(step)
            .take(k)
            .map(|w| w.to_string())
            .collect()
    };
    let mut qs = Vec::new();
    for w in pick(5, 50, per_class) {
        qs.push(Q {
            class: "rare word",
            words: vec![w],
            phrase: false,
            prefix: false,
            filter: None,
        });
    }
    let common = pick(n / 20, n, per_class);
    for w in &common {
        qs.push(Q {
            class: "common word",
            words: vec![w.clone()],
            phrase: false,
            prefix: false,
            filter: None,
        });
    }
    // Pairs, phrases and filters from every `stride`th document that has material for them.
    let (mut pairs, mut phrases, mut filtered) = (0, 0, 0);
    for (i, d) in read_docs(path).enumerate() {
        if i % stride != 0 {
            continue;
        }
        let words = plain_words(&d.body);
        let mid: Vec<&String> = words
            .iter()
            .filter(|w| df.get(*w).is_some_and(|&c| c >= n / 200 && c <= n / 20))
            .collect();
        if pairs < per_class && mid.len() >= 2 && mid[0] != mid[mid.len() - 1] {
            qs.push(Q {
                class: "two-word AND",
                words: vec![mid[0].clone(), mid[mid.len() - 1].clone()],
                phrase: false,
                prefix: false,
                filter: None,
            });
            pairs += 1;
        }
        // Three consecutive plain words of the text.
        let raw: Vec<&str> = d.body.split_whitespace().collect();
        if phrases < per_class {
            if let Some(win) = raw.windows(3).find(|w| {
                w.iter()
                    .all(|x| x.len() >= 4 && x.chars().all(|c| c.is_ascii_lowercase()))
            }) {
                qs.push(Q {
                    class: "phrase",
                    words: win.iter().map(|s| s.to_string()).collect(),
                    phrase: true,
                    prefix: false,
                    filter: None,
                });
                phrases += 1;
            }
        }
        if filtered < per_class && !d.consultation.is_empty() && d.day > 0 {
            let w = common[filtered % common.len()].clone();
            qs.push(Q {
                class: "word + consultation + dates",
                words: vec![w],
                phrase: false,
                prefix: false,
                filter: Some((d.consultation.clone(), d.day - 15, d.day + 15)),
            });
            filtered += 1;
        }
    }
    // The server load mix stays the classes it has always had, so that runs compare.
    let mut f = BufWriter::new(std::fs::File::create(out).unwrap());
    let mut written = std::collections::HashSet::new();
    for q in &qs {
        let path = q.api_path();
        if written.insert(path.clone()) {
            writeln!(f, "{path}").unwrap();
        }
    }
    // Three-letter prefixes of the common words: the expensive end of `word*`.
    let mut prefixes: Vec<String> = common.iter().map(|w| w[..3].to_string()).collect();
    prefixes.sort();
    prefixes.dedup();
    for p in prefixes {
        qs.push(Q {
            class: "prefix (3 letters)",
            words: vec![p],
            phrase: false,
            prefix: true,
            filter: None,
        });
    }
    println!(
        "queries: {} ({}), paths in {}",
        qs.len(),
        {
            let mut c: BTreeMap<&str, usize> = BTreeMap::new();
            for q in &qs {
                *c.entry(q.class).or_default() += 1;
            }
            c.iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        },
        out.display()
    );
    qs
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn latencies(index: &Path, raw_dir: &Path, fts_file: &Path, queries: &[Q], runs: usize) {
    // The search itself: no answer is kept between runs of a query.
    let ours = Engine::open(index).unwrap().with_cache(0);
    let raw = Index::open_in_dir(raw_dir).unwrap();
    register_analyzers(&raw);
    let raw_schema = raw.schema();
    let raw_id = raw_schema.get_field("id").unwrap();
    let raw_searcher = raw.reader().unwrap().searcher();
    let fts = rusqlite::Connection::open(fts_file).unwrap();
    let mut plain = fts
        .prepare("SELECT id, snippet(docs, 0, '<mark>', '</mark>', '…', 24) FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs) LIMIT 10")
        .unwrap();
    let mut filtered = fts
        .prepare("SELECT id, snippet(docs, 0, '<mark>', '</mark>', '…', 24) FROM docs WHERE docs MATCH ?1 AND consultation = ?2 AND day BETWEEN ?3 AND ?4 ORDER BY bm25(docs) LIMIT 10")
        .unwrap();
    // system → class → milliseconds
    let mut times: BTreeMap<&str, BTreeMap<&str, Vec<f64>>> = BTreeMap::new();
    let mut hits: BTreeMap<&str, u64> = BTreeMap::new();
    let mut slowest: Vec<(f64, &str, String)> = Vec::new();
    for run in 0..=runs {
        for q in queries {
            let t = Instant::now();
            let r = match ours.search(&q.ours()) {
                Ok(r) => r,
                Err(e) => {
                    // A prefix that stands for too many words is a message, not a search.
                    if run == 0 {
                        println!("ours refuses {:?}: {e}", q.fts());
                    }
                    continue;
                }
            };
            let ms = t.elapsed().as_secs_f64() * 1e3;
            let n_ours = r.hits.len();

            let t = Instant::now();
            let top = raw_searcher
                .search(
                    &*q.raw(&raw_schema),
                    &TopDocs::with_limit(10).order_by_score(),
                )
                .unwrap();
            let ids: Vec<String> = top
                .iter()
                .map(|(_, a)| {
                    let d: TantivyDocument = raw_searcher.doc(*a).unwrap();
                    d.get_first(raw_id)
                        .and_then(|v| v.as_str())
                        .unwrap_or("")
                        .to_string()
                })
                .collect();
            let ms_raw = t.elapsed().as_secs_f64() * 1e3;

            let t = Instant::now();
            let rows: Vec<(String, String)> = match &q.filter {
                None => plain
                    .query_map([q.fts()], |r| Ok((r.get(0)?, r.get(1)?)))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect(),
                Some((c, from, to)) => filtered
                    .query_map(rusqlite::params![q.fts(), c, from, to], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .unwrap()
                    .map(Result::unwrap)
                    .collect(),
            };
            let ms_fts = t.elapsed().as_secs_f64() * 1e3;
            // The first round warms caches and is not counted.
            if run == 0 {
                continue;
            }
            for (system, ms, n) in [
                ("ours", ms, n_ours),
                ("raw tantivy", ms_raw, ids.len()),
                ("FTS5", ms_fts, rows.len()),
            ] {
                times
                    .entry(system)
                    .or_default()
                    .entry(q.class)
                    .or_default()
                    .push(ms);
                times
                    .entry(system)
                    .or_default()
                    .entry("all")
                    .or_default()
                    .push(ms);
                // The classes of earlier runs, to compare with them.
                if !q.prefix {
                    times
                        .entry(system)
                        .or_default()
                        .entry("all but prefixes")
                        .or_default()
                        .push(ms);
                }
                *hits.entry(system).or_default() += n as u64;
                slowest.push((ms, system, format!("{} {:?}", q.class, q.ours().query)));
            }
        }
    }
    println!("\nquery latency over {runs} runs of {} queries (ms; top 10: ours with snippets and facets, raw without snippets, FTS5 with bm25 and snippet):", queries.len());
    let classes: Vec<&str> = {
        let mut c: Vec<&str> = Vec::new();
        for q in queries {
            if !c.contains(&q.class) {
                c.push(q.class);
            }
        }
        if queries.iter().any(|q| q.prefix) {
            c.push("all but prefixes");
        }
        c.push("all");
        c
    };
    println!("| class | ours p50 | ours p99 | raw p50 | raw p99 | FTS5 p50 | FTS5 p99 |");
    println!("|---|---|---|---|---|---|---|");
    for class in classes {
        let mut row = format!("| {class} ");
        for system in ["ours", "raw tantivy", "FTS5"] {
            let mut v = times[system][class].clone();
            v.sort_by(f64::total_cmp);
            row.push_str(&format!(
                "| {:.2} | {:.2} ",
                percentile(&v, 0.5),
                percentile(&v, 0.99)
            ));
        }
        println!("{row}|");
    }
    println!("hits returned (all runs): {hits:?}");
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("slowest:");
    for (ms, system, q) in slowest.iter().take(8) {
        println!("  {ms:.2} ms  {system}  {q}");
    }
}
