//! How many responses each consultation has at every step: announced by the site, listed,
//! archived, indexed (with and without text), withdrawn, not fetched because robots.txt
//! disallows them, and which ones are missing and why. A researcher quotes these numbers, so
//! they must add up, and where they do not, the responses that make the difference are named:
//! a response the site's robots.txt keeps us from is the site's choice, not a failure, and is
//! counted apart from the missing ones.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Result;
use crate::progress::Failure;
use crate::store::state::{PageKind, State};

/// One consultation's responses, step by step.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct ResponseCounts {
    /// What the consultation page announces ("Reacties op deze consultatie N").
    pub announced: Option<u64>,
    /// Responses the listing showed in this run (`None` when the listing was not read whole).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listed: Option<u64>,
    /// Response pages in the archive (withdrawn ones not counted).
    pub archived: u64,
    /// Responses in the index, those without text included.
    pub indexed: u64,
    /// Indexed responses whose respondent left every answer empty and attached nothing.
    pub without_text: u64,
    /// Responses withdrawn from the site (no longer indexed).
    pub withdrawn: u64,
    /// Responses known from the listing that robots.txt does not allow us to fetch (their
    /// URLs): not fetched, and not among the missing.
    pub blocked_by_robots: Vec<String>,
    /// Responses known from the listing but not indexed: not fetched yet, failed, or unparsed.
    pub missing: Vec<Failure>,
}

impl ResponseCounts {
    /// True when the numbers do not add up: the site announces more or fewer responses than
    /// are indexed, the listing shows a different number, or a listed response is missing or
    /// not fetched because of robots.txt.
    pub fn differ(&self) -> bool {
        !self.missing.is_empty()
            || !self.blocked_by_robots.is_empty()
            || self.announced.is_some_and(|a| a != self.indexed)
            || self.listed.is_some_and(|l| l != self.indexed)
    }
}

/// Counts the archived, withdrawn, robots.txt-disallowed and missing responses of every
/// consultation in the crawl state. `indexed` counts those archived whose page was understood; the caller fills in
/// `announced`, `listed` and `without_text`, which the state does not know.
pub(crate) fn from_state(state: &State) -> Result<BTreeMap<String, ResponseCounts>> {
    let mut out: BTreeMap<String, ResponseCounts> = BTreeMap::new();
    for (slug, _) in state.consultations()? {
        out.entry(slug).or_default();
    }
    state.each_of_kind(PageKind::Response, |rec| {
        let Some(slug) = rec.consultation.clone() else {
            return Ok(());
        };
        let c = out.entry(slug).or_default();
        if rec.withdrawn_at.is_some() {
            c.withdrawn += 1;
            return Ok(());
        }
        if rec.is_stored() {
            c.archived += 1;
        }
        if rec.disallowed_by_robots() {
            c.blocked_by_robots.push(rec.url);
            return Ok(());
        }
        let reason = match (&rec.error, &rec.extract_error) {
            (Some(e), _) => Some(e.clone()),
            // The index build words its reasons itself; the crawl's are bare.
            (None, Some(e)) if e.starts_with("page does not parse") => Some(e.clone()),
            (None, Some(e)) => Some(format!("page does not parse: {e}")),
            (None, None) if !rec.is_stored() => Some("not fetched yet".to_string()),
            (None, None) => None,
        };
        match reason {
            Some(reason) => c.missing.push(Failure {
                url: rec.url,
                reason,
            }),
            None => c.indexed += 1,
        }
        Ok(())
    })?;
    Ok(out)
}

/// What a crawl saw of one consultation: the count its page announced and the responses
/// its listing showed (when it was read whole).
#[derive(Debug, Clone, Copy, Default)]
pub struct Seen {
    pub announced: Option<u64>,
    pub listed: Option<u64>,
}

/// The counts of the consultations a crawl visited, after its index build: the state's
/// numbers, what the crawl saw, and how many indexed responses have no text.
pub(crate) fn after_crawl(
    state: &State,
    seen: &BTreeMap<String, Seen>,
    without_text: &BTreeMap<String, u64>,
) -> Result<BTreeMap<String, ResponseCounts>> {
    let mut all = from_state(state)?;
    Ok(seen
        .iter()
        .map(|(slug, s)| {
            let mut c = all.remove(slug).unwrap_or_default();
            c.announced = s.announced;
            c.listed = s.listed;
            c.without_text = without_text.get(slug).copied().unwrap_or(0);
            (slug.clone(), c)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::state::PageRecord;

    #[test]
    fn archived_indexed_withdrawn_and_missing_add_up() {
        let dir = tempfile::tempdir().unwrap();
        let state = State::open(&dir.path().join("s.sqlite")).unwrap();
        state.add_consultation("wet", None).unwrap();
        let rec = |n: u32| {
            let mut r = PageRecord::new(
                &format!("http://x/wet/reactie/0000000{n}-0000-0000-0000-000000000000"),
                PageKind::Response,
            );
            r.consultation = Some("wet".into());
            r.status = Some(200);
            r.warc_file = Some("a.warc.gz".into());
            r.warc_offset = Some(u64::from(n));
            r
        };
        state.put(&rec(1)).unwrap();
        state.put(&rec(2)).unwrap();
        state
            .set_extract_error(&rec(2).url, Some("cut off"))
            .unwrap();
        let mut failed = rec(3);
        failed.error = Some("timed out".into());
        failed.warc_file = None;
        state.put(&failed).unwrap();
        state.put(&rec(4)).unwrap();
        state.mark_withdrawn(&rec(4).url, 410).unwrap();
        let mut disallowed = rec(5);
        disallowed.error = Some(crate::store::state::ROBOTS_DISALLOWED.into());
        disallowed.status = None;
        disallowed.warc_file = None;
        state.put(&disallowed).unwrap();
        let c = &from_state(&state).unwrap()["wet"];
        assert_eq!((c.archived, c.indexed, c.withdrawn), (2, 1, 1));
        let missing: Vec<&str> = c.missing.iter().map(|f| f.reason.as_str()).collect();
        assert_eq!(missing, ["page does not parse: cut off", "timed out"]);
        assert_eq!(c.blocked_by_robots, [disallowed.url]);
        assert!(c.differ());
        // robots.txt alone makes the counts differ too: the response is not in the index.
        state.put(&rec(3)).unwrap();
        state.set_extract_error(&rec(2).url, None).unwrap();
        let c = &from_state(&state).unwrap()["wet"];
        assert!(
            c.missing.is_empty() && c.blocked_by_robots.len() == 1,
            "{c:?}"
        );
        assert!(c.differ());
    }
}
