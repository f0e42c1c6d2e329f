//! The classifier's rules, one verdict at a time: each rule, the evidence
//! it gives, and what the site or the browser asked of it.

use super::*;
use crate::consent::{ConsentSignal, OptOut};
use crate::lexicon::match_label;
use crate::products::ProductMemory;
use crate::profile::InterestProfile;
use crate::sensitive::SpecialCategory;
use crate::sites::SiteRecords;

fn item(label: Option<&str>, vendor: Option<&'static str>, text: &str) -> FoundItem {
    FoundItem {
        item_type: ItemType::Recommendation,
        source: crate::page::CandidateSource::Heading,
        vendor,
        label: label.and_then(match_label),
        text: text.to_owned(),
        ..FoundItem::default()
    }
}

/// Classifies on a page with `page_text` for a user whose browsing was
/// `visited` (page texts on other sites).
fn verdict(item: &FoundItem, page_text: &str, visited: &[&str]) -> Verdict {
    verdict_with_sites(item, page_text, visited, &SiteRecords::default())
}

fn verdict_with_sites(item: &FoundItem, page_text: &str, visited: &[&str], sites: &SiteRecords) -> Verdict {
    verdict_in(item, page_text, visited, sites, false)
}

/// As `verdict_with_sites`, on a page the browser sent Global Privacy Control (`gpc`) or not.
fn verdict_in(item: &FoundItem, page_text: &str, visited: &[&str], sites: &SiteRecords, gpc: bool) -> Verdict {
    let matcher = TopicMatcher::new();
    let mut profile = InterestProfile::new();
    for (i, text) in visited.iter().enumerate() {
        let url = format!("https://site{i}.example/");
        profile.record_visit(&format!("site{i}.example"), &url, &matcher.topics_of(text, None), 0);
    }
    let products = ProductMemory::default();
    let page_topics = matcher.topics_of(page_text, None);
    let interests = profile.interests(0);
    let ctx = Context {
        memory: Memory { products: &products, sites, profile: &profile, now_ms: 0 },
        matcher: &matcher,
        page_topics: &page_topics,
        interests: &interests,
        lang: None,
        site: "news.example",
        gpc,
    };
    classify(item, ctx)
}

const RUNNING_PAGE: &str = "How to train for your first marathon: running plans, trail tips and recovery";
const TRAVEL_PAGES: [&str; 3] =
    ["Cheap flights and beach hotels", "Island holidays: resorts and cruises", "Travel tips for your next trip"];

#[test]
fn recently_viewed_widget_is_retargeted() {
    let v = verdict(&item(Some("Recently viewed"), None, ""), "", &[]);
    assert_eq!(v.kind, Kind::Retargeted);
    assert!(matches!(v.evidence[0].reason, Reason::LabelPhrase { .. }));
}

#[test]
fn a_bare_vendor_slot_stays_generic() {
    let v = verdict(&item(None, Some("Google Ad Manager"), ""), RUNNING_PAGE, &TRAVEL_PAGES);
    assert_eq!(v.kind, Kind::Generic);
    assert_eq!(v.classifier_version, CLASSIFIER_VERSION);
    assert!(v.evidence.iter().any(|e| e.reason == Reason::NoTargetingEvidence));
}

#[test]
fn an_ad_about_the_page_topic_is_contextual() {
    let ad = item(None, None, "Trail Runner X running shoes: light and fast");
    let v = verdict(&ad, RUNNING_PAGE, &TRAVEL_PAGES);
    assert_eq!(v.kind, Kind::Contextual);
    assert!(matches!(&v.evidence[0].reason, Reason::TopicMatchesPage { topic, .. } if topic == "fitness_running"));
}

#[test]
fn an_ad_about_the_profile_not_the_page_is_behavioural() {
    let ad = item(None, None, "Book beach holidays and hotels in Greece");
    let v = verdict(&ad, RUNNING_PAGE, &TRAVEL_PAGES);
    assert_eq!(v.kind, Kind::Behavioural);
    assert!(matches!(&v.evidence[0].reason, Reason::TopicMatchesProfile { topic, .. } if topic == "travel"));
    assert!(v.evidence.iter().any(|e| matches!(e.reason, Reason::TopicDiffersFromPage { .. })));
    // Without the travel browsing, the same ad has nothing to go on.
    assert_eq!(verdict(&ad, RUNNING_PAGE, &[]).kind, Kind::Generic);
}

#[test]
fn a_profile_match_on_a_sensitive_topic_says_what_it_can_reveal() {
    const HEALTH_PAGES: [&str; 3] = [
        "Symptoms of diabetes and what your doctor can do",
        "Allergy season: a clinic guide to symptoms",
        "Vitamin supplements and your immune system",
    ];
    let ad = item(None, None, "Vitamin supplements: ask your pharmacy");
    let v = verdict(&ad, RUNNING_PAGE, &HEALTH_PAGES);
    assert_eq!(v.kind, Kind::Behavioural);
    let matched = &v.evidence[0];
    assert!(matches!(
        &matched.reason,
        Reason::TopicMatchesProfile { topic, reveals: Some(SpecialCategory::Health), .. } if topic == "health"
    ));
    assert!(matched.sentence.ends_with("a sensitive topic: it can reveal your health"), "{}", matched.sentence);
    let json = serde_json::to_value(matched).expect("evidence serializes");
    assert_eq!(json["reveals"], "health");
    // A topic that reveals nothing of the kind carries no `reveals` at all.
    let travel = verdict(&item(None, None, "Book beach holidays and hotels in Greece"), RUNNING_PAGE, &TRAVEL_PAGES);
    let json = serde_json::to_value(&travel.evidence[0]).expect("evidence serializes");
    assert_eq!(json["type"], "topic_matches_profile");
    assert!(json.get("reveals").is_none(), "{json}");
}

#[test]
fn cross_site_ids_on_the_page_strengthen_a_behavioural_verdict() {
    let ad = item(None, None, "Book beach holidays and hotels in Greece");
    let mut sites = SiteRecords::default();
    sites.record("news.example", "id5-sync.com", true, 0);
    sites.record("news.example", "rlcdn.com", true, 0);
    let plain = verdict(&ad, RUNNING_PAGE, &TRAVEL_PAGES);
    let with_ids = verdict_with_sites(&ad, RUNNING_PAGE, &TRAVEL_PAGES, &sites);
    assert_eq!(with_ids.kind, Kind::Behavioural);
    assert!((with_ids.confidence - plain.confidence - 0.05).abs() < 1e-9);
    let providers = with_ids.evidence.iter().find_map(|e| match &e.reason {
        Reason::CrossSiteIdsPresent { providers } => Some(providers.clone()),
        _ => None,
    });
    assert_eq!(providers, Some(vec!["ID5".to_owned(), "LiveRamp".to_owned()]));
}

#[test]
fn an_ad_picked_for_you_where_the_site_passed_on_no_consent_says_so() {
    let mut ad = item(None, None, "Book beach holidays and hotels in Greece");
    ad.item_type = ItemType::Ad;
    let mut sites = SiteRecords::default();
    sites.record("news.example", "doubleclick.net", true, 0);
    let refused = |v: &Verdict| {
        v.evidence.iter().find_map(|e| match &e.reason {
            Reason::PersonalisedAdsRefused { purposes } => Some((purposes.clone(), e.sentence.clone())),
            _ => None,
        })
    };
    let plain = verdict_with_sites(&ad, RUNNING_PAGE, &TRAVEL_PAGES, &sites);
    assert_eq!(refused(&plain), None, "no consent seen, nothing said");
    sites.record_consent("news.example", ConsentSignal::from_tcf(vec![3, 4], 7), 1);
    let v = verdict_with_sites(&ad, RUNNING_PAGE, &TRAVEL_PAGES, &sites);
    assert_eq!(v.kind, Kind::Behavioural, "the evidence still says what the ad is");
    assert_eq!(v.confidence, plain.confidence);
    assert_eq!(
        refused(&v),
        Some((
            vec![3, 4],
            "This site told ad companies you did not consent to personalised ads (IAB TCF purposes 3 and 4)".to_owned()
        ))
    );
    // Not for an ad about the page, nor for a widget (its purposes are others).
    let about_page = verdict_with_sites(&ad, TRAVEL_PAGES[0], &TRAVEL_PAGES, &sites);
    assert_eq!((about_page.kind, refused(&about_page)), (Kind::Contextual, None));
    let widget = verdict_with_sites(&item(None, None, &ad.text), RUNNING_PAGE, &TRAVEL_PAGES, &sites);
    assert_eq!((widget.kind, refused(&widget)), (Kind::Behavioural, None));
    // Once the user consents, nothing is said.
    sites.record_consent("news.example", ConsentSignal::from_tcf(vec![], 7), 2);
    assert_eq!(refused(&verdict_with_sites(&ad, RUNNING_PAGE, &TRAVEL_PAGES, &sites)), None);
}

#[test]
fn an_ad_picked_for_you_where_the_user_opted_out_says_so() {
    let mut ad = item(None, None, "Book beach holidays and hotels in Greece");
    ad.item_type = ItemType::Ad;
    let mut sites = SiteRecords::default();
    sites.record("news.example", "doubleclick.net", true, 0);
    let opted_out = |v: &Verdict| {
        v.evidence.iter().find_map(|e| match &e.reason {
            Reason::TargetedAdsOptedOut { opt_outs } => Some((opt_outs.clone(), e.sentence.clone())),
            _ => None,
        })
    };
    let us = |opted_out: Vec<OptOut>| ConsentSignal {
        framework: crate::consent::Framework::Gpp,
        refused: Vec::new(),
        opted_out,
        cmp_id: None,
    };
    sites.record_consent("news.example", us(vec![OptOut::Sale, OptOut::TargetedAdvertising]), 1);
    let v = verdict_with_sites(&ad, RUNNING_PAGE, &TRAVEL_PAGES, &sites);
    assert_eq!(v.kind, Kind::Behavioural);
    assert_eq!(
        opted_out(&v),
        Some((
            vec![OptOut::Sale, OptOut::TargetedAdvertising],
            "This site told ad companies you opted out of the sale of your data and targeted advertising (US privacy choices)"
                .to_owned()
        ))
    );
    assert!(!v.evidence.iter().any(|e| matches!(e.reason, Reason::PersonalisedAdsRefused { .. })));
    // Opted out of nothing: nothing said.
    sites.record_consent("news.example", us(Vec::new()), 2);
    assert_eq!(opted_out(&verdict_with_sites(&ad, RUNNING_PAGE, &TRAVEL_PAGES, &sites)), None);
}

#[test]
fn an_ad_picked_for_you_on_a_page_the_browser_sent_global_privacy_control_says_so() {
    let mut ad = item(None, None, "Book beach holidays and hotels in Greece");
    ad.item_type = ItemType::Ad;
    let sites = SiteRecords::default();
    let gpc =
        |v: &Verdict| v.evidence.iter().find(|e| e.reason == Reason::GlobalPrivacyControl).map(|e| e.sentence.clone());
    let plain = verdict_in(&ad, RUNNING_PAGE, &TRAVEL_PAGES, &sites, false);
    assert_eq!(gpc(&plain), None, "not sent, nothing said");
    let v = verdict_in(&ad, RUNNING_PAGE, &TRAVEL_PAGES, &sites, true);
    assert_eq!((v.kind, v.confidence), (plain.kind, plain.confidence), "the kind and how sure stay");
    assert_eq!(v.kind, Kind::Behavioural);
    assert_eq!(
        gpc(&v).as_deref(),
        Some("Your browser asked this site not to sell or share your data (Global Privacy Control)")
    );
    // Not for an ad about the page, nor for a widget.
    let about_page = verdict_in(&ad, TRAVEL_PAGES[0], &TRAVEL_PAGES, &sites, true);
    assert_eq!((about_page.kind, gpc(&about_page)), (Kind::Contextual, None));
    let widget = verdict_in(&item(None, None, &ad.text), RUNNING_PAGE, &TRAVEL_PAGES, &sites, true);
    assert_eq!((widget.kind, gpc(&widget)), (Kind::Behavioural, None));
}

#[test]
fn a_non_personalised_request_is_contextual() {
    let mut ad = item(None, None, "Book beach holidays and hotels in Greece");
    ad.non_personalised = true;
    let v = verdict(&ad, RUNNING_PAGE, &TRAVEL_PAGES);
    assert_eq!(v.kind, Kind::Contextual);
    assert_eq!(v.evidence[0].reason, Reason::NonPersonalisedRequest);
}

#[test]
fn a_for_you_widget_needs_a_profile() {
    let widget = item(Some("Recommended for you"), None, "");
    assert_eq!(verdict(&widget, RUNNING_PAGE, &TRAVEL_PAGES).kind, Kind::Behavioural);
    let v = verdict(&widget, RUNNING_PAGE, &[]);
    assert_eq!(v.kind, Kind::Generic);
    assert!(v.evidence.iter().any(|e| e.reason == Reason::NoProfileYet));
}

#[test]
fn item_to_item_and_trending_widgets() {
    let also = item(Some("Customers who viewed this item also viewed"), None, "");
    assert_eq!(verdict(&also, RUNNING_PAGE, &TRAVEL_PAGES).kind, Kind::Contextual);
    let trending = item(Some("Trending"), None, "Beach hotels");
    assert_eq!(verdict(&trending, RUNNING_PAGE, &TRAVEL_PAGES).kind, Kind::Generic);
}

#[test]
fn a_widget_heading_that_says_nothing_of_how_it_picks_leaves_it_to_the_evidence() {
    let about_the_page = verdict(&item(Some("Around the web"), None, "Trail running shoes"), RUNNING_PAGE, &[]);
    assert_eq!(about_the_page.kind, Kind::Contextual);
    let about_nothing = verdict(&item(Some("You may also like"), None, "Ten facts"), RUNNING_PAGE, &[]);
    assert_eq!(about_nothing.kind, Kind::Generic);
    assert!(about_nothing.evidence.iter().any(|e| e.reason == Reason::NoTargetingEvidence));
}

#[test]
fn garbage_features_get_a_generic_verdict() {
    let junk = item(None, None, &"\u{0}\u{fffd}☃ ".repeat(100));
    assert_eq!(verdict(&junk, "", &[]).kind, Kind::Generic);
}
