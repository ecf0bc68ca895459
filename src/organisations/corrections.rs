//! A researcher's corrections to the organisation register. No rule joins every pair of
//! names that belong together and none other; a researcher who knows that two entries are one
//! organisation, or that a name was joined to the wrong one, says so with `inspraak
//! organisations --merge ID ID` or `--split ID NAME`. The corrections are kept beside the index
//! (`organisations.json` in the index folder), by organisation key rather than id, since ids
//! follow keys and a merge changes which key names the organisation; the register applies
//! them every time it is built, so every update and rebuild keeps them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The corrections of one index folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrections {
    /// Pairs of keys that are one organisation, whatever the rules say.
    #[serde(default)]
    pub merges: Vec<(String, String)>,
    /// Keys that are joined to nothing by the rules.
    #[serde(default)]
    pub splits: BTreeSet<String>,
}

impl Corrections {
    /// Where an index folder keeps them.
    pub fn path(root: &Path) -> PathBuf {
        root.join("organisations.json")
    }

    /// The corrections of an index folder; none when it has no file.
    pub fn load(root: &Path) -> Result<Corrections> {
        let path = Corrections::path(root);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::Io {
                path: path.clone(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Corrections::default()),
            Err(source) => Err(Error::Io { path, source }),
        }
    }

    /// Writes them beside the index, whole or not at all (a temporary file renamed).
    pub fn save(&self, root: &Path) -> Result<()> {
        let path = Corrections::path(root);
        let tmp = path.with_extension("json.tmp");
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let json = serde_json::to_vec_pretty(self).expect("corrections serialise");
        std::fs::write(&tmp, json).map_err(io)?;
        std::fs::rename(&tmp, &path).map_err(io)
    }

    /// What tells one state of the file from another without reading it (its length and
    /// modification time), for caches of the register.
    pub fn stamp(root: &Path) -> String {
        std::fs::metadata(Corrections::path(root))
            .map(|m| {
                let t = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{}:{t}", m.len())
            })
            .unwrap_or_default()
    }

    /// Records that two keys are one organisation; neither is split any more.
    pub fn merge(&mut self, a: &str, b: &str) {
        self.splits.remove(a);
        self.splits.remove(b);
        let pair = (a.min(b).to_string(), a.max(b).to_string());
        if a != b && !self.merges.contains(&pair) {
            self.merges.push(pair);
        }
    }

    /// Records that a key is its own organisation: no rule joins it, no earlier merge holds.
    pub fn split(&mut self, key: &str) {
        self.merges.retain(|(a, b)| a != key && b != key);
        self.splits.insert(key.to_string());
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.merges.is_empty() && self.splits.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_beside_the_index_and_undone_by_each_other() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Corrections::load(dir.path()).unwrap(),
            Corrections::default()
        );
        let mut c = Corrections::default();
        c.merge("lhv", "landelijke huisartsen");
        c.merge("landelijke huisartsen", "lhv");
        assert_eq!(c.merges.len(), 1);
        c.split("vrije universiteit");
        c.save(dir.path()).unwrap();
        assert_eq!(Corrections::load(dir.path()).unwrap(), c);
        assert!(!Corrections::stamp(dir.path()).is_empty());
        c.split("lhv");
        assert!(c.merges.is_empty());
        c.merge("lhv", "x");
        assert!(!c.splits.contains("lhv"));
        std::fs::write(Corrections::path(dir.path()), "{not json").unwrap();
        let e = Corrections::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("organisations.json"), "{e}");
    }
}
