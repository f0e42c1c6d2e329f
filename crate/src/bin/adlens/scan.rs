//! `adlens scan [--url PAGE_URL] FILE.html|FILE.mhtml…`: the extension's
//! detection on saved pages, one JSON line per found item (`--snapshot`: the
//! page snapshot the content script would send instead). A page saved as
//! MHTML brings its frames' documents and its URL (`--url` overrides it).

use std::io::Write;
use std::path::Path;

use adlens::html_scan::snapshot_from_html;
use adlens::html_youtube::add_scheduled_ads;
use adlens::saved_page::{frame_reports, read_saved_page};
use adlens::Engine;
use serde::Serialize;

use crate::{flag_value, load_lists, now_ms, CliError};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ScanRecord<'a> {
    file: &'a str,
    page_url: &'a str,
    #[serde(flatten)]
    item: &'a adlens::engine::ReportedItem,
    lists_version: Option<String>,
}

pub fn run(args: &[String]) -> Result<(), CliError> {
    let url_flag = flag_value(args, "--url");
    let files: Vec<&String> = positional(args, &["--snapshot"]);
    if files.is_empty() {
        return Err(CliError::Usage("scan needs at least one FILE.html or FILE.mhtml".into()));
    }
    let mut engine = Engine::new();
    engine.set_lists(load_lists(args)?);
    let lists_version = engine.lists().map(|l| l.info().version_string());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in files {
        let saved = read_saved_page(Path::new(file)).map_err(CliError::Invalid)?;
        let page_url = url_flag.or(saved.url.as_deref()).ok_or_else(|| {
            CliError::Usage(format!("{file}: a saved HTML page does not say its URL: scan needs --url PAGE_URL"))
        })?;
        let mut snapshot = snapshot_from_html(&saved.html, page_url, engine.scan_plan(), engine.lists());
        if !saved.as_shown {
            add_scheduled_ads(&mut snapshot, &saved.html, engine.scan_plan());
        }
        snapshot.frames =
            frame_reports(&saved.frames, Path::new("."), engine.scan_plan()).map_err(CliError::Invalid)?;
        if args.iter().any(|a| a == "--snapshot") {
            let line = serde_json::to_string(&snapshot).map_err(|e| CliError::Output(e.to_string()))?;
            writeln!(out, "{line}").map_err(|e| CliError::Io("stdout".into(), e))?;
            continue;
        }
        let report = engine.analyze_page(snapshot, now_ms()).map_err(|e| CliError::Input(file.clone(), e))?;
        for item in &report.items {
            let record = ScanRecord { file, page_url, item, lists_version: lists_version.clone() };
            let line = serde_json::to_string(&record).map_err(|e| CliError::Output(e.to_string()))?;
            writeln!(out, "{line}").map_err(|e| CliError::Io("stdout".into(), e))?;
        }
    }
    Ok(())
}

/// The arguments that are not flags; every flag takes a value except those
/// in `switches`.
pub fn positional<'a>(args: &'a [String], switches: &[&str]) -> Vec<&'a String> {
    let mut out = Vec::new();
    let mut skip = false;
    for arg in args {
        if skip {
            skip = false;
        } else if switches.contains(&arg.as_str()) {
            continue;
        } else if arg.starts_with("--") {
            skip = true;
        } else {
            out.push(arg);
        }
    }
    out
}
