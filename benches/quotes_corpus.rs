//! Quotes on the real corpus: archives `../shared/corpus` as the site would have served it (one
//! consultation, each response verbatim), reindexes it, checks that every passage is exactly its
//! document's text between its offsets, reports the index size, and prints the
//! top quotes for a few queries.
//!
//! cargo bench --bench quotes_corpus -- [--corpus PATH] [QUERY]...

mod measure;
#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::io::BufRead;
use std::process::Command;

use inspraak::crawl::DEFAULT_SITE;
use inspraak::store::archive::ArchiveWriter;
use inspraak::store::state::{PageKind, PageRecord, State};
use inspraak::store::IndexPaths;
use support::site::{consultation_page, response_page, FixtureConsultation, FixtureResponse};
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

const SLUG: &str = "naturalisatietermijn";

fn store(state: &State, archive: &mut ArchiveWriter, url: &str, kind: PageKind, body: &str) {
    let headers = vec![("Content-Type".to_string(), "text/html".to_string())];
    let loc = archive
        .write_response(url, 200, "OK", &headers, body.as_bytes())
        .unwrap();
    let mut rec = PageRecord::new(url, kind);
    rec.consultation = Some(SLUG.to_string());
    rec.status = Some(200);
    rec.content_type = Some("text/html".into());
    rec.sha256 = Some(loc.sha256);
    rec.warc_file = Some(loc.file);
    rec.warc_offset = Some(loc.offset);
    state.put(&rec).unwrap();
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let corpus = args
        .iter()
        .position(|a| a == "--corpus")
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| "../shared/corpus/naturalisatietermijn-reacties.jsonl".into());
    let mut queries: Vec<String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--corpus"))
        .map(|(_, a)| a.clone())
        .collect();
    if queries.is_empty() {
        queries = vec![
            "gezinnen kinderen".into(),
            "\"terugwerkende kracht\"".into(),
            "integration taxes".into(),
        ];
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("index");
    let paths = IndexPaths::new(&root);
    paths.create().unwrap();
    let mut state = State::open(&paths.state()).unwrap();
    let mut archive = ArchiveWriter::create(&paths.archive()).unwrap();
    let c = FixtureConsultation {
        slug: SLUG.into(),
        title: SLUG.into(),
        summary: vec![],
        start: "30-09-2025".into(),
        end: "04-10-2025".into(),
        status: "Gesloten".into(),
        ministry: "".into(),
        documents: vec![],
        responses: vec![],
    };
    let mut n = 0;
    state
        .transaction(|s| {
            store(
                s,
                &mut archive,
                &format!("{DEFAULT_SITE}/{SLUG}"),
                PageKind::Consultation,
                &consultation_page(&c),
            );
            for line in std::io::BufReader::new(std::fs::File::open(&corpus).unwrap()).lines() {
                let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
                let r = FixtureResponse {
                    uuid: v["id"].as_str().unwrap().into(),
                    name: v["name"].as_str().unwrap_or("Anoniem").into(),
                    place: v["place"].as_str().unwrap_or("").into(),
                    date: v["date"].as_str().unwrap_or("").into(),
                    time: "00:00".into(),
                    answers: v["answers"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|a| {
                            (
                                a["question"].as_str().unwrap_or("").to_string(),
                                a["answer"].as_str().unwrap_or("").to_string(),
                            )
                        })
                        .collect(),
                    attachment: None,
                };
                let url = format!("{DEFAULT_SITE}/{SLUG}/reactie/{}", r.uuid);
                store(
                    s,
                    &mut archive,
                    &url,
                    PageKind::Response,
                    &response_page(&c, &r),
                );
                n += 1;
            }
            Ok(())
        })
        .unwrap();
    drop(archive);
    drop(state);
    let bin = env!("CARGO_BIN_EXE_inspraak");
    let m = measure::run(
        Command::new(bin)
            .arg("--index")
            .arg(&root)
            .args(["reindex", "--json"]),
    );
    assert!(
        m.output.status.success(),
        "{}",
        String::from_utf8_lossy(&m.output.stderr)
    );
    let s: serde_json::Value = serde_json::from_slice(&m.output.stdout).unwrap();
    println!(
        "{n} responses archived; reindex {:.2} s, peak RSS {:.0} MiB: {} documents, {} not indexed ({})",
        m.seconds,
        m.peak_mib,
        s["documents"],
        s["failures"].as_array().map_or(0, Vec::len),
        s["failures"].as_array().and_then(|f| f.first()).map(|f| f["reason"].to_string()).unwrap_or_default(),
    );
    println!(
        "index size: {:.1} MB (one index: quotes are cut from the documents)",
        measure::dir_size(&paths.tantivy()) as f64 / 1e6,
    );

    // Every document's stored sentence boundaries are those of its text, and every passage cut
    // from them is its document's text between its character offsets.
    let engine = inspraak::search::Engine::open(&root).unwrap();
    let f = engine.fields();
    let searcher = engine.searcher();
    let (mut docs, mut checked) = (0, 0);
    for addr in searcher.search(&AllQuery, &DocSetCollector).unwrap() {
        let d: TantivyDocument = searcher.doc(addr).unwrap();
        let body = d
            .get_first(f.body)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let stored = d
            .get_first(f.sentences)
            .and_then(|v| v.as_bytes())
            .and_then(inspraak::text::sentences::decode)
            .unwrap();
        assert_eq!(stored, inspraak::text::sentences::boundaries(&body));
        let id = d
            .get_first(f.id)
            .and_then(|v| v.as_str())
            .unwrap()
            .to_string();
        let text = engine.document(&id).unwrap().unwrap().text;
        for span in inspraak::quotes::passages_of(&body, &stored) {
            let start = body[..span.range.start].chars().count();
            let end = start + body[span.range.clone()].chars().count();
            let slice: String = text.chars().skip(start).take(end - start).collect();
            assert_eq!(slice, &body[span.range], "{id}");
            checked += 1;
        }
        docs += 1;
    }
    println!("property holds for all {checked} passages of {docs} documents: text == document text[start..end] (characters)\n");

    for q in &queries {
        let out = Command::new(bin)
            .arg("--index")
            .arg(&root)
            .args(["quotes", q, "--limit", "5", "--format", "text"])
            .output()
            .unwrap();
        println!(
            "$ inspraak quotes '{q}' --limit 5\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}
