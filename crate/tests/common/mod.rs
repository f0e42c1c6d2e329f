//! Where the shared reference data is: `ADLENS_DATA_DIR`, else `../shared/data`
//! beside the checkout. Tests that need it fail with this message when it is
//! missing: they never skip silently.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::io::Read;
use std::path::PathBuf;

use adlens::lists::FilterLists;

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

pub fn real_lists() -> FilterLists {
    let easylist = read_text("lists/easylist.txt");
    let easyprivacy = read_text("lists/easyprivacy.txt");
    FilterLists::compile(&[("easylist", &easylist), ("easyprivacy", &easyprivacy)]).expect("the real lists compile")
}
