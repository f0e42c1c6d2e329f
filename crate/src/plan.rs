//! What the content script must gather: the engine decides what is an ad, the
//! shell only collects the elements and features this plan names.

use serde::Serialize;

use crate::page::{
    MAX_CANDIDATES, MAX_CLASSES_AND_IDS, MAX_HEADINGS, MAX_JSON_LD_BLOCKS, MAX_JSON_LD_CHARS, MAX_PAGE_TEXT_CHARS,
    MAX_PRODUCT_PROPERTIES, MAX_SHORT_CHARS, MAX_TEXT_CHARS, MAX_URLS_PER_CANDIDATE,
};
use crate::vendors::VENDOR_RULES;
use crate::{lexicon, vendors};

/// Instructions for the content script, built once per engine.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanPlan {
    /// Version of the rules behind this plan; a shell caching a plan drops it
    /// when this changes.
    pub rules_version: String,
    /// One selector list matching every known ad or widget container.
    pub marker_selector: String,
    /// Elements whose text may name a widget ("Recommended for you").
    pub heading_selector: String,
    /// For a heading, the closest ancestor matching this is its widget.
    pub heading_container_selector: String,
    /// Small labels inside tiles ("Sponsored" on a product card): elements
    /// whose class names a sponsor or an advert.
    pub label_selector: String,
    /// For such a label, the closest ancestor matching this is its item.
    pub label_container_selector: String,
    /// Ad markers ("sponsored", "anzeige", "广告"…, lower-case) that mark
    /// the item they sit in when they are the whole text of an element,
    /// whatever its classes; the item is the closest ancestor matching
    /// `label_container_selector`, else the closest with a link.
    pub text_markers: Vec<&'static str>,
    /// Attributes to report for each candidate (vendor markers).
    pub attributes: Vec<&'static str>,
    /// JSON-LD blocks, for product pages.
    pub json_ld_selector: &'static str,
    /// OpenGraph and product meta tags (read `property`, else `name`, and `content`).
    pub product_meta_selector: &'static str,
    /// A schema.org `Product` microdata item (read its `[itemprop]` descendants).
    pub microdata_product_selector: &'static str,
    /// Caps the engine will enforce; the shell stops gathering there.
    pub limits: ScanLimits,
}

/// Caps the shell should respect so its snapshot is not refused or cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanLimits {
    /// Most candidates in one snapshot.
    pub max_candidates: usize,
    /// Most characters of a candidate's text.
    pub max_text_chars: usize,
    /// Most characters of a heading.
    pub max_heading_chars: usize,
    /// Most links, frames or images per candidate.
    pub max_urls: usize,
    /// Most classes, and most ids, sent for the filter lists' generic rules.
    pub max_classes_and_ids: usize,
    /// Most JSON-LD blocks, and most characters of each.
    pub max_json_ld_blocks: usize,
    /// Most characters of one JSON-LD block.
    pub max_json_ld_chars: usize,
    /// Most meta or microdata properties.
    pub max_product_properties: usize,
    /// Most characters of the page's own text sent (for its topics).
    pub max_page_text_chars: usize,
    /// Most page headings sent.
    pub max_headings: usize,
}

impl ScanPlan {
    /// Builds the plan from the vendor rules and the lexicon.
    pub fn build() -> Self {
        let mut selectors: Vec<String> = VENDOR_RULES.iter().map(|r| r.marker.selector()).collect();
        selectors.dedup();
        let mut attributes: Vec<&'static str> = VENDOR_RULES.iter().filter_map(|r| r.marker.attribute_name()).collect();
        attributes.sort_unstable();
        attributes.dedup();
        ScanPlan {
            rules_version: format!("vendors-{}.lexicon-{}", vendors::VENDOR_RULES_VERSION, lexicon::LEXICON_VERSION),
            marker_selector: selectors.join(","),
            heading_selector: "h1,h2,h3,h4,h5,h6,[role=heading]".into(),
            heading_container_selector: "section,aside,[role=region],[role=complementary]".into(),
            label_selector: "[class*=\"sponsor\"],[class*=\"Sponsor\"],[class*=\"advert\"],[class*=\"Advert\"]".into(),
            label_container_selector: "li,article,[class*=\"product\"],[class*=\"card\"],[class*=\"tile\"]".into(),
            text_markers: lexicon::text_markers(),
            attributes,
            json_ld_selector: "script[type=\"application/ld+json\"]",
            product_meta_selector: "meta[property^=\"og:\"],meta[property^=\"product:\"]",
            microdata_product_selector: "[itemtype$=\"schema.org/Product\"]",
            limits: ScanLimits {
                max_candidates: MAX_CANDIDATES,
                max_text_chars: MAX_TEXT_CHARS,
                max_heading_chars: MAX_SHORT_CHARS,
                max_urls: MAX_URLS_PER_CANDIDATE,
                max_classes_and_ids: MAX_CLASSES_AND_IDS,
                max_json_ld_blocks: MAX_JSON_LD_BLOCKS,
                max_json_ld_chars: MAX_JSON_LD_CHARS,
                max_product_properties: MAX_PRODUCT_PROPERTIES,
                max_page_text_chars: MAX_PAGE_TEXT_CHARS,
                max_headings: MAX_HEADINGS,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_selects_every_vendor_rule() {
        let plan = ScanPlan::build();
        for r in VENDOR_RULES {
            assert!(plan.marker_selector.contains(&r.marker.selector()));
        }
        assert!(plan.attributes.contains(&"data-rc-widget"));
    }
}
