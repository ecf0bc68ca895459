//! Query-string parameters of `/api/search` and `/api/export`, checked strictly: a typo in a
//! parameter name or value is a 400 that says what is wrong, not a silently ignored filter.

use std::collections::HashMap;

use super::ApiError;
use crate::error::Error;
use crate::output::{ExportFormat, QuoteFormat};
use crate::search::{RequestBuilder, SearchRequest};

/// The most hits one API request may ask for.
pub(crate) const MAX_API_LIMIT: usize = 1_000;

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

/// Builds a search request from a query string, through the same [`RequestBuilder`] as the
/// command line. `extra` names the parameters an endpoint takes beyond the search's (`format`),
/// which are read by the endpoint; `max_limit` bounds `limit`.
pub(crate) fn search_request(
    query: &str,
    extra: &[&str],
    max_limit: usize,
) -> Result<SearchRequest, ApiError> {
    check_utf8(query)?;
    let mut builder = RequestBuilder::new().max_limit(max_limit);
    for (k, v) in pairs(query) {
        if extra.contains(&k.as_str()) {
            if v.trim().is_empty() {
                return Err(ApiError::bad_request(format!(
                    "{k} is empty: give a value or leave it out"
                )));
            }
            continue;
        }
        builder.set(&k, &v).map_err(|e| match e {
            // Pages beyond the limit are an export's work: say where to get them.
            Error::Parameter { name, message }
                if name == "limit" && message.contains("at most") =>
            {
                ApiError::bad_request(format!("limit {message} (use /api/export for everything)"))
            }
            e => ApiError::from(e),
        })?;
    }
    Ok(builder.build())
}

/// Refuses a query string that names any of `keys`, which an endpoint that answers over every
/// match cannot honour: "`why`: leave out KEY".
pub(super) fn refuse(query: &str, keys: &[&str], why: &str) -> Result<(), ApiError> {
    match keys.iter().find(|k| has(query, k)) {
        Some(k) => Err(ApiError::bad_request(format!("{why}: leave out {k}"))),
        None => Ok(()),
    }
}

/// Whether the query string names parameter `key`.
pub(super) fn has(query: &str, key: &str) -> bool {
    pairs(query).contains_key(key)
}

/// The largest `min_size` of `/api/campaigns` (as its OpenAPI description declares).
pub(super) const MAX_MIN_SIZE: u64 = 1_000_000_000;

/// The parameters of `/api/campaigns`.
pub(super) struct CampaignsParams {
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
pub(super) fn campaigns_params(query: &str) -> Result<CampaignsParams, ApiError> {
    let p = listing_pairs(query, &["consultation", "min_size", "limit"])?;
    Ok(CampaignsParams {
        consultation: text_param(&p, "consultation"),
        min_size: count(&p, "min_size", 2, (2, MAX_MIN_SIZE))?,
        limit: count(
            &p,
            "limit",
            crate::search::DEFAULT_CAMPAIGNS as u64,
            (0, MAX_API_LIMIT as u64),
        )? as usize,
    })
}

/// The parameters of `/api/organisations`.
pub(super) struct OrganisationsParams {
    pub consultation: Option<String>,
    pub min_consultations: usize,
}

/// The most consultations `min_consultations` may ask for (as the OpenAPI description says).
pub(super) const MAX_MIN_CONSULTATIONS: u64 = 100_000;

/// Reads `/api/organisations`' query string: `consultation` and `min_consultations`.
pub(super) fn organisations_params(query: &str) -> Result<OrganisationsParams, ApiError> {
    let p = listing_pairs(query, &["consultation", "min_consultations"])?;
    Ok(OrganisationsParams {
        consultation: text_param(&p, "consultation"),
        min_consultations: count(&p, "min_consultations", 1, (1, MAX_MIN_CONSULTATIONS))? as usize,
    })
}

/// The `format` of quotes: `json` (default), `text`, `markdown`, `csv` or `csl-json`.
pub(super) fn quote_format(query: &str) -> Result<QuoteFormat, ApiError> {
    format_param(query, QuoteFormat::Json)
}

/// The `format` of an export: `jsonl` (default) or `csv`.
pub(super) fn export_format(query: &str) -> Result<ExportFormat, ApiError> {
    format_param(query, ExportFormat::Jsonl)
}

/// The most characters `against` may have (as `q`).
const MAX_AGAINST_CHARS: usize = crate::search::MAX_QUERY_CHARS;

/// The parameters of `/api/terms` beyond the search's: the background (`against`, a query)
/// and how campaigns count (`campaigns`, `once` by default).
pub(super) fn terms_params(
    query: &str,
) -> Result<(Option<String>, crate::keyness::CampaignCount), ApiError> {
    let p = pairs(query);
    let against = p.get("against").map(|a| a.trim().to_string());
    if against
        .as_ref()
        .is_some_and(|a| a.chars().count() > MAX_AGAINST_CHARS)
    {
        return Err(ApiError::bad_request(format!(
            "against is at most {MAX_AGAINST_CHARS} characters"
        )));
    }
    let campaigns = match p.get("campaigns") {
        None => crate::keyness::CampaignCount::Once,
        Some(c) => c
            .parse()
            .map_err(|m: String| ApiError::bad_request(format!("campaigns {m}")))?,
    };
    Ok((against, campaigns))
}

/// The `limit` of `/api/terms`: 1 to [`crate::keyness::MAX_TERMS`], 30 when left out.
pub(super) fn terms_limit(query: &str) -> Result<usize, ApiError> {
    let max = crate::keyness::MAX_TERMS;
    match pairs(query).get("limit") {
        None => Ok(crate::keyness::DEFAULT_TERMS),
        Some(v) => match v.trim().parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "limit is a whole number from 1 to {max}"
            ))),
        },
    }
}

/// The `by` of a timeline: `day` (default), `week` or `month`.
pub(super) fn timeline_by(query: &str) -> Result<crate::search::By, ApiError> {
    match pairs(query).get("by") {
        None => Ok(crate::search::By::Day),
        Some(b) => crate::search::By::parse(b).map_err(ApiError::from),
    }
}

/// The `format` parameter, `default` when left out.
fn format_param<F: std::str::FromStr<Err = String>>(
    query: &str,
    default: F,
) -> Result<F, ApiError> {
    match pairs(query).get("format") {
        None => Ok(default),
        Some(f) => f.parse().map_err(ApiError::bad_request),
    }
}
