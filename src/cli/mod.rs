//! What the command line prints: search results as text, JSON, JSON lines or CSV; the crawl
//! summary; index statistics. Kept apart from `main.rs` so that the formats can be tested and
//! reused (the server gives the same JSON).

mod organisations;
pub use organisations::{print_organisation, print_organisations};

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::crawl::CrawlSummary;
use crate::error::{Error, Result};
use crate::progress::Failure;
use crate::search::{Engine, Facets, SearchResponse};
use crate::store::state::{PageKind, State};
use crate::store::IndexPaths;

/// Output formats of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Csv,
}

/// Campaigns `inspraak campaigns` lists unless told otherwise.
pub const DEFAULT_CAMPAIGNS: usize = 100;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MARK: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// One value as indented JSON.
fn write_json<T: Serialize + ?Sized>(v: &T, out: &mut dyn Write) -> io::Result<()> {
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
            writeln!(
                out,
                "id,kind,response_id,consultation,consultation_title,author,place,date,lang,url,respondent,campaign,campaign_size,collapsed,score,snippet"
            )?;
            for h in &resp.hits {
                let score = h.score.map(|s| format!("{s:.4}")).unwrap_or_default();
                let size = h
                    .attribution
                    .campaign_size
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                let collapsed = h.collapsed.map(|n| n.to_string()).unwrap_or_default();
                // One line per row keeps the file friendly to line-based tools.
                let snippet = h
                    .snippet_plain
                    .0
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let row = [
                    h.attribution.id.as_str(),
                    h.attribution.kind.as_str(),
                    h.attribution.response_id.as_deref().unwrap_or(""),
                    h.attribution.consultation.as_str(),
                    h.attribution.consultation_title.as_str(),
                    h.attribution.author.as_deref().unwrap_or(""),
                    h.attribution.place.as_deref().unwrap_or(""),
                    h.attribution.date.as_deref().unwrap_or(""),
                    h.attribution.lang.as_str(),
                    h.attribution.url.as_str(),
                    h.attribution.respondent.as_deref().unwrap_or(""),
                    h.attribution.campaign.as_deref().unwrap_or(""),
                    size.as_str(),
                    collapsed.as_str(),
                    score.as_str(),
                    snippet.as_str(),
                ];
                csv_row(out, &row)?;
            }
            Ok(())
        }
        Format::Text => print_text(resp, color, out),
    }
}

fn counts(map: &std::collections::BTreeMap<String, u64>) -> String {
    let mut v: Vec<(&String, &u64)> = map.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A campaign's id, consultation, dates and languages on one line.
fn campaign_line(c: &crate::search::CampaignInfo) -> String {
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
    list: &[crate::search::CampaignInfo],
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
                csv_row(out, &row)?;
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
pub fn print_campaign(
    c: &crate::search::CampaignDetail,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(c, out),
        Format::Jsonl => write_jsonl(&c.members, out),
        Format::Csv => {
            writeln!(out, "id,author,place,date,lang,respondent,url,added")?;
            for m in &c.members {
                let a = &m.attribution;
                let added = m.added.join(" ");
                let row = [
                    a.id.as_str(),
                    a.author.as_deref().unwrap_or(""),
                    a.place.as_deref().unwrap_or(""),
                    a.date.as_deref().unwrap_or(""),
                    a.lang.as_str(),
                    a.respondent.as_deref().unwrap_or(""),
                    a.url.as_str(),
                    added.as_str(),
                ];
                csv_row(out, &row)?;
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

/// Quotes a CSV cell when it needs it (RFC 4180).
/// Writes one CSV row of cells.
fn csv_row<S: AsRef<str>>(out: &mut dyn Write, cells: &[S]) -> io::Result<()> {
    let cells: Vec<String> = cells.iter().map(|c| csv_cell(c.as_ref())).collect();
    writeln!(out, "{}", cells.join(","))
}

pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("{code}{s}{RESET}")
    } else {
        s.to_string()
    }
}

fn print_text(resp: &SearchResponse, color: bool, out: &mut dyn Write) -> io::Result<()> {
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
        let who = match (&h.attribution.author, &h.attribution.place) {
            (Some(a), Some(p)) => format!("{a}, {p}"),
            (Some(a), None) => a.clone(),
            (None, Some(p)) => p.clone(),
            (None, None) => "-".to_string(),
        };
        let mut head = format!("{} · {who}", h.attribution.kind);
        if let Some(d) = &h.attribution.date {
            head.push_str(&format!(" · {d}"));
        }
        head.push_str(&format!(" · {}", h.attribution.lang));
        if let Some(r) = &h.attribution.respondent {
            head.push_str(&format!(" · {r}"));
        }
        writeln!(out)?;
        writeln!(out, "{:>3}. {}", i + 1, paint(color, BOLD, &head))?;
        if let Some(t) = h
            .attribution
            .title
            .as_ref()
            .filter(|t| h.attribution.kind != "consultation" && !t.is_empty())
        {
            writeln!(out, "     {t}")?;
        }
        writeln!(
            out,
            "     {}",
            paint(
                color,
                DIM,
                &format!(
                    "{} ({})",
                    h.attribution.consultation_title, h.attribution.consultation
                )
            )
        )?;
        writeln!(out, "     {}", h.attribution.url)?;
        let (text, ranges) = &h.snippet_plain;
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
        let snippet = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
        if !snippet.is_empty() {
            writeln!(out, "     {snippet}")?;
        }
        if let (Some(c), Some(size)) = (&h.attribution.campaign, h.attribution.campaign_size) {
            let more = match h.collapsed {
                Some(n) if n > 0 => format!(
                    "and {n} near-identical {} here; ",
                    if n == 1 { "match" } else { "matches" }
                ),
                _ => String::new(),
            };
            writeln!(
                out,
                "     {}",
                paint(
                    color,
                    DIM,
                    &format!("{more}campaign {c}: {size} responses (--campaign {c})")
                )
            )?;
        }
    }
    Ok(())
}

/// A crawl's summary with the index step's, as `--json` prints them: the crawl's fields,
/// and the index step under `index`.
#[derive(Serialize)]
pub struct CrawlReport<'a> {
    #[serde(flatten)]
    pub crawl: &'a CrawlSummary,
    pub index: &'a crate::index::IndexSummary,
}

impl<'a> CrawlReport<'a> {
    pub fn new(crawl: &'a CrawlSummary, index: &'a crate::index::IndexSummary) -> Self {
        CrawlReport { crawl, index }
    }
}

/// Prints what a crawl and the index step after it did.
pub fn print_crawl_summary(
    s: &CrawlSummary,
    index: &crate::index::IndexSummary,
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
pub fn print_response_counts(
    slug: &str,
    c: &crate::crawl::counts::ResponseCounts,
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
    writeln!(out, "{indent}{slug}: responses {}", parts.join(", "))?;
    if c.differ() {
        writeln!(
            out,
            "{indent}  the counts differ: {} response{} listed but not indexed{}",
            c.missing.len(),
            if c.missing.len() == 1 { "" } else { "s" },
            match c.announced {
                Some(a) if a != c.indexed => format!(
                    ", and the site announces {a} where {} are indexed",
                    c.indexed
                ),
                _ => String::new(),
            }
        )?;
        for f in c.missing.iter().take(50) {
            writeln!(out, "{indent}    {}  {}", f.url, f.reason)?;
        }
        if c.missing.len() > 50 {
            writeln!(out, "{indent}    ... and {} more", c.missing.len() - 50)?;
        }
    }
    Ok(())
}

/// Prints consultations found by `discover`, one a line: slug, status, closing date,
/// ministry and title.
pub fn print_discovered(
    found: &[crate::extract::site::FoundConsultation],
    out: &mut dyn Write,
) -> io::Result<()> {
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
pub fn print_index_summary(s: &crate::index::IndexSummary, out: &mut dyn Write) -> io::Result<()> {
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
pub fn index_step_line(s: &crate::index::IndexSummary) -> String {
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

/// What `stats` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub documents: u64,
    pub consultations: BTreeMap<String, ConsultationStats>,
    pub kind: BTreeMap<String, u64>,
    pub lang: BTreeMap<String, u64>,
    /// Responses and attachments by respondent type.
    pub respondent: BTreeMap<String, u64>,
    pub crawl: CrawlStats,
    /// What the last index step did (`crawl`, `update` or `reindex`): documents added,
    /// re-added, deleted and replaced, and its seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_index_step: Option<crate::index::IndexSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsultationStats {
    pub title: String,
    pub documents: u64,
    /// Its responses: announced by the site, archived, indexed (with and without text),
    /// withdrawn, and the missing ones.
    pub responses: crate::crawl::counts::ResponseCounts,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct CrawlStats {
    /// URLs in the crawl state, by kind.
    pub urls: BTreeMap<String, u64>,
    /// URLs whose body is archived.
    pub archived: u64,
    /// Responses withdrawn from the site (and their attachments), no longer indexed.
    pub withdrawn: u64,
    /// URLs that could not be fetched or extracted, with the reason.
    pub failures: Vec<StatsFailure>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatsFailure {
    pub url: String,
    pub kind: String,
    pub reason: String,
}

/// Gathers statistics of an index folder through an open engine.
pub fn stats(engine: &Engine, root: &Path) -> Result<Stats> {
    let (
        documents,
        Facets {
            consultation,
            lang,
            kind,
            respondent,
            ..
        },
    ) = engine.counts()?;
    let titles = engine.consultation_titles()?;
    let state_path = IndexPaths::new(root).state();
    let state = state_path
        .exists()
        .then(|| State::open(&state_path))
        .transpose()?;
    let mut counts = match &state {
        Some(s) => crate::crawl::counts::from_state(s)?,
        None => BTreeMap::new(),
    };
    // The index is the truth for what is indexed; the state for what was archived, withdrawn
    // and is missing.
    for info in engine.consultations()? {
        let c = counts.entry(info.slug).or_default();
        c.announced = info.announced;
        c.indexed = info.responses;
        c.without_text = info.responses_without_text;
    }
    let consultations = consultation
        .into_iter()
        .map(|(slug, n)| {
            let title = titles.get(&slug).cloned().unwrap_or_default();
            let responses = counts.remove(&slug).unwrap_or_default();
            (
                slug,
                ConsultationStats {
                    title,
                    documents: n,
                    responses,
                },
            )
        })
        .collect();
    let mut crawl = CrawlStats::default();
    let last_index_step = match &state {
        Some(s) => s
            .meta(crate::index::build::LAST_STEP_KEY)?
            .and_then(|j| serde_json::from_str(&j).ok()),
        None => None,
    };
    if let Some(state) = state {
        for k in [
            PageKind::Consultation,
            PageKind::Listing,
            PageKind::Response,
            PageKind::Attachment,
            PageKind::Document,
            PageKind::Report,
            PageKind::ReportFile,
        ] {
            let mut n = 0;
            state.each_of_kind(k, |rec| {
                n += 1;
                if rec.is_stored() {
                    crawl.archived += 1;
                }
                if rec.withdrawn_at.is_some() && k == PageKind::Response {
                    crawl.withdrawn += 1;
                }
                Ok(())
            })?;
            if n > 0 {
                crawl.urls.insert(k.as_str().to_string(), n);
            }
        }
        for rec in state.failures()? {
            crawl.failures.push(StatsFailure {
                url: rec.url,
                kind: rec.kind.as_str().to_string(),
                reason: rec.error.or(rec.extract_error).unwrap_or_default(),
            });
        }
    }
    Ok(Stats {
        documents,
        consultations,
        kind,
        lang,
        respondent,
        crawl,
        last_index_step,
    })
}

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
    writeln!(
        out,
        "\ncrawl: {urls} URLs known, {} archived, {} withdrawn, {} failed",
        s.crawl.archived,
        s.crawl.withdrawn,
        s.crawl.failures.len()
    )?;
    for f in &s.crawl.failures {
        writeln!(out, "  {} ({}): {}", f.url, f.kind, f.reason)?;
    }
    Ok(())
}

/// Parses a `YYYY-MM-DD` date argument.
pub fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Error::Usage(format!("'{s}' is not a date: use YYYY-MM-DD")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"no\"\n"), "\"say \"\"no\"\"\n\"");
    }

    #[test]
    fn date_arguments() {
        assert!(parse_date_arg("2025-10-01").is_ok());
        assert!(parse_date_arg("1 oktober 2025").is_err());
        assert!(parse_date_arg("2025-13-01").is_err());
    }
}
