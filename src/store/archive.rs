//! The archive keeps every fetched body in WARC files (`archive/*.warc.gz`), the format web
//! archives and researchers read with standard tools (warcio, pywb). Each record is its own gzip
//! member and is flushed before the crawl state points at it, so a killed crawl leaves at worst
//! an unreferenced tail, never a reference to a missing record. `reindex` reads bodies back from
//! here, without the network.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// Where a record lives: file name (within the archive folder) and byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordLocation {
    /// The WARC file's name, within the archive folder.
    pub file: String,
    /// Where the record's gzip member starts.
    pub offset: u64,
    /// SHA-256 of the body, hex.
    pub sha256: String,
}

/// An HTTP response as archived.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchivedResponse {
    /// The URL requested.
    pub url: String,
    /// HTTP status.
    pub status: u16,
    /// Response headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl ArchivedResponse {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// Appends records to one WARC file.
pub struct ArchiveWriter {
    dir: PathBuf,
    name: String,
    file: File,
    offset: u64,
    counter: u64,
}

/// The value of a header in a list of (name, value), by case-insensitive name.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    while !out.len().is_multiple_of(8) {
        out.push('=');
    }
    out
}

/// A name for a new WARC file: by time, process and a counter, so no two writers (or two
/// files of one process) share a file.
pub(crate) fn new_file_name() -> String {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    format!(
        "inspraak-{}-{}-{}.warc.gz",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ"),
        std::process::id(),
        COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    )
}

impl ArchiveWriter {
    /// Starts a new WARC file in `dir` (created if missing), named by time and process id so
    /// that runs never write into each other's files.
    pub fn create(dir: &Path) -> Result<ArchiveWriter> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let name = new_file_name();
        let path = dir.join(&name);
        let file = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let mut w = ArchiveWriter {
            dir: dir.to_path_buf(),
            name,
            file,
            offset: 0,
            counter: 0,
        };
        let info = format!(
            "software: inspraak/{}\r\nformat: WARC File Format 1.1\r\n",
            env!("CARGO_PKG_VERSION")
        );
        let headers = vec![
            ("WARC-Type", "warcinfo".to_string()),
            ("WARC-Filename", w.name.clone()),
            ("Content-Type", "application/warc-fields".to_string()),
        ];
        w.append(headers, info.as_bytes())?;
        Ok(w)
    }

    fn record_id(&mut self, seed: &str) -> String {
        self.counter += 1;
        let h = Sha256::digest(
            format!(
                "{seed}|{}|{}|{:?}",
                self.name,
                self.counter,
                std::time::SystemTime::now()
            )
            .as_bytes(),
        );
        let hex = hex(&h[..16]);
        format!(
            "<urn:uuid:{}-{}-4{}-a{}-{}>",
            &hex[0..8],
            &hex[8..12],
            &hex[13..16],
            &hex[17..20],
            &hex[20..32]
        )
    }

    fn append(&mut self, headers: Vec<(&str, String)>, block: &[u8]) -> Result<u64> {
        let seed = headers
            .iter()
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
            .join("|");
        let mut head = String::from("WARC/1.1\r\n");
        head.push_str(&format!("WARC-Record-ID: {}\r\n", self.record_id(&seed)));
        head.push_str(&format!(
            "WARC-Date: {}\r\n",
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ")
        ));
        for (k, v) in &headers {
            head.push_str(&format!("{k}: {}\r\n", v.replace(['\r', '\n'], " ")));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        let path = self.dir.join(&self.name);
        let io = |e| Error::io(&path, e);
        gz.write_all(head.as_bytes()).map_err(io)?;
        gz.write_all(block).map_err(io)?;
        gz.write_all(b"\r\n\r\n").map_err(io)?;
        let bytes = gz.finish().map_err(io)?;
        let offset = self.offset;
        self.file.write_all(&bytes).map_err(io)?;
        self.file.flush().map_err(io)?;
        self.offset += bytes.len() as u64;
        Ok(offset)
    }

    /// Appends an HTTP response record and returns where it is.
    pub fn write_response(
        &mut self,
        url: &str,
        status: u16,
        reason: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<RecordLocation> {
        let mut http = format!("HTTP/1.1 {status} {reason}\r\n").into_bytes();
        for (k, v) in headers {
            // The body is stored decoded and whole, so framing headers would lie about it.
            if k.eq_ignore_ascii_case("transfer-encoding")
                || k.eq_ignore_ascii_case("content-length")
            {
                continue;
            }
            http.extend_from_slice(format!("{k}: {}\r\n", v.replace(['\r', '\n'], " ")).as_bytes());
        }
        http.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        http.extend_from_slice(body);
        let digest = Sha256::digest(body);
        let headers = vec![
            ("WARC-Type", "response".to_string()),
            ("WARC-Target-URI", url.to_string()),
            ("WARC-Payload-Digest", format!("sha256:{}", base32(&digest))),
            (
                "Content-Type",
                "application/http;msgtype=response".to_string(),
            ),
        ];
        let offset = self.append(headers, &http)?;
        Ok(RecordLocation {
            file: self.name.clone(),
            offset,
            sha256: hex(&digest),
        })
    }
}

/// One record as found by [`each_record`]: where its gzip member starts and ends in the file,
/// its target URI, and its uncompressed block (HTTP headers and body).
pub struct RawRecord {
    /// Where the record's gzip member starts in the file.
    pub start: u64,
    /// Where it ends.
    pub end: u64,
    /// The record's target URI.
    pub target: Option<String>,
    /// The record's uncompressed block: HTTP headers and body.
    pub block: Vec<u8>,
}

/// Counts the bytes read through it, so member boundaries can be known exactly.
struct Counting<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// Calls `f` for every record (gzip member) of a WARC file, in order. A truncated last member
/// (a run killed while writing) ends the walk without an error: nothing refers to it.
pub(crate) fn each_record(path: &Path, mut f: impl FnMut(RawRecord) -> Result<()>) -> Result<()> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::new(Counting {
        inner: file,
        count: 0,
    });
    loop {
        let start = reader.get_ref().count - reader.buffer().len() as u64;
        if reader
            .fill_buf()
            .map_err(|e| Error::io(path, e))?
            .is_empty()
        {
            return Ok(());
        }
        let mut member = Vec::new();
        let mut decoder = flate2::bufread::GzDecoder::new(&mut reader);
        if decoder.read_to_end(&mut member).is_err() {
            return Ok(());
        }
        let end = reader.get_ref().count - reader.buffer().len() as u64;
        let split = member
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(member.len());
        let head = String::from_utf8_lossy(&member[..split]);
        let target = head.lines().find_map(|l| {
            l.split_once(':')
                .filter(|(k, _)| k.trim().eq_ignore_ascii_case("warc-target-uri"))
                .map(|(_, v)| v.trim().to_string())
        });
        let block = member.get(split + 4..).unwrap_or_default().to_vec();
        f(RawRecord {
            start,
            end,
            target,
            block,
        })?;
    }
}

/// Reads records back; keeps files open between reads.
#[derive(Default)]
pub struct ArchiveReader {
    dir: PathBuf,
    open: Option<(String, File)>,
}

impl ArchiveReader {
    /// A reader for the archive folder `dir`.
    pub fn new(dir: &Path) -> ArchiveReader {
        ArchiveReader {
            dir: dir.to_path_buf(),
            open: None,
        }
    }

    /// Reads the response record at `offset` in `file`.
    pub fn read(&mut self, file: &str, offset: u64) -> Result<ArchivedResponse> {
        if file.contains(['/', '\\']) {
            return Err(Error::Archive {
                path: self.dir.join(file),
                message: "not a file name".into(),
            });
        }
        let path = self.dir.join(file);
        if self.open.as_ref().map(|(n, _)| n.as_str()) != Some(file) {
            let f = File::open(&path).map_err(|e| Error::io(&path, e))?;
            self.open = Some((file.to_string(), f));
        }
        let (_, f) = self.open.as_mut().expect("just opened");
        f.seek(SeekFrom::Start(offset))
            .map_err(|e| Error::io(&path, e))?;
        let bad = |message: &str| Error::Archive {
            path: path.clone(),
            message: format!("record at {offset}: {message}"),
        };
        let mut reader = BufReader::new(GzDecoder::new(&mut *f));
        let mut line = String::new();
        let mut target = None;
        let mut length = None;
        loop {
            line.clear();
            let n = reader
                .read_line(&mut line)
                .map_err(|e| bad(&e.to_string()))?;
            if n == 0 {
                return Err(bad("truncated header"));
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                match k.trim().to_ascii_lowercase().as_str() {
                    "warc-target-uri" => target = Some(v.trim().to_string()),
                    "content-length" => length = v.trim().parse::<usize>().ok(),
                    _ => {}
                }
            }
        }
        let length = length.ok_or_else(|| bad("no Content-Length"))?;
        let mut block = vec![0; length];
        reader
            .read_exact(&mut block)
            .map_err(|e| bad(&e.to_string()))?;
        parse_http(target.unwrap_or_default(), &block).ok_or_else(|| bad("not an HTTP response"))
    }
}

fn parse_http(url: String, block: &[u8]) -> Option<ArchivedResponse> {
    let end = block.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&block[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(ArchivedResponse {
        url,
        status,
        headers,
        body: block[end + 4..].to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = ArchiveWriter::create(dir.path()).unwrap();
        let h = vec![
            ("Content-Type".to_string(), "text/html".to_string()),
            ("Transfer-Encoding".to_string(), "chunked".to_string()),
        ];
        let a = w
            .write_response("http://x/a", 200, "OK", &h, b"<p>een</p>")
            .unwrap();
        let body: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
        let b = w
            .write_response("http://x/b.pdf", 200, "OK", &[], &body)
            .unwrap();
        assert_eq!(b.sha256, hex(&Sha256::digest(&body)));
        let mut r = ArchiveReader::new(dir.path());
        let rb = r.read(&b.file, b.offset).unwrap();
        assert_eq!(rb.body, body);
        assert_eq!(rb.url, "http://x/b.pdf");
        let ra = r.read(&a.file, a.offset).unwrap();
        assert_eq!(ra.body, b"<p>een</p>");
        assert_eq!(ra.status, 200);
        assert_eq!(ra.header("content-type"), Some("text/html"));
        assert_eq!(ra.header("transfer-encoding"), None);
        assert!(r.read(&a.file, a.offset + 3).is_err());
    }

    #[test]
    fn walking_records_finds_exact_member_boundaries() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = ArchiveWriter::create(dir.path()).unwrap();
        let a = w
            .write_response("http://x/a", 200, "OK", &[], b"een")
            .unwrap();
        let b = w
            .write_response("http://x/b", 200, "OK", &[], &[7u8; 70_000])
            .unwrap();
        let path = dir.path().join(&a.file);
        // A member cut off halfway, as a killed run leaves it.
        let mut raw = std::fs::read(&path).unwrap();
        let whole = raw.len();
        let cut = raw[b.offset as usize..whole - 10].to_vec();
        raw.extend_from_slice(&cut);
        std::fs::write(&path, &raw).unwrap();
        let mut seen = Vec::new();
        each_record(&path, |r| {
            seen.push((r.start, r.end, r.target));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen.len(), 3, "warcinfo, a, b; not the cut-off copy");
        assert_eq!(seen[1].0, a.offset);
        assert_eq!(seen[1].1, b.offset);
        assert_eq!(seen[2].0, b.offset);
        assert_eq!(seen[2].1, whole as u64);
        assert_eq!(seen[2].2.as_deref(), Some("http://x/b"));
    }

    #[test]
    fn base32_matches_rfc4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI======");
        assert_eq!(base32(b"f"), "MY======");
    }
}
