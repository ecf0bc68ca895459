//! What a search answers, as the CLI's JSON and the API send it: hits with their attribution
//! and snippet, totals and facets, whole documents, campaigns and consultations.

use super::*;

/// What a document is and who wrote it: the fields a hit, a document view and a quote share.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Attribution {
    /// The document's id in the index (`/api/doc/{id}`).
    pub id: String,
    /// `consultation`, `response`, `attachment`, `document` or `report`.
    pub kind: String,
    /// The site's UUID of the response (of an attachment's response, for an attachment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_id: Option<String>,
    /// The consultation's slug.
    pub consultation: String,
    /// The consultation's title.
    pub consultation_title: String,
    /// The document's own title: an attachment's file name, a document's or a report's title.
    pub title: Option<String>,
    /// The respondent's name as the site shows it (responses and attachments), a report's author.
    pub author: Option<String>,
    /// The respondent's place, as given.
    pub place: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// ISO 639-1 code of the text's language, or `und` when unsure.
    pub lang: String,
    /// Where the document is on the web.
    pub url: String,
    /// A report's host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The campaign of near-identical responses this one belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    /// Responses in that campaign.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign_size: Option<u64>,
    /// `organisation`, `individual` or `anonymous` (responses and attachments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// The organisation an organisation's response speaks for: its register id and its name
    /// as this response writes it. Never set for a person's response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The organisation's name as this response writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation_name: Option<String>,
    /// False for a response whose respondent left every answer empty and attached nothing.
    pub has_text: bool,
}

impl Attribution {
    /// Reads the attribution from a stored document.
    pub(super) fn of(doc: &TantivyDocument, f: &Fields) -> Attribution {
        Attribution {
            id: text(doc, f.id).unwrap_or_default(),
            kind: text(doc, f.kind).unwrap_or_default(),
            response_id: text(doc, f.response_id),
            consultation: text(doc, f.consultation).unwrap_or_default(),
            consultation_title: text(doc, f.consultation_title).unwrap_or_default(),
            title: text(doc, f.title),
            author: text(doc, f.author),
            place: text(doc, f.place),
            date: date_of(doc, f.date),
            lang: text(doc, f.lang).unwrap_or_default(),
            url: text(doc, f.url).unwrap_or_default(),
            publisher: text(doc, f.publisher),
            campaign: text(doc, f.campaign),
            campaign_size: text(doc, f.campaign)
                .and(doc.get_first(f.campaign_size).and_then(|v| v.as_u64())),
            respondent: text(doc, f.respondent),
            // The engine resolves a key that is an abbreviation (see `Engine::attribution`).
            organisation: text(doc, f.organisation).map(|k| crate::organisations::id(&k)),
            organisation_name: text(doc, f.organisation_name),
            // Passages and indexes from before the field have text.
            has_text: doc
                .get_first(f.has_text)
                .and_then(|v| v.as_u64())
                .is_none_or(|v| v != 0),
        }
    }
}

/// One hit.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    /// Who wrote the document and where it is.
    #[serde(flatten)]
    pub attribution: Attribution,
    /// Relevance score; absent when sorted by date.
    pub score: Option<f32>,
    /// With `collapse`: how many other matching responses of the same campaign this hit
    /// stands for ("and N near-identical responses").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collapsed: Option<u64>,
    /// The page of a PDF (or paged Word file) the snippet's first match is on; the hit's `url`
    /// then ends in `#page=N`, which opens the file there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// HTML-escaped text with the matches in `<mark>`.
    pub snippet: String,
    /// The snippet as plain text with the byte ranges of the matches (for terminals).
    #[serde(skip)]
    pub snippet_plain: (String, Vec<Range<usize>>),
}

/// Counts of all matching documents by consultation, language and kind.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct Facets {
    /// Matches per consultation (slug).
    pub consultation: BTreeMap<String, u64>,
    /// Matches per language.
    pub lang: BTreeMap<String, u64>,
    /// Matches per kind.
    pub kind: BTreeMap<String, u64>,
    /// Matches per respondent type.
    pub respondent: BTreeMap<String, u64>,
    /// Matches per campaign: the [`FACET_CAMPAIGNS`] with the most matches.
    pub campaign: BTreeMap<String, u64>,
    /// Matches per organisation of the register, by id.
    pub organisation: BTreeMap<String, u64>,
    /// Matches per day (`YYYY-MM-DD`), for a timeline.
    pub date: BTreeMap<String, u64>,
}

/// Campaigns the campaign facet lists at most.
pub(crate) const FACET_CAMPAIGNS: usize = 50;

/// The answer to a search.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResponse {
    /// The query as given.
    pub query: String,
    /// The order of the hits: `relevance`, or `date` (newest first) when asked for or when
    /// the query has no words.
    pub sort: Sort,
    /// Documents that match.
    pub total: u64,
    /// With `collapse`: the hits left when each campaign counts once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<u64>,
    /// How the query was read when it could not be read as written (the API reads every
    /// query; the command line refuses one it cannot read).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Time the search took in the engine, in milliseconds.
    pub took_ms: f64,
    /// The page of hits asked for.
    pub hits: Vec<Hit>,
    /// Counts of all matches, not only the page's.
    pub facets: Facets,
}

/// A document whole, as the document view and the export show it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocView {
    /// Who wrote the document and where it is.
    #[serde(flatten)]
    pub attribution: Attribution,
    /// Number of pages, for PDFs.
    pub pages: Option<u64>,
    /// Other facts (a consultation's status and dates).
    pub meta: serde_json::Map<String, serde_json::Value>,
    /// Questions with their answers, or the text per page (`page`), in order.
    pub sections: Vec<crate::extract::Section>,
    /// The whole text.
    pub text: String,
    /// A response's attachment, or an attachment's response.
    pub related: Vec<Related>,
    /// What the text cites: `doi:…`, `kst:…`, `url:…` keys.
    pub cites: Vec<String>,
    /// For a report: the documents that cite it (at most [`MAX_CITED_BY`]), oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cited_by: Vec<Related>,
    /// For a response in a campaign: the document id of the campaign's most central
    /// response, which stands for its template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign_representative: Option<String>,
    /// For a response in a campaign: the sentences it has and the representative has not,
    /// what the respondent wrote in their own words (empty for the representative itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign_added: Option<Vec<String>>,
}

/// The most citing documents a report's view lists.
pub(crate) const MAX_CITED_BY: usize = 1_000;

/// A document that belongs with another.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Related {
    /// The related document's id.
    pub id: String,
    /// Its kind.
    pub kind: String,
    /// Its title (an attachment's file name).
    pub title: Option<String>,
    /// Its author.
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where it is on the web.
    pub url: String,
    /// Its number of pages, for PDFs.
    pub pages: Option<u64>,
    /// Its respondent type, for what a public server withholds.
    #[serde(skip)]
    pub respondent: Option<String>,
}

impl Related {
    pub(super) fn of(d: &TantivyDocument, f: &Fields) -> Related {
        Related {
            id: text(d, f.id).unwrap_or_default(),
            kind: text(d, f.kind).unwrap_or_default(),
            title: text(d, f.title),
            author: text(d, f.author),
            date: date_of(d, f.date),
            url: text(d, f.url).unwrap_or_default(),
            pages: d.get_first(f.pages).and_then(|v| v.as_u64()),
            respondent: text(d, f.respondent),
        }
    }
}

/// Characters of a campaign's representative text that listings show.
pub(crate) const CAMPAIGN_START_CHARS: usize = 240;
/// Members a campaign's detail lists at most.
pub(crate) const MAX_CAMPAIGN_MEMBERS: usize = 10_000;

/// A campaign of near-identical responses, as listings show it.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct CampaignInfo {
    /// The campaign's id (the filter `campaign:` and `--campaign` take it).
    pub id: String,
    /// The consultation it belongs to (slug).
    pub consultation: String,
    /// Responses in the index that belong to it.
    pub size: u64,
    /// Dates of its first and last response (`YYYY-MM-DD`).
    pub first: Option<String>,
    /// The date of its last response (`YYYY-MM-DD`).
    pub last: Option<String>,
    /// Responses per language.
    pub langs: BTreeMap<String, u64>,
    /// Responses per respondent type.
    pub respondents: BTreeMap<String, u64>,
    /// Responses per day, for a timeline.
    pub timeline: BTreeMap<String, u64>,
    /// The document id of its most central response.
    pub representative: String,
    /// That response's URL.
    pub url: String,
    /// The start of its text.
    pub start: String,
}

/// A campaign whole: the representative's text and each member with what it adds.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CampaignDetail {
    /// The campaign as listings show it.
    #[serde(flatten)]
    pub campaign: CampaignInfo,
    /// The representative response's text.
    pub template: String,
    /// Members, oldest first (at most [`MAX_CAMPAIGN_MEMBERS`]).
    pub members: Vec<CampaignMember>,
}

/// A campaign's member and the sentences it adds to the representative's text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CampaignMember {
    /// Who wrote the response and where it is.
    #[serde(flatten)]
    pub attribution: Attribution,
    /// The sentences it adds to the representative's text, in its own words.
    pub added: Vec<String>,
}

/// An indexed consultation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConsultationInfo {
    /// The consultation's slug.
    pub slug: String,
    /// Its title.
    pub title: Option<String>,
    /// Its status as the site gives it ("Actief", "Gesloten").
    pub status: Option<String>,
    /// The day it opened for responses (`YYYY-MM-DD`).
    pub start: Option<String>,
    /// The day it closed.
    pub end: Option<String>,
    /// The ministry responsible.
    pub ministry: Option<String>,
    /// Its page on the site.
    pub url: Option<String>,
    /// The number of responses the consultation page announced when it was last read.
    pub announced: Option<u64>,
    /// Responses indexed, those without text included.
    pub responses: u64,
    /// Responses whose respondent left every answer empty and attached nothing.
    pub responses_without_text: u64,
    /// Attachments of its responses.
    pub attachments: u64,
    /// Documents of every kind it holds in the index.
    pub documents: u64,
}
