//! `adlens replay JOURNEY.jsonl…`: recorded browsing journeys through the
//! engine, one JSON line per found item per visit (format: `adlens::replay`).

use std::io::Write;
use std::path::Path;

use adlens::replay::replay;
use adlens::Engine;

use crate::scan::positional;
use crate::{flag_value, load_lists, CliError};

pub fn run(args: &[String]) -> Result<(), CliError> {
    let journeys = positional(args);
    if journeys.is_empty() {
        return Err(CliError::Usage("replay needs at least one JOURNEY.jsonl".into()));
    }
    let named = flag_value(args, "--lists").is_some()
        || flag_value(args, "--lists-dir").is_some()
        || std::env::var_os("ADLENS_LISTS").is_some();
    let use_lists = match load_lists(args) {
        Ok(_) => true,
        // Lists someone asked for must load; the build's default may be absent.
        Err(e) if named => return Err(e),
        Err(e) => {
            eprintln!("adlens: no filter lists ({e}); finding items by vendor markers and labels only");
            false
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    for journey in journeys {
        // Each journey is its own browsing: it starts from an empty memory.
        let mut engine = Engine::new();
        if use_lists {
            engine.set_lists(load_lists(args)?);
        }
        let mut write_error = None;
        let errors = replay(Path::new(journey), &mut engine, |record| {
            let written = serde_json::to_string(&record)
                .map_err(|e| CliError::Output(e.to_string()))
                .and_then(|line| writeln!(out, "{line}").map_err(|e| CliError::Io("stdout".into(), e)));
            if let Err(e) = written {
                write_error.get_or_insert(e);
            }
        });
        if let Some(e) = write_error {
            return Err(e);
        }
        for error in &errors {
            eprintln!("adlens: {journey}: {error}");
        }
        failed += errors.len();
    }
    if failed > 0 {
        return Err(CliError::Usage(format!("{failed} visit(s) could not be replayed (see above)")));
    }
    Ok(())
}
