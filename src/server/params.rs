//! Query-string parameters of `/api/search` and `/api/export`, checked strictly: a typo in a
//! parameter name or value is a 400 that says what is wrong, not a silently ignored filter.

use std::collections::HashMap;

use super::{ApiError, ExportFormat};
use crate::extract::Kind;
use crate::search::{SearchRequest, Sort, DEFAULT_LIMIT};

/// The most hits one API request may ask for.
pub const MAX_API_LIMIT: usize = 1_000;

const SEARCH_PARAMS: [&str; 15] = [
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

/// Parameters whose values have a type or come from a list (free text may be empty).
const TYPED_PARAMS: [&str; 10] = [
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

/// Refuses a query string whose values are not UTF-8 once percent-decoded: decoding them with
/// replacement characters would search for something nobody typed.
fn check_utf8(query: &str) -> Result<(), ApiError> {
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let bytes = value.as_bytes();
        let mut decoded = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            match bytes[i] {
                b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        decoded.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => decoded.push(b'%'),
                },
                b'+' => decoded.push(b' '),
                b => decoded.push(b),
            }
            i += 1;
        }
        if std::str::from_utf8(&decoded).is_err() {
            return Err(ApiError::bad_request(format!(
                "the value of {key} is not UTF-8 text"
            )));
        }
    }
    Ok(())
}

fn pairs(query: &str) -> HashMap<String, String> {
    url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Builds a search request from a query string. `extra` names the parameters an endpoint
/// takes beyond the search's (`format`); `max_limit` bounds `limit`.
pub fn search_request(
    query: &str,
    extra: &[&str],
    max_limit: usize,
) -> Result<SearchRequest, ApiError> {
    check_utf8(query)?;
    let p = pairs(query);
    for k in p.keys() {
        let known = SEARCH_PARAMS.contains(&k.as_str()) || extra.contains(&k.as_str());
        if !known {
            return Err(ApiError::bad_request(format!(
                "unknown parameter '{k}' (use {})",
                SEARCH_PARAMS.join(", ")
            )));
        }
    }
    // A parameter with a type or a list of values is given with one, or left out: `until=`
    // is a mistake to point out, not an absent filter.
    for k in TYPED_PARAMS.iter().chain(extra) {
        if p.get(*k).is_some_and(|v| v.trim().is_empty()) {
            return Err(ApiError::bad_request(format!(
                "{k} is empty: give a value or leave it out"
            )));
        }
    }
    let text = |k: &str| {
        p.get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let cites = text("cites");
    let campaign = text("campaign");
    let empty = text("empty")
        .map(|v| {
            crate::search::Empty::parse(&v).map_err(|_| {
                ApiError::bad_request(format!("empty '{v}' is not include, exclude or only"))
            })
        })
        .transpose()?
        .unwrap_or_default();
    // Without words the filters alone choose: every document that passes them, newest first.
    let q = text("q").unwrap_or_default();
    let collapse = match text("collapse").as_deref() {
        None | Some("false") | Some("0") => false,
        Some("true") | Some("1") => true,
        Some(v) => {
            return Err(ApiError::bad_request(format!(
                "collapse '{v}' is not true or false"
            )))
        }
    };
    if q.len() > 2_000 {
        return Err(ApiError::bad_request("q is at most 2,000 characters"));
    }
    let limit = match text("limit") {
        None => DEFAULT_LIMIT,
        Some(v) => v
            .parse::<usize>()
            .map_err(|_| ApiError::bad_request(format!("limit '{v}' is not a whole number")))?,
    };
    if limit > max_limit {
        return Err(ApiError::bad_request(format!(
            "limit is at most {max_limit} (use /api/export for everything)"
        )));
    }
    let offset = match text("offset") {
        None => 0,
        Some(v) => {
            let n = v.parse::<i64>().map_err(|_| {
                ApiError::bad_request(format!("offset '{v}' is not a whole number"))
            })?;
            if n < 0 {
                return Err(ApiError::bad_request("offset must be 0 or more"));
            }
            usize::try_from(n).map_err(|_| ApiError::bad_request("offset is too large"))?
        }
    };
    if offset > 1_000_000 {
        return Err(ApiError::bad_request("offset is at most 1,000,000"));
    }
    let date = |k: &str| -> Result<Option<chrono::NaiveDate>, ApiError> {
        text(k)
            .map(|v| {
                crate::cli::parse_date_arg(&v).map_err(|_| {
                    ApiError::bad_request(format!("{k} '{v}' is not a date: use YYYY-MM-DD"))
                })
            })
            .transpose()
    };
    Ok(SearchRequest {
        query: q,
        consultation: text("consultation"),
        lang: text("lang"),
        kind: text("kind")
            .map(|k| Kind::parse(&k).map_err(ApiError::bad_request))
            .transpose()?,
        cites,
        campaign,
        organisation: text("organisation"),
        respondent: text("respondent")
            .map(|r| crate::respondent::Respondent::parse(&r).map_err(ApiError::bad_request))
            .transpose()?,
        collapse,
        empty,
        since: date("since")?,
        until: date("until")?,
        limit,
        offset,
        sort: match text("sort") {
            None => Sort::Relevance,
            Some(v) => Sort::parse(&v).map_err(|e| ApiError::bad_request(e.to_string()))?,
        },
    })
}

/// Whether the query string names parameter `key`.
pub fn has(query: &str, key: &str) -> bool {
    pairs(query).contains_key(key)
}

/// The largest `min_size` of `/api/campaigns` (as its OpenAPI description declares).
pub const MAX_MIN_SIZE: u64 = 1_000_000_000;

/// The parameters of `/api/campaigns`.
pub struct CampaignsParams {
    pub consultation: Option<String>,
    pub min_size: u64,
    pub limit: usize,
}

/// The pairs of a listing's query string, refusing parameters it does not take and values
/// that are not UTF-8.
fn listing_pairs(query: &str, known: &[&str]) -> Result<HashMap<String, String>, ApiError> {
    check_utf8(query)?;
    let p = pairs(query);
    if let Some(k) = p.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(ApiError::bad_request(format!(
            "unknown parameter '{k}' (use {})",
            known.join(", ")
        )));
    }
    Ok(p)
}

/// A whole number from `min` to `max`, `default` when left out; given empty, a mistake.
fn count(
    p: &HashMap<String, String>,
    k: &str,
    default: u64,
    (min, max): (u64, u64),
) -> Result<u64, ApiError> {
    let Some(v) = p.get(k).map(|v| v.trim()) else {
        return Ok(default);
    };
    if v.is_empty() {
        return Err(ApiError::bad_request(format!(
            "{k} is empty: give a value or leave it out"
        )));
    }
    match v.parse::<u64>() {
        Ok(n) if n < min => Err(ApiError::bad_request(format!("{k} is at least {min}"))),
        Ok(n) if n > max => Err(ApiError::bad_request(format!("{k} is at most {max}"))),
        Ok(n) => Ok(n),
        Err(_) => Err(ApiError::bad_request(format!(
            "{k} '{v}' is not a whole number"
        ))),
    }
}

/// A text parameter, trimmed; left out when empty.
fn text_param(p: &HashMap<String, String>, k: &str) -> Option<String> {
    p.get(k)
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
}

/// Reads `/api/campaigns`' query string: `consultation`, `min_size` (2 or more) and `limit`.
pub fn campaigns_params(query: &str) -> Result<CampaignsParams, ApiError> {
    let p = listing_pairs(query, &["consultation", "min_size", "limit"])?;
    Ok(CampaignsParams {
        consultation: text_param(&p, "consultation"),
        min_size: count(&p, "min_size", 2, (2, MAX_MIN_SIZE))?,
        limit: count(
            &p,
            "limit",
            crate::cli::DEFAULT_CAMPAIGNS as u64,
            (0, MAX_API_LIMIT as u64),
        )? as usize,
    })
}

/// The parameters of `/api/organisations`.
pub struct OrganisationsParams {
    pub consultation: Option<String>,
    pub min_consultations: usize,
}

/// The most consultations `min_consultations` may ask for (as the OpenAPI description says).
pub const MAX_MIN_CONSULTATIONS: u64 = 100_000;

/// Reads `/api/organisations`' query string: `consultation` and `min_consultations`.
pub fn organisations_params(query: &str) -> Result<OrganisationsParams, ApiError> {
    let p = listing_pairs(query, &["consultation", "min_consultations"])?;
    Ok(OrganisationsParams {
        consultation: text_param(&p, "consultation"),
        min_consultations: count(&p, "min_consultations", 1, (1, MAX_MIN_CONSULTATIONS))? as usize,
    })
}

/// The `format` of quotes: `json` (default), `text`, `markdown`, `csv` or `csl-json`.
pub fn quote_format(query: &str) -> Result<crate::quotes::format::QuoteFormat, ApiError> {
    match pairs(query).get("format") {
        None => Ok(crate::quotes::format::QuoteFormat::Json),
        Some(f) => crate::quotes::format::QuoteFormat::parse(f).map_err(ApiError::bad_request),
    }
}

/// The `format` of an export: `jsonl` (default) or `csv`.
pub fn export_format(query: &str) -> Result<ExportFormat, ApiError> {
    match pairs(query).get("format").map(String::as_str) {
        None | Some("jsonl") => Ok(ExportFormat::Jsonl),
        Some("csv") => Ok(ExportFormat::Csv),
        Some(other) => Err(ApiError::bad_request(format!(
            "unknown format '{other}' (use jsonl or csv)"
        ))),
    }
}
