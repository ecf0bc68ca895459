//! One error type for the library. Each variant carries the URL or path it is about, so that a
//! failure recorded in the crawl state or printed to a user says where it happened.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A parameter whose value cannot be used: `name` is the parameter as the API's query
    /// string names it (the command line's option is `--` and the name), `message` says what
    /// is wrong and follows the name ("since 'soon' is not a date: use YYYY-MM-DD"). The
    /// command line and the server word it for their users.
    #[error("{name} {message}")]
    Parameter {
        /// The parameter, as the API names it.
        name: String,
        /// What is wrong, worded to follow the name.
        message: String,
    },
    /// Something asked for that cannot be done as asked: nothing to crawl, no such campaign.
    #[error("{0}")]
    Usage(String),
    /// A search query that does not parse; the message is one line meant for the user.
    #[error("query error: {0}")]
    Query(String),
    /// A seed file that cannot be read or does not parse.
    #[error("cannot read seed file {path}: {message}")]
    Seeds {
        /// The seed file.
        path: PathBuf,
        /// Why it cannot be used.
        message: String,
    },
    /// A fetch that failed for good (after its retries).
    #[error("{url}: {message}")]
    Fetch {
        /// The address fetched.
        url: String,
        /// The last attempt's failure.
        message: String,
    },
    /// A page of the site that does not have the markup it should.
    #[error("{url}: page does not parse: {message}")]
    Unparsed {
        /// The page's address.
        url: String,
        /// What the page lacks.
        message: String,
    },
    /// The HTTP client cannot be built (TLS, resolver): this machine's fault, not the user's.
    #[error("the HTTP client cannot be built: {0}")]
    Client(String),
    /// A file or folder that cannot be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The crawl state (`crawl.sqlite`) cannot be read or written.
    #[error("crawl state {path}: {source}")]
    State {
        /// The `crawl.sqlite` file.
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// The search index cannot be opened, read or written; `path` is its folder.
    #[error("index {path}: {source}")]
    Index {
        /// The search index's folder.
        path: PathBuf,
        /// What tantivy said.
        #[source]
        source: tantivy::TantivyError,
    },
    /// An index folder without a search index, or with one an earlier version wrote in
    /// another schema.
    #[error("no usable index in {path}: {message}")]
    NoIndex {
        /// The index folder.
        path: PathBuf,
        /// What it lacks.
        message: String,
    },
    /// Another crawl, update or reindex is writing to the index folder.
    #[error("{path} is being written by {holder} (a crawl, update or reindex); try again when it has finished")]
    Locked {
        /// The index folder.
        path: PathBuf,
        /// Who holds the lock (process id and command).
        holder: String,
    },
    /// A WARC file that cannot be read back or rewritten.
    #[error("archive {path}: {message}")]
    Archive {
        /// The WARC file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A thread of this process that stopped before its work was done.
    #[error("{0} stopped before its work was done")]
    Stopped(&'static str),
    /// The work was given up because whoever it was for went away (the reader of an export
    /// closed its pipe or its connection). Not a failure: nothing is left to report it to.
    #[error("cancelled: the reader went away")]
    Cancelled,
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A parameter's value that cannot be used (see [`Error::Parameter`]).
    pub fn parameter(name: &str, message: impl Into<String>) -> Self {
        Error::Parameter {
            name: name.to_string(),
            message: message.into(),
        }
    }

    /// Wraps an index error with the folder of the index it concerns.
    pub fn index(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Self {
        Error::Index {
            path: path.into(),
            source,
        }
    }

    /// True for errors caused by what the user typed (exit code 2, HTTP 400).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::Parameter { .. }
                | Error::Usage(_)
                | Error::Query(_)
                | Error::Seeds { .. }
                | Error::NoIndex { .. }
        )
    }
}
