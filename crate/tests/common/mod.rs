//! Where the shared reference data is: `ADLENS_DATA_DIR`, else `../shared/data`
//! beside the checkout. Tests that need it fail with this message when it is
//! missing: they never skip silently.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::io::Read;
use std::path::{Path, PathBuf};

use adlens::export::{ExportOptions, Exporter};
use adlens::lists::FilterLists;
use adlens::observations::Observation;
use adlens::replay::replay_observed;
use adlens::Engine;

pub fn data_dir() -> PathBuf {
    let dir = std::env::var_os("ADLENS_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
    assert!(
        dir.join("lists/easylist.txt").is_file(),
        "reference data not found at {}: set ADLENS_DATA_DIR to the shared data folder",
        dir.display()
    );
    dir
}

pub fn read_text(rel: &str) -> String {
    std::fs::read_to_string(data_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn read_gz_lines(rel: &str) -> Vec<String> {
    let file = std::fs::File::open(data_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    text.lines().map(str::to_owned).collect()
}

/// A journey's observations, replayed from an empty memory, and their
/// export as JSON Lines (the header, then one line each), as `adlens replay
/// --export` writes them.
pub fn observed_and_exported(journey: &Path) -> (Vec<Observation>, String) {
    let mut engine = Engine::new();
    let mut observations: Vec<Observation> = Vec::new();
    let errors = replay_observed(journey, &mut engine, |_| {}, |batch| observations.extend(batch));
    assert!(errors.is_empty(), "{errors:?}");
    let mut exporter = Exporter::new(ExportOptions::default(), "salt", "test", 0).expect("options");
    let mut text = exporter.header_line();
    for o in &observations {
        text.extend(exporter.line(o));
    }
    (observations, text)
}

pub fn real_lists() -> FilterLists {
    let easylist = read_text("lists/easylist.txt");
    let easyprivacy = read_text("lists/easyprivacy.txt");
    FilterLists::compile(&[("easylist", &easylist), ("easyprivacy", &easyprivacy)]).expect("the real lists compile")
}
