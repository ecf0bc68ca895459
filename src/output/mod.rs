//! Everything inspraak prints or sends as a file: search hits, campaigns, organisations and
//! quotes as text, JSON, JSON lines, Markdown, CSV or CSL-JSON; exports; the crawl and index
//! summaries; statistics. The command line and the server both write through this module, so
//! `search --format csv` and a CSV from the API come from one writer, and the columns that say
//! who wrote a document are named and filled in one place (`csv`).

mod campaigns;
mod color;
pub(crate) mod csv;
mod export;
mod organisations;
mod quotes;
mod search;
mod stats;
mod summary;
mod terms;

use std::io::{self, Write};
use std::str::FromStr;

use serde::Serialize;

pub use campaigns::{print_campaign, print_campaigns};
pub use color::Color;
pub use export::{ExportFormat, ExportWriter};
pub use organisations::{print_organisation, print_organisations};
pub use quotes::{render as render_quotes, QuoteFormat};
pub use search::print_search;
pub use stats::print_stats;
pub use summary::{print_crawl_summary, print_discovered, print_index_summary, CrawlReport};
pub use terms::{print_terms, print_timeline};

/// Output formats of `search`, `campaigns` and `organisations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: a heading line, then one block per item.
    Text,
    /// The whole answer as one indented JSON value.
    Json,
    /// One JSON value per item and line.
    Jsonl,
    /// A header and one row per item.
    Csv,
}

impl Format {
    /// The formats' names, as `--format` and `format=` take them.
    pub const NAMES: &'static [&'static str] = &["text", "json", "jsonl", "csv"];
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            _ => Err(unknown_format(s, Format::NAMES)),
        }
    }
}

/// The message for a format name that is not one of `names`.
pub(crate) fn unknown_format(s: &str, names: &[&str]) -> String {
    format!("unknown format '{s}' (use {})", crate::text::either(names))
}

/// One value as indented JSON.
pub fn write_json<T: Serialize + ?Sized>(v: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    writeln!(out)
}

/// Items as JSON lines.
fn write_jsonl<T: Serialize>(items: &[T], out: &mut dyn Write) -> io::Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, item)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Counts by name on one line, most first: "nl 12, en 3".
fn counts(map: &std::collections::BTreeMap<String, u64>) -> String {
    let mut v: Vec<(&String, &u64)> = map.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A text on one line, its runs of white space as single spaces (CSV rows and citations stay
/// friendly to line-based tools).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_parse_and_others_are_refused() {
        for name in Format::NAMES {
            assert!(name.parse::<Format>().is_ok(), "{name}");
        }
        assert_eq!(
            "xml".parse::<Format>().unwrap_err(),
            "unknown format 'xml' (use text, json, jsonl or csv)"
        );
    }
}
