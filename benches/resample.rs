//! Resamples the real corpus into a large archive that `inspraak reindex` reads, and measures
//! the reindex: documents/s, MB/s and peak memory. Deterministic for a given seed: responses are
//! recombined from real sentences (most from one real response, some from others), spread over
//! consultations and dates, with a share of them carrying a PDF attachment.
//!
//! cargo bench --bench resample -- --corpus ../shared/corpus/naturalisatietermijn-reacties.jsonl \
//!     --responses 100000 --consultations 20 --attachments 0 --out /tmp/resampled --reindex
//!
//! With `--verbatim --responses 1665 --consultations 1`, the corpus is written as published
//! (its own ids, names, dates and texts), for evaluating the pipeline on the real responses.

mod measure;

use measure::arg;
#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::io::BufRead;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use inspraak::crawl::DEFAULT_SITE;
use inspraak::extract::site::MONTHS;
use inspraak::store::archive::ArchiveWriter;
use inspraak::store::state::{PageKind, PageRecord, State};
use inspraak::store::IndexPaths;
use support::pdf::make_pdf;
use support::site::{consultation_page, response_page, FixtureConsultation, FixtureResponse};

/// splitmix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 10_000.0 < percent
    }
    fn uuid(&mut self) -> String {
        let a = self.next();
        let b = self.next();
        format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            b >> 52,
            b & 0xffff_ffff_ffff
        )
    }
}

struct Source {
    name: String,
    place: String,
    /// The corpus's own (noisy) language label, so that borrowed sentences stay in the
    /// response's language.
    label: usize,
    /// Per question, its sentences.
    answers: Vec<(String, Vec<String>)>,
    /// For `--verbatim`: the response as published.
    id: String,
    date: Option<NaiveDate>,
    raw: Vec<(String, String)>,
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        let bytes = line.as_bytes();
        for i in 0..bytes.len() {
            if matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
                out.push(line[start..=i].trim().to_string());
                start = i + 1;
            }
        }
        let rest = line[start..].trim();
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out
}

fn dutch(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let corpus = arg(&args, "--corpus")
        .unwrap_or_else(|| "../shared/corpus/naturalisatietermijn-reacties.jsonl".into());
    let n: usize = arg(&args, "--responses").map_or(100_000, |v| v.parse().unwrap());
    let m: usize = arg(&args, "--consultations").map_or(20, |v| v.parse().unwrap());
    let pct: f64 = arg(&args, "--attachments").map_or(4.0, |v| v.parse().unwrap());
    let seed: u64 = arg(&args, "--seed").map_or(1, |v| v.parse().unwrap());
    // The corpus as published, one response each, in one consultation: the real pipeline on
    // the real texts (campaigns, respondents), without recombination.
    let verbatim = args.iter().any(|a| a == "--verbatim");
    let out =
        PathBuf::from(arg(&args, "--out").unwrap_or_else(|| "/tmp/inspraak-resampled".into()));
    // `--append` adds to an existing archive (an update's new responses), under consultation
    // slugs with `--prefix`; `--withdraw N` first marks N archived responses withdrawn.
    let append = args.iter().any(|a| a == "--append");
    let prefix = arg(&args, "--prefix").unwrap_or_else(|| "resample".into());
    let withdraw: usize = arg(&args, "--withdraw").map_or(0, |v| v.parse().unwrap());
    if out.exists() && !append {
        std::fs::remove_dir_all(&out).unwrap();
    }

    let mut sources = Vec::new();
    let file = std::fs::File::open(&corpus).unwrap_or_else(|e| panic!("{corpus}: {e}"));
    for line in std::io::BufReader::new(file).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let answers = v["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["question"].as_str().unwrap_or("Vraag1").to_string(),
                    sentences(a["answer"].as_str().unwrap_or("")),
                )
            })
            .collect();
        let label = match v["language_label"].as_str() {
            Some("Dutch") => 0,
            Some("English") => 1,
            _ => 2,
        };
        let raw = v["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["question"].as_str().unwrap_or("Vraag1").to_string(),
                    a["answer"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        sources.push(Source {
            id: v["id"].as_str().unwrap_or("").to_string(),
            date: v["date"]
                .as_str()
                .and_then(inspraak::extract::site::parse_date),
            raw,
            name: v["name"].as_str().unwrap_or("Anoniem").to_string(),
            label,
            place: v["place"].as_str().unwrap_or("").to_string(),
            answers,
        });
    }
    let all_sentences: Vec<&str> = sources
        .iter()
        .flat_map(|s| {
            s.answers
                .iter()
                .flat_map(|(_, a)| a.iter().map(String::as_str))
        })
        .collect();
    let by_label: Vec<Vec<&str>> = (0..3)
        .map(|l| {
            sources
                .iter()
                .filter(|s| s.label == l)
                .flat_map(|s| {
                    s.answers
                        .iter()
                        .flat_map(|(_, a)| a.iter().map(String::as_str))
                })
                .collect()
        })
        .collect();

    let started = Instant::now();
    let paths = IndexPaths::new(&out);
    paths.create().unwrap();
    let mut state = State::open(&paths.state()).unwrap();
    if withdraw > 0 {
        let mut urls = Vec::new();
        state
            .each_of_kind(PageKind::Response, |rec| {
                if urls.len() < withdraw && rec.is_stored() {
                    urls.push(rec.url);
                }
                Ok(())
            })
            .unwrap();
        for u in &urls {
            state.mark_withdrawn(u, 410).unwrap();
        }
        println!("withdrew {} responses", urls.len());
    }
    state.set_meta("site", &format!("{DEFAULT_SITE}/")).unwrap();
    let mut archive = ArchiveWriter::create(&paths.archive()).unwrap();
    let mut rng = Rng(seed);
    let base = NaiveDate::from_ymd_opt(2020, 1, 6).unwrap();
    let consultations: Vec<FixtureConsultation> = (0..m)
        .map(|i| {
            let start = base + Days::new(rng.below(6 * 365) as u64);
            let words: Vec<&str> = all_sentences[rng.below(all_sentences.len())]
                .split_whitespace()
                .take(8)
                .collect();
            FixtureConsultation {
                slug: format!("{prefix}{i:04}"),
                title: format!("Consultatie {i}: {}", words.join(" ")),
                summary: (0..3)
                    .map(|_| all_sentences[rng.below(all_sentences.len())].to_string())
                    .collect(),
                start: start.format("%d-%m-%Y").to_string(),
                end: (start + Days::new(42)).format("%d-%m-%Y").to_string(),
                status: "Gesloten".into(),
                ministry: "Ministerie van Justitie en Veiligheid".into(),
                documents: vec![],
                responses: vec![],
            }
        })
        .collect();
    let mut html_bytes = 0u64;
    let mut pdf_bytes = 0u64;
    let store = |state: &State,
                 archive: &mut ArchiveWriter,
                 url: &str,
                 kind: PageKind,
                 slug: &str,
                 parent: Option<&str>,
                 ct: &str,
                 body: &[u8]| {
        let headers = vec![("Content-Type".to_string(), ct.to_string())];
        let loc = archive
            .write_response(url, 200, "OK", &headers, body)
            .unwrap();
        let mut rec = PageRecord::new(url, kind);
        rec.consultation = Some(slug.to_string());
        rec.parent = parent.map(str::to_string);
        rec.status = Some(200);
        rec.content_type = Some(ct.to_string());
        rec.length = Some(body.len() as u64);
        rec.sha256 = Some(loc.sha256);
        rec.warc_file = Some(loc.file);
        rec.warc_offset = Some(loc.offset);
        state.put(&rec).unwrap();
    };
    let mut attachments = 0;
    let mut per_consultation = vec![0usize; m];
    let mut done = 0;
    while done < n {
        let batch = (n - done).min(10_000);
        state
            .transaction(|s| {
                for i in done..done + batch {
                    let (ci, r) = if verbatim {
                        let src = &sources[i % sources.len()];
                        let r = FixtureResponse {
                            uuid: if i < sources.len() {
                                src.id.clone()
                            } else {
                                rng.uuid()
                            },
                            name: src.name.clone(),
                            place: src.place.clone(),
                            date: src.date.map(dutch).unwrap_or_default(),
                            time: "12:00".into(),
                            answers: src.raw.clone(),
                            attachment: None,
                        };
                        (0, r)
                    } else {
                        let ci = rng.below(m);
                        let c = &consultations[ci];
                        let src = &sources[rng.below(sources.len())];
                        let pool = &by_label[src.label];
                        let answers: Vec<(String, String)> = src
                            .answers
                            .iter()
                            .map(|(q, sents)| {
                                let mut out: Vec<&str> = Vec::new();
                                for s in sents {
                                    // Mostly the response's own sentences, some from elsewhere.
                                    if rng.chance(25.0) && !pool.is_empty() {
                                        out.push(pool[rng.below(pool.len())]);
                                    } else if !rng.chance(10.0) {
                                        out.push(s);
                                    }
                                }
                                if out.is_empty() && !pool.is_empty() {
                                    out.push(pool[rng.below(pool.len())]);
                                }
                                (q.clone(), out.join(" "))
                            })
                            .collect();
                        let start = NaiveDate::parse_from_str(&c.start, "%d-%m-%Y").unwrap();
                        let date = start + Days::new(rng.below(42) as u64);
                        let who = &sources[rng.below(sources.len())];
                        // Responses whose source has no answer text answered in an attachment only.
                        let with_attachment = rng.chance(pct) || src.answers.is_empty();
                        let r = FixtureResponse {
                            uuid: rng.uuid(),
                            name: who.name.clone(),
                            place: src.place.clone(),
                            date: dutch(date),
                            time: format!("{:02}:{:02}", rng.below(24), rng.below(60)),
                            answers,
                            attachment: with_attachment.then_some(1_000_000 + i as u32),
                        };
                        (ci, r)
                    };
                    per_consultation[ci] += 1;
                    let c = &consultations[ci];
                    let html = response_page(c, &r);
                    html_bytes += html.len() as u64;
                    let url = format!("{DEFAULT_SITE}/{}/reactie/{}", c.slug, r.uuid);
                    store(
                        s,
                        &mut archive,
                        &url,
                        PageKind::Response,
                        &c.slug,
                        None,
                        "text/html",
                        html.as_bytes(),
                    );
                    if let Some(number) = r.attachment {
                        let pages: Vec<String> = (0..1 + rng.below(3))
                            .map(|_| {
                                (0..12)
                                    .map(|_| all_sentences[rng.below(all_sentences.len())])
                                    .collect::<Vec<_>>()
                                    .join("\n")
                            })
                            .collect();
                        let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
                        let pdf = make_pdf(&refs);
                        pdf_bytes += pdf.len() as u64;
                        let aurl = format!("{DEFAULT_SITE}/{}/reactie/{number}/bestand", c.slug);
                        store(
                            s,
                            &mut archive,
                            &aurl,
                            PageKind::Attachment,
                            &c.slug,
                            Some(&url),
                            "application/pdf",
                            &pdf,
                        );
                        attachments += 1;
                    }
                }
                Ok(())
            })
            .unwrap();
        done += batch;
    }
    // The consultation pages last, so that each announces the responses written for it, as
    // the site's page does ("Reacties op deze consultatie N").
    state
        .transaction(|s| {
            for (c, &count) in consultations.iter().zip(&per_consultation) {
                let placeholder = FixtureResponse {
                    uuid: String::new(),
                    name: String::new(),
                    place: String::new(),
                    date: String::new(),
                    time: String::new(),
                    answers: Vec::new(),
                    attachment: None,
                };
                let c = &FixtureConsultation {
                    responses: vec![placeholder; count],
                    ..c.clone()
                };
                s.add_consultation(&c.slug, Some(&c.title))?;
                let html = consultation_page(c);
                html_bytes += html.len() as u64;
                let url = format!("{DEFAULT_SITE}/{}", c.slug);
                store(
                    s,
                    &mut archive,
                    &url,
                    PageKind::Consultation,
                    &c.slug,
                    None,
                    "text/html",
                    html.as_bytes(),
                );
            }
            Ok(())
        })
        .unwrap();
    drop(archive);
    let archive_bytes: u64 = std::fs::read_dir(paths.archive())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    println!(
        "generated {n} responses ({attachments} with a PDF attachment) over {m} consultations in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    println!(
        "  HTML {:.1} MB, PDF {:.1} MB, archive on disk {:.1} MB: {}",
        html_bytes as f64 / 1e6,
        pdf_bytes as f64 / 1e6,
        archive_bytes as f64 / 1e6,
        out.display()
    );

    if args.iter().any(|a| a == "--reindex") {
        let bin = env!("CARGO_BIN_EXE_inspraak");
        let m = measure::run(
            Command::new(bin)
                .args(["reindex", "--json", "--index"])
                .arg(&out),
        );
        let (output, secs) = (m.output, m.seconds);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let docs = summary["documents"].as_u64().unwrap();
        let text = summary["text_bytes"].as_u64().unwrap();
        let index_bytes = measure::dir_size(&paths.tantivy());
        println!("reindex: {docs} documents in {secs:.2} s (wall, whole process)");
        println!("  {:.0} documents/s", docs as f64 / secs);
        println!(
            "  {:.2} MB/s of extracted text ({:.1} MB), {:.2} MB/s of archived HTML+PDF ({:.1} MB)",
            text as f64 / 1e6 / secs,
            text as f64 / 1e6,
            (html_bytes + pdf_bytes) as f64 / 1e6 / secs,
            (html_bytes + pdf_bytes) as f64 / 1e6
        );
        println!("  peak RSS {:.0} MiB", m.peak_mib);
        println!("  index size {:.1} MB", index_bytes as f64 / 1e6);
        println!(
            "  by kind {}, by lang {}",
            summary["by_kind"], summary["by_lang"]
        );
    }
}
