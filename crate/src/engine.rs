//! The façade the shell and the CLI use: one [`Engine`], a few entry points.

use serde::Serialize;

use crate::consent;
use crate::detect::{find_items, FoundItem};
use crate::domains::{host_of, is_third_party, registrable_domain};
use crate::error::InputError;
use crate::lists::{FilterLists, ListError, ListsInfo};
use crate::observation_log::{ObservationLog, VisitRef};
use crate::observations::Observation;
use crate::page::PageSnapshot;
use crate::page::MAX_CLASSES_AND_IDS;
use crate::plan::{distinct_classes, ClassIdAnswer, ScanPlan};
use crate::products::{self, Product, ProductMemory};
use crate::profile::{InterestProfile, Interests, ProfileError};
use crate::remarketing;
use crate::retargeting::Memory;
use crate::selector_needs::PageNames;
use crate::sites::{SiteRecords, SitesView};
use crate::topical::page_topics;
use crate::topics::{TopicMatcher, Topics};
use crate::trackers::{TrackerDb, TrackerDbError};
use crate::verdict::{classify, Context, Kind, Verdict};

mod restore;

/// Version of the engine crate, reported in every page report.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The engine: rules, filter lists and what was observed.
#[derive(Debug)]
pub struct Engine {
    plan: ScanPlan,
    lists: Option<FilterLists>,
    trackers: Option<TrackerDb>,
    sites: SiteRecords,
    products: ProductMemory,
    matcher: TopicMatcher,
    profile: InterestProfile,
    log: ObservationLog,
    /// The last page whose requests were observed, with its site: a page's
    /// requests come together, so its URL is parsed once, not per request.
    last_page: Option<(String, String)>,
}

/// What the engine makes of one network request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestInfo {
    /// The filter lists would block it (false when no lists are loaded).
    pub listed: bool,
    /// It goes to another site than the page's.
    pub third_party: bool,
    /// The page's site (registrable domain); empty when unknown.
    pub site: String,
    /// The request's registrable domain.
    pub domain: String,
}

/// What the engine concluded about one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageReport {
    /// The page's URL.
    pub url: String,
    /// Every ad or widget found, in page order.
    pub items: Vec<ReportedItem>,
    /// How many items of each kind.
    pub counts: KindCounts,
    /// The product the page sells, when it is a product page.
    pub product: Option<Product>,
    /// What the page is about.
    pub topics: Topics,
    /// The page's site (registrable domain).
    pub site: String,
    /// Problems met in the page's data (broken JSON-LD…), for the log.
    pub notes: Vec<String>,
    /// The engine that produced the report.
    pub engine_version: &'static str,
}

/// One found item with its verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportedItem {
    /// What was found.
    #[serde(flatten)]
    pub item: FoundItem,
    /// Why it is shown.
    pub verdict: Verdict,
}

/// Items per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    /// Contextual items.
    pub contextual: u32,
    /// Behavioural items.
    pub behavioural: u32,
    /// Retargeted items.
    pub retargeted: u32,
    /// Generic items.
    pub generic: u32,
}

impl KindCounts {
    fn add(&mut self, kind: Kind) {
        let slot = match kind {
            Kind::Contextual => &mut self.contextual,
            Kind::Behavioural => &mut self.behavioural,
            Kind::Retargeted => &mut self.retargeted,
            Kind::Generic => &mut self.generic,
        };
        *slot += 1;
    }
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine {
    /// Builds the engine with its built-in rules.
    pub fn new() -> Self {
        Engine {
            plan: ScanPlan::build(),
            lists: None,
            trackers: None,
            sites: SiteRecords::default(),
            products: ProductMemory::default(),
            matcher: TopicMatcher::new(),
            profile: InterestProfile::new(),
            log: ObservationLog::default(),
            last_page: None,
        }
    }

    /// Replaces the filter lists with a snapshot's; on error the current
    /// lists stay.
    pub fn load_lists_snapshot(&mut self, snapshot: &[u8]) -> Result<&ListsInfo, ListError> {
        let lists = FilterLists::from_snapshot(snapshot)?;
        Ok(self.lists.insert(lists).info())
    }

    /// Replaces the filter lists with freshly compiled ones.
    pub fn set_lists(&mut self, lists: FilterLists) {
        self.lists = Some(lists);
    }

    /// The loaded lists, if any.
    pub fn lists(&self) -> Option<&FilterLists> {
        self.lists.as_ref()
    }

    /// Whether the lists block a request and whether it is third-party: the
    /// hot path, run for every request, so each URL is parsed once.
    pub fn check_request(&self, url: &str, source_url: &str, request_type: &str) -> (bool, bool) {
        let (listed, third_party, _) = self.match_request(url, source_url, request_type);
        (listed, third_party)
    }

    /// Listed, third-party, and the request's host (as the matcher parsed
    /// it, so the URL is not parsed again).
    fn match_request(&self, url: &str, source_url: &str, request_type: &str) -> (bool, bool, String) {
        match &self.lists {
            Some(lists) => {
                let verdict = lists.check_request(url, source_url, request_type);
                (verdict.blocked, verdict.third_party, verdict.host)
            }
            None => {
                let host = host_of(url).unwrap_or_default();
                let third_party = is_third_party(&host, &host_of(source_url).unwrap_or_default());
                (false, third_party, host)
            }
        }
    }

    /// The registrable domain of a host, empty for none.
    fn domain_of_host(host: &str) -> String {
        if host.is_empty() {
            String::new()
        } else {
            registrable_domain(host)
        }
    }

    /// What a request is: listed or not, third-party or not, and to which
    /// site. `source_url` is the page (or frame) that made it.
    pub fn classify_request(&self, url: &str, source_url: &str, request_type: &str) -> RequestInfo {
        let (listed, third_party, host) = self.match_request(url, source_url, request_type);
        let site = host_of(source_url).map(|h| registrable_domain(&h)).unwrap_or_default();
        RequestInfo { listed, third_party, site, domain: Self::domain_of_host(&host) }
    }

    /// Loads the compact tracker database; on error the current one stays.
    pub fn load_trackers(&mut self, compact_json: &str) -> Result<&str, TrackerDbError> {
        let db = TrackerDb::from_compact_json(compact_json)?;
        Ok(&self.trackers.insert(db).version)
    }

    /// The tracker database, if loaded.
    pub fn trackers(&self) -> Option<&TrackerDb> {
        self.trackers.as_ref()
    }

    /// Everything observed per site, with who is behind each third party.
    pub fn sites_view(&self) -> SitesView<'_> {
        self.sites.view(self.trackers.as_ref())
    }

    /// Classifies a request and, when a known site sent it to a third party,
    /// adds it (and any remarketing event it carries) to that site's record.
    pub fn observe_request(&mut self, url: &str, source_url: &str, request_type: &str, time_ms: u64) -> RequestInfo {
        self.observe(url, source_url, request_type, time_ms, None)
    }

    /// [`Engine::observe_request`] for a request of one page visit
    /// (`visit_id`, the shell's name for it): it is also logged as an
    /// observation (see [`Engine::take_observations`]).
    pub fn observe_visit_request(
        &mut self,
        url: &str,
        page_url: &str,
        request_type: &str,
        time_ms: u64,
        visit_id: &str,
    ) -> RequestInfo {
        self.observe(url, page_url, request_type, time_ms, Some(visit_id))
    }

    fn observe(&mut self, url: &str, source_url: &str, kind: &str, time_ms: u64, visit: Option<&str>) -> RequestInfo {
        let (listed, third_party, host) = self.match_request(url, source_url, kind);
        if self.last_page.as_ref().is_none_or(|(page, _)| page != source_url) {
            let site = host_of(source_url).map(|h| registrable_domain(&h)).unwrap_or_default();
            self.last_page = Some((source_url.to_owned(), site));
        }
        let site = self.last_page.as_ref().map(|(_, site)| site.clone()).unwrap_or_default();
        let info = RequestInfo { listed, third_party, site, domain: Self::domain_of_host(&host) };
        if info.third_party && !info.site.is_empty() && !info.domain.is_empty() {
            self.sites.record(&info.site, &info.domain, info.listed, time_ms);
            let event = remarketing::detect(url);
            if let Some(visit_id) = visit {
                let at = VisitRef { visit_id, page_url: source_url, site: &info.site };
                self.log.contact(at, &info.domain, info.listed, time_ms);
                if let Some(event) = &event {
                    self.log.remarketing(at, event, time_ms);
                }
            }
            if let Some(event) = event {
                self.sites.record_event(&info.site, event, time_ms);
            }
            if let Some(signal) = consent::consent_in(url) {
                if let Some(visit_id) = visit {
                    let at = VisitRef { visit_id, page_url: source_url, site: &info.site };
                    self.log.consent(at, &signal, time_ms);
                }
                self.sites.record_consent(&info.site, signal, time_ms);
            }
        }
        info
    }

    /// Remembers that the user viewed a product (from a page report).
    pub fn remember_product(&mut self, product: Product, time_ms: u64) {
        self.products.record(product, time_ms);
    }

    /// The products the user viewed.
    pub fn product_memory(&self) -> &ProductMemory {
        &self.products
    }

    /// Restores a memory saved from [`Engine::product_memory`].
    pub fn restore_product_memory(&mut self, memory: ProductMemory) {
        self.products = memory;
    }

    /// Everything observed per site.
    pub fn site_records(&self) -> &SiteRecords {
        &self.sites
    }

    /// Restores records saved from [`Engine::site_records`].
    pub fn restore_site_records(&mut self, records: SiteRecords) {
        self.sites = records;
    }

    /// What the shell should gather from each page.
    pub fn scan_plan(&self) -> &ScanPlan {
        &self.plan
    }

    /// What the engine says about a page's class attributes and ids (each
    /// list distinct, as the page has them): the filter lists' hiding
    /// selectors for the page (its site's, and the generic ones keyed by its
    /// classes and ids), which classes and ids are vendor markers, and on a
    /// site with markers of its own (YouTube's `ytd-…` elements) which tags. At
    /// most `MAX_CLASSES_AND_IDS` classes and ids are looked at. When the
    /// lists are `complete` (every class attribute and id of the page), the
    /// selectors that need a class or id the page lacks are left out: they
    /// match nothing there, and each would cost the page a query.
    pub fn class_id_answer(
        &self,
        page_url: &str,
        class_attributes: &[String],
        ids: &[String],
        complete: bool,
    ) -> ClassIdAnswer {
        let classes = distinct_classes(class_attributes, MAX_CLASSES_AND_IDS);
        let id_names: Vec<&str> = ids.iter().take(MAX_CLASSES_AND_IDS).map(String::as_str).collect();
        let mut selectors = self
            .lists()
            .map(|lists| lists.hiding_selectors(page_url, classes.iter().copied(), id_names.iter().copied()))
            .unwrap_or_default();
        if complete && !selectors.is_empty() {
            let names = PageNames::new(class_attributes, ids);
            selectors.retain(|s| names.may_match(s));
        }
        let markers = &self.plan.class_id_markers;
        let mut marked = markers.marked_names(classes.iter().copied(), id_names.iter().copied());
        marked.tags = host_of(page_url).map(|h| markers.site_tags(&registrable_domain(&h))).unwrap_or_default();
        ClassIdAnswer { selectors, marked }
    }

    /// Finds and classifies the items of one page, at `now_ms` (epoch
    /// milliseconds: the same inputs at the same time give the same report).
    /// Memory is read, not changed: see [`Engine::visit_page`].
    pub fn analyze_page(&self, mut page: PageSnapshot, now_ms: u64) -> Result<PageReport, InputError> {
        page.validate()?;
        let topics = page_topics(&self.matcher, &page);
        let interests = self.profile.interests(now_ms);
        let site = host_of(&page.url).map(|h| registrable_domain(&h)).unwrap_or_default();
        let ctx = Context {
            memory: Memory { products: &self.products, sites: &self.sites, profile: &self.profile, now_ms },
            matcher: &self.matcher,
            page_topics: &topics,
            interests: &interests,
            lang: page.lang.as_deref(),
            site: &site,
            gpc: page.gpc,
        };
        let mut counts = KindCounts::default();
        let items = find_items(&page)
            .into_iter()
            .map(|item| {
                let verdict = classify(&item, ctx);
                counts.add(verdict.kind);
                ReportedItem { item, verdict }
            })
            .collect();
        let products::Extraction { product, notes } = products::extract(&page.url, &page.product_hints);
        Ok(PageReport { url: page.url, items, counts, product, topics, site, notes, engine_version: ENGINE_VERSION })
    }

    /// A page the user visited at `time_ms`: analysed as it was then, and
    /// then remembered (its product, and its topics in the interest
    /// profile), so later pages are judged with it. A rescan of the same page
    /// within half an hour is analysed but not counted again.
    pub fn visit_page(&mut self, page: PageSnapshot, time_ms: u64) -> Result<PageReport, InputError> {
        let report = self.analyze_page(page, time_ms)?;
        self.record_visit(&report, time_ms);
        Ok(report)
    }

    /// Logs a visited page's report as observations (the visit and each
    /// item with its verdict); `locate` gives an item's CSS path when known.
    pub fn log_page(
        &mut self,
        visit_id: &str,
        report: &PageReport,
        time_ms: u64,
        locate: impl Fn(u32) -> Option<String>,
    ) {
        let lists_version = self.lists.as_ref().map(|l| l.info().version_string());
        let at = VisitRef { visit_id, page_url: &report.url, site: &report.site };
        self.log.page(at, report, time_ms, lists_version.as_deref(), locate);
    }

    /// The observations made since the last call (see
    /// [`crate::observations`]), for the shell to store.
    pub fn take_observations(&mut self) -> Vec<Observation> {
        self.log.take(self.trackers.as_ref())
    }

    /// Observations dropped because they were not taken in time.
    pub fn dropped_observations(&self) -> u64 {
        self.log.dropped()
    }

    /// Removes one topic from the interest profile ("advertisers could infer
    /// this": the user disagrees, or would rather it were not there).
    pub fn forget_topic(&mut self, topic: &str) {
        self.profile.forget_topic(topic);
    }

    /// Remembers what a page report says about the user's browsing.
    pub fn record_visit(&mut self, report: &PageReport, time_ms: u64) -> bool {
        if let Some(product) = &report.product {
            self.products.record(product.clone(), time_ms);
        }
        self.profile.record_visit(&report.site, &report.url, &report.topics, time_ms)
    }

    /// The interest profile.
    pub fn profile(&self) -> &InterestProfile {
        &self.profile
    }

    /// The user's interests as of `now_ms`.
    pub fn interests(&self, now_ms: u64) -> Interests {
        self.profile.interests(now_ms)
    }

    /// Restores a profile saved from [`Engine::profile`]. A profile that
    /// fails its checks is refused and the engine starts afresh.
    pub fn restore_profile(&mut self, profile: InterestProfile) -> Result<(), ProfileError> {
        match profile.checked() {
            Ok(p) => {
                self.profile = p;
                Ok(())
            }
            Err(e) => {
                self.profile = InterestProfile::new();
                Err(e)
            }
        }
    }

    /// Forgets everything remembered about one site: its visits and
    /// interests, its products, its third parties.
    pub fn forget_site(&mut self, site: &str) {
        self.profile.forget_site(site);
        self.products.products.retain(|p| p.product.shop != site);
        self.sites.sites.remove(site);
    }

    /// Forgets what was last seen before `cutoff_ms` (data retention): sites
    /// not visited since, products not viewed since, third-party records of
    /// sites not seen since.
    pub fn forget_before(&mut self, cutoff_ms: u64) {
        self.profile.forget_before(cutoff_ms);
        self.products.products.retain(|p| p.last_seen >= cutoff_ms);
        self.sites.sites.retain(|_, s| s.last_seen >= cutoff_ms);
    }

    /// Forgets everything remembered.
    pub fn wipe_memory(&mut self) {
        self.profile = InterestProfile::new();
        self.products = ProductMemory::default();
        self.sites = SiteRecords::default();
    }

    /// [`Engine::analyze_page`] on a JSON snapshot (the CLI and tests).
    pub fn analyze_json(&self, json: &str, now_ms: u64) -> Result<PageReport, InputError> {
        let page: PageSnapshot = serde_json::from_str(json).map_err(|e| InputError::Malformed(e.to_string()))?;
        self.analyze_page(page, now_ms)
    }
}
