//! What a search asks: its words and filters, the page, the order, and how responses without
//! text take part. The command line and the API both build one with [`RequestBuilder`], from
//! parameters given as text, so each parameter is read and checked once; the engine answers it.

use super::*;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// By relevance (BM25), best first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

impl Sort {
    /// Reads `relevance` or `date`.
    pub fn parse(s: &str) -> Result<Sort> {
        match s {
            "relevance" => Ok(Sort::Relevance),
            "date" => Ok(Sort::Date),
            _ => Err(Error::parameter(
                "sort",
                format!("'{s}' is unknown (use relevance or date)"),
            )),
        }
    }
}

/// Whether responses without text (every answer left empty, nothing attached) take part.
/// They are responses and count as such, so by default they do; they never match words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Empty {
    /// With the other documents (the default).
    #[default]
    Include,
    /// Left out.
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
            _ => Err(Error::parameter(
                "empty",
                format!("'{s}' is not include, exclude or only"),
            )),
        }
    }
}

/// A search with its filters and page.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Words, phrases and operators in the query language; empty lists by the filters alone.
    pub query: String,
    /// Only this consultation's documents (its slug).
    pub consultation: Option<String>,
    /// Only documents in this language (ISO 639-1, or `und`).
    pub lang: Option<String>,
    /// Only documents of this kind.
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
    /// Only documents of this day or later.
    pub since: Option<NaiveDate>,
    /// Only documents of this day or earlier.
    pub until: Option<NaiveDate>,
    /// Hits on the page.
    pub limit: usize,
    /// Hits skipped before the page.
    pub offset: usize,
    /// The order of the hits.
    pub sort: Sort,
}

/// The parameters of a search, by the names the API's query string gives them; the command
/// line's options are the same names after `--` (`q` is its first argument).
pub const SEARCH_PARAMETERS: [&str; 15] = [
    "q",
    "consultation",
    "lang",
    "kind",
    "cites",
    "campaign",
    "respondent",
    "organisation",
    "collapse",
    "empty",
    "since",
    "until",
    "limit",
    "offset",
    "sort",
];

/// Parameters whose values have a type or come from a list: given empty, they are a mistake to
/// point out, not a filter left out (free text, such as `q` or `cites`, may be empty).
const TYPED_PARAMETERS: [&str; 10] = [
    "lang",
    "kind",
    "respondent",
    "collapse",
    "empty",
    "since",
    "until",
    "limit",
    "offset",
    "sort",
];

/// The longest query accepted, in characters (as the API's description counts them).
pub const MAX_QUERY_CHARS: usize = 2_000;
/// The largest offset a page may start at: deeper pages are an export's work.
pub const MAX_OFFSET: usize = 1_000_000;

/// Turns a search's parameters, given as text, into a [`SearchRequest`]: each parameter is
/// read and checked here once, for the command line and the API alike, so a filter added here
/// works in both. A value that does not fit is an [`Error::Parameter`] naming the parameter.
#[derive(Debug, Clone)]
pub struct RequestBuilder {
    req: SearchRequest,
    max_limit: usize,
}

impl Default for RequestBuilder {
    fn default() -> Self {
        RequestBuilder::new()
    }
}

impl RequestBuilder {
    /// A request for everything, [`DEFAULT_LIMIT`] hits by relevance, at most [`MAX_LIMIT`].
    pub fn new() -> RequestBuilder {
        RequestBuilder {
            req: SearchRequest {
                limit: DEFAULT_LIMIT,
                ..SearchRequest::default()
            },
            max_limit: MAX_LIMIT,
        }
    }

    /// Bounds `limit` (an API endpoint answers fewer hits than an export).
    pub(crate) fn max_limit(mut self, max: usize) -> RequestBuilder {
        self.max_limit = max.min(MAX_LIMIT);
        self
    }

    /// Sets parameter `name` (one of [`SEARCH_PARAMETERS`]) from its text, trimmed. Free text
    /// given empty is left out; a typed value given empty is an error.
    pub fn set(&mut self, name: &str, value: &str) -> Result<()> {
        let v = value.trim();
        if v.is_empty() && TYPED_PARAMETERS.contains(&name) {
            return Err(Error::parameter(
                name,
                "is empty: give a value or leave it out",
            ));
        }
        let text = || (!v.is_empty()).then(|| v.to_string());
        let r = &mut self.req;
        match name {
            "q" => {
                // Counted before trimming: the description's limit is on the value as sent.
                if value.chars().count() > MAX_QUERY_CHARS {
                    return Err(Error::parameter("q", "is at most 2,000 characters"));
                }
                r.query = v.to_string();
            }
            "consultation" => r.consultation = text(),
            "lang" => r.lang = text(),
            "kind" => r.kind = Some(Kind::parse(v).map_err(|_| unknown(name, v, Kind::NAMES))?),
            "cites" => {
                if !crate::extract::cites::fits(v) {
                    return Err(Error::parameter(
                        name,
                        format!("'{v}' is not a URL, DOI or Kamerstuk number (such as 32211-12)"),
                    ));
                }
                r.cites = text()
            }
            "campaign" => r.campaign = text(),
            "organisation" => r.organisation = text(),
            "respondent" => {
                r.respondent =
                    Some(Respondent::parse(v).map_err(|_| unknown(name, v, Respondent::NAMES))?)
            }
            "collapse" => {
                r.collapse = match v {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        return Err(Error::parameter(
                            name,
                            format!("'{v}' is not true or false"),
                        ))
                    }
                }
            }
            "empty" => r.empty = Empty::parse(v)?,
            "since" => r.since = Some(parse_date(name, v)?),
            "until" => r.until = Some(parse_date(name, v)?),
            "limit" => {
                let n = whole(name, v)?;
                if n > self.max_limit {
                    return Err(Error::parameter(
                        name,
                        format!("is at most {}", self.max_limit),
                    ));
                }
                r.limit = n;
            }
            "offset" => {
                if v.parse::<i64>().is_ok_and(|n| n < 0) {
                    return Err(Error::parameter(name, "must be 0 or more"));
                }
                let n = whole(name, v)?;
                if n > MAX_OFFSET {
                    return Err(Error::parameter(name, "is at most 1,000,000"));
                }
                r.offset = n;
            }
            "sort" => r.sort = Sort::parse(v)?,
            _ => {
                return Err(Error::Usage(format!(
                    "unknown parameter '{name}' (use {})",
                    SEARCH_PARAMETERS.join(", ")
                )))
            }
        }
        Ok(())
    }

    /// Sets each parameter given a value, in order.
    pub fn set_all<'a>(
        &mut self,
        params: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    ) -> Result<()> {
        for (name, value) in params {
            if let Some(v) = value {
                self.set(name, v)?;
            }
        }
        Ok(())
    }

    /// The request.
    pub fn build(self) -> SearchRequest {
        self.req
    }
}

/// An error for a value that is none of `known`.
fn unknown(name: &str, value: &str, known: &[&str]) -> Error {
    Error::parameter(
        name,
        format!("'{value}' is unknown (use {})", crate::text::either(known)),
    )
}

/// A whole number, 0 or more.
fn whole(name: &str, v: &str) -> Result<usize> {
    v.parse::<usize>()
        .map_err(|_| Error::parameter(name, format!("'{v}' is not a whole number")))
}

/// Reads a `YYYY-MM-DD` date given for parameter `name`.
pub fn parse_date(name: &str, v: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map_err(|_| Error::parameter(name, format!("'{v}' is not a date: use YYYY-MM-DD")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(params: &[(&str, &str)]) -> Result<SearchRequest> {
        let mut b = RequestBuilder::new().max_limit(50);
        for (k, v) in params {
            b.set(k, v)?;
        }
        Ok(b.build())
    }

    fn error(params: &[(&str, &str)]) -> String {
        request(params).unwrap_err().to_string()
    }

    #[test]
    fn every_parameter_is_read() {
        let r = request(&[
            ("q", " plicht "),
            ("consultation", "testwet"),
            ("lang", "nl"),
            ("kind", "response"),
            ("cites", "32211-12"),
            ("campaign", "c1"),
            ("respondent", "organisation"),
            ("organisation", "o-1"),
            ("collapse", "true"),
            ("empty", "exclude"),
            ("since", "2025-01-02"),
            ("until", "2025-03-04"),
            ("limit", "20"),
            ("offset", "40"),
            ("sort", "date"),
        ])
        .unwrap();
        assert_eq!(r.query, "plicht");
        assert_eq!(r.consultation.as_deref(), Some("testwet"));
        assert_eq!(r.lang.as_deref(), Some("nl"));
        assert_eq!(r.kind, Some(Kind::Response));
        assert_eq!(r.cites.as_deref(), Some("32211-12"));
        assert_eq!(r.campaign.as_deref(), Some("c1"));
        assert_eq!(r.respondent, Some(Respondent::Organisation));
        assert_eq!(r.organisation.as_deref(), Some("o-1"));
        assert!(r.collapse);
        assert_eq!(r.empty, Empty::Exclude);
        assert_eq!(r.since, NaiveDate::from_ymd_opt(2025, 1, 2));
        assert_eq!(r.until, NaiveDate::from_ymd_opt(2025, 3, 4));
        assert_eq!((r.limit, r.offset, r.sort), (20, 40, Sort::Date));
        // Every name the API lists is one the builder reads.
        for name in SEARCH_PARAMETERS {
            let e = request(&[(name, "")]);
            assert!(
                e.as_ref()
                    .map_or_else(|e| !e.to_string().contains("unknown parameter"), |_| true),
                "{name}"
            );
        }
    }

    #[test]
    fn values_that_do_not_fit_name_their_parameter() {
        assert_eq!(error(&[("limit", "51")]), "limit is at most 50");
        assert_eq!(
            error(&[("limit", "ten")]),
            "limit 'ten' is not a whole number"
        );
        assert_eq!(error(&[("offset", "-1")]), "offset must be 0 or more");
        assert_eq!(
            error(&[("offset", "1000001")]),
            "offset is at most 1,000,000"
        );
        assert_eq!(
            error(&[("until", " ")]),
            "until is empty: give a value or leave it out"
        );
        assert_eq!(
            error(&[("since", "gisteren")]),
            "since 'gisteren' is not a date: use YYYY-MM-DD"
        );
        assert!(error(&[("kind", "letter")])
            .starts_with("kind 'letter' is unknown (use consultation, "));
        assert_eq!(
            error(&[("respondent", "robot")]),
            "respondent 'robot' is unknown (use organisation, individual or anonymous)"
        );
        assert_eq!(
            error(&[("collapse", "yes")]),
            "collapse 'yes' is not true or false"
        );
        assert_eq!(
            error(&[("sort", "random")]),
            "sort 'random' is unknown (use relevance or date)"
        );
        assert!(error(&[("colour", "red")]).starts_with("unknown parameter 'colour'"));
        assert!(error(&[("q", &"a".repeat(2001))]).contains("2,000"));
        // Free text given empty is left out.
        let r = request(&[("consultation", " "), ("q", "")]).unwrap();
        assert_eq!((r.consultation, r.query.as_str()), (None, ""));
        for e in [
            error(&[("limit", "51")]),
            error(&[("since", "x")]),
            error(&[("kind", "x")]),
        ] {
            assert!(!e.contains("--"), "a library message names no option: {e}");
        }
    }
}
