//! The conventions of a command-line program: shell completions, the man page, and colour
//! (`--color auto|always|never`, NO_COLOR) for search hits, log lines and clap's own help.
//! Completions are run in a real bash; a terminal comes from util-linux's `script`.

use crate::support::inspraak;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use crate::support::server::Server;
use inspraak::output::{ExportFormat, Format};

struct Crawled {
    _server: Server,
    _dir: tempfile::TempDir,
    index: PathBuf,
}

/// The fixture site's first consultation, crawled once for the colour checks.
fn crawled() -> &'static Crawled {
    static CRAWL: OnceLock<Crawled> = OnceLock::new();
    CRAWL.get_or_init(|| {
        let server = Server::start(crate::support::fixture::fixture());
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        crate::support::crawl(&index, &server.url(), &["testwet"]);
        Crawled {
            _server: server,
            _dir: dir,
            index,
        }
    })
}

/// `inspraak ARGS` (a command that needs no index) without the caller's NO_COLOR; fails the
/// test unless it succeeds.
fn run(args: &[&str]) -> String {
    let out = assert_cmd::Command::cargo_bin("inspraak")
        .unwrap()
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The public subcommands, as `inspraak --help` lists them (`help` aside).
fn subcommands() -> Vec<String> {
    let help = run(&["--help"]);
    let names: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    for expected in ["crawl", "search", "serve", "completions", "man"] {
        assert!(names.iter().any(|n| n == expected), "{expected}: {help}");
    }
    names
}

/// What bash's completion offers for the words typed so far (the last one being completed),
/// from the script `inspraak completions bash` printed to `script`.
fn bash_completes(script: &Path, words: &[&str]) -> Vec<String> {
    let program = r#"
        source "$0"
        function=$(complete -p inspraak | sed -E 's/.*-F ([^ ]+).*/\1/')
        COMP_WORDS=("$@")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE="$*"
        COMP_POINT=${#COMP_LINE}
        "$function" inspraak "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", program])
        .arg(script)
        .args(words)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{words:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut offered: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    offered.sort();
    offered
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    names.sort();
    names
}

#[test]
fn bash_completion_is_valid_and_completes_commands_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("inspraak.bash");
    std::fs::write(&script, run(&["completions", "bash"])).unwrap();
    let check = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&check.stderr)
    );

    assert_eq!(
        bash_completes(&script, &["inspraak", "se"]),
        sorted(&["search", "serve"])
    );
    let first = bash_completes(&script, &["inspraak", ""]);
    for name in subcommands() {
        assert!(first.contains(&name), "{name}: {first:?}");
    }
    assert!(!first.iter().any(|w| w == "extract-file"), "{first:?}");

    assert_eq!(
        bash_completes(&script, &["inspraak", "search", "x", "--format", ""]),
        sorted(Format::NAMES)
    );
    assert_eq!(
        bash_completes(&script, &["inspraak", "export", "--format", ""]),
        sorted(ExportFormat::NAMES)
    );
    assert_eq!(
        bash_completes(&script, &["inspraak", "--color", ""]),
        sorted(&["auto", "always", "never"])
    );
}

#[test]
fn zsh_and_fish_scripts_name_the_commands() {
    let names = subcommands();
    for (shell, check) in [("zsh", ["-n"]), ("fish", ["--no-execute"])] {
        let script = run(&["completions", shell]);
        for name in &names {
            assert!(script.contains(name.as_str()), "{shell}: {name}");
        }
        assert!(!script.contains("extract-file"), "{shell}");
        // The shells themselves may not be installed; where they are, they read the script.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(shell);
        std::fs::write(&path, &script).unwrap();
        if let Ok(out) = Command::new(shell).args(check).arg(&path).output() {
            assert!(
                out.status.success(),
                "{shell}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn the_man_page_covers_every_command() {
    let page = run(&["man"]);
    assert!(
        page.lines().any(|l| l.starts_with(".TH inspraak 1")),
        "{page}"
    );
    for name in subcommands() {
        let heading = format!(".SS \"inspraak {name}\"");
        assert!(page.contains(&heading), "{heading}");
        // The synopsis of each command, in bold.
        assert!(page.contains(&format!("\\fBinspraak {name}\\fR")), "{name}");
    }
    assert!(
        !page.contains("extract"),
        "the internal extract-file is not documented"
    );
    // One document: clap_mangen's references to pages of their own are not there.
    assert!(!page.contains("inspraak\\-search(1)"));
    assert_eq!(page.matches(".TH ").count(), 1);
    for option in [
        "\\-\\-color",
        "\\-\\-format",
        "\\-\\-consultation",
        "NO_COLOR",
    ] {
        assert!(page.contains(option), "{option}");
    }
    // A roff reader makes a page of it, where one is installed.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inspraak.1");
    std::fs::write(&path, &page).unwrap();
    if let Ok(out) = Command::new("man")
        .arg("-l")
        .arg(&path)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("inspraak quotes"),
            "{text}"
        );
    }
}

/// `inspraak --index INDEX ARGS` piped, with `NO_COLOR` as given.
fn piped(index: &Path, args: &[&str], no_color: Option<&str>) -> Output {
    let mut cmd = inspraak(index);
    cmd.args(args).env_remove("NO_COLOR").env_remove("RUST_LOG");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    cmd.output().unwrap()
}

/// `inspraak --index INDEX ARGS` with its standard output on a terminal, which `script` gives
/// it; what it printed there.
fn on_terminal(index: &Path, args: &[&str], no_color: Option<&str>) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut line = vec![
        quote(env!("CARGO_BIN_EXE_inspraak")),
        "--index".into(),
        quote(index.to_str().unwrap()),
    ];
    line.extend(args.iter().map(|a| quote(a)));
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &line.join(" "), "/dev/null"])
        .stdin(Stdio::null())
        .env_remove("NO_COLOR")
        .env_remove("INSPRAAK_INDEX");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd
        .output()
        .expect("util-linux's `script` gives the command a terminal");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{args:?}: {text}");
    assert!(text.contains("perenboomtoets"), "{args:?}: {text}");
    text
}

const MARKED: &str = "\x1b[1;33mperenboomtoets\x1b[0m";

#[test]
fn search_colours_as_asked() {
    let index = &crawled().index;
    let search = ["search", "perenboomtoets"];
    let with = |color: &'static str| [&search[..], &["--color", color]].concat();
    let stdout = |out: Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("perenboomtoets"), "{text}");
        text
    };

    // Piped: only `always` colours, NO_COLOR or not.
    let always = stdout(piped(index, &with("always"), None));
    assert!(always.contains(MARKED), "{always:?}");
    assert!(stdout(piped(index, &with("always"), Some("1"))).contains(MARKED));
    for (args, no_color) in [
        (&search[..], None),
        (&search[..], Some("1")),
        (&with("auto")[..], None),
        (&with("never")[..], None),
    ] {
        let text = stdout(piped(index, args, no_color));
        assert!(!text.contains('\x1b'), "{args:?} {no_color:?}: {text:?}");
        assert!(text.contains("[perenboomtoets]"), "{text}");
    }
    // Other formats are never coloured.
    let json = stdout(piped(
        index,
        &[&with("always")[..], &["--format", "json"]].concat(),
        None,
    ));
    assert!(!json.contains('\x1b'));

    // On a terminal: colour by default, none with NO_COLOR set (an empty one does not count)
    // or with `never`; `always` wins over NO_COLOR.
    assert!(on_terminal(index, &search, None).contains(MARKED));
    assert!(on_terminal(index, &search, Some("")).contains(MARKED));
    assert!(on_terminal(index, &with("always"), Some("1")).contains(MARKED));
    for (args, no_color) in [(&search[..], Some("1")), (&with("never")[..], None)] {
        let text = on_terminal(index, args, no_color);
        assert!(!text.contains('\x1b'), "{args:?} {no_color:?}: {text:?}");
    }
}

#[test]
fn log_lines_and_help_follow_color() {
    // Log lines go to standard error; piped, they are plain unless `always`.
    let copy = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&crawled().index, copy.path());
    let reindex = ["reindex", "--in-place"];
    let plain = piped(copy.path(), &reindex, None);
    let log = String::from_utf8_lossy(&plain.stderr);
    assert!(plain.status.success() && log.contains("INFO"), "{log}");
    assert!(!log.contains('\x1b'), "{log:?}");
    let coloured = piped(
        copy.path(),
        &[&reindex[..], &["--color", "always"]].concat(),
        None,
    );
    let log = String::from_utf8_lossy(&coloured.stderr);
    assert!(coloured.status.success() && log.contains('\x1b'), "{log:?}");

    // Clap's help follows the same choice, wherever `--color` stands.
    let help = |args: &[&str]| String::from_utf8(piped(copy.path(), args, None).stdout).unwrap();
    assert!(help(&["--color", "always", "search", "--help"]).contains('\x1b'));
    assert!(help(&["search", "--help", "--color=always"]).contains('\x1b'));
    assert!(!help(&["search", "--help"]).contains('\x1b'));
}

#[test]
fn an_unknown_color_is_refused_in_one_line() {
    for args in [
        &["search", "x", "--color", "sometimes"][..],
        &["--color=sometimes", "stats"],
    ] {
        let out = piped(Path::new("unused"), args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            err,
            "inspraak: --color 'sometimes' is unknown (use auto, always or never)\n"
        );
    }
    // The other values with a list of choices are refused the same way.
    for (args, said) in [
        (
            &["search", "x", "--format", "xml"][..],
            "--format 'xml' is unknown (use text, json, jsonl or csv)",
        ),
        (
            &["search", "x", "--color"],
            "--color needs a value (use auto, always or never)",
        ),
        (
            &["completions", "tcsh"],
            "shell 'tcsh' is unknown (use bash, elvish, fish, powershell or zsh)",
        ),
    ] {
        let out = piped(Path::new("unused"), args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("inspraak: {said}\n")
        );
    }
}
