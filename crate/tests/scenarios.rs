//! The labelled scenario suite (`tests/scenarios/journeys`, written by
//! `tests/scenarios/make-journeys.mjs`, and `tests/scenarios/browser`, the
//! journeys the browser e2e tests also run over the fixture sites): every journey replayed through the
//! engine with the real filter lists, each labelled item's kind compared with
//! the verdict. Prints per-kind precision, recall, F1 and the confusion
//! matrix; fails below the targets (macro-F1 ≥ 0.90, retargeted precision ≥
//! 0.95) or when a labelled item is not found at all.
//!
//! `cargo test --release -p adlens --test scenarios -- --nocapture`

#![allow(clippy::expect_used)]

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use adlens::lists::FilterLists;
use adlens::replay::replay;
use adlens::Engine;

const KINDS: [&str; 4] = ["contextual", "behavioural", "retargeted", "generic"];
const MISSED: &str = "missed";

/// The generated journeys, the ones the browser e2e tests also run, and the
/// hold-out set (written before the rules ever saw it). `ADLENS_SCENARIOS`
/// (a comma-separated list of these folders) scores only some of them.
fn journeys() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let chosen = std::env::var("ADLENS_SCENARIOS").unwrap_or_else(|_| "journeys,browser,holdout".into());
    for dir in chosen.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scenarios").join(dir);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut found: Vec<PathBuf> = entries
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

/// (journey, line, element id) → expected kind.
fn expectations(path: &Path) -> Vec<(usize, String, String)> {
    let text = std::fs::read_to_string(path).expect("journey");
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let visit: serde_json::Value = serde_json::from_str(line).expect("visit JSON");
        for (id, kind) in visit["expect"].as_object().expect("expect map") {
            out.push((i + 1, id.clone(), kind.as_str().expect("kind").to_owned()));
        }
    }
    out
}

#[test]
fn scenario_suite_meets_its_targets() {
    let snapshot = common::real_lists().to_snapshot();
    let files = journeys();
    let whole_suite = std::env::var_os("ADLENS_SCENARIOS").is_none();
    assert!(!whole_suite || files.len() >= 20, "only {} journeys", files.len());
    // confusion[expected][predicted]
    let mut confusion: HashMap<(String, String), usize> = HashMap::new();
    let mut wrong = Vec::new();
    let mut labelled = 0;
    for path in &files {
        let mut engine = Engine::new();
        engine.set_lists(FilterLists::from_snapshot(&snapshot).expect("snapshot"));
        let mut predicted: HashMap<(usize, String), (String, String)> = HashMap::new();
        let errors = replay(path, &mut engine, |r| {
            // An item is the labelled element, or found inside it (a vendor's
            // click link inside the labelled slot).
            let id = r.locator.id.clone().or_else(|| {
                let first = r.locator.css_path.split(" > ").next()?;
                first.strip_prefix('#').map(str::to_owned)
            });
            if let Some(id) = id {
                let kind = serde_json::to_value(r.verdict.kind).expect("kind").as_str().expect("str").to_owned();
                let why = r.verdict.evidence.iter().map(|e| e.sentence.clone()).collect::<Vec<_>>().join(" · ");
                predicted.entry((r.line, id)).or_insert((kind, why));
            }
        });
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        for (line, id, expected) in expectations(path) {
            labelled += 1;
            let (got, why) = predicted.get(&(line, id.clone())).cloned().unwrap_or((MISSED.into(), String::new()));
            if got != expected {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                wrong.push(format!("{name}:{line} #{id}: expected {expected}, got {got} ({why})"));
            }
            *confusion.entry((expected, got)).or_default() += 1;
        }
    }
    let count = |e: &str, p: &str| confusion.get(&(e.to_owned(), p.to_owned())).copied().unwrap_or(0);

    println!("\n{} journeys, {labelled} labelled items", files.len());
    println!(
        "{:>12} | {}",
        "expected ↓",
        KINDS.iter().chain([&MISSED]).map(|k| format!("{k:>11}")).collect::<String>()
    );
    for e in KINDS {
        let row: String = KINDS.iter().chain([&MISSED]).map(|p| format!("{:>11}", count(e, p))).collect();
        println!("{e:>12} | {row}");
    }
    let mut f1s = Vec::new();
    let mut precision_of = HashMap::new();
    println!("{:>12}   precision  recall     F1", "");
    for k in KINDS {
        let tp = count(k, k) as f64;
        let predicted: usize = KINDS.iter().map(|e| count(e, k)).sum();
        let actual: usize = KINDS.iter().chain([&MISSED]).map(|p| count(k, p)).sum();
        let precision = if predicted == 0 { 0.0 } else { tp / predicted as f64 };
        let recall = if actual == 0 { 0.0 } else { tp / actual as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        println!("{k:>12}   {precision:>9.3}  {recall:>6.3}  {f1:>5.3}");
        f1s.push(f1);
        precision_of.insert(k, precision);
    }
    let macro_f1 = f1s.iter().sum::<f64>() / f1s.len() as f64;
    println!("macro-F1 {macro_f1:.3}");
    for w in &wrong {
        println!("  {w}");
    }
    assert!(!whole_suite || labelled >= 200, "only {labelled} labelled items");
    let missed: usize = KINDS.iter().map(|e| count(e, MISSED)).sum();
    assert_eq!(missed, 0, "labelled items not found at all:\n{}", wrong.join("\n"));
    assert!(macro_f1 >= 0.90, "macro-F1 {macro_f1:.3} < 0.90");
    assert!(precision_of["retargeted"] >= 0.95, "retargeted precision {:.3} < 0.95", precision_of["retargeted"]);
}
