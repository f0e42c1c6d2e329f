//! `adlens`: the engine on the command line, for the build and for
//! researchers. Subcommands:
//!
//! - `adlens compile-lists --lists-dir DIR --out FILE`: compiles
//!   `easylist.txt` and `easyprivacy.txt` from DIR into a filter-list
//!   snapshot (what the extension loads at start-up).
//! - `adlens scan [--url PAGE_URL] [--lists SNAPSHOT | --lists-dir DIR] FILE.html|FILE.mhtml…`:
//!   finds the ads and widgets in saved pages (HTML, or MHTML with their
//!   frames); JSON Lines on stdout.
//! - `adlens replay [--lists SNAPSHOT | --lists-dir DIR] [--export …] JOURNEY.jsonl|FILE.har…`:
//!   replays recorded browsing journeys (AdLens's own format, or a browser's
//!   HAR recording) and prints each found item's verdict,
//!   or with `--export` the research export of everything observed.
//! - `adlens validate FILE.jsonl…`: checks exports against the JSON Schema.

mod compile_lists;
mod replay;
mod scan;
mod validate;

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
    /// What was checked is not valid (the details were printed).
    Invalid(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(why) => write!(f, "{why}\n\n{USAGE}"),
            CliError::Io(path, e) => write!(f, "{path}: {e}"),
            CliError::Lists(e) => write!(f, "{e}"),
            CliError::Input(file, e) => write!(f, "{file}: {e}"),
            CliError::Output(why) => write!(f, "could not write the result: {why}"),
            CliError::Invalid(why) => write!(f, "{why}"),
        }
    }
}

const USAGE: &str = "usage:
  adlens compile-lists --lists-dir DIR --out FILE
  adlens scan [--url PAGE_URL] [--lists SNAPSHOT | --lists-dir DIR] FILE.html|FILE.mhtml...
  adlens replay [--lists SNAPSHOT | --lists-dir DIR] JOURNEY.jsonl|FILE.har...
  adlens replay --export [--format jsonl|csv] [--drop-query] [--page-urls full|hash|site]
                [--no-evidence] [--lists SNAPSHOT | --lists-dir DIR] [--trackers FILE] JOURNEY.jsonl|FILE.har...
  adlens validate EXPORT.jsonl...

Lists: --lists SNAPSHOT, else --lists-dir DIR (easylist.txt, easyprivacy.txt),
else $ADLENS_LISTS, else the snapshot the build made (target/adlens-data/lists.bin).
Trackers (company, category of third parties): --trackers FILE, else $ADLENS_TRACKERS,
else the build's target/adlens-data/trackers.json.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("compile-lists") => compile_lists::run(&args[1..]),
        Some("scan") => scan::run(&args[1..]),
        Some("replay") => replay::run(&args[1..]),
        Some("validate") => validate::run(&args[1..]),
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

/// Now, in epoch milliseconds.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// The value after `--name` in `args`, if present.
pub fn flag_value<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// The tracker database (AdGuard's companies, compacted by the build) named
/// by `--trackers`, else `$ADLENS_TRACKERS`, else the build's; `None`, with a
/// note on stderr, when there is none: contacts then lack company and category.
pub fn load_trackers(args: &[String], engine: &mut adlens::Engine) {
    let path = flag_value(args, "--trackers")
        .map(str::to_owned)
        .or_else(|| std::env::var("ADLENS_TRACKERS").ok())
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../target/adlens-data/trackers.json").to_owned());
    let loaded = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|json| engine.load_trackers(&json).map(|_| ()).map_err(|e| e.to_string()));
    if let Err(e) = loaded {
        eprintln!("adlens: no tracker database ({path}: {e}); third parties will lack company and category");
    }
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
