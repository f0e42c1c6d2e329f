//! Evidence that an item follows the user: its landing page is a shop (or a
//! product) the user visited, that shop told a vendor about the visit, or a
//! retargeting vendor served it. All of it comes from local memory.

use crate::detect::FoundItem;
use crate::products::ProductMemory;
use crate::profile::InterestProfile;
use crate::remarketing::RemarketingEvent;
use crate::sites::SiteRecords;
use crate::trackers::is_retargeting_vendor;
use crate::vendors::ItemType;
use crate::verdict::{Evidence, Reason};

/// Networks whose business is retargeting (DOMAIN.md).
const RETARGETING_NETWORKS: &[&str] = &["Criteo", "RTB House", "AdRoll"];
/// Shortest product name matched in an ad's text (shorter names match by chance).
const MIN_NAME_CHARS: usize = 4;

/// What the classifier knows besides the item.
#[derive(Debug, Clone, Copy)]
pub struct Memory<'a> {
    /// Products the user viewed.
    pub products: &'a ProductMemory,
    /// Sites the user visited, with their trackers and remarketing events.
    pub sites: &'a SiteRecords,
    /// Sites the user visited, with what their pages were about.
    pub profile: &'a InterestProfile,
    /// Now, epoch milliseconds (so "2 days ago" is deterministic).
    pub now_ms: u64,
}

/// How sure, and why, when the item's landing page is somewhere the user
/// has been; `None` otherwise (or when it is the page's own site).
pub fn evidence(item: &FoundItem, memory: Memory<'_>) -> Option<(f64, Vec<Evidence>)> {
    if item.first_party {
        return None;
    }
    let shop = item.landing_domain.as_deref()?;
    let mut evidence = Vec::new();
    let mut confidence: f64;

    let text = item.text.to_lowercase();
    let product = memory.products.products.iter().rev().find(|p| {
        p.product.shop == shop
            && (item.landing_url.as_deref().is_some_and(|u| same_page(u, &p.product.url))
                || (p.product.name.chars().count() >= MIN_NAME_CHARS && text.contains(&p.product.name.to_lowercase())))
    });
    if let Some(viewed) = product {
        confidence = 0.75;
        evidence.push(Evidence {
            sentence: format!(
                "You viewed {} on {} {}",
                viewed.product.name,
                shop,
                ago(memory.now_ms, viewed.last_seen)
            ),
            reason: Reason::ViewedProduct {
                product: viewed.product.name.clone(),
                shop: shop.to_owned(),
                viewed_at: viewed.last_seen,
            },
        });
    } else {
        let visited = [
            memory.sites.sites.get(shop).map(|s| s.last_seen),
            memory.profile.last_visit(shop),
            memory.products.products.iter().filter(|p| p.product.shop == shop).map(|p| p.last_seen).max(),
        ]
        .into_iter()
        .flatten()
        .max()?;
        confidence = 0.5;
        evidence.push(Evidence {
            sentence: format!("You visited {shop} {}", ago(memory.now_ms, visited)),
            reason: Reason::VisitedShop { shop: shop.to_owned(), visited_at: visited },
        });
    }

    let vendor = item.network.filter(|n| RETARGETING_NETWORKS.contains(n)).map(str::to_owned).or_else(|| {
        item.frames.iter().chain(&item.images).find_map(|u| {
            let host = crate::domains::host_of(u)?;
            is_retargeting_vendor(&host).then(|| crate::domains::registrable_domain(&host))
        })
    });
    if let Some(vendor) = vendor {
        confidence += 0.1;
        evidence.push(Evidence {
            sentence: format!("Served by {vendor}, a retargeting company"),
            reason: Reason::RetargetingVendor { vendor },
        });
    }

    if let Some(tag) = strongest_tag(memory.sites, shop) {
        confidence += 0.15;
        evidence.push(Evidence {
            sentence: format!("{shop} told {} {}", tag.vendor, what_it_told(&tag.event)),
            reason: Reason::RemarketingTagSeen {
                shop: shop.to_owned(),
                vendor: tag.vendor.clone(),
                event: tag.event.clone(),
            },
        });
    }
    let shop_only = matches!(evidence.first().map(|e| &e.reason), Some(Reason::VisitedShop { .. }));
    if shop_only && item.item_type != ItemType::Ad && evidence.len() == 1 {
        // A widget's first link leading to a site once visited says little:
        // widgets link to many sites.
        return None;
    }
    Some((confidence.min(0.95), evidence))
}

/// The most telling remarketing event the shop sent: a product view first.
fn strongest_tag<'a>(sites: &'a SiteRecords, shop: &str) -> Option<&'a RemarketingEvent> {
    let events = &sites.sites.get(shop)?.remarketing;
    let rank = |e: &RemarketingEvent| match e.event.as_str() {
        "viewItem" => 0,
        "viewBasket" => 1,
        "trackTransaction" => 2,
        "viewList" => 3,
        _ => 4,
    };
    events.iter().map(|r| &r.event).min_by_key(|e| rank(e))
}

fn what_it_told(event: &str) -> &'static str {
    match event {
        "viewItem" => "you viewed a product",
        "viewBasket" => "what is in your basket",
        "trackTransaction" => "you bought something",
        "viewList" => "you browsed its products",
        _ => "you visited",
    }
}

/// Same page, ignoring scheme, `www.`, query and fragment.
fn same_page(a: &str, b: &str) -> bool {
    fn key(u: &str) -> &str {
        let u = u.split(['?', '#']).next().unwrap_or(u);
        let u = u.split_once("://").map_or(u, |(_, rest)| rest);
        let u = u.strip_prefix("www.").unwrap_or(u);
        u.trim_end_matches('/')
    }
    key(a) == key(b)
}

/// "2 days ago", "5 hours ago", "just now" (a visit "in the future" — clock
/// skew — is "just now").
pub fn ago(now_ms: u64, then_ms: u64) -> String {
    let minutes = now_ms.saturating_sub(then_ms) / 60_000;
    match minutes {
        0 => "just now".to_owned(),
        1 => "1 minute ago".to_owned(),
        2..=59 => format!("{minutes} minutes ago"),
        60..=119 => "1 hour ago".to_owned(),
        120..=1_439 => format!("{} hours ago", minutes / 60),
        1_440..=2_879 => "1 day ago".to_owned(),
        _ => format!("{} days ago", minutes / 1_440),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::products::Product;

    const DAY: u64 = 86_400_000;
    const NOW: u64 = 100 * DAY;

    fn ad(landing: &str, text: &str) -> FoundItem {
        FoundItem {
            key: 1,
            item_type: ItemType::Ad,
            source: crate::page::CandidateSource::Marker,
            vendor: Some("Google Ad Manager"),
            network: Some("Google"),
            landing_url: Some(landing.to_owned()),
            landing_domain: crate::domains::host_of(landing).map(|h| crate::domains::registrable_domain(&h)),
            text: text.to_owned(),
            ..FoundItem::default()
        }
    }

    fn memory_with_trail_runner() -> (ProductMemory, SiteRecords) {
        let mut products = ProductMemory::default();
        let product = Product {
            name: "Trail Runner X".into(),
            url: "http://shop.example/product/trail-runner-x.html".into(),
            shop: "shop.example".into(),
            ..Default::default()
        };
        products.record(product, NOW - 2 * DAY);
        let mut sites = SiteRecords::default();
        sites.record("shop.example", "criteo.com", true, NOW - 2 * DAY);
        let tag =
            RemarketingEvent { vendor: "Criteo".into(), event: "viewItem".into(), product_id: Some("TRX-42".into()) };
        sites.record_event("shop.example", tag, NOW - 2 * DAY);
        (products, sites)
    }

    #[test]
    fn the_product_you_viewed_with_its_remarketing_tag() {
        let (products, sites) = memory_with_trail_runner();
        let memory = Memory { products: &products, sites: &sites, profile: &InterestProfile::new(), now_ms: NOW };
        let item = ad("https://www.shop.example/product/trail-runner-x.html?utm_source=ad", "");
        let (confidence, evidence) = evidence(&item, memory).expect("retargeted");
        let sentences: Vec<_> = evidence.iter().map(|e| e.sentence.as_str()).collect();
        assert_eq!(
            sentences,
            vec![
                "You viewed Trail Runner X on shop.example 2 days ago",
                "shop.example told Criteo you viewed a product"
            ]
        );
        assert!((confidence - 0.9).abs() < 1e-9, "{confidence}");
    }

    #[test]
    fn a_shop_you_visited_is_weaker_and_other_shops_are_nothing() {
        let (products, sites) = memory_with_trail_runner();
        let memory = Memory { products: &products, sites: &sites, profile: &InterestProfile::new(), now_ms: NOW };
        let (confidence, evidence) = evidence(&ad("https://shop.example/sale", "Autumn sale"), memory).expect("shop");
        assert!(matches!(evidence[0].reason, Reason::VisitedShop { .. }));
        assert!(confidence < 0.75);
        assert!(super::evidence(&ad("https://other.example/", "Trail Runner X"), memory).is_none());
    }

    #[test]
    fn the_page_own_ads_never_follow_you() {
        let (products, sites) = memory_with_trail_runner();
        let memory = Memory { products: &products, sites: &sites, profile: &InterestProfile::new(), now_ms: NOW };
        let mut item = ad("https://shop.example/product/trail-runner-x.html", "");
        item.first_party = true;
        assert!(super::evidence(&item, memory).is_none());
    }

    #[test]
    fn time_is_told_plainly_and_clock_skew_is_harmless() {
        assert_eq!(ago(NOW, NOW - 2 * DAY), "2 days ago");
        assert_eq!(ago(NOW, NOW - 3 * 3_600_000), "3 hours ago");
        assert_eq!(ago(NOW, NOW + DAY), "just now");
    }
}
