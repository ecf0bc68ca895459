//! Campaigns of near-identical responses as a table, JSON, JSON lines or CSV; one campaign with
//! its representative text and what each member adds.

use std::io::{self, Write};

use super::csv::{write_row, Table};
use super::{counts, write_json, write_jsonl, Format};
use crate::search::{CampaignDetail, CampaignInfo};

/// The CSV columns of a campaign's members.
pub(super) const MEMBER_COLUMNS: Table = Table {
    columns: &[
        "id",
        "author",
        "place",
        "date",
        "lang",
        "respondent",
        "url",
        "added",
    ],
    own: &["added"],
};

/// A campaign's id, consultation, dates and languages on one line.
fn campaign_line(c: &CampaignInfo) -> String {
    format!(
        "{}  {}  {} .. {}  {}",
        c.id,
        c.consultation,
        c.first.as_deref().unwrap_or("?"),
        c.last.as_deref().unwrap_or("?"),
        counts(&c.langs)
    )
}

/// Prints campaigns: a table in text, or JSON, JSON lines or CSV.
pub fn print_campaigns(
    list: &[CampaignInfo],
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(&list, out),
        Format::Jsonl => write_jsonl(list, out),
        Format::Csv => {
            writeln!(
                out,
                "id,consultation,size,first,last,langs,respondents,representative,url,start"
            )?;
            for c in list {
                let size = c.size.to_string();
                let row = [
                    c.id.as_str(),
                    c.consultation.as_str(),
                    size.as_str(),
                    c.first.as_deref().unwrap_or(""),
                    c.last.as_deref().unwrap_or(""),
                    &counts(&c.langs),
                    &counts(&c.respondents),
                    c.representative.as_str(),
                    c.url.as_str(),
                    c.start.as_str(),
                ];
                write_row(out, &row)?;
            }
            Ok(())
        }
        Format::Text => {
            let responses: u64 = list.iter().map(|c| c.size).sum();
            writeln!(out, "{} campaigns, {responses} responses", list.len())?;
            for c in list {
                writeln!(out)?;
                writeln!(out, "{:>6}  {}", c.size, campaign_line(c))?;
                writeln!(out, "        {}", c.start)?;
            }
            Ok(())
        }
    }
}

/// Prints one campaign: its representative text, then each member and what it adds.
pub fn print_campaign(c: &CampaignDetail, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => write_json(c, out),
        Format::Jsonl => write_jsonl(&c.members, out),
        Format::Csv => {
            out.write_all(MEMBER_COLUMNS.header().as_bytes())?;
            for m in &c.members {
                let row = MEMBER_COLUMNS.row(&m.attribution, |column| {
                    (column == "added").then(|| m.added.join(" "))
                });
                out.write_all(row.as_bytes())?;
            }
            Ok(())
        }
        Format::Text => {
            let i = &c.campaign;
            writeln!(
                out,
                "campaign of {} responses: {}",
                i.size,
                campaign_line(i)
            )?;
            writeln!(out, "respondents: {}", counts(&i.respondents))?;
            writeln!(out, "\nrepresentative ({}, {}):", i.representative, i.url)?;
            for line in c.template.lines() {
                writeln!(out, "  {line}")?;
            }
            writeln!(out, "\nmembers, and what each adds in their own words:")?;
            for m in &c.members {
                let a = &m.attribution;
                writeln!(
                    out,
                    "\n  {} · {} · {} · {}",
                    a.author.as_deref().unwrap_or("-"),
                    a.place.as_deref().unwrap_or("-"),
                    a.date.as_deref().unwrap_or("-"),
                    a.url
                )?;
                if a.id == i.representative {
                    writeln!(out, "    (the representative)")?;
                } else if m.added.is_empty() {
                    writeln!(out, "    (adds nothing)")?;
                }
                for s in &m.added {
                    writeln!(out, "    + {s}")?;
                }
            }
            Ok(())
        }
    }
}
