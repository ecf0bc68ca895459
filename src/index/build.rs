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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};

use super::document::{self, Derived, Origin};
use super::holdings::{stored_title, totals, Holdings};
use super::spool::{self, Spool, Spooled};
use super::{campaigns, open_or_create, Fields};
use crate::error::{Error, Result};
use crate::extract::site;
use crate::extract::units::{self, UnitKind, UnitRef, Verdict};
use crate::extract::worker::Extractor;
use crate::progress::{Failure, Progress};
use crate::store::state::State;
use crate::store::{Changed, IndexPaths, WriteLock};
use crate::text::{ByFingerprint, Fingerprints};

/// Memory for the index writer (split over its threads).
pub const WRITER_MEMORY: usize = 256 << 20;
/// The state's meta key holding the campaign threshold chosen with `reindex`.
pub(crate) const THRESHOLD_KEY: &str = "campaign_threshold";
/// The state's meta key holding the last index step's summary, for `stats`.
pub(crate) const LAST_STEP_KEY: &str = "last_index_step";
/// The state's meta key holding the opstamp of the commit the last step's summary describes.
const LAST_COMMIT_KEY: &str = "last_index_commit";
/// The state's meta key holding the change the last commit holds, as its payload says: an index
/// or a state restored from a copy (whose log has moved on, or been forgotten) disagrees with
/// it, and is looked at whole.
const INDEXED_CHANGES_KEY: &str = "indexed_changes";
/// Sketches and verdicts written to the state in one transaction.
const BATCH: usize = 1_000;

/// What an index step did, and what the index holds after it.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct IndexSummary {
    /// Documents in the index.
    pub documents: u64,
    /// Documents by kind.
    pub by_kind: BTreeMap<String, u64>,
    /// Documents by language.
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
        return Err(Error::parameter(
            "campaign_threshold",
            format!("must be above 0 and at most 1, not {threshold}"),
        ));
    }
    State::open(&state_path(root)?)?.set_meta(THRESHOLD_KEY, &threshold.to_string())
}

fn state_path(root: &Path) -> Result<PathBuf> {
    let path = IndexPaths::new(root).state();
    if !path.exists() {
        return Err(Error::NoIndex {
            path: root.to_path_buf(),
            message: "it has no crawl state (nothing was crawled into it)".into(),
        });
    }
    Ok(path)
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

/// `scope`: the consultations and reports the change log names, when the step looks only at
/// those: a held unit outside them is not gone, only unlisted.
fn plan(
    units: &[UnitRef],
    held: &Holdings,
    unindexed: &ByFingerprint<u64>,
    full: bool,
    scope: Option<&Changed>,
) -> Plan {
    let mut extract = Vec::new();
    let mut affected = BTreeSet::new();
    let wanted: Fingerprints = units.iter().map(|u| u.key).collect();
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
        if !wanted.contains(key) && scope.is_none_or(|c| c.covers(held.consultation(h))) {
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

/// Runs the index step on `root`, in place, for a caller that holds the write lock.
pub fn update(
    root: &Path,
    files: &Extractor,
    opts: BuildOptions,
    _lock: &WriteLock,
) -> Result<IndexSummary> {
    let started = Instant::now();
    let lap = |what: &str| {
        tracing::debug!(
            what,
            seconds = started.elapsed().as_secs_f64(),
            "index step"
        )
    };
    let mut step = Step::open(root, opts)?;
    let look = step.look()?;
    if let Some(summary) = step.idle(&look, started)? {
        return Ok(summary);
    }
    let scope = look.scope.as_ref();
    let units = units::list(&step.state, scope)?;
    lap("units listed");
    let held = step.holdings(scope)?;
    let plan = plan(&units, &held, &step.state_unindexed()?, step.full, scope);
    lap("planned");

    let spool = Spool::create(&root.join("index.spool"))?;
    let extracted = step.extract(&plan, files, &spool)?;
    step.forget_sketches_of_gone(&units, &plan, scope)?;
    lap("extracted");
    let derivation = step.derive(&plan, &extracted.titles)?;
    lap("campaigns");

    let writer: IndexWriter =
        super::writer(&step.index, WRITER_MEMORY).map_err(|e| step.index_error(e))?;
    // Deletes first: a delete applies to the documents added before it.
    step.delete(&writer, &plan, &held)?;
    let rederived = step.rederive_deletes(&writer, &units, &plan, &held, &derivation);
    step.add_spooled(&writer, &spool, &derivation)?;
    step.readd(&writer, &rederived)?;
    lap("written");
    step.commit(writer, &look)?;
    lap("committed");
    drop(spool);
    step.state.set_unindexed(&extracted.unindexed, step.full)?;
    step.finish(started, look.upto)
}

/// Where in the crawl state's change log an index commit stands, kept as the commit's payload
/// so that the two can never disagree.
#[derive(Debug, Serialize, Deserialize)]
struct Position {
    /// The last change the commit holds.
    changes: u64,
    /// [`units::source_version`] of the build that made it.
    version: String,
}

/// What the step must look at.
struct Look {
    /// The last change in the log when the step began: the commit will hold up to here.
    upto: u64,
    /// The consultations and reports changed since the index's commit; `None`: everything.
    scope: Option<Changed>,
}

/// One index step's context.
struct Step {
    state: State,
    index: tantivy::Index,
    fields: Fields,
    reader: tantivy::IndexReader,
    /// The index as it was before this step.
    searcher: Searcher,
    full: bool,
    threshold: f64,
    dir: PathBuf,
    archive: PathBuf,
    progress: Progress,
    summary: IndexSummary,
}

/// What extraction leaves for the later stages.
struct Extracted {
    /// Consultation titles from the pages extracted.
    titles: HashMap<String, String>,
    /// Units that gave no document (with their source) or that do again (`None`).
    unindexed: Vec<(u64, Option<u64>)>,
}

/// The derived fields of the consultations this step touched.
struct Derivation {
    titles: HashMap<String, String>,
    campaigns: HashMap<String, crate::extract::CampaignTag>,
}

impl Derivation {
    fn of(&self, slug: &str, response: Option<&str>) -> Derived {
        Derived {
            consultation_title: self.titles.get(slug).cloned(),
            campaign: response.and_then(|r| self.campaigns.get(r).cloned()),
        }
    }
}

impl Step {
    fn open(root: &Path, opts: BuildOptions) -> Result<Step> {
        let paths = IndexPaths::new(root);
        let state = State::open(&state_path(root)?)?;
        let (index, fields, fresh) = open_or_create(root)?;
        let dir = paths.tantivy();
        let reader = index.reader().map_err(|source| Error::Index {
            path: dir.clone(),
            source,
        })?;
        let threshold = state
            .meta(THRESHOLD_KEY)?
            .and_then(|t| t.parse().ok())
            .unwrap_or(crate::campaigns::DEFAULT_THRESHOLD);
        let full = opts.full || fresh;
        Ok(Step {
            searcher: reader.searcher(),
            state,
            index,
            fields,
            reader,
            full,
            threshold,
            dir,
            archive: paths.archive(),
            progress: Progress::new(opts.progress),
            summary: IndexSummary {
                full,
                ..IndexSummary::default()
            },
        })
    }

    /// An index error, naming the index's folder.
    fn index_error(&self, source: tantivy::TantivyError) -> Error {
        Error::index(&self.dir, source)
    }

    /// What the index holds (of the consultations in `scope`); nothing for a full build,
    /// which starts over.
    fn holdings(&self, scope: Option<&Changed>) -> Result<Holdings> {
        if self.full {
            return Ok(Holdings::default());
        }
        Holdings::read(&self.searcher, &self.fields, scope).map_err(|e| self.index_error(e))
    }

    /// What this step must look at: what the change log names since the index's last commit,
    /// or everything when the index was made by another version, at another point of the log
    /// than the state remembers (either was restored from a copy), or before the log existed,
    /// or when a change belongs to no consultation.
    fn look(&self) -> Result<Look> {
        let upto = self.state.last_change()?;
        let remembered = self.state.meta(INDEXED_CHANGES_KEY)?;
        let committed = self
            .index
            .load_metas()
            .map_err(|e| self.index_error(e))?
            .payload
            .and_then(|p| serde_json::from_str::<Position>(&p).ok());
        let scope = match committed {
            Some(p)
                if !self.full
                    && p.version == units::source_version()
                    && p.changes <= upto
                    && remembered == Some(p.changes.to_string()) =>
            {
                Some(self.state.changed_between(p.changes, upto)?).filter(|c| !c.unplaced)
            }
            _ => None,
        };
        Ok(Look { upto, scope })
    }

    /// With nothing changed since the last commit, the step is done: the index stays as it is
    /// (no commit), and the summary is the last step's totals with nothing done. `None` when
    /// there is work, or when the last summary kept is not of the index's current commit.
    fn idle(&mut self, look: &Look, started: Instant) -> Result<Option<IndexSummary>> {
        if !look.scope.as_ref().is_some_and(Changed::is_empty) {
            return Ok(None);
        }
        let opstamp = self
            .index
            .load_metas()
            .map_err(|e| self.index_error(e))?
            .opstamp;
        if self.state.meta(LAST_COMMIT_KEY)? != Some(opstamp.to_string()) {
            return Ok(None);
        }
        let Some(kept) = self.state.meta(LAST_STEP_KEY)? else {
            return Ok(None);
        };
        let Ok(last) = serde_json::from_str::<IndexSummary>(&kept) else {
            return Ok(None);
        };
        let summary = IndexSummary {
            documents: last.documents,
            by_kind: last.by_kind,
            by_lang: last.by_lang,
            by_respondent: last.by_respondent,
            without_text: last.without_text,
            campaigns: campaigns::CampaignSummary {
                // What the index was clustered with (a new threshold applies from the next
                // consultation clustered).
                threshold: last.campaigns.threshold,
                campaigns: last.campaigns.campaigns,
                members: last.campaigns.members,
                ..Default::default()
            },
            seconds: started.elapsed().as_secs_f64(),
            ..IndexSummary::default()
        };
        self.state.set_meta(
            LAST_STEP_KEY,
            &serde_json::to_string(&summary).expect("summary serializes"),
        )?;
        self.state.forget_changes(look.upto)?;
        self.progress.finish();
        tracing::info!(
            documents = summary.documents,
            "nothing changed since the index's last commit"
        );
        Ok(Some(summary))
    }

    fn state_unindexed(&self) -> Result<ByFingerprint<u64>> {
        if self.full {
            return Ok(ByFingerprint::default());
        }
        self.state.unindexed()
    }

    /// Extracts the planned units into the spool, keeping their sketches and verdicts in the
    /// state.
    fn extract(&mut self, plan: &Plan, files: &Extractor, spool: &Spool) -> Result<Extracted> {
        self.progress.phase("extract", plan.extract.len() as u64);
        let unindexed = self.state_unindexed()?;
        let mut out = Extracted {
            titles: HashMap::new(),
            unindexed: Vec::new(),
        };
        let mut sketches = Vec::new();
        let mut outcomes = Vec::new();
        let (state, summary, progress, full) =
            (&self.state, &mut self.summary, &self.progress, self.full);
        spool::extract_units(state, &plan.extract, files, &self.archive, spool, |r| {
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
                out.titles.insert(r.unit.consultation.clone(), t);
            }
            if r.docs == 0 || full || unindexed.contains_key(&r.unit.key) {
                out.unindexed
                    .push((r.unit.key, (r.docs == 0).then_some(r.unit.source)));
            }
            Ok(())
        })?;
        state.put_sketches(&sketches)?;
        record_outcomes(state, &outcomes, summary)?;
        Ok(out)
    }

    /// Forgets the signatures of responses the archive no longer has. A response leaves the
    /// archive's units only by leaving the index (one whose page stops parsing keeps its row,
    /// with no signature), so when no unit left the index there is nothing to forget, and the
    /// million stored signatures are not read.
    fn forget_sketches_of_gone(
        &mut self,
        units: &[UnitRef],
        plan: &Plan,
        scope: Option<&Changed>,
    ) -> Result<()> {
        if self.full || !plan.gone.is_empty() {
            let responses: Fingerprints = units
                .iter()
                .filter(|u| u.kind == UnitKind::Response)
                .map(|u| u.key)
                .collect();
            self.state
                .prune_sketches(&responses, scope.map(|c| &c.consultations))?;
        }
        Ok(())
    }

    /// Campaigns and titles of the consultations this step touched.
    fn derive(&mut self, plan: &Plan, extracted: &HashMap<String, String>) -> Result<Derivation> {
        let started = Instant::now();
        let affected: Vec<String> = if self.full {
            self.state.sketch_consultations()?
        } else {
            plan.affected.iter().cloned().collect()
        };
        let (campaigns, read) = campaigns::assign(&self.state, &affected, self.threshold)?;
        let c = &mut self.summary.campaigns;
        c.reused = read.saturating_sub(c.sketched);
        c.threshold = self.threshold;
        c.clustered = affected.len() as u64;
        c.seconds = started.elapsed().as_secs_f64();
        let bills: HashMap<String, Option<String>> =
            self.state.consultations()?.into_iter().collect();
        let mut titles = HashMap::new();
        for slug in &plan.affected {
            let title = match extracted.get(slug) {
                Some(t) => t.clone(),
                None => match stored_title(&self.searcher, &self.fields, slug)
                    .map_err(|e| self.index_error(e))?
                {
                    Some(t) => t,
                    None => bills
                        .get(slug)
                        .cloned()
                        .flatten()
                        .unwrap_or_else(|| slug.clone()),
                },
            };
            titles.insert(slug.clone(), title);
        }
        Ok(Derivation { titles, campaigns })
    }

    fn unit_term(&self, key: u64) -> Term {
        Term::from_field_u64(self.fields.unit, key)
    }

    /// Deletes everything (a full build), or the documents of units gone or changed.
    fn delete(&mut self, writer: &IndexWriter, plan: &Plan, held: &Holdings) -> Result<()> {
        if self.full {
            writer
                .delete_all_documents()
                .map_err(|e| self.index_error(e))?;
        }
        for key in &plan.gone {
            writer.delete_term(self.unit_term(*key));
            self.summary.deleted += held.units[key].docs;
        }
        for u in &plan.extract {
            if let Some(h) = held.units.get(&u.key) {
                writer.delete_term(self.unit_term(u.key));
                self.summary.replaced += h.docs;
            }
        }
        Ok(())
    }

    /// The unchanged responses of touched consultations whose campaign or title changed:
    /// their documents are deleted here and re-added by [`Step::readd`].
    fn rederive_deletes(
        &self,
        writer: &IndexWriter,
        units: &[UnitRef],
        plan: &Plan,
        held: &Holdings,
        derivation: &Derivation,
    ) -> Vec<(u64, Origin, Derived)> {
        let extracting: Fingerprints = plan.extract.iter().map(|u| u.key).collect();
        let mut out = Vec::new();
        for u in units {
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
            let d = derivation.of(&u.consultation, response.as_deref());
            if d.fingerprint() != h.derived {
                writer.delete_term(self.unit_term(u.key));
                let origin = Origin {
                    unit: u.key,
                    source: u.source,
                    derived: d.fingerprint(),
                };
                out.push((u.key, origin, d));
            }
        }
        out
    }

    /// Adds the spooled documents with their derived fields, on every core.
    fn add_spooled(
        &mut self,
        writer: &IndexWriter,
        spool: &Spool,
        derivation: &Derivation,
    ) -> Result<()> {
        self.progress.phase("index", spool.count());
        let (fields, progress) = (self.fields, &self.progress);
        let added = spool.drain(|s: Spooled| {
            let mut p = s.prepared;
            let d = match units::response_doc_id(&p.doc) {
                Some(r) => derivation.of(&p.doc.consultation, Some(r.as_str())),
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
                .map_err(|source| Error::Index {
                    path: self.dir.clone(),
                    source,
                })
        })?;
        self.summary.added = added;
        Ok(())
    }

    /// Re-adds unchanged documents with new derived fields, from what the index stores.
    fn readd(&mut self, writer: &IndexWriter, rederived: &[(u64, Origin, Derived)]) -> Result<()> {
        for (key, origin, d) in rederived {
            let docs = self
                .searcher
                .search(
                    &TermQuery::new(self.unit_term(*key), IndexRecordOption::Basic),
                    &DocSetCollector,
                )
                .map_err(|e| self.index_error(e))?;
            for address in docs {
                let stored: TantivyDocument = self
                    .searcher
                    .doc(address)
                    .map_err(|e| self.index_error(e))?;
                writer
                    .add_document(document::rederive(&self.fields, &stored, d, *origin))
                    .map_err(|e| self.index_error(e))?;
                self.summary.readded += 1;
            }
        }
        Ok(())
    }

    /// Commits with the change log's position as the commit's payload.
    fn commit(&self, mut writer: IndexWriter, look: &Look) -> Result<()> {
        let position = Position {
            changes: look.upto,
            version: units::source_version(),
        };
        let mut prepared = writer.prepare_commit().map_err(|e| self.index_error(e))?;
        prepared.set_payload(&serde_json::to_string(&position).expect("position serializes"));
        prepared.commit().map_err(|e| self.index_error(e))?;
        writer
            .wait_merging_threads()
            .map_err(|e| self.index_error(e))
    }

    /// The totals after the commit, kept in the state for `stats`; the change log's entries
    /// the commit holds are forgotten (only now: a run killed before finds them again).
    fn finish(mut self, started: Instant, upto: u64) -> Result<IndexSummary> {
        self.progress.finish();
        self.reader.reload().map_err(|e| self.index_error(e))?;
        let t = Instant::now();
        totals(&self.reader.searcher(), &mut self.summary).map_err(|e| self.index_error(e))?;
        tracing::debug!(seconds = t.elapsed().as_secs_f64(), "totals");
        self.summary.seconds = started.elapsed().as_secs_f64();
        let mut kept = self.summary.clone();
        // The lists can be long; `stats` lists failures from the state itself.
        kept.failures.clear();
        kept.damaged.clear();
        self.state.set_meta(
            LAST_STEP_KEY,
            &serde_json::to_string(&kept).expect("summary serializes"),
        )?;
        let opstamp = self
            .index
            .load_metas()
            .map_err(|e| self.index_error(e))?
            .opstamp;
        self.state.set_meta(LAST_COMMIT_KEY, &opstamp.to_string())?;
        self.state
            .set_meta(INDEXED_CHANGES_KEY, &upto.to_string())?;
        self.state.forget_changes(upto)?;
        Ok(self.summary)
    }
}

/// Records each row's verdict in the state and the summary.
fn record_outcomes(
    state: &State,
    outcomes: &[units::Outcome],
    summary: &mut IndexSummary,
) -> Result<()> {
    for o in outcomes {
        let failure = |r: &String| Failure {
            url: o.url.clone(),
            reason: r.clone(),
        };
        let now = match &o.verdict {
            Verdict::Ok => None,
            Verdict::Damaged(r) => {
                tracing::warn!(url = %o.url, reason = %r, "indexed partly");
                summary.damaged.push(failure(r));
                Some(r)
            }
            Verdict::Failed(r) => {
                tracing::warn!(url = %o.url, reason = %r, "not indexed");
                summary.failures.push(failure(r));
                Some(r)
            }
        };
        if o.previous.as_ref() != now {
            state.set_extract_error(&o.url, now.map(String::as_str))?;
        }
    }
    Ok(())
}
