//! Per-site records of third parties contacted: what the panel shows and the
//! classifier reads ("this shop told Criteo you viewed it").
//!
//! Pure data with a JSON form, so the shell can persist it between service
//! worker lifetimes and the CLI can build it from recorded journeys.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Most sites kept; the least recently seen are dropped first.
pub const MAX_SITES: usize = 5_000;
/// Most third parties kept per site.
pub const MAX_THIRD_PARTIES_PER_SITE: usize = 500;

/// One third party as seen from one site.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ThirdPartyRecord {
    /// Requests seen.
    pub requests: u32,
    /// Of which the filter lists would block.
    pub listed: u32,
    /// First request, epoch milliseconds.
    pub first_seen: u64,
    /// Last request, epoch milliseconds.
    pub last_seen: u64,
}

/// Everything seen from one site (registrable domain).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SiteRecord {
    /// Third parties by registrable domain.
    pub third_parties: BTreeMap<String, ThirdPartyRecord>,
    /// Last activity, epoch milliseconds.
    pub last_seen: u64,
}

/// All sites.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SiteRecords {
    /// Records by site (registrable domain).
    pub sites: BTreeMap<String, SiteRecord>,
}

impl SiteRecords {
    /// Notes a request from `site` to the third party `domain`.
    pub fn record(&mut self, site: &str, domain: &str, listed: bool, time_ms: u64) {
        if !self.sites.contains_key(site) && self.sites.len() >= MAX_SITES {
            self.evict_oldest_site();
        }
        let record = self.sites.entry(site.to_owned()).or_default();
        record.last_seen = record.last_seen.max(time_ms);
        if !record.third_parties.contains_key(domain) && record.third_parties.len() >= MAX_THIRD_PARTIES_PER_SITE {
            return;
        }
        let tp = record.third_parties.entry(domain.to_owned()).or_default();
        if tp.requests == 0 {
            tp.first_seen = time_ms;
        }
        tp.requests = tp.requests.saturating_add(1);
        tp.listed = tp.listed.saturating_add(u32::from(listed));
        tp.first_seen = tp.first_seen.min(time_ms);
        tp.last_seen = tp.last_seen.max(time_ms);
    }

    fn evict_oldest_site(&mut self) {
        if let Some(oldest) = self.sites.iter().min_by_key(|(_, r)| r.last_seen).map(|(s, _)| s.clone()) {
            self.sites.remove(&oldest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_requests_and_keeps_first_and_last_seen() {
        let mut records = SiteRecords::default();
        records.record("shop.example", "criteo.net", true, 2_000);
        records.record("shop.example", "criteo.net", false, 1_000);
        records.record("shop.example", "criteo.net", true, 3_000);
        let tp = &records.sites["shop.example"].third_parties["criteo.net"];
        assert_eq!((tp.requests, tp.listed, tp.first_seen, tp.last_seen), (3, 2, 1_000, 3_000));
    }

    #[test]
    fn the_least_recent_site_makes_room() {
        let mut records = SiteRecords::default();
        for i in 0..MAX_SITES {
            records.record(&format!("s{i}.example"), "t.example", false, 10 + i as u64);
        }
        records.record("new.example", "t.example", false, 1);
        assert_eq!(records.sites.len(), MAX_SITES);
        assert!(!records.sites.contains_key("s0.example"));
        assert!(records.sites.contains_key("new.example"));
    }
}
