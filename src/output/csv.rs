//! CSV as every table inspraak writes it (search hits, campaign members, an organisation's
//! responses, quotes, exports): RFC 4180 quoting, one header, one row per item. A table names
//! its columns; the columns that say who wrote a document and where it is (`id`, `author`,
//! `place`, `date`, `url`, …) are filled here, from the document's attribution or a quote's
//! citation, so every table spells them the same way. A table fills only its own columns.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::quotes::Citation;
use crate::search::Attribution;

/// Quotes a CSV cell when it needs it (RFC 4180).
pub(crate) fn cell(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// Writes one row of cells, each quoted as it needs.
pub(crate) fn write_row<S: AsRef<str>>(out: &mut dyn Write, cells: &[S]) -> io::Result<()> {
    let cells: Vec<Cow<'_, str>> = cells.iter().map(|c| cell(c.as_ref())).collect();
    writeln!(out, "{}", cells.join(","))
}

/// What can fill the columns that say who wrote something and where it is.
pub(crate) trait Attributed {
    /// The value of an attribution column, `None` for a column that is not one.
    fn column(&self, name: &str) -> Option<Cow<'_, str>>;
}

fn opt(v: &Option<String>) -> Cow<'_, str> {
    Cow::Borrowed(v.as_deref().unwrap_or(""))
}

impl Attributed for Attribution {
    fn column(&self, name: &str) -> Option<Cow<'_, str>> {
        Some(match name {
            "id" => Cow::Borrowed(self.id.as_str()),
            "kind" => Cow::Borrowed(self.kind.as_str()),
            "response_id" => opt(&self.response_id),
            "consultation" => Cow::Borrowed(self.consultation.as_str()),
            "consultation_title" => Cow::Borrowed(self.consultation_title.as_str()),
            "title" => opt(&self.title),
            "author" => opt(&self.author),
            "place" => opt(&self.place),
            "date" => opt(&self.date),
            "lang" => Cow::Borrowed(self.lang.as_str()),
            "url" => Cow::Borrowed(self.url.as_str()),
            "respondent" => opt(&self.respondent),
            "campaign" => opt(&self.campaign),
            "campaign_size" => Cow::Owned(
                self.campaign_size
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            ),
            _ => return None,
        })
    }
}

impl Attributed for Citation {
    fn column(&self, name: &str) -> Option<Cow<'_, str>> {
        Some(match name {
            // A quote's document is the one its passage is cut from.
            "document" => Cow::Borrowed(self.id.as_str()),
            "kind" => Cow::Borrowed(self.kind.as_str()),
            "consultation" => Cow::Borrowed(self.consultation.as_str()),
            "consultation_title" => Cow::Borrowed(self.consultation_title.as_str()),
            "author" => opt(&self.author),
            "place" => opt(&self.place),
            "date" => opt(&self.date),
            "question" => opt(&self.question),
            "page" => Cow::Owned(self.page.map(|p| p.to_string()).unwrap_or_default()),
            "url" => Cow::Borrowed(self.url.as_str()),
            _ => return None,
        })
    }
}

/// A CSV table: its columns in order, and which of them the table fills itself (the others
/// come from the attribution or citation of each row).
pub(crate) struct Table {
    pub columns: &'static [&'static str],
    pub own: &'static [&'static str],
}

impl Table {
    /// The header line, with its line end.
    pub(crate) fn header(&self) -> String {
        format!("{}\n", self.columns.join(","))
    }

    /// One row, with its line end: the table's own columns from `own`, the others from `who`.
    pub(crate) fn row<A: Attributed>(
        &self,
        who: &A,
        own: impl Fn(&str) -> Option<String>,
    ) -> String {
        let mut line = String::new();
        for (i, name) in self.columns.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            let value = if self.own.contains(name) {
                Cow::Owned(own(name).unwrap_or_default())
            } else {
                who.column(name).unwrap_or_default()
            };
            line.push_str(&cell(&value));
        }
        line.push('\n');
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"no\"\n"), "\"say \"\"no\"\"\n\"");
    }

    /// Every column of every table is the table's own or one the attribution fills.
    #[test]
    fn every_column_of_every_table_has_a_value() {
        use crate::output::{campaigns, export, organisations, quotes, search};
        let a = Attribution::default();
        for table in [
            &search::COLUMNS,
            &export::COLUMNS,
            &campaigns::MEMBER_COLUMNS,
            &organisations::RESPONSE_COLUMNS,
        ] {
            for c in table.columns {
                assert!(
                    table.own.contains(c) || a.column(c).is_some(),
                    "{c} of {:?}",
                    table.columns
                );
            }
        }
        let q = quotes::tests::a_quote();
        for c in quotes::COLUMNS.columns {
            assert!(
                quotes::COLUMNS.own.contains(c) || q.citation.column(c).is_some(),
                "{c}"
            );
        }
    }
}
