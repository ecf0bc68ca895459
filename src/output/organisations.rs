//! The organisation register as the command line prints it: a table, JSON, JSON lines or CSV.

use std::io::{self, Write};

use super::csv::{write_row, Table};
use super::{counts, write_json, write_jsonl, Format};
use crate::search::{OrganisationDetail, OrganisationInfo};

/// The CSV columns of an organisation's responses.
pub(super) const RESPONSE_COLUMNS: Table = Table {
    columns: &[
        "id",
        "date",
        "consultation",
        "author",
        "place",
        "url",
        "start",
    ],
    own: &["start"],
};

/// An organisation's name variants with how often each is written: "VNG (3); …".
fn variants(o: &OrganisationInfo) -> String {
    o.variants
        .iter()
        .map(|v| format!("{} ({})", v.name, v.count))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Prints the register.
pub fn print_organisations(
    list: &[OrganisationInfo],
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(&list, out),
        Format::Jsonl => write_jsonl(list, out),
        Format::Csv => {
            writeln!(
                out,
                "id,name,consultations,responses,first,last,langs,variants"
            )?;
            for o in list {
                let row = [
                    o.id.clone(),
                    o.name.clone(),
                    o.consultations.join(" "),
                    o.responses.to_string(),
                    o.first.clone().unwrap_or_default(),
                    o.last.clone().unwrap_or_default(),
                    counts(&o.langs),
                    variants(o),
                ];
                write_row(out, &row)?;
            }
            Ok(())
        }
        Format::Text => {
            writeln!(out, "{} organisations", list.len())?;
            for o in list {
                writeln!(out)?;
                writeln!(
                    out,
                    "{}  {}  {} consultations, {} responses, {} .. {}",
                    o.id,
                    o.name,
                    o.consultations.len(),
                    o.responses,
                    o.first.as_deref().unwrap_or("?"),
                    o.last.as_deref().unwrap_or("?"),
                )?;
                writeln!(out, "    as: {}", variants(o))?;
                writeln!(out, "    in: {}", o.consultations.join(", "))?;
            }
            Ok(())
        }
    }
}

/// Prints one organisation and its responses, newest first.
pub fn print_organisation(
    d: &OrganisationDetail,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(d, out),
        Format::Jsonl => write_jsonl(&d.responses, out),
        Format::Csv => {
            out.write_all(RESPONSE_COLUMNS.header().as_bytes())?;
            for r in &d.responses {
                let row = RESPONSE_COLUMNS.row(&r.attribution, |column| {
                    (column == "start").then(|| r.start.clone())
                });
                out.write_all(row.as_bytes())?;
            }
            Ok(())
        }
        Format::Text => {
            let o = &d.organisation;
            writeln!(out, "{}  {}", o.id, o.name)?;
            writeln!(out, "written as: {}", variants(o))?;
            for r in &d.responses {
                let a = &r.attribution;
                writeln!(
                    out,
                    "\n{} · {} · {}\n  {}\n  {}",
                    a.date.as_deref().unwrap_or("-"),
                    a.consultation_title,
                    a.author.as_deref().unwrap_or("-"),
                    a.url,
                    r.start
                )?;
            }
            Ok(())
        }
    }
}
