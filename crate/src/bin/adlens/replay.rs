//! `adlens replay JOURNEY.jsonl|FILE.har…`: recorded browsing journeys through the
//! engine, one JSON line per found item per visit (format: `adlens::replay`),
//! or with `--export` the extension's research export (format:
//! `adlens::export`), so crawls and real browsing can be analysed together.

use std::cell::RefCell;
use std::io::{StdoutLock, Write};
use std::path::Path;

use adlens::export::{ExportOptions, Exporter, Format, PageUrls};
use adlens::replay::replay_observed;
use adlens::Engine;

use crate::scan::positional;
use crate::{flag_value, load_lists, load_trackers, now_ms, CliError};

/// Flags of `replay` that take no value.
const SWITCHES: [&str; 3] = ["--export", "--drop-query", "--no-evidence"];

pub fn run(args: &[String]) -> Result<(), CliError> {
    let journeys = positional(args, &SWITCHES);
    if journeys.is_empty() {
        return Err(CliError::Usage("replay needs at least one JOURNEY.jsonl or FILE.har".into()));
    }
    let mut exporter = if args.iter().any(|a| a == "--export") { Some(exporter(args)?) } else { None };
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
    // Both the item and the observation callbacks write; one at a time.
    let out = RefCell::new(Output { stdout: std::io::stdout().lock(), error: None });
    let write = |text: &str| out.borrow_mut().write(text);
    let exporting = exporter.is_some();
    if let Some(exporter) = exporter.as_mut() {
        write(&exporter.header_line());
    }
    let mut failed = 0;
    for journey in journeys {
        // Each journey is its own browsing: it starts from an empty memory.
        let mut engine = Engine::new();
        if use_lists {
            engine.set_lists(load_lists(args)?);
        }
        if exporting {
            load_trackers(args, &mut engine);
        }
        let errors = replay_observed(
            Path::new(journey),
            &mut engine,
            |record| {
                if !exporting {
                    match serde_json::to_string(&record) {
                        Ok(line) => write(&format!("{line}\n")),
                        Err(e) => eprintln!("adlens: could not write a record: {e}"),
                    }
                }
            },
            |observations| {
                if let Some(exporter) = exporter.as_mut() {
                    for line in observations.iter().filter_map(|o| exporter.line(o)) {
                        write(&line);
                    }
                }
            },
        );
        for error in &errors {
            eprintln!("adlens: {journey}: {error}");
        }
        failed += errors.len();
    }
    if let Some(e) = out.into_inner().error {
        return Err(e);
    }
    if failed > 0 {
        return Err(CliError::Invalid(format!("{failed} visit(s) could not be replayed (see above)")));
    }
    Ok(())
}

/// Standard output, remembering the first write error.
struct Output {
    stdout: StdoutLock<'static>,
    error: Option<CliError>,
}

impl Output {
    fn write(&mut self, text: &str) {
        if let Err(e) = self.stdout.write_all(text.as_bytes()) {
            self.error.get_or_insert(CliError::Io("stdout".into(), e));
        }
    }
}

/// The export options on the command line, with a fresh salt.
fn exporter(args: &[String]) -> Result<Exporter, CliError> {
    let format = match flag_value(args, "--format").unwrap_or("jsonl") {
        "jsonl" => Format::Jsonl,
        "csv" => Format::Csv,
        other => return Err(CliError::Usage(format!("--format is jsonl or csv, not {other:?}"))),
    };
    let page_urls = match flag_value(args, "--page-urls").unwrap_or("full") {
        "full" => PageUrls::Full,
        "hash" => PageUrls::Hash,
        "site" => PageUrls::Site,
        other => return Err(CliError::Usage(format!("--page-urls is full, hash or site, not {other:?}"))),
    };
    let options = ExportOptions {
        format,
        page_urls,
        drop_query: args.iter().any(|a| a == "--drop-query"),
        include_evidence: !args.iter().any(|a| a == "--no-evidence"),
        ..ExportOptions::default()
    };
    let producer = format!("adlens replay {}", adlens::engine::ENGINE_VERSION);
    Exporter::new(options, &fresh_salt()?, &producer, now_ms()).map_err(|e| CliError::Usage(e.to_string()))
}

/// 16 random bytes from the operating system, as hex: a new salt per export.
fn fresh_salt() -> Result<String, CliError> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| CliError::Io("/dev/urandom".into(), e))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
