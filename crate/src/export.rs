//! The research export: observations written as JSON Lines or CSV, with
//! filters (dates, sites, record types) and redaction (query strings
//! dropped, page URLs replaced by a salted hash or by the site alone,
//! evidence left out). [`crate::import`] reads a JSON Lines export back.
//!
//! A JSON Lines export starts with a header line (`"type": "export"`) naming
//! the format, its schema version and how it was made; every other line is
//! one observation. `crate/schema/observations-v1.schema.json` describes
//! every line; `adlens validate` checks a file against it. Times are RFC 3339
//! (UTC, milliseconds).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::observations::{Observation, OBSERVATIONS_VERSION, OBSERVATION_TYPES};

/// The `format` every export header names.
pub const EXPORT_FORMAT: &str = "adlens-observations";
/// The JSON Schema of one export line, as shipped in the repository.
pub const SCHEMA_JSON: &str = include_str!("../schema/observations-v1.schema.json");
/// Fields holding times: epoch milliseconds in storage, RFC 3339 in exports.
pub(crate) const TIME_FIELDS: [&str; 2] = ["time", "lastTime"];

/// The columns of a CSV export, in order. Lists and evidence are written as
/// JSON inside their cell; a field a record type lacks is empty.
pub const CSV_COLUMNS: [&str; 42] = [
    "type",
    "id",
    "time",
    "lastTime",
    "site",
    "pageUrl",
    "visitId",
    "language",
    "topics",
    "product",
    "itemType",
    "source",
    "vendor",
    "network",
    "elementId",
    "locator",
    "label",
    "landingUrl",
    "landingDomain",
    "firstParty",
    "text",
    "kind",
    "confidence",
    "evidence",
    "followedFrom",
    "classifierVersion",
    "listsVersion",
    "domain",
    "requests",
    "listed",
    "tracker",
    "company",
    "category",
    "retargetingVendor",
    "event",
    "productId",
    "count",
    "framework",
    "cmpId",
    "refused",
    "optedOut",
    // Added after the others, so that no column moves.
    "inPlayer",
];

/// Output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One JSON object per line, a header first.
    #[default]
    Jsonl,
    /// A header row, then one row per observation.
    Csv,
}

/// What happens to page URLs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageUrls {
    /// Kept (query strings still dropped when asked).
    #[default]
    Full,
    /// Replaced by `sha256:` and a salted hash: the same page gives the same
    /// hash within one export, and nothing that links exports.
    Hash,
    /// Left out: records keep only their site.
    Site,
}

/// The user's export choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ExportOptions {
    /// JSON Lines or CSV.
    pub format: Format,
    /// Only observations at or after this time (epoch ms).
    pub from: Option<u64>,
    /// Only observations before this time (epoch ms).
    pub to: Option<u64>,
    /// Only these sites (empty: all).
    pub sites: Vec<String>,
    /// Only these record types (empty: all).
    pub types: Vec<String>,
    /// Drop the query string and fragment of every URL.
    pub drop_query: bool,
    /// What to do with page URLs.
    pub page_urls: PageUrls,
    /// Keep each verdict's evidence.
    pub include_evidence: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            format: Format::Jsonl,
            from: None,
            to: None,
            sites: Vec::new(),
            types: Vec::new(),
            drop_query: false,
            page_urls: PageUrls::Full,
            include_evidence: true,
        }
    }
}

/// The first line of a JSON Lines export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportHeader {
    /// Always `"export"`.
    #[serde(rename = "type")]
    pub record_type: String,
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// [`OBSERVATIONS_VERSION`] of the AdLens that wrote it.
    pub schema_version: u32,
    /// When, RFC 3339.
    pub exported_at: String,
    /// What wrote it (`AdLens extension 0.1.0`, `adlens replay 0.1.0`).
    pub producer: String,
    /// The choices it was made with (redaction, filters).
    pub options: ExportOptions,
}

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The export options are wrong.
    Options(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Options(why) => write!(f, "export options: {why}"),
        }
    }
}

impl std::error::Error for ExportError {}

/// Epoch milliseconds as RFC 3339 UTC with milliseconds.
pub fn format_time(ms: u64) -> String {
    let nanos = i128::from(ms) * 1_000_000;
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

/// Epoch milliseconds of an RFC 3339 time.
pub fn parse_time(text: &str) -> Result<u64, String> {
    let at = OffsetDateTime::parse(text, &Rfc3339).map_err(|e| format!("time {text:?} is not RFC 3339: {e}"))?;
    u64::try_from(at.unix_timestamp_nanos() / 1_000_000).map_err(|_| format!("time {text:?} is before 1970"))
}

/// Writes observations out, one line each, as the options say.
#[derive(Debug)]
pub struct Exporter {
    options: ExportOptions,
    salt: String,
    header: ExportHeader,
}

impl Exporter {
    /// An exporter. `salt` is fresh for every export (the caller's random
    /// bytes, as text); `producer` names what is exporting; `now_ms` is the
    /// export's time.
    pub fn new(options: ExportOptions, salt: &str, producer: &str, now_ms: u64) -> Result<Self, ExportError> {
        if let Some(bad) = options.types.iter().find(|t| !OBSERVATION_TYPES.contains(&t.as_str())) {
            return Err(ExportError::Options(format!("unknown record type {bad:?}")));
        }
        if options.page_urls == PageUrls::Hash && salt.len() < 16 {
            return Err(ExportError::Options("hashing page URLs needs a salt of at least 16 characters".into()));
        }
        let header = ExportHeader {
            record_type: "export".into(),
            format: EXPORT_FORMAT.into(),
            schema_version: OBSERVATIONS_VERSION,
            exported_at: format_time(now_ms),
            producer: producer.into(),
            options: options.clone(),
        };
        Ok(Exporter { options, salt: salt.to_owned(), header })
    }

    /// The first line: the header record (JSON Lines) or the column names
    /// (CSV), with its newline.
    pub fn header_line(&mut self) -> String {
        if self.options.format == Format::Csv {
            return self.csv_row(CSV_COLUMNS.iter().map(|c| (*c).to_owned()).collect());
        }
        let mut line = serde_json::to_string(&self.header).unwrap_or_default();
        line.push('\n');
        line
    }

    /// The observation as a line with its newline, or `None` when the
    /// options leave it out.
    pub fn line(&mut self, observation: &Observation) -> Option<String> {
        if !self.wanted(observation) {
            return None;
        }
        let mut observation = observation.clone();
        self.redact(&mut observation);
        let mut value = serde_json::to_value(&observation).ok()?;
        let object = value.as_object_mut()?;
        times_to_text(object);
        if self.options.format == Format::Csv {
            let cells = CSV_COLUMNS.iter().map(|c| cell(object.get(*c))).collect();
            return Some(self.csv_row(cells));
        }
        let mut line = serde_json::to_string(&value).ok()?;
        line.push('\n');
        Some(line)
    }

    fn wanted(&self, o: &Observation) -> bool {
        let o_time = o.time();
        self.options.from.is_none_or(|from| o_time >= from)
            && self.options.to.is_none_or(|to| o_time < to)
            && (self.options.sites.is_empty() || self.options.sites.iter().any(|s| s == o.site()))
            && (self.options.types.is_empty() || self.options.types.iter().any(|t| t == o.type_name()))
    }

    fn redact(&self, o: &mut Observation) {
        let drop_query = self.options.drop_query;
        let trim = |url: &mut Option<String>| {
            if drop_query {
                if let Some(u) = url.as_mut() {
                    strip_query(u);
                }
            }
        };
        let page_urls = self.options.page_urls;
        let salt = self.salt.as_str();
        let redact_page = |url: &mut Option<String>| match page_urls {
            PageUrls::Full => trim(url),
            PageUrls::Hash => *url = url.as_deref().map(|u| salted_hash(salt, u)),
            PageUrls::Site => *url = None,
        };
        redact_page(o.page_url_mut());
        match o {
            Observation::ItemSeen(item) => {
                trim(&mut item.landing_url);
                if !self.options.include_evidence {
                    item.evidence = None;
                }
            }
            Observation::PageVisit(visit) => {
                if let Some(product) = visit.product.as_mut() {
                    // A product's URL is its page's: it is redacted the same way.
                    let mut url = Some(std::mem::take(&mut product.url));
                    redact_page(&mut url);
                    product.url = url.unwrap_or_default();
                    trim(&mut product.image);
                }
            }
            _ => {}
        }
    }

    fn csv_row(&self, cells: Vec<String>) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        if writer.write_record(&cells).is_err() {
            return String::new();
        }
        writer.into_inner().ok().and_then(|bytes| String::from_utf8(bytes).ok()).unwrap_or_default()
    }
}

fn times_to_text(object: &mut Map<String, Value>) {
    for field in TIME_FIELDS {
        if let Some(ms) = object.get(field).and_then(Value::as_u64) {
            object.insert(field.to_owned(), Value::String(format_time(ms)));
        }
    }
}

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn strip_query(url: &mut String) {
    if let Some(cut) = url.find(['?', '#']) {
        url.truncate(cut);
    }
}

/// `sha256:` and the first 16 bytes of SHA-256(salt ‖ url), in hex.
pub fn salted_hash(salt: &str, url: &str) -> String {
    let digest = Sha256::new().chain_update(salt.as_bytes()).chain_update(url.as_bytes()).finalize();
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::import::parse_export;
    use crate::observations::{LabelFeedback, PageVisit};
    use crate::products::Product;
    use crate::verdict::Kind;

    pub(crate) fn visit() -> Observation {
        Observation::PageVisit(PageVisit {
            id: "1.5/page".into(),
            time: 1_764_000_000_000,
            site: "shop.example".into(),
            page_url: Some("https://shop.example/p/1?ref=mail#top".into()),
            visit_id: "1.5".into(),
            language: Some("en".into()),
            topics: Vec::new(),
            product: Some(Product {
                name: "Trail Runner X".into(),
                url: "https://shop.example/p/1?ref=mail".into(),
                shop: "shop.example".into(),
                ..Product::default()
            }),
        })
    }

    pub(crate) fn feedback() -> Observation {
        Observation::LabelFeedback(LabelFeedback {
            id: "fb/1".into(),
            time: 1_764_000_000_500,
            site: "news.example".into(),
            page_url: Some("https://news.example/a".into()),
            kind: Kind::Retargeted,
            element_id: None,
            classifier_version: "adlens-classifier/0.3".into(),
        })
    }

    pub(crate) fn export(options: ExportOptions, records: &[Observation]) -> String {
        let mut exporter = Exporter::new(options, "0123456789abcdef0123", "test", 1_764_000_001_000).expect("options");
        let mut out = exporter.header_line();
        for r in records {
            out.extend(exporter.line(r));
        }
        out
    }

    #[test]
    fn an_export_reads_back_as_the_same_observations() {
        let text = export(ExportOptions::default(), &[visit(), feedback()]);
        assert!(text.contains("\"time\":\"2025-11-24T16:00:00Z\""), "{text}");
        let imported = parse_export(&text).expect("reads back");
        assert_eq!(imported.observations, vec![visit(), feedback()]);
        assert_eq!(imported.header.producer, "test");
    }

    #[test]
    fn filters_keep_only_what_was_asked_for() {
        let options = ExportOptions { types: vec!["label_feedback".into()], ..ExportOptions::default() };
        assert_eq!(parse_export(&export(options, &[visit(), feedback()])).expect("valid").observations, [feedback()]);
        let options = ExportOptions { sites: vec!["shop.example".into()], ..ExportOptions::default() };
        assert_eq!(parse_export(&export(options, &[visit(), feedback()])).expect("valid").observations, [visit()]);
        let options = ExportOptions { from: Some(1_764_000_000_100), ..ExportOptions::default() };
        assert_eq!(parse_export(&export(options, &[visit(), feedback()])).expect("valid").observations, [feedback()]);
        let bad = ExportOptions { types: vec!["everything".into()], ..ExportOptions::default() };
        assert!(Exporter::new(bad, "0123456789abcdef", "t", 0).is_err());
    }

    #[test]
    fn redaction_drops_queries_hashes_or_removes_page_urls() {
        let dropped = export(ExportOptions { drop_query: true, ..ExportOptions::default() }, &[visit()]);
        assert!(dropped.contains("\"pageUrl\":\"https://shop.example/p/1\""), "{dropped}");
        assert!(!dropped.contains("ref=mail"), "{dropped}");

        let hashed = export(ExportOptions { page_urls: PageUrls::Hash, ..ExportOptions::default() }, &[visit()]);
        let expected = salted_hash("0123456789abcdef0123", "https://shop.example/p/1?ref=mail#top");
        assert!(hashed.contains(&expected), "{hashed}");
        assert!(!hashed.contains("/p/1"), "the product's URL is hashed too: {hashed}");
        assert_ne!(expected, salted_hash("another salt, another export", "https://shop.example/p/1?ref=mail#top"));

        let site_only = export(ExportOptions { page_urls: PageUrls::Site, ..ExportOptions::default() }, &[visit()]);
        assert!(site_only.contains("\"pageUrl\":null"), "{site_only}");
        assert!(!site_only.contains("https://shop.example/p/1"), "{site_only}");
    }

    #[test]
    fn csv_has_one_row_per_record_with_quoting() {
        let text = export(ExportOptions { format: Format::Csv, ..ExportOptions::default() }, &[visit(), feedback()]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().expect("header").clone();
        assert_eq!(headers.len(), CSV_COLUMNS.len());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "page_visit");
        assert!(rows[0][9].contains("Trail Runner X"), "product as JSON in its cell");
        assert_eq!(&rows[1][21], "retargeted");
    }
}
