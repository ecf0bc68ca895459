//! A crawl and the index step after it, as one run under the index's write lock: what `crawl`
//! and `update` do on the command line and what a server does on its schedule
//! (`serve --update-every`). The crawl knows nothing of the index, so the step that joins them
//! lives here, above both.

use crate::crawl::{self, CrawlOptions, CrawlSummary};
use crate::error::Result;
use crate::extract::worker::Extractor;
use crate::index::{self, BuildOptions, IndexSummary};
use crate::store::WriteLock;

/// What one run did.
#[derive(Debug, Clone)]
pub struct Refreshed {
    /// The crawl, with each consultation's responses counted after the index step.
    pub crawl: CrawlSummary,
    /// The index step.
    pub index: IndexSummary,
}

/// Crawls as `opts` says, then brings the index in line with the archive, under `lock`; the
/// crawl runs on `runtime` (call this from a thread that may block). What was fetched before a
/// cancel or a failure mid-crawl is indexed all the same.
pub fn run(
    opts: CrawlOptions,
    files: &Extractor,
    lock: &WriteLock,
    runtime: &tokio::runtime::Handle,
    progress: bool,
) -> Result<Refreshed> {
    let root = opts.index_dir.clone();
    let mut summary = runtime.block_on(crawl::run(opts, lock))?;
    let step = BuildOptions {
        progress,
        full: false,
    };
    let indexed = index::update(&root, files, step, lock)?;
    summary.count_responses(&root, &indexed.without_text)?;
    Ok(Refreshed {
        crawl: summary,
        index: indexed,
    })
}
