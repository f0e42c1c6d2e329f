//! Which candidates are ads or recommendation widgets, and what they are.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::domains::{host_of, registrable_domain};
use crate::landing::{first_landing, shown_address};
use crate::lexicon::{match_label, PhraseHint, PhraseMatch};
use crate::page::{Candidate, CandidateSource, PageSnapshot, Rect};
use crate::text::truncate;
use crate::vendors::{match_host, match_vendor, ItemType, Placement};

/// Most characters of an item's text kept as its creative text.
pub const MAX_CREATIVE_TEXT_CHARS: usize = 300;
/// Most image URLs kept per item.
pub const MAX_ITEM_IMAGES: usize = 5;

/// An ad or widget the engine recognised, with the features the classifier
/// reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FoundItem {
    /// The shell's handle for the element.
    pub key: u32,
    /// The element's `id` attribute, if it has one (for people and tests).
    pub element_id: Option<String>,
    /// Ad or recommendation.
    pub item_type: ItemType,
    /// How it was found.
    pub source: CandidateSource,
    /// The vendor's product, when a marker or a host identified it.
    pub vendor: Option<&'static str>,
    /// The company behind the vendor.
    pub network: Option<&'static str>,
    /// The label phrase that introduced it, if any.
    pub label: Option<PhraseMatch>,
    /// Where its first useful link leads (click-through links decoded).
    pub landing_url: Option<String>,
    /// The landing URL's registrable domain.
    pub landing_domain: Option<String>,
    /// The landing page is on the page's own site.
    pub first_party: bool,
    /// Visible text, cut to [`MAX_CREATIVE_TEXT_CHARS`].
    pub text: String,
    /// Image URLs, at most [`MAX_ITEM_IMAGES`].
    pub images: Vec<String>,
    /// Where it is on the page.
    pub rect: Rect,
    /// URLs of the frames whose content was attributed to it.
    pub frames: Vec<String>,
    /// Its ad request or click URL asked for a non-personalised ad (`npa=1`).
    pub non_personalised: bool,
    /// It is the layer a site's video player draws over the ad it plays
    /// ([`Placement::Player`]): labelled, never hidden.
    pub in_player: bool,
}

/// Recognises the items among a page's candidates, in candidate order. An
/// item nested inside another item (a GPT iframe inside its slot) is dropped:
/// it is the same ad.
pub fn find_items(page: &PageSnapshot) -> Vec<FoundItem> {
    let site = host_of(&page.url).map(|h| registrable_domain(&h)).unwrap_or_default();
    let found: Vec<FoundItem> = page
        .candidates
        .iter()
        .filter_map(|c| {
            if c.frames.is_empty() && c.frame_names.is_empty() {
                return recognise(c, &site, &page.url, Vec::new());
            }
            // The creative is in a frame: its links, text and images belong here.
            let mut with_frames = c.clone();
            let absorbed = with_frames.absorb_frames(&page.frames);
            recognise(&with_frames, &site, &page.url, absorbed)
        })
        .collect();
    let found_keys: HashSet<u32> = found.iter().map(|i| i.key).collect();
    let parents: HashMap<u32, u32> = page.candidates.iter().filter_map(|c| c.parent.map(|p| (c.key, p))).collect();
    let (mut outer, nested): (Vec<FoundItem>, Vec<FoundItem>) =
        found.into_iter().partition(|item| outermost_found_ancestor(item.key, &parents, &found_keys).is_none());
    // A nested item is the same ad as its outer item: what it knows (the
    // vendor of a GPT slot inside a generic ".ad" box, its landing page)
    // fills in what the outer one lacks.
    for inner in nested {
        let Some(top) = outermost_found_ancestor(inner.key, &parents, &found_keys) else { continue };
        let Some(item) = outer.iter_mut().find(|o| o.key == top) else { continue };
        if item.network.is_none() {
            item.vendor = inner.vendor;
            item.network = inner.network;
        }
        if item.landing_domain.is_none() {
            item.landing_url = inner.landing_url;
            item.landing_domain = inner.landing_domain;
            item.first_party = inner.first_party;
        }
        if item.text.is_empty() {
            item.text = inner.text;
        }
        item.frames.extend(inner.frames);
        item.non_personalised |= inner.non_personalised;
        item.in_player |= inner.in_player;
    }
    outer
}

/// The outermost found item enclosing `key`, if any.
fn outermost_found_ancestor(key: u32, parents: &HashMap<u32, u32>, found: &HashSet<u32>) -> Option<u32> {
    let mut current = key;
    let mut outermost = None;
    // Bounded walk: a hostile snapshot may contain a parent cycle.
    for _ in 0..parents.len() {
        let Some(&parent) = parents.get(&current) else { break };
        if found.contains(&parent) && parent != key {
            outermost = Some(parent);
        }
        current = parent;
    }
    outermost
}

fn recognise(c: &Candidate, site: &str, page_url: &str, frames: Vec<String>) -> Option<FoundItem> {
    let label = c.heading.as_deref().and_then(match_label);
    let marker = match_vendor(c, site);
    let host = match_host(c.links.iter().chain(&c.frames));
    let item_type = match c.source {
        CandidateSource::Marker => marker?.item_type,
        CandidateSource::Cosmetic => marker.map(|m| m.item_type).or(host.map(|h| h.item_type)).unwrap_or(ItemType::Ad),
        CandidateSource::Heading => match label.as_ref()?.hint {
            PhraseHint::AdMarker => ItemType::Ad,
            _ => ItemType::Recommendation,
        },
    };
    let (vendor, network) = match (marker, host) {
        (Some(m), _) => (Some(m.vendor), Some(m.network)),
        (None, Some(h)) => (Some(h.vendor), Some(h.network)),
        (None, None) => (None, None),
    };
    let in_player = marker.is_some_and(|m| m.placement == Placement::Player);
    // An ad that links by script (YouTube's): the address it shows is where it leads.
    let shown = || if marker.is_some_and(|m| m.shows_address) { shown_address(&c.text) } else { None };
    let landing = first_landing(&c.links, page_url).or_else(shown);
    let first_party = landing.as_ref().is_some_and(|(_, domain)| !site.is_empty() && domain == site);
    let (landing_url, landing_domain) = landing.unzip();
    let non_personalised = c.links.iter().chain(&c.frames).chain(&frames).any(|u| asks_non_personalised(u));
    Some(FoundItem {
        key: c.key,
        element_id: c.id.clone(),
        item_type,
        source: c.source,
        vendor,
        network,
        label,
        landing_url,
        landing_domain,
        first_party,
        text: truncate(&c.text, MAX_CREATIVE_TEXT_CHARS).to_owned(),
        images: c.images.iter().take(MAX_ITEM_IMAGES).cloned().collect(),
        rect: c.rect,
        frames,
        non_personalised,
        in_player,
    })
}

/// Google's ad requests (and the AdSense frame URLs that carry them) say
/// `npa=1` when the ad must not be personalised.
fn asks_non_personalised(url: &str) -> bool {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let query = query.split('#').next().unwrap_or_default();
    query.split(['&', ';']).any(|pair| pair == "npa=1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(candidates: Vec<Candidate>) -> PageSnapshot {
        PageSnapshot { url: "https://shop.example/".into(), candidates, ..Default::default() }
    }

    #[test]
    fn heading_with_widget_phrase_is_a_recommendation() {
        let c = Candidate {
            key: 7,
            source: CandidateSource::Heading,
            heading: Some("Polecane dla Ciebie".into()),
            ..Default::default()
        };
        let items = find_items(&page(vec![c]));
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].key, 7);
        assert_eq!(items[0].item_type, ItemType::Recommendation);
    }

    #[test]
    fn a_slot_inside_a_found_item_is_the_same_item() {
        let slot = Candidate { key: 1, id: Some("div-gpt-ad-1".into()), ..Default::default() };
        let frame =
            Candidate { key: 2, parent: Some(1), id: Some("google_ads_iframe_/1/x_0".into()), ..Default::default() };
        let keys: Vec<u32> = find_items(&page(vec![slot, frame])).iter().map(|i| i.key).collect();
        assert_eq!(keys, vec![1]);
    }

    #[test]
    fn a_parent_cycle_does_not_hang() {
        let a = Candidate { key: 1, parent: Some(2), id: Some("div-gpt-ad-a".into()), ..Default::default() };
        let b = Candidate { key: 2, parent: Some(1), id: Some("div-gpt-ad-b".into()), ..Default::default() };
        assert!(find_items(&page(vec![a, b])).len() <= 2);
    }

    #[test]
    fn youtubes_ads_lead_where_they_say_and_only_the_players_layer_is_in_the_player() {
        let text = "Trail shoes for mud · Sponsored · shop.example";
        let feed = Candidate { key: 1, tag: "ytd-ad-slot-renderer".into(), text: text.into(), ..Default::default() };
        let layer = Candidate {
            key: 2,
            classes: vec!["ytp-ad-player-overlay-layout".into()],
            text: text.into(),
            ..Default::default()
        };
        let other = Candidate { key: 3, id: Some("div-gpt-ad-1".into()), text: text.into(), ..Default::default() };
        let youtube =
            PageSnapshot { url: "https://www.youtube.com/watch?v=x".into(), ..page(vec![feed, layer, other]) };
        let items = find_items(&youtube);
        let seen: Vec<_> = items.iter().map(|i| (i.vendor, i.landing_domain.as_deref(), i.in_player)).collect();
        assert_eq!(
            seen,
            [
                (Some("YouTube Ads"), Some("shop.example"), false),
                (Some("YouTube Ads"), Some("shop.example"), true),
                // Another vendor's words are only words: its links say where it leads.
                (Some("Google Ad Manager"), None, false),
            ]
        );
    }

    #[test]
    fn a_filter_list_match_is_an_ad_with_its_landing_page() {
        let c = Candidate {
            key: 3,
            source: CandidateSource::Cosmetic,
            classes: vec!["ad-banner".into()],
            links: vec!["https://www.googleadservices.com/pagead/aclk?adurl=https%3A%2F%2Fshop.example%2Fp".into()],
            ..Default::default()
        };
        let items = find_items(&page(vec![c]));
        assert_eq!(items[0].item_type, ItemType::Ad);
        assert_eq!(items[0].network, Some("Google"));
        assert_eq!(items[0].landing_domain.as_deref(), Some("shop.example"));
        assert!(items[0].first_party, "the page is on shop.example too");
    }

    #[test]
    fn a_creative_in_a_frame_gives_the_slot_its_landing_page() {
        let slot = Candidate {
            key: 1,
            id: Some("div-gpt-ad-1-0".into()),
            frame_names: vec!["google_ads_iframe_/1/x_0".into()],
            ..Default::default()
        };
        let frame = crate::page::FrameReport {
            url: "about:blank".into(),
            name: "google_ads_iframe_/1/x_0".into(),
            links: vec!["https://googleads.g.doubleclick.net/aclk?adurl=https%3A%2F%2Fshop.example%2Fp%2F1".into()],
            text: "Trail Runner X".into(),
            ..Default::default()
        };
        let mut p = page(vec![slot]);
        p.url = "https://news.example/a".into();
        p.frames = vec![frame];
        let items = find_items(&p);
        assert_eq!(items[0].landing_domain.as_deref(), Some("shop.example"));
        assert_eq!(items[0].text, "Trail Runner X");
        assert_eq!(items[0].frames, vec!["about:blank"]);
    }

    #[test]
    fn a_non_personalised_ad_request_is_noted() {
        let c = Candidate {
            key: 1,
            source: CandidateSource::Marker,
            classes: vec!["adsbygoogle".into()],
            tag: "ins".into(),
            frames: vec!["https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-1&npa=1&output=html".into()],
            ..Default::default()
        };
        let items = find_items(&page(vec![c.clone()]));
        assert!(items[0].non_personalised);
        let personalised =
            Candidate { frames: vec!["https://googleads.g.doubleclick.net/pagead/ads?npa=10".into()], ..c };
        assert!(!find_items(&page(vec![personalised]))[0].non_personalised);
    }

    #[test]
    fn ordinary_headings_and_unknown_markers_are_not_items() {
        let heading = Candidate {
            source: CandidateSource::Heading,
            heading: Some("Weather for the weekend".into()),
            ..Default::default()
        };
        let marker = Candidate { id: Some("main-content".into()), ..Default::default() };
        assert!(find_items(&page(vec![heading, marker])).is_empty());
    }
}
