//! The `inspraak` command: parses arguments and hands each subcommand to the library, one
//! function per subcommand. Errors are worded here for the command line: a parameter is named
//! by its option (`--since`), and a missing index says which command makes one.

mod args;
mod manual;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

use args::*;
use clap::CommandFactory;
use inspraak::crawl::CrawlOptions;
use inspraak::extract::worker::{self, Extractor};
use inspraak::index;
use inspraak::output::{self, Color, ExportWriter, Format};
use inspraak::search::Engine;
use inspraak::seeds::Seeds;
use inspraak::store::WriteLock;
use inspraak::Error;

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
        Command::Terms(args) => terms(index, args, &mut out)?,
        Command::Timeline(args) => timeline(index, args, &mut out)?,
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

fn terms(index: &Path, args: TermsArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let req = inspraak::keyness::TermsRequest {
        search: args.filters.request()?,
        against: args.against,
        campaigns: args.campaigns,
        limit: args.limit,
    };
    let answer = inspraak::keyness::terms(&Engine::open(index)?, &req)?;
    output::print_terms(&answer, args.format, out)?;
    Ok(ExitCode::SUCCESS)
}

fn timeline(index: &Path, args: TimelineArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let req = args.filters.request()?;
    let found = Engine::open(index)?.timeline(&req, args.by)?;
    output::print_timeline(&found, args.format, out)?;
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
    if let Some([a, b]) = args.merge.as_deref() {
        let merged = engine.merge_organisations(a, b)?;
        output::print_organisations(&[merged], args.format, out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some([id, name]) = args.split.as_deref() {
        let (rest, apart) = engine.split_organisation(id, name)?;
        output::print_organisations(&[rest, apart], args.format, out)?;
        return Ok(ExitCode::SUCCESS);
    }
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
