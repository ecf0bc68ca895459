//! The crawl state's change log: every row of `pages` that is added, removed, or changes in
//! what says which body it has, leaves a numbered entry naming its consultation. The index
//! step commits the number it read up to with the index, so the next step asks "what changed
//! since?" instead of listing a million rows to find out: with nothing new it is done at once,
//! and otherwise it looks only at the consultations (and reports) named since.
//!
//! The log is kept by triggers inside SQLite, so every writer of the state (the crawl, the
//! purge, the resampler, a hand-edited row) is seen, whichever code path it took. Columns that
//! do not decide a unit's documents (when it was fetched, its validators, the index step's own
//! extraction verdict) do not count as changes, nor do rows that are no unit's (robots.txt,
//! listings).

use std::collections::BTreeSet;

use rusqlite::OptionalExtension;

use super::state::{PageKind, State};
use crate::error::Result;

/// The version of the triggers below: a state whose triggers are of another version gets
/// them again (`IF NOT EXISTS` alone would keep an older body for ever).
const TRIGGERS_VERSION: &str = "1";
/// The state's meta key holding [`TRIGGERS_VERSION`].
const TRIGGERS_KEY: &str = "changes_triggers";

/// The change log; run by [`State::open`] after the columns exist.
const TABLE: &str = "
    CREATE TABLE IF NOT EXISTS changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        consultation TEXT
    );
    CREATE INDEX IF NOT EXISTS pages_consultation ON pages(consultation, kind);
";

/// The triggers that fill the log. A row is logged under its own consultation and, when its
/// parent's differs, under its parent's too: an attachment belongs to its response's unit,
/// whatever its own row says.
const TRIGGERS: &str = "
    DROP TRIGGER IF EXISTS pages_added;
    DROP TRIGGER IF EXISTS pages_removed;
    DROP TRIGGER IF EXISTS pages_changed;
    CREATE TRIGGER pages_added AFTER INSERT ON pages
    WHEN NEW.kind NOT IN ('robots', 'listing') BEGIN
        INSERT INTO changes (kind, consultation) VALUES (NEW.kind,
            COALESCE(NEW.consultation, (SELECT consultation FROM pages WHERE url = NEW.parent)));
        INSERT INTO changes (kind, consultation) SELECT NEW.kind, p.consultation FROM pages p
            WHERE p.url = NEW.parent AND p.consultation IS NOT NULL
            AND NEW.consultation IS NOT NULL AND p.consultation IS NOT NEW.consultation;
    END;
    CREATE TRIGGER pages_removed AFTER DELETE ON pages
    WHEN OLD.kind NOT IN ('robots', 'listing') BEGIN
        INSERT INTO changes (kind, consultation) VALUES (OLD.kind,
            COALESCE(OLD.consultation, (SELECT consultation FROM pages WHERE url = OLD.parent)));
        INSERT INTO changes (kind, consultation) SELECT OLD.kind, p.consultation FROM pages p
            WHERE p.url = OLD.parent AND p.consultation IS NOT NULL
            AND OLD.consultation IS NOT NULL AND p.consultation IS NOT OLD.consultation;
    END;
    CREATE TRIGGER pages_changed AFTER UPDATE ON pages
    WHEN (NEW.kind NOT IN ('robots', 'listing') OR OLD.kind NOT IN ('robots', 'listing'))
    AND (NEW.kind IS NOT OLD.kind OR NEW.consultation IS NOT OLD.consultation
        OR NEW.parent IS NOT OLD.parent OR NEW.status IS NOT OLD.status
        OR NEW.error IS NOT OLD.error OR NEW.withdrawn_at IS NOT OLD.withdrawn_at
        OR NEW.sha256 IS NOT OLD.sha256 OR NEW.warc_file IS NOT OLD.warc_file
        OR NEW.warc_offset IS NOT OLD.warc_offset OR NEW.content_type IS NOT OLD.content_type
        OR NEW.final_url IS NOT OLD.final_url OR NEW.label IS NOT OLD.label
        OR NEW.attachment IS NOT OLD.attachment)
    BEGIN
        INSERT INTO changes (kind, consultation) VALUES (NEW.kind,
            COALESCE(NEW.consultation, (SELECT consultation FROM pages WHERE url = NEW.parent)));
        INSERT INTO changes (kind, consultation) SELECT OLD.kind, OLD.consultation
            WHERE OLD.consultation IS NOT NEW.consultation OR OLD.kind IS NOT NEW.kind;
        INSERT INTO changes (kind, consultation) SELECT NEW.kind, p.consultation FROM pages p
            WHERE p.url IN (NEW.parent, OLD.parent) AND p.consultation IS NOT NULL
            AND p.consultation IS NOT NEW.consultation;
    END;
";

/// Creates the log and (when their version differs) its triggers.
pub(super) fn create(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.execute_batch(TABLE)?;
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [TRIGGERS_KEY],
            |r| r.get(0),
        )
        .optional()?;
    if version.as_deref() != Some(TRIGGERS_VERSION) {
        conn.execute_batch(&format!("BEGIN; {TRIGGERS} COMMIT;"))?;
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [TRIGGERS_KEY, TRIGGERS_VERSION],
        )?;
    }
    Ok(())
}

/// What changed in the state after a point of its change log.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Changed {
    /// The consultations (slugs) of the rows that changed.
    pub consultations: BTreeSet<String>,
    /// A report or a report's file changed: reports are listed whole (they are few, and
    /// several seeds can reach one).
    pub reports: bool,
    /// A row that belongs to no consultation and is no report changed: only a full look can
    /// tell what it affects.
    pub unplaced: bool,
}

impl Changed {
    /// True when a unit of `consultation` (`None` or empty for a report) may have changed.
    pub(crate) fn covers(&self, consultation: Option<&str>) -> bool {
        match consultation {
            None | Some("") => self.reports,
            Some(slug) => self.consultations.contains(slug),
        }
    }

    /// True when nothing changed.
    pub(crate) fn is_empty(&self) -> bool {
        self.consultations.is_empty() && !self.reports && !self.unplaced
    }
}

impl State {
    /// The number of the last change logged (0 for none): it only grows, also when earlier
    /// entries are forgotten.
    pub(crate) fn last_change(&self) -> Result<u64> {
        let seq: Option<i64> = self
            .conn
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'changes'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(seq.unwrap_or(0).max(0) as u64)
    }

    /// What changed after change `after`, up to and including change `upto`.
    pub(crate) fn changed_between(&self, after: u64, upto: u64) -> Result<Changed> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT kind, consultation FROM changes WHERE seq > ?1 AND seq <= ?2")
            .map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query([after as i64, upto as i64])
            .map_err(|e| self.err(e))?;
        let mut out = Changed::default();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let kind: String = row.get(0).map_err(|e| self.err(e))?;
            let consultation: Option<String> = row.get(1).map_err(|e| self.err(e))?;
            let report = kind == PageKind::Report.as_str() || kind == PageKind::ReportFile.as_str();
            match consultation.filter(|c| !c.is_empty()) {
                // Reports are listed whole, whatever a row of theirs says of a consultation.
                _ if report => out.reports = true,
                Some(c) => {
                    out.consultations.insert(c);
                }
                None => out.unplaced = true,
            }
        }
        Ok(out)
    }

    /// Forgets the entries up to and including change `upto`, once the index holds them.
    pub(crate) fn forget_changes(&self, upto: u64) -> Result<()> {
        self.conn
            .execute("DELETE FROM changes WHERE seq <= ?1", [upto as i64])
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::state::PageRecord;

    fn stored(url: &str, kind: PageKind, consultation: Option<&str>) -> PageRecord {
        let mut r = PageRecord::new(url, kind);
        r.consultation = consultation.map(str::to_string);
        r.status = Some(200);
        r.sha256 = Some("aa".into());
        r.warc_file = Some("a.warc.gz".into());
        r.warc_offset = Some(0);
        r
    }

    #[test]
    fn changes_name_their_consultations_and_skip_what_decides_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let s = State::open(&dir.path().join("crawl.sqlite")).unwrap();
        assert_eq!(s.last_change().unwrap(), 0);
        s.put(&stored(
            "http://x/a/reactie/1",
            PageKind::Response,
            Some("a"),
        ))
        .unwrap();
        let mut att = stored("http://x/a/reactie/1/bestand", PageKind::Attachment, None);
        att.parent = Some("http://x/a/reactie/1".into());
        s.put(&att).unwrap();
        let first = s.last_change().unwrap();
        assert_eq!(first, 2);
        let c = s.changed_between(0, first).unwrap();
        // The attachment has no consultation of its own: its parent's is logged.
        assert_eq!(c.consultations, BTreeSet::from(["a".to_string()]));
        assert!(!c.reports && !c.unplaced);

        // Fetched again with the same body, and the index step's own verdict: no change.
        let mut again = stored("http://x/a/reactie/1", PageKind::Response, Some("a"));
        again.fetched_at = "2030-01-01T00:00:00Z".into();
        again.etag = Some("\"v2\"".into());
        s.put(&again).unwrap();
        s.set_extract_error("http://x/a/reactie/1", Some("broken"))
            .unwrap();
        assert_eq!(s.last_change().unwrap(), first);
        assert!(s.changed_between(first, first).unwrap().is_empty());

        // Withdrawn, a report, a row of no consultation.
        s.mark_withdrawn("http://x/a/reactie/1", 410).unwrap();
        s.put(&stored("http://r/report", PageKind::Report, None))
            .unwrap();
        let upto = s.last_change().unwrap();
        let c = s.changed_between(first, upto).unwrap();
        assert_eq!(c.consultations, BTreeSet::from(["a".to_string()]));
        assert!(c.reports && !c.unplaced);
        assert!(c.covers(Some("a")) && c.covers(None) && !c.covers(Some("b")));

        // A report's row that names a consultation still means reports; an attachment whose
        // own row names another consultation than its response's counts for both.
        let mut report = stored("http://r/other", PageKind::Report, Some("a"));
        report.label = Some("x".into());
        s.put(&report).unwrap();
        let mut stray = stored(
            "http://x/a/reactie/2/bestand",
            PageKind::Attachment,
            Some("b"),
        );
        stray.parent = Some("http://x/a/reactie/1".into());
        s.put(&stray).unwrap();
        let c = s.changed_between(first, s.last_change().unwrap()).unwrap();
        assert!(c.reports);
        assert_eq!(
            c.consultations,
            BTreeSet::from(["a".to_string(), "b".to_string()])
        );
        let upto = s.last_change().unwrap();

        s.forget_changes(upto).unwrap();
        assert_eq!(s.last_change().unwrap(), upto, "numbers are never reused");
        assert!(s.changed_between(0, upto).unwrap().is_empty());
        s.put(&stored("http://x/robots.txt", PageKind::Robots, None))
            .unwrap();
        s.put(&stored("http://x/a/reacties", PageKind::Listing, Some("a")))
            .unwrap();
        assert_eq!(
            s.last_change().unwrap(),
            upto,
            "robots.txt and listings are no units"
        );
        s.put(&stored("http://x/b", PageKind::Document, None))
            .unwrap();
        let c = s.changed_between(upto, s.last_change().unwrap()).unwrap();
        assert!(c.unplaced);
    }
}
