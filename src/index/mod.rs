//! The search index: one tantivy index of every document, which quotes are cut from too. This
//! module opens it; `schema` holds the fields and per-language analyzers, `build` the index
//! step that brings it in line with the archive in place, `document` what one document stores,
//! and `campaigns` the clustering of near-identical responses the documents carry.

pub mod build;
pub(crate) mod campaigns;
pub(crate) mod document;
mod holdings;
pub mod schema;
mod spool;

use std::path::Path;

use tantivy::Index;

use crate::error::{Error, Result};
use crate::store::IndexPaths;
pub use build::{update, BuildOptions, IndexSummary};
pub use schema::Fields;

fn index_err(path: &Path) -> impl Fn(tantivy::TantivyError) -> Error + '_ {
    move |source| Error::index(path, source)
}

/// Opens the search index of an index folder, for reading.
pub fn open(root: &Path) -> Result<(Index, Fields)> {
    open_at(&IndexPaths::new(root).tantivy(), root)
}

fn open_at(dir: &Path, root: &Path) -> Result<(Index, Fields)> {
    if !dir.join("meta.json").exists() {
        return Err(Error::NoIndex {
            path: root.to_path_buf(),
            message: "it holds no search index (nothing was crawled into it yet)".into(),
        });
    }
    let index = Index::open_in_dir(dir).map_err(index_err(dir))?;
    let fields = Fields::from_schema(&index.schema()).map_err(|m| Error::NoIndex {
        path: root.to_path_buf(),
        message: format!("its search index was written by another version ({m}) and must be rebuilt from the archive"),
    })?;
    schema::register_analyzers(&index);
    Ok((index, fields))
}

/// When the index last committed (RFC 3339, UTC): every commit rewrites its `meta.json`.
pub fn committed_at(root: &Path) -> Option<String> {
    let meta = IndexPaths::new(root).tantivy().join("meta.json");
    let modified = std::fs::metadata(meta).ok()?.modified().ok()?;
    let when: chrono::DateTime<chrono::Utc> = modified.into();
    Some(when.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// Opens an index folder's index at `dir`, creating it with `schema` when missing; an index
/// whose schema differs is replaced (it is rebuilt from the archive anyway). True when the
/// index is new.
fn open_or_create_at(dir: &Path, schema: tantivy::schema::Schema) -> Result<(Index, bool)> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    if dir.join("meta.json").exists() {
        let index = Index::open_in_dir(dir).map_err(index_err(dir))?;
        if index.schema() == schema {
            schema::register_analyzers(&index);
            return Ok((index, false));
        }
        drop(index);
        std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let index = Index::create_in_dir(dir, schema).map_err(index_err(dir))?;
    schema::register_analyzers(&index);
    Ok((index, true))
}

/// Opens the search index, creating or replacing it as needed; true when it is new (every
/// unit must then be extracted). The passage index of earlier versions is removed: quotes are
/// cut from the documents now.
pub(crate) fn open_or_create(root: &Path) -> Result<(Index, Fields, bool)> {
    let paths = IndexPaths::new(root);
    let old = paths.root().join("passages");
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    let (schema, fields) = schema::build();
    let (index, fresh) = open_or_create_at(&paths.tantivy(), schema)?;
    Ok((index, fields, fresh))
}

/// A writer for the index, after removing the files a killed writer left behind.
///
/// tantivy names a segment's deletes after the commit's opstamp, and a rerun after a kill
/// starts again from the last committed opstamp: a `.del` file written by the killed run but
/// never committed would then collide with the rerun's ("File already exists"). Garbage
/// collection removes every managed file the last commit does not reference.
pub(crate) fn writer(index: &Index, memory: usize) -> tantivy::Result<tantivy::IndexWriter> {
    let writer = index.writer(memory)?;
    writer.garbage_collect_files().wait()?;
    Ok(writer)
}

/// The terms of sorted ordinals, read in one pass over the column's dictionary: looking them up
/// one by one decompresses a dictionary block per term, which for the thousands of campaigns
/// a common word matches cost more than the search itself.
pub(crate) fn terms_of(col: &tantivy::columnar::StrColumn, sorted_ords: &[u64]) -> Vec<String> {
    let mut out = Vec::with_capacity(sorted_ords.len());
    let read = col
        .dictionary()
        .sorted_ords_to_term_cb(sorted_ords, |bytes| {
            out.push(String::from_utf8_lossy(bytes).into_owned())
        });
    if read.is_err() || out.len() != sorted_ords.len() {
        // A damaged dictionary: fall back to one lookup per term.
        out = sorted_ords
            .iter()
            .map(|&ord| {
                let mut s = String::new();
                let _ = col.ord_to_str(ord, &mut s);
                s
            })
            .collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::directory::TerminatingWrite;
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Directory, Term};

    /// Regression: a SIGKILL between writing deletes and committing them left a `.del` file
    /// that the rerun's commit tried to create again.
    #[test]
    fn a_writer_clears_what_a_killed_writer_left() {
        let dir = tempfile::tempdir().unwrap();
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let index = Index::create_in_dir(dir.path(), schema.build()).unwrap();
        let mut w = writer(&index, 15_000_000).unwrap();
        for n in 0..5 {
            w.add_document(doc!(id => n.to_string())).unwrap();
        }
        w.commit().unwrap();
        drop(w);
        // What a killed run leaves: delete files for the opstamps a rerun will use, written
        // through the managed directory but never committed.
        let meta = index.load_metas().unwrap();
        let segment = meta.segments[0].id().uuid_string();
        for opstamp in meta.opstamp..meta.opstamp + 50 {
            let path = std::path::PathBuf::from(format!("{segment}.{opstamp}.del"));
            let mut f = index.directory().open_write(&path).unwrap();
            std::io::Write::write_all(&mut f, b"stale").unwrap();
            f.terminate().unwrap();
        }
        let mut w = writer(&index, 15_000_000).unwrap();
        w.delete_term(Term::from_field_text(id, "3"));
        w.commit().unwrap();
        let reader = index.reader().unwrap();
        reader.reload().unwrap();
        assert_eq!(reader.searcher().num_docs(), 4);
    }
}
