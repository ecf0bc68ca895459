//! Extraction on every core, into a spool. The units to read are handed out to one thread per
//! core; each reads its units' bodies from the archive, extracts them, and writes the prepared
//! documents to its own spool file, since their campaigns are only known once every new
//! signature is in. The writer then drains the spool files, one thread per file, so building
//! the index's documents runs on every core too.

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::extract::units::{self, Extraction, Prepared, UnitKind, UnitRef};
use crate::extract::worker::Extractor;
use crate::extract::Document;
use crate::store::state::State;

/// Below this many units to extract, each unit's rows are looked up; above it, the state is
/// read in one pass.
const LOOKUP_LIMIT: usize = 5_000;

/// One spooled document: a prepared document with where it came from.
#[derive(Serialize, Deserialize)]
pub(super) struct Spooled {
    pub unit: u64,
    pub source: u64,
    #[serde(flatten)]
    pub prepared: Prepared,
}

/// What a worker reports of one unit (its documents went to the spool).
pub(super) struct Report {
    pub unit: UnitRef,
    pub docs: u64,
    pub text_bytes: u64,
    pub outcomes: Vec<units::Outcome>,
    pub sketch: Option<crate::store::Sketch>,
    /// A consultation page's title.
    pub title: Option<String>,
}

/// Extracts units on every core. The rows are read from the state here (its connection is
/// not shared), the bodies by each worker from the archive; each worker writes its documents
/// to its own spool file and reports the rest back, and `on_report` takes each report on this
/// thread as it comes, so a million reports are never held at once.
pub(super) fn extract_units(
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
                    .map_err(|_| Error::Stopped("an extraction thread"))
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
pub(super) struct Spool {
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
    pub(super) fn create(dir: &Path) -> Result<Spool> {
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

    pub(super) fn count(&self) -> u64 {
        self.count.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Hands every spooled document to `add`, one thread per spool file; returns how many.
    pub(super) fn drain(&self, add: impl Fn(Spooled) -> Result<()> + Sync) -> Result<u64> {
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
