//! Parsing files in a bounded child process. PDF and Word parsers meet files that make them
//! panic, loop or allocate without bound, so extraction runs in a child process of this same
//! binary (`inspraak extract-file`) with a time limit per file and an address-space limit;
//! whatever happens there, the crawl goes on and the file is recorded with its reason. The
//! child is kept between files (starting one per file cost more than the extraction itself) and
//! replaced when it hangs, crashes, or has served [`FILES_PER_WORKER`] files.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use serde::Deserialize;

/// How long one file may take to extract.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);
/// Address space the extracting child may use.
pub(crate) const DEFAULT_MEMORY: u64 = 4 << 30;
/// The hidden subcommand the child runs.
pub(crate) const HELPER_SUBCOMMAND: &str = "extract-file";

pub use super::FileText;

/// The file formats the worker parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A PDF file.
    Pdf,
    /// A Word (DOCX) file.
    Docx,
}

impl Format {
    fn tag(self) -> u8 {
        match self {
            Format::Pdf => b'P',
            Format::Docx => b'D',
        }
    }

    fn from_tag(tag: u8) -> Option<Format> {
        [Format::Pdf, Format::Docx]
            .into_iter()
            .find(|f| f.tag() == tag)
    }

    /// Parses in this process, behind `catch_unwind`. Use [`Extractor`] unless you are the
    /// child (or a fuzz target).
    pub(crate) fn extract_in_process(self, bytes: Vec<u8>) -> Result<FileText, String> {
        let name = match self {
            Format::Pdf => "PDF",
            Format::Docx => "Word",
        };
        std::panic::catch_unwind(move || match self {
            Format::Pdf => super::pdf::extract_in_process(bytes),
            Format::Docx => super::docx::extract_in_process(&bytes),
        })
        .unwrap_or_else(|panic| {
            Err(format!(
                "{CRASHED}: the {name} parser panicked: {}",
                super::panic_message(panic.as_ref())
            ))
        })
        .map_err(|e| one_line(&e))
    }
}

/// Longest reason recorded for a file (a parser's message can quote the file's bytes).
const MAX_REASON_CHARS: usize = 300;

/// A reason on one line, without control characters, at most [`MAX_REASON_CHARS`] long.
fn one_line(reason: &str) -> String {
    let clean: String = reason
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<&str> = clean.split_whitespace().collect();
    let mut out = words.join(" ");
    if out.chars().count() > MAX_REASON_CHARS {
        out = out.chars().take(MAX_REASON_CHARS).collect::<String>() + "…";
    }
    out
}

/// A worker is replaced after this many files, so that whatever a parser leaks stays bounded.
pub(crate) const FILES_PER_WORKER: u32 = 500;
/// Marks an error after which the worker exits (its parser state cannot be trusted).
const CRASHED: &str = "the parser crashed";

/// Runs the child side: frames on stdin (8-byte little-endian length, then a format tag byte
/// and the file's bytes), one JSON reply frame (`{"ok":..}` or `{"err":..}`) on stdout for each, until stdin
/// closes. After a parser panic it replies and exits, and the parent starts a fresh worker.
pub fn run_helper() -> i32 {
    // The parser's own panic message would only clutter the parent's log; the reply carries it.
    std::panic::set_hook(Box::new(|_| {}));
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    loop {
        let mut bytes = match read_frame(&mut stdin) {
            Ok(Some(b)) if !b.is_empty() => b,
            Ok(_) => return 0,
            Err(e) => {
                eprintln!("{HELPER_SUBCOMMAND}: cannot read a request: {e}");
                return 1;
            }
        };
        let tag = bytes.remove(0);
        let result = match Format::from_tag(tag) {
            Some(f) => f.extract_in_process(bytes),
            None => Err(format!("unknown format tag {tag}")),
        };
        let crashed = matches!(&result, Err(e) if e.starts_with(CRASHED));
        let reply = match result {
            Ok(t) => serde_json::json!({ "ok": t }),
            Err(e) => serde_json::json!({ "err": e }),
        };
        let reply = serde_json::to_vec(&reply).expect("JSON value serializes");
        if write_frame(&mut stdout, &reply).is_err() {
            return 1;
        }
        if crashed {
            return 0;
        }
    }
}

fn read_frame(r: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 8];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u64::from_le_bytes(len);
    if len > 1 << 32 {
        return Err(std::io::Error::other(format!("frame of {len} bytes")));
    }
    let mut buf = vec![0; len as usize];
    r.read_exact(&mut buf)?;
    Ok(Some(buf))
}

fn write_request(w: &mut impl Write, format: Format, bytes: &[u8]) -> std::io::Result<()> {
    w.write_all(&(bytes.len() as u64 + 1).to_le_bytes())?;
    w.write_all(&[format.tag()])?;
    w.write_all(bytes)?;
    w.flush()
}

fn write_frame(w: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)?;
    w.flush()
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum HelperOutput {
    Ok(FileText),
    Err(String),
}

/// A running child that extracts one file after another.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    replies: mpsc::Receiver<std::io::Result<Vec<u8>>>,
    served: u32,
}

impl Worker {
    /// Why the child is gone, once it is.
    fn death(mut self) -> String {
        let status = self.child.wait();
        match status {
            Ok(s) if s.code().is_some() => format!(
                "the extractor exited with code {} (out of memory?)",
                s.code().unwrap_or_default()
            ),
            Ok(s) => {
                use std::os::unix::process::ExitStatusExt;
                format!(
                    "the extractor was killed by signal {} (out of memory or a crash)",
                    s.signal().unwrap_or_default()
                )
            }
            Err(e) => format!("the extractor is gone: {e}"),
        }
    }
}

/// Extracts files in a bounded child process. Clones share the child.
#[derive(Clone)]
pub struct Extractor {
    /// The `inspraak` binary to run as the child.
    pub program: PathBuf,
    /// How long one file may take.
    pub timeout: Duration,
    /// How much memory the child may use, in bytes.
    pub memory_bytes: u64,
    /// Files one worker extracts before it is replaced.
    pub files_per_worker: u32,
    worker: Arc<Mutex<Option<Worker>>>,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("program", &self.program)
            .field("timeout", &self.timeout)
            .field("memory_bytes", &self.memory_bytes)
            .finish()
    }
}

impl Extractor {
    /// An extractor that runs the current executable (the `inspraak` binary).
    pub fn current_exe() -> std::io::Result<Extractor> {
        Ok(Extractor::new(std::env::current_exe()?))
    }

    /// An extractor running `program extract-file` with the default limits.
    pub fn new(program: PathBuf) -> Extractor {
        Extractor {
            program,
            timeout: DEFAULT_TIMEOUT,
            memory_bytes: DEFAULT_MEMORY,
            files_per_worker: FILES_PER_WORKER,
            worker: Arc::new(Mutex::new(None)),
        }
    }

    fn spawn(&self) -> Result<Worker, String> {
        let mut cmd = Command::new(&self.program);
        cmd.arg(HELPER_SUBCOMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            let limit = self.memory_bytes;
            // SAFETY: setrlimit is async-signal-safe and touches only the child's limits.
            unsafe {
                cmd.pre_exec(move || {
                    let rl = libc::rlimit {
                        rlim_cur: limit as libc::rlim_t,
                        rlim_max: limit as libc::rlim_t,
                    };
                    libc::setrlimit(libc::RLIMIT_AS, &rl);
                    Ok(())
                });
            }
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.program.display()))?;
        let stdin = child.stdin.take().expect("piped stdin");
        let mut stdout = child.stdout.take().expect("piped stdout");
        let (tx, replies) = mpsc::channel();
        std::thread::spawn(move || loop {
            let reply = match read_frame(&mut stdout) {
                Ok(Some(b)) => Ok(b),
                Ok(None) => Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof)),
                Err(e) => Err(e),
            };
            let stop = reply.is_err();
            if tx.send(reply).is_err() || stop {
                return;
            }
        });
        Ok(Worker {
            child,
            stdin,
            replies,
            served: 0,
        })
    }

    /// Extracts the text of a PDF; the error is a one-line reason to record.
    pub fn extract(&self, bytes: &[u8]) -> Result<FileText, String> {
        self.extract_as(Format::Pdf, bytes)
    }

    /// Extracts the text of a file of the given format; the error is a one-line reason to
    /// record.
    pub fn extract_as(&self, format: Format, bytes: &[u8]) -> Result<FileText, String> {
        let mut slot = self.worker.lock().unwrap_or_else(|p| p.into_inner());
        if slot
            .as_ref()
            .is_some_and(|w| w.served >= self.files_per_worker)
        {
            slot.take();
        }
        // A worker that died after its last reply is only noticed when we write to it:
        // then one fresh worker gets the file.
        let mut fresh = false;
        loop {
            if slot.is_none() {
                *slot = Some(self.spawn()?);
                fresh = true;
            }
            let w = slot.as_mut().expect("worker just set");
            if write_request(&mut w.stdin, format, bytes).is_ok() {
                break;
            }
            let dead = slot.take().expect("worker present");
            if fresh {
                return Err(dead.death());
            }
        }
        let w = slot.as_mut().expect("worker present");
        w.served += 1;
        match w.replies.recv_timeout(self.timeout) {
            Ok(Ok(reply)) => match serde_json::from_slice::<HelperOutput>(&reply) {
                Ok(HelperOutput::Ok(t)) => Ok(t),
                Ok(HelperOutput::Err(e)) => {
                    if e.starts_with(CRASHED) {
                        // The worker exits after a panic; do not write to it again.
                        slot.take();
                    }
                    Err(e)
                }
                Err(e) => Err(format!("the extractor's reply does not parse: {e}")),
            },
            Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                Err(slot.take().expect("worker present").death())
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                slot.take();
                Err(format!(
                    "extraction took longer than {} s and was stopped",
                    self.timeout.as_secs_f64()
                ))
            }
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing stdin ends the worker's loop; kill in case it is stuck.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for f in [Format::Pdf, Format::Docx] {
            assert!(f
                .extract_in_process(b"<html>not a file</html>".to_vec())
                .is_err());
            assert!(f.extract_in_process(Vec::new()).is_err());
        }
        assert!(Format::Pdf
            .extract_in_process(b"%PDF-1.4\n%%garbage\x00\xff".to_vec())
            .is_err());
    }

    #[test]
    fn reasons_are_one_short_line() {
        assert_eq!(one_line("a\nb\x00 c"), "a b c");
        assert_eq!(
            one_line(&"x".repeat(400)).chars().count(),
            MAX_REASON_CHARS + 1
        );
    }

    #[test]
    fn requests_carry_their_format() {
        let mut buf = Vec::new();
        write_request(&mut buf, Format::Docx, b"abc").unwrap();
        let frame = read_frame(&mut buf.as_slice()).unwrap().unwrap();
        assert_eq!(Format::from_tag(frame[0]), Some(Format::Docx));
        assert_eq!(&frame[1..], b"abc");
    }
}
