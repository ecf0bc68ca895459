//! The command line's arguments: every subcommand and option as clap reads them (the library
//! does not depend on clap), the filters and politeness options several subcommands share, and
//! the reading of the arguments themselves (`--color` ahead of clap for its help, a value
//! outside an option's choices refused in one line).

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use inspraak::crawl::discover::StatusFilter;
use inspraak::crawl::{self, FetchConfig};
use inspraak::keyness::{CampaignCount, DEFAULT_TERMS};
use inspraak::output::{Color, ExportFormat, Format, QuoteFormat};
use inspraak::search::{By, RequestBuilder, SearchRequest, DEFAULT_LIMIT};
use inspraak::store::DEFAULT_INDEX_DIR;
use inspraak::Error;

#[derive(Parser)]
#[command(
    name = "inspraak",
    version,
    about = "Search the public responses to Dutch draft bills on internetconsultatie.nl"
)]
pub(crate) struct Cli {
    /// The index folder (tantivy index, crawl state and WARC archive).
    #[arg(long, global = true, env = "INSPRAAK_INDEX", default_value = DEFAULT_INDEX_DIR)]
    pub(crate) index: PathBuf,
    /// When to colour output: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto",
          value_parser = one_of::<Color>(Color::NAMES))]
    pub(crate) color: Color,
    #[command(subcommand)]
    pub(crate) command: Command,
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
pub(crate) enum Command {
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
    /// What sets the matching responses apart: the words and phrases over-represented in them
    /// against the other responses (keyness, Dunning's G2), each campaign counted once.
    Terms(TermsArgs),
    /// The matching documents per day, week or month, with how many are campaign copies.
    Timeline(TimelineArgs),
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
pub(crate) struct CrawlArgs {
    /// Seed files (TOML) listing consultations and URLs.
    pub(crate) seeds: Vec<PathBuf>,
    /// A consultation slug to crawl (repeatable).
    #[arg(long = "consultation", value_name = "SLUG")]
    pub(crate) consultations: Vec<String>,
    /// The site root (a mirror or a test server); allows private addresses.
    #[arg(long, value_name = "URL")]
    pub(crate) site: Option<String>,
    /// Also fetch report URLs on loopback and private addresses (local mirrors, tests);
    /// `--site` alone does not allow that.
    #[arg(long)]
    pub(crate) allow_private: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    #[command(flatten)]
    pub(crate) fetch: FetchArgs,
}

#[derive(clap::Args)]
pub(crate) struct UpdateArgs {
    /// The site root; by default the one the index was crawled from.
    #[arg(long, value_name = "URL")]
    pub(crate) site: Option<String>,
    /// Also delete the archived bodies of withdrawn responses (personal data).
    #[arg(long)]
    pub(crate) purge_withdrawn: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    #[command(flatten)]
    pub(crate) fetch: FetchArgs,
}

#[derive(clap::Args)]
pub(crate) struct DiscoverArgs {
    /// Words to search for in titles and texts.
    #[arg(required = true)]
    pub(crate) words: Vec<String>,
    #[arg(long, default_value = "all", value_parser = statuses())]
    pub(crate) status: StatusFilter,
    /// Append the consultations found to this seed file (created if missing).
    #[arg(long, value_name = "SEEDFILE")]
    pub(crate) add: Option<PathBuf>,
    /// The site root (a mirror or a test server); allows private addresses.
    #[arg(long, value_name = "URL")]
    pub(crate) site: Option<String>,
    /// Search pages to read at most (10 results each).
    #[arg(long, default_value_t = inspraak::crawl::discover::DEFAULT_DISCOVER_PAGES)]
    pub(crate) pages: u32,
    /// Print what was found as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    #[command(flatten)]
    pub(crate) fetch: FetchArgs,
}

#[derive(clap::Args)]
pub(crate) struct ReindexArgs {
    /// Print the summary as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    /// Similarity (Jaccard of 5-word shingles, 0–1) at which responses are copies of one
    /// campaign; kept for later crawls and updates [default: 0.8].
    #[arg(long, value_name = "JACCARD")]
    pub(crate) campaign_threshold: Option<f64>,
    /// Bring the index in line with the archive in place, reading only what changed (the
    /// index step `crawl` and `update` run); a new campaign threshold still rebuilds all.
    #[arg(long)]
    pub(crate) in_place: bool,
}

#[derive(clap::Args)]
pub(crate) struct SearchArgs {
    #[command(flatten)]
    pub(crate) filters: Filters,
    #[arg(long, default_value_t = DEFAULT_LIMIT)]
    pub(crate) limit: usize,
    #[arg(long, default_value_t = 0)]
    pub(crate) offset: usize,
    /// relevance or date.
    #[arg(long, default_value = "relevance")]
    pub(crate) sort: String,
    /// One hit per campaign of near-identical responses, with how many more it stands for.
    #[arg(long)]
    pub(crate) collapse: bool,
    #[arg(long, default_value = "text", value_parser = one_of::<Format>(Format::NAMES))]
    pub(crate) format: Format,
}

#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on; loopback by default (the index holds personal data).
    #[arg(long, default_value = inspraak::server::DEFAULT_ADDR)]
    pub(crate) addr: std::net::SocketAddr,
    /// Allow this origin to call the API from a browser (CORS); none by default.
    #[arg(long, value_name = "ORIGIN")]
    pub(crate) cors: Option<String>,
    /// Search answers kept per index commit (dropped when an update commits); 0 keeps none.
    #[arg(long, value_name = "N", default_value_t = inspraak::search::DEFAULT_CACHE_ENTRIES)]
    pub(crate) cache_entries: usize,
    /// For a server the public reaches: private persons are "an individual" (no name or
    /// place, in every answer), `author:` and name searches reach no private person, and each
    /// client is rate limited.
    #[arg(long)]
    pub(crate) public: bool,
    /// Requests per second one client may make (429 with Retry-After beyond it); with
    /// --public the default is 10, without it there is no limit unless given.
    #[arg(long, value_name = "PER_SECOND")]
    pub(crate) rate_limit: Option<f64>,
    /// Behind a reverse proxy: the client is the last address of X-Forwarded-For.
    #[arg(long)]
    pub(crate) trust_proxy: bool,
    /// Run `update` on this schedule while serving (30m, 90s, 2h, 1h30m); searches go on and
    /// see each new commit.
    #[arg(long, value_name = "INTERVAL", value_parser = inspraak::server::schedule::parse_interval)]
    pub(crate) update_every: Option<std::time::Duration>,
    /// With --update-every: the site root, by default the one the index was crawled from.
    #[arg(long, value_name = "URL", requires = "update_every")]
    pub(crate) site: Option<String>,
    /// With --update-every: also delete the archived bodies of withdrawn responses.
    #[arg(long, requires = "update_every")]
    pub(crate) purge_withdrawn: bool,
    #[command(flatten)]
    pub(crate) fetch: FetchArgs,
}

#[derive(clap::Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub(crate) filters: Filters,
    #[arg(long, default_value = "jsonl", value_parser = one_of::<ExportFormat>(ExportFormat::NAMES))]
    pub(crate) format: ExportFormat,
}

#[derive(clap::Args)]
pub(crate) struct QuotesArgs {
    #[command(flatten)]
    pub(crate) filters: Filters,
    #[arg(long, default_value_t = DEFAULT_LIMIT)]
    pub(crate) limit: usize,
    #[arg(long, default_value = "text", value_parser = one_of::<QuoteFormat>(QuoteFormat::NAMES))]
    pub(crate) format: QuoteFormat,
}

#[derive(clap::Args)]
pub(crate) struct TermsArgs {
    #[command(flatten)]
    pub(crate) filters: Filters,
    /// The background, as a query ('respondent:individual', 'consultation:SLUG', '*' for
    /// every response); by default the other responses of the matches' consultations.
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub(crate) against: Option<String>,
    /// once: a campaign of near-identical responses is one response in each set; each: every
    /// copy counts.
    #[arg(long, default_value = "once", value_name = "once|each",
          value_parser = one_of::<CampaignCount>(CampaignCount::NAMES))]
    pub(crate) campaigns: CampaignCount,
    /// Terms to list.
    #[arg(long, default_value_t = DEFAULT_TERMS)]
    pub(crate) limit: usize,
    #[arg(long, default_value = "text", value_parser = one_of::<Format>(Format::NAMES))]
    pub(crate) format: Format,
}

#[derive(clap::Args)]
pub(crate) struct TimelineArgs {
    #[command(flatten)]
    pub(crate) filters: Filters,
    /// The width of a bucket.
    #[arg(long, default_value = "day", value_parser = one_of::<By>(By::NAMES))]
    pub(crate) by: By,
    #[arg(long, default_value = "text", value_parser = one_of::<Format>(Format::NAMES))]
    pub(crate) format: Format,
}

#[derive(clap::Args)]
pub(crate) struct CampaignsArgs {
    #[arg(long, value_name = "SLUG")]
    pub(crate) consultation: Option<String>,
    /// Only campaigns with at least this many responses.
    #[arg(long, default_value_t = 2)]
    pub(crate) min_size: u64,
    /// Campaigns to list at most.
    #[arg(long, default_value_t = inspraak::search::DEFAULT_CAMPAIGNS)]
    pub(crate) limit: usize,
    /// One campaign whole: its representative text and each member's own sentences.
    #[arg(long, value_name = "ID")]
    pub(crate) id: Option<String>,
    #[arg(long, default_value = "text", value_parser = one_of::<Format>(Format::NAMES))]
    pub(crate) format: Format,
}

#[derive(clap::Args)]
pub(crate) struct OrganisationsArgs {
    /// Only organisations that responded to this consultation.
    #[arg(long, value_name = "SLUG")]
    pub(crate) consultation: Option<String>,
    /// Only organisations that responded to at least this many consultations.
    #[arg(long, default_value_t = 1)]
    pub(crate) min_consultations: usize,
    /// One organisation: its responses across consultations, newest first.
    #[arg(long, value_name = "ID")]
    pub(crate) id: Option<String>,
    /// Join two organisations that the rules keep apart. Kept in the index folder
    /// (organisations.json) and applied at every update; listed by `stats`.
    #[arg(long, num_args = 2, value_names = ["ID", "ID"], conflicts_with_all = ["id", "split"])]
    pub(crate) merge: Option<Vec<String>>,
    /// Take a name (as the organisation's variants write it) out of an organisation: the names
    /// that reduce to its key become an organisation of their own, which no rule joins again.
    #[arg(long, num_args = 2, value_names = ["ID", "NAME"], conflicts_with_all = ["id", "merge"])]
    pub(crate) split: Option<Vec<String>>,
    #[arg(long, default_value = "text", value_parser = one_of::<Format>(Format::NAMES))]
    pub(crate) format: Format,
}

#[derive(clap::Args)]
pub(crate) struct CompletionsArgs {
    pub(crate) shell: clap_complete::Shell,
}

#[derive(clap::Args)]
pub(crate) struct StatsArgs {
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub(crate) format: String,
}

/// The filters of `search`, `export` and `quotes`.
#[derive(clap::Args)]
pub(crate) struct Filters {
    /// Words (all must match), "phrases", "near words"~N, prefix*, OR, -exclusion or NOT,
    /// field:value. Left out, every document that passes the filters is listed, newest first.
    #[arg(
        allow_hyphen_values = true,
        default_value = "",
        hide_default_value = true
    )]
    pub(crate) query: String,
    #[arg(long, value_name = "SLUG")]
    pub(crate) consultation: Option<String>,
    /// ISO 639-1 language code, or und.
    #[arg(long, value_name = "CODE")]
    pub(crate) lang: Option<String>,
    /// consultation, response, attachment, document or report.
    #[arg(long)]
    pub(crate) kind: Option<String>,
    /// From this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub(crate) since: Option<String>,
    /// Up to and including this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub(crate) until: Option<String>,
    /// Only documents that cite this URL, DOI, Kamerstuk (32211-12) or dossier (32211);
    /// without a query, all of them.
    #[arg(long, value_name = "URL_OR_DOI")]
    pub(crate) cites: Option<String>,
    /// Only the responses of this campaign (an id from `inspraak campaigns`); without a
    /// query, all of them.
    #[arg(long, value_name = "ID")]
    pub(crate) campaign: Option<String>,
    /// organisation, individual or anonymous.
    #[arg(long, value_name = "TYPE")]
    pub(crate) respondent: Option<String>,
    /// Only the responses of this organisation (an id from `inspraak organisations`).
    #[arg(long, value_name = "ID")]
    pub(crate) organisation: Option<String>,
    /// Responses whose respondent left every answer empty: include (default), exclude, or
    /// only (then the query may be left out).
    #[arg(long, value_name = "include|exclude|only")]
    pub(crate) empty: Option<String>,
}

impl Filters {
    /// The filters, read by the library's request builder (as the API's are).
    pub(crate) fn builder(&self) -> Result<RequestBuilder, Error> {
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

    pub(crate) fn request(&self) -> Result<SearchRequest, Error> {
        Ok(self.builder()?.build())
    }
}

/// How politely and patiently to fetch (shared by `crawl`, `update` and `discover`).
#[derive(clap::Args)]
pub(crate) struct FetchArgs {
    /// Requests in flight at most.
    #[arg(long, default_value_t = crawl::DEFAULT_CONCURRENCY)]
    pub(crate) concurrency: usize,
    /// Requests per second per host at most.
    #[arg(long, value_name = "PER_SECOND", default_value_t = crawl::DEFAULT_RATE)]
    pub(crate) rate: f64,
    /// The User-Agent, with a way to contact you.
    #[arg(long, default_value = crawl::DEFAULT_USER_AGENT)]
    pub(crate) user_agent: String,
    /// Retries of a request that timed out or got a 5xx or 429, with exponential backoff.
    #[arg(long, default_value_t = crawl::fetch::DEFAULT_RETRIES)]
    pub(crate) max_retries: u32,
    /// Seconds to wait for data from a server before the attempt counts as timed out.
    #[arg(long, value_name = "SECONDS", default_value_t = crawl::fetch::DEFAULT_READ_TIMEOUT.as_secs_f64())]
    pub(crate) timeout: f64,
    /// Seconds one request may take at most, body included, however steadily it trickles.
    #[arg(long, value_name = "SECONDS", default_value_t = crawl::fetch::DEFAULT_DEADLINE.as_secs_f64())]
    pub(crate) deadline: f64,
    /// Slowest average body rate accepted after the first 30 s, in bytes per second (0: any).
    #[arg(long, value_name = "BYTES_PER_SECOND", default_value_t = crawl::fetch::DEFAULT_MIN_RATE)]
    pub(crate) min_rate: u64,
}

impl FetchArgs {
    pub(crate) fn config(&self) -> Result<FetchConfig, Error> {
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

/// Parses the arguments. Clap prints its help and errors while it parses, so `--color` is read
/// ahead of it for them; a value outside an option's choices is refused in one line, as the
/// library's refusals are.
pub(crate) fn parse(args: Vec<OsString>) -> Result<Cli, ExitCode> {
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
