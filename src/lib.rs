//! inspraak: a search engine for the public responses to Dutch draft bills on
//! internetconsultatie.nl. The pipeline runs crawl → archive → extract → lang → index → search;
//! each stage is its own module so later stages (server, quotes, reports) can reuse the earlier
//! ones without going through the command line.

#![warn(missing_docs)]
#![warn(unreachable_pub)]

pub mod campaigns;
pub mod crawl;
mod error;
pub mod extract;
pub(crate) mod feed;
pub mod index;
pub mod keyness;
pub mod lang;
pub(crate) mod organisations;
pub mod output;
pub(crate) mod progress;
pub mod quotes;
pub mod refresh;
pub mod respondent;
pub mod search;
pub mod seeds;
pub mod server;
pub mod stats;
pub mod store;
pub mod text;

pub use crawl::{CrawlOptions, CrawlSummary};
pub use error::{Error, Result};
pub use extract::{Document, Kind};
pub use respondent::Respondent;
pub use search::{SearchRequest, SearchResponse};
