//! Campaigns at index time: before the documents are written, every response gets a MinHash
//! signature (kept in the crawl state, so a later run only reads the responses that are new or
//! changed), each consultation's signatures are clustered, and every member learns its
//! campaign's id, size and representative. The documents then carry them, so a search can
//! filter, count and collapse by campaign without any work at query time.
//!
//! A campaign's id is a hash of its earliest response's URL (by date, then arrival), so it stays
//! the same while copies keep arriving; it changes only when two campaigns merge or the first
//! response is withdrawn.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use serde::Serialize;
use sha2::Digest;

use crate::campaigns::{self, Signature};
use crate::crawl::archive::ArchiveReader;
use crate::crawl::state::{PageKind, Sketch, State};
use crate::error::Result;
use crate::extract::worker::Extractor;
use crate::extract::{self, site, CampaignTag};

/// Sketches written to the state in one transaction.
const BATCH: usize = 1_000;

/// What campaign detection did in one index build.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct CampaignSummary {
    /// The similarity threshold used (Jaccard of 5-word shingle sets).
    pub threshold: f64,
    /// Campaigns (two or more near-identical responses).
    pub campaigns: u64,
    /// Responses in a campaign.
    pub members: u64,
    /// Responses read and signed in this run (new or changed).
    pub sketched: u64,
    /// Responses whose stored signature was reused.
    pub reused: u64,
    pub seconds: f64,
}

/// The text campaign detection compares: a response's answers, or its attachment's text when
/// the answers are too short to be a template ("zie bijlage").
pub fn comparable_text(answers: &str, attachment: Option<&str>) -> String {
    match attachment {
        Some(a) if campaigns::words(answers).len() < campaigns::MIN_WORDS => a.to_string(),
        _ => answers.to_string(),
    }
}

/// A response to sign, read from the archive.
struct Pending {
    url: String,
    consultation: String,
    source: String,
    page: Vec<u8>,
    /// The first attachment's bytes and content type, if it has one.
    attachment: Option<(Vec<u8>, Option<String>)>,
}

/// Signs responses on every core: parsing the pages is most of the work.
fn sign(pending: Vec<Pending>, files: &Extractor) -> Vec<Sketch> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = pending.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = pending
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|p| sign_one(p, files)).collect()))
            .collect();
        parts
            .into_iter()
            .flat_map(|h| -> Vec<Sketch> { h.join().expect("a signing thread panicked") })
            .collect()
    })
}

/// A response's sketch. A page that does not parse gives the same bytes next time: it is
/// remembered without a signature rather than read again.
fn sign_one(p: &Pending, files: &Extractor) -> Sketch {
    let mut sketch = Sketch {
        url: p.url.clone(),
        consultation: p.consultation.clone(),
        source: p.source.clone(),
        date: None,
        signature: None,
    };
    let Ok(page) = site::parse_response(&String::from_utf8_lossy(&p.page)) else {
        return sketch;
    };
    let answers: Vec<&str> = page.answers.iter().map(|s| s.text.as_str()).collect();
    let answers = answers.join("\n\n");
    let mut attachment = None;
    if campaigns::words(&answers).len() < campaigns::MIN_WORDS {
        if let Some((bytes, content_type)) = &p.attachment {
            if let Ok(file) = extract::extract_file(bytes, content_type.as_deref(), files) {
                let texts: Vec<&str> = file.sections.iter().map(|s| s.text.as_str()).collect();
                attachment = Some(texts.join("\n\n"));
            }
        }
    }
    let text = comparable_text(&answers, attachment.as_deref());
    sketch.date = page.date.map(|d| d.format("%Y-%m-%d").to_string());
    sketch.signature = Signature::of_text(&text).map(|s| s.to_bytes());
    sketch
}

/// Signs new and changed responses, forgets withdrawn ones, clusters each consultation, and
/// returns the campaign of every member by document id (`r-<uuid>`).
pub fn assign(
    state: &State,
    reader: &mut ArchiveReader,
    files: &Extractor,
    threshold: f64,
) -> Result<(HashMap<String, CampaignTag>, CampaignSummary)> {
    let started = Instant::now();
    let mut summary = CampaignSummary {
        threshold,
        ..CampaignSummary::default()
    };
    let known = state.sketch_sources()?;
    let mut keep = HashSet::new();
    let mut pending = Vec::new();
    state.each_of_kind(PageKind::Response, |rec| {
        if !rec.is_stored() || site::response_uuid(&rec.url).is_none() {
            return Ok(());
        }
        let attachments: Vec<_> = state
            .children(&rec.url)?
            .into_iter()
            .filter(|a| a.kind == PageKind::Attachment && a.is_stored())
            .collect();
        // What the signature depends on: the page and its attachment as archived, and how
        // signatures are made.
        let digest = |r: &crate::crawl::state::PageRecord| {
            r.sha256.clone().unwrap_or_else(|| {
                format!(
                    "{}@{}",
                    r.warc_file.as_deref().unwrap_or(""),
                    r.warc_offset.unwrap_or(0)
                )
            })
        };
        let source = std::iter::once(format!("v{}", campaigns::SIGNATURE_VERSION))
            .chain(std::iter::once(digest(&rec)))
            .chain(attachments.iter().map(digest))
            .collect::<Vec<_>>()
            .join(" ");
        let url_print = campaigns::fingerprint(&rec.url);
        keep.insert(url_print);
        if known.get(&url_print) == Some(&campaigns::fingerprint(&source)) {
            summary.reused += 1;
            return Ok(());
        }
        // A page that cannot be read gets no signature (and is read again next time); the index
        // build records why.
        let Ok(archived) = reader.read(
            rec.warc_file.as_deref().unwrap_or_default(),
            rec.warc_offset.unwrap_or_default(),
        ) else {
            return Ok(());
        };
        let attachment = match attachments.first() {
            Some(att) => reader
                .read(
                    att.warc_file.as_deref().unwrap_or_default(),
                    att.warc_offset.unwrap_or_default(),
                )
                .ok()
                .map(|a| (a.body, att.content_type.clone())),
            None => None,
        };
        pending.push(Pending {
            url: rec.url.clone(),
            consultation: rec.consultation.clone().unwrap_or_default(),
            source,
            page: archived.body,
            attachment,
        });
        if pending.len() >= BATCH {
            let signed = sign(std::mem::take(&mut pending), files);
            summary.sketched += signed.len() as u64;
            state.put_sketches(&signed)?;
        }
        Ok(())
    })?;
    let signed = sign(pending, files);
    summary.sketched += signed.len() as u64;
    state.put_sketches(&signed)?;
    state.prune_sketches(&keep)?;

    let mut out = HashMap::new();
    for consultation in state.sketch_consultations()? {
        let sketches = state.sketches(&consultation)?;
        let sigs: Vec<Option<Signature>> = sketches
            .iter()
            .map(|s| s.signature.as_deref().and_then(Signature::from_bytes))
            .collect();
        let doc_id = |i: usize| {
            format!(
                "r-{}",
                site::response_uuid(&sketches[i].url).unwrap_or_default()
            )
        };
        for c in campaigns::cluster(&sigs, threshold) {
            // Sketches are in order of arrival, so the first of the earliest date is the
            // first response posted.
            let first = *c
                .members
                .iter()
                .min_by_key(|&&i| (sketches[i].date.clone(), i))
                .expect("a campaign has members");
            // Hashed, so that ids differ even where response ids share their start.
            let digest = sha2::Sha256::digest(sketches[first].url.as_bytes());
            let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
            let tag = CampaignTag {
                id: format!("c-{hex}"),
                size: c.members.len() as u64,
                representative: doc_id(c.representative),
            };
            summary.campaigns += 1;
            summary.members += c.members.len() as u64;
            for &m in &c.members {
                out.insert(doc_id(m), tag.clone());
            }
        }
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok((out, summary))
}
