//! The index folder holds everything a crawl produces: the tantivy index (`tantivy/`), the
//! crawl state (`crawl.sqlite`) and the WARC archive (`archive/`). This module knows that layout,
//! the schema with its per-language analyzers (`schema`) and how documents are written
//! (`writer`), with the campaigns of near-identical responses found before they are written
//! (`campaigns`).

pub mod campaigns;
pub mod schema;
pub mod writer;

use std::path::{Path, PathBuf};

use tantivy::Index;

use crate::error::{Error, Result};
pub use schema::Fields;
pub use writer::{rebuild, rebuild_locked, IndexSummary};

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

    /// The passage index (quotes).
    pub fn passages(&self) -> PathBuf {
        self.root.join("passages")
    }

    /// The crawl state database.
    pub fn state(&self) -> PathBuf {
        self.root.join("crawl.sqlite")
    }

    /// The WARC files.
    pub fn archive(&self) -> PathBuf {
        self.root.join("archive")
    }

    /// The lock file writers hold.
    pub fn lock(&self) -> PathBuf {
        self.root.join("write.lock")
    }

    /// Creates the folders.
    pub fn create(&self) -> Result<()> {
        for p in [self.root.clone(), self.tantivy(), self.archive()] {
            std::fs::create_dir_all(&p).map_err(|e| Error::io(&p, e))?;
        }
        Ok(())
    }
}

/// The one-writer lock of an index folder: `crawl`, `update` and `reindex` hold it while they
/// run; searching needs no lock. It is an advisory `flock`, which the kernel drops when the
/// holder dies, so a killed run never leaves the folder locked.
pub struct WriteLock {
    _file: std::fs::File,
}

impl WriteLock {
    /// Takes the lock, or fails at once saying who holds it.
    pub fn acquire(root: &Path) -> Result<WriteLock> {
        use std::io::{Read, Seek, Write};
        use std::os::unix::io::AsRawFd;
        let paths = IndexPaths::new(root);
        std::fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
        let path = paths.lock();
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        // SAFETY: flock on a descriptor we own.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            return Err(Error::Locked {
                path: root.to_path_buf(),
                holder: if holder.is_empty() {
                    "another process".to_string()
                } else {
                    format!("process {holder}")
                },
            });
        }
        let _ = file.set_len(0);
        let _ = file.seek(std::io::SeekFrom::Start(0));
        let _ = write!(file, "{}", std::process::id());
        let _ = file.flush();
        Ok(WriteLock { _file: file })
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
    open_at(&IndexPaths::new(root).tantivy(), root)
}

/// Opens the passage index of an index folder, for reading.
pub fn open_passages(root: &Path) -> Result<(Index, Fields)> {
    let dir = IndexPaths::new(root).passages();
    let (index, fields) = open_at(&dir, root)?;
    schema::PassageFields::from_schema(&index.schema()).map_err(|m| {
        Error::Usage(format!(
            "{}: {m} (rebuild it with `inspraak reindex`)",
            dir.display()
        ))
    })?;
    Ok((index, fields))
}

fn open_at(dir: &Path, root: &Path) -> Result<(Index, Fields)> {
    if !dir.join("meta.json").exists() {
        return Err(Error::Usage(format!(
            "no index in {} (run `inspraak crawl` first, or pass --index; an index from an \
             older version needs `inspraak reindex`)",
            root.display()
        )));
    }
    let index = Index::open_in_dir(dir).map_err(index_err(dir))?;
    let fields = Fields::from_schema(&index.schema()).map_err(|m| {
        Error::Usage(format!(
            "{}: {m} (rebuild it with `inspraak reindex`)",
            dir.display()
        ))
    })?;
    schema::register_analyzers(&index);
    Ok((index, fields))
}

/// Opens an index folder's index at `dir`, creating it with `schema` when missing; an index
/// whose schema differs is replaced (it is rebuilt from the archive anyway).
fn open_or_create_at(dir: &Path, schema: tantivy::schema::Schema) -> Result<Index> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    if dir.join("meta.json").exists() {
        let index = Index::open_in_dir(dir).map_err(index_err(dir))?;
        if index.schema() == schema {
            schema::register_analyzers(&index);
            return Ok(index);
        }
        drop(index);
        std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let index = Index::create_in_dir(dir, schema).map_err(index_err(dir))?;
    schema::register_analyzers(&index);
    Ok(index)
}

/// Opens the search index, creating or replacing it as needed.
pub fn open_or_create(root: &Path) -> Result<(Index, Fields)> {
    let (schema, fields) = schema::build();
    Ok((
        open_or_create_at(&IndexPaths::new(root).tantivy(), schema)?,
        fields,
    ))
}

/// Opens the passage index, creating or replacing it as needed.
pub fn open_or_create_passages(root: &Path) -> Result<(Index, Fields, schema::PassageFields)> {
    let (schema, fields, passage) = schema::build_passages();
    Ok((
        open_or_create_at(&IndexPaths::new(root).passages(), schema)?,
        fields,
        passage,
    ))
}
