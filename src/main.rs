//! The `inspraak` command: parses arguments and hands each subcommand to the library, one
//! function per subcommand. Errors are worded here for the command line: a parameter is named
//! by its option (`--since`), and a missing index says which command makes one.

mod manual;

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::atomic::Ordering;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use inspraak::crawl::discover::StatusFilter;
use inspraak::crawl::{self, CrawlOptions, FetchConfig};
use inspraak::extract::worker::{self, Extractor};
use inspraak::index;
use inspraak::output::{self, Color, ExportFormat, ExportWriter, Format, QuoteFormat};
use inspraak::search::{Engine, RequestBuilder, SearchRequest, DEFAULT_LIMIT};
use inspraak::seeds::Seeds;
use inspraak::store::{WriteLock, DEFAULT_INDEX_DIR};
use inspraak::Error;

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
    /// When to colour output: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto",
          value_parser = one_of::<Color>(Color::NAMES))]
    color: Color,
    #[command(subcommand)]
    command: Command,
}

/// A value parser for a library enum: clap lists `names` in the help and refuses others, and
/// the enum's own `FromStr` reads the one given (the library does not depend on clap).
fn one_of<T>(names: &'static [&'static str]) -> impl TypedValueParser<Value = T>
where
    T: FromStr<Err = String> + Clone + Send + Sync + 'static,
{
    PossibleValuesParser::new(names).try_map(|s| s.parse::<T>())
}

/// `discover --status`, with what each value keeps.
fn statuses() -> impl TypedValueParser<Value = StatusFilter> {
    PossibleValuesParser::new([
        PossibleValue::new("open").help("Open for responses (\"Actief\")"),
        PossibleValue::new("closed").help("Closed (\"Gesloten\")"),
        PossibleValue::new("all"),
    ])
    .try_map(|s| s.parse::<StatusFilter>())
}

#[derive(Subcommand)]
enum Command {
    /// Crawl consultations and responses into the archive and index them.
    Crawl(CrawlArgs),
    /// Re-crawl every consultation in the index: new responses, withdrawals, changed pages.
    Update(UpdateArgs),
    /// Find consultations with the site's own search; optionally add them to a seed file.
    Discover(DiscoverArgs),
    /// Rebuild the search index from the archive, without the network.
    Reindex(ReindexArgs),
    /// Search the index.
    Search(SearchArgs),
    /// Serve the JSON API and the search page.
    Serve(ServeArgs),
    /// Every document matching a query, with its full text (JSON lines or CSV), to stdout.
    Export(ExportArgs),
    /// Sentences to quote, with their citation: author, place, date, consultation, link.
    Quotes(QuotesArgs),
    /// Campaigns of near-identical responses, largest first: size, dates, languages and the
    /// start of the representative text; with --id, one campaign with what each member adds.
    Campaigns(CampaignsArgs),
    /// Organisations that responded, across consultations: their name variants, consultations
    /// and responses (private persons are never listed).
    Organisations(OrganisationsArgs),
    /// Counts per consultation, kind and language, and the crawl's failures.
    Stats(StatsArgs),
    /// Print the completion script of a shell to stdout.
    Completions(CompletionsArgs),
    /// Print the man page (roff) of inspraak and every command to stdout.
    Man,
    /// Internal: extract PDF and Word files from stdin (run as a bounded child process).
    #[command(name = "extract-file", hide = true)]
    ExtractFile,
}

#[derive(clap::Args)]
struct CrawlArgs {
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
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(clap::Args)]
struct UpdateArgs {
    /// The site root; by default the one the index was crawled from.
    #[arg(long, value_name = "URL")]
    site: Option<String>,
    /// Also delete the archived bodies of withdrawn responses (personal data).
    #[arg(long)]
    purge_withdrawn: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(clap::Args)]
struct DiscoverArgs {
    /// Words to search for in titles and texts.
    #[arg(required = true)]
    words: Vec<String>,
    #[arg(long, default_value = "all", value_parser = statuses())]
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
    /// Print what was found as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(clap::Args)]
struct ReindexArgs {
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
}

#[derive(clap::Args)]
struct SearchArgs {
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
    #[arg(long, default_value = "text", value_parser = one_of::<Format>(Format::NAMES))]
    format: Format,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on; loopback by default (the index holds personal data).
    #[arg(long, default_value = inspraak::server::DEFAULT_ADDR)]
    addr: std::net::SocketAddr,
    /// Allow this origin to call the API from a browser (CORS); none by default.
    #[arg(long, value_name = "ORIGIN")]
    cors: Option<String>,
    /// Search answers kept per index commit (dropped when an update commits); 0 keeps none.
    #[arg(long, value_name = "N", default_value_t = inspraak::search::DEFAULT_CACHE_ENTRIES)]
    cache_entries: usize,
    /// For a server the public reaches: private persons are "an individual" (no name or
    /// place, in every answer), `author:` and name searches reach no private person, and each
    /// client is rate limited.
    #[arg(long)]
    public: bool,
    /// Requests per second one client may make (429 with Retry-After beyond it); with
    /// --public the default is 10, without it there is no limit unless given.
    #[arg(long, value_name = "PER_SECOND")]
    rate_limit: Option<f64>,
    /// Behind a reverse proxy: the client is the last address of X-Forwarded-For.
    #[arg(long)]
    trust_proxy: bool,
    /// Run `update` on this schedule while serving (30m, 90s, 2h, 1h30m); searches go on and
    /// see each new commit.
    #[arg(long, value_name = "INTERVAL", value_parser = inspraak::server::schedule::parse_interval)]
    update_every: Option<std::time::Duration>,
    /// With --update-every: the site root, by default the one the index was crawled from.
    #[arg(long, value_name = "URL", requires = "update_every")]
    site: Option<String>,
    /// With --update-every: also delete the archived bodies of withdrawn responses.
    #[arg(long, requires = "update_every")]
    purge_withdrawn: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(clap::Args)]
struct ExportArgs {
    #[command(flatten)]
    filters: Filters,
    #[arg(long, default_value = "jsonl", value_parser = one_of::<ExportFormat>(ExportFormat::NAMES))]
    format: ExportFormat,
}

#[derive(clap::Args)]
struct QuotesArgs {
    #[command(flatten)]
    filters: Filters,
    #[arg(long, default_value_t = DEFAULT_LIMIT)]
    limit: usize,
    #[arg(long, default_value = "text", value_parser = one_of::<QuoteFormat>(QuoteFormat::NAMES))]
    format: QuoteFormat,
}

#[derive(clap::Args)]
struct CampaignsArgs {
    #[arg(long, value_name = "SLUG")]
    consultation: Option<String>,
    /// Only campaigns with at least this many responses.
    #[arg(long, default_value_t = 2)]
    min_size: u64,
    /// Campaigns to list at most.
    #[arg(long, default_value_t = inspraak::search::DEFAULT_CAMPAIGNS)]
    limit: usize,
    /// One campaign whole: its representative text and each member's own sentences.
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    #[arg(long, default_value = "text", value_parser = one_of::<Format>(Format::NAMES))]
    format: Format,
}

#[derive(clap::Args)]
struct OrganisationsArgs {
    /// Only organisations that responded to this consultation.
    #[arg(long, value_name = "SLUG")]
    consultation: Option<String>,
    /// Only organisations that responded to at least this many consultations.
    #[arg(long, default_value_t = 1)]
    min_consultations: usize,
    /// One organisation: its responses across consultations, newest first.
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    #[arg(long, default_value = "text", value_parser = one_of::<Format>(Format::NAMES))]
    format: Format,
}

#[derive(clap::Args)]
struct CompletionsArgs {
    shell: clap_complete::Shell,
}

#[derive(clap::Args)]
struct StatsArgs {
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    format: String,
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
    /// The filters, read by the library's request builder (as the API's are).
    fn builder(&self) -> Result<RequestBuilder, Error> {
        let mut b = RequestBuilder::new();
        b.set_all([
            ("q", Some(self.query.as_str())),
            ("consultation", self.consultation.as_deref()),
            ("lang", self.lang.as_deref()),
            ("kind", self.kind.as_deref()),
            ("since", self.since.as_deref()),
            ("until", self.until.as_deref()),
            // Pasted with the spaces around it, a citation is still the citation.
            ("cites", self.cites.as_deref().map(str::trim)),
            ("campaign", self.campaign.as_deref()),
            ("respondent", self.respondent.as_deref()),
            ("organisation", self.organisation.as_deref()),
            ("empty", self.empty.as_deref()),
        ])?;
        Ok(b)
    }

    fn request(&self) -> Result<SearchRequest, Error> {
        Ok(self.builder()?.build())
    }
}

/// How politely and patiently to fetch (shared by `crawl`, `update` and `discover`).
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

fn main() -> ExitCode {
    let cli = match parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if matches!(cli.command, Command::ExtractFile) {
        return ExitCode::from(worker::run_helper() as u8);
    }
    let progress = std::io::stderr().is_terminal();
    let default_level = match cli.command {
        Command::Crawl(_) | Command::Update(_) | Command::Reindex(_) if !progress => {
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
        .with_ansi(cli.color.stderr())
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
            eprintln!("inspraak: {}", describe(&e));
            ExitCode::from(if user { 2 } else { 1 })
        }
    }
}

/// Parses the arguments. Clap prints its help and errors while it parses, so `--color` is read
/// ahead of it for them; a value outside an option's choices is refused in one line, as the
/// library's refusals are.
fn parse(args: Vec<OsString>) -> Result<Cli, ExitCode> {
    let choice = match color_given(&args) {
        Color::Auto => clap::ColorChoice::Auto,
        Color::Always => clap::ColorChoice::Always,
        Color::Never => clap::ColorChoice::Never,
    };
    let matches = Cli::command().color(choice).try_get_matches_from(args);
    matches
        .and_then(|m| Cli::from_arg_matches(&m))
        .map_err(|e| match refused_value(&e) {
            Some(line) => {
                eprintln!("inspraak: {line}");
                ExitCode::from(2)
            }
            None => e.exit(),
        })
}

/// The last valid `--color` before a `--`; auto without one (clap refuses a wrong one).
fn color_given(args: &[OsString]) -> Color {
    let mut color = Color::Auto;
    let mut args = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--" => break,
            "--color" => args.next(),
            other => other.strip_prefix("--color=").map(str::to_owned),
        };
        if let Some(c) = value.and_then(|v| v.parse().ok()) {
            color = c;
        }
    }
    color
}

/// A value outside an option's choices, in one line: `--color 'sometimes' is unknown (use
/// auto, always or never)`.
fn refused_value(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let (
        ErrorKind::InvalidValue,
        Some(ContextValue::String(arg)),
        Some(ContextValue::String(value)),
        Some(ContextValue::Strings(choices)),
    ) = (
        e.kind(),
        e.get(ContextKind::InvalidArg),
        e.get(ContextKind::InvalidValue),
        e.get(ContextKind::ValidValue),
    )
    else {
        return None;
    };
    // Clap names an option with its value's name (`--color <WHEN>`), an argument by its
    // value's name alone (`<SHELL>`).
    let name = match arg.split_once(' ') {
        Some((option, _)) => option.to_string(),
        None => arg.trim_matches(['<', '>']).to_lowercase(),
    };
    let choices: Vec<&str> = choices.iter().map(String::as_str).collect();
    let choices = inspraak::text::either(&choices);
    Some(if value.is_empty() {
        format!("{name} needs a value (use {choices})")
    } else {
        format!("{name} '{value}' is unknown (use {choices})")
    })
}

/// An error as the command line words it: a parameter by the option that sets it, a folder
/// without an index with the commands that make one.
fn describe(e: &anyhow::Error) -> String {
    match e.downcast_ref::<Error>() {
        Some(Error::Parameter { name, message }) if name == "q" => format!("the query {message}"),
        Some(Error::Parameter { name, message }) => {
            format!("--{} {message}", name.replace('_', "-"))
        }
        Some(Error::NoIndex { path, message }) => format!(
            "no usable index in {}: {message} (run `inspraak crawl` first, or pass --index; \
             an index from an older version needs `inspraak reindex`)",
            path.display()
        ),
        _ => format!("{e:#}"),
    }
}

/// Runs the subcommand, with standard output for its answer.
fn run(cli: Cli, progress: bool) -> anyhow::Result<ExitCode> {
    let index = cli.index.as_path();
    let color = cli.color;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = match cli.command {
        Command::Crawl(args) => crawl(index, args, progress, &mut out)?,
        Command::Update(args) => update(index, args, progress, &mut out)?,
        Command::Discover(args) => discover(args, &mut out)?,
        Command::Reindex(args) => reindex(index, args, progress, &mut out)?,
        Command::Search(args) => search(index, args, color, &mut out)?,
        Command::Serve(args) => serve(index, args)?,
        Command::Export(args) => export(index, args, &mut out)?,
        Command::Quotes(args) => quotes(index, args, &mut out)?,
        Command::Campaigns(args) => campaigns(index, args, &mut out)?,
        Command::Organisations(args) => organisations(index, args, &mut out)?,
        Command::Stats(args) => stats(index, args, &mut out)?,
        Command::Completions(args) => completions(args, &mut out)?,
        Command::Man => man(&mut out)?,
        Command::ExtractFile => unreachable!("handled before logging starts"),
    };
    out.flush()?;
    Ok(code)
}

fn crawl(
    index: &Path,
    args: CrawlArgs,
    progress: bool,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut all = Seeds::default();
    for path in &args.seeds {
        all.merge(Seeds::load(path)?);
    }
    if all.consultations.is_empty() && all.urls.is_empty() && args.consultations.is_empty() {
        return Err(Error::Usage(
            "nothing to crawl: give a seed file or --consultation SLUG".into(),
        )
        .into());
    }
    run_crawl(
        index,
        args.site,
        &args.fetch,
        args.json,
        progress,
        out,
        |opts| {
            opts.seeds = all;
            opts.consultations = args.consultations;
            opts.allow_private = args.allow_private;
        },
    )
}

fn update(
    index: &Path,
    args: UpdateArgs,
    progress: bool,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    run_crawl(
        index,
        args.site,
        &args.fetch,
        args.json,
        progress,
        out,
        |opts| {
            opts.update = true;
            opts.purge_withdrawn = args.purge_withdrawn;
        },
    )
}

/// Runs a crawl or update, then the index step under the same write lock, stopping cleanly on
/// the first Ctrl-C (what was fetched is indexed) and at once on the second.
fn run_crawl(
    index: &Path,
    site: Option<String>,
    fetch: &FetchArgs,
    json: bool,
    progress: bool,
    out: &mut dyn Write,
    setup: impl FnOnce(&mut CrawlOptions),
) -> anyhow::Result<ExitCode> {
    let files = Extractor::current_exe()?;
    let lock = WriteLock::acquire(index)?;
    let mut opts = CrawlOptions::new(index.to_path_buf());
    opts.site = site;
    opts.fetch = fetch.config()?;
    opts.progress = progress;
    setup(&mut opts);
    let runtime = tokio::runtime::Runtime::new()?;
    let cancel = opts.cancel.clone();
    runtime.spawn(async move {
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
    let inspraak::refresh::Refreshed {
        crawl: summary,
        index: indexed,
    } = inspraak::refresh::run(opts, &files, &lock, runtime.handle(), progress)?;
    if json {
        output::write_json(&output::CrawlReport::new(&summary, &indexed), out)?;
    } else {
        output::print_crawl_summary(&summary, &indexed, out)?;
    }
    if summary.interrupted {
        return Ok(ExitCode::from(130));
    }
    if summary.nothing_fetched() {
        if summary.unresolved_hosts.is_empty() {
            eprintln!("inspraak: nothing could be fetched");
        } else {
            eprintln!(
                "inspraak: nothing could be fetched: the network or DNS is unavailable (no host name resolved: {})",
                summary.unresolved_hosts.join(", ")
            );
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn discover(args: DiscoverArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let config = args.fetch.config()?;
    let runtime = tokio::runtime::Runtime::new()?;
    let found = runtime.block_on(inspraak::crawl::discover::discover(
        args.site.as_deref(),
        &args.words,
        args.status,
        config,
        args.pages,
    ))?;
    if args.json {
        output::write_json(&found, out)?;
    } else {
        output::print_discovered(&found, out)?;
    }
    if let Some(path) = args.add {
        let pairs: Vec<(String, String)> = found
            .iter()
            .map(|f| (f.slug.clone(), f.title.clone()))
            .collect();
        let note = format!(
            "added by `inspraak discover {}` on {}",
            args.words.join(" "),
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
    Ok(ExitCode::SUCCESS)
}

fn reindex(
    index: &Path,
    args: ReindexArgs,
    progress: bool,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if let Some(t) = args.campaign_threshold {
        index::build::set_campaign_threshold(index, t)?;
    }
    let lock = WriteLock::acquire(index)?;
    let step = index::BuildOptions {
        progress,
        full: !args.in_place || args.campaign_threshold.is_some(),
    };
    let summary = index::update(index, &Extractor::current_exe()?, step, &lock)?;
    if args.json {
        output::write_json(&summary, out)?;
    } else {
        output::print_index_summary(&summary, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn search(
    index: &Path,
    args: SearchArgs,
    color: Color,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut b = args.filters.builder()?;
    b.set_all([
        ("limit", Some(args.limit.to_string().as_str())),
        ("offset", Some(args.offset.to_string().as_str())),
        ("sort", Some(args.sort.as_str())),
        (
            "collapse",
            Some(if args.collapse { "true" } else { "false" }),
        ),
    ])?;
    let resp = Engine::open(index)?.search(&b.build())?;
    let color = args.format == Format::Text && color.stdout();
    output::print_search(&resp, args.format, color, out)?;
    Ok(ExitCode::SUCCESS)
}

fn serve(index: &Path, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let cors = args
        .cors
        .map(|o| {
            o.parse::<axum::http::HeaderValue>()
                .map_err(|_| Error::Usage(format!("--cors {o}: not a valid origin")))
        })
        .transpose()?;
    let rate_limit = match args.rate_limit {
        Some(r) if !(r > 0.0 && r.is_finite()) => {
            return Err(Error::Usage("--rate-limit must be above 0".into()).into())
        }
        Some(r) => Some(r),
        None if args.public => Some(inspraak::server::DEFAULT_RATE_LIMIT),
        None => None,
    };
    let options = inspraak::server::ServeOptions {
        cors,
        cache_entries: args.cache_entries,
        public: args.public,
        rate_limit,
        trust_proxy: args.trust_proxy,
    };
    let schedule = match args.update_every {
        Some(every) => Some(inspraak::server::schedule::Schedule {
            every,
            site: args.site,
            fetch: args.fetch.config()?,
            purge_withdrawn: args.purge_withdrawn,
        }),
        None => None,
    };
    let state = inspraak::server::AppState::with_options(index, options)?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(inspraak::server::serve(state, args.addr, schedule))?;
    // An update under way was asked to stop after its requests in flight.
    runtime.shutdown_timeout(std::time::Duration::from_secs(60));
    Ok(ExitCode::SUCCESS)
}

fn export(index: &Path, args: ExportArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let req = args.filters.request()?;
    let engine = Engine::open(index)?;
    let mut rows = ExportWriter::new(args.format);
    out.write_all(&rows.header())?;
    // A write that fails (`| head` closed the pipe) gives up the export; the write's own
    // error is what this run ends with.
    let mut failed = None;
    let result = engine.export(&req, |doc| {
        out.write_all(&rows.row(&doc)).map_err(|e| {
            failed = Some(e);
            Error::Cancelled
        })
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    result?;
    Ok(ExitCode::SUCCESS)
}

fn quotes(index: &Path, args: QuotesArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let req = args.filters.request()?;
    let found = inspraak::quotes::search(&Engine::open(index)?, &req, args.limit)?;
    out.write_all(output::render_quotes(&found, args.format).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn campaigns(index: &Path, args: CampaignsArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(index)?;
    match args.id {
        Some(id) => match engine.campaign(&id)? {
            Some(c) => output::print_campaign(&c, args.format, out)?,
            None => {
                let message = format!("no campaign '{id}' (see `inspraak campaigns`)");
                return Err(Error::Usage(message).into());
            }
        },
        None => {
            let list = engine.campaigns(args.consultation.as_deref(), args.min_size, args.limit)?;
            output::print_campaigns(&list, args.format, out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn organisations(
    index: &Path,
    args: OrganisationsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let engine = Engine::open(index)?;
    match args.id {
        Some(id) => match engine.organisation_detail(&id)? {
            Some(d) => output::print_organisation(&d, args.format, out)?,
            None => {
                let message = format!("no organisation '{id}' (see `inspraak organisations`)");
                return Err(Error::Usage(message).into());
            }
        },
        None => {
            let list =
                engine.organisations(args.consultation.as_deref(), args.min_consultations)?;
            output::print_organisations(&list, args.format, out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn stats(index: &Path, args: StatsArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let stats = inspraak::stats::gather(&Engine::open(index)?, index)?;
    if args.format == "json" {
        output::write_json(&stats, out)?;
    } else {
        output::print_stats(&stats, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn completions(args: CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    manual::completions(args.shell, Cli::command(), out)?;
    Ok(ExitCode::SUCCESS)
}

fn man(out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    manual::man(Cli::command(), out)?;
    Ok(ExitCode::SUCCESS)
}
