//! Purging withdrawn responses: a respondent who withdraws a response is owed its removal
//! from the archive too, not only from the index. WARC files are append-only, so each file that
//! holds such a record is rewritten without it, in a way a killed run can finish later.

use std::collections::HashSet;

use crate::error::{Error, Result};
use crate::extract::site;
use crate::store::archive;
use crate::store::state::State;
use crate::store::IndexPaths;

/// Deletes from the archive everything that carries a withdrawn response: its page, its
/// attachment, and older snapshots of listing pages that still show its name and place. Each
/// WARC file holding such a record is rewritten without it (the other records byte for byte);
/// the new file is complete on disk and the state points at it (one transaction) before the old
/// file is removed, and a purge stopped between those steps is finished by the next one.
/// Returns the number of records deleted.
pub fn purge_withdrawn(paths: &IndexPaths, mut state: State) -> Result<u64> {
    use std::io::{Read, Seek, SeekFrom, Write};
    let dir = paths.archive();
    if let Some(old) = state.meta(PURGE_PENDING)?.filter(|f| !f.is_empty()) {
        let old = dir.join(old);
        if old.exists() {
            std::fs::remove_file(&old).map_err(|e| Error::io(&old, e))?;
        }
        state.set_meta(PURGE_PENDING, "")?;
    }
    let withdrawn = state.withdrawn()?;
    let urls: HashSet<&str> = withdrawn.iter().map(|r| r.url.as_str()).collect();
    let needles: Vec<Vec<u8>> = withdrawn
        .iter()
        .filter_map(|r| site::response_uuid(&r.url))
        .map(|u| format!("/reactie/{u}").into_bytes())
        .collect();
    if urls.is_empty() {
        return Ok(0);
    }
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| Error::io(&dir, e))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".warc.gz"))
        .collect();
    files.sort();
    let mut purged = 0;
    for file in files {
        let old = dir.join(&file);
        // (start, end, keep) of every record.
        let mut members: Vec<(u64, u64, bool)> = Vec::new();
        archive::each_record(&old, |r| {
            let carries = r.target.as_deref().is_some_and(|t| urls.contains(t))
                || needles
                    .iter()
                    .any(|n| r.block.windows(n.len()).any(|w| w == n.as_slice()));
            members.push((r.start, r.end, !carries));
            Ok(())
        })?;
        if members.iter().all(|m| m.2) {
            continue;
        }
        let new_name = archive::new_file_name();
        let new_path = dir.join(&new_name);
        let tmp = dir.join(format!("{new_name}.tmp"));
        let mut input = std::fs::File::open(&old).map_err(|e| Error::io(&old, e))?;
        let mut out = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let mut moved: std::collections::HashMap<u64, u64> = std::collections::HashMap::new();
        let mut pos = 0;
        for &(start, end, keep) in &members {
            if !keep {
                purged += 1;
                continue;
            }
            input
                .seek(SeekFrom::Start(start))
                .map_err(|e| Error::io(&old, e))?;
            let mut buf = vec![0; (end - start) as usize];
            input.read_exact(&mut buf).map_err(|e| Error::io(&old, e))?;
            out.write_all(&buf).map_err(|e| Error::io(&tmp, e))?;
            moved.insert(start, pos);
            pos += end - start;
        }
        out.sync_all().map_err(|e| Error::io(&tmp, e))?;
        drop(out);
        std::fs::rename(&tmp, &new_path).map_err(|e| Error::io(&new_path, e))?;
        let rows = state.in_archive_file(&file)?;
        state.transaction(|s| {
            s.set_meta(PURGE_PENDING, &file)?;
            for row in &rows {
                match row.warc_offset.and_then(|o| moved.get(&o)) {
                    Some(&o) => s.set_location(&row.url, Some(&new_name), Some(o))?,
                    None => s.set_location(&row.url, None, None)?,
                }
            }
            Ok(())
        })?;
        std::fs::remove_file(&old).map_err(|e| Error::io(&old, e))?;
        state.set_meta(PURGE_PENDING, "")?;
    }
    Ok(purged)
}

/// The meta key naming a WARC file a purge has replaced but not yet removed.
const PURGE_PENDING: &str = "purge_replaces";
