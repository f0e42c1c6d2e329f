//! Observations as the engine makes them: requests, pages and their items
//! logged per visit until the shell takes them (see [`crate::observations`]
//! for the records).

use std::collections::HashMap;

use crate::consent::{ConsentSignal, Framework};
use crate::detect::FoundItem;
use crate::engine::{PageReport, ReportedItem};
use crate::observations::{
    ConsentSeen, ItemSeen, Observation, PageVisit, RemarketingSeen, TopicWeight, TrackerContact,
};
use crate::remarketing::RemarketingEvent;
use crate::trackers::{is_retargeting_vendor, TrackerDb};
use crate::verdict::{Kind, Reason};

/// Most records waiting to be taken. Past it, new ones are counted and
/// dropped: a shell that never takes them must not grow memory forever.
pub const MAX_PENDING: usize = 20_000;
/// Most page topics kept in a page-visit record.
pub const MAX_VISIT_TOPICS: usize = 5;

/// Observations made but not yet taken by the shell. Requests are many, so
/// one page's requests to one third party become one record whose counts
/// grow until it is taken.
#[derive(Debug, Default)]
pub struct ObservationLog {
    pending: Vec<Observation>,
    /// visit → third party's domain → index in `pending` (looked up by
    /// reference: this runs for every request).
    open_contacts: HashMap<String, HashMap<String, usize>>,
    /// (visit, event key) → index in `pending`.
    open: HashMap<(String, String), usize>,
    dropped: u64,
}

/// Where a request or a page was seen: the visit and its page.
#[derive(Debug, Clone, Copy)]
pub struct VisitRef<'a> {
    /// The visit's id (the shell's: tab and start time; replay: line).
    pub visit_id: &'a str,
    /// The page's URL.
    pub page_url: &'a str,
    /// The page's site.
    pub site: &'a str,
}

impl ObservationLog {
    fn push(&mut self, observation: Observation) -> Option<usize> {
        if self.pending.len() >= MAX_PENDING {
            self.dropped += 1;
            return None;
        }
        self.pending.push(observation);
        Some(self.pending.len() - 1)
    }

    /// A request from the visit's page to the third party `domain`.
    pub fn contact(&mut self, visit: VisitRef<'_>, domain: &str, listed: bool, time_ms: u64) {
        let open = self.open_contacts.get(visit.visit_id).and_then(|d| d.get(domain)).copied();
        if let Some(Observation::TrackerContact(c)) = open.and_then(|i| self.pending.get_mut(i)) {
            c.requests = c.requests.saturating_add(1);
            c.listed = c.listed.saturating_add(u32::from(listed));
            c.time = c.time.min(time_ms);
            c.last_time = c.last_time.max(time_ms);
            return;
        }
        let record = Observation::TrackerContact(TrackerContact {
            id: format!("{}/contact/{domain}", visit.visit_id),
            time: time_ms,
            last_time: time_ms,
            site: visit.site.to_owned(),
            page_url: Some(visit.page_url.to_owned()),
            visit_id: visit.visit_id.to_owned(),
            domain: domain.to_owned(),
            requests: 1,
            listed: u32::from(listed),
            tracker: None,
            company: None,
            category: None,
            retargeting_vendor: is_retargeting_vendor(domain),
        });
        if let Some(i) = self.push(record) {
            self.open_contacts.entry(visit.visit_id.to_owned()).or_default().insert(domain.to_owned(), i);
        }
    }

    /// A remarketing event the visit's page sent.
    pub fn remarketing(&mut self, visit: VisitRef<'_>, event: &RemarketingEvent, time_ms: u64) {
        let product = event.product_id.as_deref().unwrap_or("");
        let key = (visit.visit_id.to_owned(), format!("remarketing/{}/{}/{product}", event.vendor, event.event));
        if self.count_again(&key, time_ms) {
            return;
        }
        let record = Observation::RemarketingEvent(RemarketingSeen {
            id: format!("{}/{}", key.0, key.1),
            time: time_ms,
            last_time: time_ms,
            site: visit.site.to_owned(),
            page_url: Some(visit.page_url.to_owned()),
            visit_id: visit.visit_id.to_owned(),
            vendor: event.vendor.clone(),
            event: event.event.clone(),
            product_id: event.product_id.clone(),
            count: 1,
        });
        self.open_counted(key, record);
    }

    /// The consent a request of the visit's page passed on: one record per
    /// visit and answer, counted.
    pub fn consent(&mut self, visit: VisitRef<'_>, signal: &ConsentSignal, time_ms: u64) {
        let listed = |parts: Vec<String>| if parts.is_empty() { "none".to_owned() } else { parts.join("+") };
        let refused = listed(signal.refused.iter().map(u8::to_string).collect());
        let answer = match (signal.framework, signal.cmp_id) {
            // The ids TCF records always had.
            (Framework::Tcf, Some(cmp_id)) => format!("consent/{cmp_id}/{refused}"),
            (framework, cmp_id) => {
                let cmp = cmp_id.map_or_else(|| "none".to_owned(), |c| c.to_string());
                let opted_out = listed(signal.opted_out.iter().map(|o| o.as_str().to_owned()).collect());
                format!("consent/{}/{cmp}/{refused}/{opted_out}", framework.as_str())
            }
        };
        let key = (visit.visit_id.to_owned(), answer);
        if self.count_again(&key, time_ms) {
            return;
        }
        let record = Observation::ConsentSignal(ConsentSeen {
            id: format!("{}/{}", key.0, key.1),
            time: time_ms,
            last_time: time_ms,
            site: visit.site.to_owned(),
            page_url: Some(visit.page_url.to_owned()),
            visit_id: visit.visit_id.to_owned(),
            framework: signal.framework,
            cmp_id: signal.cmp_id,
            refused: signal.refused.clone(),
            opted_out: signal.opted_out.clone(),
            count: 1,
        });
        self.open_counted(key, record);
    }

    /// Counts the visit's record open under `key` once more, if there is one.
    fn count_again(&mut self, key: &(String, String), time_ms: u64) -> bool {
        let open = self.open.get(key).and_then(|&i| self.pending.get_mut(i));
        let (count, last_time) = match open {
            Some(Observation::RemarketingEvent(r)) => (&mut r.count, &mut r.last_time),
            Some(Observation::ConsentSignal(c)) => (&mut c.count, &mut c.last_time),
            _ => return false,
        };
        *count = count.saturating_add(1);
        *last_time = (*last_time).max(time_ms);
        true
    }

    /// Logs a counted record, open under `key` for the visit's next ones.
    fn open_counted(&mut self, key: (String, String), record: Observation) {
        if let Some(i) = self.push(record) {
            self.open.insert(key, i);
        }
    }

    /// A page report: the visit, and every item seen with its verdict.
    /// `locate` gives an item's CSS path when the caller knows it.
    pub fn page(
        &mut self,
        visit: VisitRef<'_>,
        report: &PageReport,
        time_ms: u64,
        lists_version: Option<&str>,
        locate: impl Fn(u32) -> Option<String>,
    ) {
        let topics = report
            .topics
            .topics
            .iter()
            .take(MAX_VISIT_TOPICS)
            .map(|t| TopicWeight { topic: t.topic.clone(), share: t.share, score: t.score })
            .collect();
        self.push(Observation::PageVisit(PageVisit {
            id: format!("{}/page", visit.visit_id),
            time: time_ms,
            site: visit.site.to_owned(),
            page_url: Some(visit.page_url.to_owned()),
            visit_id: visit.visit_id.to_owned(),
            language: report.topics.language.clone(),
            topics,
            product: report.product.clone(),
        }));
        for reported in &report.items {
            let record = item_seen(visit, reported, time_ms, lists_version, locate(reported.item.key));
            self.push(Observation::ItemSeen(record));
        }
    }

    /// Everything made since the last call, with what the tracker database
    /// says of each third party.
    pub fn take(&mut self, trackers: Option<&TrackerDb>) -> Vec<Observation> {
        self.open.clear();
        self.open_contacts.clear();
        let mut taken = std::mem::take(&mut self.pending);
        if let Some(db) = trackers {
            for observation in &mut taken {
                if let Observation::TrackerContact(c) = observation {
                    if let Some(t) = db.lookup(&c.domain) {
                        c.tracker = Some(t.name.clone());
                        c.company = Some(t.company.clone());
                        c.category = Some(t.category.clone());
                    }
                }
            }
        }
        taken
    }

    /// Records dropped because the shell did not take them in time.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }
}

fn item_seen(
    visit: VisitRef<'_>,
    reported: &ReportedItem,
    time_ms: u64,
    lists_version: Option<&str>,
    locator: Option<String>,
) -> ItemSeen {
    let ReportedItem { item, verdict } = reported;
    let FoundItem { key, element_id, item_type, source, vendor, network, label, landing_url, landing_domain, .. } =
        item;
    let (followed_from, product) = verdict
        .evidence
        .iter()
        .find_map(|e| match &e.reason {
            Reason::ViewedProduct { product, shop, .. } => Some((Some(shop.clone()), Some(product.clone()))),
            Reason::VisitedShop { shop, .. } => Some((Some(shop.clone()), None)),
            _ => None,
        })
        .filter(|_| verdict.kind == Kind::Retargeted)
        .unwrap_or((None, None));
    ItemSeen {
        id: format!("{}/item/{key}", visit.visit_id),
        time: time_ms,
        site: visit.site.to_owned(),
        page_url: Some(visit.page_url.to_owned()),
        visit_id: visit.visit_id.to_owned(),
        item_type: *item_type,
        source: *source,
        vendor: vendor.map(str::to_owned),
        network: network.map(str::to_owned),
        element_id: element_id.clone(),
        locator,
        label: label.as_ref().map(|l| l.phrase.to_owned()),
        landing_url: landing_url.clone(),
        landing_domain: landing_domain.clone(),
        first_party: item.first_party,
        in_player: item.in_player,
        text: item.text.clone(),
        kind: verdict.kind,
        confidence: verdict.confidence,
        evidence: Some(verdict.evidence.iter().filter_map(|e| serde_json::to_value(e).ok()).collect()),
        topics: verdict.topics.topics.iter().map(|t| t.topic.clone()).collect(),
        followed_from,
        product,
        classifier_version: verdict.classifier_version.to_owned(),
        lists_version: lists_version.map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit() -> VisitRef<'static> {
        VisitRef { visit_id: "7.1000", page_url: "https://news.example/a", site: "news.example" }
    }

    #[test]
    fn one_record_per_page_and_third_party_whose_counts_grow() {
        let mut log = ObservationLog::default();
        log.contact(visit(), "criteo.com", true, 1_000);
        log.contact(visit(), "criteo.com", false, 3_000);
        log.contact(visit(), "cdn.example", false, 2_000);
        let taken = log.take(None);
        assert_eq!(taken.len(), 2);
        let Observation::TrackerContact(c) = &taken[0] else { panic!("a contact") };
        assert_eq!((c.requests, c.listed, c.time, c.last_time), (2, 1, 1_000, 3_000));
        assert_eq!(c.id, "7.1000/contact/criteo.com");
        assert!(c.retargeting_vendor);
        assert!(log.take(None).is_empty(), "taken once");
        log.contact(visit(), "criteo.com", false, 4_000);
        assert_eq!(log.take(None)[0].id(), "7.1000/contact/criteo.com", "same id: storage merges the counts");
    }

    #[test]
    fn the_same_consent_is_one_record_per_visit_and_answer() {
        let mut log = ObservationLog::default();
        let at = VisitRef { visit_id: "v1", page_url: "https://news.example/a", site: "news.example" };
        let refused = ConsentSignal::from_tcf(vec![3, 4], 7);
        log.consent(at, &refused, 10);
        log.consent(at, &refused, 30);
        log.consent(at, &ConsentSignal::from_tcf(vec![], 7), 40);
        let taken = log.take(None);
        assert_eq!(taken.len(), 2);
        let Observation::ConsentSignal(c) = &taken[0] else { panic!("a consent signal") };
        assert_eq!((c.id.as_str(), c.count, c.time, c.last_time), ("v1/consent/7/3+4", 2, 10, 30));
        assert_eq!(taken[1].id(), "v1/consent/7/none");
    }

    #[test]
    fn the_same_remarketing_event_is_counted() {
        let mut log = ObservationLog::default();
        let event =
            RemarketingEvent { vendor: "Criteo".into(), event: "viewItem".into(), product_id: Some("TRX".into()) };
        log.remarketing(visit(), &event, 1);
        log.remarketing(visit(), &event, 2);
        let taken = log.take(None);
        let Observation::RemarketingEvent(r) = &taken[0] else { panic!("an event") };
        assert_eq!((r.count, r.time, r.last_time), (2, 1, 2));
        assert_eq!(r.id, "7.1000/remarketing/Criteo/viewItem/TRX");
    }

    #[test]
    fn a_shell_that_never_takes_records_does_not_grow_memory() {
        let mut log = ObservationLog::default();
        for i in 0..MAX_PENDING + 10 {
            log.contact(visit(), &format!("d{i}.example"), false, 1);
        }
        assert_eq!(log.dropped(), 10);
        assert_eq!(log.take(None).len(), MAX_PENDING);
    }
}
