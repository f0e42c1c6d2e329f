//! `adlens validate FILE.jsonl…`: checks research exports (from the
//! extension or from `adlens replay --export`) line by line against the JSON
//! Schema shipped in `crate/schema/`, then reads them as the extension's
//! import does. Prints one summary line per file; fails when any is invalid.

use std::collections::BTreeMap;

use adlens::export::SCHEMA_JSON;
use adlens::import::parse_export;
use serde_json::Value;

use crate::scan::positional;
use crate::CliError;

/// Schema errors listed per file before the rest are only counted.
const MAX_ERRORS_SHOWN: usize = 20;

pub fn run(args: &[String]) -> Result<(), CliError> {
    let files = positional(args, &[]);
    if files.is_empty() {
        return Err(CliError::Usage("validate needs at least one FILE.jsonl".into()));
    }
    let validators = Validators::new()?;
    let mut invalid = 0;
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| CliError::Io(file.clone(), e))?;
        let mut errors = Vec::new();
        for (index, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let value: Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    errors.push(format!("line {}: not JSON: {e}", index + 1));
                    continue;
                }
            };
            if let Err(why) = validators.check(&value) {
                errors.push(format!("line {}: {why}", index + 1));
            }
        }
        // The schema says what each line may be; the reader also checks the
        // file as a whole (a header first, one version) as an import would.
        let read = parse_export(&text);
        if let Err(e) = &read {
            errors.push(e.to_string());
        }
        match (errors.is_empty(), read) {
            (true, Ok(imported)) => {
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for o in &imported.observations {
                    *counts.entry(o.type_name()).or_default() += 1;
                }
                let summary: Vec<String> = counts.iter().map(|(t, n)| format!("{n} {t}")).collect();
                println!(
                    "{file}: valid, schema version {}, {} observations ({})",
                    imported.header.schema_version,
                    imported.observations.len(),
                    summary.join(", ")
                );
            }
            _ => {
                invalid += 1;
                println!("{file}: INVALID, {} problem(s)", errors.len());
                for error in errors.iter().take(MAX_ERRORS_SHOWN) {
                    println!("  {error}");
                }
            }
        }
    }
    if invalid > 0 {
        return Err(CliError::Invalid(format!("{invalid} file(s) are not valid AdLens exports")));
    }
    Ok(())
}

/// The schema, and one validator per record type: a line is checked against
/// the definition its `type` names, so an error says which field is wrong
/// rather than "matches none of the record types".
struct Validators {
    whole: jsonschema::Validator,
    by_type: BTreeMap<String, jsonschema::Validator>,
}

impl Validators {
    fn new() -> Result<Self, CliError> {
        let bad = |e: &dyn std::fmt::Display| CliError::Output(format!("the shipped schema: {e}"));
        let schema: Value = serde_json::from_str(SCHEMA_JSON).map_err(|e| bad(&e))?;
        let whole = jsonschema::validator_for(&schema).map_err(|e| bad(&e))?;
        let mut by_type = BTreeMap::new();
        let names: Vec<String> = schema["$defs"].as_object().map(|d| d.keys().cloned().collect()).unwrap_or_default();
        for name in names {
            let mut one = schema.clone();
            if let Some(root) = one.as_object_mut() {
                root.remove("oneOf");
                root.insert("$ref".into(), Value::String(format!("#/$defs/{name}")));
            }
            by_type.insert(name, jsonschema::validator_for(&one).map_err(|e| bad(&e))?);
        }
        // The header's `type` is "export".
        if let Some(header) = by_type.remove("header") {
            by_type.insert("export".into(), header);
        }
        Ok(Validators { whole, by_type })
    }

    fn check(&self, value: &Value) -> Result<(), String> {
        let named = value.get("type").and_then(Value::as_str).and_then(|t| self.by_type.get(t));
        let Some(validator) = named else {
            return if self.whole.is_valid(value) { Ok(()) } else { Err("not a record type the schema knows".into()) };
        };
        match validator.iter_errors(value).next() {
            None => Ok(()),
            Some(error) => {
                let at = error.instance_path().to_string();
                Err(if at.is_empty() { error.to_string() } else { format!("{at}: {error}") })
            }
        }
    }
}
