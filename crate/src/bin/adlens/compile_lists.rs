//! `adlens compile-lists`: list text → snapshot file.

use std::path::Path;
use std::time::Instant;

use adlens::lists::FilterLists;

use crate::{flag_value, CliError};

/// The lists AdLens uses, by file name in the lists directory.
pub const LIST_FILES: [(&str, &str); 2] = [("easylist", "easylist.txt"), ("easyprivacy", "easyprivacy.txt")];

pub fn run(args: &[String]) -> Result<(), CliError> {
    let dir =
        flag_value(args, "--lists-dir").ok_or_else(|| CliError::Usage("compile-lists needs --lists-dir DIR".into()))?;
    let out = flag_value(args, "--out").ok_or_else(|| CliError::Usage("compile-lists needs --out FILE".into()))?;
    let started = Instant::now();
    let lists = compile_dir(dir)?;
    let snapshot = lists.to_snapshot();
    // Write beside the target, then rename: a reader never sees half a file.
    let tmp = format!("{out}.tmp");
    std::fs::write(&tmp, &snapshot).map_err(|e| CliError::Io(tmp.clone(), e))?;
    std::fs::rename(&tmp, out).map_err(|e| CliError::Io(out.to_owned(), e))?;
    eprintln!(
        "adlens: compiled {} into {out} ({} bytes) in {} ms",
        lists.info().version_string(),
        snapshot.len(),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// Compiles the lists found in `dir`.
pub fn compile_dir(dir: &str) -> Result<FilterLists, CliError> {
    let mut texts = Vec::new();
    for (name, file) in LIST_FILES {
        let path = Path::new(dir).join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| CliError::Io(path.display().to_string(), e))?;
        texts.push((name, text));
    }
    let pairs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    FilterLists::compile(&pairs).map_err(CliError::Lists)
}
