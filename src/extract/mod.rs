//! Extraction turns archived bodies into documents: the site's HTML pages into consultations and
//! responses (`site`), PDF and Word files into text per page (`pdf`, `docx`, parsed in the
//! bounded `worker` process), cited reports into their main text and metadata (`report`), and
//! any text into the URLs, DOIs and Kamerstukken it cites (`cites`). Extraction never invents
//! content: a page that does not parse is an error the caller records, not an empty document.

pub(crate) mod cites;
pub(crate) mod docx;
pub(crate) mod pdf;
pub mod report;
pub(crate) mod search_results;
pub mod site;
pub(crate) mod units;
pub mod worker;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a document is; the index keeps them side by side and filters on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A consultation's own page: title and summary.
    Consultation,
    /// One public response.
    Response,
    /// The file attached to a response (linked to it by `response_id`).
    Attachment,
    /// A file the consultation publishes (the draft bill, its explanatory memorandum).
    Document,
    /// A report that responses or the seed file cite (an advice, a study, an evaluation).
    Report,
}

impl Kind {
    /// All kinds, in the order they are listed to users.
    pub(crate) const ALL: [Kind; 5] = [
        Kind::Consultation,
        Kind::Response,
        Kind::Attachment,
        Kind::Document,
        Kind::Report,
    ];

    /// The kinds' names, in the order of [`Kind::ALL`].
    pub const NAMES: &'static [&'static str] = &[
        "consultation",
        "response",
        "attachment",
        "document",
        "report",
    ];

    /// The kind's name in queries, filters and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Consultation => "consultation",
            Kind::Response => "response",
            Kind::Attachment => "attachment",
            Kind::Document => "document",
            Kind::Report => "report",
        }
    }

    /// Parses a kind name; the error lists the valid names.
    pub fn parse(s: &str) -> Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown kind '{s}' (use {})",
                    crate::text::either(Kind::NAMES)
                )
            })
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A part of a document: a question with its answer, a PDF page, or a block of a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The question this answers (responses), or a heading.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub heading: Option<String>,
    /// The 1-based page number for PDF text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// The section's text.
    pub text: String,
}

/// Where a section's text is in its document's text, as the index stores it: the text itself
/// is stored once, in the body, and the sections only point into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionPlace {
    /// The question this answers, or a heading.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub heading: Option<String>,
    /// The 1-based page number for PDF text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// Byte range in the body; `None` for a section without text (an unanswered question).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub at: Option<(usize, usize)>,
}

/// The places of a document's sections in its body ([`Document::body_sections`]).
pub(crate) fn section_places(doc: &Document) -> Vec<SectionPlace> {
    let (_, ranges) = doc.body_sections();
    let mut at: Vec<Option<(usize, usize)>> = vec![None; doc.sections.len()];
    for (r, i) in ranges {
        at[i] = Some((r.start, r.end));
    }
    doc.sections
        .iter()
        .zip(at)
        .map(|(s, at)| SectionPlace {
            heading: s.heading.clone(),
            page: s.page,
            at,
        })
        .collect()
}

/// The sections again, from their places and the body.
pub(crate) fn sections_from(places: &[SectionPlace], body: &str) -> Vec<Section> {
    places
        .iter()
        .map(|p| Section {
            heading: p.heading.clone(),
            page: p.page,
            text: p
                .at
                .and_then(|(a, b)| body.get(a..b))
                .unwrap_or_default()
                .to_string(),
        })
        .collect()
}

/// The section whose text holds byte `at` of the body.
pub(crate) fn section_at(places: &[SectionPlace], at: usize) -> Option<&SectionPlace> {
    places
        .iter()
        .find(|p| p.at.is_some_and(|(a, b)| a <= at && at < b.max(a + 1)))
}

/// One searchable unit with its attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: `c-{slug}`, `r-{uuid}`, `a-{uuid}`, `d-{slug}-{number}`, `rep-{hash}`.
    pub id: String,
    /// What the document is.
    pub kind: Kind,
    /// The site's UUID of the response (for an attachment, of its response).
    pub response_id: Option<String>,
    /// The consultation's slug.
    pub consultation: String,
    /// The consultation's title.
    pub consultation_title: String,
    /// Title of a consultation, document or report; empty for responses.
    pub title: String,
    /// The respondent's or author's name.
    pub author: Option<String>,
    /// The respondent's place.
    pub place: Option<String>,
    /// The document's date (a response's, a consultation's opening, a report's publication).
    pub date: Option<NaiveDate>,
    /// Where the document is on the web.
    pub url: String,
    /// ISO 639-1 code, or `und` when the language is not known reliably.
    pub lang: String,
    /// The text in sections: answers under their questions, or pages.
    pub sections: Vec<Section>,
    /// Number of pages, for PDFs.
    pub pages: Option<u32>,
    /// The host a report was published on (`amnesty.org`); `None` for the site's documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// What the text cites, normalised ([`cites::normalize`]): URLs, DOIs, Kamerstukken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<String>,
    /// What else the source says: a consultation's status, end date, type and announced number
    /// of responses; a report's seed label, site name and the URLs it was fetched from.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub meta: serde_json::Map<String, serde_json::Value>,
    /// The campaign a response (and its attachment) belongs to: near-identical responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<CampaignTag>,
    /// Who wrote a response (and its attachment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<crate::respondent::Respondent>,
    /// The organisation an organisation's response (and its attachment) speaks for; never
    /// set for a person's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<crate::organisations::OrgName>,
}

/// A response's campaign as the index stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignTag {
    /// `c-` and 12 hex digits of a hash of the campaign's first response's URL: stable while
    /// the campaign grows.
    pub id: String,
    /// Responses in the campaign.
    pub size: u64,
    /// The document id of the campaign's most central response.
    pub representative: String,
}

impl Document {
    /// The searchable text: the sections joined by blank lines. Questions are left out on
    /// purpose: every response repeats them, so they would make every response match.
    pub fn body(&self) -> String {
        self.body_sections().0
    }

    /// The text with, for each non-empty section, its byte range in the text and its index.
    pub(crate) fn body_sections(&self) -> (String, Vec<(std::ops::Range<usize>, usize)>) {
        let mut out = String::new();
        let mut ranges = Vec::new();
        for (i, s) in self.sections.iter().enumerate() {
            if s.text.trim().is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            let start = out.len();
            out.push_str(&s.text);
            ranges.push((start..out.len(), i));
        }
        (out, ranges)
    }
}

/// The message a panic carried, for a one-line reason.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic")
}

/// The id of a consultation's own document.
pub(crate) fn consultation_id(slug: &str) -> String {
    format!("c-{slug}")
}

/// Builds the document of a consultation page.
pub(crate) fn consultation_document(
    slug: &str,
    url: &str,
    page: &site::ConsultationPage,
) -> Document {
    let mut meta = serde_json::Map::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            meta.insert(k.to_string(), serde_json::Value::String(v));
        }
    };
    put("status", page.status.clone());
    put("start", page.start.map(|d| d.to_string()));
    put("end", page.end.map(|d| d.to_string()));
    put("type", page.consultation_type.clone());
    if let Some(n) = page.response_count {
        meta.insert("announced_responses".into(), n.into());
    }
    Document {
        meta,
        id: consultation_id(slug),
        kind: Kind::Consultation,
        response_id: None,
        consultation: slug.to_string(),
        consultation_title: page.title.clone(),
        title: page.title.clone(),
        author: page.ministry.clone(),
        place: None,
        date: page.start,
        url: url.to_string(),
        lang: String::new(),
        sections: page.sections.clone(),
        pages: None,
        publisher: None,
        cites: Vec::new(),
        campaign: None,
        respondent: None,
        organisation: None,
    }
}

/// Builds the document of a response page.
pub(crate) fn response_document(
    slug: &str,
    consultation_title: &str,
    url: &str,
    uuid: &str,
    page: &site::ResponsePage,
) -> Document {
    Document {
        id: format!("r-{uuid}"),
        kind: Kind::Response,
        response_id: Some(uuid.to_string()),
        consultation: slug.to_string(),
        consultation_title: consultation_title.to_string(),
        title: String::new(),
        author: page.name.clone(),
        place: page.place.clone(),
        date: page.date,
        url: url.to_string(),
        lang: String::new(),
        sections: page.answers.clone(),
        pages: None,
        publisher: None,
        cites: Vec::new(),
        meta: Default::default(),
        campaign: None,
        respondent: None,
        organisation: None,
    }
}

/// What a document made from a file says about the file: that it is damaged, and how.
fn file_meta(file: &ExtractedFile) -> serde_json::Map<String, serde_json::Value> {
    let mut meta = serde_json::Map::new();
    if let Some(d) = &file.damage {
        meta.insert("damaged".into(), d.clone().into());
    }
    meta
}

/// Builds the document of a response's attachment; it carries the response's attribution.
pub(crate) fn attachment_document(response: &Document, url: &str, file: ExtractedFile) -> Document {
    Document {
        meta: file_meta(&file),
        id: format!("a-{}", response.response_id.as_deref().unwrap_or_default()),
        kind: Kind::Attachment,
        title: file.title.unwrap_or_else(|| "Bijlage".to_string()),
        url: url.to_string(),
        lang: String::new(),
        sections: file.sections,
        pages: file.pages,
        cites: Vec::new(),
        ..response.clone()
    }
}

/// Builds the document of a consultation's file (`/{slug}/document/{number}`).
pub(crate) fn file_document(
    slug: &str,
    consultation: Option<&site::ConsultationPage>,
    url: &str,
    file: ExtractedFile,
) -> Document {
    let number = url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let listed = consultation.and_then(|c| {
        c.documents.iter().find(|d| {
            d.href
                .trim_end_matches('/')
                .ends_with(&format!("/document/{number}"))
        })
    });
    Document {
        meta: file_meta(&file),
        id: format!("d-{slug}-{number}"),
        kind: Kind::Document,
        response_id: None,
        consultation: slug.to_string(),
        consultation_title: consultation.map(|c| c.title.clone()).unwrap_or_default(),
        title: listed
            .map(|d| d.title.clone())
            .or(file.title)
            .unwrap_or_else(|| format!("Document {number}")),
        author: consultation.and_then(|c| c.ministry.clone()),
        place: None,
        date: consultation.and_then(|c| c.start),
        url: url.to_string(),
        lang: String::new(),
        sections: file.sections,
        pages: file.pages,
        publisher: None,
        cites: Vec::new(),
        campaign: None,
        respondent: None,
        organisation: None,
    }
}

/// The file name in a Content-Disposition header (`filename*=UTF-8''…` or `filename="…"`).
pub(crate) fn disposition_filename(header: &str) -> Option<String> {
    let mut plain = None;
    for part in header.split(';') {
        let Some((k, v)) = part.trim().split_once('=') else {
            continue;
        };
        match k.trim().to_ascii_lowercase().as_str() {
            "filename*" => {
                let encoded = v.trim().splitn(3, '\'').nth(2)?;
                let bytes: Vec<u8> = percent_decode(encoded);
                return Some(String::from_utf8_lossy(&bytes).into_owned())
                    .filter(|s| !s.is_empty());
            }
            "filename" => plain = Some(v.trim().trim_matches('"').to_string()),
            _ => {}
        }
    }
    plain.filter(|s| !s.is_empty())
}

fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// What a file parser gives: the text per page (pages without text are empty strings) and
/// what the file's own metadata says.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FileText {
    /// The text of each page, in order.
    pub pages: Vec<String>,
    /// The title the file's metadata records.
    pub title: Option<String>,
    /// The author the file's metadata records.
    pub author: Option<String>,
    /// `YYYY-MM-DD`, when the file records when it was made.
    pub date: Option<String>,
    /// Why the text is incomplete, when the file is damaged but partly readable (a truncated
    /// download, pages that do not parse).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage: Option<String>,
}

impl FileText {
    /// True when no page has any text (a scan, or only images).
    pub(crate) fn is_blank(&self) -> bool {
        self.pages.iter().all(|p| p.trim().is_empty())
    }
}

/// The text of a downloaded file.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractedFile {
    /// The text in sections, one per page for paged files.
    pub sections: Vec<Section>,
    /// Number of pages, for paged files.
    pub pages: Option<u32>,
    /// The title the file's metadata records.
    pub title: Option<String>,
    /// Author and date as the file's own metadata records them.
    pub author: Option<String>,
    /// The date the file's metadata records.
    pub date: Option<NaiveDate>,
    /// Why the text is incomplete, for a damaged file that was partly readable.
    pub damage: Option<String>,
}

impl ExtractedFile {
    /// A file from the worker's per-page text; pages without text are left out, the others keep
    /// their page number.
    fn from_pages(text: FileText) -> ExtractedFile {
        let pages = text.pages.len() as u32;
        let sections = text
            .pages
            .into_iter()
            .enumerate()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(i, t)| Section {
                heading: None,
                page: Some(i as u32 + 1),
                text: t,
            })
            .collect();
        ExtractedFile {
            sections,
            pages: Some(pages),
            title: text.title,
            author: text.author,
            date: text.date.and_then(|d| d.parse().ok()),
            damage: text.damage,
        }
    }
}

/// True for bytes that are a ZIP (a DOCX is one) or a Content-Type that says Word.
fn is_word(bytes: &[u8], ct: &str) -> bool {
    bytes.starts_with(b"PK\x03\x04") || ct.contains("wordprocessingml") || ct.contains("msword")
}

/// Extracts a downloaded file by what it is (sniffed first, then the Content-Type): PDF and
/// Word per page in the bounded worker process, HTML and plain text directly. The error is a
/// one-line reason to record.
pub fn extract_file(
    bytes: &[u8],
    content_type: Option<&str>,
    files: &worker::Extractor,
) -> Result<ExtractedFile, String> {
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") || ct.contains("application/pdf") {
        let text = files.extract_as(worker::Format::Pdf, bytes)?;
        if text.is_blank() {
            return Err(format!(
                "the PDF has {} pages but no text layer (a scan?)",
                text.pages.len()
            ));
        }
        return Ok(ExtractedFile::from_pages(text));
    }
    if is_word(bytes, &ct) {
        if bytes.starts_with(b"\xd0\xcf\x11\xe0") {
            // An encrypted .docx is an OLE container too, with an `EncryptedPackage` stream.
            let marker: Vec<u8> = "EncryptedPackage"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .collect();
            if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
                return Err("the Word document is encrypted".into());
            }
            return Err("old binary Word (.doc) files are not supported; only .docx".into());
        }
        let text = files.extract_as(worker::Format::Docx, bytes)?;
        if text.is_blank() {
            return Err("the Word document has no text".to_string());
        }
        return Ok(ExtractedFile::from_pages(text));
    }
    let text = if is_html(head, &ct) {
        let doc = scraper::Html::parse_document(&decode_text(bytes, content_type));
        site::text_of(site::content_root(&doc))
    } else if ct.starts_with("text/") {
        crate::text::normalize_lines(&decode_text(bytes, content_type))
    } else {
        return Err(format!(
            "unsupported file type ({})",
            if ct.is_empty() {
                "no Content-Type"
            } else {
                ct.as_str()
            }
        ));
    };
    if text.trim().is_empty() {
        return Err("the file has no text".to_string());
    }
    Ok(ExtractedFile {
        sections: vec![Section {
            heading: None,
            page: None,
            text,
        }],
        pages: None,
        title: None,
        author: None,
        date: None,
        damage: None,
    })
}

/// Decodes a text body by the charset its Content-Type names, else its byte-order mark, else the
/// `<meta charset>` in its first kilobyte, else UTF-8 when it is valid UTF-8, else windows-1252
/// (what browsers assume for old European pages without a charset). Report publishers are not
/// all UTF-8; guessing wrong would turn every umlaut into U+FFFD.
pub(crate) fn decode_text(bytes: &[u8], content_type: Option<&str>) -> String {
    let label = content_type
        .and_then(charset_param)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(1024)]));
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    if let Some(enc) = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())) {
        return enc.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

fn charset_param(ct: &str) -> Option<String> {
    ct.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

fn meta_charset(head: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// True for an HTML body: by Content-Type, or by its first kilobyte when that is missing.
pub(crate) fn is_html(head: &[u8], ct: &str) -> bool {
    let head = head.to_ascii_lowercase();
    ct.contains("html")
        || head.windows(5).any(|w| w == b"<html")
        || head.windows(9).any(|w| w == b"<!doctype")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_the_kinds_in_order() {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names, Kind::NAMES);
    }

    #[test]
    fn text_in_the_charset_it_declares() {
        let latin1 = b"<html><head></head><body>f\xfcr die Beratungsstellen</body></html>";
        assert!(decode_text(latin1, Some("text/html; charset=ISO-8859-1")).contains("für"));
        // No charset anywhere and not UTF-8: windows-1252, as browsers do.
        assert!(decode_text(latin1, Some("text/html")).contains("für"));
        let meta =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body>s\xe9curit\xe9</body></html>";
        assert!(decode_text(meta, None).contains("sécurité"));
        assert_eq!(decode_text("für".as_bytes(), None), "für");
        assert_eq!(decode_text(b"\xef\xbb\xbfhoi", None), "hoi");
    }

    #[test]
    fn file_names_from_content_disposition() {
        assert_eq!(
            disposition_filename("attachment; filename=\"Reactie PROUD.pdf\"").as_deref(),
            Some("Reactie PROUD.pdf")
        );
        assert_eq!(
            disposition_filename(
                "attachment; filename=\"x.pdf\"; filename*=UTF-8''Re%C3%A4ctie.pdf"
            )
            .as_deref(),
            Some("Reäctie.pdf")
        );
        assert_eq!(disposition_filename("inline"), None);
        assert_eq!(
            disposition_filename("attachment; filename*=UTF-8''bad%"),
            Some("bad%".into())
        );
    }
}
