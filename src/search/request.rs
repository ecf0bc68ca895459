//! What a search asks: its words and filters, the page, the order, and how responses without
//! text take part. The CLI and the API both build one of these; the engine answers it.

use super::*;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

impl Sort {
    pub fn parse(s: &str) -> Result<Sort> {
        match s {
            "relevance" => Ok(Sort::Relevance),
            "date" => Ok(Sort::Date),
            _ => Err(Error::Usage(format!(
                "unknown sort '{s}' (use relevance or date)"
            ))),
        }
    }
}

/// Whether responses without text (every answer left empty, nothing attached) take part.
/// They are responses and count as such, so by default they do; they never match words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Empty {
    #[default]
    Include,
    Exclude,
    /// Only the documents without text.
    Only,
}

impl Empty {
    /// Reads `include`, `exclude` or `only`.
    pub fn parse(s: &str) -> Result<Empty> {
        match s.trim().to_ascii_lowercase().as_str() {
            "include" => Ok(Empty::Include),
            "exclude" => Ok(Empty::Exclude),
            "only" => Ok(Empty::Only),
            _ => Err(Error::Usage(format!(
                "unknown value '{s}' for empty responses (use include, exclude or only)"
            ))),
        }
    }
}

/// A search with its filters and page.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub consultation: Option<String>,
    pub lang: Option<String>,
    pub kind: Option<Kind>,
    /// Only documents that cite this URL, DOI or Kamerstuk.
    pub cites: Option<String>,
    /// Only the responses (and attachments) of this campaign.
    pub campaign: Option<String>,
    /// Only responses (and attachments) of this kind of respondent.
    pub respondent: Option<Respondent>,
    /// Only the responses (and attachments) of this organisation (an id of the register).
    pub organisation: Option<String>,
    /// One hit per campaign: its best-ranked member stands for the others.
    pub collapse: bool,
    /// Responses without text: included (the default), excluded, or the only ones.
    pub empty: Empty,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
}
