//! Atom 1.0 feeds of a search, newest first, so that a person follows a search in any feed
//! reader and sees the responses each `update` adds. An entry's id is the document's id, which
//! stays the same across updates and rebuilds, so a reader shows each document once.

use crate::search::{Hit, SearchRequest, SearchResponse};

/// Entries in a feed unless asked otherwise.
pub(crate) const DEFAULT_FEED_ENTRIES: usize = 50;

/// What the feed is of, in words: the query and its filters.
pub(crate) fn title_of(req: &SearchRequest) -> String {
    let mut parts = Vec::new();
    if !req.query.trim().is_empty() {
        parts.push(req.query.trim().to_string());
    }
    let mut filter = |name: &str, value: Option<String>| {
        if let Some(v) = value {
            parts.push(format!("{name}: {v}"));
        }
    };
    filter("consultation", req.consultation.clone());
    filter("language", req.lang.clone());
    filter("kind", req.kind.map(|k| k.as_str().to_string()));
    filter("respondent", req.respondent.map(|r| r.as_str().to_string()));
    filter("cites", req.cites.clone());
    filter("campaign", req.campaign.clone());
    filter("since", req.since.map(|d| d.to_string()));
    filter("until", req.until.map(|d| d.to_string()));
    if parts.is_empty() {
        "inspraak: every document".to_string()
    } else {
        format!("inspraak: {}", parts.join(" · "))
    }
}

/// The feed of a search answered newest first. `key` names the search (its query string: the
/// feed's id, the same whichever host it is read through); `self_url` is the feed's own
/// address (absolute when the caller knows its host); `page_url` the same search on the page.
pub(crate) fn atom(
    found: &SearchResponse,
    title: &str,
    key: &str,
    self_url: &str,
    page_url: &str,
) -> String {
    let newest = found
        .hits
        .iter()
        .filter_map(|h| h.attribution.date.as_deref())
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);
    let mut out = String::with_capacity(1_024 + found.hits.len() * 1_024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    element(
        &mut out,
        1,
        "id",
        &format!("urn:inspraak:feed:{}", urn_part(key)),
    );
    element(&mut out, 1, "title", title);
    element(
        &mut out,
        1,
        "subtitle",
        &format!("{} matching documents, newest first", found.total),
    );
    element(&mut out, 1, "updated", &newest);
    link(&mut out, 1, "self", self_url, Some("application/atom+xml"));
    link(&mut out, 1, "alternate", page_url, Some("text/html"));
    element(&mut out, 1, "generator", "inspraak");
    for hit in &found.hits {
        entry(&mut out, hit, &newest);
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, hit: &Hit, fallback_date: &str) {
    let a = &hit.attribution;
    out.push_str("  <entry>\n");
    element(
        out,
        2,
        "id",
        &format!("urn:inspraak:doc:{}", urn_part(&a.id)),
    );
    element(out, 2, "title", &entry_title(hit));
    let date = a.date.as_deref().map(timestamp);
    element(out, 2, "updated", date.as_deref().unwrap_or(fallback_date));
    if let Some(d) = &date {
        element(out, 2, "published", d);
    }
    out.push_str("    <author>\n");
    element(out, 3, "name", a.author.as_deref().unwrap_or("anonymous"));
    out.push_str("    </author>\n");
    link(out, 2, "alternate", &a.url, None);
    for (scheme, term, label) in [
        ("place", a.place.as_deref(), a.place.as_deref()),
        (
            "consultation",
            Some(a.consultation.as_str()).filter(|c| !c.is_empty()),
            Some(a.consultation_title.as_str()).filter(|t| !t.is_empty()),
        ),
        ("kind", Some(a.kind.as_str()), None),
        ("respondent", a.respondent.as_deref(), None),
    ] {
        if let Some(term) = term {
            out.push_str(&format!(
                "{}<category scheme=\"urn:inspraak:{scheme}\" term=\"{}\"{}/>\n",
                "  ".repeat(2),
                escape(term),
                label.map_or(String::new(), |l| format!(" label=\"{}\"", escape(l)))
            ));
        }
    }
    let summary = &hit.snippet_plain.0;
    if !summary.is_empty() {
        element(out, 2, "summary", summary);
    }
    out.push_str("  </entry>\n");
}

/// A response's title says who wrote it and where; other documents have their own titles.
fn entry_title(hit: &Hit) -> String {
    let a = &hit.attribution;
    let who = match (&a.author, &a.place) {
        (Some(name), Some(place)) => format!("{name} ({place})"),
        (Some(name), None) => name.clone(),
        (None, Some(place)) => format!("anonymous ({place})"),
        (None, None) => "anonymous".to_string(),
    };
    match (a.kind.as_str(), &a.title) {
        ("response", _) => format!("Response by {who}: {}", a.consultation_title),
        ("attachment", Some(t)) => format!("Attachment by {who}: {t}"),
        ("attachment", None) => format!("Attachment by {who}: {}", a.consultation_title),
        (_, Some(t)) => t.clone(),
        (kind, None) => format!("{kind} {}", a.id),
    }
}

/// `YYYY-MM-DD` as an RFC 3339 time (midnight UTC: the site gives days).
fn timestamp(day: &str) -> String {
    format!("{day}T00:00:00Z")
}

/// Characters an IRI's URN part keeps; the rest percent-encoded.
fn urn_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn element(out: &mut String, depth: usize, name: &str, text: &str) {
    out.push_str(&format!(
        "{}<{name}>{}</{name}>\n",
        "  ".repeat(depth),
        escape(text)
    ));
}

fn link(out: &mut String, depth: usize, rel: &str, href: &str, kind: Option<&str>) {
    out.push_str(&format!(
        "{}<link rel=\"{rel}\" href=\"{}\"{}/>\n",
        "  ".repeat(depth),
        escape(href),
        kind.map_or(String::new(), |k| format!(" type=\"{k}\""))
    ));
}

/// Escapes text for XML, dropping the control characters XML 1.0 cannot hold (extracted PDF
/// text has them).
fn escape(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || !((c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .collect();
    let mut out = String::with_capacity(kept.len());
    crate::search::escape_into(&kept, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}'"),
            "a&lt;b &amp; &quot;c&quot;&#39;"
        );
        assert_eq!(urn_part("response/a b"), "response/a%20b");
    }
}
