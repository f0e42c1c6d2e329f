//! Who is behind a third party: the tracker, its company and category from
//! AdGuard's companies database (CC BY-SA 4.0, AdGuard and WhoTracks.me),
//! and whether it is a known retargeting vendor.
//!
//! The database is build-time input like the filter lists: the build turns
//! AdGuard's `trackers.json` + `companies.json` (4 MB with company
//! descriptions) into a compact JSON form ([`TrackerDb::to_compact_json`])
//! that the extension loads at start-up.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Registrable domains of vendors known for retargeting (DOMAIN.md): a prior
/// for "this ad followed you", never proof on its own (Criteo also sells
/// other products).
pub const RETARGETING_DOMAINS: &[&str] = &[
    "criteo.com",
    "criteo.net",
    "adroll.com",
    "creativecdn.com",
    "rtbhouse.com",
    "perfectaudience.com",
    "prfct.co",
    "steelhousemedia.com",
    "retargeter.com",
    "yjtag.jp",
];

/// Cross-site identity providers: a page that talks to them lets ad networks
/// recognise the user across sites (ID5, LiveRamp ATS, Unified ID 2.0,
/// LiveIntent, Intent IQ, Lotame Panorama ID, Zeotap).
pub const IDENTITY_DOMAINS: &[(&str, &str)] = &[
    ("id5-sync.com", "ID5"),
    ("rlcdn.com", "LiveRamp"),
    ("uidapi.com", "Unified ID 2.0"),
    ("liveintent.com", "LiveIntent"),
    ("intentiq.com", "Intent IQ"),
    ("crwdcntrl.net", "Lotame"),
    ("zeotap.com", "Zeotap"),
];

/// The identity provider a registrable domain belongs to, if any.
pub fn identity_provider(domain: &str) -> Option<&'static str> {
    IDENTITY_DOMAINS.iter().find(|(d, _)| *d == domain).map(|(_, name)| *name)
}

/// Why the tracker database was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackerDbError {
    /// The input is not the expected JSON.
    Malformed(String),
    /// The database has suspiciously few entries (truncated download?).
    TooSmall(usize),
}

impl fmt::Display for TrackerDbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrackerDbError::Malformed(why) => write!(f, "tracker database unreadable: {why}"),
            TrackerDbError::TooSmall(n) => write!(f, "tracker database has only {n} domains: truncated?"),
        }
    }
}

impl std::error::Error for TrackerDbError {}

/// What the database says about one tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tracker {
    /// The tracker's name ("Google Analytics").
    pub name: String,
    /// The company behind it ("Google").
    pub company: String,
    /// Its category ("advertising", "site_analytics", "social_media"…).
    pub category: String,
}

/// The compact database: domain → tracker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrackerDb {
    /// The upstream `timeUpdated`.
    pub version: String,
    /// Trackers, indexed by position.
    pub trackers: Vec<Tracker>,
    /// Domain (any level, as upstream lists it) → index into `trackers`.
    pub domains: HashMap<String, u32>,
}

/// A third party as the panel and the classifier see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ThirdPartyInfo<'a> {
    /// The tracker, when the database knows the domain.
    pub tracker: Option<&'a Tracker>,
    /// A known retargeting vendor.
    pub retargeting: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpstreamTrackers {
    time_updated: String,
    categories: HashMap<String, String>,
    trackers: HashMap<String, UpstreamTracker>,
    tracker_domains: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpstreamTracker {
    name: String,
    category_id: Option<i64>,
    company_id: Option<String>,
}

#[derive(Deserialize)]
struct UpstreamCompanies {
    companies: HashMap<String, UpstreamCompany>,
}

#[derive(Deserialize)]
struct UpstreamCompany {
    name: String,
}

/// Fewest domains a real database has.
pub const MIN_DOMAINS: usize = 1_000;

impl TrackerDb {
    /// Builds the compact database from AdGuard's `trackers.json` and
    /// `companies.json` texts.
    pub fn from_companiesdb(trackers_json: &str, companies_json: &str) -> Result<Self, TrackerDbError> {
        let upstream: UpstreamTrackers = serde_json::from_str(trackers_json)
            .map_err(|e| TrackerDbError::Malformed(format!("trackers.json: {e}")))?;
        let companies: UpstreamCompanies = serde_json::from_str(companies_json)
            .map_err(|e| TrackerDbError::Malformed(format!("companies.json: {e}")))?;
        if upstream.tracker_domains.len() < MIN_DOMAINS {
            return Err(TrackerDbError::TooSmall(upstream.tracker_domains.len()));
        }
        let mut ids: Vec<&String> = upstream.trackers.keys().collect();
        ids.sort();
        let index: HashMap<&str, u32> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i as u32)).collect();
        let trackers = ids
            .iter()
            .map(|id| {
                let t = &upstream.trackers[*id];
                let company = t
                    .company_id
                    .as_ref()
                    .and_then(|c| companies.companies.get(c))
                    .map_or_else(|| t.name.clone(), |c| c.name.clone());
                let category = t
                    .category_id
                    .and_then(|c| upstream.categories.get(&c.to_string()))
                    .cloned()
                    .unwrap_or_else(|| "unknown".into());
                Tracker { name: t.name.clone(), company, category }
            })
            .collect();
        let domains = upstream
            .tracker_domains
            .iter()
            .filter_map(|(domain, id)| index.get(id.as_str()).map(|i| (domain.to_ascii_lowercase(), *i)))
            .collect();
        Ok(TrackerDb { version: upstream.time_updated, trackers, domains })
    }

    /// The compact JSON form the extension ships.
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the compact JSON form.
    pub fn from_compact_json(json: &str) -> Result<Self, TrackerDbError> {
        let db: TrackerDb = serde_json::from_str(json).map_err(|e| TrackerDbError::Malformed(e.to_string()))?;
        if db.domains.values().any(|&i| i as usize >= db.trackers.len()) {
            return Err(TrackerDbError::Malformed("a domain points past the tracker table".into()));
        }
        Ok(db)
    }

    /// The tracker serving `host`: the most specific listed domain among
    /// the host and its parents (`static.criteo.net` → `criteo.net`).
    pub fn lookup(&self, host: &str) -> Option<&Tracker> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let mut rest = host.as_str();
        loop {
            if let Some(&i) = self.domains.get(rest) {
                return self.trackers.get(i as usize);
            }
            rest = rest.split_once('.')?.1;
        }
    }

    /// What is known about a third party's host.
    pub fn describe(&self, host: &str) -> ThirdPartyInfo<'_> {
        ThirdPartyInfo { tracker: self.lookup(host), retargeting: is_retargeting_vendor(host) }
    }
}

/// Whether a host belongs to a known retargeting vendor.
pub fn is_retargeting_vendor(host: &str) -> bool {
    RETARGETING_DOMAINS.contains(&crate::domains::registrable_domain(host).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> TrackerDb {
        let mut domains = String::new();
        for i in 0..MIN_DOMAINS {
            domains.push_str(&format!("\"filler{i}.example\": \"filler\","));
        }
        let trackers = format!(
            r#"{{"timeUpdated": "2026-07-20", "categories": {{"4": "advertising", "6": "site_analytics"}},
            "trackers": {{"criteo": {{"name": "Criteo", "categoryId": 4, "companyId": "criteo"}},
                          "ga": {{"name": "Google Analytics", "categoryId": 6, "companyId": "google"}},
                          "filler": {{"name": "Filler", "categoryId": 99}}}},
            "trackerDomains": {{{domains} "criteo.net": "criteo", "google-analytics.com": "ga"}}}}"#
        );
        let companies = r#"{"companies": {"criteo": {"name": "Criteo SA"}, "google": {"name": "Google"}}}"#;
        TrackerDb::from_companiesdb(&trackers, companies).expect("valid")
    }

    #[test]
    fn subdomains_resolve_to_their_tracker_and_company() {
        let db = db();
        let t = db.lookup("static.criteo.net").expect("criteo");
        assert_eq!((t.name.as_str(), t.company.as_str(), t.category.as_str()), ("Criteo", "Criteo SA", "advertising"));
        assert_eq!(db.lookup("www.google-analytics.com").map(|t| t.category.as_str()), Some("site_analytics"));
        assert_eq!(db.lookup("filler1.example").map(|t| t.category.as_str()), Some("unknown"));
        assert!(db.lookup("news.example").is_none());
    }

    #[test]
    fn compact_form_round_trips_and_rejects_bad_indexes() {
        let db = db();
        assert_eq!(TrackerDb::from_compact_json(&db.to_compact_json()).expect("ok"), db);
        let bad = r#"{"version": "x", "trackers": [], "domains": {"a.example": 3}}"#;
        assert!(matches!(TrackerDb::from_compact_json(bad), Err(TrackerDbError::Malformed(_))));
    }

    #[test]
    fn truncated_databases_are_refused() {
        let err = TrackerDb::from_companiesdb(
            r#"{"timeUpdated": "x", "categories": {}, "trackers": {}, "trackerDomains": {}}"#,
            r#"{"companies": {}}"#,
        )
        .expect_err("too small");
        assert_eq!(err, TrackerDbError::TooSmall(0));
    }

    #[test]
    fn retargeting_vendors_are_known_by_site() {
        assert!(is_retargeting_vendor("static.criteo.net"));
        assert!(is_retargeting_vendor("d.adroll.com"));
        assert!(!is_retargeting_vendor("www.google-analytics.com"));
    }
}
