//! Reading a JSON Lines research export back (see [`crate::export`] for the
//! format), all or nothing: a wrong header or schema version, or any bad
//! line, refuses the whole file with the line's number, so an import never
//! stores half a file.

use std::fmt;

use serde_json::Value;

use crate::export::{parse_time, ExportHeader, EXPORT_FORMAT, TIME_FIELDS};
use crate::observations::{Observation, OBSERVATIONS_VERSION};

/// Most lines an import reads (a year of heavy browsing is far below it).
pub const MAX_IMPORT_LINES: usize = 2_000_000;

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file is empty.
    Empty,
    /// The first line is not an AdLens export header.
    NotAnExport(String),
    /// It was written for another schema version.
    WrongVersion(u32),
    /// One line is not a valid record; nothing is imported.
    BadLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        why: String,
    },
    /// The file has more lines than [`MAX_IMPORT_LINES`].
    TooLong(usize),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "the file is empty"),
            ImportError::NotAnExport(why) => write!(f, "not an AdLens export (JSON Lines): {why}"),
            ImportError::WrongVersion(v) => {
                write!(f, "this export has schema version {v}; this AdLens reads version {OBSERVATIONS_VERSION}")
            }
            ImportError::BadLine { line, why } => write!(f, "line {line}: {why}"),
            ImportError::TooLong(n) => write!(f, "more than {n} lines"),
        }
    }
}

impl std::error::Error for ImportError {}

/// A JSON Lines export read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// Its header.
    pub header: ExportHeader,
    /// Its observations, in file order.
    pub observations: Vec<Observation>,
}

/// Reads a JSON Lines export, all or nothing: a wrong header or version, or
/// any bad line, refuses the whole file with the line's number.
pub fn parse_export(text: &str) -> Result<Imported, ImportError> {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let (_, first) = lines.next().ok_or(ImportError::Empty)?;
    let header = parse_header(first)?;
    let mut observations = Vec::new();
    for (index, line) in lines {
        if observations.len() >= MAX_IMPORT_LINES {
            return Err(ImportError::TooLong(MAX_IMPORT_LINES));
        }
        observations.push(parse_line(line).map_err(|why| ImportError::BadLine { line: index + 1, why })?);
    }
    Ok(Imported { header, observations })
}

fn parse_header(line: &str) -> Result<ExportHeader, ImportError> {
    let value: Value = serde_json::from_str(line).map_err(|e| ImportError::NotAnExport(e.to_string()))?;
    if value.get("type").and_then(Value::as_str) != Some("export")
        || value.get("format").and_then(Value::as_str) != Some(EXPORT_FORMAT)
    {
        return Err(ImportError::NotAnExport(format!("the first line is not an {EXPORT_FORMAT} header")));
    }
    match value.get("schemaVersion").and_then(Value::as_u64) {
        Some(v) if v == u64::from(OBSERVATIONS_VERSION) => {}
        Some(v) => return Err(ImportError::WrongVersion(u32::try_from(v).unwrap_or(u32::MAX))),
        None => return Err(ImportError::NotAnExport("the header has no schemaVersion".into())),
    }
    serde_json::from_value(value).map_err(|e| ImportError::BadLine { line: 1, why: e.to_string() })
}

/// One export line (not the header) as an observation.
pub fn parse_line(line: &str) -> Result<Observation, String> {
    let mut value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let object = value.as_object_mut().ok_or("not a JSON object")?;
    for field in TIME_FIELDS {
        if let Some(Value::String(text)) = object.get(field) {
            let ms = parse_time(text)?;
            object.insert(field.to_owned(), Value::from(ms));
        }
    }
    let observation: Observation = serde_json::from_value(value).map_err(|e| e.to_string())?;
    check_values(&observation)?;
    Ok(observation)
}

/// What types alone cannot say: ids present, confidences in range.
fn check_values(o: &Observation) -> Result<(), String> {
    if o.id().is_empty() || o.id().len() > 2_000 {
        return Err("id must be 1 to 2,000 characters".into());
    }
    if let Observation::ItemSeen(item) = o {
        if !(0.0..=1.0).contains(&item.confidence) {
            return Err(format!("confidence {} is not between 0 and 1", item.confidence));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{export, feedback, visit};
    use crate::export::ExportOptions;

    #[test]
    fn bad_files_are_refused_whole_with_a_clear_reason() {
        assert_eq!(parse_export(""), Err(ImportError::Empty));
        assert!(matches!(parse_export("{\"type\":\"page_visit\"}"), Err(ImportError::NotAnExport(_))));
        let good = export(ExportOptions::default(), &[visit(), feedback()]);
        let newer = good.replacen("\"schemaVersion\":1", "\"schemaVersion\":2", 1);
        assert_eq!(parse_export(&newer), Err(ImportError::WrongVersion(2)));
        let broken = good.replace("\"kind\":\"retargeted\"", "\"kind\":\"sneaky\"");
        let err = parse_export(&broken).expect_err("refused");
        assert!(err.to_string().starts_with("line 3: "), "{err}");
        let bad_time = good.replace("2025-11-24T16:00:00Z", "yesterday");
        assert!(parse_export(&bad_time).expect_err("refused").to_string().contains("not RFC 3339"));
    }
}
