//! The index folder and what the crawl leaves in it: the WARC archive of every body fetched
//! (`archive`), the crawl state with each URL's outcome (`state`), the folder's layout and its
//! one-writer lock. The crawler writes here; extraction and the index read from here; so this
//! module sits below both and imports neither.

pub mod archive;
mod changes;
mod signatures;
pub mod state;

pub(crate) use changes::Changed;
pub use signatures::Sketch;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where the index lives unless `--index` or `INSPRAAK_INDEX` says otherwise.
pub const DEFAULT_INDEX_DIR: &str = "index";

/// The paths inside an index folder.
#[derive(Debug, Clone)]
pub struct IndexPaths {
    root: PathBuf,
}

impl IndexPaths {
    /// The layout of the index folder `root`.
    pub fn new(root: &Path) -> IndexPaths {
        IndexPaths {
            root: root.to_path_buf(),
        }
    }

    /// The index folder.
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
