//! Builds the search index from the archive. Crawl and `reindex` both end here, so the same
//! archive always gives the same index. The old documents are deleted and the new ones added in
//! one commit: a crash before the commit leaves the previous index searchable, untouched.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Instant;

use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument};

use super::{open_or_create, Fields, IndexPaths};
use crate::crawl::archive::{ArchiveReader, ArchivedResponse};
use crate::crawl::state::{PageKind, PageRecord, State};
use crate::crawl::{Failure, Progress};
use crate::error::{Error, Result};
use crate::extract::worker::Extractor;
use crate::extract::{self, cites, report, site, Document};
use crate::index::schema::PassageFields;
use crate::lang::LanguageDetector;
use crate::quotes;

/// Memory for the document index's writer (split over its threads).
pub const WRITER_MEMORY: usize = 256 << 20;
/// Memory for the passage index's writer. Sharing 256 MB between the two writers (160 + 96)
/// was measured slower (30.8 s against 27.3 s at 100k responses) and raised the peak resident
/// memory (617 against 540 MB): smaller segments mean more merging.
pub const PASSAGE_WRITER_MEMORY: usize = 256 << 20;

/// What an index build did.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct IndexSummary {
    pub documents: u64,
    pub by_kind: BTreeMap<String, u64>,
    pub by_lang: BTreeMap<String, u64>,
    /// Bytes of text indexed.
    pub text_bytes: u64,
    /// Bodies that could not be turned into documents, with the reason.
    pub failures: Vec<Failure>,
    /// Damaged files indexed with the text that could be recovered, with what is missing.
    pub damaged: Vec<Failure>,
    /// Responses by respondent type.
    pub by_respondent: BTreeMap<String, u64>,
    /// Responses indexed without text, per consultation: the respondent left every answer
    /// empty and attached nothing (they are in `documents` and `by_kind` too).
    pub without_text: BTreeMap<String, u64>,
    /// Near-identical responses grouped into campaigns.
    pub campaigns: super::campaigns::CampaignSummary,
    pub seconds: f64,
}

/// The state's meta key holding the campaign threshold chosen with `reindex`.
pub const THRESHOLD_KEY: &str = "campaign_threshold";

struct Builder<'a> {
    writer: IndexWriter,
    fields: Fields,
    /// The passage index (quotes), written beside the documents.
    passages: IndexWriter,
    passage_fields: PassageFields,
    detector: LanguageDetector,
    summary: IndexSummary,
    state: &'a State,
    reader: ArchiveReader,
    pdfs: &'a Extractor,
    progress: Progress,
}

/// Sets the similarity (Jaccard, above 0 and at most 1) at which responses count as copies of
/// one campaign, for this and every later build of the index folder.
pub fn set_campaign_threshold(root: &Path, threshold: f64) -> Result<()> {
    if !(threshold > 0.0 && threshold <= 1.0) {
        return Err(Error::Usage(format!(
            "--campaign-threshold must be above 0 and at most 1, not {threshold}"
        )));
    }
    let paths = IndexPaths::new(root);
    if !paths.state().exists() {
        return Err(Error::Usage(format!(
            "no crawl state in {} (run `inspraak crawl` first)",
            root.display()
        )));
    }
    State::open(&paths.state())?.set_meta(THRESHOLD_KEY, &threshold.to_string())
}

/// Rebuilds the search index of `root` from its archive and crawl state, holding the folder's
/// write lock.
pub fn rebuild(root: &Path, pdfs: &Extractor, progress: bool) -> Result<IndexSummary> {
    let lock = super::WriteLock::acquire(root)?;
    rebuild_locked(root, pdfs, progress, &lock)
}

/// [`rebuild`] for a caller that holds the write lock already.
pub fn rebuild_locked(
    root: &Path,
    pdfs: &Extractor,
    progress: bool,
    _lock: &super::WriteLock,
) -> Result<IndexSummary> {
    let started = Instant::now();
    let paths = IndexPaths::new(root);
    if !paths.state().exists() {
        return Err(Error::Usage(format!(
            "no crawl state in {} (run `inspraak crawl` first)",
            root.display()
        )));
    }
    let state = State::open(&paths.state())?;
    let (index, fields) = open_or_create(root)?;
    let tantivy_dir = paths.tantivy();
    let ierr = |source| Error::Index {
        path: tantivy_dir.clone(),
        source,
    };
    let writer: IndexWriter = index.writer(WRITER_MEMORY).map_err(ierr)?;
    writer.delete_all_documents().map_err(ierr)?;
    let (passage_index, _, passage_fields) = super::open_or_create_passages(root)?;
    let passages: IndexWriter = passage_index.writer(PASSAGE_WRITER_MEMORY).map_err(ierr)?;
    passages.delete_all_documents().map_err(ierr)?;
    let mut b = Builder {
        writer,
        fields,
        passages,
        passage_fields,
        detector: LanguageDetector::default(),
        summary: IndexSummary::default(),
        state: &state,
        reader: ArchiveReader::new(&paths.archive()),
        pdfs,
        progress: Progress::new(progress),
    };
    let threshold = state
        .meta(THRESHOLD_KEY)?
        .and_then(|t| t.parse().ok())
        .unwrap_or(crate::campaigns::DEFAULT_THRESHOLD);
    b.progress.phase("campaigns", 0);
    let (campaign_of, campaign_summary) =
        super::campaigns::assign(&state, &mut b.reader, pdfs, threshold)?;
    b.summary.campaigns = campaign_summary;
    let expected = state.count_stored(&[
        PageKind::Consultation,
        PageKind::Response,
        PageKind::Attachment,
        PageKind::Document,
        PageKind::Report,
    ])?;
    b.progress.phase("index", expected);
    let bills: HashMap<String, Option<String>> = state.consultations()?.into_iter().collect();
    let mut consultations: HashMap<String, site::ConsultationPage> = HashMap::new();

    state.each_of_kind(PageKind::Consultation, |rec| {
        let Some(html) = b.body(&rec)? else {
            return Ok(());
        };
        let slug = rec.consultation.clone().unwrap_or_default();
        match site::parse_consultation(&String::from_utf8_lossy(&html)) {
            Ok(page) => {
                b.add(extract::consultation_document(&slug, &rec.url, &page))?;
                consultations.insert(slug, page);
                b.ok(&rec)
            }
            Err(reason) => b.failed(&rec, format!("page does not parse: {reason}")),
        }
    })?;

    state.each_of_kind(PageKind::Response, |rec| {
        let Some(html) = b.body(&rec)? else {
            return Ok(());
        };
        let slug = rec.consultation.clone().unwrap_or_default();
        let Some(uuid) = site::response_uuid(&rec.url).map(str::to_string) else {
            return b.failed(&rec, "not a response URL".to_string());
        };
        let page = match site::parse_response(&String::from_utf8_lossy(&html)) {
            Ok(p) => p,
            Err(reason) => return b.failed(&rec, format!("page does not parse: {reason}")),
        };
        let title = consultations
            .get(&slug)
            .map(|c| c.title.clone())
            .or_else(|| bills.get(&slug).cloned().flatten())
            .unwrap_or_else(|| slug.clone());
        let mut doc = extract::response_document(&slug, &title, &rec.url, &uuid, &page);
        doc.campaign = campaign_of.get(&doc.id).cloned();
        b.ok(&rec)?;
        let mut attachments = Vec::new();
        for att in state.children(&rec.url)? {
            if att.kind != PageKind::Attachment {
                continue;
            }
            let Some(archived) = b.archived(&att)? else {
                continue;
            };
            match extract::extract_file(&archived.body, att.content_type.as_deref(), b.pdfs) {
                Ok(mut file) => {
                    if let Some(name) = archived
                        .header("content-disposition")
                        .and_then(extract::disposition_filename)
                    {
                        file.title = Some(name);
                    }
                    b.extracted(&att, &file)?;
                    attachments.push(extract::attachment_document(&doc, &att.url, file));
                }
                Err(reason) => b.failed(&att, reason)?,
            }
        }
        let attachment_text = attachments.first().map(Document::body);
        let respondent = crate::respondent::classify(
            doc.author.as_deref(),
            &doc.body(),
            attachment_text.as_deref(),
        );
        *b.summary
            .by_respondent
            .entry(respondent.as_str().to_string())
            .or_default() += 1;
        doc.respondent = Some(respondent);
        for mut a in attachments {
            a.respondent = Some(respondent);
            b.add(a)?;
        }
        // A response that answers only in its attachment has text, even where the file could
        // not be read: "without text" means the respondent wrote nothing and attached nothing.
        b.add_as(doc, page.attachment.is_some())
    })?;

    state.each_of_kind(PageKind::Document, |rec| {
        let Some(bytes) = b.body(&rec)? else {
            return Ok(());
        };
        let slug = rec.consultation.clone().unwrap_or_default();
        match extract::extract_file(&bytes, rec.content_type.as_deref(), b.pdfs) {
            Ok(file) => {
                b.extracted(&rec, &file)?;
                b.add(extract::file_document(
                    &slug,
                    consultations.get(&slug),
                    &rec.url,
                    file,
                ))
            }
            Err(reason) => b.failed(&rec, reason),
        }
    })?;

    // Seeds that reach one archived page (a DOI and its `dx.` alias) are one report, reached
    // at every one of their URLs.
    let mut reports: Vec<(PageRecord, Vec<String>)> = Vec::new();
    let mut at: HashMap<(String, u64), usize> = HashMap::new();
    for rec in state.of_kind(PageKind::Report)? {
        let key = rec.is_stored().then(|| {
            (
                rec.warc_file.clone().unwrap_or_default(),
                rec.warc_offset.unwrap_or(0),
            )
        });
        match key.as_ref().and_then(|k| at.get(k)) {
            Some(&i) => reports[i].1.push(rec.url),
            None => {
                if let Some(k) = key {
                    at.insert(k, reports.len());
                }
                reports.push((rec, Vec::new()));
            }
        }
    }
    for (rec, aliases) in &reports {
        b.add_report(rec, aliases)?;
    }

    let mut passages = b.passages;
    passages.commit().map_err(ierr)?;
    passages.wait_merging_threads().map_err(ierr)?;
    let mut writer = b.writer;
    writer.commit().map_err(ierr)?;
    writer.wait_merging_threads().map_err(ierr)?;
    b.progress.finish();
    let mut summary = b.summary;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The fields a document and its passages share: who, where, when, what.
fn attribution(f: &Fields, doc: &Document, d: &mut TantivyDocument) {
    d.add_text(f.kind, doc.kind.as_str());
    if let Some(r) = &doc.response_id {
        d.add_text(f.response_id, r);
    }
    // Reports belong to no consultation: no empty value in the consultation facet.
    if !doc.consultation.is_empty() {
        d.add_text(f.consultation, &doc.consultation);
        d.add_text(f.consultation_title, &doc.consultation_title);
    }
    if let Some(p) = &doc.publisher {
        d.add_text(f.publisher, p);
    }
    // Passages carry their document's citations, so quotes can be asked for by what their
    // document cites.
    for key in &doc.cites {
        d.add_text(f.cites, key);
    }
    if let Some(c) = &doc.campaign {
        d.add_text(f.campaign, &c.id);
    }
    if doc.kind == crate::extract::Kind::Response || doc.kind == crate::extract::Kind::Attachment {
        d.add_u64(f.campaign_size, doc.campaign.as_ref().map_or(1, |c| c.size));
    }
    if let Some(r) = doc.respondent {
        d.add_text(f.respondent, r.as_str());
    }
    if !doc.title.is_empty() {
        d.add_text(f.title, &doc.title);
    }
    if let Some(a) = &doc.author {
        d.add_text(f.author, a);
    }
    if let Some(p) = &doc.place {
        d.add_text(f.place, p);
    }
    if let Some(date) = doc.date {
        let secs = date
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
            .timestamp();
        d.add_date(f.date, tantivy::DateTime::from_timestamp_secs(secs));
    }
    d.add_text(f.lang, &doc.lang);
    d.add_text(f.url, &doc.url);
}

impl Builder<'_> {
    /// Indexes a report: the file its landing page offered when there is one and it has text,
    /// else the page's main text. A file that fails is recorded under its own URL, and the
    /// page's text is indexed instead. `aliases` are other seed URLs that reached the same page.
    fn add_report(&mut self, rec: &PageRecord, aliases: &[String]) -> Result<()> {
        let Some(archived) = self.archived(rec)? else {
            return Ok(());
        };
        let landing_url = rec.final_url.clone().unwrap_or_else(|| rec.url.clone());
        let ct = rec
            .content_type
            .as_deref()
            .unwrap_or("")
            .to_ascii_lowercase();
        let body = &archived.body;
        let mut page = None;
        let mut file = None;
        let mut file_url = None;
        let mut reason = None;
        let html = extract::is_html(&body[..body.len().min(1024)], &ct);
        if html {
            match report::extract_html(
                &extract::decode_text(body, rec.content_type.as_deref()),
                &landing_url,
            ) {
                Ok(p) => page = Some(p),
                Err(e) => reason = Some(e),
            }
            for child in self.state.children(&rec.url)? {
                if child.kind != PageKind::ReportFile {
                    continue;
                }
                let Some(a) = self.archived(&child)? else {
                    continue;
                };
                let child_ct = child
                    .content_type
                    .as_deref()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if extract::is_html(&a.body[..a.body.len().min(1024)], &child_ct) {
                    // Only one hop from a landing page: a second page is not followed.
                    self.failed(
                        &child,
                        "the download link gave a web page, not a file".into(),
                    )?;
                    continue;
                }
                match extract::extract_file(&a.body, child.content_type.as_deref(), self.pdfs) {
                    Ok(f) => {
                        self.extracted(&child, &f)?;
                        file = Some(f);
                        file_url = Some(child.final_url.clone().unwrap_or(child.url.clone()));
                    }
                    Err(e) => self.failed(&child, e)?,
                }
            }
        } else {
            match extract::extract_file(body, rec.content_type.as_deref(), self.pdfs) {
                Ok(f) => {
                    self.extracted(rec, &f)?;
                    file = Some(f);
                }
                Err(e) => reason = Some(e),
            }
        }
        if page.is_none() && file.is_none() {
            return self.failed(rec, reason.unwrap_or_else(|| "no text".into()));
        }
        let src = report::ReportSource {
            seed_url: &rec.url,
            label: rec.label.as_deref(),
            landing_url: &landing_url,
            file_url: file_url.as_deref(),
        };
        let mut doc = match report::report_document(&src, page.as_ref(), file) {
            Ok(d) => d,
            Err(e) => return self.failed(rec, e),
        };
        // The keys others cite this report by: every URL it was reached at.
        let mut keys: Vec<String> = [
            Some(rec.url.as_str()),
            Some(landing_url.as_str()),
            file_url.as_deref(),
        ]
        .into_iter()
        .flatten()
        .chain(aliases.iter().map(String::as_str))
        .flat_map(cites::url_keys)
        .chain(
            page.as_ref()
                .and_then(|p| p.doi.as_deref())
                .map(|d| format!("doi:{d}")),
        )
        .collect();
        keys.sort();
        keys.dedup();
        doc.meta.insert("cite_keys".into(), keys.into());
        if !aliases.is_empty() {
            doc.meta
                .insert("also_seeded_as".into(), aliases.to_vec().into());
        }
        let detected = self.detector.detect(&doc.body());
        doc.lang = match page.as_ref().and_then(|p| p.lang.as_deref()) {
            Some(l) if detected == crate::lang::UNDETERMINED && crate::lang::is_known_code(l) => {
                l.to_string()
            }
            _ => detected.to_string(),
        };
        if html {
            // The page served, as the text or as the file's metadata.
            self.ok(rec)?;
        }
        self.add(doc)
    }

    /// Records how a file's extraction went: cleared when whole, a warning when damaged
    /// (the document is indexed with what could be recovered, and `stats` lists the file).
    fn extracted(&mut self, rec: &PageRecord, file: &extract::ExtractedFile) -> Result<()> {
        let Some(damage) = &file.damage else {
            return self.ok(rec);
        };
        tracing::warn!(url = %rec.url, reason = %damage, "indexed partly");
        if rec.extract_error.as_deref() != Some(damage.as_str()) {
            self.state.set_extract_error(&rec.url, Some(damage))?;
        }
        self.summary.damaged.push(Failure {
            url: rec.url.clone(),
            reason: damage.clone(),
        });
        Ok(())
    }

    /// Indexes the document's passages with where they are and who wrote them.
    fn add_passages(
        &mut self,
        doc: &Document,
        body: &str,
        sections: &[(std::ops::Range<usize>, usize)],
    ) -> Result<()> {
        let f = self.fields;
        let p = self.passage_fields;
        // Offsets are in characters (Unicode scalar values), as Python and most tools count
        // them; counted on from one passage to the next.
        let (mut byte, mut chars) = (0usize, 0usize);
        let mut char_at = |b: usize| {
            chars += body[byte..b].chars().count();
            byte = b;
            chars
        };
        for (n, span) in quotes::passages(body).into_iter().enumerate() {
            let text = &body[span.range.clone()];
            let start = char_at(span.range.start);
            let end = char_at(span.range.end);
            let section = sections
                .iter()
                .find(|(r, _)| r.start <= span.range.start && span.range.start < r.end)
                .map(|(_, i)| &doc.sections[*i]);
            let mut d = TantivyDocument::default();
            d.add_text(f.id, format!("{}~{n}", doc.id));
            attribution(&f, doc, &mut d);
            d.add_text(f.body, text);
            d.add_text(f.text, text);
            if let Some(stemmed) = f.stemmed(&doc.lang) {
                d.add_text(stemmed, text);
            }
            d.add_text(p.doc, &doc.id);
            d.add_u64(p.start, start as u64);
            d.add_u64(p.end, end as u64);
            if let Some(page) = section.and_then(|s| s.page) {
                d.add_u64(p.page, page as u64);
            }
            if let Some(q) = section.and_then(|s| s.heading.as_deref()) {
                d.add_text(p.question, q);
            }
            if let Some(b) = span.before {
                d.add_text(p.before, &body[b]);
            }
            if let Some(a) = span.after {
                d.add_text(p.after, &body[a]);
            }
            d.add_u64(p.hash, quotes::passage_hash(text));
            self.passages
                .add_document(d)
                .map_err(|source| Error::Index {
                    path: Path::new("passages").to_path_buf(),
                    source,
                })?;
        }
        Ok(())
    }

    /// The archived body of a stored row; `None` for rows that were never fetched.
    fn body(&mut self, rec: &PageRecord) -> Result<Option<Vec<u8>>> {
        Ok(self.archived(rec)?.map(|r| r.body))
    }

    /// The archived response of a stored row, headers included.
    fn archived(&mut self, rec: &PageRecord) -> Result<Option<ArchivedResponse>> {
        if !rec.is_stored() {
            return Ok(None);
        }
        match self.reader.read(
            rec.warc_file.as_deref().unwrap_or_default(),
            rec.warc_offset.unwrap_or_default(),
        ) {
            Ok(r) => Ok(Some(r)),
            Err(e) => {
                self.failed(rec, e.to_string())?;
                Ok(None)
            }
        }
    }

    fn ok(&mut self, rec: &PageRecord) -> Result<()> {
        if rec.extract_error.is_some() {
            self.state.set_extract_error(&rec.url, None)?;
        }
        Ok(())
    }

    fn failed(&mut self, rec: &PageRecord, reason: String) -> Result<()> {
        tracing::warn!(url = %rec.url, %reason, "not indexed");
        if rec.extract_error.as_deref() != Some(reason.as_str()) {
            self.state.set_extract_error(&rec.url, Some(&reason))?;
        }
        self.summary.failures.push(Failure {
            url: rec.url.clone(),
            reason,
        });
        Ok(())
    }

    fn add(&mut self, doc: Document) -> Result<()> {
        self.add_as(doc, false)
    }

    /// Indexes a document; `attached` says it has an attachment, and so is not without text
    /// whatever its own text.
    fn add_as(&mut self, mut doc: Document, attached: bool) -> Result<()> {
        let (body, sections) = doc.body_sections();
        if doc.lang.is_empty() {
            doc.lang = self.detector.detect(&body).to_string();
        }
        if doc.cites.is_empty() {
            doc.cites = cites::extract(&body);
        }
        if let Some(c) = &doc.campaign {
            doc.meta.insert(
                "campaign_representative".into(),
                c.representative.clone().into(),
            );
        }
        self.add_passages(&doc, &body, &sections)?;
        let f = self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &doc.id);
        attribution(&f, &doc, &mut d);
        d.add_text(f.body, &body);
        d.add_text(
            f.sections,
            serde_json::to_string(&doc.sections).expect("sections serialize"),
        );
        if let Some(p) = doc.pages {
            d.add_u64(f.pages, p as u64);
        }
        if !doc.meta.is_empty() {
            d.add_text(
                f.meta,
                serde_json::Value::Object(doc.meta.clone()).to_string(),
            );
        }

        let has_text = attached || !body.trim().is_empty();
        d.add_u64(f.has_text, u64::from(has_text));
        if !has_text && doc.kind == extract::Kind::Response {
            *self
                .summary
                .without_text
                .entry(doc.consultation.clone())
                .or_default() += 1;
        }
        d.add_text(f.text, &body);
        if let Some(stemmed) = f.stemmed(&doc.lang) {
            d.add_text(stemmed, &body);
        }
        self.writer.add_document(d).map_err(|source| Error::Index {
            path: Path::new("tantivy").to_path_buf(),
            source,
        })?;
        self.summary.documents += 1;
        self.summary.text_bytes += body.len() as u64;
        *self
            .summary
            .by_kind
            .entry(doc.kind.as_str().to_string())
            .or_default() += 1;
        *self.summary.by_lang.entry(doc.lang.clone()).or_default() += 1;
        self.progress.step(&doc.id);
        Ok(())
    }
}
