//! A recorded browsing journey, replayed through the engine natively: what
//! `adlens replay` runs, and what the scenario suite measures.
//!
//! Each line of a journey file is one visit (JSON):
//! `{"time": RFC 3339, "url": …, "html_file": path relative to the journey
//! file, or "html": the page inline, "requests": [{"url", "type"}] (optional),
//! "gpc": true when the browser sent Global Privacy Control (optional)}`.
//! Visits are replayed in file order: first the page's requests (as the
//! browser makes them before the page is scanned), then the page itself,
//! analysed with what the earlier visits left in memory, then remembered.
//! A HAR file (named `*.har`, or known by its first line) is a browser's
//! recording instead ([`crate::har`]): its top-level page loads are the
//! visits, numbered from 1 as lines are.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::detect::FoundItem;
use crate::engine::Engine;
pub use crate::export::parse_time;
use crate::har::{har_visits, HarError, HarVisit, MAX_HAR_BYTES};
use crate::html_locators::{snapshot_with_locators, Locator};
use crate::html_youtube::add_scheduled_ads;
use crate::observations::Observation;
use crate::saved_page::FrameDocument;
use crate::saved_page::{frame_reports, read_saved_page};
use crate::verdict::Verdict;

/// One visit of a journey.
#[derive(Debug, Clone, Deserialize)]
pub struct Visit {
    /// When, RFC 3339.
    pub time: String,
    /// The page's URL.
    pub url: String,
    /// The saved page, relative to the journey file.
    #[serde(default)]
    pub html_file: Option<String>,
    /// Or the page itself.
    #[serde(default)]
    pub html: Option<String>,
    /// What the page loaded, in order.
    #[serde(default)]
    pub requests: Vec<VisitRequest>,
    /// The documents of its frames, where recorded: a frame's content
    /// belongs to the slot holding it, as in the extension.
    #[serde(default)]
    pub frames: Vec<FrameDocument>,
    /// The browser sent Global Privacy Control with the visit (a HAR says
    /// so by the page request's `Sec-GPC: 1` header).
    #[serde(default)]
    pub gpc: bool,
}

/// One request a page made.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct VisitRequest {
    /// The request's URL.
    pub url: String,
    /// Its type as the browser names it (`script`, `image`, `sub_frame`…).
    #[serde(rename = "type", default = "other")]
    pub request_type: String,
}

fn other() -> String {
    "other".to_owned()
}

/// One found item of one visit, with its verdict.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplayRecord {
    /// The visit's line in the journey file (1-based).
    pub line: usize,
    /// The visit's time, as given.
    pub time: String,
    /// The visit's URL.
    pub url: String,
    /// Where the item is in the page.
    pub locator: Locator,
    /// What was found.
    #[serde(flatten)]
    pub item: FoundItem,
    /// Why it is shown (kind, confidence, evidence, classifier version).
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// Why a journey, or one of its visits, could not be replayed.
#[derive(Debug)]
pub enum ReplayError {
    /// The journey file could not be read.
    Journey(PathBuf, std::io::Error),
    /// The journey is a HAR file that cannot be read as one.
    Har(PathBuf, HarError),
    /// One visit is wrong; the others are still replayed.
    Visit {
        /// Its line in the journey file (1-based).
        line: usize,
        /// What is wrong, for the person who wrote it.
        why: String,
    },
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplayError::Journey(path, e) => write!(f, "{}: {e}", path.display()),
            ReplayError::Har(path, e) => write!(f, "{}: {e}", path.display()),
            ReplayError::Visit { line, why } => write!(f, "line {line}: {why}"),
        }
    }
}

impl std::error::Error for ReplayError {}

/// Replays the journey at `path` through `engine`, handing each found item
/// to `emit`. A bad visit is reported and skipped; the rest go on.
pub fn replay(path: &Path, engine: &mut Engine, emit: impl FnMut(ReplayRecord)) -> Vec<ReplayError> {
    replay_observed(path, engine, emit, |_| {})
}

/// [`replay`], also handing each visit's observations (the page, its items,
/// its third parties and remarketing events: see [`crate::observations`])
/// to `observe`. A visit's id is the journey file's name and its line.
pub fn replay_observed(
    path: &Path,
    engine: &mut Engine,
    mut emit: impl FnMut(ReplayRecord),
    mut observe: impl FnMut(Vec<Observation>),
) -> Vec<ReplayError> {
    let text = match read_journey(path) {
        Ok(text) => text,
        Err(e) => return vec![ReplayError::Journey(path.to_owned(), e)],
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let journey = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    // A HAR's visits are numbered as a journey file's lines are.
    let visits: Vec<(usize, Result<Visit, String>)> = if is_har(path) || looks_like_har(&text) {
        match har_visits(&text) {
            Ok(visits) => visits.into_iter().enumerate().map(|(i, v)| (i + 1, visit_of_har(v))).collect(),
            Err(e) => return vec![ReplayError::Har(path.to_owned(), e)],
        }
    } else {
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| (i + 1, serde_json::from_str(line).map_err(|e| format!("not a visit: {e}"))))
            .collect()
    };
    let mut errors = Vec::new();
    for (line_no, visit) in visits {
        let visit_id = format!("{journey}:{line_no}");
        let result = visit.and_then(|visit| replay_visit(&visit, line_no, base, &visit_id, engine, &mut emit));
        observe(engine.take_observations());
        if let Err(why) = result {
            errors.push(ReplayError::Visit { line: line_no, why });
        }
    }
    errors
}

/// Whether a journey is a HAR file (by its name: `.har`).
fn is_har(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("har"))
}

/// Whether a journey's text is a HAR whatever its name (saved as `.json`):
/// its first line is `{` alone (pretty-printed) or opens the `log` object
/// (compact); a journey file's first line is a whole visit.
fn looks_like_har(text: &str) -> bool {
    let first = text.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or("");
    let opening: String = first.chars().filter(|c| !c.is_whitespace()).take(6).collect();
    first == "{" || opening == "{\"log\""
}

/// A journey's text; a HAR over its cap is refused before it is read.
fn read_journey(path: &Path) -> Result<String, std::io::Error> {
    if is_har(path) {
        let size = std::fs::metadata(path)?.len();
        if size > MAX_HAR_BYTES {
            return Err(std::io::Error::other(HarError::TooLarge(size)));
        }
    }
    std::fs::read_to_string(path)
}

/// A HAR's visit as a journey's: its page inline, or in a file beside it.
fn visit_of_har(visit: HarVisit) -> Result<Visit, String> {
    if let Some(problem) = visit.problem {
        return Err(problem);
    }
    let html = visit.html_file.is_none().then_some(visit.html);
    Ok(Visit {
        time: visit.time,
        url: visit.url,
        html_file: visit.html_file,
        html,
        requests: visit.requests,
        frames: visit.frames,
        gpc: visit.gpc,
    })
}

fn replay_visit(
    visit: &Visit,
    line_no: usize,
    base: &Path,
    visit_id: &str,
    engine: &mut Engine,
    emit: &mut impl FnMut(ReplayRecord),
) -> Result<(), String> {
    let time_ms = parse_time(&visit.time)?;
    let (html, saved_frames, as_shown) = match (&visit.html, &visit.html_file) {
        (Some(html), _) => (html.clone(), Vec::new(), false),
        (None, Some(file)) => {
            let saved = read_saved_page(&base.join(file))?;
            (saved.html, saved.frames, saved.as_shown)
        }
        (None, None) => return Err("a visit needs \"html_file\" or \"html\"".into()),
    };
    for request in &visit.requests {
        engine.observe_visit_request(&request.url, &visit.url, &request.request_type, time_ms, visit_id);
    }
    let (mut snapshot, locators) = snapshot_with_locators(&html, &visit.url, engine.scan_plan(), engine.lists());
    if !as_shown {
        add_scheduled_ads(&mut snapshot, &html, engine.scan_plan());
    }
    let frames: Vec<FrameDocument> = saved_frames.into_iter().chain(visit.frames.iter().cloned()).collect();
    snapshot.frames = frame_reports(&frames, base, engine.scan_plan())?;
    snapshot.gpc = visit.gpc;
    let report = engine.visit_page(snapshot, time_ms).map_err(|e| e.to_string())?;
    engine.log_page(visit_id, &report, time_ms, |key| locators.get(&key).map(|l| l.css_path.clone()));
    for reported in report.items {
        let locator =
            locators.get(&reported.item.key).cloned().unwrap_or(Locator { id: None, css_path: String::new() });
        emit(ReplayRecord {
            line: line_no,
            time: visit.time.clone(),
            url: report.url.clone(),
            locator,
            item: reported.item,
            verdict: reported.verdict,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times_with_offsets() {
        assert_eq!(parse_time("1970-01-01T00:00:01Z"), Ok(1000));
        assert_eq!(parse_time("1970-01-01T01:00:01+01:00"), Ok(1000));
        assert!(parse_time("yesterday").unwrap_err().contains("not RFC 3339"));
        assert!(parse_time("1969-12-31T23:59:59Z").unwrap_err().contains("before 1970"));
    }

    #[test]
    fn a_har_is_known_by_its_text_whatever_its_name() {
        let har = serde_json::json!({"log": {"version": "1.2", "entries": [{
            "startedDateTime": "2026-12-05T10:00:00Z",
            "request": {"url": "https://news.example/a"},
            "response": {"status": 200, "content": {"mimeType": "text/html", "text": "<div id=\"div-gpt-ad-1\">Ad</div>"}},
        }]}});
        let dir = std::env::temp_dir().join(format!("adlens-har-named-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        for (name, text) in
            [("pretty.json", serde_json::to_string_pretty(&har).expect("json")), ("compact.json", har.to_string())]
        {
            let file = dir.join(name);
            std::fs::write(&file, text).expect("write HAR");
            let mut records = Vec::new();
            let errors = replay(&file, &mut Engine::new(), |r| records.push(r));
            assert!(errors.is_empty(), "{name}: {errors:?}");
            assert_eq!(
                records.iter().map(|r| (r.line, r.locator.id.as_deref())).collect::<Vec<_>>(),
                [(1, Some("div-gpt-ad-1"))]
            );
        }
        assert!(!looks_like_har(r#"{"time":"2026-11-20T10:00:00Z","url":"https://a.example/","html":""}"#));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_visit_s_frames_give_their_slot_its_creative() {
        // The slot's frame holds the creative's own frame, as ad servers'
        // wrappers do; the creative leads to the shop.
        let dir = std::env::temp_dir().join(format!("adlens-replay-frames-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("creative.html"), r#"<a href="https://shop.example/p/1">Trail Runner X</a>"#)
            .expect("write frame");
        let slot = r#"<div id=\"div-gpt-ad-1\"><iframe src=\"https://ads.example/c.html\"></iframe></div>"#;
        let container = r#"<iframe src=\"creative.html\"></iframe>"#;
        let visit = |frames: &str| {
            format!(
                r#"{{"time":"2026-11-20T10:00:00Z","url":"https://news.example/a","html":"{slot}","frames":[{frames}]}}"#
            )
        };
        let lines = [
            visit(&format!(
                r#"{{"url":"https://ads.example/c.html","html":"{container}"}},{{"url":"https://ads.example/creative.html","html_file":"creative.html"}}"#
            )),
            visit(""),
            visit(r#"{"url":"https://ads.example/c.html","html_file":"gone.html"}"#),
            visit(r#"{"url":"https://ads.example/c.html"}"#),
        ];
        let journey = dir.join("journey.jsonl");
        std::fs::write(&journey, lines.join("\n")).expect("write journey");
        let mut records = Vec::new();
        let errors = replay(&journey, &mut Engine::new(), |r| records.push(r));
        let landing: Vec<(usize, Option<&str>, &str)> =
            records.iter().map(|r| (r.line, r.item.landing_domain.as_deref(), r.item.text.as_str())).collect();
        assert_eq!(landing, [(1, Some("shop.example"), "Trail Runner X"), (2, None, "")]);
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("line 3: ") && messages[0].contains("gone.html"), "{messages:?}");
        assert!(messages[1].contains("frame https://ads.example/c.html: needs"), "{messages:?}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn bad_visits_are_reported_and_the_rest_replayed() {
        let dir = std::env::temp_dir().join(format!("adlens-replay-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let journey = dir.join("journey.jsonl");
        let good = r#"{"time":"2026-11-20T10:00:00Z","url":"https://news.example/a","html":"<div id=\"div-gpt-ad-1\">Ad</div>"}"#;
        let lines = [
            "{not json",
            r#"{"time":"2026-11-20T10:00:00Z","url":"https://news.example/"}"#,
            r#"{"time":"2026-11-20T10:00:00Z","url":"https://news.example/","html_file":"missing.html"}"#,
            r#"{"time":"2026-11-20T10:00:00Z","url":"ftp://news.example/","html":""}"#,
            good,
        ];
        std::fs::write(&journey, lines.join("\n")).expect("write journey");
        let mut records = Vec::new();
        let errors = replay(&journey, &mut Engine::new(), |r| records.push(r));
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[0].starts_with("line 1: not a visit"));
        assert!(messages[1].contains("needs \"html_file\" or \"html\""));
        assert!(messages[2].contains("missing.html"));
        assert!(messages[3].contains("not an absolute http(s) URL"));
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].line, 5);
        assert_eq!(records[0].locator.id.as_deref(), Some("div-gpt-ad-1"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
