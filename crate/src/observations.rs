//! Observations: one record per thing AdLens saw. A page visited, an ad or
//! widget seen with its verdict, a third party contacted, a remarketing
//! event sent, a label the user called wrong.
//!
//! The engine makes them as it works ([`crate::observation_log`]); the extension
//! stores them (IndexedDB) for the tracking panel, and the research export
//! ([`crate::export`]) writes them out. `adlens replay --export` makes the
//! same records from recorded journeys, so data from both can be analysed
//! together. Records carry a stable `id` (the visit, and what was seen in
//! it), so storing or importing one twice keeps one.

use serde::{Deserialize, Serialize};

use crate::consent::{Framework, OptOut};

use crate::page::CandidateSource;
use crate::products::Product;
use crate::vendors::ItemType;
use crate::verdict::Kind;

/// Version of the observation records, and of the export schema that
/// describes them (`crate/schema/observations-v1.schema.json`).
pub const OBSERVATIONS_VERSION: u32 = 1;

/// One observation. Times are epoch milliseconds (the export writes them as
/// RFC 3339).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Observation {
    /// A page the user visited.
    PageVisit(PageVisit),
    /// An ad or widget seen on a page, with its verdict.
    ItemSeen(ItemSeen),
    /// A page's requests to one third party.
    TrackerContact(TrackerContact),
    /// A page told a vendor what the user did.
    RemarketingEvent(RemarketingSeen),
    /// The user said a label was wrong.
    LabelFeedback(LabelFeedback),
    /// A page passed the user's consent on to the ad companies it called.
    ConsentSignal(ConsentSeen),
}

/// The record types, as the export's `types` option names them.
pub const OBSERVATION_TYPES: [&str; 6] =
    ["page_visit", "item_seen", "tracker_contact", "remarketing_event", "label_feedback", "consent_signal"];

/// A page the user visited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageVisit {
    /// Stable id: `<visitId>/page`.
    pub id: String,
    /// When the page was first analysed.
    pub time: u64,
    /// The page's site (registrable domain).
    pub site: String,
    /// The page's URL (absent when an export kept sites only).
    pub page_url: Option<String>,
    /// Which visit (the extension: tab and start time; replay: journey line).
    pub visit_id: String,
    /// The language most topic words were in.
    pub language: Option<String>,
    /// What the page is about, strongest first.
    pub topics: Vec<TopicWeight>,
    /// The product the page sells, when it is a product page.
    pub product: Option<Product>,
}

/// One topic of a page with its share of the page's topic words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicWeight {
    /// The topic's id.
    pub topic: String,
    /// Share, 0 to 1.
    pub share: f64,
    /// Weighted count of its words.
    pub score: f64,
}

/// An ad or widget seen on a page, with its verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ItemSeen {
    /// Stable id: `<visitId>/item/<element key>`.
    pub id: String,
    /// When it was first seen in this visit.
    pub time: u64,
    /// The page's site.
    pub site: String,
    /// The page's URL.
    pub page_url: Option<String>,
    /// Which visit.
    pub visit_id: String,
    /// `ad` or `recommendation`.
    pub item_type: ItemType,
    /// How it was found: `marker`, `heading` or `cosmetic`.
    pub source: CandidateSource,
    /// The vendor's product serving it.
    pub vendor: Option<String>,
    /// The company behind the vendor.
    pub network: Option<String>,
    /// The element's `id` attribute.
    pub element_id: Option<String>,
    /// A CSS path to the element (`adlens replay` only).
    pub locator: Option<String>,
    /// The heading phrase that introduced it.
    pub label: Option<String>,
    /// Where it leads.
    pub landing_url: Option<String>,
    /// The landing page's registrable domain.
    pub landing_domain: Option<String>,
    /// The landing page is on the page's own site.
    pub first_party: bool,
    /// It played in the site's own video player (YouTube's video ads): the
    /// extension labels it and never hides it. Absent from exports made
    /// before it was recorded: read as `false`.
    #[serde(default)]
    pub in_player: bool,
    /// Creative text (at most 300 characters).
    pub text: String,
    /// The verdict's kind.
    pub kind: Kind,
    /// How sure, 0 to 1.
    pub confidence: f64,
    /// The typed reasons, strongest first (absent when an export left them out).
    pub evidence: Option<Vec<serde_json::Value>>,
    /// The item's topics.
    pub topics: Vec<String>,
    /// The shop it followed the user from (retargeted items).
    pub followed_from: Option<String>,
    /// The product it shows, when the user viewed it.
    pub product: Option<String>,
    /// The rules that gave the verdict.
    pub classifier_version: String,
    /// The filter lists in use.
    pub lists_version: Option<String>,
}

/// A page's requests to one third party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrackerContact {
    /// Stable id: `<visitId>/contact/<domain>`.
    pub id: String,
    /// First request.
    pub time: u64,
    /// Last request.
    pub last_time: u64,
    /// The page's site.
    pub site: String,
    /// The page's URL.
    pub page_url: Option<String>,
    /// Which visit.
    pub visit_id: String,
    /// The third party's registrable domain.
    pub domain: String,
    /// Requests made.
    pub requests: u32,
    /// Of which the filter lists would block.
    pub listed: u32,
    /// The tracker, when the tracker database knows the domain.
    pub tracker: Option<String>,
    /// The company behind it.
    pub company: Option<String>,
    /// Its category (`advertising`, `site_analytics`…).
    pub category: Option<String>,
    /// A known retargeting vendor.
    pub retargeting_vendor: bool,
}

/// A page told a vendor what the user did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RemarketingSeen {
    /// Stable id: `<visitId>/remarketing/<vendor>/<event>/<product id>`.
    pub id: String,
    /// First time.
    pub time: u64,
    /// Last time.
    pub last_time: u64,
    /// The page's site.
    pub site: String,
    /// The page's URL.
    pub page_url: Option<String>,
    /// Which visit.
    pub visit_id: String,
    /// The vendor told.
    pub vendor: String,
    /// What it was told (`viewItem`…).
    pub event: String,
    /// The product's id in the shop, when sent.
    pub product_id: Option<String>,
    /// How many times.
    pub count: u32,
}

/// A page passed the user's consent on to the ad companies it called: an
/// IAB TCF, GPP or US Privacy string in their requests
/// ([`crate::consent`]), as far as personalised ads go.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentSeen {
    /// Stable id: `<visitId>/consent/<cmp id>/<refused purposes, or none>`
    /// (TCF), `<visitId>/consent/<framework>/<cmp id or none>/<refused
    /// purposes>/<opted out>` (GPP and US Privacy: `…/consent/usp/none/none/sale`).
    pub id: String,
    /// First request carrying it.
    pub time: u64,
    /// Last request carrying it.
    pub last_time: u64,
    /// The page's site.
    pub site: String,
    /// The page's URL.
    pub page_url: Option<String>,
    /// Which visit.
    pub visit_id: String,
    /// The framework its string came in (`tcf` for records from before
    /// AdLens read the others).
    #[serde(default)]
    pub framework: Framework,
    /// The consent banner's id in the IAB's list of CMPs (TCF strings carry
    /// it; null for US strings).
    pub cmp_id: Option<u16>,
    /// The purposes personalised ads need (3, 4) that were not consented
    /// to; empty when both were, or no TCF string applied.
    pub refused: Vec<u8>,
    /// What the user opted out of (US strings): `sale`, `sharing`,
    /// `targeted_advertising`; empty when nothing (and in records from
    /// before AdLens read US strings).
    #[serde(default)]
    pub opted_out: Vec<OptOut>,
    /// Requests that carried it.
    pub count: u32,
}

/// The user said a label was wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelFeedback {
    /// Stable id.
    pub id: String,
    /// When.
    pub time: u64,
    /// The page's site.
    pub site: String,
    /// The page's URL.
    pub page_url: Option<String>,
    /// The kind AdLens had given.
    pub kind: Kind,
    /// The element's `id` attribute.
    pub element_id: Option<String>,
    /// The rules that gave it.
    pub classifier_version: String,
}

impl Observation {
    /// The record's stable id.
    pub fn id(&self) -> &str {
        match self {
            Observation::PageVisit(o) => &o.id,
            Observation::ItemSeen(o) => &o.id,
            Observation::TrackerContact(o) => &o.id,
            Observation::RemarketingEvent(o) => &o.id,
            Observation::LabelFeedback(o) => &o.id,
            Observation::ConsentSignal(o) => &o.id,
        }
    }

    /// When it happened (first), epoch milliseconds.
    pub fn time(&self) -> u64 {
        match self {
            Observation::PageVisit(o) => o.time,
            Observation::ItemSeen(o) => o.time,
            Observation::TrackerContact(o) => o.time,
            Observation::RemarketingEvent(o) => o.time,
            Observation::LabelFeedback(o) => o.time,
            Observation::ConsentSignal(o) => o.time,
        }
    }

    /// The site it was seen on.
    pub fn site(&self) -> &str {
        match self {
            Observation::PageVisit(o) => &o.site,
            Observation::ItemSeen(o) => &o.site,
            Observation::TrackerContact(o) => &o.site,
            Observation::RemarketingEvent(o) => &o.site,
            Observation::LabelFeedback(o) => &o.site,
            Observation::ConsentSignal(o) => &o.site,
        }
    }

    /// The record type's name (`item_seen`…).
    pub fn type_name(&self) -> &'static str {
        match self {
            Observation::PageVisit(_) => OBSERVATION_TYPES[0],
            Observation::ItemSeen(_) => OBSERVATION_TYPES[1],
            Observation::TrackerContact(_) => OBSERVATION_TYPES[2],
            Observation::RemarketingEvent(_) => OBSERVATION_TYPES[3],
            Observation::LabelFeedback(_) => OBSERVATION_TYPES[4],
            Observation::ConsentSignal(_) => OBSERVATION_TYPES[5],
        }
    }

    /// The page URL, for redaction.
    pub fn page_url_mut(&mut self) -> &mut Option<String> {
        match self {
            Observation::PageVisit(o) => &mut o.page_url,
            Observation::ItemSeen(o) => &mut o.page_url,
            Observation::TrackerContact(o) => &mut o.page_url,
            Observation::RemarketingEvent(o) => &mut o.page_url,
            Observation::LabelFeedback(o) => &mut o.page_url,
            Observation::ConsentSignal(o) => &mut o.page_url,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_strictly() {
        let json = r#"{"type":"label_feedback","id":"x","time":1,"site":"a.example","pageUrl":null,"kind":"retargeted","elementId":null,"classifierVersion":"c"}"#;
        let parsed: Observation = serde_json::from_str(json).expect("valid");
        assert_eq!(parsed.type_name(), "label_feedback");
        let extra = json.replace("\"time\":1", "\"time\":1,\"surprise\":2");
        assert!(serde_json::from_str::<Observation>(&extra).is_err(), "unknown fields are refused");
    }
}
