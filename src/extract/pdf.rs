//! PDF text per page. PDF parsers meet files that make them panic, loop or allocate without
//! bound, so extraction runs in a child process of this same binary (`inspraak extract-pdf`)
//! with a time limit and an address-space limit; whatever happens there, the crawl goes on and
//! the file is recorded with its reason. Inside the child, pdf_oxide does the work (it had the
//! best agreement with poppler on real consultation PDFs) behind `catch_unwind`.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// How long one PDF may take to extract.
pub const DEFAULT_PDF_TIMEOUT: Duration = Duration::from_secs(120);
/// Address space the extracting child may use.
pub const DEFAULT_PDF_MEMORY: u64 = 4 << 30;
/// The hidden subcommand the child runs.
pub const HELPER_SUBCOMMAND: &str = "extract-pdf";

/// A PDF's text, one string per page (pages without text are empty strings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PdfText {
    pub pages: Vec<String>,
    pub title: Option<String>,
}

impl PdfText {
    /// True when no page has any text (a scan, or only images).
    pub fn is_blank(&self) -> bool {
        self.pages.iter().all(|p| p.trim().is_empty())
    }
}

/// Extracts in this process. Use [`PdfExtractor`] instead unless you are the child.
pub fn extract_in_process(bytes: Vec<u8>) -> Result<PdfText, String> {
    if !bytes.starts_with(b"%PDF") && !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err("not a PDF (no %PDF header)".into());
    }
    std::panic::catch_unwind(move || {
        let doc = pdf_oxide::PdfDocument::from_bytes(bytes).map_err(|e| e.to_string())?;
        let n = doc.page_count().map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the PDF has no pages".to_string());
        }
        let mut pages = Vec::with_capacity(n);
        for i in 0..n {
            // A page that fails is kept as an empty page so that page numbers stay right.
            let text = doc.extract_text(i).unwrap_or_default();
            pages.push(super::site::normalize_lines(&text));
        }
        Ok(PdfText { pages, title: None })
    })
    .unwrap_or_else(|panic| {
        let msg = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("unknown panic");
        Err(format!("the PDF parser crashed: {msg}"))
    })
}

/// Runs the child side: PDF bytes on stdin, JSON (`{"ok":..}` or `{"err":..}`) on stdout.
pub fn run_helper() -> i32 {
    // The parser's own panic message would only clutter the parent's log; the JSON carries it.
    std::panic::set_hook(Box::new(|_| {}));
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("extract-pdf: cannot read stdin: {e}");
        return 1;
    }
    let out = match extract_in_process(bytes) {
        Ok(t) => serde_json::json!({ "ok": t }),
        Err(e) => serde_json::json!({ "err": e }),
    };
    let mut stdout = std::io::stdout().lock();
    if serde_json::to_writer(&mut stdout, &out).is_err() || stdout.flush().is_err() {
        return 1;
    }
    0
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum HelperOutput {
    Ok(PdfText),
    Err(String),
}

/// Extracts PDFs in a bounded child process.
#[derive(Debug, Clone)]
pub struct PdfExtractor {
    /// The `inspraak` binary to run as the child.
    pub program: PathBuf,
    pub timeout: Duration,
    pub memory_bytes: u64,
}

impl PdfExtractor {
    /// An extractor that runs the current executable (the `inspraak` binary).
    pub fn current_exe() -> std::io::Result<PdfExtractor> {
        Ok(PdfExtractor::new(std::env::current_exe()?))
    }

    /// An extractor running `program extract-pdf` with the default limits.
    pub fn new(program: PathBuf) -> PdfExtractor {
        PdfExtractor {
            program,
            timeout: DEFAULT_PDF_TIMEOUT,
            memory_bytes: DEFAULT_PDF_MEMORY,
        }
    }

    /// Extracts the text of a PDF; the error is a one-line reason to record.
    pub fn extract(&self, bytes: &[u8]) -> Result<PdfText, String> {
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
        let mut stdin = child.stdin.take().expect("piped stdin");
        let mut stdout = child.stdout.take().expect("piped stdout");
        let input = bytes.to_vec();
        let writer = std::thread::spawn(move || {
            // The child may exit early (bad header); a broken pipe is not our error.
            let _ = stdin.write_all(&input);
        });
        let reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            let _ = stdout.read_to_end(&mut out);
            out
        });
        let deadline = Instant::now() + self.timeout;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let _ = writer.join();
                    let _ = reader.join();
                    return Err(format!(
                        "extraction took longer than {} s and was stopped",
                        self.timeout.as_secs()
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => return Err(format!("cannot wait for the extractor: {e}")),
            }
        };
        let _ = writer.join();
        let out = reader.join().unwrap_or_default();
        if !status.success() && out.is_empty() {
            return Err(match status.code() {
                Some(c) => format!("the extractor failed (exit code {c}; out of memory?)"),
                None => "the extractor was killed (out of memory or a crash)".to_string(),
            });
        }
        match serde_json::from_slice::<HelperOutput>(&out) {
            Ok(HelperOutput::Ok(t)) => Ok(t),
            Ok(HelperOutput::Err(e)) => Err(e),
            Err(e) => Err(format!("the extractor's output does not parse: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(extract_in_process(b"<html>not a pdf</html>".to_vec()).is_err());
        assert!(extract_in_process(b"%PDF-1.4\n%%garbage\x00\xff".to_vec()).is_err());
        assert!(extract_in_process(Vec::new()).is_err());
    }
}
