//! What the content script must gather: the engine decides what is an ad, the
//! shell only collects the elements and features this plan names.

use serde::Serialize;

use crate::page::{
    MAX_CANDIDATES, MAX_CLASSES_AND_IDS, MAX_HEADINGS, MAX_JSON_LD_BLOCKS, MAX_JSON_LD_CHARS, MAX_JSON_LD_SCRIPTS,
    MAX_PAGE_TEXT_CHARS, MAX_PRODUCT_PROPERTIES, MAX_SHORT_CHARS, MAX_TEXT_CHARS, MAX_URLS_PER_CANDIDATE,
};
use crate::vendors::{Marker, VENDOR_RULES};
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
    /// The markers on classes and ids, kept by the engine: a shell that
    /// reads every class attribute and id anyway (for the lists' generic
    /// rules) sends them, and the engine names the marked ones
    /// ([`ClassIdMarkers::marked_names`]); the shell then looks those up by
    /// name rather than testing every element.
    #[serde(skip)]
    pub class_id_markers: ClassIdMarkers,
    /// The markers that are not about classes or ids (attributes, links):
    /// what is left of `marker_selector` for such a shell. One selector per
    /// attribute marker and one for every link marker (`a:is(…)`), queried
    /// one by one: a browser finds a lone attribute selector fast, and tries
    /// every selector of a list on every element (Chromium, real pages:
    /// 0.14–0.34 ms this way, 0.40–1.16 ms as one list).
    pub other_marker_selectors: Vec<String>,
    /// Elements whose text may name a widget ("Recommended for you").
    pub heading_selector: String,
    /// For a heading, the closest ancestor matching this is its widget.
    pub heading_container_selector: String,
    /// Small labels inside tiles ("Sponsored" on a product card): elements
    /// whose class names a sponsor or an advert.
    pub label_selector: String,
    /// What `label_selector` looks for in a class attribute (case-sensitive
    /// parts): a shell that reads every class attribute anyway finds the
    /// small labels in the same pass, without a walk of the page of their own.
    pub label_class_parts: Vec<&'static str>,
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
    /// Text every JSON-LD block worth sending holds: the engine reads
    /// products only from blocks naming their type, and a news page's
    /// article block can be tens of kB (52 kB on kotaku.com, sent with
    /// every scan).
    pub json_ld_needs: &'static str,
    /// OpenGraph and product meta tags (read `property`, else `name`, and `content`).
    pub product_meta_selector: &'static str,
    /// A schema.org `Product` microdata item (read its `[itemprop]` descendants).
    pub microdata_product_selector: &'static str,
    /// Caps the engine will enforce; the shell stops gathering there.
    pub limits: ScanLimits,
}

/// Vendor markers on an element's classes or id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassIdMarkers {
    /// The id starts with one of these.
    pub id_prefixes: Vec<&'static str>,
    /// One of the classes is one of these.
    pub classes: Vec<&'static str>,
    /// One of the classes starts with one of these.
    pub class_prefixes: Vec<&'static str>,
    /// The element has this tag (lower case) and this class.
    pub tag_classes: Vec<(&'static str, &'static str)>,
    /// On this site (a registrable domain), the element has this tag.
    pub site_tags: Vec<(&'static str, &'static str)>,
}

/// The vendor markers among a page's classes and ids: what the shell looks
/// up by name (a class selector, an id-prefix selector) to find the marked
/// elements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MarkedNames {
    /// An element with one of these classes is a marker, whatever its tag.
    pub classes: Vec<String>,
    /// An element with a class starting with one of these is a marker: the
    /// vendor prefixes that begin some class of the page. Named rather than
    /// each class they begin (a Taboola widget has 50 `trc_…` classes): one
    /// query finds them all, where each class by name is one more walk of
    /// the page.
    pub class_prefixes: Vec<String>,
    /// An element with this tag (lower case) and this class is a marker.
    pub tag_classes: Vec<(String, String)>,
    /// An element whose id starts with one of these is a marker: the vendor
    /// prefixes that begin some id of the page. Named rather than each id
    /// (every GPT slot has its own): one query finds them all, where each id
    /// by name was one more selector to follow from scan to scan (a feed
    /// grown to 415 slots: 1.8 ms of every rescan).
    pub id_prefixes: Vec<String>,
    /// An element with one of these tags is a marker: the site's own
    /// elements, named only on that site's pages (a tag is found by walking
    /// the whole page, which no other page should pay for).
    pub tags: Vec<String>,
}

impl ClassIdMarkers {
    /// The tags that are markers on a page of this site (a registrable domain).
    pub fn site_tags(&self, site: &str) -> Vec<String> {
        self.site_tags.iter().filter(|(s, _)| *s == site).map(|(_, tag)| (*tag).to_owned()).collect()
    }

    /// Which of a page's (distinct) classes and ids carry a vendor marker.
    pub fn marked_names<'a>(
        &self,
        classes: impl IntoIterator<Item = &'a str>,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> MarkedNames {
        let mut names = MarkedNames::default();
        for class in classes {
            if self.classes.contains(&class) {
                names.classes.push(class.to_owned());
            } else if let Some(prefix) = self.class_prefixes.iter().find(|p| class.starts_with(*p)) {
                if !names.class_prefixes.iter().any(|p| p == prefix) {
                    names.class_prefixes.push((*prefix).to_owned());
                }
            }
            for (tag, _) in self.tag_classes.iter().filter(|(_, c)| *c == class) {
                names.tag_classes.push(((*tag).to_owned(), class.to_owned()));
            }
        }
        for id in ids {
            if let Some(prefix) = self.id_prefixes.iter().find(|p| id.starts_with(*p)) {
                if !names.id_prefixes.iter().any(|p| p == prefix) {
                    names.id_prefixes.push((*prefix).to_owned());
                }
            }
        }
        names
    }
}

/// The distinct classes in these class attributes, in order of first
/// appearance, at most `max`. Classes are separated by ASCII whitespace, as
/// HTML splits them.
pub fn distinct_classes(class_attributes: &[String], max: usize) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    class_attributes.iter().flat_map(|a| a.split_ascii_whitespace()).filter(|c| seen.insert(*c)).take(max).collect()
}

/// What the engine says about a page's classes and ids: the filter lists'
/// element-hiding selectors for the page, and the vendor markers among them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassIdAnswer {
    /// Element-hiding selectors (empty without lists).
    pub selectors: Vec<String>,
    /// The marked classes and ids.
    pub marked: MarkedNames,
}

/// Parts of a class attribute that make an element a small ad label.
const LABEL_CLASS_PARTS: [&str; 4] = ["sponsor", "Sponsor", "advert", "Advert"];

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
    /// Most JSON-LD scripts read, product or not.
    pub max_json_ld_scripts: usize,
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
        let mut class_id_markers = ClassIdMarkers::default();
        let mut others: Vec<String> = Vec::new();
        let mut link_parts: Vec<String> = Vec::new();
        for rule in VENDOR_RULES {
            match rule.marker {
                Marker::IdPrefix(p) => class_id_markers.id_prefixes.push(p),
                Marker::Class(c) => class_id_markers.classes.push(c),
                Marker::ClassPrefix(p) => class_id_markers.class_prefixes.push(p),
                Marker::TagClass(t, c) => class_id_markers.tag_classes.push((t, c)),
                Marker::SiteTag { site, tag } => class_id_markers.site_tags.push((site, tag)),
                Marker::Attribute(_) | Marker::AttributeValue(..) => others.push(rule.marker.selector()),
                Marker::LinkContains(part) => link_parts.push(format!("[href*=\"{part}\"]")),
            }
        }
        others.dedup();
        link_parts.dedup();
        if !link_parts.is_empty() {
            others.push(format!("a:is({})", link_parts.join(",")));
        }
        let mut attributes: Vec<&'static str> = VENDOR_RULES.iter().filter_map(|r| r.marker.attribute_name()).collect();
        attributes.sort_unstable();
        attributes.dedup();
        ScanPlan {
            rules_version: format!("vendors-{}.lexicon-{}", vendors::VENDOR_RULES_VERSION, lexicon::LEXICON_VERSION),
            marker_selector: selectors.join(","),
            class_id_markers,
            other_marker_selectors: others,
            heading_selector: format!("h1,h2,h3,h4,h5,h6,[role=heading],{}", vendors::VENDOR_HEADINGS.join(",")),
            heading_container_selector: "section,aside,[role=region],[role=complementary]".into(),
            label_selector: LABEL_CLASS_PARTS.iter().map(|p| format!("[class*=\"{p}\"]")).collect::<Vec<_>>().join(","),
            label_class_parts: LABEL_CLASS_PARTS.to_vec(),
            label_container_selector: "li,article,[class*=\"product\"],[class*=\"card\"],[class*=\"tile\"]".into(),
            text_markers: lexicon::text_markers(),
            attributes,
            json_ld_selector: "script[type=\"application/ld+json\"]",
            json_ld_needs: crate::products::PRODUCT_TYPE,
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
                max_json_ld_scripts: MAX_JSON_LD_SCRIPTS,
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

    #[test]
    fn the_split_markers_are_every_marker_once() {
        let plan = ScanPlan::build();
        let m = &plan.class_id_markers;
        let mut split: Vec<String> = m.id_prefixes.iter().map(|p| Marker::IdPrefix(p).selector()).collect();
        split.extend(m.classes.iter().map(|c| Marker::Class(c).selector()));
        split.extend(m.class_prefixes.iter().map(|p| Marker::ClassPrefix(p).selector()));
        split.extend(m.tag_classes.iter().map(|(t, c)| Marker::TagClass(t, c).selector()));
        split.extend(m.site_tags.iter().map(|(site, tag)| Marker::SiteTag { site, tag }.selector()));
        for other in &plan.other_marker_selectors {
            match other.strip_prefix("a:is(").and_then(|links| links.strip_suffix(')')) {
                Some(links) => split.extend(links.split(',').map(|l| format!("a{l}"))),
                None => split.push(other.clone()),
            }
        }
        // A class prefix is two selectors: one list of single selectors each.
        let mut split: Vec<String> = split.iter().flat_map(|s| s.split(',').map(str::to_string)).collect();
        let mut whole: Vec<String> = plan.marker_selector.split(',').map(str::to_string).collect();
        split.sort();
        whole.sort();
        assert_eq!(split, whole);
        assert!(plan.other_marker_selectors.iter().any(|s| s.starts_with("a:is([href*=")));
        assert!(plan.other_marker_selectors.iter().all(|s| !s.contains("],[") || s.starts_with("a:is(")));
        assert!(m.id_prefixes.contains(&"div-gpt-ad") && m.tag_classes.contains(&("ins", "adsbygoogle")));
    }

    #[test]
    fn a_sites_own_tags_are_named_on_that_site_only() {
        let m = ScanPlan::build().class_id_markers;
        let tags = m.site_tags("youtube.com");
        assert!(tags.iter().any(|t| t == "ytd-ad-slot-renderer"), "{tags:?}");
        assert!(m.site_tags("news.example").is_empty());
    }

    #[test]
    fn marked_names_are_the_classes_and_ids_a_marker_names() {
        let plan = ScanPlan::build();
        let names = plan.class_id_markers.marked_names(
            ["article", "OUTBRAIN", "trc_rbox", "xtrc_rbox", "trc_elastic", "adsbygoogle"],
            ["div-gpt-ad-123", "main", "x-div-gpt-ad", "div-gpt-ad-456", "crt-9"],
        );
        assert_eq!(names.classes, ["OUTBRAIN"]);
        assert_eq!(names.class_prefixes, ["trc_"], "once, for both classes it begins");
        assert_eq!(names.tag_classes, [("ins".to_owned(), "adsbygoogle".to_owned())]);
        assert_eq!(names.id_prefixes, ["div-gpt-ad", "crt-"], "once each, in the order first seen");
        // Every name a marker gives is found: the same rules as the selectors.
        let m = &plan.class_id_markers;
        let all = m.marked_names(m.classes.iter().copied(), m.id_prefixes.iter().copied());
        assert_eq!(all.classes.len(), m.classes.len());
        assert_eq!(all.id_prefixes.len(), m.id_prefixes.len());
    }

    #[test]
    fn distinct_classes_split_as_html_does_and_stop_at_the_cap() {
        let attributes = ["a  b\tc".to_owned(), "b\nd a".to_owned(), "\u{a0}e".to_owned()];
        assert_eq!(distinct_classes(&attributes, 10), ["a", "b", "c", "d", "\u{a0}e"]);
        assert_eq!(distinct_classes(&attributes, 2), ["a", "b"]);
    }

    #[test]
    fn the_label_selector_is_its_class_parts() {
        let plan = ScanPlan::build();
        assert_eq!(
            plan.label_selector,
            "[class*=\"sponsor\"],[class*=\"Sponsor\"],[class*=\"advert\"],[class*=\"Advert\"]"
        );
        assert_eq!(plan.label_class_parts, ["sponsor", "Sponsor", "advert", "Advert"]);
    }
}
