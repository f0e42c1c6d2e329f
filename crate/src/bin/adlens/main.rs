//! `adlens`: the engine on the command line, for the build and for
//! researchers. Subcommands:
//!
//! - `adlens compile-lists --lists-dir DIR --out FILE`: compiles
//!   `easylist.txt` and `easyprivacy.txt` from DIR into a filter-list
//!   snapshot (what the extension loads at start-up).
//! - `adlens scan --url PAGE_URL [--lists SNAPSHOT | --lists-dir DIR] FILE.html…`:
//!   finds the ads and widgets in saved pages; JSON Lines on stdout.
//! - `adlens replay [--lists SNAPSHOT | --lists-dir DIR] JOURNEY.jsonl…`:
//!   replays recorded browsing journeys and prints each found item's verdict.

mod compile_lists;
mod replay;
mod scan;

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
    /// A page could not be analysed.
    Input(String, adlens::InputError),
    /// A result could not be written.
    Output(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(why) => write!(f, "{why}\n\n{USAGE}"),
            CliError::Io(path, e) => write!(f, "{path}: {e}"),
            CliError::Lists(e) => write!(f, "{e}"),
            CliError::Input(file, e) => write!(f, "{file}: {e}"),
            CliError::Output(why) => write!(f, "could not write the result: {why}"),
        }
    }
}

const USAGE: &str = "usage:
  adlens compile-lists --lists-dir DIR --out FILE
  adlens scan --url PAGE_URL [--lists SNAPSHOT | --lists-dir DIR] FILE.html...
  adlens replay [--lists SNAPSHOT | --lists-dir DIR] JOURNEY.jsonl...

Lists: --lists SNAPSHOT, else --lists-dir DIR (easylist.txt, easyprivacy.txt),
else $ADLENS_LISTS, else the snapshot the build made (target/adlens-data/lists.bin).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("compile-lists") => compile_lists::run(&args[1..]),
        Some("scan") => scan::run(&args[1..]),
        Some("replay") => replay::run(&args[1..]),
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
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// The filter lists named on the command line, by `ADLENS_LISTS`, or made by
/// the build.
pub fn load_lists(args: &[String]) -> Result<adlens::lists::FilterLists, CliError> {
    if let Some(dir) = flag_value(args, "--lists-dir") {
        return compile_lists::compile_dir(dir);
    }
    let snapshot = flag_value(args, "--lists")
        .map(str::to_owned)
        .or_else(|| std::env::var("ADLENS_LISTS").ok())
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../target/adlens-data/lists.bin").to_owned());
    let bytes = std::fs::read(&snapshot).map_err(|e| CliError::Io(snapshot.clone(), e))?;
    adlens::lists::FilterLists::from_snapshot(&bytes).map_err(CliError::Lists)
}
