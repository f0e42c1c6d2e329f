//! Why an item is shown: the four kinds, the evidence for each, and the
//! classifier that weighs it.
//!
//! A wrong "this is following you" is worse than "not sure", so anything
//! without evidence is [`Kind::Generic`].

use serde::Serialize;

use crate::detect::FoundItem;
use crate::lexicon::PhraseHint;
use crate::retargeting::{self, Memory};

/// Version of the classification rules; carried by every verdict.
pub const CLASSIFIER_VERSION: &str = "adlens-classifier/0.2";

/// Why an ad or widget is shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Because of the page being read.
    Contextual,
    /// Because of an interest profile built from the user's browsing.
    Behavioural,
    /// Because the user looked at this product or shop before.
    Retargeted,
    /// Not enough evidence for any of the above.
    Generic,
}

impl Kind {
    /// All kinds, in display order.
    pub const ALL: [Kind; 4] = [Kind::Contextual, Kind::Behavioural, Kind::Retargeted, Kind::Generic];
}

/// One reason behind a verdict, with its parameters and a plain sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// The typed reason with its parameters.
    #[serde(flatten)]
    pub reason: Reason,
    /// The reason in plain English (the shell localises from `reason`).
    pub sentence: String,
}

/// A typed reason. Serialized with a `type` tag so the shell can localise it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum Reason {
    /// The item shows a product the user viewed.
    ViewedProduct {
        /// The product's name.
        product: String,
        /// The shop.
        shop: String,
        /// When, epoch milliseconds.
        viewed_at: u64,
    },
    /// The item leads to a shop the user visited.
    VisitedShop {
        /// The shop.
        shop: String,
        /// When, epoch milliseconds.
        visited_at: u64,
    },
    /// A retargeting company served it.
    RetargetingVendor {
        /// The vendor.
        vendor: String,
    },
    /// The shop told a vendor about the user's visit.
    RemarketingTagSeen {
        /// The shop.
        shop: String,
        /// The vendor told.
        vendor: String,
        /// What it was told (`viewItem`…).
        event: String,
    },
    /// The widget's heading says what it is.
    LabelPhrase {
        /// The phrase found.
        phrase: String,
        /// Its language.
        language: String,
        /// The kind the phrase implies, if it implies one.
        implied: Option<Kind>,
    },
    /// A known vendor or ad network serves the item.
    ServedBy {
        /// The vendor.
        vendor: String,
    },
    /// Nothing points to personal or page-based targeting.
    NoTargetingEvidence,
}

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
    /// The rules that produced it.
    pub classifier_version: &'static str,
}

/// Classifies one item from what is known about it and what the user's
/// local memory holds.
pub fn classify(item: &FoundItem, memory: Memory<'_>) -> Verdict {
    let mut evidence = Vec::new();
    let mut kind = Kind::Generic;
    let mut confidence = 0.5;
    if let Some((sure, reasons)) = retargeting::evidence(item, memory) {
        kind = Kind::Retargeted;
        confidence = sure;
        evidence.extend(reasons);
    }
    if let Some(label) = &item.label {
        let implied = implied_kind(label.hint);
        evidence.push(Evidence {
            sentence: format!("The section is headed \"{}\"", label.phrase),
            reason: Reason::LabelPhrase { phrase: label.phrase.to_owned(), language: label.lang.to_owned(), implied },
        });
        if let (Some(k), Kind::Generic) = (implied, kind) {
            kind = k;
            confidence = 0.6;
        }
    }
    if let Some(vendor) = item.vendor {
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
    Verdict { kind, confidence, evidence, classifier_version: CLASSIFIER_VERSION }
}

fn implied_kind(hint: PhraseHint) -> Option<Kind> {
    match hint {
        PhraseHint::Behavioural => Some(Kind::Behavioural),
        PhraseHint::Retargeted => Some(Kind::Retargeted),
        PhraseHint::Contextual => Some(Kind::Contextual),
        PhraseHint::Generic | PhraseHint::AdMarker => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::match_label;
    use crate::vendors::ItemType;

    fn item(label: Option<&str>, vendor: Option<&'static str>) -> FoundItem {
        FoundItem {
            key: 0,
            item_type: ItemType::Recommendation,
            source: crate::page::CandidateSource::Heading,
            vendor,
            network: None,
            label: label.and_then(match_label),
            landing_url: None,
            landing_domain: None,
            first_party: false,
            text: String::new(),
            images: vec![],
            rect: crate::page::Rect::default(),
            frames: vec![],
        }
    }

    fn nothing<T>(f: impl FnOnce(Memory<'_>) -> T) -> T {
        let (products, sites) = (Default::default(), Default::default());
        f(Memory { products: &products, sites: &sites, now_ms: 0 })
    }

    #[test]
    fn recently_viewed_widget_is_retargeted() {
        let v = nothing(|m| classify(&item(Some("Recently viewed"), None), m));
        assert_eq!(v.kind, Kind::Retargeted);
        assert!(matches!(v.evidence[0].reason, Reason::LabelPhrase { .. }));
    }

    #[test]
    fn a_bare_vendor_slot_stays_generic() {
        let v = nothing(|m| classify(&item(None, Some("Google Ad Manager")), m));
        assert_eq!(v.kind, Kind::Generic);
        assert_eq!(v.classifier_version, CLASSIFIER_VERSION);
        assert!(v.evidence.iter().any(|e| e.reason == Reason::NoTargetingEvidence));
    }
}
