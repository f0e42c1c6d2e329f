//! The façade the shell and the CLI use: one [`Engine`], a few entry points.

use serde::Serialize;

use crate::detect::{find_items, FoundItem};
use crate::error::InputError;
use crate::page::PageSnapshot;
use crate::plan::ScanPlan;
use crate::verdict::{classify, Kind, Verdict};

/// Version of the engine crate, reported in every page report.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The engine. Immutable once built; cheap to query.
#[derive(Debug, Clone)]
pub struct Engine {
    plan: ScanPlan,
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
        }
    }

    /// What the shell should gather from each page.
    pub fn scan_plan(&self) -> &ScanPlan {
        &self.plan
    }

    /// Finds and classifies the items of one page.
    pub fn analyze_page(&self, mut page: PageSnapshot) -> Result<PageReport, InputError> {
        page.validate()?;
        let mut counts = KindCounts::default();
        let items = find_items(&page)
            .into_iter()
            .map(|item| {
                let verdict = classify(&item);
                counts.add(verdict.kind);
                ReportedItem { item, verdict }
            })
            .collect();
        Ok(PageReport {
            url: page.url,
            items,
            counts,
            engine_version: ENGINE_VERSION,
        })
    }

    /// [`Engine::analyze_page`] on a JSON snapshot (the CLI and tests).
    pub fn analyze_json(&self, json: &str) -> Result<PageReport, InputError> {
        let page: PageSnapshot =
            serde_json::from_str(json).map_err(|e| InputError::Malformed(e.to_string()))?;
        self.analyze_page(page)
    }
}
