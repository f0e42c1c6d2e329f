//! Known ad and recommendation containers, as versioned data.
//!
//! Each [`VendorRule`] is written once: the same [`Marker`] yields the CSS
//! selector the content script queries and the predicate the engine checks,
//! so the two can never drift apart.

use serde::{Deserialize, Serialize};

use crate::page::Candidate;

/// Bumped whenever a rule is added, removed or changed.
pub const VENDOR_RULES_VERSION: u32 = 6;

/// What kind of thing a vendor's container holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    /// A paid advertisement (what a filter list's match is, unless a vendor says otherwise).
    #[default]
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
    /// The element has a class starting with this prefix.
    ClassPrefix(&'static str),
    /// The element has this tag and this class.
    TagClass(&'static str, &'static str),
    /// The element has this attribute, whatever its value.
    Attribute(&'static str),
    /// The element has this attribute with exactly this value.
    AttributeValue(&'static str, &'static str),
    /// The element is a link whose address contains this (an ad server's
    /// click-through path).
    LinkContains(&'static str),
    /// On this site (a registrable domain) only, the element has this tag: a
    /// site's own custom elements (YouTube's `ytd-ad-slot-renderer`). A
    /// browser finds a tag only by walking the whole page, so the shell
    /// looks for it only on that site (see `MarkedNames::tags`).
    SiteTag {
        /// The registrable domain whose pages use the tag.
        site: &'static str,
        /// The tag, lower case.
        tag: &'static str,
    },
}

/// Where a vendor's container shows its ad, which decides what muting it can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// A box of the page: muted, it is hidden.
    Page,
    /// The layer a site's own video player draws over the ad it is playing
    /// (YouTube's advertiser card, "Sponsored" badge and "Skip" button). The
    /// ad is the video, which hiding the layer would not stop, and hiding it
    /// would take the "Skip" button away: such an item is labelled, never
    /// hidden.
    Player,
}

/// One vendor marker.
#[derive(Debug, Clone, Copy)]
pub struct VendorRule {
    /// The product as users know it ("Google Ad Manager").
    pub vendor: &'static str,
    /// The company behind it ("Google").
    pub network: &'static str,
    /// What the container holds.
    pub item_type: ItemType,
    /// How to recognise the container.
    pub marker: Marker,
    /// Where it shows its ad.
    pub placement: Placement,
    /// Its links are scripts, and it shows its advertiser's address as
    /// text ("Sponsored · uniqlo.com"): that address is its landing page.
    pub shows_address: bool,
}

/// Where a vendor's widget writes its own title ("We Recommend", "You Might
/// Also Like"), looked for with the page's headings: the heading of the
/// vendor's block, which names it in the popup and the "why" card. Seen on
/// the saved real pages: Taboola on breitbart.com and msn.com, Outbrain on
/// bbc.com, Zergnet on breitbart.com. A title in two parts (Taboola's "YOU
/// MIGHT LIKE" beside "From The Web") reads as one text that no phrase
/// matches: that block stays unlabelled, as before.
pub const VENDOR_HEADINGS: &[&str] = &[".trc_rbox_header_span", ".ob-widget-header", ".zerghead1"];

const fn rule(vendor: &'static str, network: &'static str, item_type: ItemType, marker: Marker) -> VendorRule {
    VendorRule { vendor, network, item_type, marker, placement: Placement::Page, shows_address: false }
}

/// An ad in a site's own video player ([`Placement::Player`]).
const fn player_rule(vendor: &'static str, network: &'static str, marker: Marker) -> VendorRule {
    VendorRule { vendor, network, item_type: Ad, marker, placement: Placement::Player, shows_address: true }
}

/// One of YouTube's ad elements, looked for on youtube.com only.
const fn youtube_tag(tag: &'static str) -> VendorRule {
    let marker = SiteTag { site: "youtube.com", tag };
    VendorRule {
        vendor: "YouTube Ads",
        network: "Google",
        item_type: Ad,
        marker,
        placement: Placement::Page,
        shows_address: true,
    }
}

use ItemType::{Ad, Recommendation};
use Marker::{Attribute, AttributeValue, Class, ClassPrefix, IdPrefix, LinkContains, SiteTag, TagClass};

/// The rules, from public markup of each vendor (see DOMAIN.md).
pub const VENDOR_RULES: &[VendorRule] = &[
    rule("Google Ad Manager", "Google", Ad, IdPrefix("div-gpt-ad")),
    rule("Google Ad Manager", "Google", Ad, IdPrefix("google_ads_iframe")),
    rule("Google Ad Manager", "Google", Ad, IdPrefix("google_ads_frame")),
    rule("Google Ad Manager", "Google", Ad, Attribute("data-google-query-id")),
    rule("Google Ad Manager", "Google", Ad, IdPrefix("dfp-ad")),
    rule("Google AdSense", "Google", Ad, TagClass("ins", "adsbygoogle")),
    rule("Google AdSense", "Google", Ad, IdPrefix("aswift_")),
    rule("Amazon Ads", "Amazon", Ad, IdPrefix("amzn-assoc-ad")),
    rule("Amazon Ads", "Amazon", Ad, ClassPrefix("amzn-native")),
    rule("Criteo", "Criteo", Ad, IdPrefix("crt-")),
    rule("Taboola", "Taboola", Recommendation, IdPrefix("taboola-")),
    rule("Taboola", "Taboola", Recommendation, ClassPrefix("trc_")),
    rule("Outbrain", "Outbrain", Recommendation, Class("OUTBRAIN")),
    rule("Outbrain", "Outbrain", Recommendation, ClassPrefix("ob-dynamic-rec")),
    rule("Outbrain", "Outbrain", Recommendation, Class("ob-widget")),
    rule("Revcontent", "Revcontent", Recommendation, Attribute("data-rc-widget")),
    rule("Revcontent", "Revcontent", Recommendation, IdPrefix("rc-widget-")),
    rule("Revcontent", "Revcontent", Recommendation, ClassPrefix("rc-item")),
    rule("MGID", "MGID", Recommendation, AttributeValue("data-type", "_mgwidget")),
    rule("MGID", "MGID", Recommendation, Class("mgbox")),
    rule("Zergnet", "Zergnet", Recommendation, IdPrefix("zergnet-widget")),
    rule("Zergnet", "Zergnet", Recommendation, ClassPrefix("zerg")),
    rule("Nosto", "Nosto", Recommendation, Class("nosto_element")),
    rule("PowerInbox", "PowerInbox", Recommendation, Class("powerinbox")),
    rule("Google Ad Manager", "Google", Ad, LinkContains("://adclick.g.doubleclick.net/")),
    rule("Google Ad Manager", "Google", Ad, LinkContains("doubleclick.net/gampad/clk")),
    rule("Google Ad Manager", "Google", Ad, LinkContains("://ad.doubleclick.net/ddm/")),
    rule("Google Ads", "Google", Ad, LinkContains("googleadservices.com/pagead/aclk")),
    rule("Google Ads", "Google", Ad, LinkContains("://googleads.g.doubleclick.net/aclk")),
    rule("Outbrain", "Outbrain", Recommendation, LinkContains("://paid.outbrain.com/network/redir")),
    rule("Revcontent", "Revcontent", Recommendation, LinkContains("://trends.revcontent.com/click")),
    rule("Xandr", "Microsoft", Ad, LinkContains("://secure.adnxs.com/clktrb")),
    rule("RTB House", "RTB House", Ad, LinkContains("creativecdn.com/click")),
    // YouTube (public markup, as ad blockers' YouTube rules name it): the
    // layer its player draws over a video ad (2024's layout, then the one
    // before), and the ads of its pages: in a feed, beside the video
    // playing (an ad slot, a promoted video), its companion banner, the
    // home page's masthead.
    player_rule("YouTube Ads", "Google", Class("ytp-ad-player-overlay-layout")),
    player_rule("YouTube Ads", "Google", Class("ytp-ad-player-overlay")),
    youtube_tag("ytd-ad-slot-renderer"),
    youtube_tag("ytd-promoted-sparkles-web-renderer"),
    youtube_tag("ytd-promoted-video-renderer"),
    youtube_tag("ytd-action-companion-ad-renderer"),
    youtube_tag("ytd-display-ad-renderer"),
    youtube_tag("ytd-video-masthead-ad-v3-renderer"),
    // m.youtube.com's.
    youtube_tag("ad-slot-renderer"),
    youtube_tag("ytm-promoted-sparkles-web-renderer"),
    youtube_tag("ytm-companion-ad-renderer"),
];

/// The `id` prefixes of vendors' slot containers (`div-gpt-ad`, `crt-`…):
/// the content script holds such elements from its first instant, before it
/// knows which of this site's slots are muted (see `content/hold.js`).
pub fn slot_id_prefixes() -> Vec<&'static str> {
    let mut prefixes: Vec<&'static str> =
        VENDOR_RULES.iter().filter_map(|r| if let Marker::IdPrefix(p) = r.marker { Some(p) } else { None }).collect();
    prefixes.sort_unstable();
    prefixes.dedup();
    prefixes
}

/// A vendor recognised by where an item's links or frames point.
#[derive(Debug, Clone, Copy)]
pub struct HostRule {
    /// Registrable domain of the link or frame.
    pub domain: &'static str,
    /// The product.
    pub vendor: &'static str,
    /// The company.
    pub network: &'static str,
    /// What items served from there are.
    pub item_type: ItemType,
}

const fn host(domain: &'static str, vendor: &'static str, network: &'static str, item_type: ItemType) -> HostRule {
    HostRule { domain, vendor, network, item_type }
}

/// Click-through and creative hosts of ad networks and widget vendors.
pub const HOST_RULES: &[HostRule] = &[
    host("googleadservices.com", "Google Ads", "Google", Ad),
    host("doubleclick.net", "Google Ad Manager", "Google", Ad),
    host("googlesyndication.com", "Google AdSense", "Google", Ad),
    host("taboola.com", "Taboola", "Taboola", Recommendation),
    host("outbrain.com", "Outbrain", "Outbrain", Recommendation),
    host("revcontent.com", "Revcontent", "Revcontent", Recommendation),
    host("zergnet.com", "Zergnet", "Zergnet", Recommendation),
    host("mgid.com", "MGID", "MGID", Recommendation),
    host("criteo.com", "Criteo", "Criteo", Ad),
    host("criteo.net", "Criteo", "Criteo", Ad),
    host("adroll.com", "AdRoll", "AdRoll", Ad),
    host("amazon-adsystem.com", "Amazon Ads", "Amazon", Ad),
    host("creativecdn.com", "RTB House", "RTB House", Ad),
];

/// The vendor whose hosts an item's links or frames point at, if any.
pub fn match_host<'a>(urls: impl IntoIterator<Item = &'a String>) -> Option<&'static HostRule> {
    urls.into_iter().find_map(|u| {
        let host = crate::domains::host_of(u)?;
        let domain = crate::domains::registrable_domain(&host);
        HOST_RULES.iter().find(|r| r.domain == domain)
    })
}

impl Marker {
    /// The CSS selector that finds elements with this marker.
    pub fn selector(&self) -> String {
        match self {
            IdPrefix(p) => format!("[id^=\"{p}\"]"),
            Class(c) => format!(".{c}"),
            ClassPrefix(p) => format!("[class^=\"{p}\"],[class*=\" {p}\"]"),
            TagClass(t, c) => format!("{t}.{c}"),
            Attribute(a) => format!("[{a}]"),
            AttributeValue(a, v) => format!("[{a}=\"{v}\"]"),
            LinkContains(part) => format!("a[href*=\"{part}\"]"),
            SiteTag { tag, .. } => (*tag).to_owned(),
        }
    }

    /// The attribute the shell must report for this marker to be checked.
    pub fn attribute_name(&self) -> Option<&'static str> {
        match self {
            Attribute(a) | AttributeValue(a, _) => Some(a),
            _ => None,
        }
    }

    /// Whether a candidate of a page on `site` (a registrable domain)
    /// carries this marker.
    pub fn matches(&self, c: &Candidate, site: &str) -> bool {
        match self {
            IdPrefix(p) => c.id.as_deref().is_some_and(|id| id.starts_with(p)),
            Class(class) => c.classes.iter().any(|x| x == class),
            ClassPrefix(prefix) => c.classes.iter().any(|x| x.starts_with(prefix)),
            TagClass(tag, class) => c.tag == *tag && c.classes.iter().any(|x| x == class),
            Attribute(a) => c.attribute(a).is_some(),
            AttributeValue(a, v) => c.attribute(a) == Some(*v),
            LinkContains(part) => c.tag == "a" && c.links.first().is_some_and(|href| href.contains(part)),
            SiteTag { site: own, tag } => c.tag == *tag && site == *own,
        }
    }
}

/// The first rule a candidate of a page on `site` (a registrable domain) matches.
pub fn match_vendor(c: &Candidate, site: &str) -> Option<&'static VendorRule> {
    VENDOR_RULES.iter().find(|r| r.marker.matches(c, site))
}

#[cfg(test)]
mod tests {

    #[test]
    fn slot_id_prefixes_come_from_the_vendor_rules() {
        let prefixes = slot_id_prefixes();
        assert!(prefixes.contains(&"div-gpt-ad") && prefixes.contains(&"crt-") && prefixes.contains(&"taboola-"));
        assert!(prefixes.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
    }

    use super::*;

    fn with_id(id: &str) -> Candidate {
        Candidate { id: Some(id.into()), tag: "div".into(), ..Default::default() }
    }

    #[test]
    fn gpt_slot_is_a_google_ad() {
        let rule = match_vendor(&with_id("div-gpt-ad-1234-0"), "news.example").expect("a rule");
        assert_eq!((rule.vendor, rule.item_type), ("Google Ad Manager", ItemType::Ad));
    }

    #[test]
    fn adsense_needs_the_ins_tag() {
        let mut c = Candidate { tag: "ins".into(), classes: vec!["adsbygoogle".into()], ..Default::default() };
        assert_eq!(match_vendor(&c, "news.example").map(|r| r.vendor), Some("Google AdSense"));
        c.tag = "div".into();
        assert!(match_vendor(&c, "news.example").is_none());
    }

    #[test]
    fn attribute_value_rule_checks_the_value() {
        let mut c = Candidate { attributes: vec![("data-type".into(), "_mgwidget".into())], ..Default::default() };
        assert_eq!(match_vendor(&c, "news.example").map(|r| r.vendor), Some("MGID"));
        c.attributes[0].1 = "other".into();
        assert!(match_vendor(&c, "news.example").is_none());
    }

    #[test]
    fn class_prefix_matches_any_class_of_the_element() {
        let c = Candidate { classes: vec!["videoCube".into(), "trc_spotlight_item".into()], ..Default::default() };
        assert_eq!(match_vendor(&c, "news.example").map(|r| r.network), Some("Taboola"));
        assert_eq!(ClassPrefix("trc_").selector(), "[class^=\"trc_\"],[class*=\" trc_\"]");
    }

    #[test]
    fn a_sites_own_tag_marks_its_pages_only() {
        let c = Candidate { tag: "ad-slot-renderer".into(), ..Default::default() };
        assert_eq!(match_vendor(&c, "youtube.com").map(|r| r.vendor), Some("YouTube Ads"));
        assert!(match_vendor(&c, "news.example").is_none(), "another site's element of that name is not YouTube's");
    }

    #[test]
    fn hosts_name_the_vendor() {
        let links = vec!["https://trends.revcontent.com/click.php?d=1".to_owned()];
        assert_eq!(match_host(&links).map(|r| r.network), Some("Revcontent"));
        assert!(match_host(&vec!["https://news.example/".to_owned()]).is_none());
    }
}
