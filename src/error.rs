//! One error type for the library. Each variant carries the URL or path it is about, so that a
//! failure recorded in the crawl state or printed to a user says where it happened.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A command-line or API argument that cannot be used as given.
    #[error("{0}")]
    Usage(String),
    /// A search query that does not parse; the message is one line meant for the user.
    #[error("query error: {0}")]
    Query(String),
    #[error("cannot read seed file {path}: {message}")]
    Seeds { path: PathBuf, message: String },
    #[error("{url}: {message}")]
    Fetch { url: String, message: String },
    #[error("{url}: page does not parse: {message}")]
    Unparsed { url: String, message: String },
    #[error("{url}: cannot extract text: {message}")]
    Extract { url: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("crawl state {path}: {source}")]
    State {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("index {path}: {source}")]
    Index {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    /// Another crawl, update or reindex is writing to the index folder.
    #[error("{path} is being written by {holder} (a crawl, update or reindex); try again when it has finished")]
    Locked { path: PathBuf, holder: String },
    #[error("archive {path}: {message}")]
    Archive { path: PathBuf, message: String },
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

    /// True for errors caused by what the user typed (exit code 2, HTTP 400).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::Usage(_) | Error::Query(_) | Error::Seeds { .. }
        )
    }
}
