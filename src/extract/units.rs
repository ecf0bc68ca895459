//! The archive, unit by unit. A unit is what one archived source becomes in the index: a
//! consultation page, a response with its attachment, a consultation's document, or a report
//! with the file its landing page offers and every seed URL that reached it. Each unit has a
//! source fingerprint of exactly the bodies it is made from, so the index step can tell which
//! units changed from the crawl state alone, without reading the archive; only the units that
//! changed are read and extracted, each once.
//!
//! [`extract`] is a pure function of a unit and its archived bodies (it touches neither the
//! state nor the index), so the index step runs it on every core.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::worker::Extractor;
use super::{cites, report, site, Document, ExtractedFile, Kind};
use crate::campaigns::{self, Signature};
use crate::error::Result;
use crate::lang::LanguageDetector;
use crate::store::archive::{ArchiveReader, ArchivedResponse};
use crate::store::state::{BodyRow, PageKind, PageRecord, State};
use crate::store::{Changed, Sketch};
use crate::text::{fingerprint, ByFingerprint};

/// The version of extraction: a unit extracted by another version is extracted again, since
/// its documents would differ from this version's. 3: words broken at PDF line ends are
/// joined (`text::hyphens`). 4: respondent types and organisation keys as people write them
/// (issue 23).
pub(crate) const EXTRACT_VERSION: u32 = 4;

/// What a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Consultation,
    Response,
    Document,
    Report,
}

/// A unit as the crawl state describes it: enough to decide whether it changed.
#[derive(Debug, Clone)]
pub(crate) struct UnitRef {
    /// The fingerprint of the unit's main URL: the index stores it with every document of the
    /// unit, to delete them together.
    pub key: u64,
    pub kind: UnitKind,
    pub url: String,
    /// The consultation slug; empty for reports.
    pub consultation: String,
    /// The fingerprint of what the unit's documents are made from.
    pub source: u64,
    /// Other seed URLs that reached the same archived report.
    pub aliases: Vec<String>,
}

/// A unit with the rows its bodies are read from.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub unit: UnitRef,
    main: PageRecord,
    /// A response's attachments, a report's downloaded file.
    children: Vec<PageRecord>,
    /// A consultation document's consultation page (it names the document and the ministry).
    context: Option<PageRecord>,
}

/// A document ready for the index, as extraction leaves it: language, citations and
/// respondent known; campaign and consultation title are the index step's to add.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Prepared {
    pub doc: Document,
    /// False for a response whose respondent wrote nothing and attached nothing.
    pub has_text: bool,
}

/// How turning one archived body into text went.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    Ok,
    /// Indexed with what could be recovered; the reason says what is missing.
    Damaged(String),
    /// Not indexed.
    Failed(String),
}

/// One row's verdict, with what the state recorded before.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub url: String,
    pub previous: Option<String>,
    pub verdict: Verdict,
}

/// What extracting a unit gave.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub docs: Vec<Prepared>,
    pub outcomes: Vec<Outcome>,
    /// A response's campaign sketch.
    pub sketch: Option<Sketch>,
}

/// A stored row's own digest: its body (by SHA-256, else by where it is archived) and what is
/// known about it that extraction reads.
fn digest(rec: &BodyRow<'_>) -> u64 {
    let mut s = String::with_capacity(128);
    match rec.sha256 {
        Some(h) => s.push_str(h),
        None => {
            s.push_str(rec.warc_file.unwrap_or(""));
            s.push('@');
            s.push_str(&rec.warc_offset.unwrap_or(0).to_string());
        }
    }
    for part in [rec.content_type, rec.final_url, rec.label] {
        s.push('|');
        s.push_str(part.unwrap_or(""));
    }
    fingerprint(&s)
}

/// The versions of extraction and signatures every unit's source fingerprint carries: an index
/// made by other versions must be looked at whole, since every unit's source differs.
pub(crate) fn source_version() -> String {
    format!("v{EXTRACT_VERSION}.{}", campaigns::SIGNATURE_VERSION)
}

fn source_of(parts: impl Iterator<Item = u64>) -> u64 {
    let mut s = source_version();
    for p in parts {
        s.push_str(&format!(".{p:016x}"));
    }
    fingerprint(&s)
}

/// Every unit the archive holds (`scope` `None`), or those of the consultations and reports a
/// change log names, from the crawl state alone. Only what says which body each row has is
/// read, so a million responses cost their fingerprints, not their rows.
pub(crate) fn list(state: &State, scope: Option<&Changed>) -> Result<Vec<UnitRef>> {
    // A consultation's rows, for each consultation in scope (or all at once).
    let each = |kind: PageKind, f: &mut dyn FnMut(&BodyRow<'_>) -> Result<()>| -> Result<()> {
        match scope {
            None => state.each_stored_body(kind, None, f),
            Some(c) => c
                .consultations
                .iter()
                .try_for_each(|slug| state.each_stored_body(kind, Some(slug), &mut *f)),
        }
    };
    let mut out = Vec::new();
    let mut pages: HashMap<String, u64> = HashMap::new();
    each(PageKind::Consultation, &mut |rec| {
        let slug = rec.consultation.unwrap_or_default().to_string();
        let d = digest(rec);
        out.push(UnitRef {
            key: fingerprint(rec.url),
            kind: UnitKind::Consultation,
            source: source_of([d].into_iter()),
            url: rec.url.to_string(),
            consultation: slug.clone(),
            aliases: Vec::new(),
        });
        pages.insert(slug, d);
        Ok(())
    })?;
    let mut attachments: ByFingerprint<Vec<u64>> = ByFingerprint::default();
    each(PageKind::Attachment, &mut |rec| {
        if let Some(parent) = rec.parent {
            attachments
                .entry(fingerprint(parent))
                .or_default()
                .push(digest(rec));
        }
        Ok(())
    })?;
    each(PageKind::Response, &mut |rec| {
        let key = fingerprint(rec.url);
        let children = attachments.remove(&key).unwrap_or_default();
        out.push(UnitRef {
            key,
            kind: UnitKind::Response,
            source: source_of(std::iter::once(digest(rec)).chain(children)),
            consultation: rec.consultation.unwrap_or_default().to_string(),
            url: rec.url.to_string(),
            aliases: Vec::new(),
        });
        Ok(())
    })?;
    each(PageKind::Document, &mut |rec| {
        let slug = rec.consultation.unwrap_or_default().to_string();
        let page = pages.get(&slug).copied().unwrap_or(0);
        out.push(UnitRef {
            key: fingerprint(rec.url),
            kind: UnitKind::Document,
            source: source_of([digest(rec), page].into_iter()),
            url: rec.url.to_string(),
            consultation: slug,
            aliases: Vec::new(),
        });
        Ok(())
    })?;
    // Seeds that reach one archived page (a DOI and its `dx.` alias) are one report, reached
    // at every one of their URLs.
    if scope.is_some_and(|c| !c.reports) {
        return Ok(out);
    }
    let mut reports: Vec<(String, u64, Vec<String>)> = Vec::new();
    let mut at: HashMap<(String, u64), usize> = HashMap::new();
    state.each_stored_body(PageKind::Report, None, |rec| {
        let k = (
            rec.warc_file.unwrap_or_default().to_string(),
            rec.warc_offset.unwrap_or(0),
        );
        match at.get(&k) {
            Some(&i) => reports[i].2.push(rec.url.to_string()),
            None => {
                at.insert(k, reports.len());
                reports.push((rec.url.to_string(), digest(rec), Vec::new()));
            }
        }
        Ok(())
    })?;
    let mut files: HashMap<String, Vec<u64>> = HashMap::new();
    state.each_stored_body(PageKind::ReportFile, None, |rec| {
        if let Some(parent) = rec.parent {
            files
                .entry(parent.to_string())
                .or_default()
                .push(digest(rec));
        }
        Ok(())
    })?;
    for (url, d, aliases) in reports {
        let children = files.remove(&url).unwrap_or_default();
        out.push(UnitRef {
            key: fingerprint(&url),
            kind: UnitKind::Report,
            source: source_of(
                std::iter::once(d)
                    .chain(children)
                    .chain(aliases.iter().map(|a| fingerprint(a))),
            ),
            url,
            consultation: String::new(),
            aliases,
        });
    }
    Ok(out)
}

/// Reads a unit's rows from the state, for extraction.
pub(crate) fn load(state: &State, unit: &UnitRef) -> Result<Option<Unit>> {
    let Some(main) = state.get(&unit.url)? else {
        return Ok(None);
    };
    let child_kind = match unit.kind {
        UnitKind::Response => Some(PageKind::Attachment),
        UnitKind::Report => Some(PageKind::ReportFile),
        _ => None,
    };
    let children = match child_kind {
        Some(k) => state
            .children(&unit.url)?
            .into_iter()
            .filter(|c| c.kind == k && c.is_stored())
            .collect(),
        None => Vec::new(),
    };
    let context = match unit.kind {
        UnitKind::Document => state
            .of_consultation_page(&unit.consultation)?
            .filter(PageRecord::is_stored),
        _ => None,
    };
    Ok(Some(Unit {
        unit: unit.clone(),
        main,
        children,
        context,
    }))
}

/// Reads the rows of many units in one pass over the state (a first build, a new
/// consultation), handing each unit to `feed` as it is read: a lookup per unit would cost a
/// million queries.
pub(crate) fn load_all(
    state: &State,
    todo: &[UnitRef],
    mut feed: impl FnMut(Unit) -> Result<()>,
) -> Result<()> {
    let wanted: ByFingerprint<&UnitRef> = todo.iter().map(|u| (u.key, u)).collect();
    let mut pages: HashMap<String, PageRecord> = HashMap::new();
    let mut children: ByFingerprint<Vec<PageRecord>> = ByFingerprint::default();
    state.each_of_kind(PageKind::Attachment, |rec| {
        if let (true, Some(parent)) = (rec.is_stored(), &rec.parent) {
            let key = fingerprint(parent);
            if wanted.contains_key(&key) {
                children.entry(key).or_default().push(rec);
            }
        }
        Ok(())
    })?;
    state.each_of_kind(PageKind::Consultation, |rec| {
        if rec.is_stored() {
            pages.insert(rec.consultation.clone().unwrap_or_default(), rec.clone());
        }
        Ok(())
    })?;
    let mut unit_of = |rec: PageRecord, feed: &mut dyn FnMut(Unit) -> Result<()>| {
        let Some(u) = wanted.get(&fingerprint(&rec.url)) else {
            return Ok(());
        };
        if u.kind == UnitKind::Report {
            // Few, and with their files: looked up one by one.
            return match load(state, u)? {
                Some(unit) => feed(unit),
                None => Ok(()),
            };
        }
        let context = (u.kind == UnitKind::Document)
            .then(|| pages.get(&u.consultation).cloned())
            .flatten();
        feed(Unit {
            unit: (*u).clone(),
            children: children.remove(&u.key).unwrap_or_default(),
            main: rec,
            context,
        })
    };
    for kind in [
        PageKind::Consultation,
        PageKind::Response,
        PageKind::Document,
        PageKind::Report,
    ] {
        state.each_of_kind(kind, |rec| unit_of(rec, &mut feed))?;
    }
    Ok(())
}

/// Turns archived units into documents; one per thread, since the archive reader and the
/// language detector keep state between calls.
pub(crate) struct Extraction<'a> {
    reader: ArchiveReader,
    files: &'a Extractor,
    detector: LanguageDetector,
    out: Extracted,
}

impl<'a> Extraction<'a> {
    /// An extraction reading from the archive folder `archive`.
    pub(crate) fn new(archive: &std::path::Path, files: &'a Extractor) -> Extraction<'a> {
        Extraction {
            reader: ArchiveReader::new(archive),
            files,
            detector: LanguageDetector::default(),
            out: Extracted::default(),
        }
    }

    /// Extracts one unit: its documents, each row's verdict and a response's sketch.
    pub(crate) fn extract(&mut self, unit: &Unit) -> Extracted {
        self.out = Extracted::default();
        match unit.unit.kind {
            UnitKind::Consultation => self.consultation(unit),
            UnitKind::Response => self.response(unit),
            UnitKind::Document => self.document(unit),
            UnitKind::Report => self.report(unit),
        }
        std::mem::take(&mut self.out)
    }

    fn consultation(&mut self, unit: &Unit) {
        let rec = &unit.main;
        let Some(html) = self.archived(rec) else {
            return;
        };
        match site::parse_consultation(&String::from_utf8_lossy(&html.body)) {
            Ok(page) => {
                self.ok(rec);
                let doc = super::consultation_document(&unit.unit.consultation, &rec.url, &page);
                self.add(doc, false);
            }
            Err(reason) => self.failed(rec, format!("page does not parse: {reason}")),
        }
    }

    fn response(&mut self, unit: &Unit) {
        let rec = &unit.main;
        let slug = &unit.unit.consultation;
        let Some(html) = self.archived(rec) else {
            return;
        };
        let Some(uuid) = site::response_uuid(&rec.url).map(str::to_string) else {
            return self.failed(rec, "not a response URL".to_string());
        };
        let page = match site::parse_response(&String::from_utf8_lossy(&html.body)) {
            Ok(p) => p,
            Err(reason) => {
                // No signature either: a copy it was before must not keep it in a campaign.
                self.out.sketch = Some(Sketch {
                    url: rec.url.clone(),
                    consultation: slug.clone(),
                    source: format!("{:016x}", unit.unit.source),
                    date: None,
                    signature: None,
                });
                return self.failed(rec, format!("page does not parse: {reason}"));
            }
        };
        // The consultation's title is the index step's to set: it may change without the
        // response changing.
        let mut doc = super::response_document(slug, "", &rec.url, &uuid, &page);
        self.ok(rec);
        let mut attachments = Vec::new();
        for att in &unit.children {
            let Some(archived) = self.archived(att) else {
                continue;
            };
            match super::extract_file(&archived.body, att.content_type.as_deref(), self.files) {
                Ok(mut file) => {
                    if let Some(name) = archived
                        .header("content-disposition")
                        .and_then(super::disposition_filename)
                    {
                        file.title = Some(name);
                    }
                    self.extracted(att, &file);
                    attachments.push(super::attachment_document(&doc, &att.url, file));
                }
                Err(reason) => self.failed(att, reason),
            }
        }
        let answers = doc.body();
        let attachment_text = attachments.first().map(Document::body);
        let respondent = crate::respondent::classify(
            doc.author.as_deref(),
            &answers,
            attachment_text.as_deref(),
        );
        doc.respondent = Some(respondent);
        let organisation = crate::organisations::of_response(
            doc.author.as_deref(),
            respondent,
            &answers,
            attachment_text.as_deref(),
        );
        doc.organisation = organisation.clone();
        let compared = campaigns::comparable_text(&answers, attachment_text.as_deref());
        self.out.sketch = Some(Sketch {
            url: rec.url.clone(),
            consultation: slug.clone(),
            source: format!("{:016x}", unit.unit.source),
            date: page.date.map(|d| d.format("%Y-%m-%d").to_string()),
            signature: Signature::of_text(&compared).map(|s| s.to_bytes()),
        });
        // A response that answers only in its attachment has text, even where the file could
        // not be read: "without text" means the respondent wrote nothing and attached nothing.
        self.add(doc, page.attachment.is_some());
        for mut a in attachments {
            a.respondent = Some(respondent);
            a.organisation = organisation.clone();
            self.add(a, false);
        }
    }

    fn document(&mut self, unit: &Unit) {
        let rec = &unit.main;
        let Some(file) = self.archived(rec) else {
            return;
        };
        let page = unit
            .context
            .as_ref()
            .and_then(|c| self.archived(c))
            .and_then(|html| site::parse_consultation(&String::from_utf8_lossy(&html.body)).ok());
        match super::extract_file(&file.body, rec.content_type.as_deref(), self.files) {
            Ok(f) => {
                self.extracted(rec, &f);
                let doc = super::file_document(&unit.unit.consultation, page.as_ref(), &rec.url, f);
                self.add(doc, false);
            }
            Err(reason) => self.failed(rec, reason),
        }
    }

    /// A report: the file its landing page offered when there is one and it has text, else
    /// the page's main text. A file that fails is recorded under its own URL, and the page's
    /// text is indexed instead.
    fn report(&mut self, unit: &Unit) {
        let rec = &unit.main;
        let Some(archived) = self.archived(rec) else {
            return;
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
        let html = super::is_html(&body[..body.len().min(1024)], &ct);
        if html {
            match report::extract_html(
                &super::decode_text(body, rec.content_type.as_deref()),
                &landing_url,
            ) {
                Ok(p) => page = Some(p),
                Err(e) => reason = Some(e),
            }
            (file, file_url) = self.download(unit);
        } else {
            match super::extract_file(body, rec.content_type.as_deref(), self.files) {
                Ok(f) => {
                    self.extracted(rec, &f);
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
        let aliases = &unit.unit.aliases;
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
            self.ok(rec);
        }
        self.add(doc, false);
    }

    /// The file a report's landing page offered (the last that gave text), with where it
    /// was; a download that is a web page or has no text is recorded as failed.
    fn download(&mut self, unit: &Unit) -> (Option<ExtractedFile>, Option<String>) {
        let (mut file, mut file_url) = (None, None);
        for child in &unit.children {
            let Some(a) = self.archived(child) else {
                continue;
            };
            let child_ct = child
                .content_type
                .as_deref()
                .unwrap_or("")
                .to_ascii_lowercase();
            if super::is_html(&a.body[..a.body.len().min(1024)], &child_ct) {
                // Only one hop from a landing page: a second page is not followed.
                self.failed(
                    child,
                    "the download link gave a web page, not a file".into(),
                );
                continue;
            }
            match super::extract_file(&a.body, child.content_type.as_deref(), self.files) {
                Ok(f) => {
                    self.extracted(child, &f);
                    file = Some(f);
                    file_url = Some(child.final_url.clone().unwrap_or(child.url.clone()));
                }
                Err(e) => self.failed(child, e),
            }
        }
        (file, file_url)
    }

    /// A stored row's archived answer; an unreadable record is the row's failure.
    fn archived(&mut self, rec: &PageRecord) -> Option<ArchivedResponse> {
        match self.reader.read(
            rec.warc_file.as_deref().unwrap_or_default(),
            rec.warc_offset.unwrap_or_default(),
        ) {
            Ok(r) => Some(r),
            Err(e) => {
                self.failed(rec, e.to_string());
                None
            }
        }
    }

    fn verdict(&mut self, rec: &PageRecord, verdict: Verdict) {
        self.out.outcomes.push(Outcome {
            url: rec.url.clone(),
            previous: rec.extract_error.clone(),
            verdict,
        });
    }

    fn ok(&mut self, rec: &PageRecord) {
        self.verdict(rec, Verdict::Ok);
    }

    fn failed(&mut self, rec: &PageRecord, reason: String) {
        self.verdict(rec, Verdict::Failed(reason));
    }

    /// A file's verdict: whole, or damaged and indexed with what could be recovered.
    fn extracted(&mut self, rec: &PageRecord, file: &ExtractedFile) {
        match &file.damage {
            Some(d) => self.verdict(rec, Verdict::Damaged(d.clone())),
            None => self.ok(rec),
        }
    }

    /// Finishes a document: its language and what it cites, from its text. `attached` says it
    /// has an attachment, and so is not without text whatever its own text.
    fn add(&mut self, mut doc: Document, attached: bool) {
        let body = doc.body();
        if doc.lang.is_empty() {
            doc.lang = self.detector.detect(&body).to_string();
        }
        if doc.cites.is_empty() {
            doc.cites = cites::extract(&body);
        }
        let has_text = attached || !body.trim().is_empty();
        self.out.docs.push(Prepared { doc, has_text });
    }
}

/// The document id of a response's or attachment's response (`r-<uuid>`), which campaigns
/// are keyed by.
pub(crate) fn response_doc_id(doc: &Document) -> Option<String> {
    match doc.kind {
        Kind::Response | Kind::Attachment => doc.response_id.as_ref().map(|r| format!("r-{r}")),
        _ => None,
    }
}
