//! What a site told the ad companies it loads about the user's privacy
//! choices, as far as personalised ads go.
//!
//! Sites pass the choice made in their consent banner or privacy settings
//! to every ad company they call, in the request:
//! - in the EU, an IAB TCF string (`gdpr_consent=…`, the parameter Google's
//!   ad requests, Prebid's bidders and Criteo use). Personalised ads need two
//!   of its purposes: 3, "create a personalised ads profile", and 4, "use
//!   profiles to select personalised ads"; since TCF 2.2 neither can rest on
//!   "legitimate interest", only on consent ([`tcf`]);
//! - in the US, an IAB GPP string (`gpp=…`, with the sections that apply in
//!   `gpp_sid=…`), whose US sections say whether the user opted out of the
//!   sale of their data, of its sharing, or of targeted advertising; or the
//!   older US Privacy string (`us_privacy=1YYN`: opted out of sale) ([`us`]).
//!
//! A behavioural or retargeted ad on a site that told the ad companies the
//! user refused personalised ads, or opted out of them, is worth a user's
//! attention.

mod tcf;
mod us;

use serde::{Deserialize, Serialize};
use url::Url;

pub use tcf::decode as decode_tcf;
pub use us::{decode_gpp, decode_us_privacy};

/// The TCF purposes personalised ads need: 3 (create a personalised ads
/// profile) and 4 (use profiles to select personalised ads).
pub const PERSONALISED_ADS_PURPOSES: [u8; 2] = [3, 4];

/// Longest consent string decoded: a real TC or GPP string with its vendor
/// ranges is a few kB; anything longer is not one.
const MAX_STRING_BYTES: usize = 16 * 1024;

/// Which framework a request's consent came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// IAB TCF v2 (`gdpr_consent=`).
    #[default]
    Tcf,
    /// IAB Global Privacy Platform (`gpp=`).
    Gpp,
    /// IAB US Privacy, the CCPA string (`us_privacy=`).
    Usp,
}

impl Framework {
    /// Its name in exports and ids (`tcf`, `gpp`, `usp`).
    pub fn as_str(self) -> &'static str {
        match self {
            Framework::Tcf => "tcf",
            Framework::Gpp => "gpp",
            Framework::Usp => "usp",
        }
    }
}

/// What a user can opt out of under US state privacy laws, as the IAB's
/// US strings say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptOut {
    /// The sale of their personal data.
    Sale,
    /// Its sharing for cross-context behavioural advertising (California).
    Sharing,
    /// Its processing for targeted advertising.
    TargetedAdvertising,
}

impl OptOut {
    /// Its name in exports and ids (`sale`, `sharing`, `targeted_advertising`).
    pub fn as_str(self) -> &'static str {
        match self {
            OptOut::Sale => "sale",
            OptOut::Sharing => "sharing",
            OptOut::TargetedAdvertising => "targeted_advertising",
        }
    }
}

/// The consent a request passed on, as far as personalised ads go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentSignal {
    /// The framework it came in.
    #[serde(default)]
    pub framework: Framework,
    /// The purposes personalised ads need that the user did not consent to
    /// (of [`PERSONALISED_ADS_PURPOSES`], TCF); empty when they consented to
    /// both, or no TCF string applied.
    pub refused: Vec<u8>,
    /// What the user opted out of (US strings), in [`OptOut`] order; empty
    /// when they opted out of nothing, or no US string applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opted_out: Vec<OptOut>,
    /// The consent banner's id in the IAB's list of CMPs (TCF strings carry
    /// it; US strings do not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cmp_id: Option<u16>,
}

impl ConsentSignal {
    /// A TCF string's answer: the purposes refused, and its CMP.
    pub fn from_tcf(refused: Vec<u8>, cmp_id: u16) -> Self {
        ConsentSignal { framework: Framework::Tcf, refused, opted_out: Vec::new(), cmp_id: Some(cmp_id) }
    }

    /// Whether the user refused (or never gave) consent to personalised
    /// ads, or opted out of them.
    pub fn refuses_personalised_ads(&self) -> bool {
        !self.refused.is_empty() || !self.opted_out.is_empty()
    }
}

/// The consent a request URL carries, if it carries a valid one that
/// applies: a TCF string unless `gdpr=0` says the GDPR does not apply there,
/// else a GPP string with a section that applies, else a US Privacy string
/// that applies (`1---` does not). A string that does not decode says
/// nothing.
pub fn consent_in(url: &str) -> Option<ConsentSignal> {
    // Most requests carry none: substring tests before any parsing (this
    // runs for every request).
    if !url.contains("gdpr_consent=") && !url.contains("gpp=") && !url.contains("us_privacy=") {
        return None;
    }
    let url = Url::parse(url).ok()?;
    let mut gdpr_applies = true;
    let (mut tc, mut gpp, mut gpp_sid, mut usp) = (None, None, None, None);
    for (name, value) in url.query_pairs() {
        if value.is_empty() || value.len() > MAX_STRING_BYTES {
            continue;
        }
        let slot = match name.as_ref() {
            "gdpr" => {
                gdpr_applies = value != "0";
                continue;
            }
            "gdpr_consent" => &mut tc,
            "gpp" => &mut gpp,
            "gpp_sid" => &mut gpp_sid,
            "us_privacy" => &mut usp,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value.into_owned());
        }
    }
    let from_tcf = tc.filter(|_| gdpr_applies).and_then(|s| decode_tcf(&s));
    from_tcf
        .or_else(|| gpp.and_then(|s| decode_gpp(&s, gpp_sid.as_deref())))
        .or_else(|| usp.and_then(|s| decode_us_privacy(&s)))
}

/// A repeatable pseudo-random source for the readers' garbage tests: each
/// call gives a number below its argument.
#[cfg(test)]
pub(crate) fn pseudo_random(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).unwrap_or(0) % n
    }
}

#[cfg(test)]
mod tests {
    use super::tcf::tests::NOTHING;
    use super::*;

    #[test]
    fn a_request_carries_its_consent_unless_the_gdpr_does_not_apply() {
        let ad =
            format!("https://securepubads.g.doubleclick.net/gampad/ads?iu=%2F1%2Fnews&gdpr=1&gdpr_consent={NOTHING}");
        let signal = consent_in(&ad).expect("a TCF string");
        assert_eq!((signal.framework, signal.refused.clone()), (Framework::Tcf, vec![3, 4]));
        assert!(signal.refuses_personalised_ads());
        assert_eq!(consent_in(&ad.replace("gdpr=1", "gdpr=0")), None);
        assert_eq!(consent_in("https://securepubads.g.doubleclick.net/gampad/ads?iu=%2F1%2Fnews"), None);
        assert_eq!(consent_in(&format!("https://a.example/?gdpr_consent={}", "C".repeat(MAX_STRING_BYTES + 1))), None);
    }

    #[test]
    fn a_us_request_carries_its_opt_outs() {
        // GPP: the US national section, opted out of sale, sharing and targeted advertising.
        let gpp = "https://ib.adnxs.com/ut/v3?gdpr=0&gpp=DBABLA~BVVVVVVVVWA&gpp_sid=7";
        let signal = consent_in(gpp).expect("a GPP string");
        assert_eq!(signal.framework, Framework::Gpp);
        assert_eq!(signal.opted_out, vec![OptOut::Sale, OptOut::Sharing, OptOut::TargetedAdvertising]);
        assert_eq!(signal.cmp_id, None);
        // A section that does not apply to this request says nothing.
        assert_eq!(consent_in(&gpp.replace("gpp_sid=7", "gpp_sid=8")), None);
        assert_eq!(consent_in(&gpp.replace("gpp_sid=7", "gpp_sid=-1")), None);
        // The older US Privacy string: opted out of sale.
        let usp = consent_in("https://ads.example/bid?us_privacy=1YYN").expect("a US Privacy string");
        assert_eq!((usp.framework, usp.opted_out), (Framework::Usp, vec![OptOut::Sale]));
        assert_eq!(consent_in("https://ads.example/bid?us_privacy=1---"), None, "not applicable");
        let kept = consent_in("https://ads.example/bid?us_privacy=1YNN").expect("did not opt out");
        assert!(!kept.refuses_personalised_ads());
        // A TCF string that applies comes first.
        let both =
            consent_in(&format!("https://a.example/?gdpr=1&gdpr_consent={NOTHING}&us_privacy=1YYN")).expect("both");
        assert_eq!(both.framework, Framework::Tcf);
    }
}
