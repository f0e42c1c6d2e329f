//! YouTube's video ads in a saved watch page. The player draws an ad's layer
//! (its advertiser card, "Sponsored" badge and "Skip" button) only while the
//! ad plays, from the data the page came with: `ytInitialPlayerResponse`,
//! whose `adSlots` hold each ad the player will play before or during the
//! video. A saved page (or a HAR's) has that data and not the layer, so each
//! ad is read from it as the candidate the extension reads from the layer
//! when it shows: the same class, the same words, the same links.

use scraper::{Html, Selector};
use serde_json::Value;

use crate::page::{Candidate, CandidateSource};
use crate::plan::ScanPlan;

/// What a page's script assigns the player's data to.
const PLAYER_DATA: &str = "ytInitialPlayerResponse";
/// The class of the layer YouTube's player draws over a video ad (a vendor marker).
const AD_LAYER_CLASS: &str = "ytp-ad-player-overlay-layout";
/// Most ads read from one page.
const MAX_PLAYER_ADS: usize = 20;

/// The video ads a saved YouTube page's player data schedules, as candidates
/// keyed from `first_key` on. Any other page, or data that does not parse,
/// has none.
pub fn player_ads(doc: &Html, plan: &ScanPlan, first_key: u32) -> Vec<Candidate> {
    let Some(data) = player_data(doc) else { return Vec::new() };
    let Some(slots) = data.get("adSlots").and_then(Value::as_array) else { return Vec::new() };
    slots
        .iter()
        .filter_map(|slot| {
            slot.pointer("/adSlotRenderer/fulfillmentContent/fulfilledLayout/inPlayerAdLayoutRenderer/renderingContent/playerOverlayLayoutRenderer")
        })
        .take(MAX_PLAYER_ADS)
        .zip(first_key..)
        .map(|(layer, key)| ad_layer(layer, key, plan))
        .collect()
}

/// The player's data: the object literal the page's script assigns to
/// `ytInitialPlayerResponse` (the JSON reader stops at its end).
fn player_data(doc: &Html) -> Option<Value> {
    let scripts = Selector::parse("script:not([src])").ok()?;
    doc.select(&scripts).find_map(|script| {
        let text: String = script.text().collect();
        let at = text.find(PLAYER_DATA)?;
        let rest = &text[at + PLAYER_DATA.len()..];
        let object = &rest[rest.find('{')?..];
        if !rest[..rest.len() - object.len()].trim().trim_end_matches('=').trim().is_empty() {
            return None;
        }
        serde_json::Deserializer::from_str(object).into_iter::<Value>().next()?.ok()
    })
}

/// One ad's layer as the extension reads it once drawn: its words in the
/// order shown (badge, advertiser, address), its links, its advertiser's picture.
fn ad_layer(layer: &Value, key: u32, plan: &ScanPlan) -> Candidate {
    let card = layer.pointer("/playerAdCard/playerAdAvatarLockupCardButtonedViewModel");
    let words = [
        layer.pointer("/adBadgeRenderer/simpleAdBadgeRenderer/text/text"),
        card.and_then(|c| c.pointer("/headline/content")),
        card.and_then(|c| c.pointer("/description/content")),
        layer.pointer("/visitAdvertiserLink/visitAdvertiserLinkViewModel/label/content"),
    ];
    let text: Vec<&str> = words.iter().flatten().filter_map(|w| w.as_str()).filter(|w| !w.trim().is_empty()).collect();
    let links = [
        card.and_then(|c| c.pointer("/interaction/onTap/innertubeCommand/urlEndpoint/url")),
        layer.pointer(
            "/visitAdvertiserLink/visitAdvertiserLinkViewModel/interaction/onTap/innertubeCommand/urlEndpoint/url",
        ),
    ];
    let limits = &plan.limits;
    Candidate {
        key,
        source: CandidateSource::Marker,
        tag: "div".into(),
        classes: vec![AD_LAYER_CLASS.into()],
        text: crate::text::truncate(&text.join(" "), limits.max_text_chars).to_owned(),
        links: links.iter().flatten().filter_map(|u| u.as_str().map(str::to_owned)).take(limits.max_urls).collect(),
        images: card
            .and_then(|c| c.pointer("/avatar/adAvatarViewModel/image/sources/0/url"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .into_iter()
            .collect(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(script: &str) -> Html {
        Html::parse_document(&format!("<html><body><script>{script}</script></body></html>"))
    }

    const ONE_AD: &str = r#"var ytInitialPlayerResponse = {"adSlots": [
      {"adSlotRenderer": {"fulfillmentContent": {"fulfilledLayout": {"playerBytesAdLayoutRenderer": {}}}}},
      {"adSlotRenderer": {"fulfillmentContent": {"fulfilledLayout": {"inPlayerAdLayoutRenderer": {"renderingContent": {
        "playerOverlayLayoutRenderer": {
          "adBadgeRenderer": {"simpleAdBadgeRenderer": {"text": {"text": "Sponsored"}}},
          "playerAdCard": {"playerAdAvatarLockupCardButtonedViewModel": {
            "headline": {"content": "Trail Runner X"}, "description": {"content": "shop.example"},
            "avatar": {"adAvatarViewModel": {"image": {"sources": [{"url": "https://yt3.ggpht.com/a.jpg"}]}}},
            "interaction": {"onTap": {"innertubeCommand": {"urlEndpoint": {"url": "https://www.googleadservices.com/pagead/aclk?sa=L&ai=x"}}}}}}
        }}}}}}}]};var meta = {"a": 1};"#;

    #[test]
    fn each_ad_the_player_will_play_is_its_layer() {
        let ads = player_ads(&page(ONE_AD), &ScanPlan::build(), 7);
        assert_eq!(ads.len(), 1, "the video itself (player bytes) is not the layer");
        let ad = &ads[0];
        assert_eq!(
            (ad.key, ad.source, ad.classes.as_slice()),
            (7, CandidateSource::Marker, [AD_LAYER_CLASS.to_owned()].as_slice())
        );
        assert_eq!(ad.text, "Sponsored Trail Runner X shop.example");
        assert_eq!(ad.links, ["https://www.googleadservices.com/pagead/aclk?sa=L&ai=x"]);
        assert_eq!(ad.images, ["https://yt3.ggpht.com/a.jpg"]);
    }

    #[test]
    fn other_pages_and_broken_data_have_none() {
        let plan = ScanPlan::build();
        assert!(player_ads(&page("var x = 1;"), &plan, 1).is_empty());
        assert!(player_ads(&page("var ytInitialPlayerResponse = {\"adSlots\": [tru"), &plan, 1).is_empty());
        assert!(player_ads(&page("if (ytInitialPlayerResponse) go({\"adSlots\": []})"), &plan, 1).is_empty());
        assert!(player_ads(&page("var ytInitialPlayerResponse = {\"adSlots\": 3};"), &plan, 1).is_empty());
    }
}
