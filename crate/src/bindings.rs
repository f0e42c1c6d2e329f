//! The only module that talks to JavaScript. Every export returns a `Result`
//! so bad input becomes a JS `Error` with a clear message; nothing here may
//! panic (release wasm aborts on panic, which would kill the engine).

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::engine::{Engine, ENGINE_VERSION};
use crate::export::{ExportHeader, ExportOptions, Exporter};
use crate::import::parse_export;
use crate::lexicon::match_label;
use crate::lists::FilterLists;
use crate::observations::Observation;
use crate::page::PageSnapshot;
use crate::page::MAX_CANDIDATES;
use crate::products::{Product, ProductMemory};
use crate::profile::InterestProfile;
use crate::sites::SiteRecords;
use crate::trackers::TrackerDb;

/// The engine as JS sees it: an opaque handle with camelCase methods.
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    inner: Engine,
}

impl Default for WasmEngine {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// Builds the engine with its built-in rules.
    #[wasm_bindgen(constructor)]
    pub fn new() -> WasmEngine {
        WasmEngine { inner: Engine::new() }
    }

    /// What the content script should gather (see `plan.rs`).
    #[wasm_bindgen(js_name = scanPlan)]
    pub fn scan_plan(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.scan_plan())
    }

    /// Finds and classifies the items of a page snapshot, at `now_ms`
    /// (`Date.now()`: evidence says "2 days ago").
    #[wasm_bindgen(js_name = analyzePage)]
    pub fn analyze_page(&self, snapshot: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
        let page: PageSnapshot = from_js(snapshot, "page snapshot")?;
        let report = self.inner.analyze_page(page, clamp_time(now_ms)).map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&report)
    }

    /// A page the user visited, at `now_ms`: analysed, then remembered (its
    /// product, and its topics in the interest profile). Returns the report.
    /// With a `visitId` the visit and its items are also logged as
    /// observations (`takeObservations`).
    #[wasm_bindgen(js_name = visitPage)]
    pub fn visit_page(&mut self, snapshot: JsValue, now_ms: f64, visit_id: Option<String>) -> Result<JsValue, JsError> {
        let page: PageSnapshot = from_js(snapshot, "page snapshot")?;
        let time = clamp_time(now_ms);
        let report = self.inner.visit_page(page, time).map_err(|e| JsError::new(&e.to_string()))?;
        if let Some(visit_id) = visit_id.as_deref().filter(|v| !v.is_empty()) {
            self.inner.log_page(visit_id, &report, time, |_| None);
        }
        to_js(&report)
    }

    /// The observations made since the last call (page visits, items seen,
    /// tracker contacts, remarketing events), for storage.
    #[wasm_bindgen(js_name = takeObservations)]
    pub fn take_observations(&mut self) -> Result<JsValue, JsError> {
        to_js(&self.inner.take_observations())
    }

    /// Rebuilds memory (interests, products, third parties) from stored or
    /// imported observations.
    #[wasm_bindgen(js_name = applyObservations)]
    pub fn apply_observations(&mut self, observations: JsValue) -> Result<(), JsError> {
        let observations: Vec<Observation> = from_js(observations, "observations")?;
        self.inner.apply_observations(&observations);
        Ok(())
    }

    /// Removes one topic from the interest profile.
    #[wasm_bindgen(js_name = forgetTopic)]
    pub fn forget_topic(&mut self, topic: &str) {
        self.inner.forget_topic(topic);
    }

    /// The interest profile, for saving.
    #[wasm_bindgen(js_name = interestProfile)]
    pub fn interest_profile(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.profile())
    }

    /// Restores a saved profile. A corrupt one is refused with an error and
    /// the engine starts with an empty profile.
    #[wasm_bindgen(js_name = restoreInterestProfile)]
    pub fn restore_interest_profile(&mut self, profile: JsValue) -> Result<(), JsError> {
        let parsed: Result<InterestProfile, JsError> = from_js(profile, "interest profile");
        match parsed {
            Ok(profile) => self.inner.restore_profile(profile).map_err(|e| JsError::new(&e.to_string())),
            Err(e) => {
                self.inner.restore_profile(InterestProfile::new()).ok();
                Err(e)
            }
        }
    }

    /// The user's interests as of `now_ms`: topic shares, strongest first.
    #[wasm_bindgen(js_name = interests)]
    pub fn interests(&self, now_ms: f64) -> Result<JsValue, JsError> {
        to_js(&self.inner.interests(clamp_time(now_ms)))
    }

    /// Forgets everything remembered about one site.
    #[wasm_bindgen(js_name = forgetSite)]
    pub fn forget_site(&mut self, site: &str) {
        self.inner.forget_site(site);
    }

    /// Forgets what was last seen before `cutoff_ms` (data retention).
    #[wasm_bindgen(js_name = forgetBefore)]
    pub fn forget_before(&mut self, cutoff_ms: f64) {
        self.inner.forget_before(clamp_time(cutoff_ms));
    }

    /// Forgets everything remembered.
    #[wasm_bindgen(js_name = wipeMemory)]
    pub fn wipe_memory(&mut self) {
        self.inner.wipe_memory();
    }

    /// Loads a filter-list snapshot; returns the lists' information. On
    /// error the previous lists stay in use.
    #[wasm_bindgen(js_name = loadLists)]
    pub fn load_lists(&mut self, snapshot: &[u8]) -> Result<JsValue, JsError> {
        let info = self.inner.load_lists_snapshot(snapshot).map_err(|e| JsError::new(&e.to_string()))?;
        to_js(info)
    }

    /// What the engine says about a page's distinct class attributes and
    /// ids: `{ selectors, marked }`, the filter lists' hiding selectors for
    /// the page (empty without lists; when `complete`, only those the page's
    /// classes and ids allow) and the vendor-marked classes and ids (see
    /// `Engine::class_id_answer`).
    #[wasm_bindgen(js_name = classIdAnswer)]
    pub fn class_id_answer(
        &self,
        page_url: &str,
        class_attributes: Vec<String>,
        ids: Vec<String>,
        complete: bool,
    ) -> Result<JsValue, JsError> {
        to_js(&self.inner.class_id_answer(page_url, &class_attributes, &ids, complete))
    }

    /// Which of these heading texts are labels of an ad or widget ("Recommended
    /// for you", "Sponsored"): their indices. Lets the content script describe
    /// only the sections worth describing.
    #[wasm_bindgen(js_name = labelIndices)]
    pub fn label_indices(&self, texts: Vec<String>) -> Vec<u32> {
        texts
            .iter()
            .take(MAX_CANDIDATES)
            .enumerate()
            .filter(|(_, text)| match_label(text).is_some())
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// Compiles EasyList and EasyPrivacy from their text into a snapshot for
    /// `loadLists` (and for storage). Refuses garbage (an HTML error page, a
    /// truncated download) with a clear message; the loaded lists stay.
    #[wasm_bindgen(js_name = compileLists)]
    pub fn compile_lists(easylist: &str, easyprivacy: &str) -> Result<Vec<u8>, JsError> {
        FilterLists::compile(&[("easylist", easylist), ("easyprivacy", easyprivacy)])
            .map(|lists| lists.to_snapshot())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The loaded lists' information, or `null`.
    #[wasm_bindgen(js_name = listsInfo)]
    pub fn lists_info(&self) -> Result<JsValue, JsError> {
        match self.inner.lists() {
            Some(lists) => to_js(lists.info()),
            None => Ok(JsValue::NULL),
        }
    }

    /// Bit flags for a request: 1 = the lists block it, 2 = third-party.
    /// Flags rather than an object: this runs for every request.
    #[wasm_bindgen(js_name = classifyRequest)]
    pub fn classify_request(&self, url: &str, source_url: &str, request_type: &str) -> u8 {
        let (listed, third_party) = self.inner.check_request(url, source_url, request_type);
        u8::from(listed) | (u8::from(third_party) << 1)
    }

    /// Classifies a request and records it for its site; same flags as
    /// `classifyRequest`. With a `visitId` (the page visit it belongs to) it
    /// is also logged as an observation.
    #[wasm_bindgen(js_name = observeRequest)]
    pub fn observe_request(
        &mut self,
        url: &str,
        source_url: &str,
        request_type: &str,
        time_ms: f64,
        visit_id: Option<String>,
    ) -> u8 {
        let time = clamp_time(time_ms);
        let info = match visit_id.as_deref().filter(|v| !v.is_empty()) {
            Some(visit) => self.inner.observe_visit_request(url, source_url, request_type, time, visit),
            None => self.inner.observe_request(url, source_url, request_type, time),
        };
        u8::from(info.listed) | (u8::from(info.third_party) << 1)
    }

    /// Builds the compact tracker database from AdGuard's `trackers.json`
    /// and `companies.json` (the build ships the result).
    #[wasm_bindgen(js_name = compileTrackers)]
    pub fn compile_trackers(trackers_json: &str, companies_json: &str) -> Result<String, JsError> {
        TrackerDb::from_companiesdb(trackers_json, companies_json)
            .map(|db| db.to_compact_json())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Loads the compact tracker database; returns its version. On error the
    /// current one stays.
    #[wasm_bindgen(js_name = loadTrackers)]
    pub fn load_trackers(&mut self, compact_json: &str) -> Result<String, JsError> {
        self.inner.load_trackers(compact_json).map(str::to_owned).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Every site's third parties with company, category and retargeting
    /// flag, and its remarketing events.
    #[wasm_bindgen(js_name = sitesView)]
    pub fn sites_view(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.sites_view())
    }

    /// Remembers a viewed product (the `product` of a page report).
    #[wasm_bindgen(js_name = rememberProduct)]
    pub fn remember_product(&mut self, product: JsValue, time_ms: f64) -> Result<(), JsError> {
        let product: Product = from_js(product, "product")?;
        self.inner.remember_product(product, clamp_time(time_ms));
        Ok(())
    }

    /// The products the user viewed, for saving and for the panel.
    #[wasm_bindgen(js_name = productMemory)]
    pub fn product_memory(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.product_memory())
    }

    /// Restores a memory saved from `productMemory()`; malformed input is
    /// refused and the current memory stays.
    #[wasm_bindgen(js_name = restoreProductMemory)]
    pub fn restore_product_memory(&mut self, memory: JsValue) -> Result<(), JsError> {
        let memory: ProductMemory = from_js(memory, "product memory")?;
        self.inner.restore_product_memory(memory);
        Ok(())
    }

    /// Everything observed per site, raw, for saving.
    #[wasm_bindgen(js_name = siteRecords)]
    pub fn site_records(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.site_records())
    }

    /// Restores records saved from `siteRecords()`; malformed input is
    /// refused and the current records stay.
    #[wasm_bindgen(js_name = restoreSiteRecords)]
    pub fn restore_site_records(&mut self, records: JsValue) -> Result<(), JsError> {
        let records: SiteRecords = from_js(records, "site records")?;
        self.inner.restore_site_records(records);
        Ok(())
    }
}

/// Writes a research export, batch by batch (see `export.rs`): made once
/// per export with the user's options and a fresh salt.
#[wasm_bindgen(js_name = ExportWriter)]
pub struct WasmExportWriter {
    inner: Exporter,
}

#[wasm_bindgen(js_class = ExportWriter)]
impl WasmExportWriter {
    /// An export with `options` (format, dates, sites, types, redaction),
    /// `salt` (fresh random text), `producer` (what is exporting) at `now_ms`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue, salt: &str, producer: &str, now_ms: f64) -> Result<WasmExportWriter, JsError> {
        let options: ExportOptions = from_js(options, "export options")?;
        let inner =
            Exporter::new(options, salt, producer, clamp_time(now_ms)).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(WasmExportWriter { inner })
    }

    /// The header line (JSON Lines) or the column names (CSV).
    #[wasm_bindgen(js_name = headerLine)]
    pub fn header_line(&mut self) -> String {
        self.inner.header_line()
    }

    /// The lines of a batch of stored observations (those the options keep),
    /// given as the JSON of their array: `JSON.stringify` and serde_json
    /// together read a batch in a fraction of the time serde-wasm-bindgen
    /// takes over the JS objects, one boundary call per field.
    pub fn lines(&mut self, observations_json: &str) -> Result<String, JsError> {
        let observations: Vec<Observation> = serde_json::from_str(observations_json)
            .map_err(|e| JsError::new(&format!("malformed stored observations: {e}")))?;
        Ok(observations.iter().filter_map(|o| self.inner.line(o)).collect())
    }
}

/// Reads a JSON Lines export for import, all or nothing: the JSON of `{
/// header, observations }` (for `JSON.parse`, which builds a year of
/// records' objects in a fraction of the time serde-wasm-bindgen takes), or
/// an error naming the first bad line.
#[wasm_bindgen(js_name = parseExport)]
pub fn parse_export_file(text: &str) -> Result<String, JsError> {
    let imported = parse_export(text).map_err(|e| JsError::new(&e.to_string()))?;
    serde_json::to_string(&ImportedView { header: &imported.header, observations: &imported.observations })
        .map_err(|e| JsError::new(&format!("could not hand the import to JS: {e}")))
}

#[derive(Serialize)]
struct ImportedView<'a> {
    header: &'a ExportHeader,
    observations: &'a [Observation],
}

/// Topic id → English name, for pages that list interests.
#[wasm_bindgen(js_name = topicNames)]
pub fn topic_names() -> Result<JsValue, JsError> {
    let names: std::collections::BTreeMap<&str, &str> =
        crate::topic_terms::TOPICS.iter().map(|t| (t.id, t.name)).collect();
    to_js(&names)
}

/// Topic id → the special category of personal data it can reveal
/// (`health`, `political_opinions`…), for the sensitive topics only.
#[wasm_bindgen(js_name = sensitiveTopics)]
pub fn sensitive_topics() -> Result<JsValue, JsError> {
    let topics: std::collections::BTreeMap<&str, &str> =
        crate::sensitive::SENSITIVE_TOPICS.iter().map(|(id, category)| (*id, category.id())).collect();
    to_js(&topics)
}

/// The registrable domains of the known retargeting companies (Criteo,
/// AdRoll, RTB House…), for the optional network block.
#[wasm_bindgen(js_name = retargetingDomains)]
pub fn retargeting_domains() -> Vec<String> {
    crate::trackers::RETARGETING_DOMAINS.iter().map(|d| (*d).to_owned()).collect()
}

/// The `id` prefixes of vendors' slot containers, for the build to give
/// the content script (it must hold such slots before any message returns).
#[wasm_bindgen(js_name = slotIdPrefixes)]
pub fn slot_id_prefixes() -> Vec<String> {
    crate::vendors::slot_id_prefixes().into_iter().map(str::to_owned).collect()
}

/// The engine's version.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    ENGINE_VERSION.to_owned()
}

/// A JS timestamp as milliseconds; garbage (NaN, negative) becomes 0.
fn clamp_time(time_ms: f64) -> u64 {
    if time_ms.is_finite() && time_ms > 0.0 {
        time_ms as u64
    } else {
        0
    }
}

/// Reads a JS value into `T`, or a JS error naming what was malformed.
fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("malformed {what}: {e}")))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| JsError::new(&format!("could not hand the result to JS: {e}")))
}
