//! Seed files say what to crawl: consultations by slug, and single URLs (responses a letter
//! cites, reports) with a kind and an optional label. They are TOML so that people can keep them
//! by hand and add comments saying where each URL came from.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

/// A parsed seed file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Seeds {
    /// Consultations to crawl whole.
    #[serde(default, rename = "consultation")]
    pub consultations: Vec<SeedConsultation>,
    /// Single URLs: responses and reports.
    #[serde(default, rename = "url")]
    pub urls: Vec<SeedUrl>,
}

/// A consultation named by its slug on the site.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SeedConsultation {
    /// The consultation's slug on the site.
    pub slug: String,
    /// The bill's name, as people refer to it.
    #[serde(default)]
    pub bill: Option<String>,
}

/// What a single seed URL is.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SeedKind {
    /// A response on the site, cited on its own.
    Response,
    /// A report: a web page or a file, anywhere.
    Report,
}

/// One URL with its kind and an optional label.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SeedUrl {
    /// The URL.
    pub url: String,
    /// What it is.
    pub kind: SeedKind,
    /// What the seed file calls it (a report's title, as cited).
    #[serde(default)]
    pub label: Option<String>,
}

impl Seeds {
    /// Reads and checks a seed file: slugs must be plain path segments and URLs absolute.
    pub fn load(path: &Path) -> Result<Seeds> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Seeds {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Seeds::parse(&text).map_err(|message| Error::Seeds {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses seed-file text; the error is a one-line message.
    pub fn parse(text: &str) -> std::result::Result<Seeds, String> {
        let seeds: Seeds = toml::from_str(text).map_err(|e| e.message().to_string())?;
        for c in &seeds.consultations {
            if !is_slug(&c.slug) {
                return Err(format!("'{}' is not a consultation slug", c.slug));
            }
        }
        for u in &seeds.urls {
            let parsed = url::Url::parse(&u.url).map_err(|e| format!("{}: {e}", u.url))?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(format!(
                    "{}: only http and https URLs can be crawled",
                    u.url
                ));
            }
        }
        Ok(seeds)
    }

    /// Adds another file's entries, keeping the first occurrence of each slug and URL.
    pub fn merge(&mut self, other: Seeds) {
        for c in other.consultations {
            if !self.consultations.iter().any(|x| x.slug == c.slug) {
                self.consultations.push(c);
            }
        }
        for u in other.urls {
            if !self.urls.iter().any(|x| x.url == u.url) {
                self.urls.push(u);
            }
        }
    }
}

/// Appends consultations to a seed file (created if missing), skipping slugs it lists already;
/// returns the slugs added. `note` becomes a comment above them (where they came from).
pub fn append_consultations(
    path: &Path,
    found: &[(String, String)],
    note: &str,
) -> Result<Vec<String>> {
    use std::io::Write;
    let existing = if path.exists() {
        Seeds::load(path)?
    } else {
        Seeds::default()
    };
    let mut text = String::new();
    let mut added = Vec::new();
    for (slug, title) in found {
        if existing.consultations.iter().any(|c| c.slug == *slug) || added.contains(slug) {
            continue;
        }
        text.push_str(&format!(
            "\n[[consultation]]\nslug = {}\nbill = {}\n",
            toml::Value::String(slug.clone()),
            toml::Value::String(title.clone())
        ));
        added.push(slug.clone());
    }
    if added.is_empty() {
        return Ok(added);
    }
    let note: String = note.replace(['\r', '\n'], " ");
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    write!(file, "\n# {note}{text}").map_err(|e| Error::io(path, e))?;
    Ok(added)
}

/// A slug is one URL path segment of lowercase letters, digits and dashes.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_consultations_and_urls() {
        let s = Seeds::parse(
            r#"
            [[consultation]]
            slug = "seksbedrijventoezicht"
            bill = "Wet gemeentelijk toezicht seksbedrijven"

            [[url]]
            kind = "report"
            url = "https://doi.org/10.1371/journal.pmed.1002680"
            label = "PLOS Medicine"
            "#,
        )
        .unwrap();
        assert_eq!(s.consultations[0].slug, "seksbedrijventoezicht");
        assert_eq!(s.urls[0].kind, SeedKind::Report);
        assert_eq!(s.urls[0].label.as_deref(), Some("PLOS Medicine"));
    }

    #[test]
    fn rejects_bad_entries() {
        assert!(Seeds::parse("[[consultation]]\nslug = \"../etc\"").is_err());
        assert!(Seeds::parse("[[url]]\nkind = \"letter\"\nurl = \"https://x.nl/\"").is_err());
        assert!(Seeds::parse("[[url]]\nkind = \"report\"\nurl = \"ftp://x.nl/\"").is_err());
        assert!(Seeds::parse("[[consultatoin]]\nslug = \"x\"").is_err());
    }

    #[test]
    fn appending_consultations_keeps_the_file_valid_and_skips_known_slugs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.toml");
        let found = vec![
            (
                "aaa".to_string(),
                "Wet \"aanhalingstekens\" & meer".to_string(),
            ),
            ("bbb".to_string(), "Wet B".to_string()),
        ];
        assert_eq!(
            append_consultations(&path, &found, "found").unwrap(),
            ["aaa", "bbb"]
        );
        assert!(append_consultations(&path, &found, "again")
            .unwrap()
            .is_empty());
        let s = Seeds::load(&path).unwrap();
        assert_eq!(s.consultations.len(), 2);
        assert_eq!(
            s.consultations[0].bill.as_deref(),
            Some("Wet \"aanhalingstekens\" & meer")
        );
    }

    #[test]
    fn the_shipped_seed_file_parses() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/wrs-wgts.toml");
        let s = Seeds::load(&path).unwrap();
        assert_eq!(s.consultations.len(), 2);
        let responses = s.urls.iter().filter(|u| u.kind == SeedKind::Response);
        assert_eq!(responses.count(), 8);
        let reports = s.urls.iter().filter(|u| u.kind == SeedKind::Report);
        assert_eq!(reports.count(), 23);
    }
}
