//! Per-site records of third parties contacted: what the panel shows and the
//! classifier reads ("this shop told Criteo you viewed it").
//!
//! Pure data with a JSON form, so the shell can persist it between service
//! worker lifetimes and the CLI can build it from recorded journeys.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::consent::ConsentSignal;
use crate::remarketing::RemarketingEvent;
use crate::trackers::{is_retargeting_vendor, TrackerDb};

/// Most sites kept; the least recently seen are dropped first.
pub const MAX_SITES: usize = 5_000;
/// Most third parties kept per site.
pub const MAX_THIRD_PARTIES_PER_SITE: usize = 500;
/// Most distinct remarketing events kept per site.
pub const MAX_EVENTS_PER_SITE: usize = 200;

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

/// A remarketing event as seen from one site, with how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemarketingRecord {
    /// What was told to whom.
    #[serde(flatten)]
    pub event: RemarketingEvent,
    /// How many times.
    pub count: u32,
    /// First time, epoch milliseconds.
    pub first_seen: u64,
    /// Last time, epoch milliseconds.
    pub last_seen: u64,
}

/// Everything seen from one site (registrable domain).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SiteRecord {
    /// Third parties by registrable domain.
    pub third_parties: BTreeMap<String, ThirdPartyRecord>,
    /// Remarketing events the site sent.
    pub remarketing: Vec<RemarketingRecord>,
    /// The consent it last passed to the ad companies it called (IAB TCF),
    /// if it passed any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent: Option<ConsentRecord>,
    /// Last activity, epoch milliseconds.
    pub last_seen: u64,
}

/// The consent a site passed on, and when it last did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentRecord {
    /// What it said about personalised ads.
    #[serde(flatten)]
    pub signal: ConsentSignal,
    /// Last seen, epoch milliseconds.
    pub seen_at: u64,
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
        let Some(record) = self.site_mut(site, time_ms) else { return };
        if !record.third_parties.contains_key(domain) {
            if record.third_parties.len() >= MAX_THIRD_PARTIES_PER_SITE {
                return;
            }
            record.third_parties.insert(domain.to_owned(), ThirdPartyRecord::default());
        }
        let Some(tp) = record.third_parties.get_mut(domain) else { return };
        if tp.requests == 0 {
            tp.first_seen = time_ms;
        }
        tp.requests = tp.requests.saturating_add(1);
        tp.listed = tp.listed.saturating_add(u32::from(listed));
        tp.first_seen = tp.first_seen.min(time_ms);
        tp.last_seen = tp.last_seen.max(time_ms);
    }

    /// The site's record, made (room made for it) the first time; its last
    /// activity moved on to `time_ms`.
    fn site_mut(&mut self, site: &str, time_ms: u64) -> Option<&mut SiteRecord> {
        // Looked up by reference first: a key is copied only the first time
        // (this runs for every request).
        if !self.sites.contains_key(site) {
            if self.sites.len() >= MAX_SITES {
                self.evict_oldest_site();
            }
            self.sites.insert(site.to_owned(), SiteRecord::default());
        }
        let record = self.sites.get_mut(site)?;
        record.last_seen = record.last_seen.max(time_ms);
        Some(record)
    }

    /// Notes `requests` requests (`listed` of them listed) from `site` to
    /// `domain` between `first_ms` and `last_ms` (observations read back).
    pub fn record_many(&mut self, site: &str, domain: &str, requests: u32, listed: u32, first_ms: u64, last_ms: u64) {
        if requests == 0 {
            return;
        }
        self.record(site, domain, listed > 0, first_ms);
        let Some(tp) = self.sites.get_mut(site).and_then(|r| r.third_parties.get_mut(domain)) else { return };
        tp.requests = tp.requests.saturating_add(requests - 1);
        tp.listed = tp.listed.saturating_add(listed.saturating_sub(1));
        tp.last_seen = tp.last_seen.max(last_ms);
        if let Some(record) = self.sites.get_mut(site) {
            record.last_seen = record.last_seen.max(last_ms);
        }
    }

    /// Notes a remarketing event sent from `site`.
    pub fn record_event(&mut self, site: &str, event: RemarketingEvent, time_ms: u64) {
        let Some(record) = self.sites.get_mut(site) else { return };
        if let Some(known) = record.remarketing.iter_mut().find(|r| r.event == event) {
            known.count = known.count.saturating_add(1);
            known.first_seen = known.first_seen.min(time_ms);
            known.last_seen = known.last_seen.max(time_ms);
        } else if record.remarketing.len() < MAX_EVENTS_PER_SITE {
            record.remarketing.push(RemarketingRecord { event, count: 1, first_seen: time_ms, last_seen: time_ms });
        }
    }

    /// Notes the consent `site` passed to a third party; the latest wins (the
    /// user may have changed their choice in the site's banner).
    pub fn record_consent(&mut self, site: &str, signal: ConsentSignal, time_ms: u64) {
        let Some(record) = self.site_mut(site, time_ms) else { return };
        if record.consent.as_ref().is_none_or(|known| known.seen_at <= time_ms) {
            record.consent = Some(ConsentRecord { signal, seen_at: time_ms });
        }
    }

    /// The consent `site` last passed to the ad companies it called.
    pub fn consent(&self, site: &str) -> Option<&ConsentSignal> {
        self.sites.get(site)?.consent.as_ref().map(|c| &c.signal)
    }

    /// The records with what the tracker database says of each third party.
    pub fn view<'a>(&'a self, db: Option<&'a TrackerDb>) -> SitesView<'a> {
        let sites = self
            .sites
            .iter()
            .map(|(site, record)| {
                let third_parties = record
                    .third_parties
                    .iter()
                    .map(|(domain, tp)| {
                        let tracker = db.and_then(|db| db.lookup(domain));
                        let view = ThirdPartyView {
                            record: tp,
                            tracker: tracker.map(|t| t.name.as_str()),
                            company: tracker.map(|t| t.company.as_str()),
                            category: tracker.map(|t| t.category.as_str()),
                            retargeting: is_retargeting_vendor(domain),
                        };
                        (domain.as_str(), view)
                    })
                    .collect();
                let view = SiteView {
                    last_seen: record.last_seen,
                    third_parties,
                    remarketing: &record.remarketing,
                    consent: record.consent.as_ref(),
                };
                (site.as_str(), view)
            })
            .collect();
        SitesView { sites, trackers_version: db.map(|db| db.version.as_str()) }
    }

    /// The cross-site identity providers `site` was seen talking to.
    pub fn identity_providers(&self, site: &str) -> Vec<&'static str> {
        let Some(record) = self.sites.get(site) else { return Vec::new() };
        let mut names: Vec<&'static str> =
            record.third_parties.keys().filter_map(|d| crate::trackers::identity_provider(d)).collect();
        names.dedup();
        names
    }

    fn evict_oldest_site(&mut self) {
        if let Some(oldest) = self.sites.iter().min_by_key(|(_, r)| r.last_seen).map(|(s, _)| s.clone()) {
            self.sites.remove(&oldest);
        }
    }
}

/// All sites as the panel shows them.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SitesView<'a> {
    /// By site.
    pub sites: BTreeMap<&'a str, SiteView<'a>>,
    /// The tracker database's version, when loaded.
    pub trackers_version: Option<&'a str>,
}

/// One site as the panel shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteView<'a> {
    /// Last activity, epoch milliseconds.
    pub last_seen: u64,
    /// Third parties by registrable domain.
    pub third_parties: BTreeMap<&'a str, ThirdPartyView<'a>>,
    /// Remarketing events the site sent.
    pub remarketing: &'a [RemarketingRecord],
    /// The consent it last passed to the ad companies it called.
    pub consent: Option<&'a ConsentRecord>,
}

/// One third party with who is behind it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ThirdPartyView<'a> {
    /// Counts and times.
    #[serde(flatten)]
    pub record: &'a ThirdPartyRecord,
    /// The tracker's name, when the database knows it.
    pub tracker: Option<&'a str>,
    /// The company behind it.
    pub company: Option<&'a str>,
    /// Its category (advertising, site_analytics, social_media…).
    pub category: Option<&'a str>,
    /// A known retargeting vendor.
    pub retargeting: bool,
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
    fn remarketing_events_are_counted_once_per_kind() {
        let mut records = SiteRecords::default();
        records.record("shop.example", "criteo.com", true, 1_000);
        let ev = |p: &str| RemarketingEvent {
            vendor: "Criteo".into(),
            event: "viewItem".into(),
            product_id: Some(p.into()),
        };
        records.record_event("shop.example", ev("A"), 1_000);
        records.record_event("shop.example", ev("A"), 2_000);
        records.record_event("shop.example", ev("B"), 3_000);
        records.record_event("unknown.example", ev("A"), 3_000);
        let events = &records.sites["shop.example"].remarketing;
        assert_eq!(events.iter().map(|e| (e.count, e.last_seen)).collect::<Vec<_>>(), vec![(2, 2_000), (1, 3_000)]);
        assert!(!records.sites.contains_key("unknown.example"));
        let view = records.view(None);
        assert!(view.sites["shop.example"].third_parties["criteo.com"].retargeting);
    }

    #[test]
    fn the_latest_consent_a_site_passed_on_is_kept() {
        let mut sites = SiteRecords::default();
        let refused = ConsentSignal::from_tcf(vec![3, 4], 7);
        sites.record_consent("news.example", refused.clone(), 10);
        assert_eq!(sites.consent("news.example"), Some(&refused));
        let given = ConsentSignal::from_tcf(vec![], 7);
        sites.record_consent("news.example", given.clone(), 20);
        sites.record_consent("news.example", refused, 15);
        assert_eq!(sites.consent("news.example"), Some(&given), "an older one does not replace it");
        let json = serde_json::to_value(&sites).expect("records serialize");
        assert_eq!(
            json["sites"]["news.example"]["consent"],
            serde_json::json!({ "framework": "tcf", "refused": [], "cmpId": 7, "seenAt": 20 })
        );
        let back: SiteRecords = serde_json::from_value(json).expect("and read back");
        assert_eq!(back, sites);
        // Records stored before consent was kept read as none.
        let older: SiteRecords =
            serde_json::from_str(r#"{"sites":{"a.example":{"thirdParties":{},"remarketing":[],"lastSeen":1}}}"#)
                .expect("old");
        assert_eq!(older.consent("a.example"), None);
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
