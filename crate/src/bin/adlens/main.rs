//! `adlens`: the engine on the command line, for the build and for
//! researchers. Subcommands:
//!
//! - `adlens compile-lists --lists-dir DIR --out FILE`: compiles
//!   `easylist.txt` and `easyprivacy.txt` from DIR into a filter-list
//!   snapshot (what the extension loads at start-up).

mod compile_lists;

use std::fmt;
use std::process::ExitCode;

/// Why a command failed; printed as one line on stderr.
#[derive(Debug)]
pub enum CliError {
    /// The command line is wrong.
    Usage(String),
    /// A file could not be read or written.
    Io(String, std::io::Error),
    /// The filter lists were refused.
    Lists(adlens::lists::ListError),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(why) => write!(f, "{why}\n\n{USAGE}"),
            CliError::Io(path, e) => write!(f, "{path}: {e}"),
            CliError::Lists(e) => write!(f, "{e}"),
        }
    }
}

const USAGE: &str = "usage:
  adlens compile-lists --lists-dir DIR --out FILE";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("compile-lists") => compile_lists::run(&args[1..]),
        Some("--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(CliError::Usage(format!("unknown command {other:?}"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("adlens: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The value after `--name` in `args`, if present.
pub fn flag_value<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}
