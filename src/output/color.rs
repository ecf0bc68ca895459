//! When to colour what inspraak prints: one choice (`--color auto|always|never`) for every
//! stream, read with the NO_COLOR convention (<https://no-color.org>), so search hits, log lines
//! and the command line's own help agree. It lives in the library, without clap, because the
//! library's writers take the answer as a plain `bool`.

use std::ffi::OsStr;
use std::io::IsTerminal;
use std::str::FromStr;

/// Whether to colour output: on a terminal, always or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Color {
    /// On a terminal, unless `NO_COLOR` is set to something.
    #[default]
    Auto,
    /// Always, piped or not, whatever `NO_COLOR` says.
    Always,
    /// Never.
    Never,
}

/// The variable of the NO_COLOR convention: set and not empty, `auto` colours nothing.
const NO_COLOR: &str = "NO_COLOR";

impl Color {
    /// The choices' names, as `--color` takes them.
    pub const NAMES: &'static [&'static str] = &["auto", "always", "never"];

    /// Whether to colour standard output.
    pub fn stdout(self) -> bool {
        self.enabled(std::io::stdout().is_terminal())
    }

    /// Whether to colour standard error (log lines).
    pub fn stderr(self) -> bool {
        self.enabled(std::io::stderr().is_terminal())
    }

    /// Whether to colour a stream that is or is not a terminal, with `NO_COLOR` as the process
    /// has it.
    pub fn enabled(self, terminal: bool) -> bool {
        self.decide(terminal, std::env::var_os(NO_COLOR).as_deref())
    }

    fn decide(self, terminal: bool, no_color: Option<&OsStr>) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            // The convention: present and not empty; `NO_COLOR=` (empty) does not count.
            Color::Auto => terminal && no_color.is_none_or(OsStr::is_empty),
        }
    }
}

impl FromStr for Color {
    type Err = String;

    fn from_str(s: &str) -> Result<Color, String> {
        match s {
            "auto" => Ok(Color::Auto),
            "always" => Ok(Color::Always),
            "never" => Ok(Color::Never),
            _ => Err(format!(
                "'{s}' is unknown (use {})",
                crate::text::either(Color::NAMES)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_follows_the_terminal_and_no_color() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(Color::Auto.decide(true, None));
        assert!(!Color::Auto.decide(false, None));
        assert!(!Color::Auto.decide(true, set));
        assert!(Color::Auto.decide(true, empty));
        // An explicit choice wins over both.
        assert!(Color::Always.decide(false, set));
        assert!(!Color::Never.decide(true, None));
    }

    #[test]
    fn names_read_back() {
        for name in Color::NAMES {
            assert!(name.parse::<Color>().is_ok(), "{name}");
        }
        assert_eq!(
            "sometimes".parse::<Color>(),
            Err("'sometimes' is unknown (use auto, always or never)".to_string())
        );
    }
}
