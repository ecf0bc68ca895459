//! Shared test fixtures: the site's markup, small PDFs, and a local server.
pub mod fixture;
pub mod growing;
pub mod pdf;
pub mod server;
pub mod site;

/// The `inspraak` binary with `--index`, and without an `INSPRAAK_INDEX` from the caller's
/// environment.
#[allow(dead_code)]
pub fn inspraak(index: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("inspraak").unwrap();
    cmd.arg("--index").arg(index).env_remove("INSPRAAK_INDEX");
    cmd
}
