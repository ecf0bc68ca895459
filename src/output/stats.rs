//! Statistics as text (their JSON is [`Stats`] as it is).

use std::io::{self, Write};

use super::summary::{index_step_line, print_response_counts};
use crate::stats::Stats;

/// Prints statistics as text.
pub fn print_stats(s: &Stats, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} documents", s.documents)?;
    if let Some(step) = &s.last_index_step {
        writeln!(
            out,
            "last index step: {}",
            index_step_line(step).trim_start()
        )?;
    }
    let c = &s.organisation_corrections;
    if !c.is_empty() {
        writeln!(out, "organisation corrections (organisations.json):")?;
        for (a, b) in &c.merges {
            writeln!(out, "  merged: {a} + {b}")?;
        }
        for k in &c.splits {
            writeln!(out, "  split: {k}")?;
        }
    }
    writeln!(out, "\nby consultation:")?;
    for (slug, c) in &s.consultations {
        writeln!(out, "  {:>7}  {slug}  {}", c.documents, c.title)?;
        print_response_counts(slug, &c.responses, "           ", out)?;
    }
    writeln!(out, "\nby kind:")?;
    for (k, n) in &s.kind {
        writeln!(out, "  {n:>7}  {k}")?;
    }
    writeln!(out, "\nby language:")?;
    for (k, n) in &s.lang {
        writeln!(out, "  {n:>7}  {k}")?;
    }
    if !s.respondent.is_empty() {
        writeln!(out, "\nby respondent (responses and attachments):")?;
        for (k, n) in &s.respondent {
            writeln!(out, "  {n:>7}  {k}")?;
        }
    }
    let urls: u64 = s.crawl.urls.values().sum();
    let blocked = &s.crawl.blocked_by_robots;
    writeln!(
        out,
        "\ncrawl: {urls} URLs known, {} archived, {} withdrawn, {} failed{}",
        s.crawl.archived,
        s.crawl.withdrawn,
        s.crawl.failures.len(),
        if blocked.is_empty() {
            String::new()
        } else {
            format!(", {} not fetched: robots.txt", blocked.len())
        }
    )?;
    for f in &s.crawl.failures {
        writeln!(out, "  {} ({}): {}", f.url, f.kind, f.reason)?;
    }
    for u in blocked {
        writeln!(
            out,
            "  {} ({}): not fetched: robots.txt disallows it",
            u.url, u.kind
        )?;
    }
    Ok(())
}
