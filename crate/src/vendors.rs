//! Known ad and recommendation containers, as versioned data.
//!
//! Each [`VendorRule`] is written once: the same [`Marker`] yields the CSS
//! selector the content script queries and the predicate the engine checks,
//! so the two can never drift apart.

use serde::Serialize;

use crate::page::Candidate;

/// Bumped whenever a rule is added, removed or changed.
pub const VENDOR_RULES_VERSION: u32 = 1;

/// What kind of thing a vendor's container holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    /// A paid advertisement.
    Ad,
    /// A recommendation widget (products or articles).
    Recommendation,
}

/// A structural marker of a vendor's container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// The `id` attribute starts with this prefix.
    IdPrefix(&'static str),
    /// The element has this class.
    Class(&'static str),
    /// The element has this tag and this class.
    TagClass(&'static str, &'static str),
    /// The element has this attribute, whatever its value.
    Attribute(&'static str),
    /// The element has this attribute with exactly this value.
    AttributeValue(&'static str, &'static str),
}

/// One vendor marker.
#[derive(Debug, Clone, Copy)]
pub struct VendorRule {
    /// The company or product as users know it.
    pub vendor: &'static str,
    /// What the container holds.
    pub item_type: ItemType,
    /// How to recognise the container.
    pub marker: Marker,
}

const fn rule(vendor: &'static str, item_type: ItemType, marker: Marker) -> VendorRule {
    VendorRule {
        vendor,
        item_type,
        marker,
    }
}

use ItemType::{Ad, Recommendation};
use Marker::{Attribute, AttributeValue, Class, IdPrefix, TagClass};

/// The rules, from public markup of each vendor (see DOMAIN.md).
pub const VENDOR_RULES: &[VendorRule] = &[
    rule("Google Ad Manager", Ad, IdPrefix("div-gpt-ad")),
    rule("Google Ad Manager", Ad, IdPrefix("google_ads_iframe")),
    rule("Google AdSense", Ad, TagClass("ins", "adsbygoogle")),
    rule("Amazon Ads", Ad, IdPrefix("amzn-assoc-ad")),
    rule("Criteo", Ad, IdPrefix("crt-")),
    rule("Taboola", Recommendation, IdPrefix("taboola-")),
    rule("Taboola", Recommendation, Class("trc_related_container")),
    rule("Outbrain", Recommendation, Class("OUTBRAIN")),
    rule("Revcontent", Recommendation, Attribute("data-rc-widget")),
    rule("Revcontent", Recommendation, IdPrefix("rc-widget-")),
    rule(
        "MGID",
        Recommendation,
        AttributeValue("data-type", "_mgwidget"),
    ),
    rule("MGID", Recommendation, Class("mgbox")),
    rule("Zergnet", Recommendation, IdPrefix("zergnet-widget")),
    rule("Nosto", Recommendation, Class("nosto_element")),
];

impl Marker {
    /// The CSS selector that finds elements with this marker.
    pub fn selector(&self) -> String {
        match self {
            IdPrefix(p) => format!("[id^=\"{p}\"]"),
            Class(c) => format!(".{c}"),
            TagClass(t, c) => format!("{t}.{c}"),
            Attribute(a) => format!("[{a}]"),
            AttributeValue(a, v) => format!("[{a}=\"{v}\"]"),
        }
    }

    /// The attribute the shell must report for this marker to be checked.
    pub fn attribute_name(&self) -> Option<&'static str> {
        match self {
            Attribute(a) | AttributeValue(a, _) => Some(a),
            _ => None,
        }
    }

    /// Whether a candidate carries this marker.
    pub fn matches(&self, c: &Candidate) -> bool {
        match self {
            IdPrefix(p) => c.id.as_deref().is_some_and(|id| id.starts_with(p)),
            Class(class) => c.classes.iter().any(|x| x == class),
            TagClass(tag, class) => c.tag == *tag && c.classes.iter().any(|x| x == class),
            Attribute(a) => c.attribute(a).is_some(),
            AttributeValue(a, v) => c.attribute(a) == Some(*v),
        }
    }
}

/// The first rule a candidate matches.
pub fn match_vendor(c: &Candidate) -> Option<&'static VendorRule> {
    VENDOR_RULES.iter().find(|r| r.marker.matches(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_id(id: &str) -> Candidate {
        Candidate {
            id: Some(id.into()),
            tag: "div".into(),
            ..Default::default()
        }
    }

    #[test]
    fn gpt_slot_is_a_google_ad() {
        let rule = match_vendor(&with_id("div-gpt-ad-1234-0")).expect("a rule");
        assert_eq!(
            (rule.vendor, rule.item_type),
            ("Google Ad Manager", ItemType::Ad)
        );
    }

    #[test]
    fn adsense_needs_the_ins_tag() {
        let mut c = Candidate {
            tag: "ins".into(),
            classes: vec!["adsbygoogle".into()],
            ..Default::default()
        };
        assert_eq!(match_vendor(&c).map(|r| r.vendor), Some("Google AdSense"));
        c.tag = "div".into();
        assert!(match_vendor(&c).is_none());
    }

    #[test]
    fn attribute_value_rule_checks_the_value() {
        let mut c = Candidate {
            attributes: vec![("data-type".into(), "_mgwidget".into())],
            ..Default::default()
        };
        assert_eq!(match_vendor(&c).map(|r| r.vendor), Some("MGID"));
        c.attributes[0].1 = "other".into();
        assert!(match_vendor(&c).is_none());
    }

    #[test]
    fn every_selector_is_simple_css() {
        for r in VENDOR_RULES {
            let s = r.marker.selector();
            assert!(!s.contains(',') && !s.is_empty(), "{s}");
        }
    }
}
