//! Search hits as text for a terminal (numbered, the query's words marked), JSON, JSON lines or
//! CSV.

use std::io::{self, Write};

use super::csv::Table;
use super::{one_line, write_json, write_jsonl, Format};
use crate::search::{Hit, SearchResponse};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MARK: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// The CSV columns of search hits.
pub(super) const COLUMNS: Table = Table {
    columns: &[
        "id",
        "kind",
        "response_id",
        "consultation",
        "consultation_title",
        "author",
        "place",
        "date",
        "lang",
        "url",
        "respondent",
        "campaign",
        "campaign_size",
        "collapsed",
        "score",
        "snippet",
    ],
    own: &["collapsed", "score", "snippet"],
};

/// Prints a search response in a format; `color` adds terminal colours to text.
pub fn print_search(
    resp: &SearchResponse,
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(resp, out),
        Format::Jsonl => write_jsonl(&resp.hits, out),
        Format::Csv => {
            out.write_all(COLUMNS.header().as_bytes())?;
            for h in &resp.hits {
                let row = COLUMNS.row(&h.attribution, |column| match column {
                    "collapsed" => Some(h.collapsed.map(|n| n.to_string()).unwrap_or_default()),
                    "score" => Some(h.score.map(|s| format!("{s:.4}")).unwrap_or_default()),
                    "snippet" => Some(one_line(&h.snippet_plain.0)),
                    _ => None,
                });
                out.write_all(row.as_bytes())?;
            }
            Ok(())
        }
        Format::Text => {
            let noun = if resp.total == 1 { "match" } else { "matches" };
            let grouped = resp
                .groups
                .map(|g| format!(", {g} with each campaign once"))
                .unwrap_or_default();
            writeln!(
                out,
                "{} {noun}{grouped} for {} ({} ms)",
                resp.total, resp.query, resp.took_ms
            )?;
            for (i, h) in resp.hits.iter().enumerate() {
                print_hit(i + 1, h, color, out)?;
            }
            Ok(())
        }
    }
}

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("{code}{s}{RESET}")
    } else {
        s.to_string()
    }
}

/// One hit as a numbered block: who and when, title, consultation, link, the snippet with the
/// query's words marked, and its campaign.
fn print_hit(number: usize, h: &Hit, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let a = &h.attribution;
    let who = match (&a.author, &a.place) {
        (Some(a), Some(p)) => format!("{a}, {p}"),
        (Some(a), None) => a.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => "-".to_string(),
    };
    let mut head = format!("{} · {who}", a.kind);
    if let Some(d) = &a.date {
        head.push_str(&format!(" · {d}"));
    }
    head.push_str(&format!(" · {}", a.lang));
    if let Some(r) = &a.respondent {
        head.push_str(&format!(" · {r}"));
    }
    writeln!(out)?;
    writeln!(out, "{number:>3}. {}", paint(color, BOLD, &head))?;
    if let Some(t) = a
        .title
        .as_ref()
        .filter(|t| a.kind != "consultation" && !t.is_empty())
    {
        writeln!(out, "     {t}")?;
    }
    let consultation = format!("{} ({})", a.consultation_title, a.consultation);
    writeln!(out, "     {}", paint(color, DIM, &consultation))?;
    writeln!(out, "     {}", a.url)?;
    let snippet = one_line(&marked(&h.snippet_plain, color));
    if !snippet.is_empty() {
        writeln!(out, "     {snippet}")?;
    }
    if let (Some(c), Some(size)) = (&a.campaign, a.campaign_size) {
        let more = match h.collapsed {
            Some(n) if n > 0 => format!(
                "and {n} near-identical {} here; ",
                if n == 1 { "match" } else { "matches" }
            ),
            _ => String::new(),
        };
        let line = format!("{more}campaign {c}: {size} responses (--campaign {c})");
        writeln!(out, "     {}", paint(color, DIM, &line))?;
    }
    Ok(())
}

/// A snippet with its marked ranges in colour, or in [brackets] without.
fn marked((text, ranges): &(String, Vec<std::ops::Range<usize>>), color: bool) -> String {
    let mut snippet = String::new();
    let mut pos = 0;
    for r in ranges {
        if r.start < pos || r.end > text.len() {
            continue;
        }
        snippet.push_str(&text[pos..r.start]);
        if color {
            snippet.push_str(&paint(true, MARK, &text[r.start..r.end]));
        } else {
            snippet.push_str(&format!("[{}]", &text[r.start..r.end]));
        }
        pos = r.end;
    }
    snippet.push_str(&text[pos..]);
    snippet
}
