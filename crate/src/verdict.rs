//! Why an item is shown: the classifier that weighs the evidence (the
//! kinds and reasons it names are in [`crate::reasons`]).
//!
//! A wrong "this is following you" is worse than "not sure", so anything
//! without evidence is [`Kind::Generic`].

use serde::Serialize;

use crate::detect::FoundItem;
use crate::lexicon::PhraseHint;
use crate::profile::Interests;
use crate::retargeting::{self, Memory};
use crate::topical::{self, item_topics, TopicFinding, PROFILE_MIN_WEIGHT};
use crate::topics::{TopicMatcher, Topics};
use crate::vendors::ItemType;

mod consent_evidence;
use consent_evidence::{consent_evidence, gpc_evidence};

pub use crate::reasons::{Evidence, Kind, Reason};

/// Version of the classification rules; carried by every verdict.
pub const CLASSIFIER_VERSION: &str = "adlens-classifier/0.5";

/// The classifier's answer for one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// The kind.
    pub kind: Kind,
    /// How sure, 0 to 1.
    pub confidence: f64,
    /// Reasons, strongest first.
    pub evidence: Vec<Evidence>,
    /// The item's topics (from its text and landing page).
    pub topics: Topics,
    /// The rules that produced it.
    pub classifier_version: &'static str,
}

/// Everything besides the item that a verdict depends on.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Products, sites and visits the user's browsing left on the device.
    pub memory: Memory<'a>,
    /// The compiled topic lexicon.
    pub matcher: &'a TopicMatcher,
    /// The page's topics.
    pub page_topics: &'a Topics,
    /// The user's interests as of now.
    pub interests: &'a Interests,
    /// The page's language, if it names one.
    pub lang: Option<&'a str>,
    /// The page's site (registrable domain).
    pub site: &'a str,
    /// The browser sent the page Global Privacy Control.
    pub gpc: bool,
}

/// Classifies one item from what is known about it, the page it is on and
/// what the user's local memory holds. Rules, strongest first:
/// 1. it shows a product or shop the user visited → retargeted; so is a
///    "recently viewed" widget;
/// 2. its ad request asked for no personalisation, or it is an item-to-item
///    widget ("customers who viewed this…") → contextual;
/// 3. "trending"-type widgets → generic; "for you" widgets → behavioural when
///    there is a profile to pick from, else generic;
/// 4. its topic is the page's → contextual; else one of the user's interests
///    → behavioural;
/// 5. anything else → generic.
pub fn classify(item: &FoundItem, ctx: Context<'_>) -> Verdict {
    let topics = item_topics(ctx.matcher, item, ctx.lang);
    let mut evidence = Vec::new();
    let implied = item.label.as_ref().and_then(|l| implied_kind(l.hint));
    let label_evidence = item.label.as_ref().map(|label| Evidence {
        sentence: format!("The section is headed \"{}\"", label.heading),
        reason: Reason::LabelPhrase {
            phrase: label.phrase.to_owned(),
            heading: label.heading.clone(),
            language: label.lang.to_owned(),
            implied: implied_kind(label.hint),
        },
    });
    let finding = topical::compare(&topics, ctx.page_topics, ctx.interests);

    let (kind, mut confidence) = if let Some((sure, reasons)) = retargeting::evidence(item, ctx.memory) {
        evidence.extend(reasons);
        (Kind::Retargeted, sure)
    } else if implied == Some(Kind::Retargeted) {
        // The shop's own "recently viewed": it says so itself.
        (Kind::Retargeted, 0.75)
    } else if item.non_personalised {
        evidence.push(Evidence {
            sentence: "The ad was requested as non-personalised".into(),
            reason: Reason::NonPersonalisedRequest,
        });
        (Kind::Contextual, 0.9)
    } else if implied == Some(Kind::Contextual) {
        if let TopicFinding::MatchesPage(e, _) = finding {
            evidence.push(e);
        }
        (Kind::Contextual, 0.8)
    } else if implied == Some(Kind::Generic) {
        (Kind::Generic, 0.7)
    } else if implied == Some(Kind::Behavioural) {
        if ctx.interests.weight >= PROFILE_MIN_WEIGHT {
            match finding {
                TopicFinding::MatchesProfile(reasons, _) => {
                    evidence.extend(reasons.into_iter().take(1));
                    (Kind::Behavioural, 0.8)
                }
                _ => (Kind::Behavioural, 0.65),
            }
        } else {
            evidence.push(Evidence {
                sentence: "It says \"for you\", but your browsing so far gives it no profile to pick from".into(),
                reason: Reason::NoProfileYet,
            });
            (Kind::Generic, 0.55)
        }
    } else {
        match finding {
            TopicFinding::MatchesPage(e, sure) => {
                evidence.push(e);
                (Kind::Contextual, sure)
            }
            TopicFinding::MatchesProfile(reasons, sure) => {
                evidence.extend(reasons);
                (Kind::Behavioural, sure)
            }
            TopicFinding::Unrelated(e) => {
                evidence.push(e);
                (Kind::Generic, 0.5)
            }
            TopicFinding::Unclear => (Kind::Generic, 0.5),
        }
    };
    // The heading comes first when it decided the kind, after the memory
    // evidence otherwise.
    if kind == Kind::Behavioural {
        let providers = ctx.memory.sites.identity_providers(ctx.site);
        if !providers.is_empty() {
            confidence = (confidence + 0.05).min(0.9);
            evidence.push(Evidence {
                sentence: format!("This site lets ad networks recognise you across sites ({})", providers.join(", ")),
                reason: Reason::CrossSiteIdsPresent { providers: providers.iter().map(|p| (*p).to_owned()).collect() },
            });
        }
    }
    // Ads only: a widget's personalisation is a purpose of its own (TCF 5, 6).
    if matches!(kind, Kind::Behavioural | Kind::Retargeted) && item.item_type == ItemType::Ad {
        if let Some(consent) = ctx.memory.sites.consent(ctx.site) {
            evidence.extend(consent_evidence(consent));
        }
        if ctx.gpc {
            evidence.push(gpc_evidence());
        }
    }
    if let Some(label) = label_evidence {
        let at = if implied == Some(kind) && kind != Kind::Retargeted { 0 } else { evidence.len() };
        evidence.insert(at.min(evidence.len()), label);
    }
    let vendor_named = evidence.iter().any(|e| matches!(e.reason, Reason::RetargetingVendor { .. }));
    if let (Some(vendor), false) = (item.vendor, vendor_named) {
        evidence.push(Evidence {
            sentence: format!("Served by {vendor}"),
            reason: Reason::ServedBy { vendor: vendor.to_owned() },
        });
    }
    if kind == Kind::Generic {
        evidence.push(Evidence {
            sentence: "Nothing suggests it was chosen for this page or for you".into(),
            reason: Reason::NoTargetingEvidence,
        });
    }
    // Three decimals: the same number natively and in JS, and readable.
    let confidence = (confidence * 1000.0).round() / 1000.0;
    Verdict { kind, confidence, evidence, topics, classifier_version: CLASSIFIER_VERSION }
}

fn implied_kind(hint: PhraseHint) -> Option<Kind> {
    match hint {
        PhraseHint::Behavioural => Some(Kind::Behavioural),
        PhraseHint::Retargeted => Some(Kind::Retargeted),
        PhraseHint::Contextual => Some(Kind::Contextual),
        PhraseHint::Generic => Some(Kind::Generic),
        PhraseHint::Widget | PhraseHint::AdMarker => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::{ConsentSignal, OptOut};
    use crate::lexicon::match_label;
    use crate::products::ProductMemory;
    use crate::profile::InterestProfile;
    use crate::sensitive::SpecialCategory;
    use crate::sites::SiteRecords;

    fn item(label: Option<&str>, vendor: Option<&'static str>, text: &str) -> FoundItem {
        FoundItem {
            element_id: None,
            key: 0,
            item_type: ItemType::Recommendation,
            source: crate::page::CandidateSource::Heading,
            vendor,
            network: None,
            label: label.and_then(match_label),
            landing_url: None,
            landing_domain: None,
            first_party: false,
            text: text.to_owned(),
            images: vec![],
            rect: crate::page::Rect::default(),
            frames: vec![],
            non_personalised: false,
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
        let travel =
            verdict(&item(None, None, "Book beach holidays and hotels in Greece"), RUNNING_PAGE, &TRAVEL_PAGES);
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
                "This site told ad companies you did not consent to personalised ads (IAB TCF purposes 3 and 4)"
                    .to_owned()
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
        let gpc = |v: &Verdict| {
            v.evidence.iter().find(|e| e.reason == Reason::GlobalPrivacyControl).map(|e| e.sentence.clone())
        };
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
}
