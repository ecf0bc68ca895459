//! What the index step keeps in the crawl state between runs: each response's campaign sketch
//! (its MinHash signature, so a consultation is clustered again without reading a response
//! twice) and the units whose bodies gave no document (so a broken page is not extracted again
//! until it changes). They live beside the crawl's rows because they follow them: a withdrawn
//! response's sketch goes with it.

use rusqlite::params;

use super::state::State;
use crate::error::Result;

/// What campaign detection keeps of a response between runs: its MinHash signature, and
/// what it was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sketch {
    /// The response's URL.
    pub url: String,
    /// Its consultation's slug.
    pub consultation: String,
    /// The digests of the page (and attachment) the signature was computed from.
    pub source: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `None` for a text too short to be campaign material.
    pub signature: Option<Vec<u8>>,
}

impl State {
    /// Stores campaign sketches in one transaction; a response keeps its place in the order
    /// of arrival when its sketch is replaced.
    pub(crate) fn put_sketches(&self, sketches: &[Sketch]) -> Result<()> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        {
            let mut stmt = tx
                .prepare(
                    "INSERT INTO sketches (url, consultation, source, date, signature)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(url) DO UPDATE SET consultation = excluded.consultation,
                       source = excluded.source, date = excluded.date,
                       signature = excluded.signature",
                )
                .map_err(|e| self.err(e))?;
            for s in sketches {
                stmt.execute(params![
                    s.url,
                    s.consultation,
                    s.source,
                    s.date,
                    s.signature
                ])
                .map_err(|e| self.err(e))?;
            }
        }
        tx.commit().map_err(|e| self.err(e))
    }

    /// Deletes the sketches of responses whose URL's fingerprint is not in `keep` (withdrawn or
    /// purged ones), of every consultation or of those `within`.
    pub(crate) fn prune_sketches<S: std::hash::BuildHasher>(
        &self,
        keep: &std::collections::HashSet<u64, S>,
        within: Option<&std::collections::BTreeSet<String>>,
    ) -> Result<u64> {
        let mut gone: Vec<String> = Vec::new();
        let mut collect = |sql: &str, args: &[&str]| -> Result<()> {
            let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
            let mut rows = stmt
                .query(rusqlite::params_from_iter(args))
                .map_err(|e| self.err(e))?;
            while let Some(row) = rows.next().map_err(|e| self.err(e))? {
                let url: String = row.get(0).map_err(|e| self.err(e))?;
                if !keep.contains(&crate::text::fingerprint(&url)) {
                    gone.push(url);
                }
            }
            Ok(())
        };
        match within {
            None => collect("SELECT url FROM sketches", &[])?,
            Some(slugs) => {
                for slug in slugs {
                    collect(
                        "SELECT url FROM sketches WHERE consultation = ?1",
                        &[slug.as_str()],
                    )?;
                }
            }
        }
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        for url in &gone {
            tx.execute("DELETE FROM sketches WHERE url = ?1", [url])
                .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(gone.len() as u64)
    }

    /// The consultations that have sketches.
    pub(crate) fn sketch_consultations(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT consultation FROM sketches ORDER BY consultation")
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// A consultation's sketches in order of arrival.
    pub fn sketches(&self, consultation: &str) -> Result<Vec<Sketch>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT url, consultation, source, date, signature FROM sketches
                 WHERE consultation = ?1 ORDER BY seq",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([consultation], |r| {
                Ok(Sketch {
                    url: r.get(0)?,
                    consultation: r.get(1)?,
                    source: r.get(2)?,
                    date: r.get(3)?,
                    signature: r.get(4)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// Units (by the fingerprint of their URL) whose bodies gave no document, with the source
    /// fingerprint they failed at: they are not extracted again until their source changes.
    pub(crate) fn unindexed(&self) -> Result<crate::text::ByFingerprint<u64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT unit, source FROM unindexed")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<crate::text::ByFingerprint<_>>>()
            .map_err(|e| self.err(e))
    }

    /// Records units that gave no document (`Some(source)`) or did (`None`), in one
    /// transaction; `clear` forgets every earlier record first (a full rebuild).
    pub(crate) fn set_unindexed(&self, units: &[(u64, Option<u64>)], clear: bool) -> Result<()> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        if clear {
            tx.execute("DELETE FROM unindexed", [])
                .map_err(|e| self.err(e))?;
        }
        for (unit, source) in units {
            match source {
                Some(s) => tx.execute(
                    "INSERT OR REPLACE INTO unindexed (unit, source) VALUES (?1, ?2)",
                    params![*unit as i64, *s as i64],
                ),
                None => tx.execute("DELETE FROM unindexed WHERE unit = ?1", [*unit as i64]),
            }
            .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sketches_are_reused_by_source_and_pruned_when_gone() {
        use crate::text::fingerprint;
        let dir = tempfile::tempdir().unwrap();
        let s = State::open(&dir.path().join("crawl.sqlite")).unwrap();
        let sketch = |url: &str, source: &str| Sketch {
            url: url.into(),
            consultation: "x".into(),
            source: source.into(),
            date: Some("2025-10-01".into()),
            signature: Some(vec![1, 2, 3, 4]),
        };
        s.put_sketches(&[sketch("http://x/a", "v2 aa"), sketch("http://x/b", "v2 bb")])
            .unwrap();
        // A changed source replaces the row and keeps its place in the order of arrival.
        s.put_sketches(&[sketch("http://x/a", "v2 cc")]).unwrap();
        let stored = s.sketches("x").unwrap();
        assert_eq!(stored[0].url, "http://x/a");
        assert_eq!(stored[0].source, "v2 cc");
        let order: Vec<String> = s
            .sketches("x")
            .unwrap()
            .into_iter()
            .map(|k| k.url)
            .collect();
        assert_eq!(order, ["http://x/a", "http://x/b"]);
        // A withdrawn response's sketch goes.
        let keep = std::collections::HashSet::from([fingerprint("http://x/a")]);
        assert_eq!(s.prune_sketches(&keep, None).unwrap(), 1);
        assert_eq!(s.sketches("x").unwrap().len(), 1);
    }
}
