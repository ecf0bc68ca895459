//! Shared test fixtures: the site's markup, small PDFs and Word files, local servers.
pub mod campaigns;
pub mod docx;
pub mod fixture;
pub mod growing;
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
