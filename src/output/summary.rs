//! What a crawl, an update, a reindex and `discover` report when they finish: counts, failures
//! with their reasons, each consultation's responses and whether its counts add up.

use std::io::{self, Write};

use serde::Serialize;

use crate::crawl::counts::ResponseCounts;
use crate::crawl::CrawlSummary;
use crate::extract::search_results::FoundConsultation;
use crate::index::IndexSummary;
use crate::progress::Failure;

/// A crawl's summary with the index step's, as `--json` prints them: the crawl's fields,
/// and the index step under `index`.
#[derive(Serialize)]
pub struct CrawlReport<'a> {
    /// What the crawl did.
    #[serde(flatten)]
    pub crawl: &'a CrawlSummary,
    /// What the index step after it did.
    pub index: &'a IndexSummary,
}

impl<'a> CrawlReport<'a> {
    /// The two summaries together.
    pub fn new(crawl: &'a CrawlSummary, index: &'a IndexSummary) -> Self {
        CrawlReport { crawl, index }
    }
}

/// Prints what a crawl and the index step after it did.
pub fn print_crawl_summary(
    s: &CrawlSummary,
    index: &IndexSummary,
    out: &mut dyn Write,
) -> io::Result<()> {
    if s.interrupted {
        writeln!(out, "crawl stopped early (interrupted) after {:.1} s; what was fetched is indexed, run it again to go on", s.seconds)?;
    } else {
        writeln!(out, "crawl finished in {:.1} s", s.seconds)?;
    }
    if !s.unresolved_hosts.is_empty() {
        writeln!(
            out,
            "  network:    the network or DNS is unavailable: no host answered and no name resolved ({})",
            s.unresolved_hosts.join(", ")
        )?;
    }
    writeln!(out, "  fetched:    {}", s.fetched)?;
    writeln!(
        out,
        "  unchanged:  {} (already archived or 304)",
        s.unchanged
    )?;
    writeln!(out, "  retried:    {}", s.retried)?;
    writeln!(out, "  failed:     {}", s.failed.len())?;
    print_failures(&s.failed, out)?;
    if !s.blocked_by_robots.is_empty() {
        writeln!(
            out,
            "  robots.txt: {} disallowed",
            s.blocked_by_robots.len()
        )?;
        for u in &s.blocked_by_robots {
            writeln!(out, "    {u}")?;
        }
    }
    if !s.unparsed.is_empty() {
        writeln!(out, "  unparsed:   {}", s.unparsed.len())?;
        print_failures(&s.unparsed, out)?;
    }
    if !s.faults.is_empty() {
        let f: Vec<String> = s.faults.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(
            out,
            "  faults:     {} (attempts, retries included)",
            f.join(", ")
        )?;
    }
    if !s.withdrawn.is_empty() {
        writeln!(
            out,
            "  withdrawn:  {} (removed from the index)",
            s.withdrawn.len()
        )?;
        for u in &s.withdrawn {
            writeln!(out, "    {u}")?;
        }
    }
    if s.purged > 0 {
        writeln!(
            out,
            "  purged:     {} archived bodies of withdrawn responses deleted",
            s.purged
        )?;
    }
    if s.reports > 0 {
        writeln!(
            out,
            "  reports:    {} report URLs in the seeds, {} files fetched from their landing pages",
            s.reports, s.report_files
        )?;
    }
    print_index_summary(index, out)?;
    for (slug, c) in &s.consultations {
        print_response_counts(slug, c, "  ", out)?;
    }
    Ok(())
}

/// One consultation's response counts on a line, and when they do not add up, a line saying
/// so and the missing responses with their reasons.
pub(crate) fn print_response_counts(
    slug: &str,
    c: &ResponseCounts,
    indent: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut parts = Vec::new();
    if let Some(a) = c.announced {
        parts.push(format!("{a} announced"));
    }
    if let Some(l) = c.listed {
        parts.push(format!("{l} listed"));
    }
    parts.push(format!("{} archived", c.archived));
    parts.push(format!(
        "{} indexed ({} without text)",
        c.indexed, c.without_text
    ));
    parts.push(format!("{} withdrawn", c.withdrawn));
    let blocked = c.blocked_by_robots.len();
    if blocked > 0 {
        parts.push(format!("{blocked} not fetched: robots.txt"));
    }
    writeln!(out, "{indent}{slug}: responses {}", parts.join(", "))?;
    if c.differ() {
        writeln!(
            out,
            "{indent}  the counts differ: {} response{} listed but not indexed{}{}",
            c.missing.len(),
            if c.missing.len() == 1 { "" } else { "s" },
            match blocked {
                0 => String::new(),
                1 => ", 1 not fetched because robots.txt disallows it".to_string(),
                n => format!(", {n} not fetched because robots.txt disallows them"),
            },
            match c.announced {
                Some(a) if a != c.indexed => format!(
                    ", and the site announces {a} where {} are indexed",
                    c.indexed
                ),
                _ => String::new(),
            }
        )?;
        let named = c
            .missing
            .iter()
            .map(|f| (f.url.as_str(), f.reason.as_str()))
            .chain(
                c.blocked_by_robots
                    .iter()
                    .map(|u| (u.as_str(), "not fetched: robots.txt disallows it")),
            );
        let all = c.missing.len() + blocked;
        for (url, why) in named.take(50) {
            writeln!(out, "{indent}    {url}  {why}")?;
        }
        if all > 50 {
            writeln!(out, "{indent}    ... and {} more", all - 50)?;
        }
    }
    Ok(())
}

/// Prints consultations found by `discover`, one a line: slug, status, closing date,
/// ministry and title.
pub fn print_discovered(found: &[FoundConsultation], out: &mut dyn Write) -> io::Result<()> {
    if found.is_empty() {
        return writeln!(out, "no consultations found");
    }
    let width = found.iter().map(|f| f.slug.len()).max().unwrap_or(4).max(4);
    writeln!(
        out,
        "{:<width$}  {:<9}  {:<10}  {:<40}  title",
        "slug", "status", "closes", "ministry"
    )?;
    for f in found {
        writeln!(
            out,
            "{:<width$}  {:<9}  {:<10}  {:<40}  {}",
            f.slug,
            f.status.as_deref().unwrap_or("-"),
            f.closing
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            f.ministry.as_deref().unwrap_or("-"),
            f.title
        )?;
    }
    Ok(())
}

/// Prints what an index build did.
pub fn print_index_summary(s: &IndexSummary, out: &mut dyn Write) -> io::Result<()> {
    let kinds: Vec<String> = s.by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    writeln!(
        out,
        "  index:      {} documents ({})",
        s.documents,
        kinds.join(", "),
    )?;
    writeln!(out, "  step:       {}", index_step_line(s))?;
    if !s.by_respondent.is_empty() {
        let types: Vec<String> = s
            .by_respondent
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        writeln!(out, "  respondents: {}", types.join(", "))?;
        let c = &s.campaigns;
        writeln!(
            out,
            "  campaigns:  {} ({} responses near-identical at Jaccard {}); {} responses signed, {} reused, {:.1} s",
            c.campaigns, c.members, c.threshold, c.sketched, c.reused, c.seconds
        )?;
    }
    if !s.failures.is_empty() {
        writeln!(out, "  not indexed: {}", s.failures.len())?;
        print_failures(&s.failures, out)?;
    }
    if !s.damaged.is_empty() {
        writeln!(
            out,
            "  damaged:    {} (indexed with the text that could be recovered)",
            s.damaged.len()
        )?;
        print_failures(&s.damaged, out)?;
    }
    Ok(())
}

/// What one index step changed and how long it took, on one line.
pub(crate) fn index_step_line(s: &IndexSummary) -> String {
    format!(
        "{}, {} units read, {} documents added, {} re-added, {} deleted, {} replaced, in {:.1} s",
        if s.full { "rebuilt" } else { "in place" },
        s.extracted,
        s.added,
        s.readded,
        s.deleted,
        s.replaced,
        s.seconds
    )
}

fn print_failures(list: &[Failure], out: &mut dyn Write) -> io::Result<()> {
    for f in list.iter().take(50) {
        writeln!(out, "    {}  {}", f.url, f.reason)?;
    }
    if list.len() > 50 {
        writeln!(
            out,
            "    ... and {} more (see `inspraak stats`)",
            list.len() - 50
        )?;
    }
    Ok(())
}
