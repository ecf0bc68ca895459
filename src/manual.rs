//! The command's documentation for shells and `man`: completion scripts (clap_complete) and one
//! man page (clap_mangen) covering every command, both made from the clap definition in
//! `main.rs`. A module of the binary, not of the library: the library does not depend on clap.
//!
//! clap_mangen renders a page per command and points from the top page to `inspraak-search(1)`
//! and the like, pages a user who installs `inspraak man > inspraak.1` does not have; so the
//! top page's parts are kept and every command is a subsection of COMMANDS in that one page.

use std::io::{self, Write};

use clap::Command;
use clap_complete::Shell;
use clap_mangen::roff::{bold, roman, Roff};
use clap_mangen::Man;

/// The heading of the commands in the man page, and their name in its synopsis.
const COMMANDS: &str = "COMMANDS";

/// Variables the command reads, for the man page's ENVIRONMENT section.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "INSPRAAK_INDEX",
        "The index folder when --index is not given.",
    ),
    (
        "NO_COLOR",
        "Set and not empty: no colour unless --color always (https://no-color.org).",
    ),
    (
        "RUST_LOG",
        "What is logged to standard error, as a tracing filter (for example inspraak=debug).",
    ),
];

/// Writes the completion script of `shell` for `cmd`.
pub(crate) fn completions(shell: Shell, cmd: Command, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = public(&cmd);
    let name = cmd.get_name().to_string();
    // clap_complete panics when a write fails; a script in memory lets `| head` end quietly.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    out.write_all(&script)
}

/// Writes the man page (roff) of `cmd`: the command with its global options, then each
/// subcommand with what it does, its synopsis and its options, then the environment.
pub(crate) fn man(cmd: Command, out: &mut dyn Write) -> io::Result<()> {
    let cmd = public(&cmd).subcommand_value_name(COMMANDS);
    let top = Man::new(cmd.clone());
    let mut page = Roff::new().render();
    for render in [
        Man::render_title,
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ] {
        page += &part(|w| render(&top, w))?;
    }
    page += &part(|w| Roff::new().control("SH", [COMMANDS]).to_writer(w))?;
    for sub in cmd.get_subcommands() {
        let name = format!("{} {}", cmd.get_name(), sub.get_name());
        let man = Man::new(sub.clone().bin_name(&name));
        page += &part(|w| Roff::new().control("SS", [name.as_str()]).to_writer(w))?;
        for render in [
            Man::render_description_section,
            Man::render_synopsis_section,
            Man::render_options_section,
        ] {
            page += &paragraphs(&part(|w| render(&man, w))?);
        }
    }
    page += &part(|w| environment().to_writer(w))?;
    page += &part(|w| top.render_version_section(w))?;
    out.write_all(page.as_bytes())
}

/// One part of the page as roff text. Each part starts with roff's preamble for apostrophes
/// (what an empty document renders as); the page needs it once, at its top.
fn part(render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<String> {
    let mut roff = Vec::new();
    render(&mut roff)?;
    let roff = String::from_utf8(roff).map_err(io::Error::other)?;
    let preamble = Roff::new().render();
    Ok(roff.strip_prefix(&preamble).unwrap_or(&roff).to_string())
}

/// The command as its users see it. clap_complete offers hidden subcommands too, so the
/// documented command is rebuilt without them (`extract-file`, which only inspraak runs).
fn public(cmd: &Command) -> Command {
    let mut public = Command::new(cmd.get_name().to_string())
        .args(cmd.get_arguments().cloned())
        .subcommands(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned())
        .subcommand_required(cmd.is_subcommand_required_set());
    if let Some(about) = cmd.get_about() {
        public = public.about(about.clone());
    }
    if let Some(about) = cmd.get_long_about() {
        public = public.long_about(about.clone());
    }
    if let Some(version) = cmd.get_version() {
        public = public.version(version.to_string());
    }
    public
}

/// A part rendered as a section of its own, as paragraphs of the current subsection: its
/// `.SH` heading becomes a paragraph break. A text line never starts with `.SH` (roff escapes
/// a leading dot), so only headings are touched.
fn paragraphs(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len());
    for line in roff.lines() {
        out.push_str(if line.starts_with(".SH ") {
            ".PP"
        } else {
            line
        });
        out.push('\n');
    }
    out
}

/// The ENVIRONMENT section.
fn environment() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, what) in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*what)]);
    }
    roff
}
