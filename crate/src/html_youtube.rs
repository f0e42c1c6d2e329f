//! YouTube's video ads in a watch page as its server sent it. The player
//! draws an ad's layer (its advertiser card, "Sponsored" badge and "Skip"
//! button) only while the ad plays, from the data the page came with:
//! `ytInitialPlayerResponse`, whose `adSlots` hold each ad the player will
//! play before or during the video. A page saved as the server sent it (an
//! HTML file, a HAR's page) has that data and not the layer, so each ad is
//! read from it as the candidate the extension reads from the layer when it
//! shows: the same class, the same words, the same links. A page saved as
//! the user saw it (MHTML) has the layers it showed, and only those count.

use serde_json::Value;

use crate::domains::{host_of, registrable_domain};
use crate::page::{Candidate, CandidateSource, PageSnapshot};
use crate::plan::ScanPlan;

/// What a page's script assigns the player's data to.
const PLAYER_DATA: &str = "ytInitialPlayerResponse";
/// The class of the layer YouTube's player draws over a video ad (a vendor marker).
const AD_LAYER_CLASS: &str = "ytp-ad-player-overlay-layout";
/// Most ads read from one page.
const MAX_PLAYER_ADS: usize = 20;

/// Adds to a YouTube page's snapshot the video ads its player's data
/// schedules (`html` as the server sent it), within the plan's cap on
/// candidates. Any other page, or data that does not parse, gets none.
pub fn add_scheduled_ads(snapshot: &mut PageSnapshot, html: &str, plan: &ScanPlan) {
    if host_of(&snapshot.url).is_none_or(|h| registrable_domain(&h) != "youtube.com") {
        return;
    }
    let next = snapshot.candidates.iter().map(|c| c.key).max().unwrap_or_default() + 1;
    let room = plan.limits.max_candidates.saturating_sub(snapshot.candidates.len());
    snapshot.candidates.extend(player_ads(html, plan, next).into_iter().take(room));
}

/// The video ads a page's player data schedules, as candidates keyed from
/// `first_key` on.
fn player_ads(html: &str, plan: &ScanPlan, first_key: u32) -> Vec<Candidate> {
    let Some(data) = player_data(html) else { return Vec::new() };
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
/// `ytInitialPlayerResponse` (`= {…}`; the JSON reader stops at its end).
/// Script text is not escaped in HTML: the page's source holds it as is.
fn player_data(html: &str) -> Option<Value> {
    html.match_indices(PLAYER_DATA).find_map(|(at, _)| {
        let rest = html[at + PLAYER_DATA.len()..].trim_start().strip_prefix('=')?.trim_start();
        rest.starts_with('{').then_some(())?;
        serde_json::Deserializer::from_str(rest).into_iter::<Value>().next()?.ok()
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

    fn page(script: &str) -> String {
        format!("<html><body><script>{script}</script></body></html>")
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
    fn a_youtube_snapshot_gets_them_after_its_candidates_and_other_sites_do_not() {
        let plan = ScanPlan::build();
        let candidate = Candidate { key: 4, ..Default::default() };
        let mut youtube = PageSnapshot {
            url: "https://www.youtube.com/watch?v=x".into(),
            candidates: vec![candidate.clone()],
            ..Default::default()
        };
        add_scheduled_ads(&mut youtube, &page(ONE_AD), &plan);
        assert_eq!(youtube.candidates.iter().map(|c| c.key).collect::<Vec<_>>(), [4, 5]);
        let mut news = PageSnapshot { url: "https://news.example/".into(), ..Default::default() };
        add_scheduled_ads(&mut news, &page(ONE_AD), &plan);
        assert!(news.candidates.is_empty());
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
