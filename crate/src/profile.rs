//! The local interest profile: for every site visited, the topics of its
//! pages, fading with a 30-day half-life, and when it was visited. It is what
//! an ad network could have learnt about the user, computed on the device
//! only, so the classifier can tell when an ad matches it.
//!
//! Kept per site so the user can delete one site's share; "now" is always a
//! parameter, so the same inputs give the same profile on every platform.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::topics::Topics;

/// Format version of a saved profile.
pub const PROFILE_VERSION: u32 = 1;
/// Interest halves every 30 days without a new visit.
pub const HALF_LIFE_MS: u64 = 30 * 24 * 60 * 60 * 1000;
/// A page counts towards the profile only if its topic words score this much
/// (a page with one stray word says nothing about the reader).
pub const MIN_PAGE_SCORE: f64 = 2.0;
/// A page's topic below this share is noise and is not added.
pub const MIN_PAGE_SHARE: f64 = 0.1;
/// Most topics kept per site.
pub const MAX_TOPICS_PER_SITE: usize = 8;
/// Most sites kept; past it the least recently visited is forgotten.
pub const MAX_SITES: usize = 20_000;
/// A rescan of the same page within this window is not a new visit.
pub const SAME_VISIT_MS: u64 = 30 * 60 * 1000;

/// The profile: per site, what its pages were about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InterestProfile {
    /// Format version ([`PROFILE_VERSION`]).
    pub version: u32,
    /// Per registrable domain.
    pub sites: BTreeMap<String, SiteInterest>,
}

/// One site's share of the profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteInterest {
    /// Topic → weight (about one per page), as of `updated_ms`.
    pub topics: BTreeMap<String, f64>,
    /// When the weights were last decayed to, epoch milliseconds.
    pub updated_ms: u64,
    /// First visit, epoch milliseconds.
    pub first_seen: u64,
    /// Latest visit, epoch milliseconds.
    pub last_seen: u64,
    /// Pages visited.
    pub visits: u32,
    /// Hash of the latest page's URL, to tell a rescan from a visit.
    pub last_page: u32,
}

/// The profile as of one moment: each topic's share of all interest.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Interests {
    /// Topic → share, strongest first.
    pub topics: Vec<(String, f64)>,
    /// Total interest weight: about the number of recent topical pages.
    pub weight: f64,
    /// Sites in the profile.
    pub sites: usize,
}

impl Interests {
    /// This topic's share of the profile (0 when absent).
    pub fn share(&self, topic: &str) -> f64 {
        self.topics.iter().find(|(t, _)| t == topic).map_or(0.0, |(_, s)| *s)
    }
}

/// Why a saved profile was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileError {
    /// It is not a profile (bad JSON, wrong shape).
    Malformed(String),
    /// It was written by a newer AdLens.
    UnknownVersion(u32),
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileError::Malformed(why) => write!(f, "saved interest profile is unreadable: {why}"),
            ProfileError::UnknownVersion(v) => {
                write!(f, "saved interest profile has version {v}; this AdLens reads version {PROFILE_VERSION}")
            }
        }
    }
}

impl std::error::Error for ProfileError {}

/// How much of a weight survives `elapsed_ms`. Time never runs backwards
/// here: a visit "in the future" (clock skew) neither grows nor fades.
fn decay(elapsed_ms: u64) -> f64 {
    0.5f64.powf(elapsed_ms as f64 / HALF_LIFE_MS as f64)
}

/// FNV-1a: a stable 32-bit hash, the same natively and in wasm.
fn page_hash(url: &str) -> u32 {
    url.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

impl InterestProfile {
    /// An empty profile.
    pub fn new() -> Self {
        InterestProfile { version: PROFILE_VERSION, sites: BTreeMap::new() }
    }

    /// Reads a saved profile, checking its version and values.
    pub fn from_json(json: &str) -> Result<Self, ProfileError> {
        let profile: InterestProfile =
            serde_json::from_str(json).map_err(|e| ProfileError::Malformed(e.to_string()))?;
        profile.checked()
    }

    /// Checks a profile that came from storage.
    pub fn checked(mut self) -> Result<Self, ProfileError> {
        if self.version != PROFILE_VERSION {
            return Err(ProfileError::UnknownVersion(self.version));
        }
        for site in self.sites.values_mut() {
            site.topics.retain(|_, w| w.is_finite() && *w > 0.0);
        }
        Ok(self)
    }

    /// Adds one page visit of `site` at `time_ms`. Returns false when it was
    /// a rescan of the page just counted.
    pub fn record_visit(&mut self, site: &str, page_url: &str, topics: &Topics, time_ms: u64) -> bool {
        if site.is_empty() {
            return false;
        }
        let hash = page_hash(page_url);
        let entry = self.sites.entry(site.to_owned()).or_default();
        if entry.visits > 0 && entry.last_page == hash && entry.last_seen.abs_diff(time_ms) < SAME_VISIT_MS {
            return false;
        }
        entry.first_seen = if entry.visits == 0 { time_ms } else { entry.first_seen.min(time_ms) };
        entry.last_seen = entry.last_seen.max(time_ms);
        entry.visits += 1;
        entry.last_page = hash;
        let total: f64 = topics.topics.iter().map(|t| t.score).sum();
        if total >= MIN_PAGE_SCORE {
            // Visits usually come in order; an older one (replayed, or a clock
            // that moved back) adds its already-faded weight.
            let weight = if time_ms >= entry.updated_ms {
                let fade = decay(time_ms - entry.updated_ms);
                entry.topics.values_mut().for_each(|w| *w *= fade);
                entry.updated_ms = time_ms;
                1.0
            } else {
                decay(entry.updated_ms - time_ms)
            };
            for t in topics.topics.iter().filter(|t| t.share >= MIN_PAGE_SHARE) {
                *entry.topics.entry(t.topic.clone()).or_default() += t.share * weight;
            }
            prune(&mut entry.topics);
        }
        if self.sites.len() > MAX_SITES {
            if let Some(oldest) = self.sites.iter().min_by_key(|(_, s)| s.last_seen).map(|(k, _)| k.clone()) {
                self.sites.remove(&oldest);
            }
        }
        true
    }

    /// The profile as of `now_ms`.
    pub fn interests(&self, now_ms: u64) -> Interests {
        let mut totals: BTreeMap<&str, f64> = BTreeMap::new();
        for site in self.sites.values() {
            let fade = decay(now_ms.saturating_sub(site.updated_ms));
            for (topic, w) in &site.topics {
                *totals.entry(topic).or_default() += w * fade;
            }
        }
        let weight: f64 = totals.values().sum();
        let mut topics: Vec<(String, f64)> = totals
            .into_iter()
            .filter(|(_, w)| *w > 0.0)
            .map(|(t, w)| (t.to_owned(), ((w / weight) * 1000.0).round() / 1000.0))
            .collect();
        topics.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Interests { topics, weight: (weight * 1000.0).round() / 1000.0, sites: self.sites.len() }
    }

    /// When `site` was last visited, if it was.
    pub fn last_visit(&self, site: &str) -> Option<u64> {
        self.sites.get(site).map(|s| s.last_seen)
    }

    /// Forgets one site; true if it was there.
    pub fn forget_site(&mut self, site: &str) -> bool {
        self.sites.remove(site).is_some()
    }

    /// Forgets one topic in every site; true if it was anywhere.
    pub fn forget_topic(&mut self, topic: &str) -> bool {
        let mut found = false;
        for site in self.sites.values_mut() {
            found |= site.topics.remove(topic).is_some();
        }
        found
    }

    /// Forgets sites not visited since `cutoff_ms` (retention).
    pub fn forget_before(&mut self, cutoff_ms: u64) {
        self.sites.retain(|_, s| s.last_seen >= cutoff_ms);
    }
}

/// Drops faded topics and keeps the strongest [`MAX_TOPICS_PER_SITE`].
fn prune(topics: &mut BTreeMap<String, f64>) {
    topics.retain(|_, w| *w >= 0.01);
    if topics.len() > MAX_TOPICS_PER_SITE {
        let mut by_weight: Vec<(String, f64)> = std::mem::take(topics).into_iter().collect();
        by_weight.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        topics.extend(by_weight.into_iter().take(MAX_TOPICS_PER_SITE));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topics::TopicMatcher;

    const DAY: u64 = 24 * 60 * 60 * 1000;

    fn topics(text: &str) -> Topics {
        TopicMatcher::new().topics_of(text, Some("en"))
    }

    #[test]
    fn a_forgotten_topic_leaves_every_site() {
        let mut profile = InterestProfile::new();
        let travel = topics("Cheap flights, beach hotels and island holidays for your next trip abroad");
        profile.record_visit("a.example", "https://a.example/1", &travel, DAY);
        profile.record_visit("b.example", "https://b.example/1", &travel, DAY);
        assert_eq!(profile.interests(DAY).topics[0].0, "travel");
        assert!(profile.forget_topic("travel"));
        assert!(profile.interests(DAY).topics.iter().all(|(t, _)| t != "travel"));
        assert!(profile.sites.values().all(|s| !s.topics.contains_key("travel")), "gone from both sites");
        assert!(!profile.forget_topic("travel"));
    }

    #[test]
    fn visits_build_interests_that_fade_with_a_30_day_half_life() {
        let mut p = InterestProfile::new();
        let travel = topics("cheap flights, beach holidays and hotels for your next trip");
        assert!(p.record_visit("travel.example", "https://travel.example/a", &travel, 0));
        assert!(p.record_visit("travel.example", "https://travel.example/b", &travel, DAY));
        let now = p.interests(DAY);
        assert_eq!(now.topics.first().map(|t| t.0.as_str()), Some("travel"));
        let later = p.interests(DAY + 30 * DAY);
        assert!((later.weight / now.weight - 0.5).abs() < 0.01, "{} vs {}", later.weight, now.weight);
    }

    #[test]
    fn a_rescan_of_the_same_page_is_not_a_new_visit() {
        let mut p = InterestProfile::new();
        let t = topics("hotel holidays flights beach");
        assert!(p.record_visit("a.example", "https://a.example/x", &t, 1000));
        assert!(!p.record_visit("a.example", "https://a.example/x", &t, 5000));
        assert_eq!(p.sites["a.example"].visits, 1);
    }

    #[test]
    fn pages_without_a_clear_topic_count_as_visits_only() {
        let mut p = InterestProfile::new();
        assert!(p.record_visit("a.example", "https://a.example/", &topics("hello there"), 0));
        assert_eq!(p.sites["a.example"].visits, 1);
        assert_eq!(p.interests(0).weight, 0.0);
    }

    #[test]
    fn visits_in_the_future_or_out_of_order_never_grow_weights() {
        let mut p = InterestProfile::new();
        let t = topics("hotel holidays flights beach trip");
        p.record_visit("a.example", "https://a.example/1", &t, 100 * DAY);
        p.record_visit("a.example", "https://a.example/2", &t, 70 * DAY);
        // Read at an earlier "now" than the last visit: no growth past 2 pages.
        let view = p.interests(0);
        assert!(view.weight <= 2.0 && view.weight > 1.0, "{}", view.weight);
    }

    #[test]
    fn forgetting_a_site_removes_its_interests() {
        let mut p = InterestProfile::new();
        p.record_visit("a.example", "https://a.example/", &topics("hotel holidays flights beach"), 0);
        assert!(p.forget_site("a.example"));
        assert!(p.interests(0).topics.is_empty());
    }

    #[test]
    fn a_corrupted_or_newer_profile_is_refused_clearly() {
        assert!(matches!(InterestProfile::from_json("{not json"), Err(ProfileError::Malformed(_))));
        let newer = r#"{"version": 99, "sites": {}}"#;
        assert_eq!(InterestProfile::from_json(newer), Err(ProfileError::UnknownVersion(99)));
        let p = InterestProfile::new();
        let json = serde_json::to_string(&p).expect("serializes");
        assert_eq!(InterestProfile::from_json(&json), Ok(p));
    }
}
