//! What a verdict says: the four kinds, and the typed reasons behind one,
//! each with its parameters and a plain sentence (the export's schema
//! defines each; the shell localises them from their type).

use serde::{Deserialize, Serialize};

use crate::consent::OptOut;
use crate::sensitive::SpecialCategory;

/// Why an ad or widget is shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
        /// The phrase found, as the lexicon keeps it (lower-case).
        phrase: String,
        /// The heading as the page writes it ("Recently Viewed").
        heading: String,
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
    /// The item is about the same topic as the page.
    TopicMatchesPage {
        /// The topic's id.
        topic: String,
        /// The item's words that say so.
        words: Vec<String>,
    },
    /// The item's topic is one of the user's interests.
    TopicMatchesProfile {
        /// The topic's id.
        topic: String,
        /// Its share of the user's profile, 0 to 1.
        share: f64,
        /// The special category of personal data the topic can reveal, if
        /// it is a sensitive one ([`crate::sensitive`]).
        #[serde(skip_serializing_if = "Option::is_none")]
        reveals: Option<SpecialCategory>,
    },
    /// The item's topic is not the page's.
    TopicDiffersFromPage {
        /// The item's topic.
        topic: String,
        /// The page's topic, if it has a clear one.
        page_topic: Option<String>,
    },
    /// The ad was requested as non-personalised (`npa=1`).
    NonPersonalisedRequest,
    /// The page shares cross-site user IDs with ad networks, so a profile
    /// of the user can follow them here.
    CrossSiteIdsPresent {
        /// The identity providers the page talked to.
        providers: Vec<String>,
    },
    /// The site told the ad companies it called that the user did not
    /// consent to personalised ads (IAB TCF, [`crate::consent`]), yet the
    /// ad is behavioural or retargeted.
    PersonalisedAdsRefused {
        /// The TCF purposes personalised ads need that were not consented
        /// to (3: create a personalised ads profile; 4: use profiles to
        /// select personalised ads).
        purposes: Vec<u8>,
    },
    /// The site told the ad companies it called that the user opted out of
    /// the sale of their data, its sharing, or targeted advertising (IAB
    /// GPP or US Privacy, [`crate::consent`]), yet the ad is behavioural or
    /// retargeted.
    TargetedAdsOptedOut {
        /// What the user opted out of.
        opt_outs: Vec<OptOut>,
    },
    /// The user's browser asked the site not to sell or share their data
    /// (Global Privacy Control), yet the ad is behavioural or retargeted.
    GlobalPrivacyControl,
    /// A "for you" widget, but the browsing seen so far makes no profile.
    NoProfileYet,
    /// Nothing points to personal or page-based targeting.
    NoTargetingEvidence,
}
