//! Remarketing events: a shop telling a retargeting vendor what you looked
//! at, recognised from the request the shop's tag sends (DOMAIN.md).

use serde::{Deserialize, Serialize};
use url::Url;

use crate::domains::registrable_domain;

/// One remarketing hit, as seen in a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemarketingEvent {
    /// The vendor told ("Criteo").
    pub vendor: String,
    /// What it was told: `viewHome`, `viewList`, `viewItem`, `viewBasket`,
    /// `trackTransaction`, or `remarketing` when the tag does not say.
    pub event: String,
    /// The product's id in the shop, when the tag sends it.
    pub product_id: Option<String>,
}

/// Longest product id kept (ids are short; anything longer is noise).
const MAX_PRODUCT_ID_CHARS: usize = 100;

/// The remarketing event a request carries, if any.
pub fn detect(url: &str) -> Option<RemarketingEvent> {
    let url = Url::parse(url).ok()?;
    let host = url.host_str()?;
    match registrable_domain(host).as_str() {
        "criteo.com" | "criteo.net" => criteo(&url),
        "doubleclick.net" | "googleadservices.com" | "google.com" => google(&url),
        "creativecdn.com" => rtb_house(&url),
        "adroll.com" if host.starts_with("d.") => Some(event("AdRoll", "remarketing", None)),
        _ => None,
    }
}

fn event(vendor: &str, name: &str, product_id: Option<String>) -> RemarketingEvent {
    let product_id = product_id.filter(|p| !p.is_empty() && p.chars().count() <= MAX_PRODUCT_ID_CHARS);
    RemarketingEvent { vendor: vendor.to_owned(), event: name.to_owned(), product_id }
}

/// Criteo OneTag: `…/event?a=ACCOUNT&p0=e%3Dexd&p1=e%3Dvi%26p%3DPRODUCT…`;
/// each `pN` is a small query of its own whose `e` names the event.
fn criteo(url: &Url) -> Option<RemarketingEvent> {
    let mut best: Option<RemarketingEvent> = None;
    for (name, value) in url.query_pairs() {
        if !(name.starts_with('p') && name[1..].chars().all(|c| c.is_ascii_digit()) && name.len() > 1) {
            continue;
        }
        let inner: Vec<(String, String)> = url::form_urlencoded::parse(value.as_bytes()).into_owned().collect();
        let get = |k: &str| inner.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let name = match get("e").as_deref() {
            Some("vh") => "viewHome",
            Some("vl") => "viewList",
            Some("vi") => "viewItem",
            Some("vb") => "viewBasket",
            Some("vc") => "trackTransaction",
            _ => continue,
        };
        // The most specific event wins: a product view over a home view.
        if best.as_ref().is_none_or(|b| b.product_id.is_none()) {
            best = Some(event("Criteo", name, get("p").or_else(|| get("item"))));
        }
    }
    best
}

/// Google Ads remarketing: `/pagead/viewthroughconversion/ID/`,
/// `/rmkt/collect/ID/`, `/pagead/1p-user-list/ID/`, with the product in
/// `data=ecomm_prodid=…` when the shop sends it.
fn google(url: &Url) -> Option<RemarketingEvent> {
    let path = url.path();
    let tagged = ["/pagead/viewthroughconversion/", "/rmkt/collect/", "/pagead/1p-user-list/"]
        .iter()
        .any(|p| path.starts_with(p));
    if !tagged {
        return None;
    }
    let data = url.query_pairs().find(|(n, _)| n == "data").map(|(_, v)| v.into_owned()).unwrap_or_default();
    let field = |key: &str| {
        data.split(';').find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('='))).map(str::to_owned)
    };
    let name = match field("ecomm_pagetype").as_deref() {
        Some("product") => "viewItem",
        Some("cart") => "viewBasket",
        Some("purchase") => "trackTransaction",
        Some("category" | "searchresults") => "viewList",
        Some("home") => "viewHome",
        _ => "remarketing",
    };
    Some(event("Google Ads", name, field("ecomm_prodid")))
}

/// RTB House: `creativecdn.com/tags?id=pr_HASH_offer_PRODUCT` (also `_home`,
/// `_category2_…`, `_basketadd_…`, `_orderstatus2_…`).
fn rtb_house(url: &Url) -> Option<RemarketingEvent> {
    let id = url.query_pairs().find(|(n, _)| n == "id").map(|(_, v)| v.into_owned())?;
    let rest = id.strip_prefix("pr_")?;
    let (_, tail) = rest.split_once('_')?;
    let (kind, product) = tail.split_once('_').map_or((tail, None), |(k, p)| (k, Some(p.to_owned())));
    let name = match kind {
        "home" => "viewHome",
        "offer" => "viewItem",
        "category2" | "listing" => "viewList",
        "basketadd" | "basketstatus" => "viewBasket",
        "orderstatus2" => "trackTransaction",
        _ => "remarketing",
    };
    Some(event("RTB House", name, if name == "viewItem" { product } else { None }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(url: &str) -> Option<(String, String, Option<String>)> {
        detect(url).map(|e| (e.vendor, e.event, e.product_id))
    }

    #[test]
    fn criteo_onetag_view_item_with_product() {
        let url =
            "https://sslwidget.criteo.com/event?a=12345&v=5.23.0&p0=e%3Dexd%26site_type%3Dd&p1=e%3Dvi%26p%3DTRX-42";
        assert_eq!(seen(url), Some(("Criteo".into(), "viewItem".into(), Some("TRX-42".into()))));
        let basket = "https://dis.criteo.com/dis/dis.aspx?p1=e%3Dvb%26p%3D%255B%255D";
        assert_eq!(seen(basket).map(|e| e.1), Some("viewBasket".into()));
        assert_eq!(seen("https://static.criteo.net/js/ld/ld.js"), None, "loading the tag is not an event");
    }

    #[test]
    fn google_remarketing_pixels() {
        let url = "https://googleads.g.doubleclick.net/pagead/viewthroughconversion/987654/?random=1&data=ecomm_prodid%3DTRX-42%3Becomm_pagetype%3Dproduct";
        assert_eq!(seen(url), Some(("Google Ads".into(), "viewItem".into(), Some("TRX-42".into()))));
        assert_eq!(seen("https://www.google.com/rmkt/collect/987654/").map(|e| e.1), Some("remarketing".into()));
        assert_eq!(seen("https://www.google.com/search?q=shoes"), None);
    }

    #[test]
    fn rtb_house_tags() {
        let url = "https://creativecdn.com/tags?id=pr_AbCdEf_offer_TRX-42&ts=1";
        assert_eq!(seen(url), Some(("RTB House".into(), "viewItem".into(), Some("TRX-42".into()))));
        assert_eq!(seen("https://creativecdn.com/tags?id=pr_AbCdEf_home").map(|e| e.1), Some("viewHome".into()));
        assert_eq!(seen("https://creativecdn.com/creatives?id=1"), None);
    }

    #[test]
    fn adroll_pixels_and_garbage() {
        assert_eq!(seen("https://d.adroll.com/segment/ADV/PIX").map(|e| e.0), Some("AdRoll".into()));
        assert_eq!(seen("not a url"), None);
        let long = format!("https://creativecdn.com/tags?id=pr_A_offer_{}", "x".repeat(500));
        assert_eq!(seen(&long).and_then(|e| e.2), None, "absurd product ids are dropped");
    }
}
