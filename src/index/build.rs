//! The index step: the archive's units into the index, in place, in one commit. It compares
//! what the crawl state says each unit is made from with what the index holds, then
//!
//! 1. extracts the units that are new or changed, on every core, each archived body read once,
//!    into a spool of prepared documents (their campaigns are not known yet);
//! 2. clusters again the campaigns of the consultations those units belong to, from the
//!    signatures kept in the state;
//! 3. deletes the documents of units that are gone or changed, adds the spooled ones with their
//!    campaign and consultation title, and re-adds from the index's own stored fields the
//!    unchanged documents whose campaign or title changed;
//! 4. commits once. A run killed before the commit leaves the previous index whole; the next
//!    run finds the same differences and does the same work.
//!
//! `reindex` is the same step over every unit (`full`): it is the reference an update must
//! agree with.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};

use super::document::{self, Derived, Origin};
use super::{campaigns, open_or_create, Fields};
use crate::error::{Error, Result};
use crate::extract::units::{self, Extraction, Prepared, UnitKind, UnitRef, Verdict};
use crate::extract::worker::Extractor;
use crate::extract::{site, Document};
use crate::progress::{Failure, Progress};
use crate::store::state::State;
use crate::store::{IndexPaths, WriteLock};

/// Memory for the index writer (split over its threads).
pub const WRITER_MEMORY: usize = 256 << 20;
/// The state's meta key holding the campaign threshold chosen with `reindex`.
pub const THRESHOLD_KEY: &str = "campaign_threshold";
/// The state's meta key holding the last index step's summary, for `stats`.
pub const LAST_STEP_KEY: &str = "last_index_step";
/// Below this many units to extract, each unit's rows are looked up; above it, the state is
/// read in one pass.
const LOOKUP_LIMIT: usize = 5_000;
/// Sketches and verdicts written to the state in one transaction.
const BATCH: usize = 1_000;

/// What an index step did, and what the index holds after it.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct IndexSummary {
    /// Documents in the index.
    pub documents: u64,
    pub by_kind: BTreeMap<String, u64>,
    pub by_lang: BTreeMap<String, u64>,
    /// Responses by respondent type.
    pub by_respondent: BTreeMap<String, u64>,
    /// Responses without text, per consultation: the respondent left every answer empty and
    /// attached nothing (they are in `documents` and `by_kind` too).
    pub without_text: BTreeMap<String, u64>,
    /// True when every unit was extracted (`reindex`, a new index or a new schema).
    pub full: bool,
    /// Units whose bodies were read and extracted in this step.
    pub extracted: u64,
    /// Documents added from those units.
    pub added: u64,
    /// Unchanged documents re-added with a new campaign or consultation title.
    pub readded: u64,
    /// Documents deleted: their response was withdrawn or their source is gone.
    pub deleted: u64,
    /// Earlier versions of changed documents, deleted as the new ones were added.
    pub replaced: u64,
    /// Bytes of text extracted in this step.
    pub text_bytes: u64,
    /// Bodies that could not be turned into documents in this step, with the reason.
    pub failures: Vec<Failure>,
    /// Damaged files indexed with the text that could be recovered, with what is missing.
    pub damaged: Vec<Failure>,
    /// Near-identical responses grouped into campaigns.
    pub campaigns: campaigns::CampaignSummary,
    /// Seconds the index step took.
    pub seconds: f64,
}

/// How to run the index step.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Show a progress bar.
    pub progress: bool,
    /// Extract every unit again (`reindex`).
    pub full: bool,
}

/// Sets the similarity (Jaccard, above 0 and at most 1) at which responses count as copies of
/// one campaign, for this and every later build of the index folder.
pub fn set_campaign_threshold(root: &Path, threshold: f64) -> Result<()> {
    if !(threshold > 0.0 && threshold <= 1.0) {
        return Err(Error::Usage(format!(
            "--campaign-threshold must be above 0 and at most 1, not {threshold}"
        )));
    }
    State::open(&state_path(root)?)?.set_meta(THRESHOLD_KEY, &threshold.to_string())
}

fn state_path(root: &Path) -> Result<PathBuf> {
    let path = IndexPaths::new(root).state();
    if !path.exists() {
        return Err(Error::Usage(format!(
            "no crawl state in {} (run `inspraak crawl` first)",
            root.display()
        )));
    }
    Ok(path)
}

/// Rebuilds the index of `root` from its whole archive, holding the folder's write lock.
pub fn rebuild(root: &Path, files: &Extractor, progress: bool) -> Result<IndexSummary> {
    let lock = WriteLock::acquire(root)?;
    update(
        root,
        files,
        BuildOptions {
            progress,
            full: true,
        },
        &lock,
    )
}

/// What the index holds of one unit.
#[derive(Debug, Clone, Copy)]
struct Held {
    source: u64,
    derived: u64,
    docs: u64,
    /// The consultation, as an index into [`Holdings::consultations`].
    consultation: Option<u32>,
}

/// What the index holds, unit by unit, read from its fast fields.
#[derive(Default)]
struct Holdings {
    units: HashMap<u64, Held>,
    consultations: Vec<String>,
}

impl Holdings {
    fn read(searcher: &Searcher) -> Result<Holdings> {
        let mut h = Holdings::default();
        let mut slugs: HashMap<String, u32> = HashMap::new();
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            let column = |name: &str| ff.u64(name).map_err(|e| index_error(name, e));
            let (unit, source, derived) = (column("unit")?, column("source")?, column("derived")?);
            let consultation = ff
                .str("consultation")
                .map_err(|e| index_error("consultation", e))?;
            let mut by_ord: HashMap<u64, u32> = HashMap::new();
            for doc in segment.doc_ids_alive() {
                let Some(key) = unit.first(doc) else { continue };
                let slug = match (
                    &consultation,
                    consultation.as_ref().and_then(|c| c.ords().first(doc)),
                ) {
                    (Some(c), Some(ord)) => Some(*by_ord.entry(ord).or_insert_with(|| {
                        let mut s = String::new();
                        let _ = c.ord_to_str(ord, &mut s);
                        let next = slugs.len() as u32;
                        *slugs.entry(s).or_insert(next)
                    })),
                    _ => None,
                };
                let e = h.units.entry(key).or_insert(Held {
                    source: source.first(doc).unwrap_or(0),
                    derived: derived.first(doc).unwrap_or(0),
                    docs: 0,
                    consultation: slug,
                });
                e.docs += 1;
            }
        }
        h.consultations = vec![String::new(); slugs.len()];
        for (s, i) in slugs {
            h.consultations[i as usize] = s;
        }
        Ok(h)
    }

    fn consultation(&self, held: &Held) -> Option<&str> {
        held.consultation
            .map(|i| self.consultations[i as usize].as_str())
    }
}

fn index_error(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Usage(format!("the index's {what} column cannot be read: {e}"))
}

/// What the step will do, decided from the state and the index alone.
struct Plan {
    /// Units to read from the archive.
    extract: Vec<UnitRef>,
    /// Units in the index that the archive no longer has.
    gone: Vec<u64>,
    /// Consultations whose campaigns and titles must be worked out again.
    affected: BTreeSet<String>,
}

fn plan(units: &[UnitRef], held: &Holdings, unindexed: &HashMap<u64, u64>, full: bool) -> Plan {
    let mut extract = Vec::new();
    let mut affected = BTreeSet::new();
    let wanted: HashSet<u64> = units.iter().map(|u| u.key).collect();
    for u in units {
        let same = held.units.get(&u.key).is_some_and(|h| h.source == u.source);
        // A unit that gave no document keeps giving none until its bodies change.
        if full || !same && unindexed.get(&u.key) != Some(&u.source) {
            extract.push(u.clone());
            affected.insert(u.consultation.clone());
        }
    }
    let mut gone = Vec::new();
    for (key, h) in &held.units {
        if !wanted.contains(key) {
            gone.push(*key);
            if let Some(c) = held.consultation(h) {
                affected.insert(c.to_string());
            }
        }
    }
    affected.remove("");
    Plan {
        extract,
        gone,
        affected,
    }
}

/// One spooled document: a prepared document with where it came from.
#[derive(Serialize, Deserialize)]
struct Spooled {
    unit: u64,
    source: u64,
    #[serde(flatten)]
    prepared: Prepared,
}

/// What a worker reports of one unit (its documents went to the spool).
struct Report {
    unit: UnitRef,
    docs: u64,
    text_bytes: u64,
    outcomes: Vec<units::Outcome>,
    sketch: Option<crate::store::state::Sketch>,
    /// A consultation page's title.
    title: Option<String>,
}

/// Runs the index step on `root`, in place, for a caller that holds the write lock.
pub fn update(
    root: &Path,
    files: &Extractor,
    opts: BuildOptions,
    _lock: &WriteLock,
) -> Result<IndexSummary> {
    let started = Instant::now();
    let paths = IndexPaths::new(root);
    let state = State::open(&state_path(root)?)?;
    let (index, fields, fresh) = open_or_create(root)?;
    let full = opts.full || fresh;
    let dir = paths.tantivy();
    let ierr = |source| Error::Index {
        path: dir.clone(),
        source,
    };
    let threshold = state
        .meta(THRESHOLD_KEY)?
        .and_then(|t| t.parse().ok())
        .unwrap_or(crate::campaigns::DEFAULT_THRESHOLD);
    let progress = Progress::new(opts.progress);
    let mut summary = IndexSummary {
        full,
        ..IndexSummary::default()
    };

    let units = units::list(&state)?;
    let reader = index.reader().map_err(ierr)?;
    let searcher = reader.searcher();
    let held = if full {
        Holdings::default()
    } else {
        Holdings::read(&searcher)?
    };
    let unindexed = if full {
        HashMap::new()
    } else {
        state.unindexed()?
    };
    let plan = plan(&units, &held, &unindexed, full);

    // 1. Extract the new and changed units into the spool.
    let spool = Spool::create(&root.join("index.spool"))?;
    progress.phase("extract", plan.extract.len() as u64);
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut unindexed_now = Vec::new();
    let mut sketches = Vec::new();
    let mut outcomes = Vec::new();
    extract_units(
        &state,
        &plan.extract,
        files,
        &paths.archive(),
        &spool,
        |r| {
            progress.step(&r.unit.url);
            summary.extracted += 1;
            summary.text_bytes += r.text_bytes;
            // Only verdicts that change the state are kept, and written once it has been read.
            outcomes.extend(
                r.outcomes
                    .into_iter()
                    .filter(|o| o.previous.is_some() || o.verdict != Verdict::Ok),
            );
            if let Some(s) = r.sketch {
                summary.campaigns.sketched += 1;
                sketches.push(s);
                if sketches.len() >= BATCH {
                    state.put_sketches(&std::mem::take(&mut sketches))?;
                }
            }
            if let Some(t) = r.title {
                titles.insert(r.unit.consultation.clone(), t);
            }
            if r.docs == 0 || full || unindexed.contains_key(&r.unit.key) {
                unindexed_now.push((r.unit.key, (r.docs == 0).then_some(r.unit.source)));
            }
            Ok(())
        },
    )?;
    state.put_sketches(&sketches)?;
    record_outcomes(&state, &outcomes, &mut summary)?;
    let responses: HashSet<u64> = units
        .iter()
        .filter(|u| u.kind == UnitKind::Response)
        .map(|u| u.key)
        .collect();
    state.prune_sketches(&responses)?;
    summary.campaigns.reused = responses.len() as u64 - summary.campaigns.sketched;

    // 2. Campaigns and titles of the consultations this step touched.
    let campaign_started = Instant::now();
    let affected: Vec<String> = if full {
        state.sketch_consultations()?
    } else {
        plan.affected.iter().cloned().collect()
    };
    let campaign_of = campaigns::assign(&state, &affected, threshold)?;
    summary.campaigns.threshold = threshold;
    summary.campaigns.clustered = affected.len() as u64;
    summary.campaigns.seconds = campaign_started.elapsed().as_secs_f64();
    let bills: HashMap<String, Option<String>> = state.consultations()?.into_iter().collect();
    let title_of = |slug: &str| -> Result<String> {
        if let Some(t) = titles.get(slug) {
            return Ok(t.clone());
        }
        if let Some(t) = stored_title(&searcher, &fields, slug)? {
            return Ok(t);
        }
        Ok(bills
            .get(slug)
            .cloned()
            .flatten()
            .unwrap_or_else(|| slug.to_string()))
    };
    let mut title_cache: HashMap<String, String> = HashMap::new();
    for slug in &plan.affected {
        title_cache.insert(slug.clone(), title_of(slug)?);
    }
    let derived_of = |slug: &str, response: Option<&str>| Derived {
        consultation_title: title_cache.get(slug).cloned(),
        campaign: response.and_then(|r| campaign_of.get(r).cloned()),
    };

    // 3. Deletes first: a delete applies to the documents added before it.
    let writer: IndexWriter = index.writer(WRITER_MEMORY).map_err(ierr)?;
    if full {
        writer.delete_all_documents().map_err(ierr)?;
    }
    let unit_term = |key: u64| Term::from_field_u64(fields.unit, key);
    for key in &plan.gone {
        writer.delete_term(unit_term(*key));
        summary.deleted += held.units[key].docs;
    }
    for u in &plan.extract {
        if let Some(h) = held.units.get(&u.key) {
            writer.delete_term(unit_term(u.key));
            summary.replaced += h.docs;
        }
    }
    let extracting: HashSet<u64> = plan.extract.iter().map(|u| u.key).collect();
    let mut rederive = Vec::new();
    for u in &units {
        if u.kind != UnitKind::Response
            || !plan.affected.contains(&u.consultation)
            || extracting.contains(&u.key)
        {
            continue;
        }
        let Some(h) = held.units.get(&u.key) else {
            continue;
        };
        let response = site::response_uuid(&u.url).map(|id| format!("r-{id}"));
        let d = derived_of(&u.consultation, response.as_deref());
        if d.fingerprint() != h.derived {
            writer.delete_term(unit_term(u.key));
            rederive.push((u.key, u.source, d));
        }
    }

    // Then the documents: spooled ones with their derived fields, unchanged ones re-derived.
    progress.phase("index", spool.count());
    summary.added = spool.drain(|s: Spooled| {
        let mut p = s.prepared;
        let d = match units::response_doc_id(&p.doc) {
            Some(r) => derived_of(&p.doc.consultation, Some(r.as_str())),
            None => Derived::default(),
        };
        d.apply(&mut p.doc);
        let origin = Origin {
            unit: s.unit,
            source: s.source,
            derived: d.fingerprint(),
        };
        progress.step(&p.doc.id);
        writer
            .add_document(document::build(&fields, &p, origin))
            .map(|_| ())
            .map_err(ierr)
    })?;
    for (key, source, d) in &rederive {
        let origin = Origin {
            unit: *key,
            source: *source,
            derived: d.fingerprint(),
        };
        let docs = searcher
            .search(
                &TermQuery::new(unit_term(*key), IndexRecordOption::Basic),
                &DocSetCollector,
            )
            .map_err(ierr)?;
        for address in docs {
            let stored: TantivyDocument = searcher.doc(address).map_err(ierr)?;
            writer
                .add_document(document::rederive(&fields, &stored, d, origin))
                .map_err(ierr)?;
            summary.readded += 1;
        }
    }

    // 4. One commit.
    let mut writer = writer;
    writer.commit().map_err(ierr)?;
    writer.wait_merging_threads().map_err(ierr)?;
    drop(spool);
    state.set_unindexed(&unindexed_now, full)?;
    progress.finish();

    reader.reload().map_err(ierr)?;
    totals(&reader.searcher(), &fields, &mut summary)?;
    summary.seconds = started.elapsed().as_secs_f64();
    let mut kept = summary.clone();
    // The lists can be long; `stats` lists failures from the state itself.
    kept.failures.clear();
    kept.damaged.clear();
    state.set_meta(
        LAST_STEP_KEY,
        &serde_json::to_string(&kept).expect("summary serializes"),
    )?;
    Ok(summary)
}

/// Records each row's verdict in the state and the summary.
fn record_outcomes(
    state: &State,
    outcomes: &[units::Outcome],
    summary: &mut IndexSummary,
) -> Result<()> {
    for o in outcomes {
        let now = match &o.verdict {
            Verdict::Ok => None,
            Verdict::Damaged(r) => {
                tracing::warn!(url = %o.url, reason = %r, "indexed partly");
                summary.damaged.push(Failure {
                    url: o.url.clone(),
                    reason: r.clone(),
                });
                Some(r)
            }
            Verdict::Failed(r) => {
                tracing::warn!(url = %o.url, reason = %r, "not indexed");
                summary.failures.push(Failure {
                    url: o.url.clone(),
                    reason: r.clone(),
                });
                Some(r)
            }
        };
        if o.previous.as_ref() != now {
            state.set_extract_error(&o.url, now.map(String::as_str))?;
        }
    }
    Ok(())
}

/// The title the index holds for a consultation's page.
fn stored_title(searcher: &Searcher, f: &Fields, slug: &str) -> Result<Option<String>> {
    let term = Term::from_field_text(f.id, &crate::extract::consultation_id(slug));
    let found = searcher
        .search(
            &TermQuery::new(term, IndexRecordOption::Basic),
            &DocSetCollector,
        )
        .map_err(|e| index_error("id", e))?;
    for address in found {
        let d: TantivyDocument = searcher.doc(address).map_err(|e| index_error("title", e))?;
        if let Some(t) = d.get_first(f.title).and_then(|v| v.as_str()) {
            return Ok(Some(t.to_string()));
        }
    }
    Ok(None)
}

/// Extracts units on every core. The rows are read from the state here (its connection is
/// not shared), the bodies by each worker from the archive; each worker writes its documents
/// to its own spool file and reports the rest back, and `on_report` takes each report on this
/// thread as it comes, so a million reports are never held at once.
fn extract_units(
    state: &State,
    todo: &[UnitRef],
    files: &Extractor,
    archive: &Path,
    spool: &Spool,
    mut on_report: impl FnMut(Report) -> Result<()>,
) -> Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (work_tx, work_rx) = mpsc::sync_channel::<units::Unit>(threads * 16);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Result<Report>>();
    std::thread::scope(|scope| -> Result<()> {
        for n in 0..threads {
            let (work_rx, done_tx) = (&work_rx, done_tx.clone());
            let mut out = spool.writer(n)?;
            scope.spawn(move || {
                let mut extraction = Extraction::new(archive, files);
                loop {
                    let next = work_rx.lock().expect("work queue").recv();
                    let Ok(unit) = next else { break };
                    let e = extraction.extract(&unit);
                    if done_tx.send(out.put(&unit.unit, e)).is_err() {
                        return;
                    }
                }
                if let Err(e) = out.finish() {
                    let _ = done_tx.send(Err(e));
                }
            });
        }
        drop(done_tx);
        let mut failed = None;
        let fed = {
            let mut feed = |unit: units::Unit| -> Result<()> {
                while let Ok(r) = done_rx.try_recv() {
                    on_report(r?)?;
                }
                work_tx
                    .send(unit)
                    .map_err(|_| Error::Usage("an extraction thread stopped".into()))
            };
            if todo.len() <= LOOKUP_LIMIT {
                todo.iter().try_for_each(|u| match units::load(state, u)? {
                    Some(unit) => feed(unit),
                    None => Ok(()),
                })
            } else {
                units::load_all(state, todo, &mut feed)
            }
        };
        drop(work_tx);
        if let Err(e) = fed {
            failed = Some(e);
        }
        for r in done_rx.iter() {
            if failed.is_none() {
                if let Err(e) = r.and_then(&mut on_report) {
                    failed = Some(e);
                }
            }
        }
        failed.map_or(Ok(()), Err)
    })
}

/// Prepared documents between extraction and the writer, one file per extraction thread, in
/// the index folder; removed when the step ends, and left over from a killed run it is
/// simply replaced.
struct Spool {
    dir: PathBuf,
    files: Mutex<Vec<PathBuf>>,
    count: std::sync::atomic::AtomicU64,
}

struct SpoolWriter<'a> {
    spool: &'a Spool,
    out: BufWriter<std::fs::File>,
    path: PathBuf,
}

impl Spool {
    fn create(dir: &Path) -> Result<Spool> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Ok(Spool {
            dir: dir.to_path_buf(),
            files: Mutex::new(Vec::new()),
            count: Default::default(),
        })
    }

    fn writer(&self, n: usize) -> Result<SpoolWriter<'_>> {
        let path = self.dir.join(format!("{n}.jsonl"));
        let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        self.files.lock().expect("spool files").push(path.clone());
        Ok(SpoolWriter {
            spool: self,
            out: BufWriter::with_capacity(1 << 20, file),
            path,
        })
    }

    fn count(&self) -> u64 {
        self.count.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Hands every spooled document to `add`, one thread per spool file; returns how many.
    fn drain(&self, add: impl Fn(Spooled) -> Result<()> + Sync) -> Result<u64> {
        let files = self.files.lock().expect("spool files").clone();
        let add = &add;
        std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .iter()
                .map(|path| {
                    scope.spawn(move || -> Result<u64> {
                        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
                        let mut n = 0;
                        for line in std::io::BufReader::with_capacity(1 << 20, file).lines() {
                            let line = line.map_err(|e| Error::io(path, e))?;
                            let s: Spooled = serde_json::from_str(&line).map_err(|e| {
                                Error::io(
                                    path,
                                    std::io::Error::new(std::io::ErrorKind::InvalidData, e),
                                )
                            })?;
                            add(s)?;
                            n += 1;
                        }
                        Ok(n)
                    })
                })
                .collect();
            let mut total = 0;
            for h in handles {
                total += h.join().expect("a spool thread panicked")?;
            }
            Ok(total)
        })
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl SpoolWriter<'_> {
    /// Spools a unit's documents and returns the rest of what extraction found.
    fn put(&mut self, unit: &UnitRef, e: units::Extracted) -> Result<Report> {
        let mut text_bytes = 0;
        let title = (unit.kind == UnitKind::Consultation)
            .then(|| e.docs.first().map(|p| p.doc.title.clone()))
            .flatten();
        let docs = e.docs.len() as u64;
        for prepared in e.docs {
            text_bytes += body_len(&prepared.doc) as u64;
            let line = serde_json::to_string(&Spooled {
                unit: unit.key,
                source: unit.source,
                prepared,
            })
            .expect("documents serialize");
            writeln!(self.out, "{line}").map_err(|err| Error::io(&self.path, err))?;
        }
        self.spool
            .count
            .fetch_add(docs, std::sync::atomic::Ordering::Relaxed);
        Ok(Report {
            unit: unit.clone(),
            docs,
            text_bytes,
            outcomes: e.outcomes,
            sketch: e.sketch,
            title,
        })
    }

    fn finish(mut self) -> Result<()> {
        self.out.flush().map_err(|e| Error::io(&self.path, e))
    }
}

fn body_len(doc: &Document) -> usize {
    doc.sections.iter().map(|s| s.text.len()).sum()
}

/// Fills in what the index holds after the commit, from its fast fields.
fn totals(searcher: &Searcher, f: &Fields, s: &mut IndexSummary) -> Result<()> {
    let _ = f;
    let mut campaigns: HashSet<String> = HashSet::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let str_col = |name: &str| ff.str(name).map_err(|e| index_error(name, e));
        let (kind, lang, respondent, consultation, campaign) = (
            str_col("kind")?,
            str_col("lang")?,
            str_col("respondent")?,
            str_col("consultation")?,
            str_col("campaign")?,
        );
        let has_text = ff.u64("has_text").map_err(|e| index_error("has_text", e))?;
        let value = |col: &Option<tantivy::columnar::StrColumn>, doc| -> Option<String> {
            let col = col.as_ref()?;
            let ord = col.ords().first(doc)?;
            let mut out = String::new();
            col.ord_to_str(ord, &mut out).ok()?.then_some(out)
        };
        for doc in segment.doc_ids_alive() {
            s.documents += 1;
            let k = value(&kind, doc).unwrap_or_default();
            *s.by_lang
                .entry(value(&lang, doc).unwrap_or_default())
                .or_default() += 1;
            if k == "response" {
                if let Some(r) = value(&respondent, doc) {
                    *s.by_respondent.entry(r).or_default() += 1;
                }
                if has_text.first(doc) == Some(0) {
                    *s.without_text
                        .entry(value(&consultation, doc).unwrap_or_default())
                        .or_default() += 1;
                }
                if let Some(c) = value(&campaign, doc) {
                    s.campaigns.members += 1;
                    campaigns.insert(c);
                }
            }
            *s.by_kind.entry(k).or_default() += 1;
        }
    }
    s.campaigns.campaigns = campaigns.len() as u64;
    Ok(())
}
