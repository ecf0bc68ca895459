//! Exports: every matching document with its whole text, as JSON lines or CSV, written a line
//! at a time while the index is read. `inspraak export` and `/api/export` share the writer.

use std::str::FromStr;

use super::csv::Table;
use super::unknown_format;
use crate::search::DocView;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One document as JSON per line.
    Jsonl,
    /// A header, then one document per row.
    Csv,
}

impl ExportFormat {
    /// The formats' names, as `--format` and `format=` take them.
    pub const NAMES: &'static [&'static str] = &["jsonl", "csv"];

    /// The media type and the file name extension of the format.
    pub(crate) fn media_type(self) -> (&'static str, &'static str) {
        match self {
            ExportFormat::Jsonl => ("application/x-ndjson", "jsonl"),
            ExportFormat::Csv => ("text/csv; charset=utf-8", "csv"),
        }
    }
}

impl FromStr for ExportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<ExportFormat, String> {
        match s {
            "jsonl" => Ok(ExportFormat::Jsonl),
            "csv" => Ok(ExportFormat::Csv),
            _ => Err(unknown_format(s, ExportFormat::NAMES)),
        }
    }
}

/// The CSV columns of an export.
pub(super) const COLUMNS: Table = Table {
    columns: &[
        "id",
        "kind",
        "response_id",
        "consultation",
        "consultation_title",
        "title",
        "author",
        "place",
        "date",
        "lang",
        "url",
        "pages",
        "respondent",
        "campaign",
        "campaign_size",
        "text",
    ],
    own: &["pages", "text"],
};

/// Turns documents into export lines.
pub struct ExportWriter {
    format: ExportFormat,
}

impl ExportWriter {
    /// A writer of `format`.
    pub fn new(format: ExportFormat) -> ExportWriter {
        ExportWriter { format }
    }

    /// The first line (CSV header), or nothing.
    pub fn header(&mut self) -> Vec<u8> {
        match self.format {
            ExportFormat::Jsonl => Vec::new(),
            ExportFormat::Csv => COLUMNS.header().into_bytes(),
        }
    }

    /// One document as a line.
    pub fn row(&mut self, d: &DocView) -> Vec<u8> {
        match self.format {
            ExportFormat::Jsonl => {
                let mut v = serde_json::to_vec(d).expect("a document serializes");
                v.push(b'\n');
                v
            }
            ExportFormat::Csv => COLUMNS
                .row(&d.attribution, |column| match column {
                    "pages" => Some(d.pages.map(|p| p.to_string()).unwrap_or_default()),
                    "text" => Some(d.text.clone()),
                    _ => None,
                })
                .into_bytes(),
        }
    }
}
