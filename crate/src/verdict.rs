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
mod tests;
