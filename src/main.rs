//! The `inspraak` command: parses arguments and hands each subcommand to the library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

use clap::{Parser, Subcommand};
use inspraak::cli::{self, Format};
use inspraak::crawl::discover::StatusFilter;
use inspraak::crawl::{self, CrawlOptions, FetchConfig};
use inspraak::extract::worker::{self, Extractor};
use inspraak::index;
use inspraak::quotes::format::QuoteFormat;
use inspraak::search::{Engine, SearchRequest, Sort, DEFAULT_LIMIT};
use inspraak::seeds::Seeds;
use inspraak::server::{ExportFormat, ExportWriter};
use inspraak::store::DEFAULT_INDEX_DIR;
use inspraak::{Error, Kind};

#[derive(Parser)]
#[command(
    name = "inspraak",
    version,
    about = "Search the public responses to Dutch draft bills on internetconsultatie.nl"
)]
struct Cli {
    /// The index folder (tantivy index, crawl state and WARC archive).
    #[arg(long, global = true, env = "INSPRAAK_INDEX", default_value = DEFAULT_INDEX_DIR)]
    index: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Crawl consultations and responses into the archive and index them.
    Crawl {
        /// Seed files (TOML) listing consultations and URLs.
        seeds: Vec<PathBuf>,
        /// A consultation slug to crawl (repeatable).
        #[arg(long = "consultation", value_name = "SLUG")]
        consultations: Vec<String>,
        /// The site root (a mirror or a test server); allows private addresses.
        #[arg(long, value_name = "URL")]
        site: Option<String>,
        /// Also fetch report URLs on loopback and private addresses (local mirrors, tests);
        /// `--site` alone does not allow that.
        #[arg(long)]
        allow_private: bool,
        #[command(flatten)]
        fetch: FetchArgs,
    },
    /// Re-crawl every consultation in the index: new responses, withdrawals, changed pages.
    Update {
        /// The site root; by default the one the index was crawled from.
        #[arg(long, value_name = "URL")]
        site: Option<String>,
        /// Also delete the archived bodies of withdrawn responses (personal data).
        #[arg(long)]
        purge_withdrawn: bool,
        #[command(flatten)]
        fetch: FetchArgs,
    },
    /// Find consultations with the site's own search; optionally add them to a seed file.
    Discover {
        /// Words to search for in titles and texts.
        #[arg(required = true)]
        words: Vec<String>,
        #[arg(long, value_enum, default_value_t = StatusFilter::All)]
        status: StatusFilter,
        /// Append the consultations found to this seed file (created if missing).
        #[arg(long, value_name = "SEEDFILE")]
        add: Option<PathBuf>,
        /// The site root (a mirror or a test server); allows private addresses.
        #[arg(long, value_name = "URL")]
        site: Option<String>,
        /// Search pages to read at most (10 results each).
        #[arg(long, default_value_t = inspraak::crawl::discover::DEFAULT_DISCOVER_PAGES)]
        pages: u32,
        #[command(flatten)]
        fetch: FetchArgs,
    },
    /// Rebuild the search index from the archive, without the network.
    Reindex {
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
        /// Similarity (Jaccard of 5-word shingles, 0–1) at which responses are copies of one
        /// campaign; kept for later crawls and updates [default: 0.8].
        #[arg(long, value_name = "JACCARD")]
        campaign_threshold: Option<f64>,
        /// Bring the index in line with the archive in place, reading only what changed (the
        /// index step `crawl` and `update` run); a new campaign threshold still rebuilds all.
        #[arg(long)]
        in_place: bool,
    },
    /// Search the index.
    Search {
        #[command(flatten)]
        filters: Filters,
        #[arg(long, default_value_t = DEFAULT_LIMIT)]
        limit: usize,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// relevance or date.
        #[arg(long, default_value = "relevance")]
        sort: String,
        /// One hit per campaign of near-identical responses, with how many more it stands for.
        #[arg(long)]
        collapse: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Serve the JSON API and the search page.
    Serve {
        /// Address to listen on; loopback by default (the index holds personal data).
        #[arg(long, default_value = inspraak::server::DEFAULT_ADDR)]
        addr: std::net::SocketAddr,
        /// Allow this origin to call the API from a browser (CORS); none by default.
        #[arg(long, value_name = "ORIGIN")]
        cors: Option<String>,
        /// Search answers kept per index commit (dropped when an update commits); 0 keeps none.
        #[arg(long, value_name = "N", default_value_t = inspraak::search::DEFAULT_CACHE_ENTRIES)]
        cache_entries: usize,
    },
    /// Every document matching a query, with its full text (JSON lines or CSV), to stdout.
    Export {
        #[command(flatten)]
        filters: Filters,
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
    },
    /// Sentences to quote, with their citation: author, place, date, consultation, link.
    Quotes {
        #[command(flatten)]
        filters: Filters,
        #[arg(long, default_value_t = DEFAULT_LIMIT)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = QuoteFormat::Text)]
        format: QuoteFormat,
    },
    /// Campaigns of near-identical responses, largest first: size, dates, languages and the
    /// start of the representative text; with --id, one campaign with what each member adds.
    Campaigns {
        #[arg(long, value_name = "SLUG")]
        consultation: Option<String>,
        /// Only campaigns with at least this many responses.
        #[arg(long, default_value_t = 2)]
        min_size: u64,
        /// Campaigns to list at most.
        #[arg(long, default_value_t = inspraak::cli::DEFAULT_CAMPAIGNS)]
        limit: usize,
        /// One campaign whole: its representative text and each member's own sentences.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Organisations that responded, across consultations: their name variants, consultations
    /// and responses (private persons are never listed).
    Organisations {
        /// Only organisations that responded to this consultation.
        #[arg(long, value_name = "SLUG")]
        consultation: Option<String>,
        /// Only organisations that responded to at least this many consultations.
        #[arg(long, default_value_t = 1)]
        min_consultations: usize,
        /// One organisation: its responses across consultations, newest first.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Counts per consultation, kind and language, and the crawl's failures.
    Stats {
        #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
        format: StatsFormat,
    },
    /// Internal: extract PDF and Word files from stdin (run as a bounded child process).
    #[command(name = "extract-file", hide = true)]
    ExtractFile,
}

/// The filters of `search`, `export` and `quotes`.
#[derive(clap::Args)]
struct Filters {
    /// Words (all must match), "phrases", "near words"~N, prefix*, OR, -exclusion or NOT,
    /// field:value. Left out, every document that passes the filters is listed, newest first.
    #[arg(
        allow_hyphen_values = true,
        default_value = "",
        hide_default_value = true
    )]
    query: String,
    #[arg(long, value_name = "SLUG")]
    consultation: Option<String>,
    /// ISO 639-1 language code, or und.
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// consultation, response, attachment, document or report.
    #[arg(long)]
    kind: Option<String>,
    /// From this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Up to and including this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Only documents that cite this URL, DOI, Kamerstuk (32211-12) or dossier (32211);
    /// without a query, all of them.
    #[arg(long, value_name = "URL_OR_DOI")]
    cites: Option<String>,
    /// Only the responses of this campaign (an id from `inspraak campaigns`); without a
    /// query, all of them.
    #[arg(long, value_name = "ID")]
    campaign: Option<String>,
    /// organisation, individual or anonymous.
    #[arg(long, value_name = "TYPE")]
    respondent: Option<String>,
    /// Only the responses of this organisation (an id from `inspraak organisations`).
    #[arg(long, value_name = "ID")]
    organisation: Option<String>,
    /// Responses whose respondent left every answer empty: include (default), exclude, or
    /// only (then the query may be left out).
    #[arg(long, value_name = "include|exclude|only")]
    empty: Option<String>,
}

impl Filters {
    fn request(self) -> Result<SearchRequest, Error> {
        Ok(SearchRequest {
            query: self.query,
            consultation: self.consultation,
            lang: self.lang,
            kind: self
                .kind
                .as_deref()
                .map(Kind::parse)
                .transpose()
                .map_err(Error::Usage)?,
            cites: self.cites,
            campaign: self.campaign,
            organisation: self.organisation,
            respondent: self
                .respondent
                .as_deref()
                .map(inspraak::Respondent::parse)
                .transpose()
                .map_err(Error::Usage)?,
            empty: self
                .empty
                .as_deref()
                .map(inspraak::search::Empty::parse)
                .transpose()?
                .unwrap_or_default(),
            since: self.since.as_deref().map(cli::parse_date_arg).transpose()?,
            until: self.until.as_deref().map(cli::parse_date_arg).transpose()?,
            ..SearchRequest::default()
        })
    }
}

/// How politely and patiently to fetch (shared by `crawl` and `update`).
#[derive(clap::Args)]
struct FetchArgs {
    /// Requests in flight at most.
    #[arg(long, default_value_t = crawl::DEFAULT_CONCURRENCY)]
    concurrency: usize,
    /// Requests per second per host at most.
    #[arg(long, value_name = "PER_SECOND", default_value_t = crawl::DEFAULT_RATE)]
    rate: f64,
    /// The User-Agent, with a way to contact you.
    #[arg(long, default_value = crawl::DEFAULT_USER_AGENT)]
    user_agent: String,
    /// Retries of a request that timed out or got a 5xx or 429, with exponential backoff.
    #[arg(long, default_value_t = crawl::fetch::DEFAULT_RETRIES)]
    max_retries: u32,
    /// Seconds to wait for data from a server before the attempt counts as timed out.
    #[arg(long, value_name = "SECONDS", default_value_t = crawl::fetch::DEFAULT_READ_TIMEOUT.as_secs_f64())]
    timeout: f64,
    /// Seconds one request may take at most, body included, however steadily it trickles.
    #[arg(long, value_name = "SECONDS", default_value_t = crawl::fetch::DEFAULT_DEADLINE.as_secs_f64())]
    deadline: f64,
    /// Slowest average body rate accepted after the first 30 s, in bytes per second (0: any).
    #[arg(long, value_name = "BYTES_PER_SECOND", default_value_t = crawl::fetch::DEFAULT_MIN_RATE)]
    min_rate: u64,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

impl FetchArgs {
    fn config(&self) -> Result<FetchConfig, Error> {
        let positive = |x: f64| x > 0.0 && x.is_finite();
        if self.concurrency == 0
            || !positive(self.rate)
            || !positive(self.timeout)
            || !positive(self.deadline)
        {
            return Err(Error::Usage(
                "--concurrency, --rate, --timeout and --deadline must be above 0".into(),
            ));
        }
        Ok(FetchConfig {
            user_agent: self.user_agent.clone(),
            concurrency: self.concurrency,
            rate: self.rate,
            retries: self.max_retries,
            read_timeout: std::time::Duration::from_secs_f64(self.timeout),
            deadline: std::time::Duration::from_secs_f64(self.deadline),
            min_rate: self.min_rate,
            ..FetchConfig::default()
        })
    }
}

/// Runs a crawl or update, stopping cleanly on the first Ctrl-C (what was fetched is indexed)
/// and at once on the second.
fn run_crawl(
    index: PathBuf,
    site: Option<String>,
    fetch: &FetchArgs,
    progress: bool,
    out: &mut dyn Write,
    setup: impl FnOnce(&mut CrawlOptions),
) -> anyhow::Result<ExitCode> {
    let files = Extractor::current_exe()?;
    let lock = inspraak::store::WriteLock::acquire(&index)?;
    let root = index.clone();
    let mut opts = CrawlOptions::new(index);
    opts.site = site;
    opts.fetch = fetch.config()?;
    opts.progress = progress;
    setup(&mut opts);
    let json = fetch.json;
    let runtime = tokio::runtime::Runtime::new()?;
    let cancel = opts.cancel.clone();
    let held = &lock;
    let summary = runtime.block_on(async move {
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                cancel.store(true, Ordering::Relaxed);
                eprintln!(
                    "inspraak: stopping after the requests in flight, then indexing what was fetched (Ctrl-C again to quit at once)"
                );
                if tokio::signal::ctrl_c().await.is_ok() {
                    std::process::exit(130);
                }
            }
        });
        crawl::run(opts, held).await
    })?;
    let mut summary = summary;
    let step = index::BuildOptions {
        progress,
        full: false,
    };
    let indexed = index::update(&root, &files, step, &lock)?;
    summary.count_responses(&root, &indexed.without_text)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &cli::CrawlReport::new(&summary, &indexed))?;
        writeln!(out)?;
    } else {
        cli::print_crawl_summary(&summary, &indexed, out)?;
    }
    if summary.interrupted {
        return Ok(ExitCode::from(130));
    }
    if summary.nothing_fetched() && !summary.unresolved_hosts.is_empty() {
        eprintln!(
            "inspraak: nothing could be fetched: the network or DNS is unavailable (no host name resolved: {})",
            summary.unresolved_hosts.join(", ")
        );
        return Ok(ExitCode::from(1));
    }
    if summary.nothing_fetched() {
        eprintln!("inspraak: nothing could be fetched");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StatsFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, Command::ExtractFile) {
        return ExitCode::from(worker::run_helper() as u8);
    }
    let progress = std::io::stderr().is_terminal();
    let default_level = match cli.command {
        Command::Crawl { .. } | Command::Update { .. } | Command::Reindex { .. } if !progress => {
            "inspraak=info"
        }
        _ => "inspraak=warn",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_level)),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(cli, progress) {
        Ok(code) => code,
        // `inspraak search ... | head` closes the pipe early: that is not an error.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let user = e.downcast_ref::<Error>().is_some_and(Error::is_user_error);
            eprintln!("inspraak: {e:#}");
            ExitCode::from(if user { 2 } else { 1 })
        }
    }
}

fn run(cli: Cli, progress: bool) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Crawl {
            seeds,
            consultations,
            site,
            allow_private,
            fetch,
        } => {
            let mut all = Seeds::default();
            for path in &seeds {
                all.merge(Seeds::load(path)?);
            }
            if all.consultations.is_empty() && all.urls.is_empty() && consultations.is_empty() {
                return Err(Error::Usage(
                    "nothing to crawl: give a seed file or --consultation SLUG".into(),
                )
                .into());
            }
            return run_crawl(cli.index, site, &fetch, progress, &mut out, |opts| {
                opts.seeds = all;
                opts.consultations = consultations;
                opts.allow_private = allow_private;
            });
        }
        Command::Update {
            site,
            purge_withdrawn,
            fetch,
        } => {
            return run_crawl(cli.index, site, &fetch, progress, &mut out, |opts| {
                opts.update = true;
                opts.purge_withdrawn = purge_withdrawn;
            });
        }
        Command::Discover {
            words,
            status,
            add,
            site,
            pages,
            fetch,
        } => {
            let config = fetch.config()?;
            let runtime = tokio::runtime::Runtime::new()?;
            let found = runtime.block_on(inspraak::crawl::discover::discover(
                site.as_deref(),
                &words,
                status,
                config,
                pages,
            ))?;
            if fetch.json {
                serde_json::to_writer_pretty(&mut out, &found)?;
                writeln!(out)?;
            } else {
                cli::print_discovered(&found, &mut out)?;
            }
            if let Some(path) = add {
                let pairs: Vec<(String, String)> = found
                    .iter()
                    .map(|f| (f.slug.clone(), f.title.clone()))
                    .collect();
                let note = format!(
                    "added by `inspraak discover {}` on {}",
                    words.join(" "),
                    chrono::Utc::now().format("%Y-%m-%d")
                );
                let added = inspraak::seeds::append_consultations(&path, &pairs, &note)?;
                eprintln!(
                    "inspraak: {} consultation(s) added to {} ({} were there already)",
                    added.len(),
                    path.display(),
                    found.len() - added.len()
                );
            }
        }
        Command::Reindex {
            json,
            campaign_threshold,
            in_place,
        } => {
            if let Some(t) = campaign_threshold {
                index::build::set_campaign_threshold(&cli.index, t)?;
            }
            let lock = inspraak::store::WriteLock::acquire(&cli.index)?;
            let step = index::BuildOptions {
                progress,
                full: !in_place || campaign_threshold.is_some(),
            };
            let summary = index::update(&cli.index, &Extractor::current_exe()?, step, &lock)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &summary)?;
                writeln!(out)?;
            } else {
                cli::print_index_summary(&summary, &mut out)?;
            }
        }
        Command::Search {
            filters,
            limit,
            offset,
            sort,
            collapse,
            format,
        } => {
            let req = SearchRequest {
                limit,
                offset,
                collapse,
                sort: Sort::parse(&sort)?,
                ..filters.request()?
            };
            let engine = Engine::open(&cli.index)?;
            let resp = engine.search(&req)?;
            let color = format == Format::Text && std::io::stdout().is_terminal();
            cli::print_search(&resp, format, color, &mut out)?;
        }
        Command::Serve {
            addr,
            cors,
            cache_entries,
        } => {
            let cors = cors
                .map(|o| {
                    o.parse::<axum::http::HeaderValue>()
                        .map_err(|_| Error::Usage(format!("--cors {o}: not a valid origin")))
                })
                .transpose()?;
            let state = inspraak::server::AppState::open(&cli.index)?.with_cache(cache_entries);
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(inspraak::server::serve(state, addr, cors))?;
        }
        Command::Export { filters, format } => {
            let req = filters.request()?;
            let engine = Engine::open(&cli.index)?;
            let mut rows = ExportWriter::new(format);
            out.write_all(&rows.header())?;
            let mut failed = None;
            engine
                .export(&req, |doc| {
                    if let Err(e) = out.write_all(&rows.row(&doc)) {
                        failed = Some(e);
                        return Err(Error::Usage("output closed".into()));
                    }
                    Ok(())
                })
                .or_else(|e| if failed.is_some() { Ok(0) } else { Err(e) })?;
            if let Some(e) = failed {
                return Err(e.into());
            }
        }
        Command::Quotes {
            filters,
            limit,
            format,
        } => {
            let req = filters.request()?;
            let documents = Engine::open(&cli.index)?;
            let quotes = inspraak::quotes::search(&documents, &req, limit)?;
            out.write_all(inspraak::quotes::format::render(&quotes, format).as_bytes())?;
        }
        Command::Campaigns {
            consultation,
            min_size,
            limit,
            id,
            format,
        } => {
            let engine = Engine::open(&cli.index)?;
            match id {
                Some(id) => match engine.campaign(&id)? {
                    Some(c) => cli::print_campaign(&c, format, &mut out)?,
                    None => {
                        return Err(Error::Usage(format!(
                            "no campaign '{id}' (see `inspraak campaigns`)"
                        ))
                        .into())
                    }
                },
                None => {
                    let list = engine.campaigns(consultation.as_deref(), min_size, limit)?;
                    cli::print_campaigns(&list, format, &mut out)?;
                }
            }
        }
        Command::Organisations {
            consultation,
            min_consultations,
            id,
            format,
        } => {
            let engine = Engine::open(&cli.index)?;
            match id {
                Some(id) => match engine.organisation_detail(&id)? {
                    Some(d) => cli::print_organisation(&d, format, &mut out)?,
                    None => {
                        return Err(Error::Usage(format!(
                            "no organisation '{id}' (see `inspraak organisations`)"
                        ))
                        .into())
                    }
                },
                None => {
                    let list = engine.organisations(consultation.as_deref(), min_consultations)?;
                    cli::print_organisations(&list, format, &mut out)?;
                }
            }
        }
        Command::Stats { format } => {
            let stats = cli::stats(&Engine::open(&cli.index)?, &cli.index)?;
            match format {
                StatsFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &stats)?;
                    writeln!(out)?;
                }
                StatsFormat::Text => cli::print_stats(&stats, &mut out)?,
            }
        }
        Command::ExtractFile => unreachable!("handled before logging starts"),
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
