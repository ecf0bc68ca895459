//! Shared test fixtures: the site's markup, small PDFs and Word files, local servers.
pub mod api;
pub mod campaigns;
pub mod docx;
pub mod fixture;
pub mod growing;
pub mod keyness;
pub mod organisations;
pub mod pdf;
pub mod reports;
pub mod server;
pub mod site;
pub mod ties;

/// The `inspraak` binary with `--index`, and without an `INSPRAAK_INDEX` from the caller's
/// environment.
pub fn inspraak(index: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("inspraak").unwrap();
    cmd.arg("--index").arg(index).env_remove("INSPRAAK_INDEX");
    cmd
}

/// Copies an index folder (archive, state and index), without its write lock, so a test can
/// change the copy and compare it with the original.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else if e.file_name() != "write.lock" {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Crawls consultations of a fixture site at `site` into `index` (quickly: 100 requests/s) and
/// returns the crawl's JSON summary; a failed crawl fails the test with its error output.
pub fn crawl(index: &std::path::Path, site: &str, slugs: &[&str]) -> serde_json::Value {
    let mut cmd = inspraak(index);
    cmd.args(["crawl", "--json", "--rate", "100", "--site", site]);
    for s in slugs {
        cmd.args(["--consultation", s]);
    }
    json_of(&mut cmd)
}

/// Runs a command that prints JSON and returns it; a failure fails the test with the
/// command's error output.
pub fn json_of(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `inspraak crawl --json --rate 100 --allow-private --site SITE SEEDFILE` into `index`,
/// returning the summary.
pub fn crawl_seeds(
    index: &std::path::Path,
    site: &str,
    seeds: &std::path::Path,
) -> serde_json::Value {
    json_of(
        inspraak(index)
            .args([
                "crawl",
                "--json",
                "--rate",
                "100",
                "--allow-private",
                "--site",
                site,
            ])
            .arg(seeds),
    )
}

/// A fixture site, served, and crawled once into an index in a temporary folder.
pub struct Crawled {
    /// The fixture site, still served.
    pub server: server::Server,
    _dir: tempfile::TempDir,
    /// The index folder.
    pub index: std::path::PathBuf,
}

impl Crawled {
    /// Serves `site` and crawls its consultations `slugs`.
    pub fn new(site: server::FixtureSite, slugs: &[&str]) -> Crawled {
        let server = server::Server::start(site);
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        crawl(&index, &server.url(), slugs);
        Crawled {
            server,
            _dir: dir,
            index,
        }
    }
}

/// `inspraak serve` on a free loopback port, as its own process; killed when dropped.
pub struct Serving {
    child: std::process::Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Serving {
    /// Serves `index` with `serve`'s further `args`, and waits until it accepts connections.
    pub fn start(index: &std::path::Path, args: &[&str]) -> Serving {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = format!("127.0.0.1:{port}");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_inspraak"))
            .arg("--index")
            .arg(index)
            .args(["serve", "--addr", &addr])
            .args(args)
            .env_remove("INSPRAAK_INDEX")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let serving = Serving { child, addr };
        let up = (0..400).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(50));
            std::net::TcpStream::connect(&serving.addr).is_ok()
        });
        assert!(up, "the server did not start on {}", serving.addr);
        serving
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
