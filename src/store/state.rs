//! The crawl state in SQLite (`crawl.sqlite`): one row per URL with its kind, where it was found,
//! HTTP status, time, content hash, ETag/Last-Modified, where its body is in the archive, and the
//! error when fetching or extracting failed. It is what `reindex`, `stats` and later runs read to
//! know what exists without asking the site again.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};

/// What a fetched URL is to the crawler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// The site's robots.txt.
    Robots,
    /// A consultation's page.
    Consultation,
    /// A page of a consultation's response listing.
    Listing,
    /// A response's page.
    Response,
    /// A response's attachment.
    Attachment,
    /// A consultation's document (the draft bill, its explanation).
    Document,
    /// A report URL from the seed file (its body is where its redirects ended).
    Report,
    /// The file a report's landing page offers as its download.
    ReportFile,
}

impl PageKind {
    /// The kind's name in the state and in `stats`.
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Robots => "robots",
            PageKind::Consultation => "consultation",
            PageKind::Listing => "listing",
            PageKind::Response => "response",
            PageKind::Attachment => "attachment",
            PageKind::Document => "document",
            PageKind::Report => "report",
            PageKind::ReportFile => "report_file",
        }
    }

    /// Every kind, in the order statistics list them.
    pub const ALL: [PageKind; 8] = [
        PageKind::Robots,
        PageKind::Consultation,
        PageKind::Listing,
        PageKind::Response,
        PageKind::Attachment,
        PageKind::Document,
        PageKind::Report,
        PageKind::ReportFile,
    ];

    fn parse(s: &str) -> Option<PageKind> {
        PageKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The error recorded for a URL that robots.txt does not allow us to fetch: it was never asked
/// for, which the counts tell apart from a fetch that failed.
pub const ROBOTS_DISALLOWED: &str = "disallowed by robots.txt";

/// One URL's row.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRecord {
    /// The URL as requested.
    pub url: String,
    /// What it is to the crawler.
    pub kind: PageKind,
    /// The consultation it belongs to (slug).
    pub consultation: Option<String>,
    /// The page that linked here (an attachment's response, a document's consultation).
    pub parent: Option<String>,
    /// HTTP status of the last answer; `None` when no answer came.
    pub status: Option<u16>,
    /// When it was last fetched (RFC 3339).
    pub fetched_at: String,
    /// The answer's Content-Type.
    pub content_type: Option<String>,
    /// The body's SHA-256, hex.
    pub sha256: Option<String>,
    /// The body's length in bytes.
    pub length: Option<u64>,
    /// The answer's ETag, for a conditional request next time.
    pub etag: Option<String>,
    /// The answer's Last-Modified, for a conditional request next time.
    pub last_modified: Option<String>,
    /// The WARC file that holds the body.
    pub warc_file: Option<String>,
    /// Where its record starts in that file.
    pub warc_offset: Option<u64>,
    /// Why fetching failed (after retries), or why it was not attempted
    /// ([`ROBOTS_DISALLOWED`]).
    pub error: Option<String>,
    /// Why the body could not be turned into a document.
    pub extract_error: Option<String>,
    /// When the response (or its attachment) was found withdrawn from the site.
    pub withdrawn_at: Option<String>,
    /// For a parsed response page: its attachment link, or "" when it has none; `None` when
    /// not known yet. Lets later runs skip re-reading archived pages.
    pub attachment: Option<String>,
    /// The seed file's label of a report.
    pub label: Option<String>,
    /// Where the URL's redirects ended, when that is another URL (reports).
    pub final_url: Option<String>,
}

impl PageRecord {
    /// A record for `url` with nothing known yet.
    pub fn new(url: &str, kind: PageKind) -> PageRecord {
        PageRecord {
            url: url.to_string(),
            kind,
            consultation: None,
            parent: None,
            status: None,
            fetched_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            content_type: None,
            sha256: None,
            length: None,
            etag: None,
            last_modified: None,
            warc_file: None,
            warc_offset: None,
            error: None,
            extract_error: None,
            withdrawn_at: None,
            attachment: None,
            label: None,
            final_url: None,
        }
    }

    /// True when robots.txt kept the crawler from asking for it (and no body is archived).
    pub fn disallowed_by_robots(&self) -> bool {
        self.error.as_deref() == Some(ROBOTS_DISALLOWED)
    }

    /// True when a successful answer's body is in the archive.
    pub fn is_stored(&self) -> bool {
        self.error.is_none()
            && self.withdrawn_at.is_none()
            && self.status.is_some_and(|s| (200..300).contains(&s))
            && self.warc_file.is_some()
    }
}

/// What says which body a stored row has, borrowed from its row ([`State::each_stored_body`]).
#[derive(Debug, Clone, Copy)]
pub struct BodyRow<'a> {
    /// The URL as requested.
    pub url: &'a str,
    /// The consultation it belongs to (slug).
    pub consultation: Option<&'a str>,
    /// The page that linked here.
    pub parent: Option<&'a str>,
    /// The body's SHA-256, hex.
    pub sha256: Option<&'a str>,
    /// The WARC file that holds the body.
    pub warc_file: Option<&'a str>,
    /// Where its record starts in that file.
    pub warc_offset: Option<u64>,
    /// The answer's Content-Type.
    pub content_type: Option<&'a str>,
    /// Where the redirects ended, when elsewhere.
    pub final_url: Option<&'a str>,
    /// A seed's label for a report.
    pub label: Option<&'a str>,
}

/// The crawl state database.
pub struct State {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
}

const COLUMNS: &str = "url, kind, consultation, parent, status, fetched_at, content_type, sha256, \
                       length, etag, last_modified, warc_file, warc_offset, error, extract_error, withdrawn_at, \
                       attachment, label, final_url";

fn from_row(r: &Row<'_>) -> rusqlite::Result<PageRecord> {
    let kind: String = r.get(1)?;
    let kind = PageKind::parse(&kind).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            1,
            rusqlite::types::Type::Text,
            format!("unknown page kind '{kind}'").into(),
        )
    })?;
    Ok(PageRecord {
        url: r.get(0)?,
        kind,
        consultation: r.get(2)?,
        parent: r.get(3)?,
        status: r.get(4)?,
        fetched_at: r.get(5)?,
        content_type: r.get(6)?,
        sha256: r.get(7)?,
        length: r.get(8)?,
        etag: r.get(9)?,
        last_modified: r.get(10)?,
        warc_file: r.get(11)?,
        warc_offset: r.get(12)?,
        error: r.get(13)?,
        extract_error: r.get(14)?,
        withdrawn_at: r.get(15)?,
        attachment: r.get(16)?,
        label: r.get(17)?,
        final_url: r.get(18)?,
    })
}

impl State {
    /// Opens (creating if needed) the state database at `path`.
    pub fn open(path: &Path) -> Result<State> {
        let err = |source| Error::State {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS pages (
                 url TEXT PRIMARY KEY,
                 kind TEXT NOT NULL,
                 consultation TEXT,
                 parent TEXT,
                 status INTEGER,
                 fetched_at TEXT NOT NULL,
                 content_type TEXT,
                 sha256 TEXT,
                 length INTEGER,
                 etag TEXT,
                 last_modified TEXT,
                 warc_file TEXT,
                 warc_offset INTEGER,
                 error TEXT,
                 extract_error TEXT,
                 withdrawn_at TEXT,
                 attachment TEXT,
                 label TEXT,
                 final_url TEXT
             );
             CREATE INDEX IF NOT EXISTS pages_kind ON pages(kind);
             CREATE INDEX IF NOT EXISTS pages_parent ON pages(parent);
             CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS consultations (
                 slug TEXT PRIMARY KEY,
                 bill TEXT
             );
             CREATE TABLE IF NOT EXISTS sketches (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 url TEXT NOT NULL UNIQUE,
                 consultation TEXT NOT NULL,
                 source TEXT NOT NULL,
                 date TEXT,
                 signature BLOB
             );
             CREATE INDEX IF NOT EXISTS sketches_consultation ON sketches(consultation);
             CREATE TABLE IF NOT EXISTS unindexed (
                 unit INTEGER PRIMARY KEY,
                 source INTEGER NOT NULL
             );",
        )
        .map_err(err)?;
        // State files from before a column existed get it added.
        for column in ["withdrawn_at", "attachment", "label", "final_url"] {
            let exists: bool = conn
                .prepare("SELECT 1 FROM pragma_table_info('pages') WHERE name = ?1")
                .and_then(|mut s| s.exists([column]))
                .map_err(err)?;
            if !exists {
                conn.execute_batch(&format!("ALTER TABLE pages ADD COLUMN {column} TEXT"))
                    .map_err(err)?;
            }
        }
        super::changes::create(&conn).map_err(err)?;
        Ok(State {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub(super) fn err(&self, source: rusqlite::Error) -> Error {
        Error::State {
            path: self.path.clone(),
            source,
        }
    }

    /// Stores a row, replacing what was known of the URL (its consultation and parent are kept
    /// when the new row does not know them).
    pub fn put(&self, rec: &PageRecord) -> Result<()> {
        self.conn
            .execute(
                &format!(
                    "INSERT INTO pages ({COLUMNS}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)
                     ON CONFLICT(url) DO UPDATE SET
                       kind=excluded.kind,
                       consultation=COALESCE(excluded.consultation, consultation),
                       parent=COALESCE(excluded.parent, parent),
                       status=excluded.status, fetched_at=excluded.fetched_at,
                       content_type=excluded.content_type, sha256=excluded.sha256,
                       length=excluded.length, etag=excluded.etag,
                       last_modified=excluded.last_modified,
                       warc_file=excluded.warc_file, warc_offset=excluded.warc_offset,
                       error=excluded.error, extract_error=excluded.extract_error,
                       withdrawn_at=excluded.withdrawn_at,
                       attachment=excluded.attachment,
                       label=COALESCE(excluded.label, label),
                       final_url=excluded.final_url"
                ),
                params![
                    rec.url,
                    rec.kind.as_str(),
                    rec.consultation,
                    rec.parent,
                    rec.status,
                    rec.fetched_at,
                    rec.content_type,
                    rec.sha256,
                    rec.length,
                    rec.etag,
                    rec.last_modified,
                    rec.warc_file,
                    rec.warc_offset,
                    rec.error,
                    rec.extract_error,
                    rec.withdrawn_at,
                    rec.attachment,
                    rec.label,
                    rec.final_url
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The row of a URL.
    pub fn get(&self, url: &str) -> Result<Option<PageRecord>> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM pages WHERE url = ?1"),
                [url],
                from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The archived report first reached at `url`, as its seed URL or where its redirects
    /// ended: two seeds that redirect to one page (a DOI and its `dx.` alias) share it.
    pub(crate) fn report_at(&self, url: &str) -> Result<Option<PageRecord>> {
        Ok(self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM pages WHERE kind = 'report' AND (url = ?1 OR final_url = ?1) \
                     AND warc_file IS NOT NULL AND error IS NULL AND withdrawn_at IS NULL \
                     ORDER BY rowid LIMIT 1"
                ),
                &[url],
            )?
            .into_iter()
            .next())
    }

    /// Rows of one kind, in the order they were first recorded.
    pub(crate) fn of_kind(&self, kind: PageKind) -> Result<Vec<PageRecord>> {
        self.query(
            &format!("SELECT {COLUMNS} FROM pages WHERE kind = ?1 ORDER BY rowid"),
            &[kind.as_str()],
        )
    }

    /// Calls `f` for each row of one kind, in the order they were first recorded, without
    /// holding all rows in memory.
    pub fn each_of_kind(
        &self,
        kind: PageKind,
        mut f: impl FnMut(PageRecord) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM pages WHERE kind = ?1 ORDER BY rowid"
            ))
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([kind.as_str()]).map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            f(from_row(row).map_err(|e| self.err(e))?)?;
        }
        Ok(())
    }

    /// Calls `f` for each row of one kind whose body is archived (of one consultation, or of
    /// all), with only what says which body it is, borrowed from the row: the index step reads
    /// a million of these when it must look at everything, and building whole records cost
    /// most of that. A consultation's attachments are those of its responses, whatever their
    /// own rows say.
    pub(crate) fn each_stored_body(
        &self,
        kind: PageKind,
        consultation: Option<&str>,
        mut f: impl FnMut(&BodyRow<'_>) -> Result<()>,
    ) -> Result<()> {
        const SELECT: &str = "SELECT url, consultation, parent, sha256, warc_file, warc_offset, \
             content_type, final_url, label FROM pages WHERE kind = ?1 AND error IS NULL \
             AND withdrawn_at IS NULL AND status BETWEEN 200 AND 299 AND warc_file IS NOT NULL";
        let mut stmt = match consultation {
            None => self
                .conn
                .prepare_cached(&format!("{SELECT} ORDER BY rowid")),
            Some(_) if kind == PageKind::Attachment => self.conn.prepare_cached(&format!(
                "{SELECT} AND parent IN (SELECT url FROM pages WHERE consultation = ?2 \
                 AND kind = 'response') ORDER BY rowid"
            )),
            Some(_) => self
                .conn
                .prepare_cached(&format!("{SELECT} AND consultation = ?2 ORDER BY rowid")),
        }
        .map_err(|e| self.err(e))?;
        let mut rows = match consultation {
            None => stmt.query([kind.as_str()]),
            Some(c) => stmt.query([kind.as_str(), c]),
        }
        .map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let text = |i: usize| -> rusqlite::Result<Option<&str>> {
                match row.get_ref(i)? {
                    rusqlite::types::ValueRef::Text(t) => Ok(std::str::from_utf8(t).ok()),
                    _ => Ok(None),
                }
            };
            let body = (|| -> rusqlite::Result<BodyRow<'_>> {
                Ok(BodyRow {
                    url: text(0)?.unwrap_or_default(),
                    consultation: text(1)?,
                    parent: text(2)?,
                    sha256: text(3)?,
                    warc_file: text(4)?,
                    warc_offset: row.get::<_, Option<i64>>(5)?.map(|o| o as u64),
                    content_type: text(6)?,
                    final_url: text(7)?,
                    label: text(8)?,
                })
            })()
            .map_err(|e| self.err(e))?;
            f(&body)?;
        }
        Ok(())
    }

    /// Rows whose parent is `parent`.
    pub fn children(&self, parent: &str) -> Result<Vec<PageRecord>> {
        self.query(
            &format!("SELECT {COLUMNS} FROM pages WHERE parent = ?1 ORDER BY rowid"),
            &[parent],
        )
    }

    /// Rows with a fetch or extraction error.
    pub fn failures(&self) -> Result<Vec<PageRecord>> {
        self.query(
            &format!(
                "SELECT {COLUMNS} FROM pages WHERE error IS NOT NULL OR extract_error IS NOT NULL \
                 ORDER BY rowid"
            ),
            &[],
        )
    }

    fn query(&self, sql: &str, args: &[&str]) -> Result<Vec<PageRecord>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// Records (or clears) why a stored body could not be extracted.
    pub(crate) fn set_extract_error(&self, url: &str, error: Option<&str>) -> Result<()> {
        self.conn
            .execute(
                "UPDATE pages SET extract_error = ?2 WHERE url = ?1",
                params![url, error],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Remembers what a parsed response page links to as its attachment ("" for none).
    pub(crate) fn set_attachment(&self, url: &str, attachment: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE pages SET attachment = ?2 WHERE url = ?1",
                params![url, attachment],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Marks a response and its attachment withdrawn: they leave the index, their archived
    /// bodies stay until purged.
    pub fn mark_withdrawn(&self, url: &str, status: u16) -> Result<()> {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        self.conn
            .execute(
                "UPDATE pages SET withdrawn_at = ?2, status = CASE WHEN url = ?1 THEN ?3 ELSE status END
                 WHERE url = ?1 OR parent = ?1",
                params![url, now, status],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Rows marked withdrawn.
    pub fn withdrawn(&self) -> Result<Vec<PageRecord>> {
        self.query(
            &format!("SELECT {COLUMNS} FROM pages WHERE withdrawn_at IS NOT NULL ORDER BY rowid"),
            &[],
        )
    }

    /// Every row that points into the archive file `file`.
    pub(crate) fn in_archive_file(&self, file: &str) -> Result<Vec<PageRecord>> {
        self.query(
            &format!("SELECT {COLUMNS} FROM pages WHERE warc_file = ?1 ORDER BY warc_offset"),
            &[file],
        )
    }

    /// Points a row at a new archive location, or at none (purged).
    pub(crate) fn set_location(
        &self,
        url: &str,
        file: Option<&str>,
        offset: Option<u64>,
    ) -> Result<()> {
        self.conn
            .execute(
                "UPDATE pages SET warc_file = ?2, warc_offset = ?3 WHERE url = ?1",
                params![url, file, offset],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// A value from the meta table (e.g. `site`).
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Sets a value in the meta table.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Remembers a consultation the user asked for, with the bill's name from the seed file.
    pub fn add_consultation(&self, slug: &str, bill: Option<&str>) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO consultations (slug, bill) VALUES (?1, ?2)
                 ON CONFLICT(slug) DO UPDATE SET bill = COALESCE(excluded.bill, bill)",
                params![slug, bill],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Every consultation ever asked for, with its bill's name.
    pub fn consultations(&self) -> Result<Vec<(String, Option<String>)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT slug, bill FROM consultations ORDER BY rowid")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// A consultation's own page row.
    pub(crate) fn of_consultation_page(&self, slug: &str) -> Result<Option<PageRecord>> {
        Ok(self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM pages WHERE kind = 'consultation' AND consultation = ?1 \
                     ORDER BY rowid LIMIT 1"
                ),
                &[slug],
            )?
            .into_iter()
            .next())
    }

    /// Runs `f` inside one transaction (bulk writers: the generator, reindex bookkeeping).
    pub fn transaction<T>(&mut self, f: impl FnOnce(&State) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN").map_err(|e| self.err(e))?;
        match f(self) {
            Ok(v) => {
                self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_get_and_failed_refetch() {
        let dir = tempfile::tempdir().unwrap();
        let s = State::open(&dir.path().join("crawl.sqlite")).unwrap();
        let mut r = PageRecord::new("http://x/a", PageKind::Response);
        r.status = Some(200);
        r.warc_file = Some("f.warc.gz".into());
        r.warc_offset = Some(10);
        r.consultation = Some("x".into());
        s.put(&r).unwrap();
        assert!(s.get("http://x/a").unwrap().unwrap().is_stored());
        let mut fail = PageRecord::new("http://x/b", PageKind::Attachment);
        fail.parent = Some("http://x/a".into());
        fail.error = Some("HTTP 500".into());
        s.put(&fail).unwrap();
        assert_eq!(s.children("http://x/a").unwrap().len(), 1);
        assert_eq!(s.failures().unwrap().len(), 1);
        assert_eq!(s.of_kind(PageKind::Response).unwrap().len(), 1);
        s.set_meta("site", "http://127.0.0.1:1").unwrap();
        assert_eq!(
            s.meta("site").unwrap().as_deref(),
            Some("http://127.0.0.1:1")
        );
    }
}
