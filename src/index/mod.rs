//! The index folder holds everything a crawl produces: the tantivy index (`tantivy/`), the
//! crawl state (`crawl.sqlite`) and the WARC archive (`archive/`). This module knows that layout,
//! the schema with its per-language analyzers (`schema`) and how documents are written
//! (`writer`).

pub mod schema;
pub mod writer;

use std::path::{Path, PathBuf};

use tantivy::Index;

use crate::error::{Error, Result};
pub use schema::Fields;
pub use writer::{rebuild, IndexSummary};

/// Where the index lives unless `--index` or `INSPRAAK_INDEX` says otherwise.
pub const DEFAULT_INDEX_DIR: &str = "index";

/// The paths inside an index folder.
#[derive(Debug, Clone)]
pub struct IndexPaths {
    root: PathBuf,
}

impl IndexPaths {
    pub fn new(root: &Path) -> IndexPaths {
        IndexPaths {
            root: root.to_path_buf(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The tantivy index.
    pub fn tantivy(&self) -> PathBuf {
        self.root.join("tantivy")
    }

    /// The crawl state database.
    pub fn state(&self) -> PathBuf {
        self.root.join("crawl.sqlite")
    }

    /// The WARC files.
    pub fn archive(&self) -> PathBuf {
        self.root.join("archive")
    }

    /// Creates the folders.
    pub fn create(&self) -> Result<()> {
        for p in [self.root.clone(), self.tantivy(), self.archive()] {
            std::fs::create_dir_all(&p).map_err(|e| Error::io(&p, e))?;
        }
        Ok(())
    }
}

fn index_err(path: &Path) -> impl Fn(tantivy::TantivyError) -> Error + '_ {
    move |source| Error::Index {
        path: path.to_path_buf(),
        source,
    }
}

/// Opens the search index of an index folder, for reading.
pub fn open(root: &Path) -> Result<(Index, Fields)> {
    let dir = IndexPaths::new(root).tantivy();
    if !dir.join("meta.json").exists() {
        return Err(Error::Usage(format!(
            "no index in {} (run `inspraak crawl` first, or pass --index)",
            root.display()
        )));
    }
    let index = Index::open_in_dir(&dir).map_err(index_err(&dir))?;
    let fields = Fields::from_schema(&index.schema()).map_err(|m| {
        Error::Usage(format!(
            "{}: {m} (rebuild it with `inspraak reindex`)",
            dir.display()
        ))
    })?;
    schema::register_analyzers(&index);
    Ok((index, fields))
}

/// Opens the search index, creating it when missing; an index with an older schema is
/// replaced (it is rebuilt from the archive anyway).
pub fn open_or_create(root: &Path) -> Result<(Index, Fields)> {
    let dir = IndexPaths::new(root).tantivy();
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    if dir.join("meta.json").exists() {
        let index = Index::open_in_dir(&dir).map_err(index_err(&dir))?;
        if let Ok(fields) = Fields::from_schema(&index.schema()) {
            schema::register_analyzers(&index);
            return Ok((index, fields));
        }
        drop(index);
        std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    }
    let (schema, fields) = schema::build();
    let index = Index::create_in_dir(&dir, schema).map_err(index_err(&dir))?;
    schema::register_analyzers(&index);
    Ok((index, fields))
}
